"""A person's network report: every section from the person view, recorded text as
text, and (in a real headless Chromium) the map draws with no request leaving the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetmap.report import person_report, trend_chart
from graph.errors import AssetmapError
from graph.model import Role
from graph.neo4j_store import Neo4jStore
from graph.scope import Scope

from ..conftest import TEST_ACTOR
from .helpers import load_everything

SYSTEM = Scope.system(TEST_ACTOR)
REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SECTIONS = ("map", "ties", "single-points", "plan", "isolation", "triggers", "history")


def test_report_has_every_section_and_the_network_of_that_date(store: Neo4jStore,
                                                               tmp_path: Path) -> None:
    load_everything(store, tmp_path)
    html = person_report(store, SYSTEM, "C-0001", as_of="2025-10-01")
    for section in SECTIONS:
        assert f'<section id="{section}">' in html
    assert "Support network report: Edna Clarke" in html
    assert "Mo Ahmed" in html and "<td>Sue Patel</td>" not in html  # Sue left in September
    assert 'src="http' not in html and 'href="http' not in html
    # The isolation chart: a panel per scale, each with its cut-off line where it has one
    # (informal ties and contacts always have the network rule's).
    assert 'aria-label="Informal ties in use' in html and 'class="cut-off"' in html
    earlier = person_report(store, SYSTEM, "C-0001", as_of="2025-06-01")
    assert "<td>Sue Patel</td>" in earlier and "<td>Mo Ahmed</td>" not in earlier


def test_recorded_text_is_shown_as_text(store: Neo4jStore, tmp_path: Path) -> None:
    load_everything(store, tmp_path)
    html = person_report(store, SYSTEM, "C-0009", as_of="2025-10-01")
    assert "<img src=" not in html
    assert "rang &lt;img src=&#34;http://example.invalid/pixel.png&#34;&gt;" in html
    assert "-1 carer on Sundays; @ the day centre" in html


def test_report_is_scoped(store: Neo4jStore, tmp_path: Path) -> None:
    load_everything(store, tmp_path)
    for scope in (None, Scope("c", Role.COMMISSIONER), Scope("p", Role.PRACTITIONER, "PR-99")):
        with pytest.raises(AssetmapError):
            person_report(store, scope, "C-0001", as_of="2025-10-01")


@pytest.mark.browser
def test_report_renders_in_chromium_with_no_requests(store: Neo4jStore,
                                                     tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)")
    load_everything(store, tmp_path)
    report = tmp_path / "report.html"
    report.write_text(person_report(store, SYSTEM, "C-0009", as_of="2025-10-01"),
                      encoding="utf-8")
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 900})
            context.on("request", lambda request: requests.append(request.url))
            page = context.new_page()
            page.goto(report.as_uri(), wait_until="load")
            # Asked of the iframe element: Playwright's own list of frames can lag the
            # load event on a starved machine (seen at load average 10 with nice 19).
            iframe = page.wait_for_selector("iframe", state="attached", timeout=20000)
            frame = iframe.content_frame() if iframe is not None else None
            assert frame is not None
            frame.wait_for_selector("body[data-drawn='1']", state="attached", timeout=20000)
            drawn = frame.evaluate("""() => {
                const canvas = document.querySelector('#network-map canvas');
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width,
                                                                  canvas.height).data;
                let painted = 0;
                for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) painted++; }
                return painted;
            }""")
            headings = page.locator("h2").all_inner_texts()
            (REPO / "test-output").mkdir(exist_ok=True)
            page.screenshot(path=str(REPO / "test-output" / "person_report.png"), full_page=True)
        finally:
            browser.close()
    assert drawn > 500
    assert headings[:3] == ["Network map", "Ties on 2025-10-01", "Single points of failure"]
    assert requests and all(url.startswith(("file://", "about:", "data:")) for url in requests), \
        requests


def test_the_trend_chart_draws_each_scale_its_cut_off_and_the_at_risk_months() -> None:
    # Two months, a 640 x 120 panel with a 24 margin: plot 592 x 72, a month band
    # 592 / 2 = 296 wide, points at the band centres x = 24 + 148 = 172 and 24 + 444 = 468.
    # LSNS-6 on 0–30: 14 at y = 24 + 72 * (1 - 14/30) = 62.4, 9 at 24 + 72 * 0.7 = 74.4,
    # the cut-off 12 at 24 + 72 * 0.6 = 67.2. June is at risk: one shade from x = 24 + 296.
    months = [{"month": "2025-05", "at_risk": False, "lsns6": 14.0, "informal_ties": 1,
               "contacts": 6.0, "crisis_contacts": 0},
              {"month": "2025-06", "at_risk": True, "lsns6": 9.0, "informal_ties": 1,
               "contacts": 6.0, "crisis_contacts": 0}]
    chart = trend_chart(months)
    lsns6 = chart["panels"][0]
    assert lsns6["title"].startswith("LSNS-6") and (lsns6["low"], lsns6["high"]) == ("0", "30")
    assert lsns6["dots"] == [(172.0, 62.4), (468.0, 74.4)]
    assert lsns6["cut_off_y"] == 67.2 and lsns6["cut_off_words"] == "at risk below 12"
    assert lsns6["shades"] == [(320.0, 296.0)]
    # Crisis contacts (0–2) has no cut-off; every panel carries the same shaded month.
    crisis = chart["panels"][-1]
    assert crisis["cut_off_y"] is None and crisis["shades"] == [(320.0, 296.0)]
    assert (chart["first"], chart["last"]) == ("2025-05", "2025-06")

"""One real headless Chromium run of `assetmap serve` on the demo area: the person
page's network map draws, and no request leaves localhost."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from graph.neo4j_store import Neo4jStore

from ..conftest import local_store_env

REPO = Path(__file__).resolve().parents[2]
ASSETMAP = REPO / ".venv" / "bin" / "assetmap"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOT = REPO / "test-output" / "person_page.png"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
#: Pixels that must differ from the white background for the map to count as drawn.
MIN_DRAWN_PIXELS = 2000

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_health(url: str, server: subprocess.Popen[str], timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"assetmap serve exited early: {server.stdout.read() if server.stdout else ''}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the dashboard did not answer on {url}")


@pytest.fixture
def served_demo(store: Neo4jStore) -> object:
    """`assetmap demo --no-serve` into the session's (emptied) local Neo4j, then
    `assetmap serve` in demo mode on a free port; stopped with Ctrl-C (SIGINT) afterwards."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)")
    assert store.local_dir is not None
    env = {**local_store_env(store.local_dir), "ASSETMAP_DEMO": "1",
           "ASSETMAP_ACTOR": "browser-test"}
    subprocess.run([str(ASSETMAP), "demo", "--no-serve", "--people", "40"], env=env,
                   check=True, capture_output=True, text=True, timeout=300)
    port = free_port()
    server = subprocess.Popen([str(ASSETMAP), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    url = f"http://localhost:{port}"
    try:
        wait_for_health(url, server)
        yield url, server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            raise
        subprocess.run([str(ASSETMAP), "store", "stop"], env=env, capture_output=True,
                       timeout=60)


def test_person_map_draws_and_nothing_leaves_localhost(served_demo) -> None:
    from playwright.sync_api import sync_playwright

    url, server = served_demo
    requests: list[str] = []
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1100})
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.on("websocket", lambda socket_: requests.append(socket_.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        # A practitioner's first page is the person page, served at the root
        # (Streamlit gives the default page no path of its own).
        page.goto(url, wait_until="domcontentloaded")
        SCREENSHOT.parent.mkdir(exist_ok=True)
        try:
            frame = wait_for_map_frame(page)
        except AssertionError:
            page.screenshot(path=str(SCREENSHOT.with_name("person_page_failed.png")), full_page=True)
            print([f.url for f in page.frames])
            raise
        frame.wait_for_selector("body[data-drawn='1']", timeout=60_000)
        page.wait_for_timeout(2500)  # let the layout settle before the picture
        drawn = frame.evaluate(COUNT_DRAWN_PIXELS)
        page_text = page.inner_text("body")
        page.screenshot(path=str(SCREENSHOT), full_page=True)
        browser.close()

    assert drawn >= MIN_DRAWN_PIXELS, f"the map canvas is (nearly) empty: {drawn} pixels drawn"
    outside = [address for address in requests if not is_local(address)]
    assert requests and outside == [], f"requests left localhost: {outside}"
    assert dialogs == []
    assert "Page not found" not in page_text

    os.killpg(server.pid, signal.SIGINT)
    output, _ = server.communicate(timeout=60)
    assert server.returncode == 0, output
    assert f"open {url}" in output and "assetmap dashboard stopped" in output


def wait_for_map_frame(page, timeout_s: float = 60):  # type: ignore[no-untyped-def]
    """The iframe holding the network map (Streamlit renders it as a srcdoc iframe)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.query_selector("#network-map"):
                    return frame
            except Exception:  # a frame replaced while we look at it
                continue
        page.wait_for_timeout(250)
    raise AssertionError("the network map never appeared on the person page")


def is_local(address: str) -> bool:
    parsed = urlparse(address)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    return parsed.hostname in LOCAL_HOSTS


COUNT_DRAWN_PIXELS = """() => {
  const canvas = document.querySelector('#network-map canvas');
  if (!canvas) return 0;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    const blank = pixels[i + 3] === 0 || (pixels[i] > 245 && pixels[i + 1] > 245 && pixels[i + 2] > 245);
    if (!blank) drawn++;
  }
  return drawn;
}"""

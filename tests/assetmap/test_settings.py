"""Settings: one model read from the environment in one place, the README's table in
step with it, thresholds validated, the password kept out of every repr."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analytics.thresholds import Thresholds
from assetmap.settings import ENVIRONMENT, load_settings
from graph.errors import ConfigError

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_exactly_the_variables_read() -> None:
    table = README.read_text(encoding="utf-8").split("## Settings", 1)[1]
    listed = set(re.findall(r"^\| `([A-Z0-9_]+)` \|", table, flags=re.MULTILINE))
    assert listed == set(ENVIRONMENT)


def test_the_password_never_shows(tmp_path: Path) -> None:
    settings = load_settings({"ASSETMAP_STORE": "bolt://db:7687", "NEO4J_PASSWORD": "s3cret-pw"})
    assert "s3cret-pw" not in repr(settings) and "s3cret-pw" not in str(settings)
    assert settings.neo4j_password.get_secret_value() == "s3cret-pw"


def config(tmp_path: Path, body: str) -> dict[str, str]:
    path = tmp_path / "assetmap.toml"
    path.write_text("[analytics]\n" + body, encoding="utf-8")
    return {"ASSETMAP_CONFIG": str(path)}


def test_thresholds_from_the_file(tmp_path: Path) -> None:
    settings = load_settings(config(tmp_path, "over_reliance_paid_share = 0.7\n"))
    assert settings.analytics == Thresholds(over_reliance_paid_share=0.7)


@pytest.mark.parametrize(("body", "reason"), [
    ("over_reliance_paid_share = 1.5\n", "over_reliance_paid_share: Input should be less"),
    ("review_interval_days = 'a year'\n", "review_interval_days: Input should be a valid integer"),
    ("review_intervall_days = 30\n", "unknown [analytics] setting(s): review_intervall_days"),
    ("missed_in_a_row_trigger = 0\n", "missed_in_a_row_trigger: Input should be greater"),
])
def test_bad_thresholds_are_refused_with_the_reason(tmp_path: Path, body: str,
                                                    reason: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings(config(tmp_path, body))
    assert reason in str(refused.value)


def test_settings_cannot_be_changed_after_reading() -> None:
    settings = load_settings({})
    with pytest.raises(Exception, match="frozen"):
        settings.actor = "someone else"  # type: ignore[misc]


def test_import_limits_default_and_from_the_file(tmp_path: Path) -> None:
    from ingest.limits import ImportLimits

    assert load_settings({}).import_limits == ImportLimits()
    path = tmp_path / "assetmap.toml"
    path.write_text("[import]\nmax_file_mb = 20\nmax_cell_chars = 500\n", encoding="utf-8")
    limits = load_settings({"ASSETMAP_CONFIG": str(path)}).import_limits
    assert (limits.max_file_mb, limits.max_cell_chars, limits.max_shared_strings_mb) == (
        20, 500, 32)
    path.write_text("[import]\nmax_file_gb = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[import\] max_file_gb: Extra inputs"):
        load_settings({"ASSETMAP_CONFIG": str(path)})

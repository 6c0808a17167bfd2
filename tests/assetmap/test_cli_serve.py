"""How the dashboard is served: the options that keep data in the product."""

from __future__ import annotations

from assetmap.cli_serve import streamlit_command


def test_the_tables_offer_no_download_or_copy() -> None:
    """Issue 13: the Ties table's "Download as CSV" wrote formula cells unescaped and
    unaudited; exports go through `assetmap export` instead."""
    command = streamlit_command(8501, "localhost")
    option = command.index("--client.disableDataExport")
    assert command[option + 1] == "true"
    assert command[command.index("--browser.gatherUsageStats") + 1] == "false"


def test_uploads_are_bounded_by_the_import_file_limit() -> None:
    """Issue 13: Streamlit's own bound (200 MB by default) follows ImportLimits."""
    default = streamlit_command(8501, "localhost")
    assert default[default.index("--server.maxUploadSize") + 1] == "256"
    small = streamlit_command(8501, "localhost", max_upload_mb=5)
    assert small[small.index("--server.maxUploadSize") + 1] == "5"

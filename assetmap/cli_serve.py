"""``assetmap serve`` and ``assetmap demo``: the dashboard on the configured store.

Both print the address, run Streamlit as a child process and stop cleanly on Ctrl-C
(or SIGTERM): the child gets SIGINT and time to finish, then the store closes (and a
local Neo4j this process started stops). ``assetmap demo`` also sets
``ASSETMAP_DEMO=1`` for the child, which swaps the login for a "viewing as" selector.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from assetmap import cli_ingest
from assetmap.roles import DEMO_ENV
from assetmap.settings import Settings, load_settings, opened_store
from ingest.limits import ImportLimits

DASHBOARD_ENTRY = Path(__file__).resolve().parent.parent / "dashboards" / "app.py"
#: Seconds Streamlit gets to finish after Ctrl-C before it is terminated.
STOP_GRACE_S = 10.0

Port = Annotated[int, typer.Option("--port", help="Port to serve the dashboard on.")]
Address = Annotated[
    str, typer.Option("--address", help="Interface to listen on (0.0.0.0 inside a container).")
]


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
    app.command("demo")(demo_command)


def streamlit_command(port: int, address: str,
                      max_upload_mb: int = ImportLimits().max_file_mb) -> list[str]:
    """The command that serves the dashboard; no telemetry, no browser, no CDN; an
    upload no bigger than an import file may be (``ImportLimits.max_file_mb``)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(DASHBOARD_ENTRY),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        # Streamlit refuses a bigger upload before it reaches the import page.
        "--server.maxUploadSize", str(max_upload_mb),
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
        # No "Download as CSV" or copy from the tables: an export of person-level data
        # goes through `assetmap export` (formula cells escaped, audited), never a grid.
        "--client.disableDataExport", "true",
        "--theme.base", "light",
    ]


def dashboard_url(port: int, address: str) -> str:
    host = "localhost" if address in ("0.0.0.0", "", "::") else address
    return f"http://{host}:{port}"


def serve_dashboard(settings: Settings, port: int, address: str, *, demo: bool = False) -> None:
    """Serve until Ctrl-C; the store (and a local Neo4j we started) closes after."""
    # A server started here serves as long as the dashboard does: no idle stop.
    with opened_store(settings, stop_server_on_close=True, idle_seconds=0) as store:
        typer.echo(f"assetmap dashboard on {store.description}")
        typer.echo(f"  open {dashboard_url(port, address)}  (Ctrl-C to stop)")
        sys.stdout.flush()
        command = streamlit_command(port, address, settings.import_limits.max_file_mb)
        code = run_until_interrupted(command, child_env(demo=demo))
        typer.echo("assetmap dashboard stopped")
    if code not in (0, -signal.SIGINT, -signal.SIGTERM):
        raise typer.Exit(code if code > 0 else 1)


def child_env(*, demo: bool, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment Streamlit runs with: ours, plus the demo switch for ``demo``."""
    merged = dict(os.environ if env is None else env)
    if demo:
        merged[DEMO_ENV] = "1"
    return merged


def run_until_interrupted(command: list[str], env: Mapping[str, str]) -> int:
    """Run ``command`` until it exits or we are interrupted; return its exit code.

    A terminal's Ctrl-C reaches the child too; SIGTERM reaches only us, so both are
    passed on as SIGINT, Streamlit's own clean shutdown, before waiting for it.
    """
    child = subprocess.Popen(command, env=dict(env))
    previous = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    try:
        return child.wait()
    except KeyboardInterrupt:
        return _stop_child(child)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_keyboard_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _stop_child(child: subprocess.Popen[bytes]) -> int:
    def interrupt() -> None:
        child.send_signal(signal.SIGINT)

    for send in (interrupt, child.terminate, child.kill):
        if child.poll() is None:
            send()
        try:
            return child.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            continue
        except KeyboardInterrupt:  # a second Ctrl-C: stop waiting politely
            continue
    return child.wait()


def serve_command(port: Port = 8501, address: Address = "localhost") -> None:
    """Serve the dashboard on the configured store."""
    serve_dashboard(load_settings(), port, address)


def demo_command(
    port: Port = 8501,
    address: Address = "localhost",
    people: Annotated[int, typer.Option("--people", help="Clients to generate.")] = 300,
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same area.")] = 7,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Load the demo data, then exit.")
    ] = False,
) -> None:
    """Load a synthetic local authority into the store if it is empty, then serve it
    with a "viewing as" selector instead of a login, as of the demo's last day."""
    from ingest.demo import DEMO_END

    # The demo is a snapshot ending DEMO_END: figures are worked as of that day (unless
    # ASSETMAP_TODAY says otherwise), so its trends do not fade as the calendar moves on.
    os.environ.setdefault("ASSETMAP_TODAY", DEMO_END.isoformat())
    settings = load_settings()
    if no_serve:  # a server started here stays up for the next command (idle stop)
        cli_ingest.load_demo_if_empty(settings, people=people, seed=seed)
        return
    # Held for the whole command, so a local Neo4j started while loading stops with Ctrl-C.
    with opened_store(settings, stop_server_on_close=True, idle_seconds=0):
        cli_ingest.load_demo_if_empty(settings, people=people, seed=seed)
        serve_dashboard(settings, port, address, demo=True)

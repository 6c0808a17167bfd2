"""``assetmap serve`` and ``assetmap demo``: the dashboard on the configured store."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from assetmap import cli_ingest
from assetmap.settings import Settings, load_settings, open_store

DASHBOARD_ENTRY = Path(__file__).resolve().parent.parent / "dashboards" / "app.py"

Port = Annotated[int, typer.Option("--port", help="Port to serve the dashboard on.")]
Address = Annotated[
    str, typer.Option("--address", help="Interface to listen on (0.0.0.0 inside a container).")
]


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
    app.command("demo")(demo_command)


def streamlit_command(port: int, address: str) -> list[str]:
    """The command that serves the dashboard; no telemetry, no browser, no CDN."""
    return [
        sys.executable, "-m", "streamlit", "run", str(DASHBOARD_ENTRY),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
    ]


def serve_dashboard(settings: Settings, port: int, address: str) -> None:
    """Serve until Ctrl-C; the store (and an embedded server we started) closes after."""
    store = open_store(settings)
    try:
        typer.echo(f"assetmap dashboard on {store.description}")
        typer.echo(f"  open http://{'localhost' if address in ('0.0.0.0', '') else address}:{port}"
                   "  (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            subprocess.run(streamlit_command(port, address), check=False)
        typer.echo("assetmap dashboard stopped")
    finally:
        store.close()


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
    """Load a synthetic local authority into the store if it is empty, then serve it."""
    settings = load_settings()
    cli_ingest.load_demo_if_empty(settings, people=people, seed=seed)
    if not no_serve:
        serve_dashboard(settings, port, address)

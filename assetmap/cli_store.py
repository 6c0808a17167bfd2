"""``assetmap store ...``: is the store there, what is in it, start and stop it."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from assetmap.settings import load_settings, open_store
from graph.errors import AssetmapError

store_app = typer.Typer(help="Inspect, start and stop the configured store.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(store_app, name="store")


def store_status() -> dict[str, Any]:
    """The store in use, whether it answers, and how many nodes carry each label."""
    settings = load_settings()
    status: dict[str, Any] = {"store": settings.store, "backend": None, "reachable": False,
                              "labels": {}, "relationships": {}, "error": None}
    try:
        store = open_store(settings)
    except AssetmapError as exc:
        status["error"] = str(exc)
        return status
    try:
        status["backend"] = store.backend
        status["description"] = store.description
        status["reachable"] = True
        status["labels"] = {row["label"]: row["nodes"] for row in store.read("store_label_counts")}
        status["relationships"] = {
            row["type"]: row["relationships"] for row in store.read("store_relationship_counts")
        }
    finally:
        store.close()
    return status


@store_app.command("status")
def status_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Print the store in use, whether it is reachable, and counts by label."""
    status = store_status()
    if as_json:
        typer.echo(json.dumps(status, indent=2, sort_keys=True))
    else:
        typer.echo(f"store:     {status.get('description') or status['store']}")
        typer.echo(f"reachable: {'yes' if status['reachable'] else 'no'}")
        if status["error"]:
            typer.echo(f"error:     {status['error']}")
        for label, count in status["labels"].items():
            typer.echo(f"  {label:<12} {count:>9,}")
        for rel_type, count in status["relationships"].items():
            typer.echo(f"  -[{rel_type}]-> {count:>9,}")
    if not status["reachable"]:
        raise typer.Exit(1)


@store_app.command("start")
def start_command() -> None:
    """Start the embedded server and leave it running (stop it with `assetmap store stop`)."""
    settings = load_settings()
    if not settings.is_embedded:
        raise AssetmapError(f"{settings.store} is not an embedded store; nothing to start")
    store = open_store(settings, keep_server=True)
    store.close()
    typer.echo(f"embedded FalkorDB running in {settings.embedded_dir}")


@store_app.command("stop")
def stop_command() -> None:
    """Stop the embedded server of the configured data directory, if it is running."""
    from graph.embedded import EmbeddedServer

    settings = load_settings()
    if not settings.is_embedded:
        raise AssetmapError(f"{settings.store} is not an embedded store; nothing to stop")
    server = EmbeddedServer(settings.embedded_dir)
    if not server.is_running():
        typer.echo("embedded FalkorDB is not running")
        return
    server.stop()
    typer.echo(f"embedded FalkorDB in {settings.embedded_dir} stopped")

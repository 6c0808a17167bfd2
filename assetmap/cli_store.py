"""``assetmap store ...``: is the store there, what is in it, start and stop it."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from assetmap.settings import Settings, load_settings, open_store
from graph.catalogue import schema_statements
from graph.errors import AssetmapError
from graph.local_neo4j import LocalNeo4jServer, java_executable, neo4j_version, runtime_classpath

store_app = typer.Typer(help="Inspect, start and stop the configured store.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(store_app, name="store")


def store_status() -> dict[str, Any]:
    """The store in use, whether it answers, and how many nodes carry each label.

    A stopped local Neo4j is reported as stopped, not started: asking is not a reason
    to take a gigabyte of memory.
    """
    settings = load_settings()
    status: dict[str, Any] = {"store": settings.store, "backend": "neo4j", "reachable": False,
                              "running": None, "labels": {}, "relationships": {}, "error": None}
    if settings.is_local:
        status.update(_local_status(settings))
        if not status["running"]:
            return status
    try:
        store = open_store(settings)
    except AssetmapError as exc:
        status["error"] = str(exc)
        return status
    try:
        status["description"] = store.description
        status["reachable"] = True
        status["labels"] = {row["label"]: row["nodes"] for row in store.read("store_label_counts")}
        status["relationships"] = {
            row["type"]: row["relationships"] for row in store.read("store_relationship_counts")
        }
    finally:
        store.close()
    return status


def _local_status(settings: Settings) -> dict[str, Any]:
    server = LocalNeo4jServer(settings.local_dir, memory=settings.local_memory)
    port = server.running_port()
    found: dict[str, Any] = {"running": port is not None, "version": neo4j_version(),
                             "data_dir": str(server.data_dir)}
    if port is None:
        found["description"] = f"local Neo4j {neo4j_version()} in {server.data_dir} (stopped)"
        try:  # would it start? say now rather than at the next command
            java_executable()
            runtime_classpath(build=False)
        except AssetmapError as exc:
            found["error"] = str(exc)
    return found


@store_app.command("status")
def status_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Print the store in use, whether it is running and reachable, and counts by label."""
    status = store_status()
    if as_json:
        typer.echo(json.dumps(status, indent=2, sort_keys=True))
    else:
        typer.echo(f"store:     {status.get('description') or status['store']}")
        if status["running"] is False:
            typer.echo("running:   no (the next command starts it; or `assetmap store start`)")
        else:
            typer.echo(f"reachable: {'yes' if status['reachable'] else 'no'}")
        if status["error"]:
            typer.echo(f"error:     {status['error']}")
        for label, count in status["labels"].items():
            typer.echo(f"  {label:<12} {count:>9,}")
        for rel_type, count in status["relationships"].items():
            typer.echo(f"  -[{rel_type}]-> {count:>9,}")
    if status["error"] or (status["running"] is not False and not status["reachable"]):
        raise typer.Exit(1)


def _local_settings(action: str) -> Settings:
    settings = load_settings()
    if not settings.is_local:
        raise AssetmapError(f"{settings.store} is an external Neo4j; nothing to {action}",
                            hint="assetmap starts and stops only its local Neo4j")
    return settings


@store_app.command("migrate")
def migrate_command() -> None:
    """Create the store's constraints and indexes where missing (imports do this too)."""
    settings = load_settings()
    store = open_store(settings)
    try:
        store.ensure_schema()
        typer.echo(f"{store.description}: schema in place "
                   f"({len(schema_statements())} schema statements applied)")
    finally:
        store.close()


@store_app.command("install")
def install_command() -> None:
    """Fetch the pinned Neo4j's jars from Maven Central into the cache (once) and build
    the launcher; `make install` runs this."""
    classpath = runtime_classpath()
    typer.echo(f"local Neo4j {neo4j_version()}: {len(classpath.split(':')) - 1} jars ready "
               f"in the cache")


@store_app.command("start")
def start_command() -> None:
    """Start the local Neo4j and leave it running until `assetmap store stop`."""
    settings = _local_settings("start")
    store = open_store(settings, idle_seconds=0)
    store.close()
    typer.echo(f"{store.description}: running")


@store_app.command("stop")
def stop_command() -> None:
    """Stop the local Neo4j of the configured data directory, if it is running."""
    settings = _local_settings("stop")
    server = LocalNeo4jServer(settings.local_dir)
    if not server.stop():
        typer.echo(f"local Neo4j in {server.data_dir} is not running")
        return
    typer.echo(f"local Neo4j in {server.data_dir} stopped")

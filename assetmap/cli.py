"""The ``assetmap`` command line. Each group of commands lives in its own module
and registers itself here; errors from below become one line and a hint."""

from __future__ import annotations

import sys

import typer

from assetmap import cli_analytics, cli_ingest, cli_interop, cli_serve, cli_store
from graph.errors import AssetmapError

app = typer.Typer(
    name="assetmap",
    help="Asset mapping for adult social care: support networks as a governed graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

for module in (cli_store, cli_ingest, cli_analytics, cli_interop, cli_serve):
    module.register(app)


def main() -> None:
    """Entry point of the ``assetmap`` script."""
    try:
        app()
    except AssetmapError as exc:
        print(f"assetmap: error: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"  hint: {exc.hint}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

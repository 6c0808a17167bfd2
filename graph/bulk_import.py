"""Neo4j's bulk importer (``neo4j-admin database import full``) on the local Neo4j's store.

The import tool ships in Neo4j's own artifacts on Maven Central (``org.neo4j:neo4j-import-tool``,
a dependency of ``org.neo4j:neo4j``): it is already on the launcher's class path, and
``org.neo4j.cli.AdminTool`` is the ``neo4j-admin`` command itself. It writes the store
files directly, with the database offline, so the server of the data directory is
stopped first and started again afterwards (on a new port).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph.errors import StoreUnavailable
from graph.local_neo4j import LocalNeo4jServer, java_executable, runtime_classpath

ADMIN_TOOL_CLASS = "org.neo4j.cli.AdminTool"
#: The tool's Java heap; its caches are off heap (``--max-off-heap-memory``).
TOOL_HEAP_MB = 1024
TOOL_OFF_HEAP = "2G"
TOOL_TIMEOUT_S = 6 * 3600.0


@dataclass(frozen=True)
class ImportToolRun:
    """What the import tool did: seconds, and the tail of its output."""

    seconds: float
    output_tail: str


def import_tool_command(server: LocalNeo4jServer, arguments: Sequence[str], *,
                        array_delimiter: str, multiline_files: Sequence[Path] = ()) -> list[str]:
    """The ``neo4j-admin database import full`` command line for the server's database
    (named first: the options taking several files would swallow it at the end)."""
    command = [str(java_executable()), f"-Xmx{TOOL_HEAP_MB}m", "-XX:+UseG1GC",
               "-cp", runtime_classpath(progress=server.progress), ADMIN_TOOL_CLASS,
               "database", "import", "full", "neo4j", "--overwrite-destination=true",
               "--bad-tolerance=0", "--skip-bad-relationships=false",
               "--skip-duplicate-nodes=false", "--strict=true", "--verbose",
               f"--array-delimiter={array_delimiter}", f"--max-off-heap-memory={TOOL_OFF_HEAP}",
               f"--report-file={server.data_dir / 'logs' / 'bulk-import.report'}",
               *arguments]
    if multiline_files:
        # The tool's CSV reader (format v1) takes true or false, not a list of files: the
        # slower multi-line parsing applies to every file once one text holds a line break.
        command.append("--multiline-fields=true")
    return command


def run_import_tool(server: LocalNeo4jServer, command: list[str]) -> ImportToolRun:
    """Run the import tool on the (stopped) server's directory; raise if it fails."""
    if server.is_running():
        raise StoreUnavailable("the bulk import needs the local Neo4j stopped; it is running")
    conf = server.data_dir / "admin-conf"
    conf.mkdir(mode=0o700, exist_ok=True)
    (conf / "neo4j.conf").write_text("# the bulk import's settings: Neo4j's defaults\n",
                                     encoding="utf-8")
    # NEO4J_HOME is the launcher's home: data/databases/neo4j is the database it serves.
    environment = {**os.environ, "NEO4J_HOME": str(server.data_dir), "NEO4J_CONF": str(conf)}
    began = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=environment,
                          cwd=server.data_dir, timeout=TOOL_TIMEOUT_S)
    seconds = time.monotonic() - began
    output = (done.stdout + done.stderr).strip()
    with open(server.data_dir / "logs" / "bulk-import.log", "a", encoding="utf-8") as log:
        log.write(output + "\n")
    tail = "\n".join(output.splitlines()[-8:])
    if done.returncode != 0:
        raise StoreUnavailable(f"neo4j-admin database import failed (exit {done.returncode}): "
                               f"{tail[-600:]}",
                               hint=f"the tool's output: {server.data_dir / 'logs' / 'bulk-import.log'}")
    return ImportToolRun(seconds, tail)


def offline_import(server: LocalNeo4jServer, command: list[str]) -> ImportToolRun:
    """Stop the server and run the import tool, holding the start lock so that no other
    process starts the server on the store while the tool writes it. The database it
    replaces is moved aside first and put back if the tool fails (the tool leaves a failed
    import's store unusable), so a failed load leaves the store as it was."""
    with server._start_lock():  # noqa: SLF001 - the lock of the same data directory
        server.stop()
        store_dirs = [server.data_dir / "data" / folder / "neo4j"
                      for folder in ("databases", "transactions")]
        aside = [folder.with_name("neo4j.before-first-load") for folder in store_dirs]
        for folder, kept in zip(store_dirs, aside, strict=True):
            shutil.rmtree(kept, ignore_errors=True)
            if folder.exists():
                folder.rename(kept)
        try:
            done = run_import_tool(server, command)
        except BaseException:
            for folder, kept in zip(store_dirs, aside, strict=True):
                shutil.rmtree(folder, ignore_errors=True)
                if kept.exists():
                    kept.rename(folder)
            raise
        for kept in aside:
            shutil.rmtree(kept, ignore_errors=True)
        return done

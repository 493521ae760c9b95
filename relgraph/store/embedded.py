"""The embedded store: FalkorDB on a unix socket in the data directory, persisted by RDB snapshots.

Writes to one data directory are serialised by an exclusive flock and end
with `SAVE`; reads hold a shared flock. A writer that dies midway (SIGKILL,
crash) leaves unsaved changes in the server's memory: the next process to
take the lock sees `rdb_changes_since_last_save > 0` and reloads the last
snapshot, so a command's writes land whole or not at all.
"""

from __future__ import annotations

import fcntl
import re
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Callable, Iterable

from relgraph.errors import StoreError
from relgraph.model import GRAPH_NAME
from relgraph.queries import get
from relgraph.store import Statement, Store, Update
from relgraph.store import server
from relgraph.store.compact import decode_rows, gc_paused, params_header

__all__ = ["EmbeddedStore"]

_KEY = re.compile(r"CREATE INDEX FOR \(\w+:(\w+)\) ON \(([^)]*)\)")
# FalkorDB's stream of recent queries with their parameters (load rows included), which a SAVE would keep.
TELEMETRY_KEY = f"telemetry{{{GRAPH_NAME}}}"


class EmbeddedStore:
    dialect = "falkordb"

    def __init__(self, data_dir: Path, start: bool = True):
        self.files = server.prepare_directory(Path(data_dir))
        self._db = None
        self._updating = False  # inside update(): the write lock is held
        if start:
            self._connect()

    def _connect(self):
        if self._db is None:
            from falkordb import FalkorDB

            server.ensure_running(self.files)
            self._db = FalkorDB(unix_socket_path=str(self.files.socket), **server.client_options(server.QUERY_TIMEOUT_S))
            self._graph = self._db.select_graph(GRAPH_NAME)
            # telemetry off, also on a server started before relgraph turned it off at start-up
            self._redis(lambda c: c.execute_command("GRAPH.CONFIG", "SET", "CMD_INFO", "no"))
            self._ensure_schema()
        return self._db

    @contextmanager
    def _locked(self, exclusive: bool):
        """Hold the write lock; restore the last snapshot if a writer died before saving."""
        self._connect()
        if self._updating:  # update() holds it already
            yield
            return
        with open(self.files.write_lock, "a+b", opener=server.private) as handle:
            fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            try:
                if self._unsaved_changes():
                    fcntl.flock(handle, fcntl.LOCK_EX)
                    self._restore_snapshot()
                    if not exclusive:
                        fcntl.flock(handle, fcntl.LOCK_SH)
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _unsaved_changes(self) -> bool:
        return self._redis(lambda c: c.info("persistence")["rdb_changes_since_last_save"]) > 0

    def _restore_snapshot(self) -> None:
        if not self._unsaved_changes():
            return
        if self.files.snapshot.exists():
            self._redis(lambda c: c.execute_command("DEBUG", "RELOAD", "NOSAVE"))
        else:
            self._redis(lambda c: c.flushall())

    def _redis(self, call):
        import redis

        try:
            return call(self._db.connection)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            raise StoreError(_lost(self.files, error)) from None

    def _ensure_schema(self) -> None:
        """Create the key indexes and uniqueness constraints once; later opens find them."""
        statements = get("schema/keys", "schema").statements_for(self.dialect)
        if self._has_schema(len(statements)):
            return
        with self._locked(exclusive=True), self._all_or_nothing():
            for statement in statements:
                self._create(lambda: self._graph.query(statement), "already indexed")
            for label, properties in _KEY.findall("\n".join(statements)):
                names = [p.split(".")[1].strip() for p in properties.split(",")]
                command = ["GRAPH.CONSTRAINT", "CREATE", GRAPH_NAME, "UNIQUE", "NODE", label, "PROPERTIES", len(names), *names]
                self._create(lambda: self._db.connection.execute_command(*command), "already exists")

    @contextmanager
    def _all_or_nothing(self):
        """What runs inside lands whole with the snapshot saved after it, or the last snapshot comes back."""
        try:
            yield
            self._save()
        except BaseException:
            if server.probe(self.files) == "ready":  # a lost or hung server restores it when it next answers
                with suppress(StoreError):
                    self._restore_snapshot()
            raise

    def _save(self) -> None:
        """Snapshot the store, without the query telemetry of a server that kept any."""
        import redis

        try:
            self._redis(lambda c: (c.delete(TELEMETRY_KEY), c.save()))
        except redis.ResponseError:  # the server says no more than "ERR": the snapshot could not be written
            raise StoreError(
                f"the embedded server could not write the snapshot {self.files.snapshot}"
                f"{server.free_space(self.files.root)}, so the change being written was not saved: free some space "
                f"in {self.files.root} (or choose another --data-dir) and run the command again") from None

    def _has_schema(self, expected: int) -> bool:
        import redis

        try:
            result = self._graph.ro_query("CALL db.indexes() YIELD label RETURN count(label)")
        except redis.ResponseError:
            return False
        return result.result_set[0][0] >= expected

    def _create(self, call, exists_message: str) -> None:
        import redis

        try:
            call()
        except redis.ResponseError as error:
            if exists_message not in str(error).lower():
                raise StoreError(f"cannot create the store's keys: {error}") from None

    def read(self, name: str, params: dict | None = None) -> list[dict]:
        return self.read_many([(name, params)])[0]

    def read_many(self, queries: list[tuple[str, dict | None]]) -> list[list[dict]]:
        """Every query sent at once, each reply decoded as it comes: the server runs the next query while this
        process decodes the last, on the machine's other core (a 100,000-person account is read in about half
        the time it took one query after another)."""
        reads = [(name, get(name, "read"), params or {}) for name, params in queries]
        commands = [("GRAPH.RO_QUERY", GRAPH_NAME, params_header(params) + query.text_for(self.dialect),
                     *(() if query.scalar else ("--compact",))) for _, query, params in reads]
        with self._locked(exclusive=False), gc_paused():  # the shared lock keeps writers out between the queries
            pool = self._db.connection.connection_pool
            connection = pool.get_connection()
            try:
                connection.send_packed_command(connection.pack_commands(commands))
                return [decode_rows(self._run(name, connection.read_response), tagged=not query.scalar)
                        for name, query, _ in reads]
            except BaseException:
                connection.disconnect()  # replies may be left unread on it
                raise
            finally:
                pool.release(connection)

    def update(self, decide: Callable[[Store], Update]):
        with self._locked(exclusive=True):
            self._updating = True
            try:
                statements, on_done, result = decide(self)
                if statements:
                    self._write_held(statements, on_done)
            finally:
                self._updating = False
        return result

    def write(self, statements: Iterable[Statement], on_done: Callable[[], None] | None = None) -> None:
        self.update(lambda _: (statements, on_done, None))

    def _write_held(self, statements: Iterable[Statement], on_done: Callable[[], None] | None) -> None:
        """Write under the exclusive lock, all or nothing."""
        with self._all_or_nothing():
            for name, params in statements:
                text = get(name, "write").text_for(self.dialect)
                self._run(name, lambda: self._graph.query(text, params))
                if on_done:
                    on_done()

    def _run(self, name: str, call):
        import redis

        try:
            return call()
        except redis.ResponseError as error:
            raise StoreError(f"the embedded store refused query {name}: {error}") from None
        except (redis.ConnectionError, redis.TimeoutError) as error:
            raise StoreError(_lost(self.files, error)) from None

    def status(self) -> dict:
        state = server.probe(self.files)
        if state == "hung":
            raise StoreError(server.not_answering(self.files))
        info = {
            "store": "embedded",
            "data_dir": str(self.files.root),
            "socket": str(self.files.socket),
            "running": state != "down",
            "pid": self.files.pid() if state != "down" else None,
            "snapshot_bytes": self.files.snapshot.stat().st_size if self.files.snapshot.exists() else 0,
        }
        if info["running"]:
            info.update({f"{r['label']} nodes": r["nodes"] for r in self.read("read/counts")})
        return info

    def stop(self) -> bool:
        self.close()
        with server.file_lock(self.files.write_lock, exclusive=True):
            return server.stop(self.files)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _lost(files: server.ServerFiles, error: Exception) -> str:
    import redis

    if isinstance(error, redis.TimeoutError):
        return server.not_answering(files, server.QUERY_TIMEOUT_S)
    return (f"lost the embedded server at {files.socket} ({error}); nothing of this command "
            "was saved: run it again")



"""The Neo4j 5 store, through the official driver; a load runs in one transaction."""

from __future__ import annotations

import functools
import logging
from typing import Callable, Iterable, Mapping
from urllib.parse import urlsplit

from relgraph.errors import StoreError
from relgraph.queries import get
from relgraph.store import Statement, Store, Update

__all__ = ["Neo4jStore"]

APP_METADATA = {"app": "relgraph"}
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

# The driver logs failures (such as "Unable to retrieve routing information") that it also raises; with no handler
# Python would print them on stderr beside relgraph's own one-line error.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

# Reads take no locks on Neo4j, so an update first writes this one node: a second update waits there until the
# first commits, and reads what it wrote (the embedded store's write lock). Its key constraint is in schema/keys.
WRITE_LOCK = "MERGE (lock:RelgraphWriteLock {id: 1}) SET lock.taken = timestamp()"

# A transaction over the server's memory limits fails with this code; the driver takes it for transient and would
# run the whole load again and again for its 30 s of retries, to fail the same way.
OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"


class Neo4jStore:
    dialect = "neo4j"

    def __init__(self, uri: str, username: str, password: str, database: str | None):
        import neo4j

        self.uri, self.username, self.database = checked_uri(uri), username, database
        try:
            # No server notifications: the driver would log each one to stderr, such as "property `email` does
            # not exist" for every account that has no e-mails yet; CI lints the Cypher with Neo4j's front end.
            self._driver = neo4j.GraphDatabase.driver(uri, auth=(username, password), user_agent="relgraph",
                                                      notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF)
        except (ValueError, neo4j.exceptions.ConfigurationError) as error:
            raise StoreError(f"NEO4J_URI {self.uri!r} is not usable: {error}") from None
        with self._errors():
            self._driver.verify_connectivity()
        self._ensure_schema()

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> "Neo4jStore":
        uri = env.get("NEO4J_URI")
        if not uri:
            raise StoreError("the neo4j store needs NEO4J_URI (for example bolt://localhost:7687), NEO4J_USERNAME and NEO4J_PASSWORD")
        return cls(uri, env.get("NEO4J_USERNAME", "neo4j"), env.get("NEO4J_PASSWORD", ""), env.get("NEO4J_DATABASE") or None)

    def _errors(self):
        return _translate_errors(self.uri, self.username)

    def _ensure_schema(self) -> None:
        with self._errors():
            for statement in get("schema/keys", "schema").statements_for(self.dialect):
                self._driver.execute_query(statement, database_=self.database)

    def read(self, name: str, params: dict | None = None) -> list[dict]:
        return self.read_many([(name, params)])[0]

    def read_many(self, queries: list[tuple[str, dict | None]]) -> list[list[dict]]:
        import neo4j

        @neo4j.unit_of_work(metadata=APP_METADATA)
        @self._not_retried_out_of_memory
        def work(tx) -> list[list[dict]]:
            return _InTransaction(tx, self.dialect).read_many(queries)

        with self._errors(), self._driver.session(database=self.database,
                                                  default_access_mode=neo4j.READ_ACCESS) as session:
            return session.execute_read(work)  # one read transaction: one state of the graph

    def update(self, decide: Callable[[Store], Update]):
        import neo4j

        @neo4j.unit_of_work(metadata=APP_METADATA)
        @self._not_retried_out_of_memory
        def work(tx):
            tx.run(WRITE_LOCK).consume()
            statements, on_done, result = decide(_InTransaction(tx, self.dialect))
            for name, params in statements:
                tx.run(get(name, "write").text_for(self.dialect), params).consume()
                if on_done:
                    on_done()
            return result

        with self._errors(), self._driver.session(database=self.database) as session:
            return session.execute_write(work)  # reads and writes in one transaction: one state of the graph

    def _not_retried_out_of_memory(self, work: Callable) -> Callable:
        """The transaction function, failing with a StoreError (which the driver does not retry) for lack of memory."""
        import neo4j.exceptions

        @functools.wraps(work)
        def run(tx):
            try:
                return work(tx)
            except neo4j.exceptions.TransientError as error:
                if error.code != OUT_OF_MEMORY:
                    raise
                raise StoreError(f"Neo4j at {self.uri} has too little transaction memory for this command, which runs "
                                 f"in one transaction ({error.message.rstrip('.')}): raise db.memory.transaction.max "
                                 "and dbms.memory.transaction.total.max, with the heap (about 25 kB per person a load "
                                 "writes; see the README)") from None
        return run

    def write(self, statements: Iterable[Statement], on_done: Callable[[], None] | None = None) -> None:
        self.update(lambda _: (statements, on_done, None))

    def status(self) -> dict:
        return {"store": "neo4j", "uri": self.uri, "database": self.database or "(default)", "running": True}

    def stop(self) -> bool:
        raise StoreError("relgraph does not stop a Neo4j server; stop it where it runs (e.g. `docker compose down`)")

    def close(self) -> None:
        self._driver.close()


def checked_uri(uri: str) -> str:
    """The URI if the driver can use it as it is; a StoreError that never shows a password otherwise."""
    parts = urlsplit(uri)
    if "@" in parts.netloc:
        shown = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
        raise StoreError(f"NEO4J_URI {shown!r} holds a username or password: remove them from it and set "
                         "NEO4J_USERNAME and NEO4J_PASSWORD instead")
    if parts.scheme not in BOLT_SCHEMES:
        raise StoreError(f"NEO4J_URI {uri!r} is not usable: relgraph talks to Neo4j over Bolt, so the URI must begin "
                         f"with {', '.join(scheme + '://' for scheme in BOLT_SCHEMES)} (for example bolt://localhost:7687)")
    try:
        parts.port
    except ValueError:
        raise StoreError(f"NEO4J_URI {uri!r} is not usable: the port must be a number from 1 to 65535 "
                         "(for example bolt://localhost:7687)") from None
    return uri


class _InTransaction:
    """The reads of an update, run in its write transaction."""

    def __init__(self, tx, dialect: str):
        self.tx, self.dialect = tx, dialect

    def read(self, name: str, params: dict | None = None) -> list[dict]:
        return self.read_many([(name, params)])[0]

    def read_many(self, queries: list[tuple[str, dict | None]]) -> list[list[dict]]:
        return [[record.data() for record in self.tx.run(get(name, "read").text_for(self.dialect), params or {})]
                for name, params in queries]


class _translate_errors:
    """Turn driver exceptions into one clear line that never contains the password."""

    def __init__(self, uri: str, username: str):
        self.uri, self.username = uri, username

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        import neo4j.exceptions as ne

        if error is None or not isinstance(error, (ne.Neo4jError, ne.DriverError)):
            return False
        if isinstance(error, ne.AuthError):
            raise StoreError(f"Neo4j at {self.uri} refused user {self.username!r}: wrong username or password (NEO4J_USERNAME, NEO4J_PASSWORD)") from None
        if isinstance(error, ne.ServiceUnavailable):
            raise StoreError(f"cannot reach Neo4j at {self.uri}: is it running? (NEO4J_URI; `docker compose up -d` starts one)") from None
        if isinstance(error, ne.Neo4jError):
            raise StoreError(f"Neo4j at {self.uri} refused a query: {error.code}: {error.message}") from None
        raise StoreError(f"Neo4j at {self.uri}: {error}") from None

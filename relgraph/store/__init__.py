"""The store layer: one interface over the embedded FalkorDB and Neo4j backends."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

from relgraph.errors import RelgraphError

__all__ = ["Store", "Statement", "Update", "open_store", "default_data_dir", "STORE_KINDS"]

STORE_KINDS = ("embedded", "neo4j")

# A write statement: a catalogue query name and its parameters.
Statement = tuple[str, dict]
# What an update decides: the statements to write, a callback after each one (or None), and its result.
Update = tuple[list[Statement], Callable[[], None] | None, Any]


class Store(Protocol):
    """What everything above the store uses. `dialect` picks dialect `.cypher` files."""

    dialect: str

    def read(self, name: str, params: dict | None = None) -> list[dict]:
        """Run the named catalogue query and return its rows as dicts."""

    def read_many(self, queries: list[tuple[str, dict | None]]) -> list[list[dict]]:
        """Run several named queries on one state of the store (no write lands between them): their rows, in order."""

    def write(self, statements: Iterable[Statement], on_done: Callable[[], None] | None = None) -> None:
        """Run the statements all-or-nothing; `on_done` is called after each one."""

    def update(self, decide: Callable[["Store"], Update]) -> Any:
        """Read, decide and write with no other write in between: `decide(store)` reads through the store it is
        given and returns what to write; its statements run all-or-nothing, and its result is returned."""

    def status(self) -> dict:
        """Where the store is and whether it answers."""

    def stop(self) -> bool:
        """Stop the server this store runs (embedded only); False if none ran."""

    def close(self) -> None: ...


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("relgraph", appauthor=False))


def open_store(kind: str = "embedded", data_dir: Path | None = None, start: bool = True) -> Store:
    """Open the store of that kind; the embedded one starts its server when `start`."""
    if kind == "embedded":
        from relgraph.store.embedded import EmbeddedStore

        return EmbeddedStore(Path(data_dir) if data_dir else default_data_dir(), start=start)
    if kind == "neo4j":
        from relgraph.store.neo4j import Neo4jStore

        return Neo4jStore.from_environment(os.environ)
    raise RelgraphError(f"unknown store {kind!r}; use one of {', '.join(STORE_KINDS)}")

"""Fixtures: a fresh embedded store per test, and the same tests on Neo4j when NEO4J_URI is set."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from relgraph.store import open_store

DATA = Path(__file__).parent / "data"
NEO4J_REASON = "NEO4J_URI is not set: the Neo4j variants of the store tests need a Neo4j 5 (see README: docker compose up -d)"


@pytest.fixture
def data_dir():
    """A data directory with a path short enough for a unix socket (tmp_path can be too long)."""
    path = Path(tempfile.mkdtemp(prefix="rg-", dir="/tmp"))
    yield path / "store"
    try:
        open_store("embedded", path / "store", start=False).stop()
    except Exception:
        pass
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, data_dir):
    """An empty store of each kind. On Neo4j the database is wiped first: point NEO4J_URI at a test database."""
    if request.param == "embedded":
        opened = open_store("embedded", data_dir)
    else:
        if not os.environ.get("NEO4J_URI"):
            pytest.skip(NEO4J_REASON)
        opened = open_store("neo4j")
        with opened._driver.session(database=opened.database) as session:
            session.run("MATCH (n) DETACH DELETE n").consume()
    yield opened
    opened.close()


@pytest.fixture
def acme(tmp_path) -> Path:
    """A copy of the small ACME account folder that a test may edit."""
    target = tmp_path / "acme"
    shutil.copytree(DATA / "acme", target)
    return target


def snapshot(store, account: str) -> tuple:
    """Everything the store holds for an account, in a comparable, order-free form."""
    nodes = sorted((r["label"], r["id"], repr(sorted(r["properties"].items()))) for r in store.read("read/account_nodes", {"account": account}))
    edges = sorted((r["type"], r["source"], r["target"], repr(sorted(r["properties"].items()))) for r in store.read("read/account_edges", {"account": account}))
    return tuple(nodes), tuple(edges)

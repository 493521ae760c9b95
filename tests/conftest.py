"""Fixtures: a fresh store per test, embedded and Neo4j (the test Neo4j of tests/neo4j_server.py, or NEO4J_URI)."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path

import neo4j_server
import pytest

from relgraph.demo import load_demo
from relgraph.loading import load_path
from relgraph.store import open_store

DATA = Path(__file__).parent / "data"


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


@pytest.fixture(scope="session")
def neo4j_environment():
    """NEO4J_* set for the whole session: a given NEO4J_URI as it is, else the test Neo4j, started once.
    Without Java or Maven the Neo4j variants skip, or fail where RELGRAPH_REQUIRE_NEO4J=1 (CI)."""
    if os.environ.get("NEO4J_URI"):
        yield
        return
    build_neo4j_server()
    root = Path(tempfile.mkdtemp(prefix="rg-neo4j-", dir="/tmp"))
    server = neo4j_server.Neo4jTestServer(root)
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in server.environment.items():
                patch.setenv(name, value)
            yield
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def build_neo4j_server() -> None:
    """Build tools/neo4j-test-server, or skip (fail where RELGRAPH_REQUIRE_NEO4J=1) without Java or Maven."""
    missing = neo4j_server.missing_tools()
    if missing:
        (pytest.fail if os.environ.get("RELGRAPH_REQUIRE_NEO4J") == "1" else pytest.skip)(missing)
    neo4j_server.build()


NEO4J_WIPES = [0]  # how many times a test has wiped the Neo4j: a shared store loads its accounts again after one


def open_empty_neo4j(request):
    """The Neo4j store with its database wiped: NEO4J_URI must point at a database the tests may wipe."""
    request.getfixturevalue("neo4j_environment")
    opened = open_store("neo4j")
    opened._driver.execute_query("MATCH (n) DETACH DELETE n", database_=opened.database)
    NEO4J_WIPES[0] += 1
    return opened


class SharedStore:
    """A store of one kind that many tests read, filled once by `fill(store, root)`. Neo4j has one database, which
    other tests wipe, so there `ready()` fills it again when it has been wiped since."""

    def __init__(self, request, kind: str, fill):
        self.kind, self.fill = kind, fill
        self.root = Path(tempfile.mkdtemp(prefix="rg-shared-", dir="/tmp"))
        self.store = open_store("embedded", self.root / "store") if kind == "embedded" else open_empty_neo4j(request)
        self.args = ["--data-dir", str(self.root / "store")] if kind == "embedded" else ["--store", "neo4j"]
        self.filled_after = None  # the number of wipes before it was filled

    def ready(self):
        wiped = self.kind == "neo4j" and self.filled_after not in (None, NEO4J_WIPES[0])
        if wiped:
            self.store._driver.execute_query("MATCH (n) DETACH DELETE n", database_=self.store.database)
        if wiped or self.filled_after is None:
            self.fill(self.store, self.root)
            self.filled_after = NEO4J_WIPES[0]
        return self.store

    def close(self) -> None:
        self.store.close()
        if self.kind == "embedded":
            open_store("embedded", self.root / "store", start=False).stop()
        shutil.rmtree(self.root, ignore_errors=True)


def shared_store(fill):
    """A module-scoped fixture of one SharedStore per store kind, filled by `fill(store, root)`."""

    @pytest.fixture(scope="module", params=["embedded", "neo4j"])
    def fixture(request):
        shared = SharedStore(request, request.param, fill)
        yield shared
        shared.close()

    return fixture


def fill_viz(store, root: Path) -> None:
    """The two demo accounts and the evil one."""
    load_demo(store)
    load_path(store, write_evil_account(root / "evil"))


shared_demo = shared_store(lambda store, root: load_demo(store))
shared_viz = shared_store(fill_viz)


@pytest.fixture
def demo_store(shared_demo):
    """A store of each kind holding the two demo accounts (loaded once per module and kind): read it, don't write."""
    return shared_demo.ready()


@pytest.fixture
def viz_store(shared_viz):
    """A store of each kind for the view tests, holding the two demo accounts and the evil one: read it only."""
    return shared_viz.ready()


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, data_dir):
    """An empty store of each kind."""
    opened = open_store("embedded", data_dir) if request.param == "embedded" else open_empty_neo4j(request)
    yield opened
    opened.close()


@pytest.fixture(params=["embedded", "neo4j"])
def store_args(request, data_dir) -> list[str]:
    """The global options that point the CLI at an empty store of each kind."""
    if request.param == "embedded":
        return ["--data-dir", str(data_dir)]
    open_empty_neo4j(request).close()
    return ["--store", "neo4j"]


@pytest.fixture
def empty_store():
    """A second, empty embedded store for loading an export back."""
    path = Path(tempfile.mkdtemp(prefix="rg-", dir="/tmp"))
    opened = open_store("embedded", path / "store")
    yield opened
    opened.stop()
    shutil.rmtree(path, ignore_errors=True)


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


IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"


def write_evil_account(folder: Path) -> Path:
    """A small account whose every name, title, note and id tries to break out of the page."""
    tables = {
        "account.csv": [["id", "name"], ["evil", f"Evil {SCRIPT}"]],
        "departments.csv": [["id", "name"], ["d1", f"Dept {IMG}"]],
        "stakeholders.csv": [
            ["id", "name", "title", "department_id", "layer", "roles", "influence", "manager_id", "notes"],
            ["p-img", IMG, SCRIPT, "d1", "executive", "decision_maker", "5", "", f"note {IMG}"],
            ["p-script", SCRIPT, IMG, "d1", "middle", "influencer", "4", "p-img", f"note {SCRIPT}"],
            ['"><svg onload=alert(1)>', "Plain Person", "&amp; <b>bold</b>", "d1", "frontline", "user", "2", "p-script", ""],
        ],
        "influence.csv": [["source_id", "target_id", "strength", "kind"], ["p-script", "p-img", "5", "political"],
                          ['"><svg onload=alert(1)>', "p-script", "2", "advice"]],
        "vendors.csv": [["id", "name", "is_us"], ["us", "Our Co", "true"], ["evilco", f"EvilCo {IMG}", "false"]],
        "stances.csv": [["stakeholder_id", "vendor_id", "stance", "level"], ["p-img", "us", "supporter", "favourable"],
                        ["p-script", "evilco", "mentor", ""], ["p-script", "us", "opponent", "opposed"]],
        "bids.csv": [["id", "name"], ["b1", f"Bid {SCRIPT}"]],
        "bid_team.csv": [["bid_id", "stakeholder_id", "role"], ["b1", "p-img", "decision_maker"],
                         ["b1", "p-script", "evaluator"]],
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with open(folder / name, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    return folder

"""The HTML views without a browser: what each view draws, the escaping, the errors, determinism."""

from __future__ import annotations

import csv
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from relgraph.demo import load_demo
from relgraph.errors import RelgraphError
from relgraph.loading import load_path
from relgraph.store import open_store
from relgraph.viz import KINDS, render_view
from relgraph.viz.account import Person, read_account
from relgraph.viz.coverage import department_status
from relgraph.viz.layout import cluster_layout, tree_layout
from relgraph.viz.page import render_html, safe_json
from relgraph.viz.style import node_size
from relgraph.viz.views import build_view

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
DEMO = {"bureau": "T-2026-07", "northwind-health": "NW-RFP-2026-09"}


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


@pytest.fixture(scope="module")
def viz_store():
    """One embedded store for the module, holding the two demo accounts and the evil one."""
    root = Path(tempfile.mkdtemp(prefix="rg-viz-", dir="/tmp"))
    store = open_store("embedded", root / "store")
    load_demo(store)
    load_path(store, write_evil_account(root / "evil"))
    yield store
    store.close()
    try:
        open_store("embedded", root / "store", start=False).stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def account_counts(store, account: str) -> tuple[int, int, int]:
    """People, influence lines and reporting lines of an account, counted straight from the store."""
    edges = store.read("read/account_edges", {"account": account})
    people = sum(n["label"] == "Stakeholder" for n in store.read("read/account_nodes", {"account": account}))
    return (people, sum(e["type"] == "INFLUENCES" for e in edges), sum(e["type"] == "REPORTS_TO" for e in edges))


@pytest.mark.parametrize("account", sorted(DEMO))
def test_the_power_map_draws_every_person_and_line_of_the_account(viz_store, account):
    people, influence, reporting = account_counts(viz_store, account)
    view = build_view(read_account(viz_store, account), "power")
    assert len(view.nodes) == people and len(view.edges) == influence + reporting
    assert sum("arrows" in e for e in view.edges) == influence
    assert all(e["dashes"] for e in view.edges if "arrows" not in e)


@pytest.mark.parametrize("account", sorted(DEMO))
@pytest.mark.parametrize("kind", ["power", "orgchart", "competitor", "gaps"])
def test_every_kind_renders_for_both_demo_accounts(viz_store, tmp_path, account, kind):
    out = tmp_path / f"{kind}.html"
    result = render_view(viz_store, kind, account=account, bid=DEMO[account], vendor="apexsoft", out=out)
    page = out.read_text(encoding="utf-8")
    assert result.nodes > 10 and result.edges > 10
    assert "<link" not in page and "src=" not in _markup(page) and "@import" not in page
    assert re.search(r"url\(\s*['\"]?(https?:|//)", page) is None


def test_every_colour_and_line_drawn_is_in_the_legend(viz_store):
    for account in DEMO:
        graph = read_account(viz_store, account)
        for kind in ("power", "orgchart", "competitor", "gaps"):
            view = build_view(graph, kind, bid=DEMO[account], vendor="bluepeak")
            legend = [item for section in view.legend for item in section.get("items", [])]
            fills = {i["node"]["color"] for i in legend if "node" in i}
            lines = {i["line"]["color"] for i in legend if "line" in i}
            shapes = {i["node"]["shape"] for i in legend if "node" in i}
            assert {n["color"]["background"] for n in view.nodes} <= fills, (account, kind)
            assert {n["shape"] for n in view.nodes if n["shape"] != "box"} <= shapes, (account, kind)
            assert {e["color"]["color"] for e in view.edges} <= lines, (account, kind)


def test_the_same_account_gives_the_same_file(viz_store, tmp_path):
    for kind in ("power", "gaps"):
        first, second = tmp_path / "a.html", tmp_path / "b.html"
        render_view(viz_store, kind, account="bureau", bid="T-2026-07", out=first)
        render_view(viz_store, kind, account="bureau", bid="T-2026-07", out=second)
        assert first.read_bytes() == second.read_bytes()


def test_notes_are_left_out_unless_asked_for(viz_store, tmp_path):
    note = "每周三上午局务会"
    plain, noted = tmp_path / "plain.html", tmp_path / "noted.html"
    render_view(viz_store, "power", account="bureau", out=plain)
    render_view(viz_store, "power", account="bureau", out=noted, include_notes=True)
    assert note not in plain.read_text(encoding="utf-8") and note in noted.read_text(encoding="utf-8")


def test_hostile_names_stay_inside_the_json_block(viz_store, tmp_path):
    for kind in ("power", "orgchart", "competitor", "gaps"):
        out = tmp_path / f"{kind}.html"
        render_view(viz_store, kind, account="evil", bid="b1", vendor="evilco", out=out, include_notes=True)
        page = out.read_text(encoding="utf-8")
        assert IMG not in page and "<script>alert" not in page and "<svg onload" not in page
        assert page.count("</script>") == 3  # the JSON block, vis-network, relgraph's script
        title = re.search(r"<title>(.*)</title>", page).group(1)
        assert "&lt;/script&gt;" in title
        data = json.loads(re.search(r'<script type="application/json" id="view-data">(.*?)</script>', page, re.S).group(1))
        names = {n["label"].split("\n")[0].removeprefix("\u26a0 ") for n in data["nodes"]}
        assert {IMG, SCRIPT} <= names


def test_safe_json_escapes_what_could_end_a_script_element():
    text = safe_json({"a": SCRIPT + "<!-- & \u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": SCRIPT + "<!-- & \u2028\u2029"}


@pytest.mark.parametrize("kwargs, message", [
    ({"account": "nope"}, "no account 'nope'; accounts in the store: bureau, evil, northwind-health"),
    ({"account": "bureau", "kind": "gaps"}, "needs --bid ID; its bids: T-2025-03, T-2026-07"),
    ({"account": "bureau", "kind": "gaps", "bid": "X"}, "has no bid 'X'; its bids: T-2025-03, T-2026-07"),
    ({"account": "bureau", "kind": "competitor", "vendor": "acme"},
     "knows no competitor 'acme'; its competitors: apexsoft, bluepeak, cedartech"),
    ({"account": "bureau", "kind": "competitor", "vendor": "us"}, "'us' is us"),
    ({"account": "bureau", "kind": "sunburst"}, "unknown view 'sunburst'"),
])
def test_unknown_accounts_bids_and_vendors_name_what_exists(viz_store, tmp_path, kwargs, message):
    kind = kwargs.pop("kind", "power")
    with pytest.raises(RelgraphError, match=re.escape(message)):
        render_view(viz_store, kind, out=tmp_path / "x.html", **kwargs)


def test_gaps_marks_departments_and_draws_warm_paths(viz_store):
    graph = read_account(viz_store, "bureau")
    view = build_view(graph, "gaps", bid="T-2026-07")
    team = {p for p in graph.people if "T-2026-07" in graph.people[p].bids}
    departments = [n for n in view.nodes if n["id"].startswith("dept:")]
    assert team <= {n["id"] for n in view.nodes}
    assert departments and {view.details[n["id"]]["rows"][1][1] for n in departments} <= {"covered", "contested", "uncovered"}
    warm = [e for e in view.edges if e["color"]["color"] == "#f9a825"]
    assert warm, "the demo's unreached bid-team members have warm paths"


def test_department_status_rule():
    def person(pid, ours, theirs):
        return Person(id=pid, name=pid, department_id="d",
                      stances={"us": {"stance": ours}, "rival": {"stance": theirs}})

    from relgraph.viz.account import AccountMap

    def status(*people):
        graph = AccountMap("a", "A", {p.id: p for p in people}, {"d": {"id": "d", "name": "D"}},
                           {"us": {"is_us": True}, "rival": {"is_us": False}}, {}, {}, [], [])
        return department_status(graph, "d")["status"]

    assert status(person("a", "neutral", "mentor")) == "uncovered"
    assert status(person("a", "supporter", "neutral"), person("b", "neutral", "mentor")) == "contested"
    assert status(person("a", "supporter", "neutral"), person("b", "mentor", "supporter")) == "covered"


def test_node_size_follows_the_influence_estimate():
    assert [node_size(Person(id="x", name="x", influence=i)) for i in (1, 3, 5)] == [16, 28, 40]


def test_big_maps_get_positions_from_python_and_no_physics(viz_store):
    graph = read_account(viz_store, "bureau")
    people = sorted(graph.people)
    positions = cluster_layout(graph, people)
    assert set(positions) == set(people) and len(set(positions.values())) == len(people)
    tree = tree_layout(graph, people)
    chief = tree["bj-chief"]
    assert all(y >= chief[1] for _, y in tree.values())
    from relgraph.viz import layout

    original = layout.PHYSICS_LIMIT
    layout.PHYSICS_LIMIT = 10
    try:
        view = build_view(graph, "power")
    finally:
        layout.PHYSICS_LIMIT = original
    assert view.options["physics"] is False and all("x" in n and "y" in n for n in view.nodes)


def test_the_grid_is_a_nine_box_table(viz_store, tmp_path):
    result = render_view(viz_store, "grid", account="evil", out=tmp_path / "grid.html")
    assert [r["power"] for r in result.table] == ["high", "medium", "low"]
    assert result.table[0]["supportive"] == [IMG] and result.table[0]["against"] == [SCRIPT]
    page = (tmp_path / "grid.html").read_text(encoding="utf-8")
    assert IMG not in page and "&lt;img src=x onerror=alert(1)&gt;" in page and "<script" not in page


def test_read_account_on_each_store(store):
    load_demo(store)
    graph = read_account(store, "northwind-health")
    people, influence, reporting = account_counts(store, "northwind-health")
    assert len(graph.people) == people and len(graph.influence) == influence
    assert len(graph.reporting) == reporting and graph.us == "us"


def test_render_html_is_one_self_contained_page(viz_store):
    page = render_html(build_view(read_account(viz_store, "northwind-health"), "power"))
    assert "Content-Security-Policy" in page and "connect-src 'none'" in page
    assert page.count("</script>") == 3 and "vis.Network" in page


def _markup(page: str) -> str:
    """The page's own markup: everything outside <script> and <style> elements."""
    return re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S)

"""The HTML views without a browser: what each view draws, the escaping, the errors, determinism."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from relgraph.demo import load_demo
from relgraph.errors import RelgraphError
from relgraph.account import read_account
from relgraph.analysis.gaps import COVERAGE_STATUSES, department_coverage, powerful_count
from relgraph.analysis.power import power_scores
from relgraph.analysis.unreached import unreached_influencers
from relgraph.viz import render_view
from relgraph.viz.layout import cluster_layout, tree_layout
from relgraph.viz.page import render_html, safe_json
from relgraph.viz.reach import analyse
from relgraph.viz.views import build_view

from builders import account as built_account
from builders import person
from conftest import IMG, SCRIPT

DEMO = {"bureau": "T-2026-07", "northwind-health": "NW-RFP-2026-09"}
TODAY = dt.date(2026, 11, 23)  # views judge touchpoints as of a fixed date, so the tests do not age


def view_of(store, account: str, kind: str, *, bid: str | None = None, vendor: str | None = None):
    """The view as render_view builds it (the analyses with the bid for gaps), as of TODAY."""
    graph = read_account(store, account)
    return build_view(graph, kind, analyse(graph, bid if kind == "gaps" else None, TODAY), bid=bid, vendor=vendor)


def account_counts(store, account: str) -> tuple[int, int, int]:
    """People, influence lines and reporting lines of an account, counted straight from the store."""
    edges = store.read("read/account_edges", {"account": account})
    people = sum(n["label"] == "Stakeholder" for n in store.read("read/account_nodes", {"account": account}))
    return (people, sum(e["type"] == "INFLUENCES" for e in edges), sum(e["type"] == "REPORTS_TO" for e in edges))


@pytest.mark.parametrize("account", sorted(DEMO))
def test_the_power_map_draws_every_person_and_line_of_the_account(viz_store, account):
    people, influence, reporting = account_counts(viz_store, account)
    view = view_of(viz_store, account, "power")
    assert len(view.nodes) == people and len(view.edges) == influence + reporting
    assert sum("arrows" in e for e in view.edges) == influence
    assert all(e["dashes"] for e in view.edges if "arrows" not in e)


@pytest.mark.parametrize("account", sorted(DEMO))
@pytest.mark.parametrize("kind", ["power", "orgchart", "competitor", "gaps"])
def test_every_kind_renders_for_both_demo_accounts(viz_store, tmp_path, account, kind):
    out = tmp_path / f"{kind}.html"
    result = render_view(viz_store, kind, account=account, bid=DEMO[account], vendor="apexsoft", out=out, as_of=TODAY)
    page = out.read_text(encoding="utf-8")
    assert result.nodes > 10 and result.edges > 10
    assert "<link" not in page and "src=" not in _markup(page) and "@import" not in page
    assert re.search(r"url\(\s*['\"]?(https?:|//)", page) is None


def test_every_colour_and_line_drawn_is_in_the_legend(viz_store):
    for account in DEMO:
        for kind in ("power", "orgchart", "competitor", "gaps"):
            view = view_of(viz_store, account, kind, bid=DEMO[account], vendor="bluepeak")
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
        render_view(viz_store, kind, account="bureau", bid="T-2026-07", out=first, as_of=TODAY)
        render_view(viz_store, kind, account="bureau", bid="T-2026-07", out=second, as_of=TODAY)
        assert first.read_bytes() == second.read_bytes()
        assert "as of 2026-11-23" in first.read_text(encoding="utf-8")


def test_notes_are_left_out_unless_asked_for(viz_store, tmp_path):
    note = "每周三上午局务会"
    plain, noted = tmp_path / "plain.html", tmp_path / "noted.html"
    render_view(viz_store, "power", account="bureau", out=plain, as_of=TODAY)
    render_view(viz_store, "power", account="bureau", out=noted, include_notes=True, as_of=TODAY)
    assert note not in plain.read_text(encoding="utf-8") and note in noted.read_text(encoding="utf-8")


def test_hostile_names_stay_inside_the_json_block(viz_store, tmp_path):
    for kind in ("power", "orgchart", "competitor", "gaps"):
        out = tmp_path / f"{kind}.html"
        render_view(viz_store, kind, account="evil", bid="b1", vendor="evilco", out=out, include_notes=True, as_of=TODAY)
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


HOSTILE = "</script><!-- \" ' & < \u2028 \u2029 -->"


def test_every_field_of_a_view_stays_inert_text_in_the_page():
    from relgraph.viz.view import View

    view = View("power", f"Map {HOSTILE}", f"sub {HOSTILE}",
                nodes=[{"id": f"p{HOSTILE}", "label": HOSTILE, "title": HOSTILE, "color": HOSTILE}],
                details={f"p{HOSTILE}": {"name": HOSTILE, "rows": [[HOSTILE, HOSTILE]], HOSTILE: [HOSTILE]}},
                legend=[{"title": HOSTILE, "items": [{"label": HOSTILE}]}], filters=[{HOSTILE: HOSTILE}],
                options={"nodes": {"font": {"face": HOSTILE}}})
    view.add_edge({"from": f"p{HOSTILE}", "to": f"p{HOSTILE}", "color": {"color": HOSTILE}},
                  {"rows": [[HOSTILE, HOSTILE]]})
    page = render_html(view)
    block = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&\u2028\u2029") & set(block)
    assert json.loads(block) == view.to_json()
    assert block.count(HOSTILE.replace('"', '\\"').translate(str.maketrans({
        "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}))) >= 17
    assert page.count("</script>") == 3
    title = re.search(r"<title>(.*)</title>", page).group(1)
    assert title == "Map &lt;/script&gt;&lt;!-- &quot; &#x27; &amp; &lt; \u2028 \u2029 --&gt;"


@pytest.mark.parametrize("kwargs, message", [
    ({"account": "nope"}, "no account 'nope' in the store (accounts: bureau, evil, northwind-health)"),
    ({"account": "bureau", "kind": "gaps"}, "needs --bid ID; its bids: T-2025-03, T-2026-07"),
    ({"account": "bureau", "kind": "gaps", "bid": "X"}, "has no bid 'X'; its bids: T-2025-03, T-2026-07"),
    ({"account": "bureau", "kind": "competitor", "vendor": "acme"},
     "knows no vendor 'acme'; its vendors: apexsoft, bluepeak, cedartech, us"),
    ({"account": "bureau", "kind": "competitor", "vendor": "us"}, "'us' is us"),
    ({"account": "bureau", "kind": "sunburst"}, "unknown view 'sunburst'"),
])
def test_unknown_accounts_bids_and_vendors_name_what_exists(viz_store, tmp_path, kwargs, message):
    kwargs = dict(kwargs)  # the parameters are shared by both stores' runs
    kind = kwargs.pop("kind", "power")
    with pytest.raises(RelgraphError, match=re.escape(message)):
        render_view(viz_store, kind, out=tmp_path / "x.html", as_of=TODAY, **kwargs)


def test_gaps_marks_departments_and_draws_warm_paths(viz_store):
    graph = read_account(viz_store, "bureau")
    view = view_of(viz_store, "bureau", "gaps", bid="T-2026-07")
    team = set(graph.bids["T-2026-07"].team)
    departments = [n for n in view.nodes if n["id"].startswith("dept:")]
    assert team <= {n["id"] for n in view.nodes}
    assert departments and {view.details[n["id"]]["rows"][1][1] for n in departments} <= set(COVERAGE_STATUSES)
    warm = [e for e in view.edges if e["color"]["color"] == "#f9a825"]
    assert warm, "the demo's unreached bid-team members have warm paths"


def _analysed(store, account: str, bid: str | None = None):
    data = read_account(store, account).scoped(bid)
    return data, power_scores(data)


@pytest.mark.parametrize("account", sorted(DEMO))
def test_the_gaps_view_shows_the_analysis_department_coverage(viz_store, account):
    bid = DEMO[account]
    data, power = _analysed(viz_store, account, bid)
    expected = {d: cell.status for d, cell in department_coverage(data, power, TODAY).items()}
    view = view_of(viz_store, account, "gaps", bid=bid)
    drawn = {n["id"].removeprefix("dept:"): view.details[n["id"]]["rows"][1][1]
             for n in view.nodes if n["id"].startswith("dept:")}
    assert drawn and drawn == {d: expected[d] for d in drawn}
    assert {n["label"].split("\n")[1] for n in view.nodes if n["id"].startswith("dept:")} == set(drawn.values())
    boxes = next(section for section in view.legend if section["title"].startswith("Boxes"))
    legend = [i["label"].split(":")[0] for i in boxes["items"] if i["node"]["shape"] == "square"]
    assert legend == list(COVERAGE_STATUSES)


def test_department_coverage_takes_the_cell_rule_over_all_layers():
    def status(*people):
        data = built_account(people)
        return department_coverage(data, power_scores(data), TODAY)["d"].status

    fresh, stale = "2026-11-20", "2026-01-01"
    assert status(person("a", department_id="d", layer="executive")) == "uncovered"
    assert status(person("a", department_id="d", our_stance="neutral")) == "weak"
    assert status(person("a", department_id="d", our_stance="supporter", last_contact=stale)) == "weak"
    assert status(person("a", department_id="d", our_stance="supporter", last_contact=stale),
                  person("b", department_id="d", layer="frontline", competitor_stances={"rival": "mentor"})) == "contested"
    assert status(person("a", department_id="d", layer="executive", our_stance="supporter", last_contact=fresh),
                  person("b", department_id="d", layer="frontline", competitor_stances={"rival": "mentor"})) == "covered"


@pytest.mark.parametrize("account", sorted(DEMO))
def test_node_sizes_order_like_power_ranks(viz_store, account):
    _, power = _analysed(viz_store, account)
    view = view_of(viz_store, account, "power")
    size = {n["id"]: n["size"] for n in view.nodes}
    by_rank = [size[pid] for pid in power]  # rank order
    assert by_rank == sorted(by_rank, reverse=True) and by_rank[0] > by_rank[-1]
    departed = set(size) - set(power)
    assert all(size[pid] < by_rank[-1] for pid in departed)


@pytest.mark.parametrize("account", sorted(DEMO))
def test_the_marked_people_are_the_analysis_unreached_among_the_most_powerful(viz_store, account):
    data, power = _analysed(viz_store, account)
    top = powerful_count(len(power))
    expected = {u.id for u in unreached_influencers(data, power, TODAY).people if power[u.id].rank <= top}
    view = view_of(viz_store, account, "power")
    marked = {n["id"] for n in view.nodes if n["label"].startswith("\u26a0 ")}
    assert marked == expected and 0 < len(marked) <= top


def test_departed_people_are_drawn_faded_and_never_marked(viz_store):
    graph = read_account(viz_store, "bureau")
    departed = {pid for pid, p in graph.people.items() if not p.active}
    assert departed, "the demo has departed people"
    for kind in ("power", "orgchart"):
        nodes = {n["id"]: n for n in view_of(viz_store, "bureau", kind).nodes}
        assert all(nodes[pid].get("opacity") == 0.35 and not nodes[pid]["label"].startswith("\u26a0") for pid in departed)


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
        view = view_of(viz_store, "bureau", "power")
    finally:
        layout.PHYSICS_LIMIT = original
    assert view.options["physics"] is False and all("x" in n and "y" in n for n in view.nodes)


def test_the_grid_is_a_nine_box_table(viz_store, tmp_path):
    result = render_view(viz_store, "grid", account="evil", out=tmp_path / "grid.html", as_of=TODAY)
    assert [r["power"] for r in result.table] == ["high", "medium", "low"]
    # three people: the most powerful is high, the least low (bottom half), the one between medium
    assert result.table[0]["supportive"] == [IMG] and result.table[1]["against"] == [SCRIPT]
    assert result.table[2]["neutral"] == ["Plain Person?"]
    page = (tmp_path / "grid.html").read_text(encoding="utf-8")
    assert IMG not in page and "&lt;img src=x onerror=alert(1)&gt;" in page and "<script" not in page


def test_read_account_on_each_store(store):
    load_demo(store)
    graph = read_account(store, "northwind-health")
    people, influence, reporting = account_counts(store, "northwind-health")
    assert len(graph.people) == people and len(graph.influence) == influence
    assert len(graph.reports_to) == reporting and graph.us == "us"


def test_render_html_is_one_self_contained_page(viz_store):
    page = render_html(view_of(viz_store, "northwind-health", "power"))
    assert "Content-Security-Policy" in page and "connect-src 'none'" in page
    assert page.count("</script>") == 3 and "vis.Network" in page


def _markup(page: str) -> str:
    """The page's own markup: everything outside <script> and <style> elements."""
    return re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S)


def test_a_person_whose_id_looks_like_a_line_id_keeps_their_tooltip(store, tmp_path):
    from relgraph.loading import load_path

    folder = tmp_path / "e"
    folder.mkdir()
    (folder / "account.csv").write_text("id,name\ne,E\n", encoding="utf-8")
    (folder / "stakeholders.csv").write_text("id,name,manager_id\ne0,Eve,e1\ne1,Boss,\n", encoding="utf-8")
    (folder / "influence.csv").write_text("source_id,target_id\ne0,e1\n", encoding="utf-8")
    load_path(store, folder)
    data = view_of(store, "e", "power").to_json()
    assert data["details"]["e0"]["name"] == "Eve" and "facets" in data["details"]["e0"]
    assert len(data["edges"]) == 2 and len(data["lineRows"]) == 2


def test_a_warm_path_runs_along_the_lines_drawn_for_it():
    from relgraph.analysis.unreached import Step, WarmPath
    from relgraph.viz.reach import warm_links

    path = WarmPath((Step("ally", "A", "our mentor"), Step("boss", "B", "is their manager", "manager"),
                     Step("rep", "R", "reports to them", "report"), Step("peer", "P", "listens to them", "influence")),
                    0.1, (), False)
    assert warm_links(path) == [("ally", "boss", "reporting"), ("rep", "boss", "reporting"), ("rep", "peer", "influence")]
    assert warm_links(None) == []


def _texts(legend) -> list[str]:
    """Every string in a view's legend: titles, notes and item labels."""
    if isinstance(legend, str):
        return [legend]
    items = legend.values() if isinstance(legend, dict) else legend if isinstance(legend, list) else []
    return [text for item in items for text in _texts(item)]


@pytest.mark.parametrize("account", sorted(DEMO))
@pytest.mark.parametrize("kind", ["power", "orgchart", "competitor", "gaps"])
def test_legends_are_plain_text_without_markdown_backticks(viz_store, account, kind):
    view = view_of(viz_store, account, kind, bid=DEMO[account], vendor="apexsoft")
    texts = _texts(view.legend)
    assert len(texts) > 20 and not [text for text in texts if "`" in text]


def test_the_org_chart_colours_each_department_by_its_breadth():
    import datetime as dt

    from relgraph.account import Account, Department, Person, Touchpoint
    from relgraph.viz.reach import analyse as insight_of
    from relgraph.viz.views import BREADTH_COLOURS, orgchart_view

    visited = (Touchpoint("2026-11-20", "ann"),)
    people = {"boss": Person("boss", "Boss", department_id="it", touchpoints=visited),
              "dev": Person("dev", "Dev", department_id="it", manager_id="boss", touchpoints=visited),
              "cfo": Person("cfo", "CFO", department_id="fin"),
              "clerk": Person("clerk", "Clerk", department_id="fin", manager_id="cfo")}
    graph = Account("t", people=people, departments={"it": Department("it", "IT"), "fin": Department("fin", "Finance")})
    view = orgchart_view(graph, insight_of(graph, None, dt.date(2026, 12, 1)))
    colour = {e["to"]: e["color"]["color"] if isinstance(e["color"], dict) else e["color"] for e in view.edges}
    assert colour["boss"] == BREADTH_COLOURS[-1] and colour["cfo"] == BREADTH_COLOURS[0]
    labels = [item["label"] for legend in view.legend for item in legend.get("items", [])]
    assert "IT: 2 of 2 touched within 90 days (100%)" in labels and "Finance: 0 of 2 touched within 90 days (0%)" in labels

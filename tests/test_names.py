"""Names for people, ids for scripts: human output by name, names accepted wherever an id is, near misses named."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.account import read_account
from relgraph.cli import cli
from relgraph.schema import is_derived
from relgraph.store import open_store
from relgraph.viz.reach import analyse
from relgraph.viz.views import build_view

DERIVED = re.compile(r"\b[sdvtb]-[0-9a-f]{10}\b")
BID = "智慧交通平台"

# An account as a team keeps it in spreadsheets: no id column anywhere, so every id is derived from a name.
# Two people are called 王伟 (one has left); nobody else shares a name.
EXPORTS = {
    "stakeholders": "姓名,职务,部门,上级,层级,角色,状态\n"
                    "周杰,局长,局领导,,高层,决策者,在职\n"
                    "王伟,总工程师,局领导,周杰,高层,评估者,在职\n"
                    "王伟,科员,财务处,周杰,基层,使用者,离职\n"
                    "李娜,处长,信息中心,周杰,中层,评估者,在职\n"
                    "张强,科员,信息中心,李娜,基层,使用者,在职\n",
    "vendors": "厂商名称,是否我方\n我方科技,是\n东华软件,否\n",
    "stances": "姓名,竞争对手,态度,关系\n周杰,我方科技,中立,接触\n李娜,东华软件,支持,\n张强,我方科技,支持,支持\n"
               "周杰,东华软件,支持,\n",
    "influence": "影响者,被影响者,强度\n李娜,周杰,4\n张强,李娜,3\n",
    "bids": "项目名称,截止日期\n智慧交通平台,2027-01-15\n",
    "bid_team": "项目,评委,角色\n智慧交通平台,周杰,决策者\n智慧交通平台,李娜,评估者\n",
}


@pytest.fixture
def run(data_dir):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--data-dir", str(data_dir), *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def sheets(run, tmp_path) -> Path:
    """The spreadsheet account `bureau`, loaded kind by kind."""
    for kind, text in EXPORTS.items():
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        result = run("load", str(path), "--kind", kind, "--account", "bureau")
        assert result.exit_code == 0, result.output
    return tmp_path


HUMAN_COMMANDS = [
    ["centres"], ["centres", "--centres"], ["unreached"], ["gaps"], ["position"],
    ["centres", "--bid", BID], ["centres", "--centres", "--bid", BID], ["unreached", "--bid", BID],
    ["gaps", "--bid", BID], ["position", "--bid", BID], ["gaps", "--section", "flags"],
    ["position", "--section", "vendors"], ["show", "张强"],
]


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("command", HUMAN_COMMANDS, ids=" ".join)
def test_table_and_markdown_show_names_never_a_derived_id(run, sheets, command, fmt):
    result = run(*command, "--account", "bureau", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert not DERIVED.search(result.stdout), result.stdout


def test_human_columns_of_ids_hold_names_and_json_and_csv_keep_the_ids(run, sheets):
    table = run("position", "--account", "bureau", "--format", "table").stdout
    assert "东华软件" in table and "我方科技" in table  # the vendor columns are headed by name
    flags = run("gaps", "--account", "bureau", "--section", "flags", "--format", "markdown").stdout
    assert "周杰" in flags  # the stakeholders column of decider_stance_unknown / a competitor's supporter
    position = json.loads(run("position", "--account", "bureau", "--format", "json").stdout)
    vendors = [v["vendor"] for v in position["vendors"]]
    assert all(is_derived(v) for v in vendors) and all(v in position["table"][0] for v in vendors)
    csv = run("position", "--account", "bureau", "--section", "table", "--format", "csv").stdout
    assert all(v in csv.splitlines()[0] for v in vendors)
    person = json.loads(run("show", "张强", "--account", "bureau", "--format", "json").stdout)
    assert is_derived(person["id"]) and is_derived(person["manager_id"]) and person["manager"] == "李娜"


def test_the_brief_names_people_vendors_and_the_bid(run, sheets, tmp_path):
    out = tmp_path / "brief.md"
    result = run("report", "--account", "bureau", "--bid", BID, "--out", str(out))
    assert result.exit_code == 0, result.output
    brief = out.read_text(encoding="utf-8")
    assert not DERIVED.search(brief), brief
    assert brief.startswith(f"# Bid brief: {BID}\n") and "东华软件" in brief


@pytest.mark.parametrize("kind, options", [("power", {}), ("orgchart", {}), ("competitor", {"vendor": "东华软件"}),
                                           ("gaps", {"bid": BID})])
def test_views_never_show_a_derived_id_in_labels_tooltips_legends_or_filters(run, sheets, data_dir, kind, options):
    store = open_store("embedded", data_dir)
    try:
        graph = read_account(store, "bureau")
        bid = graph.require_bid(options["bid"]).id if "bid" in options else None
        vendor = graph.require_vendor(options["vendor"]).id if "vendor" in options else None
        view = build_view(graph, kind, analyse(graph, bid, dt.date(2026, 11, 23)),
                          bid=bid, vendor=vendor)
    finally:
        store.close()
    shown = [view.title, view.subtitle, *(n["label"] for n in view.nodes),
             *(json.dumps([d["name"], d.get("id"), d["rows"]], ensure_ascii=False) for d in view.details.values()),
             *(json.dumps(d["rows"], ensure_ascii=False) for d in view.line_details),
             json.dumps(view.legend, ensure_ascii=False), *(label for f in view.filters for _, label in f["values"])]
    assert not [text for text in shown if DERIVED.search(text)]


def test_a_unique_name_works_wherever_an_id_does(run, sheets, tmp_path):
    by_name = json.loads(run("show", "周杰", "--account", "bureau", "--format", "json").stdout)
    assert by_name["name"] == "周杰" and is_derived(by_name["id"])
    by_id = json.loads(run("show", by_name["id"], "--account", "bureau", "--format", "json").stdout)
    assert by_id == by_name
    assert json.loads(run("show", " 周 杰 ", "--account", "bureau", "--format", "json").stdout)["id"] == by_name["id"]
    gaps = json.loads(run("gaps", "--account", "bureau", "--bid", BID, "--format", "json").stdout)
    assert gaps["readiness"]["people"] == 2  # the bid team, found by the bid's name
    page = tmp_path / "rival.html"
    result = run("view", "competitor", "--vendor", "东华软件", "--account", "bureau", "--out", str(page))
    assert result.exit_code == 0, result.output
    assert run("report", "--account", "bureau", "--bid", BID, "--out", str(tmp_path / "b.md")).exit_code == 0
    assert run("view", "gaps", "--account", "bureau", "--bid", BID, "--out", str(tmp_path / "g.html")).exit_code == 0
    forgotten = json.loads(run("forget", "张强", "--account", "bureau", "--yes", "--format", "json").stdout)
    assert forgotten[0]["removed"].endswith("(张强)")


def test_an_ambiguous_name_lists_each_candidate_with_department_title_and_status(run, sheets):
    result = run("show", "王伟", "--account", "bureau")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: 2 stakeholders in account 'bureau' are called '王伟': ")
    assert "(局领导, 总工程师, active)" in line and "(财务处, 科员, departed)" in line and line.endswith("give the id")


def test_an_unknown_name_suggests_the_nearest(run, sheets):
    result = run("view", "competitor", "--vendor", "东华软见", "--account", "bureau", "--out", "x.html")
    assert result.exit_code == 1 and "knows no vendor '东华软见' (did you mean '东华软件'?)" in result.stderr
    result = run("gaps", "--account", "bureau", "--bid", "智慧交通平", "--format", "json")
    assert result.exit_code == 1 and f"has no bid '智慧交通平' (did you mean '{BID}'?)" in result.stderr


def test_a_mistyped_account_on_a_read_names_the_nearest_else_lists_them(run, sheets):
    for command in (["centres"], ["show", "周杰"], ["view", "power", "--out", "x.html"], ["export", "--to", "x"]):
        result = run(*command, "--account", "bureu")
        assert result.exit_code == 1, command
        assert result.stderr.strip() == "Error: no account 'bureu'; did you mean 'bureau'?", command
    far = run("centres", "--account", "zzz")
    assert far.stderr.strip() == "Error: no account 'zzz' in the store (accounts: bureau)"


def test_a_load_into_a_new_account_says_it_creates_one(run, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("姓名,职务\n周杰,局长\n", encoding="utf-8")
    dry = run("load", str(path), "--kind", "stakeholders", "--account", "acme", "--dry-run")
    assert "Note: would create account 'acme': the store holds no account of that id yet" in dry.stderr
    first = run("load", str(path), "--kind", "stakeholders", "--account", "acme")
    assert first.exit_code == 0 and "Note: creating account 'acme'" in first.stderr
    again = run("load", str(path), "--kind", "stakeholders", "--account", "acme")
    assert again.exit_code == 0 and "creating account" not in again.stderr


@pytest.mark.parametrize("kind, text, problem", [
    ("stances", "姓名,竞争对手,态度\n周杰,东华软件,支待\n",
     "stances.csv:2: column 态度 value '支待': did you mean '支持'? allowed: mentor, supporter"),
    ("stances", "姓名,竞争对手,态度\n周杰,东华软件,Suporter\n",
     "stances.csv:2: column 态度 value 'suporter': did you mean 'supporter'? allowed: mentor, supporter"),
    ("stakeholders", "姓名,层级\n周杰,高成\n",
     "stakeholders.csv:2: column 层级 value '高成': did you mean '高层'? allowed: executive, middle, frontline"),
    ("stakeholders", "姓名,角色\n周杰,决策者;评估着\n",
     "stakeholders.csv:2: column 角色 value 'decision_maker;评估着': unknown '评估着' (did you mean '评估者'?)"),
    ("stakeholders", "name,status\nJo,formr\n",
     "stakeholders.csv:2: column status value 'formr': did you mean 'former'? allowed: active, departed"),
    ("stakeholders", "name,layer\nJo,boss\n", "stakeholders.csv:2: column layer value 'boss': allowed: executive"),
])
def test_an_unknown_value_suggests_the_nearest_in_the_language_of_the_input(run, sheets, tmp_path, kind, text, problem):
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    result = run("load", str(path), "--kind", kind, "--account", "bureau")
    assert result.exit_code == 1
    assert any(line.strip().startswith(f"{path.parent}/{problem}") for line in result.stderr.splitlines()), result.stderr

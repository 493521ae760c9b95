"""The activities and procurement kinds end to end, on both stores: loading (English and Chinese headers, names for
participants, a workbook's sheets told by their headers), refusals, export and load back, --redact, forget,
history and --at, and what gaps, health and the brief make of them."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from relgraph.account import Activity, ProcurementStep, read_account
from relgraph.cli import cli
from relgraph.errors import InputError
from relgraph.export import export_account
from relgraph.loading import load_path
from relgraph.state import read_stored

ACTIVITIES = """date,kind,subject,stakeholder_ids,team_member_ids,ends,score
2026-03-01,executive_visit,CEO visit,ceo;cto,tm1;tm-boss,,
2025-06-01,strategic_agreement,Frame agreement,ceo,tm-boss,2027-05-31,
2026-02-01,satisfaction_survey,Survey 2025,cto,,,82
"""
PROCUREMENT = """bid_id,step,took_part,date
b1,need,true,2026-01-10
b1,goals,false,2026-02-10
b1,requirements,false,
"""


@pytest.fixture
def folder(acme):
    """ACME with activities, procurement steps and a team member who only took part in activities."""
    (acme / "activities.csv").write_text(ACTIVITIES, encoding="utf-8")
    (acme / "procurement.csv").write_text(PROCUREMENT, encoding="utf-8")
    with (acme / "team.csv").open("a", encoding="utf-8") as team:
        team.write("tm-boss,Our CEO\n")
    return acme


def test_a_folder_loads_activities_and_steps_and_reads_them_back(store, folder):
    load_path(store, folder)
    data = read_account(store, "acme")
    assert data.activities == (
        Activity("2025-06-01", "strategic_agreement", "Frame agreement", ("ceo",), ("tm-boss",), "2027-05-31"),
        Activity("2026-02-01", "satisfaction_survey", "Survey 2025", ("cto",), (), score=82.0),
        Activity("2026-03-01", "executive_visit", "CEO visit", ("ceo", "cto"), ("tm1", "tm-boss")))
    assert data.procurement == (ProcurementStep("b1", "goals", False, "2026-02-10"),
                                ProcurementStep("b1", "need", True, "2026-01-10"),
                                ProcurementStep("b1", "requirements", False, None))
    assert data.team["tm-boss"].name == "Our CEO"  # in the account through an activity alone
    assert all(c.change == "unchanged" for c in load_path(store, folder).changes if c.kind in ("activities",
                                                                                                 "procurement"))


def test_chinese_headers_names_and_values_load(store, acme, tmp_path):
    load_path(store, acme)
    path = tmp_path / "活动.csv"
    path.write_text("日期,类型,主题,客户参与人,我方参与人,满意度\n"
                    "2026/3/1,高层拜访,总裁拜访,王总、Li Wei,Alice,\n2026/4/1,满意度调查,年度调查,,,88\n", encoding="utf-8")
    load_path(store, path, kind="activities", account="acme")
    steps = tmp_path / "采购流程.csv"
    steps.write_text("项目,环节,是否参与,日期\nBig tender,需求,是,2026/1/10\nBig tender,评标,否,\n", encoding="utf-8")
    load_path(store, steps, kind="procurement", account="acme")
    data = read_account(store, "acme")
    assert [(a.date, a.kind, a.stakeholder_ids, a.team_member_ids, a.score) for a in data.activities] == [
        ("2026-03-01", "executive_visit", ("ceo", "cto"), ("tm1",), None),
        ("2026-04-01", "satisfaction_survey", (), (), 88.0)]
    assert [(s.bid_id, s.step, s.took_part) for s in data.procurement] == [("b1", "evaluation", False),
                                                                           ("b1", "need", True)]


@pytest.mark.parametrize("row, column, value, message", [
    ("2026-03-01,party,x,ceo,tm1,,", "kind", "party", "allowed: strategy_meeting, executive_visit"),
    ("2026-13-01,summit,x,ceo,tm1,,", "date", "2026-13-01", "expected a date as YYYY-MM-DD"),
    ("2026-03-01,summit,x,ceo;ghost,tm1,,", "stakeholder_ids", "ghost", "names no one in the store"),
    ("2026-03-01,summit,x,ceo,tm9,,", "team_member_ids", "tm9", "names no team member"),
    ("2026-03-01,satisfaction_survey,x,,,,120", "score", "120", "expected a score from 0 to 100"),
])
def test_a_bad_activity_is_one_error_naming_file_row_and_column_and_nothing_is_written(store_args, acme, row, column,
                                                                                      value, message):
    runner = CliRunner()
    assert runner.invoke(cli, [*store_args, "load", str(acme)], catch_exceptions=False).exit_code == 0
    path = acme.parent / "activities.csv"
    path.write_text(ACTIVITIES.splitlines()[0] + "\n" + row + "\n", encoding="utf-8")
    result = runner.invoke(cli, [*store_args, "load", str(path), "--kind", "activities", "--account", "acme"],
                           catch_exceptions=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("Error: 1 problem in the input; nothing was written:")
    assert f"activities.csv:2: column {column} value '{value}': {message}" in result.stderr
    shown = runner.invoke(cli, [*store_args, "--format", "json", "gaps", "--account", "acme", "--section",
                                "organisation"], catch_exceptions=False)
    assert json.loads(shown.stdout)["activities_12m"] == 0  # nothing written, nor recorded:
    history = runner.invoke(cli, [*store_args, "--format", "json", "history", "--account", "acme"])
    assert len(json.loads(history.stdout)) == 1


def test_a_step_of_an_unknown_bid_or_kind_is_refused_naming_it(store, acme):
    (acme / "procurement.csv").write_text("bid_id,step,took_part,date\nb9,need,true,\nb1,signing,true,\n"
                                          "b1,tender,maybe,\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_path(store, acme)
    found = {(p.line, p.column): p.message for p in error.value.problems}
    assert "names no bid" in found[2, "bid_id"] and "allowed: need, goals" in found[3, "step"]
    assert found[4, "took_part"] == "expected true or false"
    assert read_account(store, "acme", missing_ok=True) is None


def test_exports_load_back_unchanged_and_redact_the_participants(store, folder, tmp_path):
    load_path(store, folder)
    data = read_account(store, "acme")
    for exported in (tmp_path / "out", tmp_path / "acme.json", tmp_path / "acme.xlsx"):
        export_account(data, exported, known=read_stored(store, "acme"))
        again = load_path(store, exported, account="acme")
        changes = [c.change for c in again.changes if c.kind in ("activities", "procurement")]
        assert changes == ["unchanged"] * 6, exported
    export_account(data, tmp_path / "redacted", redact=True)
    text = (tmp_path / "redacted" / "activities.csv").read_text(encoding="utf-8")
    assert "ceo" not in text and "CEO visit" not in text and "tm-boss" not in text
    assert "2026-03-01,executive_visit,[redacted],p001;p002,t02;t01,," in text  # tm-boss is t01


def test_forget_takes_the_person_out_of_every_activity_and_its_history(store, folder):
    from relgraph.history import read_at
    from relgraph.privacy import forget

    load_path(store, folder)
    (folder / "activities.csv").write_text(ACTIVITIES.replace("CEO visit,ceo;cto", "CEO visit,cto;ceo"),
                                           encoding="utf-8")
    load_path(store, folder)  # revision 2 records the row with ceo as it was
    removed = {r["removed"]: r["count"] for r in forget(store, "acme", "ceo")}
    assert removed["places in organisational activities"] == 2
    now = read_account(store, "acme").activities
    assert [a.stakeholder_ids for a in now] == [(), ("cto",), ("cto",)]
    assert [a.stakeholder_ids for a in read_at(store, "acme", "1").account.activities] == [(), ("cto",), ("cto",)]
    assert '"ceo"' not in json.dumps([r for r in store.read("history/undo", {"account": "acme"})])


def test_at_an_earlier_revision_gives_the_activities_of_then(store_args, folder):
    runner = CliRunner()
    invoke = lambda *args: runner.invoke(cli, [*store_args, *args], catch_exceptions=False)  # noqa: E731
    assert invoke("load", str(folder)).exit_code == 0
    (folder / "activities.csv").write_text(ACTIVITIES.splitlines()[0] + "\n", encoding="utf-8")
    (folder / "procurement.csv").write_text(PROCUREMENT.replace("goals,false", "goals,true"), encoding="utf-8")
    assert invoke("load", str(folder)).exit_code == 0
    summary = lambda *at: json.loads(invoke("--format", "json", "gaps", "--account", "acme", "--bid", "b1",  # noqa: E731
                                            "--as-of", "2026-06-01", *at).stdout)
    then, now = summary("--at", "1"), summary()
    assert (then["organisation"]["executive_visits_12m"], now["organisation"]["executive_visits_12m"]) == (1, 0)
    assert (then["procurement"][0]["took_part"], now["procurement"][0]["took_part"]) == (1, 2)
    history = json.loads(invoke("--format", "json", "history", "--account", "acme").stdout)
    assert history[-1]["summary"] == {"activities": {"removed": 3}, "procurement": {"updated": 1}}


def test_append_adds_an_activity_and_keeps_the_others(store, folder, tmp_path):
    load_path(store, folder)
    path = tmp_path / "more.csv"
    path.write_text("date,kind,subject\n2026-05-01,summit,Summit\n", encoding="utf-8")
    load_path(store, path, kind="activities", account="acme", append=True)
    assert [a.kind for a in read_account(store, "acme").activities][-1] == "summit"
    assert len(read_account(store, "acme").activities) == 4


def test_a_workbook_sheet_is_told_an_activities_or_procurement_sheet_by_its_header(store, acme, tmp_path):
    from openpyxl import Workbook

    load_path(store, acme)
    book = Workbook()
    book.active.title = "Sheet1"
    for line in (["日期", "类型", "主题", "客户参与人", "我方参与人"], ["2026-03-01", "战略会议", "规划", "王总", "Alice"]):
        book.active.append(line)
    steps = book.create_sheet("2026 Q1")
    for line in (["项目", "环节", "是否参与"], ["b1", "招标", "是"]):
        steps.append(line)
    book.save(tmp_path / "book.xlsx")
    result = load_path(store, tmp_path / "book.xlsx", account="acme")
    assert any("'Sheet1' read as activities (by its header" in note for note in result.notes)
    assert any("'2026 Q1' read as procurement (by its header" in note for note in result.notes)
    data = read_account(store, "acme")
    assert data.activities == (Activity("2026-03-01", "strategy_meeting", "规划", ("ceo",), ("tm1",)),)
    assert data.procurement == (ProcurementStep("b1", "tender", True),)


def test_the_demo_answers_in_gaps_health_and_the_brief(demo_store, tmp_path):
    from relgraph.analysis.brief import bid_brief
    from relgraph.analysis.registry import Settings, analyse, run

    day = Settings(today=dt.date(2026, 11, 23))
    bureau = run("gaps", *analyse(demo_store, "bureau", "T-2026-07"), day)
    assert {"no_executive_visit", "no_strategic_agreement"} <= {f["code"] for f in bureau["flags"]}
    assert bureau["procurement"] == [{"bid_id": "T-2026-07", "bid": "T-2026-07", "recorded": 4, "took_part": 3,
                                      "share": 0.75, "taken": ["need", "goals", "tender"],
                                      "missed": ["requirements"]}]
    northwind = run("health", *analyse(demo_store, "northwind-health", "NW-RFP-2026-09"), day)["layers"]
    assert [(layer["layer"], layer["level"]) for layer in northwind][2] == ("organisational", "weak")
    brief = bid_brief(demo_store, "bureau", "T-2026-07", dt.date(2026, 11, 23))
    assert brief.index("## Three layers of relationship") < brief.index("## Who decides")
    assert "| organisational | weak | no executive visit in the last 12 months and no strategic agreement" in brief
    assert "Procurement steps of bid T-2026-07: we took part in 3 of the 4 recorded (75%); missed: requirements." \
        in brief

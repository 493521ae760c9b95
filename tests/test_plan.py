"""The relationship plan: targets judged against the map (small named accounts), the targets file, set target,
`plan` and its exit status, the brief's plan section."""

import datetime as dt
import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from relgraph.account import Bid, Target, read_account
from relgraph.analysis.plan import judge_plan, plan_summary
from relgraph.cli import cli
from relgraph.errors import InputError
from relgraph.loading import load_path
from builders import account, person

FEB = dt.date(2026, 2, 1)


def bid_account():
    """The boss decides bid b1 and leans to Rival; the engineer evaluates it and is our supporter, in touch.

    On b1 (weights: decision maker 1.0, evaluator 0.6) our support is 0.6 / 1.6 = 0.375, Rival's 1.0 / 1.6 = 0.625,
    so the suppression ratio is 0.6.
    """
    people = [person("boss", our_stance="neutral", our_level="accepting", competitor_stances={"rival": "supporter"},
                     department_id="exec", layer="executive"),
              person("eng", our_stance="supporter", our_level="favourable", last_contact="2026-01-20",
                     department_id="it", layer="frontline")]
    bids = {"b1": Bid("b1", "Tender", team={"boss": "decision_maker", "eng": "evaluator"}), "b2": Bid("b2", "Later")}
    return replace(account(people), bids=bids)


TARGETS = (
    Target("person", stakeholder_id="boss", stance="supporter", level="supports", due="2026-01-15", owner_id="tm1"),
    Target("person", stakeholder_id="eng", stance="supporter"),
    Target("person", stakeholder_id="eng", bid_id="b2", level="supports"),
    Target("bid", bid_id="b1", measure="support_share", value=0.5),
    Target("bid", bid_id="b1", measure="suppression_ratio", value=0.5),
    Target("bid", bid_id="b1", role="decision_maker", level="supports", due="2026-03-01"),
    Target("cell", bid_id="b1", role="evaluator", status="covered"),
    Target("cell", department_id="exec", layer="executive", status="covered"),
    Target("cell", department_id="it", status="covered"),
)


def judged(bid=None):
    rows = judge_plan(replace(bid_account(), targets=TARGETS), FEB, bid)
    return {(r["about"], r["target"]): (r["progress"], r["now"], r["distance"]) for r in rows}, rows


def test_each_target_is_judged_from_the_analyses():
    found, rows = judged()
    assert found == {
        ("Boss", "supporter, level supports"): ("behind", "neutral, level accepting", 3),  # 1 stance + 2 level steps
        ("every decision maker on bid b1", "level supports"): ("open", "0 of 1 there", 1),
        ("Eng, for bid b2", "level supports"): ("open", "supporter, level favourable", 1),
        ("support share on bid b1", "50% or more"): ("open", "38%", 0.125),  # 0.375 of 0.5
        ("exec, executive", "covered"): ("open", "contested", 3),  # Rival's supporter, no ally of ours
        ("Eng", "supporter"): ("met", "supporter, level favourable", 0),
        ("suppression ratio on bid b1", "0.50 or more"): ("met", "0.60", 0),
        ("evaluator role on bid b1", "covered"): ("met", "covered", 0),
        ("it, every layer", "covered"): ("met", "covered", 0),
    }
    assert [r["progress"] for r in rows] == ["behind", "open", "open", "open", "open", "met", "met", "met", "met"]
    assert rows[0]["gap"] == "stance neutral -> supporter (1 step); level accepting -> supports (2 steps)"
    assert rows[0]["overdue"] and rows[0]["owner"] == "tm1"  # no team member of that id: the id stands
    assert rows[1]["gap"] == "Boss: level accepting -> supports (2 steps)"
    assert plan_summary(rows) == {"targets": 9, "behind": 1, "open": 4, "met": 4}


def test_a_bid_plan_leaves_out_the_targets_of_other_bids():
    found, _ = judged("b1")
    assert ("Eng, for bid b2", "level supports") not in found and len(found) == 8


def test_a_target_is_behind_only_past_its_due_date():
    rows = judge_plan(replace(bid_account(), targets=TARGETS[:1]), dt.date(2026, 1, 15))
    assert (rows[0]["progress"], rows[0]["overdue"]) == ("open", False)


def test_a_departed_person_never_meets_a_target():
    data = replace(bid_account(), targets=TARGETS[1:2])
    data = replace(data, people={**data.people, "eng": replace(data.people["eng"], status="departed")})
    [row] = judge_plan(data, FEB)
    assert (row["met"], row["now"]) == (False, "departed (supporter, level favourable)")


TARGETS_CSV = """scope,stakeholder_id,department_id,layer,bid_id,role,stance,level,status,measure,value,due,owner_id
person,ceo,,,,,supporter,supports,,,,2026-01-31,tm1
cell,,it,frontline,,,,,covered,,,,
bid,,,,b1,decision_maker,,supports,,,,2027-01-01,
bid,,,,b1,,,,,support_share,40%,,
"""


def test_a_targets_file_loads_with_the_account_folder_and_exports_with_it(store, acme, tmp_path):
    (acme / "targets.csv").write_text(TARGETS_CSV, encoding="utf-8")
    load_path(store, acme)
    targets = read_account(store, "acme").targets
    assert [(t.scope, t.stakeholder_id or t.department_id or t.bid_id) for t in targets] == [
        ("bid", "b1"), ("bid", "b1"), ("cell", "it"), ("person", "ceo")]
    assert next(t for t in targets if t.measure).value == 0.4
    from relgraph.export import export_account
    from relgraph.state import read_stored

    export_account(read_account(store, "acme"), tmp_path / "out")
    assert (tmp_path / "out" / "targets.csv").read_text(encoding="utf-8").count("\n") == 5
    for exported in (tmp_path / "out", tmp_path / "acme.json", tmp_path / "acme.xlsx"):
        if exported.suffix:
            export_account(read_account(store, "acme"), exported, known=read_stored(store, "acme"))
        again = load_path(store, exported, account="acme")
        assert [c.change for c in again.changes if c.kind == "targets"] == ["unchanged"] * 4, exported


def test_chinese_headers_and_names_load_as_targets(store, acme, tmp_path):
    load_path(store, acme)
    path = tmp_path / "目标.csv"
    path.write_text("类型,姓名,目标立场,目标关系,截止日期,负责人\n人员,王总,支持者,支持,2026/3/1,Alice\n",
                    encoding="utf-8")
    load_path(store, path, kind="targets", account="acme")
    assert read_account(store, "acme").targets == (
        Target("person", stakeholder_id="ceo", stance="supporter", level="supports", due="2026-03-01", owner_id="tm1"),)


@pytest.mark.parametrize("row, line, column, message", [
    ("person,ceo,,,,,,,,,,,", 2, "stance", "a person target needs a stance or a level"),
    ("person,ceo,it,,,,supporter,,,,,,", 2, "department_id", "does not apply to a person target"),
    ("cell,,,,b1,,,,covered,,,,", 2, "department_id", "a cell target needs a department (and layer), or a role"),
    ("cell,,,,b1,evaluator,,,,,,,", 2, "status", "needs the coverage status"),
    ("bid,,,,b1,,,,,support_share,,,", 2, "value", "a measure target needs the value"),
    ("bid,,,,b1,,,,,support_share,150%,,", 2, "value", "a support share is from -1 to 1"),
    ("bid,,,,,decision_maker,,supports,,,,,", 2, "bid_id", "a bid target needs the bid"),
    ("bid,,,,b9,,,,,suppression_ratio,1,,", 2, "bid_id", "names no bid"),
    ("sideways,,,,,,,,,,,,", 2, "scope", "allowed: person, cell, bid"),
])
def test_a_target_that_does_not_fit_its_scope_is_refused_naming_row_and_column(store, acme, row, line, column,
                                                                               message):
    (acme / "targets.csv").write_text(TARGETS_CSV.splitlines()[0] + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_path(store, acme)
    [problem] = error.value.problems
    assert (problem.file.endswith("targets.csv"), problem.line, problem.column) == (True, line, column)
    assert message in problem.message
    assert read_account(store, "acme", missing_ok=True) is None  # nothing of the folder was written


def test_two_targets_of_one_key_are_refused(store, acme):
    (acme / "targets.csv").write_text(TARGETS_CSV + "person,ceo,,,,,mentor,,,,,,\n", encoding="utf-8")
    with pytest.raises(InputError, match="targets.csv:6: .*duplicate of line 2"):
        load_path(store, acme)


def test_forgetting_a_person_erases_their_targets(store, acme):
    (acme / "targets.csv").write_text(TARGETS_CSV, encoding="utf-8")
    load_path(store, acme)
    from relgraph.privacy import forget

    removed = {r["removed"]: r["count"] for r in forget(store, "acme", "ceo")}
    assert removed["targets of the plan"] == 1
    assert [t.stakeholder_id for t in read_account(store, "acme").targets] == [None, None, None]


@pytest.fixture
def run(store_args, acme):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [*store_args, *args], catch_exceptions=False)

    (acme / "targets.csv").write_text(TARGETS_CSV, encoding="utf-8")
    assert invoke("load", str(acme)).exit_code == 0
    return invoke


def test_plan_prints_json_and_fails_on_targets_behind(run):
    result = run("--format", "json", "plan", "--account", "acme", "--as-of", "2026-12-01", "--fail-on", "behind")
    assert result.exit_code == 4
    found = json.loads(result.stdout)
    assert set(found) == {"as_of", "since", "targets", "summary"} and found["as_of"] == "2026-12-01"
    assert found["since"] is None and {r["moved"] for r in found["targets"]} == {None}  # one revision: no review before
    assert found["summary"] == {"targets": 4, "behind": 1, "open": 2, "met": 1}
    behind = found["targets"][0]
    assert (behind["stakeholder_id"], behind["progress"], behind["owner"]) == ("ceo", "behind", "Alice")
    assert "1 target(s) behind: 王总" in result.stderr
    assert run("plan", "--account", "acme", "--as-of", "2026-01-01", "--fail-on", "behind").exit_code == 0


def test_plan_says_how_each_target_moved_since_the_previous_review(run):
    # The CEO's target is supporter at level supports; they are our supporter at favourable: one level short.
    assert run("set", "stance", "ceo", "--account", "acme", "--vendor", "us", "--stance", "supporter",
               "--level", "supports").exit_code == 0
    assert run("set", "target", "--account", "acme", "--scope", "cell", "--department", "it",
               "--status", "covered").exit_code == 0
    moved = lambda *args: {r["about"]: r["moved"] for r in json.loads(run("--format", "json", "plan", "--account",
                                                                          "acme", *args).stdout)["targets"]}
    now = moved()  # since revision 2, the stance: only the new cell target
    assert now["IT 信息中心, every layer"] == "new" and now["王总"] == "same"
    assert moved("--since", "1")["王总"] == "toward"
    assert moved("--at", "2", "--since", "1")["王总"] == "toward"
    assert run("set", "stance", "ceo", "--account", "acme", "--vendor", "us", "--stance", "neutral").exit_code == 0
    assert moved()["王总"] == "away"


def test_set_target_is_one_revision_and_names_work(run):
    result = run("--format", "json", "set", "target", "Zhang San", "--account", "acme", "--level", "favourable",
                 "--owner", "Alice", "--due", "2026-12-31", "--by", "bo")
    assert result.exit_code == 0, result.output
    assert [(r["id"], r["change"]) for r in json.loads(result.stdout)] == [("person/eng", "created")]
    history = json.loads(run("--format", "json", "history", "--account", "acme").stdout)
    assert (history[-1]["by"], history[-1]["summary"]) == ("bo", {"targets": {"created": 1}})
    theirs = json.loads(run("--format", "json", "history", "eng", "--account", "acme").stdout)[-1]
    assert (theirs["kind"], theirs["about"]) == ("targets", "target for person")
    assert theirs["change"] == "added: level favourable, due 2026-12-31, owner_id tm1"
    assert run("set", "target", "--account", "acme", "--scope", "cell", "--department", "IT 信息中心",
               "--layer", "frontline", "--due", "2027-02-01").exit_code == 0  # the stored target keeps its status
    rows = json.loads(run("--format", "json", "plan", "--account", "acme").stdout)["targets"]
    assert {r["about"]: r["due"] for r in rows}["IT 信息中心, frontline"] == "2027-02-01"
    assert len(rows) == 5  # the two edits: one new target, one updated


def test_set_target_refuses_a_cell_without_a_place(run):
    result = run("set", "target", "--account", "acme", "--scope", "cell", "--status", "covered")
    assert result.exit_code == 1
    assert "Error:" in result.output and "--department" in result.output and "Traceback" not in result.output


def test_the_brief_has_a_plan_section_only_with_targets(run, tmp_path):
    out = tmp_path / "brief.md"
    assert run("report", "--account", "acme", "--bid", "b1", "--out", str(out), "--as-of", "2026-12-01").exit_code == 0
    brief = out.read_text(encoding="utf-8")
    plan = brief[brief.index("## Plan"):brief.index("## Next 5 moves")]
    assert "Targets of the relationship plan for this bid or the whole account: 4, of which 1 behind" in plan
    assert "| behind | 王总: supporter, level supports | supporter, level favourable | 2026-01-31 | Alice |" in plan
    assert plan.count("\n| ") == 2 + 3  # header, rule and the three unmet targets: the one met is not listed
    empty = tmp_path / "targets.csv"
    empty.write_text(TARGETS_CSV.splitlines()[0] + "\n", encoding="utf-8")
    assert run("load", str(empty), "--kind", "targets", "--account", "acme").exit_code == 0  # the plan is emptied
    assert run("report", "--account", "acme", "--bid", "b1", "--out", str(out)).exit_code == 0
    assert "## Plan" not in out.read_text(encoding="utf-8")


def test_a_ratio_is_reached_when_no_competitor_has_support():
    data = bid_account()
    data = replace(data, people={**data.people, "boss": replace(data.people["boss"], rivals={})}, targets=TARGETS[4:5])
    [row] = judge_plan(data, FEB)
    assert (row["met"], row["now"]) == (True, "none (no competitor has support)")  # and ours is 0.375

"""What moved: two dated exports of a small account, and what `relgraph diff` says moved between them."""

import json

import pytest
from builders import write_folder
from click.testing import CliRunner

from relgraph.cli import cli

# Northstar on 30 June: Ivy, our mentor, reaches the CFO only through Ben (Ivy -> Ben -> Fang); the CEO supports us.
JUNE = {
    "account": ["northstar,Northstar,A"],
    "departments": ["exec,Executive,executive,", "fin,Finance,finance,exec"],
    "team": ["tm1,Alice"], "vendors": ["us,Our Co,true", "rival,Rival Inc,false"],
    "stakeholders": ["ceo,Chen,CEO,exec,executive,decision_maker,,,,active,",
                     "cfo,Fang,CFO,fin,executive,approver,,,,active,",
                     "ivy,Ivy,IT lead,exec,middle,evaluator,,,,active,",
                     "ben,Ben,Analyst,fin,frontline,user,,,,active,"],
    "influence": ["ivy,ben,4,advice", "ben,cfo,5,advice", "cfo,ceo,4,advice"],
    "stances": ["ivy,us,mentor,supports,high,2026-06-01,", "ceo,us,supporter,favourable,medium,2026-06-01,",
                "ceo,rival,neutral,,low,2026-06-01,", "ben,us,neutral,contact,,2026-06-01,"],
    "owners": ["tm1,ivy,2026-01-01", "tm1,ceo,2026-01-01"],
    "contacts": ["tm1,ivy,2026-06-20,visit", "tm1,ceo,2026-06-15,meal"],
}
# On 30 September: Ben has left (and with him the only warm path to the CFO), the CFO is also COO, Dan joined
# (the CFO listens to him), the CEO cooled to neutral and nobody owns him any more.
SEPTEMBER = {
    **JUNE,
    "stakeholders": ["ceo,Chen,CEO,exec,executive,decision_maker,,,,active,",
                     "cfo,Fang,CFO & COO,fin,executive,approver,,,,active,",
                     "ivy,Ivy,IT lead,exec,middle,evaluator,,,,active,",
                     "dan,Dan,Buyer,fin,middle,procurement,,,,active,"],
    "influence": ["ben,cfo,5,advice", "cfo,ceo,4,advice", "dan,cfo,3,advice"],
    "stances": ["ivy,us,mentor,supports,high,2026-06-01,", "ceo,us,neutral,accepting,medium,2026-09-01,",
                "ceo,rival,neutral,,low,2026-06-01,", "ben,us,neutral,contact,,2026-06-01,"],
    "owners": ["tm1,ivy,2026-01-01"],
    "contacts": ["tm1,ivy,2026-06-20,visit", "tm1,ceo,2026-06-15,meal", "tm1,ivy,2026-09-20,visit"],
}


@pytest.fixture
def northstar(store_args, tmp_path):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [*store_args, *args], catch_exceptions=False)

    assert invoke("load", str(write_folder(tmp_path / "june", JUNE)), "--as-of", "2026-06-30").exit_code == 0
    assert invoke("load", str(write_folder(tmp_path / "sept", SEPTEMBER)), "--as-of", "2026-09-30",
                  "--prune").exit_code == 0
    return invoke


def diff(invoke, *args):
    result = invoke("--format", "json", "diff", "--account", "northstar", *args)
    assert result.exit_code in (0, 4), result.output
    return json.loads(result.stdout), result.exit_code


def test_diff_says_who_moved_and_what_it_did_to_the_answers(northstar):
    found, status = diff(northstar, "--since", "2026-07-01", "--until", "2026-09-30")
    assert (found["since"], found["until"], status) == ({"revision": 1, "at": "2026-06-30", "day": "2026-07-01"},
                                                        {"revision": 2, "at": "2026-09-30", "day": "2026-09-30"}, 0)
    assert [(p["name"], p["change"], p["text"]) for p in found["people"]] == [
        ("Ben", "left", "left (departed): Ben (Analyst)"), ("Fang", "moved", "title: CFO -> CFO & COO"),
        ("Dan", "joined", "joined: Dan (Buyer)")]
    assert [(s["field"], s["before"], s["after"], s["direction"], s["for_us"]) for s in found["stances"]] == [
        ("stance", "supporter", "neutral", "down", "worse"), ("level", "favourable", "accepting", "down", "worse")]
    assert [(i["source"], i["target"], i["change"]) for i in found["influence"]] == [
        ("dan", "cfo", "added"), ("ivy", "ben", "removed")]
    assert [(o["id"], o["before"], o["after"]) for o in found["owners"]] == [("ceo", ["tm1"], [])]
    assert [(c["department"], c["layer"], c["before"], c["after"], c["for_us"]) for c in found["cells"]] == [
        ("Executive", "executive", "covered", "weak", "worse"),  # the CEO is no longer our ally
        ("Finance", "frontline", "weak", None, None), ("Finance", "middle", None, "uncovered", None)]
    [support] = found["support"]
    assert support["vendor"] == "us" and support["after"] < support["before"] and support["for_us"] == "worse"
    [path] = found["warm_paths"]
    assert (path["name"], path["change"], path["through_left"]) == ("Fang", "lost", ["Ben"])
    assert path["before"].startswith("Ivy (our mentor) -> Ben") and path["after"].startswith("none")
    assert [r["section"] for r in found["regressions"]] == ["stances", "stances", "cells", "support", "warm_paths"]
    assert found["regressions"][-1]["text"] == "no warm path to Fang any more (it went through Ben, who left)"


def test_fail_on_regression_exits_4_only_when_something_moved_against_us(northstar):
    worse = northstar("diff", "--account", "northstar", "--since", "1", "--until", "2", "--fail-on", "regression")
    assert worse.exit_code == 4 and "diff: 5 regression(s): Chen toward Our Co: stance supporter -> neutral" in worse.stderr
    back, status = diff(northstar, "--since", "2", "--until", "1", "--fail-on", "regression")  # September to June
    assert status == 0 and back["regressions"] == []
    assert [(p["name"], p["change"]) for p in back["people"]] == [("Ben", "returned"), ("Fang", "moved"),
                                                                  ("Dan", "left")]
    assert {s["for_us"] for s in back["stances"]} == {"better"}
    same, status = diff(northstar, "--since", "2", "--until", "2", "--fail-on", "regression")
    assert status == 0 and all(same[k] == [] for k in ("people", "stances", "cells", "flags", "regressions"))


def test_diff_in_markdown_and_one_section_as_csv(northstar):
    markdown = northstar("--format", "markdown", "diff", "--account", "northstar", "--since", "1", "--until", "2")
    assert markdown.exit_code == 0 and "## warm_paths\n" in markdown.stdout and "| Ben | left |" in markdown.stdout
    rows = northstar("--format", "csv", "diff", "--account", "northstar", "--since", "1", "--until", "2",
                     "--section", "people").stdout.splitlines()
    assert rows[0] == "id,name,change,field,before,after,text" and rows[1].startswith("ben,Ben,left,status")
    refused = northstar("--format", "csv", "diff", "--account", "northstar", "--since", "1")
    assert refused.exit_code == 2 and "choose one with --section" in refused.stderr


def test_diff_since_before_the_history_is_a_clear_error(northstar):
    result = northstar("diff", "--account", "northstar", "--since", "2026-01-01")
    assert result.exit_code == 1 and result.stderr.startswith("Error: --since 2026-01-01: account 'northstar' has "
                                                              "no revision on or before that day")

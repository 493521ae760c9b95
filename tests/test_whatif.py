"""What-if moves change the account in memory only, each checked as a file's cells are checked."""

import datetime as dt

import pytest

from relgraph.analysis.whatif import apply_moves, parse_contact, parse_remove, parse_set, parse_tie
from relgraph.errors import InputError, RelgraphError

from builders import account, person

TODAY = dt.date(2026, 12, 1)


def bureau():
    return account([person("chief", name="周建国", our_stance="neutral", our_level="contact", owners=("ann",)),
                    person("eng", competitor_stances={"rival": "supporter"})], [("eng", "chief", 2, "technical")])


def test_a_stance_set_by_name_keeps_our_level_unless_given():
    moved = apply_moves(bureau(), [parse_set("周建国:us=supporter")], TODAY)
    assert (moved.people["chief"].our_stance, moved.people["chief"].our_level) == ("supporter", "contact")
    moved = apply_moves(bureau(), [parse_set("chief:us=supporter/supports")], TODAY)
    assert (moved.people["chief"].our_stance, moved.people["chief"].our_level) == ("supporter", "supports")
    moved = apply_moves(bureau(), [parse_set("eng:Rival Co=opponent")], TODAY)
    assert moved.people["eng"].rival_stance("rival") == "opponent"


def test_the_original_account_is_untouched():
    before = bureau()
    apply_moves(before, [parse_set("chief:us=mentor"), parse_remove("eng"), parse_tie("chief>eng:5")], TODAY)
    assert before == bureau()


def test_a_contact_is_a_touchpoint_today_by_the_owner_and_a_removal_a_departure():
    moved = apply_moves(bureau(), [parse_contact("chief"), parse_remove("eng")], TODAY)
    assert moved.people["chief"].last_contact == "2026-12-01"
    assert moved.people["chief"].touchpoints[0].team_member_id == "ann"
    assert not moved.people["eng"].active


def test_a_tie_is_added_or_reweighted_in_order():
    moved = apply_moves(bureau(), [parse_tie("eng>chief:5"), parse_tie("chief>eng:1")], TODAY)
    assert [(e.source, e.target, e.strength, e.kind) for e in moved.influence] == [
        ("chief", "eng", 1, "advice"), ("eng", "chief", 5, "technical")]


@pytest.mark.parametrize("spec, words", [("chief=supporter", "PERSON:VENDOR"), ("chief:us=friend", "stance"),
                                         ("chief:us=supporter/best", "level")])
def test_a_bad_set_names_the_option_and_what_to_give(spec, words):
    with pytest.raises(InputError) as error:
        parse_set(spec)
    assert "--set" in str(error.value) and words in str(error.value)


@pytest.mark.parametrize("spec", ["chief>eng", "chief-eng:3", "chief>eng:9", "chief>eng:"])
def test_a_bad_tie_is_refused(spec):
    with pytest.raises(InputError, match="SOURCE>TARGET:STRENGTH"):
        parse_tie(spec)


def test_unknown_people_and_vendors_and_a_level_toward_a_competitor_are_refused_with_the_option():
    with pytest.raises(RelgraphError, match="--contact nobody: no stakeholder 'nobody'"):
        apply_moves(bureau(), [parse_contact("nobody")], TODAY)
    with pytest.raises(RelgraphError, match="--set chief:acme=supporter: .*knows no vendor 'acme'"):
        apply_moves(bureau(), [parse_set("chief:acme=supporter")], TODAY)
    with pytest.raises(RelgraphError, match="only toward us"):
        apply_moves(bureau(), [parse_set("chief:rival=supporter/supports")], TODAY)


def test_what_if_the_bureau_chief_supported_us_on_both_stores_and_nothing_is_written(store_args, data_dir):
    import json

    from click.testing import CliRunner

    from relgraph.cli import cli

    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [*store_args, *args])

    assert invoke("demo").exit_code == 0
    before = invoke("--format", "json", "export", "--account", "bureau", "--to", str(data_dir.parent / "a.json"))
    asked = ["whatif", "--account", "bureau", "--bid", "T-2026-07", "--as-of", "2026-11-23"]
    found = json.loads(invoke("--format", "json", *asked, "--set", "bj-chief:us=supporter/supports",
                              "--set", "bj-chief:bluepeak=neutral", "--contact", "bj-chief",
                              "--tie", "bj-chief>bj-chief-eng:5").stdout)
    summary = {row["measure"]: row for row in found["summary"]}
    ours = next(row for measure, row in summary.items() if measure.startswith("support: Lumen"))
    assert ours["after"] > ours["before"] and ours["for_us"] == "better"
    assert found["moves"] == ["--set bj-chief:us=supporter/supports", "--set bj-chief:bluepeak=neutral",
                              "--contact bj-chief", "--tie bj-chief>bj-chief-eng:5"]
    assert {"decider_backs_competitor"} <= {f["code"] for f in found["flags"] if f["change"] == "cleared"}
    assert any(s["id"] == "bj-chief" and s["for_us"] == "better" for s in found["stances"])
    after = invoke("--format", "json", "export", "--account", "bureau", "--to", str(data_dir.parent / "b.json"))
    assert before.exit_code == after.exit_code == 0
    assert (data_dir.parent / "a.json").read_bytes() == (data_dir.parent / "b.json").read_bytes()
    table = invoke(*asked, "--remove", "bj-chief")
    assert table.exit_code == 0 and "summary" in table.stdout and "left" in table.stdout
    for bad, words in ((["--set", "bj-chief:us=friend"], "allowed"), ([], "at least one move"),
                       (["--contact", "nobody"], "no stakeholder 'nobody'")):
        result = invoke(*asked, *bad)
        assert result.exit_code != 0 and words in result.output and "Traceback" not in result.output

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

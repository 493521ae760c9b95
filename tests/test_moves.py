"""Next best moves: hand-checked on small bids, and properties that hold on any account."""

import datetime as dt

import pytest

from relgraph.account import Bid
from relgraph.analysis.moves import COLD, FLAG_COST, next_moves, standing
from relgraph.analysis.power import power_scores
from relgraph.errors import RelgraphError

from builders import account, person

TODAY = dt.date(2026, 11, 23)
RECENT = "2026-11-20"
STALE = "2026-06-01"


def bid(people, roles, influence=()):
    return account(people, influence, bid=Bid("B-1", "Tender", team=roles))


def moves_of(data, top=10):
    return next_moves(data, power_scores(data), TODAY, top=top)


def test_winning_the_decider_through_our_mentor_comes_before_an_owner_for_a_clerk():
    people = [person("mentor", our_stance="mentor", our_level="supports", owners=("ann",), last_contact=RECENT),
              person("dm", our_stance="neutral", our_level="favourable", last_contact=RECENT, layer="executive"),
              person("clerk", our_stance="neutral", last_contact=RECENT)]
    data = bid(people, {"dm": "decision_maker", "mentor": "evaluator", "clerk": "user"},
               [("mentor", "dm", 5, "personal")])
    moves = moves_of(data)
    assert (moves[0].kind, moves[0].id, moves[0].act_by) == ("win", "dm", ("ann",))
    assert moves[0].feasibility == round(5 / 6, 4)  # one tie of 5 (a path's strength), a good level, in touch
    assert [m.score for m in moves] == sorted((m.score for m in moves), reverse=True) and all(m.score > 0 for m in moves)


def test_renewing_the_mentor_the_decider_listens_to_gains_more_than_renewing_a_lone_one():
    people = [person("m1", our_stance="mentor", owners=("ann",), last_contact=STALE),
              person("m2", our_stance="mentor", owners=("bob",), last_contact=STALE),
              person("dm", competitor_stances={"rival": "neutral"}, our_stance="neutral", owners=("ann",),
                     last_contact=RECENT)]
    data = bid(people, {"dm": "decision_maker", "m1": "evaluator", "m2": "evaluator"}, [("m1", "dm", 5, "advice")])
    renew = {m.id: m for m in moves_of(data) if m.kind == "renew"}
    assert renew["m1"].gain > renew["m2"].gain > 0 and renew["m1"].act_by == ("ann",)


def test_without_a_warm_path_a_win_is_cold():
    data = bid([person("dm", our_stance="neutral", our_level="favourable", owners=("ann",), last_contact=RECENT)],
               {"dm": "decision_maker"})
    win = next(m for m in moves_of(data) if m.kind == "win")
    assert win.feasibility == COLD and win.through == ()


def test_an_owner_for_a_powerful_unowned_person_gains_the_warning_it_clears():
    people = [person("dm", our_stance="supporter", our_level="supports", last_contact=RECENT, layer="executive"),
              person("m", our_stance="mentor", owners=("ann",), last_contact=RECENT)]
    data = bid(people, {"dm": "decision_maker", "m": "evaluator"})
    own = next(m for m in moves_of(data) if m.kind == "own")
    assert own.id == "dm" and own.gain == pytest.approx(FLAG_COST["warning"])


def test_a_map_with_nothing_left_to_do_has_no_moves():
    people = [person("m", our_stance="mentor", our_level="supports", owners=("ann",), last_contact=RECENT),
              person("dm", our_stance="supporter", our_level="supports", owners=("ann",), last_contact=RECENT)]
    data = bid(people, {"dm": "decision_maker", "m": "evaluator"})
    assert moves_of(data) == []
    assert standing(data, power_scores(data), TODAY) == pytest.approx(1.0)


def test_next_needs_a_bid(store_args):
    from click.testing import CliRunner

    from relgraph.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, [*store_args, "demo"]).exit_code == 0
    result = runner.invoke(cli, [*store_args, "next", "--account", "bureau"])
    assert result.exit_code != 0 and "needs --bid" in result.output and "Traceback" not in result.output
    result = runner.invoke(cli, [*store_args, "--format", "json", "next", "--account", "bureau", "--bid", "T-2026-07",
                                 "--top", "3", "--as-of", "2026-11-23"])
    import json

    moves = json.loads(result.stdout)
    assert [m["rank"] for m in moves] == [1, 2, 3] and all(m["value"] > 0 and m["why"] for m in moves)

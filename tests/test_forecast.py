"""The committee forecast on small accounts whose answer can be worked out by hand, and properties that hold
on every account."""

import datetime as dt
import random

import pytest

from relgraph.account import Bid
from relgraph.analysis.forecast import LEAN, OPENNESS, UNDECIDED, forecast
from relgraph.analysis.position import competitive_position
from relgraph.analysis.power import power_scores

from builders import account, person

TODAY = dt.date(2026, 11, 23)
RECENT = "2026-11-20"


def forecast_of(data):
    return forecast(data, power_scores(data), TODAY)


def leans(data) -> dict[str, tuple]:
    return {p.id: (p.stated, p.forecast) for p in forecast_of(data).people}


def committee(*people, roles, influence=()):
    return account(list(people), influence, bid=Bid("B-1", "Tender", team=roles))


def ours(pid, stance="supporter", **fields):
    return person(pid, our_stance=stance, last_contact=RECENT, **fields)


def rivals(pid, stance="supporter", **fields):
    return person(pid, competitor_stances={"rival": stance}, **fields)


def test_a_lone_mentor_does_not_turn_a_united_committee():
    # c1..c3 support us and listen to each other (strength 3 each way); the rival's mentor has c1's ear (2).
    ties = [(a, b, 3, "advice") for a in ("c1", "c2", "c3") for b in ("c1", "c2", "c3") if a != b]
    data = committee(ours("c1"), ours("c2"), ours("c3"), rivals("m", "mentor"),
                     roles={"c1": "evaluator", "c2": "evaluator", "c3": "decision_maker", "m": "evaluator"},
                     influence=[*ties, ("m", "c1", 2, "technical")])
    assert leans(data) == {"c1": ("us", "us"), "c2": ("us", "us"), "c3": ("us", "us"), "m": ("rival", "rival")}
    f = forecast_of(data)
    assert f.turned("us") == ([], [])
    assert f.votes["us"] == round(2.2 / 2.8, 4) and f.votes["rival"] == round(0.6 / 2.8, 4)  # role weights


def test_a_stubborn_decider_keeps_our_side_against_three_opponents():
    # The decider is our mentor and listens to three of the rival's supporters who oppose us (strength 5 each):
    # openness 1/4 -> x = 3/4 * 1 + 1/4 * (-1) = 0.5 toward us, above LEAN.
    opponents = [person(f"o{i}", our_stance="opponent", competitor_stances={"rival": "supporter"}) for i in (1, 2, 3)]
    data = committee(ours("dm", "mentor"), *opponents, roles={"dm": "decision_maker"},
                     influence=[(f"o{i}", "dm", 5, "political") for i in (1, 2, 3)])
    decider = forecast_of(data).people[0]
    assert decider.opinions["us"] == pytest.approx(0.5) and decider.opinions["us"] >= LEAN
    assert (decider.stated, decider.forecast) == ("us", "us")


def test_an_undecided_evaluator_is_turned_by_the_mentor_they_listen_to_and_the_words_name_him():
    data = committee(rivals("m", "mentor"), person("e"), ours("d", layer="executive"),
                     roles={"e": "evaluator", "d": "decision_maker"}, influence=[("m", "e", 5, "technical")])
    f = forecast_of(data)
    evaluator = next(p for p in f.people if p.id == "e")
    assert evaluator.opinions["rival"] == pytest.approx(OPENNESS["unknown"])
    assert (evaluator.stated, evaluator.forecast, evaluator.pulled_by) == (None, "rival", ("m",))
    assert f.turned("rival") == ([evaluator], [])
    assert f.stated_votes[UNDECIDED] == round(0.6 / 1.6, 4) and f.votes[UNDECIDED] == 0.0


def test_a_weak_tie_moves_a_listener_by_a_fifth_of_a_full_one():
    # One tie of strength 1: the listener takes 1/5 of their openness from the source.
    data = account([rivals("m", "mentor"), person("n", our_stance="neutral")], [("m", "n", 1, "advice")])
    n = next(p for p in forecast_of(data).people if p.id == "n")
    assert n.opinions["rival"] == pytest.approx(OPENNESS["neutral"] / 5)
    assert n.forecast is None  # 0.15 is below LEAN


def test_ours_out_of_touch_counts_as_the_positioning_table_counts_them():
    data = account([person("a", our_stance="supporter", last_contact="2025-01-01")])
    assert forecast_of(data).people[0].opinions["us"] == 0.5


def random_account(seed: int):
    rng = random.Random(seed)
    stances = ["mentor", "supporter", "neutral", "opponent", "unknown"]
    people = [person(f"p{i}", our_stance=rng.choice(stances), last_contact=rng.choice([RECENT, "2025-01-01", None]),
                     competitor_stances={"rival": rng.choice(stances)}, layer=rng.choice(["executive", "middle"]))
              for i in range(30)]
    ties = {(f"p{rng.randrange(30)}", f"p{rng.randrange(30)}") for _ in range(60)}
    return people, [(a, b, rng.randint(1, 5), "advice") for a, b in sorted(ties) if a != b]


@pytest.mark.parametrize("seed", range(5))
def test_without_influence_the_forecast_is_todays_position(seed):
    people, _ = random_account(seed)
    data = account(people)
    f = forecast_of(data)
    position = competitive_position(data, power_scores(data), TODAY)
    assert f.support == f.stated_support == {v.vendor: v.weighted_support for v in position.vendors}
    assert all(p.stated == p.forecast for p in f.people) and f.votes == f.stated_votes


@pytest.mark.parametrize("seed", range(5))
def test_every_forecast_opinion_lies_between_the_extremes_stated_and_vote_shares_add_up(seed):
    people, ties = random_account(seed)
    f = forecast_of(account(people, ties))
    assert all(-1.0 <= value <= 1.0 for p in f.people for value in p.opinions.values())
    assert sum(f.votes.values()) == pytest.approx(1.0, abs=1e-3)
    assert all(p.pulled_by or p.stated == p.forecast for p in f.people)  # whoever turns is pulled by someone


def test_the_forecast_is_deterministic_whatever_order_the_ties_come_in():
    people, ties = random_account(7)
    one = forecast_of(account(people, ties))
    other = forecast_of(account(list(reversed(people)), list(reversed(ties))))
    assert one == other


def test_the_forecast_command_on_the_demo(store_args):
    import json

    from click.testing import CliRunner

    from relgraph.cli import cli

    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [*store_args, *args], catch_exceptions=False)

    assert invoke("demo").exit_code == 0
    result = invoke("--format", "json", "forecast", "--account", "northwind-health", "--as-of", "2026-11-23")
    found = json.loads(result.stdout)
    assert sum(v["votes"] for v in found["vendors"]) == pytest.approx(1.0, abs=1e-3)
    turned = {p["id"]: p["turned"] for p in found["people"] if p["turned"]}
    assert turned and all(found["people"][i]["pulled_by"] for i, p in enumerate(found["people"]) if p["turned"])
    table = invoke("forecast", "--account", "bureau", "--bid", "T-2026-07")
    assert table.exit_code == 0 and "turned" in table.stdout and "a model of influence alone" in table.stderr
    missing = invoke("forecast", "--account", "bureau", "--bid", "T-1999")
    assert missing.exit_code != 0 and "T-1999" in missing.output and "Traceback" not in missing.output

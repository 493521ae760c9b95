"""Coverage cells, red flags and position: properties that hold on any account, on small built accounts."""

import datetime as dt
import random
import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from relgraph.account import Bid, Person, Stance
from relgraph.analysis.brief import _summary
from relgraph.analysis.gaps import COVERAGE_STATUSES, coverage_gaps
from relgraph.analysis.power import power_scores
from relgraph.analysis.registry import Settings, analyse, run
from relgraph.demo import load_demo
from relgraph.store import open_store

from builders import account, person

TODAY = dt.date(2026, 11, 23)
RECENT = "2026-11-20"
LONG_AGO = "2026-01-05"


def cells_of(data):
    return {(c.department_id, c.layer, c.role): c for c in coverage_gaps(data, power_scores(data), TODAY).cells}


def flags_of(data):
    return {f.code: f for f in coverage_gaps(data, power_scores(data), TODAY).flags}


def board(*members: Person):
    """One department x layer (`board` / `executive`) of the given people."""
    return account([replace(p, department_id="board", layer="executive") for p in members],
                   vendors={"rival": "Rival Co", "other": "Other Co"})


def ally(pid, **fields):
    return person(pid, our_stance="supporter", last_contact=RECENT, owners=("Ann",), **fields)


def rival(pid, vendor="rival", stance="supporter", **fields):
    return person(pid, competitor_stances={vendor: stance}, **fields)


# Coverage cells


def test_a_cell_where_a_competitor_has_more_allies_than_we_have_in_touch_is_outnumbered():
    cell = cells_of(board(ally("ours"), person("stale", our_stance="mentor", last_contact=LONG_AGO),
                          rival("theirs1"), rival("theirs2")))[("board", "executive", None)]
    assert cell.status == "outnumbered"
    assert (cell.our_allies, cell.in_touch, cell.competitor_allies) == (("ours", "stale"), ("ours",),
                                                                        {"rival": ("theirs1", "theirs2")})
    assert cell.reason == "1 of our 2 allies here is in touch, but Rival Co has 2"


def test_a_cell_where_a_competitor_ally_outweighs_ours_by_power_is_outnumbered_and_the_reverse_covered():
    boss = dict(roles=("decision_maker",), influence=5)
    outweighed = cells_of(board(ally("ours"), rival("theirs", **boss)))[("board", "executive", None)]
    assert outweighed.status == "outnumbered"
    assert outweighed.reason == "our 1 ally here is in touch, but Rival Co has 1 with more power"
    ahead = cells_of(board(ally("ours", **boss), rival("theirs")))[("board", "executive", None)]
    assert ahead.status == "covered"
    assert ahead.reason == "our 1 ally here is in touch, ahead of every competitor (Rival Co has 1)"


def test_a_competitors_ally_counts_however_old_the_stance():
    old = replace(rival("theirs1"), rivals={"rival": Stance("supporter", as_of=LONG_AGO)})
    cell = cells_of(board(ally("ours"), old, rival("theirs2")))[("board", "executive", None)]
    assert cell.status == "outnumbered" and cell.competitor_allies == {"rival": ("theirs1", "theirs2")}


def test_the_statuses_are_declared_best_first():
    assert COVERAGE_STATUSES == ("covered", "outnumbered", "weak", "contested", "uncovered")


@pytest.fixture(scope="module")
def demo():
    root = Path(tempfile.mkdtemp(prefix="rg-gp-", dir="/tmp"))  # short: the store's socket lives there
    store = open_store("embedded", root / "store")
    load_demo(store)
    yield store
    store.stop()
    shutil.rmtree(root, ignore_errors=True)


def said_counts(reason: str, names: dict[str, str]) -> tuple[int, int, dict[str, int]]:
    """(our allies, those of them in touch, each competitor's allies) as the sentence states them; it states
    no other number."""
    theirs = {v: int(m.group(1)) for v, name in names.items() if (m := re.search(rf"{re.escape(name)} has (\d+)", reason))}
    if m := re.search(r"(\d+) of our (\d+) allies", reason):
        ours, stated = (int(m.group(2)), int(m.group(1))), 2
    elif m := re.search(r"our (\d+) all(?:y|ies) here (?:is|are) (in|out of) touch", reason):
        ours, stated = (int(m.group(1)), int(m.group(1)) if m.group(2) == "in" else 0), 1
    else:
        assert "no ally of ours" in reason or "nobody here" in reason, reason
        ours, stated = (0, 0), 0
    assert len(re.findall(r"\d+", reason)) == stated + len(theirs), reason
    return (*ours, theirs)


@pytest.mark.parametrize("name, bid", [("bureau", None), ("bureau", "T-2026-07"),
                                       ("northwind-health", None), ("northwind-health", "NW-RFP-2026-09")])
def test_every_demo_cells_reason_states_the_counts_of_its_columns(demo, name, bid):
    data, power = analyse(demo, name, bid)
    for cell in run("gaps", data, power, Settings(today=TODAY))["cells"]:
        columns = (len(cell["our_allies"]), len(cell["in_touch"]),
                   {v: len(ids) for v, ids in cell["competitor_allies"].items()})
        assert said_counts(cell["reason"], data.competitors) == columns, cell


def test_the_bureau_leadership_is_outnumbered_by_bluepeak(demo):
    data, power = analyse(demo, "bureau", "T-2026-07")
    cells = {(c["department"], c["layer"]): c for c in run("gaps", data, power, Settings(today=TODAY))["cells"]}
    assert cells[("局领导", "executive")]["status"] == "outnumbered"


# Red flags


def test_a_decider_who_backs_a_competitor_raises_a_critical_flag():
    data = account([ally("boss", roles=("decision_maker",), competitor_stances={"rival": "mentor"}),
                    rival("signer", stance="supporter", roles=("approver",), our_stance="neutral"),
                    rival("engineer", roles=("evaluator",))])
    flags = [f for f in coverage_gaps(data, power_scores(data), TODAY).flags if f.code == "decider_backs_competitor"]
    assert [(f.severity, f.stakeholders) for f in flags] == [("critical", ("boss",)), ("critical", ("signer",))]
    assert flags[0].message == "Boss, decision maker, is a mentor of Rival Co"


def test_with_a_bid_every_flag_is_about_its_team_or_says_it_looks_at_the_whole_account():
    people = [ally("boss", roles=("decision_maker",), layer="executive", influence=5),
              person("eng", roles=("evaluator",), our_stance="neutral", owners=("Ann",)),
              person("stale", our_stance="supporter", last_contact=LONG_AGO, owners=("Ann",)),
              person("foe", our_stance="opponent"),
              rival("coach", stance="mentor", layer="executive", influence=5, roles=("approver",)),
              *[person(f"staff{i}", our_stance="neutral", owners=("Ann",)) for i in range(6)]]
    whole = flags_of(account(people))
    assert {"stale_ally", "powerful_unowned", "opponent_allegiance_unknown"} <= set(whole)
    bid = Bid("B-1", "Tender", team={"boss": "decision_maker", "eng": "evaluator"})
    for flag in flags_of(account(people, bid=bid)).values():
        assert set(flag.stakeholders) <= set(bid.team) or "in the whole account" in flag.message, flag


# Position


def position_of(data, **settings):
    return run("position", data, power_scores(data), Settings(today=TODAY, **settings))


def support(data) -> dict[str, float]:
    return {v["vendor"]: v["weighted_support"] for v in position_of(data)["vendors"]}


def tender(*members: Person, roles: dict[str, str]):
    return account(list(members), bid=Bid("B-1", "Tender", team=roles), vendors={"rival": "Rival Co", "other": "Other"})


TEAM = {"dm": "decision_maker", "e1": "evaluator", "e2": "evaluator", "e3": "evaluator", "e4": "evaluator"}


def the_bureau_bid(**ours):
    """The bureau's question: the rival holds 3 of the 4 evaluators; our allies are powerful people off the
    team or in small roles on it."""
    big = dict(layer="executive", influence=5)
    return [person("dm", our_stance="neutral", **big), *[rival(f"e{i}") for i in (1, 2, 3)], person("e4"),
            ally("chief_of_staff", **big), ally("advisor", **big), *[person(f"s{i}", manager_id="chief_of_staff")
                                                                     for i in range(6)]]


def test_with_a_bid_only_its_team_counts_each_by_the_weight_of_its_role():
    data = tender(*the_bureau_bid(), roles=TEAM)
    result = position_of(data)
    assert [row["id"] for row in result["table"]] == ["dm", "e1", "e2", "e3", "e4"]
    assert [row["weight"] for row in result["table"]] == [1.0, 0.6, 0.6, 0.6, 0.6]
    assert support(data) == {"us": 0.0, "rival": round(1.8 / 3.4, 4), "other": 0.0}
    assert result["suppression_ratio"] == 0.0 and result["strongest_competitor"] == "rival"
    with_ally = tender(*the_bureau_bid(), roles={**TEAM, "advisor": "user"})
    assert support(with_ally)["us"] == round(0.3 / 3.7, 4)  # the advisor counts as a user, not by their power


def test_an_out_of_touch_ally_counts_less_than_one_in_touch():
    fresh = support(tender(ally("dm"), rival("e1"), roles={"dm": "decision_maker", "e1": "evaluator"}))
    stale = support(tender(person("dm", our_stance="supporter", last_contact=LONG_AGO), rival("e1"),
                           roles={"dm": "decision_maker", "e1": "evaluator"}))
    assert 0 < stale["us"] < fresh["us"]
    assert stale["rival"] == fresh["rival"]  # a competitor's allies count in full (we see none of its touchpoints)
    account_wide = lambda contact: support(account([person("a", our_stance="mentor", last_contact=contact),  # noqa: E731
                                                     person("b")]))["us"]
    assert 0 < account_wide(LONG_AGO) < account_wide(RECENT)


@pytest.mark.parametrize("vendor", ["us", "rival"])
def test_an_opponent_lowers_the_share_of_the_vendor_they_oppose(vendor):
    def opposing(stance):
        stances = {"our_stance": stance} if vendor == "us" else {"competitor_stances": {"rival": stance}}
        return tender(ally("dm"), rival("e1"), person("e2", **stances), roles=TEAM)

    assert support(opposing("opponent"))[vendor] < support(opposing("neutral"))[vendor]
    assert support(opposing("opponent"))["other"] == support(opposing("neutral"))["other"]


def random_bid_account(rng: random.Random, extra: Person | None = None):
    people = []
    for i in range(rng.randint(2, 9)):
        stances = {v: rng.choice(["mentor", "supporter", "neutral", "opponent", "unknown"]) for v in ("rival", "other")}
        people.append(person(f"p{i}", our_stance=rng.choice(["mentor", "supporter", "neutral", "opponent", "unknown"]),
                             competitor_stances=stances, layer=rng.choice(["executive", "middle", "frontline"]),
                             last_contact=rng.choice([RECENT, LONG_AGO, None]), influence=rng.randint(1, 5)))
    edges = [(a.id, b.id, rng.randint(1, 5), "advice") for a in people for b in people
             if a.id != b.id and rng.random() < 0.3]
    roles = {p.id: rng.choice(["decision_maker", "approver", "evaluator", "user"]) for p in people if rng.random() < 0.7}
    return people, edges, roles


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("vendor", ["us", "rival"])
def test_adding_a_fresh_ally_to_the_bid_team_never_lowers_that_vendors_share(seed, vendor):
    rng = random.Random(seed)
    people, edges, roles = random_bid_account(rng)
    stances = {"our_stance": "mentor"} if vendor == "us" else {"competitor_stances": {"rival": "supporter"}}
    newcomer = person("new", last_contact=RECENT, layer="frontline", influence=1, **stances)
    listens_to = [("p0", "new", 5, "advice"), *[(p.id, "new", 5, "advice") for p in people if p.our_stance == "neutral"]]
    before = support(account(people, edges, bid=Bid("B", team=roles)))[vendor]
    after = support(account([*people, newcomer], [*edges, *listens_to],
                            bid=Bid("B", team={**roles, "new": rng.choice(["evaluator", "user"])})))[vendor]
    assert after >= before


def test_adding_a_fresh_ally_who_makes_a_neutral_more_powerful_still_raises_our_share():
    """Power-weighted support fell here (0.806 to 0.799): the newcomer listens to the neutral clerk, whose power
    grows more than the newcomer's own."""
    team = {"founder": "user", "director": "decision_maker", "clerk": "user"}
    people = [person("founder", our_stance="supporter", layer="frontline", influence=5),
              person("director", our_stance="supporter", layer="executive", influence=4),
              person("clerk", our_stance="neutral", layer="frontline", influence=4)]
    edges, reports = [("founder", "clerk", 1, "advice")], {"director": "founder", "clerk": "director"}
    before = support(account(people, edges, reports, bid=Bid("B", team=team)))["us"]
    newcomer = person("new", our_stance="supporter", last_contact=RECENT, layer="frontline", influence=1)
    joined = account([*people, newcomer], [*edges, ("clerk", "new", 5, "advice")], reports,
                     bid=Bid("B", team={**team, "new": "user"}))
    assert support(joined)["us"] > before


# The brief's headline


def test_the_headline_names_the_critical_flags_beside_a_lead():
    data = tender(ally("dm"), ally("e1"), rival("e2"), rival("e3", stance="neutral", our_stance="unknown"),
                  roles={"dm": "decision_maker", "e1": "evaluator", "e2": "evaluator", "e3": "approver"})
    power = power_scores(data)
    gaps, position = run("gaps", data, power, Settings(today=TODAY)), position_of(data)
    assert position["suppression_ratio"] > 1
    headline = _summary(gaps, position)
    assert "we lead Rival Co" in headline and "but 2 critical flags stand against that lead" in headline
    assert "E3, approver, has no known stance toward us" in headline

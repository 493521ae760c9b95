"""The shortcuts that make `whatif` and `next` fast give what the full recomputation gives.

Each shortcut rests on a property stated where it is made:

* whatif and diff read power ranks from the power scores, not from the centres analysis (diff.ANSWERS);
* the account is dated once for all the answers of one side (diff.side_of);
* power is scored once when no move changes it: stances, contacts and owners are not in it (simulate.POWERLESS);
* people whose record the moves left as it is have no stance move to compare (diff._stances);
* the warm-path ties and searches are kept and given again for equal arguments (unreached._ties, _paths_from);
* a warm-path search keeps each person's step before rather than every path, and is networkx's multi-source
  Dijkstra step for step, equal-cost paths broken alike (a path of strengths 3 then 5 costs what 5 then 3 costs);
* next searches warm paths only for its candidates (moves.next_moves);
* red flags judge the freshness of the scope's people only (gaps.red_flags).

Here every one is checked against answers worked out afresh, with nothing shared between the two sides and
the kept searches forgotten, on the demo accounts and generated ones, for moves of every kind.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from importlib import resources

import networkx as nx
import pytest

import relgraph.analysis.unreached as unreached
from relgraph.account import Account, Influence, Person
from relgraph.analysis.diff import ANSWERS, Side, compare
from relgraph.analysis.gaps import coverage_gaps, red_flags
from relgraph.analysis.moves import next_moves, standing
from relgraph.analysis.registry import Settings, run, score
from relgraph.analysis.simulate import UNREACHED_TOP, _summary, what_if
from relgraph.analysis.unreached import CAMP_PENALTY, WarmPaths, unreached_influencers
from relgraph.analysis.whatif import Move, apply_moves, parse_contact, parse_remove, parse_set, parse_tie
from relgraph.generate import generate
from relgraph.loaders import read_folder
from relgraph.schema import KINDS
from relgraph.state import account_from_rows

TODAY = dt.date(2026, 11, 23)


def read(folder, account: str):
    """The account of a folder as the store would give it (state.account_from_rows), without a store."""
    state = {kind: {} for kind in KINDS}
    for kind, table in read_folder(folder).items():
        for row in table.rows:
            state[kind][KINDS[kind].key_of(row)] = row
    return account_from_rows(account, state)


@pytest.fixture(scope="module")
def accounts(tmp_path_factory):
    """(account, bid) of both demo accounts (every bid) and of two generated ones."""
    found = []
    for name in ("bureau", "northwind-health"):
        with resources.as_file(resources.files("relgraph.demo") / name) as folder:
            data = read(folder, name)
        found += [(data, bid) for bid in sorted(data.bids)]
    root = tmp_path_factory.mktemp("generated")
    for people, seed in ((400, 3), (1000, 1)):
        folder = generate(root / f"{people}", people, seed=seed)[0]
        data = read(folder, folder.name)
        found += [(data, bid) for bid in sorted(data.bids)]
    return found


def forget_searches() -> None:
    unreached._ties_among.cache_clear()
    unreached._paths_from.cache_clear()


def moves_of(data, bid: str) -> dict[str, list[Move]]:
    """Moves of every kind on the account's most powerful people: win an unreached one, make an ally an
    opponent, give a competitor a mentor, visit an ally and an unreached person, own one, remove an ally (the
    warm paths through them) and a powerful person, add a tie and reweight one, and a few together."""
    scoped, power = score(data, bid)
    ranked = list(power)
    allies = [pid for pid in ranked if scoped.people[pid].is_ally]
    others = [pid for pid in ranked if not scoped.people[pid].is_ally]
    rival = next(iter(data.competitors))
    tie = scoped.influence[0]
    moves = {
        "win": [parse_set(f"{others[0]}:{data.us}=supporter/supports")],
        "ally turns": [parse_set(f"{allies[0]}:{data.us}=opponent")],
        "rival mentor": [parse_set(f"{others[1]}:{rival}=mentor")],
        "visit ally": [parse_contact(allies[-1])],
        "visit other": [parse_contact(others[2])],
        "own": [Move("own", "own", others[0], member="(what-if)")],
        "remove ally": [parse_remove(allies[0])],
        "remove powerful": [parse_remove(ranked[0])],
        "new tie": [parse_tie(f"{allies[0]}>{others[0]}:5")],
        "reweighted tie": [parse_tie(f"{tie.source}>{tie.target}:{1 if tie.strength > 1 else 5}")],
    }
    moves["set and contact"] = [*moves["win"], parse_contact(others[1])]
    moves["all kinds"] = [*moves["win"], *moves["visit other"], *moves["remove powerful"], *moves["new tie"]]
    return moves


def full_what_if(data, bid: str, moves: list[Move], today: dt.date) -> dict:
    """what_if worked out the long way: each side a fresh copy of its people, scored and dated by each
    analysis itself, every analysis run (centres too, whose ranks give the power section), no search kept."""
    sides = []
    for account in (data, apply_moves(data, moves, today)):
        forget_searches()
        account = replace(account, people={pid: replace(p) for pid, p in account.people.items()})
        scoped, power = score(account, bid)
        answers = {name: run(name, scoped, power, Settings(today=today, top=UNREACHED_TOP if name == "unreached"
                                                           else None))
                   for name in ("centres", *ANSWERS, "forecast")}
        sides.append(Side(None, None, today, account, answers, power))
    before, after = sides
    found = compare(before, after)
    was = {p["id"]: p["rank"] for p in before.answers["centres"]["people"]}
    power = [{"id": p["id"], "name": p["name"], "before": was[p["id"]], "after": p["rank"],
              "moved": was[p["id"]] - p["rank"]}
             for p in after.answers["centres"]["people"] if p["id"] in was and was[p["id"]] != p["rank"]]
    found["power"] = sorted(power, key=lambda r: (-abs(r["moved"]), r["after"]))
    return {"moves": [m.option for m in moves], "summary": _summary(data, before.answers, after.answers), **found}


def test_what_if_gives_what_the_full_recomputation_gives_for_every_kind_of_move(accounts):
    for data, bid in accounts:
        for name, moves in moves_of(data, bid).items():
            forget_searches()
            fast = what_if(data, bid, moves, TODAY)
            assert fast == full_what_if(data, bid, moves, TODAY), (data.id, bid, name)


def test_a_search_kept_from_one_side_is_the_search_made_afresh(accounts):
    """The second side of a what-if takes the first's kept ties and searches where their arguments are equal:
    each warm path is the one a fresh search finds."""
    for data, bid in accounts:
        for name, moves in moves_of(data, bid).items():
            present, moved = score(data, bid)[0], score(apply_moves(data, moves, TODAY), bid)[0]
            forget_searches()
            first = WarmPaths(present, TODAY)
            for pid in present.people:  # every search of the map as it is made, and kept
                first.path_to(pid)
            kept = WarmPaths(moved, TODAY)
            kept_paths = {pid: kept.path_to(pid) for pid in moved.people}
            forget_searches()
            fresh = WarmPaths(moved, TODAY)
            assert kept_paths == {pid: fresh.path_to(pid) for pid in moved.people}, (data.id, bid, name)


def test_unreached_without_paths_and_the_paths_searched_apart_are_unreached_with_paths(accounts):
    for data, bid in accounts:
        scoped, power = score(data, bid)
        forget_searches()
        whole = unreached_influencers(scoped, power, TODAY)
        bare = unreached_influencers(scoped, power, TODAY, paths=False)
        forget_searches()
        paths = WarmPaths(scoped, TODAY)
        assert bare.renew == whole.renew
        assert [replace(u, path=paths.path_to(u.id)[0], path_note=paths.path_to(u.id)[1]) for u in bare.people] \
            == whole.people
        assert all(u.path is None and u.path_note is None for u in bare.people)


def test_red_flags_are_the_flags_of_the_whole_gaps_analysis_on_the_moved_maps_too(accounts):
    for data, bid in accounts:
        for moves in moves_of(data, bid).values():
            for account in (data, apply_moves(data, moves, TODAY)):
                scoped, power = score(account, bid)
                assert red_flags(scoped, power, TODAY) == coverage_gaps(scoped, power, TODAY).flags


def test_each_next_move_gains_what_the_map_with_it_made_stands_worked_out_afresh(accounts):
    """A move's gain is the standing of the map with it made, forecast and flagged from scratch, minus the
    standing of the map as it is; and winning someone is one of the moves `next` tries for the first of
    the unreached."""
    for data, bid in accounts:
        scoped, power = score(data, bid)
        forget_searches()
        found = next_moves(scoped, power, TODAY, top=1000)
        before = standing(scoped, power, TODAY)
        for move in found:
            made = {"win": [Move("set", "win", move.id, vendor=scoped.us, stance="supporter"),
                            Move("contact", "win", move.id)],
                    "renew": [Move("contact", "renew", move.id)],
                    "own": [Move("own", "own", move.id, member=move.act_by[0] if move.act_by else None)]}[move.kind]
            after = standing(apply_moves(scoped, made, TODAY), power, TODAY)
            assert move.gain == pytest.approx(after - before, abs=1e-4), (data.id, bid, move)


def networkx_paths(ties, sources, clean: bool, risky) -> dict[str, list[str]]:
    """The paths as networkx finds them, on a DiGraph of the same ties in the same order."""
    graph = nx.DiGraph()
    graph.add_nodes_from(ties.succ)
    graph.add_edges_from((source, target, {"cost": tie.cost}) for (source, target), tie in ties.edges.items())
    penalty = -math.log(CAMP_PENALTY)

    def cost(source, _target, tie):
        if source in risky:
            return None if clean else tie["cost"] + penalty
        return tie["cost"]

    return nx.multi_source_dijkstra(graph, list(sources), weight=cost)[1] if sources else {}


def test_every_path_of_every_search_is_the_one_networkx_finds(accounts):
    compared = 0
    for data, bid in accounts:
        for scoped in (data.scoped(bid), data.scoped(bid, include_departed=True)):
            paths = WarmPaths(scoped, TODAY)
            everyone = list(paths.ties.succ)
            for sources, clean, _ in paths._searches:
                for risky in (paths.risky, frozenset(everyone[::3])):  # the account's camps, and many more
                    ours = unreached._paths_from(paths.ties, sources, clean, risky)
                    theirs = networkx_paths(paths.ties, sources, clean, risky)
                    assert {pid: ours.get(pid) for pid in everyone} == {pid: theirs.get(pid) for pid in everyone}
                    compared += sum(1 for pid in everyone if theirs.get(pid))
    assert compared > 5000


def test_a_tie_keeps_the_stronger_of_a_reporting_line_and_an_influence_between_the_same_two():
    """Ann reports to Ben; Ben's word weighs 2 on Ann (weaker than the reporting line's 3), Ann's 5 on Ben."""
    account = Account("a", people={"ann": Person("ann", "Ann", manager_id="ben"), "ben": Person("ben", "Ben")},
                      influence=(Influence("ann", "ben", 5, "peer"), Influence("ben", "ann", 2)))
    ties = unreached._ties(account)
    assert {pair: (tie.via, tie.strength, tie.relation) for pair, tie in ties.edges.items()} == {
        ("ben", "ann"): ("report", 3, "reports to them"),
        ("ann", "ben"): ("influence", 5, "listens to them (peer, strength 5)")}
    assert ties.succ == {"ann": [("ben", -math.log(5 / 6))], "ben": [("ann", -math.log(3 / 6))]}

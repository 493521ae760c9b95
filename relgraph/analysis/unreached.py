"""Unreached influencers: powerful people with whom our relationship is weak, and a warm path to each."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from relgraph.account import Account, Person
from relgraph.analysis.power import Power

__all__ = ["Unreached", "Step", "unreached_influencers", "STALE_DAYS", "stale_limit", "path_text"]

STALE_DAYS = {"mentor": 14, "supporter": 30, "other": 90}
WEAK_LEVELS = ("opposed", "contact")
WEAK_STANCES = ("unknown", "neutral", "opponent")
REPORTING_STRENGTH = 3  # a reporting line carries an introduction like a middling influence tie


@dataclass(frozen=True)
class Step:
    id: str
    name: str
    relation: str  # how this person is tied to the one before, in words (for the first: which of our allies)
    via: str | None = None  # the same as a code: "influence" (listens to the one before), "report" (reports to
    # them), "manager" (is their manager); None for the first


@dataclass(frozen=True)
class Unreached:
    id: str
    reasons: tuple[str, ...]
    competitor: str | None
    path: tuple[Step, ...] | None
    path_note: str | None  # why there is no path


def path_text(path: tuple[Step, ...], arrow: str = " -> ") -> str:
    """A warm path in words: each person and how they are tied to the one before."""
    return arrow.join(f"{step.name} ({step.relation})" for step in path)


def stale_limit(person: Person, limits: dict[str, int]) -> int:
    return limits.get(person.our_stance, limits["other"]) if person.is_ally else limits["other"]


def unreached_influencers(account: Account, power: dict[str, Power], today: dt.date,
                          limits: dict[str, int] = STALE_DAYS, top: int | None = None,
                          max_rank: int | None = None) -> list[Unreached]:
    """The most powerful people (by rank) of whom at least one weakness holds, with a warm path to each.

    `top` stops after that many people, `max_rank` at that power rank.
    """
    found = []
    ties = _ties(account)
    allies = sorted(pid for pid, p in account.people.items() if p.is_ally)
    from_allies = _paths_from(ties, allies)
    for pid in power:  # rank order
        if max_rank is not None and power[pid].rank > max_rank:
            break
        person = account.people[pid]
        reasons = _weaknesses(person, today, limits)
        if not reasons:
            continue
        if person.is_ally:  # a stale or unowned ally of ours needs a visit, not an introduction
            path, note = None, f"already our {person.our_stance}: renew the contact directly"
        else:
            path, note = _warm_path(account, ties, from_allies, len(allies), pid)
        found.append(Unreached(pid, reasons, next(iter(person.leans_to()), None), path, note))
        if top is not None and len(found) >= top:
            break
    return found


def _weaknesses(person: Person, today: dt.date, limits: dict[str, int]) -> tuple[str, ...]:
    reasons = []
    if not person.owners:
        reasons.append("nobody on our team owns them")
    if person.our_level is None:
        reasons.append("no level of our relationship recorded")
    elif person.our_level in WEAK_LEVELS:
        reasons.append(f"our level is only {person.our_level}")
    if person.our_stance in WEAK_STANCES:
        reasons.append(f"stance to us is {person.our_stance}")
    limit = stale_limit(person, limits)
    if person.last_contact is None:
        reasons.append("never contacted")
    else:
        days = (today - dt.date.fromisoformat(person.last_contact)).days
        if days > limit:
            kind = person.our_stance if person.is_ally else "others"
            reasons.append(f"last contact {person.last_contact}, {days} days ago (limit {limit} for {kind})")
    return tuple(reasons)


def _ties(account: Account):
    """Who can carry our case to whom: influence edges, and reporting lines both ways (the stronger tie wins)."""
    import networkx as nx

    ties = nx.DiGraph()
    ties.add_nodes_from(account.people)

    def tie(source: str, target: str, strength: int, relation: str, via: str) -> None:
        if not ties.has_edge(source, target) or ties.edges[source, target]["cost"] > _cost(strength):
            ties.add_edge(source, target, cost=_cost(strength), relation=relation, via=via)

    for person, manager in account.reports_to.items():  # in id order
        tie(manager, person, REPORTING_STRENGTH, "reports to them", "report")
        tie(person, manager, REPORTING_STRENGTH, "is their manager", "manager")
    for edge in account.influence:
        kind = f"{edge.kind}, " if edge.kind else ""
        tie(edge.source, edge.target, edge.strength, f"listens to them ({kind}strength {edge.strength})", "influence")
    return ties


def _cost(strength: int) -> float:
    """Strong ties cost little: the best path maximises the product of strength/6 over its links."""
    return -math.log(strength / 6)


def _paths_from(ties, sources: list[str]) -> dict[str, list[str]]:
    """The cheapest path from any of `sources` to each person they reach: one search serves every target."""
    import networkx as nx

    if not sources:
        return {}
    _, paths = nx.multi_source_dijkstra(ties, sorted(set(sources)), weight="cost")  # sorted: ties break the same way in every run
    return paths


def _warm_path(account: Account, ties, paths: dict[str, list[str]], allies: int,
               target: str) -> tuple[tuple[Step, ...] | None, str | None]:
    if not allies:
        return None, "we have no mentor or supporter in this account"
    path = paths.get(target)
    if not path:
        return None, f"none of our {allies} mentors and supporters reaches them through influence or reporting lines"
    first = account.people[path[0]]
    steps = [Step(first.id, first.name, f"our {first.our_stance}")]
    for before, pid in zip(path, path[1:]):
        tie = ties.edges[before, pid]
        steps.append(Step(pid, account.people[pid].name, tie["relation"], tie["via"]))
    return tuple(steps), None

"""Unreached influencers: powerful people with whom our relationship is weak, and a warm path to each.

Our own allies (mentors and supporters) are never "unreached": those who need
a visit (out of touch, nobody owns them, a weak level) are listed apart, as
renewals, with what to do.

A warm path is the strongest chain of ties (influence, and reporting lines both
ways) from one of our allies to the person. Its strength is the product of
strength/6 over its ties (a reporting line counts as strength 3), halved for
each step through someone in a competitor's camp: a mentor or supporter of a
competitor, or an opponent of ours. Such steps are marked. Which path wins:

1. it starts at an ally within their contact limit, and steps through nobody in
   a competitor's camp (the strongest such path);
2. else the strongest path from such an ally, with its marked steps;
3. else the same two from an out-of-touch ally, who must be renewed first.

A path weaker than WEAK_PATH (a long chain of loose ties) does not count as
found: the next rule is tried, and when every rule gives only a weak path, the
first of them is given, called weak.

The path names who on our team should act: the owners of the ally it starts at.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
import math
from dataclasses import dataclass
from typing import NamedTuple

from relgraph.account import Account, Person
from relgraph.analysis.power import Power

__all__ = ["Unreached", "Renewal", "Reach", "Step", "WarmPath", "WarmPaths", "unreached_influencers", "STALE_DAYS",
           "stale_limit", "is_fresh", "camp", "path_text", "CAMP_PENALTY", "WEAK_PATH"]

STALE_DAYS = {"mentor": 14, "supporter": 30, "other": 90}
WEAK_LEVELS = {"opposed": "our relationship is hostile (level opposed)",
               "contact": "our relationship is only a first contact (level contact)"}
WEAK_STANCES = ("unknown", "neutral", "opponent")
REPORTING_STRENGTH = 3  # a reporting line carries an introduction like a middling influence tie
CAMP_PENALTY = 0.5  # a step through a competitor's camp halves the path's strength
WEAK_PATH = 0.1  # below this strength a path is too long or too weak to carry an introduction
RISK_MARK = "[!]"


@dataclass(frozen=True)
class Step:
    id: str
    name: str
    relation: str  # how this person is tied to the one before, in words (for the first: which of our allies)
    via: str | None = None  # the same as a code: "influence" (listens to the one before), "report" (reports to
    # them), "manager" (is their manager); None for the first
    risk: str | None = None  # this step goes through a competitor's camp: why ("supporter of ApexSoft")


@dataclass(frozen=True)
class WarmPath:
    steps: tuple[Step, ...]
    strength: float  # 0..1: the product of strength/6 over its ties, times CAMP_PENALTY per marked step
    act_by: tuple[str, ...]  # our team members who own the first ally (ids); none: somebody must be assigned
    renew_first: bool  # the first ally is out of touch: renew them before asking

    @property
    def ally(self) -> Step:
        return self.steps[0]

    @property
    def weak(self) -> bool:
        return self.strength < WEAK_PATH

    @property
    def clean(self) -> bool:
        return not any(step.risk for step in self.steps)


@dataclass(frozen=True)
class Unreached:
    id: str
    reasons: tuple[str, ...]
    competitor: str | None
    path: WarmPath | None
    path_note: str | None  # why there is no path


@dataclass(frozen=True)
class Renewal:
    """One of our own allies who needs our attention: what to do, most urgent first."""

    id: str
    actions: tuple[str, ...]


@dataclass(frozen=True)
class Reach:
    people: list[Unreached]  # most powerful first
    renew: list[Renewal]  # most powerful first


def path_text(path: WarmPath, account: Account, arrow: str = " -> ") -> str:
    """A warm path in words: who acts, each person and how they are tied to the one before, marked steps."""
    steps = [f"{step.name} ({step.relation})" + (f" {RISK_MARK} {step.risk}" if step.risk else "")
             for step in path.steps]
    owners = ", ".join(account.team_name(t) for t in path.act_by) or "nobody owns them: assign an owner"
    first = f"renew {path.ally.name} first, then: " if path.renew_first else ""
    weak = "only a weak path: " if path.weak else ""
    return f"{weak}{first}{arrow.join(steps)}; strength {path.strength:.0%}; acts: {owners}"


def stale_limit(person: Person, limits: dict[str, int]) -> int:
    return limits.get(person.our_stance, limits["other"]) if person.is_ally else limits["other"]


def is_fresh(person: Person, today: dt.date, limits: dict[str, int]) -> bool:
    """In touch: last contacted no longer ago than their contact limit."""
    if person.last_contact is None:
        return False
    return (today - dt.date.fromisoformat(person.last_contact)).days <= stale_limit(person, limits)


def camp(account: Account, person: Person) -> str | None:
    """Why this person is in a competitor's camp, or None: a mentor or supporter of one, or an opponent of ours."""
    leans = person.leans_to()
    if leans:
        return f"{person.rival_stance(leans[0])} of {account.competitors.get(leans[0], leans[0])}"
    return "opponent of ours" if person.our_stance == "opponent" else None


def unreached_influencers(account: Account, power: dict[str, Power], today: dt.date,
                          limits: dict[str, int] = STALE_DAYS, top: int | None = None,
                          max_rank: int | None = None, paths: bool = True) -> Reach:
    """The most powerful people (by rank) who are not our allies and of whom at least one weakness holds, with
    a warm path to each; and our allies who need renewing.

    `top` stops each list after that many people, `max_rank` at that power rank. Without `paths` no warm path
    is searched (`path` and `path_note` are None): for a caller that needs the paths of a few of them only,
    from `WarmPaths`.
    """
    people, renew = [], []
    search = WarmPaths(account, today, limits) if paths else None
    for pid in power:  # rank order
        if max_rank is not None and power[pid].rank > max_rank:
            break
        person = account.people[pid]
        if person.is_ally:
            actions = _renewal(person, today, limits)
            if actions and (top is None or len(renew) < top):
                renew.append(Renewal(pid, actions))
        elif top is None or len(people) < top:
            reasons = _weaknesses(person, today, limits)
            if reasons:
                path, note = search.path_to(pid) if search else (None, None)
                people.append(Unreached(pid, reasons, next(iter(person.leans_to()), None), path, note))
        if top is not None and len(people) >= top and len(renew) >= top:
            break
    return Reach(people, renew)


def _weaknesses(person: Person, today: dt.date, limits: dict[str, int]) -> tuple[str, ...]:
    reasons = []
    if not person.owners:
        reasons.append("nobody on our team owns them")
    if person.our_level is None:
        reasons.append("no level of our relationship recorded")
    elif person.our_level in WEAK_LEVELS:
        reasons.append(WEAK_LEVELS[person.our_level])
    if person.our_stance in WEAK_STANCES:
        reasons.append(f"stance to us is {person.our_stance}")
    stale = _staleness(person, today, limits)
    if stale:
        reasons.append(stale)
    return tuple(reasons)


def _renewal(ally: Person, today: dt.date, limits: dict[str, int]) -> tuple[str, ...]:
    actions = []
    stale = _staleness(ally, today, limits)
    if stale:
        actions.append("get in touch: never contacted" if ally.last_contact is None else f"renew the contact: {stale}")
    if not ally.owners:
        actions.append("assign an owner: nobody on our team owns them")
    if ally.our_level is None:
        actions.append("record our level with them")
    elif ally.our_level in WEAK_LEVELS:
        actions.append(f"deepen the relationship: {WEAK_LEVELS[ally.our_level]}")
    return tuple(actions)


def _staleness(person: Person, today: dt.date, limits: dict[str, int]) -> str | None:
    if person.last_contact is None:
        return "never contacted"
    if is_fresh(person, today, limits):
        return None
    days = (today - dt.date.fromisoformat(person.last_contact)).days
    kind = f"{person.our_stance}s" if person.is_ally else "others"
    return f"last contact {person.last_contact}, {days} days ago (limit {stale_limit(person, limits)} for {kind})"


class WarmPaths:
    """The warm paths of one account: four searches over the ties serve every target (see the module's rules)."""

    def __init__(self, account: Account, today: dt.date, limits: dict[str, int] = STALE_DAYS):
        self.account = account
        self.risk = {pid: camp(account, p) for pid, p in account.people.items()}
        self.ties = _ties(account)
        self.risky = frozenset(pid for pid, why in self.risk.items() if why)
        allies = sorted(pid for pid, p in account.people.items() if p.is_ally)
        fresh = [pid for pid in allies if is_fresh(account.people[pid], today, limits)]
        in_touch = set(fresh)  # a set: a list looked up for each ally would be quadratic in our allies
        stale = [pid for pid in allies if pid not in in_touch]
        self.allies = len(allies)
        self._searches = [(tuple(sources), clean, sources is stale) for sources in (fresh, stale)
                          for clean in (True, False)]
        self._found: list[_Paths | None] = [None] * len(self._searches)

    def path_to(self, target: str) -> tuple[WarmPath | None, str | None]:
        if not self.allies:
            return None, "we have no mentor or supporter in this account"
        weak = None  # the first path found, when each is weak
        for i, (sources, clean, renew_first) in enumerate(self._searches):
            if self._found[i] is None:  # each search runs once, and only when a target needs it
                self._found[i] = _paths_from(self.ties, sources, clean, self.risky)
            path = self._found[i].get(target)
            if path:
                strength = self._strength(path)
                if strength >= WEAK_PATH:
                    return self._warm_path(path, strength, renew_first), None
                weak = weak or (path, strength, renew_first)
        if weak:  # only weak ones: the first in the order of the rules
            return self._warm_path(*weak), None
        return None, (f"none of our {self.allies} mentors and supporters reaches them through influence or "
                      f"reporting lines")

    def _strength(self, path: list[str]) -> float:
        strength = 1.0
        for before, pid in zip(path, path[1:]):
            strength *= self.ties.edges[before, pid].strength / 6 * (CAMP_PENALTY if self.risk[before] else 1)
        return round(strength, 4)

    def _warm_path(self, path: list[str], strength: float, renew_first: bool) -> WarmPath:
        people = self.account.people
        first = people[path[0]]
        steps = [Step(first.id, first.name, f"our {first.our_stance}", risk=self.risk[first.id])]
        for before, pid in zip(path, path[1:]):
            tie = self.ties.edges[before, pid]
            steps.append(Step(pid, people[pid].name, tie.relation, tie.via, self.risk[pid] if pid != path[-1] else None))
        owners = tuple(o.team_member_id for o in first.owners)
        return WarmPath(tuple(steps), strength, owners, renew_first)


# The searches below are pure: their answer is a function of their arguments alone, and nobody changes the ties
# or a search once made (WarmPaths only reads them). So the last few are kept and given again for equal arguments:
# the two sides of a what-if share the ties (a move of a stance, a contact or an owner leaves people, reporting
# lines and influence as they are) and every search whose sources and competitors' camps are alike too; the
# analyses of one brief share them all. tests/test_shortcuts.py compares them with searches made afresh.
_KEPT = 4  # a what-if's four searches of the map as it is, while its other side asks for theirs


class _Tie(NamedTuple):
    """The strongest tie from one person to another: how it carries our case, and what a path pays for it."""

    strength: int
    via: str  # as Step.via: influence, report or manager
    kind: str | None  # an influence tie's kind
    cost: float

    @property
    def relation(self) -> str:
        if self.via == "report":
            return "reports to them"
        if self.via == "manager":
            return "is their manager"
        return f"listens to them ({f'{self.kind}, ' if self.kind else ''}strength {self.strength})"


@dataclass(frozen=True, eq=False)  # compared, and kept by _paths_from, by identity: made once per map
class _Ties:
    """Who can carry our case to whom: `edges` (source, target) -> the strongest tie, and `succ` person -> the
    (target, cost) of each tie from them, in the order the ties were first made."""

    edges: dict[tuple[str, str], _Tie]
    succ: dict[str, list[tuple[str, float]]]


def _ties(account: Account) -> _Ties:
    """Who can carry our case to whom: influence edges, and reporting lines both ways (the stronger tie wins)."""
    return _ties_among(tuple(account.people), tuple(account.reports_to.items()), account.influence)


@functools.lru_cache(maxsize=2)
def _ties_among(people: tuple[str, ...], reports_to: tuple[tuple[str, str], ...], influence: tuple) -> _Ties:
    made: dict[tuple, _Tie] = {}  # one record per kind of tie: (strength, via, kind)

    def tie(strength: int, via: str, kind: str | None = None) -> _Tie:
        found = made.get((strength, via, kind))
        if found is None:
            found = made[strength, via, kind] = _Tie(strength, via, kind, _cost(strength))
        return found

    edges: dict[tuple[str, str], _Tie] = {}  # in the order each pair is first tied; the stronger tie wins
    report, manager_of = tie(REPORTING_STRENGTH, "report"), tie(REPORTING_STRENGTH, "manager")
    for person, manager in reports_to:  # in id order; a pair tied already is tied as strongly
        edges.setdefault((manager, person), report)
        edges.setdefault((person, manager), manager_of)
    for edge in influence:
        found = edges.get((edge.source, edge.target))
        if found is None or found.strength < edge.strength:
            edges[edge.source, edge.target] = tie(edge.strength, "influence", edge.kind)
    succ: dict[str, list[tuple[str, float]]] = {pid: [] for pid in people}
    for (source, target), found in edges.items():
        out = succ.get(source)
        if out is None:  # tied, though not among `people`
            out = succ[source] = []
        out.append((target, found.cost))
    for source, target in edges:
        if target not in succ:
            succ[target] = []
    return _Ties(edges, succ)


class _Paths:
    """The cheapest path from the sources of one search to each person it reaches, made on demand from each
    person's step before on it (a path to everyone would be a list per person, most never asked for)."""

    def __init__(self, sources: tuple[str, ...], before: dict[str, str]):
        self._sources, self._before = frozenset(sources), before

    def get(self, target: str) -> list[str] | None:
        if target in self._sources:
            return [target]
        if target not in self._before:
            return None
        path = [target]
        while path[-1] in self._before:
            path.append(self._before[path[-1]])
        path.reverse()
        return path


@functools.lru_cache(maxsize=_KEPT)
def _paths_from(ties: _Ties, sources: tuple[str, ...], clean: bool, risky: frozenset[str]) -> _Paths:
    """The cheapest path from any of `sources` to each person they reach. Clean: nobody in a competitor's
    camp (`risky`) is stepped through (they may only end a path). Else such a step costs CAMP_PENALTY more.

    Dijkstra's search from all sources at once, as networkx's `multi_source_dijkstra` makes it, step for step
    (the same order of the fringe, ties broken alike, the same sums: tests/test_warm_paths.py compares the
    two), keeping only each person's step before (networkx builds every path: most are never asked for).
    """
    penalty = -math.log(CAMP_PENALTY)
    done: dict[str, float] = {}
    seen: dict[str, float] = {}
    before: dict[str, str] = {}
    order = itertools.count()
    fringe: list[tuple[float, int, str]] = []
    for source in sources:  # sorted: ties break alike
        seen[source] = 0
        heapq.heappush(fringe, (0, next(order), source))
    while fringe:
        distance, _, person = heapq.heappop(fringe)
        if person in done:
            continue
        done[person] = distance
        out = ties.succ[person]
        if person in risky:
            if clean:
                continue
            out = [(target, cost + penalty) for target, cost in out]
        for target, cost in out:
            if target in done:
                continue
            further = distance + cost
            known = seen.get(target)
            if known is None or further < known:
                seen[target] = further
                heapq.heappush(fringe, (further, next(order), target))
                before[target] = person
    return _Paths(sources, before)


def _cost(strength: int) -> float:
    """Strong ties cost little: the cheapest path maximises the product of strength/6 over its ties."""
    return -math.log(strength / 6)

"""Committee forecast: how each person will lean once influence has played out (Friedkin-Johnsen).

For each vendor v every active person i holds an opinion x_iv in -1..1. It starts at their stated stance,
valued as the positioning table values it (position.stance_value: +1 an ally, OUT_OF_TOUCH for an ally of
ours we are out of touch with, -1 an opponent, 0 neutral or unknown), and settles at the fixed point of

    x_i = (1 - a_i) u_i + sum over the people j that i listens to of a_i s_ji / max(5, S_i) x_j

where u_i is the stated opinion, s_ji the strength of j's influence on i, S_i the summed strengths i listens
to, and a_i = openness_i x S_i / max(5, S_i) the part of their view i takes from others (the same "a tie of 5
passes it all" rule as the power ranking). Openness is set by the firmest stance a person holds toward any
vendor (OPENNESS): a mentor keeps three quarters of their view, a supporter or an opponent half, a neutral a
quarter, someone whose stance is unknown a tenth. Openness stays below 1, so the fixed point exists, is unique
and the iteration reaches it.

Assumptions, stated so they can be argued with: influence is the only force (no new visits, no offers);
a tie carries opinions of every vendor alike; someone with no recorded stance has no view of their own yet
(their forecast is where the people they listen to pull them); a person who listens to no one keeps their
stated stance. A person leans to the vendor with the highest opinion when it is at least LEAN and higher than
every other; otherwise they are undecided.

The vote split gives each voter's decision weight (the bid team's role weights, or everyone's power
without a bid: position.decision_weight) to the vendor they lean to, or to "undecided". Forecast support
uses the positioning table's own formula on the forecast opinions, so with no influence ties it equals
today's weighted support exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relgraph.account import Account, Person
from relgraph.analysis.position import decision_weight, stance_value
from relgraph.analysis.power import FULL_STRENGTH, Power
from relgraph.analysis.unreached import STALE_DAYS, is_fresh
from relgraph.errors import RelgraphError

__all__ = ["Lean", "Forecast", "forecast", "OPENNESS", "LEAN", "UNDECIDED"]

OPENNESS = {"mentor": 0.25, "supporter": 0.5, "opponent": 0.5, "neutral": 0.75, "unknown": 0.9}
LEAN = 0.25  # the opinion at which a person leans to a vendor
UNDECIDED = "undecided"
PULLS = 3  # the people named as pulling someone who turns
_TOLERANCE = 1e-12


@dataclass(frozen=True)
class Lean:
    id: str
    stated: str | None  # the vendor they take the side of today, None: undecided
    forecast: str | None  # the vendor they will lean to, None: undecided
    stated_opinions: dict[str, float]  # vendor -> opinion from the stated stance, -1..1
    opinions: dict[str, float]  # vendor -> forecast opinion, -1..1
    pulled_by: tuple[str, ...]  # for someone who turns: who pulls them there, strongest first


@dataclass(frozen=True)
class Forecast:
    people: list[Lean]  # the voters (the bid team, or everyone), in power order
    stated_support: dict[str, float]  # vendor -> weighted support today (the positioning table's)
    support: dict[str, float]  # vendor -> weighted support once influence has played out
    votes: dict[str, float]  # vendor or UNDECIDED -> share of the decision weight, forecast
    stated_votes: dict[str, float]  # the same from today's stated stances

    def turned(self, vendor: str) -> tuple[list[Lean], list[Lean]]:
        """The voters the forecast turns toward `vendor`, and those it turns away from it."""
        toward = [p for p in self.people if p.forecast == vendor != p.stated]
        away = [p for p in self.people if p.stated == vendor != p.forecast]
        return toward, away


def forecast(account: Account, power: dict[str, Power], today: dt.date,
             limits: dict[str, int] = STALE_DAYS) -> Forecast:
    """The forecast on a scoped account (see the module's model).

    >>> from relgraph.account import Account, Influence, Person, Stance, Vendor
    >>> from relgraph.analysis.power import power_scores
    >>> a = Account("t", people={"m": Person("m", "Mentor", rivals={"r": Stance("mentor")}),
    ...                          "e": Person("e", "Evaluator")},
    ...             influence=(Influence("m", "e", 5, "technical"),),
    ...             vendors={"us": Vendor("us", "Us", True), "r": Vendor("r", "Rival")}).scoped()
    >>> f = forecast(a, power_scores(a), dt.date(2026, 1, 1))
    >>> [(p.id, p.stated, p.forecast, p.opinions["r"]) for p in f.people]
    [('m', 'r', 'r', 1.0), ('e', None, 'r', 0.9)]
    """
    ids = list(power)
    vendors = ([account.us] if account.us else []) + list(account.competitors)
    fresh = {pid: is_fresh(account.people[pid], today, limits) for pid in ids}
    stated = {v: [stance_value(account.stance_to(account.people[pid], v), fresh[pid] or v != account.us)
                  for pid in ids] for v in vendors}
    settled = _settle(account, ids, stated)
    voters = [pid for pid in ids if account.focus is None or pid in account.focus.team]
    weight = {pid: decision_weight(account, power[pid], account.people[pid]) for pid in voters}
    index = {pid: i for i, pid in enumerate(ids)}
    listens_to: dict[str, list] = {}
    for tie in account.influence:
        listens_to.setdefault(tie.target, []).append(tie)
    leans = [_lean(pid, {v: stated[v][index[pid]] for v in vendors}, {v: settled[v][index[pid]] for v in vendors},
                   listens_to.get(pid, []), settled, index) for pid in voters]
    return Forecast(leans, _support(leans, weight, stated, index, vendors), _support(leans, weight, settled, index, vendors),
                    _votes(leans, weight, "forecast", vendors), _votes(leans, weight, "stated", vendors))


def _openness(account: Account, person: Person) -> float:
    stances = [person.our_stance, *(person.rival_stance(v) for v in account.competitors)]
    return min(OPENNESS.get(s, OPENNESS["unknown"]) for s in stances)


def _settle(account: Account, ids: list[str], stated: dict[str, list[float]]) -> dict[str, list[float]]:
    """Every vendor's opinions at the model's fixed point, by fixed-point iteration (a contraction: every
    openness is below 1)."""
    import numpy as np
    import scipy.sparse as sparse

    index = {pid: i for i, pid in enumerate(ids)}
    size, edges = len(ids), len(account.influence)
    listener = np.fromiter((index[e.target] for e in account.influence), dtype=np.int64, count=edges)
    advisor = np.fromiter((index[e.source] for e in account.influence), dtype=np.int64, count=edges)
    strength = np.fromiter((e.strength for e in account.influence), dtype=float, count=edges)
    ties = sparse.csr_array((strength, (listener, advisor)), shape=(size, size))
    listened = np.asarray(ties.sum(axis=1)).ravel()
    openness = np.fromiter((_openness(account, account.people[pid]) for pid in ids), dtype=float, count=size)
    taken = openness / np.maximum(listened, FULL_STRENGTH)
    pull = sparse.diags_array(taken) @ ties
    kept = 1.0 - taken * listened
    start = np.array([stated[v] for v in stated], dtype=float).T.reshape(size, len(stated))
    x = start.copy()
    for _ in range(10_000):
        previous, x = x, kept[:, None] * start + pull @ x
        if np.abs(x - previous).max(initial=0.0) < _TOLERANCE:
            return {v: [round(value, 4) for value in x[:, k].tolist()] for k, v in enumerate(stated)}
    raise RelgraphError(f"the forecast of account {account.id!r} did not settle; this is a bug in relgraph, "
                        "please report it with the account's influence.csv")


def _side(opinions: dict[str, float]) -> str | None:
    """The vendor whose opinion is highest, at least LEAN and above every other; None: undecided."""
    ranked = sorted(opinions.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < LEAN or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0]


def _lean(pid: str, stated: dict[str, float], settled_opinions: dict[str, float], ties: list,
          settled: dict[str, list[float]], index: dict[str, int]) -> Lean:
    before, after = _side(stated), _side(settled_opinions)
    pulled_by = ()
    if before != after:
        toward = after or before  # pulled to a vendor, or away from the one they had
        sign = 1.0 if after else -1.0
        pushes = sorted(((e.strength * settled[toward][index[e.source]] * sign, e.source) for e in ties),
                        key=lambda push: (-push[0], push[1]))
        pulled_by = tuple(source for push, source in pushes if push > 0)[:PULLS]
    return Lean(pid, before, after, stated, settled_opinions, pulled_by)


def _support(leans: list[Lean], weight: dict[str, float], opinions: dict[str, list[float]],
             index: dict[str, int], vendors: list[str]) -> dict[str, float]:
    total = sum(weight.values()) or 1.0
    return {v: round(sum(weight[p.id] * opinions[v][index[p.id]] for p in leans) / total, 4) for v in vendors}


def _votes(leans: list[Lean], weight: dict[str, float], which: str, vendors: list[str]) -> dict[str, float]:
    total = sum(weight.values()) or 1.0
    shares = {v: 0.0 for v in [*vendors, UNDECIDED]}
    for p in leans:
        shares[getattr(p, which) or UNDECIDED] += weight[p.id]
    return {v: round(share / total, 4) for v, share in shares.items()}

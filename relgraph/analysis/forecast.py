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

__all__ = ["Lean", "Forecast", "Model", "forecast", "OPENNESS", "LEAN", "UNDECIDED"]

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


class Model:
    """The model on one scoped account as arrays (people x vendors), settled once; `support_after` re-settles it
    for a few changed people, reusing the rest (what `next` asks for each move it tries)."""

    def __init__(self, account: Account, power: dict[str, Power], today: dt.date, limits: dict[str, int] = STALE_DAYS):
        import numpy as np
        import scipy.sparse as sparse

        self.account, self.today, self.limits = account, today, limits
        self.ids = list(power)
        self.index = {pid: i for i, pid in enumerate(self.ids)}
        self.vendors = ([account.us] if account.us else []) + list(account.competitors)
        size, edges = len(self.ids), len(account.influence)
        listener = np.fromiter((self.index[e.target] for e in account.influence), dtype=np.int64, count=edges)
        advisor = np.fromiter((self.index[e.source] for e in account.influence), dtype=np.int64, count=edges)
        strength = np.fromiter((e.strength for e in account.influence), dtype=float, count=edges)
        self.ties = sparse.csr_array((strength, (listener, advisor)), shape=(size, size))
        self.listened = np.asarray(self.ties.sum(axis=1)).ravel()
        self.listens_to: dict[str, list] = {}
        for tie in account.influence:
            self.listens_to.setdefault(tie.target, []).append(tie)
        rows = [self._row(account.people[pid]) for pid in self.ids]
        self.stated = np.array([values for values, _ in rows], dtype=float).reshape(size, len(self.vendors))
        self.openness = np.array([openness for _, openness in rows], dtype=float)
        self.voters = [pid for pid in self.ids if account.focus is None or pid in account.focus.team]
        self.weights = np.array([decision_weight(account, power[pid], account.people[pid]) for pid in self.voters])
        self.settled = self._settle(self.stated, self.openness, self.stated)

    def _row(self, person: Person) -> tuple[list[float], float]:
        fresh = is_fresh(person, self.today, self.limits)
        values = [stance_value(self.account.stance_to(person, v), fresh or v != self.account.us) for v in self.vendors]
        return values, _openness(person)

    def _settle(self, stated, openness, start):
        import numpy as np
        import scipy.sparse as sparse

        taken = openness / np.maximum(self.listened, FULL_STRENGTH)
        pull = sparse.diags_array(taken) @ self.ties
        kept = (1.0 - taken * self.listened)[:, None] * stated
        x = start
        for _ in range(10_000):
            previous, x = x, kept + pull @ x
            if np.abs(x - previous).max(initial=0.0) < _TOLERANCE:
                return x
        raise RelgraphError(f"the forecast of account {self.account.id!r} did not settle; this is a bug in "
                            "relgraph, please report it with the account's influence.csv")

    def support(self, opinions) -> dict[str, float]:
        """Each vendor's weighted support over the voters, by the positioning table's formula."""
        rows = [self.index[pid] for pid in self.voters]
        total = float(self.weights.sum()) or 1.0
        shares = (self.weights @ opinions[rows]) / total if rows else [0.0] * len(self.vendors)
        return {v: round(float(share), 4) for v, share in zip(self.vendors, shares)}

    def forecast_support(self) -> dict[str, float]:
        return self.support(self.settled)

    def support_after(self, people: list[Person]) -> dict[str, float]:
        """The forecast support once these people (of the account, changed) replace themselves."""
        stated, openness = self.stated.copy(), self.openness.copy()
        for person in people:
            values, openness[self.index[person.id]] = self._row(person)
            stated[self.index[person.id]] = values
        return self.support(self._settle(stated, openness, self.settled))

    def lean(self, pid: str) -> Lean:
        i = self.index[pid]
        stated = {v: float(self.stated[i, k]) for k, v in enumerate(self.vendors)}
        opinions = {v: round(float(self.settled[i, k]), 4) for k, v in enumerate(self.vendors)}
        before, after = _side(stated), _side(opinions)
        pulled_by = ()
        if before != after:
            toward = self.vendors.index(after or before)  # pulled to a vendor, or away from the one they had
            sign = 1.0 if after else -1.0
            ties = self.listens_to.get(pid, [])
            pushes = sorted(((e.strength * self.settled[self.index[e.source], toward] * sign, e.source) for e in ties),
                            key=lambda push: (-push[0], push[1]))
            pulled_by = tuple(source for push, source in pushes if push > 1e-9)[:PULLS]
        return Lean(pid, before, after, stated, opinions, pulled_by)



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
    model = Model(account, power, today, limits)
    leans = [model.lean(pid) for pid in model.voters]
    weight = dict(zip(model.voters, model.weights.tolist()))
    return Forecast(leans, model.support(model.stated), model.forecast_support(),
                    _votes(leans, weight, "forecast", model.vendors), _votes(leans, weight, "stated", model.vendors))


def _openness(person: Person) -> float:
    """The openness of the firmest stance the person holds toward any vendor (none recorded: unknown)."""
    return min((OPENNESS[s.stance] for s in (person.our, *person.rivals.values()) if s is not None),
               default=OPENNESS["unknown"])


def _side(opinions: dict[str, float]) -> str | None:
    """The vendor whose opinion is highest, at least LEAN and above every other; None: undecided."""
    ranked = sorted(opinions.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < LEAN or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0]


def _votes(leans: list[Lean], weight: dict[str, float], which: str, vendors: list[str]) -> dict[str, float]:
    total = sum(weight.values()) or 1.0
    shares = {v: 0.0 for v in [*vendors, UNDECIDED]}
    for p in leans:
        shares[getattr(p, which) or UNDECIDED] += weight[p.id]
    return {v: round(share / total, 4) for v, share in shares.items()}

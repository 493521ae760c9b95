"""Competitive position: the positioning table (people x vendors) and each vendor's weighted support.

support(vendor) = sum over the people in scope of weight x value / sum of their weights, where

* scope and weight: with a bid, its team only, each member by the weight of their role on the bid
  (ROLE_WEIGHT; a member with no role counts as a user); without one, everyone, each by their power score;
* value: +1 for the vendor's mentor or supporter, -1 for its opponent, 0 otherwise; our own mentors and
  supporters who are out of touch (beyond their contact limit) count OUT_OF_TOUCH. A competitor's allies
  always count in full: we cannot see its touchpoints, so we assume it keeps them warm.

The suppression ratio is our support (0 if below 0) over the strongest competitor's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from itertools import repeat
from operator import mul

from relgraph.account import ALLY_STANCES, UNKNOWN, Account, Person
from relgraph.analysis.power import ROLE_WEIGHT, Power
from relgraph.analysis.unreached import STALE_DAYS, is_fresh
from relgraph.model import STANCES

__all__ = ["VendorStanding", "Position", "competitive_position", "decision_weight", "stance_value", "OUT_OF_TOUCH"]

OUT_OF_TOUCH = 0.5  # what an ally of ours beyond their contact limit counts, against 1 for one in touch
VALUES = {**dict.fromkeys(ALLY_STANCES, 1.0), "opponent": -1.0}  # what a stance counts in touch; others 0


@dataclass(frozen=True)
class VendorStanding:
    vendor: str
    name: str
    is_us: bool
    counts: dict[str, int]  # stance -> people; no recorded stance counts as unknown
    weighted_support: float  # -1..1: see the module's formula


@dataclass(frozen=True)
class Position:
    vendors: list[VendorStanding]  # us first, then competitors by id
    table: list[dict]  # one row per person by power: id, name, title, score, weight, and a stance per vendor id
    suppression_ratio: float | None  # our weighted support over the strongest competitor's
    strongest_competitor: str | None


def competitive_position(account: Account, power: dict[str, Power], today: dt.date,
                         limits: dict[str, int] = STALE_DAYS) -> Position:
    scope = [pid for pid in power if account.focus is None or pid in account.focus.team]
    people = [account.people[pid] for pid in scope]
    weights = [decision_weight(account, power[pid], person) for pid, person in zip(scope, people)]
    vendors = ([(account.us, account.us_name or account.us, True)] if account.us else []) + [(v, n, False) for v, n in account.competitors.items()]
    columns = {vendor: _stances(account, people, vendor) for vendor, _, _ in vendors}
    table = [{"id": pid, "name": person.name, "title": person.title, "score": round(power[pid].score, 4),
              "weight": round(weight, 4)} for pid, person, weight in zip(scope, people, weights)]
    for vendor, stances in columns.items():
        for row, stance in zip(table, stances):
            row[vendor] = stance
    total = sum(weights) or 1.0
    standings = []
    for vendor, name, is_us in vendors:
        stances = columns[vendor]
        # freshness is looked up only for our allies; a competitor's allies count in full (always fresh)
        values = [stance_value(stance, stance not in ALLY_STANCES or is_fresh(person, today, limits))
                  for stance, person in zip(stances, people)] if is_us else list(map(VALUES.get, stances, repeat(0.0)))
        support = sum(map(mul, weights, values))  # the products summed in the table's order, as always
        counted = Counter(stances)
        standings.append(VendorStanding(vendor, name, is_us, {s: counted[s] for s in STANCES},
                                        round(support / total, 4)))
    return Position(standings, table, *_suppression(standings))


def _stances(account: Account, people: list[Person], vendor: str) -> list[str]:
    """Each person's stance toward one vendor (us included), in the order of `people`."""
    if vendor == account.us:
        return [person.our_stance for person in people]
    stances = (person.rivals.get(vendor) for person in people)
    return [stance.stance if stance else UNKNOWN for stance in stances]


def decision_weight(account: Account, power: Power, person: Person) -> float:
    """What a person's view counts in a vendor's support: their role weight on the bid, else their power."""
    if account.focus is None:
        return power.score
    return max((ROLE_WEIGHT.get(r, 0.0) for r in person.roles), default=ROLE_WEIGHT["user"])


def stance_value(stance: str, fresh: bool) -> float:
    """+1 for an ally (OUT_OF_TOUCH when out of touch), -1 for an opponent, 0 otherwise."""
    if stance in ALLY_STANCES:
        return 1.0 if fresh else OUT_OF_TOUCH
    return VALUES.get(stance, 0.0)


def _suppression(standings: list[VendorStanding]) -> tuple[float | None, str | None]:
    ours = next((s for s in standings if s.is_us), None)
    rivals = [s for s in standings if not s.is_us]
    if ours is None or not rivals:
        return None, None
    strongest = max(rivals, key=lambda s: (s.weighted_support, s.vendor))
    if strongest.weighted_support <= 0:
        return None, strongest.vendor
    return round(max(ours.weighted_support, 0.0) / strongest.weighted_support, 4), strongest.vendor

"""General (broad) relationships: how much of each department, layer by layer, we are in touch with.

For each department and each layer in it (and for the whole scope): its active people, how many of them we
touched within RECENT_DAYS and WIDE_DAYS (their last contact: the later of the recorded one and their newest
touchpoint), our touchpoints per month over the last WIDE_DAYS, and the shares touched. The scope is the
whole account, or with a bid the departments its team works in. People without a department (outside the
customer's org chart) are not counted in any department, only in the total; people of another organisation
(consultants, integrators) are not counted at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relgraph.account import Account, Person
from relgraph.model import LAYERS

__all__ = ["Breadth", "breadth", "RECENT_DAYS", "WIDE_DAYS", "ALL_LAYERS"]

RECENT_DAYS = 30
WIDE_DAYS = 90
ALL_LAYERS = "all"  # the row of a department (or of the scope) over every layer
_MONTHS_IN_WIDE = WIDE_DAYS / 30


@dataclass(frozen=True)
class Breadth:
    department_id: str | None  # None: the whole scope
    layer: str  # a layer, or ALL_LAYERS
    people: int  # active people
    touched_recent: int  # touched within RECENT_DAYS
    touched_wide: int  # touched within WIDE_DAYS
    touchpoints_per_month: float  # over the last WIDE_DAYS

    @property
    def share_recent(self) -> float:
        return round(self.touched_recent / self.people, 4) if self.people else 0.0

    @property
    def share_wide(self) -> float:
        return round(self.touched_wide / self.people, 4) if self.people else 0.0


def breadth(account: Account, today: dt.date) -> list[Breadth]:
    """The scope's total first, then each department in id order, its row over all layers before its layers.

    >>> from relgraph.account import Account, Person, Touchpoint
    >>> a = Account("t", people={"a": Person("a", "A", department_id="it", layer="middle",
    ...                                      touchpoints=(Touchpoint("2026-11-20", "ann"),)),
    ...                          "b": Person("b", "B", department_id="it", layer="middle")})
    >>> [(b.department_id, b.layer, b.people, b.touched_recent, b.share_wide) for b in breadth(a, dt.date(2026, 12, 1))]
    [(None, 'all', 2, 1, 0.5), ('it', 'all', 2, 1, 0.5), ('it', 'middle', 2, 1, 0.5)]
    """
    people = [p for p in account.people.values() if p.active and not p.outside]
    if account.focus is not None:
        departments = {account.people[pid].department_id for pid in account.focus.team if pid in account.people}
        people = [p for p in people if p.department_id in departments]
    by_department: dict[str, dict[str | None, list[Person]]] = {}
    for p in people:
        if p.department_id:
            by_department.setdefault(p.department_id, {}).setdefault(p.layer, []).append(p)
    rows = [_row(None, ALL_LAYERS, people, today)]
    for department, layers in sorted(by_department.items()):
        rows.append(_row(department, ALL_LAYERS, [p for members in layers.values() for p in members], today))
        rows.extend(_row(department, layer or "unknown", layers[layer], today)
                    for layer in [*LAYERS, None] if layer in layers)
    return rows


def _row(department: str | None, layer: str, people: list[Person], today: dt.date) -> Breadth:
    since_recent = (today - dt.timedelta(days=RECENT_DAYS)).isoformat()
    since_wide = (today - dt.timedelta(days=WIDE_DAYS)).isoformat()
    day = today.isoformat()
    contacts = [p.last_contact or "" for p in people]
    touchpoints = sum(1 for p in people for t in p.touchpoints if since_wide <= t.date <= day)
    return Breadth(department, layer, len(people),
                   sum(1 for c in contacts if since_recent <= c <= day),
                   sum(1 for c in contacts if since_wide <= c <= day),
                   round(touchpoints / _MONTHS_IN_WIDE, 2))

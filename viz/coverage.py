"""Which departments of a bid are covered, contested or uncovered: the gaps view's own rule.

Until the analyses (issue 3) provide gap statuses, `department_status` is the
one rule, stated here: count, among the department's active people, our
allies (our mentors and supporters) and each competitor's allies.

* `uncovered` — we have no ally in the department;
* `contested` — we have allies, but some competitor has at least as many;
* `covered`   — we have more allies than any one competitor.
"""

from __future__ import annotations

from .account import AccountMap
from .reach import ALLY_STANCES, stance_to

__all__ = ["STATUSES", "department_status", "bid_departments"]

STATUSES = ("covered", "contested", "uncovered")


def department_status(graph: AccountMap, department: str) -> dict:
    """The coverage of one department: {status, ours, rivals: {vendor: allies}, strongest}.

    >>> from relgraph.viz.account import AccountMap, Person
    >>> p = Person(id="a", name="A", department_id="d", stances={"us": {"stance": "supporter"}, "x": {"stance": "mentor"}})
    >>> g = AccountMap("acc", "Acc", {"a": p}, {"d": {"id": "d", "name": "D"}}, {"us": {"is_us": True}, "x": {}}, {}, {}, [], [])
    >>> department_status(g, "d")["status"]
    'contested'
    """
    members = [p for p in graph.people.values() if p.department_id == department and p.active]
    ours = sum(stance_to(p, graph.us) in ALLY_STANCES for p in members)
    rivals = {v: sum(stance_to(p, v) in ALLY_STANCES for p in members) for v in graph.competitors()}
    strongest = max(sorted(rivals), key=lambda v: rivals[v], default=None)
    most = rivals.get(strongest, 0) if strongest else 0
    status = "uncovered" if ours == 0 else ("contested" if most >= ours else "covered")
    return {"status": status, "ours": ours, "rivals": {v: n for v, n in rivals.items() if n},
            "strongest": strongest if most else None, "people": len(members)}


def bid_departments(graph: AccountMap, bid: str) -> list[str]:
    """The departments the bid team's members belong to, in id order."""
    return sorted({p.department_id for p in graph.people.values() if bid in p.bids and p.department_id})

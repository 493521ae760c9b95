"""Which departments the gaps view boxes, and their coverage colours.

The coverage of a department is the analyses' rule, not the view's:
`relgraph.analysis.gaps.department_coverage` (the department x layer cells of
`relgraph gaps`, taken over all layers of a department), computed in
`reach.analyse`. Its statuses (`COVERAGE_STATUSES`): `covered` (one of our mentors or
supporters there is within their contact limit), `weak` (our allies there are
out of touch, or only neutral people or opponents), `contested` (none of ours
is, and a competitor has a mentor or supporter there), `uncovered` (nobody
there has a known stance to us).
"""

from __future__ import annotations

from relgraph.account import Account
from relgraph.analysis.gaps import COVERAGE_STATUSES

__all__ = ["COVERAGE_STATUSES", "STATUS_COLOURS", "STATUS_MEANINGS", "bid_departments"]

STATUS_COLOURS = {"covered": "#a5d6a7", "weak": "#fff59d", "contested": "#ffcc80", "uncovered": "#ef9a9a"}
STATUS_MEANINGS = {
    "covered": "one of our mentors or supporters here, within their contact limit",
    "weak": "our allies here are out of touch, or only neutral people and opponents",
    "contested": "no fresh ally of ours, and a competitor has a mentor or supporter here",
    "uncovered": "nobody here has a known stance toward us",
}
assert set(STATUS_COLOURS) == set(COVERAGE_STATUSES) == set(STATUS_MEANINGS)


def bid_departments(graph: Account, bid: str) -> list[str]:
    """The departments the bid team's members belong to, in id order."""
    team = graph.bids[bid].team
    return sorted({p.department_id for p in graph.people.values() if p.id in team and p.department_id})

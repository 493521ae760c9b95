"""Which departments the gaps view boxes, and their coverage colours.

The coverage of a department is the analyses' rule, not the view's:
`relgraph.analysis.gaps.department_coverage` (the department x layer cells of
`relgraph gaps`, taken over all layers of a department), computed in
`reach.analyse`; its statuses and their meanings (`STATUS_MEANINGS`) are the analyses' too.
"""

from __future__ import annotations

from relgraph.account import Account
from relgraph.analysis.gaps import COVERAGE_STATUSES, STATUS_MEANINGS

__all__ = ["COVERAGE_STATUSES", "STATUS_COLOURS", "STATUS_MEANINGS", "bid_departments"]

STATUS_COLOURS = {"covered": "#a5d6a7", "outnumbered": "#dce775", "weak": "#fff59d", "contested": "#ffcc80",
                  "uncovered": "#ef9a9a"}
assert set(STATUS_COLOURS) == set(COVERAGE_STATUSES) == set(STATUS_MEANINGS)


def bid_departments(graph: Account, bid: str) -> list[str]:
    """The departments the bid team's members belong to, in id order."""
    team = graph.bids[bid].team
    return sorted({p.department_id for p in graph.people.values() if p.id in team and p.department_id})

"""What the analyses say about the people on a map: power, who is unreached, warm paths, department coverage
and breadth.

The views hold no rules of their own for these: each comes from
relgraph.analysis, computed once per view in `analyse`, and the one view-side
choice, which unreached people to mark, is `MARK_RULE` below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from relgraph.account import Account
from relgraph.analysis.breadth import ALL_LAYERS, Breadth, breadth
from relgraph.analysis.gaps import Cell, department_coverage, powerful_count
from relgraph.analysis.power import Power, power_scores
from relgraph.analysis.unreached import Unreached, WarmPath, WarmPaths, unreached_influencers

from . import EVERYTHING, Uses

__all__ = ["MARK_RULE", "Insight", "analyse", "warm_links"]

MARK_RULE = ("an unreached influencer of the analyses (every one that relgraph unreached finds, not only its "
             "top 10) among the top quarter of the account by power rank")


@dataclass(frozen=True)
class Insight:
    """The analyses' results for one view: power of the active people, the unreached people marked, coverage.

    `marked` holds the unreached influencers in the top quarter by power rank (`powerful_count`), most
    powerful first; departed people have no power and are never marked.
    """

    today: dt.date
    power: dict[str, Power]
    marked: dict[str, Unreached]
    departments: dict[str, Cell] = field(default_factory=dict)
    breadth: dict[str, Breadth] = field(default_factory=dict)  # department -> its breadth over all layers

    @property
    def powerful(self) -> int:
        return powerful_count(len(self.power)) if self.power else 0


def analyse(account: Account, bid: str | None, today: dt.date, uses: Uses = EVERYTHING) -> Insight:
    """Power, unreached influencers and department coverage of `account` (with `bid`'s roles) as of `today`,
    as far as a view `uses` them (the rest left empty)."""
    if not account.people:  # nobody to score
        return Insight(today, {}, {})
    scoped = account.scoped(bid)
    power = power_scores(scoped)
    marked = _marked(scoped, power, today, uses.paths) if uses.marks else {}
    reached = ({b.department_id: b for b in breadth(account.scoped() if bid else scoped, today)
                if b.department_id and b.layer == ALL_LAYERS} if uses.breadth else {})
    coverage = department_coverage(scoped, power, today) if uses.coverage else {}
    return Insight(today, power, marked, coverage, reached)


def _marked(scoped: Account, power: dict[str, Power], today: dt.date, paths: str) -> dict[str, Unreached]:
    """The unreached influencers among the most powerful, with the warm paths of those the view shows them for."""
    top = powerful_count(len(power))
    if paths == "all":
        return {u.id: u for u in unreached_influencers(scoped, power, today, max_rank=top).people}
    marked = {u.id: u for u in unreached_influencers(scoped, power, today, max_rank=top, paths=False).people}
    search = WarmPaths(scoped, today)
    paths_of = {pid: search.path_to(pid) for pid in marked if pid in scoped.focus.team}
    on_paths = [step.id for path, _ in paths_of.values() if path for step in path.steps]  # drawn too
    paths_of.update({pid: search.path_to(pid) for pid in on_paths if pid in marked and pid not in paths_of})
    return {pid: replace(u, path=paths_of[pid][0], path_note=paths_of[pid][1]) if pid in paths_of else u
            for pid, u in marked.items()}


def warm_links(path: WarmPath | None) -> list[tuple[str, str, str]]:
    """The lines a warm path runs along, as (source, target, kind) of the drawn edge.

    An influence step is the influence edge from the step before; a reporting step is the reporting line
    between the two (drawn from the report to the manager, whichever way the path runs).
    """
    steps = path.steps if path else ()
    links = []
    for before, step in zip(steps, steps[1:]):
        if step.via == "influence":
            links.append((before.id, step.id, "influence"))
        elif step.via == "report":  # step reports to before
            links.append((step.id, before.id, "reporting"))
        else:  # step is before's manager
            links.append((before.id, step.id, "reporting"))
    return links

"""What the analyses say about the people on a map: power, who is unreached, warm paths, department coverage.

The views hold no rules of their own for these: each comes from
relgraph.analysis, computed once per view in `analyse`, and the one view-side
choice, which unreached people to mark, is `MARK_RULE` below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from relgraph.analysis.account import ALLY_STANCES
from relgraph.analysis.gaps import Cell, department_coverage, powerful_count
from relgraph.analysis.power import Power
from relgraph.analysis.unreached import Step, Unreached
from relgraph.store import Store

from .account import AccountMap, Person

__all__ = ["ALLY_STANCES", "MARK_RULE", "Insight", "analyse", "our_level", "stance_to", "leans_to", "warm_links"]

MARK_RULE = ("an unreached influencer of the analyses (`relgraph unreached`, every one, not only its top 10) "
             "among the top quarter of the account by power rank")


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

    @property
    def powerful(self) -> int:
        return powerful_count(len(self.power)) if self.power else 0


def analyse(store: Store, account: str, bid: str | None, today: dt.date) -> Insight:
    """Run power, unreached influencers and department coverage on `account` (with `bid`'s roles) as of `today`."""
    from relgraph.analysis.run import analyse as read_and_score
    from relgraph.analysis.unreached import unreached_influencers
    from relgraph.errors import RelgraphError

    try:
        data, power = read_and_score(store, account, bid)
    except RelgraphError:  # the account has no active stakeholders: nobody to score (bids are checked before)
        return Insight(today, {}, {})
    top = powerful_count(len(power))
    marked = {u.id: u for u in unreached_influencers(data, power, today, max_rank=top)}
    return Insight(today, power, marked, department_coverage(data, today))


def our_level(person: Person, graph: AccountMap) -> str | None:
    """Our relationship level with the person (None where none is recorded)."""
    return (person.stances.get(graph.us or "") or {}).get("level")


def stance_to(person: Person, vendor: str | None) -> str:
    """The person's stance toward a vendor; `unknown` where none is recorded."""
    return (person.stances.get(vendor or "") or {}).get("stance") or "unknown"


def leans_to(person: Person, graph: AccountMap) -> list[str]:
    """The competitors this person is a mentor or supporter of."""
    return [v for v in graph.competitors() if stance_to(person, v) in ALLY_STANCES]


def warm_links(path: tuple[Step, ...] | None) -> list[tuple[str, str, str]]:
    """The lines a warm path runs along, as (source, target, kind) of the drawn edge.

    An influence step is the influence edge from the step before; a reporting step is the reporting line
    between the two (drawn from the report to the manager, whichever way the path runs).
    """
    links = []
    for before, step in zip(path or (), (path or ())[1:]):
        if step.via == "influence":
            links.append((before.id, step.id, "influence"))
        elif step.via == "report":  # step reports to before
            links.append((step.id, before.id, "reporting"))
        else:  # step is before's manager
            links.append((before.id, step.id, "reporting"))
    return links

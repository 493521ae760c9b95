"""How an account's numbers moved over its history: one row per period end, each judged on the map right after
the last revision on or before that day, as of that day.

Periods end every Sunday (`week`: the last day of an ISO week) or on the last day of each month (`month`),
from the day of the first revision to the last day asked for (default: today), which ends the last period.
Each distinct revision in force is read once (relgraph.history.read_at): tens of periods cost a few reads
and one run of the analyses per period.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter

from relgraph.account import Account, read_account
from relgraph.analysis.registry import Settings, run, score
from relgraph.errors import RelgraphError
from relgraph.history import Moment, Revision, read_at, read_revisions
from relgraph.model import LEVELS, STANCES
from relgraph.store import Store

__all__ = ["EVERY", "NO_LEVEL", "period_ends", "trend_row", "trend", "read_trend", "flat_rows"]

EVERY = ("week", "month")
NO_LEVEL = "none"  # a person with no level of ours recorded


def period_ends(first: dt.date, last: dt.date, every: str) -> list[dt.date]:
    """Every Sunday (week) or month end from `first` on, before `last`, then `last` itself.

    >>> period_ends(dt.date(2026, 10, 15), dt.date(2026, 12, 2), "month")
    [datetime.date(2026, 10, 31), datetime.date(2026, 11, 30), datetime.date(2026, 12, 2)]
    >>> [d.isoformat() for d in period_ends(dt.date(2026, 11, 25), dt.date(2026, 12, 2), "week")]
    ['2026-11-29', '2026-12-02']
    """
    ends, day = [], first
    while True:
        if every == "week":
            end = day + dt.timedelta(days=6 - day.weekday())
        else:
            end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        if end >= last:
            return [*ends, last]
        ends.append(end)
        day = end + dt.timedelta(days=1)


def trend_row(moment: Moment, bid: str | None) -> dict:
    """The measures of one period end: the map of `moment`, judged as of its day."""
    data, power = score(moment.account, bid)
    settings = Settings(today=moment.day)
    position, gaps = run("position", data, power, settings), run("gaps", data, power, settings)
    ours = next((v for v in position["vendors"] if v["is_us"]), None)
    day = moment.day.isoformat()
    levels = Counter(p.as_of(day).our_level or NO_LEVEL for p in data.active_people().values())
    return {"day": day, "revision": moment.revision.number if moment.revision else None,
            "support": {v["vendor"]: v["weighted_support"] for v in position["vendors"]},
            "suppression_ratio": position["suppression_ratio"],
            "readiness": gaps["readiness"]["allied_power_share"],
            "stances": {s: (ours["counts"].get(s, 0) if ours else 0) for s in STANCES},
            "levels": {level: levels.get(level, 0) for level in (*LEVELS, NO_LEVEL)}}


def trend(moments: list[Moment], bid: str | None) -> list[dict]:
    """One row per moment, oldest first."""
    return [trend_row(m, bid) for m in moments]


def read_trend(store: Store, account: str, bid: str | None = None, every: str = "month",
               until: dt.date | None = None) -> tuple[Account, list[dict]]:
    """The account now, and its trend from its first revision to `until` (default: today)."""
    revisions = read_revisions(store, account)
    if not revisions:
        read_account(store, account)  # an unknown account is that error
        raise RelgraphError(f"trend: account {account!r} has no history yet: load it (with --as-of DATE for a "
                            f"dated export) and its revisions make the trend")
    last = until or dt.date.today()
    if last < revisions[0].day:
        raise RelgraphError(f"--until {last}: account {account!r} has no revision on or before that day (its first "
                            f"describes {revisions[0].day})")
    read: dict[int, Moment] = {}
    moments = []
    for day in period_ends(revisions[0].day, last, every):
        revision = _in_force(revisions, day)
        if revision.number not in read:
            read[revision.number] = read_at(store, account, str(revision.number))
        moments.append(Moment(read[revision.number].account, revision, day))
    now = read[revisions[-1].number].account if revisions[-1].number in read else read_account(store, account)
    if bid is not None:
        now.require_bid(bid)
    return now, trend(moments, bid)


def _in_force(revisions: list[Revision], day: dt.date) -> Revision:
    return [r for r in revisions if r.day <= day][-1]


def flat_rows(rows: list[dict], names: dict[str, str]) -> tuple[list[dict], list[str]]:
    """The rows with each measure in a column of its own (for a table or csv): the support of each vendor
    (named by `names`, else by id), then the people per stance toward us and per level of ours."""
    flat = []
    for row in rows:
        cells = {"day": row["day"], "revision": row["revision"]}
        cells.update({f"support:{names.get(v, v)}": share for v, share in row["support"].items()})
        cells.update({"suppression_ratio": row["suppression_ratio"], "readiness": row["readiness"]})
        cells.update({f"stance:{s}": n for s, n in row["stances"].items()})
        cells.update({f"level:{level}": n for level, n in row["levels"].items()})
        flat.append(cells)
    columns = list(dict.fromkeys(c for cells in flat for c in cells))
    return flat, columns

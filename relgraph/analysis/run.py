"""The analyses as the CLI and scripts see them: read one account, analyse, return JSON-ready data."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from relgraph.account import Account, read_account
from relgraph.analysis.centres import decision_centres
from relgraph.analysis.gaps import coverage_gaps
from relgraph.analysis.position import competitive_position
from relgraph.analysis.power import Power, power_reasons, power_scores
from relgraph.analysis.unreached import STALE_DAYS, path_text, unreached_influencers
from relgraph.store import Store
from relgraph.store.compact import gc_paused

__all__ = ["analyse", "centres", "unreached", "gaps", "position",
           "centres_of", "unreached_of", "gaps_of", "position_of"]

# Each analysis comes twice: `centres(store, account, ...)` reads and scores the account itself;
# `centres_of(data, power, ...)` takes what `analyse` read, so that the brief reads and scores it once.


def analyse(store: Store, account: str, bid: str | None = None,
            include_departed: bool = False) -> tuple[Account, dict[str, Power]]:
    """The account as the analyses see it, and everyone's power."""
    data = read_account(store, account).scoped(bid, include_departed)
    return data, power_scores(data)


@gc_paused()  # records hold no cycles: see gc_paused
def centres(store: Store, account: str, bid: str | None = None, top: int | None = None,
            include_departed: bool = False) -> dict:
    """{"people": ranked rows with score, components and reasons; "centres": the decision centres}."""
    return centres_of(*analyse(store, account, bid, include_departed), top)


def centres_of(data: Account, power: dict[str, Power], top: int | None = None) -> dict:
    groups = decision_centres(data, power)
    centre_of = {pid: c.leader for c in groups for pid in c.members}
    reasons = power_reasons(data, power)
    people = [_person_row(data, p, centre_of.get(p.id), reasons(p.id)) for p in list(power.values())[:top]]
    return {"people": people, "centres": [_centre_row(data, c) for c in groups]}


def _person_row(data: Account, p: Power, centre: str | None, reasons: tuple[str, ...]) -> dict:
    person = data.people[p.id]
    return {"rank": p.rank, "id": p.id, "name": person.name, "title": person.title, "score": round(p.score, 4),
            "hidden_influencer": p.hidden_influencer, "centre": centre, "components": p.components,
            "reasons": list(reasons)}


def _centre_row(data: Account, c) -> dict:
    return {"centre": c.leader, "leader": data.people[c.leader].label, "size": len(c.members),
            "power_share": round(c.share, 4), "deciders": list(c.deciders), "members": list(c.members)}


@gc_paused()
def unreached(store: Store, account: str, bid: str | None = None, top: int | None = 10,
              today: dt.date | None = None, limits: dict[str, int] = STALE_DAYS,
              include_departed: bool = False) -> list[dict]:
    """The most powerful people we have not reached, each with the reasons and a warm path."""
    return unreached_of(*analyse(store, account, bid, include_departed), top, today, limits)


def unreached_of(data: Account, power: dict[str, Power], top: int | None = 10, today: dt.date | None = None,
                 limits: dict[str, int] = STALE_DAYS) -> list[dict]:
    rows = []
    for u in unreached_influencers(data, power, today or dt.date.today(), limits, top):
        path = [asdict(step) for step in u.path] if u.path else None
        rows.append({"rank": power[u.id].rank, "id": u.id, "name": data.people[u.id].name,
                     "title": data.people[u.id].title, "score": round(power[u.id].score, 4),
                     "reasons": list(u.reasons), "competitor": u.competitor, "path": path,
                     "warm_path": path_text(u.path) if u.path else f"none: {u.path_note}"})
    return rows


@gc_paused()
def gaps(store: Store, account: str, bid: str | None = None, today: dt.date | None = None,
         limits: dict[str, int] = STALE_DAYS, include_departed: bool = False) -> dict:
    """{"cells": the coverage matrix, "flags": the red flags, "readiness": a summary}."""
    return gaps_of(*analyse(store, account, bid, include_departed), today, limits)


def gaps_of(data: Account, power: dict[str, Power], today: dt.date | None = None,
            limits: dict[str, int] = STALE_DAYS) -> dict:
    found = coverage_gaps(data, power, today or dt.date.today(), limits)
    cells = [{**asdict(c), "people": list(c.people), "our_allies": list(c.our_allies),
              "competitor_allies": {v: list(ids) for v, ids in c.competitor_allies.items()}} for c in found.cells]
    flags = [{**asdict(f), "stakeholders": list(f.stakeholders)} for f in found.flags]
    return {"cells": cells, "flags": flags, "readiness": found.readiness}


@gc_paused()
def position(store: Store, account: str, bid: str | None = None, include_departed: bool = False) -> dict:
    """{"table": one row per person, a stance per vendor; "vendors": counts and weighted support; the ratio}."""
    return position_of(*analyse(store, account, bid, include_departed))


def position_of(data: Account, power: dict[str, Power]) -> dict:
    found = competitive_position(data, power)
    return {"table": found.table, "vendors": [asdict(v) for v in found.vendors],
            "suppression_ratio": found.suppression_ratio, "strongest_competitor": found.strongest_competitor}

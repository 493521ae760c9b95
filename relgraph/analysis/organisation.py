"""Organisational relationships, company to company: the account's activities and the bids' procurement steps.

As of a day (what is dated after it is left out): executive visits within the last YEAR_DAYS, the strategic
agreement in force (its term not ended; one without an end date stays in force), the last strategy meeting, the
latest satisfaction score, and per bid (the focus bid, else every bid) how many of the recorded steps of the
customer's procurement process we took part in. Its flags:

* `no_executive_visit` — an S-tier account with no executive visit within YEAR_DAYS;
* `no_strategic_agreement` — an S- or A-tier account with no strategic agreement in force;
* `few_procurement_steps` — a bid where we took part in under MIN_STEP_SHARE of the recorded steps;
* `low_satisfaction` — the latest satisfaction score is below LOW_SATISFACTION (of 100).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relgraph.account import Account, Activity
from relgraph.model import PROCUREMENT_STEPS

__all__ = ["Organisation", "BidSteps", "organisation", "organisation_flags", "YEAR_DAYS", "MIN_STEP_SHARE",
           "LOW_SATISFACTION"]

YEAR_DAYS = 365
MIN_STEP_SHARE = 0.5
LOW_SATISFACTION = 60


@dataclass(frozen=True)
class BidSteps:
    bid_id: str
    recorded: tuple[str, ...]  # the steps recorded so far, in process order
    taken: tuple[str, ...]  # those we took part in

    @property
    def share(self) -> float | None:
        return round(len(self.taken) / len(self.recorded), 4) if self.recorded else None

    @property
    def missed(self) -> tuple[str, ...]:
        return tuple(s for s in self.recorded if s not in self.taken)


@dataclass(frozen=True)
class Organisation:
    executive_visits: int  # within YEAR_DAYS
    last_executive_visit: str | None  # the latest, however long ago
    agreement: Activity | None  # the strategic agreement in force (the latest signed)
    last_strategy_meeting: str | None
    satisfaction: Activity | None  # the latest survey with a score
    activities: int  # activities of any kind within YEAR_DAYS
    bids: tuple[BidSteps, ...]  # the focus bid, else every bid with recorded steps


def organisation(account: Account, today: dt.date) -> Organisation:
    """The organisational-relationship summary of `account` as of `today`.

    >>> from relgraph.account import Account, Activity
    >>> a = Account("t", activities=(Activity("2026-03-01", "executive_visit"),
    ...                              Activity("2025-01-10", "strategic_agreement", ends="2026-12-31")))
    >>> o = organisation(a, dt.date(2026, 11, 1))
    >>> o.executive_visits, o.agreement.ends, organisation(a, dt.date(2027, 4, 1)).executive_visits
    (1, '2026-12-31', 0)
    """
    day, year_ago = today.isoformat(), (today - dt.timedelta(days=YEAR_DAYS)).isoformat()
    done = [a for a in account.activities if a.date <= day]  # in date order
    recent = [a for a in done if a.date > year_ago]
    visits = [a.date for a in done if a.kind == "executive_visit"]
    in_force = [a for a in done if a.kind == "strategic_agreement" and (a.ends is None or a.ends >= day)]
    meetings = [a.date for a in done if a.kind == "strategy_meeting"]
    surveys = [a for a in done if a.kind == "satisfaction_survey" and a.score is not None]
    return Organisation(sum(v > year_ago for v in visits), visits[-1] if visits else None, in_force[-1] if in_force else None,
                        meetings[-1] if meetings else None, surveys[-1] if surveys else None, len(recent),
                        _bid_steps(account, day))


def _bid_steps(account: Account, day: str) -> tuple[BidSteps, ...]:
    """Per bid in scope, the steps recorded (those dated after `day` not yet) and those we took part in."""
    steps: dict[str, dict[str, bool]] = {}
    for s in account.procurement:
        if s.date is None or s.date <= day:
            steps.setdefault(s.bid_id, {})[s.step] = s.took_part
    bids = [account.focus.id] if account.focus else sorted(steps)
    return tuple(BidSteps(bid, tuple(s for s in PROCUREMENT_STEPS if s in steps.get(bid, {})),
                          tuple(s for s in PROCUREMENT_STEPS if steps.get(bid, {}).get(s))) for bid in bids)


def organisation_flags(account: Account, today: dt.date) -> list[tuple[str, str]]:
    """(code, message) of each organisational flag raised as of `today` (see the module's rules)."""
    found = organisation(account, today)
    flags = []
    if account.tier == "S" and not found.executive_visits:
        flags.append(("no_executive_visit", "no executive visit in the last 12 months on an S-tier account"))
    if account.tier in ("S", "A") and found.agreement is None:
        flags.append(("no_strategic_agreement", f"no strategic agreement in force on an {account.tier}-tier account"))
    for bid in found.bids:
        if bid.share is not None and bid.share < MIN_STEP_SHARE:
            label = account.bids[bid.bid_id].label if bid.bid_id in account.bids else bid.bid_id
            flags.append(("few_procurement_steps", f"we took part in {len(bid.taken)} of the {len(bid.recorded)} "
                          f"procurement steps of bid {label} recorded so far, under half (missed: "
                          f"{', '.join(s.replace('_', ' ') for s in bid.missed)})"))
    if found.satisfaction is not None and found.satisfaction.score < LOW_SATISFACTION:
        flags.append(("low_satisfaction", f"the latest satisfaction score is {found.satisfaction.score:g} of 100 "
                      f"({found.satisfaction.date}), under {LOW_SATISFACTION}"))
    return flags

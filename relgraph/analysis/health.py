"""The three layers of the customer relationship, each judged strong, fair or weak, with the reasons in words.

* **key** — the deciders (decision makers and approvers in scope) and the powerful: weak when a decider is
  against us (an opponent, level opposed, or a competitor's mentor or supporter), when no decider is our ally,
  or when our allies hold under KEY_WEAK_SHARE of the power; strong when there is a decider and every one is our
  ally, our allies hold at least KEY_STRONG_SHARE of the power and at most KEY_UNREACHED of the KEY_TOP most
  powerful are unreached; else fair.
* **general** — breadth (analysis/breadth.py) over the scope: weak when we touched under GENERAL_WEAK_SHARE of
  its active people within 90 days, or half or more of its departments not at all; strong when we touched at
  least GENERAL_STRONG_SHARE of them and every department; else fair.
* **organisational** — the summary of analysis/organisation.py: weak when there was no executive visit within 12
  months and no strategic agreement is in force, when we took part in under half of a bid's recorded
  procurement steps, or when the latest satisfaction score is low; strong when there was an executive visit and a
  strategy meeting within 12 months, an agreement is in force and we took part in at least ORG_STRONG_STEPS of
  the recorded steps of the bid (of every bid with recorded steps, for the account); else fair.

A layer is weak if any of its weak rules holds (those are its reasons), else strong if every strong rule holds
(those are its reasons), else fair (the strong rules it misses are its reasons).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from relgraph.account import Account
from relgraph.analysis.breadth import ALL_LAYERS, breadth
from relgraph.analysis.organisation import LOW_SATISFACTION, MIN_STEP_SHARE, YEAR_DAYS, organisation
from relgraph.analysis.power import DECIDER_ROLES, Power
from relgraph.analysis.unreached import STALE_DAYS, unreached_influencers

__all__ = ["Layer", "health", "LEVELS", "KEY_WEAK_SHARE", "KEY_STRONG_SHARE", "KEY_TOP", "KEY_UNREACHED",
           "GENERAL_WEAK_SHARE", "GENERAL_STRONG_SHARE", "ORG_STRONG_STEPS"]

LEVELS = ("strong", "fair", "weak")
KEY_WEAK_SHARE, KEY_STRONG_SHARE = 0.25, 0.5  # of the scope's power held by our allies
KEY_TOP, KEY_UNREACHED = 10, 2  # at most 2 of the 10 most powerful unreached, for a strong key layer
GENERAL_WEAK_SHARE, GENERAL_STRONG_SHARE = 0.2, 0.5  # of the active people touched within 90 days
ORG_STRONG_STEPS = 0.75  # of a bid's recorded procurement steps taken part in, for a strong layer


@dataclass(frozen=True)
class Layer:
    layer: str  # key, general or organisational
    level: str  # one of LEVELS
    reasons: tuple[str, ...]
    measures: dict = field(default_factory=dict)


def health(account: Account, power: dict[str, Power], today: dt.date,
           limits: dict[str, int] = STALE_DAYS) -> list[Layer]:
    """The key, general and organisational layers of `account` (scoped: the whole account or one bid)."""
    return [_key(account, power, today, limits), _general(account, today), _organisational(account, today)]


def _judge(layer: str, weak: list[str], strong: list[tuple[bool, str, str]], measures: dict) -> Layer:
    """The level from the weak reasons that hold and the strong rules (holds, said when held, said when not)."""
    if weak:
        return Layer(layer, "weak", tuple(weak), measures)
    missing = [short for holds, _, short in strong if not holds]
    if missing:
        return Layer(layer, "fair", tuple(missing), measures)
    return Layer(layer, "strong", tuple(said for _, said, _ in strong), measures)


def _key(account: Account, power: dict[str, Power], today: dt.date, limits: dict[str, int]) -> Layer:
    scope = list(account.focus.team if account.focus else account.people)
    people = [account.people[pid] for pid in scope if pid in account.people]
    deciders = [p for p in people if set(p.roles) & set(DECIDER_ROLES)]
    allied = [p for p in deciders if p.is_ally]
    against = [p for p in deciders if p.our_stance == "opponent" or p.our_level == "opposed" or p.leans_to()]
    total = sum(power[p.id].score for p in people) or 1.0
    share = round(sum(power[p.id].score for p in people if p.is_ally) / total, 4)
    unreached = len(unreached_influencers(account, power, today, limits, max_rank=KEY_TOP, paths=False).people)
    top = min(KEY_TOP, len(power))
    weak = [f"{len(against)} of the {len(deciders)} deciders {'is' if len(against) == 1 else 'are'} against us or "
            f"back a competitor: {_names(against)}"] if against else []
    if deciders and not allied:
        weak.append(f"none of the {len(deciders)} deciders is our ally")
    if share < KEY_WEAK_SHARE:
        weak.append(f"our allies hold {share:.0%} of the power, under {KEY_WEAK_SHARE:.0%}")
    strong = [(bool(deciders) and len(allied) == len(deciders), f"all {len(deciders)} deciders are our allies",
               f"{len(allied)} of the {len(deciders)} deciders are our allies" if deciders else
               "no decider (decision maker or approver) is recorded"),
              (share >= KEY_STRONG_SHARE, f"our allies hold {share:.0%} of the power",
               f"our allies hold {share:.0%} of the power, under {KEY_STRONG_SHARE:.0%}"),
              (unreached <= KEY_UNREACHED, f"{unreached} of the {top} most powerful unreached",
               f"{unreached} of the {top} most powerful are unreached (more than {KEY_UNREACHED})")]
    measures = {"deciders": len(deciders), "deciders_allied": len(allied), "deciders_against": len(against),
                "allied_power_share": share, "powerful_unreached": unreached, "powerful": top}
    return _judge("key", weak, strong, measures)


def _general(account: Account, today: dt.date) -> Layer:
    rows = breadth(account, today)
    total, departments = rows[0], [b for b in rows[1:] if b.layer == ALL_LAYERS]
    untouched = [b for b in departments if not b.touched_wide]
    measures = {"people": total.people, "share_30": total.share_recent, "share_90": total.share_wide,
                "departments": len(departments), "departments_untouched_90": len(untouched)}
    share = total.share_wide
    weak = []
    if not total.people:
        weak.append("no active people of the customer are counted")
    elif share < GENERAL_WEAK_SHARE:
        weak.append(f"we touched {share:.0%} of the {total.people} people within 90 days, under "
                    f"{GENERAL_WEAK_SHARE:.0%}")
    if departments and 2 * len(untouched) >= len(departments):
        weak.append(f"{len(untouched)} of the {len(departments)} departments had no touchpoint within 90 days")
    strong = [(share >= GENERAL_STRONG_SHARE, f"we touched {share:.0%} of the {total.people} people within 90 days",
               f"we touched {share:.0%} of the {total.people} people within 90 days, under "
               f"{GENERAL_STRONG_SHARE:.0%}"),
              (not untouched, f"every one of the {len(departments)} departments within 90 days",
               f"{len(untouched)} of the {len(departments)} departments had no touchpoint within 90 days")]
    return _judge("general", weak, strong, measures)


def _organisational(account: Account, today: dt.date) -> Layer:
    found = organisation(account, today)
    shares = {b.bid_id: b.share for b in found.bids}
    score = found.satisfaction.score if found.satisfaction else None
    meeting = found.last_strategy_meeting
    recent_meeting = meeting is not None and meeting > (today - dt.timedelta(days=YEAR_DAYS)).isoformat()
    measures = {"executive_visits_12m": found.executive_visits, "agreement_in_force": found.agreement is not None,
                "last_strategy_meeting": meeting, "satisfaction_score": score, "procurement_share": shares}
    weak = []
    if not found.executive_visits and found.agreement is None:
        weak.append("no executive visit in the last 12 months and no strategic agreement in force")
    weak += [f"we took part in {share:.0%} of the recorded procurement steps of bid {_bid(account, bid)}, under "
             f"{MIN_STEP_SHARE:.0%}" for bid, share in shares.items() if share is not None and share < MIN_STEP_SHARE]
    if score is not None and score < LOW_SATISFACTION:
        weak.append(f"the latest satisfaction score is {score:g}, under {LOW_SATISFACTION}")
    strong = [(found.executive_visits > 0, f"{found.executive_visits} executive visit(s) in the last 12 months",
               "no executive visit in the last 12 months"),
              (found.agreement is not None, "a strategic agreement in force"
               + (f" until {found.agreement.ends}" if found.agreement and found.agreement.ends else ""),
               "no strategic agreement in force"),
              (recent_meeting, f"a strategy meeting on {meeting}", "no strategy meeting in the last 12 months")]
    strong += [_steps_rule(_bid(account, bid), share) for bid, share in shares.items()]
    return _judge("organisational", weak, strong, measures)


def _steps_rule(bid: str, share: float | None) -> tuple[bool, str, str]:
    """The strong rule for one bid's procurement steps: (holds, said when held, said when not)."""
    if share is None:
        return False, "", f"no procurement steps of bid {bid} recorded"
    said = f"we took part in {share:.0%} of the recorded procurement steps of bid {bid}"
    return share >= ORG_STRONG_STEPS, said, f"{said}, under {ORG_STRONG_STEPS:.0%}"


def _bid(account: Account, bid_id: str) -> str:
    return account.bids[bid_id].label if bid_id in account.bids else bid_id


def _names(people, shown: int = 3) -> str:
    names = ", ".join(p.label for p in people[:shown])
    return names + (f" and {len(people) - shown} more" if len(people) > shown else "")

"""What if: every analysis of a bid recomputed on the map with a few moves made, in memory, against the map as it
is, compared section by section as `diff` compares two moments (nothing is written).

The summary adds what a bid review asks first: each vendor's weighted support and the suppression ratio,
readiness (the power share of our allies), and the committee forecast's vote split, before -> after.
"""

from __future__ import annotations

import datetime as dt

from relgraph.account import Account
from relgraph.analysis.diff import ANSWERS, compare, side_of
from relgraph.analysis.registry import score
from relgraph.analysis.whatif import Move, apply_moves

__all__ = ["what_if", "SUMMARY_KEYS"]

SUMMARY_KEYS = ("measure", "before", "after", "for_us")
UNREACHED_TOP = 50  # the warm paths compared: to the 50 most powerful unreached people
POWERLESS = ("set", "contact", "own")  # moves that leave everyone's power as it is


def what_if(account: Account, bid: str, moves: list[Move], today: dt.date) -> dict:
    """`{moves, summary, ...every section of a diff}` of `account` (as read) for `bid` with `moves` made."""
    account.require_bid(bid)
    answers = (*ANSWERS, "forecast")
    power = score(account, bid)[1]
    before = side_of(account, bid, today, answers=answers, power=power, unreached_top=UNREACHED_TOP)
    same_power = all(m.kind in POWERLESS for m in moves)  # power has no stances nor touchpoints in it
    after = side_of(apply_moves(account, moves, today), bid, today, answers=answers,
                    power=power if same_power else None, unreached_top=UNREACHED_TOP)
    return {"moves": [m.option for m in moves], "summary": _summary(account, before.answers, after.answers),
            **compare(before, after)}


def _summary(account: Account, before: dict, after: dict) -> list[dict]:
    rows = []
    for vendor in before["position"]["vendors"]:
        was = vendor["weighted_support"]
        now = next(v["weighted_support"] for v in after["position"]["vendors"] if v["vendor"] == vendor["vendor"])
        rows.append(_row(f"support: {vendor['name']}", was, now, higher_is_better=vendor["is_us"]))
    rows.append(_row("suppression ratio", before["position"]["suppression_ratio"],
                     after["position"]["suppression_ratio"], higher_is_better=True))
    rows.append(_row("readiness: allied power share", before["gaps"]["readiness"]["allied_power_share"],
                     after["gaps"]["readiness"]["allied_power_share"], higher_is_better=True))
    for vendor in before["forecast"]["vendors"]:
        now = next(v["votes"] for v in after["forecast"]["vendors"] if v["vendor"] == vendor["vendor"])
        rows.append(_row(f"forecast votes: {vendor['name']}", vendor["votes"], now,
                         higher_is_better=None if vendor["vendor"] == "undecided" else vendor["vendor"] == account.us))
    return rows


def _row(measure: str, before, after, *, higher_is_better: bool | None) -> dict:
    for_us = None
    if higher_is_better is not None and before is not None and after is not None and before != after:
        for_us = "better" if (after > before) == higher_is_better else "worse"
    return {"measure": measure, "before": before, "after": after, "for_us": for_us}

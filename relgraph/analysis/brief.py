"""The one-page bid brief: every analysis of one bid, in Markdown a sales director can read cold."""

from __future__ import annotations

import datetime as dt
import html

from relgraph.analysis.gaps import STATUS_MEANINGS
from relgraph.analysis.registry import STANCE_COUNTS, Settings, analyse, run, vendor_rows
from relgraph.output import printable, render
from relgraph.store import Store

__all__ = ["bid_brief"]

TOP = 10


def bid_brief(store: Store, account: str, bid: str, today: dt.date | None = None, include_departed: bool = False) -> str:
    """The brief as Markdown text."""
    today = today or dt.date.today()
    data, power = analyse(store, account, bid, include_departed)
    centres = run("centres", data, power)
    unreached = run("unreached", data, power, Settings(today=today))
    gaps = run("gaps", data, power, Settings(today=today))
    position = run("position", data, power, Settings(today=today))
    the_bid = data.focus
    parts = [
        f"# Bid brief: {_text(the_bid.name or bid)} ({_text(bid)})",
        f"Account `{_text(account)}`, due {the_bid.due or 'unknown'}, stage {the_bid.stage or 'unknown'}. "
        f"Judged as of {today.isoformat()} by relgraph.",
        _summary(gaps, position),
        "## Who decides",
        "The most powerful people for this bid. Power (0 to 1) weighs formal authority — the role on the bid "
        "team, the layer, how many people report up to them — and informal influence: who listens to whom.",
        render(centres["people"][:TOP], ["rank", "name", "title", "score", "reasons"], "markdown"),
        _hidden(centres["people"]),
        "### Decision centres",
        "Groups of people tied by influence, each named after its most powerful member.",
        render(centres["centres"], ["leader", "size", "power_share", "deciders"], "markdown"),
        "## Unreached influencers",
        f"The {TOP} most powerful people who are not our allies, and every hidden influencer among them, with the "
        "strongest warm path to each from one of our mentors or supporters in touch ([!] marks a step through a "
        "competitor's camp).",
        render(_key_unreached(unreached["people"]), ["rank", "name", "title", "reasons", "competitor", "warm_path"],
               "markdown"),
        "### Allies to renew",
        "Our own mentors and supporters who need a visit, an owner or a deeper relationship.",
        render(unreached["renew"][:TOP], ["rank", "name", "title", "stance", "actions"], "markdown")
        if unreached["renew"] else "None.",
        "## Coverage",
        "Per buying role on the bid team and per department and layer: "
        + "; ".join(f"*{status}*: {meaning}" for status, meaning in STATUS_MEANINGS.items()) + ".",
        render(gaps["cells"], ["area", "role", "department", "layer", "status", "reason"], "markdown"),
        "## Red flags",
        render(gaps["flags"], ["severity", "code", "message"], "markdown") if gaps["flags"] else "None.",
        "## Competitive position",
        render(position["table"], ["name", "title", "score", *[v["vendor"] for v in position["vendors"]]], "markdown"),
        render(vendor_rows(position), ["name", *STANCE_COUNTS, "weighted_support"], "markdown"),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _summary(gaps: dict, position: dict) -> str:
    """The headline: our share of the power, our support against the strongest competitor's, and the flags; a lead
    is never claimed alone while critical flags stand against it."""
    readiness, ratio = gaps["readiness"], position["suppression_ratio"]
    critical = [f["message"] for f in gaps["flags"] if f["severity"] == "critical"]
    ours = next(v for v in position["vendors"] if v["is_us"])["weighted_support"]
    rival = next((v for v in position["vendors"] if v["vendor"] == position["strongest_competitor"]), None)
    if ratio is None:
        versus = f"no competitor has support here; ours is {ours:.0%}"
    elif ratio > 1:
        versus = f"we lead {_text(rival['name'])}, {ours:.0%} support to {rival['weighted_support']:.0%} ({ratio:.1f}×)"
        if critical:
            flags = "flag stands" if len(critical) == 1 else "flags stand"
            versus += f", but {len(critical)} critical {flags} against that lead"
    else:
        versus = f"{_text(rival['name'])} leads, {rival['weighted_support']:.0%} support to our {ours:.0%}"
    against = f" Critical: {'; '.join(_text(m) for m in critical)}." if critical else ""
    return (f"**Readiness:** our allies hold {readiness['allied_power_share']:.0%} of the power on the "
            f"{readiness['scope']} ({readiness['people']} people); {versus} (support weighted by role on the bid, "
            f"out-of-touch allies at half). Red flags: {len(critical)} critical, {readiness['flags']['warning']} "
            f"warnings.{against}")


def _key_unreached(people: list[dict]) -> list[dict]:
    """The TOP most powerful unreached, and the hidden influencers further down: they are why the brief exists."""
    return [p for p in people if p["rank"] <= TOP or p["hidden_influencer"]]


def _hidden(people: list[dict]) -> str:
    hidden = [p for p in people if p["hidden_influencer"]]
    if not hidden:
        return ""
    names = ", ".join(f"{_text(p['name'])} ({_text(p['title'] or '')}, rank {p['rank']})" for p in hidden)
    return f"**Hidden influencers** — far more listened to than their layer and roles suggest: {names}."


def _text(value: str) -> str:
    """Markdown-inert text: data never becomes markup."""
    escaped = "".join("\\" + ch if ch in "\\`*_[]#|" else ch for ch in printable(str(value)))
    return html.escape(escaped, quote=False)

"""The one-page bid brief: every analysis of one bid, in Markdown a sales director can read cold."""

from __future__ import annotations

import datetime as dt
import html

from relgraph.analysis.registry import ANALYSES, STANCE_COUNTS, Names, Settings, analyse, run, table, vendor_rows
from relgraph.output import printable, render
from relgraph.store import Store

__all__ = ["bid_brief"]

TOP = 10


def bid_brief(store: Store, account: str, bid: str, today: dt.date | None = None, include_departed: bool = False) -> str:
    """The brief as Markdown text."""
    today = today or dt.date.today()
    data, power = analyse(store, account, bid, include_departed)
    centres = run("centres", data, power)
    unreached = run("unreached", data, power, Settings(top=TOP, today=today))["people"]
    gaps = run("gaps", data, power, Settings(today=today))
    position = run("position", data, power)
    the_bid = data.focus
    names = Names(data)  # people and vendors by name, never by an id a load derived

    def shown(name: str, section: str, result: dict) -> tuple[list[dict], list[str]]:
        return table(ANALYSES[name], section, result, names)

    positions, columns = shown("position", "table", position)
    parts = [
        f"# Bid brief: {_text(the_bid.name or the_bid.id)}"  # and the id, unless a load derived it
        + (f" ({_text(the_bid.id)})" if the_bid.label == the_bid.id else ""),
        f"Account `{_text(account)}`, due {the_bid.due or 'unknown'}, stage {the_bid.stage or 'unknown'}. "
        f"Judged as of {today.isoformat()} by relgraph.",
        _summary(gaps["readiness"], position, names),
        "## Who decides",
        "The most powerful people for this bid. Power (0 to 1) weighs formal authority — the role on the bid "
        "team, the layer, how many people report up to them — and informal influence: who listens to whom.",
        render(centres["people"][:TOP], ["rank", "name", "title", "score", "reasons"], "markdown"),
        _hidden(centres["people"]),
        "### Decision centres",
        "Groups of people tied by influence, each named after its most powerful member.",
        render(shown("centres", "centres", centres)[0], ["leader", "size", "power_share", "deciders"], "markdown"),
        "## Unreached influencers",
        "Powerful people with whom our relationship is weak, and the strongest chain of influence from one of our "
        "mentors or supporters to each.",
        render(shown("unreached", "people", {"people": unreached})[0],
               ["rank", "name", "title", "reasons", "competitor", "warm_path"], "markdown"),
        "## Coverage",
        "Per buying role on the bid team and per department and layer: *covered* (a recent ally of ours), "
        "*contested* (a competitor's ally and none of ours), *weak* (no recent ally), *uncovered* (no known stance).",
        render(gaps["cells"], ["area", "role", "department", "layer", "status", "reason"], "markdown"),
        "## Red flags",
        render(gaps["flags"], ["severity", "code", "message"], "markdown") if gaps["flags"] else "None.",
        "## Competitive position",
        render(positions, [c for c in columns if c != "id"], "markdown"),
        render(vendor_rows(position), ["name", *STANCE_COUNTS, "weighted_support"], "markdown"),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _summary(readiness: dict, position: dict, names: Names) -> str:
    flags = readiness["flags"]
    ratio = position["suppression_ratio"]
    rival = _text(names.of("vendors", position["strongest_competitor"]))
    versus = f"{ratio:.2f}× the support of {rival}" if ratio is not None else "no competitor support recorded"
    return (f"**Readiness:** our allies hold {readiness['allied_power_share']:.0%} of the power on the {readiness['scope']} "
            f"({readiness['people']} people); we have {versus} (power-weighted). "
            f"Red flags: {flags['critical']} critical, {flags['warning']} warnings.")


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

"""The one-page bid brief: every analysis of one bid, in Markdown a sales director can read cold.

One page: the three layers of the relationship (key, general, organisational) with a level each, the ten most
powerful people, the unreached among the powerful and
every unreached hidden influencer, the allies to renew, coverage of the bid's
roles and of the departments that matter to it (the rest counted in one line),
the flags, and each vendor's support. Shares are percentages, people and
vendors are named, and reasons are the few a reader needs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from relgraph.analysis.gaps import COVERAGE_STATUSES, STATUS_MEANINGS
from relgraph.analysis.plan import judge_plan, plan_summary
from relgraph.analysis.registry import Names, Settings, run, score
from relgraph.output import markdown_text, render
from relgraph.store import Store

__all__ = ["bid_brief", "TOP"]

TOP = 10
REASONS = 3  # the reasons for a person's power a reader needs
CENTRES = 5
CELLS = 10  # department cells shown beside the role cells
MOVES = 5  # the next best moves
ASIDES = (" layer", "team estimate ")  # reasons already in the title, or a guess: left out of the brief
LAYER_NAMES = {"key": "key (the deciders)", "general": "general (breadth)", "organisational": "organisational"}


def bid_brief(store: Store, account: str, bid: str, today: dt.date | None = None, include_departed: bool = False,
              at: str | None = None) -> str:
    """The brief as Markdown text; with `at`, as it would have been right after that revision (see
    relgraph.history.read_at), judged as of its day unless `today` is given."""
    from relgraph.history import read_at

    moment = read_at(store, account, at)
    today = today or moment.day or dt.date.today()
    whole = moment.account
    data, power = score(whole, bid, include_departed)
    settings = Settings(today=today)
    centres, unreached = run("centres", data, power), run("unreached", data, power, settings)
    gaps, position = run("gaps", data, power, settings), run("position", data, power, settings)
    forecast, moves = run("forecast", data, power, settings), run("next", data, power, Settings(today=today, top=MOVES))
    layers = run("health", data, power, settings)["layers"]
    names, the_bid = Names(data), data.focus
    parts = [
        f"# Bid brief: {markdown_text(the_bid.name or the_bid.id)}"
        + (f" ({markdown_text(the_bid.id)})" if the_bid.label == the_bid.id else ""),  # the id, unless a load derived it
        f"Account {markdown_text(data.name or account)}, due {the_bid.due or 'unknown'}, stage {the_bid.stage or 'unknown'}. "
        f"Judged as of {today.isoformat()} by relgraph.",
        _summary(gaps, position),
        "## Three layers of relationship",
        "Key relationships with the deciders and the powerful, general relationships across the departments, "
        "organisational relationships company to company; each strong, fair or weak (see the README).",
        _markdown([{"layer": LAYER_NAMES[layer["layer"]], "level": layer["level"],
                    "why": "; ".join(layer["reasons"])} for layer in layers]),
        "## Who decides",
        "The most powerful people for this bid. Power (0 to 1) weighs formal authority — the role on the bid "
        "team, the layer, how many people report up to them — and informal influence: who listens to whom.",
        _markdown([{"#": p["rank"], "name": p["name"], "title": p["title"], "power": f"{p['score']:.2f}",
                    "why": _why(p["reasons"])} for p in centres["people"][:TOP]]),
        _hidden(centres["people"]),
        "### Decision centres",
        "Groups of people tied by influence, each named after its most powerful member.",
        _markdown([{"leader": c["leader"], "people": c["size"], "share of power": f"{c['power_share']:.0%}",
                    "deciders": ", ".join(names.cell("stakeholders", c["deciders"])) or "none"}
                   for c in centres["centres"][:CENTRES]]),
        _more(len(centres["centres"]) - CENTRES, "decision centres", "relgraph centres --centres"),
        "## Unreached influencers",
        f"The {TOP} most powerful people who are not our allies, and every hidden influencer among them, with the "
        "strongest warm path to each from one of our mentors or supporters in touch ([!] marks a step through a "
        "competitor's camp).",
        _markdown([{"#": p["rank"], "name": p["name"], "title": p["title"], "why": "; ".join(p["reasons"]),
                    "leans to": names.of("vendors", p["competitor"]) or "",
                    "warm path": p["warm_path"].replace(" -> ", " → ")}
                   for p in _key_unreached(unreached["people"])]),
        "### Allies to renew",
        "Our own mentors and supporters who need a visit, an owner or a deeper relationship.",
        _markdown([{"#": r["rank"], "name": r["name"], "title": r["title"], "our": r["stance"],
                    "to do": "; ".join(r["actions"])} for r in unreached["renew"][:TOP]]),
        "## Coverage",
        f"Per buying role on the bid team, and up to {CELLS} department and layer cells that are not covered where "
        "the bid team or the most powerful people sit, the most powerful first: " + "; ".join(f"*{status}*: {meaning}" for status, meaning in STATUS_MEANINGS.items()) + ".",
        *_coverage(gaps["cells"], _key_departments(data, centres["people"][:TOP]),
                   {p["id"]: p["score"] for p in centres["people"]}),
        *_organisation(gaps["organisation"], gaps["procurement"]),
        "## Red flags",
        _markdown([{"severity": f["severity"], "flag": f["message"]} for f in gaps["flags"]]),
        *_plan(judge_plan(whole, today, data.focus.id, include_departed)),
        f"## Next {MOVES} moves",
        "Whom to win, renew or give an owner, ranked by what each would gain — our support once influence has "
        "played out, and the red flags it clears — times how feasible it is (the warm path, our level, being in "
        "touch), in points of support; `relgraph whatif` shows the effect of any move.",
        _markdown([{"#": m["rank"], "move": m["action"], "who": m["name"], "title": m["title"],
                    "worth": f"{m['value'] * 100:.1f} pts", "acts": ", ".join(data.team_name(t) for t in m["act_by"]) or "assign someone",
                    "why": m["why"].replace(" -> ", " → ")} for m in moves["moves"]]),
        "## Competitive position",
        "Support (−100% to 100%): the bid team's stances toward each vendor, each member weighted by their role on "
        "the bid; an ally counts +1 (one of our allies out of touch +½), an opponent −1.",
        _markdown([{"vendor": v["name"], "support": f"{v['weighted_support']:.0%}",
                    **{stance: v["counts"][stance] for stance in ("mentor", "supporter", "neutral", "opponent",
                                                                 "unknown")}} for v in position["vendors"]]),
        _markdown([{"name": r["name"], "title": r["title"], "role": (data.focus.team.get(r["id"]) or "").replace("_", " "),
                    **{v["name"]: r[v["vendor"]] for v in position["vendors"]}} for r in position["table"]]),
        _forecast(forecast, data),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _organisation(summary: dict, steps: list[dict]) -> list[str]:
    """Company to company: visits, the agreement, the last strategy meeting and survey, and the bid's
    procurement steps we took part in."""
    agreement = (f"in force until {summary['agreement_ends'] or 'no end date'} ({markdown_text(summary['agreement'] or '')})"
                 if summary["agreement_in_force"] else "none in force")
    score = f"{summary['satisfaction_score']:g} of 100 ({summary['satisfaction_date']})" \
        if summary["satisfaction_score"] is not None else "none recorded"
    lines = [f"Executive visits in the last 12 months: {summary['executive_visits_12m']} (the last "
             f"{summary['last_executive_visit'] or 'never'}); strategic agreement: {agreement}; last strategy "
             f"meeting: {summary['last_strategy_meeting'] or 'none'}; latest satisfaction score: {score}."]
    for bid in steps:
        if bid["recorded"]:
            missed = ", ".join(s.replace("_", " ") for s in bid["missed"]) or "none"
            lines.append(f"Procurement steps of bid {markdown_text(bid['bid'])}: we took part in {bid['took_part']} of the "
                         f"{bid['recorded']} recorded ({bid['share']:.0%}); missed: {missed}.")
        else:
            lines.append(f"Procurement steps of bid {markdown_text(bid['bid'])}: none recorded yet (procurement.csv).")
    return ["## Organisational relationships", " ".join(lines)]


def _plan(targets: list[dict]) -> list[str]:
    """The relationship plan's targets for this bid that are not met, those behind first; nothing without a plan."""
    if not targets:
        return []
    counts = plan_summary(targets)
    unmet = [t for t in targets if not t["met"]]
    return ["## Plan",
            f"Targets of the relationship plan for this bid or the whole account: {counts['targets']}, of which "
            f"{counts['behind']} behind (unmet past the due date), {counts['open']} open and {counts['met']} met.",
            _markdown([{"progress": t["progress"], "target": f"{t['about']}: {t['target']}", "now": t["now"],
                        "due": t["due"] or "", "owner": t["owner"] or ""} for t in unmet]) if unmet else ""]


def _forecast(forecast: dict, data) -> str:
    """The committee forecast in a sentence: the vote split once influence has played out, and who it turns."""
    split = ", ".join(f"{markdown_text(v['name'])} {v['votes']:.0%}" for v in forecast["vendors"] if v["votes"])
    turned = {way: [markdown_text(p["name"]) for p in forecast["people"] if p["turned"] == way] for way in ("for us", "against us")}
    said = "; ".join(f"turned {way}: {', '.join(people)}" for way, people in turned.items() if people)
    return (f"**Forecast** (influence alone, see `relgraph forecast`): the bid team's weight would split {split}"
            + (f"; {said}." if said else "; nobody turns."))


def _markdown(rows: list[dict]) -> str:
    return render(rows, list(rows[0]), "markdown") if rows else "None."


def _summary(gaps: dict, position: dict) -> str:
    """The headline: our support against the strongest competitor's, and the flags; a lead is never claimed alone
    while critical flags stand against it."""
    ratio = position["suppression_ratio"]
    critical = [f["message"] for f in gaps["flags"] if f["severity"] == "critical"]
    warnings = sum(f["severity"] == "warning" for f in gaps["flags"])
    ours = next(v for v in position["vendors"] if v["is_us"])["weighted_support"]
    rival = next((v for v in position["vendors"] if v["vendor"] == position["strongest_competitor"]), None)
    if ratio is None:
        versus = f"no competitor has support on the bid team; ours is {ours:.0%}"
    elif ratio > 1:
        versus = f"we lead {markdown_text(rival['name'])}, {ours:.0%} support to {rival['weighted_support']:.0%}"
        if critical:
            flags = "flag stands" if len(critical) == 1 else "flags stand"
            versus += f", but {len(critical)} critical {flags} against that lead"
    else:
        versus = f"{markdown_text(rival['name'])} leads, {rival['weighted_support']:.0%} support to our {ours:.0%}"
    against = f" Critical: {'; '.join(markdown_text(m) for m in critical)}." if critical else ""
    return (f"**Readiness:** {versus}. Red flags: {len(critical)} critical, {warnings} "
            f"{'warning' if warnings == 1 else 'warnings'}.{against}")


def _why(reasons: list[str]) -> str:
    return "; ".join([r for r in reasons if not (r.endswith(ASIDES[0]) or r.startswith(ASIDES[1]))][:REASONS])


def _key_unreached(people: list[dict]) -> list[dict]:
    """The TOP most powerful unreached, and the hidden influencers further down: they are why the brief exists."""
    return [p for p in people if p["rank"] <= TOP or p["hidden_influencer"]]


def _key_departments(data, powerful: list[dict]) -> set[str]:
    """The departments of the bid team and of the most powerful people."""
    people = [*data.focus.team, *(p["id"] for p in powerful)]
    return {data.people[pid].department_id for pid in people if pid in data.people} - {None}


def _coverage(cells: list[dict], departments: set[str], power: dict[str, float]) -> list[str]:
    """The bid's role cells, and the key departments' cells that are not covered, those of the most powerful people
    first; the other cells counted by status."""
    weakest = sorted((c for c in cells if c["area"] == "department" and c["department_id"] in departments
                      and c["status"] != "covered"), key=lambda c: -max(power.get(pid, 0) for pid in c["people"]))
    shown = [c for c in cells if c["area"] == "role"] + weakest[:CELLS]
    rest = Counter(c["status"] for c in cells if c not in shown)
    table = _markdown([{"where": c["role"].replace("_", " ") if c["area"] == "role"
                        else f"{c['department'] or 'no department'}, {c['layer'] or 'no layer'}",
                        "status": c["status"], "why": c["reason"]} for c in shown])
    counts = ", ".join(f"{rest[s]} {s}" for s in COVERAGE_STATUSES if rest[s])
    return [table, _more(sum(rest.values()), f"department and layer cells ({counts})", "relgraph gaps")]


def _more(count: int, what: str, command: str) -> str:
    return f"And {count} other {what}: `{command}` lists them." if count > 0 else ""


def _hidden(people: list[dict]) -> str:
    hidden = [p for p in people if p["hidden_influencer"]]
    if not hidden:
        return ""
    names = ", ".join(f"{markdown_text(p['name'])} ({markdown_text(p['title'] or '')}, rank {p['rank']})" for p in hidden)
    return f"**Hidden influencers** — far more listened to than their layer and roles suggest: {names}."

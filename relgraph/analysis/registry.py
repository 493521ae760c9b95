"""The analyses, each declared once: what it computes, and the keys and table columns of each section.

The CLI prints, the bid brief reads, and the README's JSON contracts (checked
by tests/test_registry.py) follow these declarations. `analyse` reads and
scores an account once; `run` turns that into one analysis's JSON-ready result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Callable, Iterable

from relgraph.account import QUERIES, Account, read_account
from relgraph.analysis.breadth import breadth
from relgraph.analysis.centres import decision_centres
from relgraph.analysis.forecast import UNDECIDED, forecast
from relgraph.analysis.gaps import coverage_gaps
from relgraph.analysis.health import health
from relgraph.analysis.moves import next_moves
from relgraph.analysis.organisation import organisation
from relgraph.analysis.position import competitive_position
from relgraph.analysis.power import Power, power_reasons, power_scores
from relgraph.analysis.unreached import STALE_DAYS, path_text, unreached_influencers
from relgraph.schema import is_derived
from relgraph.store import Store

__all__ = ["Names", "Section", "Analysis", "Settings", "ANALYSES", "parts_of", "analyse", "score", "run", "table",
           "vendor_rows"]

# The parts of the account (relgraph.account.QUERIES) each analysis reads, besides those every reader gets (the
# people and the bids): power needs the reporting lines and the influence; the rest what each judges by.
POWER = ("managers", "influence")
STANCES = ("stances", "vendors")  # a stance is ours or a competitor's by its vendor


@dataclass(frozen=True)
class Settings:
    """What an analysis may be asked besides the account: how many rows (and, for centres, whether only hidden
    influencers), as of when, the contact limits."""

    top: int | None = None
    hidden_only: bool = False  # centres: list only the hidden influencers
    today: dt.date | None = None
    limits: dict[str, int] = field(default_factory=lambda: dict(STALE_DAYS))

    @property
    def day(self) -> dt.date:
        return self.today or dt.date.today()


@dataclass(frozen=True)
class Names:
    """How a table shows ids: as they are (for scripts: json, csv), or, given the account, by name (for people:
    table, markdown), so that a hash a load derived (`s-ea92c48f0a`) never stands where a name exists."""

    account: Account | None = None

    def of(self, kind: str, id_: str | None) -> str | None:
        """The name of the stakeholder or vendor `id_` (see Account.display_names), or the id for scripts."""
        if self.account is None or id_ is None:
            return id_
        return self.account.display_names[kind].get(id_, id_)

    def own(self, id_: str | None) -> str | None:
        """A row's own id, beside its name: kept for scripts and where it means something, blank where derived."""
        return "" if self.account is not None and is_derived(id_) else id_

    def cell(self, refers: str | tuple[str, str], value):
        """A cell of ids (one, a list, or a dict of lists by vendor id) with each id shown as `of` shows it."""
        if isinstance(refers, tuple):
            keys, values = refers
            return {self.of(keys, k): self.cell(values, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.of(refers, v) for v in value]
        return self.of(refers, value)


@dataclass(frozen=True)
class Section:
    """One part of a result: its rows' JSON keys (a record's fields), and what a table shows of them."""

    name: str
    keys: tuple[str, ...]
    table: tuple[str, ...] | None = None  # default: the keys
    record: bool = False  # one object, printed in a table as field/value rows
    tabulate: Callable[[dict, Names], tuple[list[dict], list[str]]] | None = None  # the table of a whole result
    own: str | None = None  # the column holding the row's own id (beside its name)
    refers: dict[str, str | tuple[str, str]] = field(default_factory=dict)  # column -> the kind of node its ids
    # name (stakeholders, vendors), or (vendors, stakeholders) for a dict of people's ids by vendor id

    @property
    def columns(self) -> tuple[str, ...]:
        return self.table or self.keys


@dataclass(frozen=True)
class Analysis:
    name: str
    sections: tuple[Section, ...]  # the first is what a command prints by default
    compute: Callable[[Account, dict[str, Power], Settings], dict]
    whole: tuple[str, ...] = ()  # the keys of the JSON object, when the JSON output is the whole result
    needs_bid: bool = False  # answers only for a bid
    reads: tuple[str, ...] = QUERIES  # the parts of the account it uses, its table output included

    def section(self, name: str) -> Section:
        return next(s for s in self.sections if s.name == name)


def _centres(data: Account, power: dict[str, Power], settings: Settings) -> dict:
    found = decision_centres(data, power)
    centre_of = {pid: c.leader for c in found.centres for pid in c.members}
    reasons = power_reasons(data, power)
    listed = [p for p in power.values() if p.hidden_influencer or not settings.hidden_only]
    people = []
    for p in listed[:settings.top]:  # reasons only for the rows given (all 10k people's: 1.1 s)
        person = data.people[p.id]
        people.append({"rank": p.rank, "id": p.id, "name": person.name, "title": person.title,
                       "score": round(p.score, 4), "hidden_influencer": p.hidden_influencer,
                       "centre": centre_of.get(p.id), "components": p.components, "reasons": list(reasons(p.id))})
    centres = [{"centre": c.leader, "leader": data.people[c.leader].label, "size": len(c.members),
                "power_share": round(c.share, 4), "deciders": list(c.deciders), "members": list(c.members),
                "modularity": found.modularity} for c in found.centres]
    below_top = [{"id": p.id, "name": data.people[p.id].name, "rank": p.rank}
                 for p in listed[len(people):] if p.hidden_influencer]
    return {"people": people, "centres": centres, "hidden_below_top": below_top}  # the last for a note, not a section


def _unreached(data: Account, power: dict[str, Power], settings: Settings) -> dict:
    found = unreached_influencers(data, power, settings.day, settings.limits, settings.top)
    people = []
    for n, u in enumerate(found.people, start=1):
        path = u.path
        people.append({**_ranked(n, data, power[u.id]), "reasons": list(u.reasons), "competitor": u.competitor,
                       "hidden_influencer": power[u.id].hidden_influencer,
                       "warm_path": path_text(path, data) if path else f"none: {u.path_note}",
                       "path_strength": path.strength if path else None,
                       "act_by": list(path.act_by) if path else [],
                       "renew_first": path.renew_first if path else None,
                       "path": [asdict(step) for step in path.steps] if path else None})
    renew = []
    for n, r in enumerate(found.renew, start=1):
        person = data.people[r.id]
        renew.append({**_ranked(n, data, power[r.id]), "stance": person.our_stance, "level": person.our_level,
                      "owners": [o.team_member_id for o in person.owners], "last_contact": person.last_contact,
                      "actions": list(r.actions)})
    return {"people": people, "renew": renew}


def _ranked(n: int, data: Account, power: Power) -> dict:
    """The first columns of a row of a list in its own order: its place, the power rank, who, the score."""
    person = data.people[power.id]
    return {"rank": n, "power_rank": power.rank, "id": power.id, "name": person.name, "title": person.title,
            "score": round(power.score, 4)}


def _gaps(data: Account, power: dict[str, Power], settings: Settings) -> dict:
    found = coverage_gaps(data, power, settings.day, settings.limits)
    cells = [{**_fields(c), "people": list(c.people), "our_allies": list(c.our_allies), "in_touch": list(c.in_touch),
              "competitor_allies": {v: list(ids) for v, ids in c.competitor_allies.items()}} for c in found.cells]
    flags = [{**asdict(f), "stakeholders": list(f.stakeholders)} for f in found.flags]
    return {"cells": cells, "flags": flags, "readiness": found.readiness, "breadth": _breadth(data, settings.day),
            **_organisation(data, settings.day)}


def _organisation(data: Account, day: dt.date) -> dict:
    """The organisational-relationship summary (a record) and the procurement steps of each bid in scope."""
    found = organisation(data, day)
    agreement, survey = found.agreement, found.satisfaction
    summary = {"tier": data.tier, "executive_visits_12m": found.executive_visits,
               "last_executive_visit": found.last_executive_visit, "activities_12m": found.activities,
               "agreement_in_force": agreement is not None, "agreement": agreement.subject if agreement else None,
               "agreement_since": agreement.date if agreement else None,
               "agreement_ends": agreement.ends if agreement else None,
               "last_strategy_meeting": found.last_strategy_meeting,
               "satisfaction_score": survey.score if survey else None,
               "satisfaction_date": survey.date if survey else None}
    steps = [{"bid_id": b.bid_id, "bid": data.bids[b.bid_id].label if b.bid_id in data.bids else b.bid_id,
              "recorded": len(b.recorded), "took_part": len(b.taken), "share": b.share, "taken": list(b.taken),
              "missed": list(b.missed)} for b in found.bids]
    return {"organisation": summary, "procurement": steps}


def _health(data: Account, power: dict[str, Power], settings: Settings) -> dict:
    return {"layers": [{**asdict(layer), "reasons": list(layer.reasons)}
                       for layer in health(data, power, settings.day, settings.limits)]}


def _fields(record) -> dict:
    """A dataclass's fields as they are: `asdict` would first copy each tuple and dict in them (a cell's lists
    of people, which its row replaces anyway)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _breadth(data: Account, day: dt.date) -> list[dict]:
    whole = "(the bid team's departments)" if data.focus else "(whole account)"
    return [{"department_id": b.department_id,
             "department": data.department_name(b.department_id) or b.department_id if b.department_id else whole,
             "layer": b.layer, "people": b.people, "touched_30": b.touched_recent, "touched_90": b.touched_wide,
             "share_30": b.share_recent, "share_90": b.share_wide, "touchpoints_per_month": b.touchpoints_per_month}
            for b in breadth(data, day)]


def _position(data: Account, power: dict[str, Power], settings: Settings) -> dict:
    found = competitive_position(data, power, settings.day, settings.limits)
    return {"table": found.table, "vendors": [asdict(v) for v in found.vendors],
            "suppression_ratio": found.suppression_ratio, "strongest_competitor": found.strongest_competitor}


def _forecast(data: Account, power: dict[str, Power], settings: Settings) -> dict:
    found = forecast(data, power, settings.day, settings.limits)
    people = []
    for lean in found.people:
        person = data.people[lean.id]
        turned = "" if lean.stated == lean.forecast else ("for us" if lean.forecast == data.us else
                                                          "against us" if lean.stated == data.us else "elsewhere")
        people.append({"power_rank": power[lean.id].rank, "id": lean.id, "name": person.name, "title": person.title,
                       "stated": lean.stated or UNDECIDED, "forecast": lean.forecast or UNDECIDED, "turned": turned,
                       "toward_us": _move(lean.stated_opinions.get(data.us), lean.opinions.get(data.us)),
                       "stated_opinions": lean.stated_opinions, "opinions": lean.opinions, "pulled_by": list(lean.pulled_by)})
    names = {data.us: data.us_name or data.us, **data.competitors, UNDECIDED: UNDECIDED}
    vendors = [{"vendor": v, "name": names[v], "stated_support": found.stated_support.get(v),
                "support": found.support.get(v), "stated_votes": found.stated_votes[v], "votes": found.votes[v]}
               for v in found.votes]
    return {"people": people, "vendors": vendors}


MOVE_WORDS = {"win": "win as a supporter", "renew": "renew the contact", "own": "assign an owner"}


def _next(data: Account, power: dict[str, Power], settings: Settings) -> dict:
    found = next_moves(data, power, settings.day, settings.limits, settings.top or 5)
    return {"moves": [{"rank": n, "move": m.kind, "action": MOVE_WORDS[m.kind], **_ranked(n, data, power[m.id]),
                       "gain": m.gain, "feasibility": m.feasibility, "value": m.score, "act_by": list(m.act_by),
                       "through": list(m.through), "why": m.why} for n, m in enumerate(found, start=1)]}


def _move(before: float | None, after: float | None) -> str | None:
    return None if before is None else f"{before:+.4f} -> {after:+.4f}"


STANCE_COUNTS = ("mentor", "supporter", "neutral", "opponent", "unknown")


def _position_table(result: dict, names: Names) -> tuple[list[dict], list[str]]:
    """One row per person, one column per vendor, headed by the vendor's id (scripts) or name (people)."""
    heads = {v["vendor"]: names.of("vendors", v["vendor"]) for v in result["vendors"]}
    rows = [{"id": names.own(r["id"]), "name": r["name"], "title": r["title"], "score": r["score"],
             "weight": r["weight"], **{heads[v]: r[v] for v in heads}} for r in result["table"]]
    return rows, ["id", "name", "title", "score", "weight", *heads.values()]


def vendor_rows(position: dict) -> list[dict]:
    """Each vendor of a position result with its stance counts spread into columns of their own."""
    return [{**{k: v for k, v in row.items() if k != "counts"}, **row["counts"]} for row in position["vendors"]]


def _vendor_table(result: dict, names: Names) -> tuple[list[dict], list[str]]:
    """The vendors with their counts, and the suppression ratio as a last row."""
    rows = [{**row, "vendor": names.own(row["vendor"])} for row in vendor_rows(result)]
    rows.append({"vendor": "suppression_ratio", "name": f"us over {names.of('vendors', result['strongest_competitor'])}",
                 "weighted_support": result["suppression_ratio"]})
    return rows, ["vendor", "name", "is_us", *STANCE_COUNTS, "weighted_support"]


ANALYSES: dict[str, Analysis] = {a.name: a for a in (
    Analysis("centres", (
        Section("people", ("rank", "id", "name", "title", "score", "hidden_influencer", "centre", "components",
                           "reasons"),
                table=("rank", "id", "name", "title", "score", "hidden_influencer", "centre", "reasons"),
                own="id", refers={"centre": "stakeholders"}),
        Section("centres", ("centre", "leader", "size", "power_share", "deciders", "members", "modularity"),
                table=("centre", "leader", "size", "power_share", "deciders", "members"), own="centre", refers={"deciders": "stakeholders", "members": "stakeholders"}),
    ), _centres, reads=POWER),
    Analysis("unreached", (
        Section("people", ("rank", "power_rank", "id", "name", "title", "score", "reasons", "competitor",
                           "hidden_influencer", "warm_path", "path_strength", "act_by", "renew_first", "path"),
                table=("rank", "power_rank", "id", "name", "title", "score", "reasons", "competitor", "warm_path"),
                own="id", refers={"competitor": "vendors"}),
        Section("renew", ("rank", "power_rank", "id", "name", "title", "score", "stance", "level", "owners",
                          "last_contact", "actions"),
                table=("rank", "power_rank", "id", "name", "title", "stance", "last_contact", "actions"), own="id"),
    ), _unreached, whole=("people", "renew"), reads=(*POWER, *STANCES, "owners", "contacts", "team")),
    Analysis("gaps", (
        Section("cells", ("area", "department_id", "department", "layer", "role", "status", "people", "our_allies",
                          "in_touch", "competitor_allies", "reason"),
                table=("area", "department", "layer", "role", "status", "reason", "our_allies", "in_touch",
                       "competitor_allies"),
                refers={"people": "stakeholders", "our_allies": "stakeholders", "in_touch": "stakeholders",
                        "competitor_allies": ("vendors", "stakeholders")}),
        Section("flags", ("code", "severity", "message", "stakeholders"),
                table=("severity", "code", "message", "stakeholders"), refers={"stakeholders": "stakeholders"}),
        Section("readiness", ("scope", "people", "allied_power_share", "cells", "flags"), record=True),
        Section("breadth", ("department_id", "department", "layer", "people", "touched_30", "touched_90", "share_30",
                            "share_90", "touchpoints_per_month"),
                table=("department", "layer", "people", "touched_30", "touched_90", "share_30", "share_90",
                       "touchpoints_per_month")),
        Section("organisation", ("tier", "executive_visits_12m", "last_executive_visit", "activities_12m",
                                 "agreement_in_force", "agreement", "agreement_since", "agreement_ends",
                                 "last_strategy_meeting", "satisfaction_score", "satisfaction_date"), record=True),
        Section("procurement", ("bid_id", "bid", "recorded", "took_part", "share", "taken", "missed"),
                table=("bid", "recorded", "took_part", "share", "taken", "missed")),
    ), _gaps, whole=("cells", "flags", "readiness", "breadth", "organisation", "procurement"),
        reads=(*POWER, *STANCES, "owners", "contacts", "departments", "memberships", "activities", "procurement")),
    Analysis("position", (
        Section("table", ("id", "name", "title", "score", "weight"), tabulate=_position_table, own="id"),  # and one
        # key per vendor id
        Section("vendors", ("vendor", "name", "is_us", "counts", "weighted_support"), tabulate=_vendor_table,
                own="vendor"),
    ), _position, whole=("table", "vendors", "suppression_ratio", "strongest_competitor"),
        reads=(*POWER, *STANCES, "contacts")),
    Analysis("forecast", (
        Section("people", ("power_rank", "id", "name", "title", "stated", "forecast", "turned", "toward_us",
                           "stated_opinions", "opinions", "pulled_by"),
                table=("power_rank", "id", "name", "title", "stated", "forecast", "turned", "toward_us", "pulled_by"),
                own="id", refers={"stated": "vendors", "forecast": "vendors", "pulled_by": "stakeholders"}),
        Section("vendors", ("vendor", "name", "stated_support", "support", "stated_votes", "votes"), own="vendor"),
    ), _forecast, whole=("people", "vendors"), reads=(*POWER, *STANCES, "contacts")),
    Analysis("health", (
        Section("layers", ("layer", "level", "reasons", "measures"), table=("layer", "level", "reasons")),
    ), _health, reads=(*POWER, *STANCES, "owners", "contacts", "team", "departments", "memberships",
                       "activities", "procurement")),
    Analysis("next", (
        Section("moves", ("rank", "move", "action", "power_rank", "id", "name", "title", "score", "gain",
                          "feasibility", "value", "act_by", "through", "why"),
                table=("rank", "action", "name", "title", "power_rank", "gain", "feasibility", "value", "act_by",
                       "why"),
                own="id", refers={"through": "stakeholders"}),
    ), _next, needs_bid=True),
)}


def parts_of(analyses: Iterable[str]) -> tuple[str, ...]:
    """The parts of the account those analyses read between them."""
    return tuple(dict.fromkeys(part for name in analyses for part in ANALYSES[name].reads))


def analyse(store: Store, account: str, bid: str | None = None, include_departed: bool = False,
            analyses: Iterable[str] = tuple(ANALYSES)) -> tuple[Account, dict[str, Power]]:
    """The account as the analyses see it (read once, the parts those `analyses` use; see Account.scoped), and
    everyone's power."""
    return score(read_account(store, account, parts=parts_of(analyses)), bid, include_departed)


def score(data: Account, bid: str | None = None, include_departed: bool = False) -> tuple[Account, dict[str, Power]]:
    """What `analyse` gives, of an account already read (the present, or the past of relgraph.history.read_at)."""
    data = data.scoped(bid, include_departed)
    return data, power_scores(data)


def run(name: str, data: Account, power: dict[str, Power], settings: Settings = Settings(), *,
        dated: bool = False) -> dict:
    """The result of one analysis on what `analyse` gave: its sections by name (and, for some, a few values).

    The account is judged as it stood on the settings' day: what is dated after it is left out (power has
    no dates, so it stands). `dated`: `data` is that already (`Account.as_of` the same day), as when one
    caller runs several analyses of one day."""
    unread = set(ANALYSES[name].reads) - data.parts
    if unread:  # a part not read is empty: the answer would be wrong, not short
        raise ValueError(f"analysis {name} needs the parts {', '.join(sorted(unread))} of the account, not read")
    if ANALYSES[name].needs_bid and data.focus is None:
        data.require_bid(None)  # the error that lists the account's bids
    return ANALYSES[name].compute(data if dated else data.as_of(settings.day), power, settings)


def table(analysis: Analysis, section: str, result: dict, names: Names = Names()) -> tuple[list[dict], list[str]]:
    """One section of a result as a table: its rows and columns (a record as field/value rows).

    With `names` of the account (table and Markdown output, the brief), the ids in the section's `refers`
    columns become names, and its own id column is blank where derived (left out where blank throughout).
    """
    part = analysis.section(section)
    if part.tabulate is not None:
        rows, columns = part.tabulate(result, names)
    elif part.record:
        return [{"field": k, "value": v} for k, v in result[section].items()], ["field", "value"]
    else:
        rows, columns = result[section], list(part.columns)
        if names.account is not None:
            rows = [_named(part, row, names) for row in rows]
    if names.account is not None and part.own in columns and not any(row.get(part.own) for row in rows):
        columns.remove(part.own)
    return rows, columns


def _named(part: Section, row: dict, names: Names) -> dict:
    named = {**row, **{c: names.cell(kind, row[c]) for c, kind in part.refers.items() if row.get(c) is not None}}
    if part.own:
        named[part.own] = names.own(row[part.own])
    return named

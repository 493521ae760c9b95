"""What moved between two moments of an account's history: its people and relationships, and the answers.

`diff` reads the account at both moments (relgraph.history.read_at), compares
their people, stances, influence and owners, and runs the analyses on each
(registry.run, each judged as of its own day) to compare their answers: power
ranks, coverage cells, flags, each vendor's support and the warm paths to the
unreached. Every change that is worse for us is also a *regression*:

* a stance or level toward us that moved down, or a stance toward a competitor that moved up;
* a coverage cell whose status got worse (covered, outnumbered, weak, contested, uncovered: best first);
* a flag raised;
* our support share down, or a competitor's up;
* a warm path lost: someone still unreached had a warm path and has none now.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relgraph.account import Account
from relgraph.analysis.gaps import COVERAGE_STATUSES
from relgraph.analysis.power import Power
from relgraph.analysis.registry import Settings, run, score
from relgraph.history import read_at
from relgraph.model import LEVELS
from relgraph.store import Store

__all__ = ["SECTIONS", "ANSWERS", "Side", "diff", "compare", "side_of", "regressions"]

# Our stance scale, worst first: neutral and unknown are level with each other (a move between them is news,
# not a move up or down).
STANCE_SCALE = {"opponent": 0, "neutral": 1, "unknown": 1, "supporter": 2, "mentor": 3}
LEVEL_SCALE = {level: n for n, level in enumerate(LEVELS)}

# section -> (its JSON keys, the columns a table shows)
SECTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "people": (("id", "name", "change", "field", "before", "after", "text"), ("name", "change", "text")),
    "stances": (("id", "name", "vendor", "field", "before", "after", "direction", "for_us", "text"),
                ("name", "text", "direction", "for_us")),
    "influence": (("source", "target", "change", "before", "after", "text"), ("change", "text")),
    "owners": (("id", "name", "before", "after", "text"), ("name", "text")),
    "power": (("id", "name", "before", "after", "moved"), ("name", "before", "after", "moved")),
    "cells": (("area", "department_id", "department", "layer", "role", "before", "after", "for_us"),
              ("area", "department", "layer", "role", "before", "after", "for_us")),
    "flags": (("change", "code", "severity", "message"), ("change", "severity", "message")),
    "support": (("vendor", "name", "before", "after", "for_us"), ("name", "before", "after", "for_us")),
    "warm_paths": (("id", "name", "change", "before", "after", "through_left"), ("name", "change", "before", "after")),
    "regressions": (("section", "text"), ("section", "text")),
}


@dataclass(frozen=True)
class Side:
    """One end of a diff: the account then, and what the analyses answered about it."""

    revision: int | None
    at: str | None
    day: dt.date
    account: Account
    answers: dict[str, dict]
    power: dict[str, Power]  # everyone's power, in rank order (what the centres analysis ranks by)


# The analyses a diff compares. Power ranks come from the power scores themselves: the centres analysis lists
# the same ranks (and the communities and reasons, which a diff does not compare), so it is not run.
ANSWERS = ("unreached", "gaps", "position")


def diff(store: Store, account: str, since: str, until: str | None = None, bid: str | None = None) -> dict:
    """What moved in `account` (for `bid`) from right after revision or date `since` to `until` (default: now)."""
    before, after = _side(store, account, since, bid, "--since"), _side(store, account, until, bid, "--until")
    return {"account": account, "bid": bid, "since": _when(before), "until": _when(after), **compare(before, after)}


def compare(before: Side, after: Side) -> dict:
    """Every section of a diff between two sides, and the regressions among them."""
    found = {"people": _people(before.account, after.account),
             "stances": _stances(before.account, after.account),
             "influence": _influence(before.account, after.account),
             "owners": _owners(before.account, after.account),
             "power": _power(before, after),
             "cells": _cells(before, after),
             "flags": _flags(before, after),
             "support": _support(before, after),
             "warm_paths": _warm_paths(before, after)}
    found["regressions"] = regressions(found)
    return found


def side_of(account: Account, bid: str | None, day: dt.date, revision=None, answers: tuple[str, ...] = ANSWERS, *,
            power: dict | None = None, unreached_top: int | None = None) -> Side:
    """One side of a comparison: the account (as read, not scoped) and the analyses' answers about it as of `day`;
    `power` as already scored for the same people, roles and ties; warm paths of the `unreached_top` most powerful
    unreached only (None: all)."""
    data, power = (account.scoped(bid), power) if power is not None else score(account, bid)
    dated = data.as_of(day)  # every answer is judged as of the same day: the account is dated once for all
    found = {name: run(name, dated, power, Settings(today=day, top=unreached_top if name == "unreached" else None),
                       dated=True)
             for name in answers}
    return Side(revision.number if revision else None, revision.at if revision else None, day, account, found, power)


def _side(store: Store, account: str, at: str | None, bid: str | None, option: str) -> Side:
    moment = read_at(store, account, at, option)
    return side_of(moment.account, bid, moment.day or dt.date.today(), moment.revision)


def _when(side: Side) -> dict:
    return {"revision": side.revision, "at": side.at, "day": side.day.isoformat()}


def _name(then: Account, now: Account, pid: str | None) -> str | None:
    if pid is None:
        return None
    person = now.people.get(pid) or then.people.get(pid)
    return person.name if person else pid


def _people(then: Account, now: Account) -> list[dict]:
    rows = []
    was, are = then.active_people(), now.active_people()
    for pid in sorted(set(was) | set(are)):
        name = _name(then, now, pid)
        if pid not in was:
            change = "returned" if pid in then.people else "joined"
            rows.append({"id": pid, "name": name, "change": change, "field": None, "before": None, "after": None,
                         "text": f"{change}: {are[pid].label}"})
        elif pid not in are:
            gone = "departed" if pid in now.people else "removed"
            rows.append({"id": pid, "name": name, "change": "left", "field": "status", "before": "active",
                         "after": gone, "text": f"left ({gone}): {was[pid].label}"})
        else:
            old, new = was[pid], are[pid]
            for field, shown in (("title", lambda v, a: v), ("department_id", lambda v, a: a.department_name(v) or v),
                                 ("manager_id", lambda v, a: _name(then, now, v))):
                if getattr(old, field) != getattr(new, field):
                    label = field.removesuffix("_id")
                    rows.append({"id": pid, "name": name, "change": "moved", "field": label,
                                 "before": getattr(old, field), "after": getattr(new, field),
                                 "text": f"{label}: {shown(getattr(old, field), then) or '(none)'} -> "
                                         f"{shown(getattr(new, field), now) or '(none)'}"})
    return rows


def _stances(then: Account, now: Account) -> list[dict]:
    """Stance and level moves of the people active at both moments, toward each vendor."""
    rows = []
    was, are = then.active_people(), now.active_people()
    vendors = sorted(set(then.vendors) | set(now.vendors))
    for pid in sorted(set(was) & set(are)):
        if was[pid] is are[pid] and then.us == now.us:  # the same record (a what-if's unmoved people): no move
            continue
        for vendor in vendors:
            ours = vendor in (then.us, now.us)
            moves = [("stance", then.stance_to(was[pid], vendor), now.stance_to(are[pid], vendor), STANCE_SCALE)]
            if ours:
                moves.append(("level", was[pid].our_level, are[pid].our_level, LEVEL_SCALE))
            for field, old, new, scale in moves:
                if old == new:
                    continue
                direction = _direction(scale, old, new)
                better = None if direction is None else (direction == "up") == ours
                vendor_name = (now.vendors.get(vendor) or then.vendors[vendor]).name or vendor
                rows.append({"id": pid, "name": are[pid].name, "vendor": vendor, "field": field, "before": old,
                             "after": new, "direction": direction,
                             "for_us": None if better is None else "better" if better else "worse",
                             "text": f"toward {vendor_name}: {field} {old or '(none)'} -> {new or '(none)'}"})
    return rows


def _direction(scale: dict[str, int], old: str | None, new: str | None) -> str | None:
    if old not in scale or new not in scale or scale[old] == scale[new]:
        return None
    return "up" if scale[new] > scale[old] else "down"


def _influence(then: Account, now: Account) -> list[dict]:
    was = {(e.source, e.target): e for e in then.influence}
    are = {(e.source, e.target): e for e in now.influence}
    rows = []
    for key in sorted(set(was) | set(are)):
        old, new = was.get(key), are.get(key)
        if old == new:
            continue
        change = "added" if old is None else "removed" if new is None else "changed"
        strength = lambda e: None if e is None else e.strength
        tie = f"{_name(then, now, key[1])} listens to {_name(then, now, key[0])}"
        rows.append({"source": key[0], "target": key[1], "change": change, "before": strength(old),
                     "after": strength(new), "text": f"{tie}: strength {strength(old) or '(none)'} -> "
                                                     f"{strength(new) or '(none)'}"})
    return rows


def _owners(then: Account, now: Account) -> list[dict]:
    rows = []
    for pid in sorted(set(then.people) & set(now.people)):
        old = [o.team_member_id for o in then.people[pid].owners]
        new = [o.team_member_id for o in now.people[pid].owners]
        if old != new:
            names = lambda ids, a: ", ".join(a.team_name(t) for t in ids) or "(nobody)"
            rows.append({"id": pid, "name": now.people[pid].name, "before": old, "after": new,
                         "text": f"owners: {names(old, then)} -> {names(new, now)}"})
    return rows


def _power(before: Side, after: Side) -> list[dict]:
    """Power-rank moves of the people ranked at both moments, the biggest first (`moved` > 0: up)."""
    was = {pid: p.rank for pid, p in before.power.items()}
    people = after.account.people
    rows = [{"id": pid, "name": people[pid].name, "before": was[pid], "after": p.rank, "moved": was[pid] - p.rank}
            for pid, p in after.power.items() if pid in was and was[pid] != p.rank]
    return sorted(rows, key=lambda r: (-abs(r["moved"]), r["after"]))


def _cells(before: Side, after: Side) -> list[dict]:
    """Coverage cells whose status changed (a cell of one moment only: before or after is null)."""
    key = lambda c: (c["area"], c["department_id"] or "", c["layer"] or "", c["role"] or "")
    was = {key(c): c for c in before.answers["gaps"]["cells"]}
    are = {key(c): c for c in after.answers["gaps"]["cells"]}
    rows = []
    for k in sorted(set(was) | set(are)):
        old, new = was.get(k), are.get(k)
        status = lambda c: c["status"] if c else None
        if status(old) == status(new):
            continue
        cell = new or old
        better = None
        if old and new:
            better = COVERAGE_STATUSES.index(new["status"]) < COVERAGE_STATUSES.index(old["status"])
        rows.append({"area": cell["area"], "department_id": cell["department_id"], "department": cell["department"],
                     "layer": cell["layer"], "role": cell["role"], "before": status(old), "after": status(new),
                     "for_us": None if better is None else "better" if better else "worse"})
    return rows


def _flags(before: Side, after: Side) -> list[dict]:
    key = lambda f: (f["code"], tuple(f["stakeholders"]))
    was = {key(f): f for f in before.answers["gaps"]["flags"]}
    are = {key(f): f for f in after.answers["gaps"]["flags"]}
    rows = [{"change": "raised", **_flag(f)} for k, f in are.items() if k not in was]
    return rows + [{"change": "cleared", **_flag(f)} for k, f in was.items() if k not in are]


def _flag(flag: dict) -> dict:
    return {"code": flag["code"], "severity": flag["severity"], "message": flag["message"]}


def _support(before: Side, after: Side) -> list[dict]:
    """Each vendor's weighted support, before -> after, where it changed."""
    was = {v["vendor"]: v for v in before.answers["position"]["vendors"]}
    are = {v["vendor"]: v for v in after.answers["position"]["vendors"]}
    rows = []
    for vendor in [*are, *(v for v in was if v not in are)]:
        old, new = was.get(vendor), are.get(vendor)
        share = lambda v: v["weighted_support"] if v else None
        if share(old) == share(new):
            continue
        ours = (new or old)["is_us"]
        better = None if share(old) is None or share(new) is None else (share(new) > share(old)) == ours
        rows.append({"vendor": vendor, "name": (new or old)["name"], "before": share(old), "after": share(new),
                     "for_us": None if better is None else "better" if better else "worse"})
    return rows


def _warm_paths(before: Side, after: Side) -> list[dict]:
    """People unreached at both moments whose warm path is gone (`lost`), or whose path ran through someone who
    has left and now runs another way (`rerouted`); `through_left` names who left on the old path."""
    left = set(before.account.active_people()) - set(after.account.active_people())
    was = {p["id"]: p for p in before.answers["unreached"]["people"]}
    rows = []
    for person in after.answers["unreached"]["people"]:
        old = was.get(person["id"])
        if old is None or old["path"] is None:
            continue
        through = [step["name"] for step in old["path"] if step["id"] in left]
        if person["path"] is None:
            change = "lost"
        elif through:
            change = "rerouted"
        else:
            continue
        rows.append({"id": person["id"], "name": person["name"], "change": change, "before": old["warm_path"],
                     "after": person["warm_path"], "through_left": through})
    return rows


def regressions(found: dict) -> list[dict]:
    """Every change of a diff that is worse for us (see the module's docstring), in words."""
    rows = [{"section": "stances", "text": f"{r['name']} {r['text']}"} for r in found["stances"]
            if r["for_us"] == "worse"]
    rows += [{"section": "cells", "text": f"{c['area']} {c['department'] or ''} {c['layer'] or ''} "
                                          f"{c['role'] or ''}".replace("  ", " ").strip()
                                          + f": {c['before']} -> {c['after']}"}
             for c in found["cells"] if c["for_us"] == "worse"]
    rows += [{"section": "flags", "text": f"raised: {f['message']}"} for f in found["flags"] if f["change"] == "raised"]
    rows += [{"section": "support", "text": f"{v['name']}: support {v['before']} -> {v['after']}"}
             for v in found["support"] if v["for_us"] == "worse"]
    rows += [{"section": "warm_paths", "text": f"no warm path to {w['name']} any more"
                                              + (f" (it went through {', '.join(w['through_left'])}, who left)"
                                                 if w["through_left"] else "")}
             for w in found["warm_paths"] if w["change"] == "lost"]
    return rows

"""Coverage gaps before a bid: the coverage matrix, the red flags of the method, and readiness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relgraph.account import ALLY_STANCES, Account, Person
from relgraph.analysis.organisation import organisation_flags
from relgraph.analysis.power import DECIDER_ROLES, Power
from relgraph.analysis.unreached import STALE_DAYS, is_fresh
from relgraph.model import COVERAGE_STATUSES

__all__ = ["Cell", "Flag", "Gaps", "coverage_gaps", "red_flags", "department_coverage", "powerful_count",
           "SEVERITIES", "COVERAGE_STATUSES", "STATUS_MEANINGS"]

SEVERITIES = ("critical", "warning", "info")  # worst first
STATUS_MEANINGS = {  # in the order of COVERAGE_STATUSES, best for us first
    "covered": "allies of ours here are in touch, and no competitor has more allies here, nor more powerful ones",
    "outnumbered": "allies of ours here are in touch, but a competitor has more allies here, or more powerful ones",
    "weak": "no ally of ours here is in touch and no competitor has one, though some here have a known stance to us",
    "contested": "no ally of ours here is in touch, while a competitor has a mentor or supporter here",
    "uncovered": "nobody here has a known stance toward us, nor is anyone a competitor's ally",
}
WHOLE = "in the whole account"  # what flags that look beyond a bid's team say
POWERFUL_QUANTILE = 0.25  # "powerful": the top quarter of the account by power


@dataclass(frozen=True)
class Cell:
    area: str  # "department" (department x layer) or "role" (a buying role on the bid team)
    department_id: str | None
    department: str | None
    layer: str | None
    role: str | None
    status: str
    people: tuple[str, ...]
    our_allies: tuple[str, ...]  # our mentors and supporters here
    in_touch: tuple[str, ...]  # those of them within their contact limit
    competitor_allies: dict[str, tuple[str, ...]]  # vendor -> its mentors and supporters here
    reason: str


@dataclass(frozen=True)
class Flag:
    code: str
    severity: str
    message: str
    stakeholders: tuple[str, ...]


@dataclass(frozen=True)
class Gaps:
    cells: list[Cell]
    flags: list[Flag]
    readiness: dict


def coverage_gaps(account: Account, power: dict[str, Power], today: dt.date, limits: dict[str, int] = STALE_DAYS) -> Gaps:
    fresh = {pid: is_fresh(p, today, limits) for pid, p in account.people.items()}
    cells = _department_cells(account, power, fresh) + _role_cells(account, power, fresh)
    flags = red_flags(account, power, today, limits, fresh)
    return Gaps(cells, flags, _readiness(account, power, cells, flags))


def red_flags(account: Account, power: dict[str, Power], today: dt.date,
              limits: dict[str, int] = STALE_DAYS, fresh: dict[str, bool] | None = None) -> list[Flag]:
    """The flags of `coverage_gaps` alone, without its cells: those about people, and the organisational ones
    (analysis/organisation.py), worst first. Without `fresh` only the scope's people are judged for freshness:
    they are the only ones the flags about people look at."""
    if fresh is None:
        people = account.people
        fresh = {pid: is_fresh(people[pid], today, limits) for pid in _scope(account)}
    flags = _flags(account, power, fresh)
    flags += [Flag(code, "warning", message, ()) for code, message in organisation_flags(account, today)]
    return sorted(flags, key=lambda f: (SEVERITIES.index(f.severity), f.code, f.stakeholders))


def department_coverage(account: Account, power: dict[str, Power], today: dt.date,
                        limits: dict[str, int] = STALE_DAYS) -> dict[str, Cell]:
    """One coverage cell per department (all layers together), keyed by department id, in id order.

    The same rule as the department x layer cells of `coverage_gaps`; people without a department are
    left out.
    """
    fresh = {pid: is_fresh(p, today, limits) for pid, p in account.people.items()}
    groups: dict[str, list[str]] = {}
    for pid, person in account.people.items():
        if person.department_id:
            groups.setdefault(person.department_id, []).append(pid)
    return {department_id: _cell(account, power, fresh, members, area="department", department_id=department_id,
                                 department=account.department_name(department_id), layer=None, role=None)
            for department_id, members in sorted(groups.items())}


def powerful_count(people: int) -> int:
    """How many of `people` scored count as "powerful": the top quarter by power rank (at least one)."""
    return max(1, round(POWERFUL_QUANTILE * people))


def _department_cells(account: Account, power: dict[str, Power], fresh: dict[str, bool]) -> list[Cell]:
    groups: dict[tuple, list[str]] = {}
    for pid, person in account.people.items():
        if not person.outside:
            groups.setdefault((person.department_id or "", person.layer or ""), []).append(pid)
    cells = []
    for (department_id, layer), members in sorted(groups.items()):
        department = account.department_name(department_id or None)
        cells.append(_cell(account, power, fresh, members, area="department", department_id=department_id or None,
                           department=department, layer=layer or None, role=None))
    return cells


def _role_cells(account: Account, power: dict[str, Power], fresh: dict[str, bool]) -> list[Cell]:
    if account.focus is None:
        return []
    groups: dict[str, list[str]] = {}
    for pid, role in account.focus.team.items():
        if pid in account.people:
            groups.setdefault(role or "(no role)", []).append(pid)
    return [_cell(account, power, fresh, members, area="role", department_id=None, department=None, layer=None,
                  role=role) for role, members in sorted(groups.items())]


def _cell(account: Account, power: dict[str, Power], fresh: dict[str, bool], members: list[str], **where) -> Cell:
    people = [account.people[pid] for pid in members]
    allies = tuple(p.id for p in people if p.is_ally)
    ours = tuple(pid for pid in allies if fresh[pid])
    rivals = {vendor: tuple(p.id for p in people if p.rival_stance(vendor) in ALLY_STANCES)
              for vendor in account.competitors}
    rivals = {vendor: ids for vendor, ids in rivals.items() if ids}
    ahead = [v for v, ids in rivals.items() if len(ids) > len(ours) or _power(power, ids) > _power(power, ours)]
    if ours:
        status = "outnumbered" if ahead else "covered"
    elif rivals:
        status = "contested"
    elif allies or any(p.our_stance != "unknown" for p in people):
        status = "weak"
    else:
        status = "uncovered"
    ahead_by = {v: "people" if len(rivals[v]) > len(ours) else "power" for v in ahead}
    reason = _reason(status, len(allies), len(ours), {v: len(ids) for v, ids in rivals.items()}, ahead_by,
                     account.competitors)
    return Cell(**where, status=status, people=tuple(members), our_allies=allies, in_touch=ours,
                competitor_allies=rivals, reason=reason)


def _power(power: dict[str, Power], ids: tuple[str, ...]) -> float:
    return sum(power[pid].score for pid in ids)


def _reason(status: str, allies: int, in_touch_: int, rivals: dict[str, int], ahead_by: dict[str, str],
            names: dict[str, str]) -> str:
    """The cell's status in words, from the same counts as its columns: our allies, those in touch, and each
    competitor's allies (`rivals`, by vendor id); `ahead_by` says which competitors are ahead of us, by people
    or only by power."""
    if status == "uncovered":
        return "nobody here has a known stance toward us"
    ours = _ours(allies, in_touch_)
    has = lambda vendors: ", ".join(f"{names[v]} has {rivals[v]}" for v in vendors)  # noqa: E731
    if status == "covered":
        return ours + (f", ahead of every competitor ({has(rivals)})" if rivals else ", and no competitor has an ally here")
    if status == "outnumbered":
        behind = [v for v in rivals if v not in ahead_by]
        ahead = ", ".join(has([v]) + (" with more power" if by == "power" else "") for v, by in ahead_by.items())
        return f"{ours}, but {ahead}" + (f" (also {has(behind)})" if behind else "")
    if status == "contested":
        return ours + ", while " + has(rivals)
    return ours if allies else "no ally of ours here; those whose stance to us we know are neutral or against us"


def _ours(allies: int, in_touch_: int) -> str:
    if allies == 0:
        return "no ally of ours here"
    noun, verb = _verb(allies, "ally", "allies"), _verb(allies, "is", "are")
    if in_touch_ == allies:
        return f"our {allies} {noun} here {verb} in touch"
    if in_touch_ == 0:
        return f"our {allies} {noun} here {verb} out of touch"
    return f"{in_touch_} of our {allies} allies here {_verb(in_touch_, 'is', 'are')} in touch"


def _flags(account: Account, power: dict[str, Power], fresh: dict[str, bool]) -> list[Flag]:
    people = account.people
    scope = _scope(account)
    on = _on(account)
    mentors = [pid for pid, p in people.items() if p.our_stance == "mentor"]
    flags = []
    if not mentors:
        flags.append(Flag("no_mentor", "critical", f"we have no mentor (coach) {WHOLE}", ()))
    elif len(mentors) > 2:
        flags.append(Flag("too_many_mentors", "warning",
                          f"{len(mentors)} people {WHOLE} are claimed as our mentors; more than two "
                          "usually means none is real", tuple(mentors)))
    evaluators = [pid for pid in scope if "evaluator" in people[pid].roles]
    if evaluators and not any(people[pid].is_ally for pid in evaluators):
        flags.append(Flag("no_technical_supporter", "critical",
                          f"none of the {len(evaluators)} evaluators {on} supports us", tuple(evaluators)))
    for pid in scope:
        flags += _decider_flags(account, people[pid])
    powerful = powerful_count(len(power))
    in_scope = [people[pid] for pid in scope]
    groups = {
        "opponent_allegiance_unknown": [p for p in in_scope if p.our_stance == "opponent" and not p.leans_to()],
        "stale_ally": [p for p in in_scope if p.is_ally and not fresh[p.id]],
        "powerful_unowned": [p for p in in_scope if not p.owners and power[p.id].rank <= powerful],
    }
    messages = {
        "opponent_allegiance_unknown": lambda n: f"{n} of those against us {on} {_verb(n, 'backs', 'back')} no "
                                                 "competitor we know of",
        "stale_ally": lambda n: f"{n} of our mentors and supporters {on} {_verb(n, 'is', 'are')} out of touch "
                                "(beyond their contact limit)",
        "powerful_unowned": lambda n: f"{n} of the account's {powerful} most powerful people"
                                      + (f", all {on}," if account.focus else "")
                                      + f" {_verb(n, 'is', 'are')} owned by nobody on our team",
    }
    for code, concerned in groups.items():
        if concerned:
            ranked = sorted(concerned, key=lambda p: power[p.id].rank)
            message = messages[code](len(ranked))
            flags.append(Flag(code, "warning", f"{message}: {_names(ranked)}", tuple(p.id for p in ranked)))
    mentors_of: dict[str, list[str]] = {vendor: [] for vendor in account.competitors}
    for pid, p in people.items():  # one pass over everyone for all competitors (`next` flags each move it tries)
        for vendor, stance in p.rivals.items():
            if stance.stance == "mentor" and vendor in mentors_of:
                mentors_of[vendor].append(pid)
    for vendor, name in account.competitors.items():
        theirs = tuple(mentors_of[vendor])
        if theirs:
            noun = "mentor" if len(theirs) == 1 else "mentors"
            flags.append(Flag("competitor_mentor", "info",
                              f"{name} has {len(theirs)} {noun} {WHOLE}: {_names([people[t] for t in theirs])}", theirs))
    return flags


def _scope(account: Account) -> list[str]:
    """Whose roles count: the bid's team for a bid, else everyone in the account."""
    if account.focus is None:
        return list(account.people)
    return [pid for pid in account.focus.team if pid in account.people]


def _on(account: Account) -> str:
    """Where a flag looks, in words: the bid's team, or the whole account."""
    return f"on the team of bid {account.focus.label}" if account.focus else WHOLE


def _verb(count: int, one: str, more: str) -> str:
    return one if count == 1 else more


def _names(people: list[Person], shown: int = 5) -> str:
    names = ", ".join(p.label for p in people[:shown])
    return names + (f" and {len(people) - shown} more" if len(people) > shown else "")


def _decider_flags(account: Account, person: Person) -> list[Flag]:
    deciding = [r for r in person.roles if r in DECIDER_ROLES]
    if not deciding:
        return []
    who = f"{person.label}, {deciding[0].replace('_', ' ')}"
    flags = []
    if person.our_stance == "unknown":
        flags.append(Flag("decider_stance_unknown", "critical", f"{who}, has no known stance toward us", (person.id,)))
    elif person.our_stance == "opponent" or person.our_level == "opposed":
        flags.append(Flag("decider_against_us", "critical", f"{who}, is against us", (person.id,)))
    for vendor in person.leans_to():
        flags.append(Flag("decider_backs_competitor", "critical",
                          f"{who}, is a {person.rivals[vendor].stance} of {account.competitors[vendor]}", (person.id,)))
    return flags


def _readiness(account: Account, power: dict[str, Power], cells: list[Cell], flags: list[Flag]) -> dict:
    scope = _scope(account)
    total = sum(power[pid].score for pid in scope) or 1.0
    allied = sum(power[pid].score for pid in scope if account.people[pid].is_ally)
    return {
        "scope": f"bid {account.focus.label} team" if account.focus else f"account {account.id}",
        "people": len(scope),
        "allied_power_share": round(allied / total, 4),
        "cells": {status: sum(1 for c in cells if c.status == status) for status in COVERAGE_STATUSES},
        "flags": {severity: sum(1 for f in flags if f.severity == severity) for severity in SEVERITIES},
    }

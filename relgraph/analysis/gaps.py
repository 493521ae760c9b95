"""Coverage gaps before a bid: the coverage matrix, the red flags of the method, and readiness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relgraph.account import ALLY_STANCES, Account, Person
from relgraph.analysis.power import DECIDER_ROLES, Power
from relgraph.analysis.unreached import STALE_DAYS, stale_limit

__all__ = ["Cell", "Flag", "Gaps", "coverage_gaps", "department_coverage", "powerful_count", "SEVERITIES", "COVERAGE_STATUSES"]

SEVERITIES = ("critical", "warning", "info")  # worst first
COVERAGE_STATUSES = ("covered", "weak", "contested", "uncovered")
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
    our_allies: tuple[str, ...]
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
    fresh = {pid: _is_fresh(p, today, limits) for pid, p in account.people.items()}
    cells = _department_cells(account, fresh) + _role_cells(account, fresh)
    flags = _flags(account, power, fresh)
    return Gaps(cells, flags, _readiness(account, power, cells, flags))


def department_coverage(account: Account, today: dt.date, limits: dict[str, int] = STALE_DAYS) -> dict[str, Cell]:
    """One coverage cell per department (all layers together), keyed by department id, in id order.

    The same rule as the department x layer cells of `coverage_gaps`; people without a department are
    left out.
    """
    fresh = {pid: _is_fresh(p, today, limits) for pid, p in account.people.items()}
    groups: dict[str, list[str]] = {}
    for pid, person in account.people.items():
        if person.department_id:
            groups.setdefault(person.department_id, []).append(pid)
    return {department_id: _cell(account, fresh, members, area="department", department_id=department_id,
                                 department=account.department_name(department_id), layer=None, role=None)
            for department_id, members in sorted(groups.items())}


def powerful_count(people: int) -> int:
    """How many of `people` scored count as "powerful": the top quarter by power rank (at least one)."""
    return max(1, round(POWERFUL_QUANTILE * people))


def _is_fresh(person: Person, today: dt.date, limits: dict[str, int]) -> bool:
    if person.last_contact is None:
        return False
    return (today - dt.date.fromisoformat(person.last_contact)).days <= stale_limit(person, limits)


def _department_cells(account: Account, fresh: dict[str, bool]) -> list[Cell]:
    groups: dict[tuple, list[str]] = {}
    for pid, person in account.people.items():
        groups.setdefault((person.department_id or "", person.layer or ""), []).append(pid)
    cells = []
    for (department_id, layer), members in sorted(groups.items()):
        department = account.department_name(department_id or None)
        cells.append(_cell(account, fresh, members, area="department", department_id=department_id or None,
                           department=department, layer=layer or None, role=None))
    return cells


def _role_cells(account: Account, fresh: dict[str, bool]) -> list[Cell]:
    if account.focus is None:
        return []
    groups: dict[str, list[str]] = {}
    for pid, role in account.focus.team.items():
        if pid in account.people:
            groups.setdefault(role or "(no role)", []).append(pid)
    return [_cell(account, fresh, members, area="role", department_id=None, department=None, layer=None, role=role)
            for role, members in sorted(groups.items())]


def _cell(account: Account, fresh: dict[str, bool], members: list[str], **where) -> Cell:
    people = [account.people[pid] for pid in members]
    allies = tuple(p.id for p in people if p.is_ally)
    fresh_allies = [pid for pid in allies if fresh[pid]]
    rivals: dict[str, list[str]] = {}
    for p in people:
        for vendor, stance in p.rivals.items():
            if stance.stance in ALLY_STANCES:
                rivals.setdefault(vendor, []).append(p.id)
    known = [p for p in people if p.our_stance != "unknown"]
    if fresh_allies:
        status, reason = "covered", f"{len(fresh_allies)} of our allies here, recently in touch"
    elif rivals:
        status = "contested"
        reason = "no ally of ours, while " + ", ".join(f"{account.competitors.get(v, v)} has {len(ids)}" for v, ids in sorted(rivals.items()))
    elif allies:
        status, reason = "weak", f"our {len(allies)} allies here are out of touch"
    elif known:
        status, reason = "weak", f"{len(known)} with a known stance to us, none an ally"
    else:
        status, reason = "uncovered", "nobody here has a known stance toward us"
    return Cell(**where, status=status, people=tuple(members), our_allies=allies,
                competitor_allies={v: tuple(ids) for v, ids in sorted(rivals.items())}, reason=reason)


def _flags(account: Account, power: dict[str, Power], fresh: dict[str, bool]) -> list[Flag]:
    people = account.people
    scope = _scope(account)
    mentors = [pid for pid, p in people.items() if p.our_stance == "mentor"]
    flags = []
    if not mentors:
        flags.append(Flag("no_mentor", "critical", "we have no mentor (coach) in this account", ()))
    elif len(mentors) > 2:
        flags.append(Flag("too_many_mentors", "warning",
                          f"{len(mentors)} people are claimed as our mentors; more than two usually means none is real", tuple(mentors)))
    evaluators = [pid for pid in scope if "evaluator" in people[pid].roles]
    if evaluators and not any(people[pid].is_ally for pid in evaluators):
        where = f"bid {account.focus.label}'s" if account.focus else "the account's"
        flags.append(Flag("no_technical_supporter", "critical",
                          f"none of {where} {len(evaluators)} evaluators supports us", tuple(evaluators)))
    for pid in scope:
        flags += _decider_flags(people[pid])
    powerful = powerful_count(len(power))
    groups = {
        "opponent_allegiance_unknown": [p for p in people.values() if p.our_stance == "opponent" and not p.leans_to()],
        "stale_ally": [p for p in people.values() if p.is_ally and not fresh[p.id]],
        "powerful_unowned": [p for p in people.values() if not p.owners and power[p.id].rank <= powerful],
    }
    messages = {
        "opponent_allegiance_unknown": "{n} of those against us back no competitor we know of",
        "stale_ally": "{n} of our mentors and supporters are out of touch (beyond their contact limit)",
        "powerful_unowned": f"{{n}} of the {powerful} most powerful people are owned by nobody on our team",
    }
    for code, concerned in groups.items():
        if concerned:
            ranked = sorted(concerned, key=lambda p: power[p.id].rank)
            message = messages[code].format(n=len(ranked))
            flags.append(Flag(code, "warning", f"{message}: {_names(ranked)}", tuple(p.id for p in ranked)))
    for vendor, name in account.competitors.items():
        theirs = tuple(pid for pid, p in people.items() if p.rival_stance(vendor) == "mentor")
        if theirs:
            flags.append(Flag("competitor_mentor", "info",
                              f"{name} has {len(theirs)} mentor(s) here: {_names([people[t] for t in theirs])}", theirs))
    return sorted(flags, key=lambda f: (SEVERITIES.index(f.severity), f.code, f.stakeholders))


def _scope(account: Account) -> list[str]:
    """Whose roles count: the bid's team for a bid, else everyone in the account."""
    if account.focus is None:
        return list(account.people)
    return [pid for pid in account.focus.team if pid in account.people]


def _names(people: list[Person], shown: int = 5) -> str:
    names = ", ".join(p.label for p in people[:shown])
    return names + (f" and {len(people) - shown} more" if len(people) > shown else "")


def _decider_flags(person: Person) -> list[Flag]:
    deciding = [r for r in person.roles if r in DECIDER_ROLES]
    if not deciding:
        return []
    role = deciding[0].replace("_", " ")
    if person.our_stance == "unknown":
        return [Flag("decider_stance_unknown", "critical", f"{person.label}, {role}, has no known stance toward us", (person.id,))]
    if person.our_stance == "opponent" or person.our_level == "opposed":
        return [Flag("decider_against_us", "critical", f"{person.label}, {role}, is against us", (person.id,))]
    return []


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

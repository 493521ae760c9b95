"""Checks across files and against the store: ids that name no one, cycles, a second `is_us` vendor."""

from __future__ import annotations

from dataclasses import dataclass, field

from relgraph.errors import InputError, Problem
from relgraph.loaders.canonical import Table
from relgraph.schema import KINDS, REPORTING

__all__ = ["Known", "check_references", "reference_problems", "vendor_sides"]

_NOUNS = {"departments": "department", "stakeholders": "stakeholder", "bids": "bid", "vendors": "vendor",
          "team": "team member"}


@dataclass
class Known:
    """What the store already holds for the account being loaded (empty for a new account)."""

    departments: dict[str, str | None] = field(default_factory=dict)  # id -> parent id
    stakeholders: dict[str, str | None] = field(default_factory=dict)  # id -> manager id
    bids: set[str] = field(default_factory=set)
    vendors: dict[str, bool] = field(default_factory=dict)  # id -> is_us
    team: set[str] = field(default_factory=set)


def check_references(tables: dict[str, Table], known: Known) -> None:
    """Raise InputError listing every reference to no one, cycle, and extra `is_us` vendor."""
    problems = reference_problems(tables, known)
    if problems:
        raise InputError(problems)


def reference_problems(tables: dict[str, Table], known: Known) -> list[Problem]:
    """Every reference to no one, cycle, and extra `is_us` vendor in `tables`."""
    departments = _merged(known.departments, tables.get("departments"), "parent_id")
    people = _merged(known.stakeholders, tables.get("stakeholders"), "manager_id")
    people.update({r["id"]: r["manager_id"] for r in _rows(tables.get("reporting_lines"))})
    bids = known.bids | _ids(tables.get("bids"))
    vendors = vendor_sides(tables, known)
    team = known.team | _ids(tables.get("team"))
    ids_of = {"departments": departments, "stakeholders": people, "bids": bids, "vendors": vendors, "team": team}
    problems = []
    for spec in (*KINDS.values(), REPORTING):
        table = tables.get(spec.name)
        for column, target in spec.references.items():
            for index, row in enumerate(_rows(table)):
                value = row[column]
                for one in value if isinstance(value, list) else (value,):  # a list: the participants of an activity
                    if one is not None and one not in ids_of[target]:
                        problems.append(table.problem(index, column, one, f"names no {_NOUNS[target]} in the files "
                                                      f"loaded or the store; correct the id, or add the "
                                                      f"{_NOUNS[target]} to {KINDS[target].filename}"))
    problems += _outsiders_in_departments(tables.get("stakeholders"))
    problems += _self_influence(tables.get("influence"))
    problems += _levels_for_competitors(tables.get("stances"), vendors)
    problems += _second_us_vendor(tables.get("vendors"), known.vendors)
    problems += _cycles(tables.get("stakeholders"), people, "manager_id", "reporting line")
    problems += _cycles(tables.get("reporting_lines"), people, "manager_id", "reporting line")
    problems += _cycles(tables.get("departments"), departments, "parent_id", "department hierarchy")
    return problems


def vendor_sides(tables: dict[str, Table], known: Known) -> dict[str, bool]:
    """Vendor id -> is_us, of the store's vendors overridden by the file's rows."""
    return {**known.vendors, **{r["id"]: r["is_us"] for r in _rows(tables.get("vendors"))}}


def _rows(table: Table | None) -> list[dict]:
    return table.rows if table else []


def _ids(table: Table | None) -> set[str]:
    return {r["id"] for r in _rows(table) if r["id"] is not None}


def _merged(known: dict[str, str | None], table: Table | None, parent: str) -> dict[str, str | None]:
    """The store's id -> parent links, overridden by the file's rows."""
    return {**known, **{r["id"]: r[parent] for r in _rows(table) if r["id"] is not None}}


def _outsiders_in_departments(table: Table | None) -> list[Problem]:
    """The one rule for people of another organisation: they are in no department of the customer's, so that
    no coverage cell or breadth row counts them."""
    return [table.problem(i, "department_id", r["department_id"], f"{r['id']!r} is of another organisation "
                          f"({r['organisation']}), and a person of another organisation is in no department here; "
                          "leave department_id empty, or organisation if they work for the customer")
            for i, r in enumerate(_rows(table)) if r["organisation"] is not None and r["department_id"] is not None]


def _self_influence(table: Table | None) -> list[Problem]:
    return [table.problem(i, "target_id", r["target_id"], "a person cannot influence themselves")
            for i, r in enumerate(_rows(table)) if r["source_id"] == r["target_id"]]


def _levels_for_competitors(table: Table | None, vendors: dict[str, bool]) -> list[Problem]:
    return [table.problem(i, "level", r["level"], f"level is our relationship and only applies to our own vendor; {r['vendor_id']!r} is a competitor")
            for i, r in enumerate(_rows(table)) if r["level"] and vendors.get(r["vendor_id"]) is False]


def _second_us_vendor(table: Table | None, known: dict[str, bool]) -> list[Problem]:
    file_ids = _ids(table)
    us = sorted(v for v, is_us in known.items() if is_us and v not in file_ids)
    problems = []
    for index, row in enumerate(_rows(table)):
        if row["is_us"]:
            if us:
                problems.append(table.problem(index, "is_us", "true", f"only one vendor can be us; {us[0]!r} already is (set is_us to false on one of them)"))
            us.append(row["id"])
    return problems


def _cycles(table: Table | None, parents: dict[str, str | None], column: str, what: str) -> list[Problem]:
    """Report each row of the file whose chain of parents comes back to itself."""
    problems = []
    for index, row in enumerate(_rows(table)):
        seen, current = {row["id"]}, parents.get(row["id"])
        while current is not None and current in parents:
            if current == row["id"]:
                chain = _chain(row["id"], parents)
                problems.append(table.problem(index, column, row[column], f"closes a cycle in the {what}: {chain}"))
                break
            if current in seen:
                break  # a cycle that does not pass through this row; reported on its own rows
            seen.add(current)
            current = parents.get(current)
    return problems


def _chain(start: str, parents: dict[str, str | None]) -> str:
    chain, current = [start], parents[start]
    while current != start:
        chain.append(current)
        current = parents[current]
    return " -> ".join(chain + [start])

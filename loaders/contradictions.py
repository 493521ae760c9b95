"""Input that a load accepts but warns about: a stance at odds with our level, a side taken twice, a future date."""

from __future__ import annotations

import datetime as dt

from relgraph.errors import Problem
from relgraph.loaders.canonical import Table
from relgraph.model import ALLY_STANCES, LEVELS_AT_ODDS

__all__ = ["contradictions"]

DATED = (("stances", "as_of", "a stance"), ("contacts", "date", "a touchpoint"),
         ("stakeholders", "last_contact", "a last contact"))


def contradictions(tables: dict[str, Table], us: set[str], today: dt.date) -> list[Problem]:
    """Every contradiction in `tables`, given the ids of our own vendor (`us`): each a Problem to warn about."""
    stances = tables.get("stances")
    found = _levels_at_odds(stances, us) + _two_sides(stances) if stances else []
    return found + [p for kind, column, what in DATED if kind in tables
                    for p in _future_dates(tables[kind], column, what, today)]


def _levels_at_odds(table: Table, us: set[str]) -> list[Problem]:
    return [table.problem(i, "level", row["level"], f"our level contradicts the stance {row['stance']!r} on the same "
                                                    "row; correct the stance or the level")
            for i, row in enumerate(table.rows)
            if row["vendor_id"] in us and row["level"] in LEVELS_AT_ODDS.get(row["stance"], ())]


def _two_sides(table: Table) -> list[Problem]:
    """A person who is a mentor or supporter of a second vendor: mentors and supporters take one vendor's side."""
    first: dict[str, int] = {}
    problems = []
    for index, row in enumerate(table.rows):
        if row["stance"] not in ALLY_STANCES:
            continue
        person = row["stakeholder_id"]
        if person in first:
            earlier = table.rows[first[person]]
            problems.append(table.problem(index, "stance", row["stance"],
                                          f"{person} is also {earlier['stance']} of {earlier['vendor_id']!r} "
                                          f"(line {table.lines[first[person]]}): a mentor or supporter takes one "
                                          f"vendor's side; correct one of the two stances"))
        else:
            first[person] = index
    return problems


def _future_dates(table: Table, column: str, what: str, today: dt.date) -> list[Problem]:
    return [table.problem(i, column, row[column], f"{what} dated after today ({today.isoformat()}); "
                                                  "correct the date")
            for i, row in enumerate(table.rows) if row[column] and row[column] > today.isoformat()]

"""The shape of a target of the relationship plan: which columns of targets.csv each scope takes.

* person: `stakeholder_id` and a `stance` to us and/or a `level`; `bid_id` optional (the bid it serves).
* cell: a coverage `status` for `department_id` (and `layer`, else the whole department), or for a buying
  `role` on the team of `bid_id`.
* bid: `bid_id` and either a `measure` (support_share, suppression_ratio) with its `value`, or a `role` with
  the `level` and/or `stance` every member of the bid team in that role should reach.

`due` and `owner_id` (one of our team) go with every scope.

>>> from relgraph.loaders import Table
>>> from relgraph.schema import KINDS
>>> row = {c.name: None for c in KINDS["targets"].columns}
>>> table = Table(KINDS["targets"], "targets.csv", [{**row, "scope": "person", "stakeholder_id": "s1"}], [2])
>>> [p.message for p in target_problems(table)]
['a person target needs a stance or a level (or both)']
"""

from __future__ import annotations

from relgraph.errors import Problem
from relgraph.loaders.canonical import Table, check_duplicates
from relgraph.schema import cell_text

__all__ = ["target_problems", "FORMS", "form_of"]

# The forms of target: the columns each may fill (besides scope, due and owner_id); `form_of` tells a row's.
FORMS = {
    "person": ("stakeholder_id", "bid_id", "stance", "level"),
    "department cell": ("department_id", "layer", "bid_id", "status"),
    "role cell": ("bid_id", "role", "status"),
    "bid measure": ("bid_id", "measure", "value"),
    "bid role": ("bid_id", "role", "stance", "level"),
}
_SHARED = ("scope", "due", "owner_id")


def form_of(row: dict) -> str:
    """Which form of target a row is: its scope, and for a cell or a bid what it names."""
    if row["scope"] == "cell":
        return "role cell" if row["role"] is not None else "department cell"
    if row["scope"] == "bid":
        return "bid role" if row["role"] is not None else "bid measure"
    return "person"


def target_problems(table: Table | None) -> list[Problem]:
    """Every row of a targets table whose columns do not fit its form (one problem per column), and every second
    target of one key (after names became ids)."""
    if table is None:
        return []
    problems = check_duplicates(table)
    for index, row in enumerate(table.rows):
        if row["scope"] is None:
            continue  # reported by the cell's parser
        form = form_of(row)
        problems += [table.problem(index, column, row[column], f"does not apply to a {form} target (it takes "
                                   f"{', '.join(FORMS[form])}); leave it empty, or change the scope")
                     for column in row if row[column] is not None and column not in (*FORMS[form], *_SHARED)]
        problems += [table.problem(index, column, cell_text(row[column]), message)
                     for column, message in _missing(form, row)]
    return problems


def _missing(form: str, row: dict) -> list[tuple[str, str]]:
    """(column, what is wrong) for what a target of `form` needs and the row lacks (or holds out of range)."""
    has = lambda *columns: any(row[c] is not None for c in columns)  # noqa: E731
    needs = {
        "person": [("stakeholder_id", "stakeholder_id", "a person target needs the person"),
                   (("stance", "level"), "stance", "a person target needs a stance or a level (or both)")],
        "department cell": [("department_id", "department_id", "a cell target needs a department (and layer), or "
                                                               "a role on a bid's team"),
                            ("status", "status", "a cell target needs the coverage status to reach")],
        "role cell": [("bid_id", "bid_id", "a role cell is on one bid's team: give the bid"),
                      ("status", "status", "a cell target needs the coverage status to reach")],
        "bid measure": [("bid_id", "bid_id", "a bid target needs the bid"),
                        ("measure", "measure", "a bid target is a measure (support_share, suppression_ratio) with a "
                                               "value, or a role with the level or stance its people should reach"),
                        ("value", "value", "a measure target needs the value to reach")],
        "bid role": [("bid_id", "bid_id", "a bid target needs the bid"),
                     (("stance", "level"), "level", "a role target needs the level or stance its people should reach")],
    }[form]
    found = [(column, message) for columns, column, message in needs
             if not has(*((columns,) if isinstance(columns, str) else columns))]
    value, measure = row["value"], row["measure"]
    if value is not None and measure == "support_share" and not -1 <= value <= 1:
        found.append(("value", "a support share is from -1 to 1 (-100% to 100%)"))
    elif value is not None and measure == "suppression_ratio" and value < 0:
        found.append(("value", "a suppression ratio is 0 or more"))
    return found

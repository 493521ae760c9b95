"""Quick edits from the command line: one touchpoint, stance, owner, influence tie or move at a time.

Each is a load of one row: the row is checked like a cell of a file (the
option names the column), names are resolved to ids as `show` resolves them,
and the row is loaded as a file of that one row is with `--append`,
all-or-nothing, as one revision of the account's history.
"""

from __future__ import annotations

from relgraph.account import Account
from relgraph.errors import InputError, Problem, RelgraphError
from relgraph.loaders import Table
from relgraph.loaders.canonical import parse_cells
from relgraph.loading import APPENDABLE, LoadResult, Origin, _decide
from relgraph.schema import KINDS, cell_text, name_key
from relgraph.state import State, read_stored_account
from relgraph.store import Store

__all__ = ["edit", "COMMAND_LINE"]

COMMAND_LINE = "(command line)"


def edit(store: Store, account: str, kind: str, typed: dict[str, str | None], *, by: str, command: str,
         people: tuple[str, ...] = (), team: tuple[str, ...] = (), vendors: tuple[str, ...] = (),
         departments: tuple[str, ...] = (), bids: tuple[str, ...] = (),
         options: dict[str, str] | None = None) -> LoadResult:
    """Put one row of `kind` into the account: the columns `typed` as text (None: keep the stored value, for a
    row that exists); the columns named in `people`, `team`, `vendors`, `departments`, `bids` may hold a name.
    `options` maps a column to the option that gave it, for the problems."""

    def decide(reader: Store):
        data, stored = read_stored_account(reader, account)
        if data is None:
            raise RelgraphError(f"no account {account!r} in the store: load it first")
        shown = options or {}
        names = {"stakeholder": people, "team": team, "vendor": vendors, "department": departments, "bid": bids}
        values = {column: _resolved(data, stored, column, value, names, shown.get(column, column))
                  for column, value in typed.items() if value is not None}
        spec = KINDS[kind]
        old = stored[kind].get(tuple(values.get(c) for c in spec.key))
        if old is not None:  # what was not typed stays as it was
            values = {**{c: cell_text(v) for c, v in old.items() if v not in (None, [])}, **values}
        row, problems = parse_cells(spec, values, COMMAND_LINE, None, options)
        if problems:
            raise InputError(problems)
        table = Table(spec, COMMAND_LINE, [row], [None], options or {})
        return _decide({kind: table}, [], account, stored, None, False, False, [], Origin(by, command),
                       append=kind in APPENDABLE)

    return store.update(decide)


def _resolved(data: Account, stored: State, column: str, value: str, names: dict[str, tuple[str, ...]],
              option: str) -> str:
    """The id a typed value names: `names` says, by kind of node, which columns may hold a name."""
    if column in names["stakeholder"]:
        return data.resolve("stakeholder", value)
    if column in names["bid"]:
        return data.resolve("bid", value)
    if column in names["vendor"]:
        return value if (value,) in stored["vendors"] else data.resolve("vendor", value)
    if column in names["team"]:
        return _by_name(stored["team"], value, "team member", option)
    if column in names["department"]:
        return _by_name(stored["departments"], value, "department", option)
    return value


def _by_name(rows: dict[tuple, dict], value: str, what: str, option: str) -> str:
    """An id of `rows`, or the id of the one row of that name."""
    if (value,) in rows:
        return value
    named = [key[0] for key, row in rows.items() if row.get("name") and name_key(row["name"]) == name_key(value)]
    if len(named) == 1:
        return named[0]
    known = ", ".join(sorted(f"{r['name']} ({k[0]})" if r.get("name") else k[0] for k, r in rows.items())) or "none"
    problem = f"{len(named)} {what}s are called {value!r}; give the id" if named else f"no {what} {value!r}"
    raise InputError([Problem(COMMAND_LINE, None, option, value, f"{problem} (known: {known})")])

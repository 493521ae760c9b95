"""What a load changes: each row created, updated or unchanged, each relationship removed, each person marked departed."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from relgraph.loaders import Table
from relgraph.schema import KINDS

__all__ = ["Change", "CHANGES", "WHOLE_TRUTH", "diff", "summary"]

CHANGES = ("created", "updated", "unchanged", "removed", "departed")
# Kinds whose file is the whole truth within the account: what it no longer lists is removed.
WHOLE_TRUTH = ("influence", "stances", "owners", "contacts", "bid_team", "targets", "activities", "procurement")
# The nodes a relationship row joins: column -> kind, to show the row by their names. (A target, an activity and
# a procurement step are shown by their key: what they are about.)
_ENDS = {kind: KINDS[kind].references for kind in WHOLE_TRUTH if kind not in ("targets", "activities", "procurement")}
# Columns whose empty cell keeps the stored value (the upsert uses coalesce).
_KEPT_WHEN_EMPTY = {"account": ("name", "tier"), "vendors": ("name",), "team": ("name",)}


class Change(NamedTuple):  # a tuple, not a dataclass: a load of 850,000 rows makes one per row
    kind: str
    key: str  # the row's id, or its key columns joined by /
    change: str  # one of CHANGES
    fields: tuple[str, ...] = ()  # for updates: "column: old -> new"
    name: str | None = None  # the row's name; for a relationship, the names of the nodes it joins
    key_values: tuple = ()  # the row's key as stored (`key` is it shown)

    def as_row(self, account: str) -> dict:
        return {"account": account, "kind": self.kind, "id": self.key, "name": self.name, "change": self.change,
                "fields": "; ".join(self.fields)}


def diff(tables: dict[str, Table], state: dict[str, dict[tuple, dict]], departed: list[str] = ()) -> list[Change]:
    """The change each row of `tables` makes to the stored `state`, by kind in load order."""
    changes: list[Change] = []
    names = _names(tables, state)
    for kind, table in tables.items():
        if kind == "reporting_lines":
            changes += _reporting(table, state.get("stakeholders", {}))
            continue
        spec = KINDS[kind]
        stored = state.get(kind, {})
        seen = set()
        for row in table.rows:
            key = spec.key_of(row)
            seen.add(key)
            old = stored.get(key)
            shown = _shown_key(key)
            name = row.get("name") if kind not in _ENDS else _joined(kind, row, names)
            if old is None:
                changes.append(Change(kind, shown, "created", name=name, key_values=key))
                continue
            kept = _KEPT_WHEN_EMPTY.get(kind, ())
            fields = tuple(f"{c.name}: {_show(old.get(c.name))} -> {_show(row[c.name])}" for c in spec.columns
                           if _differs(old.get(c.name), row[c.name]) and not (c.name in kept and row[c.name] is None))
            changes.append(Change(kind, shown, "updated" if fields else "unchanged", fields, name, key))
        if kind in WHOLE_TRUTH:
            seen.update(spec.key_of(row) for row in table.kept)
            changes += [Change(kind, _shown_key(key), "removed", key_values=key,
                               name=_joined(kind, stored[key], names) if kind in _ENDS else None)
                        for key in sorted(stored, key=str) if key not in seen]
    people = state.get("stakeholders", {})
    changes += [Change("stakeholders", id_, "departed", ("status: active -> departed",),
                       people.get((id_,), {}).get("name"), (id_,)) for id_ in departed]
    return changes


def _shown_key(key: tuple) -> str:
    """A key as a change report shows it: its parts joined by /, the empty ones left out (a target's key holds
    only what its scope takes)."""
    return "/".join(str(part) for part in key if part is not None)


def _names(tables: dict[str, Table], state: dict[str, dict[tuple, dict]]) -> dict[tuple[str, str], str]:
    """(kind, id) -> name of every node a relationship may join, stored or being loaded."""
    names = {}
    for kind in ("stakeholders", "vendors", "team", "bids"):
        names.update(((kind, id_), row["name"]) for (id_,), row in state.get(kind, {}).items() if row.get("name"))
        if kind in tables:
            names.update(((kind, row["id"]), row["name"]) for row in tables[kind].rows if row.get("name"))
    return names


def _joined(kind: str, row: dict, names: dict[tuple[str, str], str]) -> str:
    """A relationship row shown by the names of the nodes it joins, e.g. "Li Wei → 王总"."""
    return " → ".join(names.get((target, row[column]), row[column]) for column, target in _ENDS[kind].items())


def _reporting(table: Table, people: dict) -> list[Change]:
    changes = []
    for row in table.rows:
        old = people.get((row["id"],), {}).get("manager_id")
        if old == row["manager_id"]:
            changes.append(Change("reporting_lines", row["id"], "unchanged", key_values=(row["id"],)))
        else:
            changes.append(Change("reporting_lines", row["id"], "created" if old is None else "updated",
                                  (f"manager_id: {_show(old)} -> {_show(row['manager_id'])}",),
                                  key_values=(row["id"],)))
    return changes


def _differs(old, new) -> bool:
    if old in (None, []) and new in (None, []):
        return False
    return old != new


def _show(value) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, list):
        return ";".join(map(str, value)) or "(empty)"
    return str(value)


def summary(account: str, rows_read: dict[str, int], changes: list[Change]) -> list[dict]:
    """One row per kind: rows read, and how many were created, updated, unchanged, removed, departed."""
    counts = Counter((change.kind, change.change) for change in changes)
    return [{"account": account, "kind": kind, "rows": count, **{c: counts[kind, c] for c in CHANGES}}
            for kind, count in rows_read.items()]

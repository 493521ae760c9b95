"""Stored relationships a load keeps although its sheets no longer list them: a departed person's, and the stances a
positioning table leaves blank."""

from __future__ import annotations

from relgraph.loaders.canonical import Table
from relgraph.schema import KINDS

__all__ = ["KEPT_FOR_DEPARTED", "keep_departed", "keep_unmentioned"]

State = dict[str, dict[tuple, dict]]  # as relgraph.state has it
# The relationships that stay a departed person's history: their stances and our touchpoints with them.
KEPT_FOR_DEPARTED = ("stances", "contacts")


def keep_departed(tables: dict[str, Table], stored: State, departed: list[str]) -> None:
    """Keep the stored stances and touchpoints of the people a load does not speak for: those departed after it
    (marked so before, by a status column or by `departed`, what --prune marks) and, when the load has a
    stakeholders table, those it does not list."""
    people = tables.get("stakeholders")
    status = {id_: row.get("status") for (id_,), row in stored.get("stakeholders", {}).items()}
    if people is not None:
        status.update((row["id"], row.get("status")) for row in people.rows)
    listed = None if people is None else {row["id"] for row in people.rows}
    gone = set(departed) | {id_ for id_, value in status.items() if value == "departed" or
                            (listed is not None and id_ not in listed)}
    for kind in KEPT_FOR_DEPARTED:
        table = tables.get(kind)
        if table is None or not gone:
            continue
        key_of = KINDS[kind].key_of
        present = {key_of(row) for row in table.rows} | {key_of(row) for row in table.kept}
        table.kept += [row for key, row in sorted(stored.get(kind, {}).items(), key=str)
                       if row["stakeholder_id"] in gone and key not in present]


def keep_unmentioned(table: Table, stored: State) -> None:
    """Keep every stored stance a positioning table does not fill: a blank cell is no news, not a removal."""
    key_of = KINDS["stances"].key_of
    present = {key_of(row) for row in table.rows}
    table.kept = [row for key, row in sorted(stored.get("stances", {}).items(), key=str) if key not in present]

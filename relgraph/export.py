"""Exports of one account: the canonical account folder, GraphML and GEXF for Gephi/yEd, one JSON bundle."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

from relgraph.errors import RelgraphError
from relgraph.files import make_private_folder, write_private
from relgraph.loaders.bundle import BUNDLE_FORMAT
from relgraph.loaders.mapping import STANCE_HEADERS, normalise_header
from relgraph.loaders.workbook import POSITIONING, SHEET_NAMES
from relgraph.schema import ID_PREFIXES, KINDS, cell_text, escape_cell, name_key
from relgraph.account import Account
from relgraph.state import State, rows_of, sorted_rows

__all__ = ["export_account", "csv_cell", "to_graph", "BUNDLE_FORMAT", "EXPORT_FORMATS"]

EXPORT_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".xlsx": "xlsx"}


def csv_cell(value) -> str:
    """A value as a CSV cell of the account folder; a cell a spreadsheet would run as a formula gets a leading apostrophe.

    >>> csv_cell("=HYPERLINK(\\"x\\")"), csv_cell(["approver", "user"]), csv_cell(None), csv_cell("'a")
    ('\\'=HYPERLINK("x")', 'approver;user', '', "''a")
    """
    return escape_cell(cell_text(value))


def export_account(account: Account, to: str | Path, *, redact: bool = False, known: State | None = None) -> list[dict]:
    """Write `account` to `to`: a folder (the account folder), FILE.graphml, FILE.gexf, FILE.json or FILE.xlsx.

    Returns one {file, kind, rows} per file or kind written. With `redact`,
    people's ids, names, titles, e-mails and notes are pseudonyms (see
    relgraph.privacy). A workbook names a node by its name wherever no other
    node of `known` (default: the account; pass the store's state, whose
    vendors and team are shared) has that name or id.
    """
    to = Path(to)
    state = rows_of(account)
    if redact:
        from relgraph.privacy import redact_state

        state = redact_state(state)
    fmt = EXPORT_FORMATS.get(to.suffix.lower())
    if fmt is None and to.suffix and not to.is_dir():
        raise RelgraphError(f"cannot tell the export format of {str(to)!r}: use --to DIR for the account folder, "
                            f"or a file ending {', '.join(EXPORT_FORMATS)}")
    if fmt is None:
        return _write_folder(state, to)
    if to.is_dir():
        raise RelgraphError(f"{str(to)!r} is a folder; give a file name ending {to.suffix}")
    if fmt == "xlsx":
        return _write_workbook(state, to, state if redact or known is None else known)
    if fmt == "json":
        bundle = {"format": BUNDLE_FORMAT, "version": 1, "account": account.id,
                  "kinds": {kind: sorted_rows(state, kind) for kind in KINDS}}
        write_private(to, json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8"))
        return [{"file": str(to), "kind": kind, "rows": len(state[kind])} for kind in KINDS]
    G = to_graph(state)
    import networkx as nx

    buffer = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(G, buffer)
    write_private(to, buffer.getvalue())
    return [{"file": str(to), "kind": "nodes", "rows": G.number_of_nodes()},
            {"file": str(to), "kind": "edges", "rows": G.number_of_edges()}]


def _write_folder(state, folder: Path) -> list[dict]:
    if folder.exists() and not folder.is_dir():
        raise RelgraphError(f"{str(folder)!r} is a file; --to names a folder for the account folder")
    make_private_folder(folder)
    written = []
    for kind, spec in KINDS.items():
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        columns = [c.name for c in spec.columns]
        writer.writerow(columns)
        rows = sorted_rows(state, kind)
        writer.writerows([csv_cell(row.get(c)) for c in columns] for row in rows)
        write_private(folder / spec.filename, buffer.getvalue())
        written.append({"file": str(folder / spec.filename), "kind": kind, "rows": len(rows)})
    return written


# A workbook's headers for the columns that refer to a node: there they hold its name (see _Names).
_NAMED_HEADERS = {"parent_id": "parent department", "department_id": "department", "manager_id": "manager",
                  "source_id": "source", "target_id": "target", "stakeholder_id": "stakeholder", "vendor_id": "vendor",
                  "team_member_id": "team member", "bid_id": "bid", "owner_id": "owner",
                  "stakeholder_ids": "customer participants", "team_member_ids": "our participants"}


def _write_workbook(state: State, to: Path, known: State) -> list[dict]:
    """One sheet per kind, named as `relgraph load` reads it, and a positioning table; stances sheet: the details."""
    from openpyxl import Workbook

    names = _Names(known)
    book = Workbook(write_only=True)
    written = []
    positioning = bool(state["vendors"])  # then it holds the stances, and the stances sheet their details
    for kind, spec in KINDS.items():
        columns = [c for c in spec.columns if not (positioning and kind == "stances" and c.name == "stance")]
        sheet = book.create_sheet(SHEET_NAMES[kind][0])
        sheet.append([_NAMED_HEADERS.get(c.name, c.name) if c.refers else c.name for c in columns])
        rows = sorted_rows(state, kind)
        for row in rows:
            sheet.append([names.cell(c.refers, row.get(c.name)) if c.refers else _xlsx_cell(row.get(c.name))
                          for c in columns])
        written.append({"file": f"{to}[{sheet.title}]", "kind": kind, "rows": len(rows)})
    if positioning:
        written.append(_positioning_sheet(book, state, names, to))
    buffer = io.BytesIO()
    book.save(buffer)
    write_private(to, buffer.getvalue())
    return written


def _positioning_sheet(book, state: State, names: "_Names", to: Path) -> dict:
    """One row per person, one column per vendor (ours first), each cell the person's stance toward it."""
    vendors = sorted(state["vendors"].values(), key=lambda v: (not v["is_us"], v["id"]))
    sheet = book.create_sheet(SHEET_NAMES[POSITIONING][0])
    sheet.append([_NAMED_HEADERS["stakeholder_id"], *(names.header(v["id"]) for v in vendors)])
    people = sorted_rows(state, "stakeholders")
    for person in people:
        stances = [state["stances"].get((person["id"], v["id"])) for v in vendors]
        sheet.append([names.cell("stakeholders", person["id"]), *(s and s["stance"] for s in stances)])
    return {"file": f"{to}[{sheet.title}]", "kind": POSITIONING, "rows": len(people)}


_SEPARATOR = re.compile("[;；,，、]")  # what separates the names of a list cell when a workbook is read


class _Names:
    """What a workbook shows for a node it refers to: its name, unless the name could be read as another node."""

    def __init__(self, state: State):
        self._shown = {}
        for kind in ID_PREFIXES:
            rows = state.get(kind, {}).values()
            ids = {row["id"] for row in rows}
            counts = Counter(name_key(row["name"]) for row in rows if row.get("name"))
            self._shown[kind] = {row["id"]: row["name"] for row in rows if row.get("name") and row["name"] not in ids
                                 and counts[name_key(row["name"])] == 1}

    def cell(self, kind: str, id_: str | list[str] | None) -> str | None:
        """The cell naming a node, or several (an activity's participants, separated by ';')."""
        if isinstance(id_, list):  # a name that holds a separator is shown by its id, so that it reads back whole
            shown = [self._shown[kind].get(one, one) for one in id_]
            return escape_cell(";".join(s if not _SEPARATOR.search(s) else one for s, one in zip(shown, id_))) or None
        return None if id_ is None else escape_cell(self._shown[kind].get(id_, id_))

    def header(self, vendor_id: str) -> str:
        """A vendor's column of the positioning table: its name, or its id where the name is a header of stances."""
        shown = self.cell("vendors", vendor_id)
        return vendor_id if normalise_header(shown) in STANCE_HEADERS else shown


def _xlsx_cell(value):
    """A value as a workbook cell: a number stays one, anything else is text that never runs as a formula."""
    return value if isinstance(value, int) and not isinstance(value, bool) else csv_cell(value) or None


_EDGES = {"influence": ("INFLUENCES", "Stakeholder", "source_id", "Stakeholder", "target_id"),
          "stances": ("STANCE", "Stakeholder", "stakeholder_id", "Vendor", "vendor_id"),
          "owners": ("OWNS", "TeamMember", "team_member_id", "Stakeholder", "stakeholder_id"),
          "contacts": ("CONTACTED", "TeamMember", "team_member_id", "Stakeholder", "stakeholder_id"),
          "bid_team": ("ON_BID_TEAM", "Stakeholder", "stakeholder_id", "Bid", "bid_id")}
_NODES = {"account": "Account", "departments": "Department", "stakeholders": "Stakeholder", "bids": "Bid",
          "vendors": "Vendor", "team": "TeamMember"}
_LINKS = {"parent_id": ("PART_OF", "Department"), "department_id": ("MEMBER_OF", "Department"),
          "manager_id": ("REPORTS_TO", "Stakeholder")}


def to_graph(state):
    """A networkx MultiDiGraph of an account: nodes `Label:id` with `label` (the name) and `kind`, edges with their `relation`.

    Lists become ;-joined text and empty values are left out, as GraphML and
    GEXF want; the id is in the node key only (GEXF would take an `id`
    attribute for the node's own id).
    """
    import networkx as nx

    G = nx.MultiDiGraph()
    for kind, label in _NODES.items():
        for row in sorted_rows(state, kind):
            attributes = {k: _attribute(v) for k, v in row.items() if v not in (None, []) and k not in _LINKS and k != "id"}
            G.add_node(f"{label}:{row['id']}", kind=label, label=str(row.get("name") or row["id"]), **attributes)
    for kind, label in (("departments", "Department"), ("stakeholders", "Stakeholder")):
        for row in sorted_rows(state, kind):
            for column, (type_, target) in _LINKS.items():
                if row.get(column):
                    G.add_edge(f"{label}:{row['id']}", f"{target}:{row[column]}", relation=type_)
    for kind, (type_, source_label, source, target_label, target) in _EDGES.items():
        for row in sorted_rows(state, kind):
            attributes = {k: _attribute(v) for k, v in row.items() if v is not None and k not in (source, target)}
            G.add_edge(f"{source_label}:{row[source]}", f"{target_label}:{row[target]}", relation=type_, **attributes)
    return G


def _attribute(value):
    return ";".join(value) if isinstance(value, list) else value

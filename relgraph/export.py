"""Exports of one account: the canonical account folder, GraphML and GEXF for Gephi/yEd, one JSON bundle."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from relgraph.errors import RelgraphError
from relgraph.files import make_private_folder, write_private
from relgraph.loaders.bundle import BUNDLE_FORMAT
from relgraph.schema import KINDS, cell_text, escape_cell
from relgraph.account import Account
from relgraph.state import rows_of, sorted_rows

__all__ = ["export_account", "csv_cell", "to_graph", "BUNDLE_FORMAT", "EXPORT_FORMATS"]

EXPORT_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}


def csv_cell(value) -> str:
    """A value as a CSV cell of the account folder; a cell a spreadsheet would run as a formula gets a leading apostrophe.

    >>> csv_cell("=HYPERLINK(\\"x\\")"), csv_cell(["approver", "user"]), csv_cell(None), csv_cell("'a")
    ('\\'=HYPERLINK("x")', 'approver;user', '', "''a")
    """
    return escape_cell(cell_text(value))


def export_account(account: Account, to: str | Path, *, redact: bool = False) -> list[dict]:
    """Write `account` to `to`: a folder (the account folder), FILE.graphml, FILE.gexf or FILE.json.

    Returns one {file, kind, rows} per file or kind written. With `redact`,
    people's ids, names, titles, e-mails and notes are pseudonyms (see
    relgraph.privacy).
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

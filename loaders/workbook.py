"""A team's whole workbook: which kind each sheet holds, told by its name (English or Chinese) or `--sheet NAME=KIND`.

A positioning-table sheet holds stances (one column per vendor); a stances sheet
beside it may give their details (level, confidence, as of, source) without a
stance column: `combine_stances` joins the two.
"""

from __future__ import annotations

from pathlib import Path

from relgraph.errors import Problem
from relgraph.loaders.canonical import Table
from relgraph.loaders.files import MAX_SIZE
from relgraph.loaders.mapping import EXPORT_KINDS, IGNORE, Export, listed, normalise_header, parse_export
from relgraph.loaders.names import resolve_export
from relgraph.loaders.sheets import sheet_names
from relgraph.schema import KINDS

__all__ = ["POSITIONING", "SHEET_NAMES", "kind_of_sheet", "combine_stances", "parse_workbook", "resolve_workbook"]

State = dict[str, dict[tuple, dict]]  # as relgraph.state has it
_ORDER = EXPORT_KINDS

POSITIONING = "positioning"  # a sheet kind of its own: stances, one column per vendor
# Sheet kind -> the names a sheet of it may have; the first is the one `relgraph export` writes.
SHEET_NAMES = {
    "account": ("account", "客户", "客户信息"),
    "departments": ("departments", "部门", "部门列表"),
    "stakeholders": ("stakeholders", "people", "org chart", "人员", "组织架构", "人员名单", "联系人"),
    POSITIONING: ("positioning", "positioning table", "站位表", "站位", "立场表"),
    "stances": ("stances", "stance details", "立场", "态度"),
    "influence": ("influence", "影响", "影响关系"),
    "vendors": ("vendors", "competitors", "厂商", "竞争对手"),
    "team": ("team", "our team", "我方团队", "团队"),
    "owners": ("owners", "负责人", "客户负责人"),
    "contacts": ("contacts", "visits", "touchpoints", "拜访", "拜访记录"),
    "bids": ("bids", "projects", "项目", "招标项目"),
    "bid_team": ("bid team", "评委", "评标团队", "评委会"),
    "targets": ("targets", "plan", "relationship plan", "目标", "关系目标", "关系规划"),
    "reporting_lines": ("reporting lines", "汇报关系"),
}
SHEET_KINDS = (*EXPORT_KINDS, POSITIONING)
_BY_NAME = {normalise_header(name): kind for kind, names in SHEET_NAMES.items() for name in (kind, *names)}


def kind_of_sheet(name: str) -> str | None:
    """The kind a sheet's name says it holds (case, spaces and _ ignored), or None."""
    return _BY_NAME.get(normalise_header(name))


def combine_stances(positions: Table, details: Table) -> tuple[Table, list[Problem]]:
    """The stances of a positioning table with the details a stances sheet gives them, one row per stance.

    The table says which stances there are; a details row with no stance in it is a problem, as is one whose
    own stance differs.
    """
    key_of = KINDS["stances"].key_of
    rows = {key_of(row): dict(row) for row in positions.rows}
    problems = []
    for index, row in enumerate(details.rows):
        position = rows.get(key_of(row))
        if position is None:
            problems.append(details.problem(index, "vendor_id", row["vendor_id"],
                                            f"the positioning table ({positions.file}) gives this person no stance "
                                            "toward this vendor; fill its cell there, or delete this row"))
        elif "stance" in details.headers and row["stance"] and row["stance"] != position["stance"]:
            problems.append(details.problem(index, "stance", row["stance"],
                                            f"differs from {position['stance']!r} in the positioning table "
                                            f"({positions.file}); make them agree"))
        else:
            position.update({k: v for k, v in row.items() if k != "stance"})
    table = Table(positions.kind, positions.file, list(rows.values()), list(positions.lines), dict(positions.headers))
    return table, problems


def parse_workbook(path: str | Path, overrides: dict[str, str], max_size: int = MAX_SIZE
                   ) -> tuple[list[Export], list[str], list[Problem]]:
    """Every sheet of a workbook that says what it holds, read as that kind, with notes on how each sheet was
    read and which were ignored; `overrides` (sheet -> kind, or ignore) decide first."""
    names, problem = sheet_names(path, max_size)
    if problem:
        return [], [], [problem]
    unknown = [Problem("(command line)", None, "--sheet", f"{name}={kind}",
                       f"{path} has no sheet {name!r}; it has {listed(names, quote=True)}")
               for name, kind in overrides.items() if name not in names]
    kinds = {name: overrides.get(name) or kind_of_sheet(name) for name in names}
    notes = [f"{path}: sheet {name!r} read as {kind}{' (--sheet)' if name in overrides else ''}"
             for name, kind in kinds.items() if kind and kind not in IGNORE]
    ignored = [name for name, kind in kinds.items() if not kind or kind in IGNORE]
    if ignored:
        notes.append(f"{path}: ignored sheet(s) {listed(ignored, quote=True)}: their names say no kind of rows; "
                     f"name a sheet's kind with --sheet NAME=KIND ({', '.join(SHEET_KINDS)})")
    kinds = {name: kind for name, kind in kinds.items() if name not in ignored}
    if not kinds:
        return [], notes, [*unknown, Problem(str(path), None, None, None, "has no sheet whose name says what it holds; "
                                             "name each sheet's kind with --sheet NAME=KIND")]
    positioning = POSITIONING in kinds.values()
    exports, problems = [], list(unknown)
    for name, kind in kinds.items():
        optional = ("stance",) if kind == "stances" and positioning else ()
        export, found = parse_export(path, "stances" if kind == POSITIONING else kind, sheet=name,
                                     max_size=max_size, optional=optional)
        if kind == POSITIONING and not export.vendor_columns and not found:
            found = [Problem(export.file, None, None, None, "is a positioning table but has no vendor columns: "
                             "the person's column, then one column per vendor")]
        export.notes = [n for n in export.notes if not n.startswith(f"{path}: read sheet ")]  # said above, once
        exports.append(export)
        problems += found
    return exports, notes, problems


def resolve_workbook(exports: list[Export], stored: State) -> tuple[dict[str, Table], list[Problem]]:
    """The sheets' tables, names resolved against the sheets read before (in load order) and `stored`."""
    seen = {kind: dict(rows) for kind, rows in stored.items()}
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    positions = None  # the positioning table's stances, which a stances sheet may give details of
    for export in sorted(exports, key=lambda e: (_ORDER.index(e.kind), not e.vendor_columns)):
        resolved, found = resolve_export(export, seen)
        problems += found
        for kind, table in resolved.items():
            if kind in KINDS:
                seen[kind] = {**seen.get(kind, {}), **{KINDS[kind].key_of(row): row for row in table.rows}}
            if kind not in tables:
                tables[kind] = table
                positions = table if export.vendor_columns else positions
            elif kind == "stances" and tables[kind] is positions and not export.vendor_columns:
                tables[kind], found = combine_stances(positions, table)
                problems += found
            elif kind == "departments" and table.file != tables[kind].file:  # new departments a stakeholders sheet names
                tables[kind].rows += table.rows
                tables[kind].lines += table.lines
            else:
                problems.append(Problem(table.file, None, None, None, f"holds {kind}, as {tables[kind].file} does; "
                                        "keep one, or ignore one with --sheet NAME=ignore"))
    return tables, problems

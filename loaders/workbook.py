"""A team's whole workbook: which kind each sheet holds, told by `--sheet NAME=KIND`, its name (English or Chinese) or
else its header (see header_kinds.py).

A positioning-table sheet holds stances (one column per vendor); a stances sheet
beside it may give their details (level, confidence, as of, source) without a
stance column: `combine_stances` joins the two.
"""

from __future__ import annotations

from pathlib import Path

from relgraph.errors import Problem
from relgraph.loaders.canonical import Table
from relgraph.loaders.files import MAX_SIZE
from relgraph.loaders.header_kinds import POSITIONING, ambiguous, guess_sheet
from relgraph.loaders.mapping import EXPORT_KINDS, IGNORE, Export, listed, normalise_header, parse_export
from relgraph.loaders.names import MATCH_BY, resolve_export
from relgraph.loaders.sheets import sheet_names
from relgraph.schema import KINDS

__all__ = ["POSITIONING", "SHEET_NAMES", "kind_of_sheet", "combine_stances", "parse_workbook", "resolve_workbook"]

State = dict[str, dict[tuple, dict]]  # as relgraph.state has it
_ORDER = EXPORT_KINDS

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
    "activities": ("activities", "organisational activities", "organizational activities", "组织活动", "活动",
                   "高层活动", "公司活动"),
    "procurement": ("procurement", "procurement steps", "采购流程", "采购环节", "招采流程"),
    "reporting_lines": ("reporting lines", "汇报关系"),
}
SHEET_KINDS = (*EXPORT_KINDS, POSITIONING)
_BY_NAME = {normalise_header(name): kind for kind, names in SHEET_NAMES.items() for name in (kind, *names)}


def kind_of_sheet(name: str) -> str | None:
    """The kind a sheet's name says it holds (case, spaces and _ ignored), or None."""
    return _BY_NAME.get(normalise_header(name))


def combine_stances(positions: Table, details: Table) -> tuple[Table, list[Problem]]:
    """The stances of a positioning table with the details a stances sheet gives them, one row per stance.

    Together they are the whole truth of the stances: those the table fills and those the details sheet lists.
    A details row whose cell in the table is blank keeps the stored stance; with none stored it is a problem, as
    is a details row whose own stance differs from the table's.
    """
    key_of = KINDS["stances"].key_of
    rows = {key_of(row): dict(row) for row in positions.rows}
    lines = dict(zip(rows, positions.lines))
    blank = {key_of(row): row for row in positions.kept}  # stored stances whose cell is blank
    problems = []
    for index, row in enumerate(details.rows):
        key = key_of(row)
        position = rows.get(key)
        if position is None and key in blank:
            position = rows[key] = dict(blank[key])
            lines[key] = details.lines[index]
            if "stance" in details.headers and row["stance"]:
                position["stance"] = row["stance"]
        if position is None:
            problems.append(details.problem(index, "vendor_id", row["vendor_id"],
                                            f"the positioning table ({positions.file}) gives this person no stance "
                                            "toward this vendor, nor does the store; fill its cell there, or delete "
                                            "this row"))
        elif "stance" in details.headers and row["stance"] and row["stance"] != position["stance"]:
            problems.append(details.problem(index, "stance", row["stance"],
                                            f"differs from {position['stance']!r} in the positioning table "
                                            f"({positions.file}); make them agree"))
        else:
            position.update({k: v for k, v in row.items() if k != "stance"})
    table = Table(positions.kind, positions.file, list(rows.values()), [lines[key] for key in rows],
                  dict(positions.headers))
    return table, problems


def parse_workbook(path: str | Path, overrides: dict[str, str], max_size: int = MAX_SIZE
                   ) -> tuple[list[Export], list[str], list[Problem]]:
    """Every sheet of a workbook whose name or header says what it holds, read as that kind, with notes on how
    each sheet was read and which were ignored; `overrides` (sheet -> kind, or ignore) decide first."""
    names, problem = sheet_names(path, max_size)
    if problem:
        return [], [], [problem]
    unknown = [Problem("(command line)", None, "--sheet", f"{name}={kind}",
                       f"{path} has no sheet {name!r}; it has {listed(names, quote=True)}")
               for name, kind in overrides.items() if name not in names]
    kinds, notes, problems = _sheet_kinds(path, names, overrides, max_size)
    problems = [*unknown, *problems]
    if not kinds:
        return [], notes, [*problems, Problem(str(path), None, None, None, "has no sheet whose name or header says "
                                              "what it holds; name each sheet's kind with --sheet NAME=KIND")]
    positioning = POSITIONING in kinds.values()
    exports = []
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


def _sheet_kinds(path, names: list[str], overrides: dict[str, str], max_size: int
                 ) -> tuple[dict[str, str], list[str], list[Problem]]:
    """The kind of each sheet to read, by --sheet, by its name or else by its header, with a note on how each was
    told and which were ignored; a header that fits two kinds alike is a problem, not a guess."""
    kinds, notes, problems, ignored, skipped = {}, [], [], [], []
    for name in names:
        kind, how = overrides.get(name), "--sheet"
        if kind is None:
            kind, how = kind_of_sheet(name), "by its name"
        if kind is None:
            guess, problem = guess_sheet(path, name, max_size)
            kind, how = guess.kind, f"by its header: {listed(guess.cells, quote=True)}"
            if problem or len(guess.fits) > 1:
                problems.append(problem or ambiguous(f"{path}[{name}]", guess, name))
                continue
        if kind in IGNORE:
            skipped.append(name)
        elif kind:
            kinds[name] = kind
            notes.append(f"{path}: sheet {name!r} read as {kind} ({how})")
        else:
            ignored.append(name)
    if skipped:
        notes.append(f"{path}: ignored sheet(s) {listed(skipped, quote=True)} (--sheet)")
    if ignored:
        notes.append(f"{path}: ignored sheet(s) {listed(ignored, quote=True)}: neither their names nor their headers "
                     f"say a kind of rows; name a sheet's kind with --sheet NAME=KIND ({', '.join(SHEET_KINDS)})")
    return kinds, notes, problems


def resolve_workbook(exports: list[Export], stored: State, match_by: str = MATCH_BY[0]
                     ) -> tuple[dict[str, Table], list[Problem]]:
    """The sheets' tables, names resolved against the sheets read before (in load order) and `stored`."""
    seen = {kind: dict(rows) for kind, rows in stored.items()}
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    positions = None  # the positioning table's stances, which a stances sheet may give details of
    for export in sorted(exports, key=lambda e: (_ORDER.index(e.kind), not e.vendor_columns)):
        resolved, found = resolve_export(export, seen, match_by)
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

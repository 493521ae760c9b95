"""The account folder, relgraph's canonical input: one UTF-8 CSV file per kind of row."""

from __future__ import annotations

import csv
import io
import operator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from relgraph import model
from relgraph.errors import InputError, Problem
from relgraph.loaders.fields import Parser, boolean, integer, iso_date, list_of, one_of, text

__all__ = ["Column", "Kind", "KINDS", "REPORTING", "Table", "read_file", "read_folder", "parse_file", "parse_folder",
           "FORMULA_STARTS", "cell_text", "escape_cell", "unescape_cell"]


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser = text
    required: bool = False
    refers: str | None = None  # the kind of node whose id the column holds


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def references(self) -> dict[str, str]:
        """Column -> the kind of node it names, for the columns that hold another node's id."""
        return {c.name: c.refers for c in self.columns if c.refers}

    @cached_property
    def cell_parsers(self) -> tuple[tuple[str, Parser | None, bool, object], ...]:
        """(name, parser or None for text, required, default) per column, worked out once for `parse_cells`."""
        return tuple((c.name, None if c.parse is text else c.parse, c.required, DEFAULTS.get((self.name, c.name)))
                     for c in self.columns)

    @cached_property
    def key_of(self) -> Callable[[dict], tuple]:
        """A row's key as a tuple; an itemgetter, because a big load asks it of every row several times."""
        if len(self.key) == 1:
            name = self.key[0]
            return lambda row: (row[name],)
        return operator.itemgetter(*self.key)


def _kind(name: str, key: tuple[str, ...], *columns: Column) -> Kind:
    return Kind(name, columns, key)


C = Column
PERSON = C("stakeholder_id", required=True, refers="stakeholders")
KINDS: dict[str, Kind] = {k.name: k for k in (
    _kind("account", ("id",), C("id", required=True), C("name"), C("tier", one_of(model.TIERS))),
    _kind("departments", ("id",), C("id", required=True), C("name", required=True),
          C("function", one_of(model.FUNCTIONS)), C("parent_id", refers="departments")),
    _kind("stakeholders", ("id",), C("id", required=True), C("name", required=True), C("title"),
          C("department_id", refers="departments"), C("layer", one_of(model.LAYERS)),
          C("roles", list_of(model.ROLES)), C("influence", integer(1, 5)), C("manager_id", refers="stakeholders"),
          C("last_contact", iso_date), C("status", one_of(model.STATUSES)), C("notes"), C("email")),
    _kind("influence", ("source_id", "target_id"), C("source_id", required=True, refers="stakeholders"),
          C("target_id", required=True, refers="stakeholders"), C("strength", integer(1, 5)),
          C("kind", one_of(model.INFLUENCE_KINDS))),
    _kind("vendors", ("id",), C("id", required=True), C("name"), C("is_us", boolean)),
    _kind("stances", ("stakeholder_id", "vendor_id"), PERSON, C("vendor_id", required=True, refers="vendors"),
          C("stance", one_of(model.STANCES), required=True), C("level", one_of(model.LEVELS)),
          C("confidence", one_of(model.CONFIDENCES)), C("as_of", iso_date), C("source")),
    _kind("team", ("id",), C("id", required=True), C("name")),
    _kind("owners", ("team_member_id", "stakeholder_id"), C("team_member_id", required=True, refers="team"),
          PERSON, C("since", iso_date)),
    _kind("contacts", ("team_member_id", "stakeholder_id", "date", "kind"),
          C("team_member_id", required=True, refers="team"), PERSON, C("date", iso_date, required=True),
          C("kind", one_of(model.CONTACT_KINDS))),
    _kind("bids", ("id",), C("id", required=True), C("name"), C("due", iso_date), C("stage")),
    _kind("bid_team", ("bid_id", "stakeholder_id"), C("bid_id", required=True, refers="bids"), PERSON,
          C("role", one_of(model.ROLES))),
)}
# Not a file of the account folder: a two-column export of who reports to whom (see exports.py).
REPORTING = _kind("reporting_lines", ("id",), C("id", required=True, refers="stakeholders"),
                  C("manager_id", required=True, refers="stakeholders"))

# Values a column takes when its cell is empty or the column is absent.
DEFAULTS = {("stakeholders", "roles"): [], ("stakeholders", "status"): "active",
            ("influence", "strength"): 3, ("vendors", "is_us"): False}


# A cell that begins with one of these is a formula to a spreadsheet. Exports
# write it with a leading apostrophe (OWASP's advice against CSV injection),
# and so does a cell that already begins with one; the reader strips exactly
# that apostrophe back (see `unescape_cell`).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value) -> str:
    """A row's value as the account folder writes it: lists joined by ';', booleans as true/false, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


def escape_cell(text: str) -> str:
    """A text as a CSV cell that a spreadsheet shows as text, never runs as a formula (`unescape_cell` undoes it).

    >>> escape_cell("=HYPERLINK(1)"), escape_cell("'a"), escape_cell("ok")
    ("'=HYPERLINK(1)", "''a", 'ok')
    """
    if text[:1] in FORMULA_STARTS or text[:1] == "'":
        return "'" + text
    return text


def unescape_cell(cell: str) -> str:
    """The value of a cell that an export wrote with a protecting apostrophe.

    >>> unescape_cell("'=SUM(A1)"), unescape_cell("''quoted"), unescape_cell("'ok")
    ('=SUM(A1)', "'quoted", "'ok")
    """
    if cell[:1] == "'" and cell[1:2] and (cell[1] in FORMULA_STARTS or cell[1] == "'"):
        return cell[1:]
    return cell


@dataclass
class Table:
    """The validated rows of one file; `lines[i]` is the line where `rows[i]` starts.

    `headers` maps a column name to the header text the file used for it (an
    export's own words, say 上级 for manager_id), so that problems name it.
    """

    kind: Kind
    file: str
    rows: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def problem(self, index: int | None, column: str | None, value, message: str) -> Problem:
        shown = None if value is None else str(value)
        line = self.lines[index] if index is not None else None
        return Problem(self.file, line, self.headers.get(column, column) if column else column, shown, message)


def read_folder(folder: str | Path) -> dict[str, Table]:
    """Read every known file of an account folder; raise InputError listing every problem."""
    tables, problems = parse_folder(folder)
    if problems:
        raise InputError(problems)
    return tables


def read_file(path: str | Path, kind: str) -> Table:
    """Read one canonical CSV file of the given kind; raise InputError listing every problem."""
    table, problems = parse_file(path, kind)
    if problems:
        raise InputError(problems)
    return table


def parse_folder(folder: str | Path) -> tuple[dict[str, Table], list[Problem]]:
    """The tables of an account folder and every problem found in them.

    A row with a bad cell is kept with that cell empty, so that checks across
    files still see its id; the problems say that nothing may be written.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return {}, [Problem(str(folder), None, None, None, "is not a folder")]
    names = ", ".join(k.filename for k in KINDS.values())
    problems = [Problem(str(p), None, None, None, f"unknown file; an account folder holds {names}")
                for p in sorted(folder.glob("*.csv")) if p.stem not in KINDS]
    present = {name: folder / kind.filename for name, kind in KINDS.items() if (folder / kind.filename).is_file()}
    if not present:
        problems.append(Problem(str(folder), None, None, None, f"holds none of the account-folder files ({names})"))
    tables = {}
    for name, path in present.items():
        tables[name], found = parse_file(path, name)
        problems += found
    return tables, problems


def parse_file(path: str | Path, kind: str) -> tuple[Table, list[Problem]]:
    """The table of one canonical CSV file and every problem found in it."""
    spec = KINDS[kind]
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return Table(spec, shown), [Problem(shown, None, None, None, f"cannot read the file: {error.strerror}")]
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Table(spec, shown), [Problem(shown, line, None, None, "is not UTF-8 text; save the file as 'CSV UTF-8'")]
    return _parse_rows(spec, shown, content)


def _parse_rows(spec: Kind, shown: str, content: str) -> tuple[Table, list[Problem]]:
    table = Table(spec, shown)
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = [h.strip() for h in next(reader, [])]
        problems = _check_header(spec, shown, header)
        if problems:
            return table, problems
        start = reader.line_num + 1
        for cells in reader:
            cells = [c.strip() for c in cells]
            if any(cells):
                problems += _parse_row(table, header, cells, start)
            start = reader.line_num + 1
    except csv.Error as error:
        problems.append(Problem(shown, reader.line_num, None, None, f"is not valid CSV: {error}"))
    return table, problems + _check_duplicates(table)


def _check_header(spec: Kind, shown: str, header: list[str]) -> list[Problem]:
    if not header:
        return [Problem(shown, 1, None, None, f"is empty; the first line must name the columns: {', '.join(c.name for c in spec.columns)}")]
    if len(header) > 2 * len(spec.columns):
        return [Problem(shown, 1, None, None, f"the header names {len(header):,} columns; {spec.filename} has at most "
                                              f"{len(spec.columns)}: {', '.join(c.name for c in spec.columns)}")]
    problems, seen = [], set()
    for name in header:
        if spec.column(name) is None:
            problems.append(Problem(shown, 1, name, None, f"unknown column; {spec.filename} has {', '.join(c.name for c in spec.columns)}"))
        elif name in seen:
            problems.append(Problem(shown, 1, name, None, "the column appears twice"))
        seen.add(name)
    for column in spec.columns:
        if column.required and column.name not in header:
            problems.append(Problem(shown, 1, column.name, None, "required column is missing from the header"))
    return problems


def _parse_row(table: Table, header: list[str], cells: list[str], line: int) -> list[Problem]:
    """Parse one row of stripped cells into `table`."""
    spec = table.kind
    if len(cells) > len(header):
        problem = Problem(table.file, line, None, None, f"has {len(cells)} cells but the header names {len(header)} columns")
        return [problem]
    values = dict(zip(header, [unescape_cell(c) if c[:1] == "'" else c for c in cells]))
    row, problems = parse_cells(spec, values, table.file, line, table.headers)
    table.rows.append(row)
    table.lines.append(line)
    return problems


def parse_cells(spec: Kind, values: dict[str, str], file: str, line: int,
                headers: dict[str, str] | None = None) -> tuple[dict, list[Problem]]:
    """One row of `spec` from its cells by column name, and the problems in it.

    An empty or absent cell takes the column's default; a bad cell is kept as
    None and reported, naming the column by its header text in `headers`.
    """
    row, problems = {}, []
    for name, parse, required, default in spec.cell_parsers:
        cell = values.get(name)
        if not cell:
            if required:
                problems.append(Problem(file, line, (headers or {}).get(name, name), "", "required value is empty"))
            row[name] = default
        elif parse is None:
            row[name] = cell
        else:
            try:
                row[name] = parse(cell)
            except ValueError as error:
                row[name] = None
                problems.append(Problem(file, line, (headers or {}).get(name, name), cell, str(error)))
    return row, problems


def _check_duplicates(table: Table) -> list[Problem]:
    seen: dict[tuple, int] = {}
    problems = []
    for index, row in enumerate(table.rows):
        key = table.kind.key_of(row)
        if None in key:
            continue
        if key in seen:
            problems.append(table.problem(index, ",".join(table.kind.key), "/".join(map(str, key)),
                                          f"duplicate of line {seen[key]}; each {'/'.join(table.kind.key)} may appear once"))
        else:
            seen[key] = table.lines[index]
    return problems

"""The account folder, relgraph's canonical input: one UTF-8 CSV file per kind of row."""

from __future__ import annotations

import csv
import os
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from relgraph.errors import InputError, Problem
from relgraph.loaders.files import MAX_SIZE, read_input
from relgraph.schema import KINDS, Kind, unescape_cell, unsafe_character

__all__ = ["STRAY_QUOTE", "Table", "read_file", "read_folder", "parse_file", "parse_folder", "parse_cells", "check_duplicates"]


STRAY_QUOTE = 'look for a stray quote (") from this line on'


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


def read_folder(folder: str | Path, max_size: int = MAX_SIZE) -> dict[str, Table]:
    """Read every known file of an account folder; raise InputError listing every problem."""
    tables, problems = parse_folder(folder, max_size)
    if problems:
        raise InputError(problems)
    return tables


def read_file(path: str | Path, kind: str, max_size: int = MAX_SIZE) -> Table:
    """Read one canonical CSV file of the given kind; raise InputError listing every problem."""
    table, problems = parse_file(path, kind, max_size)
    if problems:
        raise InputError(problems)
    return table


def parse_folder(folder: str | Path, max_size: int = MAX_SIZE) -> tuple[dict[str, Table], list[Problem]]:
    """The tables of an account folder and every problem found in them.

    A row with a bad cell is kept with that cell empty, so that checks across
    files still see its id; the problems say that nothing may be written. A
    kind's file that is not a regular file (a folder, a dangling link, a pipe)
    is a problem, not a file to skip.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return {}, [Problem(str(folder), None, None, None, "is not a folder")]
    names = ", ".join(k.filename for k in KINDS.values())
    problems = [Problem(str(p), None, None, None, f"unknown file; an account folder holds {names}")
                for p in sorted(folder.glob("*.csv")) if p.stem not in KINDS]
    present = {name: folder / kind.filename for name, kind in KINDS.items()
               if os.path.lexists(folder / kind.filename)}
    if not present:
        problems.append(Problem(str(folder), None, None, None, f"holds none of the account-folder files ({names})"))
    tables = {}
    for name, path in present.items():
        tables[name], found = parse_file(path, name, max_size)
        problems += found
    return tables, problems


def parse_file(path: str | Path, kind: str, max_size: int = MAX_SIZE) -> tuple[Table, list[Problem]]:
    """The table of one canonical CSV file and every problem found in it."""
    spec = KINDS[kind]
    shown = str(path)
    raw, problem = read_input(path, max_size)
    if problem:
        return Table(spec, shown), [problem]
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
    start = 1  # the line where the record being read begins: a stray quote's error is found only at its end
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
        problems.append(Problem(shown, start, None, None, f"is not valid CSV: {error}; {STRAY_QUOTE}"))
    return table, problems + check_duplicates(table)


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
    A cell holding a control character is bad; an id, compared exactly, is
    also bad with an invisible character in it, and is read in Unicode's
    composed form (NFC), so that `café` typed either way is one id.
    """
    row, problems = {}, []
    for name, parse, required, default, holds_id in spec.cell_parsers:
        cell = values.get(name)
        if not cell:
            if required:
                problems.append(Problem(file, line, (headers or {}).get(name, name), "", "required value is empty"))
            row[name] = default
            continue
        unsafe = unsafe_character(cell, holds_id)
        if unsafe:
            row[name] = None
            problems.append(Problem(file, line, (headers or {}).get(name, name), cell, unsafe))
            continue
        if holds_id:
            cell = unicodedata.normalize("NFC", cell)
        if parse is None:
            row[name] = cell
        else:
            try:
                row[name] = parse(cell)
            except ValueError as error:
                row[name] = None
                problems.append(Problem(file, line, (headers or {}).get(name, name), cell, str(error)))
    return row, problems


def check_duplicates(table: Table) -> list[Problem]:
    seen: dict[tuple, int] = {}
    problems = []
    required = [c.name for c in table.kind.columns if c.required and c.name in table.kind.key]
    for index, row in enumerate(table.rows):
        key = table.kind.key_of(row)
        if any(row[name] is None for name in required):  # a bad cell, reported already
            continue
        if key in seen:
            problems.append(table.problem(index, ",".join(table.kind.key), "/".join(str(k) for k in key if k is not None),
                                          f"duplicate of line {seen[key]}; each {'/'.join(table.kind.key)} may appear once"))
        else:
            seen[key] = table.lines[index]
    return problems

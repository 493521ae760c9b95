"""Spreadsheet files as they come: .xlsx sheets and CSV of any common delimiter and encoding, as a grid of text cells."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from relgraph.errors import Problem
from relgraph.loaders.canonical import STRAY_QUOTE
from relgraph.loaders.files import MAX_SIZE, read_input, too_big

__all__ = ["Grid", "BadGrid", "read_grid", "sheet_names", "decode", "sniff_delimiter", "ENCODINGS"]

# What is tried, in order, when no --encoding is given: UTF-8 (with or without
# a byte-order mark), then GB18030, the superset of GBK/GB2312 that Excel on
# Chinese Windows writes when a sheet is saved as plain "CSV".
ENCODINGS = ("utf-8", "gb18030")
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 10


@dataclass
class Grid:
    """The header and body of one sheet.

    `rows` yields (line or sheet row number, cells), empty rows too, read as
    it goes so that memory does not hold the file twice; it raises BadGrid
    with the problem when the rest of the file cannot be read.
    """

    file: str
    header: list[str] = field(default_factory=list)
    header_line: int = 1
    rows: Iterator[tuple[int, list[str]]] = iter(())
    notes: list[str] = field(default_factory=list)  # what a user should know: encoding guessed, lines skipped
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets
    sheet: str | None = None  # the sheet read
    unsaved: list[tuple[int, int]] = field(default_factory=list)  # (row, column index) of formulas with no saved value, as read


def read_grid(path: str | Path, *, sheet: str | None = None, encoding: str | None = None,
              is_header: Callable[[list[str]], bool] | None = None,
              max_size: int = MAX_SIZE) -> tuple[Grid, list[Problem]]:
    """Read a .xlsx or .csv file into a Grid, and the problems that kept it from being read.

    The header is the first non-empty row, or, when `is_header` is given, the
    first of the top rows it accepts (a title line above the table is skipped).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return Grid(str(path)), [Problem(str(path), None, None, None,
                                         "is an old Excel 97-2003 .xls file; open it in Excel and save it as .xlsx or 'CSV UTF-8'")]
    if sheet and suffix not in (".xlsx", ".xlsm"):
        return Grid(str(path)), [Problem(str(path), None, None, None, "--sheet applies to .xlsx files only")]
    raw, problem = read_input(path, max_size)
    if problem:
        return Grid(str(path)), [problem]
    if suffix in (".xlsx", ".xlsm"):
        grid, problems, raw_rows = _xlsx_rows(path, raw, sheet, max_size)
    else:
        grid, problems, raw_rows = _csv_rows(path, raw, encoding)
    if problems:
        return grid, problems
    try:
        _split_header(grid, iter(raw_rows), is_header)
    except BadGrid as error:
        return grid, [error.problem]
    if not grid.header:
        others = f" (the workbook has sheets {', '.join(grid.sheets)}: choose one with --sheet NAME)" \
            if len(grid.sheets) > 1 else ""
        problems.append(Problem(grid.file, None, None, None, f"holds no rows; the first row must name the columns{others}"))
    return grid, problems


def _split_header(grid: Grid, rows: Iterator, is_header) -> None:
    """Find the header among the first non-empty rows; the rest of `rows` stays unread in `grid.rows`."""
    candidates: list[tuple[int, list[str]]] = []
    chosen = None
    for line, cells in rows:
        if not any(cells):
            continue
        candidates.append((line, cells))
        chosen = _choose_header(candidates, is_header, final=len(candidates) >= HEADER_SEARCH_ROWS)
        if chosen is not None:
            break
    if not candidates:
        return
    if chosen is None:
        chosen = _choose_header(candidates, is_header, final=True)
    grid.header_line, grid.header = candidates[chosen]
    if chosen:
        grid.notes.append(f"{grid.file}: the header is on line {grid.header_line}; ignored {chosen} line(s) above it")
    grid.rows = itertools.chain(candidates[chosen + 1:], rows)


def _choose_header(candidates, is_header, final: bool) -> int | None:
    """Index of the header among the first non-empty rows, None while it cannot be told yet."""
    if is_header is None:
        return 0
    for index, (_, cells) in enumerate(candidates):
        if is_header(cells):
            return index
    return 0 if final else None


def _csv_rows(path: Path, raw: bytes, encoding: str | None):
    grid = Grid(str(path))
    if raw[:4] == b"PK\x03\x04":
        return grid, [Problem(grid.file, None, None, None, "is an Excel workbook, not CSV text; name it .xlsx")], []
    text, used, problem = decode(raw, encoding, grid.file)
    if problem:
        return grid, [problem], []
    if used not in ("utf-8", "utf-8-sig", "ascii") and not encoding:
        grid.notes.append(f"{grid.file}: read as {used} text (not UTF-8)")
    delimiter = sniff_delimiter(text)
    if delimiter != ",":
        grid.notes.append(f"{grid.file}: columns separated by {'tab' if delimiter == chr(9) else repr(delimiter)}")
    return grid, [], _csv_lines(grid, text, delimiter)


def _csv_lines(grid: Grid, text: str, delimiter: str):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)  # as the account folder's
    start = 1
    try:
        for cells in reader:
            yield start, [c.strip() for c in cells]
            start = reader.line_num + 1
    except csv.Error as error:
        raise BadGrid(Problem(grid.file, start, None, None, f"is not valid CSV: {error}; {STRAY_QUOTE}")) from None


class BadGrid(Exception):
    """The rest of a file cannot be read; carries the problem."""

    def __init__(self, problem: Problem):
        self.problem = problem


def decode(raw: bytes, encoding: str | None, shown: str) -> tuple[str, str, Problem | None]:
    """The text of a file, the encoding used, or the problem when it cannot be decoded."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            return "", "", Problem(shown, None, None, encoding, "unknown encoding; try utf-8, gb18030, gbk, big5, cp1252")
        try:
            return raw.decode(encoding).lstrip("\ufeff"), encoding, None
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            return "", "", Problem(shown, line, None, None, f"is not {encoding} text here; check --encoding")
    if raw.startswith(codecs.BOM_UTF8):
        encoding_tried = ("utf-8-sig",)
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding_tried = ("utf-16",)  # Excel's "Unicode text"
    else:
        encoding_tried = ENCODINGS
    for name in encoding_tried:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "gb18030" and not _looks_chinese(text):
            break
        return text.lstrip("\ufeff"), name, None
    return "", "", Problem(shown, None, None, None, "cannot tell its text encoding (it is neither UTF-8 nor GB18030 "
                           "Chinese); pass --encoding, e.g. --encoding cp1252 or --encoding big5")


def _looks_chinese(text: str) -> bool:
    """Whether the non-ASCII characters of a GB18030 reading are mostly Chinese (not a misread Latin file)."""
    others = [ch for ch in text if ord(ch) > 127]
    cjk = sum(1 for ch in others if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
              or "\u3400" <= ch <= "\u4dbf" or ch in "·—…‘’“”")
    return not others or cjk >= 0.9 * len(others)


def sniff_delimiter(text: str) -> str:
    """The delimiter of the first non-empty line: the most frequent of comma, semicolon and tab outside quotes."""
    for line in text.splitlines():
        if line.strip():
            counts = dict.fromkeys(DELIMITERS, 0)
            quoted = False
            for ch in line:
                if ch == '"':
                    quoted = not quoted
                elif not quoted and ch in counts:
                    counts[ch] += 1
            best = max(DELIMITERS, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


def _xlsx_rows(path: Path, raw: bytes, sheet: str | None, max_size: int):
    grid = Grid(str(path))
    book, problem = _open_book(raw, grid.file, max_size)
    if problem:
        return grid, [problem], []
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        book.close()
        return grid, [Problem(grid.file, None, None, sheet, f"no such sheet; the workbook has {', '.join(names)}")], []
    chosen = sheet or names[0]
    grid.sheets, grid.sheet = names, chosen
    if len(names) > 1:
        grid.notes.append(f"{grid.file}: read sheet {chosen!r} of {', '.join(map(repr, names))}")
    grid.file = f"{path}[{chosen}]" if len(names) > 1 else str(path)
    return grid, [], _sheet_lines(grid, book, book[chosen])


def sheet_names(path: str | Path, max_size: int = MAX_SIZE) -> tuple[list[str], Problem | None]:
    """The sheets of an .xlsx workbook, in its order, or the problem that keeps it from being read."""
    raw, problem = read_input(path, max_size)
    if problem:
        return [], problem
    book, problem = _open_book(raw, str(path), max_size)
    if problem:
        return [], problem
    names = book.sheetnames
    book.close()
    return names, None


_DAMAGED = "it is not an Excel .xlsx workbook, or it is damaged; open it in Excel and save it again"


def _open_book(raw: bytes, shown: str, max_size: int):
    """The workbook `raw` holds, or the problem: not a workbook, or one that unpacks to more than `max_size`."""
    import zipfile

    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:  # what it unpacks to, before anything is unpacked
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > max_size:
            return None, too_big(shown, unpacked, max_size, "unpacks to")
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=True), None
    except Exception:  # noqa: BLE001 - a damaged workbook fails anywhere in zipfile, the XML parser or openpyxl
        return None, Problem(shown, None, None, None, f"cannot read the file: {_DAMAGED}")


def _sheet_lines(grid: Grid, book, worksheet):
    """Each row of the sheet that holds cells, by its row number, read from the cells the sheet holds.

    openpyxl's read-only rows trust the sheet's <dimension> record, which may
    understate the sheet (rows and columns lost) or overstate it (a million
    empty rows of 16,384 cells padded out); so the sheet's XML is parsed
    with openpyxl's own parser instead, which yields the cells that exist.
    """
    number = 0
    try:
        with book._archive.open(worksheet._worksheet_path) as source:
            for number, cells in _cell_parser(book, worksheet, source).parse():
                yield number, _row_text(grid, number, cells)
    except Exception:  # noqa: BLE001 - as in _open_book: damage shows as any error of the unpacker or parser
        raise BadGrid(Problem(grid.file, number + 1 if number else None, None, None,
                              f"cannot read the rest of the sheet: {_DAMAGED}")) from None
    finally:
        book.close()


def _cell_parser(book, worksheet, source):
    """openpyxl's own sheet parser (the one inside its read-only rows), telling a formula that has no saved
    value from an empty cell."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Cells(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            cell["unsaved"] = cell["value"] is None and element.find(FORMULA_TAG) is not None
            return cell

    return Cells(source, worksheet._shared_strings, data_only=True, epoch=book.epoch,
                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)


def _row_text(grid: Grid, number: int, cells: list[dict]) -> list[str]:
    """A row's cells as text, up to its last filled cell; formulas without a saved value are kept in `grid`."""
    texts = {}
    for cell in cells:
        if cell["unsaved"]:
            grid.unsaved.append((number, cell["column"] - 1))
        text = _cell_text(cell["value"])
        if text:
            texts[cell["column"]] = text
    row = [""] * max(texts, default=0)
    for column, text in texts.items():
        row[column - 1] = text
    return row


def _cell_text(value) -> str:
    """An Excel cell as the text a CSV would hold: whole numbers without .0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()

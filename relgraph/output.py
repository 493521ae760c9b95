"""Rows out: an aligned table for people, JSON and CSV for scripts, Markdown for reports."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import unicodedata

from relgraph.schema import escape_cell

__all__ = ["FORMATS", "PRETTY_JSON_ROWS", "json_text", "render", "render_record", "render_sections", "printable", "markdown_text"]

FORMATS = ("table", "json", "csv", "markdown")
PRETTY_JSON_ROWS = 1_000  # JSON up to this many rows is indented for people; bigger JSON is for scripts
# and is written on one line, three times as fast (json's indenting encoder is pure Python)


def json_text(data) -> str:
    """JSON of rows, a record or a result: indented by two spaces up to PRETTY_JSON_ROWS rows, else on one line.

    >>> print(json_text([{"a": 1}]))
    [
      {
        "a": 1
      }
    ]
    >>> json_text([{"a": n} for n in range(1_001)])[:20]
    '[{"a": 0}, {"a": 1},'
    """
    return json.dumps(data, ensure_ascii=False, indent=2 if _rows(data) <= PRETTY_JSON_ROWS else None)


def _rows(data) -> int:
    """The rows of a list, or of all the lists a result (a dict) holds."""
    if isinstance(data, list):
        return len(data)
    if isinstance(data, dict):
        return sum(len(v) for v in data.values() if isinstance(v, list))
    return 0


def render(rows: list[dict], columns: list[str], fmt: str) -> str:
    """Render rows (dicts) with the given column order in one of FORMATS."""
    if fmt == "json":
        return json_text([{c: row.get(c) for c in columns} for row in rows])
    if fmt == "csv":
        cells = [[_csv_cell(row.get(c)) for c in columns] for row in rows]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([escape_cell(c) for c in columns])  # a header can be data too: position's vendor ids
        writer.writerows(cells)
        return buffer.getvalue().rstrip("\n")
    cells = [[_human_cell(row.get(c)) for c in columns] for row in rows]
    if fmt == "markdown":
        lines = [columns, ["---"] * len(columns), *cells]
        return "\n".join("| " + " | ".join(markdown_text(v) for v in line) + " |" for line in lines)
    return _table(columns, cells)


def render_record(record: dict, fmt: str) -> str:
    """One record: a JSON object, or field/value rows in the other formats."""
    if fmt == "json":
        return json_text(record)
    return render([{"field": k, "value": v} for k, v in record.items()], ["field", "value"], fmt)


def render_sections(sections: list[tuple[str, list[dict], list[str]]], fmt: str) -> str:
    """Several titled tables one after another, for table and markdown output."""
    heading = "## {}\n" if fmt == "markdown" else "{}\n"
    return "\n\n".join(heading.format(title) + render(rows, columns, fmt) for title, rows, columns in sections)


def _cell(value, separator: str = ";") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return separator.join(value)
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return "; ".join(" ".join(_cell(v, separator) for v in item.values() if v is not None) for item in value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _human_cell(value) -> str:
    """A cell for people to read: lists joined, a mapping as `key: values` pairs, never JSON."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_human_cell(v) if isinstance(v, dict) else _cell(v, ', ')}" for k, v in value.items())
    return _cell(value, "; ")


def _csv_cell(value) -> str:
    """A CSV cell that a spreadsheet never runs as a formula: text starting with = + - @ gets an apostrophe."""
    text = _cell(value, ";")
    return text if isinstance(value, (int, float)) else escape_cell(text)


def printable(text: str) -> str:
    r"""Text for a terminal: control characters (ESC, BEL, CR ...) shown as escapes, never sent to it raw.

    >>> printable("Wang\x1b]0;owned\x07 Wei"), printable("行\t1")
    ('Wang\\x1b]0;owned\\x07 Wei', '行\\x091')
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\x{ord(ch):02x}" if ord(ch) < 256
                   else f"\\u{ord(ch):04x}" for ch in text)


# Markdown's markup within a line; an underscore inside a word (decision_maker) is never emphasis, so it stays,
# and no text of ours starts a line, where # would be a heading.
_MARKUP = re.compile(r"[\\`*\[\]|]|(?<![^\W_])_|_(?![^\W_])")


def markdown_text(value) -> str:
    """Text for Markdown, in a table's cell or in a sentence: data never becomes markup (HTML included) and keeps
    to its line."""
    return html.escape(_MARKUP.sub(r"\\\g<0>", printable(str(value))).replace("\n", " "), quote=False)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(columns: list[str], cells: list[list[str]]) -> str:
    flat = [[printable(v).replace("\n", " ") for v in row] for row in cells]
    widths = [max([_width(c)] + [_width(row[i]) for row in flat]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *map(line, flat)])

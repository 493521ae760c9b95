"""The JSON bundle that `relgraph export --to FILE.json` writes, read back as canonical tables."""

from __future__ import annotations

import json
from pathlib import Path

from relgraph.errors import Problem
from relgraph.loaders.canonical import Table, check_duplicates, parse_cells
from relgraph.loaders.files import MAX_SIZE, read_input
from relgraph.schema import KINDS, cell_text

__all__ = ["BUNDLE_FORMAT", "parse_bundle"]

BUNDLE_FORMAT = "relgraph-bundle"


def parse_bundle(path: str | Path, max_size: int = MAX_SIZE) -> tuple[dict[str, Table], list[Problem]]:
    """The tables of a JSON bundle and every problem in it; rows are checked like account-folder rows.

    A problem names `FILE#kind` and the row's number within that kind.
    """
    shown = str(path)
    raw, problem = read_input(path, max_size)
    if problem:
        return {}, [problem]
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, [Problem(shown, getattr(error, "lineno", None), None, None, f"is not JSON: {error}")]
    except RecursionError:
        return {}, [Problem(shown, None, None, None, f"nests its JSON too deeply to be a {BUNDLE_FORMAT}")]
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT or not isinstance(data.get("kinds"), dict):
        return {}, [Problem(shown, None, None, None, f"is not a {BUNDLE_FORMAT} (as `relgraph export --to FILE.json` writes)")]
    tables, problems = {}, []
    for kind, rows in data["kinds"].items():
        if kind not in KINDS or not isinstance(rows, list):
            problems.append(Problem(shown, None, None, kind, f"unknown kind; a bundle holds {', '.join(KINDS)}"))
            continue
        spec = KINDS[kind]
        table = Table(spec, f"{shown}#{kind}")
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                problems.append(Problem(table.file, number, None, None, "is not an object"))
                continue
            problems += [Problem(table.file, number, key, None, f"unknown field; {kind} has {', '.join(c.name for c in spec.columns)}")
                         for key in row if spec.column(key) is None]
            parsed, found = parse_cells(spec, {k: cell_text(v).strip() for k, v in row.items()}, table.file, number)
            problems += found
            table.rows.append(parsed)
            table.lines.append(number)
        problems += check_duplicates(table)
        if rows or kind != "account":
            tables[kind] = table
    return tables, problems

"""The kind of rows a sheet holds, told by its header when its name says none (姓名/职务/部门 are people ...)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import NamedTuple

from relgraph.errors import Problem
from relgraph.loaders.files import MAX_SIZE
from relgraph.loaders.mapping import header_fields, is_stance, listed
from relgraph.loaders.sheets import HEADER_SEARCH_ROWS, BadGrid, read_grid
from relgraph.schema import ID_PREFIXES, KINDS

__all__ = ["POSITIONING", "Guess", "kind_of_header", "guess_sheet", "ambiguous"]

POSITIONING = "positioning"  # a sheet kind of its own: stances, one column per vendor
# reporting_lines is not guessed: a person and a manager column are a stakeholders sheet as well.
GUESSED = (*KINDS, POSITIONING)
SAMPLE_ROWS = 20  # rows below the header looked at to tell a vendor column (its cells are stances)


class Guess(NamedTuple):
    kind: str | None
    cells: list[str]  # the header cells that say so
    fits: list[str]  # the kinds the header fits best (more than one: ambiguous)
    line: int | None = None  # the header's row in the sheet


def kind_of_header(rows: list[tuple[int, list[str]]]) -> Guess:
    """The kind the first of a sheet's top rows that reads as a header says, by how many of its cells name
    columns of that kind (every required column named); two kinds that fit as well are no guess.

    >>> kind_of_header([(1, ["工号", "姓名", "职务", "部门"])]).kind
    'stakeholders'
    >>> kind_of_header([(1, ["姓名", "星河科技", "华为"]), (2, ["周建国", "支持", "中立"])]).kind
    'positioning'
    """
    for index, (line, header) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        body = [cells for _, cells in rows[index + 1:index + 1 + SAMPLE_ROWS]]
        fits = {kind: cells for kind in GUESSED if len(cells := _fit(kind, header, body)) >= 2}
        if fits:
            best = max(map(len, fits.values()))
            top = [kind for kind, cells in fits.items() if len(cells) == best]
            return Guess(top[0] if len(top) == 1 else None, fits[top[0]], top, line)
    return Guess(None, [], [])


def _fit(kind: str, header: list[str], body: list[list[str]]) -> list[str]:
    """The header cells that name columns of `kind`, or none when a required column is not named."""
    fields = header_fields("stances" if kind == POSITIONING else kind, header)
    have = set(fields.values())
    if kind == POSITIONING:
        vendors = [i for i, cell in enumerate(header) if cell and i not in fields and _stances_below(body, i)]
        if "stakeholder_id" not in have or {"vendor_id", "stance"} & have or not vendors:
            return []
        return [header[i] for i in sorted([*fields, *vendors])]
    spec = KINDS[kind]
    need = {c.name for c in spec.columns if c.required}
    if kind in ID_PREFIXES:  # an id may be derived from the name
        need = (need - {"id"}) | ({"name"} if "id" not in have or spec.column("name").required else set())
    return [header[i] for i in sorted(fields)] if need <= have else []


def _stances_below(body: list[list[str]], index: int) -> bool:
    cells = [row[index] for row in body if index < len(row) and row[index]]
    return bool(cells) and all(map(is_stance, cells))


def guess_sheet(path: str | Path, sheet: str, max_size: int = MAX_SIZE) -> tuple[Guess, Problem | None]:
    """What the header of `sheet` says it holds, or the problem that keeps the sheet from being read."""
    grid, problems = read_grid(path, sheet=sheet, max_size=max_size)
    if problems:  # an empty sheet says nothing; one that cannot be read is a problem
        return Guess(None, [], []), (problems[0] if grid.header else None)
    try:
        rows = [(grid.header_line, grid.header),
                *itertools.islice(((n, c) for n, c in grid.rows if any(c)), HEADER_SEARCH_ROWS + SAMPLE_ROWS)]
    except BadGrid as error:
        return Guess(None, [], []), error.problem
    return kind_of_header(rows), None


def ambiguous(file: str, guess: Guess, sheet: str) -> Problem:
    return Problem(file, guess.line, None, None, f"its header ({listed(guess.cells, quote=True)}) fits "
                   f"{' and '.join(guess.fits)} alike; say which with --sheet '{sheet}=KIND' (or '{sheet}=ignore')")

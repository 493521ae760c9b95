"""The one exception hierarchy of relgraph; the CLI turns each into one `Error:` line."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

__all__ = ["RelgraphError", "InputError", "Problem", "StoreError", "QueryError", "did_you_mean"]


def did_you_mean(value: str, candidates) -> str | None:
    """The candidate nearest to a mistyped value, or None when none is near (difflib's ratio of at least 0.5,
    so that one wrong character of a two-character Chinese word, 支待 for 支持, still finds it).

    >>> did_you_mean("bureu", ["bureau", "northwind-health"]), did_you_mean("acme", ["bureau"])
    ('bureau', None)
    """
    found = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.5)
    return found[0] if found else None


class RelgraphError(Exception):
    """A user-facing failure: the message says what went wrong and what to do."""

    exit_code = 1


class StoreError(RelgraphError):
    """The store cannot be reached, started or written."""

    exit_code = 3


class QueryError(RelgraphError):
    """A named query is unknown, malformed or was given the wrong parameters."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of an input file."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        column = f"column {self.column}" if self.column else ""
        value = f"value {self.value!r}" if self.value is not None else ""
        detail = " ".join(part for part in (column, value) if part)
        return f"{where}: {detail}: {self.message}" if detail else f"{where}: {self.message}"


SHOWN_PROBLEMS = 100  # a file of junk can hold a million problems; nobody reads past the first hundred


class InputError(RelgraphError):
    """Input files were refused; carries every problem found, not just the first, and notes on how the files were read."""

    def __init__(self, problems: list[Problem], notes: list[str] = ()):
        self.problems, self.notes = problems, list(notes)
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count:,} {noun} in the input; nothing was written:"]
        lines += [f"  {p}" for p in problems[:SHOWN_PROBLEMS]]
        if count > SHOWN_PROBLEMS:
            lines.append(f"  ... and {count - SHOWN_PROBLEMS:,} more; mend these and run again to see the rest")
        if notes:
            lines += ["What was read (mend the file or use --map, then run again):", *(f"  {n}" for n in notes)]
        super().__init__("\n".join(lines))

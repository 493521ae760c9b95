"""Cell parsers: each turns one non-empty CSV cell into a value or raises ValueError('what is allowed')."""

from __future__ import annotations

import datetime as dt
from typing import Callable

__all__ = ["text", "one_of", "list_of", "integer", "iso_date", "boolean"]

Parser = Callable[[str], object]


def text(cell: str) -> str:
    return cell


def one_of(allowed: tuple[str, ...]) -> Parser:
    def parse(cell: str) -> str:
        if cell not in allowed:
            raise ValueError(f"allowed: {', '.join(allowed)}")
        return cell

    return parse


def list_of(allowed: tuple[str, ...], separator: str = ";") -> Parser:
    def parse(cell: str) -> list[str]:
        items = [item.strip() for item in cell.split(separator) if item.strip()]
        unknown = [item for item in items if item not in allowed]
        if unknown:
            raise ValueError(f"unknown {', '.join(map(repr, unknown))}; allowed, separated by '{separator}': {', '.join(allowed)}")
        return sorted(set(items), key=allowed.index)

    return parse


def integer(low: int, high: int) -> Parser:
    def parse(cell: str) -> int:
        try:
            number = int(cell)
        except ValueError:
            raise ValueError(f"expected a whole number from {low} to {high}") from None
        if not low <= number <= high:
            raise ValueError(f"expected a whole number from {low} to {high}")
        return number

    return parse


def iso_date(cell: str) -> str:
    try:
        if len(cell) == 10:
            return dt.date.fromisoformat(cell).isoformat()
    except ValueError:
        pass
    raise ValueError("expected a date as YYYY-MM-DD")


def boolean(cell: str) -> bool:
    lowered = cell.lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise ValueError("expected true or false")

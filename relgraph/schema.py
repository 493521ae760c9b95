"""The row schema: every kind of row relgraph reads and writes, its columns, their parsers, and cell text.

A `Kind` is one file of the account folder (and one kind of a load, an
export and a change report); a `Column` says how its cell is parsed, whether
it is required and which kind of node its id names. Everything that handles
rows (loaders, loading, the change report, privacy, export, output) reads
this one declaration.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from relgraph import model
from relgraph.errors import did_you_mean

__all__ = ["Column", "Kind", "KINDS", "REPORTING", "DEFAULTS", "Parser", "text", "OneOf", "one_of", "list_of", "is_cjk", "name_key", "ID_PREFIXES", "derived_id", "is_derived", "integer", "number",
           "id_list", "ids_in", "score", "iso_date", "boolean", "unsafe_character", "FORMULA_STARTS", "cell_text", "escape_cell", "unescape_cell"]

# Cell parsers: each turns one non-empty cell into a value or raises ValueError('what is allowed').

Parser = Callable[[str], object]


def text(cell: str) -> str:
    return cell


@dataclass(frozen=True)
class OneOf:
    """A cell holding one of `allowed` (with `many`: several, separated by ';').

    An unknown value is refused with the nearest word suggested in the value's own script: the nearest allowed
    value for `Suporter`, the nearest of `aliases` (other words an export may use, such as 支持) for `支待`.
    """

    allowed: tuple[str, ...]
    many: bool = False
    aliases: tuple[str, ...] = ()

    def __call__(self, cell: str):
        if not self.many:
            if cell not in self.allowed:
                raise ValueError(f"{self._hint(cell)}allowed: {', '.join(self.allowed)}")
            return cell
        items = [item.strip() for item in cell.split(";") if item.strip()]
        unknown = [item for item in items if item not in self.allowed]
        if unknown:
            named = ", ".join(f"{item!r}" + (f" ({self._hint(item).rstrip()})" if self._hint(item) else "")
                              for item in unknown)
            raise ValueError(f"unknown {named}; allowed, separated by ';': {', '.join(self.allowed)}")
        return sorted(set(items), key=self.allowed.index)

    def _hint(self, value: str) -> str:
        script = is_cjk(value)
        near = did_you_mean(value, [w for w in (*self.allowed, *self.aliases) if is_cjk(w) == script])
        return f"did you mean {near!r}? " if near else ""


def one_of(allowed: tuple[str, ...]) -> OneOf:
    return OneOf(allowed)


def list_of(allowed: tuple[str, ...]) -> OneOf:
    return OneOf(allowed, many=True)


def is_cjk(text: str) -> bool:
    """Whether a text holds Chinese (or other wide) characters: the language a suggestion is given in."""
    return any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


def name_key(text: str) -> str:
    """A name as compared with another: NFKC, without spaces, case-folded (`Wang  Fang` is `wang fang`)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


# Kinds whose ids a file without an id column may leave to be derived from the name (see loaders/names.py).
ID_PREFIXES = {"stakeholders": "s-", "departments": "d-", "vendors": "v-", "team": "t-", "bids": "b-"}
_DERIVED = re.compile(f"^({'|'.join(ID_PREFIXES.values())})[0-9a-f]{{10}}$")


def derived_id(prefix: str, *parts: str | None) -> str:
    """A stable id from the normalised parts: `prefix` and 10 hex digits of their SHA-1.

    >>> derived_id("s-", "Wang  Fang", "d-1") == derived_id("s-", "wang fang", "d-1")
    True
    """
    key = "|".join(name_key(p or "") for p in parts)
    return prefix + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def is_derived(id_: str | None) -> bool:
    """Whether an id is one `derived_id` made: a hash that means nothing to people, shown only to scripts.

    >>> is_derived(derived_id("v-", "东华软件")), is_derived("apexsoft"), is_derived("s-director")
    (True, False, False)
    """
    return bool(id_) and _DERIVED.match(id_) is not None


# A cell may hold no control character but tab and line breaks (a note may hold those); an id none at all, nor
# a character that shows nothing: format characters (zero-width spaces and joiners, bidirectional controls, the
# byte-order mark, the soft hyphen) and line separators, which make two ids that look the same differ.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
                        "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd"
                        "\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
                        "\U000e0020-\U000e007f]")


def unsafe_character(cell: str, is_id: bool = False) -> str | None:
    r"""Why a cell cannot be loaded as it is: the control character it holds, or in an id an invisible one.

    >>> unsafe_character("x1\u200b", is_id=True)
    'holds the invisible character U+200B (ZERO WIDTH SPACE) at position 3; retype the value without it'
    >>> unsafe_character("two\nlines"), unsafe_character("x1\u200b")
    (None, None)
    """
    found = (_INVISIBLE if is_id else _CONTROL).search(cell)
    if found is None:
        return None
    char = found.group()
    kind = "control" if unicodedata.category(char) == "Cc" else "invisible"
    name = unicodedata.name(char, "a control character")
    return f"holds the {kind} character U+{ord(char):04X} ({name}) at position {found.start() + 1}; " \
           "retype the value without it"


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


def number(cell: str) -> float:
    """A decimal number, or a percentage as its fraction.

    >>> number("0.4"), number("40%"), number("1.5")
    (0.4, 0.4, 1.5)
    """
    try:
        value = float(cell[:-1]) / 100 if cell.endswith("%") else float(cell)
    except ValueError:
        raise ValueError("expected a number such as 0.4 or 40%") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("expected a number such as 0.4 or 40%")
    return round(value, 4)


def id_list(cell: str) -> list[str]:
    """Several ids (or, in an export, names) separated by ';', each once, in the order given.

    >>> id_list("bj-chief; tm-zhao ;bj-chief")
    ['bj-chief', 'tm-zhao']
    """
    return list(dict.fromkeys(item.strip() for item in cell.split(";") if item.strip()))


def ids_in(value) -> list[str]:
    """The ids a cell of a referring column holds: none, one, or (a list column, such as participants) several."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def score(cell: str) -> float:
    """A satisfaction score from 0 to 100 (a trailing % is allowed).

    >>> score("86"), score("72.5%")
    (86.0, 72.5)
    """
    try:
        value = float(cell.removesuffix("%"))
    except ValueError:
        raise ValueError("expected a score from 0 to 100, such as 86") from None
    if not 0 <= value <= 100:
        raise ValueError("expected a score from 0 to 100, such as 86 (scale a 5- or 10-point survey to 100)")
    return round(value, 2)


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


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser = text
    required: bool = False
    refers: str | None = None  # the kind of node whose id the column holds

    @property
    def holds_id(self) -> bool:
        """Whether the cell is an id (a node's own, or one it refers to): compared exactly, so kept NFC and visible."""
        return self.name == "id" or self.refers is not None


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
    def cell_parsers(self) -> tuple[tuple[str, Parser | None, bool, object, bool], ...]:
        """(name, parser or None for text, required, default, holds an id) per column, worked out once for `parse_cells`."""
        return tuple((c.name, None if c.parse is text else c.parse, c.required, DEFAULTS.get((self.name, c.name)),
                      c.holds_id) for c in self.columns)

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
# What a target is about; the columns a target's scope leaves empty are None in its key.
TARGET_KEY = ("scope", "stakeholder_id", "department_id", "layer", "bid_id", "role", "measure")
PERSON = C("stakeholder_id", required=True, refers="stakeholders")
KINDS: dict[str, Kind] = {k.name: k for k in (
    _kind("account", ("id",), C("id", required=True), C("name"), C("tier", one_of(model.TIERS))),
    _kind("departments", ("id",), C("id", required=True), C("name", required=True),
          C("function", one_of(model.FUNCTIONS)), C("parent_id", refers="departments")),
    _kind("stakeholders", ("id",), C("id", required=True), C("name", required=True), C("title"),
          C("department_id", refers="departments"), C("layer", one_of(model.LAYERS)),
          C("roles", list_of(model.ROLES)), C("influence", integer(1, 5)), C("manager_id", refers="stakeholders"),
          C("last_contact", iso_date), C("status", one_of(model.PERSON_STATUSES)), C("notes"), C("email"),
          # Another organisation (a consultant, design institute, integrator): never in a department here.
          C("organisation")),
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
    # The relationship plan: which columns a target of each scope takes is checked in relgraph/targets.py.
    _kind("targets", TARGET_KEY, C("scope", one_of(model.TARGET_SCOPES), required=True),
          C("stakeholder_id", refers="stakeholders"), C("department_id", refers="departments"),
          C("layer", one_of(model.LAYERS)), C("bid_id", refers="bids"), C("role", one_of(model.ROLES)),
          C("stance", one_of(model.STANCES)), C("level", one_of(model.LEVELS)),
          C("status", one_of(model.COVERAGE_STATUSES)), C("measure", one_of(model.TARGET_MEASURES)),
          C("value", number), C("due", iso_date), C("owner_id", refers="team")),
    # Organisational relationships: company-level events with the people of both sides who took part.
    _kind("activities", ("date", "kind", "subject"), C("date", iso_date, required=True),
          C("kind", one_of(model.ACTIVITY_KINDS), required=True), C("subject"),
          C("stakeholder_ids", id_list, refers="stakeholders"), C("team_member_ids", id_list, refers="team"),
          C("ends", iso_date), C("score", score)),
    # The steps of a bid's procurement process, and whether we took part in each.
    _kind("procurement", ("bid_id", "step"), C("bid_id", required=True, refers="bids"),
          C("step", one_of(model.PROCUREMENT_STEPS), required=True), C("took_part", boolean, required=True),
          C("date", iso_date)),
)}
# Not a file of the account folder: a two-column export of who reports to whom (see exports.py).
REPORTING = _kind("reporting_lines", ("id",), C("id", required=True, refers="stakeholders"),
                  C("manager_id", required=True, refers="stakeholders"))

# Values a column takes when its cell is empty or the column is absent.
DEFAULTS = {("stakeholders", "roles"): [], ("stakeholders", "status"): "active",
            ("influence", "strength"): 3, ("vendors", "is_us"): False, ("activities", "stakeholder_ids"): [],
            ("activities", "team_member_ids"): []}


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

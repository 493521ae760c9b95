"""Loading input files into the store: validate everything first, then write all-or-nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from relgraph.changes import WHOLE_TRUTH, Change, diff
from relgraph.errors import InputError, Problem, RelgraphError
from relgraph.history import check_dated, default_author, revision_statements
from relgraph.loaders import Known, Table, parse_folder, reference_problems
from relgraph.loaders.references import vendor_sides
from relgraph.loaders.bundle import parse_bundle
from relgraph.loaders.contradictions import contradictions
from relgraph.loaders.files import MAX_SIZE
from relgraph.loaders.keeping import keep_departed
from relgraph.loaders.mapping import parse_export
from relgraph.loaders.names import resolve_export
from relgraph.loaders.workbook import parse_workbook, resolve_workbook
from relgraph.schema import KINDS, REPORTING
from relgraph.state import read_stored
from relgraph.store import Statement, Store, Update
from relgraph.targets import target_problems

__all__ = ["LoadResult", "load_path", "load_tables", "plan", "APPENDABLE"]

BATCH_ROWS = 5000
# The kinds whose file is the whole truth of its rows (what it no longer lists is removed), unless loaded with
# --append; a file of any other kind never removes a row.
APPENDABLE = WHOLE_TRUTH


@dataclass(frozen=True)
class LoadResult:
    account: str
    rows: dict[str, int]  # kind -> rows loaded, in load order
    changes: list[Change] = field(default_factory=list)  # what each row changed (or would change)
    notes: list[str] = field(default_factory=list)  # what the user should know: ignored columns, derived ids
    dry_run: bool = False
    warnings: list[Problem] = field(default_factory=list)  # contradictory input, loaded as given


def load_path(store: Store, path: str | Path, *, kind: str | None = None, account: str | None = None,
              progress: Callable[[int, int], object] | None = None, source: str = "sheet",
              sheet: str | None = None, encoding: str | None = None, mapping: tuple[str, ...] = (),
              dry_run: bool = False, prune: bool = False, max_size: int = MAX_SIZE,
              by: str | None = None, sheets: dict[str, str] | None = None, append: bool = False,
              match_by: str = "name-and-department", as_of: dt.date | None = None) -> LoadResult:
    """Load an account folder, a workbook, or one file of `kind`, into the store, recorded as a revision `by` someone.

    A folder is read strictly as the canonical account folder, FILE.json as
    the bundle `relgraph export` writes. Any other single file
    (.csv of any common delimiter and encoding, or .xlsx) goes through the
    export mapping: header aliases, `mapping` ("COLUMN=FIELD"), names resolved
    to ids; `source="salesforce"` reads a Salesforce Contact export. With
    `dry_run` everything is checked and compared but nothing is written.
    Only regular files of at most `max_size` bytes are read (an .xlsx must
    also unpack to no more). An .xlsx without `kind` is a workbook: every sheet
    whose name or header says its kind (or `sheets`: sheet -> kind) is loaded, as one load. `match_by="name"`
    finds the stored person of a name in a stakeholders file without ids whatever their department (a move).
    With `append`, one file of an APPENDABLE kind adds and updates its rows and removes none.
    `as_of` dates the load: the file shows the organisation as it was that day (see `load_tables`).
    """
    path = Path(path)
    if append and kind not in APPENDABLE:
        raise RelgraphError(f"--append applies to one file of {', '.join(APPENDABLE[:-1])} or {APPENDABLE[-1]}: "
                            + (f"a {kind} file never removes rows anyway, load it without --append" if kind else
                               "give its --kind"))
    if path.is_dir() and (kind or source != "sheet"):
        raise InputError([Problem(str(path), None, None, None, "is a folder: --kind and --from apply to a single file")])
    if path.is_dir() or (path.suffix.lower() == ".json" and kind is None):
        tables, problems = parse_folder(path, max_size) if path.is_dir() else parse_bundle(path, max_size)
        return load_tables(store, tables, problems, account=account, progress=progress, dry_run=dry_run, prune=prune,
                           by=by, origin=str(path), as_of=as_of)
    if kind is None and source == "sheet" and path.suffix.lower() in (".xlsx", ".xlsm"):
        if mapping or encoding or sheet:
            raise InputError([Problem("(command line)", None, None, None, "--map, --encoding and --sheet NAME apply to "
                                      "one sheet, read with --kind; a workbook's sheets take --sheet NAME=KIND")])
        return _load_workbook(store, path, sheets or {}, account, progress, dry_run, prune, max_size,
                              Origin(by or default_author(), str(path), _iso(as_of)), match_by)
    if kind is None and source != "salesforce":
        raise InputError([Problem(str(path), None, None, None,
                                  f"is a single file: say which kind it holds with --kind ({', '.join(KINDS)}, "
                                  f"{REPORTING.name}) or give --from salesforce")])
    export, problems = parse_export(path, kind or "stakeholders", source=source, sheet=sheet, encoding=encoding,
                                    mapping=mapping, max_size=max_size)
    if problems and not export.rows:  # nothing could be read: names and ids have nothing to work on
        raise InputError(problems, export.notes)
    try:
        if export.kind == "account":
            tables, _ = resolve_export(export, {})
            account_id = _account_id(tables, account, problems)
        else:
            account_id = _account_id({}, account, problems)

        def decide(reader: Store) -> Update:
            stored = _read(reader, account_id, _iso(as_of))
            tables, found = resolve_export(export, stored, match_by)
            notes = [*export.notes, *_new_account(account_id, stored, dry_run)]
            return _decide(tables, [*problems, *found], account_id, stored, progress, dry_run, prune, notes,
                           Origin(by or default_author(), str(path), _iso(as_of)), export.warnings, append)

        return store.update(decide)
    except InputError as error:
        raise InputError(error.problems, export.notes) from None


def _load_workbook(store: Store, path: Path, sheets: dict[str, str], account: str | None, progress, dry_run: bool,
                   prune: bool, max_size: int, origin: "Origin", match_by: str) -> LoadResult:
    """Every sheet of a workbook that says what it holds, resolved sheet by sheet and written as one load."""
    exports, sheet_notes, problems = parse_workbook(path, sheets, max_size)
    notes = lambda: [*sheet_notes, *(note for export in exports for note in export.notes)]  # resolving adds some
    try:
        given = [e for e in exports if e.kind == "account" and e.rows]
        account_id = _account_id(resolve_export(given[0], {})[0] if given else {}, account, problems)

        def decide(reader: Store) -> Update:
            stored = _read(reader, account_id, origin.at)
            tables, found = resolve_workbook(exports, stored, match_by)
            return _decide(tables, [*problems, *found], account_id, stored, progress, dry_run, prune,
                           [*notes(), *_new_account(account_id, stored, dry_run)], origin,
                           [warning for export in exports for warning in export.warnings])

        return store.update(decide)
    except InputError as error:
        raise InputError(error.problems, notes()) from None


def load_tables(store: Store, tables: dict[str, Table], problems: list[Problem] = (), *,
                account: str | None = None, progress: Callable[[int, int], object] | None = None,
                dry_run: bool = False, prune: bool = False, by: str | None = None,
                origin: str = "(tables)", as_of: dt.date | None = None) -> LoadResult:
    """Check `tables` against each other and the store, then write them in one all-or-nothing step, recorded as
    the account's next revision (`by` someone, from `origin`).

    `problems` already found in the tables are reported together with those
    found here; if there are any, nothing is written. The result tells what
    each row changed; with `dry_run`, what it would change, and nothing is
    written. With `prune`, stored people whom the stakeholders table does not
    list are marked departed (never deleted). The store is read, compared with
    and written with no other write in between (`Store.update`), so two loads
    of one account end as one or the other. With `as_of` the revision describes
    that day (the tables show the organisation as it was then): a day before the
    account's newest revision, or after today, is refused.
    """
    account_id = _account_id(tables, account, problems)

    def decide(reader: Store) -> Update:
        stored = _read(reader, account_id, _iso(as_of))
        return _decide(tables, problems, account_id, stored, progress, dry_run, prune,
                       _new_account(account_id, stored, dry_run), Origin(by or default_author(), origin, _iso(as_of)))

    return store.update(decide)


def _new_account(account_id: str, stored: dict, dry_run: bool) -> list[str]:
    """A note when a load creates an account: a mistyped --account would create one too."""
    if stored["account"]:
        return []
    return [f"{'would create' if dry_run else 'creating'} account {account_id!r}: the store holds no account of "
            "that id yet"]


class Origin(NamedTuple):
    """Who makes a write, and from what: what its revision records (`at`: the day a dated load describes)."""

    by: str
    source: str
    at: str | None = None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _read(reader: Store, account_id: str, at: str | None) -> dict:
    """What a load compares with; for a dated load (`at`), once its date is checked against the account's history."""
    if at:
        check_dated(reader, account_id, at)
    return read_stored(reader, account_id)


def _decide(tables: dict[str, Table], problems: list[Problem], account_id: str, stored: dict, progress,
            dry_run: bool, prune: bool, notes: list[str], origin: Origin, warnings: list[Problem] = (),
            append: bool = False) -> Update:
    """What a load writes, given what the store holds: the statements, a progress callback and the result.

    With `append`, the stored rows of each table's kind that the table does not list are kept (and left out
    of the change report)."""
    if prune and "stakeholders" not in tables:
        raise RelgraphError("--prune applies to a load of stakeholders: it marks people the file no longer "
                            "lists as departed")
    read = {k: len(t.rows) for k, t in tables.items()}
    if append:
        _keep_unlisted(tables, stored)
    known = _known(stored)
    problems = [*problems, *reference_problems(tables, known), *target_problems(tables.get("targets"))]
    problems = list(dict.fromkeys(problems))  # a folder's targets were checked for duplicates when read too
    if problems:
        raise InputError(problems)
    us = {vendor for vendor, is_us in vendor_sides(tables, known).items() if is_us}
    day = dt.date.fromisoformat(origin.at) if origin.at else dt.date.today()
    warnings = [*warnings, *contradictions(tables, us, day)]
    tables = dict(sorted(tables.items(), key=lambda item: _ORDER.index(item[0])))
    departed = _departed(tables, stored) if prune else []
    keep_departed(tables, stored, departed)
    changes = diff(tables, stored, departed)
    statements = []
    if not dry_run:
        statements = list(plan(account_id, _changed_nodes_only(tables, changes), new=not stored["account"]))
        if departed:
            statements.append(("load/mark_departed", {"account": account_id, "ids": departed}))
        statements += revision_statements(account_id, changes, stored, origin.by, origin.source, origin.at)
    result = LoadResult(account_id, {k: read[k] for k in tables}, changes, list(notes), dry_run, warnings)
    return statements, _reporter(statements, progress), result


def _keep_unlisted(tables: dict[str, Table], stored: dict) -> None:
    """Keep the stored rows of each table's kind that it does not list (--append): written back as they are,
    left out of the change report."""
    for kind, table in tables.items():
        given = {table.kind.key_of(row) for row in table.rows}
        table.kept += [row for key, row in stored[kind].items() if key not in given]


_ORDER = (*KINDS, REPORTING.name)
_NODE_KINDS = ("departments", "stakeholders", "vendors", "team", "bids")


def _known(stored: dict) -> Known:
    """What the store holds, for checking references."""
    return Known(
        departments={id_: row["parent_id"] for (id_,), row in stored["departments"].items()},
        stakeholders={id_: row["manager_id"] for (id_,), row in stored["stakeholders"].items()},
        bids={id_ for (id_,) in stored["bids"]},
        vendors={id_: bool(row["is_us"]) for (id_,), row in stored["vendors"].items()},
        team={id_ for (id_,) in stored["team"]},
    )


def _changed_nodes_only(tables: dict[str, Table], changes: list[Change]) -> dict[str, Table]:
    """The tables with the unchanged rows of node kinds left out: writing them again would change nothing.

    Relationship files are written whole (they are the whole truth, cleared and set anew).
    """
    unchanged = {(c.kind, c.key) for c in changes if c.change == "unchanged"}
    if not unchanged:
        return tables
    result = dict(tables)
    for kind in _NODE_KINDS:
        if kind in tables:
            table = tables[kind]
            rows = [r for r in table.rows if (kind, r["id"]) not in unchanged]
            result[kind] = Table(table.kind, table.file, rows, headers=table.headers)
    return result


def _departed(tables: dict[str, Table], stored: dict) -> list[str]:
    """Stored people of the account, not yet departed, whom the stakeholders table no longer lists."""
    listed = {row["id"] for row in tables["stakeholders"].rows}
    return sorted(id_ for (id_,), row in stored.get("stakeholders", {}).items()
                  if id_ not in listed and row.get("status") != "departed")


def _reporter(statements: list[Statement], progress):
    """An `on_done` callback that tells `progress(rows_done, rows_total)` after each statement."""
    if progress is None:
        return None
    weights = iter([len(params.get("rows", ())) or 1 for _, params in statements])
    total = sum(len(params.get("rows", ())) or 1 for _, params in statements)
    return lambda: progress(next(weights), total)


def _account_id(tables: dict[str, Table], given: str | None, problems: list[Problem]) -> str:
    """The account being loaded; raises with every problem so far when it cannot be told."""
    table = tables.get("account")
    problem = None
    if table is None:
        if not given:
            problem = Problem("(command line)", None, None, None, "no account id: pass --account ID or add an account.csv")
    elif len(table.rows) != 1:
        problem = Problem(table.file, None, None, None, f"must hold exactly one account row, not {len(table.rows)}")
    elif given and given != table.rows[0]["id"]:
        problem = table.problem(0, "id", table.rows[0]["id"], f"differs from --account {given!r}; drop --account or make them agree")
    else:
        given = given or table.rows[0]["id"]
    if problem or not given:
        raise InputError([*problems, *([problem] if problem else [])])
    return given


def plan(account: str, tables: dict[str, Table], new: bool = False) -> Iterator[Statement]:
    """The write statements for `tables`, nodes before the edges that join them.

    A file is the whole truth for the relationships it holds within the account
    (influence, stances, owners, contacts, bid teams, targets, activities, procurement steps; a person's
    department and manager): what it no longer lists is removed, unless the
    tables keep stored rows (see `_keep_unlisted`). Nodes are kept when a file no
    longer lists them. A `new` account (the store holds none of that id) has
    nothing to clear or merge with: its nodes are created, and no clear is sent.
    Relationships are cleared, then created once per key (the last row of a key
    wins, as a merge would give).
    """
    rows = {kind: _unique(table) for kind, table in tables.items()}
    scoped = {"account": account}
    clear = (lambda name, params: ()) if new else (lambda name, params: ((name, params),))
    nodes = lambda kind: f"load/{'create' if new else 'upsert'}_{kind}"  # the account's own nodes
    if "account" in rows:
        first = rows["account"][0]
        yield "load/upsert_account", {"account": account, "name": first["name"], "tier": first["tier"]}
    else:
        yield "load/upsert_account", {"account": account, "name": None, "tier": None}
    if "departments" in rows:
        departments = rows["departments"]
        yield from _batched(nodes("departments"), scoped, departments)
        yield from clear("load/clear_department_parents", {**scoped, "ids": [r["id"] for r in departments]})
        yield from _batched("load/link_department_parents", scoped, [r for r in departments if r["parent_id"]])
    if "vendors" in rows:
        yield from _batched("load/upsert_vendors", {}, rows["vendors"])
    if "team" in rows:
        yield from _batched("load/upsert_team", {}, rows["team"])
    if "stakeholders" in rows:
        people = rows["stakeholders"]
        yield from _batched(nodes("stakeholders"), scoped, people)
        yield from clear("load/clear_stakeholder_links", {**scoped, "ids": [r["id"] for r in people]})
        yield from _batched("load/link_members", scoped, [r for r in people if r["department_id"]])
        yield from _batched("load/link_managers", scoped, [r for r in people if r["manager_id"]])
    if REPORTING.name in rows:  # cleared even in a new account: its stakeholders file may have set managers
        lines = rows[REPORTING.name]
        yield "load/clear_managers", {**scoped, "ids": [r["id"] for r in lines]}
        yield from _batched("load/link_managers", scoped, lines)
    if "bids" in rows:
        yield from _batched(nodes("bids"), scoped, rows["bids"])
    for kind, clearing, link in _RELATIONSHIPS:
        if kind in rows:
            yield from clear(clearing, scoped)
            yield from _batched(link, scoped, rows[kind])


# Relationship kinds: the statement that clears the account's rows of the kind, and the one that creates them.
_RELATIONSHIPS = (
    ("influence", "load/clear_influence", "load/link_influence"),
    ("stances", "load/clear_stances", "load/link_stances"),
    ("owners", "load/clear_owners", "load/link_owners"),
    ("contacts", "load/clear_contacts", "load/link_contacts"),
    ("bid_team", "load/clear_bid_teams", "load/link_bid_team"),
    ("targets", "load/clear_targets", "load/create_targets"),
    ("activities", "load/clear_activities", "load/create_activities"),
    ("procurement", "load/clear_procurement", "load/create_procurement"),
)
# Kinds whose rows may repeat a key and still make one node or edge each (a touchpoint is its whole row; a target,
# an activity and a procurement step their own node): the others are written once per key.
_REPEATABLE = ("contacts", "targets", "activities", "procurement")


def _unique(table: Table) -> list[dict]:
    """The table's rows and the stored rows it keeps, once per key, the last of a key winning: an export may
    repeat a row that a canonical file would refuse as a duplicate."""
    rows = table.rows + table.kept
    if table.kind.name in _REPEATABLE:
        return rows
    key_of = table.kind.key_of
    unique = {key_of(row): row for row in rows}
    return rows if len(unique) == len(rows) else list(unique.values())


def _batched(name: str, params: dict, rows: list[dict]) -> Iterator[Statement]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield name, {**params, "rows": rows[start:start + BATCH_ROWS]}

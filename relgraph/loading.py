"""Loading input files into the store: validate everything first, then write all-or-nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from relgraph.errors import InputError, Problem
from relgraph.loaders import KINDS, Known, Table, parse_file, parse_folder, reference_problems
from relgraph.store import Statement, Store

__all__ = ["LoadResult", "load_path", "load_tables", "plan"]

BATCH_ROWS = 5000


@dataclass(frozen=True)
class LoadResult:
    account: str
    rows: dict[str, int]  # kind -> rows loaded, in load order


def load_path(store: Store, path: str | Path, *, kind: str | None = None, account: str | None = None,
              progress: Callable[[int, int], object] | None = None) -> LoadResult:
    """Load an account folder, or one file of `kind`, into the store."""
    path = Path(path)
    if kind is None and path.is_file():
        raise InputError([Problem(str(path), None, None, None,
                                  f"is a single file: say which kind it holds with --kind ({', '.join(KINDS)})")])
    if kind:
        table, problems = parse_file(path, kind)
        tables = {kind: table}
    else:
        tables, problems = parse_folder(path)
    return load_tables(store, tables, problems, account=account, progress=progress)


def load_tables(store: Store, tables: dict[str, Table], problems: list[Problem] = (), *,
                account: str | None = None, progress: Callable[[int, int], object] | None = None) -> LoadResult:
    """Check `tables` against each other and the store, then write them in one all-or-nothing step.

    `problems` already found in the tables are reported together with those
    found here; if there are any, nothing is written.
    """
    account_id = _account_id(tables, account, problems)
    problems = [*problems, *reference_problems(tables, known_for(store, account_id))]
    if problems:
        raise InputError(problems)
    statements = list(plan(account_id, tables))
    store.write(statements, on_done=_reporter(statements, progress))
    return LoadResult(account_id, {k: len(tables[k].rows) for k in KINDS if k in tables})


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


def known_for(store: Store, account: str) -> Known:
    """What the store already holds for `account`, to check references against."""
    known = Known()
    for row in store.read("load/known_ids", {"account": account}):
        label, id_ = row["kind"], row["id"]
        if label == "Department":
            known.departments[id_] = row["parent"]
        elif label == "Stakeholder":
            known.stakeholders[id_] = row["parent"]
        elif label == "Bid":
            known.bids.add(id_)
        elif label == "Vendor":
            known.vendors[id_] = bool(row["is_us"])
        else:
            known.team.add(id_)
    return known


def plan(account: str, tables: dict[str, Table]) -> Iterator[Statement]:
    """The write statements for `tables`, nodes before the edges that join them.

    A file is the whole truth for the relationships it holds within the account
    (influence, stances, owners, contacts, bid teams; a person's department and
    manager): what it no longer lists is removed. Nodes are kept when a file no
    longer lists them.
    """
    rows = {kind: table.rows for kind, table in tables.items()}
    scoped = {"account": account}
    if "account" in rows:
        first = rows["account"][0]
        yield "load/upsert_account", {"account": account, "name": first["name"], "tier": first["tier"]}
    else:
        yield "load/upsert_account", {"account": account, "name": None, "tier": None}
    if "departments" in rows:
        departments = rows["departments"]
        yield from _batched("load/upsert_departments", scoped, departments)
        yield "load/clear_department_parents", {**scoped, "ids": [r["id"] for r in departments]}
        yield from _batched("load/link_department_parents", scoped, [r for r in departments if r["parent_id"]])
    if "vendors" in rows:
        yield from _batched("load/upsert_vendors", {}, rows["vendors"])
    if "team" in rows:
        yield from _batched("load/upsert_team", {}, rows["team"])
    if "stakeholders" in rows:
        people = rows["stakeholders"]
        yield from _batched("load/upsert_stakeholders", scoped, people)
        yield "load/clear_stakeholder_links", {**scoped, "ids": [r["id"] for r in people]}
        yield from _batched("load/link_members", scoped, [r for r in people if r["department_id"]])
        yield from _batched("load/link_managers", scoped, [r for r in people if r["manager_id"]])
    if "bids" in rows:
        yield from _batched("load/upsert_bids", scoped, rows["bids"])
    for kind, clear, link in (
        ("influence", "load/clear_influence", "load/link_influence"),
        ("stances", "load/clear_stances", "load/link_stances"),
        ("owners", "load/clear_owners", "load/link_owners"),
        ("contacts", "load/clear_contacts", "load/link_contacts"),
        ("bid_team", "load/clear_bid_teams", "load/link_bid_team"),
    ):
        if kind in rows:
            yield clear, scoped
            yield from _batched(link, scoped, rows[kind])


def _batched(name: str, params: dict, rows: list[dict]) -> Iterator[Statement]:
    for start in range(0, len(rows), BATCH_ROWS):
        yield name, {**params, "rows": rows[start:start + BATCH_ROWS]}

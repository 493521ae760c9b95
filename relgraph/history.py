"""Revisions: every write to an account is recorded, append-only, in the store itself, in the same
all-or-nothing write.

A revision holds when it was made, by whom, from what (a file or a command),
the counts of its change report, and for each row the write changed that row
as it was before (nothing for a row it created). That is enough to give every
row's values between any two revisions: a row's value after revision k is its
"before" in the next revision that changed it, or its value now. Storage grows
with the number of changes, not with the account's size times its revisions.
The write that creates an account records only that it did: every row of the
account's own there right after it was created by it.

A revision describes a moment (`at`): when it was recorded, or, for a dated
load (`load --as-of DATE`), the date the file shows. Revisions describe their
moments in order: a load dated before the account's newest revision is
refused. `read_at` gives the account as it stood right after one revision,
built by the same read model as the present (relgraph.state.account_from_rows).

`forget` erases a person from the history too: their rows, and their id in
the rows of others, are scrubbed from every earlier revision.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from relgraph.account import QUERIES, Account, account_of, account_queries, no_account, read_account
from relgraph.changes import Change
from relgraph.errors import RelgraphError
from relgraph.schema import KINDS, REPORTING
from relgraph.state import State, account_from_rows, rows_of, with_shared
from relgraph.store import Statement, Store

__all__ = ["Revision", "RowChange", "Moment", "read_before", "revision_statements", "read_history", "row_changes",
           "scrub_statements", "revision_rows", "person_rows", "erasure_statements", "state_after", "read_at",
           "check_dated", "read_revisions", "default_author", "UNDO_PART_ROWS"]

UNDO_PART_ROWS = 5000  # rows of "before" values per stored part, like a load's batches
OWN_KINDS = tuple(kind for kind in KINDS if kind not in ("vendors", "team"))  # those two are shared by all accounts


@dataclass(frozen=True)
class Revision:
    number: int
    at: str  # the moment it describes: a dated load's date (YYYY-MM-DD), else when it was recorded (ISO 8601, UTC)
    by: str
    source: str  # the file loaded, or the command
    summary: dict[str, dict[str, int]]  # kind -> change -> rows
    recorded: str | None = None  # when it was recorded, ISO 8601 in UTC

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.at[:10])


@dataclass(frozen=True)
class RowChange:
    """One row one revision changed: its values before and after (None: it did not exist)."""

    revision: int
    kind: str
    key: tuple
    before: dict | None
    after: dict | None


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container without a passwd entry
        return "unknown"


def revision_statements(account: str, changes: list[Change], stored: State, by: str, source: str,
                        at: str | None = None) -> list[Statement]:
    """The statements that record one write as the account's next revision (none when it changed nothing),
    describing the moment `at` (default: now)."""
    changed = [c for c in changes if c.change != "unchanged"]
    if not changed:
        return []
    recorded = _now()
    summary = Counter((c.kind, c.change) for c in changed)
    counts: dict[str, dict[str, int]] = {}
    for (kind, change), n in sorted(summary.items()):
        counts.setdefault(kind, {})[change] = n
    undo = _undo_rows(changed, stored, account)
    statements = [("history/add_revision", {"account": account, "at": at or recorded, "recorded": recorded,
                                             "by": by, "source": source,
                                             "summary": json.dumps(counts, ensure_ascii=False)})]
    for part, start in enumerate(range(0, len(undo), UNDO_PART_ROWS)):
        rows = json.dumps(undo[start:start + UNDO_PART_ROWS], ensure_ascii=False, separators=(",", ":"))
        statements.append(("history/add_undo", {"account": account, "part": part, "rows": rows}))
    return statements


def erasure_statements(store: Store, account: str, person: str, by: str) -> list[Statement]:
    """A revision saying that one person was erased (holding nothing of theirs), and the scrubbing of every earlier
    revision of them."""
    summary = json.dumps({"stakeholders": {"erased": 1}})
    return [*scrub_statements(store, account, person),
            ("history/add_revision", {"account": account, "at": _now(), "recorded": _now(), "by": by,
                                      "source": "forget", "summary": summary})]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _undo_rows(changes: list[Change], stored: State, account: str) -> list[list]:
    """[kind, key, row before] of each changed row, once each (a reporting line is its stakeholder's row).

    A write that creates the account records only that (`["account", [id], null]`) for the account's own rows:
    before it, none of them existed, and which it created is told by the rows after it (see `row_changes`).
    Vendors and team members, shared by all accounts, are recorded row by row."""
    created = not stored.get("account")
    seen, undo = set(), []
    if created:
        seen.add(("account", (account,)))
        undo.append(["account", [account], None])
    for change in changes:
        kind = "stakeholders" if change.kind == REPORTING.name else change.kind
        if (kind, change.key_values) in seen or (created and kind in OWN_KINDS):
            continue
        seen.add((kind, change.key_values))
        undo.append([kind, list(change.key_values), stored.get(kind, {}).get(change.key_values)])
    return undo


def _creates_account(rows: list[list]) -> bool:
    """Whether a revision's rows say it created the account: none of the account's own rows existed before it."""
    return any(kind == "account" and before is None for kind, _, before in rows)


def read_history(store: Store, account: str) -> tuple[Account, list[Revision], list[RowChange]]:
    """The account now, its revisions and every row change of each, oldest first, on one state of the store."""
    *answers, found, parts = store.read_many([*account_queries(account), ("history/revisions", {"account": account}),
                                              ("history/undo", {"account": account})])
    data = account_of(account, answers)
    if data is None:
        raise no_account(store, account)
    return data, _revisions(found), row_changes(parts, rows_of(data))


def read_revisions(store: Store, account: str) -> list[Revision]:
    """The account's revisions, oldest first (none for an account without history, or no such account)."""
    return _revisions(store.read("history/revisions", {"account": account}))


def _revisions(found: list[dict]) -> list[Revision]:
    return [Revision(r["number"], r["at"], r["by"], r["source"], json.loads(r["summary"]), r["recorded"])
            for r in sorted(found, key=lambda r: r["number"])]


def check_dated(store: Store, account: str, at: str) -> None:
    """A dated load describing the day `at` (ISO) must not come before the account's newest revision, nor
    after today."""
    if at > dt.date.today().isoformat():
        raise RelgraphError(f"--as-of {at} is in the future: a dated load says what a file showed on a past date")
    latest = store.read("history/latest", {"account": account})
    if latest and at < latest[0]["at"][:10]:
        raise RelgraphError(
            f"--as-of {at} comes before revision {latest[0]['number']} of account {account!r}, which describes "
            f"{latest[0]['at'][:10]}: history is kept in order, so load dated exports oldest first (a back-fill "
            f"into an account with newer revisions needs a fresh account: load the older exports under a new "
            f"--account ID)")


@dataclass(frozen=True)
class Moment:
    """The account as it stood at one moment: right after a revision (None: the present, as read)."""

    account: Account
    revision: Revision | None = None
    day: dt.date | None = None  # the day asked for: the date given, or the day the revision describes
    state: State | None = None  # the rows of the past with every vendor and team member (None: the present)


def read_at(store: Store, account: str, at: str | None = None, option: str = "--at",
            parts: Iterable[str] = QUERIES) -> Moment:
    """The account right after revision `at` (its number), or on the date `at` (YYYY-MM-DD: right after the
    last revision describing that day or an earlier one); the present when `at` is None.

    The present is read as always, only its `parts` (see read_account); the past is the present, whole, with
    every later revision undone, turned back into an Account by `account_from_rows`. Revisions are
    append-only, so the later revisions undone are read on the same state of the store as the present they
    are undone from. Errors name `at` as the `option` it came from.
    """
    if at is None:
        return Moment(read_account(store, account, parts=parts))
    revisions = read_revisions(store, account)
    revision, day = _resolve(store, account, revisions, at, option)
    *answers, shared, parts = store.read_many([*account_queries(account), ("load/shared_nodes", None),
                                               ("history/undo_after", {"account": account,
                                                                       "after": revision.number})])
    data = account_of(account, answers)
    if data is None:
        raise no_account(store, account)
    if not parts:  # nothing after it: the present
        return Moment(data, revision, day)
    past = state_after(parts, with_shared(rows_of(data), shared), revision.number)
    return Moment(account_from_rows(account, past), revision, day, past)


def read_before(store: Store, account: str, moment: Moment) -> Moment | None:
    """The account right after the revision before the one `moment` stands at (the present: the newest one), or
    None when there is none: the map at the previous review, for a plan's "moved since"."""
    newest = store.read("history/latest", {"account": account})
    number = moment.revision.number if moment.revision else newest[0]["number"] if newest else 0
    return read_at(store, account, str(number - 1), "--since") if number > 1 else None


def _resolve(store: Store, account: str, revisions: list[Revision], at: str, option: str) -> tuple[Revision, dt.date]:
    """The revision `at` names, and the day it stands for."""
    if not revisions:
        read_account(store, account)  # an unknown account is that error
        raise RelgraphError(f"{option} {at}: account {account!r} has no history yet")
    span = f"revisions 1 to {len(revisions)}, describing {revisions[0].at[:10]} to {revisions[-1].at[:10]}"
    if at.isdigit():
        number = int(at)
        if not 1 <= number <= revisions[-1].number:
            raise RelgraphError(f"{option} {at}: account {account!r} has no revision {number} ({span}); "
                                f"`relgraph history --account {account}` lists them")
        revision = next(r for r in revisions if r.number == number)
        return revision, revision.day
    try:
        day = dt.date.fromisoformat(at)
    except ValueError:
        raise RelgraphError(f"{option} {at!r}: give a date (YYYY-MM-DD) or a revision number") from None
    before = [r for r in revisions if r.day <= day]
    if not before:
        raise RelgraphError(f"{option} {at}: account {account!r} has no revision on or before that day ({span})")
    return before[-1], day


def row_changes(parts: list[dict], now: State) -> list[RowChange]:
    """Every row change of every revision (from the stored parts of the history), oldest first, each with its
    values before and after."""
    undo = _undo_by_revision(parts)
    after: dict[tuple, dict | None] = {}  # (kind, key) -> the row's value after the revision being looked at
    found = []
    for number in sorted(undo, reverse=True):  # newest first: a row's "after" is the next revision's "before"
        for kind, key, before in undo[number]:
            key = tuple(key)
            value = after.get((kind, key), now.get(kind, {}).get(key))
            found.append(RowChange(number, kind, key, before, value))
            after[kind, key] = before
        if _creates_account(undo[number]):
            found += _created(undo[number], now, after, number)
    return sorted(found, key=lambda c: (c.revision, list(KINDS).index(c.kind), [str(k) for k in c.key]))


def _created(rows: list[list], now: State, after: dict[tuple, dict | None], number: int) -> list[RowChange]:
    """The rows of the account's own kinds that the revision creating the account created, besides those it lists:
    every row there right after it, told by the later revisions' "before" values or, where none changed it,
    by the present."""
    listed = {(kind, tuple(key)) for kind, key, _ in rows}
    rows_after = {(kind, key): row for kind in OWN_KINDS for key, row in now.get(kind, {}).items()}
    rows_after.update((row, value) for row, value in after.items() if row[0] in OWN_KINDS)
    created = [RowChange(number, kind, key, None, value) for (kind, key), value in rows_after.items()
               if value is not None and (kind, key) not in listed]
    after.update(((change.kind, change.key), None) for change in created)
    return created


def state_after(parts: list[dict], now: State, revision: int) -> State:
    """The account's rows right after `revision`: the present with every later revision undone. (Vendors and team
    members are shared by all accounts: only this account's changes to them are undone.)"""
    state = {kind: dict(rows) for kind, rows in now.items()}
    for number, rows in sorted(_undo_by_revision(parts).items(), reverse=True):
        if number <= revision:
            break
        for kind, key, before in reversed(rows):
            if before is None:
                state[kind].pop(tuple(key), None)
            else:
                state[kind][tuple(key)] = before
        if _creates_account(rows):  # none of the account's own rows were there before it
            state.update({kind: {} for kind in OWN_KINDS})
    return state


def _undo_by_revision(parts: list[dict]) -> dict[int, list[list]]:
    undo: dict[int, list[list]] = {}
    for part in sorted(parts, key=lambda r: (r["number"], r["part"])):
        undo.setdefault(part["number"], []).extend(json.loads(part["rows"]))
    return undo


def scrub_statements(store: Store, account: str, person: str) -> Iterator[Statement]:
    """Statements that rewrite every stored part of the history that mentions `person`: their own rows and the
    rows keyed by them go, their id in other rows' values becomes empty."""
    mention = json.dumps(person, ensure_ascii=False)  # as the parts are written
    for part in store.read("history/undo_mentioning", {"account": account, "text": mention}):
        rows = [_scrubbed(row, person) for row in json.loads(part["rows"]) if not _keyed_by(row[0], row[1], person)]
        yield ("history/replace_undo", {"account": account, "number": part["number"], "part": part["part"],
                                        "rows": json.dumps(rows, ensure_ascii=False, separators=(",", ":"))})


def _person_columns(kind: str) -> tuple[str, ...]:
    spec = KINDS[kind]
    return (("id",) if kind == "stakeholders" else ()) + tuple(c for c, to in spec.references.items()
                                                               if to == "stakeholders")


def _keyed_by(kind: str, key, person: str) -> bool:
    """Whether the row of that key is the person's own or one of their relationships."""
    return any(value == person and column in _person_columns(kind) for column, value in zip(KINDS[kind].key, key))


def _scrubbed(row: list, person: str) -> list:
    kind, key, before = row
    if before is None:
        return row
    return [kind, key, {c: _without(v, person) if c in _person_columns(kind) else v for c, v in before.items()}]


def _without(value, person: str):
    """A cell of people's ids with the person taken out: an id of theirs becomes empty, a list loses theirs."""
    if isinstance(value, list):
        return [v for v in value if v != person]
    return None if value == person else value


def revision_rows(revisions: list[Revision]) -> list[dict]:
    """`relgraph history`: one row per revision, what it changed in words."""
    return [{"revision": r.number, "at": r.at, "recorded": r.recorded, "by": r.by, "source": r.source,
             "changes": "; ".join(f"{kind}: " + ", ".join(f"{n} {change}" for change, n in counts.items())
                                  for kind, counts in r.summary.items()), "summary": r.summary}
            for r in revisions]


def person_rows(data: Account, revisions: list[Revision], changes: list[RowChange], person: str) -> list[dict]:
    """`relgraph history PERSON`: every change of theirs (their row, and each relationship of theirs), oldest
    first, in words."""
    when = {r.number: r for r in revisions}
    rows = []
    for change in changes:
        if _keyed_by(change.kind, change.key, person):
            revision = when.get(change.revision)
            rows.append({"revision": change.revision, "at": revision.at if revision else None,
                         "by": revision.by if revision else None, "kind": change.kind,
                         "about": _about(data, change, person), "change": _words(change)})
    return rows


def _about(data: Account, change: RowChange, person: str) -> str:
    """What the row is about, besides the person: the other ends of its key, by name."""
    spec = KINDS[change.kind]
    names = {"stakeholders": data.people, "vendors": data.vendors, "team": data.team, "bids": data.bids}
    others = []
    for column, value in zip(spec.key, change.key):
        target = spec.references.get(column)
        if (column == "id" and change.kind == "stakeholders") or (target == "stakeholders" and value == person) \
                or value is None:  # a target's key holds only what its scope takes
            continue
        node = names.get(target, {}).get(value) if target else None
        label = ABOUT.get((change.kind, column), column.removesuffix("_id"))
        others.append(f"{label} {getattr(node, 'name', None) or value}")
    return ", ".join(others)


# How a person's relationship row names its other end.
ABOUT = {("influence", "source_id"): "listens to", ("influence", "target_id"): "influences",
         ("stances", "vendor_id"): "toward", ("owners", "team_member_id"): "owned by",
         ("contacts", "team_member_id"): "by", ("bid_team", "bid_id"): "on bid", ("targets", "scope"): "target for",
         ("targets", "bid_id"): "bid"}


def _words(change: RowChange) -> str:
    before, after = change.before, change.after
    if before is None:
        values = ", ".join(f"{c} {_shown(v)}" for c, v in (after or {}).items()
                           if v not in (None, []) and c not in KINDS[change.kind].key)
        return f"added: {values}" if values else "added"
    if after is None:
        return "removed"
    return "; ".join(f"{c}: {_shown(before.get(c))} -> {_shown(v)}" for c, v in after.items() if before.get(c) != v)


def _shown(value) -> str:
    if value in (None, []):
        return "(empty)"
    return ";".join(map(str, value)) if isinstance(value, list) else str(value)

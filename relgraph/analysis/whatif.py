"""What-if moves: the account as it would be after a few changes, in memory only (nothing is written).

A move is one of: a stance (and our level) set toward a vendor, a touchpoint today, a person leaving, an
influence tie added or re-weighted. Each names people and vendors by id or name, as `show` does, and its
values are checked as the cells of an account folder's files are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from relgraph.account import Account, Influence, Owner, Stance, Touchpoint
from relgraph.errors import InputError, Problem, RelgraphError
from relgraph.loaders.canonical import parse_cells
from relgraph.schema import KINDS

__all__ = ["Move", "parse_set", "parse_contact", "parse_remove", "parse_tie", "apply_moves", "WHATIF_MEMBER"]

WHATIF_MEMBER = "(what-if)"  # the team member of a what-if touchpoint nobody owns the person for
_WHERE = "(command line)"


@dataclass(frozen=True)
class Move:
    kind: str  # set | contact | own | remove | tie
    option: str  # the option as given, for messages
    person: str  # for a tie: its source
    vendor: str | None = None
    stance: str | None = None
    level: str | None = None
    target: str | None = None  # a tie's listener
    strength: int | None = None
    member: str | None = None  # the team member who owns (own) or visits (contact); None: the person's owner


def parse_set(spec: str) -> Move:
    """`PERSON:VENDOR=STANCE[/LEVEL]`."""
    left, equals, right = spec.rpartition("=")
    person, colon, vendor = left.rpartition(":")
    if not (equals and colon and person and vendor and right):
        raise _bad("--set", spec, "use PERSON:VENDOR=STANCE[/LEVEL], e.g. bj-chief:us=supporter/supports")
    stance, _, level = right.partition("/")
    cells = {"stakeholder_id": "x", "vendor_id": "x", "stance": stance.strip(), "level": level.strip() or None}
    row, problems = parse_cells(KINDS["stances"], {k: v for k, v in cells.items() if v}, _WHERE, None,
                                {"stance": "--set (stance)", "level": "--set (level)"})
    if problems:
        raise InputError(problems)
    return Move("set", f"--set {spec}", person.strip(), vendor=vendor.strip(), stance=row["stance"], level=row["level"])


def parse_contact(person: str) -> Move:
    return Move("contact", f"--contact {person}", person)


def parse_remove(person: str) -> Move:
    return Move("remove", f"--remove {person}", person)


def parse_tie(spec: str) -> Move:
    """`SOURCE>TARGET:STRENGTH`: TARGET listens to SOURCE."""
    left, colon, strength = spec.rpartition(":")
    source, arrow, target = left.partition(">")
    if not (colon and arrow and source.strip() and target.strip()) or strength.strip() not in "12345" \
            or not strength.strip():
        raise _bad("--tie", spec, "use SOURCE>TARGET:STRENGTH with a strength of 1..5 (TARGET listens to SOURCE)")
    return Move("tie", f"--tie {spec}", source.strip(), target=target.strip(), strength=int(strength))


def apply_moves(account: Account, moves: list[Move], today: dt.date) -> Account:
    """The account (as read, not scoped) with every move made, in order."""
    for move in moves:
        account = _apply(account, move, today)
    return account


def _apply(account: Account, move: Move, today: dt.date) -> Account:
    person = _person(account, move, move.person)
    if move.kind == "set":
        return _with_person(account, _set_stance(account, person, move, today))
    if move.kind == "contact":
        member = move.member or (person.owners[0].team_member_id if person.owners else WHATIF_MEMBER)
        touch = Touchpoint(today.isoformat(), member, "visit")
        return _with_person(account, replace(person, touchpoints=(touch, *person.touchpoints)))
    if move.kind == "own":
        owner = Owner(move.member or WHATIF_MEMBER, today.isoformat())
        return _with_person(account, replace(person, owners=tuple(sorted((*person.owners, owner),
                                                                         key=lambda o: o.team_member_id))))
    if move.kind == "remove":
        return _with_person(account, replace(person, status="departed"))
    target = _person(account, move, move.target)
    old = next((e for e in account.influence if (e.source, e.target) == (person.id, target.id)), None)
    tie = Influence(person.id, target.id, move.strength, old.kind if old else "advice")
    ties = sorted([e for e in account.influence if e is not old] + [tie], key=lambda e: (e.source, e.target))
    return replace(account, influence=tuple(ties))


def _set_stance(account: Account, person, move: Move, today: dt.date):
    try:
        vendor = account.require_vendor(move.vendor)
    except RelgraphError as error:
        raise RelgraphError(f"{move.option}: {error}") from None
    if move.level and not vendor.is_us:
        raise RelgraphError(f"{move.option}: a level is our relationship with a person; give it only toward us "
                            f"({account.us or 'no vendor of ours'})")
    dated = today.isoformat()
    if vendor.is_us:
        level = move.level or (person.our.level if person.our else None)
        return replace(person, our=Stance(move.stance, level, "high", dated, "what-if"))
    rivals = {**person.rivals, vendor.id: Stance(move.stance, None, "high", dated, "what-if")}
    return replace(person, rivals=dict(sorted(rivals.items())))


def _person(account: Account, move: Move, value: str):
    try:
        return account.require_person(value)
    except RelgraphError as error:
        raise RelgraphError(f"{move.option}: {error}") from None


def _with_person(account: Account, person) -> Account:
    return replace(account, people={**account.people, person.id: person})


def _bad(option: str, value: str, what: str) -> InputError:
    return InputError([Problem(_WHERE, None, option, value, what)])

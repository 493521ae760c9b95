"""Privacy: stable pseudonyms for sharing a map outside the account team, and erasing one person.

`Pseudonyms` hands out stand-ins that stay the same within one export or one
view: the same stakeholder id always gets the same pseudonym id and name, the
same title text the same stand-in title. `redact_state` applies them to an
account's rows (used by `relgraph export --redact`); viz/redact.py to a view.
`forget` erases a person from the store, `delete_account` a whole account.
"""

from __future__ import annotations

import copy
from typing import Callable

from relgraph.account import Account, read_account
from relgraph.errors import RelgraphError
from relgraph.history import default_author, erasure_statements
from relgraph.schema import KINDS
from relgraph.store import Store

__all__ = ["Pseudonyms", "redact_state", "forget", "delete_account", "REDACTED"]

REDACTED = "[redacted]"


def _id_columns(node_kind: str) -> dict[str, tuple[str, ...]]:
    """By kind, the columns that hold the id of a `node_kind` node (the node's own id column included)."""
    return {kind: (("id",) if kind == node_kind else ()) + tuple(c for c, to in spec.references.items() if to == node_kind)
            for kind, spec in KINDS.items()}


_PERSON_IDS, _TEAM_IDS = _id_columns("stakeholders"), _id_columns("team")


class Pseudonyms:
    """Stand-ins that are stable within one export or view (not across them: each run numbers afresh).

    >>> p = Pseudonyms()
    >>> p.person_id("bj-chief"), p.person_name("bj-chief"), p.person_id("bj-chief"), p.person_id("x")
    ('p001', 'Person 001', 'p001', 'p002')
    >>> p.title("局长"), p.title("副局长"), p.title("局长"), p.email("bj-chief")
    ('Title 01', 'Title 02', 'Title 01', 'p001@redacted.invalid')
    """

    def __init__(self) -> None:
        self._numbers: dict[str, dict[str, int]] = {}

    def _number(self, space: str, value: str) -> int:
        numbers = self._numbers.setdefault(space, {})
        return numbers.setdefault(value, len(numbers) + 1)

    def person_id(self, stakeholder_id: str) -> str:
        return f"p{self._number('person', stakeholder_id):03d}"

    def person_name(self, stakeholder_id: str) -> str:
        return f"Person {self._number('person', stakeholder_id):03d}"

    def email(self, stakeholder_id: str) -> str:
        return f"{self.person_id(stakeholder_id)}@redacted.invalid"

    def title(self, text: str) -> str:
        return f"Title {self._number('title', text):02d}"

    def team_id(self, team_member_id: str) -> str:
        return f"t{self._number('team', team_member_id):02d}"

    def team_name(self, team_member_id: str) -> str:
        return f"Team member {self._number('team', team_member_id):02d}"

    def text(self, value: str | None) -> str | None:
        """Free text (notes, a stance's source): replaced whole."""
        return REDACTED if value else value


def redact_state(state: dict[str, dict[tuple, dict]], pseudonyms: Pseudonyms | None = None) -> dict[str, dict[tuple, dict]]:
    """A copy of an account's rows by kind with people's ids, names, titles, e-mails and notes pseudonymised.

    Stakeholders and team members are numbered in id order; departments,
    vendors, bids and the account keep their names.
    """
    p = pseudonyms or Pseudonyms()
    for (id_,) in sorted(state.get("stakeholders", {})):
        p.person_id(id_)
    for (id_,) in sorted(state.get("team", {})):
        p.team_id(id_)
    redacted = {}
    for kind, rows in state.items():
        out = {}
        for original in rows.values():
            row = copy.deepcopy(original)
            for column in _PERSON_IDS.get(kind, ()):
                if row.get(column):
                    row[column] = _each(p.person_id, row[column])
            for column in _TEAM_IDS.get(kind, ()):
                if row.get(column):
                    row[column] = _each(p.team_id, row[column])
            if kind == "stakeholders":
                row["name"] = p.person_name(original["id"])
                row["title"] = p.title(row["title"]) if row.get("title") else row.get("title")
                row["email"] = p.email(original["id"]) if row.get("email") else row.get("email")
                row["notes"] = p.text(row.get("notes"))
            elif kind == "team":
                row["name"] = p.team_name(original["id"])
            elif kind == "stances":
                row["source"] = p.text(row.get("source"))
            elif kind == "activities":
                row["subject"] = p.text(row.get("subject"))
            out[KINDS[kind].key_of(row)] = row
        redacted[kind] = out
    return redacted


def _each(pseudonym: Callable[[str], str], value):
    """The pseudonym of an id, or of each id of a list (an activity's participants)."""
    return [pseudonym(v) for v in value] if isinstance(value, list) else pseudonym(value)


Confirm = Callable[[list[dict]], bool]  # shown what would be erased: go ahead?


def forget(store: Store, account: str, stakeholder: str, *, dry_run: bool = False,
           confirm: Confirm | None = None, by: str | None = None) -> list[dict]:
    """Erase one stakeholder (an id, or a name only they have) of `account` and every relationship that touches
    them, all-or-nothing, from the history too (a revision `by` someone records the erasure, holding nothing of
    them); with `dry_run` only say what would go.

    Returns what was (or would be) removed: a list of {removed, count}, the person first.
    """
    return _erase(store, account, lambda data, reader: _person_removal(data, stakeholder, reader, by), dry_run,
                  confirm)


def delete_account(store: Store, account: str, *, dry_run: bool = False, confirm: Confirm | None = None) -> list[dict]:
    """Erase a whole account: its people, departments, bids and every relationship among them, all-or-nothing.
    Vendors and our team members, which all accounts share, stay. Returns what was (or would be) removed."""
    return _erase(store, account, lambda data, reader: _account_removal(data), dry_run, confirm)


def _erase(store: Store, account: str, removal, dry_run: bool, confirm: Confirm | None) -> list[dict]:
    """What `removal` says an erasure removes, confirmed, then erased if the account has not changed meanwhile
    (the question is asked with no lock held)."""
    removed, _ = removal(read_account(store, account), None)
    if dry_run:
        return removed
    if confirm is not None and not confirm(removed):
        raise RelgraphError("not confirmed: nothing was erased")

    def decide(reader: Store):
        again, statements = removal(read_account(reader, account), reader)
        if again != removed:
            raise RelgraphError(f"account {account!r} changed while you were asked; nothing was erased: run the "
                                "command again")
        return statements, None, removed

    return store.update(decide)


def _person_removal(account: Account, stakeholder: str, reader: Store | None, by: str | None) -> tuple[list[dict], list]:
    """What erasing the person removes, and (given the store to read the history from) the statements."""
    person = account.require_person(stakeholder)
    counts = {
        "reporting line to their manager": int(person.manager_id is not None),
        "reporting lines of their reports": sum(p.manager_id == person.id for p in account.people.values()),
        "department membership": int(person.department_id is not None),
        "influence on others": sum(e.source == person.id for e in account.influence),
        "influence from others": sum(e.target == person.id for e in account.influence),
        "stances toward vendors": len(person.rivals) + int(person.our is not None),
        "owners on our team": len(person.owners),
        "touchpoints": len(person.touchpoints),
        "bid-team places": sum(person.id in b.team for b in account.bids.values()),
        "targets of the plan": sum(t.stakeholder_id == person.id for t in account.targets),
        "places in organisational activities": sum(person.id in a.stakeholder_ids for a in account.activities),
    }
    removed = [{"removed": f"stakeholder {person.id} ({person.name})", "count": 1}]
    removed += [{"removed": what, "count": count} for what, count in sorted(counts.items()) if count]
    if reader is None:
        return removed, []
    erased = {"account": account.id, "stakeholder": person.id}
    return removed, [("load/forget_stakeholder", erased), ("load/forget_targets", erased),
                     ("load/forget_activities", erased),
                     *erasure_statements(reader, account.id, person.id, by or default_author())]


def _account_removal(account: Account) -> tuple[list[dict], list]:
    people = account.people.values()
    counts = {
        "stakeholders": len(account.people),
        "departments": len(account.departments),
        "bids": len(account.bids),
        "influence ties": len(account.influence),
        "stances toward vendors": sum(len(p.rivals) + int(p.our is not None) for p in people),
        "owners on our team": sum(len(p.owners) for p in people),
        "touchpoints": sum(len(p.touchpoints) for p in people),
        "bid-team places": sum(len(b.team) for b in account.bids.values()),
        "targets of the plan": len(account.targets),
        "organisational activities": len(account.activities),
        "procurement steps": len(account.procurement),
    }
    removed = [{"removed": f"account {account.id} ({account.name or account.id})", "count": 1}]
    removed += [{"removed": what, "count": count} for what, count in counts.items() if count]
    return removed, [("load/delete_account_members", {"account": account.id}),
                     ("load/delete_account", {"account": account.id})]

"""An account as canonical rows by kind, as the account folder holds them: the base of change reports and exports."""

from __future__ import annotations

from relgraph.account import QUERIES, Account, account_of, account_queries
from relgraph.schema import KINDS
from relgraph.store import Store

__all__ = ["State", "rows_of", "account_from_rows", "read_stored", "read_stored_account", "with_shared",
           "sorted_rows"]

# kind -> {key tuple -> canonical row}
State = dict[str, dict[tuple, dict]]

_SHARED_KINDS = {"Vendor": "vendors", "TeamMember": "team"}


def rows_of(account: Account | None) -> State:
    """Every row of `account` (None: an account not yet stored) as the account folder would hold it."""
    state: State = {kind: {} for kind in KINDS}
    if account is None:
        return state

    columns = {kind: tuple(c.name for c in spec.columns) for kind, spec in KINDS.items()}
    keys = {kind: spec.key_of for kind, spec in KINDS.items()}  # worked out once: `add` runs for every row

    def add(of_kind: str, **values) -> None:
        row = {name: values.get(name) for name in columns[of_kind]}
        state[of_kind][keys[of_kind](row)] = row

    add("account", id=account.id, name=account.name, tier=account.tier)
    for d in account.departments.values():
        add("departments", id=d.id, name=d.name, function=d.function, parent_id=d.parent_id)
    for v in account.vendors.values():
        add("vendors", id=v.id, name=v.name, is_us=v.is_us)
    for t in account.team.values():
        add("team", id=t.id, name=t.name)
    for p in account.people.values():
        add("stakeholders", id=p.id, name=p.name, title=p.title, department_id=p.department_id, layer=p.layer,
            roles=list(p.roles), influence=p.influence, manager_id=p.manager_id, last_contact=p.recorded_contact,
            status=p.status, notes=p.notes, email=p.email, organisation=p.organisation)
        stances = {**({account.us: p.our} if p.our else {}), **p.rivals}
        for vendor, s in stances.items():
            add("stances", stakeholder_id=p.id, vendor_id=vendor, stance=s.stance, level=s.level,
                confidence=s.confidence, as_of=s.as_of, source=s.source)
        for o in p.owners:
            add("owners", team_member_id=o.team_member_id, stakeholder_id=p.id, since=o.since)
        for t in p.touchpoints:
            add("contacts", team_member_id=t.team_member_id, stakeholder_id=p.id, date=t.date, kind=t.kind)
    for e in account.influence:
        add("influence", source_id=e.source, target_id=e.target, strength=e.strength, kind=e.kind)
    for b in account.bids.values():
        add("bids", id=b.id, name=b.name, due=b.due, stage=b.stage)
        for pid, role in b.team.items():
            add("bid_team", bid_id=b.id, stakeholder_id=pid, role=role)
    for t in account.targets:
        add("targets", **vars(t))
    for a in account.activities:
        add("activities", **{**vars(a), "stakeholder_ids": list(a.stakeholder_ids),
                             "team_member_ids": list(a.team_member_ids)})
    for s in account.procurement:
        add("procurement", **vars(s))
    return state


def account_from_rows(account: str, state: State) -> Account | None:
    """The Account that `account_of` builds from the store when it holds exactly `state` (the inverse of
    `rows_of`; None: no account row). The account's past (relgraph.history) is built by this, so that it is
    read by the same model, with the same rules, as the present.

    Like the store's account queries it keeps, of the vendors and team members in `state`, us and those a
    person here has a stance toward, and those who own or contacted someone here or took part in an activity.
    """
    rows = {kind: list(state.get(kind, {}).values()) for kind in KINDS}  # account_of puts every kind in order
    people = rows["stakeholders"]
    stance_vendors = {r["vendor_id"] for r in rows["stances"]}
    in_touch = {r["team_member_id"] for kind in ("owners", "contacts") for r in rows[kind]}
    in_touch |= {member for r in rows["activities"] for member in r["team_member_ids"] or ()}
    answers = {
        "account": [r for r in rows["account"] if r["id"] == account],
        "people": people,
        "departments": rows["departments"],
        "memberships": [{"id": r["id"], "department_id": r["department_id"]} for r in people if r["department_id"]],
        "managers": [{"id": r["id"], "manager_id": r["manager_id"]} for r in people if r["manager_id"]],
        "influence": rows["influence"],
        "stances": [{**r, "id": r["stakeholder_id"]} for r in rows["stances"]],
        "vendors": [{**r, "is_us": bool(r["is_us"])} for r in rows["vendors"]
                    if r["is_us"] or r["id"] in stance_vendors],
        "team": [r for r in rows["team"] if r["id"] in in_touch],
        "owners": [{**r, "id": r["stakeholder_id"]} for r in rows["owners"]],
        "contacts": [{**r, "id": r["stakeholder_id"]} for r in rows["contacts"]],
        "bids": rows["bids"],
        "bid_team": [{**r, "id": r["stakeholder_id"]} for r in rows["bid_team"]],
        "targets": rows["targets"],
        "activities": rows["activities"],
        "procurement": rows["procurement"],
    }
    return account_of(account, [answers[name] for name in QUERIES])


def read_stored(store: Store, account: str) -> State:
    """What a load of `account` is checked and compared against, read on one state of the store: the account's
    rows by kind, with every vendor and team member in the store (they are shared by all accounts)."""
    return read_stored_account(store, account)[1]


def read_stored_account(store: Store, account: str) -> tuple[Account | None, State]:
    """The account as read (None if the store holds none of that id) and its rows as `read_stored` gives them."""
    *answers, shared = store.read_many([*account_queries(account), ("load/shared_nodes", None)])
    data = account_of(account, answers)
    return data, with_shared(rows_of(data), shared)


def with_shared(state: State, shared: list[dict]) -> State:
    """`state` with every vendor and team member of the store (the answer to load/shared_nodes) put in."""
    for node in shared:
        kind, values = _SHARED_KINDS[node["label"]], {**node["properties"], "id": node["id"]}
        state[kind][(node["id"],)] = {c.name: values.get(c.name) for c in KINDS[kind].columns}
    return state


def sorted_rows(state: State, kind: str) -> list[dict]:
    """The rows of one kind in key order (None sorts first)."""
    return [state[kind][key] for key in sorted(state.get(kind, {}), key=lambda k: tuple("" if v is None else str(v) for v in k))]

"""One account read from the store into plain records, for the analyses to work on."""

from __future__ import annotations

from dataclasses import dataclass, field

from relgraph.errors import RelgraphError
from relgraph.store import Store

__all__ = ["Person", "Influence", "Bid", "Account", "read_account", "ALLY_STANCES"]

ALLY_STANCES = ("mentor", "supporter")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    title: str | None
    layer: str | None
    roles: tuple[str, ...]  # for a bid: the role on its team, else the default roles
    influence: int | None  # the team's own 1..5 estimate
    department_id: str | None
    department: str | None
    department_function: str | None
    manager_id: str | None
    last_contact: str | None  # the later of the stored date and the newest touchpoint
    owners: tuple[str, ...]
    our_stance: str  # `unknown` when nobody recorded one
    our_level: str | None
    competitor_stances: dict[str, str] = field(default_factory=dict)  # vendor id -> stance

    @property
    def label(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name

    @property
    def is_ally(self) -> bool:
        return self.our_stance in ALLY_STANCES

    def leans_to(self) -> str | None:
        """The competitor this person is a mentor of, else a supporter of (first by id)."""
        for stance in ALLY_STANCES:
            vendors = sorted(v for v, s in self.competitor_stances.items() if s == stance)
            if vendors:
                return vendors[0]
        return None


@dataclass(frozen=True)
class Influence:
    source: str
    target: str
    strength: int
    kind: str | None


@dataclass(frozen=True)
class Bid:
    id: str
    name: str | None
    roles: dict[str, str | None]  # team member id -> role on this bid
    due: str | None = None
    stage: str | None = None


@dataclass(frozen=True)
class Account:
    """The people of one account (by default the active ones: see read_account) and the ties among them."""

    id: str
    people: dict[str, Person]  # by id, in id order
    influence: list[Influence]
    reports_to: dict[str, str]  # person -> manager, formal lines only
    vendors: dict[str, str]  # competitor id -> name
    us: str | None
    bid: Bid | None
    us_name: str | None = None


def read_account(store: Store, account: str, bid: str | None = None, include_departed: bool = False) -> Account:
    """Read `account` (and `bid` of it) for analysis; unknown ids raise a RelgraphError naming what exists.

    People marked departed are left out unless `include_departed` (someone
    who left may still pull strings).
    """
    scope = {"account": account}
    queries = {"people": ("read/people", scope), "vendors": ("read/vendors", None),
               "departments": ("read/departments", scope), "memberships": ("read/memberships", scope),
               "reporting_lines": ("read/reporting_lines", scope), "stance_edges": ("read/stance_edges", scope),
               "owners": ("read/owners", scope), "last_touchpoints": ("read/last_touchpoints", scope),
               "influence": ("read/influence", scope), "bids": ("read/bids", scope)}
    if bid:
        queries["bid_team"] = ("read/bid_team", {**scope, "bid": bid})
    read = dict(zip(queries, store.read_many(list(queries.values()))))  # one state of the store
    if not read["people"]:
        known = ", ".join(a["id"] for a in store.read("read/accounts")) or "none yet"
        raise RelgraphError(f"no account {account!r} with stakeholders in the store (accounts: {known})")
    the_bid = _bid(read, account, bid) if bid else None
    us = next((v for v in read["vendors"] if v["is_us"]), {"id": None, "name": None})
    extras = _per_person(read)
    people = {r["id"]: _person(r, extras, us["id"], the_bid) for r in read["people"]
              if include_departed or (r["status"] or "active") == "active"}
    influence = [Influence(r["source_id"], r["target_id"], r["strength"] or 3, r["kind"])
                 for r in read["influence"] if r["source_id"] in people and r["target_id"] in people]
    reports_to = {p.id: p.manager_id for p in people.values() if p.manager_id in people}
    competitors = {v["id"]: v["name"] for v in read["vendors"] if not v["is_us"]}
    return Account(account, people, influence, reports_to, competitors, us["id"], the_bid, us["name"])


def _per_person(read: dict[str, list[dict]]) -> dict[str, dict]:
    """Department, manager, stances, owners and the newest touchpoint of each person, keyed by id."""
    extras: dict[str, dict] = {}

    def of(pid: str) -> dict:
        return extras.setdefault(pid, _no_extras())

    departments = {d["id"]: d for d in read["departments"]}
    for row in read["memberships"]:
        of(row["id"])["department"] = departments[row["department_id"]]
    for row in read["reporting_lines"]:
        if not row["dotted"]:
            of(row["id"])["manager_id"] = row["manager_id"]
    for row in read["stance_edges"]:
        of(row["id"])["stances"][row["vendor_id"]] = row
    for row in read["owners"]:
        of(row["id"])["owners"].append(row["owner"] or row["owner_id"])
    for row in read["last_touchpoints"]:
        of(row["id"])["last_touchpoint"] = row["last_touchpoint"]
    return extras


def _bid(read: dict[str, list[dict]], account: str, bid: str) -> Bid:
    bids = {b["id"]: b for b in read["bids"]}
    if bid not in bids:
        raise RelgraphError(f"no bid {bid!r} in account {account!r} (bids: {', '.join(bids) or 'none'})")
    roles = {m["id"]: m["role"] for m in read["bid_team"]}
    return Bid(bid, bids[bid]["name"], roles, bids[bid]["due"], bids[bid]["stage"])


def _no_extras() -> dict:
    return {"department": None, "manager_id": None, "stances": {}, "owners": [], "last_touchpoint": None}


def _person(row: dict, extras: dict[str, dict], us: str | None, bid: Bid | None) -> Person:
    extra = extras.get(row["id"]) or _no_extras()
    stances = dict(extra["stances"])
    ours = stances.pop(us, {}) if us else {}
    roles = tuple(row["roles"] or ())
    if bid is not None and row["id"] in bid.roles:
        roles = (bid.roles[row["id"]],) if bid.roles[row["id"]] else roles
    department = extra["department"] or {}
    dates = [d for d in (row["last_contact"], extra["last_touchpoint"]) if d]
    return Person(
        id=row["id"], name=row["name"], title=row["title"], layer=row["layer"], roles=roles,
        influence=row["influence"], department_id=department.get("id"), department=department.get("name"),
        department_function=department.get("function"), manager_id=extra["manager_id"],
        last_contact=max(dates, default=None), owners=tuple(sorted(extra["owners"])),
        our_stance=ours.get("stance") or "unknown", our_level=ours.get("level"),
        competitor_stances={v: s["stance"] for v, s in sorted(stances.items())},
    )

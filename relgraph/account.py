"""One account as the store holds it, read once: the read model that analyses, views, show and export take.

`read_account` reads one account in one `read_many` (one state of the store)
into frozen records: its people (departed ones too), the department tree,
reporting lines, influence, this account's vendors, our team members and its
bids; or only the parts a reader names (an analysis reads what it uses), the
others left empty and the Account saying which parts it holds. Rules that
several readers of an account need (our stance and level, the competitors a
person leans to, last contact, which people are active) are methods here and
nowhere else. `Account.scoped` gives what the analyses look at: the active
people, with the roles that count for one bid.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import itemgetter
from typing import Callable, Iterable, NamedTuple

from relgraph.errors import RelgraphError, did_you_mean
from relgraph.model import ALLY_STANCES
from relgraph.schema import TARGET_KEY, is_derived, name_key
from relgraph.store import Store

__all__ = ["ALLY_STANCES", "Stance", "Owner", "Touchpoint", "Person", "Department", "Vendor", "TeamMember", "Bid",
           "Influence", "Target", "Activity", "ProcurementStep", "Account", "QUERIES", "read_account",
           "account_queries", "account_of", "no_account"]

UNKNOWN = "unknown"

# The queries of cypher/account/, read together on one state of the store: each is a part of the account.
QUERIES = ("account", "people", "departments", "memberships", "managers", "influence", "stances", "vendors", "team",
           "owners", "contacts", "bids", "bid_team", "targets", "activities", "procurement")
# The parts every reader gets: the account, who is in it, and the bids a --bid may name (all small but people).
ALWAYS = ("account", "people", "bids", "bid_team")


# The records an account holds hundreds of thousands of (stances, ties, owners, touchpoints) are named tuples:
# immutable like the frozen records, and built from the store's rows without a Python call per row (a 100,000-
# person account's records in about half the time). Change one with `_replace`.
class Stance(NamedTuple):
    """A person's position toward one vendor; `level` is our relationship (only toward us)."""

    stance: str
    level: str | None = None
    confidence: str | None = None
    as_of: str | None = None
    source: str | None = None


class Owner(NamedTuple):
    team_member_id: str
    since: str | None = None


class Touchpoint(NamedTuple):
    date: str
    team_member_id: str
    kind: str | None = None


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    title: str | None = None
    email: str | None = None
    layer: str | None = None
    roles: tuple[str, ...] = ()  # in an Account.scoped to a bid: the role on its team, where one is given
    influence: int | None = None  # the team's own 1..5 estimate
    status: str | None = "active"
    notes: str | None = None
    recorded_contact: str | None = None  # the last_contact column as loaded
    department_id: str | None = None
    organisation: str | None = None  # another organisation's (a consultant's): in no department of the customer
    manager_id: str | None = None
    our: Stance | None = None  # the stance toward us, None where nobody recorded one
    rivals: dict[str, Stance] = field(default_factory=dict)  # competitor id -> stance, in id order
    owners: tuple[Owner, ...] = ()  # by team member id
    touchpoints: tuple[Touchpoint, ...] = ()  # newest first
    # Worked out when the record is made, and anew by each `replace`: every analysis asks them of everyone.
    last_contact: str | None = field(init=False, compare=False, repr=False)  # the later of the recorded last
    # contact and the newest touchpoint
    our_stance: str = field(init=False, compare=False, repr=False)  # toward us; unknown where none is recorded
    is_ally: bool = field(init=False, compare=False, repr=False)  # our mentor or supporter

    def __post_init__(self):
        newest = self.touchpoints[0].date if self.touchpoints else None
        stance = self.our.stance if self.our else UNKNOWN
        object.__setattr__(self, "last_contact", max(self.recorded_contact or "", newest or "") or None)
        object.__setattr__(self, "our_stance", stance)
        object.__setattr__(self, "is_ally", stance in ALLY_STANCES)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name

    @property
    def outside(self) -> bool:
        """Of another organisation: shapes the account like anyone, but no coverage cell or breadth counts them."""
        return self.organisation is not None

    @property
    def active(self) -> bool:
        return self.status != "departed"

    @property
    def our_level(self) -> str | None:
        return self.our.level if self.our else None

    def rival_stance(self, vendor: str) -> str:
        stance = self.rivals.get(vendor)
        return stance.stance if stance else UNKNOWN

    def leans_to(self) -> tuple[str, ...]:
        """The competitors this person is a mentor of (by id), then those they are a supporter of."""
        return tuple(v for wanted in ALLY_STANCES for v, s in self.rivals.items() if s.stance == wanted)

    def as_of(self, day: str) -> Person:
        """This person as the map stood on `day` (ISO): touchpoints, stances, owners and the recorded last
        contact dated after it are left out (a stance recorded later was unknown then)."""
        if not self._dated_after(day):
            return self
        touchpoints = tuple(t for t in self.touchpoints if t.date <= day)
        return replace(self, touchpoints=touchpoints, our=_known_on(self.our, day),
                       rivals={v: s for v, s in self.rivals.items() if _known_on(s, day)},
                       owners=tuple(o for o in self.owners if (o.since or "") <= day),
                       recorded_contact=self.recorded_contact if (self.recorded_contact or "") <= day else None)

    def _dated_after(self, day: str) -> bool:
        # loops, not any() over generators: every analysis asks this of every person
        if (self.touchpoints and self.touchpoints[0].date > day) or (self.recorded_contact or "") > day:
            return True
        if self.our is not None and (self.our.as_of or "") > day:
            return True
        for stance in self.rivals.values():
            if (stance.as_of or "") > day:
                return True
        for owner in self.owners:
            if (owner.since or "") > day:
                return True
        return False


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    function: str | None = None
    parent_id: str | None = None


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str | None = None
    is_us: bool = False


@dataclass(frozen=True)
class TeamMember:
    id: str
    name: str | None = None


@dataclass(frozen=True)
class Bid:
    id: str
    name: str | None = None
    due: str | None = None
    stage: str | None = None
    team: dict[str, str | None] = field(default_factory=dict)  # person id -> role on this bid, in id order

    @property
    def label(self) -> str:
        """How sentences name the bid: its id (a tender number), or its name where the id is one a load derived."""
        return self.name if self.name and is_derived(self.id) else self.id


class Influence(NamedTuple):
    source: str
    target: str
    strength: int
    kind: str | None = None


@dataclass(frozen=True)
class Target:
    """A goal of the relationship plan (the columns of targets.csv; relgraph/targets.py says which each scope
    takes)."""

    scope: str  # person, cell or bid
    stakeholder_id: str | None = None
    department_id: str | None = None
    layer: str | None = None
    bid_id: str | None = None
    role: str | None = None
    stance: str | None = None
    level: str | None = None
    status: str | None = None
    measure: str | None = None
    value: float | None = None
    due: str | None = None
    owner_id: str | None = None


@dataclass(frozen=True)
class Activity:
    """An organisational-relationship event between the two companies (a row of activities.csv)."""

    date: str
    kind: str  # one of model.ACTIVITY_KINDS
    subject: str | None = None
    stakeholder_ids: tuple[str, ...] = ()  # the customer's people who took part
    team_member_ids: tuple[str, ...] = ()  # ours
    ends: str | None = None  # a strategic agreement's term: the last day it is in force
    score: float | None = None  # a satisfaction survey's score, 0..100


@dataclass(frozen=True)
class ProcurementStep:
    """One step of a bid's procurement process, and whether we took part in it (a row of procurement.csv)."""

    bid_id: str
    step: str  # one of model.PROCUREMENT_STEPS
    took_part: bool
    date: str | None = None


@dataclass(frozen=True)
class Account:
    """One account: dicts are keyed by id in id order, influence is sorted by (source, target)."""

    id: str
    name: str | None = None
    tier: str | None = None
    people: dict[str, Person] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    influence: tuple[Influence, ...] = ()
    vendors: dict[str, Vendor] = field(default_factory=dict)  # us, and every vendor someone here has a stance toward
    team: dict[str, TeamMember] = field(default_factory=dict)  # our team members who own or contacted someone here
    bids: dict[str, Bid] = field(default_factory=dict)
    targets: tuple[Target, ...] = ()  # the relationship plan, in key order
    activities: tuple[Activity, ...] = ()  # organisational relationships, in key order (date first)
    procurement: tuple[ProcurementStep, ...] = ()  # by bid, then step
    focus: Bid | None = None  # the bid an Account.scoped looks at
    parts: frozenset[str] = frozenset(QUERIES)  # the parts read (see QUERIES); those not read are empty

    @cached_property  # a frozen record: worked out once, and anew for each copy `scoped` makes
    def us(self) -> str | None:
        return next((v.id for v in self.vendors.values() if v.is_us), None)

    @property
    def us_name(self) -> str | None:
        return self.vendors[self.us].name if self.us else None

    @cached_property
    def competitors(self) -> dict[str, str]:
        """Competitor id -> name (the id where no name is recorded), in id order."""
        return {v.id: v.name or v.id for v in self.vendors.values() if not v.is_us}

    @cached_property
    def reports_to(self) -> dict[str, str]:
        """Person -> manager, for the people here whose manager is here too."""
        return {p.id: p.manager_id for p in self.people.values() if p.manager_id in self.people}

    @cached_property
    def display_names(self) -> dict[str, dict[str, str]]:
        """Kind (stakeholders, vendors, bids) -> id -> what people are shown for it: the name; where two share a
        name, with the title (people) or the id; the id where there is no name."""
        shown: dict[str, dict[str, str]] = {}
        for kind, nodes in (("stakeholders", self.people), ("vendors", self.vendors), ("bids", self.bids)):
            names = Counter(node.name for node in nodes.values() if node.name)
            shown[kind] = {id_: node.name if names[node.name] == 1 else
                           f"{node.name} ({getattr(node, 'title', None) or id_})" if node.name else id_
                           for id_, node in nodes.items()}
        return shown

    def stance_to(self, person: Person, vendor: str | None) -> str:
        """The person's stance toward any vendor, us included; `unknown` where none is recorded."""
        return person.our_stance if vendor is not None and vendor == self.us else person.rival_stance(vendor or "")

    def department_name(self, department_id: str | None) -> str | None:
        department = self.departments.get(department_id or "")
        return department.name if department else None

    def team_name(self, team_member_id: str) -> str:
        member = self.team.get(team_member_id)
        return (member.name if member else None) or team_member_id

    def active_people(self) -> dict[str, Person]:
        return {pid: p for pid, p in self.people.items() if p.active}

    def require_bid(self, bid: str | None) -> Bid:
        """The bid of that id or unique name; an error naming this account's bids if there is none."""
        if bid is None:
            raise RelgraphError(f"account {self.id!r} needs --bid ID; its bids: {', '.join(self.bids) or 'none'}")
        return self.bids[self.resolve("bid", bid)]

    def require_person(self, stakeholder: str) -> Person:
        """The person of that id or unique name."""
        return self.people[self.resolve("stakeholder", stakeholder)]

    def require_vendor(self, vendor: str) -> Vendor:
        """The vendor (us, or a competitor someone here has a stance toward) of that id or unique name."""
        return self.vendors[self.resolve("vendor", vendor)]

    def resolve(self, kind: str, value: str) -> str:
        """The id of the stakeholder, vendor or bid `value` stands for here: its id, else the name of exactly one
        (compared as a load compares names, spaces and case aside). A name several share is an error listing
        each (a person with department, title and status); an unknown one suggests the nearest id or name."""
        nodes = {"stakeholder": self.people, "vendor": self.vendors, "bid": self.bids}[kind]
        if value in nodes:
            return value
        named = [id_ for id_, node in nodes.items() if node.name and name_key(node.name) == name_key(value)]
        if len(named) == 1:
            return named[0]
        if named:
            raise RelgraphError(f"{len(named)} {kind}s in account {self.id!r} are called {value!r}: "
                                f"{'; '.join(self._candidate(nodes[id_]) for id_ in named)}; give the id")
        near = did_you_mean(value, [*nodes, *(node.name for node in nodes.values() if node.name)])
        hint = f" (did you mean {near!r}?)" if near else ""
        if kind == "stakeholder":
            raise RelgraphError(f"no stakeholder {value!r} in account {self.id!r}{hint}; "
                                f"`relgraph query stakeholders -p account={self.id}` lists them")
        what = "knows no vendor" if kind == "vendor" else "has no bid"
        raise RelgraphError(f"account {self.id!r} {what} {value!r}{hint}; its {kind}s: {', '.join(nodes) or 'none'}")

    def _candidate(self, node: Person | Vendor | Bid) -> str:
        """One of several of the same name, told apart."""
        if isinstance(node, Person):
            return (f"{node.id} ({self.department_name(node.department_id) or 'no department'}, "
                    f"{node.title or 'no title'}, {node.status or 'active'})")
        if isinstance(node, Vendor):
            return f"{node.id} (us)" if node.is_us else node.id
        return f"{node.id} (due {node.due or 'unknown'}, stage {node.stage or 'unknown'})"

    def as_of(self, day: dt.date) -> Account:
        """The map as it stood on `day`: what is dated after it is left out (see Person.as_of)."""
        iso = day.isoformat()
        return replace(self, people={pid: p.as_of(iso) for pid, p in self.people.items()})

    def scoped(self, bid: str | None = None, include_departed: bool = False) -> Account:
        """What the analyses look at: the active people (all with `include_departed`) and the influence among
        them; for a bid, each member's role on its team replaces their own roles, and the bid is the focus."""
        if not self.people:
            raise RelgraphError(f"account {self.id!r} holds no stakeholders yet; load them with "
                                f"`relgraph load FILE --kind stakeholders --account {self.id}`")
        focus = self.require_bid(bid) if bid is not None else None
        people = self.people if include_departed else self.active_people()
        if focus is not None:
            people = {pid: replace(p, roles=(focus.team[pid],)) if focus.team.get(pid) else p
                      for pid, p in people.items()}
        influence = tuple(e for e in self.influence if e.source in people and e.target in people)
        return replace(self, people=people, influence=influence, focus=focus)


def _known_on(stance: Stance | None, day: str) -> Stance | None:
    return stance if stance is not None and (stance.as_of or "") <= day else None


def no_account(store: Store, account: str) -> RelgraphError:
    """The one error for an account the store does not hold: the nearest one it does, else those it does."""
    known = [a["id"] for a in store.read("read/accounts")]
    near = did_you_mean(account, known)
    if near:
        return RelgraphError(f"no account {account!r}; did you mean {near!r}?")
    hint = f"accounts: {', '.join(known)}" if known else "it holds none yet: load one with `relgraph load`, or try `relgraph demo`"
    return RelgraphError(f"no account {account!r} in the store ({hint})")


def read_account(store: Store, account: str, *, parts: Iterable[str] = QUERIES,
                 missing_ok: bool = False) -> Account | None:
    """Read one account on one state of the store, only the `parts` named (and those ALWAYS read); an account
    the store does not hold is an error naming those it does, or None with `missing_ok` (a first load)."""
    found = account_of(account, store.read_many(account_queries(account, parts)), parts)
    if found is None and not missing_ok:
        raise no_account(store, account)
    return found


def account_queries(account: str, parts: Iterable[str] = QUERIES) -> list[tuple[str, dict]]:
    """The queries that read those parts of one account, for a `read_many` that may read more on the same state
    of the store."""
    return [(f"account/{name}", {"account": account}) for name in _read(parts)]


def account_of(account: str, answers: list[list[dict]], parts: Iterable[str] = QUERIES) -> Account | None:
    """The account from the answers to `account_queries` of the same parts (None if the store holds no such
    account)."""
    names = _read(parts)
    read = {**dict.fromkeys(QUERIES, []), **dict(zip(names, answers))}
    if not read["account"]:
        return None
    node = read["account"][0]
    vendors = {r["id"]: Vendor(r["id"], r["name"], bool(r["is_us"])) for r in _by(read["vendors"], "id")}
    us = next((v.id for v in vendors.values() if v.is_us), None)
    return Account(
        id=account, name=node["name"], tier=node["tier"],
        people=_people(read, us),
        departments={r["id"]: Department(r["id"], r["name"], r["function"], r["parent_id"])
                     for r in _by(read["departments"], "id")},
        influence=tuple(_records(Influence, _by(read["influence"], "source_id", "target_id"),
                                 "source_id", "target_id", "strength", "kind")),
        vendors=vendors,
        team={r["id"]: TeamMember(r["id"], r["name"]) for r in _by(read["team"], "id")},
        bids=_bids(read),
        targets=tuple(Target(**r) for r in sorted(read["targets"], key=_nullable_key(*TARGET_KEY))),
        activities=tuple(Activity(**{**r, "stakeholder_ids": tuple(r["stakeholder_ids"] or ()),
                                     "team_member_ids": tuple(r["team_member_ids"] or ())})
                         for r in sorted(read["activities"], key=_nullable_key("date", "kind", "subject"))),
        procurement=tuple(ProcurementStep(r["bid_id"], r["step"], bool(r["took_part"]), r["date"])
                          for r in _by(read["procurement"], "bid_id", "step")),
        parts=frozenset(names),
    )


def _read(parts: Iterable[str]) -> tuple[str, ...]:
    """The queries that read `parts`, with those ALWAYS read, in QUERIES order."""
    wanted = {*ALWAYS, *parts}
    unknown = wanted - set(QUERIES)
    if unknown:
        raise ValueError(f"no such part of an account: {', '.join(sorted(unknown))}; parts: {', '.join(QUERIES)}")
    return tuple(name for name in QUERIES if name in wanted)


def _by(rows: list[dict], *ids: str) -> list[dict]:
    """Rows sorted by their id columns (never null): the order of the store's answer is not the store's promise."""
    return sorted(rows, key=itemgetter(*ids))


def _records(record: type[NamedTuple], rows: list[dict], *columns: str) -> Iterable:
    """Each row's `columns`, in the order of the record's fields, as that record (no Python call per row)."""
    return map(record._make, map(itemgetter(*columns), rows))


def _nullable_key(*columns: str) -> Callable[[dict], tuple]:
    """A sort key on key columns that may be null (a target's, an activity's subject)."""
    return lambda row: tuple("" if row[k] is None else row[k] for k in columns)


def _people(read: dict[str, list[dict]], us: str | None) -> dict[str, Person]:
    department = {r["id"]: r["department_id"] for r in read["memberships"]}
    manager = {r["id"]: r["manager_id"] for r in read["managers"]}
    ours: dict[str, Stance] = {}
    rivals: dict[str, dict[str, Stance]] = {}
    rows = read["stances"]  # a few per person: sorted per person below, not all 300,000 at 100k people
    for r, stance in zip(rows, _records(Stance, rows, "stance", "level", "confidence", "as_of", "source")):
        if r["vendor_id"] == us:
            ours[r["id"]] = stance
        else:
            rivals.setdefault(r["id"], {})[r["vendor_id"]] = stance
    owners: dict[str, list[Owner]] = {}
    rows = _by(read["owners"], "id", "team_member_id")
    for r, owner in zip(rows, _records(Owner, rows, "team_member_id", "since")):
        owners.setdefault(r["id"], []).append(owner)
    touchpoints: dict[str, list[Touchpoint]] = {}
    rows = sorted(read["contacts"], key=lambda r: (r["id"], r["date"], r["team_member_id"], r["kind"] or ""),
                  reverse=True)
    for r, touchpoint in zip(rows, _records(Touchpoint, rows, "date", "team_member_id", "kind")):
        touchpoints.setdefault(r["id"], []).append(touchpoint)
    people = {}
    for r in _by(read["people"], "id"):
        pid = r["id"]
        people[pid] = Person(
            id=pid, name=r["name"], title=r["title"], email=r["email"], layer=r["layer"],
            roles=tuple(r["roles"] or ()), influence=r["influence"], status=r["status"], notes=r["notes"],
            recorded_contact=r["last_contact"], organisation=r["organisation"], department_id=department.get(pid),
            manager_id=manager.get(pid), our=ours.get(pid), rivals=dict(sorted(rivals.get(pid, {}).items())),
            owners=tuple(owners.get(pid, ())), touchpoints=tuple(touchpoints.get(pid, ())))
    return people


def _bids(read: dict[str, list[dict]]) -> dict[str, Bid]:
    teams: dict[str, dict[str, str | None]] = {}
    for r in _by(read["bid_team"], "bid_id", "id"):
        teams.setdefault(r["bid_id"], {})[r["id"]] = r["role"]
    return {r["id"]: Bid(r["id"], r["name"], r["due"], r["stage"], teams.get(r["id"], {}))
            for r in _by(read["bids"], "id")}

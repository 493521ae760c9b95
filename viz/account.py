"""One account read from the store into plain records that every view draws from."""

from __future__ import annotations

from dataclasses import dataclass, field

from relgraph.errors import RelgraphError
from relgraph.store import Store

__all__ = ["Person", "AccountMap", "read_account", "require_bid", "require_vendor"]


@dataclass
class Person:
    """One stakeholder with everything a view shows about them."""

    id: str
    name: str
    title: str | None = None
    layer: str | None = None
    roles: list[str] = field(default_factory=list)
    influence: int | None = None
    status: str = "active"
    notes: str | None = None
    department_id: str | None = None
    manager_id: str | None = None
    last_contact: str | None = None
    stances: dict[str, dict] = field(default_factory=dict)  # vendor id -> {stance, level, confidence, as_of}
    owners: list[str] = field(default_factory=list)  # team member ids
    bids: dict[str, str | None] = field(default_factory=dict)  # bid id -> role on its team

    @property
    def active(self) -> bool:
        return self.status != "departed"


@dataclass
class AccountMap:
    """An account: its people, departments, vendors, bids and the lines between people."""

    id: str
    name: str
    people: dict[str, Person]
    departments: dict[str, dict]  # id -> {id, name, function, parent_id}
    vendors: dict[str, dict]  # id -> {id, name, is_us}
    team: dict[str, str]  # team member id -> name
    bids: dict[str, dict]  # id -> {id, name, due, stage}
    influence: list[dict]  # {source, target, strength, kind}
    reporting: list[dict]  # {source (report), target (manager), dotted}

    @property
    def us(self) -> str | None:
        return next((v for v, vendor in sorted(self.vendors.items()) if vendor.get("is_us")), None)

    def competitors(self) -> list[str]:
        return sorted(v for v, vendor in self.vendors.items() if not vendor.get("is_us"))


def read_account(store: Store, account: str) -> AccountMap:
    """Read one account with `read/account_nodes` and `read/account_edges`; unknown ids name what exists."""
    nodes, edges = store.read_many([("read/account_nodes", {"account": account}),
                                    ("read/account_edges", {"account": account})])
    if not any(n["label"] == "Account" for n in nodes):
        known = ", ".join(a["id"] for a in store.read("read/accounts")) or "none (try `relgraph demo`)"
        raise RelgraphError(f"no account {account!r}; accounts in the store: {known}")
    by_label: dict[str, dict[str, dict]] = {}
    for node in nodes:
        by_label.setdefault(node["label"], {})[node["id"]] = node["properties"]
    props = by_label["Account"][account]
    graph = AccountMap(
        id=account, name=props.get("name") or account,
        people={pid: _person(pid, p) for pid, p in sorted(by_label.get("Stakeholder", {}).items())},
        departments={d: {"id": d, "name": p.get("name") or d, "function": p.get("function"), "parent_id": None}
                     for d, p in sorted(by_label.get("Department", {}).items())},
        vendors={v: {"id": v, "name": p.get("name") or v, "is_us": bool(p.get("is_us"))}
                 for v, p in sorted(by_label.get("Vendor", {}).items())},
        team={t: p.get("name") or t for t, p in sorted(by_label.get("TeamMember", {}).items())},
        bids={b: {"id": b, **{k: p.get(k) for k in ("name", "due", "stage")}}
              for b, p in sorted(by_label.get("Bid", {}).items())},
        influence=[], reporting=[])
    for edge in sorted(edges,
                       key=lambda e: (e["type"], e["source"], e["target"])):
        _add_edge(graph, edge)
    return graph


def _person(pid: str, p: dict) -> Person:
    roles = p.get("roles") or []
    return Person(id=pid, name=p.get("name") or pid, title=p.get("title"), layer=p.get("layer"),
                  roles=list(roles) if isinstance(roles, (list, tuple)) else [roles],
                  influence=p.get("influence"), status=p.get("status") or "active", notes=p.get("notes"),
                  last_contact=p.get("last_contact"))


def _add_edge(graph: AccountMap, edge: dict) -> None:
    kind, source, target, props = edge["type"], edge["source"], edge["target"], edge["properties"] or {}
    people = graph.people
    if kind == "MEMBER_OF" and source in people:
        people[source].department_id = target
    elif kind == "PART_OF" and source in graph.departments:
        graph.departments[source]["parent_id"] = target
    elif kind == "REPORTS_TO" and source in people and target in people:
        dotted = bool(props.get("dotted"))
        graph.reporting.append({"source": source, "target": target, "dotted": dotted})
        if not dotted:
            people[source].manager_id = target
    elif kind == "INFLUENCES" and source in people and target in people:
        graph.influence.append({"source": source, "target": target,
                                "strength": props.get("strength") or 3, "kind": props.get("kind")})
    elif kind == "STANCE" and source in people:
        people[source].stances[target] = {k: props.get(k) for k in ("stance", "level", "confidence", "as_of")}
    elif kind == "ON_BID_TEAM" and source in people:
        people[source].bids[target] = props.get("role")
    elif kind == "OWNS" and target in people:
        people[target].owners.append(source)
    elif kind == "CONTACTED" and target in people:
        date = props.get("date")
        if date and (people[target].last_contact or "") < date:
            people[target].last_contact = date


def require_bid(graph: AccountMap, bid: str | None) -> str:
    """The bid id, checked against the account's bids."""
    if bid is None or bid not in graph.bids:
        known = ", ".join(graph.bids) or "none"
        what = "needs --bid ID" if bid is None else f"has no bid {bid!r}"
        raise RelgraphError(f"account {graph.id!r} {what}; its bids: {known}")
    return bid


def require_vendor(graph: AccountMap, vendor: str | None) -> str:
    """The competitor's id, checked against the vendors this account's people have a stance toward."""
    competitors = graph.competitors()
    if vendor is None or vendor not in competitors:
        known = ", ".join(competitors) or "none"
        if vendor is not None and vendor == graph.us:
            what = f"shows a competitor's side; {vendor!r} is us"
        else:
            what = "needs --vendor ID" if vendor is None else f"knows no competitor {vendor!r}"
        raise RelgraphError(f"the competitor view of {graph.id!r} {what}; its competitors: {known}")
    return vendor

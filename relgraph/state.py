"""What the store holds for one account, as canonical rows by kind: the base of change reports and exports."""

from __future__ import annotations

from relgraph.schema import KINDS
from relgraph.store import Store

__all__ = ["State", "read_state", "read_shared", "sorted_rows"]

# kind -> {key tuple -> canonical row}
State = dict[str, dict[tuple, dict]]

_NODE_KINDS = {"Account": "account", "Department": "departments", "Stakeholder": "stakeholders", "Bid": "bids",
               "Vendor": "vendors", "TeamMember": "team"}
# relationship type -> (kind, column of the source id, column of the target id)
_EDGE_KINDS = {"INFLUENCES": ("influence", "source_id", "target_id"),
               "STANCE": ("stances", "stakeholder_id", "vendor_id"),
               "OWNS": ("owners", "team_member_id", "stakeholder_id"),
               "CONTACTED": ("contacts", "team_member_id", "stakeholder_id"),
               "ON_BID_TEAM": ("bid_team", "stakeholder_id", "bid_id")}


def _row(kind: str, values: dict) -> dict:
    return {c.name: values.get(c.name) for c in KINDS[kind].columns}


def _key(kind: str, row: dict) -> tuple:
    return KINDS[kind].key_of(row)


def read_state(store: Store, account: str) -> State:
    """Every row of `account` as the account folder would hold it, by kind and key.

    Vendors and team members are those the account's stances, owners and
    touchpoints name (as `read/account_nodes` gives them).
    """
    state: State = {kind: {} for kind in KINDS}
    nodes, edges = store.read_many([("read/account_nodes", {"account": account}),
                                    ("read/account_edges", {"account": account})])
    props: dict[tuple[str, str], dict] = {(n["label"], n["id"]): dict(n["properties"]) for n in nodes}
    links: dict[tuple[str, str], dict] = {}  # (kind, id) -> parent_id / department_id / manager_id
    for edge in edges:
        type_, source, target, values = edge["type"], edge["source"], edge["target"], edge["properties"] or {}
        if type_ == "PART_OF":
            links.setdefault(("departments", source), {})["parent_id"] = target
        elif type_ == "MEMBER_OF":
            links.setdefault(("stakeholders", source), {})["department_id"] = target
        elif type_ == "REPORTS_TO" and not values.get("dotted"):
            links.setdefault(("stakeholders", source), {})["manager_id"] = target
        elif type_ in _EDGE_KINDS:
            kind, source_column, target_column = _EDGE_KINDS[type_]
            row = _row(kind, {**values, source_column: source, target_column: target})
            state[kind][_key(kind, row)] = row
    for (label, id_), values in props.items():
        kind = _NODE_KINDS[label]
        row = _row(kind, {**values, **links.get((kind, id_), {}), "id": id_})
        if kind == "stakeholders" and row["roles"] is None:
            row["roles"] = []
        state[kind][(id_,)] = row
    return state


def read_shared(store: Store) -> State:
    """Every vendor and team member in the store, by kind and key."""
    state: State = {"vendors": {}, "team": {}}
    for node in store.read("load/shared_nodes"):
        kind = _NODE_KINDS[node["label"]]
        state[kind][(node["id"],)] = _row(kind, {**node["properties"], "id": node["id"]})
    return state


def sorted_rows(state: State, kind: str) -> list[dict]:
    """The rows of one kind in key order (None sorts first)."""
    return [state[kind][key] for key in sorted(state.get(kind, {}), key=lambda k: tuple("" if v is None else str(v) for v in k))]

"""Looking things up: the accounts in the store, one stakeholder, any named read query."""

from __future__ import annotations

from relgraph.errors import QueryError, RelgraphError
from relgraph.queries import Query, read_queries
from relgraph.store import Store

__all__ = ["list_accounts", "show_stakeholder", "run_named_query", "parse_params"]


def list_accounts(store: Store) -> list[dict]:
    return store.read("read/accounts")


def show_stakeholder(store: Store, account: str, stakeholder: str) -> dict:
    """Everything the store knows about one person, lists in a stable order."""
    rows = store.read("read/stakeholder", {"account": account, "stakeholder": stakeholder})
    if not rows:
        raise RelgraphError(f"no stakeholder {stakeholder!r} in account {account!r}; "
                            f"`relgraph query stakeholders -p account={account}` lists them")
    person = rows[0]
    person["reports"].sort(key=lambda r: r["id"])
    for key in ("influenced_by", "influences"):
        person[key].sort(key=lambda r: (-(r["strength"] or 0), r["id"]))
    person["stances"].sort(key=lambda s: (not s["is_us"], s["vendor_id"]))
    person["owners"].sort(key=lambda o: o["id"])
    person["touchpoints"].sort(key=lambda t: (t["date"], t["team_member_id"], t["kind"] or ""), reverse=True)
    dates = [d for d in [person["last_contact"], *(t["date"] for t in person["touchpoints"])] if d]
    person["last_contact"] = max(dates, default=None)
    return person


def parse_params(query: Query, pairs: tuple[str, ...]) -> dict:
    """Turn `key=value` strings into the query's parameters, typed as its header declares."""
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise QueryError(f"parameter {pair!r} is not key=value")
        if key not in query.params:
            raise QueryError(f"query {query.name} takes no parameter {key!r}; it takes: {', '.join(query.params) or 'none'}")
        try:
            params[key] = query.params[key](value)
        except ValueError:
            raise QueryError(f"parameter {key!r} must be a whole number, not {value!r}") from None
    missing = [p for p in query.params if p not in params]
    if missing:
        raise QueryError(f"query {query.name} needs {', '.join(f'-p {m}=...' for m in missing)}")
    return params


def run_named_query(store: Store, name: str, pairs: tuple[str, ...]) -> tuple[list[str], list[dict]]:
    """Run a query of `cypher/read/` by its short name; returns its columns and rows."""
    queries = read_queries()
    if name not in queries:
        raise QueryError(f"no read query named {name!r}; `relgraph query --list` shows them")
    query = queries[name]
    return list(query.returns), store.read(query.name, parse_params(query, pairs))

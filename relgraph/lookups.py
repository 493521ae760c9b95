"""Looking things up: the accounts in the store, one stakeholder of an account, any named read query."""

from __future__ import annotations

from relgraph.account import Account
from relgraph.errors import QueryError
from relgraph.queries import Query, read_queries
from relgraph.schema import is_derived
from relgraph.store import Store

__all__ = ["list_accounts", "show_stakeholder", "show_rows", "for_people", "run_named_query", "parse_params"]


def list_accounts(store: Store) -> list[dict]:
    return store.read("read/accounts")


def show_stakeholder(account: Account, stakeholder: str) -> dict:
    """Everything the account holds about one person (the JSON contract of `relgraph show`), lists in a stable order."""
    p = account.require_person(stakeholder)
    people = account.people
    manager = people.get(p.manager_id or "")

    def ties(pairs) -> list[dict]:
        rows = [{"id": other, "name": people[other].name if other in people else None, "strength": e.strength,
                 "kind": e.kind} for other, e in pairs]
        return sorted(rows, key=lambda r: (-(r["strength"] or 0), r["id"]))

    stances = [(account.us, p.our)] if p.our else []
    return {
        "id": p.id, "name": p.name, "title": p.title, "email": p.email, "layer": p.layer, "roles": list(p.roles),
        "influence": p.influence, "status": p.status, "last_contact": p.last_contact, "notes": p.notes,
        "department_id": p.department_id, "department": account.department_name(p.department_id),
        "organisation": p.organisation,
        "manager_id": manager.id if manager else None, "manager": manager.name if manager else None,
        "reports": [{"id": r.id, "name": r.name, "title": r.title} for r in people.values() if r.manager_id == p.id],
        "influenced_by": ties((e.source, e) for e in account.influence if e.target == p.id),
        "influences": ties((e.target, e) for e in account.influence if e.source == p.id),
        "stances": [{"vendor_id": v, "vendor": account.vendors[v].name, "is_us": account.vendors[v].is_us,
                     "stance": s.stance, "level": s.level, "confidence": s.confidence, "as_of": s.as_of,
                     "source": s.source} for v, s in [*stances, *p.rivals.items()]],
        "owners": [{"id": o.team_member_id, "name": account.team[o.team_member_id].name, "since": o.since}
                   for o in p.owners],
        "touchpoints": [{"date": t.date, "kind": t.kind, "team_member_id": t.team_member_id,
                         "team_member": account.team[t.team_member_id].name} for t in p.touchpoints],
    }


def show_rows(person: dict) -> list[dict]:
    """`show` for people to read: one labelled line per field, and one per item of a list (influence, stances,
    owners, touchpoints), each item in words; ids a load derived left out (see for_people)."""
    person = for_people(person)
    rows = []
    for field, value in person.items():
        if field in ITEM_WORDS:
            lines = [ITEM_WORDS[field](item) for item in value] or ["none"]
            rows += [{"field": field if i == 0 else "", "value": line} for i, line in enumerate(lines)]
        else:
            rows.append({"field": field, "value": value})
    return rows


def _who(name, id_) -> str:
    return f"{name} ({id_})" if name and id_ else name or id_ or "?"


def _phrase(*parts) -> str:
    return ", ".join(str(p) for p in parts if p)


ITEM_WORDS = {
    "reports": lambda r: _phrase(_who(r.get("name"), r.get("id")), r.get("title")),
    "influenced_by": lambda t: _phrase(_who(t.get("name"), t.get("id")), f"strength {t['strength']}", t["kind"]),
    "influences": lambda t: _phrase(_who(t.get("name"), t.get("id")), f"strength {t['strength']}", t["kind"]),
    "stances": lambda s: f"{s['vendor'] or s.get('vendor_id')}{' (us)' if s['is_us'] else ''}: " + _phrase(
        s["stance"], s["level"] and f"level {s['level']}", s["confidence"] and f"confidence {s['confidence']}",
        s["as_of"] and f"as of {s['as_of']}", s["source"] and f"source: {s['source']}"),
    "owners": lambda o: _phrase(o.get("name") or o.get("id"), o["since"] and f"since {o['since']}"),
    "touchpoints": lambda t: _phrase(t["date"], t["kind"], f"by {t.get('team_member') or t.get('team_member_id')}"),
}


def for_people(value):
    """A record as table and Markdown output show it: the ids a load derived (`s-ea92c48f0a`, beside the names
    they stand for) left out; JSON keeps them."""
    if isinstance(value, list):
        return [for_people(v) for v in value]
    if isinstance(value, dict):
        return {k: for_people(v) for k, v in value.items() if not ((k == "id" or k.endswith("_id")) and is_derived(v))}
    return value


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

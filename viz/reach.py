"""Who stands out on a map: unreached key people, people who lean to a competitor, and warm paths to them.

These are the views' own simple rules until the analyses (issue 3) provide
power scores and gap statuses; each is one function to replace.
"""

from __future__ import annotations

from datetime import date, timedelta

from .account import AccountMap, Person

__all__ = ["KEY_ROLES", "STALE_DAYS", "ALLY_STANCES", "stance_to", "is_key", "is_unreached", "leans_to",
           "reference_date", "warm_path", "influence_graph"]

KEY_ROLES = ("decision_maker", "influencer")
STALE_DAYS = 60
ALLY_STANCES = ("mentor", "supporter")
WEAK_LEVELS = (None, "opposed", "contact")


def stance_to(person: Person, vendor: str | None) -> str:
    """The person's stance toward a vendor; `unknown` where none is recorded."""
    return (person.stances.get(vendor or "") or {}).get("stance") or "unknown"


def is_key(person: Person) -> bool:
    """Decision makers and influencers, and anyone the team rates 4 or 5 for influence."""
    return any(r in KEY_ROLES for r in person.roles) or (person.influence or 0) >= 4


def reference_date(graph: AccountMap) -> date | None:
    """'Now' for staleness: the newest contact or stance date in the account, so that a view is reproducible."""
    dates = [p.last_contact for p in graph.people.values() if p.last_contact]
    dates += [s["as_of"] for p in graph.people.values() for s in p.stances.values() if s.get("as_of")]
    return date.fromisoformat(max(dates)) if dates else None


def is_unreached(person: Person, graph: AccountMap, today: date | None) -> bool:
    """An active key person with whom our relationship is weak (DOMAIN question 2).

    Weak: nobody on our team owns them, or our level is `contact` or worse
    (or unrecorded), or their stance to us is not mentor/supporter, or the last
    contact is more than STALE_DAYS before `today` (or never).
    """
    if not person.active or not is_key(person):
        return False
    ours = person.stances.get(graph.us or "") or {}
    stale = today is not None and (not person.last_contact or
                                   date.fromisoformat(person.last_contact) < today - timedelta(days=STALE_DAYS))
    return (not person.owners or ours.get("level") in WEAK_LEVELS
            or stance_to(person, graph.us) not in ALLY_STANCES or stale)


def leans_to(person: Person, graph: AccountMap) -> list[str]:
    """The competitors this person is a mentor or supporter of."""
    return [v for v in graph.competitors() if stance_to(person, v) in ALLY_STANCES]


def warm_path(graph: AccountMap, target: str, G=None) -> list[str]:
    """The shortest chain of influence from one of our active mentors or supporters to `target`.

    Ties go to the stronger first link, then to ids, so that the path is stable.
    Returns [] when no ally of ours reaches the person.
    """
    import networkx as nx

    G = G if G is not None else influence_graph(graph)
    allies = sorted(p.id for p in graph.people.values()
                    if p.active and p.id != target and stance_to(p, graph.us) in ALLY_STANCES)
    best: list[str] = []
    for ally in allies:
        try:
            path = nx.shortest_path(G, ally, target, weight="cost")
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            continue
        if not best or _cost(G, path) < _cost(G, best):
            best = path
    return best


def influence_graph(graph: AccountMap):
    """The influence edges among active people as a networkx DiGraph; a strong link is a short step (cost 6 - strength)."""
    import networkx as nx

    G = nx.DiGraph()
    active = {pid for pid, p in graph.people.items() if p.active}
    G.add_nodes_from(sorted(active))
    for edge in graph.influence:
        if edge["source"] in active and edge["target"] in active:
            G.add_edge(edge["source"], edge["target"], cost=6 - (edge.get("strength") or 3))
    return G


def _cost(G, path: list[str]) -> float:
    return sum(G.edges[a, b]["cost"] for a, b in zip(path, path[1:]))

"""A view to share outside the account team: people's names, titles and notes, and our team's names, pseudonymised."""

from __future__ import annotations

from dataclasses import replace

from relgraph.privacy import Pseudonyms

from .account import AccountMap
from .reach import Insight

__all__ = ["redact_view_data"]


def redact_view_data(graph: AccountMap, insight: Insight) -> tuple[AccountMap, Insight]:
    """The same map with stable pseudonyms: people numbered in id order, the same title text the same stand-in.

    Ids, departments, vendors and bids keep their names. Warm paths name people too, so they are redacted alike.
    """
    names = Pseudonyms()
    people = {}
    for pid in sorted(graph.people):
        person = graph.people[pid]
        people[pid] = replace(person, name=names.person_name(pid), title=names.title(person.title) if person.title else None,
                              notes=names.text(person.notes))
    team = {tid: names.team_name(tid) for tid in sorted(graph.team)}
    marked = {pid: replace(u, path=tuple(replace(s, name=people[s.id].name) for s in u.path) if u.path else None)
              for pid, u in insight.marked.items()}
    return replace(graph, people=people, team=team), replace(insight, marked=marked)

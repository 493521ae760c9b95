"""A view to share outside the account team: people's ids, names, titles and notes, and our team, pseudonymised."""

from __future__ import annotations

from dataclasses import replace

from relgraph.account import Account, TeamMember
from relgraph.analysis.unreached import WarmPath
from relgraph.privacy import Pseudonyms

from .reach import Insight

__all__ = ["redact_view_data"]


def redact_view_data(graph: Account, insight: Insight) -> tuple[Account, Insight]:
    """The same map with stable pseudonyms, as `relgraph export --redact` gives them: people numbered in id order
    (p001, Person 001), the same title text the same stand-in, our team members t01, Team member 01.

    Ids go too: an id can be an employee number, a CRM id, or a hash of the name. Departments, vendors and bids
    keep their names. Warm paths and coverage name people too, so they are redacted alike.
    """
    names = Pseudonyms()
    pid = {old: names.person_id(old) for old in graph.people}
    tid = {old: names.team_id(old) for old in graph.team}
    people = {pid[old]: replace(person, id=pid[old], name=names.person_name(old), notes=names.text(person.notes),
                                title=names.title(person.title) if person.title else None,
                                manager_id=pid.get(person.manager_id, person.manager_id),
                                owners=tuple(o._replace(team_member_id=tid.get(o.team_member_id, o.team_member_id))
                                             for o in person.owners),
                                touchpoints=tuple(t._replace(team_member_id=tid.get(t.team_member_id, t.team_member_id))
                                                  for t in person.touchpoints))
              for old, person in graph.people.items()}
    graph = replace(graph, people=people,
                    team={tid[t]: TeamMember(tid[t], names.team_name(t)) for t in graph.team},
                    influence=tuple(e._replace(source=pid[e.source], target=pid[e.target]) for e in graph.influence),
                    bids={b: replace(bid, team={pid[p]: role for p, role in bid.team.items()})
                          for b, bid in graph.bids.items()})
    ids = lambda found: tuple(pid[p] for p in found)
    insight = replace(
        insight,
        power={pid[p]: replace(power, id=pid[p]) for p, power in insight.power.items()},
        marked={pid[p]: replace(u, id=pid[p], path=_redacted_path(u.path, pid, tid, people))
                for p, u in insight.marked.items()},
        departments={d: replace(cell, people=ids(cell.people), our_allies=ids(cell.our_allies),
                                competitor_allies={v: ids(found) for v, found in cell.competitor_allies.items()})
                     for d, cell in insight.departments.items()})
    return graph, insight


def _redacted_path(path: WarmPath | None, pid: dict, tid: dict, people: dict) -> WarmPath | None:
    if path is None:
        return None
    steps = tuple(replace(s, id=pid[s.id], name=people[pid[s.id]].name) for s in path.steps)
    return replace(path, steps=steps, act_by=tuple(tid.get(t, t) for t in path.act_by))

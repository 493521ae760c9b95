"""What a tooltip and the filters know about each person and line: plain text fields, never markup."""

from __future__ import annotations

from relgraph.model import LAYERS, STANCES

from .account import AccountMap, Person
from .reach import our_level, stance_to

__all__ = ["person_details", "influence_details", "reporting_details", "filter_choices"]


def person_details(person: Person, graph: AccountMap, *, include_notes: bool, stance_vendor: str | None,
                   extra: list[list[str]] | None = None) -> dict:
    """The tooltip rows of one person, and the facets the filters match (department, layer, stance)."""
    us = graph.us
    department = graph.departments.get(person.department_id or "", {}).get("name")
    vendors = ([us] if us else []) + graph.competitors()
    rows = [
        ["id", person.id], ["title", person.title or "—"], ["department", department or "—"],
        ["layer", person.layer or "—"], ["roles", ", ".join(person.roles) or "—"],
        ["our level", (our_level(person, graph) or "unknown").replace("_", " ")],
        *[[f"stance to {graph.vendors[v]['name']}", stance_to(person, v)] for v in vendors],
        ["owner", ", ".join(graph.team.get(t, t) for t in person.owners) or "nobody"],
        ["last contact", person.last_contact or "never"],
    ]
    if person.status != "active":
        rows.append(["status", person.status])
    rows += extra or []
    if include_notes and person.notes:
        rows.append(["notes", person.notes])
    return {"name": person.name, "rows": rows,
            "facets": {"department": person.department_id or "", "layer": person.layer or "",
                       "stance": stance_to(person, stance_vendor)}}


def influence_details(edge: dict, graph: AccountMap) -> dict:
    return {"name": f"{_name(graph, edge['source'])} \u2192 {_name(graph, edge['target'])}",
            "rows": [["line", "influence"], ["kind", edge.get("kind") or "unrecorded"],
                     ["strength", str(edge.get("strength") or 3)]]}


def reporting_details(edge: dict, graph: AccountMap) -> dict:
    kind = "dotted-line reporting" if edge.get("dotted") else "reports to"
    return {"name": f"{_name(graph, edge['source'])} \u2192 {_name(graph, edge['target'])}",
            "rows": [["line", kind], ["kind", "reporting"], ["strength", "—"]]}


def filter_choices(graph: AccountMap, people: list[str], stance_label: str) -> list[dict]:
    """The three filters: department, layer and stance, each listing only values present on the map."""
    shown = [graph.people[p] for p in people]
    departments = sorted({p.department_id for p in shown if p.department_id})
    layers = [layer for layer in LAYERS if any(p.layer == layer for p in shown)]
    return [
        {"facet": "department", "label": "Department",
         "values": [[d, graph.departments.get(d, {}).get("name") or d] for d in departments]},
        {"facet": "layer", "label": "Layer", "values": [[layer, layer] for layer in layers]},
        {"facet": "stance", "label": stance_label,
         "values": [[s, s] for s in STANCES]},
    ]


def _name(graph: AccountMap, pid: str) -> str:
    person = graph.people.get(pid)
    return person.name if person else pid

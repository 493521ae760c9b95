"""What a tooltip and the filters know about each person and line: plain text fields, never markup."""

from __future__ import annotations

from functools import cache

from relgraph.model import LAYERS, STANCES
from relgraph.schema import is_derived

from relgraph.account import Account, Influence, Person

__all__ = ["person_details", "influence_details", "reporting_details", "filter_choices"]


def person_details(person: Person, graph: Account, *, include_notes: bool, stance_vendor: str | None,
                   extra: list[list[str]] | None = None) -> dict:
    """The tooltip rows of one person, and the facets the filters match (department, layer, stance)."""
    us = graph.us
    vendors = ([us] if us else []) + list(graph.competitors)
    shown_id = "" if is_derived(person.id) else person.id  # a hash a load derived means nothing to people
    rows = [
        *([["id", shown_id]] if shown_id else []), ["title", person.title or "—"],
        ["department", graph.department_name(person.department_id) or "—"],
        *([["organisation", person.organisation]] if person.outside else []),
        ["layer", person.layer or "—"], ["roles", ", ".join(person.roles) or "—"],
        ["our level", (person.our_level or "unknown").replace("_", " ")],
        *[[f"stance to {graph.vendors[v].name or v}", graph.stance_to(person, v)] for v in vendors],
        ["owner", ", ".join(graph.team_name(o.team_member_id) for o in person.owners) or "nobody"],
        ["last contact", person.last_contact or "never"],
    ]
    if person.status != "active":
        rows.append(["status", person.status])
    rows += extra or []
    if include_notes and person.notes:
        rows.append(["notes", person.notes])
    return {"name": person.name, "id": shown_id, "rows": rows,
            "facets": {"department": person.department_id or "", "layer": person.layer or "",
                       "stance": graph.stance_to(person, stance_vendor)}}


def influence_details(edge: Influence) -> dict:
    """The tooltip rows of an influence line (the page names its two ends from the people's own details)."""
    return {"rows": _influence_rows(edge.kind, edge.strength)}


@cache
def _influence_rows(kind: str | None, strength: int) -> tuple[tuple[str, str], ...]:
    return ("line", "influence"), ("kind", kind or "unrecorded"), ("strength", str(strength))


REPORTING_ROWS = (("line", "reports to"), ("kind", "reporting"), ("strength", "—"))


def reporting_details() -> dict:
    """The tooltip rows of a reporting line, the same for every one."""
    return {"rows": REPORTING_ROWS}


def filter_choices(graph: Account, people: list[str], stance_label: str) -> list[dict]:
    """The three filters: department, layer and stance, each listing only values present on the map."""
    shown = [graph.people[p] for p in people]
    departments = sorted({p.department_id for p in shown if p.department_id})
    layers = [layer for layer in LAYERS if any(p.layer == layer for p in shown)]
    return [
        {"facet": "department", "label": "Department",
         "values": [[d, graph.department_name(d) or d] for d in departments]},
        {"facet": "layer", "label": "Layer", "values": [[layer, layer] for layer in layers]},
        {"facet": "stance", "label": stance_label,
         "values": [[s, s] for s in STANCES]},
    ]

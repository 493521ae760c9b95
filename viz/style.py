"""How a person and a line look: colours, shapes, sizes, and the legend entries that explain them."""

from __future__ import annotations

from relgraph.model import LEVELS, ROLES

from relgraph.account import Influence, Person

__all__ = [
    "LEVEL_COLOURS", "UNKNOWN_COLOUR", "ROLE_SHAPES", "NO_ROLE_SHAPE", "STANCE_COLOURS", "INFLUENCE_COLOURS",
    "REPORTING_COLOUR", "LEAN_HALO", "UNREACHED_BORDER", "node_size", "main_role", "level_colour", "person_node",
    "influence_edge", "reporting_edge", "level_legend", "shape_legend", "marks_legend", "line_legend",
    "outside_label", "outside_legend",
]

# Our relationship, worst to best: a diverging red-to-green scale that stays apart for colour-blind readers.
LEVEL_COLOURS = {
    "opposed": "#d73027", "contact": "#fc8d59", "accepting": "#fee08b",
    "favourable": "#d9ef8b", "supports": "#91cf60", "supports_exclusively": "#1a9850",
}
UNKNOWN_COLOUR = "#c8c8c8"
# A stance toward one vendor (the competitor view colours by the competitor's stance).
STANCE_COLOURS = {"mentor": "#6a1b9a", "supporter": "#b39ddb", "neutral": "#f5f5f5",
                  "opponent": "#ef6c00", "unknown": UNKNOWN_COLOUR}
ROLE_SHAPES = {"decision_maker": "star", "approver": "diamond", "evaluator": "triangle", "influencer": "hexagon",
               "gatekeeper": "square", "procurement": "triangleDown", "user": "dot"}
NO_ROLE_SHAPE = "dot"
INFLUENCE_COLOURS = {"advice": "#1f5fa8", "technical": "#0a8f8f", "personal": "#c2185b", "political": "#5e35b1"}
INFLUENCE_DEFAULT_COLOUR = "#455a64"
REPORTING_COLOUR = "#8a8a8a"
LEAN_HALO = "#8e24aa"  # people who lean to a competitor glow in this colour
UNREACHED_BORDER = "#000000"
UNREACHED_MARK = "\u26a0 "  # a warning sign before the name of a marked unreached person (reach.MARK_RULE)
ALLY_BORDER, AGAINST_BORDER = "#1a9850", "#d73027"


def node_size(score: float | None) -> float:
    """The drawn size of a person: 12 + 36 x their power score (0..1, `relgraph centres`); 10 for the departed.

    The analyses score only active people, so a departed person (no score) is drawn smallest.

    >>> node_size(1.0), node_size(0.5), node_size(0.0), node_size(None)
    (48.0, 30.0, 12.0, 10)
    """
    return 10 if score is None else round(12 + 36 * score, 2)


def main_role(person: Person, role: str | None = None) -> str | None:
    """The buying role that sets the shape: a bid-team role first, else the highest-ranked of the person's roles."""
    if role in ROLE_SHAPES:
        return role
    return next((r for r in ROLES if r in person.roles), None)


def level_colour(level: str | None) -> str:
    return LEVEL_COLOURS.get(level or "", UNKNOWN_COLOUR)


def person_node(person: Person, fill: str, *, score: float | None = None, unreached: bool = False,
                lean: bool = False, border: str | None = None, role: str | None = None, faded: bool = False) -> dict:
    """A vis-network node for one person: fill colour, shape by role, size by power `score`, and the marks on top."""
    shape = ROLE_SHAPES.get(main_role(person, role), NO_ROLE_SHAPE)
    edge_colour = border or (UNREACHED_BORDER if unreached else "#555555")
    node = {
        "id": person.id,
        "label": (UNREACHED_MARK if unreached else "") + outside_label(person),
        "shape": shape, "size": node_size(score),
        "color": {"background": fill, "border": edge_colour,
                  "highlight": {"background": fill, "border": "#1565c0"},
                  "hover": {"background": fill, "border": "#1565c0"}},
        "borderWidth": 4 if (unreached or border) else 1.5,
        "font": {"size": 18},
    }
    if unreached:
        node["shapeProperties"] = {"borderDashes": [6, 3]}
    if lean:
        node["shadow"] = {"enabled": True, "color": LEAN_HALO, "size": 22, "x": 0, "y": 0}
    if faded or not person.active:
        node["opacity"] = 0.35
    return node


def influence_edge(edge: Influence, highlight: str | None = None) -> dict:
    """An influence line: an arrow from the person whose opinion weighs to the one it weighs on."""
    return {"from": edge.source, "to": edge.target, "arrows": "to", "width": 0.8 * edge.strength,
            "color": {"color": highlight or INFLUENCE_COLOURS.get(edge.kind, INFLUENCE_DEFAULT_COLOUR),
                      "opacity": 0.85}}


def reporting_edge(report: str, manager: str, colour: str = REPORTING_COLOUR, dashed: bool = True) -> dict:
    """A reporting line from a person to their manager: thin and dashed."""
    return {"from": report, "to": manager, "width": 1, "dashes": [6, 4] if dashed else False,
            "color": {"color": colour, "opacity": 0.9}}


def level_legend() -> dict:
    items = [{"label": level.replace("_", " "), "node": {"shape": "dot", "color": LEVEL_COLOURS[level]}}
             for level in LEVELS]
    items.append({"label": "unknown / no level recorded", "node": {"shape": "dot", "color": UNKNOWN_COLOUR}})
    return {"title": "Fill: our relationship", "items": items}


def shape_legend() -> dict:
    items = [{"label": role.replace("_", " "), "node": {"shape": shape, "color": "#ffffff"}}
             for role, shape in ROLE_SHAPES.items() if role != "user"]
    items.append({"label": "user, or no buying role", "node": {"shape": "dot", "color": "#ffffff"}})
    return {"title": "Shape: main buying role (size: power score)", "items": items}


def marks_legend() -> dict:
    items = [{"label": "\u26a0 dashed black border: unreached, among the most powerful (see below)",
              "node": {"shape": "dot", "color": "#ffffff", "border": UNREACHED_BORDER, "dashed": True}},
             {"label": "purple halo: leans to a competitor (their mentor or supporter)",
              "node": {"shape": "dot", "color": "#ffffff", "halo": LEAN_HALO}}]
    items.append({"label": "faded and smallest: departed (not scored)", "node": {"shape": "dot", "color": UNKNOWN_COLOUR, "faded": True}})
    return {"title": "Marks", "items": items}


def outside_label(person: Person) -> str:
    """A person's name, with their organisation in brackets where they are of another one (a consultant's)."""
    return f"{person.name} [{person.organisation}]" if person.outside else person.name


def outside_legend(people: list[Person]) -> list[dict]:
    """The legend entry for people of another organisation, where the view draws any (else nothing)."""
    if not any(p.outside for p in people):
        return []
    return [{"title": "Other organisations", "items": [
        {"label": "name [organisation]: of another organisation (a consultant, design institute or integrator); in "
                  "no department, counted in no coverage cell or breadth", "node": {"shape": "dot", "color": "#ffffff"}}]}]


def line_legend() -> dict:
    """Influence arrows and reporting lines."""
    items = [{"label": f"influence: {kind}", "line": {"color": colour, "arrow": True, "width": 3}}
             for kind, colour in INFLUENCE_COLOURS.items()]
    items.append({"label": "influence, kind not recorded", "line": {"color": INFLUENCE_DEFAULT_COLOUR, "arrow": True,
                                                                    "width": 3}})
    items.append({"label": "reports to (thin dashed)", "line": {"color": REPORTING_COLOUR, "dashes": [6, 4]}})
    return {"title": "Lines (arrow: whose opinion weighs on whom; width: strength 1-5)", "items": items}

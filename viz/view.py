"""The View record that the page renders, and what every view shares: lines, options, fonts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from relgraph.account import Account

from .details import influence_details, reporting_details
from .layout import needs_python_layout
from .style import influence_edge, reporting_edge

__all__ = ["View", "FONT_STACK", "add_people_lines", "vis_options"]

# Canvas labels and the page share one font stack with the common CJK fonts of every platform.
FONT_STACK = ("'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', "
              "'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif")


@dataclass
class View:
    """Everything one HTML view shows; plain data, serialised as JSON into the page."""

    kind: str
    title: str
    subtitle: str
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    details: dict[str, dict] = field(default_factory=dict)  # node id -> tooltip rows and facets
    line_details: list[dict] = field(default_factory=list)  # the tooltip rows of edges[i] ({"rows": ...}; the
    # page names a line by its two ends): not keyed by an id, which a person's id (e0 ...) could equal
    legend: list[dict] = field(default_factory=list)
    filters: list[dict] = field(default_factory=list)
    options: dict = field(default_factory=dict)

    def add_edge(self, edge: dict, details: dict) -> None:
        self.edges.append(edge)
        self.line_details.append(details)

    def to_json(self) -> dict:
        """The page's data, compacted: a node or line carries only its own fields and the index of a
        shared style; tooltip labels and a line's rows are shared too (a 5,000-person map stays a few MB)."""
        styles, rows, labels = _Interner(), _Interner(), {}  # a label is a string: itself is its key
        line_rows: dict[tuple, int] = {}  # a line's rows (text) -> their index, interned once for each kind of line

        def labelled(pairs) -> list[list]:
            return [[labels.setdefault(label, len(labels)), value] for label, value in pairs]

        def line_index(pairs) -> int:
            key = tuple(map(tuple, pairs))
            found = line_rows.get(key)
            if found is None:
                found = line_rows[key] = rows.index(labelled(pairs))
            return found

        nodes = [_split(n, NODE_OWN_KEYS, styles) for n in self.nodes]
        edges = [[e["from"], e["to"], styles.index(_style(e, EDGE_OWN_KEYS)), line_index(details["rows"])]
                 for e, details in zip(self.edges, self.line_details)]
        people = {n["id"]: {**self.details[n["id"]], "rows": labelled(self.details[n["id"]]["rows"])}
                  for n in self.nodes}
        return {"kind": self.kind, "title": self.title, "subtitle": self.subtitle, "nodes": nodes, "edges": edges,
                "styles": styles.items, "labels": list(labels), "lineRows": rows.items, "details": people,
                "legend": self.legend, "filters": self.filters, "options": self.options,
                "physics": bool(self.options.get("physics"))}


NODE_OWN_KEYS = ("id", "label", "size", "x", "y")
EDGE_OWN_KEYS = ("from", "to")


class _Interner:
    """Equal values (equal as JSON, whatever their keys' order) share one index into `items`."""

    def __init__(self):
        self.items, self._seen, self._by_repr = [], {}, {}

    def index(self, value) -> int:
        shown = repr(value)  # fast, and equal for equal plain data in the same order: most values repeat as built
        found = self._by_repr.get(shown)
        if found is None:
            key = json.dumps(value, sort_keys=True)
            found = self._seen.get(key)
            if found is None:
                found = self._seen[key] = len(self.items)
                self.items.append(value)
            self._by_repr[shown] = found
        return found


def _style(item: dict, own: tuple[str, ...]) -> dict:
    return {k: v for k, v in item.items() if k not in own}


def _split(node: dict, own: tuple[str, ...], styles: _Interner) -> dict:
    compact = {k: node[k] for k in own if k in node}
    compact["s"] = styles.index(_style(node, own))
    return compact


def add_people_lines(view: View, graph: Account, shown: set[str], *, highlight: dict | None = None) -> None:
    """Reporting lines (thin, dashed) and influence arrows among the people shown.

    `highlight` maps (source, target, "influence" or "reporting") of a line to a colour that replaces its own,
    drawn wide and solid (a warm path).
    """
    highlight = highlight or {}
    for report, manager in graph.reports_to.items():
        if report in shown and manager in shown:
            drawn = reporting_edge(report, manager)
            colour = highlight.get((report, manager, "reporting"))
            if colour:
                drawn.update(width=5, dashes=False, color={"color": colour, "opacity": 0.9})
            view.add_edge(drawn, reporting_details())
    for edge in graph.influence:
        if edge.source in shown and edge.target in shown:
            colour = highlight.get((edge.source, edge.target, "influence"))
            drawn = influence_edge(edge, colour)
            if colour:
                drawn["width"] = max(drawn["width"], 5)
            view.add_edge(drawn, influence_details(edge))


def vis_options(nodes: int, *, positioned: bool | None = None) -> dict:
    """vis-network options: physics with a fixed seed for small maps; none (positions given) for big ones."""
    big = needs_python_layout(nodes) if positioned is None else positioned
    options = {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": not big and nodes <= 150},
        "interaction": {"hover": True, "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": big, "hideEdgesOnZoom": big, "multiselect": False, "tooltipDelay": 150},
        "nodes": {"font": {"face": FONT_STACK, "size": 18, "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 5}}},
        "edges": {"smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "arrows": {"to": {"scaleFactor": 0.6}}, "selectionWidth": 2},
    }
    if big:
        options["physics"] = False
    else:
        options["physics"] = {"enabled": True, "solver": "barnesHut",
                              "barnesHut": {"gravitationalConstant": -9000, "springLength": 150,
                                            "springConstant": 0.03, "avoidOverlap": 0.4, "damping": 0.3},
                              "stabilization": {"enabled": True, "iterations": 600, "fit": True}}
    return options

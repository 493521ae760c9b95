"""Positions computed in Python for maps too big to settle with physics in the browser.

Up to PHYSICS_LIMIT people vis-network lays the map out itself (with a fixed
seed, then physics off); above it, relgraph places every node here and turns
physics off, so a 5,000-person map draws at once. Both layouts are
deterministic: the same account gives the same picture.
"""

from __future__ import annotations

import math

from relgraph.account import Account
from relgraph.model import LAYERS

__all__ = ["PHYSICS_LIMIT", "needs_python_layout", "cluster_layout", "tree_layout"]

PHYSICS_LIMIT = 300
RING_GAP = 70.0
CLUSTER_GAP = 160.0
LEVEL_GAP = 170.0
ROW_GAP = 100.0
SIBLING_GAP = 230.0
INDENT = 45.0
LIST_ROWS = 9
LIST_DEPTH = 2  # the virtual root is depth 0, the top people 1, their reports 2; deeper levels become lists
_LAYER_RANK = {layer: rank for rank, layer in enumerate(LAYERS)}


def needs_python_layout(people: int) -> bool:
    return people > PHYSICS_LIMIT


def cluster_layout(graph: Account, people: list[str]) -> dict[str, tuple[float, float]]:
    """Each department a disc (executives in the middle, rings outward), discs in rows in department-tree order."""
    groups: dict[str, list[str]] = {}
    for pid in people:
        groups.setdefault(graph.people[pid].department_id or "", []).append(pid)
    order = [d for d in _department_order(graph) if d in groups] + sorted(set(groups) - set(graph.departments))
    discs = [(d, _disc(graph, groups[d])) for d in order]
    radii = [max([math.hypot(x, y) for x, y in spots.values()] + [RING_GAP]) for _, spots in discs]
    row_width = math.sqrt(sum((2 * r + CLUSTER_GAP) ** 2 for r in radii)) * 1.3
    positions, x, y, row_height = {}, 0.0, 0.0, 0.0
    for (_, spots), r in zip(discs, radii):
        side = 2 * r + CLUSTER_GAP
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for pid, (dx, dy) in spots.items():
            positions[pid] = (round(x + side / 2 + dx, 1), round(y + side / 2 + dy, 1))
        x, row_height = x + side, max(row_height, side)
    return positions


def _disc(graph: Account, members: list[str]) -> dict[str, tuple[float, float]]:
    """Concentric rings: the most senior and influential first, at the centre."""
    ordered = sorted(members, key=lambda p: (_LAYER_RANK.get(graph.people[p].layer or "", 3),
                                             -(graph.people[p].influence or 0), p))
    spots, ring, index = {ordered[0]: (0.0, 0.0)}, 1, 1
    while index < len(ordered):
        count = 6 * ring
        for k, pid in enumerate(ordered[index:index + count]):
            angle = 2 * math.pi * k / count
            spots[pid] = (ring * RING_GAP * math.cos(angle), ring * RING_GAP * math.sin(angle))
        index, ring = index + count, ring + 1
    return spots


def _department_order(graph: Account) -> list[str]:
    """Departments depth-first along the department tree, siblings by id (networkx keeps insertion order)."""
    import networkx as nx

    G = nx.DiGraph()
    G.add_node("")
    for d, dept in graph.departments.items():
        parent = dept.parent_id
        G.add_edge(parent if parent in graph.departments else "", d)
    return [d for d in nx.dfs_preorder_nodes(G, "") if d]


def tree_layout(graph: Account, people: list[str]) -> dict[str, tuple[float, float]]:
    """A top-down tree of the reporting lines that fits a slide.

    The top LIST_DEPTH levels spread out, each manager above the middle of their
    reports; from that depth on, each subtree is an indented list in one
    column, so a wide front line makes the chart taller, not wider. Reports
    are inserted (and so visited) by department, then id: a department's people sit together.
    """
    import networkx as nx

    shown = set(people)
    G = nx.DiGraph()
    G.add_node("")
    key = {p: (graph.people[p].department_id or "", p) for p in people}
    for pid in sorted(people, key=key.get):
        manager = graph.people[pid].manager_id
        G.add_edge(manager if manager in shown and manager != pid else "", pid)
    children = {n: list(G.successors(n)) for n in G}
    depth = nx.single_source_shortest_path_length(G, "")
    sizes: dict[str, int] = {}  # people in each subtree
    widths: dict[str, float] = {}  # columns each subtree takes, down to the first level drawn as lists
    for node in nx.dfs_postorder_nodes(G, ""):
        kids = children[node]
        sizes[node] = 1 + sum(sizes[k] for k in kids)
        if depth[node] == LIST_DEPTH + 1:
            widths[node] = len(_list_columns(node, children, sizes))
        elif depth[node] <= LIST_DEPTH:
            widths[node] = sum(widths[k] for k in kids) if kids else 1
    positions: dict[str, tuple[float, float]] = {}
    _place_tree("", 0.0, -LEVEL_GAP, children, widths, depth, positions, sizes)
    return {p: positions[p] for p in people}


def _place_tree(node: str, left: float, y: float, children: dict, widths: dict, depth: dict, positions: dict,
                sizes: dict) -> None:
    if depth[node] > LIST_DEPTH:
        _place_list(node, left + SIBLING_GAP * 0.3, y, children, positions, sizes)
        return
    positions[node] = (round(left + widths[node] * SIBLING_GAP / 2, 1), round(y, 1))
    for kid in children[node]:
        _place_tree(kid, left, y + LEVEL_GAP, children, widths, depth, positions, sizes)
        left += widths[kid] * SIBLING_GAP


def _place_list(head: str, x: float, y: float, children: dict, positions: dict, sizes: dict) -> None:
    """A subtree as an indented list, one row per person, its reports' subtrees wrapped into columns."""
    positions[head] = (round(x, 1), round(y, 1))
    for column, subtrees in enumerate(_list_columns(head, children, sizes)):
        row, stack = 1, [(top, 1) for top in reversed(subtrees)]
        while stack:
            node, level = stack.pop()
            positions[node] = (round(x + column * SIBLING_GAP + level * INDENT, 1), round(y + row * ROW_GAP, 1))
            row += 1
            stack.extend((kid, level + 1) for kid in reversed(children[node]))


def _list_columns(head: str, children: dict, sizes: dict) -> list[list[str]]:
    """The head's reports, grouped into columns of at most LIST_ROWS rows (a bigger subtree gets a column alone)."""
    columns: list[list[str]] = [[]]
    used = 0
    for kid in children[head]:
        if used and used + sizes[kid] > LIST_ROWS:
            columns.append([])
            used = 0
        columns[-1].append(kid)
        used += sizes[kid]
    return columns

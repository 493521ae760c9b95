"""The four views of an account: power map, org chart, competitor overlay and bid gaps."""

from __future__ import annotations

from relgraph.account import ALLY_STANCES, Account, Person
from relgraph.analysis.breadth import Breadth
from relgraph.analysis.unreached import STALE_DAYS, path_text
from relgraph.errors import RelgraphError

from .coverage import STATUS_COLOURS, STATUS_MEANINGS, COVERAGE_STATUSES, bid_departments
from .details import filter_choices, person_details, reporting_details
from .layout import cluster_layout, needs_python_layout, tree_layout
from .reach import MARK_RULE, Insight, warm_links
from .style import (ALLY_BORDER, AGAINST_BORDER, STANCE_COLOURS, level_colour, level_legend, line_legend,
                    marks_legend, outside_legend, person_node, reporting_edge, shape_legend)
from .view import View, add_people_lines, vis_options

__all__ = ["power_view", "orgchart_view", "competitor_view", "gaps_view", "build_view", "require_competitor"]

BREADTH_COLOURS = ("#d73027", "#fc8d59", "#91cf60", "#1a9850")  # by quarter of a department's people touched
NO_BREADTH = "#9e9e9e"
WARM_PATH_COLOUR = "#f9a825"
MEMBER_ROWS = (("line", "member of"), ("kind", "department"), ("strength", "—"))  # a person's line to their box


def build_view(graph: Account, kind: str, insight: Insight, *, bid: str | None = None, vendor: str | None = None,
               include_notes: bool = False) -> View:
    """The view of that kind; `bid` is for gaps, `vendor` for competitor; `insight`: the analyses' results
    (`reach.analyse`, with the bid for gaps)."""
    if kind == "power":
        return power_view(graph, insight, include_notes=include_notes)
    if kind == "orgchart":
        return orgchart_view(graph, insight, include_notes=include_notes)
    if kind == "competitor":
        return competitor_view(graph, require_competitor(graph, vendor), insight, include_notes=include_notes)
    if kind == "gaps":
        return gaps_view(graph, graph.require_bid(bid).id, insight, include_notes=include_notes)
    raise ValueError(f"unknown view kind {kind!r}")


def require_competitor(graph: Account, vendor: str | None) -> str:
    """The id of the competitor `vendor` names (an id or a unique name) among the vendors of this account."""
    if vendor is None:
        raise RelgraphError(f"the competitor view of {graph.id!r} needs --vendor ID; its competitors: "
                            f"{', '.join(graph.competitors) or 'none'}")
    found = graph.require_vendor(vendor)
    if found.is_us:
        raise RelgraphError(f"the competitor view of {graph.id!r} shows a competitor's side; {vendor!r} is us")
    return found.id


def power_view(graph: Account, insight: Insight, *, include_notes: bool = False) -> View:
    """Every stakeholder: fill = our level, shape = main role, size = power score, marks, all lines."""
    people = sorted(graph.people)
    view = View("power", f"Power map \u2014 {_title(graph)}",
                f"{len(people)} people; \u26a0 {len(insight.marked)} unreached among the "
                f"{insight.powerful} most powerful; as of {insight.today}")
    for pid in people:
        person = graph.people[pid]
        view.nodes.append(_our_side_node(person, graph, insight))
        view.details[pid] = person_details(person, graph, include_notes=include_notes, stance_vendor=graph.us,
                                           extra=_analysis_rows(graph, insight, pid))
    add_people_lines(view, graph, set(people))
    _finish(view, graph, people, "Stance to us")
    view.legend = [level_legend(), shape_legend(), marks_legend(), *_outside(graph, people), line_legend(),
                   _unreached_note(insight)]
    return view


def orgchart_view(graph: Account, insight: Insight, *, include_notes: bool = False) -> View:
    """The reporting hierarchy top-down; lines coloured by the breadth of the report's department; the power map's
    person styling."""
    people = sorted(graph.people)
    view = View("orgchart", f"Org chart \u2014 {_title(graph)}",
                f"{len(people)} people in {len(graph.departments)} departments; as of {insight.today}")
    departments = sorted({graph.people[p].department_id or "" for p in people})
    colours = {d: _breadth_colour(insight.breadth.get(d)) for d in departments}
    for pid in people:
        person = graph.people[pid]
        node = _our_side_node(person, graph, insight)
        node["label"] += f"\n{_short(person.title)}" if person.title else ""
        view.nodes.append(node)
        view.details[pid] = person_details(person, graph, include_notes=include_notes, stance_vendor=graph.us,
                                           extra=_analysis_rows(graph, insight, pid))
    _orgchart_lines(view, graph, colours)
    _place(view, tree_layout(graph, people))
    view.filters = filter_choices(graph, people, "Stance to us")
    view.options = vis_options(len(people), positioned=True)
    view.legend = [level_legend(), shape_legend(), marks_legend(), *_outside(graph, people),
                   _department_legend(graph, insight, colours),
                   _unreached_note(insight)]
    return view


def _short(text: str, limit: int = 22) -> str:
    """A title cut to `limit` columns (a CJK character takes two) to fit under a node; the tooltip has it whole."""
    import unicodedata

    used, kept = 0, []
    for ch in text:
        used += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used > limit:
            return "".join(kept) + "\u2026"
        kept.append(ch)
    return text


def _orgchart_lines(view: View, graph: Account, colours: dict[str, str]) -> None:
    for report, manager in graph.reports_to.items():
        drawn = reporting_edge(report, manager, colours[graph.people[report].department_id or ""], dashed=False)
        drawn["width"] = 2
        view.add_edge(drawn, reporting_details())


def competitor_view(graph: Account, vendor: str, insight: Insight, *, include_notes: bool = False) -> View:
    """The map from one competitor's side: fill = stance to them; border = our allies and opponents."""
    people, name = sorted(graph.people), graph.competitors[vendor]
    theirs = {p: graph.people[p].rival_stance(vendor) for p in people}
    counts = {s: sum(v == s for v in theirs.values()) for s in ("mentor", "supporter", "opponent")}
    view = View("competitor", f"Competitor view: {name} \u2014 {_title(graph)}",
                f"{name}: {counts['mentor']} mentors, {counts['supporter']} supporters, {counts['opponent']} opponents")
    for pid in people:
        person = graph.people[pid]
        ours = person.our_stance
        border = ALLY_BORDER if ours in ALLY_STANCES else AGAINST_BORDER if ours == "opponent" else None
        view.nodes.append(person_node(person, STANCE_COLOURS[theirs[pid]], score=_score(insight, pid), border=border,
                                      faded=theirs[pid] in ("neutral", "unknown")))
        view.details[pid] = person_details(person, graph, include_notes=include_notes, stance_vendor=vendor,
                                           extra=_power_rows(insight, pid))
    add_people_lines(view, graph, set(people))
    _finish(view, graph, people, f"Stance to {name}")
    view.legend = [_stance_legend(name), _our_side_legend(), shape_legend(), *_outside(graph, people), line_legend()]
    return view


def gaps_view(graph: Account, bid: str, insight: Insight, *, include_notes: bool = False) -> View:
    """A bid team, their departments by coverage, and warm paths to its marked unreached members.

    `insight` is the analyses' results with the bid's roles: power, the unreached among the most powerful,
    the coverage of each department.
    """
    info = graph.bids[bid]
    team = [p for p in info.team if p in graph.people]
    unreached = [p for p in team if p in insight.marked]
    paths = {p: insight.marked[p].path for p in unreached}
    shown = sorted(set(team) | {step.id for path in paths.values() if path for step in path.steps})
    view = View("gaps", f"Bid gaps: {info.name or bid} \u2014 {_title(graph)}",
                f"bid {info.label}, stage {info.stage or '—'}, due {info.due or '—'}; {len(team)} on the "
                f"bid team, \u26a0 {len(unreached)} unreached among the most powerful, "
                f"{sum(bool(p) for p in paths.values())} with a warm path; as of {insight.today}")
    for pid in shown:
        person = graph.people[pid]
        on_team = pid in info.team
        extra = [["on the bid team", "yes" if on_team else "no (on a warm path)"]]
        if on_team:
            extra.append(["bid role", info.team[pid] or "—"])
        node = _our_side_node(person, graph, insight, unreached=pid in unreached, role=info.team.get(pid),
                              faded=not on_team)
        view.nodes.append(node)
        view.details[pid] = person_details(person, graph, include_notes=include_notes, stance_vendor=graph.us,
                                           extra=extra + _analysis_rows(graph, insight, pid))
    _add_departments(view, graph, bid, insight, shown)
    warm = {link: WARM_PATH_COLOUR for path in paths.values() for link in warm_links(path)}
    add_people_lines(view, graph, set(shown), highlight=warm)
    _finish(view, graph, shown, "Stance to us", departments=True)
    view.legend = [_status_legend(), level_legend(), shape_legend(), marks_legend(), *_outside(graph, shown),
                   _gaps_line_legend(), _unreached_note(insight)]
    return view


def _our_side_node(person: Person, graph: Account, insight: Insight, *, unreached: bool | None = None,
                   **style) -> dict:
    """A person as the views from our side draw them: fill our level, size their power, the unreached mark
    (by default: marked by the analyses) and a halo if they lean to a competitor."""
    return person_node(person, level_colour(person.our_level), score=_score(insight, person.id),
                       unreached=person.id in insight.marked if unreached is None else unreached,
                       lean=bool(person.leans_to()), **style)


def _outside(graph: Account, people) -> list[dict]:
    return outside_legend([graph.people[pid] for pid in people])


def _score(insight: Insight, pid: str) -> float | None:
    return insight.power[pid].score if pid in insight.power else None


def _power_rows(insight: Insight, pid: str) -> list[list[str]]:
    power = insight.power.get(pid)
    if power is None:
        return [["power", "not scored (departed)"]]
    hidden = ", hidden influencer" if power.hidden_influencer else ""
    return [["power", f"{power.score:.2f}, rank {power.rank} of {len(insight.power)}{hidden}"]]


def _analysis_rows(graph: Account, insight: Insight, pid: str) -> list[list[str]]:
    """Power, and for a marked person why they are unreached and the warm path to them."""
    rows = _power_rows(insight, pid)
    found = insight.marked.get(pid)
    if found is not None:
        rows.append(["unreached", "; ".join(found.reasons)])
        if found.competitor:
            rows.append(["leans to", graph.competitors.get(found.competitor) or found.competitor])
        rows.append(["warm path", path_text(found.path, graph, " \u2192 ") if found.path else f"none: {found.path_note}"])
    return rows


def _add_departments(view: View, graph: Account, bid: str, insight: Insight, shown: list[str]) -> None:
    for dept in bid_departments(graph, bid):
        name, cell = graph.departments[dept].name, insight.departments.get(dept)
        status = cell.status if cell else "uncovered"
        rivals = ", ".join(f"{graph.competitors.get(v) or v} {len(ids)}"
                           for v, ids in sorted(cell.competitor_allies.items())) if cell else ""
        node_id = f"dept:{dept}"
        view.nodes.append({"id": node_id, "label": f"{name}\n{status}", "shape": "box",
                           "color": {"background": STATUS_COLOURS[status], "border": "#424242"},
                           "borderWidth": 2, "font": {"size": 20}, "margin": 10})
        view.details[node_id] = {"name": name, "rows": [
            ["department", name], ["coverage", status],
            ["why", cell.reason if cell else "nobody active here"],
            ["our allies", str(len(cell.our_allies)) if cell else "0"],
            ["competitors' allies", rivals or "none"], ["active people", str(len(cell.people)) if cell else "0"]],
            "facets": {"department": dept, "layer": None, "stance": None}}
        for pid in shown:
            if graph.people[pid].department_id == dept:
                view.add_edge({"from": pid, "to": node_id, "width": 1, "color": {"color": "#9e9e9e"}},
                              {"rows": MEMBER_ROWS})


def _finish(view: View, graph: Account, people: list[str], stance_label: str, departments: bool = False) -> None:
    """Filters and options; for big maps, positions from Python with physics off."""
    view.filters = filter_choices(graph, people, stance_label)
    view.options = vis_options(len(view.nodes))
    if needs_python_layout(len(view.nodes)):
        positions = cluster_layout(graph, people)
        if departments:
            for node in view.nodes:
                if node["id"].startswith("dept:"):
                    members = [positions[p] for p in people if graph.people[p].department_id == node["id"][5:]]
                    positions[node["id"]] = (sum(x for x, _ in members) / len(members),
                                             min(y for _, y in members) - 120) if members else (0.0, -200.0)
        _place(view, positions)


def _place(view: View, positions: dict) -> None:
    for node in view.nodes:
        if node["id"] in positions:
            node["x"], node["y"] = positions[node["id"]]
            node["physics"] = False


def _unreached_note(insight: Insight) -> dict:
    return {"title": "\u26a0 Unreached, among the most powerful", "text": (
        f"{MARK_RULE} (the {insight.powerful} highest ranked here): active, not our mentor or supporter, and "
        "nobody on our team owns them, or our level is contact or worse or unrecorded, or their stance to us is "
        f"unknown, neutral or opponent, or they were not contacted within {STALE_DAYS['other']} days before "
        f"{insight.today}")}


def _stance_legend(vendor: str) -> dict:
    return {"title": f"Fill: stance to {vendor} (neutral and unknown faded)",
            "items": [{"label": s, "node": {"shape": "dot", "color": c}} for s, c in STANCE_COLOURS.items()]}


def _our_side_legend() -> dict:
    return {"title": "Border: our side, for contrast", "items": [
        {"label": "green border: our mentor or supporter", "node": {"shape": "dot", "color": "#ffffff", "border": ALLY_BORDER}},
        {"label": "red border: our opponent", "node": {"shape": "dot", "color": "#ffffff", "border": AGAINST_BORDER}},
        {"label": "thin grey border: neutral or unknown to us", "node": {"shape": "dot", "color": "#ffffff"}}]}


def _breadth_colour(reached: Breadth | None) -> str:
    """The colour of a department's breadth: the share of its active people touched within 90 days, by quarter."""
    if reached is None or not reached.people:
        return NO_BREADTH
    return BREADTH_COLOURS[min(int(reached.share_wide * len(BREADTH_COLOURS)), len(BREADTH_COLOURS) - 1)]


def _department_legend(graph: Account, insight: Insight, colours: dict[str, str]) -> dict:
    items = []
    for d, colour in colours.items():
        reached = insight.breadth.get(d)
        share = (f": {reached.touched_wide} of {reached.people} touched within 90 days ({reached.share_wide:.0%})"
                 if reached else "")
        items.append({"label": (graph.department_name(d) or "(no department)") + share,
                      "line": {"color": colour, "width": 3}})
    return {"title": "Reporting lines, coloured by the breadth of the report's department: red under a quarter of "
                     "its people touched within 90 days, then orange, light green, dark green from three quarters",
            "items": items}


def _title(graph: Account) -> str:
    return graph.name or graph.id


def _status_legend() -> dict:
    items = [{"label": f"{status}: {STATUS_MEANINGS[status]}", "node": {"shape": "square", "color": STATUS_COLOURS[status]}}
             for status in COVERAGE_STATUSES]
    items.append({"label": "faded person: not on the bid team, on a warm path",
                  "node": {"shape": "dot", "color": "#c8c8c8", "faded": True}})
    return {"title": "Boxes: the bid team's departments, by the analyses' coverage", "items": items}


def _gaps_line_legend() -> dict:
    legend = line_legend()
    legend["items"] = [{"label": "warm path: the strongest chain of influence and reporting lines from our ally "
                                 "to an unreached member",
                        "line": {"color": WARM_PATH_COLOUR, "arrow": True, "width": 5}},
                       {"label": "member of the department", "line": {"color": "#9e9e9e", "width": 1}},
                       *legend["items"]]
    return legend

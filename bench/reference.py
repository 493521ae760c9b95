"""The reference: what a user could write in an afternoon, reading an account folder's CSV files into networkx.

    python bench/reference.py FOLDER [--analysis centres|unreached|gaps|position] [--today YYYY-MM-DD]

FOLDER is an account folder as `relgraph export --to DIR` or `relgraph generate`
writes it. Each analysis reads the files it needs with the csv module, builds a
networkx graph and runs the same computations as relgraph's command of that name
(bench/run.py compares their times in one run, step by step):

* centres: formal authority (role, layer, people below), a personalised PageRank
  on who listens to whom (networkx's), the score and rank, hidden influencers,
  Louvain communities (igraph's multilevel, as relgraph, from the networkx
  graph: networkx's own Louvain takes 40 s at 100k people), the top 20 with
  their reasons;
* unreached: the power of centres, then the 10 most powerful non-allies with a
  weakness, each with the strongest warm path from our allies (networkx's
  multi-source Dijkstra on -log(strength/6));
* gaps: the department x layer cells with our allies, those in touch and each
  competitor's allies, and a status per cell;
* position: the positioning table (person x vendor) and each vendor's support
  weighted by power.

Its numbers follow relgraph's model but not to the digit (networkx's PageRank
gives a listener's unused judgement back through its dangling rule, not as
relgraph's restart): it is a yardstick of time, not of answers. Prints the
seconds taken after imports, reading included.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import time
from collections import defaultdict
from pathlib import Path

import igraph
import networkx as nx

ROLE = {"decision_maker": 1.0, "approver": 0.8, "evaluator": 0.6, "influencer": 0.5, "procurement": 0.5,
        "gatekeeper": 0.4, "user": 0.3}
LAYER = {"executive": 1.0, "middle": 0.6, "frontline": 0.3}
ALLY = ("mentor", "supporter")
STALE = {"mentor": 14, "supporter": 30}


def rows(folder: Path, name: str) -> list[dict]:
    path = folder / f"{name}.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_people(folder: Path) -> dict[str, dict]:
    people = {r["id"]: r for r in rows(folder, "stakeholders") if r["status"] != "departed"}
    for person in people.values():
        person["roles"] = [r for r in person["roles"].split(";") if r]
    return people


def read_stances(folder: Path, people: dict) -> tuple[str, dict[str, dict[str, dict]]]:
    """Our vendor id, and each person's stance row per vendor."""
    us = next(v["id"] for v in rows(folder, "vendors") if v["is_us"] == "true")
    stances: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in rows(folder, "stances"):
        if r["stakeholder_id"] in people:
            stances[r["stakeholder_id"]][r["vendor_id"]] = r
    return us, stances


def last_contacts(folder: Path, people: dict) -> dict[str, str]:
    last = {pid: p["last_contact"] for pid, p in people.items()}
    for r in rows(folder, "contacts"):
        if r["stakeholder_id"] in last and r["date"] > last[r["stakeholder_id"]]:
            last[r["stakeholder_id"]] = r["date"]
    return last


def power(folder: Path) -> tuple[dict, nx.DiGraph, dict[str, float], list[str]]:
    """The people, the influence graph, everyone's score, and the ids by rank."""
    people = read_people(folder)
    graph = nx.DiGraph()
    graph.add_nodes_from(people)
    for r in rows(folder, "influence"):
        if r["source_id"] in people and r["target_id"] in people:
            graph.add_edge(r["source_id"], r["target_id"], strength=int(r["strength"]), kind=r["kind"])
    tree = nx.DiGraph((p["manager_id"], pid) for pid, p in people.items() if p["manager_id"] in people)
    below = {pid: len(nx.descendants(tree, pid)) if pid in tree else 0 for pid in people}
    size = len(people)
    formal = {pid: 0.5 * max((ROLE.get(r, 0) for r in p["roles"]), default=0) + 0.3 * LAYER.get(p["layer"], 0.3)
              + 0.2 * math.log1p(below[pid]) / math.log(size) for pid, p in people.items()}
    listening = graph.reverse(copy=True)
    for listener in listening:
        total = max(5, sum(d["strength"] for _, _, d in listening.out_edges(listener, data=True)))
        for _, _, d in listening.out_edges(listener, data=True):
            d["weight"] = d["strength"] / total
    rank = nx.pagerank(listening, personalization={pid: 0.05 + f for pid, f in formal.items()}, tol=1e-10)
    scores = {pid: 0.45 * formal[pid] + 0.40 * (1 - 2 ** -(rank[pid] * size))
              + 0.15 * ((int(p["influence"]) - 1) / 4 if p["influence"] else 0.5) for pid, p in people.items()}
    return people, graph, scores, sorted(people, key=lambda pid: (-round(scores[pid], 9), pid))


def centres(folder: Path, today: dt.date, top: int = 20) -> dict:
    people, graph, scores, order = power(folder)
    undirected = igraph.Graph.from_networkx(graph.to_undirected())
    for edge in undirected.es:
        edge["weight"] = edge["strength"]
    communities = undirected.community_multilevel(weights="weight")
    names = undirected.vs["_nx_name"]
    rank = {pid: n for n, pid in enumerate(order, start=1)}
    groups = sorted(([names[i] for i in c] for c in communities if len(c) > 1),
                    key=lambda g: min(rank[pid] for pid in g))
    rows_ = []
    for n, pid in enumerate(order[:top], start=1):
        listeners = sorted(graph.successors(pid), key=lambda other: -scores[other])
        reasons = [" and ".join(people[pid]["roles"]), f"{people[pid]['layer']} layer",
                   f"{len(listeners)} people listen to them, most powerful: "
                   + ", ".join(people[o]["name"] for o in listeners[:3])]
        rows_.append({"rank": n, "id": pid, "name": people[pid]["name"], "score": round(scores[pid], 4),
                      "reasons": reasons})
    return {"people": rows_, "centres": len(groups), "modularity": communities.modularity}


def unreached(folder: Path, today: dt.date, top: int = 10) -> dict:
    people, graph, scores, order = power(folder)
    us, stances = read_stances(folder, people)
    owned = {r["stakeholder_id"] for r in rows(folder, "owners")}
    last = last_contacts(folder, people)
    ours = {pid: stances[pid].get(us, {}) for pid in people}
    allies = sorted(pid for pid in people if ours[pid].get("stance") in ALLY)
    fresh = [pid for pid in allies
             if last[pid] and (today - dt.date.fromisoformat(last[pid])).days <= STALE[ours[pid]["stance"]]]
    ties = nx.DiGraph()
    for pid, p in people.items():
        if p["manager_id"] in people:
            ties.add_edge(p["manager_id"], pid, cost=-math.log(3 / 6))
            ties.add_edge(pid, p["manager_id"], cost=-math.log(3 / 6))
    for source, target, d in graph.edges(data=True):
        ties.add_edge(source, target, cost=-math.log(d["strength"] / 6))
    _, paths = nx.multi_source_dijkstra(ties, fresh or allies, weight="cost")
    found = []
    for pid in order:
        stance = ours[pid].get("stance", "unknown")
        if stance in ALLY:
            continue
        reasons = [why for why, weak in (("nobody owns them", pid not in owned),
                                         ("level contact or worse", ours[pid].get("level") in ("opposed", "contact")),
                                         (f"stance to us is {stance}", stance in ("unknown", "neutral", "opponent")),
                                         ("never contacted", not last[pid])) if weak]
        if reasons:
            found.append({"id": pid, "name": people[pid]["name"], "reasons": reasons,
                          "warm_path": [people[s]["name"] for s in paths.get(pid, [])]})
        if len(found) == top:
            break
    return {"people": found}


def gaps(folder: Path, today: dt.date) -> dict:
    people, graph, scores, order = power(folder)
    us, stances = read_stances(folder, people)
    last = last_contacts(folder, people)
    vendors = sorted({v for per in stances.values() for v in per} - {us})
    cells: dict[tuple, list[str]] = defaultdict(list)
    for pid, p in people.items():
        cells[(p["department_id"], p["layer"])].append(pid)
    result = []
    for (department, layer), members in sorted(cells.items()):
        allies = [pid for pid in members if stances[pid].get(us, {}).get("stance") in ALLY]
        in_touch = [pid for pid in allies
                    if last[pid] and (today - dt.date.fromisoformat(last[pid])).days <= STALE[stances[pid][us]["stance"]]]
        rivals = {v: [pid for pid in members if stances[pid].get(v, {}).get("stance") in ALLY] for v in vendors}
        rivals = {v: ids for v, ids in rivals.items() if ids}
        ahead = any(len(ids) > len(in_touch) or sum(map(scores.get, ids)) > sum(map(scores.get, in_touch))
                    for ids in rivals.values())
        status = ("outnumbered" if ahead else "covered") if in_touch else "contested" if rivals else \
            "weak" if allies or any(stances[pid].get(us) for pid in members) else "uncovered"
        result.append({"department": department, "layer": layer, "status": status, "people": members,
                       "our_allies": allies, "in_touch": in_touch, "competitor_allies": rivals})
    return {"cells": result}


def position(folder: Path, today: dt.date) -> dict:
    people, graph, scores, order = power(folder)
    us, stances = read_stances(folder, people)
    last = last_contacts(folder, people)
    vendors = [us] + sorted({v for per in stances.values() for v in per} - {us})
    table = [{"id": pid, "name": people[pid]["name"], "score": round(scores[pid], 4),
              **{v: stances[pid].get(v, {}).get("stance", "unknown") for v in vendors}} for pid in order]
    total = sum(scores.values()) or 1.0
    support = {}
    for v in vendors:
        value = 0.0
        for row in table:
            stance = row[v]
            if stance in ALLY:
                fresh = v != us or (last[row["id"]] and (today - dt.date.fromisoformat(last[row["id"]])).days
                                    <= STALE[stance])
                value += scores[row["id"]] * (1.0 if fresh else 0.5)
            elif stance == "opponent":
                value -= scores[row["id"]]
        support[v] = round(value / total, 4)
    return {"table": table, "support": support}


ANALYSES = {"centres": centres, "unreached": unreached, "gaps": gaps, "position": position}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--analysis", choices=ANALYSES, default="centres")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args()
    start = time.perf_counter()
    ANALYSES[args.analysis](args.folder, args.today)
    print(time.perf_counter() - start)


if __name__ == "__main__":
    main()

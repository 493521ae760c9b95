"""Benchmark: time to first render of big HTML views in headless Chromium.

    python bench/view.py [--people 5000] [--runs 3] [--chromium /usr/bin/chromium]

Makes a synthetic account in memory (`synthetic_account`: a reporting tree
with a fan-out of 6, 50 departments, about two influence lines per person
(one inside the department, one to anyone),
a stance to us and to three competitors for everyone; the same every run),
builds the power map and the org chart, writes each page and opens it in
headless Chromium (through Playwright, offline), and prints per view:
Python build time, file size, time to first render (performance.now() at
vis-network's first `afterDrawing`, i.e. from navigation start) and the time
until a search has focused a person.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from relgraph.model import LAYERS, LEVELS, ROLES, STANCES
from relgraph.viz.account import AccountMap, Person
from relgraph.viz.page import render_html
from relgraph.viz.snapshot import CHROMIUM_FLAGS
from relgraph.viz.views import build_view

VENDORS = {"us": {"id": "us", "name": "Us", "is_us": True},
           **{v: {"id": v, "name": v.title(), "is_us": False} for v in ("alpha", "beta", "gamma")}}


def synthetic_account(people: int, fanout: int = 6, departments: int = 50) -> AccountMap:
    """A deterministic account of `people` stakeholders (no randomness: every choice is arithmetic on the index)."""
    folks = {}
    for i in range(people):
        pid = f"p{i:05d}"
        manager = f"p{(i - 1) // fanout:05d}" if i else None
        depth = 0 if i == 0 else 1 if i <= fanout else 2
        stances = {"us": {"stance": STANCES[i % 5], "level": LEVELS[(i * 7) % 6] if i % 9 else None}}
        stances |= {v: {"stance": STANCES[(i + k) % 5]} for k, v in enumerate(("alpha", "beta", "gamma"), start=1)}
        folks[pid] = Person(id=pid, name=f"员工 {i} Person", title=f"Title {i % 40}", layer=LAYERS[depth],
                            roles=[ROLES[i % len(ROLES)]] if i % 3 == 0 else [], influence=1 + (i * 13) % 5,
                            department_id=f"d{(i * 31) % departments:02d}", manager_id=manager,
                            last_contact=f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", stances=stances,
                            owners=["tm1"] if i % 4 == 0 else [])
    reporting = [{"source": p.id, "target": p.manager_id, "dotted": False} for p in folks.values() if p.manager_id]
    # Two influence lines per person: one to a colleague in the same department, one to anyone.
    members: dict[str, list[str]] = {}
    for p in folks.values():
        members.setdefault(p.department_id, []).append(p.id)
    targets = {p.id: (members[p.department_id][(i * 7 + 3) % len(members[p.department_id])],
                      f"p{(i * 11 + 7) % people:05d}") for i, p in enumerate(folks.values())}
    influence = [{"source": source, "target": target, "strength": 1 + (i + k) % 5,
                  "kind": ("advice", "technical", "personal", "political")[(i + k) % 4]}
                 for i, source in enumerate(folks) for k, target in enumerate(targets[source]) if target != source]
    departments_map = {f"d{d:02d}": {"id": f"d{d:02d}", "name": f"部门 {d}", "function": "business",
                                     "parent_id": None if d == 0 else f"d{(d - 1) // 5:02d}"} for d in range(departments)}
    return AccountMap("synthetic", "Synthetic 合成", folks, departments_map, VENDORS, {"tm1": "Team One"}, {},
                      influence, reporting)


def measure(page_path: Path, browser, focus: str) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, bypass_csp=True)
    context.set_offline(True)
    page = context.new_page()
    page.goto(page_path.as_uri())
    page.wait_for_function("window.relgraph && relgraph.firstDraw !== null", timeout=120000)
    first = page.evaluate("relgraph.firstDraw")
    started = time.perf_counter()
    page.fill("#search", focus)
    page.press("#search", "Enter")
    page.wait_for_function(f"relgraph.network.getSelectedNodes()[0] === {focus!r}")
    searched = (time.perf_counter() - started) * 1000
    context.close()
    return first, searched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    graph = synthetic_account(args.people)
    print(f"{args.people} people, {len(graph.influence)} influence lines, {len(graph.reporting)} reporting lines")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium,
                                     args=[f for f in CHROMIUM_FLAGS if f != "--headless"])
        for kind in ("power", "orgchart"):
            started = time.perf_counter()
            view = build_view(graph, kind)
            path = Path(folder) / f"{kind}.html"
            path.write_text(render_html(view), encoding="utf-8")
            built = time.perf_counter() - started
            timings = [measure(path, browser, f"p{args.people - 1:05d}") for _ in range(args.runs)]
            first = statistics.median(t[0] for t in timings)
            search = statistics.median(t[1] for t in timings)
            print(f"{kind:9} build {built:5.2f} s  file {path.stat().st_size / 1e6:5.2f} MB  physics "
                  f"{'on' if view.options['physics'] else 'off'}  first render {first / 1000:5.2f} s  "
                  f"search+focus {search / 1000:5.2f} s  (median of {args.runs})")
        browser.close()


if __name__ == "__main__":
    main()

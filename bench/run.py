"""Benchmark relgraph on synthetic accounts: load against a bare insert, the analyses, the power view.

    python bench/run.py [--sizes 1000,5000,10000,100000] [--steps load,centres] [--store embedded,neo4j] [--write]

Run it from outside the source tree (the installed package must be the one
imported). For each size it generates one account with `relgraph.generate`,
then runs each step in a fresh Python process and reports the step's own time
(measured inside the process, after imports) and the process's peak resident
memory: relgraph's load of the account folder; a *bare* insert of the same,
already parsed rows through the same UNWIND statements into a second fresh
store; reading the whole account, and only what centres reads, into the
Account; the four analyses (each reading what it uses); a what-if of two moves
(after the read) and the next best moves (the whole analysis), and, over several
sizes, the exponent of how `next` grows with the account; building the power
view. Up to 10,000 people it then opens the view in headless Chromium
(Playwright on /usr/bin/chromium, offline) and times the first drawing. Each
analysis is also timed against bench/reference.py
(the same computation by a plain script reading the account folder's CSV files
into networkx), as a ratio. With --write the table replaces the "Analyses"
section of BENCHMARKS.md. bench/load.py does the same load comparison for a
messy spreadsheet export. --steps runs only the steps named (the load always
runs first: the others read its store).

--store embedded,neo4j runs every step on each store in turn and, with
--write, puts both side by side with their ratio in the "Both stores" section
instead. Neo4j is the NEO4J_URI of the environment, which it wipes before each
size (a throw-away database, as for the tests), else the test Neo4j of
tests/neo4j_server.py (tools/neo4j-test-server, its transaction memory limits
in neo4j.conf), started for the run; there the bare insert runs first, into the
wiped database, which is wiped again before the load.

    python bench/run.py --sizes 10000 --history 50 [--write]

measures history instead: the account loaded, then reloaded N times with 1 %
of its people and 1 % of its stances changed each time, once with history and
once without (revisions not written: the load as it was before history), in
two fresh stores loaded in turn by one process; the mean first load of each
(three, the account deleted in between), the mean reload of each, the
store's snapshot size after the first load and after the last, and the
analyses (centres and gaps) of the present against `--at 1` (every revision
undone). With --write the figures
replace the "History" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

IMPORTS = ("from relgraph.loading import load_path, plan; from relgraph.loaders import read_folder; "
           "from relgraph.analysis.registry import ANALYSES, Settings, analyse, run, score; from relgraph.viz import render_view; "
           "from relgraph.account import read_account; from relgraph.analysis.simulate import what_if; "
           "from relgraph.analysis.whatif import parse_contact, parse_set; "
           "import datetime, gc, networkx, scipy.sparse, numpy, igraph")
# The what-if of two moves on the bid's two most powerful people who are not our allies: a --set that wins the
# first as a supporter, a --contact of the second.
WHATIF_MOVES = ("data = read_account(store, ACCOUNT); BID = sorted(data.bids)[0]; "
                "scoped, power = score(data, BID); "
                "first, second = [pid for pid in power if not scoped.people[pid].is_ally][:2]; "
                "moves = [parse_set(first + ':' + data.us + '=supporter'), parse_contact(second)]")
# The bare insert parses the folder before its clock starts, so only the writes are timed; the what-if reads the
# account and picks its moves before it, as its target is for the simulation after the read.
SETUP = {"bare insert": "statements = list(plan(ACCOUNT, read_folder(FOLDER), new=True))", "whatif": WHATIF_MOVES,
         "next": "BID = sorted(read_account(store, ACCOUNT).bids)[0]"}
STEPS = {
    "load": "load_path(store, FOLDER)",
    "bare insert": "store.write(statements)",
    "read whole": "read_account(store, ACCOUNT)",
    "read for centres": "read_account(store, ACCOUNT, parts=ANALYSES['centres'].reads)",
    "centres": "run('centres', *analyse(store, ACCOUNT, analyses=['centres']), Settings(top=20))",
    "unreached": "run('unreached', *analyse(store, ACCOUNT, analyses=['unreached']), Settings(top=10))",
    "gaps": "run('gaps', *analyse(store, ACCOUNT, analyses=['gaps']))",
    "position": "run('position', *analyse(store, ACCOUNT, analyses=['position']))",
    "whatif": "what_if(data, BID, moves, datetime.date.today())",
    "next": "run('next', *analyse(store, ACCOUNT, BID), Settings(top=5))",
    "view power": "render_view(store, 'power', account=ACCOUNT, out=OUT)",
}
GROWS = ("next",)  # steps whose growth with the account's size is fitted when several sizes are measured
REFERENCE_SCRIPT = Path(__file__).resolve().parent / "reference.py"
REFERENCE = ("centres", "unreached", "gaps", "position")  # the steps timed against the reference too
RENDER_MAX_PEOPLE = 10_000  # first render in Chromium: views are for maps of a few thousand people
TARGETS = {"load": "at most 1.5x the bare insert",
           "centres, unreached, gaps, position": "each at most 0.5x its reference, and < 0.3 s at 2k, < 1 s at 10k, "
                                                 "< 8 s at 100k",
           "whatif": "< 1 s at 2k (after the read)", "next": "< 5 s at 2k (the whole command), below quadratic growth",
           "view power": "built in < 1.5 s at 5k and < 3 s at 10k, opens within a few seconds at 5k"}


HISTORY_CODE = """
import csv, json, random, time, gc
from pathlib import Path
import relgraph.loading as loading
from relgraph.analysis.registry import Settings, run, score
from relgraph.history import read_at
from relgraph.loading import load_path
from relgraph.privacy import delete_account
from relgraph.store import open_store

FOLDER, ACCOUNT, DATA, RELOADS = {args}
FIRSTS = 7
MODES = ("with", "without")
stores = {mode: open_store("embedded", DATA + "-" + mode) for mode in MODES}
recording = loading.revision_statements
skipping = lambda *args, **kwargs: []  # the load as it was before history
gc.disable()


def rewrite(name, change):
    path = Path(FOLDER) / name
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(change(rows))


def timed(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def load_both(n, found, key):
    # the two modes take turns going first, so that both share whatever else the machine does
    for mode in (MODES if n % 2 == 0 else MODES[::-1]):
        loading.revision_statements = recording if mode == "with" else skipping
        seconds = timed(lambda: load_path(stores[mode], FOLDER))
        found[mode].setdefault(key, []).append(seconds)


rng, stances = random.Random(7), ("mentor", "supporter", "neutral", "opponent")
load_path(stores["with"], FOLDER, dry_run=True)  # the first load's imports, out of the clock
found = {mode: {} for mode in MODES}
for n in range(FIRSTS):  # first loads, the two modes taking turns, the account deleted (history too) in between
    if n:
        for mode in MODES:
            delete_account(stores[mode], ACCOUNT)
    load_both(n, found, "first")
for mode in MODES:
    found[mode]["first_bytes"] = stores[mode].status()["snapshot_bytes"]
for n in range(RELOADS):
    def people(rows):
        for i in rng.sample(range(len(rows)), max(1, len(rows) // 100)):
            rows[i]["title"] = f"Title {n}-{i}"
        return rows

    def judged(rows):
        for i in rng.sample(range(len(rows)), max(1, len(rows) // 100)):
            rows[i]["stance"] = rng.choice([s for s in stances if s != rows[i]["stance"]])
            rows[i]["level"] = ""
        return rows

    rewrite("stakeholders.csv", people)
    rewrite("stances.csv", judged)
    load_both(n + 1, found, "reloads")
for mode in MODES:
    found[mode]["last_bytes"] = stores[mode].status()["snapshot_bytes"]


def answers(at):
    moment = read_at(stores["with"], ACCOUNT, at)
    data, power = score(moment.account)
    run("centres", data, power, Settings(today=moment.day))
    run("gaps", data, power, Settings(today=moment.day))


found["with"]["present"] = min(timed(lambda: answers(None)) for _ in range(2))
found["with"]["at"] = min(timed(lambda: answers("1")) for _ in range(2))
print(json.dumps(found))
"""


def history_bench(size: int, root: Path, reloads: int) -> list[dict]:
    """The cost of history: reloads with and without it, the store's size, `--at 1` against the present."""
    import json
    import shutil
    from statistics import median

    from relgraph.generate import generate
    from relgraph.store import open_store

    source = generate(root / f"gen-{size}", size, accounts=1, seed=1)[0]
    folder, data_dir = root / f"reloaded-{size}" / source.name, root / f"store-{size}"
    shutil.copytree(source, folder)
    code = HISTORY_CODE.replace("{args}", repr((str(folder), source.name, str(data_dir), reloads)))
    try:
        output = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, check=True,
                                cwd=root).stdout
    finally:
        for mode in ("with", "without"):
            open_store("embedded", Path(f"{data_dir}-{mode}"), start=False).stop()
    found = json.loads(output.strip().splitlines()[-1])
    with_, without = found["with"], found["without"]
    mean = lambda xs: sum(xs) / len(xs)
    rows = [
        {"people": size, "measure": f"first load (median of {len(with_['first'])} pairs)",
         "with": f"{median(with_['first']):.2f} s", "without": f"{median(without['first']):.2f} s",
         "ratio": median([w / wo for w, wo in zip(with_["first"], without["first"])]), "target": "at most 1.10x"},
        {"people": size, "measure": f"reload, 1 % changed (mean of {reloads})", "with": f"{mean(with_['reloads']):.2f} s",
         "without": f"{mean(without['reloads']):.2f} s", "ratio": mean(with_["reloads"]) / mean(without["reloads"]),
         "target": "at most 1.10x"},
        {"people": size, "measure": f"store snapshot after {reloads} reloads",
         "with": f"{with_['last_bytes'] / 1e6:.1f} MB", "without": f"{without['last_bytes'] / 1e6:.1f} MB",
         "ratio": with_["last_bytes"] / without["last_bytes"], "target": "within 2x of one copy"},
        {"people": size, "measure": f"centres + gaps, --at 1 (undoing {reloads} revisions) / present",
         "with": f"{with_['at']:.2f} s", "without": f"{with_['present']:.2f} s",
         "ratio": with_["at"] / with_["present"], "target": "at most 1.5x"},
    ]
    for row in rows:
        print(f"{row['people']:>7,}  {row['measure']:<50} {row['with']:>9} {row['without']:>9}  {row['ratio']:.2f}x"
              f"  ({row['target']})", flush=True)
    return rows


def write_history_section(rows: list[dict], sizes: list[int], reloads: int,
                          load_average: tuple[float, float]) -> None:
    import relgraph

    lines = ["| people | measure | with history | without (or: present) | ratio | target |", "|---|---|---|---|---|---|"]
    lines += [f"| {r['people']:,} | {r['measure']} | {r['with']} | {r['without']} | {r['ratio']:.2f}x | {r['target']} |"
              for r in rows]
    replace_section(
        "## History: dated revisions, --at and their cost (bench/run.py --history)",
        f"`python bench/run.py --sizes {','.join(map(str, sizes))} --history {reloads} --write` on "
        f"{dt.date.today().isoformat()}: relgraph {relgraph.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, embedded store. One generated account, loaded, then "
        f"reloaded {reloads} times with 1 % of its people (a new title) and 1 % of its stances changed each time; "
        "once with history, once without (the revision statements left out: the load as it was before history), "
        "into two fresh stores by one process, the two taking turns to go first after each change; the first load "
        "seven times in turns, the account deleted in between, its ratio the median of the seven pairs' ratios. Load average (1 minute) "
        f"{load_average[0]:.1f} at the start, {load_average[1]:.1f} at the end. Snapshot: "
        "the store's RDB file. The last row compares, in the store "
        "with history, the centres and gaps analyses of the present with the same at `--at 1` (the account "
        "rebuilt by undoing every later revision), best of two.",
        "\n".join(lines))


def measure(step: str, kind: str, data_dir: Path, folder: Path, out: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one step in a fresh process, on the store of that kind (Neo4j: the NEO4J_* set)."""
    code = textwrap.dedent(f"""
        import time
        {IMPORTS}
        from relgraph.store import open_store
        store = open_store({kind!r}, {str(data_dir)!r})
        FOLDER, ACCOUNT, OUT = {str(folder)!r}, {folder.name!r}, {str(out)!r}
        {SETUP.get(step, "")}
        gc.disable()  # as the CLI runs every command (relgraph.store.compact.gc_paused)
        start = time.perf_counter()
        {STEPS[step]}
        print(time.perf_counter() - start)
    """)
    return _timed_process([sys.executable, "-c", code], data_dir.parent, f"step {step}")


def _timed_process(command: list[str], cwd: Path, what: str) -> tuple[float, float]:
    """(the seconds the process prints last, its peak MB)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=cwd)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"{what} failed")
    return float(output.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def bench(size: int, root: Path, steps: list[str], kind: str = "embedded") -> list[dict]:
    from relgraph.generate import generate
    from relgraph.store import open_store

    folder = generate(root / f"gen-{kind}-{size}", size, accounts=1, seed=1)[0]
    data_dir, bare_dir = root / f"store-{kind}-{size}", root / f"bare-{kind}-{size}"
    page = root / f"power-{kind}-{size}.html"
    rows = sum(max(0, len(p.read_text(encoding="utf-8").splitlines()) - 1) for p in folder.glob("*.csv"))
    results, times = [], {}
    if kind == "neo4j":  # one database: the bare insert first, then wiped away for the load
        steps = sorted(steps, key=lambda step: step != "bare insert")
    try:
        for step in steps:
            if kind == "neo4j" and step in ("load", "bare insert"):
                wipe_neo4j()
            seconds, memory = measure(step, kind, bare_dir if step == "bare insert" else data_dir, folder, page)
            times[step] = seconds
            results.append({"store": kind, "people": size, "step": step, "seconds": seconds, "memory": memory})
        results.sort(key=lambda result: _order(result["step"]))  # Neo4j's bare insert ran first
        for result in results:
            result["note"] = _note(result["step"], result["seconds"], rows, times, page)
        results = [row for result in results
                   for row in (against_reference(result, folder) if result["step"] in REFERENCE else [result])]
        for result in results:
            _show(result)
        if size <= RENDER_MAX_PEOPLE and "view power" in steps and kind == "embedded":  # the same page on both
            first = first_render(page, folder.name)
            if first is not None:
                results.append({"store": kind, "people": size, "step": "first render", "seconds": first, "memory": float("nan"),
                                "note": "headless Chromium, offline, from navigation start"})
                _show(results[-1])
    finally:
        if kind == "embedded":
            for path in (data_dir, bare_dir):
                open_store("embedded", path, start=False).stop()
    return results


def wipe_neo4j() -> None:
    """Empty the Neo4j of NEO4J_*, in transactions of 10,000 nodes (one would need the memory of a load)."""
    import neo4j

    env = os.environ
    with neo4j.GraphDatabase.driver(env["NEO4J_URI"], auth=(env.get("NEO4J_USERNAME", "neo4j"),
                                                            env.get("NEO4J_PASSWORD", ""))) as driver:
        with driver.session(database=env.get("NEO4J_DATABASE") or None) as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@contextlib.contextmanager
def neo4j_server(root: Path):
    """NEO4J_* in the environment: as given, else the test Neo4j of tests/neo4j_server.py, started for the run."""
    if os.environ.get("NEO4J_URI"):
        yield
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    import neo4j_server as test_server

    test_server.build()
    (root / "neo4j").mkdir()
    server = test_server.Neo4jTestServer(root / "neo4j")
    try:
        os.environ.update(server.environment)
        yield
    finally:
        server.stop()


def against_reference(row: dict, folder: Path) -> list[dict]:
    """The analysis's row with its time over the reference's (bench/reference.py, in a fresh process), and
    the reference's own row after it."""
    command = [sys.executable, str(REFERENCE_SCRIPT), str(folder), "--analysis", row["step"]]
    seconds, memory = _timed_process(command, folder.parent, f"the reference of {row['step']}")
    return [{**row, "note": f"relgraph / reference = {row['seconds'] / seconds:.2f}x"},
            {"store": row["store"], "people": row["people"], "step": f"{row['step']} reference", "seconds": seconds, "memory": memory,
             "note": "CSV files to networkx (bench/reference.py)"}]


def _note(step: str, seconds: float, rows: int, times: dict, page: Path) -> str:
    if step == "load":
        return f"{rows:,} rows, {rows / seconds:,.0f} rows/s"
    if step == "bare insert":
        return f"load / bare = {times['load'] / seconds:.2f}x"
    if step == "view power":
        return f"{page.stat().st_size / 1e6:.1f} MB file"
    if step == "whatif":
        return "two moves (--set, --contact), after the read"
    if step == "next":
        return "the read, the scores and the top 5 moves"
    return ""


def growth(results: list[dict], step: str) -> float | None:
    """The exponent k of seconds ~ people^k that fits the step's times best (least squares on their logs);
    None below two sizes."""
    import math

    points = [(math.log(r["people"]), math.log(r["seconds"])) for r in results if r["step"] == step]
    if len({x for x, _ in points}) < 2:
        return None
    mean_x, mean_y = (sum(p[i] for p in points) / len(points) for i in (0, 1))
    return (sum((x - mean_x) * (y - mean_y) for x, y in points) / sum((x - mean_x) ** 2 for x, _ in points))


def _show(row: dict) -> None:
    print(f"{row['store']:<8}  {row['people']:>7,}  {row['step']:<18}  {row['seconds']:8.2f} s  {_memory(row):>8}  {row['note']}", flush=True)


def first_render(page: Path, account: str, chromium: str = "/usr/bin/chromium") -> float | None:
    """Seconds from navigation start to vis-network's first drawing of the page, offline; None without a browser."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(chromium).exists():
        return None
    from relgraph.viz.snapshot import CHROMIUM_FLAGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=[f for f in CHROMIUM_FLAGS if f != "--headless"])
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        context.set_offline(True)
        tab = context.new_page()
        tab.goto(page.as_uri())
        tab.wait_for_function("window.relgraph && relgraph.firstDraw !== null", timeout=300_000)
        first = tab.evaluate("relgraph.firstDraw") / 1000
        browser.close()
    return first


def table(results: list[dict]) -> str:
    lines = ["| people | step | time | peak memory | note |", "|---|---|---|---|---|"]
    lines += [f"| {r['people']:,} | {r['step']} | {r['seconds']:.2f} s | {_memory(r)} | {r['note']} |" for r in results]
    return "\n".join(lines)


def both_table(results: list[dict]) -> str:
    """One row per size and step: each store's time and peak memory, and Neo4j's time over the embedded one's."""
    found = {(r["people"], r["step"], r["store"]): r for r in results}
    lines = ["| people | step | embedded | neo4j | neo4j / embedded | peak memory, embedded / neo4j (client) |",
             "|---|---|---|---|---|---|"]
    for people, step, _ in sorted({key for key in found if key[2] == "embedded"},
                                  key=lambda key: (key[0], _order(key[1]))):
        embedded, neo4j = found[people, step, "embedded"], found.get((people, step, "neo4j"))
        if neo4j is None:
            continue
        lines.append(f"| {people:,} | {step} | {embedded['seconds']:.2f} s | {neo4j['seconds']:.2f} s | "
                     f"{neo4j['seconds'] / embedded['seconds']:.2f}x | {_memory(embedded)} / {_memory(neo4j)} |")
    return "\n".join(lines)


def _order(step: str) -> tuple[int, bool]:
    """Where a step's row goes in a table: in STEPS order, a reference's row after its analysis's."""
    base = step.removesuffix(" reference")
    return [*STEPS, "first render"].index(base), base != step


def _memory(row: dict) -> str:
    return "" if row["memory"] != row["memory"] else f"{row['memory']:.0f} MB"  # NaN: measured in the browser


def replace_section(heading: str, *paragraphs: str) -> None:
    """Put the section in BENCHMARKS.md in place of the one whose heading begins the same way (up to its colon),
    else at the end."""
    path = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    section = "\n\n".join([heading, *paragraphs]) + "\n"
    start = text.find(heading.partition(":")[0])
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + (text[end + 1:] if end >= 0 else "")
    path.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")


def how_run(options: str) -> str:
    """The command, the day and the machine, to begin a section."""
    import relgraph

    return (f"`python bench/run.py {options} --write` on {dt.date.today().isoformat()}: relgraph "
            f"{relgraph.__version__}, Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")


def write_both_section(results: list[dict], sizes: list[int]) -> None:
    replace_section(
        "## Both stores: embedded and Neo4j, step by step (bench/run.py --store embedded,neo4j)",
        how_run(f"--sizes {','.join(map(str, sizes))} --store embedded,neo4j") + " shared with other work "
        "(expect run-to-run differences of 30 % and more). The steps are measured as in the Analyses section. "
        "Neo4j is the test Neo4j (5.26 Community from tools/neo4j-test-server, 4 GB heap, its transaction "
        "memory limits in neo4j.conf) on the same machine, over Bolt on loopback; its memory column is the "
        "relgraph process's alone (the server is its own JVM). Its bare insert runs first, into the emptied "
        "database, so it also pays for the server's first planning of each statement. The first render in "
        "Chromium is of the same page on both stores and left out here.",
        both_table(results))


def write_section(results: list[dict], sizes: list[int]) -> None:
    replace_section(
        "## Analyses: synthetic accounts from load to view (bench/run.py)",
        how_run(f"--sizes {','.join(map(str, sizes))}") + ", embedded store. One generated account per size "
        "(`relgraph generate`: a hierarchy with spans of 3 to 8, about three influence edges per person, stances to us and three "
        "competitors). Each step runs in a fresh process; its time is measured inside the process after "
        "imports, its memory is the process's peak resident set. The bare insert writes the same parsed rows "
        "with the same UNWIND statements into an empty store, without relgraph's checks and change report. "
        "First render: the power view opened offline in headless Chromium, navigation start to the first "
        "drawing.",
        table(results),
        "Targets: " + "; ".join(f"{k} {v}" for k, v in TARGETS.items()) + ".")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000,10000,100000", help="Comma-separated numbers of people.")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"Comma-separated steps, of: {', '.join(STEPS)}.")
    parser.add_argument("--store", default="embedded", help="Comma-separated stores, of: embedded, neo4j.")
    parser.add_argument("--write", action="store_true",
                        help="Replace the Analyses section of BENCHMARKS.md (with both stores: the Both stores one; with "
                             "--history: the History one).")
    parser.add_argument("--history", type=int, metavar="RELOADS",
                        help="Measure history instead: the account reloaded RELOADS times, with and without it.")
    args = parser.parse_args()
    kinds = args.store.split(",")
    if unknown := sorted(set(kinds) - {"embedded", "neo4j"}):
        parser.error(f"unknown store {unknown[0]!r}; the stores are: embedded, neo4j")
    if args.write and "embedded" not in kinds:
        parser.error("--write needs the embedded store: alone for the Analyses section, with neo4j for Both stores")
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.history:
        root = Path(tempfile.mkdtemp(prefix="rgb-", dir="/tmp"))
        start = os.getloadavg()[0]
        rows = [row for size in sizes for row in history_bench(size, root, args.history)]
        if args.write:
            write_history_section(rows, sizes, args.history, (start, os.getloadavg()[0]))
        return
    named = args.steps.split(",")
    if unknown := sorted(set(named) - set(STEPS)):
        parser.error(f"unknown step {unknown[0]!r}; the steps are: {', '.join(STEPS)}")
    steps = [step for step in STEPS if step == "load" or step in named]
    if args.write and len(steps) < len(STEPS):
        parser.error("--write replaces the whole Analyses table: run every step")
    root = Path(tempfile.mkdtemp(prefix="rgb-", dir="/tmp"))
    with neo4j_server(root) if "neo4j" in kinds else contextlib.nullcontext():
        results = [row for size in sizes for kind in kinds for row in bench(size, root, steps, kind)]
    for step in GROWS:
        for kind in kinds:
            exponent = growth([r for r in results if r["store"] == kind], step)
            if exponent is not None:
                print(f"{kind:<8}  {step} grows as people^{exponent:.2f} over {args.sizes} people "
                      "(least squares on the logs)", flush=True)
    if args.write and set(kinds) == {"embedded", "neo4j"}:
        write_both_section(results, sizes)
    elif args.write:
        write_section(results, sizes)


if __name__ == "__main__":
    main()

"""Benchmark relgraph on synthetic accounts: load, the four analyses and the power-map view.

    python bench/run.py [--sizes 2000,100000] [--write]

Run it from outside the source tree (the installed package must be the one
imported). For each size it generates one account with `relgraph.generate`,
loads it into a fresh embedded store, then runs each step in a fresh Python
process and reports the step's own time (measured inside the process, after
imports) and the process's peak resident memory. With --write the table
replaces the "Analyses" section of BENCHMARKS.md. Loading against a bare
UNWIND insert is bench/load.py; the view's time to first render in Chromium
is bench/view.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

IMPORTS = ("from relgraph.loading import load_path; from relgraph.analysis import run; "
           "from relgraph.viz import render_view; import networkx, scipy.sparse, numpy")
STEPS = {
    "load": "load_path(store, FOLDER)",
    "centres": "run.centres(store, ACCOUNT, top=20)",
    "unreached": "run.unreached(store, ACCOUNT, top=10)",
    "gaps": "run.gaps(store, ACCOUNT)",
    "position": "run.position(store, ACCOUNT)",
    "view power": "render_view(store, 'power', account=ACCOUNT, out=OUT)",
}
TARGETS = {"centres": "< 1 s at 2k, < 30 s at 100k", "unreached": "< 1 s at 2k", "gaps": "< 1 s at 2k",
           "position": "< 1 s at 2k", "view power": "a few seconds at 5k"}


def measure(step: str, data_dir: Path, folder: Path, out: Path) -> tuple[float, float]:
    """(seconds, peak MB) of one step in a fresh process."""
    code = textwrap.dedent(f"""
        import time
        {IMPORTS}
        from relgraph.store import open_store
        store = open_store("embedded", {str(data_dir)!r})
        FOLDER, ACCOUNT, OUT = {str(folder)!r}, {folder.name!r}, {str(out)!r}
        start = time.perf_counter()
        {STEPS[step]}
        print(time.perf_counter() - start)
    """)
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=data_dir.parent)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"step {step} failed")
    return float(output.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def bench(size: int, root: Path) -> list[dict]:
    from relgraph.generate import generate
    from relgraph.store import open_store

    folder = generate(root / f"gen-{size}", size, accounts=1, seed=1)[0]
    data_dir = root / f"store-{size}"
    rows = sum(max(0, len(p.read_text(encoding="utf-8").splitlines()) - 1) for p in folder.glob("*.csv"))
    results = []
    try:
        for step in STEPS:
            seconds, memory = measure(step, data_dir, folder, root / f"power-{size}.html")
            extra = ""
            if step == "load":
                extra = f"{rows:,} rows, {rows / seconds:,.0f} rows/s"
            elif step == "view power":
                extra = f"{(root / f'power-{size}.html').stat().st_size / 1e6:.1f} MB file"
            results.append({"people": size, "step": step, "seconds": seconds, "memory": memory, "note": extra})
            print(f"{size:>7,}  {step:<10}  {seconds:8.2f} s  {memory:7.0f} MB  {extra}", flush=True)
    finally:
        open_store("embedded", data_dir, start=False).stop()
    return results


def table(results: list[dict]) -> str:
    lines = ["| people | step | time | peak memory | note |", "|---|---|---|---|---|"]
    lines += [f"| {r['people']:,} | {r['step']} | {r['seconds']:.2f} s | {r['memory']:.0f} MB | {r['note']} |" for r in results]
    return "\n".join(lines)


def write_section(results: list[dict], sizes: list[int]) -> None:
    import relgraph

    path = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = text.find("## Analyses")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + (text[end + 1:] if end >= 0 else "")
    section = "\n".join([
        "## Analyses: synthetic accounts from load to view",
        "",
        f"`python bench/run.py --sizes {','.join(map(str, sizes))} --write` on {dt.date.today().isoformat()}: "
        f"relgraph {relgraph.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, embedded store. One generated account per size (`relgraph generate`: "
        "a hierarchy with spans of 3 to 8, about three influence edges per person, stances to us and three "
        "competitors). Each step runs in a fresh process; its time is measured inside the process after "
        "imports, its memory is the process's peak resident set.",
        "",
        table(results),
        "",
        "Targets: " + "; ".join(f"{k} {v}" for k, v in TARGETS.items()) + ".",
        "",
    ])
    path.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,100000", help="Comma-separated numbers of people.")
    parser.add_argument("--write", action="store_true", help="Replace the Analyses section of BENCHMARKS.md.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    root = Path(tempfile.mkdtemp(prefix="rgb-", dir="/tmp"))
    results = [row for size in sizes for row in bench(size, root)]
    if args.write:
        write_section(results, sizes)


if __name__ == "__main__":
    main()

"""Benchmark: relgraph's load of a big stakeholder export against a bare UNWIND insert of the same rows.

    python bench/load.py [--rows 100000] [--data-dir DIR]

Writes a CSV export with Chinese headers (工号, 姓名, 职务, 部门 by name,
上级工号, 邮箱) of an org tree with a fan-out of 6, then, in one embedded store
and one run:

1. bare: the same rows, already canonical, sent straight through the
   statements relgraph's load writes (`loading.plan`: UNWIND upserts and
   links in batches of 5,000), with no reading, checking or comparing, into
   account bench-bare-1;
2. relgraph: `load_path(FILE, kind="stakeholders")` — decode, sniff, map the
   headers, parse and check every cell, resolve department names, check
   references and cycles, compare with the store, then write;
3. bare again, into account bench-bare-2 (the store has grown: relgraph's run
   sits between two bare runs, and is compared with their mean);
4. relgraph with the same file again (every row unchanged: the cost of
   reading the account back for the change report).

Prints rows/s of each, relgraph's time over the bare inserts' mean, and the
growth of the process's peak resident memory during the relgraph load.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from relgraph.loaders.canonical import Table
from relgraph.schema import KINDS
from relgraph.loading import load_path, plan


def write_export(path: Path, rows: int, fanout: int = 6) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["工号", "姓名", "职务", "部门", "上级工号", "邮箱"])
        for i in range(rows):
            manager = f"e{(i - 1) // fanout:06d}" if i else ""
            writer.writerow([f"e{i:06d}", f"员工{i}", "工程师" if i % 3 else "科长", f"部门{i % 200}", manager,
                             f"e{i}@example.cn"])


def canonical_rows(path: Path) -> tuple[list[dict], list[dict]]:
    """The same rows as the bare insert takes them: already mapped, nothing checked."""
    people, departments = [], {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            departments.setdefault(row["部门"], {"id": row["部门"], "name": row["部门"], "function": None,
                                                "parent_id": None})
            people.append({"id": row["工号"], "name": row["姓名"], "title": row["职务"], "layer": None, "roles": [],
                           "influence": None, "last_contact": None, "status": "active", "notes": None,
                           "email": row["邮箱"], "organisation": None, "department_id": row["部门"], "manager_id": row["上级工号"] or None})
    return people, list(departments.values())


def bare_insert(store, account: str, people: list[dict], departments: list[dict]) -> None:
    """The write statements relgraph's load would send (`loading.plan`, as bench/run.py's bare insert), sent straight."""
    tables = {"departments": Table(KINDS["departments"], "bare", departments),
              "stakeholders": Table(KINDS["stakeholders"], "bare", people)}
    store.write(list(plan(account, tables, new=True)))


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def memory_of_a_load(path: Path, data_dir: Path) -> float:
    """Peak resident memory (MB) that a fresh process adds while it loads the file (into account bench-memory).

    Read from VmHWM in /proc (Linux): getrusage's ru_maxrss keeps the parent's
    peak across fork and exec, so it would measure this benchmark instead.
    """
    code = (
        "import re, sys\n"
        "from relgraph.loading import load_path\n"
        "from relgraph.store import open_store\n"
        "peak = lambda: int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
        "store = open_store('embedded', sys.argv[2]); store.read('read/counts')\n"
        "before = peak()\n"
        "load_path(store, sys.argv[1], kind='stakeholders', account='bench-memory')\n"
        "print((peak() - before) / 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path), str(data_dir)], capture_output=True, text=True,
                          check=True, cwd=tempfile.gettempdir())
    return float(done.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()

    from relgraph.store import open_store

    work = Path(tempfile.mkdtemp(prefix="rg-bench-", dir="/tmp"))
    store = open_store("embedded", args.data_dir or work / "store")
    try:
        path = work / "people.csv"
        write_export(path, args.rows)
        size_mb = path.stat().st_size / 1e6
        people, departments = canonical_rows(path)
        bare_s = [timed(lambda: bare_insert(store, "bench-bare-1", people, departments))]
        relgraph_s = timed(lambda: load_path(store, path, kind="stakeholders", account="bench-relgraph"))
        people, departments = canonical_rows(path)
        bare_s.append(timed(lambda: bare_insert(store, "bench-bare-2", people, departments)))
        result = []
        reload_s = timed(lambda: result.append(load_path(store, path, kind="stakeholders", account="bench-relgraph")))
        assert {c.change for c in result[0].changes} == {"unchanged"}
        counts = {r["label"]: r["nodes"] for r in store.read("read/counts")}
        assert counts.get("Stakeholder") == 3 * args.rows, counts
        store.close()
        rss_growth = memory_of_a_load(path, args.data_dir or work / "store")
    finally:
        store.stop()
        shutil.rmtree(work, ignore_errors=True)
    rows = args.rows
    bare = sum(bare_s) / len(bare_s)
    print(f"rows: {rows:,}; file: {size_mb:.1f} MB (UTF-8 CSV, Chinese headers, departments by name)")
    print(f"relgraph load (new):       {relgraph_s:7.2f} s  {rows / relgraph_s:9,.0f} rows/s")
    print(f"relgraph load (unchanged): {reload_s:7.2f} s  {rows / reload_s:9,.0f} rows/s")
    for number, seconds in enumerate(bare_s, start=1):
        print(f"bare UNWIND insert {number}:      {seconds:7.2f} s  {rows / seconds:9,.0f} rows/s")
    print(f"relgraph / bare (mean):    {relgraph_s / bare:7.2f}x (target: at most 1.5x)")
    print(f"peak memory a fresh process adds to load the file: {rss_growth:.0f} MB ({rss_growth / size_mb:.1f}x the file)")


if __name__ == "__main__":
    main()

"""Benchmark: the first load of a new account against FalkorDB's own bulk loader, and a reload with 1 % changed.

    python bench/bulk.py [--sizes 20000,100000] [--repeats 2]

Needs the `bench` extra (`pip install -e '.[bench]'`: falkordb-bulk-loader).
Run it from outside the source tree. For each size it generates one account
(`relgraph.generate`), writes the same rows in the bulk loader's CSV format
(typed columns, one file per label and relationship type; written before any
clock starts) and then, in a fresh embedded store whose server is already
running, times as whole processes (wall time, interpreter start included):

1. `falkordb-bulk-insert` building those rows as a new graph with GRAPH.BULK
   (no checks, no snapshot saved); the graph is deleted again right after;
2. `relgraph load FOLDER`: the account, new to the store, read, checked and
   written all-or-nothing with its revision, then the store's snapshot saved;
3. `relgraph load FOLDER` again after 1 % of the people (a new title) and 1 %
   of the stances changed: an update.

The two first loads take turns going first, each repeat in a fresh store.
Prints each time, rows/s and relgraph's first load over the bulk loader's.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# label -> (kind, property columns); a node's key column is its `id`.
NODES = {"Account": ("account", ("id", "name", "tier")), "Department": ("departments", ("id", "name", "function")),
         "Stakeholder": ("stakeholders", ("id", "name", "title", "layer", "roles", "influence", "last_contact",
                                          "status", "notes", "email", "organisation")),
         "Vendor": ("vendors", ("id", "name", "is_us")), "TeamMember": ("team", ("id", "name")),
         "Bid": ("bids", ("id", "name", "due", "stage"))}
# type -> (kind, (from column, its label), (to column, its label), property columns)
EDGES = {"PART_OF": ("departments", ("id", "Department"), ("parent_id", "Department"), ()),
         "MEMBER_OF": ("stakeholders", ("id", "Stakeholder"), ("department_id", "Department"), ()),
         "REPORTS_TO": ("stakeholders", ("id", "Stakeholder"), ("manager_id", "Stakeholder"), ()),
         "INFLUENCES": ("influence", ("source_id", "Stakeholder"), ("target_id", "Stakeholder"), ("strength", "kind")),
         "STANCE": ("stances", ("stakeholder_id", "Stakeholder"), ("vendor_id", "Vendor"),
                    ("stance", "level", "confidence", "as_of", "source")),
         "OWNS": ("owners", ("team_member_id", "TeamMember"), ("stakeholder_id", "Stakeholder"), ("since",)),
         "CONTACTED": ("contacts", ("team_member_id", "TeamMember"), ("stakeholder_id", "Stakeholder"),
                       ("date", "kind")),
         "ON_BID_TEAM": ("bid_team", ("stakeholder_id", "Stakeholder"), ("bid_id", "Bid"), ("role",))}
SHARED = ("Vendor", "TeamMember")  # not scoped to the account


def bulk_files(folder: Path, out: Path) -> list[str]:
    """The account folder's rows as falkordb-bulk-insert's typed CSV files; its arguments naming them."""
    from relgraph.loaders import read_folder

    tables = read_folder(folder)
    account = tables["account"].rows[0]["id"]
    out.mkdir(parents=True)
    args = []
    for label, (kind, columns) in NODES.items():
        rows = tables[kind].rows if kind in tables else []
        types = [_type(rows, column) for column in columns]
        scoped = label not in SHARED
        header = [f"_key:ID({label})", *(f"{c}:{t}" for c, t in zip(columns, types)), *(["account:STRING"] * scoped)]
        path = _write(out / f"{label}.csv", header,
                      ([row["id"], *(_cell(row[c]) for c in columns), *([account] * scoped)] for row in rows))
        args += ["--nodes-with-label", label, str(path)]
    for edge, (kind, (source, source_label), (target, target_label), columns) in EDGES.items():
        rows = [row for row in tables[kind].rows if row[target]] if kind in tables else []
        types = [_type(rows, column) for column in columns]
        header = [f":START_ID({source_label})", f":END_ID({target_label})", *(f"{c}:{t}" for c, t in zip(columns, types))]
        path = _write(out / f"{edge}.csv", header,
                      ([row[source], row[target], *(_cell(row[c]) for c in columns)] for row in rows))
        args += ["--relations-with-type", edge, str(path)]
    return args


def _type(rows: list[dict], column: str) -> str:
    value = next((row[column] for row in rows if row[column] not in (None, [])), "")
    return {bool: "BOOL", int: "INT", float: "DOUBLE", list: "ARRAY"}.get(type(value), "STRING")


def _cell(value) -> str:
    if value in (None, []):
        return ""
    return repr([str(v) for v in value]) if isinstance(value, list) else str(value)


def _write(path: Path, header: list[str], rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def change_one_percent(folder: Path, seed: int = 7) -> None:
    """A new title for 1 % of the people and another stance for 1 % of the stances (as bench/run.py --history)."""
    rng = random.Random(seed)
    for name, column, values in (("stakeholders.csv", "title", None),
                                 ("stances.csv", "stance", ("mentor", "supporter", "neutral", "opponent"))):
        path = folder / name
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames, list(reader)
        for i in rng.sample(range(len(rows)), max(1, len(rows) // 100)):
            rows[i][column] = f"Title {i}" if values is None else rng.choice([v for v in values if v != rows[i][column]])
            if values:
                rows[i]["level"] = ""
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)


def bench(size: int, root: Path, repeats: int) -> dict:
    from relgraph.generate import generate
    from relgraph.store import open_store

    source = generate(root / f"gen-{size}", size, accounts=1, seed=1)[0]
    rows = sum(max(0, len(p.read_text(encoding="utf-8").splitlines()) - 1) for p in source.glob("*.csv"))
    bulk_args = bulk_files(source, root / f"bulk-{size}")
    relgraph = [sys.executable, "-m", "relgraph"]
    found = {"bulk": [], "first": [], "update": []}
    for repeat in range(repeats):
        data_dir, folder = root / f"store-{size}-{repeat}", root / f"load-{size}-{repeat}" / source.name
        shutil.copytree(source, folder)
        store = open_store("embedded", data_dir)  # the server runs before either clock starts
        url = f"unix://{store.files.socket}"
        try:
            def bulk():
                found["bulk"].append(timed(["falkordb-bulk-insert", "--server-url", url, "--enforce-schema",
                                            *bulk_args, "bulk"], root))
                store._connect().connection.execute_command("GRAPH.DELETE", "bulk")

            def first():
                found["first"].append(timed([*relgraph, "--data-dir", str(data_dir), "load", str(folder)], root))

            for step in ((bulk, first) if repeat % 2 == 0 else (first, bulk)):
                step()
            change_one_percent(folder)
            found["update"].append(timed([*relgraph, "--data-dir", str(data_dir), "load", str(folder)], root))
        finally:
            store.stop()
    return {"people": size, "rows": rows, **found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,100000")
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="rg-bulk-", dir="/tmp"))
    try:
        print(f"load average at start: {os.getloadavg()[0]:.1f}")
        for size in map(int, args.sizes.split(",")):
            found = bench(size, root, args.repeats)
            bulk, first, update = (statistics.median(found[k]) for k in ("bulk", "first", "update"))
            print(f"{size:,} people, {found['rows']:,} rows:")
            print(f"  falkordb-bulk-insert    {bulk:7.2f} s  {found['rows'] / bulk:9,.0f} rows/s  {found['bulk']}")
            print(f"  relgraph load, new      {first:7.2f} s  {found['rows'] / first:9,.0f} rows/s  {found['first']}")
            print(f"  relgraph load, 1 % new  {update:7.2f} s  {found['update']}")
            print(f"  first load / bulk loader: {first / bulk:.2f}x (target: at most 1.5x)")
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

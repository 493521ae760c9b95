"""The same accounts give the same answers on both stores: every analysis and the JSON export, byte for byte."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path

from conftest import open_empty_neo4j

from relgraph.account import read_account
from relgraph.analysis.registry import ANALYSES, Settings, analyse, run
from relgraph.demo import DEMO_ACCOUNTS, load_demo
from relgraph.export import export_account
from relgraph.generate import generate
from relgraph.loading import load_path
from relgraph.store import open_store

AS_OF = Settings(today=dt.date(2026, 11, 23))


def outputs(store, generated: Path, work: Path) -> dict[str, bytes]:
    """Load the demo and the generated account, then every analysis in every scope and the JSON export of
    each account, as the bytes relgraph writes."""
    load_demo(store)
    load_path(store, generated)
    work.mkdir()
    out = {}
    for account in (*DEMO_ACCOUNTS, generated.name):
        for bid in (None, *read_account(store, account).bids):
            for departed in (False, True):
                data, power = analyse(store, account, bid, departed)
                for name in (n for n, a in ANALYSES.items() if bid or not a.needs_bid):
                    result = run(name, data, power, AS_OF)
                    out[f"{name} {account} bid={bid} departed={departed}"] = json.dumps(
                        result, ensure_ascii=False, indent=2).encode("utf-8")
        target = work / f"{account}.json"
        export_account(read_account(store, account), target)
        out[f"export {account}"] = target.read_bytes()
    return out


def first_difference(name: str, embedded: bytes, neo4j: bytes) -> str:
    diff = difflib.unified_diff(embedded.decode().splitlines(), neo4j.decode().splitlines(), "embedded", "neo4j",
                                lineterm="", n=2)
    return f"{name} differs:\n" + "\n".join(list(diff)[:40])


def test_both_stores_give_the_same_analyses_and_exports(request, data_dir, tmp_path):
    [generated] = generate(tmp_path / "generated", 1000)
    embedded = open_store("embedded", data_dir)
    neo4j = open_empty_neo4j(request)
    try:
        on_embedded = outputs(embedded, generated, tmp_path / "embedded")
        on_neo4j = outputs(neo4j, generated, tmp_path / "neo4j")
    finally:
        embedded.close()
        neo4j.close()
    assert sorted(on_embedded) == sorted(on_neo4j)
    differ = [name for name in on_embedded if on_embedded[name] != on_neo4j[name]]
    assert not differ, first_difference(differ[0], on_embedded[differ[0]], on_neo4j[differ[0]]) + \
        f"\n(all that differ: {', '.join(differ)})"

"""The first load of an account the store does not hold: created, not merged, the same map, all-or-nothing."""

import pytest

from relgraph.account import read_account
from relgraph.errors import RelgraphError
from relgraph.history import read_revisions
from relgraph.loaders import read_folder
from relgraph.loading import load_path, plan


def graph(store, account: str) -> tuple:
    """The account's nodes and edges with their properties, its id left out (to compare two accounts; the account
    node itself is written by the same statement either way)."""
    def shown(properties: dict) -> str:
        return repr(sorted((k, v) for k, v in properties.items() if k != "account"))

    nodes = sorted((r["label"], r["id"], shown(r["properties"]))
                   for r in store.read("read/account_nodes", {"account": account}) if r["label"] != "Account")
    edges = sorted((r["type"], r["source"], r["target"], shown(r["properties"]))
                   for r in store.read("read/account_edges", {"account": account}))
    return nodes, edges


def test_creating_a_new_account_writes_the_graph_that_merging_writes(store, acme):
    tables = read_folder(acme)
    store.write(list(plan("created", tables, new=True)))
    store.write(list(plan("merged", tables)))
    nodes, edges = graph(store, "created")
    assert (nodes, edges) == graph(store, "merged")
    assert len(nodes) == 9 and len(edges) == 16


def test_a_repeated_row_of_an_export_makes_one_edge_with_the_last_values(store, acme, tmp_path):
    load_path(store, acme)
    stances = tmp_path / "stances.csv"
    stances.write_text("stakeholder_id,vendor_id,stance\nceo,us,opponent\nceo,us,supporter\n", encoding="utf-8")
    ties = tmp_path / "ties.csv"
    ties.write_text("source_id,target_id,strength\neng,cto,2\neng,cto,5\n", encoding="utf-8")
    load_path(store, stances, kind="stances", account="acme")
    load_path(store, ties, kind="influence", account="acme")
    data = read_account(store, "acme")
    assert data.people["ceo"].our.stance == "supporter"
    assert [(e.source, e.target, e.strength) for e in data.influence] == [("eng", "cto", 5)]


def test_a_new_accounts_failed_load_leaves_no_trace(store, acme):
    written = []

    def fail_midway(done: int, total: int) -> None:
        written.append(done)
        if len(written) == 5:
            raise RuntimeError("the load stops here")

    with pytest.raises(RuntimeError, match="stops here"):
        load_path(store, acme, progress=fail_midway)
    assert store.read("read/account_nodes", {"account": "acme"}) == []
    assert read_revisions(store, "acme") == []
    with pytest.raises(RelgraphError, match="acme"):
        read_account(store, "acme")

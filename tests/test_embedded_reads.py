"""The embedded store's reads: sent at once, scalar queries read without type tags, the same rows either way."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import write_evil_account

import relgraph.store.embedded as embedded
from relgraph.demo import DEMO_ACCOUNTS, load_demo
from relgraph.errors import StoreError
from relgraph.generate import generate
from relgraph.loading import load_path
from relgraph.model import GRAPH_NAME
from relgraph.queries import catalogue, get
from relgraph.store import open_store
from relgraph.store.compact import decode_rows, params_header


@pytest.fixture
def filled(data_dir, tmp_path):
    store = open_store("embedded", data_dir)
    load_demo(store)
    load_path(store, write_evil_account(tmp_path / "evil"))
    generated = generate(tmp_path / "generated", 300, accounts=1, seed=5)[0]
    load_path(store, generated)
    yield store, (*DEMO_ACCOUNTS, "evil", generated.name)
    store.close()


def compact_rows(store, query, params: dict) -> list[dict]:
    text = params_header(params) + query.text_for(store.dialect)
    return decode_rows(store._db.connection.execute_command("GRAPH.RO_QUERY", GRAPH_NAME, text, "--compact"))


def test_every_query_declared_scalar_reads_the_rows_its_compact_reply_holds(filled):
    store, accounts = filled
    scalar = [q for q in catalogue().values() if q.scalar]
    assert {"account/stances", "account/influence", "account/contacts"} <= {q.name for q in scalar}
    for query in scalar:
        assert set(query.params) == {"account"}, f"{query.name}: the test passes only an account"
        for account in accounts:
            plain = store.read(query.name, {"account": account})
            assert sorted(plain, key=repr) == sorted(compact_rows(store, query, {"account": account}), key=repr)
    assert any(store.read("account/influence", {"account": a}) for a in accounts)  # ints and strings both seen


def test_a_query_declared_scalar_must_return_only_scalars_or_the_comparison_fails(filled):
    store, _ = filled
    roles = replace(get("account/people"), scalar=True)  # its roles are arrays: read untagged they come as text
    plain = decode_rows(store._db.connection.execute_command(
        "GRAPH.RO_QUERY", GRAPH_NAME, params_header({"account": "bureau"}) + roles.text), tagged=False)
    assert sorted(plain, key=repr) != sorted(compact_rows(store, roles, {"account": "bureau"}), key=repr)


def test_a_read_that_fails_midway_leaves_no_reply_behind_for_the_next(filled, monkeypatch):
    store, _ = filled
    queries = [(f"account/{part}", {"account": "bureau"}) for part in ("people", "managers", "stances")]
    expected = store.read_many(queries)
    broken = replace(get("account/managers"), text="MATCH (p:Stakeholder) RETURN p.id +", dialect_texts={})
    monkeypatch.setattr(embedded, "get", lambda name, mode=None: broken if name == "account/managers" else get(name, mode))
    with pytest.raises(StoreError, match="refused query account/managers"):
        store.read_many(queries)
    monkeypatch.undo()
    assert store.read_many(queries) == expected
    assert store.read("account/account", {"account": "bureau"})[0]["id"] == "bureau"

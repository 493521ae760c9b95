"""The Cypher catalogue: headers, parameters, names."""

import re
from pathlib import Path

import pytest

from relgraph.errors import QueryError
from relgraph.queries import _parse, catalogue, get


def test_every_statement_is_in_the_catalogue_with_its_header():
    queries = catalogue()
    assert {"read/accounts", "read/stakeholder", "load/upsert_stakeholders", "schema/keys"} <= queries.keys()
    for query in queries.values():
        assert query.doc, f"{query.name} has no description"
        if query.name.startswith("read/"):
            assert query.returns, f"{query.name} names no returned columns"


def test_an_undeclared_parameter_is_refused_with_file_and_line():
    with pytest.raises(QueryError, match=r"x\.cypher:5: \$account is used but not declared"):
        _parse("x.cypher", "// Doc.\n// mode: read\n// params:\n// returns: n\nMATCH (p {account: $account})\nRETURN p")


def test_an_unused_parameter_is_refused():
    with pytest.raises(QueryError, match=r"x\.cypher:1: parameter 'rows' is declared but never used"):
        _parse("x.cypher", "// Doc.\n// mode: read\n// params: rows\nRETURN 1")


def test_a_missing_params_line_is_refused():
    with pytest.raises(QueryError, match=r"no '// params:' line"):
        _parse("x.cypher", "// Doc.\n// mode: read\nRETURN 1")


def test_a_parameter_inside_a_string_is_not_a_parameter():
    parsed = _parse("x.cypher", "// Doc.\n// mode: read\n// params: top:int\nRETURN '$nope' AS a, $top AS b")
    assert parsed.params == {"top": int}


def test_every_query_declares_its_mode_and_a_bad_mode_is_refused():
    with pytest.raises(QueryError, match=r"x\.cypher:1: the header has no '// mode:' line"):
        _parse("x.cypher", "// Doc.\n// params:\nRETURN 1")
    with pytest.raises(QueryError, match=r"x\.cypher:2: mode 'maybe' is not one of read, write, schema"):
        _parse("x.cypher", "// Doc.\n// mode: maybe\n// params:\nRETURN 1")
    assert {q.mode for n, q in catalogue().items() if n.startswith(("read/", "account/"))} == {"read"}
    assert get("load/shared_nodes").mode == "read" and get("load/upsert_stakeholders").mode == "write"


def test_a_store_runs_a_query_only_as_what_it_declares(store):
    with pytest.raises(QueryError, match="load/upsert_account is declared '// mode: write' and cannot be run as a read"):
        store.read("load/upsert_account", {"account": "a", "name": None, "tier": None})
    with pytest.raises(QueryError, match="read/accounts is declared '// mode: read' and cannot be run as a write"):
        store.write([("read/accounts", {})])
    assert store.read("read/accounts") == []


def test_every_query_the_code_names_is_in_the_catalogue():
    from relgraph.account import QUERIES

    root = Path(__file__).parent.parent
    sources = [p for folder in ("relgraph", "loaders", "viz") for p in (root / folder).rglob("*.py")]
    named = {m for p in sources for m in re.findall(r'"((?:read|load|account|schema)/[a-z_]+)"', p.read_text())}
    named |= {f"account/{name}" for name in QUERIES}
    assert len(named) > 30 and sorted(named - catalogue().keys()) == []


def test_an_unknown_query_name_says_how_to_list_them():
    with pytest.raises(QueryError, match="relgraph query --list"):
        get("read/nothing")


def test_dialect_files_replace_the_portable_text_only_on_their_store():
    keys = get("schema/keys")
    assert "CREATE CONSTRAINT" in keys.text_for("neo4j")
    assert "CREATE INDEX" in keys.text_for("falkordb")
    # one key per label on both; Neo4j also keys the write lock its updates take (relgraph/store/neo4j.py)
    assert (len(keys.statements_for("neo4j")), len(keys.statements_for("falkordb"))) == (7, 6)


def test_values_scalar_is_parsed_and_only_for_reads():
    assert _parse("x.cypher", "// Doc.\n// mode: read\n// params:\n// values: scalar\nRETURN 1 AS n").scalar
    assert not _parse("x.cypher", "// Doc.\n// mode: read\n// params:\nRETURN 1 AS n").scalar
    with pytest.raises(QueryError, match=r"x\.cypher:4: '// values:' takes only 'scalar'"):
        _parse("x.cypher", "// Doc.\n// mode: read\n// params:\n// values: strings\nRETURN 1 AS n")
    with pytest.raises(QueryError, match=r"'// values: scalar' is for reads"):
        _parse("x.cypher", "// Doc.\n// mode: write\n// params:\n// values: scalar\nCREATE (n)")

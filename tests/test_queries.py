"""The Cypher catalogue: headers, parameters, names."""

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
    with pytest.raises(QueryError, match=r"x\.cypher:4: \$account is used but not declared"):
        _parse("x.cypher", "// Doc.\n// params:\n// returns: n\nMATCH (p {account: $account})\nRETURN p")


def test_an_unused_parameter_is_refused():
    with pytest.raises(QueryError, match=r"x\.cypher:1: parameter 'rows' is declared but never used"):
        _parse("x.cypher", "// Doc.\n// params: rows\nRETURN 1")


def test_a_missing_params_line_is_refused():
    with pytest.raises(QueryError, match=r"no '// params:' line"):
        _parse("x.cypher", "// Doc.\nRETURN 1")


def test_a_parameter_inside_a_string_is_not_a_parameter():
    parsed = _parse("x.cypher", "// Doc.\n// params: top:int\nRETURN '$nope' AS a, $top AS b")
    assert parsed.params == {"top": int}


def test_an_unknown_query_name_says_how_to_list_them():
    with pytest.raises(QueryError, match="relgraph query --list"):
        get("read/nothing")


def test_dialect_files_replace_the_portable_text_only_on_their_store():
    keys = get("schema/keys")
    assert "CREATE CONSTRAINT" in keys.text_for("neo4j")
    assert "CREATE INDEX" in keys.text_for("falkordb")
    assert len(keys.statements_for("neo4j")) == len(keys.statements_for("falkordb")) == 6

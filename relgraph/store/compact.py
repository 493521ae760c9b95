"""FalkorDB's replies turned into plain Python values.

relgraph reads with `GRAPH.RO_QUERY ... --compact` and decodes the reply
here rather than through the client's general result parser, which costs
about three times as much per value: at 100,000 stakeholders that was most
of an analysis's time. Queries return values, never nodes or edges. A query
declared `// values: scalar` is read without `--compact`: FalkorDB then sends
each string, integer and null as itself, without the type tag that makes
every value a list of two (it would send an array, a map, a boolean or a
float as text, which is why only such queries may be read so).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

from relgraph.errors import StoreError

__all__ = ["decode_rows", "params_header", "gc_paused"]

NULL, STRING, INTEGER, BOOLEAN, DOUBLE, ARRAY, MAP = 1, 2, 3, 4, 5, 6, 10


def decode_rows(reply: list, tagged: bool = True) -> list[dict]:
    """The rows of a `GRAPH.RO_QUERY` reply as dicts keyed by column name: a `--compact` one (`tagged`), or one
    without, of a query whose values are all scalars."""
    if len(reply) < 3:
        return []
    if not tagged:
        return [dict(zip(reply[0], row)) for row in reply[1]]
    columns = [name for _, name in reply[0]]
    return [dict(zip(columns, map(_value, row))) for row in reply[1]]


def _value(cell: list):
    kind, value = cell
    if kind == STRING or kind == INTEGER:
        return value
    if kind == NULL:
        return None
    if kind == ARRAY:
        return [_value(item) for item in value]
    if kind == MAP:
        return {value[i]: _value(value[i + 1]) for i in range(0, len(value), 2)}
    if kind == BOOLEAN:
        return value == "true"
    if kind == DOUBLE:
        return float(value)
    raise StoreError(f"a query returned a value of FalkorDB type {kind} (a node, edge, path or date); "
                     "relgraph's queries return properties and plain values")


def params_header(params: dict) -> str:
    """The `CYPHER name=value ...` prefix that passes parameters to FalkorDB."""
    from falkordb.helpers import stringify_param_value

    return f"CYPHER {' '.join(f'{k}={stringify_param_value(v)}' for k, v in params.items())} " if params else ""


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while millions of small acyclic objects are built.

    Reading 300,000 rows creates millions of lists and strings, and each batch
    of them sets off a full collection that walks everything built so far:
    with the collector paused, reading a 100,000-person account took half as long.
    The CLI runs every command so, and `bench/run.py` times its steps so.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

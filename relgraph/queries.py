"""The Cypher catalogue: every statement of relgraph, one `.cypher` file each, loaded by name.

A file starts with `//` header lines: a docstring, then `// mode: read`
(or `write`, or `schema`: the store runs a query only as what it declares),
`// params: a, b:int` (what the statement takes; `:int` tells the CLI to pass
an integer), `// returns: x, y` (its columns) and, for a read whose every column is a string, an
integer or null, `// values: scalar` (FalkorDB may then send its rows without a type tag on each value, and
does so a third faster). Folders are namespaces (`read/stakeholder`).
A dialect file `NAME.neo4j.cypher` or `NAME.falkordb.cypher` replaces the
portable `NAME.cypher` on that store; its header says why it exists.
Loading fails with `file:line` for a duplicate name or an undeclared or
unused parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from relgraph.errors import QueryError

__all__ = ["Query", "catalogue", "get", "read_queries"]

DIALECTS = ("neo4j", "falkordb")
MODES = ("read", "write", "schema")
PARAM_TYPES = {"str": str, "int": int}
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


@dataclass(frozen=True)
class Query:
    name: str
    doc: str
    mode: str  # one of MODES
    params: dict[str, type]
    returns: tuple[str, ...]
    text: str
    dialect_texts: dict[str, str] = field(default_factory=dict)
    scalar: bool = False  # every column a string, an integer or null (`// values: scalar`)

    def text_for(self, dialect: str) -> str:
        return self.dialect_texts.get(dialect, self.text)

    def statements_for(self, dialect: str) -> list[str]:
        """The statements of a multi-statement file (schema), split on `;` at line end."""
        parts = re.split(r";\s*$", self.text_for(dialect), flags=re.MULTILINE)
        return [p.strip() for p in parts if p.strip()]


@dataclass(frozen=True)
class _Parsed:
    doc: str
    mode: str
    params: dict[str, type]
    returns: tuple[str, ...]
    body: str
    scalar: bool = False


def _parse(path: str, source: str) -> _Parsed:
    doc_lines, mode, params, returns, scalar = [], None, None, (), False
    lines = source.splitlines()
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = number - 1
            break
        comment = stripped[2:].strip()
        if comment.startswith("mode:"):
            mode = comment[len("mode:"):].strip()
            if mode not in MODES:
                raise QueryError(f"{path}:{number}: mode {mode!r} is not one of {', '.join(MODES)}")
        elif comment.startswith("params:"):
            params = _parse_params(path, number, comment[len("params:"):])
        elif comment.startswith("returns:"):
            returns = tuple(c.strip() for c in comment[len("returns:"):].split(",") if c.strip())
        elif comment.startswith("values:"):
            if comment[len("values:"):].strip() != "scalar":
                raise QueryError(f"{path}:{number}: '// values:' takes only 'scalar' (every column a string, "
                                 "an integer or null)")
            scalar = True
        else:
            doc_lines.append(comment)
    if mode is None:
        raise QueryError(f"{path}:1: the header has no '// mode:' line ({', '.join(MODES)})")
    if params is None:
        raise QueryError(f"{path}:1: the header has no '// params:' line")
    body = "\n".join(lines[body_start:]).strip()
    if not body:
        raise QueryError(f"{path}:1: the file holds no statement")
    _check_params(path, body_start, body, params)
    if scalar and mode != "read":
        raise QueryError(f"{path}:1: '// values: scalar' is for reads; this one is '// mode: {mode}'")
    return _Parsed(" ".join(d for d in doc_lines if d), mode, params, returns, body, scalar)


def _parse_params(path: str, number: int, spec: str) -> dict[str, type]:
    params: dict[str, type] = {}
    for item in (i.strip() for i in spec.split(",")):
        if not item:
            continue
        name, _, type_name = item.partition(":")
        type_name = type_name.strip() or "str"
        if type_name not in PARAM_TYPES:
            raise QueryError(f"{path}:{number}: parameter {name!r} has unknown type {type_name!r}")
        if name.strip() in params:
            raise QueryError(f"{path}:{number}: parameter {name!r} is declared twice")
        params[name.strip()] = PARAM_TYPES[type_name]
    return params


def _check_params(path: str, body_start: int, body: str, params: dict[str, type]) -> None:
    used: dict[str, int] = {}
    for offset, line in enumerate(body.splitlines()):
        for name in _PARAM_USE.findall(_STRING_LITERAL.sub("''", line)):
            used.setdefault(name, body_start + offset + 1)
    for name, number in used.items():
        if name not in params:
            raise QueryError(f"{path}:{number}: ${name} is used but not declared in '// params:'")
    for name in params:
        if name not in used:
            raise QueryError(f"{path}:1: parameter {name!r} is declared but never used")


@cache
def catalogue() -> dict[str, Query]:
    """Every query shipped in `relgraph.cypher`, keyed `folder/name`."""
    root = resources.files("relgraph.cypher")
    portable: dict[str, tuple[str, _Parsed]] = {}
    dialect: dict[str, dict[str, str]] = {}
    for folder in sorted((f for f in root.iterdir() if f.is_dir()), key=lambda f: f.name):
        for entry in sorted(folder.iterdir(), key=lambda f: f.name):
            if not entry.name.endswith(".cypher"):
                continue
            path = f"cypher/{folder.name}/{entry.name}"
            stem, _, kind = entry.name[: -len(".cypher")].partition(".")
            name = f"{folder.name}/{stem}"
            parsed = _parse(path, entry.read_text(encoding="utf-8"))
            if kind:
                if kind not in DIALECTS:
                    raise QueryError(f"{path}:1: unknown dialect {kind!r}; use one of {', '.join(DIALECTS)}")
                dialect.setdefault(name, {})[kind] = parsed.body
            elif name in portable:
                raise QueryError(f"{path}:1: duplicate query name {name!r} (also {portable[name][0]})")
            else:
                portable[name] = (path, parsed)
    for name in dialect.keys() - portable.keys():
        raise QueryError(f"cypher/{name}: a dialect file needs the portable {name}.cypher beside it")
    return {
        name: Query(name, p.doc, p.mode, p.params, p.returns, p.body, dialect.get(name, {}), p.scalar)
        for name, (_, p) in portable.items()
    }


def get(name: str, mode: str | None = None) -> Query:
    """The query of that name; with `mode`, it must be declared so (a store reads only reads, writes only writes)."""
    try:
        query = catalogue()[name]
    except KeyError:
        raise QueryError(f"no query named {name!r}; `relgraph query --list` shows them") from None
    if mode is not None and query.mode != mode:
        raise QueryError(f"query {name} is declared '// mode: {query.mode}' and cannot be run as a {mode}")
    return query


def read_queries() -> dict[str, Query]:
    """The queries a user may run with `relgraph query`: those in `cypher/read/`, by short name."""
    return {n.split("/", 1)[1]: q for n, q in catalogue().items() if n.startswith("read/")}

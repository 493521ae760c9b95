"""A recording fake store: canned rows by query name, every read and write recorded, the catalogue's contract kept.

In the spirit of the graph-data-science client's collecting query runner: the row-to-model mapping, the write
plan and forget are tested with it without a server. It refuses what the real stores refuse: an unknown query,
a query run as what it is not declared (`// mode:`), and parameters other than those the query declares.
"""

from __future__ import annotations

import copy

from relgraph.queries import get


class RecordingStore:
    dialect = "falkordb"

    def __init__(self, rows: dict[str, list[dict]] | None = None):
        self.rows = rows or {}  # query name -> the rows it answers (unlisted queries answer none)
        self.reads: list[list[tuple[str, dict]]] = []  # one entry per read_many: one state of the store
        self.writes: list[list[tuple[str, dict]]] = []  # one entry per all-or-nothing write

    def read(self, name: str, params: dict | None = None) -> list[dict]:
        return self.read_many([(name, params)])[0]

    def read_many(self, queries: list[tuple[str, dict | None]]) -> list[list[dict]]:
        checked = [(name, self._checked(name, "read", params)) for name, params in queries]
        self.reads.append(checked)
        return [copy.deepcopy(self.rows.get(name, [])) for name, _ in checked]

    def write(self, statements, on_done=None) -> None:
        checked = [(name, self._checked(name, "write", params)) for name, params in statements]
        self.writes.append(checked)
        for _ in checked:
            if on_done:
                on_done()

    def update(self, decide):
        statements, on_done, result = decide(self)
        if statements:
            self.write(statements, on_done)
        return result

    @staticmethod
    def _checked(name: str, mode: str, params: dict | None) -> dict:
        query = get(name, mode)
        params = dict(params or {})
        assert set(params) == set(query.params), f"{name} takes {sorted(query.params)}, was given {sorted(params)}"
        return params

    def status(self) -> dict:
        return {"store": "fake"}

    def stop(self) -> bool:
        return False

    def close(self) -> None:
        pass

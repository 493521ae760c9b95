"""Small builders for the docstring examples and tests: a Person with sensible defaults."""

from __future__ import annotations

from relgraph.analysis.account import Person

__all__ = ["person"]


def person(pid: str, **fields) -> Person:
    """A person named after their id, unknown to us unless told otherwise."""
    defaults = dict(name=pid.title(), title=None, layer=None, roles=(), influence=None, department_id=None,
                    department=None, department_function=None, manager_id=None, last_contact=None, owners=(),
                    our_stance="unknown", our_level=None, competitor_stances={})
    return Person(id=pid, **{**defaults, **fields})

"""The bundled demo accounts, in the canonical account-folder format."""

from __future__ import annotations

from importlib import resources

from relgraph.loading import LoadResult, load_path
from relgraph.store import Store

__all__ = ["DEMO_ACCOUNTS", "load_demo"]

DEMO_ACCOUNTS = ("bureau", "northwind-health")


def load_demo(store: Store) -> list[LoadResult]:
    """Load every demo account folder into the store."""
    results = []
    for name in DEMO_ACCOUNTS:
        with resources.as_file(resources.files(__name__) / name) as folder:
            results.append(load_path(store, folder))
    return results

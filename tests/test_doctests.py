"""The examples in docstrings are run, so that they stay true."""

import doctest
import importlib
import pkgutil

import pytest

import relgraph

# loaders/ and viz/ install as relgraph.loaders and relgraph.viz, from folders of their own: walk each package.
PACKAGES = [relgraph, importlib.import_module("relgraph.loaders"), importlib.import_module("relgraph.viz")]
MODULES = sorted({name for package in PACKAGES
                  for _, name, _ in pkgutil.walk_packages(package.__path__, package.__name__ + ".")}
                 - {"relgraph.__main__"})  # importing it runs the CLI


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0


def test_the_modules_with_examples_are_found():
    assert {"relgraph.loaders.mapping", "relgraph.loaders.names", "relgraph.export", "relgraph.viz.style"} <= set(MODULES)

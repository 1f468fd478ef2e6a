"""The typing users see (tests10): what a type checker reads of the lazy packages' names."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
from pathlib import Path

import pytest

import lstmkit
import lstmkit.text


def _shadowed(package: object) -> list[str]:
    """``module.name`` of each ``from module import name`` in ``package``'s ``if TYPE_CHECKING:``
    block where ``module`` is another package holding a submodule ``name``: mypy reads the
    submodule there, not the attribute of that name it serves at run time."""
    tree = ast.parse(Path(inspect.getfile(package)).read_text(encoding="utf-8"))
    (block,) = [
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    ]
    found = []
    for node in block.body:
        assert isinstance(node, ast.ImportFrom)
        module = node.module or ""
        if module == package.__name__ or not hasattr(importlib.import_module(module), "__path__"):
            continue  # the package's own submodules (`from lstmkit import nn as nn`); a module
        found += [
            f"{module}.{alias.name}"
            for alias in node.names
            if importlib.util.find_spec(f"{module}.{alias.name}") is not None
        ]
    return found


@pytest.mark.parametrize("package", [lstmkit, lstmkit.text], ids=lambda p: p.__name__)
def test_the_lazy_names_are_read_by_a_checker_as_the_functions_they_are(package) -> None:
    """`lstmkit.summary(model)` and `lstmkit.trace(model)` (the README's own lines) failed mypy
    with "Module not callable", and `from lstmkit import lrp` was a module to it: lstmkit
    declared them `from lstmkit.nn import summary, trace` and `from lstmkit.explain import lrp`,
    packages that hold a submodule of each name, which mypy read in the function's place. They
    come from the modules that define them now (by hand: `mypy --ignore-missing-imports -c
    'import lstmkit; reveal_type(lstmkit.summary)'` says a function, not types.ModuleType)."""
    assert _shadowed(package) == []

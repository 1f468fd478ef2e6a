"""The annotations a type checker (mypy, pyright, an editor) reads as the package's truth.

lstmkit ships ``py.typed``, so a user's checker takes these annotations as they are; the suite runs
no checker, and these tests hold the annotations themselves: what is declared for the checker (in
``if TYPE_CHECKING:`` blocks, invisible at run time) is read from the source.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest

import lstmkit
import lstmkit.text


def _type_checking_imports(module: object) -> dict[str, tuple[str, str]]:
    """``bound name -> (module, name)`` of the imports under the module's ``if TYPE_CHECKING:``;
    a re-export (``from m import x as x``) is bound, a plain ``from m import x`` is marked
    ``"(not re-exported)"`` for a package's submodule, which a checker then calls private."""
    tree = ast.parse(Path(inspect.getfile(module)).read_text("utf-8"))
    bound: dict[str, tuple[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                for alias in imp.names:
                    bound[alias.asname or alias.name] = (imp.module or "", alias.name)
                    if alias.asname is None and imp.module == module.__name__:
                        bound[alias.name] = ("(not re-exported)", alias.name)
    return bound


def _literal_all(module: object) -> list[str]:
    tree = ast.parse(Path(inspect.getfile(module)).read_text("utf-8"))
    (node,) = [
        n
        for n in tree.body
        if isinstance(n, ast.Assign) and [ast.unparse(t) for t in n.targets] == ["__all__"]
    ]
    # a checker cannot evaluate ``[*_LAZY]``: it must be a list of strings as written
    assert isinstance(node.value, ast.List), ast.unparse(node.value)
    return [ast.literal_eval(e) for e in node.value.elts]


@pytest.mark.parametrize("package", [lstmkit, lstmkit.text], ids=lambda p: p.__name__)
def test_lazy_packages_declare_every_name_for_type_checkers(package):
    # `from lstmkit import LSTM` typed as Any (the module's __getattr__ returns Any), and under
    # mypy --strict was refused: "Module "lstmkit" does not explicitly export attribute "LSTM""
    lazy, submodules = package._LAZY, package._SUBMODULES
    assert sorted(_literal_all(package)) == sorted(
        [*lazy, "__version__"] if package is lstmkit else lazy
    )
    declared = _type_checking_imports(package)
    for name in lazy:
        module, attr = declared[name]
        assert getattr(importlib.import_module(module), attr) is getattr(package, name), name
    # ``lstmkit.nn.LSTM`` after ``import lstmkit``: each submodule re-exported by name
    re_exported = {s: declared.get(s) for s in submodules}
    assert re_exported == {s: (package.__name__, s) for s in submodules}


def test_text_configs_are_re_exported_from_their_old_modules():
    # `from lstmkit.text.sentiment import SentimentConfig` (benchmarks/sst.py) was refused under
    # mypy --strict and pyright: "not exported from module lstmkit.text.sentiment"
    for module, name in [
        ("sentiment", "SentimentConfig"),
        ("charlm", "CharLMConfig"),
        ("seq2seq", "Seq2SeqConfig"),
    ]:
        path = Path(inspect.getfile(importlib.import_module(f"lstmkit.text.{module}")))
        (imp,) = [
            n
            for n in ast.parse(path.read_text("utf-8")).body
            if isinstance(n, ast.ImportFrom) and n.module == "lstmkit.text._configs"
        ]
        assert [(a.name, a.asname) for a in imp.names] == [(name, name)], module

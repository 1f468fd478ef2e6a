"""Fixes found reviewing the lazy ``plot_lags`` of ``lstmkit.explain.render`` as a user."""

from __future__ import annotations

import ast
import inspect
import pydoc
import re
from pathlib import Path

from lstmkit.explain import _lag_plot, _token_plot, render


def test_star_import_and_help_of_render_still_list_plot_lags() -> None:
    # once plot_lags moved to _lag_plot, `from lstmkit.explain.render import *` left it out
    # (NameError) and help(render) no longer listed it
    namespace: dict[str, object] = {}
    exec("from lstmkit.explain.render import *", namespace)
    assert sorted(n for n in namespace if n != "__builtins__") == [
        "colour",
        "padded",
        "plot_lags",
        "plot_sentences",
        "printable",
        "terminal_legend",
        "to_html",
        "to_terminal",
        "top_contributions",
    ]
    assert namespace["plot_lags"] is _lag_plot.plot_lags
    assert namespace["plot_sentences"] is _token_plot.plot_sentences  # png34's, loaded alike
    doc = pydoc.render_doc(render, renderer=pydoc.plaintext)
    # its signature, as pydoc writes one (on one line, or wrapped from Python 3.13)
    assert re.search(r"^ +plot_lags\(\s*window: ", doc, re.MULTILINE), doc
    assert re.search(r"^ +plot_sentences\(\s*sentences: ", doc, re.MULTILINE), doc


def test_plot_lags_is_declared_to_type_checkers() -> None:
    # mypy read `from lstmkit.explain.render import plot_lags` through the module's __getattr__:
    # revealed type "Any", so a wrong call or `fig.nonexistent` went unflagged
    tree = ast.parse(Path(inspect.getfile(render)).read_text("utf-8"))
    declared = [
        (imp.module, alias.name, alias.asname)
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for imp in node.body
        if isinstance(imp, ast.ImportFrom)
        for alias in imp.names
    ]
    assert ("lstmkit.explain._lag_plot", "plot_lags", "plot_lags") in declared

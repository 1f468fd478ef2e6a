"""What a review of the packaging change checked: what the build reads stays readable."""

from __future__ import annotations

import ast
from pathlib import Path

import lstmkit

ROOT = Path(__file__).resolve().parents[1]


def test_the_version_is_a_literal_the_build_reads_without_importing_lstmkit() -> None:
    """setuptools' ``attr = "lstmkit.__version__"`` reads the assignment from the source when it
    is a plain string; computed (say from importlib.metadata), the build would import lstmkit in
    an environment without its dependencies, or read the version it is about to write."""
    tree = ast.parse((ROOT / "src" / "lstmkit" / "__init__.py").read_text("utf-8"))
    values = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and [getattr(t, "id", None) for t in node.targets] == ["__version__"]
    ]
    assert [ast.literal_eval(v) for v in values] == [lstmkit.__version__]
    assert isinstance(lstmkit.__version__, str)

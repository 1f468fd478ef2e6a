"""benchmarks/explain_file.py: its ratios of this tree's medians to the baseline's."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_explain_file_ratios_of_medians_to_the_baseline() -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_explain_file", BENCHMARKS / "explain_file.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(BENCHMARKS))  # its `from startup import summarize`, as python runs it
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    this = {module.ANCHOR: [1.0, 3.0, 2.0], "explain --file --json": [4.0, 9.0, 3.0]}
    base = {module.ANCHOR: [2.0, 2.0, 5.0], "explain --file --json": [5.0, 6.0, 8.0]}
    assert module.ratio_to(this, base) == pytest.approx(
        {module.ANCHOR: 1.0, "explain --file --json": 4.0 / 6.0}
    )
    assert list(module.CASES) == [
        "text predict --json",
        "explain --file --json",
        "text predict --explain --json",
    ]

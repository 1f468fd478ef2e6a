"""benchmarks/explain_file.py: its ratios of this tree's medians to the baseline's."""

from __future__ import annotations

import pytest


def test_explain_file_ratios_of_medians_to_the_baseline(bench_script) -> None:
    module = bench_script("explain_file")
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

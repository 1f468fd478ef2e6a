"""The benchmarks' count flags (days, origins, jobs, repetitions), refused below 1 before any work.

Imported by the scripts beside it, as ``python benchmarks/NAME.py`` puts this folder on the path.
"""

from __future__ import annotations

import argparse


def count_problems(args: argparse.Namespace, names: tuple[str, ...]) -> list[str]:
    """Each of the ``names`` flags that is not a positive integer, said as lstmkit's flags say it
    (``--origins must be a positive integer, got 0.``); a flag of several values (``nargs="+"``)
    is refused whole when one of them is below 1 (``--jobs must be positive integers, got
    [2, 0].``)."""
    problems = []
    for name in names:
        value = getattr(args, name)
        flag = f"--{name.replace('_', '-')}"
        if isinstance(value, list):
            if any(v < 1 for v in value):
                problems.append(f"{flag} must be positive integers, got {value}.")
        elif value < 1:
            problems.append(f"{flag} must be a positive integer, got {value}.")
    return problems

"""The benchmarks' count flags (days, origins, jobs, repetitions), refused below 1 before any work,
their seed flags, refused outside lstmkit's seeds' range before any work too, their
``--strategies`` flag, whose words are refused at once, their ``--json PATH``, refused
before the run where it cannot be written, and their mean ± std over the seeds, which says the
std's ddof.

Imported by the scripts beside it, as ``python benchmarks/NAME.py`` puts this folder on the path.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from lstmkit._checks import MAX_SEED, typed_path
from lstmkit._forecast_config import CHOICES


def count_problems(
    args: argparse.Namespace, names: tuple[str, ...], words: tuple[str, ...] = ()
) -> list[str]:
    """Each of the ``names`` flags that is not a positive integer, said as lstmkit's flags say it
    (``--origins must be a positive integer, got 0.``); a flag of several values (``nargs="+"``)
    is refused whole when one of them is below 1 (``--jobs must be positive integers, got
    [2, 0].``). ``words``: the words such a flag takes too, read by :func:`count_or_word`
    (``--caps must be positive integers or 'auto', got [0, 'abc'].``)."""
    problems = []
    either = "".join(f" or {word!r}" for word in words)
    for name in names:
        value = getattr(args, name)
        flag = f"--{name.replace('_', '-')}"
        if isinstance(value, list):
            if not all(_counts(v, words) for v in value):
                problems.append(f"{flag} must be positive integers{either}, got {value}.")
        elif not _counts(value, words):
            problems.append(f"{flag} must be a positive integer{either}, got {value}.")
    return problems


def _counts(value: int | str, words: tuple[str, ...]) -> bool:
    """Whether ``value`` is a positive integer or one of the ``words``."""
    return value in words if isinstance(value, str) else value >= 1


def count_or_word(text: str) -> int | str:
    """argparse type of a count flag that takes a word too (``--caps 1024 auto``): the integer
    written, else the word as it came, for :func:`count_problems` to refuse with the other flags
    at once (``abc``, ``1.5``) or take (``auto``); ``type=int`` stopped at ``abc`` alone, and a
    word read later ended in a traceback."""
    try:
        return int(text)
    except ValueError:
        return text


def seed_problems(args: argparse.Namespace, names: tuple[str, ...]) -> list[str]:
    """Each of the ``names`` seed flags that is not in ``[0, MAX_SEED]``, said as lstmkit's
    ``--seed`` says it (``--seed must be an integer in [0, 9223372036854775807], got -1.``); a
    flag of several values (``--seeds 0 -1``) is refused whole (``--seeds must be integers in
    [0, 9223372036854775807], got [0, -1].``). A negative seed was refused only once its run was
    reached, after the runs before it."""
    problems = []
    for name in names:
        value = getattr(args, name)
        flag = f"--{name.replace('_', '-')}"
        if isinstance(value, list):
            if not all(0 <= v <= MAX_SEED for v in value):
                problems.append(f"{flag} must be integers in [0, {MAX_SEED}], got {value}.")
        elif not 0 <= value <= MAX_SEED:
            problems.append(f"{flag} must be an integer in [0, {MAX_SEED}], got {value}.")
    return problems


def add_strategies(parser: argparse.ArgumentParser, default: list[str]) -> None:
    """``--strategies`` of ``parser``: the forecasting strategies to time (``default`` where none
    are given), lstmkit's own words, refused at once by argparse; a misspelt one was
    ForecasterConfig's traceback after the ones before it had trained."""
    parser.add_argument(
        "--strategies",
        nargs="+",
        default=default,
        choices=CHOICES["strategy"],
        metavar="STRATEGY",
        help="strategies to time",
    )


def json_path_problem(path: Path) -> str | None:
    """Why ``--json PATH`` cannot be written, or None: checked before the minutes of work (it
    failed in ``open`` after them)."""
    if path.is_dir():
        return f"--json must be a file's path, got the folder {typed_path(path)}."
    if not path.parent.is_dir():
        return f"--json {typed_path(path)}: its folder {typed_path(path.parent)} does not exist."
    return None


def mean_std(values: Sequence[float], digits: int = 3) -> str:
    """``values``' mean ± numpy's std over the seeds, the ddof said (``"1.096 ± 0.012 (std over
    2 seeds, ddof=0)"``), as forecast_accuracy's headings say it: a reader takes a bare ± for
    the sample std, 1.41 times it with 2 seeds; one seed's figure has no std, and none is
    printed (it was "± 0.000")."""
    mean = f"{float(np.mean(values)):.{digits}f}"
    if len(values) == 1:
        return f"{mean} (one seed)"
    return f"{mean} ± {float(np.std(values)):.{digits}f} (std over {len(values)} seeds, ddof=0)"

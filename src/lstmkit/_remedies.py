"""Remedies in error messages said as the caller acts on them: Python arguments, or flags."""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path, PurePath

# The command the command line runs (lstmkit.cli: "forecast", "predict", ...), None for a Python
# caller: its user acts on flags, so a remedy the library gives as a Python argument with the
# flag beside it ("pass thousands=',' (CLI: --thousands ',')") is said with the flag alone (see
# :func:`remedy`), and one flag only of the command that has it (``--series-col``: forecast).
cli_command: ContextVar[str | None] = ContextVar("lstmkit_cli_command", default=None)

# Whether the command line was given --sep: a refusal of --decimal ',' beside the separator
# says "(',' is --sep's default)" only where it is the default (lstmkit.data._split_decimals).
sep_given: ContextVar[bool] = ContextVar("lstmkit_sep_given", default=False)

# What `lstmkit predict` and `explain` took from the run that saved the model to read --csv as
# it did, where the user gave neither (lstmkit.cli._forecast_run._read_as_the_run): "where",
# its rows as flags ("--where store=B"), and "date_format". A refusal of those rows or dates
# says so where it is written (:func:`rows_named`, :func:`dates_expected`), not by matching its
# text afterwards, which a rewording of the message would silently defeat.
runs_reading: ContextVar[dict[str, str] | None] = ContextVar("lstmkit_runs_reading", default=None)

# Whether `lstmkit predict` or `explain` reads the columns known in advance by the saved model's
# names, no --future-cols given: a refusal of them names them so (:func:`plan_named`), not by a
# flag the user did not give ("Values known in advance (--future-cols) end early").
plan_by_name: ContextVar[bool] = ContextVar("lstmkit_plan_by_name", default=False)


@contextlib.contextmanager
def plan_read_by_name(by_name: bool) -> Iterator[None]:
    """Within it, :func:`plan_named` names the plan as read by the model's names, if
    ``by_name``."""
    token = plan_by_name.set(by_name)
    try:
        yield
    finally:
        plan_by_name.reset(token)


def plan_named(columns: Sequence[str] = ()) -> str:
    """How the command line names the columns known in advance (the plan): ``--future-cols``,
    or the model's future covariates where :data:`plan_by_name` is set; with their
    ``columns`` if given (``--future-cols promo``, ``the model's future covariates promo (read
    by name)``). The one wording of the plan in the refusals and notes of it."""
    if not columns:
        by_name = "the model's future covariates, read by name"
        return by_name if plan_by_name.get() else "--future-cols"
    if plan_by_name.get():
        return f"the model's future covariates {', '.join(columns)} (read by name)"
    return f"--future-cols {' '.join(columns)}"


def said_to_caller(python: str, cli: str) -> str:
    """``python``, a remedy as a Python caller takes it, or ``cli`` on the command line."""
    return python if cli_command.get() is None else cli


def remedy(arguments: str, flags: str) -> str:
    """Python ``arguments`` with the ``flags`` that give them on the command line beside them
    (``"thousands=',' (CLI: --thousands ',')"``), or the flags alone on the command line."""
    return said_to_caller(f"{arguments} (CLI: {flags})", flags)


def each_series() -> bool:
    """Whether the command running reads every series of a long-format file (``lstmkit forecast
    --series-col``)."""
    return cli_command.get() == "forecast"


def rows_named() -> str:
    """How a refusal of the rows of ``where`` names the argument: ``(`where`)`` (a flag on the
    command line), or the rows the command line took from the run, said to be the run's."""
    flags = (runs_reading.get() or {}).get("where")
    if flags is None:
        return "(`where`)"
    return f"({flags}, taken from the run; pass --where to read other rows)"


def dates_expected(date_format: str) -> str:
    """How a refusal of dates that ``date_format`` does not read names it (``date_format='%Y'``,
    or on the command line ``--date-format '%Y'``), said to be the run's where the command line
    took it from the run."""
    said = said_to_caller(f"date_format={date_format!r}", f"--date-format '{date_format}'")
    if (runs_reading.get() or {}).get("date_format") == date_format:
        said += ", taken from the run (pass --date-format to read others)"
    return said


def meant_word(value: str, choices: Iterable[str]) -> str | None:
    """The one of ``choices`` that the word ``value`` is a slip of: the same word in another
    case or with spaces around it, else the likeliest at a likeness (difflib's ratio) of 0.6 or
    more, or ``None`` where none is, or two are as likely ('sst3' is as near 'sst2' as 'sst5':
    a guess would be a coin toss), or ``value`` has fewer than 3 characters and another first
    letter (two letters are too few to tell a slip from another word: ``--sep ab`` was asked
    "did you mean 'tab'?", at a likeness of 0.8; 'al' is still 'all'). The library's choices
    and the command line's share it (here, where the command line reads it without numpy).

    Example:
        >>> meant_word("Direct", ("direct", "recursive")), meant_word("sst3", ("sst2", "sst5"))
        ('direct', None)
        >>> meant_word("tabs", ["tab"]), meant_word("ab", ["tab"]), meant_word("al", ["all"])
        ('tab', None, 'all')
    """
    folded = {choice.casefold(): choice for choice in choices}
    key = value.strip().casefold()
    if key in folded:
        return folded[key]
    # two letters: a slip of a choice that starts as they do ('al' of 'all'), not 'ab' of 'tab'
    likeness = {
        c: difflib.SequenceMatcher(None, key, c).ratio()
        for c in folded
        if len(key) >= 3 or c[:1] == key[:1]
    }
    ranked = sorted(likeness.items(), key=lambda item: item[1], reverse=True)
    if not ranked or ranked[0][1] < 0.6 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return folded[ranked[0][0]]


def windows_separators(folder: PurePath) -> str:
    """Where a path written with Windows' ``\\`` (``runs\\shakespeare``, pasted from a lab
    sheet) names no folder on a system that separates them with ``/``, the folder that the
    same path with ``/`` names, when it exists; ``""`` otherwise. It was told "does not exist"
    alone, beside the very folder meant (by the text loaders, Forecaster.load and the
    commands alike)."""
    name = str(folder)
    if os.sep != "/" or "\\" not in name:
        return ""
    meant = Path(name.replace("\\", "/"))
    if not meant.is_dir():
        return ""
    return f"; on this system '/' separates folders, not '\\': {str(meant)!r} exists"

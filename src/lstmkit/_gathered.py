"""The sentence that a backtest's gathered warning ends with, and its reader, in one place:
:func:`lstmkit._checks.warn_gathered` writes it, the CLI reads it back to shorten a warning
printed already (``lstmkit forecast --backtest``). Here, with nothing but :mod:`re`, so that
the CLI reads it without importing numpy at start-up, and a change of its words changes both.
"""

from __future__ import annotations

import re


def warned_at(warned: int | str, origins: int | str, which: str = "") -> str:
    """The end of a warning that the fits at ``warned`` of a backtest's ``origins`` origins
    gave; ``which`` says whose words it shows where they differed (``", this at the first"``).

    Example:
        >>> warned_at(3, 5)
        " (Warned by the fits at 3 of the backtest's 5 origins; shown once.)"
    """
    return (
        f" (Warned by the fits at {warned} of the backtest's {origins} origins{which}; shown once.)"
    )


# the end as warned_at writes it, the same words at every origin (no `which`): its numbers
# read back as groups 1 and 2
_NUMBER = "\x00"
AT_ORIGINS = re.compile(re.escape(warned_at(_NUMBER, _NUMBER)).replace(_NUMBER, r"(\d+)"))


def warned_at_origins(text: str) -> re.Match[str] | None:
    """Where ``text`` ends a warning as :func:`warned_at` does (same words at every origin),
    the numbers of fits and origins its groups 1 and 2; else None.

    Example:
        >>> at = warned_at_origins("too few errors." + warned_at(3, 5) + " (Warned of 2 ...)")
        >>> at[1], at[2], at.start()
        ('3', '5', 15)
        >>> warned_at_origins("x" + warned_at(3, 5, ", this at the first")) is None
        True
    """
    return AT_ORIGINS.search(text)

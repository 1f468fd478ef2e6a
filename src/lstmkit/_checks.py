"""Small argument checks shared by the estimators."""

from __future__ import annotations

import numbers
from typing import Any


def as_int(value: Any) -> int | None:
    """``value`` as a Python ``int`` if it is an integer of any kind (``int``, ``np.int64``,
    ...) but not a bool; ``None`` otherwise."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    return None


def positive_int(value: Any, name: str) -> int:
    """``value`` as an ``int`` >= 1, or a ``ValueError`` naming ``name``."""
    out = as_int(value)
    if out is None or out < 1:
        raise ValueError(f"`{name}` must be a positive integer, got {value!r}.")
    return out


def percent_hint(value: Any) -> str:
    """`` (a fraction: 0.95 for 95 %)`` for a coverage given in percent (10 <= value < 100, as
    statsforecast's ``level=[80, 95]``), else ``""``: the end of a "must be in (0, 1)" message."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and 10 <= value < 100:
        return f" (a fraction: {value / 100:g} for {value:g} %)"
    return ""

"""The field checks the text workflows' config dataclasses share (one message format)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from lstmkit.train import progress_problems

MAX_SEED = 2**63 - 1
"""The largest seed torch's generators take (a signed 64-bit integer)."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def field_problems(
    config: object,
    positive_ints: Iterable[str] = (),
    fractions: Iterable[str] = (),
    positive: Iterable[str] = (),
    non_negative: Iterable[str] = (),
    seeds: int = 1,
) -> list[str]:
    """One message per field of ``config`` that is out of range.

    Also checks ``progress`` (True, False or None) and ``seed`` (an int with ``seed + seeds - 1``
    at most ``2**63 - 1``, torch's limit), so call it once per config.

    Args:
        config: the dataclass instance.
        positive_ints: fields that must be ints >= 1.
        fractions: fields that must lie in ``[0, 1)``.
        positive: fields that must be finite numbers > 0 (NaN and infinity are refused).
        non_negative: fields that must be finite numbers >= 0.
        seeds: how many consecutive seeds from ``seed`` the run uses (ensemble members).
    """
    problems = [p + "." for p in progress_problems(getattr(config, "progress", None))]
    for name in positive_ints:
        value = getattr(config, name)
        if not _is_int(value) or value < 1:
            problems.append(f"`{name}` must be a positive int, got {value!r}.")
    for name in fractions:
        value = getattr(config, name)
        if not (_is_number(value) and 0.0 <= value < 1.0):
            problems.append(f"`{name}` must be in [0, 1), got {value!r}.")
    for name in positive:
        value = getattr(config, name)
        if not (_is_number(value) and value > 0 and math.isfinite(value)):
            problems.append(f"`{name}` must be a finite number > 0, got {value!r}.")
    for name in non_negative:
        value = getattr(config, name)
        if not (_is_number(value) and value >= 0 and math.isfinite(value)):
            problems.append(f"`{name}` must be a finite number >= 0, got {value!r}.")
    seed = getattr(config, "seed", 0)
    top = MAX_SEED - max(seeds, 1) + 1
    if not _is_int(seed) or not 0 <= seed <= top:
        problems.append(f"`seed` must be an int in [0, {top}], got {seed!r}.")
    return problems

"""The field checks the text workflows' config dataclasses share (one message format)."""

from __future__ import annotations

from collections.abc import Iterable

from lstmkit.train import progress_problems


def field_problems(
    config: object,
    positive_ints: Iterable[str] = (),
    fractions: Iterable[str] = (),
    positive: Iterable[str] = (),
) -> list[str]:
    """One message per field of ``config`` that is out of range.

    Also checks ``progress`` (True, False or None), so call it once per config.

    Args:
        config: the dataclass instance.
        positive_ints: fields that must be ints >= 1.
        fractions: fields that must lie in ``[0, 1)``.
        positive: fields that must be > 0.
    """
    problems = [p + "." for p in progress_problems(getattr(config, "progress", None))]
    for name in positive_ints:
        value = getattr(config, name)
        if not isinstance(value, int) or value < 1:
            problems.append(f"`{name}` must be a positive int, got {value!r}.")
    for name in fractions:
        value = getattr(config, name)
        if not 0.0 <= value < 1.0:
            problems.append(f"`{name}` must be in [0, 1), got {value!r}.")
    for name in positive:
        value = getattr(config, name)
        if not value > 0:
            problems.append(f"`{name}` must be > 0, got {value!r}.")
    return problems

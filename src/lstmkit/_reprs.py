"""Short reprs for the objects a notebook shows as a cell's value: what a result holds, never
every value of it.

A dataclass's own repr dumped each field whole: a trainer's result printed its metrics' history
(one entry per check) and its model's module tree, an explanation every relevance tensor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sized
from typing import Any

_LONGEST = 60  # characters of a metric's value shown as it is; a longer one shows its size


def shape(value: object) -> str:
    """A tensor's or array's shape as ``[64, 30]``; ``None`` as ``None``.

    >>> import torch
    >>> shape(torch.zeros(2, 3)), shape(None)
    ('[2, 3]', 'None')
    """
    if value is None:
        return "None"
    return str(list(getattr(value, "shape", ())))


def count(items: Sized, noun: str) -> str:
    """How many ``items`` there are, with ``noun`` in the singular or plural.

    >>> count(["a"], "text"), count(range(6920), "text")
    ('1 text', '6,920 texts')
    """
    return f"{len(items):,} {noun}" + "s" * (len(items) != 1)


def module(model: object) -> str:
    """A model as its class and parameter count, not its module tree: ``TextClassifier (1,234
    parameters)``; a ``ClassifierEnsemble`` with its member count too, a lazy module with its
    parameters not yet initialized (they have no size until its first call) counted apart.

    >>> import torch
    >>> module(torch.nn.Linear(3, 2))
    'Linear (8 parameters)'
    """
    from torch.nn.parameter import is_lazy

    parameters = getattr(model, "parameters", None)
    weights = list(parameters()) if callable(parameters) else []
    total = sum(p.numel() for p in weights if not is_lazy(p))
    lazy = sum(map(is_lazy, weights))
    later = f", {lazy:,} not yet initialized" if lazy else ""
    members = getattr(model, "members", None)
    size = len(members) if _sized(members) else None
    of = f"{size} member{'s' * (size != 1)}, " if size is not None else ""
    return f"{type(model).__name__} ({of}{total:,} parameters{later})"


def _sized(value: object) -> bool:
    """Whether ``len(value)`` gives a size: a 0-d tensor or array has ``__len__`` and raises."""
    try:
        len(value)  # type: ignore[arg-type]
    except TypeError:
        return False
    return True


def metrics(values: Mapping[str, Any]) -> str:
    """A metrics dict as its repr, each value longer than 60 characters (a history of every
    check, a confusion matrix) shown by its size instead.

    >>> print(metrics({"loss": 0.5, "history": list(range(100))}))
    {'loss': 0.5, 'history': <list of 100>}
    """
    parts = []
    for key, value in values.items():
        text = repr(value)
        if len(text) > _LONGEST:
            size = f" of {len(value)}" if _sized(value) else ""
            text = f"<{type(value).__name__}{size}>"
        parts.append(f"{key!r}: {text}")
    return "{" + ", ".join(parts) + "}"


def fields(result: Any) -> str:
    """A dataclass as its own repr writes it, its model (a ``torch.nn.Module``) shown by
    :func:`module` and its ``metrics`` by :func:`metrics`: a trainer's result, a predictor.

    >>> import dataclasses, torch
    >>> @dataclasses.dataclass
    ... class Result:
    ...     model: torch.nn.Module
    ...     metrics: dict
    >>> print(fields(Result(torch.nn.Linear(3, 2), {"history": [(1, 0.5)] * 50})))
    Result(model=Linear (8 parameters), metrics={'history': <list of 50>})
    """
    import dataclasses

    import torch

    parts = []
    for field in dataclasses.fields(result):
        value = getattr(result, field.name)
        if isinstance(value, torch.nn.Module):
            text = module(value)
        elif field.name == "metrics" and isinstance(value, Mapping):
            text = metrics(value)
        else:
            text = repr(value)
        parts.append(f"{field.name}={text}")
    return f"{type(result).__name__}({', '.join(parts)})"

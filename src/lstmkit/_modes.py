"""Running models in eval mode for a while, whatever modes the caller left them in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from torch import nn


@contextmanager
def evaluating(*models: nn.Module) -> Iterator[None]:
    """Runs the block with ``models`` in eval mode (no dropout, frozen batch-norm statistics),
    then gives every submodule its own mode back (``model.train(was)`` alone would put a
    submodule the caller froze in eval mode into the model's mode), also when the block raises."""
    modes = [(m, m.training) for model in models for m in model.modules()]
    for model in models:
        model.eval()
    try:
        yield
    finally:
        for m, training in modes:
            m.training = training

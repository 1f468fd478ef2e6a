"""Running a text model in eval mode for inference, whatever mode the caller left it in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from torch import nn


@contextmanager
def evaluating(model: nn.Module) -> Iterator[None]:
    """Runs the block with ``model`` in eval mode (no dropout), then gives every submodule its
    own mode back (``model.train(was)`` alone would put a submodule the caller froze in eval
    mode into the model's mode), also when the block raises."""
    modes = [(m, m.training) for m in model.modules()]
    model.eval()
    try:
        yield
    finally:
        for m, training in modes:
            m.training = training

"""revexp29: review of exp29 (explanation leftovers).

- exp29's `io.config_read`, a helper of `lstmkit explain` alone, had a public name outside
  `io.__all__`.
- A model drawing from numpy's global generator, Python's `random` or a generator it holds in
  eval mode was refused (exp29) with F.dropout's example, "such as `F.dropout(x, p)` without
  `training=self.training` (use an `nn.Dropout` module)", by every method and by lrp's hint:
  the refusal now names the generator the model drew from.
"""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest
import torch
from torch import nn

import lstmkit.io
from lstmkit.explain import explain, lrp


def test_io_defines_no_public_name_outside_its_all() -> None:
    # was ['config_read']: exp29's hand-down of config.json, used by `lstmkit explain` alone
    public = [
        name
        for name, value in vars(lstmkit.io).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == lstmkit.io.__name__
    ]
    assert [name for name in public if name not in lstmkit.io.__all__] == []
    assert hasattr(lstmkit.io, "_config_read")


# ---- a random model's refusal names the generator it drew from --------------------------------

CHANGES = (
    r"output changes from call to call on the same inputs \(max abs difference "
    r"\d\.\d+(e-\d+)? between two calls in eval mode\): something random is on in eval mode"
)
ONE_OUTPUT = "; an explanation needs one output for one input."


class Noisy(nn.Module):
    """A classifier that scales its final state by a draw of ``draws``; its head holds a
    generator."""

    def __init__(self, draws: str) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.head.rng = np.random.RandomState(0)
        self.draws = draws

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.rnn(x)[1][0][-1]
        noise = {
            "numpy": lambda: torch.from_numpy(np.random.rand(*h.shape)),
            "held": lambda: torch.from_numpy(self.head.rng.rand(*h.shape)),
            "torch": lambda: torch.rand(h.shape),
            "torch and numpy": lambda: torch.rand(h.shape) * np.random.rand(),
        }[self.draws]()
        return self.head(h * noise.to(h.dtype))


@pytest.mark.parametrize(
    ("draws", "what"),
    [
        (
            "numpy",
            ": it draws from numpy's global generator `np.random` (draw only `if self.training`)",
        ),
        ("held", ": it draws from its generator `self.head.rng` (draw only `if self.training`)"),
        # torch's own draw keeps F.dropout's example, the commonest cause
        (
            "torch",
            ", such as `F.dropout(x, p)` without `training=self.training` (use an `nn.Dropout` "
            "module)",
        ),
        (
            "torch and numpy",
            ", such as `F.dropout(x, p)` without `training=self.training` (use an `nn.Dropout` "
            "module)",
        ),
    ],
)
def test_a_random_models_refusal_names_the_generator_it_draws_from(draws: str, what: str) -> None:
    torch.manual_seed(0)
    x = torch.randn(2, 5, 3)
    # was F.dropout's example for all four, a model drawing from numpy or its own generator too
    with pytest.raises(RuntimeError) as err:
        explain(Noisy(draws), x, 0, method="sensitivity")
    assert re.fullmatch(
        "method 'sensitivity' cannot explain Noisy: its " + CHANGES + re.escape(what + ONE_OUTPUT),
        str(err.value),
    )
    # lrp's hint, after its output check, likewise
    with pytest.raises(RuntimeError) as err:
        lrp(Noisy(draws), x, 0)
    assert re.search(" Its " + CHANGES + re.escape(what + ONE_OUTPUT), str(err.value))

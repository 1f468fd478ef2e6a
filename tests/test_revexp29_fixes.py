"""revexp29: review of exp29 (explanation leftovers).

- exp29's `io.config_read`, a helper of `lstmkit explain` alone, had a public name outside
  `io.__all__`.
- A model drawing from numpy's global generator, Python's `random` or a generator it holds in
  eval mode was refused (exp29) with F.dropout's example, "such as `F.dropout(x, p)` without
  `training=self.training` (use an `nn.Dropout` module)", by every method and by lrp's hint:
  the refusal now names the generator the model drew from; one it holds as a `random.Random`
  was not read at all, and the model explained on one random draw without a word.
- A float64 target (tensor, or a float32 array) was refused by lrp and, since exp29, by
  `deletion_curve` with its dtype said twice: "got tensor([0., 1.], dtype=torch.float64)
  (dtype torch.float64)".
- `plot_lags` refused a None window, since exp29's 0-d check, as "got shape ()" (numpy reads
  None as a 0-d NaN; before, it drew one step of NaN), and a text window or relevance failed in
  numpy's words ("could not convert string to float: 'abc'").
"""

from __future__ import annotations

import dataclasses
import inspect
import random
import re
from collections.abc import Iterator

import numpy as np
import pytest
import torch
from torch import nn

import lstmkit.io
from lstmkit.explain import deletion_curve, explain, lrp
from lstmkit.explain.render import plot_lags
from lstmkit.text import TextClassifier


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


@pytest.fixture(autouse=True)
def _seeded() -> Iterator[None]:
    """Python's and numpy's global generators seeded, as each test seeds torch's, and restored
    after: unseeded, two of Python's draws close enough gave two outputs within rounding and no
    refusal (test_exp29_fixes failed about one run in nine)."""
    saved = random.getstate(), np.random.get_state()
    random.seed(0)
    np.random.seed(0)
    yield
    random.setstate(saved[0])
    np.random.set_state(saved[1])


class Noisy(nn.Module):
    """A classifier that scales its final state by a draw of ``draws``; its submodules hold
    generators."""

    def __init__(self, draws: str) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.head.rng = np.random.RandomState(0)
        self.rnn.rng = random.Random(0)
        self.rnn.system = random.SystemRandom()  # no state to read: not read (getstate raises)
        self.draws = draws

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.rnn(x)[1][0][-1]
        noise = {
            "numpy": lambda: torch.from_numpy(np.random.rand(*h.shape)),
            "held": lambda: torch.from_numpy(self.head.rng.rand(*h.shape)),
            "held random": lambda: torch.tensor(self.rnn.rng.random()),
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
        # a random.Random it holds was not read: explained on one random draw without a word
        (
            "held random",
            ": it draws from its generator `self.rnn.rng` (draw only `if self.training`)",
        ),
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


# ---- a float target's dtype said once -----------------------------------------------------------

TARGET = (
    "`target` must be an integer output index, one integer per sequence, or None (the arg-max), "
    "got "
)


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        (torch.tensor([0.0, 1.0], dtype=torch.float64), "tensor([0., 1.], dtype=torch.float64)"),
        (np.array([0.0, 1.0], dtype=np.float32), "array([0., 1.], dtype=float32)"),
        # where the repr does not name it (torch's and numpy's default dtypes), it is added
        (torch.tensor([0.0, 1.0]), "tensor([0., 1.]) (dtype torch.float32)"),
        (np.array([0.0, 1.0]), "array([0., 1.]) (dtype float64)"),
    ],
)
def test_a_float_targets_dtype_is_said_once(target: object, shown: str) -> None:
    torch.manual_seed(0)
    model = TextClassifier(vocab_size=20, embed_dim=4, hidden_size=3, num_classes=2).eval()
    x = torch.tensor([[1, 2, 3], [4, 5, 6]])
    # was "got tensor([0., 1.], dtype=torch.float64) (dtype torch.float64)"
    with pytest.raises(TypeError) as err:
        lrp(model, x, target)  # type: ignore[arg-type]
    assert str(err.value) == f"{TARGET}{shown}; non-integers are refused."
    if isinstance(target, torch.Tensor):  # an explanation's target, likewise
        ex = dataclasses.replace(explain(model, x, 0, method="gradxinput"), target=target)
        with pytest.raises(TypeError) as err:
            deletion_curve(model, x, ex, steps=1)
        assert str(err.value) == (
            "`explanation.target` must be an integer tensor of one output index per sequence "
            f"(2), as the explanation methods record it, got {shown}."
        )


# ---- plot_lags: a window or relevance of None or text refused by its type ------------------------

SERIES = "one series [L] (one value per step, e.g. one feature's `inputs[0, :, 0]`)"


@pytest.mark.parametrize(
    ("window", "relevance", "message"),
    [
        # was "`window` must be one series [L] (...), got shape ()."
        (None, [0.5], f"`window` must be {SERIES}, got None."),
        # was numpy's "could not convert string to float: 'abc'"
        ("abc", [1, 2, 3], f"`window` must be {SERIES}, got str 'abc'."),
        (b"ab", [1, 2], f"`window` must be {SERIES}, got bytes b'ab'."),
        # was "`relevance` must be [L] or [L, F] with L = len(window) = 3, got ()."
        ([1.0, 2.0, 3.0], None, "`relevance` must be [L] or [L, F] numbers, got None."),
        ([1.0, 2.0, 3.0], "123", "`relevance` must be [L] or [L, F] numbers, got str '123'."),
    ],
)
def test_plot_lags_refuses_none_or_text_by_its_type(
    window: object, relevance: object, message: str
) -> None:
    with pytest.raises(TypeError) as err:
        plot_lags(window, relevance)  # type: ignore[arg-type]
    assert str(err.value) == message

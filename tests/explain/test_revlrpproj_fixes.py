"""Review of LRP through projected LSTMs and the refusals pointing at the gradient methods: a hint
that promised a method which refuses the model, and checks of the projection that had no test."""

from __future__ import annotations

import re

import pytest
import torch
from torch import nn

from lstmkit.explain import explain, lrp

DT = torch.float64
_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 1]])
_SUPPORTED = "supported: lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU."


class _Encoder(nn.Module):
    """A module of one's own that embeds the tokens itself: Embedding → LSTM → LayerNorm."""

    def __init__(self) -> None:
        super().__init__()
        self.emb = nn.Embedding(20, 4)
        self.lstm = nn.LSTM(4, 3, batch_first=True)
        self.norm = nn.LayerNorm(3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.norm(self.lstm(self.emb(tokens))[1][0][-1])


class _Wrapped(nn.Module):
    def __init__(self, rnn: nn.Module) -> None:
        super().__init__()
        self.rnn = rnn
        self.head = nn.Linear(3, 2)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(inputs))


def test_a_module_that_embeds_its_tokens_itself_is_not_sent_to_the_gradient_methods() -> None:
    """The refusal said "The gradient methods explain it: `explain(model, inputs, target,
    method='gradxinput')`", which then refused the tokens: they embed through `embedding`."""
    model = _Wrapped(_Encoder()).to(DT)
    message = f"lrp does not support the module `rnn` (_Encoder); {_SUPPORTED}"
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)
    refused = "`inputs` must be a float tensor [B, T, F] for a model without an embedding, got "
    with pytest.raises(TypeError, match=re.escape(refused + "dtype torch.int64.") + "$"):
        explain(model, _TOKENS, 0, method="gradxinput")


class _Features(nn.Module):
    """The same on features: no embedding anywhere, which the gradient methods explain."""

    def __init__(self) -> None:
        super().__init__()
        self.lstm = nn.LSTM(4, 3, batch_first=True)
        self.norm = nn.LayerNorm(3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(self.lstm(x)[1][0][-1])


def test_a_module_of_ones_own_on_features_still_names_the_gradient_methods() -> None:
    torch.manual_seed(0)
    model = _Wrapped(_Features()).to(DT)
    x = torch.randn(2, 5, 4, dtype=DT)
    message = (
        f"lrp does not support the module `rnn` (_Features); {_SUPPORTED} The gradient methods "
        "explain it: `explain(model, inputs, target, method='gradxinput')` (or 'ig', "
        "'occlusion')."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, x, 0)
    for method in ("gradxinput", "ig", "occlusion"):  # as the message says
        assert explain(model, x, 0, method=method).relevance.shape == (2, 5)


class _Tagged(nn.Module):
    """An embedding as `embedding` and one for positions inside an unknown submodule."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.positions = nn.Sequential(nn.Embedding(5, 4))
        self.rnn = nn.LSTM(4, 3, batch_first=True)
        self.head = nn.Linear(3, 2)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        steps = torch.arange(tokens.shape[1])
        return self.head(self.rnn(self.embedding(tokens) + self.positions(steps))[1][0][-1])


def test_a_model_with_its_embedding_keeps_the_hint_beside_another_embedding() -> None:
    torch.manual_seed(0)
    model = _Tagged().to(DT)
    message = (
        "lrp does not support the submodule `positions` (Sequential) of _Tagged; supported: "
        "embedding, rnn, head, and dropout and identity layers, which do nothing in inference. "
        "The gradient methods explain it: `explain(model, inputs, target, method='gradxinput')` "
        "(or 'ig', 'occlusion')."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)
    assert float(explain(model, _TOKENS, 0, method="gradxinput").relevance.abs().min()) > 0


class _StepOut(nn.Module):
    """A projected LSTM whose head reads the output at step 1, not the final state."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 5, proj_size=2, batch_first=True)
        self.head = nn.Linear(2, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, 1])


def test_a_projected_lstm_read_at_one_step_is_told_the_step() -> None:
    """The readout hint tried the final cell states (H = 5 wide) on the head of P = 2 inputs."""
    torch.manual_seed(0)
    model = _StepOut().to(DT)
    message = (
        "Its output is the head on the output at step 1 (`out[:, 1]`), which depends on steps "
        "0..1 alone: `lrp(model, inputs[:, :2], ...)` explains it, as the final state there."
    )
    with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
        lrp(model, torch.randn(2, 4, 3, dtype=DT))


class _CellWithState(nn.Module):
    """An LSTMCell looped from a learned initial state: more than the cell computes."""

    def __init__(self) -> None:
        super().__init__()
        self.step = nn.LSTMCell(4, 3)
        self.h0 = nn.Parameter(torch.full((3,), 0.5))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.h0.expand(x.shape[0], 3)
        c = torch.zeros_like(h)
        for t in range(x.shape[1]):
            h, c = self.step(x[:, t], (h, c))
        return h


def test_a_module_with_a_cell_and_a_parameter_of_its_own_gets_no_cell_advice() -> None:
    """A one-layer LSTM from zero states would not compute what it does."""
    message = (
        f"lrp does not support the module `rnn` (_CellWithState); {_SUPPORTED} The gradient "
        "methods explain it: `explain(model, inputs, target, method='gradxinput')` (or 'ig', "
        "'occlusion')."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Wrapped(_CellWithState()).to(DT), torch.randn(1, 2, 4, dtype=DT))

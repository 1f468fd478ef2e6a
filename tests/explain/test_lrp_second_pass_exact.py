"""Second pass of hand mutation testing on ``lstmkit.explain.lrp``: whole messages of the
seq2seq argument checks and exact numbers where the earlier tests left room."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstmkit.explain import lrp, lrp_seq2seq
from lstmkit.forecast import ForecastNet
from lstmkit.text import TextClassifier


def _net(n_dec: int = 3) -> ForecastNet:
    torch.manual_seed(0)
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=n_dec)
    for p in net.parameters():
        nn.init.normal_(p, std=0.5)
    return net.double().eval()


def _x(batch: int = 1, steps: int = 4) -> torch.Tensor:
    return torch.linspace(-1, 1, batch * steps * 3, dtype=torch.float64).view(batch, steps, 3)


def test_every_problem_with_future_is_named_in_one_message() -> None:
    future = torch.zeros(2, 0, 2, dtype=torch.float64)
    with pytest.raises(ValueError) as err:
        lrp_seq2seq(_net(), _x(), future)
    assert str(err.value) == (
        "`future` must have one row per sequence of `inputs` (1), got 2; at least one step, "
        "got 0; 3 features per step (the decoder's input_size), got 2."
    )


def test_future_with_more_features_than_the_decoder_takes_is_refused_by_name() -> None:
    with pytest.raises(ValueError) as err:
        lrp_seq2seq(_net(), _x(), torch.zeros(1, 2, 4, dtype=torch.float64))
    assert str(err.value) == (
        "`future` must have 3 features per step (the decoder's input_size), got 4."
    )


def test_future_type_dtype_and_rank_messages() -> None:
    net, x = _net(), _x()
    with pytest.raises(TypeError) as err:
        lrp_seq2seq(net, x, [[[0.0, 0.0, 0.0]]])
    assert str(err.value) == "`future` must be a Tensor, got list."
    with pytest.raises(TypeError) as err:
        lrp_seq2seq(net, x, torch.zeros(1, 2, 3, dtype=torch.int64))
    assert str(err.value) == "`future` must be a float tensor [B, T', F'], got dtype torch.int64."
    with pytest.raises(ValueError) as err:
        lrp_seq2seq(net, x, torch.zeros(2, 3, dtype=torch.float64))
    assert str(err.value) == "`future` must have shape [B, T', F'] (batch first), got (2, 3)."


def test_a_head_with_two_outputs_per_step_is_refused_by_name() -> None:
    net = _net()
    net.head = nn.Linear(4, 2).double()
    with pytest.raises(TypeError) as err:
        lrp_seq2seq(net, _x(), torch.zeros(1, 2, 3, dtype=torch.float64))
    assert str(err.value) == "lrp_seq2seq needs a head with one output per step, got 2."


def _same(a, b) -> bool:
    return bool(torch.equal(a.relevance_per_feature, b.relevance_per_feature)) and bool(
        torch.equal(a.initial_state, b.initial_state)
    )


def test_lrp_defaults_are_eps_1e_3_bias_factor_0_and_the_equation() -> None:
    torch.manual_seed(0)
    model = TextClassifier(20, 4, 3, 2).double()
    tokens = torch.tensor([[3, 4, 5, 6]])
    default = lrp(model, tokens, 1)
    explicit = lrp(model, tokens, 1, eps=1e-3, bias_factor=0.0, convention="equation")
    assert _same(default, explicit)
    # each of the three is read: another value gives other numbers
    for other in ({"eps": 1e-2}, {"bias_factor": 1.0}, {"convention": "lrp_for_lstm"}):
        assert not _same(default, lrp(model, tokens, 1, **other)), other


def test_lrp_seq2seq_defaults_are_eps_1e_3_bias_factor_0_and_the_equation() -> None:
    net, x = _net(), _x()
    future = torch.linspace(-0.5, 0.5, 6, dtype=torch.float64).view(1, 2, 3)
    default = lrp_seq2seq(net, x, future, 1)
    explicit = lrp_seq2seq(net, x, future, 1, eps=1e-3, bias_factor=0.0, convention="equation")
    assert _same(default, explicit)
    assert torch.equal(default.decoder_relevance, explicit.decoder_relevance)
    for other in ({"eps": 1e-2}, {"bias_factor": 1.0}, {"convention": "lrp_for_lstm"}):
        assert not _same(default, lrp_seq2seq(net, x, future, 1, **other)), other


class _EmptyEnsemble(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.members = nn.ModuleList()

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return torch.zeros(tokens.shape[0], 2)


def test_an_ensemble_without_members_is_refused_by_name() -> None:
    with pytest.raises(TypeError) as err:
        lrp(_EmptyEnsemble(), torch.tensor([[1, 2]]))
    assert str(err.value) == "_EmptyEnsemble has no `members` to average over."

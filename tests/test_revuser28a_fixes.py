"""Review of user28a (a researcher's own torch.nn.LSTM explained with LRP).

A bidirectional model's head on all of ``h_n`` was told to read ``torch.cat([h_n[-2],
h_n[-1]], -1)``, which its head, built for one direction's width, then refused in torch's words;
a model random in eval mode, which lrp's check names, was explained by the other methods
without a word and told nothing by lrp_seq2seq's; lrp_seq2seq told a packed batch of
``lengths`` it does not take; ``plot_lags`` named a classifier's last step the forecast origin
and failed in numpy's words on the README's window on a GPU; "for B=1 sequences".
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from lstmkit.explain import explain, lrp_seq2seq
from lstmkit.explain.render import plot_lags


class OnAllFinalStates(nn.Module):
    """A head on all of h_n, built for one direction's width (else torch refuses the call)."""

    def __init__(self, proj_size: int = 0) -> None:
        super().__init__()
        self.rnn = nn.LSTM(
            3, 4, num_layers=2, bidirectional=True, batch_first=True, proj_size=proj_size
        )
        self.head = nn.Linear(proj_size or 4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0])  # [num_layers * 2, B, C]


@pytest.mark.parametrize(("proj_size", "width"), [(0, 8), (3, 6)])
def test_a_bidirectional_head_on_all_final_states_is_told_the_heads_width(
    proj_size: int, width: int
) -> None:
    torch.manual_seed(0)
    model = OnAllFinalStates(proj_size).double()  # float32 projections warn of oneDNN
    with pytest.raises(ValueError) as err:
        explain(model, torch.randn(3, 5, 3, dtype=torch.float64), 0, method="gradxinput")
    # was: "... give the head the last layer's, `torch.cat([h_n[-2], h_n[-1]], -1)`, rather
    # than `h_n`.", and the head of 4 (or 3) inputs then refused the 8 (6) in torch's words
    assert str(err.value) == (
        "the explained model must return scores of shape [B] or [B, C] (B = 3 sequences), got "
        "shape (4, 3, 2) from OnAllFinalStates. Its shape is that of the head on the final "
        "states h_n, [num_layers * directions, B, ...]: give the head the last layer's two "
        "directions, `torch.cat([h_n[-2], h_n[-1]], -1)`, rather than `h_n`, with a head of "
        f"{width} inputs."
    )


RANDOM = (
    r"output changes from call to call on the same inputs \(max abs difference "
    r"\d\.\d+(e-\d+)? between two calls in eval mode\): something random is on in eval mode, "
    r"such as `F\.dropout\(x, p\)` without `training=self\.training` \(use an `nn\.Dropout` "
    r"module\); an explanation needs one output for one input\."
)


class Seq2Seq(nn.Module):
    """An encoder-decoder of one's own, whose dropout may stay on in eval mode."""

    def __init__(self, dropout: float = 0.0) -> None:
        super().__init__()
        self.dropout = dropout
        self.encoder = nn.LSTM(3, 4, batch_first=True)
        self.decoder = nn.LSTM(2, 4, batch_first=True)
        self.head = nn.Linear(4, 1)

    def forward(self, x: torch.Tensor, future: torch.Tensor) -> torch.Tensor:
        out = self.decoder(future, self.encoder(x)[1])[0]
        return self.head(nn.functional.dropout(out, self.dropout)).squeeze(-1)


def test_lrp_seq2seq_tells_a_model_random_in_eval_mode_as_lrp_does() -> None:
    torch.manual_seed(0)
    x, future = torch.randn(2, 5, 3).double(), torch.randn(2, 3, 2).double()
    with pytest.raises(RuntimeError) as err:
        lrp_seq2seq(Seq2Seq(0.5).double(), x, future, 1)
    # was only "... the model computes something beyond encoder → decoder → head, which
    # lrp_seq2seq cannot explain."
    assert re.fullmatch(
        r"lrp_seq2seq's float64 recomputation of Seq2Seq differs from the model's output "
        r"\(max abs difference \d\.\d+(e-\d+)?\): the model computes something beyond encoder → "
        r"decoder → head, which lrp_seq2seq cannot explain\. Its " + RANDOM,
        str(err.value),
    ), str(err.value)


class Features(nn.Module):
    """A classifier on features whose `forward` may drop in eval mode, or draw and not use it."""

    def __init__(self, draws: str = "") -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.draws = draws
        self.calls = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        h = self.rnn(x)[1][0][-1]
        if self.draws == "dropout":
            h = nn.functional.dropout(h, 0.5)  # training=True by default: on in eval mode too
        elif self.draws == "unused":
            torch.rand(1)  # drawn, and the output the same
        return self.head(h)


METHODS = ["gradxinput", "sensitivity", "ig", "occlusion", "random"]


@pytest.mark.parametrize("method", METHODS)
def test_every_method_refuses_a_model_random_in_eval_mode(method: str) -> None:
    torch.manual_seed(0)
    with pytest.raises(RuntimeError) as err:
        explain(Features("dropout"), torch.randn(2, 5, 3), 0, method=method)
    # was: one random draw explained without a word
    assert re.fullmatch(
        rf"method '{method}' cannot explain Features: its " + RANDOM, str(err.value)
    ), str(err.value)


@pytest.mark.parametrize("method", METHODS)
def test_a_model_that_draws_nothing_is_not_called_again(method: str) -> None:
    torch.manual_seed(0)
    x, weights = torch.randn(2, 5, 3), Features().state_dict()
    calls = {}
    for draws in ("", "unused"):
        model = Features(draws)
        model.load_state_dict(weights)
        calls[draws] = (explain(model, x, 0, method=method).relevance, model.calls)
    # as many calls as before (the score's, ig's one batch of its path and its baseline's
    # score, occlusion's two of masks); one that draws and gives the same output is called
    # once more, explained the same
    assert calls[""][1] == {"ig": 3, "occlusion": 3}.get(method, 1)
    assert calls["unused"][1] == calls[""][1] + 1
    assert torch.equal(calls["unused"][0], calls[""][0])


def test_lrp_seq2seq_tells_a_packed_batch_what_to_pass_without_lengths() -> None:
    torch.manual_seed(0)
    x, future = torch.randn(2, 5, 3).double(), torch.randn(2, 3, 2).double()
    packed = pack_padded_sequence(x, torch.tensor([5, 5]), batch_first=True)
    with pytest.raises(TypeError) as err:
        lrp_seq2seq(Seq2Seq().double(), packed, future, 1)
    # was told to let the model's forward pack them, "it is called as `model(inputs,
    # lengths=lengths)`", which lrp_seq2seq neither takes nor does
    assert str(err.value) == (
        "`inputs` must be a Tensor, got PackedSequence: pass the padded batch, `inputs, _ = "
        "pad_packed_sequence(packed, batch_first=True)`, of sequences of one length "
        "(lrp_seq2seq takes no `lengths`: it reads every sequence to its last step)."
    )
    # the advice, followed, explains the batch
    inputs, _ = pad_packed_sequence(packed, batch_first=True)
    ex = lrp_seq2seq(Seq2Seq().double(), inputs, future, 1, bias_factor=1.0)
    assert ex.residual.abs().max() < 1e-12


def test_plot_lags_names_a_forecast_origin_only_for_a_forecast() -> None:
    from lstmkit.explain.forecast import ForecastExplanation

    window, rel = np.arange(4.0), np.ones((4, 2))
    # a classifier's steps were labelled "..., the forecast origin)" too
    for fig, origin in [
        (plot_lags(window, rel), ""),
        (plot_lags(window, rel, forecast=np.bool_(True)), ", the forecast origin"),
    ]:
        assert fig.axes[1].get_xlabel() == f"−lag (−1: the window's last step{origin})"
    # a forecaster's explanation draws its figure with the origin named
    ex = ForecastExplanation(
        per_lag=np.array([0.25, -0.5, 0.125]),
        per_feature=None,
        features=["sales"],
        window=np.array([10.0, 11.0, 12.0]),
        index=["2024-01-07", "2024-01-14", "2024-01-21"],
        score=2.0,
        step=0,
        method="lrp",
    )
    assert ex.plot().axes[1].get_xlabel() == (
        "−lag (−1: the window's last step, the forecast origin)"
    )
    with pytest.raises(TypeError) as err:
        plot_lags(window, rel, forecast="no")
    assert str(err.value) == "`forecast` must be a bool, got str 'no'."


def test_plot_lags_takes_the_readmes_window_from_a_gpu_and_refuses_an_empty_one(
    on_accelerator,
) -> None:
    torch.manual_seed(0)
    inputs = on_accelerator(torch.randn(2, 6, 3))
    ex_rel = torch.randn(2, 6, 3)
    # README: plot_lags(inputs[0, :, 0], ex.relevance_per_feature[0], ...); the window failed
    # in numpy's words ("can't convert cuda:0 device type tensor to numpy") where the
    # relevance, a tensor too, was taken; one needing grad alike
    for window in (inputs[0, :, 0], torch.randn(6, requires_grad=True)):
        fig = plot_lags(window, ex_rel[0], features=["a", "b", "c"])
        assert fig.axes[0].lines[0].get_ydata().tolist() == window.tolist()
    # was numpy's "cannot reshape array of size 0 into shape (0,newaxis)"
    with pytest.raises(ValueError) as err:
        plot_lags(np.zeros(0), np.zeros(0))
    assert str(err.value) == "`window` must hold at least one step, got shape (0,)."


class TimeMajor(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4)  # batch_first=False
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0])[-1]


def test_lrp_output_check_counts_one_sequence_in_the_singular() -> None:
    from lstmkit.explain import lrp

    with pytest.raises(RuntimeError) as err:
        lrp(TimeMajor().double(), torch.randn(1, 5, 3, dtype=torch.float64))
    # was "([B, C] for B=1 sequences)", as the output shape's refusal said "(B = 1 sequences)"
    assert str(err.value) == (
        "lrp's float64 recomputation of TimeMajor differs from the model's output: lrp computed "
        "shape (1, 2) ([B, C] for B=1 sequence), the model returned (5, 2). Its `rnn` has "
        "batch_first=False, so unless forward() transposes `inputs` it reads [B, T, ...] = "
        "(1, 5, 3) as [T, B, ...]; build it with batch_first=True."
    )


class Wrapped(nn.Module):
    """An rnn of one's own that says its layers and directions but no hidden_size."""

    def __init__(self) -> None:
        super().__init__()
        self.lstm = nn.LSTM(3, 4, bidirectional=True, batch_first=True)
        self.num_layers, self.bidirectional = 1, True

    def forward(self, x: torch.Tensor) -> tuple:
        return self.lstm(x)


def test_the_final_states_hint_without_a_hidden_size_names_no_width() -> None:
    model = OnAllFinalStates()
    model.rnn = Wrapped()
    with pytest.raises(ValueError) as err:
        explain(model, torch.randn(3, 5, 3), 0, method="gradxinput")
    # the hint read `rnn.hidden_size`: an AttributeError in place of the refusal
    assert str(err.value).endswith(
        "give the head the last layer's two directions, `torch.cat([h_n[-2], h_n[-1]], -1)`, "
        "rather than `h_n`."
    )

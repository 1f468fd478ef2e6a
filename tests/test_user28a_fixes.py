"""A researcher's own torch.nn.LSTM classifier explained with LRP (user28a).

A packed batch handed to an explanation is told how to pass it; ``plot_lags`` refuses a
``[T, F]`` window by its shape (it named ``len(window)`` as ``T * F``); the README's
Explanations intro says what ``bias_factor`` does to conservation, with figures computed here
from its own ``MeanPool`` example; and its way of drawing a feature model's relevance runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from lstmkit.explain import explain, lrp
from lstmkit.explain.render import plot_lags

README = Path(__file__).resolve().parents[1] / "README.md"

PACKED = (
    "`inputs` must be a Tensor, got PackedSequence: pass the padded batch and its lengths, "
    "`inputs, lengths = pad_packed_sequence(packed, batch_first=True)`, and let the model's "
    "forward pack them (it is called as `model(inputs, lengths=lengths)`)."
)


class Packing(nn.Module):
    """A classifier of one's own on torch.nn.LSTM that packs its padded batch."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)
        self.head = nn.Linear(8, 2)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        h_n = self.rnn(packed)[1][0]
        return self.head(torch.cat([h_n[-2], h_n[-1]], -1))


def _packed() -> tuple[Packing, torch.Tensor, torch.Tensor]:
    torch.manual_seed(0)
    model = Packing().double()
    x = torch.randn(3, 5, 3, dtype=torch.float64)
    lengths = torch.tensor([5, 2, 4])
    return model, x, lengths


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
def test_a_packed_batch_is_told_to_pass_the_padded_batch_and_its_lengths(method: str) -> None:
    model, x, lengths = _packed()
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    with pytest.raises(TypeError) as err:
        explain(model, packed, 1, method=method)
    assert str(err.value) == PACKED
    # the advice, followed, explains the batch: relevance conserved, padding exactly 0
    inputs, back = pad_packed_sequence(packed, batch_first=True)
    ex = lrp(model, inputs, target=1, lengths=back, bias_factor=1.0)
    assert torch.equal(back, lengths)
    assert ex.relevance[1, 2:].eq(0).all() and ex.relevance[2, 4:].eq(0).all()
    assert ex.residual.abs().max() < 1e-12


def test_plot_lags_refuses_a_window_of_several_features_by_its_shape() -> None:
    rel = np.ones((10, 3))
    window = np.zeros((10, 3))
    with pytest.raises(ValueError) as err:
        plot_lags(window, rel)
    # was: "`relevance` must be [L] or [L, F] with L = len(window) = 30, got (10, 3)."
    assert str(err.value) == (
        "`window` must be one series [L] (one value per step, e.g. one feature's "
        "`inputs[0, :, 0]`), got shape (10, 3)."
    )
    with pytest.raises(ValueError, match=r"got shape \(2, 10\)\.$"):
        plot_lags(np.zeros((2, 10)), np.ones((2, 10, 3)))
    # a column or a row of one series is still that series
    for one in (np.arange(10.0).reshape(10, 1), np.arange(10.0).reshape(1, 10)):
        fig = plot_lags(one, rel)
        assert fig.axes[0].lines[0].get_ydata().tolist() == list(range(10))


def _mean_pool() -> dict:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text("utf-8"), re.S)
    (code,) = [b for b in blocks if "class MeanPool(nn.Module):" in b]
    namespace: dict = {}
    exec(compile(code.split("del MeanPool.readout")[0], str(README), "exec"), namespace)
    return namespace


def test_readme_intro_says_bias_factor_0_does_not_sum_to_the_score(capsys) -> None:
    ns = _mean_pool()
    capsys.readouterr()
    model, tokens, lengths = ns["model"], ns["tokens"], ns["lengths"]
    kept = lrp(model, tokens, target=2, lengths=lengths)  # bias_factor=0, the default
    full = lrp(model, tokens, target=2, lengths=lengths, bias_factor=1.0)
    score = float(full.score[0])
    assert score == float(kept.score[0])
    figures = (
        float(kept.relevance[0].sum()),
        score,
        float(full.relevance[0].sum()),
        float(full.initial_state[0]),
    )
    assert [f"{f:.4f}" for f in figures] == ["-0.0109", "0.3835", "0.3150", "0.0685"]
    assert f"{abs(float(full.residual[0])):.0e}" == "5e-16"
    # in the Explanations intro, before the example it cites
    intro = README.read_text("utf-8").split("## Explanations")[1].split("### Your own model")[0]
    intro = " ".join(intro.split())
    assert (
        "For the first sequence of the 2-layer bidirectional `MeanPool` in [Your own "
        "model](#your-own-model), the relevance sums to −0.0109 against a score of 0.3835 at "
        "`bias_factor=0`; at `bias_factor=1` it is 0.3150, and with `ex.initial_state` (0.0685, "
        "the share handed to the zero initial states) the score, up to `ex.residual` (5e-16)."
    ) in intro


class Features(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


def test_readme_plot_lags_call_for_a_feature_model_runs(tmp_path, monkeypatch) -> None:
    text = " ".join(README.read_text("utf-8").split())
    (call,) = re.findall(r"`(plot_lags\(inputs\[0, :, 0\].*?\))`", text)
    assert call == (
        'plot_lags(inputs[0, :, 0], ex.relevance_per_feature[0], features=["a", "b", "c"], '
        'path="relevance.png")'
    )
    torch.manual_seed(0)
    model, inputs = Features(), torch.randn(2, 6, 3)
    ex = lrp(model, inputs, bias_factor=1.0)
    monkeypatch.chdir(tmp_path)
    fig = eval(call, {"plot_lags": plot_lags, "inputs": inputs, "ex": ex})
    assert (tmp_path / "relevance.png").stat().st_size > 0
    heat = fig.axes[1]
    assert [t.get_text() for t in heat.get_yticklabels()] == ["a", "b", "c"]
    assert fig.axes[0].lines[0].get_ydata().tolist() == inputs[0, :, 0].double().tolist()


class FunctionalDropout(Features):
    """A dropout that stays on in eval mode: F.dropout's `training` defaults to True."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(nn.functional.dropout(self.rnn(x)[1][0][-1], 0.5))


class Squashed(Features):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(torch.tanh(self.rnn(x)[1][0][-1]))


def test_a_model_random_in_eval_mode_is_told_so_by_the_output_check() -> None:
    torch.manual_seed(0)
    model, inputs = FunctionalDropout().double(), torch.randn(4, 6, 3, dtype=torch.float64)
    with pytest.raises(RuntimeError) as err:
        lrp(model, inputs)
    # was: only "... the model computes something beyond rnn → readout 'last' → head, which
    # lrp cannot explain."
    assert re.fullmatch(
        r"lrp's float64 recomputation of FunctionalDropout differs from the model's output "
        r"\(max abs difference \d\.\d+(e-\d+)?\): the model computes something beyond rnn → "
        r"readout 'last' → head, which lrp cannot explain\. Its output changes from call to "
        r"call on the same inputs \(max abs difference \d\.\d+(e-\d+)? between two calls in "
        r"eval mode\): something random is on in eval mode, such as `F\.dropout\(x, p\)` "
        r"without `training=self\.training` \(use an `nn\.Dropout` module\); an explanation "
        r"needs one output for one input\.",
        str(err.value),
    ), str(err.value)
    # a deterministic model the rules do not cover is not told so
    squashed = Squashed().double()
    squashed.load_state_dict(model.state_dict())
    with pytest.raises(RuntimeError) as err:
        lrp(squashed, inputs)
    assert "changes from call to call" not in str(err.value)
    assert str(err.value).startswith("lrp's float64 recomputation of Squashed differs")


class OnAllFinalStates(Features):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0])  # h_n [1, B, H]: the [-1] forgotten


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
def test_a_head_on_all_final_states_is_told_to_read_the_last_layers(method: str) -> None:
    torch.manual_seed(0)
    model = OnAllFinalStates()
    with pytest.raises(ValueError) as err:
        explain(model, torch.randn(2, 6, 3), 0, method=method)
    # was told of "An output per time step ([B, T, C])"
    assert str(err.value) == (
        "the explained model must return scores of shape [B] or [B, C] (B = 2 sequences), got "
        "shape (1, 2, 2) from OnAllFinalStates. Its shape is that of the head on the final "
        "states h_n, [num_layers * directions, B, ...]: give the head the last layer's, "
        "`h_n[-1]`, rather than `h_n`."
    )
    # one sequence: h_n's first dimension reads as B too, so no guess; "1 sequence"
    with pytest.raises(ValueError) as err:
        explain(model, torch.randn(1, 6, 3), 0, method=method)
    assert str(err.value).startswith(
        "the explained model must return scores of shape [B] or [B, C] (B = 1 sequence), got "
        "shape (1, 1, 2) from OnAllFinalStates. An output per time step ([B, T, C]) has no "
    )

"""revgate20: the review of gate20's bool refusals and renderers' token checks.

gate20 told a bool given for a count or index what the number means ("not a switch"), but not
numpy's bool (``np.True_``, an element of a mask), which was refused as a bare "got np.True_";
and it refused ``bytes`` as the gate plots' ``labels`` but not as the renderers' ``tokens``,
where ``top_contributions(b"abc", ...)`` listed the token ``'99'``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

import lstmkit
from lstmkit._checks import value_repr
from lstmkit.explain import deletion_curve, integrated_gradients, lrp
from lstmkit.explain.gates import plot_cell_states, plot_gates
from lstmkit.explain.render import to_html, to_terminal, top_contributions


class _Rnn(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        torch.manual_seed(0)
        self.rnn = lstmkit.nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor, lengths: object = None) -> torch.Tensor:
        return self.head(self.rnn(x, lengths=lengths)[1][0][-1])


def test_a_numpy_bool_count_says_what_it_counts_as_a_python_bool_does() -> None:
    model, x = _Rnn(), torch.randn(2, 5, 3)
    with pytest.raises(TypeError) as e:
        integrated_gradients(model, x, 0, steps=np.True_)
    assert str(e.value) == (
        "`steps` must be a positive integer, got np.True_: `steps` is the number of points on "
        "the path from the baseline to the input, not a switch."
    )
    with pytest.raises(TypeError) as e:
        deletion_curve(model, x, lrp(model, x, 0), steps=np.bool_(False))
    assert str(e.value) == (
        "`steps` must be an integer >= 0, got np.False_: `steps` is how many of the most "
        "relevant steps are deleted, not a switch."
    )
    with pytest.raises(TypeError) as e:
        top_contributions(["a", "b"], [1.0, 2.0], k=np.True_)
    assert str(e.value) == (
        "`k` must be an integer >= 0, got np.True_: `k` is how many steps of largest "
        "|relevance| are listed, not a switch."
    )


@pytest.mark.parametrize("plot", [plot_gates, plot_cell_states])
def test_a_numpy_bool_sample_is_refused_as_no_index(plot) -> None:
    torch.manual_seed(0)
    layer = lstmkit.nn.GRU(3, 4, batch_first=True)
    with lstmkit.trace(layer) as tr, torch.no_grad():
        layer(torch.randn(2, 5, 3))
    with pytest.raises(TypeError) as e:
        plot(tr["l0"], sample=np.True_)
    assert str(e.value) == (
        "`sample` must be an integer in [0, 2) (the traced batch), got np.True_: `sample` is the "
        "index of the sequence drawn (sample=1 draws the batch's second), not a switch."
    )


def test_a_numpy_bool_step_of_explain_forecast_says_what_a_step_is() -> None:
    from lstmkit.explain import explain_forecast
    from lstmkit.forecast import Forecaster, ForecasterConfig

    sales = pd.Series(np.sin(np.arange(30) / 3), index=pd.date_range("2020-01", periods=30))
    tiny = {"lookback": 4, "hidden_size": 3, "epochs": 1, "ensemble": 1, "seed": 0}
    fc = Forecaster(ForecasterConfig(horizon=3, **tiny)).fit(sales)
    with pytest.raises(TypeError) as e:
        explain_forecast(fc, step=np.True_)
    assert str(e.value) == (
        "`step` must be an integer in [0, 3), got np.True_: `step` is the index of the forecast "
        "step explained (step=1 the second ahead), not a switch."
    )


@pytest.mark.parametrize("render", [to_html, to_terminal, top_contributions])
@pytest.mark.parametrize("tokens", [b"abc", bytearray(b"abc")])
def test_bytes_are_no_tokens(render, tokens) -> None:
    """top_contributions(b"abc", ...) listed (2, '99', 3.0): the byte, a number, as the token."""
    with pytest.raises(TypeError) as e:
        render(tokens, [1.0, 2.0, 3.0])
    kind = type(tokens).__name__
    assert str(e.value) == (
        f"`tokens` must be a sequence of tokens, one per relevance value, got {kind} {tokens!r}."
    )
    assert top_contributions(["a", "b", "c"], [1.0, 2.0, 3.0], k=1) == [(2, "c", 3.0)]


def test_a_bool_among_the_lengths_is_refused_not_read_as_one() -> None:
    """lengths=[True, 3] ran, the first sequence one step long (torch reads True as 1); lrp
    explained it so. A list of bools alone is a mask, refused as before."""
    model, x = _Rnn(), torch.randn(2, 5, 3)
    said = (
        "`lengths` must hold integers, got bool True at `lengths[0]` of [True, 3]: a length "
        "counts a sequence's real steps (an int in [1, 5]), not a switch."
    )
    with pytest.raises(TypeError) as e:
        model.rnn(x, lengths=[True, 3])
    assert str(e.value) == said
    with pytest.raises(TypeError) as e:
        lrp(model, x, 0, lengths=[True, 3])
    assert str(e.value) == said
    with pytest.raises(TypeError) as e:
        model.rnn(x, lengths=(4, False))
    assert str(e.value).startswith("`lengths` must hold integers, got bool False at `lengths[1]`")
    with pytest.raises(TypeError) as e:
        model.rnn(x, lengths=[True, False])
    assert str(e.value).startswith("`lengths` must hold integers, got dtype bool: one bool per")
    out, _ = model.rnn(x, lengths=[1, 3])
    assert out[0, 1:].abs().sum().item() == 0.0


@pytest.mark.parametrize("sample", [-1.0, np.float32(-2.0)])
def test_a_negative_float_sample_is_told_it_does_not_count_from_the_end(sample) -> None:
    """sample=-1 was told so, sample=-1.0 the range alone."""
    torch.manual_seed(0)
    layer = lstmkit.nn.LSTM(3, 4, batch_first=True)
    with lstmkit.trace(layer) as tr, torch.no_grad():
        layer(torch.randn(2, 5, 3))
    with pytest.raises(TypeError) as e:  # a float for an index: a TypeError (revwalk21b)
        plot_gates(tr["l0"], sample=sample)
    assert str(e.value) == (
        f"`sample` must be an integer in [0, 2) (the traced batch), got {value_repr(sample)} (a "
        "negative sample does not count from the end: the last is 1)."
    )

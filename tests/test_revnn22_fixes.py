"""Fixes of revnn22, the review of nn22: the B == T guard, aopc's advice, summary's text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit.nn
from lstmkit._checks import TextForNumberError, value_repr
from lstmkit.explain import aopc, explain
from lstmkit.nn import LSTM, summary

# ---- 1. a time-major rnn handed the inputs by keyword (B == T) is refused too ------------------


class _ByKeyword(torch.nn.Module):
    """A classifier whose forward() hands its time-major `rnn` the inputs as `input=`."""

    def __init__(self, rnn: torch.nn.Module) -> None:
        super().__init__()
        self.rnn = rnn
        self.head = torch.nn.Linear(5, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(input=x)
        return self.head(out[-1])


@pytest.mark.parametrize("rnn", [torch.nn.LSTM, lstmkit.nn.LSTM, torch.nn.GRU])
@pytest.mark.parametrize("method", ["gradxinput", "sensitivity"])
def test_a_time_major_rnn_handed_the_inputs_by_keyword_is_refused(rnn, method) -> None:
    # the guard read the hook's positional `args` alone: `self.rnn(input=x)` was explained
    # silently wrong, as if batch first
    torch.manual_seed(0)
    x = torch.randn(3, 3, 4)
    with pytest.raises(RuntimeError) as err:
        explain(_ByKeyword(rnn(4, 5)), x, method=method)
    assert str(err.value) == (
        "_ByKeyword's `rnn` has batch_first=False and forward() hands it the inputs as they are: "
        "it reads [B, T, ...] = (3, 3, 4) as [T, B, ...], each score mixing the sequences, "
        "which no explanation can attribute; build it with batch_first=True (or transpose in "
        "forward())."
    )


def test_a_keyword_input_transposed_is_still_explained() -> None:
    class Transposes(_ByKeyword):
        def forward(self, x: torch.Tensor) -> torch.Tensor:
            out, _ = self.rnn(input=x.transpose(0, 1))
            return self.head(out[-1])

    torch.manual_seed(0)
    ex = explain(Transposes(torch.nn.LSTM(4, 5)), torch.randn(3, 3, 4), method="gradxinput")
    assert ex.relevance.shape == (3, 3)


# ---- 2. aopc: a DataFrame is told a conversion that works, a numpy number no conversion --------

_CURVE = "`curve` must be a 2-D tensor [B, K + 1] (a row per sequence; one curve: curve[None])"


def test_aopc_of_a_dataframe_is_told_a_conversion_that_works() -> None:
    # it was told torch.as_tensor(curve), which fails on a DataFrame ("could not determine
    # the shape of object type 'DataFrame'")
    frame = pd.DataFrame({"k0": [1.0, 2.0], "k1": [0.5, 0.1]})
    with pytest.raises(TypeError) as err:
        aopc(frame)  # type: ignore[arg-type]
    assert str(err.value) == (
        f"{_CURVE}, got DataFrame; pass torch.tensor(curve.to_numpy()) for scores held in a "
        "DataFrame."
    )
    assert aopc(torch.tensor(frame.to_numpy())).tolist() == [0.25, 0.95]
    with pytest.raises(TypeError) as err:  # an array keeps its advice
        aopc(frame.to_numpy())  # type: ignore[arg-type]
    assert str(err.value) == (
        f"{_CURVE}, got ndarray; pass torch.as_tensor(curve) for scores held in a list or array."
    )


def test_aopc_of_a_numpy_number_is_told_where_a_curve_comes_from_as_a_float_is() -> None:
    # np.float64(0.5) was told "got float64; pass torch.as_tensor(curve) for scores held in a
    # list or array", where 0.5 is told where a curve comes from: one number is no curve
    number = np.float64(0.5)
    with pytest.raises(TypeError) as err:
        aopc(number)  # type: ignore[arg-type]
    assert str(err.value) == (
        f"{_CURVE}, got {value_repr(number)}; pass the curve deletion_curve(model, inputs, "
        "explanation) returns."
    )


# ---- 3. summary's text for input_size is shown as the layers show it -----------------------


def test_summary_tells_numpy_text_the_number_it_reads_as_as_the_layers_do() -> None:
    # it wrote the value with repr(), which numpy 1 writes '5' for np.str_('5'): the hint,
    # placed after value_repr's form, was lost there ("got '5'.", where LSTM(1, np.str_('4'))
    # says "got np.str_('4') (a number, not text: 4)")
    text = np.str_("5")
    with pytest.raises(TextForNumberError) as err:
        summary(LSTM(5, 4), input_size=text)  # type: ignore[arg-type]
    assert str(err.value) == (
        "`input_size` must be an integer or a sequence of integers (the shape of one sample), "
        f"got {value_repr(text)} (a number, not text: 5)."
    )
    with pytest.raises(TextForNumberError) as err:
        LSTM(1, np.str_("4"))  # type: ignore[arg-type]
    assert str(err.value) == (
        f"`hidden_size` must be a positive integer, got {value_repr(np.str_('4'))} (a number, "
        "not text: 4)."
    )

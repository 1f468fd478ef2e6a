"""Fixes of left39 in the explanations: lrp_seq2seq's NaN in ``future``, occlusion's bar."""

import warnings

import pytest
import torch

from lstmkit.explain import lrp_seq2seq
from lstmkit.forecast import ForecastNet


def _seq2seq() -> tuple[ForecastNet, torch.Tensor, torch.Tensor]:
    torch.manual_seed(0)
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).double()
    return net, torch.randn(3, 6, 3).double(), torch.randn(3, 4, 2).double()


def test_lrp_seq2seq_warns_of_a_nan_in_future_as_of_one_in_inputs() -> None:
    # the NaN made sequence 1's score and relevances NaN without a word
    net, inputs, future = _seq2seq()
    future[1, 2, 0] = float("nan")
    with pytest.warns(UserWarning) as record:
        ex = lrp_seq2seq(net, inputs, future, 2, bias_factor=1.0)
    assert [str(w.message) for w in record] == [
        "`future` holds NaN at 1 entry of sequence [1] (the first at sequence 1, step 2, "
        "feature 0): its score and relevances are NaN; fill them first, e.g. "
        "torch.nan_to_num(future, nan=0.0, posinf=0.0, neginf=0.0)."
    ]
    assert record[0].filename == __file__
    assert ex.relevance.isnan().any(dim=1).tolist() == [False, True, False]


def test_lrp_seq2seq_warns_of_inputs_and_future_each_in_its_own_name() -> None:
    net, inputs, future = _seq2seq()
    inputs[0, 1, 1] = float("inf")
    future[2, 0, 1] = float("-inf")
    future[2, 3, 0] = float("nan")
    with pytest.warns(UserWarning) as record:
        lrp_seq2seq(net, inputs, future, 2, bias_factor=1.0)
    assert [str(w.message) for w in record] == [
        "`inputs` hold inf at 1 entry of sequence [0] (the first at sequence 0, step 1, "
        "feature 1): its relevances are NaN or say nothing of it, whatever the score; fill "
        "them first, e.g. torch.nan_to_num(inputs, nan=0.0, posinf=0.0, neginf=0.0).",
        "`future` holds NaN at 1 and inf at 1 entries of sequence [2] (the first at sequence 2, "
        "step 0, feature 1): its relevances are NaN or say nothing of it, a NaN's score NaN "
        "too; fill them first, e.g. torch.nan_to_num(future, nan=0.0, posinf=0.0, neginf=0.0).",
    ]


def test_lrp_seq2seq_says_nothing_of_a_finite_future() -> None:
    net, inputs, future = _seq2seq()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lrp_seq2seq(net, inputs, future, 2, bias_factor=1.0)

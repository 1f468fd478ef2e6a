"""Fixes of the explainleft pass: lrp's output check scales its tolerance by the finite entries
alone, ``SentimentPredictor.explain`` explains the class its ``predict`` shows on a tie of the
probabilities, and ``explain_forecast``'s refusals name the user's future column (and, in the
CLI, the flag)."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

from lstmkit.cli import main
from lstmkit.explain import lrp
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster
from lstmkit.text import SentimentPredictor

# -- 1. an infinity in both no longer hides another difference -----------------------------------


class _Features(nn.Module):
    """nn.LSTM (batch first) → nn.Linear on h_n[-1], whose output at [1, 1] is 1 more."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.spoil = True

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.head(self.rnn(x)[1][0][-1])
        if self.spoil:
            out[1, 1] += 1.0
        return out


def test_lrps_output_check_is_not_blinded_by_an_infinity_in_both() -> None:
    """A bias of +inf makes class 0 infinite in the output and in lrp's recomputation alike (no
    difference), but it made the tolerance's scale infinite too: the other class's difference
    of 1 passed, and lrp explained a score that was not the model's."""
    torch.manual_seed(0)
    model = _Features()
    with torch.no_grad():
        model.head.bias[0] = math.inf
    x = torch.randn(2, 5, 3)
    message = (
        "lrp's float64 recomputation of _Features differs from the model's output (max abs "
        "difference 1): the model computes something beyond rnn → readout 'last' → "
        "head, which lrp cannot explain."
    )
    with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
        lrp(model, x, 1)
    model.spoil = False  # the same infinity in both: no difference
    assert lrp(model, x, 1).score.shape == (2,)


# -- 2. SentimentPredictor.explain follows its predict on a tie -----------------------------------


def test_sentiment_predictor_explains_the_class_predict_shows_on_a_tie(tied_classifier) -> None:
    """``predict`` showed "negative" (the probabilities' first arg-max) while ``explain`` without
    a target explained "positive" (the logits' arg-max): class 1's relevances, all zero but the
    one feature's, in place of class 0's, which are all zero."""
    predictor = SentimentPredictor(*tied_classifier, ("negative", "positive"))
    assert predictor.predict("a good film")[0] == "negative"
    shown = predictor.explain("a good film", "negative")
    assert [r for _, r in shown] == [0.0, 0.0, 0.0]
    assert predictor.explain("a good film") == shown
    assert predictor.explain_many(["a good film", "a bad film"])[0] == shown
    assert predictor.explain("a good film", "positive") != shown  # the other class differs


# -- 3. the refusal of LRP for a direct Forecaster names the user's column (and the flag) --------


def _promo_frame() -> pd.DataFrame:
    """40 days of a target and a promotion flag, the last two days the plan alone."""
    t = np.arange(40)
    data = pd.DataFrame(
        {"y": 50 + 10 * np.sin(t / 4), "promo": (t % 7 == 0) * 1.0},
        pd.date_range("2020-01-06", periods=40, freq="D"),
    )
    data.iloc[38:, 0] = np.nan
    return data


_REFUSED = (
    "{lrp} does not explain a direct Forecaster with future covariates (promo): their "
    "effect is added beside its head, outside the network LRP walks. Use another {m} (they "
    "are then held fixed), or {s}, whose LRP gives their relevance per forecast step."
)


def test_explain_forecast_names_the_users_future_column() -> None:
    """It said "(fut:promo)", the model's internal column, where the user wrote ``promo``."""
    data = _promo_frame()
    quick = {"horizon": 2, "lookback": 4, "epochs": 1, "ensemble": 1, "interval": None}
    fitted = Forecaster(strategy="direct", **quick).fit(
        data["y"][:38], future_covariates=data["promo"]
    )
    message = _REFUSED.format(lrp="`method='lrp'`", m="`method`", s="strategy='seq2seq'")
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        explain_forecast(fitted, step=0, future_covariates=data["promo"])


def test_lstmkit_explain_names_the_column_and_the_strategy_flag(
    tmp_path, capsys, undrawn_figures
) -> None:
    """It said "(fut:promo)" and advised "strategy='seq2seq'", the Python argument, where the
    flag is `lstmkit forecast --strategy seq2seq`."""
    _promo_frame().to_csv(tmp_path / "d.csv", index_label="day")
    flags = ["--date-col", "day", "--value-col", "y", "--future-cols", "promo"]
    fit = ["--horizon", "2", "--lookback", "4", "--epochs", "1", "--ensemble", "1"]
    run = str(tmp_path / "run")
    forecast = ["forecast", "--csv", str(tmp_path / "d.csv"), "--strategy", "direct"]
    assert main([*forecast, *flags, *fit, "--interval", "0", "--out", run]) == 0
    capsys.readouterr()
    explain = ["explain", run, "--csv", str(tmp_path / "d.csv"), *flags[:4], "--step", "0"]
    assert main([*explain, "--method", "lrp"]) == 2
    message = _REFUSED.format(
        lrp="--method='lrp'", m="--method", s="a model forecast with --strategy seq2seq"
    )
    assert capsys.readouterr().err.splitlines() == [f"error: {message}"]

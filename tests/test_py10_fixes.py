"""Defects a user coming from Darts, NeuralForecast or Keras met in the Python API (py10), each
pinned by the test that found it."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.data import to_frame
from lstmkit.forecast import Forecaster
from lstmkit.nn import LSTM, LSTMCell

TINY = {"horizon": 2, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}
TINY |= {"calendar": False, "progress": False}
DAYS = pd.date_range("2024-01-01", periods=40, freq="D")


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    return Forecaster(**TINY).fit(pd.Series(np.arange(1.0, 41.0), DAYS))


@pytest.mark.parametrize(
    ("interval", "hint"),
    [
        ([90], " (one level, not a list, and a fraction: 0.9 for 90 %)"),
        ([0.9], " (one level, not a list: 0.9)"),
        (90, " (a fraction: 0.9 for 90 %)"),
        ((0.9, 0.1), " (the quantiles 0.1 and 0.9 bound the central interval 0.8)"),
        ("90%", " (a number, not text: 0.9 for 90 %)"),
        ("0.9", " (a number, not text: 0.9)"),
        ([0.05, 0.95, 0.5], " (the quantiles 0.05 and 0.95 bound the central interval 0.9)"),
        ([80, 95], " (fractions, one level per call: 0.8 for 80 %, 0.95 for 95 %)"),
    ],
    ids=["[90]", "[0.9]", "90", "reversed", "'90%'", "'0.9'", "unsorted", "[80, 95]"],
)
def test_an_interval_in_another_librarys_form_is_told_the_number_to_pass(
    fitted, interval, hint
) -> None:
    # [90], "90%", [0.9] got no hint; the reversed (0.9, 0.1) and the unsorted
    # [0.05, 0.95, 0.5] were told "one level per call", though they bound one central interval
    with pytest.raises(ValueError) as caught:
        fitted.predict(2, interval=interval)
    assert str(caught.value) == (
        f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, got {interval!r}{hint}."
    )


FILL = (
    "pass fill='ffill', 'bfill', 'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv "
    "(CLI: --fill), whose result Forecaster.fit, predict and backtest take"
)


def test_a_gap_refused_by_fit_names_the_python_fill_as_a_nan_does() -> None:
    # a gap was told "pass `fill` to read_csv or to_frame": neither the module nor the methods,
    # nor that fit takes the result, as a NaN's refusal said them
    series = pd.Series(np.arange(1.0, 41.0), DAYS)
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(series.drop(DAYS[10]))
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        f"2024-01-12 (usual step: 1 day); missing 2024-01-11; {FILL}, to insert the missing "
        "timestamps and fill their values."
    )
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(series.where(series != 11.0))
    assert str(caught.value) == (
        "values must not be missing (NaN), got NaN in column 'value' at 2024-01-11. Fill them "
        f"first: {FILL}."
    )
    filled = to_frame(series.drop(DAYS[10]), fill="interpolate")
    assert filled.attrs["inserted"] == 1
    assert filled.loc["2024-01-11"].iloc[0] == 11.0


@pytest.mark.parametrize(
    ("method", "call"),
    [
        ("fit", "fit(to_frame(series, fill='interpolate'))"),
        ("predict", "predict(h, series=to_frame(series, fill='interpolate'))"),
    ],
)
def test_fill_guessed_as_an_argument_of_fit_or_predict_is_told_where_it_is(method, call) -> None:
    # told to pass `fill`, a user who gave it to fit got Python's bare "unexpected keyword
    # argument 'fill'"
    with pytest.raises(TypeError) as caught:
        getattr(Forecaster(**TINY), method)(pd.Series(np.arange(40.0), DAYS), fill="ffill")
    assert str(caught.value) == (
        f"Forecaster.{method}() takes no argument `fill`: `fill` is an argument of "
        f"lstmkit.data.to_frame and read_csv, whose result {method} takes: {call}."
    )


def test_a_wide_frame_is_read_as_one_target_and_its_covariates_and_says_so(caplog) -> None:
    # a Darts user's wide frame (a multivariate series there) was read as the first column's
    # target and the others' covariates with no word of it: repr said "points of a, b, c"
    frame = pd.DataFrame(
        {"a": np.arange(1.0, 41.0), "b": np.arange(41.0, 1.0, -1.0), "c": np.arange(40.0) % 7},
        DAYS,
    )
    with caplog.at_level(logging.INFO, logger="lstmkit"):
        wide = Forecaster(**TINY).fit(frame)
    said = [r.getMessage() for r in caplog.records if "the first column" in r.getMessage()]
    assert said == [
        "fit: the target is 'a', the first column of `series`; its other columns, 'b', 'c', are "
        "covariates (past inputs), not more targets: one Forecaster per target"
    ]
    assert repr(wide).endswith(
        "; fitted on 40 points of a (covariates b, c) up to 2024-02-09, look-back 4, season 1)"
    )
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="lstmkit"):
        named = Forecaster(**TINY).fit(frame["a"], covariates=frame[["b", "c"]])
    assert not [r for r in caplog.records if "the first column" in r.getMessage()]
    assert repr(named) == repr(wide)
    pd.testing.assert_frame_equal(named.predict(2), wide.predict(2))


def _keras_to_hx(_module, args, kwargs):
    if "initial_state" in kwargs:
        kwargs["hx"] = kwargs.pop("initial_state")
    return args, kwargs


def _no_mask(_module, args, kwargs):
    kwargs.pop("mask", None)
    return args, kwargs


def _hx_to_keras(_module, args, kwargs):
    if "hx" in kwargs:
        kwargs["initial_state"] = kwargs.pop("hx")
    return args, kwargs


_INITIAL_STATE = (
    "LSTM.forward() takes no Keras argument `initial_state`: `initial_state` is `hx` here, "
    "`hx=(h_0, c_0)`, each [L*D, B, H] (Keras' [B, H] states are `h.unsqueeze(0)` for one layer "
    "and direction)."
)


@pytest.mark.parametrize(
    ("hook", "kwargs", "message"),
    [
        (
            _keras_to_hx,
            {"initial_state": None, "mask": None},
            "LSTM.forward() takes no Keras argument `mask`: `mask` is `lengths` here, each "
            "sequence's true length [B]: `lengths=mask.sum(1)` for a [B, T] mask of sequences "
            "padded at the end.",
        ),
        (_no_mask, {"initial_state": None, "mask": None}, _INITIAL_STATE),
        (_hx_to_keras, {"hx": None}, _INITIAL_STATE),
        (_keras_to_hx, {"initial_state": None}, None),
    ],
    ids=["renamed", "dropped", "renamed-to-keras", "renamed-alone"],
)
def test_a_keras_hint_reads_the_call_as_a_kwargs_pre_hook_rewrote_it(hook, kwargs, message):
    # the hint read the call as written: `initial_state`, which the hook had renamed `hx`, and
    # `mask`, which it had dropped, were both named; a call the hook made Keras' got
    # Python's bare "got an unexpected keyword argument 'initial_state'"
    layer = LSTM(1, 4, batch_first=True)
    layer.register_forward_pre_hook(hook, with_kwargs=True)
    x = torch.zeros(2, 3, 1)
    if message is None:
        assert layer(x, **kwargs)[0].shape == (2, 3, 4)
        return
    with pytest.raises(TypeError) as caught:
        layer(x, **kwargs)
    assert str(caught.value) == message


def test_a_cells_keras_hint_reads_the_call_as_a_kwargs_pre_hook_rewrote_it() -> None:
    cell = LSTMCell(1, 4)
    cell.register_forward_pre_hook(_keras_to_hx, with_kwargs=True)
    with pytest.raises(TypeError) as caught:
        cell(torch.zeros(2, 1), initial_state=None, training=True)
    assert str(caught.value) == (
        "LSTMCell.forward() takes no Keras argument `training`: there is no `training` argument: "
        "dropout follows the module's mode, set by `module.train()` or `module.eval()` (as in "
        "torch.nn)."
    )

"""Defects the review of py10 found (interval hints, the fill, a wide frame's log), each pinned
by the test that found it."""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.forecast import Forecaster
from lstmkit.nn import LSTM
from lstmkit.nn._arguments import _MODULE_FILE

TINY = {"horizon": 2, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}
TINY |= {"calendar": False, "progress": False}
DAYS = pd.date_range("2024-01-01", periods=40, freq="D")


def test_fill_guessed_as_an_argument_of_backtest_is_told_where_it_is() -> None:
    # backtest's gap refusal names the fill as fit's and predict's do, but backtest(fill=...)
    # got Python's bare "unexpected keyword argument 'fill'" (py10 told fit and predict only)
    with pytest.raises(TypeError) as caught:
        Forecaster(**TINY).backtest(pd.Series(np.arange(40.0), DAYS), fill="ffill")
    assert str(caught.value) == (
        "Forecaster.backtest() takes no argument `fill`: `fill` is an argument of "
        "lstmkit.data.to_frame and read_csv, whose result backtest takes: "
        "backtest(to_frame(series, fill='interpolate'))."
    )


def test_a_wide_frames_log_says_one_other_column_in_the_singular(caplog) -> None:
    # a frame of a target and one other column was told "its other columns, 'b', are
    # covariates (past inputs), not more targets"
    frame = pd.DataFrame({"a": np.arange(1.0, 41.0), "b": np.arange(40.0) % 7}, DAYS)
    with caplog.at_level(logging.INFO, logger="lstmkit"):
        Forecaster(**TINY).fit(frame)
    said = [r.getMessage() for r in caplog.records if "the first column" in r.getMessage()]
    assert said == [
        "fit: the target is 'a', the first column of `series`; its other column, 'b', is a "
        "covariate (a past input), not a second target: one Forecaster per target"
    ]


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    return Forecaster(**TINY).fit(pd.Series(np.arange(1.0, 41.0), DAYS))


@pytest.mark.parametrize(
    ("interval", "shown", "hint"),
    [
        (torch.tensor(0.9), "tensor(0.9000)", " (give a Python number: float(x))"),
        (np.array(0.9), "array(0.9)", " (give a Python number: float(x))"),
        (torch.tensor(90), "tensor(90)", " (a fraction: 0.9 for 90 %)"),
        (
            torch.tensor([0.9, 0.1]),
            "tensor([0.9000, 0.1000])",
            " (the quantiles 0.1 and 0.9 bound the central interval 0.8)",
        ),
        (
            np.array([0.1, 0.5, 0.9], dtype=np.float32),
            "array([0.1, 0.5, 0.9], dtype=float32)",
            " (the quantiles 0.1 and 0.9 bound the central interval 0.8)",
        ),
        ([np.float32(0.9)], "[np.float32(0.9)]", " (one level, not a list: 0.9)"),
        (np.str_("90%"), "np.str_('90%')", " (a number, not text: 0.9 for 90 %)"),
    ],
    ids=[
        "tensor",
        "0-d array",
        "tensor(90)",
        "tensor quantiles",
        "float32 quantiles",
        "[f32]",
        "np.str_",
    ],
)
def test_an_interval_as_a_tensor_or_float32_is_told_the_number_to_pass(
    fitted, interval, shown, hint
) -> None:
    # a torch tensor or 0-d array got no hint; float32 quantiles (0.1 and 0.9 miss 1 - p by
    # 2e-8) were told "none runs from 0.1 to 0.9", and [np.float32(0.9)] nothing
    with pytest.raises(ValueError) as caught:
        fitted.predict(2, interval=interval)
    assert str(caught.value) == (
        f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, got {shown}{hint}."
    )


def test_backtest_levels_in_a_tensor_are_told_to_be_python_numbers() -> None:
    # each entry of a tensor is a 0-d tensor: "got tensor(0.5000)", with no hint
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).backtest(pd.Series(np.arange(40.0), DAYS), levels=torch.tensor([0.5]))
    assert str(caught.value) == (
        "every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got "
        "tensor(0.5000) (give a Python number: float(x))."
    )


@pytest.mark.parametrize(
    ("argv", "got"),
    [
        (["forecast", "airline", "--interval", "90%"], "'90%' (a fraction: 0.9 for 90 %)"),
        (["forecast", "airline", "--interval", "95.5%"], "'95.5%' (a fraction: 0.955 for 95.5 %)"),
        (["forecast", "airline", "--interval", "abc"], "'abc'"),
    ],
    ids=["forecast", "a decimal", "no number"],
)
def test_a_percentage_on_the_command_line_is_told_the_fraction(
    interval_refusal: Callable[[list[str]], str], argv, got
) -> None:
    # `--interval 90%` got argparse's "invalid float value: '90%'", with no word of 0.9 (the
    # Python interval="90%" is told it since py10, --interval 90 before)
    # (revser15: in the shape of `--interval 95`'s refusal, predict's in test_revser15_fixes)
    assert interval_refusal(argv) == (
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 "
        f"for none, got {got}.\n"
    )


def test_the_repr_of_a_frame_of_many_covariates_names_twenty() -> None:
    # py10's repr named every covariate: 30 columns made a line of 600 characters
    columns = [f"c{k}" for k in range(30)]
    frame = pd.DataFrame(np.arange(1.0, 41.0)[:, None] + np.arange(30.0), DAYS, columns=columns)
    assert repr(Forecaster(**TINY).fit(frame)).endswith(
        "; fitted on 40 points of c0 (covariates c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, "
        "c12, c13, c14, c15, c16, c17, c18, c19, c20, ... (29 in all)) up to 2024-02-09, "
        "look-back 4, season 1)"
    )


def test_a_keras_hint_under_a_torch_that_names_forwards_arguments_otherwise(monkeypatch) -> None:
    # py10's fallback to the call as written, where nn.Module's frame has no `args` and
    # `kwargs` (torch's internal names), came with no test; without it such a torch gave
    # Python's bare "got an unexpected keyword argument 'initial_state'"
    source = "def _call_impl(self, *given, **named):\n    return self.forward(*given, **named)\n"
    scope: dict = {}
    exec(compile(source, _MODULE_FILE, "exec"), scope)  # as if in torch's module.py
    monkeypatch.setattr(torch.nn.Module, "_call_impl", scope["_call_impl"])
    with pytest.raises(TypeError) as caught:
        LSTM(1, 4, batch_first=True)(torch.zeros(2, 3, 1), initial_state=None)
    assert str(caught.value) == (
        "LSTM.forward() takes no Keras argument `initial_state`: `initial_state` is `hx` here, "
        "`hx=(h_0, c_0)`, each [L*D, B, H] (Keras' [B, H] states are `h.unsqueeze(0)` for one "
        "layer and direction)."
    )


@pytest.mark.parametrize(
    ("interval", "hint"),
    [
        (
            [0.1, 0.9, 0.5, 0.95],
            " (the quantiles 0.95 (with 0.05) bound the central interval 0.9, 0.1 and 0.9 the "
            "central interval 0.8: one call each)",
        ),
        ([0.1, 0.1, 0.9], " (the quantiles 0.1 and 0.9 bound the central interval 0.8)"),
    ],
    ids=["one unpaired", "repeated"],
)
def test_quantiles_with_one_unpaired_are_told_the_central_intervals(fitted, interval, hint) -> None:
    # Darts' quantiles [0.1, 0.5, 0.9, 0.95] (0.95 without 0.05) were told "one level per
    # call: call it once for each", as if 0.1 and 0.5 were levels (a 10 % and a 50 % interval)
    with pytest.raises(ValueError) as caught:
        fitted.predict(2, interval=interval)
    assert str(caught.value) == (
        f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, got {interval!r}{hint}."
    )


def test_a_gap_refused_by_backtest_names_backtest_beside_the_fill() -> None:
    # backtest's own refusal of a gap said the fill's result is what "Forecaster.fit and
    # predict take", not backtest, the method called
    series = pd.Series(np.arange(1.0, 41.0), DAYS).drop(DAYS[10])
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).backtest(series, start=-6)
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2024-01-12 (usual step: 1 day); missing 2024-01-11; pass fill='ffill', 'bfill', "
        "'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv (CLI: --fill), whose "
        "result Forecaster.fit, predict and backtest take, to insert the missing timestamps "
        "and fill their values."
    )


def test_fill_guessed_as_a_field_of_the_config_is_told_where_it_is() -> None:
    # Forecaster(fill="ffill") got "unknown keyword argument 'fill'; they set fields of
    # ForecasterConfig", with no word of to_frame (as freq gets its own)
    with pytest.raises(TypeError) as caught:
        Forecaster(fill="ffill")
    assert str(caught.value) == (
        "Forecaster() got unknown keyword argument 'fill' (no field fills gaps: `fill` is an "
        "argument of lstmkit.data.to_frame and read_csv, whose result fit takes: "
        "fit(to_frame(series, fill='interpolate'))); they set fields of ForecasterConfig."
    )

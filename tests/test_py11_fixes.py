"""Defects a user coming from Darts, NeuralForecast or Keras met in the Python API and its
messages (py11), each pinned by the test that found it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = {"horizon": 2, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}
TINY |= {"calendar": False, "progress": False}
DAYS = pd.date_range("2024-01-01", periods=40, freq="D")
MUST = "`interval` must be a number strictly between 0 and 1, e.g. 0.8"


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    return Forecaster(**TINY).fit(pd.Series(np.arange(1.0, 41.0), DAYS))


HUNDRED = " (100 % is no interval: its bounds would be infinite; e.g. 0.99)"


@pytest.mark.parametrize(
    ("interval", "shown", "hint"),
    [
        (
            [10, 90],
            "[10, 90]",
            " (in percent, the quantiles 0.1 and 0.9 bound the central interval 0.8; as levels, "
            "fractions one per call: 0.1 for 10 %, 0.9 for 90 %)",
        ),
        (
            (0.5,),
            "(0.5,)",
            " (the quantile 0.5 alone is the median: the `forecast` column; a 50 % interval "
            "is 0.5)",
        ),
        (
            [0.8, 0.95],
            "[0.8, 0.95]",
            " (one level per call: 0.8, then 0.95; backtest(levels=(0.8, 0.95)) scores several "
            "at once)",
        ),
        ("0,9", "'0,9'", " (a number with a decimal point, not text: 0.9)"),
        (True, "True", " (a coverage, not a switch: e.g. 0.8)"),
        (1, "1", HUNDRED),
        (100, "100", HUNDRED),
        (1.0, "1", HUNDRED),
        ((0.5, 0.5), "(0.5, 0.5)", " (one level, not a list: 0.5)"),
    ],
    ids=["[10, 90]", "(0.5,)", "[0.8, 0.95]", "'0,9'", "True", "1", "100", "1.0", "twice"],
)
def test_an_interval_next_to_py10s_forms_is_told_what_to_pass(
    fitted, interval, shown, hint
) -> None:
    # [10, 90] was read as two levels only, (0.5,) told to pass 0.5 (a 50 % interval, not the
    # median it is in Darts), [0.8, 0.95] "call it once for each" with no word of backtest's
    # levels, and "0,9", True, 1, 100 and 0 got no hint at all
    with pytest.raises(ValueError) as caught:
        fitted.predict(2, interval=interval)
    assert str(caught.value) == f"{MUST}, got {shown}{hint}."


@pytest.mark.parametrize(
    ("interval", "shown", "hint"),
    [
        (0, "0", " (None for no interval)"),
        (False, "False", " (a coverage, not a switch: None for no interval)"),
        (True, "True", " (a coverage, not a switch: e.g. 0.8)"),
        (100, "100", HUNDRED),
        ("0,95", "'0,95'", " (a number with a decimal point, not text: 0.95)"),
    ],
    ids=["0", "False", "True", "100", "'0,95'"],
)
def test_the_config_tells_the_same_hints_and_none_for_no_interval(interval, shown, hint) -> None:
    # ForecasterConfig(interval=0) and interval=False (no interval, as the CLI's 0) were told
    # only the range, not that None is "none" here
    with pytest.raises(ValueError) as caught:
        ForecasterConfig(**TINY | {"interval": interval})
    assert str(caught.value) == f"{MUST}, or None, got {shown}{hint}."


def test_backtest_takes_several_levels_and_tells_percent_entries() -> None:
    # the call the hint for [0.8, 0.95] advises runs and scores both; [10, 90] is told each
    # fraction
    series = pd.Series(np.arange(40.0), DAYS)
    with pytest.warns(UserWarning, match=r"^backtest: the 95% level is not scored") as seen:
        result = Forecaster(**TINY | {"interval": 0.5}).backtest(
            series, levels=[0.8, 0.95], statistical_baselines=False
        )
    assert len(seen) == 1  # 0.95 lacks validation errors, said once (revpy37)
    assert list(result.calibration["nominal"]) == [0.5, 0.8, 0.95]
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).backtest(series, levels=[10, 90])
    assert str(caught.value) == (
        "every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got 10 "
        "(a fraction: 0.1 for 10 %), 90 (a fraction: 0.9 for 90 %)."
    )


@pytest.mark.parametrize(
    ("value", "got"),
    [
        ("0,9", "'0,9' (a decimal point: 0.9)"),
        ("90,5%", "'90,5%' (a decimal point and a fraction: 0.905 for 90.5 %)"),
        ("80,95", "'80,95'"),  # two levels or 80.95 %: no guess
    ],
)
def test_a_decimal_comma_on_the_command_line_is_told_the_point(
    interval_refusal: Callable[[list[str]], str], value, got
) -> None:
    # `--interval 0,9` got "got '0,9'" with no word of the decimal point
    assert interval_refusal(["forecast", "airline", "--interval", value]) == (
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 "
        f"for none, got {got}.\n"
    )


def test_a_hundred_percent_on_the_command_line_is_told_why_not(capsys, tmp_path: Path) -> None:
    # `--interval 100` (and 1) got the range only, nothing written
    assert main(["forecast", "airline", "--interval", "100", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == (
        f"error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        f"got 100{HUNDRED}.\n"
    )
    assert not (tmp_path / "o").exists()


def test_a_first_origin_with_too_few_points_is_told_the_start_that_fits_and_it_runs() -> None:
    # "pass a later `start`" named no start; the CLI's --backtest-origins refusal names the
    # count that fits, as "series too short" names a --lookback
    series = pd.Series(np.arange(1.0, 21.0), DAYS[:20])
    forecaster = Forecaster(**TINY | {"lookback": 8, "interval": None})
    with pytest.raises(ValueError) as caught:
        forecaster.backtest(series, start=5, statistical_baselines=False)
    assert str(caught.value) == (
        "the first origin (position 5, 2024-01-06) leaves 5 points before it: the series is too "
        "short: lookback (8) + horizon (2) + differencing (0) + validation windows (1) need at "
        "least 11 points, got 5; pass a later `start`: start=11 (2024-01-12) is the earliest "
        "that runs, 4 origins 2 steps apart (the last at position 17); start=12 (2024-01-13) "
        "runs as many, the last at position 18, the last whole horizon."
    )
    result = forecaster.backtest(series, start=12, statistical_baselines=False)
    origins = list(dict.fromkeys(result.forecasts["origin"]))
    assert [str(origin.date()) for origin in origins] == [
        "2024-01-13",
        "2024-01-15",
        "2024-01-17",
        "2024-01-19",
    ]


@pytest.mark.parametrize("argument", ["covariates", "future_covariates"])
def test_covariates_sharing_no_step_name_the_series_steps_as_given(argument) -> None:
    # a model on 168-hour steps was told "its frequency is W-MON, the series' 7D" (the steps as
    # the model reads them, not as the user gave them, as freq10's other messages name them)
    hours = pd.date_range("2020-01-06 09:00", periods=30, freq="168h")
    mondays = pd.DataFrame(
        {"x": np.arange(30.0)}, pd.date_range("2020-01-06", periods=30, freq="W-MON")
    )
    with pytest.raises(ValueError) as caught:
        Forecaster(**TINY).fit(pd.Series(np.arange(30.0), hours), **{argument: mondays})
    assert str(caught.value).endswith(
        " (none of its timestamps is one of the steps: its frequency is W-MON, the series' 168h; "
        "stamp them as the series' steps)."
    )


def test_fit_and_the_cli_say_the_default_look_back_alike_and_truly(capsys, tmp_path) -> None:
    # fit said "one to three seasons", the CLI "up to three seasons" (and its note on minutes
    # "three seasons"); the default is the longest of 3, 2, 1 seasons that leaves enough windows
    y = 10 + np.sin(np.arange(13.0))
    days = pd.Series(y, DAYS[:13])
    config = {"horizon": 7, "epochs": 1, "ensemble": 1, "interval": None, "progress": False}
    with pytest.raises(ValueError) as caught:
        Forecaster(**config).fit(days)
    said = "The look-back defaults to one to three seasons (m=7); "
    assert said in str(caught.value)
    path = tmp_path / "days.csv"
    pd.DataFrame({"date": DAYS[:20].strftime("%Y-%m-%d"), "y": np.resize(y, 20)}).to_csv(
        path, index=False
    )
    argv = ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "y"]
    assert main([*argv, "--no-progress", "--out", str(tmp_path / "o")]) == 2
    assert said in capsys.readouterr().err
    lookbacks = [Forecaster(**config)._auto_lookback(n, 7) for n in (40, 48, 60)]
    assert lookbacks == [7, 14, 21]  # one, two and three seasons


WIDE = pd.DataFrame(
    {"a": np.arange(1.0, 41.0), "b": np.arange(41.0, 1.0, -1.0), "c": np.arange(40.0) % 7}, DAYS
)


def test_a_wide_frame_given_to_backtest_is_said_as_fit_says_it(caplog) -> None:
    # fit logged how a wide frame is read (py10), backtest read it alike without a word; its
    # origins' fits, given the target and covariates apart, say nothing more
    with caplog.at_level(logging.INFO, logger="lstmkit"):
        Forecaster(**TINY | {"interval": None}).backtest(WIDE, statistical_baselines=False)
    said = [r.getMessage() for r in caplog.records if "the first column" in r.getMessage()]
    assert said == [
        "backtest: the target is 'a', the first column of `series`; its other columns, 'b', "
        "'c', are covariates (past inputs), not more targets: one Forecaster per target"
    ]


def test_a_wide_frames_columns_reordered_are_told_the_selection_that_runs(fitted_wide) -> None:
    # "must have the training data's columns in its order" named no way to put them back
    refusal = (
        "`series` and `covariates` must have the training data's columns in its order, ['a', "
        "'b', 'c'], got ['a', 'c', 'b']; the network reads them by position: pass "
    )
    with pytest.raises(ValueError) as caught:
        fitted_wide.predict(2, series=WIDE["a"], covariates=WIDE[["c", "b"]])
    assert str(caught.value) == refusal + "covariates[['b', 'c']]."
    with pytest.raises(ValueError) as caught:
        fitted_wide.predict(2, series=WIDE[["a", "c", "b"]])
    assert str(caught.value) == refusal + "series[['a', 'b', 'c']]."
    expected = fitted_wide.predict(2)
    advised = fitted_wide.predict(2, series=WIDE["a"], covariates=WIDE[["c", "b"]][["b", "c"]])
    pd.testing.assert_frame_equal(advised, expected)
    pd.testing.assert_frame_equal(fitted_wide.predict(2, series=WIDE[["a", "b", "c"]]), expected)


@pytest.fixture(scope="module")
def fitted_wide() -> Forecaster:
    return Forecaster(**TINY | {"interval": None}).fit(WIDE)


@pytest.mark.parametrize(
    ("freq", "named"),
    [
        ("168h", "168h"),
        ("1440min", "1440min"),
        ("D", None),
        (pd.offsets.BusinessHour(start="08:00", end="15:00"), None),
    ],
    ids=["168h", "1440min", "D", "bh 8-15"],
)
def test_backtest_and_residuals_name_steps_from_the_prepared_frames_attrs(
    monkeypatch, freq, named
) -> None:
    # backtest and residuals recomputed _given_freq(series, frame.index) after
    # _as_saved_hours, which the prepared frame's attrs hold already: equal, as they read now
    import lstmkit.forecast as module

    start = "2024-01-01 08:00" if named is None and freq != "D" else "2024-01-01"
    series = pd.Series(np.arange(1.0, 41.0), pd.date_range(start, periods=40, freq=freq))
    read = []

    def spy(forecaster, frame, **kwargs):
        read.append((frame.attrs["given_freq"], module._given_freq(series, frame.index)))
        return rolling_origin(forecaster, frame, **kwargs)

    rolling_origin = module.rolling_origin
    monkeypatch.setattr(module, "rolling_origin", spy)
    model = Forecaster(**TINY | {"interval": None}).fit(series)
    with pytest.warns(UserWarning, match="so their scores are in-sample"):
        result = model.backtest(series, retrain=False, statistical_baselines=False)
    residuals = model.residuals(series)
    assert read == [(named, named)] * 2
    for index in (result.series.index, residuals.index, model.history(series).index):
        assert index.freqstr == (named or series.index.freqstr)


def test_a_series_column_named_like_a_future_covariate_is_refused_with_its_own_name() -> None:
    # a wide frame with a column fut:x (as history() names a future covariate x) read it as a
    # past covariate, and explanations and repr showed it as x, the future covariate's name
    plan = pd.DataFrame({"x": np.arange(40.0) % 7}, DAYS)
    sales = pd.Series(np.arange(1.0, 41.0), DAYS, name="sales")
    model = Forecaster(**TINY | {"interval": None}).fit(sales, future_covariates=plan)
    assert list(model.history().columns) == ["sales", "fut:x"]
    wide = pd.concat([sales, plan.add_prefix("fut:")], axis=1)
    refit = Forecaster(**TINY | {"interval": None})
    with pytest.raises(ValueError) as caught:
        refit.fit(wide)
    assert str(caught.value) == (
        "`series` must have no column named fut:NAME, the name of a future covariate, got "
        "'fut:x': a column of `series` beside the target is a past covariate. Pass a future "
        "covariate as future_covariates= under its own name ('x'), or rename the column."
    )
    assert getattr(refit, "state_", None) is None  # nothing fitted
    with pytest.raises(ValueError, match=r"^`series` must have no column named fut:NAME"):
        refit.backtest(wide, statistical_baselines=False)
    advised = refit.fit(sales, future_covariates=wide[["fut:x"]].set_axis(["x"], axis=1))
    assert advised.state_["columns"] == ["sales", "fut:x"]

"""Fixes found by a Darts / NeuralForecast user forecasting from Python: long-format frames,
newer histories with covariates known ahead, and backtests started as Darts starts them."""

import numpy as np
import pandas as pd
import pytest

from lstmkit._checks import value_repr
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster

AIR = load_dataset("airline")
QUICK = {"hidden_size": 4, "epochs": 1, "ensemble": 1, "refit": False, "lookback": 12}


def test_a_newer_history_without_its_covariate_counts_no_future_covariate_column():
    # predict(series=y) of a model fitted on (y, temp) with a future covariate said "must
    # have 3 column(s) ... (['airline', 'temp', 'fut:promo']), got 2": the plan passed as
    # future_covariates counted as a column of the series, which has one
    rng = np.random.default_rng(0)
    plan = pd.Series(
        (rng.random(150) < 0.3).astype(float),
        pd.date_range(AIR.index[0], periods=150, freq="MS"),
        name="promo",
    )
    temp = pd.Series(rng.normal(size=len(AIR)), AIR.index, name="temp")
    fc = Forecaster(horizon=3, **QUICK).fit(pd.concat([AIR, temp], axis=1), future_covariates=plan)
    expected = (
        "`series` must have 2 columns like the training data (['airline', 'temp']), got {} "
        "with `covariates`; the future covariates ['promo'] come from `future_covariates`, not "
        "from `series`{}."
    )
    # fewer columns than the training data's: where the covariates go (tests/test_revqa10_fixes.py)
    fewer = (
        "; its covariates ['temp'] come with `covariates=` (or as more columns of a DataFrame "
        "`series`)"
    )
    with_plan = pd.concat([AIR, temp, plan[: len(AIR)]], axis=1)
    for series, got in ((AIR, 1), (with_plan, 3)):
        for call in (
            lambda s=series: fc.predict(3, series=s, future_covariates=plan),
            lambda s=series: fc.residuals(s, future_covariates=plan),
            lambda s=series: fc.backtest(
                s,
                start=-6,
                retrain=False,
                future_covariates=plan,
                statistical_baselines=False,
            ),
        ):
            with pytest.raises(ValueError) as err:
                call()
            assert str(err.value) == expected.format(got, fewer * (got == 1))


@pytest.mark.parametrize("start", [0.8, np.float32(0.8)])
def test_a_backtest_started_at_a_fraction_names_the_position_it_stands_for(start):
    # Darts' backtest(start=0.8) is a fraction of the series; it was refused as no position
    # without a word on the fraction
    fc = Forecaster(horizon=6, **QUICK)
    with pytest.raises(ValueError) as err:
        fc.backtest(AIR, start=start)
    assert str(err.value) == (
        "`start` must be a position in 1..138 (or -143..-6 from the end), or one of the "
        "series' times from 1949-02-01 to 1960-07-01 (the first step it forecasts), leaving a "
        f"whole horizon (6) of the 144 points after it, got {value_repr(start)}; for a fraction "
        "of the series, as Darts' start=0.8, pass the position Darts reads it as, "
        "int(0.8 * (144 - 1)) = 114."
    )
    with pytest.raises(ValueError) as err:
        fc.backtest(AIR, start=1.5)
    assert str(err.value).endswith(
        "after it, got 1.5; `start` must be a position as an int or one of the series' times, "
        "not a float."
    )


def test_long_format_frames_joined_by_concat_are_named_so_not_by_their_row_numbers():
    # NeuralForecast's frame built per series, pd.concat([...]) without ignore_index: its row
    # numbers 0..143, 0..143 were refused first ("the integer index of `series` must rise by
    # one constant step, got 143 then 0 (row 144)"), where a frame with fresh row numbers was
    # named a long-format one with the selection that runs
    parts = [
        pd.DataFrame({"unique_id": uid, "ds": AIR.index, "y": AIR.to_numpy() * k})
        for uid, k in (("a", 1.0), ("b", 2.0))
    ]
    fc = Forecaster(horizon=3, **QUICK)
    for long in (pd.concat(parts), pd.concat(parts, ignore_index=True)):
        with pytest.raises(ValueError) as err:
            fc.fit(long)
        assert str(err.value) == (
            "`series` must hold values only, with the dates as its index, got a column of "
            "dates, 'ds', whose dates repeat. It looks like 2 series in long format, one per "
            "value of 'unique_id' (a, b). A Forecaster fits one series (a DataFrame's other "
            "columns are its covariates): select one, e.g. series[series['unique_id'] == "
            "'a'].set_index('ds')['y'], and fit one Forecaster per series, looping over "
            "series.groupby('unique_id') (from a CSV, `lstmkit forecast --series-col "
            "unique_id` does this)."
        )
    one = parts[0].set_index("ds")["y"]
    assert fc.fit(one).predict(3).index[0] == pd.Timestamp("1961-01-01")


def test_future_covariates_stamped_at_month_ends_for_a_series_of_month_starts_say_so():
    # a plan at month ends ('ME', Darts' and pandas' old 'M') beside a series of month starts
    # ('MS') missed every step, with no word on why: the same months, stamped otherwise
    rng = np.random.default_rng(0)
    starts = pd.date_range(AIR.index[0], periods=150, freq="MS")
    plan = pd.Series((rng.random(150) < 0.3).astype(float), starts, name="promo")
    ends = plan.set_axis(starts + pd.offsets.MonthEnd(0))
    hint = (
        " (none of its timestamps is one of the steps: its frequency is ME, the series' MS; "
        "stamp them as the series' steps, e.g. future_covariates.index = "
        "future_covariates.index.to_period('M').to_timestamp())."
    )
    fc = Forecaster(horizon=3, **QUICK)
    with pytest.raises(ValueError) as err:
        fc.fit(AIR, future_covariates=ends)
    assert str(err.value) == (
        "`future_covariates` must cover the series' 144 points, 144 steps from 1949-01-01 to "
        "1960-12-01, got values from 1949-01-31 to 1961-06-30: 144 of those steps are "
        "missing, the first 1949-01-01" + hint
    )
    fc.fit(AIR, future_covariates=plan)
    with pytest.raises(ValueError) as err:
        fc.predict(3, future_covariates=ends)
    assert str(err.value) == (
        "`future_covariates` must cover the 3 forecast steps, 3 steps from 1961-01-01 to "
        "1961-03-01, got values from 1949-01-31 to 1961-06-30: 3 of those steps are missing, "
        "the first 1961-01-01" + hint
    )
    restamped = ends.set_axis(ends.index.to_period("M").to_timestamp())
    assert fc.predict(3, future_covariates=restamped).equals(fc.predict(3, future_covariates=plan))
    # a plan that ends early hits steps before: no such note
    with pytest.raises(ValueError) as err:
        fc.predict(3, future_covariates=plan[:145])
    assert str(err.value).endswith("2 of those steps are missing, the first 1961-02-01.")


def test_a_one_series_long_frame_names_its_identifier_column_as_one():
    # NeuralForecast's frame of one series, indexed by its dates: a text unique_id was
    # advised to become one 0/1 column per category (a constant), and a numeric one became
    # the target without a word (its covariate 'y' read, the forecast that id)
    fc = Forecaster(horizon=3, **QUICK)
    frame = pd.DataFrame({"unique_id": "airline", "y": AIR.to_numpy()}, index=AIR.index)
    with pytest.raises(ValueError) as err:
        fc.fit(frame)
    assert str(err.value).endswith(
        "and 139 more (one value, 'airline', in every row, as a series' identifier: no "
        "measurement; drop the column, series.drop(columns='unique_id'))."
    )
    numbered = frame.assign(unique_id=1)
    with pytest.warns(UserWarning) as record:
        fc.fit(numbered)
    assert [str(w.message) for w in record] == [
        "the target, `series`' first column 'unique_id', holds one value (1) at all 144 "
        "points, while 'y' varies: a DataFrame's first column is the target and the others "
        "its covariates, so the forecast is that value. To forecast 'y', put it first, e.g. "
        "series[['y', 'unique_id']], or drop an identifier column: "
        "series.drop(columns='unique_id')."
    ]
    np.testing.assert_allclose(fc.predict(3)["forecast"], 1.0, rtol=1e-9)
    # the advice runs; a constant series, or one beside constant columns, is no such case
    fc.fit(numbered[["y", "unique_id"]])
    fc.fit(numbered.drop(columns="y"))
    fc.fit(numbered.assign(y=5.0))


def test_darts_and_neuralforecast_names_of_config_fields_are_answered_with_lstmkit_names():
    # Forecaster(input_size=24), NeuralForecast's look-back, was asked "did you mean
    # 'hidden_size'?", and input_chunk_length, h or learning_rate got no word at all
    for given, said in (
        (
            {"input_chunk_length": 24},
            "'input_chunk_length' (Darts' input_chunk_length is 'lookback' here)",
        ),
        ({"input_size": 24}, "'input_size' (NeuralForecast's input_size is 'lookback' here)"),
        (
            {"h": 12, "learning_rate": 0.01},
            "'h', 'learning_rate' (NeuralForecast's h is 'horizon' here; NeuralForecast's "
            "learning_rate is 'lr' here)",
        ),
        ({"freq": "M"}, "'freq' (no field sets the frequency: the series' index gives it)"),
        ({"hiden_size": 4}, "'hiden_size' (did you mean 'hidden_size'?)"),
    ):
        with pytest.raises(TypeError) as err:
            Forecaster(**given)
        assert str(err.value) == (
            f"Forecaster() got unknown keyword argument{'s' * (len(given) > 1)} {said}; they set "
            "fields of "
            "ForecasterConfig."
        )


def test_a_column_of_dates_is_named_as_the_frame_names_it():
    # pd.DataFrame(np.column_stack(...)) or read_csv(header=None) name columns 0, 1, ...: the
    # advice said series.set_index('0'), a KeyError on that frame
    frame = pd.DataFrame({0: AIR.index, 1: AIR.to_numpy()})
    with pytest.raises(ValueError) as err:
        Forecaster(horizon=3, **QUICK).fit(frame)
    assert str(err.value) == (
        "`series` must hold values only, with the dates as its index, got a column of dates, "
        "0 ('1949-01-01' … '1960-12-01'); make it the index: series = series.set_index(0)."
    )
    assert frame.set_index(0)[1].equals(AIR.rename(1).rename_axis(0))

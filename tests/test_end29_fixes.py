"""end29: forecasting leftovers: history() and encoder_inputs() told the keyword meant, as
predict is; plot_forecast's and BacktestResult.plot's figsize advice in the user's own size;
number-like text refused by the metrics; explain_forecast's refusal a public exception; a
horizon of 0 in future_index's message; an index of dates with a None refused by future_index."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from lstmkit import metrics
from lstmkit.backtest import BacktestResult
from lstmkit.data import future_index, load_dataset
from lstmkit.forecast import Forecaster, plot_forecast


@pytest.mark.parametrize("method", ["history", "encoder_inputs"])
@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({"seires": None}, "got unknown keyword argument 'seires' (did you mean 'series'?)."),
        (
            {"covariate": None},
            "got unknown keyword argument 'covariate' (did you mean 'covariates'?).",
        ),
        (
            {"zzz": 1},
            "got unknown keyword argument 'zzz'; it takes series, covariates and "
            "future_covariates.",
        ),
        (
            {"past_covariates": None},
            "takes no argument `past_covariates`: Darts' past_covariates is `covariates` here "
            "(past inputs, read over the input window).",
        ),
        (
            {"lookback": 12},
            "takes no argument `lookback`: lookback is a field of ForecasterConfig, given to "
            "Forecaster(lookback=...).",
        ),
    ],
)
def test_history_and_encoder_inputs_tell_the_keyword_meant(method, kwargs, said) -> None:
    # Python's bare "Forecaster.history() got an unexpected keyword argument 'seires'", where
    # predict, fit and backtest said the one meant
    with pytest.raises(TypeError) as caught:
        getattr(Forecaster(horizon=3), method)(**kwargs)
    assert str(caught.value) == f"Forecaster.{method}() {said}"


@pytest.mark.parametrize("method", ["history", "encoder_inputs"])
def test_history_and_encoder_inputs_tell_fill_where_it_goes(method) -> None:
    with pytest.raises(TypeError) as caught:
        getattr(Forecaster(horizon=3), method)(load_dataset("airline"), fill="interpolate")
    assert str(caught.value) == (
        f"Forecaster.{method}() takes no argument `fill`: `fill` is an argument of "
        f"lstmkit.data.to_frame and read_csv, whose result {method} takes: "
        f"{method}(to_frame(series, fill='interpolate'))."
    )


@pytest.mark.parametrize(
    ("figsize", "said"),
    [
        ((8, 3), "8, 3"),
        ([8.5, 3], "8.5, 3"),
        (np.array([6.0, 2.5]), "6, 2.5"),
        ((np.float64(7), np.int64(2)), "7, 2"),
        # no size matplotlib draws: its example, not the value back
        ("big", "12, 4"),
        ((0, 3), "12, 4"),
        ((True, 3), "12, 4"),
    ],
)
def test_figsize_advice_shows_the_size_given(figsize, said) -> None:
    # plt.subplots(figsize=(12, 4)) and set_size_inches(12, 4) whatever size was passed
    y = load_dataset("airline")
    pred = pd.DataFrame({"forecast": y[-12:].to_numpy()}, index=y.index[-12:])
    with pytest.raises(TypeError) as caught:
        plot_forecast(y[:-12], pred, figsize=figsize)
    assert str(caught.value) == (
        "plot_forecast() takes no argument `figsize`: matplotlib's figsize is that of a figure "
        f"of your own here: fig, ax = plt.subplots(figsize=({said})), then "
        "plot_forecast(..., ax=ax)."
    )
    # refused before the result is read: no backtest needed
    with pytest.raises(TypeError) as caught:
        BacktestResult.plot(None, figsize=figsize)
    assert str(caught.value) == (
        "BacktestResult.plot() takes no argument `figsize`: matplotlib's figsize is set on the "
        f"figure it returns here: bt.plot().set_size_inches({said})."
    )


@pytest.mark.parametrize("metric", ["rmse", "mae", "mape", "smape", "mase"])
@pytest.mark.parametrize(
    ("y_true", "y_pred", "said"),
    [
        (
            ["1", "2"],
            [1.0, 4.0],
            "`y_true` must hold numbers, got text (first '1'); convert it "
            "first: pd.to_numeric(y_true).",
        ),
        (
            [1.0, 2.0],
            np.array(["1", "4"]),
            "`y_pred` must hold numbers, got text (first '1'); "
            "convert it first: pd.to_numeric(y_pred).",
        ),
        (
            pd.Series(["1", "2"]),
            pd.Series([1.0, 4.0]),
            "`y_true` must hold numbers, got text "
            "(first '1'); convert it first: pd.to_numeric(y_true).",
        ),
        (
            [1.0, "2"],
            [1.0, 4.0],
            "`y_true` must hold numbers, got text (first '2'); convert it "
            "first: pd.to_numeric(y_true).",
        ),
        (
            pd.DataFrame({"y": ["1", "2"]}),
            [1.0, 4.0],
            "`y_true` must hold numbers, got text "
            "(first '1'); convert it first: y_true.apply(pd.to_numeric).",
        ),
        (
            np.array([["1"], ["2"]]),
            [1.0, 4.0],
            "`y_true` must hold numbers, got text (first "
            "'1'); convert it first: y_true.astype(float).",
        ),
    ],
)
def test_metrics_refuse_text_of_numbers(metric, y_true, y_pred, said) -> None:
    # rmse(['1', '2'], [1, 2]) was 0.0 (the text read as numbers), where ['a', 'b'] was refused
    extra = {"y_train": [1.0, 2.0, 4.0]} if metric == "mase" else {}
    with pytest.raises(ValueError) as caught:
        getattr(metrics, metric)(y_true, y_pred, **extra)
    assert str(caught.value) == said


def test_metrics_refuse_text_of_numbers_in_y_train_and_a_scalar() -> None:
    with pytest.raises(ValueError) as caught:
        metrics.mase([1.0, 2.0], [1.0, 4.0], y_train=["1", "2", "4"])
    assert str(caught.value) == (
        "`y_train` must hold numbers, got text (first '1'); convert it first: "
        "pd.to_numeric(y_train)."
    )
    with pytest.raises(ValueError) as caught:
        metrics.rmse("2", 1.0)
    assert str(caught.value) == (
        "`y_true` must hold numbers, got text (first '2'); convert it first: float(y_true)."
    )


def test_the_advised_conversion_scores_and_numbers_still_do() -> None:
    y_true = pd.Series(["1", "2"])
    assert metrics.rmse(pd.to_numeric(y_true), pd.Series([1.0, 4.0])) == 2.0**0.5
    assert metrics.mae(pd.DataFrame({"y": ["1", "2"]}).apply(pd.to_numeric), [1.0, 4.0]) == 1.0
    # missing values among numbers are no text: NaN, as the module docstring says
    assert np.isnan(metrics.rmse(pd.Series([1.0, None], dtype=object), [1.0, 2.0]))


def test_explain_forecasts_lrp_refusal_shows_a_public_type() -> None:
    # the traceback ended "lstmkit.explain.forecast._LRPRefused: `method='lrp'` does not ..."
    import traceback

    from lstmkit.explain import explain_forecast

    t = np.arange(40)
    index = pd.date_range("2020-01-06", periods=40, freq="D")
    y = pd.Series(50 + 10 * np.sin(t / 4), index, name="y")
    promo = pd.Series((t % 7 == 0) * 1.0, index, name="promo")
    fc = Forecaster(horizon=2, lookback=4, epochs=1, ensemble=1, seed=0, progress=False)
    fc.fit(y[:38], future_covariates=promo)
    with pytest.raises(ValueError) as caught:
        explain_forecast(fc, future_covariates=promo)
    assert traceback.format_exception_only(caught.type, caught.value) == [
        "ValueError: `method='lrp'` does not explain a direct Forecaster with future "
        "covariates (promo): their effect is added beside its head, outside the network LRP "
        "walks. Use another `method` (they are then held fixed), or strategy='seq2seq', whose "
        "LRP gives their relevance per forecast step.\n"
    ]


_DAYS = pd.date_range("2020-01-01", periods=5, freq="D")


@pytest.mark.parametrize(
    ("horizon", "kind", "said"),
    [
        ("3", ValueError, "got '3' (a number, not text: 3)."),
        # "(a number, not text: 0; but 0 would be refused too)", though 0 is taken
        ("0", ValueError, "got '0' (a number, not text: 0)."),
        ("-1", ValueError, "got '-1' (a number, not text: -1; but -1 would be refused too)."),
        (-1, ValueError, "got -1."),
        (2.5, ValueError, "got 2.5."),
        (0.0, ValueError, "got 0.0 (a whole number as a float: pass int(x))."),
        (None, TypeError, "got None."),
    ],
)
def test_future_index_says_the_horizons_it_takes(horizon, kind, said) -> None:
    # "must be a positive integer" where a horizon of 0 gives no steps
    with pytest.raises(kind) as caught:
        future_index(_DAYS, horizon)
    assert str(caught.value) == f"`horizon` must be an integer >= 0, {said}"


def test_future_index_takes_0_and_predict_refuses_it_still() -> None:
    assert future_index(_DAYS, 0).equals(_DAYS[:0])
    assert future_index(_DAYS, np.int64(0)).equals(_DAYS[:0])
    with pytest.raises(ValueError) as caught:
        Forecaster(horizon=3, lookback=6, ensemble=1, epochs=1, seed=0, progress=False).fit(
            load_dataset("airline")[:40]
        ).predict(0)
    assert str(caught.value) == "`horizon` must be a positive integer, got 0."


@pytest.mark.parametrize(
    ("labels", "shown", "convert"),
    [
        (
            [dt.date(2020, 1, 1), dt.date(2020, 1, 2), None],
            "datetime.date(2020, 1, 1) … datetime.date(2020, 1, 2)) with no date at position 2",
            "pd.to_datetime(index)",
        ),
        (
            [pd.Period("2020-01", "M"), None, pd.Period("2020-03", "M")],
            "Period('2020-01', 'M') … Period('2020-03', 'M')) with no date at position 1",
            "pd.PeriodIndex(index)",
        ),
    ],
)
def test_future_index_refuses_dates_with_a_none_as_fit_does(labels, shown, convert) -> None:
    # RangeIndex(start=3, stop=5, step=1), without a word, where fit refused the index
    index = pd.Index(labels, dtype=object)
    with pytest.raises(ValueError) as caught:
        future_index(index, 2)
    assert str(caught.value) == (
        "`index` must be a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates "
        f"as date objects ({shown} (empty), whose steps have no calendar; give it its date, or "
        f"drop that row, then convert it: {convert}."
    )
    series = pd.Series([1.0, 2.0, 3.0], index=index)
    with pytest.raises(ValueError) as caught:
        Forecaster(horizon=2, lookback=2).fit(series)
    assert str(caught.value) == (
        "`series` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates "
        f"as date objects ({shown} (empty), which would be read as the positions 0 .. 2, "
        "without a calendar or a season; give it its date, or drop that row, then convert it: "
        f"series.index = {convert.replace('(index)', '(series.index)')}."
    )
    # the advice runs, once the row is dropped: dates with a calendar
    converted = eval(convert, {"pd": pd, "index": index[index.notna()]})
    assert isinstance(converted, (pd.DatetimeIndex, pd.PeriodIndex)) and len(converted) == 2


def test_future_index_of_labels_with_a_none_still_goes_on_as_positions() -> None:
    assert repr(future_index(pd.Index(["a", None, "c"]), 2)) == (
        "RangeIndex(start=3, stop=5, step=1)"
    )

"""The rolling-origin loop and its result, exactly: a stand-in Forecaster whose fit trains nothing
and whose forecast is ``y[o - 1] + step`` makes every row, metric, mean and coverage a number
worked out by hand; the figure and message helpers are called directly."""

from __future__ import annotations

import math
import warnings
from dataclasses import replace
from types import SimpleNamespace
from typing import ClassVar

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

from lstmkit.backtest import (
    BacktestResult,
    _check_context,
    _draw_forecast,
    _index_before,
    _stamp,
    _time_position,
    _warn_in_sample,
    _window_problem,
    rolling_origin,
    season_problem,
)
from lstmkit.forecast import Forecaster, ForecasterConfig

# y = (t % 4) * 3 + t: each season (m = 4) adds exactly 4, so the seasonal naive is off by 4 at
# every step and MASE's in-sample scale is 4 at every origin.
T = np.arange(20.0)
Y = (T % 4) * 3 + T
DAYS = pd.date_range("2020-01-01", periods=20, freq="D")
# per level: the interval's (below, above) half-widths around the forecast at steps 1 and 2
# (step 3 has none, as a recursive model past its calibrated steps). The model's errors are
# +3 at step 1 and -6, +6, -6, +6 at step 2, so several truths lie exactly on a bound.
HALF = {0.75: (6.0, 3.0), 0.5: (6.0, 2.0), 0.6: (1.0, 1.0)}


class Stub(Forecaster):
    """Fits nothing; forecasts ``last + step`` with the bounds of :data:`HALF`; covers a level
    in :data:`HALF` (0.6 only from 13 points on)."""

    fits: ClassVar[list[int]] = []
    predicts: ClassVar[list[tuple[int, float | None]]] = []

    def fit(self, series, covariates=None, future_covariates=None):
        self.past_ = series.iloc[:, 0]
        Stub.fits.append(len(self.past_))
        return self

    def covers(self, level: float) -> bool:
        return level in HALF and (level != 0.6 or len(self.past_) >= 13)

    def predict(
        self,
        horizon=None,
        series=None,
        covariates=None,
        *,
        future_covariates=None,
        interval=None,
    ):
        Stub.predicts.append((len(self.past_), interval))
        idx = self.past_.index
        steps = np.arange(1.0, horizon + 1)
        fc = self.past_.iloc[-1] + steps
        level = self.config.interval if interval is None else interval
        below, above = HALF.get(level, (np.nan, np.nan))  # none without an interval
        known = np.where(steps <= 2, 1.0, np.nan)
        new = pd.date_range(idx[-1], periods=horizon + 1, freq=idx.freq or pd.infer_freq(idx))
        return pd.DataFrame(
            {"forecast": fc, "lower": fc - below * known, "upper": fc + above * known},
            index=new[1:],
        )


@pytest.fixture(autouse=True)
def _fresh_records() -> None:
    Stub.fits, Stub.predicts = [], []


def _stub(**overrides: object) -> Stub:
    cfg = dict(horizon=3, lookback=2, season_length=4, interval=0.75, progress=False)
    return Stub(ForecasterConfig(**{**cfg, **overrides}))


def _run(**kwargs: object) -> BacktestResult:
    series = pd.Series(Y, DAYS)
    return _stub().backtest(series, statistical_baselines=False, **kwargs)


# the stub keeps no validation errors to count; what a level needs is said all the same
UNSCORED = (
    "backtest: the 60% and 90% levels are not scored (coverage NaN, 0 points in .calibration): "
    "the model at origin 11 (2020-01-12) kept too few validation errors per forecast step, and "
    "the 90% split-conformal interval needs at least 9; a larger `val_size` in the config "
    "(val_size=9, where the series has room for it) scores it."
)


def test_each_origin_is_fitted_on_its_past_and_its_rows_hold_the_hand_forecasts() -> None:
    with pytest.warns(UserWarning) as seen:
        result = _run(start=11, stride=2, levels=(0.5, 0.6, 0.9))
    assert [str(w.message) for w in seen] == [UNSCORED]
    assert Stub.fits == [11, 13, 15, 17]  # the last origin n - horizon = 17 included
    fc = result.forecasts
    assert list(fc.columns) == [
        "origin",
        "cutoff",
        "timestamp",
        "step",
        "y_true",
        "forecast",
        "lower",
        "upper",
        "naive",
        "seasonal_naive",
    ]
    at = np.repeat([11, 13, 15, 17], 3)
    k = np.tile([1, 2, 3], 4)
    assert list(fc["origin"]) == list(DAYS[at])
    assert list(fc["cutoff"]) == list(DAYS[at - 1])
    assert list(fc["timestamp"]) == list(DAYS[at + k - 1])
    assert fc["step"].tolist() == k.tolist()
    np.testing.assert_array_equal(fc["y_true"], Y[at + k - 1])
    np.testing.assert_array_equal(fc["forecast"], Y[at - 1] + k)
    lower = [Y[o - 1] + s - 6 if s <= 2 else np.nan for o, s in zip(at, k, strict=True)]
    upper = [Y[o - 1] + s + 3 if s <= 2 else np.nan for o, s in zip(at, k, strict=True)]
    np.testing.assert_array_equal(fc["lower"], lower)
    np.testing.assert_array_equal(fc["upper"], upper)
    np.testing.assert_array_equal(fc["naive"], Y[at - 1])
    np.testing.assert_array_equal(fc["seasonal_naive"], Y[at + k - 5])
    # 0.6 is not covered at the first origin: its coverage is undefined from there on, so no
    # later origin forecasts it; 0.9 is never covered
    assert Stub.predicts == [(11, None), (11, 0.5)] + [
        (o, lv) for o in (13, 15, 17) for lv in (None, 0.5)
    ]


def test_each_origins_metrics_and_their_means_are_the_hand_numbers() -> None:
    result = _run(start=11, stride=2)
    m = result.metrics
    assert m["origin"].tolist() == [DAYS[o] for o in (11, 13, 15, 17) for _ in range(3)]
    assert m["method"].tolist() == ["model", "naive", "seasonal_naive"] * 4
    # the model's absolute errors: 3, 6, 3 at origins 11 and 15; 3, 6, 9 at 13 and 17
    model = m[m["method"] == "model"]
    rmse = [math.sqrt(18), math.sqrt(42)] * 2
    np.testing.assert_allclose(model["rmse"], rmse, rtol=1e-12)
    np.testing.assert_allclose(model["mae"], [4, 6, 4, 6], rtol=1e-12)
    np.testing.assert_allclose(model["mase"], [1.0, 1.5, 1.0, 1.5], rtol=1e-12)  # mae / 4
    mape = [100 / 3 * (3 / 20 + 6 / 12 + 3 / 16), 100 / 3 * (3 / 16 + 6 / 20 + 9 / 24)]
    np.testing.assert_allclose(model["mape"].iloc[:2], mape, rtol=1e-12)
    sn = m[m["method"] == "seasonal_naive"]
    np.testing.assert_allclose(sn[["rmse", "mae", "mase"]], np.full((4, 3), [4, 4, 1]), rtol=1e-12)
    # the naive forecast y[o - 1]: errors 4, -4, 0 at 11 and 15; 4, 8, 12 at 13 and 17
    naive = m[m["method"] == "naive"]
    np.testing.assert_allclose(naive["mae"], [8 / 3, 8, 8 / 3, 8], rtol=1e-12)
    np.testing.assert_allclose(naive["mase"], [2 / 3, 2, 2 / 3, 2], rtol=1e-12)
    s = result.summary
    assert list(s) == ["model", "naive", "seasonal_naive"]
    assert s["model"]["rmse"] == pytest.approx((math.sqrt(18) + math.sqrt(42)) / 2, rel=1e-12)
    assert s["model"]["mae"] == pytest.approx(5.0, rel=1e-12)
    assert s["model"]["mase"] == pytest.approx(1.25, rel=1e-12)
    assert s["naive"]["mae"] == pytest.approx(16 / 3, rel=1e-12)
    assert s["seasonal_naive"] == pytest.approx(
        {
            "rmse": 4.0,
            "mae": 4.0,
            "mape": s["seasonal_naive"]["mape"],
            "smape": s["seasonal_naive"]["smape"],
            "mase": 1.0,
        },
        rel=1e-12,
    )


def test_coverage_counts_truths_on_a_bound_and_only_the_steps_with_an_interval() -> None:
    """At 0.75 (forecast -6, +3) steps 1 (+3, on the upper bound) are inside, and steps 2 at
    origins 11 and 15 (-6, on the lower bound): 6 of the 8 steps that have an interval. At
    0.5 (-6, +2) only those two: 2 of 8. 0.6 lacks validation errors at origin 11 (NaN, 0
    points), 0.9 everywhere."""
    with pytest.warns(UserWarning) as seen:
        result = _run(start=11, stride=2, levels=(0.9, 0.5, 0.6, 0.75))
    assert [str(w.message) for w in seen] == [UNSCORED]
    assert result.summary["model"]["coverage"] == 0.75
    assert result.summary["model"]["nominal"] == 0.75
    cal = result.calibration
    assert list(cal.columns) == ["nominal", "coverage", "points"]
    assert cal["nominal"].tolist() == [0.5, 0.6, 0.75, 0.9]
    np.testing.assert_array_equal(cal["coverage"], [0.25, np.nan, 0.75, np.nan])
    assert cal["points"].tolist() == [8, 0, 8, 0]


def test_the_default_start_and_stride_and_a_start_from_the_end() -> None:
    """Default start n - 3 * horizon = 11 and stride = horizon = 3: origins 11, 14, 17; a
    start of -9 is 20 - 9 = 11 too."""
    for start in (None, -9, DAYS[11], "2020-01-12"):
        Stub.fits = []
        result = _run(start=start)
        assert Stub.fits == [11, 14, 17], start
        assert list(dict.fromkeys(result.forecasts["origin"])) == list(DAYS[[11, 14, 17]])


def test_a_baseline_missing_at_one_origin_is_nan_there_and_in_its_mean(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import lstmkit.backtest as B

    real = B.baseline_forecasts

    def flaky(y: np.ndarray, horizon: int, m: int, statistical: bool = True) -> dict:
        out = real(y, horizon, m, statistical)
        if len(y) == 14:  # "drift" fails at the other origins
            out["drift"] = np.full(horizon, y[-1])
        return out

    monkeypatch.setattr(B, "baseline_forecasts", flaky)
    result = _run()
    np.testing.assert_array_equal(
        result.forecasts["drift"], [np.nan] * 3 + [Y[13]] * 3 + [np.nan] * 3
    )
    drift = result.metrics[result.metrics["method"] == "drift"]
    assert drift["origin"].tolist() == list(DAYS[[11, 14, 17]])
    assert drift["mae"].isna().tolist() == [True, False, True]
    assert drift["mae"].iloc[1] == pytest.approx(4.0, rel=1e-12)  # 20, 24, 16 against 16
    assert all(math.isnan(v) for v in result.summary["drift"].values())
    assert list(result.summary["drift"]) == ["rmse", "mae", "mape", "smape", "mase"]


def test_a_monthly_period_index_gives_periods_in_every_table_and_message() -> None:
    months = pd.period_range("2004-01", periods=20, freq="M")
    result = _stub().backtest(pd.Series(Y, months), start=11, statistical_baselines=False)
    for col in ("origin", "cutoff", "timestamp"):
        assert result.forecasts[col].dtype == pd.PeriodDtype("M"), col
    assert result.forecasts["origin"].iloc[0] == pd.Period("2004-12", "M")
    assert result.forecasts["cutoff"].iloc[0] == pd.Period("2004-11", "M")
    assert result.metrics["origin"].tolist() == [months[o] for o in (11, 14, 17) for _ in range(3)]
    with pytest.raises(ValueError) as err:
        _stub().backtest(pd.Series(Y, months), start=18, statistical_baselines=False)
    assert str(err.value) == (
        "`start` must be a position in 1..17 (or -19..-3 from the end), or one of the series' "
        "times from 2004-02 to 2005-06 (the first step it forecasts), leaving a whole horizon "
        "(3) of the 20 points after it, got 18."
    )


def test_start_at_the_last_origin_is_one_origin_and_one_after_it_is_refused() -> None:
    result = _run(start=17)
    assert Stub.fits == [17]
    assert len(result.forecasts) == 3
    with pytest.raises(ValueError) as err:
        _run(start=-20)
    assert str(err.value) == (
        "`start` must be a position in 1..17 (or -19..-3 from the end), or one of the series' "
        "times from 2020-01-02 to 2020-01-18 (the first step it forecasts), leaving a whole "
        "horizon (3) of the 20 points after it, got -20."
    )
    assert Stub.fits == [17]
    with pytest.raises(ValueError, match=r"^the first origin \(position 1, 2020-01-02\) leaves 1 "):
        _run(start=-19)  # position 1: a position, too few points to fit on


def test_the_first_origin_needs_more_than_one_season_before_it() -> None:
    with pytest.raises(ValueError) as err:
        _stub(lookback=1, horizon=1).backtest(pd.Series(Y, DAYS), start=4)
    assert str(err.value) == (
        "the first origin (position 4, 2020-01-05) leaves 4 points before it: MASE and the "
        "seasonal naive baseline need more than one season (m=4) of points before each "
        "origin, got 4; pass a later `start`: start=5 (2020-01-06) fits, 15 origins 1 step "
        "apart."
    )


def test_the_repr_is_the_table_of_means() -> None:
    """Two steps at each of 4 origins: errors 3 and 6, so RMSE sqrt(22.5) = 4.743, MAE 4.5."""
    assert repr(_run(start=11, stride=2, horizon=2)) == (
        "BacktestResult: 4 origins (2020-01-12 … 2020-01-18), 2 steps each; the mean over "
        "the origins:\n"
        "                rmse  mae  mape  smape  mase  coverage  nominal\n"
        "model          4.743  4.5 25.47  25.24 1.125      0.75     0.75\n"
        "naive          5.162    5 26.67     29  1.25                   \n"
        "seasonal_naive     4    4 22.08  25.02     1                   \n"
        "(.forecasts: 8 rows; .metrics: per origin; .summary: this table as a dict; "
        ".calibration; .plot())"
    )


def _drawn_result(index: pd.Index | None = None) -> BacktestResult:
    """Two origins (70 and 83) of 13 steps on the series 0, 1, ..., 99; the forecasts are the
    truth + 1 within +-2, the seasonal naive the truth - 1."""
    index = pd.RangeIndex(100) if index is None else index
    at = np.repeat([70, 83], 13) + np.tile(np.arange(13), 2)
    truth = at.astype(float)
    forecasts = pd.DataFrame(
        {
            "origin": index[np.repeat([70, 83], 13)],
            "cutoff": index[np.repeat([69, 82], 13)],
            "timestamp": index[at],
            "step": np.tile(np.arange(1, 14), 2),
            "y_true": truth,
            "forecast": truth + 1,
            "lower": truth - 1,
            "upper": truth + 3,
            "naive": truth - 2,
            "seasonal_naive": truth - 1,
        }
    )
    metrics = pd.DataFrame({"method": ["model", "naive", "seasonal_naive"] * 2})
    summary = {
        "model": {"rmse": 1.5, "mae": 1.25, "coverage": 0.75, "nominal": 0.8},
        "naive": {"rmse": 3.5, "mae": 3.25},
        "seasonal_naive": {"rmse": 2.5, "mae": 2.25},
    }
    series = pd.Series(np.arange(100.0), index)
    return BacktestResult(forecasts, metrics, summary, series=series)


def _labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_the_plot_shows_three_horizons_before_the_first_origin_and_one_legend_entry_each() -> None:
    ax = _drawn_result().plot().axes[0]
    # the series from 70 - 3 * 13 = 31, then per origin: its line, forecast, baseline
    assert ax.lines[0].get_xdata()[0] == 31
    assert ax.lines[0].get_label() == "series"
    assert _labels(ax) == ["series", "origins", "forecast", "80% interval", "seasonal naive"]
    assert ax.get_title() == (
        "2 origins: mean RMSE 1.5, seasonal naive 2.5; interval coverage 75% (nominal 80%)"
    )
    colors = [mcolors.to_hex(line.get_color()) for line in ax.lines[1:]]
    blue, orange = mcolors.to_hex("tab:blue"), mcolors.to_hex("tab:orange")
    grey = mcolors.to_hex("0.55")
    assert colors == [blue, blue, grey, orange, orange, grey]
    assert [mcolors.to_hex(c.get_facecolor()[0]) for c in ax.collections] == [blue, orange]
    ax = _drawn_result().plot(context=5, baseline="naive", title="t").axes[0]
    assert ax.lines[0].get_xdata()[0] == 65
    assert ax.get_title() == "t"
    with pytest.raises(ValueError) as err:
        _drawn_result().plot(baseline="drift")
    assert str(err.value) == (
        "`baseline` must be one of ['naive', 'seasonal_naive'] or None, got 'drift'."
    )


def test_the_plot_without_a_series_draws_each_origins_truth_and_dates_its_axis() -> None:
    from matplotlib.dates import ConciseDateFormatter

    result = _drawn_result(pd.date_range("2020-01-01", periods=100, freq="D"))
    result.series = None
    ax = result.plot(baseline=None).axes[0]
    assert [line.get_label() for line in ax.lines[:2]] == ["truth", "_child1"]
    assert list(ax.lines[0].get_ydata()) == list(np.arange(70.0, 83.0))
    assert _labels(ax) == ["truth", "origins", "forecast", "80% interval"]
    assert ax.get_title() == "2 origins: mean RMSE 1.5; interval coverage 75% (nominal 80%)"
    assert isinstance(ax.xaxis.get_major_formatter(), ConciseDateFormatter)


def test_a_forecast_is_drawn_with_its_band_over_the_steps_that_have_one() -> None:
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    frame = pd.DataFrame(
        {"forecast": [1.0, 2.0, 3.0], "lower": [0.0, 1.0, np.nan], "upper": [2.0, 3.0, np.nan]}
    )
    frame.attrs["interval"] = 1.0  # not a coverage: no percentage
    _draw_forecast(ax, frame, "tab:green")
    (line,) = ax.lines
    assert (line.get_label(), line.get_linewidth()) == ("forecast", 1.8)
    (band,) = ax.collections
    assert (band.get_label(), band.get_alpha()) == ("interval", 0.2)
    np.testing.assert_array_equal(band.get_paths()[0].vertices[:, 0].min(), 0.0)
    np.testing.assert_array_equal(band.get_paths()[0].vertices[:, 0].max(), 1.0)
    ax = Figure().subplots()
    _draw_forecast(ax, frame.assign(lower=np.nan), "tab:green", labelled=False)
    assert len(ax.collections) == 0
    assert ax.lines[0].get_label() == "_child0"


def test_season_problem_needs_more_than_one_season() -> None:
    assert season_problem(4, 4, "points") == (
        "MASE and the seasonal naive baseline need more than one season (m=4) of points, got 4"
    )
    assert season_problem(5, 4, "points") is None
    assert season_problem(1, 1, "points") is None  # no season: nothing to need


def test_check_context_takes_positive_integers_only() -> None:
    assert _check_context(None) is None
    assert _check_context(1) == 1
    for bad in (0, -1, 1.5, "3"):
        with pytest.raises(ValueError) as err:
            _check_context(bad)
        # text is told the number it reads as (fol20)
        told = " (a number, not text: 3)" if bad == "3" else ""
        assert str(err.value) == f"`context` must be a positive integer or None, got {bad!r}{told}."


def test_index_before_continues_an_index_backwards_by_its_step() -> None:
    three = pd.DatetimeIndex(["2020-01-01", "2020-01-02", "2020-01-03"])  # freq inferred
    assert three.freq is None
    assert list(_index_before(three, 2)) == list(pd.DatetimeIndex(["2019-12-30", "2019-12-31"]))
    assert list(_index_before(pd.Index([5]), 2)) == [3, 4]
    assert list(_index_before(pd.Index([10, 13, 16]), 2)) == [4, 7]
    assert list(_index_before(pd.RangeIndex(20, 30, 5), 3)) == [5, 10, 15]
    msg = (
        "an array `history` is placed just before the forecast, which needs a forecast index "
        "with a regular step (a DatetimeIndex with a frequency, or evenly spaced integers), "
        "got {}; pass `history` as a Series with its own index."
    )
    with pytest.raises(ValueError) as err:
        _index_before(pd.Index([1, 2, 4]), 2)
    assert str(err.value) == msg.format("Index [1, 2, 4]")
    with pytest.raises(ValueError) as err:
        _index_before(pd.Index([1, 2, 4, 8]), 2)
    assert str(err.value) == msg.format("Index [1, 2, 4, ...]")
    two = pd.DatetimeIndex(["2020-01-01", "2020-01-02"])  # too few to infer a frequency
    with pytest.raises(ValueError) as err:
        _index_before(two, 1)
    assert str(err.value) == msg.format("DatetimeIndex [2020-01-01 00:00:00, 2020-01-02 00:00:00]")


def test_stamp_shows_the_datas_period_a_date_or_the_value() -> None:
    frame = pd.DataFrame(index=pd.date_range("2004-01-01", periods=3, freq="MS"))
    assert _stamp(frame, pd.Timestamp("2004-12-01")) == "2004-12-01"
    frame.attrs["period"] = "M"
    assert _stamp(frame, pd.Timestamp("2004-12-01")) == pd.Period("2004-12", "M")
    assert _stamp(frame, 7) == 7


def test_time_position_finds_a_time_and_gives_minus_one_for_none() -> None:
    frame = pd.DataFrame(index=pd.date_range("2020-01-01", periods=4, freq="D", tz="UTC"))
    assert _time_position(frame, "2020-01-03") == 2  # naive, read in the index's zone
    assert _time_position(frame, "2021-01-03") == -1
    assert _time_position(frame, "NaT") == -1
    assert _time_position(frame, object()) == -1
    naive = pd.DataFrame(index=pd.date_range("2020-01-01", periods=4, freq="D"))
    assert _time_position(naive, pd.Period("2020-01-04", "D")) == 3
    assert _time_position(naive, "2020-01-05") == -1


def _fitted_until(end: int) -> SimpleNamespace:
    return SimpleNamespace(_history=lambda: pd.Series(0.0, DAYS[: end + 1]))


def test_the_in_sample_warning_counts_origins_up_to_the_training_end_and_names_the_next() -> None:
    frame = pd.DataFrame({"y": Y}, index=DAYS)
    with pytest.warns(UserWarning) as caught:
        _warn_in_sample(_fitted_until(13), frame, [11, 13, 15], 3)
    assert [str(w.message) for w in caught] == [
        "backtest(retrain=False): 2 of the 3 origins forecast points this model was trained "
        "on (its data ends at 2020-01-14), so their scores are in-sample, not a test. Pass "
        "retrain=True, or a `start` of 14 (2020-01-15) or later."
    ]
    with pytest.warns(
        UserWarning, match=r"Pass retrain=True, or a `start` of 17 \(2020-01-18\) or later\.$"
    ):
        _warn_in_sample(_fitted_until(16), frame, [11], 3)  # 17 = 20 - 3, the last origin
    with pytest.warns(UserWarning, match=r"Pass retrain=True, or newer data\.$"):
        _warn_in_sample(_fitted_until(17), frame, [11], 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _warn_in_sample(_fitted_until(13), frame, [14, 17], 3)


def test_window_problem_names_the_points_the_model_reads() -> None:
    model = SimpleNamespace(_reads=lambda: 5, config=SimpleNamespace(difference=1))
    assert _window_problem(model, 5, 1) is None
    assert _window_problem(model, 4, 1) == (
        "the fitted model reads lookback (4) + differencing (1) = 5 points to forecast from, "
        "so with retrain=False the first origin can be position 5 at the earliest"
    )


def test_a_series_too_short_for_the_horizon_or_the_default_start_is_refused_by_name() -> None:
    with pytest.raises(ValueError) as err:
        _run(horizon=20)  # the last origin n - horizon = 0 leaves nothing before it
    assert str(err.value) == "`horizon` (20) leaves no origin in a series of 20 points."
    with pytest.raises(ValueError) as err:
        _run(horizon=19)  # one origin, 1, too short for a refit: no `start` helps (revfc33)
    assert str(err.value) == (
        "`horizon` (19) is too long for the series: even the last origin (position 1, "
        "2020-01-02) leaves 1 point before it: lookback (2) + horizon (19) + differencing (0) "
        "+ validation windows (1) need at least 22 points, got 1."
    )
    series = pd.Series(Y[:18], DAYS[:18])
    with pytest.raises(ValueError) as err:
        _stub().backtest(series, horizon=6)  # 18 - 3 * 6 = 0: no point before it
    assert str(err.value) == (
        "the default `start` (n - 3 * horizon = 0) needs more than 18 points, got 18; pass "
        "`start` (a position in 1..12)."
    )
    assert Stub.fits == []


class Fitted(Stub):
    """:class:`Stub` as a model fitted on the first 14 days (retrain=False): each origin's
    forecast is made from its past by the fitted model, as the stub's own."""

    def _horizon_problem(self, horizon: int) -> None:
        self.h_ = horizon

    def _reads(self) -> int:
        return 2

    def _positive_problem(self, frame: pd.DataFrame, ends: object) -> None:
        return None

    def _history(self) -> pd.Series:
        return pd.Series(Y[:14], DAYS[:14])

    def _origin_forecasts_t(self, frame: pd.DataFrame, origins: list[int], horizon: int):
        return iter([frame.iloc[o - 1, 0] for o in origins])

    def _state(self) -> dict:
        return {"errors": [], "quantiles": HALF[self.config.interval], "m": 4}

    def _half_widths(self, errors: object, level: float) -> tuple[float, float]:
        return HALF[level]

    def covers(self, level: float) -> bool:
        return level in HALF

    def _columns(self, last: float, half: tuple[float, float]) -> dict[str, np.ndarray]:
        steps = np.arange(1.0, self.h_ + 1)
        known = np.where(steps <= 2, 1.0, np.nan)
        fc = last + steps
        return {"forecast": fc, "lower": fc - half[0] * known, "upper": fc + half[1] * known}


def test_without_retraining_the_fitted_models_forecasts_are_scored_as_a_retrained_ones() -> None:
    frame = pd.DataFrame({"value": Y}, index=DAYS)
    with pytest.warns(UserWarning) as caught:
        result = rolling_origin(
            Fitted(_stub().config),
            frame,
            start=11,
            stride=2,
            retrain=False,
            statistical_baselines=False,
            levels=(0.5,),
        )
    assert [str(w.message) for w in caught] == [
        "backtest(retrain=False): 2 of the 4 origins forecast points this model was trained "
        "on (its data ends at 2020-01-14), so their scores are in-sample, not a test. Pass "
        "retrain=True, or a `start` of 14 (2020-01-15) or later."
    ]
    retrained = _run(start=11, stride=2, levels=(0.5,))
    pd.testing.assert_frame_equal(result.forecasts, retrained.forecasts, check_exact=True)
    pd.testing.assert_frame_equal(result.metrics, retrained.metrics, check_exact=True)
    pd.testing.assert_frame_equal(result.calibration, retrained.calibration, check_exact=True)
    assert result.summary == retrained.summary


def test_the_progress_bar_says_backtest_or_residuals(capsys: pytest.CaptureFixture[str]) -> None:
    frame = pd.DataFrame({"value": Y}, index=DAYS)
    fitted = Fitted(replace(_stub().config, progress=True))
    for scored, desc in ((True, "backtest: "), (False, "residuals: ")):
        result = rolling_origin(fitted, frame, start=14, horizon=1, retrain=False, scored=scored)
        assert capsys.readouterr().err.lstrip("\r").startswith(desc)
    assert (result.summary, len(result.metrics), result.calibration) == ({}, 0, None)
    assert result.forecasts["forecast"].tolist() == [Y[o - 1] + 1 for o in range(14, 20)]


def test_statistical_baselines_run_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    import lstmkit.baselines as baselines

    class Mean:  # a stand-in statistical model: the mean of the past
        def __init__(self, m: int) -> None:
            self.m = m

        def forecast(self, y: np.ndarray, h: int) -> dict[str, np.ndarray]:
            return {"mean": np.full(h, y.mean() + self.m)}

    monkeypatch.setattr(baselines, "_statsforecast", lambda: {"Mean": Mean})
    assert "Mean" not in _run(start=17).forecasts
    result = _stub().backtest(pd.Series(Y, DAYS), start=17)
    np.testing.assert_array_equal(result.forecasts["Mean"], np.full(3, Y[:17].mean() + 4))
    assert result.metrics["method"].tolist() == ["model", "naive", "seasonal_naive", "Mean"]


def test_the_configs_interval_among_levels_is_scored_once_from_the_forecasts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Even where its models' validation errors would not give it as another level (covers()
    is False for it), the interval's coverage is that of the forecasts' bounds: 6 of 8."""
    monkeypatch.setattr(Stub, "covers", lambda self, level: level == 0.5)
    cal = _run(start=11, stride=2, levels=(0.75, 0.5)).calibration
    assert cal.to_dict("list") == {
        "nominal": [0.5, 0.75],
        "coverage": [0.25, 0.75],
        "points": [8, 8],
    }


def test_without_an_interval_the_nominal_coverage_is_nan_and_there_is_no_calibration() -> None:
    result = _stub(interval=None).backtest(
        pd.Series(Y, DAYS), start=17, statistical_baselines=False
    )
    model = result.summary["model"]
    assert math.isnan(model["nominal"])
    assert math.isnan(model["coverage"])
    assert result.calibration is None

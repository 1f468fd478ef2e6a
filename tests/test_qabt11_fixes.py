"""qabt11: a fresh pass over backtesting by a user coming from Darts' historical_forecasts and
backtest and NeuralForecast's cross_validation: their arguments said in backtest's terms, a
`retrain` that only Darts reads as "some origins" refused, and the backtest figure's RMSE
named as the mean over the origins that it is."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster
from lstmkit.metrics import rmse


def _series(n: int = 40) -> pd.Series:
    t = np.arange(n, dtype=float)
    index = pd.date_range("2020-01-01", periods=n, freq="MS")
    return pd.Series(50 + t + 5 * np.sin(2 * np.pi * t / 4), index, name="sales")


@pytest.mark.parametrize(
    ("retrain", "got"),
    [(2, "int 2"), (np.int64(2), "np.int64(2)")],  # 0.5, no Darts' value: test_msg12_fixes
)
def test_a_darts_retrain_every_nth_origin_is_refused_not_read_as_true(retrain, got) -> None:
    # Darts' retrain=2 retrains every second origin; here 2 was truthy, so every origin was
    # fitted without a word (and a callable alike)
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), retrain=retrain)
    assert str(err.value) == (
        f"`retrain` must be True or False, got {got}; Darts' retrain as a number or a callable "
        "(retrain at some origins only) has no counterpart here: every origin is fitted (True) "
        "or none is (False, "
        "this fitted model forecasting at each)."
    )


def test_a_callable_retrain_and_a_word_are_refused() -> None:
    def every_year(counter, pred_time, train_series, past_covariates, future_covariates):
        return True

    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), retrain=every_year)
    assert str(err.value).startswith("`retrain` must be True or False, got function <function ")
    assert str(err.value).endswith(
        "; Darts' retrain as a number or a callable (retrain at some origins only) has no "
        "counterpart here: every origin is fitted (True) or none is (False, "
        "this fitted model forecasting at each)."
    )
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), retrain="yes")
    assert str(err.value) == (
        "`retrain` must be True or False, got str 'yes'; True fits afresh at every origin, "
        "False forecasts with this fitted model at each."
    )


def test_darts_window_arguments_of_historical_forecasts_are_said_in_backtests_terms() -> None:
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(
            _series(), last_points_only=False, overlap_end=False, train_length=24
        )
    assert str(err.value) == (
        "Forecaster.backtest() takes no argument `last_points_only`, `overlap_end` and "
        "`train_length`: Darts' last_points_only has no counterpart here: every step of every "
        "origin is kept and scored; the last points are "
        "bt.forecasts[bt.forecasts['step'] == bt.forecasts['step'].max()]; Darts' overlap_end "
        "has no counterpart here: every origin's forecast ends at the series' last point or "
        "before it (Darts' overlap_end=False); Darts' train_length has no counterpart here: each "
        "origin is fitted on all the points before it (Darts' expanding window, "
        "train_length=None)."
    )
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), start_format="position", metric="rmse")
    assert str(err.value) == (
        "Forecaster.backtest() takes no argument `start_format` and `metric`: Darts' "
        "start_format has no counterpart here: an int `start` is always a position (Darts' "
        "start_format='position'), a time the first forecast step; Darts' metric has no "
        "counterpart here: every origin is scored by RMSE, MAE, MAPE, sMAPE and MASE, in the "
        "result's .metrics (each origin) and .summary (their means)."
    )


def test_neuralforecast_cross_validation_arguments_are_said_in_backtests_terms() -> None:
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), h=3, n_windows=2, step_size=3)
    assert str(err.value) == (
        "Forecaster.backtest() takes no argument `h`, `n_windows` and `step_size`: "
        "NeuralForecast's h is `horizon` here; NeuralForecast's n_windows has no counterpart "
        "here: the windows start at `start`, so n_windows=k is start=-(horizon + (k - 1) * "
        "stride); NeuralForecast's step_size is `stride` here."
    )
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), refit=False)
    assert str(err.value) == (
        "Forecaster.backtest() takes no argument `refit`: NeuralForecast's refit is `retrain` "
        "here (its default refit=False is retrain=False on a Forecaster fitted on the points "
        "before the first origin; the config's `refit` is another thing, a refit on the "
        "validation windows)."
    )
    # the advice gives NeuralForecast's windows: n_windows=2, step_size=3, h=3 on 40 points
    # has cutoffs 33 and 36 (the last window ends at the series' end)
    y = _series()
    fc = Forecaster(horizon=3, lookback=4, epochs=1, ensemble=1, progress=False, val_size=4)
    fc.fit(y[:30])
    bt = fc.backtest(
        y, start=-(3 + (2 - 1) * 3), stride=3, retrain=False, statistical_baselines=False
    )
    assert list(bt.forecasts["cutoff"].drop_duplicates()) == [y.index[33], y.index[36]]
    assert bt.forecasts["timestamp"].iloc[-1] == y.index[-1]


def test_the_backtest_figure_names_its_rmse_the_mean_over_the_origins() -> None:
    # the title said "2 origins: RMSE 2.2", the mean of the origins' RMSEs, where the RMSE of
    # .forecasts' points (what a reader recomputes from backtest.csv) is another number
    y = _series()
    fc = Forecaster(horizon=3, lookback=4, epochs=1, ensemble=1, progress=False, val_size=4)
    fc.fit(y[:34])
    bt = fc.backtest(y, start=-6, stride=3, retrain=False, statistical_baselines=False)
    per_origin = [
        rmse(g["y_true"], g["forecast"]) for _, g in bt.forecasts.groupby("origin", sort=False)
    ]
    assert bt.summary["model"]["rmse"] == pytest.approx(np.mean(per_origin), rel=1e-12)
    pooled = rmse(bt.forecasts["y_true"], bt.forecasts["forecast"])
    assert abs(pooled - bt.summary["model"]["rmse"]) > 1e-6  # two different numbers
    title = bt.plot(baseline=None).axes[0].get_title()
    assert title.startswith("2 origins, not retrained: mean RMSE ")
    # one origin has one RMSE: no mean to name
    one = fc.backtest(y, start=-3, retrain=False, statistical_baselines=False)
    assert one.plot(baseline=None).axes[0].get_title().startswith("1 origin, not retrained: RMSE ")


def test_too_many_origins_on_a_short_series_name_the_earliest_as_the_advice_does(
    tmp_path, capsys, short_sales
) -> None:
    # before: "must be between 1 and 1 ..., so origin 2 would be fitted on only the first 16
    # points ... no shorter --lookback fits the first of the 3 backtest origins": origin 2
    # counted back from the last, "the first" from the start, in one message
    from lstmkit.cli import main

    argv = short_sales
    assert main([*argv, "--backtest", "--no-progress", "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr().err == (
        "error: --backtest runs 3 origins by default, more than this series allows: pass "
        "--backtest-origins 1 (the most that fit). The origins are 12 steps "
        "apart, so the earliest of 2 origins would be fitted on only the first 16 points, too "
        "few: lookback (12) + horizon (12) + differencing (0) + validation windows (1) need at "
        "least 25 points, got 16. The look-back defaults to one to three seasons (m=12); no "
        "shorter --lookback fits the first of the 3 run by default, nor does "
        "--season-length 1.\n"
    )
    assert not (tmp_path / "run").exists()  # nothing written on refusal


def test_series_col_with_backtest_gathers_each_series_backtest_in_summary_csv(
    tmp_path, capsys, undrawn_figures
) -> None:
    # before: summary.csv and the closing table held the holdout's scores alone, so comparing
    # many series' backtests meant opening every run.json
    import json

    from lstmkit.cli import main

    months = pd.date_range("2015-01-01", periods=40, freq="MS").strftime("%Y-%m-%d")
    t = np.arange(40)
    frame = pd.concat(
        pd.DataFrame({"store": s, "month": months, "sales": 100.0 + k * t + 5 * (t % 4)})
        for k, s in enumerate("AB", start=1)
    )
    frame.to_csv(tmp_path / "stores.csv", index=False)
    out = tmp_path / "runs"
    argv = ["forecast", "--csv", str(tmp_path / "stores.csv"), "--series-col", "store"]
    argv += ["--date-col", "month", "--value-col", "sales", "--horizon", "3", "--holdout", "3"]
    argv += ["--lookback", "4", "--epochs", "2", "--ensemble", "1", "--no-stat-baselines"]
    argv += ["--no-progress", "--backtest", "--backtest-origins", "1", "--out", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    # each compared figure read as float reads its decimal (pandas 2.2's own parser read
    # 10.575051969243509, an AVX2 CPU's figure, as ...507)
    exact = ("backtest_model_rmse", "backtest_coverage", "backtest_seasonal_naive_mase")
    summary = pd.read_csv(out / "summary.csv", converters=dict.fromkeys(exact, float))
    assert list(summary.columns[9:]) == [
        "backtest_model_rmse",
        "backtest_model_mase",
        "backtest_coverage",
        "backtest_naive_rmse",
        "backtest_naive_mase",
        "backtest_seasonal_naive_rmse",
        "backtest_seasonal_naive_mase",
    ]
    for _, row in summary.iterrows():
        run = json.loads((out / row["store"] / "run.json").read_text())
        assert row["backtest_model_rmse"] == run["backtest"]["model"]["rmse"]
        assert row["backtest_coverage"] == run["backtest"]["model"]["coverage"]
        assert row["backtest_seasonal_naive_mase"] == run["backtest"]["seasonal_naive"]["mase"]
    wins = int((summary["backtest_model_rmse"] < summary["backtest_seasonal_naive_rmse"]).sum())
    assert (
        f"over the backtest: the model beats seasonal naive on {wins} of 2 series (mean RMSE "
        "over the origins; summary.csv's backtest_* columns)\n"
    ) in printed
    # the table's "lowest RMSE" is still the holdout's, of the holdout's methods
    lowest = [line.split()[-1] for line in printed.splitlines() if line[:2] in ("A ", "B ")]
    assert set(lowest) <= {"model", "naive", "seasonal_naive"}, lowest


def test_darts_reduction_and_n_jobs_of_backtest_and_verbose_of_predict_are_said() -> None:
    # py37: Darts' backtest(reduction=None), for each origin's score, was told "did you mean
    # 'retrain'?"; n_jobs (told its counterpart by fit) and predict's verbose were told only
    # the keywords the method takes
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), reduction=None, n_jobs=2)
    assert str(err.value) == (
        "Forecaster.backtest() takes no argument `reduction` and `n_jobs`: Darts' reduction "
        "has no counterpart here: each origin's scores are in the result's .metrics (Darts' "
        "reduction=None), their means in .summary (Darts' reduction=np.mean: a NaN score at "
        "an origin makes its mean NaN, which Darts' default np.nanmean skips); scikit-learn's "
        "n_jobs is the config's `jobs` here, ensemble members trained at the same time at "
        "each origin (Forecaster(jobs=2))."
    )
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).predict(3, verbose=True)
    assert str(err.value) == (
        "Forecaster.predict() takes no argument `verbose`: Darts' verbose is the config's "
        "`progress` here (Forecaster(progress=True)), the bar predict shows over a recursive "
        "forecast that runs longer than 2 s."
    )

"""Covariates that are the series some steps ahead (they leak the answer), and the forecast
index of a zoned month-start series."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, _lead

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}
WHY = (
    "The network would learn to copy it: validation and backtest scores look excellent and mean "
    "nothing, and a forecast would need the series' own future values. "
)


@pytest.fixture
def airline() -> pd.Series:
    return D.load_dataset("airline")


def not_fitted(fc: Forecaster) -> None:
    with pytest.raises(RuntimeError, match=re.escape("this Forecaster is not fitted; call fit")):
        fc.predict(1)


def test_a_covariate_one_step_ahead_of_the_series_is_refused(airline):
    # covariates=s.shift(-1) (filled) trained without a word: the network copied it, and its
    # validation and backtest scores were excellent and meaningless
    fc = Forecaster(**QUICK)
    for cov in (
        pd.Series(np.r_[airline.to_numpy()[1:], 432.0], airline.index, name="next"),
        D.to_frame(pd.DataFrame({"y": airline, "next": airline.shift(-1)}), fill="ffill")["next"],
    ):
        with pytest.raises(ValueError) as err:
            fc.fit(airline, covariates=cov)
        assert str(err.value) == (
            "`covariates` must hold past covariates known at their own steps, not the series' "
            "future, got 'next', the series 1 step ahead: cov[t] == series[t+1] at all 143 "
            f"points t < 143. {WHY}If it is known only 1 step after its timestamp, lag it, "
            "covariates.shift(1), and drop the first point, where it then has no value "
            "(series[1:], covariates[1:]); otherwise leave it out."
        )
        not_fitted(fc)


def test_every_leading_column_is_named_at_once_and_the_others_fit(airline):
    covs = pd.DataFrame(
        {
            "promo": np.arange(144) % 2,
            "in2": airline.shift(-2).ffill(),
            "in3": airline.shift(-3).bfill().ffill(),
        }
    )
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK).fit(airline, covariates=covs)
    assert str(err.value) == (
        "`covariates` must hold past covariates known at their own steps, not the series' "
        "future, got 'in2', the series 2 steps ahead: cov[t] == series[t+2] at all 142 points "
        "t < 142; 'in3', the series 3 steps ahead: cov[t] == series[t+3] at all 141 points "
        "t < 141. The network would learn to copy them: validation and backtest scores look "
        "excellent and mean nothing, and a forecast would need the series' own future values. "
        "If they are known only 2 and 3 steps after their timestamps, lag them, "
        "covariates['in2'].shift(2), covariates['in3'].shift(3), and drop the first 3 points, "
        "where they then have no value (series[3:], covariates[3:]); otherwise leave them out."
    )
    # lagged as told (the first points dropped), they are the series itself and fit
    lagged = covs.assign(in2=covs["in2"].shift(2), in3=covs["in3"].shift(3))
    fc = Forecaster(**QUICK).fit(airline[3:], covariates=lagged[3:])
    assert fc.state_["columns"] == ["airline", "cov:promo", "cov:in2", "cov:in3"]


def test_a_lead_in_a_wide_series_or_an_array_is_named_by_its_column(airline):
    y = airline.to_numpy(dtype=float)
    ahead = np.r_[y[1:], y[-1]]
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK).fit(airline.to_frame("y").assign(nxt=ahead))
    assert str(err.value) == (
        "`series` must hold past covariates known at their own steps, not the series' future, "
        "got 'nxt', the series 1 step ahead: cov[t] == series[t+1] at all 143 points t < 143. "
        f"{WHY}If it is known only 1 step after its timestamp, lag it, series['nxt'].shift(1), "
        "and drop the first point, where it then has no value (series[1:]); otherwise leave "
        "it out."
    )
    for covariates, named, lag in [
        (ahead, "x0", "covariates moved 1 row down"),
        (np.column_stack([np.arange(144.0) % 3, ahead]), "x1", "covariates[:, 1] moved 1 row down"),
    ]:
        with pytest.raises(ValueError) as err:
            Forecaster(**QUICK).fit(y, covariates=covariates)
        assert str(err.value) == (
            "`covariates` must hold past covariates known at their own steps, not the series' "
            f"future, got {named!r}, the series 1 step ahead: cov[t] == series[t+1] at all 143 "
            f"points t < 143. {WHY}If it is known only 1 step after its timestamp, lag it, "
            f"{lag}, and drop the first point, where it then has no value (series[1:], "
            "covariates[1:]); otherwise leave it out."
        )


def test_a_lag_of_the_series_still_fits(airline):
    # a value known one step late, lagged: legitimate (and the series' own past besides)
    lags = pd.DataFrame({"lag1": airline.shift(1).bfill(), "lag12": airline.shift(12).bfill()})
    fc = Forecaster(**QUICK).fit(airline, covariates=lags)
    assert fc.state_["columns"] == ["airline", "cov:lag1", "cov:lag12"]
    # the Keras tutorial's windows X and next values y, X as covariates: lags of y, fitted
    y = airline.to_numpy(dtype=float)
    X = np.stack([y[i : i + 5] for i in range(len(y) - 5)])
    fc = Forecaster(**QUICK).fit(y[5:], covariates=X)
    assert fc.state_["columns"] == ["value", "cov:x0", "cov:x1", "cov:x2", "cov:x3", "cov:x4"]


def test_windows_split_into_a_target_and_covariates_are_refused_with_the_series_rebuilt(airline):
    y = airline.to_numpy(dtype=float)
    X = np.stack([y[i : i + 5] for i in range(len(y) - 5)])  # [samples, time steps]
    fc = Forecaster(**QUICK)
    with pytest.raises(ValueError) as err:
        fc.fit(X[:, 0], covariates=X[:, 1:])
    assert str(err.value) == (
        "`covariates` must hold other values than the target's next ones, got 4 columns that "
        "with `series` make 139 windows of 5 steps of one series ([samples, time steps], split "
        "as X[:, 0] and X[:, 1:]): each row is the row before it one step on, so covariate "
        "columns 0 to 3 hold the target 1 to 4 steps ahead, which a forecast does not know. "
        "The Forecaster cuts its own windows (`lookback`): pass the series itself, "
        "np.concatenate([X[:, 0], X[-1, 1:]]) for these windows X."
    )
    assert np.array_equal(np.concatenate([X[:, 0], X[-1, 1:]]), y[:-1])  # the fix it names
    not_fitted(fc)
    table = pd.DataFrame(X[:, :2])
    with pytest.raises(ValueError) as err:
        fc.fit(table.iloc[:, 0], covariates=table.iloc[:, 1:])
    assert str(err.value) == (
        "`covariates` must hold other values than the target's next ones, got 1 column that "
        "with `series` make 139 windows of 2 steps of one series ([samples, time steps], split "
        "as X.iloc[:, 0] and X.iloc[:, 1:]): each row is the row before it one step on, so the "
        "covariate holds the target 1 step ahead, which a forecast does not know. The "
        "Forecaster cuts its own windows (`lookback`): pass the series itself, "
        "np.concatenate([X.iloc[:, 0], X.iloc[-1, 1:]]) for these windows X."
    )
    not_fitted(fc)


def test_leads_that_tell_nothing_are_not_refused():
    rng = np.random.default_rng(0)
    # a series that repeats every 12 steps: its copy 12 steps ahead is the series itself, its
    # lead 1 its lag 11, a legitimate past covariate; the data cannot tell them apart, so
    # they fit (the one-in-a-million rule of the windows' refusal, reused)
    season = np.tile(rng.normal(size=12), 12) + 10.0
    ahead1 = np.r_[season[1:], season[:1]]
    assert np.array_equal(ahead1[11:], season[:-11])  # ... = the lag 11
    assert _lead(season, season) is None
    assert _lead(season, ahead1) is None
    fc = Forecaster(**QUICK, season_length=12).fit(
        season, covariates=np.r_[season[12:], season[:12]]
    )
    assert fc.state_["columns"] == ["value", "cov:x0"]
    Forecaster(**QUICK, season_length=12).fit(season, covariates=ahead1)
    # repeating for more than half its length no longer: its lead is refused
    longer = np.r_[season[:60], rng.normal(size=84) + 10.0]
    assert _lead(longer, np.r_[longer[1:], 0.0]) == 1
    # a straight line beside its lead: a time index
    assert _lead(np.arange(50.0), np.arange(50.0) + 1) is None
    # flags: 14 matches of 0/1 values happen by chance more often than one in a million
    # (0.5 ** 14 = 6e-5); 39 of them do not
    flags = rng.integers(0, 2, 40).astype(float)
    assert _lead(flags[:15], np.r_[flags[1:15], 0.0]) is None
    assert _lead(flags, np.r_[flags[1:], 0.0]) == 1
    assert _lead(flags, np.r_[flags[3:], 0.0, 0.0, 0.0]) == 3
    # 10 distinct values: 3 matches (chance 1e-3) tell nothing, 7 (1e-7) do
    ten = rng.normal(size=10)
    assert _lead(ten, np.r_[ten[7:], np.zeros(7)]) is None
    assert _lead(ten, np.r_[ten[3:], np.zeros(3)]) == 3
    # a sparse count whose zeros match many offsets' first values: found, in a blink
    sparse = rng.integers(1, 4, 20_000) * (rng.random(20_000) < 0.05).astype(float)
    assert _lead(sparse, np.r_[sparse[5:], np.zeros(5)]) == 5
    assert _lead(sparse, np.r_[0.0, sparse[:-1]]) is None  # its lag


def test_booleans_are_compared_as_fit_reads_them():
    # a flag column of True/False one step ahead of a 0/1 target: read as 1 and 0, refused
    rng = np.random.default_rng(1)
    days = pd.date_range("2021-01-01", periods=60, freq="D")
    target = pd.Series(rng.integers(0, 2, 60).astype(float) + 5.0, days, name="open")
    flag = pd.Series(np.r_[target.to_numpy()[1:], 5.0] == 6.0, days, name="tomorrow")
    with pytest.raises(ValueError, match=re.escape("got 'tomorrow', the series 1 step ahead")):
        Forecaster(**QUICK, season_length=1).fit(target - 5.0 + 0.0, covariates=flag)


def test_the_command_line_refuses_a_leading_column_in_one_line(airline, tmp_path, capsys):
    y = airline.to_numpy()
    table = pd.DataFrame(
        {"month": airline.index.strftime("%Y-%m-%d"), "y": y, "next": np.r_[y[1:], y[-1]]}
    ).assign(promo=np.arange(144) % 2)
    csv, out = tmp_path / "lead.csv", tmp_path / "run"
    table.to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y"]
    argv += ["--covariate-cols", "promo", "next", "--epochs", "1", "--ensemble", "1"]
    assert main([*argv, "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "error: `covariates` must hold past covariates known at their own steps, not the "
        "series' future, got 'next', the series 1 step ahead: cov[t] == series[t+1] at all 131 "
        f"points t < 131 of the training part. {WHY}If it is known only 1 step after its "
        "timestamp, lag it in the file: move each of its values to the next timestamp's row, "
        "and drop the row of the series' first timestamp, which then has no value; otherwise "
        "leave it out of --covariate-cols.\n"
    )
    assert not out.exists()


def test_a_retraining_backtest_names_the_leading_covariate_as_given(airline):
    # each origin's fit read it as cov:cov:next
    covs = pd.DataFrame({"next": airline.shift(-1).ffill()})
    fc = Forecaster(**QUICK, horizon=3)
    with pytest.raises(ValueError) as err:
        fc.backtest(airline, covs, start=130, stride=6)
    assert str(err.value).startswith(
        "`covariates` must hold past covariates known at their own steps, not the series' "
        "future, got 'next', the series 1 step ahead: cov[t] == series[t+1] at all 143 points "
    )


def test_a_zoned_month_start_series_is_forecast_at_local_month_starts():
    # a forecast of month starts in Asia/Tokyo was indexed at month starts in UTC (15:00
    # the day before, local)
    idx = pd.date_range("2000-01-01", periods=30, freq="MS", tz="Asia/Tokyo")
    s = pd.Series(np.arange(30.0) + np.sin(np.arange(30.0)), idx, name="y")
    want = pd.date_range("2002-07-01", periods=3, freq="MS", tz="Asia/Tokyo")
    assert D.future_index(idx, 3).equals(want)
    fc = Forecaster(**QUICK, lookback=3, horizon=3, season_length=1).fit(s)
    got = fc.predict(3).index
    assert got.equals(want)
    assert str(got.tz) == "Asia/Tokyo"
    assert [str(t) for t in got] == [
        "2002-07-01 00:00:00+09:00",
        "2002-08-01 00:00:00+09:00",
        "2002-09-01 00:00:00+09:00",
    ]

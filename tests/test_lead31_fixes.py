"""Covariates that hold the series' future, the remaining cases: a future covariate that is the
series some steps ahead, or behind by fewer steps than the horizon; a rolled lag told beside a
lead; the command line's count of the points matched; and a 0/1 step target beside a flag,
which was taken for windows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, _one_series_windows

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}
CLI_QUICK = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
LEAD_WHY = (
    "Each forecast step would read a later value of the series: validation and backtest scores "
    "look excellent and mean nothing, and a forecast would need the series' own future values. "
)
LAG_WHY = "A forecast would need those values, which no one has when it is made. "


@pytest.fixture
def airline() -> pd.Series:
    return D.load_dataset("airline")


def test_a_future_covariate_that_leads_the_series_is_refused(airline):
    # fit(s[:-13], future_covariates=s.shift(-1)) trained without a word: each forecast step
    # read a later value of the series
    fc = Forecaster(**QUICK, horizon=12)
    with pytest.raises(ValueError) as err:
        fc.fit(airline[:-13], future_covariates=airline.shift(-1).rename("x").to_frame())
    assert str(err.value) == (
        "`future_covariates` must be known in advance, not the series' future, got 'x', the "
        "series 1 step ahead: cov[t] == series[t+1] at all 130 points t < 130. "
        f"{LEAD_WHY}Leave 'x' out (CLI: of --future-cols); a lagged copy, series.shift(1), is "
        "a past covariate (`covariates`, --covariate-cols)."
    )
    assert fc.state_ is None  # nothing half-fitted
    # by several steps, an array's column named as fit names it
    with pytest.raises(ValueError, match=r"got 'x0', the series 3 steps ahead: cov\[t\] == "):
        Forecaster(**QUICK, horizon=12).fit(
            airline.to_numpy()[:-13], future_covariates=airline.to_numpy()[3:-10]
        )


def test_future_leads_that_tell_nothing_are_fitted():
    days = pd.date_range("2021-01-01", periods=60, freq="D")
    # a series that repeats every 5 days: its lead 1 is its lag 4, which the data cannot
    # tell apart (a weekday pattern known in advance)
    season = pd.Series(20.0 + np.arange(60) % 5, days, name="y")
    fc = Forecaster(**QUICK, horizon=3, lookback=5, season_length=1)
    fc.fit(season, future_covariates=season.shift(-1).ffill().rename("ahead"))
    assert fc.state_["future"] == ["ahead"]
    # a 0/1 flag whose one change matches the series': one coincidence, which may be chance
    sold = pd.Series((np.arange(60) >= 30).astype(float), days, name="sold")
    flag = pd.Series((np.arange(60) >= 29).astype(float), days, name="promo")
    fc.fit(sold, future_covariates=flag)
    assert fc.state_["future"] == ["promo"]


def test_a_future_covariate_lagged_by_fewer_steps_than_the_horizon_is_refused(airline):
    # s.shift(1) as a future covariate: its values at forecast steps 2 to 12 are the series'
    # own after the origin, and the forecast reads them (it moved by up to 25 passengers
    # where they were the last known value instead)
    plan = pd.DataFrame({"lag1": airline.shift(1), "lag11": airline.shift(11)})
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).fit(airline[11:-12], future_covariates=plan)
    assert str(err.value) == (
        "`future_covariates` must be known in advance, not the series' future, got 'lag1', the "
        "series 1 step behind: cov[t] == series[t-1] at all 120 points t >= 1, so its values "
        "at forecast steps 2 to 12 (horizon 12) are the series' own after the forecast's "
        "origin; 'lag11', the series 11 steps behind: cov[t] == series[t-11] at all 110 points "
        "t >= 11, so its value at forecast step 12 (horizon 12) is the series' own after the "
        f"forecast's origin. {LAG_WHY}Pass 'lag1' and 'lag11' as past covariates (`covariates`, "
        "--covariate-cols), read up to the origin, or lag them by at least the horizon, 12 "
        "steps (series.shift(12))."
    )
    # the horizon fit sets (12, monthly) counts too
    with pytest.raises(ValueError, match="'lag1', the series 1 step behind: "):
        Forecaster(**QUICK).fit(airline[1:-12], future_covariates=plan[["lag1"]])
    # as the fix says: a past covariate, or a lag of the horizon, fits
    fc = Forecaster(**QUICK, horizon=12).fit(airline[12:], covariates=airline.shift(1)[12:])
    assert fc.state_["columns"] == ["airline", "cov:airline"]
    fc.fit(airline[12:-12], future_covariates=airline.shift(12).rename("lag12"))
    assert fc.state_["future"] == ["lag12"]


def test_a_future_lead_and_a_short_lag_are_told_in_one_refusal(airline):
    plan = pd.DataFrame({"a": airline.shift(-2), "b": airline.shift(3)})
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).fit(airline[3:-13], future_covariates=plan)
    assert str(err.value) == (
        "`future_covariates` must be known in advance, not the series' future, got 'a', the "
        "series 2 steps ahead: cov[t] == series[t+2] at all 126 points t < 126; 'b', the series "
        "3 steps behind: cov[t] == series[t-3] at all 125 points t >= 3, so its values at "
        "forecast steps 4 to 12 (horizon 12) are the series' own after the forecast's origin. "
        f"{LEAD_WHY}Leave 'a' out (CLI: of --future-cols); a lagged copy, series.shift(1), is a "
        f"past covariate (`covariates`, --covariate-cols). {LAG_WHY}Pass 'b' as a past "
        "covariate (`covariates`, --covariate-cols), read up to the origin, or lag it by at "
        "least the horizon, 12 steps (series.shift(12))."
    )


def test_a_future_lead_on_a_newer_history_is_refused_in_every_route(airline):
    idx = pd.date_range(airline.index[0], periods=156, freq="MS")
    plan = pd.DataFrame({"x": np.random.default_rng(0).normal(size=156).round(2)}, idx)
    fc = Forecaster(**QUICK, horizon=12).fit(airline[:-24], future_covariates=plan)
    lead = airline.shift(-1).ffill().rename("x").to_frame()
    refusal = (
        "`future_covariates` must be known in advance, not the series' future, got 'x', the "
        "series 1 step ahead: cov[t] == series[t+1] at all {} points t < {}. The fitted network "
        "would read a later value of the series at each forecast step: its forecasts and "
        "backtest scores would mean nothing. Give the values known in advance, as fit was "
        "given them."
    )
    for call, n in (
        (lambda: fc.predict(12, series=airline[:-12], future_covariates=lead), 131),
        (lambda: fc.history(series=airline[:-12], future_covariates=lead), 131),
        (lambda: fc.residuals(airline[:-12], future_covariates=lead), 131),
        (lambda: fc.backtest(airline, future_covariates=lead, retrain=False, start=120), 143),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == refusal.format(n, n)
    # the plan it was fitted with still forecasts
    assert fc.predict(12, series=airline[:-12], future_covariates=plan).shape == (12, 3)


def test_a_rolled_lag_and_a_lead_are_told_in_one_refusal(airline):
    # the rolled lag was told alone; the lead beside it came on the next try
    y = airline.to_numpy()
    covs = pd.DataFrame({"r": np.roll(y, 4), "n": np.r_[y[1:], y[-1]]}, airline.index)
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).fit(airline, covariates=covs)
    assert str(err.value) == (
        "`covariates` must hold past covariates known at their own steps, not the series' "
        "future, got 'r', the series 4 steps behind rolled round, as np.roll makes it: its "
        "first 4 values are the series' last, cov[t] == series[t+140] at all 4 points t < 4; "
        "'n', the series 1 step ahead: cov[t] == series[t+1] at all 143 points t < 143. The "
        "network would learn to copy 'n': validation and backtest scores look excellent and "
        "mean nothing, and a forecast would need the series' own future values. For 'r': drop "
        "those first 4 points (series[4:], covariates[4:]), which leaves a lag of the series; "
        "otherwise leave it out. For 'n': if it is known only 1 step after its timestamp, lag it, "
        "covariates['n'].shift(1), and drop the first point, where it then has no value "
        "(series[1:], covariates[1:]); otherwise leave it out."
    )


def _lead_csv(airline: pd.Series, path) -> None:
    y = airline.to_numpy()
    pd.DataFrame(
        {
            "month": airline.index.strftime("%Y-%m-%d"),
            "y": y,
            "next": np.r_[y[1:], y[-1]],
            "prev": np.r_[y[0], y[:-1]],
            "plan": np.arange(144) % 3,
        }
    ).to_csv(path, index=False)


def test_the_command_line_refuses_future_leaks_in_one_line_of_the_training_part(
    airline, tmp_path, capsys
):
    # the count is the training part's (the file's 144 rows less the holdout's 12), as said
    csv, out = tmp_path / "lead.csv", tmp_path / "run"
    _lead_csv(airline, csv)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y", *CLI_QUICK]
    assert main([*argv, "--future-cols", "next", "prev", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "error: `future_covariates` must be known in advance, not the series' future, got "
        "'next', the series 1 step ahead: cov[t] == series[t+1] at all 131 points t < 131 of "
        "the training part; 'prev', the series 1 step behind: cov[t] == series[t-1] at all 131 "
        "points t >= 1 of the training part, so its values at forecast steps 2 to 12 (horizon "
        f"12) are the series' own after the forecast's origin. {LEAD_WHY}Leave 'next' out of "
        "--future-cols; a lagged copy, series.shift(1), is a past covariate (--covariate-cols). "
        f"{LAG_WHY}Pass 'prev' as a past covariate (--covariate-cols), read up to the origin, or "
        "lag it by at least the horizon, 12 steps (the series' values, each moved to the row 12 "
        "timestamps later in the file).\n"
    )
    assert not out.exists()


def test_lstmkit_predict_refuses_a_newer_history_whose_plan_leads_it(airline, tmp_path, capsys):
    csv, run = tmp_path / "lead.csv", tmp_path / "run"
    _lead_csv(airline, csv)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y", *CLI_QUICK]
    assert main([*argv, "--future-cols", "plan", "--out", str(run)]) == 0
    newer = pd.read_csv(csv)[["month", "y", "next"]].rename(columns={"next": "plan"})
    newer.loc[132:, "y"] = np.nan  # the plan's 3 steps after the target's last value
    newer.iloc[:135].to_csv(tmp_path / "newer.csv", index=False)
    capsys.readouterr()
    out = tmp_path / "pred"
    argv = ["predict", str(run), "--csv", str(tmp_path / "newer.csv"), "--date-col", "month"]
    assert main([*argv, "--value-col", "y", "--horizon", "3", "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "error: `future_covariates` must be known in advance, not the series' future, got "
        "'plan', the series 1 step ahead: cov[t] == series[t+1] at all 131 points t < 131. The "
        "fitted network would read a later value of the series at each forecast step: its "
        "forecasts and backtest scores would mean nothing. Give the values known in advance, "
        "as fit was given them.\n"
    )
    assert not out.exists()


def test_a_0_1_step_target_beside_a_flag_is_no_windows():
    # a product on sale from day 30 (0, then 1) beside its promotion, which began the day
    # before: given 2-D, it was refused as "60 windows of 2 steps of one series", where
    # fit(sold, covariates=promo) fitted them: one change matched, one coincidence
    sold = (np.arange(60) >= 30).astype(float)
    promo = (np.arange(60) >= 29).astype(float)
    assert not _one_series_windows(np.column_stack([sold, promo]))
    fc = Forecaster(**QUICK, horizon=3, lookback=5, season_length=1)
    fc.fit(np.column_stack([sold, promo]))
    assert fc.state_["columns"] == ["value", "x1"]
    fc.fit(sold, covariates=promo[:, None])
    assert fc.state_["columns"] == ["value", "cov:x0"]
    # windows of a series that varies are still windows
    y = np.random.default_rng(3).normal(size=40).round(3)
    assert _one_series_windows(np.column_stack([y[:-1], y[1:]]))
    with pytest.raises(ValueError, match=r"^`series` must be a series \[T, F\], got 39 windows"):
        fc.fit(np.column_stack([y[:-1], y[1:]]))

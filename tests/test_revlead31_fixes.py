"""Review of lead31's covariate leak refusals: the why of a lead told beside a rolled lag named
what it is about, a fitted model's rolled covariate not told to be left out, and one value
said as one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}
CLI_QUICK = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
ROLLED = (
    "`covariates` must hold past covariates known at their own steps, not the series' future, "
    "got 'r', the series 4 steps behind rolled round, as np.roll makes it: its first 4 values "
    "are the series' last, cov[t] == series[t+140] at all 4 points t < 4"
)


@pytest.fixture
def airline() -> pd.Series:
    return D.load_dataset("airline")


def _rolled_and_lead(airline: pd.Series) -> pd.DataFrame:
    y = airline.to_numpy()
    return pd.DataFrame({"r": np.roll(y, 4), "n": np.r_[y[1:], y[-1]]}, airline.index)


def test_the_why_of_a_lead_beside_a_rolled_lag_names_the_lead(airline, tmp_path, capsys):
    # "For 'r': drop ...; otherwise leave it out. The network would learn to copy it: ..."
    # read as if 'r' were copied; the why now comes first and names 'n'
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).fit(airline, covariates=_rolled_and_lead(airline))
    assert str(err.value) == (
        f"{ROLLED}; 'n', the series 1 step ahead: cov[t] == series[t+1] at all 143 points "
        "t < 143. The network would learn to copy 'n': validation and backtest scores look "
        "excellent and mean nothing, and a forecast would need the series' own future values. "
        "For 'r': drop those first 4 points (series[4:], covariates[4:]), which leaves a lag of "
        "the series; otherwise leave it out. For 'n': if it is known only 1 step after its "
        "timestamp, lag it, covariates['n'].shift(1), and drop the first point, where it then "
        "has no value (series[1:], covariates[1:]); otherwise leave it out."
    )
    # the command line, in the same order
    csv = tmp_path / "a b é.csv"
    _rolled_and_lead(airline).assign(y=airline.to_numpy()).to_csv(csv, index_label="month")
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y"]
    argv += [*CLI_QUICK, "--holdout", "0", "--covariate-cols", "r", "n"]
    assert main([*argv, "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr().err == (
        f"error: {ROLLED}; 'n', the series 1 step ahead: cov[t] == series[t+1] at all 143 "
        "points t < 143. The network would learn to copy 'n': validation "
        "and backtest scores look excellent and mean nothing, and a forecast would need the "
        "series' own future values. For 'r': drop the rows of the series' first 4 timestamps, "
        "which leaves a lag of the series; otherwise leave it out of --covariate-cols. For "
        "'n': if it is known only 1 step after its timestamp, lag it in the file: move each "
        "of its values to the next timestamp's row, and drop the row of the series' first "
        "timestamp, which then has no value; otherwise leave it out of --covariate-cols.\n"
    )


def test_a_fitted_model_is_not_told_to_leave_a_rolled_covariate_out(airline):
    # a newer history: the fitted model reads the covariates it was fitted on, so "otherwise
    # leave it out" could not be done (a lead's fix there never said it)
    rng = np.random.default_rng(0)
    noise = pd.DataFrame({"r": rng.normal(size=144), "n": rng.normal(size=144)}, airline.index)
    fc = Forecaster(**QUICK, horizon=12).fit(airline[:-24], covariates=noise.round(2)[:-24])
    bad = _rolled_and_lead(airline)
    with pytest.raises(ValueError) as err:
        fc.predict(12, series=airline, covariates=bad.assign(n=noise["n"]))
    assert str(err.value) == (
        f"{ROLLED}. Drop those first 4 points (series[4:], covariates[4:]), which leaves a lag "
        "of the series."
    )
    with pytest.raises(ValueError) as err:
        fc.predict(12, series=airline, covariates=bad)
    assert str(err.value) == (
        f"{ROLLED}; 'n', the series 1 step ahead: cov[t] == series[t+1] at all 143 points "
        "t < 143. The fitted network would be handed the series' future values where it reads "
        "the past of 'n': its forecasts and backtest scores would mean nothing. For 'r': drop "
        "those first 4 points (series[4:], covariates[4:]), which leaves a lag of the series. "
        "For 'n': if it is known only 1 step after its timestamp, lag it, "
        "covariates['n'].shift(1), and drop the first point, where it then has no value "
        "(series[1:], covariates[1:])."
    )


def test_a_future_lag_that_reaches_one_forecast_step_says_that_value(airline):
    # horizon 2, a lag of 1: its one value at step 2 was told as "those values"
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=2).fit(airline[1:-12], future_covariates=airline.shift(1)[1:])
    assert str(err.value) == (
        "`future_covariates` must be known in advance, not the series' future, got 'airline', "
        "the series 1 step behind: cov[t] == series[t-1] at all 130 points t >= 1, so its value "
        "at forecast step 2 (horizon 2) is the series' own after the forecast's origin. A "
        "forecast would need that value, which no one has when it is made. Pass 'airline' as a "
        "past covariate (`covariates`, --covariate-cols), read up to the origin, or lag it by "
        "at least the horizon, 2 steps (series.shift(2))."
    )


def test_the_command_line_says_whose_values_a_future_lag_moves(airline, tmp_path, capsys):
    # "lag it by at least the horizon, 12 steps (moved to the row 12 timestamps later in the
    # file)" moved the column itself, 3 steps behind already: 15 steps, where Python's
    # series.shift(12) is the series' own 12
    y = airline.to_numpy()
    csv = tmp_path / "plan's.csv"
    pd.DataFrame({"y": y, "prev3": np.r_[y[:3], y[:-3]]}, airline.index).to_csv(
        csv, index_label="month"
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y", *CLI_QUICK]
    assert main([*argv, "--future-cols", "prev3", "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr().err == (
        "error: `future_covariates` must be known in advance, not the series' future, got "
        "'prev3', the series 3 steps behind: cov[t] == series[t-3] at all 129 points t >= 3 of "
        "the training part, so its values at forecast steps 4 to 12 (horizon 12) are the "
        "series' own after the forecast's origin. A forecast would need those values, which no "
        "one has when it is made. Pass 'prev3' as a past covariate (--covariate-cols), read up "
        "to the origin, or lag it by at least the horizon, 12 steps (the series' values, each "
        "moved to the row 12 timestamps later in the file).\n"
    )


def test_a_backtest_longer_than_the_fitted_horizon_checks_its_own(airline):
    # each origin's fit trains for the backtest's 24 steps: a lag of 12 passed the check made
    # with the config's 12, and the first origin's fit refused it, counting its 48 points
    # where the series has 108
    fc = Forecaster(**QUICK, horizon=12)
    with pytest.raises(ValueError) as err:
        fc.backtest(
            airline[12:-24],
            future_covariates=airline.shift(12)[12:].rename("x"),
            horizon=24,
            start=60,
        )
    assert str(err.value).startswith(
        "`future_covariates` must be known in advance, not the series' future, got 'x', the "
        "series 12 steps behind: cov[t] == series[t-12] at all 96 points t >= 12, so its values "
        "at forecast steps 13 to 24 (horizon 24) are the series' own after the forecast's "
        "origin."
    )
    # a bad horizon is told as before
    with pytest.raises(ValueError, match=r"^`horizon` must be a positive integer, got 0"):
        fc.backtest(airline[12:-24], future_covariates=airline.shift(12)[12:], horizon=0)

"""Covariate leaks, what lead31 left: a column rolled round the file and its holdout on the
command line, future lags and the target itself on a newer history, a horizon too long beside
a future lag, the series' period read once, and columns named by their labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import lstmkit.forecast as F
from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}
CLI_QUICK = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
FITTED_LAG = (
    "The fitted network would read {}, which no one has when a forecast is made: its "
    "forecasts and backtest scores would mean nothing. Give the values known in advance, as "
    "fit was given them."
)


@pytest.fixture
def airline() -> pd.Series:
    return D.load_dataset("airline")


def test_the_command_line_refuses_a_covariate_rolled_round_its_holdout(airline, tmp_path, capsys):
    # np.roll(y, 4) of the file: its first 4 values are the last 4, held out by default; the
    # check read the training part alone, where it is a lag, and fitted it without a word
    y = airline.to_numpy()
    csv, out = tmp_path / "roll.csv", tmp_path / "run"
    pd.DataFrame(
        {"month": airline.index.strftime("%Y-%m-%d"), "y": y, "roll": np.roll(y, 4)}
    ).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y", *CLI_QUICK]
    argv += ["--covariate-cols", "roll", "--out", str(out)]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "error: `covariates` must hold past covariates known at their own steps, not the "
        "series' future, got 'roll', the series 4 steps behind rolled round, as np.roll makes "
        "it: its first 4 values are the series' last, held out (--holdout 12, by default the "
        "horizon), cov[t] == series[t+140] at all 4 points t < 4 of the file. The model would "
        "be fitted on held-out values it is then scored on. Drop the rows of the series' first "
        "4 timestamps, which leaves a lag of the series; otherwise leave it out of "
        "--covariate-cols.\n"
    )
    assert not out.exists()
    # a holdout shorter than the roll: some of those values are the training part's
    assert main([*argv, "--holdout", "3"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: `covariates` must hold past covariates known at their own steps, not the "
        "series' future, got 'roll', the series 4 steps behind rolled round, as np.roll makes "
        "it: its first 4 values are the series' last, the last 3 of them held out (--holdout "
        "3), cov[t] == series[t+140] at all 4 points t < 4 of the file. The model would be "
        "fitted on held-out values it is then scored on. Drop the rows"
    )
    # from Python the training part is all there is: its first 4 values cannot be told from
    # a lag whose first values came from before the series
    roll = pd.Series(np.roll(y, 4), airline.index, name="roll")
    fc = Forecaster(**QUICK, horizon=12).fit(airline[:-12], covariates=roll[:-12])
    assert fc.state_["columns"] == ["airline", "cov:roll"]


def _newer_model(airline: pd.Series) -> Forecaster:
    idx = pd.date_range(airline.index[0], periods=156, freq="MS")
    plan = pd.DataFrame({"x": np.random.default_rng(0).normal(size=156).round(2)}, idx)
    return Forecaster(**QUICK, horizon=12).fit(airline[:-24], future_covariates=plan)


def test_a_short_future_lag_and_the_target_on_a_newer_history_are_refused(airline):
    # fit refused both; a newer history forecast from them without a word
    fc = _newer_model(airline)
    lag = airline.shift(3).bfill().rename("x").to_frame()
    refusal = (
        "`future_covariates` must be known in advance, not the series' future, got 'x', the "
        "series 3 steps behind: cov[t] == series[t-3] at all {} points t >= 3, so its {} "
        "(horizon {}) {} the series' own after the forecast's origin. " + FITTED_LAG
    )
    those = "values at forecast steps 4 to {}"
    for call, n, h in (
        (lambda: fc.predict(12, series=airline[:-12], future_covariates=lag), 129, 12),
        (lambda: fc.history(series=airline[:-12], future_covariates=lag), 129, 12),
        (lambda: fc.backtest(airline, future_covariates=lag, retrain=False, start=120), 141, 12),
        (
            lambda: fc.backtest(
                airline, future_covariates=lag, retrain=False, start=120, horizon=6
            ),
            141,
            6,
        ),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == refusal.format(n, those.format(h), h, "are", "those values")
    with pytest.raises(ValueError) as err:  # the steps predict reads: step 4 alone
        fc.predict(4, series=airline[:-12], future_covariates=lag)
    assert str(err.value) == refusal.format(129, "value at forecast step 4", 4, "is", "that value")
    # steps it knows at the origin: 3 ahead, and residuals' one
    with pytest.warns(UserWarning, match="lies far outside the training series"):
        assert fc.predict(3, series=airline[:-12], future_covariates=lag).shape == (3, 3)
    with pytest.warns(UserWarning, match="lies far outside the training series"):
        assert len(fc.residuals(airline[:-12], future_covariates=lag)) == 96
    target = airline.rename("x").to_frame()
    for call in (
        lambda: fc.predict(12, series=airline[:-12], future_covariates=target),
        lambda: fc.residuals(airline[:-12], future_covariates=target),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == (
            "`future_covariates` must be known in advance, not the target, got 'x', equal to "
            "'airline' at all of the series' 132 points: the fitted network would read the "
            "value it forecasts at each forecast step, and its forecasts and backtest scores "
            "would mean nothing. Give the values known in advance, as fit was given them."
        )


def test_lstmkit_predict_refuses_a_newer_history_whose_plan_lags_it(airline, tmp_path, capsys):
    y = airline.to_numpy()
    csv, run = tmp_path / "plan.csv", tmp_path / "run"
    months = airline.index.strftime("%Y-%m-%d")
    pd.DataFrame({"month": months, "y": y, "plan": np.arange(144) % 3}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y", *CLI_QUICK]
    assert main([*argv, "--future-cols", "plan", "--out", str(run)]) == 0
    newer = pd.DataFrame({"month": months, "y": y, "plan": np.r_[y[0], y[:-1]]})
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
        "'plan', the series 1 step behind: cov[t] == series[t-1] at all 131 points t >= 1, so "
        "its values at forecast steps 2 to 3 (horizon 3) are the series' own after the "
        f"forecast's origin. {FITTED_LAG.format('those values')}\n"
    )
    assert not out.exists()


def test_a_horizon_too_long_beside_a_future_lag_is_told_first(airline):
    # "lag it by at least the horizon, 200 steps (series.shift(200))" of 131 points, and the
    # horizon told on the next try
    fc = Forecaster(**QUICK, horizon=200)
    with pytest.raises(ValueError) as err:
        fc.fit(airline[:131], future_covariates=airline.shift(1).bfill().rename("x"))
    assert str(err.value) == (
        "the series is too short: lookback (12) + horizon (200) + differencing (0) + "
        "validation windows (1) need at least 213 points, got 131. `future_covariates` must be "
        "known in advance, not the series' future, got 'x', the series 1 step behind: cov[t] "
        "== series[t-1] at all 130 points t >= 1, so its values at forecast steps 2 to 200 "
        "(horizon 200) are the series' own after the forecast's origin. A forecast would need "
        "those values, which no one has when it is made. Pass 'x' as a past covariate "
        "(`covariates`, --covariate-cols), read up to the origin."
    )
    assert fc.state_ is None


def test_the_series_period_is_read_once_for_all_future_lags(airline, monkeypatch):
    read = []
    period = F._period
    monkeypatch.setattr(F, "_period", lambda values: read.append(values) or period(values))
    plan = pd.DataFrame({f"lag{k}": airline.shift(k).bfill() for k in (1, 2, 3)})
    with pytest.raises(ValueError, match="got 'lag1', the series 1 step behind"):
        Forecaster(**QUICK, horizon=12).fit(airline[:-12], future_covariates=plan)
    assert sum(values == airline[:-12].tolist() for values in read) == 1


def test_covariates_are_named_by_their_labels(airline):
    # a future covariate's int label was said as text ('5'), where the past one's fix
    # selected covariates[5]
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).fit(
            airline[:-13], future_covariates=pd.DataFrame({5: airline.shift(-1)})
        )
    assert str(err.value) == (
        "`future_covariates` must be known in advance, not the series' future, got column 5, "
        "the series 1 step ahead: cov[t] == series[t+1] at all 130 points t < 130. Each "
        "forecast step would read a later value of the series: validation and backtest scores "
        "look excellent and mean nothing, and a forecast would need the series' own future "
        "values. Leave column 5 out (CLI: of --future-cols); a lagged copy, series.shift(1), is "
        "a past covariate (`covariates`, --covariate-cols)."
    )
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK, horizon=12).fit(
            airline, future_covariates=pd.DataFrame({"a": 1.0 + np.arange(144) % 3, 5: airline})
        )
    assert str(err.value) == (
        "`future_covariates` must be known in advance, not the target, got column 5, equal to "
        "'airline' at all of the series' 144 points: each forecast step would read the value "
        "it forecasts. Leave it out (CLI: of --future-cols); a lagged copy, series.shift(1), is "
        "a past covariate (`covariates`, --covariate-cols)."
    )

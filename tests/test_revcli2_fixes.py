"""Defects found in the review of the cli2 branch (terminal times, future covariates), each
pinned by the test that found it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

# the smallest run that reads, fits and forecasts a series
TINY = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
TINY += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--holdout", "0"]
TINY += ["--horizon", "2", "--interval", "0", "--no-progress"]


def _table_stamps(text: str) -> list[str]:
    """The first column of the forecast table that ``text`` prints last."""
    lines = text.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith("timestamp")) + 2
    return [line.split("  ")[0] for line in lines[start:] if line and line[0].isdigit()]


def test_the_terminal_shows_fractions_of_a_second_as_forecast_csv_writes(
    tmp_path, capsys, undrawn_figures
):
    # ISO 8601 printed 2020-01-01 00:00:20 and 2020-01-01 00:00:20.500000 where forecast.csv
    # (pandas) holds 2020-01-01 00:00:20.000 and 2020-01-01 00:00:20.500
    stamps = pd.date_range("2020-01-01", periods=40, freq="500ms")
    csv = tmp_path / "series.csv"
    pd.DataFrame({"t": stamps, "y": np.arange(40.0) % 7}).to_csv(csv, index=False)
    out = tmp_path / "run"
    argv = ["forecast", "--csv", str(csv), "--date-col", "t", "--value-col", "y", *TINY]
    assert main([*argv, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    written = pd.read_csv(out / "forecast.csv", dtype=str)["timestamp"].tolist()
    shown = ["2020-01-01 00:00:20.000", "2020-01-01 00:00:20.500"]
    assert _table_stamps(printed) == written == shown
    assert main(["predict", str(out), "--out", str(tmp_path / "again")]) == 0
    printed = capsys.readouterr().out
    written = pd.read_csv(tmp_path / "again" / "forecast.csv", dtype=str)["timestamp"].tolist()
    assert _table_stamps(printed) == written == shown
    assert "forecast from 2020-01-01 00:00:19.500, horizon 2" in printed


@pytest.mark.parametrize("rows", [1, 2])
def test_future_covariates_of_one_or_two_periods_are_read_as_timestamps_are(rows) -> None:
    # a PeriodIndex of the forecast steps alone was still refused: "`future_covariates`
    # needs at least 3 timestamps, got 2", where the same rows as timestamps were read
    months = pd.period_range("2020-01", periods=42, freq="M")
    y = pd.Series(np.arange(40.0) % 5, index=months[:40], name="y")
    plan = pd.DataFrame({"price": np.arange(42.0) * 10}, index=months)
    config = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
    )
    fc = Forecaster(config).fit(y, future_covariates=plan)
    expected = fc.predict(rows, future_covariates=plan)
    pd.testing.assert_frame_equal(
        fc.predict(rows, future_covariates=plan.iloc[40 : 40 + rows]), expected
    )
    with pytest.raises(ValueError) as err:  # still matched to the steps, named as periods
        fc.predict(future_covariates=plan.iloc[39:41])
    assert str(err.value) == (
        "`future_covariates` must cover the 2 forecast steps, 2 steps from 2023-05 to 2023-06, "
        "got values from 2023-04 to 2023-05: 1 of those steps is missing, 2023-06."
    )


def test_backtest_far_outside_advises_retraining_and_residuals_a_fit() -> None:
    # backtest(retrain=False) was told "fit on this history", which its retrain=True does at
    # every origin; residuals, which has no retrain, keeps that advice
    from lstmkit.data import load_dataset

    y = load_dataset("airline")
    config = ForecasterConfig(
        horizon=2, ensemble=1, epochs=1, hidden_size=4, scaling="standard", transform="none"
    )
    fc = Forecaster(config).fit(y[:48])
    far = y[:60] * 10
    with pytest.warns(UserWarning) as record:
        fc.backtest(far, start=50, retrain=False, statistical_baselines=False)
    assert [str(w.message).split("; ")[-1] for w in record] == [
        "pass retrain=True to fit at every origin on the points before it."
    ]
    with pytest.warns(UserWarning) as record:
        fc.residuals(far)
    messages = [str(w.message) for w in record]
    assert len(messages) == 1 and messages[0].endswith(
        "the forecast extrapolates; fit on this history for one that has seen such values."
    )

"""Review of cal4 (zoned stamps, weekly covariates on Mondays): what the review fixed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

QUICK = [
    *("--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"),
    *("--no-calendar", "--anchor", "level", "--hidden-size", "4", "--no-early-stopping"),
    *("--no-refit", "--interval", "0", "--transform", "none", "--no-stat-baselines"),
]


def test_weekly_past_covariates_on_mondays_are_advised_no_code_that_fit_refuses() -> None:
    """Past covariates on the Mondays before a series' Sundays were told two moves, each as
    code; they must share the series' index, so the move to 2019-12-29 (a Monday ending its
    week) was refused in turn ("differ first at row 0: 2019-12-29"). The move that gives the
    series' steps is code that fits; the other names the steps it gives."""
    sundays = pd.date_range("2020-01-05", periods=12, freq="W-SUN")
    y = pd.Series(np.arange(12.0) % 3, index=sundays, name="y")
    mondays = sundays - pd.Timedelta(days=6)  # each the Monday that starts a series' week
    covariates = pd.DataFrame({"price": np.arange(12.0)}, index=mondays)
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(y, covariates=covariates)
    assert str(err.value) == (
        "`covariates` must share the series' index; they differ first at row 0: 2019-12-30 "
        "00:00:00 against the series' 2020-01-05 00:00:00 (none of its timestamps is one of the "
        "steps: its frequency is W-MON, the series' W-SUN; stamp each value at the series' "
        "step whose week (Monday to Sunday) holds the first day of the value's: where a Monday "
        "starts its week, covariates.index = covariates.index + pd.Timedelta(days=6) "
        "(2019-12-30 → 2020-01-05); where it ends one (as pandas' W-MON reads it), they are of "
        "the steps 2019-12-29 … 2020-03-15, not the series' 2020-01-05 … 2020-03-22: give the "
        "values of its steps)."
    )
    covariates.index = covariates.index + pd.Timedelta(days=6)  # as advised, pasted
    ahead = Forecaster(config).fit(y, covariates=covariates).predict().index
    assert ahead.equals(pd.date_range("2020-03-29", periods=2, freq="W-SUN"))


@pytest.mark.parametrize("zone", [None, "+05:30"])
def test_explain_lines_up_its_relevance_where_times_are_wider_than_20(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, zone: str | None
) -> None:
    """`lstmkit explain`'s lags were padded to 20 characters: a series every half second
    (``2020-01-01 00:00:00.500000``, 26, beside ``2020-01-01 00:00:01``) or in a zone
    (``… 00:00:00.500000+05:30``) printed its relevance a column further on every other
    line."""
    steps = pd.date_range("2020-01-01", periods=40, freq="500ms")
    stamps = [f"{t:%Y-%m-%d %H:%M:%S.%f}{zone or ''}" for t in steps]
    pd.DataFrame({"t": stamps, "v": 10 + np.sin(np.arange(40.0))}).to_csv(
        tmp_path / "half.csv", index=False
    )
    out = tmp_path / "run"
    argv = ["--csv", str(tmp_path / "half.csv"), "--date-col", "t", "--value-col", "v"]
    assert main(["forecast", *argv, *QUICK, "--horizon", "1", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["explain", str(out)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  lag ")]
    assert len(lines) == 4
    assert {len(line) for line in lines} == {11 + (32 if zone else 26) + 1 + 9}


def test_a_backtest_logs_a_zoned_daily_series_origins_with_their_offsets(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The log named a zoned daily series' origins by their dates alone (``backtest origin
    2020-03-03``), where run.json and ``--json`` now write ``2020-03-03T00:00:00+05:30``."""
    days = pd.date_range("2020-01-01", periods=40, freq="2D", tz="Asia/Kolkata")
    y = pd.Series(5 + np.sin(np.arange(40.0)), index=days, name="y")
    config = ForecasterConfig(horizon=3, lookback=4, ensemble=1, epochs=1, season_length=1)
    fc = Forecaster(config).fit(y)
    with caplog.at_level("INFO", logger="lstmkit"):
        fc.backtest(y, statistical_baselines=False)
    said = [r.getMessage().split(" (")[0] for r in caplog.records if "backtest origin" in r.message]
    assert said == [f"backtest origin 2020-03-{d}T00:00:00+05:30" for d in ("03", "09", "15")]


def test_a_backtest_repr_writes_times_where_an_origin_between_has_one() -> None:
    """Origins at midnight first and last, one at 12:00 between: the repr wrote ``(2020-01-16
    … 2020-01-19)`` from the first and last alone, where backtest.csv has ``2020-01-16
    00:00:00`` (its column has a time of day)."""
    steps = pd.date_range("2020-01-01", periods=40, freq="12h")
    x = pd.Series(5 + np.sin(np.arange(40.0)), index=steps)
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, season_length=1)
    result = Forecaster(config).fit(x).backtest(x, start=30, stride=3, statistical_baselines=False)
    assert list(dict.fromkeys(result.forecasts["origin"].astype(str))) == [
        "2020-01-16 00:00:00",
        "2020-01-17 12:00:00",
        "2020-01-19 00:00:00",
    ]
    assert repr(result).splitlines()[0] == (
        "BacktestResult: 3 origins (2020-01-16 00:00:00 … 2020-01-19 00:00:00), 2 steps each; "
        "the mean over the origins:"
    )

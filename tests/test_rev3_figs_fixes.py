"""Review of the figures' value axis and labels: figures that pickle, grouped thousands in
mathtext, a caller's own axis left as set, and the CLI's explanation naming its window."""

from __future__ import annotations

import pickle

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.ticker import LogFormatterSciNotation, StrMethodFormatter

from lstmkit.forecast import plot_forecast

MONTHS = pd.date_range("2020-01-01", periods=60, freq="MS")


def _forecast(values: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({"forecast": values}, index=MONTHS[-12:])


def _yticks(ax) -> list[str]:
    ax.figure.draw_without_rendering()
    return [t.get_text() for t in ax.get_yticklabels()]


def test_a_forecast_figure_pickles_with_its_value_axis() -> None:
    # the formatter was a class defined inside value_axis: "Can't pickle local object"
    y = pd.Series(1000.0 + 100 * np.arange(60), MONTHS, name="sales")
    fig = plot_forecast(y[:-12], _forecast(y[-12:].to_numpy()))
    again = pickle.loads(pickle.dumps(fig))
    assert _yticks(again.axes[0])[:3] == ["0", "1,000", "2,000"]
    assert _yticks(again.axes[0]) == _yticks(fig.axes[0])


def test_thousands_are_grouped_without_a_space_in_mathtext() -> None:
    # a bare comma is punctuation in mathtext, drawn "1, 236.5"; and 5000 was left ungrouped
    y = pd.Series(1000.0 + np.arange(60) * 4000 / 59, MONTHS)
    with matplotlib.rc_context({"axes.formatter.use_mathtext": True}):
        fig = plot_forecast(y[:-12], _forecast(y[-12:].to_numpy()))
    whole = ["500"] + [f"{k // 1000}{{,}}{k % 1000:03d}" for k in range(1000, 6000, 500)]
    assert whole[:3] == ["500", "1{,}000", "1{,}500"]
    assert _yticks(fig.axes[0]) == [rf"$\mathdefault{{{label}}}$" for label in whole]


@pytest.mark.parametrize("use_locale", [False, True])
def test_negative_values_and_decimals_are_grouped_once(use_locale: bool) -> None:
    y = pd.Series(-1234.5 - np.arange(60) * 2 / 59, MONTHS)
    with matplotlib.rc_context({"axes.formatter.use_locale": use_locale}):
        fig = plot_forecast(y[:-12], _forecast(y[-12:].to_numpy()))
    assert _yticks(fig.axes[0])[:3] == ["−1,236.75", "−1,236.50", "−1,236.25"]


def test_a_callers_own_axis_keeps_its_labels() -> None:
    y = pd.Series(100.0 + 100 * np.arange(60), MONTHS, name="sales")
    fig = Figure()
    mine, logged = fig.subplots(1, 2)
    dollars = StrMethodFormatter("${x:,.0f}")
    mine.yaxis.set_major_formatter(dollars)
    mine.set_ylabel("USD")
    logged.set_yscale("log")
    plot_forecast(y[:-12], _forecast(y[-12:].to_numpy()), ax=mine)
    plot_forecast(y[:-12], _forecast(y[-12:].to_numpy()), ax=logged)
    # value_axis put its own formatter over both: "−2,000" for "$−2,000", "1,000" for 10^3
    assert mine.get_ylabel() == "USD"
    # the caller's formatter writes the minus as matplotlib's version does ("$-1,000" up to 3.8,
    # "$−1,000" from 3.9 on): its own labels, whichever
    assert _yticks(mine)[:3] == [dollars(-1000.0), "$0", "$1,000"]
    assert dollars(-1000.0) in ("$-1,000", "$−1,000")
    assert isinstance(logged.yaxis.get_major_formatter(), LogFormatterSciNotation)
    assert logged.get_ylabel() == "sales"


def test_the_cli_explanation_names_the_target_on_its_window_axis(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lstmkit.cli import main
    from lstmkit.data import load_dataset
    from lstmkit.explain import _lag_plot
    from lstmkit.forecast import Forecaster

    y = load_dataset("airline")
    fc = Forecaster(horizon=3, lookback=12, ensemble=1, epochs=1, refit=False, seed=0).fit(y)
    fc.save(tmp_path / "model")
    drawn = []
    saved = _lag_plot.save_figure
    monkeypatch.setattr(
        _lag_plot,
        "save_figure",
        lambda fig, path, **kw: drawn.append(fig.axes[0].get_ylabel()) or saved(fig, path, **kw),
    )
    assert main(["explain", str(tmp_path / "model"), "--out", str(tmp_path / "out")]) == 0
    # README: "relevance.png: the input window (its axis named by the target)"; it read "input"
    assert drawn == ["airline"]
    assert (tmp_path / "out" / "relevance.png").is_file()


@pytest.mark.parametrize(
    ("rmse", "written"),
    [(9999.4, "9999"), (9999.5, "10,000"), (9999.7, "10,000"), (10000.4, "10,000")],
)
def test_a_backtest_title_writes_an_error_that_rounds_to_10000_whole(
    rmse: float, written: str
) -> None:
    from lstmkit.backtest import BacktestResult

    at = np.arange(70, 82)
    forecasts = pd.DataFrame(
        {"origin": 70, "cutoff": 69, "timestamp": at, "step": np.arange(1, 13)}
    ).assign(y_true=at * 1.0, forecast=at + 1.0)
    summary = {"model": {"rmse": rmse}}
    result = BacktestResult(forecasts, pd.DataFrame({"method": ["model"]}), summary)
    # .4g wrote 9999.7 "1e+04", the form the title's whole numbers were there to replace
    assert result.plot(baseline=None).axes[0].get_title() == f"1 origin: RMSE {written}"


@pytest.mark.parametrize("per_feature", [False, True])
def test_a_window_of_one_lag_is_ticked_at_that_lag(per_feature: bool) -> None:
    from lstmkit.explain.render import plot_lags

    relevance = np.ones((1, 2)) if per_feature else np.ones(1)
    fig = plot_lags(np.array([5.0]), relevance, features=["a", "b"] if per_feature else None)
    fig.draw_without_rendering()
    ax = fig.axes[1]  # the relevance's, below the window's (their -lag axis is shared)
    low, high = ax.get_xlim()
    shown = [t.get_text() for t in ax.get_xticklabels() if low <= t.get_position()[0] <= high]
    assert shown == ["−1"]  # was −1.5, −1.4, ..., −0.5: whole lags needed two ticks in view

"""Figures as a reader sees them: value labels without a hidden offset, legends off the data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.backtest import BacktestResult
from lstmkit.explain.render import plot_lags
from lstmkit.forecast import plot_forecast
from lstmkit.train import plot_checks

MONTHS = pd.date_range("2020-01-01", periods=60, freq="MS")


def _forecast(values: np.ndarray, spread: float = 10.0) -> pd.DataFrame:
    band = {"lower": values - spread, "upper": values + 2 * spread}
    return pd.DataFrame({"forecast": values + spread / 2, **band}, index=MONTHS[-12:])


def _yticks(ax) -> tuple[str, list[str]]:
    ax.figure.draw_without_rendering()
    return ax.yaxis.get_offset_text().get_text(), [t.get_text() for t in ax.get_yticklabels()]


def test_values_near_a_million_are_labelled_as_themselves_not_as_an_offset() -> None:
    # a meter reading: 1,000,000 + 0 ... 200; matplotlib labelled it 0, 50, ... with "+1e6"
    y = pd.Series(1_000_000 + np.arange(60) * 3 + 20 * np.sin(np.arange(60)), MONTHS)
    fig = plot_forecast(y[:-12], _forecast(y[-12:].to_numpy()), y[-12:])
    assert _yticks(fig.axes[0]) == (
        "",
        ["999,950", "1,000,000", "1,000,050", "1,000,100", "1,000,150", "1,000,200", "1,000,250"],
    )
    # the input window of an explanation, in the same units
    fig = plot_lags(y.to_numpy()[:12], np.zeros(12))
    offset, labels = _yticks(fig.axes[0])
    assert offset == ""
    assert labels[:3] == ["999,990", "1,000,000", "1,000,010"]


def test_values_of_tens_of_millions_have_no_1e7_factor_and_small_ones_keep_theirs() -> None:
    y = pd.Series(5e7 + 2e6 * np.sin(np.arange(60) / 3), MONTHS)
    offset, labels = _yticks(plot_forecast(y[:-12], _forecast(y[-12:].to_numpy())).axes[0])
    assert offset == ""
    assert labels[:3] == ["47,500,000", "48,000,000", "48,500,000"]
    tiny = pd.Series(2e-4 + 1e-4 * np.sin(np.arange(60) / 3), MONTHS)
    fig = plot_forecast(tiny[:-12], _forecast(tiny[-12:].to_numpy(), 1e-5))
    offset, labels = _yticks(fig.axes[0])
    assert offset == ""
    assert labels[:3] == ["0.00005", "0.00010", "0.00015"]


def test_a_backtest_plot_labels_its_values_without_an_offset_either() -> None:
    index = pd.RangeIndex(100)
    at = np.arange(70, 82)
    truth = 1_000_000 + at.astype(float)
    forecasts = pd.DataFrame(
        {
            "origin": 70,
            "cutoff": 69,
            "timestamp": at,
            "step": np.arange(1, 13),
            "y_true": truth,
            "forecast": truth + 1,
            "lower": truth - 1,
            "upper": truth + 3,
        }
    )
    summary = {"model": {"rmse": 1.0, "mae": 1.0, "coverage": 1.0, "nominal": 0.8}}
    series = pd.Series(1_000_000 + np.arange(100.0), index)
    result = BacktestResult(forecasts, pd.DataFrame({"method": ["model"]}), summary, series=series)
    fig = result.plot(baseline=None)
    offset, labels = _yticks(fig.axes[0])
    assert offset == ""
    assert labels[:3] == ["1,000,030", "1,000,040", "1,000,050"]
    assert fig.axes[0].get_ylabel() == ""  # an unnamed series; a named one says its name
    result = BacktestResult(forecasts, result.metrics, summary, series=series.rename("meter"))
    assert result.plot(baseline=None).axes[0].get_ylabel() == "meter"


def _covered(ax, line) -> int:
    """How many of ``line``'s points lie under the legend, in pixels of the drawn figure."""
    box = ax.get_legend().get_window_extent()
    points = ax.transData.transform(
        np.column_stack([line.get_xdata().astype("datetime64[D]").astype(float), line.get_ydata()])
    )
    return int(box.count_contains(points))


def test_the_forecast_legend_does_not_cover_a_falling_history() -> None:
    # high at the left: "upper left" covered the history's first year
    y = pd.Series(100.0 - np.arange(60) + 3 * np.sin(np.arange(60)), MONTHS)
    fig = plot_forecast(y[:-12], _forecast(y[-12:].to_numpy()), y[-12:])
    ax = fig.axes[0]
    fig.draw_without_rendering()
    history = ax.get_lines()[0]
    assert history.get_label() == "history"
    assert _covered(ax, history) == 0


def test_one_training_s_checks_say_what_the_circle_is() -> None:
    # `lstmkit text train` / `train-lm` draw one curve: its circle had no legend to explain it
    fig = plot_checks(
        [[(100, 0.71), (200, 0.80), (300, 0.78)]], ylabel="dev accuracy", higher_is_better=True
    )
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts == ["dev accuracy", "best check (kept)"]
    two = plot_checks([[(1, 0.5)], [(1, 0.6)]], ylabel="dev accuracy", higher_is_better=True)
    texts = [t.get_text() for t in two.axes[0].get_legend().get_texts()]
    assert texts == ["training 1", "training 2", "best check (kept)"]


def test_a_short_window_s_lags_are_ticked_as_whole_numbers() -> None:
    # a lookback of 4 (a quarterly series' year) was ticked -4.5, -4.0, -3.5, ...
    for relevance in (np.arange(4.0) - 2, np.ones((4, 2))):  # bars, and a heatmap per feature
        fig = plot_lags(np.arange(4.0), relevance)
        fig.draw_without_rendering()
        ax = fig.axes[1]
        low, high = ax.get_xlim()
        shown = [t.get_text() for t in ax.get_xticklabels() if low <= t.get_position()[0] <= high]
        assert shown == ["−4", "−3", "−2", "−1"]


def test_the_value_axis_says_what_the_values_are() -> None:
    y = pd.Series(100.0 + np.arange(60), MONTHS, name="passengers")
    fig = plot_forecast(y[:-12], _forecast(y[-12:].to_numpy()), y[-12:])
    assert fig.axes[0].get_ylabel() == "passengers"
    frame = y.rename("price in $").to_frame()  # a DataFrame's first column, drawn letter for letter
    assert plot_forecast(frame, _forecast(y[-12:].to_numpy())).axes[0].get_ylabel() == (
        r"price in \$"
    )
    assert plot_forecast(y.to_numpy(), _forecast(y[-12:].to_numpy())).axes[0].get_ylabel() == ""


def test_a_forecast_run_labels_its_plots_with_the_dataset_s_units(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lstmkit import forecast
    from lstmkit.cli import _forecast_run, main

    drawn = {}

    def plot(*args, **kwargs):
        fig = original(*args, **kwargs)
        drawn["forecast.png"] = fig.axes[0].get_ylabel()
        return fig

    def save(fig, path, **kwargs):
        drawn[Path(path).name] = fig.axes[0].get_ylabel()
        return saved(fig, path, **kwargs)

    original, saved = forecast.plot_forecast, _forecast_run.save_figure
    monkeypatch.setattr(forecast, "plot_forecast", plot)
    monkeypatch.setattr(_forecast_run, "save_figure", save)
    fast = ["--epochs", "2", "--ensemble", "1", "--no-stat-baselines"]
    run = ["forecast", "airline", *fast, "--backtest", "--backtest-origins", "1"]
    assert main([*run, "--out", str(tmp_path / "run")]) == 0
    assert drawn == {
        "forecast.png": "thousands of passengers",
        "backtest.png": ("thousands of passengers"),
    }


def test_a_backtest_title_writes_large_errors_whole_and_one_origin_singular() -> None:
    at = np.arange(70, 82)
    truth = 1e6 + at.astype(float)
    forecasts = pd.DataFrame(
        {"origin": 70, "cutoff": 69, "timestamp": at, "step": np.arange(1, 13)}
    ).assign(y_true=truth, forecast=truth + 1, seasonal_naive=truth - 1)
    summary = {
        "model": {"rmse": 581234.4, "mae": 1.0},
        "seasonal_naive": {"rmse": 12345.6, "mae": 1.0},
    }
    metrics = pd.DataFrame({"method": ["model", "seasonal_naive"]})
    fig = BacktestResult(forecasts, metrics, summary).plot()
    # .4g wrote "RMSE 5.812e+05, seasonal naive 1.235e+04"; and "1 origins"
    assert fig.axes[0].get_title() == "1 origin: RMSE 581,234, seasonal naive 12,346"


def test_a_long_value_label_wraps_within_the_figure() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    name = "monthly passengers of all carriers on international routes, in thousands of people"
    y = pd.Series(100.0 + np.arange(60), MONTHS, name=name)
    fig = plot_forecast(y[:-12], _forecast(y[-12:].to_numpy()))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    drawn = fig.get_tightbbox(canvas.get_renderer())  # inches, as the figure's size
    assert drawn.y0 >= 0 and drawn.y1 <= fig.get_figheight()


def test_an_explanation_names_the_series_its_window_shows() -> None:
    from lstmkit.data import load_dataset
    from lstmkit.explain.forecast import explain_forecast
    from lstmkit.forecast import Forecaster

    y = load_dataset("airline")
    fc = Forecaster(horizon=3, lookback=12, ensemble=1, epochs=2, refit=False, seed=0).fit(y)
    fig = explain_forecast(fc).plot()
    assert [ax.get_ylabel() for ax in fig.axes[:2]] == ["airline", ""]  # was "input"
    assert plot_lags(np.arange(4.0), np.ones(4)).axes[0].get_ylabel() == "input"
    fig = plot_lags(np.arange(4.0), np.ones(4), window_label="sales")
    assert fig.axes[0].get_ylabel() == "sales"

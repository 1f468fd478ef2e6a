"""Fixes of the leftovers of the last sessions' notes (tests fail without their fix)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.backtest import BacktestResult
from lstmkit.cli import main
from lstmkit.forecast import plot_forecast
from lstmkit.train import History, plot_checks, plot_history

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # --json takes no value: the m given to the misspelling is no --json m
        (
            ["forecast", "airline", "--jsn", "m"],
            "--jsn m; did you mean --json (it takes no value)?",
        ),
        (
            ["forecast", "airline", "--jsn=m"],
            "--jsn=m; did you mean --json (it takes no value)?",
        ),
        (
            ["forecast", "airline", "--jsn", "--hiden-size", "3"],
            "--jsn --hiden-size 3; did you mean --json for --jsn, --hidden-size for --hiden-size?",
        ),
        # nothing close: no guess
        (["forecast", "airline", "--foo", "1"], "--foo 1"),
    ],
)
def test_a_misspelt_flag_is_named_with_the_flag_it_looks_like(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`forecast airline --jsn m` named --jsn and m but not the --json it was meant to be:
    argparse takes abbreviations only, and guessed nothing."""
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {said} (`lstmkit forecast --help` lists the flags)\n"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["text", "train-lm", "shakespeare", "--foo=1"], "--foo=1; {required}--out"),
        (["text", "train-lm", "--foo=1", "shakespeare"], "--foo=1; {required}--out"),
        (["text", "train-lm", "shakespeare", "--foo"], "--foo; {required}--out"),
        (["text", "spell", "--foo"], "--foo; {required}model_dir, number"),
    ],
)
def test_a_stray_flag_without_a_value_is_named_beside_what_is_missing(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`text train-lm shakespeare --foo=1` said only "the following arguments are required:
    --out": a stray flag was named only where its value had fed a positional (`--foo 1`)."""
    prog = " ".join(["lstmkit", *argv[:2]])
    said = said.format(required="the following arguments are required: ")
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {said} (`{prog} --help` lists the flags)\n"
    )


@pytest.mark.parametrize(
    ("values", "said"),
    [
        ([np.nan] * 6, "NaN at all 6 steps"),
        ([np.nan, np.inf, -np.inf], "NaN or infinite values at all 3 steps"),
    ],
)
def test_plot_forecast_refuses_a_forecast_with_nothing_to_draw(
    values: list[float], said: str, tmp_path: Path
) -> None:
    """A forecast of NaN only drew the history beside an empty forecast line, without a word,
    and saved it."""
    index = pd.date_range("2000-01", periods=24 + len(values), freq="MS")
    history = pd.Series(np.arange(24.0), index=index[:24], name="x")
    forecast = pd.DataFrame({"forecast": values}, index=index[24:])
    with pytest.raises(ValueError) as err:
        plot_forecast(history, forecast, path=tmp_path / "f.png")
    assert str(err.value) == (
        f"`forecast` must have a finite value in its 'forecast' column to draw, got {said}."
    )
    assert not (tmp_path / "f.png").exists()


def test_plot_forecast_still_draws_a_forecast_with_some_nan() -> None:
    """A forecast with a finite value is drawn, its NaN steps left out (as before)."""
    index = pd.date_range("2000-01", periods=27, freq="MS")
    history = pd.Series(np.arange(24.0), index=index[:24], name="x")
    forecast = pd.DataFrame({"forecast": [np.nan, 5.0, np.nan]}, index=index[24:])
    fig = plot_forecast(history, forecast)
    line = fig.axes[0].get_lines()[1]
    assert line.get_label() == "forecast"
    assert np.isnan(line.get_ydata()[[0, 2]]).all() and line.get_ydata()[1] == 5.0


def _looks(lines: list) -> list[tuple[str, str, str]]:
    """Each line's colour (as hex), line style and marker, as a reader tells lines apart."""
    return [
        (mcolors.to_hex(line.get_color()), line.get_linestyle(), str(line.get_marker()))
        for line in lines
    ]


def test_plot_history_draws_no_two_trainings_alike() -> None:
    """With 12 histories (an ensemble of 12), training 11 was drawn as training 1: C0, solid,
    no marker, and its dashed validation line as that of training 1."""
    histories = [
        History(train_loss=[1.0 + k, 0.5 + k] * 4, val_loss=[1.1 + k, 0.6 + k] * 4, best_epoch=1)
        for k in range(12)
    ]
    fig = plot_history(histories)
    lines = fig.axes[0].get_lines()
    train = [line for line in lines if line.get_label().startswith("training ")]
    valid = [line for line in lines if line.get_linestyle() == "--" and len(line.get_xdata())]
    assert [line.get_label() for line in train] == [f"training {k + 1}" for k in range(12)]
    assert len(set(_looks(train))) == 12 and len(set(_looks(valid))) == 12
    c0 = mcolors.to_hex("C0")
    assert _looks(train)[0] == (c0, "-", "None") and _looks(train)[10] == (c0, "-", "^")
    assert _looks(valid)[0] == (c0, "--", "None") and _looks(valid)[10] == (c0, "--", "^")


def test_plot_checks_draws_no_two_curves_alike() -> None:
    """With 11 curves, curve 11 was drawn as curve 1: C0, solid, with dots."""
    curves = [[(100, 0.5 + k / 100), (200, 0.6 + k / 100)] for k in range(11)]
    fig = plot_checks(curves, ylabel="dev accuracy", higher_is_better=True)
    lines = [line for line in fig.axes[0].get_lines() if line.get_label().startswith("training")]
    assert [line.get_label() for line in lines] == [f"training {k + 1}" for k in range(11)]
    looks = _looks(lines)
    assert len(set(looks)) == 11
    assert looks[0] == (mcolors.to_hex("C0"), "-", ".") and looks[10][:2] == (looks[0][0], "--")


@pytest.fixture(scope="module")
def airline_run(
    tmp_path_factory: pytest.TempPathFactory,
    undrawn_figures_block: Callable[[], contextlib.AbstractContextManager[None]],
) -> Path:
    """One `lstmkit forecast airline` run folder (run.json, model/), made fast (its PNGs empty)."""
    run = tmp_path_factory.mktemp("airline") / "run"
    argv = ["forecast", "airline", "--epochs", "2", "--ensemble", "1", "--no-stat-baselines"]
    with contextlib.redirect_stdout(io.StringIO()), undrawn_figures_block():
        assert main([*argv, "--horizon", "6", "--out", str(run)]) == 0
    return run


def _predict_label(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The value axis' label of the forecast.png that `lstmkit predict ARGV` draws."""
    import lstmkit.forecast as F

    drawn, original = [], F.plot_forecast

    def plot(*args: object, **kwargs: object) -> Figure:
        drawn.append(original(*args, **kwargs))
        return drawn[-1]

    monkeypatch.setattr(F, "plot_forecast", plot)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["predict", *argv]) == 0
    (fig,) = drawn
    return fig.axes[0].get_ylabel()


def test_predict_labels_a_bundled_dataset_with_its_units(
    airline_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, undrawn_figures: None
) -> None:
    """`lstmkit predict runs/airline --out DIR` labelled forecast.png "airline" (the column),
    where `lstmkit forecast airline` labels it "thousands of passengers"."""
    out = str(tmp_path / "p")
    units = "thousands of passengers"
    assert _predict_label([str(airline_run), "--out", out], monkeypatch) == units
    assert _predict_label([str(airline_run), "airline", "--out", out], monkeypatch) == units
    # a CSV's column names its values, whatever the model was trained on
    csv = tmp_path / "newer.csv"
    D.load_dataset("airline").rename("passengers").rename_axis("month").to_csv(csv)
    argv = [str(airline_run), "--csv", str(csv), "--date-col", "month", "--out", out]
    assert _predict_label([*argv, "--value-col", "passengers"], monkeypatch) == "passengers"
    # a model folder without the run's record (Forecaster.save's) does not tell its data
    bare = tmp_path / "bare"
    shutil.copytree(airline_run / "model", bare)
    assert _predict_label([str(bare), "--out", out], monkeypatch) == "airline"


@pytest.mark.parametrize("command", [None, ["lstmkit", "forecast", "airline"]])
def test_predict_reads_no_stdin_for_a_run_without_its_command(
    airline_run: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: object,
    undrawn_figures: None,
) -> None:
    """A run.json whose command was edited to null made `lstmkit predict RUN --out DIR` read
    stdin (shlex.split(None): it waited at a terminal; a DeprecationWarning under -W error),
    and a list failed with "'list' object has no attribute 'read'"."""
    run = tmp_path / "run"
    shutil.copytree(airline_run, run)
    record = json.loads((run / "run.json").read_text(encoding="utf-8"))
    (run / "run.json").write_text(json.dumps({**record, "command": command}), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("lstmkit forecast airline"))
    # no command, no telling a --csv run: the target column's name, as without run.json
    assert _predict_label([str(run), "--out", str(tmp_path / "p")], monkeypatch) == "airline"
    assert _predict_label([str(airline_run), "--out", str(tmp_path / "q")], monkeypatch) == (
        "thousands of passengers"
    )


def _hand_made(baselines: list[str]) -> BacktestResult:
    """A BacktestResult made by hand: two origins of 3 steps, with ``baselines`` only."""
    ts = pd.date_range("2000-01", periods=6, freq="MS")
    forecasts = pd.DataFrame(
        {
            "origin": [ts[0]] * 3 + [ts[3]] * 3,
            "cutoff": ts,
            "timestamp": ts,
            "step": [1, 2, 3] * 2,
            "y_true": np.arange(6.0),
            "forecast": np.arange(6.0) + 1,
            **{name: np.arange(6.0) for name in baselines},
        }
    )
    methods = ["model", *baselines]
    metrics = pd.DataFrame({"origin": ts[0], "method": methods, "rmse": 1.0})
    return BacktestResult(forecasts, metrics, {m: {"rmse": 1.0} for m in methods})


@pytest.mark.parametrize(
    ("baselines", "said"),
    [
        (["naive"], "one of ['naive'] or None"),
        ([], "None for a result without baselines"),
    ],
)
def test_backtest_plot_says_its_default_baseline_is_missing(
    baselines: list[str], said: str
) -> None:
    """A hand-made result without seasonal_naive refused `plot()` with "got 'seasonal_naive'",
    a baseline the caller never passed."""
    with pytest.raises(ValueError) as err:
        _hand_made(baselines).plot()
    assert str(err.value) == (
        f"`baseline` must be {said}, got 'seasonal_naive' (the default, which this result lacks)."
    )
    # what the message says to pass is drawn
    fig = _hand_made(baselines).plot(baseline=baselines[0] if baselines else None)
    assert fig.axes[0].get_title() == "2 origins: mean RMSE 1" + (", naive 1" if baselines else "")

"""Fixes found reviewing the day's changes to the command line (tests fail without their fix)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import plot_forecast

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The one line `lstmkit ARGV` writes on stderr when it refuses its flags (exit 2)."""
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # -vv is -v twice to argparse: only what is missing is said
        (["text", "train-lm", "-vv"], "the following arguments are required: --out"),
        (["predict", "-vv"], "the following arguments are required: model"),
        (["text", "spell", "-vv", "m"], "the following arguments are required: number"),
        # the misspelt corpus, not -vv with it as a value
        (
            ["text", "train-lm", "--out", "lm", "-vv", "shakespear"],
            "argument corpus: invalid choice: 'shakespear' (choose from 'shakespeare')",
        ),
    ],
)
def test_combined_short_flags_are_no_stray(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """`lstmkit text train-lm -vv` said "unrecognized arguments: -vv; the following arguments
    are required: --out", though argparse reads -vv as -v -v."""
    prog = " ".join(["lstmkit", *argv[: 2 if argv[0] == "text" else 1]])
    assert _error(argv, capsys) == f"error: {said} (`{prog} --help` lists the flags)\n"


@pytest.fixture(scope="module")
def airline_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One `lstmkit forecast airline` run folder (run.json, model/), made fast."""
    run = tmp_path_factory.mktemp("airline") / "run"
    argv = ["forecast", "airline", "--epochs", "1", "--ensemble", "1", "--no-stat-baselines"]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main([*argv, "--horizon", "3", "--out", str(run)]) == 0
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


@pytest.mark.parametrize("command", [None, ["lstmkit", "forecast", "airline"]])
def test_predict_reads_no_stdin_for_a_run_without_its_command(
    airline_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: object
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


@pytest.mark.parametrize(("value", "said"), [(np.nan, "NaN"), (np.inf, "an infinite value")])
def test_plot_forecast_says_a_one_step_forecast_as_one(value: float, said: str) -> None:
    """A forecast of horizon 1 without a finite value was refused with "got NaN at all 1
    steps" (and an inf with "NaN or infinite values at all 1 steps")."""
    index = pd.date_range("2000-01", periods=25, freq="MS")
    history = pd.Series(np.arange(24.0), index=index[:24], name="x")
    forecast = pd.DataFrame({"forecast": [value]}, index=index[24:])
    with pytest.raises(ValueError) as err:
        plot_forecast(history, forecast)
    assert str(err.value) == (
        f"`forecast` must have a finite value in its 'forecast' column to draw, got {said} at "
        "its one step."
    )

"""fccli38: the command-line forecast walked as a spreadsheet user would: a run whose files
cannot be moved into --out names the folder and the file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import lstmkit.cli as cli
from lstmkit.cli import main

QUICK = ("--ensemble", "1", "--epochs", "2", "--hidden-size", "4", "--no-stat-baselines")


def _moves_refused(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """``os.replace`` refuses, with ``code``, to move a staged file of a run into ``--out``
    (the run's own saves, inside the staging folder, go on)."""
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if not Path(src).parent.name.startswith(".lstmkit-"):
            return real(src, dst)
        raise OSError(code, os.strerror(code), os.fspath(src), None, os.fspath(dst))

    monkeypatch.setattr(cli.os, "replace", replace)


def test_a_refused_move_into_out_names_the_folder_and_the_file(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    undrawn_figures: None,
) -> None:
    # it said "[Errno 13] Permission denied: 'runs/x/.lstmkit-...tmp/forecast.csv' ->
    # 'runs/x/forecast.csv'" alone
    monkeypatch.chdir(tmp_path)
    _moves_refused(monkeypatch, errno.EACCES)
    assert main(["forecast", "airline", *QUICK, "--out", "runs/x"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "error: --out 'runs/x' cannot be written: Permission denied, moving the run's "
        "forecast.csv into it (its permissions changed during the run?). It holds what it held "
        "before; run again into another --out.\n"
    )
    assert not (tmp_path / "runs").exists()  # made for the run, removed with it


def test_a_refused_move_into_a_sticky_out_says_why(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    undrawn_figures: None,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.chdir(tmp_path)
    saved = _saved(tmp_path)
    capsys.readouterr()
    _moves_refused(monkeypatch, errno.EPERM)
    owner = shared.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 4242)  # the folder another user's
    assert main(["predict", str(saved), "--out", "shared"]) == 1
    assert capsys.readouterr().err == (
        "error: --out 'shared' cannot be written: Operation not permitted, moving the run's "
        "forecast.csv into it (a folder with the sticky bit, where only a file's owner may "
        "replace it). It holds what it held before; run again into another --out.\n"
    )
    assert sorted(p.name for p in shared.iterdir()) == []


def _saved(tmp_path: Path) -> Path:
    """A tiny forecast run's model folder, saved in ``tmp_path/run``."""
    assert main(["forecast", "airline", *QUICK, "--json", "--out", str(tmp_path / "run")]) == 0
    return tmp_path / "run"


def test_a_sticky_out_holding_another_users_files_is_refused_before_the_fit(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    undrawn_figures: None,
) -> None:
    # a shared folder (chmod 1777, as /tmp) not the user's: a colleague's run there could not
    # be replaced (os.replace: "Operation not permitted"), found only after the fit
    shared = _saved(tmp_path).rename(tmp_path / "shared")
    capsys.readouterr()
    shared.chmod(0o1777)
    owner = shared.stat().st_uid
    import pwd

    name = pwd.getpwuid(owner).pw_name
    monkeypatch.setattr(os, "geteuid", lambda: owner + 4242)  # another user than the owner
    fitted: list[object] = []
    monkeypatch.setattr("lstmkit.forecast.Forecaster.fit", lambda *a, **k: fitted.append(a))
    args = ["forecast", "airline", *QUICK, "--out", str(shared)]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(shared)!r} holds forecast.csv, forecast.png, training.png, "
        f"run.json and model/ of another user ({name}), "
        f"in a folder with the sticky bit (drwxrwxrwt, as /tmp has), where only a file's owner "
        "may replace or delete it: the run could not move its files in. Choose another --out "
        "(a folder of your own), or ask the owner to remove them.\n"
    )
    assert fitted == []


FORECAST_PLOT = (
    "no flag draws a plot on screen: --out DIR writes it, DIR/forecast.png (the history, the "
    "held-out truth, the forecast and its interval) beside training.png"
)


@pytest.mark.parametrize("flag", ["--plot", "--show", "--png", "--plto"])
def test_a_plot_flag_is_told_where_the_plot_is(flag: str, flags_refusal) -> None:
    # "error: unrecognized arguments: --plot (`lstmkit forecast --help` lists the flags)" alone
    assert flags_refusal(["forecast", "airline", flag]) == (
        f"error: unrecognized arguments: {flag}; {FORECAST_PLOT} "
        "(`lstmkit forecast --help` lists the flags)\n"
    )
    assert flags_refusal(["predict", "runs/airline", flag]) == (
        f"error: unrecognized arguments: {flag}; no flag draws a plot on screen: --out DIR "
        "writes it, DIR/forecast.png (the history, the forecast and its interval) "
        "(`lstmkit predict --help` lists the flags)\n"
    )


STEPS = (
    "a count of the data's own steps, not a duration: 12 for a year of monthly data, 7 for a "
    "week of daily data"
)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["forecast", "airline", "--horizon", "3m"], "--horizon must be an integer, got '3m'"),
        (
            ["forecast", "airline", "--horizon=6 months"],
            "--horizon must be an integer, got '6 months'",
        ),
        (["forecast", "airline", "--holdout", "1y"], "--holdout must be an integer, got '1y'"),
        (
            ["forecast", "airline", "--backtest", "--backtest-stride", "6M"],
            "--backtest-stride must be an integer, got '6M'",
        ),
        (["predict", "runs/airline", "--horizon", "2w"], "--horizon must be an integer, got '2w'"),
    ],
)
def test_a_count_given_as_a_duration_is_told_it_counts_steps(argv, said, flags_refusal) -> None:
    # "--horizon must be an integer, got '3m'." alone
    assert flags_refusal(argv) == f"error: {said} ({STEPS}).\n"


def test_a_count_that_is_no_duration_is_told_as_before(flags_refusal) -> None:
    assert flags_refusal(["forecast", "airline", "--horizon", "abc"]) == (
        "error: --horizon must be an integer, got 'abc'.\n"
    )
    assert flags_refusal(["forecast", "airline", "--holdout", "10%"]) == (
        "error: --holdout must be an integer, got '10%' (a count of points, not a percentage).\n"
    )

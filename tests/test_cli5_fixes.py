"""Remedies said as the caller acts on them: flags alone on the command line (lstmkit._remedies),
and the help flag's letters read as the unknown flag they are."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster, ForecasterConfig, data, load_dataset
from lstmkit._pool import _died, _unread
from lstmkit._remedies import cli_command
from lstmkit.cli import main


@contextmanager
def _said_as(command: str | None) -> Iterator[None]:
    """Messages made in the block said as ``command`` of the command line says them."""
    token = cli_command.set(command)
    try:
        yield
    finally:
        cli_command.reset(token)


@pytest.mark.parametrize(
    ("command", "advice"),
    [(None, "jobs=1 (CLI: --jobs 1)"), ("forecast", "--jobs 1")],
)
def test_a_broken_pool_says_jobs_as_the_caller_gives_it(command, advice) -> None:
    # `lstmkit forecast --jobs 4` whose worker died was told "Try jobs=1 (CLI: --jobs 1)"
    tail = f"Try {advice}, which runs every call in this process, one at a time."
    with _said_as(command):
        died = _died([0], 2, print, lambda k: "member 1 of 2", [-signal.SIGTERM, 3])
        unread = _unread([1], 2, print, None, "EOFError")
    assert died == (
        "a worker process died while it ran member 1 of 2: it exited with code 3, as a worker "
        "that fails to start does (its traceback is above): a script runs again in each "
        'worker, so its fit belongs under `if __name__ == "__main__":`. ' + tail
    )
    assert unread == (
        "this process could not read what a worker process sent back while the workers ran "
        "call 2 of 2 of print (EOFError): a result or an error that pickles in the worker but "
        "cannot be rebuilt here. " + tail
    )


def test_the_interval_warning_names_the_flags_on_the_command_line() -> None:
    # `lstmkit forecast --val-size 3` warned "A larger `val_size` (CLI: --val-size) or a
    # lower `interval`", Python names beside the flags it was given
    y = load_dataset("airline")[:84]
    cfg = ForecasterConfig(horizon=2, val_size=3, ensemble=1, epochs=1, refit=False)
    with _said_as("forecast"), pytest.warns(UserWarning) as record:
        fc = Forecaster(cfg).fit(y)
    said = (
        "the 80% split-conformal interval needs at least 4 validation errors per forecast step, "
        "and 2 steps have only 3; their half-width is the largest error, which covers about "
        "75%. "
    )
    assert [str(w.message) for w in record] == [
        said + "--val-size 4 or a lower --interval (0.75 or less) fixes this."
    ]
    # `lstmkit predict --interval 0.8` has no --val-size: the model's validation is fitted
    with _said_as("predict"), pytest.warns(UserWarning) as record:
        fc.predict(interval=0.8)
    assert [str(w.message) for w in record] == [
        said + "A lower --interval (0.75 or less) fixes this, or a model fitted with a larger "
        "--val-size."
    ]


def test_the_target_as_a_future_covariate_is_refused_in_flags_on_the_command_line() -> None:
    # "Leave it out (CLI: of --future-cols)" read as a Python remedy with a flag glued on
    days = pd.date_range("2021-01-01", periods=40, freq="D")
    sales = pd.Series(20.0 + np.arange(40) % 5, days, name="sales")
    plan = pd.DataFrame({"promo": np.arange(40) % 2, "copy": sales})
    fc = Forecaster(horizon=3, ensemble=1, epochs=1, lookback=4, season_length=1)
    with _said_as("forecast"), pytest.raises(ValueError) as err:
        fc.fit(sales, future_covariates=plan)
    assert str(err.value) == (
        "`future_covariates` must be known in advance, not the target, got 'copy', equal to "
        "'sales' at all of the series' 40 points: each forecast step would read the value it "
        "forecasts. Leave it out of --future-cols; a lagged copy, series.shift(1), is a past "
        "covariate (--covariate-cols)."
    )


@pytest.mark.parametrize(
    ("command", "remedy"), [(None, "`data_dir` (CLI: --data-dir)"), ("text", "--data-dir")]
)
def test_no_text_data_says_data_dir_as_the_caller_gives_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str | None, remedy: str
) -> None:
    # a command that looks for the data without naming its flag said "Pass `data_dir` (CLI:
    # --data-dir)" on the command line
    import lstmkit.text.sst as sst

    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    monkeypatch.setattr(sst, "__file__", str(site / "lstmkit" / "text" / "sst.py"))
    monkeypatch.delenv("LSTMKIT_DATA", raising=False)
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    shared = tmp_path / "shared" / "data" / "text"
    with _said_as(command), pytest.raises(FileNotFoundError) as err:
        sst.find_text_data()
    assert str(err.value) == (
        "text data folder not found (expected a folder holding `sst/` or `tinyshakespeare/`); "
        f"looked in: {str(shared)!r}, {str(shared / 'text')!r}. Pass {remedy} or set "
        "LSTMKIT_DATA."
    )


def test_a_date_format_that_reads_no_date_is_named_by_its_flag(tmp_path, capsys) -> None:
    # "expected dates in date_format='dd.mm.yyyy'": the Python argument, on the command line
    path = tmp_path / "eu.csv"
    path.write_text("d,y\n01.01.2020,1\n02.01.2020,2\n13.01.2020,3\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "d", "--value-col", "y"]
    assert main([*argv, "--date-format", "%d/%m/%Y", "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'd' of {str(tmp_path / 'eu.csv')!r} has unparsable dates at row 2 "
        "('01.01.2020'), row 3 ('02.01.2020'), row 4 ('13.01.2020'); expected dates in "
        "--date-format '%d/%m/%Y'; --date-format '%d.%m.%Y' reads every one.\n"
    )
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["explain", "airline", "-horizon", "3"], "-horizon"),
        (["explain", "airline", "-vhorizon"], "-vhorizon"),
        (["explain", "-hx"], "-hx"),
    ],
)
def test_letters_after_the_help_flag_are_an_unknown_flag(
    flags_refusal: Callable[[list[str]], str], argv: list[str], word: str
) -> None:
    # explain has no --horizon to guess: argparse's "argument -h/--help: ignored explicit
    # argument 'orizon'" was left, about a help nobody asked for
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {word} (`lstmkit explain --help` lists the flags)\n"
    )


def _read_refusal(tmp_path: Path, text: str, command: str | None, **kwargs: str) -> str:
    """What ``read_csv`` refuses a file holding ``text`` with, said as ``command`` says it."""
    path = tmp_path / "s.csv"
    path.write_text(text, encoding="utf-8")
    with _said_as(command), pytest.raises(ValueError) as err:
        data.read_csv(path, "d", ["sales", "price"], **kwargs)
    return str(err.value)


_FUTURE_ROWS = "d,sales,price\n" + "".join(
    f"2022-0{m}-01,{v},5\n"
    for m, v in zip(range(1, 7), ["10", "11", "12", "", "", ""], strict=True)
)


@pytest.mark.parametrize(
    ("command", "fill", "future"),
    [
        (None, "fill='ffill'", "Forecaster's future_covariates, CLI --future-cols"),
        ("forecast", "--fill ffill", "--future-cols"),
    ],
)
def test_the_targets_future_rows_are_refused_in_the_callers_words(
    tmp_path: Path, command: str | None, fill: str, future: str
) -> None:
    # `lstmkit forecast --fill ffill` was told "fill='ffill' does not make it up" and "go to
    # Forecaster's future_covariates, CLI --future-cols"
    why = (
        "the forecast starts after the last row, and covariates are past inputs, whose future "
        f"values it does not need (values known ahead, a promotion plan say, go to {future}, "
        "which read those rows)."
    )
    # on the command line, with the cut that reads the file without them (revfccli39)
    cut = (
        ""
        if command is None
        else " On the command line, read the file without them: sed '$d' "
        f"{tmp_path / 's.csv'} | sed '$d' | sed '$d' | lstmkit forecast --csv - (with the "
        "other flags as given)."
    )
    assert _read_refusal(tmp_path, _FUTURE_ROWS, command) == (
        "values must not be missing (NaN), got NaN in column 'sales' "
        f"of {str(tmp_path / 's.csv')!r} at 2022-04-01, 2022-05-01, "
        "2022-06-01. The last 3 rows have no 'sales' (2022-04-01 … 2022-06-01), which no fill "
        "makes up: drop them. If they are the future to forecast, " + why + cut
    )
    assert _read_refusal(tmp_path, _FUTURE_ROWS, command, fill="ffill") == (
        f"'sales' (the target) of {str(tmp_path / 's.csv')!r} has no value in its last 3 rows, "
        "2022-04-01, 2022-05-01, "
        f"2022-06-01, after its last value at 2022-03-01: that is not a gap, and {fill} does not "
        "make it up (a forecast would start from made-up values, a holdout be scored against "
        "them). Drop those rows (if they are the future to forecast: the forecast starts after "
        "the last row, and covariates are past inputs, whose future values it does not need; "
        f"values known ahead, a promotion plan say, go to {future}, which read those rows)." + cut
    )


def test_nans_a_fill_left_are_said_with_its_flag(tmp_path: Path) -> None:
    # `lstmkit forecast --fill ffill`: "fill='ffill' left NaNs in column 'price' ..."
    text = "d,sales,price\n" + "".join(
        f"2022-0{m}-01,{m},{'' if m < 3 else 5}\n" for m in range(1, 6)
    )
    assert _read_refusal(tmp_path, text, "forecast", fill="ffill") == (
        f"--fill ffill left NaNs in column 'price' of {str(tmp_path / 's.csv')!r} at the start "
        "(2022-01-01, 2022-02-01): 'ffill' "
        "copies the previous value forward, so nothing before a column's first value is filled; "
        "try 'interpolate' or 'bfill'."
    )

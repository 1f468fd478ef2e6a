"""Command-line polish from a README walk-through, each pinned by the test that found it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from lstmkit import data
from lstmkit._remedies import cli_command
from lstmkit.cli import build_parser, main


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        (
            ["forecast", "-horizon", "3"],
            "unrecognized arguments: -horizon; did you mean --horizon?",
            "forecast",
        ),
        (
            ["predict", "runs/airline", "-horizon=3"],
            "unrecognized arguments: -horizon=3; did you mean --horizon?",
            "predict",
        ),
        (
            ["text", "train", "sst2", "-hepochs", "2"],
            "unrecognized arguments: -hepochs; did you mean --epochs?",
            "text train",
        ),
        (
            ["explain", "-verbose"],
            "unrecognized arguments: -verbose; did you mean --verbose?",
            "explain",
        ),
        (
            ["demo", "-help"],
            "unrecognized arguments: -help; did you mean --help?",
            "demo",
        ),
        # nothing it looks like: an unknown flag, said as -z is
        (
            ["forecast", "airline", "-vvz"],
            "unrecognized arguments: -vvz",
            "forecast",
        ),
    ],
)
def test_a_long_flag_with_one_dash_gets_the_guess_alone(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit forecast -horizon 3` opened with argparse's "argument -h/--help: ignored
    explicit argument 'orizon'" before the guess: a flag the user never typed."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit {prog} --help` lists the flags)\n"


_GAP = "month,sales\n2020-01-01,1\n2020-02-01,2\n2020-04-01,3\n2020-05-01,4\n2020-06-01,5\n"
_THOUSANDS = 'month,sales\n2020-01-01,"1,234"\n2020-02-01,"2,345"\n2020-03-01,"3,456"\n'
_LONG = "month,store,sales\n2020-01-01,a,1\n2020-01-01,b,2\n2020-02-01,a,3\n2020-02-01,b,4\n"


def _forecast_refusal(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> str:
    """What `lstmkit forecast --csv` says of a file holding ``text`` (exit 2)."""
    csv = tmp_path / "sales.csv"
    csv.write_text(text, encoding="utf-8")
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


def _read_refusal(tmp_path: Path, text: str, command: str | None = None) -> str:
    """What ``read_csv`` refuses a file holding ``text`` with, said as ``command`` of the
    command line says it (None: to a Python caller)."""
    csv = tmp_path / "sales.csv"
    csv.write_text(text, encoding="utf-8")
    said_as = cli_command.set(command)
    try:
        with pytest.raises(ValueError) as refused:
            data.read_csv(csv, "month", "sales")
    finally:
        cli_command.reset(said_as)
    return str(refused.value)


# "{csv}": the file's path as given, quoted
_GAP_SAID = (
    "timestamps in {csv} must be regularly spaced (no gaps), got irregular steps before "
    "2020-04-01 (usual step: 1 month); missing 2020-03-01; pass "
)
_THOUSANDS_SAID = (
    "column 'sales' of {csv} has non-numeric values at 2020-01-01 ('1,234'), 2020-02-01 ('2,345'), "
    "2020-03-01 ('3,456') (numbers with ',' between thousands, '1,234' for 1234?): pass "
)


def test_a_csv_remedy_on_the_command_line_names_the_flag_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lstmkit forecast --csv` said "pass `fill` to read_csv or to_frame (CLI: --fill)": the
    Python remedy first, to a user of the command line."""
    gap_said = _GAP_SAID.format(csv=repr(str(tmp_path / "sales.csv")))
    assert _forecast_refusal(tmp_path, _GAP, capsys) == (
        f"error: {gap_said}--fill ffill, bfill, interpolate or zero to insert the missing "
        "timestamps and fill their values.\n"
    )
    assert _forecast_refusal(tmp_path, _THOUSANDS, capsys) == (
        f"error: {_THOUSANDS_SAID.format(csv=repr(str(tmp_path / 'sales.csv')))}--thousands ','.\n"
    )


def test_a_csv_remedy_in_python_keeps_the_argument_and_the_flag(tmp_path: Path) -> None:
    gap_said = _GAP_SAID.format(csv=repr(str(tmp_path / "sales.csv")))
    assert _read_refusal(tmp_path, _GAP) == (
        f"{gap_said}fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take, to insert the missing timestamps "
        "and fill their values."
    )
    assert _read_refusal(tmp_path, _THOUSANDS) == (
        f"{_THOUSANDS_SAID.format(csv=repr(str(tmp_path / 'sales.csv')))}thousands=',' "
        "(CLI: --thousands ',')."
    )


_LONG_SAID = (
    "timestamps must be unique, got duplicates in {csv}: 2020-01-01, 2020-02-01. The file "
    "looks like 2 series in long format, one per value of 'store' (a, b): read one with "
)


def test_a_long_format_file_gets_series_col_where_it_applies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of stacked series was told only of --where; `lstmkit forecast --series-col`
    forecasts each of them."""
    long_said = _LONG_SAID.format(csv=repr(str(tmp_path / "sales.csv")))
    assert _forecast_refusal(tmp_path, _LONG, capsys) == (
        f"error: {long_said}--where store=a, or forecast each with --series-col store.\n"
    )
    # predict and explain read one series: --series-col is forecast's alone
    assert _read_refusal(tmp_path, _LONG, "predict") == f"{long_said}--where store=a."
    assert _read_refusal(tmp_path, _LONG) == (
        f"{long_said}where={{'store': 'a'}} (CLI: --where store=a)."
    )


def test_season_length_help_states_what_is_inferred() -> None:
    """--season-length's help left out business days (5), 30-minute data (48) and which
    frequencies get no season (yearly, seconds, business hours)."""
    (action,) = [
        a for a in _subparser("forecast")._actions if "--season-length" in a.option_strings
    ]
    assert action.help == (
        "seasonal period in steps, for the model and the seasonal baselines (default: from the "
        "frequency: 12 monthly, 24 half-monthly, 4 quarterly, 52 weekly, 7 daily, 5 business days "
        "(custom ones: their weekmask's days), 8 business hours (9 to 5), 24 hourly, the day for "
        "minute steps of 15 or more that divide it (96 for 15-minute, 48 for 30-minute data); "
        "none for yearly data, minute steps of which whole days are more than 96 (5, 7 or 50 "
        "minutes), seconds or no dates; a multiple of a frequency counts its steps, 6 for every "
        "two months, one that is a whole number of a longer unit counts as it, 7D and 5B as "
        "weekly, 3600s as hourly, and one that does not divide its season gets the fewest steps "
        "that span whole seasons, 12 for 10 hours (five days); e.g. 168 for a weekly cycle in "
        "hourly data)"
    )
    # each said period is the one lstmkit.data.season_length infers
    periods = {"MS": 12, "QS": 4, "W": 52, "D": 7, "B": 5, "h": 24, "15min": 96, "30min": 48}
    periods |= {"SMS": 24, "C": 5, "bh": 8}
    periods |= {"7D": 52, "5B": 52, "3600s": 24, "10h": 12}  # as the help says
    for freq, period in periods.items():
        assert data.season_length(pd.date_range("2024-01-01", periods=3, freq=freq)) == period
    for freq in ("YS", "5min", "7min", "50min", "s", "2MS"):
        index = pd.date_range("2024-01-01", periods=3, freq=freq)
        assert data.season_length(index) == (6 if freq == "2MS" else 1)


def _subparser(name: str) -> argparse.ArgumentParser:
    """The parser of `lstmkit NAME`."""
    parser = build_parser([name])
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sub.choices[name]

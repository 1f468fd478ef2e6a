"""Fixes found while giving each thing one way of being done (tests fail without their fix),
and the behaviour those refactors keep, pinned."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest


def test_a_value_after_equals_read_as_flags_is_told_as_argparse_tells_it(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    # `-v=v1` (argparse 3.11 reads the value as more short flags and refuses its '1') was
    # taken for a glued cluster and said "unrecognized arguments:  " with nothing listed
    plain = argparse.ArgumentParser(exit_on_error=False)
    plain.add_argument("-v", "--verbose", action="store_true")
    with pytest.raises(argparse.ArgumentError) as refused:
        plain.parse_args(["-v=v1"])
    for argv, prog in [
        (["forecast", "airline", "-v=v1"], "lstmkit forecast"),
        (["-v=v1", "forecast", "airline"], "lstmkit"),
    ]:
        assert flags_refusal(argv) == (
            f"error: {refused.value} (`{prog} --help` lists the flags)\n"
        )


def test_a_value_after_equals_refused_before_a_glued_cluster_is_what_is_said(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    # pinned (behaviour unchanged): argparse refuses -v=1 first; -vz, later, is not named
    assert flags_refusal(["forecast", "airline", "-v=1", "-vz"]) == (
        "error: argument -v/--verbose: ignored explicit argument '1' (`lstmkit forecast "
        "--help` lists the flags)\n"
    )


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        (
            "forecast airline --foo 1 -vjson",
            "--foo 1 -vjson; did you mean -v --json for -vjson?",
            "lstmkit forecast",
        ),
        (
            "forecast airline -vjson --foo 1",
            "-vjson --foo 1; did you mean -v --json for -vjson?",
            "lstmkit forecast",
        ),
        (
            "-vjson forecast airline --foo 1",
            "-vjson --foo 1; did you mean `lstmkit forecast -v --json` for -vjson?",
            "lstmkit forecast",
        ),
        (
            "text -vjson train sst2 --out x --zz 1",
            "-vjson --zz 1; did you mean `lstmkit text train -v --json` for -vjson?",
            "lstmkit text train",
        ),
        ("-vz forecast airline --foo 1", "-vz --foo 1", "lstmkit"),
        ("text -vz train sst2 --out x --zz", "-vz --zz", "lstmkit text"),
    ],
)
def test_a_glued_cluster_and_its_guess_are_listed_with_every_stray(
    flags_refusal: Callable[[list[str]], str], argv: str, said: str, prog: str
) -> None:
    # the cluster alone was named: --foo 1 and --zz, given before or after it, were dropped
    assert flags_refusal(argv.split()) == (
        f"error: unrecognized arguments: {said} (`{prog} --help` lists the flags)\n"
    )


@pytest.mark.parametrize(
    ("freq", "in_days", "saved_in_hours"),
    [
        ("24h", "D", True),
        ("1440min", "D", True),
        ("86400s", "D", True),
        ("D", "D", False),  # already days
        ("48h", "2D", False),
        ("7D", "7D", False),
        ("168h", "7D", False),
        ("12h", "12h", False),
        ("3600s", "3600s", False),
        ("MS", "MS", False),
        ("12MS", "12MS", False),
        ("W-SUN", "W-SUN", False),
    ],
)
def test_days_in_hours_are_read_one_way(freq: str, in_days: str, saved_in_hours: bool) -> None:
    # pinned (behaviour unchanged) where data._in_days and forecast._saved_in_hours share
    # data._whole_days: the days of a fixed step, and a model saved with "24h" steps
    import pandas as pd

    from lstmkit import data
    from lstmkit.forecast import _saved_in_hours

    offset = pd.tseries.frequencies.to_offset(freq)
    naive = pd.date_range("2024-01-01", periods=3, freq=freq)
    berlin = pd.date_range("2024-01-01", periods=3, freq=freq, tz="Europe/Berlin")
    assert data._in_days(offset, naive) == pd.tseries.frequencies.to_offset(in_days)
    assert data._in_days(offset, berlin) is offset  # a day there is not always 24 hours
    assert _saved_in_hours(freq) is saved_in_hours
    assert _saved_in_hours(None) is False

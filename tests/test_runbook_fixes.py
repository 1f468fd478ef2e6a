"""Forecast-run bookkeeping: --series-col reads the dates its series share once; run.json
records which data was fitted; explain records the threads and library versions."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import _forecast_run, main


class _Planned(Exception):
    """Raised instead of fitting: the tests of the check phase stop there."""


def _planned_series(
    monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> tuple[list[_forecast_run._Run], list[int]]:
    """The runs ``lstmkit forecast ARGV`` (a --series-col run) plans, none fitted, and the
    lengths of the date columns it parsed."""
    planned: list[_forecast_run._Run] = []
    parsed: list[int] = []
    plan, parse = _forecast_run._plan, D._parse_dates

    def recorded(*args, **kwargs):
        planned.append(plan(*args, **kwargs))
        return planned[-1]

    def counted(text, *args, **kwargs):
        parsed.append(len(text))
        return parse(text, *args, **kwargs)

    def stop(run):
        raise _Planned

    monkeypatch.setattr(_forecast_run, "_plan", recorded)
    monkeypatch.setattr(_forecast_run, "_execute", stop)
    monkeypatch.setattr(D, "_parse_dates", counted)
    with pytest.raises(_Planned):
        main(["forecast", *argv])
    return planned, parsed


def test_series_col_reads_the_dates_that_series_share_once(tmp_path, monkeypatch) -> None:
    # Each series parsed and checked its dates again: 1,000 series of 120 rows that all write
    # the same months spent 19 of the 21 s before the first fit in _load, most of it on dates.
    months = pd.date_range("2000-01-01", periods=40, freq="MS").strftime("%Y-%m-%d")
    frames = [
        pd.DataFrame({"store": s, "month": months, "sales": 100.0 + k + np.arange(40) % 7})
        for k, s in enumerate(["a", "b", "c", "d"])
    ]
    frames[1].loc[5, "sales"] = np.nan  # the same dates, a value to fill
    frames[2] = frames[2].drop(index=9)  # a month missing: a date column of its own
    frames.append(  # and one of other months
        pd.DataFrame({"store": "e", "month": months[3:], "sales": 50.0 + np.arange(37) % 5})
    )
    csv = tmp_path / "stores.csv"
    pd.concat(frames).to_csv(csv, index=False)
    argv = ["--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    argv += ["--series-col", "store", "--fill", "interpolate", "--no-progress"]
    planned, parsed = _planned_series(monkeypatch, argv)
    assert parsed == [40, 39, 37]  # was [40, 40, 39, 40, 37]: every series' dates
    assert [run.name for run in planned] == [f"stores (store={s})" for s in "abcde"]
    for run, s in zip(planned, "abcde", strict=True):  # each what --where store=NAME reads
        alone = D.read_csv(csv, "month", "sales", fill="interpolate", where={"store": s})
        pd.testing.assert_frame_equal(run.frame, alone)  # the index's freq too
        assert run.frame.attrs == alone.attrs
    assert planned[2].frame.attrs["inserted"] == 1
    assert planned[1].frame.attrs["filled"] == {"sales": [5]}
    assert planned[0].frame.index is not planned[3].frame.index  # equal, not one object


def test_series_col_says_each_series_warning_of_dates_it_shares(
    tmp_path, monkeypatch, capsys
) -> None:
    # A reading of dates that warns is not kept: each series that reads it says it, once in all.
    months = pd.date_range("1949-01-01", periods=48, freq="MS").strftime("%b-%y")
    csv = tmp_path / "stores.csv"
    pd.concat(
        pd.DataFrame({"store": s, "month": months, "sales": 10.0 + np.arange(48) % 12 + k})
        for k, s in enumerate("abc")
    ).to_csv(csv, index=False)
    argv = ["--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    argv += ["--series-col", "store", "--no-progress"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # as a user runs it: shown, not raised
        planned, parsed = _planned_series(monkeypatch, argv)
    assert len(planned) == 3
    assert parsed == [48] * 4  # once quietly, then once per series to say it
    assert capsys.readouterr().err == (
        "warning: column 'month' of stores.csv writes its years with two digits, and 48 of its "
        "dates would lie in the future, from 'Jan-49' (row 2) on: they are read a century "
        "earlier, 'Jan-49' as 1949-01-01. Write four-digit years to read them otherwise. "
        "(Warned of 3 of the 3 series of --series-col store, this of store=a; shown once.)\n"
    )

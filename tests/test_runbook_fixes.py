"""Forecast-run bookkeeping: --series-col reads the dates its series share once; run.json
records which data was fitted; explain records the threads and library versions."""

from __future__ import annotations

import hashlib
import json
import warnings
from importlib import resources

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
        f"warning: column 'month' of {str(tmp_path / 'stores.csv')!r} writes its years with two "
        "digits, and 48 of its dates would lie in the future, from 'Jan-49' (row 2) on: they are "
        "read a century earlier, 'Jan-49' as 1949-01-01. Write four-digit years to read them "
        "otherwise. (Warned of 3 of the 3 series of --series-col store, this of store=a; shown "
        "once.)\n"
    )


_FAST = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-refit"]
_FAST += ["--interval", "0", "--no-stat-baselines", "--no-progress"]


def test_run_json_records_the_sha256_of_the_data_fitted(tmp_path, capsys, undrawn_figures) -> None:
    # run.json named the data (`dataset`) but not which: a CSV edited since, or another of the
    # same name, gave a run.json that read the same.
    packaged = resources.files("lstmkit").joinpath("datasets", "milk_production.csv")
    assert main(["forecast", "milk", *_FAST, "--out", str(tmp_path / "milk")]) == 0
    capsys.readouterr()
    run = json.loads((tmp_path / "milk" / "run.json").read_text("utf-8"))
    assert (run["dataset"], run["dataset_sha256"]) == (
        "milk",
        hashlib.sha256(packaged.read_bytes()).hexdigest(),
    )
    assert list(run)[:2] == ["dataset", "dataset_sha256"]
    # --csv: the file's bytes, all of them, for each series of --series-col and for --where
    months = pd.date_range("2000-01-01", periods=40, freq="MS").strftime("%Y-%m-%d")
    csv = tmp_path / "stores.csv"
    pd.concat(
        pd.DataFrame({"store": s, "month": months, "sales": 10.0 + k + np.arange(40) % 12})
        for k, s in enumerate("ab")
    ).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales", *_FAST]
    assert main([*argv, "--series-col", "store", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    first = hashlib.sha256(csv.read_bytes()).hexdigest()
    assert [(r["where"], r["dataset_sha256"]) for r in lines] == [
        ({"store": "a"}, first),
        ({"store": "b"}, first),
    ]
    csv.write_text(csv.read_text("utf-8").replace("a,2000-01-01,10.0", "a,2000-01-01,10.5"))
    assert main([*argv, "--where", "store=a", "--json"]) == 0
    edited = json.loads(capsys.readouterr().out)["dataset_sha256"]
    assert edited == hashlib.sha256(csv.read_bytes()).hexdigest() != first


def test_predict_reads_a_run_json_written_before_the_data_was_hashed(
    tmp_path, capsys, undrawn_figures
) -> None:
    # `lstmkit predict` reads run.json for the units of a bundled dataset's plot; one written
    # before dataset_sha256 was recorded is read as before.
    assert main(["forecast", "milk", *_FAST, "--holdout", "0", "--out", str(tmp_path)]) == 0
    run = json.loads((tmp_path / "run.json").read_text("utf-8"))
    del run["dataset_sha256"]
    (tmp_path / "run.json").write_text(json.dumps(run, indent=2) + "\n")
    assert _forecast_run._trained_units(tmp_path / "model", "milk") == "pounds per cow"
    capsys.readouterr()
    assert main(["predict", str(tmp_path), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["forecast"]["forecast"]) == 12

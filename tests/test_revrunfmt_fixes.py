"""Review of the runfmt branch: ``lstmkit predict`` and ``explain`` on a run's folder read
``--csv`` with the run's reading flags and rows; a model saved inside a run's folder under
another name is not the run's, the run's separators that clash with a flag given are left out
and said, and a refusal of the rows of a ``--where`` taken from the run says where it came
from."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import _forecast_run, main

_FAST = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-refit", "--holdout", "0"]
_FAST += ["--interval", "0", "--no-stat-baselines", "--no-progress"]

_MONTHS = pd.date_range("2015-01-01", periods=48, freq="MS")
_SALES = np.round(1000 * (100 + 10 * np.sin(np.arange(48) * np.pi / 6) + np.arange(48)), 2)


def _forecast(tmp: Path, csv: Path, *flags: str) -> Path:
    """The run folder of ``lstmkit forecast --csv CSV FLAGS``."""
    out = tmp / "run"
    argv = ["forecast", "--csv", str(csv), "--value-col", "sales", "--date-col", "date"]
    assert main([*argv, *flags, *_FAST, "--out", str(out)]) == 0
    return out


def _predict(capsys, model: Path, csv: Path, *flags: str) -> tuple[int, str, str]:
    """``lstmkit predict MODEL --csv CSV FLAGS``: its exit code, stdout and stderr."""
    capsys.readouterr()
    code = main(["predict", str(model), "--csv", str(csv), *flags, "--json"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _same_forecast(out: str, run: Path) -> None:
    """``--json`` output ``out`` forecasts what the run did (its run.json: forecast.csv read
    back by pandas 2.2 can be a last digit off)."""
    saved = json.loads((run / "run.json").read_text("utf-8"))["forecast"]
    assert json.loads(out)["forecast"] == saved


@pytest.fixture(scope="module")
def european_run(tmp_path_factory) -> Path:
    """A run of a ';'-separated file of 104.500,25-style numbers."""
    tmp = tmp_path_factory.mktemp("european")
    values = [f"{v:_.2f}".replace(".", ",").replace("_", ".") for v in _SALES]
    text = "date;sales\n" + "".join(
        f"{d:%Y-%m-%d};{v}\n" for d, v in zip(_MONTHS, values, strict=True)
    )
    (tmp / "sales.csv").write_text(text, encoding="utf-8")
    return _forecast(tmp, tmp / "sales.csv", "--sep", ";", "--decimal", ",", "--thousands", ".")


def test_a_model_saved_inside_a_run_folder_is_not_the_runs(
    european_run, tmp_path, capsys, monkeypatch
) -> None:
    from lstmkit.forecast import Forecaster

    # Forecaster.save(run / "retrained") took the run's --sep ';' --decimal ',' --thousands '.'
    # as its model/ did, though run.json says nothing of how it was fitted
    Forecaster.load(european_run / "model").save(european_run / "retrained")
    csv = european_run.parent / "sales.csv"
    code, _, err = _predict(capsys, european_run / "retrained", csv)
    assert code == 2
    # every option that reads it, with the line to paste (sep36: --sep ';' alone)
    line = shlex.join(["lstmkit", "predict", str(european_run / "retrained"), "--csv", str(csv)])
    line += " --json --sep ';' --decimal , --thousands ."
    assert err == (
        f"error: --csv {str(csv)!r} has one column, 'date;sales', whose name holds ';': the "
        f"file looks ';'-separated; pass --sep ';' --decimal ',' --thousands '.'; this reads "
        f"it: {line}\n"
    )
    assert main(shlex.split(line)[1:]) == 0
    _same_forecast(capsys.readouterr().out, european_run)
    # and the units of its plot are not the run's dataset's either, as predict reads them
    (tmp_path / "run.json").write_text(json.dumps({"dataset": "airline", "command": "lstmkit"}))
    assert _forecast_run._trained_units(tmp_path / "model", "airline") == (
        D.DATASETS["airline"].units
    )
    assert _forecast_run._trained_units(tmp_path / "retrained", "airline") is None
    # the run's model/ given as "." from inside it is the run's
    monkeypatch.chdir(european_run / "model")
    code, out, err = _predict(capsys, Path("."), csv)
    assert code == 0
    assert (
        err == f"note: read {str(csv)!r} as the run did: --sep ';' --decimal ',' --thousands '.'\n"
    )
    _same_forecast(out, european_run)


def test_the_runs_separators_beside_a_flag_given_are_left_out_and_said(
    european_run, capsys
) -> None:
    tmp = european_run.parent
    points = "".join(f"{d:%Y-%m-%d};{v:.2f}\n" for d, v in zip(_MONTHS, _SALES, strict=True))
    (tmp / "points.csv").write_text("date;sales\n" + points, encoding="utf-8")
    (tmp / "commas.csv").write_text(("date;sales\n" + points).replace(";", ","), "utf-8")
    # --sep ',': the run's decimal comma is not taken, and then its --thousands '.' was the
    # decimal point's: "error: --decimal and --thousands must differ, both are '.'", neither
    # given
    code, out, err = _predict(capsys, european_run, tmp / "commas.csv", "--sep", ",")
    assert code == 0
    assert err == (
        f"note: read {str(tmp / 'commas.csv')!r} without the run's --decimal ',' "
        "--thousands '.', beside --sep ','\n"
    )
    _same_forecast(out, european_run)
    # --decimal '.': its --sep ';' taken, its --thousands '.' not, and said so
    code, out, err = _predict(capsys, european_run, tmp / "points.csv", "--decimal", ".")
    assert code == 0
    assert err == (
        f"note: read {str(tmp / 'points.csv')!r} as the run did: --sep ';' (not its "
        "--thousands '.', beside "
        "--decimal '.')\n"
    )
    _same_forecast(out, european_run)


@pytest.fixture(scope="module")
def store_b_run(tmp_path_factory) -> Path:
    """A run of store B's rows of a long-format file of two stores."""
    tmp = tmp_path_factory.mktemp("stores")
    rows = [
        (f"{d:%Y-%m-%d}", s, v + (50 if s == "B" else 0))
        for s in "AB"
        for d, v in zip(_MONTHS, _SALES, strict=True)
    ]
    frame = pd.DataFrame(rows, columns=["date", "store", "sales"])
    frame.to_csv(tmp / "stores.csv", index=False)
    for store in "AB":
        frame.query(f"store == '{store}'").to_csv(tmp / f"{store.lower()}.csv", index=False)
    return _forecast(tmp, tmp / "stores.csv", "--where", "store=B")


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_a_runs_where_that_no_row_matches_is_said_to_be_the_runs(
    store_b_run, capsys, command
) -> None:
    # "no row of a.csv has store='B' (--where)": a --where not given
    csv = store_b_run.parent / "a.csv"
    capsys.readouterr()
    assert main([command, str(store_b_run), "--csv", str(csv)]) == 2
    assert capsys.readouterr().err == (
        f"note: read {str(csv)!r} as the run did: --where store=B\n"
        f"error: no row of {str(csv)!r} has store='B' (--where store=B, taken from the run; pass "
        "--where to read other rows); the column holds A.\n"
    )


def test_a_runs_where_is_not_taken_for_a_column_a_flag_reads(store_b_run, capsys) -> None:
    # --value-col store: "--where selects rows by columns other than the date and value
    # columns, got 'store', which is read as values", --where not given
    csv = store_b_run.parent / "b.csv"
    code, _, err = _predict(capsys, store_b_run, csv, "--value-col", "store")
    assert code == 2
    assert err == (
        f"error: column 'store' of {str(csv)!r} has non-numeric values at 2015-01-01 ('B'), "
        "2015-02-01 ('B'), "
        "2015-03-01 ('B'), 2015-04-01 ('B'), 2015-05-01 ('B') and 43 more (categories, 'B'?): "
        "write one column of 0 and 1 per category in the file.\n"
    )
    # a file of store B's rows alone, its column kept, is read with the run's --where
    code, out, err = _predict(capsys, store_b_run, csv)
    assert code == 0
    assert err == f"note: read {str(csv)!r} as the run did: --where store=B\n"
    _same_forecast(out, store_b_run)

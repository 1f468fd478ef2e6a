"""A saved forecast run remembers how its file was read: ``lstmkit predict`` and ``explain`` on
a run folder read ``--csv`` with the run's --sep, --decimal, --thousands, --date-format and
rows (--where, --series-col), where not given, and say so on stderr."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

# no test here reads a figure: the runs' PNGs are created empty, not drawn (most of their time)
pytestmark = pytest.mark.usefixtures("undrawn_figures")

_FAST = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-refit", "--holdout", "0"]
_FAST += ["--interval", "0", "--no-stat-baselines", "--no-progress"]

_MONTHS = pd.date_range("2015-01-01", periods=48, freq="MS")
_SALES = np.round(100 + 10 * np.sin(np.arange(48) * np.pi / 6) + np.arange(48), 2)


def _forecast(tmp: Path, csv: Path, *flags: str) -> Path:
    """The run folder of ``lstmkit forecast --csv CSV FLAGS``."""
    out = tmp / "run"
    argv = ["forecast", "--csv", str(csv), "--value-col", "sales", "--date-col", "date"]
    assert main([*argv, *flags, *_FAST, "--out", str(out)]) == 0
    return out


def _predicted(capsys, run: Path, csv: Path, *flags: str) -> tuple[pd.DataFrame, str]:
    """forecast.csv of ``lstmkit predict RUN --csv CSV FLAGS``, and what it said on stderr."""
    out = run.parent / "predicted"
    capsys.readouterr()
    assert main(["predict", str(run), "--csv", str(csv), *flags, "--out", str(out)]) == 0
    return pd.read_csv(out / "forecast.csv"), capsys.readouterr().err


def _same_forecast(predicted: pd.DataFrame, run: Path) -> None:
    saved = pd.read_csv(run / "forecast.csv")
    assert predicted["timestamp"].tolist() == saved["timestamp"].tolist()
    columns = ["forecast", "lower", "upper"]
    np.testing.assert_array_equal(predicted[columns], saved[columns])


@pytest.fixture(scope="module")
def semicolon_run(tmp_path_factory) -> Path:
    """A run of a ';'-separated file with decimal commas."""
    tmp = tmp_path_factory.mktemp("semicolon")
    values = [f"{v:.2f}".replace(".", ",") for v in _SALES]
    text = "date;sales\n" + "".join(
        f"{d:%Y-%m-%d};{v}\n" for d, v in zip(_MONTHS, values, strict=True)
    )
    (tmp / "sales.csv").write_text(text, encoding="utf-8")
    return _forecast(tmp, tmp / "sales.csv", "--sep", ";", "--decimal", ",")


def test_predict_reads_the_file_with_the_runs_sep_and_decimal(semicolon_run, capsys) -> None:
    # `--sep ';' --decimal ','` had to be typed again: "the file looks ';'-separated"
    csv = semicolon_run.parent / "sales.csv"
    predicted, err = _predicted(capsys, semicolon_run, csv)
    assert err == f"note: read {str(csv)!r} as the run did: --sep ';' --decimal ','\n"
    _same_forecast(predicted, semicolon_run)
    # its model/ folder, given directly, reads the run.json beside it
    predicted, err = _predicted(capsys, semicolon_run / "model", csv)
    assert err == f"note: read {str(csv)!r} as the run did: --sep ';' --decimal ','\n"
    _same_forecast(predicted, semicolon_run)


def test_predict_flags_given_win_over_the_runs(semicolon_run, capsys) -> None:
    tmp = semicolon_run.parent
    # ';'-separated with decimal points: the run's --sep alone is taken
    (tmp / "points.csv").write_text((tmp / "sales.csv").read_text().replace(",", "."))
    predicted, err = _predicted(capsys, semicolon_run, tmp / "points.csv", "--decimal", ".")
    assert err == f"note: read {str(tmp / 'points.csv')!r} as the run did: --sep ';'\n"
    _same_forecast(predicted, semicolon_run)
    # comma-separated: the run's decimal comma would clash with the --sep given, and is not
    # taken (refused as "--sep and --decimal must differ"), said so
    (tmp / "commas.csv").write_text((tmp / "points.csv").read_text().replace(";", ","))
    predicted, err = _predicted(capsys, semicolon_run, tmp / "commas.csv", "--sep", ",")
    assert err == (
        f"note: read {str(tmp / 'commas.csv')!r} without the run's --decimal ',', beside "
        "--sep ','\n"
    )
    _same_forecast(predicted, semicolon_run)


def test_explain_reads_the_file_with_the_runs_sep_and_decimal(semicolon_run, capsys) -> None:
    capsys.readouterr()
    csv = semicolon_run.parent / "sales.csv"
    assert main(["explain", str(semicolon_run), "--csv", str(csv), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"note: read {str(csv)!r} as the run did: --sep ';' --decimal ','\n"
    assert json.loads(captured.out)["origin"] == "2018-12-01"


@pytest.mark.parametrize(
    "command",
    [None, 42, "lstmkit forecast --csv 'sales.csv", "lstmkit forecast --sep", "absent"],
)
def test_a_run_json_without_a_readable_command_is_ignored(
    semicolon_run, tmp_path, capsys, command
) -> None:
    # an older version's or a hand-edited run.json: read as a Forecaster.save folder
    run = json.loads((semicolon_run / "run.json").read_text("utf-8"))
    if command == "absent":
        del run["command"]
    else:
        run["command"] = command
    (tmp_path / "model").symlink_to(semicolon_run / "model")
    (tmp_path / "run.json").write_text(json.dumps(run))
    capsys.readouterr()
    csv = semicolon_run.parent / "sales.csv"
    argv = ["predict", str(tmp_path), "--csv", str(csv)]
    assert main(argv) == 2
    # the decimal comma of its 1,5 told with the separator, and the line that reads it (sep36)
    line = shlex.join(["lstmkit", *argv, "--sep", ";", "--decimal", ","])
    assert capsys.readouterr().err == (
        f"error: --csv {str(csv)!r} has one column, 'date;sales', whose name holds ';': the "
        f"file looks ';'-separated; pass --sep ';' --decimal ','; this reads it: {line}\n"
    )
    assert main([*shlex.split(line)[1:], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["origin"] == "2018-12-01"


def test_predict_reads_the_file_with_the_runs_thousands(tmp_path, capsys) -> None:
    # 1.099,25 read without --thousands '.' was refused as no number
    values = [f"{1000 * v:_.2f}".replace(".", ",").replace("_", ".") for v in _SALES]
    text = "date;sales\n" + "".join(
        f"{d:%Y-%m-%d};{v}\n" for d, v in zip(_MONTHS, values, strict=True)
    )
    (tmp_path / "sales.csv").write_text(text, encoding="utf-8")
    flags = ["--sep", ";", "--decimal", ",", "--thousands", "."]
    run = _forecast(tmp_path, tmp_path / "sales.csv", *flags)
    predicted, err = _predicted(capsys, run, tmp_path / "sales.csv")
    assert err == (
        f"note: read {str(tmp_path / 'sales.csv')!r} as the run did: --sep ';' --decimal ',' "
        "--thousands '.'\n"
    )
    _same_forecast(predicted, run)


def test_predict_reads_the_file_with_the_runs_date_format(tmp_path, capsys) -> None:
    frame = pd.DataFrame({"date": _MONTHS.strftime("%m/%Y"), "sales": _SALES})
    frame.to_csv(tmp_path / "sales.csv", index=False)
    run = _forecast(tmp_path, tmp_path / "sales.csv", "--date-format", "%m/%Y")
    predicted, err = _predicted(capsys, run, tmp_path / "sales.csv")
    assert (
        err == f"note: read {str(tmp_path / 'sales.csv')!r} as the run did: --date-format %m/%Y\n"
    )
    _same_forecast(predicted, run)


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> Path:
    """A long-format file of two stores' sales."""
    tmp = tmp_path_factory.mktemp("stores")
    rows = [
        (f"{d:%Y-%m-%d}", s, v + (50 if s == "B" else 0))
        for s in "AB"
        for d, v in zip(_MONTHS, _SALES, strict=True)
    ]
    pd.DataFrame(rows, columns=["date", "store", "sales"]).to_csv(tmp / "stores.csv", index=False)
    return tmp / "stores.csv"


def test_predict_reads_the_runs_rows_where_the_file_has_their_column(stores, capsys) -> None:
    # both stores' rows were read: "timestamps must be unique ... read one with --where"
    run = _forecast(stores.parent, stores, "--where", "store=B")
    predicted, err = _predicted(capsys, run, stores)
    assert err == f"note: read {str(stores)!r} as the run did: --where store=B\n"
    _same_forecast(predicted, run)
    # a --where given wins: store A's rows, no note
    predicted, err = _predicted(capsys, run, stores, "--where", "store=A")
    assert err == ""
    assert predicted["forecast"].iloc[0] != pd.read_csv(run / "forecast.csv")["forecast"].iloc[0]
    # a file of store B alone, without the column, is read whole, as before
    one = pd.read_csv(stores).query("store == 'B'").drop(columns="store")
    one.to_csv(stores.parent / "b.csv", index=False)
    predicted, err = _predicted(capsys, run, stores.parent / "b.csv")
    assert err == ""
    _same_forecast(predicted, run)


def test_predict_reads_the_series_of_a_series_col_run(stores, tmp_path, capsys) -> None:
    argv = ["forecast", "--csv", str(stores), "--series-col", "store", "--value-col", "sales"]
    assert main([*argv, "--date-col", "date", *_FAST, "--out", str(tmp_path)]) == 0
    predicted, err = _predicted(capsys, tmp_path / "A", stores)
    assert err == f"note: read {str(stores)!r} as the run did: --where store=A\n"
    _same_forecast(predicted, tmp_path / "A")

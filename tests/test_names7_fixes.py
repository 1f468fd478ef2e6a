"""One way of naming the user's file: read_csv's messages name it by the path given, quoted
(``'sub/x.csv'``), as forecast, predict and explain name ``--csv``; they named its name alone
(``x.csv``), so one command printed a note about 'data/x.csv' and an error about x.csv."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit import data as D
from lstmkit.cli import main

_MONTHS = [f"{year}-{month:02d}-01,{month}" for year in (2020, 2021) for month in range(1, 13)]
_FAST = ["--epochs", "1", "--ensemble", "1", "--no-progress"]


def _write(rows: list[str], header: str = "month,sales") -> str:
    """``sub/x.csv`` (in the working folder) with ``header`` and ``rows``; its path as given."""
    Path("sub").mkdir(exist_ok=True)
    Path("sub/x.csv").write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return "sub/x.csv"


# (rows, header, where) of a file read_csv refuses, then its message (the CLI's, after it)
_REFUSED = {
    "unparsable dates": (
        [*_MONTHS[:4], "soon,5", *_MONTHS[5:]],
        "month,sales",
        None,
        "column 'month' of 'sub/x.csv' has unparsable dates at row 6 ('soon'); expected dates "
        "like the first one ('%Y-%m-%d'), or pass date_format (CLI: --date-format), a strftime "
        "format such as '%Y-%m-%d'.",
        "column 'month' of 'sub/x.csv' has unparsable dates at row 6 ('soon'); expected dates "
        "like the first one ('%Y-%m-%d'), or pass --date-format, a strftime format such as "
        "'%Y-%m-%d'.",
    ),
    "duplicates": (
        [*_MONTHS[:3], _MONTHS[2], *_MONTHS[4:]],
        "month,sales",
        None,
        "timestamps must be unique, got duplicates in 'sub/x.csv': 2020-03-01.",
        "timestamps must be unique, got duplicates in 'sub/x.csv': 2020-03-01.",
    ),
    "irregular": (
        [*_MONTHS[:5], *_MONTHS[6:]],
        "month,sales",
        None,
        "timestamps in 'sub/x.csv' must be regularly spaced (no gaps), got irregular steps "
        "before 2020-07-01 (usual step: 1 month); missing 2020-06-01; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take,"
        " to insert the missing timestamps and fill their values.",
        "timestamps in 'sub/x.csv' must be regularly spaced (no gaps), got irregular steps "
        "before 2020-07-01 (usual step: 1 month); missing 2020-06-01; pass --fill ffill, bfill, "
        "interpolate or zero to insert the missing timestamps and fill their values.",
    ),
    "no row for where": (
        [f"{row},A" for row in _MONTHS],
        "month,sales,store",
        ("store", "B"),
        "no row of 'sub/x.csv' has store='B' (`where`); the column holds A.",
        "no row of 'sub/x.csv' has store='B' (--where); the column holds A.",
    ),
}


@pytest.mark.parametrize("case", list(_REFUSED))
def test_read_csv_names_a_nested_file_by_the_path_given(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "column 'month' of x.csv", "duplicates in x.csv": which x.csv was not said
    monkeypatch.chdir(tmp_path)
    rows, header, where, said, _ = _REFUSED[case]
    csv = _write(rows, header)
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "month", "sales", where=None if where is None else dict([where]))
    assert str(err.value) == said


@pytest.mark.parametrize("case", list(_REFUSED))
def test_forecast_csv_names_a_nested_file_alike_in_the_readers_refusal(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # the CLI's own messages named 'sub/x.csv', the reader's under them x.csv
    monkeypatch.chdir(tmp_path)
    rows, header, where, _, said = _REFUSED[case]
    csv = _write(rows, header)
    argv = ["forecast", "--csv", csv, "--date-col", "month", "--value-col", "sales", *_FAST]
    argv += [] if where is None else ["--where", "=".join(where)]
    assert main([*argv, "--out", "run"]) == 2
    assert capsys.readouterr().err == f"error: {said}\n"


def test_a_column_named_twice_is_warned_of_by_the_path_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    csv = _write([f"{row},1" for row in _MONTHS], "month,sales,sales")
    with pytest.warns(UserWarning) as caught:
        D.read_csv(csv, "month", "sales")
    assert [str(w.message) for w in caught] == [
        "CSV file 'sub/x.csv' names the column 'sales' twice in its header (columns 2 and 3); "
        "they read as 'sales', 'sales.1', in that order, so 'sales' is the first of them. Rename "
        "them in the file to be sure which one you ask for."
    ]


def test_missing_columns_name_the_path_given_and_forecast_still_names_the_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # forecast found read_csv's refusal by the file's name in it: it must find the path now
    monkeypatch.chdir(tmp_path)
    csv = _write(_MONTHS)
    with pytest.raises(ValueError) as err:
        D.read_csv(csv, "month", ["sales", "nope"])
    assert str(err.value) == (
        "column ['nope'] not found in 'sub/x.csv'; available columns: ['month', 'sales']."
    )
    argv = ["forecast", "--csv", csv, "--date-col", "month", "--value-col", "sales", *_FAST]
    assert main([*argv, "--covariate-cols", "nope", "--out", "run"]) == 2
    assert capsys.readouterr().err == (
        "error: --covariate-cols 'nope' is not a column of 'sub/x.csv'; available columns: "
        "['month', 'sales'].\n"
    )


def test_series_names_names_the_path_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    csv = _write([f"{row}," for row in _MONTHS], "month,sales,store")
    with pytest.raises(ValueError) as err:
        D.series_names(csv, "store")
    assert str(err.value) == "column 'store' of 'sub/x.csv' holds no value."


def test_read_labelled_csv_names_its_file_by_its_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # read_labelled_csv's messages, and those of read_csv's helpers it shares, name the file
    # as read_csv's do: by its path as given, quoted (txt20; they named it by its name alone)
    from lstmkit.text.labelled import read_labelled_csv

    monkeypatch.chdir(tmp_path)
    Path("sub").mkdir()
    Path("sub/r.csv").write_text("text,text,label\ngood film,x,pos\nbad film,y,neg\n")
    with pytest.warns(UserWarning) as caught, pytest.raises(ValueError) as err:
        read_labelled_csv("sub/r.csv", text_col="review", label_col="label")
    assert [str(w.message) for w in caught] == [
        "CSV file 'sub/r.csv' names the column 'text' twice in its header (columns 1 and 2); they "
        "read as 'text', 'text.1', in that order, so 'text' is the first of them. Rename them in "
        "the file to be sure which one you ask for."
    ]
    assert str(err.value) == (
        "`text_col` 'review' is not a column of 'sub/r.csv'; available columns: ['text', "
        "'text.1', 'label']."
    )


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_predict_and_explain_csv_name_a_nested_file_alike_in_the_readers_refusal(
    command: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    undrawn_figures,
) -> None:
    monkeypatch.chdir(tmp_path)
    months = [f"2022-{month:02d}-01,{month}" for month in range(1, 13)]
    csv = _write([*_MONTHS, *months])
    argv = ["forecast", "--csv", csv, "--date-col", "month", "--value-col", "sales", *_FAST]
    argv += ["--hidden-size", "4", "--no-refit", "--holdout", "0", "--interval", "0"]
    assert main([*argv, "--no-stat-baselines", "--out", "run"]) == 0
    _write([*_MONTHS[:3], _MONTHS[2], *_MONTHS[4:]])
    capsys.readouterr()
    assert main([command, "run", "--csv", csv]) == 2
    assert capsys.readouterr().err == (
        "error: timestamps must be unique, got duplicates in 'sub/x.csv': 2020-03-01.\n"
    )

"""revleft34a: review of left34a (rows that end with the separator, configs' arrays, zones)."""

from pathlib import Path

import numpy as np
import pytest

# --- rows that end with the separator below blank lines ------------------------------------


def test_rows_ending_with_the_separator_below_blank_lines_are_read_and_lines_counted(
    tmp_path, monkeypatch
):
    # blank lines above the header, rows that end with "," below it: a TypeError ("operation
    # 'add' not supported for dtype 'str'", pandas' index of dates shifted by the blank lines)
    from lstmkit.data import CSVFileError, read_csv

    monkeypatch.chdir(tmp_path)
    Path("lead.csv").write_text(
        "\n\ndate,value\n2020-01-01,1,\n2020-02-01,2,\n2020-03-01,3,\n", "utf-8"
    )
    frame = read_csv("lead.csv", "date", "value")
    assert frame["value"].tolist() == [1.0, 2.0, 3.0]
    assert frame.index.freqstr == "MS"
    # the refusal names the file's line: the blank lines above the header are counted
    Path("wide.csv").write_text(
        "\n\ndate,value\n2020-01-01,1,\n2020-02-01,2,\n2020-03-01,3,9\n", "utf-8"
    )
    with pytest.raises(CSVFileError) as err:
        read_csv("wide.csv", "date", "value")
    assert str(err.value) == (
        "CSV file 'wide.csv' cannot be read as a table (line 6 has 3 fields, its header 2, "
        "and a field past the header's holds '9'); every row must have the header's 2 "
        "fields; a value holding the separator ',' must be quoted."
    )
    # and later messages name the rows as for a file without the trailing separators
    Path("date.csv").write_text("\ndate,value\n2020-01-01,1,\n2020-02-01,2,\nnone,3,\n", "utf-8")
    with pytest.raises(ValueError, match=r"unparsable dates at row 5 \('none'\)"):
        read_csv("date.csv", "date", "value")


def test_series_col_with_sep_and_thousands_alike_names_both_flags(tmp_path, capsys):
    # --series-col's names were read without --thousands: the generic "cannot be read as a
    # table" where `forecast` without --series-col names both flags
    from lstmkit.cli import main

    split = tmp_path / "long.csv"
    split.write_text("date,store,value\n2020-01-01,A,1,200\n2020-02-01,A,1,300\n", "utf-8")
    args = ["forecast", "--csv", str(split), "--date-col", "date", "--value-col", "value"]
    args += ["--series-col", "store", "--thousands", ","]
    assert main([*args, "--out", str(tmp_path / "run")]) != 0
    assert capsys.readouterr().err.strip() == (
        "error: --sep and --thousands are both ',' (',' is --sep's default), and line 2 of "
        f"{str(split)!r} has more fields (4) than its header (3): an unquoted number holding "
        "the thousands separator is split into two fields (1,200 read as 1 and 200); pass the "
        "file's separator with --sep (';' for many European spreadsheets), or quote each "
        'value that holds the mark ("1,200").'
    )


# --- a 0-d array for a config's count -------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: __import__("lstmkit.forecast").forecast.ForecasterConfig(
                hidden_size=np.array(3)
            ),
            "`hidden_size` must be a positive integer, got array(3) (give a Python int: int(x)).",
        ),
        (
            lambda: __import__("lstmkit.train").train.TrainConfig(epochs=np.array(3)),
            "`epochs` must be a positive integer, got array(3) (give a Python int: int(x)).",
        ),
        (  # a count int(x) would not make right is told nothing
            lambda: __import__("lstmkit.train").train.TrainConfig(batch_size=np.array(-3)),
            "`batch_size` must be a positive integer or None, got array(-3).",
        ),
    ],
)
def test_a_0d_array_for_a_count_is_told_int_x_as_nn_lstm_tells_it(make, message):
    # "(give a Python int: int(x))" as nn.LSTM(4, np.array(3)) says; the configs said nothing
    from lstmkit._checks import ConfigTypeError

    with pytest.raises(ConfigTypeError) as err:
        make()
    assert str(err.value) == message


# --- a newer file of one other offset, converted to the model's zone ---------------------


def _hours_csv(path, hours, values) -> None:
    path.write_text(
        "date,value\n"
        + "".join(f"{t.isoformat(sep=' ')},{v:.3f}\n" for t, v in zip(hours, values, strict=True)),
        "utf-8",
    )


def test_predict_says_a_file_of_another_offset_is_converted_to_the_model_s_zone(
    tmp_path, capsys, undrawn_figures
):
    # a UTC model's forecast from a file written in +02:00 was labelled +00:00 without a word
    import pandas as pd

    from lstmkit.cli import main

    hours = pd.date_range("2021-03-01", periods=200, freq="h", tz="UTC")
    values = 50 + 10 * np.sin(np.arange(200) * 2 * np.pi / 24)
    _hours_csv(tmp_path / "utc.csv", hours[:120], values[:120])
    plus2 = hours[120:].tz_convert(pd.Timestamp("2021-01-01 00:00+02:00").tz)
    _hours_csv(tmp_path / "plus2.csv", plus2, values[120:])
    run = tmp_path / "run"
    fit = ["forecast", "--csv", str(tmp_path / "utc.csv"), "--date-col", "date"]
    fit += ["--value-col", "value", "--epochs", "1", "--ensemble", "1", "--horizon", "3"]
    assert main([*fit, "--holdout", "0", "--no-progress", "--out", str(run)]) == 0
    capsys.readouterr()
    newer = tmp_path / "plus2.csv"
    assert main(["predict", str(run), "--csv", str(newer), "--out", str(tmp_path / "p")]) == 0
    note = (
        f"note: the dates of {str(newer)!r} are in UTC+02:00 (first 2021-03-06 "
        "02:00:00+02:00), the model's in UTC: they were converted to the model's time zone, "
        "as the forecast's timestamps are."
    )
    assert capsys.readouterr().err.splitlines()[0] == note
    stamps = pd.read_csv(tmp_path / "p" / "forecast.csv")["timestamp"].tolist()
    assert stamps[0] == "2021-03-09 08:00:00+00:00"
    assert main(["explain", str(run), "--csv", str(newer)]) == 0
    assert note in capsys.readouterr().err
    # the model's own offset: no note
    old = tmp_path / "utc.csv"
    assert main(["predict", str(run), "--csv", str(old), "--out", str(tmp_path / "q")]) == 0
    assert "converted" not in capsys.readouterr().err


def test_sep_and_thousands_alike_name_both_for_a_split_row_below_whole_ones(
    tmp_path, monkeypatch, capsys
):
    # an unquoted 1,200 below rows as wide as the header (pandas' "Expected 2 fields in line
    # 3, saw 3") got the generic refusal, where one in the first row named both
    from lstmkit.cli import main
    from lstmkit.data import read_csv

    monkeypatch.chdir(tmp_path)
    Path("later.csv").write_text(
        "date,value\n2020-01-01,6\n2020-02-01,1,200\n2020-03-01,7\n", "utf-8"
    )
    split = (
        "and line 3 of 'later.csv' has more fields (3) than its header (2): an unquoted number "
        "holding the thousands separator is split into two fields (1,200 read as 1 and 200); "
    )
    with pytest.raises(ValueError) as err:
        read_csv("later.csv", "date", "value", thousands=",")
    assert str(err.value) == (
        f"`sep` and `thousands` are both ',', {split}pass the file's separator as `sep` (';' "
        'for many European spreadsheets), or quote each value that holds the mark ("1,200").'
    )
    args = ["forecast", "--csv", "later.csv", "--date-col", "date", "--value-col", "value"]
    assert main([*args, "--thousands", ",", "--out", "run"]) != 0
    said = capsys.readouterr().err.strip()
    assert said.startswith(
        f"error: --sep and --thousands are both ',' (',' is --sep's default), {split}"
    )
    # without thousands: pandas' refusal, as it was
    with pytest.raises(ValueError, match=r"\(Expected 2 fields in line 3, saw 3\); every row"):
        read_csv("later.csv", "date", "value")

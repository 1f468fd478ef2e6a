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

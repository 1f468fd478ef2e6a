"""left35a: left-overs of the forecasting reviews (levels=(False,), a CSV row that alone ends with
the separator)."""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit import Forecaster
from lstmkit._checks import ConfigTypeError


@pytest.mark.parametrize(
    ("levels", "said"),
    [
        (
            (False,),
            "False (a coverage, not a switch: no coverage to score; leave it out, the config's "
            "interval is scored without it)",
        ),
        (
            (0,),
            "0 (no coverage to score; leave it out, the config's interval is scored without it)",
        ),
    ],
)
def test_backtest_levels_of_false_is_told_without_a_doubled_colon(levels, said) -> None:
    # False read "(a coverage, not a switch: no coverage to score: leave it out, ...)"
    error = ConfigTypeError if levels[0] is False else ValueError
    with pytest.raises(error) as err:
        Forecaster(horizon=3).backtest(np.arange(40.0), levels=levels)
    assert str(err.value) == (
        f"every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got {said}."
    )


@pytest.mark.parametrize(
    ("text", "sep"),
    [
        ("date,sales\n2024-01-01,1\n2024-01-02,2,\n2024-01-03,3\n", ","),
        # blanks in the empty fields, two of them, Windows' line ends
        ("date,sales\r\n2024-01-01,1\r\n2024-01-02,2, \r\n2024-01-03,3,,\r\n", ","),
        ("date\tsales\n2024-01-01\t1\n2024-01-02\t2\t\n2024-01-03\t3\n", "\t"),
        # the first row ends with one too (read before), and a later one with two
        ("date;sales\n2024-01-01;1;\n2024-01-02;2\n2024-01-03;3;;\n", ";"),
    ],
    ids=["one", "blanks-crlf", "tab", "first-too"],
)
def test_a_later_row_that_alone_ends_with_the_separator_is_read(tmp_path, text, sep) -> None:
    # README: rows that end with the separator are read; one below rows that do not was
    # refused, "Expected 2 fields in line 3, saw 3; every row must have the header's 2 fields"
    from lstmkit import data

    csv = tmp_path / "ends.csv"
    csv.write_bytes(text.encode())
    frame = data.read_csv(csv, "date", "sales", sep=sep)
    assert frame["sales"].tolist() == [1.0, 2.0, 3.0]
    assert [str(d.date()) for d in frame.index] == ["2024-01-01", "2024-01-02", "2024-01-03"]


def test_a_value_past_the_header_below_a_row_ending_with_the_separator_is_named_by_its_line(
    tmp_path,
) -> None:
    from lstmkit import data

    csv = tmp_path / "ends.csv"
    csv.write_text("date,sales\n2024-01-01,1\n2024-01-02,2,\n2024-01-03,3,5\n")
    with pytest.raises(ValueError) as err:
        data.read_csv(csv, "date", "sales")
    assert str(err.value) == (
        "CSV file 'ends.csv' cannot be read as a table (Expected 2 fields in line 4, saw 3); "
        "every row must have the header's 2 fields; a value holding the separator ',' must be "
        "quoted."
    )

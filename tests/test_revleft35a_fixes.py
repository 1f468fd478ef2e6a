"""revleft35a: review of left35a (a CSV row that alone ends with the separator)."""

from __future__ import annotations

import io

from lstmkit import data

NOTE = "p\nq,,,\nr"  # a quoted value whose middle line ends with the separator


def test_a_quoted_line_break_keeps_its_lines_when_a_row_loses_its_trailing_separator() -> None:
    # the file was cut line by line: the values' "q,,," lost a separator, read as "p\nq,,\nr",
    # and --where store=... matched no row ("... no row whose 'store' is ...")
    text = (
        f'date,sales,store\n2024-01-01,1,"{NOTE}"\n2024-01-01,2,x,\n2024-01-02,3,"{NOTE}"\n'
        f'2024-01-03,4,"{NOTE}"\n'
    )
    frame = data.read_csv(io.StringIO(text), "date", "sales", where={"store": NOTE})
    assert frame["sales"].tolist() == [1.0, 3.0, 4.0]
    assert [str(d.date()) for d in frame.index] == ["2024-01-01", "2024-01-02", "2024-01-03"]


def test_a_row_over_several_lines_that_ends_with_the_separator_is_read() -> None:
    # only a row on one line was cut: this one was refused, "Expected 3 fields in line 3, saw 4"
    text = (
        f'date,sales,store\n2024-01-01,1,"{NOTE}"\n2024-01-02,2,"{NOTE}",\n'
        f'2024-01-03,3,"{NOTE}"\n2024-01-04,4,x\n'
    )
    frame = data.read_csv(io.StringIO(text), "date", "sales", where={"store": NOTE})
    assert frame["sales"].tolist() == [1.0, 2.0, 3.0]


def test_a_trailing_separator_below_a_line_break_in_a_quoted_value_is_read() -> None:
    # pandas counts that row's line 3 (the value's lines are one for it), where the file's
    # line 3 is "q,,,,", of 5 fields, not pandas' 4: the file was refused
    text = 'date,sales,note\n2024-01-01,1,"p\nq,,,,\nr"\n2024-01-02,2,b,\n2024-01-03,3,b\n'
    frame = data.read_csv(io.StringIO(text), "date", "sales")
    assert frame["sales"].tolist() == [1.0, 2.0, 3.0]

"""revround35: review of left35c, revleft35a and revleft35b."""

from __future__ import annotations

import csv
import io

from lstmkit import data


def test_a_quoted_value_past_the_csv_modules_field_limit_is_read_below_a_trailing_separator():
    # the csv module that tells rows stopped at a value of over 131,072 characters ("field
    # larger than field limit"), and the file, which pandas reads, was refused
    long = "x" * 200_000
    text = f'date,sales,note\n2024-01-01,1,"{long}"\n2024-01-02,2,b,\n2024-01-03,3,b\n'
    frame = data.read_csv(io.StringIO(text), "date", "sales")
    assert frame["sales"].tolist() == [1.0, 2.0, 3.0]
    assert csv.field_size_limit() == 131_072  # the process's limit is put back

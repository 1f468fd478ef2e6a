"""Text defects found by exploratory testing and fixed in the polish pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.text.labelled import read_labelled_csv


def test_read_labelled_csv_counts_blank_lines_in_the_rows_it_names(tmp_path: Path) -> None:
    # pandas skips blank lines: the "," on line 5 was named row 3, and "foo," row 5; a
    # quoted text over several lines stays one row; "," (empty in every field) is skipped as
    # the blank lines are, as lstmkit.data.read_csv skips it; "foo," is refused
    path = tmp_path / "b.csv"
    path.write_text(
        'text,label\ngood film,pos\n\nbad film,neg\n,\n"two\n\nlines",pos\n  \nfoo,\n', "utf-8"
    )
    q = repr(str(path))  # as given, quoted
    with pytest.raises(ValueError) as info:
        read_labelled_csv(path, "text", "label")
    assert str(info.value) == (
        f"column 'label' of {q} must hold a label in every row, got an empty one in row 7 "
        "(rows counted from 1 below the header); fill it in or remove it."
    )
    path.write_text("text,label\ngood film,pos\n\n\nbad film,neg\n", "utf-8")
    assert read_labelled_csv(path, "text", "label") == (["good film", "bad film"], ["pos", "neg"])

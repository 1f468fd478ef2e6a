"""qa8: a fresh user's pass over half months, business hours, file objects and fills."""

import io

import pytest

from lstmkit.data import read_csv, series_names

_LONG = "store,date,sales\n" + "".join(f"{s},2024-01-0{d},{d}\n" for s in "AB" for d in range(1, 6))


def test_a_file_object_read_already_is_told_to_seek_not_said_empty() -> None:
    # series_names then read_csv with one buffer: the second read got no text, and the
    # buffer was refused as an empty CSV file
    buffer = io.StringIO(_LONG)
    assert series_names(buffer, "store") == ["A", "B"]
    with pytest.raises(ValueError) as err:
        read_csv(buffer, "date", "sales", where={"store": "A"})
    assert str(err.value) == (
        "`path`, a file object ('<StringIO>'), was read to its end already, so it gives no "
        "text (read_csv and series_names read a file object from where it stands); call its "
        ".seek(0) first, or pass a new one."
    )
    buffer.seek(0)  # the fix it names works
    assert read_csv(buffer, "date", "sales", where={"store": "A"})["sales"].tolist() == [
        1.0,
        2.0,
        3.0,
        4.0,
        5.0,
    ]


def test_an_empty_file_object_is_still_an_empty_csv() -> None:
    with pytest.raises(ValueError, match=r"^CSV file '<StringIO>' is empty; expected a header"):
        read_csv(io.StringIO(""), "date", "sales")


def test_a_closed_file_object_is_told_to_be_opened_again(tmp_path) -> None:
    # was "I/O operation on closed file.", naming neither the argument nor the file
    path = tmp_path / "sales.csv"
    path.write_text(_LONG)
    with path.open() as f:
        pass
    with pytest.raises(ValueError) as err:
        read_csv(f, "date", "sales", where={"store": "A"})
    assert str(err.value) == (
        f"`path`, a file object ({str(path)!r}), is closed; open it again and pass it while "
        "it is open (inside its `with` block)."
    )

"""qa8: a fresh user's pass over half months, business hours, file objects and fills."""

import io

import pandas as pd
import pytest

from lstmkit.cli import main
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
        "text (lstmkit reads a file object from where it stands); call its "
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


def _half_months_csv(path, n: int) -> None:
    dates = pd.date_range("2020-01-01", periods=n, freq="SMS")
    values = [100 + (k % 24) + k / 10 for k in range(n)]
    pd.DataFrame({"date": dates.strftime("%Y-%m-%d"), "sales": values}).to_csv(path, index=False)


def test_a_series_too_short_for_its_horizon_is_told_one_that_fits(tmp_path, capsys) -> None:
    # 40 half months, whose default horizon is now 24 (a year; it was 12): refused without
    # a fix, where the longest horizon that fits is 7 (a look-back of 24 and a season to score)
    _half_months_csv(tmp_path / "h.csv", 40)
    argv = ["forecast", "--csv", str(tmp_path / "h.csv"), "--date-col", "date"]
    argv += ["--value-col", "sales", "--no-stat-baselines", "--no-progress"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: the series is too short: 40 points, where the holdout (24, by default --horizon) "
        "and at least --horizon (24) + 3 to fit on (the look-back and the windows to train and "
        "validate on) need at least 51; --horizon 7 fits it.\n"
    )
    # a horizon that no holdout of 10 leaves room for: no hint
    assert main([*argv, "--holdout", "10", "--horizon", "30"]) == 2
    assert capsys.readouterr().err == (
        "error: the series is too short: 40 points, where --holdout 10 and at least --horizon "
        "(30) + 3 to fit on (the look-back and the windows to train and validate on) need at "
        "least 43.\n"
    )

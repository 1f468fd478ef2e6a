"""Fixes of revwalk34a, a review of walk34a's commits (tests fail without their fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.data import read_csv

_PASSENGERS = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118]


def test_integer_steps_in_no_order_are_told_to_sort_them_not_to_name_the_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Since walk34a, a column of integer steps with its rows shuffled (0 .. 11 in any order)
    was told it "holds numbers ... in no order, not dates or steps: pass the column of dates",
    the advice for amounts named as the dates; it is steps, told to sort the rows."""
    order = [4, 0, 7, 1, 11, 2, 9, 3, 6, 10, 5, 8]
    path = tmp_path / "steps.csv"
    path.write_text(
        "step,y\n" + "".join(f"{s},{v}\n" for s, v in zip(order, _PASSENGERS, strict=True)),
        encoding="utf-8",
    )
    told = (
        f"column 'step' of {str(path)!r} holds integer steps from 0 to 11 in no order (4 then "
        "0, rows 2 and 3): integer steps are read in the order of the rows, so sort the rows "
        "by that column, or give dates."
    )
    with pytest.raises(ValueError) as err:
        read_csv(path, "step", "y")
    assert str(err.value) == told
    assert main(["forecast", "--csv", str(path), "--date-col", "step", "--value-col", "y"]) == 2
    assert capsys.readouterr().err == f"error: {told}\n"
    # steps of ten with two missing, shuffled, and a long file's steps (each twice), shuffled
    path.write_text(
        "step,y\n" + "".join(f"{10 * s},{v}\n" for s, v in zip(order, _PASSENGERS, strict=True)),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"holds integer steps from 0 to 110 in no order \(40"):
        read_csv(path, "step", "y")
    path.write_text(
        "step,y\n" + "".join(f"{s % 6},{v}\n" for s, v in zip(order, _PASSENGERS, strict=True)),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"holds integer steps from 0 to 5 in no order \(4 then"):
        read_csv(path, "step", "y")
    # amounts (uneven steps, uneven repeats) are still told to name the column of dates
    path.write_text(
        "step,y\n" + "".join(f"{v},{s}\n" for s, v in zip(order, _PASSENGERS, strict=True)),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="holds numbers from 104 to 148 in no order, not dates"):
        read_csv(path, "step", "y")

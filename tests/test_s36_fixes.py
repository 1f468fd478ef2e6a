"""Fixes of the session's own last read (tests fail without their fix)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from lstmkit.data import read_csv


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # the stray flag fed no positional here, and --out is missing whatever it fed
        (
            ["text", "train-lm", "shakespeare", "--foo", "1"],
            "unrecognized arguments: --foo 1; the following arguments are required: --out",
        ),
        # a misspelt required flag: both the misspelling and the flag it missed
        (
            ["text", "train-seq2seq", "numbers", "--outt", "lm"],
            "unrecognized arguments: --outt lm (did you mean --out?); "
            "the following arguments are required: --out",
        ),
        # a missing positional may be the strays' doing (their value took its place): not named
        (["text", "spell", "--foo", "1"], "unrecognized arguments: --foo 1"),
    ],
)
def test_a_stray_flag_does_not_hide_a_missing_required_flag(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`text train-lm shakespeare --foo 1` without --out said only that --foo 1 is unknown:
    the rewrite of argparse's "required" error for a stray flag dropped the flag still
    missing."""
    prog = " ".join(["lstmkit", *argv[:2]])
    assert flags_refusal(argv) == f"error: {said} (`{prog} --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("rows", "first"),
    [(["01.01", "02.01", "03.01", "28.02"], "01.01"), (["0.00", "0.30", "1.00", "23.30"], "0.00")],
)
def test_dates_without_a_year_are_not_told_they_are_no_serial_dates(
    tmp_path, rows: list[str], first: str
) -> None:
    """Days and months (01.01 ... 28.02) or times (0.00 ... 23.30) read as numbers were told
    "from 01.01 to 28.02, they are no spreadsheet's serial dates: pass the column of dates as
    date_col": advice for an amounts column named as the dates, given where no number is near
    the serial dates' range."""
    path = tmp_path / "ddmm.csv"
    path.write_text("d,y\n" + "".join(f"{d},{k}\n" for k, d in enumerate(rows)))
    with pytest.raises(ValueError) as refused:
        read_csv(path, date_col="d", value_cols="y")
    assert str(refused.value).endswith(
        f"; no date format is inferred from '{first}': pass date_format (CLI: --date-format), "
        "a strftime format such as '%Y-%m-%d'."
    )


def test_a_date_column_read_into_year_minus_one_is_named_not_a_traceback(tmp_path) -> None:
    """Negative fractions as dates (-1.5, -2.5, ...) parse into years -1, -2, ... where
    ``strftime`` refuses: naming them in the sort message raised pandas' NotImplementedError
    ("strftime not yet supported on Timestamps which are outside the range ...")."""
    path = tmp_path / "neg.csv"
    path.write_text("d,y\n-1.5,1\n-2.5,2\n-3.5,3\n-4.5,4\n")
    with pytest.raises(ValueError) as refused:
        read_csv(path, date_col="d", value_cols="y")
    # pandas 3.1 reads "-1.5" as May of year -1; 3.0 and 2 read no date in it
    if pd.to_datetime(pd.Series(["-1.5"]), errors="coerce").notna().all():
        told = (
            f"timestamps in {str(tmp_path / 'neg.csv')!r} must be sorted in increasing order, got "
            "them newest first (-001-05-01 … -004-05-01); sort its rows by date."
        )
    else:  # "not likely a datetime"
        told = (
            f"column 'd' of {str(tmp_path / 'neg.csv')!r} has unparsable dates at row 2 ('-1.5'), "
            "row 3 ('-2.5'), row 4 ('-3.5'), row 5 ('-4.5'); no date format is inferred from "
            "'-1.5': from -4.5 to -1.5, they are no spreadsheet's serial dates: pass the column "
            "of dates as date_col (CLI: --date-col), or pass date_format (CLI: --date-format), a "
            "strftime format such as '%Y-%m-%d'."
        )
    assert str(refused.value) == told


@pytest.mark.parametrize(
    ("rows", "told"),
    [
        (
            ["112.5", "118.25", "132.0", "129.75"],
            "has unparsable dates at row 2 ('112.5'), row 3 ('118.25'), row 4 ('132.0'), "
            "row 5 ('129.75'); no date format is inferred from '112.5': from 112.5 to 132.0",
        ),
        (
            ["5.5", "10", "100.25", "7"],
            "has numbers for dates, such as '5.5' (row 2), '10' (row 3), '7' (row 5); from 5.5 "
            "to 100.25",
        ),
    ],
)
def test_amounts_below_the_serial_range_named_as_the_dates_are_still_named_numbers(
    tmp_path, rows: list[str], told: str
) -> None:
    """Keeping days and months out of the "no serial dates" advice by the serial range took it
    from every amount below 29221 too: they were told only to pass a date format, or, written
    in several shapes, that they mix date formats."""
    path = tmp_path / "amounts.csv"
    path.write_text("d,y\n" + "".join(f"{d},{k}\n" for k, d in enumerate(rows)))
    with pytest.raises(ValueError) as refused:
        read_csv(path, date_col="d", value_cols="y")
    assert str(refused.value) == (
        f"column 'd' of {str(tmp_path / 'amounts.csv')!r} {told} and in no order, they are no "
        "spreadsheet's serial dates: pass the column of dates as date_col (CLI: --date-col), or "
        "pass date_format (CLI: --date-format), a strftime format such as '%Y-%m-%d'."
    )

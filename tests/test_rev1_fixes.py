"""Defects found reviewing the day's merges: serial dates of stacked series, stray flags."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lstmkit import data as D


def test_serial_dates_of_series_stacked_in_a_long_file_are_still_named(tmp_path) -> None:
    """A long file whose serial date-times start again for each series (45000.0 ... 45000.5,
    45000.0 ...) was told "in no order, they are no spreadsheet's serial dates"."""
    stamps = [f"{45000 + k / 4}" for k in range(3)] * 2
    path = tmp_path / "load.csv"
    path.write_text("d,v\n" + "".join(f"{d},{k}\n" for k, d in enumerate(stamps)))
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "v")
    assert str(err.value) == (
        f"column 'd' of {str(tmp_path / 'load.csv')!r} has unparsable dates at row 2 ('45000.0'), "
        "row 3 ('45000.25'), row 4 ('45000.5'), row 5 ('45000.0'), row 6 ('45000.25') and 1 "
        "more; no date format is inferred from '45000.0': they look like the serial numbers a "
        "spreadsheet stores dates and times as (45000.0 is 2023-03-15 00:00): format the column "
        "as dates with times in the spreadsheet and save the CSV again."
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["forecast", "airline", "--foo", "1", "1"], "--foo 1 1"),
        (["text", "spell", "m", "12", "--foo", "3", "3"], "--foo 3 3"),
    ],
)
def test_a_word_like_a_stray_flags_value_after_it_is_named_too(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`forecast airline --foo 1 1` said "unrecognized arguments: --foo 1": every word equal to
    the value named with its flag was dropped, not only the value."""
    prog = " ".join(["lstmkit", *argv[: 2 if argv[0] == "text" else 1]])
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {said} (`{prog} --help` lists the flags)\n"
    )

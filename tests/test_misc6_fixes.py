"""Fixes of the misc6 review: numpy dates among numbers, the .tar.zst cache, ``load``'s type."""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit import data


def test_a_numpy_date_among_numbers_is_refused_with_its_position() -> None:
    # numpy read np.datetime64("2020") as 50 (years since 1970) beside the numbers
    with pytest.raises(ValueError) as err:
        data.make_windows([1.0, np.datetime64("2020"), 3.0, 4.0], lookback=1, horizon=1)
    assert str(err.value) == (
        "`values` must hold numbers, got a date (np.datetime64('2020')) at position 1; keep "
        "the dates apart, as a pandas index, and pass the values."
    )


def test_a_numpy_duration_among_numbers_is_refused_with_its_position() -> None:
    # read as 3 (hours), beside a missing value too
    with pytest.raises(TypeError) as err:
        data.make_windows([1.0, None, np.timedelta64(3, "h"), 4.0], lookback=1, horizon=1)
    assert str(err.value) == (
        "`values` must hold numbers, got a duration (np.timedelta64(3,'h')) at position 2; "
        "give it in a unit, e.g. its value / np.timedelta64(1, 'h') for hours."
    )

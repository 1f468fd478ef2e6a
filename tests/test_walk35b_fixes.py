"""walk35b: README's "From Python" (second half) and "By hand", walked as a student of the
Keras tutorials ([samples, time steps, features], MinMaxScaler on train, batch_size=1)."""

import numpy as np
import pytest

from lstmkit.data import split_windows, time_split

# --- 1. a fraction that rounds to no point ------------------------------------------------------


@pytest.mark.parametrize(
    ("sizes", "said"),
    [
        (
            {"val": 0.001},
            "`val` as a fraction of the 144 points must give at least one point, got 0.001, "
            "0.144 points, which rounds to an empty validation part; pass val=0 for none, or "
            "a count: val=1.",
        ),
        (
            {"test": 0.003},
            "`test` as a fraction of the 144 points must give at least one point, got 0.003, "
            "0.432 points, which rounds to an empty test part; pass test=0 for none, or a "
            "count: test=1.",
        ),
    ],
)
def test_a_fraction_that_rounds_to_no_point_is_refused(sizes, said):
    # time_split(144, val=0.001) gave slice(144, 144): an empty validation part, without a
    # word, where the fraction asked for some points
    with pytest.raises(ValueError) as caught:
        time_split(144, **sizes)
    assert str(caught.value) == said
    with pytest.raises(ValueError) as caught:
        split_windows(np.arange(144.0), lookback=12, horizon=1, **sizes)
    assert str(caught.value) == said


def test_a_fraction_of_at_least_half_a_point_still_gives_one():
    assert time_split(144, test=0.004) == (slice(0, 143), slice(143, 143), slice(143, 144))
    assert time_split(144, val=0.0, test=0.33)[2] == slice(96, 144)

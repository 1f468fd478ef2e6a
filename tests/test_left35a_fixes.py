"""left35a: left-overs of the forecasting reviews (levels=(False,), a CSV row that alone ends with
the separator)."""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit import Forecaster
from lstmkit._checks import ConfigTypeError


@pytest.mark.parametrize(
    ("levels", "said"),
    [
        (
            (False,),
            "False (a coverage, not a switch: no coverage to score; leave it out, the config's "
            "interval is scored without it)",
        ),
        (
            (0,),
            "0 (no coverage to score; leave it out, the config's interval is scored without it)",
        ),
    ],
)
def test_backtest_levels_of_false_is_told_without_a_doubled_colon(levels, said) -> None:
    # False read "(a coverage, not a switch: no coverage to score: leave it out, ...)"
    error = ConfigTypeError if levels[0] is False else ValueError
    with pytest.raises(error) as err:
        Forecaster(horizon=3).backtest(np.arange(40.0), levels=levels)
    assert str(err.value) == (
        f"every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got {said}."
    )

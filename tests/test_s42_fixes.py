"""Fixes of the session's own last read (backtest's advice for Darts' fractional start)."""

import pytest

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster

AIR = load_dataset("airline")
QUICK = {"hidden_size": 4, "epochs": 1, "ensemble": 1, "refit": False, "lookback": 12}


@pytest.mark.parametrize(("start", "position"), [(0.995, 142), (0.001, 0)])
def test_a_fraction_darts_reads_as_a_position_outside_the_range_is_not_advised(
    start: float, position: int
) -> None:
    # start=0.995 was told "pass the position ... = 142", which the same message refuses
    # (positions 1..141 leave a horizon of 3 after them)
    with pytest.raises(ValueError) as err:
        Forecaster(horizon=3, **QUICK).backtest(AIR, start=start)
    assert str(err.value).endswith(
        f"got {start}; Darts would read a fraction {start} as the position "
        f"int({start} * (144 - 1)) = {position}, outside 1..141 too."
    )
    assert "pass the position" not in str(err.value)

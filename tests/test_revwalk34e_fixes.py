"""Review of walk34e: a single row the target lacks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

MONTHS = pd.date_range("2022-01-01", periods=4, freq="MS")


def test_one_row_without_the_target_is_said_in_the_singular() -> None:
    """It was "The last 1 row(s) have no 'sales' (2022-04-01) ... drop them"."""
    frame = pd.DataFrame({"sales": [10.0, 11.0, 12.0, np.nan], "price": 5.0}, index=MONTHS)
    with pytest.raises(ValueError) as err:
        D.to_frame(frame)
    assert str(err.value) == (
        "values must not be missing (NaN), got NaN in column 'sales' at 2022-04-01. The last "
        "row has no 'sales' (2022-04-01), which no fill makes up: drop it. If it is the future "
        "to forecast, the forecast starts after the last row, and covariates are past inputs, "
        "whose future values it does not need (values known ahead, a promotion plan say, go "
        "to Forecaster's future_covariates, CLI --future-cols, which read those rows)."
    )
    frame["sales"] = [10.0, 11.0, 12.0, np.nan]
    frame.iloc[1, 0] = np.nan  # beside a gap inside: the fill is advised, and the drop
    with pytest.raises(ValueError) as err:
        D.to_frame(frame)
    assert (
        "The last row has no 'sales' (2022-04-01): if it is the future to forecast, drop it "
        in (str(err.value))
    )
    # the plural as it was
    frame["sales"] = [10.0, 11.0, np.nan, np.nan]
    with pytest.raises(ValueError) as err:
        D.to_frame(frame)
    assert (
        "The last 2 rows have no 'sales' (2022-03-01 … 2022-04-01), which no fill makes "
        "up: drop them. If they are" in str(err.value)
    )

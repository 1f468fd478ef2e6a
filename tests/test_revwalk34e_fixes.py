"""Review of walk34e: a single row the target lacks, and a single future covariate given
under another name."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig

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


Y = pd.Series(np.sin(np.arange(40.0)) + 2, pd.date_range("2020-01", periods=40, freq="MS"))
PROMO = pd.Series(
    np.arange(42.0) % 2, pd.date_range("2020-01", periods=42, freq="MS"), name="promo"
)
QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)


def test_one_future_covariate_under_another_name_is_given_the_rename() -> None:
    """predict(future_covariates=promo.rename('promotion')) said got ['promotion'] alone."""
    fc = Forecaster(QUICK).fit(Y, future_covariates=PROMO)
    head = (
        "`future_covariates` must have the columns the model was fitted with, ['promo'] (in "
        "that order), got ['promotion']; if it is 'promo' under another name, pass "
    )
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=PROMO.rename("promotion"))
    assert str(err.value) == head + "future_covariates.rename('promo')."
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=PROMO.to_frame("promotion"))
    assert str(err.value) == head + "future_covariates.rename(columns={'promotion': 'promo'})."
    # the advice, pasted, forecasts as the fitted name does
    expected = fc.predict(future_covariates=PROMO)
    future_covariates = PROMO.rename("promotion")
    pd.testing.assert_frame_equal(
        fc.predict(future_covariates=future_covariates.rename("promo")), expected
    )
    future_covariates = PROMO.to_frame("promotion")
    pd.testing.assert_frame_equal(
        fc.predict(future_covariates=future_covariates.rename(columns={"promotion": "promo"})),
        expected,
    )
    # two columns: which is which is not guessed
    two = pd.concat([PROMO.rename("a"), PROMO.rename("b")], axis=1)
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=two)
    assert str(err.value).endswith("(in that order), got ['a', 'b'].")

"""Fixes of the review of l18a, l18b and l18c: a zoned plan with a gap, the pandas line for a
CSV's zoned month ends, every unknown keyword of ForecasterConfig beside Lightning's."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster


def test_a_zoned_plan_with_a_gap_beside_naive_steps_is_told_the_gap_not_a_type_error():
    # l18b's note of the plan's row compared zoned stamps with naive steps: pandas' TypeError
    # "Invalid comparison between dtype=datetime64[us] and Timestamp"
    days = pd.date_range("2021-01-01", periods=44, freq="D")
    promo = pd.Series((np.arange(44) % 2).astype(float), days, name="promo")
    sales = pd.Series(20.0 + np.arange(40) % 5, days[:40], name="sales")
    quick = {"ensemble": 1, "epochs": 2, "lookback": 4, "season_length": 1, "hidden_size": 4}
    fc = Forecaster(horizon=4, calendar=False, interval=None, **quick)
    fc.fit(sales, future_covariates=promo[:40])
    zoned = promo.tz_localize("UTC").drop(days[41].tz_localize("UTC"))
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=zoned)
    assert str(error.value).startswith(
        "timestamps in `future_covariates` must be regularly spaced (no gaps), got irregular "
        "steps before 2021-02-12 (usual step: 1 day); missing 2021-02-11; pass fill="
    )
    assert str(error.value).endswith("to insert the missing timestamps and fill their values.")

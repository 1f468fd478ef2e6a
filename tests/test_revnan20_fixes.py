"""revnan20: a review of nan20's refusals of a plan (future covariates) that lacks a step."""

from __future__ import annotations

import pandas as pd
import pytest

ROW_EACH = (
    "`future_covariates` has no row for 2021-02-11, in the 4 forecast steps, of which it must "
    "hold a row each, by its timestamp (2021-02-10 … 2021-02-13): add a row for 2021-02-11 "
    "with their values, or a fill makes their values up."
)


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [2, 1, 0, 3]])
def test_a_plan_with_a_nat_that_lacks_a_step_says_the_nat(promo_plan, order):
    # "Also, timestamps ... must be sorted in increasing order, got 2021-02-12 after NaT
    # (position 2)": NaT read as the earliest stamp, of rows in order but for it, and the NaT
    # itself, which to_frame refuses first, unsaid
    fc, promo = promo_plan.fitted()
    stamps = [promo.index[40], pd.NaT, promo.index[42], promo.index[43]]
    plan = pd.Series([1.0, 0.0, 1.0, 0.0], pd.DatetimeIndex([stamps[k] for k in order]))
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=plan.rename("promo"))
    near = "after {} and before {}".format(*[str(t.date()) for t in plan.index[[0, 2]]])
    assert str(error.value) == (
        f"{ROW_EACH} Also, timestamps in `future_covariates` must all be given, got NaT (a "
        f"missing timestamp) at position 1 ({near}); give it its date, or drop that row: "
        "future_covariates[future_covariates.index.notna()]."
    )


def test_stacked_plans_that_lack_a_step_keep_their_advice(promo_plan):
    # two series' plans stacked, a step missing from both: "Also, timestamps must be unique,
    # ... Also, ... sort them first: future_covariates.sort_index()", which keeps the repeats;
    # to_frame's advice to select one series' rows was dropped
    fc, promo = promo_plan.fitted()
    plan = pd.concat([promo.iloc[[40, 42, 43]]] * 2)
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=plan)
    assert str(error.value) == (
        f"{ROW_EACH} Also, timestamps must be unique, got duplicates in `future_covariates`: "
        "2021-02-10, 2021-02-12, 2021-02-13. It looks like several series stacked in long "
        "format (3 of its 3 timestamps appear more than once, up to 2 times), without the "
        "column that tells them apart: select one series' rows while that column ID is there, "
        "e.g. df[df[ID] == first_id]['promo'], and fit one Forecaster per series, looping over "
        "df.groupby(ID) (from a CSV, `lstmkit forecast --series-col ID` does this)."
    )

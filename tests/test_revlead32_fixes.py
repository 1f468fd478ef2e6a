"""Review of lead32: the target named by its label, as its covariates are."""

from __future__ import annotations

import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}


def test_the_target_is_named_by_its_label_beside_a_future_covariate_equal_to_it():
    # "got column 5, equal to '7'": the covariate by its label, the target by its text
    y = D.load_dataset("airline")
    for series in (y.rename(7), y.to_frame(7)):
        with pytest.raises(ValueError) as err:
            Forecaster(**QUICK, horizon=12).fit(series, future_covariates=y.to_frame(5))
        assert str(err.value).startswith(
            "`future_covariates` must be known in advance, not the target, got column 5, "
            "equal to column 7 at all of the series' 144 points: each forecast step would "
            "read the value it forecasts."
        )
    with pytest.raises(ValueError) as err:  # a name stays quoted
        Forecaster(**QUICK, horizon=12).fit(
            y.rename("y"), future_covariates=pd.DataFrame({5: y.to_numpy()}, y.index)
        )
    assert str(err.value).startswith(
        "`future_covariates` must be known in advance, not the target, got column 5, equal "
        "to 'y' at all"
    )

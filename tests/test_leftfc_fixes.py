"""Small defects of the forecasting, data and training side, each pinned by its test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster

_INDEX = pd.date_range("2000-01", periods=80, freq="MS")
_PROMO = pd.DataFrame({"promo": np.arange(80.0) % 3}, index=_INDEX)


def _refused(**data: object) -> str:
    """The message `fit` refuses ``data`` with (it raises before training)."""
    with pytest.raises(ValueError) as info:
        Forecaster(horizon=3, epochs=1, strategy="direct").fit(**data)
    return str(info.value)


def test_fit_refuses_one_column_as_a_past_and_a_future_covariate() -> None:
    # the CLI refuses --covariate-cols promo --future-cols promo; fit read it twice
    y = pd.Series(np.arange(80.0) + 10, index=_INDEX, name="y")
    assert _refused(series=y, covariates=_PROMO, future_covariates=_PROMO) == (
        "`covariates` and `future_covariates` must hold different columns, got 'promo' in both "
        "(the same values). A column is a past covariate or one known in advance, once: drop "
        "it from `covariates`; the encoder reads a future covariate's past values as it reads "
        "a past one's."
    )
    series = pd.concat([y, _PROMO], axis=1)  # a column of the series after its target
    assert _refused(series=series, future_covariates=_PROMO).startswith(
        "`series` and `future_covariates` must hold different columns, got 'promo' in both"
    )


def test_fit_takes_a_past_and_a_future_covariate_of_one_name_and_other_values() -> None:
    y = pd.Series(np.arange(80.0) + 10, index=_INDEX, name="y")
    other = _PROMO + 1.0  # another column that happens to share the name
    fc = Forecaster(horizon=3, epochs=1, ensemble=1, hidden_size=4, lookback=6, progress=False)
    fc.fit(y, covariates=_PROMO, future_covariates=other)
    assert list(fc.history().columns) == ["y", "cov:promo", "fut:promo"]

"""revwalk29a: review of walk29a. A misspelt keyword beside one close to none is told the
keywords taken; an index of Period objects with a missing entry is refused (None) or told
pd.PeriodIndex (NaT); a saved model's own file is told its folder by the CLI and the text
loaders too, as Forecaster.load tells it."""

from __future__ import annotations

import pytest

from lstmkit.forecast import Forecaster

TINY = dict(horizon=3, lookback=6, ensemble=1, epochs=1, seed=0, progress=False)


def test_a_typo_close_to_no_keyword_is_told_those_taken_beside_one_that_is() -> None:
    # 'quantile' was told nothing where 'intervall' was told 'interval'
    with pytest.raises(TypeError) as caught:
        Forecaster(horizon=3).predict(3, intervall=0.9, quantile=0.5)
    assert str(caught.value) == (
        "Forecaster.predict() got unknown keyword argument(s) 'intervall', 'quantile' (did you "
        "mean 'interval' for 'intervall'?); it takes horizon, series, covariates, "
        "future_covariates and interval."
    )

"""Fixes by the lead in the session of 2026-12-04 (late night)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_explain_forecast_is_reachable_from_lstmkit_explain_without_loading_pandas() -> None:
    # It lived only in lstmkit.explain.forecast: `from lstmkit.explain import explain_forecast`
    # was an ImportError beside the package's other methods. Loaded on first use, so importing
    # lstmkit.explain still leaves pandas and the forecaster unloaded.
    code = (
        "import sys, lstmkit.explain as E\n"
        "print('pandas' in sys.modules, 'lstmkit.forecast' in sys.modules)\n"
        "from lstmkit.explain import ForecastExplanation, explain_forecast\n"
        "import lstmkit.explain.forecast as F\n"
        "print(explain_forecast is F.explain_forecast,"
        " ForecastExplanation is F.ForecastExplanation)\n"
        "print({'explain_forecast', 'ForecastExplanation'} <= set(dir(E)) & set(E.__all__))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n") == ["False False", "True True", "True", ""]


def test_a_target_alone_along_a_row_is_told_to_transpose_it_for_a_model_with_covariates() -> None:
    # predict(series=y[None, :]) on a model fitted with a covariate said only "got 40": the
    # hint to transpose came only where the array's rows were as many as the model's columns
    import numpy as np

    from lstmkit import Forecaster

    rng = np.random.default_rng(0)
    data = np.c_[np.arange(60.0) + rng.normal(size=60), rng.normal(size=60)]
    fc = Forecaster(epochs=1, lookback=6, horizon=3, ensemble=1, progress=False).fit(data)
    start = "`series` must have 2 columns like the training data (['value', 'x1']), got 40"
    for shape, series in [((1, 40), data[:40, 0][None, :]), ((2, 40), data[:40].T)]:
        with pytest.raises(ValueError) as err:
            fc.predict(series=series)
        assert str(err.value) == (
            f"{start} (an array of shape {shape}, whose rows are the time steps: transpose it, "
            "series.T)."
        )

"""Costs that grew with the data: a series of 50,000 rows and 20 columns, 200,000 points."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster


def _with_covariates() -> tuple[Forecaster, pd.DatetimeIndex]:
    """A tiny forecaster fitted on a daily series with two covariates (lookback 14)."""
    rng = np.random.default_rng(0)
    index = pd.date_range("2020-01-01", periods=120, freq="D")
    y = pd.Series(10 + np.sin(np.arange(120)) + rng.normal(0, 0.1, 120), index=index)
    cov = pd.DataFrame({"a": rng.normal(3, 5, 120), "b": np.arange(120.0)}, index=index)
    config = dict(horizon=7, lookback=14, epochs=1, ensemble=1, hidden_size=4, progress=False)
    return Forecaster(**config, interval=None, refit=False).fit(y, cov), index


def test_training_windows_scale_each_covariate_value_once_to_the_per_window_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Scaled in each window, every covariate value was scaled `lookback` times: with 20
    # columns and 50,000 rows that was most of a fit's time (2.4 s of 3.1 s).
    fc, index = _with_covariates()
    rng = np.random.default_rng(1)
    d, cov = rng.normal(0, 0.2, 60), rng.normal(7, 3, (60, 2))
    cal = fc._calendar(index[:60])
    scaled: list[int] = []
    to_scale = fc._scaled_covariates

    def counted(values: np.ndarray) -> np.ndarray:
        scaled.append(values.size)
        return to_scale(values)

    monkeypatch.setattr(fc, "_scaled_covariates", counted)
    x, y = fc._training_windows(d, cov, cal, 7)
    assert scaled == [60 * 2]  # each value once, not once per window it is in (40 * 14 * 2)
    assert tuple(x.shape) == (40, 14, 1 + 2 + cal.shape[1])
    monkeypatch.undo()
    for i in (0, 17, 39):  # bit for bit what one window at a time gives
        one, level = fc._features(d[i : i + 14], cov[i : i + 14], cal[i : i + 14])
        assert np.array_equal(x[i].numpy(), one.astype(np.float32))
        anchor = fc._anchor(d[i : i + 14], level, 7)
        target = (d[i + 14 : i + 21] - anchor) / fc.state_["scale"]
        assert np.array_equal(y[i].numpy(), target.astype(np.float32))

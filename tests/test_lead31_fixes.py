"""Covariates that hold the series' future, the remaining cases."""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit.forecast import Forecaster, _one_series_windows

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}


def test_a_0_1_step_target_beside_a_flag_is_no_windows():
    # a product on sale from day 30 (0, then 1) beside its promotion, which began the day
    # before: given 2-D, it was refused as "60 windows of 2 steps of one series", where
    # fit(sold, covariates=promo) fitted them: one change matched, one coincidence
    sold = (np.arange(60) >= 30).astype(float)
    promo = (np.arange(60) >= 29).astype(float)
    assert not _one_series_windows(np.column_stack([sold, promo]))
    fc = Forecaster(**QUICK, horizon=3, lookback=5, season_length=1)
    fc.fit(np.column_stack([sold, promo]))
    assert fc.state_["columns"] == ["value", "x1"]
    fc.fit(sold, covariates=promo[:, None])
    assert fc.state_["columns"] == ["value", "cov:x0"]
    # windows of a series that varies are still windows
    y = np.random.default_rng(3).normal(size=40).round(3)
    assert _one_series_windows(np.column_stack([y[:-1], y[1:]]))
    with pytest.raises(ValueError, match=r"^`series` must be a series \[T, F\], got 39 windows"):
        fc.fit(np.column_stack([y[:-1], y[1:]]))

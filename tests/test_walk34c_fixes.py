"""What an analyst met showing stakeholders `lstmkit explain`'s figures and pages (the README's
"Explanations" → "Command line" and "Gates"), each pinned by the test that found it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.explain import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 2, "calendar": False}


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    """A tiny Forecaster on 40 weekly points of a sales column and a price covariate."""
    index = pd.date_range("2024-01-07", periods=40, freq="W-SUN")
    frame = pd.DataFrame(
        {"sales": 100 + np.sin(np.arange(40) / 3) * 10, "price": np.cos(np.arange(40) / 5)},
        index=index,
    )
    return Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(frame)


def test_a_forecast_heatmaps_colour_bar_says_what_red_and_blue_do(fitted) -> None:
    # the bar ran blue to red beside "relevance (scaled)": which colour was positive, not what
    # a positive relevance does; a stakeholder read red as "bad"
    fig = explain_forecast(fitted).plot()
    bar = fig.axes[-1]
    assert bar.get_ylabel() == "relevance (scaled)"
    assert bar.get_title() == "raises the\nforecast"
    assert bar.get_xlabel() == "lowers the\nforecast"
    image = fig.axes[1].get_images()[0]
    assert image.get_cmap().name == "bwr"
    low, high = image.get_clim()
    assert low == -high < 0  # centred on 0


def test_a_squared_gradient_is_drawn_on_a_scale_from_zero(fitted) -> None:
    # sensitivity's squared gradients (never negative) were drawn on the signed blue-white-red
    # scale, its blue half, "-0.0005", standing for values that cannot occur
    ex = explain_forecast(fitted, method="sensitivity")
    fig = ex.plot()
    image = fig.axes[1].get_images()[0]
    assert image.get_cmap().name == "Reds"
    assert image.get_clim() == (0.0, float(np.abs(ex.per_feature).max()))
    bar = fig.axes[-1]
    assert bar.get_ylabel() == "squared gradient (scaled)"
    assert (bar.get_title(), bar.get_xlabel()) == ("", "")  # no sign to speak of

"""Defects found by exploratory testing and fixed in the polish pass."""

from __future__ import annotations

import re
from io import BytesIO

import numpy as np
import pandas as pd
import pytest

from lstmkit._figures import new_figure, plain_text
from lstmkit.forecast import Forecaster

_INDEX = pd.date_range("2000-01", periods=80, freq="MS")


def test_fit_refuses_a_series_column_named_like_a_covariate() -> None:
    # a covariate x is read as cov:x: beside a series column cov:x, history() and
    # encoder_inputs() had two columns of that name
    series = pd.DataFrame({"y": np.arange(80.0), "cov:x": np.ones(80)}, index=_INDEX)
    covariates = pd.DataFrame({"x": np.zeros(80)}, index=_INDEX)
    with pytest.raises(ValueError) as info:
        Forecaster(horizon=3, epochs=1).fit(series, covariates=covariates)
    assert str(info.value) == (
        "`series` and `covariates` must have distinct column names once covariates are named "
        "cov:NAME (future covariates fut:NAME), got ['y', 'cov:x', 'cov:x'] ('cov:x' more "
        "than once); rename one."
    )


def test_fit_refuses_a_series_named_like_a_future_covariate() -> None:
    series = pd.Series(np.arange(80.0), index=_INDEX, name="fut:x")
    future = pd.DataFrame(
        {"x": np.zeros(83)}, index=pd.date_range("2000-01", periods=83, freq="MS")
    )
    with pytest.raises(ValueError) as info:
        Forecaster(horizon=3, epochs=1).fit(series, future_covariates=future)
    assert str(info.value) == (
        "`series` and `future_covariates` must have distinct column names once covariates are "
        "named cov:NAME (future covariates fut:NAME), got ['fut:x', 'fut:x'] ('fut:x' more "
        "than once); rename one."
    )


def test_fit_refuses_a_column_named_like_a_calendar_input() -> None:
    series = pd.DataFrame({"y": np.arange(80.0), "season cos": np.ones(80)}, index=_INDEX)
    message = (
        "`series` must have column names other than the calendar inputs' ['season sin', "
        "'season cos', 'weekday sin', 'weekday cos'] (calendar=True), got 'season cos'; "
        "rename it."
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        Forecaster(horizon=3, epochs=1, calendar=True).fit(series)


def test_plain_text_names_are_drawn_as_written() -> None:
    # between two $ matplotlib reads mathtext: a file p$\frac$q.csv in a title failed the
    # drawing with a parse error, and a$b$c came out as abc in italics
    fig = new_figure()
    ax = fig.subplots()
    ax.set_title(plain_text("p$\\frac$q") + ": forecast")
    ax.plot([0, 1], [0, 1], label=plain_text("a$b$c"))
    ax.legend()
    fig.savefig(BytesIO(), format="png")
    assert ax.title._preprocess_math(ax.get_title()) == ("p$\\frac$q: forecast", False)
    label = ax.get_legend().get_texts()[0]
    assert label._preprocess_math(label.get_text()) == ("a$b$c", False)

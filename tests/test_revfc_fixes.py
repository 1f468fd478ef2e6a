"""Defects found in review of the forecasting and data side, each pinned by its test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster

_DAYS = pd.date_range("2021-01-01", periods=20, freq="D")


def test_a_target_without_values_is_not_said_to_run_past_a_covariate() -> None:
    # "Column 'temp' ends at 2021-01-17, before the target 'sales', which runs to 2021-01-20"
    # of a target with no value at all
    frame = pd.DataFrame(
        {"sales": np.nan, "temp": np.where(np.arange(20) < 17, 10.0, np.nan)}, index=_DAYS
    )
    with pytest.raises(ValueError) as info:
        D.to_frame(frame)
    assert str(info.value) == (
        "values must not be missing (NaN), got NaN in column 'sales' at 2021-01-01, "
        "2021-01-02, 2021-01-03, 2021-01-04, 2021-01-05 and 15 more; column 'temp' at "
        "2021-01-18, 2021-01-19, 2021-01-20. Fill them first: pass fill='ffill', 'bfill', "
        "'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv (CLI: --fill), whose "
        "result Forecaster.fit, predict and backtest take."
    )


def test_the_cli_names_a_plan_that_ends_early_beside_a_past_covariate(tmp_path, capsys) -> None:
    # only the past covariate was named, with --fill ffill to fill it: that fill then
    # refused the plan, a second round for a problem the first message could have named
    csv = tmp_path / "shop.csv"
    pd.DataFrame(
        {
            "day": _DAYS.strftime("%Y-%m-%d"),
            "sales": np.arange(20.0),
            "temp": np.where(np.arange(20) < 17, 10.0, np.nan),
            "promo": np.where(np.arange(20) < 18, 1.0, np.nan),
        }
    ).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    assert main([*argv, "--covariate-cols", "temp", "--future-cols", "promo"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values must not be missing (NaN), got NaN in column 'temp' "
        f"of {str(csv)!r} at 2021-01-18, "
        "2021-01-19, 2021-01-20; column 'promo' at 2021-01-19, 2021-01-20. Column 'temp' ends "
        "at 2021-01-17, before the target 'sales', which runs to 2021-01-20: a past covariate "
        "is read at every point of the series, so give its values there, fill them "
        "(--fill ffill carries each last value forward), or end the series "
        "at 2021-01-17 (drop the rows after it). Values known in advance (--future-cols) "
        "end early ('promo' "
        "from 2021-01-19): no fill makes up a plan, so give their values there."
    )


_MONTHS = pd.date_range("2000-01", periods=40, freq="MS")
_TINY = dict(epochs=1, ensemble=1, hidden_size=4, lookback=6, progress=False)


def test_fit_refuses_a_series_column_cov_name_given_as_a_future_covariate_too() -> None:
    # a series' column cov:promo is read as the covariate promo (history() names it so, and
    # feeding history() back gives one), yet beside fut:promo of the same values it passed
    promo = np.arange(40.0) % 3
    y = pd.Series(100.0 + np.arange(40), index=_MONTHS, name="y")
    series = pd.DataFrame({"y": y, "cov:promo": promo}, index=_MONTHS)
    with pytest.raises(ValueError) as info:
        Forecaster(horizon=3, strategy="direct", **_TINY).fit(
            series, future_covariates=pd.DataFrame({"promo": promo}, index=_MONTHS)
        )
    assert str(info.value) == (
        "`series` and `future_covariates` must hold different columns, got 'promo' in both "
        "(the same values). A column is a past covariate or one known in advance, once: drop "
        "it from `series`; the encoder reads a future covariate's past values as it reads a "
        "past one's."
    )


def test_the_repr_of_a_model_fitted_on_periods_ends_at_a_period() -> None:
    # it said "up to 2003-04-01", where history() and predict() give periods (2003-04)
    periods = pd.period_range("2000-01", periods=40, freq="M")
    y = pd.Series(100.0 + np.arange(40) + np.arange(40) % 12, index=periods, name="y")
    fc = Forecaster(horizon=3, **_TINY).fit(y)
    assert repr(fc) == (
        "Forecaster(ForecasterConfig(horizon=3, lookback=6, hidden_size=4, ensemble=1, "
        "epochs=1, progress=False); fitted on 40 points of y up to 2003-04, look-back 6, "
        "season 12)"
    )
    assert str(fc.history().index[-1]) == "2003-04"


def test_a_fill_that_leaves_a_column_without_any_value_offers_no_other_fill() -> None:
    # "try 'interpolate' or 'bfill'", which leave it empty as well, each offering another
    frame = pd.DataFrame({"y": np.arange(4.0), "x": np.nan}, index=_DAYS[:4])
    for fill in ("bfill", "interpolate"):
        with pytest.raises(ValueError) as info:
            D.to_frame(frame, fill=fill)
        assert str(info.value) == (
            f"fill={fill!r} left NaNs in column 'x' (it has no values at all): no fill gives a "
            "column without any value one; give its values, or leave it out."
        )
    frame["z"] = [np.nan, 1.0, 2.0, 3.0]  # one the other fill does fill, beside it
    with pytest.raises(ValueError) as info:
        D.to_frame(frame, fill="ffill")
    assert str(info.value) == (
        "fill='ffill' left NaNs in column 'x' (it has no values at all); column 'z' at the "
        "start (2021-01-01): 'ffill' copies the previous value forward, so nothing before a "
        "column's first value is filled; try 'interpolate' or 'bfill' (no fill gives 'x', "
        "without any value, one: give its values or leave it out)."
    )

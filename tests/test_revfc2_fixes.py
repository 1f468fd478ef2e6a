"""Defects a review of --series-col's warnings, explain's and predict's time labels, and the
-v log found, each pinned by the test that found it."""

from __future__ import annotations

import json
import logging
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig

# the smallest run that reads, fits and forecasts a series
TINY = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
TINY += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--no-refit"]
TINY += ["--horizon", "2", "--json", "--interval", "0"]
SMALL = {"horizon": 2, "lookback": 4, "ensemble": 1, "epochs": 1, "hidden_size": 2}


def test_warnings_of_one_series_that_differ_in_a_quoted_name_are_each_shown(
    tmp_path, capsys
) -> None:
    # the warnings of the series were grouped by their text with every number as '#', so
    # "the future covariate 'p2' is constant (1)" was "'p1' is constant (0)" and went unsaid
    rows = [
        f"{s},2021-01-{k + 1:02d},{20 + k % 5 if k < 16 else ''},0,1"
        for s in "ab"
        for k in range(18)
    ]
    path = tmp_path / "plan.csv"
    path.write_text("store,day,sales,p1,p2\n" + "\n".join(rows) + "\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--future-cols", "p1", "p2", "--series-col", "store", *TINY]) == 0
    plan = str(tmp_path / "plan.csv")
    assert capsys.readouterr().err.splitlines() == [
        # the planned rows that the holdout leaves unread, per series (tests/test_qa9_fixes.py)
        *(
            f"note: {plan!r} (store={store}) has 2 rows after the target's last value (the "
            "plan of --future-cols); this run's forecast covers the 2 held-out points (the "
            "holdout, by default --horizon) and none of those rows; pass --holdout 0 to "
            "forecast those rows."
            for store in "ab"
        ),
    ] + [
        f"warning: the future covariate {name!r} is constant ({value}) over the training part "
        "(12 points; refit=False leaves out the validation part): the networks cannot learn "
        "what it does, so its values at the forecast steps change the forecast through "
        "untrained weights (direct: not at all). Fit on a span where it varies, or leave it "
        "out. (Warned of 2 of the 2 series of --series-col store; shown once.)"
        for name, value in (("p1", 0), ("p2", 1))
    ]


def _business_days_model(**extra: object) -> Forecaster:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # the user's own index warns too
        days = pd.period_range("2020-01-01", periods=30, freq="B")
        y = pd.Series(10.0 + np.arange(30) % 5, index=days, name="y")
        config = ForecasterConfig(**SMALL, refit=False, interval=None)
        if "future_covariates" in extra:
            plan = pd.DataFrame({"promo": np.arange(30.0) % 2}, index=days)
            return Forecaster(config).fit(y, future_covariates=plan)
        return Forecaster(config).fit(y)


def test_a_business_day_model_names_its_steps_without_making_periods_of_them() -> None:
    # a model fitted on a PeriodIndex of business days named the steps of a refusal by making
    # a Period of each: pandas' FutureWarning "Period with BDay freq is deprecated" came from
    # lstmkit/data.py with the error (and, under -W error, in place of it)
    forecaster = _business_days_model(future_covariates=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError) as err:
            forecaster.predict()
    assert str(err.value) == (
        "`future_covariates` must be given: this model was fitted with the future covariates "
        "['promo'], and a forecast reads their values at the 2 forecast steps (2020-02-12 … "
        "2020-02-13)."
    )
    assert [str(w.message) for w in caught] == []


def test_an_explanation_of_a_business_day_model_labels_its_days_without_warning() -> None:
    # explain_forecast made a Period[B] of every label: a FutureWarning each
    forecaster = _business_days_model()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        explanation = explain_forecast(forecaster)
    assert [str(w.message) for w in caught] == []
    assert explanation.index == ["2020-02-06", "2020-02-07", "2020-02-10", "2020-02-11"]
    assert explanation.time == "2020-02-12"


def test_the_refit_log_says_one_epoch_in_the_singular(caplog) -> None:
    # "refit 1/1: 1 epochs"
    y = pd.Series(10.0 + np.arange(24) % 4, index=pd.date_range("2020-01", periods=24, freq="MS"))
    config = ForecasterConfig(**SMALL, interval=None, progress=False)
    with caplog.at_level(logging.INFO, logger="lstmkit"):
        Forecaster(config).fit(y)
    (line,) = [m for m in caplog.messages if m.startswith("refit")]
    assert re.fullmatch(re.escape("refit 1/1: 1 epoch (after ") + r"\d+\.\d s\)", line)


@pytest.mark.parametrize(
    ("freq", "origin"),
    [
        ("MS", "2021-07-01"),  # a date alone at midnight, as the other messages name it
        ("6h", "2020-01-06T00:00:00"),  # an intraday series' midnight keeps its time
    ],
)
def test_the_backtest_log_names_an_origin_as_the_series_writes_its_times(
    caplog, freq: str, origin: str
) -> None:
    # monthly data logged "backtest origin 2021-07-01T00:00:00"
    start = "2020-01-01" if freq == "MS" else "2020-01-01 12:00"
    index = pd.date_range(start, periods=20, freq=freq)
    y = pd.Series(10.0 + np.arange(20) % 4, index=index, name="y")
    config = ForecasterConfig(**SMALL, refit=False, interval=None, progress=False)
    model = Forecaster(config).fit(y.iloc[:18])
    with caplog.at_level(logging.INFO, logger="lstmkit.backtest"):
        model.backtest(y, start=18, horizon=2, retrain=False, statistical_baselines=False)
    (line,) = caplog.messages
    assert re.fullmatch(
        re.escape(f"backtest origin {origin} (18 points before it): RMSE ") + r".*", line
    )


def test_forecast_json_writes_a_step_at_midnight_of_an_intraday_series_with_its_time(
    tmp_path, capsys
) -> None:
    # the format came from the forecast's steps alone: a 12-hourly series' one step at
    # midnight was "2021-01-21", where explain and predict's origin write "...T00:00:00"
    index = pd.date_range("2021-01-01", periods=40, freq="12h")
    path = tmp_path / "h12.csv"
    path.write_text("t,y\n" + "".join(f"{t},{20 + k % 4}\n" for k, t in enumerate(index)))
    argv = ["forecast", "--csv", str(path), "--date-col", "t", "--value-col", "y", *TINY]
    assert main([*argv, "--horizon", "1", "--holdout", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["forecast"]["timestamp"] == ["2021-01-21T00:00:00"]


def _stores_csv(tmp_path, days: bool = True):
    """Three stores' 16 days of sales (``days``), or their days as spreadsheet serials."""
    day = (lambda k: f"2021-01-{k + 1:02d}") if days else (lambda k: 44197 + k)
    rows = [f"{s},{day(k)},{20 + k % 5}" for s in "abc" for k in range(16)]
    path = tmp_path / "stores.csv"
    path.write_text("store,day,sales\n" + "\n".join(rows) + "\n")
    return ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]


def test_a_library_warning_silenced_for_its_module_stays_silent(
    tmp_path, capsys, monkeypatch
) -> None:
    # --series-col said each warning again at the user's line, where a filter by module (as
    # Python's own for DeprecationWarning, or -W ignore::DeprecationWarning:somelib) no longer
    # matched it: a library's silenced DeprecationWarning was shown
    from lstmkit.cli import _forecast_run

    library = {"__name__": "somelib", "warnings": warnings}
    exec("def old():\n    warnings.warn('old() is deprecated', DeprecationWarning)", library)
    execute = _forecast_run._execute
    monkeypatch.setattr(_forecast_run, "_execute", lambda run: (library["old"](), execute(run))[1])
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="somelib")
        assert main([*_stores_csv(tmp_path), "--series-col", "store", *TINY]) == 0
    assert capsys.readouterr().err == ""


def test_an_error_filter_stops_the_series_where_it_warns(tmp_path) -> None:
    # with -W error, a warning was recorded, every series was fitted and written to --out, and
    # the warning raised after the last
    out = tmp_path / "out"
    argv = [*_stores_csv(tmp_path), "--series-col", "store", *TINY, "--out", str(out)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(UserWarning) as err:
            main([*argv, "--interval", "0.99"])
    assert str(err.value) == (
        "the 99% split-conformal interval needs at least 99 validation errors per forecast "
        "step, and 2 steps have only 2; their half-width is the largest error, which covers "
        "about 67%. A lower --interval (0.66 or less) fixes this."
    )
    assert not out.exists()  # nothing written

"""Forecasting with user data: defects left over by the cli2 review, each pinned by the test
that found it."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import CLIError, far_outside_of_source, main

_FAR = (
    "--csv new.csv lies far outside the training series as the network reads it: its last 14 "
    "points, scaled with the statistics fitted on the training series (scaling='window'), span "
    "341 … 652 in 'price' of --covariate-cols (training: -1.54 … 1.57), more than twice the "
    "training inputs' range about its middle, so the forecast extrapolates; fit a model on "
    "--csv new.csv (lstmkit forecast ... --out DIR) for one that has seen such values."
)


def test_warnings_before_an_error_are_shown_and_the_error_is_unchanged() -> None:
    # the warnings recorded were dropped where an error followed them: no try/finally
    refusal = CLIError("--method='lrp' does not explain this model.")
    with pytest.warns(UserWarning) as record, pytest.raises(CLIError) as err:
        with far_outside_of_source("--csv new.csv"):
            warnings.warn("`series` lies far outside the training series as ...", stacklevel=1)
            warnings.warn("another warning", stacklevel=1)
            raise refusal
    assert err.value is refusal
    assert [str(w.message) for w in record] == [
        "--csv new.csv lies far outside the training series as ...",
        "another warning",
    ]


@pytest.mark.parametrize("action", ["always", "error"], ids=["warnings-shown", "W-error"])
def test_cli_explain_refused_after_a_far_outside_csv_warns_of_it_and_says_the_error(
    tmp_path, capsys, action, undrawn_figures
) -> None:
    # lstmkit explain --method lrp of a direct model with future covariates, on a --csv far
    # outside: the refusal alone was printed, the warning of the file lost; and run with
    # -W error (revcli3), the warning's traceback came out of main(), not the refusal and
    # exit code 2
    t = np.arange(122)
    data = pd.DataFrame(
        {"y": 50 + 10 * np.sin(t / 4), "price": 1 + (t % 10) / 10, "promo": (t % 7 == 0) * 1.0},
        pd.date_range("2020-01-06", periods=122, freq="D"),
    )
    data.iloc[120:, 0] = np.nan  # the forecast steps: the plan alone
    data.to_csv(tmp_path / "old.csv", index_label="day")
    data.assign(price=data["price"] * 100).to_csv(tmp_path / "new.csv", index_label="day")
    flags = ["--date-col", "day", "--value-col", "y", "--covariate-cols", "price"]
    flags += ["--future-cols", "promo"]
    fit = ["--horizon", "2", "--lookback", "14", "--epochs", "1", "--ensemble", "1"]
    out = str(tmp_path / "run")
    old = ["forecast", "--csv", str(tmp_path / "old.csv"), "--strategy", "direct"]
    assert main([*old, *flags, *fit, "--out", out]) == 0
    capsys.readouterr()
    new = ["explain", out, "--csv", str(tmp_path / "new.csv"), *flags, "--method", "lrp"]
    with warnings.catch_warnings():
        warnings.simplefilter(action, UserWarning)
        assert main(new) == 2
    warned = ["warning: " + _FAR.replace("new.csv", repr(str(tmp_path / "new.csv")))]
    assert capsys.readouterr().err.splitlines() == [
        *(warned if action == "always" else []),
        "error: --method='lrp' does not explain a direct Forecaster with future covariates "
        "(promo): their effect is added beside its head, outside the network LRP walks. "
        "Use another --method (they are then held fixed), or a model forecast with --strategy "
        "seq2seq, whose LRP gives their relevance per forecast step.",
    ]


# the smallest run that reads, fits and forecasts a series
TINY = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
TINY += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--holdout", "0"]
TINY += ["--horizon", "2", "--interval", "0"]


def _table_stamps(text: str) -> list[str]:
    """The first column of the forecast table that ``text`` prints last."""
    lines = text.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith("timestamp")) + 2
    return [line.split("  ")[0] for line in lines[start:] if line and line[0].isdigit()]


def test_a_zoned_daily_forecast_prints_its_times_as_forecast_csv_writes_them(
    tmp_path, capsys, undrawn_figures
) -> None:
    # the terminal printed 2020-02-10 where forecast.csv has 2020-02-10 00:00:00+01:00
    days = pd.date_range("2020-01-01", periods=40, freq="D", tz="Europe/Berlin")
    frame = pd.DataFrame({"day": [t.isoformat() for t in days], "y": np.arange(40.0) % 5})
    frame.to_csv(tmp_path / "z.csv", index=False)
    flags = ["--csv", str(tmp_path / "z.csv"), "--date-col", "day", "--value-col", "y"]
    expected = ["2020-02-10 00:00:00+01:00", "2020-02-11 00:00:00+01:00"]
    assert main(["forecast", *flags, *TINY, "--out", str(tmp_path / "run")]) == 0
    assert _table_stamps(capsys.readouterr().out) == expected
    assert pd.read_csv(tmp_path / "run" / "forecast.csv")["timestamp"].tolist() == expected
    out = tmp_path / "again"
    assert main(["predict", str(tmp_path / "run"), *flags, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("z: forecast from 2020-02-09 00:00:00+01:00, horizon 2 ")
    assert _table_stamps(printed) == expected
    assert pd.read_csv(out / "forecast.csv")["timestamp"].tolist() == expected


_BOOL_TARGET = (
    "`series` must hold numbers to forecast in its target column 'flag', got booleans "
    "(True/False, read as 1 and 0): forecast a number, such as how often it is True per week "
    "(target.astype(float).resample('W').mean()); a flag known in advance (a holiday) is a "
    "covariate (covariates= or future_covariates=), read as 1 and 0."
)


def _flags() -> pd.DataFrame:
    """40 days of a flag and a number."""
    days = pd.date_range("2020-01-01", periods=40, freq="D")
    return pd.DataFrame({"flag": np.arange(40) % 3 == 0, "y": np.arange(40.0) % 5}, days)


@pytest.mark.parametrize("given", ["series", "frame", "text", "array"])
def test_a_target_of_booleans_is_refused_by_name(given) -> None:
    # a bool target was forecast as 0 and 1 (forecasts such as 0.28, bounds -0.41 ... 0.97)
    from lstmkit.forecast import Forecaster, ForecasterConfig

    data = _flags()
    series = {
        "series": data["flag"],
        "frame": data,
        "text": data.astype({"flag": str}),
        "array": data["flag"].to_numpy(),  # named 'value', as to_frame names it
    }[given]
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
    with pytest.raises(ValueError) as err:
        Forecaster(config).fit(series)
    name = "'value'" if given == "array" else "'flag'"
    assert str(err.value) == _BOOL_TARGET.replace("'flag'", name)


def test_numbers_made_of_flags_read_from_a_csv_are_forecast(tmp_path) -> None:
    # read_csv's result names the columns it read from True/False (attrs), which pandas keeps
    # through arithmetic: a count made of them is no flag, and is forecast
    from lstmkit import data as D
    from lstmkit.forecast import Forecaster, ForecasterConfig

    _flags().to_csv(tmp_path / "b.csv", index_label="day")
    read = D.read_csv(tmp_path / "b.csv", "day", ["flag", "y"])
    assert read.attrs["booleans"] == ["flag"]
    count = read["flag"].cumsum()  # how many so far
    assert count.attrs["booleans"] == ["flag"]
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
    assert len(Forecaster(config).fit(count).predict()) == 2


def test_a_covariate_of_booleans_reads_as_one_and_zero() -> None:
    from lstmkit.forecast import Forecaster, ForecasterConfig

    data = _flags()
    config = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
    fc = Forecaster(config).fit(data["y"], covariates=data[["flag"]])
    history = fc.history(data["y"], data[["flag"]])
    assert history["cov:flag"].tolist() == (np.arange(40) % 3 == 0).astype(float).tolist()


def test_cli_refuses_a_value_col_of_true_false_by_its_flag(tmp_path, capsys) -> None:
    _flags().to_csv(tmp_path / "b.csv", index_label="day")
    flags = ["--csv", str(tmp_path / "b.csv"), "--date-col", "day", "--value-col", "flag"]
    assert main(["forecast", *flags, *TINY]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --value-col flag must name a column of numbers to forecast, got True/False in "
        f"{str(tmp_path / 'b.csv')!r} (read as 1 and 0): forecast a number, such as how often it "
        "is True per week; a "
        "flag known in advance (a holiday) is a covariate (--covariate-cols, --future-cols), "
        "read as 1 and 0."
    )


@pytest.fixture(scope="module")
def sundays_with_plan():
    """A tiny Forecaster of weekly data on Sundays with a future covariate, and its weeks."""
    from lstmkit.forecast import Forecaster, ForecasterConfig

    sundays = pd.date_range("2020-01-05", periods=42, freq="W-SUN")
    y = pd.Series(np.arange(40.0) % 5, index=sundays[:40], name="y")
    plan = pd.DataFrame({"price": np.arange(42.0)}, index=sundays)
    config = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
    )
    return Forecaster(config).fit(y, future_covariates=plan), plan


@pytest.mark.parametrize("rows", [2, 3, 42])
def test_future_covariates_newest_first_are_refused_as_longer_ones(sundays_with_plan, rows):
    # the two steps' rows alone, newest first, were read; three rows or more were refused
    fc, plan = sundays_with_plan
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=plan.iloc[-rows:].iloc[::-1])
    first = plan.index[-rows].date()
    assert str(err.value) == (
        "timestamps in `future_covariates` must be sorted in increasing order, got them newest "
        f"first (2020-10-18 … {first}); sort them first: future_covariates.sort_index()."
    )


@pytest.mark.parametrize(
    ("rows", "date"), [(1, "2020-10-11"), (2, "2020-10-18"), (4, "2020-10-18")]
)
def test_text_in_the_steps_rows_alone_is_named_by_its_date(sundays_with_plan, rows, date):
    # the one or two steps' rows alone named it by position: "non-numeric values at 1 ('n/a')"
    fc, plan = sundays_with_plan
    given = plan.iloc[40 + min(rows, 2) - rows : 40 + min(rows, 2)].astype(object)
    given.iloc[-1, 0] = "n/a"
    with pytest.raises(ValueError) as err:
        fc.predict(min(rows, 2), future_covariates=given)
    assert str(err.value) == (
        f"column 'price' has non-numeric values at {date} ('n/a') (marks of missing values?): "
        "make them NaN (pandas: read_csv(..., na_values=['n/a'])), then pass fill='ffill', "
        "'bfill', 'interpolate' or 'zero' to fill them."
    )


def test_a_business_day_period_index_is_fitted_forecast_and_backtested_without_warnings():
    # pandas >= 2.2 deprecates PeriodDtype[B]: its FutureWarning came from lstmkit's reading of
    # the series (fit, predict, backtest, explain), its forecast's index, the backtest's
    # periods and their plots, and failed every one of them under -W error (this suite's
    # filter); the numbers are those of the same days as a DatetimeIndex
    import matplotlib.pyplot as plt

    from lstmkit.explain.forecast import explain_forecast
    from lstmkit.forecast import Forecaster, ForecasterConfig, plot_forecast

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # the user's own index warns
        days = pd.period_range("2020-01-01", periods=42, freq="B")
        plan = pd.DataFrame({"promo": np.arange(42.0) % 2}, index=days)
        y = pd.Series(10 + np.arange(40.0) % 5, index=days[:40], name="y")
        y_dates, plan_dates = y[:36].to_timestamp(), plan.to_timestamp()
    config = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
    )
    fc = Forecaster(config).fit(y[:36], future_covariates=plan)
    pred = fc.predict(future_covariates=plan)
    again = fc.predict(series=y[:36], future_covariates=plan)
    bt = fc.backtest(y, start=36, horizon=2, retrain=False, future_covariates=plan)
    explain_forecast(fc, method="gradxinput", future_covariates=plan)
    plt.close(plot_forecast(y, pred))
    plt.close(bt.plot())
    dates = Forecaster(config).fit(y_dates, future_covariates=plan_dates)
    dates = dates.predict(future_covariates=plan_dates)
    assert pred["forecast"].tolist() == again["forecast"].tolist() == dates["forecast"].tolist()
    assert dates.index.strftime("%Y-%m-%d").tolist() == ["2020-02-20", "2020-02-21"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # the user's reading of them warns
        assert pred.index.equals(days[36:38])
        assert bt.forecasts["timestamp"].tolist() == list(days[36:40])


def test_weekly_future_covariates_on_mondays_are_told_code_for_either_week(sundays_with_plan):
    # the hint was .to_period('W-SUN').to_timestamp(how='end').normalize(), which moves Monday
    # 2020-01-06 to Sunday 2020-01-12, a guess at which week it stands for: a value for the
    # week ending on that Monday (as pandas' W-MON reads it) went a week late
    import re

    from lstmkit.forecast import Forecaster

    fc, plan = sundays_with_plan
    mondays = plan.set_axis(plan.index + pd.Timedelta(days=1))  # each Sunday's value a day on
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=mondays)
    starts = "future_covariates.index + pd.Timedelta(days=6)"
    ends = "future_covariates.index - pd.Timedelta(days=1)"
    assert str(err.value) == (
        "`future_covariates` must cover the 2 forecast steps, 2 steps from 2020-10-11 to "
        "2020-10-18, got values from 2020-01-06 to 2020-10-19: 2 of those steps are missing, "
        "the first 2020-10-11 (none of its timestamps is one of the steps: its frequency is "
        "W-MON, the series' W-SUN; stamp each value at the series' step whose week (Monday to "
        "Sunday) holds the first day of the value's: where a Monday starts its week, "
        f"future_covariates.index = {starts} (2020-01-06 → 2020-01-12); where it ends one (as "
        f"pandas' W-MON reads it), future_covariates.index = {ends} (2020-01-06 → 2020-01-05))."
    )
    codes = re.findall(
        r"future_covariates\.index = (future_covariates\.index [^(]+\(days=\d\))", str(err.value)
    )
    assert codes == [starts, ends]
    moved = {}
    for code in codes:  # the hint's code, run on the user's frame
        future_covariates = mondays.copy()
        future_covariates.index = eval(code, {"pd": pd, "future_covariates": future_covariates})
        moved[code] = future_covariates
    assert moved[starts].index[0] == pd.Timestamp("2020-01-12")
    assert moved[ends].index[0] == pd.Timestamp("2020-01-05")
    pd.testing.assert_frame_equal(
        fc.predict(future_covariates=moved[ends]), fc.predict(future_covariates=plan)
    )
    assert fc.predict(future_covariates=moved[starts])["forecast"].notna().all()
    y = pd.Series(np.arange(40.0) % 5, index=plan.index[:40], name="y")
    refit = Forecaster(fc.config).fit(y, future_covariates=moved[ends])
    pd.testing.assert_frame_equal(
        refit.predict(future_covariates=moved[ends]), fc.predict(future_covariates=plan)
    )


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_cli_refuses_a_new_csv_whose_target_is_true_false(
    command, tmp_path, capsys, undrawn_figures
) -> None:
    # lstmkit predict and explain of a model fitted on numbers read such a file's target as
    # 0 and 1 (and explain would have named the library's `series` and covariates=)
    data = _flags()
    data[["y"]].to_csv(tmp_path / "old.csv", index_label="day")
    data[["flag"]].rename(columns={"flag": "y"}).to_csv(tmp_path / "new.csv", index_label="day")
    flags = ["--date-col", "day", "--value-col", "y"]
    out = str(tmp_path / "run")
    assert main(["forecast", "--csv", str(tmp_path / "old.csv"), *flags, *TINY, "--out", out]) == 0
    capsys.readouterr()
    assert main([command, out, "--csv", str(tmp_path / "new.csv"), *flags]) == 2
    # what the saved model can be given, not how to train one (tests/test_cal4_fixes.py)
    assert capsys.readouterr().err.strip() == (
        "error: --value-col y must hold the numbers the saved model forecasts, got True/False "
        f"in {str(tmp_path / 'new.csv')!r} (read as 1 and 0); name the file's column of those "
        "numbers with --value-col."
    )

"""Calendars of less common frequencies: multiples of business days and of hours, and the
season a backtest scores a saved model's MASE with."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit import metrics
from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)


# --------------------------------------------------------------------------------------------
# Multiples of business days and of hours
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("freq", "season", "horizon"),
    [
        ("5B", 52, 13),  # a week of business days, as W: was 1 and 12
        ("10B", 26, 7),  # two weeks, as 2W: was 5 and 5
        ("20B", 13, 4),  # four weeks, as 4W: was 5 and 5
        ("10h", 12, 3),  # 12 steps are 5 days, the fewest whole days: was 24 and 24; a
        # horizon of 3 steps covers a day (cal7: it was the season, 12)
        ("16h", 3, 2),  # 2 days: was 24 (cal7: horizon 2, a day, was 3)
        ("36h", 2, 2),  # 3 days: was 24 (36 days)
        ("100min", 72, 15),  # 5 days: was 1 and 12 (cal7: horizon 15, a day, was 72)
        ("6W", 26, 3),  # 3 years: was 52 (6 years)
        ("8MS", 3, 2),  # 2 years: was 12 (8 years); cal7: horizon 2 (a year), was 3
        ("10MS", 6, 2),  # 5 years: was 12 (10 years); cal7: horizon 2 (a year), was 6
    ],
)
def test_a_multiple_has_the_fewest_steps_of_whole_seasons_of_its_longer_unit(
    freq: str, season: int, horizon: int
) -> None:
    index = pd.date_range("2020-01-06", periods=30, freq=freq)
    assert (D.season_length(index), D.default_horizon(index)) == (season, horizon)


@pytest.mark.parametrize(
    ("freq", "season", "horizon"),
    [
        ("B", 5, 5),
        # the horizon covers the week, the day or the year (cal7: it was the season)
        ("2B", 5, 3),  # 5 steps are two weeks: no fewer span whole weeks
        ("5h", 24, 5),  # 24 steps are 5 days: no fewer span whole days
        ("2D", 7, 4),
        ("3W", 52, 5),
        ("5ME", 12, 3),
        ("50min", 1, 12),  # whole days are 144 steps: more than 96
        ("7min", 1, 12),
    ],
)
def test_a_multiple_prime_to_its_season_keeps_the_season(
    freq: str, season: int, horizon: int
) -> None:
    index = pd.date_range("2020-01-06", periods=30, freq=freq)
    assert (D.season_length(index), D.default_horizon(index)) == (season, horizon)


@pytest.mark.parametrize(("start", "weeks"), [("2020-01-06", "W-MON"), ("2020-01-10", "W-FRI")])
def test_five_business_days_have_the_calendar_inputs_of_weeks(start: str, weeks: str) -> None:
    """Each step of ``5B`` is the next week's same weekday: the same dates as weeks, and now
    the same season (52) and calendar inputs, where they had none (a season of 1)."""
    index = pd.date_range(start, periods=60, freq="5B")
    other = pd.date_range(start, periods=60, freq=weeks)
    assert index.equals(other)
    mine = D.calendar_inputs(index, D.season_length(index))
    theirs = D.calendar_inputs(other, D.season_length(other))
    np.testing.assert_array_equal(mine.to_numpy(), theirs.to_numpy())


def test_weekly_data_as_5b_forecasts_a_quarter_with_a_season_of_52() -> None:
    """Mondays as ``5B`` (``pd.bdate_range(freq="5B")``) were fitted with no season and a
    12-step horizon, where the same Mondays as ``W-MON`` got 52 and 13."""
    index = pd.date_range("2020-01-06", periods=120, freq="5B")
    y = pd.Series(np.sin(np.arange(120.0)), index=index, name="y")
    config = ForecasterConfig(horizon=None, lookback=4, ensemble=1, epochs=1, interval=None)
    fitted = Forecaster(config).fit(y)
    assert (fitted.config.horizon, fitted.state_["m"]) == (13, 52)
    assert fitted.predict().index[:2].tolist() == [
        pd.Timestamp("2022-04-25"),
        pd.Timestamp("2022-05-02"),
    ]


def _as_older_code(monkeypatch: pytest.MonkeyPatch, y: pd.Series) -> Forecaster:
    """A model fitted as code before cal6 fitted ``5B`` data: no season, 12 steps ahead."""
    with monkeypatch.context() as patch:
        patch.setattr(D, "season_length", lambda index: 1)
        patch.setattr(D, "default_horizon", lambda index: 12)
        config = ForecasterConfig(horizon=None, lookback=4, ensemble=1, epochs=1, interval=None)
        return Forecaster(config).fit(y)


def test_a_model_saved_with_the_older_season_of_5b_forecasts_as_before(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    """Forecast and saved as code before cal6 did, with a look-back longer than 52 steps, where
    the window's level and the anchor would read the last 52 steps had the loaded model taken
    the season the frequency gives now. (The forecast compared with was made after the older
    code's season was restored, by the code under test: it could not fail.)"""
    index = pd.date_range("2020-01-06", periods=200, freq="5B")
    y = pd.Series(np.sin(np.arange(200.0)) + np.arange(200.0) / 20, index=index, name="y")
    with monkeypatch.context() as patch:
        patch.setattr(D, "season_length", lambda index: 1)
        patch.setattr(D, "default_horizon", lambda index: 12)
        config = ForecasterConfig(horizon=None, lookback=60, ensemble=1, epochs=1, interval=0.8)
        old = Forecaster(config).fit(y)
        before = old.predict()
        old.save(tmp_path)
    loaded = Forecaster.load(tmp_path)
    assert (loaded.config.horizon, loaded.state_["m"]) == (12, 1)
    pd.testing.assert_frame_equal(loaded.predict(), before)


# --------------------------------------------------------------------------------------------
# The season a backtest without retraining scores MASE with
# --------------------------------------------------------------------------------------------


def test_a_backtest_without_retraining_scores_mase_with_the_models_own_season(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A model fitted with no season on ``5B`` data (as before cal6) was scored with MASE at
    period 52, the season the frequency gives now, beside a seasonal naive of 52 steps."""
    index = pd.date_range("2020-01-06", periods=120, freq="5B")
    y = pd.Series(np.sin(np.arange(120.0)) + np.arange(120.0) / 10, index=index, name="y")
    old = _as_older_code(monkeypatch, y.iloc[:100])
    result = old.backtest(y, start=100, horizon=4, stride=4, retrain=False)
    table = result.forecasts
    expected = [
        metrics.mase(
            table.loc[table["origin"] == o, "y_true"],
            table.loc[table["origin"] == o, "forecast"],
            y.to_numpy()[: 100 + 4 * k],
            m=1,
        )
        for k, o in enumerate(dict.fromkeys(table["origin"]))
    ]
    assert result.summary["model"]["mase"] == pytest.approx(np.mean(expected), rel=1e-12)
    naive = table.loc[table["origin"] == table["origin"].iloc[0], "seasonal_naive"]
    assert naive.tolist() == [y.iloc[99]] * 4  # the last value: the seasonal naive of 1 step


# --------------------------------------------------------------------------------------------
# Business days beside daily covariates
# --------------------------------------------------------------------------------------------


def _business_days() -> pd.Series:
    index = pd.bdate_range("2024-01-01", periods=60)
    return pd.Series(np.sin(np.arange(60.0)), index=index, name="y")


def test_business_days_have_a_season_of_five_weekdays_in_their_calendar() -> None:
    """No weekend rows: the position in the season takes the five weekdays' values, Monday's
    again a week on."""
    y = _business_days()
    cal = D.calendar_inputs(y.index, D.season_length(y.index))
    assert list(cal.columns) == ["season sin", "season cos"]
    assert cal.round(12).drop_duplicates().shape[0] == 5
    np.testing.assert_array_equal(cal.iloc[:5].to_numpy(), cal.iloc[5:10].to_numpy())


def test_daily_covariates_beside_business_days_name_the_rows_between_the_steps() -> None:
    """They were refused as "must have the series' 60 points, got 82." alone."""
    y = _business_days()
    daily = pd.DataFrame({"price": np.arange(82.0)}, index=pd.date_range("2024-01-01", periods=82))
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(y, covariates=daily)
    assert str(err.value) == (
        "`covariates` must have the series' 60 points, got 82: 22 of them lie between the "
        "series' steps, at times its frequency (B; the covariates' is D) skips (2024-01-06 … "
        "2024-03-17); pass the "
        "covariates at the series' timestamps: covariates.loc[series.index]."
    )
    fitted = Forecaster(QUICK).fit(y, covariates=daily.loc[y.index])  # as advised
    assert fitted.predict().index.tolist() == [
        pd.Timestamp("2024-03-25"),
        pd.Timestamp("2024-03-26"),
    ]


def test_daily_covariates_past_the_end_of_business_days_name_both_kinds_of_rows() -> None:
    y = _business_days()
    daily = pd.DataFrame({"price": np.arange(84.0)}, index=pd.date_range("2024-01-01", periods=84))
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(y, covariates=daily)
    assert str(err.value).startswith(
        "`covariates` must have the series' 60 points, got 84: 22 of them lie between the "
        "series' steps, at times its frequency (B; the covariates' is D) skips (2024-01-06 … "
        "2024-03-17), and 2 of "
        "them come after the series' end (2024-03-23 … 2024-03-24). Covariates are past inputs"
    )
    assert str(err.value).endswith("at the series' timestamps: covariates.loc[series.index].")


def test_a_missing_weekday_of_business_days_is_refused_or_filled() -> None:
    """A holiday missing from a business-day series is a gap, as any other: refused with the
    date, or inserted and filled with ``fill``."""
    y = _business_days().drop(pd.Timestamp("2024-01-15"))
    with pytest.raises(ValueError) as err:
        D.to_frame(y, name="y")
    assert str(err.value) == (
        "timestamps in `y` must be regularly spaced (no gaps), got irregular steps before "
        "2024-01-16 (usual step: 1 business day); missing 2024-01-15; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take,"
        " to insert the missing timestamps and fill their values; 2024-01-15 is no business "
        "day here (a holiday?): the fill inserts it as a business day, values made up; to step "
        "over it, give the index business hours of one hour at midnight, whose days and "
        "holidays lstmkit keeps (a custom business day's it cannot: 'C' reads back without "
        "them): y.index = pd.DatetimeIndex(y.index.to_numpy(), freq=pd.offsets.CustomBusinessHour("
        "start='00:00', end='01:00', holidays=['2024-01-15'])), with season_length=5 for its "
        "week."
    )
    filled = D.to_frame(y, fill="ffill", name="y")
    assert (filled.index.freqstr, len(filled), filled.attrs["inserted"]) == ("B", 60, 1)
    assert filled.loc["2024-01-15", "y"] == y.loc["2024-01-12"]


# --------------------------------------------------------------------------------------------
# Quarters as text with a space after the year
# --------------------------------------------------------------------------------------------


def _quarters(formats: list[str], blank: int | None = None) -> pd.Series:
    stamps: list[object] = [
        formats[k % len(formats)].format(y=2018 + k // 4, q=k % 4 + 1) for k in range(24)
    ]
    if blank is not None:
        stamps[blank] = ""
    return pd.Series(np.arange(24.0) % 4, index=pd.Index(stamps, dtype=object), name="y")


def test_quarters_with_a_space_after_the_year_are_told_a_conversion_that_reads_them() -> None:
    """``pd.PeriodIndex(y.index, freq="Q")``, advised before, fails on "2018 Q2" (pandas'
    DateParseError), as on quarters that come first ("Q4 2018") among ones that do not."""
    y = _quarters(["{y}Q{q}", "{y} Q{q}", "{y}-Q{q}", "Q{q} {y}"], blank=5)
    with pytest.raises(ValueError) as err:
        D.to_frame(y, name="y")
    assert str(err.value) == (
        "`y` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of dates as "
        "strings ('2018Q1' … 'Q4 2023') with no date at position 5 (empty), which would be "
        "read as the positions 0 .. 23, without a calendar or a season; give it its date, or "
        "drop that row, then convert it: y.index = pd.PeriodIndex(y.index.str.replace("
        r'r"\s*(\d{4})?\W*[Qq]([1-4])\W*(\d{4})?\s*", r"\1\3Q\2", regex=True), freq="Q").'
    )
    y.index = y.index.where(y.index != "", "2019 Q2")  # its date
    y.index = pd.PeriodIndex(  # as advised
        y.index.str.replace(r"\s*(\d{4})?\W*[Qq]([1-4])\W*(\d{4})?\s*", r"\1\3Q\2", regex=True),
        freq="Q",
    )
    frame = D.to_frame(y, name="y")
    assert (frame.attrs["period"], D.season_length(frame.index)) == ("Q-DEC", 4)


@pytest.mark.parametrize(
    ("formats", "advice"),
    [
        (["{y} Q{q}"], r'y.index.str.replace(r"\s*(\d{4})?\W*'),
        (["{y}Q{q}", "{y}-q{q}"], 'pd.PeriodIndex(y.index, freq="Q").'),
        (["Q{q} {y}"], r'y.index.str.replace(r"\s*[Qq]([1-4])\W*(\d{4})\s*", r"\2Q\1"'),
    ],
)
def test_each_way_of_writing_quarters_is_told_a_conversion_that_reads_it(
    formats: list[str], advice: str
) -> None:
    y = _quarters(formats)
    with pytest.raises(ValueError) as err:
        D.to_frame(y, name="y")
    assert advice in str(err.value)
    code = str(err.value).split("y.index = ", 1)[1].removesuffix(".")
    y.index = eval(code, {"pd": pd, "y": y})  # the advice, run as given
    assert D.season_length(D.to_frame(y, name="y").index) == 4


# --------------------------------------------------------------------------------------------
# Weeks of business days read back from a file
# --------------------------------------------------------------------------------------------


def _weekdays(freq: str, start: str = "2020-01-06") -> pd.Series:
    index = pd.date_range(start, periods=40, freq=freq)
    return pd.Series(np.sin(np.arange(40.0)), index=index, name="y")


@pytest.mark.parametrize(("fitted", "given"), [("5B", "W-MON"), ("W-MON", "5B"), ("10B", "2W-MON")])
def test_weeks_as_5b_and_as_w_mon_are_one_frequency_for_a_newer_history(
    fitted: str, given: str
) -> None:
    """A model fitted on ``pd.date_range(freq="5B")`` refused the same Mondays read from a
    file (pandas infers W-MON) as "the training data's frequency (5B), got W-MON"."""
    model = Forecaster(QUICK).fit(_weekdays(fitted))
    same = model.predict(series=_weekdays(fitted))
    other = model.predict(series=_weekdays(given))
    np.testing.assert_array_equal(other.to_numpy(), same.to_numpy())
    assert other.index.tolist() == same.index.tolist()


def test_5b_on_another_weekday_than_w_mon_stays_another_frequency() -> None:
    model = Forecaster(QUICK).fit(_weekdays("W-MON"))
    with pytest.raises(ValueError) as err:
        model.predict(series=_weekdays("5B", start="2020-01-07"))
    assert str(err.value) == (
        "`series` must have the training data's frequency (W-MON), got 5B on Tuesdays."
    )

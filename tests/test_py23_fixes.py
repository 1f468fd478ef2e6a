"""Fixes of py23 (a walk through README's "From Python" and "By hand"): a forecast at the
positions predict gives after a history indexed by text is drawn, its ticks named by the
labels; lstmkit.data.future_index after text, periods and dates as text; Tokyo's business days
with a Saturday working day, written in UTC, told their zone before the gap."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D
from lstmkit.forecast import plot_forecast

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}
WEEKS = pd.Series(
    np.sin(np.arange(24) / 3) * 10 + 50, index=[f"w{i:02d}" for i in range(24)], name="load"
)

# --- future_index ----------------------------------------------------------------------------


def test_future_index_after_text_gives_the_positions_predict_gives():
    # ValueError: invalid literal for int() with base 10: 'w23'
    fc = Forecaster(horizon=3, **QUICK).fit(WEEKS)
    steps = D.future_index(WEEKS.index, 3)
    assert repr(steps) == "RangeIndex(start=24, stop=27, step=1)"
    assert steps.equals(fc.predict(3).index)
    named = D.future_index(pd.CategoricalIndex(["a", "b"], name="k"), 2)
    assert repr(named) == "RangeIndex(start=2, stop=4, step=1, name='k')"


def test_future_index_after_periods_gives_the_next_periods():
    # TypeError: int() argument must be ... not 'Period'
    months = pd.period_range("2020-01", periods=3, freq="M", name="month")
    assert list(D.future_index(months, 2).astype(str)) == ["2020-04", "2020-05"]
    assert D.future_index(months, 2).name == "month"


def test_future_index_refuses_dates_as_text_and_no_index():
    with pytest.raises(ValueError) as error:
        D.future_index(pd.Index(["2020-01-01", "2020-02-01"]), 2)
    assert str(error.value) == (
        "`index` must be a DatetimeIndex (or a PeriodIndex) for dates, got an index of strings "
        "('2020-01-01' … '2020-02-01'), whose steps have no calendar; convert it first: "
        "pd.to_datetime(index), or pd.read_csv(..., index_col=..., parse_dates=True)."
    )
    with pytest.raises(TypeError, match=r"^`index` must be a pandas Index, got list\.$"):
        D.future_index([1, 2], 2)


# --- plot_forecast: predict's positions after a history indexed by text ----------------------


def _xs(fig):
    return [[int(x) for x in line.get_xdata()] for line in fig.axes[0].lines]


def test_plot_forecast_draws_predict_s_positions_after_a_text_history():
    # refused: "`forecast` must be indexed as `history` is, by text, got a RangeIndex ..."
    fc = Forecaster(horizon=3, interval=None, **QUICK).fit(WEEKS[:-3])
    pred = fc.predict(3)
    fig = plot_forecast(WEEKS[:-3], pred, WEEKS[-3:])
    history, truth, forecast = _xs(fig)
    assert (history[0], history[-1], truth, forecast) == (0, 20, [20, 21, 22, 23], [21, 22, 23])
    name = fig.axes[0].xaxis.get_major_formatter()
    # the history's labels, the truth's after them, then steps past the last label
    assert [name(x, 0) for x in (0, 20, 21, 23, 25, 2.5, -1)] == [
        "w00",
        "w20",
        "w21",
        "w23",
        "w23 +2",
        "",
        "",
    ]
    # no truth: the steps after the history's last label
    fig = plot_forecast(WEEKS[:-3], pred)
    assert fig.axes[0].xaxis.get_major_formatter()(22, 0) == "w20 +2"


def test_plot_forecast_refuses_a_text_truth_among_the_history_s_labels():
    pred = pd.DataFrame({"forecast": [1.0, 2.0]}, index=pd.RangeIndex(24, 26))
    with pytest.raises(TypeError) as error:
        plot_forecast(WEEKS, pred, WEEKS[-2:])
    assert str(error.value) == (
        "`truth` must continue `history` where `forecast` does (positions 24 to 25, predict's "
        "after a history indexed by text), got labels among the history's ('w22', 'w23'); "
        "give the values after the history alone (truth.to_numpy()), drawn at the forecast's "
        "first steps."
    )
    assert _xs(plot_forecast(WEEKS, pred, WEEKS[-2:].to_numpy()))[1] == [23, 24, 25]


def test_plot_forecast_still_refuses_positions_that_do_not_continue_a_text_history():
    pred = pd.DataFrame({"forecast": [1.0, 2.0]}, index=pd.RangeIndex(20, 22))
    with pytest.raises(TypeError) as error:
        plot_forecast(WEEKS, pred)
    assert str(error.value) == (
        "`forecast` must be indexed as `history` is, by text, got a RangeIndex (positions) "
        "beside `history`'s Index (text): drawn on one axis, text has no place among "
        "positions but those that continue the history, 24 onward, as predict's after it; "
        "give `history` its values alone (history.to_numpy()), drawn at the positions before "
        "the forecast's."
    )


# --- Tokyo's business days in UTC with a Saturday worked --------------------------------------


def _tokyo_business_days_and_a_saturday(*holidays: int) -> pd.Series:
    days = pd.date_range("2021-01-04", periods=60, freq="B", tz="Asia/Tokyo")
    days = days.append(pd.DatetimeIndex([pd.Timestamp("2021-01-16", tz="Asia/Tokyo")]))
    days = days.sort_values().tz_convert("UTC")
    series = pd.Series(np.arange(61.0) + 10, index=pd.DatetimeIndex(days, freq=None))
    return series.drop(series.index[list(holidays)])


ZONE_FIRST = (
    "timestamps in `series` must be regularly spaced (no gaps), got business days of a time "
    "zone at UTC+09:00 written in UTC: at 15:00 on the day before each in UTC, Sundays to "
    "Thursdays and 1 Friday (2021-01-03 15:00:00+00:00 first, for 2021-01-04), whose steps are "
    "irregular there and no filled day mends. Read them on their zone's clock, where they are "
    "'B' steps but for {off}: series.index = series.index.tz_convert('+09:00') (or the zone's "
    "name)."
)


@pytest.mark.parametrize("fill", [None, "ffill"])
def test_tokyo_business_days_in_utc_with_a_saturday_worked_are_told_their_zone(fill):
    # told "irregular steps before 2021-01-10 15:00:00+00:00, ... pass fill='ffill', ...",
    # and fill="ffill" made a daily series of them, their zone's weekends made up
    with pytest.raises(ValueError) as error:
        D.to_frame(_tokyo_business_days_and_a_saturday(), fill=fill)
    assert str(error.value) == ZONE_FIRST.format(
        off="1 weekend day among them (2021-01-16, a Saturday)"
    )
    with pytest.raises(ValueError) as error:  # and a holiday, 2021-01-19
        D.to_frame(_tokyo_business_days_and_a_saturday(12), fill=fill)
    assert str(error.value) == ZONE_FIRST.format(
        off="1 day missing (2021-01-19) and 1 weekend day among them (2021-01-16, a Saturday)"
    )

"""Review of py23: a truth at positions among a text history's was drawn over its first
labels, and that figure did not pickle; a dated truth beside one was told of a RangeIndex it
never had; a history of digits as text was told predict's steps were 24 onward (1973);
future_index after whole floats or digits as text gave positions where predict gives the
integers, and took any ``horizon`` (-1: an empty index; None: pandas' "unsupported
operand")."""

import pickle

import matplotlib.pyplot as plt
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
AHEAD = pd.DataFrame({"forecast": [50.0, 51.0]}, index=pd.RangeIndex(24, 26))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_plot_forecast_refuses_a_truth_at_positions_among_a_text_history_s():
    # drawn at w00 and w01, the history's first labels, where it was refused before py23
    truth = pd.Series([1.0, 2.0], index=pd.RangeIndex(0, 2))
    with pytest.raises(TypeError) as err:
        plot_forecast(WEEKS, AHEAD, truth=truth)
    assert str(err.value) == (
        "`truth` must be indexed as `history` is, by text, got a RangeIndex (positions) beside "
        "`history`'s Index (text): drawn on one axis, text has no place among positions but "
        "those that continue the history, 24 onward, as predict's after it; give its values "
        "alone (truth.to_numpy()), drawn at the forecast's first steps."
    )
    # where the forecast's are, it is drawn there
    at = pd.Series([1.0, 2.0], index=pd.RangeIndex(24, 26))
    line = plot_forecast(WEEKS, AHEAD, truth=at).axes[0].lines[-1]
    assert list(line.get_xdata()) == [24, 25]


def test_a_forecast_figure_after_a_text_history_pickles_with_its_labels():
    # its tick formatter was a function defined inside _label_positions: "Can't pickle local
    # object '_label_positions.<locals>.name'"
    fig = plot_forecast(WEEKS, AHEAD)
    again = pickle.loads(pickle.dumps(fig))
    again.draw_without_rendering()
    ticks = [t.get_text() for t in again.axes[0].get_xticklabels()]
    assert ticks == ["", "w00", "w04", "w08", "w12", "w16", "w20", "w23 +1", "w23 +5"]


def test_plot_forecast_names_a_text_history_beside_a_dated_truth_as_given():
    # said "by positions ... beside `history`'s RangeIndex (positions)": the one it was turned to
    truth = pd.Series([1.0, 2.0], index=pd.date_range("2020-01-01", periods=2))
    with pytest.raises(TypeError) as err:
        plot_forecast(WEEKS, AHEAD, truth=truth)
    assert str(err.value) == (
        "`truth` must be indexed as `history` is, by text, got a DatetimeIndex (timestamps) "
        "beside `history`'s Index (text): drawn on one axis, text has no place among "
        "timestamps; give `history` by its timestamps, or its values alone "
        "(history.to_numpy()), drawn at the steps before the forecast's."
    )


@pytest.mark.parametrize(
    "index",
    [pd.Index(np.arange(1949.0, 1973.0)), pd.Index([str(y) for y in range(1949, 1973)])],
    ids=["floats", "digits"],
)
def test_future_index_after_whole_numbers_gives_what_predict_gives(index):
    # RangeIndex(start=24, stop=26, step=1), where predict gave 1973 and 1974
    series = WEEKS.set_axis(index)
    steps = D.future_index(index, 2)
    assert repr(steps) == "RangeIndex(start=1973, stop=1975, step=1)"
    assert steps.equals(Forecaster(horizon=2, **QUICK).fit(series).predict(2).index)


def test_future_index_checks_the_horizon():
    text = pd.Index(["a", "b", "c"])
    # RangeIndex(start=3, stop=1, step=1): no error, no steps
    with pytest.raises(ValueError) as err:
        D.future_index(text, -2)
    assert str(err.value) == "`horizon` must be an integer >= 0, got -2."
    # "unsupported operand type(s) for +: 'int' and 'NoneType'"
    with pytest.raises(TypeError) as err:
        D.future_index(text, None)
    assert str(err.value) == "`horizon` must be an integer >= 0, got None."
    # "Of the three parameters: start, end, and periods, exactly two must be specified"
    with pytest.raises(TypeError) as err:
        D.future_index(pd.period_range("2020-01", periods=3, freq="M"), None)
    assert str(err.value) == "`horizon` must be an integer >= 0, got None."
    assert repr(D.future_index(text, np.int64(2))) == "RangeIndex(start=3, stop=5, step=1)"
    assert len(D.future_index(text, 0)) == 0


def test_plot_forecast_draws_predict_s_steps_after_digits_as_text():
    # "... text has no place among positions but those that continue the history, 24 onward,
    # as predict's after it", where predict's began at 1973: fit reads "1949" as 1949
    years = WEEKS.set_axis([str(y) for y in range(1949, 1973)])
    forecast = Forecaster(horizon=2, **QUICK).fit(years).predict(2)
    assert repr(forecast.index) == "RangeIndex(start=1973, stop=1975, step=1)"
    ax = plot_forecast(years, forecast).axes[0]
    assert [list(line.get_xdata()[[0, -1]]) for line in ax.lines[:2]] == [
        [1949, 1972],
        [1973, 1974],
    ]

"""Fixes of revfc22, the review of fc22: plot_forecast reads what an index holds from its
values (an object index of ints is positions, a categorical one holds its categories' kind),
and the line naming a baseline that beats the model never shows two equal RMSEs."""

import pandas as pd
import pytest

from lstmkit.forecast import plot_forecast

TEXT = pd.Series([1.0, 2.0, 3.0, 4.0], index=["a", "b", "c", "d"])


def _xs(fig):
    return [[str(x) for x in line.get_xdata()] for line in fig.axes[0].lines]


def test_plot_forecast_draws_an_object_index_of_whole_numbers_as_positions():
    # "got an Index (text) beside `history`'s RangeIndex (positions)": drawn before fc22
    forecast = pd.DataFrame({"forecast": [5.0, 6.0]}, index=pd.Index([4, 5], dtype=object))
    fig = plot_forecast(TEXT.reset_index(drop=True), forecast)
    assert _xs(fig) == [["0", "1", "2", "3"], ["4", "5"]]


def test_plot_forecast_draws_a_categorical_index_of_text_beside_text():
    # "got a CategoricalIndex (category) beside `history`'s Index (text): ... text has no
    # place among positions", where neither held positions
    forecast = pd.DataFrame({"forecast": [5.0, 6.0]}, index=pd.CategoricalIndex(["e", "f"]))
    fig = plot_forecast(TEXT, forecast)
    assert _xs(fig) == [["a", "b", "c", "d"], ["e", "f"]]


def test_plot_forecast_refuses_positions_beside_a_categorical_history_as_beside_text():
    # drawn before, the forecast at 0 and 1 over the categories 'a' and 'b'
    history = TEXT.set_axis(pd.CategoricalIndex(list("abcd")))
    with pytest.raises(TypeError) as error:
        plot_forecast(history, pd.DataFrame({"forecast": [5.0, 6.0]}))
    assert str(error.value) == (
        "`forecast` must be indexed as `history` is, by text, got a RangeIndex (positions) "
        "beside `history`'s CategoricalIndex (text): drawn on one axis, text has no place "
        "among positions but those that continue the history, 4 onward, as predict's after "
        "it; give `history` its values alone (history.to_numpy()), drawn at the "
        "positions before the forecast's."
    )


# --- the line naming a baseline that beats the model ------------------------------------------


@pytest.mark.parametrize(
    ("model", "naive", "said"),
    [
        (1.2349, 1.2345, "1.234 against 1.235"),  # fc22 printed "1.23 against 1.23"
        (0.45678, 0.45671, "0.4567 against 0.4568"),  # "0.457 against 0.457"
        (20668.424, 20668.421, "20668.421 against 20668.424"),  # "20668.42 against 20668.42"
        (25863.94, 20668.42, "20668.42 against 25863.94"),  # apart in the table's format: kept
    ],
)
def test_a_beating_baseline_s_line_tells_apart_what_the_table_rounds_alike(
    model, naive, said, capsys
):
    from lstmkit.cli._forecast_run import _beaten

    table = {"model": {"rmse": model, "mae": model}, "naive": {"rmse": naive, "mae": naive}}
    _beaten(table, "on the holdout")
    assert capsys.readouterr().out == f"(naive beats the model on the holdout: RMSE {said})\n"

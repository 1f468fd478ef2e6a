"""What the review of walk34c's figures and pages found (the README's "Explanations" →
"Command line"), each pinned by the test that found it."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lstmkit.cli import main
from lstmkit.explain import explain_forecast
from lstmkit.explain.render import plot_lags
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 2, "calendar": False}


def test_the_top_contributions_name_a_word_read_as_unknown(classifier_dir, capsys) -> None:
    # "lifeless +0.0528" in the top list read as the word's own relevance, while the model
    # read <unk> there; only a line further down named the word
    assert main(["explain", str(classifier_dir), "--text", "a lifeless film <unk>"]) == 0
    lines = capsys.readouterr().out.splitlines()
    top = lines[lines.index("top 4 contributions:") + 1 : lines.index("top 4 contributions:") + 5]
    words = sorted(line.split()[1:-1] for line in top)
    assert words == [["<unk>"], ["a"], ["film"], ["lifeless", "(<unk>)"]]
    assert lines[-1] == "not in the vocabulary (read as <unk>): lifeless <unk>"
    # the column stays aligned: each value starts at the same column
    assert len({line.rindex(" ") for line in top}) == 1


def test_the_json_record_of_an_unknown_word_is_unchanged(classifier_dir, capsys) -> None:
    import json

    assert main(["explain", str(classifier_dir), "--text", "a lifeless film", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["tokens"] == ["a", "lifeless", "film"]
    assert record["unknown"] == ["lifeless"]


@pytest.fixture(scope="module")
def weekly() -> Forecaster:
    """A tiny Forecaster on 40 weekly points of sales and a price covariate."""
    index = pd.date_range("2024-01-07", periods=40, freq="W-SUN")
    frame = pd.DataFrame(
        {"sales": 100 + np.sin(np.arange(40) / 3) * 10, "price": np.cos(np.arange(40) / 5)},
        index=index,
    )
    return Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(frame)


def _dates_drawn(fig: matplotlib.figure.Figure) -> list[str]:
    FigureCanvasAgg(fig).draw()
    (dates,) = fig.axes[0].child_axes
    return [t.get_text() for t in dates.get_xticklabels() if t.get_text()]


def test_a_forecasts_relevance_figure_names_the_windows_dates(weekly) -> None:
    # the x axis ran -4 ... -1 (−lag) alone: a stakeholder had to count weeks back from the
    # title's forecast date to tell which week was relevant
    ex = explain_forecast(weekly)
    assert ex.index == ["2024-09-15", "2024-09-22", "2024-09-29", "2024-10-06"]
    fig = ex.plot()
    # as it was (pinned elsewhere): the origin's date is the dates' last
    assert fig.axes[1].get_xlabel() == "−lag (−1: the window's last step, the forecast origin)"
    assert _dates_drawn(fig) == ex.index  # 4 lags: each named, the first to the origin
    assert fig.axes[0].child_axes[0].get_xticks().tolist() == [-4, -3, -2, -1]
    # the lags' axis, which relevance.csv counts in, is as it was
    low, high = fig.axes[1].get_xlim()
    labels = [
        t.get_text() for t in fig.axes[1].get_xticklabels() if low <= t.get_position()[0] <= high
    ]
    assert labels == ["−4", "−3", "−2", "−1"]


def test_a_long_window_names_four_of_its_dates_and_an_intraday_one_three() -> None:
    fig = plot_lags(np.arange(36.0), np.ones(36), dates=[f"d{k:02d}" for k in range(36)])
    assert _dates_drawn(fig) == ["d00", "d12", "d23", "d35"]
    stamps = [f"2024-01-01 {k:02d}:00:00" for k in range(10)]
    fig = plot_lags(np.arange(10.0), np.ones(10), dates=stamps, forecast=True)
    assert _dates_drawn(fig) == [stamps[0], stamps[4], stamps[9]]


def test_a_series_without_dates_gets_none_drawn() -> None:
    sales = pd.Series(100 + np.sin(np.arange(40) / 3) * 10, name="sales")
    ex = explain_forecast(Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(sales))
    fig = ex.plot()
    assert fig.axes[0].child_axes == []
    assert fig.axes[1].get_xlabel() == "−lag (−1: the window's last step, the forecast origin)"


@pytest.mark.parametrize(
    ("dates", "error", "message"),
    [
        ("2024", TypeError, "`dates` must be the window's time labels, one per step, got str "),
        (5, TypeError, "`dates` must be the window's time labels, one per step, got int 5."),
        (["a"], ValueError, "`dates` must name each of the L = 2 steps of `window`, got 1 labels."),
    ],
)
def test_plot_lags_refuses_dates_it_cannot_draw(dates, error, message) -> None:
    with pytest.raises(error) as info:
        plot_lags([1.0, 2.0], [0.5, 0.1], dates=dates)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_a_bars_words_sit_each_on_its_side_of_the_zero_line(sign) -> None:
    # at the axis's foot, "lowers the forecast" sat level with 0 where no bar was negative,
    # as if a bar of 0 lowered the forecast (and "raises" level with 0 where none was positive)
    ends = ("lowers the\nforecast", "raises the\nforecast")
    fig = plot_lags(np.arange(6.0), sign * np.linspace(0.1, 1, 6), ends=ends, forecast=True)
    FigureCanvasAgg(fig).draw()
    bottom = fig.axes[1]
    zero = bottom.transData.transform((0, 0))[1]
    raises, lowers = bottom.texts
    assert (raises.get_text(), lowers.get_text()) == ends[::-1]
    renderer = fig.canvas.get_renderer()
    assert raises.get_window_extent(renderer).y0 > zero > lowers.get_window_extent(renderer).y1


@pytest.mark.parametrize(
    ("unknown", "message"),
    [
        (5, "`unknown` must be a sequence of tokens, got int 5."),
        (2.5, "`unknown` must be a sequence of tokens, got float 2.5."),
    ],
)
def test_to_html_refuses_unknown_words_that_are_no_sequence_by_name(unknown, message) -> None:
    # Python's "'int' object is not iterable" named no argument
    from lstmkit.explain.render import to_html

    with pytest.raises(TypeError) as info:
        to_html(["a", "b"], [0.5, -0.5], unknown=unknown)
    assert str(info.value) == message


def test_to_html_reads_unknown_words_once() -> None:
    # an iterator's words were underlined in the text, and the note under it named none
    # ("...underlined): ; their colour ..."); None marks none, as () does
    from lstmkit.explain.render import to_html

    page = to_html(["a", "lifeless"], [0.5, -0.5], unknown=iter(["lifeless"]))
    assert page.count('class="tok unk"') == 1
    assert "underlined): lifeless; their colour" in page
    assert to_html(["a", "b"], [0.5, -0.5], unknown=None) == to_html(["a", "b"], [0.5, -0.5])


def test_text_predicts_relevance_names_a_word_read_as_unknown(classifier_dir, capsys) -> None:
    # `lstmkit text predict --explain` listed "lifeless +0.053" as the explain command's top
    # contributions did
    assert main(["text", "predict", str(classifier_dir), "a lifeless film", "--explain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("LRP relevance for")))
    words = [line.rsplit(" ", 1)[0].strip() for line in lines[start + 1 : start + 4]]
    assert words == ["a", "lifeless (<unk>)", "film"]

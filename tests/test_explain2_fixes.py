"""Fixes of the explain2 pass: a plot's ``title=`` and the names lstmkit's commands draw go
through ``lstmkit._figures.drawable``, so the characters no font has come in one warning (they
gave one matplotlib warning per character and figure)."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

ADVICE = (
    "To draw them, put a font that has them first in matplotlib.rcParams['font.sans-serif'] "
    "(for Chinese, Japanese or Korean, 'Noto Sans CJK JP', say); for lstmkit's commands, in a "
    "file named matplotlibrc in the folder they run in: 'font.sans-serif: Noto Sans CJK JP, "
    "DejaVu Sans'."
)
DEJAVU = {"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}


def _only_warning(draw) -> str:
    """The one warning ``draw()`` gives (the figure saved), with DejaVu Sans alone."""
    with matplotlib.rc_context(DEJAVU), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw()
    assert [w.filename for w in caught] == [__file__]  # one, at the caller's line
    return str(caught[0].message)


def test_plot_forecast_names_its_title_and_the_series_name_in_one_warning(
    tmp_path: Path,
) -> None:
    from lstmkit.forecast import plot_forecast

    index = pd.date_range("2000-01-01", periods=12, freq="MS")
    history = pd.Series(np.arange(12.0), index=index, name="銷量")
    forecast = pd.DataFrame(
        {"forecast": [12.0, 13.0]}, index=pd.date_range("2001-01-01", periods=2, freq="MS")
    )
    fig = None

    def draw() -> None:
        nonlocal fig
        fig = plot_forecast(history, forecast, title="電力 $x$", path=tmp_path / "f.png")

    assert _only_warning(draw) == (
        "`title` and `history`'s name hold 4 characters that no font matplotlib draws with "
        f"has ('電', '力', '銷', '量'): drawn as escapes (\\u96fb). {ADVICE}"
    )
    assert fig.axes[0].get_title() == "\\u96fb\\u529b $x$"  # mathtext left to the caller
    assert fig.axes[0].get_ylabel() == "\\u92b7\\u91cf"


def test_plot_history_title_warns_once(tmp_path: Path) -> None:
    from lstmkit.train import History, plot_history

    h = History(train_loss=[1.0, 0.5], val_loss=[1.1, 0.7], best_epoch=1)
    assert _only_warning(lambda: plot_history(h, title="電力", path=tmp_path / "h.png")) == (
        "`title` holds 2 characters that no font matplotlib draws with has ('電', '力'): "
        f"drawn as escapes (\\u96fb). {ADVICE}"
    )


def test_plot_gates_names_title_and_labels_in_one_warning(tmp_path: Path) -> None:
    import torch

    from lstmkit import trace
    from lstmkit.explain.gates import plot_cell_states, plot_gates
    from lstmkit.nn import LSTM

    layer = LSTM(2, 3)
    with trace(layer) as tr:
        layer(torch.ones(2, 1, 2))
    entry = tr[next(iter(tr))]
    for plot in (plot_gates, plot_cell_states):
        message = _only_warning(
            lambda plot=plot: plot(entry, labels=["電", "a"], title="電影", path=tmp_path / "g.png")
        )
        assert message == (
            "`title` and `labels` hold 2 characters that no font matplotlib draws with has "
            f"('電', '影'): drawn as escapes (\\u96fb). {ADVICE}"
        )
        assert _only_warning(
            lambda plot=plot: plot(entry, title="影", path=tmp_path / "g.png")
        ).startswith("`title` holds 1 character that no font matplotlib draws with has ('影')")


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
def test_forecast_cli_names_the_file_and_column_in_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # forecast.png and training.png gave one "Glyph ... missing from font(s)" per character each
    index = pd.period_range("2000-01", periods=30, freq="M").astype(str)
    csv = tmp_path / "電力.csv"
    pd.DataFrame({"月": index, "電量": np.arange(30.0)}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "月", "--value-col", "電量"]
    argv += ["--horizon", "2", "--epochs", "1", "--ensemble", "1", "--lookback", "4"]
    with matplotlib.rc_context(DEJAVU):
        assert main([*argv, "--out", str(tmp_path / "out"), "--json"]) == 0
    assert capsys.readouterr().err == (
        "warning: the --csv file's name and the target column's name hold 3 characters that "
        "no font matplotlib draws with has ('電', '力', '量'): drawn as escapes (\\u96fb). "
        f"{ADVICE}\n"
    )


def test_a_forecast_explanation_names_its_title_with_the_column_names(tmp_path: Path) -> None:
    from lstmkit import Forecaster
    from lstmkit.explain.forecast import explain_forecast

    index = pd.date_range("2000-01-01", periods=30, freq="MS")
    frame = pd.DataFrame({"銷量": np.arange(30.0)}, index=index)
    ex = explain_forecast(Forecaster(horizon=2, lookback=4, epochs=1, seed=0).fit(frame))
    assert _only_warning(lambda: ex.plot(tmp_path / "r.png", title="電力")) == (
        "`title` and the column names hold 4 characters that no font matplotlib draws with "
        f"has ('電', '力', '銷', '量'): drawn as escapes (\\u96fb). {ADVICE}"
    )


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
def test_text_train_names_the_csv_file_in_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "評論.csv"
    rows = [
        f"the film was {w} {k},{label}"
        for k in range(5)
        for w, label in (("good", "up"), ("bad", "down"))
    ]
    csv.write_text("review,rating\n" + "\n".join(rows) + "\n", encoding="utf-8")
    argv = ["text", "train", "--csv", str(csv), "--text-col", "review", "--label-col", "rating"]
    with matplotlib.rc_context(DEJAVU):
        assert main([*argv, "--epochs", "1", "--out", str(tmp_path / "out"), "--json"]) == 0
    assert capsys.readouterr().err == (
        "warning: the --csv file's name holds 2 characters that no font matplotlib draws "
        f"with has ('評', '論'): drawn as escapes (\\u8a55). {ADVICE}\n"
    )


def test_a_backtest_plot_names_its_title_and_the_series_name_in_one_warning(
    tmp_path: Path,
) -> None:
    from lstmkit.backtest import BacktestResult

    index = pd.date_range("2000-01-01", periods=12, freq="MS")
    forecasts = pd.DataFrame(
        {
            "origin": index[[10, 10]],
            "cutoff": index[[9, 9]],
            "timestamp": index[[10, 11]],
            "step": [1, 2],
            "y_true": [10.0, 11.0],
            "forecast": [10.5, 11.5],
        }
    )
    series = pd.Series(np.arange(12.0), index, name="銷量")
    metrics = pd.DataFrame({"method": ["model"]})
    result = BacktestResult(forecasts, metrics, {"model": {"rmse": 0.5}}, series=series)
    fig = None

    def draw() -> None:
        nonlocal fig
        fig = result.plot(baseline=None, title="電力", path=tmp_path / "b.png")

    assert _only_warning(draw) == (
        "`title` and the series' name hold 4 characters that no font matplotlib draws with "
        f"has ('電', '力', '銷', '量'): drawn as escapes (\\u96fb). {ADVICE}"
    )
    assert fig.axes[0].get_ylabel() == "\\u92b7\\u91cf"


def test_plot_forecast_into_a_labelled_axes_warns_of_the_title_alone(tmp_path: Path) -> None:
    # the series' name is not drawn where the caller's axes has its own label
    from lstmkit._figures import new_figure
    from lstmkit.forecast import plot_forecast

    index = pd.date_range("2000-01-01", periods=12, freq="MS")
    history = pd.Series(np.arange(12.0), index=index, name="銷量")
    forecast = pd.DataFrame({"forecast": [12.0]}, index=pd.date_range("2001-01-01", periods=1))
    ax = new_figure().subplots()
    ax.set_ylabel("units")

    def draw() -> None:
        plot_forecast(history, forecast, title="電", ax=ax).savefig(tmp_path / "f.png")

    assert _only_warning(draw).startswith("`title` holds 1 character that no font")
    assert ax.get_ylabel() == "units"


def test_a_titles_mathtext_is_left_to_matplotlib(tmp_path: Path) -> None:
    # an escape between two $ failed the figure: "ParseFatalException: Unknown symbol: \u"
    from lstmkit.train import History, plot_history

    h = History(train_loss=[1.0, 0.5], val_loss=[1.1, 0.7], best_epoch=1)
    fig = None

    def draw() -> None:
        nonlocal fig
        fig = plot_history(h, title="$電_t$ 力 \\$5", path=tmp_path / "m.png")

    with matplotlib.rc_context(DEJAVU), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        draw()
    ours = [str(w.message) for w in caught if w.filename == __file__]
    assert len(ours) == 1
    assert ours[0].startswith("`title` holds 1 character that no font matplotlib")
    # matplotlib before 3.8 warns itself of the glyph inside the mathtext (later ones log it)
    assert all("Glyph 38651 (" in str(w.message) for w in caught if w.filename != __file__)
    assert fig.axes[0].get_title() == "$電_t$ \\u529b \\$5"


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
def test_text_train_lm_names_the_corpus_in_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "詩.txt"
    corpus.write_text("to be or not to be that is the question " * 200, encoding="utf-8")
    argv = ["text", "train-lm", "--file", str(corpus), "--max-steps", "2", "--hidden-size", "4"]
    with matplotlib.rc_context(DEJAVU):
        assert main([*argv, "--out", str(tmp_path / "out"), "--json"]) == 0
    assert capsys.readouterr().err == (
        "warning: the corpus' name (--corpus, or the name of --file) holds 1 character that "
        f"no font matplotlib draws with has ('詩'): drawn as escapes (\\u8a69). {ADVICE}\n"
    )

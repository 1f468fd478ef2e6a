"""Every plotting function's ``path=``: missing folders are made, bad paths refused up front."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
import torch
from matplotlib.backend_bases import FigureCanvasBase

import lstmkit
from lstmkit._figures import figure_file
from lstmkit.data import load_dataset
from lstmkit.explain.forecast import ForecastExplanation
from lstmkit.explain.gates import plot_cell_states, plot_gates, plot_saturation, saturation
from lstmkit.explain.render import plot_lags
from lstmkit.forecast import Forecaster, ForecasterConfig, plot_forecast
from lstmkit.train import History, plot_checks, plot_history

AIR = load_dataset("airline")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    config = ForecasterConfig(horizon=3, hidden_size=4, epochs=2, ensemble=1, batch_size=32)
    return Forecaster(config).fit(AIR[:-6])


@pytest.fixture(scope="module")
def gate_trace() -> dict:
    torch.manual_seed(0)
    rnn = lstmkit.LSTM(2, 3, batch_first=True)
    with lstmkit.trace(rnn) as tr:
        rnn(torch.randn(1, 5, 2))
    return tr


def _plotters(fitted: Forecaster, gate_trace: dict, **kw) -> dict:
    """name -> a call ``draw(path)`` of each plotting function with ``path=`` (and ``kw``)."""
    history = History(train_loss=[1.0, 0.5], val_loss=[1.2, 0.9], best_epoch=1)
    entry = next(iter(gate_trace.values()))
    pred = fitted.predict()
    backtest = fitted.backtest(AIR, start=-3, retrain=False, statistical_baselines=False)
    explained = ForecastExplanation(
        per_lag=torch.tensor([0.1, -0.2, 0.3]).numpy(), per_feature=None, features=["y"],
        window=torch.tensor([1.0, 2.0, 3.0]).numpy(), index=["1", "2", "3"], score=0.2, step=0,
        method="lrp",
    )  # fmt: skip
    return {
        "plot_history": lambda path: plot_history(history, path=path, **kw),
        "History.plot": lambda path: history.plot(path, **kw),
        "plot_checks": lambda path: plot_checks(
            [[(1, 0.5), (2, 0.7)]], ylabel="acc", higher_is_better=True, path=path, **kw
        ),
        "plot_forecast": lambda path: plot_forecast(AIR[:-6], pred, path=path, **kw),
        "Forecaster.plot_training": lambda path: fitted.plot_training(path, **kw),
        "BacktestResult.plot": lambda path: backtest.plot(path, **kw),
        "ForecastExplanation.plot": lambda path: explained.plot(path, **kw),
        "plot_lags": lambda path: plot_lags([1.0, 2.0, 3.0], [0.1, -0.2, 0.3], path=path, **kw),
        "plot_saturation": lambda path: plot_saturation(saturation(gate_trace), path=path, **kw),
        "plot_gates": lambda path: plot_gates(entry, path=path, **kw),
        "GateTrace.plot": lambda path: entry.plot(path=path, **kw),
        "plot_cell_states": lambda path: plot_cell_states(entry, path=path, **kw),
    }


PLOTTERS = [
    "plot_history",
    "History.plot",
    "plot_checks",
    "plot_forecast",
    "Forecaster.plot_training",
    "BacktestResult.plot",
    "ForecastExplanation.plot",
    "plot_lags",
    "plot_saturation",
    "plot_gates",
    "GateTrace.plot",
    "plot_cell_states",
]


@pytest.mark.parametrize("name", PLOTTERS)
def test_each_plot_creates_missing_folders_and_refuses_bad_paths_first(
    name, fitted, gate_trace, tmp_path, monkeypatch
):
    draw = _plotters(fitted, gate_trace)[name]
    # It failed with matplotlib's FileNotFoundError, though Forecaster.save makes its folder.
    fig = draw(tmp_path / "runs" / "new" / "plot.png")
    assert (tmp_path / "runs" / "new" / "plot.png").read_bytes()[:8] == PNG
    assert fig.axes  # still returns the Figure it drew
    draw(str(tmp_path / "as-str" / "plot.SVG"))  # a str, a suffix in capitals
    assert (tmp_path / "as-str" / "plot.SVG").read_bytes().lstrip().startswith(b"<?xml")

    drawn = []
    monkeypatch.setattr("matplotlib.figure.Figure.subplots", lambda *a, **k: drawn.append(a))
    with pytest.raises(ValueError, match=r"^`path` must end in a suffix matplotlib can save to"):
        draw(tmp_path / "typo" / "plot.pgn")
    assert not (tmp_path / "typo").exists() and drawn == []  # refused before drawing
    with pytest.raises(ValueError, match=r"^`path` must name a file, got the existing folder"):
        draw(tmp_path / "runs")
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["new"]
    assert drawn == []


@pytest.mark.parametrize("name", [n for n in PLOTTERS if n != "plot_saturation"])
def test_a_long_title_wraps_within_the_figure(name, fitted, gate_trace, tmp_path):
    # A 400-character title was drawn on one line, cut off at both sides of the saved figure.
    title = "revenue per region, " * 20
    fig = _plotters(fitted, gate_trace, title=title)[name](tmp_path / "plot.png")
    texts = [fig._suptitle] + [ax.title for ax in fig.axes]
    (shown,) = [t for t in texts if t is not None and t.get_text() == title]
    assert shown.get_wrap()
    lines = shown._get_wrapped_text().split("\n")  # as the saved figure drew it
    assert len(lines) >= 3 and "".join(lines).replace(" ", "") == title.replace(" ", "")


def test_the_path_check_messages(tmp_path):
    (tmp_path / "runs.png").mkdir()
    (tmp_path / "table.csv").write_text("x\n")
    with pytest.raises(ValueError) as err:
        figure_file(tmp_path / "plot.pgn")
    # matplotlib's own list, which grows with its version (3.10: avif, eps, gif, ..., webp)
    suffixes = ", ".join(sorted(FigureCanvasBase.get_supported_filetypes()))
    assert {"png", "pdf", "svg"} <= set(suffixes.split(", "))
    assert str(err.value) == (
        f"`path` must end in a suffix matplotlib can save to ({suffixes}), "
        f"got {str(tmp_path / 'plot.pgn')!r}."
    )
    for folder in (tmp_path / "runs.png", tmp_path / "runs"):  # "runs" would be saved as runs.png
        with pytest.raises(ValueError) as err:
            figure_file(folder)
        assert str(err.value) == (
            f"`path` must name a file, got the existing folder {str(tmp_path / 'runs.png')!r}; "
            f"write into it with e.g. {str(tmp_path / 'runs.png' / 'figure.png')!r}."
        )
    with pytest.raises(ValueError) as err:
        figure_file(tmp_path / "table.csv" / "new" / "plot.png")
    assert str(err.value) == (
        f"`path` {str(tmp_path / 'table.csv' / 'new' / 'plot.png')!r} cannot be written: "
        f"{str(tmp_path / 'table.csv')!r} is a file, not a folder."
    )
    with pytest.raises(TypeError, match=r"^`path` must be a str or Path, got int; to write"):
        figure_file(3)
    # as matplotlib: no suffix saves a PNG with ".png" added; the suffix is read in any case
    assert figure_file(tmp_path / "plot") == tmp_path / "plot.png"
    assert figure_file("a/b.JPG") == Path("a/b.JPG")
    assert not (tmp_path / "a").exists()


@pytest.mark.parametrize("name", PLOTTERS)
def test_each_figure_shows_in_a_notebook_as_a_png_outside_pyplot(name, fitted, gate_trace):
    # In a fresh notebook a figure left as a cell's value showed as "<Figure size 900x450 with
    # 1 Axes>" and no picture: pyplot's inline backend, whose printer draws a Figure, had not
    # started. The figure draws itself now (IPython calls _repr_png_), and is still not
    # pyplot's, so pyplot does not show it a second time or keep it open.
    fig = _plotters(fitted, gate_trace)[name](None)
    assert fig.canvas.manager is None
    png = fig._repr_png_()
    assert png[:8] == PNG
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    drawn_width, drawn_height = fig.get_size_inches() * fig.dpi
    # the box of what is drawn ("tight", as the inline backend saves), about the figure's size
    assert 0.9 < width / drawn_width < 1.1 and 0.9 < height / drawn_height < 1.1

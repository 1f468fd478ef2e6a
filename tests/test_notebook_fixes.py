"""What a data scientist sees in a Jupyter notebook: short reprs of lstmkit's objects."""

from __future__ import annotations

import logging
import sys
import types

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch

import lstmkit
from lstmkit import cli
from lstmkit.backtest import BacktestResult
from lstmkit.data import (
    LogTransform,
    MinMaxScaler,
    SeasonalDifferencer,
    StandardScaler,
    split_windows,
)
from lstmkit.explain import lrp
from lstmkit.explain.explanation import Explanation, Seq2SeqExplanation
from lstmkit.explain.forecast import ForecastExplanation
from lstmkit.nn.trace import GateTrace
from lstmkit.text import TextClassifier
from lstmkit.train import History


def test_explanation_repr_gives_shapes_not_every_tensor():
    # the dataclass's repr printed every tensor: 115 lines (6,327 characters) for 64 sequences
    torch.manual_seed(0)
    model = TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=2).double()
    ex = lrp(model.eval(), torch.randint(1, 50, (64, 30)), target=1)
    assert repr(ex) == (
        "Explanation(lrp, 64 sequences of 30 steps, target [1]; relevance [64, 30], "
        "relevance_per_feature [64, 30, 8], score [64])"
    )


def test_explanation_repr_lists_distinct_targets_and_says_padded():
    t = torch.tensor
    ex = Explanation(
        t([[1.0, 2.0]] * 8), None, t([0.0] * 8), t([3, 0, 1, 3, 2, 4, 5, 6]), t([0.0] * 8),
        t([2] * 8), "occlusion",
    )  # fmt: skip
    assert repr(ex) == (
        "Explanation(occlusion, 8 sequences of 2 steps, target [3, 0, 1, 2, 4, 5, ...], padded; "
        "relevance [8, 2], relevance_per_feature None, score [8])"
    )
    one = Seq2SeqExplanation(
        t([[1.0, 2.0]]), None, t([0.0]), t([1]), t([0.0]), None, "lrp",
        decoder_relevance=torch.zeros(1, 3, 4),
    )  # fmt: skip
    assert repr(one) == (
        "Seq2SeqExplanation(lrp, 1 sequence of 2 steps, target [1]; relevance [1, 2], "
        "relevance_per_feature None, score [1], decoder_relevance [1, 3, 4])"
    )


def test_history_repr_is_the_outcome_not_every_epoch():
    # the dataclass's repr printed the three per-epoch lists: 12,474 characters for 200 epochs
    history = History(
        train_loss=[1.0] * 200, val_loss=[0.5] * 200, lr=[0.01] * 200, best_epoch=57,
        best_val_loss=0.123456, stopped_early=True,
    )  # fmt: skip
    assert repr(history) == (
        "History(epochs_run=200, best_epoch=57, best_val_loss=0.1235, stopped_early=True)"
    )


def test_backtest_result_shows_its_table_as_html_in_a_notebook():
    # pandas users see a DataFrame as an HTML table; the result showed as text only
    origins = pd.to_datetime(["1960-01-01"] * 3 + ["1960-04-01"] * 3)
    forecasts = pd.DataFrame({"origin": origins, "forecast": np.arange(6.0)})
    summary = {
        "model": {"rmse": 22.5412, "coverage": 0.75},
        "naive": {"rmse": 78.16, "coverage": np.nan},
    }
    result = BacktestResult(forecasts=forecasts, metrics=pd.DataFrame(), summary=summary)
    assert result._repr_html_() == (
        "<p>BacktestResult: 2 origins (1960-01-01 … 1960-04-01), 3 steps each; the mean over "
        "the origins:</p>\n"
        '<table border="1" class="dataframe">\n'
        "  <thead>\n"
        '    <tr style="text-align: right;">\n'
        "      <th></th>\n"
        "      <th>rmse</th>\n"
        "      <th>coverage</th>\n"
        "    </tr>\n"
        "  </thead>\n"
        "  <tbody>\n"
        "    <tr>\n"
        "      <th>model</th>\n"
        "      <td>22.54</td>\n"
        "      <td>0.75</td>\n"
        "    </tr>\n"
        "    <tr>\n"
        "      <th>naive</th>\n"
        "      <td>78.16</td>\n"
        "      <td></td>\n"
        "    </tr>\n"
        "  </tbody>\n"
        "</table>\n"
        "<p>(.forecasts: 6 rows; .metrics: per origin; .summary: this table as a dict; "
        ".calibration; .plot())</p>"
    )


def _explained(per_feature: np.ndarray | None) -> ForecastExplanation:
    return ForecastExplanation(
        per_lag=np.array([0.5, -0.25, 1.0]),
        per_feature=per_feature,
        features=["sales $", "season sin"],
        window=np.array([10.0, 12.0, 11.0]),
        index=["2020-01", "2020-02", "2020-03"],
        score=1.25,
        step=1,
        method="lrp",
        time="2020-05",
    )


def test_forecast_explanation_plots_itself_as_lstmkit_explain_draws_it(tmp_path):
    # it had no .plot(): a notebook user had to find plot_lags and pass it five fields
    before = plt.get_fignums()
    fig = _explained(np.array([[0.5, 0.0], [-0.25, 0.0], [0.75, 0.25]])).plot()
    top, bottom, _colorbar = fig.axes
    assert top.get_title() == r"LRP relevance for forecast step 2 (2020-05)"
    assert top.lines[0].get_ydata().tolist() == [10.0, 12.0, 11.0]
    assert bottom.images[0].get_array().tolist() == [[0.5, -0.25, 0.75], [0.0, 0.0, 0.25]]
    assert [t.get_text() for t in bottom.get_yticklabels()] == [r"sales \$", "season sin"]
    assert plt.get_fignums() == before  # not attached to pyplot: shown once in a notebook

    bars = _explained(None).plot(tmp_path / "lags.png", title="mine").axes[1]
    assert [p.get_height() for p in bars.patches] == [0.5, -0.25, 1.0]
    assert bars.figure.axes[0].get_title() == "mine"
    assert (tmp_path / "lags.png").stat().st_size > 0


def test_window_split_repr_gives_counts_and_shapes_not_every_window():
    # the named tuples printed their arrays: 3,426 characters for 300 points
    split = split_windows(np.arange(40.0), 24, 12)
    assert repr(split) == (
        "WindowSplit(train=Windows(5 windows: X [5, 24, 1], Y [5, 12], t 24 … 28), "
        "val=Windows(0 windows: X [0, 24, 1], Y [0, 12], t []), "
        "test=Windows(0 windows: X [0, 24, 1], Y [0, 12], t []))"
    )
    one = split_windows(np.arange(36.0), 24, 12).train
    assert repr(one) == "Windows(1 window: X [1, 24, 1], Y [1, 12], t 24)"


def test_transforms_repr_their_arguments_and_whether_fitted():
    # the default repr: <lstmkit.data.MinMaxScaler object at 0x7f...>
    assert repr(MinMaxScaler()) == "MinMaxScaler(feature_range=(0.0, 1.0); not fitted)"
    fitted = MinMaxScaler((-1, 1)).fit(np.ones((3, 2)))
    assert repr(fitted) == "MinMaxScaler(feature_range=(-1.0, 1.0); fitted on 2 features)"
    assert repr(StandardScaler()) == "StandardScaler(not fitted)"
    assert repr(StandardScaler().fit(np.arange(3.0))) == "StandardScaler(fitted on 1 feature)"
    assert repr(LogTransform()) == "LogTransform()"
    assert repr(SeasonalDifferencer(12)) == "SeasonalDifferencer(lag=12)"


def test_the_command_line_run_in_process_leaves_the_root_logger_as_it_was(monkeypatch, capsys):
    # main() called logging.basicConfig: called in a notebook, its handler stayed on the root
    # logger, so the user's own basicConfig did nothing afterwards, nor did a later -v
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])  # no logging set up, as in a fresh notebook
    level = root.level

    def run(args):
        logging.getLogger("lstmkit.forecast").info("fitting")
        return 0

    monkeypatch.setattr(cli, "_run", run)
    assert cli.main(["datasets"]) == 0
    assert capsys.readouterr().err == ""
    assert (root.handlers, root.level) == ([], level)
    assert cli.main(["datasets", "-v"]) == 0
    assert capsys.readouterr().err == "INFO fitting\n"
    assert (root.handlers, root.level) == ([], level)


def test_a_gate_trace_plots_itself_as_plot_gates_draws_it():
    # it had no .plot(): a notebook user had to find lstmkit.explain.gates.plot_gates
    torch.manual_seed(0)
    rnn = lstmkit.LSTM(2, 3, batch_first=True)
    with lstmkit.trace(rnn) as tr:
        rnn(torch.randn(2, 4, 2))
    before = plt.get_fignums()
    fig = tr["l0"].plot(sample=1, gates=["f", "c"], title="layer 0")
    assert plt.get_fignums() == before  # not attached to pyplot: shown once in a notebook
    forget, cell = (ax.images[0].get_array() for ax in fig.axes[:2])
    assert np.allclose(forget, tr["l0"]["f"][1].T.numpy(), rtol=0, atol=1e-7)
    assert np.allclose(cell, tr["l0"]["c"][1].T.numpy(), rtol=0, atol=1e-7)
    assert fig._suptitle.get_text() == "layer 0"


def test_gate_params_repr_gives_the_shapes_of_its_views():
    # the dataclass's repr printed every weight: 33,666 characters for LSTM(8, 64).gates()
    gates = lstmkit.LSTM(8, 64, peephole=True).gates()
    assert repr(gates["forget"]) == (
        "GateParams(weight_ih [64, 8], weight_hh [64, 64], bias_ih [64], bias_hh [64], "
        "weight_c [64])"
    )
    assert repr(lstmkit.GRU(8, 4, bias=False).gates()["new"]) == (
        "GateParams(weight_ih [4, 8], weight_hh [4, 4], bias_ih None, bias_hh None, weight_c None)"
    )


def test_an_empty_gate_trace_has_a_repr():
    # its repr raised StopIteration (the shape of its first tensor, which it has not)
    assert repr(GateTrace({}, None, {})) == "GateTrace(keys=[], shape=None)"


def test_traces_offer_their_keys_to_ipython_completion():
    # IPython completes the keys of a dict, not of a Mapping: tr["<Tab> offered nothing
    rnn = lstmkit.LSTM(2, 3, batch_first=True, bidirectional=True)
    with lstmkit.trace(rnn) as tr:
        rnn(torch.zeros(1, 2, 2))
    assert tr._ipython_key_completions_() == ["l0", "l0_reverse"]
    assert tr["l0"]._ipython_key_completions_() == ["i", "f", "g", "o", "c", "h"]


def test_figure_show_displays_the_figure_in_a_notebook(monkeypatch):
    # matplotlib's Figure.show raised AttributeError ("works only for figures managed by
    # pyplot") in a notebook too, where lstmkit's figures are never pyplot's
    fig = History(train_loss=[1.0, 0.5]).plot()  # before the stand-in IPython, which it reads
    before = plt.get_fignums()
    shown = []
    kernel = types.SimpleNamespace(kernel=object())
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: kernel
    display = types.ModuleType("IPython.display")
    display.display = shown.append
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display)
    assert fig.show() is None
    assert shown == [fig] and plt.get_fignums() == before

    # an IPython shell that is no kernel (a terminal), or none: matplotlib's own show
    matplotlibs = []
    monkeypatch.setattr("matplotlib.figure.Figure.show", lambda f, warn: matplotlibs.append(f))
    for shell in (types.SimpleNamespace(), None):
        ipython.get_ipython = lambda shell=shell: shell
        fig.show()
    assert shown == [fig] and matplotlibs == [fig, fig]

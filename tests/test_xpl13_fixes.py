"""Explanations leftovers (xpl13): names that are not str in the lag heatmap, the function the
user called in a stack's refusal, a stack's dropout in its advice, CJK names' widths."""

import re

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit.explain import lrp_seq2seq
from lstmkit.explain.render import plot_lags

DT = torch.float64
_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])
_SUPPORTED = "supported: lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU."


def test_plot_lags_draws_features_named_by_ints() -> None:
    """features=[1, 2, 3] (a DataFrame's int columns) failed with "sequence item 0: expected
    str instance, int found"; the rows are now named "1", "2", "3", the decoder's too."""
    rel = np.arange(12.0).reshape(4, 3)
    fig = plot_lags(np.arange(4.0), rel, features=[1, 2, 3])
    rows = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert rows == ["1", "2", "3"]
    fig = plot_lags(
        np.arange(4.0), rel, features=[1, 2, 3], future=np.ones((2, 2)), future_features=[3, 7]
    )
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == ["1", "2", "3", "7"]


class _Seq2Seq(nn.Module):
    """encoder (a ModuleList of an LSTM and a GRU) → decoder → head."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.ModuleList([nn.LSTM(3, 4, batch_first=True), nn.GRU(4, 4)])
        self.decoder = nn.LSTM(2, 4, batch_first=True)
        self.head = nn.Linear(4, 1)

    def forward(self, x: torch.Tensor, future: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError  # refused before it is called


def test_lrp_seq2seq_names_itself_in_a_stacks_refusal() -> None:
    """Under lrp_seq2seq the refusal said "lrp reads one recurrent layer", naming a function
    the user did not call."""
    message = (
        f"lrp_seq2seq does not support the module `encoder` (ModuleList); {_SUPPORTED} "
        "ModuleList `encoder` holds `encoder.0` (LSTM) and `encoder.1` (GRU); lrp_seq2seq "
        "reads one recurrent layer held as `encoder` (stacked by its `num_layers`)."
    )
    x, future = torch.randn(2, 6, 3, dtype=DT), torch.randn(2, 5, 2, dtype=DT)
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp_seq2seq(_Seq2Seq().to(DT), x, future, 1)


def test_cjk_feature_names_are_given_the_width_they_are_drawn_in(monkeypatch) -> None:
    """A name's room was its characters: 20 CJK characters, drawn as wide as 40 letters, were
    given the room of 20 (7.51 inches), and ran over the heatmap; now that of 40 columns
    (7 + 26 * 0.085 = 9.21 inches), the width of 40 letters. (Drawn as on a machine with a
    CJK font: here, without one, they are drawn as escapes, wider still.)"""
    from lstmkit.explain import _lag_plot

    monkeypatch.setattr(_lag_plot, "drawable", lambda texts, what, titles=0: texts)
    rel = np.ones((4, 2))
    cjk = plot_lags(np.arange(4.0), rel, features=["電力需要予測" * 3 + "入力", "a"])
    latin = plot_lags(np.arange(4.0), rel, features=["x" * 40, "a"])
    assert cjk.get_size_inches()[0] == pytest.approx(9.21)
    assert latin.get_size_inches()[0] == pytest.approx(9.21)

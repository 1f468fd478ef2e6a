"""Explanations leftovers (xpl13): names that are not str in the lag heatmap, the function the
user called in a stack's refusal, a stack's dropout in its advice, CJK names' widths."""

import re

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit.explain import lrp, lrp_seq2seq
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


class _Stacked(nn.Module):
    """Embedding → the layers of the ModuleList `rnn` (dropout between) → head on h_n[-1]."""

    def __init__(self, layers: list[nn.Module]) -> None:
        super().__init__()
        self.embedding = nn.Embedding(50, 4)
        self.rnn = nn.ModuleList(layers)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.embedding(tokens)
        states = []
        for layer in self.rnn:
            out = layer(x)  # a tensor from a dropout, (output, state) from a layer
            x = out[0] if isinstance(out, tuple) else out
            states += [out[1]] if isinstance(out, tuple) else []
        return self.head(states[-1][0][-1])


def test_a_stacks_dropout_is_advised_as_the_layers_dropout() -> None:
    """A ModuleList [LSTM, Dropout(0.25), LSTM] was advised as `nn.LSTM(4, 6, num_layers=2,
    batch_first=True)`, the dropout left out without a word; the advice now gives it as
    `dropout=0.25` and says it does nothing in eval mode, in which lrp explains. The advised
    layer, loaded as the advice says, computes the model's output in eval mode."""
    torch.manual_seed(0)
    model = _Stacked(
        [nn.LSTM(4, 6, batch_first=True), nn.Dropout(0.25), nn.LSTM(6, 6, batch_first=True)]
    )
    model = model.to(DT).eval()
    message = (
        f"lrp does not support the module `rnn` (ModuleList); {_SUPPORTED} ModuleList `rnn` "
        "holds `rnn.0` (LSTM) and `rnn.2` (LSTM), a stack of 2 layers: hold one "
        "`nn.LSTM(4, 6, num_layers=2, batch_first=True, dropout=0.25)` as `rnn`, which computes "
        "the same stack in one call, with the weights of `rnn.2` under `_l1` names "
        "(`weight_ih_l0` as `weight_ih_l1`), and so on. (`dropout=0.25` drops between the "
        "layers as the nn.Dropout did in training; in eval mode, in which lrp explains, "
        "neither does anything.)"
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)
    one = nn.LSTM(4, 6, num_layers=2, batch_first=True, dropout=0.25).to(DT).eval()
    first, _, second = model.rnn
    one.load_state_dict(
        {
            **first.state_dict(),
            **{k.replace("_l0", "_l1"): v for k, v in second.state_dict().items()},
        }
    )
    with torch.no_grad():
        x = model.embedding(_TOKENS)
        assert torch.equal(one(x)[1][0][-1], model.rnn[2](model.rnn[0](x)[0])[1][0][-1])


def test_a_stack_of_dropouts_of_two_rates_is_advised_without_dropout() -> None:
    """Dropouts of different `p` between the layers: no one `dropout=` stands for them."""
    layers = [nn.LSTM(4, 6, batch_first=True), nn.Dropout(0.1)]
    layers += [nn.LSTM(6, 6, batch_first=True), nn.Dropout(0.3), nn.LSTM(6, 6, batch_first=True)]
    message = (
        f"lrp does not support the module `rnn` (ModuleList); {_SUPPORTED} ModuleList `rnn` "
        "holds `rnn.0` (LSTM), `rnn.2` (LSTM) and `rnn.4` (LSTM), a stack of 3 layers: hold "
        "one `nn.LSTM(4, 6, num_layers=3, batch_first=True)` as `rnn`, which computes the same "
        "stack in one call, with the weights of `rnn.2` under `_l1` names (`weight_ih_l0` as "
        "`weight_ih_l1`), and so on."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Stacked(layers).to(DT), _TOKENS, 0)


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

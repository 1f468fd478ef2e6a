"""Fixes from a review of xpl12 (revxpl12)."""

import re

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.explain import lrp

DT = torch.float64
_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])
_SUPPORTED = "supported: lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU."


class _Stacked(nn.Module):
    """Embedding → the layers of the ModuleList `rnn` one after another → head on h_n[-1]."""

    def __init__(self, layers: list[nn.Module], *, time_first: bool = False) -> None:
        super().__init__()
        self.embedding = nn.Embedding(50, 4)
        self.rnn = nn.ModuleList(layers)
        self.head = nn.Linear(6, 3)
        self.time_first = time_first

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.embedding(tokens)
        x = x.transpose(0, 1) if self.time_first else x
        for layer in self.rnn:
            x, state = layer(x)
        return self.head(state[0][-1])


class _One(nn.Module):
    def __init__(self, model: _Stacked, rnn: nn.Module) -> None:
        super().__init__()
        self.embedding, self.rnn, self.head = model.embedding, rnn, model.head
        self.time_first = model.time_first

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.embedding(tokens)
        x = x.transpose(0, 1) if self.time_first else x
        return self.head(self.rnn(x)[1][0][-1])


def _advice(layer: str) -> str:
    return (
        f"lrp does not support the module `rnn` (ModuleList); {_SUPPORTED} ModuleList `rnn` "
        f"holds `rnn.0` (LSTM) and `rnn.1` (LSTM), a stack of 2 layers: hold one `{layer}` as "
        "`rnn`, which computes the same stack in one call, with the weights of `rnn.1` under "
        "`_l1` names (`weight_ih_l0` as `weight_ih_l1`), and so on."
    )


def _as_one(model: _Stacked, rnn: nn.Module) -> _One:
    """``rnn`` loaded with the stack's weights as the advice says, in the model's place."""
    first, second = model.rnn
    rnn.load_state_dict(
        {
            **first.state_dict(),
            **{k.replace("_l0", "_l1"): v for k, v in second.state_dict().items()},
        }
    )
    return _One(model, rnn.to(DT))


@pytest.mark.parametrize(
    ("make", "advised", "time_first"),
    [
        # without bias=False the advised layer's state_dict missed `bias_ih_l0`, ...
        (
            lambda i, n=1: lstmkit.nn.LSTM(
                i, 6, num_layers=n, bias=False, batch_first=True, peephole=True
            ),
            "lstmkit.nn.LSTM(4, 6, num_layers=2, bias=False, batch_first=True, peephole=True)",
            False,
        ),
        # batch_first=True advised for layers fed [T, B, F] by a forward that transposes
        (lambda i, n=1: nn.LSTM(i, 6, num_layers=n), "nn.LSTM(4, 6, num_layers=2)", True),
    ],
)
def test_a_stack_is_advised_with_its_layers_own_arguments(make, advised, time_first) -> None:
    """The advice wrote `LSTM(4, 6, num_layers=2, batch_first=True)` whatever the layers'
    bias, peephole and batch_first: loading their weights into it failed (unexpected
    `weight_ci_l0`, missing `bias_ih_l0`), or it read a forward's [T, B, F] as [B, T, F]."""
    torch.manual_seed(0)
    model = _Stacked([make(4), make(6)], time_first=time_first).to(DT)
    with pytest.raises(TypeError, match=re.escape(_advice(advised)) + "$"):
        lrp(model, _TOKENS, 0)
    one = _as_one(model, make(4, 2))  # the advised layer
    assert torch.equal(one(_TOKENS), model(_TOKENS))
    ex = lrp(one, _TOKENS, 0, bias_factor=1.0)
    assert (ex.relevance.sum(1) + ex.initial_state - ex.score).abs().max() < 1e-12


@pytest.mark.parametrize(
    "layers",
    [
        # side by side, not one after the other: the second reads 4 inputs, not 6
        [nn.LSTM(4, 6, batch_first=True), nn.LSTM(4, 6, batch_first=True)],
        [nn.LSTM(4, 6, batch_first=True), nn.LSTM(6, 6, bias=False, batch_first=True)],
        [nn.LSTM(4, 6, batch_first=True), nn.LSTM(6, 6)],
        [lstmkit.nn.LSTM(4, 6, peephole=True), lstmkit.nn.LSTM(6, 6)],
    ],
)
def test_layers_one_stacked_layer_cannot_compute_are_not_advised_as_one(layers) -> None:
    """Two LSTM(4, 6) side by side, or layers of another bias, peephole or batch_first, were
    advised as one `LSTM(4, 6, num_layers=2)` that computes "the same stack", which it does
    not (the weights of the first case do not even load)."""
    message = (
        f"lrp does not support the module `rnn` (ModuleList); {_SUPPORTED} ModuleList `rnn` "
        "holds `rnn.0` (LSTM) and `rnn.1` (LSTM); lrp reads one recurrent layer held as `rnn` "
        "(stacked by its `num_layers`)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Stacked(layers).to(DT), _TOKENS, 0)


def test_a_heatmap_of_hundreds_of_features_stops_growing_and_names_every_kth_row() -> None:
    """The figure grew 0.22 inches a row without end: 3,000 features drew 663 inches (79,584
    pixels at 120 dpi) in 43 s. It stops at 24 inches, naming each second (third, ...) row
    past the 94 it holds, apart from one another (100 features: each second)."""
    import itertools

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from lstmkit.explain.render import plot_lags

    def rows(features: int) -> np.ndarray:
        return np.linspace(-1, 1, 12 * features).reshape(12, features)

    names = [f"f{i}" for i in range(100)]
    tallest = plot_lags(np.arange(12.0), rows(94), features=names[:94])
    assert [round(float(v), 2) for v in tallest.get_size_inches()] == [7.0, 23.88]
    assert [t.get_text() for t in tallest.axes[1].get_yticklabels()] == names[:94]
    fig = plot_lags(np.arange(12.0), rows(100), features=names)
    assert [float(v) for v in fig.get_size_inches()] == [7.0, 24.0]
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    labels = fig.axes[1].get_yticklabels()
    assert [t.get_text() for t in labels] == names[::2]
    boxes = [t.get_window_extent(canvas.get_renderer()) for t in labels]
    assert all(a.y0 >= b.y1 for a, b in itertools.pairwise(boxes))  # rows apart, top down


class _Seq2Seq(nn.Module):
    def __init__(self, encoder: nn.Module) -> None:
        super().__init__()
        self.encoder = encoder
        self.decoder = nn.LSTM(2, 6, batch_first=True)
        self.head = nn.Linear(6, 1)

    def forward(self, x: torch.Tensor, future: torch.Tensor) -> torch.Tensor:
        _, state = self.encoder[0](x)
        return self.head(self.decoder(future, state)[0]).squeeze(-1)


def test_lrp_seq2seq_names_the_layer_an_encoder_container_holds() -> None:
    """lrp named the LSTM inside an nn.Sequential encoder; lrp_seq2seq refused the same encoder
    by its class alone."""
    from lstmkit.explain import lrp_seq2seq

    model = _Seq2Seq(nn.Sequential(nn.LSTM(3, 6, batch_first=True))).to(DT)
    message = (
        f"lrp_seq2seq does not support the module `encoder` (Sequential); {_SUPPORTED} "
        "Sequential `encoder` holds `encoder.0` (LSTM): hold that layer itself as `encoder`."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp_seq2seq(model, torch.zeros(1, 4, 3, dtype=DT), torch.zeros(1, 2, 2, dtype=DT), 0)


class _Residual(nn.Module):
    """Two LSTMs with a residual connection: not what one LSTM(num_layers=2) computes."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.layers = nn.ModuleList([nn.LSTM(4, 4, batch_first=True) for _ in range(count)])

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, tuple[torch.Tensor, ...]]:
        for layer in self.layers:
            y, state = layer(x)
            x = x + y
        return x, state


@pytest.mark.parametrize(
    ("count", "advice"),
    [
        (
            2,
            "_Residual `rnn` holds `rnn.layers.0` (LSTM) and `rnn.layers.1` (LSTM): if its "
            "forward runs them one after another, they are a stack of 2 layers: hold one "
            "`nn.LSTM(4, 4, num_layers=2, batch_first=True)` as `rnn`, which computes the same "
            "stack in one call, with the weights of `rnn.layers.1` under `_l1` names "
            "(`weight_ih_l0` as `weight_ih_l1`), and so on.",
        ),
        (
            1,
            "_Residual `rnn` holds `rnn.layers.0` (LSTM): if its forward only runs that layer, "
            "hold the layer as `rnn`.",
        ),
    ],
)
def test_a_module_of_ones_own_is_advised_as_a_stack_only_if_its_forward_is_one(
    count, advice
) -> None:
    """A module of one's own around LSTMs (here adding a residual) was told outright that one
    LSTM(num_layers=2), or its one layer, "computes the same", which its forward decides."""
    model = _Advised(nn.Embedding(50, 4), _Residual(count), nn.Linear(4, 3)).to(DT)
    message = f"lrp does not support the module `rnn` (_Residual); {_SUPPORTED} {advice}"
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)


class _Advised(nn.Module):
    def __init__(self, embedding: nn.Module, rnn: nn.Module, head: nn.Module) -> None:
        super().__init__()
        self.embedding, self.rnn, self.head = embedding, rnn, head

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


class _MyLSTM(nn.LSTM):
    """A subclass of torch's LSTM, as a user's own (a forward hook, a docstring)."""


class _MyCell(nn.LSTMCell):
    pass


def test_a_subclass_of_torchs_layer_or_cell_is_advised_as_torchs() -> None:
    """A ModuleList of two `_MyLSTM(nn.LSTM)` was advised one `lstmkit.nn._MyLSTM(...)`, which
    does not exist (the class name after the library guessed from the module), and a
    `_MyCell(nn.LSTMCell)` stepped in forward one `nn._My(...)`."""
    stack = nn.ModuleList([_MyLSTM(4, 6, batch_first=True), _MyLSTM(6, 6, batch_first=True)])
    message = (
        f"lrp does not support the module `rnn` (ModuleList); {_SUPPORTED} ModuleList `rnn` "
        "holds `rnn.0` (_MyLSTM) and `rnn.1` (_MyLSTM), a stack of 2 layers: hold one "
        "`nn.LSTM(4, 6, num_layers=2, batch_first=True)` as `rnn`, which computes the same "
        "stack in one call, with the weights of `rnn.1` under `_l1` names (`weight_ih_l0` as "
        "`weight_ih_l1`), and so on."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Advised(nn.Embedding(50, 4), stack, nn.Linear(6, 3)).to(DT), _TOKENS, 0)
    message = (
        f"lrp does not support the module `rnn` (_MyCell); {_SUPPORTED} A _MyCell stepped over "
        "time in forward computes what a one-layer LSTM computes in one call: hold "
        "`nn.LSTM(4, 6, batch_first=True)` as `rnn`, with the cell's weights "
        "(`rnn.load_state_dict({k + '_l0': v for k, v in cell.state_dict().items()})`), and "
        "let forward read its final state `h_n[-1]`."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Advised(nn.Embedding(50, 4), _MyCell(4, 6), nn.Linear(6, 3)).to(DT), _TOKENS, 0)

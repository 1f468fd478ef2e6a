"""Fixes from a fresh-user pass over README's Explanations (xpl12)."""

import itertools
import re

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.explain import explain, lrp

DT = torch.float64
_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])
_SUPPORTED = "supported: lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU."


class _Held(nn.Module):
    """Embedding → the recurrent layers under `name` (a container) → head on h_n[-1]."""

    def __init__(self, name: str, container: nn.Module) -> None:
        super().__init__()
        self.embedding = nn.Embedding(50, 4)
        self.name = name
        setattr(self, name, container)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.embedding(tokens)
        for layer in getattr(self, self.name):
            x, state = layer(x)
        return self.head(state[0][-1])


class _Advised(nn.Module):
    def __init__(self, embedding: nn.Module, rnn: nn.Module, head: nn.Module) -> None:
        super().__init__()
        self.embedding, self.rnn, self.head = embedding, rnn, head

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


def test_a_sequential_encoder_is_named_as_the_model_holds_it_with_the_layer_to_hold() -> None:
    """The refusal named a module `rnn` the model did not have (it held `encoder`), and said
    nothing of the LSTM inside the Sequential."""
    model = _Held("encoder", nn.Sequential(lstmkit.nn.LSTM(4, 6, batch_first=True))).to(DT)
    message = (
        f"lrp does not support the module `encoder` (Sequential); {_SUPPORTED} Sequential "
        "`encoder` holds `encoder.0` (LSTM): hold that layer itself as `encoder`."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)


def test_a_stack_in_a_module_list_is_told_the_one_layer_that_computes_it() -> None:
    """A ModuleList of two LSTMs was refused by its class alone; the advised layer, with the
    second layer's weights under `_l1` names, computes the same and is explained."""
    torch.manual_seed(0)
    stack = nn.ModuleList(
        [lstmkit.nn.LSTM(4, 6, batch_first=True), lstmkit.nn.LSTM(6, 6, batch_first=True)]
    )
    model = _Held("rnn", stack).to(DT)
    message = (
        f"lrp does not support the module `rnn` (ModuleList); {_SUPPORTED} ModuleList `rnn` "
        "holds `rnn.0` (LSTM) and `rnn.1` (LSTM), a stack of 2 layers: hold one "
        "`lstmkit.nn.LSTM(4, 6, num_layers=2, batch_first=True)` as `rnn`, which computes the "
        "same stack in one call, with the weights of `rnn.1` under `_l1` names "
        "(`weight_ih_l0` as `weight_ih_l1`), and so on."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 0)
    one = lstmkit.nn.LSTM(4, 6, num_layers=2, batch_first=True).to(DT)
    one.load_state_dict(
        {
            **stack[0].state_dict(),
            **{k.replace("_l0", "_l1"): v for k, v in stack[1].state_dict().items()},
        }
    )
    advised = _Advised(model.embedding, one, model.head)
    assert torch.equal(advised(_TOKENS), model(_TOKENS))
    ex = lrp(advised, _TOKENS, 0, bias_factor=1.0)
    assert (ex.relevance.sum(1) + ex.initial_state - ex.score).abs().max() < 1e-12


def test_layers_of_different_kinds_in_a_container_are_named_without_a_stack_advice() -> None:
    stack = nn.ModuleList(
        [lstmkit.nn.LSTM(4, 6, batch_first=True), lstmkit.nn.GRU(6, 6, batch_first=True)]
    )
    message = (
        f"lrp does not support the module `rnn` (ModuleList); {_SUPPORTED} ModuleList `rnn` "
        "holds `rnn.0` (LSTM) and `rnn.1` (GRU); lrp reads one recurrent layer held as `rnn` "
        "(stacked by its `num_layers`)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(_Held("rnn", stack).to(DT), _TOKENS, 0)


class _Bag(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.EmbeddingBag(50, 4)
        self.rnn = lstmkit.nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.embedding(tokens.reshape(-1, 1)).reshape(*tokens.shape, 4)
        return self.head(self.rnn(x)[1][0][-1])


def test_an_embedding_bag_is_named_where_the_gradient_methods_refuse_the_tokens() -> None:
    """The gradient methods said "for a model without an embedding" of a model whose
    `embedding` is an nn.EmbeddingBag."""
    message = (
        "`inputs` must be a float tensor [B, T, F] for a model without an nn.Embedding as "
        "`embedding`, got dtype torch.int64: _Bag's `embedding` is EmbeddingBag, and the "
        "explanations embed token ids through an nn.Embedding alone, one vector per token and "
        "step."
    )
    for method in ("gradxinput", "ig", "occlusion", "sensitivity"):
        with pytest.raises(TypeError, match=re.escape(message) + "$"):
            explain(_Bag().to(DT), _TOKENS, 0, method=method)


def test_the_most_negative_tokens_are_written_in_white_on_their_saturated_blue() -> None:
    """Black text on rgb(0,0,255), the colour of the tokens most against the class, has a
    contrast of 2.4:1 (WCAG asks 4.5:1); white has 8.6:1. Paler blues and every red keep
    black, which reads better there."""
    from lstmkit.explain.render import to_html, to_terminal

    tokens, rel = ["good", "bad", "meh", "so-so"], [1.0, -1.0, -0.5, -0.75]
    line = to_terminal(tokens, rel)
    assert line.split(" ") == [
        "\x1b[48;2;255;0;0m\x1b[38;2;0;0;0mgood\x1b[0m",
        "\x1b[48;2;0;0;255m\x1b[38;2;255;255;255mbad\x1b[0m",
        "\x1b[48;2;128;128;255m\x1b[38;2;0;0;0mmeh\x1b[0m",
        "\x1b[48;2;64;64;255m\x1b[38;2;255;255;255mso-so\x1b[0m",
    ]
    page = to_html(tokens, rel)
    spans = [part.split(">")[0] for part in page.split('<span class="tok" ')[1:]]
    assert spans == [
        'style="background: rgb(255,0,0)" title="+1.0000"',
        'style="color: rgb(255,255,255); background: rgb(0,0,255)" title="-1.0000"',
        'style="background: rgb(128,128,255)" title="-0.5000"',
        'style="color: rgb(255,255,255); background: rgb(64,64,255)" title="-0.7500"',
    ]


def test_a_heatmap_of_many_long_named_features_keeps_its_row_names_apart_and_its_width() -> None:
    """17 rows of 45-character names were drawn in 7 x 4.6 inches: the names overlapped one
    another and the heatmap shrank to a strip about 3 inches wide."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from lstmkit.explain.render import plot_lags

    names = ["airline"] + [f"average_daily_temperature_station_{i}_celsius" for i in range(16)]
    rel = np.linspace(-1, 1, 36 * 17).reshape(36, 17)
    fig = plot_lags(np.arange(36.0), rel, features=names)
    assert [round(float(v), 3) for v in fig.get_size_inches()] == [9.55, 6.94]
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    heatmap = fig.axes[1]
    boxes = [t.get_window_extent(renderer) for t in heatmap.get_yticklabels()]
    assert [t.get_text() for t in heatmap.get_yticklabels()] == names
    # rows top to bottom: each name ends above where the next begins (pixels)
    assert all(a.y0 >= b.y1 for a, b in itertools.pairwise(boxes))
    # about the width of a heatmap of three short names (5.04 inches), not 2.64
    assert heatmap.get_window_extent(renderer).width / fig.dpi > 4.8  # inches
    # the default sizes stand: three features, and a 1-D relevance
    three = plot_lags(np.arange(36.0), rel[:, :3], features=["airline", "season sin", "promo"])
    assert [float(v) for v in three.get_size_inches()] == [7.0, 4.6]
    assert [float(v) for v in plot_lags(np.arange(36.0), rel[:, 0]).get_size_inches()] == [7, 4]

"""Explanations leftovers (xpl14): an embedding held inside an nn.Sequential named truly by the
gradient methods, the last deletion in the comparison table, long and decoder-only row names in
the lag heatmap, a forward that sums its outputs over time under readout 'mean'."""

import re

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.explain import explain, lrp

DT = torch.float64
_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])


class _Wrapped(nn.Module):
    """nn.Sequential(nn.Embedding, nn.Dropout) held as `embedding`."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Sequential(nn.Embedding(50, 4), nn.Dropout(0.2))
        self.rnn = nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(self.embedding(tokens))[1][0][-1])


def test_the_gradient_methods_do_not_call_a_model_holding_an_embedding_one_without() -> None:
    """They said "for a model without an embedding" of a model holding one in an
    nn.Sequential, then named it in the next sentence."""
    message = (
        "`inputs` must be a float tensor [B, T, F] for a model without an nn.Embedding as "
        "`embedding`, got dtype torch.int64. _Wrapped holds its nn.Embedding as `embedding.0`, "
        "but the explanations embed token ids through the model's `embedding` alone: hold the "
        "nn.Embedding itself as `embedding`."
    )
    for method in ("sensitivity", "ig", "gradxinput"):
        with pytest.raises(TypeError, match=re.escape(message) + "$"):
            explain(_Wrapped().to(DT), _TOKENS, 0, method=method)


def test_a_model_with_no_embedding_anywhere_keeps_its_words() -> None:
    model = nn.Sequential(nn.Flatten(), nn.Linear(15, 2)).to(DT)
    message = (
        "`inputs` must be a float tensor [B, T, F] for a model without an embedding, got dtype "
        "torch.int64."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        explain(model, _TOKENS, 0, method="gradxinput")


def test_the_comparison_table_shows_the_score_after_the_last_deletion() -> None:
    """compare(steps=2).table() showed the score after 1 deletion alone, not after the 2 asked
    for; steps=10 ended at 5 of them."""
    from lstmkit.explain import Faithfulness

    def table(steps: int) -> list[str]:
        curve = 1 - torch.arange(steps + 1, dtype=DT) / 16
        # (left33b) one sequence's curve: compare gives its standard error as nan, undefined
        # with nothing to spread (it gave 0.0, shown "0.0000" as if the mean were exact), and
        # the table shows it "n/a"
        errors = {"lrp": float("nan")}
        return Faithfulness({"lrp": curve}, {"lrp": 0.25}, errors).table().splitlines()

    assert table(2) == [
        "| method | AOPC | ± s.e. | score after 1 / 2 deletions |",
        "|---|---|---|---|",
        "| lrp | 0.2500 | n/a | 0.938 / 0.875 |",
    ]
    assert table(4)[2] == "| lrp | 0.2500 | n/a | 0.938 / 0.812 / 0.750 |"
    assert table(10)[0] == "| method | AOPC | ± s.e. | score after 1 / 3 / 5 / 10 deletions |"
    assert table(10)[2] == "| lrp | 0.2500 | n/a | 0.938 / 0.812 / 0.688 / 0.375 |"
    assert table(0)[0] == "| method | AOPC | ± s.e. |"


class _Summed(nn.Module):
    """The head on `out.sum(1)`, the outputs summed over time, under `readout`."""

    def __init__(self, readout: str) -> None:
        super().__init__()
        self.readout = readout
        self.embedding = nn.Embedding(50, 4)
        self.rnn = lstmkit.nn.LSTM(4, 6, batch_first=True)
        self.head = nn.Linear(6, 3)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor | None = None) -> torch.Tensor:
        out = self.rnn(self.embedding(tokens), lengths=lengths)[0]
        return self.head(out.sum(1))


_DIVIDE = "`out.sum(1) / lengths.unsqueeze(1)` with padding, else `out.mean(1)`"


def test_a_forward_that_sums_its_outputs_is_told_to_take_their_mean() -> None:
    """The head on `out.sum(1)` under readout 'mean' got "computes something beyond embedding
    → rnn → readout 'mean' → head, which lrp cannot explain" and no word of the sum."""
    torch.manual_seed(0)
    model = _Summed("mean").to(DT)
    with pytest.raises(RuntimeError) as info:
        lrp(model, _TOKENS, 0, lengths=[5, 3])
    assert str(info.value).endswith(
        "the model computes something beyond embedding → rnn → readout 'mean' → head, which "
        "lrp cannot explain. Its output is the head on the sum of the outputs over time "
        "(`out.sum(1)`); lrp's readout 'mean' divides that sum by each sequence's length: "
        f"divide so in forward ({_DIVIDE}) to explain the model."
    )
    model.readout = "last"
    with pytest.raises(RuntimeError) as info:
        lrp(model, _TOKENS, 0)
    assert str(info.value).endswith(
        "(`out.sum(1)`); lrp has no readout 'sum' (its readouts: 'last', 'mean', 'max'): take "
        f"the mean in forward ({_DIVIDE}) and set `readout = 'mean'` on the model to explain it."
    )


def test_the_sum_divided_as_advised_is_explained() -> None:
    torch.manual_seed(0)
    model = _Summed("mean").to(DT)
    lengths = torch.tensor([5, 3])
    model.forward = lambda tokens, lengths=None: model.head(  # as the hint says
        model.rnn(model.embedding(tokens), lengths=lengths)[0].sum(1) / lengths.unsqueeze(1)
    )
    ex = lrp(model, _TOKENS, 0, lengths=lengths, bias_factor=1.0)
    assert torch.allclose(ex.relevance.sum(1) + ex.initial_state, ex.score, atol=1e-12)


def _drawn(fig) -> tuple[list[str], float]:
    """The heatmap's row names as drawn and its width in inches."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    heatmap = fig.axes[1]
    width = heatmap.get_window_extent(canvas.get_renderer()).width / fig.dpi
    return [t.get_text() for t in heatmap.get_yticklabels()], width


def test_a_name_over_60_characters_is_drawn_as_its_ends_around_an_ellipsis() -> None:
    """Names of 100 characters squeezed the heatmap to 2.9 inches at the 12-inch cap, of 150
    collapsed the layout ("axes sizes collapsed to zero")."""
    import numpy as np

    from lstmkit.explain.render import plot_lags

    long = "average_daily_temperature_" + "x" * 100 + "_station_12_celsius"
    names = ["airline", long, "y" * 150]
    fig = plot_lags(np.arange(36.0), np.linspace(-1, 1, 108).reshape(36, 3), features=names)
    drawn, width = _drawn(fig)
    assert drawn == [
        "airline",
        "average_daily_temperature_xxxx…xxxxxxxxxx_station_12_celsius",  # 30, 29 characters
        "y" * 30 + "…" + "y" * 29,
    ]
    assert [round(float(v), 2) for v in fig.get_size_inches()] == [10.91, 4.6]
    assert width > 4.5  # inches: as with names of 60 characters (4.9), not 2.9


def test_a_long_name_is_cut_by_the_columns_it_is_drawn_in() -> None:
    from lstmkit.explain._lag_plot import _shortened

    # 144 columns, a CJK character two: 15 characters (30 columns) before, 14 (28) after
    assert (
        _shortened("日本語の列名" * 12) == "日本語の列名" * 2 + "日本語…列名" + "日本語の列名" * 2
    )
    assert _shortened("a" * 60) == "a" * 60  # 60 columns are drawn whole
    # an escaped dollar cut from its backslash is left out: two bare ones start mathtext
    assert _shortened("p" * 31 + "\\$" + "q" * 27 + "$") == "p" * 30 + "…" + "q" * 27 + "$"


def test_a_decoder_only_row_is_named_where_every_third_row_is() -> None:
    """With 200 features every third row is named: `constant`, the decoder's own row 200,
    went unnamed (200 is no multiple of 3)."""
    import numpy as np

    from lstmkit.explain.render import plot_lags

    features = [f"f{i}" for i in range(200)]
    fig = plot_lags(
        np.arange(4.0),
        np.ones((4, 200)),
        features=features,
        future=np.ones((2, 2)),
        future_features=["f0", "constant"],
    )
    drawn, _ = _drawn(fig)
    # rows 198 and 200 are 2 apart, closer than 3: 198 gives way to `constant`
    assert drawn[-3:] == ["f192", "f195", "constant"]
    assert drawn[:2] == ["f0", "f3"] and len(drawn) == 67

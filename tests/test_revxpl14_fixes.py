"""Review of xpl14: the `out.sum(1)` hint for a time-major rnn, long row names cut as drawn
(escapes and combining marks whole), adjacent decoder-only rows in a thinned heatmap."""

import numpy as np
import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.explain import lrp

DT = torch.float64
_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])


class _TimeMajorSum(nn.Module):
    """A time-major LSTM (`batch_first=False`) whose head reads `out.sum(0)`, or, `divided`,
    the sum over time divided by each length as the hint advises."""

    def __init__(self, divided: bool = False) -> None:
        super().__init__()
        self.readout = "mean"
        self.divided = divided
        self.embedding = nn.Embedding(50, 4)
        self.rnn = lstmkit.nn.LSTM(4, 6, bidirectional=True)
        self.head = nn.Linear(12, 3)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        out = self.rnn(self.embedding(tokens).transpose(0, 1), lengths=lengths)[0]  # [T, B, 2H]
        return self.head(out.sum(0) / lengths.unsqueeze(1) if self.divided else out.sum(0))


def test_a_time_major_model_is_told_to_sum_over_its_first_dimension() -> None:
    """A time-major model summing `out.sum(0)` was told to write `out.sum(1) / lengths...`,
    which sums its [T, B, H] outputs over the batch."""
    torch.manual_seed(0)
    lengths = torch.tensor([5, 3])
    with pytest.raises(RuntimeError) as info:
        lrp(_TimeMajorSum().to(DT), _TOKENS, 0, lengths=lengths)
    assert str(info.value).endswith(
        "Its output is the head on the sum of the outputs over time (`out.sum(0)`); lrp's "
        "readout 'mean' divides that sum by each sequence's length: divide so in forward "
        "(`out.sum(0) / lengths.unsqueeze(1)` with padding, else `out.mean(0)`) to explain "
        "the model."
    )
    torch.manual_seed(0)
    ex = lrp(_TimeMajorSum(divided=True).to(DT), _TOKENS, 0, lengths=lengths, bias_factor=1.0)
    assert torch.allclose(ex.relevance.sum(1) + ex.initial_state, ex.score, atol=1e-12)


def test_a_long_name_is_cut_between_escapes_and_accented_letters() -> None:
    """`lstmkit explain` hands plot_lags names escaped already (`\\u92b7` for 銷): the cut
    drew `…u92b7`; an accent written as a combining mark (NFD `e` + U+0301) sat on the
    ellipsis."""
    from lstmkit.explain._lag_plot import _shortened

    escaped = "\\u92b7"
    assert _shortened(escaped * 20) == escaped * 5 + "…" + escaped * 4  # 30 + 1 + 24 columns
    accented = "e\u0301"
    assert _shortened(accented * 80) == accented * 30 + "…" + accented * 29
    assert _shortened("👩\u200d💻" * 40) == "👩\u200d💻" * 15 + "…" + "👩\u200d💻" * 14


def test_a_name_drawn_as_escapes_is_cut_by_the_columns_drawn() -> None:
    """40 Chinese characters (80 columns) were cut to 29 and then escaped: 175 columns drawn,
    the figure at its 12-inch cap as names of 100 letters squeezed the heatmap."""
    import matplotlib

    from lstmkit.explain.render import plot_lags

    rc = {"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}
    with matplotlib.rc_context(rc), pytest.warns(UserWarning, match="drawn as escapes"):
        fig = plot_lags(np.arange(4.0), np.ones((4, 2)), features=["a", "銷" * 40])
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == [
        "a",
        "\\u92b7" * 5 + "…" + "\\u92b7" * 4,
    ]
    assert [round(float(v), 3) for v in fig.get_size_inches()] == [10.485, 4.6]  # 55 columns


def test_adjacent_decoder_only_rows_are_named_each_every_th() -> None:
    """With 203 rows every third is named; the three decoder-only rows 200-202 (`constant` and
    two future covariates the window lacks) were all named, 0.1 inch apart, one name over the
    next."""
    from lstmkit.explain.render import plot_lags

    fig = plot_lags(
        np.arange(4.0),
        np.ones((4, 200)),
        features=[f"f{i}" for i in range(200)],
        future=np.ones((2, 3)),
        future_features=["constant", "promo", "holiday"],
    )
    drawn = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert drawn[-3:] == ["f192", "f195", "constant"] and len(drawn) == 67
    fig = plot_lags(  # every second row: `constant` (100) and `holiday` (102)
        np.arange(4.0),
        np.ones((4, 100)),
        features=[f"f{i}" for i in range(100)],
        future=np.ones((2, 3)),
        future_features=["constant", "promo", "holiday"],
    )
    drawn = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert drawn[-3:] == ["f98", "constant", "holiday"] and len(drawn) == 52


def test_a_name_of_three_dollars_cut_to_two_is_not_drawn_as_mathtext(tmp_path) -> None:
    """A name of three `$` is drawn as it is; cut to two it was read as mathtext, and saving
    the figure failed ("Unknown symbol: \\q")."""
    from lstmkit.explain._lag_plot import _shortened
    from lstmkit.explain.render import plot_lags

    name = "a$" + "b" * 40 + "$" + "c" * 40 + "\\q$d"
    cut = "a\\$" + "b" * 28 + "…" + "c" * 25 + "\\q\\$d"
    assert _shortened(name) == cut
    fig = plot_lags(
        np.arange(4.0), np.ones((4, 2)), features=["x", name], path=tmp_path / "lags.png"
    )
    assert fig.axes[1].get_yticklabels()[1].get_text() == cut
    # a name drawn as mathtext (two `$`) keeps its `$` as they are
    assert _shortened("$x$" + "y" * 80) == "$x$" + "y" * 27 + "…" + "y" * 29

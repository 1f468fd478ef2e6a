"""Fixes from reproducing Arras et al. (2017) on SST: word-deletion curves drawn."""

from __future__ import annotations

import torch

from lstmkit.explain import compare
from lstmkit.explain.evaluate import Faithfulness
from lstmkit.text import TextClassifier


def test_faithfulness_plot_draws_the_deletion_curves_with_labelled_axes(tmp_path) -> None:
    """`compare(...)` gave the curves as tensors only: a researcher drew Arras et al.'s
    word-deletion figure by hand, guessing what the x axis counts. `.plot()` draws one line per
    method, best AOPC first in the legend, and says what the axes are."""
    faith = Faithfulness(
        curves={"random": torch.tensor([2.0, 1.9, 1.8]), "lrp": torch.tensor([2.0, 1.0, 0.5])},
        aopc={"random": 0.1, "lrp": 0.8333},
        aopc_std_error={"random": 0.01, "lrp": 0.02},
    )
    fig = faith.plot(path=tmp_path / "curves" / "deletion.png")
    (ax,) = fig.axes
    assert ax.get_xlabel() == "steps deleted, most relevant first (k)"
    assert ax.get_ylabel() == "target score (raw, mean over sequences)"
    assert ax.get_title() == "deletion curves"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "lrp (AOPC 0.833)",
        "random (AOPC 0.100)",
    ]
    assert [line.get_xdata().tolist() for line in ax.lines] == [[0, 1, 2], [0, 1, 2]]
    assert [line.get_ydata().tolist() for line in ax.lines] == [
        [2.0, 1.0, 0.5],
        [2.0, 1.899999976158142, 1.7999999523162842],  # float32 read as float64
    ]
    assert (tmp_path / "curves" / "deletion.png").stat().st_size > 0
    assert faith.plot(title="SST-2 test").axes[0].get_title() == "SST-2 test"


def test_compare_plot_has_one_line_per_method() -> None:
    torch.manual_seed(0)
    model = TextClassifier(20, 4, 3, 2).double().eval()
    tokens = torch.tensor([[5, 17, 3, 12], [7, 8, 11, 0]])
    faith = compare(model, tokens, lengths=[4, 3], methods=["lrp", "random"], steps=2)
    ax = faith.plot().axes[0]
    assert len(ax.lines) == 2
    assert (
        ax.lines[0].get_ydata().tolist()
        == faith.curves[max(faith.aopc, key=faith.aopc.get)].tolist()
    )

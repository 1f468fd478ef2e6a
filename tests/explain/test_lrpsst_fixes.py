"""Fixes from reproducing Arras et al. (2017) on SST: word-deletion curves drawn, the
terminal's colours explained."""

from __future__ import annotations

import sys

import pytest
import torch

from lstmkit.cli import main
from lstmkit.explain import compare
from lstmkit.explain.evaluate import Faithfulness
from lstmkit.explain.render import terminal_legend, to_html
from lstmkit.text import SentimentPredictor, TextClassifier


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


def test_coloured_sentence_has_a_key_to_its_colours(classifier_dir, capsys, monkeypatch) -> None:
    """On a terminal `lstmkit explain` printed the sentence in red and blue with nothing saying
    which is which, nor how strong a full colour is (the HTML page has a legend)."""
    text = "a good film"
    predictor = SentimentPredictor.load(classifier_dir)
    label = predictor.predict(text)[0]
    vmax = max(abs(r) for _, r in predictor.explain(text))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["explain", str(classifier_dir), "--text", text, "--no-progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].startswith("\x1b[48;2;")  # the coloured sentence
    assert lines[3] == f"red: for {label}, blue: against (full at ±{vmax:.3g})"
    assert lines[4].startswith("top 3 contributions:")
    # plain text prints the numbers, which need no key
    assert main(["explain", str(classifier_dir), "--text", text, "--no-color"]) == 0
    assert not any(line.startswith("red: ") for line in capsys.readouterr().out.splitlines())


def test_terminal_legend_exact() -> None:
    assert terminal_legend(["a", "b"], [0.5, -2.0], "pos\n") == (
        "red: for pos\\n, blue: against (full at ±2)"
    )
    assert terminal_legend(["a"], [0.0], "neg") == "red: for neg, blue: against (full at ±0)"
    with pytest.raises(ValueError, match=r"one value per token \(2\), got shape \(1,\)\.$"):
        terminal_legend(["a", "b"], [1.0], "neg")


def test_html_legend_names_the_class_the_colours_speak_for() -> None:
    """The page's legend read "-2.31 against" and "+2.31 for", for or against nothing named."""
    page = to_html(["a", "b"], [0.5, -2.0], predicted="positive", score=1.0)
    assert "<span>-2 against positive</span>" in page and "<span>+2 for positive</span>" in page
    page = to_html(["a"], [0.5], predicted="positive", target="<neg>")
    assert "<span>-0.5 against &lt;neg&gt;</span>" in page
    assert "<span>+0.5 for &lt;neg&gt;</span>" in page
    page = to_html(["a"], [0.5], predicted=1)
    assert "<span>-0.5 against 1</span>" in page and "<span>+0.5 for 1</span>" in page
    assert "<span>-0.5 against</span>" in to_html(["a"], [0.5])  # no class given

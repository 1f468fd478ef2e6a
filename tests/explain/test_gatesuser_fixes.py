"""Gate traces as a researcher reads them (Karpathy et al. 2015): the characters of a
character LM as step labels."""

from __future__ import annotations

import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lstmkit.explain.gates import plot_gates


def _forget_gate(steps: int) -> dict[str, torch.Tensor]:
    torch.manual_seed(0)
    return {"f": torch.rand(1, steps, 3)}


def test_step_labels_show_newlines_and_control_characters_as_escapes() -> None:
    # a newline was an empty tick (or two lines), a tab or \x1b a box with a "Glyph missing"
    # warning, which pytest's filterwarnings=error turns into a failure
    chars = list("a:\n\tb\x1b ")
    fig = plot_gates(_forget_gate(len(chars)), labels=chars)
    FigureCanvasAgg(fig).draw()
    shown = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert shown == ["a", ":", "\\n", "\\t", "b", "\\x1b", " "]


def test_step_labels_with_dollar_signs_are_drawn_as_written_not_as_mathtext() -> None:
    # "$1 and $2" was drawn as mathtext: an italic "1and2", its spaces gone
    tokens = ["costs", "$1 and $2", "$"]
    fig = plot_gates(_forget_gate(len(tokens)), labels=tokens)
    FigureCanvasAgg(fig).draw()
    labels = fig.axes[0].get_xticklabels()
    assert [t.get_text() for t in labels] == tokens
    assert [t.get_parse_math() for t in labels] == [False, False, False]

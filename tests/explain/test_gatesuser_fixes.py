"""Gate traces as a researcher reads them (Karpathy et al. 2015): the characters of a
character LM as step labels, saturation over a text read in windows."""

from __future__ import annotations

import pytest
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg

import lstmkit
from lstmkit.explain.gates import plot_cell_states, plot_gates, saturation
from lstmkit.nn.trace import GateTrace


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


def test_saturation_counts_every_call_of_a_layer_not_only_the_latest() -> None:
    # A text read in windows with the state carried (or generated a step at a time) calls the
    # layer once per window: saturation(tr) counted the last window only, steps 2 of 5
    lstm = lstmkit.nn.LSTM(1, 1, bias=False, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        lstm.weight_hh_l0.zero_()  # each gate is σ(w x_t): saturated where |x_t| is large
        lstm.weight_ih_l0.copy_(torch.tensor([[1.0], [1.0], [1.0], [-1.0]]))
    text = torch.tensor([[[5.0], [-5.0], [0.0], [5.0], [5.0]]], dtype=torch.float64)
    with lstmkit.trace(lstm) as tr:
        state = None
        for window in text.split(3, dim=1):  # steps 0-2, then 3-4
            _, state = lstm(window, state)
    stats = saturation(tr).set_index("gate")
    # i and f: σ(5) > 0.9 at steps 0, 3, 4 and σ(-5) < 0.1 at step 1; o is their mirror
    assert stats["steps"].tolist() == [5, 5, 5]
    assert stats.loc["i", ["left", "right"]].tolist() == [0.2, 0.6]
    assert stats.loc["f", ["left", "right"]].tolist() == [0.2, 0.6]
    assert stats.loc["o", ["left", "right"]].tolist() == [0.6, 0.2]


def test_saturation_of_every_call_counts_each_call_s_own_padding() -> None:
    lstm = lstmkit.nn.LSTM(1, 1, bias=False, batch_first=True, dtype=torch.float64)
    with torch.no_grad():
        lstm.weight_hh_l0.zero_()
        lstm.weight_ih_l0.fill_(1.0)
    big = torch.full((2, 3, 1), 5.0, dtype=torch.float64)
    with lstmkit.trace(lstm) as tr:
        lstm(big, lengths=[3, 1])  # 4 steps, all above 0.9
        lstm(-big[:1, :2])  # 2 steps, all below 0.1
    stats = saturation(tr).set_index("gate")
    assert stats.loc["f", ["left", "right", "steps"]].tolist() == [2 / 6, 4 / 6, 6]
    # a mapping of one call each is read as given
    latest = saturation({"l0": tr["l0"]}).set_index("gate")
    assert latest.loc["f", ["left", "right", "steps"]].tolist() == [1.0, 0.0, 2]


def _cell_states(steps: int, lengths: list[int] | None = None) -> GateTrace:
    torch.manual_seed(0)
    values = {"f": torch.rand(len(lengths or [1]), steps, 3)}
    values["c"] = torch.randn(len(lengths or [1]), steps, 3)
    return GateTrace(values, None if lengths is None else torch.tensor(lengths), {})


def test_cell_state_trajectories_are_labelled_with_the_characters_read() -> None:
    # Karpathy et al.'s figures: a cell's value under each character; plot_cell_states took
    # no labels (TypeError: unexpected keyword argument 'labels')
    # one label per step of the padded batch (5; a 6th was drawn from without a word before
    # revxp17, which refuses any count but the sequence's 3 steps or the batch's 5)
    fig = plot_cell_states(_cell_states(5, lengths=[5, 3]), sample=1, labels="ab\ncd")
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "\\n"]
    assert list(ax.get_xticks()) == [0, 1, 2]
    assert [len(line.get_xdata()) for line in ax.get_lines()] == [3, 3, 3]


def test_cell_state_labels_must_cover_the_sequence() -> None:
    with pytest.raises(ValueError) as err:
        plot_cell_states(_cell_states(5), labels="abc")
    assert str(err.value) == (
        "`labels` must give a label to each of the 5 steps of sequence 0, got 3."
    )

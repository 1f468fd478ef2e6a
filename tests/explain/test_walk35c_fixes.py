"""walk35c: README's "Gates", "Character language model" and "Sequence to sequence", walked
as a teacher preparing a CPU lab whose figures are projected."""

from __future__ import annotations

import shlex
import struct
from pathlib import Path

import pytest
import torch
from matplotlib.axes import Axes
from matplotlib.text import Text

from lstmkit.cli import main
from lstmkit.explain.gates import export_npz, plot_cell_states, plot_gates
from lstmkit.text import CharLMConfig
from lstmkit.text.charlm import CharLM, CharLMResult, CharVocab, save_charlm, train_charlm

README = Path(__file__).resolve().parents[2] / "README.md"


class _Gates(dict):
    lengths = None


def _left_title(ax: Axes) -> Text:
    """The Text of ``ax``'s left-hand title (``ax.title`` is the centred one)."""
    return next(t for t in ax.findobj(Text) if t.get_text() == ax.get_title(loc="left"))


def test_plot_gates_names_each_colour_scale_and_titles_its_panels_as_large_as_its_ticks():
    # the colour bars had no label (plot_lags' and plot_sentences' say what they show), and the
    # panels' titles were 8 points beside tick labels of 10: unreadable on a projector
    g = _Gates(f=torch.rand(1, 40, 3), c=torch.randn(1, 40, 3))
    fig = plot_gates(g)
    heatmaps, bars = fig.axes[:2], fig.axes[2:]
    assert [bar.get_ylabel() for bar in bars] == ["value of f", "value of c"]
    assert [_left_title(ax).get_fontsize() for ax in heatmaps] == [10.0, 10.0]
    assert [ax.get_title(loc="left") for ax in heatmaps] == [
        "forget gate (f): 1 keeps the cell state, 0 erases it",
        "cell state (c)",
    ]


def test_plot_gates_gives_a_narrow_figures_gate_meaning_a_line_of_its_own():
    # at 10 points the longest title ran past the colour bar of the 4-inch figure of 3 steps
    fig = plot_gates(_Gates(i=torch.rand(1, 3, 2), f=torch.rand(1, 13, 2)[:, :3]))
    assert fig.get_size_inches()[0] == 4.0
    assert [ax.get_title(loc="left") for ax in fig.axes[:2]] == [
        "input gate (i):\n1 writes the candidate into the cell state",
        "forget gate (f):\n1 keeps the cell state, 0 erases it",
    ]
    # the box of what is drawn ("tight", 0.1 inch of padding each side): nothing past the
    # figure's edge (one line each, the box was 440 pixels wide under matplotlib 3.7)
    png = fig._repr_png_()
    assert struct.unpack(">I", png[16:20])[0] <= (4.0 + 0.2) * fig.dpi


def test_plot_cell_states_names_its_value_axis_in_words():
    # the axis said "c" (or "h") alone
    c = torch.linspace(0, 1, 8).reshape(1, 4, 2)
    lstm = plot_cell_states(_Gates(c=c, h=c)).axes[0]
    gru = plot_cell_states(_Gates(h=c)).axes[0]
    assert (lstm.get_ylabel(), lstm.get_title()) == ("cell state c", "cell state trajectories")
    assert (gru.get_ylabel(), gru.get_title()) == ("hidden state h", "hidden state trajectories")


def test_readme_gives_the_size_the_default_charlm_shows_in_a_notebook():
    # README said `CharLM (4,265 parameters)` for the result of `train-lm shakespeare`: the
    # default model on Tiny Shakespeare's 65 characters has 876,929 (as --json's "parameters")
    result = CharLMResult(
        model=CharLM(vocab_size=65),
        vocab=CharVocab("ab"),
        config=CharLMConfig(),
        metrics={"history": [(200, 1.0, 2.0), (400, 2.0, 1.9), (600, 3.0, 1.8), (719, 4.0, 1.7)]},
    )
    assert repr(result).startswith("CharLMResult(model=CharLM (876,929 parameters), ")
    assert repr(result).endswith("metrics={'history': <list of 4>})")
    readme = " ".join(README.read_text("utf-8").split())
    quoted = "(`CharLM (876,929 parameters)` for the `result` of `train_charlm(load_shakespeare(),"
    assert quoted in readme
    assert "4,265 parameters" not in readme


def test_readme_generate_line_runs_as_pasted_on_one_thread(tmp_path, capsys, monkeypatch):
    # the README's generate line ran on torch's threads beside the training's --threads 1: on
    # the shared machine its 200 characters took 23-29 s, and 11 s with --threads 1
    block = README.read_text("utf-8").split("### Character language model")[1].split("```")[1]
    line = next(w for w in block.splitlines() if w.startswith("lstmkit text generate"))
    assert line.endswith(" --seed 0 --threads 1")
    text = "ROMEO:\nBut soft, what light through yonder window breaks?\n" * 4
    config = CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=2, progress=False
    )
    save_charlm(train_charlm(text, config), tmp_path / "runs" / "shakespeare")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    threads = torch.get_num_threads()
    try:
        assert main(shlex.split(line)[1:]) == 0
    finally:
        torch.set_num_threads(threads)
    out = capsys.readouterr().out
    assert out.startswith("ROMEO:") and len(out) == len("ROMEO:") + 200 + 1


@pytest.mark.parametrize("path", [".", "", "./"])
def test_export_npz_refuses_the_working_folder_by_name(tmp_path, monkeypatch, path):
    # it failed inside pathlib: "_GivenPath('.') has an empty name", naming no argument
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as err:
        export_npz({"l0": _Gates(f=torch.rand(1, 2, 3))}, path)
    assert str(err.value) == (
        "`path` must name a file, got the existing folder '.'; write into it with e.g. 'trace.npz'."
    )


@pytest.mark.parametrize(
    ("path", "example"),
    [("figs/", "figs/trace.npz"), ("figs/.", "figs/trace.npz"), ("figs/", "figs/figure.png")],
)
def test_a_path_written_as_a_folder_is_refused_not_written_beside_it(
    tmp_path, monkeypatch, path, example
):
    # "figs/" was read as "figs": export_npz wrote figs.npz, plot_gates figs.png, export_hdf5 a
    # file named figs, where the folder figs was meant
    monkeypatch.chdir(tmp_path)
    g = _Gates(f=torch.rand(1, 2, 3))
    with pytest.raises(ValueError) as err:
        if example.endswith(".npz"):
            export_npz({"l0": g}, path)
        else:
            plot_gates(g, path=path)
    assert str(err.value) == (
        f"`path` must name a file, got {path!r}, a folder's name; write into it with e.g. "
        f"{example!r}."
    )
    assert list(tmp_path.iterdir()) == []

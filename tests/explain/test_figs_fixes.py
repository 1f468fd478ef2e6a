"""Gate figures as a reader sees them: token labels that do not run into each other, a legend
beside the lines rather than over them."""

from __future__ import annotations

import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lstmkit.explain.gates import plot_cell_states, plot_gates


def _trace(steps: int, hidden: int = 8) -> dict[str, torch.Tensor]:
    torch.manual_seed(0)
    gates = {name: torch.rand(1, steps, hidden) for name in ("i", "f", "o")}
    return {**gates, "c": torch.randn(1, steps, hidden)}


def _drawn(fig):
    """``fig`` drawn (layout done), and its renderer, to measure the artists in pixels."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def test_step_labels_end_at_their_steps_so_a_long_token_stays_off_its_neighbours() -> None:
    words = ["the", "cinematography", "dazzles", ",", "its", "score", "soars", "."] * 5
    fig = plot_gates(_trace(len(words)), gates=["f"], labels=words)
    ax = fig.axes[0]
    renderer = _drawn(fig)
    labels = ax.get_xticklabels()
    assert [t.get_text() for t in labels] == words
    ticks = ax.transData.transform([(x, 0) for x in ax.get_xticks()])[:, 0]
    # each rotated label ends at its tick, whatever its length (its box reaches the same
    # ~9 px further, the height of its letters at 60 degrees); centred, "cinematography"
    # reached half its 14 letters to the right, over "dazzles" and ","
    past = [t.get_window_extent(renderer).x1 - x for t, x in zip(labels, ticks, strict=True)]
    assert max(past) - min(past) < 1.0  # "," has no ascender
    assert 0 < max(past) < 10
    # and all of them within the figure
    assert fig.get_tightbbox(renderer).x0 >= 0 and fig.get_tightbbox(renderer).y0 >= 0


def test_the_cell_state_legend_sits_beside_the_lines_within_the_figure() -> None:
    fig = plot_cell_states(_trace(30))
    ax = fig.axes[0]
    renderer = _drawn(fig)
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()][:2] == ["unit 6", "unit 0"]
    assert legend.get_window_extent(renderer).x0 > ax.get_window_extent(renderer).x1
    # the legend beside the axes still fits: nothing drawn past the figure's right edge
    assert fig.get_tightbbox(renderer).x1 <= fig.bbox_inches.x1

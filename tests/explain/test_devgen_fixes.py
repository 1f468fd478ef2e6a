"""``plot_cell_states`` with many units: the axes keep their room, and the default says which
units it chose."""

from __future__ import annotations

import pytest
import torch
from matplotlib import colormaps
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lstmkit.explain.gates import plot_cell_states


@pytest.mark.parametrize("hidden", [64, 128, 256])
def test_many_chosen_units_are_coloured_along_a_bar_and_leave_the_axes_their_room(hidden):
    # a legend of 64 units squeezed the axes to a strip (7 % of the figure's width); of 128
    # or 256, constrained layout gave up ("axes sizes collapsed to zero", an error here)
    torch.manual_seed(0)
    units = list(range(hidden - 1, -1, -1))  # the bar's ticks name the unit at each place
    c = torch.randn(1, 30, hidden)
    fig = plot_cell_states({"c": c}, units=units)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    ax, bar = fig.axes
    assert ax.get_legend() is None and len(ax.get_lines()) == hidden
    assert ax.get_window_extent().width > 0.7 * fig.bbox.width
    assert bar.get_ylabel() == "unit"
    ticks = [
        (round(t), label.get_text())
        for t, label in zip(bar.get_yticks(), bar.get_yticklabels(), strict=True)
        if label.get_text()
    ]
    assert ticks[0] == (0, str(hidden - 1))
    assert all(label == str(hidden - 1 - t) for t, label in ticks)
    assert len(ticks) >= 4
    # the first line is the first unit given, in the bar's first colour
    first = ax.get_lines()[0]
    assert first.get_ydata().tolist() == c[0, :, hidden - 1].double().tolist()
    assert first.get_color() == colormaps["viridis"](0.0)


def test_the_default_units_are_named_as_a_choice_where_the_layer_has_more():
    torch.manual_seed(0)
    legend = plot_cell_states({"c": torch.randn(1, 5, 256)}).axes[0].get_legend()
    assert legend.get_title().get_text() == "8 of 256 units,\nlargest range"
    assert len(legend.get_texts()) == 8
    # all of a small layer's units: no choice to name
    legend = plot_cell_states({"c": torch.randn(1, 5, 8)}).axes[0].get_legend()
    assert legend.get_title().get_text() == ""
    assert len(legend.get_texts()) == 8

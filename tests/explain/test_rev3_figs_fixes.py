"""Review of the gate figures' legend beside the axes: many units chosen still leave a plot."""

from __future__ import annotations

import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lstmkit.explain.gates import plot_cell_states


def test_a_legend_of_many_chosen_units_leaves_the_axes_their_room() -> None:
    torch.manual_seed(0)
    fig = plot_cell_states({"c": torch.randn(1, 30, 64)}, units=list(range(32)))
    canvas = FigureCanvasAgg(fig)
    # in one column, 32 entries were taller than the figure: constrained layout squeezed the
    # axes to a strip and gave up ("axes sizes collapsed to zero", a UserWarning, an error here)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend()
    columns = [round(t.get_window_extent(renderer).x0) for t in legend.get_texts()]
    # 12 entries at most per column: 11, 11, 10
    assert [columns.count(x) for x in sorted(set(columns))] == [11, 11, 10]
    axes, figure = ax.get_window_extent(renderer), fig.bbox
    assert axes.height > 0.6 * figure.height and axes.width > 0.3 * figure.width
    assert legend.get_window_extent(renderer).y0 >= 0
    assert fig.get_tightbbox(renderer).x1 <= fig.bbox_inches.x1

"""Gate plots and statistics with exact sizes, ticks, scales and messages."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit.explain.gates import (
    export_npz,
    plot_cell_states,
    plot_gates,
    plot_saturation,
    saturation,
)


class _Gates(dict):
    lengths = None


def _stats() -> object:
    g = _Gates(
        i=torch.tensor([[[0.05], [0.5], [0.95]]]),
        f=torch.tensor([[[0.5], [0.5], [0.95]]]),
        o=torch.tensor([[[0.05], [0.05], [0.5]]]),
    )
    return saturation({"l0": g, "l1": g})


def test_plot_saturation_is_one_panel_of_3_2_inches_a_gate_with_a_legend_of_the_layers():
    fig = plot_saturation(_stats())
    assert fig.get_size_inches().tolist() == pytest.approx([9.6, 3.2], rel=1e-12)
    assert [ax.get_title() for ax in fig.axes] == ["input gate", "forget gate", "output gate"]
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == [
        "l0 (1 unit)",
        "l1 (1 unit)",
    ]
    assert [ax.get_legend() for ax in fig.axes[1:]] == [None, None]
    # no sigmoid gate (a frame without rows): one empty panel, no legend
    empty = plot_saturation(_stats().iloc[:0])
    assert empty.get_size_inches().tolist() == pytest.approx([3.2, 3.2], rel=1e-12)
    assert len(empty.axes) == 1 and empty.axes[0].get_legend() is None


def test_plot_saturation_labels_thresholds_shortly_and_defaults_those_of_saturation():
    g = _Gates(f=torch.tensor([[[0.15], [0.5], [0.85]]]))
    ax = plot_saturation(saturation({"l0": g}, low=0.1 + 0.2, high=0.8)).axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == (
        "fraction of steps < 0.3",
        "fraction of steps > 0.8",
    )
    stats = saturation({"l0": g}, low=0.2, high=0.8)
    stats.attrs.clear()  # a frame that lost them (saved and read back, say)
    ax = plot_saturation(stats).axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == (
        "fraction of steps < 0.1",
        "fraction of steps > 0.9",
    )


@pytest.mark.parametrize(("steps", "width"), [(3, 4.0), (10, 5.0), (40, 14.0), (50, 16.0)])
def test_plot_gates_width_grows_with_the_steps_from_4_to_16_inches(steps, width):
    g = _Gates(f=torch.rand(1, steps, 2), c=torch.rand(1, steps, 2))
    fig = plot_gates(g)
    assert fig.get_size_inches().tolist() == pytest.approx([width, 1.6 * 2 + 0.6], rel=1e-12)
    assert len(fig.axes) == 4  # each panel has its colour bar


def test_plot_gates_ticks_every_tenth_step_and_every_kth_of_more_than_8_units():
    torch.manual_seed(0)
    g = _Gates(f=torch.rand(1, 20, 9))
    ax = plot_gates(g, units=range(9)).axes[0]
    assert ax.get_xticks().tolist() == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]
    assert ax.get_xlabel() == "time step"
    assert ax.get_yticks().tolist() == [0, 2, 4, 6, 8]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "2", "4", "6", "8"]


def test_plot_gates_centred_scale_is_at_least_one_and_skips_nan():
    c = torch.full((1, 3, 2), 0.25)
    assert plot_gates(_Gates(c=c)).axes[0].get_images()[0].get_clim() == (-1.0, 1.0)
    c[0, 0, 0], c[0, 1, 1] = float("nan"), -3.0
    assert plot_gates(_Gates(c=c)).axes[0].get_images()[0].get_clim() == (-3.0, 3.0)


def test_plot_gates_names_one_gate_it_lacks_without_a_list_of_them():
    g = _Gates(f=torch.rand(1, 3, 2), c=torch.rand(1, 3, 2))
    with pytest.raises(ValueError) as err:
        plot_gates(g, gates="x")
    assert (
        str(err.value) == "`gates` must name one or more gates of the trace (['f', 'c']), got 'x'."
    )


@pytest.mark.parametrize("plot", [plot_gates, plot_cell_states])
def test_a_negative_sample_is_refused(plot):
    g = _Gates(c=torch.rand(2, 3, 2))
    with pytest.raises(ValueError) as err:
        plot(g, sample=-1)
    assert str(err.value) == (
        "`sample` must be an integer in [0, 2) (the traced batch), got -1 (a negative sample does "
        "not count from the end: the last is 1)."
    )


def test_plot_cell_states_draws_the_8_units_of_largest_range_largest_first():
    # unit u rises by u / 10 over the steps: the widest range is unit 9, then 8, ...
    steps = torch.linspace(0, 1, 4)[:, None]
    c = (steps * torch.arange(10) / 10)[None]  # [1, 4, 10]
    fig = plot_cell_states(_Gates(c=c, h=c.flip(-1)))
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()] == [f"unit {u}" for u in range(9, 1, -1)]
    assert (ax.get_title(), ax.get_ylabel()) == ("cell state trajectories", "cell state c")
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), c[0, :, 9].double().numpy())


def test_export_npz_adds_the_suffix_to_a_dotted_name(tmp_path):
    g = _Gates(f=torch.rand(1, 2, 3))
    assert export_npz({"l0": g}, tmp_path / "trace.v2") == tmp_path / "trace.v2.npz"
    with np.load(tmp_path / "trace.v2.npz") as loaded:
        assert loaded.files == ["l0/f"]


@pytest.mark.parametrize("plot", [plot_gates, plot_cell_states])
def test_an_empty_entry_is_named(plot):
    with pytest.raises(TypeError) as err:
        plot(_Gates())
    assert str(err.value) == (
        "`gate_trace` must be one entry of a trace (e.g. tr['l0']), a mapping of gate names to "
        "[B, T, H] tensors, got _Gates with no entries."
    )

"""Gate statistics from traces: saturation fractions, plots, array export."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import lstmkit
from lstmkit.explain.gates import (
    export_npz,
    plot_cell_states,
    plot_gates,
    plot_saturation,
    saturation,
)
from lstmkit.text import TextClassifier


class _Gates(dict):
    lengths = None


def test_saturation_fractions_are_exact() -> None:
    g = _Gates()
    # one sequence of 4 steps, 2 units; unit 0: 0.05, 0.5, 0.95, 0.99; unit 1: 0.5 always
    g["f"] = torch.tensor([[[0.05, 0.5], [0.5, 0.5], [0.95, 0.5], [0.99, 0.5]]])
    g["i"] = torch.full((1, 4, 2), 0.01)
    g["g"] = torch.zeros(1, 4, 2)  # not a sigmoid gate: not reported
    g.lengths = torch.tensor([3])  # the 4th step is padding
    stats = saturation({"rnn/l0": g}).set_index(["gate", "unit"])
    assert stats.loc[("f", 0), "left"] == pytest.approx(1 / 3)
    assert stats.loc[("f", 0), "right"] == pytest.approx(1 / 3)
    assert stats.loc[("f", 1), "left"] == 0.0
    assert stats.loc[("i", 1), "left"] == 1.0
    assert set(stats.index.get_level_values("gate")) == {"f", "i"}
    assert (stats["steps"] == 3).all()
    with pytest.raises(ValueError, match="`low` and `high`"):
        saturation({"rnn/l0": g}, low=0.9, high=0.1)
    # a string threshold was torch's "'<=' not supported between instances of 'float' and 'str'"
    with pytest.raises(TypeError) as err:
        saturation({"rnn/l0": g}, low="0.1")
    assert str(err.value) == "`low` and `high` must be numbers, got `low` (str)."
    with pytest.raises(TypeError) as err:
        saturation({"rnn/l0": g}, low=None, high=True)
    assert str(err.value) == (
        "`low` and `high` must be numbers, got `low` (NoneType) and `high` (bool)."
    )


def test_saturation_thresholds_are_strict_and_one_step_counts_once() -> None:
    # `left` is the fraction < low and `right` the fraction > high: values on a threshold are
    # in neither; a sequence of one valid step gives fractions 0 or 1
    g = _Gates()
    g["f"] = torch.tensor([[[0.25], [0.75], [0.125], [0.875]]])
    one = _Gates()
    one["f"] = torch.tensor([[[0.0], [0.5]]])
    one.lengths = torch.tensor([1])
    stats = saturation({"four": g, "one": one}, low=0.25, high=0.75).set_index("layer")
    assert (stats.loc["four", "left"], stats.loc["four", "right"]) == (0.25, 0.25)
    assert (stats.loc["one", "left"], stats.loc["one", "right"]) == (1.0, 0.0)
    assert stats.loc["one", "steps"] == 1
    with pytest.raises(ValueError) as err:
        saturation({"four": g}, low=0.5, high=0.5)
    assert str(err.value) == "`low` and `high` must satisfy 0 <= low < high <= 1, got 0.5, 0.5."


def test_saturation_counts_give_the_means_of_the_masks_bit_for_bit() -> None:
    # counted without a float64 copy of each mask; the fractions are the masks' means, to the bit
    g = _Gates()
    g["f"] = torch.rand(3, 7, 5, generator=torch.Generator().manual_seed(0))
    g.lengths = torch.tensor([7, 5, 1])
    stats = saturation({"k": g}, low=0.3, high=0.6)
    values = g["f"][torch.arange(7) < g.lengths[:, None]]  # the 13 valid steps
    assert stats["left"].tolist() == (values < 0.3).double().mean(0).tolist()
    assert stats["right"].tolist() == (values > 0.6).double().mean(0).tolist()
    assert sorted(set(stats["left"])) != [0.0]  # thirteenths, not all zero
    g.lengths = torch.tensor([0, 0, 0])  # no valid step: zeros, not NaN
    stats = saturation({"k": g})
    assert stats["left"].tolist() == [0.0] * 5 and (stats["steps"] == 0).all()


def test_real_trace_plots_and_export(tmp_path) -> None:
    torch.manual_seed(0)
    model = TextClassifier(20, 4, 3, 2)
    tokens = torch.tensor([[3, 4, 5, 6], [7, 8, 0, 0]])
    with lstmkit.trace(model) as tr, torch.no_grad():
        model(tokens, lengths=torch.tensor([4, 2]))
    stats = saturation(tr)
    assert set(stats["layer"]) == {"rnn/l0", "rnn/l0_reverse"}
    assert (stats["steps"] == 6).all()
    assert len(stats) == 2 * 3 * 3  # directions x gates (i, f, o) x units
    plot_gates(tr["rnn/l0"], sample=1, labels=["a", "b"], path=tmp_path / "g.png")
    with pytest.raises(ValueError, match=r"`sample` must be an integer in \[0, 2\) .*got 5"):
        plot_gates(tr["rnn/l0"], sample=5)
    with pytest.raises(ValueError, match=r"`sample` must be .*got 5"):
        plot_cell_states(tr["rnn/l0"], sample=5)
    with pytest.raises(ValueError, match=r"a label to each of the 4 steps of sequence 0, got 2"):
        plot_gates(tr["rnn/l0"], labels=["a", "b"])
    plot_cell_states(tr["rnn/l0_reverse"], path=tmp_path / "c.png")
    fig = plot_cell_states(tr["rnn/l0"], units=[2, np.int64(0)])
    lines = fig.axes[0].get_lines()
    assert [line.get_label() for line in lines] == ["unit 2", "unit 0"]
    np.testing.assert_allclose(lines[0].get_ydata(), tr["rnn/l0"]["c"][0, :, 2].double().numpy())
    # unit 3 raised numpy's IndexError; unit -1 drew unit 2 labelled "unit -1"
    for units, got in (
        ([3], "[3]."),
        ([0, -1, 5], "[0, -1, 5]; not unit indices: [-1, 5]."),
        ([], "[]."),
    ):
        with pytest.raises(ValueError) as err:
            plot_cell_states(tr["rnn/l0"], units=units)
        assert str(err.value) == (
            "`units` must be a non-empty list of unit indices in [0, 3) (the trace's hidden "
            f"size), got {got}"
        )
    plot_saturation(stats, tmp_path / "s.png")
    # the trace itself raised KeyError "no trace 'gate'"
    with pytest.raises(TypeError) as err:
        plot_saturation(tr, tmp_path / "never.png")  # type: ignore[arg-type]
    assert str(err.value) == (
        "`stats` must be the DataFrame of saturation(trace), with the columns ['layer', 'gate', "
        "'left', 'right'], got Trace; pass plot_saturation(saturation(tr))."
    )
    with pytest.raises(TypeError, match=r"got a DataFrame with the columns \['layer', 'left'\]"):
        plot_saturation(stats[["layer", "left"]])
    assert not (tmp_path / "never.png").exists()
    for name in ("g.png", "c.png", "s.png"):
        assert (tmp_path / name).stat().st_size > 1000
    assert export_npz(tr, tmp_path / "trace.npz") == tmp_path / "trace.npz"
    gates = [f"rnn/{d}/{g}" for d in ("l0", "l0_reverse") for g in ("i", "f", "g", "o", "c", "h")]
    with np.load(tmp_path / "trace.npz") as loaded:  # closed here, not whenever it is collected
        assert sorted(loaded.files) == sorted([*gates, "rnn/l0/lengths", "rnn/l0_reverse/lengths"])
        f = loaded["rnn/l0_reverse/f"]
        np.testing.assert_array_equal(f, tr["rnn/l0_reverse"]["f"].numpy())
        np.testing.assert_array_equal(loaded["rnn/l0/lengths"], [4, 2])


def test_hdf5_export_round_trips_or_names_its_dependency(tmp_path) -> None:
    from lstmkit.explain.gates import export_hdf5

    g = _Gates(f=torch.rand(2, 3, 4))
    try:
        import h5py
    except ImportError:
        with pytest.raises(ImportError, match="needs h5py"):
            export_hdf5({"rnn/l0": g}, tmp_path / "t.h5")
        return
    export_hdf5({"rnn/l0": g}, tmp_path / "t.h5")
    with h5py.File(tmp_path / "t.h5") as f:
        np.testing.assert_array_equal(f["rnn/l0/f"][()], g["f"].numpy())


def _small_trace():
    torch.manual_seed(0)
    m = lstmkit.LSTM(3, 4, batch_first=True)
    with lstmkit.trace(m) as tr:
        m(torch.randn(2, 5, 3), lengths=[5, 1])
    return tr


def test_plots_given_the_whole_trace_say_what_to_pass() -> None:
    tr = _small_trace()
    for plot in (plot_gates, plot_cell_states):
        with pytest.raises(TypeError) as err:
            plot(tr)
        assert str(err.value) == (
            "`gate_trace` must be one entry of a trace (one layer and direction), e.g. tr['l0'] "
            "(entries: ['l0']), got the whole Trace."
        )
    with pytest.raises(TypeError, match=r"got Tensor\.$"):
        plot_gates(torch.rand(1, 5, 4))
    with pytest.raises(TypeError) as err:
        saturation({"x": torch.rand(2, 3, 4)})
    assert str(err.value) == (
        "`trace` must map keys to gate traces (a lstmkit.trace result), but ['x'] hold Tensor; "
        "for one entry pass {key: tr[key]}."
    )


def test_export_npz_returns_the_file_it_wrote(tmp_path) -> None:
    tr = _small_trace()
    written = export_npz(tr, tmp_path / "no_suffix")
    assert written == tmp_path / "no_suffix.npz"  # numpy.savez's rule, now said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["no_suffix.npz"]
    with np.load(written) as loaded:
        np.testing.assert_array_equal(loaded["l0/lengths"], [5, 1])
    assert export_npz(tr, str(tmp_path / "t.npz")) == tmp_path / "t.npz"
    (tmp_path / "runs").mkdir()
    with pytest.raises(ValueError) as err:
        export_npz(tr, tmp_path / "runs")
    assert str(err.value) == (
        f"`path` must name a file, got the existing folder {str(tmp_path / 'runs')!r}; write into "
        f"it with e.g. {str(tmp_path / 'runs' / 'trace.npz')!r}."
    )
    assert not (tmp_path / "runs.npz").exists()
    # Missing folders are made, as for plots and Forecaster.save; a file on the way is refused.
    assert export_npz(tr, tmp_path / "new" / "dir" / "t") == tmp_path / "new" / "dir" / "t.npz"
    with np.load(tmp_path / "new/dir/t.npz") as loaded:
        np.testing.assert_array_equal(loaded["l0/lengths"], [5, 1])
    with pytest.raises(ValueError) as err:
        export_npz(tr, tmp_path / "no_suffix.npz" / "t.npz")
    assert str(err.value) == (
        f"`path` {str(tmp_path / 'no_suffix.npz' / 't.npz')!r} cannot be written: "
        f"{str(tmp_path / 'no_suffix.npz')!r} is a file, not a folder."
    )


def test_export_hdf5_refuses_a_folder_and_returns_the_file(tmp_path) -> None:
    h5py = pytest.importorskip("h5py")
    from lstmkit.explain.gates import export_hdf5

    tr = _small_trace()
    assert export_hdf5(tr, tmp_path / "t") == tmp_path / "t"  # written as named
    with h5py.File(tmp_path / "t") as f:
        np.testing.assert_array_equal(f["l0/f"][()], tr["l0"]["f"].numpy())
    with pytest.raises(ValueError, match="got the existing folder"):
        export_hdf5(tr, tmp_path)


def test_export_writes_a_bfloat16_trace_as_float32(tmp_path) -> None:
    """numpy has no bfloat16: the export failed with torch's 'Got unsupported ScalarType
    BFloat16' (export_hdf5 leaving an empty file behind); every bfloat16 value is a float32."""
    torch.manual_seed(0)
    m = lstmkit.GRU(3, 4, batch_first=True).bfloat16()
    with lstmkit.trace(m) as tr:
        m(torch.randn(2, 5, 3).bfloat16(), lengths=[5, 2])
    written = export_npz(tr, tmp_path / "t.npz")
    with np.load(written) as loaded:
        assert loaded["l0/z"].dtype == np.float32
        np.testing.assert_array_equal(loaded["l0/z"], tr["l0"]["z"].float().numpy())
        np.testing.assert_array_equal(loaded["l0/lengths"], [5, 2])
    h5py = pytest.importorskip("h5py")
    from lstmkit.explain.gates import export_hdf5

    with h5py.File(export_hdf5(tr, tmp_path / "t.h5")) as f:
        np.testing.assert_array_equal(f["l0/h"][()], tr["l0"]["h"].float().numpy())


def test_plot_gates_stays_slide_sized_for_long_sequences() -> None:
    """2,000 steps drew a figure 602 inches wide (a 72,240-pixel PNG) with 2,000 overlapping
    token labels; the width is capped and more than 100 labels are thinned to every k-th."""
    torch.manual_seed(0)
    g = _Gates({k: torch.rand(1, 2000, 3) for k in ("i", "f", "g", "o", "c", "h")})
    fig = plot_gates(g)
    assert fig.get_size_inches()[0] == 16.0
    fig = plot_gates(g, labels=[f"t{k}" for k in range(2000)], gates="f")
    ax = fig.axes[0]
    assert list(ax.get_xticks()[:3]) == [0, 20, 40]
    assert [t.get_text() for t in ax.get_xticklabels()[:3]] == ["t0", "t20", "t40"]
    assert len(ax.get_xticklabels()) == 100
    # every unit shows, blended, when there are more of them than pixel rows (256 in ~190)
    assert ax.get_images()[0].get_interpolation() == "antialiased"
    assert (ax.get_ylabel(), ax.get_title(loc="left")) == (
        "unit",
        "forget gate (f): 1 keeps the cell state, 0 erases it",
    )


def test_plot_gates_draws_block_means_of_a_very_long_sequence() -> None:
    """20,000 steps of 1,024 units took 30-40 s and 4 GB (matplotlib resampled the whole
    [H, T] image, several copies of it, for a figure ~1,900 pixels wide): more than 4,000 steps
    are drawn as float64 means over blocks of k steps, the axis still counted in steps."""
    torch.manual_seed(0)
    steps = 8003  # k = 3: 2,667 full blocks and one of 2 steps
    g = _Gates({k: torch.rand(1, steps, 4) for k in ("f", "c")})
    g["c"][0, 8001, 2] = -7.5  # in the partial last block: the scale still reaches it
    fig = plot_gates(g, units=[2, 0], labels=[f"t{k}" for k in range(steps)])
    for ax, name in zip(fig.axes[:2], ("f", "c"), strict=True):
        (image,) = ax.get_images()
        full = g[name][0, :8001, [2, 0]].double()
        expected = torch.cat(
            [full.view(2667, 3, 2).sum(1) / 3, g[name][0, 8001:, [2, 0]].double().sum(0)[None] / 2]
        )
        assert np.array_equal(image.get_array(), expected.T.numpy())
        assert image.get_extent() == [-0.5, 8003.5, 1.5, -0.5]
    assert fig.axes[1].get_xlim() == (-0.5, 8002.5)  # the partial block is cut at the last step
    assert fig.axes[1].get_images()[0].get_clim() == (-7.5, 7.5)
    assert [t.get_text() for t in fig.axes[1].get_xticklabels()[:3]] == ["t0", "t81", "t162"]
    # up to 4,000 steps every step is its own column, as before
    (image,) = plot_gates(_Gates({"f": g["f"][:, :4000]})).axes[0].get_images()
    assert np.array_equal(image.get_array(), g["f"][0, :4000].T.double().numpy())


def test_plot_gates_draws_the_chosen_gates_and_units_with_a_title() -> None:
    torch.manual_seed(0)
    g = _Gates({k: torch.rand(2, 5, 6) for k in ("i", "f", "g", "o", "c")})
    g["h"] = torch.rand(2, 5, 2) * 5 - 2.5  # a projected h (proj_size 2) may pass ±1
    fig = plot_gates(g, sample=1, gates=["c", "f"], units=[4, np.int64(1)], title="l0, seq 1")
    assert [t.get_text() for t in fig.texts] == ["l0, seq 1"]  # the suptitle (get_suptitle: 3.8)
    panels = fig.axes[:2]  # then the colour bars
    assert [ax.get_title(loc="left") for ax in panels] == [
        "cell state (c)",
        "forget gate (f):\n1 keeps the cell state, 0 erases it",
    ]
    for ax, name in zip(panels, ("c", "f"), strict=True):
        np.testing.assert_array_equal(
            ax.get_images()[0].get_array(), g[name][1][:, [4, 1]].T.double().numpy()
        )
    assert [t.get_text() for t in panels[0].get_yticklabels()] == ["4", "1"]
    # the centred scale reaches the largest |h| (it was clipped at ±1)
    (image,) = plot_gates(g, gates="h").axes[0].get_images()
    vmax = float(g["h"][0].abs().max())
    assert vmax > 1 and image.get_clim() == (-vmax, vmax)
    assert plot_gates(g, gates="f").axes[0].get_images()[0].get_clim() == (0.0, 1.0)
    with pytest.raises(ValueError) as err:
        plot_gates(g, gates=["f", "x", "z"])
    assert str(err.value) == (
        "`gates` must name one or more gates of the trace (['i', 'f', 'g', 'o', 'c', 'h']), got "
        "['f', 'x', 'z']; not in the trace: ['x', 'z']; 'z' (update gate) belongs to a GRU, not "
        "to an LSTM: its forget gate 'f' keeps c_{t-1} where a GRU's update gate keeps h_{t-1}."
    )
    with pytest.raises(ValueError) as err:
        plot_gates(g, gates=[])
    assert str(err.value).endswith("got [].")
    # with h of 2 units among gates of 6, a unit index must fit every panel drawn
    with pytest.raises(ValueError) as err:
        plot_gates(g, units=[0, 3])
    assert str(err.value) == (
        "`units` must be a non-empty list of unit indices in [0, 2) (the trace's hidden size), "
        "got [0, 3]; not unit indices: [3]."
    )
    assert len(plot_gates(g, gates=["i", "c"], units=[3]).axes[0].get_images()[0].get_array()) == 1


def test_plot_gates_refuses_gates_and_units_of_another_type_by_name() -> None:
    # were bare "'int' object is not iterable" / "'float' object is not iterable"
    g = _Gates({k: torch.rand(1, 3, 4) for k in ("f", "c")})
    with pytest.raises(TypeError) as err:
        plot_gates(g, gates=5)
    assert (
        str(err.value) == "`gates` must be a gate name or a list of them (['f', 'c']), got int 5."
    )
    with pytest.raises(TypeError) as err:
        plot_gates(g, units=2.5)
    assert str(err.value) == (
        "`units` must be a list of unit indices in [0, 4) (the trace's hidden size), got float 2.5."
    )


def test_plot_saturation_labels_the_thresholds_that_were_counted() -> None:
    """saturation(tr, low=0.2, high=0.8) was plotted under 'fraction < 0.1' and '> 0.9'."""
    g = _Gates(f=torch.tensor([[[0.15], [0.5], [0.85]]]))
    stats = saturation({"l0": g}, low=0.2, high=0.8)
    assert stats[["left", "right"]].to_numpy().tolist() == [[1 / 3, 1 / 3]]
    ax = plot_saturation(stats).axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == (
        "fraction of steps < 0.2",
        "fraction of steps > 0.8",
    )
    assert ax.get_xlim()[0] < 0 < 1 < ax.get_xlim()[1]  # a unit at (0, 0) shows whole
    ax = plot_saturation(saturation({"l0": g})).axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == (
        "fraction of steps < 0.1",
        "fraction of steps > 0.9",
    )


def test_plot_cell_states_takes_a_title() -> None:
    g = _Gates(h=torch.rand(1, 4, 3))
    assert plot_cell_states(g).axes[0].get_title() == "hidden state trajectories"
    assert plot_cell_states(g, title="GRU, seq 0").axes[0].get_title() == "GRU, seq 0"

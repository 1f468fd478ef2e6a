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
    plot_cell_states(tr["rnn/l0_reverse"], path=tmp_path / "c.png")
    plot_saturation(stats, tmp_path / "s.png")
    for name in ("g.png", "c.png", "s.png"):
        assert (tmp_path / name).stat().st_size > 1000
    names = export_npz(tr, tmp_path / "trace.npz")
    loaded = np.load(tmp_path / "trace.npz")
    assert sorted(loaded.files) == sorted(names)
    np.testing.assert_array_equal(loaded["rnn/l0_reverse/f"], tr["rnn/l0_reverse"]["f"].numpy())
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

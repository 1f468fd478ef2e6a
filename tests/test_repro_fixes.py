"""Runs that must repeat: the same inputs give the same files, byte for byte."""

from pathlib import Path

import pytest
from matplotlib import rcParams

from lstmkit.train import History, plot_history


def _history() -> History:
    return History(train_loss=[1.0, 0.5, 0.4], val_loss=[1.1, 0.7, 0.8], best_epoch=1)


@pytest.mark.parametrize("suffix", ["pdf", "svg", "SVG"])
def test_vector_figures_are_the_same_file_every_time(tmp_path: Path, suffix: str) -> None:
    # a PDF held its CreationDate and an SVG its Date and ids salted with a fresh uuid4, so the
    # same figure written twice gave two files that `cmp` told apart
    first = plot_history(_history(), path=tmp_path / f"a.{suffix}")
    plot_history(_history(), path=tmp_path / f"b.{suffix}")
    a, b = ((tmp_path / f"{name}.{suffix}").read_bytes() for name in "ab")
    assert a == b
    assert b"CreationDate" not in a and b"<dc:date>" not in a
    assert rcParams["svg.hashsalt"] is None  # put back as it was
    assert first.axes  # the figure is still returned


def test_a_salt_of_the_callers_is_kept(tmp_path: Path) -> None:
    rcParams["svg.hashsalt"] = "mine"
    try:
        plot_history(_history(), path=tmp_path / "a.svg")
        assert rcParams["svg.hashsalt"] == "mine"
    finally:
        rcParams["svg.hashsalt"] = None
    plot_history(_history(), path=tmp_path / "b.svg")
    # the ids hash the salt: another salt, other ids, the same drawing
    assert (tmp_path / "a.svg").read_bytes() != (tmp_path / "b.svg").read_bytes()

"""``lstmkit._figures``: the file a ``path=`` names, as matplotlib reads it, and the refusals."""

from __future__ import annotations

import struct
from pathlib import Path

import matplotlib
import pytest

from lstmkit._figures import figure_file, new_figure, output_file, save_figure


class _BytesPath:
    """An ``os.PathLike`` whose path is bytes (``os.fspath`` gives ``b"plot.png"``)."""

    def __fspath__(self) -> bytes:
        return b"plot.png"


def test_a_path_ending_in_a_dot_gets_the_format_after_the_dot_as_matplotlib_does(tmp_path):
    # matplotlib strips the trailing dots before it adds ".png": "plot." is plot.png
    assert figure_file(tmp_path / "plot.") == tmp_path / "plot.png"
    assert figure_file("plot..") == Path("plot.png")
    fig = new_figure(figsize=(2, 1))
    assert save_figure(fig, tmp_path / "plot.", dpi=10) == tmp_path / "plot.png"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plot.png"]


def test_a_path_without_a_suffix_gets_the_default_format():
    with matplotlib.rc_context({"savefig.format": "svg"}):
        assert figure_file("runs/plot") == Path("runs/plot.svg")
    assert figure_file("runs/plot") == Path("runs/plot.png")


def test_a_figure_is_saved_at_the_dpi_asked_for(tmp_path):
    fig = new_figure(figsize=(2, 1))
    file = save_figure(fig, tmp_path / "small.png", dpi=50)
    width, height = struct.unpack(">II", file.read_bytes()[16:24])  # the IHDR chunk
    assert (width, height) == (100, 50)


def test_a_path_like_of_bytes_is_named():
    with pytest.raises(TypeError) as err:
        figure_file(_BytesPath())
    assert str(err.value) == "`path` must be a str or Path, got the bytes path b'plot.png'."
    with pytest.raises(TypeError) as err:
        output_file(_BytesPath(), ".npz", example="trace.npz")
    assert str(err.value) == "`path` must be a str or Path, got _BytesPath."


def test_output_file_adds_the_suffix_to_the_whole_name(tmp_path):
    # "trace.v2" is trace.v2.npz (as numpy.savez writes it), not trace.npz
    assert output_file(tmp_path / "trace.v2", ".npz", example="t") == tmp_path / "trace.v2.npz"
    assert output_file(tmp_path / "t.npz", ".npz", example="t") == tmp_path / "t.npz"
    assert output_file(tmp_path / "t.h5", example="t") == tmp_path / "t.h5"
    assert list(tmp_path.iterdir()) == []

"""The PNG a notebook shows for lstmkit's ``Figure``, exactly: trimmed, padded, at its dpi."""

from __future__ import annotations

import io
import struct

import matplotlib
import matplotlib.image

from lstmkit._notebook_figure import Figure


def _figure() -> Figure:
    """4 x 3 inches at 100 dpi, holding only a 1.2 x 0.9 inch frame in its upper right."""
    fig = Figure(figsize=(4, 3), dpi=100)
    ax = fig.add_axes((0.6, 0.6, 0.3, 0.3))
    ax.set_xticks([])
    ax.set_yticks([])
    return fig


def test_the_png_is_what_is_drawn_with_a_tenth_of_an_inch_around_it():
    png = _figure()._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # (1.2 + 2 * 0.1) x (0.9 + 2 * 0.1) inches at 100 dpi: the rest of the figure is cut off
    assert struct.unpack(">II", png[16:24]) == (140, 110)
    pixels = matplotlib.image.imread(io.BytesIO(png))
    assert pixels.shape == (110, 140, 4)
    assert pixels[0, 0].tolist() == [1.0, 1.0, 1.0, 1.0]  # the padding: opaque white
    assert pixels[10, 10].tolist() == [0.0, 0.0, 0.0, 1.0]  # the frame's corner, 10 px in
    assert pixels[55, 70].tolist() == [1.0, 1.0, 1.0, 1.0]  # inside the frame


def test_the_png_is_at_the_figures_dpi_whatever_savefigs_default():
    # as the inline backend draws it; savefig alone would use rcParams["savefig.dpi"]
    with matplotlib.rc_context({"savefig.dpi": 300}):
        png = _figure()._repr_png_()
    assert struct.unpack(">II", png[16:24]) == (140, 110)


def test_the_png_is_in_the_figures_own_colours_whatever_savefigs_default():
    # as the inline backend draws it; savefig alone would use rcParams["savefig.facecolor"]
    fig = _figure()
    fig.set_facecolor((0.0, 0.0, 1.0))
    with matplotlib.rc_context({"savefig.facecolor": "red", "savefig.edgecolor": "yellow"}):
        png = fig._repr_png_()
    pixels = matplotlib.image.imread(io.BytesIO(png))
    assert pixels[0, 0].tolist() == [0.0, 0.0, 1.0, 1.0]  # the padding: the figure's blue

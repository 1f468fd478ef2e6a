"""The suite's CPU time (speed29): drawing the PNGs of the CLI's forecast runs was a third of
the CPU time of the tests that run them, though most read no figure; these pin the fixtures
that skip the drawing."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from lstmkit._figures import save_figure


def _figure() -> Figure:
    fig = Figure()
    fig.add_subplot().plot([1, 2, 3])
    return fig


def test_undrawn_figures_creates_each_file_empty_where_lstmkit_saves_it(
    tmp_path: Path, undrawn_figures: None
) -> None:
    # lstmkit writes a figure whole (to a temporary file, then renamed): the empty file still
    # arrives under its own name, the folders made, nothing else left beside it
    written = save_figure(_figure(), tmp_path / "run" / "forecast.png", dpi=100)
    assert written == tmp_path / "run" / "forecast.png"
    assert [p.name for p in (tmp_path / "run").iterdir()] == ["forecast.png"]
    assert written.read_bytes() == b""


def test_undrawn_figures_block_draws_again_after_its_block(
    tmp_path: Path, undrawn_figures_block
) -> None:
    with undrawn_figures_block():
        _figure().savefig(tmp_path / "empty.png")
    _figure().savefig(tmp_path / "drawn.png")
    assert (tmp_path / "empty.png").read_bytes() == b""
    assert (tmp_path / "drawn.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_test_without_the_fixture_draws_its_figures(tmp_path: Path) -> None:
    # the patch is undone after each test, whichever ran before it on this worker
    save_figure(_figure(), tmp_path / "drawn.png", dpi=50)
    assert (tmp_path / "drawn.png").read_bytes()[:4] == b"\x89PNG"

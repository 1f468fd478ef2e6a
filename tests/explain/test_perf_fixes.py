"""Speed-ups on the explanation side, each pinned by its test (the speed itself is measured in
benchmarks/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_text_commands_import_no_plotting_library(classifier_dir: Path) -> None:
    # render.py imported matplotlib (0.3-0.5 s) for plot_lags alone: `text predict` and
    # `explain` on a text, which print text, paid it on every call
    code = (
        "import sys\n"
        "from lstmkit.cli import main\n"
        f"folder = {str(classifier_dir)!r}\n"
        "codes = [main(['text', 'predict', folder, 'a good film', '--explain']),\n"
        "         main(['explain', folder, '--text', 'a good film'])]\n"
        "print(codes, 'matplotlib' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.splitlines()[-1] == "[0, 0] False"


def test_plot_lags_is_still_read_from_render() -> None:
    from lstmkit.explain import _lag_plot, render
    from lstmkit.explain.render import plot_lags

    assert plot_lags is render.plot_lags is _lag_plot.plot_lags
    assert "plot_lags" in dir(render)
    fig = plot_lags([1.0, 2.0, 3.0], [0.5, -0.25, 0.0])
    assert [ax.get_ylabel() for ax in fig.axes] == ["input", "relevance"]

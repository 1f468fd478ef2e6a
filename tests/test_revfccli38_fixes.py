"""revfccli38: the review of fccli38's forecast command-line fixes (a refused move into --out,
a sticky --out of another user's run, the --plot and duration hints)."""

from __future__ import annotations

import pytest

EXPLAIN_PLOT = (
    "no flag draws a plot on screen: --out DIR writes it, DIR/relevance.png (a forecaster's "
    "relevance per lag and covariate, a classifier's first 10 sentences)"
)


@pytest.mark.parametrize("flag", ["--plot", "--show", "--png", "--shwo"])
def test_explain_a_plot_flag_is_told_where_the_plot_is(flag: str, flags_refusal) -> None:
    # forecast and predict were told; explain, whose --out writes relevance.png, said
    # "unrecognized arguments: --plot" alone
    assert flags_refusal(["explain", "runs/airline", "--step", "2", flag]) == (
        f"error: unrecognized arguments: {flag}; {EXPLAIN_PLOT} "
        "(`lstmkit explain --help` lists the flags)\n"
    )

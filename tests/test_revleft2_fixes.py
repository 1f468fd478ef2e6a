"""Fixes found reviewing the day's changes to the command line (tests fail without their fix)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import plot_forecast


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # -vv is -v twice to argparse: only what is missing is said
        (["text", "train-lm", "-vv"], "the following arguments are required: --out"),
        (["predict", "-vv"], "the following arguments are required: model"),
        (["text", "spell", "-vv", "m"], "the following arguments are required: number"),
        # the misspelt corpus, not -vv with it as a value
        (
            ["text", "train-lm", "--out", "lm", "-vv", "shakespear"],
            "argument corpus: invalid choice: 'shakespear' (choose from 'shakespeare'); did you "
            "mean 'shakespeare'?",
        ),
    ],
)
def test_combined_short_flags_are_no_stray(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`lstmkit text train-lm -vv` said "unrecognized arguments: -vv; the following arguments
    are required: --out", though argparse reads -vv as -v -v."""
    prog = " ".join(["lstmkit", *argv[: 2 if argv[0] == "text" else 1]])
    assert flags_refusal(argv) == f"error: {said} (`{prog} --help` lists the flags)\n"


@pytest.mark.parametrize(("value", "said"), [(np.nan, "NaN"), (np.inf, "an infinite value")])
def test_plot_forecast_says_a_one_step_forecast_as_one(value: float, said: str) -> None:
    """A forecast of horizon 1 without a finite value was refused with "got NaN at all 1
    steps" (and an inf with "NaN or infinite values at all 1 steps")."""
    index = pd.date_range("2000-01", periods=25, freq="MS")
    history = pd.Series(np.arange(24.0), index=index[:24], name="x")
    forecast = pd.DataFrame({"forecast": [value]}, index=index[24:])
    with pytest.raises(ValueError) as err:
        plot_forecast(history, forecast)
    assert str(err.value) == (
        f"`forecast` must have a finite value in its 'forecast' column to draw, got {said} at "
        "its one step."
    )

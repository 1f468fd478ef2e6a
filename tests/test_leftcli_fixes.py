"""Fixes of the leftovers in the command line and the figures (tests fail without their fix)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.backtest import BacktestResult


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        # --json takes no value: --json=1, the suggestion read as given, is refused too
        (
            ["forecast", "airline", "--jsn=1"],
            "unrecognized arguments: --jsn=1; did you mean --json (it takes no value) for --jsn?",
            "forecast",
        ),
        # a flag that takes one: said as before
        (
            ["forecast", "airline", "--epocs=3"],
            "unrecognized arguments: --epocs=3; did you mean --epochs for --epocs?",
            "forecast",
        ),
        # one dash for two
        (
            ["forecast", "airline", "-json"],
            "unrecognized arguments: -json; did you mean --json for -json?",
            "forecast",
        ),
        (
            ["forecast", "airline", "-epochs", "3"],
            "unrecognized arguments: -epochs 3; did you mean --epochs for -epochs?",
            "forecast",
        ),
        # before the command's name: the top level's flag it looks like
        (
            ["--verbse", "forecast", "airline"],
            "unrecognized arguments: --verbse; did you mean --verbose for --verbse?",
            "forecast",
        ),
        # or the command's, with where it goes
        (
            ["--json", "forecast", "airline"],
            "unrecognized arguments: --json; did you mean `lstmkit forecast --json` for --json?",
            "forecast",
        ),
        # nothing close: no guess
        (["-x", "forecast", "airline"], "unrecognized arguments: -x", "forecast"),
        (["forecast", "airline", "-z"], "unrecognized arguments: -z", "forecast"),
    ],
)
def test_a_misspelt_flag_gets_a_guess_that_can_be_typed(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`forecast airline --jsn=1` was told "did you mean --json", which refuses the 1 too;
    `lstmkit --verbse forecast airline` and `forecast airline -json` got no guess at all."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit {prog} --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # the stray before the command's name was not named, only the --out still missing
        (
            ["text", "--foo", "train-lm"],
            "unrecognized arguments: --foo; the following arguments are required: --out",
        ),
        (
            ["text", "--outt", "train-lm"],
            "unrecognized arguments: --outt (did you mean `lstmkit text train-lm --out` for "
            "--outt?); the following arguments are required: --out",
        ),
        # the guess came after what is still required
        (
            ["text", "train-lm", "--outt", "lm"],
            "unrecognized arguments: --outt lm (did you mean --out for --outt?); "
            "the following arguments are required: --out",
        ),
        (
            ["text", "train-lm", "--jsn=1"],
            "unrecognized arguments: --jsn=1 (did you mean --json (it takes no value) for "
            "--jsn?); the following arguments are required: --out",
        ),
    ],
)
def test_the_stray_flag_and_its_guess_come_before_what_is_still_required(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`text --foo train-lm` said only "required: --out"; `text train-lm --outt lm` said
    "required: --out; did you mean --out for --outt?", the guess after the clause between."""
    assert flags_refusal(argv) == (
        f"error: {said} (`lstmkit text train-lm --help` lists the flags)\n"
    )


@pytest.mark.parametrize("refusal", ["the loss went bad; lower --lr.", "the loss went bad"])
def test_a_later_series_refusal_says_what_was_written_in_a_sentence_of_its_own(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    refusal: str,
) -> None:
    """`forecast --series-col ... --out` refused its second series with "... may help). (the
    series before it, a, was written ...)": a parenthesis after the refusal's full stop."""
    from lstmkit.cli import main
    from lstmkit.forecast import Forecaster

    fit, fits = Forecaster.fit, []

    def fails(self: Forecaster, *args: object, **kwargs: object) -> Forecaster:
        fits.append(1)
        if len(fits) > 1:  # the second series' model
            raise ValueError(refusal)
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(Forecaster, "fit", fails)
    dates = pd.date_range("2000-01-01", periods=40, freq="MS").strftime("%Y-%m-%d")
    rows = [(s, d, 10 + k % 12 + 5 * (s == "b")) for s in "ab" for k, d in enumerate(dates)]
    csv = tmp_path / "stores.csv"
    pd.DataFrame(rows, columns=["store", "date", "value"]).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--series-col", "store", "--date-col", "date"]
    argv += ["--value-col", "value", "--epochs", "1", "--ensemble", "1", "--horizon", "3"]
    argv += ["--no-stat-baselines", "--no-progress", "--json", "--out", str(tmp_path / "runs")]
    assert main(argv) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: series store=b: the loss went bad"
        + ("; lower --lr." if refusal.endswith(".") else ".")
        + " The series before it, a, was written to --out, and its summary.csv lists it alone."
    )


def _backtest_by_hand(drop: str | None = None, **summary: dict[str, float]) -> BacktestResult:
    """A two-origin result of 3 steps with a seasonal naive baseline in .metrics; ``drop``
    leaves a column out of .forecasts, ``summary`` replaces the default one."""
    truth = np.arange(6.0)
    forecasts = pd.DataFrame(
        {
            "origin": np.repeat([10, 13], 3),
            "cutoff": np.repeat([9, 12], 3),
            "timestamp": np.arange(10, 16),
            "step": np.tile([1, 2, 3], 2),
            "y_true": truth,
            "forecast": truth + 1,
            "seasonal_naive": truth - 1,
        }
    ).drop(columns=[] if drop is None else [drop])
    metrics = pd.DataFrame({"method": ["model", "seasonal_naive"] * 2})
    summary = summary or {"model": {"rmse": 1.0}, "seasonal_naive": {"rmse": 1.0}}
    return BacktestResult(forecasts, metrics, summary)


def test_a_hand_made_backtest_result_that_disagrees_with_itself_names_what_is_missing() -> None:
    """`BacktestResult.plot()` raised a bare KeyError 'seasonal_naive' (or 'model') where
    .metrics named a method that .forecasts or .summary lacked."""
    with pytest.raises(ValueError) as caught:
        _backtest_by_hand(drop="seasonal_naive").plot(title="t")
    assert str(caught.value) == (
        "`baseline` 'seasonal_naive' is a method of .metrics but no column of .forecasts, "
        "which has ['origin', 'cutoff', 'timestamp', 'step', 'y_true', 'forecast']."
    )
    lacking = _backtest_by_hand(model={"rmse": 2.0}, naive={"rmse": 3.0})
    with pytest.raises(ValueError) as caught:
        lacking.plot()
    assert str(caught.value) == (
        "the default `title` reads the RMSE of ['model', 'seasonal_naive'] from .summary, which "
        "has no 'rmse' for ['seasonal_naive'] (its keys: ['model', 'naive']); give `title`."
    )
    with pytest.raises(ValueError, match=r"has no 'rmse' for \['model'\] \(its keys: \['seas"):
        _backtest_by_hand(seasonal_naive={"rmse": 1.0}).plot(baseline=None)
    # with a title of its own, nothing else is read from .summary
    assert lacking.plot(title="t").axes[0].get_title() == "t"
    no_model = _backtest_by_hand(seasonal_naive={"rmse": 1.0}).plot(title="t")
    legend = no_model.axes[0].get_legend()
    assert [text.get_text() for text in legend.get_texts()] == [
        "truth",
        "forecast",
        "seasonal naive",
    ]

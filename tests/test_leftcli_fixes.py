"""Fixes of the leftovers in the command line and the figures (tests fail without their fix)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest

from lstmkit.backtest import BacktestResult
from lstmkit.train import History, plot_checks, plot_history

if TYPE_CHECKING:
    from matplotlib.legend import Legend


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        # --json takes no value: --json=1, the suggestion read as given, is refused too
        (
            ["forecast", "airline", "--jsn=1"],
            "unrecognized arguments: --jsn=1; did you mean --json (it takes no value)?",
            "forecast",
        ),
        # a flag that takes one: said as before
        (
            ["forecast", "airline", "--epocs=3"],
            "unrecognized arguments: --epocs=3; did you mean --epochs?",
            "forecast",
        ),
        # one dash for two
        (
            ["forecast", "airline", "-json"],
            "unrecognized arguments: -json; did you mean --json?",
            "forecast",
        ),
        (
            ["forecast", "airline", "-epochs", "3"],
            "unrecognized arguments: -epochs 3; did you mean --epochs?",
            "forecast",
        ),
        # before the command's name: the top level's flag it looks like
        (
            ["--verbse", "forecast", "airline"],
            "unrecognized arguments: --verbse; did you mean --verbose?",
            "forecast",
        ),
        # or the command's, with where it goes
        (
            ["--json", "forecast", "airline"],
            "unrecognized arguments: --json; did you mean `lstmkit forecast airline --json`?",
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
    ("argv", "said", "prog"),
    [
        (
            ["-verbose", "forecast", "airline"],
            "unrecognized arguments: -verbose; did you mean --verbose?",
            "",
        ),
        (
            ["forecast", "airline", "-verbose"],
            "unrecognized arguments: -verbose; did you mean --verbose?",
            " forecast",
        ),
        (
            ["forecast", "airline", "-help"],
            "unrecognized arguments: -help; did you mean --help?",
            " forecast",
        ),
        # a value given to the short flag itself: nothing it looks like
        (
            ["forecast", "airline", "-v=1"],
            "argument -v/--verbose: ignored explicit argument '1'",
            " forecast",
        ),
    ],
)
def test_a_long_flag_written_with_one_dash_over_a_short_one_gets_a_guess(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit -verbose forecast airline` said only "argument -v/--verbose: ignored explicit
    argument 'erbose'": argparse reads -verbose as -v with the value erbose."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit{prog} --help` lists the flags)\n"


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
            "unrecognized arguments: --outt (did you mean `lstmkit text train-lm --out` (it "
            "takes a value, given none)?); the following arguments are required: --out",
        ),
        # the guess came after what is still required
        (
            ["text", "train-lm", "--outt", "lm"],
            "unrecognized arguments: --outt lm (did you mean --out?); "
            "the following arguments are required: --out",
        ),
        (
            ["text", "train-lm", "--jsn=1"],
            "unrecognized arguments: --jsn=1 (did you mean --json (it takes no value)?); the "
            "following arguments are required: --out",
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
    undrawn_figures: None,
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
        "origins",
        "forecast",
        "seasonal naive",
    ]


def _histories(count: int) -> list[History]:
    return [
        History(train_loss=[1.0 + k, 0.5 + k], val_loss=[1.1 + k, 0.7 + k], best_epoch=1)
        for k in range(count)
    ]


def _columns(legend: Legend) -> int:
    """How many columns a drawn legend's entries stand in (their texts' left edges)."""
    return len({round(text.get_window_extent().x0) for text in legend.get_texts()})


def test_many_histories_draw_with_their_legend_beside_the_axes() -> None:
    """`lstmkit forecast airline --ensemble 30 --out run` warned "constrained_layout not
    applied because axes sizes collapsed to zero" (an error under -W error): the 32 entries of
    plot_history's legend outgrew the axes they sat in."""
    fig = plot_history(_histories(30))
    fig.savefig(io.BytesIO(), format="png", dpi=50)  # the layout is made as the figure is drawn
    ax = fig.axes[0]
    legend = ax.get_legend()
    texts = [text.get_text() for text in legend.get_texts()]
    assert texts == [f"training {k}" for k in range(1, 31)] + ["validation (dashed)", "best epoch"]
    assert _columns(legend) == 2  # 32 entries in columns of 16
    box = legend.get_window_extent()
    assert box.x0 > ax.get_window_extent().x1  # beside the axes, not in them
    assert ax.get_position().width > 0.5  # the axes keep most of the figure's width
    # ten histories and the two entries on the line styles: inside, as they were
    fig = plot_history(_histories(10))
    fig.savefig(io.BytesIO(), format="png", dpi=50)
    box, inside = fig.axes[0].get_legend().get_window_extent(), fig.axes[0].get_window_extent()
    assert inside.x0 < box.x0 < box.x1 < inside.x1
    assert _columns(fig.axes[0].get_legend()) == 1


def test_the_legend_names_only_the_histories_and_curves_that_look_different() -> None:
    """The 41st history or curve is drawn as the 1st: the legend named both, alike."""
    ax = plot_history(_histories(45)).axes[0]
    texts = [text.get_text() for text in ax.get_legend().get_texts()]
    assert texts == [f"training {k}" for k in range(1, 41)] + ["validation (dashed)", "best epoch"]
    curves = [[(1, 0.5 + k / 100), (2, 0.6)] for k in range(45)]
    fig = plot_checks(curves, ylabel="dev accuracy", higher_is_better=True)
    fig.savefig(io.BytesIO(), format="png", dpi=50)
    texts = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert texts == [f"training {k}" for k in range(1, 41)] + ["best check (kept)"]
    assert _columns(fig.axes[0].get_legend()) == 3  # 41 entries in columns of 16

"""Fixes of left39 in forecasting: the baselines' durations, the CLI's fill notes and seps."""

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lstmkit._checks import TextForNumberError
from lstmkit.baselines import baseline_forecasts, naive, seasonal_naive
from lstmkit.cli import main

STEPS = (
    "a count of the data's own steps, not a duration: 12 for a year of monthly data, 7 for a "
    "week of daily data"
)


@pytest.mark.parametrize(
    ("call", "told"),
    [
        (lambda y: naive(y, "3m"), f"`horizon` must be a positive integer, got '3m' ({STEPS})."),
        (
            lambda y: seasonal_naive(y, "2 days", 12),
            f"`horizon` must be a positive integer, got '2 days' ({STEPS}).",
        ),
        (
            lambda y: seasonal_naive(y, 3, "1y"),
            f"`m` must be an integer (the seasonal period), got '1y' ({STEPS}).",
        ),
        (
            lambda y: baseline_forecasts(y, 3, "1y", statistical=False),
            f"`m` must be an integer (the seasonal period), got '1y' ({STEPS}).",
        ),
        (
            lambda y: naive(y[:0], "3m"),
            "`y` must be a series [T] of at least one point, got shape (0,); `horizon` must be "
            f"a positive integer, got '3m' ({STEPS}).",
        ),
    ],
)
def test_a_baselines_duration_is_told_it_counts_the_datas_steps(call, told: str) -> None:
    # told "must be a positive integer, got '3m'" alone, where predict and backtest say that
    # it counts the data's own steps
    with pytest.raises(TextForNumberError) as err:
        call(np.arange(1.0, 30.0))
    assert str(err.value) == told
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)


def test_a_baselines_count_as_text_is_told_as_before() -> None:
    with pytest.raises(TextForNumberError) as err:
        naive(np.arange(1.0, 30.0), "3")
    assert (
        str(err.value) == "`horizon` must be a positive integer, got '3' (a number, not text: 3)."
    )
    with pytest.raises(TextForNumberError) as err:
        seasonal_naive(np.arange(1.0, 30.0), 3, "12")
    assert str(err.value) == (
        "`m` must be an integer (the seasonal period), got '12' (a number, not text: 12)."
    )


def test_predict_says_its_filled_cells_after_the_refusals_of_the_same_fill(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    promo_plan: Any,
) -> None:
    # the note of the cells --fill filled came first, then the refusal of that fill (the
    # plan's last value missing): a note of a run that was not made
    monkeypatch.chdir(tmp_path)
    fc, _ = promo_plan.fitted()
    fc.save("model")
    promo_plan.write(tmp_path / "p.csv", blank=[43])
    text = (tmp_path / "p.csv").read_text().splitlines()
    text[11] = text[11].replace(",20.0,", ",,")  # 2021-01-11's sales left empty
    (tmp_path / "p.csv").write_text("\n".join(text) + "\n")
    argv = ["predict", "model", "--csv", "p.csv", "--date-col", "day", "--value-col", "sales"]
    argv += ["--future-cols", "promo", "--fill", "ffill", "--json"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: values known in advance (future covariates) must not end early, got no value "
        "of 'promo' of 'p.csv' in its last row, 2021-02-13: that is not a gap, and --fill "
        "ffill does not make it up (a forecast would read a made-up plan there). Give their "
        "values, or forecast fewer steps (a smaller --horizon).\n"
    )
    # the plan given, the same note is said, after the plan's own, as forecast says them
    promo_plan.write(tmp_path / "p.csv", blank=[42])
    text = (tmp_path / "p.csv").read_text().splitlines()
    text[11] = text[11].replace(",20.0,", ",,")
    (tmp_path / "p.csv").write_text("\n".join(text) + "\n")
    assert main(argv) == 0
    assert capsys.readouterr().err == (
        "note: 'p.csv' left empty promo at 2021-02-12 in the plan of --future-cols promo, the "
        "rows after the target's last value (2021-02-09); --fill ffill made up that value, "
        "which the forecast reads: give it there to give the plan.\n"
        "note: 'p.csv' left 1 cell empty, which --fill ffill filled, read as data: 'sales' at "
        "2021-01-11.\n"
    )


def test_a_tsv_of_commas_is_told_it_was_read_with_a_tab_for_its_name(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    promo_plan: Any,
) -> None:
    # told "pass --sep ','" with no word of why a tab read a file of commas: its name
    monkeypatch.chdir(tmp_path)
    fc, _ = promo_plan.fitted()
    fc.save("model")
    promo_plan.write(tmp_path / "p.tsv")
    named = "read with a tab, as a file named .tsv is without --sep, "
    assert main(["predict", "model", "--csv", "p.tsv"]) == 2
    told = (
        "error: --csv 'p.tsv' has one column, 'day,sales,promo', whose name holds ',': "
        f"{named}the file looks ','-separated; pass --sep ','.\n"
    )
    assert capsys.readouterr().err == told
    assert main(["explain", "model", "--csv", "p.tsv"]) == 2
    assert capsys.readouterr().err == told
    flags = ["--csv", "p.tsv", "--date-col", "day", "--value-col", "sales"]
    missing = (
        "error: --date-col 'day', --value-col 'sales', and --future-cols 'promo' are not "
        "columns of 'p.tsv'; available columns: ['day,sales,promo'] (one column whose name "
        f"holds ',': {named}the file looks ','-separated; pass --sep ',').\n"
    )
    assert main(["forecast", *flags, "--future-cols", "promo"]) == 2
    assert capsys.readouterr().err == missing
    # a tab given is not the name's
    assert main(["forecast", *flags, "--future-cols", "promo", "--sep", "tab"]) == 2
    assert capsys.readouterr().err == missing.replace(named, "")
    assert main(["predict", "model", "--csv", "p.tsv", "--sep", "tab"]) == 2
    assert capsys.readouterr().err == told.replace(named, "")

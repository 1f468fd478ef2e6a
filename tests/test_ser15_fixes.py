"""ser15: a fresh user's pass over the README's several-series, strategy, interval, backtest
and save/load sections, and what such a user tries next with the same data."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def airline_fc() -> Forecaster:
    """A tiny fit on airline less its last year (12 validation windows, 12 errors a step)."""
    y = load_dataset("airline")
    return Forecaster(horizon=12, ensemble=1, epochs=2, seed=0, progress=False).fit(y[:-12])


def _stores() -> pd.DataFrame:
    """Two stores' monthly sales in long format, indexed by month (``store`` tells them apart)."""
    month = pd.date_range("2000-01-01", periods=30, freq="MS")
    values = np.arange(30.0) + 100
    return pd.concat(
        [
            pd.DataFrame({"store": s, "sales": values * k}, index=month)
            for s, k in (("A", 1), ("B", 2))
        ]
    ).rename_axis("month")


def test_the_target_column_of_a_long_frame_is_told_it_is_stacked_series() -> None:
    """`fit(df["sales"])` of a long-format frame, the store column dropped by the selection, was
    refused with its duplicated months alone; now it is told to select one series' rows first."""
    df = _stores()
    with pytest.raises(ValueError) as info:
        Forecaster(ensemble=1, epochs=1, progress=False).fit(df["sales"])
    assert str(info.value) == (
        "timestamps must be unique, got duplicates in `series`: 2000-01-01, 2000-02-01, "
        "2000-03-01, 2000-04-01, 2000-05-01 and 25 more. It looks like several series stacked "
        "in long format (30 of its 30 timestamps appear more than once, up to 2 times), without "
        "the column that tells them apart: select one series' rows while that column ID is "
        "there, e.g. df[df[ID] == first_id]['sales'], and fit one Forecaster per series, "
        "looping over df.groupby(ID) (from a CSV, `lstmkit forecast --series-col ID` does this)."
    )


def test_a_stray_duplicate_is_not_called_stacked_series() -> None:
    """One month given twice is a duplicate, not a long-format frame: the message stays short."""
    series = _stores().query("store == 'A'")["sales"]
    series = pd.concat([series, series.iloc[[5]]]).sort_index()
    with pytest.raises(ValueError) as info:
        Forecaster(ensemble=1, epochs=1, progress=False).fit(series)
    assert str(info.value) == "timestamps must be unique, got duplicates in `series`: 2000-06-01."


def test_a_frame_with_its_id_column_still_gets_the_selection_by_name() -> None:
    """The frame with its `store` column keeps the hint that names it (unchanged)."""
    with pytest.raises(ValueError, match=r"one per value of 'store' \(A, B\)"):
        Forecaster(ensemble=1, epochs=1, progress=False).fit(_stores())


def test_too_few_errors_counts_the_steps_asked_for(airline_fc: Forecaster) -> None:
    """`predict(3, interval=0.95)` warned that "12 step(s) have only 12" errors, counting the
    fitted horizon's steps; now the 3 steps the forecast has."""
    with pytest.warns(UserWarning) as record:
        pred = airline_fc.predict(3, interval=0.95)
    assert len(pred) == 3 and pred["lower"].notna().all()
    (message,) = [str(w.message) for w in record]
    assert message.startswith(
        "the 95% split-conformal interval needs at least 19 validation errors per forecast "
        "step, and 3 steps have only 12; their half-width is the largest error, which "
        "covers about 92%."
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(airline_fc.predict(3, interval=0.9)) == 3  # 12 errors are enough at 90 %


def test_the_readme_says_which_backtest_rmse_is_the_mean_and_which_pooled(airline_fc) -> None:
    """README put the pooled RMSE first, "21.47 against 24.09", where 21.47 is the mean of the
    origins' RMSEs (`lstmkit forecast airline --backtest` prints it) and 24.09 the pooled one,
    which is never below the mean (a quadratic mean of the origins' RMSEs)."""
    from lstmkit.metrics import rmse

    text = " ".join(README.read_text("utf-8").split())
    found = re.search(r"the mean (\d+\.\d+), pooled (\d+\.\d+)\)", text)
    assert found is not None and (found[1], found[2]) == ("21.47", "24.09")
    y = load_dataset("airline")
    bt = airline_fc.backtest(y[:-12], start=-24, stride=12, statistical_baselines=False)
    f = bt.forecasts
    pooled = rmse(f["y_true"], f["forecast"])
    mean = bt.summary["model"]["rmse"]
    assert mean == pytest.approx(bt.metrics.query("method == 'model'")["rmse"].mean())
    assert pooled >= mean


def test_rows_without_a_series_are_said_before_a_series_refused_for_their_gap(
    tmp_path, monkeypatch, capsys
) -> None:
    """A row whose `store` cell is empty left its series a month short: the refusal of that gap
    came alone, advising --fill, and the note that the row belongs to no series was never
    said; now the note comes first, naming the row's line."""
    from lstmkit.cli import main

    months = pd.date_range("2000-01-01", periods=30, freq="MS").strftime("%Y-%m-%d")
    lines = ["store,month,sales"] + [f"A,{m},{100 + k}" for k, m in enumerate(months)]
    lines[4] = lines[4].removeprefix("A")  # line 5 of the file: 2000-04-01, no store
    (tmp_path / "stores.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["forecast", "--csv", "stores.csv", "--series-col", "store", "--date-col", "month"]
    assert main([*argv, "--value-col", "sales", "--horizon", "3", "--no-progress"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "note: 1 row of 'stores.csv' has no 'store' (line 5): it belongs to no series and is "
        "not forecast.",
        "error: series store=A: timestamps in 'stores.csv' must be regularly spaced (no gaps), "
        "got irregular steps before 2000-05-01 (usual step: 1 month); missing 2000-04-01; pass "
        "--fill ffill, bfill, interpolate or zero to insert the missing timestamps and fill "
        "their values.",
    ]


def test_a_seq2seq_model_of_horizon_1_says_its_interval_covers_the_first_step(
    tmp_path, monkeypatch, capsys
) -> None:
    """`lstmkit predict DIR --horizon 3` of a seq2seq model fitted with --horizon 1 said "the
    interval covers the first 1 steps"; now "the first step", and the later steps have none."""
    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    config = dict(strategy="seq2seq", horizon=1, ensemble=1, epochs=2, progress=False)
    Forecaster(**config).fit(load_dataset("airline")).save("s1")
    assert main(["predict", "s1", "--horizon", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (
        "(the interval covers the first step, the horizon it was calibrated for; later steps "
        "have none)"
    )
    assert [len(line.split()) for line in out[-4:-1]] == [4, 2, 2]  # lower, upper: step 1 only


def test_a_lookback_shorter_than_the_season_says_the_anchor_is_the_level(caplog) -> None:
    """`--strategy seq2seq --lookback 6 --horizon 12` on monthly data fitted a model anchored at
    the window's level without a word (RMSE 40.9 where the default's is 13.5); the log (INFO,
    `lstmkit -v`) now says so."""
    y = load_dataset("airline")
    config = dict(horizon=12, lookback=6, ensemble=1, epochs=1, progress=False)
    with caplog.at_level("INFO", logger="lstmkit"):
        Forecaster(strategy="seq2seq", **config).fit(y)
    said = [r.getMessage() for r in caplog.records if "anchor=" in r.getMessage()]
    assert said == [
        "anchor='smooth' is the window's level here: the look-back (6) is shorter than one "
        "season (12), which the seasonal anchor reads"
    ]
    caplog.clear()
    with caplog.at_level("INFO", logger="lstmkit"):
        Forecaster(**{**config, "lookback": 12}).fit(y)  # one season: the seasonal anchor
    assert not [r for r in caplog.records if "anchor=" in r.getMessage()]


@pytest.mark.parametrize(
    ("words", "col"),
    [
        (["--series-col", "store"], "store"),
        (["--series-col=store"], "store"),
        (["--series-col"], "COL"),
    ],
)
def test_predict_tells_a_series_col_to_name_one_series_folder(words, col, flags_refusal) -> None:
    """`lstmkit predict DIR --csv stores.csv --series-col store`, what a `forecast --series-col`
    user tries next, was argparse's "unrecognized arguments" alone; now it is told that predict
    forecasts one series, and how to give one."""
    said = flags_refusal(["predict", "runs/stores/A", "--csv", "stores.csv", *words])
    assert said == (
        f"error: unrecognized arguments: {' '.join(words)}; `lstmkit predict` forecasts one "
        "series: give the folder of one series of a `lstmkit forecast --series-col` run (DIR/NAME, "
        f"whose rows of --csv it reads as that run did), or --where {col}=NAME "
        "(`lstmkit predict --help` lists the flags)\n"
    )

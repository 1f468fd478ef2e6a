"""Defects a data scientist coming from Darts / NeuralForecast met on a daily shop's sales
(a planned price and promotion known ahead, a temperature known only in the past), each
pinned by the test that found it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

TINY = ["--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"]
TINY += ["--no-calendar", "--hidden-size", "2", "--no-stat-baselines", "--no-refit"]
TINY += ["--horizon", "4", "--json", "--interval", "0"]


@pytest.mark.parametrize(
    ("method", "kwargs", "message"),
    [
        (
            "fit",
            {"past_covariates": None},
            "Forecaster.fit() takes no argument `past_covariates`: Darts' past_covariates is "
            "`covariates` here (past inputs, read over the input window).",
        ),
        (
            "fit",
            {"val_series": None, "verbose": True},
            "Forecaster.fit() takes no argument `val_series` and `verbose`: Darts' val_series has "
            "no counterpart here: fit validates on the series' own most recent windows (early "
            "stopping, the interval), as many as the config's `val_size`; Darts' verbose is the "
            "config's `progress` here (Forecaster(progress=True)).",
        ),
        (
            "predict",
            {"n": 3},
            "Forecaster.predict() takes no argument `n`: Darts' n is `horizon` here.",
        ),
        (
            "predict",
            {"num_samples": 100, "level": [90]},
            "Forecaster.predict() takes no argument `num_samples` and `level`: Darts' num_samples "
            "has no counterpart here: a forecast is one value per step with a central interval, "
            "`interval=0.8` (its 10 % and 90 % quantiles), and no samples; NeuralForecast's level "
            "is `interval` here, one fraction per call (interval=0.9 for level=[90]).",
        ),
        (
            "predict",
            {"futr_df": None},
            "Forecaster.predict() takes no argument `futr_df`: NeuralForecast's futr_df is "
            "`future_covariates` here.",
        ),
        (
            "backtest",
            {"forecast_horizon": 3},
            "Forecaster.backtest() takes no argument `forecast_horizon`: Darts' forecast_horizon "
            "is `horizon` here.",
        ),
    ],
)
def test_darts_and_neuralforecast_arguments_are_answered_with_lstmkit_names(
    method, kwargs, message
) -> None:
    # fit(y, past_covariates=...) and predict(n=14) got Python's bare "got an unexpected
    # keyword argument", with nothing on what lstmkit calls them
    series = pd.Series(np.arange(1.0, 31.0), pd.date_range("2024-01-01", periods=30, freq="D"))
    args = () if method == "predict" else (series,)
    with pytest.raises(TypeError) as caught:
        getattr(Forecaster(horizon=3), method)(*args, **kwargs)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("interval", "hint"),
    [
        ((0.1, 0.9), " (the quantiles 0.1 and 0.9 bound the central interval 0.8)"),
        (np.array([0.05, 0.95]), " (the quantiles 0.05 and 0.95 bound the central interval 0.9)"),
        (
            [0.8, 0.9],
            " (one level per call: 0.8, then 0.9; backtest(levels=(0.8, 0.9)) scores several "
            "at once)",
        ),
        (
            (0.2, 0.9),
            " (an interval is central here, from the quantile (1 - interval) / 2 to "
            "(1 + interval) / 2, so none runs from 0.2 to 0.9)",
        ),
        # (revqa9) Darts' quantiles with the median among them were told "one level per
        # call: call it once for each", as if 0.1, 0.5 and 0.9 were the levels to pass
        ([0.1, 0.5, 0.9], " (the quantiles 0.1 and 0.9 bound the central interval 0.8)"),
        (
            [0.05, 0.1, 0.5, 0.9, 0.95],
            " (the quantiles 0.05 and 0.95 bound the central interval 0.9, 0.1 and 0.9 the "
            "central interval 0.8: one call each)",
        ),
    ],
)
def test_an_interval_given_as_quantiles_or_levels_is_told_the_one_level_to_pass(
    interval, hint
) -> None:
    # Darts' quantiles (0.1, 0.9) and NeuralForecast's list of levels were told only that
    # `interval` must be a number
    series = pd.Series(np.arange(1.0, 41.0), pd.date_range("2024-01-01", periods=40, freq="D"))
    fc = Forecaster(horizon=2, ensemble=1, epochs=1, lookback=4, season_length=1, calendar=False)
    fc.fit(series)
    with pytest.raises(ValueError) as caught:
        fc.predict(2, interval=interval)
    assert str(caught.value) == (
        f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, got {interval!r}{hint}."
    )


def _shop(tmp_path):
    """A daily shop's sales, then 6 planned days whose sales are empty (the plan of promo)."""
    days = pd.date_range("2024-01-01", periods=46, freq="D")
    promo = (np.arange(46) % 3 == 0).astype(int)
    sales = [f"{20 + 8 * p + k % 7}" if k < 40 else "" for k, p in enumerate(promo)]
    rows = [f"{d:%Y-%m-%d},{s},{p}" for d, s, p in zip(days, sales, promo, strict=True)]
    path = tmp_path / "shop.csv"
    path.write_text("day,sales,promo\n" + "\n".join(rows) + "\n")
    return ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]


@pytest.mark.parametrize(
    ("holdout", "said"),
    [
        ([], "4 held-out points (the holdout, by default --horizon) and none of those rows"),
        (["--holdout", "2"], "2 held-out points (--holdout 2) and the first 2 of those rows"),
    ],
)
def test_a_holdout_that_leaves_the_plan_rows_unread_says_so(tmp_path, capsys, holdout, said):
    # a CSV with the planned days after the sales' end forecast the held-out days by default,
    # without a word on the planned days it did not forecast
    argv = [*_shop(tmp_path), "--future-cols", "promo", *TINY, *holdout]
    assert main(argv) == 0
    path = str(tmp_path / "shop.csv")
    assert capsys.readouterr().err.splitlines() == [
        f"note: {path!r} has 6 rows after the target's last value (the plan of --future-cols); "
        f"this run's forecast covers the {said}; pass --holdout 0 to forecast the first 4 of "
        "them."
    ]


def test_a_forecast_of_the_plan_rows_says_nothing_of_them(tmp_path, capsys) -> None:
    assert main([*_shop(tmp_path), "--future-cols", "promo", *TINY, "--holdout", "0"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("columns", "got"),
    [(["promo", "price"], "['promo', 'price']"), (None, "['sales', 'price', 'promo']")],
)
def test_future_covariates_by_name_among_others_are_told_the_selection(columns, got) -> None:
    # a frame of the past and the plan (Darts selects the fitted components by name) was
    # refused with no word on the selection that passes
    days = pd.date_range("2024-01-01", periods=44, freq="D")
    frame = pd.DataFrame(
        {
            "sales": np.r_[20.0 + np.arange(40) % 7, [np.nan] * 4],
            "price": 10.0 + np.arange(44) % 3,
            "promo": (np.arange(44) % 4 == 0).astype(float),
        },
        days,
    )
    fc = Forecaster(horizon=2, ensemble=1, epochs=1, lookback=4, season_length=1, calendar=False)
    fc.fit(frame["sales"][:40], future_covariates=frame[["price", "promo"]])
    with pytest.raises(ValueError) as caught:
        fc.predict(2, future_covariates=frame if columns is None else frame[columns])
    assert str(caught.value) == (
        "`future_covariates` must have the columns the model was fitted with, ['price', "
        f"'promo'] (in that order), got {got}; pass future_covariates[['price', 'promo']]."
    )


def test_predict_fills_a_newer_file_as_the_run_filled_its_own(tmp_path, capsys) -> None:
    # `lstmkit predict DIR --csv FILE` took the run's --sep, --decimal, ... but not its
    # --fill, so the very file the run read was refused for the gaps the run had filled; and
    # 1 inserted row of 230 was "0% of the rows"
    days = pd.date_range("2024-01-01", periods=231, freq="D").delete(100)
    rows = [f"{d:%Y-%m-%d},{20 + k % 7}" for k, d in enumerate(days)]
    path = tmp_path / "shop.csv"
    path.write_text("day,sales\n" + "\n".join(rows) + "\n")
    read = ["--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    out = tmp_path / "run"
    assert main(["forecast", *read, *TINY, "--fill", "ffill", "--out", str(out)]) == 0
    inserted = (
        f"note: {str(path)!r} lacked 1 timestamp of its regular D grid (under 1% of the 231 "
        "rows now); it was inserted and filled with --fill ffill."
    )
    assert capsys.readouterr().err.splitlines() == [inserted]
    assert main(["predict", str(out), "--csv", str(path), "--json"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"note: read {str(path)!r} as the run did: --fill ffill",
        inserted,
    ]


@pytest.mark.parametrize(
    ("flag", "meant"),
    [
        (["--past-covariates", "temp"], "--covariate-cols"),
        (["--future_covariates", "promo"], "--future-cols"),
        (["--quantiles", "0.1"], "--interval"),
        (["--forecast-horizon", "7"], "--horizon"),
    ],
)
def test_darts_names_as_flags_are_told_lstmkit_flag(tmp_path, capsys, flag, meant) -> None:
    # --past-covariates (Darts' past_covariates) was an unrecognized argument with no guess
    path = tmp_path / "shop.csv"
    path.write_text("day,sales\n2024-01-01,1\n")
    with pytest.raises(SystemExit) as caught:
        main(["forecast", "--csv", str(path), "--value-col", "sales", *flag])
    assert caught.value.code == 2
    assert capsys.readouterr().err == (
        f"error: unrecognized arguments: {' '.join(flag)}; did you mean {meant}? "
        "(`lstmkit forecast --help` lists the flags)\n"
    )


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        (
            ["--value-col", "sales", "temp"],
            "--value-col takes one column: a forecast has one target column, its other columns "
            "go to --covariate-cols or --future-cols",
        ),
        (
            ["--interval", "0.1", "0.9"],
            "--interval takes one level: an interval is central, the quantiles 0.1 and 0.9 "
            "bound --interval 0.8",
        ),
    ],
    ids=["value-col", "interval"],
)
def test_a_second_value_of_a_one_value_flag_is_named_not_taken_for_a_dataset(
    tmp_path, capsys, extra, why
) -> None:
    # `--value-col sales temp` (several targets, as Darts' value_cols) and Darts' quantiles
    # `--interval 0.1 0.9` were told only "give either a dataset name or --csv, not both."
    path = tmp_path / "shop.csv"
    path.write_text("day,sales,temp\n2024-01-01,1,2\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    assert main([*argv, *extra]) == 2
    assert capsys.readouterr().err == (
        f"error: give either a dataset name or --csv, not both: {extra[-1]!r}, a word that no "
        f"flag took, is read as a dataset name ({why}).\n"
    )


def test_a_dataset_beside_csv_is_refused_as_before(tmp_path, capsys) -> None:
    path = tmp_path / "shop.csv"
    path.write_text("day,sales\n2024-01-01,1\n")
    assert main(["forecast", "airline", "--csv", str(path)]) == 2
    assert capsys.readouterr().err == "error: give either a dataset name or --csv, not both.\n"


def test_a_frame_with_gaps_and_the_future_rows_is_told_to_drop_those_rows() -> None:
    # fit(df) of the whole file (a gap inside, the planned days' empty sales at the end) was
    # told only to fill, and the fill then refused the empty sales at the end
    days = pd.date_range("2024-01-01", periods=8, freq="D")
    frame = pd.DataFrame({"sales": [1.0, np.nan, 3, 4, 5, 6, np.nan, np.nan]}, days)
    with pytest.raises(ValueError) as caught:
        Forecaster(horizon=2).fit(frame)
    assert str(caught.value) == (
        "values must not be missing (NaN), got NaN in column 'sales' at 2024-01-02, 2024-01-07, "
        "2024-01-08. Fill them first: pass fill='ffill', 'bfill', 'interpolate' or 'zero' to "
        "lstmkit.data.to_frame or read_csv (CLI: --fill), whose result Forecaster.fit, "
        "predict and backtest take. The last 2 rows have no 'sales' (2024-01-07 … "
        "2024-01-08): if they are "
        "the future to forecast, drop them instead; the forecast starts after the last row, and "
        "covariates are past inputs, whose future values it does not need (values known ahead, "
        "a promotion plan say, go to Forecaster's future_covariates, CLI --future-cols, which "
        "read those rows)."
    )


def test_predict_refuses_a_horizon_past_the_direct_networks_before_asking_for_plan_rows(
    tmp_path, capsys
) -> None:
    # `lstmkit predict DIR --csv FILE --horizon 30` of a direct model with future covariates
    # asked for plan rows up to step 30, which, added, met the refusal of the horizon
    argv = [*_shop(tmp_path), "--future-cols", "promo", *TINY, "--holdout", "0"]
    out = tmp_path / "run"
    assert main([*argv, "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["predict", str(out), "--csv", str(tmp_path / "shop.csv"), "--horizon", "9"]) == 2
    assert capsys.readouterr().err == (
        "error: --horizon must be <= the fitted horizon (4) for --strategy direct, got 9; "
        "refit it with `lstmkit forecast` and --horizon 9 or more, or --strategy recursive or "
        "seq2seq, which forecast any horizon.\n"
    )

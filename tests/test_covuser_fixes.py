"""Fixes found by a user forecasting their own multivariate CSVs with covariates (past and
known in advance), from the command line and from Python."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

QUICK = [
    *("--ensemble", "1", "--epochs", "2", "--lookback", "4", "--season-length", "1"),
    *("--no-calendar", "--hidden-size", "4", "--no-stat-baselines", "--holdout", "0"),
]


@pytest.fixture
def plan_csv(tmp_path: Path) -> Path:
    """40 days of sales, then 3 rows whose plan ('temp') was left empty: it ends early."""
    days = pd.date_range("2021-01-01", periods=43, freq="D").strftime("%Y-%m-%d")
    sales = np.where(np.arange(43) < 40, 20.0 + np.arange(43) % 5, np.nan)
    temp = np.where(np.arange(43) < 40, 10.0 + np.arange(43) % 3, np.nan)
    csv = tmp_path / "plan.csv"
    pd.DataFrame({"day": days, "sales": sales, "temp": temp}).to_csv(csv, index=False)
    return csv


def test_a_plan_that_only_ends_early_is_not_offered_the_fill_that_refuses_it(
    plan_csv, tmp_path, capsys
):
    # "Fill them first: pass ... --fill" came before "no fill makes up a plan", and --fill
    # then refused it: the message now says only what helps
    out = tmp_path / "run"
    argv = ["forecast", "--csv", str(plan_csv), "--date-col", "day", "--value-col", "sales"]
    assert main([*argv, "--future-cols", "temp", "--horizon", "3", *QUICK, "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values must not be missing (NaN), got NaN in column 'temp' "
        f"of {str(plan_csv)!r} at 2021-02-10, "
        "2021-02-11, 2021-02-12. Values known in advance (--future-cols) "
        "end early ('temp' from 2021-02-10): "
        "no fill makes up a plan, so give their values there."
    )
    assert not out.exists()


def test_a_plan_with_a_gap_besides_its_early_end_is_still_offered_a_fill():
    days = pd.date_range("2020-01-01", periods=5, freq="D")
    plan = pd.DataFrame({"promo": [1.0, np.nan, 1.0, 0.0, np.nan]}, index=days)
    with pytest.raises(ValueError) as err:
        D._check_values(plan, None, name="future_covariates")
    assert str(err.value) == (
        "values must not be missing (NaN), got NaN in column 'promo' at 2020-01-02, "
        "2020-01-05. Fill them first: pass fill='ffill', 'bfill', 'interpolate' or 'zero' to "
        "lstmkit.data.to_frame or read_csv (CLI: --fill), whose result Forecaster.fit, "
        "predict and backtest take. Values known in advance (`future_covariates`) "
        "end early ('promo' from "
        "2020-01-05): no fill "
        "makes up a plan, so give their values there, or forecast fewer steps (a smaller "
        "`horizon`)."
    )


def test_the_target_given_as_a_future_covariate_is_refused(tmp_path, capsys):
    # future_covariates=df[["promo", "sales"]] (or a copy of the target's column in a CSV)
    # was fitted: every step read the value it forecast, and a holdout scored near 0
    days = pd.date_range("2021-01-01", periods=40, freq="D")
    sales = pd.Series(20.0 + np.arange(40) % 5, days, name="sales")
    plan = pd.DataFrame({"promo": np.arange(40) % 2, "sales": sales})
    fc = Forecaster(horizon=3, ensemble=1, epochs=1, lookback=4, season_length=1)
    with pytest.raises(ValueError) as err:
        fc.fit(sales, future_covariates=plan)
    assert str(err.value) == (
        "`future_covariates` must be known in advance, not the target, got 'sales', equal to "
        "'sales' at all of the series' 40 points: each forecast step would read the value it "
        "forecasts. Leave it out (CLI: of --future-cols); a lagged copy, series.shift(1), is a "
        "past covariate (`covariates`, --covariate-cols)."
    )
    assert not hasattr(fc, "state_") or fc.state_ is None
    # the same column under another name in a CSV: refused before anything is written
    csv, out = tmp_path / "copy.csv", tmp_path / "run"
    plan.assign(day=days.strftime("%Y-%m-%d"), sales=sales, copy=sales).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    argv += ["--future-cols", "promo", "copy", "--horizon", "3", *QUICK, "--holdout", "3"]
    assert main([*argv, "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: `future_covariates` must be known in advance, not the target, got 'copy', equal "
        "to 'sales' at all of the series' 37 points: each forecast step would read the value it "
        "forecasts. Leave it out of --future-cols; a lagged copy, series.shift(1), is a past "
        "covariate (--covariate-cols)."
    )
    assert not out.exists()
    # a lagged copy is no leak: it fits
    fc.fit(sales, future_covariates=sales.shift(1).bfill().rename("lag1"))
    assert fc.state_["future"] == ["lag1"]


def test_the_note_on_held_out_points_names_the_flags_a_future_covariate_model_needs(
    tmp_path, capsys
):
    # it said `lstmkit predict DIR` forecasts them again, which refuses such a model
    days = pd.date_range("2021-01-01", periods=40, freq="D")
    table = pd.DataFrame(
        {"day": days.strftime("%Y-%m-%d"), "sales": 20.0 + np.arange(40) % 5},
    ).assign(promo=np.arange(40) % 2)
    csv, out = tmp_path / "promo.csv", tmp_path / "run"
    table.to_csv(csv, index=False)
    flags = ["--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    flags += ["--future-cols", "promo"]
    argv = ["forecast", *flags, "--horizon", "3", *QUICK, "--holdout", "3"]
    assert main([*argv, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == (
        f"(model/ was fitted without the 3 held-out points, so `lstmkit predict {out} --csv "
        "FILE` (FILE with the training data's columns, its target ending before them, its rows "
        "for them holding promo) forecasts them again; --holdout 0 fits on everything)"
    )
    # and so it does, bit for bit
    table.assign(sales=table["sales"].where(table.index < 37)).to_csv(csv, index=False)
    assert main(["predict", str(out), *flags, "--out", str(tmp_path / "again")]) == 0
    again = pd.read_csv(tmp_path / "again" / "forecast.csv")
    first = pd.read_csv(out / "forecast.csv")
    assert again["forecast"].tolist() == first["forecast"].tolist()
    assert main(["predict", str(out)]) == 2  # the command the note gave before
    capsys.readouterr()


@pytest.fixture
def money_csv(tmp_path: Path) -> Path:
    days = pd.date_range("2021-01-01", periods=3, freq="D").strftime("%Y-%m-%d")
    csv = tmp_path / "money.csv"
    pd.DataFrame(
        {
            "day": days,
            "revenue": ["$1,087.70", "$1,169.30", "$987.00"],
            "eur": ["108,77 €", "116,93 €", "99,50 €"],
        }
    ).to_csv(csv, index=False)
    return csv


def test_amounts_with_a_currency_sign_are_named_so_with_what_reads_them(money_csv):
    # they were refused with their values alone, nothing said of the sign or the separators
    shown = "2021-01-01 ('$1,087.70'), 2021-01-02 ('$1,169.30'), 2021-01-03 ('$987.00')"
    with pytest.raises(ValueError) as err:
        D.read_csv(money_csv, "day", "revenue")
    assert str(err.value) == (
        f"column 'revenue' of {str(money_csv)!r} has non-numeric values at {shown} (amounts with "
        "a currency sign, "
        "'$1,087.70'?): remove the '$' from the file's cells, then pass thousands=',' (CLI: "
        "--thousands ',')."
    )
    with pytest.raises(ValueError) as err:  # the separators given: the sign alone is left
        D.read_csv(money_csv, "day", "revenue", thousands=",")
    assert str(err.value) == (
        f"column 'revenue' of {str(money_csv)!r} has non-numeric values at {shown} (amounts with "
        "a currency sign, "
        "'$1,087.70'?): remove the '$' from the file's cells."
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(money_csv, "day", "eur")
    assert str(err.value).endswith(
        "(amounts with a currency sign, '108,77 €'?): remove the '€' from the file's cells, "
        "then pass decimal=',' (CLI: --decimal ',')."
    )
    days = pd.date_range("2021-01-01", periods=3, freq="D")
    with pytest.raises(ValueError) as err:  # from Python: how pandas removes it
        D.to_frame(pd.Series(["$5.00", "$7.25", "$6"], days, name="price"))
    assert str(err.value) == (
        "column 'price' has non-numeric values at 2021-01-01 ('$5.00'), 2021-01-02 ('$7.25'), "
        "2021-01-03 ('$6') "
        "(amounts with a currency sign, '$5.00'?): remove the '$' (pandas: "
        "pd.to_numeric(column.str.replace('$', '')))."
    )


def test_a_fill_of_a_future_column_before_the_holdout_is_no_look_ahead(tmp_path, capsys):
    # a plan's gap before the holdout, filled from its held-out value, was refused as "the
    # model would train on what it is scored against": that value is known in advance
    days = pd.date_range("2021-01-01", periods=40, freq="D")
    temp = pd.Series(10.0 + np.arange(40) % 3).where(lambda s: s.index != 36)
    csv = tmp_path / "gap.csv"
    pd.DataFrame(
        {"day": days.strftime("%Y-%m-%d"), "sales": 20.0 + np.arange(40) % 5, "temp": temp}
    ).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    argv += ["--horizon", "3", *QUICK, "--holdout", "3", "--fill", "bfill", "--json"]
    assert main([*argv, "--future-cols", "temp"]) == 0
    capsys.readouterr()
    assert main([*argv, "--covariate-cols", "temp"]) == 2  # a past covariate's is one
    assert capsys.readouterr().err.strip() == (
        "error: --fill bfill fills 2021-02-06, the last point before the holdout at "
        "2021-02-07, from 2021-02-07, a value after it: the model would train on what it is "
        "scored against. Use --fill ffill (or zero), which never looks ahead."
    )


def test_predict_asks_for_the_past_covariates_alone_of_a_model_with_future_ones(tmp_path, capsys):
    # it said "give --value-col for sales and --covariate-cols for temp, promo", naming the
    # future covariate promo among the past ones, which --future-cols gives
    days = pd.date_range("2021-01-01", periods=43, freq="D")
    table = pd.DataFrame(
        {
            "day": days.strftime("%Y-%m-%d"),
            "sales": np.where(np.arange(43) < 40, 20.0 + np.arange(43) % 5, np.nan),
            "temp": 10.0 + np.arange(43) % 3,
            "wind": 1.0 + np.arange(43) % 4,
            "promo": np.arange(43) % 2,
        }
    )
    csv, model = tmp_path / "plan.csv", tmp_path / "model"
    table.to_csv(csv, index=False)
    frame = table.set_index(pd.DatetimeIndex(days, freq="D"))
    fc = Forecaster(horizon=3, ensemble=1, epochs=1, lookback=4, season_length=1, hidden_size=4)
    fc.fit(frame[["sales", "temp", "wind"]].iloc[:40], future_covariates=frame["promo"])
    fc.save(model)
    argv = ["predict", str(model), "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    argv += ["--future-cols", "promo"]
    assert main([*argv, "--covariate-cols", "temp"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: the model was trained on 3 columns (sales, temp, wind) besides its future "
        "covariates (promo, --future-cols); --value-col and --covariate-cols give 2; give "
        "--value-col for sales and --covariate-cols for temp, wind, in that order."
    )
    assert main([*argv, "--covariate-cols", "wind", "temp"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: the columns are in another order than the model's (sales, temp, wind) besides "
        "its future covariates (promo, --future-cols): 'wind' (trained as column 3, given as "
        "2), 'temp' (trained as column 2, given as 3); give --value-col sales --covariate-cols "
        "temp wind."
    )
    assert main([*argv, "--covariate-cols", "temp", "wind"]) == 0
    capsys.readouterr()

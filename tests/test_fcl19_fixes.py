"""fcl19: forecasting API leftovers: a gap in the plan told the row per step on every path and
accepted where no step reads it, a plan's blanks named with the default horizon, unknown
keywords of ForecasterConfig told as Forecaster tells them, and the plan's file read once."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster, ForecasterConfig
from lstmkit.cli import main

GAP_FILL = (
    "pass fill='ffill', 'bfill', 'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv "
    "(CLI: --fill), whose result Forecaster.fit, predict and backtest take, to insert the missing "
    "timestamps and fill their values."
)


def _gap(missing: str, before: str, usual: str = "1 day") -> str:
    return (
        "timestamps in `future_covariates` must be regularly spaced (no gaps), got irregular "
        f"steps before {before} (usual step: {usual}); missing {missing}; {GAP_FILL}"
    )


def _row_each(what: str, first: str, last: str, missing: str) -> str:
    return (
        f" The missing timestamp lies in {what}, of which `future_covariates` must hold a row "
        f"each, by its timestamp ({first} … {last}): add a row for {missing} with their values, "
        "or a fill makes their values up."
    )


def test_a_gap_in_the_steps_is_told_the_row_per_step_with_a_newer_series_too(promo_plan):
    # predict(series=newer, future_covariates=plan) read the plan over the newer series first,
    # which does not know the steps: a plain gap, without the note predict(future_covariates=)
    # gives
    fc, promo = promo_plan.fitted()
    days = promo.index
    newer = pd.Series(20.0 + np.arange(38) % 5, days[:38], name="sales")  # to 2021-02-07
    with pytest.raises(ValueError) as error:
        fc.predict(series=newer, future_covariates=promo.drop(days[39]))
    steps = _row_each("the 4 forecast steps", "2021-02-08", "2021-02-11", "2021-02-09")
    assert str(error.value) == _gap("2021-02-09", "2021-02-10") + steps
    with pytest.raises(ValueError) as error:  # from the training data's end: the same words
        fc.predict(future_covariates=promo.drop(days[41]))
    steps = _row_each("the 4 forecast steps", "2021-02-10", "2021-02-13", "2021-02-11")
    assert str(error.value) == _gap("2021-02-11", "2021-02-12") + steps
    # a row of the newer series missing: still refused, as its points' row
    with pytest.raises(ValueError) as error:
        fc.predict(series=newer, future_covariates=promo.drop(days[36]))
    points = _row_each("the series' 38 points", "2021-01-01", "2021-02-07", "2021-02-06")
    assert str(error.value) == _gap("2021-02-06", "2021-02-07") + points


def test_a_gap_in_plan_rows_no_step_reads_is_accepted(promo_plan):
    # a gap before the series' end (or after the last step) was refused, though the forecast
    # reads none of those rows
    fc, promo = promo_plan.fitted()
    days = promo.index
    expected = fc.predict(future_covariates=promo)
    past = promo.drop(days[10])
    later = pd.concat([promo, pd.Series([1.0], pd.DatetimeIndex(["2021-02-20"]))])
    for plan in (past, later.rename("promo")):
        pd.testing.assert_frame_equal(fc.predict(future_covariates=plan), expected)
    # and before a newer series' first point
    newer = pd.Series(20.0 + np.arange(20, 40) % 5, days[20:40], name="sales")
    pd.testing.assert_frame_equal(
        fc.predict(series=newer, future_covariates=past),
        fc.predict(series=newer, future_covariates=promo),
    )
    assert fc.history(newer, future_covariates=past)["fut:promo"].tolist() == (
        promo[20:40].tolist()
    )


def test_monthly_periods_with_a_gap_are_read_where_the_steps_are():
    # a PeriodIndex plan's gap before the end was refused, and one in the steps told no row
    months = pd.period_range("2015-01", periods=52, freq="M")
    promo = pd.Series((np.arange(52) % 3 == 0).astype(float), months, name="promo")
    sales = pd.Series(100 + 10 * np.sin(np.arange(48) / 2) + 5 * promo[:48].to_numpy(), months[:48])
    quick = {"ensemble": 1, "epochs": 2, "lookback": 6, "season_length": 1, "hidden_size": 4}
    fc = Forecaster(horizon=4, calendar=False, interval=None, **quick)
    fc.fit(sales.rename("sales"), future_covariates=promo[:48])
    pd.testing.assert_frame_equal(
        fc.predict(future_covariates=promo.drop(months[5])), fc.predict(future_covariates=promo)
    )
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=promo.drop(months[50]))
    steps = _row_each("the 4 forecast steps", "2019-01", "2019-04", "2019-03")
    # (revfcl19: the data layer's part named the periods as dates, "missing 2019-03-01")
    assert str(error.value) == _gap("2019-03", "2019-04", "1 month") + steps


def test_a_refused_blank_reads_the_file_once(tmp_path, capsys, monkeypatch, promo_plan):
    # the refusal read the file again to name the plan's blanks (_before_the_future had read it)
    import lstmkit.data as D

    reads = []
    read = D._csv_table

    def counted(*args, **kwargs):
        reads.append(args[0])
        return read(*args, **kwargs)

    monkeypatch.setattr(D, "_csv_table", counted)
    csv = promo_plan.write(tmp_path / "both.csv", blank=[10, 41])
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    flags = ["--future-cols", "promo", "--horizon", "4", "--holdout", "1"]
    assert main([*argv, *flags]) == 2
    assert capsys.readouterr().err.endswith(
        "leaves a value empty too (promo at 2021-02-11): give it there, or --fill makes it up.\n"
    )
    assert reads == [csv]


def _blanks(path, monthly: bool = False):
    """A file of 40 days (or months) of sales then 4 of a promo plan, the promo of the 11th
    point and of the second plan row empty."""
    n = 44
    stamps = pd.date_range("2021-01-01", periods=n, freq="MS" if monthly else "D")
    sales = np.where(np.arange(n) < 40, 20.0 + np.arange(n) % 5, np.nan)
    promo = (np.arange(n) % 2).astype(float)
    promo[[10, 41]] = np.nan
    day = stamps.strftime("%Y-%m-%d")
    pd.DataFrame({"day": day, "sales": sales, "promo": promo}).to_csv(path, index=False)
    return path, day


@pytest.mark.parametrize(("monthly", "default"), [(False, 7), (True, 12)])
def test_the_plan_s_blanks_are_named_with_the_default_horizon(tmp_path, capsys, monthly, default):
    # --holdout N without --horizon named the history's blank alone: the default horizon
    # needs the frequency, not known before the series is read
    csv, day = _blanks(tmp_path / "blanks.csv", monthly)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    argv += ["--future-cols", "promo", "--out", str(tmp_path / "out")]
    history = (
        "error: values must not be missing (NaN), got NaN in column 'promo' "
        f"of {str(csv)!r} at {day[10]}. "
        "Fill them first: pass --fill ffill, bfill, interpolate or zero."
    )
    plan = (
        f" The plan of --future-cols promo, the rows after the target's last value ({day[39]}), "
        f"leaves a value empty too (promo at {day[41]}): give it there, or --fill makes it "
        "up.\n"
    )
    for flags in (["--holdout", "1"], ["--holdout", "1", "--horizon", str(default)]):
        assert main([*argv, *flags]) == 2
        assert capsys.readouterr() == ("", history + plan)
    # the default horizon less the holdout reads the first plan row alone: not named
    assert main([*argv, "--holdout", str(default - 1)]) == 2
    assert capsys.readouterr() == ("", history + "\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("make", [ForecasterConfig, Forecaster])
def test_unknown_keywords_get_one_message_on_both_paths(make):
    # ForecasterConfig(horizn=3) got Python's bare "unexpected keyword argument", and a typo
    # beside another library's name (or another unknown word) no hint
    tail = "." if make is ForecasterConfig else "; they set fields of ForecasterConfig."
    said = f"{make.__name__}() got unknown keyword argument"
    for given, hint in (
        ({"horizn": 3}, "'horizn' (did you mean 'horizon'?)"),
        (
            {"n_epochs": 5, "horizn": 3},
            "'n_epochs', 'horizn' (Darts' n_epochs is 'epochs' here; did you mean 'horizon' for "
            "'horizn'?)",
        ),
        (
            {"bogus": 1, "horizn": 3, "lookbak": 2},
            "'bogus', 'horizn', 'lookbak' (did you mean 'horizon' for 'horizn', 'lookback' "
            "for 'lookbak'?)",
        ),
        ({"bogus": 1}, "'bogus'"),
    ):
        with pytest.raises(TypeError) as error:
            make(**given)
        plural = "s " if len(given) > 1 else " "
        assert str(error.value) == said + plural + hint + tail

"""Review of cov29's refusal of past covariates that are the series some steps ahead: runs of
one value taken for evidence, a slow search beside a sparse series, and the fix's wording."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster, _lead

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

QUICK = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "progress": False}


def test_a_run_of_one_value_matched_is_no_lead():
    # a product discontinued 100 days before the end (its sales 0 since) beside a promotion
    # flag that started on day 150 (0 before): the flag's first 100 zeros "matched" the sales'
    # last 100, each counted as a coincidence of its own (0.98 ** 100), and fit refused it
    # as "the series 300 steps ahead"
    rng = np.random.default_rng(3)
    days = pd.date_range("2020-01-01", periods=400, freq="D")
    sales = rng.poisson(3, 400).astype(float)
    sales[300:] = 0.0
    promo = np.zeros(400)
    promo[150:] = rng.random(250) < 0.3
    assert _lead(sales, promo) is None
    fc = Forecaster(**QUICK).fit(
        pd.Series(sales, days, name="sales"), covariates=pd.DataFrame({"promo": promo}, days)
    )
    assert fc.state_["columns"] == ["sales", "cov:promo"]
    # a lead whose matched part varies is still found, the runs counted once each
    assert _lead(sales, np.r_[sales[250:], np.zeros(250)]) == 250


def test_a_sparse_covariate_beside_a_sparse_series_is_ruled_out_without_comparing_each_offset(
    monkeypatch,
):
    # a count that is mostly 0 beside a flag that is 0 for its first 200 steps: the offsets
    # in the count's runs of zeros matched the flag's first 64 values, and each was compared
    # in full (1.3 s a column at 100,000 points, 21 s at a million); the flag's changes of
    # value rule them out at once
    rng = np.random.default_rng(0)
    count = (rng.random(100_000) < 0.01) * rng.integers(1, 5, 100_000).astype(float)
    flag = (rng.random(100_000) < 0.01).astype(float)
    flag[:200] = 0.0
    compared = []
    array_equal = np.array_equal
    monkeypatch.setattr(np, "array_equal", lambda *a: compared.append(1) or array_equal(*a))
    assert _lead(count, flag) is None
    assert len(compared) <= 2
    assert _lead(count, np.r_[count[7:], np.zeros(7)]) == 7  # a lead is still found


WHY = (
    "The network would learn to copy them: validation and backtest scores look excellent and "
    "mean nothing, and a forecast would need the series' own future values. "
)


def test_the_lag_to_make_indexes_a_column_by_its_label_and_names_each_lead_once():
    # integer column labels were quoted (covariates['5'].shift(1), a KeyError), and two
    # columns 1 step ahead were "known only 1 and 1 step after their timestamps"
    days = pd.date_range("2020-01-01", periods=60, freq="D")
    y = pd.Series(np.random.default_rng(5).normal(size=60), days, name="y")
    ahead = np.r_[y.to_numpy()[1:], 0.0]
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK).fit(y, covariates=pd.DataFrame({5: ahead, 7: ahead}, days))
    assert str(err.value) == (
        "`covariates` must hold past covariates known at their own steps, not the series' "
        "future, got column 5, the series 1 step ahead: cov[t] == series[t+1] at all 59 points "
        "t < 59; column 7, the series 1 step ahead: cov[t] == series[t+1] at all 59 points "
        f"t < 59. {WHY}If they are known only 1 step after their timestamps, lag them, "
        "covariates[5].shift(1), covariates[7].shift(1), and drop the first point, where they "
        "then have no value (series[1:], covariates[1:]); otherwise leave them out."
    )
    # and a wide series' own column, three leads listed as a list is
    wide = pd.DataFrame({0: y.to_numpy(), 3: np.r_[y.to_numpy()[3:], np.zeros(3)]}, days)
    covs = pd.DataFrame({"a": ahead, "b": np.r_[y.to_numpy()[2:], 0.0, 0.0]}, days)
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK).fit(wide, covariates=covs)
    assert str(err.value) == (
        "`series` and `covariates` must hold past covariates known at their own steps, not "
        "the series' future, got column 3, the series 3 steps ahead: cov[t] == series[t+3] at "
        "all 57 points t < 57; 'a', the series 1 step ahead: cov[t] == series[t+1] at all 59 "
        "points t < 59; 'b', the series 2 steps ahead: cov[t] == series[t+2] at all 58 points "
        f"t < 58. {WHY}If they are known only 1, 2 and 3 steps after their timestamps, lag "
        "them, series[3].shift(3), covariates['a'].shift(1), covariates['b'].shift(2), and "
        "drop the first 3 points, where they then have no value (series[3:], covariates[3:]); "
        "otherwise leave them out."
    )


def test_windows_split_from_a_frame_name_the_covariate_columns_by_their_labels():
    # DataFrame(X).iloc[:, 1:] has columns 1 to 4, said to be "covariate columns 0 to 3"
    y = np.random.default_rng(6).normal(size=60)
    table = pd.DataFrame(np.stack([y[i : i + 5] for i in range(len(y) - 5)]))
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK).fit(table.iloc[:, 0], covariates=table.iloc[:, 1:])
    assert str(err.value) == (
        "`covariates` must hold other values than the target's next ones, got 4 columns that "
        "with `series` make 55 windows of 5 steps of one series ([samples, time steps], split "
        "as X.iloc[:, 0] and X.iloc[:, 1:]): each row is the row before it one step on, so "
        "covariate columns 1 to 4 hold the target 1 to 4 steps ahead, which a forecast does "
        "not know. The Forecaster cuts its own windows (`lookback`): pass the series itself, "
        "np.concatenate([X.iloc[:, 0], X.iloc[-1, 1:]]) for these windows X."
    )


def test_the_command_line_names_several_leads_and_the_rows_to_drop(tmp_path, capsys):
    # the CLI's wording for more than one lead (rows, not points) had no test
    days = pd.date_range("2020-01-01", periods=80, freq="D")
    y = np.random.default_rng(7).normal(size=80).round(3) + 10.0
    csv = tmp_path / "two leads é.csv"
    pd.DataFrame(
        {
            "day": days.strftime("%Y-%m-%d"),
            "y": y,
            "n1": np.r_[y[1:], 0.0],
            "n2": np.r_[y[2:], 0, 0],
        }
    ).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "y"]
    argv += ["--covariate-cols", "n1", "n2", "--holdout", "0", "--out", str(tmp_path / "run")]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: `covariates` must hold past covariates known at their own steps, not the "
        "series' future, got 'n1', the series 1 step ahead: cov[t] == series[t+1] at all 79 "
        "points t < 79; 'n2', the series 2 steps ahead: cov[t] == "
        f"series[t+2] at all 78 points t < 78. {WHY}If they are known "
        "only 1 and 2 steps after their timestamps, lag them in the file: move the values of "
        "'n1' to the next timestamp's row and those of 'n2' to the row 2 timestamps later, and "
        "drop the rows of the series' first 2 timestamps, which then have no value; otherwise "
        "leave them out of --covariate-cols.\n"
    )
    assert not (tmp_path / "run").exists()


def test_a_lag_rolled_round_by_np_roll_is_told_as_such(tmp_path, capsys):
    # np.roll(y, 4), a lag whose first 4 values came round from the series' end, was "the
    # series 140 steps ahead", to lag by 140 steps, dropping the first 140 of 144 points
    days = pd.date_range("2020-01-01", periods=144, freq="D")
    y = np.random.default_rng(8).normal(size=144).round(3) + 10.0
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK).fit(
            pd.Series(y, days, name="y"), covariates=pd.DataFrame({"lag4": np.roll(y, 4)}, days)
        )
    assert str(err.value) == (
        "`covariates` must hold past covariates known at their own steps, not the series' "
        "future, got 'lag4', the series 4 steps behind rolled round, as np.roll makes it: its "
        "first 4 values are the series' last, cov[t] == series[t+140] at all 4 points t < 4. "
        "Drop those first 4 points (series[4:], covariates[4:]), which leaves a lag of the "
        "series; otherwise leave it out."
    )
    # and it is so: what is left fits
    Forecaster(**QUICK).fit(y[4:], covariates=np.roll(y, 4)[4:])
    # rolled the other way, it is the series 4 steps ahead
    with pytest.raises(ValueError, match="got 'x0', the series 4 steps ahead: "):
        Forecaster(**QUICK).fit(y, covariates=np.roll(y, -4))
    csv = tmp_path / "rolled.csv"
    frame = pd.DataFrame({"day": days.strftime("%Y-%m-%d"), "y": y, "a": np.roll(y, 3)})
    frame.assign(b=np.roll(y, 5)).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "y"]
    argv += ["--covariate-cols", "a", "b", "--holdout", "0", "--out", str(tmp_path / "run")]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: `covariates` must hold past covariates known at their own steps, not the "
        "series' future, got 'a', the series 3 steps behind rolled round, as np.roll makes it: "
        "its first 3 values are the series' last, cov[t] == series[t+141] at all 3 points "
        "t < 3; 'b', the series 5 steps behind rolled round, as np.roll makes it: its first 5 "
        "values are the series' last, cov[t] == series[t+139] at all 5 points t < 5. Drop the "
        "rows of the series' first 5 timestamps, which leaves lags of the series; otherwise "
        "leave them out of --covariate-cols.\n"
    )

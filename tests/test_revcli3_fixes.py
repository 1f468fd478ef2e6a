"""Forecasting with user data: defects found reviewing the cli3 branch, each pinned by the test
that found it."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import CLIError, far_outside_of_source, main


def test_an_error_after_a_warning_the_filters_escalate_is_the_one_raised() -> None:
    # under -W error (this suite's filter), the warning re-emitted before the error was raised
    # in its place: a UserWarning's traceback, the refusal lost as its context
    refusal = CLIError("--method='lrp' does not explain this model.")
    with pytest.raises(CLIError) as err:
        with far_outside_of_source("--csv new.csv"):
            warnings.warn("`series` lies far outside the training series as ...", stacklevel=1)
            raise refusal
    assert err.value is refusal
    with pytest.raises(UserWarning, match=r"^--csv new\.csv lies far outside"):
        with far_outside_of_source("--csv new.csv"):  # without an error: raised, as before
            warnings.warn("`series` lies far outside the training series as ...", stacklevel=1)


def test_cli_explain_refused_after_a_far_outside_csv_under_w_error_says_the_error(
    tmp_path, capsys
) -> None:
    # lstmkit explain refused after warning of its --csv, run with -W error: the warning's
    # traceback came out of main(), not the refusal and exit code 2
    t = np.arange(122)
    data = pd.DataFrame(
        {"y": 50 + 10 * np.sin(t / 4), "price": 1 + (t % 10) / 10, "promo": (t % 7 == 0) * 1.0},
        pd.date_range("2020-01-06", periods=122, freq="D"),
    )
    data.iloc[120:, 0] = np.nan  # the forecast steps: the plan alone
    data.to_csv(tmp_path / "old.csv", index_label="day")
    data.assign(price=data["price"] * 100).to_csv(tmp_path / "new.csv", index_label="day")
    flags = ["--date-col", "day", "--value-col", "y", "--covariate-cols", "price"]
    flags += ["--future-cols", "promo"]
    fit = ["--horizon", "2", "--lookback", "14", "--epochs", "1", "--ensemble", "1"]
    out = str(tmp_path / "run")
    old = ["forecast", "--csv", str(tmp_path / "old.csv"), "--strategy", "direct"]
    assert main([*old, *flags, *fit, "--out", out]) == 0
    capsys.readouterr()
    new = ["explain", out, "--csv", str(tmp_path / "new.csv"), *flags, "--method", "lrp"]
    assert main(new) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: --method='lrp' does not explain a direct Forecaster with future covariates "
        "(fut:promo): their effect is added beside its head, outside the network LRP walks. "
        "Use another --method (they are then held fixed), or strategy='seq2seq', whose LRP "
        "gives their relevance per forecast step.",
    ]

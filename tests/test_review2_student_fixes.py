"""Defects found reviewing the student and reviewcov changes (scalers, fit's data, the CLI's
plan), each pinned."""

import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.data import MinMaxScaler, StandardScaler


@pytest.mark.parametrize(
    "x",
    [
        [1e-15, 2e-15, 3e-15],  # femto-amounts in SI units
        [1e-12, 1e-12 + 5e-16, 1e-12 + 1e-15],  # picoamperes varying by a femtoampere
    ],
)
def test_min_max_scaler_scales_small_values_that_differ_by_more_than_rounding(x):
    # the span bound of 10 eps was absolute below 1 (2.2e-15): a series of 1e-15 amounts,
    # a million rounding steps apart, was taken as constant and came out unscaled, all
    # within 3e-15 of 0 (StandardScaler scales it, and MinMaxScaler did before the bound)
    x = np.array(x)
    scaler = MinMaxScaler().fit(x)
    assert float(scaler.scale_) == pytest.approx(1.0 / (x[2] - x[0]), rel=1e-12)
    assert scaler.transform(x).tolist() == pytest.approx([0.0, 0.5, 1.0], abs=1e-6)
    assert StandardScaler().fit(x).transform(x).tolist() == pytest.approx(
        [-1.224744871391589, 0.0, 1.224744871391589], abs=1e-6
    )


@pytest.mark.parametrize(
    "x", [[0.3, 0.1 + 0.2], [3e-20, (0.1 + 0.2) * 1e-19], [0.0, 0.0], [0.0, 5e-324]]
)
def test_min_max_scaler_still_takes_rounding_of_small_values_as_constant(x):
    scaler = MinMaxScaler().fit(np.array(x))
    assert float(scaler.scale_) == 1.0
    assert float(scaler.min_) == -x[0]


def test_the_scalers_take_a_bfloat16_tensor_as_the_readme_says():
    # "All four take ... CPU tensors": a network's output under torch.autocast("cpu") is
    # bfloat16, which numpy lacks, and was refused ("numpy cannot read as floats (Got
    # unsupported ScalarType BFloat16)"); its values are exact in float64
    import torch

    scaler = StandardScaler().fit(np.array([1.0, 3.0, 5.0]))
    out = torch.tensor([-1.0, 0.5], dtype=torch.bfloat16)
    back = scaler.inverse_transform(out)
    assert back.dtype == np.float64
    assert back.tolist() == pytest.approx([1.3670068381445479, 3.8164965809277263], abs=1e-12)
    assert MinMaxScaler().fit(out).transform(out).tolist() == [0.0, 1.0]
    # one that requires grad is still refused by name, as a float32 one is
    with pytest.raises(ValueError) as err:
        scaler.inverse_transform(out.requires_grad_())
    assert str(err.value) == (
        "`x` must be an array of numbers, got a tensor that requires grad (a network's output "
        "outside torch.no_grad()), which numpy cannot read; pass x.detach(), or compute it "
        "under torch.no_grad()."
    )


QUICK = [
    *("--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"),
    *("--no-calendar", "--hidden-size", "4", "--no-stat-baselines", "--holdout", "0"),
]


def test_a_plan_ending_early_warns_of_two_digit_years_once(tmp_path, capsys):
    # the retry that names a plan ending early read the table twice more, and the century
    # warning of the first read ("Jan-45" read as 1945) came three times before the error
    months = pd.date_range("2045-01-01", periods=40, freq="MS").strftime("%b-%y")
    temp = np.where(np.arange(40) < 37, 10.0 + np.arange(40) % 3, np.nan)
    csv = tmp_path / "plan.csv"
    pd.DataFrame({"month": months, "sales": 20.0 + np.arange(40) % 5, "temp": temp}).to_csv(
        csv, index=False
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    argv += ["--future-cols", "temp", "--horizon", "3", *QUICK, "--out", str(tmp_path / "run")]
    with warnings.catch_warnings():
        warnings.simplefilter("always")  # each warning shown, as a first run shows it
        assert main(argv) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"warning: column 'month' of {str(tmp_path / 'plan.csv')!r} writes its years with two "
        "digits, and 40 of its dates would lie in the future, from 'Jan-45' (row 2) on: they are "
        "read a century "
        "earlier, 'Jan-45' as 1945-01-01. Write four-digit years to read them otherwise.",
        "error: values must not be missing (NaN), got NaN in column 'temp' "
        f"of {str(csv)!r} at 1948-02-01, "
        "1948-03-01, 1948-04-01. Values known in advance (--future-cols) "
        "end early ('temp' from 1948-02-01): "
        "no fill makes up a plan, so give their values there.",
    ]


@pytest.mark.parametrize(
    "values",
    [
        pd.DataFrame([np.arange(12.0)], columns=[f"m{k}" for k in range(12)]),  # a wide CSV
        [list(np.arange(12.0))],
    ],
)
def test_a_series_along_a_row_is_told_a_flattening_its_type_has(values):
    # "pass values.reshape(-1)" for a one-row DataFrame (pd.read_csv of a wide file, a month
    # per column) or a nested list: neither has reshape (AttributeError as advised)
    from lstmkit.data import make_windows

    with pytest.raises(ValueError) as err:
        make_windows(values, lookback=3, horizon=1)
    assert str(err.value) == (
        "`values` must run down the rows, [T] or [T, F], got shape (1, 12): one time step of "
        "12 features, too short for one window; for one series of 12 points pass "
        "np.ravel(values)."
    )
    X, Y = make_windows(np.ravel(values), lookback=3, horizon=1)  # as the message says
    assert X.shape == (9, 3, 1)
    assert Y[:, 0].tolist() == [3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0]

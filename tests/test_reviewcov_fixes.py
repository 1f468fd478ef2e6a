"""Review of the covuser changes (future covariates, currency signs): what they got wrong in
cases their authors did not try."""

import re

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster


def _csv(tmp_path, values, sep=","):
    path = tmp_path / "s.csv"
    rows = "".join(f"2020-0{k + 1}-01{sep}{v}\n" for k, v in enumerate(values))
    path.write_text(f"d{sep}y\n{rows}", encoding="utf-8")
    return path


# --- amounts with a currency sign ---------------------------------------------------------------

GROUPING = (
    "thousands=',' (CLI: --thousands ',') stands between groups of three digits, as in "
    "1,234,567, not so in '{}': a decimal comma? pass decimal=',' (CLI: --decimal ',') instead"
)


@pytest.mark.parametrize("value", ["12,50 €", "$0,125"])
def test_an_amount_read_with_thousands_is_told_what_its_comma_is(tmp_path, value):
    # read with thousands=',', "12,50 €" was told to "pass decimal=','" (refused beside
    # thousands=','), "$0,125" to "pass thousands=','", given already: the rest was judged
    # as if no separator had been given
    path = _csv(tmp_path, [f'"{value}"', "2", "3"])
    sign, rest = ("€", "12,50") if "€" in value else ("$", "0,125")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", thousands=",")
    assert str(err.value) == (
        f"column 'y' of {str(path)!r} has non-numeric values at 2020-01-01 ({value!r}) (amounts "
        "with a currency "
        f"sign, {value!r}?): remove the {sign!r} from the file's cells; "
        + GROUPING.format(rest)
        + "."
    )
    # without the sign, the same words (the hint the amount's rest now gets)
    with pytest.raises(ValueError, match=re.escape(f"({GROUPING.format(rest)}).") + "$"):
        D.read_csv(_csv(tmp_path, [f'"{rest}"', "2", "3"]), "d", "y", thousands=",")


def test_an_amount_with_a_point_read_with_a_decimal_comma_is_told_to_leave_it_out(tmp_path):
    # "$100.84" read with decimal=',' was told nothing but its value (the rest, 100.84, was
    # judged without the decimal given); a column with a decimal comma elsewhere still is
    path = _csv(tmp_path, ['"$100.84"', "2", "3"], sep=";")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", sep=";", decimal=",")
    assert str(err.value) == (
        f"column 'y' of {str(path)!r} has non-numeric values at 2020-01-01 ('$100.84') (amounts "
        "with a currency "
        "sign, '$100.84'?): remove the '$' from the file's cells, then leave out decimal=',' "
        "(CLI: --decimal ',')."
    )
    path = _csv(tmp_path, ['"$100.84"', "2,5", "3"], sep=";")
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", sep=";", decimal=",")
    assert (
        str(err.value)
        == f"column 'y' of {str(path)!r} has non-numeric values at 2020-01-01 ('$100.84')."
    )


@pytest.mark.parametrize(
    ("values", "code"),
    [
        (["-$5", "$7.25", "$6 "], "column.str.replace('$', '')"),
        (["-$5", "7,25 €", "€6"], "column.str.replace('[$€]', '', regex=True)"),
    ],
)
def test_the_pandas_advice_for_amounts_reads_negative_ones(values, code):
    # it was pd.to_numeric(column.str.strip('$')), which fails on -$5 (strip removes a sign at
    # the ends only), and named two signs as one string to strip
    days = pd.date_range("2021-01-01", periods=3, freq="D")
    column = pd.Series(values, days, name="price")
    with pytest.raises(ValueError) as err:
        D.to_frame(column)
    if "€" not in code:
        assert str(err.value) == (
            "column 'price' has non-numeric values at 2021-01-01 ('-$5'), 2021-01-02 ('$7.25'), "
            "2021-01-03 ('$6 ') (amounts with a currency sign, '-$5'?): remove the '$' (pandas: "
            f"pd.to_numeric({code}))."
        )
    else:  # 7,25 is no number to pandas: its decimal comma is named instead
        assert str(err.value).endswith(
            "(amounts with a currency sign, '-$5'?): remove the '$' and '€', then write decimal "
            "points (pandas: read_csv(..., decimal=','))."
        )
        column = column.where(column != "7,25 €", "7.25 €")
        with pytest.raises(ValueError) as err:
            D.to_frame(column)
        assert str(err.value).endswith(f"remove the '$' and '€' (pandas: pd.to_numeric({code})).")
    # the code advised reads them
    fixed = pd.to_numeric(eval(code, {"column": column}))
    assert fixed.tolist() == pytest.approx([-5.0, 7.25, 6.0], abs=1e-12)


# --- a future covariate equal to the target ----------------------------------------------------


def test_a_constant_future_covariate_beside_a_constant_target_is_no_copy_of_it():
    # a series flat over its history (opening hours, 1 every day) with a plan as flat ('open',
    # 1 every day until the forecast) was refused as "the target itself: each forecast step
    # would read the value it forecasts"; it fitted before, warned of as constant
    days = pd.date_range("2021-01-01", periods=30, freq="D")
    hours = pd.Series(np.ones(30), days, name="hours")
    plan = pd.Series(np.ones(33), pd.date_range("2021-01-01", periods=33, freq="D"), name="open")
    fc = Forecaster(horizon=3, ensemble=1, epochs=1, lookback=4, season_length=1, hidden_size=4)
    with pytest.warns(UserWarning, match=re.escape("the future covariate 'open' is constant (1)")):
        fc.fit(hours, future_covariates=plan)
    assert fc.state_["future"] == ["open"]
    # a varying target's copy is still refused
    with pytest.raises(ValueError, match=re.escape("got 'open', equal to 'hours' at all of")):
        fc.fit(
            hours.where(days != days[0], 2.0),
            future_covariates=plan.where(plan.index != days[0], 2.0),
        )


# --- a plan that ends early --------------------------------------------------------------------

QUICK = [
    *("--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"),
    *("--no-calendar", "--hidden-size", "4", "--no-stat-baselines", "--holdout", "0"),
]


def test_a_plan_ending_before_the_target_is_not_offered_the_fill_that_refuses_it(tmp_path, capsys):
    # covuser's fix covered a plan ending in the rows after the target's last value; one
    # ending before it (no rows after: its last 3 days empty) was still told to "Fill them
    # first: ... (CLI: --fill)", and --fill then refused it as a plan that ends early
    days = pd.date_range("2021-01-01", periods=40, freq="D").strftime("%Y-%m-%d")
    temp = np.where(np.arange(40) < 37, 10.0 + np.arange(40) % 3, np.nan)
    csv, out = tmp_path / "plan.csv", tmp_path / "run"
    pd.DataFrame({"day": days, "sales": 20.0 + np.arange(40) % 5, "temp": temp}).to_csv(
        csv, index=False
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    argv += ["--future-cols", "temp", "--horizon", "3", *QUICK, "--out", str(out)]
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values must not be missing (NaN), got NaN in column 'temp' "
        f"of {str(csv)!r} at 2021-02-07, "
        "2021-02-08, 2021-02-09. Values known in advance (--future-cols) "
        "end early ('temp' from 2021-02-07): "
        "no fill makes up a plan, so give their values there."
    )
    assert main([*argv, "--fill", "ffill"]) == 2  # as the fill says
    assert "values known in advance (future covariates) must not end early" in (
        capsys.readouterr().err
    )
    # the target's own gap beside it: the fill is still offered, for both
    pd.DataFrame(
        {"day": days, "sales": np.where(np.arange(40) == 5, np.nan, 20.0), "temp": temp}
    ).to_csv(csv, index=False)
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values must not be missing (NaN), got NaN in column 'sales' "
        f"of {str(csv)!r} at 2021-01-06; "
        "column 'temp' at 2021-02-07, 2021-02-08, 2021-02-09. Fill them first: pass "
        "--fill ffill, bfill, interpolate or zero."
    )
    assert not out.exists()

"""fcpy39: forecasting from Python, as a Darts user drives it from a notebook."""

import re

import numpy as np
import pandas as pd
import pytest

from lstmkit.data import LogTransform, MinMaxScaler, SeasonalDifferencer, StandardScaler

DIVERGED = "(refit it, with a lower `lr`), not a value to invert."


def test_log_inverse_refuses_inf_and_overflow():
    # exp(inf) was inf, exp(800) inf with numpy's overflow warning
    with pytest.raises(ValueError) as err:
        LogTransform().inverse_transform(np.array([1.0, -np.inf, np.inf]))
    assert str(err.value) == (
        "LogTransform.inverse_transform got 2 infinite values in `x`, the first at position "
        "(1,) (-inf): an infinite log value is the output of a model that diverged " + DIVERGED
    )
    with pytest.raises(ValueError) as err:
        LogTransform().inverse_transform([1.0, 800.0, 900.0])
    assert str(err.value) == (
        "LogTransform.inverse_transform got 2 values in `x` above 709.78, the first at "
        "position (1,) (800.0), whose exp overflows float64 (largest 1.8e+308): so large a log "
        "value is the output of a model that diverged " + DIVERGED
    )
    with pytest.raises(ValueError, match=re.escape("above 709.78 (710.0), whose exp")):
        LogTransform().inverse_transform(710.0)
    assert LogTransform().inverse_transform(709.0) == pytest.approx(8.218407461554972e307)


def test_log_transform_refuses_inf():
    with pytest.raises(ValueError) as err:
        LogTransform().transform([1.0, np.inf])
    assert str(err.value) == (
        "LogTransform.transform got 1 infinite value in `x`, at position (1,) (inf), which "
        "would come out infinite. Replace or drop it first."
    )


def test_seasonal_inverse_refuses_inf():
    with pytest.raises(ValueError) as err:
        SeasonalDifferencer(1).inverse_transform(np.array([[1.0, np.inf]]), np.array([[1.0, 2]]))
    assert str(err.value) == (
        "SeasonalDifferencer.inverse_transform got 1 infinite value in `z`, at position (0, 1) "
        "(inf): an infinite difference is the output of a model that diverged " + DIVERGED
    )
    with pytest.raises(ValueError) as err:
        SeasonalDifferencer(1).inverse_transform(np.array([1.0]), np.array([2.0, np.inf]))
    assert str(err.value) == (
        "SeasonalDifferencer.inverse_transform got 1 infinite value in `history`, at position "
        "(1,) (inf), which would come out infinite. Replace or drop it first."
    )
    assert SeasonalDifferencer(1).inverse_transform([1.0, 2.0], [3.0]).tolist() == [4.0, 6.0]


@pytest.mark.parametrize("scaler", [MinMaxScaler, StandardScaler])
def test_scalar_of_one_column_fit_gives_a_scalar(scaler):
    # a fit on a DataFrame's one column ([T, 1]) gave shape (1,) for a number, both ways
    s = scaler().fit(pd.DataFrame({"y": [1.0, 3.0, 5.0]}))
    one_d = scaler().fit(np.array([1.0, 3.0, 5.0]))
    for method in ("transform", "inverse_transform"):
        got = getattr(s, method)(2.0)
        assert np.shape(got) == ()
        assert got == getattr(one_d, method)(2.0)
    assert s.transform(np.array([2.0])).shape == (1,)  # an array stays an array


@pytest.mark.parametrize(
    ("memory", "horizon", "said"),
    [(95, 2, "(2 steps) needs at least 96 bytes"), (143, 3, "(3 steps) needs at least 144 bytes")],
)
def test_memory_refusal_counts_one_step_as_one(recursive, fake_memory, memory, horizon, said):
    # "forecast at most 1 steps", and "`horizon` (1 steps)" for a forecast of one step
    fake_memory(memory, None)
    with pytest.raises(ValueError) as err:
        recursive.predict(horizon)
    most = memory // 48
    assert str(err.value) == (
        f"`horizon` {said} for its forecast (48 bytes a step: the forecast, its interval's "
        "bounds, its timestamp and each of the 2 members' forecasts), more than this machine's "
        f"memory ({memory} bytes); forecast at most {most} step{'s' * (most != 1)}."
    )
    fake_memory(47, None)
    with pytest.raises(ValueError, match=r"^`horizon` \(1 step\) needs at least 48 bytes "):
        recursive.predict(1)


@pytest.fixture(scope="module")
def direct():
    import lstmkit
    from lstmkit import Forecaster, ForecasterConfig

    config = ForecasterConfig(horizon=2, hidden_size=4, epochs=1, ensemble=1, progress=False)
    return Forecaster(config).fit(lstmkit.load_dataset("airline"))


STEPS = "(a count of the data's own steps, not a duration: 12 for a year of monthly data, 7 for "
STEPS += "a week of daily data)."


@pytest.mark.parametrize(
    ("call", "told"),
    [
        (lambda fc, y: fc.predict("3m"), "`horizon` must be a positive integer, got '3m' "),
        (
            lambda fc, y: fc.predict(horizon="12 months"),
            "`horizon` must be a positive integer, got '12 months' ",
        ),
        (
            lambda fc, y: fc.backtest(y, horizon="3m"),
            "`horizon` must be a positive integer, got '3m' ",
        ),
        (
            lambda fc, y: fc.backtest(y, stride="1y"),
            "`stride` must be a positive integer, got '1y' ",
        ),
    ],
)
def test_a_duration_given_to_a_call_is_told_it_counts_steps(direct, call, told):
    from lstmkit import load_dataset
    from lstmkit._checks import TextForNumberError

    # predict("3m") was told "must be a positive integer, got '3m'." alone
    with pytest.raises(TextForNumberError) as err:
        call(direct, load_dataset("airline"))
    assert str(err.value) == told + STEPS
    with pytest.raises(TextForNumberError) as err:
        direct.predict("3")
    assert (
        str(err.value) == "`horizon` must be a positive integer, got '3' (a number, not text: 3)."
    )


def test_benchmarks_say_the_ddof_of_their_std(bench_script):
    # forecast_long and forecast_minutes printed "RMSE 1.096 ± 0.012" with numpy's std (ddof=0)
    # unsaid, and "± 0.000" for one seed
    counts = bench_script("_counts")
    assert counts.mean_std([1.0, 2.0, 3.0]) == "2.000 ± 0.816 (std over 3 seeds, ddof=0)"
    assert counts.mean_std([1.147]) == "1.147 (one seed)"
    for name in ("forecast_long", "forecast_minutes"):
        script = bench_script(name)
        assert script.mean_std([1.0, 3.0]) == "2.000 ± 1.000 (std over 2 seeds, ddof=0)"
    # future_covariates' std is the sample one, which its printout and the README now say
    ratios = bench_script("future_covariates").ratios({"a": [1.0, 1.0], "b": [1.0, 3.0]}, "a")
    assert ratios["b"] == (2.0, pytest.approx(2**0.5))


def test_time_target_check_reads_the_target_column_alone():
    from lstmkit.forecast import _time_target_problem

    # it converted the whole frame to floats (a copy of every column, 35 ms for 10 columns of
    # a million rows) to check column 0: a column no float holds shows which it reads
    frame = pd.DataFrame({"y": [1.0, 2.0, 3.0], "note": ["a", "b", "c"]})
    assert _time_target_problem(frame, frame) is None
    years = frame.rename(columns={"y": "year"}).assign(year=[1990.0, 1991.0, 1992.0])
    assert _time_target_problem(years, years) == (
        "`series` column 'year' (1990.0 … 1992.0, rising every row) holds the time, not a value "
        "to forecast, and it is the target (a DataFrame's first column; the others are "
        "covariates); make it the index, series = series.set_index('year')."
    )


@pytest.mark.parametrize(
    "name", ["it's.csv", "a\\b.csv", "données.csv", "tab\there.csv", "b\"o'th.csv", "-x.csv"]
)
def test_the_summary_row_command_names_the_file_typed(tmp_path, monkeypatch, capsys, name):
    import shlex
    import shutil
    import subprocess

    from lstmkit.cli import main

    # the name was the repr's [1:-1]: 'a\\b.csv' (two backslashes), 'tab\there.csv' (a
    # backslash and a t), 'b"o\'th.csv', none of them the file; sed or head read -x.csv as an option
    monkeypatch.chdir(tmp_path)
    rows = "".join(f"2020-{m:02d}-01,{m}\n" for m in range(1, 13))
    (tmp_path / name).write_text(f"date,sales\n{rows}Total,78\n", encoding="utf-8")
    flags = ["--date-col", "date", "--value-col", "sales", "--horizon", "1", "--epochs", "1"]
    assert main(["forecast", f"--csv={name}", *flags]) == 2
    err = capsys.readouterr().err
    cut = f"sed '$d' {shlex.quote('./' + name if name.startswith('-') else name)}"
    assert err.endswith(
        f"read the file without it: {cut} | lstmkit forecast --csv - (with the other flags as "
        "given).\n"
    )
    if shutil.which("sed") is None or shutil.which("sh") is None:
        pytest.skip("no sed or sh here")
    run = subprocess.run(["sh", "-c", cut], capture_output=True, text=True, cwd=tmp_path)
    assert run.stdout == f"date,sales\n{rows}"

"""bt10: the CLI backtest as a Darts user expects it (--backtest-stride, --no-retrain), the
--fill methods named where a gap is refused or the flag comes bare, and Darts' and
NeuralForecast's method names on a Forecaster pointed at `backtest`."""

import copy
import json
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

FAST = ["--epochs", "3", "--ensemble", "1", "--no-stat-baselines", "--no-progress"]


def test_backtest_flags_without_backtest_are_refused_together(capsys) -> None:
    assert main(["forecast", "airline", "--backtest-stride", "6", "--no-retrain"]) == 2
    assert capsys.readouterr().err == (
        "error: --backtest-stride (6), --no-retrain apply to the backtest; add --backtest.\n"
    )
    assert main(["forecast", "airline", "--no-retrain"]) == 2
    assert (
        capsys.readouterr().err == "error: --no-retrain applies to the backtest; add --backtest.\n"
    )


def test_a_backtest_stride_below_one_is_refused(capsys) -> None:
    assert main(["forecast", "airline", "--backtest", "--backtest-stride", "0"]) == 2
    assert capsys.readouterr().err == (
        "error: --backtest-stride must be >= 1 (steps between origins), got 0.\n"
    )


def test_origins_that_a_stride_pushes_off_the_series_name_the_stride(capsys) -> None:
    argv = ["forecast", "airline", "--backtest", "--backtest-stride", "60"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --backtest runs 3 origins by default, more than this series allows: pass "
        "--backtest-origins 2 (the most that fit). The origins "
        "are 60 steps apart (--backtest-stride 60), so the earliest of 3 origins would "
        "be fitted on only the "
        "first 12 points, too few: MASE and the seasonal naive baseline need more than one "
        "season (m=12) of training points, got 12; give a longer series.\n"
    )
    # --season-length 1, advised here before, was refused again: 12 points fit no horizon of 12
    # (freq10)
    assert main([*argv, "--season-length", "1"]) == 2
    assert (
        "so the earliest of 3 origins would be fitted on only the first 12 points"
        in capsys.readouterr().err
    )


def test_no_retrain_fits_once_before_the_first_origin_as_backtest_retrain_false(
    tmp_path: Path, capsys
) -> None:
    """The CLI had no retrain-off mode: --no-retrain is Python's backtest(retrain=False) of a
    model fitted on the points before the first origin, with the stride and the mode recorded
    and in the table's heading."""
    out = tmp_path / "run"
    argv = ["forecast", "airline", *FAST, "--backtest", "--backtest-origins", "2"]
    assert main([*argv, "--backtest-stride", "6", "--no-retrain", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (
        "rolling-origin backtest (mean over 2 origins 6 steps apart, fitted once before the "
        "first), interval coverage"
    ) in printed
    run = json.loads((out / "run.json").read_text())
    assert run["backtest_setup"] == {
        "origins": 2,
        "stride": 6,
        "retrain": False,
        "first_origin": "1959-07-01",
    }
    config = ForecasterConfig(**run["config"])
    y = load_dataset("airline")
    first = 144 - 12 - 6
    by_hand = Forecaster(config).fit(y[:first])
    by_hand = by_hand.backtest(y, start=first, stride=6, retrain=False, statistical_baselines=False)
    for method in ("model", "naive", "seasonal_naive"):
        assert run["backtest"][method]["rmse"] == by_hand.summary[method]["rmse"]


def test_the_default_backtest_is_recorded_as_fitted_at_each_origin(capsys) -> None:
    argv = ["forecast", "airline", *FAST, "--horizon", "6", "--backtest", "--json"]
    assert main([*argv, "--backtest-origins", "2"]) == 0
    assert json.loads(capsys.readouterr().out)["backtest_setup"] == {
        "origins": 2,
        "stride": 6,
        "retrain": True,
        "first_origin": "1960-01-01",
    }


def test_a_bare_fill_names_its_methods(flags_refusal: Callable[[list[str]], str]) -> None:
    assert flags_refusal(["forecast", "airline", "--fill"]) == (
        "error: argument --fill: expected one argument: ffill, bfill, interpolate, zero or none "
        "(`lstmkit forecast --help` lists the flags)\n"
    )
    assert flags_refusal(["forecast", "airline", "--holdout"]) == (  # no choices: as before
        "error: argument --holdout: expected one argument (`lstmkit forecast --help` lists the "
        "flags)\n"
    )


def test_a_gap_refused_on_the_command_line_names_the_fill_methods(tmp_path: Path, capsys):
    csv = tmp_path / "gap.csv"
    csv.write_text("month,sales\n2020-01-01,1\n2020-02-01,2\n2020-04-01,3\n2020-05-01,4\n")
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: timestamps in {str(csv)!r} must be regularly spaced (no gaps), got irregular "
        "steps before 2020-04-01 (usual step: 1 month); missing 2020-03-01; pass --fill ffill, "
        "bfill, interpolate or zero to insert the missing timestamps and fill their values.\n"
    )


def test_darts_and_neuralforecast_method_names_point_at_backtest() -> None:
    fc = Forecaster(horizon=3)
    with pytest.raises(AttributeError) as raised:
        fc.historical_forecasts(None)
    assert str(raised.value) == (
        "'Forecaster' object has no attribute 'historical_forecasts': Darts' "
        "historical_forecasts is `backtest` here (start, stride, horizon, retrain=False; the "
        "forecasts are its result's `.forecasts`)."
    )
    with pytest.raises(AttributeError) as raised:
        _ = fc.cross_validation
    assert str(raised.value) == (
        "'Forecaster' object has no attribute 'cross_validation': NeuralForecast's "
        "cross_validation is `backtest` here (its step_size is `stride`)."
    )
    with pytest.raises(AttributeError) as raised:
        _ = fc.no_such_thing
    assert str(raised.value) == "'Forecaster' object has no attribute 'no_such_thing'"
    assert (raised.value.name, raised.value.obj) == ("no_such_thing", fc)  # "Did you mean"


def test_missing_names_stay_missing_for_hasattr_dir_copy_and_pickle() -> None:
    fc = Forecaster(horizon=3)
    assert hasattr(fc, "backtest") and hasattr(fc, "state_")
    assert not hasattr(fc, "historical_forecasts")
    assert "historical_forecasts" not in dir(fc) and "backtest" in dir(fc)
    for again in (copy.copy(fc), copy.deepcopy(fc), pickle.loads(pickle.dumps(fc))):
        assert again.config == fc.config and again.state_ is None

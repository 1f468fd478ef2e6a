"""revbt10: the review of bt10 (--backtest-stride, --no-retrain, Darts' method names)."""

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster

FAST = ["--epochs", "3", "--ensemble", "1", "--no-stat-baselines", "--no-progress"]


def test_an_attribute_error_inside_a_subclass_property_keeps_its_own_message() -> None:
    """Forecaster.__getattr__ (for Darts' historical_forecasts) told an AttributeError raised
    inside a property as the property missing: "'Sub' object has no attribute 'days'"."""

    class Sub(Forecaster):
        @property
        def days(self) -> int:
            return self.config.horizon_in_days  # type: ignore[attr-defined]

    with pytest.raises(AttributeError) as raised:
        _ = Sub(horizon=3).days
    assert str(raised.value) == "'ForecasterConfig' object has no attribute 'horizon_in_days'"
    with pytest.raises(AttributeError) as raised:  # Darts' name on a subclass: as on Forecaster
        _ = Sub(horizon=3).historical_forecasts
    assert str(raised.value).startswith(
        "'Sub' object has no attribute 'historical_forecasts': Darts' historical_forecasts is "
        "`backtest` here"
    )


def _shifted_csv(path: Path) -> Path:
    """Monthly sales that jump by 1000 after 70 points: the later origins' windows lie far
    outside the points before the first origin."""
    rng = np.random.default_rng(0)
    t = np.arange(120)
    y = 10 + np.sin(2 * np.pi * t / 12) + rng.normal(0, 0.2, 120)
    y[70:] += 1000
    months = pd.date_range("2000-01-01", periods=120, freq="MS")
    pd.DataFrame({"month": months, "sales": y}).to_csv(path, index=False)
    return path


@pytest.mark.filterwarnings("always::UserWarning")
def test_no_retrain_far_outside_warning_names_the_csv_and_the_flag_to_drop(
    tmp_path: Path, capsys
) -> None:
    """--no-retrain's warning of later windows far outside the fitted points told the command
    line user to "pass retrain=True", of `series`."""
    csv = _shifted_csv(tmp_path / "shift.csv")
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales", *FAST]
    assert main([*argv, "--backtest", "--backtest-origins", "5", "--no-retrain"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: --csv {str(csv)!r} "
        "lies far outside the training series as the network reads it: the 72 points the "
        "windows of its 5 origins read, scaled with the statistics fitted on the training "
        "series (scaling='window'), span -68.7 … 55.2 in 'sales' (training: -1.93 … 1.79), more"
        " than twice the training inputs' range about its middle, so the forecast extrapolates;"
        " drop --no-retrain to fit at every origin on the points before it."
    ]


def test_backtest_without_retrain_still_tells_a_python_caller_retrain_true(tmp_path: Path):
    frame = pd.read_csv(_shifted_csv(tmp_path / "shift.csv"), index_col=0, parse_dates=True)
    frame = frame.asfreq("MS")
    fc = Forecaster(epochs=2, ensemble=1).fit(frame[:60])
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        fc.backtest(frame, start=60, stride=12, retrain=False, statistical_baselines=False)
    assert [str(w.message)[-88:] for w in seen] == [
        "forecast extrapolates; pass retrain=True to fit at every origin on the points before it."
    ]

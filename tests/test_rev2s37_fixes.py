"""Fixes from the second review of session 37's changes, each with the input that failed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main


@pytest.mark.parametrize("json_out", [False, True], ids=["refused", "json"])
def test_forecast_names_a_12_hourly_series_one_step_as_json_writes_it(
    json_out: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # the refusal of a model without finite forecasts wrote the step at midnight without its
    # time ("from 2024-01-21", where --json writes 2024-01-21T00:00:00) and said "at 1 of the
    # 1 steps"
    import lstmkit.forecast as F

    original = F.Forecaster.predict

    def predict(self: F.Forecaster, *args: object, **kwargs: object) -> pd.DataFrame:
        pred = original(self, *args, **kwargs)
        if not json_out:
            pred["forecast"] = np.inf
        return pred

    monkeypatch.setattr(F.Forecaster, "predict", predict)
    stamps = pd.date_range("2024-01-01", periods=40, freq="12h")  # the last at noon
    csv = tmp_path / "h12.csv"
    pd.DataFrame({"date": stamps, "value": 100 + np.sin(np.arange(40))}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "date", "--value-col", "value"]
    argv += ["--epochs", "1", "--ensemble", "1", "--no-stat-baselines", "--no-progress"]
    argv += ["--horizon", "1", "--holdout", "0", "--season-length", "1"]
    if json_out:
        assert main([*argv, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["forecast"]["timestamp"] == [
            "2024-01-21T00:00:00"
        ]
        return
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[-1] == (
        "error: the fitted model forecasts no finite number at its one step "
        "(2024-01-21T00:00:00): its weights give values beyond the floating-point range (a "
        "lower --lr may help); nothing was written."
    )

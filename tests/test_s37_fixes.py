"""Session 37's own fixes, each with the input that failed before it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main


@pytest.mark.parametrize("bad", [np.nan, np.inf], ids=["nan", "inf"])
@pytest.mark.parametrize("out", [False, True], ids=["print", "out"])
def test_forecast_refuses_a_fitted_model_without_finite_forecasts_in_its_own_words(
    bad: float, out: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # printing failed on "unsupported format string passed to NoneType.__format__", and --out
    # with plot_forecast's refusal naming an argument `lstmkit forecast` has not
    import lstmkit.forecast as F

    original = F.Forecaster.predict

    def predict(self: F.Forecaster, *args: object, **kwargs: object) -> pd.DataFrame:
        pred = original(self, *args, **kwargs)
        pred.loc[pred.index[2:], "forecast"] = bad
        return pred

    monkeypatch.setattr(F.Forecaster, "predict", predict)
    argv = ["forecast", "airline", "--epochs", "1", "--ensemble", "1", "--no-stat-baselines"]
    argv += ["--horizon", "6", "--no-progress"]
    if out:
        argv += ["--out", str(tmp_path / "run")]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[-1] == (
        "error: the fitted model forecasts no finite number at 4 of the 6 steps (from "
        "1960-09-01): its weights give values beyond the floating-point range (a lower --lr "
        "may help)."
    )
    assert not (tmp_path / "run").exists()


def test_series_col_refusal_of_a_later_series_does_not_contradict_what_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, undrawn_figures
) -> None:
    # "...; nothing was written. (the series before it, a, were written to --out ...)"
    import lstmkit.forecast as F

    original, calls = F.Forecaster.predict, []

    def predict(self: F.Forecaster, *args: object, **kwargs: object) -> pd.DataFrame:
        pred = original(self, *args, **kwargs)
        calls.append(1)
        if len(calls) > 1:  # the second series' model
            pred["forecast"] = np.nan
        return pred

    monkeypatch.setattr(F.Forecaster, "predict", predict)
    dates = pd.date_range("2000-01-01", periods=40, freq="MS").strftime("%Y-%m-%d")
    rows = [(s, d, 10 + k % 12 + 5 * (s == "b")) for s in "ab" for k, d in enumerate(dates)]
    csv = tmp_path / "stores.csv"
    pd.DataFrame(rows, columns=["store", "date", "value"]).to_csv(csv, index=False)
    out = tmp_path / "runs"
    argv = ["forecast", "--csv", str(csv), "--series-col", "store", "--date-col", "date"]
    argv += ["--value-col", "value", "--epochs", "1", "--ensemble", "1", "--horizon", "3"]
    argv += ["--no-stat-baselines", "--no-progress", "--json", "--out", str(out)]
    assert main(argv) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: series store=b: the fitted model forecasts no finite number at 3 of the 3 steps "
        "(from 2003-02-01): its weights give values beyond the floating-point range (a lower "
        "--lr may help). The series before it, a, was written to --out, and its summary.csv "
        "lists it alone."
    )

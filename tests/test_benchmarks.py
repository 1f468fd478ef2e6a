"""The benchmarks' ratios to their anchors (the scripts themselves run for minutes, so only the
small functions that compute the printed ratios are tested here)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_forecast_accuracy_rmse_over_seasonal_naive_per_dataset_and_holdout(bench_script):
    naive_ratios = bench_script("forecast_accuracy").naive_ratios
    holdout = [
        {"dataset": "airline", "holdout": 12, "method": "lstmkit Forecaster", "rmse": [10.0, 14.0]},
        {"dataset": "airline", "holdout": 12, "method": "seasonal_naive", "rmse": [48.0]},
        {"dataset": "airline", "holdout": 24, "method": "lstmkit Forecaster", "rmse": [15.0]},
        {"dataset": "airline", "holdout": 24, "method": "seasonal_naive", "rmse": [75.0]},
        {"dataset": "car_sales", "holdout": 12, "method": "AutoARIMA", "rmse": [3000.0]},
        {"dataset": "car_sales", "holdout": 12, "method": "seasonal_naive", "rmse": [2000.0]},
    ]
    assert naive_ratios(holdout) == pytest.approx([0.25, 1.0, 0.2, 1.0, 1.5, 1.0])
    backtest = [  # no holdout: one backtest per dataset
        {"dataset": "airline", "method": "lstmkit Forecaster", "rmse": [12.0, 18.0]},
        {"dataset": "airline", "method": "seasonal_naive", "rmse": [40.0]},
    ]
    assert naive_ratios(backtest) == pytest.approx([0.375, 1.0])


def test_forecast_residuals_speedup_over_one_predict_per_origin(bench_script):
    assert bench_script("forecast_residuals").speedup(18.7, 5.8) == pytest.approx(3.224, abs=1e-3)


def test_faithfulness_ratios_to_lrp(bench_script):
    ratios = bench_script("faithfulness").lrp_ratios(
        {"occlusion": 1.731, "lrp": 1.688, "random": 0.0}
    )
    assert ratios == pytest.approx({"occlusion": 1.731 / 1.688, "lrp": 1.0, "random": 0.0})


def test_sst_accuracy_over_cnn_rand(bench_script):
    sst = bench_script("sst")
    assert sst.anchor_ratio("sst2", 82.7) == pytest.approx(1.0)
    assert sst.anchor_ratio("sst5", 44.8) == pytest.approx(44.8 / 45.0)


def test_startup_medians_as_ratios_to_import_torch(bench_script):
    summarize = bench_script("startup").summarize
    times = {"import torch": [3.0, 2.0, 4.0], "datasets": [0.1, 0.5, 0.3], "fit": [6.0, 9.0]}
    assert summarize(times, "import torch") == {
        "import torch": (3.0, 1.0),
        "datasets": (0.3, pytest.approx(0.1)),
        "fit": (7.5, 2.5),
    }


def test_prep_speed_data_are_seeded_and_ratios_are_to_each_runs_anchor(
    bench_script, tmp_path: Path
):
    prep = bench_script("prep_speed")
    for write, name in ((prep.write_series, "series.csv"), (prep.write_texts, "texts.csv")):
        write(tmp_path / name, 3)
        first = (tmp_path / name).read_bytes()
        write(tmp_path / name, 3)
        assert (tmp_path / name).read_bytes() == first
    lines = (tmp_path / "series.csv").read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["store,month,sales", "S00000,2015-01,430.25"] and len(lines) == 145
    assert len((tmp_path / "texts.csv").read_text(encoding="utf-8").splitlines()) == 4
    this = [
        {"seconds": 2.0, "anchor": 0.1},
        {"seconds": 3.0, "anchor": 0.1},
        {"seconds": 1.0, "anchor": 0.05},
    ]
    base = [
        {"seconds": 4.0, "anchor": 0.1},
        {"seconds": 2.0, "anchor": 0.4},
        {"seconds": 2.0, "anchor": 0.1},
    ]
    # of 0.5, 1.5 and 0.5: the pandas reads, a tenth of a second that the load moves, do not
    # enter (each over its own read gave 0.5, 6.0 and 1.0)
    assert prep.over_baseline(this, base) == pytest.approx(0.5)


def test_jobs_overhead_medians_as_ratios_to_one_job(bench_script):
    ratios = bench_script("jobs_overhead").ratios
    assert ratios({1: [20.0, 30.0, 25.0], 2: [40.0, 10.0, 20.0]}) == {
        1: (25.0, 1.0),
        2: (20.0, 0.8),
    }


def test_future_covariates_ratios_to_the_model_without_them_seed_by_seed(bench_script):
    ratios = bench_script("future_covariates").ratios
    scores = {"without covariates": [4.0, 2.0], "future (direct)": [2.0, 2.0]}
    assert ratios(scores) == {
        "without covariates": (1.0, 0.0),
        "future (direct)": (0.75, pytest.approx(0.3535534, abs=1e-7)),
    }
    assert ratios({"without covariates": [3.0], "seasonal naive": [4.5]}) == {
        "without covariates": (1.0, 0.0),
        "seasonal naive": (1.5, 0.0),
    }


def test_every_benchmark_help_opens_with_whole_sentences(bench_script, monkeypatch, capsys):
    """`--help` describes each script with its docstring's first paragraph, not its first
    line: jobs_overhead's stopped mid-sentence ("... fresh `lstmkit forecast` commands with")."""
    cut = {}
    for path in sorted(BENCHMARKS.glob("[!_]*.py")):  # _counts.py is the scripts' helper
        module = bench_script(path.stem)
        monkeypatch.setattr(sys, "argv", [str(path), "--help"])
        with pytest.raises(SystemExit):
            module.main()
        description = capsys.readouterr().out.split("\n\n")[1]
        if not description.endswith("."):
            cut[path.name] = description
    assert cut == {}


def test_no_benchmark_docstring_joins_its_lines_with_a_run_of_spaces():
    """sst.py's example command ended a docstring line with a backslash, which Python reads as
    a line continuation: its __doc__ said "--ensemble 6           --member-jobs 2"."""
    import ast
    import re

    joined = {}
    for path in sorted(BENCHMARKS.glob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text("utf-8")), clean=False) or ""
        # spaces within a line, but before a comment (bench_rnn's "--quick    # ...")
        lines = [line for line in doc.splitlines() if re.search(r"\S {4,}[^#\s]", line)]
        if lines:
            joined[path.name] = lines
    assert joined == {}


def test_pad_batch_ratio_is_ours_over_torchs(bench_script):
    assert bench_script("pad_batch").ratio(663.0, 1425.0) == pytest.approx(0.4653, abs=1e-4)


def test_forecast_accuracy_backtest_silences_the_lone_90_level_warning_alone(
    bench_script, monkeypatch
):
    # car sales' backtest warned once per seed that the 90 % level is not scored, which the
    # table says ("too few errors"); that warning alone is silenced, inside the benchmark
    import warnings

    import pandas as pd

    from lstmkit.backtest import _unscored_levels

    module = bench_script("forecast_accuracy")
    lone = _unscored_levels(pd.DataFrame({"y": range(10)}), {0.9: (6, 4)})
    both = _unscored_levels(pd.DataFrame({"y": range(10)}), {0.5: (6, 0), 0.9: (6, 0)})
    told = [lone]

    class Result:
        def __init__(self):
            self.calibration = pd.DataFrame(
                {"nominal": [0.5, 0.8, 0.9], "coverage": [0.5, 0.75, np.nan]}
            )
            self.summary = {"model": {"rmse": 3.0, "mape": 4.0, "mase": 0.5, "coverage": 0.75}}

    class Fake:
        def __init__(self, config):
            self.config = config

        def backtest(self, y, **kwargs):
            for message in told:
                warnings.warn(message, UserWarning, stacklevel=2)
            return Result()

    monkeypatch.setattr(module, "Forecaster", Fake)
    monkeypatch.setattr(module, "load_dataset", lambda name: pd.Series(np.arange(48.0)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (row,) = module.backtest_table(["car_sales"], (0, 1))
    assert caught == []
    assert row["rmse"] == [3.0, 3.0] and row["coverage"] == [0.75, 0.75]
    assert np.isnan(row["levels"][0][0.9])
    told[:] = [both, "another warning"]  # both levels, or another warning, still show
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module.backtest_table(["car_sales"], (0,))
    assert [str(w.message) for w in caught] == [both, "another warning"]
    assert lone.startswith("backtest: the 90% level is not scored (coverage NaN")

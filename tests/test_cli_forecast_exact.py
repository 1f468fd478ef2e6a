"""Exact checks of ``lstmkit forecast``'s flags and run (cli/forecast.py, cli/_forecast_run.py):
the defaults and choices of the parser, the config read from them, and the numbers, keys and
lines of a run, each pinned so that a changed default, bound or heading shows."""

import json
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit._checks import show_progress
from lstmkit._forecast_config import ForecasterConfig
from lstmkit.cli import _forecast_run as R
from lstmkit.cli import build_parser, json_safe, main

TINY = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]


def _args(*argv: str):
    """``lstmkit forecast ARGV`` as parsed, without running it."""
    return build_parser(["forecast"]).parse_args(["forecast", *argv])


def _subparser(command: str):
    return build_parser([command])._subparsers._group_actions[0].choices[command]


def test_forecast_and_predict_flags_default_to_the_documented_values():
    parsed = {k: v for k, v in vars(_args("airline")).items() if k not in ("func", "_parser")}
    assert parsed == {
        "verbose": False,
        "command": "forecast",
        "dataset": "airline",
        "csv": None,
        "date_col": None,
        "date_format": None,
        "value_col": None,
        "covariate_cols": [],
        "fill": None,
        "sep": None,
        "decimal": None,
        "thousands": None,
        "where": None,
        "future_cols": [],
        "series_col": None,
        "horizon": None,
        "holdout": None,
        "backtest": False,
        "backtest_origins": None,
        "backtest_stride": None,
        "no_retrain": False,
        "no_stat_baselines": False,
        "cell": "lstm",
        "strategy": "direct",
        "lookback": None,
        "hidden_size": 32,
        "num_layers": 1,
        "dropout": 0.0,
        "bidirectional": False,
        "transform": "auto",
        "difference": 0,
        "scaling": "window",
        "anchor": "smooth",
        "calendar": None,
        "no_calendar": False,
        "season_length": None,
        "ensemble": 5,
        "interval": 0.8,
        "epochs": 300,
        "lr": 0.01,
        "val_size": None,
        "batch_size": 16,
        "patience": None,
        "weight_decay": 0.001,
        "no_early_stopping": False,
        "windows_per_epoch": "auto",
        "no_refit": False,
        "seed": 0,
        "num_threads": 1,
        "device": "cpu",
        "jobs": 1,
        "progress": None,
        "out": None,
        "overwrite": False,
        "json": False,
    }
    predict = build_parser(["predict"]).parse_args(["predict", "m"])
    assert {k: v for k, v in vars(predict).items() if k not in ("func", "_parser")} == {
        "verbose": False,
        "command": "predict",
        "model": Path("m"),
        "dataset": None,
        "csv": None,
        "date_col": None,
        "date_format": None,
        "value_col": None,
        "covariate_cols": [],
        "fill": None,
        "sep": None,
        "decimal": None,
        "thousands": None,
        "where": None,
        "future_cols": [],
        "horizon": None,
        "interval": None,
        "device": "cpu",
        "out": None,
        "overwrite": False,
        "json": False,
    }
    # every flag's default is the config's: the flags read back give the default config
    assert R._config(_args("airline")) == ForecasterConfig(progress=show_progress(None))


def test_forecast_flags_offer_every_choice_of_the_config():
    choices = {a.dest: a.choices for a in _subparser("forecast")._actions if a.choices}
    assert choices == {
        # none: no fill, the default, as predict and explain take it (cli30)
        "fill": ["ffill", "bfill", "interpolate", "zero", "none"],
        # the config's own tuples (_forecast_config.CHOICES), in its Literals' order
        "cell": ("lstm", "gru", "peephole"),
        "strategy": ("direct", "recursive", "seq2seq"),
        "transform": ("auto", "log", "none"),
        "scaling": ("window", "standard", "minmax"),
        "anchor": ("level", "season", "smooth"),
        "calendar": ["all", "season", "none"],
    }
    assert _args("airline", "--no-stat-baselines").no_stat_baselines is True


def test_a_dataset_alias_loads_the_dataset_under_the_name_given():
    frame, name = R._load(_args("milk_production"))
    assert name == "milk_production"
    assert frame.iloc[:, 0].tolist() == D.load_dataset("milk").tolist()


def test_training_problem_names_the_points_the_season_and_the_lever():
    problem = R._training_problem
    assert problem(ForecasterConfig(horizon=6), 0, 12) == (
        "the series is too short: no points are left to fit on, got 0."
    )
    # without a season, no word of seasons
    assert problem(ForecasterConfig(horizon=6), 3, 1) == (
        "the series is too short: lookback (1) + horizon (6) + differencing (0) + validation "
        "windows (1) need at least 8 points, got 3."
    )
    assert problem(ForecasterConfig(horizon=6), 8, 12, scored=False) == (
        "the series is too short: lookback (12) + horizon (6) + differencing (0) + validation "
        "windows (1) need at least 19 points, got 8. The look-back defaults to one to three "
        "seasons (m=12); pass --lookback 1 (the longest that fits), or --season-length 1 if the "
        "series has no season."
    )
    # scored, one season or less is refused whatever the look-back: that first (the advice
    # to pass --lookback led to this refusal)
    assert problem(ForecasterConfig(horizon=6), 8, 12) == (
        "MASE and the seasonal naive baseline need more than one season (m=12) of training "
        "points, got 8; give a longer series, or --season-length 1 if it has no season."
    )
    # long enough to fit, but one season is too few for MASE and seasonal naive: only when scored
    short = ForecasterConfig(horizon=2, lookback=3)
    assert problem(short, 12, 12) == (
        "MASE and the seasonal naive baseline need more than one season (m=12) of training "
        "points, got 12; give a longer series, or --season-length 1 if it has no season."
    )
    assert problem(short, 12, 12, scored=False) is None
    assert problem(short, 13, 12) is None


# --- a run with a stand-in Forecaster: the numbers it forecasts are chosen, so every score,
# key and line of the run follows from them by hand (float64), without training

AIRLINE = D.load_dataset("airline")
TRUTH = AIRLINE.to_numpy(dtype=float)[-3:]  # 1960-10 … 1960-12: 461, 390, 432
FORECAST = TRUTH + np.array([-10.0, 20.0, 0.0])
# the first truth on the lower bound, the second above the band, the third on the upper bound
LOWER = TRUTH + np.array([0.0, 5.0, -30.0])
UPPER = TRUTH + np.array([50.0, 50.0, 0.0])


class _Figure:
    def __init__(self):
        self.axes = [self]
        self.title = "backtest"

    def get_title(self):
        return self.title

    def set_title(self, title):
        self.title = title

    def set_ylabel(self, label):
        self.ylabel = label


_CALLS: dict = {}  # what the stand-in was called with


class _StubForecaster:
    """What ``_execute`` reads of a fitted Forecaster, with a fixed forecast."""

    def __init__(self, config):
        self.config = config

    def length_problem(self, n, m):
        return None

    def fit(self, series, covariates=None, future_covariates=None):
        _CALLS["fit"] = (len(series), covariates)
        self.index = series.index
        self.state_ = {"m": self.config.season_length or 12, "lookback": 24, "log": True}
        self.history_ = [
            SimpleNamespace(best_epoch=4, epochs_run=9, best_val_loss=0.125, val_loss=[1.0]),
            SimpleNamespace(best_epoch=0, epochs_run=3, best_val_loss=0.5, val_loss=[]),
        ]
        self.refit_history_ = [SimpleNamespace(epochs_run=5), SimpleNamespace(epochs_run=6)]
        return self

    def predict(self, horizon, future_covariates=None):
        index = D.future_index(self.index, horizon)
        band = np.full(3, np.nan) if self.config.interval is None else None
        lower, upper = (LOWER, UPPER) if band is None else (band, band)
        return pd.DataFrame({"forecast": FORECAST, "lower": lower, "upper": upper}, index=index)

    def backtest(self, series, covariates=None, **kwargs):
        _CALLS["backtest"] = (len(series), covariates, kwargs)
        scores = {"rmse": 12.3456, "mae": 10.0, "mape": 2.5, "smape": 2.25, "mase": 0.5}
        return SimpleNamespace(
            summary={
                "model": {**scores, "coverage": 0.75, "nominal": 0.8},
                "naive": {**scores, "rmse": 10.0, "mase": float("nan")},
            },
            calibration=pd.DataFrame({"nominal": [0.8, 0.9], "coverage": [np.nan, 1.0]}),
            forecasts=pd.DataFrame({"origin": [1], "forecast": [2.5]}),
            plot=_Figure,
        )

    def save(self, path):
        path.mkdir()
        # a Forecaster's kind: a rerun into --out refuses a model/ holding any other
        (path / "config.json").write_text('{"kind": "lstmkit.Forecaster"}')

    def plot_training(self, path, title):
        _CALLS["training.png"] = title
        Path(path).write_text(title)


@pytest.fixture
def stub(monkeypatch):
    import lstmkit.forecast

    _CALLS.clear()
    monkeypatch.setattr(lstmkit.forecast, "Forecaster", _StubForecaster)

    def plot_forecast(history, pred, truth=None, *, path, title):
        _CALLS["forecast.png"] = (len(history), title)
        Path(path).write_text(title)

    def save_figure(fig, path, *, dpi):
        _CALLS["backtest.png"] = (fig.title, dpi)
        Path(path).write_text(fig.title)

    monkeypatch.setattr(lstmkit.forecast, "plot_forecast", plot_forecast)
    monkeypatch.setattr(R, "save_figure", save_figure)
    return _CALLS


def _scores(y_true, y_pred):
    """The five metrics by hand, float64, MASE against the in-sample seasonal naive (m=12)."""
    y_train = AIRLINE.to_numpy(dtype=float)[:-3]
    err = y_true - y_pred
    scale = np.mean(np.abs(y_train[12:] - y_train[:-12]))
    return {
        "rmse": float(np.sqrt(np.mean(err**2))),
        "mae": float(np.mean(np.abs(err))),
        "mape": float(100 * np.mean(np.abs(err) / np.abs(y_true))),
        "smape": float(100 * np.mean(2 * np.abs(err) / (np.abs(y_true) + np.abs(y_pred)))),
        "mase": float(np.mean(np.abs(err)) / scale),
    }


def test_json_of_a_run_holds_its_scores_keys_and_members(stub, capsys):
    assert main(["forecast", "airline", "--horizon", "3", "--no-stat-baselines", "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert list(obj) == [
        "dataset",
        "dataset_sha256",
        "where",
        "command",
        "n",
        "freq",
        "inserted_timestamps",
        "holdout",
        "seed",
        "config",
        "lookback",
        "season_length",
        "log_transform",
        "metrics",
        "baselines_skipped",
        "backtest",
        "backtest_calibration",
        "forecast",
        "fit_seconds",
        "members",
        "threads",
        "versions",
    ]
    assert stub["fit"] == (141, None)  # fitted on all but the 3 held-out points
    assert {k: obj[k] for k in ("dataset", "n", "inserted_timestamps", "holdout", "seed")} == {
        "dataset": "airline",
        "n": 144,
        "inserted_timestamps": 0,
        "holdout": 3,
        "seed": 0,
    }
    assert obj["command"] == "lstmkit forecast airline --horizon 3 --no-stat-baselines --json"
    assert obj["where"] is None  # no --where, no --series-col
    assert (obj["lookback"], obj["season_length"], obj["log_transform"]) == (24, 12, True)
    assert obj["threads"] == 1 and obj["config"]["horizon"] == 3
    assert obj["baselines_skipped"] == ["AutoARIMA", "AutoETS", "AutoTheta"]
    assert obj["backtest"] is None and obj["backtest_calibration"] is None
    assert obj["forecast"] == {
        "timestamp": ["1960-10-01", "1960-11-01", "1960-12-01"],
        "forecast": FORECAST.tolist(),
        "lower": LOWER.tolist(),
        "upper": UPPER.tolist(),
    }
    assert obj["members"] == [
        {"best_epoch": 5, "epochs_run": 9, "best_val_loss": 0.125, "refit_epochs": 5},
        {"best_epoch": 1, "epochs_run": 3, "best_val_loss": None, "refit_epochs": 6},
    ]
    y_train = AIRLINE.to_numpy(dtype=float)[:-3]
    expected = {
        # the bounds count as inside: the first and the third truth are covered
        "model": {**_scores(TRUTH, FORECAST), "coverage": 2 / 3, "nominal": 0.8},
        "naive": _scores(TRUTH, np.full(3, y_train[-1])),
        "seasonal_naive": _scores(TRUTH, y_train[-12:-9]),
    }
    assert list(obj["metrics"]) == list(expected)
    for method, scores in expected.items():
        assert list(obj["metrics"][method]) == list(scores)
        assert obj["metrics"][method] == pytest.approx(scores, rel=1e-12)


def test_skipped_statistical_baselines_name_the_extra_that_installs_them(stub, monkeypatch, capsys):
    """Without statsforecast the line said "statsforecast not installed, or
    --no-stat-baselines" whichever held, and named no extra; it names the one that holds."""
    import lstmkit.baselines

    monkeypatch.setattr(lstmkit.baselines, "_statsforecast", lambda: None)  # not installed
    argv = ["forecast", "airline", "--horizon", "3", "--seed", "7"]
    assert main(argv) == 0
    skipped = [line for line in capsys.readouterr().out.splitlines() if "skipped" in line]
    assert skipped == [
        "skipped baselines: AutoARIMA, AutoETS, AutoTheta (statsforecast is not installed: "
        "pip install 'lstmkit[baselines]')"
    ]


def test_report_files_and_backtest_of_a_run_with_out(stub, tmp_path, capsys):
    out = tmp_path / "run"
    argv = ["forecast", "airline", "--horizon", "3", "--no-stat-baselines", "--backtest"]
    assert main([*argv, "--seed", "7", "--out", str(out)]) == 0
    lines = [line.rstrip() for line in capsys.readouterr().out.splitlines()]
    # the stub's fit takes no time, but a loaded machine can spend 0.05 s around it
    fit_time = re.search(r" \(fit (\d+\.\d) s\)$", lines[0])
    assert fit_time is not None and float(fit_time[1]) < 2.0, lines[0]
    lines[0] = lines[0][: fit_time.start()] + " (fit 0.0 s)"
    assert lines == [
        "airline: n=144, holdout=3, horizon=3, lookback=24, cell=lstm, strategy=direct, "
        "ensemble=5, seed=7 (fit 0.0 s)",
        "",
        "method          RMSE   MAE    MAPE %  sMAPE %  MASE (m=12)",
        "--------------  -----  -----  ------  -------  -----------",
        "model           12.91  10.00  2.43    2.40     0.313",
        "naive           85.46  80.33  19.35   17.38    2.516",
        "seasonal_naive  38.42  36.33  8.38    8.78     1.138",
        "",
        "interval coverage on the holdout: 67% (nominal 80%)",
        "skipped baselines: AutoARIMA, AutoETS, AutoTheta (--no-stat-baselines)",
        "",
        "rolling-origin backtest (mean over 3 origins 3 steps apart, fitted at each), interval "
        "coverage 75%:",
        "method  RMSE   MAE    MAPE %  sMAPE %  MASE (m=12)",
        "------  -----  -----  ------  -------  -----------",
        "model   12.35  10.00  2.50    2.25     0.500",
        "naive   10.00  10.00  2.50    2.25     nan",
        "(nan: MASE is undefined when the training series does not change at the seasonal lag "
        "at some origin)",
        "interval coverage by nominal level: 80% → (too few validation errors), 90% → 100%",
        "(naive beats the model over the backtest: RMSE 10.00 against 12.35)",
        "",
        "forecast (80% interval):",
        "timestamp   forecast  lower   upper",
        "----------  --------  ------  ------",
        "1960-10-01  451.00    461.00  511.00",
        "1960-11-01  410.00    395.00  440.00",
        "1960-12-01  432.00    402.00  432.00",
        "",
        "wrote forecast.csv, forecast.png, training.png, backtest.csv, backtest.png, run.json "
        f"and model/ into {out}",
        f"(model/ was fitted without the 3 held-out points, so `lstmkit predict {out}` forecasts "
        "them again; --holdout 0 fits on everything)",
    ]
    # the backtest's last origin forecasts the final 3 points, the first of the 3 origins one
    # stride (min(horizon, season) = 3) before each other; the levels besides --interval
    assert stub["backtest"] == (
        144,
        None,
        {
            "future_covariates": None,
            "start": 144 - 3 - 2 * 3,
            "stride": 3,
            "statistical_baselines": False,
            "levels": (0.5, 0.9),
        },
    )
    assert stub["forecast.png"] == (141, "airline: lstm forecast, horizon 3")
    assert stub["training.png"] == "airline: loss per epoch of each ensemble member"
    assert stub["backtest.png"] == ("airline: backtest", 110)
    assert sorted(p.name for p in out.iterdir()) == [
        "backtest.csv",
        "backtest.png",
        "forecast.csv",
        "forecast.png",
        "model",
        "run.json",
        "training.png",
    ]
    assert (out / "forecast.csv").read_text().splitlines() == [
        "timestamp,forecast,lower,upper,y_true",
        "1960-10-01,451.0,461.0,511.0,461.0",
        "1960-11-01,410.0,395.0,440.0,390.0",
        "1960-12-01,432.0,402.0,432.0,432.0",
    ]
    assert (out / "backtest.csv").read_text() == "origin,forecast\n1,2.5\n"
    text = (out / "run.json").read_text()
    run = json.loads(text)
    assert text == json.dumps(run, indent=2) + "\n"
    assert run["seed"] == 7 and run["backtest"]["naive"]["mase"] is None  # NaN as null
    assert run["backtest_calibration"] == [
        {"nominal": 0.8, "coverage": None},
        {"nominal": 0.9, "coverage": 1.0},
    ]


def test_json_safe_makes_nested_numbers_json_safe():
    value = {"a": (1.5, float("nan"), np.int64(2)), "b": [np.float32(0.25), float("-inf")]}
    assert json_safe(value) == {"a": [1.5, None, 2], "b": [0.25, None]}
    assert type(json_safe(np.int64(2))) is int and type(json_safe(np.float32(0.5))) is float


def test_a_rerun_without_backtest_or_holdout_leaves_only_its_own_files(stub, tmp_path, capsys):
    out = tmp_path / "run"
    argv = ["forecast", "airline", "--horizon", "3", "--no-stat-baselines", "--out", str(out)]
    assert main([*argv, "--holdout", "2", "--backtest"]) == 0
    # two of the three forecast steps held out: the third has no truth
    assert (out / "forecast.csv").read_text().splitlines() == [
        "timestamp,forecast,lower,upper,y_true",
        "1960-11-01,451.0,461.0,511.0,390.0",
        "1960-12-01,410.0,395.0,440.0,432.0",
        "1961-01-01,432.0,402.0,432.0,",
    ]
    capsys.readouterr()
    assert main([*argv, "--holdout", "0"]) == 0
    # no table to name skipped baselines under, no held-out points to forecast again
    text = capsys.readouterr().out
    assert "skipped baselines" not in text
    assert [line.rstrip() for line in text.splitlines()[-5:]] == [
        "1961-01-01  451.00    461.00  511.00",
        "1961-02-01  410.00    395.00  440.00",
        "1961-03-01  432.00    402.00  432.00",
        "",
        f"wrote forecast.csv, forecast.png, training.png, run.json and model/ into {out}",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "forecast.csv",
        "forecast.png",
        "model",
        "run.json",
        "training.png",
    ]
    # y_true is there, empty, as in every run's forecast.csv
    assert (out / "forecast.csv").read_text().splitlines()[:2] == [
        "timestamp,forecast,lower,upper,y_true",
        "1961-01-01,451.0,461.0,511.0,",
    ]


def test_a_run_without_interval_scores_no_coverage(stub, capsys):
    argv = ["forecast", "airline", "--horizon", "3", "--no-stat-baselines", "--interval", "0"]
    assert main([*argv, "--json"]) == 0
    model = json.loads(capsys.readouterr().out)["metrics"]["model"]
    assert (model.pop("coverage"), model.pop("nominal")) == (None, None)
    assert model == pytest.approx(_scores(TRUTH, FORECAST), rel=1e-12)
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "coverage" not in text
    assert [line.rstrip() for line in text.splitlines()[-9:]] == [
        "",
        "forecast:",
        "timestamp   forecast",
        "----------  --------",
        "1960-10-01  451.00",
        "1960-11-01  410.00",
        "1960-12-01  432.00",
        "",
        "(--out DIR saves the plots forecast.png and training.png, the CSV and the model)",
    ]


def test_number_format_switches_at_its_bounds():
    def shown(*values):
        fmt = R._number_format(values)
        return [fmt(v) for v in values if v is not None]

    assert shown(1.0) == ["1.00"]  # decimals from 1 up
    assert shown(0.5) == ["0.500"]  # one more below 1
    assert shown(0.01) == ["0.0100"]  # and one more below 0.1, down to 0.01
    assert shown(0.009) == ["9.000e-03"]
    assert shown(1e9) == ["1.000e+09"]
    assert shown(999_999_999.5) == ["999999999.50"]
    assert shown(-5.0, 0.5) == ["-5.00", "0.50"]  # the largest in size, either sign
    assert shown(None, float("nan")) == ["nan"]
    assert R._cell(None, 3) == "-" and R._cell(0.12345, 3) == "0.123"


SUMMARY_ROWS = [
    {"shop": "a", "n": 40, "holdout": 3, "model_rmse": 0.5, "model_mase": 0.5}
    | {"naive_rmse": 0.75, "naive_mase": 0.75}
    | {"seasonal_naive_rmse": 0.5, "seasonal_naive_mase": 0.5},
    {"shop": "b", "n": 36, "holdout": 3, "model_rmse": 0.25, "model_mase": 0.1234}
    | {"naive_rmse": 0.125, "naive_mase": 0.0625}
    | {"seasonal_naive_rmse": None, "seasonal_naive_mase": None},
    {"shop": "c", "n": 40, "holdout": 3, "model_rmse": 0.3, "model_mase": 0.3}
    | {"naive_rmse": 2.0, "naive_mase": 2.0}
    | {"seasonal_naive_rmse": 1.5, "seasonal_naive_mase": 1.5},
]


def test_series_summary_table_lowest_rmse_and_wins(capsys):
    R._print_series_summary("shop", SUMMARY_ROWS, Path("out"))
    assert [line.rstrip() for line in capsys.readouterr().out.splitlines()] == [
        "",
        "=" * 72,
        "",
        "3 series, one per value of 'shop':",
        "",
        # the RMSEs in one format, that of seasonal naive's 1.5; a tie is no win, and the
        # lowest RMSE names every method tied at it
        "shop  n   model RMSE  model MASE  s. naive RMSE  s. naive MASE  lowest RMSE",
        "----  --  ----------  ----------  -------------  -------------  ----------------------",
        "a     40  0.50        0.500       0.50           0.500          model = seasonal_naive",
        "b     36  0.25        0.123       -              -              naive",
        "c     40  0.30        0.300       1.50           1.500          model",
        "",
        "the model beats seasonal naive on 1 of 2 series (holdout RMSE; 1 not compared, without "
        "both RMSEs: b)",
        "wrote summary.csv and a folder per series into out",
    ]
    R._print_series_summary("shop", [{**row, "holdout": 0} for row in SUMMARY_ROWS], None)
    assert capsys.readouterr().out.splitlines()[-1] == (
        "(--holdout 0: nothing was held out, so nothing is scored)"
    )


def test_series_rows_take_each_methods_rmse_and_mase():
    scores = {"rmse": 2.0, "mae": 1.0, "mape": 3.0, "smape": 4.0, "mase": 0.5}
    result = {"n": 40, "holdout": 3, "metrics": {"model": scores, "naive": {**scores, "rmse": 1}}}
    assert R._series_rows("shop", ["a"], [result]) == [
        {"shop": "a", "n": 40, "holdout": 3, "model_rmse": 2.0, "model_mase": 0.5}
        | {"naive_rmse": 1, "naive_mase": 0.5}
    ]


def test_series_col_run_separates_the_series_once_each(stub, tmp_path, capsys):
    months = pd.date_range("2000-01-01", periods=40, freq="MS").strftime("%Y-%m-%d")
    table = pd.concat(
        pd.DataFrame({"month": months, "shop": shop, "sales": np.arange(40.0) + k})
        for k, shop in enumerate(["a", "b"])
    )
    table.to_csv(tmp_path / "sales.csv", index=False)
    argv = ["forecast", "--csv", str(tmp_path / "sales.csv"), "--date-col", "month"]
    argv += ["--value-col", "sales", "--series-col", "shop", "--horizon", "3"]
    assert main([*argv, "--no-stat-baselines"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("sales (shop=a): n=40, holdout=3, horizon=3, lookback=24,")
    separators = [k for k, line in enumerate(lines) if line == "=" * 72]
    # the headers differ in the shop and the fit time (0.0 s or 0.1 s on a loaded machine)
    settings = lines[0].removeprefix("sales (shop=a): ").rsplit(" (fit ", 1)[0]
    second = [k for k, line in enumerate(lines) if line.startswith("sales (shop=b): " + settings)]
    assert separators == [second[0] - 2, lines.index("2 series, one per value of 'shop':") - 2]


def test_holdout_0_needs_no_season_to_score_and_a_seasonless_backtest_steps_by_its_horizon(
    stub, tmp_path, capsys
):
    months = pd.date_range("2000-01-01", periods=12, freq="MS").strftime("%Y-%m-%d")
    pd.DataFrame({"month": months, "y": np.arange(12.0) + 1}).to_csv(tmp_path / "y.csv")
    argv = ["forecast", "--csv", str(tmp_path / "y.csv"), "--date-col", "month", "--value-col"]
    argv += ["y", "--horizon", "3", "--no-stat-baselines", "--json"]
    assert main([*argv, "--holdout", "0"]) == 0  # one season: nothing is scored, none needed
    assert json.loads(capsys.readouterr().out)["holdout"] == 0
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: fitting on the 9 points before the holdout (3, by default --horizon): MASE and "
        "the seasonal naive baseline need more than one season (m=12) of training points, got "
        "9; give a longer series, or --season-length 1 if it has no season.\n"
    )
    # without a season, the origins are one horizon apart (a season of 1 step is no stride)
    assert main([*argv, "--season-length", "1", "--backtest", "--backtest-origins", "2"]) == 0
    assert stub["backtest"][2]["start"] == 12 - 3 - 3 and stub["backtest"][2]["stride"] == 3


def _series_csv(path, n, freq="MS", fmt="%Y-%m-%d"):
    stamps = pd.date_range("2000-01-01", periods=n, freq=freq)
    pd.DataFrame({"t": stamps.strftime(fmt), "y": np.arange(n) + 1.0}).to_csv(path, index=False)
    return ["forecast", "--csv", str(path), "--date-col", "t", "--value-col", "y"]


def test_plan_bounds_of_the_holdout_the_length_and_the_backtest_origins(stub, tmp_path, capsys):
    argv = _series_csv(tmp_path / "y.csv", 9)
    argv += ["--horizon", "3", "--season-length", "1", "--no-stat-baselines", "--json"]
    assert main(argv) == 0  # 9 - 3 = 6 = --horizon + 3 points to fit on: enough
    capsys.readouterr()
    for flags, message in [
        (
            ["--holdout", "4"],
            "--holdout (4) must not exceed --horizon (3): the held-out points "
            "are scored against one forecast from the origin; pass a longer --horizon with it.",
        ),
        (["--holdout", "-1"], "--holdout must be >= 0, got -1."),
        (
            ["--backtest", "--holdout", "0"],
            "--backtest needs --holdout > 0 (it evaluates on the held-out span).",
        ),
        (
            ["--calendar", "season", "--no-calendar"],
            "--calendar season and --no-calendar contradict each other.",
        ),
    ]:
        assert main([*argv, *flags]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"
    argv[2] = str(tmp_path / "short.csv")
    _series_csv(tmp_path / "short.csv", 8)
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: the series is too short: 8 points, where the holdout (3, by default --horizon) and "
        "at least --horizon (3) + 3 to fit on (the look-back and the windows to train and validate "
        "on) need at least 9; --horizon 2 fits it.\n"
    )
    argv[2] = str(tmp_path / "y.csv")
    # the origins are 3 steps apart: fitted on 6 and 3 points, a third would have none
    assert main([*argv, "--backtest", "--backtest-origins", "2"]) == 0
    assert stub["backtest"][2]["start"] == 3
    assert main([*argv, "--backtest", "--backtest-origins", "3"]) == 2
    assert capsys.readouterr().err == (
        "error: --backtest-origins must be between 1 and 2 for this series, got 3. "
        "The origins are 3 steps apart, so the earliest of 3 origins would "
        "have no points to fit on.\n"
    )
    # a 0 is below the least: why a third origin fails is beside it (revqabt11)
    assert main([*argv, "--backtest", "--backtest-origins", "0"]) == 2
    assert capsys.readouterr().err == (
        "error: --backtest-origins must be between 1 and 2 for this series, got 0.\n"
    )


def test_a_minute_series_is_told_a_day_of_1440_steps_except_with_json(stub, tmp_path, capsys):
    argv = _series_csv(tmp_path / "y.csv", 60, freq="min", fmt="%Y-%m-%d %H:%M")
    argv += ["--horizon", "3", "--no-stat-baselines"]
    assert main(argv) == 0
    assert capsys.readouterr().err == (
        "note: no seasonal period is known for the frequency 'min', so the model has no season "
        "and seasonal naive is naive; pass --season-length (e.g. 1440, the steps in a day, with "
        "a --lookback: the default is one to three seasons) if the series has a cycle.\n"
    )
    assert main([*argv, "--json"]) == 0
    assert capsys.readouterr().err == ""


def test_nan_notes_name_the_undefined_metric_or_the_failed_method(capsys):
    nan = float("nan")
    fine = {"rmse": 1.0, "mae": 1.0, "mape": 1.0, "smape": 1.0, "mase": 1.0}
    failed = dict.fromkeys(fine, nan)
    R._explain_nans({"model": fine, "AutoARIMA": failed})
    assert capsys.readouterr().out == "(nan: AutoARIMA failed; see the log)\n"
    R._explain_nans({"model": {**fine, "mape": nan, "mase": nan}, "AutoETS": failed}, "at x")
    assert capsys.readouterr().out == (
        "(nan: MAPE is undefined where the truth has a 0 at x)\n"
        "(nan: MASE is undefined when the training series does not change at the seasonal lag "
        "at x)\n"
        "(nan: AutoETS failed at x; see the log)\n"
    )


def test_a_baseline_that_ties_the_model_is_not_said_to_beat_it(capsys):
    R._beaten({"model": {"rmse": 13.25}, "naive": {"rmse": 13.25}}, "on the holdout")
    assert capsys.readouterr().out == ""


@pytest.fixture
def no_figures(monkeypatch):
    """Figures written as empty files: drawing them is most of a tiny run's time."""
    from matplotlib.figure import Figure

    monkeypatch.setattr(Figure, "savefig", lambda self, path, **kwargs: Path(path).touch())


def test_predict_names_the_data_it_forecasts_from(no_figures, tmp_path, capsys):
    run = tmp_path / "run"
    argv = ["forecast", "airline", "--horizon", "3", "--holdout", "0", *TINY, "--out", str(run)]
    assert main([*argv, "--json"]) == 0
    capsys.readouterr()
    assert main(["predict", str(run), "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert (obj["data"], obj["origin"], obj["horizon"]) == (
        "the model's training data",
        "1960-12-01",
        3,
    )
    assert main(["predict", str(run), "--interval", "0.5"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"the model's training data: forecast from 1960-12-01, horizon 3, 50% interval (model "
        f"{run / 'model'})"
    )


def test_predict_json_records_the_rows_read_as_forecast_does(no_figures, tmp_path, capsys):
    months = pd.period_range("2000-01", periods=36, freq="M").strftime("%Y-%m")
    y = 100 + 10 * np.sin(np.arange(36) * np.pi / 6)
    long = pd.concat(
        pd.DataFrame({"store": s, "month": months, "sales": y + k}) for k, s in enumerate("AB")
    )
    long.to_csv(tmp_path / "stores.csv", index=False)
    run = tmp_path / "run"
    csv = ["--csv", str(tmp_path / "stores.csv"), "--date-col", "month", "--value-col", "sales"]
    argv = ["forecast", *csv, "--where", "store=A", "--horizon", "3", "--holdout", "0", *TINY]
    assert main([*argv, "--out", str(run), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["where"] == {"store": "A"}
    assert main(["predict", str(run), *csv, "--where", "store=B", "--json"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert (obj["where"], obj["origin"]) == ({"store": "B"}, "2002-12-01")
    assert main(["predict", str(run), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["where"] is None


def test_predict_refuses_a_plan_one_step_short(no_figures, tmp_path, capsys):
    n, h = 40, 3
    flag = (np.random.default_rng(0).random(n + h) < 0.3).astype(int)
    days = pd.date_range("2021-01-01", periods=n + h, freq="D").strftime("%Y-%m-%d")
    sales = np.where(np.arange(n + h) < n, 20.0 + 8 * flag, np.nan)
    table = pd.DataFrame({"day": days, "sales": sales, "promo": flag})
    table.to_csv(tmp_path / "promo.csv", index=False)
    table.iloc[:-1].to_csv(tmp_path / "short.csv", index=False)
    data = ["--date-col", "day", "--value-col", "sales", "--future-cols", "promo"]
    run = tmp_path / "run"
    argv = ["forecast", "--csv", str(tmp_path / "promo.csv"), *data, "--horizon", "3"]
    argv += ["--holdout", "0", "--lookback", "4", "--season-length", "1", *TINY]
    assert main([*argv, "--out", str(run), "--json"]) == 0
    capsys.readouterr()
    assert main(["predict", str(run), "--csv", str(tmp_path / "short.csv"), *data]) == 2
    assert capsys.readouterr().err == (
        "error: --future-cols promo: the forecast of 3 steps after 2021-02-09 reads their values "
        f"at every step, 2021-02-10 … 2021-02-12, and {str(tmp_path / 'short.csv')!r} holds 2 of "
        "them in the rows after "
        "the target's last value; the first missing is 2021-02-12. Add a row for the missing "
        "step (its date and promo, the sales cell left empty), or pass --horizon 2 (or less).\n"
    )


def test_the_note_on_filled_scores_counts_the_last_scored_step_and_no_earlier_one(capsys):
    frame = pd.DataFrame(
        {"y": np.arange(10.0)}, index=pd.date_range("2000-01", periods=10, freq="MS")
    )
    frame.attrs["filled"] = {"y": [6, 9]}  # the point before the holdout (7 … 9), and its last
    R._note_filled_scores("interpolate", frame, [("the holdout", 7)], 3)
    assert capsys.readouterr().err == (
        "note: --fill interpolate made up 1 of the 'y' values the forecasts are scored against "
        "(2000-10-01); the scores count them as observed.\n"
    )


def test_plot_titles_show_the_dollars_of_a_file_name(stub, tmp_path, capsys):
    # matplotlib reads what lies between two $ as mathtext: this file's name in the titles
    # failed the run with a parse error, and a$b$c was drawn as abc in italics
    path = tmp_path / "p$\\frac$q.csv"
    AIRLINE.rename("passengers").rename_axis("month").to_frame().to_csv(path)
    argv = ["forecast", "--csv", str(path), "--date-col", "month", "--value-col", "passengers"]
    out = tmp_path / "run"
    flags = ["--horizon", "3", "--no-stat-baselines", "--backtest", "--out", str(out)]
    assert main([*argv, *flags, "--json"]) == 0
    assert stub["forecast.png"] == (141, "p\\$\\frac\\$q: lstm forecast, horizon 3")
    assert stub["training.png"] == "p\\$\\frac\\$q: loss per epoch of each ensemble member"
    assert stub["backtest.png"] == ("p\\$\\frac\\$q: backtest", 110)

import json
import os
import threading
import warnings
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit import data as D
from lstmkit.data import load_dataset
from lstmkit.forecast import (
    Forecaster,
    ForecasterConfig,
    ForecastNet,
    NotFittedError,
    _conformal_rank,
    smoothed_season,
)
from lstmkit.metrics import rmse
from lstmkit.train import show_progress

AIR = load_dataset("airline")
TINY = {"hidden_size": 8, "epochs": 4, "ensemble": 2, "batch_size": 32}


def _zero(model: Forecaster) -> Forecaster:
    """Zero every weight: the network outputs 0, i.e. 'the window level' in scaled units."""
    with torch.no_grad():
        for p in model.members_.parameters():
            p.zero_()
    return model


def test_fit_predict_shapes_index_and_interval():
    fc = Forecaster(ForecasterConfig(horizon=6, **TINY)).fit(AIR[:-6])
    pred = fc.predict()
    assert list(pred.columns) == ["forecast", "lower", "upper"]
    assert list(pred.index) == list(AIR.index[-6:])
    assert (pred["lower"] < pred["forecast"]).all() and (pred["forecast"] < pred["upper"]).all()
    assert len(fc.members_) == 2 and isinstance(fc.members_[0], ForecastNet)
    assert fc.state_["lookback"] == 36 and fc.state_["m"] == 12 and fc.state_["log"]
    assert fc.predict(3).shape == (3, 3)


def test_same_seed_same_forecast_bit_for_bit():
    cfg = ForecasterConfig(horizon=4, **TINY)
    a = Forecaster(cfg).fit(AIR[:-4]).predict()
    b = Forecaster(cfg).fit(AIR[:-4]).predict()
    c = Forecaster(ForecasterConfig(horizon=4, seed=7, **TINY)).fit(AIR[:-4]).predict()
    assert np.array_equal(a.to_numpy(), b.to_numpy())
    assert not np.array_equal(a["forecast"].to_numpy(), c["forecast"].to_numpy())


def test_zero_network_gives_geometric_mean_of_last_season():
    # window scaling + log: a network that outputs 0 forecasts the level = mean of the last 12 logs
    cfg = ForecasterConfig(horizon=3, anchor="level", interval=None, **TINY)
    fc = _zero(Forecaster(cfg).fit(AIR))
    expected = np.exp(np.mean(np.log(AIR.to_numpy()[-12:])))
    assert np.allclose(fc.predict()["forecast"], expected, rtol=1e-12)
    assert fc.predict()["lower"].isna().all()


@pytest.mark.parametrize("strategy", ["direct", "recursive", "seq2seq"])
def test_zero_network_with_season_anchor_is_seasonal_naive(strategy):
    # anchor="season": a network that outputs 0 repeats the last season, whatever the horizon
    cfg = ForecasterConfig(horizon=14, anchor="season", strategy=strategy, interval=None, **TINY)
    fc = _zero(Forecaster(cfg).fit(AIR[:-14]))
    last = AIR.to_numpy()[-26:-14]
    expected = last[np.arange(14) % 12]
    assert np.allclose(fc.predict()["forecast"], expected, rtol=1e-12)


def test_season_anchor_targets_are_seasonal_differences():
    # training targets = (log y[end + h] - log y[end + h - 12]) / scale, for h < 12
    fc = _zero(Forecaster(ForecasterConfig(horizon=2, anchor="season", **TINY)).fit(AIR))
    t = np.log(AIR.to_numpy())
    window = t[:36]
    _, level = fc._features(window, np.zeros((36, 0)), np.zeros((36, 0)))
    assert np.allclose(fc._anchor(window, level, 14), t[24:36][np.arange(14) % 12])
    level_only = replace(fc.config, anchor="level")
    fc.config = fc._fitted_config = level_only  # as if fitted so: the anchor is not learnt
    assert np.allclose(fc._anchor(window, level, 3), np.mean(t[24:36]))


def test_smooth_anchor_is_last_level_plus_exponentially_weighted_seasonal_shape():
    fc = _zero(Forecaster(ForecasterConfig(horizon=2, anchor="smooth", **TINY)).fit(AIR))
    t = np.log(AIR.to_numpy())
    s1, s2, s3 = t[0:12], t[12:24], t[24:36]
    shape = 0.25 * (s1 - s1.mean()) + 0.25 * (s2 - s2.mean()) + 0.5 * (s3 - s3.mean())
    expected = (s3.mean() + shape)[np.arange(14) % 12]
    assert np.allclose(fc._anchor(t[:36], 0.0, 14), expected, rtol=0, atol=1e-12)
    # a window of one season (or a season and a bit) is the seasonal-naive forecast
    assert np.allclose(fc._anchor(t[:17], 0.0, 14), t[5:17][np.arange(14) % 12], atol=1e-12)


def _fit_windows(monkeypatch, config, series):
    """A Forecaster fitted on ``series`` and the windows its first member trained on."""
    import lstmkit.forecast

    train_member = lstmkit.forecast._train_member
    seen = []

    def spy(cfg, k, data, *args):
        seen.append(data.everything)
        return train_member(cfg, k, data, *args)

    monkeypatch.setattr(lstmkit.forecast, "_train_member", spy)
    return Forecaster(config).fit(series), seen[0]


def _reference_smoothed_season(values, m):  # smoothed_season's loop, one window at a time
    k = len(values) // m
    seasons = values[len(values) - k * m :].reshape(k, m)
    shape = seasons[0] - np.mean(seasons[0])
    for season in seasons[1:]:
        shape = 0.5 * (season - np.mean(season)) + 0.5 * shape
    return np.mean(seasons[-1]) + shape


HOURLY = pd.Series(
    50 + 10 * np.sin(np.arange(24 * 12) * 2 * np.pi / 24) + np.cos(np.arange(24 * 12) / 5.0),
    index=pd.date_range("2021-03-20", periods=24 * 12, freq="h", tz="Europe/Berlin"),
)


@pytest.mark.parametrize(
    ("series", "settings"),
    [
        ("cov", {"anchor": "smooth"}),
        ("air", {"anchor": "season", "strategy": "seq2seq", "scaling": "standard"}),
        ("hourly", {"anchor": "level", "strategy": "recursive", "difference": 1}),
        ("hourly", {"anchor": "smooth", "strategy": "seq2seq", "lookback": 60}),
    ],
    ids=["covariates-smooth", "seq2seq-season-standard", "hourly-recursive", "hourly-seq2seq"],
)
def test_fit_trains_on_the_windows_built_one_at_a_time_bit_for_bit(monkeypatch, series, settings):
    # fit builds all windows at once (a Python loop over 100,000 windows took 10 s of a 16 s
    # fit); each must equal, bit for bit, the window built alone as predict builds its one
    rng = np.random.default_rng(0)
    data = {
        "air": AIR,
        "hourly": HOURLY,
        "cov": pd.DataFrame({"y": AIR, "x": rng.normal(0, 1, len(AIR))}, index=AIR.index),
    }[series]
    config = ForecasterConfig(
        horizon=5, hidden_size=4, epochs=1, ensemble=1, interval=None, refit=False, **settings
    )
    fc, (x, y, *f) = _fit_windows(monkeypatch, config, data)
    st, lag = fc.state_, fc.config.difference
    m, L, h = st["m"], st["lookback"], 1 if fc.config.strategy == "recursive" else 5
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    t = np.log(frame.iloc[:, 0].to_numpy())
    d = t[lag:] - t[:-lag] if lag else t
    cov = frame.iloc[:, 1:].to_numpy()[lag:]
    cal = D.calendar_inputs(frame.index, m)[st["calendar"]].to_numpy()[lag:]
    ends = range(L, len(d) - h + 1)
    assert x.dtype == y.dtype == torch.float32 and len(x) == len(y) == len(ends)
    if settings.get("scaling", "window") == "window":  # the spread of training windows
        cut = len(d) - st["val_size"]
        dev = [d[e - L : e] - np.mean(d[e - min(m, L) : e]) for e in range(L, cut + 1)]
        assert st["scale"] == np.sqrt(np.mean(np.square(dev)))
    for i, end in enumerate(ends):
        window = d[end - L : end]
        if st["scaling"] == "window":
            level = np.mean(window[-m:])
            inputs = (window - level) / st["scale"]
        else:
            level, inputs = 0.0, (window - st["loc"]) / st["scale"]
        covs = (cov[end - L : end] - st["cov_mean"]) / st["cov_std"]
        expected = np.column_stack([inputs, covs, cal[end - L : end]])
        assert torch.equal(x[i], torch.tensor(expected, dtype=torch.float32)), end
        if fc.config.anchor == "level":
            anchor = np.full(h, level)
        else:
            last = window[-m:] if fc.config.anchor == "season" else window
            anchor = _reference_smoothed_season(last, m)[np.arange(h) % m]
        target = (d[end : end + h] - anchor) / st["scale"]
        assert torch.equal(y[i], torch.tensor(target, dtype=torch.float32)), end
        if f:
            decoder = fc._decoder_inputs(frame.index[lag:][:end], h)
            assert torch.equal(f[0][i], torch.tensor(decoder, dtype=torch.float32)), end


def test_calibration_reads_only_the_end_of_the_past_with_the_same_errors(monkeypatch):
    # each validation origin passed the whole past to _predict_t, which read all of it (its
    # calendar, its log): 48 origins of a 400,000-point series took 5 of a fit's 9 s
    fc = Forecaster(ForecasterConfig(horizon=4, refit=False, **TINY)).fit(AIR)  # as calibrated
    seen = []
    predict_t = Forecaster._predict_t

    def spy(self, frame, horizon, ahead=None):
        seen.append(len(frame))
        return predict_t(self, frame, horizon, ahead)

    monkeypatch.setattr(Forecaster, "_predict_t", spy)
    errors = fc._calibrate(AIR.to_frame(), fc.state_["val_size"])
    assert errors == fc.state_["errors"] and set(seen) == {36 + 2}
    t = np.log(AIR.to_numpy())
    whole = [[] for _ in range(4)]  # each origin forecast from its whole past
    for o in range(len(AIR) - 12 - 3, len(AIR)):
        pred = predict_t(fc, AIR.to_frame().iloc[:o], 4).mean(axis=0)
        for k in range(4):
            if len(AIR) - 12 <= o + k < len(AIR):
                whole[k].append(float(abs(t[o + k] - pred[k])))
    assert errors == [sorted(e) for e in whole]


def _smoothed_next(t: np.ndarray, steps: int) -> np.ndarray:
    seasons = t[-36:].reshape(3, 12)
    shape = (seasons - seasons.mean(axis=1, keepdims=True)).T @ [0.25, 0.25, 0.5]
    return seasons[-1].mean() + shape[:steps]


@pytest.mark.parametrize("strategy", ["direct", "seq2seq", "recursive"])
def test_zero_network_with_smooth_anchor_forecasts_the_smoothed_season(strategy):
    cfg = ForecasterConfig(horizon=5, strategy=strategy, interval=None, **TINY)
    fc = _zero(Forecaster(cfg).fit(AIR[:-5]))
    assert fc.config.anchor == "smooth" and fc.state_["lookback"] == 36
    t = list(np.log(AIR.to_numpy()[:-5]))
    if strategy == "recursive":  # one step at a time, each fed back into the next window
        for _ in range(5):
            t.append(_smoothed_next(np.array(t), 1)[0])
        expected = np.exp(t[-5:])
    else:
        expected = np.exp(_smoothed_next(np.array(t), 5))
    assert np.allclose(fc.predict()["forecast"], expected, rtol=1e-12)


@pytest.mark.parametrize(
    ("values", "m", "message"),
    [
        (
            np.arange(5.0),
            12,
            "`values` must be 1-D with at least one season (m=12 points), got shape (5,).",
        ),
        (
            np.ones((12, 2)),
            12,
            "`values` must be 1-D with at least one season (m=12 points), got shape (12, 2).",
        ),
        (np.arange(24.0), 0, "`m` must be a positive integer, got 0."),
    ],
    ids=["short", "2-D", "m=0"],
)
def test_smoothed_season_refuses_less_than_a_season_by_name(values, m, message):
    # was: IndexError (index 0 is out of bounds) and ZeroDivisionError
    with pytest.raises(ValueError) as err:
        smoothed_season(values, m)
    assert str(err.value) == message


def test_zero_network_with_seasonal_difference_is_seasonal_naive_with_drift():
    cfg = ForecasterConfig(horizon=14, difference=12, anchor="level", interval=None, **TINY)
    fc = _zero(Forecaster(cfg).fit(AIR[:-14]))
    t = np.log(AIR.to_numpy()[:-14])
    drift = np.mean(t[-12:] - t[-24:-12])
    expected = [t[-12 + h % 12] + drift * (h // 12 + 1) for h in range(14)]
    assert np.allclose(np.log(fc.predict()["forecast"]), expected, rtol=1e-12)


def test_refit_retrains_each_member_for_its_best_epoch_count_intervals_from_first_stage():
    cfg = ForecasterConfig(horizon=4, **{**TINY, "epochs": 6})
    refit = Forecaster(cfg).fit(AIR[:-4])
    kept = Forecaster(replace(cfg, refit=False)).fit(AIR[:-4])
    best = [h.best_epoch + 1 for h in refit.history_]
    assert [h.epochs_run for h in refit.refit_history_] == best
    assert all(h.val_loss == [] for h in refit.refit_history_) and kept.refit_history_ == []
    # The validated first stage is the same with and without refit, and so are the intervals
    # calibrated on it; the refitted members (trained on the validation windows too) differ.
    assert [h.val_loss for h in refit.history_] == [h.val_loss for h in kept.history_]
    assert refit.state_["quantiles"] == kept.state_["quantiles"]
    a, b = refit.predict()["forecast"].to_numpy(), kept.predict()["forecast"].to_numpy()
    assert np.abs(a - b).max() > 1e-3


def test_without_early_stopping_every_member_runs_all_epochs_and_keeps_the_last_weights():
    cfg = ForecasterConfig(horizon=4, lr=0.05, refit=False, **{**TINY, "epochs": 12})
    last = Forecaster(replace(cfg, early_stopping=False, patience=None)).fit(AIR[:-4])
    best = Forecaster(replace(cfg, patience=None)).fit(AIR[:-4])  # all epochs, best restored
    # The same training either way ...
    assert [h.epochs_run for h in last.history_] == [12, 12]
    assert [h.val_loss for h in last.history_] == [h.val_loss for h in best.history_]
    # ... and member 0's best validation epoch (8th) is not its last: only there the weights differ.
    assert [h.best_epoch for h in best.history_] == [7, 11]
    same = [
        all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))
        for a, b in zip(last.members_, best.members_, strict=True)
    ]
    assert same == [False, True]
    # The refit trains all `epochs` too, not the best validation epoch's count.
    refit = Forecaster(replace(cfg, early_stopping=False, refit=True)).fit(AIR[:-4])
    assert [h.epochs_run for h in refit.refit_history_] == [12, 12]
    with pytest.raises(ValueError, match="`early_stopping` must be True or False, got 'no'"):
        ForecasterConfig(early_stopping="no")


def test_a_series_fitted_exactly_stops_once_its_loss_is_about_zero():
    # A constant series: the seasonal anchor forecasts it exactly, so the validation loss falls
    # towards zero for ever; every decrease counted, and it trained all `epochs` (and as many
    # again in the refit), into subnormal floats that made each epoch slower still.
    from lstmkit.forecast import MIN_IMPROVEMENT

    flat = pd.Series(50.0, index=AIR.index[:48])
    cfg = ForecasterConfig(ensemble=1, epochs=300, patience=10, refit=False)
    model = Forecaster(cfg).fit(flat)
    (h,) = model.history_
    # it ran all 300 epochs, down to a loss of 2e-18; now 125, the last 10 without a decrease
    # of 1e-12 (they still decreased)
    assert h.stopped_early and h.epochs_run == h.best_epoch + 11 < 150
    assert 1e-13 < h.best_val_loss < 1e-11 and h.val_loss[-1] < h.best_val_loss
    assert model.config.train_config(0, 10).min_delta == MIN_IMPROVEMENT == 1e-12
    assert np.abs(model.predict()["forecast"].to_numpy() - 50).max() < 0.01


def test_parallel_members_equal_sequential_ones():
    cfg = ForecasterConfig(horizon=4, **{**TINY, "ensemble": 3})
    one = Forecaster(cfg).fit(AIR[:-4])
    two = Forecaster(replace(cfg, jobs=2)).fit(AIR[:-4])
    assert np.array_equal(one.predict().to_numpy(), two.predict().to_numpy())
    assert [h.val_loss for h in one.history_] == [h.val_loss for h in two.history_]
    assert [h.train_loss for h in one.refit_history_] == [h.train_loss for h in two.refit_history_]
    assert one.state_["quantiles"] == two.state_["quantiles"]
    assert not any(m.training for m in two.members_)
    with pytest.raises(ValueError, match="`jobs` must be a positive integer, got 0"):
        ForecasterConfig(jobs=0)


def test_more_jobs_than_members_start_one_process_per_member(monkeypatch):
    # jobs above ensemble is no error (as joblib's n_jobs) and no warning: the pool is asked
    # for one process per member, and the members are those of jobs=1.
    import lstmkit.forecast

    asked, names = [], []

    def in_this_process(fn, calls, jobs, on_done=None, name=None):
        asked.append((jobs, len(calls)))
        names.extend(name(k) for k in range(len(calls)))  # what a dead worker's message says
        return [fn(*call) for call in calls]

    monkeypatch.setattr(lstmkit.forecast, "run_in_processes", in_this_process)
    cfg = ForecasterConfig(horizon=4, **TINY)  # ensemble=2
    many = Forecaster(replace(cfg, jobs=5)).fit(AIR[:-4])
    assert asked == [(2, 2)] and many.config.jobs == 5
    assert names == ["member 1 of 2 (seed 0)", "member 2 of 2 (seed 1)"]
    one = Forecaster(cfg).fit(AIR[:-4])
    assert np.array_equal(one.predict().to_numpy(), many.predict().to_numpy())
    with pytest.raises(ValueError, match=r"^`jobs` must be a positive integer, got -1\.$"):
        ForecasterConfig(jobs=-1)


def test_a_retraining_backtest_keeps_one_set_of_workers_for_every_origin(monkeypatch):
    # backtest(retrain=True) with jobs > 1 started new worker processes at every origin, each
    # importing torch again; now every origin's fit hands its members to the same ones.
    import lstmkit._pool
    import lstmkit.forecast

    pools = []

    def in_this_process(
        fn, calls, jobs, on_done=None, name=None
    ):  # jobs=2's path, without processes
        pools.append(lstmkit._pool._kept.get())
        return [fn(*call) for call in calls]

    monkeypatch.setattr(lstmkit.forecast, "run_in_processes", in_this_process)
    cfg = ForecasterConfig(horizon=4, **{**TINY, "epochs": 1, "refit": False, "jobs": 2})
    Forecaster(cfg).backtest(AIR[:60], start=48, statistical_baselines=False)
    assert len(pools) == 3 and pools[0] is not None and all(p is pools[0] for p in pools)
    assert lstmkit._pool._kept.get() is None  # and the workers exit after the backtest


def test_fit_leaves_the_callers_random_draws_alone(monkeypatch):
    # fit seeds torch's global generator for each member; it used to leave it there, so a
    # script's draws after a fit were the last member's, whatever the script had drawn before
    import lstmkit.forecast

    def in_this_process(
        fn, calls, jobs, on_done=None, name=None
    ):  # jobs=2's path, without processes
        return [fn(*call) for call in calls]

    monkeypatch.setattr(lstmkit.forecast, "run_in_processes", in_this_process)
    cfg = ForecasterConfig(horizon=4, **{**TINY, "epochs": 1})
    torch.manual_seed(123)
    expected = torch.rand(4)
    for config in (cfg, replace(cfg, jobs=2)):
        torch.manual_seed(123)
        fitted = Forecaster(config).fit(AIR[:-4])
        assert torch.equal(torch.rand(4), expected)
    torch.manual_seed(5)
    torch.rand(7)  # and the forecast does not depend on what was drawn before
    assert np.array_equal(fitted.predict().to_numpy(), Forecaster(cfg).fit(AIR[:-4]).predict())


def test_learns_a_multiplicative_seasonal_series():
    t = np.arange(96)
    y = pd.Series(
        100 * np.exp(0.01 * t) * (1 + 0.3 * np.sin(2 * np.pi * t / 12)),
        index=pd.date_range("2000-01-01", periods=96, freq="MS"),
    )
    cfg = ForecasterConfig(horizon=12, hidden_size=16, epochs=60, ensemble=1, lookback=24)
    pred = Forecaster(cfg).fit(y[:-12]).predict()["forecast"].to_numpy()
    snaive = y.to_numpy()[-24:-12]
    assert rmse(y[-12:], pred) < 0.5 * rmse(y[-12:], snaive)


@pytest.mark.parametrize(
    "extra",
    [
        {"strategy": "recursive"},
        {"strategy": "seq2seq"},
        {"cell": "gru", "bidirectional": True, "num_layers": 2},
        {"cell": "peephole", "lookback": 12},
        {"scaling": "standard", "transform": "none"},
        {"scaling": "minmax", "calendar": False, "difference": 1},
    ],
)
def test_strategies_and_cells_forecast_finite_values(extra):
    cfg = ForecasterConfig(horizon=5, **{**TINY, "epochs": 2, **extra})
    fc = Forecaster(cfg).fit(AIR[:-5])
    pred = fc.predict()
    assert pred.shape == (5, 3) and np.isfinite(pred["forecast"]).all()
    if cfg.strategy != "direct":
        assert len(fc.predict(8)) == 8  # longer than trained: fed back / decoded further
    else:
        with pytest.raises(ValueError, match=r"must be <= the fitted horizon \(5\).*got 8"):
            fc.predict(8)


def test_covariates_and_numpy_input():
    frame = pd.DataFrame({"y": AIR.to_numpy(), "x": np.arange(144.0)}, index=AIR.index)
    fc = Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(frame[:-3])
    assert fc.state_["columns"] == ["y", "x"] and fc.members_[0].encoder.input_size == 4
    assert np.isfinite(fc.predict()["forecast"]).all()
    # covariates are past inputs: future values given without a newer history are refused
    with pytest.raises(ValueError, match=r"^`covariates` go with `series`: .*pass neither\.$"):
        fc.predict(covariates=frame[["x"]][-3:])
    newer = fc.predict(series=frame[["y"]], covariates=frame[["x"]])
    assert newer.equals(fc.predict(series=frame))
    with pytest.raises(ValueError, match="strategy='recursive' cannot use covariates"):
        Forecaster(ForecasterConfig(strategy="recursive", **TINY)).fit(frame)
    # a DataFrame's covariates and those of `covariates=` are all inputs (the latter prefixed)
    both = Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(
        frame[:-3], covariates=(frame[["x"]][:-3] ** 0.5).rename(columns={"x": "r"})
    )
    assert both.state_["columns"] == ["y", "x", "cov:r"]
    assert both.members_[0].encoder.input_size == 5
    arr = Forecaster(ForecasterConfig(horizon=3, season_length=12, **TINY)).fit(AIR.to_numpy())
    assert list(arr.predict().index) == [144, 145, 146]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "interval",
            "0.8",
            "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got '0.8' "
            "(a number, not text: 0.8).",
        ),
        ("dropout", None, "`dropout` must be a number in [0, 1), got None."),
        ("lr", -1, "`lr` must be a positive finite number, got -1."),
        ("lr", float("nan"), "`lr` must be a positive finite number, got nan."),
        ("weight_decay", -1e-3, "`weight_decay` must be a finite number >= 0, got -0.001."),
    ],
)
def test_config_refuses_bad_numbers_by_name_before_fit(field, value, message):
    with pytest.raises(ValueError) as err:
        ForecasterConfig(**{field: value})
    assert str(err.value) == message


def test_dropout_with_one_layer_is_refused_where_it_would_do_nothing():
    # ForecastNet applies dropout between stacked encoder layers only: with one layer a grid
    # over dropout trained the same model for every value, silently (the CLI refused it)
    with pytest.raises(ValueError) as err:
        ForecasterConfig(dropout=0.2)
    assert str(err.value) == (
        "`dropout` (0.2) acts between stacked layers; with `num_layers` 1 it would do nothing, "
        "so set `num_layers` to 2 or more, or `dropout` to 0."
    )
    with pytest.raises(ValueError, match=r"^`dropout` \(0.25\) acts between stacked layers"):
        replace(ForecasterConfig(num_layers=2, dropout=0.25), num_layers=1)
    assert ForecasterConfig(num_layers=np.int64(2), dropout=0.2).dropout == 0.2
    assert ForecasterConfig(num_layers=1, dropout=0.0).dropout == 0.0


def test_a_patience_without_early_stopping_is_refused_where_it_would_do_nothing():
    # without early stopping every member trains all its epochs: patience=20 was ignored
    # silently (the CLI refused --patience with --no-early-stopping)
    with pytest.raises(ValueError) as err:
        ForecasterConfig(early_stopping=False, patience=20)
    assert str(err.value) == (
        "`patience` (20) applies to early stopping; with `early_stopping=False` every member "
        "trains all its `epochs`, so set `patience` to None, or `early_stopping` to True."
    )
    with pytest.raises(ValueError, match=r"^`patience` \(3\) applies to early stopping"):
        Forecaster(ForecasterConfig(patience=3), early_stopping=False)
    # None, and the default (which a frozen dataclass cannot tell from one given), are accepted
    assert ForecasterConfig(early_stopping=False, patience=None).patience is None
    assert ForecasterConfig(early_stopping=False).patience == 50
    assert ForecasterConfig(early_stopping=True, patience=20).patience == 20
    # a bad patience is told once, as such
    with pytest.raises(ValueError) as err:
        ForecasterConfig(early_stopping=False, patience=0)
    assert str(err.value) == "`patience` must be a positive integer or None, got 0."


def test_a_model_saved_with_a_patience_and_without_early_stopping_loads(saved_forecaster, tmp_path):
    # saved before the config refused it: the patience did nothing, so it loads without it
    path = _tampered(saved_forecaster, tmp_path / "m", "config", early_stopping=False, patience=7)
    back = Forecaster.load(path)
    assert (back.config.early_stopping, back.config.patience) == (False, None)
    same = Forecaster.load(saved_forecaster).predict()
    assert np.array_equal(back.predict().to_numpy(), same.to_numpy())


def test_a_model_saved_with_dropout_and_one_layer_loads_without_it(saved_forecaster, tmp_path):
    # saved before the config refused it: the weights are those of the same model without it
    path = _tampered(saved_forecaster, tmp_path / "m", "config", dropout=0.3)
    back = Forecaster.load(path)
    assert (back.config.dropout, back.config.num_layers) == (0.0, 1)
    same = Forecaster.load(saved_forecaster).predict()
    assert np.array_equal(back.predict().to_numpy(), same.to_numpy())


def test_a_config_read_back_from_a_dataframe_of_configs_is_told_what_pandas_did():
    # a sweep's table of asdict(config) rows: the lookback column mixes 24 with None, so pandas
    # holds 24.0 and NaN, and ForecasterConfig(**best_row) was refused without saying why (a
    # NaN interval may come from a computation too: the note names the counts only)
    table = pd.DataFrame(
        [asdict(ForecasterConfig(lookback=lb, interval=None)) for lb in (None, 24)]
    )
    note = (
        ": a pandas column turns None into NaN, and integers beside it into floats, so a config "
        "read back from a table of configs needs None for NaN and int(x) for its whole numbers; "
        "or keep the ForecasterConfig itself in a column.)"
    )
    with pytest.raises(ValueError) as err:
        ForecasterConfig(**{**table.loc[0].to_dict(), "interval": np.nan})
    assert str(err.value) == (
        "`lookback` must be a positive integer or None, got nan. `interval` must be a number "
        "strictly between 0 and 1, e.g. 0.8, or None, got nan. (`lookback`" + note
    )
    with pytest.raises(ValueError) as err:
        ForecasterConfig(**table.loc[1].to_dict())
    assert str(err.value) == (
        "`lookback` must be a positive integer or None, got 24.0 (a whole number as a float: "
        "pass int(x))."
    )
    with pytest.raises(ValueError) as err:  # no whole number, no table: the plain message
        ForecasterConfig(epochs=2.5, interval=1.5)
    assert str(err.value) == (
        "`epochs` must be a positive integer, got 2.5. `interval` must be a number strictly "
        "between 0 and 1, e.g. 0.8, or None, got 1.5."
    )


def test_forecaster_takes_a_config_object_or_its_fields():
    with pytest.raises(TypeError, match=r"`config` must be a ForecasterConfig or None, got dict"):
        Forecaster({"horizon": 3})
    assert Forecaster(horizon=24, cell="gru").config == ForecasterConfig(horizon=24, cell="gru")
    base = ForecasterConfig(horizon=6, seed=3)
    assert Forecaster(base, seed=4).config == ForecasterConfig(horizon=6, seed=4)
    assert base.seed == 3  # the config passed in is left as it was
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3, lookbak=12)
    assert str(err.value) == (
        "Forecaster() got unknown keyword argument 'lookbak' (did you mean 'lookback'?); "
        "they set fields of ForecasterConfig."
    )
    with pytest.raises(ValueError, match="horizon"):  # the fields are checked as in the config
        Forecaster(horizon=0)


def test_the_default_horizon_follows_the_frequency_and_fit_records_it(tmp_path):
    # The default was 12 for every frequency: 12 days of a daily series, 12 hours.
    days = pd.date_range("2023-01-02", periods=120, freq="D")
    daily = pd.Series(10 + 3 * (days.day_of_week >= 5) + np.arange(120) / 50, index=days)
    fc = Forecaster(epochs=2, ensemble=1, hidden_size=8)
    assert fc.config.horizon is None
    pred = fc.fit(daily).predict()
    assert fc.config.horizon == 7
    assert [str(t.date()) for t in pred.index] == [
        "2023-05-02",
        "2023-05-03",
        "2023-05-04",
        "2023-05-05",
        "2023-05-06",
        "2023-05-07",
        "2023-05-08",
    ]
    fc.save(tmp_path / "daily")
    assert json.loads((tmp_path / "daily" / "config.json").read_text())["config"]["horizon"] == 7
    assert len(Forecaster.load(tmp_path / "daily").predict()) == 7
    # Refitted on monthly data, it takes that frequency's default again; a given one stays.
    assert len(fc.fit(AIR[:60]).predict()) == 12 and fc.config.horizon == 12
    fixed = Forecaster(horizon=3, epochs=2, ensemble=1, hidden_size=8).fit(daily)
    assert fixed.config.horizon == 3
    hours = pd.Series(np.arange(200.0) % 24 + 5, pd.date_range("2024-01-01", periods=200, freq="h"))
    bt = Forecaster(epochs=2, ensemble=1, hidden_size=8).backtest(
        hours, start=-24, statistical_baselines=False
    )
    assert bt.forecasts["step"].max() == 24 and bt.forecasts["origin"].nunique() == 1


def test_errors():
    with pytest.raises(NotFittedError, match="not fitted"):
        Forecaster().predict(3)
    with pytest.raises(
        ValueError,
        match=r"`cell` must be one of .*got 'rnn'. `horizon` must be a positive integer or None, "
        r"got 0\.",
    ):
        ForecasterConfig(horizon=0, cell="rnn")
    fc = Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:60])
    with pytest.raises(ValueError, match="`horizon` must be a positive integer, got -1"):
        fc.predict(-1)
    with pytest.raises(
        ValueError,
        match=r"too short: lookback \(36\) \+ horizon \(12\).*"
        r"validation windows \(1\) need at least 49 points, got 48",
    ):
        Forecaster(ForecasterConfig(lookback=36, **TINY)).fit(AIR[:48])
    with pytest.raises(ValueError, match="transform='log' needs a strictly positive"):
        Forecaster(ForecasterConfig(transform="log", **TINY)).fit(AIR - 200)


def test_progress_bar_counts_members_and_refits_and_changes_nothing(capsys, monkeypatch):
    cfg = ForecasterConfig(horizon=4, **TINY)
    quiet = Forecaster(replace(cfg, progress=False)).fit(AIR[:-4]).predict()
    assert capsys.readouterr().err == ""
    shown = Forecaster(replace(cfg, progress=True)).fit(AIR[:-4]).predict()
    err = capsys.readouterr().err
    # 2 members trained, then each refitted: one bar of 4 trainings.
    assert "fit" in err and "/4" in err and "member 2/2" in err and "refit 2/2" in err
    assert np.array_equal(quiet.to_numpy(), shown.to_numpy())
    res = Forecaster(replace(cfg, progress=True)).backtest(
        AIR, start=-8, stride=4, statistical_baselines=False
    )
    err = capsys.readouterr().err
    assert "backtest" in err and "0/2" in err and "member" not in err  # one bar: the origins
    assert len(res.forecasts) == 8
    fitted = Forecaster(replace(cfg, progress=True)).fit(AIR[:48])
    capsys.readouterr()
    fitted.residuals(AIR[:48])
    err = capsys.readouterr().err  # residuals' bar says so, not "backtest"
    assert "residuals" in err and "backtest" not in err
    # None (the default) follows whether stderr is a terminal.
    assert ForecasterConfig().progress is None
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert show_progress(ForecasterConfig().progress)
    assert not show_progress(ForecasterConfig(progress=False).progress)
    monkeypatch.setattr("sys.stderr.isatty", lambda: False)
    assert not show_progress(ForecasterConfig().progress)
    assert show_progress(ForecasterConfig(progress=True).progress)
    with pytest.raises(ValueError, match="`progress` must be True, False or None, got 'yes'"):
        ForecasterConfig(progress="yes")


def test_a_config_changed_after_fit_is_refused_where_it_describes_the_model(tmp_path):
    # fc.config = replace(fc.config, horizon=None) made predict raise a TypeError deep inside,
    # and anchor="level" changed the forecasts silently
    small = {"hidden_size": 4, "epochs": 1, "ensemble": 1, "refit": False, "progress": False}
    fc = Forecaster(horizon=3, anchor="smooth", **small).fit(AIR)
    pred = fc.predict()
    fc.config = replace(fc.config, horizon=None, anchor="level")
    expected = (
        "`config` was changed after fit (horizon=None, anchor='level'), but the fitted model "
        "was made with horizon=3, anchor='smooth'. Call fit() again, or put them back: "
        "fc.config = replace(fc.config, horizon=3, anchor='smooth')."
    )
    for call in (fc.predict, lambda: fc.save(tmp_path / "m"), lambda: fc.residuals(AIR)):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == expected
    assert not (tmp_path / "m").exists()
    assert repr(fc).endswith("season 12; config changed since the fit)")
    assert fc.history().equals(AIR.to_frame().iloc[-48:].rename_axis(fc.history().index.name))
    assert fc.plot_training().axes[0].get_title().startswith("training, early stopping")
    # settings of training and of running are for the next fit: predict and save go on
    # (num_threads None, not the fitted 1, leaves the suite's one torch thread: 2 threads on
    # the 2 busy cores of a test run made this test 5 to 11 CPU-s, not 1)
    fc.config = replace(fc.config, horizon=3, anchor="smooth", epochs=7, seed=5, num_threads=None)
    assert fc.predict().equals(pred)
    fc.save(tmp_path / "m")
    saved = json.loads((tmp_path / "m" / "config.json").read_text())["config"]
    # the fitted epochs and seed, the current num_threads
    assert (saved["epochs"], saved["seed"], saved["num_threads"]) == (1, 0, None)
    assert not repr(fc).endswith("since the fit)")
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.predict().equals(pred)
    fc.fit(AIR[:-1])  # a refit takes the new settings
    assert fc.history_[0].epochs_run == 7 and fc.predict().index[0] == AIR.index[-1]


def test_a_fit_interrupted_part_way_leaves_the_forecaster_as_it_was(monkeypatch):
    # Ctrl-C during a second fit (a notebook cell run again) left the new preprocessing beside
    # an empty members_: repr(fc) and fc.predict() failed with KeyError: 'history'.
    import lstmkit.forecast as F

    train_member = F._train_member

    def interrupted(cfg, k, *args):
        if k == 1:  # the first member trained, then the user interrupts
            raise KeyboardInterrupt
        return train_member(cfg, k, *args)

    small = {"hidden_size": 4, "epochs": 1, "ensemble": 2, "refit": False, "interval": None}
    fc = Forecaster(horizon=None, **small).fit(AIR[:-4])  # fit chose the horizon, 12
    shown, pred = repr(fc), fc.predict()
    config, state, members = fc.config, fc.state_, fc.members_
    monkeypatch.setattr(F, "_train_member", interrupted)
    fc.config = changed = replace(fc.config, hidden_size=3)
    with pytest.raises(KeyboardInterrupt):
        fc.fit(AIR[:-24])
    assert fc.config is changed and fc.state_ is state and fc.members_ is members
    assert repr(fc) == shown.replace("hidden_size=4", "hidden_size=3").replace(
        "season 12)", "season 12; config changed since the fit)"
    )
    assert shown.endswith(
        "; fitted on 140 points of airline up to 1960-08-01, look-back 36, season 12)"
    )
    with pytest.raises(ValueError, match=r"^`config` was changed after fit \(hidden_size=3\)"):
        fc.predict()  # the user's new config stays, and it does not describe the fitted model
    fc.config = replace(changed, hidden_size=4)
    assert fc.predict().equals(pred)  # the model of the first fit
    assert config.horizon == 12

    fresh = Forecaster(horizon=None, **small)
    with pytest.raises(KeyboardInterrupt):
        fresh.fit(AIR[:-4])
    assert repr(fresh) == (
        "Forecaster(ForecasterConfig(hidden_size=4, ensemble=2, interval=None, epochs=1, "
        "refit=False); not fitted)"
    )
    assert fresh.config.horizon is None and fresh.history_ == [] and fresh.members_ is None
    with pytest.raises(NotFittedError, match=r"^this Forecaster is not fitted; call fit\(\) first"):
        fresh.predict(3)


def test_progress_bar_shows_the_running_epoch_of_long_trainings(capsys, monkeypatch):
    clock = iter(range(0, 10**6, 10))  # every epoch "takes" 10 s: each one is shown
    monkeypatch.setattr("lstmkit.forecast.time.monotonic", lambda: next(clock))
    cfg = ForecasterConfig(horizon=4, progress=True, **TINY)
    Forecaster(cfg).fit(AIR[:-4])
    err = capsys.readouterr().err
    # TINY trains 4 epochs with validation, then refits on everything (no validation)
    assert "member 1/2: epoch 1, val loss" in err and "member 2/2: epoch 4, val loss" in err
    assert "refit 2/2: epoch 1, train loss" in err


def test_predict_from_newer_series_without_refit():
    fc = Forecaster(ForecasterConfig(horizon=1, **TINY)).fit(AIR[:100])
    a = fc.predict(1, series=AIR[:120])
    assert a.index[0] == AIR.index[120]
    assert np.array_equal(fc.predict(1).to_numpy(), fc.predict(1, series=AIR[:100]).to_numpy())
    # A newer series must keep the training frequency: its calendar inputs would mean nothing.
    daily = pd.Series(AIR.to_numpy()[:120], index=pd.date_range("2000-01-01", periods=120))
    with pytest.raises(ValueError, match=r"training data's frequency \(MS\), got D"):
        fc.predict(1, series=daily)
    with pytest.raises(ValueError) as err:  # said "got positions" only
        fc.predict(1, series=AIR.to_numpy()[:120])
    assert str(err.value) == (
        "`series` must have the training data's frequency (MS), got positions (an index "
        "without dates: a numpy array has none); pass the newer history as pandas, indexed by "
        "its timestamps (MS), as in fit."
    )


def test_the_default_lookback_leaves_a_training_window_and_says_which_would_fit():
    # 72 monthly points with val_size=40 were refused: the look-back of three seasons (36)
    # leaves 25 windows, fewer than 40 to validate, though one of 12 leaves 49 (9 to train)
    cfg = ForecasterConfig(
        horizon=12, hidden_size=4, epochs=1, ensemble=1, interval=None, refit=False
    )
    sizes = {}
    for val in (24, 25, 40, 48):
        fc = Forecaster(replace(cfg, val_size=val)).fit(AIR[:72])
        sizes[val] = (fc.state_["lookback"], fc.state_["val_size"])
    assert sizes == {24: (36, 24), 25: (24, 25), 40: (12, 40), 48: (12, 48)}
    with pytest.raises(ValueError) as err:
        Forecaster(replace(cfg, val_size=49)).fit(AIR[:72])
    assert str(err.value) == (
        "the series is too short: lookback (12) + horizon (12) + differencing (0) + validation "
        "windows (49) need at least 73 points, got 72. The look-back defaults to one to three "
        "seasons (m=12); a shorter `lookback` fits, at most 11 here, or `season_length=1` if "
        "the series has no season."
    )
    # a year of weekly data (m=52) said only "lookback (52) ... need at least 66 points"
    weekly = pd.Series(np.arange(1.0, 61), pd.date_range("2020-01-05", periods=60, freq="W"))
    with pytest.raises(ValueError, match=r"got 60\. The look-back .* \(m=52\); .* at most 47 here"):
        Forecaster(cfg).fit(weekly)


def test_window_scale_with_a_lookback_shorter_than_the_season_is_the_windows_spread():
    # The level of a window shorter than its season is the window's mean (_features); the scale
    # took the mean of a season reaching back before the window, a wrapped or empty slice (NaN,
    # so scale 1.0: airline with lookback=6 forecast RMSE 36 where 17 now, mean of 3 seeds).
    cfg = ForecasterConfig(horizon=3, lookback=6, val_size=4, interval=None, **TINY)
    fc = Forecaster(replace(cfg, epochs=1, ensemble=1)).fit(AIR[:48])
    t = np.log(AIR.to_numpy()[:44])  # the training part: the last 4 points validate
    dev = [t[e - 6 : e] - t[e - 6 : e].mean() for e in range(6, 45)]
    assert fc.state_["scale"] == pytest.approx(np.sqrt(np.mean(np.square(dev))), rel=1e-12)
    window = np.log(AIR.to_numpy()[42:48])
    inputs = fc.encoder_inputs()["airline"].to_numpy()
    assert np.allclose(inputs, (window - window.mean()) / fc.state_["scale"], atol=1e-12)


@pytest.mark.parametrize("scaling", ["window", "standard"])
def test_a_series_of_huge_or_tiny_values_forecasts_as_in_its_own_units(scaling):
    # Without the log transform the scale squared the values: for airline * 2**1000 (1e303)
    # it overflowed to inf, and the forecast was -inf with an interval of NaN (numpy warned
    # of an overflow, that was all); for * 2**-1000 it vanished to 0 and the scale fell to its
    # floor. Divided by a power of two first, every number the network reads is the same,
    # and the forecast is airline's times the factor, bit for bit.
    cfg = ForecasterConfig(
        horizon=3,
        transform="none",
        scaling=scaling,
        hidden_size=4,
        epochs=2,
        ensemble=1,
        refit=False,
    )
    y = AIR[:60]
    plain = Forecaster(cfg).fit(y).predict().to_numpy()
    assert np.isfinite(plain).all()
    for factor in (2.0**1000, 2.0**-1000):
        scaled = Forecaster(cfg).fit(y * factor).predict().to_numpy()
        assert np.array_equal(scaled / factor, plain)


def test_a_covariate_of_huge_values_is_standardized_as_in_its_own_units():
    # its variance overflowed to inf, which read as a constant covariate: it kept its units
    # and training stopped on a NaN loss, advising a lower learning rate
    cfg = ForecasterConfig(horizon=3, hidden_size=4, epochs=2, ensemble=1, interval=None)
    y, x = AIR[:60], pd.Series(np.arange(60.0) % 7, AIR.index[:60], name="x")
    plain = Forecaster(cfg).fit(y, x).predict()
    huge = Forecaster(cfg).fit(y, x * 2.0**1000).predict()
    assert np.array_equal(huge["forecast"].to_numpy(), plain["forecast"].to_numpy())


def test_values_whose_window_sums_overflow_are_refused_before_training():
    y = pd.Series(np.full(60, 1e306) + np.arange(60) * 2e304, AIR.index[:60])
    fc = Forecaster(horizon=3, transform="none", epochs=1, ensemble=1, hidden_size=4, refit=False)
    with pytest.raises(ValueError) as err:
        fc.fit(y)
    assert str(err.value) == (
        "`series` values must be at most 1.66e+306 in magnitude without the log transform "
        "(sums over a window of lookback (24) + horizon (3) points must stay below the largest "
        "float, 1.8e+308), got values of 2.18e+306; divide the series by a power of ten, or "
        "use transform='log' (the series is positive)."
    )
    assert fc.state_ is None and fc.members_ is None
    with pytest.raises(ValueError, match=r"got differences of 4.34e\+306; divide .* ten\.$"):
        Forecaster(fc.config, difference=1).fit(y * np.resize([1, -1], 60))
    # a newer history as large gave an inf forecast (residuals and backtest too)
    fc.fit(y / 1e10)
    for call in (
        lambda: fc.predict(series=y),
        lambda: fc.residuals(y),
        lambda: fc.backtest(y, retrain=False, start=-6),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value).endswith(
            "got values of 2.18e+306; divide the series by a power of ten and fit again."
        )


def test_encoder_inputs_are_the_scaled_window_the_network_reads():
    frame = pd.DataFrame({"y": AIR.to_numpy(), "x": np.arange(144.0)}, index=AIR.index)
    fc = Forecaster(ForecasterConfig(horizon=3, interval=None, **TINY)).fit(frame[:100])
    st, t = fc.state_, np.log(AIR.to_numpy()[:100])
    inputs = fc.encoder_inputs()
    assert list(inputs.columns) == ["y", "x", "season sin", "season cos"]
    assert list(inputs.index) == list(AIR.index[64:100])  # lookback 36
    level = t[-12:].mean()
    assert np.allclose(inputs["y"], (t[-36:] - level) / st["scale"], rtol=0, atol=1e-12)
    x = np.arange(100.0)
    assert np.allclose(inputs["x"], (x[-36:] - st["cov_mean"][0]) / st["cov_std"][0], atol=1e-12)
    # month of the year as an angle: January of 1949 is position 0
    months = AIR.index[64:100].month.to_numpy() - 1
    assert np.allclose(inputs["season sin"], np.sin(2 * np.pi * months / 12), atol=1e-12)
    # the network's forecast is exactly its reading of these inputs
    x_t = torch.tensor(inputs.to_numpy()[None], dtype=torch.float32)
    with torch.no_grad():
        z = [net(x_t)[0].numpy().astype(float) * st["scale"] for net in fc.members_]
    expected = np.exp(np.mean(z, axis=0) + fc._anchor(t[-36:], level, 3))
    assert np.allclose(fc.predict()["forecast"], expected, rtol=1e-12)
    newer = fc.encoder_inputs(frame[:110])
    assert newer.index[-1] == AIR.index[109]
    assert fc.history().index[-1] == AIR.index[99]
    assert list(fc.history(frame[:110]).columns) == ["y", "x"]
    with pytest.raises(ValueError, match=r"`series` must have 2 columns.*got 1"):
        fc.encoder_inputs(AIR[:110])
    with pytest.raises(ValueError, match=r"`series` needs at least 36 points .* got 20"):
        fc.history(frame[:20])
    with pytest.raises(NotFittedError):
        Forecaster().encoder_inputs()


def test_save_load_round_trip(tmp_path):
    fc = Forecaster(ForecasterConfig(horizon=4, strategy="seq2seq", **TINY)).fit(AIR[:-4])
    fc.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert back.config == fc.config
    assert np.array_equal(back.predict(6).to_numpy(), fc.predict(6).to_numpy(), equal_nan=True)
    other = Forecaster(ForecasterConfig(horizon=4, hidden_size=4, epochs=1, ensemble=1)).fit(AIR)
    other.save(tmp_path / "o")
    cfg = (tmp_path / "m" / "config.json").read_text()
    (tmp_path / "o" / "config.json").write_text(cfg)
    with pytest.raises(
        ValueError,
        match=r"model\.safetensors' does not fit the Forecaster its config\.json describes: "
        r"cannot load state into ModuleList: missing keys \(the module's, not in the state\): "
        r"0\.decoder.*shape mismatches",
    ):
        Forecaster.load(tmp_path / "o")


def test_plot_training_shows_each_member_and_its_refit_and_survives_save(tmp_path):
    fc = Forecaster(ForecasterConfig(horizon=3, **TINY))
    with pytest.raises(NotFittedError):
        fc.plot_training()
    fc.fit(AIR[:-3])
    fig = fc.plot_training(tmp_path / "t.png", title="air")
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    first, refit = fig.axes
    assert first.get_title().startswith("training, early stopping") and "refit" in refit.get_title()
    # member k: training, validation and best-epoch marker on the left, its refit on the right
    for k, h in enumerate(fc.history_):
        train, val, best = first.get_lines()[3 * k : 3 * k + 3]
        assert list(train.get_ydata()) == h.train_loss and list(val.get_ydata()) == h.val_loss
        assert best.get_xdata()[0] == h.best_epoch + 1 and train.get_label() == f"member {k + 1}"
        again = refit.get_lines()[k]
        assert list(again.get_ydata()) == fc.refit_history_[k].train_loss
        assert again.get_color() == train.get_color()
    fc.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert back.history_ == fc.history_ and back.refit_history_ == fc.refit_history_
    assert back.refit_history_[0].best_val_loss == float("inf")  # saved as null, read back
    single = Forecaster(ForecasterConfig(horizon=3, refit=False, **TINY)).fit(AIR[:-3])
    assert len(single.plot_training().axes) == 1
    older = _saved_without(fc, tmp_path / "old", "training", "members")
    with pytest.raises(ValueError, match=r"no training histories: it was loaded from a save made"):
        older.plot_training()
    assert older.predict().equals(fc.predict())


def test_plot_training_without_early_stopping_does_not_claim_it():
    # early_stopping=False trains every epoch and keeps the last weights, the refit too
    fc = Forecaster(ForecasterConfig(horizon=3, early_stopping=False, **TINY)).fit(AIR[:-3])
    assert [h.epochs_run for h in fc.refit_history_] == [4, 4]
    first, refit = fc.plot_training().axes
    assert first.get_title() == "training for every epoch (the last weights kept)"
    assert refit.get_title() == "refit on every window, for as many epochs"


def _saved_without(fc: Forecaster, path, part: str, key: str) -> Forecaster:
    """``fc`` saved and loaded back, as a version that did not write ``[part][key]`` would."""
    fc.save(path)
    saved = json.loads((path / "config.json").read_text())
    del saved[part][key]
    (path / "config.json").write_text(json.dumps(saved))
    return Forecaster.load(path)


def test_load_model_saved_before_anchor_existed(tmp_path):
    fc = Forecaster(ForecasterConfig(horizon=3, anchor="level", **TINY)).fit(AIR[:-3])
    back = _saved_without(fc, tmp_path / "m", "config", "anchor")
    assert back.config.anchor == "level"
    assert np.array_equal(back.predict().to_numpy(), fc.predict().to_numpy())


def test_hourly_data_reads_the_weekday_too_and_saves_its_calendar(tmp_path):
    hours = pd.date_range("2024-01-01", periods=24 * 12, freq="h")
    t = np.arange(len(hours))
    y = pd.Series(50 + 10 * np.sin(2 * np.pi * t / 24) + 5 * (hours.day_of_week >= 5), hours)
    fc = Forecaster(ForecasterConfig(horizon=6, **TINY)).fit(y)
    cal = ["season sin", "season cos", "weekday sin", "weekday cos"]
    assert fc.state_["calendar"] == cal
    inputs = fc.encoder_inputs()
    assert list(inputs.columns) == ["value", *cal]
    weekday = 2 * np.pi * inputs.index.day_of_week.to_numpy() / 7
    assert np.allclose(inputs["weekday cos"], np.cos(weekday))
    fc.save(tmp_path / "h")
    back = Forecaster.load(tmp_path / "h")
    assert np.array_equal(back.predict().to_numpy(), fc.predict().to_numpy())
    season = Forecaster(ForecasterConfig(horizon=6, calendar="season", **TINY)).fit(y)
    assert season.state_["calendar"] == cal[:2] and season.members_[0].encoder.input_size == 3
    assert (
        Forecaster(ForecasterConfig(horizon=6, calendar=False, **TINY)).fit(y).state_["calendar"]
        == []
    )
    with pytest.raises(ValueError, match="`calendar` must be True, False or 'season', got 'all'"):
        ForecasterConfig(calendar="all")


def test_load_model_saved_before_the_calendar_was_recorded(tmp_path):
    fc = Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:-3])
    assert fc.state_["calendar"] == ["season sin", "season cos"]  # monthly: the month only
    back = _saved_without(fc, tmp_path / "m", "state", "calendar")
    assert np.array_equal(back.predict().to_numpy(), fc.predict().to_numpy())
    assert list(back.encoder_inputs().columns) == ["airline", "season sin", "season cos"]


def test_load_model_saved_before_minute_data_had_a_season_keeps_its_season_positions(
    tmp_path, edit_saved
):
    # Before, only hourly data read the local time of day; two-hourly data (and any other day
    # of steps) counted its steps since 1970 in UTC: an hour off in Berlin's winter.
    steps = pd.date_range("2024-01-01", periods=12 * 14, freq="2h", tz="Europe/Berlin")
    y = pd.Series(50 + 10 * np.sin(2 * np.pi * np.arange(len(steps)) / 12), steps)
    fc = Forecaster(ForecasterConfig(horizon=6, **{**TINY, "epochs": 1, "ensemble": 1})).fit(y)
    assert fc.state_["m"] == 12
    angle = 2 * np.pi * fc.encoder_inputs().index.hour.to_numpy() / 24
    assert np.allclose(fc.encoder_inputs()["season sin"], np.sin(angle))  # local
    fc.save(tmp_path / "m")
    with edit_saved(tmp_path / "m") as saved:
        saved["state"].pop("time_of_day", None)  # as a version before it wrote it
    back = Forecaster.load(tmp_path / "m")
    inputs = back.encoder_inputs()
    utc = 2 * np.pi * (inputs.index.tz_convert("UTC").hour.to_numpy() // 2) / 12
    assert np.allclose(inputs["season sin"], np.sin(utc))
    assert np.allclose(inputs["season cos"], np.cos(utc))
    assert list(inputs.columns[1:]) == fc.state_["calendar"]
    fc.save(tmp_path / "new")
    again = Forecaster.load(tmp_path / "new")
    assert np.array_equal(again.predict().to_numpy(), fc.predict().to_numpy())
    # integer steps have no time of day
    steps = Forecaster(
        ForecasterConfig(horizon=6, season_length=12, **{**TINY, "epochs": 1, "ensemble": 1})
    ).fit(pd.Series(y.to_numpy()))
    old = _saved_without(steps, tmp_path / "int", "state", "time_of_day")
    assert np.array_equal(old.predict().to_numpy(), steps.predict().to_numpy())


def test_backtest_scores_baselines_like_the_metrics_module():
    fc = Forecaster(ForecasterConfig(horizon=6, **TINY))
    res = fc.backtest(AIR, start=-12, stride=6, statistical_baselines=False)
    assert sorted(res.forecasts["origin"].unique()) == [AIR.index[132], AIR.index[138]]
    assert sorted(res.forecasts["cutoff"].unique()) == [AIR.index[131], AIR.index[137]]
    assert list(res.forecasts.columns[:4]) == ["origin", "cutoff", "timestamp", "step"]
    sn = res.metrics[res.metrics["method"] == "seasonal_naive"]
    first = AIR.to_numpy()[132:138]
    assert sn["rmse"].iloc[0] == pytest.approx(rmse(first, AIR.to_numpy()[120:126]))
    assert set(res.summary) == {"model", "naive", "seasonal_naive"}
    assert 0.0 <= res.summary["model"]["coverage"] <= 1.0 and res.summary["model"]["nominal"] == 0.8
    inside = (res.forecasts.y_true >= res.forecasts.lower) & (
        res.forecasts.y_true <= res.forecasts.upper
    )
    assert res.summary["model"]["coverage"] == pytest.approx(inside.mean())


def test_backtest_without_retraining_forecasts_with_the_fitted_model():
    fc = Forecaster(ForecasterConfig(horizon=6, **TINY)).fit(AIR[:-12])
    before = [p.clone() for p in fc.members_.parameters()]
    res = fc.backtest(AIR, start=-12, stride=6, retrain=False, statistical_baselines=False)
    assert all(torch.equal(a, b) for a, b in zip(before, fc.members_.parameters(), strict=True))
    for o in (132, 138):
        block = res.forecasts[res.forecasts["origin"] == AIR.index[o]]
        expected = fc.predict(6, series=AIR[:o])
        assert np.array_equal(block["forecast"].to_numpy(), expected["forecast"].to_numpy())
        assert np.array_equal(block["y_true"].to_numpy(), AIR.to_numpy()[o : o + 6])
    # Origins inside the training data score forecasts of points the model was trained on.
    with pytest.warns(UserWarning) as caught:
        fc.backtest(AIR, start=-24, stride=6, retrain=False, statistical_baselines=False)
    assert [str(w.message) for w in caught] == [
        "backtest(retrain=False): 2 of the 4 origins forecast points this model was trained "
        "on (its data ends at 1959-12-01), so their scores are in-sample, not a test. Pass "
        "retrain=True, or a `start` of 132 (1960-01-01) or later."
    ]
    assert caught[0].filename == __file__  # where the user called backtest
    # No `start` after the training data leaves a whole horizon (132 > 136 - 6): it named 132,
    # which backtest then refused
    with pytest.warns(UserWarning) as caught:
        fc.backtest(AIR[:136], retrain=False, statistical_baselines=False)
    assert [str(w.message) for w in caught] == [
        "backtest(retrain=False): 3 of the 3 origins forecast points this model was trained "
        "on (its data ends at 1959-12-01), so their scores are in-sample, not a test. Pass "
        "retrain=True, or newer data."
    ]


def test_backtest_without_retraining_refuses_a_start_before_the_input_window_up_front():
    # in-sample one-step forecasts (Darts' residuals) from too early an origin failed inside
    # the loop, after the in-sample warning, with "`series` needs at least 18 points ... got
    # 14": no word of `start`
    quick = {"hidden_size": 4, "epochs": 1, "ensemble": 1, "refit": False, "lookback": 18}
    y = AIR[-48:]
    fc = Forecaster(horizon=3, **quick).fit(y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing is warned before the refusal
        with pytest.raises(ValueError) as err:
            fc.backtest(y, start=14, horizon=1, stride=1, retrain=False)
    assert str(err.value) == (
        "the first origin (position 14, 1958-03-01) leaves 14 points before it: the fitted "
        "model reads lookback (18) + differencing (0) = 18 points to forecast from, so with "
        "retrain=False the first origin can be position 18 at the earliest; pass a later "
        "`start`: start=18 (1958-07-01) fits, 30 origins 1 step apart."
    )
    with pytest.warns(UserWarning, match=r"^backtest\(retrain=False\): 30 of the 30 origins"):
        res = fc.backtest(
            y, start=18, horizon=1, stride=1, retrain=False, statistical_baselines=False
        )
    residuals = res.forecasts["y_true"] - res.forecasts["forecast"]
    assert len(residuals) == 30
    assert res.forecasts["forecast"].iloc[0] == fc.predict(1, series=y[:18])["forecast"].iloc[0]


def test_backtest_without_retraining_refuses_a_horizon_past_a_direct_models_up_front():
    # all origins' windows made at once (_origin_forecasts_t) met the 3 outputs of a direct
    # network fitted with horizon=3 with a horizon of 5: "operands could not be broadcast
    # together with shapes (3,) (5,)", where a predict per origin had named `horizon`
    quick = {"hidden_size": 4, "epochs": 1, "ensemble": 1, "refit": False, "lookback": 12}
    y = AIR[-48:]
    fc = Forecaster(horizon=3, **quick).fit(y[:-12])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # refused before the in-sample warning
        with pytest.raises(ValueError) as err:
            fc.backtest(y, start=-10, horizon=5, retrain=False, statistical_baselines=False)
    assert str(err.value) == (
        "`horizon` must be <= the fitted horizon (3) for strategy='direct', got 5; refit with "
        "horizon=5 or more (fc.config = dataclasses.replace(fc.config, horizon=5), then fit), "
        "or with strategy='recursive' or 'seq2seq', which forecast any horizon."
    )
    res = fc.backtest(y, start=-9, horizon=3, retrain=False, statistical_baselines=False)
    assert res.forecasts["forecast"].iloc[:3].tolist() == (
        fc.predict(3, series=y[:-9])["forecast"].tolist()
    )


def test_residuals_of_too_short_a_series_name_the_series_not_a_start():
    # said "`start` must be a position in 1..19 ..., got 24": residuals has no `start`
    quick = {"hidden_size": 4, "epochs": 1, "ensemble": 1, "refit": False, "interval": None}
    fc = Forecaster(horizon=3, lookback=6, **quick).fit(AIR[:60])
    with pytest.raises(ValueError) as err:
        fc.residuals(AIR[:13])
    assert str(err.value) == (
        "`series` needs at least 14 points for one residual: 13 before it (a season and one "
        "point, as backtest's origins need), got 13."
    )
    assert len(fc.residuals(AIR[:14])) == 1
    fc = Forecaster(horizon=3, lookback=24, difference=1, **quick).fit(AIR[:60])
    with pytest.raises(ValueError) as err:
        fc.residuals(AIR[:25])
    assert str(err.value) == (
        "`series` needs at least 26 points for one residual: 25 before it (the look-back and "
        "differencing its forecast reads), got 25."
    )


def test_residuals_and_backtest_without_retraining_check_the_data_as_predict_does():
    # making every origin's window at once skipped predict's checks of a newer history: a
    # covariate left out failed deep inside ("`input` has 3 features in its last dimension,
    # expected input_size=4"), weekly data went through a daily model, and a zero under a
    # log model gave NaN residuals, all silently but the first
    quick = {"hidden_size": 4, "epochs": 1, "ensemble": 1, "refit": False, "lookback": 12}
    x = pd.Series(np.cos(np.arange(len(AIR))), index=AIR.index, name="x")
    with_x = Forecaster(horizon=3, **quick).fit(AIR, x)
    for call in (
        lambda: with_x.residuals(AIR),
        lambda: with_x.backtest(AIR, start=-9, retrain=False, statistical_baselines=False),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == (
            "`series` must have 2 columns like the training data (['airline', 'x']), got 1; "
            "its covariates ['x'] come with `covariates=` (or as more columns of a DataFrame "
            "`series`)."
        )
    y = AIR[-60:]
    fc = Forecaster(horizon=3, **quick).fit(y)
    weekly = y.set_axis(pd.date_range("2000-01-02", periods=60, freq="W-SUN"))
    with pytest.raises(ValueError) as err:
        fc.backtest(weekly, start=-9, retrain=False, statistical_baselines=False)
    assert str(err.value) == "`series` must have the training data's frequency (MS), got W-SUN."
    zero = y.copy()
    zero.iloc[40] = 0.0  # read by the windows from origins 41 to 52
    expected = (
        "`series` must be strictly positive in the last 12 points the forecast reads: the "
        "model was fitted on the logarithm (transform='auto' on positive training data); got "
        "0 at 1959-05-01."
    )
    with pytest.raises(ValueError) as err:
        fc.predict(series=zero[:41])
    assert str(err.value) == expected
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # refused before the in-sample warning
        with pytest.raises(ValueError) as err:
            fc.residuals(zero)
    assert str(err.value) == expected
    with pytest.raises(ValueError) as err:
        fc.backtest(zero, start=38, stride=5, retrain=False, statistical_baselines=False)
    assert str(err.value) == expected  # from origin 43
    # a zero only where no window reads it (origins 38, 53: windows 26-37, 41-52)
    with pytest.warns(UserWarning, match="in-sample"):
        res = fc.backtest(zero, start=38, stride=15, retrain=False, statistical_baselines=False)
    assert res.forecasts["forecast"].notna().all() and len(res.forecasts) == 6


def test_backtest_scores_other_coverages_from_the_same_validation_errors():
    cfg = ForecasterConfig(horizon=6, val_size=10, **TINY)
    fc = Forecaster(cfg).fit(AIR[:-12])
    # 10 errors per step: 0.9 needs ceil(11 * 0.9) = 10 of them, 0.95 needs 11
    assert fc.covers(0.5) and fc.covers(0.9) and not fc.covers(0.95)
    with pytest.warns(UserWarning) as seen:  # why 0.95 has no coverage, said once
        res = fc.backtest(
            AIR,
            start=-12,
            stride=6,
            retrain=False,
            statistical_baselines=False,
            levels=(0.9, 0.5, 0.95),
        )
    assert [str(w.message) for w in seen] == [
        "backtest: the 95% level is not scored (coverage NaN, 0 points in .calibration): the "
        "model at origin 132 (1960-01-01) kept 10 validation errors per forecast step, and the "
        "95% split-conformal interval needs at least 19; a larger `val_size` in the config "
        "(val_size=19, where the series has room for it) or levels of 0.9 or less score it."
    ]
    table = res.calibration
    assert table["nominal"].tolist() == [0.5, 0.8, 0.9, 0.95]
    assert table["points"].tolist() == [12, 12, 12, 0] and np.isnan(table["coverage"].iloc[3])
    assert table["coverage"].iloc[1] == res.summary["model"]["coverage"]
    for row in (0, 2):  # recomputed from predict(interval=...) at both origins
        level, inside = table["nominal"].iloc[row], 0
        for o in (132, 138):
            pred = fc.predict(6, series=AIR[:o], interval=level)
            truth = AIR.to_numpy()[o : o + 6]
            inside += int(((truth >= pred["lower"]) & (truth <= pred["upper"])).sum())
        assert table["coverage"].iloc[row] == inside / 12
    wider = fc.predict(6, interval=0.9)
    narrower = fc.predict(6, interval=0.5)
    assert ((wider["upper"] - wider["lower"]) >= (narrower["upper"] - narrower["lower"])).all()
    with pytest.raises(ValueError) as err:
        fc.backtest(AIR, start=-12, retrain=False, levels=(0.5, 1.5))
    assert str(err.value) == (
        "every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got 1.5."
    )
    none = Forecaster(replace(cfg, interval=None)).fit(AIR[:-12])
    with pytest.raises(ValueError, match=r"`levels` needs an interval"):
        none.backtest(AIR, start=-12, retrain=False, levels=(0.5,))
    assert (
        none.backtest(AIR, start=-12, retrain=False, statistical_baselines=False).calibration
        is None
    )


def test_backtest_plot_draws_each_origin_its_interval_and_the_baseline(tmp_path):
    fc = Forecaster(ForecasterConfig(horizon=6, **TINY)).fit(AIR[:-12])
    res = fc.backtest(AIR, start=-12, stride=6, retrain=False, statistical_baselines=False)
    assert res.series is not None and res.series.equals(AIR.rename(res.series.name))
    fig = res.plot(tmp_path / "bt.png", context=24)
    assert (tmp_path / "bt.png").stat().st_size > 0
    ax = fig.axes[0]
    lines = {
        line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")
    }
    assert set(lines) == {"series", "origins", "forecast", "seasonal naive"}
    assert len(lines["series"].get_ydata()) == 24 + 12  # context before the first origin + spans
    first = res.forecasts[res.forecasts["origin"] == AIR.index[132]]
    assert np.array_equal(lines["forecast"].get_ydata(), first["forecast"].to_numpy())
    assert np.array_equal(lines["seasonal naive"].get_ydata(), AIR.to_numpy()[120:126])
    forecasts = [line for line in ax.get_lines() if line.get_linewidth() == 1.8]
    assert len(forecasts) == 2  # one per origin
    assert len(ax.collections) == 2  # one interval band per origin
    assert f"coverage {res.summary['model']['coverage']:.0%}" in ax.get_title()
    assert len(res.plot(baseline=None).axes[0].get_lines()) == 1 + 2 + 2  # series, 2 × (vline, fc)
    with pytest.raises(
        ValueError, match=r"`baseline` must be one of \['naive', 'seasonal_naive'\]"
    ):
        res.plot(baseline="arima")


def test_plot_forecast_draws_history_truth_forecast_and_interval(tmp_path):
    from lstmkit.forecast import plot_forecast

    fc = Forecaster(ForecasterConfig(horizon=6, **TINY)).fit(AIR[:-6])
    pred = fc.predict(6)
    fig = plot_forecast(AIR[:-6], pred, AIR[-6:], path=tmp_path / "f.png", title="air")
    assert (tmp_path / "f.png").read_bytes()[:4] == b"\x89PNG"
    ax = fig.axes[0]
    lines = {line.get_label(): line.get_ydata() for line in ax.get_lines()}
    assert set(lines) == {"history", "truth", "forecast"}
    assert np.array_equal(lines["history"], AIR.to_numpy()[:-6])
    # the truth continues the history from its last point, with no gap between the two
    assert np.array_equal(lines["truth"], AIR.to_numpy()[-7:])
    assert np.array_equal(lines["forecast"], pred["forecast"].to_numpy())
    assert len(ax.collections) == 1 and ax.get_title() == "air"
    from_array = plot_forecast(AIR[:-6], pred, AIR.to_numpy()[-6:-3]).axes[0].get_lines()[1]
    assert list(from_array.get_xdata()) == [AIR.index[-7], *pred.index[:3]]
    with pytest.raises(ValueError, match="`truth` must have at most 6 values"):
        plot_forecast(AIR[:-6], pred, AIR.to_numpy()[-7:])
    no_interval = pred.assign(lower=np.nan, upper=np.nan)
    assert len(plot_forecast(AIR[:-6], no_interval).axes[0].collections) == 0
    with pytest.raises(ValueError, match=r"`forecast` must be a DataFrame with a 'forecast'"):
        plot_forecast(AIR[:-6], pred.rename(columns={"forecast": "yhat"}))
    # Only the last `context` points of the history; by default max(12 * 6, 144) of them.
    last24 = plot_forecast(AIR[:-6], pred, context=24).axes[0].get_lines()[0]
    assert np.array_equal(last24.get_ydata(), AIR.to_numpy()[-30:-6])
    long = pd.concat([AIR, AIR.set_axis(AIR.index + pd.DateOffset(years=12))])
    shown = plot_forecast(long[:-6], pred, long[-6:]).axes[0].get_lines()[0].get_ydata()
    assert np.array_equal(shown, long.to_numpy()[-150:-6])
    with pytest.raises(ValueError, match="`context` must be a positive integer or None, got 0"):
        plot_forecast(AIR[:-6], pred, context=0)
    # Into one of the user's subplots (of a subfigure, too): its figure comes back and is saved.
    from matplotlib.figure import Figure

    mine = Figure()
    left, right = mine.subfigures(1, 2)[1].subplots(1, 2)
    assert plot_forecast(AIR[:-6], pred, ax=right, path=tmp_path / "mine.png") is mine
    assert [line.get_label() for line in right.get_lines()] == ["history", "forecast"]
    assert left.get_lines() == [] and len(mine.axes) == 2
    assert (tmp_path / "mine.png").read_bytes()[:4] == b"\x89PNG"
    with pytest.raises(TypeError, match=r"^`ax` must be a matplotlib Axes or None, got Figure\.$"):
        plot_forecast(AIR[:-6], pred, ax=mine)
    # A DataFrame as the truth: its first column, as for the history (it read 12 values)
    both = plot_forecast(AIR[:-6], pred, AIR[-6:].to_frame().assign(other=0.0))
    assert np.array_equal(both.axes[0].get_lines()[1].get_ydata(), AIR.to_numpy()[-7:])


def test_windows_per_epoch_subsamples_only_series_with_more_windows():
    cfg = ForecasterConfig(horizon=6, interval=None, refit=False, windows_per_epoch=None, **TINY)
    assert replace(cfg, windows_per_epoch=64).train_config(0, 97).samples_per_epoch == 64
    full = Forecaster(cfg).fit(AIR[:-6]).predict(6)
    # airline has about a hundred windows: a cap above that is the same training, bit for bit
    same = Forecaster(replace(cfg, windows_per_epoch=200)).fit(AIR[:-6]).predict(6)
    capped = Forecaster(replace(cfg, windows_per_epoch=20)).fit(AIR[:-6]).predict(6)
    assert np.array_equal(full["forecast"], same["forecast"])
    assert not np.allclose(full["forecast"], capped["forecast"])
    for bad in (0, "all", 2.5):
        with pytest.raises(
            ValueError,
            match=f"`windows_per_epoch` must be a positive integer, 'auto' or None, got {bad!r}.",
        ):
            ForecasterConfig(windows_per_epoch=bad)


def test_auto_windows_per_epoch_caps_only_series_with_more_than_256_training_windows():
    from lstmkit.forecast import AUTO_WINDOWS_PER_EPOCH

    assert AUTO_WINDOWS_PER_EPOCH == 256
    auto, every = ForecasterConfig(), ForecasterConfig(windows_per_epoch=None)
    assert auto.windows_per_epoch == "auto"  # the default
    # up to 256 training windows (the bundled monthly series have 37 to 105): the same settings
    for windows in (37, 73, 105, 256):
        assert auto.train_config(3, windows) == every.train_config(3, windows)
        assert auto.train_config(3, windows).samples_per_epoch is None
    # above: a random 256 per epoch, everything else as it was (patience 50, 300 epochs)
    for windows in (257, 689, 1201):
        long = auto.train_config(3, windows)
        assert long.samples_per_epoch == 256
        assert replace(long, samples_per_epoch=None) == every.train_config(3, windows)
        assert (long.patience, long.epochs, long.batch_size) == (50, 300, 16)
    # a value the user sets wins, above and below the threshold; so does their patience
    assert ForecasterConfig(windows_per_epoch=1024).train_config(0, 1201).samples_per_epoch == 1024
    assert ForecasterConfig(windows_per_epoch=64).train_config(0, 73).samples_per_epoch == 64
    assert every.train_config(0, 1201).samples_per_epoch is None
    assert ForecasterConfig(patience=7).train_config(0, 1201).patience == 7
    assert ForecasterConfig(early_stopping=False).train_config(0, 1201).patience is None


def test_auto_windows_per_epoch_trains_as_its_resolved_setting(caplog):
    import logging

    # daily, 7-day season: 320 points, look-back 21, horizon 7: 293 windows, 7 validate
    days = pd.date_range("2022-01-01", periods=320, freq="D")
    t = np.arange(320)
    y = pd.Series(100 + 10 * np.sin(2 * np.pi * t / 7) + 0.05 * t, index=days)
    cfg = ForecasterConfig(interval=None, **TINY)

    def forecast(fc):
        return fc.predict()["forecast"].to_numpy()

    with caplog.at_level(logging.INFO, logger="lstmkit.forecast"):
        fc = Forecaster(cfg).fit(y)
    assert (
        "each epoch trains on a fresh random 256 of the 286 training windows "
        "(windows_per_epoch='auto': every window up to 256, a random 256 above)"
    ) in caplog.messages
    auto = forecast(fc)
    assert np.array_equal(auto, forecast(Forecaster(replace(cfg, windows_per_epoch=256)).fit(y)))
    assert not np.allclose(auto, forecast(Forecaster(replace(cfg, windows_per_epoch=None)).fit(y)))
    # the refit's epochs are as long as the validated run's: 256 of the 293 windows (each
    # member's; the auto run's members)
    assert [h.epochs_run for h in fc.refit_history_] == [h.best_epoch + 1 for h in fc.history_]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="lstmkit.forecast"):  # the message, before any epoch
        Forecaster(replace(cfg, ensemble=1, epochs=1, windows_per_epoch=None)).fit(y[:280])
    assert (
        "each epoch trains on every one of the 246 training windows (windows_per_epoch=None)"
        in (caplog.messages)
    )


def test_numpy_integers_are_integers_and_the_config_stays_json():
    from dataclasses import asdict

    cfg = ForecasterConfig(horizon=np.int64(3), lookback=np.int32(24), **TINY)
    assert type(cfg.horizon) is int and type(cfg.lookback) is int
    json.dumps(asdict(cfg))
    fc = Forecaster(cfg).fit(AIR[:-3])
    assert len(fc.predict(np.int64(2))) == 2
    with pytest.raises(
        ValueError, match=r"`lookback` must be a positive integer or None, got 2\.5"
    ):
        ForecasterConfig(lookback=2.5)
    with pytest.raises(ValueError, match="`difference` must be an integer >= 0, got True"):
        ForecasterConfig(difference=True)


def test_predict_refuses_a_non_positive_window_for_a_log_model_and_reads_only_the_window():
    fc = Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:-3])
    assert fc.state_["log"] and fc.state_["lookback"] == 36
    bad = AIR.copy()
    bad.iloc[-5] = 0.0
    with pytest.raises(
        ValueError,
        match=r"strictly positive in the last 36 points .* got 0 at 1960-08-01\.",
    ):
        fc.predict(series=bad)
    early = AIR.copy()
    early.iloc[0] = -1.0  # outside the window: not read, no warning, same forecast
    assert np.array_equal(fc.predict(series=early).to_numpy(), fc.predict(series=AIR).to_numpy())


def test_covariates_as_an_array_follow_the_series_index_and_mismatches_say_where():
    x = np.arange(144.0)
    fc = Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:-3], x[:-3])
    assert fc.state_["columns"] == ["airline", "cov:x0"]
    assert fc.predict().index[0] == AIR.index[-3]
    shifted = pd.Series(x[:-3], index=AIR.index[1:-2])
    with pytest.raises(ValueError, match=r"differ first at row 0: 1949-02-01 .* 1949-01-01"):
        Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:-3], shifted)
    with pytest.raises(
        ValueError, match=r"`covariates` must have the series' 141 points, got 5\.$"
    ):
        Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:-3], x[:5])
    with pytest.raises(ValueError) as err:  # said "got 2" only
        Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:-3], np.ones((2, 141)))
    assert str(err.value) == (
        "`covariates` must have the series' 141 points, got 2 (an array of shape (2, 141), whose "
        "rows are the time steps: transpose it, covariates.T)."
    )


def test_covariates_into_the_future_are_refused_as_future_covariates_with_the_selection():
    # a Darts user's future covariate (a holiday flag known ahead) reached past the series' end
    # and got "must have the series' 141 points, got 144" only: no word that its future is
    # never read, nor of what to pass
    holiday = pd.Series((AIR.index.month == 12).astype(float), index=AIR.index, name="holiday")
    series = AIR[:-3]
    with pytest.raises(ValueError) as err:
        Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(series, holiday)
    assert str(err.value) == (
        "`covariates` must have the series' 141 points, got 144: 3 of them come after the "
        "series' end (1960-10-01 … 1960-12-01). Covariates are past inputs (Darts' past "
        "covariates): the network reads them over its input window only, so it never reads "
        "their future. Covariates known in the future (Darts' future covariates: a holiday "
        "flag, a planned price) go to `future_covariates=`, whose rows after the series' end "
        "the forecast reads. Pass past covariates at the series' timestamps: "
        "covariates.loc[series.index]."
    )
    quick = {"hidden_size": 4, "epochs": 1, "ensemble": 1, "refit": False, "lookback": 12}
    fc = Forecaster(horizon=3, **quick).fit(series[-60:], holiday.loc[series.index][-60:])
    with pytest.raises(ValueError, match=r"got 144: 3 of them come after the series' end"):
        fc.predict(series=series, covariates=holiday)
    # covariates reaching back before the series only are no future: the plain message
    with pytest.raises(
        ValueError, match=r"^`covariates` must have the series' 140 points, got 141\.$"
    ):
        fc.predict(series=series[1:], covariates=holiday[:-3])


def test_predict_refuses_covariates_named_as_in_training_but_in_another_order():
    # they were read by position: 'temp' scaled and read as 'promo', a silently other forecast
    idx = AIR.index[:60]
    cov = pd.DataFrame({"promo": np.arange(60.0) % 2, "temp": np.arange(60.0) ** 0.5}, index=idx)
    fc = Forecaster(ForecasterConfig(horizon=3, interval=None, **TINY)).fit(AIR[:60], cov)
    expected = "['airline', 'promo', 'temp'], got ['airline', 'temp', 'promo']; the network"
    frame = pd.concat([AIR[:60], cov], axis=1)
    for series, covariates, selection in [
        (AIR[:60], cov[["temp", "promo"]], "covariates[['promo', 'temp']]"),
        (frame.iloc[:, [0, 2, 1]], None, "series[['airline', 'promo', 'temp']]"),
    ]:
        with pytest.raises(ValueError) as err:
            fc.predict(series=series, covariates=covariates)
        assert str(err.value) == (
            "`series` and `covariates` must have the training data's columns in its order, "
            + expected
            + f" reads them by position: pass {selection}."
        )
    same = fc.predict()["forecast"].to_numpy()
    assert np.array_equal(fc.predict(series=frame)["forecast"], same)  # names without cov:
    assert np.array_equal(fc.predict(series=AIR[:60], covariates=cov.to_numpy())["forecast"], same)


def test_predict_refuses_a_horizon_past_the_last_pandas_timestamp():
    fc = Forecaster(ForecasterConfig(horizon=1, strategy="recursive", **TINY)).fit(AIR)
    with pytest.raises(ValueError, match=r"`horizon` \(5000\) runs past 2262-04-11"):
        fc.predict(5000)


def test_backtest_argument_errors_name_the_argument_and_the_value_given():
    fc = Forecaster(ForecasterConfig(horizon=3, **TINY))
    frame = AIR[:60]
    for kwargs, message in [
        ({"stride": 0}, r"`stride` must be a positive integer, got 0\."),
        ({"horizon": 0}, r"`horizon` must be a positive integer, got 0\."),
        ({"start": -2}, r"`start` must be a position in 1\.\.57 \(or -59\.\.-3 .*got -2\."),
        ({"start": -1000}, r"got -1000\."),
        ({"start": 0}, r"got 0\."),
    ]:
        with pytest.raises(ValueError, match=message):
            fc.backtest(frame, **kwargs)
    # no origin fits 8 points at lookback 12 (revfc33: said first, not the default start's
    # arithmetic, n - 3 * horizon = -1, whose advice to pass `start` could not work)
    with pytest.raises(ValueError) as err:
        fc.backtest(AIR[:8])
    assert str(err.value) == (
        "`horizon` (3) is too long for the series: even the last origin (position 5, "
        "1949-06-01) leaves 5 points before it: lookback (12) + horizon (3) + differencing (0) "
        "+ validation windows (1) need at least 16 points, got 5."
    )


def test_load_refuses_a_broken_config_json_by_name(tmp_path):
    Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(AIR[:40]).save(tmp_path / "m")
    (tmp_path / "m" / "config.json").write_text("{not json")
    with pytest.raises(ValueError, match=r"config\.json' is not valid JSON"):
        Forecaster.load(tmp_path / "m")
    (tmp_path / "m" / "config.json").write_text('{"kind": "lstmkit.Forecaster"}')
    with pytest.raises(ValueError, match="has no config or state object"):
        Forecaster.load(tmp_path / "m")


def test_load_refuses_truncated_weights_and_an_incomplete_state_by_name(tmp_path):
    Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(AIR[:40]).save(tmp_path / "m")
    saved = json.loads((tmp_path / "m" / "config.json").read_text())
    weights = tmp_path / "m" / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(ValueError, match=r"model\.safetensors' is not a readable safetensors"):
        Forecaster.load(tmp_path / "m")
    del saved["state"]["columns"], saved["state"]["lookback"]
    (tmp_path / "m" / "config.json").write_text(json.dumps(saved))
    with pytest.raises(
        ValueError,
        match=r"not a complete saved Forecaster: its state lacks \['lookback', 'columns'\]",
    ):
        Forecaster.load(tmp_path / "m")


@pytest.fixture(scope="module")
def saved_forecaster(tmp_path_factory):
    """A tiny fitted Forecaster's folder, to copy and tamper with."""
    path = tmp_path_factory.mktemp("saved") / "m"
    cfg = ForecasterConfig(horizon=2, **{**TINY, "ensemble": 1, "epochs": 1})
    Forecaster(cfg).fit(AIR[:40]).save(path)
    return path


def _tampered(source, path, part, **changes):
    """A copy of the saved model at ``source`` whose config.json has ``changes`` in ``part``."""
    import shutil

    shutil.copytree(source, path)
    saved = json.loads((path / "config.json").read_text())
    saved[part].update(changes)
    (path / "config.json").write_text(json.dumps(saved))
    return path


@pytest.mark.parametrize(
    ("part", "changes", "problem"),
    [
        # terabytes (4 * H * H floats) were allocated before anything was compared; a shape of
        # more values than torch counts is named (10**9 is told the tensors that do not fit:
        # tests/test_nn25_fixes.py)
        (
            "config",
            {"hidden_size": 10**10},
            "its sizes make tensors too large to hold (a tensor of shape (40000000000, "
            "10000000000) would hold 4e+20 values, more than torch counts in one tensor "
            "(2**63-1))",
        ),
        # ten million networks were built (for hours) before the weights were compared
        (
            "config",
            {"ensemble": 10**7},
            "its config has 10000000 members of 1 layer, but 'M/model.safetensors' holds "
            "only 6 tensors",
        ),
        # the message named neither the file nor that it came from a saved config
        (
            "config",
            {"hidden_size": "8"},
            "its config: `hidden_size` must be a positive integer, got '8' (a number, not text: 8)",
        ),
        # TypeError from torch.empty: "argument 'size' ... found element of type NoneType"
        (
            "config",
            {"horizon": None},
            "config.horizon must be a positive integer (fit records it), got None",
        ),
        # each of these forecast, silently, something else than the saved model
        ("state", {"lookback": -5}, "state.lookback must be a positive integer, got -5"),
        ("state", {"m": 0}, "state.m must be a positive integer, got 0"),
        (
            "state",
            {"scaling": "robust"},
            "state.scaling must be 'window', 'standard' or 'minmax', got 'robust'",
        ),
        ("state", {"loc": float("inf")}, "state.loc must be a finite number, got inf"),
        (
            "state",
            {"quantiles": [0.1]},
            "state.quantiles must be null or a list of 2 interval half-widths >= 0, got [0.1]",
        ),
        # NaN forecasts, or TypeErrors from deep inside predict
        ("state", {"scale": float("nan")}, "state.scale must be a finite number > 0, got nan"),
        ("state", {"m": "12"}, "state.m must be a positive integer, got '12'"),
        # OverflowError "Python integer 1000000000000 out of bounds for int32" from predict
        ("state", {"m": 10**12}, "state.m must be a season length below 2**31, got 1000000000000"),
        (
            "state",
            {"history": "x"},
            "state.history must be an object with the entries 'index', "
            "'values' and 'freq', got 'x'",
        ),
        (
            "state",
            {"history": {"index": [], "values": [], "freq": "MS"}},
            "state.history holds 0 time stamps, fewer than the 12 (state.lookback + "
            "config.difference) a forecast reads",
        ),
    ],
)
def test_load_refuses_a_tampered_config_naming_the_file_and_the_entry(
    saved_forecaster, tmp_path, part, changes, problem
):
    path = _tampered(saved_forecaster, tmp_path / "m", part, **changes)
    with pytest.raises(ValueError) as err:
        Forecaster.load(path)
    assert str(err.value).replace(str(path), "M") == (
        f"'M/config.json' does not describe a usable Forecaster: {problem}."
    )


def test_load_refuses_a_saved_period_that_is_no_period_frequency(saved_forecaster, tmp_path):
    # loaded without a word; predict() then raised pandas' "Invalid frequency: MS" or a bare
    # TypeError "Argument 'freq' has incorrect type" making the forecast's periods
    config = json.loads((saved_forecaster / "config.json").read_text(encoding="utf-8"))
    history = config["state"]["history"]
    for k, period in enumerate(["MS", 5]):
        changed = {**history, "period": period}
        path = _tampered(saved_forecaster, tmp_path / f"m{k}", "state", history=changed)
        with pytest.raises(ValueError) as err:
            Forecaster.load(path)
        assert str(err.value).replace(str(path), "M") == (
            "'M/config.json' does not describe a usable Forecaster: state.history.period must "
            f"be null or the frequency of a PeriodIndex ('M', 'W-SUN', ...), got {period!r}."
        )
    path = _tampered(saved_forecaster, tmp_path / "ok", "state", history={**history, "period": "M"})
    assert str(Forecaster.load(path).predict().index[0]) == "1952-05"


def test_load_lists_every_state_problem_at_once(saved_forecaster, tmp_path):
    path = _tampered(saved_forecaster, tmp_path / "m", "state", log="yes", cov_mean="x")
    with pytest.raises(ValueError) as err:
        Forecaster.load(path)
    assert str(err.value).replace(str(path), "M") == (
        "'M/config.json' does not describe a usable Forecaster: state.log must be true or "
        "false, got 'yes'; state.cov_mean must be a list of 0 finite numbers (one per "
        "covariate), got 'x'."
    )


def test_load_refuses_integer_and_nan_weights(saved_forecaster, tmp_path):
    # int64 weights were converted to floats: a forecast of 13946780 passengers for 395
    import shutil

    from safetensors.torch import load_file, save_file

    for name, change in [("int", lambda t: (t * 100).long()), ("nan", lambda t: t * np.nan)]:
        path = tmp_path / name
        shutil.copytree(saved_forecaster, path)
        weights = load_file(path / "model.safetensors")
        weights["0.head.bias"] = change(weights["0.head.bias"])
        save_file(weights, path / "model.safetensors")
        with pytest.raises(ValueError) as err:
            Forecaster.load(path)
        problem = (
            "tensors of another dtype than the model's: 0.head.bias (int64)"
            ", where it takes float16, bfloat16, float32 or float64"
            if name == "int"
            else "NaN or infinite values in 0.head.bias"
        )
        assert str(err.value).replace(str(path), "M") == (
            "'M/model.safetensors' does not fit the Forecaster its config.json describes: "
            f"cannot load state into ModuleList: {problem}."
        )


def test_an_integer_index_is_kept_with_its_step_and_an_irregular_one_refused():
    cfg = ForecasterConfig(horizon=3, season_length=12, **TINY)
    v = AIR.to_numpy()
    fc = Forecaster(cfg).fit(pd.Series(v, index=range(100, 244)))
    assert list(fc.predict().index) == [244, 245, 246]
    assert list(fc.history().index[-2:]) == [242, 243]
    stepped = Forecaster(cfg).fit(pd.Series(v, index=range(0, 288, 2)))
    assert list(stepped.predict().index) == [288, 290, 292]
    # Positions count in steps: step k has the calendar of position k.
    plain = Forecaster(cfg).fit(pd.Series(v))
    assert np.array_equal(stepped.encoder_inputs().to_numpy(), plain.encoder_inputs().to_numpy())
    assert not np.array_equal(fc.encoder_inputs().to_numpy(), plain.encoder_inputs().to_numpy())
    with pytest.raises(ValueError, match=r"frequency \(positions, step 2\), got positions\."):
        stepped.predict(series=pd.Series(v, index=range(144)))
    with pytest.raises(ValueError, match=r"rise by one constant step, got 3 then 5 \(row 3\)"):
        Forecaster(cfg).fit(pd.Series(v[:5], index=[1, 2, 3, 5, 6]))


def _validation_errors(fc, y):
    """Per step, |log truth - log forecast| of every forecast whose target is a validation point,
    recomputed through the public predict (the model is fitted without refit)."""
    n, nv, horizon = len(y), fc.state_["val_size"], fc.config.horizon
    t = np.log(y.to_numpy())
    errors = [[] for _ in range(horizon)]
    for o in range(n - nv - horizon + 1, n):
        pred = np.log(fc.predict(horizon, series=y.iloc[:o])["forecast"].to_numpy())
        for h in range(horizon):
            if n - nv <= o + h < n:
                errors[h].append(abs(t[o + h] - pred[h]))
    return [np.sort(e) for e in errors]


def test_conformal_half_width_is_the_r_th_smallest_validation_error():
    y = load_dataset("airline")[:84]
    cfg = ForecasterConfig(horizon=3, val_size=10, ensemble=1, epochs=4, refit=False)
    fc = Forecaster(cfg).fit(y)
    errors = _validation_errors(fc, y)
    assert [len(e) for e in errors] == [10, 10, 10]
    # r = ceil((10 + 1) * 0.8) = 9: the 9th smallest of 10, not the largest
    np.testing.assert_allclose(fc.state_["quantiles"], [e[8] for e in errors], rtol=1e-6)
    assert all(e[8] < e[9] for e in errors)
    cfg = replace(cfg, interval=0.5)  # r = ceil(11 * 0.5) = 6
    fc = Forecaster(cfg).fit(y)
    np.testing.assert_allclose(fc.state_["quantiles"], [e[5] for e in errors], rtol=1e-6)


def test_predict_gives_any_coverage_from_the_validation_errors_fit_kept(tmp_path):
    y = load_dataset("airline")[:84]
    cfg = ForecasterConfig(horizon=3, val_size=10, ensemble=1, epochs=4, refit=False)
    fc = Forecaster(cfg).fit(y)
    errors = _validation_errors(fc, y)
    np.testing.assert_allclose(fc.state_["errors"], errors, rtol=1e-6)

    def half_widths(pred):  # log space: the interval is symmetric around the forecast there
        up, lo = np.log(pred["upper"] / pred["forecast"]), np.log(pred["forecast"] / pred["lower"])
        np.testing.assert_allclose(up, lo, rtol=1e-9)
        return up.to_numpy()

    default = fc.predict()
    assert default.equals(fc.predict(interval=0.8))
    # r = ceil(11 * 0.5) = 6 and ceil(11 * 0.9) = 10: the 6th and 10th smallest of 10
    np.testing.assert_allclose(half_widths(fc.predict(interval=0.5)), [e[5] for e in errors])
    np.testing.assert_allclose(half_widths(fc.predict(interval=0.9)), [e[9] for e in errors])
    assert np.array_equal(default["forecast"], fc.predict(interval=0.5)["forecast"])
    with pytest.warns(UserWarning, match=r"the 95% split-conformal interval needs at least") as w:
        wide = fc.predict(interval=0.95)  # too few errors: the largest, with a warning here
    assert w[0].filename == __file__
    np.testing.assert_allclose(half_widths(wide), [e[-1] for e in errors])

    fc.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert back.predict(interval=0.5).equals(fc.predict(interval=0.5))
    for bad, shown in (
        (1.0, "1 (100 % is no interval: its bounds would be infinite; e.g. 0.99)"),
        (-0.5, "-0.5"),
        ("0.9", "'0.9' (a number, not text: 0.9)"),
        (True, "True (a coverage, not a switch: e.g. 0.8)"),
    ):
        with pytest.raises(ValueError) as err:
            fc.predict(interval=bad)
        assert str(err.value) == (
            f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, got {shown}."
        )
    older = _saved_without(fc, tmp_path / "old", "state", "errors")
    assert older.predict().equals(default)  # its own interval still works
    with pytest.raises(ValueError, match=r"saved without them \(only its 0.8 interval\)"):
        older.predict(interval=0.5)
    none = Forecaster(replace(cfg, interval=None)).fit(y)
    assert none.predict()["lower"].isna().all()
    with pytest.raises(ValueError, match=r"fitted without an interval\. Refit with an `interval`"):
        none.predict(interval=0.5)


def test_a_save_without_the_errors_still_gives_its_own_coverage_by_name(tmp_path):
    # A model saved before the errors were kept has its own interval's half-widths: asked for
    # that coverage by name (`lstmkit predict DIR --interval 0.8`), it gives them, not an error.
    y = load_dataset("airline")[:84]
    cfg = ForecasterConfig(horizon=3, val_size=10, ensemble=1, epochs=2, refit=False)
    fc = Forecaster(cfg).fit(y)
    older = _saved_without(fc, tmp_path / "old", "state", "errors")
    own = older.predict(interval=0.8)
    assert own.equals(fc.predict()) and own.equals(older.predict())
    assert own["lower"].notna().all()
    with pytest.raises(ValueError, match=r"saved without them \(only its 0.8 interval\)"):
        older.predict(interval=0.81)


def test_too_few_validation_errors_for_the_interval_warn_and_use_the_largest():
    y = load_dataset("airline")[:84]
    cfg = ForecasterConfig(horizon=2, val_size=3, ensemble=1, epochs=2, refit=False)
    with pytest.warns(UserWarning) as record:
        fc = Forecaster(cfg).fit(y)
    assert str(record[0].message) == (
        "the 80% split-conformal interval needs at least 4 validation errors per forecast step, "
        "and 2 steps have only 3; their half-width is the largest error, which covers about "
        "75%. val_size=4 (CLI: --val-size 4) or a lower `interval` (0.75 or less) fixes this."
    )
    assert record[0].filename == __file__  # the caller of fit
    errors = _validation_errors(fc, y)
    np.testing.assert_allclose(fc.state_["quantiles"], [e[-1] for e in errors], rtol=1e-6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Forecaster(replace(cfg, val_size=4)).fit(y)  # r = ceil(5 * 0.8) = 4 <= 4: no warning


def test_backtest_mean_of_an_undefined_metric_is_undefined():
    # a zero in the second origin's truth: its MAPE is undefined, and so is the mean's
    z = pd.Series(np.arange(1, 61) % 7 + 1.0)
    z.iloc[55] = 0.0
    cfg = ForecasterConfig(horizon=4, ensemble=1, epochs=2, transform="none", interval=None)
    bt = Forecaster(cfg).backtest(z, start=48, stride=4, horizon=4, statistical_baselines=False)
    naive = bt.metrics[bt.metrics["method"] == "naive"]
    assert np.isnan(naive["mape"].to_numpy()).tolist() == [False, True, False]
    assert np.isnan(bt.summary["naive"]["mape"]) and np.isnan(bt.summary["model"]["mape"])
    assert bt.summary["naive"]["rmse"] == pytest.approx(naive["rmse"].mean())


def test_backtest_coverage_counts_only_steps_with_an_interval():
    y = load_dataset("airline")
    cfg = ForecasterConfig(strategy="recursive", horizon=3, ensemble=1, epochs=4)
    fc = Forecaster(cfg).fit(y[:66])
    bt = fc.backtest(
        y[:84], start=66, stride=6, horizon=6, retrain=False, statistical_baselines=False
    )
    f = bt.forecasts
    assert (
        f.loc[f["step"] > 3, "lower"].isna().all() and f.loc[f["step"] <= 3, "lower"].notna().all()
    )
    calibrated = f[f["step"] <= 3]
    inside = (calibrated["y_true"] >= calibrated["lower"]) & (
        calibrated["y_true"] <= calibrated["upper"]
    )
    assert bt.summary["model"]["coverage"] == pytest.approx(inside.mean())
    assert 0 < inside.mean()  # so counting the steps without an interval as misses would differ


def test_backtest_baseline_failing_at_one_origin_has_an_undefined_mean(monkeypatch):
    import lstmkit.backtest as bt_module

    real, calls = bt_module.baseline_forecasts, []

    def flaky(y, horizon, m, statistical=True):
        out = real(y, horizon, m, statistical=False)
        calls.append(len(y))
        if len(calls) == 2:  # "fails" at the second origin: left out, as baseline_forecasts does
            del out["seasonal_naive"]
        return out

    monkeypatch.setattr(bt_module, "baseline_forecasts", flaky)
    cfg = ForecasterConfig(horizon=3, ensemble=1, epochs=2, interval=None)
    bt = Forecaster(cfg).backtest(load_dataset("airline")[:72], start=-9, stride=3, horizon=3)
    rows = bt.metrics[bt.metrics["method"] == "seasonal_naive"]
    assert len(rows) == 3 and rows["rmse"].isna().tolist() == [False, True, False]
    assert np.isnan(bt.summary["seasonal_naive"]["rmse"])
    assert np.isfinite(bt.summary["naive"]["rmse"]) and len(bt.metrics) == 9


@pytest.mark.parametrize(
    ("tz", "freq"), [("UTC", "D"), ("America/New_York", "h"), ("Europe/Berlin", "MS")]
)
def test_time_zone_aware_series_across_daylight_saving(tmp_path, tz, freq):
    start = {"D": "2015-01-01", "h": "2021-03-10", "MS": "2010-01-01"}[freq]
    n = {"D": 120, "h": 24 * 8, "MS": 72}[freq]
    index = pd.date_range(start, periods=n, freq=freq, tz=tz)  # New York: DST on 2021-03-14
    y = pd.Series(10.0 + np.arange(n) % 7 + np.sin(np.arange(n)), index)
    cfg = ForecasterConfig(horizon=3, hidden_size=4, epochs=2, ensemble=1, interval=None)
    fc = Forecaster(cfg).fit(y)
    assert fc.history().index.equals(y.index[-len(fc.history()) :])
    pred = fc.predict()
    assert pred.index.equals(D.future_index(y.index, 3)) and str(pred.index.tz) == tz
    fc.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert back.history().index.equals(fc.history().index)
    assert np.array_equal(back.predict().to_numpy(), pred.to_numpy(), equal_nan=True)
    newer = fc.predict(series=y[:-5])
    assert newer.index[0] == y.index[-5]
    bt = fc.backtest(y, start=n - 9, stride=3, horizon=3)
    assert len(bt.forecasts) == 9 and bt.forecasts["timestamp"].iloc[-1] == y.index[-1]


def test_plot_forecast_places_an_array_history_just_before_the_forecast():
    from lstmkit.forecast import plot_forecast

    fc = Forecaster(ForecasterConfig(horizon=6, epochs=3, ensemble=1, hidden_size=8)).fit(AIR[:-6])
    pred = fc.predict()
    # The audit's call: the history's values, without their timestamps.
    from_array = plot_forecast(AIR.to_numpy()[:-6], pred).axes[0].get_lines()[0]
    from_series = plot_forecast(AIR[:-6], pred).axes[0].get_lines()[0]
    assert list(from_array.get_xdata()) == list(from_series.get_xdata()) == list(AIR.index[:-6])
    assert np.array_equal(from_array.get_ydata(), AIR.to_numpy()[:-6])
    # `context` counts from the end, a list or a column works too.
    last = plot_forecast(list(AIR.to_numpy()[:-6]), pred, context=3).axes[0].get_lines()[0]
    assert list(last.get_xdata()) == list(AIR.index[-9:-6])
    column = plot_forecast(AIR.to_numpy()[:-6, None], pred, context=3).axes[0].get_lines()[0]
    assert np.array_equal(column.get_ydata(), AIR.to_numpy()[-9:-6])
    # Integer positions (a forecaster fitted on an array).
    positions = Forecaster(fc.config).fit(AIR.to_numpy()[:-6]).predict()
    assert list(positions.index) == list(range(138, 144))
    line = plot_forecast(np.arange(4.0), positions).axes[0].get_lines()[0]
    assert list(line.get_xdata()) == [134, 135, 136, 137]


def test_plot_forecast_refuses_a_history_it_cannot_place():
    from lstmkit.forecast import plot_forecast

    pred = pd.DataFrame({"forecast": [1.0, 2.0]}, index=pd.date_range("2020-01", periods=2))
    for bad, name in (({"a": 1.0}, "dict"), ("abc", "str"), (3.0, "float")):
        with pytest.raises(
            TypeError,
            match=rf"`history` must be a pandas Series or DataFrame or an array of numbers, "
            rf"got {name}\.",
        ):
            plot_forecast(bad, pred)
    with pytest.raises(ValueError, match=r"must be 1-D or 2-D .*, got shape \(2, 2, 2\)\."):
        plot_forecast(np.ones((2, 2, 2)), pred)
    irregular = pred.set_axis(pd.DatetimeIndex(["2020-01-01", "2020-01-03"]))
    with pytest.raises(
        ValueError,
        match=r"an array `history` is placed just before the forecast, which needs a forecast "
        r"index with a regular step .*, got DatetimeIndex \[2020-01-01 00:00:00, 2020-01-03 "
        r"00:00:00\]; pass `history` as a Series with its own index\.",
    ):
        plot_forecast(np.ones(3), irregular)
    # A Series history needs no step from the forecast.
    assert len(plot_forecast(AIR, irregular).axes[0].get_lines()) == 2


@pytest.mark.parametrize("context", [0, -5, 2.5, True, "24"])
def test_both_plots_refuse_a_context_that_is_not_a_positive_integer(context):
    from lstmkit.forecast import plot_forecast

    fc = Forecaster(ForecasterConfig(horizon=6, epochs=3, ensemble=1, hidden_size=8)).fit(AIR[:-12])
    res = fc.backtest(AIR, start=-12, stride=6, retrain=False, statistical_baselines=False)
    told = r" \(a number, not text: 24\)" if context == "24" else ""  # fol20: text's number
    message = rf"`context` must be a positive integer or None, got {context!r}{told}\."
    error = TypeError if context is True else ValueError  # lib22: a bool is no number
    with pytest.raises(error, match=message):
        res.plot(context=context)
    with pytest.raises(error, match=message):
        plot_forecast(AIR[:-12], fc.predict(), context=context)
    # numpy integers are integers.
    shown = res.plot(context=np.int64(5)).axes[0].get_lines()[0].get_ydata()
    assert np.array_equal(shown, AIR.to_numpy()[127:])


def test_residuals_are_the_one_step_in_sample_errors_without_a_warning():
    cfg = ForecasterConfig(horizon=3, epochs=1, ensemble=1, hidden_size=4, interval=None)
    y = AIR[:-12].rename_axis("month")
    fc = Forecaster(cfg).fit(y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # in-sample is what residuals are: nothing is warned
        res = fc.residuals(y)
    first = fc.state_["lookback"]  # 36 > one season: the first point the input window allows
    assert res.name == "residual" and res.index.name == "month"
    assert res.index.equals(y.index[first:]) and len(res) == len(y) - first
    # each is the point minus the forecast from the points before it
    for k in (first, first + 50, len(y) - 1):
        pred = fc.predict(1, series=y[:k])["forecast"].iloc[0]
        assert res.loc[y.index[k]] == pytest.approx(y.iloc[k] - pred, abs=1e-9)
    # a look-back shorter than the season starts one season in (MASE's baseline needs it)
    short = Forecaster(replace(cfg, lookback=6)).fit(y)
    assert short.residuals(y).index[0] == y.index[13]
    with pytest.raises(NotFittedError):
        Forecaster(cfg).residuals(y)


@pytest.mark.parametrize(
    "overrides",
    [{}, {"strategy": "recursive"}, {"strategy": "seq2seq", "difference": 12, "lookback": 13}],
)
def test_backtest_without_retraining_forecasts_as_predict_from_the_whole_past(overrides):
    # backtest(retrain=False) and residuals hand predict the end of the past only: the same
    # forecasts, bit for bit, as predict(series=) given everything before each origin
    cfg = ForecasterConfig(horizon=3, epochs=1, ensemble=1, hidden_size=4, interval=0.8)
    y = AIR[:60]
    cov = None if overrides else pd.DataFrame({"a": np.cos(np.arange(60))}, index=y.index)
    fc = Forecaster(replace(cfg, **{"lookback": 12, **overrides})).fit(y, cov)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # in-sample origins
        table = fc.backtest(y, cov, start=40, stride=9, retrain=False, levels=(0.5,)).forecasts
        res = fc.residuals(y[:45], None if cov is None else cov[:45])
    for o in (40, 49):
        past = None if cov is None else cov[:o]
        whole = fc.predict(3, series=y[:o], covariates=past)
        got = table[table["origin"] == y.index[o]]
        assert got["forecast"].tolist() == whole["forecast"].tolist()
        assert got["upper"].tolist() == whole["upper"].tolist()
    for o in (25, 44):
        past = None if cov is None else cov[:o]
        one = fc.predict(1, series=y[:o], covariates=past)["forecast"].iloc[0]
        assert res.loc[y.index[o]] == y.iloc[o] - one


def test_residuals_check_the_series_once_not_the_past_at_every_origin(monkeypatch):
    # A long hourly series took minutes: every origin checked all the points before it again
    # (quadratic in the length) and scored its forecast against baselines nobody reads.
    y = AIR[:60]
    fc = Forecaster(horizon=3, lookback=12, epochs=1, ensemble=1, hidden_size=4, interval=None)
    fc.fit(y)
    checked, to_frame = [], D.to_frame
    monkeypatch.setattr(
        D, "to_frame", lambda data, **kw: checked.append(len(data)) or to_frame(data, **kw)
    )
    calendars, calendar = [], Forecaster._calendar
    monkeypatch.setattr(
        Forecaster, "_calendar", lambda self, index: calendars.append(1) or calendar(self, index)
    )

    def scored(*args, **kwargs):
        raise AssertionError("residuals scored a forecast")

    monkeypatch.setattr("lstmkit.backtest.evaluate", scored)
    monkeypatch.setattr("lstmkit.backtest.baseline_forecasts", scored)
    res = fc.residuals(y)
    assert len(res) == len(y) - 13  # from one season and a point in
    # the series is checked once, and its calendar made once: every origin's input window
    # is cut from them (a predict per origin checked and prepared its past again)
    assert checked == [len(y)] and calendars == [1]


def test_backtest_start_may_be_the_time_of_the_first_forecast_step():
    cfg = ForecasterConfig(horizon=12, epochs=1, ensemble=1, hidden_size=4, interval=None)
    fc = Forecaster(cfg).fit(AIR[:-36])
    kw = {"retrain": False, "statistical_baselines": False}
    by_position = fc.backtest(AIR, start=-36, **kw).forecasts
    assert by_position["timestamp"].iloc[0] == pd.Timestamp("1958-01-01")
    for start in ("1958-01", "1958-01-01", pd.Timestamp("1958-01-01"), pd.Period("1958-01", "M")):
        pd.testing.assert_frame_equal(fc.backtest(AIR, start=start, **kw).forecasts, by_position)
    periods = AIR.to_period("M")  # a Period or its text on a PeriodIndex
    by_period = fc.backtest(periods, start=pd.Period("1958-01", "M"), **kw).forecasts
    assert by_period["timestamp"].iloc[0] == pd.Period("1958-01", "M")
    assert np.array_equal(by_period["forecast"], by_position["forecast"])
    message = (
        "`start` must be a position in 1..132 (or -143..-12 from the end), or one of the "
        "series' times from 1949-02-01 to 1960-01-01 (the first step it forecasts), leaving a "
        "whole horizon (12) of the 144 points after it, got {}."
    )
    floats = "; `start` must be a position as an int or one of the series' times, not a float"
    # walk29a: a time between two of the series' is told those two
    between = (
        "; 1958-01-15 is none of the series' times: it falls between 1958-01-01 and 1958-02-01"
    )
    hints = {2.5: floats, "1958-01-15": between}
    for bad in ("1958-01-15", "1960-06", "soon", 2.5, True):
        # lib22: a bool is no position, a TypeError; the same message
        with pytest.raises(TypeError if bad is True else ValueError) as err:
            fc.backtest(AIR, start=bad, **kw)
        assert str(err.value) == message.format(repr(bad) + hints.get(bad, ""))
    with pytest.raises(ValueError) as err:
        fc.backtest(AIR, start=pd.Timestamp("1958-01-01", tz="UTC"), **kw)
    assert str(err.value) == (
        "`start` Timestamp('1958-01-01 00:00:00+0000', tz='UTC') has a time zone, the series' "
        "times have none; pass it without one, e.g. pd.Timestamp('1958-01-01 00:00:00')."
    )
    # a naive time on a zoned series is read in the series' zone
    zoned = AIR.tz_localize("Europe/Berlin")
    fz = Forecaster(cfg).fit(zoned[:-36])
    first = fz.backtest(zoned, start="1958-01-01", **kw).forecasts["timestamp"].iloc[0]
    assert first == pd.Timestamp("1958-01-01", tz="Europe/Berlin")
    # a clock time shown twice at a daylight-saving change names both (tz_localize's raw error)
    from lstmkit.backtest import _time_position

    night = pd.date_range("2021-11-07 00:00", periods=4, freq="h", tz="America/New_York")
    frame = pd.DataFrame({"y": 0.0}, index=night)  # 00:00-04, 01:00-04, 01:00-05, 02:00-05
    assert _time_position(frame, "2021-11-07 02:00") == 3
    assert _time_position(frame, pd.Timestamp("2021-11-07 01:00-05:00")) == 2
    with pytest.raises(ValueError) as err:
        _time_position(frame, "2021-11-07 01:00")
    assert str(err.value) == (
        "`start` '2021-11-07 01:00' is ambiguous in America/New_York, whose clocks show it twice "
        "(daylight saving): the series has 2021-11-07 01:00:00-04:00, 2021-11-07 "
        "01:00:00-05:00; pass one of them, a Timestamp with its offset, or its position."
    )


def test_backtest_checks_its_first_origin_before_any_training(monkeypatch):
    weeks = pd.Series(10 + np.arange(60.0) % 5, pd.date_range("2015-01-04", periods=60, freq="W"))

    def no_fit(*args, **kwargs):
        raise AssertionError("trained before the first origin was checked")

    monkeypatch.setattr(Forecaster, "fit", no_fit)
    cfg = ForecasterConfig(epochs=2, ensemble=1, hidden_size=8)
    with pytest.raises(ValueError) as err:
        Forecaster(replace(cfg, lookback=4)).backtest(weeks)
    assert str(err.value) == (
        "the first origin (position 21, 2015-05-31) leaves 21 points before it: MASE "
        "and the seasonal naive baseline need more than one season (m=52) of points before "
        "each origin, got 21; even the last origin (position 47) leaves too few, with any "
        "`start`."
    )
    with pytest.raises(ValueError, match=r"leaves 21 points before it: the series is too short"):
        Forecaster(cfg).backtest(weeks)


def test_a_covariate_constant_in_training_keeps_its_units():
    # The std of [1/3] * n is 5.6e-17, not 0: it was kept as the covariate's scale, so a later
    # change of 0.1 reached the network as 1.8e15.
    y = AIR[:-12]
    third = pd.Series(1 / 3, y.index, name="third")
    assert 0 < float(np.std(third[:60])) < 1e-15
    wavy = pd.Series(np.sin(np.arange(len(y))), y.index, name="wavy")
    cfg = ForecasterConfig(horizon=3, hidden_size=4, epochs=1, ensemble=1, interval=None)
    fc = Forecaster(cfg).fit(y, covariates=pd.concat([third, wavy], axis=1))
    train = wavy.to_numpy()[: len(y) - fc.state_["val_size"]]  # the statistics' part
    assert fc.state_["cov_std"] == [1.0, float(np.std(train))]
    changed = pd.concat([third + 0.1, wavy], axis=1)
    pred = fc.predict(series=y, covariates=changed)["forecast"]
    assert np.all(np.abs(pred - fc.predict()["forecast"]) < 100)


def _saved_across_daylight_saving(tmp_path: Path, tz: str) -> tuple[Forecaster, dict]:
    """A forecaster of 8 days of hours across Berlin's spring change, saved in tmp_path / "m",
    and its config.json."""
    index = pd.date_range("2024-03-25", periods=24 * 8, freq="h", tz=tz)
    y = pd.Series(10.0 + np.arange(len(index)) % 24, index)
    cfg = ForecasterConfig(horizon=3, hidden_size=4, epochs=1, ensemble=1, interval=None)
    fc = Forecaster(cfg).fit(y)
    fc.save(tmp_path / "m")
    return fc, json.loads((tmp_path / "m" / "config.json").read_text())


@pytest.mark.skipif(
    int(pd.__version__.split(".")[0]) < 3,
    reason="pandas 2 fails to localise dateutil zones across daylight saving (_localize_tso)",
)
def test_a_zone_is_saved_by_a_name_it_loads_from(tmp_path):
    # (older saves without the zone: test_an_old_save_across_daylight_saving_...)
    fc, saved = _saved_across_daylight_saving(tmp_path, "dateutil/Europe/Berlin")
    assert saved["state"]["history"]["tz"] == "Europe/Berlin"
    pred = Forecaster.load(tmp_path / "m").predict()
    assert str(pred.index.tz) == "Europe/Berlin"
    assert np.array_equal(pred.to_numpy(), fc.predict().to_numpy(), equal_nan=True)


def test_an_old_save_across_daylight_saving_loads_in_utc_on_every_pandas(tmp_path):
    # Saved before the zone was recorded: local stamps whose offsets change. pandas 2 only
    # warned of the mixed offsets and returned objects; both versions must give UTC instants.
    fc, saved = _saved_across_daylight_saving(tmp_path, "Europe/Berlin")
    berlin = fc.history().index
    saved["state"]["history"]["index"] = [str(t) for t in berlin]
    del saved["state"]["history"]["tz"]
    assert {str(t)[-6:] for t in berlin} == {"+01:00", "+02:00"}
    (tmp_path / "m" / "config.json").write_text(json.dumps(saved))
    old = Forecaster.load(tmp_path / "m")
    assert str(old.history().index.tz) == "UTC"
    assert old.history().index.equals(berlin.tz_convert("UTC"))
    # the same instants, in UTC (its calendar inputs then read UTC hours, so values differ)
    assert old.predict().index.equals(fc.predict().index.tz_convert("UTC"))
    # one offset throughout: read as written, in that fixed offset
    saved["state"]["history"]["index"] = [str(t) for t in berlin.tz_convert("Etc/GMT-5")]
    (tmp_path / "m" / "config.json").write_text(json.dumps(saved))
    fixed = Forecaster.load(tmp_path / "m").history().index
    assert str(fixed.tz) == "UTC+05:00" and fixed.tz_convert("UTC").equals(old.history().index)


def test_an_old_save_of_zoned_stamps_takes_a_newer_zoned_series(tmp_path):
    # Saved before the zone was recorded, its stamps carry their offsets: a newer series in
    # Europe/Berlin was refused as "without a time zone", and the tz_localize(None) advised
    # then failed on the hour daylight saving skips.
    fc, saved = _saved_across_daylight_saving(tmp_path, "Europe/Berlin")
    y = fc.history(fc.history())
    saved["state"]["history"]["index"] = [str(t) for t in fc.history().index]
    del saved["state"]["history"]["tz"]
    (tmp_path / "m" / "config.json").write_text(json.dumps(saved))
    old = Forecaster.load(tmp_path / "m")
    assert old.predict(series=y).index.equals(fc.predict(series=y).index)
    assert old.predict(series=y.tz_convert("UTC")).equals(old.predict())
    with pytest.raises(ValueError) as err:
        old.predict(series=y.tz_convert("UTC").tz_localize(None))
    assert str(err.value) == (
        "`series` must have timestamps in UTC like the training data's, got timestamps "
        "without a time zone (first 2024-03-28 23:00:00); e.g. series.index = "
        "series.index.tz_localize('UTC')."
    )


def test_fit_and_backtest_log_what_they_do(caplog) -> None:
    """``-v`` (INFO) says what fit saw and did: the numbers are those of ``state_`` and the
    histories (epochs counted from 1, as the member messages count them)."""
    import logging

    y = load_dataset("airline")[:-12]
    cfg = ForecasterConfig(ensemble=2, epochs=4, hidden_size=4, patience=2)
    with caplog.at_level(logging.INFO, logger="lstmkit"):
        model = Forecaster(cfg).fit(y)
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0] == (
        "fit: 132 points, season length 12, log transform, look-back 36, 73 training and 12 "
        "validation windows, 2 members, each refitted on every window"
    )
    assert lines[1] == (
        "each epoch trains on every one of the 73 training windows (windows_per_epoch='auto': "
        "every window up to 256, a random 256 above)"
    )
    for k, history in enumerate(model.history_):
        member = next(x for x in lines if x.startswith(f"member {k + 1}/2:"))
        assert member.startswith(f"member {k + 1}/2: best epoch {history.best_epoch + 1}, ")
        refit = next(x for x in lines if x.startswith(f"refit {k + 1}/2:"))
        runs = model.refit_history_[k].epochs_run
        assert refit.startswith(f"refit {k + 1}/2: {runs} epoch{'s' if runs != 1 else ''} (")
    stops = [x for x in lines if x.startswith("early stop")]
    stopped = [h for h in model.history_ if h.stopped_early]
    assert stops == [
        f"early stop after epoch {h.epochs_run} (best {h.best_epoch + 1})" for h in stopped
    ]
    q = model.state_["quantiles"]
    assert lines[-1] == (
        f"80% interval from 12 validation errors per step: half-widths {min(q):.3g} to "
        f"{max(q):.3g} (log units)"
    )
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="lstmkit.backtest"):
        bt = model.backtest(load_dataset("airline"), start=132, stride=12, horizon=12)
    (line,) = [r.getMessage() for r in caplog.records]
    score = bt.metrics.set_index("method").loc["model", "rmse"]
    assert line.startswith(
        "backtest origin 1960-01-01 (132 points before it): "
        f"RMSE {score:.4g}, seasonal naive 50.71 ("
    )


_NO_CUDA = pytest.mark.skipif(torch.cuda.is_available(), reason="checks the CPU-only refusal")


def test_device_config_is_checked_and_kept_as_a_string():
    assert ForecasterConfig(device=torch.device("cpu")).device == "cpu"
    # the one CPU however spelled: "cpu:0" was kept as such, and a model fitted on "cpu"
    # refused it as a changed config
    assert ForecasterConfig(device="cpu:0").device == "cpu"
    assert ForecasterConfig(device=torch.device("cpu", 0), jobs=2).device == "cpu"
    for bad in ("meta", "gpu", 1.5, "cuda:x"):  # an index (3) is taken: see test_num20_fixes
        with pytest.raises(ValueError, match=r"`device` must name a torch device that computes"):
            ForecasterConfig(device=bad)
    with pytest.raises(ValueError, match="`device` 'cuda' needs `jobs` 1, got 2"):
        ForecasterConfig(device="cuda", jobs=2)


def test_cuda_and_cuda_0_name_one_device_for_a_fitted_model():
    from lstmkit._device import same_device

    # "cuda" is torch's current CUDA device, cuda:0 unless set_device chose another: kept as
    # written, and taken for cuda:0 only when a fitted config is compared with a new one
    # (names are parsed, CUDA is not asked: no GPU here)
    for a, b in (("cuda", "cuda:0"), ("cuda:0", "cuda"), ("mps", "mps:0"), ("cuda:1", "cuda:1")):
        assert same_device(a, b)
    for a, b in (("cuda", "cuda:1"), ("cuda:0", "cuda:1"), ("cpu", "cuda"), ("cuda", "mps")):
        assert not same_device(a, b)
    assert ForecasterConfig(device=torch.device("cuda")).device == "cuda"
    assert ForecasterConfig(device="cuda:0").device == "cuda:0"
    # a model fitted with device="cuda" (its members on the CPU here: predict feeds them on
    # their own device) refused device="cuda:0" as a changed config
    y = load_dataset("airline")[:40]
    fc = Forecaster(ForecasterConfig(horizon=2, ensemble=1, epochs=1, hidden_size=4)).fit(y)
    expected = fc.predict()
    fc._fitted_config = replace(fc.config, device="cuda")
    for device in ("cuda:0", torch.device("cuda", 0), torch.device("cuda")):
        fc.config = replace(fc.config, device=device)
        pd.testing.assert_frame_equal(fc.predict(), expected)
    fc.config = replace(fc.config, device="cuda:1")
    with pytest.raises(ValueError) as err:
        fc.predict()
    assert str(err.value) == (
        "`config` was changed after fit (device='cuda:1'), but the fitted model was made with "
        "device='cuda'. Call fit() again, or put them back: fc.config = replace(fc.config, "
        "device='cuda')."
    )


@_NO_CUDA
def test_an_unavailable_device_is_refused_before_training(tmp_path):
    y = load_dataset("airline")
    with pytest.raises(ValueError, match=r"`device` 'cuda' cannot be used here .*'cpu' always"):
        Forecaster(ForecasterConfig(device="cuda", ensemble=1, epochs=1)).fit(y)
    fc = Forecaster(ForecasterConfig(horizon=3, ensemble=1, epochs=1)).fit(y[:60])
    fc.save(tmp_path)
    with pytest.raises(ValueError, match="`device` 'cuda:1' cannot be used here"):
        Forecaster.load(tmp_path, device="cuda:1")
    with pytest.raises(ValueError, match="`device` 'cuda' cannot be used here"):
        Forecaster.load(tmp_path / "absent", device="cuda")  # before any file is read


def test_device_cpu_is_the_default_bit_for_bit_and_loads_stay_on_the_cpu(tmp_path, edit_saved):
    y = load_dataset("airline")[:72]
    cfg = ForecasterConfig(horizon=3, ensemble=2, epochs=2, hidden_size=4)
    default = Forecaster(cfg).fit(y).predict()
    explicit = Forecaster(replace(cfg, device="cpu")).fit(y)
    pd.testing.assert_frame_equal(explicit.predict(), default)
    explicit.save(tmp_path)
    with edit_saved(tmp_path) as saved:
        assert saved["config"]["device"] == "cpu"
        saved["config"]["device"] = "cuda:3"  # trained elsewhere: loads on the CPU all the same
    loaded = Forecaster.load(tmp_path)
    assert loaded.config.device == "cpu"
    assert Forecaster.load(tmp_path, device="cpu:0").config.device == "cpu"
    loaded.config = replace(loaded.config, device="cpu:0")  # the same device: no refit needed
    pd.testing.assert_frame_equal(loaded.predict(), default)
    assert {p.device.type for p in loaded.members_.parameters()} == {"cpu"}
    pd.testing.assert_frame_equal(loaded.predict(), default)


@pytest.mark.parametrize("strategy", ["direct", "recursive", "seq2seq"])
def test_predict_feeds_the_members_on_their_device(monkeypatch, strategy):
    """The windows go to the members' device and the outputs come back (the meta device stands
    in for a GPU: the members move there, and a stand-in forward records what it receives)."""
    y = load_dataset("airline")[:72]
    cfg = ForecasterConfig(horizon=3, ensemble=2, epochs=1, hidden_size=4, strategy=strategy)
    fc = Forecaster(cfg).fit(y)
    fc.members_.to("meta")
    seen = []

    def forward(self, x, future=None):
        seen.append({x.device.type} | ({future.device.type} if future is not None else set()))
        return torch.zeros(1, 1 if strategy == "recursive" else 3)

    monkeypatch.setattr(ForecastNet, "forward", forward)
    pred = fc.predict()
    assert len(seen) == 2 * (3 if strategy == "recursive" else 1)
    assert all(devices == {"meta"} for devices in seen)
    assert np.isfinite(pred["forecast"]).all()


def test_a_transposed_array_is_named_in_the_too_short_message():
    values = np.column_stack([AIR.to_numpy(), np.arange(144.0)])  # [T, F] = (144, 2)
    fc = Forecaster(ForecasterConfig(horizon=12, **TINY))
    with pytest.raises(ValueError) as err:
        fc.fit(values.T)
    assert str(err.value) == (
        "the series is too short: lookback (1) + horizon (12) + differencing (0) + validation "
        "windows (1) need at least 14 points, got 2: `series` is an array of shape (2, 144), "
        "whose rows are the time steps (target in column 0, covariates after); transpose it "
        "(series.T, shape (144, 2)) if its 144 columns are the steps."
    )
    # a short array that is not wider than tall: the message alone
    with pytest.raises(ValueError) as err:
        fc.fit(values[:10])
    assert str(err.value).endswith("got 10.")
    assert fc.fit(values).predict(3)["forecast"].shape == (3,)


def test_backtest_result_repr_is_the_mean_table_not_every_row():
    from lstmkit.backtest import BacktestResult

    origins = pd.to_datetime(["1960-01-01"] * 3 + ["1960-04-01"] * 3)
    forecasts = pd.DataFrame({"origin": origins, "forecast": np.arange(6.0)})
    summary = {
        "model": {"rmse": 22.5412, "mae": 18.9, "coverage": 0.75, "nominal": 0.8},
        "naive": {"rmse": 78.16, "mae": 66.666, "coverage": np.nan, "nominal": np.nan},
    }
    result = BacktestResult(forecasts=forecasts, metrics=pd.DataFrame(), summary=summary)
    assert repr(result) == (
        "BacktestResult: 2 origins (1960-01-01 … 1960-04-01), 3 steps each; the mean over the "
        "origins:\n"
        "       rmse   mae  coverage  nominal\n"
        "model 22.54  18.9      0.75      0.8\n"
        "naive 78.16 66.67                   \n"
        "(.forecasts: 6 rows; .metrics: per origin; .summary: this table as a dict; "
        ".calibration; .plot())"
    )


def test_forecaster_repr_names_the_changed_config_and_what_it_was_fitted_on(tmp_path):
    # the default object repr (<lstmkit.forecast.Forecaster object at 0x...>) said nothing
    config = ForecasterConfig(horizon=3, **TINY)
    fc = Forecaster(config)
    assert repr(fc) == (
        "Forecaster(ForecasterConfig(horizon=3, hidden_size=8, ensemble=2, epochs=4, "
        "batch_size=32); not fitted)"
    )
    assert repr(Forecaster()) == "Forecaster(ForecasterConfig(); not fitted)"
    frame = pd.DataFrame({"pax": AIR[:60], "cost": np.arange(60.0)})
    fc.fit(frame)
    fitted = (
        "Forecaster(ForecasterConfig(horizon=3, hidden_size=8, ensemble=2, epochs=4, "
        "batch_size=32); fitted on 60 points of pax (covariates cost) up to 1953-12-01, "
        "look-back 24, season 12)"
    )
    assert repr(fc) == fitted
    fc.save(tmp_path / "m")
    assert repr(Forecaster.load(tmp_path / "m")) == fitted


def test_the_interval_coverage_travels_with_the_forecast_into_the_legend():
    from lstmkit.forecast import plot_forecast

    fc = Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:-3])
    pred, wide = fc.predict(), fc.predict(interval=0.9)
    assert pred.attrs == {"interval": 0.8} and wide.attrs == {"interval": 0.9}

    def legend(frame: pd.DataFrame) -> list[str]:
        fig = plot_forecast(AIR[:-3], frame, AIR[-3:])
        return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]

    assert legend(pred) == ["history", "truth", "forecast", "80% interval"]
    assert legend(wide) == ["history", "truth", "forecast", "90% interval"]
    # a level is written as it is, not rounded to a whole percent: 0.975 read "98%", 0.999 "100%"
    with pytest.warns(UserWarning) as w:
        odd = fc.predict(interval=0.975)
    assert str(w[0].message).startswith(
        "the 97.5% split-conformal interval needs at least 39 validation errors per forecast step"
    )
    assert legend(odd) == ["history", "truth", "forecast", "97.5% interval"]
    assert legend(pred.iloc[:2].copy()) == legend(pred)  # a slice or a copy keeps it
    plain = pd.DataFrame(pred.to_dict())  # a table of one's own: no coverage to name
    assert legend(plain) == ["history", "truth", "forecast", "interval"]
    none = Forecaster(ForecasterConfig(horizon=3, interval=None, **TINY)).fit(AIR[:-3])
    assert none.predict().attrs == {}
    bt = fc.backtest(AIR, start=-6, stride=3, statistical_baselines=False)
    texts = [t.get_text() for t in bt.plot().axes[0].get_legend().get_texts()]
    assert texts == ["series", "origins", "forecast", "80% interval", "seasonal naive"]


def test_plot_forecast_draws_the_interval_over_the_steps_that_have_one():
    # a seq2seq forecast past the calibrated horizon has lower/upper for its first steps only;
    # the band used to be left out altogether (the docstring: "where they are not NaN")
    from lstmkit.forecast import plot_forecast

    index = pd.date_range("1961-01-01", periods=6, freq="MS")
    pred = pd.DataFrame(
        {
            "forecast": [10.0, 11, 12, 13, 14, 15],
            "lower": [9.0, 9.5, 10, np.nan, np.nan, np.nan],
            "upper": [11.0, 12.5, 14, np.nan, np.nan, np.nan],
        },
        index=index,
    )
    ax = plot_forecast(AIR, pred).axes[0]
    (band,) = ax.collections
    xs, ys = band.get_paths()[0].vertices.T
    assert len(np.unique(xs)) == 3  # the first three months only
    assert ys.min() == 9.0 and ys.max() == 14.0
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "history",
        "forecast",
        "interval",
    ]
    pred[["lower", "upper"]] = np.nan  # no interval at all: no band
    assert not plot_forecast(AIR, pred).axes[0].collections


def test_a_coverage_in_percent_is_answered_with_the_fraction():
    # statsforecast takes level=[80, 95]; here a coverage is a fraction
    with pytest.raises(ValueError) as err:
        ForecasterConfig(interval=80)
    assert str(err.value) == (
        "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got 80 (a "
        "fraction: 0.8 for 80 %)."
    )
    with pytest.raises(ValueError, match=r"got 1\.5\.$"):  # not a percentage: no guess
        ForecasterConfig(interval=1.5)
    fc = Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:48])
    with pytest.raises(ValueError) as err:
        fc.predict(interval=95)
    assert str(err.value) == (
        "`interval` must be a number strictly between 0 and 1, e.g. 0.8, got 95 (a fraction: "
        "0.95 for 95 %)."
    )
    for one in (0.5, "0.5", np.array(0.5)):  # a bare level: "'float' object is not iterable"
        with pytest.raises(TypeError) as err:
            fc.backtest(AIR[:60], levels=one)
        assert str(err.value) == (
            f"`levels` must be a sequence of coverages, e.g. (0.5, 0.9), or (0.5,) for one, got "
            f"{one!r}."
        )
    with pytest.raises(ValueError) as err:
        fc.backtest(AIR[:60], levels=(0.5, 90.0, 1, True))
    assert str(err.value) == (  # all the wrong entries at once, shown as they came
        "every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got 90 (a "
        "fraction: 0.9 for 90 %), 1 (100 % is no interval: its bounds would be infinite; e.g. "
        "0.99), True (a coverage, not a switch: e.g. 0.8)."
    )


def test_a_model_saved_with_24_hour_steps_forecasts_the_same_days_read_as_daily():
    # Before data._in_days, "24h" data kept "24h" and the saved model records it; the same
    # days now read as "D", which predict(series=...) must take as the same frequency, and
    # forecast from as from the saved history (its calendar: the days since 1970, in UTC).
    days = pd.date_range("2024-01-01", periods=80, freq="D")
    y = pd.Series(10 + np.sin(np.arange(80) * 2 * np.pi / 7), index=days)
    fc = Forecaster(ForecasterConfig(horizon=7, **TINY)).fit(y)
    fc.state_["history"]["freq"] = "24h"
    assert fc.predict(series=y).equals(fc.predict())
    fc.state_["history"]["freq"] = "12h"
    with pytest.raises(ValueError, match=r"training data's frequency \(12h\), got D"):
        fc.predict(series=y)


def test_save_refuses_a_file_or_a_path_through_one_before_writing(tmp_path):
    fc = Forecaster(ForecasterConfig(horizon=3, **TINY)).fit(AIR[:-3])
    file = tmp_path / "model.txt"
    file.write_text("keep")
    with pytest.raises(
        ValueError, match=r"`path` must be a folder, got the existing file '.*model\.txt'\."
    ):
        fc.save(file)
    with pytest.raises(
        ValueError, match=r"`path` '.*model\.txt/m' cannot be created: '.*model\.txt' is a file\."
    ):
        fc.save(file / "m")
    (tmp_path / "d" / "config.json").mkdir(parents=True)
    with pytest.raises(ValueError, match=r"holds a folder named 'config\.json'"):
        fc.save(tmp_path / "d")
    assert file.read_text() == "keep"
    assert not (tmp_path / "d" / "model.safetensors").exists()


@pytest.mark.parametrize("scaling", ["window", "standard", "minmax"])
def test_a_series_in_other_units_gets_the_same_forecast_in_those_units(scaling):
    # A spread below 1e-8 read as "constant" and scaled by 1: a series of 1e-10 * x (mixed
    # signs, no log) was forecast as noise of about 0.01, a hundred million times its size,
    # and a constant 5 as 5.07 or 4.96. The floor is now relative to the series' magnitude.
    cfg = ForecasterConfig(horizon=3, interval=None, scaling=scaling, **TINY)
    cfg = replace(cfg, epochs=1, ensemble=1)
    y = AIR[:48] - AIR[:48].mean()
    big = Forecaster(cfg).fit(y)
    tiny = Forecaster(cfg).fit(y * 1e-10)
    assert tiny.state_["scale"] == pytest.approx(big.state_["scale"] * 1e-10, rel=1e-9)
    assert np.allclose(
        tiny.predict()["forecast"] * 1e10, big.predict()["forecast"], rtol=1e-5, atol=1e-5
    )
    flat = Forecaster(cfg).fit(pd.Series(5.0, index=AIR.index[:48]))
    assert np.abs(flat.predict()["forecast"].to_numpy() - 5.0).max() < 1e-9
    zeros = Forecaster(cfg).fit(pd.Series(0.0, index=AIR.index[:48]))
    assert np.abs(zeros.predict()["forecast"].to_numpy()).max() < 1e-9


def test_the_forecast_index_continues_the_datas_index(tmp_path):
    # A PeriodIndex came back as timestamps (so mae(y_test, forecast) refused the two indexes
    # and plot_forecast raised on the Periods), the index's name was dropped, and timestamps
    # in seconds came back in microseconds (from predict() only, not predict(series=...)).
    from lstmkit.forecast import plot_forecast
    from lstmkit.metrics import mae

    cfg = ForecasterConfig(
        horizon=3, lookback=6, interval=None, **{**TINY, "epochs": 1, "ensemble": 1}
    )
    weeks = pd.period_range("2001-01-04", periods=40, freq="W-WED", name="week")
    y = pd.Series(AIR.to_numpy()[:40], index=weeks)
    fc = Forecaster(cfg).fit(y[:-3])
    fc.save(tmp_path / "model")
    for pred in (
        fc.predict(),
        fc.predict(series=y[:-3]),
        Forecaster.load(tmp_path / "model").predict(),
    ):
        pd.testing.assert_index_equal(pred.index, weeks[-3:])
    assert mae(y[-3:], fc.predict()["forecast"]) >= 0
    plot_forecast(y[:-3], fc.predict(), y[-3:])
    plot_forecast(y[:-3].to_numpy(), fc.predict())
    # the backtest's stamps too (were timestamps), and its plot draws them
    months = AIR[:40].to_period("M")
    bt = Forecaster(cfg).backtest(months, start=-6, stride=3, statistical_baselines=False)
    assert list(bt.forecasts["timestamp"]) == list(months.index[-6:])
    assert list(bt.forecasts["cutoff"].unique()) == [months.index[-7], months.index[-4]]
    assert list(bt.metrics["origin"].unique()) == [months.index[-6], months.index[-3]]
    bt.plot()
    # and its messages show the periods (were timestamps: "2000-10-01 00:00:00")
    with pytest.raises(ValueError, match=r"^the first origin \(position 2, 1949-03\) leaves"):
        Forecaster(cfg).backtest(months, start=2, statistical_baselines=False)
    fitted = Forecaster(cfg).fit(months[:-3])
    with pytest.warns(UserWarning, match=r"\(its data ends at 1952-01\)"):
        fitted.backtest(months, start=-6, retrain=False, statistical_baselines=False)
    days = pd.date_range("2001-01-01", periods=40, freq="D", unit="s", name="day")
    fc = Forecaster(cfg).fit(pd.Series(AIR.to_numpy()[:37], index=days[:-3]))
    pd.testing.assert_index_equal(fc.predict().index, days[-3:])
    steps = pd.Index(np.arange(0, 80, 2), name="step")
    fc = Forecaster(cfg).fit(pd.Series(AIR.to_numpy()[:40], index=steps))
    pd.testing.assert_index_equal(fc.predict().index, pd.RangeIndex(80, 86, 2, name="step"))


def test_covariates_in_another_time_zone_are_the_same_instants():
    # Covariates stamped in Europe/Berlin beside a series in UTC (the same instants) raised a
    # bare IndexError while looking for the first row that differed; none did.
    cfg = ForecasterConfig(horizon=3, lookback=6, interval=None, **{**TINY, "epochs": 1})
    hours = pd.date_range("2024-03-29", periods=48, freq="h", tz="UTC")
    y = pd.Series(AIR.to_numpy()[:48], index=hours, name="y")
    x = pd.Series(np.arange(48.0) % 5, index=hours, name="x")
    same = Forecaster(cfg).fit(y, x).predict()
    berlin = Forecaster(cfg).fit(y, x.tz_convert("Europe/Berlin")).predict()
    pd.testing.assert_frame_equal(berlin, same)
    with pytest.raises(ValueError) as err:
        Forecaster(cfg).fit(y, x.tz_localize(None))
    assert str(err.value) == (
        "`covariates` must share the series' index, got timestamps without a time zone for "
        "those in UTC (first 2024-03-29 00:00:00 and 2024-03-29 00:00:00+00:00); give both the "
        "same zone, e.g. covariates.index = covariates.index.tz_localize('UTC')."
    )
    # the other way round, both ways out: the series' naive stamps may be local or UTC times
    # (tz_localize(None) alone kept Berlin's clock, an hour off UTC-based stamps)
    with pytest.raises(ValueError) as err:
        Forecaster(cfg).fit(y.tz_localize(None), x.tz_convert("Europe/Berlin"))
    assert str(err.value).endswith(
        "give both the same zone, e.g. covariates.index = covariates.index.tz_localize(None) "
        "(their clock times in Europe/Berlin) or .tz_convert(None) (in UTC), whichever the "
        "series' timestamps are."
    )
    Forecaster(cfg).fit(y.tz_localize(None), x.tz_convert("Europe/Berlin").tz_convert(None))


def test_a_newer_series_with_or_without_a_time_zone_unlike_the_training_data_is_refused():
    # A model fitted on naive stamps took a newer series in Europe/Berlin (and the other way
    # round) silently, in predict, residuals and history alike, its forecast labelled in it.
    cfg = ForecasterConfig(horizon=3, lookback=6, interval=None, **{**TINY, "epochs": 1})
    hours = pd.date_range("2024-03-29", periods=48, freq="h")
    y = pd.Series(AIR.to_numpy()[:48], index=hours, name="y")
    naive, zoned = Forecaster(cfg).fit(y), Forecaster(cfg).fit(y.tz_localize("Europe/Berlin"))
    for call in (
        lambda: naive.predict(series=y.tz_localize("Europe/Berlin")),
        lambda: naive.residuals(y.tz_localize("Europe/Berlin")),
        lambda: naive.history(y.tz_localize("Europe/Berlin")),
    ):
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == (
            "`series` must have timestamps without a time zone like the training data's, got "
            "timestamps in Europe/Berlin (first 2024-03-29 00:00:00+01:00); e.g. series.index = "
            "series.index.tz_localize(None) (their clock times) or .tz_convert(None) (in UTC), "
            "whichever the training data's timestamps were."
        )
    with pytest.raises(ValueError) as err:
        zoned.predict(series=y)
    assert str(err.value) == (
        "`series` must have timestamps in Europe/Berlin like the training data's, got timestamps "
        "without a time zone (first 2024-03-29 00:00:00); e.g. series.index = "
        "series.index.tz_localize('Europe/Berlin')."
    )
    with pytest.raises(ValueError, match=r"^`series` must have timestamps in Europe/Berlin"):
        zoned.backtest(y, start=40, retrain=False)
    # as the messages say: the same kind of stamps as in fit
    assert len(zoned.predict(series=y.tz_localize("Europe/Berlin"))) == 3
    assert len(naive.predict(series=y.tz_localize("Europe/Berlin").tz_localize(None))) == 3


def test_load_refuses_interval_widths_beside_a_config_without_an_interval(
    saved_forecaster, tmp_path
):
    # predict() failed with "float() argument must be a string or a real number, not 'NoneType'"
    path = _tampered(saved_forecaster, tmp_path / "m", "config", interval=None)
    quantiles = json.loads((path / "config.json").read_text())["state"]["quantiles"]
    with pytest.raises(ValueError) as err:
        Forecaster.load(path)
    message = str(err.value).replace(str(path), "M")
    assert message.startswith(
        "'M/config.json' does not describe a usable Forecaster: state.quantiles and "
        "state.errors must be null when config.interval is null (fit keeps them for an "
        f"interval only), got {quantiles!r} and [["
    )


def test_a_saved_thread_count_above_the_cores_here_is_capped(saved_forecaster, tmp_path):
    # 20,000 threads stopped the process at the first forecast: "libgomp: Thread creation
    # failed" (no Python error, no message of lstmkit's)

    path = _tampered(saved_forecaster, tmp_path / "m", "config", num_threads=20_000)
    model = Forecaster.load(path)
    assert model.config.num_threads == os.cpu_count()
    assert model.predict().shape == (2, 3)
    same = _tampered(saved_forecaster, tmp_path / "one", "config", num_threads=1)
    assert Forecaster.load(same).config.num_threads == 1


def _threads_of_a_new_thread() -> int:
    seen = []
    thread = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
    thread.start()
    thread.join()
    return seen[0]


def test_predicts_from_two_threads_at_once_leave_torch_threads_as_they_were(
    saved_forecaster, monkeypatch
):
    # B's thread first used torch while A's predict had set one thread, so B read 1 as its own
    # count and put 1 back after A had restored 3: the process stayed on one thread (the main
    # thread, every new thread, B's pool thread), in 10 runs of 80 predicts on 8 threads out of 10
    model = Forecaster.load(saved_forecaster)
    expected = model.predict(2)
    torch.set_num_threads(3)
    a_inside, b_inside, a_done = threading.Event(), threading.Event(), threading.Event()
    predict_t = Forecaster._predict_t

    def interleaved(self, frame, horizon, ahead=None):
        out = predict_t(self, frame, horizon, ahead)
        if threading.current_thread().name == "A":  # A's call ends while B's is running
            a_inside.set()
            assert b_inside.wait(10)
        else:
            b_inside.set()
            assert a_done.wait(10)
        return out

    monkeypatch.setattr(Forecaster, "_predict_t", interleaved)
    results, after = {}, {}

    def call(name):
        results[name] = model.predict(2)
        if name == "A":
            a_done.set()
        after[name] = torch.get_num_threads()

    a = threading.Thread(target=call, args=("A",), name="A")
    a.start()
    assert a_inside.wait(10)
    b = threading.Thread(target=call, args=("B",), name="B")
    b.start()
    a.join()
    b.join()
    assert after == {"A": 3, "B": 3}
    assert torch.get_num_threads() == 3 and _threads_of_a_new_thread() == 3
    assert results["A"].equals(expected) and results["B"].equals(expected)


def test_num_threads_none_leaves_torch_threads_alone(saved_forecaster, monkeypatch):
    model = Forecaster.load(saved_forecaster)
    model.config = replace(model.config, num_threads=None)
    calls = []
    monkeypatch.setattr(torch, "set_num_threads", calls.append)
    model.predict(2)
    assert calls == []


def test_fits_in_two_threads_at_once_forecast_as_alone_and_keep_the_callers_draws(monkeypatch):
    # torch's one global generator: B seeded it while A drew its initial weights, so A's
    # forecast was not the one A gives alone (6 of 8 threads), and the caller's generator was
    # left at a state one of them had seeded
    from lstmkit import _forecast_members as F  # where the members are built

    cfg = ForecasterConfig(horizon=2, **{**TINY, "ensemble": 1, "epochs": 1})
    alone = {s: Forecaster(cfg, seed=s).fit(AIR[:40]).predict() for s in (0, 1)}
    a_drawing, b_seeded = threading.Event(), threading.Event()
    manual_seed, build_net = torch.manual_seed, F._build_net

    def seed(s):
        if threading.current_thread().name == "B":
            b_seeded.set()
        return manual_seed(s)

    def build(*args, **kwargs):  # A, between seeding and drawing, gives B time to seed
        if threading.current_thread().name == "A" and not a_drawing.is_set():
            a_drawing.set()
            b_seeded.wait(0.3)
        return build_net(*args, **kwargs)

    monkeypatch.setattr(torch, "manual_seed", seed)
    monkeypatch.setattr(F, "_build_net", build)
    torch.manual_seed(5)
    callers = torch.get_rng_state()
    together = {}

    def call(s):
        together[s] = Forecaster(cfg, seed=s).fit(AIR[:40]).predict()

    a = threading.Thread(target=call, args=(0,), name="A")
    a.start()
    assert a_drawing.wait(10)
    b = threading.Thread(target=call, args=(1,), name="B")
    b.start()
    a.join()
    b.join()
    assert together[0].equals(alone[0]) and together[1].equals(alone[1])
    assert torch.equal(torch.get_rng_state(), callers)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_child_forked_while_a_thread_fits_can_fit_too():
    # the child's copy of the generator's lock stays held by a thread the child does not have
    import time

    from lstmkit._device import callers_rng_kept

    holding, done = threading.Event(), threading.Event()

    def fit_in_a_thread():
        with callers_rng_kept("cpu"):
            holding.set()
            done.wait(10)

    thread = threading.Thread(target=fit_in_a_thread)
    thread.start()
    assert holding.wait(10)
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        with callers_rng_kept("cpu"):
            torch.manual_seed(0)
        os._exit(0)
    try:
        deadline = time.monotonic() + 5
        while (ended := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        if ended[0] == 0:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        assert ended[0] == pid and os.waitstatus_to_exitcode(ended[1]) == 0
    finally:
        done.set()
        thread.join()


def _exit_code_of(pid: int, seconds: float = 5.0) -> int | None:
    """The exit code of the child ``pid``, or None when it hung (it is killed then)."""
    import time

    deadline = time.monotonic() + seconds
    while (ended := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    if ended[0] == 0:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        return None
    return os.waitstatus_to_exitcode(ended[1])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
@pytest.mark.parametrize("lock_held", [False, True])
def test_a_child_forked_while_a_thread_predicts_keeps_its_own_torch_threads(lock_held):
    # The child's copy of the count of running calls counted one of the parent's threads, which
    # the child has not: its predicts put back the parent's thread count, not its own (99 of
    # 100 children forked beside 3 threads that predicted); and a copy of the lock, taken when
    # another thread held it, stayed held: the child's first predict hung.
    from lstmkit import _pool

    torch.set_num_threads(2)
    predicting, holding, done = threading.Event(), threading.Event(), threading.Event()

    def predict():
        with _pool._threads(1):
            predicting.set()
            done.wait(10)

    def hold():
        with _pool._threads_lock:
            holding.set()
            done.wait(10)

    threads = [threading.Thread(target=predict)]
    threads[0].start()
    assert predicting.wait(10)
    if lock_held:
        threads.append(threading.Thread(target=hold))
        threads[1].start()
        assert holding.wait(10)
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child)
        torch.set_num_threads(3)
        with _pool._threads(1):
            inside = torch.get_num_threads()
        os._exit(0 if (inside, torch.get_num_threads()) == (1, 3) else 3)
    try:
        assert _exit_code_of(pid) == 0
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert torch.get_num_threads() == 2


def test_a_call_inside_another_in_the_same_thread_leaves_it_on_its_threads():
    # the inner call put back the count from before the outer one, which ran on with it
    from lstmkit.forecast import _threads

    torch.set_num_threads(2)
    with _threads(1):
        with _threads(1):
            pass
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == 2


def test_loading_a_forecaster_draws_nothing_from_torchs_generator(saved_forecaster):
    # the members were built with random initial weights, then given the saved ones: a load
    # changed the caller's next draws (and, in a service, a training's in another thread)
    torch.manual_seed(3)
    expected = torch.rand(4)
    torch.manual_seed(3)
    model = Forecaster.load(saved_forecaster)
    assert torch.equal(torch.rand(4), expected)
    assert model.predict(2).equals(Forecaster.load(saved_forecaster).predict(2))


def test_conformal_rank_is_ceil_of_k_plus_one_times_level_and_at_least_one():
    rank = _conformal_rank
    # 25 * 0.28 is 7.000000000000001 in floats: the rank is 7, not 8
    assert [rank(24, 0.28), rank(49, 0.14)] == [7, 7]
    assert [rank(10, 0.8), rank(10, 0.5), rank(3, 0.8)] == [9, 6, 4]
    assert rank(10, 1e-12) == 1  # the smallest error, never the 0th (the largest)


def test_validation_errors_are_those_of_the_members_mean_forecast(monkeypatch):
    y = pd.Series(np.arange(40.0) % 5 + 1.0)
    cfg = ForecasterConfig(
        horizon=2, val_size=4, ensemble=1, epochs=1, hidden_size=4, refit=False, transform="none"
    )
    fc = Forecaster(cfg).fit(y)

    def members(self, frame, horizon, ahead=None):  # three members: truth, truth, truth + 3
        o = frame.index[-1] + 1
        truth = y.to_numpy()[o : o + horizon]
        truth = np.pad(truth, (0, horizon - len(truth)))
        return np.stack([truth, truth, truth + 3.0])

    monkeypatch.setattr(Forecaster, "_predict_t", members)
    # the mean is off by 1 at every validation point (the median would be exact)
    assert fc._calibrate(y.to_frame(), 4) == [[1.0] * 4, [1.0] * 4]


def test_backtest_coverage_counts_truths_on_the_bounds_and_only_steps_with_an_interval():
    # a zero network with the season anchor forecasts a periodic series exactly; with every
    # validation error 0, the interval is the forecast itself: each truth lies on both bounds
    y = pd.Series(
        np.tile(np.arange(1.0, 13.0) % 5 + 1.0, 6),
        index=pd.date_range("2000-01", periods=72, freq="MS"),
    )
    cfg = ForecasterConfig(
        horizon=2,
        strategy="recursive",
        anchor="season",
        interval=0.9,
        val_size=10,
        ensemble=1,
        epochs=1,
        hidden_size=4,
        transform="none",
        refit=False,
    )
    fc = _zero(Forecaster(cfg).fit(y[:60]))
    fc.state_["quantiles"], fc.state_["errors"] = [0.0, 0.0], [[0.0] * 10, [0.0] * 10]
    bt = fc.backtest(
        y,
        start=60,
        stride=4,
        horizon=4,
        retrain=False,
        statistical_baselines=False,
        levels=(0.5,),
    )
    f = bt.forecasts
    assert f["forecast"].tolist() == f["y_true"].tolist()
    assert f["lower"].notna().tolist() == [True, True, False, False] * 3  # 2 calibrated steps
    assert (f["lower"].dropna() == f["forecast"][f["lower"].notna()]).all()
    assert bt.summary["model"]["coverage"] == 1.0 and bt.summary["model"]["nominal"] == 0.9
    assert bt.calibration.to_dict("list") == {
        "nominal": [0.5, 0.9],
        "coverage": [1.0, 1.0],
        "points": [6, 6],
    }


def test_retraining_backtest_coverage_is_undefined_once_an_origins_model_lacks_the_level():
    # the default val_size follows the series: the models of origins 60 and 68 keep 8 and 7
    # errors per step, enough for 0.875 (ceil(8 * 0.875) = 7), the one of origin 64 only 6
    y = pd.Series(
        np.tile(np.arange(1.0, 13.0) % 5 + 1.0, 6),
        index=pd.date_range("2000-01", periods=72, freq="MS"),
    )
    cfg = ForecasterConfig(
        horizon=2, ensemble=1, epochs=1, hidden_size=4, transform="none", refit=False
    )
    with pytest.warns(UserWarning) as seen:
        bt = Forecaster(cfg).backtest(
            y, start=60, stride=4, statistical_baselines=False, levels=(0.875,)
        )
    assert [str(w.message) for w in seen] == [
        "backtest: the 87.5% level is not scored (coverage NaN, 0 points in .calibration): the "
        "model at origin 64 (2005-05-01) kept 6 validation errors per forecast step, and the "
        "87.5% split-conformal interval needs at least 7; a larger `val_size` in the config "
        "(val_size=7, where the series has room for it) or levels of 0.85 or less score it."
    ]
    assert bt.forecasts["origin"].unique().tolist() == list(y.index[[60, 64, 68]])
    row = bt.calibration[bt.calibration["nominal"] == 0.875]
    # not the coverage of the other two origins alone
    assert np.isnan(row["coverage"].item()) and row["points"].item() == 0

"""A second pass of hand mutation on lstmkit.forecast: exact checks of save/load, predict's
arguments, the intervals and ``covers``, the inverse transforms, ``repr`` and plot_training,
each on a tiny series (weights set by hand where the numbers matter)."""

import json
import math
import os
import shutil
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.forecast import Forecaster, ForecasterConfig, _history_from_json
from lstmkit.train import History

Y = np.array([3.0, 5.0, 4.0, 8.0, 6.0, 9.0, 7.0, 12.0, 10.0, 11.0, 15.0, 13.0])
SMALL = {
    "horizon": 2,
    "lookback": 3,
    "season_length": 1,
    "transform": "none",
    "anchor": "level",
    "calendar": False,
    "ensemble": 1,
    "val_size": 2,
    "interval": None,
    "refit": False,
    "epochs": 1,
    "hidden_size": 2,
}


def _zeroed(fc: Forecaster, biases=None) -> Forecaster:
    """Every weight 0 and member k's head bias ``biases[k]`` (0 by default): each member
    outputs its bias at every step, whatever its inputs."""
    biases = biases or [0.0] * len(fc.members_)
    with torch.no_grad():
        for net, b in zip(fc.members_, biases, strict=True):
            for p in net.parameters():
                p.zero_()
            net.head.bias.fill_(b)
    return fc


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A tiny fitted Forecaster's folder (one member of one layer: 6 tensors), to copy."""
    path = tmp_path_factory.mktemp("second") / "m"
    Forecaster(ForecasterConfig(**SMALL)).fit(Y).save(path)
    return path


def _copy(source, path, edit=None):
    """A copy of the save at ``source``, its config.json changed by ``edit(saved)``."""
    shutil.copytree(source, path)
    if edit is not None:
        file = path / "config.json"
        saved = json.loads(file.read_text())
        edit(saved)
        file.write_text(json.dumps(saved))
    return path


def _load_error(path) -> str:
    with pytest.raises(ValueError) as err:
        Forecaster.load(path)
    return str(err.value)


# ---- save and load ------------------------------------------------------------------------


def test_a_saved_patience_that_is_not_an_integer_is_refused_not_dropped(saved, tmp_path):
    def edit(s):
        s["config"].update(early_stopping=False, patience="7")

    path = _copy(saved, tmp_path / "m", edit)
    assert _load_error(path) == (
        f"{str(path / 'config.json')!r} does not describe a usable Forecaster: its config: "
        "`patience` must be a positive integer or None, got '7' (a number, not text: 7)."
    )


def test_a_saved_thread_count_one_above_the_cores_is_lowered_to_them(saved, tmp_path):
    cores = os.cpu_count() or 1

    def edit(s):
        s["config"]["num_threads"] = cores + 1

    back = Forecaster.load(_copy(saved, tmp_path / "m", edit))
    assert back.config.num_threads == cores


def test_a_config_with_one_member_more_than_the_file_has_tensors_is_named(saved, tmp_path):
    def edit(s):
        s["config"]["ensemble"] = 7  # 7 members of 1 layer; the file holds 6 tensors

    path = _copy(saved, tmp_path / "m", edit)
    assert _load_error(path) == (
        f"{str(path / 'config.json')!r} does not describe a usable Forecaster: its config has "
        f"7 members of 1 layer, but {str(path / 'model.safetensors')!r} holds only 6 "
        "tensors."
    )


def test_loaded_members_are_in_evaluation_mode_so_dropout_draws_nothing(tmp_path):
    cfg = ForecasterConfig(**{**SMALL, "num_layers": 2, "dropout": 0.5})
    fc = Forecaster(cfg).fit(Y)
    fc.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert [m.training for m in back.members_.modules()] == [False] * len(
        list(back.members_.modules())
    )
    assert back.predict().equals(fc.predict())


def test_a_history_without_validation_saves_its_best_loss_as_null_not_infinity(tmp_path):
    cfg = ForecasterConfig(**{**SMALL, "refit": True, "early_stopping": False})
    Forecaster(cfg).fit(Y).save(tmp_path / "m")
    text = (tmp_path / "m" / "config.json").read_text()
    assert "Infinity" not in text  # strict JSON
    saved = json.loads(text)["training"]
    assert [h["best_val_loss"] for h in saved["refits"]] == [None]
    back = Forecaster.load(tmp_path / "m")
    assert back.refit_history_[0].best_val_loss == math.inf


def test_a_saved_history_without_its_entries_reads_as_an_empty_history():
    assert _history_from_json({}) == History(
        train_loss=[],
        val_loss=[],
        lr=[],
        best_epoch=-1,
        best_val_loss=math.inf,
        stopped_early=False,
    )
    assert History() == _history_from_json({})


def test_unknown_config_fields_are_listed_sorted(saved, tmp_path):
    def edit(s):
        s["config"].update(dict.fromkeys(["zeta", "alpha", "mu", "beta", "omega"], 1))

    path = _copy(saved, tmp_path / "m", edit)
    # the folder named, as every other load error names it
    assert _load_error(path) == (
        f"config.json in {str(path)!r} has unknown ForecasterConfig fields: "
        "['alpha', 'beta', 'mu', 'omega', 'zeta']."
    )


def test_a_config_json_without_its_kind_is_no_saved_forecaster(saved, tmp_path):
    path = _copy(saved, tmp_path / "m", lambda s: s.pop("kind"))
    assert _load_error(path) == (
        f"{str(path)!r} holds a model whose config.json names no kind, not a forecaster "
        "(kind 'lstmkit.Forecaster')."
    )


def test_the_forecast_index_continues_the_datas_periods_name_and_unit(tmp_path):
    months = pd.period_range("2020-01", periods=12, freq="M", name="month")
    fc = Forecaster(ForecasterConfig(**SMALL)).fit(pd.Series(Y, index=months))
    fc.save(tmp_path / "p")
    expected = pd.period_range("2021-01", periods=2, freq="M", name="month")
    for model in (fc, Forecaster.load(tmp_path / "p")):
        assert model.predict().index.equals(expected)
        assert model.predict().index.name == "month"
    days = pd.date_range("2020-01-01", periods=12, freq="D", name="day").as_unit("s")
    fc = Forecaster(ForecasterConfig(**SMALL)).fit(pd.Series(Y, index=days))
    fc.save(tmp_path / "d")
    for model in (fc, Forecaster.load(tmp_path / "d")):
        index = model.predict().index
        assert (list(index), index.name, index.unit) == (
            [pd.Timestamp("2020-01-13"), pd.Timestamp("2020-01-14")],
            "day",
            "s",
        )


# ---- predict's horizon ----------------------------------------------------------------------


def test_only_a_direct_network_refuses_a_horizon_past_the_fitted_one():
    direct = Forecaster(ForecasterConfig(**SMALL)).fit(Y)
    with pytest.raises(ValueError) as err:
        direct.predict(3)
    assert str(err.value) == (
        "`horizon` must be <= the fitted horizon (2) for strategy='direct', got 3; refit with "
        "horizon=3 or more (fc.config = dataclasses.replace(fc.config, horizon=3), then fit), "
        "or with strategy='recursive' or 'seq2seq', which forecast any horizon."
    )
    seq2seq = _zeroed(Forecaster(ForecasterConfig(**{**SMALL, "strategy": "seq2seq"})).fit(Y))
    level = Y[-3:].mean()  # every output 0: the anchor, the last window's mean, at every step
    assert np.array_equal(seq2seq.predict(3)["forecast"].to_numpy(), [level] * 3)


def test_an_array_of_future_values_without_a_series_has_one_row_per_step():
    flag = np.array([0.0, 1.0, 1.0] * 5)
    fc = Forecaster(ForecasterConfig(**SMALL)).fit(Y, future_covariates=flag[:12])
    assert fc.predict(future_covariates=flag[12:14]).shape == (2, 3)
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=flag[:3])
    assert str(err.value) == (
        "`future_covariates` as an array must have 2 rows, one per step of the 2 forecast "
        "steps (12 … 13), got shape (3,)."
    )
    with pytest.raises(ValueError) as err:
        fc.predict()
    assert str(err.value) == (
        "`future_covariates` must be given: this model was fitted with the future covariates "
        "['x0'], and a forecast reads their values at the 2 forecast steps (12 … 13)."
    )
    without = Forecaster(ForecasterConfig(**SMALL)).fit(Y)
    with pytest.raises(ValueError) as err:
        without.predict(future_covariates=flag[12:14])
    assert str(err.value) == (
        "`future_covariates` were given, but this model was fitted without future covariates; "
        "fit it with future_covariates=... to use them."
    )


# ---- the intervals and covers ---------------------------------------------------------------


def _window_scale(d: np.ndarray, lookback: int) -> float:
    """scaling="window" without season: the RMS of the windows around their own mean."""
    w = np.lib.stride_tricks.sliding_window_view(d, lookback)
    return float(np.sqrt(np.mean(np.square(w - w.mean(axis=1, keepdims=True)))))


@pytest.fixture
def calibrated():
    """Three members that output 0, 0 and 3 (their mean 1, their median 0), fitted with a 50%
    interval on 4 validation points."""
    cfg = ForecasterConfig(**{**SMALL, "interval": 0.5, "ensemble": 3, "val_size": 4})
    return _zeroed(Forecaster(cfg).fit(Y), [0.0, 0.0, 3.0])


def test_the_validation_errors_are_the_members_means_sorted_absolute_errors(calibrated):
    s = _window_scale(Y[:8], 3)  # the training part: no target reaches the last 4 points
    assert calibrated.state_["scale"] == pytest.approx(s, rel=1e-12)

    def pred(o):  # from origin o: the last window's mean plus the members' mean output
        return Y[o - 3 : o].mean() + s

    # step 1 from origins 8..11, step 2 from 7..10: the targets among the last 4 points
    expected = [
        sorted(abs(Y[o] - pred(o)) for o in range(8, 12)),
        sorted(abs(Y[o + 1] - pred(o)) for o in range(7, 11)),
    ]
    got = calibrated._calibrate(calibrated._prepare(Y, None), 4)
    assert [len(e) for e in got] == [4, 4]
    assert np.allclose(got, expected, rtol=1e-12, atol=0)


def test_seq2seq_with_future_values_scores_only_the_steps_the_data_holds():
    flag = np.array([0.0, 1.0, 1.0] * 4)
    cfg = ForecasterConfig(
        **{**SMALL, "strategy": "seq2seq", "horizon": 3, "interval": 0.5, "val_size": 4}
    )
    fc = _zeroed(Forecaster(cfg).fit(Y, future_covariates=flag))
    # every output 0: each origin's forecast is its last window's mean, at every step; step h
    # from the origins whose target lies in the last 4 points, the data's values of the later
    # steps not needed (the origins 10 and 11 forecast 2 and 1 steps)
    expected = [
        sorted(abs(Y[o + h] - Y[o - 3 : o].mean()) for o in range(8 - h, 12 - h)) for h in range(3)
    ]
    got = fc._calibrate(fc._prepare(Y, None, flag), 4)
    assert np.allclose(got, expected, rtol=1e-12, atol=0)


def test_the_conformal_rank_is_ceil_k_plus_one_times_the_level_at_least_one(calibrated):
    from lstmkit.forecast import _conformal_rank

    assert [_conformal_rank(k, v) for k, v in [(4, 0.8), (9, 0.7), (4, 0.5), (3, 1e-12)]] == [
        4,
        7,
        3,
        1,
    ]
    # r == k is enough (no warning: pytest makes one an error); a tiny level takes the smallest
    assert calibrated._half_widths([[1.0, 2.0, 3.0, 4.0], []], 0.8) == [
        4.0,
        pytest.approx(math.nan, nan_ok=True),
    ]
    assert calibrated._half_widths([[1.0, 2.0, 3.0]], 1e-12) == [1.0]


def test_too_few_errors_warn_with_the_fewest_the_errors_needed_and_their_coverage(calibrated):
    with pytest.warns(UserWarning) as caught:
        widths = calibrated._half_widths([[1.0], [1.0, 2.0]], 0.9)
    assert widths == [1.0, 2.0]
    assert [str(w.message) for w in caught] == [
        "the 90% split-conformal interval needs at least 9 validation errors per forecast "
        "step, and 2 steps have only 1; their half-width is the largest error, which covers "
        "about 50%. A lower `interval` (0.5 or less) fixes this."
    ]


def test_covers_counts_the_errors_of_every_step_that_has_them(calibrated):
    st = calibrated.state_
    assert [calibrated.covers(v) for v in (0.5, 0.8, 0.81)] == [True, True, False]
    st["errors"] = [[1.0, 2.0, 3.0, 4.0], []]  # a step without errors is not counted
    assert calibrated.covers(0.8)
    st["errors"] = [[float(k) for k in range(9)], [1.0]]  # 8 of 9 suffice, 2 of 1 do not
    assert not calibrated.covers(0.8)
    st["errors"] = [[], []]  # at the fitted level too, when the errors say so
    assert not calibrated.covers(0.5)
    # a save without the errors: its own level, where it has widths
    st["errors"] = None
    assert (calibrated.covers(0.5), calibrated.covers(0.6)) == (True, False)
    st["quantiles"] = None
    assert not calibrated.covers(0.5)


def test_a_model_without_an_interval_covers_no_level():
    fc = Forecaster(ForecasterConfig(**SMALL)).fit(Y)
    assert (fc.covers(0.1), fc.covers(0.5)) == (False, False)


def test_log_forecasts_and_their_bounds_are_exponentials_of_the_t_space_ones():
    fc = Forecaster(ForecasterConfig(**{**SMALL, "transform": "log"})).fit(Y)
    assert fc.state_["log"] is True
    members = np.log([[2.0, 4.0], [2.0, 4.0]])
    columns = fc._columns(members, [math.log(2.0)])  # a width for the first step only
    assert np.allclose(columns["forecast"], [2.0, 4.0], rtol=1e-12, atol=0)
    assert np.allclose(columns["lower"], [1.0, np.nan], rtol=1e-12, atol=0, equal_nan=True)
    assert np.allclose(columns["upper"], [4.0, np.nan], rtol=1e-12, atol=0, equal_nan=True)


# ---- repr and plot_training -----------------------------------------------------------------


def test_repr_compares_the_config_by_value_and_names_future_covariates_without_prefix():
    assert repr(Forecaster(ForecasterConfig(lr=float("0.01")))) == (
        "Forecaster(ForecasterConfig(); not fitted)"
    )
    y = pd.Series(Y, name="sales")
    promo = pd.Series([0.0, 1.0, 1.0] * 4, name="promo")
    fc = Forecaster(ForecasterConfig(**SMALL)).fit(y, future_covariates=promo)
    assert repr(fc).endswith(
        "; fitted on 12 points of sales (future covariates promo) up to 11, look-back 3, season 1)"
    )
    fc.members_ = None  # a state without networks: not a fitted model
    assert repr(fc).endswith("refit=False); not fitted)")


def test_plot_training_labels_members_from_one_and_sizes_one_panel_each(tmp_path):
    cfg = ForecasterConfig(**{**SMALL, "ensemble": 2, "refit": True, "early_stopping": False})
    fc = Forecaster(cfg).fit(Y)
    fig = fc.plot_training()
    assert fig._suptitle is None
    assert list(fig.get_size_inches()) == [12.0, 4.0]
    assert fig.axes[0].get_legend_handles_labels()[1][:2] == ["member 1", "member 2"]
    # early_stopping is for the next fit: the titles describe the fit that was made
    fc.config = replace(fc.config, early_stopping=True)
    titles = [ax.get_title() for ax in fc.plot_training(title="run 7").axes]
    assert titles == [
        "training for every epoch (the last weights kept)",
        "refit on every window, for as many epochs",
    ]
    single = Forecaster(ForecasterConfig(**SMALL)).fit(Y).plot_training(title="run 7")
    assert list(single.get_size_inches()) == [6.0, 4.0]
    assert single._suptitle.get_text() == "run 7"


def test_plot_training_refuses_a_bad_path_before_missing_histories(tmp_path):
    fc = Forecaster(ForecasterConfig(**SMALL)).fit(Y)
    fc.history_ = []  # as loaded from a save made before the histories were kept
    path = tmp_path / "figure.unknown"
    with pytest.raises(ValueError) as err:
        fc.plot_training(path)
    assert str(err.value).startswith("`path` must end in a suffix matplotlib can save to (")
    assert str(err.value).endswith(f"got {str(path)!r}.")
    with pytest.raises(ValueError) as err:
        fc.plot_training()
    assert str(err.value) == (
        "this Forecaster has no training histories: it was loaded from a save made before they "
        "were kept. Fit it again to plot its training."
    )

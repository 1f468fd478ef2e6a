"""Exact checks of the forecasting workflow on tiny series with weights set by hand: each number
is computed here from the module docstring's pipeline (differencing, scaling, anchor, members'
mean), not taken from a run."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit._forecast_members import _build_net, _member_loss, _MemberData, _new_member
from lstmkit.forecast import Forecaster, ForecasterConfig, ForecastNet

# a short series without season: windows of 3, 2 validation windows
Y = np.array([3.0, 5.0, 4.0, 8.0, 6.0, 9.0, 7.0, 12.0, 10.0, 11.0, 15.0, 13.0])
BIASES = [0.0, 0.0, 3.0]  # the members' outputs: their mean is 1, their median 0
SMALL = {
    "horizon": 2,
    "lookback": 3,
    "season_length": 1,
    "transform": "none",
    "anchor": "level",
    "calendar": False,
    "ensemble": 3,
    "val_size": 2,
    "interval": None,
    "refit": False,
    "epochs": 1,
    "hidden_size": 2,
}


def _biased(fc: Forecaster, biases=BIASES) -> Forecaster:
    """Member k outputs ``biases[k]`` at every step, whatever its inputs."""
    with torch.no_grad():
        for net, b in zip(fc.members_, biases, strict=True):
            for p in net.parameters():
                p.zero_()
            net.head.bias.fill_(b)
    return fc


def _window_scale(d: np.ndarray, lookback: int) -> float:
    """scaling="window" without season: the RMS of the windows around their own mean."""
    w = np.lib.stride_tricks.sliding_window_view(d, lookback)
    return float(np.sqrt(np.mean(np.square(w - w.mean(axis=1, keepdims=True)))))


@pytest.mark.parametrize("strategy", ["direct", "seq2seq"])
def test_the_forecast_is_the_level_plus_the_members_mean_output_times_the_scale(strategy):
    fc = _biased(Forecaster(ForecasterConfig(strategy=strategy, **SMALL)).fit(Y))
    scale = _window_scale(Y[:10], 3)  # the training part: the last 2 points only validate
    assert fc.state_["scale"] == pytest.approx(scale, rel=1e-12)
    expected = Y[-3:].mean() + np.mean(BIASES) * scale  # level: the whole window's mean (m=1)
    assert np.allclose(fc.predict()["forecast"], [expected, expected], rtol=1e-6, atol=0)


def _recursive_members(d: np.ndarray, scale: float, steps: int) -> np.ndarray:
    """Each member's recursive forecast in d-space: level of the last 3 plus its output."""
    out = []
    for b in BIASES:
        dd = list(d)
        for _ in range(steps):
            dd.append(np.mean(dd[-3:]) + b * scale)
        out.append(dd[len(d) :])
    return np.array(out)


def test_recursive_with_differences_feeds_each_step_back_and_integrates_the_mean():
    cfg = ForecasterConfig(strategy="recursive", difference=1, **{**SMALL, "horizon": 3})
    fc = _biased(Forecaster(cfg).fit(Y))
    d = np.diff(Y)
    scale = _window_scale(d[: len(Y) - 2 - 1], 3)  # no training target reaches the last 2 points
    assert fc.state_["scale"] == pytest.approx(scale, rel=1e-12)
    members = Y[-1] + np.cumsum(_recursive_members(d, scale, 3), axis=1)
    assert np.allclose(fc.predict()["forecast"], members.mean(axis=0), rtol=1e-6, atol=0)
    # the forecasts from an origin inside a longer series, as a backtest without retraining
    # makes them, are the same members' before their mean
    longer = fc._prepare(np.concatenate([Y, [1.0, 2.0, 3.0]]), None)
    (made,) = fc._origin_forecasts_t(longer, [len(Y)], 3)
    assert np.allclose(made, members, rtol=1e-6, atol=0)


@pytest.mark.parametrize(
    ("scaling", "loc", "scale"),
    [("standard", np.mean, np.std), ("minmax", np.min, np.ptp)],
)
def test_global_scalers_are_fitted_on_the_differenced_training_part_only(scaling, loc, scale):
    cfg = ForecasterConfig(scaling=scaling, difference=2, **SMALL)
    fc = Forecaster(cfg).fit(Y)
    part = (Y[2:] - Y[:-2])[: len(Y) - 2 - 2]
    assert fc.state_["loc"] == pytest.approx(loc(part), rel=1e-12)
    assert fc.state_["scale"] == pytest.approx(scale(part), rel=1e-12)
    window = (Y[2:] - Y[:-2])[-3:]
    x, level = fc._features(window, np.zeros((3, 0)), np.zeros((3, 0)))
    assert level == 0.0
    assert np.allclose(x[:, 0], (window - loc(part)) / scale(part), rtol=1e-12)


def test_the_interval_widths_are_those_of_the_configured_coverage():
    cfg = ForecasterConfig(**{**SMALL, "interval": 0.5, "ensemble": 1, "val_size": 4})
    fc = Forecaster(cfg).fit(Y)
    errors = fc.state_["errors"]
    assert [len(e) for e in errors] == [4, 4]
    # split conformal: the ceil(5 * 0.5) = 3rd smallest of the 4 sorted errors (0.8: the 4th)
    assert fc.state_["quantiles"] == [e[2] for e in errors]


def test_lower_and_upper_are_the_mean_minus_and_plus_the_width_per_step():
    fc = _biased(Forecaster(ForecasterConfig(**SMALL)).fit(Y))
    columns = fc._columns(np.array([[1.0, 2.0], [1.0, 2.0], [4.0, 8.0]]), [0.5])
    assert np.array_equal(columns["forecast"], [2.0, 4.0])
    assert np.array_equal(columns["lower"], [1.5, np.nan], equal_nan=True)
    assert np.array_equal(columns["upper"], [2.5, np.nan], equal_nan=True)


def test_a_lookback_of_exactly_one_season_anchors_at_the_last_season():
    y = np.array([2.0, 4.0, 3.0, 5.0, 7.0, 6.0, 8.0, 10.0, 9.0, 11.0, 13.0, 12.0, 14.0, 16.0])
    cfg = ForecasterConfig(**{**SMALL, "season_length": 3, "anchor": "season", "horizon": 4})
    fc = _biased(Forecaster(cfg).fit(y), [0.0, 0.0, 0.0])
    assert fc.state_["lookback"] == 3
    assert np.allclose(fc.predict()["forecast"], [12.0, 14.0, 16.0, 12.0], rtol=1e-12)


def test_the_validation_windows_default_to_a_season_within_4_and_a_quarter():
    fc = Forecaster(ForecasterConfig())
    assert [fc._val_windows(n, 1) for n in (2, 8, 100)] == [1, 2, 4]
    assert [fc._val_windows(n, 12) for n in (40, 100)] == [10, 12]


def test_the_shortest_series_that_fits_is_lookback_horizon_differencing_and_validation():
    fc = Forecaster(ForecasterConfig(**{**SMALL, "difference": 2}))
    assert fc.length_problem(9, 1) is None  # one training window beside the 2 validating
    assert fc.length_problem(8, 1) == (
        "the series is too short: lookback (3) + horizon (2) + differencing (2) + validation "
        "windows (2) need at least 9 points, got 8."
    )


def test_a_recursive_models_magnitude_check_counts_its_one_step_horizon():
    y = np.full(40, 4e306)  # above the bound of 13 points, 1.797e308 / 52
    cfg = ForecasterConfig(**{**SMALL, "strategy": "recursive", "horizon": 5, "lookback": 12})
    with pytest.raises(ValueError, match=r"lookback \(12\) \+ horizon \(1\) points"):
        Forecaster(cfg).fit(y)


def test_past_and_future_covariates_are_each_scaled_on_the_training_part():
    n = len(Y)
    past = np.arange(n, dtype=float) ** 2
    flag = np.array([0.0, 1.0] * (n // 2 + 1))
    cfg = ForecasterConfig(**{**SMALL, "ensemble": 1})
    fc = Forecaster(cfg).fit(Y, covariates=past, future_covariates=flag[:n])
    part = slice(0, n - 2)
    assert fc.state_["cov_mean"] == pytest.approx([past[part].mean(), flag[part].mean()])
    assert fc.state_["cov_std"] == pytest.approx([past[part].std(), flag[part].std()])
    scaled = fc._scaled_future(np.array([[0.0], [1.0]]))
    expected = (np.array([[0.0], [1.0]]) - flag[part].mean()) / flag[part].std()
    assert np.allclose(scaled, expected, rtol=1e-12)


@pytest.mark.parametrize(
    ("calendar", "names"),
    [
        (True, ["season sin", "season cos", "weekday sin", "weekday cos"]),
        ("season", ["season sin", "season cos"]),
        (False, []),
    ],
)
def test_the_calendar_option_chooses_the_recorded_columns(calendar, names):
    index = pd.date_range("2024-01-01", periods=24 * 4, freq="h")
    y = pd.Series(1.0 + np.arange(len(index)) % 24, index=index)
    cfg = ForecasterConfig(**{**SMALL, "season_length": None, "calendar": calendar})
    fc = Forecaster(replace(cfg, ensemble=1, lookback=24)).fit(y)
    assert fc.state_["calendar"] == names
    assert fc.members_[0].encoder.input_size == 1 + len(names)


# ---- the network --------------------------------------------------------------------------


def test_a_direct_networks_future_weights_act_on_their_own_steps_from_the_first():
    net = ForecastNet("lstm", 1, 2, 3, future_size=2)
    with torch.no_grad():
        for p in net.parameters():
            p.zero_()
        net.future_weight.copy_(torch.tensor([[1.0, 10.0], [100.0, 1000.0], [5.0, 5.0]]))
    future = torch.tensor([[[1.0, 2.0], [3.0, 4.0]]])  # two of three steps
    out = net(torch.zeros(1, 4, 1), future)
    assert out.tolist() == [[21.0, 4300.0, 0.0]]


def test_a_stacked_encoder_reads_the_last_layers_state():
    torch.manual_seed(0)
    net = ForecastNet("gru", 1, 3, 1, num_layers=2)
    x = torch.randn(1, 5, 1)
    _, h_n = net.encoder(x)
    assert torch.equal(net(x), net.head(h_n[-1]))


def test_dropout_with_one_layer_is_not_given_to_the_encoder():
    assert ForecastNet("lstm", 1, 2, 1, num_layers=1, dropout=0.5).encoder.dropout == 0.0
    assert ForecastNet("lstm", 1, 2, 1, num_layers=2, dropout=0.5).encoder.dropout == 0.5


def test_the_loss_is_the_mean_squared_error_over_the_finite_targets_only():
    def model(x):
        return x

    pred = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    target = torch.tensor([[0.0, float("nan")], [1.0, 4.0]])
    assert _member_loss(model, (pred, target)).item() == pytest.approx((1 + 4 + 0) / 3)
    nothing = torch.full((2, 2), float("nan"))
    assert _member_loss(model, (pred, nothing)).item() == 0.0


def test_a_member_draws_its_weights_from_its_own_seed():
    cfg = ForecasterConfig(horizon=2, hidden_size=2)
    windows = (torch.zeros(4, 3, 1), torch.zeros(4, 2))
    data = _MemberData(train=windows, val=windows, everything=windows)
    torch.manual_seed(7)
    expected = _build_net(cfg, 1, 0).state_dict()
    got = _new_member(cfg, 7, data).state_dict()
    assert all(torch.equal(got[k], expected[k]) for k in expected)


def test_member_k_trains_from_seed_plus_k_and_a_recursive_head_has_one_output():
    cfg = ForecasterConfig(**{**SMALL, "strategy": "recursive", "ensemble": 2, "seed": 3})
    pair = Forecaster(cfg).fit(Y)
    alone = Forecaster(replace(cfg, ensemble=1, seed=4)).fit(Y)
    second, single = pair.members_[1].state_dict(), alone.members_[0].state_dict()
    assert all(torch.equal(second[k], single[k]) for k in single)
    assert pair.members_[0].head.out_features == 1


def test_dropout_draws_from_each_members_seed_not_from_the_callers_generator():
    cfg = ForecasterConfig(**{**SMALL, "num_layers": 2, "dropout": 0.5, "epochs": 2})
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    first = Forecaster(cfg).fit(Y).predict()["forecast"].to_numpy()
    assert torch.equal(torch.rand(3), expected)  # the caller's draws go on as they were
    torch.manual_seed(5)
    again = Forecaster(cfg).fit(Y).predict()["forecast"].to_numpy()
    assert np.array_equal(first, again)


# ---- save and load ------------------------------------------------------------------------


def test_save_and_load_give_back_the_config_the_weights_and_both_histories(tmp_path):
    cfg = ForecasterConfig(
        **{**SMALL, "anchor": "season", "early_stopping": False, "refit": True, "epochs": 2}
    )
    fc = Forecaster(cfg).fit(Y)
    fc.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert back.config == fc.config
    assert back.predict().equals(fc.predict())
    for loaded, fitted in ((back.history_, fc.history_), (back.refit_history_, fc.refit_history_)):
        assert [h.train_loss for h in loaded] == [h.train_loss for h in fitted]
        assert [h.val_loss for h in loaded] == [h.val_loss for h in fitted]
    assert [len(h.val_loss) for h in back.refit_history_] == [0, 0, 0]  # no validation
    # the loaded model knows its config too: a change of what it was fitted with is refused
    back.config = replace(back.config, anchor="level")
    with pytest.raises(ValueError, match=r"^`config` was changed after fit \(anchor='level'\)"):
        back.predict()


def test_a_save_without_its_calendar_record_and_calendar_off_loads_without_one(
    tmp_path, edit_saved
):
    fc = Forecaster(ForecasterConfig(**SMALL)).fit(Y)
    fc.save(tmp_path / "m")
    with edit_saved(tmp_path / "m") as saved:
        del saved["state"]["calendar"]  # as saved before the calendar columns were recorded
    back = Forecaster.load(tmp_path / "m")
    assert back.state_["calendar"] == []
    assert back.predict().equals(fc.predict())


def test_a_recursive_forecast_with_differences_reads_the_calendar_of_its_own_steps():
    y = 10.0 + np.arange(20) % 4 + 0.25 * np.arange(20)
    cfg = ForecasterConfig(
        **{**SMALL, "strategy": "recursive", "difference": 1, "season_length": 4, "lookback": 4}
    )
    fc = Forecaster(replace(cfg, calendar=True, horizon=3)).fit(y)  # untrained weights read it
    assert fc.state_["calendar"] == ["season sin", "season cos"]
    longer = fc._prepare(np.concatenate([y, [0.0, 0.0, 0.0]]), None)
    (members,) = fc._origin_forecasts_t(longer, [len(y)], 3)
    assert np.array_equal(fc.predict()["forecast"].to_numpy(), members.mean(axis=0))


def test_seq2seq_decoder_inputs_are_a_constant_one_the_steps_calendar_and_future_values():
    y = 10.0 + np.arange(16) % 4 + 0.25 * np.arange(16)
    flag = np.array([0.0, 0.0, 1.0] * 7)[:19]
    cfg = ForecasterConfig(**{**SMALL, "strategy": "seq2seq", "season_length": 4, "lookback": 4})
    fc = Forecaster(replace(cfg, calendar="season", ensemble=1)).fit(y, future_covariates=flag[:16])
    got = fc.decoder_inputs(horizon=3, future_covariates=flag[16:])
    assert list(got.columns) == ["constant", "season sin", "season cos", "fut:x0"]
    assert list(got.index) == [16, 17, 18]
    angle = 2 * np.pi * np.arange(16, 19) / 4
    part = flag[:14]  # the training part: no target reaches the last 2 points
    expected = np.column_stack(
        [np.ones(3), np.sin(angle), np.cos(angle), (flag[16:] - part.mean()) / part.std()]
    )
    assert np.allclose(got.to_numpy(), expected, rtol=0, atol=1e-12)


def test_half_hourly_data_reads_the_local_time_of_day_as_its_season():
    index = pd.date_range("2024-01-01", periods=48 * 3, freq="30min", tz="Asia/Kolkata")
    y = pd.Series(5.0 + np.arange(len(index)) % 48, index=index)
    cfg = ForecasterConfig(**{**SMALL, "season_length": None, "lookback": 48, "ensemble": 1})
    fc = Forecaster(replace(cfg, calendar="season")).fit(y)
    assert (fc.state_["m"], fc.state_["time_of_day"]) == (48, "local")
    x = fc.encoder_inputs()
    angle = 2 * np.pi * (x.index.hour * 2 + x.index.minute // 30) / 48  # UTC is 11 steps off
    assert np.allclose(x["season sin"], np.sin(angle), rtol=0, atol=1e-12)
    assert np.allclose(x["season cos"], np.cos(angle), rtol=0, atol=1e-12)


def test_a_horizon_of_zero_is_refused_not_read_as_the_default():
    fc = Forecaster(ForecasterConfig(**{**SMALL, "ensemble": 1})).fit(Y)
    with pytest.raises(ValueError) as err:
        fc.predict(0)
    assert str(err.value) == "`horizon` must be a positive integer, got 0."


def test_an_array_of_future_values_with_a_series_needs_exactly_its_rows_and_the_steps():
    flag = np.array([0.0, 1.0, 1.0] * 5)
    fc = Forecaster(ForecasterConfig(**{**SMALL, "ensemble": 1})).fit(
        Y, future_covariates=flag[:12]
    )
    assert fc.predict(series=Y, future_covariates=flag[:14]).shape == (2, 3)
    for rows in (13, 15):
        with pytest.raises(ValueError) as err:
            fc.predict(series=Y, future_covariates=flag[:rows])
        assert str(err.value) == (
            "`future_covariates` as an array with `series` must have 14 rows, the series' 12 "
            f"points then the 2 forecast steps, got shape ({rows},)."
        )

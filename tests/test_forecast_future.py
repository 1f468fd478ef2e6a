"""Future covariates (known in advance) of the Forecaster: fit, predict, backtest, residuals,
save/load and their errors."""

import warnings

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.forecast import Forecaster
from lstmkit.metrics import rmse

N, H = 100, 7
RNG = np.random.default_rng(0)
INDEX = pd.date_range("2021-01-01", periods=N + H, freq="D")
# a promotion on about 30 % of the days, known in advance, that adds 8 to the series
FLAG = pd.Series((RNG.random(N + H) < 0.3).astype(float), index=INDEX, name="promo")
FULL = pd.Series(20 + 8 * FLAG.to_numpy(), index=INDEX, name="y")
Y = FULL[:N]
QUICK = {
    "horizon": H,
    "ensemble": 1,
    "epochs": 20,
    "seed": 0,
    "interval": None,
    "transform": "none",
    "early_stopping": False,
    "refit": False,
    "lookback": 4,
    "season_length": 1,
    "calendar": False,
    "anchor": "level",
    "hidden_size": 8,
    "lr": 0.03,
}


@pytest.fixture(scope="module", params=["direct", "seq2seq"])
def fitted(request: pytest.FixtureRequest) -> Forecaster:
    return Forecaster(strategy=request.param, **QUICK).fit(Y, future_covariates=FLAG)


def test_a_known_flag_that_sets_the_series_is_forecast_far_better_with_it(fitted):
    # y = 20 + 8 * flag: with the flag's future values the forecast is about exact, without it
    # a forecast cannot know which of the next days have a promotion
    truth = FULL[N:]
    with_flag = rmse(truth, fitted.predict(H, future_covariates=FLAG)["forecast"])
    without = Forecaster(strategy=fitted.config.strategy, **QUICK).fit(Y).predict(H)
    assert with_flag < 0.3
    assert rmse(truth, without["forecast"]) > 3.5


def test_the_future_covariates_are_scaled_on_the_training_part_and_read_at_their_steps(fitted):
    st = fitted.state_
    assert st["columns"] == ["y", "fut:promo"]
    n_train = N - st["val_size"]  # the scaler's part: no validation-only point
    assert st["cov_mean"] == [float(np.mean(FLAG.to_numpy()[:n_train]))]
    assert st["cov_std"] == pytest.approx([float(np.std(FLAG.to_numpy()[:n_train]))])
    scaled = (FLAG - st["cov_mean"][0]) / st["cov_std"][0]
    window = fitted.encoder_inputs()  # the past values, as the encoder reads covariates
    assert list(window.columns) == ["y", "fut:promo"]
    np.testing.assert_array_equal(window["fut:promo"], scaled[N - 4 : N])
    if fitted.config.strategy == "seq2seq":
        dec = fitted.decoder_inputs(future_covariates=FLAG)
        assert list(dec.columns) == ["constant", "fut:promo"]
        assert dec.index.equals(INDEX[N:])
        np.testing.assert_array_equal(dec["fut:promo"], scaled[N:])


def test_a_direct_step_reads_its_own_future_value_through_one_weight():
    fc = Forecaster(strategy="direct", **{**QUICK, "epochs": 1}).fit(Y, future_covariates=FLAG)
    with torch.no_grad():
        for p in fc.members_.parameters():
            p.zero_()
        fc.members_[0].future_weight[:, 0] = torch.arange(1.0, H + 1)  # step h: weight h + 1
    other = FLAG.copy()
    other.iloc[N:] = 0.0
    change = (
        fc.predict(future_covariates=FLAG)["forecast"]
        - fc.predict(future_covariates=other)["forecast"]
    ).to_numpy()
    flags = FLAG.to_numpy()[N:]
    expected = flags * np.arange(1, H + 1) / fc.state_["cov_std"][0] * fc.state_["scale"]
    np.testing.assert_allclose(change, expected, rtol=1e-6)
    assert (change[flags == 0] == 0).all()


def test_a_shorter_forecast_needs_only_its_steps_and_repeats_the_longer_one(fitted):
    full = fitted.predict(H, future_covariates=FLAG)
    short = fitted.predict(3, future_covariates=FLAG[: N + 3])
    pd.testing.assert_frame_equal(short, full.iloc[:3])
    as_array = fitted.predict(3, future_covariates=FLAG.to_numpy()[N : N + 3])
    pd.testing.assert_frame_equal(as_array, short)


def test_a_forecast_from_a_newer_history_reads_its_values_and_the_steps_after_it(fitted):
    newer, steps = FULL[:95], FLAG[:102]
    pred = fitted.predict(H, series=newer, future_covariates=steps)
    assert pred.index.equals(INDEX[95:102])
    same = fitted.predict(H, series=newer, future_covariates=steps.to_numpy())
    pd.testing.assert_frame_equal(same, pred)
    assert rmse(FULL[95:102], pred["forecast"]) < 0.5


def test_save_and_load_forecast_the_same_digits(fitted, tmp_path):
    fitted.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert back.state_["columns"] == ["y", "fut:promo"]
    assert back.state_["cov_mean"] == fitted.state_["cov_mean"]
    pd.testing.assert_frame_equal(
        back.predict(H, future_covariates=FLAG), fitted.predict(H, future_covariates=FLAG)
    )


def test_backtest_and_residuals_read_the_values_of_each_origins_steps(fitted):
    cfg = fitted.config
    bt = fitted.backtest(
        FULL, future_covariates=FLAG, start=N, retrain=False, statistical_baselines=False
    )
    alone = fitted.predict(H, series=FULL[:N], future_covariates=FLAG)
    np.testing.assert_array_equal(bt.forecasts["forecast"], alone["forecast"])
    res = fitted.residuals(FULL[:N], future_covariates=FLAG)
    one = fitted.predict(1, series=FULL[:80], future_covariates=FLAG)["forecast"].iloc[0]
    assert res[INDEX[80]] == FULL.iloc[80] - one
    retrained = Forecaster(cfg).backtest(
        FULL, future_covariates=FLAG, start=-H, statistical_baselines=False
    )
    assert retrained.summary["model"]["rmse"] < 0.3
    assert retrained.summary["seasonal_naive"]["rmse"] > 3.5


def test_bad_future_covariates_are_refused_naming_what_is_wrong(fitted):
    def message(call, **kwargs) -> str:
        with pytest.raises(ValueError) as err:
            call(**kwargs)
        return str(err.value)

    predict = fitted.predict
    assert message(predict, horizon=H, future_covariates=FLAG[: N + 3]) == (
        "`future_covariates` must cover the 7 forecast steps, 7 steps from 2021-04-11 to "
        "2021-04-17, got values from 2021-01-01 to 2021-04-13: 4 of those steps are missing, "
        "the first 2021-04-14."
    )
    holes = FLAG.copy()
    holes.iloc[[N + 2, N + 5]] = np.nan
    assert message(predict, horizon=H, future_covariates=holes) == (
        "`future_covariates` must hold a value at every step of the 7 forecast steps, got NaN "
        "in column 'promo' at 2021-04-13 and 1 more; fill them (lstmkit.data.to_frame(..., "
        "fill='ffill')) or give the values."
    )
    assert predict(2, future_covariates=holes).shape == (2, 3)  # NaN after the steps: unread
    # a plan that ends early: to_frame(fill='ffill'), which it advised, refuses to fill there
    short = FLAG.where(np.arange(N + H) < N + 4)
    assert message(predict, horizon=H, future_covariates=short) == (
        "`future_covariates` must hold a value at every step of the 7 forecast steps, got NaN "
        "in column 'promo' at 2021-04-15 and 2 more, where its values end: no fill makes up "
        "values known in advance, so give them, or forecast fewer steps (a smaller `horizon`)."
    )
    from lstmkit.explain.forecast import explain_forecast

    method = "occlusion"  # (LRP refuses a direct model with future covariates)
    assert message(
        explain_forecast, forecaster=fitted, step=4, method=method, future_covariates=short
    ) == (
        "`future_covariates` must hold a value at every step of the 5 forecast steps, got NaN "
        "in column 'promo' at 2021-04-15, where its values end: no fill makes up values known "
        "in advance, so give them, or explain an earlier `step`."
    )
    # a plan that ends before the first step: fewer steps and an earlier step read it too
    ended = FLAG.where(np.arange(N + H) < N)
    ends = (
        "`future_covariates` must hold a value at every step of the {} forecast steps, got NaN "
        "in column 'promo' at 2021-04-11 and {} more, where its values end: no fill makes up "
        "values known in advance, so give them."
    )
    assert message(predict, horizon=H, future_covariates=ended) == ends.format(7, 6)
    assert message(
        explain_forecast, forecaster=fitted, step=4, method=method, future_covariates=ended
    ) == ends.format(5, 4)
    assert message(predict, horizon=H, future_covariates=FLAG.rename("price")) == (
        "`future_covariates` must have the columns the model was fitted with, ['promo'] (in "
        "that order), got ['price']; if it is 'promo' under another name, pass "
        "future_covariates.rename('promo')."
    )
    assert message(predict, horizon=H) == (
        "`future_covariates` must be given: this model was fitted with the future covariates "
        "['promo'], and a forecast reads their values at the 7 forecast steps (2021-04-11 … "
        "2021-04-17)."
    )
    assert message(predict, horizon=H, future_covariates=np.zeros(5)) == (
        "`future_covariates` as an array must have 7 rows, one per step of the 7 forecast "
        "steps (2021-04-11 … 2021-04-17), got shape (5,)."
    )
    assert message(predict, horizon=H, series=Y, future_covariates=np.zeros(N)) == (
        "`future_covariates` as an array with `series` must have 107 rows, the series' 100 "
        "points then the 7 forecast steps, got shape (100,)."
    )
    assert message(fitted.history, future_covariates=FLAG) == (
        "`future_covariates` go with `series` in history(): their values over that newer "
        "history. Those of the forecast steps go to predict(h, future_covariates=...)."
    )
    assert message(fitted.backtest, series=FULL, retrain=False) == (
        "`future_covariates` must be given: this model was fitted with the future covariates "
        "['promo'], and its forecasts read their values at each origin's steps."
    )
    with pytest.raises(TypeError, match=r"^`future_covariates` must be a pandas Series/Data"):
        predict(H, future_covariates=[1.0] * H)


def test_future_covariates_are_refused_where_a_model_cannot_read_them():
    plain = Forecaster(**{**QUICK, "epochs": 1}).fit(Y)
    with pytest.raises(ValueError) as err:
        plain.predict(H, future_covariates=FLAG)
    assert str(err.value) == (
        "`future_covariates` were given, but this model was fitted without future covariates; "
        "fit it with future_covariates=... to use them."
    )
    with pytest.raises(ValueError) as err:
        Forecaster(**{**QUICK, "strategy": "recursive"}).fit(Y, future_covariates=FLAG)
    assert str(err.value) == (
        "`future_covariates` need strategy='direct' or 'seq2seq', got 'recursive' (its one-step "
        "network reads no forecast step's inputs)."
    )
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK).fit(Y, future_covariates=FLAG.to_numpy())
    assert str(err.value) == (
        "`future_covariates` as an array must have 100 rows, one per step of the series' 100 "
        "points (2021-01-01 … 2021-04-10), got shape (107,)."
    )
    with pytest.raises(ValueError) as err:
        Forecaster(**QUICK).fit(Y, future_covariates=FLAG[10:])
    assert str(err.value) == (
        "`future_covariates` must cover the series' 100 points, 100 steps from 2021-01-01 to "
        "2021-04-10, got values from 2021-01-11 to 2021-04-17: 10 of those steps are missing, "
        "the first 2021-01-01."
    )


def test_explanations_give_the_future_covariates_relevance_under_their_names(fitted):
    from lstmkit.explain.forecast import explain_forecast

    if fitted.config.strategy == "direct":
        with pytest.raises(ValueError) as err:
            explain_forecast(fitted, step=2, future_covariates=FLAG)
        assert str(err.value) == (
            "`method='lrp'` does not explain a direct Forecaster with future covariates "
            "(promo): their effect is added beside its head, outside the network LRP walks. "
            "Use another `method` (they are then held fixed), or strategy='seq2seq', whose LRP "
            "gives their relevance per forecast step."
        )
        ex = explain_forecast(
            fitted, step=2, method="gradxinput", future_covariates=FLAG.to_numpy()[N:]
        )
        assert ex.features == ["y", "promo"] and ex.future is None
        # the window's explanation, the steps' covariates held at their values
        assert ex.score == pytest.approx(
            (fitted.predict(3, future_covariates=FLAG)["forecast"].iloc[2] - Y[-4:].mean())
            / fitted.state_["scale"],
            rel=1e-5,
        )
        return
    ex = explain_forecast(fitted, step=1, future_covariates=FLAG, bias_factor=1.0)
    assert ex.future_features == ["constant", "promo"]
    assert ex.future.shape == (2, 2) and ex.future_index == ["2021-04-11", "2021-04-12"]
    total = ex.per_lag.sum() + ex.future.sum() + ex.initial_state
    assert total == pytest.approx(ex.score, abs=1e-9)
    # the promotion of the explained step (2021-04-12) decides it: most of its relevance
    assert FLAG.iloc[N + 1] == 1.0 and ex.future[1, 1] > 0.7 * ex.score > 1.0


def test_an_explanation_from_a_newer_history_prepares_it_once(fitted, monkeypatch):
    from lstmkit.explain.forecast import explain_forecast

    prepared = []
    prepare = Forecaster._prepare

    def counted(self, *args, **kwargs):
        prepared.append(1)
        return prepare(self, *args, **kwargs)

    monkeypatch.setattr(Forecaster, "_prepare", counted)
    method = "gradxinput" if fitted.config.strategy == "direct" else "lrp"
    series = Y[:90]
    ex = explain_forecast(fitted, step=2, method=method, series=series, future_covariates=FLAG)
    assert len(prepared) == 1  # twice: once more for the steps' future covariates
    # an array (the series' rows, then the steps') reads the same values, as predict does
    steps = FLAG.to_numpy()[: 90 + 3]
    same = explain_forecast(fitted, step=2, method=method, series=series, future_covariates=steps)
    assert same.score == ex.score and same.per_lag.tolist() == ex.per_lag.tolist()
    if fitted.config.strategy == "seq2seq":
        decoder = fitted.decoder_inputs(series, None, 3, FLAG)
        assert ex.future_index == ["2021-04-01", "2021-04-02", "2021-04-03"]
        assert ex.future_index == [str(t.date()) for t in decoder.index]
    # the network's output, as predict's forecast gives it
    forecast = fitted.predict(3, series, future_covariates=FLAG)["forecast"].iloc[2]
    assert ex.score == pytest.approx(
        (forecast - series[-4:].mean()) / fitted.state_["scale"], rel=1e-5
    )


def test_saves_without_future_covariates_load_as_before_and_a_damaged_record_is_refused(
    fitted, tmp_path, edit_saved
):
    plain = Forecaster(**{**QUICK, "epochs": 1}).fit(Y)
    plain.save(tmp_path / "plain")
    with edit_saved(tmp_path / "plain") as saved:
        assert saved["state"]["future"] == []
        del saved["state"]["future"]  # as saved before future covariates existed
    pd.testing.assert_frame_equal(Forecaster.load(tmp_path / "plain").predict(H), plain.predict(H))
    fitted.save(tmp_path / "future")
    with edit_saved(tmp_path / "future") as saved:
        saved["state"]["future"] = ["price"]
    with pytest.raises(ValueError) as err:
        Forecaster.load(tmp_path / "future")
    assert str(err.value).endswith(
        "does not describe a usable Forecaster: state.future must be a list of the future "
        "covariates' names, whose columns (fut:NAME) end state.columns, got ['price']."
    )


def test_periods_and_time_zones_are_read_as_the_series_reads_them():
    quick = {**QUICK, "epochs": 1}
    days = FLAG.set_axis(INDEX.to_period("D"))
    fc = Forecaster(**quick).fit(Y.set_axis(INDEX[:N].to_period("D")), future_covariates=days)
    assert fc.predict(2, future_covariates=days).index.equals(INDEX[N : N + 2].to_period("D"))
    # a daily series in Berlin, its plan in UTC: the same instants (23 or 25 hours apart in UTC
    # around a change of clocks, one day apart in Berlin)
    berlin = Y.tz_localize("Europe/Berlin")
    utc = FLAG.tz_localize("Europe/Berlin").tz_convert("UTC")
    fc = Forecaster(**quick).fit(berlin, future_covariates=utc)
    same = Forecaster(**quick).fit(berlin, future_covariates=FLAG.tz_localize("Europe/Berlin"))
    pd.testing.assert_frame_equal(
        fc.predict(future_covariates=utc), same.predict(future_covariates=utc)
    )
    with pytest.raises(ValueError) as err:
        fc.predict(future_covariates=FLAG)
    assert str(err.value) == (
        "`future_covariates` must have timestamps in the series' time zone (Europe/Berlin), got "
        "timestamps without one; e.g. future_covariates.tz_localize('Europe/Berlin')."
    )


def test_the_interval_is_calibrated_on_every_step_with_the_values_the_data_holds():
    # a validation origin near the end forecasts steps past the data, whose future covariates
    # fit has not: it forecasts the steps it has values for, which are all it scores
    fc = Forecaster(**{**QUICK, "interval": 0.8}).fit(Y, future_covariates=FLAG)
    st = fc.state_
    assert [len(e) for e in st["errors"]] == [st["val_size"]] * H == [4] * H
    pred = fc.predict(future_covariates=FLAG)
    assert (pred["lower"] < pred["forecast"]).all() and (pred["forecast"] < pred["upper"]).all()


def test_values_at_a_finer_frequency_than_the_series_are_refused_not_read_one_per_step():
    # daily prices for a monthly series: the forecast read the 1st of each month and dropped
    # the other days unseen; a daily PeriodIndex for monthly periods the same
    months = pd.date_range("2015-01-01", periods=60, freq="MS")
    y = pd.Series(100 + 10 * np.sin(np.arange(60.0)), index=months, name="y")
    days = pd.date_range("2015-01-01", "2020-12-31", freq="D")
    price = pd.Series(np.arange(len(days), dtype=float), index=days, name="price")
    quick = {**QUICK, "epochs": 1, "horizon": 3, "lookback": 6}
    with pytest.raises(ValueError) as err:
        Forecaster(**quick).fit(y, future_covariates=price)
    assert str(err.value) == (
        "`future_covariates` must have one row per step of the series' 60 points, at the steps "
        "themselves, got 1736 rows between the steps, the first 2015-01-02 (the series' "
        "frequency is MS, theirs D): a forecast reads one value per step and would drop those "
        "unseen. Give the values at the series' own frequency (aggregated to its steps, e.g. "
        'future_covariates.resample("MS").max() for a flag).'
    )
    with pytest.raises(ValueError, match=r"the first 2015-01-02 \(their PeriodIndex has freq"):
        Forecaster(**quick).fit(
            y.set_axis(months.to_period("M")), future_covariates=price.to_period("D")
        )
    monthly = price[price.index.day == 1]
    fc = Forecaster(**quick).fit(y[:57], future_covariates=monthly)
    with pytest.raises(ValueError, match=r"^`future_covariates` must have one row per step of "):
        fc.predict(3, future_covariates=price)  # the forecast steps too
    assert fc.predict(3, future_covariates=monthly).shape == (3, 3)
    # a business-day series with a calendar of every day: its weekends are no steps to read
    weekdays = pd.bdate_range("2021-01-04", periods=N + H)
    every_day = pd.Series(1.0, pd.date_range(weekdays[0], weekdays[-1]), name="holiday")
    every_day[::3] = 0.0
    fc = Forecaster(**{**QUICK, "epochs": 1}).fit(
        Y.set_axis(weekdays[:N]), future_covariates=every_day
    )
    assert fc.predict(H, future_covariates=every_day).index.equals(weekdays[N:])


def test_a_future_covariate_constant_where_the_networks_train_is_warned_of():
    # a promotion only in the plan: nothing to learn its effect from, which went unsaid
    plan = FLAG.copy()
    plan.iloc[:N] = 0.0
    quick = {**QUICK, "epochs": 1}
    with pytest.warns(UserWarning) as caught:
        fc = Forecaster(**quick).fit(Y, future_covariates=plan)
    assert [str(w.message) for w in caught] == [
        "the future covariate 'promo' is constant (0) over the training part (96 points; "
        "refit=False leaves out the validation part): the networks cannot learn what it does, "
        "so its values at the forecast steps change the forecast through untrained weights "
        "(direct: not at all). Fit on a span where it varies, or leave it out."
    ]
    zero = plan.where(plan.index < INDEX[N], 0.0)
    pd.testing.assert_frame_equal(
        fc.predict(H, future_covariates=plan), fc.predict(H, future_covariates=zero)
    )
    # varying only in the validation part: the refit trains on it, so no warning then
    late = plan.copy()
    late.iloc[N - 2] = 1.0
    with pytest.warns(UserWarning, match=r"constant \(0\) over the training part \(96 points"):
        Forecaster(**quick).fit(Y, future_covariates=late)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Forecaster(**{**quick, "refit": True}).fit(Y, future_covariates=late)
    with pytest.warns(UserWarning, match=r"constant \(0\) over the 100 points the networks"):
        Forecaster(**{**quick, "refit": True}).fit(Y, future_covariates=plan)


def test_inf_is_refused_where_it_is_read_naming_the_argument_as_nan_is(fitted):
    # inf in a row no forecast step reads was refused as "values must be finite, got inf in
    # column 'promo' at ..." (no argument named), where NaN there is not read
    plan = FLAG.copy()
    plan.iloc[3] = np.inf
    expected = fitted.predict(H, future_covariates=FLAG)
    pd.testing.assert_frame_equal(fitted.predict(H, future_covariates=plan), expected)
    plan.iloc[[N + 1, N + 4]] = [-np.inf, np.inf]
    with pytest.raises(ValueError) as err:
        fitted.predict(H, future_covariates=plan)
    assert str(err.value) == (
        "`future_covariates` must be finite at every step of the 7 forecast steps, got inf in "
        "column 'promo' at 2021-04-12 and 1 more."
    )
    with pytest.raises(ValueError) as err:
        fitted.predict(2, future_covariates=plan.to_numpy()[N : N + 2])
    assert str(err.value) == (
        "`future_covariates` must be finite at every step of the 2 forecast steps, got inf in "
        "column 'x0' at 2021-04-12."
    )


def test_a_backtests_fits_warn_of_the_same_thing_once():
    # each origin's fit warned again: 4 origins, 4 warnings of the constant promotion (each
    # with its own count of points) and 4 of the short interval, for one call
    plan = FLAG.copy()
    plan.iloc[: N - 2] = 0.0
    quick = {**QUICK, "epochs": 1, "interval": 0.8, "val_size": 3, "hidden_size": 4}
    with pytest.warns(UserWarning) as caught:
        Forecaster(**quick).backtest(
            FULL[:N], future_covariates=plan, start=-4 * 2, stride=2, horizon=2,
            statistical_baselines=False,
        )  # fmt: skip
    assert [str(w.message) for w in caught] == [
        "the future covariate 'promo' is constant (0) over the training part (89 points; "
        "refit=False leaves out the validation part): the networks cannot learn what it does, "
        "so its values at the forecast steps change the forecast through untrained weights "
        "(direct: not at all). Fit on a span where it varies, or leave it out. (Warned by the "
        "fits at 4 of the backtest's 4 origins, this at the first; shown once.)",
        "the 80% split-conformal interval needs at least 4 validation errors per forecast step, "
        "and 7 steps have only 3; their half-width is the largest error, which covers about "
        "75%. val_size=4 (CLI: --val-size 4) or a lower `interval` (0.75 or less) fixes this. "
        "(Warned by the fits at 4 of the backtest's 4 origins; shown once.)",
    ]
    assert {w.filename for w in caught} == {__file__}  # the caller's line, as a fit's


def test_a_backtest_shows_each_constant_future_covariate_and_counts_origins():
    # two constant plans, 'x1' and 'x2', were one kind (their messages differed only in
    # digits): x2's warning was dropped, and x1's said "at 6 of the backtest's 3 origins"
    plans = pd.DataFrame({"x1": 0.0, "x2": 1.0}, index=INDEX)
    plans.iloc[N - 2 :] = 0.5
    quick = {**QUICK, "epochs": 1, "hidden_size": 4, "horizon": 2}
    with pytest.warns(UserWarning) as caught:
        Forecaster(**quick).backtest(
            FULL[:N], future_covariates=plans, start=-6, stride=2, horizon=2,
            statistical_baselines=False,
        )  # fmt: skip
    assert [str(w.message)[:40] for w in caught] == [
        "the future covariate 'x1' is constant (0",
        "the future covariate 'x2' is constant (1",
    ]
    assert all(
        str(w.message).endswith(
            " (Warned by the fits at 3 of the backtest's 3 origins, this at the first; shown once.)"
        )
        for w in caught
    )


def test_a_backtest_that_fails_still_shows_what_its_earlier_fits_warned_of(monkeypatch):
    # gathered to be shown after the loop, the first origin's warning was lost when a later
    # origin failed (shown as it came before)
    plan = pd.Series(0.0, index=INDEX, name="x1")
    plan.iloc[N - 2 :] = 1.0
    predict = Forecaster.predict
    calls = []

    def failing(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the second origin's forecast failed")
        return predict(self, *args, **kwargs)

    monkeypatch.setattr(Forecaster, "predict", failing)
    quick = {**QUICK, "epochs": 1, "hidden_size": 4, "horizon": 2}
    with pytest.warns(UserWarning) as caught, pytest.raises(RuntimeError, match="second"):
        Forecaster(**quick).backtest(
            FULL[:N], future_covariates=plan, start=-6, stride=2, horizon=2,
            statistical_baselines=False,
        )  # fmt: skip
    assert [str(w.message)[:40] for w in caught] == ["the future covariate 'x1' is constant (0"]
    # where warnings are errors, the failure is what is raised
    calls.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RuntimeError, match="second"):
            Forecaster(**quick).backtest(
                FULL[:N], future_covariates=plan, start=-6, stride=2, horizon=2,
                statistical_baselines=False,
            )  # fmt: skip

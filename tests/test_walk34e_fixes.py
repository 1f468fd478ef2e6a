"""README walk of "From Python" (its first half) as a Darts user: covariates shorter than the
series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)
Y = pd.Series(np.sin(np.arange(40.0)) + 2, pd.date_range("2020-01", periods=40, freq="MS"))
X = pd.Series(np.cos(np.arange(40.0)), Y.index, name="x")
SPAN = "series.loc[covariates.index[0]:covariates.index[-1]]."


@pytest.mark.parametrize(
    ("covariates", "said"),
    [
        (
            X[:-3],
            "got 37: they have no row at the series' last 3 timestamps (2023-02-01 … 2023-04-01)",
        ),
        (X[1:], "got 39: they have no row at the series' first timestamp (2020-01-01)"),
        (
            X[2:-1],
            "got 37: they have no row at the series' first 2 timestamps (2020-01-01, 2020-02-01) "
            "and last timestamp (2023-04-01)",
        ),
    ],
)
def test_covariates_shorter_than_the_series_name_the_timestamps_they_lack(
    covariates: pd.Series, said: str
) -> None:
    """They were refused as "must have the series' 40 points, got 37." alone: no word of which
    timestamps lack a value, nor of the selection that fits (Darts' slice_intersect)."""
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(Y, covariates=covariates)
    assert str(err.value) == (
        f"`covariates` must have the series' 40 points, {said}, whose values the network "
        f"would read; give them a value there, or pass the series over their span: {SPAN}"
    )
    # the selection it gives is fitted, and forecasts from the covariates' last timestamp
    fc = Forecaster(QUICK).fit(Y.loc[covariates.index[0] : covariates.index[-1]], covariates)
    assert fc.predict().index[0] == covariates.index[-1] + pd.offsets.MonthBegin()


def test_covariates_shorter_than_a_newer_history_and_in_periods_say_so_too() -> None:
    fc = Forecaster(QUICK).fit(Y[:-4], covariates=X[:-4])
    with pytest.raises(ValueError) as err:
        fc.predict(series=Y, covariates=X[:-2])
    assert str(err.value).startswith(
        "`covariates` must have the series' 40 points, got 38: they have no row at the "
        "series' last 2 timestamps (2023-03-01, 2023-04-01), whose"
    )
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(Y.to_period("M"), covariates=X.to_period("M")[:-3])
    assert "the series' last 3 timestamps (2023-02 … 2023-04), whose" in str(err.value)
    # every other month: the months between named, not a span
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(Y, covariates=X[::2])
    assert str(err.value) == (
        "`covariates` must have the series' 40 points, got 20: they have no row at 20 of the "
        "series' timestamps (2020-02-01, 2020-04-01, 2020-06-01, 2020-08-01, 2020-10-01 and "
        "15 more), whose values the network would read; give them a value at each."
    )


@pytest.mark.parametrize(
    ("keyword", "said"),
    [
        (
            "pl_trainer_kwargs",
            "Darts' pl_trainer_kwargs are fields here: device='cuda' for its accelerator, "
            "epochs=... for max_epochs, progress=False for enable_progress_bar",
        ),
        ("optimizer_kwargs", "Darts' optimizer_kwargs are fields here: lr=..., weight_decay=..."),
        ("max_epochs", "Lightning's max_epochs is 'epochs' here"),
        (
            "likelihood",
            "Darts' likelihood has no counterpart here: the interval comes from the validation "
            "errors, interval=0.8 for the 10 % and 90 % quantiles",
        ),
        (
            "add_encoders",
            "Darts' add_encoders is 'calendar' here, the sin/cos of the position in the season",
        ),
        ("scaler_type", "NeuralForecast's scaler_type is 'scaling' here"),
        ("max_steps", "NeuralForecast's max_steps is 'epochs' here, a count of epochs"),
        (
            "early_stop_patience_steps",
            "NeuralForecast's early_stop_patience_steps is 'patience' here, in epochs",
        ),
        (
            "futr_exog_list",
            "NeuralForecast's futr_exog_list is fit's future_covariates here: "
            "fit(y, future_covariates=df[[...]])",
        ),
        # py37: told "did you mean 'season_length'" and "'hidden_size'", stat_exog_list nothing
        (
            "training_length",
            "Darts' training_length has no counterpart here: each training window is "
            "`lookback` points read and `horizon` points forecast (one with "
            "strategy='recursive')",
        ),
        (
            "decoder_hidden_size",
            "NeuralForecast's decoder_hidden_size has no counterpart here: one linear layer maps "
            "the encoder's state to the forecast (strategy='seq2seq' adds a recurrent decoder of "
            "the encoder's hidden_size and num_layers)",
        ),
        (
            "stat_exog_list",
            "NeuralForecast's stat_exog_list has no counterpart here: a Forecaster fits one "
            "series, whose static features would be constants",
        ),
    ],
)
def test_the_rest_of_darts_and_neuralforecast_arguments_are_told_what_they_are_here(
    keyword: str, said: str
) -> None:
    """They got the bare "unknown keyword argument(s)" ('max_epochs' a guess of 'epochs')."""
    for owner in (Forecaster, ForecasterConfig):
        with pytest.raises(TypeError) as err:
            owner(**{keyword: {"accelerator": "gpu"}})
        assert str(err.value) == (
            f"{owner.__name__}() got unknown keyword argument {keyword!r} ({said})"
            + ("; they set fields of ForecasterConfig." if owner is Forecaster else ".")
        )


def test_fit_tells_n_jobs_and_darts_validation_covariates_what_they_are_here() -> None:
    """fit(y, n_jobs=2) got "unknown keyword argument 'n_jobs'; it takes series, covariates
    and future_covariates", and Darts' val_past_covariates alike."""
    with pytest.raises(TypeError) as err:
        Forecaster(QUICK).fit(Y, n_jobs=2, val_past_covariates=X)
    assert str(err.value) == (
        "Forecaster.fit() takes no argument `n_jobs` and `val_past_covariates`: scikit-learn's "
        "n_jobs is the config's `jobs` here, ensemble members trained at the same time "
        "(Forecaster(jobs=2)); Darts' validation covariates have no counterpart here: fit "
        "validates on the series' own most recent windows, with their covariates."
    )


def test_a_horizon_past_a_direct_model_gives_the_refit_that_forecasts_it() -> None:
    """It said "refit with a larger horizon or use 'recursive'/'seq2seq'": no code to run.
    The line it gives, run as given, makes the next fit forecast that horizon."""
    import dataclasses

    fc = Forecaster(QUICK).fit(Y)
    with pytest.raises(ValueError) as err:
        fc.predict(5)
    message = str(err.value)
    assert message == (
        "`horizon` must be <= the fitted horizon (2) for strategy='direct', got 5; refit with "
        "horizon=5 or more (fc.config = dataclasses.replace(fc.config, horizon=5), then fit), "
        "or with strategy='recursive' or 'seq2seq', which forecast any horizon."
    )
    exec(message.split("(", 2)[2].split(", then fit")[0], {"fc": fc, "dataclasses": dataclasses})
    assert fc.config.horizon == 5
    assert fc.fit(Y).predict(5).index[0] == pd.Timestamp("2023-05-01")


def test_a_list_of_series_darts_global_fit_is_told_to_fit_one_forecaster_each() -> None:
    """fit([y1, y2]) was told "pass np.asarray(series)", which stacks the series as rows."""
    fc = Forecaster(QUICK)
    local = (
        "a Forecaster is a local model, fitted on one series (Darts' global models fit a "
        "list); fit one per series with this one's config (fc), then predict or backtest each: "
    )
    with pytest.raises(TypeError) as err:
        fc.fit([Y, 2 * Y])
    assert str(err.value) == (
        "`series` must be one series, a pandas Series/DataFrame, got a list of 2 Series: "
        f"{local}[Forecaster(fc.config).fit(s) for s in series]."
    )
    series = {"a": Y, "b": Y.to_frame()}
    with pytest.raises(TypeError) as err:
        fc.backtest(series)
    assert str(err.value) == (
        "`series` must be one series, a pandas Series/DataFrame, got a dict of 2 pandas "
        f"objects: {local}"
        "{key: Forecaster(fc.config).fit(s) for key, s in series.items()}."
    )
    fitted = {key: Forecaster(fc.config).fit(s) for key, s in series.items()}  # as given
    assert [len(f.predict()) for f in fitted.values()] == [2, 2]
    with pytest.raises(TypeError) as err:
        fc.fit((Y,))
    assert str(err.value) == (
        "`series` must be one series, a pandas Series/DataFrame, got a tuple of 1 Series; "
        "pass series[0]."
    )
    # a list of numbers is one series still, told as before
    with pytest.raises(TypeError, match=r"got list; pass np\.asarray\(series\), or a pandas"):
        fc.fit([1.0, 2.0, 3.0])


def test_a_lags_first_rows_are_told_to_be_dropped_not_forward_filled() -> None:
    """A lag covariate, y.shift(1), has no first value: its NaN was told "Fill them first:
    pass fill='ffill', ..." alone, and to_frame(..., fill='ffill') then refused it too."""
    lags = pd.concat([Y.shift(1).rename("lag1"), Y.shift(3).rename("lag3")], axis=1)
    fill = (
        "Fill them first: pass fill='ffill', 'bfill', 'interpolate' or 'zero' to "
        "lstmkit.data.to_frame or read_csv (CLI: --fill), whose result Forecaster.fit, "
        "predict and backtest take. The covariates 'lag1' (first 1), 'lag3' (first 3) begin "
        "after the series, as a lag (series.shift(1)) does: 'ffill' has no earlier value to "
        "carry there; begin the series and the covariates where the covariates begin "
    )
    nan = (
        "values must not be missing (NaN), got NaN in column 'lag1' at 2020-01-01; column "
        "'lag3' at 2020-01-01, 2020-02-01, 2020-03-01. "
    )
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(Y, covariates=lags)
    assert str(err.value) == f"{nan}{fill}(series[3:], covariates[3:]), or fill with 'bfill'."
    frame = pd.concat([Y.rename("y"), lags], axis=1)
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(frame)
    assert str(err.value) == f"{nan}{fill}(series[3:]), or fill with 'bfill'."
    # the drop it gives is fitted, from the same last point
    assert Forecaster(QUICK).fit(frame[3:]).predict().index[0] == pd.Timestamp("2023-05-01")
    # a gap after a column's first value is no lag's: the fill alone, as before
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(
            Y, covariates=lags.assign(lag1=lags["lag1"].where(Y.index != Y.index[9]))
        )
    assert str(err.value).endswith("Forecaster.fit, predict and backtest take.")

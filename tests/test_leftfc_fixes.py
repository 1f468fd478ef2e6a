"""Small defects of the forecasting, data and training side, each pinned by its test."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from lstmkit.backtest import _warn_in_sample
from lstmkit.cli import main
from lstmkit.forecast import Forecaster

_INDEX = pd.date_range("2000-01", periods=80, freq="MS")
_PROMO = pd.DataFrame({"promo": np.arange(80.0) % 3}, index=_INDEX)


def _refused(**data: object) -> str:
    """The message `fit` refuses ``data`` with (it raises before training)."""
    with pytest.raises(ValueError) as info:
        Forecaster(horizon=3, epochs=1, strategy="direct").fit(**data)
    return str(info.value)


def test_fit_refuses_one_column_as_a_past_and_a_future_covariate() -> None:
    # the CLI refuses --covariate-cols promo --future-cols promo; fit read it twice
    y = pd.Series(np.arange(80.0) + 10, index=_INDEX, name="y")
    assert _refused(series=y, covariates=_PROMO, future_covariates=_PROMO) == (
        "`covariates` and `future_covariates` must hold different columns, got 'promo' in both "
        "(the same values). A column is a past covariate or one known in advance, once: drop "
        "it from `covariates`; the encoder reads a future covariate's past values as it reads "
        "a past one's."
    )
    series = pd.concat([y, _PROMO], axis=1)  # a column of the series after its target
    assert _refused(series=series, future_covariates=_PROMO).startswith(
        "`series` and `future_covariates` must hold different columns, got 'promo' in both"
    )


def test_fit_takes_a_past_and_a_future_covariate_of_one_name_and_other_values() -> None:
    y = pd.Series(np.arange(80.0) + 10, index=_INDEX, name="y")
    other = _PROMO + 1.0  # another column that happens to share the name
    fc = Forecaster(horizon=3, epochs=1, ensemble=1, hidden_size=4, lookback=6, progress=False)
    fc.fit(y, covariates=_PROMO, future_covariates=other)
    assert list(fc.history().columns) == ["y", "cov:promo", "fut:promo"]


_PERIODS = pd.period_range("2000-01", periods=40, freq="M")


@pytest.fixture(scope="module")
def on_periods() -> Forecaster:
    """A tiny seq2seq model fitted on a monthly series with a PeriodIndex."""
    y = pd.Series(100.0 + np.arange(40) + np.arange(40) % 12, index=_PERIODS, name="y")
    config = dict(epochs=1, ensemble=1, hidden_size=4, lookback=6, progress=False)
    return Forecaster(horizon=3, strategy="seq2seq", **config).fit(y)


def test_history_and_the_inputs_of_a_model_fitted_on_periods_are_indexed_by_periods(
    on_periods: Forecaster,
) -> None:
    # history() gave a DatetimeIndex where predict() gives periods, so the two did not line up
    history = on_periods.history()
    assert isinstance(history.index, pd.PeriodIndex)
    assert list(history.index[-2:].astype(str)) == ["2003-03", "2003-04"]
    forecast = on_periods.predict()
    assert list(forecast.index.astype(str)) == ["2003-05", "2003-06", "2003-07"]
    assert history.index[-1] + 1 == forecast.index[0]
    window = on_periods.encoder_inputs()
    assert list(window.index.astype(str)) == [f"2002-{m:02d}" for m in range(11, 13)] + [
        f"2003-{m:02d}" for m in range(1, 5)
    ]
    assert list(on_periods.decoder_inputs().index) == list(forecast.index)
    newer = on_periods.history(on_periods.history())  # a history round-trips
    assert newer.index.equals(history.index)
    assert on_periods.predict(series=history).equals(forecast)


def test_cli_predict_of_a_model_fitted_on_periods_gives_periods(
    on_periods: Forecaster, tmp_path, capsys
) -> None:
    # it forecast from the history's timestamps: origin 2003-04-01, steps 2003-05-01, ...
    on_periods.save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), "--interval", "0", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["origin"] == "2003-04"
    assert result["forecast"]["timestamp"] == ["2003-05", "2003-06", "2003-07"]


def test_the_in_sample_warning_reads_a_periods_history() -> None:
    frame = pd.DataFrame({"y": np.arange(40.0)}, index=_PERIODS.to_timestamp())
    # fitted on periods: its history ends at the period 2002-06, which the frame's stamps
    # (the periods' starts) are compared with
    series = pd.Series(100.0 + np.arange(30) % 12, index=_PERIODS[:30])
    config = dict(epochs=1, ensemble=1, hidden_size=4, lookback=6, progress=False)
    fitted = Forecaster(horizon=3, **config).fit(series)
    assert fitted.history().index[-1] == pd.Period("2002-06", "M")
    with pytest.warns(UserWarning) as caught:
        _warn_in_sample(fitted, frame, [28, 33], 3)
    assert [str(w.message) for w in caught] == [
        "backtest(retrain=False): 1 of the 2 origins forecast points this model was trained "
        "on (its data ends at 2002-06-01), so their scores are in-sample, not a test. Pass "
        "retrain=True, or a `start` of 30 (2002-07-01) or later."
    ]


def test_the_covariates_of_an_array_are_named_by_their_columns() -> None:
    # a [T, 2] array of covariates read as cov:value, cov:x1 (value: the target's name)
    y = 100.0 + np.arange(40) + np.arange(40) % 12
    past, future = np.c_[np.arange(40.0) % 3, np.arange(40.0) % 5], np.arange(40.0) % 2
    config = dict(epochs=1, ensemble=1, hidden_size=4, lookback=6, progress=False)
    fc = Forecaster(horizon=3, **config).fit(y, covariates=past, future_covariates=future)
    assert list(fc.history().columns) == ["value", "cov:x0", "cov:x1", "fut:x0"]
    fc = Forecaster(horizon=3, **config).fit(np.c_[y, past])  # the series' own: value, x1, x2
    assert list(fc.history().columns) == ["value", "x1", "x2"]
    with pytest.raises(TypeError) as info:
        Forecaster(horizon=3, **config).fit(y, covariates=past.astype(complex))
    assert str(info.value) == (
        "`covariates` must hold real numbers, got complex values in column 'x0' (first 0j); "
        "pass the real series you mean, e.g. its `.real` or `abs()`."
    )


def test_the_cli_says_where_a_past_covariate_ends_before_the_target(tmp_path, capsys) -> None:
    # it was told only "Fill them first", as for a gap
    days = pd.date_range("2021-01-01", periods=20, freq="D").strftime("%Y-%m-%d")
    temp = np.where(np.arange(20) < 17, 10.0, np.nan)
    rain = np.where(np.arange(20) < 18, 1.0, np.nan)
    csv = tmp_path / "shop.csv"
    pd.DataFrame({"day": days, "sales": np.arange(20.0), "temp": temp, "rain": rain}).to_csv(
        csv, index=False
    )
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    assert main([*argv, "--covariate-cols", "temp"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values must not be missing (NaN), got NaN in column 'temp' "
        f"of {str(csv)!r} at 2021-01-18, "
        "2021-01-19, 2021-01-20. Column 'temp' ends at 2021-01-17, before the target 'sales', "
        "which runs to 2021-01-20: a past covariate is read at every point of the series, so "
        "give its values there, fill them (--fill ffill carries each last value forward), or "
        "end the series at 2021-01-17 (drop the rows after it)."
    )
    assert main([*argv, "--covariate-cols", "temp", "rain"]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "Columns 'temp' (at 2021-01-17) and 'rain' (at 2021-01-18) end before the target "
            "'sales', which runs to 2021-01-20: a past covariate is read at every point of the "
            "series, so give its values there, fill them (--fill ffill carries each last value "
            "forward), or end the series at 2021-01-17 (drop the rows after it)."
        )
    )


def test_predict_takes_interval_0_for_no_interval_as_forecast_does(tmp_path, capsys) -> None:
    # forecast --interval 0 turned the interval off; predict refused 0 as no coverage
    y = 100.0 + np.arange(40) + np.arange(40) % 12
    config = dict(epochs=1, ensemble=1, hidden_size=4, lookback=6, progress=False)
    Forecaster(horizon=3, **config).fit(y).save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), "--json"]) == 0
    kept = json.loads(capsys.readouterr().out)
    assert kept["interval"] == 0.8 and None not in kept["forecast"]["lower"]
    assert main(["predict", str(tmp_path / "model"), "--interval", "0", "--json"]) == 0
    off = json.loads(capsys.readouterr().out)
    assert off["interval"] is None
    assert off["forecast"]["lower"] == off["forecast"]["upper"] == [None, None, None]
    assert off["forecast"]["forecast"] == kept["forecast"]["forecast"]
    assert main(["predict", str(tmp_path / "model"), "--interval", "0"]) == 0
    assert capsys.readouterr().out.splitlines()[2:4] == [
        "timestamp  forecast",
        "---------  --------",
    ]
    assert main(["predict", str(tmp_path / "model"), "--interval", "-0.5"]) == 2
    assert capsys.readouterr().err == (
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        "got -0.5.\n"
    )

"""fcleft37: NeuralForecast's last LSTM arguments named, the horizon refusal's advice within
pandas' dates, scalers refusing inf in transform, the benchmark's lone-level warning silenced."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster, ForecasterConfig
from lstmkit.data import MinMaxScaler, StandardScaler


@pytest.mark.parametrize(
    ("name", "told"),
    [
        (
            "inference_input_size",
            "NeuralForecast's inference_input_size has no counterpart here: predict reads the "
            "last `lookback` points, as each training window does",
        ),
        (
            "exclude_insample_y",
            "NeuralForecast's exclude_insample_y has no counterpart here: the network always "
            "reads the series' own past values, the covariates beside them",
        ),
        (
            "cat_exog_list",
            "NeuralForecast's cat_exog_list has no counterpart here: covariates are numbers, a "
            "category one column of 0 and 1 per value, pd.get_dummies(df[[...]], dtype=float) "
            "given as fit's covariates or future_covariates",
        ),
    ],
)
def test_neuralforecast_inference_input_size_exclude_insample_y_cat_exog_list_told(
    name, told
) -> None:
    # each got the bare "unknown keyword argument", where NeuralForecast's other names are told
    # their counterpart
    with pytest.raises(TypeError) as err:
        ForecasterConfig(**{name: 1})
    assert str(err.value) == f"ForecasterConfig() got unknown keyword argument {name!r} ({told})."
    with pytest.raises(TypeError) as err:
        Forecaster(**{name: 1})
    assert str(err.value) == (
        f"Forecaster() got unknown keyword argument {name!r} ({told}); they set fields of "
        "ForecasterConfig."
    )


@pytest.fixture(scope="module")
def monthly() -> Forecaster:
    # a seq2seq model (predict and decoder_inputs) of one member of 4 units, one epoch, on
    # 60 months ending 1953-12
    y = pd.Series(
        np.sin(np.arange(60) / 3) + 2.0,
        index=pd.date_range("1949-01-01", periods=60, freq="MS"),
        name="y",
    )
    config = ForecasterConfig(
        strategy="seq2seq", horizon=3, hidden_size=4, epochs=1, ensemble=1, interval=None
    )
    return Forecaster(replace(config, progress=False)).fit(y)


def test_the_memory_refusal_advises_no_horizon_past_pandas_dates(monthly, fake_memory) -> None:
    # monthly data was told "forecast at most 631,904,563 steps" (what 30 GiB held), which
    # predict refuses past 2262-04-11: the advice is capped at the dates, 3,700 months
    fake_memory(30 * 2**30, None)
    told = (
        "`horizon` (1,000,000,000 steps) needs at least 37.3 GiB for its forecast (40 bytes a "
        "step: the forecast, its interval's bounds, its timestamp and its one member's "
        "forecast), more than this machine's memory (30 GiB)"
    )
    for call in (monthly.predict, monthly.decoder_inputs):
        with pytest.raises(ValueError) as err:
            call(horizon=10**9)
        assert str(err.value) == (
            f"{told}, and pandas' dates end at 2262-04-11; forecast at most 3,700 steps "
            "(to 2262-04-01 00:00:00)."
        )
    assert monthly.predict(3700).index[-1] == pd.Timestamp("2262-04-01")
    # a newer history's dates are not read before the refusal: the memory's steps are said,
    # not advised
    with pytest.raises(ValueError) as err:
        monthly.predict(10**9, series=monthly.history())
    assert str(err.value) == f"{told}; the memory holds at most 805,306,368 steps."


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
def test_scalers_transform_refuses_inf_naming_its_position(scaler) -> None:
    # transform passed inf on as inf (fit refuses it, and so does scikit-learn's transform)
    y = np.arange(144.0)
    fitted = scaler().fit(y)
    name = scaler.__name__
    with pytest.raises(ValueError) as err:
        fitted.transform(np.r_[y, np.inf])
    assert str(err.value) == (
        f"{name}.transform got 1 infinite value in `x`, at position (144,) (inf), which would "
        "come out infinite. Replace or drop it first."
    )
    with pytest.raises(ValueError) as err:
        scaler().fit(y[:, None]).transform(np.r_[y, -np.inf, np.inf][:, None])
    assert str(err.value) == (
        f"{name}.transform got 2 infinite values in `x`, the first at position (144, 0) (-inf), "
        "which would come out infinite. Replace or drop them first."
    )
    with pytest.raises(ValueError, match=r"^`feature` must be 0 \(or -1\)"):
        fitted.transform(np.r_[np.inf], feature=3)  # the feature checked first
    # NaN stays NaN in transform, as documented; fit refuses both
    scaled = fitted.transform(np.r_[0.0, np.nan])
    assert scaled[0] == fitted.transform(np.r_[0.0])[0] and np.isnan(scaled[1])
    for bad in (np.inf, np.nan):
        with pytest.raises(ValueError, match=rf"^{name}\.fit got 1 non-finite value, at position"):
            scaler().fit(np.r_[y, bad])


def test_the_readme_says_the_advice_a_time_column_as_target_is_told() -> None:
    # the README said every such column "told series.set_index('year')", where dates written as
    # numbers and a lone time column are told other advice: each piece it names is told
    from pathlib import Path

    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text().split())
    n = 40
    values = np.sin(np.arange(n)) + 5
    stamps = pd.date_range("2020-01-01", periods=n).strftime("%Y%m%d").astype(int)
    cases = {
        "series.set_index('year')": pd.DataFrame({"year": np.arange(1950, 1950 + n), "y": values}),
        "series.assign(date=pd.to_datetime(series['date'].astype(str), format='%Y%m%d'))"
        ".set_index('date')": pd.DataFrame({"date": stamps, "y": values}),
        "pd.read_csv(..., index_col='year')": pd.DataFrame({"year": np.arange(1950, 1950 + n)}),
    }
    for advice, frame in cases.items():
        assert f"`{advice}`" in readme
        with pytest.raises(ValueError) as err:
            Forecaster(horizon=2, epochs=1).fit(frame)
        assert str(err.value).endswith((f" {advice}.", f"({advice})."))

"""fcleft37: NeuralForecast's last LSTM arguments named, the horizon refusal's advice within
pandas' dates, scalers refusing inf in transform, the benchmark's lone-level warning silenced."""

import pytest

from lstmkit import Forecaster, ForecasterConfig


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

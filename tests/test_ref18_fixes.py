"""ref18: behaviour leftovers: ForecasterConfig told Darts' and NeuralForecast's names as
Forecaster tells them, a blank in both a plan column's history and its plan named in both,
a monthly series with one stamp some hours off, and a float64 ``val_data`` of a float32
network refused before any training."""

from __future__ import annotations

import pytest

from lstmkit import Forecaster, ForecasterConfig


def test_forecaster_config_tells_darts_names_as_forecaster_does():
    # ForecasterConfig(n_epochs=...) got Python's bare "unexpected keyword argument"
    for make, tail in (
        (ForecasterConfig, "."),
        (Forecaster, "; they set fields of ForecasterConfig."),
    ):
        with pytest.raises(TypeError) as err:
            make(n_epochs=3, input_size=12)
        assert str(err.value) == (
            f"{make.__name__}() got unknown keyword argument(s) 'n_epochs', 'input_size' "
            "(Darts' n_epochs is 'epochs' here; NeuralForecast's input_size is 'lookback' here)"
            + tail
        )
    # a keyword no library names so keeps Python's own refusal, and replace() still works
    with pytest.raises(TypeError, match="unexpected keyword argument 'horizn'"):
        ForecasterConfig(horizn=3)
    assert ForecasterConfig(epochs=3).epochs == 3


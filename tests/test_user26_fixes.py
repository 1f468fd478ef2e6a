"""user26: a Keras/Darts user's first forecast, text classifier and own LSTM explained."""

from __future__ import annotations

import pytest

from lstmkit.forecast import Forecaster


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (
            "evaluate",
            "Keras' evaluate is `backtest` here (scores per origin beside the naive baselines), "
            "or lstmkit.metrics.evaluate(y_true, y_pred, y_train, m) on a forecast",
        ),
        (
            "plot",
            "a forecast is drawn by lstmkit.forecast.plot_forecast(history, fc.predict(), "
            "truth); the loss curves by `plot_training`",
        ),
    ],
)
def test_keras_and_darts_methods_name_their_counterparts(name: str, said: str) -> None:
    # fc.evaluate(...) (Keras) and fc.plot() (Darts' TimeSeries.plot) said a bare
    # "'Forecaster' object has no attribute 'plot'"
    fc = Forecaster(horizon=3)
    with pytest.raises(AttributeError) as info:
        getattr(fc, name)
    assert str(info.value) == f"'Forecaster' object has no attribute {name!r}: {said}."
    assert info.value.name == name
    assert not hasattr(fc, name)
    assert name not in dir(fc)
    with pytest.raises(AttributeError) as info:
        getattr(Forecaster, name)
    assert str(info.value) == f"type object 'Forecaster' has no attribute {name!r}: {said}."

"""ref18: behaviour leftovers: ForecasterConfig told Darts' and NeuralForecast's names as
Forecaster tells them, a blank in both a plan column's history and its plan named in both,
a monthly series with one stamp some hours off, and a float64 ``val_data`` of a float32
network refused before any training."""

from __future__ import annotations

import pytest

from lstmkit import Forecaster, ForecasterConfig
from lstmkit.cli import main


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


def test_a_blank_in_both_the_history_and_the_plan_names_both(tmp_path, capsys, promo_plan):
    # the history's blank (2021-01-11) alone was named; the plan's came up on the next run
    csv = promo_plan.write(tmp_path / "both.csv", blank=[10, 41])
    history = (
        "error: values must not be missing (NaN), got NaN in column 'promo' at 2021-01-11. "
        "Fill them first: pass --fill ffill, bfill, interpolate or zero."
    )
    plan = (
        " The plan of {}, the rows after the target's last value (2021-02-09), leaves "
        "value(s) empty too (promo at 2021-02-11): give them there, or --fill makes them up."
    )
    assert promo_plan.forecast(csv) == 2
    assert capsys.readouterr().err.strip() == history + plan.format("--future-cols promo")
    # the history's blank alone, and a plan that only ends early (2021-02-12), keep their words
    assert promo_plan.forecast(promo_plan.write(tmp_path / "one.csv", blank=[10, 43])) == 2
    assert capsys.readouterr().err.strip() == history
    # predict reads the plan by name, and says so
    run = tmp_path / "run"
    assert promo_plan.forecast(promo_plan.write(tmp_path / "plan.csv"), "--out", str(run)) == 0
    capsys.readouterr()
    assert main(["predict", str(run), "--csv", str(csv)]) == 2
    by_name = "the model's future covariates promo (read by name)"
    assert capsys.readouterr().err.strip() == history + plan.format(by_name)


"""The lead's fixes of session 10: help texts left by files9 and bt10; fc9's saved name of the
steps checked at load."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # argparse's wrapping aside


def test_dev_and_test_csv_say_standard_input_as_csv_does(capsys):
    # files9 let --dev-csv - and --test-csv - read standard input; only --csv's help said so
    text = _help(capsys, "text", "train")
    for part in ("dev", "test"):
        assert f"--{part}-csv FILE your own {part} set" in text
    assert text.count("('-': standard input") == 3


def test_backtest_origins_shows_n_as_backtest_stride_does(capsys):
    # was --backtest-origins BACKTEST_ORIGINS, beside bt10's --backtest-stride N
    text = _help(capsys, "forecast")
    assert "--backtest-origins N " in text
    assert "BACKTEST_ORIGINS" not in text


def _model_of_168_hour_steps(tmp_path: Path) -> Path:
    stamps = pd.date_range("2020-01-06 09:00", periods=40, freq="168h")
    y = pd.Series(100 + np.arange(40) % 5 + np.arange(40.0), index=stamps, name="y")
    config = ForecasterConfig(horizon=2, lookback=4, epochs=1, ensemble=1, hidden_size=4)
    Forecaster(config).fit(y).save(tmp_path / "m")
    return tmp_path / "m"


@pytest.mark.parametrize("given", ["banana", "3h", 168, "1W"])
def test_a_damaged_saved_given_freq_is_refused_at_load(
    tmp_path: Path, given: object, edit_saved
) -> None:
    # fc9's given_freq went unchecked: "banana" failed in pandas at predict, "3h" named
    # weekly steps three-hourly
    with edit_saved(_model_of_168_hour_steps(tmp_path)) as saved:
        assert saved["state"]["history"]["given_freq"] == "168h"
        saved["state"]["history"]["given_freq"] = given
    with pytest.raises(ValueError) as caught:
        Forecaster.load(tmp_path / "m")
    assert (
        "state.history.given_freq must be null or another name pandas reads for the steps of "
        f"state.history.freq ('168h' for '7D'), got {given!r} with state.history.freq '7D'"
    ) in str(caught.value)


def test_a_saved_given_freq_of_the_same_steps_loads(tmp_path: Path, edit_saved) -> None:
    with edit_saved(_model_of_168_hour_steps(tmp_path)) as saved:
        saved["state"]["history"]["given_freq"] = "10080min"
    assert Forecaster.load(tmp_path / "m").predict().index.freqstr == "10080min"

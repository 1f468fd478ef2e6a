"""Fixes from walking README.md's "Forecasting" outputs as a shell user (helper walk31b)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig

SMALL = dict(
    horizon=3, lookback=6, hidden_size=2, epochs=1, ensemble=1, interval=None, refit=False,
    calendar=False, season_length=1, seed=0, progress=False,
)  # fmt: skip
AIR = load_dataset("airline")


@pytest.fixture(scope="module")
def direct_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved direct Forecaster of horizon 3, fitted on the airline series (monthly)."""
    folder = tmp_path_factory.mktemp("walk31b") / "model"
    Forecaster(ForecasterConfig(**SMALL)).fit(AIR).save(folder)
    return folder


def test_a_horizon_past_a_direct_model_is_told_the_flags_that_refit_it(
    direct_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit predict DIR --horizon 4` was told Python's words: "for strategy='direct', got
    # 4; refit with a larger horizon or use 'recursive'/'seq2seq'"
    assert main(["predict", str(direct_dir), "--horizon", "4"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "error: --horizon must be <= the fitted horizon (3) for --strategy direct, got 4; refit "
        "it with `lstmkit forecast` and --horizon 4 or more, or --strategy recursive or "
        "seq2seq, which forecast any horizon.\n"
    )
    # Python keeps its arguments' words
    with pytest.raises(ValueError) as caught:
        Forecaster.load(direct_dir).predict(4)
    assert str(caught.value) == (
        "`horizon` must be <= the fitted horizon (3) for strategy='direct', got 4; refit with "
        "a larger horizon or use 'recursive'/'seq2seq'."
    )
    # the fitted horizon itself forecasts
    assert main(["predict", str(direct_dir), "--horizon", "3", "--json"]) == 0
    capsys.readouterr()

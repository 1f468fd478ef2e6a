"""Review of ``lstmkit explain``'s ``--progress``/``--no-progress`` (a bar over a classifier's
sentences): refused by name for a forecaster, as its other classifier-only flags are."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit import Forecaster, ForecasterConfig
from lstmkit.cli import main
from lstmkit.data import load_dataset


@pytest.mark.parametrize("flag", ["--progress", "--no-progress"])
def test_progress_is_refused_for_a_forecaster_as_target_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str
) -> None:
    # a forecaster explains one window, with no bar: `--progress` was accepted and did nothing
    cfg = ForecasterConfig(
        horizon=3, interval=None, lookback=12, ensemble=1, epochs=2, hidden_size=6, refit=False
    )
    model = tmp_path / "fc"
    Forecaster(cfg).fit(load_dataset("airline")[:-12]).save(model)
    out = tmp_path / "never"
    assert main(["explain", str(model), flag, "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"error: {flag} applies to a classifier (a bar over its sentences), got it for the "
        f"forecaster {str(model)!r}, which explains one series window without one.\n"
    )
    assert not out.exists()
    assert main(["explain", str(model), "--top", "1"]) == 0  # without it, explained
    assert "forecast step 1 after" in capsys.readouterr().out

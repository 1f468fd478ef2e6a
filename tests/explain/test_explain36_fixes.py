"""explain36: README's "Explanations" → "Command line", walked as a data scientist who explains
a saved forecaster to a regulator and reads its relevance.csv in a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.explain import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Forecaster, Path]:
    cfg = ForecasterConfig(horizon=3, lookback=12, ensemble=1, epochs=2, hidden_size=6)
    fc = Forecaster(cfg).fit(load_dataset("airline")[:-12])
    folder = tmp_path_factory.mktemp("fc") / "airline"
    fc.save(folder)
    return fc, folder


def _occluded_outputs(fc: Forecaster, step: int) -> tuple[float, np.ndarray]:
    """The network output at ``step`` for the window explained, and with each lag's scaled
    inputs set to 0 in turn (by hand, as the README says occlusion does)."""
    (net,) = fc.members_
    param = next(net.parameters())
    x = explain_forecast(fc, method="gradxinput", step=step, progress=False)  # for its score
    window = torch.tensor(_window(fc), dtype=param.dtype)
    with torch.no_grad():
        whole = float(net(window[None])[0, step])
        occluded = []
        for t in range(window.shape[0]):
            w = window.clone()
            w[t] = 0.0
            occluded.append(float(net(w[None])[0, step]))
    assert whole == pytest.approx(x.score, abs=1e-6)
    return whole, np.array(occluded)


def _window(fc: Forecaster) -> np.ndarray:
    """The scaled input window ``[L, F]`` explain_forecast explains, as the member reads it."""
    captured: list[torch.Tensor] = []
    (net,) = fc.members_
    hook = net.register_forward_pre_hook(lambda _m, args: captured.append(args[0].detach()))
    try:
        explain_forecast(fc, method="sensitivity", progress=False)
    finally:
        hook.remove()
    return captured[0][0].cpu().numpy()


def test_occlusions_relevance_csv_is_the_outputs_drop_as_the_readme_now_says(
    saved, tmp_path, capsys
):
    # the README said the `relevance` column was "the change when a whole lag is occluded": a
    # spreadsheet reader takes that as the occluded output less the output, the opposite sign
    # of what is written, the output less the occluded one (positive: the lag raised it)
    fc, folder = saved
    out = tmp_path / "why"
    assert main(["explain", str(folder), "--method", "occlusion", "--out", str(out)]) == 0
    capsys.readouterr()
    table = pd.read_csv(out / "relevance.csv")
    whole, occluded = _occluded_outputs(fc, 0)
    np.testing.assert_allclose(table["relevance"], whole - occluded, atol=1e-6)
    text = " ".join(README.read_text("utf-8").split())
    assert "the `relevance` column is the change when a whole lag is occluded" not in text
    assert (
        "With `--method occlusion` the `relevance` column is the drop of the network output "
        "when a whole lag is occluded (its scaled inputs set to 0): the output less the occluded "
        "one, so that, as with the other methods, a positive value raised the forecast"
    ) in text


def test_relevance_csv_columns_and_units_are_those_the_readme_names(saved, tmp_path, capsys):
    # the README named the columns after `relevance` "the covariates", where they are every
    # input (the target's and the calendar's too), and said nothing of their units or of which
    # output they explain, which the file does not say either
    _fc, folder = saved
    out = tmp_path / "why"
    assert main(["explain", str(folder), "--step", "2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "network output" in printed and "(scaled)" in printed
    table = pd.read_csv(out / "relevance.csv")
    assert list(table.columns) == [
        "time",
        "lag",
        "relevance",
        "relevance:airline",
        "relevance:season sin",
        "relevance:season cos",
    ]
    assert table["lag"].tolist() == list(range(12, 0, -1))
    assert table["time"].iloc[-1] == "1959-12-01"
    text = " ".join(README.read_text("utf-8").split())
    assert (
        "then `relevance:FEATURE` for each input: the target, the covariates by the names they "
        "were fitted with and the calendar inputs, `relevance:airline`, `relevance:season sin`, "
        "`relevance:season cos` for the airline model). The values are in the network output's "
        "scaled units"
    ) in text
    assert "`explanation.json` beside it does (`step`, `time`, `method`, `score`)" in text

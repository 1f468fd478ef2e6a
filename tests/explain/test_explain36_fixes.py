"""explain36: README's "Explanations" → "Command line", walked as a data scientist who explains
a saved forecaster to a regulator and reads its relevance.csv in a spreadsheet."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.explain import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.text import SentimentConfig
from lstmkit.text.sentiment import SentimentResult, save_classifier

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
    saved, tmp_path, capsys, undrawn_figures
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


def test_relevance_csv_columns_and_units_are_those_the_readme_names(
    saved, tmp_path, capsys, undrawn_figures
):
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
        *("forecast_step", "forecast_time", "method", "units"),
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
    assert "`explanation.json` beside it has the rest (`score`, the options)" in text


def _strict_json(text: str) -> object:
    """``text`` read as JSON is: ``NaN`` and ``Infinity`` refused (Python's json takes them)."""

    def refuse(constant: str) -> None:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_a_sentences_relevances_that_blew_up_are_json_nulls(tmp_path, amplifying_predictor, capsys):
    # --json and relevance.json wrote them NaN and Infinity, which JSON has not: jq read them as
    # null and 1.797e+308, JavaScript's JSON.parse refused the line
    predictor = amplifying_predictor()
    config = SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False)
    save_classifier(SentimentResult(predictor.model, predictor.vocab, config), tmp_path / "m")
    long = "the " + " ".join(["word"] * 1200)
    out = tmp_path / "out"
    argv = ["explain", str(tmp_path / "m"), "--text", long, "--json", "--out", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "NaN" not in printed and "Infinity" not in printed
    for record in (_strict_json(printed), _strict_json((out / "relevance.json").read_text())):
        assert record["relevance"][:116] == [None] * 116  # the warning's 116 of them
        assert all(math.isfinite(v) for v in record["relevance"][116:])
        assert record["initial_state"] is None
        assert record["score"] == pytest.approx(0.642057762155738, abs=1e-9)


def test_a_forecasters_relevances_that_are_not_finite_are_json_nulls(
    saved, tmp_path, monkeypatch, capsys
):
    # explanation.json and --json wrote NaN and Infinity as the sentences' records did
    from lstmkit.explain import forecast

    _fc, folder = saved
    made = forecast.explain_forecast

    def blown(*args, **kwargs):
        ex = made(*args, **kwargs)
        ex.per_lag[-2:] = [math.nan, math.inf]
        ex.per_feature[-1, 0] = -math.inf
        return dataclasses.replace(ex, initial_state=math.nan)

    monkeypatch.setattr(forecast, "explain_forecast", blown)
    out = tmp_path / "why"
    assert main(["explain", str(folder), "--json", "--out", str(out)]) == 0
    record = _strict_json(capsys.readouterr().out)
    lags = record["relevance"]
    assert [row["relevance"] for row in lags[-2:]] == [None, None]
    assert math.isfinite(lags[0]["relevance"])
    assert lags[-1]["features"]["airline"] is None
    assert math.isfinite(lags[-1]["features"]["season sin"])
    assert record["initial_state"] is None
    assert _strict_json((out / "explanation.json").read_text())["initial_state"] is None
    text = " ".join(README.read_text("utf-8").split())
    assert (
        "JSON has no nan or infinity: `relevance.json`, `explanation.json` and `--json` write "
        "such a relevance (and an initial state or score that is not finite) as `null`"
    ) in text


def test_explaining_many_sentences_into_out_lists_the_folder_once_not_once_a_sentence(
    classifier_dir, tmp_path, monkeypatch, capsys
):
    # each explanation-N.html went through to_html's written_whole, which lists the folder it
    # writes into for a dead write's leftovers: the stage, which held every file written so far,
    # so n sentences listed 2n - 1 entries each, n^2 in all (1,600 sentences: 33 s, 4 s without
    # --out); the pages go into the stage, which moves into --out whole, as the JSON files did
    from lstmkit import _figures

    listed: list[Path] = []
    removes = _figures.remove_orphans

    def counted(folder: Path, pattern: str) -> None:
        listed.append(folder)
        removes(folder, pattern)

    monkeypatch.setattr(_figures, "remove_orphans", counted)
    sentences = tmp_path / "many.txt"
    sentences.write_text("".join(f"a good film {k}\na bad film\n" for k in range(20)), "utf-8")
    out = tmp_path / "out"
    assert main(["explain", str(classifier_dir), "--file", str(sentences), "--out", str(out)]) == 0
    capsys.readouterr()
    assert listed == []  # was 40 (the stage, once a page)
    assert len(list(out.glob("explanation-*.html"))) == 40
    page = (out / "explanation-40.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and ">bad</span>" in page

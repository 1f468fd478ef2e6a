"""lrpcli28: `lstmkit explain` printed per-lag (per-token) relevance but never what it sums to
against the output, so conservation could not be seen; one line now states it."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.cli.explain import _num, relevance_in_all
from lstmkit.explain import lrp
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster
from lstmkit.text.sentiment import (
    SentimentPredictor,
)

_LRP = {"eps": 0.001, "bias_factor": 0.0, "convention": "equation"}


def test_the_line_states_the_sums_the_initial_state_and_the_biases_note() -> None:
    output = "network output 0.3883"
    assert relevance_in_all([("lags", -0.0088)], output, _LRP, 6.5e-09) == (
        "relevance in all: lags -0.0088 + initial state +6.50e-09 = -0.0088, network output "
        "0.3883; the biases hold the rest (pass --bias-factor 1 to conserve it)"
    )
    conserving = {**_LRP, "bias_factor": 1.0}
    assert relevance_in_all(
        [("lags", 0.753), ("decoder inputs", 0.25)], output, conserving, -0.6147
    ) == (
        "relevance in all: lags +0.7530 + decoder inputs +0.2500 + initial state -0.6147 = "
        "+0.3883, network output 0.3883"
    )
    # other methods have no initial state's share, and no biases' note
    assert relevance_in_all([("tokens", 1.5)], "score 2.6285", {}, 0.0) == (
        "relevance in all: tokens +1.5000, score 2.6285"
    )


@pytest.mark.parametrize("bias_factor", [0.0, 1.0])
def test_a_forecasters_lags_are_summed_against_the_network_output(
    airline_fc_dir: Path, bias_factor: float, capsys: pytest.CaptureFixture[str]
) -> None:
    ex = explain_forecast(Forecaster.load(airline_fc_dir), bias_factor=bias_factor)
    lags, initial = float(ex.per_lag.sum()), float(ex.initial_state)
    argv = ["explain", str(airline_fc_dir), "--bias-factor", str(bias_factor)]
    assert main(argv) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    sums = f"lags {_num(lags)} + initial state {_num(initial)} = {_num(lags + initial)}"
    expected = f"relevance in all: {sums}, network output {ex.score:.4f}"
    if bias_factor == 0:
        expected += "; the biases hold the rest (pass --bias-factor 1 to conserve it)"
    else:  # conserved: the sum is the output
        assert f"{lags + initial:.4f}" == f"{ex.score:.4f}"
    assert last == expected


def test_other_methods_sum_the_lags_and_sensitivity_prints_none(
    airline_fc_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fc = Forecaster.load(airline_fc_dir)
    ex = explain_forecast(fc, method="gradxinput")
    assert main(["explain", str(airline_fc_dir), "--method", "gradxinput"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"relevance in all: lags {_num(float(ex.per_lag.sum()))}, network output {ex.score:.4f}"
        "; gradient x input sums to a first-order estimate of the output less the output at "
        "zero inputs, exact only for a model linear in its inputs"
    )
    # fin28: occlusion's drops are no share of the output either
    for method in ("sensitivity", "occlusion"):
        assert main(["explain", str(airline_fc_dir), "--method", method]) == 0
        assert "relevance in all" not in capsys.readouterr().out


def test_a_sentences_tokens_are_summed_against_the_class_score(
    classifier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = SentimentPredictor.load(classifier_dir)
    ids, lengths = pred.encode("a good film")
    ex = lrp(pred.model, ids, lengths=lengths, bias_factor=1.0)
    tokens, initial = float(ex.relevance[0].sum()), float(ex.initial_state[0])
    score = float(ex.score[0])
    argv = ["explain", str(classifier_dir), "--text", "a good film", "--bias-factor", "1"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == (
        f"relevance in all: tokens {_num(tokens)} + initial state {_num(initial)} = "
        f"{_num(tokens + initial)}, score {score:.4f}"
    )
    assert f"{tokens + initial:.4f}" == f"{score:.4f}"  # conserved
    assert main([*argv[:4], "--method", "gradxinput"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("relevance in all: tokens ")

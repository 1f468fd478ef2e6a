"""fin28: follow-ups of lrpcli28's "relevance in all" line and of txt28's few-steps warning.

- `lstmkit explain --method ig` summed the relevance against the output with no note, but
  integrated gradients sum to the output less the baseline's (completeness); occlusion's drops
  were summed as if they were shares of the output.
- `lstmkit text predict --explain` printed per-token relevance but not what it sums to.
- `fit_seq2seq` trained one- or two-step epochs on tiny data without a word.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.cli.explain import _num, relevance_in_all
from lstmkit.explain import explain, lrp
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster
from lstmkit.text.sentiment import (
    SentimentPredictor,
)
from lstmkit.text.seq2seq import Seq2Seq, Seq2SeqConfig, fit_seq2seq

_IG_NOTE = "; integrated gradients sum to the output less the baseline's (at zero inputs)"


def test_igs_line_says_its_sum_is_the_output_less_the_baselines() -> None:
    assert relevance_in_all([("tokens", 0.051)], "score 0.4034", {}, 0.0, "ig") == (
        "relevance in all: tokens +0.0510, score 0.4034" + _IG_NOTE
    )
    # exp29: gradient x input's line says what its sum is (it was the plain line)
    assert relevance_in_all([("tokens", 0.051)], "score 0.4034", {}, 0.0, "gradxinput") == (
        "relevance in all: tokens +0.0510, score 0.4034; gradient x input sums to a first-order "
        "estimate of the output less the output at zero inputs, exact only for a model linear "
        "in its inputs"
    )


def test_a_forecasters_ig_line_notes_the_baseline_and_occlusion_prints_none(
    airline_fc_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ex = explain_forecast(Forecaster.load(airline_fc_dir), method="ig")
    assert main(["explain", str(airline_fc_dir), "--method", "ig"]) == 0
    # exspeed38: with the output at zero inputs and the convergence delta (test_exspeed38_fixes);
    # revexspeed38: a window's zeros, scaled, where a forecaster's output is taken
    lags, base = float(ex.per_lag.sum()), float(ex.baseline_score)  # type: ignore[arg-type]
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"relevance in all: lags {_num(lags)}, network output {ex.score:.4f}; integrated "
        f"gradients sum to the output less the output at an all-zero (scaled) window "
        f"({_num(base)}), {_num(ex.score - base)}: convergence delta "
        f"{_num(lags - (ex.score - base))} at 32 steps (--ig-steps)"
    )
    assert main(["explain", str(airline_fc_dir), "--method", "occlusion"]) == 0
    out = capsys.readouterr().out
    assert "relevance in all" not in out  # was "relevance in all: lags ..., network output"
    assert out.splitlines()[-1].startswith("  lag ")


def test_a_sentences_ig_sum_is_the_score_less_the_zero_embeddings_score(
    classifier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = SentimentPredictor.load(classifier_dir)
    ids, lengths = pred.encode("a good film")
    ex = explain(pred.model, ids, lengths=lengths, method="ig")
    tokens, score = float(ex.relevance[0].sum()), float(ex.score[0])
    assert main(["explain", str(classifier_dir), "--text", "a good film", "--method", "ig"]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    # exspeed38: the score at zero inputs named, and the delta (test_exspeed38_fixes)
    assert line.startswith(
        f"relevance in all: tokens {_num(tokens)}, score {score:.4f}; integrated gradients sum "
        "to the output less the output at zero inputs ("
    )
    # what the note says: the sum is the score less the score at zero embeddings, not the score
    model = pred.model.double()
    hook = model.embedding.register_forward_hook(lambda _m, _a, out: torch.zeros_like(out))
    try:
        with torch.no_grad():
            baseline = float(model(ids, lengths)[0, int(ex.target[0])])
    finally:
        hook.remove()
    assert abs(tokens - (score - baseline)) < 1e-3 < abs(tokens - score)
    argv = ["explain", str(classifier_dir), "--text", "a good film", "--method", "occlusion"]
    assert main(argv) == 0
    assert "relevance in all" not in capsys.readouterr().out


def test_text_predict_explain_sums_each_sentence_as_explain_does(
    classifier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = SentimentPredictor.load(classifier_dir)
    texts = ["a good film", "bad zzz"]
    assert main(["text", "predict", str(classifier_dir), *texts, "--explain"]) == 0
    blocks = capsys.readouterr().out.split("\n\n")
    for text, block in zip(texts, blocks, strict=True):
        ids, lengths = pred.encode(text)
        ex = lrp(pred.model, ids, lengths=lengths)
        relevance = ex.relevance[0].tolist()
        tokens, initial = float(sum(relevance)), float(ex.initial_state[0])
        lines = block.splitlines()
        assert lines[-1] == (
            f"relevance in all: tokens {_num(tokens)} + initial state {_num(initial)} = "
            f"{_num(tokens + initial)}, score {float(ex.score[0]):.4f}; the biases hold the "
            "rest (pass --bias-factor 1 to conserve it)"
        )
        assert lines[-2 - len(relevance)].startswith("LRP relevance for ")
        # the line `lstmkit explain` prints for the sentence, to the digit
        assert main(["explain", str(classifier_dir), "--text", text]) == 0
        said = capsys.readouterr().out.splitlines()
        assert [line for line in said if line.startswith("relevance in all")] == [lines[-1]]
    # with --bias-factor 1 it is conserved: tokens and initial state make the score
    argv = ["text", "predict", str(classifier_dir), texts[0], "--explain", "--bias-factor", "1"]
    assert main(argv) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    ids, lengths = pred.encode(texts[0])
    ex = lrp(pred.model, ids, lengths=lengths, bias_factor=1.0)
    tokens, initial = float(sum(ex.relevance[0].tolist())), float(ex.initial_state[0])
    assert last == (
        f"relevance in all: tokens {_num(tokens)} + initial state {_num(initial)} = "
        f"{_num(tokens + initial)}, score {float(ex.score[0]):.4f}"
    )
    assert f"{tokens + initial:.4f}" == f"{float(ex.score[0]):.4f}"
    assert main([*argv, "--json"]) == 0  # the JSON records hold no such line
    assert "relevance in all" not in capsys.readouterr().out


def test_fit_seq2seq_warns_of_one_step_epochs_as_the_classifier_does(
    caplog: pytest.LogCaptureFixture,
) -> None:
    model = Seq2Seq(12, 12, 4, 4)
    pairs = [([1 + k % 10, 2], [3 + k % 9]) for k in range(34)]
    with caplog.at_level(logging.WARNING, logger="lstmkit"):
        fit_seq2seq(model, pairs, Seq2SeqConfig(batch_size=64, epochs=2, progress=False))
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "34 training examples make 1 step an epoch at the batch size 64 (`batch_size`, "
        "--batch-size), 2 steps in 2 epochs: a smaller batch, such as 8 (5 steps an epoch), "
        "gives the optimizer more steps"
    ]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="lstmkit"):  # 5 steps an epoch: nothing said
        fit_seq2seq(model, pairs, Seq2SeqConfig(batch_size=8, epochs=1, progress=False))
    assert [r for r in caplog.records if r.levelno == logging.WARNING] == []

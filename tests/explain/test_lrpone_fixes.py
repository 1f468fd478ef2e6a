"""`lstmkit explain` of a classifier runs the float32 model once a batch, its prediction read from
the LRP's own output (``Explanation.output``); `text predict --json` builds no text blocks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.explain import explain, lrp
from lstmkit.text import ClassifierEnsemble, TextClassifier
from lstmkit.text.sentiment import SentimentPredictor
from lstmkit.text.vocab import Vocabulary, length_batches, pad_batch

WORDS = "a good bad film not at all".split()
# 70 sentences of 1 to 7 words: two batches of 64 at most, sorted by length
SENTENCES = [" ".join(WORDS[(k + j) % 7] for j in range(1 + k % 7)) for k in range(70)]


def _counted_load(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every call of the loaded model's forward, as a list to count."""
    calls: list[int] = []
    load = SentimentPredictor.load.__func__  # type: ignore[attr-defined]

    def counted(cls, *args, **kwargs) -> SentimentPredictor:
        predictor = load(cls, *args, **kwargs)
        predictor.model.register_forward_hook(lambda *_: calls.append(1))
        return predictor

    monkeypatch.setattr(SentimentPredictor, "load", classmethod(counted))
    return calls


def _batches(predictor: SentimentPredictor) -> int:
    ids = [predictor.vocab.encode(predictor.tokens(t)) for t in SENTENCES]
    return len(list(length_batches(ids, 64)))


def test_explain_file_runs_the_model_once_a_batch(
    classifier_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    lines = tmp_path / "s.txt"
    lines.write_text("\n".join(SENTENCES) + "\n", "utf-8")
    calls = _counted_load(monkeypatch)
    assert main(["explain", str(classifier_dir), "--file", str(lines), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    predictor = SentimentPredictor.load(classifier_dir)
    batches = _batches(predictor)
    assert batches == 2
    assert len(calls) == batches  # was 4: the LRP's output check, then predict_proba again
    # the prediction is predict_proba's to the bit (what explain printed before, byte for byte)
    probs = predictor.predict_proba(SENTENCES)
    assert [(r["predicted"], r["probability"]) for r in records] == [
        (predictor.labels[int(p.argmax())], float(p.max())) for p in probs
    ]
    # a method without the model's output predicts apart, to the same probabilities
    calls.clear()
    argv = ["explain", str(classifier_dir), "--file", str(lines), "--json"]
    assert main([*argv, "--method", "occlusion"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["probability"] for r in records] == [float(p.max()) for p in probs]


def test_lrp_exposes_the_models_output_as_a_prediction_computes_it() -> None:
    torch.manual_seed(0)
    model = TextClassifier(12, 5, 4, 3).eval()
    tokens, lengths = pad_batch([[3, 4, 5, 6], [7, 2], [8, 9, 10]])
    with torch.no_grad():
        expected = model(tokens, lengths)
    ex = lrp(model, tokens, lengths=lengths)
    assert ex.output is not None and ex.output.dtype == torch.float32
    assert torch.equal(ex.output, expected)  # bit for bit: a prediction needs no second run
    assert not ex.output.requires_grad
    assert lrp(model, tokens, lengths=lengths, check=False).output is None  # no model run
    assert explain(model, tokens, method="gradxinput", lengths=lengths).output is None
    ensemble = ClassifierEnsemble([model, TextClassifier(12, 5, 4, 3).eval()])
    with torch.no_grad():
        expected = ensemble(tokens, lengths)
    for method in ("lrp", "gradxinput"):
        got = explain(ensemble, tokens, method=method, lengths=lengths).output
        assert got is not None and torch.equal(got, expected)


def test_an_ensembles_explain_file_prints_predict_probas_probabilities(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier

    torch.manual_seed(1)
    vocab = Vocabulary.build(SENTENCES)
    model = ClassifierEnsemble([TextClassifier(len(vocab), 6, 5, 2).eval() for _ in range(2)])
    save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), tmp_path / "m")
    lines = tmp_path / "s.txt"
    lines.write_text("\n".join(SENTENCES) + "\n", "utf-8")
    calls = _counted_load(monkeypatch)
    assert main(["explain", str(tmp_path / "m"), "--file", str(lines), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    predictor = SentimentPredictor.load(tmp_path / "m")
    assert len(calls) == _batches(predictor) == 2  # the ensemble's forward; was 4
    probs = predictor.predict_proba(SENTENCES)
    assert [r["probability"] for r in records] == [float(p.max()) for p in probs]


def test_text_predict_json_builds_no_text_block(
    classifier_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch, sum_line
) -> None:
    import lstmkit.cli.text as text_cli

    aligned: list[int] = []
    padded = text_cli.padded_column

    def counted(*args, **kwargs):
        aligned.append(1)
        return padded(*args, **kwargs)

    monkeypatch.setattr(text_cli, "padded_column", counted)
    argv = ["text", "predict", str(classifier_dir), "good film", "bad", "--explain"]
    assert main([*argv, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert aligned == []  # was 4: the probabilities' and the tokens' columns of each sentence
    assert main(argv) == 0
    blocks = capsys.readouterr().out.rstrip("\n").split("\n\n")
    assert len(aligned) == 4
    predictor = SentimentPredictor.load(classifier_dir)
    for block, record in zip(blocks, records, strict=True):
        probs = record["probabilities"]
        assert block.splitlines() == [
            f"> {record['text']}",
            record["label"],
            *(f"  {name:>14}: {p:.3f}" for name, p in probs.items()),
            f"LRP relevance for {record['label']!r} (+ for, - against):",
            *(f"  {tok:>16} {r:+.3f}" for tok, r in record["relevance"]),
            sum_line(predictor, record["text"], record["label"]),
        ]

"""txt37: ``text train`` and ``text evaluate`` take the columns ``text`` and ``label`` of a
``--csv`` without their flags; the seq2seq training accuracy is measured on distinct numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import seq2seq
from lstmkit.text.seq2seq import Seq2SeqConfig, encode_number, split_numbers, train_numbers

WORDS = {"pos": ("great", "lovely", "superb"), "neg": ("dull", "awful", "boring")}
TINY = ["--embed-dim", "8", "--hidden-size", "8", "--dropout", "0", "--lr", "0.05"]
TINY += ["--batch-size", "4", "--epochs", "6", "--evals-per-epoch", "2", "--no-progress"]


def _reviews(path: Path, header: str) -> Path:
    """20 texts of each class under ``header``, the text first."""
    rows = [
        f"The film was {words[k % 3]} {k}.,{label}\n"
        for k in range(20)
        for label, words in WORDS.items()
    ]
    path.write_text(header + "\n" + "".join(rows), encoding="utf-8")
    return path


def test_text_train_and_evaluate_read_the_columns_named_text_and_label(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "error: --csv needs --text-col and --label-col ('reviews.csv' has the columns text,
    # label)." for the very columns the flags would name
    csv, out = _reviews(tmp_path / "reviews.csv", "text,label"), tmp_path / "model"
    assert main(["text", "train", "--csv", str(csv), "--out", str(out), *TINY, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == (
        f"note: reading the columns text and label of {str(csv)!r} as --text-col and --label-col."
    )
    payload = json.loads(captured.out)
    assert payload["labels"] == ["neg", "pos"]
    assert payload["split"] == {"train": 32, "dev": 4, "test": 4}
    # any case, and one flag given: the other is taken
    new = _reviews(tmp_path / "new.csv", "Text,LABEL")
    assert main(["text", "evaluate", str(out), "--csv", str(new), "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        f"note: reading the columns Text and LABEL of {str(new)!r} as --text-col and --label-col.\n"
    )
    assert json.loads(captured.out)["texts"] == 40
    assert main(["text", "evaluate", str(out), "--csv", str(new), "--text-col", "Text"]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"note: reading the column LABEL of {str(new)!r} as --label-col.\n"
    assert captured.out.startswith(f"{str(new)!r}: 40 texts, accuracy ")


@pytest.mark.parametrize("command", ["train", "evaluate"])
@pytest.mark.parametrize(
    ("header", "flags", "missing", "columns"),
    [
        ("text,label,Text", [], "--text-col and --label-col", "text, label, Text"),
        ("text,label,Text", ["--label-col", "label"], "--text-col", "text, label, Text"),
        ("text,label", ["--label-col", "text"], "--text-col", "text, label"),
        ("review,label", [], "--text-col and --label-col", "review, label"),
        ("text,rating", ["--text-col", "text"], "--label-col", "text, rating"),
    ],
)
def test_other_headers_are_refused_as_before_and_nothing_is_said_taken(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    header: str,
    flags: list[str],
    missing: str,
    columns: str,
) -> None:
    # two columns of the name, the name given to the other flag, or a flag left missing: the
    # refusal names the file's columns, with no note of a column taken first
    csv = _reviews(tmp_path / "r.csv", header)
    model = tmp_path / "model"  # not there: text evaluate refuses the flags before the model
    model.mkdir()
    for name in ("config.json", "model.safetensors", "vocab.json"):
        (model / name).write_text("{}")
    argv = ["text", "train", "--csv", str(csv), "--out", str(tmp_path / "o")]
    if command == "evaluate":
        argv = ["text", "evaluate", str(model), "--csv", str(csv)]
    assert main([*argv, *flags]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv needs {missing} ({str(csv)!r} has the columns {columns}).\n"
    )


def test_seq2seq_train_accuracy_is_measured_on_distinct_training_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the first training pairs repeat the one-digit numbers (half of these 30): the first 12
    # held 9 distinct numbers, 3 one-digit ones twice, and were measured so
    monkeypatch.setattr(seq2seq, "TRAIN_EVAL_PAIRS", 12)
    config = Seq2SeqConfig(
        max_digits=2, train_size=30, test_size=5, embed_dim=2, hidden_size=3, num_layers=1,
        batch_size=30, epochs=1, beam_size=2, seed=3, progress=False,
    )  # fmt: skip
    train, _ = split_numbers(30, 5, 2, torch.Generator().manual_seed(3))
    assert len(set(train[:12])) < 12  # the sample this fixes: repeats among the first pairs
    distinct = list(dict.fromkeys(train))
    assert len(distinct) == 25  # the 10 of one digit and 15 of two
    decoded: list[list[list[int]]] = []
    real = seq2seq.greedy_decode

    def greedy(model: seq2seq.Seq2Seq, sources: list[list[int]], max_len: int) -> list:
        decoded.append(sources)
        return real(model, sources, max_len)

    monkeypatch.setattr(seq2seq, "greedy_decode", greedy)
    m = train_numbers(config).metrics
    assert decoded[1] == [encode_number(n)[0] for n in distinct[:12]]
    assert (m["train_accuracy_pairs"], m["train_pairs"]) == (12, 30)
    monkeypatch.setattr(seq2seq, "TRAIN_EVAL_PAIRS", 1000)  # all 25, not the 30 pairs
    assert train_numbers(config).metrics["train_accuracy_pairs"] == 25

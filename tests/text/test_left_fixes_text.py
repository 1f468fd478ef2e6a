"""Fixes for small defects of the text commands left by earlier sessions, each pinned."""

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import seq2seq


def _save(kind: str, folder: Path) -> None:
    """An untrained model of ``kind``, saved in ``folder``: enough to load and run."""
    from lstmkit.text import (
        CharLM,
        CharLMConfig,
        CharVocab,
        SentimentConfig,
        Seq2Seq,
        Seq2SeqConfig,
        TextClassifier,
        Vocabulary,
        save_charlm,
        save_classifier,
        save_seq2seq,
    )
    from lstmkit.text.charlm import CharLMResult
    from lstmkit.text.sentiment import SentimentResult
    from lstmkit.text.seq2seq import Seq2SeqResult

    torch.manual_seed(0)
    if kind == "classifier":
        vocab = Vocabulary.build(["a good film", "a bad film"])
        model = TextClassifier(len(vocab), 4, 3, 2).eval()
        save_classifier(SentimentResult(model, vocab, SentimentConfig()), folder)
    elif kind == "charlm":
        lm = CharLM(3, 2, 4, 1)
        save_charlm(CharLMResult(lm, CharVocab(list("ab\n")), CharLMConfig()), folder)
    else:
        save_seq2seq(Seq2SeqResult(Seq2Seq(11, 6, 4, 8, 1), Seq2SeqConfig()), folder)


@pytest.mark.parametrize(
    ("kind", "argv"),
    [
        ("classifier", ["predict", "RUN", "a good film", "--json"]),
        ("charlm", ["generate", "RUN", "--prompt", "a", "--length", "4", "--seed", "1"]),
        ("seq2seq", ["spell", "RUN", "12", "--beam", "2"]),
    ],
)
def test_a_run_folder_with_the_model_in_model_is_read_as_forecast_reads_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, argv: list[str]
) -> None:
    # `lstmkit forecast RUN` reads RUN/model; the text commands said RUN was "not a saved
    # lstmkit ... model: missing config.json, model.safetensors"
    run = tmp_path / "run"
    _save(kind, run / "model")
    outputs = []
    for folder in (run / "model", run):
        assert main(["text", *[str(folder) if a == "RUN" else a for a in argv]]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[1] == outputs[0]
    assert outputs[0]


@pytest.mark.parametrize("beam", ["1", "3"])
def test_spell_says_so_when_the_model_writes_no_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, beam: str
) -> None:
    # an undertrained model ends at once: a bare empty line was all a user saw
    _save("seq2seq", tmp_path / "s")
    monkeypatch.setattr(seq2seq, "spell", lambda model, number, beam_size=1, max_digits=None: "")
    assert main(["text", "spell", str(tmp_path / "s"), "12", "--beam", beam]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "\n",
        "note: the model wrote no words for 12 (an undertrained model ends at once; train it "
        "longer).\n",
    )
    assert main(["text", "spell", str(tmp_path / "s"), "12", "--beam", beam, "--json"]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        f'{{"number": "12", "words": "", "beam": {beam}}}\n',
        "",
    )


# --- int_ids: integer tensors and arrays in one tolist ----------------------------------------


@pytest.mark.parametrize(
    "ids",
    [
        torch.tensor([3, 0, 7], dtype=torch.int64),
        torch.tensor([3, 0, 7], dtype=torch.int32),
        torch.tensor([3, 0, 7], dtype=torch.uint8),
        np.array([3, 0, 7], dtype=np.int64),
        np.array([3, 0, 7], dtype=np.uint16),
    ],
    ids=["int64", "int32", "uint8", "np.int64", "np.uint16"],
)
def test_int_ids_reads_integer_vectors_without_a_look_at_each_entry(
    ids: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a million ids in a tensor took 1.4 s, checked one by one with operator.index
    from lstmkit.text import _checks

    def one_by_one(entry: object) -> int:
        raise AssertionError("checked entry by entry")

    monkeypatch.setattr(_checks, "operator", SimpleNamespace(index=one_by_one))
    out = _checks.int_ids(ids)
    assert out == [3, 0, 7]
    assert [type(i) for i in out] == [int, int, int]


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (
            torch.tensor([1.0, 2.5]),
            "Tensor tensor(1.) at `ids[0]`, Tensor tensor(2.5000) at `ids[1]`",
        ),
        (np.array([True, False]), "np.True_ at `ids[0]`, np.False_ at `ids[1]`"),
        (torch.tensor([[1, 2]]), "Tensor tensor([1, 2]) at `ids[0]`"),  # a row is no int
    ],
    ids=["float tensor", "bool array", "2-D tensor"],
)
def test_int_ids_other_tensors_and_arrays_are_refused_as_before(ids: object, message: str) -> None:
    from lstmkit.text._checks import int_ids

    with pytest.raises(TypeError) as exc:
        int_ids(ids)
    assert str(exc.value) == f"`ids` must hold ints, got {message}."

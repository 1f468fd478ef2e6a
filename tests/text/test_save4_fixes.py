"""Saving and loading, fourth pass (text): the Python loaders read a folder whose ``model/``
holds the model, as ``Forecaster.load``, ``io.load_model`` and the commands read it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import torch

from lstmkit.text import (
    CharLM,
    CharLMConfig,
    CharVocab,
    SentimentConfig,
    SentimentPredictor,
    Seq2Seq,
    Seq2SeqConfig,
    TextClassifier,
    Vocabulary,
    load_charlm,
    load_seq2seq,
    save_charlm,
    save_classifier,
    save_seq2seq,
)
from lstmkit.text.charlm import CharLMResult
from lstmkit.text.sentiment import SentimentResult
from lstmkit.text.seq2seq import Seq2SeqResult, saved_max_digits


def _save(kind: str, folder: Path) -> None:
    """An untrained model of ``kind``, saved in ``folder``."""
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


def _state(loaded: object) -> dict[str, torch.Tensor]:
    module = loaded.model if isinstance(loaded, SentimentPredictor) else loaded
    return (module[0] if isinstance(module, tuple) else module).state_dict()


@pytest.mark.parametrize(
    ("kind", "load"),
    [("classifier", SentimentPredictor.load), ("charlm", load_charlm), ("seq2seq", load_seq2seq)],
    ids=["classifier", "charlm", "seq2seq"],
)
def test_the_text_loaders_read_a_folder_whose_model_folder_holds_the_model(
    tmp_path: Path, kind: str, load: Callable[[Path], object]
) -> None:
    # they said "'.../run' is not a saved lstmkit classifier model: missing config.json,
    # model.safetensors", where Forecaster.load, io.load_model and `lstmkit text predict RUN`
    # read RUN/model
    run = tmp_path / "run"
    _save(kind, run / "model")
    direct, through = _state(load(run / "model")), _state(load(run))
    assert list(through) == list(direct)
    assert all(torch.equal(through[k], direct[k]) for k in direct)
    if kind == "seq2seq":
        assert saved_max_digits(run) == saved_max_digits(run / "model")


def test_a_folder_whose_model_folder_holds_another_kind_is_refused_naming_it(tmp_path: Path):
    # as before: the refusal names the model/ folder and what it holds
    run = tmp_path / "run"
    _save("charlm", run / "model")
    with pytest.raises(ValueError) as err:
        SentimentPredictor.load(run)
    assert str(err.value) == (
        f"{str(run / 'model')!r} holds a character language model (kind 'charlm'), "
        "which `lstmkit text generate` runs (lstmkit.text.load_charlm in Python), not a "
        "sentiment classifier (kind 'classifier')."
    )


# ---- 4. --out holding a folder named as a file the command does not write -------------------


@pytest.mark.parametrize(
    ("kind", "odd"),
    [
        ("charlm", "vocab.json"),
        ("charlm", "metrics.json"),
        ("seq2seq", "training.png"),
        ("seq2seq", "vocab.json"),
    ],
)
def test_out_holding_a_folder_named_as_another_commands_file_is_taken(
    tmp_path: Path, kind: str, odd: str
) -> None:
    # refused: "--out '...' holds a folder named 'vocab.json', where a file of that name is to
    # be written", which train-lm and train-seq2seq never write (a classifier's files)
    from lstmkit.cli.text import _check_out

    (tmp_path / odd).mkdir()
    assert _check_out(str(tmp_path), kind) == tmp_path
    assert (tmp_path / odd).is_dir()


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("to be or not to be, that is the question\n" * 40, encoding="utf-8")
    return corpus


def test_train_lm_writes_beside_a_folder_named_vocab_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main

    out = tmp_path / "lm"
    (out / "vocab.json").mkdir(parents=True)
    argv = ["text", "train-lm", "--file", str(_corpus(tmp_path)), "--out", str(out)]
    tiny = ["--max-steps", "1", "--eval-every", "1", "--hidden-size", "4", "--embed-dim", "2"]
    assert main([*argv, *tiny, "--batch-size", "2", "--bptt", "8", "--no-progress"]) == 0
    assert capsys.readouterr().err == ""
    assert sorted(p.name for p in out.iterdir()) == [
        "config.json",
        "model.safetensors",
        "training.png",
        "vocab.json",
    ]
    assert load_charlm(out)[1].chars == sorted(set(_corpus(tmp_path).read_text()))


def test_train_lm_refuses_a_folder_named_as_a_file_it_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main

    out = tmp_path / "lm"
    (out / "training.png").mkdir(parents=True)
    argv = ["text", "train-lm", "--file", str(_corpus(tmp_path)), "--out", str(out)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds a folder named 'training.png', where a file of that "
        "name is to be written; move it or choose another folder.\n"
    )

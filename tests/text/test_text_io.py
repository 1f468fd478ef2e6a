"""Text model folders received from someone else, damaged or tampered with: every loader refuses
them naming the file and the entry, before building anything large, and never loads weights
that would silently change the predictions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from safetensors.torch import load_file, save_file

from lstmkit.cli import main
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
from lstmkit.text.seq2seq import Seq2SeqResult


def _classifier(folder: Path) -> Path:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    save_classifier(
        SentimentResult(TextClassifier(len(vocab), 4, 3, 2), vocab, SentimentConfig()), folder
    )
    return folder


def _charlm(folder: Path) -> Path:
    save_charlm(CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), CharLMConfig()), folder)
    return folder


def _seq2seq(folder: Path) -> Path:
    save_seq2seq(Seq2SeqResult(Seq2Seq(11, 6, 4, 8, 1), Seq2SeqConfig()), folder)
    return folder


MODELS: dict[str, tuple[Callable[[Path], Path], Callable[[Path], Any], str]] = {
    "classifier": (_classifier, SentimentPredictor.load, "sentiment classifier"),
    "charlm": (_charlm, load_charlm, "character language model"),
    "seq2seq": (_seq2seq, load_seq2seq, "seq2seq model"),
}


def _edit_config(folder: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    config = json.loads((folder / "config.json").read_text())
    edit(config)
    (folder / "config.json").write_text(json.dumps(config))


def _refusal(kind: str, tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> str:
    make, load, _ = MODELS[kind]
    folder = make(tmp_path / kind)
    _edit_config(folder, edit)
    with pytest.raises(ValueError) as err:
        load(folder)
    return str(err.value).replace(str(folder), "M")


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_a_huge_hidden_size_is_refused_before_anything_is_allocated(kind, tmp_path):
    # hidden_size 10**9 allocated 64 GB (4 * H * H floats) before failing, then was told
    # torch's "Storage size calculation overflowed with sizes=[4000000000, 1000000000]";
    # 10**5 (160 GB of weights, no overflow) fails against the file's shapes: both now do,
    # without memory, naming a tensor that does not fit
    # every tensor named with both its shapes, in io.load_model's words (it was a count and
    # one example: "9 tensor(s) of another shape (e.g. head.weight: the config gives (2,
    # 2000000000), the file holds (2, 6))")
    misfit = (
        "shape mismatches: "
        + {
            "classifier": "head.weight is (2, 2000000000) in the module and (2, 6) in the file, "
            "rnn.bias_hh_l0 is (4000000000,) in the module and (12,) in the file, "
            "rnn.bias_hh_l0_reverse is (4000000000,) in the module and (12,) in the file, "
            "rnn.bias_ih_l0 is (4000000000,) in the module and (12,) in the file, "
            "rnn.bias_ih_l0_reverse is (4000000000,) in the module and (12,) in the file, "
            "rnn.weight_hh_l0 is (4000000000, 1000000000) in the module and (12, 3) in the file, "
            "rnn.weight_hh_l0_reverse is (4000000000, 1000000000) in the module and (12, 3) in the "
            "file, rnn.weight_ih_l0 is (4000000000, 4) in the module and (12, 4) in the file, "
            "rnn.weight_ih_l0_reverse is (4000000000, 4) in the module and (12, 4) in the file",
            "charlm": "head.weight is (3, 1000000000) in the module and (3, 2) in the file, "
            "rnn.bias_hh_l0 is (4000000000,) in the module and (8,) in the file, "
            "rnn.bias_ih_l0 is (4000000000,) in the module and (8,) in the file, "
            "rnn.weight_hh_l0 is (4000000000, 1000000000) in the module and (8, 2) in the file, "
            "rnn.weight_ih_l0 is (4000000000, 2) in the module and (8, 2) in the file",
            "seq2seq": "decoder.bias_hh_l0 is (4000000000,) in the module and (32,) in the file, "
            "decoder.bias_ih_l0 is (4000000000,) in the module and (32,) in the file, "
            "decoder.weight_hh_l0 is (4000000000, 1000000000) in the module and (32, 8) in the "
            "file, decoder.weight_ih_l0 is (4000000000, 4) in the module and (32, 4) in the file, "
            "encoder.bias_hh_l0 is (4000000000,) in the module and (32,) in the file, "
            "encoder.bias_ih_l0 is (4000000000,) in the module and (32,) in the file, "
            "encoder.weight_hh_l0 is (4000000000, 1000000000) in the module and (32, 8) in the "
            "file, encoder.weight_ih_l0 is (4000000000, 4) in the module and (32, 4) in the file, "
            "head.weight is (6, 1000000000) in the module and (6, 8) in the file",
        }[kind]
    )
    message = _refusal(kind, tmp_path, lambda c: c["model"].update(hidden_size=10**9))
    assert message == (
        f"'M/model.safetensors' does not fit the model described by 'M/config.json': {misfit}."
    )
    # a shape of more values than torch counts (2**63-1) cannot be built even without memory
    what = MODELS[kind][2]
    message = _refusal(kind, tmp_path / "c", lambda c: c["model"].update(hidden_size=10**10))
    assert message == (
        f"'M/config.json' does not describe a usable {what}: its sizes make tensors too large "
        "to hold (a tensor of shape (40000000000, 10000000000) would hold 4e+20 values, more "
        "than torch counts in one tensor (2**63-1))."
    )
    message = _refusal(kind, tmp_path / "b", lambda c: c["model"].update(hidden_size=10**5))
    assert message.startswith(
        "'M/model.safetensors' does not fit the model described by 'M/config.json': "
    )
    assert "shape mismatches: " in message


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_a_size_missing_from_the_config_is_named_with_the_default_it_took(kind, tmp_path):
    # hidden_size absent took the constructor's default, and the message named only shapes
    message = _refusal(kind, tmp_path, lambda c: c["model"].pop("hidden_size"))
    if kind == "classifier":  # a required argument
        what = MODELS[kind][2]
        assert message == (
            f"'M/config.json' does not describe a usable {what}: its entry 'model' lacks "
            "'hidden_size'."
        )
        return
    default = {"charlm": 256, "seq2seq": 128}[kind]
    assert message.startswith(
        "'M/model.safetensors' does not fit the model described by 'M/config.json': "
    )
    assert message.endswith(
        f"; its entry 'model' lacks hidden_size (default {default}), so the default was used."
    )

    def two(config: dict[str, Any]) -> None:
        del config["model"]["hidden_size"], config["model"]["embed_dim"]

    assert _refusal(kind, tmp_path / "b", two).endswith("so the defaults were used.")
    # an argument added since a model was saved may be missing from a config that fits
    make, load, _ = MODELS[kind]
    folder = make(tmp_path / "c")
    _edit_config(folder, lambda c: c["model"].pop("dropout"))
    assert load(folder) is not None


@pytest.mark.parametrize("kind", ["charlm", "seq2seq"])
def test_more_layers_than_the_file_has_tensors_are_refused_before_they_are_built(kind, tmp_path):
    # num_layers 10**6 built a million layers (minutes) before the shapes were compared
    what = MODELS[kind][2]
    tensors = {"charlm": 7, "seq2seq": 12}[kind]
    assert _refusal(kind, tmp_path, lambda c: c["model"].update(num_layers=10**6)) == (
        f"'M/config.json' does not describe a usable {what}: model.num_layers is 1000000, but "
        f"'M/model.safetensors' holds only {tensors} tensors."
    )


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_a_model_entry_that_is_no_object_is_named(kind, tmp_path):
    what = MODELS[kind][2]
    assert _refusal(kind, tmp_path, lambda c: c.update(model=[8, 2])) == (
        f"'M/config.json' does not describe a usable {what}: its entry 'model' must be a JSON "
        "object of the model's sizes, got list [8, 2]."
    )


@pytest.mark.parametrize(
    ("labels", "shown"),
    [
        ({"negative": 0, "positive": 1}, "{'negative': 0, 'positive': 1}"),  # read as its keys
        ("np", "'np'"),  # read as its letters
        (["good", "good"], "['good', 'good']"),  # two classes shown as one
    ],
)
def test_classifier_labels_must_be_a_list_of_distinct_names(labels, shown, tmp_path):
    assert _refusal("classifier", tmp_path, lambda c: c.update(labels=labels)) == (
        "'M/config.json' does not describe a usable sentiment classifier: its entry 'labels' "
        f"must be a list of distinct, non-empty class names (strings), got {shown}."
    )


@pytest.mark.parametrize(("members", "shown"), [(2.5, "2.5"), ("2", "'2'"), (0, "0")])
def test_classifier_members_must_be_a_positive_int(members, shown, tmp_path):
    # 2.5 was read as 2 members, "abc" failed in int() without naming the entry
    assert _refusal("classifier", tmp_path, lambda c: c["model"].update(members=members)) == (
        "'M/config.json' does not describe a usable sentiment classifier: `members` must be a "
        f"positive integer, got {shown}."
    )


def test_a_kind_that_is_no_string_is_named(tmp_path):
    # a list as kind raised "unhashable type: 'list'"
    assert _refusal("charlm", tmp_path, lambda c: c.update(kind=["charlm"])) == (
        "'M' holds a model (kind ['charlm']), not a character language model (kind 'charlm')."
    )


@pytest.mark.parametrize("kind", sorted(MODELS))
@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda t: (t * 100).long(),
            "tensors of another dtype than the model's: {names} (int64), where it takes "
            "float16, bfloat16, float32 or float64",
        ),
        (
            lambda t: t > 0,
            "tensors of another dtype than the model's: {names} (bool), where it takes "
            "float16, bfloat16, float32 or float64",
        ),
        (lambda t: t.fill_(float("nan")), "NaN or infinite values in {names}"),
    ],
)
def test_weights_that_would_change_the_outputs_silently_are_refused(
    kind, change, problem, tmp_path
):
    # int64 and bool weights were converted to floats (other predictions), NaN ones gave NaN
    make, load, _ = MODELS[kind]
    folder = make(tmp_path / kind)
    weights = load_file(folder / "model.safetensors")
    first = sorted(weights)[0]
    weights[first] = change(weights[first])
    save_file(weights, folder / "model.safetensors")
    with pytest.raises(ValueError) as err:
        load(folder)
    assert str(err.value) == (
        f"{str(folder / 'model.safetensors')!r} is no usable set of weights: "
        f"{problem.format(names=first)}."
    )


def test_float16_weights_still_load_in_their_dtype(tmp_path):
    folder = _charlm(tmp_path / "lm")
    weights = {k: v.half() for k, v in load_file(folder / "model.safetensors").items()}
    save_file(weights, folder / "model.safetensors")
    model, _ = load_charlm(folder)
    assert {p.dtype for p in model.parameters()} == {torch.float16}


def test_deeply_nested_json_is_one_line_error_in_the_cli(tmp_path, capsys):
    # "[[[[..." raised RecursionError, a traceback from the command line
    folder = _seq2seq(tmp_path / "s")
    (folder / "config.json").write_text("[" * 100_000)
    assert main(["text", "spell", str(folder), "12"]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(folder / 'config.json')!r} is not usable JSON (nested too deep to read).\n"
    )


def test_a_classifier_save_that_fails_part_way_leaves_the_old_one(tmp_path, file_size_limit):
    # vocab.json was written after the weights and config.json: a failure there (a full disk)
    # left the new model beside the old vocabulary, which loaded with every word's id wrong
    folder = _classifier(tmp_path / "m")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    words = [f"word{k:04d}" + "x" * 30 for k in range(200)]
    vocab = Vocabulary.build([" ".join(words)])
    new = SentimentResult(TextClassifier(len(vocab), 4, 3, 2), vocab, SentimentConfig())
    with file_size_limit(6000), pytest.raises(OSError):
        save_classifier(new, folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    SentimentPredictor.load(folder)


@pytest.mark.parametrize(
    ("chars", "problem"),
    [
        (3, "a string, got int 3"),
        ([1, 2, 3], "a string, got list [1, 2, 3]"),
        ([["a"], "b", "c"], "a string, got list [['a'], 'b', 'c']"),
        ("", "a non-empty string, got ''"),
        (
            ["ab", "c", "d"],
            "a string of distinct characters, got ['ab', 'c', 'd']: 'ab' (not one character)",
        ),
        ("aab", "a string of distinct characters, got 'aab': 'a' more than once"),
    ],
    ids=["int", "ints", "lists", "empty", "not-one-character", "repeated"],
)
def test_charlm_chars_that_are_no_alphabet_are_named(chars, problem, tmp_path):
    # [1, 2, 3] said "object of type 'int' has no len()", [["a"], ...] "unhashable type: 'list'";
    # 'aab' and ['ab', 'c', 'd'] CharVocab's "`chars` must be distinct single characters, got
    # ...": an argument the reader of a saved model never gave (lefttext named the entry for ''
    # only, revtext the others)
    assert _refusal("charlm", tmp_path, lambda c: c.update(chars=chars)) == (
        "'M/config.json' does not describe a usable character language model: its entry "
        f"'chars' must be the alphabet as {problem}."
    )


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            lambda c: c.update(train=3),
            "its entry 'train' must be a JSON object of the training settings, got int 3.",
        ),
        (lambda c: c["train"].pop("max_digits"), "its entry 'train' lacks max_digits."),
    ],
    ids=["not an object", "without max_digits"],
)
def test_seq2seq_train_entry_that_gives_no_max_digits_is_named(edit, problem, tmp_path, capsys):
    # "'int' object is not subscriptable"; "it lacks the entry 'max_digits'" (not at the top)
    folder = _seq2seq(tmp_path / "s")
    _edit_config(folder, edit)
    assert main(["text", "spell", str(folder), "12"]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(folder / 'config.json')!r} does not describe a usable seq2seq model: "
        f"{problem}\n"
    )

"""Text leftovers: counts past torch's int64, the interrupted generate's seed note and signal,
and the refusals of text/ that named a wrong type as a bad value (or not at all)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit._checks import ConfigTypeError, TextForNumberError
from lstmkit._interrupts import _Terminated
from lstmkit.cli import main
from lstmkit.text import charlm, seq2seq
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sst import load_sst
from lstmkit.text.vocab import Vocabulary, batches, length_batches

BIG = 10**30
SHOWN = "1e+30 (an int of 31 digits)"  # lib23: BIG was shown in its 31 digits
INT64 = "must be an integer of magnitude at most 2**63-1 (torch's int64), got " + SHOWN + "."


# --- counts past torch's int64 --------------------------------------------------------------


def test_batches_refuse_a_batch_size_past_int64_as_the_configs_do() -> None:
    # 10**30 was taken (one batch of everything), where SentimentConfig(batch_size=10**30)
    # and --batch-size 1e30 are refused
    for make in (
        lambda size: batches([[1], [2]], [0, 1], size),
        lambda size: length_batches([[1], [2]], size),
    ):
        with pytest.raises(ValueError) as info:
            next(iter(make(BIG)))
        assert type(info.value) is ValueError and str(info.value) == f"`batch_size` {INT64}"
        with pytest.raises(ValueError) as info:  # told its sign, as every count is
            next(iter(make(-BIG)))
        # shortened as SentimentConfig(batch_size=-BIG) shows it (it was shown whole)
        assert str(info.value) == f"`batch_size` must be a positive integer, got -{SHOWN}."
        # the largest int64 is taken: one batch
        assert len(list(make(2**63 - 1))) == 1
        assert len(list(make(np.int64(1)))) == 2


def test_length_batches_refuses_a_batch_size_below_one() -> None:
    # 0 failed in range() as "range() arg 3 must not be zero", naming no argument
    with pytest.raises(ValueError) as info:
        next(length_batches([[1]], 0))
    assert str(info.value) == "`batch_size` must be a positive integer, got 0."
    with pytest.raises(TypeError) as wrong:
        next(length_batches([[1]], True))
    assert str(wrong.value) == "`batch_size` must be an integer, got bool True."


def test_vocabulary_build_refuses_counts_past_int64() -> None:
    for name in ("min_freq", "max_size"):
        with pytest.raises(ValueError) as info:
            Vocabulary.build(["a b"], **{name: BIG})
        assert str(info.value) == f"`{name}` {INT64}"
    assert Vocabulary.build(["a b a"], min_freq=2, max_size=2**63 - 1).itos[2:] == ["a"]


def test_generate_refuses_a_length_past_int64_with_the_other_problems(lm_dir: Path) -> None:
    # length=10**30 sampled without end, where --length 1e30 is refused
    model, vocab = charlm.load_charlm(lm_dir)
    with pytest.raises(ValueError) as info:
        charlm.generate(model, vocab, "", length=BIG, temperature=-1)
    assert str(info.value) == (
        f"`prompt` must be non-empty, got ''. `length` {INT64} "
        "`temperature` must be a finite number >= 0, got -1."  # as given, as sample_next
    )
    with pytest.raises(ValueError) as info:
        charlm.sample_next(torch.zeros(3), top_k=BIG)
    assert str(info.value) == f"`top_k` {INT64}"


def test_charlm_streams_and_evaluate_loss_refuse_sizes_past_int64(lm_dir: Path) -> None:
    model, _ = charlm.load_charlm(lm_dir)
    with pytest.raises(ValueError) as info:
        charlm.streams(torch.arange(8), BIG)
    assert str(info.value) == f"`batch_size` {INT64}"
    with pytest.raises(ValueError) as info:
        charlm.evaluate_loss(model, torch.zeros(8, dtype=torch.long), batch_size=0, bptt=BIG)
    assert str(info.value) == f"`batch_size` must be a positive integer, got 0. `bptt` {INT64}"


def test_seq2seq_decoders_refuse_counts_past_int64() -> None:
    # max_len=10**30 decoded without end where the model never emits <eos>
    torch.manual_seed(0)
    model = seq2seq.Seq2Seq(11, len(seq2seq.TARGET_TOKENS), embed_dim=2, hidden_size=2)
    with pytest.raises(ValueError) as info:
        seq2seq.greedy_decode(model, [[3]], BIG)
    assert type(info.value) is ValueError and str(info.value) == f"`max_len` {INT64}"
    with pytest.raises(ValueError) as info:
        seq2seq.beam_decode(model, [3], beam_size=BIG, max_len=0)
    assert str(info.value) == (f"`beam_size` {INT64} `max_len` must be a positive integer, got 0.")
    # text that reads as such a number is told it would be refused too
    with pytest.raises(TextForNumberError) as text:
        seq2seq.spell(model, "5", beam_size="1e30")
    assert str(text.value) == (
        "`beam_size` must be a positive integer, got '1e30' (a number, not text: 1e+30; but "
        "1e+30 would be refused too)."
    )


# --- seq2seq ---------------------------------------------------------------------------------


def test_normalize_number_shows_an_int_as_an_int() -> None:
    # "got 3 digits: '123'" quoted the int 123 as if it were text
    with pytest.raises(ValueError) as info:
        seq2seq.normalize_number(123, max_digits=2)
    assert (
        str(info.value) == "`number` must have at most 2 digits (max_digits=2), got 3 digits: 123."
    )
    with pytest.raises(ValueError) as info:
        seq2seq.normalize_number(np.int64(1234), max_digits=3)
    assert str(info.value) == (
        "`number` must have at most 3 digits (max_digits=3), got 4 digits: 1234."
    )
    with pytest.raises(ValueError) as info:  # text stays quoted, as typed
        seq2seq.normalize_number("0123", max_digits=2)
    assert str(info.value) == (
        "`number` must have at most 2 digits (max_digits=2), got 3 digits (leading zeros "
        "dropped): '0123'."
    )


# --- the interrupted generate: its note and its signal --------------------------------------


class _Drawn:
    """random.SystemRandom as the CLI calls it, drawing 7."""

    def randrange(self, stop: int) -> int:
        return 7


def test_an_interrupted_generate_says_what_its_seed_gives_again(
    lm_dir: Path,
    interrupt_at_step: Callable[[int, type], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # "--seed 7 gives this text again" of the 3 characters printed: the seed gives all 50,
    # these first
    monkeypatch.setattr(random, "SystemRandom", _Drawn)
    argv = ["text", "generate", str(lm_dir), "--length", "50"]
    interrupt_at_step(3, KeyboardInterrupt)
    assert main(argv) == 130
    out, err = capsys.readouterr()
    assert err == (
        "note: seed 7 (--seed 7 gives this text again, continued to all 50 characters)\n"
        "interrupted (Ctrl-C) after 3 of 50 characters: the text so far is printed\n"
    )
    monkeypatch.undo()
    assert main([*argv, "--seed", "7"]) == 0
    again = capsys.readouterr().out
    # exactly so: the text printed is the start of the seed's, which is all 50 characters
    assert len(out) == 1 + 3 + 1 and again.startswith(out[:-1]) and len(again) == 1 + 50 + 1
    assert again == charlm.generate(*charlm.load_charlm(lm_dir), "\n", 50, 0.8, seed=7) + "\n"
    # a run to its end still says the sentence as it was
    monkeypatch.setattr(random, "SystemRandom", _Drawn)
    assert main(argv) == 0
    assert capsys.readouterr() == (again, "note: seed 7 (--seed 7 gives this text again)\n")


@pytest.mark.parametrize(
    ("signal", "name"), [(KeyboardInterrupt, "SIGINT"), (_Terminated, "SIGTERM")]
)
def test_generation_interrupted_names_its_signal(
    lm_dir: Path,
    interrupt_at_step: Callable[[int, type], None],
    signal: type,
    name: str,
) -> None:
    # the command line told SIGTERM from Ctrl-C by a private class of `__cause__`; Python had
    # no word of it, where TrainingInterrupted has `.signal`
    model, vocab = charlm.load_charlm(lm_dir)
    interrupt_at_step(2, signal)
    with pytest.raises(charlm.GenerationInterrupted) as stop:
        charlm.generate(model, vocab, "ab", length=9, seed=0)
    assert (stop.value.signal, stop.value.generated, type(stop.value.__cause__)) == (
        name,
        2,
        signal,
    )
    assert str(stop.value) == (
        f"generation interrupted ({name}) after 2 characters; the text so far is in `.text` "
        "(uncaught, as in a notebook cell: `sys.last_value.text`)"
    )


def test_the_cli_reports_the_signal_generation_interrupted_names(
    lm_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the exit code and --json follow `.signal`, whatever raised it
    def stopped(*args, **kwargs):
        raise charlm.GenerationInterrupted("\nab", 2, "SIGTERM")

    monkeypatch.setattr(charlm, "generate", stopped)
    argv = ["text", "generate", str(lm_dir), "--length", "5", "--seed", "1", "--json"]
    assert main(argv) == 143
    out, err = capsys.readouterr()
    assert json.loads(out) == {
        "text": "\nab",
        "seed": 1,
        "interrupted": {"signal": "SIGTERM", "characters": 2},
    }
    assert err == "interrupted (SIGTERM) after 2 of 5 characters: the text so far is printed\n"
    assert charlm.GenerationInterrupted("ab", 1).signal == "SIGINT"  # Ctrl-C by default


# --- TextClassifier and load_sst: the choices ------------------------------------------------


def test_text_classifier_refuses_a_readout_that_is_no_str_as_a_type_error() -> None:
    # readout=5 was a ValueError "must be one of (...), got 5"
    with pytest.raises(TypeError) as info:
        TextClassifier(10, 2, 2, 2, readout=5)  # type: ignore[arg-type]
    assert type(info.value) is ConfigTypeError and isinstance(info.value, ValueError)
    assert str(info.value) == "`readout` must be a str, one of ('last', 'max', 'mean'), got int 5."
    with pytest.raises(TypeError) as info:  # with a bad value, all listed in the one error
        TextClassifier(0, 2, 2, 2, bidirectional="yes")  # type: ignore[arg-type]
    assert type(info.value) is ConfigTypeError
    assert str(info.value) == (
        "`vocab_size` must be a positive integer, got 0. "
        "`bidirectional` must be True or False, got 'yes'."
    )
    # a slip of a word is a bad value, told the choice it looks like
    with pytest.raises(ValueError) as slip:
        TextClassifier(10, 2, 2, 2, readout="Mean")  # type: ignore[arg-type]
    assert type(slip.value) is ValueError
    assert str(slip.value) == (
        "`readout` must be one of ('last', 'max', 'mean'), got 'Mean' (did you mean 'mean'?)."
    )


def test_text_classifier_takes_padding_idx_as_the_configs_take_counts() -> None:
    # a whole float is refused with the advice every config gives (SentimentConfig(
    # batch_size=64.0) too), a numpy int is taken as its int
    with pytest.raises(ValueError) as info:
        TextClassifier(10, 2, 2, 2, padding_idx=3.0)  # type: ignore[arg-type]
    assert str(info.value) == (
        "`padding_idx` must be an integer in [0, 10) or None, got 3.0 (a whole number as a "
        "float: pass int(x))."
    )
    model = TextClassifier(10, 2, 2, 2, padding_idx=np.int64(3))  # type: ignore[arg-type]
    assert type(model.padding_idx) is int and model.embedding.padding_idx == 3


def test_load_sst_refuses_a_task_or_split_that_is_no_str(tmp_path: Path) -> None:
    # task=["sst2"] failed in a dict lookup: "unhashable type: 'list'"
    with pytest.raises(TypeError) as info:
        load_sst(["sst2"], "train", tmp_path)  # type: ignore[arg-type]
    assert str(info.value) == "`task` must be a str, one of ('sst2', 'sst5'), got list ['sst2']."
    with pytest.raises(TypeError) as info:
        load_sst("sst2", 5, tmp_path)  # type: ignore[arg-type]
    assert str(info.value) == (
        "`split` must be a str, 'train', 'dev', 'test' or 'phrases', got int 5."
    )
    with pytest.raises(ValueError) as slip:
        load_sst("SST2", "train", tmp_path)  # type: ignore[arg-type]
    assert (
        str(slip.value)
        == "`task` must be one of ('sst2', 'sst5'), got 'SST2' (did you mean 'sst2'?)."
    )
    with pytest.raises(ValueError) as slip:
        load_sst("sst2", "tran", tmp_path)  # type: ignore[arg-type]
    assert str(slip.value) == (
        "`split` must be 'train', 'dev', 'test' or 'phrases', got 'tran' (did you mean 'train'?)."
    )

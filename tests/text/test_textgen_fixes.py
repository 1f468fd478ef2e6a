"""Fixes from a student training a character language model and a seq2seq model."""

from __future__ import annotations

import codecs
import json
import tarfile
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.cli.text import _bits_and_perplexity
from lstmkit.text import Seq2SeqConfig
from lstmkit.text.charlm import read_corpus
from lstmkit.text.seq2seq import Seq2Seq, fit_seq2seq


def nul(likely: str) -> str:
    return f"which text does not hold ({likely}); save the file as UTF-8."


def test_a_corpus_in_utf16_without_a_byte_order_mark_is_refused_not_learnt(
    tmp_path: Path,
) -> None:
    """Its NUL bytes decode as UTF-8 (U+0000): `train-lm --file` learnt an alphabet of
    "\\x00\\n dehlorw" from "hello world", every other character a NUL, without a word."""
    path = tmp_path / "notes.txt"
    path.write_bytes("hello\r\nworld\r\n".encode("utf-16-le"))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == (
        f"{str(path)!r} must be UTF-8 text, got a NUL byte (0x00) on line 1 (byte 2 of the "
        f"line), {nul('UTF-16-LE without a byte-order mark?')}"
    )
    path.write_bytes("hi\nyo\n".encode("utf-16-be"))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == (
        f"{str(path)!r} must be UTF-8 text, got a NUL byte (0x00) on line 1 (byte 1 of the "
        f"line), {nul('UTF-16-BE without a byte-order mark?')}"
    )


def test_a_tar_archive_given_as_a_corpus_is_refused_as_a_tar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tar's header is the member's name padded with NUL bytes, all UTF-8: the archive of a
    student's texts trained as one text, header and padding included. Refused by its NUL
    byte, it is now told the suffix that has it unpacked, as read_csv tells it. (Named
    ``.tar`` it is unpacked: tests/text/test_corpus5_fixes.py.)"""
    member = tmp_path / "poems.txt"
    member.write_text("Shall I compare thee\n" * 50, encoding="utf-8")
    archive = tmp_path / "poems.bak"
    with tarfile.open(archive, "w", format=tarfile.USTAR_FORMAT) as tar:
        tar.add(member, arcname="poems.txt")
    out = tmp_path / "lm"
    argv = ["text", "train-lm", "--file", str(archive), "--out", str(out), "--no-progress"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --file {str(archive)!r} is a tar archive, not plain text; name it with the "
        "suffix .tar, and it is unpacked.\n"
    )
    assert not out.exists()


def test_the_first_of_a_nul_and_a_byte_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"caf\xe9\nab\x00c\n")
    with pytest.raises(ValueError, match=r"got byte 0xe9 on line 1 \(byte 4 of the line\)"):
        read_corpus(path)
    path.write_bytes(b"a\x00b\ncaf\xe9\n")
    with pytest.raises(ValueError, match=r"got a NUL byte \(0x00\) on line 1 \(byte 2 of the"):
        read_corpus(path)
    # byte-order marks keep their own messages, UTF-32-BE's too, which begins with NUL bytes
    path.write_bytes(codecs.BOM_UTF32_BE + "hi".encode("utf-32-be"))
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == (
        f"{str(path)!r} must be UTF-8 text, got UTF-32 (it begins with UTF-32's byte-order mark "
        "0x00 0x00 0xfe 0xff); save the file as UTF-8."
    )
    path.write_bytes("\ufeffhi\r\nyo\r\n".encode())  # a BOM and Windows line endings still read
    assert read_corpus(path) == "hi\nyo\n"


S2S = ["numbers", "--max-digits", "2", "--embed-dim", "4", "--hidden-size", "6", "--epochs", "1"]
S2S += ["--batch-size", "8", "--no-progress"]


def test_train_seq2seq_counts_one_held_out_number_and_says_how_many_errors_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "on 1 numbers", and listed the first 10 errors of a model that got 12 wrong
    as if they were all."""
    out = tmp_path / "one"
    argv = ["text", "train-seq2seq", *S2S, "--train-size", "20", "--test-size", "1"]
    assert main([*argv, "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "numbers: held-out sequence accuracy 0.0000 greedy, 0.0000 beam 4 on 1 number ("
    )
    assert len(lines) == 3  # the one error, then where it was saved
    out = tmp_path / "twelve"
    argv = ["text", "train-seq2seq", *S2S, "--train-size", "20", "--test-size", "12"]
    assert main([*argv, "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    m = json.loads((out / "config.json").read_text())["metrics"]
    assert (m["greedy_accuracy"], len(m["errors"])) == (0.0, 10)
    assert lines[0].startswith(
        "numbers: held-out sequence accuracy 0.0000 greedy, 0.0000 beam 4 on 12 numbers ("
    )
    assert lines[11:] == ["  ... and 2 more", f"saved to {out}"]


def _seq2seq_run() -> tuple[Seq2Seq, Seq2SeqConfig]:
    config = Seq2SeqConfig(epochs=1, batch_size=4, embed_dim=4, hidden_size=6, progress=False)
    return Seq2Seq(source_vocab=11, target_vocab=6, embed_dim=4, hidden_size=6), config


def test_fit_seq2seq_refuses_no_pairs_instead_of_a_nan_loss() -> None:
    model, config = _seq2seq_run()
    before = [p.clone() for p in model.parameters()]
    with pytest.raises(ValueError) as err:
        fit_seq2seq(model, [], config)  # it trained 0 steps and returned a loss of nan
    assert str(err.value) == "`pairs` must hold at least one (source, target) pair, got none."
    assert all(torch.equal(a, b) for a, b in zip(before, model.parameters(), strict=True))


def test_fit_seq2seq_names_the_pair_whose_ids_are_out_of_range() -> None:
    """An id past the vocabulary failed naming `decoder_input` and `source`, tensors the caller
    never made; a target's <pad>, <bos> or <eos> (the PyTorch tutorial appends EOS itself)
    trained, silently, a hole in the loss or a token decoding never emits or stops at twice."""
    model, config = _seq2seq_run()
    why = "(0, 1, 2 are <pad>, <bos>, <eos>, which teacher forcing adds)"
    with pytest.raises(ValueError) as err:
        fit_seq2seq(model, [([1, 2], [3, 4]), ([1], [3, 40]), ([2], [4, 2])], config)
    assert str(err.value) == (
        f"each pair's target must hold int ids in [3, 6) {why}, got [3, 40] in `pairs[1]` (and 1 "
        "more pair)."
    )
    with pytest.raises(ValueError) as err:
        fit_seq2seq(model, [([0, 2], [3]), ([], [4]), ([5], [1, 3])], config)
    assert str(err.value) == (
        "each pair's source must be non-empty with int ids in [1, 11) (0 is padding), got [0, 2] "
        f"in `pairs[0]` (and 1 more pair). Each pair's target must hold int ids in [3, 6) {why}, "
        "got [1, 3] in `pairs[2]`."
    )
    with pytest.raises(TypeError) as err:
        fit_seq2seq(model, [[1, 2, 3]], config)  # a source without its target
    assert (
        str(err.value) == "`pairs[0]` must be a (source ids, target ids) pair, got list [1, 2, 3]."
    )
    # an empty target (answer <eos> at once) and tensors of ids train as before
    pairs = [([1, 2], []), (torch.tensor([3]), torch.tensor([5, 3]))]
    assert fit_seq2seq(model, pairs, config)["steps"] == 1


def test_train_lm_says_one_step_in_the_singular(one_step_lm) -> None:
    # "after the last of 1 steps", where the checks beside it were already counted right
    first, m = one_step_lm
    assert first == (
        f"abc.txt: best validation loss {m['best_val_loss']:.4f} nats/char "
        f"({_bits_and_perplexity(m['best_val_loss'])}) of 1 check (step 1; "
        f"optimistic, the kept model's), {m['final_val_loss']:.4f} after the last of 1 step "
        f"({m['train_seconds']:.0f} s, seed 0)"
    )

"""lm39: README walk of "Character language model (Tiny Shakespeare)" and "Sequence to
sequence", as an NLP researcher reproducing char-rnn and the PyTorch seq2seq tutorial."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from lstmkit.cli import main
from lstmkit.text.charlm import load_charlm

TINY = ["--embed-dim", "4", "--hidden-size", "4", "--num-layers", "1", "--batch-size", "2"]
TINY += ["--bptt", "8", "--max-steps", "1", "--no-progress", "--json"]


def test_train_lm_refuses_a_second_file_and_its_advice_learns_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    # the second --file replaced the first: b c.txt alone was learnt, a.txt dropped unsaid
    first, second = tmp_path / "a.txt", tmp_path / "b c.txt"
    first.write_text("abcd efgh\n" * 20, encoding="utf-8")
    second.write_text("xyz\n" * 30, encoding="utf-8")
    out = tmp_path / "lm"
    run = ["text", "train-lm", "--file", str(first), "--out", str(out), *TINY]
    for flag in (["--file", str(second)], [f"--file={second}"]):
        assert main([*run, *flag]) == 2
        piped = f"lstmkit text train-lm --file - --out {out} {' '.join(TINY)}"
        assert capsys.readouterr().err == (
            f"error: --file takes one file, got 2: {str(first)!r}, {str(second)!r}; join them "
            f"into one (`cat {first} '{second}' | {piped}`) to learn them as one text.\n"
        )
        assert not out.exists()  # nothing written
    # an abbreviation of --file is not found as typed: the command's usage instead
    assert main(["text", "train-lm", "--fi", str(first), "--file", str(first), "--out", "x"]) == 2
    assert capsys.readouterr().err.endswith(
        "(`cat " + f"{first} {first} | lstmkit text train-lm --file - --out DIR`) to learn "
        "them as one text.\n"
    )
    # with the corpus named too, the first problem is naming two texts
    assert main(["text", "train-lm", "shakespeare", *run[2:], "--file", str(second)]) == 2
    assert capsys.readouterr().err == (
        "error: name the text to learn: the corpus 'shakespeare', or --file FILE (your own "
        "UTF-8 text), not both.\n"
    )
    # the advice, taken: the alphabet is both files' characters
    joined = first.read_text(encoding="utf-8") + second.read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(joined))
    assert main(["text", "train-lm", "--file", "-", "--out", str(out), *TINY]) == 0
    assert json.loads(capsys.readouterr().out)["file"] == "<stdin>"
    assert "".join(load_charlm(out)[1].chars) == "\n abcdefghxyz"


def test_seq2seq_has_no_sampler_that_lstmkit_does_not_use() -> None:
    # sample_numbers (a digit count uniform, then distinct numbers) was the draw that
    # split_numbers replaced; it was called by tests alone, outside __all__ and the README
    from lstmkit.text import seq2seq

    assert not hasattr(seq2seq, "sample_numbers") and not hasattr(seq2seq, "_sample_problems")
    assert "split_numbers" in seq2seq.__all__

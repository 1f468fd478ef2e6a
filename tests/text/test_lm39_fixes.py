"""lm39: README walk of "Character language model (Tiny Shakespeare)" and "Sequence to
sequence", as an NLP researcher reproducing char-rnn and the PyTorch seq2seq tutorial."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
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


def test_sampling_flags_elsewhere_are_told_where_they_go(
    tmp_path: Path, flags_refusal: Callable[[list[str]], str]
) -> None:
    # "unrecognized arguments: --temperature 0.5" alone, for char-rnn's and nanoGPT's flags
    out = str(tmp_path / "x")
    said = flags_refusal(["text", "train-lm", "shakespeare", "--out", out, "--temperature", "0.5"])
    assert said == (
        "error: unrecognized arguments: --temperature 0.5; text train-lm saves a model and "
        "samples nothing: --temperature, --top-k, --prompt and --length are text generate's, "
        "run on the folder of --out (`lstmkit text generate runs/shakespeare --prompt 'ROMEO:' "
        "--temperature 0.8`) (`lstmkit text train-lm --help` lists the flags)\n"
    )
    run = ["text", "generate", out, "--primetext", "A", "--max_new_tokens", "5"]
    assert flags_refusal([*run, "--num-samples", "3"]) == (
        "error: unrecognized arguments: --primetext A --max_new_tokens 5 --num-samples 3; "
        "--prompt is the text to start from (char-rnn's -primetext, nanoGPT's --start); "
        "--length counts the characters generated after the prompt (nanoGPT's and Hugging "
        "Face's max_new_tokens); text generate writes one text a run: run it again with "
        "another --seed for another (`lstmkit text generate --help` lists the flags)\n"
    )

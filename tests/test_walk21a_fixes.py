"""A fresh user's walk through the README's text-generation, seq2seq and development sections."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from lstmkit._interrupts import _Terminated
from lstmkit.cli import main
from lstmkit.text import charlm
from lstmkit.text._configs import CharLMConfig


def test_generate_keeps_the_text_drawn_before_a_ctrl_c(
    lm_dir: Path,
    interrupt_at_step: Callable[[int, type], None],
) -> None:
    # a Ctrl-C after minutes of sampling threw every character away
    model, vocab = charlm.load_charlm(lm_dir)
    whole = charlm.generate(model, vocab, "ab", length=10, seed=5)
    interrupt_at_step(4, KeyboardInterrupt)
    with pytest.raises(charlm.GenerationInterrupted) as stop:
        charlm.generate(model, vocab, "ab", length=10, seed=5)
    # the 4th step's model call was interrupted: 4 characters were drawn, the prefix of the
    # uninterrupted text with the same seed
    assert (stop.value.text, stop.value.generated) == (whole[:6], 4)
    assert isinstance(stop.value, KeyboardInterrupt) and type(stop.value.__cause__) is (
        KeyboardInterrupt
    )
    assert str(stop.value) == (
        "generation interrupted (SIGINT) after 4 characters; the text so far is in `.text` "
        "(uncaught, as in a notebook cell: `sys.last_value.text`)"
    )


def test_text_generate_prints_the_text_so_far_on_ctrl_c(
    lm_dir: Path,
    interrupt_at_step: Callable[[int, type], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    model, vocab = charlm.load_charlm(lm_dir)
    whole = charlm.generate(model, vocab, "\n", length=50, temperature=0.8, seed=2)
    interrupt_at_step(1, KeyboardInterrupt)
    argv = ["text", "generate", str(lm_dir), "--length", "50", "--seed", "2"]
    assert main(argv) == 130  # was 130 too, with nothing on stdout and "interrupted" on stderr
    assert capsys.readouterr() == (
        whole[:2] + "\n",
        "interrupted (Ctrl-C) after 1 of 50 characters: the text so far is printed\n",
    )
    interrupt_at_step(7, KeyboardInterrupt)
    assert main([*argv, "--json"]) == 130
    out, err = capsys.readouterr()
    assert json.loads(out) == {
        "text": whole[:8],
        "seed": 2,
        "interrupted": {"signal": "SIGINT", "characters": 7},
    }
    assert err == "interrupted (Ctrl-C) after 7 of 50 characters: the text so far is printed\n"


def test_text_generate_prints_the_text_so_far_on_sigterm(
    lm_dir: Path,
    interrupt_at_step: Callable[[int, type], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    model, vocab = charlm.load_charlm(lm_dir)
    whole = charlm.generate(model, vocab, "ab", length=9, temperature=0.8, seed=0)
    interrupt_at_step(3, _Terminated)
    argv = ["text", "generate", str(lm_dir), "--prompt", "ab", "--length", "9", "--seed", "0"]
    assert main([*argv, "--json"]) == 143
    out, err = capsys.readouterr()
    assert json.loads(out) == {
        "text": whole[:5],
        "seed": 0,
        "interrupted": {"signal": "SIGTERM", "characters": 3},
    }
    assert err == "interrupted (SIGTERM) after 3 of 9 characters: the text so far is printed\n"


def test_a_ctrl_c_while_the_prompt_is_read_keeps_nothing(
    lm_dir: Path,
    interrupt_at_step: Callable[[int, type], None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    # before the first character there is no text to keep: a plain KeyboardInterrupt, as before
    model, vocab = charlm.load_charlm(lm_dir)
    interrupt_at_step(0, KeyboardInterrupt)
    with pytest.raises(KeyboardInterrupt) as stop:
        charlm.generate(model, vocab, "ab", length=3, seed=0)
    assert type(stop.value) is KeyboardInterrupt
    interrupt_at_step(0, KeyboardInterrupt)
    assert main(["text", "generate", str(lm_dir), "--length", "3", "--seed", "0"]) == 130
    assert capsys.readouterr() == ("", "interrupted\n")


@pytest.fixture(scope="module")
def one_line_lm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # a text without line breaks: its alphabet has no newline, the default --prompt
    config = CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=2,
        eval_every=2, progress=False,
    )  # fmt: skip
    return charlm.save_charlm(
        charlm.train_charlm("ab ba. " * 40, config), tmp_path_factory.mktemp("lm") / "lm"
    )


def test_generate_without_prompt_from_a_model_with_no_newline(
    one_line_lm_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # it said "error: --prompt contains characters outside the model's alphabet: ['\n']; allowed:
    # ' .ab'." to a user who typed no --prompt
    argv = ["text", "generate", str(one_line_lm_dir), "--length", "4", "--seed", "0"]
    assert main(argv) == 2
    assert capsys.readouterr() == (
        "",
        "error: --prompt is needed: the default one, a newline, is not in the model's alphabet "
        "' .ab' (its training text had no line breaks).\n",
    )
    # with a too large --top-k, capped now: the missing prompt alone, and no note before it
    assert main([*argv, "--top-k", "5"]) == 2
    assert capsys.readouterr().err == (
        "error: --prompt is needed: the default one, a newline, is not in the model's alphabet "
        "' .ab' (its training text had no line breaks).\n"
    )
    # a prompt of its alphabet generates; a typed newline is still refused as the library does
    model, vocab = charlm.load_charlm(one_line_lm_dir)
    assert main([*argv, "--prompt", "ab"]) == 0
    text = charlm.generate(model, vocab, "ab", length=4, temperature=0.8, seed=0)
    assert capsys.readouterr() == (text + "\n", "")
    assert main([*argv, "--prompt", "a\\n"]) == 2
    assert capsys.readouterr().err == (
        "error: --prompt contains characters outside the model's alphabet: ['\\n']; allowed: "
        "' .ab'.\n"
    )


def test_generate_without_prompt_still_starts_from_a_newline(
    lm_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model, vocab = charlm.load_charlm(lm_dir)
    assert main(["text", "generate", str(lm_dir), "--length", "5", "--seed", "4", "--json"]) == 0
    text = charlm.generate(model, vocab, "\n", length=5, temperature=0.8, seed=4)
    assert json.loads(capsys.readouterr().out) == {"text": text, "seed": 4}

"""Review of walk21a (text generate's Ctrl-C and default prompt) and the spell leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import charlm, seq2seq
from lstmkit.text._configs import CharLMConfig


def _tiny_seq2seq() -> seq2seq.Seq2Seq:
    return seq2seq.Seq2Seq(11, len(seq2seq.TARGET_TOKENS), embed_dim=2, hidden_size=2, num_layers=1)


def test_spell_names_the_limit_asked_not_a_training_range_it_cannot_know(
    s2s_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # spell(model, 123, max_digits=2) said "(the model was trained on numbers of 1 to 2 digits)"
    # of a model trained on 6: a bare model does not know its range, max_digits is the asking
    with pytest.raises(ValueError) as info:
        seq2seq.spell(_tiny_seq2seq(), 123, max_digits=2)
    assert (
        str(info.value) == "`number` must have at most 2 digits (max_digits=2), got 3 digits: 123."
    )
    with pytest.raises(ValueError) as info:
        seq2seq.normalize_number("0123", max_digits=2)
    assert str(info.value) == (
        "`number` must have at most 2 digits (max_digits=2), got 3 digits (leading zeros "
        "dropped): '0123'."
    )
    # the command line reads the range from the model's folder, so it says it is the model's
    assert main(["text", "spell", str(s2s_dir), "000123"]) == 2
    assert capsys.readouterr().err == (
        "error: the number to spell (the argument after the model's folder) must have at most "
        "2 digits (the model was trained on numbers of 1 to 2 digits), got 3 digits (leading "
        "zeros dropped): '000123'.\n"
    )


def test_spell_and_decoders_tell_counts_given_as_text_as_the_configs_do() -> None:
    # they were bare ValueErrors ("got '6'."), where Seq2SeqConfig(max_digits="6") and
    # generate(length="6") raise a TypeError (and ValueError) telling the number the text reads as
    model = _tiny_seq2seq()
    cases = [
        (
            lambda: seq2seq.spell(model, "5", max_digits="6"),
            "`max_digits` must be an integer in 1..9, got '6' (a number, not text: 6).",
        ),
        (
            lambda: seq2seq.normalize_number("5", max_digits="12"),
            "`max_digits` must be an integer in 1..9, got '12' (a number, not text: 12; but 12 "
            "would be refused too).",
        ),
        (
            lambda: seq2seq.spell(model, "5", beam_size="2"),
            "`beam_size` must be a positive integer, got '2' (a number, not text: 2).",
        ),
        (
            lambda: seq2seq.beam_decode(model, [1], beam_size="0", max_len=b"3"),
            "`beam_size` must be a positive integer, got '0' (a number, not text: 0; but 0 would "
            "be refused too). `max_len` must be a positive integer, got b'3' (a number, not "
            "bytes: 3).",
        ),
        (
            lambda: seq2seq.greedy_decode(model, [[1]], max_len="3"),
            "`max_len` must be a positive integer, got '3' (a number, not text: 3).",
        ),
    ]
    for call, said in cases:
        with pytest.raises(TypeError) as info:
            call()
        assert isinstance(info.value, ValueError) and str(info.value) == said
    # a whole float stays the ValueError that Seq2SeqConfig(max_digits=2.0) raises, as the
    # README says
    with pytest.raises(ValueError) as info:
        seq2seq.spell(model, "5", max_digits=2.0)
    assert type(info.value) is ValueError and str(info.value) == (
        "`max_digits` must be an integer in 1..9, got 2.0 (a whole number as a float: pass int(x))."
    )


def test_generation_interrupted_says_where_an_uncaught_one_keeps_the_text() -> None:
    # a notebook cell's `text = generate(...)` interrupted leaves the text only in
    # sys.last_value, which TrainingInterrupted says and this did not
    stop = charlm.GenerationInterrupted("ab", 1)
    assert str(stop) == (
        "generation interrupted (SIGINT) after 1 character; the text so far is in `.text` "
        "(uncaught, as in a notebook cell: `sys.last_value.text`)"
    )


def test_a_missing_default_prompt_is_said_flag_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "error: ... got 5. give --prompt: ..." began a sentence with a lowercase word; every
    # other problem begins with the flag it names
    config = CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=1,
        eval_every=1, progress=False,
    )  # fmt: skip
    folder = charlm.save_charlm(charlm.train_charlm("ab ba. " * 40, config), tmp_path / "lm")
    assert main(["text", "generate", str(folder), "--length", "3"]) == 2
    assert capsys.readouterr().err == (
        "error: --prompt is needed: the default one, a newline, is not in the model's alphabet "
        "' .ab' (its training text had no line breaks).\n"
    )


def test_the_benchmarks_seed_has_help(bench_script, capsys: pytest.CaptureFixture[str]) -> None:
    script = bench_script("charlm_vs_transformer")
    with pytest.raises(SystemExit):
        script.main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--seed SEED seed of both models' training and samples" in help_text

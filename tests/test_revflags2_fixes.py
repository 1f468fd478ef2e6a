"""Fixes found reviewing the command line's flag refusals of flags313b (each test fails
without its fix)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "sentences"),
    [
        (["text", "predict", "runs/sst2", "--json", "-1"], ["-1"]),
        (["text", "predict", "runs/sst2", "--json", "-"], ["-"]),
        (["text", "predict", "runs/sst2", "good", "--json", "-.5", "bad"], ["good", "-.5", "bad"]),
        (["text", "predict", "runs/sst2", "--json", "-1", "--", "-x"], ["-1", "-x"]),
    ],
)
def test_a_sentence_that_reads_as_no_flag_after_a_flag_is_a_sentence(
    argv: list[str], sentences: list[str]
) -> None:
    """`lstmkit text predict DIR --json -1` was refused with "unrecognized arguments: " and
    nothing after it on Python 3.11, 3.12.1 and 3.13.0 (the -1 was no flag, so none was
    named), where 3.12.10's argparse, and `text predict DIR -1`, read -1 as a sentence."""
    from lstmkit.cli import build_parser

    parsed = build_parser(argv).parse_args(argv)
    assert (parsed.text, parsed.json) == (sentences, True)


def test_a_flag_among_such_sentences_is_still_named(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    """The words over are still refused where one is a flag: the flag alone is named."""
    assert flags_refusal(["text", "predict", "runs/sst2", "--json", "good", "-1", "--jsn"]) == (
        "error: unrecognized arguments: --jsn; did you mean --json? "
        "(`lstmkit text predict --help` lists the flags)\n"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["--zz", "3", "text", "--epocs", "1", "train", "sst2", "--out", "x"],
            "unrecognized arguments: --zz 3 --epocs 1; did you mean `lstmkit --zz 3 text train "
            "sst2 --out x --epochs 1`?",
        ),
        (
            ["--zz", "3", "text", "--jsn", "train", "sst2", "--out", "x"],
            "unrecognized arguments: --zz 3 --jsn; did you mean `lstmkit --zz 3 text train sst2 "
            "--out x --json`?",
        ),
    ],
)
def test_a_flag_before_a_command_argparse_never_reached_is_guessed_among_its_flags(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`lstmkit --zz 3 text --epocs 1 train sst2` named --epocs with no guess, where `lstmkit
    text --epocs 1 train sst2`, which argparse reads up to `train`, gets "`lstmkit text train
    --epochs` for --epocs": a flag between `text` and `train` was looked for among text's
    flags only."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit text train --help` lists the flags)\n"

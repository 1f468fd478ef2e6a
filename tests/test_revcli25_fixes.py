"""revcli25: review of cli25's parser leftovers.

* A flag given several values before its command's name was named with its first value alone
  ("unrecognized arguments: --quantiles 0.1" for `--quantiles 0.1 0.9 forecast airline`), while
  the guess beside it said "--interval 0.1 0.9 left out": every word up to the command's name is
  named. With no command's name after them the word after the value may be a misspelt name, and
  stays out (`--epochs 3 nosuch`, pinned in test_py313).
* A misspelt command's name after a flag's second value got no guess (`--quantiles 0.1 0.9
  forcast airline`): a number is no command's name, so the words read on to it.
* A flag with ``=`` before its command's name and more words after it (`--covariate-cols=a b
  forecast airline`) was told "invalid choice: 'b'" alone: those words are its values, named and
  moved with it in the line to paste, written as a line that parses (``--covariate-cols a b``).
* A command line of flags alone, no command's name (`lstmkit --json`), was told of the flag
  alone: it is told that COMMAND is missing, as argparse says it, and where they are listed.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was "unrecognized arguments: --quantiles 0.1; did you mean ..."
        (
            ["--quantiles", "0.1", "0.9", "forecast", "airline"],
            "unrecognized arguments: --quantiles 0.1 0.9; did you mean `lstmkit forecast "
            "--interval`? (`lstmkit forecast --help` lists the flags)",
        ),
        (
            ["text", "--epochs", "2", "3", "train", "x"],
            "unrecognized arguments: --epochs 2 3; did you mean `lstmkit text train --epochs`? "
            "(`lstmkit text train --help` lists the flags)",
        ),
        # up to the next flag: the one after is a stray of its own (no guess: it stays put)
        (
            ["--covariate-cols", "a", "b", "--zz", "1", "forecast", "airline"],
            "unrecognized arguments: --covariate-cols a b --zz 1; did you mean `lstmkit --zz 1 "
            "forecast airline --covariate-cols a b`? (`lstmkit forecast --help` lists the flags)",
        ),
        # no command's name after them: 'nosuch' may be one, misspelt (unchanged)
        (
            ["--epochs", "3", "nosuch"],
            "unrecognized arguments: --epochs 3 (`lstmkit --help` lists the flags)",
        ),
    ],
)
def test_every_value_of_a_flag_before_the_command_is_named(
    argv: list[str], said: str, flags_refusal
) -> None:
    assert flags_refusal(argv) == f"error: {said}\n"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was "unrecognized arguments: --json (`lstmkit --help` lists the flags)"
        (["--json"], "--json; the following arguments are required: COMMAND (`lstmkit"),
        (["-v", "--jsn"], "--jsn; the following arguments are required: COMMAND (`lstmkit"),
        (["--epochs", "3"], "--epochs 3; the following arguments are required: COMMAND (`lstmkit"),
        (
            ["text", "--epochs", "3"],
            "--epochs 3; the following arguments are required: COMMAND (`lstmkit text",
        ),
    ],
)
def test_flags_without_a_command_say_that_it_is_missing(
    argv: list[str], said: str, flags_refusal
) -> None:
    assert (
        flags_refusal(argv)
        == f"error: unrecognized arguments: {said} --help` lists the commands)\n"
    )


def test_a_command_named_is_not_missing(flags_refusal) -> None:
    assert flags_refusal(["--json", "forecast", "airline"]) == (
        "error: unrecognized arguments: --json; did you mean `lstmkit forecast airline --json`? "
        "(`lstmkit forecast --help` lists the flags)\n"
    )


def test_readme_quotes_the_missing_command(flags_refusal) -> None:
    readme = Path(__file__).resolve().parents[1] / "README.md"
    readme = " ".join(readme.read_text("utf-8").split())
    said = flags_refusal(["--json"]).removeprefix("error: unrecognized arguments: --json; ")
    assert "`lstmkit --json`, are told" in readme
    assert f'"{said.rstrip()}"' in readme


CHOICES = "'datasets', 'forecast', 'predict', 'text', 'explain', 'demo'"


@pytest.mark.parametrize(
    ("argv", "guess"),
    [
        # was "unrecognized arguments: --quantiles 0.1 (`lstmkit --help` lists the flags)"
        (
            ["--quantiles", "0.1", "0.9", "forcast", "airline"],
            "--quantiles 0.1 0.9; argument COMMAND: invalid choice: 'forcast' (choose from "
            f"{CHOICES}); did you mean `lstmkit forecast --interval`?",
        ),
        (
            ["--jsn", "1", "2", "forcast", "airline"],
            f"--jsn 1 2; argument COMMAND: invalid choice: 'forcast' (choose from {CHOICES}); "
            "did you mean `lstmkit forecast airline --json` (--json takes no value)?",
        ),
    ],
)
def test_a_misspelt_command_after_several_numbers_gets_its_guess(
    argv: list[str], guess: str, flags_refusal
) -> None:
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {guess} (`lstmkit forecast --help` lists the flags)\n"
    )


def test_a_word_after_the_value_is_no_further_value(flags_refusal) -> None:
    # 'airline' may be the misspelt name: no guess, as before
    assert flags_refusal(["--epochs", "3", "airline", "forcast"]) == (
        "error: unrecognized arguments: --epochs 3 (`lstmkit --help` lists the flags)\n"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was "argument COMMAND: invalid choice: 'b' (choose from ...)", the stray unnamed
        (
            ["--covariate-cols=a", "b", "forecast", "airline"],
            "--covariate-cols=a b; did you mean `lstmkit forecast airline --covariate-cols a b`?",
        ),
        (
            ["--epochs=3", "4", "forecast", "airline"],
            "--epochs=3 4; did you mean `lstmkit forecast --epochs`?",
        ),
        # one value after `=`: as it was typed
        (
            ["--covariate-cols=a", "forecast", "airline"],
            "--covariate-cols=a; did you mean `lstmkit forecast airline --covariate-cols=a`?",
        ),
    ],
)
def test_the_words_after_a_flag_with_equals_before_the_command_are_its_values(
    argv: list[str], said: str, flags_refusal
) -> None:
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {said} (`lstmkit forecast --help` lists the flags)\n"
    )


def test_the_line_guessed_for_equals_and_more_values_parses_as_meant() -> None:
    from lstmkit.cli import build_parser

    words = ["forecast", "airline", "--covariate-cols", "a", "b"]
    assert build_parser(words).parse_args(words).covariate_cols == ["a", "b"]


def test_a_guess_at_the_top_level_needs_no_command(flags_refusal) -> None:
    # --version prints alone: no COMMAND is missing there
    assert flags_refusal(["-vversion"]) == (
        "error: unrecognized arguments: -vversion; did you mean --version? (`lstmkit --help` "
        "lists the flags)\n"
    )

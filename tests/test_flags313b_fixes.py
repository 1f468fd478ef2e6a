"""Fixes of the command line's flag refusals, the same on Python 3.11, 3.12.1, 3.12.10 and 3.13
(each test fails without its fix)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        # (the clusters before the name, -vjson and -horizon, with their pointer at the
        # command's help: test_rev2s39_fixes' table)
        (
            ["--jsn", "3", "text", "predict", "runs/sst2"],
            "unrecognized arguments: --jsn 3; did you mean `lstmkit text predict runs/sst2 "
            "--json` (--json takes no value)?",
            "text predict",
        ),
        # the guess is the top level's flag: its help, as before
        (
            ["-verbose", "forecast", "airline"],
            "unrecognized arguments: -verbose; did you mean --verbose?",
            "",
        ),
    ],
)
def test_a_guess_of_a_commands_flag_before_its_name_points_at_the_commands_help(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit -vjson forecast airline` was told "did you mean `lstmkit forecast -v --json`"
    and sent to `lstmkit --help`, which does not list --json."""
    help_ = " ".join(["lstmkit", prog]).strip()
    assert flags_refusal(argv) == f"error: {said} (`{help_} --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        (
            ["-vversion", "forecast"],
            "unrecognized arguments: -vversion; did you mean --version?",
            "",
        ),
        (
            ["-vversion"],
            "unrecognized arguments: -vversion; did you mean --version?",
            "",
        ),
        (
            ["forecast", "airline", "-vhelp"],
            "unrecognized arguments: -vhelp; did you mean --help?",
            " forecast",
        ),
    ],
)
def test_no_guess_puts_a_flag_beside_the_version_or_the_help(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit -vversion forecast` was told "did you mean -v --version", and `-vhelp` "-v
    --help": either prints its text alone, the -v does nothing."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit{prog} --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        (
            ["forecast", "airline", "-vjson=1"],
            "unrecognized arguments: -vjson=1; did you mean -v --json (it takes no value)?",
            " forecast",
        ),
        (
            ["-vjson=1", "forecast", "airline"],
            "unrecognized arguments: -vjson=1; did you mean `lstmkit "
            "forecast -v --json` (it takes no value)?",
            " forecast",
        ),
        # the value is no part of the name looked for: "json=abc" looked like no flag
        (
            ["forecast", "airline", "-vjson=abc"],
            "unrecognized arguments: -vjson=abc; did you mean -v --json (it takes no value)?",
            " forecast",
        ),
        # a flag that takes a value: no note
        (
            ["forecast", "airline", "-vepochs=3"],
            "unrecognized arguments: -vepochs=3; did you mean -v --epochs?",
            " forecast",
        ),
    ],
)
def test_a_cluster_given_a_value_is_told_its_flag_takes_none(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit forecast airline -vjson=1` got "did you mean -v --json", which `--jsn=1` gets
    with "(it takes no value)"."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit{prog} --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        (
            ["--jsn", "3", "text", "predict", "runs/sst2", "--jsn", "good"],
            "unrecognized arguments: --jsn 3 --jsn; did you mean `lstmkit text predict runs/sst2 "
            "--json good` (--json takes no value)?",
            "text predict",
        ),
        (
            ["text", "--jsn", "3", "predict", "runs/sst2", "--jsn", "good"],
            "unrecognized arguments: --jsn 3 --jsn; did you mean `lstmkit text predict runs/sst2 "
            "--json good` (--json takes no value)?",
            "text predict",
        ),
        (
            ["--jsn", "3", "forecast", "airline", "--jsn", "--epocs", "3"],
            "unrecognized arguments: --jsn 3 --jsn --epocs 3; did you mean `lstmkit forecast "
            "airline --json --epochs 3` (--json takes no value)?",
            "forecast",
        ),
        (
            ["--zz", "3", "forecast", "airline", "--epocs", "3"],
            "unrecognized arguments: --zz 3 --epocs 3; did you mean `lstmkit forecast --epochs` "
            "for --epocs?",
            "forecast",
        ),
        # after "--" no word is a flag
        (
            ["--epochs", "3", "forecast", "airline", "--", "--jsn"],
            "unrecognized arguments: --epochs 3; did you mean `lstmkit forecast airline --epochs "
            "3 -- --jsn`?",
            "forecast",
        ),
    ],
)
def test_the_flags_after_a_command_argparse_never_reached_are_named_too(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit --jsn 3 text predict m --jsn good` named only the first --jsn: argparse
    refused 3 as the command's name and never read the command's words."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit {prog} --help` lists the flags)\n"


def _choices_unquoted(self: argparse.ArgumentParser, action: argparse.Action, value: str) -> None:
    """Python 3.12.10's refusal of a value that is none of the choices, which lists them
    without their quotes."""
    if action.choices is not None and value not in action.choices:
        choices = ", ".join(map(str, action.choices))
        raise argparse.ArgumentError(
            action, f"invalid choice: {str(value)!r} (choose from {choices})"
        )


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        (
            ["forcast", "airline"],
            "argument COMMAND: invalid choice: 'forcast' (choose from 'datasets', 'forecast', "
            "'predict', 'text', 'explain', 'demo'); did you mean 'forecast'?",
            "",
        ),
        (
            ["text", "train", "sst3"],
            "argument task: invalid choice: 'sst3' (choose from 'sst2', 'sst5')",
            " text train",
        ),
    ],
)
def test_the_choices_are_listed_alike_on_every_python(
    flags_refusal: Callable[[list[str]], str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    said: str,
    prog: str,
) -> None:
    """Python 3.12.10 said "invalid choice: 'forcast' (choose from datasets, forecast, ...)",
    where 3.11 and 3.13.0 quote each choice, and the tests pinning 3.11's words failed there.
    The stand-in gives 3.12.10's words on any Python."""
    monkeypatch.setattr(argparse.ArgumentParser, "_check_value", _choices_unquoted)
    lists = "commands" if said.startswith("argument COMMAND") else "flags"
    assert flags_refusal(argv) == f"error: {said} (`lstmkit{prog} --help` lists the {lists})\n"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["text", "predict", "runs/sst2", "--jsn", "good", "film"],
            "unrecognized arguments: --jsn; did you mean --json?",
        ),
        (
            ["text", "predict", "runs/sst2", "a", "--jsn", "good"],
            "unrecognized arguments: --jsn; did you mean --json?",
        ),
        (
            ["text", "predict", "runs/sst2", "--jsn", "--", "-good"],
            "unrecognized arguments: --jsn; did you mean --json?",
        ),
        # a flag that takes a value keeps it, and a negative number is a value
        (
            ["text", "predict", "runs/sst2", "--epocs", "3", "good", "--zz", "-1"],
            # --eps (text predict --explain's, since) is the flag nearest --epocs
            "unrecognized arguments: --epocs 3 --zz -1; did you mean --eps for --epocs?",
        ),
    ],
)
def test_the_sentences_after_a_stray_flag_are_no_strays(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`lstmkit text predict DIR --jsn good film` named "--jsn good film" unrecognized on
    Python 3.11 and 3.13.0, and "--jsn" on 3.12.10, whose argparse gives the sentences to the
    sentences: the words over that are no flag nor a stray flag's value are the sentences'."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit text predict --help` lists the flags)\n"


def test_a_parser_used_twice_names_the_strays_of_the_words_it_was_given_last(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command's words are those of the parse that was refused, not of an earlier one by
    the same parser (a notebook's, a test's)."""
    from lstmkit.cli import build_parser

    parser = build_parser(["forecast"])
    said = []
    for argv in (["--jsn", "3", "forecast", "--epocs", "3"], ["--zz", "3", "forecast", "--jsn"]):
        with pytest.raises(SystemExit):
            parser.parse_args(argv)
        said.append(capsys.readouterr().err)
    assert said[1] == (
        "error: unrecognized arguments: --zz 3 --jsn; did you mean `lstmkit forecast --json` "
        "for --jsn? (`lstmkit forecast --help` lists the flags)\n"
    )

"""Fixes of small defects left by earlier sessions (each test fails without its fix)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "sentences"),
    [
        (["text", "predict", "runs/sst2", "--", "--", "good"], ["--", "good"]),
        (["text", "predict", "runs/sst2", "--", "good", "--", "bad"], ["good", "--", "bad"]),
        (["text", "predict", "--", "runs/sst2", "--", "good"], ["--", "good"]),
        # the words over, gathered after a flag (cli._Parser.parse_args), as before
        (["text", "predict", "runs/sst2", "--json", "good", "--", "--", "x"], ["good", "--", "x"]),
    ],
)
def test_only_the_first_double_dash_ends_the_flags(argv: list[str], sentences: list[str]) -> None:
    """`lstmkit text predict DIR -- -- good` classified "good" alone on Python 3.11, 3.12.1 and
    3.13.0, "--" and "good" on 3.12.10, whose argparse takes out only the first "--"."""
    from lstmkit.cli import build_parser

    assert build_parser(argv).parse_args(argv).text == sentences


def test_a_double_dash_before_the_commands_name_is_refused_on_every_python(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    """`lstmkit -- forecast airline --epochs 3` ran the forecast, its --epochs read as a flag
    after "--", on Python 3.12.10, whose argparse takes the "--" out before the command's
    name; 3.11, 3.12.1 and 3.13.0 refuse it. Here argparse is given the words as 3.12.10 gives
    them, on any Python."""
    from lstmkit.cli import build_parser

    argv = ["--", "forecast", "airline", "--epochs", "3"]
    parser = build_parser(argv)
    parser._words = argv
    command = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    with pytest.raises(argparse.ArgumentError) as refused:
        parser._get_values(command, argv[1:])  # what 3.12.10 gives it
    choices = "'datasets', 'forecast', 'predict', 'text', 'explain', 'demo'"
    said = f"argument COMMAND: invalid choice: '--' (choose from {choices})"
    assert str(refused.value) == said
    assert flags_refusal(argv) == f"error: {said} (`lstmkit --help` lists the commands)\n"
    # after the command's name, "--" ends its flags, as before
    assert build_parser(argv).parse_args(["forecast", "--", "airline"]).dataset == "airline"


@pytest.mark.parametrize(
    ("argv", "dataset"),
    [
        (["predict", "runs/airline", "--horizon", "3", "airline"], "airline"),
        (["predict", "runs/airline", "--json", "--", "airline"], "airline"),
        (["predict", "runs/airline", "--json", "--", "--"], "--"),
        (["predict", "runs/airline", "-v", "airline", "--interval", "0.5"], "airline"),
    ],
)
def test_the_dataset_after_a_flag_is_predicts_dataset_on_every_python(
    argv: list[str], dataset: str
) -> None:
    """`lstmkit predict runs/airline --horizon 3 airline` said "unrecognized arguments: airline"
    on Python 3.11, 3.12.1 and 3.13.0 (their argparse gave the optional dataset nothing once a
    flag came after the model's directory); 3.12.10 forecast airline."""
    from lstmkit.cli import build_parser

    assert build_parser(argv).parse_args(argv).dataset == dataset


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # the stray's note as 3.12.10 had it: the word after it is the dataset, no value of it
        (
            ["predict", "runs/a", "--jsn", "x", "y"],
            "unrecognized arguments: --jsn y; did you mean --json?",
        ),
        (
            ["--jsn", "predict", "runs/a", "--jsn", "x"],
            "unrecognized arguments: --jsn --jsn; did you mean `lstmkit predict runs/a --json x`?",
        ),
        (["predict", "runs/a", "--json", "x", "--", "y"], "unrecognized arguments: y"),
        (["predict", "runs/a", "--json", "x", "y", "--", "z"], "unrecognized arguments: y -- z"),
        # a dataset given before the flag: the word after it is left over, as before
        (["predict", "runs/a", "airline", "--json", "x"], "unrecognized arguments: x"),
    ],
)
def test_a_word_left_after_predicts_dataset_is_refused_as_on_python_312_10(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`lstmkit predict runs/a --jsn x` was told "--jsn x; did you mean --json (it takes no
    value) for --jsn?" on 3.11, 3.12.1 and 3.13.0, "--jsn; did you mean --json for --jsn?" on
    3.12.10, where x is the dataset."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit predict --help` lists the flags)\n"


def test_the_commands_named_are_found_once_per_refusal(
    flags_refusal: Callable[[list[str]], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The error path walked the words for the commands named after the refused one up to four
    times (for the strays, the guess of each kind and the help to point at); once is enough."""
    from lstmkit.cli import _Parser

    calls = []
    walk = _Parser._commands_named

    def counted(self: _Parser) -> list[_Parser]:
        calls.append(self.prog)
        return walk(self)

    monkeypatch.setattr(_Parser, "_commands_named", counted)
    argv = ["--jsn", "3", "forecast", "airline", "--jsn", "--epocs", "3"]
    assert flags_refusal(argv) == (
        "error: unrecognized arguments: --jsn 3 --jsn --epocs 3; did you mean `lstmkit forecast "
        "airline --json --epochs 3` (--json takes no value)? (`lstmkit forecast --help` lists "
        "the flags)\n"
    )
    assert calls == ["lstmkit"]

"""Fixes found reviewing the command line's flag handling (each test fails without its fix)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        # a cluster before the command's name, whose long flag is the command's: no guess before;
        # the command's help lists that flag, not the top level's
        (
            ["-vjson", "forecast", "airline"],
            "unrecognized arguments: -vjson; did you mean `lstmkit forecast -v --json`?",
            " forecast",
        ),
        (
            ["-horizon", "3", "forecast", "airline"],
            "unrecognized arguments: -horizon; did you mean `lstmkit forecast --horizon`?",
            " forecast",
        ),
        (
            ["-vhorizon", "3", "forecast", "airline"],
            "unrecognized arguments: -vhorizon; did you mean `lstmkit forecast -v --horizon`?",
            " forecast",
        ),
        (
            ["text", "-vjson", "train", "sst2", "--out", "x"],
            "unrecognized arguments: -vjson; did you mean `lstmkit text train -v --json`?",
            " text train",
        ),
        # a flag of the parser that refused the word comes first, as before
        (
            ["-verbose", "forecast", "airline"],
            "unrecognized arguments: -verbose; did you mean --verbose?",
            "",
        ),
    ],
)
def test_a_one_dash_word_before_the_command_is_guessed_among_the_commands_flags(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    # `lstmkit -json forecast airline` got "`lstmkit forecast --json` for -json", -vjson nothing
    assert flags_refusal(argv) == f"error: {said} (`lstmkit{prog} --help` lists the flags)\n"


def test_a_mistyped_command_builds_no_command_named_after_it() -> None:
    """`lstmkit explan text m` imported and built the text commands (as build_parser's
    docstring has it, a mistyped command imports no topic); after a flag the top level lacks,
    a command named later is still built, for the guess of that flag."""
    from lstmkit.cli import build_parser

    def built(argv: list[str]) -> list[str]:
        sub = next(a for a in build_parser(argv)._actions if a.dest == "command")
        return [name for name, p in sub.choices.items() if p.get_default("func") is not None]

    assert built(["explan", "text", "m"]) == []
    assert built(["-v", "explan", "forecast"]) == []
    assert built(["--verb", "3", "text"]) == []  # --verbose's abbreviation takes no value
    assert built(["--epochs", "3", "forecast"]) == ["forecast", "predict"]
    assert built(["-vhorizon", "3", "forecast"]) == ["forecast", "predict"]


def test_each_word_is_read_as_python_312_reads_it_on_every_python(
    flags_refusal: Callable[[list[str]], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cluster refusal of test_py313_fixes cannot fail on Python 3.11 or 3.12.1, whose
    argparse refuses `-verbose` itself (in a closure of ``_parse_known_args``, which a test
    cannot make read as 3.13's): that every word's reading goes through
    ``_Parser._refused_as_312`` is pinned here on every Python."""
    from lstmkit.cli import _Parser

    read = []
    refused_as_312 = _Parser._refused_as_312

    def spy(self: _Parser, reading: object) -> object:
        read.append(reading)
        return refused_as_312(self, reading)

    monkeypatch.setattr(_Parser, "_refused_as_312", spy)
    said = flags_refusal(["predict", "runs/airline", "-verbose"])
    assert said.startswith("error: unrecognized arguments: -verbose; did you mean --verbose")
    # -verbose's reading, (-v, "-v", "erbose") or, from 3.12.10, (-v, "-v", "", "erbose") or a
    # list of it; each parser that meets the word reads it (the top level's and predict's)
    readings = [one for r in read for one in (r if isinstance(r, list) else [r])]
    assert {(r[1], r[-1]) for r in readings if r is not None} == {("-v", "erbose")}

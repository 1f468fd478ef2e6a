"""Fixes of the command line's flag handling, the same on every Python (tests fail without
their fix)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


def test_a_cluster_is_refused_where_python_312_refuses_it() -> None:
    """Python 3.13's argparse reads `-verbose` as the flag -v and a flag -erbose it lacks
    (`lstmkit predict runs/airline -verbose` said "unrecognized arguments: -erbose"), and
    `-horizon 3` as -h: the help, exit 0. Its reading of such a word, ``(action, flag, "",
    rest)``, is turned into the one argparse refuses as 3.12 does, given here on any Python."""
    from lstmkit.cli import _Parser

    parser = _Parser(prog="lstmkit x")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("-n", "--number", type=int)
    actions = parser._option_string_actions
    for word, refused in [
        ("-verbose", ("-v", "erbose")),
        ("-horizon", ("-h", "orizon")),
        ("-vjson", ("-v", "json")),
        ("-vhz", ("-h", "z")),  # the last flag before the letter that is none
        ("-hvz", ("-v", "z")),
        ("-vv=1", ("-v", "=1")),
        ("-v-json", ("-v", "-json")),
        ("-hv", None),  # two flags: the help, as on 3.12
        ("-vv", None),
        ("-nh", None),  # -n takes h as its value
    ]:
        reading = (actions[word[:2]], word[:2], "", word[2:])  # as Python 3.13 reads `word`
        want = reading if refused is None else (actions[refused[0]], refused[0], "=", refused[1])
        assert parser._refused_as_312(reading) == want, word
        assert parser._refused_as_312([reading]) == [want], word  # from 3.13.1: a list
    for reading in [
        None,  # no flag
        (None, "-json", None, None),  # a flag it lacks
        (actions["-v"], "-v", "=", "1"),  # `-v=1`, which argparse refuses itself
        (actions["-v"], "-v", "erbose"),  # Python 3.11's: argparse refuses it itself
    ]:
        assert parser._refused_as_312(reading) is reading


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        (
            ["predict", "runs/airline", "-verbose"],
            "argument -v/--verbose: ignored explicit argument 'erbose'; did you mean --verbose "
            "for -verbose?",
            "predict",
        ),
        (
            ["text", "predict", "runs/sst2", "-verbose", "good"],
            "argument -v/--verbose: ignored explicit argument 'erbose'; did you mean --verbose "
            "for -verbose?",
            "text predict",
        ),
        (
            ["text", "-verbose", "train", "sst2", "--out", "x"],
            "argument -v/--verbose: ignored explicit argument 'erbose'; did you mean --verbose "
            "for -verbose?",
            "text",
        ),
        (
            ["forecast", "airline", "-vjson"],
            "argument -v/--verbose: ignored explicit argument 'json'; did you mean --json for "
            "-vjson?",
            "forecast",
        ),
        (
            ["forecast", "airline", "-vvz"],
            "argument -v/--verbose: ignored explicit argument 'z'",
            "forecast",
        ),
        (
            ["forecast", "airline", "-vv=1"],
            "argument -v/--verbose: ignored explicit argument '=1'",
            "forecast",
        ),
        # an earlier word is refused first, as argparse reaches it
        (
            ["forecast", "airline", "--epochs", "x", "-verbose"],
            "argument --epochs: invalid int value: 'x'",
            "forecast",
        ),
    ],
)
def test_a_misspelt_one_dash_flag_is_refused_alike_on_every_python(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """What Python 3.12 says of a cluster of short flags that ends in no flag, said on every
    Python: 3.13 named a part of the word among the unrecognized arguments, from the innermost
    command's parser (`text -verbose train` pointed at `text train --help`)."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit {prog} --help` lists the flags)\n"

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
            "unrecognized arguments: -verbose; did you mean --verbose?",
            "predict",
        ),
        # 3.13 said only "the following arguments are required: model"
        (
            ["predict", "-verbose"],
            "unrecognized arguments: -verbose; did you mean --verbose?",
            "predict",
        ),
        (
            ["text", "predict", "runs/sst2", "-verbose", "good"],
            "unrecognized arguments: -verbose; did you mean --verbose?",
            "text predict",
        ),
        (
            ["text", "-verbose", "train", "sst2", "--out", "x"],
            "unrecognized arguments: -verbose; did you mean --verbose?",
            "text",
        ),
        (
            ["forecast", "airline", "-vvz"],
            "unrecognized arguments: -vvz",
            "forecast",
        ),
        (
            ["forecast", "airline", "-vv=1"],
            "argument -v/--verbose: ignored explicit argument '=1'",
            "forecast",
        ),
        # an earlier word is refused first, as argparse reaches it
        (
            ["forecast", "airline", "--cell", "x", "-verbose"],
            "argument --cell: invalid choice: 'x' (choose from 'lstm', 'gru', 'peephole')",
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


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        # argparse took 3 for the command's name: the flag was named, with no guess; the
        # command's help lists the flag guessed
        (
            ["--epochs", "3", "forecast", "airline"],
            "unrecognized arguments: --epochs 3; did you mean `lstmkit forecast airline --epochs "
            "3`?",
            " forecast",
        ),
        (
            ["--epocs", "3", "forecast", "airline"],
            "unrecognized arguments: --epocs 3; did you mean `lstmkit forecast airline --epochs "
            "3`?",
            " forecast",
        ),
        (
            ["--epochs", "3", "text", "train", "sst2", "--out", "x"],
            "unrecognized arguments: --epochs 3; did you mean `lstmkit text train sst2 --out x "
            "--epochs 3`?",
            " text train",
        ),
        (
            ["text", "--epochs", "3", "train", "sst2", "--out", "x"],
            "unrecognized arguments: --epochs 3; did you mean `lstmkit text train sst2 --out x "
            "--epochs 3`?",
            " text train",
        ),
        # no flag it looks like, or no command named: as before
        (["--zz", "3", "forecast", "airline"], "unrecognized arguments: --zz 3", ""),
        (["--epochs", "3", "nosuch"], "unrecognized arguments: --epochs 3", ""),
    ],
)
def test_a_commands_flag_with_a_value_before_the_commands_name_gets_where_it_goes(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit --json forecast airline` was told "did you mean `lstmkit forecast --json`";
    `lstmkit --epochs 3 forecast airline` got no guess: argparse read 3 as the command."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit{prog} --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        # the word after the misspelling is the positional it seems, not a value of it
        (
            ["forecast", "--jsn", "airline"],
            "unrecognized arguments: --jsn; did you mean --json?",
            "forecast",
        ),
        (
            ["predict", "--jsn", "runs/airline"],
            "unrecognized arguments: --jsn; did you mean --json?",
            "predict",
        ),
        (
            ["text", "train-lm", "--jsn", "shakespeare"],
            "unrecognized arguments: --jsn (did you mean --json?); the following "
            "arguments are required: --out",
            "text train-lm",
        ),
        (
            ["text", "spell", "--jsn", "runs/numbers"],
            "unrecognized arguments: --jsn (did you mean --json?); the following "
            "arguments are required: number",
            "text spell",
        ),
        # the sentences' (`text predict DIR --json "good"` reads it so), not named: Python
        # 3.12.10 gives it to them itself (test_flags313b_fixes)
        (
            ["text", "predict", "runs/sst2", "--jsn", "good"],
            "unrecognized arguments: --jsn; did you mean --json?",
            "text predict",
        ),
        # a word no positional takes: said to take no value, as before
        (
            ["forecast", "airline", "--jsn", "x"],
            "unrecognized arguments: --jsn x; did you mean --json (it takes no value)?",
            "forecast",
        ),
        # a flag that takes a value: named with it, as before
        (
            ["forecast", "--epocs", "3", "airline"],
            "unrecognized arguments: --epocs 3; did you mean --epochs?",
            "forecast",
        ),
    ],
)
def test_a_misspelt_flag_that_takes_no_value_leaves_the_positional_after_it(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str
) -> None:
    """`lstmkit forecast --jsn airline` said "unrecognized arguments: --jsn airline; did you
    mean --json (it takes no value) for --jsn?": `forecast --json airline` is right, airline
    the dataset, not a value given to the flag."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit {prog} --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["forecast", "airline", "--jsn", "x", "--jsn"],
            "unrecognized arguments: --jsn x --jsn; did you mean --json (it takes no value)?",
        ),
        (
            ["--jsn", "forecast", "--jsn", "airline"],
            "unrecognized arguments: --jsn --jsn; did you mean `lstmkit forecast --json airline`?",
        ),
        (
            ["--verbse", "forecast", "airline", "--verbse", "x"],
            "unrecognized arguments: --verbse --verbse x; did you mean --verbose (it takes no "
            "value)?",
        ),
    ],
)
def test_a_misspelling_given_twice_gets_one_guess(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`lstmkit forecast airline --jsn x --jsn` said "did you mean --json (it takes no value)
    for --jsn, --json for --jsn?": a guess for each place the misspelling stood."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit forecast --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["forecast", "airline", "-vjson"],
            "unrecognized arguments: -vjson; did you mean -v --json?",
        ),
        (
            ["forecast", "airline", "-vhorizon", "3"],
            "unrecognized arguments: -vhorizon; did you mean -v --horizon?",
        ),
        # the whole word looks more like the flag: as before
        (
            ["forecast", "airline", "-verbose"],
            "unrecognized arguments: -verbose; did you mean --verbose?",
        ),
        (
            ["forecast", "airline", "-help"],
            "unrecognized arguments: -help; did you mean --help?",
        ),
        # never the help with another flag (`-h --json` prints the help)
        (
            ["forecast", "airline", "-hjsn"],
            "unrecognized arguments: -hjsn; did you mean --json?",
        ),
        (["forecast", "airline", "-vvz"], "unrecognized arguments: -vvz"),
    ],
)
def test_a_cluster_of_short_flags_and_a_long_one_gets_both_in_its_guess(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`lstmkit forecast airline -vjson` was told "did you mean --json for -vjson?", which
    drops the -v it began with; `-vhorizon 3` got no guess (argparse stopped after -h)."""
    assert flags_refusal(argv) == f"error: {said} (`lstmkit forecast --help` lists the flags)\n"

"""Fixes of the review of the changes merged on the day (tests fail without their fix)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("words", "named", "said"),
    [
        # Python 3.13 names -erbose with the other strays: the guess for -verbose was lost
        (
            ["airline", "-verbose", "extra"],
            "-erbose extra",
            "; did you mean --verbose for -verbose?",
        ),
        (
            ["airline", "-verbose", "--jsn"],
            "-erbose --jsn",
            "; did you mean --json for --jsn, --verbose for -verbose?",
        ),
        (["airline", "-verbose"], "-erbose", "; did you mean --verbose for -verbose?"),
        (["airline", "-v", "-"], "-", ""),  # -v, then a lone dash: no flag
        (["airline", "-vz"], "-z", ""),  # nothing it looks like
        (["airline", "-number"], "-umber", ""),  # -n takes a value: no -umber from it
    ],
)
def test_python_313s_one_dash_flag_gets_its_guess_among_other_strays(
    words: list[str], named: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python 3.13's argparse reads `-verbose` as the flag -v, then names -erbose among the
    unrecognized arguments: the --verbose guess was lost there. Its message, given to the
    parser on any Python."""
    from lstmkit.cli import _Parser

    parser = _Parser(prog="lstmkit forecast")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("-n", "--number", type=int)
    parser._words = words
    with pytest.raises(SystemExit) as exit_:
        parser.error(f"unrecognized arguments: {named}")
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        f"error: unrecognized arguments: {named}{said} (`lstmkit forecast --help` lists the "
        "flags)\n"
    )

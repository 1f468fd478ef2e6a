"""Fixes found reviewing the changes of the smallleft branch (each test fails without its fix)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("argv", "json"),
    [
        (["predict", "runs/airline", "--json", "--"], True),
        (["predict", "runs/airline", "--horizon", "3", "-v", "--"], False),
    ],
)
def test_a_last_double_dash_after_predicts_flags_ends_them(argv: list[str], json: bool) -> None:
    """`lstmkit predict runs/airline --json --` forecast from the model's own data on Python
    3.12.10 and said "unrecognized arguments: --" on 3.11, 3.12.1 and 3.13.0: the "--" ends the
    flags and gives the optional dataset nothing, as `lstmkit predict runs/airline --` does."""
    from lstmkit.cli import build_parser

    parsed = build_parser(argv).parse_args(argv)
    assert (parsed.dataset, parsed.json, str(parsed.model)) == (None, json, "runs/airline")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["predict", "runs/a", "--jsn", "--"], "--jsn; did you mean --json?"),
        (["predict", "runs/a", "--json", "-x", "--"], "-x"),
        # a dataset given before the flag: the "--" is left over, on every Python
        (["predict", "runs/a", "airline", "--json", "--"], "--"),
    ],
)
def test_a_last_double_dash_is_not_named_a_stray_of_predict(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`lstmkit predict runs/a --jsn --` named "--jsn --" as unrecognized on Python 3.11,
    3.12.1 and 3.13.0, "--jsn" on 3.12.10."""
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {said} (`lstmkit predict --help` lists the flags)\n"
    )

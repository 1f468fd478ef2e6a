"""Command-line polish of the text commands from a README walk-through."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main

_SAID = "must be an integer in [0, 9223372036854775807], got -1."


@pytest.mark.parametrize(
    "argv",
    [
        ["text", "train", "sst2", "--seed", "-1"],
        ["text", "train-lm", "shakespeare", "--seed", "-1"],
        ["text", "train-seq2seq", "numbers", "--seed", "-1"],
        ["text", "generate", "{tmp}/lm", "--seed", "-1"],
        ["demo", "--seed", "-1"],
    ],
)
def test_a_seed_out_of_range_is_refused_as_forecast_refuses_it(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lstmkit forecast --seed -1` said "an integer in [...]", the text commands "an int in
    [...]" and generate and demo "in [0, 2**63 - 1]"."""
    argv = [word.format(tmp=tmp_path) for word in argv]
    out = ["--out", str(tmp_path / "out")] if "train" in argv[1] else []
    assert main([*argv, *out]) == 2
    assert capsys.readouterr() == ("", f"error: --seed {_SAID}\n")

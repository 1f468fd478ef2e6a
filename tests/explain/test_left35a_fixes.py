"""left35a: left-overs of the explanations' reviews (eps overflow, rule dtypes, bool targets,
--eps help)."""

from __future__ import annotations

import pytest

from lstmkit.cli import main


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["explain", "--help"],
            "--eps X LRP stabilizer, at least 2.2e-308 (float64's smallest normal number; "
            "default: 0.001)",
        ),
        (
            ["text", "predict", "--help"],
            "--eps X with --explain: LRP's stabilizer, at least 2.2e-308 (float64's smallest "
            "normal number; default: 0.001; 0.1 keeps long sentences' relevances from "
            "amplifying)",
        ),
    ],
)
def test_the_eps_flags_help_gives_the_floor_they_are_checked_against(
    argv, expected, capsys
) -> None:
    # the help said "> 0", where a subnormal --eps (5e-324) is refused since revwalk35a
    with pytest.raises(SystemExit):
        main(argv)
    text = " ".join(capsys.readouterr().out.split())
    assert expected in text
    assert "> 0" not in text

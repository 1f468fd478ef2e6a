"""What a new user met walking README's "Set up" and "A tour in seven commands"."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lstmkit.cli import main

_COMMANDS = "'datasets', 'forecast', 'predict', 'text', 'explain', 'demo'"
_EXAMPLES = "'my', 'promo', 'eu', 'umsatz', 'umsatz_new', 'load', 'stores', 'newer'"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["forcast", "airline"],
            f"argument COMMAND: invalid choice: 'forcast' (choose from {_COMMANDS}); did you "
            "mean 'forecast'? (`lstmkit --help` lists the commands)",
        ),
        (
            ["Forecast", "airline"],
            f"argument COMMAND: invalid choice: 'Forecast' (choose from {_COMMANDS}); did you "
            "mean 'forecast'? (`lstmkit --help` lists the commands)",
        ),
        # no command looks like it: the names alone, and the help that lists them
        (
            ["fooo"],
            f"argument COMMAND: invalid choice: 'fooo' (choose from {_COMMANDS}) "
            "(`lstmkit --help` lists the commands)",
        ),
        (
            ["text", "trian", "sst2"],
            "argument COMMAND: invalid choice: 'trian' (choose from 'train', 'predict', "
            "'evaluate', 'train-lm', 'generate', 'train-seq2seq', 'spell'); did you mean 'train'? "
            "(`lstmkit text --help` lists the commands)",
        ),
        (
            ["datasets", "--example", "prmo"],
            f"argument --example: invalid choice: 'prmo' (choose from {_EXAMPLES}); did you "
            "mean 'promo'? (`lstmkit datasets --help` lists the flags)",
        ),
        (
            ["datasets", "--example", "umsatz-new"],
            f"argument --example: invalid choice: 'umsatz-new' (choose from {_EXAMPLES}); did "
            "you mean 'umsatz_new'? (`lstmkit datasets --help` lists the flags)",
        ),
        (
            ["forecast", "airline", "--cell", "lsmt"],
            "argument --cell: invalid choice: 'lsmt' (choose from 'lstm', 'gru', 'peephole'); "
            "did you mean 'lstm'? (`lstmkit forecast --help` lists the flags)",
        ),
        (
            ["text", "train", "SST2"],
            "argument task: invalid choice: 'SST2' (choose from 'sst2', 'sst5'); did you mean "
            "'sst2'? (`lstmkit text train --help` lists the flags)",
        ),
        # as near one choice as the other: no guess
        (
            ["text", "train", "sst3"],
            "argument task: invalid choice: 'sst3' (choose from 'sst2', 'sst5') "
            "(`lstmkit text train --help` lists the flags)",
        ),
    ],
)
def test_a_misspelt_choice_is_asked_what_was_meant(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    """`lstmkit forcast airline` was told the six command names and "(`lstmkit --help` lists
    the flags)": no guess, as `lstmkit forecast airlines` has one ("did you mean 'airline'?"),
    and a help said to list flags where the name of a command was wrong."""
    assert flags_refusal(argv) == f"error: {said}\n"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (
            "gates.txt",
            "--plot must end in a suffix matplotlib can save to (",
        ),
        (
            "afile/gates.png",
            "--plot '{tmp}/afile/gates.png' cannot be written: '{tmp}/afile' is a file",
        ),
        ("adir", "--plot must name a file, got the existing folder '{tmp}/adir'; write into it"),
    ],
)
def test_demo_names_the_plot_flag_typed(
    capsys: pytest.CaptureFixture[str], tmp_path, name: str, said: str
) -> None:
    """`lstmkit demo --plot gates.txt` said "error: --plot: `path` must end in a suffix ...":
    `path` is the library's argument, which no one on the command line had given."""
    (tmp_path / "afile").write_text("")
    (tmp_path / "adir").mkdir()
    assert main(["demo", "--plot", str(tmp_path / name)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("error: " + said.format(tmp=tmp_path))
    assert "`path`" not in captured.err and captured.out == ""


def test_the_top_level_help_says_where_to_go_next(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lstmkit --help` listed the six commands and stopped: not that each command has a
    --help of its own listing its flags, nor which command to run first."""
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.endswith(
        "\n\n`lstmkit COMMAND --help` lists a command's flags (`lstmkit text COMMAND\n"
        "--help` a text command's). To start: `lstmkit datasets`, `lstmkit forecast\n"
        'airline --out runs/airline`, `lstmkit demo` (README.md: "A tour in seven\n'
        'commands").\n'
    )

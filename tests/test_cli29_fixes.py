"""cli29: the command line read as a shell user reads it, from its help and its messages.

A missing file said "--csv file not found: 'x.csv'." where ``--file`` said "--file 'x.txt' not
found."; ``forecast --shuffle`` (Keras', scikit-learn's) said "unrecognized arguments" alone,
where ``--scaler`` and ``--units`` got the flag they are here; forecast's ``--fill`` help said
"(default: none, ...)", where ``none`` is a choice of predict's and explain's ``--fill`` (the
run's fill undone) that forecast refuses; " and N more" was written by hand in eight messages;
two flags of one group said argparse's "argument --file: not allowed with argument --text";
``text predict --file`` and ``explain --file`` said a folder "is not a file", where
``train-lm --file`` said "must be a text file, got the folder"; ``demo --plot`` showed PATH where
every other file's flag shows FILE.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from lstmkit._checks import and_more, not_found
from lstmkit.cli import main
from lstmkit.io import _overwritten

SHUFFLE = (
    "no flag shuffles the series: forecast keeps its points in time order (--holdout the last "
    "N, the --val-size validation windows the most recent before them) and shuffles only the "
    "order of the training windows each epoch"
)


# ---- 1. every path flag: "--FLAG 'x' not found." -------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["forecast", "--csv", "gone.csv"], "--csv 'gone.csv' not found."),
        (
            ["text", "train", "--csv", "gone.csv", "--text-col", "t", "--label-col", "l"],
            "--csv 'gone.csv' not found.",
        ),
        (
            [
                *["text", "train", "--csv", "lab.csv", "--text-col", "t", "--label-col", "l"],
                *["--dev-csv", "gone.csv", "--test-csv", "./gone.csv"],
            ],
            "--dev-csv 'gone.csv' not found. --test-csv './gone.csv' not found.",
        ),
        (["text", "train-lm", "--file", "gone.txt"], "--file 'gone.txt' not found."),
    ],
)
def test_a_missing_file_is_said_as_its_flag_and_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("lab.csv").write_text("t,l\n" + "".join(f"a film {i},{i % 2}\n" for i in range(20)))
    out = [] if argv[0] == "forecast" else ["--out", "m"]
    assert main([*argv, *out]) == 2
    assert capsys.readouterr() == ("", f"error: {said}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab.csv"]  # nothing written


def test_not_found_says_a_flag_as_every_flag_and_an_argument_as_before() -> None:
    assert str(not_found(Path("data/x.csv"), "--dev-csv")) == "--dev-csv 'data/x.csv' not found."
    assert str(not_found(Path("x.txt"), "--file")) == "--file 'x.txt' not found."
    # the library's arguments keep their wording
    assert str(not_found(Path("x.csv"), "`path`")) == "`path` file not found: 'x.csv'."


def test_one_file_missing_for_two_flags_is_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["text", "train", "--csv", "gone.csv", "--dev-csv", "gone.csv", "--out", "m"]
    assert main([*argv, "--text-col", "t", "--label-col", "l"]) == 2
    assert capsys.readouterr().err == "error: --csv and --dev-csv 'gone.csv' not found.\n"
    assert list(tmp_path.iterdir()) == []


# ---- 2. --shuffle: what forecast does instead ----------------------------------------------


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--shuffle"], f"--shuffle; {SHUFFLE}"),
        (["--shuffle=True"], f"--shuffle=True; {SHUFFLE}"),
        # with another library's flag that has a name here: the note, then the guess
        (
            ["--shuffle", "--units", "3"],
            f"--shuffle --units 3; {SHUFFLE}; did you mean --hidden-size for --units?",
        ),
    ],
)
def test_shuffle_says_the_windows_are_in_time_order(
    flags_refusal: Callable[[list[str]], str], flags: list[str], said: str
) -> None:
    assert flags_refusal(["forecast", "airline", *flags]) == (
        f"error: unrecognized arguments: {said} (`lstmkit forecast --help` lists the flags)\n"
    )


def test_shuffle_is_told_by_forecast_alone(flags_refusal: Callable[[list[str]], str]) -> None:
    # predict trains nothing: no note of training windows there
    assert flags_refusal(["predict", "runs/airline", "--shuffle"]) == (
        "error: unrecognized arguments: --shuffle (`lstmkit predict --help` lists the flags)\n"
    )


# ---- 3. forecast's --fill help names no choice it lacks ----------------------------------------


def test_forecast_fill_help_names_its_none_choice(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # cli30: `none` is forecast's choice too, its default (see test_cli30_fixes.py)
    monkeypatch.setenv("COLUMNS", "250")
    with pytest.raises(SystemExit):
        main(["forecast", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert (
        "--fill {ffill,bfill,interpolate,zero,none} fill missing values instead of failing "
        "(default: none: no fill, a missing value is refused)"
    ) in said


# ---- 4. " and N more", written in one place --------------------------------------------------


def test_and_more_says_how_many_a_list_leaves_out() -> None:
    assert and_more(7, 5) == " and 2 more"
    assert and_more(5, 5) == ""
    assert and_more(2, 5) == ""


@pytest.mark.parametrize(
    ("names", "left"),
    [
        ("abcde", "a.txt, b.txt, c.txt, d.txt and e.txt"),  # five: all named
        ("abcdef", "a.txt, b.txt, c.txt, d.txt and 2 more"),
    ],
)
def test_a_model_folder_overwritten_names_what_it_leaves(
    tmp_path: Path, names: str, left: str
) -> None:
    (tmp_path / "config.json").write_text("{}")
    for name in names:
        (tmp_path / f"{name}.txt").write_text("")
    assert _overwritten(tmp_path, ()) == (
        f"overwrite that model's config.json and leave {left} behind"
    )


# ---- 5. two ways to give one thing, said as the rest of the command line says them -----------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was "argument --file: not allowed with argument --text", as a flag refused for its value
        (
            ["explain", "runs/m", "--text", "a film", "--file", "s.txt"],
            "give --text or --file, not both (`lstmkit explain --help` lists the flags)",
        ),
        (
            ["explain", "runs/m", "--csv", "a.csv", "--text", "a film"],
            "give --csv or --text, not both (`lstmkit explain --help` lists the flags)",
        ),
        (
            ["datasets", "--json", "--example", "promo"],
            "give --json or --example, not both (`lstmkit datasets --help` lists the flags)",
        ),
        # a value refused before it is said first, as every refusal of the flags is
        (
            ["explain", "runs/m", "--top", "x", "--text", "a", "--file", "s.txt"],
            "--top must be an integer, got 'x'. give --text or --file, not both (`lstmkit "
            "explain --help` lists the flags)",
        ),
    ],
)
def test_two_flags_of_one_group_say_give_one_not_both(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    assert flags_refusal(argv) == f"error: {said}\n"


# ---- 6. --file names a folder and a device as train-lm's --file and every --csv do ------------


@pytest.mark.parametrize("command", [["text", "predict"], ["explain"]])
def test_sentences_file_folder_or_device_is_said_as_every_file_flag_says_it(
    classifier_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    # was "--file 'runs' is not a file.", where train-lm's --file said the folder
    assert main([*command, str(classifier_dir), "--file", str(tmp_path)]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --file must be a text file, got the folder {str(tmp_path)!r}.\n",
    )
    assert main([*command, str(classifier_dir), "--file", "/dev/null"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --file must be a text file, got '/dev/null', a device, not a file; save the "
        "data to a file and pass its name.\n",
    )
    assert list(tmp_path.iterdir()) == []


# ---- 7. a file's flag is FILE (or DIR) in every help ----------------------------------------

COMMANDS = [
    ["forecast"],
    ["predict"],
    ["explain"],
    ["datasets"],
    ["demo"],
    *(
        ["text", c]
        for c in ("train", "predict", "evaluate", "train-lm", "generate", "train-seq2seq", "spell")
    ),
]


def test_every_path_flag_shows_file_or_dir(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    shown: dict[str, set[str]] = {}
    for words in COMMANDS:
        with pytest.raises(SystemExit):
            main([*words, "--help"])
        usage = capsys.readouterr().out.split("\n\n")[0]
        for flag, metavar in re.findall(r"\[?(--[a-z-]+) ([A-Z]+)\b", usage):
            shown.setdefault(metavar, set()).add(flag)
    # demo's --plot was PATH, where every other file's flag says FILE
    assert shown["FILE"] == {"--csv", "--dev-csv", "--test-csv", "--file", "--out", "--plot"}
    assert shown["DIR"] == {"--out", "--data-dir", "--init-from"}  # revlm39: text train-lm
    assert "PATH" not in shown


# ---- 8. --sep, --decimal, --thousands, --where and --out: said flag first, all at once --------


def test_a_separator_a_selection_and_an_empty_out_are_said_as_every_value_refused(
    flags_refusal: Callable[[list[str]], str], capsys: pytest.CaptureFixture[str]
) -> None:
    # was "argument --sep: must be one character ..." alone, the first of them, where
    # `text train --out ''` said "--out must name a folder, got ''."
    argv = ["forecast", "airline", "--horizon", "x", "--sep", "TAB", "--where", "q"]
    assert flags_refusal([*argv, "--thousands", ";;", "--out", ""]) == (
        "error: --horizon must be an integer, got 'x'. --sep must be one character (or 'tab'), "
        "got 'TAB' (did you mean 'tab'?). --where must be COL=VALUE, e.g. store=A, got 'q'. "
        "--thousands must be one character (or 'tab'), got ';;'. --out must name a folder, got "
        "''.\n"
    )
    for command in (["explain", "runs/m"], ["predict", "runs/m"]):
        assert flags_refusal([*command, "--out", " "]) == (
            "error: --out must name a folder, got ' '.\n"
        )
    # text train's, refused once the flags parse, in the same words
    assert main(["text", "train", "sst2", "--out", " "]) == 2
    assert capsys.readouterr() == ("", "error: --out must name a folder, got ' '.\n")


# ---- 9. train-seq2seq without its task names it, as train and train-lm name theirs --------------


def test_train_seq2seq_without_its_task_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # was "the following arguments are required: task", a word its help never shows ({numbers})
    out = tmp_path / "numbers"
    assert main(["text", "train-seq2seq", "--out", str(out)]) == 2
    assert capsys.readouterr() == (
        "",
        "error: name the task to learn: 'numbers' (numbers written in digits -> the same in "
        "words).\n",
    )
    assert not out.exists()

"""revcli29: the review of cli29 (its " and N more" helper, forecast's --shuffle note, the
--file of text predict and explain).

Six classes too small to split said "... and 1 more classes."; ``forecast --no-shuffle``
(Keras' shuffle=False) said "unrecognized arguments" alone, where ``--shuffle`` got the note
that only the training windows' order is shuffled.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text.sentiment import SentimentConfig, train_classifier


def test_one_class_more_is_said_in_the_singular() -> None:
    # was "... and 1 more classes."
    texts = [f"a film about {w}" for w in ("cats", "dogs", "owls", "bats", "rats", "eels")]
    with pytest.raises(ValueError) as info:
        train_classifier(texts, list("abcdef"), SentimentConfig(progress=False))
    assert str(info.value) == (
        "`labels` must hold at least 5 examples of each class, so that 10 % of each (rounded) "
        "goes to dev and to test, got 1 of 'a', 1 of 'b', 1 of 'c', 1 of 'd', 1 of 'e' and 1 "
        "more class: add texts of those classes or leave their rows out."
    )


SHUFFLE = (
    "no flag shuffles the series: forecast keeps its points in time order (--holdout the last "
    "N, the --val-size validation windows the most recent before them) and shuffles only the "
    "order of the training windows each epoch"
)


@pytest.mark.parametrize("flags", [["--no-shuffle"], ["--shuffle", "--no-shuffle"]])
def test_no_shuffle_gets_the_note_of_shuffle(
    flags_refusal: Callable[[list[str]], str], flags: list[str]
) -> None:
    # was "unrecognized arguments: --no-shuffle" alone; said once with --shuffle beside it
    assert flags_refusal(["forecast", "airline", *flags]) == (
        f"error: unrecognized arguments: {' '.join(flags)}; {SHUFFLE} (`lstmkit forecast "
        "--help` lists the flags)\n"
    )


def test_a_quote_or_a_line_break_as_separator_is_said_with_the_other_values(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    # was refused as the file was read: "--horizon must be an integer, got 'x'." alone, and
    # the --decimal after a --sep '"' went unsaid
    argv = ["forecast", "--csv", "a.csv", "--date-col", "d", "--value-col", "y"]
    assert flags_refusal([*argv, "--sep", '"', "--decimal", "\n", "--horizon", "x"]) == (
        "error: --sep must be one character (not a quote or a line break), got '\"'. --decimal "
        "must be one character (not a quote or a line break), got '\\n'. --horizon must be an "
        "integer, got 'x'.\n"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["forecast", "--csv", ""], "--csv must name a CSV file, got ''."),
        (
            ["text", "train-lm", "--file", "", "--out", "lm"],
            "--file must name a text file, got ''.",
        ),
        (["text", "predict", "CLF", "--file", ""], "--file must name a text file, got ''."),
        (["explain", "CLF", "--file", ""], "--file must name a text file, got ''."),
    ],
)
def test_an_empty_file_flag_is_said_to_name_no_file(
    classifier_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    said: str,
) -> None:
    # was "got the folder ''": Path("") is the current folder, which no one typed
    monkeypatch.chdir(tmp_path)
    assert main([str(classifier_dir) if word == "CLF" else word for word in argv]) == 2
    assert capsys.readouterr() == ("", f"error: {said}\n")
    assert list(tmp_path.iterdir()) == []


def test_where_is_refused_in_the_words_of_its_help(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    # was "must be COLUMN=VALUE", where --help shows `--where COL=VALUE`
    argv = ["forecast", "--csv", "a.csv", "--date-col", "d", "--value-col", "y"]
    assert flags_refusal([*argv, "--where", "store"]) == (
        "error: --where must be COL=VALUE, e.g. store=A, got 'store'.\n"
    )

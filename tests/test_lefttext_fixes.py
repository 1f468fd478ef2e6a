"""Small defects of the explanations and the command line, each pinned by a test."""

from __future__ import annotations

import argparse
import os
import re
import select
import sys
from typing import Any

import pytest

from lstmkit._checks import progress_bar
from lstmkit.cli import build_parser
from lstmkit.explain.render import padded, printable

ZWJ = "\u200d"


@pytest.mark.parametrize(
    "emoji",
    [
        f"\U0001f469{ZWJ}\U0001f4bb",  # woman, laptop: a technologist
        f"\U0001f469\U0001f3fd{ZWJ}\U0001f4bb",  # with a skin tone
        f"\U0001f3c3{ZWJ}\u2640\ufe0f",  # runner, female sign (narrow), selector
        f"\U0001f3f3\ufe0f{ZWJ}\U0001f308",  # white flag (narrow), selector, rainbow
        f"\U0001f468{ZWJ}\U0001f469{ZWJ}\U0001f467{ZWJ}\U0001f466",  # a family of four
    ],
)
def test_an_emoji_zwj_sequence_is_shown_as_one_glyph_two_columns_wide(emoji: str) -> None:
    # the joiner was escaped: "👩\u200d💻" took 10 columns and hid the glyph
    assert printable(emoji) == emoji
    assert padded(printable(emoji), 5) == emoji + "   "
    assert padded(printable(emoji), 5, ">") == "   " + emoji


@pytest.mark.parametrize(
    ("text", "shown", "columns"),
    [
        (ZWJ, "\\u200d", 6),  # alone it would be invisible
        (f"a{ZWJ}b", "a\\u200db", 8),  # between letters too
        (f"\u4e2d{ZWJ}\u6587", "\u4e2d\\u200d\u6587", 10),  # two CJK characters, 2 each
        (f"\U0001f469{ZWJ}", "\U0001f469\\u200d", 8),  # at the end
        (f"{ZWJ}\U0001f4bb", "\\u200d\U0001f4bb", 8),  # at the start
    ],
)
def test_a_joiner_outside_an_emoji_sequence_is_still_escaped(
    text: str, shown: str, columns: int
) -> None:
    assert printable(text) == shown
    assert padded(shown, 12) == shown + " " * (12 - columns)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_bar_on_a_terminal_that_reports_no_size_is_drawn_not_a_blank_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a pseudo-terminal nobody sized (0 x 0, as `script` opens) got only the bar's closing
    # newline: train-seq2seq (and every trainer) printed a blank line to stderr
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("LINES", "20")
    main_fd, terminal_fd = os.openpty()
    try:
        with open(terminal_fd, "w", encoding="utf-8", closefd=False) as terminal:
            assert os.get_terminal_size(terminal.fileno()) == (0, 0)
            monkeypatch.setattr(sys, "stderr", terminal)
            bar = progress_bar(True, total=3, desc="train")
            bar.update(3)
            bar.close()
            terminal.flush()
        written = b""
        # the terminal passes it in pieces, and late on a busy machine: read up to the newline
        # that closes the bar (the only one), not for a fixed 0.1 s
        while not written.endswith(b"\r\n") and select.select([main_fd], [], [], 10)[0]:
            written += os.read(main_fd, 65536)
    finally:
        os.close(main_fd)
        os.close(terminal_fd)
    text = written.decode()
    assert text.endswith("\r\n")  # the terminal writes each newline as \r\n
    last = text[:-2].split("\r")[-1]
    assert re.fullmatch(r"train: 100%\|█+\| 3/3 \[00:00<00:00, [ 0-9.?]+it/s\]", last), last
    assert len(last) == 60


def _commands(parser: argparse.ArgumentParser, name: str = "lstmkit") -> dict[str, Any]:
    """Every command's parser under ``parser``, by its full name (``lstmkit text train``)."""
    found = {name: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub, child in action.choices.items():
                found |= _commands(child, f"{name} {sub}")
    return found


def test_every_threads_flag_shows_the_same_metavar() -> None:
    # forecast showed `--threads NUM_THREADS` (its dest), the others `--threads N`
    shown = {
        name: [a.metavar for a in command._actions if "--threads" in a.option_strings]
        for name, command in _commands(build_parser()).items()  # every command built in full
    }
    assert {name: m for name, m in shown.items() if m} == {
        "lstmkit forecast": ["N"],
        "lstmkit text train": ["N"],
        "lstmkit text predict": ["N"],
        "lstmkit text evaluate": ["N"],
        "lstmkit text train-lm": ["N"],
        "lstmkit text generate": ["N"],
        "lstmkit text train-seq2seq": ["N"],
        "lstmkit explain": ["N"],
    }

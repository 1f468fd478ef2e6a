"""revwalk35c: review of walk35c (folder-like figure paths, gate figures) and what it left:
a corpus too short said no total, a trace's KeyError no close key, CharVocab.encode's message,
plot_saturation's axes and title, a figure path ending in Windows' backslash."""

from __future__ import annotations

import os

import pytest

from lstmkit.cli import main
from lstmkit.text import CharLMConfig
from lstmkit.text.charlm import check_corpus

POSIX = pytest.mark.skipif(os.sep != "/", reason="'\\' separates folders here")


class _Gates(dict):
    lengths = None


def test_a_corpus_too_short_is_told_how_many_characters_it_needs_in_all(tmp_path, capsys):
    # a one-character file was told of "its 0 training characters" and a held-out part that
    # "must have at least 2 characters, got 1": the total it needs was left to work out
    config = CharLMConfig(batch_size=2, bptt=3)
    with pytest.raises(ValueError) as err:
        check_corpus("a", config)
    assert str(err.value) == (
        "`text` is too short: its 0 training characters (all but the `val_fraction`=0.1 held "
        "out) must make `batch_size`=2 streams of at least 2 characters (4 characters), and "
        "its held-out part (`val_fraction`=0.1) must have at least 2 characters, got 1; it has "
        "1 character in all, where `batch_size`=2 streams of `bptt`=3 + 1 characters and the "
        "held-out part need at least 11."
    )
    with pytest.raises(ValueError, match=r"it has 10 characters in all, .* at least 11\.$"):
        check_corpus("x" * 10, config)
    check_corpus("x" * 11, config)  # the total said is enough
    # the command line's defaults: 3,591 characters are still refused (for --bptt), 3,592 not
    (tmp_path / "one.txt").write_text("a", encoding="utf-8")
    out = str(tmp_path / "m")
    assert main(["text", "train-lm", "--file", str(tmp_path / "one.txt"), "--out", out]) != 0
    assert capsys.readouterr().err.endswith(
        "got 1; it has 1 character in all, where --batch-size=32 streams of --bptt=100 + 1 "
        "characters and the held-out part need at least 3,592.\n"
    )
    with pytest.raises(ValueError, match="`bptt` must be at most 99"):
        check_corpus("x" * 3591, CharLMConfig())
    check_corpus("x" * 3592, CharLMConfig())

"""revlm39: review of lm39 (char LM and seq2seq), and what it left: resuming a training
(``--init-from``), the way out of a too-short corpus, perplexity to 4 figures."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.cli.text import _bits_and_perplexity

SMALL = ["--embed-dim", "4", "--hidden-size", "4", "--num-layers", "1", "--max-steps", "1"]
SMALL += ["--no-progress", "--json", "--threads", "1"]


def test_perplexity_is_given_to_four_significant_figures_each() -> None:
    # "perplexity 31" (.4g dropped the zeros) stood beside "perplexity 5.068"; 22,026 had 5
    assert _bits_and_perplexity(math.log(31)) == "4.954 bits/char, perplexity 31.00"
    assert _bits_and_perplexity(0.0) == "0.000 bits/char, perplexity 1.000"
    assert _bits_and_perplexity(math.log(100)) == "6.644 bits/char, perplexity 100.0"
    assert _bits_and_perplexity(10.0) == "14.427 bits/char, perplexity 22,030"
    assert _bits_and_perplexity(math.log(999.96)) == "9.966 bits/char, perplexity 1,000"
    assert _bits_and_perplexity(1.623) == "2.341 bits/char, perplexity 5.068"


def test_a_corpus_too_short_for_the_streams_is_told_the_batch_size_that_fits() -> None:
    # "... need at least 2,445." gave the characters needed alone, where a short text is
    # learnt with a smaller --batch-size (and --bptt): the largest that fits is named
    from lstmkit.text.charlm import CharLMConfig, check_corpus

    text = "abcdefghij" * 30  # 270 training characters, 30 held out
    with pytest.raises(ValueError) as info:
        check_corpus(text, CharLMConfig(batch_size=200, bptt=10))
    assert str(info.value) == (
        "`text` is too short: its 270 training characters (all but the `val_fraction`=0.1 held "
        "out) must make `batch_size`=200 streams of at least 2 characters (400 characters); it "
        "has 300 characters in all, where `batch_size`=200 streams of `bptt`=10 + 1 characters "
        "and the held-out part need at least 2,445; `batch_size` 24 or less fits it (with "
        "`bptt` 10)."
    )
    check_corpus(text, CharLMConfig(batch_size=24, bptt=10))  # the advice, taken
    with pytest.raises(ValueError, match=r"^`bptt` must be at most 9 "):
        check_corpus(text, CharLMConfig(batch_size=25, bptt=10))  # and no more
    # shorter than one window: one stream, and the bptt it holds
    with pytest.raises(ValueError) as info:
        check_corpus(text[:40], CharLMConfig(batch_size=32, bptt=100))
    assert str(info.value).endswith(
        "need at least 3,592; `batch_size` 1 with `bptt` 35 or less fits it."
    )
    check_corpus(text[:40], CharLMConfig(batch_size=1, bptt=35))
    # a held-out part too short is no matter of these two: nothing said of them
    with pytest.raises(ValueError) as info:
        check_corpus("abc", CharLMConfig())
    assert str(info.value).endswith("need at least 3,592.")


def test_train_lm_names_the_flags_of_a_short_corpus_and_their_advice_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "short.txt"
    corpus.write_text("abcdefghij" * 4, encoding="utf-8")
    run = ["text", "train-lm", "--file", str(corpus), "--out", str(tmp_path / "lm"), *SMALL]
    assert main(run) == 2
    assert capsys.readouterr().err.endswith(
        "need at least 3,592; --batch-size 1 with --bptt 35 or less fits it.\n"
    )
    assert main([*run, "--batch-size", "1", "--bptt", "35"]) == 0
    assert json.loads(capsys.readouterr().out)["steps"] == 1

"""A training the wall-clock budget ends before its planned steps says so: its model depends on
the machine's speed, so the same command run again gives another one; said on its own line
below a progress bar, and from worker processes with its level."""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch

from lstmkit.text import charlm, sentiment, seq2seq
from lstmkit.text.charlm import CharLMConfig
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import SentimentConfig, _label_mask, fit_classifier
from lstmkit.text.seq2seq import Seq2Seq, Seq2SeqConfig

WHY = ": a run the clock stops does not repeat bit for bit; a larger budget lets it make every step"
CUT = "the wall-clock budget (`minutes`, --minutes) stopped training at step"


def _clock(module: object, monkeypatch: pytest.MonkeyPatch, seconds: float = 20.0) -> None:
    """Every reading of the module's clock is ``seconds`` after the one before."""
    readings = itertools.count(0.0, seconds)
    fake = SimpleNamespace(perf_counter=lambda: next(readings), time=lambda: next(readings))
    monkeypatch.setattr(module, "time", fake)


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def _cut_classifier(monkeypatch: pytest.MonkeyPatch, *, progress: bool) -> int:
    """The steps a classifier makes of its 100 planned before a 1-minute budget ends it (the
    clock 20 s a reading)."""
    _clock(sentiment, monkeypatch)
    torch.manual_seed(0)
    model = TextClassifier(20, 3, 2, 2)
    train = ([[1 + i % 19, 2] for i in range(40)], _label_mask([i % 2 for i in range(40)], 2))
    config = SentimentConfig(
        batch_size=4, epochs=10, evals_per_epoch=1, minutes=1.0, progress=progress
    )
    return fit_classifier(model, train, ([[1, 2]], [0]), config)["steps"]


def _cut_seq2seq(monkeypatch: pytest.MonkeyPatch, *, progress: bool) -> int:
    """The steps a seq2seq fit makes of its 6 planned before a 30-second budget ends it."""
    _clock(seq2seq, monkeypatch)
    torch.manual_seed(0)
    model = Seq2Seq(5, 7, embed_dim=3, hidden_size=4, num_layers=1)
    pairs = [([1, 2, 3], [3, 4, 5]), ([4], [6])]
    config = Seq2SeqConfig(batch_size=1, epochs=3, minutes=0.5, progress=progress)
    return seq2seq.fit_seq2seq(model, pairs, config)["steps"]


def test_a_capped_char_lm_the_clock_stops_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # 60 s at 20 s a reading: steps 1 and 2, then the budget, 3 steps short of --max-steps 5;
    # the metrics' steps were the only trace of it
    _clock(charlm, monkeypatch)
    config = CharLMConfig(
        embed_dim=4, hidden_size=5, num_layers=1, batch_size=2, bptt=4, max_steps=5,
        eval_every=100, minutes=1.0, progress=False,
    )  # fmt: skip
    result = charlm.train_charlm("abcd" * 20, config)
    assert result.metrics["steps"] == 2
    assert _warnings(caplog) == [f"{CUT} 2 of 5{WHY}"]


def test_a_char_lm_that_makes_its_capped_steps_says_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = CharLMConfig(
        embed_dim=4, hidden_size=5, num_layers=1, batch_size=2, bptt=4, max_steps=3,
        progress=False,
    )  # fmt: skip
    assert charlm.train_charlm("abcd" * 20, config).metrics["steps"] == 3
    assert _warnings(caplog) == []


def test_a_classifier_the_clock_stops_says_so_as_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # it was an INFO line, which only -v showed: 100 steps planned, 4 made
    assert _cut_classifier(monkeypatch, progress=False) == 4
    assert _warnings(caplog) == [f"{CUT} 4 of 100{WHY}"]


def test_a_seq2seq_fit_the_clock_stops_says_so_as_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert _cut_seq2seq(monkeypatch, progress=False) == 2
    assert _warnings(caplog) == [f"{CUT} 2 of 6{WHY}"]


_CUT = (
    r"warning: member (\d) of 2 \(seed \d\): the wall-clock budget \(`minutes`, --minutes\) "
    r"stopped training at step \d{1,3}(,\d{3})* of 4,000: a run the clock stops does not repeat "
    r"bit for bit; a larger budget lets it make every step"
)


def test_the_budgets_warning_from_a_worker_process_has_its_level_too(tmp_path: Path) -> None:
    # with --jobs 2 the member trained in a worker said it as the bare message, below this
    # process's "WARNING the wall-clock budget ...", as if it were another kind of line
    sst = tmp_path / "data" / "sst"
    sst.mkdir(parents=True)
    lines = "1 a great and moving film\n0 a dull , lifeless mess\n" * 100
    for split in ("train", "dev", "test"):
        (sst / f"stsa.binary.{split}").write_text(lines)
    argv = [
        sys.executable,
        "-m",
        "lstmkit.cli",
        "text",
        "train",
        "sst2",
        "--data-dir",
        str(tmp_path / "data"),
        "--no-phrases",
    ]
    argv += ["--out", str(tmp_path / "m"), "--json", "--no-progress", "--hidden-size", "4"]
    argv += ["--embed-dim", "4", "--epochs", "1000", "--minutes", "0.02", "--ensemble", "2"]
    done = subprocess.run(
        [*argv, "--jobs", "2"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    out, err = done.stdout, done.stderr
    assert [m["seed"] for m in json.loads(out)["members"]] == [0, 1]  # stdout: the JSON alone
    assert len(err.splitlines()) == 2, err
    assert all(re.fullmatch(_CUT, line) for line in err.splitlines()), err
    # each names its member, as this process's and the worker's come in either order
    assert sorted(re.fullmatch(_CUT, line)[1] for line in err.splitlines()) == ["1", "2"]


@contextlib.contextmanager
def _to_stderr() -> Iterator[None]:
    """The text trainers' records on stderr (capsys's, once it captures), as the CLI writes
    them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("lstmkit.text")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def test_the_budgets_warning_follows_the_seq2seq_bar_on_its_own_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # it came while the bar was drawn: "train-seq2seq: ... 2/6 [...]WARNING the wall-clock
    # budget ...", the bar then drawn again below it
    with _to_stderr():
        assert _cut_seq2seq(monkeypatch, progress=True) == 2
    err = capsys.readouterr().err
    assert err.startswith("\rtrain-seq2seq:   0%|")
    assert err.endswith(f"\nWARNING {CUT} 2 of 6{WHY}\n")
    assert err.count("WARNING") == 1


def test_the_budgets_warning_follows_the_classifiers_bar_on_its_own_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with _to_stderr():
        assert _cut_classifier(monkeypatch, progress=True) == 4
    err = capsys.readouterr().err
    assert err.startswith("\rtrain:   0%|")
    assert err.endswith(f"\nWARNING {CUT} 4 of 100{WHY}\n")
    assert err.count("WARNING") == 1

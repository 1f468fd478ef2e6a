"""What a seed repeats in the text workflows, and what training leaves alone: the caller's
random draws, and the record of what a rerun needs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch

from lstmkit.text import charlm, sentiment, seq2seq
from lstmkit.text.charlm import CharLMConfig
from lstmkit.text.sentiment import SentimentConfig
from lstmkit.text.seq2seq import Seq2SeqConfig

TINY_SST = {"embed_dim": 4, "hidden_size": 3, "batch_size": 2, "epochs": 1, "dropout": 0.5}
TINY_LM = {"embed_dim": 4, "hidden_size": 5, "num_layers": 1, "batch_size": 2, "bptt": 4}
TINY_S2S = {"max_digits": 2, "train_size": 12, "test_size": 4, "hidden_size": 6, "epochs": 1}
WORDS = ("good", "fine", "great", "bad", "dull")
TEXTS = [f"a {w} {n}{k}" for n in ("film", "show", "play") for k in ("", "!") for w in WORDS]
LABELS = ["pos", "pos", "pos", "neg", "neg"] * 6


def _sst(root: Path) -> Path:
    sst = root / "sst"
    sst.mkdir(parents=True)
    lines = "".join(f"{int(y == 'pos')} {t}\n" for t, y in zip(TEXTS, LABELS, strict=True))
    for split in ("train", "dev", "test"):
        (sst / f"stsa.binary.{split}").write_text(lines)
    return root


TRAINERS: dict[str, Callable[[Path], object]] = {
    "train_sentiment": lambda root: sentiment.train_sentiment(
        SentimentConfig(**TINY_SST, phrases=False), data_dir=_sst(root)
    ),
    "train_classifier": lambda root: sentiment.train_classifier(
        TEXTS, LABELS, SentimentConfig(**TINY_SST)
    ),
    "train_charlm": lambda root: charlm.train_charlm(
        "abcd" * 20, CharLMConfig(**TINY_LM, max_steps=3)
    ),
    "train_numbers": lambda root: seq2seq.train_numbers(Seq2SeqConfig(**TINY_S2S, dropout=0.5)),
}


@pytest.mark.parametrize("trainer", TRAINERS)
def test_training_leaves_the_callers_random_draws_alone(trainer: str, tmp_path: Path) -> None:
    # training seeds torch's global generator (initial weights, dropout); it used to leave it
    # there, so a script's draws after it were the same whatever it had drawn before
    torch.manual_seed(123)
    expected = torch.rand(4)
    torch.manual_seed(123)
    TRAINERS[trainer](tmp_path)
    assert torch.equal(torch.rand(4), expected)


def test_capped_steps_give_the_same_model_on_a_slower_machine(monkeypatch) -> None:
    # with --max-steps the learning rate followed the clock whenever it was further along than
    # the steps, so a busy machine trained other weights although it made every step
    config = CharLMConfig(**TINY_LM, max_steps=3, minutes=5.0)
    fast = charlm.train_charlm("abcd" * 20, config)
    clock = iter(range(0, 10_000, 40))  # 40 s between readings: 3 steps take 2 of 5 minutes
    monkeypatch.setattr(charlm, "time", SimpleNamespace(perf_counter=lambda: float(next(clock))))
    slow = charlm.train_charlm("abcd" * 20, config)
    assert slow.metrics["steps"] == fast.metrics["steps"] == 3
    assert slow.metrics["train_seconds"] > 60
    for name, weight in fast.model.state_dict().items():
        assert torch.equal(slow.model.state_dict()[name], weight), name


@pytest.mark.parametrize("trainer", TRAINERS)
def test_the_thread_count_is_recorded_with_the_model(
    trainer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # it can change the float rounding, so the weights; only --json on stdout had it
    monkeypatch.setattr(torch, "get_num_threads", lambda: 3)  # (3 threads on tiny models: slow)
    assert TRAINERS[trainer](tmp_path).metrics["threads"] == 3


def _labelled_csv(path: Path) -> Path:
    rows = "".join(f"{t},{y}\n" for t, y in zip(TEXTS, LABELS, strict=True))
    path.write_text("text,label\n" + rows)
    return path


COMMANDS = {
    "train": [
        "--csv",
        "reviews.csv",
        "--text-col",
        "text",
        "--label-col",
        "label",
        "--epochs",
        "1",
    ],
    "train-lm": ["--file", "corpus.txt", "--max-steps", "2", "--bptt", "4", "--num-layers", "1"],
    "train-seq2seq": ["numbers", "--max-digits", "2", "--train-size", "12", "--test-size", "4"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_the_saved_model_records_the_command_that_trained_it(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    # what a rerun needs beyond the config: the data's file and columns (only --json had some)
    from matplotlib.figure import Figure

    from lstmkit.cli import main

    monkeypatch.setattr(Figure, "savefig", lambda self, path, **kwargs: Path(path).touch())
    monkeypatch.chdir(tmp_path)
    _labelled_csv(tmp_path / "reviews.csv")
    (tmp_path / "corpus.txt").write_text("abcd" * 40)
    tiny = ["--embed-dim", "4", "--hidden-size", "4", "--batch-size", "2", "--no-progress"]
    argv = ["text", command, *COMMANDS[command], *tiny, "--threads", "1", "--out", "my model"]
    assert main([*argv, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    saved = tmp_path / "my model"
    metrics = (
        json.loads((saved / "metrics.json").read_text())
        if command == "train"
        else json.loads((saved / "config.json").read_text())["metrics"]
    )
    expected = "lstmkit " + " ".join(argv[:-2]) + " --out 'my model' --json"
    assert metrics["command"] == printed["command"] == expected
    assert metrics["threads"] == printed["threads"] == 1

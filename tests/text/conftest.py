"""Fixtures of the text model tests."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
import torch


@pytest.fixture
def float64() -> Iterator[None]:
    """torch's default dtype float64 for the test: the text models (CharLM, Seq2Seq) take it, so
    a loop written out by hand in the test agrees with their training to 1e-9."""
    before = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    yield
    torch.set_default_dtype(before)


def _clipped_adam_step(
    params: Sequence[torch.Tensor],
    loss: torch.Tensor,
    moments: Sequence[tuple[torch.Tensor, torch.Tensor]],
    lr: float,
    clip: float,
    t: int,
) -> bool:
    grads = torch.autograd.grad(loss, list(params))
    norm = math.sqrt(sum(float((g**2).sum()) for g in grads))
    with torch.no_grad():
        for p, g, (m, v) in zip(params, grads, moments, strict=True):
            g = g * min(1.0, clip / (norm + 1e-6))
            m.mul_(0.9).add_(0.1 * g)
            v.mul_(0.999).add_(0.001 * g * g)
            p -= lr * (m / (1 - 0.9**t)) / ((v / (1 - 0.999**t)).sqrt() + 1e-8)
    return norm > clip


@pytest.fixture
def adam_step() -> Callable[..., bool]:
    """One training step written out, as the char LM and seq2seq trainers take it: the gradients
    of the loss clipped to a total norm of ``clip`` (by ``clip / (norm + 1e-6)``, as torch's
    ``clip_grad_norm_``), then Adam (betas 0.9 and 0.999, eps 1e-8, no weight decay) at ``lr``
    as its step ``t``, updating the parameters and their moments ``(m, v)`` in place. It says
    whether the clip acted."""
    return _clipped_adam_step


def _constant_predictor(labels: tuple[str, ...] = ("a", "b", "c")) -> object:
    from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary

    vocab = Vocabulary.build(["one two three four five"])
    model = TextClassifier(len(vocab), 4, 3, len(labels))
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.copy_(torch.tensor([0.0, 1.0] + [0.0] * (len(labels) - 2)))
    return SentimentPredictor(model, vocab, labels)


@pytest.fixture
def constant_predictor() -> Callable[..., object]:
    """``constant_predictor(labels=("a", "b", "c"))``: a SentimentPredictor of those classes
    that says the second class of every text of the words one to five, with probability
    ``e / (e + C - 1)``: its head's weights are 0 and its biases (0, 1, 0, ...)."""
    return _constant_predictor


@pytest.fixture
def constant_run(tmp_path: Path) -> Path:
    """A folder of a saved ``constant_predictor(("negative", "positive"))`` (it says
    'positive' of every text), for ``lstmkit text evaluate``."""
    from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier

    predictor = _constant_predictor(("negative", "positive"))
    result = SentimentResult(
        predictor.model, predictor.vocab, SentimentConfig(), {}, ("negative", "positive")
    )
    save_classifier(result, tmp_path / "run")
    return tmp_path / "run"


@pytest.fixture
def one_step_lm(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, dict]:
    """``lstmkit text train-lm`` of one step on a tiny corpus (``abc.txt``, 11 characters):
    the first line it printed and its saved metrics."""
    from lstmkit.cli import main

    corpus = tmp_path / "abc.txt"
    corpus.write_text("abcd efgh\n" * 20, encoding="utf-8")
    out = tmp_path / "lm"
    argv = ["text", "train-lm", "--file", str(corpus), "--out", str(out), "--embed-dim", "4"]
    argv += ["--hidden-size", "4", "--num-layers", "1", "--batch-size", "2", "--bptt", "8"]
    assert main([*argv, "--max-steps", "1", "--no-progress"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    return first, json.loads((out / "config.json").read_text())["metrics"]


def _sep_rows(path: Path, sep: str, n: int = 6) -> Path:
    rows = [f"a good fine {path.stem} {k}{sep}pos" for k in range(n)]
    rows += [f"a dull bad {path.stem} {k}{sep}neg" for k in range(n)]
    path.write_text(f"text{sep}label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def sep_rows() -> Callable[..., Path]:
    """``sep_rows(path, sep, n=6)``: ``path`` written as a labelled file of a ``text`` and a
    ``label`` column separated by ``sep``, ``n`` rows of 'pos' and ``n`` of 'neg' (two test
    files of separators wrote it each)."""
    return _sep_rows

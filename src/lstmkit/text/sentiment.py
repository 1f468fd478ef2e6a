r"""Training, saving and using a :class:`TextClassifier` on the Stanford Sentiment Treebank.

The training loop is a plain mini-batch loop (Adam, gradient clipping, dev-set model selection).
Examples may carry a *set* of admissible classes instead of one label: the loss is then the
negative log of the probability mass on that set, :math:`-\log \sum_{c \in S} p(c \mid x)`.
This lets SST-5 use the binary-labelled SST-2 training phrases (negative → {0, 1}, positive →
{3, 4}) next to its own fine-grained sentences; with one admissible class it is ordinary
cross-entropy.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import torch
from tqdm.auto import tqdm

from lstmkit.text import _io
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sst import LABEL_NAMES, TASKS, load_sst, normalize
from lstmkit.text.vocab import Vocabulary, batches, pad_batch

logger = logging.getLogger(__name__)

KIND = "classifier"


@dataclass(frozen=True)
class SentimentConfig:
    """Everything that defines one sentiment training run.

    Attributes:
        task: ``"sst2"`` or ``"sst5"``.
        phrases: Also train on the GLUE SST-2 training phrases (for SST-5 with coarse labels).
        oversample: Each epoch sees every training sentence this many times (phrases once), so
            the sentence-level labels are not drowned by the 67k phrases.
        embed_dim: Embedding size.
        hidden_size: LSTM hidden size per direction.
        bidirectional: Use a bidirectional LSTM.
        readout: ``"last"``, ``"max"`` or ``"mean"`` (see :class:`TextClassifier`).
        dropout: Dropout on embeddings and before the head.
        min_freq: Minimum training-token frequency to enter the vocabulary.
        batch_size: Examples per step.
        lr: Peak Adam learning rate (cosine decay to 10 % over the planned steps).
        weight_decay: Adam L2 penalty.
        clip: Gradient-norm clipping threshold.
        epochs: Maximum passes over the training set.
        evals_per_epoch: Dev evaluations per epoch (model selection keeps the best).
        minutes: Wall-clock budget for training (stops after the evaluation that crosses it).
        seed: Random seed (initialisation and shuffling).
        progress: Show a progress bar.
    """

    task: Literal["sst2", "sst5"] = "sst2"
    phrases: bool = True
    oversample: int = 1
    embed_dim: int = 200
    hidden_size: int = 150
    bidirectional: bool = True
    readout: Literal["last", "max", "mean"] = "max"
    dropout: float = 0.5
    min_freq: int = 1
    batch_size: int = 64
    lr: float = 2e-3
    weight_decay: float = 0.0
    clip: float = 5.0
    epochs: int = 3
    evals_per_epoch: int = 4
    minutes: float = 15.0
    seed: int = 0
    progress: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.task not in TASKS:
            problems.append(f"`task` must be one of {tuple(TASKS)}, got {self.task!r}.")
        if self.readout not in ("last", "max", "mean"):
            problems.append(f"`readout` must be 'last', 'max' or 'mean', got {self.readout!r}.")
        for name in ("embed_dim", "hidden_size", "min_freq", "batch_size", "epochs", "oversample"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                problems.append(f"`{name}` must be a positive int, got {value!r}.")
        if not isinstance(self.evals_per_epoch, int) or self.evals_per_epoch < 1:
            problems.append(
                f"`evals_per_epoch` must be a positive int, got {self.evals_per_epoch!r}."
            )
        if not 0.0 <= self.dropout < 1.0:
            problems.append(f"`dropout` must be in [0, 1), got {self.dropout!r}.")
        for name in ("lr", "clip", "minutes"):
            if not getattr(self, name) > 0:
                problems.append(f"`{name}` must be > 0, got {getattr(self, name)!r}.")
        if self.weight_decay < 0:
            problems.append(f"`weight_decay` must be >= 0, got {self.weight_decay!r}.")
        if problems:
            raise ValueError(" ".join(problems))


@dataclass
class SentimentResult:
    """A trained classifier with its vocabulary and metrics."""

    model: TextClassifier
    vocab: Vocabulary
    config: SentimentConfig
    metrics: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, ...]:
        return LABEL_NAMES[self.config.task]


def _label_mask(labels: Sequence[int] | Sequence[Sequence[int]], num_classes: int) -> torch.Tensor:
    """One row per example: ``True`` for each admissible class. ``[N, C]`` bool."""
    mask = torch.zeros(len(labels), num_classes, dtype=torch.bool)
    for n, label in enumerate(labels):
        mask[n, label if isinstance(label, int) else list(label)] = True
    return mask


def set_loss(logits: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of ``-log p(admissible set)``: logsumexp over the set minus logsumexp over all."""
    inside = logits.masked_fill(~mask, float("-inf")).logsumexp(dim=-1)
    return (logits.logsumexp(dim=-1) - inside).mean()


@torch.no_grad()
def evaluate(
    model: TextClassifier,
    sequences: Sequence[Sequence[int]],
    labels: Sequence[int],
    batch_size: int = 256,
) -> float:
    """Accuracy of ``model`` on id sequences (sequences of length 0 are given one ``<unk>``)."""
    was_training = model.training
    model.eval()
    correct = 0
    seqs = [s if len(s) else [Vocabulary.unk_id] for s in sequences]
    for tokens, lengths, y in batches(seqs, labels, batch_size, bucket=True):
        correct += int((model(tokens, lengths).argmax(-1) == y).sum())
    model.train(was_training)
    return correct / max(len(seqs), 1)


def fit_classifier(
    model: TextClassifier,
    train: tuple[Sequence[Sequence[int]], torch.Tensor],
    dev: tuple[Sequence[Sequence[int]], Sequence[int]],
    config: SentimentConfig,
) -> dict[str, Any]:
    """Trains ``model`` in place, keeping the parameters with the best dev accuracy.

    Args:
        model: The classifier.
        train: ``(id sequences, admissible-class mask [N, C])``.
        dev: ``(id sequences, labels)`` for model selection.
        config: Optimisation settings.

    Returns:
        ``{"best_dev": accuracy, "best_step": step, "steps": steps, "seconds": seconds,
        "history": [(step, dev accuracy), ...]}``.
    """
    sequences, mask = train
    generator = torch.Generator().manual_seed(config.seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    steps_per_epoch = math.ceil(len(sequences) / config.batch_size)
    eval_every = max(1, steps_per_epoch // config.evals_per_epoch)
    best = (-1.0, 0, copy.deepcopy(model.state_dict()))
    history: list[tuple[int, float]] = []
    start, step, out_of_time = time.perf_counter(), 0, False
    total = steps_per_epoch * config.epochs
    bar = tqdm(total=total, disable=not config.progress, desc="train")
    model.train()
    for _ in range(config.epochs):
        index = list(range(len(sequences)))
        for tokens, lengths, idx in batches(
            sequences, index, config.batch_size, shuffle=True, generator=generator, bucket=True
        ):
            for group in optimizer.param_groups:
                group["lr"] = config.lr * (0.1 + 0.45 * (1 + math.cos(math.pi * step / total)))
            loss = set_loss(model(tokens, lengths), mask[idx])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), config.clip)
            optimizer.step()
            step += 1
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
            if step % eval_every == 0:
                acc = evaluate(model, *dev)
                history.append((step, acc))
                logger.info("step %d: dev accuracy %.4f", step, acc)
                if acc > best[0]:
                    best = (acc, step, copy.deepcopy(model.state_dict()))
                if time.perf_counter() - start > 60 * config.minutes:
                    out_of_time = True
                    break
        if out_of_time:
            logger.info("stopping after %.1f minutes (budget)", config.minutes)
            break
    bar.close()
    model.load_state_dict(best[2])
    model.eval()
    return {
        "best_dev": best[0],
        "best_step": best[1],
        "steps": step,
        "seconds": round(time.perf_counter() - start, 1),
        "history": history,
    }


def train_sentiment(config: SentimentConfig, data_dir: str | Path | None = None) -> SentimentResult:
    """Trains a classifier on SST-2 or SST-5 and measures dev and test accuracy.

    The vocabulary is built from the training data (sentences, and phrases if used); embeddings
    are randomly initialised. The reported model is the one with the best dev accuracy.

    Args:
        config: The run's settings.
        data_dir: The shared ``text`` data folder (see :func:`lstmkit.text.sst.find_text_data`).

    Returns:
        The trained model with ``metrics`` = dev and test accuracy, sizes and timings.
    """
    torch.manual_seed(config.seed)
    num_classes = TASKS[config.task][1]
    train = load_sst(config.task, "train", data_dir)
    dev = load_sst(config.task, "dev", data_dir)
    test = load_sst(config.task, "test", data_dir)
    texts: list[str] = list(train.texts) * config.oversample
    admissible: list[int | tuple[int, ...]] = list(train.labels) * config.oversample
    if config.phrases:
        phrases = load_sst("sst2", "phrases", data_dir)
        texts += phrases.texts
        if config.task == "sst2":
            admissible += phrases.labels
        else:  # coarse labels: negative phrase → very negative or negative, positive → the two
            admissible += [(0, 1) if y == 0 else (3, 4) for y in phrases.labels]
    vocab = Vocabulary.build(texts, min_freq=config.min_freq)
    keep = [i for i, t in enumerate(texts) if t]  # the phrase file has no empty lines, but be safe
    sequences = [vocab.encode(texts[i]) for i in keep]
    mask = _label_mask([admissible[i] for i in keep], num_classes)
    model = TextClassifier(
        len(vocab),
        config.embed_dim,
        config.hidden_size,
        num_classes,
        bidirectional=config.bidirectional,
        readout=config.readout,
        dropout=config.dropout,
        padding_idx=Vocabulary.pad_id,
    )
    dev_ids = [vocab.encode(t) for t in dev.texts]
    fit = fit_classifier(model, (sequences, mask), (dev_ids, dev.labels), config)
    test_acc = evaluate(model, [vocab.encode(t) for t in test.texts], test.labels)
    metrics = {
        "task": config.task,
        "dev_accuracy": fit["best_dev"],
        "test_accuracy": test_acc,
        "train_examples": len(sequences),
        "vocab_size": len(vocab),
        "parameters": sum(p.numel() for p in model.parameters()),
        "best_step": fit["best_step"],
        "steps": fit["steps"],
        "train_seconds": fit["seconds"],
        "seed": config.seed,
    }
    return SentimentResult(model, vocab, config, metrics)


def save_classifier(result: SentimentResult, out_dir: str | Path) -> Path:
    """Writes ``model.safetensors``, ``config.json``, ``vocab.json`` and ``metrics.json``."""
    out = _io.save_model(
        out_dir,
        result.model,
        {
            "model": result.model.config(),
            "labels": list(result.labels),
            "train": asdict(result.config),
        },
        KIND,
    )
    result.vocab.save(out / "vocab.json")
    (out / "metrics.json").write_text(json.dumps(result.metrics, indent=2) + "\n", "utf-8")
    return out


@dataclass
class SentimentPredictor:
    """A loaded classifier: ``predict("a sentence")`` → (label, probabilities)."""

    model: TextClassifier
    vocab: Vocabulary
    labels: tuple[str, ...]

    @classmethod
    def load(cls, model_dir: str | Path) -> SentimentPredictor:
        """Loads a folder written by :func:`save_classifier` (or ``lstmkit text train``)."""
        config = _io.read_config(model_dir, KIND)
        model = TextClassifier(**config["model"])
        _io.load_state(model_dir, model)
        model.eval()
        return cls(model, Vocabulary.load(Path(model_dir) / "vocab.json"), tuple(config["labels"]))

    def tokens(self, text: str) -> list[str]:
        """The tokens the model sees (lower-cased, bracket escapes undone, whitespace split)."""
        return normalize(text.lower()).split()

    def encode(self, text: str) -> tuple[torch.Tensor, torch.Tensor]:
        """``(tokens [1, T], lengths [1])`` for one text."""
        tokens = self.tokens(text)
        if not tokens:
            raise ValueError(f"`text` must contain at least one token, got {text!r}.")
        return pad_batch([self.vocab.encode(tokens)])

    @torch.no_grad()
    def predict_proba(self, texts: Sequence[str]) -> torch.Tensor:
        """Class probabilities ``[N, C]``."""
        tokens, lengths = pad_batch([self.encode(t)[0][0].tolist() for t in texts])
        return torch.softmax(self.model(tokens, lengths), dim=-1)

    def explain(self, text: str, target: int | None = None) -> list[tuple[str, float]]:
        """Relevance of each token for the predicted (or ``target``) class, by LRP.

        Uses :func:`lstmkit.explain.lrp` (epsilon rule, Arras et al. 2017) on the raw score of the
        class; positive relevance speaks for the class, negative against it.

        Returns:
            ``[(token, relevance), ...]`` in sentence order.
        """
        from lstmkit.explain import lrp

        tokens, lengths = self.encode(text)
        explanation = lrp(self.model, tokens, target, lengths=lengths)
        words = [
            self.vocab.itos[i] if i != Vocabulary.unk_id else t
            for i, t in zip(tokens[0].tolist(), self.tokens(text), strict=True)
        ]
        return list(zip(words, explanation.relevance[0].tolist(), strict=True))

    def predict(self, text: str) -> tuple[str, dict[str, float]]:
        """The most probable label and the probability of each label."""
        probs = self.predict_proba([text])[0]
        return self.labels[int(probs.argmax())], {
            name: float(p) for name, p in zip(self.labels, probs, strict=True)
        }

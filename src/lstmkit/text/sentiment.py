r"""Training, saving and using a :class:`TextClassifier` on the Stanford Sentiment Treebank or
on your own labelled texts (:func:`train_classifier`).

The training loop is a plain mini-batch loop (Adam, gradient clipping, dev-set model selection).
Examples may carry a *set* of admissible classes instead of one label: the loss is then the
negative log of the probability mass on that set, :math:`-\log \sum_{c \in S} p(c \mid x)`.
This lets SST-5 use the binary-labelled SST-2 training phrases (negative → {0, 1}, positive →
{3, 4}) next to its own fine-grained sentences; with one admissible class it is ordinary
cross-entropy.
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import math
import numbers
import time
import warnings
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import torch
from torch import nn

from lstmkit import _reprs, io
from lstmkit._checks import (
    and_list,
    as_int,
    plural_s,
    progress_bar,
    progress_problems,
    typed_repr,
    user_stacklevel,
    value_repr,
)
from lstmkit._device import (
    callers_rng_kept,
    check_device,
    doing,
    no_default_device,
    usable_device,
)
from lstmkit._interrupts import _interruptible, _returned, _stop_requests, _StopRequest
from lstmkit._lazy import public_dir
from lstmkit._modes import evaluating
from lstmkit._pool import run_in_processes
from lstmkit.text import _io
from lstmkit.text._checks import cut_short, few_steps, int_id, sentences
from lstmkit.text._configs import SentimentConfig as SentimentConfig  # served from here too
from lstmkit.text.classifier import ClassifierEnsemble, TextClassifier, build_classifier
from lstmkit.text.evaluation import macro_f1
from lstmkit.text.labelled import (
    _NUMBER,
    SPLITS,
    _column_name,
    _dropna_hint,
    _frame_refusal,
    _labelled_problems,
    _listed,
    _misaligned,
    _missing,
    _missing_said,
    _missing_value,
    _odds_said,
    _shared_tokens,
    _sorted_classes,
    _str_list,
    _subscript,
    _swapped_arguments,
    _tokenised_once,
    case_variants,
    class_problems,
    index_labels,
    labels_at_odds,
    number_variants,
    places_of,
    stratified_split,
    text_tokens,
    unknown_labels,
    untrained_class_fix,
)
from lstmkit.text.sst import LABEL_NAMES, TASKS, load_sst
from lstmkit.text.vocab import Vocabulary, _batch_size, batches, length_batches, pad_batch
from lstmkit.train import (
    _model_device,
    adam,
    check_loss,
    check_weights,
    plot_checks,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from lstmkit.explain._blown import Blown
    from lstmkit.explain.explanation import Explanation
    from lstmkit.text.evaluation import ClassifierEvaluation

__all__ = [
    "SentimentConfig",
    "SentimentPredictor",
    "SentimentResult",
    "TrainingExamples",
    "class_figures",
    "confusion_matrix",
    "evaluate",
    "fit_classifier",
    "save_classifier",
    "train_classifier",
    "train_sentiment",
    "training_examples",
]
__dir__ = public_dir(globals())

logger = logging.getLogger(__name__)

KIND = "classifier"

# One text's outputs in a prediction: the model's [C] and, for an ensemble, each member's [C]
# (None where the ensemble called a member with other inputs)
_Outputs = tuple[torch.Tensor, list[torch.Tensor | None]]
# A batch's: the model's [B, C] and each member's [B, C] (or None), as _stacked gives them
_Batch = tuple[torch.Tensor, list[torch.Tensor | None]]


def _shown_classes(output: torch.Tensor) -> torch.Tensor:
    """The class each row of a classifier's ``output`` ``[B, C]`` shows as predicted, the
    arg-max of its softmax as :meth:`SentimentPredictor.predict` computes it (on the CPU): the
    class explained without a target, by the Python API and ``lstmkit explain`` alike. On a tie
    of float32 probabilities (logits 0 and 2.2e-8: 0.5 each) it is the first class, where the
    logits' arg-max, which the methods explain, is the other."""
    return torch.softmax(output, dim=-1).cpu().argmax(-1)


def _stacked(outputs: list[_Outputs]) -> _Batch:
    """A batch's outputs ``[B, C]`` from its texts' (:meth:`SentimentPredictor._predicted`)."""
    members = [
        None if any(o[1][j] is None for o in outputs) else torch.stack([o[1][j] for o in outputs])
        for j in range(len(outputs[0][1]))
    ]
    return torch.stack([o[0] for o in outputs]), members  # type: ignore[misc]


SST_OPTIONS = ("task", "phrases", "polar_phrases", "neutral_words", "sentence_epochs")
"""The :class:`SentimentConfig` fields that concern SST alone: :func:`train_classifier` ignores
their defaults and refuses other values."""


@dataclass
class SentimentResult:
    """A trained classifier with its vocabulary and metrics.

    Attributes:
        model: The classifier (or ensemble).
        vocab: Its vocabulary.
        config: The run's settings.
        metrics: Dev and test accuracy, the test confusion, sizes and timings.
        label_names: The class names of a classifier trained on your own texts
            (:func:`train_classifier`); ``None`` for SST, whose task names them.
    """

    model: TextClassifier | ClassifierEnsemble
    vocab: Vocabulary
    config: SentimentConfig
    metrics: dict[str, Any] = field(default_factory=dict)
    label_names: tuple[str, ...] | None = None

    def __repr__(self) -> str:
        """Its fields, the model by its class and size and the metrics without their long
        entries (the dataclass's repr printed the module tree and every check of the history)."""
        return _reprs.fields(self)

    @property
    def labels(self) -> tuple[str, ...]:
        """One name per class, in the order of the model's outputs."""
        return self.label_names if self.label_names is not None else LABEL_NAMES[self.config.task]

    def settings(self) -> dict[str, Any]:
        """The settings a saved model records: the config's fields; for your own texts, the
        data's name (``"data"``) instead of the SST options, which did not apply."""
        settings = asdict(self.config)
        if self.label_names is None:
            return settings
        kept = {k: v for k, v in settings.items() if k not in SST_OPTIONS}
        return {"data": self.metrics.get("task"), **kept}

    def plot_training(self, path: str | Path | None = None, title: str | None = None) -> Figure:
        """Each member's dev accuracy at every check, the kept (best) check circled, and beside
        it, on the right-hand axis, dashed, its training loss at each check (the mean of the
        steps since the check before; not drawn for metrics saved without it).

        Args:
            path: where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``;
                missing folders are created (an unknown suffix is a ValueError).
            title: the figure title, or ``None``.

        Returns:
            The matplotlib ``Figure`` (not attached to pyplot).
        """
        from lstmkit._figures import curve_look, figure_file, save_figure

        if path is not None:
            figure_file(path)  # refused before anything is drawn
        runs = self.metrics["members"]
        figure = plot_checks(
            [run["history"] for run in runs],
            ylabel="dev accuracy",
            higher_is_better=True,
            labels=[f"seed {run['seed']}" for run in runs] if len(runs) > 1 else None,
            best_steps=[run["best_step"] for run in runs],
            title=title,
            limits=(0.0, 1.0),
        )
        # a Keras user looks for the training loss beside the dev accuracy; metrics saved
        # before it was kept (or of another length) draw the accuracy alone (runs is not
        # empty: plot_checks refused that)
        if all(len(run.get("train_losses") or ()) == len(run["history"]) for run in runs):
            # a panel below the accuracy's, on its steps: a second axis on the same panel ran
            # into the legend beside it
            accuracy = figure.axes[0]
            grid = figure.add_gridspec(2, 1, height_ratios=(3, 2))
            accuracy.set_subplotspec(grid[0])
            below = figure.add_subplot(grid[1], sharex=accuracy)
            figure.set_size_inches(7, 6)
            for k, run in enumerate(runs):
                steps = [row[0] for row in run["history"]]
                below.plot(steps, run["train_losses"], lw=1.3, **curve_look(k))
            accuracy.set_xlabel("")
            accuracy.tick_params(labelbottom=False)
            below.set_xlabel("step")
            below.set_ylabel("training loss\n(mean since the last check)")
        if path is not None:
            save_figure(figure, path, dpi=110)
        return figure


def _label_mask(labels: Sequence[int] | Sequence[Sequence[int]], num_classes: int) -> torch.Tensor:
    """One row per example: ``True`` for each admissible class. ``[N, C]`` bool."""
    mask = torch.zeros(len(labels), num_classes, dtype=torch.bool)
    if all(isinstance(label, int) for label in labels):  # one class each: one indexed write
        mask[torch.arange(len(labels)), torch.tensor(labels, dtype=torch.long)] = True
        return mask
    for n, label in enumerate(labels):
        mask[n, label if isinstance(label, int) else list(label)] = True
    return mask


def set_loss(
    logits: torch.Tensor,
    mask: torch.Tensor,
    neighbours: float = 0.0,
    support: torch.Tensor | None = None,
) -> torch.Tensor:
    """Mean of ``-log p(admissible set)``: logsumexp over the set minus logsumexp over all.

    With ``support`` (``[N, C]`` bool, a superset of ``mask``), the probability is conditional on
    the example's class lying in its support: ``-log p(set) + log p(support)``, i.e. logsumexp over
    the support minus logsumexp over the set. This is the likelihood of an example that was
    *selected* for not being in the other classes (the GLUE phrases are the non-neutral ones).

    With ``neighbours = ε > 0``, an example with exactly one admissible class ``y`` instead has the
    cross-entropy against an *ordinal* smoothed target: ``1 - ε`` on ``y`` and ``ε`` shared
    equally by the classes next to it (``y - 1`` and ``y + 1`` where they exist), i.e.
    ``-(1 - ε) log p(y) - ε · mean over neighbours n of log p(n)``. Examples with a set of
    classes keep ``-log p(set)``.
    """
    inside = logits.masked_fill(~mask, float("-inf")).logsumexp(dim=-1)
    if support is not None:
        loss = logits.masked_fill(~support, float("-inf")).logsumexp(dim=-1) - inside  # [N]
    else:
        loss = logits.logsumexp(dim=-1) - inside  # [N]
    if neighbours > 0 and logits.shape[-1] > 1:
        single = mask.sum(dim=-1) == 1
        if support is not None:
            single = single & support.all(dim=-1)
        near = torch.zeros_like(logits)
        near[:, 1:] += mask[:, :-1].to(logits.dtype)  # class above an admissible one
        near[:, :-1] += mask[:, 1:].to(logits.dtype)  # class below
        near = near / near.sum(dim=-1, keepdim=True).clamp_min(1)
        spread = -(near * torch.log_softmax(logits, dim=-1)).sum(dim=-1)
        loss = torch.where(single, (1 - neighbours) * loss + neighbours * spread, loss)
    return loss.mean()


def drop_words(
    tokens: torch.Tensor, p: float, generator: torch.Generator | None = None
) -> torch.Tensor:
    """Replaces each non-padding token id by ``<unk>`` with probability ``p`` (a new tensor).

    The draws are made on ``generator``'s device, or on the tokens' with torch's global
    generator when it is ``None``, whatever ``torch.set_default_device`` names.
    """
    # on the default device, the hits of CPU tokens met them on another device (CUDA), and a
    # CPU generator failed there
    on = generator.device if generator is not None else tokens.device
    hit = torch.rand(tokens.shape, generator=generator, device=on).to(tokens.device) < p
    return tokens.masked_fill(hit & (tokens != Vocabulary.pad_id), Vocabulary.unk_id)


def ema_decay(decay: float, step: int) -> float:
    """The moving-average decay after optimizer step ``step`` (1, 2, ...).

    Warmed up as ``min(decay, (1 + step) / (10 + step))`` so that early averages do not cling to
    the initial weights.
    """
    return min(decay, (1 + step) / (10 + step))


@torch.no_grad()
def ema_update(
    average: Sequence[torch.Tensor], current: Sequence[torch.Tensor], decay: float
) -> None:
    """In place: ``average = decay * average + (1 - decay) * current`` for each pair of tensors."""
    for a, c in zip(average, current, strict=True):
        a.lerp_(c, 1.0 - decay)


def _check_values(output: torch.Tensor, model: nn.Module, done: str) -> None:
    """Refuses ``model``'s ``output`` on the meta device, which holds no values for ``done``
    (torch's "Cannot copy out of meta tensor" came from reading it). The model's device alone
    is not refused: a test's stand-in for a GPU is a model on meta whose forward gives
    values."""
    if output.is_meta:
        raise RuntimeError(
            f"{done} compute with the values of the model, which the meta device does not "
            f"hold; got the outputs of {type(model).__name__} on meta. Give the model "
            "its weights first (`model.to_empty(device='cpu')`, then "
            "`model.load_state_dict(...)`), or load a saved one with "
            "`SentimentPredictor.load(model_dir)`."
        )


def _logits(
    models: Sequence[nn.Module],
    sequences: Sequence[Sequence[int]],
    labels: Sequence[int],
    batch_size: int,
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """``(labels [B], logits [K, B, C])`` per bucketed batch, one row per model, every model in
    inference mode.

    Sequences of length 0 are given one ``<unk>``; every submodule's training mode is restored
    after.
    The tokens go to the models' device and the logits come back to the CPU.
    """
    device = _model_device(models[0])
    seqs = [s if len(s) else [Vocabulary.unk_id] for s in sequences]
    with evaluating(*models), torch.no_grad():
        for tokens, lengths, y in batches(seqs, labels, batch_size, bucket=True):
            tokens = tokens.to(device)
            outputs = [m(tokens, lengths) for m in models]
            for m, output in zip(models, outputs, strict=True):  # a model on meta: no scores
                _check_values(output, m, "scores")
            yield y, torch.stack(outputs).cpu()


def _predictions(
    model: nn.Module, sequences: Sequence[Sequence[int]], labels: Sequence[int], batch_size: int
) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """``(labels, predicted classes)`` per bucketed batch (see :func:`_logits`)."""
    for y, logits in _logits([model], sequences, labels, batch_size):
        yield y, logits[0].argmax(-1)


def _counts(y: torch.Tensor, pred: torch.Tensor, num_classes: int) -> torch.Tensor:
    """``[C, C]`` counts of (true label, predicted class) pairs."""
    # on the CPU by name, where y and pred are: on a default meta device it had no counts
    counts = torch.zeros(num_classes, num_classes, dtype=torch.long, device="cpu")
    counts.index_put_((y, pred), torch.ones_like(y), accumulate=True)
    return counts


def confusion_matrix(
    model: nn.Module,
    sequences: Sequence[Sequence[int]],
    labels: Sequence[int],
    num_classes: int,
    batch_size: int = 256,
) -> torch.Tensor:
    """``[C, C]`` counts of (true label, predicted class) of ``model`` on id sequences.

    Sequences of length 0 are given one ``<unk>``. The model is run in inference mode.
    """
    pairs = list(_predictions(model, sequences, labels, batch_size))
    return _counts(torch.cat([y for y, _ in pairs]), torch.cat([p for _, p in pairs]), num_classes)


def _ensemble_predictions(
    ensemble: ClassifierEnsemble,
    sequences: Sequence[Sequence[int]],
    labels: Sequence[int],
    batch_size: int = 256,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``(labels [N], ensemble's predicted classes [N], each member's [K, N])``, in bucket order.

    Every member runs once per batch; the ensemble's logits are their mean, computed exactly as
    :class:`ClassifierEnsemble` does, so its predictions equal ``ensemble``'s own.
    """
    ys, ens, each = [], [], []
    for y, logits in _logits(list(ensemble.members), sequences, labels, batch_size):
        ys.append(y)
        ens.append(logits.mean(dim=0).argmax(-1))
        each.append(logits.argmax(-1))
    return torch.cat(ys), torch.cat(ens), torch.cat(each, dim=1)


def evaluate(
    model: nn.Module,
    sequences: Iterable[Sequence[int]],
    labels: Iterable[int],
    batch_size: int = 256,
) -> float:
    """Accuracy of ``model`` on id sequences (sequences of length 0 are given one ``<unk>``),
    as the training loop measures it: ``labels`` are class indices (ints). Class names are
    refused (they failed in torch's words, "too many dimensions 'str'"): :func:`class_figures`
    takes them, with the classes' ``names``; so are indices that are no class of the model
    (5 of two classes was scored a miss), floats (0.5 was cut to 0) and ``None`` or NaN, as
    :func:`class_figures` refuses them.

    ``sequences`` and ``labels`` may be any iterables (a generator is read once). A model
    without an int ``num_classes`` (one of your own) has its classes counted from its output
    on the first sequence, for the same check.

    Raises:
        TypeError: When ``labels`` is one str (``"011"`` was read as three names), not an
            iterable (``5``, ``None``), a dict (which iterates over its keys) or a 0-d tensor
            or array, or when ``sequences`` holds no id sequences (a dict, a flat list of
            ids).
        ValueError: When ``labels`` holds a str (named, with its position), a label that is
            no class index of the model (each named, with its position), or has not one
            entry per sequence.
    """
    _check_label_sequence(labels, "labels", "class indices (ints)")
    # a generator or map was read by the check of names below and then failed in len()
    # ("object of type 'generator' has no len()"): read once, then counted
    if not isinstance(labels, Collection):
        labels = list(labels)
    if not isinstance(sequences, Collection):
        sequences = list(sequences)
    _check_sequence_holder(sequences)
    numeric = isinstance(labels, torch.Tensor) or getattr(
        getattr(labels, "dtype", None), "kind", None
    ) in ("b", "i", "u", "f")  # not a numpy array of str, nor a pandas column of str or category
    if not numeric and (
        named := [f"{str(y)!r} at position {k}" for k, y in enumerate(labels) if isinstance(y, str)]
    ):
        raise ValueError(
            f"`labels` must be class indices (ints), got class names: {_listed(named)}; "
            "`class_figures(model, sequences, labels, names)['accuracy']` scores names, and "
            "SentimentPredictor.evaluate(texts, labels) texts."
        )
    members = getattr(model, "members", None)
    classes = getattr(model if members is None else members[0], "num_classes", None)
    if not isinstance(classes, int) and len(sequences):
        # a model of your own without an int `num_classes` skipped the check (5 of two
        # classes, -1, were scored as misses): its output on one sequence counts the classes
        _, logits = next(_logits([model], [next(iter(sequences))], [0], 1))
        classes = logits.shape[-1]
    if isinstance(classes, int):  # 5 of two classes was a miss, 0.5 read as 0
        _class_indices(model, labels, range(classes))
    # not _dev_scores' accuracy: its loss is needless here
    correct = sum(
        int((pred == y).sum()) for y, pred in _predictions(model, sequences, labels, batch_size)
    )
    return correct / max(len(sequences), 1)


def _dev_scores(
    model: nn.Module,
    sequences: Sequence[Sequence[int]],
    labels: Sequence[int],
    batch_size: int = 256,
) -> tuple[float, float]:
    """``(accuracy, mean cross-entropy in nats)`` of ``model`` on id sequences, from one pass:
    what a dev check of :func:`fit_classifier` measures. The loss breaks ties of accuracy,
    which on a small dev set (3 texts: 0, 1/3, 2/3 or 1) stays level while the model still
    learns."""
    correct, loss = 0, 0.0
    for y, logits in _logits([model], sequences, labels, batch_size):
        correct += int((logits[0].argmax(-1) == y).sum())
        loss += float(nn.functional.cross_entropy(logits[0], y, reduction="sum"))
    count = max(len(sequences), 1)
    return correct / count, loss / count


def class_figures(
    model: nn.Module,
    sequences: Sequence[Sequence[int]],
    labels: Sequence[int],
    names: Sequence[str | int],
    batch_size: int = 256,
) -> dict[str, Any]:
    """Accuracy and class figures of ``model`` on id sequences, the ones ``lstmkit text train``
    reports for its test set: accuracy alone read 0.9 on a 90/10 set for a model that only ever
    says the larger class.

    Args:
        model: A classifier (or ensemble), run in inference mode.
        sequences: Id sequences (sequences of length 0 are given one ``<unk>``).
        labels: One class per sequence: its index into ``names`` or its name (``"pos"``);
            an int is refused where it names another class than it indexes (``1`` of
            classes ``'1'`` to ``'5'``, a pandas int64 column of ratings).
        names: One name per class, in the order of the model's outputs (``result.labels``).
        batch_size: Sequences per batch.

    Returns:
        ``{"accuracy", "confusion" (rows true, columns predicted), "recall" (per class name
        tested), "balanced_accuracy", "macro_f1" (scikit-learn's, over the classes tested or
        predicted), "majority" ({"label", "accuracy"}: what always saying the largest class
        scores)}``; accuracy 0.0 and the confusion alone for no sequences.

    Raises:
        TypeError: When ``names`` or ``labels`` is one str or not a sequence, or
            ``sequences`` holds no id sequences (a dict, a flat list of ids).
        ValueError: When ``names`` names a class twice or not each of the model's classes, or
            a label is neither an index into ``names`` nor one of its names (all listed) or is
            missing (None, NaN: named as missing, with pandas' ``dropna``), an int label names
            another class than it indexes, or ``labels`` and ``sequences`` differ in length.

    Example:
        >>> model = TextClassifier(vocab_size=5, embed_dim=2, hidden_size=2, num_classes=2)
        >>> with torch.no_grad():  # a head that always says 'pos'
        ...     _ = model.head.weight.zero_(), model.head.bias.copy_(torch.tensor([0.0, 1.0]))
        >>> figures = class_figures(model, [[1], [2], [3], [4]], [1, 1, 1, 0], ["neg", "pos"])
        >>> figures["accuracy"], figures["recall"], figures["majority"]
        (0.75, {'neg': 0.0, 'pos': 1.0}, {'label': 'pos', 'accuracy': 0.75})
    """
    if not isinstance(sequences, Collection) and isinstance(sequences, Iterable):
        sequences = list(sequences)  # a generator: read once, not by the check alone
    _check_sequence_holder(sequences)
    names, indices = _class_indices(model, labels, names, columns=[None, _column_name(labels)])
    return _index_figures(model, sequences, indices, names, batch_size)


def _index_figures(
    model: nn.Module,
    sequences: Sequence[Sequence[int]],
    indices: Sequence[int],
    names: Sequence[str | int],
    batch_size: int = 256,
) -> dict[str, Any]:
    """:func:`class_figures` of labels that are class indices, checked already (the path of
    :func:`fit_classifier` and :meth:`SentimentPredictor.class_figures`, whose labels
    :func:`_class_indices` has read): an index 1 of classes '1' to '5' is class '2' here."""
    if len(sequences) == 0:  # torch.cat of no batch failed
        return _measured(torch.zeros(len(names), len(names), dtype=torch.long, device="cpu"), names)
    confusion = confusion_matrix(model, sequences, indices, len(names), batch_size)
    return _measured(confusion, names)


def _check_label_sequence(labels: object, argument: str, expected: str) -> None:
    """Refuses ``labels`` that are no sequence of labels, with a TypeError naming
    ``argument`` and what it holds (``expected``): one str (``"011"`` was read as three
    names), no iterable (``5``, ``None``), a dict (read as its keys: ``{0: 1, 1: 0}`` was
    scored as the labels 0, 1) and a 0-d tensor or array (it failed in torch's or numpy's
    words, "'int' object is not iterable")."""
    if frame := _frame_refusal(labels, argument, expected):
        raise TypeError(frame)

    def told() -> str:  # on refusal alone: the repr of a million labels took 1.3 s a call
        return f"`{argument}` must be a sequence of {expected}, got {typed_repr(labels)}"

    if isinstance(labels, Mapping):
        raise TypeError(
            f"{told()}: a dict is read as its keys. Pass `list({argument}.values())` for its "
            "values."
        )
    if getattr(labels, "ndim", None) == 0:
        raise TypeError(f"{told()}, which is 0-d. Pass `{argument}.reshape(1)` for one label.")
    if isinstance(labels, str) or not isinstance(labels, Iterable):
        raise TypeError(f"{told()}.")


def _check_sequence_holder(sequences: object) -> None:
    """Refuses ``sequences`` that hold no id sequences, with a TypeError naming what came: one
    str, no iterable, a dict (read as its keys) or a 0-d tensor or array, and items that are
    no sequence (a flat ``[2, 3]`` of ids, a str), by position; each failed as "object of type
    'int' has no len()"."""

    def told() -> str:  # on refusal alone: the repr of a million sequences took 5 s a call
        return f"`sequences` must be a sequence of token id sequences, got {typed_repr(sequences)}"

    if isinstance(sequences, Mapping):
        raise TypeError(f"{told()}: a dict is read as its keys. Pass `list(sequences.values())`.")
    if isinstance(sequences, str) or getattr(sequences, "ndim", None) == 0:
        raise TypeError(f"{told()}.")
    if not isinstance(sequences, Iterable):
        raise TypeError(f"{told()}.")
    if getattr(sequences, "ndim", None) == 2:  # a padded tensor or array: its rows
        return
    flat = [
        f"{value_repr(s)} at position {k}"
        for k, s in enumerate(sequences)
        if isinstance(s, str) or not hasattr(s, "__len__") or getattr(s, "ndim", None) == 0
    ]
    if flat:
        raise TypeError(
            "`sequences` must hold one sequence of token ids per text (`[[2, 3], [4]]`), got "
            f"{_listed(flat)}."
        )


def _class_indices(
    model: nn.Module,
    labels: Sequence[int | str],
    names: Sequence[str | int],
    argument: str = "labels",
    names_said: str = "names",
    columns: list | None = None,
    item: str = "sequence",
) -> tuple[list[str | int], list[int]]:
    """``(names, labels as class indices)`` for :func:`class_figures`, checked: a label -1 was
    counted as the last class, 5 of three classes was an IndexError, a class name ``'pos'``
    "too many dimensions 'str'", and names fewer than the model's classes (or one twice) gave
    figures of the classes named alone (all listed in one ValueError). ``argument``: the
    labels' name in messages (``dev[1]`` of :func:`fit_classifier`), ``names_said`` how the
    fix names the classes (``predictor.labels``). Ints of classes that are integers written
    as text (ratings '1' to '5') are refused where one names another class than it indexes
    (:func:`_crossed_ints`), as :meth:`SentimentPredictor.evaluate` refuses them. A missing
    label (None, NaN, ``pd.NA``) is told as missing, as ``evaluate`` tells it
    (:func:`_missing_labels`: ``columns`` the items' and labels' column names, for pandas'
    ``dropna``)."""
    if isinstance(names, str) or not isinstance(names, Iterable):
        raise TypeError(f"`names` must be a sequence of class names, got {typed_repr(names)}.")
    _check_label_sequence(labels, argument, "class indices or names")
    names = list(names)
    missing = _missing(labels)  # pandas' missing value, read before tolist loses a Series' None
    labels = labels.tolist() if hasattr(labels, "tolist") else list(labels)  # tensor, array
    problems = []
    twice = sorted({repr(n) for n in names if names.count(n) > 1})
    if twice:
        problems.append(f"`names` must name each class once, got {', '.join(twice)} twice")
    members = getattr(model, "members", None)
    classes = getattr(model if members is None else members[0], "num_classes", None)
    if isinstance(classes, int) and len(names) != classes:
        problems.append(
            f"`names` must hold one name per class of the model ({classes}), got {len(names)}"
        )
    position = {n: k for k, n in enumerate(names) if isinstance(n, str)}
    crossed = _crossed_ints(labels, names, argument, names_said)
    indices, bad, absent = [], [], []
    for k, label in enumerate(labels):
        index = as_int(label)
        if crossed and index is not None and _is_crossed(index, names):
            indices.append(index)  # told by `crossed`, not as an index out of range too
            continue
        if _no_label(label):  # None, NaN, pd.NA, '': no label, not a wrong one
            absent.append(f"{value_repr(label)} at position {k}")
            indices.append(-1)
            continue
        if index is None and isinstance(label, str):
            # the spaces around a label dropped, as train_classifier drops them (" pos" is
            # "pos"): SentimentPredictor.class_figures refused "positive " the model trained on
            index = position.get(label, position.get(label.strip()))
        if index is None or not 0 <= index < len(names):
            # a name's slip ('Pos' of 'pos', '1.0' of '1') named as a dev file's labels are
            named = isinstance(label, str) and all(isinstance(n, str) for n in names)
            hint = named and label.strip() and unknown_labels({label.strip()}, position)
            number = _number_named(label, names)  # 1.0 of '1.0': a pandas float column's
            slip = f" (did you mean {number!r}?)" if number is not None else ""
            bad.append(f"{hint or value_repr(label) + slip} at position {k}")
        indices.append(index)
    if crossed:
        problems.append(crossed)
    if bad:
        problems.append(
            f"`{argument}` must be class indices in [0, {len(names)})"
            # names that are ints are no labels (position holds str names alone)
            + (f" or class names ({', '.join(map(repr, names))})" if position else "")
            + f", got {_listed(bad)}"
            + (f". {fix.rstrip('. ')}" if (fix := _floats_by_name(labels, names, argument)) else "")
        )
    if absent:
        problems.append(_missing_labels(absent, missing, columns, argument, item))
    if problems:
        raise ValueError(". ".join(problems) + ".")
    return names, indices


def _integer_text(name: object) -> bool:
    """Whether a class name is an integer written as text, as ``str(int)`` writes it
    (``'5'``, ``'-1'``; not ``'05'``, ``'1.0'`` or ``' 1'``), which an int label could name."""
    return isinstance(name, str) and name.lstrip("-").isdecimal() and str(int(name)) == name


def _number_text(name: object) -> bool:
    """Whether a class name is a number written as text, as ``text train`` reads one
    (``'5'``, ``'5.0'``, ``'05'``, ``'-1'``, ``'1e3'``; not ``' 1'``)."""
    return isinstance(name, str) and _NUMBER.fullmatch(name) is not None


def _named_class(value: int, names: Sequence[str | int]) -> int | None:
    """The position in ``names`` of the class that the int ``value`` names, or ``None``: the
    class written ``str(value)`` (``'5'``), else one that is the same number written otherwise
    (``'5.0'``, ``'05'``: pandas writes an integer column with a gap as ``5.0``)."""
    position = {n: k for k, n in enumerate(names) if isinstance(n, str)}
    if str(value) in position:
        return position[str(value)]
    same = (k for k, n in enumerate(names) if _number_text(n) and Decimal(n) == value)
    return next(same, None)


def _float_text(value: int) -> str | None:
    """``str(float(value))`` (``'5.0'``), as pandas writes a float column, or ``None`` past
    floats (``10**400``)."""
    try:
        return str(float(value))
    except OverflowError:
        return None


def _is_crossed(value: int, names: Sequence[str | int]) -> bool:
    """Whether the int ``value`` (a label or a target) names another class than it indexes,
    where classes are numbers written as text (1 names '1' or '1.0' and indexes '5' of '1.0'
    and '5.0'), or, where every class is one, names no class but indexes one (0 of '1' to
    '5')."""
    named = _named_class(value, names)
    if named is not None:
        return named != value
    numbered = bool(names) and all(_number_text(n) for n in names)
    return numbered and 0 <= value < len(names)


def _numbers_said(names: Sequence[str | int]) -> str:
    """How the refusals of crossed ints describe the classes: ``'are integers written as
    text'`` (``'1'`` to ``'5'``), ``'are numbers written as text'`` (``'1.0'``, ``'5.0'``), or
    ``'include ...'`` where words are among them (``'1'``, ``'pos'``)."""
    numbers = [n for n in names if _number_text(n)]
    are = "are" if len(numbers) == len(names) else "include"
    kind = "integers" if all(map(_integer_text, numbers)) else "numbers"
    return f"{are} {kind} written as text"


def _crossed_ints(
    labels: list[object], names: Sequence[str | int], argument: str, names_said: str
) -> str | None:
    """The refusal (without its full stop) of int ``labels`` where the classes ``names`` are
    numbers written as text (star ratings '1' to '5', a pandas column read as int64, or as
    float64 and written '1.0' to '5.0') and an int names another class than it indexes (1
    indexes '2'; 5 indexes none; 1 of '1.0' and '5.0' indexes '5.0'), or ``None``: the public
    routes read an int as an index, so such a column was scored shifted by one, without a
    word. ``names_said``: how the fix names the classes (``names``, ``predictor.labels``).

    Where every class is a number written as text, an int in range that names no class
    (0 of '1' to '5', which indexes '1') is refused too: all-zero labels were scored as class
    '1' while any other int was refused as ambiguous. The fix that names the classes is the
    one that writes them: ``str(v)`` for '1', ``str(float(v))`` for '1.0' (``str(v)`` gave
    '1', which is no class), else the ints' classes by name."""
    crossed = []
    for k, label in enumerate(labels):
        index = as_int(label)
        if index is None or not _is_crossed(index, names):
            continue
        if _named_class(index, names) is None and 0 <= index < len(names):
            crossed.append(f"{index} at position {k} indexes {names[index]!r} and names no class")
        else:
            shown = repr(names[index]) if 0 <= index < len(names) else "no class"
            crossed.append(f"{index} at position {k} indexes {shown}")
    if not crossed:
        return None
    by_name = _ints_by_name(names, argument)
    return (  # classes '1' and 'pos' were said to be "integers written as text"
        f"`{argument}` must be class names (str) where the model's classes "
        f"{_numbers_said(names)} ({', '.join(map(repr, names))}): an int is taken as a class "
        f"index, and {_listed(crossed)}. Pass "
        + (f"{by_name} to name them, or, where they are class indices, " if by_name else "")
        + f"`[{names_said}[k] for k in {argument}]`"
    )


def _number_named(value: object, names: Sequence[str | int]) -> str | None:
    """The class of ``names`` that the float ``value`` (not an int: those are indices) is the
    number of, written as text: ``'1.0'`` for ``1.0``, where the classes were read from a CSV
    column of ``1.0`` and ``0.0`` (pandas reads that column as float64), or ``'1'`` for
    ``1.0`` (an int column with a gap); ``None`` for any other value.

    Example:
        >>> _number_named(1.0, ["0.0", "1.0"]), _number_named(1.0, ["0", "1"])
        ('1.0', '1')
    """
    if (
        isinstance(value, bool)
        or as_int(value) is not None
        or not isinstance(value, numbers.Real)
        or not math.isfinite(value)
    ):
        return None
    number = Decimal(str(float(value)))
    same = (n for n in names if _number_text(n) and Decimal(n) == number)
    return next(same, None)


def _floats_by_name(labels: Sequence[object], names: Sequence[str | int], argument: str) -> str:
    """The sentence (``""`` for none) that turns the float ``labels`` into the class names they
    are the numbers of (:func:`_number_named`): ``str(v)`` where it writes them as the classes
    are written (``'1.0'``), ``str(int(v))`` where the classes are integers (``'1'``); they
    were refused as labels the model does not know, without a word of it."""
    floats = [v for v in labels if _number_named(v, names) is not None]
    if not floats:
        return ""
    if all(str(float(v)) in names for v in floats):  # type: ignore[arg-type]
        fix = f"`[str(v) for v in {argument}]` (a pandas column: `.astype(str)`)"
    elif all(str(int(v)) in names for v in floats) and not any(  # type: ignore[call-overload]
        # int() of 0.5 is 0: a fraction beside them would be read as a class without a word
        isinstance(v, numbers.Real) and math.isfinite(v) and not float(v).is_integer()
        for v in labels
        if not isinstance(v, bool)
    ):
        fix = f"`[str(int(v)) for v in {argument}]` (a pandas column: `.astype(int).astype(str)`)"
    else:
        return ""
    return f"Pass {fix}: the classes are numbers written as text (str), which a float is not. "


def _ints_by_name(names: Sequence[str | int], argument: str) -> str | None:
    """The code that turns int ``argument`` into the names of the classes ``names`` as they
    are written: ``str(v)`` for '1' to '5', ``str(float(v))`` for '1.0' to '5.0' (a pandas
    float column's; ``str(v)`` gave '1', no class), else a table of the whole numbers among
    them (``{1: '01', 5: '05'}``), or ``None`` where none is whole ('0.5', '1.5')."""
    numbers = [n for n in names if _number_text(n)]
    if all(map(_integer_text, numbers)):
        return f"`[str(v) for v in {argument}]` (a pandas column: `.astype(str)`)"
    whole = {
        int(Decimal(n)): n
        for n in reversed(numbers)
        if Decimal(n) == Decimal(n).to_integral_value()
    }
    if all(_float_text(v) == n for v, n in whole.items()) and len(whole) == len(numbers):
        return (
            f"`[str(float(v)) for v in {argument}]` (a pandas column: `.astype(float).astype(str)`)"
        )
    if not whole:
        return None
    table = ", ".join(f"{v}: {n!r}" for v, n in sorted(whole.items()))
    return f"`[{{{table}}}[v] for v in {argument}]`"


def _unknown_labels(
    labels: list[object],
    names: Sequence[str],
    missing: str | None = None,
    columns: list | None = None,
) -> str:
    """The refusal of :meth:`SentimentPredictor.evaluate`'s ``labels`` that are none of the
    model's classes ``names`` (nor their indices), worded as ``lstmkit text evaluate`` words
    those of its file's rows, with what to do (``drop_unknown=True``); ``""`` where all are
    known. Raised at once, whatever ``drop_unknown``: ints where the classes are integers
    written as text (star ratings '1' to '5', a pandas column read as int64), which index one
    class and name another (1 indexed '2'; 5, no class, was called unknown).

    A missing label (None, NaN, ``pd.NA``) is told as missing, by position, with pandas'
    ``dropna`` as train_classifier words it where ``missing`` (:func:`~lstmkit.text.labelled.
    _missing` of the labels as given) says pandas' empty cell is among them, ``columns`` the
    texts' and labels' column names: it was called a label the model does not know, 'nan'."""
    if crossed := _crossed_ints(labels, names, "labels", "predictor.labels"):
        raise ValueError(crossed + ".")
    position = {n: k for k, n in enumerate(names)}
    unknown, other, absent = {}, [], []
    for k, label in enumerate(labels):
        index = as_int(label)
        if index is not None:
            if not 0 <= index < len(names):
                other.append(f"{value_repr(label)} at position {k}")
        elif _no_label(label):  # None, NaN, pd.NA, '': no label, not one the model lacks
            absent.append(f"{value_repr(label)} at position {k}")
        elif isinstance(label, str):
            if label.strip() not in position:  # the spaces around it dropped, as in training
                unknown.setdefault(label.strip(), []).append(k)
        else:  # 1.0, True; a float that is a class's number is named as a slip of it
            named = _number_named(label, names)
            slip = f" (did you mean {named!r}?)" if named is not None else ""
            other.append(f"{value_repr(label)}{slip} at position {k}")
    classes = ", ".join(map(repr, names))
    told = []
    if unknown or other:
        said = [unknown_labels(unknown, names, rows=unknown, place="position")] if unknown else []
        said += [_listed(other)] if other else []
        told.append(
            f"`labels` holds labels the model does not know: {', '.join(said)} (its classes: "
            f"{classes}, or their indices 0 to {len(names) - 1}; positions counted from 0). "
            f"{_floats_by_name(labels, names, 'labels')}"
            "Correct them, or pass drop_unknown=True to leave their texts out."
        )
    if absent:  # with drop_unknown beside the fix
        told.append(
            _missing_labels(absent, missing, columns)
            + ", or pass drop_unknown=True to leave their texts out."
        )
    return " ".join(told)


def _missing_labels(
    absent: list[str],
    missing: str | None,
    columns: list | None,
    argument: str = "labels",
    item: str = "text",
) -> str:
    """The refusal (without its full stop) of missing labels (None, NaN, ``pd.NA``), ``absent``
    their ``'nan at position 1'``, worded as train_classifier words them: by position, with
    pandas' ``dropna`` (by ``columns``, the items' and labels' column names) where ``missing``
    (:func:`~lstmkit.text.labelled._missing`) says pandas' missing value is among them, else
    to drop those items and labels. :meth:`SentimentPredictor.evaluate` adds its
    ``drop_unknown``; the class figures (:func:`_class_indices`) told them 'got nan at
    position 1', as no class index nor name, with no fix.

    Example:
        >>> print(_missing_labels(["None at position 1"], None, None))
        ... # doctest: +NORMALIZE_WHITESPACE
        `labels` must hold a label for every text, got a missing label: None at position 1
        (positions counted from 0): drop those texts and labels first
    """
    hint = (
        "; " + _dropna_hint(columns or [None, None], missing).removeprefix(" (")
        if missing
        else f"): drop those {item}s and labels first"
    )
    return (
        f"`{argument}` must hold a label for every {item}, got "
        f"{'a missing label' if len(absent) == 1 else 'missing labels'}: {_listed(absent)} "
        f"(positions counted from 0{hint}"
    )


def _no_label(label: object) -> bool:
    """Whether ``label`` is a missing value: None, a float NaN (pandas' empty cell),
    ``pd.NA`` (a ``string`` column's) or a str of nothing but spaces (``''``, as ``lstmkit
    text evaluate`` calls a file's empty label: it was called a label the model does not
    know, or 'got ' ' at position 1', as no class name)."""
    if label is None or _missing_value(label) is not None:
        return True
    return isinstance(label, str) and not label.strip()


def _measured(confusion: torch.Tensor, names: Sequence[str | int]) -> dict[str, Any]:
    """:func:`class_figures` of a ``[C, C]`` confusion: one code path for the Python API's,
    the metrics' ``test_*`` entries and ``text train``'s JSON."""
    table = confusion.tolist()
    return {"accuracy": _accuracy(confusion), "confusion": table, **_test_figures(table, names)}


def _accuracy(confusion: torch.Tensor) -> float:
    """The share of a ``[C, C]`` confusion on its diagonal (0 for an empty test set)."""
    return int(confusion.trace()) / max(int(confusion.sum()), 1)


def _test_figures(confusion: list[list[int]], names: Sequence[str | int]) -> dict[str, Any]:
    """Per-class recall, balanced accuracy, macro-F1 (scikit-learn's, over the classes tested
    or predicted) and the accuracy of always saying the largest class, from a test confusion
    (rows true, columns predicted): on a 90/10 set accuracy alone read 0.9 for a model that
    only ever says the larger class. Nothing for an empty test set."""
    true = [sum(row) for row in confusion]
    if not sum(true):
        return {}
    recall = {c: confusion[k][k] / true[k] for k, c in enumerate(names) if true[k]}
    largest = max(range(len(names)), key=true.__getitem__)
    return {
        "recall": recall,
        "balanced_accuracy": sum(recall.values()) / len(recall),
        "macro_f1": macro_f1(confusion),
        "majority": {"label": names[largest], "accuracy": true[largest] / sum(true)},
    }


@no_default_device
def fit_classifier(
    model: TextClassifier,
    train: tuple[Sequence[Sequence[int]], torch.Tensor]
    | tuple[Sequence[Sequence[int]], torch.Tensor, torch.Tensor],
    dev: tuple[Sequence[Sequence[int]], Sequence[int | str]],
    config: SentimentConfig,
    finetune: tuple[Sequence[Sequence[int]], torch.Tensor] | None = None,
    *,
    names: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Trains ``model`` in place, keeping the parameters with the best dev accuracy (of checks
    with the same accuracy, the one with the lowest mean cross-entropy on dev).

    Args:
        model: The classifier, trained on the device its parameters are on (the batches move
            there).
        train: ``(id sequences, admissible-class mask [N, C])``, optionally with a third item,
            the support mask ``[N, C]`` of :func:`set_loss`.
        dev: ``(id sequences, labels)`` for model selection, each label a class index or
            one of ``names`` (an int that is one of ``names`` at another index, ``1`` of
            ``'1'`` to ``'5'``, refused as :func:`class_figures` refuses it).
        config: Optimisation settings.
        finetune: A second training set, trained on for ``config.sentence_epochs`` epochs after
            the ``config.epochs`` epochs on ``train`` (the learning-rate schedule spans both).
        names: One name per class, naming the classes of ``"dev"``'s figures (``None``: the
            class indices, 0, 1, ...).

    Returns:
        ``{"best_dev": accuracy, "best_dev_loss": its mean cross-entropy (nats), "best_step":
        step, "steps": steps, "seconds": seconds, "history": [(step, dev accuracy), ...],
        "dev_losses": [dev loss, ...] (one per check of the history), "train_losses": [mean
        training loss of the steps since the check before, ...] (one per check too, as Keras'
        ``loss`` beside its ``val_accuracy``), "dev": figures}``,
        ``figures`` those of :func:`class_figures` for the kept model on ``dev`` (its recall
        per class, balanced accuracy, macro-F1 and the majority's score beside the accuracy it
        was selected on).

    Raises:
        ValueError: When ``names`` or a label of ``dev`` does not fit the model's classes,
            ``dev`` has not one label per sequence, or there is no example to train on (none
            in ``train``, no ``finetune`` epoch), all listed at once.
        DivergedError: When the training loss becomes NaN or infinite (lower ``lr``; at the
            first step, before any, the model's NaN or huge weights are named instead).
    """
    names = list(range(model.head.out_features)) if names is None else names
    problems = []
    tuned = finetune is not None and config.sentence_epochs > 0 and len(finetune[0]) > 0
    if len(train[0]) == 0 and not tuned:  # no step came back as a fit: best_dev -1.0, step 0
        problems.append("`train` must hold at least one example, got none")
    # checked before the training, not after it; the dev checks take indices (a name as a
    # label, 'pos', failed at the first one with "too many dimensions 'str'")
    try:
        _, indices = _class_indices(model, dev[1], names, "dev[1]")
    except ValueError as err:
        problems.append(str(err).removesuffix("."))
    else:  # found by the first dev check, after a step, as `labels`
        if len(indices) != len(dev[0]):
            problems.append(
                f"`dev[1]` must have one entry per sequence of `dev[0]` ({len(dev[0])}), "
                f"got {len(indices)}"
            )
    if problems:
        raise ValueError(". ".join(problems) + ".")
    dev = (dev[0], indices)
    _warn_few_steps(len(train[0]), config)
    fit = _fit_classifier(model, train, dev, config, finetune, _StopRequest())
    fit["dev"] = _index_figures(model, *dev, names)
    return fit


def _warn_blown_up(
    blown: list[Blown],
    count: int,
    eps: float,
    where: Callable[[int], str] | None = None,
    counted: str | None = None,
) -> None:
    """Warns that the relevances of the texts in ``blown`` (of ``count`` texts) are far beyond
    their score (:func:`~lstmkit.explain._blown.warn_blown_up`): amplified through the long
    sequence, they showed numbers of 1e+108 with no word about them. The numbers stay as
    computed. ``where(k)`` names text ``k`` where its number is not what the user counts
    (``text predict --file``: "line 7 of --file 'reviews.txt'", blank lines skipped), and
    ``counted`` says what the ``count`` are then ("non-blank lines")."""
    from lstmkit.explain._blown import warn_blown_up

    warn_blown_up(
        blown, count, eps, noun=("text", "texts"), unit="tokens", where=where, counted=counted
    )


def _warn_few_steps(examples: int, config: SentimentConfig) -> None:
    """Logs a warning (:func:`~lstmkit.text._checks.few_steps`) where ``examples`` make only
    one or two steps an epoch at ``config.batch_size``: said once, before the members train."""
    if (message := few_steps(examples, config.batch_size, config.epochs)) is not None:
        logger.warning("%s", message)


def _fit_classifier(
    model: TextClassifier,
    train: tuple,
    dev: tuple[Sequence[Sequence[int]], Sequence[int]],
    config: SentimentConfig,
    finetune: tuple[Sequence[Sequence[int]], torch.Tensor] | None,
    stop: _StopRequest,
    name: str | None = None,
) -> dict[str, Any]:
    """:func:`fit_classifier`, which ends early once ``stop`` is set, as when the budget runs
    out (a dev check at the step it stopped, the best check kept). ``name``: the member of an
    ensemble this model is (``"member 2 of 3 (seed 1)"``), said first in the budget's
    warning."""
    sets = [(train, config.epochs)]
    if finetune is not None and config.sentence_epochs > 0:
        sets.append((finetune, config.sentence_epochs))
    # (sequences, mask, support or None, epochs) per phase
    phases = [(data[0], data[1], data[2] if len(data) > 2 else None, n) for data, n in sets]
    generator = torch.Generator().manual_seed(config.seed)
    device = _model_device(model)
    optimizer = adam(model.parameters(), config.lr, config.weight_decay)
    # with `ema`, a copy of the model holds the averaged weights; it is what dev sees and selects
    averaged = copy.deepcopy(model) if config.ema > 0 else model
    average_params = list(averaged.parameters())
    # (dev accuracy, minus its loss, step, weights) of the best check
    best = (-1.0, -math.inf, 0, copy.deepcopy(model.state_dict()))
    history: list[tuple[int, float]] = []
    dev_losses: list[float] = []  # one per check of `history`, which breaks its ties
    # one per check too: the mean training loss of the steps since the check before, which the
    # bar showed step by step and nothing kept (Keras' `loss` beside its `val_accuracy`)
    train_losses: list[float] = []
    since = 0.0, 0  # the training losses' sum and count since the last check
    start, step, out_of_time = time.perf_counter(), 0, False
    budget, eval_seconds = 60 * config.minutes, 0.0
    total = sum(math.ceil(len(seqs) / config.batch_size) * epochs for seqs, _, _, epochs in phases)
    bar = progress_bar(config.progress, total=total, desc="train")
    try:
        model.train()
        for sequences, mask, support, epochs in phases:
            phase_start = step
            eval_every = max(
                1, math.ceil(len(sequences) / config.batch_size) // config.evals_per_epoch
            )
            for _ in range(epochs):
                index = list(range(len(sequences)))
                for tokens, lengths, idx in batches(
                    sequences,
                    index,
                    config.batch_size,
                    shuffle=True,
                    generator=generator,
                    bucket=True,
                ):
                    for group in optimizer.param_groups:
                        group["lr"] = config.lr * (
                            0.1 + 0.45 * (1 + math.cos(math.pi * step / total))
                        )
                    if config.word_dropout > 0:  # on the CPU: the same draws on every device
                        tokens = drop_words(tokens, config.word_dropout)
                    # the lengths stay on the CPU, where the LSTM reads them
                    loss = set_loss(
                        model(tokens.to(device), lengths),
                        mask[idx].to(device),
                        config.neighbours,
                        None if support is None else support[idx].to(device),
                    )
                    # at the first step, the model as given (a diverged fit's) is named, not `lr`
                    untrained = model if step == 0 else None
                    check_loss(loss, f"step {step + 1}", config.lr, untrained=untrained)
                    optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    torch.nn.utils.clip_grad_norm_(model.parameters(), config.clip)
                    optimizer.step()
                    step += 1
                    if config.ema > 0:
                        decay = ema_decay(config.ema, step)
                        ema_update(average_params, list(model.parameters()), decay)
                    bar.update(1)
                    value = loss.item()
                    since = since[0] + value, since[1] + 1
                    bar.set_postfix(loss=f"{value:.3f}", refresh=False)
                    # The budget is checked every step with the last dev check's time in hand, so
                    # the dev check made on stopping still ends inside the budget.
                    out_of_time = bool(stop) or time.perf_counter() - start + eval_seconds > budget
                    # every `eval_every` steps of a phase, and after the last step, which the
                    # interval (rounded down) often misses
                    if out_of_time or step == total or (step - phase_start) % eval_every == 0:
                        eval_start = time.perf_counter()
                        acc, dev_loss = _dev_scores(averaged, *dev)
                        now = time.perf_counter()
                        eval_seconds = now - eval_start
                        out_of_time = out_of_time or now - start + eval_seconds > budget
                        history.append((step, acc))
                        dev_losses.append(dev_loss)
                        train_losses.append(since[0] / since[1])
                        since = 0.0, 0
                        logger.info(
                            "step %d: dev accuracy %.4f, dev loss %.4f", step, acc, dev_loss
                        )
                        # a tie of accuracy goes to the lower dev loss: the first of the level
                        # checks of a tiny dev set kept a model that had barely trained
                        if (acc, -dev_loss) > best[:2]:
                            best = (acc, -dev_loss, step, copy.deepcopy(averaged.state_dict()))
                    if out_of_time:
                        break
                if out_of_time:
                    break
            if out_of_time:
                break
    finally:
        bar.close()
    # the clock, not the steps, ended this model; said once the bar is closed, on its own line
    if out_of_time and not stop and step < total:
        # of several members (in workers, said in any order), which one
        said = cut_short(step, total, torch.get_num_threads())  # one thread named, above one
        if name is None:
            logger.warning("%s", said)
        else:
            logger.warning("%s: %s", name, said)
    model.load_state_dict(best[3])
    check_weights(model, config.lr)
    model.eval()
    return {
        "best_dev": best[0],
        "best_dev_loss": -best[1],
        "best_step": best[2],
        "steps": step,
        "seconds": round(time.perf_counter() - start, 1),
        "history": history,
        "dev_losses": dev_losses,
        "train_losses": train_losses,
    }


@dataclass
class TrainingExamples:
    """What one training epoch of :func:`train_sentiment` covers, before tokenization.

    Attributes:
        texts: Normalized texts (sentences, then phrases, then neutral words).
        classes: Each text's label, or its tuple of admissible classes (see :func:`set_loss`).
        supports: With ``polar_phrases``, each text's support (the classes its selection allows,
            see :func:`set_loss`); otherwise ``None``.
        counted: The texts the vocabulary's token counts (``min_freq``) are taken over: each
            training sentence once, not once per ``oversample`` copy, and the phrases. SST-5's
            neutral words count too, one each: they are words of those sentences, so with
            ``min_freq >= 2`` each is kept (left so, because leaving them out reorders the token
            ids and so changes every measured SST-5 model).
    """

    texts: list[str]
    classes: list[int | tuple[int, ...]]
    supports: list[tuple[int, ...]] | None = None
    counted: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        """The counts, not every text (the dataclass's repr printed the whole training set,
        megabytes with the phrases): ``TrainingExamples(6,920 texts, 6,920 counted for the
        vocabulary, no supports)``."""
        supports = (
            "no supports" if self.supports is None else _reprs.count(self.supports, "support")
        )
        texts = _reprs.count(self.texts, "text")
        return (
            f"TrainingExamples({texts}, {len(self.counted):,} counted for the vocabulary, "
            f"{supports})"
        )


def training_examples(
    config: SentimentConfig, data_dir: str | Path | None = None
) -> TrainingExamples:
    """The training set ``config`` asks for, before tokenization.

    The task's training sentences (``oversample`` times); with ``phrases`` the GLUE phrases
    (for SST-5 with the coarse sets ``(0, 1)`` and ``(3, 4)``); with ``neutral_words`` (SST-5)
    the training words that are not one-word GLUE phrases, labelled neutral (2).
    """
    num_classes = TASKS[config.task][1]
    train = load_sst(config.task, "train", data_dir)
    texts: list[str] = list(train.texts) * config.oversample
    classes: list[int | tuple[int, ...]] = list(train.labels) * config.oversample
    if not config.phrases:
        return TrainingExamples(texts, classes, counted=list(train.texts))
    phrases = load_sst("sst2", "phrases", data_dir)
    counted = list(train.texts) + phrases.texts
    if config.task == "sst2":
        return TrainingExamples(
            texts + phrases.texts, classes + list(phrases.labels), counted=counted
        )
    # coarse labels: negative phrase → very negative or negative, positive → the two positives
    everything = tuple(range(num_classes))
    supports: list[tuple[int, ...]] = [everything] * len(texts) + [(0, 1, 3, 4)] * len(phrases)
    texts += phrases.texts
    classes += [(0, 1) if y == 0 else (3, 4) for y in phrases.labels]
    if config.neutral_words:
        # every word is a leaf of its sentence's tree, so a labelled SST phrase; GLUE kept the
        # non-neutral ones, so a training word that is not a one-word GLUE phrase is neutral
        polar = {t for t in phrases.texts if " " not in t}
        words = sorted({w for t in train.texts for w in t.split()} - polar)
        texts += words
        classes += [2] * len(words)
        supports += [everything] * len(words)
        counted += words
    # GLUE kept only the non-neutral phrases, so with `polar_phrases` their likelihood is
    # conditional on "not neutral" and does not teach the model that neutral is rare
    return TrainingExamples(
        texts, classes, supports if config.polar_phrases else None, counted=counted
    )


def _new_member(config: SentimentConfig, shape: tuple[int, int]) -> TextClassifier:
    """A classifier of ``shape = (vocabulary size, classes)`` initialised from ``config.seed`` on
    the CPU (the same weights for every device), then moved to ``config.device``."""
    torch.manual_seed(config.seed)
    model = TextClassifier(
        shape[0],
        config.embed_dim,
        config.hidden_size,
        shape[1],
        bidirectional=config.bidirectional,
        readout=config.readout,
        dropout=config.dropout,
        padding_idx=Vocabulary.pad_id,
    )
    return model.to(config.device)


@dataclass(frozen=True)
class _MemberInputs:
    """What every ensemble member trains on.

    Attributes:
        shape: ``(vocabulary size, classes)``.
        data: ``(id sequences, admissible-class mask[, support mask])`` (see :func:`set_loss`).
        dev: ``(id sequences, labels)`` for model selection.
        finetune: The sentence-only set of ``sentence_epochs``, or ``None``.
        deadline: The :func:`time.time` by which all members must be trained.
    """

    shape: tuple[int, int]
    data: tuple
    dev: tuple[Sequence[Sequence[int]], Sequence[int]]
    finetune: tuple | None
    deadline: float

    def convert(self, to_numpy: bool) -> _MemberInputs:
        """The same inputs with the masks as numpy arrays (to send to a worker) or tensors."""

        def masks(item: tuple | None) -> tuple | None:
            if item is None:
                return None
            convert = (lambda m: m.numpy()) if to_numpy else torch.from_numpy
            return (item[0], *(convert(mask) for mask in item[1:]))

        return replace(self, data=masks(self.data), finetune=masks(self.finetune))


def _train_member(
    config: SentimentConfig,
    inputs: _MemberInputs,
    rounds: int,
    stop: _StopRequest | None = None,
    name: str | None = None,
    member: str = "member 1/1",
) -> tuple[TextClassifier, dict[str, Any]]:
    """Builds and trains the member with ``config.seed`` (until ``stop`` is set, if given).

    Its budget is its share of the time left before ``inputs.deadline``, split evenly among the
    ``rounds`` of members still to train, this one's included. ``name``: which member it is,
    for the budget's warning (None: the only one); ``member`` (``"member 1/3"``), in a device's
    out-of-memory error (:func:`~lstmkit._device.doing`), as ``lstmkit forecast`` says its
    members: "training member 1/3".
    """
    minutes = max(inputs.deadline - time.time(), 0.06) / 60 / rounds
    with doing(f"moving {member}'s network to it"):
        model = _new_member(config, inputs.shape)
    with doing(f"training {member}"):
        fit = _fit_classifier(
            model,
            inputs.data,
            inputs.dev,
            replace(config, minutes=minutes),
            inputs.finetune,
            _StopRequest() if stop is None else stop,
            name,
        )
    return model, fit


def _train_member_in_worker(
    config: SentimentConfig,
    inputs: _MemberInputs,
    rounds: int,
    name: str | None = None,
    member: str = "member 1/1",
) -> tuple[dict[str, Any], dict[str, Any]]:
    """:func:`_train_member` in a worker process (see :func:`lstmkit._pool.run_in_processes`);
    masks come and weights go back as numpy arrays, so nothing depends on torch's
    shared-memory pickling."""
    model, fit = _train_member(config, inputs.convert(to_numpy=False), rounds, None, name, member)
    return {k: v.numpy() for k, v in model.state_dict().items()}, fit


def _train_members(
    config: SentimentConfig, inputs: _MemberInputs
) -> tuple[list[tuple[TextClassifier, dict[str, Any]]], dict[str, Any] | None]:
    """The ``config.ensemble`` members (seeds ``seed, seed + 1, ...``) with their fit records,
    trained one after the other, or ``config.jobs`` at a time in worker processes; and
    ``None``, or where a Ctrl-C stopped them.

    One after the other, a Ctrl-C stops the member in training after its step: the members
    trained before it are kept, it is dropped (only half trained, it would weaken their mean),
    unless it is the first, kept as trained so far. In worker processes a Ctrl-C stops all at
    once (see :func:`lstmkit._pool.run_in_processes`).
    """
    count, jobs = config.ensemble, min(config.jobs, config.ensemble)
    configs = [replace(config, seed=config.seed + k) for k in range(count)]

    def rounds(k: int) -> int:
        """Rounds of `jobs` members still to train when member `k` starts, its own included."""
        return math.ceil(count / jobs) - k // jobs

    def named(k: int) -> str:
        return f"member {k + 1} of {count} (seed {configs[k].seed})"

    names = [named(k) if count > 1 else None for k in range(count)]

    if jobs == 1:
        trained = []
        with _stop_requests() as stop:
            for k, c in enumerate(configs):
                member, fit = _train_member(
                    c, inputs, rounds(k), stop, names[k], f"member {k + 1}/{count}"
                )
                if not stop or not trained:
                    trained.append((member, fit))
                if stop:
                    return trained, {"signal": stop.signal, "step": fit["steps"], "member": k + 1}
        return trained, None
    sent = inputs.convert(to_numpy=True)
    calls = [
        (replace(c, progress=False), sent, rounds(k), names[k], f"member {k + 1}/{count}")
        for k, c in enumerate(configs)
    ]
    with progress_bar(config.progress, total=count, desc="members") as bar:
        results = run_in_processes(
            _train_member_in_worker,
            calls,
            jobs,
            on_done=lambda k, result: bar.update(1),
            name=named,
        )
    trained = []
    for c, (state, fit) in zip(configs, results, strict=True):
        member = io.build_undrawn(lambda c=c: _new_member(c, inputs.shape))  # loaded next
        member.load_state_dict({name: torch.from_numpy(w) for name, w in state.items()})
        trained.append((member.eval(), fit))
    return trained, None


@no_default_device
def train_sentiment(config: SentimentConfig, data_dir: str | Path | None = None) -> SentimentResult:
    """Trains a classifier on SST-2 or SST-5 and measures dev and test accuracy.

    The vocabulary is built from the training data (each sentence once whatever ``oversample``,
    and the phrases if used); embeddings are randomly initialised. The reported model is the
    one with the best dev accuracy (of checks level on it, the one with the lowest dev loss).

    Args:
        config: The run's settings.
        data_dir: The shared ``text`` data folder (see :func:`lstmkit.text.sst.find_text_data`).

    Returns:
        The trained model with ``metrics`` = dev and test accuracy, the test's class figures
        (``test_recall`` per class name, ``test_balanced_accuracy``, ``test_macro_f1``,
        ``test_majority``; see :func:`class_figures`), sizes and timings
        (``train_seconds`` for the members' training, which the budget bounds, and
        ``eval_seconds`` for the evaluation after it), ``interrupted`` (``None``, or where a
        Ctrl-C stopped the training).

    Raises:
        TypeError: When ``config`` is not a :class:`SentimentConfig`.
        FileNotFoundError: When the data folder or one of its SST files is missing (see
            :func:`~lstmkit.text.sst.find_text_data` and :func:`~lstmkit.text.sst.load_sst`).
        ValueError: When a data file is damaged or empty, ``min_freq`` leaves no word in the
            vocabulary, or ``config.device`` is not usable here.
        DivergedError: When the training loss becomes NaN or infinite (lower ``lr``).
        TrainingInterrupted: After a Ctrl-C, with the model trained so far, measured (see
            :class:`~lstmkit.train.TrainingInterrupted`). In an ensemble the members trained
            before are kept and the one stopped is dropped, unless it is the first;
            ``metrics["interrupted"]["member"]`` numbers it from 1.
    """
    if not isinstance(config, SentimentConfig):
        raise TypeError(f"`config` must be a SentimentConfig, got {type(config).__name__}.")
    check_device(config.device)  # before any data is read
    num_classes = TASKS[config.task][1]
    dev = load_sst(config.task, "dev", data_dir)
    test = load_sst(config.task, "test", data_dir)
    examples = training_examples(config, data_dir)
    vocab = Vocabulary.build(examples.counted, min_freq=config.min_freq)
    _check_vocabulary(vocab, [t.split() for t in examples.counted], config.min_freq)
    keep = [i for i, t in enumerate(examples.texts) if t]  # the files have no empty lines
    sequences = [vocab.encode(examples.texts[i]) for i in keep]
    data: tuple = (sequences, _label_mask([examples.classes[i] for i in keep], num_classes))
    if examples.supports is not None:
        data += (_label_mask([examples.supports[i] for i in keep], num_classes),)
    dev_ids = [vocab.encode(t) for t in dev.texts]
    test_ids = [vocab.encode(t) for t in test.texts]
    finetune = None
    if config.sentence_epochs > 0:
        train = load_sst(config.task, "train", data_dir)
        sentences = [vocab.encode(t) or [Vocabulary.unk_id] for t in train.texts]
        finetune = (sentences, _label_mask(list(train.labels), num_classes))
    model, metrics = _train_and_measure(
        config,
        vocab,
        data,
        (dev_ids, dev.labels),
        (test_ids, test.labels),
        finetune,
        LABEL_NAMES[config.task],
        config.task,
    )
    return _returned(SentimentResult(model, vocab, config, metrics))


def _check_vocabulary(vocab: Vocabulary, counted: list[Sequence[str]], min_freq: int) -> None:
    """Refuses a ``min_freq`` that left only ``<pad>`` and ``<unk>`` (every input would be one
    unknown token), saying the largest that keeps a word of the ``counted`` token lists."""
    if len(vocab) == 2:
        top = max(Counter(w for tokens in counted for w in tokens).values(), default=0)
        raise ValueError(
            f"`min_freq`={min_freq} leaves no word in the vocabulary: the most frequent "
            f"training token occurs {top} times, so `min_freq` must be at most {top}."
        )


def _train_and_measure(
    config: SentimentConfig,
    vocab: Vocabulary,
    data: tuple,
    dev: tuple[Sequence[Sequence[int]], Sequence[int]],
    test: tuple[Sequence[Sequence[int]], Sequence[int]],
    finetune: tuple | None,
    names: Sequence[str],
    task: str,
    extra: dict[str, Any] | None = None,
) -> tuple[TextClassifier | ClassifierEnsemble, dict[str, Any]]:
    """Trains the ``config.ensemble`` members on ``data`` (see :class:`_MemberInputs`), each
    selected on ``dev``, and measures the model on ``test``: ``(model, metrics)``, the test's
    class figures (:func:`class_figures`) among them, for SST as for your own texts; ``extra``
    (your own texts' ``labels`` and ``split``) goes before those figures, as metrics.json
    has had them."""
    num_classes = len(names)
    dev_ids, dev_labels = dev
    test_ids, test_labels = test
    sequences = data[0]
    _warn_few_steps(len(sequences), config)
    start = time.perf_counter()
    inputs = _MemberInputs(
        (len(vocab), num_classes),
        data,
        (dev_ids, dev_labels),
        finetune,
        deadline=time.time() + 60 * config.minutes,
    )
    # each member seeds torch's global generator; the caller's draws go on as they were
    with callers_rng_kept(config.device):
        trained, interrupted = _train_members(config, inputs)
    members = [member for member, _ in trained]
    trained_at = time.perf_counter()
    train_seconds = round(trained_at - start, 1)
    runs = [
        {
            "seed": config.seed + k,
            "dev_accuracy": fit["best_dev"],
            "test_accuracy": None,  # below, once the model is assembled
            "best_step": fit["best_step"],
            "steps": fit["steps"],
            "train_seconds": fit["seconds"],
            "history": [[step, acc] for step, acc in fit["history"]],  # dev accuracy checks
            # beside the history, not in its rows, which readers unpack as (step, accuracy):
            # the loss that chose among checks level on accuracy
            "dev_loss": fit["best_dev_loss"],
            "dev_losses": fit["dev_losses"],
            "train_losses": fit["train_losses"],  # one per check: Keras' loss beside accuracy
        }
        for k, (_, fit) in enumerate(trained)
    ]
    single = len(trained) == 1  # one of an ensemble when a Ctrl-C stopped the second
    model: TextClassifier | ClassifierEnsemble = (
        members[0] if single else ClassifierEnsemble(members).eval()
    )
    n_test = max(len(test_ids), 1)
    with doing("measuring the model on the test set"):
        if isinstance(model, ClassifierEnsemble):
            # one pass of each member gives the ensemble's predictions and the members' own
            y, pred, each = _ensemble_predictions(model, test_ids, test_labels)
            confusion = _counts(y, pred, num_classes)
            member_accuracy = [int((p == y).sum()) / n_test for p in each]
        else:
            confusion = confusion_matrix(model, test_ids, test_labels, num_classes)
            member_accuracy = [int(confusion.trace()) / n_test]
    if single:
        dev_accuracy = runs[0]["dev_accuracy"]
    else:
        with doing("measuring the ensemble on the dev set"):
            dev_accuracy = evaluate(model, dev_ids, dev_labels)
    table = confusion.tolist()
    for run, accuracy in zip(runs, member_accuracy, strict=True):
        run["test_accuracy"] = accuracy
    metrics = {
        "task": task,
        "dev_accuracy": dev_accuracy,
        "test_accuracy": _accuracy(confusion),
        "test_confusion": table,
        "train_examples": len(sequences),
        "vocab_size": len(vocab),
        "parameters": sum(p.numel() for p in model.parameters()),
        "best_step": runs[0]["best_step"] if single else None,
        "steps": sum(r["steps"] for r in runs),
        "train_seconds": train_seconds,  # the budget's part: the members' training
        # from the unrounded end of training: a rounded-up train_seconds made it -0.0 or -0.1
        "eval_seconds": round(time.perf_counter() - trained_at, 1),
        "interrupted": interrupted,
        "seed": config.seed,
        # the float rounding, so the weights, can depend on it (workers train on one thread)
        "threads": 1 if min(config.jobs, config.ensemble) > 1 else torch.get_num_threads(),
        "members": runs,
    }
    if extra is not None:  # your own texts' classes and split, before the figures
        metrics.update(extra)
    # what `lstmkit text train --csv` printed of an imbalanced test set, kept for every run, SST's
    # too: they were printed only, to be worked out again from the confusion in metrics.json
    metrics.update({f"test_{key}": value for key, value in _test_figures(table, names).items()})
    return model, metrics


def _class_figures(confusion: list[list[int]], labels: list[str]) -> dict[str, Any]:
    """:func:`_test_figures` and whether the test's classes are ``imbalanced`` (the largest at
    least twice the smallest), which decides whether ``lstmkit text train`` prints them (the
    metrics keep the figures alone). Nothing for an empty test set."""
    figures = _test_figures(confusion, labels)
    if not figures:
        return {}
    true = [sum(row) for row in confusion]
    return figures | {"imbalanced": max(true) >= 2 * min(true) and max(true) - min(true) > 1}


def _sst_option_problems(config: SentimentConfig) -> list[str]:
    """One message per SST option that ``config`` sets to other than its default (without
    meaning for your own texts)."""
    defaults = {f.name: f.default for f in fields(SentimentConfig)}
    defaults["neutral_words"] = False  # what None becomes for the default task, SST-2
    # task="sst5" alone turns neutral_words on (None becomes True with phrases): that was
    # refused too, as if given; the task's own refusal covers it, and neutral_words=True
    # beside task="sst2" is refused by the config itself
    if config.task != defaults["task"] and config.neutral_words is True:
        defaults["neutral_words"] = True
    return [
        f"`{name}` is an SST option without meaning for your own texts; leave it at its "
        f"default ({defaults[name]!r}), got {getattr(config, name)!r}."
        for name in SST_OPTIONS
        if getattr(config, name) != defaults[name]
    ]


def _given_split(
    pair: object, part: str, classes: Collection[str]
) -> tuple[list[str], list[str], list[str], list[object] | None, str | None]:
    """A given ``dev`` or ``test`` set: ``(texts, labels, its problems, the labels' index
    labels, why it looks passed the other way round or None)``
    (:func:`~lstmkit.text.labelled.index_labels`, :func:`_swapped_arguments`)."""
    if not isinstance(pair, tuple | list) or len(pair) != 2:
        raise TypeError(
            f"`{part}` must be a (texts, labels) pair or None, got {type(pair).__name__}"
            + (f" of {len(pair)}" if isinstance(pair, tuple | list) else "")
            + "."
        )
    index = index_labels(pair[1])
    names = (f"{part}[0]", f"{part}[1]")
    # the training set's rule: (ratings, reviews) was refused only as unknown labels
    swapped = _swapped_arguments(pair[0], pair[1], names, f"{part}=(texts, labels)", classes)
    return *_labelled_problems(pair[0], pair[1], names, index, swapped), index, swapped


@no_default_device
def train_classifier(
    texts: Sequence[str],
    labels: Sequence[str],
    config: SentimentConfig | None = None,
    *,
    dev: tuple[Sequence[str], Sequence[str]] | None = None,
    test: tuple[Sequence[str], Sequence[str]] | None = None,
    name: str = "texts",
) -> SentimentResult:
    """Trains a classifier on your own labelled texts as :func:`train_sentiment` trains on SST:
    the same model, loop, ensemble, budget, dev selection and metrics.

    The classes are the distinct labels, sorted (``result.labels``; :func:`save_classifier`
    saves them, so :class:`SentimentPredictor` and ``lstmkit text predict`` print them). A text
    is read as :meth:`SentimentPredictor.tokens` reads its input
    (:func:`~lstmkit.text.labelled.text_tokens`). The vocabulary comes from the training texts
    (each once, whatever ``oversample``). Without ``dev`` or ``test``, each class gives 10 % of
    its examples (rounded half up) to each set not given, drawn with ``config.seed``
    (:func:`~lstmkit.text.labelled.stratified_split`); the rest trains.

    The SST options of ``config`` (:data:`SST_OPTIONS`: ``task``, ``phrases``,
    ``polar_phrases``, ``neutral_words``, ``sentence_epochs``) do not apply: their defaults are
    ignored (no phrases, no neutral words, no sentence epochs) and other values refused.
    ``neighbours`` treats classes next to each other in sorted order as ordinal neighbours, so
    with more than 2 classes it needs labels that are all numbers (sorted by value): text
    labels (``"high"``, ``"low"``, ``"medium"``) sort as text, not by meaning, and are refused.

    Args:
        texts: The texts.
        labels: One class name (a non-empty str) per text.
        config: The run's settings (``None``: the defaults).
        dev: ``(texts, labels)`` to select the model on, instead of 10 % of ``texts``.
        test: ``(texts, labels)`` to measure it on, instead of 10 % of ``texts``.
        name: What the metrics (``"task"``) and the saved settings (``"data"``) call the data;
            the CLI passes the CSV's file name.

    Returns:
        The trained model, as :func:`train_sentiment`'s, with ``label_names`` set and more
        metrics: ``labels`` (the class names) and ``split`` (the examples of each set). Its
        test set's class figures (:func:`class_figures`), scikit-learn's over the classes
        tested (or predicted, for macro-F1), come as SST's: ``test_recall`` (per class name),
        ``test_balanced_accuracy``, ``test_macro_f1`` and ``test_majority`` (``{"label",
        "accuracy"}``, what always saying the largest test class scores), the figures
        ``lstmkit text train`` prints.

    Raises:
        TypeError: When ``texts``, ``labels`` or a given set's are one str or hold something
            that is not a str, ``dev``/``test`` is not a pair, or ``name`` is not a str.
        ValueError: For a blank ``name``, an SST option set, ``neighbours`` with more than 2
            classes that are not numbers, different numbers of texts and
            labels, two pandas Series (texts and labels, or a set's) with different indexes,
            texts without a token, empty labels (all named by index), fewer than 2
            classes, a class with fewer than 5 examples while a set is split off, a
            ``dev``/``test`` label that no training text has (these all at once, worded as
            :func:`~lstmkit.text.labelled.read_labelled_csv` words a file's), an unusable
            ``device``, or a ``min_freq`` that leaves no word.
        DivergedError: When the training loss becomes NaN or infinite (lower ``lr``).
        TrainingInterrupted: After a Ctrl-C, with the model trained so far, measured (see
            :class:`~lstmkit.train.TrainingInterrupted`). In an ensemble the members trained
            before are kept and the one stopped is dropped, unless it is the first;
            ``metrics["interrupted"]["member"]`` numbers it from 1.

    Example:
        >>> words, nouns = ("good", "fine", "great", "bad", "dull"), ("film", "show", "play")
        >>> texts = [f"a {w} {n}{k}" for n in nouns for k in ("", "!") for w in words][:25]
        >>> labels = ["pos", "pos", "pos", "neg", "neg"] * 5
        >>> config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, progress=False)
        >>> result = train_classifier(texts, labels, config, name="films")
        >>> result.labels, result.metrics["split"]
        (('neg', 'pos'), {'train': 19, 'dev': 3, 'test': 3})
    """
    config = SentimentConfig() if config is None else config
    if not isinstance(config, SentimentConfig):
        raise TypeError(f"`config` must be a SentimentConfig or None, got {type(config).__name__}.")
    if not isinstance(name, str):  # a wrong type is a TypeError, as for `config`
        raise TypeError(f"`name` must be a non-empty str, got {typed_repr(name)}.")
    if not name.strip():
        raise ValueError(f"`name` must be a non-empty str, got {name!r}.")
    check_device(config.device)  # before any data is read
    # read_labelled_csv(..., training=True) warned of texts given two labels by the file's rows
    said = _odds_said(texts, labels)
    # the texts are checked, then encoded: each is tokenised once for both (a `with`, not a
    # decorator, whose frame the warning below would point at instead of the caller's line)
    with _tokenised_once():
        # every problem of the settings and the data in one error, as the CSV path reports a
        # file's (a wrong type still stops at once)
        problems = _sst_option_problems(config)
        # told before the checks, which refuse the ints of a ratings column as no str (with
        # the fix that makes them str, and so trains them as the texts)
        swapped = _swapped_arguments(texts, labels)
        at = _subscript(texts)  # a Series with an index of its own: `texts.iloc[3]`
        texts, labels, found = _labelled_problems(
            texts, labels, ("texts", "labels"), index_labels(labels), swapped
        )
        problems += found
        given: dict[str, tuple[list[str], list[str]]] = {}
        indexes: dict[str, list[object] | None] = {}  # a pandas Series' labels of each
        swaps: dict[str, str | None] = {}
        for part, pair in (("dev", dev), ("test", test)):
            if pair is not None:
                part_texts, part_labels, found, indexes[part], swaps[part] = _given_split(
                    pair, part, set(labels)
                )
                given[part] = (part_texts, part_labels)
                problems += found
        held_out = [part for part in SPLITS if part not in given]
        if labels:  # (none: refused above already)
            found = class_problems(labels, "`labels`", training=True, held_out=held_out)
            problems += [p + "." for p in found]
            if found and swapped:  # refused as classes too small; alone, no refusal
                problems.append(swapped + ".")
        names = _sorted_classes(y for y in labels if y)
        if config.neighbours > 0 and len(names) > 2 and not all(map(_NUMBER.fullmatch, names)):
            # with two classes the neighbour is the other one in either order
            problems.append(
                f"`neighbours` (ordinal label smoothing) needs classes in an order, labels that "
                f"are all numbers, got {config.neighbours!r}, and the classes of `labels` "
                f"({', '.join(map(repr, names))}) sort as text, not by meaning; name them by "
                "numbers (1, 2, 3, ...) in their order or leave `neighbours` at 0."
            )
        for part, (_, part_labels) in given.items():
            if unknown := {y for y in part_labels if y} - set(names):
                # positions in the list passed, as the CLI names a file's rows: a typo was
                # named by its value alone, to be searched for among thousands of labels; a
                # pandas Series' own index labels where they are not its positions (a filtered
                # or sorted column: its positions pointed elsewhere under .loc)
                index = indexes[part]
                at = places_of(
                    unknown, part_labels, range(len(part_labels)) if index is None else index
                )
                place = "position" if index is None else "index label"
                where = (
                    f"positions are 0-based indices of `{part}[1]`"
                    if index is None
                    else f"index labels are those of the Series `{part}[1]`, for `.loc`"
                )
                said = unknown_labels(unknown, names, rows=at, place=place)
                # what to do, as text train says it of a file's rows: it ended on them
                fix = (
                    ""
                    if swaps[part]
                    else untrained_class_fix(
                        said, f"Leave those texts out of `{part}`", "`texts` and `labels`", held_out
                    )
                )
                problems.append(
                    f"`{part}[1]` holds labels no training text has: {said} (the classes: "
                    f"{', '.join(map(repr, names))}; {where}).{fix}"
                )
                if swaps[part]:  # as of the training set: a word on the refusal, not one
                    problems.append(swaps[part] + ".")
        if problems:
            raise ValueError(sentences(problems))
        for variants in case_variants(names):
            warnings.warn(
                f"`labels` holds {', '.join(map(repr, variants))}, which differ only in case: "
                "they train as separate classes. Write each class one way if they are one.",
                UserWarning,
                stacklevel=user_stacklevel(),
            )
        for variants in number_variants(names):
            warnings.warn(
                f"`labels` holds {', '.join(map(repr, variants))}, which are one number "
                "written differently: they train as separate classes. Write each class one "
                "way if they are one.",
                UserWarning,
                stacklevel=user_stacklevel(),
            )
        # one text given two labels trained with nothing said; named as the refusals name
        # its texts (lstmkit text train --csv: by its file's rows, read_labelled_csv's)
        places = [f"`texts{at}[{k}]`" for k in range(len(texts))]
        if not said and (odds := labels_at_odds(texts, labels, places)):
            warnings.warn(odds, UserWarning, stacklevel=user_stacklevel())
        split = (
            stratified_split(labels, config.seed, held_out)
            if held_out
            else {"train": list(range(len(labels)))}
        )
        parts = {
            part: ([texts[k] for k in positions], [labels[k] for k in positions])
            for part, positions in split.items()
        }
        parts.update(given)
        index = {c: k for k, c in enumerate(names)}
        train_tokens = [_shared_tokens(t) for t in parts["train"][0]]
        if (problem := _training_memory_problem(train_tokens, config)) is not None:
            raise ValueError(problem)
        _warn_repeated_texts(train_tokens, {part: parts[part][0] for part in SPLITS})
        _warn_long_texts({part: parts[part][0] for part in ("train", *SPLITS)})
        vocab = Vocabulary.build(train_tokens, min_freq=config.min_freq)
        _check_vocabulary(vocab, train_tokens, config.min_freq)
        # _shared_tokens' sequences of str: encoded without encode's checks of each token
        sequences = [vocab._ids(t) for t in train_tokens] * config.oversample
        classes = [index[c] for c in parts["train"][1]] * config.oversample
        data: tuple = (sequences, _label_mask(classes, len(names)))

        def encoded(part: str) -> tuple[list[list[int]], list[int]]:
            part_texts, part_labels = parts[part]
            encoded_texts = [vocab._ids(_shared_tokens(t)) for t in part_texts]
            return encoded_texts, [index[c] for c in part_labels]

        dev_data, test_data = encoded("dev"), encoded("test")
    extra = {
        "labels": list(names),
        "split": {part: len(parts[part][0]) for part in ("train", *SPLITS)},
    }
    model, metrics = _train_and_measure(
        config, vocab, data, dev_data, test_data, None, names, name, extra
    )
    return _returned(SentimentResult(model, vocab, config, metrics, label_names=names))


LONG_TEXT = 1000  # tokens; above it a text makes every step of its batch slow


def _of_texts(count: int, total: int, part: str) -> str:
    """``count`` of the ``total`` texts of set ``part``, as a warning says it: "1 of the 1
    test texts" read as a slip.

    Example:
        >>> _of_texts(2, 5, "dev"), _of_texts(1, 1, "test"), _of_texts(1200, 4000, "dev")
        ('2 of the 5 dev texts', 'the 1 test text', '1,200 of the 4,000 dev texts')
    """
    return f"the 1 {part} text" if total == 1 else f"{count:,} of the {total:,} {part} texts"


def _warn_long_texts(parts: dict[str, list[str]]) -> None:
    """Warn when texts of the sets in ``parts`` (``{"train": texts, "dev": ..., "test":
    ...}``) hold more than :data:`LONG_TEXT` tokens, counted per set: a batch runs the LSTM
    over as many steps as its longest text, for every text in it, so one 10,000-word review
    among 40 short ones had 3 epochs train for minutes with the bar standing at 0 (one thread:
    a batch of 32 with one text of 1,000 tokens took 7.9 s a step, of 12 tokens 0.5 s). A dev
    or test text slows each check as a training text slows each step: one count of all the
    sets did not say which file to cut."""
    counts, longest, most = [], "", 0
    for part, texts in parts.items():
        lengths = [len(_shared_tokens(t)) for t in texts]
        long = [k for k, n in enumerate(lengths) if n > LONG_TEXT]
        if long:
            counts.append((len(long), _of_texts(len(long), len(texts), part)))
            top = max(long, key=lengths.__getitem__)
            if lengths[top] > most:
                most, longest = lengths[top], " ".join(_shared_tokens(texts[top])[:6])
    if not counts:
        return
    many = len(counts) > 1 or counts[0][0] > 1
    warnings.warn(
        f"{and_list([said for _, said in counts])} {'hold' if many else 'holds'} more than "
        f"{LONG_TEXT:,} tokens (the longest, {most:,}, begins {longest!r}): a batch runs the "
        "LSTM over as many steps as its longest text, for every text in it, so each step with "
        "such a text is slow. Cut long texts to their first few hundred words (pandas: "
        "df[col].str.split().str[:300].str.join(' ')) or leave them out.",
        UserWarning,
        stacklevel=user_stacklevel(),
    )


def _training_memory_problem(
    train_tokens: Sequence[Sequence[str]], config: SentimentConfig
) -> str | None:
    """The refusal of training texts whose longest one's batch cannot be held while it trains:
    the LSTM's gate activations, kept for the backward pass (4 gates of ``hidden_size`` per
    direction, 4 bytes each, for each of the batch's texts at each of the longest text's
    steps; a lower bound), beyond the memory and swap (:func:`lstmkit._memory.refusal_limit`,
    as ``lstmkit demo``'s gates are refused). None where they fit, on another device than the
    CPU, or where the OS does not say the memory. A review of 200,000 words among 40 short ones
    was warned of as slow, then grew to the machine's 23 GiB and was killed 8 minutes on."""
    from lstmkit import _memory

    if not train_tokens or torch.device(config.device).type != "cpu":
        return None
    if (limit := _memory.refusal_limit()) is None:
        return None
    memory, words = limit
    longest = max(train_tokens, key=len)
    batch = min(config.batch_size, len(train_tokens) * config.oversample)
    directions = 2 if config.bidirectional else 1
    one = batch * len(longest) * directions * 4 * config.hidden_size * 4
    # with `jobs` above 1, that many members train at once, each in a process of its own with
    # gates of its own: counting one member's passed what the members together could not hold
    at_once = min(config.jobs, config.ensemble)
    needed = one * at_once
    if needed <= memory:
        return None
    together, fewer = "", ""
    if at_once > 1:
        together = (
            f", {_memory.in_bytes(needed)} for the {at_once} members that train at once "
            f"(`jobs` {config.jobs}, `ensemble` {config.ensemble})"
        )
        if one <= memory:
            fewer = "train fewer members at once (`jobs` 1: one after the other), or "
    return (
        f"`texts` holds a training text of {len(longest):,} tokens (it begins "
        f"{' '.join(longest[:6])!r}), whose batch of {batch} texts needs "
        f"{_memory.in_bytes(one)} for the LSTM's gates while it trains (`batch_size` "
        f"{config.batch_size}, `hidden_size` {config.hidden_size}, {directions} "
        f"direction{'s' if directions > 1 else ''}){together}, more than {words}; {fewer}cut "
        "long texts to their first few hundred words (pandas: "
        "df[col].str.split().str[:300].str.join(' ')) or "
        "leave them out."
    )


def _warn_repeated_texts(train_tokens: list[Sequence[str]], held_out: dict[str, list[str]]) -> None:
    """Warn when held-out texts are training texts too (token for token): data that repeats a
    text can put it on both sides of the split, and its score then partly measures memory."""
    seen = {tuple(tokens) for tokens in train_tokens}
    found, total = [], 0
    for part, texts in held_out.items():
        repeated = sum(tuple(_shared_tokens(t)) in seen for t in texts)
        total += repeated
        if repeated:
            found.append(
                f"{_of_texts(repeated, len(texts), part)} ({100 * repeated / len(texts):.0f} %)"
            )
    if found:
        warnings.warn(
            f"{' and '.join(found)} {'is a training text' if total == 1 else 'are training texts'}"
            " too, token for token, so their scores "
            "partly measure memory, not generalisation. Remove repeated texts from the data "
            "(pandas: drop_duplicates on the text column) to score on unseen ones.",
            UserWarning,
            stacklevel=user_stacklevel(),
        )


VOCAB_FILE = "vocab.json"


def save_classifier(
    result: SentimentResult, out_dir: str | Path, *, overwrite: bool = False
) -> Path:
    """Writes ``model.safetensors``, ``config.json``, ``vocab.json`` and ``metrics.json``
    into ``out_dir`` (created if needed), all or none (a save that fails part-way leaves the
    folder's files as they were), and returns it as a ``Path``.

    ``overwrite=True`` saves over what ``out_dir`` holds, as Keras' ``model.save(...,
    overwrite=True)`` does: another kind of saved model, a ``config.json`` that is no saved
    model's, or files of the names written without ``config.json`` (those a killed save left,
    say), which are otherwise refused.

    Raises:
        TypeError: For a ``result`` that is not a :class:`SentimentResult` (a bare model, say),
            or an ``overwrite`` that is no bool.
        ValueError: When ``out_dir`` cannot take the model, by the rule every saver takes
            (:func:`lstmkit.io.check_save_dir`): an existing file or a path through one, a
            folder holding another kind of saved model, a ``config.json`` that is no saved
            model's (damaged, or another program's), a folder without ``config.json`` that
            holds files of the names the save writes (the message names them), or a run folder
            of ``lstmkit forecast --out`` (its model is in its ``model/``); nothing is written.
    """
    if not isinstance(result, SentimentResult):  # a bare model failed as "no attribute 'model'"
        raise TypeError(
            f"`result` must be a SentimentResult (what train_sentiment and train_classifier "
            f"return), got {type(result).__name__}."
        )
    out = _io.save_model(
        out_dir,
        result.model,
        {
            "model": result.model.config(),
            "labels": list(result.labels),
            "train": result.settings(),
        },
        KIND,
        {
            VOCAB_FILE: result.vocab._json(),
            "metrics.json": json.dumps(result.metrics, indent=2) + "\n",
        },
        overwrite=overwrite,
    )
    return out


def _zero_d_index(value: Any) -> Any:
    """A 0-d integer tensor or array (``logits.argmax()``) as its Python ``int``, as
    :func:`~lstmkit.text._checks.int_id` reads an id; anything else (a bool one too) as it is."""
    if getattr(value, "ndim", None) != 0 or getattr(value, "dtype", None) is None:
        return value
    try:
        return int_id(value)
    # a float tensor, or one on the meta device, which holds no value to read (its item()
    # raises RuntimeError): refused below by name
    except (TypeError, RuntimeError):
        return value


def _texts_listed(texts: object, at: str, columns: list[str | None] | None = None) -> list[str]:
    """``texts`` as a list of str (:func:`~lstmkit.text.labelled._str_list`), where pandas'
    missing value among them (an empty cell of ``pd.read_csv``) is told how to drop it: by
    its rows where ``columns`` (the texts' and labels' column names) pair the texts with
    labels (:func:`~lstmkit.text.labelled._dropna_hint`), else the texts alone (it was
    ``got `texts[1]` float nan`` with no word of the fix).

    Example:
        >>> import pandas as pd
        >>> _texts_listed(pd.Series(["a good film", None], name="review", dtype="string"), "")
        Traceback (most recent call last):
        TypeError: `texts` must hold str only, got `texts[1]` NAType <NA> (<NA> is how pandas \
reads an empty cell: leave those texts out first, `df['review'].dropna()`).
    """
    try:
        return _str_list(texts, "texts", at)
    except TypeError as err:
        missing = _missing(texts)  # a generator is spent by then: no hint
        said = str(err)
        if missing is None or not said.endswith("."):
            raise
        if columns is not None:
            hint = _dropna_hint(columns, missing)
        else:
            name = _column_name(texts)
            drop = (
                f"`df[{name!r}].dropna()`"
                if name is not None
                else "`texts.dropna()`"
                if type(texts).__module__.startswith("pandas")
                else "`[t for t in texts if isinstance(t, str)]`"
            )
            hint = f" ({missing} is {_missing_said(missing)}: leave those texts out first, {drop})"
        raise TypeError(said[:-1] + hint + ".") from None


@dataclass
class SentimentPredictor:
    """A loaded classifier: ``predict("a sentence")`` → (label, probabilities).

    Predictions run the model in eval mode (no dropout), so they are deterministic whatever
    mode it was left in, and give it its mode back.

    Args:
        model: The classifier (or ensemble).
        vocab: The vocabulary it was trained with (as many tokens as its embedding has rows).
        labels: One name per class, each name once, none empty (as training takes labels).

    Raises:
        TypeError: When ``labels`` is not a sequence of str.
        ValueError: When ``labels`` holds an empty name or names a class twice, or ``labels``
            or ``vocab`` does not fit the model (all listed).
    """

    model: TextClassifier | ClassifierEnsemble
    vocab: Vocabulary
    labels: tuple[str, ...]

    def __repr__(self) -> str:
        """Its fields, the model by its class and size, not its module tree."""
        return _reprs.fields(self)

    def __post_init__(self) -> None:
        labels = self.labels
        if isinstance(labels, Iterable) and not isinstance(labels, (str, Sequence)):
            labels = tuple(labels)  # a generator, read once
        if (
            isinstance(labels, str)
            or not isinstance(labels, Iterable)
            or not all(isinstance(n, str) for n in labels)
        ):
            raise TypeError(f"`labels` must be a sequence of str, got {labels!r}.")
        self.labels = tuple(map(str, labels))  # np.str_ too, shown as numpy 1 shows it
        # an ensemble's first member: members of mixed readouts are fine here, unsaved
        first = getattr(self.model, "members", [self.model])[0]
        shape = first.config() if hasattr(first, "config") else {}
        problems = []
        # as training refuses an empty label: a class '' was predicted, named by nothing
        blank = [f"`labels[{k}]` {n!r}" for k, n in enumerate(self.labels) if not n.strip()]
        if blank:
            problems.append(f"every label must be a non-empty class name, got {_listed(blank)}.")
        # a name given twice is one class to predict's probabilities and explain's target
        repeated = [n for n, count in Counter(self.labels).items() if count > 1]
        if repeated:
            problems.append(
                f"`labels` must name each class once, got {', '.join(map(repr, repeated))} "
                f"more than once: {self.labels!r}."
            )
        classes, size = shape.get("num_classes"), shape.get("vocab_size")
        if classes is not None and len(self.labels) != classes:
            problems.append(
                f"`labels` must name the model's {classes} classes, got {len(self.labels)}: "
                f"{self.labels!r}."
            )
        if size is not None and len(self.vocab) != size:
            problems.append(
                f"`vocab` must have the model's {size} tokens (its embedding's rows), got "
                f"{len(self.vocab)}."
            )
        if problems:
            raise ValueError(sentences(problems))

    @classmethod
    @no_default_device
    def load(cls, model_dir: str | Path, device: str | torch.device = "cpu") -> Self:
        """Loads a folder written by :func:`save_classifier` (or ``lstmkit text train``), or one
        whose ``model/`` holds it (read as ``Forecaster.load`` reads a run folder), onto
        ``device`` (the CPU by default, wherever the model was trained).

        Raises:
            FileNotFoundError: When the folder or one of its files is missing (all listed).
            TypeError: For a ``model_dir`` that is no ``str`` or ``Path`` (``None``, say).
            ValueError: When a file is damaged or the files do not fit together (named), or
                ``device`` is not usable here (checked first).
        """
        device = usable_device(device)
        model_dir = _io.model_folder(model_dir)
        config = _io.read_config(model_dir, KIND, extra_files=(VOCAB_FILE,))

        def parts() -> tuple[TextClassifier | ClassifierEnsemble, tuple[str, ...]]:
            model = build_classifier(config["model"])
            labels = config["labels"]
            if (
                not isinstance(labels, list)
                or not all(isinstance(n, str) and n.strip() for n in labels)
                or len(set(labels)) != len(labels)
            ):
                # a string or an object would be read as its letters or keys, repeated names
                # as one class; an empty name, which training refuses, predicted as ''
                raise ValueError(
                    f"its entry 'labels' must be a list of distinct, non-empty class names "
                    f"(strings), got {labels!r}"
                )
            classes = model.config()["num_classes"]
            if len(labels) != classes:
                raise ValueError(f"its model has {classes} classes but {len(labels)} labels")
            return model, tuple(labels)

        model, labels = _io.build_model(model_dir, "sentiment classifier", config, parts)
        model_dir = io.as_path(model_dir, "`model_dir`")
        vocab_file = model_dir / VOCAB_FILE
        vocab = Vocabulary.load(vocab_file)
        if len(vocab) != model.config()["vocab_size"]:
            raise ValueError(
                f"{str(vocab_file)!r} holds {len(vocab)} tokens but the model described by "
                f"{str(Path(model_dir) / 'config.json')!r} has {model.config()['vocab_size']}."
            )
        _io.load_state(model_dir, model)
        model.to(device).eval()
        return cls(model, vocab, labels)

    def tokens(self, text: str) -> list[str]:
        """The tokens the model sees: the text in composed Unicode (NFC, as SST's files are:
        a decomposed ``"café"``, ``e`` + a combining accent, is the same word), lower-cased,
        bracket escapes undone and split the way SST is tokenized
        (:func:`~lstmkit.text.sst.ptb_tokenize`: ``"It's great."`` → ``it 's great .``); SST's
        own sentences come out as they are in the files.

        Raises:
            TypeError: When ``text`` is not a str.
        """
        if not isinstance(text, str):
            raise TypeError(f"`text` must be a str, got {type(text).__name__}.")
        return text_tokens(text)

    def unknown(self, text: str) -> list[str]:
        """The distinct tokens of ``text`` missing from the vocabulary, in order of appearance
        (the model reads each as ``<unk>``); a typed ``<pad>`` or ``<unk>`` is one of them.

        Raises:
            TypeError: When ``text`` is not a str.
        """
        tokens = self.tokens(text)
        ids = self.vocab.encode(tokens)
        return list(
            dict.fromkeys(t for t, i in zip(tokens, ids, strict=True) if i == Vocabulary.unk_id)
        )

    def encode(self, text: str) -> tuple[torch.Tensor, torch.Tensor]:
        """``(tokens [1, T], lengths [1])`` for one text.

        Raises:
            TypeError: When ``text`` is not a str.
            ValueError: When ``text`` has no token (empty or whitespace only).
        """
        tokens = self.tokens(text)
        if not tokens:
            raise ValueError(f"`text` must contain at least one token, got {text!r}.")
        return pad_batch([self.vocab.encode(tokens)])

    def _encode_many(
        self,
        texts: Iterable[str],
        batch_size: int,
        one: str,
        progress: object = False,
        columns: list[str | None] | None = None,
    ) -> tuple[list[list[str]], list[list[int]]]:
        """The tokens and token ids of each of ``texts``, checked (``one``: the method for a
        single str), and ``progress``; ``columns``: the texts' and labels' column names where
        labels come with them (:func:`_texts_listed`)."""
        if isinstance(texts, str):
            raise TypeError(f"`texts` must be a sequence of str, got one str (use `{one}`).")
        _batch_size(batch_size)  # the check length_batches makes, before any text is read
        if problems := progress_problems(progress):
            raise TypeError(problems[0] + ".")
        # every misfit in one error, the first few by index and how many more, as a training's
        # a pandas Series with an index of its own by position, `texts.iloc[1]`, as a
        # non-str item of it is named (its empty text was `texts[1]`, the index label 1)
        at = _subscript(texts)
        texts = _texts_listed(texts, at, columns)
        if len(texts) == 0:
            raise ValueError("`texts` must hold at least one text, got none.")
        tokens = [self.tokens(t) for t in texts]
        ids = [self.vocab.encode(t) for t in tokens]
        empty = [
            f"`texts{at}[{k}]` {t!r}"
            for k, (t, i) in enumerate(zip(texts, ids, strict=True))
            if not i
        ]
        if empty:
            raise ValueError(f"every text must contain a token, got none in {_listed(empty)}.")
        return tokens, ids

    @torch.no_grad()
    def predict_proba(
        self, texts: Iterable[str], batch_size: int = 64, progress: bool | None = False
    ) -> torch.Tensor:
        """Class probabilities ``[N, C]``, in the order of ``texts`` (on the CPU, wherever the
        model is).

        The texts run in padded batches of ``batch_size`` with their lengths, grouped by length
        so that little time goes into padding; each gets what it gets alone, up to float
        rounding (padding never reaches the result).

        Args:
            texts: The texts (any iterable of str).
            batch_size: Texts per forward pass (bounds the memory for long inputs).
            progress: A progress bar over the texts on stderr (``predict: 12000/20000``),
                removed when they are done; ``None`` shows it as the configs' default does
                (when stderr is a terminal, or in a Jupyter notebook with ipywidgets). It does
                not change the result.

        Raises:
            TypeError: When ``texts`` is one str, holds something that is not a str (all
                in one error, as texts without a token), or ``batch_size`` is not an int, or
                ``progress`` is not True, False or None.
            ValueError: When ``texts`` is empty, one of them has no token (all in one error,
                the first five named by index, with how many more), or ``batch_size`` is
                below 1 or past torch's int64 (``2**63 - 1``, as the configs' counts).
        """
        _, ids = self._encode_many(texts, batch_size, "predict", progress)
        # in a thread of its own, so that Ctrl-C stops it at once: the model's LSTM takes a
        # batch in one native call (of minutes over a text of 200,000 tokens), during which
        # Python raises no KeyboardInterrupt (under _SHORT_CALL tokens in all, here: the thread
        # costs more than their calls last)
        predicted = functools.partial(self._predicted, ids, int(batch_size), progress)
        return _interruptible(predicted, sum(map(len, ids)))[0]

    @torch.no_grad()
    def _predicted(
        self, ids: list[list[int]], batch_size: int, progress: bool | None, record: bool = False
    ) -> tuple[torch.Tensor, list[_Outputs]]:
        """:meth:`predict_proba` of texts encoded (``ids``: from :meth:`_encode_many`) and, with
        ``record`` (else ``[]``), each text's outputs, the model's and (for an ensemble) each
        member's, which :meth:`_relevance` hands to LRP's check so that it does not run the
        model again."""
        members = None
        if record:  # the explanations' module, loaded only for them
            from lstmkit.explain.lrp import _member_outputs, _members

            members = _members(self.model) or nn.ModuleList()
        device = _model_device(self.model)
        order: list[int] = []
        chunks = []
        outputs: list[_Outputs] = []
        bar = progress_bar(progress, total=len(ids), desc="predict", unit="text", leave=False)
        with evaluating(self.model), bar:
            for positions, tokens, lengths in length_batches(ids, batch_size):
                order += positions
                tokens = tokens.to(device)
                if members is None:
                    logits = self.model(tokens, lengths)
                else:
                    with _member_outputs(members, tokens, lengths) as seen:
                        logits = self.model(tokens, lengths)
                    outputs += [
                        (logits[row], [None if m is None else m[row] for m in seen])
                        for row in range(len(positions))
                    ]
                _check_values(logits, self.model, "predictions")
                chunks.append(torch.softmax(logits, dim=-1).cpu())
                bar.update(len(positions))
        sorted_probs = torch.cat(chunks)
        probs = torch.empty_like(sorted_probs)
        # back to the order of `texts`; the index on the CPU by name: on a default meta device
        # it wrote nothing, and the probabilities were the empty tensor's leftover bytes
        probs[torch.tensor(order, device="cpu")] = sorted_probs
        if outputs:
            by_text = dict(zip(order, outputs, strict=True))
            outputs = [by_text[k] for k in range(len(ids))]
        return probs, outputs

    def predict_many(
        self, texts: Iterable[str], batch_size: int = 64, progress: bool | None = False
    ) -> list[tuple[str, dict[str, float]]]:
        """:meth:`predict` for several texts in padded batches: one ``(label, probabilities)``
        per text, in order (see :meth:`predict_proba`, also for ``progress``).

        Raises:
            TypeError, ValueError: As :meth:`predict_proba`.

        Example:
            >>> vocab = Vocabulary.build(["a good film", "a bad film"])
            >>> model = TextClassifier(len(vocab), 4, 3, 2)
            >>> predictor = SentimentPredictor(model, vocab, ("negative", "positive"))
            >>> results = predictor.predict_many(["a good film", "bad", "a film"])
            >>> len(results), sorted(results[0][1])
            (3, ['negative', 'positive'])
        """
        return [self._labelled(p) for p in self.predict_proba(texts, batch_size, progress)]

    def class_figures(
        self, texts: Iterable[str], labels: Iterable[str | int], batch_size: int = 64
    ) -> dict[str, Any]:
        """:func:`class_figures` of labelled texts: accuracy, confusion, recall per class,
        balanced accuracy, macro-F1 and the majority's score, the texts tokenised as
        :meth:`predict_many` tokenises them (the module's function takes id sequences and
        class indices).

        Args:
            texts: The texts (any iterable of str).
            labels: One label per text, a name of :attr:`labels` (``"positive"``) or its index
                (an int; refused where it names another class, ``1`` of classes ``'1'`` to
                ``'5'``, as :meth:`evaluate` refuses it).
            batch_size: Texts per forward pass.

        Raises:
            TypeError, ValueError: As :meth:`predict_proba` for ``texts`` and as
                :func:`class_figures` for ``labels`` (a missing one told as :meth:`evaluate`
                tells it, without ``drop_unknown``), or when ``labels`` does not hold one
                label per text; a ValueError when ``texts`` and ``labels`` are pandas Series
                with different indexes (they are paired by position).

        Example:
            >>> vocab = Vocabulary.build(["a good film", "a bad film"])
            >>> model = TextClassifier(len(vocab), 4, 3, 2)
            >>> predictor = SentimentPredictor(model, vocab, ("negative", "positive"))
            >>> figures = predictor.class_figures(["a good film", "bad"], ["positive", "negative"])
            >>> list(figures)
            ['accuracy', 'confusion', 'recall', 'balanced_accuracy', 'macro_f1', 'majority']
        """
        if isinstance(texts, str):
            raise TypeError("`texts` must be a sequence of str, one per label, got one str.")
        if (unpaired := _misaligned(texts, labels)) is not None:
            raise ValueError(unpaired)
        columns = [_column_name(texts), _column_name(labels)]  # for a dropna of missing labels
        _, ids = self._encode_many(texts, batch_size, "predict", columns=columns)
        names, indices = _class_indices(
            self.model, labels, self.labels, "labels", "predictor.labels", columns, "text"
        )
        if len(indices) != len(ids):
            raise ValueError(
                f"`labels` must hold one label per text ({len(ids):,}), got {len(indices):,}."
            )
        return _index_figures(self.model, ids, indices, names, int(batch_size))

    def evaluate(
        self,
        texts: Iterable[str],
        labels: Iterable[str | int],
        batch_size: int = 64,
        progress: bool | None = False,
        *,
        drop_unknown: bool = False,
    ) -> ClassifierEvaluation:
        """Scores the classifier on labelled texts: accuracy, macro-F1, precision, recall, F1
        and support per class, the confusion matrix and each text's prediction, as
        ``lstmkit text evaluate`` prints them (see :class:`~lstmkit.text.evaluation.
        ClassifierEvaluation`). The texts are classified as :meth:`predict_proba` classifies
        them (Ctrl-C stops it at once, as there).

        Args:
            texts: The texts (any iterable of str).
            labels: One label per text, a name of :attr:`labels` (``"positive"``; the spaces
                around it dropped, as training drops them) or its index (an int; refused
                where it names another class, ``1`` of classes ``'1'`` to ``'5'``).
            batch_size: Texts per forward pass.
            progress: A progress bar over the texts on stderr (see :meth:`predict_proba`).
            drop_unknown: Leave out the texts whose label is none of the model's classes
                or missing (None, NaN, '' or spaces; counted in ``dropped``), instead of
                refusing them.

        Returns:
            A :class:`~lstmkit.text.evaluation.ClassifierEvaluation`.

        Raises:
            TypeError, ValueError: As :meth:`predict_proba` for ``texts``; a ValueError for
                labels that are none of the model's classes (each named with its position,
                and the classes listed, as ``lstmkit text evaluate`` names a file's) or
                missing (None, NaN: named as missing, with pandas' ``dropna``) unless
                ``drop_unknown``, for ints that index one class and name another, for
                ``labels`` not holding one label per text, for ``texts`` and ``labels`` that
                are pandas Series with different indexes (they are paired by position, and
                a sorted or filtered one paired other rows), or for no text left after
                dropping.

        Example:
            >>> vocab = Vocabulary.build(["a good film", "a bad film"])
            >>> model = TextClassifier(len(vocab), 4, 3, 2)
            >>> predictor = SentimentPredictor(model, vocab, ("negative", "positive"))
            >>> scores = predictor.evaluate(["a good film", "bad", "so bad"],
            ...                             ["positive", "negative", "neutral"], drop_unknown=True)
            >>> scores.dropped, len(scores.texts), sum(map(sum, scores.confusion))
            (1, 2, 2)
        """
        from lstmkit.text.evaluation import ClassifierEvaluation

        if isinstance(texts, str):
            raise TypeError("`texts` must be a sequence of str, one per label, got one str.")
        if not isinstance(drop_unknown, bool):
            raise TypeError(
                f"`drop_unknown` must be True or False, got {typed_repr(drop_unknown)}."
            )
        if (unpaired := _misaligned(texts, labels)) is not None:
            raise ValueError(unpaired)
        at = _subscript(texts)
        columns = [_column_name(texts), _column_name(labels)]  # for a dropna of missing labels
        texts = _texts_listed(texts, at, columns)
        _check_label_sequence(labels, "labels", "class indices or names")
        from_pandas = type(labels).__module__.startswith("pandas")
        labels = labels.tolist() if hasattr(labels, "tolist") else list(labels)
        if len(labels) != len(texts):
            raise ValueError(
                f"`labels` must hold one label per text ({len(texts):,}), got {len(labels):,}."
            )
        # pandas' missing value, as train_classifier tells it (a Series' None is one)
        missing = _missing(labels) or (
            "None" if from_pandas and any(v is None for v in labels) else None
        )
        unknown = _unknown_labels(labels, self.labels, missing, columns)
        if unknown and not drop_unknown:
            raise ValueError(unknown)
        dropped = 0
        if unknown:
            position = {n: k for k, n in enumerate(self.labels)}

            def known(label: object) -> bool:
                index = as_int(label)
                if index is None and isinstance(label, str):
                    return label.strip() in position
                return index is not None and 0 <= index < len(self.labels)

            kept = [k for k, label in enumerate(labels) if known(label)]
            dropped = len(texts) - len(kept)
            if not kept:
                raise ValueError(
                    f"`labels` must hold at least one of the model's classes "
                    f"({', '.join(map(repr, self.labels))}) with drop_unknown=True, got none "
                    f"of them in {len(labels):,} label{plural_s(len(labels))}."
                )
            texts, labels = [texts[k] for k in kept], [labels[k] for k in kept]
        names, indices = _class_indices(self.model, labels, self.labels)
        probs = self.predict_proba(texts, batch_size, progress)
        best = probs.argmax(-1)
        confusion = _counts(torch.tensor(indices, dtype=torch.long), best, len(names))
        return ClassifierEvaluation(
            classes=self.labels,
            confusion=confusion.tolist(),
            texts=texts,
            labels=[self.labels[k] for k in indices],
            predicted=[self.labels[k] for k in best.tolist()],
            probability=probs.max(-1).values.tolist(),
            dropped=dropped,
        )

    def _labelled(self, probs: torch.Tensor) -> tuple[str, dict[str, float]]:
        """``(the most probable label, {label: probability})`` for one row ``[C]``."""
        return self.labels[int(probs.argmax())], {
            name: float(p) for name, p in zip(self.labels, probs, strict=True)
        }

    def explain(
        self,
        text: str,
        target: int | str | None = None,
        *,
        eps: float = 1e-3,
        bias_factor: float = 0.0,
    ) -> list[tuple[str, float]]:
        """Relevance of each token for the predicted (or ``target``) class, by LRP.

        Uses :func:`lstmkit.explain.lrp` (epsilon rule, Arras et al. 2017) on the raw score of the
        class; positive relevance speaks for the class, negative against it.

        Args:
            text: The text.
            target: The class to explain: its index (an int, or a 0-d integer tensor or array
                such as ``logits.argmax()``), its label (one of :attr:`labels`, e.g.
                ``"positive"``) or ``None`` for the predicted one, the class :meth:`predict`
                shows (the first of a tie of probabilities).
            eps: LRP's stabilizer, as :func:`~lstmkit.explain.lrp`'s (a larger one, 0.1,
                keeps long texts' relevances from amplifying).
            bias_factor: The share of each bias handed down, as :func:`~lstmkit.explain.lrp`'s:
                0 (the default) lets the biases keep theirs; 1 makes the relevances sum to the
                class's raw score, less the small share left on the zero initial states.

        Returns:
            ``[(token, relevance), ...]`` in sentence order.

        Raises:
            TypeError: When ``text`` is not a str (for several texts, use :meth:`explain_many`),
                or ``target`` is not one index, label or ``None`` (``1.5``, a list).
            ValueError: For a label that is not one of :attr:`labels`, an index out of range, a
                text without a token, or an ``eps`` or ``bias_factor`` out of range.
        """
        if isinstance(text, list | tuple):
            raise TypeError(
                f"`text` must be a str, got {type(text).__name__} (for several texts, use "
                "`explain_many`)."
            )
        self.encode(text)  # its errors name `text`
        self._target_index(target, several=False)  # its errors said of one text
        # the target as given: an index of it is no name ('1' of classes '1' and '5' is 0)
        return self.explain_many([text], target, eps=eps, bias_factor=bias_factor)[0]

    def explain_many(
        self,
        texts: Iterable[str],
        target: int | str | None = None,
        batch_size: int = 64,
        progress: bool | None = False,
        *,
        eps: float = 1e-3,
        bias_factor: float = 0.0,
    ) -> list[list[tuple[str, float]]]:
        """:meth:`explain` for several texts in padded batches, in order.

        Batched as :meth:`predict_proba` batches (grouped by length, with the lengths): each text
        gets the relevance it gets alone, to float rounding. ``target`` (index, label or
        ``None`` for each text's predicted class), ``eps`` and ``bias_factor`` apply to every
        text; ``progress`` shows a bar over the texts (``explain: 12000/20000``) as in
        :meth:`predict_proba`.

        Raises:
            TypeError, ValueError: As :meth:`predict_proba`, and
                as :meth:`explain` for ``target``; a ``target`` that is not one class (a list,
                say) is a TypeError.

        Example:
            >>> vocab = Vocabulary.build(["a good film", "a bad film"])
            >>> model = TextClassifier(len(vocab), 4, 3, 2)
            >>> predictor = SentimentPredictor(model, vocab, ("negative", "positive"))
            >>> [[token for token, _ in tokens] for tokens in predictor.explain_many(
            ...     ["a good film", "bad"], target="positive")]
            [['a', 'good', 'film'], ['bad']]
        """
        from lstmkit.explain.lrp import check_options

        target = self._target_index(target, several=True)
        check_options(eps, bias_factor)  # before the texts are read
        at = _subscript(texts)
        read, ids = self._encode_many(texts, batch_size, "explain", progress)
        blown: list[Blown] = []
        with progress_bar(
            progress, total=len(ids), desc="explain", unit="text", leave=False
        ) as bar:
            options = {"eps": eps, "bias_factor": bias_factor}
            # in a thread of its own, as predict_proba's prediction (LRP through a long text
            # runs in native calls of minutes too); warned of here, at the user's line
            found = _interruptible(
                functools.partial(
                    self._relevance, read, ids, target, int(batch_size), bar, blown=blown, **options
                ),
                sum(map(len, ids)),
            )
        if blown:
            # one of several named as its refusal names it, `texts[1]` (0-based), not "text 2"
            where = (lambda k: f"`texts{at}[{k}]`") if len(ids) > 1 else None
            _warn_blown_up(blown, len(ids), eps, where)
        return found

    def _relevance(
        self,
        read: list[list[str]],
        ids: list[list[int]],
        target: int | None,
        batch_size: int,
        bar: Any,
        outputs: list[_Outputs] | None = None,
        totals: list[tuple[float, float]] | None = None,
        blown: list[Blown] | None = None,
        **options: float,
    ) -> list[list[tuple[str, float]]]:
        """:meth:`explain_many` of texts checked and encoded (``read``, ``ids``: from
        :meth:`_encode_many`), counted on ``bar``, which callers share over several calls
        (``lstmkit text predict --explain``: one bar over the labels' calls); ``options`` go
        to :func:`~lstmkit.explain.lrp`, and ``outputs`` (one per text, from
        :meth:`_predicted`) to its check, in place of running the model again. ``totals``, a
        list as long as ``ids``, gets each text's explained score and initial state's share
        (what ``lstmkit text predict --explain`` sums the relevance against). ``blown``, where
        given, gets the texts whose relevances blew up (:func:`_warn_blown_up`'s), for a caller
        that explains its texts in several calls to warn once, in its own numbering."""
        from lstmkit.explain._blown import blown_rows, gradient_totals

        found: list[list[tuple[str, float]]] = [[] for _ in ids]
        warn = blown is None
        blown = [] if blown is None else blown  # numbered as `ids`
        batches = self._explained_batches(ids, target, batch_size, bar, outputs=outputs, **options)
        for positions, ex, _ in batches:
            scores, initials = ex.score.tolist(), ex.initial_state.tolist()
            for row, k in enumerate(positions):
                if totals is not None:
                    totals[k] = (scores[row], initials[row])
                words = [
                    self.vocab.itos[i] if i != Vocabulary.unk_id else t
                    for i, t in zip(ids[k], read[k], strict=True)
                ]
                found[k] = list(zip(words, ex.relevance[row, : len(ids[k])].tolist(), strict=True))
            rows = [[r for _, r in found[k]] for k in positions]
            reference = functools.partial(gradient_totals, self.model, ex)
            eps = float(options.get("eps", 1e-3))
            for b in blown_rows(rows, scores, reference, eps=eps):
                blown.append(replace(b, row=positions[b.row]))
        if warn and blown:
            _warn_blown_up(blown, len(ids), options.get("eps", 1e-3))
        return found

    def _explained_batches(
        self,
        ids: list[list[int]],
        target: int | None,
        batch_size: int,
        bar: Any,
        method: str = "lrp",
        outputs: list[_Outputs] | None = None,
        **options: object,
    ) -> Iterator[tuple[list[int], Explanation, torch.Tensor]]:
        """The explanation by ``method`` (with its ``options``) of each batch of ``ids``, padded,
        with their lengths and grouped by length as :meth:`predict_proba` groups them, so that
        each text gets what it gets alone (to float rounding) and the explanation's ``output``
        is the prediction's: ``(positions, explanation, output)``, where row ``r`` is text
        ``positions[r]`` and ``output`` ``[B, C]`` is the explanation's ``output`` (given apart
        too, where its type says it is never None). ``bar`` counts a batch once the caller has
        read it. :meth:`_relevance` and ``lstmkit explain`` read them. With ``outputs`` (one per
        text, from :meth:`_predicted`), LRP checks its recomputation against them. Without a
        ``target``, each text's is the class :meth:`predict` shows (:func:`_shown_classes`),
        also on a tie of probabilities where the logits' arg-max is another: the prediction,
        run before the explanation (:meth:`_known_output`) by one model as by an ensemble,
        names it, so that a batch is explained once."""
        from lstmkit.explain import explain
        from lstmkit.explain.baselines import _DISPATCH, check_method_options
        from lstmkit.explain.lrp import _lrp, _members, mean_over_members

        # The ids go where the model is (every method refuses inputs on another device); the
        # lengths stay on the CPU, where the LSTM reads them.
        device = _model_device(self.model)
        lrp_options: dict[str, Any] = dict(options)  # lrp's own: eps, bias_factor
        ensemble = _members(self.model) is not None
        check_method_options(method, options)  # as explain checks them, before any batch

        def explained(
            tokens: torch.Tensor, lengths: torch.Tensor, target: Any, known: _Batch
        ) -> Any:
            if ensemble:  # each member checked against (LRP) or explained for the known output
                return mean_over_members(
                    _DISPATCH[method], self.model, tokens, target, lengths, known=known, **options
                )
            if method != "lrp":  # the gradient methods run the model as a prediction does
                return explain(
                    self.model, tokens, target, method=method, lengths=lengths, **options
                )
            return _lrp(self.model, tokens, target, lengths=lengths, output=known[0], **lrp_options)

        for positions, tokens, lengths in length_batches(ids, batch_size):
            tokens = tokens.to(device)
            known = self._known_output(positions, tokens, lengths, outputs)
            output = known[0]
            _check_values(output, self.model, "explanations")
            # the prediction names the class it shows: the batch is explained once, also where
            # a near tie makes the logits' arg-max another class
            asked = _shown_classes(output).to(device) if target is None else target
            ex = explained(tokens, lengths, asked, known)
            yield positions, replace(ex, output=output), output
            bar.update(len(positions))

    def _known_output(
        self,
        positions: list[int],
        tokens: torch.Tensor,
        lengths: torch.Tensor,
        outputs: list[_Outputs] | None,
    ) -> _Batch:
        """The model's output ``[b, C]`` on a batch of :meth:`_explained_batches` before it is
        explained, with each member's for an ensemble (else ``[]``): the prediction's
        (``outputs``, by text), else the model's run here as :meth:`predict_proba` runs it (LRP
        then runs neither the model nor a member again; the gradient methods run one model as
        a prediction does)."""
        if outputs is not None:
            return _stacked([outputs[k] for k in positions])
        from lstmkit.explain.lrp import _member_outputs, _members

        members = _members(self.model)
        if members is None:
            return self._output(tokens, lengths), []
        with (
            evaluating(self.model),
            torch.no_grad(),
            _member_outputs(members, tokens, lengths) as seen,
        ):
            logits = self.model(tokens, lengths)
        return logits, seen

    @torch.no_grad()
    def _output(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """The model's output ``[B, C]`` on a batch, as :meth:`predict_proba` computes it (eval
        mode, no gradients: on the same batch, the same digits)."""
        with evaluating(self.model):
            return self.model(tokens, lengths)

    def _crossed_target(self, target: int) -> str | None:
        """The refusal of an int ``target`` that indexes another class than the one it names,
        where classes are numbers written as text (ratings '1' to '5', or '1.0' to '5.0'), or
        None: as :meth:`evaluate` refuses such labels (:func:`_crossed_ints`), and ``lstmkit
        explain --target``; ``explain(text, target=1)`` of classes '1' and '5' (or '1.0' and
        '5.0') explained '5'."""
        names = self.labels
        if not _is_crossed(target, names):
            return None
        inside = 0 <= target < len(names)
        named = _named_class(target, names)
        shown = repr(names[target]) if inside else "no class"
        fixes = [] if named is None else [f"target={names[named]!r} for the class {names[named]!r}"]
        if inside:
            fixes.append(
                f"target=predictor.labels[{target}] ({names[target]!r}) for the class "
                f"at index {target}"
            )
        return (
            f"`target` must be a class name (str) where the model's classes "
            f"{_numbers_said(names)} ({', '.join(map(repr, names))}): an int is taken as a "
            f"class index, and {target} indexes {shown}. Pass {' or '.join(fixes)}."
        )

    def _target_index(self, target: int | str | None, several: bool) -> int | None:
        """``target`` (an index, a label or ``None``) as a class index or ``None``, checked for
        :meth:`explain` (one text) or, with ``several``, :meth:`explain_many`."""
        if isinstance(target, str):
            if target not in self.labels:
                # a slip ('Pos' of 'pos') is named; the range as for an index out of it
                raise ValueError(
                    f"`target` must be a class index in [0, {len(self.labels)}) or one of the "
                    f"labels {self.labels}, got {unknown_labels({target}, self.labels)}."
                )
            return self.labels.index(target)
        target = _zero_d_index(target)  # logits.argmax(), a 0-d tensor, as its int
        if target is not None and as_int(target) is None:
            expected = f"`target` must be a class index, one of the labels {self.labels} or None"
            several_classes = isinstance(target, Sequence) or getattr(target, "ndim", 0) > 0
            if not several_classes or isinstance(target, bytes | bytearray):  # b"pos": a label
                number = _number_named(target, self.labels)  # 1.0 of '1.0', as pandas reads it
                slip = f" (did you mean target={number!r}?)" if number is not None else ""
                got = f"{typed_repr(target)}{slip}."  # 1.5: no advice on several texts
            elif several:  # lrp reads a sequence as one class per row, and rows run by length
                got = (
                    f"{type(target).__name__}: one class for every text (for a class per text, "
                    "call `explain` on each)."
                )
            else:
                got = f"{type(target).__name__}: one class for the text."
            raise TypeError(f"{expected}, got {got}")
        if target is not None and (crossed := self._crossed_target(int(target))):
            raise ValueError(crossed)
        if target is not None and not 0 <= target < len(self.labels):
            # -1 for the last class, as in Python: said, as lrp's `target` says it (xp17)
            back = " (a negative index does not count from the end)" if target < 0 else ""
            raise ValueError(
                f"`target` must be a class index in [0, {len(self.labels)}) or one of the "
                f"labels {self.labels}{back}, got {target!r}."
            )
        return None if target is None else int(target)

    def predict(self, text: str) -> tuple[str, dict[str, float]]:
        """The most probable label and the probability of each label.

        Raises:
            TypeError: When ``text`` is not a str (for several texts, use :meth:`predict_many`).
            ValueError: When ``text`` has no token (empty or whitespace only).
        """
        if isinstance(text, list | tuple):
            raise TypeError(
                f"`text` must be a str, got {type(text).__name__} (for several texts, use "
                "`predict_many`)."
            )
        self.encode(text)  # its errors name `text`
        return self._labelled(self.predict_proba([text])[0])

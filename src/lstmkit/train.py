"""The one training loop: seeded, early stopping on a validation set, LR schedule, clipping.

Any model trains with :func:`fit` given a loss function ``loss_fn(model, batch) -> scalar tensor``,
so the loop does not care what a batch holds (windows and targets for forecasting; token ids,
lengths and labels for text). Batches come either from a tuple of tensors sharing their first
dimension (the loop slices and, if asked, shuffles them with a seeded generator) or from any
re-iterable of batches (e.g. a ``DataLoader`` you seeded yourself).

Example:
    >>> import torch
    >>> from lstmkit.train import TrainConfig, fit
    >>> x = torch.linspace(-1, 1, 32).unsqueeze(1); y = 3 * x
    >>> model = torch.nn.Linear(1, 1)
    >>> mse = lambda m, b: torch.mean((m(b[0]) - b[1]) ** 2)
    >>> hist = fit(model, mse, (x, y), (x, y), TrainConfig(epochs=200, lr=0.1, seed=0))
    >>> round(model.weight.item(), 2)
    3.0
"""

from __future__ import annotations

import copy
import functools
import inspect
import logging
import math
import numbers
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set, Sized
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TypeVar

import numpy as np
import torch
from torch import nn
from torch.optim.adam import adam as adam_update
from torch.optim.adamw import adamw as adamw_update

from lstmkit._checks import (
    _is_number,
    _not_positive,
    and_list,
    as_int,
    checked_seed,
    choice_problem,
    config_refusal,
    count_too_large,
    fraction_hint,
    is_choice,
    is_finite,
    numpy_hint,
    plain_repr,
    plural_s,
    progress_bar,
    progress_problems,
    python_bools,
    python_numbers,
    seed_problem,
    show_progress,
    text_refusal,
    typed_repr,
    unknown_keywords_message,
    value_repr,
    whole_float_hint,
)
from lstmkit._device import device_name, drawn_on
from lstmkit._figures import (
    LOOKS,
    curve_legend,
    curve_look,
    drawable_title,
    figure_file,
    new_figure,
    save_figure,
)
from lstmkit._interrupts import TrainingInterrupted
from lstmkit._lazy import public_dir
from lstmkit._modes import evaluating

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)
_P = ParamSpec("_P")
_R = TypeVar("_R")

__all__ = [
    "DivergedError",
    "History",
    "TrainConfig",
    "TrainingInterrupted",
    "adam",
    "check_loss",
    "check_weights",
    "fit",
    "iterate_batches",
    "plot_checks",
    "plot_history",
    "progress_problems",
    "seed_everything",
    "show_progress",
    "to_device",
]
__dir__ = public_dir(globals())

Batch = Any
LossFn = Callable[[nn.Module, Batch], torch.Tensor]
Batches = Sequence[torch.Tensor] | Iterable[Batch]


class DivergedError(ValueError):
    """The training loss became NaN or infinite: the weights are no longer usable.

    A ``ValueError`` because the cause is almost always a setting (a learning rate too high for
    the model and data), so the message says which step failed and suggests a lower rate.
    """


def check_loss(
    loss: torch.Tensor | float, where: str, lr: float, *, untrained: nn.Module | None = None
) -> float:
    """The loss as a float, or a :class:`DivergedError` if it is NaN or infinite.

    Args:
        loss: the scalar training loss of one step.
        where: the step, for the message (e.g. ``"epoch 3, step 41"``).
        lr: the configured learning rate, for the message.
        untrained: the model, at the first step, before any optimizer step: the message names
            its weights instead of ``lr``, which has not acted yet (a model a diverged fit
            left NaN or huge).
    """
    value = float(loss.detach() if isinstance(loss, torch.Tensor) else loss)
    if not math.isfinite(value):
        raise DivergedError(
            f"training diverged: the training loss became {value} at {where}. Try a lower "
            f"learning rate than `lr`={lr:g}."
            if untrained is None
            else _diverged_untrained(untrained, value, where, lr, "the data")
        )
    return value


def _non_finite(named: Iterable[tuple[str, torch.Tensor]]) -> list[str]:
    """The names of the tensors in ``named`` (``model.named_parameters()``) that hold a NaN or
    an infinite value."""
    return [name for name, p in named if not bool(torch.isfinite(p).all())]


def check_weights(model: nn.Module, lr: float) -> None:
    """A :class:`DivergedError` if any parameter of ``model`` is NaN or infinite (e.g. after a
    last optimizer step whose loss was still finite)."""
    bad = _non_finite(model.named_parameters())
    if bad:
        raise DivergedError(
            f"training diverged: {len(bad)} parameter tensor{plural_s(len(bad))} "
            f"{'holds' if len(bad) == 1 else 'hold'} NaN or infinite values "
            f"after training (first: {bad[0]}). Try a lower learning rate than `lr`={lr:g}."
        )


# a device, as Lightning's Trainer (`accelerator`, `devices`) and NeuralForecast take one
_DEVICE_WORDS = ("device", "accelerator", "devices")


def _advised_device(word: str, value: object) -> str:
    """The device the advice of :func:`_takes_no_device` moves the model to: the one given
    (``device='mps'``, ``'cuda:1'``, a ``torch.device``, Lightning's ``accelerator='mps'``) as
    a config's ``device`` reads it (:func:`~lstmkit._device.device_name`: ``'cpu:0'`` as
    ``'cpu'``), an index (``device=0``, as torch takes one) as torch reads it, on the machine's
    accelerator (``'cuda:0'``; ``'mps:0'`` on a Mac), where it names a device that computes;
    else ``'cuda'`` (Lightning's ``accelerator='gpu'``, its count ``devices=2``, ``'meta'``,
    ``'cuda:256'``). The advice always said ``net.to('cuda')``; then ``'cuda'`` for
    ``device=0``, ``'meta'`` for ``'meta'`` and ``'cuda:0'`` for ``'cuda:256'`` (torch's
    8-bit index wraps), read apart from ``device_name``.

    Example:
        >>> _advised_device("device", torch.device("cuda", 1)), _advised_device("devices", 2)
        ('cuda:1', 'cuda')
        >>> _advised_device("device", "meta"), _advised_device("device", "cpu:0")
        ('cuda', 'cpu')
    """
    if word == "devices":  # Lightning's count of devices, no index
        return "cuda"
    # an index as device_name reads it, on the machine's accelerator (a negative one is none)
    return device_name(value) or "cuda"


def _takes_no_device(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` (:func:`fit`, ``TrainConfig``'s ``__init__``) refusing a ``device`` (or
    Lightning's ``accelerator``, ``devices``) with where training runs: Python's refusal, "got
    an unexpected keyword argument 'device'", said nothing of it. ``inspect.signature`` still
    shows ``function``'s (``functools.wraps``); a call without one pays a lookup per word."""
    name = function.__qualname__.removesuffix(".__init__")

    @functools.wraps(function)
    def refusing(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if refusal := _device_refusal(name, kwargs):
            raise TypeError(refusal)
        return function(*args, **kwargs)

    return refusing


def _device_refusal(name: str, kwargs: Mapping[str, object]) -> str | None:
    """:func:`_takes_no_device`'s refusal of the first device word among ``kwargs`` passed to
    ``name``, or ``None`` where there is none."""
    if not (where := [word for word in _DEVICE_WORDS if word in kwargs]):
        return None
    device = _advised_device(where[0], kwargs[where[0]])
    return (
        f"{name}() takes no `{where[0]}`, got {value_repr(kwargs[where[0]])}: fit "
        "trains where the model's parameters are and moves the batches there; move the "
        f"model first (net.to({device!r})), or make its layers there (LSTM(1, 16, "
        f"device={device!r}))."
    )


def _positive(value: float) -> bool:
    return value > 0 and is_finite(value)


def _non_negative(value: float) -> bool:
    return value >= 0 and is_finite(value)


def _in_unit(value: float) -> bool:
    return 0.0 <= value <= 1.0


@dataclass(frozen=True)
class TrainConfig:
    """Settings of :func:`fit`.

    Attributes:
        epochs: maximum number of passes over the training batches.
        lr: initial learning rate of Adam.
        batch_size: minibatch size when the training data is a tuple of tensors; ``None`` uses
            the full batch.
        weight_decay: Adam's L2 penalty.
        schedule: ``"cosine"`` (anneal toward ``lr * min_lr_ratio`` over ``epochs``, stepped
            once per epoch: epoch ``e`` runs at ``floor + (lr - floor)(1 + cos(pi e / epochs))
            / 2``, so the last one stays just above the floor), ``"plateau"`` (halve the LR
            after ``max(1, patience // 4)`` epochs without an improvement of at least
            ``min_delta``; 5 epochs with ``patience=None``) or ``"constant"``.
        min_lr_ratio: floor of the cosine schedule, as a fraction of ``lr``.
        patience: stop after this many epochs without validation improvement; ``None`` never
            stops early. Ignored without validation data.
        min_delta: smallest decrease of the validation loss that counts as improvement (>= 0).
        grad_clip: clip the global gradient norm to this value; ``None`` disables clipping.
        shuffle: reshuffle tensor batches every epoch (seeded by ``seed``).
        samples_per_epoch: with tensor data, each epoch trains on at most this many samples,
            a fresh random subset every epoch (seeded by ``seed``; in their original order if
            ``shuffle`` is off), so epochs, patience and the schedule keep their meaning on
            large data; ``None`` uses every sample every epoch.
        seed: seeds the loop's own randomness: the shuffling and the samples drawn each epoch.
            Dropout and other randomness inside the model draw from torch's global generator,
            which the loop leaves alone: seed it (``torch.manual_seed`` or
            :func:`seed_everything`) before building the model for runs that repeat bit for
            bit, as the Forecaster does for each member.
        restore_best: load the weights of the best validation epoch at the end.
        progress: show a tqdm progress bar; ``None`` shows it when stderr is a terminal, or a
            Jupyter notebook with ipywidgets (as a widget).
    """

    epochs: int = 200
    lr: float = 1e-2
    batch_size: int | None = 16
    weight_decay: float = 0.0
    schedule: Literal["cosine", "plateau", "constant"] = "cosine"
    min_lr_ratio: float = 0.01
    patience: int | None = 50
    min_delta: float = 0.0
    grad_clip: float | None = 1.0
    shuffle: bool = True
    samples_per_epoch: int | None = None
    seed: int = 0
    restore_best: bool = True
    progress: bool | None = None

    def __post_init__(self) -> None:
        # numpy integers (a grid's np.arange, a DataFrame's cell) count, as in ForecasterConfig
        # and the text configs ("`epochs` must be a positive integer, got np.int64(3)"), and are
        # stored as Python ints
        for name in ("epochs", "batch_size", "patience", "samples_per_epoch", "seed"):
            value = getattr(self, name)
            if as_int(value) is not None and type(value) is not int:
                object.__setattr__(self, name, as_int(value))
        python_bools(self, "shuffle", "restore_best", "progress")  # np.True_ -> True
        # np.float32(0.01) is 0.01, as in ForecasterConfig (it was told "give a Python number")
        python_numbers(self, "lr", "weight_decay", "min_lr_ratio", "min_delta", "grad_clip")
        problems = []
        # a count past torch's int64 said as the CLI's flags say it, before its range is judged
        # (epochs=10**30 failed inside tqdm, once the data was prepared)
        large = {
            name: problem
            for name in ("epochs", "batch_size", "patience", "samples_per_epoch")
            if (problem := count_too_large(getattr(self, name), f"`{name}`")) is not None
        }
        if "epochs" in large:
            problems.append(large["epochs"])
        elif not _is_int(self.epochs) or self.epochs < 1:
            problems.append(
                f"`epochs` must be a positive integer, got {plain_repr(self.epochs)}"
                + whole_float_hint(self.epochs)
            )
        if not (_is_number(self.lr) and self.lr > 0 and is_finite(self.lr)):
            problems.append(
                f"`lr` must be a positive finite number, got {plain_repr(self.lr, _positive)}"
                + numpy_hint(self.lr, _positive)
            )
        if "batch_size" in large:
            problems.append(large["batch_size"])
        elif self.batch_size is not None and (not _is_int(self.batch_size) or self.batch_size < 1):
            problems.append(
                "`batch_size` must be a positive integer or None, got "
                + plain_repr(self.batch_size)
                + whole_float_hint(self.batch_size)
            )
        if not (
            _is_number(self.weight_decay)
            and 0 <= self.weight_decay
            and is_finite(self.weight_decay)
        ):
            problems.append(
                "`weight_decay` must be a finite number >= 0, got "
                + plain_repr(self.weight_decay, _non_negative)
                + numpy_hint(self.weight_decay, _non_negative)
            )
        if not is_choice(self.schedule, ("cosine", "plateau", "constant")):
            # what is no str told its type, a word's slip the word (as ForecasterConfig's)
            schedules = ("cosine", "plateau", "constant")
            said = "'cosine', 'plateau' or 'constant'"
            problems.append(choice_problem(self.schedule, "schedule", schedules, said))
        if not (_is_number(self.min_lr_ratio) and 0.0 <= self.min_lr_ratio <= 1.0):
            problems.append(
                "`min_lr_ratio` must be a number in [0, 1], got "
                + plain_repr(self.min_lr_ratio, _in_unit)
                + (
                    numpy_hint(self.min_lr_ratio, _in_unit)
                    or fraction_hint(self.min_lr_ratio, "[0, 1]")
                )
            )
        if "patience" in large:
            problems.append(large["patience"])
        elif self.patience is not None and (not _is_int(self.patience) or self.patience < 1):
            problems.append(
                f"`patience` must be a positive integer or None, got {plain_repr(self.patience)}"
                + whole_float_hint(self.patience)
            )
        if "samples_per_epoch" in large:
            problems.append(large["samples_per_epoch"])
        elif self.samples_per_epoch is not None and (
            not isinstance(self.samples_per_epoch, int)
            or isinstance(self.samples_per_epoch, bool)
            or self.samples_per_epoch < 1
        ):
            problems.append(
                "`samples_per_epoch` must be a positive integer or None, "
                f"got {plain_repr(self.samples_per_epoch)}"
                + whole_float_hint(self.samples_per_epoch)
            )
        if self.grad_clip is not None and not (
            _is_number(self.grad_clip) and 0 < self.grad_clip and is_finite(self.grad_clip)
        ):
            problems.append(
                "`grad_clip` must be a finite number > 0 or None, got "
                + plain_repr(self.grad_clip, _positive)
                + numpy_hint(self.grad_clip, _positive)
            )
        if not (_is_number(self.min_delta) and 0 <= self.min_delta and is_finite(self.min_delta)):
            problems.append(
                "`min_delta` must be a finite number >= 0, got "
                + plain_repr(self.min_delta, _non_negative)
                + numpy_hint(self.min_delta, _non_negative)
            )
        if (problem := seed_problem(self.seed)) is not None:
            problems.append(problem)
        for name in ("shuffle", "restore_best"):
            if not isinstance(getattr(self, name), bool):
                value = getattr(self, name)
                problems.append(
                    f"`{name}` must be True or False, got {value_repr(value)}{numpy_hint(value)}"
                )
        problems += progress_problems(self.progress)
        if problems:
            raise config_refusal(" ".join(p + "." for p in problems), self)


# other libraries' names of TrainConfig's fields: a user coming from them gets the field
_THEIR_NAMES = {
    "n_epochs": "Darts' n_epochs is 'epochs' here",
    "max_epochs": "Lightning's max_epochs is 'epochs' here",
    "learning_rate": "Keras' and NeuralForecast's learning_rate is 'lr' here",
    "gradient_clip_val": "Lightning's gradient_clip_val is 'grad_clip' here",
    "clipnorm": "Keras' clipnorm is 'grad_clip' here",
    "random_state": "Darts' random_state is 'seed' here",
    "random_seed": "NeuralForecast's random_seed is 'seed' here",
    "early_stopping_patience": "'patience' is the early stopping's patience here",
    "verbose": "Keras' verbose is 'progress' here: True, False or None (a bar where stderr "
    "is a terminal)",
}


def _unknown_train_keywords(unknown: list[str], given: Iterable[str]) -> str:
    """The refusal of keywords ``unknown``, no fields of :class:`TrainConfig`, as
    ``ForecasterConfig`` refuses its own: another library's name of a field
    (``_THEIR_NAMES``), else the field not ``given`` too that a typo is closest to.

    Example:
        >>> print(_unknown_train_keywords(["n_epochs", "l_r"], []))
        TrainConfig() got unknown keyword arguments 'n_epochs', 'l_r' (Darts' n_epochs is \
'epochs' here; did you mean 'lr' for 'l_r'?)
    """
    return unknown_keywords_message("TrainConfig", unknown, given, _TRAIN_FIELDS, _THEIR_NAMES)


def _names_unknown_keywords(init: Callable[_P, None]) -> Callable[_P, None]:
    """``TrainConfig``'s ``__init__`` refusing keywords that are no field as
    ``ForecasterConfig(...)`` does (:func:`_unknown_train_keywords`), where Python's bare
    "unexpected keyword argument 'n_epochs'" said nothing of ``epochs``; a device word is
    :func:`_takes_no_device`'s, told before them where both come (``device="cpu",
    n_epochs=2`` was told of the device alone). ``inspect.signature`` still shows the
    dataclass's."""

    @functools.wraps(init)
    def named(*args: _P.args, **kwargs: _P.kwargs) -> None:
        unknown = [k for k in kwargs if k not in _TRAIN_FIELDS and k not in _DEVICE_WORDS]
        if unknown:
            device = _device_refusal("TrainConfig", kwargs)
            raise TypeError(
                (f"{device} " if device else "") + f"{_unknown_train_keywords(unknown, kwargs)}."
            )
        init(*args, **kwargs)

    return named


# (after the class: the dataclass writes __init__; a subclass's own __init__ takes no check)
_TRAIN_FIELDS = frozenset(f.name for f in fields(TrainConfig))
TrainConfig.__init__ = _names_unknown_keywords(  # type: ignore[method-assign]
    _takes_no_device(TrainConfig.__init__)
)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(repr=False)
class History:
    """What happened during :func:`fit` (one entry per epoch run).

    Attributes:
        train_loss: the mean training loss of each epoch.
        val_loss: the validation loss of each epoch; empty without validation data.
        lr: the learning rate each epoch ran at.
        best_epoch: the epoch (counted from 0) with the lowest validation loss, whose weights
            ``restore_best`` keeps; the last epoch without validation data, -1 before any.
        best_val_loss: that epoch's validation loss; ``inf`` without validation data.
        stopped_early: whether ``patience`` ran out before ``epochs``.
    """

    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    lr: list[float] = field(default_factory=list)
    best_epoch: int = -1
    best_val_loss: float = math.inf
    stopped_early: bool = False

    @property
    def epochs_run(self) -> int:
        """The number of epochs run (``len(train_loss)``)."""
        return len(self.train_loss)

    def __repr__(self) -> str:
        """The outcome, not every epoch's numbers (the dataclass's repr printed the three lists
        whole, 12,000 characters for 200 epochs; they hold ``epochs_run`` values each).

        >>> History(train_loss=[1.0, 0.5, 0.4], val_loss=[1.1, 0.7, 0.8], best_epoch=1,
        ...         best_val_loss=0.7)
        History(epochs_run=3, best_epoch=1, best_val_loss=0.7, stopped_early=False)
        """
        try:
            best = f"{self.best_val_loss:.4g}"
        except (TypeError, ValueError):  # one made by hand: None, a string; ':.4g' raised
            best = repr(self.best_val_loss)
        return (
            f"History(epochs_run={self.epochs_run}, best_epoch={self.best_epoch}, "
            f"best_val_loss={best}, stopped_early={self.stopped_early})"
        )

    def plot(self, path: str | Path | None = None, title: str | None = None) -> Figure:
        """The loss per epoch, as :func:`plot_history` draws it; the ``Figure``."""
        return plot_history(self, path=path, title=title)


def plot_history(
    histories: History | Sequence[History],
    *,
    labels: Sequence[str] | None = None,
    path: str | Path | None = None,
    title: str | None = None,
) -> Figure:
    """The loss per epoch of one or more trainings, to see where they stopped learning.

    Each history gets one colour: its training loss solid, its validation loss (when it has
    one) dashed, with a dot at the best validation epoch, the one whose weights ``fit`` kept
    (``restore_best``). The colours are matplotlib's ten; histories 11 to 20 have them again
    with triangle markers on their lines, then squares, then diamonds; the 41st looks as the
    1st again, so the legend names the first 40 only. A legend of more than 12 entries goes
    beside the axes, in columns. Epochs count from 1.
    The loss axis is logarithmic when the losses are positive and span more than a factor of 5.

    Args:
        histories: a :class:`History` (what :func:`fit` returns) or several, e.g. the members
            of an ensemble.
        labels: one legend entry per history; default ``"training 1"``, ``"training 2"``, ...
            A single history without labels has ``"training"``, ``"validation"`` and ``"best
            epoch (N)"`` in its legend instead (no legend when it has no validation loss).
        path: where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``;
            missing folders are created (an unknown suffix is a ValueError).
        title: the figure title, or ``None``.

    Returns:
        The matplotlib ``Figure`` (not attached to pyplot).

    Raises:
        TypeError: for something that is not a History.
        ValueError: for no histories, or ``labels`` of another length.

    Example:
        >>> h = History(train_loss=[1.0, 0.5, 0.4], val_loss=[1.1, 0.7, 0.8], best_epoch=1)
        >>> fig = plot_history(h, title="one training")
        >>> [line.get_label() for line in fig.axes[0].get_lines()]
        ['training', 'validation', 'best epoch (2)']
    """
    if path is not None:
        figure_file(path)  # refused before anything is drawn
    items = [histories] if isinstance(histories, History) else list(histories)
    _check_histories(items, labels, "histories")
    fig = new_figure(figsize=(7, 4), layout="constrained")
    ax = fig.subplots()
    draw_histories(ax, items, labels)
    if title is not None:
        ax.set_title(drawable_title(title), wrap=True)
    if path is not None:
        save_figure(fig, path, dpi=110)
    return fig


def plot_checks(
    curves: Sequence[Sequence[Sequence[float]]],
    *,
    ylabel: str,
    higher_is_better: bool,
    labels: Sequence[str] | None = None,
    best_steps: Sequence[int] | None = None,
    path: str | Path | None = None,
    title: str | None = None,
    limits: tuple[float, float] | None = None,
) -> Figure:
    """Validation checks made every few steps (the text trainings'), one curve per training.

    Each curve is a sequence of ``(step, value, ...)`` rows (extra columns, such as elapsed
    seconds, are ignored), drawn against the step with a dot at the best check, the one whose
    weights the training kept (the highest value if ``higher_is_better``, else the lowest).
    Curves 11 to 20 have the colours of the first ten again, dashed (then dash-dotted, dotted);
    the 41st looks as the 1st again, so the legend names the first 40 only, beside the axes in
    columns where it has more than 12 entries.

    Args:
        curves: one sequence of rows per training (e.g. each ensemble member).
        ylabel: what the value is, e.g. ``"dev accuracy"``.
        higher_is_better: whether the best check has the highest value.
        labels: one legend entry per curve; default ``"training 1"``, ...; one curve without
            labels is named by ``ylabel`` in the legend, beside what its circle means.
        best_steps: the step of each curve's kept check, where the training recorded it (a
            step with no check draws no dot); default: the first best value.
        path: where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``;
            missing folders are created (an unknown suffix is a ValueError).
        title: the figure title, or ``None``.
        limits: the lowest and highest value there can be (an accuracy's ``(0, 1)``), past
            which the y axis does not run; ``None``: as matplotlib scales it.

    Returns:
        The matplotlib ``Figure`` (not attached to pyplot).

    Raises:
        ValueError: for no curves, a curve without checks or with rows of fewer than two
            numbers, or ``labels`` or ``best_steps`` of another length.

    Example:
        >>> fig = plot_checks([[(100, 0.71), (200, 0.80), (300, 0.78)]], ylabel="dev accuracy",
        ...                   higher_is_better=True)
        >>> best = fig.axes[0].get_lines()[1]  # the dot at the best check
        >>> float(best.get_xdata()[0]), float(best.get_ydata()[0])
        (200.0, 0.8)
    """
    if path is not None:
        figure_file(path)  # refused before anything is drawn
    if not curves:
        raise ValueError("`curves` must hold at least one curve, got none.")
    rows = []
    for k, curve in enumerate(curves):
        if len(curve) == 0 or any(len(r) < 2 for r in curve):
            raise ValueError(
                f"curve {k} of `curves` must be a non-empty sequence of (step, value, ...) rows, "
                f"got {list(curve)[:3]!r}."
            )
        rows.append(([r[0] for r in curve], [float(r[1]) for r in curve]))
    _check_labels(labels, len(curves), "curve")
    if best_steps is not None and len(best_steps) != len(curves):
        raise ValueError(
            f"`best_steps` must give one step per curve ({len(curves)}), got {len(best_steps)}."
        )
    fig = new_figure(figsize=(7, 4), layout="constrained")
    ax = fig.subplots()
    pick = max if higher_is_better else min
    for k, (steps, values) in enumerate(rows):
        look = curve_look(k)
        color = look["color"]
        if labels is not None:
            name = labels[k]
        else:
            name = ylabel if len(rows) == 1 else f"training {k + 1}"
        # the 41st curve looks as the 1st: named once, by the 1st
        ax.plot(steps, values, lw=1.3, marker=".", label=name if k < LOOKS else None, **look)
        finite = [(v, i) for i, v in enumerate(values) if math.isfinite(v)]
        if best_steps is not None:
            best = steps.index(best_steps[k]) if best_steps[k] in steps else None
        elif finite:
            # the first of equal values, which alone break no tie (the text trainings pass
            # `best_steps`: the classifier's breaks a tie of dev accuracy by dev loss)
            best = pick(finite, key=lambda vi: (vi[0], -vi[1]) if higher_is_better else vi)[1]
        else:
            best = None
        if best is not None:
            # unclipped: a best check at a limit (accuracy 1.0) drew half a circle
            ax.plot(
                [steps[best]],
                [values[best]],
                "o",
                color=color,
                ms=7,
                mfc="none",
                mew=1.5,
                clip_on=False,
            )
    ax.plot([], [], "o", color="0.5", ms=7, mfc="none", mew=1.5, label="best check (kept)")
    if limits is not None:
        # every check at 1.0 had the axis run to 1.05, above any accuracy there can be
        low, high = ax.get_ylim()
        ax.set_ylim(max(low, limits[0]), min(high, limits[1]))
    ax.set_xlabel("step")
    ax.set_ylabel(ylabel)
    # also for one curve: what the circle means; beside the axes, where it hides no check:
    # inside at "best" it lay on the dev accuracy that ran along 1.0, the axis' top
    curve_legend(ax, None)
    if title is not None:
        ax.set_title(drawable_title(title), wrap=True)
    if path is not None:
        save_figure(fig, path, dpi=110)
    return fig


def _check_histories(items: list[Any], labels: Sequence[str] | None, name: str) -> None:
    wrong = [type(h).__name__ for h in items if not isinstance(h, History)]
    if wrong:
        raise TypeError(
            f"`{name}` must be a History (what lstmkit.train.fit returns) or a sequence of them, "
            f"got {', '.join(sorted(set(wrong)))}."
        )
    if not items:
        raise ValueError(f"`{name}` must hold at least one History, got none.")
    _check_labels(labels, len(items), "history")


def _check_labels(labels: Sequence[str] | None, count: int, what: str) -> None:
    """``labels``: ``None`` or one per plotted ``what``. A str (or bytes) is one label, not a
    list of them: a ``TypeError``, as is what has no length (``labels=5`` failed in ``len``)
    or no order (a set failed in matplotlib with "'set' object is not subscriptable");
    ``labels="ab"`` was a ``ValueError``, as if two labels were one too many."""
    if labels is None:
        return
    if isinstance(labels, str | bytes | Set | Mapping) or not isinstance(labels, Sized):
        raise TypeError(
            f"`labels` must be a list of labels, one per {what} ({count}), or None, "
            f"got {typed_repr(labels)}."
        )
    if len(labels) != count:
        raise ValueError(f"`labels` must give one label per {what} ({count}), got {len(labels)}.")


# the marker of histories 1-10, 11-20, ... (their colours repeat; see draw_histories)
_HISTORY_MARKERS = (None, "^", "s", "D")


def draw_histories(
    ax: Axes, histories: Sequence[History], labels: Sequence[str] | None = None
) -> None:
    """Draws ``histories`` on ``ax`` as :func:`plot_history` does (a panel of a larger figure)."""
    single = len(histories) == 1 and labels is None
    losses: list[float] = []
    for k, h in enumerate(histories):
        color = curve_look(k)["color"]  # the ten colours again from the 11th, as elsewhere
        name = labels[k] if labels is not None else f"training {k + 1}"
        epochs = range(1, h.epochs_run + 1)
        # solid and dashed tell training from validation, so from the 11th history on, when
        # the colours come back, a marker tells it from the one ten before (training 11 was
        # drawn as training 1)
        marker = _HISTORY_MARKERS[k // 10 % len(_HISTORY_MARKERS)]
        if marker is None and h.epochs_run <= 5:
            marker = "."  # a line of one epoch would not show
        every = max(1, h.epochs_run // 10)  # at most about ten markers a line
        size = 4 if marker not in (None, ".") else None  # small: ten of them on each line
        ax.plot(
            epochs,
            h.train_loss,
            color=color,
            lw=1.3,
            marker=marker,
            markevery=every,
            ms=size,
            # the 41st history looks as the 1st: named once, by the 1st
            label="training" if single else (name if k < LOOKS else None),
        )
        losses += h.train_loss
        if h.val_loss:
            ax.plot(
                range(1, len(h.val_loss) + 1),
                h.val_loss,
                color=color,
                lw=1.3,
                ls="--",
                marker=None if marker == "." else marker,
                markevery=every,
                ms=size,
                label="validation" if single else None,
            )
            losses += h.val_loss
            if 0 <= h.best_epoch < len(h.val_loss):
                ax.plot(
                    [h.best_epoch + 1],
                    [h.val_loss[h.best_epoch]],
                    "o",
                    color=color,
                    ms=5,
                    label=f"best epoch ({h.best_epoch + 1})" if single else None,
                )
    if not single and any(h.val_loss for h in histories):  # what the line styles mean
        ax.plot([], [], color="0.5", lw=1.3, ls="--", label="validation (dashed)")
        ax.plot([], [], "o", color="0.5", ms=5, label="best epoch")
    finite = [v for v in losses if math.isfinite(v)]
    if finite and min(finite) > 0 and max(finite) > 5 * min(finite):
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.xaxis.get_major_locator().set_params(integer=True)
    if not single or len(ax.get_lines()) > 1:
        curve_legend(ax, "upper right")


def _scalar_dtype() -> torch.dtype:
    """The dtype of a non-fused Adam's ``step``: float64 under a float64 default, else float32."""
    return torch.float64 if torch.get_default_dtype() == torch.float64 else torch.float32


class _FusedAdam(torch.optim.Adam):
    """``torch.optim.Adam(fused=True)`` whose methods do not import ``torch._dynamo``.

    ``torch.optim.Optimizer`` imports the compiler (``torch._dynamo``, with sympy) the first
    time ``add_param_group``, ``zero_grad`` or ``step`` runs, to mark them as not to be
    compiled: about 3.5 s of a process's first fit, which an eager training loop never needs.
    These three are written here without that mark; ``step`` hands the update to
    :func:`torch.optim.adam.adam` (``adam_update`` here), torch's documented functional Adam,
    with the state ``torch.optim.Adam`` keeps (a float32 ``step`` and the two moments per
    parameter): the arithmetic is the fused kernel's, bit for bit, and the state dict is
    ``Adam``'s (its ``state_dict`` and ``load_state_dict`` are inherited, and do import the
    compiler). Where a torch does not import the compiler there, nothing changes. A group's
    options go to the update as ``Adam.step`` passes them (a state dict loaded from a non-fused
    Adam, or with ``decoupled_weight_decay``, steps as it would in ``torch.optim.Adam``), and
    ``add_param_group`` takes what Adam's takes (``named_parameters()`` pairs included). On a
    torch whose Adam lacks ``decoupled_weight_decay`` (2.4), a group marked so steps as
    ``torch.optim.AdamW`` (:func:`torch.optim.adamw.adamw`), the same decoupled decay.
    """

    def __init__(self, params: Iterable[nn.Parameter], lr: float, weight_decay: float) -> None:
        super().__init__(params, lr=lr, weight_decay=weight_decay, fused=True)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        if not isinstance(param_group, dict):
            raise TypeError(f"`param_group` must be a dict, got {type(param_group).__name__}.")
        params = param_group["params"]
        if isinstance(params, set):  # its order, and so the state's, changes between runs
            raise TypeError("`params` must be an ordered collection of tensors, got a set.")
        params = [params] if isinstance(params, torch.Tensor) else list(params)
        # (name, tensor) pairs, as model.named_parameters() gives them: the names go to the
        # group's "param_names" (and the state dict), as torch.optim.Adam keeps them
        named = [isinstance(p, tuple) for p in params]
        if any(named) and not all(named):
            raise ValueError(
                "`params` must be all tensors or all (name, tensor) pairs, got "
                f"{sum(named)} pairs among {len(params)} entries."
            )
        names = [p[0] for p in params] if any(named) else None
        params = [p[1] for p in params] if any(named) else params
        for p in params:
            if not isinstance(p, torch.Tensor):
                raise TypeError(f"`params` must hold tensors, got {type(p).__name__}.")
            if not (p.is_leaf or p.retains_grad):
                raise ValueError(
                    "`params` must hold leaf tensors (a module's parameters), got one computed "
                    "from others."
                )
        if any(("param_names" in group) != (names is not None) for group in self.param_groups):
            raise ValueError(
                "`params` must be named in every parameter group or in none, got "
                + (
                    "a named group beside unnamed ones."
                    if names
                    else "an unnamed group beside named ones."
                )
            )
        if len({id(p) for p in params}) != len(params):
            warnings.warn(
                "optimizer contains a parameter group with duplicate parameters; "
                "in future, this will cause an error; "
                "see github.com/pytorch/pytorch/issues/40967 for more information",
                stacklevel=3,
            )
        taken = {id(p) for group in self.param_groups for p in group["params"]}
        if any(id(p) in taken for p in params):
            raise ValueError("some parameters appear in more than one parameter group.")
        # the caller's dict, completed with the defaults, is the group, as torch's own
        param_group["params"] = params
        if names is not None:
            param_group["param_names"] = names
        for name, default in self.defaults.items():
            param_group.setdefault(name, default)
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                if set_to_none:
                    p.grad = None
                else:
                    p.grad.detach_()
                    p.grad.zero_()

    @torch.no_grad()
    def step(self, closure: Callable[[], float] | None = None) -> float | None:  # type: ignore[override]
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            params = [p for p in group["params"] if p.grad is not None]
            for p in params:
                if p.grad.is_sparse:
                    raise RuntimeError("Adam does not support sparse gradients.")
                if group["fused"] and not p.is_floating_point():
                    raise RuntimeError(
                        "Adam's fused kernel needs floating-point parameters, got "
                        f"{p.dtype} on {p.device.type}."
                    )
                state = self.state[p]
                if not state:
                    # a float32 step beside the parameter, as torch.optim.Adam keeps it for a
                    # fused (or capturable) group; a CPU scalar of the default float type for
                    # the others (a group loaded from a non-fused Adam's state dict)
                    state["step"] = (
                        torch.zeros((), dtype=torch.float32, device=p.device)
                        if group["fused"] or group["capturable"]
                        else torch.tensor(0.0, dtype=_scalar_dtype(), device="cpu")
                    )
                    state["exp_avg"] = torch.zeros_like(p, memory_format=torch.preserve_format)
                    state["exp_avg_sq"] = torch.zeros_like(p, memory_format=torch.preserve_format)
                    if group["amsgrad"]:
                        state["max_exp_avg_sq"] = torch.zeros_like(
                            p, memory_format=torch.preserve_format
                        )
            states = [self.state[p] for p in params]
            beta1, beta2 = group["betas"]
            # every option of the group goes to the update as torch.optim.Adam.step passes it,
            # so a group loaded from another Adam's state dict (non-fused, decoupled weight
            # decay) steps as it would there; a torch older than decoupled_weight_decay only
            # gets the argument where it is set, and one whose functional Adam lacks it (torch
            # 2.4) gets AdamW's, the same decoupled decay
            options = {
                "fused": group["fused"],
                "foreach": group["foreach"],
                "capturable": group["capturable"],
                "differentiable": group["differentiable"],
            }
            update = adam_update
            if group.get("decoupled_weight_decay"):
                if _ADAM_DECOUPLES:
                    options["decoupled_weight_decay"] = True
                else:
                    update = adamw_update
            update(
                params,
                [p.grad for p in params],
                [s["exp_avg"] for s in states],
                [s["exp_avg_sq"] for s in states],
                [s["max_exp_avg_sq"] for s in states] if group["amsgrad"] else [],
                [s["step"] for s in states],
                grad_scale=getattr(self, "grad_scale", None),
                found_inf=getattr(self, "found_inf", None),
                has_complex=any(torch.is_complex(p) for p in params),
                amsgrad=group["amsgrad"],
                beta1=beta1,
                beta2=beta2,
                lr=group["lr"],
                weight_decay=group["weight_decay"],
                eps=group["eps"],
                maximize=group["maximize"],
                **options,
            )
        return loss


def adam(params: Iterable[nn.Parameter], lr: float, weight_decay: float = 0.0) -> torch.optim.Adam:
    """Adam with PyTorch's fused kernel (``fused=True``), which every loop here trains with.

    It does the same arithmetic as the default implementation (the results differ only in
    float rounding) in one kernel over all parameters. The default is a per-parameter loop on
    CPU; with a 3.3M-weight embedding the fused step is about 8x faster (25 -> 3 ms per SST step).
    The fused CPU kernel needs torch >= 2.4, the lower bound the package declares.

    The optimizer is a ``torch.optim.Adam`` (its state dict loads into one) that does not import
    ``torch._dynamo`` (see :class:`_FusedAdam`): the first fit of a process starts 3.5 s sooner.
    A torch whose functional Adam lacks an argument that one passes gets ``torch.optim.Adam``
    itself, with the same numbers and the compiler's import. On a torch whose Adam lacks
    ``decoupled_weight_decay`` (2.4), a state dict loaded with it set steps as AdamW, the same
    decoupled decay.
    """
    if not _FUNCTIONAL_ADAM_FITS:
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay, fused=True)
    return _FusedAdam(params, lr=lr, weight_decay=weight_decay)


def _functional_adam_fits(update: Callable[..., Any]) -> bool:
    """Whether ``update`` (``torch.optim.adam.adam``) takes every keyword :class:`_FusedAdam`
    passes: it is torch's own helper, whose arguments a later release may rename."""
    needed = {
        "fused", "foreach", "capturable", "differentiable", "grad_scale", "found_inf",
        "has_complex", "amsgrad", "beta1", "beta2", "lr", "weight_decay", "eps", "maximize",
    }  # fmt: skip
    return needed <= _keywords_of(update)


@functools.cache
def _keywords_of(update: Callable[..., Any]) -> frozenset[str]:
    """The names ``update`` takes (none where Python cannot read its signature), read once
    for both questions asked of torch's functional Adam."""
    try:
        return frozenset(inspect.signature(update).parameters)
    except (TypeError, ValueError):
        return frozenset()


_FUNCTIONAL_ADAM_FITS = _functional_adam_fits(adam_update)
# torch 2.4's functional Adam has no decoupled_weight_decay: its functional AdamW is that update
_ADAM_DECOUPLES = _FUNCTIONAL_ADAM_FITS and "decoupled_weight_decay" in _keywords_of(adam_update)


def seed_everything(seed: int) -> None:
    """Seed torch's global generator (parameter initialisation, dropout).

    Raises:
        ValueError: for a ``seed`` that is no integer in ``[0, 2**63 - 1]``, as
            :class:`TrainConfig` checks its own (``torch.manual_seed`` took 1.5, ``"1"`` and
            ``True`` as the seed 1); text (``"0"``) is a ``TypeError`` too, told the number it
            reads as ("(a number, not text: 0)"), as ``TrainConfig(seed="0")`` is.
    """
    torch.manual_seed(checked_seed(seed))


def iterate_batches(
    tensors: Sequence[torch.Tensor],
    batch_size: int | None,
    shuffle: bool = False,
    generator: torch.Generator | None = None,
    limit: int | None = None,
) -> Iterator[tuple[torch.Tensor, ...]]:
    """Yield tuples of slices of ``tensors`` (same first dimension), ``batch_size`` samples
    each (``None``: one batch of all), optionally shuffled.

    With ``limit`` below the number of samples, only a random subset of ``limit`` samples
    (drawn with ``generator``; kept in order unless ``shuffle``) is yielded.

    Raises:
        TypeError: for ``tensors`` that is one tensor (its rows would be read as columns).
        ValueError: for no ``tensors``, tensors of different lengths, a ``batch_size`` that is
            no positive integer or None (0 failed in ``range()``, -1 gave no batch), or a
            ``limit`` that is no positive integer or None; text (``"4"``) is the
            :class:`~lstmkit._checks.TextForNumberError` a config raises, told its number.
    """
    if isinstance(tensors, torch.Tensor):
        raise TypeError(
            "`tensors` must be a sequence of tensors (the columns, sharing their first "
            "dimension), got a Tensor; pass (tensor,)."
        )
    problems = []
    if not len(tensors):
        problems.append("`tensors` must hold at least one tensor, got none")
    for name, value in (("batch_size", batch_size), ("limit", limit)):
        count = as_int(value)
        if (large := count_too_large(value, f"`{name}`")) is not None:
            problems.append(large)  # as every count past torch's int64 is
        elif value is not None and (count is None or count < 1):
            problems.append(
                f"`{name}` must be a positive integer or None, got {plain_repr(value)}"
                + whole_float_hint(value)
            )
    if problems:
        # text told the number it reads as, as positive_int tells it ("4" had no hint)
        sizes = {"batch_size": batch_size, "limit": limit}
        raise text_refusal("; ".join(problems) + ".", sizes, _not_positive)
    n = len(tensors[0])
    if n == 0:
        return  # no samples, no batches (the caller says which data was empty)
    if unequal := _unequal_columns(tensors):
        raise ValueError(unequal + ".")
    # drawn on the generator's device, not on torch.set_default_device's, where a CPU generator
    # failed ("Expected a 'cuda' device type for generator"); each slice moves to its column's
    on = drawn_on(generator)
    if limit is not None and limit < n:
        order = torch.randperm(n, generator=generator, device=on)[:limit]
        order = order if shuffle else order.sort().values
        n = limit
    else:
        order = (
            torch.randperm(n, generator=generator, device=on)
            if shuffle
            else torch.arange(n, device=on)
        )
    size = n if batch_size is None else batch_size
    for start in range(0, n, size):
        idx = order[start : start + size]
        yield tuple(t[idx.to(t.device)] for t in tensors)


def to_device(batch: Any, device: torch.device | str) -> Any:
    """``batch`` with every tensor in it (in tuples, lists and dicts, nested) moved to ``device``;
    anything else (lengths as Python lists, strings) as it is."""
    if isinstance(batch, torch.Tensor | nn.utils.rnn.PackedSequence):
        return batch.to(device)  # (a PackedSequence keeps its batch_sizes on the CPU)
    if isinstance(batch, tuple | list):
        moved = [to_device(b, device) for b in batch]
        return type(batch)(moved) if not hasattr(batch, "_fields") else type(batch)(*moved)
    if isinstance(batch, dict):
        return {k: to_device(v, device) for k, v in batch.items()}
    return batch


def _model_device(model: nn.Module) -> torch.device:
    param = next(model.parameters(), None)
    return param.device if param is not None else torch.device("cpu")


def _is_tensor_tuple(data: object) -> bool:
    """A tuple (or list) of tensors: columns, sliced into batches."""
    return (
        isinstance(data, tuple | list)
        and len(data) > 0
        and all(isinstance(t, torch.Tensor) for t in data)
    )


def _unequal_columns(tensors: Sequence[torch.Tensor]) -> str | None:
    """The message for tensor columns of different lengths (the first and the first other),
    without its full stop; None where all share the first one's."""
    n = len(tensors[0])
    other = next((len(t) for t in tensors if len(t) != n), None)
    if other is None:
        return None
    return f"all tensors of a batch tuple must share their first dimension, got {n} and {other}"


def _batches(
    data: Batches, config: TrainConfig, gen: torch.Generator, train: bool, device: torch.device
) -> Iterable[Batch]:
    if _is_tensor_tuple(data):
        return iterate_batches(
            data,
            config.batch_size if train else None,
            config.shuffle and train,
            gen,
            limit=config.samples_per_epoch if train else None,
        )
    return (to_device(batch, device) for batch in data)


def _make_scheduler(
    opt: torch.optim.Optimizer, config: TrainConfig
) -> torch.optim.lr_scheduler.LRScheduler | torch.optim.lr_scheduler.ReduceLROnPlateau | None:
    if config.schedule == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(
            opt, T_max=config.epochs, eta_min=config.lr * config.min_lr_ratio
        )
    if config.schedule == "plateau":
        # torch halves after `patience` + 1 epochs without improvement: `wait - 1` halves after
        # `wait`, as documented; an improvement is a decrease of at least `min_delta`
        wait = max(1, (config.patience or 20) // 4)
        return torch.optim.lr_scheduler.ReduceLROnPlateau(
            opt,
            factor=0.5,
            patience=wait - 1,
            threshold=config.min_delta,
            threshold_mode="abs",
        )
    return None


def _data_problem(data: object, name: str, epochs: int) -> str | None:
    """Why ``data`` cannot give :func:`fit` ``epochs`` epochs of batches, or None: a map-style
    ``Dataset`` and a bare tensor iterate samples, not batches, and an iterator is used up
    after one epoch."""
    if isinstance(data, TrainConfig):  # fit(model, loss_fn, train_data, config): 4th is val
        return (
            f"`{name}` must be data, got a TrainConfig; pass it by name: fit(model, loss_fn, "
            "train_data, config=config)."
        )
    if isinstance(data, torch.Tensor):
        return (
            f"`{name}` must be a tuple of tensors (its columns) or batches, got a Tensor, which "
            "gives one sample (row) at a time (each step would train on one, unshuffled); pass "
            f"({name},) to slice it into batches of `batch_size`."
        )
    if isinstance(data, torch.utils.data.Dataset) and not isinstance(
        data, torch.utils.data.IterableDataset
    ):
        return (
            f"`{name}` must give batches, got a {type(data).__name__}, which gives one sample "
            "at a time (each step would train on one sample, unshuffled); pass "
            f"DataLoader({name}, batch_size=..., shuffle=True), or its tensors as a tuple."
        )
    if isinstance(data, np.ndarray):  # rows, as a bare tensor gives them, and numpy's
        return (
            f"`{name}` must be a tuple of tensors (its columns) or batches, got a numpy "
            "ndarray, which gives one sample (row) at a time; pass (torch.as_tensor("
            f"{name}, dtype=torch.float32),) to slice it into batches of `batch_size`."
        )
    if _numpy_columns(data):
        # a Windows part (X, Y, t) or (X, Y) as split_windows gives them: iterated as batches,
        # X became the first "batch", so the model met one window, or numpy, with an error of
        # its own (or none where the shapes happened to fit)
        kinds = ", ".join(type(a).__name__ for a in data)  # type: ignore[union-attr]
        return (
            f"`{name}` must be a tuple of tensors (its columns) or batches, got a "
            f"{type(data).__name__} of {kinds}; convert the numpy arrays, e.g. "
            "(torch.as_tensor(w.X, dtype=torch.float32), torch.as_tensor(w.Y, "
            "dtype=torch.float32)) for a part w of split_windows."
        )
    if isinstance(data, Mapping):  # its batches would be its keys
        return (
            f"`{name}` must be a tuple of tensors (its columns) or an iterable of batches, got a "
            f"{type(data).__name__}, which iterates its keys; pass a list of batches "
            "([{...}, ...]) or the tensors as a tuple."
        )
    # else "'int' object is not iterable" at the first epoch (__getitem__: the old protocol)
    if not isinstance(data, Iterable) and not hasattr(type(data), "__getitem__"):
        return (
            f"`{name}` must be a tuple of tensors (its columns) or an iterable of batches, got "
            f"{type(data).__name__}."
        )
    if epochs > 1 and _one_shot(data):
        return _not_reiterable(data, name)
    return None


def _keras_columns(train_data: object, val_data: object) -> str | None:
    """The refusal of ``train_data`` and ``val_data`` that are Keras' ``fit(X, y)``, two bare
    tensors (or numpy arrays) of as many rows, or None: each was told to pass ``(name,)``,
    and ``fit(model, loss_fn, (X,), y)`` then refused ``y``."""
    kinds = (torch.Tensor, np.ndarray)
    if not (isinstance(train_data, kinds) and isinstance(val_data, kinds)):
        return None
    if train_data.ndim == 0 or val_data.ndim == 0 or len(train_data) != len(val_data):
        return None
    if isinstance(train_data, torch.Tensor) and isinstance(val_data, torch.Tensor):
        columns = "(X, y)"
    else:
        columns = (
            "(torch.as_tensor(X, dtype=torch.float32), torch.as_tensor(y, dtype=torch.float32))"
        )
    return (
        f"`train_data` and `val_data` are two arrays of {len(train_data)} rows, as Keras' "
        "fit(X, y) takes the inputs and targets: here the training columns are one tuple, "
        f"fit(model, loss_fn, {columns}, val_data, config), and `val_data` the validation "
        "columns (or None)."
    )


def _numpy_columns(data: object) -> bool:
    """Whether ``data`` is a tuple or list of arrays, tensors and numpy's alike, at least one of
    numpy's: columns meant for :func:`fit`, which slices tensors only. A list of numpy arrays
    alone is a list of batches (a ``loss_fn`` may convert them), as it was; a tuple is
    columns, as a tuple of tensors is."""
    return (
        isinstance(data, tuple | list)
        and len(data) > 0
        and all(isinstance(a, torch.Tensor | np.ndarray) for a in data)
        and any(isinstance(a, np.ndarray) for a in data)
        and (isinstance(data, tuple) or any(isinstance(a, torch.Tensor) for a in data))
    )


def _not_reiterable(data: object, name: str) -> str:
    """The message for an iterator ``data`` that gives its batches once."""
    return (
        f"`{name}` must be re-iterable, as every epoch reads it again, got a "
        f"{type(data).__name__}, which gives its batches once (epoch 2 would have none); "
        "pass a list of the batches, a DataLoader or a tuple of tensors."
    )


def _one_shot(data: object) -> bool:
    """Whether ``data`` is an iterator that is used up after one pass: a generator, a built-in
    one (``iter(list)``, ``map``, ``zip``, itertools') or one that keeps ``Iterator``'s
    ``__iter__``; not a class of one's own whose ``__iter__`` may start over and return self."""
    if not isinstance(data, Iterator):
        return False
    method = type(data).__iter__
    return method is Iterator.__iter__ or not inspect.isfunction(method)


def _loss_of(loss: object, tensor: bool = True) -> Any:
    """``loss_fn``'s result, refused by name unless it is one number: a tensor of one element
    (or, with ``tensor=False``, for validation, a real number too, Python's or numpy's)."""
    if isinstance(loss, torch.Tensor):
        if loss.numel() != 1:
            raise ValueError(
                "`loss_fn` must return a scalar tensor (the mean loss over the batch), got a "
                f"tensor of shape {tuple(loss.shape)}; reduce it, e.g. with .mean()."
            )
        if tensor and not loss.requires_grad:  # else torch's "element 0 of tensors does not ..."
            raise ValueError(
                "`loss_fn` must return a tensor computed from the model's parameters, got one "
                "that does not require grad (made with torch.tensor(...), detached, or "
                "computed under torch.no_grad())."
            )
    # (numpy's numbers too, as float() took them: e.g. a metric returned in eval mode)
    elif tensor or isinstance(loss, bool) or not isinstance(loss, numbers.Real):
        raise TypeError(
            "`loss_fn` must return a scalar tensor (the mean loss over the batch), got "
            f"{type(loss).__name__}."
        )
    return loss


def _non_finite_data(
    data: Batches | None, batch: Batch, name: str, batch_name: str = "that batch"
) -> str | None:
    """Where ``data`` (tensor columns, searched whole, so that the index is the caller's own)
    or else ``batch`` (called ``batch_name``) holds NaN or infinite values, with the advice to
    fill or drop them; None where every floating-point tensor in it is finite."""
    if _is_tensor_tuple(data):
        found = [(f"`{name}` column {k}", t) for k, t in enumerate(data)]
    elif batch is None:
        return None
    elif isinstance(batch, torch.Tensor):
        found = [(batch_name, batch)]
    else:
        found = [(f"{batch_name}'s entry {k}", t) for k, t in _tensors_of(batch)]
    for what, t in found:
        # (torch.isfinite takes no sparse or nested tensor: those stay unsearched)
        if t.layout != torch.strided or not (t.is_floating_point() or t.is_complex()):
            continue
        bad = torch.nonzero(~torch.isfinite(t.detach()))
        if len(bad):
            return (
                f"{what} holds {len(bad)} NaN or infinite value{plural_s(len(bad))}, "
                f"{'the first at' if len(bad) > 1 else 'at'} index "
                f"{tuple(bad[0].tolist())}; fill or drop {'them' if len(bad) > 1 else 'it'} first "
                "(lstmkit.data.to_frame(..., fill=...))"
            )
    return None


# the largest weight that reads as a diverged fit's: a new model's are at most ~1 (PyTorch's
# uniform init), a trained one's seldom past a few tens; 1e3 leaves room for both
_HUGE_WEIGHT = 1e3


def _diverged_untrained(model: nn.Module, loss: float, where: str, lr: float, suspects: str) -> str:
    """The message for a loss NaN or infinite at the first batch, before any optimizer step:
    a second ``fit`` of a model that a diverged one left with NaN or huge weights was told to
    lower an ``lr`` that had not acted yet. ``suspects``: what to check where the weights are
    ordinary (the caller's inputs), told first there: a new model whose ``loss_fn`` gave NaN
    was told its weights "reach 0.536444 ... where that is far beyond a new model's"."""
    params = [(n, p.detach()) for n, p in model.named_parameters() if p.is_floating_point()]
    bad = _non_finite(params)  # real floating ones only (check_weights also reads complex)
    top = max((float(p.abs().max()) for _, p in params if p.numel()), default=0.0)
    if bad:
        state = (
            f"the model's parameters hold NaN or infinite values (first: {bad[0]}), as a "
            "diverged fit leaves them: make the model anew, or load finite weights"
        )
    elif top > _HUGE_WEIGHT:
        state = (
            f"the model's parameters reach {top:g} in absolute value, far beyond a new "
            "model's, as a diverged fit leaves them: make the model anew (or load finite "
            f"weights); else check {suspects}"
        )
    else:
        state = (
            f"check {suspects} (the model's parameters are finite and at most {top:g} in "
            "absolute value, not a diverged fit's)"
        )
    return (
        f"training diverged: the training loss became {loss} at {where}, before any training "
        f"step, so no lower `lr` (now {lr:g}) would avoid it: {state}."
    )


def _non_finite_batches(data: Batches, name: str) -> str | None:
    """:func:`_non_finite_data` for a loss averaged over all of ``data`` (the validation
    loss): tensor columns searched whole, other batches iterated again, the first named by its
    number (a used-up iterator gives none)."""
    if _is_tensor_tuple(data):
        return _non_finite_data(data, None, name)
    for k, batch in enumerate(data):
        if bad := _non_finite_data(None, batch, name, f"`{name}` batch {k + 1}"):
            return bad
    return None


def _tensors_of(batch: Batch, key: object = None) -> Iterator[tuple[object, torch.Tensor]]:
    """Every tensor in ``batch`` (a tensor, or tuples, lists and dicts of them, nested, as
    :func:`to_device` walks them), each with its position or key at the top level."""
    if isinstance(batch, torch.Tensor):
        yield (0 if key is None else key), batch
    elif isinstance(batch, tuple | list):
        for k, b in enumerate(batch):
            yield from _tensors_of(b, k if key is None else key)
    elif isinstance(batch, dict):
        for k, b in batch.items():
            yield from _tensors_of(b, repr(k) if key is None else key)


# torch's words for mixed dtypes: "mat1 and mat2 must have the same dtype" (Linear), "Input
# type (double) and bias type (float)" (Conv), "RNN input dtype" (torch.nn.LSTM, a ValueError)
_DTYPE_WORDS = ("dtype", "scalar type", "Input type")


def _loss_or_clash(
    loss_fn: Callable[..., Any], model: nn.Module, batch: Batch, data: Batches | None, name: str
) -> Any:
    """``loss_fn(model, batch)``; torch's refusal of mixed dtypes raised as the TypeError
    :func:`_dtype_clash` words (training's and validation's batches alike)."""
    try:
        return loss_fn(model, batch)
    except (RuntimeError, ValueError, IndexError) as err:
        if (clash := _dtype_clash(model, data, batch, name, err)) is not None:
            raise TypeError(clash) from err
        if (flat := _rows_as_steps(loss_fn, model, batch, data, name, err)) is not None:
            raise ValueError(flat) from err
        raise


def _dtype_clash(
    model: nn.Module, data: Batches | None, batch: Batch, name: str, error: Exception
) -> str | None:
    """Why ``loss_fn`` failed with ``error`` on ``batch`` of ``data`` (called ``name``), where
    torch refused mixed dtypes and the batch holds floating-point tensors of another dtype
    than the model's parameters (float64 from numpy for a float32 network: torch's "mat1 and
    mat2 must have the same dtype" named neither the data nor the fix); None otherwise. Read
    after a failure only: a batch that trains pays nothing."""
    from lstmkit.nn.cells import _converter  # (nn is not imported by the training loop)

    if not any(word in str(error) for word in _DTYPE_WORDS):
        return None
    dtype, other = _foreign_dtypes(model, batch)
    if not other:
        return None
    found = next(iter(other.values()))
    keys = and_list([str(k) for k in other])
    many = len(other) > 1
    where = (
        f"`{name}` column{'s' * many} {keys}"
        if _is_tensor_tuple(data)
        else f"`{name}`'s batch entr{'ies' if many else 'y'} {keys}"
    )
    return (
        f"{where} {'have' if many else 'has'} dtype {found} but the model's parameters have "
        f"dtype {dtype}: convert the data (`X{_converter(dtype)}` for each tensor X, or "
        f"torch.tensor(array, dtype={dtype}) from numpy) or the model "
        f"(`model{_converter(found)}`)."
    )


def _rows_as_steps(
    loss_fn: LossFn,
    model: nn.Module,
    batch: Batch,
    data: Batches | None,
    name: str,
    error: Exception,
) -> str | None:
    """Why ``loss_fn`` failed with ``error`` on ``batch``, where a recurrent layer of ``model``
    read a 2-D tensor of the batch as one unbatched sequence ``[T, I]``, its rows (the batch's
    samples) as time steps: the classic tutorial's ``[samples, features]`` windows, which a
    layer takes as valid input, so the failure came later (a ``Linear`` head's "mat1 and mat2
    shapes cannot be multiplied"), naming neither the data nor the fix. None otherwise.

    ``loss_fn`` runs once more on the batch, without gradients and in eval mode (batch-norm
    statistics as they were), with a pre-hook on each recurrent layer that feeds the first 2-D
    input it gets as the windows it would be (the fix named, ``batch_first`` for that call):
    run after a failure only, so a batch that trains pays nothing, and only where that run
    passes is the layer named (a legitimate unbatched sequence, of a model that failed
    otherwise, kept torch's own error)."""
    from lstmkit.nn.layers import _count, _RNNBase  # (nn is not imported by the training loop)

    rows = {t.shape[0] for _, t in _tensors_of(batch) if t.dim() >= 1}
    layers = [
        (path, m) for path, m in model.named_modules() if isinstance(m, (_RNNBase, nn.RNNBase))
    ]
    if len(rows) != 1 or not layers:
        return None
    seen: list[tuple[str, nn.Module, torch.Tensor]] = []
    batch_first = {m: m.batch_first for _, m in layers}

    def as_windows(path: str) -> Callable[..., tuple | None]:
        def hook(module: nn.Module, args: tuple, kwargs: dict) -> tuple | None:
            x = args[0] if args else kwargs.get("input")
            if not isinstance(x, torch.Tensor) or x.dim() != 2 or seen:
                return None
            seen.append((path, module, x))
            module.batch_first = True
            windows = x.unsqueeze(-1 if module.input_size == 1 else 1)
            return ((windows, *args[1:]), kwargs) if args else (args, {**kwargs, "input": windows})

        return hook

    handles = [
        m.register_forward_pre_hook(as_windows(path), with_kwargs=True) for path, m in layers
    ]
    try:
        with torch.no_grad(), evaluating(model):
            loss_fn(model, batch)
    except Exception:  # read as windows it fails too: the rows are not the cause
        return None
    finally:
        for handle in handles:
            handle.remove()
        for m, first in batch_first.items():
            m.batch_first = first
    if not seen or seen[0][2].shape[0] not in rows:
        return None
    path, layer, x = seen[0]
    path = path or "model"  # the model is the layer itself
    found = [k for k, t in _tensors_of(batch) if t is x] or [
        k for k, t in _tensors_of(batch) if tuple(t.shape) == tuple(x.shape)
    ]
    if not found:
        return None
    key = found[0]
    tensors = data is not None and _is_tensor_tuple(data)
    column = dict(_tensors_of(data)).get(key) if tensors else None
    where = f"`{name}` column {key}" if tensors else f"`{name}`'s batch entry {key}"
    n, size = x.shape
    full = tuple(column.shape) if isinstance(column, torch.Tensor) else (n, size)
    one = layer.input_size == 1
    fix = "X.unsqueeze(-1)" if one else "X.unsqueeze(1)"
    shape = [full[0], size, 1] if one else [full[0], 1, size]
    per = (
        f"{_count(size, 'step')} of one feature"
        if one
        else f"one step of {_count(size, 'feature')}"
    )
    time_major = (
        ""
        if layer.batch_first
        else ", and batch_first=True on the layer (without it the layer reads [T, B, I])"
    )
    return (
        f"{where} is 2-D, shape {list(full)}, and the recurrent layer `{path}` ({layer!r}) "
        f"read a batch of it, shape {list(x.shape)}, as one unbatched sequence [T, I]: its "
        f"{_count(n, 'sample')} as {_count(n, 'time step')}, after which `loss_fn` failed "
        f"({type(error).__name__}: {error}). Windows are 3-D [samples, time steps, features]: "
        f"pass `{fix}` for that tensor X, shape {shape} ({per} per sample, as "
        f"lstmkit.data.split_windows gives them){time_major}."
    )


def _foreign_dtypes(model: nn.Module, batch: Batch | None) -> tuple[Any, dict[Any, Any]]:
    """The model's floating-point dtype and ``batch``'s floating-point tensors of another
    (key -> dtype); ``(None, {})`` where the parameters hold several or ``batch`` is None."""
    dtypes = {p.dtype for p in model.parameters() if p.is_floating_point()}
    if len(dtypes) != 1 or batch is None:
        return None, {}
    (dtype,) = dtypes
    return dtype, {
        k: t.dtype for k, t in _tensors_of(batch) if t.is_floating_point() and t.dtype != dtype
    }


def _first_batch(data: Batches | None) -> Batch | None:
    """The first batch validation reads (tensor columns whole: they are one batch); None for
    other data (an iterator or a loader is not read ahead)."""
    if data is not None and _is_tensor_tuple(data):
        return tuple(data)
    return data[0] if isinstance(data, list) and data else None


def _refuse_val_dtype(
    model: nn.Module,
    loss_fn: LossFn,
    train_data: Batches,
    val_data: Batches | None,
    device: torch.device,
) -> None:
    """Raise :func:`_dtype_clash`'s refusal of ``val_data`` before training: a float64
    ``val_data`` of a float32 network was told only after a whole epoch had trained it.

    Its first batch, as the validation pass reads it, goes through ``loss_fn`` where a
    floating-point dtype differs from the model's, and not where ``train_data``'s differs
    too (its refusal comes first, at the first batch, as before). Comparing dtypes alone
    would refuse what validates: a ``loss_fn`` that converts the batch, or float64 targets,
    which ``mse_loss`` promotes. So ``loss_fn`` sees that batch once more (the call the
    validation pass makes first); any other failure is left to that pass, as before."""
    batch = _first_batch(val_data)
    if not _foreign_dtypes(model, batch)[1] or _foreign_dtypes(model, _first_batch(train_data))[1]:
        return
    batch = to_device(batch, device)  # as the validation pass moves it
    try:
        with torch.no_grad(), evaluating(model):
            loss_fn(model, batch)
    except Exception as err:  # others come at the validation pass, as before
        if clash := _dtype_clash(model, val_data, batch, "val_data", err):
            raise TypeError(clash) from err


def _evaluate(
    model: nn.Module,
    loss_fn: LossFn,
    batches: Iterable[Batch],
    used_up: str | None = None,
    data: Batches | None = None,
) -> float:
    """The mean validation loss; ``used_up``: the message for no batches at all, where the
    data is an iterator that gave its batches at an earlier epoch; ``data``: the ``val_data``
    the batches come from, named where their dtype is not the model's."""
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for batch in batches:
            loss = _loss_or_clash(loss_fn, model, batch, data, "val_data")
            total += float(_loss_of(loss, tensor=False))
            count += 1
    model.train()
    if count == 0 and used_up is not None:
        raise TypeError(used_up)
    if count == 0:
        raise ValueError("validation data yielded no batches.")
    return total / count


# Keras' Model.fit words that name one of fit's own arguments
_THEIR_FIT_NAMES = {
    "validation_data": "Keras' validation_data is 'val_data' here, a tuple of tensors (X, Y)",
    "callbacks": "Keras' callbacks are 'on_epoch' here, one on_epoch(epoch, history)",
}


def _fit_keywords_refusal(args: tuple[object, ...], kwargs: Mapping[str, object]) -> str | None:
    """The refusal of the keywords among ``kwargs`` that :func:`fit` does not take, or
    ``None``: a field of :class:`TrainConfig` (Keras' ``model.fit(X, y, epochs=100,
    batch_size=1)``) is told the config that holds it, built from the values given (or
    ``dataclasses.replace`` of the ``config`` given); another name is told as
    ``TrainConfig(...)`` tells its own (Keras' ``verbose`` is ``progress``). Python's "got an
    unexpected keyword argument 'epochs'" said neither."""
    if not kwargs:  # fit(model, loss_fn, train_data, ...) by position: nothing to look up
        return None
    own = set(inspect.signature(fit).parameters)
    unknown = [k for k in kwargs if k not in own and k not in _DEVICE_WORDS]
    if not unknown:
        return None
    settings = [k for k in unknown if k in _TRAIN_FIELDS or k in _THEIR_NAMES]
    rest = [k for k in unknown if k not in settings]
    said = []
    if rest:
        said.append(
            unknown_keywords_message("fit", rest, kwargs, frozenset(own), _THEIR_FIT_NAMES) + "."
        )
    if settings:
        fields_given = [k for k in settings if k in _TRAIN_FIELDS]
        told = [f"{k}={value_repr(kwargs[k])}" for k in fields_given]
        quiet = kwargs.get("verbose")
        if (
            "verbose" in settings
            and "progress" not in kwargs
            and isinstance(quiet, int | np.integer)
            and quiet == 0
        ):
            # Keras' verbose=0, no output, was left out of the config told, whose progress
            # then drew a bar where stderr is a terminal
            told.append("progress=False")
        values = ", ".join(told)
        given = kwargs.get("config", args[4] if len(args) > 4 else None)
        config = f"dataclasses.replace(config, {values})" if given else f"TrainConfig({values})"
        # fit(model, loss_fn, train_data, val_data, config), as its arguments were given
        names = ["model", "loss_fn", "train_data", "val_data"]
        call = f"fit({', '.join(names)}, {config})"
        others = [k for k in settings if k not in _TRAIN_FIELDS]
        theirs = f" ({'; '.join(_THEIR_NAMES[k] for k in others)})" if others else ""
        said.append(
            f"fit() takes its settings in `config`, a TrainConfig, not as keyword arguments, "
            f"got {', '.join(map(repr, settings))}{theirs}" + (f": {call}." if told else ".")
        )
    return " ".join(said)


def _names_unknown_fit_keywords(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """:func:`fit` refusing keywords it does not take with :func:`_fit_keywords_refusal`, a
    device word told first, as ``TrainConfig(...)`` tells both. ``inspect.signature`` still
    shows ``function``'s."""

    @functools.wraps(function)
    def named(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if refusal := _fit_keywords_refusal(args, kwargs):
            device = _device_refusal("fit", kwargs)
            raise TypeError((f"{device} " if device else "") + refusal)
        return function(*args, **kwargs)

    return named


@_names_unknown_fit_keywords
@_takes_no_device
def fit(
    model: nn.Module,
    loss_fn: LossFn,
    train_data: Batches,
    val_data: Batches | None = None,
    config: TrainConfig | None = None,
    *,
    on_epoch: Callable[[int, History], None] | None = None,
) -> History:
    """Train ``model`` in place with Adam and return its :class:`History`.

    Args:
        model: any module; trained in place.
        loss_fn: ``loss_fn(model, batch) -> scalar tensor`` (mean over the batch).
        train_data: a tuple (or list) of tensors sharing their first dimension, the columns
            (sliced into minibatches, shuffled with a generator seeded by ``config.seed``), or
            any other re-iterable of batches (a ``DataLoader``, say; not a list of tensors,
            which reads as columns).
        val_data: same kinds; the validation loss is the mean of per-batch losses (tensor tuples
            are evaluated as one batch). Drives early stopping, the plateau schedule and the
            choice of the weights restored at the end. Where its first batch (tensor columns:
            all of them) holds a floating-point tensor of another dtype than the model's,
            ``loss_fn`` reads that batch once before training, so that a clash of dtypes is
            refused before anything trains.

            Both move to the device of the model's parameters (``model.to("cuda")`` first to
            train there): tensor columns once, other batches one by one as they come (every
            tensor in a tuple, list or dict; see :func:`to_device`).
        config: loop settings; ``TrainConfig()`` if omitted.
        on_epoch: called as ``on_epoch(epoch, history)`` after each epoch's losses and best
            epoch are recorded (e.g. to report progress in a bar of your own). ``history`` is
            the History being filled: keep it to have the finished epochs after a Ctrl-C.

    Returns:
        The per-epoch losses and the best epoch. With validation data and ``restore_best``, the
        model ends with the weights of its best validation epoch. It trains in train mode
        (validation in eval mode) and ends in the modes it came in, every submodule's its own
        (a new module: train mode; call ``model.eval()`` to predict without dropout).

        Ctrl-C (a notebook's interrupt) raises a plain ``KeyboardInterrupt`` at once, as
        :func:`~lstmkit.text.sentiment.fit_classifier` (which also trains a model in place)
        does: the model keeps the weights of the step it stopped in (not the best epoch's),
        and the History is not returned (``on_epoch``'s is that History).

    Raises:
        TypeError: when ``model`` is not an ``nn.Module``, ``loss_fn`` is not callable or
            ``config`` is not a :class:`TrainConfig` (or ``None``), all listed, when
            ``train_data`` or ``val_data`` is a bare tensor or a map-style ``Dataset`` (they
            give samples, not batches), numpy arrays (a bare one, a tuple of them, such as a
            part of :func:`lstmkit.data.split_windows`, or a list mixing them with tensors:
            convert them; a list of numpy arrays alone is batches) or, with more
            than one epoch, a one-pass iterator (a generator, ``iter(list)``, ``map``: used up
            after one epoch; another iterator when epoch 2 finds it used up), or no data at
            all (``None``, a ``TrainConfig`` passed in ``val_data``'s place), or when
            ``loss_fn`` returns no tensor, or when a keyword is none of fit's (a field of
            :class:`TrainConfig`, ``epochs=100``, is told the config that holds it).
        DivergedError: (a ``ValueError``) when a training loss is NaN or infinite, naming the
            epoch and batch, when a validation loss is, or when the final weights are; lower
            ``lr``. Where the data hold NaN or infinite values, the message names those instead
            (the column and index of the first, for tensor columns): fill or drop them; at the
            first batch, before any step, the model as given is named instead (a diverged fit
            leaves NaN or huge weights: make the model anew).
        ValueError: when the training or validation data yield no batches (tensor columns
            of no rows, such as an empty part of ``split_windows``, are named before training:
            pass ``val_data=None`` for no validation), the tensors of a tuple do not share
            their first dimension, ``model`` has no trainable
            parameters, or ``loss_fn`` returns a tensor of more than one element or one that
            does not require grad.
    """
    wrong = []  # a number as the model or the loss failed in model.parameters() or in the call
    if not isinstance(model, nn.Module):
        wrong.append(f"`model` must be a torch.nn.Module, got {type(model).__name__}.")
    if not callable(loss_fn):
        wrong.append(
            f"`loss_fn` must be callable as loss_fn(model, batch), got {type(loss_fn).__name__}."
        )
    if config is not None and not isinstance(config, TrainConfig):
        wrong.append(f"`config` must be a TrainConfig or None, got {type(config).__name__}.")
    if wrong:
        raise TypeError(" ".join(wrong))
    config = config or TrainConfig()
    if keras := _keras_columns(train_data, val_data):
        raise TypeError(keras)
    for data, name in ((train_data, "train_data"), (val_data, "val_data")):
        # train_data=None, too: "'NoneType' object is not iterable" at the first epoch
        if (data is not None or name == "train_data") and (
            problem := _data_problem(data, name, config.epochs)
        ):
            raise TypeError(problem)
    # tensor columns checked before training: the validation data's were read after a whole
    # epoch had changed the model's weights
    for data, what in ((train_data, "training"), (val_data, "validation")):
        if data is not None and _is_tensor_tuple(data):
            if unequal := _unequal_columns(data):
                raise ValueError(f"{unequal} ({what} data).")
            if len(data[0]) == 0:  # "yielded no batches" said neither which nor why
                name = "train_data" if what == "training" else "val_data"
                shapes = ", ".join(str(list(t.shape)) for t in data)
                got = (
                    f"tensors of shapes {shapes}"
                    if len(data) > 1
                    else f"a tensor of shape {shapes}"
                )
                fix = (
                    "; pass val_data=None to train without validation (a part of "
                    "split_windows with no windows, as val=0 gives, has none)"
                    if name == "val_data"
                    else ""
                )
                raise ValueError(f"`{name}` must hold at least one sample, got {got}{fix}.")
    gen = torch.Generator().manual_seed(config.seed)
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        raise ValueError("`model` has no trainable parameters.")
    device = _model_device(model)
    # Tensor columns move to the model's device once; other batches one by one as they come.
    if _is_tensor_tuple(train_data):
        train_data = tuple(t.to(device) for t in train_data)
    if val_data is not None and _is_tensor_tuple(val_data):
        val_data = tuple(t.to(device) for t in val_data)
    _refuse_val_dtype(model, loss_fn, train_data, val_data, device)
    opt = adam(params, config.lr, config.weight_decay)
    scheduler = _make_scheduler(opt, config)
    history = History()
    best_state: dict[str, torch.Tensor] | None = None
    bad_epochs = 0
    bar = progress_bar(config.progress, iterable=range(config.epochs), desc="train", leave=False)
    # every submodule's mode, given back at the end as evaluating() gives it (the model was
    # left in eval mode: a second fit's caller, or a loop of their own, trained without dropout)
    modes = [(m, m.training) for m in model.modules()]
    model.train()
    try:
        for epoch in bar:
            total, count = 0.0, 0
            for batch in _batches(train_data, config, gen, True, device):
                opt.zero_grad(set_to_none=True)
                loss = _loss_of(_loss_or_clash(loss_fn, model, batch, train_data, "train_data"))
                # a NaN/inf loss would poison every weight at the next step: stop here instead
                where = f"epoch {epoch + 1}, batch {count + 1}"
                try:
                    value = check_loss(loss, where, config.lr)
                except DivergedError:
                    # NaN in the data is no matter of the learning rate (the message's advice)
                    if (bad := _non_finite_data(train_data, batch, "train_data")) is None:
                        if epoch == 0 and count == 0:  # no step taken: `lr` is no cause
                            raise DivergedError(
                                _diverged_untrained(
                                    model,
                                    float(loss.detach()),
                                    where,
                                    config.lr,
                                    "the data's scale and `loss_fn`",
                                )
                            ) from None
                        raise
                    raise DivergedError(
                        f"the training loss became {float(loss.detach())} at {where}: {bad}."
                    ) from None
                loss.backward()
                if config.grad_clip is not None:
                    nn.utils.clip_grad_norm_(params, config.grad_clip)
                opt.step()
                total += value
                count += 1
            if count == 0 and epoch > 0 and isinstance(train_data, Iterator):
                # an iterator class whose __iter__ returned self without starting over (a
                # DataLoader's iterator): not known to be one-pass until it gave nothing
                raise TypeError(_not_reiterable(train_data, "train_data"))
            if count == 0:
                raise ValueError("training data yielded no batches.")
            history.train_loss.append(total / count)
            history.lr.append(opt.param_groups[0]["lr"])
            monitored = history.train_loss[-1]
            if val_data is not None:
                used_up = epoch > 0 and isinstance(val_data, Iterator)
                monitored = _evaluate(
                    model,
                    loss_fn,
                    _batches(val_data, config, gen, False, device),
                    _not_reiterable(val_data, "val_data") if used_up else None,
                    val_data,
                )
                history.val_loss.append(monitored)
                if not math.isfinite(monitored) and (
                    bad := _non_finite_batches(val_data, "val_data")
                ):
                    raise DivergedError(
                        f"the validation loss became {monitored} at epoch {epoch + 1}: {bad}."
                    )
                if not math.isfinite(monitored):
                    raise DivergedError(
                        f"the validation loss became {monitored} at epoch {epoch + 1} (the "
                        f"training loss was {history.train_loss[-1]:.4g}). Try a lower learning "
                        f"rate than `lr`={config.lr:g}, or check the validation data."
                    )
            if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
                scheduler.step(monitored)
            elif scheduler is not None:
                scheduler.step()
            bar.set_postfix(loss=f"{history.train_loss[-1]:.4g}", val=f"{monitored:.4g}")
            stop = False
            if val_data is not None:
                if monitored < history.best_val_loss - config.min_delta:
                    history.best_val_loss, history.best_epoch, bad_epochs = monitored, epoch, 0
                    if config.restore_best:
                        best_state = copy.deepcopy(model.state_dict())
                else:
                    bad_epochs += 1
                    stop = config.patience is not None and bad_epochs >= config.patience
            if on_epoch is not None:  # after the best epoch is updated, so it sees this one
                on_epoch(epoch, history)
            if stop:
                history.stopped_early = True
                logger.info(
                    "early stop after epoch %d (best %d)", epoch + 1, history.best_epoch + 1
                )
                break
    finally:
        bar.close()
        for m, training in modes:
            m.training = training
    if best_state is not None:
        model.load_state_dict(best_state)
    check_weights(model, config.lr)
    if val_data is None:
        history.best_epoch = history.epochs_run - 1
    return history

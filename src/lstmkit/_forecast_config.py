"""The :class:`~lstmkit.forecast.ForecasterConfig` of :mod:`lstmkit.forecast`, in a module of its
own that loads neither torch nor pandas: the command line builds its flags and ``--help`` from
it before torch is loaded."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Literal, TypedDict

import numpy as np

from lstmkit._checks import (
    TextForNumberError,
    _is_number,
    as_int,
    choice_problem,
    config_refusal,
    count_too_large,
    fraction_hint,
    is_choice,
    is_finite,
    level_problem,
    numpy_hint,
    plain_repr,
    positive_int,
    progress_problems,
    python_bools,
    python_numbers,
    seed_problem,
    slip_hint,
    unknown_keywords_message,
    value_repr,
    whole_float_hint,
)
from lstmkit._device import DeviceLike, device_problems

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from lstmkit.train import TrainConfig


AUTO_WINDOWS_PER_EPOCH = 256
"""The most windows one epoch trains on with ``windows_per_epoch="auto"`` (the default): more
than the bundled monthly series have (at most 105 training windows), so they train on every
window every epoch; a series with more trains each epoch on a fresh random 256."""


_DEFAULT_PATIENCE = 50  # the default of ForecasterConfig.patience (as TrainConfig's)

MIN_IMPROVEMENT = 1e-12
"""The least decrease of a member's validation loss that early stopping counts (the
``min_delta`` of its :class:`TrainConfig`)."""

# The default look-back as every message says it (Forecaster._auto_lookback: the longest of
# 3, 2 and 1 seasons leaving enough windows, never less than one season). fit said "one to
# three seasons", the CLI "up to three seasons" and its note on sub-daily data "three seasons".
DEFAULT_LOOKBACK_SAID = "one to three seasons"
# the words each of ForecasterConfig's word fields takes, in its Literal's order: __post_init__,
# the command line's flags and the benchmarks read them here, so that a new strategy (or cell,
# ...) cannot be left out of one of them (tests check them against the Literals)
CHOICES: dict[str, tuple[str, ...]] = {
    "strategy": ("direct", "recursive", "seq2seq"),
    "cell": ("lstm", "gru", "peephole"),
    "transform": ("auto", "log", "none"),
    "scaling": ("window", "standard", "minmax"),
    "anchor": ("level", "season", "smooth"),
}


def _is_nan(value: object) -> bool:
    """Whether ``value`` is NaN, as a pandas column holds an optional integer field's ``None``
    (its whole numbers, ``24.0``, are told by :func:`whole_float_hint`)."""
    return isinstance(value, float | np.floating) and math.isnan(value)


def _in_fraction(value: float) -> bool:
    return 0.0 <= value < 1.0


def _positive(value: float) -> bool:
    return 0 < value and is_finite(value)


def _non_negative(value: float) -> bool:
    return 0 <= value and is_finite(value)


def dropout_problem(value: Any, name: str = "`dropout`") -> str | None:
    """Why ``value`` is no dropout rate (a number in ``[0, 1)``), without a closing full stop,
    or ``None``: the message of ``ForecasterConfig(dropout=...)`` (``lstmkit forecast
    --dropout`` says it in the one shape of every decimal flag, ``flag_number_problem``).

    Example:
        >>> dropout_problem(1.5), dropout_problem(0.2) is None
        ('`dropout` must be a number in [0, 1), got 1.5', True)
    """
    if _is_number(value) and 0.0 <= value < 1.0:
        return None
    hint = numpy_hint(value, _in_fraction)
    return f"{name} must be a number in [0, 1), got {plain_repr(value, _in_fraction)}" + (
        hint or fraction_hint(value)
    )


@dataclass(frozen=True)
class ForecasterConfig:
    """Everything that defines a :class:`Forecaster` (the CLI flags come from these fields).

    Attributes:
        horizon: steps forecast from one origin (``H``); ``None`` (default) sets it in
            ``fit`` from the data's frequency (:func:`lstmkit.data.default_horizon`): one
            season, 12 for monthly data, 4 quarterly, 7 daily, 5 for business days, 24 hourly,
            96 for 15-minute data; 13 weeks for weekly and 6 years for yearly data; 12 steps
            without a known season.
            ``fit`` records it in ``config.horizon``.
        lookback: input window length ``L``; ``None`` picks 3, 2 or 1 seasons (or 24..1 steps
            without seasonality), the longest leaving enough training windows.
        strategy: ``"direct"`` (multi-output head), ``"recursive"`` (one step, fed back) or
            ``"seq2seq"`` (encoder-decoder; any output length).
        cell: ``"lstm"``, ``"gru"`` or ``"peephole"`` (LSTM with peephole connections).
        hidden_size, num_layers, bidirectional, dropout: the encoder (``bidirectional`` only
            with ``direct``/``recursive``; ``dropout`` acts between its stacked layers, so one
            above 0 needs ``num_layers >= 2``).
        transform: ``"auto"`` (log if the target is strictly positive), ``"log"`` or ``"none"``.
        difference: differencing lag (0 off, 1 first differences, ``m`` seasonal).
        scaling: ``"window"``, ``"standard"`` or ``"minmax"`` (see the module docstring).
        anchor: what the network's output is relative to (see the module docstring):
            ``"smooth"`` the seasonal-naive forecast with the seasonal shape averaged over the
            window's seasons, ``"season"`` the plain seasonal-naive forecast (both fall back to
            ``"level"`` without seasonality or with a lookback shorter than one season),
            ``"level"`` the window level.
        calendar: calendar inputs beside the series: ``True`` the sin/cos of the position in
            the season and, for hourly data with a daily season, of the day of the week;
            ``"season"`` the position in the season only; ``False`` none.
        season_length: seasonal period ``m``; ``None`` infers it from the index frequency.
        ensemble: number of members trained with consecutive seeds and averaged.
        val_size: number of most recent complete windows that validate (early stopping,
            interval calibration); no training target reaches the last ``val_size`` points.
            ``None`` means one season (at least 4, at most a quarter of the windows).
        interval: nominal coverage of the prediction interval (e.g. 0.8), or ``None``. Split
            conformal over the validation windows: it needs at least
            ``interval / (1 - interval)`` of them (4 at 0.8, 19 at 0.95), else ``fit`` warns.
            The errors are kept: ``predict(interval=...)`` gives another coverage.
        epochs, lr, batch_size, patience, weight_decay: training (see :class:`TrainConfig`);
            the small default L2 penalty (``1e-3``) measured a little better on the benchmark.
        early_stopping: stop each member after ``patience`` epochs without a better validation
            loss and keep (and refit for) its best validation epoch. A decrease under
            :data:`MIN_IMPROVEMENT` (``1e-12``, far below the float32 steps of a scaled loss)
            is no improvement, so a series the network fits exactly (a constant, a season
            repeated without noise) stops once its loss is about zero instead of chasing it
            for all ``epochs`` into subnormal floats. ``False`` trains every
            member for exactly ``epochs`` (the cosine schedule over all of them) and keeps the
            last weights; the validation windows then only calibrate the intervals. Set
            ``epochs`` with it (e.g. 20): the default 300 is a ceiling for early stopping.
            A ``patience`` other than the default (50) or ``None`` is refused with it, as it
            would do nothing.
        windows_per_epoch: train each epoch on at most this many windows, a fresh random
            subset every epoch, so an epoch of a long series (hourly data, say) costs no more
            than one of this many windows; ``None`` uses every window every epoch.
            ``"auto"`` (default) is ``None`` up to :data:`AUTO_WINDOWS_PER_EPOCH` (256)
            training windows and that many above, so ``epochs``, ``patience`` and the LR
            schedule count epochs of at most 256 windows (16 steps of the default batch): a
            series with at most 256 training windows trains as with ``None``, bit for bit,
            and a long one stops after as many steps without improvement as a short one
            (:meth:`epoch_windows`). On 8 weeks of hourly data (1,201 training windows) it
            ran 3.6x fewer steps than ``None``, with 1.02x the holdout RMSE.
        refit: after early stopping, train each member again from its own seed on every window,
            the validation ones included, for as many epochs as its best validation epoch (all
            ``epochs`` without ``early_stopping``), so the most recent season shapes the
            forecast too. The intervals keep the errors of the
            first (validated) members, which are out of sample. Doubles the training time at
            most; ``False`` keeps the early-stopped members.
        seed: seed of the first ensemble member.
        progress: one progress bar on stderr over the ensemble's trainings (and over the
            origins in :meth:`Forecaster.backtest`); ``None`` shows it when stderr is a
            terminal, or a Jupyter notebook with ipywidgets (as a widget).
        num_threads: torch CPU threads during fit/predict (restored afterwards); ``1`` is the
            fastest for these small networks and keeps results independent of the core count.
            ``None`` leaves torch's setting alone.
        device: where the members train and forecast (``"cpu"``, ``"cuda"``, ``"cuda:1"``,
            ``"mps"``, a ``torch.device``, or an index as torch takes one, ``0`` for ``"cuda:0"``;
            kept as a string). The windows move there, the forecasts come back as numpy arrays. The
            CPU is the fastest for the default sizes (one window at a time is little work) and the
            only one where a seed gives the same forecast bit for bit; ``jobs > 1`` needs it. Saved
            models load on the CPU unless :meth:`Forecaster.load` is told otherwise.
        jobs: ensemble members trained at the same time, each on one CPU thread: one in this
            process, the others in ``jobs - 1`` worker processes (``1``: one after the other in
            this process). A member depends only on its seed and the thread count, so with
            ``num_threads=1`` every ``jobs`` gives the same forecast bit for bit; more jobs only
            take less time where there are cores for them (each worker first imports torch,
            seconds; a retraining :meth:`Forecaster.backtest` keeps the same workers for all
            its origins). More jobs than ``ensemble`` members is no error (as joblib's
            ``n_jobs``): no more members train at once than there are. Ctrl-C stops every
            member at once; a member that fails in a worker, or a worker that dies
            (``BrokenProcessPool``, naming the members the workers had and suggesting
            ``jobs=1``), is raised once the member this process trains then ends.
    """

    horizon: int | None = None
    lookback: int | None = None
    strategy: Literal["direct", "recursive", "seq2seq"] = "direct"
    cell: Literal["lstm", "gru", "peephole"] = "lstm"
    hidden_size: int = 32
    num_layers: int = 1
    bidirectional: bool = False
    dropout: float = 0.0
    transform: Literal["auto", "log", "none"] = "auto"
    difference: int = 0
    scaling: Literal["window", "standard", "minmax"] = "window"
    anchor: Literal["level", "season", "smooth"] = "smooth"
    calendar: bool | Literal["season"] = True
    season_length: int | None = None
    ensemble: int = 5
    val_size: int | None = None
    interval: float | None = 0.8
    epochs: int = 300
    lr: float = 1e-2
    batch_size: int | None = 16
    patience: int | None = _DEFAULT_PATIENCE
    weight_decay: float = 1e-3
    early_stopping: bool = True
    windows_per_epoch: int | Literal["auto"] | None = "auto"
    refit: bool = True
    seed: int = 0
    progress: bool | None = None
    num_threads: int | None = 1
    device: DeviceLike = "cpu"
    jobs: int = 1

    def __post_init__(self) -> None:
        # a numpy number is taken where a Python one is: np.float32(0.9) as 0.9, not as its
        # widening 0.8999999761581421
        python_numbers(self, "interval", "dropout", "lr", "weight_decay")
        # what is no str is told its type (strategy=5 was told "got 5", as if a word were
        # missing), a word's slip the word it is close to (strategy='Direct'), as choice_error
        problems = [
            choice_problem(getattr(self, name), name, allowed)
            for name, allowed in CHOICES.items()
            if not is_choice(getattr(self, name), allowed)
        ]
        positive = ["hidden_size", "num_layers", "ensemble", "epochs", "jobs"]
        optional = [
            "horizon",
            "lookback",
            "season_length",
            "val_size",
            "batch_size",
            "patience",
            "windows_per_epoch",
            "num_threads",
        ]
        floated = []  # integers and None as a DataFrame holds them: floats and NaN
        for name in [*positive, *optional]:
            val = getattr(self, name)
            # a str first: a DataFrame's == "auto" is a table, whose truth failed the check
            auto = name == "windows_per_epoch" and is_choice(val, ("auto",))
            if auto or (val is None and name in optional):
                continue
            as_integer = as_int(val)
            if as_integer is None and _is_nan(val):
                floated.append(name)
            if (large := count_too_large(val, f"`{name}`")) is not None:
                # past torch's int64, as the CLI's flags say it: epochs=10**30 failed inside
                # tqdm, horizon=10**30 ran for minutes
                problems.append(large)
            elif as_integer is None or as_integer < 1:
                kinds = " or None" * (name in optional)
                if name == "windows_per_epoch":
                    kinds = ", 'auto' or None"
                # 12.0 told as TrainConfig's and the other counts tell it
                # a word's slip (windows_per_epoch='AUTO', 'atuo'): the word, as other
                # fields' words are told theirs
                slip = (
                    slip_hint(val, ("auto",)) if isinstance(val, str) and kinds[:1] == "," else ""
                )
                problems.append(
                    f"`{name}` must be a positive integer{kinds}, got {plain_repr(val)}"
                    + (slip or _duration_hint(val, name) or whole_float_hint(val))
                )
            else:
                object.__setattr__(self, name, as_integer)  # np.int64(12) -> 12 (JSON-able)
        for name in ("difference", "seed"):
            if as_int(getattr(self, name)) is not None:
                object.__setattr__(self, name, as_int(getattr(self, name)))
        # np.True_ -> True, as np.int64(12) -> 12
        python_bools(self, "calendar", "bidirectional", "early_stopping", "refit", "progress")
        ens = self.ensemble if isinstance(self.ensemble, int) and self.ensemble >= 1 else 1
        if (problem := seed_problem(self.seed, members=ens)) is not None:
            problems.append(problem)
        # not `in (True, False, "season")`: 1, 0.0 and numpy's True equal those, and numpy's
        # True fitted but failed in save ("Object of type bool is not JSON serializable")
        # (a DataFrame's == "season" is a table, whose truth failed the check)
        if not (
            isinstance(self.calendar, bool)
            or (isinstance(self.calendar, str) and self.calendar == "season")
        ):
            problems.append(
                f"`calendar` must be True, False or 'season', got {value_repr(self.calendar)}"
                + numpy_hint(self.calendar)
            )
        for name in ("bidirectional", "early_stopping", "refit"):
            if not isinstance(getattr(self, name), bool):
                value = getattr(self, name)
                problems.append(
                    f"`{name}` must be True or False, got {value_repr(value)}{numpy_hint(value)}"
                )
        problems += progress_problems(self.progress)
        if (large := count_too_large(self.difference, "`difference`")) is not None:
            problems.append(large)
        elif as_int(self.difference) is None or self.difference < 0:
            problems.append(
                f"`difference` must be an integer >= 0, got {plain_repr(self.difference)}"
                + whole_float_hint(self.difference, 0)
            )
        if problem := dropout_problem(self.dropout):
            problems.append(problem)
        if self.interval is not None and (
            problem := level_problem(
                self.interval, "`interval`", otherwise=", or None", none="None for no interval"
            )
        ):
            problems.append(problem)
        if not (_is_number(self.lr) and 0 < self.lr and is_finite(self.lr)):
            problems.append(
                f"`lr` must be a positive finite number, got {plain_repr(self.lr, _positive)}"
                + numpy_hint(self.lr, _positive)
            )
        if not (
            _is_number(self.weight_decay)
            and 0 <= self.weight_decay
            and is_finite(self.weight_decay)
        ):
            shown = plain_repr(self.weight_decay, _non_negative)
            problems.append(
                f"`weight_decay` must be a finite number >= 0, got {shown}"
                + numpy_hint(self.weight_decay, _non_negative)
            )
        if self.num_layers == 1 and _is_number(self.dropout) and 0.0 < self.dropout < 1.0:
            # the network applies it between stacked encoder layers only: with one layer a
            # sweep over `dropout` would train the same model again and again
            problems.append(
                f"`dropout` ({self.dropout:g}) acts between stacked layers; with `num_layers` 1 "
                "it would do nothing, so set `num_layers` to 2 or more, or `dropout` to 0"
            )
        given = as_int(self.patience) is not None and self.patience >= 1  # else refused above
        if self.early_stopping is False and given and self.patience != _DEFAULT_PATIENCE:
            # only early stopping reads it: a sweep over `patience` would train the same
            # members again and again (the default, 50, cannot be told from one given)
            problems.append(
                f"`patience` ({self.patience!r}) applies to early stopping; with "
                "`early_stopping=False` every member trains all its `epochs`, so set `patience` "
                "to None, or `early_stopping` to True"
            )
        if self.bidirectional is True and self.strategy == "seq2seq":
            problems.append("`bidirectional` is not supported with strategy='seq2seq'")
        problems += device_problems(self)  # torch.device("cuda") -> "cuda" (JSON)
        if problems:
            note = ""
            if floated:
                note = (
                    f" ({', '.join(f'`{name}`' for name in floated)}: a pandas column turns "
                    "None into NaN, and integers beside it into floats, so a config read back "
                    "from a table of configs needs None for NaN and int(x) for its whole "
                    "numbers; or keep the ForecasterConfig itself in a column.)"
                )
            raise config_refusal(" ".join(p + "." for p in problems) + note, self)

    def epoch_windows(self, windows: int) -> int | None:
        """The windows one epoch trains on, given ``windows`` training windows (``None``: all).

        ``windows_per_epoch="auto"`` resolves here: every window up to
        :data:`AUTO_WINDOWS_PER_EPOCH`, a random ``AUTO_WINDOWS_PER_EPOCH`` of them above.
        An integer or ``None`` set by the caller is returned as it is.

        Example:
            >>> cfg = ForecasterConfig()
            >>> cfg.epoch_windows(73), cfg.epoch_windows(256), cfg.epoch_windows(1201)
            (None, None, 256)
            >>> ForecasterConfig(windows_per_epoch=None).epoch_windows(1201) is None
            True
        """
        if self.windows_per_epoch != "auto":
            return self.windows_per_epoch
        return AUTO_WINDOWS_PER_EPOCH if windows > AUTO_WINDOWS_PER_EPOCH else None

    def train_config(self, seed: int, windows: int) -> TrainConfig:
        """The :class:`TrainConfig` of member ``seed`` on ``windows`` training windows (which
        resolve ``windows_per_epoch="auto"``, see :meth:`epoch_windows`)."""
        from lstmkit.train import TrainConfig

        return TrainConfig(
            epochs=self.epochs,
            lr=self.lr,
            batch_size=self.batch_size,
            patience=self.patience if self.early_stopping else None,
            min_delta=MIN_IMPROVEMENT,
            weight_decay=self.weight_decay,
            samples_per_epoch=self.epoch_windows(windows),
            seed=seed,
            restore_best=self.early_stopping,
            progress=False,  # the Forecaster shows one bar over its members
        )


# Lightning's names of where a model trains, which ``device`` is here
LIGHTNING_WORDS = ("accelerator", "devices")


def lightning_device_hint(words: Sequence[str]) -> str:
    """What Lightning's ``accelerator`` and ``devices`` (those of ``words`` given) are here, for
    the refusals of ``Forecaster(accelerator=...)`` and ``ForecasterConfig(devices=...)``: one
    clause for both (each was told its own, the same words twice).

    Example:
        >>> lightning_device_hint(["accelerator", "devices"])
        "Lightning's accelerator and devices are 'device' here, e.g. device='cuda'"
    """
    verb = "are" if len(words) > 1 else "is"
    return f"Lightning's {' and '.join(words)} {verb} 'device' here, e.g. device='cuda'"


# a count given as a duration: horizon="3m", lookback="2 years" (and the command line's
# `--horizon 3m`, `--holdout 1y`, which cli/forecast.py tells with the same words)
DURATION = re.compile(r"\s*[0-9]+(?:\.[0-9]+)?\s*[^\W\d_]+\s*")
STEPS_NOT_DURATION = (
    "a count of the data's own steps, not a duration: 12 for a year of monthly data, 7 for a "
    "week of daily data"
)
_STEPS = ("horizon", "lookback", "season_length")


def duration_said(value: object) -> str:
    """`` (a count of the data's own steps, not a duration: ...)`` for a count written as a
    duration, ``"3m"`` or ``"12 months"``; ``""`` for any other value. The one test and words
    of the configs, ``predict``/``backtest``/the windows (:func:`steps_count`), the baselines
    and ``mase``."""
    if isinstance(value, str) and DURATION.fullmatch(value):
        return f" ({STEPS_NOT_DURATION})"
    return ""


def _duration_hint(value: object, name: str) -> str:
    """The hint of a refused ``horizon``, ``lookback`` or ``season_length`` (``name``) given
    as a duration, ``"3m"`` or ``"12 months"``: they count the data's own steps, as the
    command line's ``--horizon 3m`` is told (from Python it was "must be a positive integer or
    None, got '3m'" alone); ``""`` for any other value or field."""
    return duration_said(value) if name in _STEPS else ""


def steps_count(value: object, name: str, least: int = 1) -> int:
    """:func:`~lstmkit._checks.positive_int` for a count of the data's steps given to a
    call (``predict``'s ``horizon``, ``backtest``'s ``horizon`` and ``stride``, the windows'
    ``lookback``, ``horizon`` and ``stride``, ``future_index``'s ``horizon`` with ``least=0``):
    a duration, ``"3m"``, is told what :class:`ForecasterConfig` tells ``horizon="3m"``, where
    ``predict("3m")`` was told "must be a positive integer, got '3m'" alone."""
    if said := duration_said(value):
        expected = "a positive integer" if least == 1 else f"an integer >= {least}"
        raise TextForNumberError(f"`{name}` must be {expected}, got {value!r}{said}.")
    return positive_int(value, name, least)


# Darts' RNNModel and NeuralForecast's LSTM name some of ForecasterConfig's fields otherwise:
# a user coming from them gets the field (difflib offered 'hidden_size' for 'input_size',
# NeuralForecast's look-back, and nothing for 'input_chunk_length' or 'h')
_THEIR_NAMES = {
    key: f"Darts' {key} is {field!r} here"
    for key, field in (
        ("input_chunk_length", "lookback"),
        ("output_chunk_length", "horizon"),
        ("n_epochs", "epochs"),
        ("random_state", "seed"),
        ("hidden_dim", "hidden_size"),
        ("n_rnn_layers", "num_layers"),
        ("model", "cell"),
    )
} | {
    key: f"NeuralForecast's {key} is {field!r} here"
    for key, field in (
        ("h", "horizon"),
        ("input_size", "lookback"),
        ("encoder_hidden_size", "hidden_size"),
        ("encoder_n_layers", "num_layers"),
        ("encoder_dropout", "dropout"),
        ("learning_rate", "lr"),
        ("random_seed", "seed"),
    )
}
_THEIR_NAMES["freq"] = "no field sets the frequency: the series' index gives it"
# the rest of Darts' RNNModel and NeuralForecast's LSTM arguments a notebook ported from them
# passes: each got the bare "unknown keyword argument(s)", 'max_epochs' a guess of 'epochs'
_THEIR_NAMES |= {
    "optimizer_kwargs": "Darts' optimizer_kwargs are fields here: lr=..., weight_decay=...",
    "pl_trainer_kwargs": (
        "Darts' pl_trainer_kwargs are fields here: device='cuda' for its accelerator, "
        "epochs=... for max_epochs, progress=False for enable_progress_bar"
    ),
    "max_epochs": "Lightning's max_epochs is 'epochs' here",
    "likelihood": (
        "Darts' likelihood has no counterpart here: the interval comes from the validation "
        "errors, interval=0.8 for the 10 % and 90 % quantiles"
    ),
    "loss": (
        "NeuralForecast's loss has no counterpart here: the networks train on the mean "
        "squared error of the scaled values, and the interval comes from the validation "
        "errors, interval=0.8"
    ),
    "add_encoders": (
        "Darts' add_encoders is 'calendar' here, the sin/cos of the position in the season"
    ),
    "scaler_type": "NeuralForecast's scaler_type is 'scaling' here",
    "max_steps": "NeuralForecast's max_steps is 'epochs' here, a count of epochs",
    "early_stop_patience_steps": (
        "NeuralForecast's early_stop_patience_steps is 'patience' here, in epochs"
    ),
    # each was told a field it is not: 'season_length' for 'training_length', 'hidden_size'
    # for NeuralForecast's MLP decoder's 'decoder_hidden_size'
    "training_length": (
        "Darts' training_length has no counterpart here: each training window is `lookback` "
        "points read and `horizon` points forecast (one with strategy='recursive')"
    ),
    # NeuralForecast's LSTM: decoder_layers (its MLP decoder's, beside decoder_hidden_size) and
    # recurrent=True (its recursive forecast) were told nothing
    "decoder_layers": (
        "NeuralForecast's decoder_layers has no counterpart here: one linear layer maps the "
        "encoder's state to the forecast (strategy='seq2seq' adds a recurrent decoder of the "
        "encoder's num_layers)"
    ),
    "recurrent": (
        "NeuralForecast's recurrent=True is strategy='recursive' here (its default, "
        "recurrent=False, strategy='direct')"
    ),
    "decoder_hidden_size": (
        "NeuralForecast's decoder_hidden_size has no counterpart here: one linear layer maps "
        "the encoder's state to the forecast (strategy='seq2seq' adds a recurrent decoder of "
        "the encoder's hidden_size and num_layers)"
    ),
    "stat_exog_list": (
        "NeuralForecast's stat_exog_list has no counterpart here: a Forecaster fits one "
        "series, whose static features would be constants"
    ),
    "hist_exog_list": (
        "NeuralForecast's hist_exog_list is fit's covariates here: fit(y, covariates=df[[...]])"
    ),
    "futr_exog_list": (
        "NeuralForecast's futr_exog_list is fit's future_covariates here: "
        "fit(y, future_covariates=df[[...]])"
    ),
    # the rest of its LSTM's (and its base model's) arguments were told nothing
    "inference_input_size": (
        "NeuralForecast's inference_input_size has no counterpart here: predict reads the "
        "last `lookback` points, as each training window does"
    ),
    "exclude_insample_y": (
        "NeuralForecast's exclude_insample_y has no counterpart here: the network always "
        "reads the series' own past values, the covariates beside them"
    ),
    "cat_exog_list": (
        "NeuralForecast's cat_exog_list has no counterpart here: covariates are numbers, a "
        "category one column of 0 and 1 per value, pd.get_dummies(df[[...]], dtype=float) "
        "given as fit's covariates or future_covariates"
    ),
}
# the classic Keras tutorial's (and scikit-learn's) names: 'scaler' was asked "did you mean
# 'calendar'?", and 'shuffle', 'units' or 'validation_split' got no hint at all
_THEIR_NAMES |= {
    "units": "Keras' units is 'hidden_size' here",
    "validation_split": (
        "Keras' validation_split is 'val_size' here, a count of the most recent windows"
    ),
    "verbose": "Keras' verbose is 'progress' here",
    "scaler": (
        "'scaling' picks the scaler here ('window', 'standard' or 'minmax'), and fit fits it "
        "on the training part alone"
    ),
    "shuffle": (
        "no field shuffles the series: fit splits it in time order, the validation windows "
        "the most recent, and only the order of the training windows is shuffled each epoch"
    ),
}
_THEIR_NAMES |= dict.fromkeys(
    ("test_size", "train_size"),
    "no field holds a test part out: fit on the points before it and score the forecast "
    "of it, fit(y[:-12]) and rmse(y[-12:], predict(12)['forecast']), or backtest(y)",
)
# the fill a refusal of a NaN or a gap names is read_csv's and to_frame's (data._fill_how): one
# who guessed it an argument of fit, predict or backtest (lstmkit.forecast), or a field of
# the config, got the bare "unexpected keyword argument"
_FILL = (
    "`fill` is an argument of lstmkit.data.to_frame and read_csv, whose result {method} takes: "
    "{call}"
)
_FILL_CALL = "fit(to_frame(series, fill='interpolate'))"
_THEIR_NAMES["fill"] = "no field fills gaps: " + _FILL.format(method="fit", call=_FILL_CALL)


def unknown_keywords(owner: str, unknown: list[str], given: Iterable[str] = ()) -> str:
    """The refusal of keywords ``unknown``, no fields of :class:`ForecasterConfig`, passed to
    ``owner`` (``Forecaster`` or ``ForecasterConfig``): what each is here where another library
    names it so (``_THEIR_NAMES``), else the field closest to it (a typo beside another
    library's name got no hint, and one beside another typo none for the second) among those
    not ``given`` too: ``horizon=3, horizn=4`` was asked "did you mean 'horizon'?", a name
    already given, so a field given is said to be given.

    Example:
        >>> print(unknown_keywords("Forecaster", ["n_epochs"]))
        Forecaster() got unknown keyword argument 'n_epochs' (Darts' n_epochs is 'epochs' here)
        >>> print(unknown_keywords("Forecaster", ["n_epochs", "horizn"]).split(" (")[1])
        Darts' n_epochs is 'epochs' here; did you mean 'horizon' for 'horizn'?)
    """
    words = [word for word in LIGHTNING_WORDS if word in unknown]
    return unknown_keywords_message(
        owner,
        unknown,
        given,
        _FIELDS,
        _THEIR_NAMES,
        also=[lightning_device_hint(words)] if words else [],  # one clause for both
        skip=LIGHTNING_WORDS,
    )


def refuse_unknown_keywords(owner: str, given: Iterable[str], after: str = "") -> None:
    """Raise ``TypeError`` (:func:`unknown_keywords`, then ``after`` and a full stop) where some
    of the keywords ``given`` to ``owner`` are no field of :class:`ForecasterConfig`: the one
    check of ``Forecaster(...)`` and ``ForecasterConfig(...)``."""
    given = list(given)  # read twice: for the unknown keywords, and the fields given
    if unknown := [key for key in given if key not in _FIELDS]:
        raise TypeError(f"{unknown_keywords(owner, unknown, given)}{after}.")


def _named_their_words(init: Any) -> Any:
    """``ForecasterConfig``'s ``__init__`` refusing keywords that are no field as
    ``Forecaster(...)`` does (:func:`unknown_keywords`: another library's names of its fields,
    Darts' ``n_epochs`` or Lightning's ``accelerator``, and the field a typo is closest to),
    where Python's bare "unexpected keyword argument" said nothing of them;
    ``inspect.signature`` still shows the dataclass's."""

    @functools.wraps(init)
    def named(self: ForecasterConfig, *args: Any, **kwargs: Any) -> None:
        refuse_unknown_keywords("ForecasterConfig", kwargs)
        init(self, *args, **kwargs)

    return named


# (after the class: the dataclass writes __init__)
_FIELDS = frozenset(field.name for field in fields(ForecasterConfig))
ForecasterConfig.__init__ = _named_their_words(ForecasterConfig.__init__)  # type: ignore[method-assign]


class ForecasterOptions(TypedDict, total=False):
    """The keyword arguments of ``Forecaster(**overrides)``: :class:`ForecasterConfig`'s fields,
    each optional, typed as there, so that a type checker and an editor check and complete them
    (``**overrides: Any`` let ``Forecaster(horizn=3)`` and ``Forecaster(cell="rnn")`` through
    to run time)."""

    horizon: int | None
    lookback: int | None
    strategy: Literal["direct", "recursive", "seq2seq"]
    cell: Literal["lstm", "gru", "peephole"]
    hidden_size: int
    num_layers: int
    bidirectional: bool
    dropout: float
    transform: Literal["auto", "log", "none"]
    difference: int
    scaling: Literal["window", "standard", "minmax"]
    anchor: Literal["level", "season", "smooth"]
    calendar: bool | Literal["season"]
    season_length: int | None
    ensemble: int
    val_size: int | None
    interval: float | None
    epochs: int
    lr: float
    batch_size: int | None
    patience: int | None
    weight_decay: float
    early_stopping: bool
    windows_per_epoch: int | Literal["auto"] | None
    refit: bool
    seed: int
    progress: bool | None
    num_threads: int | None
    device: DeviceLike
    jobs: int

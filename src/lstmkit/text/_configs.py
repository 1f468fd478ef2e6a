"""The config dataclasses of the text workflows (:class:`SentimentConfig`, :class:`CharLMConfig`,
:class:`Seq2SeqConfig`), in a module of their own that loads no torch: ``lstmkit text ... --help``
builds its flags from them before torch is loaded. Each is served from its workflow's module too
(:mod:`lstmkit.text.sentiment`, :mod:`~lstmkit.text.charlm`, :mod:`~lstmkit.text.seq2seq`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from lstmkit._checks import (
    _is_number,
    as_int,
    choice_problem,
    config_refusal,
    fraction_hint,
    is_choice,
    plain_repr,
    python_bools,
    python_numbers,
    whole_float_hint,
)
from lstmkit._device import DeviceLike, device_problems
from lstmkit.text._checks import field_problems
from lstmkit.text.sst import TASKS

__all__ = ["CharLMConfig", "SentimentConfig", "Seq2SeqConfig"]


@dataclass(frozen=True)
class SentimentConfig:
    """Everything that defines one sentiment training run.

    Attributes:
        task: ``"sst2"`` or ``"sst5"``.
        phrases: Also train on the GLUE SST-2 training phrases (for SST-5 with coarse labels).
        polar_phrases: For SST-5 with ``phrases``, make a phrase's loss conditional on its class
            not being neutral, ``-log p(set | not neutral)`` (GLUE's phrase file holds only the
            non-neutral phrases, so the unconditional loss teaches the model that neutral is
            rare). Refused for SST-2 and without ``phrases``, where it would do nothing.
        neutral_words: For SST-5 with ``phrases``, also train on every word of the training
            sentences that is not a one-word phrase of the GLUE file, labelled neutral (default:
            on where it applies). Each word is a leaf of its sentence's parse tree and so a
            labelled SST phrase; GLUE dropped the neutral ones, so exactly those words are
            missing from its file. ``None`` (the default) becomes ``True`` for SST-5 with
            ``phrases`` and ``False`` otherwise, so the config records what the run does;
            ``True`` is refused where it would do nothing.
        oversample: Each epoch sees every training sentence this many times (phrases once), so
            the sentence-level labels are not drowned by the 67k phrases. The vocabulary (and
            ``min_freq``) counts each sentence once.
        embed_dim: Embedding size.
        hidden_size: LSTM hidden size per direction.
        bidirectional: Use a bidirectional LSTM.
        readout: How the per-step outputs become one vector: the last states (``"last"``),
            their ``"max"`` or their ``"mean"`` (see :class:`TextClassifier`). The last
            states measured best on SST-5 and level with the others on SST-2 (README).
        dropout: Dropout on embeddings and before the head.
        min_freq: Minimum training-token frequency to enter the vocabulary.
        batch_size: Examples per step.
        lr: Peak Adam learning rate (cosine decay to 10 % over the planned steps).
        weight_decay: Adam L2 penalty.
        clip: Gradient-norm clipping threshold.
        epochs: Maximum passes over the training set.
        evals_per_epoch: Dev evaluations per epoch (model selection keeps the best), every
            ``steps per epoch // evals_per_epoch`` steps, and one after the last step.
        neighbours: Ordinal label smoothing: the share of a single-label example's target moved to
            the classes next to its label (see :func:`set_loss`); 0 is plain cross-entropy. On
            your own texts, more than 2 classes must then be numbers (their order).
        sentence_epochs: Epochs on the task's training sentences alone after the ``epochs`` on
            sentences and phrases (fine-tuning; 0 skips it).
        word_dropout: Probability of replacing each training token by ``<unk>``.
        ema: Decay of an exponential moving average of the weights (0 turns it off). When on,
            the averaged weights are the ones evaluated on dev, selected and returned; the decay
            is warmed up as ``min(ema, (1 + t) / (10 + t))`` after step ``t``.
        ensemble: Number of classifiers trained with seeds ``seed, seed + 1, ...`` on the same
            vocabulary, each selected on dev on its own; the result averages their logits
            (:class:`~lstmkit.text.classifier.ClassifierEnsemble`).
        jobs: Ensemble members trained at the same time, each on one CPU thread: one in this
            process, the others in ``jobs - 1`` worker processes (``1`` trains them one after
            the other in this process, on torch's threads).
            A member depends only on its seed and torch's thread count (float rounding), so
            ``jobs=2`` trains the same members as ``jobs=1`` on one thread, in about half the
            time on two cores, as long as the budget does not cut them short. More jobs than
            ``ensemble`` members is no error (as joblib's ``n_jobs``): no more members train at
            once than there are.
        minutes: Wall-clock budget for all training. Each member has a share (what is left,
            split evenly among the rounds of ``jobs`` members still to train); the clock is
            checked every step, and a member whose share is about to run out makes a last dev
            check and stops.
        seed: Random seed (initialisation and shuffling) of the first member.
        progress: Show a progress bar (``None``: when stderr is a terminal, or a Jupyter
            notebook with ipywidgets, as a widget).
        device: Torch device to train on: cpu, cuda, cuda:1, mps (the CPU is the only one that
            repeats a run bit for bit; ``jobs > 1`` needs it). A ``torch.device`` or an index
            (``0``: ``"cuda:0"``) is kept as its string. The initial weights are drawn on the CPU,
            so a seed starts every device from the same ones; the batches move there, the metrics
            come back as Python numbers. An unusable device is refused before any data is read.
    """

    task: Literal["sst2", "sst5"] = "sst2"
    phrases: bool = True
    polar_phrases: bool = False
    neutral_words: bool | None = None
    oversample: int = 1
    embed_dim: int = 200
    hidden_size: int = 150
    bidirectional: bool = True
    readout: Literal["last", "max", "mean"] = "last"
    dropout: float = 0.5
    min_freq: int = 1
    batch_size: int = 64
    lr: float = 2e-3
    weight_decay: float = 0.0
    clip: float = 5.0
    epochs: int = 3
    evals_per_epoch: int = 4
    neighbours: float = 0.0
    sentence_epochs: int = 0
    word_dropout: float = 0.0
    ema: float = 0.0
    ensemble: int = 1
    jobs: int = 1
    minutes: float = 15.0
    seed: int = 0
    progress: bool | None = None
    device: DeviceLike = "cpu"

    # what each decimal field takes, a kind of lstmkit._checks.NUMBER_KINDS: the one list that
    # this check and `lstmkit text train`'s flags read (the flags restated it)
    _decimal_kinds: ClassVar[dict[str, str]] = {
        "dropout": "[0, 1)",
        "lr": "positive",
        "weight_decay": "non-negative",
        "clip": "positive",
        "neighbours": "[0, 1)",
        "word_dropout": "[0, 1)",
        "ema": "[0, 1)",
        "minutes": "positive",
    }

    def __post_init__(self) -> None:
        python_numbers(self, *self._decimal_kinds)  # np.float32(0.1) -> 0.1, as ForecasterConfig
        problems = []
        python_bools(self, "phrases", "polar_phrases")  # np.True_ is True below
        if self.neutral_words is None:  # what the run does (see _option_problems)
            object.__setattr__(self, "neutral_words", self._sst5() and self.phrases is True)
        # what is no str told its type, a slip the word, as load_sst and TextClassifier say
        if not is_choice(self.task, TASKS):
            problems.append(choice_problem(self.task, "task", tuple(TASKS)) + ".")
        if not is_choice(self.readout, ("last", "max", "mean")):
            readouts, said = ("last", "max", "mean"), "'last', 'max' or 'mean'"
            problems.append(choice_problem(self.readout, "readout", readouts, said) + ".")
        problems += field_problems(
            self,
            positive_ints=(
                "embed_dim",
                "hidden_size",
                "min_freq",
                "batch_size",
                "epochs",
                "oversample",
                "evals_per_epoch",
                "ensemble",
                "jobs",
            ),
            non_negative_ints=("sentence_epochs",),
            kinds=self._decimal_kinds,
            bools=("phrases", "polar_phrases", "neutral_words", "bidirectional"),
            # np.int64(3) too, whose members draw seed + k as an int's do (its top was 2**63 - 1)
            seeds=max(as_int(self.ensemble) or 1, 1),
        )
        problems += self._option_problems()
        problems += [p + "." for p in device_problems(self)]
        if problems:
            raise config_refusal(" ".join(problems), self)

    def _sst5(self) -> bool:
        """Whether the task is SST-5, as a Python bool: ``==`` gave np.False_ for a numpy task
        (``np.float64(1.5)``), then refused as a `neutral_words` the user never passed, and an
        array of several, or a list, failed on the comparison (or in ``in``)."""
        return isinstance(self.task, str) and self.task == "sst5"

    def _option_problems(self) -> list[str]:
        """Refuses the SST-5 phrase options where they would do nothing (and be recorded as
        used)."""
        problems = []
        sst5 = self._sst5()
        for name in ("polar_phrases", "neutral_words"):
            if getattr(self, name) is not True:
                continue
            if not sst5:
                problems.append(
                    f"`{name}` is an SST-5 option and does nothing for task {self.task!r}; "
                    "leave it out."
                )
            elif self.phrases is False:
                problems.append(
                    f"`{name}` does nothing without `phrases` (it concerns the phrase "
                    "examples); leave it out or turn `phrases` on."
                )
        return problems


# the sizes of CharLMConfig that a run continuing a saved model (train_charlm's init_from,
# train-lm --init-from) takes from that model
_CHARLM_SIZES = ("embed_dim", "hidden_size", "num_layers")


@dataclass(frozen=True)
class CharLMConfig:
    """Settings of one character-LM training run.

    Attributes:
        embed_dim: Character embedding size.
        hidden_size: LSTM hidden size.
        num_layers: Stacked LSTM layers.
        dropout: Dropout between layers and before the read-out.
        batch_size: Parallel text streams ``B``.
        bptt: Characters per truncated back-propagation window ``T``.
        lr: Peak Adam learning rate (cosine-decayed to 10 % over the budget, or over the
            steps when they are capped).
        clip: Gradient-norm clipping threshold.
        minutes: Wall-clock training budget. A run it stops depends on the machine's speed.
        max_steps: Stop after this many steps even within the budget (0: no limit); the
            learning rate then decays over the steps, not the clock, so a seed repeats the
            run bit for bit unless the budget stops it first.
        eval_every: Validation every this many steps (the best validation state is kept).
        val_fraction: Last fraction of the text held out (nanoGPT: 0.1).
        seed: Random seed.
        progress: Show a progress bar (``None``: when stderr is a terminal, or a Jupyter
            notebook with ipywidgets, as a widget).
        device: Torch device to train on: cpu, cuda, cuda:1, mps (the CPU is the only one that
            repeats a run bit for bit). A ``torch.device`` or an index is kept as its string. The
            initial weights are drawn on the CPU, so a seed starts every device from the same ones;
            the text moves there, the losses come back as Python numbers. An unusable device is
            refused before training starts.
    """

    embed_dim: int = 64
    hidden_size: int = 256
    num_layers: int = 2
    dropout: float = 0.1
    batch_size: int = 32
    bptt: int = 100
    lr: float = 3e-3
    clip: float = 1.0
    minutes: float = 5.0
    max_steps: int = 0
    eval_every: int = 200
    val_fraction: float = 0.1
    seed: int = 0
    progress: bool | None = None
    device: DeviceLike = "cpu"

    # as SentimentConfig's, for `lstmkit text train-lm` (val_fraction is checked on its own)
    _decimal_kinds: ClassVar[dict[str, str]] = {
        "dropout": "[0, 1)",
        "lr": "positive",
        "clip": "positive",
        "minutes": "positive",
        "val_fraction": "(0, 1)",
    }

    def __post_init__(self) -> None:
        python_numbers(self, *self._decimal_kinds)  # np.float32(0.1) -> 0.1, as ForecasterConfig
        problems = field_problems(
            self,
            positive_ints=(
                "embed_dim",
                "hidden_size",
                "num_layers",
                "batch_size",
                "bptt",
                "eval_every",
            ),
            non_negative_ints=("max_steps",),
            kinds=self._decimal_kinds,
        )
        if not (_is_number(self.val_fraction) and 0.0 < self.val_fraction < 1.0):
            problems.append(
                f"`val_fraction` must be a number in (0, 1), got "
                f"{plain_repr(self.val_fraction, lambda v: 0.0 < v < 1.0)}"
                f"{fraction_hint(self.val_fraction, '(0, 1)')}."
            )
        problems += [p + "." for p in device_problems(self)]
        if problems:
            raise config_refusal(" ".join(problems), self)


def numbers_with(digits: int) -> range:
    """The numbers of ``digits`` digits (0 is one of the 10 of one digit)."""
    return range(0 if digits == 1 else 10 ** (digits - 1), 10**digits)


def numbers_of(digits: int) -> int:
    """How many numbers have ``digits`` digits (0 is one of the 10 of one digit)."""
    return len(numbers_with(digits))


def training_shares(train_size: int, max_digits: int) -> list[int]:
    """The training examples of each digit count ``1..max_digits``: an equal share of
    ``train_size``, the remainder one more each to the shortest counts.

    Example:
        >>> training_shares(20000, 6)
        [3334, 3334, 3333, 3333, 3333, 3333]
    """
    share, extra = divmod(train_size, max_digits)
    return [share + (d < extra) for d in range(max_digits)]


def held_out_room(train_size: int, max_digits: int) -> int:
    """How many distinct numbers of up to ``max_digits`` digits are left to hold out beside
    ``train_size`` training examples: those of each digit count beyond its training share
    (:func:`training_shares`, taken distinct); a count with no more numbers than its share is
    all trained on (:func:`lstmkit.text.seq2seq.split_numbers`).

    Example:
        >>> held_out_room(20000, 6), held_out_room(20000, 4), held_out_room(20000, 3)
        (989001, 4000, 0)
    """
    shares = training_shares(train_size, max_digits)
    return sum(max(0, numbers_of(d) - share) for d, share in enumerate(shares, start=1))


def held_out_problem(train_size: int, test_size: int, max_digits: int) -> str | None:
    """Why ``test_size`` distinct numbers cannot be held out beside ``train_size`` training
    examples of up to ``max_digits`` digits, with a ``train_size`` that leaves them; ``None``
    where they can. ``train_size + test_size <= 10**max_digits`` was asked for while training
    took distinct numbers; it repeats the short ones now, so ``max_digits=4`` with the default
    20,000 and 1,000 holds out 1,000 of the 4,000 four-digit numbers beyond their share."""
    room = held_out_room(train_size, max_digits)
    if test_size <= room:
        return None
    plural = "s" if max_digits > 1 else ""
    if test_size < 10**max_digits:  # held_out_room(1, k) is 10**k - 1: some train_size leaves it
        low, high = 1, train_size  # room at low >= test_size > room at high
        while high - low > 1:
            middle = (low + high) // 2
            if held_out_room(middle, max_digits) >= test_size:
                low = middle
            else:
                high = middle
        advice = f"a `train_size` of at most {low} leaves {test_size}"
    else:
        advice = f"there are {10**max_digits} numbers of up to {max_digits} digit{plural} in all"
    if max_digits < 9:
        advice += ", and a larger `max_digits` has more"
    return (
        f"`test_size` must be <= {room} for `train_size` {train_size} and `max_digits` "
        f"{max_digits}, the numbers of up to {max_digits} digit{plural} left out of the "
        "training (it takes an equal share of each digit count, every number of a count with "
        f"no more numbers than its share), got {test_size}: {advice}."
    )


@dataclass(frozen=True)
class Seq2SeqConfig:
    """Settings of the numbers-to-words run.

    Attributes:
        max_digits: Numbers have 1 to ``max_digits`` digits (at most 9).
        train_size: Training examples, an equal share for each digit count: the numbers of a
            count with no more than its share all in it, repeated (see
            :func:`lstmkit.text.seq2seq.split_numbers`).
        test_size: Distinct held-out numbers, never seen in training, of the digit counts with
            more numbers than their share (4 to 6 digits for the defaults).
        embed_dim: Embedding size.
        hidden_size: LSTM hidden size.
        num_layers: Encoder and decoder layers.
        dropout: Dropout between layers and before the read-out.
        batch_size: Pairs per step.
        lr: Peak Adam learning rate (cosine-decayed to 0 over the planned steps).
        clip: Gradient-norm clipping threshold.
        epochs: Passes over the training pairs.
        minutes: Wall-clock budget.
        beam_size: Beam width for the beam-search accuracy.
        seed: Random seed (data sample, initialisation, shuffling).
        progress: Show a progress bar (``None``: when stderr is a terminal, or a Jupyter
            notebook with ipywidgets, as a widget).
        device: Torch device to train and decode on: cpu, cuda, cuda:1, mps (the CPU is the only one
            that repeats a run bit for bit). A ``torch.device`` or an index is kept as its string.
            The data sample and the initial weights are drawn on the CPU, so a seed starts every
            device from the same ones; the batches move there, the accuracies come back as Python
            numbers. An unusable device is refused before any data is drawn.
    """

    max_digits: int = 6
    train_size: int = 20000
    test_size: int = 1000
    embed_dim: int = 32
    hidden_size: int = 128
    num_layers: int = 2
    dropout: float = 0.0
    batch_size: int = 64
    lr: float = 3e-3
    clip: float = 1.0
    epochs: int = 3
    minutes: float = 15.0
    beam_size: int = 4
    seed: int = 0
    progress: bool | None = None
    device: DeviceLike = "cpu"

    # as SentimentConfig's, for `lstmkit text train-seq2seq`
    _decimal_kinds: ClassVar[dict[str, str]] = {
        "dropout": "[0, 1)",
        "lr": "positive",
        "clip": "positive",
        "minutes": "positive",
    }

    def __post_init__(self) -> None:
        python_numbers(self, *self._decimal_kinds)  # np.float32(0.1) -> 0.1, as ForecasterConfig
        problems = []
        digits = as_int(self.max_digits)  # not a bool: True is no number of digits
        if digits is None or not 1 <= digits <= 9:
            problems.append(
                f"`max_digits` must be an integer in 1..9, got {plain_repr(self.max_digits)}"
                f"{whole_float_hint(self.max_digits, 1, 9)}."
            )
        else:
            object.__setattr__(self, "max_digits", digits)  # np.int64(6) -> 6
        sizes = (as_int(self.train_size), as_int(self.test_size))  # else field_problems names them
        # train_size + test_size <= 10**max_digits was asked for while training took distinct
        # numbers; it repeats the short ones now, and refused max_digits=4 with the defaults
        if not problems and None not in sizes and min(sizes) >= 1:
            if (problem := held_out_problem(*sizes, digits)) is not None:
                problems.append(problem)
        problems += field_problems(
            self,
            positive_ints=(
                "train_size",
                "test_size",
                "embed_dim",
                "hidden_size",
                "num_layers",
                "batch_size",
                "epochs",
                "beam_size",
            ),
            kinds=self._decimal_kinds,
        )
        problems += [p + "." for p in device_problems(self)]
        if problems:
            raise config_refusal(" ".join(problems), self)

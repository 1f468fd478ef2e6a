"""A character-level language model: stacked LSTM, truncated BPTT, sampling with temperature/top-k.

Shape letters: ``B`` batch (parallel streams of text), ``T`` time (characters), ``E`` embedding
size, ``H`` hidden size, ``L`` layers, ``V`` vocabulary size.

Training follows char-rnn (Karpathy 2015) and Zaremba et al. (2014): the training text is cut into
``B`` contiguous streams, consumed ``T`` characters at a time, and the LSTM state reached at the end
of one chunk is the initial state of the next (detached, so gradients are truncated after ``T``
steps). Validation loss is the mean negative log-likelihood in nats per character over the held-out
text, read the same way with carried state. The kept model is the best of the validation checks,
so its loss, reported as ``best_val_loss``, is an optimistic estimate (there is no test split).
"""

from __future__ import annotations

import copy
import logging
import math
import numbers
import os
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Self

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from lstmkit import _reprs
from lstmkit._checks import (
    _CopyOfObject,
    _is_pipe,
    as_int,
    as_path,
    count_too_large,
    exact_number,
    fraction_hint,
    is_finite,
    not_found,
    plain_repr,
    progress_bar,
    progress_problems,
    seed_problem,
    text_file,
    text_refusal,
    typed_repr,
    whole_float_hint,
)
from lstmkit._device import (
    callers_rng_kept,
    check_device,
    doing,
    no_default_device,
    usable_device,
)
from lstmkit._interrupts import _returned, _stop_requests, _StopRequest, _Terminated
from lstmkit._lazy import public_dir
from lstmkit._modes import evaluating
from lstmkit._token_ids import check_token_ids
from lstmkit.nn import LSTM
from lstmkit.text import _io
from lstmkit.text._checks import counted, cut_short, ids_within, int_ids, module_sizes
from lstmkit.text._configs import _CHARLM_SIZES
from lstmkit.text._configs import CharLMConfig as CharLMConfig  # served from here too
from lstmkit.text.sst import find_text_data
from lstmkit.train import (
    _model_device,
    adam,
    check_loss,
    check_weights,
    plot_checks,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "CharLM",
    "CharLMConfig",
    "CharLMResult",
    "CharVocab",
    "GenerationInterrupted",
    "evaluate_loss",
    "generate",
    "load_charlm",
    "load_shakespeare",
    "read_corpus",
    "sample_next",
    "save_charlm",
    "shakespeare_path",
    "split_text",
    "train_charlm",
]
__dir__ = public_dir(globals())

logger = logging.getLogger(__name__)

KIND = "charlm"
State = tuple[torch.Tensor, torch.Tensor]


class CharVocab:
    """Characters ↔ ids; the alphabet is the sorted set of characters of the training text.

    ``chars`` is the alphabet in the order of its ids; a ``set`` (which has no order of its
    own) is sorted.

    Raises:
        TypeError: For ``chars`` that is not iterable (``None``) or holds something other
            than a str.
        ValueError: For ``chars`` that is empty (no model can read or write anything with it),
            or holds a string that is not one character, or a character more than once.
    """

    def __init__(self, chars: Iterable[str]) -> None:
        if not isinstance(chars, Iterable):  # list(None) said "'NoneType' object is not iterable"
            raise TypeError(
                f"`chars` must be an iterable of single characters (str), got {typed_repr(chars)}."
            )
        unordered = isinstance(chars, set | frozenset)
        chars = list(chars)  # read once: a generator was used up by the first check below
        if not chars:  # it encoded only '' and fitted no model (CharLM refuses vocab_size 0)
            raise ValueError("`chars` must hold at least one character, got none.")
        odd = [c for c in chars if not isinstance(c, str)]
        if odd:
            raise TypeError(f"`chars` must be single characters (str), got {typed_repr(odd[0])}.")
        problems = _alphabet_problems(chars)
        if problems:
            raise ValueError(f"`chars` must be distinct single characters, got {problems}.")
        if unordered:  # a set's order changes from run to run (str hashes are salted), and the
            chars.sort()  # ids with it: sorted, as from_text sorts, they are the same in every run
        self.chars = chars
        self.stoi = {c: i for i, c in enumerate(self.chars)}

    @classmethod
    def from_text(cls, text: str) -> Self:
        """The alphabet of ``text``: its distinct characters, sorted.

        Raises:
            TypeError: For a ``text`` that is not a str.
            ValueError: For an empty ``text`` (it has no alphabet).
        """
        codes = _code_points(text)
        if not codes.size:
            raise ValueError("`text` must hold at least one character, got ''.")
        return cls(_alphabet(codes))

    def __len__(self) -> int:
        return len(self.chars)

    def __repr__(self) -> str:
        """Size and the first 30 characters of the alphabet (``...`` if more follow).

        Example:
            >>> CharVocab.from_text("to be or not")
            CharVocab(size=7, chars=' benort')
        """
        more = "..." if len(self.chars) > 30 else ""
        return f"CharVocab(size={len(self)}, chars={''.join(self.chars[:30])!r}{more})"

    def encode(self, text: str) -> list[int]:
        """Maps characters to ids; raises ``ValueError`` listing every unknown character, and
        ``TypeError`` for a ``text`` that is not a str."""
        return self._id_array(_code_points(text)).tolist()

    def _ids(self, codes: np.ndarray) -> torch.Tensor:
        """The int64 ids of the characters whose code points are ``codes``, as a tensor."""
        return torch.from_numpy(self._id_array(codes))

    def _table(self) -> np.ndarray:
        """The id of each code point up to the alphabet's largest, -1 for those outside it, and
        a last -1 that stands for every code point above. Built once per alphabet (``chars``
        is a list, so a changed one builds it again): built at every call, it took most of the
        time of encoding a short string (10,000 prompts of 20 characters)."""
        if getattr(self, "_table_of", None) != self.chars:
            own = _code_points("".join(self.chars))
            table = np.full(int(own.max(initial=0)) + 2, -1, np.int64)
            table[own] = np.arange(len(own))
            self._table_of, self._table_ids = list(self.chars), table
        return self._table_ids

    def _id_array(self, codes: np.ndarray) -> np.ndarray:
        """The int64 ids of the characters whose code points are ``codes``, looked up in one
        table indexed by code point (a 20 MB text took 7 s character by character)."""
        table = self._table()
        ids = table[np.minimum(codes, len(table) - 1)]
        if (ids < 0).any():
            unknown = [chr(c) for c in np.unique(codes[ids < 0])]  # sorted, as characters are
            raise ValueError(
                f"`text` contains characters outside the model's alphabet: {unknown!r}; "
                f"allowed: {''.join(self.chars)!r}."
            )
        return ids

    def decode(self, ids: Sequence[int]) -> str:
        """The characters of ``ids``.

        Raises:
            TypeError: For ``ids`` that is not a sequence of ints (a str, a float or bool id).
            ValueError: Naming the ids outside ``[0, len(self))``.
        """
        values, size = int_ids(ids), len(self.chars)
        if not ids_within(ids, values, size):  # one min and max, not a test per id
            outside = sorted({i for i in values if not 0 <= i < size})
            raise ValueError(
                f"`ids` must lie in [0, {len(self.chars)}) (the alphabet's size), got "
                f"{outside[:5]}{' ...' if len(outside) > 5 else ''}."
            )
        return "".join([self.chars[i] for i in values])


def _alphabet_problems(chars: list[str]) -> str:
    """What keeps the strs ``chars`` from being an alphabet (``'ab' (not one character) and
    'a' more than once``), or ``''``."""
    long = [c for c in chars if len(c) != 1]
    repeated = sorted(c for c, n in Counter(chars).items() if n > 1)
    return " and ".join(
        ([f"{long[0]!r} (not one character)"] if long else [])
        + ([f"{', '.join(map(repr, repeated))} more than once"] if repeated else [])
    )


def _code_points(text: str) -> np.ndarray:
    """The code point of each character of ``text`` (uint32; a lone surrogate, which a str may
    hold, is its own code point)."""
    if not isinstance(text, str):  # str.encode below would fail as "no attribute 'encode'"
        raise TypeError(f"`text` must be a str, got {type(text).__name__}.")
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _alphabet(codes: np.ndarray) -> list[str]:
    """The distinct characters of ``codes``, sorted as ``sorted(set(text))`` sorts them."""
    return [chr(c) for c in np.flatnonzero(np.bincount(codes))] if codes.size else []


class CharLM(nn.Module):
    """Embedding → stacked LSTM → dropout → linear read-out to next-character logits.

    Args:
        vocab_size: Alphabet size ``V``.
        embed_dim: Character embedding size ``E``.
        hidden_size: LSTM hidden size ``H``.
        num_layers: Stacked LSTM layers ``L``.
        dropout: Dropout between layers and before the read-out, in ``[0, 1)``.

    Raises:
        ValueError: Listing every size that is not a positive integer and a ``dropout`` outside
            ``[0, 1)``.

    Shape:
        - tokens: ``[B, T]`` int64.
        - state: ``(h, c)``, each ``[L, B, H]``, or ``None`` for zeros.
        - output: logits ``[B, T, V]`` and the final state.
    """

    # set in __init__ (the sizes as checked there); declared for type checkers
    vocab_size: int
    embed_dim: int
    hidden_size: int
    num_layers: int
    dropout: float

    def __init__(
        self,
        vocab_size: int,
        embed_dim: int = 64,
        hidden_size: int = 256,
        num_layers: int = 2,
        dropout: float = 0.0,
    ) -> None:
        super().__init__()
        given: dict[str, object] = {
            "vocab_size": vocab_size,
            "embed_dim": embed_dim,
            "hidden_size": hidden_size,
            "num_layers": num_layers,
        }
        dropout = exact_number(dropout)  # np.float32(0.1) is 0.1, as in the configs
        # vocab_size=0 made a model with nothing to predict, silently
        vocab_size, embed_dim, hidden_size, num_layers = module_sizes(given, dropout).values()
        self.vocab_size, self.embed_dim = vocab_size, embed_dim
        self.hidden_size, self.num_layers, self.dropout = hidden_size, num_layers, float(dropout)
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        between = dropout if num_layers > 1 else 0.0  # the read-out dropout below works alone
        self.rnn = LSTM(embed_dim, hidden_size, num_layers, batch_first=True, dropout=between)
        self.head = nn.Linear(hidden_size, vocab_size)

    def config(self) -> dict[str, Any]:
        """The constructor arguments, JSON-serialisable (used when saving)."""
        return {
            "vocab_size": self.vocab_size,
            "embed_dim": self.embed_dim,
            "hidden_size": self.hidden_size,
            "num_layers": self.num_layers,
            "dropout": self.dropout,
        }

    def forward(
        self, tokens: torch.Tensor, state: State | None = None
    ) -> tuple[torch.Tensor, State]:
        """Next-character logits ``[B, T, V]`` and the state after ``tokens [B, T]``.

        Raises:
            TypeError: When ``tokens`` is not a tensor of int64 or int32 ids.
            ValueError: When an id lies outside ``[0, vocab_size)`` (values and positions named).
        """
        check_token_ids(tokens=(tokens, self.vocab_size, "the model's `vocab_size`"))
        out, state = self.rnn(self.embedding(tokens), state)  # out: [B, T, H]
        return self.head(F.dropout(out, self.dropout, self.training)), state

    if TYPE_CHECKING:  # calls type as ``forward``: nn.Module's ``__call__`` is typed Any, and
        # pyright keeps that over ``__call__ = forward``; a ``def`` of forward's signature it takes
        def __call__(
            self, tokens: torch.Tensor, state: State | None = None
        ) -> tuple[torch.Tensor, State]: ...


def split_text(text: str, val_fraction: float = 0.1) -> tuple[str, str]:
    """nanoGPT's split: the first ``1 - val_fraction`` of the characters train, the rest validate.

    Args:
        text: The corpus.
        val_fraction: Held-out fraction at the end.

    Returns:
        ``(train_text, val_text)``.

    Raises:
        TypeError: For a ``text`` that is not a str.
        TypeError: For a ``val_fraction`` given as text (``"20%"``).
        ValueError: For a ``val_fraction`` that is not a number in ``[0, 1]``.
    """
    if not isinstance(text, str):
        raise TypeError(f"`text` must be a str, got {type(text).__name__}.")
    # 2 held out everything; a numpy number (np.float32(0.1)) is one, as it was read before
    real = isinstance(val_fraction, numbers.Real) and not isinstance(val_fraction, bool)
    if not (real and 0.0 <= val_fraction <= 1.0):
        message = (
            f"`val_fraction` must be a number in [0, 1], got {plain_repr(val_fraction, True)}"
            f"{fraction_hint(val_fraction, '[0, 1]')}."
        )
        # text for a number is a TypeError, as time_split's test="20%" is
        raise TypeError(message) if isinstance(val_fraction, str | bytes) else ValueError(message)
    n = _train_length(len(text), val_fraction)
    return text[:n], text[n:]


def _train_length(chars: int, val_fraction: float) -> int:
    """How many of ``chars`` characters :func:`split_text` gives the training part. A numpy
    float counts in its own precision, as numpy 2 does (NEP 50): numpy 1 counted
    ``np.float32(0.2)`` as 0.2000000030 in float64 and gave 10 characters 7 to train, not 8.
    A count beyond the float's range (65504 for float16) counts in float64: numpy's own
    product is infinite there ("cannot convert float infinity to integer")."""
    if isinstance(val_fraction, np.floating):
        if chars > float(np.finfo(val_fraction).max):
            return int(chars * (1 - float(val_fraction)))
        kind = type(val_fraction)
        return int(kind(chars) * (kind(1) - val_fraction))
    return int(chars * (1 - val_fraction))


def shakespeare_path(data_dir: str | Path | None = None) -> Path:
    """Where Tiny Shakespeare is: ``tinyshakespeare/input.txt`` in the shared text data folder,
    or where it is missing its one compressed namesake (``input.txt.gz``, a ``.zip`` of it,
    ...), which :func:`read_corpus` unpacks.

    Raises:
        FileNotFoundError: When the data folder or the file is missing.
        ValueError: When the file is missing and packed several ways.
    """
    path = find_text_data(data_dir) / "tinyshakespeare" / "input.txt"
    if not path.is_file():
        from lstmkit.data import _packed_namesake  # it imports pandas: for a missing file alone

        if (packed := _packed_namesake(path, "Tiny Shakespeare's folder")) is None:
            from lstmkit._remedies import remedy

            # it said where it looked, not how to point it elsewhere
            raise FileNotFoundError(
                f"Tiny Shakespeare file not found: {str(path)!r}. Put it there, or pass "
                f"{remedy('`data_dir`', '--data-dir')} with the folder that holds "
                "tinyshakespeare/input.txt."
            )
        path = packed
    return path


def read_corpus(path: str | Path | IO[str] | IO[bytes]) -> str:
    """Reads a UTF-8 text file to train on (a byte-order mark at its start is dropped).

    A compressed file is unpacked by its name's end, as :func:`lstmkit.data.read_csv` unpacks
    a CSV: ``.gz``, ``.bz2``, ``.xz``, ``.zst`` (with the ``zstandard`` package), or a
    ``.zip``, ``.tar`` (``.tar.gz``, ...) of one file. ``path`` may be a file object too, as
    read_csv takes one (``io.StringIO(text)``, ``open(...)`` in text or binary mode), read
    once from where it stands; compressed bytes are unpacked as they begin.

    Raises:
        FileNotFoundError: When the file is missing.
        TypeError: When ``path`` is no str, Path or file object.
        ValueError: When it is empty or not UTF-8 text (a byte that is not UTF-8, or a NUL
            byte, which text does not hold: a UTF-16 file without a byte-order mark), or an
            archive of other than one file, or cannot be unpacked as its name's end says, or
            is compressed or an archive under a name that does not say so (told the suffix
            that has it unpacked), naming the file and where.
    """
    if isinstance(path, _CopyOfObject):  # named as its stream is (the CLI's of stdin)
        return _corpus_text(path)
    # read without importing pandas; a named pipe, read once, as a file object is
    if isinstance(path, str | os.PathLike) and not _is_pipe(file := as_path(path, "`path`")):
        return _corpus_text(file)
    from lstmkit.data import _path_of

    with _path_of(path) as file:  # a file object, as read_csv takes one; or no path
        return _corpus_text(file)


def _corpus_text(file: Path) -> str:
    """The text of the corpus file at ``file``, as :func:`read_corpus` reads it."""
    if not file.is_file():
        raise not_found(file, "`path`", "data.txt")
    # a NUL byte decodes as U+0000, so a UTF-16 file without a byte-order mark trained as text,
    # silently; named where it comes before any byte that is not UTF-8
    text = text_file(file, repr(str(file)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as read_text reads newlines
    if not text:
        raise ValueError(
            f"{str(file)!r} is empty; expected the text to train a character model on."
        )
    return text


def load_shakespeare(data_dir: str | Path | None = None) -> str:
    """Reads Tiny Shakespeare (``tinyshakespeare/input.txt`` in the shared text data folder)."""
    return read_corpus(shakespeare_path(data_dir))


def check_corpus(text: str, config: CharLMConfig, name: str = "`text`") -> None:
    """Refuses a corpus too short for ``config``, before any training.

    The training part (the first ``1 - val_fraction``) is cut into ``batch_size`` streams, each
    read ``bptt`` characters at a time with the next character as target, so one stream must
    hold at least 2 characters and ``bptt`` can be at most its length minus 1; the validation
    part needs at least 2 characters.

    Args:
        text: The whole corpus.
        config: The run's settings.
        name: How messages name the corpus (the CLI passes the file).

    Raises:
        TypeError: For a ``config`` that is not a :class:`CharLMConfig`, or a ``text`` that is
            not a str.
        ValueError: Naming the corpus, the limit and the setting that exceeds it.
    """
    if not isinstance(config, CharLMConfig):  # None failed as "no attribute 'val_fraction'"
        raise TypeError(f"`config` must be a CharLMConfig, got {type(config).__name__}.")
    train_text, val_text = split_text(text, config.val_fraction)
    stream = len(train_text) // config.batch_size
    problems, short = [], []  # both parts short are one sentence: "too short" was said twice
    if stream < 2:
        short.append(
            f"its {counted(len(train_text), 'training character')} (all but the "
            f"`val_fraction`={config.val_fraction:g} held out) must make `batch_size`="
            f"{config.batch_size} streams of at least 2 characters ({2 * config.batch_size} "
            "characters)"
        )
    elif config.bptt > stream - 1:
        problems.append(
            f"`bptt` must be at most {stream - 1} (the {len(train_text)} training characters "
            f"of {name} make `batch_size`={config.batch_size} streams of {stream}), "
            f"got {config.bptt}."
        )
    if len(val_text) < 2:
        short.append(
            f"its held-out part (`val_fraction`={config.val_fraction:g}) must have at least 2 "
            f"characters, got {len(val_text)}"
        )
    if short:
        # what the whole corpus needs: a one-character file was told of its "0 training
        # characters" and a held-out part of 1, which left the reader to work out the total
        least = _least_corpus(config)
        needs = (
            f"; it has {counted(len(text), 'character')} in all, where `batch_size`="
            f"{config.batch_size} streams of `bptt`={config.bptt} + 1 characters and the "
            f"held-out part need at least {least:,}"
            if least is not None
            else ""
        )
        problems.append(
            f"{name} is too short: "
            + ", and ".join(short)
            + needs
            + _fitting(len(train_text), config) * (len(val_text) >= 2)
            + "."
        )
    if problems:
        raise ValueError(" ".join(problems))


def _fitting(train_chars: int, config: CharLMConfig) -> str:
    """The way out of a training part too short for ``config``'s streams: the ``batch_size``
    (and ``bptt``) that :func:`check_corpus` takes for ``train_chars`` training characters, or
    nothing where none does (fewer than 2). The refusal gave the characters needed alone, where
    a short text is usually learnt with smaller settings."""
    if train_chars < 2:
        return ""
    if (most := train_chars // (config.bptt + 1)) >= 1:  # streams of bptt + 1 characters
        return f"; `batch_size` {most} or less fits it (with `bptt` {config.bptt})"
    return f"; `batch_size` 1 with `bptt` {train_chars - 1} or less fits it"


def _least_corpus(config: CharLMConfig) -> int | None:
    """The fewest characters a corpus needs for :func:`check_corpus` to pass under ``config``
    (``batch_size`` streams of ``bptt + 1`` characters, at least 2, and 2 held out), or
    ``None`` where no length does (``val_fraction`` 0 or 1)."""
    fraction = float(config.val_fraction)
    if not 0.0 < fraction < 1.0:
        return None
    need = config.batch_size * max(2, config.bptt + 1)
    # split_text rounds the training part down: start just below the bound and count up
    start = max(0, int(max(need / (1.0 - fraction), 1.0 / fraction)) - 2)
    for chars in range(start, start + 1000):
        train = _train_length(chars, config.val_fraction)
        if train >= need and chars - train >= 2:
            return chars
    return None


def _checked_sizes(ids: torch.Tensor, **sizes: object) -> list[int]:
    """``sizes`` as Python ints, once ``ids`` is a 1-D tensor and each size a positive integer.

    Raises:
        TypeError: Listing an ``ids`` that is not a tensor and every size that is not an int
            (bools are refused).
        ValueError: Listing an ``ids`` that is not 1-D and every size < 1 or past torch's
            int64 (``2**63 - 1``, as the configs' counts).
    """
    ints = {name: as_int(value) for name, value in sizes.items()}
    wrong = [
        f"`{name}` must be an integer, got {plain_repr(value)}{whole_float_hint(value)}."
        for name, value in sizes.items()
        if ints[name] is None
    ]
    if not isinstance(ids, torch.Tensor):
        wrong.insert(0, f"`ids` must be a tensor, got {type(ids).__name__}.")
    if wrong:  # bptt=2.5 failed in range(), batch_size="4" in //
        raise TypeError(" ".join(wrong))
    problems = [] if ids.ndim == 1 else [f"`ids` must be 1-D, got shape {tuple(ids.shape)}."]
    for name, n in ints.items():
        if (large := count_too_large(n, f"`{name}`")) is not None:
            problems.append(large + ".")  # bptt=10**30 was taken, where the configs refuse it
        elif n is not None and n < 1:
            problems.append(f"`{name}` must be a positive integer, got {plain_repr(n)}.")
    if problems:  # batch_size=0 was a ZeroDivisionError, bptt=0 "range() arg 3 must not be zero"
        raise ValueError(" ".join(problems))
    return [n for n in ints.values() if n is not None]


def streams(ids: torch.Tensor, batch_size: int) -> torch.Tensor:
    """Cuts a 1-D id tensor into ``batch_size`` contiguous rows ``[B, N // B]`` (tail dropped).

    Raises:
        TypeError: For an ``ids`` that is not a tensor or a ``batch_size`` that is not an int.
        ValueError: For an ``ids`` that is not 1-D, a ``batch_size`` < 1, or fewer than 2
            characters per row.
    """
    (batch_size,) = _checked_sizes(ids, batch_size=batch_size)
    n = ids.numel() // batch_size
    if n < 2:
        raise ValueError(
            f"text of {ids.numel()} characters is too short for `batch_size`={batch_size}."
        )
    return ids[: n * batch_size].view(batch_size, n)


def _detach(state: State) -> State:
    return (state[0].detach(), state[1].detach())


@torch.no_grad()
def evaluate_loss(model: CharLM, ids: torch.Tensor, batch_size: int = 16, bptt: int = 256) -> float:
    """Mean next-character negative log-likelihood (nats/char) over ``ids``, state carried (read
    on the model's device): ``ids`` is cut into ``batch_size`` streams (see :func:`streams`),
    read ``bptt`` characters at a time.

    Raises:
        TypeError: Listing an ``ids`` that is not a tensor and a ``batch_size`` or ``bptt``
            that is not an int.
        ValueError: Listing an ``ids`` that is not 1-D and a ``batch_size`` or ``bptt`` < 1;
            for too few characters per stream (see :func:`streams`).
    """
    batch_size, bptt = _checked_sizes(ids, batch_size=batch_size, bptt=bptt)
    data = streams(ids, batch_size).to(_model_device(model))
    total, count, state = 0.0, 0, None
    with evaluating(model):  # each submodule's mode back, also when this fails
        for s in range(0, data.shape[1] - 1, bptt):
            x = data[:, s : s + bptt]
            y = data[:, s + 1 : s + 1 + bptt]
            x = x[:, : y.shape[1]]
            logits, state = model(x, state)
            total += float(
                F.cross_entropy(
                    logits.reshape(-1, logits.shape[-1]), y.reshape(-1), reduction="sum"
                )
            )
            count += y.numel()
    return total / count


@dataclass
class CharLMResult:
    """A trained character LM with its alphabet and metrics."""

    model: CharLM
    vocab: CharVocab
    config: CharLMConfig
    metrics: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        """Its fields, the model by its class and size and the metrics without their long
        entries (the dataclass's repr printed the module tree and every check of the history)."""
        return _reprs.fields(self)

    def plot_training(self, path: str | Path | None = None, title: str | None = None) -> Figure:
        """The validation loss (nats per character) at every check, the kept check circled.

        Args:
            path: where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``;
                missing folders are created (an unknown suffix is a ValueError).
            title: the figure title, or ``None``.

        Returns:
            The matplotlib ``Figure`` (not attached to pyplot).
        """
        return plot_checks(
            [[(step, loss) for step, _seconds, loss in self.metrics["history"]]],
            ylabel="validation loss (nats per character)",
            higher_is_better=False,
            best_steps=[self.metrics["best_step"]],
            path=path,
            title=title,
        )


@dataclass
class _Start:
    """A saved model a run starts from (:func:`train_charlm`'s ``init_from``): its weights, its
    alphabet and what the run records of it."""

    state: dict[str, torch.Tensor]
    vocab: CharVocab
    record: dict[str, Any]


def _start_from(
    init_from: str | os.PathLike[str], text: str, config: CharLMConfig, name: str = "`text`"
) -> _Start:
    """The model saved in ``init_from`` to continue training on ``text`` under ``config``,
    refused where its sizes or alphabet do not fit them; ``name``: how messages name the text.

    Raises:
        TypeError: For an ``init_from`` that is no ``str`` or ``Path``.
        FileNotFoundError, ValueError: As :func:`load_charlm` raises them (the folder named).
        ValueError: Naming each size of ``config`` other than the saved model's, or the
            characters of ``text`` outside the saved alphabet.
    """
    if not isinstance(init_from, (str, os.PathLike)) or isinstance(init_from, bytes):
        raise TypeError(
            "`init_from` must be the folder of a saved character LM (a str or Path), got "
            f"{type(init_from).__name__}."
        )
    model, vocab = load_charlm(init_from)
    folder = _io.model_folder(init_from)
    shown = str(folder)
    saved = {size: getattr(model, size) for size in _CHARLM_SIZES}
    if other := [size for size in _CHARLM_SIZES if getattr(config, size) != saved[size]]:
        raise ValueError(
            f"`init_from` {shown!r} holds a model of "
            + ", ".join(f"`{size}` {saved[size]}" for size in _CHARLM_SIZES)
            + "; a run that continues it keeps its sizes, got "
            + ", ".join(f"`{size}` {getattr(config, size)}" for size in other)
            + " (give "
            + ", ".join(f"`{size}` {saved[size]}" for size in other)
            + ", or leave `init_from` out to train a new model)."
        )
    if outside := sorted(set(text) - set(vocab.stoi)):
        listed = ", ".join(map(repr, outside[:10])) + (", ..." if len(outside) > 10 else "")
        raise ValueError(
            f"{name} has {counted(len(outside), 'character')} outside the alphabet of the model "
            f"in `init_from` {shown!r}: {listed}; a run that continues it reads its text in "
            f"that alphabet of {len(vocab)} characters, {''.join(vocab.chars)!r} (leave those "
            "characters out of the text, or leave `init_from` out to train a new model on "
            "its own alphabet)."
        )
    metrics = _io.read_config(folder, KIND).get("metrics")
    metrics = metrics if isinstance(metrics, dict) else {}
    record = {
        "folder": shown,
        "corpus": metrics.get("corpus"),
        "steps": metrics.get("steps"),
        "best_val_loss": metrics.get("best_val_loss"),
    }
    return _Start(model.state_dict(), vocab, record)


@no_default_device
def train_charlm(
    text: str, config: CharLMConfig, *, init_from: str | os.PathLike[str] | None = None
) -> CharLMResult:
    """Trains a :class:`CharLM` on ``text`` for ``config.minutes`` of wall-clock time.

    Args:
        text: The whole corpus; split with :func:`split_text`.
        config: The run's settings.
        init_from: The folder of a model saved by :func:`save_charlm` (``lstmkit text train-lm
            --out``) to continue training, as char-rnn's ``-init_from``: its weights and its
            alphabet, where ``config``'s sizes (``embed_dim``, ``hidden_size``,
            ``num_layers``) must be the saved model's and ``text`` written in its alphabet;
            ``config.dropout`` is this run's (``train-lm --init-from`` takes the saved one
            where ``--dropout`` is left out).
            The optimizer's state is not saved: Adam starts afresh, the learning rate decays
            from ``config.lr`` over this run and the text is read from its start, so ``N``
            steps then ``M`` continued ones are not the ``N + M`` steps of one run.
            ``metrics["init_from"]`` records the folder, the saved run's corpus, steps and
            loss, and ``val_loss_at_start``, the saved model's loss on this text's validation
            part before any step (``None`` without ``init_from``), which is the run's check 0
            (``history``'s first, at step 0): where no later check beats it, the model
            returned is the saved one, unchanged (``best_step`` 0).

    Returns:
        The model with the best validation loss and ``metrics``: ``best_val_loss`` (nats/char;
        the minimum over the ``val_checks`` checks, every ``eval_every`` steps and after the
        last, so optimistic: the same text selects and measures), ``best_step``,
        ``final_val_loss`` (after the last step), ``steps``, ``train_seconds``, ``history``,
        ``interrupted`` (``None``, or where a Ctrl-C stopped the run).

    Raises:
        TypeError: When ``config`` is not a :class:`CharLMConfig`, or ``text`` not a str.
        ValueError: When ``text`` is too short for the settings (see :func:`check_corpus`),
            ``config.device`` is not usable here, or the model of ``init_from`` does not fit
            ``config``'s sizes or ``text``'s characters (each named).
        FileNotFoundError: When ``init_from`` or one of its files is missing.
        DivergedError: When the training loss becomes NaN or infinite (lower ``lr``).
        TrainingInterrupted: After a Ctrl-C, with the result at the step it stopped (see
            :class:`~lstmkit.train.TrainingInterrupted`).
    """
    if not isinstance(config, CharLMConfig):
        raise TypeError(f"`config` must be a CharLMConfig, got {type(config).__name__}.")
    if not isinstance(text, str):  # a number was "object of type 'int' has no len()"
        raise TypeError(f"`text` must be a str (the whole corpus), got {type(text).__name__}.")
    check_device(config.device)
    check_corpus(text, config)
    saved = None if init_from is None else _start_from(init_from, text, config)
    return _train_started(text, config, saved)


@no_default_device
def _train_started(text: str, config: CharLMConfig, saved: _Start | None) -> CharLMResult:
    """:func:`train_charlm` once ``text`` and ``config`` (its device too) are checked and the
    model to continue is loaded (``saved``, by :func:`_start_from`; ``None`` for a new model):
    the command line loads it once, to name its flags in a refusal and to train."""
    # training seeds torch's global generator; the caller's draws go on as they were
    with callers_rng_kept(config.device), _stop_requests() as stop:
        return _returned(_train_charlm(text, config, stop, saved))


def _train_charlm(
    text: str, config: CharLMConfig, stop: _StopRequest, saved: _Start | None = None
) -> CharLMResult:
    """:func:`train_charlm` once its arguments are checked; it ends early once ``stop`` is
    set, as when the budget runs out. ``saved``: the model it continues, or ``None``."""
    torch.manual_seed(config.seed)
    codes = _code_points(text)  # [N], split as split_text splits the text
    vocab = CharVocab(_alphabet(codes)) if saved is None else saved.vocab
    n = _train_length(len(codes), config.val_fraction)
    train_ids, val_ids = vocab._ids(codes[:n]), vocab._ids(codes[n:])
    # each step named in a device's out-of-memory error (see doing), as forecast's are
    with doing("moving the training text to it"):
        data = streams(train_ids, config.batch_size).to(config.device)
    # drawn on the CPU whatever the device, so a seed gives the same initial weights everywhere
    model = CharLM(
        len(vocab), config.embed_dim, config.hidden_size, config.num_layers, config.dropout
    )
    if saved is not None:  # drawn all the same: the run's later draws (dropout) as a new run's
        model.load_state_dict(saved.state)
    with doing("moving the network to it"):
        model.to(config.device)
    optimizer = adam(model.parameters(), config.lr)
    budget = 60.0 * config.minutes
    val_batch = max(1, min(16, val_ids.numel() // (2 * config.bptt)))
    init_from = None
    best: tuple[float, int, dict[str, torch.Tensor] | None] = (math.inf, 0, None)
    history: list[tuple[int, float, float]] = []
    if saved is not None:  # the saved model's loss on this text, before any step
        at_start = evaluate_loss(model, val_ids, val_batch)
        init_from = saved.record | {"val_loss_at_start": at_start}
        # check 0: a continued run whose checks are all worse keeps the model it started from,
        # as it keeps its best check over a later one (it was saved worse than it started)
        best = (at_start, 0, copy.deepcopy(model.state_dict()))
        history.append((0, 0.0, at_start))
    start, step, state = time.perf_counter(), 0, None
    pos = 0
    bar = progress_bar(config.progress, desc="train-lm", unit="step")
    try:
        with doing("training the network"):
            model.train()
            while True:
                elapsed = time.perf_counter() - start
                if stop or elapsed >= budget or (config.max_steps and step >= config.max_steps):
                    break
                if pos + 1 >= data.shape[1]:  # next epoch: start the streams again from zero state
                    pos, state = 0, None
                x = data[:, pos : pos + config.bptt]
                y = data[:, pos + 1 : pos + 1 + config.bptt]
                x = x[:, : y.shape[1]]
                pos += x.shape[1]
                # over the steps when they are capped: the clock would make the weights depend on
                # the machine's speed even in a run that makes all its steps
                frac = step / config.max_steps if config.max_steps else elapsed / budget
                for group in optimizer.param_groups:  # cosine decay, floor at 10 %
                    group["lr"] = config.lr * (
                        0.1 + 0.45 * (1 + math.cos(math.pi * min(frac, 1.0)))
                    )
                logits, state = model(x, state)
                state = _detach(state)
                loss = F.cross_entropy(logits.reshape(-1, len(vocab)), y.reshape(-1))
                check_loss(loss, f"step {step + 1}", config.lr)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), config.clip)
                optimizer.step()
                step += 1
                bar.update(1)
                bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
                if step % config.eval_every == 0:
                    val = evaluate_loss(model, val_ids, val_batch)
                    history.append((step, round(time.perf_counter() - start, 1), val))
                    logger.info("step %d: train %.3f, val %.4f nats/char", step, loss.item(), val)
                    if val < best[0]:
                        best = (val, step, copy.deepcopy(model.state_dict()))
    finally:
        bar.close()
    if config.max_steps and step < config.max_steps and not stop:  # capped, yet the clock ended it
        logger.warning("%s", cut_short(step, config.max_steps))
    seconds = time.perf_counter() - start
    if not history or history[-1][0] != step:  # else the last step was just checked
        history.append((step, round(seconds, 1), evaluate_loss(model, val_ids, val_batch)))
    final = history[-1][2]
    val, best_step = final, step
    if best[2] is not None and best[0] < final:
        model.load_state_dict(best[2])
        val, best_step = best[0], best[1]
    check_weights(model, config.lr)
    model.eval()
    metrics = {
        "best_val_loss": val,  # the kept model's: the best of the checks, so biased low
        "best_step": best_step,
        "final_val_loss": final,
        "val_checks": len(history),
        "steps": step,
        "train_seconds": round(seconds, 1),
        "train_chars": train_ids.numel(),
        "val_chars": val_ids.numel(),
        "parameters": sum(p.numel() for p in model.parameters()),
        "history": history,
        "interrupted": {"signal": stop.signal, "step": step} if stop else None,
        "init_from": init_from,  # the saved model continued, or None
        "seed": config.seed,
        "threads": torch.get_num_threads(),  # the float rounding, so the weights, can depend on it
    }
    return CharLMResult(model, vocab, config, metrics)


class GenerationInterrupted(KeyboardInterrupt):
    """Ctrl-C (or, on the command line, SIGTERM) during :func:`generate`, with the text so far.

    A ``KeyboardInterrupt``, so Ctrl-C still stops a script as it always does; catch it to keep
    what was drawn before it (``lstmkit text generate`` prints that text, then exits with 130)::

        try:
            text = generate(model, vocab, "ROMEO:", length=100_000)
        except GenerationInterrupted as stop:
            text = stop.text  # the prompt and the characters drawn before the Ctrl-C

    The same seed draws the same characters (:func:`generate`'s ``seed``): run again, it gives
    ``text`` again as the start of the ``length`` characters asked for.

    Attributes:
        text: The prompt followed by the characters generated before the interrupt.
        generated: How many characters that is after the prompt.
        signal: ``"SIGINT"`` (Ctrl-C) or ``"SIGTERM"`` (on the command line), as
            :class:`~lstmkit.train.TrainingInterrupted` names it.
    """

    def __init__(self, text: str, generated: int, signal: str = "SIGINT") -> None:
        # uncaught (a notebook cell's `text = generate(...)`), the exception is reachable only
        # as sys.last_value, as TrainingInterrupted says
        super().__init__(
            f"generation interrupted ({signal}) after {generated} "
            f"character{'s' if generated != 1 else ''}; the text so far is in `.text` "
            "(uncaught, as in a notebook cell: `sys.last_value.text`)"
        )
        # which signal it was, which the command line read from `__cause__` (its private class)
        self.text, self.generated, self.signal = text, generated, signal

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with the arguments it is made from, as
        :class:`~lstmkit.train.TrainingInterrupted` is: from its ``args`` (the message) alone,
        ``pickle.loads`` failed ("missing 1 required positional argument: 'generated'")."""
        return type(self), (self.text, self.generated, self.signal), self.__dict__


@torch.no_grad()
def generate(
    model: CharLM,
    vocab: CharVocab,
    prompt: str,
    length: int = 200,
    temperature: float = 1.0,
    top_k: int | None = None,
    seed: int | None = None,
    *,
    progress: bool | None = None,
) -> str:
    """Continues ``prompt`` by sampling ``length`` characters.

    The prompt is read in one pass; then each new character costs one LSTM step with the carried
    state, so the cost per character does not grow with the length of the text. The model runs
    on its device; each character is drawn on the CPU, with the random numbers the seed gives
    there on every device (the text is the CPU's only where the model's probabilities are too:
    a GPU may compute them a little differently, and one character drawn otherwise changes
    the rest).

    Args:
        model: A trained :class:`CharLM`.
        vocab: Its alphabet.
        prompt: Non-empty starting text (characters of the alphabet only).
        length: Characters to generate.
        temperature: Divides the logits; lower is more conservative. ``0`` means greedy. The
            default ``1.0`` samples the model's own distribution; ``lstmkit text generate``
            defaults to ``0.8`` (``--temperature``), a little more conservative.
        top_k: Sample only among the ``top_k`` most likely characters (``None``: all; one
            larger than the alphabet samples among all of it, as nanoGPT's and Hugging Face's
            ``top_k`` do).
        seed: Seed for a private random generator (same seed, same text).
        progress: A bar over the characters on stderr, drawn once the generation has run for
            2 s (a short one draws nothing); ``None``, the default, draws it where stderr is a
            terminal (or a notebook can draw it), as the configs' ``progress`` does.

    Returns:
        ``prompt`` followed by the generated characters.

    Raises:
        TypeError: Listing every argument of a wrong type (a ``model`` that is no module, a
            ``vocab`` that is no :class:`CharVocab`, a ``prompt`` that is not a str, a
            ``length``, ``top_k`` or ``seed`` that is not an int, a ``temperature`` that is not
            a real number, a ``progress`` that is not True, False or None; bools are refused;
            text is told the number it reads as, and is a ``ValueError`` too, as the configs'
            is).
        ValueError: Listing every argument out of range (a ``length`` below 0 or past torch's
            int64, ``2**63 - 1``, as ``--length`` and the configs' counts), and the prompt's
            characters outside the alphabet, and a ``vocab`` whose size is not the model's
            ``vocab_size`` (another text's alphabet).
        GenerationInterrupted: On Ctrl-C after the prompt was read, with the text so far (the
            ``KeyboardInterrupt`` raised, a SIGTERM's on the command line, is its ``__cause__``).
    """
    wrong = []
    if not isinstance(model, nn.Module):  # a CharLMResult failed as "no attribute 'stoi'"
        hint = " (and its `.vocab` as `vocab`)" if isinstance(model, CharLMResult) else ""
        wrong.append(
            f"`model` must be a CharLM, got {type(model).__name__}"
            + (f"; pass its `.model`{hint}." if hasattr(model, "model") else ".")
        )
    if not isinstance(vocab, CharVocab):
        wrong.append(
            f"`vocab` must be a CharVocab (load_charlm returns it with the model), got "
            f"{type(vocab).__name__}."
        )
    if not isinstance(prompt, str):
        wrong.append(f"`prompt` must be a str, got {type(prompt).__name__}.")
    for name, value, optional in (("length", length, False), ("top_k", top_k, True)):
        if as_int(value) is None and not (optional and value is None):
            wrong.append(
                f"`{name}` must be an integer{' or None' if optional else ''}, got "
                f"{plain_repr(value)}{whole_float_hint(value, int(name == 'top_k'))}."
            )
    if isinstance(temperature, bool) or not isinstance(temperature, numbers.Real):
        wrong.append(f"`temperature` must be a real number, got {temperature!r}.")
    if seed is not None and as_int(seed) is None:
        wrong.append(
            f"`seed` must be an integer or None, got {plain_repr(seed)}{whole_float_hint(seed, 0)}."
        )
    wrong += [p + "." for p in progress_problems(progress)]
    if wrong:
        # text told the number it reads as, as seed_everything("0") and the configs tell it
        refusal = text_refusal(
            " ".join(wrong),
            {"length": length, "top_k": top_k, "temperature": temperature, "seed": seed},
            lambda read: {
                name
                for name, n in read.items()
                if (name == "temperature" and n < 0)  # a text read as a number is finite
                or (name != "temperature" and as_int(n) is None)
                or n < int(name == "top_k")
                or (name == "seed" and seed_problem(n) is not None)
            },
        )
        raise refusal if isinstance(refusal, TypeError) else TypeError(refusal)
    length = int(length)  # temperature after the check: float(10**400) failed
    top_k = None if top_k is None else int(top_k)
    seed = None if seed is None else int(seed)
    problems = []
    if (size := getattr(model, "vocab_size", len(vocab))) != len(vocab):
        # another text's alphabet sampled other characters silently, or failed in decoding
        problems.append(
            f"`vocab` has {len(vocab)} characters but `model` predicts {size} (its "
            "`vocab_size`); pass the alphabet it was trained with (load_charlm returns both)."
        )
    if not prompt:
        problems.append("`prompt` must be non-empty, got ''.")
    if (large := count_too_large(length, "`length`")) is not None:
        problems.append(large + ".")  # 10**30 sampled without end, where --length refuses it
    elif length < 0:
        problems.append(f"`length` must be an integer >= 0, got {plain_repr(length)}.")
    if not (temperature >= 0 and is_finite(temperature)):
        problems.append(
            f"`temperature` must be a finite number >= 0, got {plain_repr(temperature, True)}."
        )
    if top_k is not None and top_k < 1:  # one past the alphabet samples among all of it
        problems.append(f"`top_k` must be a positive integer or None, got {top_k}.")
    if (problem := seed_problem(seed, optional=True)) is not None:
        problems.append(problem + ".")
    outside = sorted({c for c in prompt if c not in vocab.stoi})
    if outside:
        # 'é' typed as 'e' and a combining accent (a macOS file name, a copied text) was refused
        # as "['́']", a lone accent, where the alphabet holds 'é'
        composed = unicodedata.normalize("NFC", prompt)
        fits = composed != prompt and all(c in vocab.stoi for c in composed)
        # bytes that are not UTF-8 (`--prompt $'\xe9'` typed on a Latin-1 terminal) come as
        # Python's escapes '\udc80'..'\udcff' of them: refused as ['\udce9'], with no word why
        escaped = bytes(ord(c) - 0xDC00 for c in prompt if "\udc80" <= c <= "\udcff")
        if fits:
            why = (
                " (accents written as separate characters: composed, as Unicode's NFC writes "
                "them, they are in the alphabet)"
            )
        elif escaped:
            some = "byte" if len(escaped) == 1 else "bytes"
            # Latin-1 named only where it reads the bytes as letters (b'\xe9': 'é'); b'\x90'
            # is a control character in it, typed in another encoding (Windows-1252's '\x90')
            latin = ", Latin-1 say" if escaped.decode("latin-1").isalpha() else ""
            why = (
                f" (the {some} {escaped!r} {'is' if len(escaped) == 1 else 'are'} not UTF-8, "
                f"which Python reads: typed in another encoding{latin}; set the terminal's "
                "encoding to UTF-8, or give the prompt in UTF-8)"
            )
        else:
            why = ""
        problems.append(
            f"`prompt` contains characters outside the model's alphabet: {outside!r}{why}"
            f"; allowed: {''.join(vocab.chars)!r}."
        )
    if problems:
        raise ValueError(" ".join(problems))
    temperature = float(temperature)
    ids = vocab.encode(prompt)
    generator = torch.Generator().manual_seed(seed) if seed is not None else None
    device = _model_device(model)
    with evaluating(model):
        logits, state = model(torch.tensor([ids], device=device))
        last = logits[0, -1].cpu()
        out: list[int] = []
        # --length 1000000000 printed nothing until Ctrl-C: a bar once it has run for 2 s
        # (tqdm's delay), so the short generations that are most draw nothing
        bar = progress_bar(
            progress, total=length, desc="generate", unit="char", leave=False, delay=2.0
        )
        try:
            with bar:  # closed on a Ctrl-C too
                for _ in range(length):
                    nxt = _draw(last, temperature, top_k, generator)  # settings checked above
                    out.append(nxt)
                    logits, state = model(torch.tensor([[nxt]], device=device), state)
                    last = logits[0, -1].cpu()
                    bar.update()
        except KeyboardInterrupt as stop:
            # minutes of sampling (10,000 characters on a busy machine) are not thrown away
            signal = "SIGTERM" if isinstance(stop, _Terminated) else "SIGINT"
            raise GenerationInterrupted(prompt + vocab.decode(out), len(out), signal) from stop
    return prompt + vocab.decode(out)


def sample_next(
    logits: torch.Tensor,
    temperature: float = 1.0,
    top_k: int | None = None,
    generator: torch.Generator | None = None,
) -> int:
    """Draws one id from ``softmax(logits / temperature)`` restricted to the ``top_k`` largest.

    The largest logit is subtracted before dividing, which leaves the distribution unchanged but
    keeps a tiny ``temperature`` from overflowing: the result then tends to greedy (the most
    likely id, or a draw among ties), as at ``temperature=0``. The draw is made on the
    ``generator``'s device, where the probabilities are moved, so a CPU generator takes a CUDA
    model's logits and draws the numbers it draws on the CPU. The id is the CPU's only where
    the logits are too: a model on a GPU may compute them a little differently, and torch does
    not promise that a CUDA generator seeded alike draws the numbers a CPU one does.

    Raises:
        TypeError: Listing a ``temperature`` that is not a real number, a ``top_k`` that is
            not an int or None (bools are refused) and a ``generator`` that is not a
            ``torch.Generator`` or None (text is told the number it reads as, and is a
            ``ValueError`` too, as in :func:`generate`).
        ValueError: Listing a ``temperature`` that is negative or not finite and a ``top_k``
            < 1 or past torch's int64 (``2**63 - 1``).
    """
    wrong = []
    if isinstance(temperature, bool) or not isinstance(temperature, numbers.Real):
        wrong.append(f"`temperature` must be a real number, got {temperature!r}.")
    if top_k is not None and as_int(top_k) is None:
        wrong.append(
            f"`top_k` must be an integer or None, got {plain_repr(top_k)}{whole_float_hint(top_k)}."
        )
    if generator is not None and not isinstance(generator, torch.Generator):
        # its device is read before the draw: a seed passed as it failed as an AttributeError
        wrong.append(f"`generator` must be a torch.Generator or None, got {generator!r}.")
    if wrong:
        # text told the number it reads as, as generate and the configs tell it
        refusal = text_refusal(
            " ".join(wrong),
            {"temperature": temperature, "top_k": top_k},
            lambda read: {
                name
                for name, n in read.items()
                if n < int(name == "top_k") or (name == "top_k" and as_int(n) is None)
            },
        )
        raise refusal if isinstance(refusal, TypeError) else TypeError(refusal)
    problems = []
    if not (temperature >= 0 and is_finite(temperature)):  # -1 sampled the least likely
        problems.append(
            f"`temperature` must be a finite number >= 0, got {plain_repr(temperature, True)}."
        )
    if (large := count_too_large(top_k, "`top_k`")) is not None:
        problems.append(large + ".")  # as generate's and the configs' counts
    elif top_k is not None and top_k < 1:  # 0 failed as "index -1 is out of bounds"
        problems.append(f"`top_k` must be a positive integer or None, got {top_k}.")
    if problems:
        raise ValueError(" ".join(problems))
    return _draw(logits, temperature, top_k, generator)


def _draw(
    logits: torch.Tensor, temperature: float, top_k: int | None, generator: torch.Generator | None
) -> int:
    """:func:`sample_next` without its checks, for :func:`generate`, which checks the same
    settings (and bounds ``top_k`` by the alphabet) once, not once per character."""
    if temperature == 0:
        return int(logits.argmax())
    if float(torch.tensor(temperature, dtype=logits.dtype)) == 0:
        # the temperature rounds to 0 in the logits' dtype (1e-50 in float32), and 0 / 0 at the
        # maximum would be NaN: divide in float64, which holds every positive Python float
        logits = logits.double()
    logits = (logits - logits.max()) / temperature  # <= 0 everywhere, 0 at the maximum
    if top_k is not None and top_k < logits.numel():
        kth = torch.topk(logits, top_k).values[-1]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    probs = torch.softmax(logits, -1)
    if generator is not None and probs.device != generator.device:
        # drawn on the generator's device, where its numbers are: a CPU generator with CUDA
        # logits failed ("Expected a 'cuda' device type for generator but found 'cpu'")
        probs = probs.to(generator.device)
    return int(torch.multinomial(probs, 1, generator=generator))


_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def save_charlm(result: CharLMResult, out_dir: str | Path, *, overwrite: bool = False) -> Path:
    """Writes ``model.safetensors`` and ``config.json`` (model, alphabet, training settings)
    into ``out_dir`` (created if needed) and returns it as a ``Path``. The alphabet is saved
    as one string, or as a list of its characters where the string would read back as
    another (a lone high surrogate before a lone low one: JSON joins them into one).

    ``overwrite=True`` saves over what ``out_dir`` holds, as Keras' ``model.save(...,
    overwrite=True)`` does: another kind of saved model, a ``config.json`` that is no saved
    model's, or files of the names written without ``config.json`` (those a killed save left,
    say), which are otherwise refused.

    Raises:
        TypeError: For a ``result`` that is not a :class:`CharLMResult` (a bare model, say),
            or an ``overwrite`` that is no bool.
        ValueError: When ``out_dir`` cannot take the model, by the rule every saver takes
            (:func:`lstmkit.io.check_save_dir`): an existing file or a path through one, a
            folder holding another kind of saved model, a ``config.json`` that is no saved
            model's (damaged, or another program's), a folder without ``config.json`` that
            holds files of the names the save writes (the message names them), or a run folder
            of ``lstmkit forecast --out`` (its model is in its ``model/``); nothing is written.
    """
    if not isinstance(result, CharLMResult):  # a bare model failed as "no attribute 'model'"
        raise TypeError(
            f"`result` must be a CharLMResult (what train_charlm returns), got "
            f"{type(result).__name__}."
        )
    chars = "".join(result.vocab.chars)
    config = {
        "model": result.model.config(),
        # a lone high surrogate before a lone low one (the alphabet of a text holding both)
        # reads back from JSON as the one character of that pair: the model would not load
        "chars": list(result.vocab.chars) if _SURROGATE_PAIR.search(chars) else chars,
        "train": asdict(result.config),
        "metrics": result.metrics,
    }
    return _io.save_model(out_dir, result.model, config, KIND, overwrite=overwrite)


@no_default_device
def load_charlm(
    model_dir: str | Path, device: str | torch.device = "cpu"
) -> tuple[CharLM, CharVocab]:
    """Loads a folder written by :func:`save_charlm` (or ``lstmkit text train-lm``), or one whose
    ``model/`` holds it (read as ``Forecaster.load`` reads a run folder), onto ``device`` (the
    CPU by default, wherever the model was trained).

    Raises:
        FileNotFoundError: When the folder or one of its files is missing.
        TypeError: For a ``model_dir`` that is no ``str`` or ``Path`` (``None``, say).
        ValueError: When a file is damaged or the files do not fit together (named), or
            ``device`` is not usable here (checked first).
    """
    device = usable_device(device)
    model_dir = _io.model_folder(model_dir)
    config = _io.read_config(model_dir, KIND)

    def parts() -> tuple[CharLM, CharVocab]:
        chars = config["chars"]
        if not isinstance(chars, (str, list)) or not all(isinstance(c, str) for c in chars):
            raise TypeError(
                f"its entry 'chars' must be the alphabet as a string, got {type(chars).__name__} "
                f"{chars!r}"
            )
        if not chars:  # else CharVocab's "`chars` must ...", an argument the reader never gave
            raise ValueError(
                f"its entry 'chars' must be the alphabet as a non-empty string, got {chars!r}"
            )
        problems = _alphabet_problems(list(chars))
        if problems:  # as for an empty one: CharVocab's message names an argument never given
            raise ValueError(
                f"its entry 'chars' must be the alphabet as a string of distinct characters, "
                f"got {chars!r}: {problems}"
            )
        vocab = CharVocab(list(chars))
        model = CharLM(**config["model"])
        if len(vocab) != model.vocab_size:
            raise ValueError(
                f"its alphabet has {len(vocab)} characters but its model {model.vocab_size}"
            )
        return model, vocab

    model, vocab = _io.build_model(model_dir, "character language model", config, parts)
    _io.load_state(model_dir, model)
    return model.to(device).eval(), vocab

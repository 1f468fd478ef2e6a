"""Sequence to sequence with an LSTM encoder-decoder (Sutskever, Vinyals & Le, 2014).

Shape letters: ``B`` batch, ``S`` source length, ``T`` target length, ``E`` embedding size, ``H``
hidden size, ``L`` layers, ``V`` target vocabulary size, ``K`` beam size.

The encoder reads the source (reversed, as in the paper: the first source tokens end up closest to
the first target tokens) and its final state ``(h_n, c_n)`` is the decoder's initial state. The
decoder is trained with teacher forcing: it reads ``<bos> y_1 … y_n`` and predicts ``y_1 … y_n
<eos>``. Decoding is greedy or by beam search.

The demonstration task has exact ground truth: a number written in digits → the same number in
English words (``"4012"`` → ``"four thousand twelve"``). Source and target lengths vary
independently, and one source digit can decide words far away, so the model must plan the output.
"""

from __future__ import annotations

import logging
import math
import reprlib
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from lstmkit import _reprs
from lstmkit._checks import (
    MAX_COUNT,
    ConfigTypeError,
    _type_name,
    and_more,
    as_int,
    count_too_large,
    exact_number,
    plain_repr,
    plural_s,
    progress_bar,
    text_refusal,
    typed_repr,
    value_repr,
    whole_float_hint,
)
from lstmkit._device import (
    callers_rng_kept,
    check_device,
    doing,
    drawn_on,
    no_default_device,
    usable_device,
)
from lstmkit._interrupts import _returned, _stop_requests, _StopRequest
from lstmkit._lazy import public_dir
from lstmkit._modes import evaluating
from lstmkit._token_ids import check_token_ids
from lstmkit.nn import LSTM
from lstmkit.text import _io
from lstmkit.text._checks import (
    counted,
    cut_short,
    few_steps,
    ids_within,
    int_ids,
    module_sizes,
    sentences,
)
from lstmkit.text._configs import Seq2SeqConfig as Seq2SeqConfig  # served from here too
from lstmkit.text._configs import held_out_problem, numbers_of, numbers_with
from lstmkit.text._configs import training_shares as training_shares  # served from here too
from lstmkit.text.vocab import pad_batch
from lstmkit.train import _model_device, adam, check_loss, check_weights

__all__ = [
    "Seq2Seq",
    "Seq2SeqConfig",
    "Seq2SeqResult",
    "beam_decode",
    "decode_words",
    "encode_number",
    "fit_seq2seq",
    "greedy_decode",
    "load_seq2seq",
    "max_output_len",
    "number_to_words",
    "save_seq2seq",
    "saved_max_digits",
    "sequence_accuracy",
    "spell",
    "split_numbers",
    "train_numbers",
]
__dir__ = public_dir(globals())

logger = logging.getLogger(__name__)

KIND = "seq2seq"
TRAIN_EVAL_PAIRS = 1000
"""How many distinct training numbers (the first ones, in training order) the training accuracy
is measured on. The first training pairs repeat the short numbers, a sixth of them of one digit:
the first 1,000 of the defaults' (seed 0) held the 10 one-digit numbers 152 times, 748 distinct
numbers in all; its first 1,000 distinct ones are 10 of one digit, 83 of two, 208 of three and
227, 232 and 240 of four to six."""
PAD, BOS, EOS = 0, 1, 2
NEVER_EMITTED = (PAD, BOS)
"""Target ids a decoder never outputs: ``<pad>`` only fills batches and ``<bos>`` only starts the
decoder's input, so neither is ever a training target and the model is never taught to avoid them.
(The target vocabulary has no ``<unk>``; a vocabulary that gives one an ordinary id keeps it
allowed, since "a word the vocabulary lacks" is a legitimate answer.)"""
State = tuple[torch.Tensor, torch.Tensor]

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_to_words(n: int) -> str:
    """English words for ``0 <= n < 10**9`` (no "and", no hyphens: ``"twenty one"``).

    Raises:
        TypeError: When ``n`` is not an int (a bool, a float or a digit string; see
            :func:`normalize_number` for the last).
        ValueError: When ``n`` is out of range.
    """
    if as_int(n) is None:  # True read "one"; 4.0 failed indexing the word lists
        raise TypeError(f"`n` must be an integer, got {typed_repr(n)}.")
    n = int(n)
    if not 0 <= n < 10**9:
        raise ValueError(f"`n` must be in [0, 10**9), got {plain_repr(n)}.")
    if n == 0:
        return "zero"

    def below_thousand(m: int) -> list[str]:
        words = []
        if m >= 100:
            words += [_ONES[m // 100], "hundred"]
            m %= 100
        if m >= 20:
            words.append(_TENS[m // 10])
            m %= 10
        if m:
            words.append(_ONES[m])
        return words

    words: list[str] = []
    for scale, name in ((10**6, "million"), (10**3, "thousand"), (1, "")):
        part = (n // scale) % 1000
        if part:
            words += below_thousand(part) + ([name] if name else [])
    return " ".join(words)


SOURCE_TOKENS = ["<pad>", *"0123456789"]
TARGET_TOKENS = [
    "<pad>",
    "<bos>",
    "<eos>",
    *_ONES,
    *_TENS[2:],
    "hundred",
    "thousand",
    "million",
]


def encode_number(n: int) -> tuple[list[int], list[int]]:
    """``(source ids, target ids)`` for one number (target without ``<bos>``/``<eos>``).

    Raises:
        TypeError, ValueError: As :func:`number_to_words`, for an ``n`` it refuses.
    """
    words = number_to_words(n)  # first: True, -5 and 4.0 failed as "'T' is not in list"
    src = [SOURCE_TOKENS.index(d) for d in str(int(n))]
    tgt = [TARGET_TOKENS.index(w) for w in words.split()]
    return src, tgt


def _count_refusal(
    problems: list[str], counts: dict[str, Any], high: float = MAX_COUNT
) -> ValueError:
    """The ValueError of ``problems``; where one of ``counts`` (positive integers up to
    ``high``, torch's int64 by default) is text, a TypeError too, telling the number it reads
    as (``spell(..., beam_size="2")`` was a bare ValueError, where the configs and ``generate``
    tell the text)."""
    refusal = text_refusal(
        " ".join(problems),
        counts,
        lambda read: {n for n, v in read.items() if as_int(v) is None or not 1 <= v <= high},
    )
    return _bool_typed(refusal, counts)


def _bool_typed(refusal: ValueError, counts: dict[str, Any]) -> ValueError:
    """``refusal`` as a :class:`~lstmkit._checks.ConfigTypeError` (a ``TypeError``, still a
    ``ValueError``) where one of ``counts`` is a bool, as the configs refuse
    ``Seq2SeqConfig(beam_size=True)``: ``beam_decode(..., beam_size=True)`` was a plain
    ``ValueError`` in the same words."""
    if type(refusal) is ValueError and any(isinstance(v, bool | np.bool_) for v in counts.values()):
        return ConfigTypeError(str(refusal))
    return refusal


def _positive_count(name: str, value: Any) -> str | None:
    """The message for a count ``value`` of ``name`` (``beam_size``, ``max_len``) that is no
    integer >= 1 or is past torch's int64, as the configs' counts are refused; else None.
    ``max_len=10**30`` decoded without end where the model never emits ``<eos>``."""
    if (large := count_too_large(value, f"`{name}`")) is not None:
        return large + "."
    if as_int(value) is None or value < 1:
        shown = plain_repr(value)  # 5, not np.int64(5) under numpy 2 alone
        return f"`{name}` must be a positive integer, got {shown}{whole_float_hint(value)}."
    return None


def _draw_of(digits: int, generator: torch.Generator) -> int:
    """One number of ``digits`` digits, uniform, drawn on ``generator``'s device."""
    numbers = numbers_with(digits)
    on = drawn_on(generator)  # not torch.set_default_device's, where a CPU generator failed
    return int(torch.randint(numbers.start, numbers.stop, (1,), generator=generator, device=on))


def split_numbers(
    train_size: int, test_size: int, max_digits: int, generator: torch.Generator
) -> tuple[list[int], list[int]]:
    """``(training numbers, held-out numbers)`` for :func:`train_numbers`.

    Each digit count ``d`` in ``1..max_digits`` gets an equal share of the ``train_size``
    training examples (:func:`training_shares`). A count with no more numbers than its share
    (the 10 of one digit, the 90 of two, the 900 of three for the defaults' 3,333) is trained on
    every one of them, repeated to fill its share (each as often, give or take one, those one
    more time drawn at random), and none is held out. The ``test_size`` held-out numbers are
    distinct, drawn first from the other counts (a digit count uniform among those with numbers
    left beyond their training share, then a number of it uniform, a repeat drawn again), and
    never trained on; the training takes its share of each of those counts as distinct numbers
    drawn at random from the rest. The training numbers are returned shuffled. So the held-out
    accuracy measures numbers never seen of the longer counts (4 to 6 digits for the
    defaults), and every shorter number is learnt.

    Distinct numbers drawn with a uniform digit count, as the sample was drawn before (by
    ``sample_numbers``, since removed), held few short ones (of 20,000, 8 of one digit and 83
    of two), and a trained model spelt 9 of the 10 one-digit numbers wrong.

    Raises:
        ValueError: Where ``test_size`` is more than the numbers left out of the training
            (:func:`lstmkit.text._configs.held_out_problem`, as :class:`Seq2SeqConfig` says).

    Example:
        >>> train, test = split_numbers(12, 2, 2, torch.Generator().manual_seed(0))
        >>> len(train), len(test), sum(n < 10 for n in train)
        (12, 2, 6)
    """
    if (problem := held_out_problem(train_size, test_size, max_digits)) is not None:
        raise ValueError(problem)  # as Seq2SeqConfig says; drawing from no count failed in torch
    shares = dict(enumerate(training_shares(train_size, max_digits), start=1))
    # what a count can hold out, its share kept distinct for training; these add up to at
    # least test_size (held_out_problem)
    room = {d: numbers_of(d) - share for d, share in shares.items() if numbers_of(d) > share}
    on = drawn_on(generator)
    held: dict[int, None] = {}
    while len(held) < test_size:
        counts = [d for d, left in room.items() if left]
        digits = counts[int(torch.randint(0, len(counts), (1,), generator=generator, device=on))]
        if (n := _draw_of(digits, generator)) not in held:
            held[n] = None
            room[digits] -= 1
    train: list[int] = []
    for digits, share in shares.items():
        if digits not in room:  # every number of these digits, repeated to fill the share
            every = list(numbers_with(digits))
            times, rest = divmod(share, len(every))
            extra = torch.randperm(len(every), generator=generator, device=on)[:rest].tolist()
            train += every * times + [every[i] for i in sorted(extra)]
        else:
            drawn: dict[int, None] = {}
            while len(drawn) < share:
                if (n := _draw_of(digits, generator)) not in held:
                    drawn[n] = None
            train += list(drawn)
    order = torch.randperm(len(train), generator=generator, device=on).tolist()
    return [train[i] for i in order], list(held)


class Seq2Seq(nn.Module):
    """LSTM encoder-decoder.

    Args:
        source_vocab: Source vocabulary size (id 0 is padding).
        target_vocab: Target vocabulary size ``V`` (ids 0, 1, 2: ``<pad>``, ``<bos>``, ``<eos>``).
        embed_dim: Embedding size ``E`` (source and target).
        hidden_size: LSTM hidden size ``H``.
        num_layers: Layers ``L`` of the encoder and of the decoder.
        dropout: Dropout between layers and before the read-out, in ``[0, 1)``.

    Raises:
        ValueError: Listing every size out of range (``source_vocab >= 2``,
            ``target_vocab >= 3``, the others >= 1) and a ``dropout`` outside ``[0, 1)``.
    """

    # set in __init__ (the sizes as checked there); declared for type checkers
    source_vocab: int
    target_vocab: int
    embed_dim: int
    hidden_size: int
    num_layers: int
    dropout: float

    def __init__(
        self,
        source_vocab: int,
        target_vocab: int,
        embed_dim: int = 32,
        hidden_size: int = 128,
        num_layers: int = 2,
        dropout: float = 0.0,
    ) -> None:
        super().__init__()
        given: dict[str, object] = {
            "source_vocab": source_vocab,
            "target_vocab": target_vocab,
            "embed_dim": embed_dim,
            "hidden_size": hidden_size,
            "num_layers": num_layers,
        }
        minimum = {
            "source_vocab": (2, " (id 0 is padding)"),
            "target_vocab": (3, " (ids 0, 1, 2 are <pad>, <bos>, <eos>)"),
        }
        dropout = exact_number(dropout)  # np.float32(0.1) is 0.1, as in the configs
        # target_vocab=2 had no <eos>: decoding failed deep inside the head
        sizes = module_sizes(given, dropout, minimum)
        source_vocab, target_vocab, embed_dim, hidden_size, num_layers = sizes.values()
        self.source_vocab, self.target_vocab = source_vocab, target_vocab
        self.embed_dim, self.hidden_size = embed_dim, hidden_size
        self.num_layers, self.dropout = num_layers, float(dropout)
        self.source_embedding = nn.Embedding(source_vocab, embed_dim, padding_idx=PAD)
        between = dropout if num_layers > 1 else 0.0  # the read-out dropout works alone
        self.encoder = LSTM(embed_dim, hidden_size, num_layers, batch_first=True, dropout=between)
        self.target_embedding = nn.Embedding(target_vocab, embed_dim, padding_idx=PAD)
        self.decoder = LSTM(embed_dim, hidden_size, num_layers, batch_first=True, dropout=between)
        self.head = nn.Linear(hidden_size, target_vocab)

    def config(self) -> dict[str, Any]:
        """The constructor arguments, JSON-serialisable (used when saving)."""
        return {
            "source_vocab": self.source_vocab,
            "target_vocab": self.target_vocab,
            "embed_dim": self.embed_dim,
            "hidden_size": self.hidden_size,
            "num_layers": self.num_layers,
            "dropout": self.dropout,
        }

    def _source_ids(self, source: torch.Tensor) -> tuple[torch.Tensor, int, str]:
        return source, self.source_vocab, "the model's `source_vocab`; 0 is padding"

    def _target_ids(self, tokens: torch.Tensor) -> tuple[torch.Tensor, int, str]:
        return tokens, self.target_vocab, "the model's `target_vocab`; 0 is padding"

    def encode(self, source: torch.Tensor, lengths: torch.Tensor) -> State:
        """Final encoder state ``(h_n, c_n)``, each ``[L, B, H]``; source ``[B, S]`` padded,
        its true lengths ``[B]`` in ``lengths``.

        Raises:
            TypeError: When ``source`` is not a tensor of int64 or int32 ids, or ``lengths``
                are not integers.
            ValueError: When an id lies outside ``[0, source_vocab)`` (values and positions),
                or ``lengths`` is not one length in ``[1, S]`` per sequence.
        """
        check_token_ids(source=self._source_ids(source))
        return self._encode(source, lengths)

    def _encode(self, source: torch.Tensor, lengths: torch.Tensor) -> State:
        _, state = self.encoder(self.source_embedding(source), lengths=lengths)
        return state

    def decode_step(self, tokens: torch.Tensor, state: State) -> tuple[torch.Tensor, State]:
        """Log-probabilities ``[B, T, V]`` of the next tokens after reading ``tokens [B, T]``.

        Raises:
            TypeError: When ``tokens`` is not a tensor of int64 or int32 ids.
            ValueError: When an id lies outside ``[0, target_vocab)`` (values and positions).
        """
        check_token_ids(tokens=self._target_ids(tokens))
        return self._decode_step(tokens, state)

    def _decode_step(self, tokens: torch.Tensor, state: State) -> tuple[torch.Tensor, State]:
        out, state = self.decoder(self.target_embedding(tokens), state)
        logits = self.head(F.dropout(out, self.dropout, self.training))
        return logits.log_softmax(-1), state

    def forward(
        self, source: torch.Tensor, lengths: torch.Tensor, decoder_input: torch.Tensor
    ) -> torch.Tensor:
        """Teacher-forced log-probabilities ``[B, T, V]`` for ``decoder_input [B, T]`` after
        the padded ``source [B, S]`` of true lengths ``lengths [B]``.

        Raises:
            TypeError: Listing ``source`` and ``decoder_input`` where not tensors of int64 or
                int32 ids; for ``lengths`` as :meth:`encode`.
            ValueError: Listing ``source`` ids outside ``[0, source_vocab)`` and
                ``decoder_input`` ids outside ``[0, target_vocab)`` (values and positions); for
                ``lengths`` as :meth:`encode`.
        """
        check_token_ids(
            source=self._source_ids(source), decoder_input=self._target_ids(decoder_input)
        )
        return self._decode_step(decoder_input, self._encode(source, lengths))[0]

    if TYPE_CHECKING:  # calls type as ``forward``: nn.Module's ``__call__`` is typed Any, and
        # pyright keeps that over ``__call__ = forward``; a ``def`` of forward's signature it takes
        def __call__(
            self, source: torch.Tensor, lengths: torch.Tensor, decoder_input: torch.Tensor
        ) -> torch.Tensor: ...


def _never_emitted_masked(log_probs: torch.Tensor) -> torch.Tensor:
    """A copy of next-token ``log_probs [..., V]`` with :data:`NEVER_EMITTED` set to ``-inf``.

    Not renormalised: a hypothesis keeps the model's log-probability, so scores stay comparable
    with what teacher forcing gives. Indexing with a list works on any device.
    """
    masked = log_probs.clone()
    masked[..., list(NEVER_EMITTED)] = float("-inf")
    return masked


def _reverse_sources(sources: Sequence[Sequence[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    return pad_batch([list(reversed(s)) for s in sources])


# Arrays of ids, which take the place of lists: a source is 1-D, a batch of sources 2-D.
_ARRAYS = (torch.Tensor, np.ndarray)


def _is_ids(value: object, ndim: int) -> bool:
    """Whether ``value`` can hold ids as a source (``ndim`` 1) or a batch of them (2): a
    sequence other than a str, or an array with ``ndim`` dimensions."""
    if isinstance(value, _ARRAYS):
        return value.ndim == ndim
    return isinstance(value, Sequence) and not isinstance(value, str)


def _is_batch(value: object) -> bool:
    """Whether ``value``, a sequence, holds sequences of ids only (a batch of sources)."""
    items = value.tolist() if isinstance(value, _ARRAYS) else list(value)  # type: ignore[attr-defined]
    return bool(items) and all(_is_ids(item, 1) for item in items)


def _outside(ids: list[object], low: int, high: int) -> bool:
    """Whether some of ``ids`` is no int id in ``[low, high)``."""
    for i in ids:
        as_id = as_int(i)
        if as_id is None or not low <= as_id < high:
            return True
    return False


def _check_model(model: object) -> None:
    """Refuses a ``model`` that is no module with a ``TypeError``: a :class:`Seq2SeqResult`
    (what :func:`train_numbers` returns) failed as "no attribute 'source_vocab'"."""
    if not isinstance(model, nn.Module):
        raise TypeError(
            f"`model` must be a Seq2Seq, got {type(model).__name__}"
            + ("; pass its `.model`." if hasattr(model, "model") else ".")
        )


def _check_sources(
    sources: Sequence[Sequence[int]], source_vocab: int, name: str
) -> list[list[int]]:
    """The sources as lists of ints, or one ``ValueError`` naming every bad one.

    Each must be non-empty with ids in ``[1, source_vocab)``: 0 is padding (the digit ``0`` is
    id 1, see :data:`SOURCE_TOKENS`), and an id past the embedding is no token of the model.
    A source that is no sequence of ids (a bare id, a str) is a ``TypeError``: ``sources`` flat
    ``[5, 1, 2]`` for greedy decoding's ``[[5, 1, 2]]`` is the usual slip.
    """
    flat = [k for k, seq in enumerate(sources) if not _is_ids(seq, 1)]
    if name == "source" and not flat and _is_batch(sources[0]):
        # [[5, 1, 2]], greedy_decode's batch, was "must hold int ids", where its 2-D tensor
        # was this TypeError
        raise TypeError(
            f"`source` must be one sequence of ids (e.g. [5, 1, 2]), got "
            f"{typed_repr(sources[0])}, a batch of sources (as greedy_decode takes them); "
            "beam_decode decodes one: pass each of them."
        )
    if flat:
        if name == "source":
            raise TypeError(
                f"`source` must be one sequence of ids (e.g. [5, 1, 2]), got "
                f"{typed_repr(sources[0])}."
            )
        raise TypeError(
            f"`sources` must be a sequence of id sequences, one per source (e.g. [[5, 1, 2]]), "
            f"got {typed_repr(sources[flat[0]])} at `sources[{flat[0]}]`"
            + ("; wrap a single source in a list." if len(flat) == len(sources) else ".")
        )
    problems, out = [], []
    for k, seq in enumerate(sources):
        ids = seq.tolist() if isinstance(seq, _ARRAYS) else list(seq)
        where = f"{name}[{k}]" if name == "sources" else name
        if not ids:
            problems.append(f"`{where}` must be non-empty, got {ids!r}.")
        elif _outside(ids, 1, source_vocab):
            problems.append(
                f"`{where}` must hold int ids in [1, {source_vocab}) (0 is padding; the digit "
                f"0 is id 1), got {ids!r}."
            )
        out.append([int(i) for i in ids] if not problems else [])
    if problems:
        raise ValueError(" ".join(problems))
    return out


def teacher_forcing_batch(
    targets: Sequence[Sequence[int]],
) -> tuple[torch.Tensor, torch.Tensor]:
    """``(decoder input [B, T] = <bos> y, decoder target [B, T] = y <eos>)``, padded with 0."""
    inp, _ = pad_batch([[BOS, *t] for t in targets])
    out, _ = pad_batch([[*t, EOS] for t in targets])
    return inp, out


@torch.no_grad()
def greedy_decode(
    model: Seq2Seq, sources: Sequence[Sequence[int]], max_len: int = 20
) -> list[list[int]]:
    """Most probable next token at every step, for a batch of sources (``<eos>`` stripped).

    ``<pad>`` and ``<bos>`` are never chosen (see :data:`NEVER_EMITTED`). The model runs on its
    device; the tokens chosen are kept on the CPU, which reads them after every step anyway (to
    stop when every output has ended).

    Args:
        model: The trained model; it runs in eval mode and gets its own mode back after.
        sources: ``B`` non-empty source id sequences (not reversed), ids in
            ``[1, model.source_vocab)``.
        max_len: Longest output, ``<eos>`` included (>= 1).

    Returns:
        ``B`` lists of target ids.

    Raises:
        TypeError: For a ``model`` that is no module (a :class:`Seq2SeqResult`: pass its
            ``.model``), and ``sources`` that is not a sequence of id sequences (a flat
            ``[5, 1, 2]``, a 1-D tensor, a str).
        ValueError: For no sources, an empty one, an id out of range or a ``max_len`` < 1 or
            past torch's int64 (``2**63 - 1``); a ``max_len`` given as text is a ``TypeError``
            too, told the number it reads as (a bool too).
    """
    _check_model(model)
    if not _is_ids(sources, 2):
        got = (
            f"a {'tensor' if isinstance(sources, torch.Tensor) else 'numpy array'} of shape "
            f"{tuple(sources.shape)}"
            if isinstance(sources, _ARRAYS)
            else f"{typed_repr(sources)}"
        )
        raise TypeError(
            f"`sources` must be a sequence of id sequences, one per source (e.g. [[5, 1, 2]]), "
            f"got {got}."
        )
    problems = [] if len(sources) else ["`sources` must hold at least one sequence, got none."]
    if (problem := _positive_count("max_len", max_len)) is not None:
        problems.append(problem)
    try:
        sources = _check_sources(sources, model.source_vocab, "sources")
    except ValueError as err:
        problems.append(str(err))
    if problems:
        raise _count_refusal(problems, {"max_len": max_len})
    device = _model_device(model)
    with evaluating(model):
        source, lengths = _reverse_sources(sources)
        state = model.encode(source.to(device), lengths)  # the lengths stay on the CPU (packing)
        tokens = torch.full((len(sources), 1), BOS, dtype=torch.long)
        out = torch.zeros(len(sources), 0, dtype=torch.long)
        done = torch.zeros(len(sources), dtype=torch.bool)
        for _ in range(max_len):
            log_probs, state = model.decode_step(tokens.to(device), state)
            next_log_probs = _never_emitted_masked(log_probs[:, -1])  # [B, V]
            tokens = next_log_probs.argmax(-1, keepdim=True).cpu()  # [B, 1]
            out = torch.cat([out, tokens], dim=1)
            done |= tokens[:, 0] == EOS
            if bool(done.all()):
                break
    result = []
    for row in out.tolist():
        result.append(row[: row.index(EOS)] if EOS in row else row)
    return result


@torch.no_grad()
def beam_decode(
    model: Seq2Seq, source: Sequence[int], beam_size: int = 4, max_len: int = 20
) -> tuple[list[int], float]:
    """Beam search for one source sequence.

    A hypothesis is finished when it emits ``<eos>`` or reaches ``max_len`` tokens; its score is
    the sum of its tokens' log-probabilities (``<eos>`` included). At each step the ``beam_size``
    best one-token extensions of the live hypotheses are kept, never by ``<pad>`` or ``<bos>``
    (see :data:`NEVER_EMITTED`); those ending in ``<eos>`` are set aside as finished. Since
    scores only decrease as hypotheses grow, the search stops as soon as the best finished score
    beats every live one, and with ``beam_size >= V ** max_len`` it is an exhaustive search (of
    the outputs without ``<pad>`` and ``<bos>``). The model runs on its device; the scores are
    summed in float64 and ranked on the CPU.

    Args:
        model: The trained model; it runs in eval mode and gets its own mode back after.
        source: Non-empty source ids in ``[1, model.source_vocab)`` (not reversed; this
            function reverses them like training does).
        beam_size: Hypotheses kept per step ``K``.
        max_len: Longest output, ``<eos>`` included.

    Returns:
        ``(best token ids without <eos>, its log-probability)``.

    Raises:
        TypeError: For a ``model`` that is no module (a :class:`Seq2SeqResult`: pass its
            ``.model``), and a ``source`` that is not one sequence of ids (a bare id, a str,
            a batch of sources as :func:`greedy_decode` takes them).
        ValueError: For an empty source, an id out of range, a ``beam_size`` or ``max_len``
            < 1 or past torch's int64 (``2**63 - 1``), all listed; a count given as text or a
            bool is a ``TypeError`` too.
    """
    _check_model(model)
    problems = [
        problem
        for name, value in (("beam_size", beam_size), ("max_len", max_len))
        if (problem := _positive_count(name, value)) is not None
    ]
    try:
        source = _check_sources([source], model.source_vocab, "source")[0]
    except ValueError as err:
        problems.insert(0, str(err))
    if problems:
        raise _count_refusal(problems, {"beam_size": beam_size, "max_len": max_len})
    with evaluating(model):
        return _beam_search(model, source, int(beam_size), int(max_len))


def _beam_search(
    model: Seq2Seq, source: list[int], beam_size: int, max_len: int
) -> tuple[list[int], float]:
    """:func:`beam_decode` on checked arguments, the model in eval mode."""
    device = _model_device(model)
    src, lengths = _reverse_sources([source])
    h, c = model.encode(src.to(device), lengths)  # [L, 1, H]
    alive: list[tuple[list[int], float]] = [([], 0.0)]
    state = (h, c)
    finished: list[tuple[list[int], float]] = []
    for step in range(max_len):
        last = torch.tensor([[seq[-1] if seq else BOS] for seq, _ in alive], device=device)
        log_probs, state = model.decode_step(last, state)  # [K, 1, V]
        # to the CPU before float64 (MPS has none), then ranked there
        next_log_probs = _never_emitted_masked(log_probs[:, -1].cpu().double())  # [K, V]
        alive_scores = torch.tensor([s for _, s in alive], dtype=torch.float64)  # [K]
        scores = alive_scores[:, None] + next_log_probs
        flat = scores.flatten()
        top = torch.topk(flat, min(beam_size, flat.numel()))
        keep, new_alive = [], []
        for score, index in zip(top.values.tolist(), top.indices.tolist(), strict=True):
            if score == -math.inf:  # only the masked ids are left (a beam wider than V - 2)
                break
            k, token = divmod(index, scores.shape[1])
            seq = [*alive[k][0], token]
            if token == EOS or step == max_len - 1:
                finished.append((seq, score))
            else:
                keep.append(k)
                new_alive.append((seq, score))
        if not new_alive:
            break
        best_finished = max((s for _, s in finished), default=-math.inf)
        if best_finished >= max(s for _, s in new_alive):
            break
        index = torch.tensor(keep, device=state[0].device)
        state = (state[0][:, index], state[1][:, index])
        alive = new_alive
    seq, score = max(finished, key=lambda item: item[1])
    return (seq[:-1] if seq and seq[-1] == EOS else seq), score


@dataclass
class Seq2SeqResult:
    """A trained model with its metrics."""

    model: Seq2Seq
    config: Seq2SeqConfig
    metrics: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        """Its fields, the model by its class and size and the metrics without their long
        entries (the dataclass's repr printed the module tree and every check of the history)."""
        return _reprs.fields(self)


def sequence_accuracy(
    predictions: Sequence[Sequence[int]], targets: Sequence[Sequence[int]]
) -> float:
    """Fraction of predictions equal to their target, token for token.

    Raises:
        ValueError: For no targets, or a different number of predictions and targets.
    """
    # 0/0, or zip's "argument 2 is longer"; len(), as arrays and tensors have no truth value
    if len(predictions) != len(targets) or len(targets) == 0:
        raise ValueError(
            f"`predictions` and `targets` must be as many, at least 1, got {len(predictions)} "
            f"and {len(targets)}."
        )
    return sum(list(p) == list(t) for p, t in zip(predictions, targets, strict=True)) / len(targets)


@no_default_device
def fit_seq2seq(
    model: Seq2Seq,
    pairs: Sequence[tuple[Sequence[int], Sequence[int]]],
    config: Seq2SeqConfig,
) -> dict[str, Any]:
    """Teacher-forced training of ``model`` in place, on the device its parameters are on (the
    batches move there); returns steps, seconds and final loss.

    Args:
        model: The model to train.
        pairs: ``(source ids, target ids)`` pairs, at least one. A source is non-empty with ids
            in ``[1, source_vocab)`` (0 is padding); a target holds ids in
            ``[3, target_vocab)``, without ``<pad>``, ``<bos>`` and ``<eos>`` (0, 1, 2), which
            :func:`teacher_forcing_batch` adds.
        config: The training settings (``batch_size``, ``epochs``, ``lr``, ``clip``,
            ``minutes``, ``seed``, ``progress``).

    Raises:
        TypeError: For a ``pair`` that is no (source, target) pair of id sequences.
        ValueError: For no pairs, and naming the first pair whose source or target holds an
            id outside its range (with how many pairs do).
        DivergedError: When the training loss becomes NaN or infinite (lower ``lr``; at the
            first step, before any, the model's NaN or huge weights are named instead).
    """
    _check_pairs(pairs, model.source_vocab, model.target_vocab)
    return _fit_seq2seq(model, pairs, config, _StopRequest())


def _check_pairs(
    pairs: Sequence[tuple[Sequence[int], Sequence[int]]], source_vocab: int, target_vocab: int
) -> None:
    """Refuses ``pairs`` that :func:`fit_seq2seq` cannot train on as they are: none trained
    nothing and returned a loss of NaN; an id out of range failed naming `decoder_input`, an
    argument the caller never gave; a target's ``<pad>`` was a hole in the loss and its
    ``<bos>`` or ``<eos>`` taught the decoder what decoding never emits or stops at twice."""
    if len(pairs) == 0:
        raise ValueError("`pairs` must hold at least one (source, target) pair, got none.")
    for k, pair in enumerate(pairs):
        # an array's 2 rows are a pair too (a source and a target of one length, as a copy
        # task's `pairs` of shape [N, 2, T] give them), which trained before this check
        is_pair = _is_ids(pair, 1) or (isinstance(pair, _ARRAYS) and pair.ndim == 2)
        if not (is_pair and len(pair) == 2 and all(_is_ids(p, 1) for p in pair)):
            # the sources and the targets as two lists, (sources, targets): pairs[0] is every
            # source, which the message wrote out whole (250 KB for 20,000 numbers)
            apart = (
                isinstance(pairs, Sequence | np.ndarray | torch.Tensor)  # a dict's [0] is a key
                and len(pairs) == 2
                and all(isinstance(p, Sequence | np.ndarray | torch.Tensor) for p in pairs)
                and len(pairs[0]) == len(pairs[1]) > 0
                and all(_is_ids(p, 1) for p in (pairs[0][0], pairs[1][0]))
            )
            shown = reprlib.repr(pair.tolist() if isinstance(pair, _ARRAYS) else pair)
            raise TypeError(
                f"`pairs[{k}]` must be a (source ids, target ids) pair, got "
                f"{typed_repr(pair, shown)}"
                + (
                    "; `pairs` looks like (sources, targets): pass list(zip(sources, targets))."
                    if apart
                    else "."
                )
            )
    problems = []
    for side, (low, high, why) in enumerate(
        [
            (1, source_vocab, "0 is padding"),
            (3, target_vocab, "0, 1, 2 are <pad>, <bos>, <eos>, which teacher forcing adds"),
        ]
    ):
        name = ("source", "target")[side]
        bad = []
        for k, pair in enumerate(pairs):
            ids = pair[side].tolist() if isinstance(pair[side], _ARRAYS) else list(pair[side])
            if (side == 0 and not ids) or _outside(ids, low, high):
                bad.append((k, ids))
        if bad:
            k, ids = bad[0]
            holds = "be non-empty with" if side == 0 else "hold"
            problems.append(
                f"each pair's {name} must {holds} int ids in [{low}, {high}) ({why}), got "
                f"{value_repr(ids)} in `pairs[{k}]`"
                + (
                    f" ({and_more(len(bad), 1).lstrip()} pair{plural_s(len(bad) - 1)})."
                    if len(bad) > 1
                    else "."
                )
            )
    if problems:
        raise ValueError(sentences(problems))


def _fit_seq2seq(
    model: Seq2Seq,
    pairs: Sequence[tuple[Sequence[int], Sequence[int]]],
    config: Seq2SeqConfig,
    stop: _StopRequest,
) -> dict[str, Any]:
    """:func:`fit_seq2seq`, which ends early once ``stop`` is set, as when the budget runs
    out."""
    # one or two steps an epoch said, as the classifier's training says it
    if (message := few_steps(len(pairs), config.batch_size, config.epochs)) is not None:
        logger.warning("%s", message)
    generator = torch.Generator().manual_seed(config.seed)
    device = _model_device(model)
    optimizer = adam(model.parameters(), config.lr)
    steps_per_epoch = math.ceil(len(pairs) / config.batch_size)
    total = steps_per_epoch * config.epochs
    bar = progress_bar(config.progress, total=total, desc="train-seq2seq")
    try:
        start, step, loss = time.perf_counter(), 0, torch.tensor(float("nan"))
        model.train()
        for epoch in range(config.epochs):
            order = torch.randperm(
                len(pairs), generator=generator, device=drawn_on(generator)
            ).tolist()
            for s in range(0, len(order), config.batch_size):
                batch = [pairs[i] for i in order[s : s + config.batch_size]]
                source, lengths = _reverse_sources([src for src, _ in batch])
                inp, target = teacher_forcing_batch([tgt for _, tgt in batch])
                for group in optimizer.param_groups:  # cosine decay over the planned steps
                    group["lr"] = config.lr * 0.5 * (1 + math.cos(math.pi * step / total))
                # the lengths stay on the CPU, where the LSTM reads them
                log_probs = model(source.to(device), lengths, inp.to(device))
                target = target.to(device)
                loss = F.nll_loss(log_probs.flatten(0, 1), target.flatten(), ignore_index=PAD)
                # at the first step, the model as given (a diverged fit's) is named, not `lr`
                untrained = model if step == 0 else None
                check_loss(
                    loss, f"epoch {epoch + 1}, step {step + 1}", config.lr, untrained=untrained
                )
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), config.clip)
                optimizer.step()
                step += 1
                bar.update(1)
                bar.set_postfix(loss=f"{loss.item():.3f}", refresh=False)
                if stop or time.perf_counter() - start > 60 * config.minutes:
                    break
            else:
                continue
            break
    finally:
        bar.close()
    # the clock, not the steps, ended this model; said once the bar is closed, on its own line
    if not stop and step < total:
        logger.warning("%s", cut_short(step, total))
    check_weights(model, config.lr)
    model.eval()
    return {"steps": step, "seconds": round(time.perf_counter() - start, 1), "loss": loss.item()}


@no_default_device
def train_numbers(config: Seq2SeqConfig) -> Seq2SeqResult:
    """Trains on numbers → words and reports greedy and beam sequence accuracy on held-out numbers.

    Args:
        config: The run's settings.

    Returns:
        The model with ``metrics``: ``greedy_accuracy``, ``beam_accuracy`` (test),
        ``train_accuracy`` (greedy, on the first ``train_accuracy_pairs`` distinct training
        numbers in training order, at most :data:`TRAIN_EVAL_PAIRS`), sizes and timings,
        ``interrupted`` (``None``, or where a Ctrl-C stopped the training).

    Raises:
        TypeError: When ``config`` is not a :class:`Seq2SeqConfig`.
        ValueError: When ``config.device`` is not usable here.
        DivergedError: When the training loss becomes NaN or infinite (lower ``lr``).
        TrainingInterrupted: After a Ctrl-C, with the model trained so far, measured (see
            :class:`~lstmkit.train.TrainingInterrupted`).
    """
    if not isinstance(config, Seq2SeqConfig):
        raise TypeError(f"`config` must be a Seq2SeqConfig, got {type(config).__name__}.")
    check_device(config.device)  # before any data is drawn
    # training seeds torch's global generator; the caller's draws go on as they were
    # no check chooses a best model here: the warning said "keeps the best model so far"
    with callers_rng_kept(config.device), _stop_requests("the model so far") as stop:
        return _returned(_train_numbers(config, stop))


def _train_numbers(config: Seq2SeqConfig, stop: _StopRequest) -> Seq2SeqResult:
    """:func:`train_numbers` once its argument is checked; the training ends early once
    ``stop`` is set."""
    torch.manual_seed(config.seed)
    generator = torch.Generator().manual_seed(config.seed)
    # each digit count its share of the training, short numbers all in it and repeated: distinct
    # numbers held 8 of one digit among 20,000, and the model spelt 7 "seventy"
    train_numbers_, test_numbers = split_numbers(
        config.train_size, config.test_size, config.max_digits, generator
    )
    train_pairs = [encode_number(n) for n in train_numbers_]
    test_pairs = [encode_number(n) for n in test_numbers]
    model = Seq2Seq(
        len(SOURCE_TOKENS),
        len(TARGET_TOKENS),
        config.embed_dim,
        config.hidden_size,
        config.num_layers,
        config.dropout,
    )  # drawn on the CPU: a seed gives the same weights on every device
    # each step named in a device's out-of-memory error (see doing), as forecast's are
    with doing("moving the network to it"):
        model.to(config.device)
    with doing("training the network"):
        fit = _fit_seq2seq(model, train_pairs, config, stop)
    max_len = max_output_len(config.max_digits)
    targets = [t for _, t in test_pairs]
    with doing("decoding the test numbers"):
        greedy = greedy_decode(model, [s for s, _ in test_pairs], max_len)
        start = time.perf_counter()
        beam = [beam_decode(model, s, config.beam_size, max_len)[0] for s, _ in test_pairs]
        beam_seconds = time.perf_counter() - start
    # each number once: the first 1,000 pairs counted the 10 one-digit numbers 152 times
    sub = [encode_number(n) for n in list(dict.fromkeys(train_numbers_))[:TRAIN_EVAL_PAIRS]]
    with doing("decoding the training numbers"):
        train_acc = sequence_accuracy(
            greedy_decode(model, [s for s, _ in sub], max_len), [t for _, t in sub]
        )
    errors = [
        {"number": n, "expected": number_to_words(n), "greedy": decode_words(g)}
        for n, g, t in zip(test_numbers, greedy, targets, strict=True)
        if g != t
    ]
    metrics = {
        "greedy_accuracy": sequence_accuracy(greedy, targets),
        "beam_accuracy": sequence_accuracy(beam, targets),
        "beam_size": config.beam_size,
        "train_accuracy": train_acc,
        "train_accuracy_pairs": len(sub),
        "train_pairs": len(train_pairs),
        "test_pairs": len(test_pairs),
        "steps": fit["steps"],
        "train_seconds": fit["seconds"],
        "beam_seconds": round(beam_seconds, 1),
        "final_loss": fit["loss"],
        "errors": errors[:10],
        "interrupted": {"signal": stop.signal, "step": fit["steps"]} if stop else None,
        "seed": config.seed,
        "threads": torch.get_num_threads(),  # the float rounding, so the weights, can depend on it
    }
    return Seq2SeqResult(model, config, metrics)


def decode_words(ids: Sequence[int]) -> str:
    """Target ids → words.

    Raises:
        TypeError: For ``ids`` that is not a sequence of ints (a str, a float or bool id).
        ValueError: Naming the ids outside ``[0, len(TARGET_TOKENS))``.
    """
    values, size = int_ids(ids), len(TARGET_TOKENS)
    if not ids_within(ids, values, size):  # -1 read the last word, "million"
        outside = sorted({i for i in values if not 0 <= i < size})
        raise ValueError(
            f"`ids` must lie in [0, {len(TARGET_TOKENS)}) (the target vocabulary's size), got "
            f"{outside[:5]}{' ...' if len(outside) > 5 else ''}."
        )
    return " ".join([TARGET_TOKENS[i] for i in values])


def normalize_number(number: str | int, max_digits: int | None = None) -> str:
    """The digit string a model reads for ``number``: leading zeros dropped (``"0042"`` → ``"42"``,
    ``"000"`` → ``"0"``), as in training, where numbers are written without them.

    Args:
        number: Digits 0-9 only (no sign, spaces or separators), or an integer >= 0 (``42``,
            ``np.int64(42)``).
        max_digits: The longest number the model was trained on, an integer in 1..9 as
            :class:`Seq2SeqConfig` takes; ``None`` does not check.

    Raises:
        TypeError: For a ``number`` that is neither a string nor an integer (a float, a bool).
        ValueError: For a ``max_digits`` outside 1..9 (checked first; given as text, a
            ``TypeError`` too), anything but ASCII digits, a negative integer, or more than
            ``max_digits`` digits.

    Example:
        >>> normalize_number("0042"), normalize_number(42)
        ('42', '42')
    """
    if max_digits is not None:  # 0 refused every number, and a bool or "6" failed comparing
        digits = as_int(max_digits)
        if digits is None or not 1 <= digits <= 9:
            problem = (
                f"`max_digits` must be an integer in 1..9, got {plain_repr(max_digits)}"
                f"{whole_float_hint(max_digits, 1, 9)}."
            )
            raise _count_refusal([problem], {"max_digits": max_digits}, 9)
        max_digits = digits
    integer = as_int(number)
    shown = repr(number)  # the number as it came: 123 was said as the text '123'
    if integer is not None:
        if integer < 0:
            raise ValueError(f"`number` must be an integer >= 0, got {integer}.")
        number, shown = str(integer), str(integer)
    elif not isinstance(number, str):
        raise TypeError(
            "`number` must be a string of digits 0-9 or an integer >= 0, got "
            + (  # np.int64(5) names its type, None is alone; decimal.Decimal for a class
                typed_repr(number)  # outside builtins
                if number is None or isinstance(number, np.generic)
                else f"{_type_name(type(number))} {value_repr(number)}"
            )
            + "."
        )
    if not number.isdigit() or not number.isascii():
        raise ValueError(f"`number` must be a non-empty string of digits 0-9, got {number!r}.")
    digits = number.lstrip("0") or "0"
    if max_digits is not None and len(digits) > max_digits:
        # the limit asked for, which need not be the model's (a model of 6 digits with
        # max_digits=2 was said to be "trained on numbers of 1 to 2 digits")
        # "at most 1 digits" was said for max_digits=1
        # '0123' was "got 3 digits: '0123'", four characters counted as three unexplained
        dropped = " (leading zeros dropped)" if len(digits) < len(number) else ""
        raise ValueError(
            f"`number` must have at most {counted(max_digits, 'digit')} (max_digits="
            f"{max_digits}), got {counted(len(digits), 'digit')}{dropped}: {shown}."
        )
    return digits


def max_output_len(max_digits: int) -> int:
    """The longest output, ``<eos>`` included, decoded for numbers of up to ``max_digits``
    digits: fewer than 4 words a digit, and ``<eos>``. Training's checks decode to it, and
    :func:`spell` and ``lstmkit text spell`` to that of the number's own digits; ``spell``
    decoded up to 40 tokens, so an undertrained model printed a long "five five five ..."
    where training's check had stopped it at 4 * digits + 2.

    Raises:
        ValueError: For a ``max_digits`` that is no integer >= 1 (0 gave 2, a str failed as
            "can only concatenate str"), or past torch's int64; given as text or a bool, a
            ``TypeError`` too, as :func:`beam_decode`'s counts.

    Example:
        >>> max_output_len(6)
        26
    """
    if (problem := _positive_count("max_digits", max_digits)) is not None:
        raise _count_refusal([problem], {"max_digits": max_digits})
    return 4 * int(max_digits) + 2


def spell(
    model: Seq2Seq,
    number: str | int,
    beam_size: int = 1,
    max_len: int | None = None,
    max_digits: int | None = None,
) -> str:
    """The model's words for a number given as a digit string (greedy if ``beam_size == 1``).

    Args:
        model: A trained model.
        number: Digits 0-9, or an integer >= 0; leading zeros are dropped (see
            :func:`normalize_number`).
        beam_size: Beam width (1: greedy).
        max_len: Longest output in tokens; ``None``: :func:`max_output_len` of the number's
            digits (leading zeros dropped), with or without ``max_digits``, as ``lstmkit text
            spell`` decodes: room for its words and ``<eos>``, where an undertrained model's
            repeated word stops.
        max_digits: Refuse numbers longer than this, the model's training range (see
            :func:`saved_max_digits`), an integer in 1..9: outside it the model answers confident
            nonsense.

    Raises:
        TypeError: For a ``number`` that is neither a string nor an integer, and (a
            ``ValueError`` too) a ``beam_size``, ``max_len`` or ``max_digits`` given as text.
        ValueError: For a ``max_digits`` outside 1..9, a ``number`` that is not digits, is
            negative, or is longer than ``max_digits``, a ``beam_size`` or ``max_len`` < 1.
    """
    return _spelt(model, normalize_number(number, max_digits), beam_size, max_len)


def _spelt(model: Seq2Seq, digits: str, beam_size: int, max_len: int | None) -> str:
    """:func:`spell` of ``digits`` that :func:`normalize_number` gave (``lstmkit text spell``
    normalises the typed number itself, for its message, and then did it again here)."""
    source = [SOURCE_TOKENS.index(d) for d in digits]
    if max_len is None:  # the number's own digits, by every route: `text spell` decoded 26
        max_len = max_output_len(len(digits))  # tokens for 7 (its model's 6 digits), spell 6
    if as_int(beam_size) == 1:  # True and 1.0 went greedy; beam_decode refuses them
        return decode_words(greedy_decode(model, [source], max_len)[0])
    return decode_words(beam_decode(model, source, beam_size, max_len)[0])


def save_seq2seq(result: Seq2SeqResult, out_dir: str | Path, *, overwrite: bool = False) -> Path:
    """Writes ``model.safetensors`` and ``config.json`` into ``out_dir`` (created if needed)
    and returns it as a ``Path``.

    ``overwrite=True`` saves over what ``out_dir`` holds, as Keras' ``model.save(...,
    overwrite=True)`` does: another kind of saved model, a ``config.json`` that is no saved
    model's, or files of the names written without ``config.json`` (those a killed save left,
    say), which are otherwise refused.

    Raises:
        TypeError: For a ``result`` that is not a :class:`Seq2SeqResult` (a bare model, say),
            or an ``overwrite`` that is no bool.
        ValueError: When ``out_dir`` cannot take the model, by the rule every saver takes
            (:func:`lstmkit.io.check_save_dir`): an existing file or a path through one, a
            folder holding another kind of saved model, a ``config.json`` that is no saved
            model's (damaged, or another program's), a folder without ``config.json`` that
            holds files of the names the save writes (the message names them), or a run folder
            of ``lstmkit forecast --out`` (its model is in its ``model/``); nothing is written.
    """
    if not isinstance(result, Seq2SeqResult):  # a bare model failed as "no attribute 'model'"
        raise TypeError(
            f"`result` must be a Seq2SeqResult (what train_numbers returns), got "
            f"{type(result).__name__}."
        )
    config = {
        "model": result.model.config(),
        "train": asdict(result.config),
        "metrics": result.metrics,
    }
    return _io.save_model(out_dir, result.model, config, KIND, overwrite=overwrite)


@no_default_device
def load_seq2seq(model_dir: str | Path, device: str | torch.device = "cpu") -> Seq2Seq:
    """Loads a folder written by :func:`save_seq2seq` (or ``lstmkit text train-seq2seq``), or
    one whose ``model/`` holds it (read as ``Forecaster.load`` reads a run folder), onto
    ``device`` (the CPU by default, wherever the model was trained).

    Raises:
        FileNotFoundError: When the folder or one of its files is missing.
        TypeError: For a ``model_dir`` that is no ``str`` or ``Path`` (``None``, say).
        ValueError: When a file is damaged or the files do not fit together (named), or
            ``device`` is not usable here (checked first).
    """
    device = usable_device(device)
    model_dir = _io.model_folder(model_dir)
    config = _io.read_config(model_dir, KIND)
    model = _io.build_model(model_dir, "seq2seq model", config, lambda: Seq2Seq(**config["model"]))
    _io.load_state(model_dir, model)
    return model.to(device).eval()


def saved_max_digits(model_dir: str | Path) -> int:
    """The ``max_digits`` a saved numbers model was trained with (its longest numbers)."""
    model_dir = _io.model_folder(model_dir)
    config = _io.read_config(model_dir, KIND)

    def read() -> int:
        train = config["train"]
        if not isinstance(train, dict):  # "'int' object is not subscriptable", it said
            raise ValueError(
                f"its entry 'train' must be a JSON object of the training settings, got "
                f"{typed_repr(train)}"
            )
        if "max_digits" not in train:  # a KeyError, read as "it lacks the entry 'max_digits'"
            raise ValueError("its entry 'train' lacks max_digits")
        value = train["max_digits"]
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 9:
            raise ValueError(f"train.max_digits must be an integer in 1..9, got {value!r}")
        return value

    return _io.build(model_dir, "seq2seq model", read, config)

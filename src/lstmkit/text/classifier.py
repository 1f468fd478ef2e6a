"""A bidirectional LSTM sentence classifier.

Shape letters: ``B`` batch, ``T`` time (tokens), ``E`` embedding size, ``H`` hidden size,
``D`` directions (2 when bidirectional), ``C`` classes.

The model is deliberately small and transparent so that the explanation tools (gate traces, LRP)
can walk it: exactly three submodules, ``embedding`` → ``rnn`` → ``head``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from lstmkit._checks import (
    ConfigTypeError,
    as_int,
    choice_error,
    count_too_large,
    exact_number,
    fraction_hint,
    is_choice,
    plain_repr,
    text_refusal,
    value_repr,
    whole_float_hint,
)
from lstmkit._lazy import public_dir
from lstmkit._token_ids import check_token_ids
from lstmkit.nn import LSTM
from lstmkit.nn.layers import _real_steps, check_lengths

__all__ = [
    "ClassifierEnsemble",
    "Readout",
    "TextClassifier",
    "build_classifier",
]
__dir__ = public_dir(globals())

Readout = Literal["last", "max", "mean"]
_READOUTS = ("last", "max", "mean")


def _is_number(value: object) -> bool:
    """A real number (``int``, ``float``, numpy's), not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _problems(
    vocab_size: Any,
    embed_dim: Any,
    hidden_size: Any,
    num_classes: Any,
    bidirectional: Any,
    readout: Any,
    dropout: Any,
    padding_idx: Any,
) -> tuple[list[str], dict[str, int | None], int | None]:
    """The problems of :class:`TextClassifier`'s arguments, one message each, its sizes as
    Python ints (None where refused) and ``padding_idx`` as one: the one check of them, run
    again by :func:`_refused_too` for text that reads as a number."""
    problems = []
    sizes = {}
    for name, value in (
        ("vocab_size", vocab_size),
        ("embed_dim", embed_dim),
        ("hidden_size", hidden_size),
        ("num_classes", num_classes),
    ):
        sizes[name] = as_int(value)  # np.int64(3) is taken as 3, True is no size
        if (large := count_too_large(value, f"`{name}`")) is not None:
            problems.append(large + ".")  # past torch's int64: torch's C++ overflowed
            sizes[name] = None
        elif sizes[name] is None or sizes[name] < 1:
            problems.append(
                f"`{name}` must be a positive integer, got {plain_repr(value)}"
                f"{whole_float_hint(value)}."
            )
    # np.True_ is taken, as nn.LSTM takes it (np.int64 sizes too)
    if not isinstance(bidirectional, bool | np.bool_):
        problems.append(f"`bidirectional` must be True or False, got {value_repr(bidirectional)}.")
    # (a DataFrame is no choice: `in` compared it with each, a table whose truth failed); what
    # is no str is told that a str is wanted, a slip of a word the choice it looks like
    if not is_choice(readout, _READOUTS):
        problems.append(str(choice_error(readout, "readout", _READOUTS)))
    if not (_is_number(dropout) and 0.0 <= dropout < 1.0):
        hint = fraction_hint(dropout)
        shown = plain_repr(dropout, lambda v: 0.0 <= v < 1.0)
        problems.append(f"`dropout` must be a number in [0, 1), got {shown}{hint}.")
    index = None
    if padding_idx is not None:
        index = as_int(padding_idx)
        size = sizes["vocab_size"] if (sizes["vocab_size"] or 0) >= 1 else None
        if size is None and _is_number(vocab_size) and whole_float_hint(vocab_size):
            size = int(vocab_size)  # 10.0, refused above: the range it gives once int(x)
        # a refused vocab_size still bounds padding_idx below: -1 was let through beside 0
        # (torch's Embedding counts it from the end; this class does not)
        if index is None or (index < 0) or (size is not None and index >= size):
            where = f"[0, {size})" if size is not None else "[0, vocab_size)"
            top = size - 1 if size is not None else math.inf
            problems.append(
                f"`padding_idx` must be an integer in {where} or None, got "
                f"{plain_repr(padding_idx)}{whole_float_hint(padding_idx, 0, top)}."
            )
    return problems, sizes, index


def _wrong_type(arguments: dict[str, Any]) -> bool:
    """Whether one of :class:`TextClassifier`'s ``arguments`` is refused for its type: a
    ``bidirectional`` that is no bool, a ``readout`` that is no str, a bool for a size or
    ``padding_idx`` (as the configs refuse ``embed_dim=True``)."""
    counts = ("vocab_size", "embed_dim", "hidden_size", "num_classes", "padding_idx")
    return (
        not isinstance(arguments["bidirectional"], bool | np.bool_)
        or not isinstance(arguments["readout"], str)
        or any(isinstance(arguments[name], bool | np.bool_) for name in counts)
    )


def _refused_too(arguments: dict[str, Any], numbers: dict[str, float | int]) -> set[str]:
    """The arguments of ``numbers`` (an argument's name: the number its text reads as) whose
    number :class:`TextClassifier` would refuse too, all given at once with the rest of
    ``arguments`` as they came: its own check (:func:`_problems`) decides, as a config's does
    (``padding_idx="12"`` beside ``vocab_size=10`` was told "(a number, not text: 12)" by a
    copy of the checks that left the vocabulary out)."""
    said = _problems(**(arguments | numbers))[0]
    return {name for name in numbers if any(p.startswith(f"`{name}` must") for p in said)}


class TextClassifier(nn.Module):
    r"""Embedding → (bi)LSTM → linear head on the final states.

    With ``readout="last"`` the sentence vector is the concatenation of the forward direction's
    state after the last token and the backward direction's state after the first token,
    :math:`s = [\overrightarrow{h}_{T}; \overleftarrow{h}_{1}]`, and the logits are
    :math:`W s + b`. ``"max"`` and ``"mean"`` instead pool the per-step outputs over the valid
    steps.

    Dropout (if ``dropout > 0``) is applied to the embeddings and to the sentence vector before the
    head, only in training mode; it is functional, so the module has exactly the submodules
    ``embedding``, ``rnn`` and ``head``.

    Args:
        vocab_size: Number of token ids (including padding and unknown).
        embed_dim: Embedding size ``E``.
        hidden_size: LSTM hidden size ``H`` per direction.
        num_classes: Number of classes ``C``.
        bidirectional: Run a backward LSTM too (``D = 2``).
        readout: How to turn per-step outputs into one vector: ``"last"``, ``"max"`` or ``"mean"``.
        dropout: Dropout probability on embeddings and before the head.
        padding_idx: Token id of padding; its embedding is zero and receives no gradient.

    Raises:
        ValueError: Listing every argument out of range (a size below 1 or past torch's
            int64, a ``readout`` word it does not know, a ``padding_idx`` outside
            ``[0, vocab_size)``: a whole float such as ``3.0`` too, as the configs refuse
            one); a :class:`~lstmkit._checks.ConfigTypeError`, a ``TypeError`` too, where one
            is of the wrong type (a ``bidirectional`` that is no bool, a ``readout`` that is no
            str, a bool for a size or ``padding_idx``), and a
            :class:`~lstmkit._checks.TextForNumberError` where a number came as text.

    Shape:
        - tokens: ``[B, T]`` int64.
        - lengths: ``[B]`` true lengths (any order), or ``None`` when nothing is padded.
        - output: ``[B, C]`` logits.

    Example:
        >>> model = TextClassifier(100, 16, 8, 2)
        >>> model(torch.tensor([[5, 6, 7], [8, 9, 0]]), lengths=[3, 2]).shape
        torch.Size([2, 2])
    """

    # set in __init__ (the sizes as checked there); declared for type checkers
    vocab_size: int
    embed_dim: int
    hidden_size: int
    num_classes: int
    bidirectional: bool
    readout: Readout
    dropout: float
    padding_idx: int | None

    def __init__(
        self,
        vocab_size: int,
        embed_dim: int,
        hidden_size: int,
        num_classes: int,
        bidirectional: bool = True,
        readout: Readout = "last",
        dropout: float = 0.0,
        padding_idx: int | None = 0,
    ) -> None:
        super().__init__()
        dropout = exact_number(dropout)  # np.float32(0.1) is 0.1, as in the configs
        arguments = {"vocab_size": vocab_size, "embed_dim": embed_dim, "hidden_size": hidden_size}
        arguments |= {"num_classes": num_classes, "bidirectional": bidirectional}
        arguments |= {"readout": readout, "dropout": dropout, "padding_idx": padding_idx}
        problems, sizes, padding_idx = _problems(**arguments)
        if problems:
            numbers = {k: v for k, v in arguments.items() if k not in ("bidirectional", "readout")}
            refusal = text_refusal(
                " ".join(problems), numbers, lambda read: _refused_too(arguments, read)
            )
            if type(refusal) is ValueError and _wrong_type(arguments):
                # readout=5, bidirectional="yes" and embed_dim=True are of the wrong type, as
                # in the configs: a TypeError, and still the ValueError they were
                refusal = ConfigTypeError(str(refusal))
            raise refusal
        vocab_size, embed_dim, hidden_size, num_classes = sizes.values()
        self.vocab_size = vocab_size
        self.embed_dim = embed_dim
        self.hidden_size = hidden_size
        self.num_classes = num_classes
        self.bidirectional = bool(bidirectional)
        self.readout = readout
        self.dropout = float(dropout)
        self.padding_idx = padding_idx

        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=padding_idx)
        self.rnn = LSTM(embed_dim, hidden_size, batch_first=True, bidirectional=self.bidirectional)
        self.head = nn.Linear(hidden_size * (2 if self.bidirectional else 1), num_classes)

    def config(self) -> dict[str, object]:
        """The constructor arguments, JSON-serialisable (used when saving)."""
        return {
            "vocab_size": self.vocab_size,
            "embed_dim": self.embed_dim,
            "hidden_size": self.hidden_size,
            "num_classes": self.num_classes,
            "bidirectional": self.bidirectional,
            "readout": self.readout,
            "dropout": self.dropout,
            "padding_idx": self.padding_idx,
        }

    def encode(
        self, tokens: torch.Tensor, lengths: torch.Tensor | Sequence[int] | None = None
    ) -> torch.Tensor:
        """Returns the sentence vector ``[B, D*H]`` fed to the head (before head dropout).

        ``tokens`` and ``lengths`` as for :meth:`forward`.

        Raises:
            TypeError: When ``tokens`` is not a tensor of int64 or int32 ids, or ``lengths``
                are not integers.
            RuntimeError: When ``tokens`` is not ``[B, T]`` with ``T >= 1``.
            ValueError: When an id lies outside ``[0, vocab_size)`` (values and positions
                named), or ``lengths`` is not one length in ``[1, T]`` per sequence.
        """
        if not isinstance(tokens, torch.Tensor):
            raise TypeError(
                f"`tokens` must be a tensor of ids [B, T], got {type(tokens).__name__}."
            )
        if tokens.dim() != 2 or tokens.shape[1] == 0:
            # with no step, "last" read the zero initial state, "mean" gave NaN
            raise RuntimeError(
                f"`tokens` must be [B, T] with T >= 1, got shape {tuple(tokens.shape)}."
            )
        check_token_ids(tokens=(tokens, self.vocab_size, "the model's `vocab_size`"))
        batch, steps = tokens.shape
        x = F.dropout(self.embedding(tokens), self.dropout, self.training)  # [B, T, E]
        if lengths is None:
            out, (h_n, _) = self.rnn(x)
            mask = None
        else:
            lengths = check_lengths(
                lengths, batch, steps, input="tokens", tokens=True, device=tokens.device
            )
            # out: [B, T, D*H], zero at padded steps; h_n: state after each sequence's last token
            out, (h_n, _) = self.rnn(x, lengths=lengths)
            mask = _real_steps(lengths, steps, batch_first=True).to(tokens.device)  # [B, T]
        if self.readout == "last":
            # h_n is [D, B, H]: forward state after the last token, backward after the first.
            return torch.cat(list(h_n[-2:] if self.bidirectional else h_n[-1:]), dim=-1)
        if self.readout == "max":
            if mask is not None:
                out = out.masked_fill(~mask[:, :, None], float("-inf"))
            return out.max(dim=1).values
        if mask is None:
            return out.mean(dim=1)
        return (out * mask[:, :, None]).sum(dim=1) / mask.sum(dim=1, keepdim=True)

    def forward(
        self, tokens: torch.Tensor, lengths: torch.Tensor | Sequence[int] | None = None
    ) -> torch.Tensor:
        """Classifies a padded batch of token ids.

        Args:
            tokens: ``[B, T]`` token ids, padded on the right.
            lengths: True lengths ``[B]``; ``None`` means every sequence has length ``T``.

        Returns:
            Logits ``[B, C]``.

        Raises:
            TypeError, RuntimeError, ValueError: As :meth:`encode` (an id outside
                ``[0, vocab_size)`` is named with its position, before the embedding sees it).
        """
        s = self.encode(tokens, lengths)
        return self.head(F.dropout(s, self.dropout, self.training))

    if TYPE_CHECKING:  # calls type as ``forward``: nn.Module's ``__call__`` is typed Any, and
        # pyright keeps that over ``__call__ = forward``; a ``def`` of forward's signature it takes
        def __call__(
            self, tokens: torch.Tensor, lengths: torch.Tensor | Sequence[int] | None = None
        ) -> torch.Tensor: ...


class ClassifierEnsemble(nn.Module):
    """Several classifiers of the same shape whose logits are averaged.

    Averaging logits (not probabilities) keeps the ensemble's score a plain mean of its members'
    scores, so an explanation of the ensemble is the mean of its members' explanations of the same
    class (:func:`lstmkit.explain.lrp` and :func:`lstmkit.explain.explain` do exactly that).

    Args:
        members: The classifiers (at least one), e.g. :class:`TextClassifier` trained from
            different seeds on the same vocabulary.

    Raises:
        ValueError: for no members, or :class:`TextClassifier` members of different
            ``num_classes`` or ``vocab_size`` (the differences listed).

    Shape:
        - tokens, lengths: as :class:`TextClassifier`.
        - output: ``[B, C]``, the mean of the members' logits.

    Example:
        >>> model = ClassifierEnsemble([TextClassifier(100, 16, 8, 2) for _ in range(3)])
        >>> model(torch.tensor([[5, 6, 7], [8, 9, 0]]), lengths=[3, 2]).shape
        torch.Size([2, 2])
    """

    def __init__(self, members: Sequence[nn.Module]) -> None:
        super().__init__()
        if len(members) < 1:
            raise ValueError("`members` must hold at least one classifier, got none.")
        # logits of other classes cannot be averaged (torch.stack failed at the first call), and
        # ids of other vocabularies name other words
        # (positions in `members`: the first TextClassifier need not be member 0)
        classifiers = [(k, m) for k, m in enumerate(members) if isinstance(m, TextClassifier)]
        differences = [
            f"member {k} has {name}={getattr(m, name)!r} where member {classifiers[0][0]} has "
            f"{getattr(classifiers[0][1], name)!r}"
            for k, m in classifiers[1:]
            for name in ("num_classes", "vocab_size")
            if getattr(m, name) != getattr(classifiers[0][1], name)
        ]
        if differences:
            raise ValueError(
                "the members of a ClassifierEnsemble must share `num_classes` and `vocab_size` "
                f"to average their logits: {'; '.join(differences)}."
            )
        self.members = nn.ModuleList(members)

    def config(self) -> dict[str, object]:
        """The members' constructor arguments plus ``members`` (their number).

        Raises:
            ValueError: When the members do not share one config (e.g. mixed readouts): a saved
                ensemble records one, so loading it would rebuild every member like the first
                and change its predictions. The differences are listed.
        """
        first = self.members[0].config()
        differences = [
            f"member {k} has {name}={value!r} where member 0 has {first.get(name)!r}"
            for k, member in enumerate(self.members[1:], start=1)
            for name, value in member.config().items()
            if first.get(name) != value
        ]
        if differences:
            raise ValueError(
                "the members of a ClassifierEnsemble must share one config to have one (a saved "
                "ensemble records one and rebuilds every member from it): "
                f"{'; '.join(differences)}."
            )
        return {**first, "members": len(self.members)}

    def forward(
        self, tokens: torch.Tensor, lengths: torch.Tensor | Sequence[int] | None = None
    ) -> torch.Tensor:
        """The mean of the members' logits ``[B, C]`` for ``tokens`` ``[B, T]`` of true
        ``lengths`` ``[B]`` (as :meth:`TextClassifier.forward`)."""
        return torch.stack([m(tokens, lengths) for m in self.members]).mean(dim=0)

    if TYPE_CHECKING:  # calls type as ``forward``: nn.Module's ``__call__`` is typed Any, and
        # pyright keeps that over ``__call__ = forward``; a ``def`` of forward's signature it takes
        def __call__(
            self, tokens: torch.Tensor, lengths: torch.Tensor | Sequence[int] | None = None
        ) -> torch.Tensor: ...


def build_classifier(config: dict[str, Any]) -> TextClassifier | ClassifierEnsemble:
    """An untrained classifier from a saved ``config()``: an ensemble if it names ``members``."""
    config = dict(config)
    members = config.pop("members", 1)
    if not isinstance(members, int) or isinstance(members, bool) or members < 1:
        raise ValueError(
            f"`members` must be a positive integer, got {members!r}{whole_float_hint(members)}."
        )
    if members == 1:
        return TextClassifier(**config)
    return ClassifierEnsemble([TextClassifier(**config) for _ in range(members)])

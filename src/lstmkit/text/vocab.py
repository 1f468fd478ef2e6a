"""Vocabulary, whitespace tokenization and padded batches with lengths.

Shape letters: ``B`` batch, ``T`` time (tokens).
"""

from __future__ import annotations

import json
import os
import reprlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, repeat
from pathlib import Path
from typing import IO, Self

import numpy as np
import torch

from lstmkit import io
from lstmkit._checks import (
    _is_pipe,
    as_int,
    as_path,
    count_too_large,
    folder_given,
    not_found,
    plain_repr,
    typed_repr,
    value_repr,
    whole_float_hint,
)
from lstmkit._device import drawn_on
from lstmkit._lazy import public_dir
from lstmkit.text._checks import _integer_vector, ids_within, int_id, int_ids

__all__ = [
    "PAD",
    "UNK",
    "Vocabulary",
    "batches",
    "length_batches",
    "pad_batch",
    "tokenize",
]
__dir__ = public_dir(globals())

PAD = "<pad>"
UNK = "<unk>"
_REPR_TOKENS, _REPR_WIDTH = 5, 20
"""How many ordinary tokens a vocabulary's repr shows, and at most how many characters of each."""


def tokenize(text: str) -> list[str]:
    """Splits on whitespace (the SST files are already lower-cased and PTB-tokenized)."""
    return text.split()


class Vocabulary:
    """A bijection between tokens and ids, with ``<pad>`` = 0 and ``<unk>`` = 1.

    Args:
        tokens: The ordinary tokens, in id order (ids start at 2); duplicates and the two
            special tokens are rejected.

    Example:
        >>> vocab = Vocabulary.build(["a good film", "a bad film"])
        >>> vocab.encode("a great film")
        [2, 1, 3]
        >>> vocab
        Vocabulary(size=6, special=['<pad>', '<unk>'], first=['a', 'film', 'bad', 'good'])
    """

    pad_id = 0
    unk_id = 1

    def __init__(self, tokens: Iterable[str] = ()) -> None:
        if isinstance(tokens, str):
            raise TypeError(
                f"`tokens` must be an iterable of str tokens, got one str {tokens!r} (its "
                "characters would become the tokens; use [token] or Vocabulary.build(texts))."
            )
        self.itos: list[str] = [PAD, UNK]
        self.stoi: dict[str, int] = {PAD: 0, UNK: 1}
        for token in tokens:
            if not isinstance(token, str):
                raise TypeError(f"`tokens` must hold str tokens, got {typed_repr(token)}.")
            if token in self.stoi:
                raise ValueError(f"`tokens` must be unique and exclude {PAD}/{UNK}, got {token!r}.")
            self.stoi[token] = len(self.itos)
            self.itos.append(token)

    @classmethod
    def build(
        cls,
        texts: Iterable[str | Sequence[str]],
        min_freq: int = 1,
        max_size: int | None = None,
    ) -> Self:
        """Builds a vocabulary from texts (strings are whitespace-tokenized).

        Tokens are ordered by decreasing frequency, ties alphabetically, so the result does not
        depend on the order of the texts.

        Args:
            texts: Strings or already tokenized sequences.
            min_freq: Keep tokens seen at least this often.
            max_size: Keep at most this many ordinary tokens (the most frequent).

        Returns:
            The vocabulary.

        Raises:
            TypeError: When ``texts`` is one str (its characters would be the texts), holds
                something that is neither a str nor a sequence of str, or ``min_freq`` /
                ``max_size`` is not an int.
            ValueError: Listing a ``min_freq < 1`` and a ``max_size < 0``, and either past
                torch's int64 (``2**63 - 1``, as the configs' counts).
        """
        if isinstance(texts, str):
            raise TypeError(
                f"`texts` must be an iterable of texts, got one str {texts!r} (each of its "
                f"characters would be a text; use [text])."
            )
        for name, value, optional in (("min_freq", min_freq, False), ("max_size", max_size, True)):
            if as_int(value) is None and not (optional and value is None):
                raise TypeError(
                    f"`{name}` must be an integer{' or None' if optional else ''}, got "
                    f"{plain_repr(value)}{whole_float_hint(value, int(name == 'min_freq'))}."
                )
        problems = []  # both at once: min_freq=0 was told, max_size=-1 beside it not
        for name, value, low in (("min_freq", min_freq, 1), ("max_size", max_size, 0)):
            if (large := count_too_large(value, f"`{name}`")) is not None:
                problems.append(large + ".")  # as the configs' counts (10**30 was taken)
            elif value is not None and value < low:
                wanted = "a positive integer" if low else "an integer >= 0 or None"
                problems.append(f"`{name}` must be {wanted}, got {plain_repr(value)}.")
        if problems:
            raise ValueError(" ".join(problems))

        def checked() -> Iterator[Sequence[str]]:
            for k, text in enumerate(texts):
                tokens = tokenize(text) if isinstance(text, str) else text
                if not isinstance(tokens, Sequence) or not all(
                    map(isinstance, tokens, repeat(str))
                ):
                    raise TypeError(
                        f"`texts[{k}]` must be a str or a sequence of str tokens, got {text!r}."
                    )
                yield tokens

        # one count, not one update per text; each text's tokens counted as they come (a list of
        # them all held every token of SST's phrases at once: +250 MB, and twice the time)
        counts = Counter(chain.from_iterable(checked()))
        for special in (PAD, UNK):
            counts.pop(special, None)
        kept = sorted(
            (t for t, n in counts.items() if n >= min_freq), key=lambda t: (-counts[t], t)
        )
        return cls(kept[: int(max_size)] if max_size is not None else kept)

    def __len__(self) -> int:
        return len(self.itos)

    def __repr__(self) -> str:
        """Size, the special tokens and the first ordinary ones in id order (from
        :meth:`build`: the most frequent), each cut to 20 characters, ``...`` if more follow."""
        shown = [
            t if len(t) <= _REPR_WIDTH else t[: _REPR_WIDTH - 1] + "…"
            for t in self.itos[2 : 2 + _REPR_TOKENS]
        ]
        first = ", ".join(map(repr, shown)) + (", ..." if len(self) > 2 + _REPR_TOKENS else "")
        return f"Vocabulary(size={len(self)}, special=[{PAD!r}, {UNK!r}], first=[{first}])"

    def __contains__(self, token: object) -> bool:
        return token in self.stoi

    def encode(self, text: str | Sequence[str]) -> list[int]:
        """Maps a text (or token list) to ids; unknown tokens become ``<unk>``.

        A token that spells a special one (``<pad>``, ``<unk>``) is an unknown word too: a text
        never produces the padding id, which the model reads as padding.

        Raises:
            TypeError: for a ``text`` that is neither a str nor a sequence of str tokens.
        """
        if not isinstance(text, str | Iterable):  # a number was "'int' object is not iterable"
            raise TypeError(
                f"`text` must be a str or a sequence of str tokens, got {typed_repr(text)}."
            )
        # a list: an iterator's tokens are read twice (checked, then looked up)
        tokens = tokenize(text) if isinstance(text, str) else list(text)
        # one C-level pass for the usual all-str case, which the training's 50,000 texts take
        if not all(map(isinstance, tokens, repeat(str))):
            k, token = next((k, t) for k, t in enumerate(tokens) if not isinstance(t, str))
            # ids, say: each would silently read as <unk>
            raise TypeError(
                f"`text` must be a str or a sequence of str tokens, got "
                f"{typed_repr(token)} at position {k}."
            )
        return self._ids(tokens)

    def _ids(self, tokens: Sequence[str]) -> list[int]:
        """:meth:`encode` of tokens known to be a sequence of str (a training's, from
        :func:`~lstmkit.text.labelled.text_tokens`), without the checks."""
        get, unk = self.stoi.get, self.unk_id
        ids = [get(t, unk) for t in tokens]
        if self.pad_id in ids:  # only the token <pad> looks up as the padding id: unknown
            ids = [unk if i == self.pad_id else i for i in ids]
        return ids

    def decode(self, ids: Iterable[int], skip_pad: bool = True) -> str:
        """Maps ids back to a space-joined string (padding dropped unless ``skip_pad=False``).

        Raises:
            TypeError: For ``ids`` that is not a sequence of ints (a str, a float or bool id).
            ValueError: For the first id outside ``[0, len(self))``.
        """
        values, size = int_ids(ids), len(self.itos)
        if not ids_within(ids, values, size):  # one min and max, not a test per id
            first = next(i for i in values if not 0 <= i < size)
            raise ValueError(f"`ids` must lie in [0, {size}), got {first}.")
        itos, pad = self.itos, self.pad_id if skip_pad else None
        return " ".join([itos[i] for i in values if i != pad])

    def save(self, path: str | Path) -> None:
        """Writes the tokens as a JSON list (special tokens included), as a plot is written
        (:func:`lstmkit._figures.written_whole`: whole or not at all; ``/dev/stdout`` through
        the process's stdout, where opened anew it truncated the file a shell's ``>>`` had
        opened)."""
        from lstmkit._figures import written_whole

        with written_whole(as_path(path, "`path`")) as temp:
            temp.write_text(self._json(), encoding="utf-8")

    def _json(self) -> str:
        """What :meth:`save` writes: the tokens as a JSON list."""
        return json.dumps(self.itos, ensure_ascii=False)

    @classmethod
    def load(cls, path: str | Path | IO[str] | IO[bytes]) -> Self:
        """Reads a vocabulary written by :meth:`save`: from its path, or from a file object as
        :func:`lstmkit.data.read_csv` takes one (``open(...)``, ``io.StringIO(text)``).

        Raises:
            FileNotFoundError: When the file is missing.
            TypeError: For a ``path`` that is no ``str``, ``Path`` or file object (``None``,
                say).
            ValueError: When it is not a JSON list of distinct strings starting with the two
                special tokens (naming the file).
        """
        # read without importing pandas; a named pipe, read once, as a file object is
        if isinstance(path, str | os.PathLike) and not _is_pipe(file := as_path(path, "`path`")):
            return cls._load(file)
        from lstmkit.data import _path_of

        with _path_of(path) as file:
            return cls._load(file)

    @classmethod
    def _load(cls, file: Path) -> Self:
        """The vocabulary in the file at ``file``, as :meth:`load` reads it."""
        if file.is_dir():  # a classifier's folder, which holds its vocab.json
            raise folder_given(file, "`path`", "vocabulary", lambda p: p.name == "vocab.json")
        if not file.is_file():
            raise not_found(file, "`path`", "vocab.json")
        itos = io.read_json(file)
        got = _not_tokens(itos)
        if got:
            raise ValueError(
                f"{str(file)!r} is not a vocabulary file (a JSON list of tokens starting with "
                f"{PAD}, {UNK}), got {got}."
            )
        try:
            return cls(itos[2:])
        except ValueError as err:
            raise ValueError(f"{str(file)!r} is not a vocabulary file: {err}") from None


def _not_tokens(itos: object) -> str | None:
    """What a vocabulary file held where it is no list of str starting with the special
    tokens (its refusal said what was expected alone, leaving a ``{}`` or another model's
    ``vocab.json`` to be guessed at), or None where it is one.

    Example:
        >>> _not_tokens({"a": 2}), _not_tokens(["a", "b"]), _not_tokens(["<pad>", "<unk>", 3])
        ("dict {'a': 2}", "a list starting with 'a', 'b'", 'int 3 at index 2')
    """
    if not isinstance(itos, list):
        return typed_repr(itos, reprlib.repr(itos))
    if itos[:2] != [PAD, UNK]:
        start = ", ".join(reprlib.repr(t) for t in itos[:2])
        return f"a list starting with {start}" if start else "an empty list"
    index = next((k for k, t in enumerate(itos) if not isinstance(t, str)), None)
    return None if index is None else f"{typed_repr(itos[index])} at index {index}"


def _pad_value(pad_id: object) -> int | None:
    """``pad_id`` as a Python ``int`` where it is an integer of any kind (``np.int64``) or a 0-d
    integer tensor or array (``torch.tensor(0)``, ``np.array(0)``), but no bool; None
    otherwise."""
    value = as_int(pad_id)
    # a meta tensor holds no value to read (its item() raised a RuntimeError)
    zero_d = (isinstance(pad_id, torch.Tensor) and pad_id.device.type != "meta") or (
        isinstance(pad_id, np.ndarray) and not isinstance(pad_id, np.ma.MaskedArray)
    )
    if value is None and zero_d and pad_id.ndim == 0:  # type: ignore[union-attr]
        try:
            value = int_id(pad_id)  # refuses a float or bool tensor or array
        except TypeError:
            pass
    return value


def _flat_ids(sequences: list[object]) -> tuple[torch.Tensor, list[int]] | None:
    """Every id of the batch in one int64 tensor on the CPU, and each sequence's length, from
    one check over all of them: where all sequences are lists or tuples of Python ints (one
    flat list, one type check), or all are 1-D integer tensors or arrays whose dtype int64
    holds. None for anything else, which :func:`int_ids` walks id by id, naming what is wrong
    (or reading it: ``np.int64`` ids in a list, a ``range``, a uint64 array)."""
    if all(type(seq) is list or type(seq) is tuple for seq in sequences):
        flat = list(chain.from_iterable(sequences))  # type: ignore[arg-type]
        if not set(map(type, flat)) <= {int}:  # a float, a bool, a str, ...
            return None
        try:
            ids = torch.from_numpy(np.array(flat, dtype=np.int64))
        except OverflowError:  # an id past int64: refused as the walk refuses it
            return None
        return ids, [len(seq) for seq in sequences]  # type: ignore[arg-type]
    parts = []
    for seq in sequences:
        vector = _integer_vector(seq)
        if vector is None:
            return None
        if isinstance(vector, torch.Tensor):
            if vector.dtype == torch.uint64:  # whose ids may pass int64
                return None
            parts.append(vector.to(device="cpu", dtype=torch.long))
        elif vector.dtype.kind == "u" and vector.dtype.itemsize == 8:  # ">u8" too, no np.uint64
            return None
        else:  # a copy: from_numpy shares memory, and refuses negative strides
            parts.append(torch.from_numpy(vector.astype(np.int64)))
    return torch.cat(parts), [len(part) for part in parts]


_INT64_LOW, _INT64_HIGH = -(2**63), 2**63 - 1
_INT64_SPAN = "in [-2**63, 2**63 - 1]"


def _int64_ids(rows: list[list[int]]) -> torch.Tensor:
    """The walked rows' ids in one int64 tensor on the CPU, or a ``ValueError`` naming the ids
    past int64 (the first five, with their places), where torch said only "Overflow when
    unpacking long long"."""
    try:
        return torch.cat([torch.tensor(r, dtype=torch.long, device="cpu") for r in rows])
    except (OverflowError, RuntimeError, ValueError):
        bad = [
            f"{v} at `sequences[{b}][{k}]`"
            for b, row in enumerate(rows)
            for k, v in enumerate(row)
            if not _INT64_LOW <= v <= _INT64_HIGH
        ]
        if not bad:
            raise
        more = " ..." if len(bad) > 5 else ""
        raise ValueError(
            f"`sequences` must hold int64 ids ({_INT64_SPAN}), got {', '.join(bad[:5])}{more}."
        ) from None


def pad_batch(
    sequences: Sequence[Sequence[int]], pad_id: int | torch.Tensor | np.ndarray = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-pads id sequences into a tensor.

    Args:
        sequences: ``B`` non-empty id sequences (an iterable of them, or a ``[B, T]`` tensor or
            array, its rows the sequences).
        pad_id: The padding id: an int, or a 0-d integer tensor or array.

    Returns:
        ``(tokens [B, T] int64, lengths [B] int64)`` with ``T`` the longest length, both on the
        CPU whatever device the ids or ``torch.set_default_device`` name (the callers move a
        batch to the model's device).

    Raises:
        TypeError: for ``sequences`` that cannot be iterated, a ``pad_id`` that is no int, or
            a sequence that is a str or holds something other than int ids (a float id was cut
            to an int: 1.5 read as 1).
        ValueError: for no sequences or an empty one, or a ``pad_id`` or ids outside int64.
    """
    pad = _pad_value(pad_id)
    if pad is None:
        raise TypeError(f"`pad_id` must be an integer, got {value_repr(pad_id)}.")
    if not _INT64_LOW <= pad <= _INT64_HIGH:  # torch.full's "value cannot be converted ..."
        raise ValueError(f"`pad_id` must be an int64 ({_INT64_SPAN}), got {pad}.")
    # listed first: an empty iterator is not falsy, and a [B, T] tensor or array (its rows the
    # sequences) has no truth value
    try:
        batch = list(sequences)
    except TypeError:  # "'int' object is not iterable", which named no argument
        raise TypeError(
            f"`sequences` must be a sequence of id sequences, got {value_repr(sequences)}."
        ) from None
    if not batch:
        raise ValueError("`sequences` must hold at least one sequence, got none.")
    flat = _flat_ids(batch)
    rows = []
    if flat is None:  # the walk, which names the sequence and the id that is wrong
        for b, seq in enumerate(batch):
            try:
                rows.append(int_ids(seq))
            except TypeError as error:  # its message names `ids`: name the sequence instead
                raise TypeError(str(error).replace("`ids", f"`sequences[{b}]")) from None
    sizes = flat[1] if flat is not None else [len(row) for row in rows]
    # every tensor on the CPU by name: under torch.set_default_device("cuda") the padding went
    # there while the ids stayed here, and masked_scatter_ refused the two devices
    lengths = torch.tensor(sizes, dtype=torch.long, device="cpu")
    if int(lengths.min()) < 1:
        raise ValueError("`sequences` must all be non-empty, got an empty one.")
    ids = flat[0] if flat is not None else _int64_ids(rows)
    tokens = torch.full((len(batch), int(lengths.max())), pad, dtype=torch.long, device="cpu")
    # row-major, so the ids fill each row's first lengths[b] places, one row after the other
    filled = torch.arange(tokens.shape[1], device="cpu") < lengths[:, None]  # [B, T]
    return tokens.masked_scatter_(filled, ids), lengths


def _batch_size(batch_size: object) -> int:
    """``batch_size`` as a Python ``int`` >= 1, for :func:`batches` and :func:`length_batches`.

    Raises:
        TypeError: For a ``batch_size`` that is no integer (a bool, a float, text).
        ValueError: For one below 1, or past torch's int64 (as the configs' counts).
    """
    count = as_int(batch_size)
    if count is None:  # 2.5 failed in range(), True made batches of one
        raise TypeError(
            f"`batch_size` must be an integer, got {typed_repr(batch_size)}"
            f"{whole_float_hint(batch_size)}."
        )
    if (large := count_too_large(count, "`batch_size`")) is not None:
        raise ValueError(large + ".")  # 10**30 was taken, where every config refuses it
    if count < 1:
        raise ValueError(f"`batch_size` must be a positive integer, got {plain_repr(count)}.")
    return count


def length_batches(
    sequences: Sequence[Sequence[int]], batch_size: int
) -> Iterator[tuple[list[int], torch.Tensor, torch.Tensor]]:
    """Padded batches of at most ``batch_size`` sequences, grouped by length so that little goes
    into padding: ``(positions, tokens [b, T], lengths [b])`` per batch, where ``positions`` are
    the batch's rows' indices in ``sequences`` (sorted by length, ties in order). Every sequence
    comes once; inference scatters the results back to the input order by ``positions``.

    Example:
        >>> [(pos, lengths.tolist()) for pos, _, lengths in length_batches([[5, 6], [7], [8]], 2)]
        [([1, 2], [1, 1]), ([0], [2])]

    Raises:
        TypeError, ValueError: As :func:`batches`, for its ``batch_size``, at the first batch.
    """
    batch_size = _batch_size(batch_size)  # 0 failed in range() ("arg 3 must not be zero")
    order = sorted(range(len(sequences)), key=lambda k: len(sequences[k]))  # stable
    for start in range(0, len(order), batch_size):
        positions = order[start : start + batch_size]
        yield (positions, *pad_batch([sequences[k] for k in positions]))


def batches(
    sequences: Sequence[Sequence[int]],
    labels: Sequence[int] | torch.Tensor,
    batch_size: int,
    shuffle: bool = False,
    generator: torch.Generator | None = None,
    bucket: bool = False,
) -> Iterable[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """Yields ``(tokens [B, T], lengths [B], labels [B])`` mini-batches.

    Args:
        sequences: Id sequences.
        labels: One label per sequence.
        batch_size: Sequences per batch.
        shuffle: Shuffle the order (with ``generator``); this is a generator, read once, so
            each epoch calls ``batches`` again for a new order.
        generator: Random generator for shuffling.
        bucket: Group sequences of similar length (sorted within chunks of 50 batches) so less
            time is spent on padding; batch order is still shuffled when ``shuffle``.

    Yields:
        Padded batches.

    Raises:
        TypeError: for a ``batch_size`` that is no int.
        ValueError: for a ``batch_size`` below 1 or past torch's int64 (``2**63 - 1``, as the
            configs' counts), or ``labels`` not one per sequence.
    """
    batch_size = _batch_size(batch_size)
    if len(labels) != len(sequences):
        raise ValueError(
            f"`labels` must have one entry per sequence ({len(sequences)}), got {len(labels)}."
        )
    # on the CPU as the tokens (see pad_batch), whatever torch.set_default_device names: there
    # the labels went, and a CPU generator failed in randperm ("Expected a 'cuda' device type
    # for generator"); labels given as a tensor stay on its device
    where = labels.device if isinstance(labels, torch.Tensor) else "cpu"
    if not isinstance(labels, torch.Tensor | np.ndarray):
        # a pandas Series with an index of its own (a filtered or sorted column) was read by
        # index label: "could not determine the shape of object type 'Series'"
        labels = list(labels)
    labels = torch.as_tensor(labels, dtype=torch.long, device=where)
    n = len(sequences)
    order = (
        torch.randperm(n, generator=generator, device=drawn_on(generator))
        if shuffle
        else torch.arange(n, device="cpu")
    )
    order = order.tolist()
    if bucket:
        chunk = batch_size * 50
        order = [
            i
            for s in range(0, n, chunk)
            for i in sorted(order[s : s + chunk], key=lambda j: len(sequences[j]))
        ]
    groups = [order[s : s + batch_size] for s in range(0, n, batch_size)]
    if shuffle and bucket:
        perm = torch.randperm(len(groups), generator=generator, device=drawn_on(generator))
        perm = perm.tolist()
        groups = [groups[p] for p in perm]
    for idx in groups:
        tokens, lengths = pad_batch([sequences[i] for i in idx])
        yield tokens, lengths, labels[idx]

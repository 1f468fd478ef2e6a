"""The field checks the text workflows' config dataclasses share (one message format)."""

from __future__ import annotations

import operator
import sys
from collections.abc import Iterable
from typing import Any

import numpy as np

from lstmkit._checks import MAX_SEED as MAX_SEED  # served from here too
from lstmkit._checks import (
    ConfigTypeError,
    _is_number,
    as_int,
    count_too_large,
    fraction_hint,
    is_finite,
    numpy_hint,
    plain_repr,
    progress_problems,
    python_bools,
    seed_problem,
    text_refusal,
    typed_repr,
    value_repr,
    whole_float_hint,
)


def cut_short(step: int, total: int, threads: int = 1) -> str:
    """What to log (a warning) where the wall-clock budget ends a training at ``step`` of its
    ``total`` planned steps: the model then depends on the machine's speed, which nothing in
    the metrics said. Counts with thousands separators, as every count in lstmkit's messages
    (a ``%d`` template wrote "at step 4210 of 69150"). Where it trained on torch's
    ``threads`` above 1, one thread is named too: threads that share their cores with other
    busy processes slow down many times over (the README's 20-epoch ``reviews.csv`` took 28 s
    on two threads beside other jobs, 2 s on one), which the advice of a larger budget
    alone left unsaid.

    Example:
        >>> print(cut_short(4210, 69150))  # doctest: +NORMALIZE_WHITESPACE
        the wall-clock budget (`minutes`, --minutes) stopped training at step 4,210 of 69,150:
        a run the clock stops does not repeat bit for bit; a larger budget lets it make every
        step
        >>> print(cut_short(341, 1161, threads=2))  # doctest: +NORMALIZE_WHITESPACE
        the wall-clock budget (`minutes`, --minutes) stopped training at step 341 of 1,161: a
        run the clock stops does not repeat bit for bit; a larger budget lets it make every
        step, and where other processes keep the cores busy, one thread (--threads 1; from
        Python, `torch.set_num_threads(1)`) can train many times faster than torch's 2
    """
    one = (
        ", and where other processes keep the cores busy, one thread (--threads 1; from Python, "
        f"`torch.set_num_threads(1)`) can train many times faster than torch's {threads}"
        if threads > 1
        else ""
    )
    return (
        f"the wall-clock budget (`minutes`, --minutes) stopped training at step {step:,} of "
        f"{total:,}: a run the clock stops does not repeat bit for bit; a larger budget lets it "
        f"make every step{one}"
    )


def few_steps(examples: int, batch_size: int, epochs: int) -> str | None:
    """What to log (a warning) where ``examples`` training examples make only one or two steps
    an epoch at ``batch_size``, and a smaller batch (the largest power of two at most a
    quarter of the examples) makes more: 34 examples at the default 64 made one step an
    epoch, 30 in 30 epochs, with nothing said, and the kept model predicted p = 0.33 for
    each of 3 classes. ``None`` where there is nothing to say.

    Example:
        >>> print(few_steps(34, 64, 30))  # doctest: +NORMALIZE_WHITESPACE
        34 training examples make 1 step an epoch at the batch size 64 (`batch_size`,
        --batch-size), 30 steps in 30 epochs: a smaller batch, such as 8 (5 steps an epoch),
        gives the optimizer more steps
        >>> few_steps(200, 64, 3) is None  # 4 steps an epoch
        True
        >>> print(few_steps(1500, 1024, 1000))  # doctest: +NORMALIZE_WHITESPACE
        1,500 training examples make 2 steps an epoch at the batch size 1,024 (`batch_size`,
        --batch-size), 2,000 steps in 1,000 epochs: a smaller batch, such as 256 (6 steps an
        epoch), gives the optimizer more steps
    """
    steps = -(-examples // batch_size)
    smaller = 1 << (max(examples // 4, 1).bit_length() - 1)
    more = -(-examples // smaller)
    if steps > 2 or smaller >= batch_size or more <= steps:
        return None
    return (
        f"{examples:,} training examples make {counted(steps, 'step')} an epoch at the batch "
        f"size {batch_size:,} (`batch_size`, --batch-size), "
        f"{counted(steps * epochs, 'step')} in {counted(epochs, 'epoch')}: a smaller batch, "
        f"such as {smaller:,} ({more:,} steps an epoch), gives the optimizer more steps"
    )


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, plural but for one (``1 text``, ``2 texts``, ``1,500 texts``,
    with thousands separators as lstmkit's other counts): a dev set of one text and two labels
    was said to hold "1 texts"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _is_int(value: object) -> bool:
    """An integer of any kind (``int``, ``np.int64``, ...) but not a bool."""
    return as_int(value) is not None


def sentences(problems: Iterable[str]) -> str:
    """``problems``, each a sentence with its full stop, as one message, a later one that
    starts in lower case capitalised: "... got 3 texts and 4 labels. every text must contain a
    token ..." began its second sentence in lower case. The first stays as it is, as an error
    message starts ("column 'rating' of ...", "every label must ...").

    Example:
        >>> sentences(["every text must hold a token.", "column 'y' must hold a label."])
        "every text must hold a token. Column 'y' must hold a label."
    """
    said = list(problems)
    return " ".join(said[:1] + [p[:1].upper() + p[1:] for p in said[1:]])


def _in_fraction(value: float) -> bool:
    return 0.0 <= value < 1.0


def _positive(value: float) -> bool:
    return value > 0 and is_finite(value)


def _non_negative(value: float) -> bool:
    return value >= 0 and is_finite(value)


def field_problems(
    config: object,
    positive_ints: Iterable[str] = (),
    non_negative_ints: Iterable[str] = (),
    fractions: Iterable[str] = (),
    positive: Iterable[str] = (),
    non_negative: Iterable[str] = (),
    bools: Iterable[str] = (),
    seeds: int = 1,
    kinds: dict[str, str] | None = None,
) -> list[str]:
    """One message per field of ``config`` that is out of range.

    Also checks ``progress`` (True, False or None) and ``seed`` (an int with ``seed + seeds - 1``
    at most ``2**63 - 1``, torch's limit), so call it once per config. Integers of other kinds
    (``np.int64(3)``) are stored back into ``config`` as Python ints, so it stays JSON-able.

    Args:
        config: the dataclass instance.
        positive_ints: fields that must be ints >= 1 (bools are refused).
        non_negative_ints: fields that must be ints >= 0 (bools are refused).
        fractions: fields that must lie in ``[0, 1)``.
        positive: fields that must be finite numbers > 0 (NaN and infinity are refused).
        non_negative: fields that must be finite numbers >= 0.
        bools: fields that must be ``True`` or ``False``.
        seeds: how many consecutive seeds from ``seed`` the run uses (ensemble members).
        kinds: decimal fields by the kind they take (a config's ``_decimal_kinds``): those of
            ``"[0, 1)"``, ``"positive"`` and ``"non-negative"`` are checked after ``fractions``,
            ``positive`` and ``non_negative``, in order; other kinds are the caller's to check.
    """
    kinds = kinds or {}
    fractions = (*fractions, *(name for name, of in kinds.items() if of == "[0, 1)"))
    positive = (*positive, *(name for name, of in kinds.items() if of == "positive"))
    non_negative = (*non_negative, *(name for name, of in kinds.items() if of == "non-negative"))
    # np.True_ -> True, as np.int64(3) -> 3
    python_bools(config, *bools, *(["progress"] if hasattr(config, "progress") else []))
    problems = [p + "." for p in progress_problems(getattr(config, "progress", None))]
    for name in positive_ints:
        value = getattr(config, name)
        if (large := count_too_large(value, f"`{name}`")) is not None:
            problems.append(large + ".")  # past torch's int64, as the CLI's flags say it
        elif not _is_int(value) or value < 1:
            problems.append(
                f"`{name}` must be a positive integer, got {plain_repr(value)}"
                f"{whole_float_hint(value)}."
            )
    for name in non_negative_ints:
        value = getattr(config, name)
        if (large := count_too_large(value, f"`{name}`")) is not None:
            problems.append(large + ".")
        elif not _is_int(value) or value < 0:
            problems.append(
                f"`{name}` must be an integer >= 0, got {plain_repr(value)}"
                f"{whole_float_hint(value, 0)}."
            )
    for name in bools:
        value = getattr(config, name)
        if not isinstance(value, bool):
            problems.append(
                f"`{name}` must be True or False, got {value_repr(value)}{numpy_hint(value)}."
            )
    for name in fractions:
        value = getattr(config, name)
        if not (_is_number(value) and 0.0 <= value < 1.0):
            hint = numpy_hint(value, _in_fraction) or fraction_hint(value)
            problems.append(
                f"`{name}` must be a number in [0, 1), got {plain_repr(value, _in_fraction)}{hint}."
            )
    for name in positive:
        value = getattr(config, name)
        if not (_is_number(value) and value > 0 and is_finite(value)):
            hint = numpy_hint(value, _positive)
            problems.append(
                f"`{name}` must be a positive finite number, got "
                f"{plain_repr(value, _positive)}{hint}."
            )
    for name in non_negative:
        value = getattr(config, name)
        if not (_is_number(value) and value >= 0 and is_finite(value)):
            hint = numpy_hint(value, _non_negative)
            problems.append(
                f"`{name}` must be a finite number >= 0, got "
                f"{plain_repr(value, _non_negative)}{hint}."
            )
    if (problem := seed_problem(getattr(config, "seed", 0), members=seeds)) is not None:
        problems.append(problem + ".")
    for name in (*positive_ints, *non_negative_ints, "seed"):
        value = getattr(config, name, None)
        if _is_int(value) and type(value) is not int:
            object.__setattr__(config, name, as_int(value))  # np.int64(3) -> 3
    return problems


def module_problems(
    sizes: dict[str, object], dropout: object, minimum: dict[str, tuple[int, str]] | None = None
) -> tuple[list[str], dict[str, int | None]]:
    """The problems of a text module's constructor arguments, and its sizes as Python ints.

    Args:
        sizes: Arguments that must be ints >= 1 (numpy integers are taken, bools are not).
        dropout: Must be a real number in ``[0, 1)``.
        minimum: For some of ``sizes``, a larger minimum and the reason for it.

    Returns:
        ``(one message per problem, {name: the int, or None where refused})``.
    """
    problems, ints = [], {}
    for name, value in sizes.items():
        low, why = (minimum or {}).get(name, (1, ""))
        ints[name] = as_int(value)
        if (large := count_too_large(value, f"`{name}`")) is not None:
            problems.append(large + ".")  # past torch's int64: torch's C++ overflowed
            ints[name] = None
        elif ints[name] is None or ints[name] < low:
            expected = "a positive integer" if low == 1 else f"an integer >= {low}{why}"
            problems.append(
                f"`{name}` must be {expected}, got {plain_repr(value)}"
                f"{whole_float_hint(value, low)}."
            )
            ints[name] = None
    if not (_is_number(dropout) and 0 <= dropout < 1):
        problems.append(
            f"`dropout` must be a number in [0, 1), got {plain_repr(dropout, _in_fraction)}"
            f"{fraction_hint(dropout)}."
        )
    return problems, ints


def module_refusal(
    problems: list[str],
    sizes: dict[str, object],
    dropout: object,
    minimum: dict[str, tuple[int, str]] | None = None,
) -> ValueError:
    """The error for the :func:`module_problems` ``problems`` of the same arguments: a
    :class:`~lstmkit._checks.TextForNumberError` (a ``TypeError``) where text came for a number,
    each told the number it reads as, or that a percentage is none (``vocab_size="20%"``), as
    the configs and :class:`~lstmkit.text.TextClassifier` tell it; a
    :class:`~lstmkit._checks.ConfigTypeError` (a ``TypeError`` too) where one is None; else a
    ``ValueError``.
    ``CharLM(vocab_size="20%")`` was a plain ``ValueError`` with no word of the text."""
    arguments = {**sizes, "dropout": dropout}

    def refused_too(read: dict[str, float | int]) -> set[str]:
        given = arguments | read
        said = module_problems({name: given[name] for name in sizes}, given["dropout"], minimum)[0]
        return {name for name in read if any(p.startswith(f"`{name}` must") for p in said)}

    refusal = text_refusal(" ".join(problems), arguments, refused_too)
    if type(refusal) is ValueError and any(value is None for value in arguments.values()):
        # None is no number: a TypeError, as nn.LSTM(hidden_size=None) and the configs say
        return ConfigTypeError(str(refusal))
    return refusal


def module_sizes(
    sizes: dict[str, object], dropout: object, minimum: dict[str, tuple[int, str]] | None = None
) -> dict[str, int]:
    """A text module's ``sizes`` as Python ints, in their order; else :func:`module_refusal`'s
    error for the :func:`module_problems` of the same arguments."""
    problems, ints = module_problems(sizes, dropout, minimum)
    if problems:
        raise module_refusal(problems, sizes, dropout, minimum)
    return {name: value for name, value in ints.items() if value is not None}


def _integer_vector(ids: object) -> Any:
    """``ids`` where it is a 1-D tensor or array of an integer dtype (not bool), which
    :func:`int_ids` reads in one ``tolist`` and :func:`ids_within` with one min and max; else
    None: for everything else, which :func:`int_ids` checks entry by entry (a million ids took
    over a second so). Looked up in ``sys.modules``: an object of a module not imported is no
    instance of its types."""
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(ids, torch.Tensor):
        dtype = ids.dtype
        integer = not (dtype.is_floating_point or dtype.is_complex or dtype == torch.bool)
        # a sparse or quantized tensor has no tolist (its entries do have an index)
        plain = ids.layout == torch.strided and not ids.is_quantized
        if ids.dim() == 1 and integer and plain and ids.device.type != "meta":
            return ids
        return None
    np = sys.modules.get("numpy")
    if (
        np is not None
        and isinstance(ids, np.ndarray)
        and not isinstance(ids, np.ma.MaskedArray)  # whose tolist writes a masked entry as None
        and ids.ndim == 1
        and ids.dtype.kind in "iu"
    ):
        return ids
    return None


def ids_within(ids: object, values: list[int], size: int) -> bool:
    """Whether each of ``values`` (``int_ids(ids)``) lies in ``[0, size)``: one min and one max,
    taken on ``ids`` itself where it is an integer tensor or array (a million ids: 0.2 ms,
    where ``min`` and ``max`` over the Python ints take 20)."""
    if not values:
        return True
    vector = _integer_vector(ids)
    if vector is not None:
        try:
            return int(vector.min()) >= 0 and int(vector.max()) < size
        # torch's uint16, uint32 and uint64 have no min or max: NotImplementedError in
        # torch 2.13 and 2.14, RuntimeError ("min_all" not implemented for 'UInt16') in torch 2.4
        except (NotImplementedError, RuntimeError):
            pass
    return min(values) >= 0 and max(values) < size


def int_id(entry: object) -> int:
    """``entry`` as a Python ``int`` where it is an integer of any kind (``np.int64``, a 0-d
    integer tensor or array), through its index: 1.7 was read as 1 through ``int()``. A bool is
    none, nor a bool tensor (True read as 1), nor numpy's bool (numpy 1 gave it an index, 1,
    with a DeprecationWarning).

    Raises:
        TypeError: For anything else.
    """
    if type(entry) is int:  # the common case, at once: a list of a million ids
        return entry
    torch = sys.modules.get("torch")
    if isinstance(entry, bool | np.bool_) or (
        torch is not None and isinstance(entry, torch.Tensor) and entry.dtype == torch.bool
    ):
        raise TypeError(f"a bool is no id, got {value_repr(entry)}")
    if torch is not None and isinstance(entry, torch.Tensor) and entry.device.type == "meta":
        # it holds no value to read: its index raised "Tensor.item() cannot be called on meta
        # tensors", a RuntimeError that the callers' messages did not name
        raise TypeError(f"a meta tensor holds no id, got {value_repr(entry)}")
    return operator.index(entry)  # type: ignore[arg-type]


def int_ids(ids: object) -> list[int]:
    """``ids`` as Python ints, for a ``decode``: a sequence of them (not a str) or a 1-D tensor
    or array; an entry may be an integer of any kind (``np.int64``, a 0-d integer tensor) but
    not a bool.

    Raises:
        TypeError: For ``ids`` that is no such sequence, or listing the entries that are no ints
            (the first five, with their positions).

    Example:
        >>> int_ids((3, 1))
        [3, 1]
    """
    vector = _integer_vector(ids)
    if vector is not None:
        return vector.tolist()  # type: ignore[no-any-return]
    wrong = f"`ids` must be a sequence of int ids, got {typed_repr(ids)}."
    if isinstance(ids, str | bytes):  # "12" read as the ids 1 and 2; "ab" failed in int()
        raise TypeError(wrong)
    try:
        entries = list(ids)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(wrong) from None
    out, bad = [], []
    for k, entry in enumerate(entries):
        try:
            out.append(int_id(entry))
        except TypeError:
            bad.append(f"{typed_repr(entry)} at `ids[{k}]`")  # np.True_ names its type
    if bad:
        more = " ..." if len(bad) > 5 else ""
        raise TypeError(f"`ids` must hold ints, got {', '.join(bad[:5])}{more}.")
    return out

"""Your own labelled texts: how they are read (tokens), checked, split and loaded from a CSV.

:func:`~lstmkit.text.sentiment.train_classifier` trains on them. A text is read as
:class:`~lstmkit.text.sentiment.SentimentPredictor` reads its input (:func:`text_tokens`), so
training and prediction see the same tokens; a label is any non-empty str, the class names
sorted give the class order (by value when all are numbers). Without given dev and test sets,
:func:`stratified_split` holds out 10 % of each class for each (rounded half up), so a class
needs at least 5 examples.
"""

from __future__ import annotations

import io
import numbers
import random
import re
import sys
import unicodedata
import warnings
from collections import Counter
from collections.abc import Collection, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

import numpy as np

from lstmkit._checks import (
    _clipped,
    and_list,
    and_more,
    checked_seed,
    not_found,
    numpy_hint,
    plural_s,
    python_scalar,
    shown_names,
    typed_path,
    typed_repr,
    user_stacklevel,
    value_repr,
)
from lstmkit._lazy import public_dir
from lstmkit.text._checks import counted, sentences
from lstmkit.text.sst import normalize, ptb_tokenize

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "check_labelled",
    "class_names",
    "read_labelled_csv",
    "stratified_split",
    "text_tokens",
]
__dir__ = public_dir(globals())

HELD_OUT_PERCENT = 10
"""The share of each class held out for dev, and the same for test, rounded half up."""

MIN_PER_CLASS = 5
"""The fewest examples of a class that leave one for each held-out set (10 % of 5, rounded)."""

SPLITS = ("dev", "test")

_SHOWN = 5  # items a message lists before "and N more"
_SHOWN_LABELS = 10  # unknown labels a message lists, each with its hint and rows

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")

# Inside `_tokenised_once`, the tokens of each text seen so far (None outside): reading a CSV,
# checking its texts and training on them each need the tokens of the same texts.
_TOKENS: ContextVar[dict[str, tuple[str, ...]] | None] = ContextVar("_TOKENS", default=None)


def case_variants(names: Iterable[str]) -> list[tuple[str, ...]]:
    """The groups of class names that differ only in case (``"Positive"``, ``"positive"``),
    each sorted: most likely one class written two ways, which trains as two.

    Example:
        >>> case_variants(["Positive", "negative", "positive", "POSITIVE"])
        [('POSITIVE', 'Positive', 'positive')]
    """
    groups: dict[str, list[str]] = {}
    for y in sorted(set(names)):
        groups.setdefault(y.casefold(), []).append(y)
    return [tuple(g) for g in groups.values() if len(g) > 1]


def number_variants(names: Iterable[str]) -> list[tuple[str, ...]]:
    """The groups of class names that are one number written differently (``"1"``, ``"1.0"``,
    ``"01"``), each sorted: most likely one class written two ways (pandas writes an integer
    column with a gap as ``1.0``, ``2.0``), which trains as two.

    Example:
        >>> number_variants(["1", "2", "1.0", "01", "x", "2"])
        [('01', '1', '1.0')]
    """
    # compared as decimals: as floats, integers past 2**53 (codes, ids) and past 1e308 met
    groups: dict[Decimal, list[str]] = {}
    for y in sorted(set(names)):
        if _NUMBER.fullmatch(y):
            groups.setdefault(Decimal(y), []).append(y)
    return [tuple(g) for g in groups.values() if len(g) > 1]


def text_tokens(text: str) -> list[str]:
    """The tokens of a text: composed Unicode (NFC), lower case, PTB bracket escapes undone,
    split the way SST is tokenized (:func:`~lstmkit.text.sst.ptb_tokenize`).

    Example:
        >>> text_tokens("It's GREAT.")
        ['it', "'s", 'great', '.']
    """
    if _TOKENS.get() is None:
        return _tokenised(text)
    return list(_shared_tokens(text))  # a list of its own, as a fresh tokenisation gives


def _tokenised(text: str) -> list[str]:
    """:func:`text_tokens` without the memo: the text tokenised."""
    return ptb_tokenize(normalize(unicodedata.normalize("NFC", text).lower()))


def _shared_tokens(text: str) -> Sequence[str]:
    """:func:`text_tokens` for callers that only read the tokens: inside
    :func:`_tokenised_once` the memo's own tuple, not a copy (the checks and the training of
    ``text train --csv`` read 50,000 texts' tokens twice or three times)."""
    memo = _TOKENS.get()
    if memo is None:
        return _tokenised(text)
    tokens = memo.get(text)
    if tokens is None:
        # one str per distinct token, not one per occurrence: the memo of a 200,000-row file
        # (28 MB, 4.4M tokens) held 270 MB of copies of the same few words
        tokens = memo[text] = tuple(map(sys.intern, _tokenised(text)))
    return tokens


@contextmanager
def _tokenised_once() -> Iterator[None]:
    """Within it, :func:`text_tokens` tokenises each distinct text once and hands out copies of
    those tokens after that (:func:`_shared_tokens` the tokens themselves); nested, the
    outermost one's tokens are kept."""
    memo = _TOKENS.get()
    reset = _TOKENS.set({} if memo is None else memo)
    try:
        yield
    finally:
        _TOKENS.reset(reset)


def labels_at_odds(
    texts: Sequence[str], labels: Sequence[str], places: Sequence[str], where: str = ""
) -> str | None:
    """The warning for texts given twice or more, token for token, with different labels
    (``places``: how each text is named, ``"`texts[3]`"`` or ``"row 4"``; ``where``: what
    follows them, the file and how its rows count), or None: such data trained with nothing
    said, each copy's loss pulling against the other's, and no label could be right for both.

    Example:
        >>> print(labels_at_odds(["a fine film.", "a dull film", "A fine  film ."],
        ...     ["pos", "neg", "neg"], ["`texts[0]`", "`texts[1]`", "`texts[2]`"]))
        ... # doctest: +NORMALIZE_WHITESPACE
        1 text is given different labels, token for token the same: 'a fine film.' as `texts[0]`
        ('pos') and `texts[2]` ('neg'). No label can be right for both copies, and each
        trains against the other; correct the wrong labels or drop the copies.
    """
    first: dict[tuple[str, ...], int] = {}  # each distinct text's first place
    copies: dict[int, list[int]] = {}  # a text's places, where it comes more than once
    for k, text in enumerate(texts):
        if (at := first.setdefault(tuple(_shared_tokens(text)), k)) != k:
            copies.setdefault(at, [at]).append(k)
    odd = [ks for ks in copies.values() if len({labels[k] for k in ks}) > 1]
    if not odd:
        return None
    said = [
        f"{_clipped(texts[ks[0]], 60)!r} as "
        + and_list([f"{places[k]} ({labels[k]!r})" for k in ks[:_SHOWN]])
        + and_more(len(ks), _SHOWN)
        for ks in odd[:_SHOWN]
    ]
    return (
        f"{counted(len(odd), 'text')} {'is' if len(odd) == 1 else 'are'} given different "
        f"labels, token for token the same: {'; '.join(said)}{and_more(len(odd), _SHOWN)}"
        f"{where}. No label can be right for both copies, and each trains against the other; "
        "correct the wrong labels or drop the copies."
    )


class _Labels(list[str]):
    """The labels :func:`read_labelled_csv` returns where it warned of texts given different
    labels: ``said`` holds the texts and labels it warned of, so that :func:`train_classifier`
    given them unchanged does not warn again, naming list positions where the file's rows were
    named (``read_labelled_csv(..., training=True)`` then ``train_classifier`` said it twice)."""

    said: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


def _odds_said(texts: object, labels: object) -> bool:
    """Whether :func:`read_labelled_csv` warned already of texts given different labels in
    exactly these ``texts`` and ``labels`` (its lists, unchanged since)."""
    if not isinstance(labels, _Labels) or not isinstance(texts, list):
        return False
    return labels.said == (tuple(texts), tuple(labels))


def _listed(items: list[str], nouns: tuple[str, str] | None = None) -> str:
    """The first few ``items`` joined, then how many more (of ``nouns``, singular and plural,
    the one that agrees with the count: "and 1 more class" was "and 1 more classes")."""
    more = and_more(len(items), _SHOWN)
    if more and nouns is not None:
        more += f" {nouns[len(items) - _SHOWN > 1]}"
    return ", ".join(items[:_SHOWN]) + more


def _str_list(
    values: object, name: str, at: str | None = None, fix: str | None = None
) -> list[str]:
    """``values`` as a list of str, refusing one str and non-str items (listed) by name;
    ``at``: :func:`_subscript` of ``values`` where the caller has it already; ``fix``: what
    the refusal of non-str items ends with, instead of :func:`_as_text`'s."""
    if isinstance(values, str):
        raise TypeError(f"`{name}` must be a sequence of str, one per example, got one str.")
    if not isinstance(values, Iterable):
        raise TypeError(f"`{name}` must be a sequence of str, got {type(values).__name__}.")
    if frame := _frame_refusal(values, name, "str"):
        raise TypeError(frame)
    at = _subscript(values) if at is None else at
    values = list(values)
    wrong = [
        f"`{name}{at}[{k}]` {typed_repr(v)}"  # np.int64(1), its type named once
        for k, v in enumerate(values)
        if not isinstance(v, str)
    ]
    if wrong:
        raise TypeError(
            f"`{name}` must hold str only, got {_listed(wrong)}"
            f"{_as_text(values, name) if fix is None else fix}."
        )
    # an array's np.str_ items as plain str: numpy 2 wrote np.str_('') in messages
    return [str(v) for v in values]


def _frame_refusal(values: object, name: str, expected: str) -> str | None:
    """The refusal of a pandas DataFrame given as ``name``, a sequence of ``expected``, or
    None: iterating a DataFrame gives its column names, so ``df[["review"]]`` (one column,
    double brackets) was classified as the one text 'review'. A numpy array or tensor of more
    than one dimension (``df[["review"]].to_numpy()``, shape (n, 1)) is refused too: its
    items are its rows.

    Example:
        >>> import pandas as pd
        >>> print(_frame_refusal(pd.DataFrame({"review": ["a good film"]}), "texts", "str"))
        ... # doctest: +NORMALIZE_WHITESPACE
        `texts` must be a sequence of str, got a DataFrame of shape (1, 1), columns ['review']:
        iterating it gives its column names. Pass one column, `df['review']`.
    """
    shape = getattr(values, "shape", None)
    if (
        type(values).__module__ in ("numpy", "torch")
        and isinstance(shape, tuple)
        and len(shape) > 1
    ):
        # a numpy array or tensor of one column, (n, 1): its rows were refused one by one as
        # no str ("must hold str only, got `texts[0]` ndarray array([...])") or, as labels,
        # named labels the model does not know, "['positive']", with drop_unknown advice
        shown = tuple(int(n) for n in shape)
        fix = f"`{name}.ravel()`" if 1 in shown else f"one column, `{name}[:, 0]`"
        return (
            f"`{name}` must be a sequence of {expected}, got a {len(shown)}-d "
            f"{type(values).__name__} of shape {shown}: iterating it gives its rows. Pass {fix}."
        )
    if not (type(values).__module__.startswith("pandas") and type(values).__name__ == "DataFrame"):
        return None
    told = f"`{name}` must be a sequence of {expected}, got {typed_repr(values)}: iterating it "
    if not len(values.columns):  # told `df['text']`, a column it does not have
        return (
            told + f"gives its column names, and it has none. Pass one column of a DataFrame "
            f"that holds the {name}, or a list."
        )
    column = repr(python_scalar(values.columns[0]))
    return told + f"gives its column names. Pass one column, `df[{column}]`."


def _subscript(values: object) -> str:
    """How a message subscripts ``values`` by position: ``.iloc`` for a pandas Series with an
    index of its own (filtered or sorted), where ``texts[1]`` reads the index label 1, not the
    position; ``""`` for a list, an array or a Series with the default index.

    Example:
        >>> import pandas as pd
        >>> _subscript(pd.Series(["a"], index=[7])), _subscript(pd.Series(["a"])), _subscript([])
        ('.iloc', '', '')
    """
    return "" if index_labels(values) is None else ".iloc"


def _missing(values: object) -> str | None:
    """How pandas' missing value among ``values`` (any iterable; a str holds none) is written,
    the first found: ``"nan"`` (a float NaN, an empty cell of pandas' default columns),
    ``"<NA>"`` (``pd.NA``: the ``string`` dtype's, pyarrow's, ``convert_dtypes()``'s) or, in a
    pandas object, ``"None"`` (a column built from Python data); None where none is."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        return None
    pandas = type(values).__module__.startswith("pandas")
    for v in values:
        if (said := _missing_value(v)) is not None:
            return said
        if v is None and pandas:
            return "None"
    return None


def _missing_value(value: object) -> str | None:
    """How ``value`` is written where it is pandas' missing value whatever holds it: ``"nan"``
    (a float NaN) or ``"<NA>"`` (``pd.NA``); None for any other (None is one in a pandas
    object alone: :func:`_missing`)."""
    if isinstance(value, float) and value != value:
        return "nan"
    return "<NA>" if type(value).__name__ == "NAType" else None


def untrained_class_fix(
    said: str, leave: str, into: str, held_out: Sequence[str], per: str = ""
) -> str:
    """What to do after a dev or test set's labels that no training text has (their refusal
    ended on them with no next step): ``leave`` them out (a sentence's start, ``"Leave those
    texts out of `dev`"``) or move them ``into`` the training set, where a class needs
    :data:`MIN_PER_CLASS` (``per``: of what) while a set is split off (``held_out``); a slip
    of a class's name that ``said`` (the labels' refusal) names with "did you mean" is mended
    first. ``train_classifier`` and ``lstmkit text train`` word it alike.

    Example:
        >>> print(untrained_class_fix("'Mixed' (did you mean 'mixed'?) in rows 26",
        ...     "Leave those texts out of `dev`", "`texts` and `labels`", ("dev",)))
        ... # doctest: +NORMALIZE_WHITESPACE
         Correct the names misspelt, leave those texts out of `dev`, or move them into `texts`
         and `labels` to learn those classes too (5 or more of each, as 10 % of each class goes
         to dev).
    """
    slip = "Correct the names misspelt, " if "(did you mean " in said else ""
    needs = (
        f" ({MIN_PER_CLASS}{per} or more of each, as {HELD_OUT_PERCENT} % of each class goes to "
        f"{' and to '.join(held_out)})"
        if held_out
        else ""
    )
    first = leave[:1].lower() + leave[1:] if slip else leave
    return f" {slip}{first}, or move them into {into} to learn those classes too{needs}."


def _column_name(values: object) -> str | None:
    """The name of a pandas Series of str name (``df["review"]``'s ``'review'``), else None."""
    name = getattr(values, "name", None) if type(values).__name__ == "Series" else None
    return name if isinstance(name, str) else None


def _missing_said(missing: str) -> str:
    """What pandas' ``missing`` (``"nan"``, ``"None"``, ``"<NA>"``) is, as a refusal says it."""
    return "a missing value to pandas" if missing == "None" else "how pandas reads an empty cell"


def _dropna_hint(columns: list[str | None], missing: str = "nan") -> str:
    """The fix for texts or labels holding pandas' ``missing`` value (:func:`_missing`), as
    pandas reads an empty cell (a spreadsheet's blank rows): drop those rows, by the Series'
    column names where both have one.

    Example:
        >>> print(_dropna_hint(["review", "sentiment"]))  # doctest: +NORMALIZE_WHITESPACE
        (nan is how pandas reads an empty cell: drop those rows first, `df =
        df.dropna(subset=['review', 'sentiment'])`, or read the file with `read_labelled_csv`,
        which skips blank rows and names the row of a text or label left empty)
    """
    named = [c for c in columns if c is not None]
    drop = (
        f"`df = df.dropna(subset={named!r})`"
        if len(named) == len(columns)
        else "with pandas' `dropna`"
    )
    return (
        f" ({missing} is {_missing_said(missing)}: drop those rows first, {drop}, or read the "
        "file with `read_labelled_csv`, which skips blank rows "
        "and names the row of a text or label left empty)"
    )


def _as_text(values: list[object], name: str) -> str:
    """The fix for ``values`` whose non-str items are all numbers (class ids read as ints); none
    where one is NaN, a missing value (pandas' empty cell), which str() made a class "nan"."""
    others = [v for v in values if not isinstance(v, str)]
    if any(isinstance(v, bool) or not isinstance(v, numbers.Real) or v != v for v in others):
        return ""
    return f" (to read numbers as text, pass `[str(v) for v in {name}]`)"


def check_labelled(
    texts: Iterable[str], labels: Iterable[str], names: tuple[str, str] = ("texts", "labels")
) -> tuple[list[str], list[str]]:
    """``texts`` and ``labels`` as lists, checked: as many of each, every text with a token and
    every label a non-empty str. Spaces around a label are not part of it (``" pos"`` is
    ``"pos"``), as in :func:`read_labelled_csv`.

    Args:
        texts: The texts.
        labels: One class name per text.
        names: How messages name ``texts`` and ``labels``.

    Returns:
        ``(texts, labels)`` as lists, the labels stripped.

    Raises:
        TypeError: When either is one str or holds something that is not a str (listed).
        ValueError: When they are empty or differ in length, are two pandas Series with
            different indexes (they are paired by position), or texts without a token or
            empty labels (named by index) are found; all problems at once.
    """
    texts, labels, problems = labelled_problems(texts, labels, names)
    if problems:
        raise ValueError(sentences(problems))
    return texts, labels


def labelled_problems(
    texts: Iterable[str], labels: Iterable[str], names: tuple[str, str] = ("texts", "labels")
) -> tuple[list[str], list[str], list[str]]:
    """:func:`check_labelled`'s checks, whose problems are returned, not raised, to be listed
    with others: ``(texts, labels stripped, one message per problem)``.

    Raises:
        TypeError: As :func:`check_labelled`.
    """
    return _labelled_problems(texts, labels, names, index_labels(labels))


def _misaligned(
    texts: object, labels: object, names: tuple[str, str] = ("texts", "labels")
) -> str | None:
    """The refusal of ``texts`` and ``labels`` given as two pandas Series whose indexes differ
    (one sorted or filtered apart from the other), or ``None``: they are paired by position,
    and such a pair scored or trained each text against another row's label without a word.
    Refused rather than aligned by index, which would hide a filter that dropped rows of one
    alone. Series of different lengths are left to the length check.

    Example:
        >>> import pandas as pd
        >>> texts = pd.Series(["a good film", "a bad film"], index=[3, 7])
        >>> print(_misaligned(texts, pd.Series(["neg", "pos"], index=[7, 3])))
        `texts` and `labels` must have the same index where both are pandas Series (they are \
paired by position, not by index), got indexes that differ first at position 0: 3 in `texts`, 7 \
in `labels`. Pair them by index with `labels.loc[texts.index]`, or, where their positions \
already match, drop both indexes with `.reset_index(drop=True)`.
    """
    indexes = []
    for values in (texts, labels):
        if not (type(values).__module__.startswith("pandas") and type(values).__name__ == "Series"):
            return None
        indexes.append(values.index)
    if len(indexes[0]) != len(indexes[1]) or indexes[0].equals(indexes[1]):
        return None
    text_name, label_name = names
    first, second = indexes[0].tolist(), indexes[1].tolist()  # Python scalars: 3, not np.int64
    k = next(k for k, (a, b) in enumerate(zip(first, second, strict=True)) if a != b)
    by_index = (
        indexes[0].is_unique and indexes[1].is_unique and set(first) == set(second)
    )  # else .loc fails (a label missing) or repeats rows
    fix = (
        f"Pair them by index with `{label_name}.loc[{text_name}.index]`, or, where their "
        "positions already match, drop both indexes"
        if by_index
        else "Where their positions match, drop both indexes"
    )
    return (
        f"`{text_name}` and `{label_name}` must have the same index where both are pandas "
        f"Series (they are paired by position, not by index), got indexes that differ first "
        f"at position {k}: {first[k]!r} in `{text_name}`, {second[k]!r} in `{label_name}`. "
        f"{fix} with `.reset_index(drop=True)`."
    )


def _labelled_problems(
    texts: Iterable[str],
    labels: Iterable[str],
    names: tuple[str, str],
    label_index: list[object] | None,
    swapped: str | None = None,
) -> tuple[list[str], list[str], list[str]]:
    """:func:`labelled_problems` with :func:`index_labels` of ``labels`` read by the caller,
    who keeps it to name labels by (a pandas Series' index, read once); ``swapped``
    (:func:`_swapped_arguments`) ends the refusal of texts that are numbers, not str, in place
    of the fix that makes them str."""
    text_name, label_name = names
    text_at, label_at = _subscript(texts), "" if label_index is None else ".iloc"
    columns = [_column_name(texts), _column_name(labels)]
    # both refused at once: a DataFrame's blank rows are NaN in both columns, and the labels'
    # were told only once the texts were mended
    # pandas' missing values: NaN, and pd.NA of a `string` or pyarrow column (its blank rows
    # were refused as "NAType <NA>" with no word of the fix)
    wrong, missing = [], None
    original, given = texts, labels  # their pandas indexes, for _misaligned()
    try:
        texts = _str_list(texts, text_name, text_at, None if swapped is None else f"; {swapped}")
    except TypeError as err:
        wrong.append(str(err))
        missing = _missing(texts)
    try:
        labels = _str_list(labels, label_name, label_at)
    except TypeError as err:
        wrong.append(str(err))
        missing = missing or _missing(labels)
    if wrong:
        if missing and swapped is None:
            wrong[-1] = wrong[-1].removesuffix(".") + _dropna_hint(columns, missing) + "."
        raise TypeError(" ".join(wrong))
    problems = [] if (unpaired := _misaligned(original, given, names)) is None else [unpaired]
    if len(texts) != len(labels):
        problems.append(
            f"`{text_name}` and `{label_name}` must be as long as each other (one label per "
            f"text), got {counted(len(texts), 'text')} and {counted(len(labels), 'label')}."
        )
    elif not texts:
        problems.append(f"`{text_name}` must hold at least one text, got none.")
    empty = [
        f"`{text_name}{text_at}[{k}]` {t!r}" for k, t in enumerate(texts) if not _shared_tokens(t)
    ]
    if empty:
        problems.append(f"every text must contain a token, got none in {_listed(empty)}.")
    blank = [f"`{label_name}{label_at}[{k}]` {y!r}" for k, y in enumerate(labels) if not y.strip()]
    if blank:
        problems.append(f"every label must be a non-empty class name, got {_listed(blank)}.")
    return texts, [y.strip() for y in labels], problems


def class_names(labels: Iterable[str], name: str = "labels") -> tuple[str, ...]:
    """The distinct labels, sorted: the classes in the order of the model's outputs. Labels
    that are all numbers sort by value (``"2"`` before ``"10"``), others as text.

    Raises:
        ValueError: When there are fewer than 2.

    Example:
        >>> class_names(["10", "2", "1", "2"])
        ('1', '2', '10')
    """
    names = _sorted_classes(labels)
    if len(names) < 2:
        raise ValueError(_one_class(names, f"`{name}`") + ".")
    return names


def class_problems(
    labels: Sequence[str], subject: str, *, training: bool, held_out: Sequence[str]
) -> list[str]:
    """The problems of ``labels`` as classes (without full stops): with ``training``, fewer
    than 2 classes; with ``held_out``, classes too small for it. Empty labels do not count (they
    are a problem of their own)."""
    named = [y for y in labels if y]
    names = _sorted_classes(named)
    problems = [_one_class(names, subject)] if training and len(names) < 2 else []
    few = _too_few(named, held_out, subject)
    return [*problems, few] if few else problems


def _swapped_columns(
    texts: Sequence[str],
    labels: Sequence[str],
    text_col: str,
    label_col: str,
    *,
    classes: Collection[str] | None = None,
) -> str | None:
    """Why the two columns look given the other way round (without a full stop), or None: texts
    that are all numbers beside labels that differ in most rows, as ``--text-col rating
    --label-col review`` gives, were refused only as a class per review too small to split.
    ``classes``: the training set's, for a dev or test file read beside a training file that
    is the right way round: then its texts must be among them too (ratings, not product codes
    beside categories of their own), and its header names the two columns the other way round.

    Example:
        >>> texts, labels = ["5", "1", "5"], ["good", "bad", "fine"]
        >>> print(_swapped_columns(texts, labels, "rating", "review"))
        ... # doctest: +NORMALIZE_WHITESPACE
        `text_col` 'rating' holds numbers alone and `label_col` 'review' a different value in 3
        of its 3 rows: the two columns look swapped; give `text_col` 'review' and `label_col`
        'rating'
        >>> print(_swapped_columns(["a good film", "1", "5"], labels, "review", "rating"))
        None
    """
    held = _looks_swapped(texts, labels, classes, "rows")
    if held is None:
        return None
    return (
        f"`text_col` {text_col!r} holds {held} and `label_col` {label_col!r} a "
        f"different value in {_values(labels)} of its {len(labels):,} rows: the two columns look "
        + (
            "swapped in this file; swap the two names in its header"
            if classes is not None
            else f"swapped; give `text_col` {label_col!r} and `label_col` {text_col!r}"
        )
    )


def _swapped_arguments(
    texts: Iterable[object],
    labels: Iterable[object],
    names: tuple[str, str] = ("texts", "labels"),
    call: str = "train_classifier(texts, labels)",
    classes: Collection[str] | None = None,
) -> str | None:
    """Why ``train_classifier(texts, labels)`` looks called the other way round (without a full
    stop), or None: texts that are all numbers, as str or as the ints of a ratings column that
    pandas read, beside str labels that differ in most places. None for one str or a
    generator (read once, by the checks). ``names`` and ``call`` word it of a dev or test
    pair (``("dev[0]", "dev[1]")``, ``"dev=(texts, labels)"``), whose texts must then be among
    the training set's ``classes`` too (see :func:`_swapped_columns`).

    Example:
        >>> print(_swapped_arguments([5, 1, 5], ["good", "bad", " fine"]))
        ... # doctest: +NORMALIZE_WHITESPACE
        `texts` holds numbers alone and `labels` a different value in 3 of its 3 places: the
        two look swapped; pass the texts first, train_classifier(texts, labels)
        >>> print(_swapped_arguments([5, 1, 5, 1], ["good", "bad", "good", "bad"]))
        None
    """
    if not all(isinstance(v, Sequence) or hasattr(v, "__array__") for v in (texts, labels)):
        return None  # a Series, an array or a list; a str is refused by the checks
    if isinstance(texts, str) or isinstance(labels, str):
        return None
    labels_ = [y.strip() if isinstance(y, str) else y for y in labels]
    if not all(isinstance(y, str) for y in labels_):
        return None
    # a rating not given is NaN in pandas' float column: a blank, as a CSV's empty cell
    said = [("" if t != t else str(t)) if isinstance(t, numbers.Real) else t for t in texts]
    if not all(isinstance(t, str) for t in said):
        return None
    held = _looks_swapped(said, labels_, classes, "places")
    if held is None:
        return None
    text_name, label_name = names
    return (
        f"`{text_name}` holds {held} and `{label_name}` a different value in "
        f"{_values(labels_)} of its {len(labels_):,} places: the two look swapped; pass the texts "
        f"first, {call}"
    )


def _values(labels: Sequence[str]) -> int:
    """How many different labels ``labels`` (stripped) holds, an empty one not among them: a
    label not given is refused on its own, not a value."""
    return len({y for y in labels if y})


def _looks_swapped(
    texts: Sequence[str],
    labels: Sequence[str],
    classes: Collection[str] | None = None,
    places: str = "rows",
) -> str | None:
    """What ``texts`` hold that makes them look like labels (``"numbers alone"``, ``"2
    different values in its 40 rows"``), or None: ``labels`` (stripped) must differ in more
    than half their places, as the texts and labels given the other way round do, and
    ``texts``, blanks aside (a rating not given, refused on its own), be all numbers or repeat
    (two or more different values, each place with a label, at least twice as many places as
    values: README's reviews with ``--text-col rating --label-col review`` were refused only
    as 40 classes of one review). A decimal comma counts (``"4,5"``, a rating as a European
    spreadsheet writes it): this only words a refusal, and reads no number. With ``classes``,
    the texts must be among them too. ``places``: how the count names them."""
    if 2 * _values(labels) <= len(labels):
        return None
    given = [t.strip() for t in texts if t.strip()]
    if not given or (classes is not None and not set(given) <= set(classes)):
        return None
    if all(_NUMBER.fullmatch(t.replace(",", ".", 1)) for t in given):
        return "numbers alone"
    distinct = len(set(given))
    # two classes at least, row beside row (texts and labels of different lengths are refused
    # on their own, with no guess)
    if not 2 <= distinct <= len(given) / 2 or len(texts) != len(labels):
        return None
    # the blanks counted apart: "2 different values in its 9 places" of 12 texts miscounted
    blank = len(texts) - len(given)
    blanks = f" and {blank:,} blank{'s' * (blank > 1)}" if blank else ""
    return f"{distinct:,} different values{blanks} in its {len(texts):,} {places}"


def _one_class(names: tuple[str, ...], subject: str) -> str:
    """Why fewer than 2 class ``names`` cannot train a classifier (without a full stop)."""
    return f"{subject} must name at least 2 classes, got {len(names)}" + (
        f": {names[0]!r}" if names else ""
    )


def unknown_labels(
    unknown: Iterable[str],
    classes: Iterable[str],
    *,
    rows: Mapping[str, Sequence[object]] | None = None,
    place: Literal["row", "position", "index label"] = "row",
) -> str:
    """``unknown`` (labels outside ``classes``) listed for a message, sorted, each followed by
    the class it looks like a slip of, where one is (``'negatve' (did you mean 'negative'?)``,
    ``'Pos' (did you mean 'pos'?)``, ``'1.0' (did you mean '1'?)``): a typo in a dev file was
    named with every class, leaving the user to spot which one it misspelt.

    A slip is the same label in another case, the same number written another way (pandas
    writes an integer column with a gap as ``1.0``), or one letter dropped, added, changed or
    two swapped in a label of 4 letters or more. No more than that: a looser likeness
    (``difflib``'s ratio 0.75) told a class missing from training the opposite one,
    ``'unhappy' (did you mean 'happy'?)``, ``'very negative' (did you mean 'negative'?)``,
    and a number another number (``'10'``, ``'1'``).

    ``rows`` (where each label is: a file's row numbers, or with ``place="position"`` the
    indices of the list passed, with ``place="index label"`` a pandas Series' index labels,
    each as its repr) follows each label with the first few of them, ``in rows 2, 7``, ``at
    positions 2, 7`` or ``at index labels 'r2', 'r7'``: a dev set's typo was named by its value
    alone, to be
    searched for among thousands of rows. The first :data:`_SHOWN_LABELS` labels are listed,
    then how many more: a wrong label column listed every distinct value of a large file.

    Example:
        >>> unknown_labels({"negatve", "meh", "unhappy"}, ["negative", "happy"])
        "'meh', 'negatve' (did you mean 'negative'?), 'unhappy'"
        >>> unknown_labels({"negatve"}, ["negative"], rows={"negatve": [2, 7]})
        "'negatve' (did you mean 'negative'?) in rows 2, 7"
        >>> unknown_labels({"negatve"}, ["negative"], rows={"negatve": [0]}, place="position")
        "'negatve' (did you mean 'negative'?) at position 0"
        >>> unknown_labels({"meh"}, ["negative"], rows={"meh": ["r2", 7]}, place="index label")
        "'meh' at index labels 'r2', 7"
    """
    classes = sorted(set(classes))
    unknown = sorted(unknown)
    shown = []
    for label in unknown[:_SHOWN_LABELS]:
        meant = " or ".join(map(repr, _slipped_from(label, classes)))
        shown.append(repr(label) + (f" (did you mean {meant}?)" if meant else ""))
        said = repr if place == "index label" else str
        at = [] if rows is None else [said(k) for k in rows.get(label, ())]
        if at:
            word = "in row" if place == "row" else f"at {place}"
            shown[-1] += f" {word}{'s' if len(at) > 1 else ''} {_listed(at)}"
    more = and_more(len(unknown), _SHOWN_LABELS)
    return ", ".join(shown) + (more and f"{more} label{plural_s(len(unknown) - _SHOWN_LABELS)}")


def places_of(
    unknown: Container[str], labels: Iterable[str], places: Iterable[object]
) -> dict[str, list[object]]:
    """Where each of ``unknown`` stands among ``labels``, as ``places`` (a file's row numbers,
    or the indices of a list) name them, in order: the ``rows`` of :func:`unknown_labels`.

    Example:
        >>> places_of({"negatve"}, ["pos", "negatve", "neg", "negatve"], range(4))
        {'negatve': [1, 3]}
    """
    at: dict[str, list[object]] = {}
    for place, label in zip(places, labels, strict=True):
        if label in unknown:
            at.setdefault(label, []).append(place)
    return at


def index_labels(labels: object) -> list[object] | None:
    """The index labels of a pandas Series (or other pandas object) of ``labels`` where they
    are not its positions 0, 1, ... (a column filtered, sorted or indexed by id): where a
    message names them, ``.loc`` finds a label, and its positions alone pointed elsewhere.
    ``None`` for a list, a tuple, an array or a Series with the default index.

    Example:
        >>> import pandas as pd
        >>> index_labels(pd.Series(["pos", "neg"], index=[10, 4])), index_labels(["pos"])
        ([10, 4], None)
    """
    if not type(labels).__module__.startswith("pandas"):
        return None
    index = getattr(labels, "index", None)
    if index is None or not hasattr(index, "tolist"):
        return None
    values = index.tolist()  # Python scalars: 10, not np.int64(10)
    return None if values == list(range(len(values))) else values


def _slipped_from(label: str, classes: list[str]) -> list[str]:
    """The ``classes`` that ``label`` is a slip of (see :func:`unknown_labels`), sorted."""
    if _NUMBER.fullmatch(label):
        return [c for c in classes if _NUMBER.fullmatch(c) and Decimal(c) == Decimal(label)]
    folded = label.casefold()
    same = [c for c in classes if c.casefold() == folded]
    if same or len(folded) < 4:
        return same
    return [c for c in classes if _one_edit(folded, c.casefold())]


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter dropped, added or changed, or two adjacent
    letters swapped (optimal string alignment distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    # the first position where they differ (the shorter one's length if one extends the other)
    head = next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
        min(len(a), len(b)),
    )
    if len(a) != len(b):  # one letter more in the longer one, at `head`
        short, long = sorted((a, b), key=len)
        return short[head:] == long[head + 1 :]
    return a[head + 1 :] == b[head + 1 :] or (
        a[head + 2 :] == b[head + 2 :] and a[head : head + 2] == b[head : head + 2][::-1]
    )


def _sorted_classes(labels: Iterable[str]) -> tuple[str, ...]:
    """The distinct labels in :func:`class_names`' order, however many."""
    distinct = set(labels)
    if all(_NUMBER.fullmatch(y) for y in distinct):
        # by exact value: float() made 99999999999999999999 and 100000000000000000000 (or
        # 9e400 and 1e401, both inf) equal, so they fell to text order
        return tuple(sorted(distinct, key=lambda y: (Decimal(y), y)))
    return tuple(sorted(distinct))


def held_out_count(size: int) -> int:
    """How many of a class of ``size`` examples go to each held-out set: 10 %, rounded half
    up (5 → 1, 14 → 1, 15 → 2)."""
    return (size * HELD_OUT_PERCENT + 50) // 100


def stratified_split(
    labels: Sequence[str], seed: int = 0, held_out: Sequence[str] = SPLITS
) -> dict[str, list[int]]:
    """Splits examples at random, class by class, into train and the ``held_out`` sets.

    Each class gives :func:`held_out_count` (10 %, rounded half up) of its examples to each
    held-out set and the rest to train; which ones is drawn with ``random.Random(seed)``, class
    after class in sorted order, so a seed always gives the same split.

    Args:
        labels: Each example's class name.
        seed: The random seed.
        held_out: The held-out sets, ``("dev", "test")``, ``("dev",)`` or ``("test",)``.

    Returns:
        ``{"train": positions, "dev": positions, ...}``, each list in increasing order.

    Raises:
        TypeError: When ``labels`` is one str or holds something that is not a str.
        ValueError: For fewer than 2 classes or a class with fewer than 5 examples (all
            listed), an unknown ``held_out`` set, or a ``seed`` that is no integer in
            ``[0, 2**63 - 1]`` (``None`` drew another split at every call; text, ``"0"``, is a
            ``TypeError`` too, told the number it reads as).

    Example:
        >>> split = stratified_split(["good"] * 10 + ["bad"] * 5, seed=0)
        >>> {part: len(positions) for part, positions in split.items()}
        {'train': 11, 'dev': 2, 'test': 2}
    """
    labels = _str_list(labels, "labels")
    # random.Random took None (a new split at every call), 1.5 and "1", and refused np.int64
    seed = checked_seed(seed)
    held_out = _checked_held_out(held_out)
    names = class_names(labels)
    few = _too_few(labels, held_out, "`labels`")
    if few:
        raise ValueError(few + ".")
    rng = random.Random(seed)
    split: dict[str, list[int]] = {"train": [], **{s: [] for s in held_out}}
    for c in names:
        positions = [k for k, y in enumerate(labels) if y == c]
        rng.shuffle(positions)
        n = held_out_count(len(positions))
        for j, part in enumerate(held_out):
            split[part] += positions[j * n : (j + 1) * n]
        split["train"] += positions[len(held_out) * n :]
    return {part: sorted(positions) for part, positions in split.items()}


def _checked_held_out(held_out: object, empty: bool = False) -> list[str]:
    """``held_out`` as a list of held-out set names, ``("dev", "test")``, ``("dev",)`` or
    ``("test",)`` (or none, with ``empty``).

    Raises:
        ValueError: For anything else, a str named as one set written as a sequence of them.
    """
    given = held_out
    # a str is one name, not a sequence of letters to show as ('d', 'e', 'v')
    single = isinstance(held_out, str) or not isinstance(held_out, Iterable)
    sets = [] if single else list(held_out)
    if (
        (not sets and (single or not empty))
        or any(not isinstance(s, str) or s not in SPLITS for s in sets)
        or len(set(sets)) < len(sets)
    ):
        shown = tuple(sets) if sets else repr(given)
        hint = f", a str: one set is written ({given!r},)" if single and given in SPLITS else ""
        allowed = "('dev', 'test'), ('dev',), ('test',) or ()"
        if not empty:
            allowed = "('dev', 'test'), ('dev',) or ('test',)"
        raise ValueError(f"`held_out` must be {allowed}, got {shown}{hint}.")
    return sets


def _too_few(labels: Sequence[str], held_out: Sequence[str], subject: str) -> str | None:
    """Why the classes of ``labels`` are too small to give ``held_out`` 10 % each (without a
    full stop), or None."""
    counts = Counter(labels)
    classes = _sorted_classes(labels)
    # a class of a row or two that is a slip of a large one ('Thumbs up', 'thumbs  up' beside
    # 'thumbs up') is named as a dev file's unknown label is, where it was listed as a class
    large = [c for c in classes if counts[c] >= MIN_PER_CLASS]
    small = [
        f"{counts[c]} of {unknown_labels({c}, large)}" for c in classes if counts[c] < MIN_PER_CLASS
    ]
    if not held_out or not small:
        return None
    # what to do, where "got 4 of '3'." ended it: more of the class, or none of it
    fix = (
        "add texts of that class or leave its rows out"
        if len(small) == 1
        else "add texts of those classes or leave their rows out"
    )
    return (
        f"{subject} must hold at least {MIN_PER_CLASS} examples of each class, so that "
        f"{HELD_OUT_PERCENT} % of each (rounded) goes to {' and to '.join(held_out)}, got "
        f"{_listed(small, ('class', 'classes'))}: {fix}"
    )


@contextmanager
def _csv_text(path: Path, *, read: bool = False) -> Iterator[IO[str]]:
    """The text of the CSV file at ``path``, a compressed one's unpacked as pandas unpacks it
    (the one file of a zip or tar): its lines counted here are the lines pandas read.
    ``read``: the file was read as a table (an archive of other than one file was refused
    so), and a tar's next member is not looked for (which unpacked a compressed one's file
    whole, once more).

    Raises:
        ValueError: a zip or tar archive of other than one file, which pandas refuses.
    """
    from lstmkit.data import _compression, _unpacked

    with (
        path.open("rb") as raw,
        _unpacked(raw, _compression(path), one_file=read) as unpacked,
        io.TextIOWrapper(unpacked, encoding="utf-8-sig", newline="") as text,
    ):
        yield text


def _runaway_quote(path: Path, sep: str, *, read: bool = False) -> tuple[int, int, str] | None:
    """Where a value of the CSV at ``path`` opens a quote that ends amid a value, not at a
    separator or a line's end, as no CSV writer quotes: the line it opens on, the line it
    closes on and that line's text. On a later line (``"great film,pos`` at a text's start),
    pandas read the rows after it into that text, up to the next quote, and went on; on its
    own (``"Wow" he said,pos``), it read ``Wow he said``, the quotes dropped without a word.
    None where every quote closes so. ``read``: as :func:`_csv_text` takes it."""
    import csv

    # spaces between a closing quote and the separator or the line's end, which pandas reads
    # into the value ('"great\nfilm" ,pos'), close it as the separator would: dropped here
    spaces = "".join(c for c in " \t" if c != sep)
    padded = re.compile(rf'"[{spaces}]+(?={re.escape(sep)}|[\r\n]|$)')
    last = [""]  # the line the reader read last

    def lines(f: IO[str]) -> Iterator[str]:
        for line in f:
            last[0] = line
            yield padded.sub('"', line)

    with _csv_text(path, read=read) as f:
        reader = csv.reader(lines(f), delimiter=sep, strict=True)
        start = 1
        try:
            for _ in reader:
                start = reader.line_num + 1
        except csv.Error as err:
            # only a closing quote amid a value ("',' expected after '\"'"): a quoted text
            # longer than the csv module's field limit (128 KiB) is one pandas reads
            if "expected after" not in str(err):
                return None
            return start, reader.line_num, last[0].rstrip("\r\n")
    return None


def _row_numbers(path: Path, sep: str, n: int) -> list[int]:
    """The number of each of the ``n`` data rows pandas read from the CSV at ``path``, counted
    from 1 below the header with the blank lines, which pandas skips (a row after one was
    named by the line before it; a compressed file's in the CSV it unpacks to); ``1 .. n``
    where the file's records do not match those rows (a quote the csv module reads
    otherwise)."""
    import csv

    plain = list(range(1, n + 1))
    with _csv_text(path, read=True) as f:  # read by pandas first
        reader = csv.reader(f, delimiter=sep)
        try:
            next(reader, None)  # the header
            # a blank (or only blank-space) line is one empty field, and ",," (a row empty in
            # every field) several: both are skipped
            rows = [k for k, rec in enumerate(reader, 1) if any(f.strip() for f in rec)]
        except csv.Error:
            return plain
    return rows if len(rows) == n else plain


def _refuse_other_sep(path: Path, sep: str) -> None:
    """Refuse the CSV at ``path`` where its header, its first line that is not blank, holds
    no ``sep`` but another separator: a tab-separated file of texts with commas in them was
    refused for a quote or for its rows' fields, not for the ``--sep`` it needs."""
    from lstmkit import data
    from lstmkit._remedies import remedy

    try:
        with _csv_text(path) as f:
            header = next((line.rstrip("\r\n") for line in f if line.strip()), "")
    except (ImportError, RuntimeError, ValueError, *data._unpacking_errors()):
        return  # not UTF-8, or not unpacked: the table's own error says it
    other = next((c for c in (";", "\t", "|", ",") if c in header and c != sep), None)
    if sep not in header and other is not None:
        flag = remedy(f"sep={other!r}", f"--sep {data._sep_flag(other)}")
        raise data.CSVFileError(
            path,
            f"has one column by its header {header!r}, which holds {other!r}: the file looks "
            f"{other!r}-separated; pass {flag}.",
        )


def _row_names(raw: pd.DataFrame) -> bool:
    """Whether ``raw``, a CSV file's table as pandas reads it, has every row one field wider
    than its header with a distinct row number first, as R's ``write.table`` writes its row
    names (``"text","label"`` above ``"1","good film","pos"``): pandas reads them as the index,
    the other fields under the header's names. A text with an unquoted separator in some rows
    (``Great value, love it,1.0``) leaves the other rows short (their last column empty) or its
    first field no number, and is refused as :func:`lstmkit.data._without_trailing_fields` says.

    Example:
        >>> import pandas as pd
        >>> index = pd.Index(["1", "2"])
        >>> _row_names(pd.DataFrame({"text": ["a", "b"], "label": ["x", "y"]}, index=index))
        True
        >>> _row_names(pd.DataFrame({"text": ["a", "b"], "label": ["x", None]}, index=index))
        False
    """
    import pandas as pd

    index = raw.index
    if isinstance(index, pd.RangeIndex) or index.nlevels != 1 or not len(raw):
        return False
    numbers = index.to_series().astype(str).str.fullmatch(r"\d+")
    return bool(numbers.all() and index.is_unique and raw.iloc[:, -1].notna().all())


def _labelled_table(path: Path, sep: str) -> pd.DataFrame:
    """The CSV file at ``path`` as :func:`read_labelled_csv` reads it, every cell as its text,
    without rows empty in every field; refused where it cannot be read as a table, holds no
    data row, or has a quote that runs on into later rows."""
    from lstmkit import data

    try:
        # its warning names it by its path as given, as read_labelled_csv's messages do
        raw = data._read_table(path, sep, row="labelled text", missing=False)
    except ValueError as err:
        if "cannot be read as a table" in str(err):  # not an empty file or Excel's "sep=;"
            _refuse_other_sep(path, sep)
        # a runaway quote that takes in quoted rows after it ends amid one, and pandas then
        # counted the fields of a line that has the header's ("Expected 2 fields in line 6,
        # saw 3"): the quote is the cause to name
        try:
            lines = _runaway_quote(path, sep)
        except (ImportError, RuntimeError, ValueError, *data._unpacking_errors()):
            # not UTF-8, or not unpacked (a zip encrypted or packed with Deflate64: zipfile's
            # RuntimeError, NotImplementedError): the table's own error says it better
            lines = None
        if lines is None:
            raise
    else:
        lines = _runaway_quote(path, sep, read=True)
    if lines is not None:
        _refuse_other_sep(path, sep)
        opens, closes, line = lines
        said = (
            f"has a value that opens a quote on line {opens} and closes it amid a value on "
            f"line {closes}, reading what lies between into one value"
            if closes > opens
            # the quotes were dropped and the rest kept: '"Wow" he said' trained as 'Wow he said'
            else f"has a value that opens a quote on line {opens} and closes it amid that value, "
            f"which reads it without its quotes (the line: {_clipped(line, 60)!r})"
        )
        raise data.CSVFileError(
            path,
            f"{said}: a text that begins with '\"' is read as quoted. Enclose such a text in "
            'quotes and double the quotes in it (\'"""Dull"" film"\'), as spreadsheets and '
            "pandas write it.",
        )
    # Rows wider than the header: pandas read their first fields as an index, the others
    # under the header's names, so a first row "Great value, love it,1.0" (unquoted) shifted
    # every row (texts read as labels, each label called empty), and rows that each end with
    # the separator (Excel's "A good one,1.0,") did too. As read_csv reads them: those whose
    # extra fields are empty are their fields, and a value past the header's is refused.
    # R's write.table (row.names=TRUE, its default) writes one field more on every row than
    # its header, the row's number: pandas reads that as the index, as this reader did before.
    if not _row_names(raw):
        raw = data._without_trailing_fields(raw)
    if (wider := raw.attrs.get("wider_line")) is not None:
        _refuse_other_sep(path, sep)
        raise data._wider_rows(path, wider, len(raw.columns), sep or ",", None)
    # A row empty in every field (",,", as a spreadsheet writes rows below its table) is a
    # blank line, as lstmkit.data.read_csv reads it: it was refused as a row with no text and
    # no label, to fill in or remove.
    return data._without_blank_rows(raw, path, "labelled text")


def _refuse_missing_columns(raw: pd.DataFrame, named: dict[str, str], path: Path, sep: str) -> None:
    """Refuses the columns of ``named`` (argument -> column) that the file lacks, each by the
    argument that named it, the file's columns listed, and a hint: the separator the file looks
    split by, else a slip of a column's name (another case, a letter off; a column another
    argument named is no slip), else a header that numbers its columns. lstmkit.data's
    "column(s) ['txt'] not found" said neither which argument named it nor what was meant.

    Example:
        >>> import pandas as pd
        >>> raw = pd.DataFrame(columns=["text", "label"])
        >>> named = {"text_col": "txt", "label_col": "label"}
        >>> _refuse_missing_columns(raw, named, Path("r.csv"), ",")
        Traceback (most recent call last):
        ...
        ValueError: `text_col` 'txt' is not a column of 'r.csv'; available columns: ['text', \
'label'] (did you mean 'text'?).
    """
    from lstmkit import data
    from lstmkit._remedies import meant_word

    columns = [str(c) for c in raw.columns]
    missing = {name: col for name, col in named.items() if col not in raw.columns}
    if not missing:
        return
    hint = data._other_sep_hint(raw, sep)
    taken = {col for col in named.values() if col in raw.columns}  # named by the other one
    meant = {
        name: word
        for name, col in missing.items()
        if (word := meant_word(col, [c for c in columns if c not in taken])) is not None
    }
    if meant and not hint:
        if len(missing) == 1:
            hint = f" (did you mean {next(iter(meant.values()))!r}?)"
        else:
            hint = f" (did you mean {and_list([f'{w!r} for `{n}`' for n, w in meant.items()])}?)"
    hint = hint or data._numbered_hint(missing.values())
    said = and_list([f"`{name}` {col!r}" for name, col in missing.items()])
    verb = "is not a column" if len(missing) == 1 else "are not columns"
    raise ValueError(
        f"{said} {verb} of {typed_path(path)}; available columns: "
        f"[{shown_names(columns, quote=True)}]{hint}."
    )


def _tsv_named(path: object) -> bool:
    """Whether ``path`` (a str or Path; a file object is not) is named as a tab-separated
    file, ``reviews.tsv``, also compressed (``Reviews.TSV.gz``, ``.tsv.zip``): read with a
    tab where no separator is given.

    Example:
        >>> _tsv_named("data/Reviews.TSV.gz"), _tsv_named("reviews.csv"), _tsv_named("-")
        (True, False, False)
    """
    if not isinstance(path, str | Path):
        return False
    name = Path(path).name.lower()
    for packed in (".gz", ".bz2", ".xz", ".zst", ".zip", ".tar"):
        name = name.removesuffix(packed)
    return name.endswith(".tsv")


def _named_sep(path: object) -> str:
    """The separator ``path``'s name gives where none is given: a tab for a tab-separated
    name (:func:`_tsv_named`), else a comma (``read_labelled_csv`` and ``lstmkit text``'s
    files alike)."""
    return "\t" if _tsv_named(path) else ","


def read_labelled_csv(
    path: str | Path | IO[str] | IO[bytes],
    text_col: str,
    label_col: str,
    sep: str | None = None,
    *,
    training: bool = False,
    held_out: Sequence[str] = (),
    classes: Iterable[str] | None = None,
) -> tuple[list[str], list[str]]:
    """Reads labelled texts from a CSV file with a header row, as :func:`lstmkit.data.read_csv`
    reads one (UTF-8; quoted fields may hold the separator and line breaks).

    Every cell is read as its text (``NA`` is a word, not a missing value); a label loses the
    spaces around it. A row empty in every field (``,,`` as spreadsheets write below a table)
    is skipped, as a blank line is.

    Args:
        path: The CSV file: its path, or a file object, as :func:`lstmkit.data.read_csv`
            takes one (``io.StringIO(text)``, ``open(...)`` in text or binary mode).
        text_col: The column of the texts.
        label_col: The column of the labels (class names).
        sep: The character between fields (``";"``, ``"\\t"``); None: a tab for a file
            named ``.tsv`` (``reviews.tsv.gz`` too), else a comma.
        training: Whether these rows train a classifier: then fewer than 2 classes are
            reported with the file's other problems, in one error.
        held_out: The sets :func:`stratified_split` will take from these rows (``("dev",
            "test")``): classes too small for them are reported with the file's other
            problems, in one error.
        classes: The training set's classes, for a dev or test file: labels outside them
            are reported with the file's other problems, in one error (None: not checked).

    Returns:
        ``(texts, labels)``, one per data row, in file order.

    Raises:
        FileNotFoundError: When ``path`` is not a file.
        TypeError: For a ``text_col`` or ``label_col`` that is not a str, or a ``training``
            that is not a bool (all named); then for a ``path`` that is no str, Path or file
            object.
        ValueError: For a ``held_out`` other than ``("dev", "test")``, ``("dev",)``,
            ``("test",)`` or ``()`` (checked first), the same column named twice, missing
            columns (each by its argument, the file's columns listed, a slip told), an empty,
            header-only, binary or non-UTF-8 file, a quote that opens a value and closes amid
            a later line's (the rows between read into it), rows whose text has no token or
            whose label is empty (listed, counted from 1 below the header, blank lines too),
            with ``training``, fewer than 2 classes, with ``held_out``, classes too small for
            it, and with ``classes``, labels outside them; all problems at once.
    """
    if sep is None:  # a .tsv was read comma-separated, its header one column, and refused
        sep = _named_sep(path)
    return _read_labelled_csv(
        path, text_col, label_col, sep, training=training, held_out=held_out, classes=classes
    )


def _read_labelled_csv(
    path: str | Path | IO[str] | IO[bytes],
    text_col: str,
    label_col: str,
    sep: str = ",",
    *,
    training: bool = False,
    held_out: Sequence[str] = (),
    classes: Iterable[str] | None = None,
    blank_labels: bool = False,
) -> tuple[list[str], list[str]]:
    """:func:`read_labelled_csv`, whose rows of an empty label are kept (their label ``""``)
    where ``blank_labels``: ``lstmkit text evaluate --drop-unknown`` leaves them out, as
    ``SentimentPredictor.evaluate(..., drop_unknown=True)`` leaves out a missing label (it
    refused the file, 'must hold a label in every row')."""
    from lstmkit import data

    wrong = [
        f"`{name}` must be a str (a column's name), got {typed_repr(col)}."
        for name, col in (("text_col", text_col), ("label_col", label_col))
        if not isinstance(col, str)
    ]
    if isinstance(training, np.bool_):  # as the configs take it
        training = bool(training)
    if not isinstance(training, bool):  # "yes" (or "no") read as True
        wrong.append(
            f"`training` must be True or False, got {value_repr(training)}{numpy_hint(training)}."
        )
    if wrong:  # a column 1 or None failed as "'int' object has no attribute 'strip'"
        raise TypeError(" ".join(wrong))
    # a name drawn from an array (np.str_) as plain text: numpy 2 wrote it in messages as
    # np.str_('txt'), numpy 1 as 'txt'
    text_col, label_col = str(text_col), str(label_col)
    # "dev" was read as the sets 'd', 'e' and 'v' ("goes to d and to e and to v")
    held_out = _checked_held_out(held_out, empty=True)
    if text_col == label_col:
        raise ValueError(
            f"`text_col` and `label_col` must name two different columns, got {text_col!r} for "
            "both."
        )
    data._check_separators(sep, ".", None)
    # a file object as read_csv takes one; a .tar.zst unpacked once for the table and its row
    # numbers
    with data._path_of(path) as file, data._one_read():
        if not file.is_file():
            raise not_found(file, "`path`")
        raw = _labelled_table(file, sep)
        _refuse_missing_columns(raw, {"text_col": text_col, "label_col": label_col}, file, sep)
        rows = _row_numbers(file, sep, len(raw))  # blank lines counted, as a spreadsheet counts
        # by its path as given and quoted, as lstmkit.data.read_csv names a file: by its name
        # alone ("of reviews.csv"), it was named unlike a forecast's file, and did not say
        # which of train/reviews.csv and dev/reviews.csv
        name = typed_path(file)
    # each text tokenised once for the checks of empty texts and of texts given two labels
    # (tokenised twice, reading 50,000 rows took 14.6 s, not 5.1 s)
    with _tokenised_once():
        texts = raw[text_col].tolist()
        labels = [y.strip() for y in raw[label_col]]
        problems = []
        empty = [str(k) for k, t in zip(rows, texts, strict=True) if not _shared_tokens(t)]
        if empty:
            problems.append(
                f"column {text_col!r} of {name} must hold a text with a token in every row, "
                f"got none in row{plural_s(len(empty))} {_listed(empty)}"
            )
        blank = [str(k) for k, y in zip(rows, labels, strict=True) if not y and not blank_labels]
        if blank:
            problems.append(
                f"column {label_col!r} of {name} must hold a label in every row, got an empty "
                f"one in row{plural_s(len(blank))} {_listed(blank)}"
            )
        if problems:
            them = "it" if len(set(empty) | set(blank)) == 1 else "them"  # one row: 'it'
            problems = [
                "; ".join(problems) + " (rows counted from 1 below the header); fill "
                f"{them} in or remove {them}"
            ]
        counted = not problems  # how rows are counted is said once, by the first to name rows
        subject = f"column {label_col!r} of {name}"
        found = class_problems(labels, subject, training=training, held_out=held_out)
        problems += found
        # a word on the class problems that swapped columns make, never a refusal of its own (a
        # training file of numbers, product codes, with dev and test files, trains)
        if training and found and (swapped := _swapped_columns(texts, labels, text_col, label_col)):
            problems.append(swapped)
        known = None if classes is None else set(classes)  # iterated twice: a generator once
        if known is not None and (unknown := {y for y in labels if y} - known):
            # as train_classifier words it of a dev or test set, which sees none of these files
            # while one of them has another problem
            at = places_of(unknown, labels, rows)
            problems.append(
                f"{subject} holds labels no training text has: "
                f"{unknown_labels(unknown, known, rows=at)} (the classes: "
                f"{', '.join(map(repr, _sorted_classes(known)))}"
                + ("; rows counted from 1 below the header)" if counted else ")")
            )
            # a dev or test file's columns the other way round, told as a training file's are
            if swapped := _swapped_columns(texts, labels, text_col, label_col, classes=known):
                problems.append(swapped)
        if problems:
            raise ValueError(sentences(p + "." for p in problems))
        # by the file's rows, where train_classifier names positions of the lists it is given
        if training and (
            odds := labels_at_odds(
                texts,
                labels,
                [f"row {k}" for k in rows],
                f" in {name} (rows counted from 1 below the header)",
            )
        ):
            warnings.warn(odds, UserWarning, stacklevel=user_stacklevel())
            said = _Labels(labels)
            said.said = (tuple(texts), tuple(labels))
            return texts, said
    return texts, labels

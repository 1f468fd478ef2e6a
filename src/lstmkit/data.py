"""Time-series data: bundled datasets, input validation, windows, splits, scalers and transforms.

Everything here is plain numpy/pandas and knows nothing about models. The forecasting workflow
(:mod:`lstmkit.forecast`) composes these pieces; they are public so that a user can build the same
windows by hand.

Shape letters: ``N`` samples (windows), ``T`` time steps, ``F`` features, ``L`` lookback,
``H`` horizon.

Example:
    >>> from lstmkit.data import load_dataset, make_windows
    >>> y = load_dataset("airline")
    >>> len(y), str(y.index[0].date())
    (144, '1949-01-01')
    >>> X, Y = make_windows(y.to_numpy(), lookback=12, horizon=3)
    >>> X.shape, Y.shape
    ((130, 12, 1), (130, 3))
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import importlib
import inspect
import io
import logging
import math
import numbers
import os
import re
import shlex
import sys
import tempfile
import threading
import warnings
import zoneinfo
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Literal,
    NamedTuple,
    ParamSpec,
    Self,
    SupportsInt,
    TypeVar,
    get_args,
)

import numpy as np
import pandas as pd

from lstmkit._checks import (
    PACKED_SUFFIXES,
    _CopyOfObject,
    _is_pipe,
    _place,
    _told,
    _typed_text,
    and_list,
    and_more,
    as_int,
    as_path,
    first_nul,
    folder_given,
    fraction_hint,
    not_found,
    not_text_file,
    not_utf8,
    nul_byte,
    plural_s,
    positive_int,
    python_scalar,
    shown_names,
    their_arguments,
    typed_path,
    typed_repr,
    user_stacklevel,
    value_repr,
    whole_float_hint,
)
from lstmkit._datasets import _ALIASES, DATASETS, DatasetInfo, _did_you_mean, list_datasets
from lstmkit._lazy import public_dir
from lstmkit._remedies import (
    cli_command,
    dates_expected,
    each_series,
    meant_word,
    plan_named,
    remedy,
    rows_named,
    said_to_caller,
    sep_given,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

try:
    from pandas.tseries.api import guess_datetime_format
except ImportError:  # pandas < 2.2 keeps it private
    from pandas._libs.tslibs.parsing import guess_datetime_format

logger = logging.getLogger(__name__)

__all__ = [
    "DATASETS",
    "CSVFileError",
    "DatasetInfo",
    "EmptyCSVError",
    "LogTransform",
    "MinMaxScaler",
    "SeasonalDifferencer",
    "StandardScaler",
    "WindowSplit",
    "Windows",
    "calendar_features",
    "calendar_inputs",
    "default_horizon",
    "fill_reads_ahead",
    "future_index",
    "list_datasets",
    "load_dataset",
    "make_windows",
    "read_csv",
    "season_length",
    "series_names",
    "split_windows",
    "time_split",
    "to_frame",
]
__dir__ = public_dir(globals())

FillMethod = Literal["ffill", "bfill", "interpolate", "zero"]


# --------------------------------------------------------------------------------------------
# Bundled datasets
# --------------------------------------------------------------------------------------------


def load_dataset(name: str) -> pd.Series:
    """Load a bundled series by name.

    Args:
        name: ``"airline"``, ``"car_sales"``, ``"milk"`` or ``"wine"`` (or the CSV file's stem).

    Returns:
        A float ``pd.Series`` named after the dataset, indexed by month-start timestamps with
        ``freq="MS"``.

    Raises:
        TypeError: if ``name`` is not a str.
        ValueError: if ``name`` is not a bundled dataset.
    """
    if not isinstance(name, str):  # a list was a bare "unhashable type"
        raise TypeError(
            f"`name` must be a str, one of {sorted(DATASETS)} (bundled datasets), got "
            f"{typed_repr(name)}."
        )
    key = _ALIASES.get(name, name)
    if key not in DATASETS:
        raise ValueError(
            f"`name` must be one of {sorted(DATASETS)} (bundled datasets), got "
            f"{name!r}{_did_you_mean(name)}."
        )
    info = DATASETS[key]
    with resources.as_file(_packaged_file(key)) as path:
        frame = pd.read_csv(path)
    index = pd.DatetimeIndex(pd.to_datetime(frame["month"], format="%Y-%m"), freq=info.freq)
    return pd.Series(frame["value"].to_numpy(dtype=float), index=index, name=key)


def _packaged_file(name: str) -> Traversable:
    """The CSV packaged for the bundled dataset ``name`` (or one of its aliases)."""
    info = DATASETS[_ALIASES.get(name, name)]
    return resources.files("lstmkit").joinpath("datasets", info.filename)


# --------------------------------------------------------------------------------------------
# User data: CSV, pandas, numpy -> a validated DataFrame with a regular DatetimeIndex
# --------------------------------------------------------------------------------------------


def _check_fill(fill: object) -> None:
    """Refuse a ``fill`` that is none of the methods, also where nothing is missing: a typo
    (``fill="ffil"``) passed silently until a series had a gap."""
    # a string compared: `in` took an array element by element ("truth value ... ambiguous")
    if fill is not None and not (isinstance(fill, str) and fill in get_args(FillMethod)):
        raise ValueError(
            f"`fill` must be one of 'ffill', 'bfill', 'interpolate', 'zero' or None, got {fill!r}."
        )


def _fill(frame: pd.DataFrame, fill: FillMethod, flags: Sequence[object] = ()) -> pd.DataFrame:
    """``frame`` filled by ``fill``, one of the methods (:func:`_check_fill` refused the rest
    where to_frame and read_csv begin). ``flags``: its columns read from booleans, which
    'interpolate' fills by carrying each value forward (and the first one back, as it fills a
    start): between True and False it wrote 0.5, a flag neither set nor not."""
    if fill == "ffill":
        return frame.ffill()
    if fill == "bfill":
        return frame.bfill()
    if fill == "interpolate":
        filled = frame.interpolate(method="linear", limit_direction="both")
        for col in flags:
            filled[col] = frame[col].ffill().bfill()
        return filled
    return frame.fillna(0.0)  # "zero"


def _business_period(period: str) -> bool:
    """Whether ``period`` is a frequency of business days (``"B"``, ``"2B"``), whose periods
    pandas deprecates (a FutureWarning each time one is made)."""
    return period.lstrip("0123456789") == "B"


@contextmanager
def _business_periods() -> Iterator[None]:
    """Around lstmkit's reading and making of a PeriodIndex (a series', its forecast's): no
    FutureWarning of pandas >= 2.2 that a business day's (PeriodDtype[B]) is deprecated. Its
    user had that warning when making theirs; ours came again in fit, predict, backtest and
    plot_forecast, and failed them under ``-W error``."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"PeriodDtype\[B\] is deprecated", FutureWarning)
        warnings.filterwarnings("ignore", "Period with BDay freq is deprecated", FutureWarning)
        yield


def _label(value: object, period: str | None = None, intraday: bool = False) -> str:
    """``value`` as a message names it: a date alone at midnight, unless the series is
    ``intraday`` (else 6-hourly labels read ``2020-01-01``, then ``2020-01-01 06:00:00``: two
    formats in one column); the period it starts where the data had a PeriodIndex of frequency
    ``period`` (``1961-01``, as the user wrote it). A business day's period is its date, named
    without making one (pandas deprecates them)."""
    if period and isinstance(value, pd.Timestamp) and not _business_period(period):
        return str(value.to_period(period))
    if isinstance(value, pd.Timestamp) and value == value.normalize() and not intraday:
        # from its parts: strftime refuses a year outside Python's 1 ... 9999 ("-1.5" read as a
        # date is in year -1), which then failed the message naming it
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return str(value)


def _intraday(index: pd.Index) -> bool:
    """Whether ``index`` holds timestamps that are not all at midnight."""
    return isinstance(index, pd.DatetimeIndex) and bool((index != index.normalize()).any())


def _timed(index: pd.Index) -> bool:
    """Whether ``index``'s timestamps are shown with their time of day: some are not at
    midnight (:func:`_intraday`), or they are in a zone, whose midnights are shown with their
    UTC offset (``2020-07-16 00:00:00+05:30``: the date alone is another instant in each zone),
    as forecast.csv writes them."""
    return _intraday(index) or getattr(index, "tz", None) is not None


def _describe_positions(labels: list[object], limit: int = 5, period: str | None = None) -> str:
    shown = ", ".join(_label(x, period) for x in labels[:limit])
    return shown + and_more(len(labels), limit)


def _python_strings(values: pd.Series) -> pd.Series:
    """``values`` with its text as Python ``str`` objects (object dtype), for ``.str``'s
    regular expressions: on a string dtype stored in pyarrow (pandas 3's ``str`` where pyarrow
    is installed, ``string[pyarrow]``), pandas hands them to pyarrow's RE2, which refuses
    ``\\u`` escapes, back-references and look-arounds, and reads ``\\d``, ``\\w`` and ``\\s``
    as ASCII alone. Any other column as it is."""
    if values.dtype != object and pd.api.types.is_string_dtype(values.dtype):
        return values.astype(object)
    return values


_THOUSANDS = re.compile(r"\s*[-+]?\d{1,3}(,\d{3})+(\.\d+)?\s*")  # 1,234 or 1,234.5
_DECIMAL_COMMA = re.compile(r"\s*[-+]?\d{1,3}(\.\d{3})*,\d+\s*|\s*[-+]?\d+,\d+\s*")  # 1.234,5
# 1 234,5 or 1 234.5, with a space, a no-break space or a narrow one (French locales)
_SPACES = " \u00a0\u202f"
_SPACE_GROUPS = re.compile(rf"\s*[-+]?\d{{1,3}}([{_SPACES}]\d{{3}})+([.,]\d+)?\s*")
# 1'234.50, as Swiss locales write numbers (Windows' newer ones with a right quote, 1’234.50)
_APOSTROPHE_GROUPS = re.compile(r"\s*[-+]?\d{1,3}(['\u2019]\d{3})+([.,]\d+)?\s*")
_CURRENCY_SIGNS = "$€£¥₹"  # written before or after amounts: $1,087.70, 12,50 €


# What spreadsheets and statistical offices write for a missing value; "" for an empty or
# blank cell left as text (pd.read_csv(..., keep_default_na=False), or a frame built of strings)
_MISSING_MARKS = frozenset(
    "- -- \u2013 \u2014 ? . .. ... x * na n/a n.a. nan null none missing #n/a nd n/d #value! "
    "#div/0! #ref! #num! #name? #null!".split()
) | {""}


# the options the refusals of a read advised (date_format, decimal, thousands), while
# :func:`_options_that_read` tries them: None outside it
_ADVISED: ContextVar[dict[str, str] | None] = ContextVar("_ADVISED", default=None)


def _advise(**options: str) -> None:
    """Note ``options`` as advised by a refusal, for :func:`_options_that_read`."""
    advised = _ADVISED.get()
    if advised is not None:
        advised.update(options)


def _decimal_comma_remedy(dots: bool) -> str:
    """The arguments (and CLI flags) that read numbers with a decimal comma, with ``dots``
    between their thousands too."""
    _advise(decimal=",", **({"thousands": "."} if dots else {}))
    return remedy(
        "decimal=','" + (", thousands='.'" if dots else ""),
        f"--decimal {_sep_flag(',')}" + (f" --thousands {_sep_flag('.')}" if dots else ""),
    )


def _number_format_hint(
    bad: pd.Series,
    csv: bool = False,
    name: str = "data",
    whole: bool = False,
    decimal: str = ".",
    thousands: str | None = None,
    good: pd.Series | None = None,
) -> str:
    """What numbers written with separators need, when every non-numeric value is one: the
    arguments of lstmkit's ``read_csv`` (and the CLI flags) if ``csv``, else of pandas'. For a
    ``whole`` column of a few words without digits (``name``'s categories): one 0/1 column
    each. ``decimal`` and ``thousands``: the separators a CSV was read with (an amount with a
    currency sign is read with them once the sign is gone); ``good``: the column's values
    that read."""
    text = _python_strings(bad.astype(str))
    example = text.iloc[0].strip()
    if text.str.fullmatch(_THOUSANDS).all():
        number = example.replace(",", "")
        _advise(thousands=",")
        how = (
            "pass " + remedy("thousands=','", f"--thousands {_sep_flag(',')}")
            if csv
            else "remove the separators (pandas: read_csv(..., thousands=','))"
        )
        return f" (numbers with ',' between thousands, {example!r} for {number}?): {how}"
    if text.str.fullmatch(_DECIMAL_COMMA).all():
        number = example.replace(".", "").replace(",", ".")
        dots = text.str.contains(".", regex=False).any()
        if csv:
            how = "pass " + _decimal_comma_remedy(dots)
        else:
            how = "write decimal points (pandas: read_csv(..., decimal=','"
            how += (", thousands='.'" if dots else "") + "))"
        return f" (numbers with a decimal comma, {example!r} for {number}?): {how}"
    if text.str.fullmatch(_SPACE_GROUPS).all():
        comma = text.str.contains(",", regex=False).any()
        number = re.sub(f"[{_SPACES}]", "", example).replace(",", ".")
        if csv:
            _advise(thousands=" ", **({"decimal": ","} if comma else {}))
            how = "pass " + remedy(
                ("decimal=',', " if comma else "") + "thousands=' '",
                (f"--decimal {_sep_flag(',')} " if comma else "") + f"--thousands {_sep_flag(' ')}",
            )
        else:
            how = "remove the spaces (pandas: read_csv(..., thousands=' '"
            how += (", decimal=','" if comma else "") + "))"
        return f" (numbers with spaces between thousands, {example!r} for {number}?): {how}"
    marks = {c for value in text for c in value if c in "'\u2019"}
    if text.str.fullmatch(_APOSTROPHE_GROUPS).all() and len(marks) == 1:
        mark = marks.pop()
        comma = text.str.contains(",", regex=False).any()
        number = example.replace(mark, "").replace(",", ".")
        if csv:
            _advise(thousands=mark, **({"decimal": ","} if comma else {}))
            how = "pass " + remedy(
                ("decimal=',', " if comma else "") + f"thousands={mark!r}",
                (f"--decimal {_sep_flag(',')} " if comma else "")
                + f"--thousands {_sep_flag(mark)}",
            )
        else:
            how = f"remove the {mark!r} (pandas: read_csv(..., thousands={mark!r}"
            how += (", decimal=','" if comma else "") + "))"
        return f" (numbers with {mark!r} between thousands, {example!r} for {number}?): {how}"
    if text.str.strip().str.casefold().isin(_MISSING_MARKS).all():
        if csv:
            how = (
                "leave those cells empty and pass "
                + said_to_caller(
                    "fill='ffill', 'bfill', 'interpolate' or 'zero' (CLI: --fill)",
                    f"--fill {and_list(list(get_args(FillMethod)), 'or')}",
                )
                + " to fill them"
            )
        else:
            # a blank cell as it is: pandas' na_values match the whole cell
            marks = list(dict.fromkeys(v.strip() or v for v in text))
            shown = ", ".join(map(repr, marks[:3])) + (", ..." if len(marks) > 3 else "")
            how = (
                f"make them NaN (pandas: read_csv(..., na_values=[{shown}])), then pass "
                "fill='ffill', 'bfill', 'interpolate' or 'zero' to fill them"
            )
        return f" (marks of missing values?): {how}"
    if (negative := text.str.fullmatch(_PARENTHESES)).any():
        # accounting negatives, (1,234.00) for -1,234.00, beside numbers that may need more
        rest = text.str.replace(_PARENTHESES, r"-\1", regex=True).str.strip()
        needs = _rest_hint(rest, good, csv=csv, decimal=decimal, thousands=thousands)
        if needs is None or "?): " in needs:
            shown = text[negative].iloc[0].strip()
            minus = rest[negative].iloc[0]
            then = _then(needs)
            # percentages' own spreadsheet fix, "(12%)", is this one's, said once with its number
            gives = ""
            if _PERCENT_ALTERNATIVE in then:
                then, gives = then.split(_PERCENT_ALTERNATIVE, 1)
            how = (
                f"write them with a minus sign in the file's cells{then}; or format the column "
                f"as numbers with a minus sign in the spreadsheet and save the CSV again{gives}"
                if csv
                else "write them with a minus sign"
                + (
                    then
                    or r" (pandas: column.str.replace(r'^\s*\(\s*(.*?)\s*\)\s*$', r'-\1', "
                    "regex=True))"
                )
            )
            return f" (negatives in parentheses, {shown!r} for {minus!r}?): {how}"
    if (typeset := text.str.contains(_MINUS, regex=False)).any():
        # the typographic minus sign (U+2212), which some spreadsheets and web tables write
        rest = text.str.replace(_MINUS, "-", regex=False)
        needs = _rest_hint(rest, good, csv=csv, decimal=decimal, thousands=thousands)
        if needs is None or "?): " in needs:
            shown = text[typeset].iloc[0].strip()
            then = _then(needs)
            how = (
                f"write '-' (the hyphen-minus) for it in the file's cells{then}"
                if csv
                else "write '-' for it"
                + (then or r" (pandas: pd.to_numeric(column.str.replace('\u2212', '-')))")
            )
            return f" (numbers with the minus sign U+2212, {shown!r}?): {how}"
    if (signs := text.str.extract(f"([{_CURRENCY_SIGNS}])")[0]).notna().all():
        # amounts with a currency sign ($1,087.70): the sign to remove, then what the rest needs
        rest = text.str.replace(f"[{_CURRENCY_SIGNS}]", "", regex=True).str.strip()
        # the rest is told what it would be without the sign, with the separators given
        needs = _rest_hint(rest, good, csv=csv, decimal=decimal, thousands=thousands)
        if needs is None or needs:
            inner = needs or ""
            used = " and ".join(map(repr, dict.fromkeys(signs)))
            how = f"remove the {used} from the file's cells" if csv else f"remove the {used}"
            if "?): " in inner:
                how += _then(inner)
            elif inner:  # a separator given that the rest does not use: " (thousands=...)"
                how += "; " + inner.strip()[1:-1]
            elif not csv:
                # replaced, not stripped: a negative amount is written -$5
                marks = "".join(dict.fromkeys(signs))
                replace = f"{marks!r}, ''" if len(marks) == 1 else f"'[{marks}]', '', regex=True"
                how += f" (pandas: pd.to_numeric(column.str.replace({replace})))"
            return f" (amounts with a currency sign, {example!r}?): {how}"
    if text.str.strip().str.endswith("%").all():
        # percentages, as a spreadsheet writes the cells it formats so (12.5%)
        rest = text.str.strip().str[:-1].str.strip()
        # what the rest needs besides (a decimal comma: 12,5 %), as for a currency sign
        needs = _rest_hint(rest, None, csv=csv, decimal=decimal, thousands=thousands)
        if needs is None or "?): " in needs:
            inner = needs or ""
            then = _then(inner)
            # the two fixes differ a hundredfold: 12.5% as 12.5 without the sign, as 0.125
            # formatted as a number; each is said with the number it gives
            number = _written_number(rest.iloc[0], decimal, thousands)
            reads = gives = ""
            if number is not None:
                reads = f" ({example!r} reads as {_plain(number)})"
                gives = f" ({example!r} reads as {_plain(number.scaleb(-2))})"
            how = (
                f"remove the '%' from the file's cells{then}{reads}{_PERCENT_ALTERNATIVE}{gives}"
                if csv
                else f"remove the '%'{then}{reads}"
                + ("" if inner else " (pandas: pd.to_numeric(column.str.rstrip('%')))")
            )
            return f" (percentages, {example!r}?): {how}"
    kinds = list(dict.fromkeys(text.str.strip()))
    if whole and len(kinds) == 1 and len(text) > 1 and not csv and bad.name is not None:
        # one text in every row: an identifier (NeuralForecast's unique_id of one series),
        # which a 0/1 column per category would turn into a constant
        return (
            f" (one value, {kinds[0]!r}, in every row, as a series' identifier: no "
            f"measurement; drop the column, {name}.drop(columns={bad.name!r}))"
        )
    if whole and len(kinds) <= 20 and not text.str.contains(r"\d").any():
        shown = ", ".join(map(repr, kinds[:3])) + (", ..." if len(kinds) > 3 else "")
        how = (
            "write one column of 0 and 1 per category in the file"
            if csv
            else f"give one column of 0 and 1 per category (pandas: pd.get_dummies({name}, "
            "dtype=float))"
        )
        return f" (categories, {shown}?): {how}"
    return ""


_PERCENT_ALTERNATIVE = "; or format the column as numbers in the spreadsheet and save the CSV again"
_MINUS = "\u2212"  # the minus sign of typesetting, not the '-' (hyphen-minus) numbers need
# an accounting negative, as a spreadsheet writes one: (1,234.00) for -1,234.00
# (a number inside: "(n/a)" or "()" is none)
_PARENTHESES = re.compile(r"\s*\(\s*([^()]*\d[^()]*?)\s*\)\s*")


def _written_number(text: str, decimal: str, thousands: str | None) -> Decimal | None:
    """The number ``text`` stands for, read with the ``decimal`` and ``thousands`` separators
    given or as :func:`_number_format_hint` names its separators (``1,234``, ``12,5``,
    ``1 234,5``); ``None`` where it is none of those."""
    candidates = [str(_as_numbers(pd.Series([text]), decimal, thousands).iloc[0])]
    if _THOUSANDS.fullmatch(text):
        candidates.append(text.replace(",", ""))
    elif _DECIMAL_COMMA.fullmatch(text):
        candidates.append(text.replace(".", "").replace(",", "."))
    elif _SPACE_GROUPS.fullmatch(text):
        candidates.append(re.sub(f"[{_SPACES}]", "", text).replace(",", "."))
    for candidate in candidates:
        try:
            number = Decimal(candidate.strip())
        except InvalidOperation:
            continue
        if number.is_finite():
            return number
    return None


def _plain(number: Decimal) -> str:
    """``number`` as written without an exponent or trailing zeros: 12.5, 0.125, 1200."""
    return f"{number.normalize():f}"


def _then(needs: str | None) -> str:
    """``", then "`` and the advice of :func:`_rest_hint`'s hint ``needs`` (what follows its
    ``"?): "``), to follow the fix of a sign taken off; ``""`` for none."""
    return ", then " + needs.split("?): ", 1)[1] if needs else ""


def _rest_hint(
    rest: pd.Series,
    good: pd.Series | None,
    *,
    csv: bool,
    decimal: str,
    thousands: str | None,
) -> str | None:
    """What the cells ``rest`` (a column's non-numeric values with a sign taken off: ``$``,
    ``%``) still need to read as numbers: ``None`` where every one reads, else
    :func:`_format_hint`'s advice on those that do not (``good``: more of the column's values
    that read, beside those of ``rest``)."""
    numeric = pd.to_numeric(_as_numbers(rest, decimal, thousands), errors="coerce").notna()
    if numeric.all():
        return None
    read = rest[numeric] if good is None else pd.concat([rest[numeric], good])
    return _format_hint(rest[~numeric], read, csv=csv, decimal=decimal, thousands=thousands)


def _format_hint(
    bad: pd.Series,
    good: pd.Series,
    *,
    csv: bool = False,
    name: str = "data",
    whole: bool = False,
    decimal: str = ".",
    thousands: str | None = None,
) -> str:
    """What a column's non-numeric values ``bad`` need (``good``: its values that read), the
    ``decimal`` and ``thousands`` separators a CSV was read with considered first (see
    :func:`_grouping_hint`, :func:`_point_hint`), then how they are written
    (:func:`_number_format_hint`)."""
    hint = (
        _grouping_hint(bad, decimal, thousands)
        if csv and thousands is not None
        else _point_hint(bad, decimal, good)
        if csv and decimal != "."
        else ""
    )
    return hint or _number_format_hint(
        bad, csv=csv, name=name, whole=whole, decimal=decimal, thousands=thousands, good=good
    )


def _thousands_class(thousands: str) -> str:
    """A regex class of ``thousands``: with ``" "``, every kind of space French locales write."""
    return f"[{_SPACES}]" if thousands == " " else f"[{re.escape(thousands)}]"


def _misgrouped(text: pd.Series, decimal: str, thousands: str) -> pd.Series:
    """Where strings hold ``thousands`` elsewhere than between groups of three digits
    (``1,234,567``, or India's ``12,34,567``), before an optional ``decimal`` part: a decimal
    comma read with ``thousands=','`` (``12,5``), which dropping the separator read as 125.
    A first group never starts with 0: ``0,125`` is a decimal comma, not 125. An exponent
    may follow (``1,234.5e3``), as pandas reads one."""
    t = _thousands_class(thousands)
    stripped = text.str.strip()
    return stripped.str.contains(t, regex=True) & ~stripped.str.fullmatch(
        _grouped(decimal, thousands)
    )


@functools.cache
def _grouped(decimal: str, thousands: str) -> re.Pattern[str]:
    """A number whose ``thousands`` separators stand between groups (see :func:`_misgrouped`)."""
    t = _thousands_class(thousands)
    groups = (
        rf"[1-9]\d{{0,2}}({t}\d{{3}})+|[1-9]\d?({t}\d{{2}})*{t}\d{{3}}"  # 1,234,567 | 12,34,567
    )
    return re.compile(rf"[-+]?({groups})({re.escape(decimal)}\d*)?([eE][-+]?\d+)?")


def _without_thousands(text: list[str], decimal: str, thousands: str) -> list[str]:
    """``text`` with its ``thousands`` separators dropped, as :func:`_as_numbers` reads it; a
    value that holds one outside groups of three digits (:func:`_misgrouped`) is
    ``"not a number"``. One pass in Python over each string: pandas' four (strip, contains,
    fullmatch, replace) made a 100,000-row column read almost twice as slowly."""
    grouped = _grouped(decimal, thousands).fullmatch
    if len(thousands) == 1 and thousands != " ":  # one mark: str's own methods, faster
        return [
            "not a number"
            if thousands in (s := v.strip()) and grouped(s) is None
            else v.replace(thousands, "")
            for v in text
        ]
    mark = re.compile(_thousands_class(thousands))  # a space: every kind of it
    return [
        "not a number" if mark.search(s := v.strip()) and grouped(s) is None else mark.sub("", v)
        for v in text
    ]


def _grouping_hint(bad: pd.Series, decimal: str, thousands: str) -> str:
    """What values need whose ``thousands`` separators all stand outside groups of three
    digits (see :func:`_misgrouped`) and that read as numbers without them; "" where some
    non-numeric value is otherwise wrong (``$1,234``: the separator is not what is wrong)."""
    text = _python_strings(bad.astype(str))
    if not _misgrouped(text, decimal, thousands).all():
        return ""
    bare = text.str.replace(_thousands_class(thousands), "", regex=True).str.strip()
    if pd.to_numeric(bare.str.replace(decimal, ".", regex=False), errors="coerce").isna().any():
        return ""
    example = text.iloc[0].strip()
    hint = (
        f" ({remedy(f'thousands={thousands!r}', f'--thousands {_sep_flag(thousands)}')} "
        "stands between "
        f"groups of three digits, as in 1{thousands}234{thousands}567, not so in {example!r}"
    )
    if thousands == "," and text.str.fullmatch(_DECIMAL_COMMA).all():
        dots = text.str.contains(".", regex=False).any()
        hint += ": a decimal comma? pass " + _decimal_comma_remedy(dots) + " instead"
    return hint + ")"


_DOT_GROUPS = re.compile(r"\s*[-+]?\d{1,3}(\.\d{3})+(,\d+)?\s*")  # 1.099,5 or 1.200


def _point_hint(bad: pd.Series, decimal: str, good: pd.Series) -> str:
    """What values with a ``'.'`` need, read with another ``decimal`` mark and no thousands
    separator, when every non-numeric value has one: ``thousands='.'`` for ``1.099,5``, no
    ``decimal`` for ``100.84`` (unless some ``good`` value of the column has that mark); ""
    where some non-numeric value is otherwise wrong."""
    text = _python_strings(bad.astype(str))
    example = text.iloc[0].strip()
    if decimal == "," and text.str.fullmatch(_DOT_GROUPS).all():
        number = example.replace(".", "").replace(",", ".")
        _advise(thousands=".")
        return f" (numbers with '.' between thousands, {example!r} for {number}?): pass " + remedy(
            "thousands='.'", f"--thousands {_sep_flag('.')}"
        )
    if (
        text.str.contains(".", regex=False).all()
        and pd.to_numeric(text, errors="coerce").notna().all()
        and not good.astype(str).str.contains(decimal, regex=False).any()
    ):
        return f" (numbers with a decimal point, {example!r}?): leave out " + remedy(
            f"decimal={decimal!r}", f"--decimal {_sep_flag(decimal)}"
        )
    return ""


def _as_numbers(text: pd.Series, decimal: str, thousands: str | None) -> pd.Series:
    """Strings written with ``decimal`` and ``thousands`` separators, rewritten for pandas."""
    if decimal == "." and thousands is None:
        return text
    if not (pd.api.types.is_object_dtype(text) or pd.api.types.is_string_dtype(text)):
        return text
    text = text.astype(object)
    # (a comprehension: Series.map of a lambda took as long as dropping the separators)
    strings = pd.Series([isinstance(v, str) for v in text.to_numpy()], index=text.index)
    out = text.copy()
    cleaned = text[strings]  # Python str objects already (object dtype): no round trip
    if thousands is not None:
        # a separator outside groups of three digits is none: keep the value non-numeric
        dropped = _without_thousands(cleaned.tolist(), decimal, thousands)
        cleaned = pd.Series(dropped, index=cleaned.index, dtype=object)
    if decimal != ".":
        # a '.' left in is not a decimal point here: keep the value non-numeric
        cleaned = cleaned.where(~cleaned.str.contains(".", regex=False), "not a number")
        cleaned = cleaned.str.replace(decimal, ".", regex=False)
    out[strings] = cleaned
    return out


# pandas 2's to_numeric reads about one decimal in three an ulp off the double it names
# (0.7041937922910476 as 0.7041937922910475); pandas 3's reads each exactly, as float() does
_TO_NUMERIC_ROUNDS_OFF = int(pd.__version__.split(".")[0]) < 3


def _read_exactly(numbers: pd.Series, num: pd.Series) -> pd.Series:
    """``num``, what ``pd.to_numeric`` read of ``numbers``, with each number written as text
    read exactly as Python's ``float`` reads it, on a pandas whose ``to_numeric`` does not: a
    CSV gives the values ``to_csv`` wrote of a series, bit for bit, on pandas 2 and 3 alike."""
    # (a column of numbers, a frame's from Python, holds no text: no loop over its values)
    numeric = pd.api.types.is_numeric_dtype(numbers)
    if not _TO_NUMERIC_ROUNDS_OFF or num.dtype != np.float64 or numeric:
        return num
    values = numbers.to_numpy()
    text = np.fromiter((isinstance(v, str) for v in values), bool, len(values))
    text &= num.notna().to_numpy()
    if not text.any():
        return num
    try:
        exact = np.array(values[text].tolist(), dtype=float)
    except ValueError:  # a text to_numeric reads and float does not: as to_numeric read it
        return num
    out = num.to_numpy(copy=True)
    out[text] = exact
    return pd.Series(out, index=num.index, name=num.name)


def _as_booleans(column: pd.Series) -> pd.Series:
    """A column of text whose every value is ``True`` or ``False`` (any case; how pandas writes
    a bool column to CSV) as 1.0 and 0.0, as a bool column reads; any other column as it is."""
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
        return column
    present_at = column.notna().to_numpy()
    if not present_at.any():
        return column
    # the first value decides for the usual column of numbers, without a pass over all of it
    # (nor a copy of its values: one per column of each series of a long file)
    first = column.iloc[int(present_at.argmax())]
    if not isinstance(first, str) or first.strip().casefold() not in ("true", "false"):
        return column
    present = column[present_at]
    if not all(isinstance(v, str) for v in present):
        return column
    words = present.str.strip().str.casefold()
    if not words.isin(("true", "false")).all():
        return column
    return column.map(lambda v: float(v.strip().casefold() == "true") if isinstance(v, str) else v)


def _of_booleans(column: pd.Series) -> bool:
    """Whether ``column`` holds booleans as such: a bool dtype, or objects ``True``/``False``
    (a bool column with a None in it, or made object by a concat), not numbers 0 and 1."""
    if pd.api.types.is_bool_dtype(column):
        return True
    if not pd.api.types.is_object_dtype(column) or not len(column):
        return False
    first = column.iloc[int(column.notna().to_numpy().argmax())]  # text: decided here
    return isinstance(first, bool | np.bool_) and (
        pd.api.types.infer_dtype(column, skipna=True) == "boolean"
    )


def _python_values(column: pd.Series) -> pd.Series:
    """``column`` with pyarrow's non-numbers (text, dictionary-encoded text, decimals) as
    Python objects, read as an object column's are: pandas read pyarrow's text as arrow's NaN,
    which isna() misses (text was neither named nor missed, and a fill wrote over it), and
    failed on decimals beside a null ("Length of values (2) does not match length of index
    (3)"). Numbers, numpy's or pyarrow's, as they are."""
    if isinstance(column.dtype, pd.ArrowDtype) and column.dtype.kind not in "iufb":
        return column.astype(object)
    return _python_strings(column)


def _fractions_read(column: pd.Series) -> pd.Series:
    """An object ``column``'s fractions (``fractions.Fraction``, any ``numbers.Rational`` but
    integers) as the floats nearest them, as ``float(x)`` gives them: pandas reads none, and
    they were refused as non-numeric values; any other column as it is."""
    if column.dtype != object:
        return column

    def fraction(v: object) -> bool:
        return isinstance(v, numbers.Rational) and not isinstance(v, numbers.Integral)

    if not any(map(fraction, column)):
        return column
    read = column.map(lambda v: _fraction_float(v) if fraction(v) else v)
    huge = [idx for idx, v in read.items() if isinstance(v, float) and math.isinf(v)]
    if huge:  # float() raised a bare OverflowError, naming neither the column nor the row
        raise ValueError(
            "values must be finite, got a fraction beyond float's range (±1.8e308) in column "
            f"{column.name!r} at {_describe_positions(huge)}."
        )
    return read


def _fraction_float(value: numbers.Rational) -> float:
    """``float(value)``, or ±inf for a fraction beyond float's range."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _plain_numbers(frame: pd.DataFrame) -> np.ndarray:
    """Which columns of ``frame`` hold numpy numbers (integers or floats; not bool, complex,
    pandas' nullable or pyarrow types): those that no check by value reads as anything else,
    and none of which needs taking from the frame one by one."""
    return np.array(
        [isinstance(dtype, np.dtype) and dtype.kind in "iuf" for dtype in frame.dtypes], bool
    )


def _of(file: str | None, first: bool = True) -> str:
    """``" of {file}"`` (:func:`typed_path`) for the ``first`` column a message names, which
    names the file read; "" for the rest, and for a frame in memory (``file`` None)."""
    return f" of {file}" if file is not None and first else ""


def _check_values(
    frame: pd.DataFrame,
    fill: FillMethod | None,
    *,
    csv: bool = False,
    decimal: str = ".",
    thousands: str | None = None,
    name: str = "data",
    fewer: str | None = "",
    plan: Sequence[str] = (),
    labels: Sequence[object] = (),
    file: str | None = None,
) -> pd.DataFrame:
    """Coerce to float, report non-numeric cells and NaNs (or fill them). ``csv``: the frame
    comes from :func:`read_csv`, with its ``decimal`` and ``thousands`` separators; ``file``:
    the file it was read from (:func:`typed_path`), named with the first column refused as
    non-numeric (``--csv`` of forecast, predict and explain alike named no file); ``name``:
    the argument it came as (``covariates``), for the messages; ``fewer``: for future
    covariates that end early, how the caller reads fewer of their rows (None: it cannot;
    ``""``: a smaller `horizon`, :func:`_fewer_steps`);
    ``plan``: the columns after the target known in advance (not past covariates);
    ``labels``: the columns' names as the user's frame has them (``frame``'s are str), for
    advice that indexes that frame. The columns read as booleans (True/False as 1 and 0) are
    the result's ``attrs["booleans"]`` (those of this reading alone: pandas carries ``attrs``
    through arithmetic, so ``flags * 100`` would still be named)."""
    problems: list[str] = []
    out = {}
    booleans: list[object] = []
    plain = _plain_numbers(frame)
    for k, col in enumerate(frame.columns):
        if plain[k]:  # read below with the others, at once
            continue
        column = _python_values(frame[col])
        if not csv:  # (a CSV's cells are text, never fractions: not looked through for them)
            column = _fractions_read(column)
        raw = _as_booleans(column)
        if raw is not column or _of_booleans(column):
            booleans.append(col)
        numbers = _as_numbers(raw, decimal, thousands)
        num = _read_exactly(numbers, pd.to_numeric(numbers, errors="coerce"))
        # as arrays: pandas' own & and any() cost more than the conversion on a short series
        if (raw.notna().to_numpy() & num.isna().to_numpy()).any():
            bad = raw.notna() & num.isna()
            where = [f"{_label(idx)} ({raw[idx]!r})" for idx in raw.index[bad]]
            shown = raw[bad]
            # named as the user's frame names it; no name where it is the only column, which
            # no drop(columns=...) leaves anything of (a Series' drop ignores `columns`)
            shown.name = None if frame.shape[1] == 1 else labels[k] if labels else col
            of = _of(file, not problems)
            problems.append(
                f"column {col!r}{of} has non-numeric values at {_describe_positions(where)}"
                + _format_hint(
                    shown,
                    raw[raw.notna() & ~bad],
                    csv=csv,
                    name=name,
                    whole=bool(bad.sum() == raw.notna().sum()),
                    decimal=decimal,
                    thousands=thousands,
                )
            )
        out[col] = num.astype(float)
    if problems:
        raise ValueError("; ".join(problems) + ".")
    # [T, F], float: NaN is its only missing value. The columns of numpy numbers, which the
    # steps above leave as they are, in one conversion: one by one, pandas built a Series
    # (and deep-copied the frame's attrs) per column, most of a second for 2,000 of them
    array = np.empty(frame.shape, dtype=float)
    if plain.any():
        array[:, plain] = frame.iloc[:, np.flatnonzero(plain)].to_numpy(dtype=float)
    for k in np.flatnonzero(~plain):
        array[:, k] = out[frame.columns[k]].to_numpy(dtype=float)
    values = pd.DataFrame(array, index=frame.index, columns=list(frame.columns))
    if (inf := np.isinf(array)).any():
        parts = _columns_at(values, inf, file)
        raise ValueError(f"values must be finite, got inf in {'; '.join(parts)}.")
    if (nan := np.isnan(array)).any():
        if fill is None:
            parts = _columns_at(values, nan, file)
            where = "values must not be missing (NaN), got NaN in " + "; ".join(parts) + "."
            if name not in ("covariates", "future_covariates") and _only_future_rows(values):
                # the one hole no fill takes (see _check_target_end): not advised to fill it
                raise _empty_end_refusal(
                    where + _future_rows_hint(values, fillable=False),
                    _empty_tail(values.iloc[:, 0].isna().to_numpy()),
                )
            if name == "future_covariates" and _only_plan_ends(values):
                # a plan that only ends early: the fill that "Fill them first" offered refuses it
                raise ValueError(where + _plan_end_hint(values, fewer))
            early = "" if name in ("covariates", "future_covariates") else _ends_early(values, plan)
            if early and _only_plan_ends(values) and not values.iloc[:, 0].isna().any():
                raise ValueError(where + early)  # past covariates that end early, nothing else
            future = (
                "" if name in ("covariates", "future_covariates") else _future_rows_hint(values)
            )
            # the target's empty last rows beside its gaps: "drop it" is given its command by
            # the CLI's reading (_empty_end_cut) as where they are all there is, and as --fill's
            raise _empty_end_refusal(
                where
                + f" Fill them first: pass {_fill_how()}."
                + (
                    _covariates_end_hint(values)
                    if name == "covariates"
                    else _plan_end_hint(values, fewer)
                    if name == "future_covariates"
                    else future + early
                )
                + ("" if csv else _lag_start_hint(values, name)),
                _empty_tail(values.iloc[:, 0].isna().to_numpy()) if future else 0,
            )
        missing = values.isna().to_numpy()
        if name == "future_covariates":
            _check_plan_end(values, fill, fewer, file)
        else:
            _check_target_end(values, fill, file)
        values = _fill(values, fill, booleans)
        if values.isna().any().any():
            raise ValueError(_unfilled(values, fill, file))
        # how and where the fill wrote (positions per column), for `fill_reads_ahead`
        values.attrs["fill"] = fill
        values.attrs["filled"] = {
            col: np.flatnonzero(missing[:, j]).tolist() for j, col in enumerate(values.columns)
        }
    if booleans:  # for Forecaster, which refuses a target of them
        values.attrs["booleans"] = booleans
    return values


def _columns_at(values: pd.DataFrame, where: np.ndarray, file: str | None) -> list[str]:
    """Each column of ``values`` with a True in ``where`` (its [T, F] mask of refused cells),
    with the rows they are in; the first named with ``file`` (:func:`typed_path`, None for a
    frame in memory), as the non-numeric refusal names it (the NaN and inf ones named none)."""
    parts = []
    for j, col in enumerate(values.columns):
        if where[:, j].any():
            of = _of(file, not parts)
            parts.append(
                f"column {col!r}{of} at {_describe_positions(list(values.index[where[:, j]]))}"
            )
    return parts


def _empty_tail(missing: np.ndarray) -> int:
    """How many entries of ``missing`` (a column's missing values) follow its last value: 0
    where it ends with a value or has none."""
    present = np.flatnonzero(~missing)
    return len(missing) - int(present[-1]) - 1 if len(present) else 0


def _empty_end_refusal(message: str, rows: int = 0) -> ValueError:
    """The refusal of the target's (the first column's) last ``rows`` rows, which have no
    value after its last one: "drop them", which the CLI's reading of a file tells the command
    that reads it without them (:func:`_empty_end_cut`) by this count (:func:`_empty_end_rows`),
    not by the words. A plain ValueError, as every refused value: a subclass showed its own
    name, ``_EmptyEndError``, in the user's traceback."""
    err = ValueError(message)
    err.__dict__["empty_end_rows"] = rows
    return err


def _empty_end_rows(err: BaseException) -> int:
    """The rows :func:`_empty_end_refusal` refused, 0 for any other error."""
    return int(err.__dict__.get("empty_end_rows", 0))


def _check_target_end(values: pd.DataFrame, fill: FillMethod, file: str | None = None) -> None:
    """Refuse to fill the target (the first column) after its last value: rows there are not
    a gap but the future, and a filled one would be forecast from and scored against.
    ``file``: the file read (:func:`typed_path`), named with the target."""
    target = values.iloc[:, 0].isna().to_numpy()
    k = _empty_tail(target)
    if not k:
        return
    rows = values.index[len(target) - k :]
    span = _describe_positions(list(rows))
    last = _label(values.index[len(target) - k - 1])
    of = _of(file)
    # one row: "its last row ... Drop that row (if it is", not "its last 1 row(s)"
    rows_said, drop = (
        ("row", "that row (if it is") if k == 1 else (f"{k} rows", "those rows (if they are")
    )
    raise _empty_end_refusal(
        f"{values.columns[0]!r} (the target){of} has no value in its last {rows_said}, {span}, "
        f"after its last value at {last}: that is not a gap, and {_fill_said(fill)} does not make "
        "it up (a forecast would start from made-up values, a holdout be scored against them). "
        f"Drop {drop} the future to forecast: the forecast starts after the "
        "last row, and covariates are past inputs, whose future values it does not need; "
        f"values known ahead, a promotion plan say, go to {_future_cols_said()}, which read "
        "those rows).",
        k,
    )


def _fill_how(purpose: str = "") -> str:
    """How to fill missing values and timestamps, as the caller acts on it: the ``fill`` of
    :func:`to_frame` (data in memory) or :func:`read_csv` in Python, whose result
    ``Forecaster.fit``, ``predict`` and ``backtest`` take (none has a ``fill`` of its own),
    ``--fill`` on the command line.
    The one wording of every refusal of a NaN or a gap that a fill takes; ``purpose`` (`` to
    insert ...``) says what the fill does."""
    methods = list(get_args(FillMethod))
    return said_to_caller(
        f"fill={and_list([repr(m) for m in methods], 'or')} to lstmkit.data.to_frame or "
        f"read_csv (CLI: --fill), whose result Forecaster.fit, predict and backtest take"
        f"{purpose and ','}{purpose}",
        f"--fill {and_list(methods, 'or')}{purpose}",
    )


def _trained_fill_how(source: str) -> str:
    """How to fill the gaps of a newer history on trained custom business hours with holidays
    (:func:`_trained_holidays_grid`): ``--fill`` reads it on them, a fill of :func:`to_frame`
    or :func:`read_csv` in Python does not (it was advised, and inserted the holidays)."""
    name = source.strip("`")
    methods = list(get_args(FillMethod))
    return said_to_caller(
        f"insert the missing timestamps on the model's hours, its holidays skipped, and fill "
        f"their values: {name}.asfreq(forecaster.history().index.freq).ffill() (a fill= of "
        f"lstmkit.data.to_frame or read_csv inserts the holidays too; CLI: --fill)",
        f"pass --fill {and_list(methods, 'or')} to insert the missing timestamps, the model's "
        "holidays skipped, and fill their values",
    )


def _fill_said(fill: str) -> str:
    """``fill='ffill'`` as the caller gave it: ``--fill ffill`` on the command line."""
    return said_to_caller(f"fill={fill!r}", f"--fill {fill}")


def _future_cols_said() -> str:
    """Where values known ahead go, as the caller gives them: ``--future-cols`` on the command
    line."""
    return said_to_caller("Forecaster's future_covariates, CLI --future-cols", "--future-cols")


def _plan_ends(values: pd.DataFrame) -> list[tuple[str, pd.Index]]:
    """Each column of ``values`` whose last rows are empty after its last value, with those
    rows' timestamps."""
    ends = []
    missing = values.isna().to_numpy()  # [T, F] at once, not a Series per column
    for j, col in enumerate(values.columns):
        if k := _empty_tail(missing[:, j]):
            ends.append((str(col), values.index[len(values) - k :]))
    return ends


def _fewer_steps() -> str:
    """The other lever of a plan that ends early, as the caller pulls it: a smaller `horizon`
    (``--horizon`` on the command line). The default ``fewer`` (``""``) of the readers of
    future covariates says it."""
    return "forecast fewer steps " + said_to_caller(
        "(a smaller `horizon`)", "(a smaller --horizon)"
    )


def _plan_end_hint(values: pd.DataFrame, fewer: str | None = "") -> str:
    """When future covariates (known in advance, read at the forecast steps) lack their last
    rows: the plan ends there, which no fill makes up. ``fewer``: how the caller reads fewer
    of its rows, or None where it cannot."""
    ends = _plan_ends(values)
    if not ends:
        return ""
    shown = "; ".join(f"{col!r} from {_label(rows[0])}" for col, rows in ends)
    # named by the argument that gave them: a column name alone (a holiday flag with no dates
    # for the next year yet) did not say which flag's plan was short
    given = said_to_caller("`future_covariates`", plan_named())
    return (
        f" Values known in advance ({given}) end early ({shown}): no fill makes up a plan, so "
        f"give their values there{_or_fewer(fewer)}."
    )


def _or_fewer(fewer: str | None) -> str:
    """The plan-end messages' last choice, ", or <fewer>": ``fewer`` as the caller reads
    fewer of its rows, "" for :func:`_fewer_steps`, None for no such choice ("")."""
    fewer = _fewer_steps() if fewer == "" else fewer
    return f", or {fewer}" if fewer else ""


def _check_plan_end(
    values: pd.DataFrame, fill: FillMethod, fewer: str | None = "", file: str | None = None
) -> None:
    """Refuse to fill future covariates (known in advance) after their last value: a forecast
    would read a made-up plan at its last steps. ``fewer``: as for :func:`_plan_end_hint`;
    ``file``: the file read (:func:`typed_path`), named with the first column."""
    ends = _plan_ends(values)
    if not ends:
        return
    shown = "; ".join(
        f"{col!r}{_of(file, not k)} in its last "
        f"{'row' if len(rows) == 1 else f'{len(rows)} rows'}, {_describe_positions(list(rows))}"
        for k, (col, rows) in enumerate(ends)
    )
    raise ValueError(
        f"values known in advance (future covariates) must not end early, got no value of "
        f"{shown}: that is not a gap, and {_fill_said(fill)} does not make it up (a forecast would "
        f"read a made-up plan there). Give their values{_or_fewer(fewer)}."
    )


def _only_plan_ends(values: pd.DataFrame) -> bool:
    """Whether every NaN of ``values`` lies after its column's last value (a plan that ends
    early, which no fill makes up), none in a gap a fill would take."""
    missing = values.isna().to_numpy()
    return all(
        not missing[: len(missing) - _empty_tail(missing[:, j]), j].any()
        for j in range(missing.shape[1])
    )


def _only_future_rows(values: pd.DataFrame) -> bool:
    """Whether every NaN of ``values`` lies in the rows after the target's (the first
    column's) last value: rows no fill makes up, so a fill would fill nothing."""
    k = _empty_tail(values.iloc[:, 0].isna().to_numpy())
    return bool(k) and not values.iloc[: len(values) - k].isna().any().any()


def _future_rows_hint(values: pd.DataFrame, fillable: bool = True) -> str:
    """When the target (the first column) lacks its last rows, which read like future
    timestamps added for the forecast: that they are to be dropped, not filled (``fillable``:
    the message advised a fill for the other NaNs, the target's own gaps among them; else
    those rows are all there is)."""
    target = values.iloc[:, 0].isna().to_numpy()
    k = _empty_tail(target)
    # also beside gaps inside the target, which a fill takes: the advice to fill them alone
    # led to to_frame's refusal of these rows
    if k == 0 or (not fillable and target[: len(target) - k].any()):
        return ""
    rows = values.index[len(target) - k :]
    span = _label(rows[0]) if k == 1 else f"{_label(rows[0])} … {_label(rows[-1])}"
    why = (
        "the forecast starts after the last row, and covariates are past inputs, whose future "
        "values it does not need (values known ahead, a promotion plan say, go to "
        f"{_future_cols_said()}, which read those rows)."
    )
    # one row: "The last row has ... drop it", not "The last 1 row(s) have ... drop them"
    rows, they, them = (
        ("row has", "it is", "it") if k == 1 else (f"{k} rows have", "they are", "them")
    )
    lacking = f" The last {rows} no {values.columns[0]!r} ({span})"
    if not fillable:
        return (
            f"{lacking}, which no fill makes up: drop {them}. If {they} the future to forecast, "
            + why
        )
    return f"{lacking}: if {they} the future to forecast, drop {them} instead; {why}"


def _ends_early(values: pd.DataFrame, plan: Sequence[str] = ()) -> str:
    """When past covariates (the columns after the target, the first, but those of ``plan``,
    known in advance) end before the target does: where each ends, where the target runs
    to, and what to do, and where those of ``plan`` end early too (a fill refused them after
    it filled the others); "" for none. The CLI's --covariate-cols were told only to fill them."""
    target = values.iloc[:, 0]
    if target.isna().all():  # a target with no value runs to nowhere
        return ""
    runs_to = len(values) - _empty_tail(target.isna().to_numpy()) - 1
    missing = values.isna().to_numpy()  # [T, F] at once, not a Series per column
    ends = [
        (col, len(values) - k - 1)
        for j, col in enumerate(values.columns[1:], 1)
        if col not in plan and (k := _empty_tail(missing[:, j])) and len(values) - k - 1 < runs_to
    ]
    if not ends:
        return ""
    if len(ends) == 1:
        shown = f"Column {ends[0][0]!r} ends at {_label(values.index[ends[0][1]])},"
    else:
        each = [f"{col!r} (at {_label(values.index[end])})" for col, end in ends]
        shown = f"Columns {', '.join(each[:-1])} and {each[-1]} end"
    first = _label(values.index[min(end for _, end in ends)])
    return (
        f" {shown} before the target {str(target.name)!r}, which runs to "
        f"{_label(values.index[runs_to])}: a past covariate is read at every point of the "
        "series, so give its values there, fill them ("
        + said_to_caller(
            "fill='ffill' carries each last value forward; CLI: --fill ffill",
            "--fill ffill carries each last value forward",
        )
        + f"), or end the series at {first} (drop the rows after it)."
    ) + _plan_end_hint(values[[c for c in values.columns[1:] if c in plan]], fewer=None)


def _covariates_end_hint(values: pd.DataFrame) -> str:
    """When covariates lack their last rows (not published yet, say): a covariate is read at
    every point of the series, so it is filled or the series ends where it does. (The target's
    hint, to drop future rows, would drop the series' own last values.)"""
    short = []
    nan = values.isna().to_numpy()  # [T, F] at once, not a Series per column
    for j, col in enumerate(values.columns):
        missing = nan[:, j]
        k = _empty_tail(missing)
        if k and not missing[: len(missing) - k].any():
            short.append((col, k))
    if not short:
        return ""
    names = ", ".join(f"{col!r} (last {k})" for col, k in short)
    k = max(k for _, k in short)
    return (
        f" The covariates {names} end before the series; the network reads them at every point, "
        f"so fill them (covariates.ffill() carries each last value forward) or end the series "
        f"and the covariates where the covariates end (series[:-{k}], covariates[:-{k}])."
    )


def _lag_start_hint(values: pd.DataFrame, name: str) -> str:
    """When every missing value is in the first rows of covariates (a lag's, ``y.shift(1)``,
    the usual past covariate of a notebook): 'ffill', offered first, has nothing to carry
    there (and refuses), so the rows to drop, or 'bfill'. The target of a ``series`` frame,
    its first column, has all its values; "" otherwise."""
    nan = values.isna().to_numpy()  # [T, F]
    first = 1 if name == "series" else 0  # a frame's covariates come after its target
    if name not in ("series", "covariates") or nan[:, :first].any() or not nan.any():
        return ""
    leads = []
    for j in range(first, nan.shape[1]):
        missing = nan[:, j]
        k = int(np.argmin(missing)) if not missing.all() else len(missing)
        if missing[k:].any() or k == len(missing):
            return ""  # a gap after the column's first value, or no value at all
        if k:
            leads.append((values.columns[j], k))
    k = max(k for _, k in leads)
    names = ", ".join(f"{col!r} (first {n})" for col, n in leads)
    drop = f"series[{k}:]" if name == "series" else f"series[{k}:], covariates[{k}:]"
    return (
        f" The covariates {names} begin after the series, as a lag (series.shift(1)) does: "
        "'ffill' has no earlier value to carry there; begin the series and the covariates "
        f"where the covariates begin ({drop}), or fill with 'bfill'."
    )


# The fills that fill a gap from the value after it (see fill_reads_ahead).
_FILLS_AHEAD = ("bfill", "interpolate")


def fill_reads_ahead(frame: pd.DataFrame, cutoff: int) -> tuple[object, object] | None:
    """Whether the fill of ``frame`` by ``read_csv``/``to_frame`` (``attrs["fill"]`` and
    ``attrs["filled"]``) used a value at or after position ``cutoff`` for a value before it:
    ``(filled label, label read)``, or ``None`` (also for a frame nothing was filled in).

    'bfill' and 'interpolate' fill a gap from the next observed value, so a gap that runs up
    to a forecast origin is filled from the data after it: a model fitted on the part before
    the origin would see the future. 'ffill' and 'zero' never look ahead; nor does
    'interpolate' in a column of booleans (``attrs["booleans"]``), which it carries forward,
    but at its start.
    """
    if frame.attrs.get("fill") not in _FILLS_AHEAD:
        return None
    last = cutoff - 1  # only a gap that holds the last point before the cutoff reads past it
    flags = set(frame.attrs.get("booleans", ())) if frame.attrs["fill"] == "interpolate" else ()
    for col, positions in frame.attrs.get("filled", {}).items():
        gap = set(positions)
        if col in flags and not gap.issuperset(range(last + 1)):
            continue  # carried forward from the value before the gap (_fill)
        if 0 <= last < len(frame) and last in gap:
            q = last
            while q in gap:
                q += 1
            if q < len(frame):  # a gap at the very end is filled from before it
                return frame.index[last], frame.index[q]
    return None


def _unfilled(values: pd.DataFrame, fill: FillMethod, file: str | None = None) -> str:
    """Say where ``fill`` left NaNs: 'ffill' cannot fill a column's start, 'bfill' its end.
    ``file``: the file read (:func:`typed_path`), named with the first column, as
    :func:`_columns_at` names it."""
    parts = []
    missing = values.isna().to_numpy()  # [T, F] at once, not a Series per column
    for j, col in enumerate(values.columns):
        nan = missing[:, j]
        if not nan.any():
            continue
        rows = list(values.index[nan])
        valid = np.flatnonzero(~nan)
        if not len(valid):
            where = "(it has no values at all)"
        elif nan[: valid[0]].all() and not nan[valid[0] :].any():
            where = f"at the start ({_describe_positions(rows)})"
        elif nan[valid[-1] + 1 :].all() and not nan[: valid[-1] + 1].any():
            where = f"at the end ({_describe_positions(rows)})"
        else:
            where = f"at {_describe_positions(rows)}"
        of = _of(file, not parts)
        parts.append(f"column {col!r}{of} {where}")
    hint = {
        "ffill": "'ffill' copies the previous value forward, so nothing before a column's first "
        "value is filled; try 'interpolate' or 'bfill'",
        "bfill": "'bfill' copies the next value backward, so nothing after a column's last "
        "value is filled; try 'interpolate' or 'ffill'",
    }.get(fill, "a column without any value cannot be filled")
    # no other fill gives a column without any value one: offered, it was refused in turn
    empty = [repr(col) for j, col in enumerate(values.columns) if missing[:, j].all()]
    if len(empty) == len(parts):
        hint = "no fill gives a column without any value one; give its values, or leave it out"
    elif empty:
        hint += (
            f" (no fill gives {', '.join(empty)}, without any value, one: give its values or "
            "leave it out)"
        )
    return f"{_fill_said(fill)} left NaNs in " + "; ".join(parts) + f": {hint}."


# Calendar units a gap can be measured in, largest first: (months per unit, name).
_CALENDAR_UNITS = ((12, "year"), (3, "quarter"), (1, "month"))


def _month_anchor_days(months: np.ndarray, anchor: str) -> np.ndarray:
    """The day of month number ``months`` (``year * 12 + month - 1``) that ``anchor`` names."""
    first = (months - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")
    if anchor == "start":
        return first
    last = (months + 1 - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")
    last = last - np.timedelta64(1, "D")  # a unit: numpy 2.5 deprecates a bare 1 (generic)
    if anchor == "end":
        return last
    if anchor == "business start":
        return np.busday_offset(first, 0, roll="forward")
    return np.busday_offset(last, 0, roll="backward")


def _month_anchor(index: pd.DatetimeIndex) -> tuple[np.ndarray, str] | None:
    """Month numbers and anchor if every timestamp is the same day of its month, else None.

    Month, quarter and year starts and ends (and their business-day variants, the anchors
    pandas infers) have no fixed length in days, so their steps are counted in months.
    """
    local = _local(index)
    if not (local == local.normalize()).all():
        return None
    months = local.year.to_numpy().astype(np.int64) * 12 + local.month.to_numpy() - 1
    days = local.to_numpy().astype("datetime64[D]")
    for anchor in ("start", "end", "business start", "business end"):
        if (days == _month_anchor_days(months, anchor)).all():
            return months, anchor
    return None


def _first_missing(starts: np.ndarray, step: int, gaps: np.ndarray, limit: int) -> list[int]:
    """The first ``limit`` of the ``gaps[i]`` values ``starts[i] + j * step`` (``j >= 1``)."""
    out: list[int] = []
    for start, gap in zip(starts.tolist(), gaps.tolist(), strict=True):
        if len(out) >= limit:
            break
        out += [start + j * step for j in range(1, min(gap, limit - len(out)) + 1)]
    return out


def _irregular_steps(
    index: pd.DatetimeIndex, trained: pd.DatetimeIndex | None
) -> tuple[list[object], str, list[object], int]:
    """Where a sorted, unique index breaks its usual step; ``trained``: the grid of the trained
    holidays it lies on (:func:`_trained_holidays_grid`), which the caller has built.

    Returns the timestamps after an odd step, the usual step in words, the first few missing
    timestamps (where an odd step is a whole number of usual steps) and how many are missing.
    Month-anchored timestamps are measured in whole months, quarters or years, others in time.
    """
    limit = 5
    # counted in half months (the 1st to the 15th is one step, as is the 15th to the 1st) or
    # in business hours (a night and a weekend are no gap)
    several = _business_hour_steps_grid(index)  # "2bh": a night is no gap either
    hours = _holidays_trained()  # nor is a trained holiday (`trained`), in a newer history
    for grid, step in (
        (trained, "" if hours is None else f"{hours.n} business hour" + "s" * (hours.n > 1)),
        (_half_month_grid(index), "half a month"),
        (_business_hours_grid(index), "1 business hour"),
        (None, "") if several is None else (several[0], f"{several[1].n} business hours"),
    ):
        if grid is not None:
            odd = np.flatnonzero(np.diff(grid.get_indexer(_local(index))) != 1)
            absent = grid[~grid.isin(_local(index))]
            absent = absent.tz_localize(index.tz) if index.tz is not None else absent
            return [index[i + 1] for i in odd], step, list(absent[:limit]), len(absent)
    anchored = _month_anchor(index)
    if anchored is not None:
        months, anchor = anchored
        steps = np.diff(months)
        per, unit = next((per, unit) for per, unit in _CALENDAR_UNITS if (steps % per == 0).all())
        counts = steps // per
        values, freq = np.unique(counts, return_counts=True)
        usual = int(values[np.argmax(freq)])
        odd = np.flatnonzero(counts != usual)
        if len(odd):
            whole = odd[counts[odd] % usual == 0]
            gaps = counts[whole] // usual - 1
            first = _first_missing(months[whole], usual * per, gaps, limit)
            days = _month_anchor_days(np.asarray(first, dtype=np.int64), anchor)
            missing = pd.DatetimeIndex(days.astype("datetime64[ns]"))
            if index.tz is not None:
                missing = missing.tz_localize(index.tz)
            words = f"{usual} {unit}" + ("s" if usual != 1 else "")
            return [index[i + 1] for i in odd], words, list(missing), int(gaps.sum())
    local = _local(index)
    if _business_days(local):
        # Weekdays only: count business days, so a weekend is not a gap.
        days = local.to_numpy().astype("datetime64[D]")
        steps = np.busday_count(days[:-1], days[1:])
        values, freq = np.unique(steps, return_counts=True)
        usual = int(values[np.argmax(freq)])
        odd = np.flatnonzero(steps != usual)
        if len(odd) and usual > 0:
            whole = odd[steps[odd] % usual == 0]
            gaps = steps[whole] // usual - 1
            missing_days: list[np.datetime64] = []
            for i, gap in zip(whole.tolist(), gaps.tolist(), strict=True):
                steps_in = range(1, min(gap, limit - len(missing_days)) + 1)
                missing_days += [np.busday_offset(days[i], j * usual) for j in steps_in]
            missing = pd.DatetimeIndex(np.asarray(missing_days, dtype="datetime64[ns]"))
            if index.tz is not None:
                missing = missing.tz_localize(index.tz)
            words = f"{usual} business day" + ("s" if usual != 1 else "")
            return [index[i + 1] for i in odd], words, list(missing), int(gaps.sum())
    ns = index.as_unit("ns").asi8
    steps = np.diff(ns)
    values, freq = np.unique(steps, return_counts=True)
    usual = int(values[np.argmax(freq)])
    odd = np.flatnonzero(steps != usual)
    whole = odd[steps[odd] % usual == 0]
    gaps = steps[whole] // usual - 1
    first = _first_missing(ns[whole], usual, gaps, limit)
    missing = pd.DatetimeIndex(np.asarray(first, dtype="datetime64[ns]"))
    if index.tz is not None:
        missing = missing.tz_localize("UTC").tz_convert(index.tz)
    return [index[i + 1] for i in odd], _duration(usual), list(missing), int(gaps.sum())


# more days missing than a year's public holidays are days lost, not closed: no holiday hint
# (40 business days of hours lost were offered an index with 40 holidays)
_MOST_HOLIDAYS = 12


def _closed_days_hint(index: pd.DatetimeIndex, source: str) -> str:
    """For business hours (:func:`_business_hours_grid`) that lack every hour of some days
    (a holiday), whose refusal advised only a fill that opens them: how to read those days as
    closed, an index whose ``CustomBusinessHour`` has them as holidays (Python alone)."""
    grid = _business_hours_grid(index)
    opening = None if grid is None else _own_opening(_local(index))
    if (
        grid is None
        or opening is None
        or opening[0] + pd.Timedelta(hours=opening[1]) > pd.Timedelta(hours=24)
    ):
        return ""  # (nights across midnight: a holiday closes the night it starts)
    closed = pd.Series(~grid.isin(_local(index))).groupby(grid.normalize()).all()
    dates = [str(day.date()) for day in closed.index[closed.to_numpy()]]
    if not dates or len(dates) > _MOST_HOLIDAYS:
        return ""
    start, hours, weekmask = opening
    end = start + pd.Timedelta(hours=hours)
    week = "" if weekmask == _WEEKDAYS_OPEN else f"weekmask={weekmask!r}, "
    offset = (
        f"pd.offsets.CustomBusinessHour(start={_clock(start)!r}, end={_clock(end)!r}, "
        f"{week}holidays={dates!r})"
    )
    # a file's stamps (read_csv's) as the frame pandas reads them into: "'/tmp/load.csv'.index
    # = ..." was no Python
    name, reading = _python_name(source)
    held, said, one = _index_held(name), and_list(dates), len(dates) == 1
    its = "its" if one else "their"
    return said_to_caller(
        f"; or, where {said} {'is a holiday' if one else 'are holidays'} (none of {its} "
        "business hours is there), give the index "
        f"the holidays, which a forecast steps over: {reading}{held} = "
        f"pd.DatetimeIndex({held}, freq={offset})",
        f"; {said} {'has' if one else 'have'} no business hour (a holiday?): the "
        f"command line reads no holidays, so --fill would insert {its} hours as open ones; "
        f"from Python, an index with freq={offset} steps over {'it' if one else 'them'}",
    )


def _business_holidays_hint(
    index: pd.DatetimeIndex, custom: pd.DateOffset | None, source: str
) -> str:
    """For business days that lack some days (holidays: a ``CustomBusinessDay``'s, ``custom``,
    or weekdays missing), whose refusal advised only a fill, which inserts them as business
    days: that it does, and the index that steps over them (Python alone), business hours of
    one hour at midnight, whose days and holidays a saved model keeps ("C" reads back without
    them)."""
    local = _local(index)
    if not _business_days(local):
        return ""
    dates = local.to_numpy().astype("datetime64[D]")
    if np.median(np.busday_count(dates[:-1], dates[1:])) != 1:
        return ""  # (every second business day: a gap, no holidays)
    # a file's dates (read_csv's, named by its path) as the frame pandas reads them into:
    # "'/tmp/sales.csv'.index = ..." was no Python, nor "series.index", which read_csv, refusing,
    # never returned
    name, reading = _python_name(source)
    held = _index_held(name)
    if isinstance(custom, pd.offsets.CustomBusinessDay):
        # its own calendar, however long: the index names it
        week = int(np.asarray(custom.calendar.weekmask).sum())
        calendar = f"weekmask={held}.freq.weekmask, holidays={held}.freq.holidays"
        said = "the fill inserts the days its calendar closes as business days, values made up"
        them = "them"
    else:
        grid = pd.bdate_range(local[0], local[-1])
        days = [str(day.date()) for day in grid[~grid.isin(local)]]
        if len(days) > _MOST_HOLIDAYS:
            return ""
        week, calendar, one = 5, f"holidays={days!r}", len(days) == 1
        them, as_days = ("it", "a business day") if one else ("them", "business days")
        said = (
            f"{and_list(days)} {'is no business day' if one else 'are no business days'} "
            f"here ({'a holiday' if one else 'holidays'}?): "
        ) + said_to_caller(
            f"the fill inserts {them} as {as_days}, values made up",
            f"the command line reads no holidays, so --fill would insert {them} as {as_days}",
        )
    offset = f"pd.offsets.CustomBusinessHour(start='00:00', end='01:00', {calendar})"
    return f"; {said}" + said_to_caller(
        f"; to step over {them}, give the index business hours of one hour at midnight, whose "
        f"days and holidays lstmkit keeps (a custom business day's it cannot: 'C' reads back "
        f"without them): {reading}{held} = "
        f"pd.DatetimeIndex({held}.to_numpy(), freq={offset}), "
        f"with "
        f"season_length={week} for its week",
        f"; from Python, an index with freq={offset} steps over {them}, with season_length={week}",
    )


# The file that read_csv reads its dates from, as Python (its path, pd.read_csv's arguments
# that read it as read_csv did, and the lines that keep the rows of its `where`), while it
# checks them (:func:`_read_dates`), for advice that reads it again
_FILE_READ: ContextVar[tuple[str, str, str] | None] = ContextVar("_FILE_READ", default=None)

# read_csv's arguments that pd.read_csv takes too, with the defaults of both
_READ_DEFAULTS = {"date_format": None, "sep": ",", "decimal": ".", "thousands": None}


@contextmanager
def _file_read(
    file: str,
    date_col: str,
    date_format: str | None,
    sep: str = ",",
    decimal: str = ".",
    thousands: str | None = None,
    where: Mapping[str, str] | None = None,
) -> Iterator[None]:
    """Within: :func:`_python_name` reads ``file`` (its quoted path) again, by ``date_col``,
    with the ``date_format``, ``sep``, ``decimal`` and ``thousands`` read_csv was given where
    they are not the defaults (without them a ';'-separated file read as one column, and its
    advice's index, of text), and keeps the rows of ``where`` as read_csv does (as text,
    stripped: its columns read as such), where all the file's series repeated each date,
    without its columns, which to_frame read as covariates."""
    given = {"date_format": date_format, "sep": sep, "decimal": decimal, "thousands": thousands}
    options = "".join(f", {k}={v!r}" for k, v in given.items() if v != _READ_DEFAULTS[k])
    where = dict(where or {})
    if where:
        options += ", dtype={" + ", ".join(f"{col!r}: str" for col in where) + "}"
    kept = "".join(
        f"frame = frame[frame[{col!r}].str.strip() == {value.strip()!r}].drop(columns={col!r}); "
        for col, value in where.items()
    )
    token = _FILE_READ.set((file, f"index_col={date_col!r}, parse_dates=True{options}", kept))
    try:
        yield
    finally:
        _FILE_READ.reset(token)


def _python_name(source: str) -> tuple[str, str]:
    """The name that advice's Python gives what ``source`` names, and the line that makes it
    first: ```sales``` is ``sales``; a file read_csv refuses (named by its path) is read with
    pandas into ``frame`` (``"frame = pd.read_csv('sales.csv', index_col='month',
    parse_dates=True); "``): "series.index = ..." named a series read_csv never returned."""
    if source.startswith("`"):
        return source.strip("`"), ""
    file, arguments, kept = _FILE_READ.get() or (source, "index_col='...', parse_dates=True", "")
    if file != source or file.startswith(("'<", '"<')):  # (a buffer's name: no path to read)
        file = "..."
    return "frame", f"frame = pd.read_csv({file}, {arguments}); {kept}"


# set while future_index checks an Index by itself (:func:`_step_of_index`), whose refusals
# are fit's: their advice's Python then holds that Index, not a series' index
_INDEX_ITSELF: ContextVar[bool] = ContextVar("_INDEX_ITSELF", default=False)


@contextmanager
def _index_itself() -> Iterator[None]:
    """Within: :func:`_index_held` names the Index checked itself, which has no ``.index``
    ("index.index = ..." raised AttributeError), and :func:`_gaps_fill_how` fills its series."""
    token = _INDEX_ITSELF.set(True)
    try:
        yield
    finally:
        _INDEX_ITSELF.reset(token)


def _index_held(name: str) -> str:
    """The Python that holds the index of what advice's Python names ``name``: ``sales.index``
    for a series or frame ``sales`` (``frame.index`` for :func:`_python_name`'s ``frame``),
    ``index`` itself for an Index checked alone (:func:`_index_itself`)."""
    return name if _INDEX_ITSELF.get() else f"{name}.index"


def _gaps_fill_how() -> str:
    """How to fill the gaps :func:`_check_index` refuses: a fill that inserts the missing
    timestamps, or, for an Index checked alone (:func:`_index_itself`), which takes no fill,
    its series', whose index goes on as predict's future does after a fit on it."""
    if not _INDEX_ITSELF.get():
        return "pass " + _fill_how(" to insert the missing timestamps and fill their values")
    methods = [repr(m) for m in get_args(FillMethod)]
    return (
        "fill its series first, as fit needs it: frame = lstmkit.data.to_frame(series, "
        f"fill={methods[0]}) (or {and_list(methods[1:], 'or')}), whose index "
        "future_index(frame.index, horizon) goes on from, as predict does after fit(frame)"
    )


def _clock(time: pd.Timedelta) -> str:
    """A time of day as ``HH:MM`` (``09:00``)."""
    minutes = int(time.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _local(index: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """The wall-clock times of ``index`` (its zone dropped; a naive index as it is)."""
    return index.tz_localize(None) if index.tz is not None else index


def _business_days(local: pd.DatetimeIndex) -> bool:
    """Whether dates (wall clock) are business days: midnights on weekdays, more than one
    weekday among them (dates all on Mondays are weekly, not business days with gaps)."""
    return (
        bool((local == local.normalize()).all())
        and bool((local.day_of_week < 5).all())
        and len(set(local.day_of_week)) > 1
    )


def _duration(ns: int) -> str:
    """A step in the largest whole unit: ``7 days``, ``1 hour``, ``15 minutes``."""
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1)):
        count, rest = divmod(ns, size * 10**9)
        if count and not rest:
            return f"{count} {unit}" + ("s" if count != 1 else "")
    return str(pd.Timedelta(ns))


def _offset_parts(ns: int) -> list[tuple[int, str]]:
    """A clock offset (a zone's from UTC, stamps' from the times they stand for) as the
    counts of the units that say it: ``[(5, "hour"), (30, "minute")]`` for India's, where
    :func:`_duration`'s largest whole unit said "330 minutes"; one unit where one is whole
    (``[(9, "hour")]``, ``[(45, "minute")]``, ``[(1, "day")]``); [] for a part of a second."""
    if ns % 10**9:
        return []
    if not ns % (86_400 * 10**9):
        return [(ns // (86_400 * 10**9), "day")]
    seconds = ns // 10**9
    parts = ((seconds // 3_600, "hour"), (seconds // 60 % 60, "minute"), (seconds % 60, "second"))
    return [(count, unit) for count, unit in parts if count]


def _offset_words(ns: int) -> str:
    """A clock offset in words, hours and minutes apart (``5 hours 30 minutes``; a step is
    said in its largest whole unit, as pandas names it, ``90 minutes`` for ``"90min"``:
    :func:`_duration`)."""
    parts = _offset_parts(ns)
    if not parts:
        return _duration(ns)
    return " ".join(f"{count} {unit}" + ("s" if count != 1 else "") for count, unit in parts)


def _regular_grid(index: pd.DatetimeIndex, pinned: bool = True) -> pd.DatetimeIndex | None:
    """The regular index that ``index`` is with some timestamps missing (every step a whole
    number of its usual step, in months for month-anchored data), or ``None`` if it is not
    one: a sorted, unique index with at least 3 timestamps is assumed. ``pinned=False``: the
    grid without its frequency set, for whether there is one (pandas checks custom business
    hours stamp by stamp as it sets them, a second per 100,000)."""
    if (trained := _trained_holidays_grid(index)) is not None:  # the trained holidays skipped
        grid = trained.tz_localize(index.tz) if index.tz is not None else trained
        grid = pd.DatetimeIndex(grid.as_unit(index.unit), freq=None, name=index.name)
        return _with_business_hours(grid, _holidays_trained()) if pinned else grid
    anchored = _month_anchor(index)
    if anchored is not None:
        months, anchor = anchored
        step = int(pd.Series(np.diff(months)).mode().iloc[0])
        if step < 1 or ((months - months[0]) % step).any():
            return None
        days = _month_anchor_days(np.arange(months[0], months[-1] + 1, step), anchor)
        grid = pd.DatetimeIndex(days.astype("datetime64[ns]"))
        grid = grid.tz_localize(index.tz) if index.tz is not None else grid
    elif _business_days(_local(index)):
        # Weekdays only: business days with some missing (a weekend is not a gap).
        grid = pd.bdate_range(index[0], index[-1], tz=index.tz)
    elif (half := _half_month_grid(index)) is not None:
        grid = half.tz_localize(index.tz) if index.tz is not None else half
    elif (hours := _business_hours_grid(index)) is not None:
        grid = hours.tz_localize(index.tz) if index.tz is not None else hours
    elif (several := _business_hour_steps_grid(index)) is not None:  # "2bh" with a gap
        grid = several[0].tz_localize(index.tz) if index.tz is not None else several[0]
    else:
        ns = index.as_unit("ns").asi8
        step = int(pd.Series(np.diff(ns)).mode().iloc[0])
        if step < 1 or ((ns - ns[0]) % step).any():
            return None
        steps = ns[0] + step * np.arange((ns[-1] - ns[0]) // step + 1, dtype=np.int64)
        grid = pd.DatetimeIndex(steps.astype("datetime64[ns]"))
        grid = grid.tz_localize("UTC").tz_convert(index.tz) if index.tz is not None else grid
    grid = grid.as_unit(index.unit)
    freq = _inferred_freq(grid) if len(grid) >= 3 else None
    if freq is None or not index.isin(grid).all():
        return None
    grid = pd.DatetimeIndex(grid, freq=None, name=index.name)
    return _with_business_hours(grid, freq) if pinned else grid


def _inferred_freq(index: pd.DatetimeIndex) -> pd.DateOffset | None:
    """The frequency pandas infers for ``index`` (``None`` for none), quarters named by their
    first month within the year as pandas 3 names them: pandas 2 named quarters starting in
    January, April, July and October ``QS-OCT``, pandas 3 ``QS-JAN`` (the same steps), so that
    a file read with one said ``QS-OCT`` and with the other ``QS-JAN``."""
    freq = pd.DatetimeIndex(index, freq="infer").freq or _half_months(index)
    if freq is None or type(freq) is pd.offsets.BusinessHour:
        freq = _own_business_hours(index) or freq
    if freq is None:
        freq = _business_hour_steps(index)
    if isinstance(freq, pd.offsets.QuarterBegin | pd.offsets.BQuarterBegin):
        first = (freq.startingMonth - 1) % 3 + 1
        if first != freq.startingMonth:
            freq = type(freq)(n=freq.n, startingMonth=first)
    return freq


def _own_business_hours(index: pd.DatetimeIndex) -> pd.offsets.BusinessHour | None:
    """The business hours that ``index`` steps through, from its own opening
    (:func:`_own_opening`) on the days of the week it opens (:func:`_opening_days`), or None:
    hourly stamps with a closed time each day, without a gap. pandas infers ``"bh"`` (9:00 to
    17:00, Monday to Friday) for any day of eight of them, so hours from 8:00 to 15:00 stepped
    on to 16:00, then to 9:00 the next day, and hours of every day skipped the weekend; it
    infers nothing for days of other lengths (9:00 to 17:00 inclusive is 9:00 to 18:00 in
    business hours). Hours across midnight open on the days they start on."""
    local = _local(index)
    if not (np.diff(local.as_unit("ns").asi8) != _NANOS["H"]).any():  # no night between
        return None
    opening = _own_opening(local)
    if opening is None or opening[1] < 2:
        return None
    start = local[0].normalize() + opening[0]
    own = _business_hours(start, start + pd.Timedelta(hours=opening[1]), opening[2])
    return own if _on_business_hours(index, own) else None


def _own_opening(local: pd.DatetimeIndex) -> tuple[pd.Timedelta, int, str] | None:
    """The opening of hourly stamps (wall clock), the one reading of business hours from stamps
    with or without gaps: the time of day after the longest run of the day's hours that no
    stamp falls on (the night, across midnight or not), the hours from it to that run, and
    the days it opens on (:func:`_opening_days`); None for stamps that fall on every hour of
    the day or off the whole hours of the first, for hours of one day, and for hours across
    midnight whose night is not seen as such."""
    ns = local.as_unit("ns").asi8
    if ((ns - ns[0]) % _NANOS["H"]).any():
        return None
    times = (local - local.normalize()).as_unit("ns").asi8
    minutes = int(times[0] % _NANOS["H"])
    present = np.unique(times // _NANOS["H"])
    runs = np.diff(np.r_[present, present[0] + 24])  # to the next hour a stamp falls on
    if runs.max() < 2:
        return None
    night = int(np.argmax(runs))
    opening = pd.Timedelta(int(present[(night + 1) % len(present)]) * _NANOS["H"] + minutes)
    closed = int(runs[night]) - 1
    if opening.value + (24 - closed) * _NANOS["H"] > _NANOS["D"]:
        # open across midnight: a night seen as such, a step from the last open hour to the
        # opening, twice or after a whole opening (a few hours missing from a day or so of
        # hourly stamps are a gap, not a night)
        last = (opening.value + (23 - closed) * _NANOS["H"]) % _NANOS["D"]
        jumps = np.diff(ns) > _NANOS["H"]
        nights = int(((times[:-1][jumps] == last) & (times[1:][jumps] == opening.value)).sum())
        longest = int(np.diff(np.r_[-1, np.flatnonzero(jumps), len(ns) - 1]).max())
        if not nights or (nights < 2 and longest < 24 - closed):
            return None
    elif local[0].normalize() == local[-1].normalize():  # hours of one day: no night between
        return None
    return opening, 24 - closed, _opening_days(local - opening)


def _business_hour_steps(index: pd.DatetimeIndex) -> pd.DateOffset | None:
    """Business hours in steps of several hours (``"2bh"``, ``"3bh"``) that ``index`` steps
    through without a gap (:func:`_business_hour_steps_grid`), or None."""
    found = _business_hour_steps_grid(index)
    if found is None or not found[0].equals(_local(index)):
        return None
    own = found[1]
    # a zone's stamps checked on its clock as _own_business_hours checks them: at once where
    # _stepped_at_once tells, else stamp by stamp by pandas
    return own if index.tz is None or _on_business_hours(index, own) else None


def _business_hour_steps_grid(
    index: pd.DatetimeIndex,
) -> tuple[pd.DatetimeIndex, pd.DateOffset] | None:
    """The steps of several business hours (wall clock) from the first timestamp of ``index``
    to its last that hold all of them, some perhaps missing, and their offset; or None.
    pandas infers none of them (a file of ``"2bh"`` stamps was refused as two-hour steps with
    gaps, advised a fill that would insert the nights): the shortest step, of ``n`` hours
    (within a day; those across a night are longer), read as pandas' business hours (9:00 to
    17:00) where they give the stamps, else as business hours opening at the earliest time of
    day of the stamps and closing at the first hour that gives them, on the days of the week
    they open (:func:`_opening_days`); nights (22:00, 0:00, 2:00, 4:00) as business hours
    opening after the longest run of hours without a stamp, across midnight, on the days they
    open (they were refused as two-hourly, advised a fill of every day hour), with a gap
    where the step over a night is seen twice."""
    local = _local(index)
    ns = local.as_unit("ns").asi8
    steps = np.diff(ns)
    if len(steps) < 2 or ((ns - ns[0]) % _NANOS["H"]).any():
        return None
    n = int(steps.min()) // _NANOS["H"]  # a step within a day: the next day's are longer
    if not 2 <= n < 24 or (steps == n * _NANOS["H"]).all():
        return None
    # with gaps, steps of n hours must be the usual ones, as one hour's are for "bh" (daily
    # stamps with one at 11:00 are no "11bh" with every 11:00 missing)
    usual = int(pd.Series(steps).mode().iloc[0]) == n * _NANOS["H"]
    weekmask = _opening_days(local)
    times = local - local.normalize()
    earliest = times.min()
    latest = (times.max() - earliest) // pd.Timedelta(hours=1)
    candidates = [(pd.Timedelta(hours=9), 8)] + [
        (earliest, hours) for hours in range(latest + 1, 24) if earliest.days == 0
    ]
    # nights (22:00, 0:00, 2:00, 4:00): opening after the longest run of hours without a stamp
    present = np.unique(times.as_unit("ns").asi8 // _NANOS["H"])
    runs = np.diff(np.r_[present, present[0] + 24])
    after = int(present[(int(np.argmax(runs)) + 1) % len(present)])
    span = 24 - int(runs.max())  # from the opening to the last hour a stamp falls on
    nights = [
        (pd.Timedelta(hours=after), hours)
        for hours in range(span + 1, 24)
        if after + hours > 24 and not (times.as_unit("ns").asi8 % _NANOS["H"]).any()
    ]
    for opening, hours in candidates + nights:
        across = opening + pd.Timedelta(hours=hours) > pd.Timedelta(days=1)
        if across and (opening, hours) not in nights:
            continue  # hours across midnight: read as nights only
        if across:
            weekmask = _opening_days(local - opening)
        grid = _hours_grid(local[0], local[-1], opening, hours, weekmask)
        if not (len(grid) and grid[0] == local[0] and local.isin(grid[::n]).all()):
            continue
        # a gap among nights: where the step over a night is seen twice (a few missing steps
        # of two-hourly stamps are no night; nights with a step missing were told to fill
        # every day hour)
        over = steps - (n + 24 - hours) * _NANOS["H"]  # and whole days closed
        seen = not across or int(((over >= 0) & (over % _NANOS["D"] == 0)).sum()) >= 2
        if not ((usual and seen) or len(grid[::n]) == len(local)):
            return None
        start = local[0].normalize() + opening
        own = _business_hours(start, start + pd.Timedelta(hours=hours), weekmask)
        return grid[::n], own.base * n
    return None


# the days that pandas' business hours ("bh") open on, Monday first, as numpy's weekmask
_WEEKDAYS_OPEN = "1111100"


def _business_hours(start: pd.Timestamp, end: pd.Timestamp, weekmask: str) -> pd.DateOffset:
    """Business hours from ``start``'s time of day to ``end``'s on the days of ``weekmask``:
    pandas' ``BusinessHour`` (``"bh"``) for Monday to Friday, else a ``CustomBusinessHour``
    (``"cbh"``) with the weekmask."""
    times = {"start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}
    if weekmask == _WEEKDAYS_OPEN:
        return pd.offsets.BusinessHour(**times)
    return pd.offsets.CustomBusinessHour(weekmask=weekmask, **times)


def _opening(
    freq: pd.DateOffset,
) -> tuple[pd.Timedelta, int, str, tuple[np.datetime64, ...]] | None:
    """The one opening of business hours ``freq`` (``"bh"``, ``"cbh"``) as its time of day, its
    whole hours, the days it opens on (``"1111100"``) and the dates it closes on (a ``"cbh"``'s
    holidays, by its ``calendar`` as pandas steps; none for others), or None for other steps
    and for business hours that step otherwise (``n`` other than 1, openings of part of an hour,
    several a day, an ``offset``). Holidays were None too, so their forecast steps came from
    ``pd.date_range``, which gave nights across midnight more stamps than asked for."""
    if type(freq) not in (pd.offsets.BusinessHour, pd.offsets.CustomBusinessHour):
        return None
    if freq.n != 1 or freq.normalize or freq.offset or len(freq.start) != 1:
        return None
    weekmask, holidays = _WEEKDAYS_OPEN, ()
    if isinstance(freq, pd.offsets.CustomBusinessHour):
        weekmask = "".join(str(int(d)) for d in freq.calendar.weekmask)
        holidays = tuple(freq.calendar.holidays)
    opening, closing = (pd.Timedelta(f"{t:%H:%M:%S}") for t in (freq.start[0], freq.end[0]))
    hours, rest = divmod((closing - opening) % pd.Timedelta(days=1), pd.Timedelta(hours=1))
    if rest or not 0 < hours < 24:
        return None
    return opening, int(hours), weekmask, holidays


def _stepped_at_once(index: pd.DatetimeIndex, freq: pd.DateOffset) -> bool | None:
    """Whether ``index`` steps through business hours ``freq`` from its first stamp to its last
    without a gap, as pandas checks where the frequency is set, told here at once on the wall
    clock (as pandas compares a zone's stamps): for one opening of whole hours (:func:`_opening`)
    from a stamp in it. None where it cannot tell so (pandas then steps from a first stamp out of
    the opening as it likes). pandas takes a second per 20,000 stamps
    (benchmarks/business_hours_read.py); steps of several hours (``"2bh"``) are every n-th
    hour of the opening from the first stamp on."""
    stepped = _stepped_opening(freq)
    if stepped is None:
        return None
    local = _local(index)
    grid = _hours_grid(local[0], local[-1], *stepped[0])
    if not len(grid) or grid[0] != local[0]:
        return None
    return grid[:: stepped[1]].equals(local)


def _stepped_opening(
    freq: pd.DateOffset,
) -> tuple[tuple[pd.Timedelta, int, str, tuple[np.datetime64, ...]], int] | None:
    """The one opening of business hours ``freq`` (:func:`_opening`) and the hours of its step:
    1 for ``"bh"`` and ``"cbh"``, ``n`` for steps of several (``"2bh"``); None for others."""
    several = isinstance(freq, pd.offsets.BusinessHour) and freq.n > 1
    opening = _opening(freq.base if several else freq)
    return None if opening is None else (opening, freq.n if several else 1)


def _on_business_hours(index: pd.DatetimeIndex, freq: pd.DateOffset) -> bool:
    """Whether ``index`` steps through business hours ``freq`` without a gap, at once where
    :func:`_stepped_at_once` tells, else as pandas checks it."""
    at_once = _stepped_at_once(index, freq)
    if at_once is not None:
        return at_once
    try:
        pd.DatetimeIndex(index, freq=freq)
    except ValueError:
        return False
    return True


def _on_business_hours_as(index: pd.DatetimeIndex, freq: pd.DateOffset) -> pd.DatetimeIndex | None:
    """``index`` with its frequency set to ``freq`` where it steps through business hours
    ``freq`` without a gap (:func:`_on_business_hours`), else None: the verdict and the index
    of :func:`_with_business_hours` from one grid (:func:`_stepped_at_once`), which the two
    built each."""
    at_once = _stepped_at_once(index, freq)
    if at_once is False:
        return None
    if at_once:
        pinned = _freq_unchecked(index, freq)
        if pinned.freq == freq:  # else a pandas that keeps it elsewhere: checked as before
            return pinned
    try:
        return pd.DatetimeIndex(index, freq=freq)
    except ValueError:
        return None


def _with_business_hours(index: pd.DatetimeIndex, freq: pd.DateOffset) -> pd.DatetimeIndex:
    """``index`` with its frequency set to ``freq``, as ``pd.DatetimeIndex(index, freq=freq)``
    (which refuses stamps off it), without pandas' check stamp by stamp where
    :func:`_stepped_at_once` has checked them (not :func:`_on_business_hours_as`, which
    swallows pandas' refusal: this one raises it, so pandas' check would run twice)."""
    if _stepped_at_once(index, freq):
        pinned = _freq_unchecked(index, freq)
        if pinned.freq == freq:  # else a pandas that keeps it elsewhere: checked as before
            return pinned
    return pd.DatetimeIndex(index, freq=freq)  # refused as pandas does


def _freq_unchecked(index: pd.DatetimeIndex, freq: pd.DateOffset) -> pd.DatetimeIndex:
    """A view of ``index`` with ``freq`` set as pandas sets a frequency it has made itself, not
    checked. Private to pandas, and kept in two places: on the index in pandas 3, on its array
    in pandas 2 (whose ``_with_freq`` takes only None and "infer" and asserts otherwise)."""
    view = index._with_freq(None)
    if hasattr(type(view), "_freq"):  # pandas 3
        view._freq = freq
    else:
        view._data._freq = freq
    return view


def _opening_days(local: pd.DatetimeIndex) -> str:
    """The days of the week (``"1111110"``, Monday first) that hourly stamps (wall clock) open
    on: Monday to Friday, as pandas' ``"bh"``, where none falls on a weekend (and, over two
    weeks or more, every weekday has some); else the days they have, and those their dates do
    not reach (stamps of fewer than seven days), so that a day of the week they lack within
    their dates is closed. Weekdays without a stamp in two weeks are closed (Mondays only:
    ``"1000000"``), not hours missing from a Monday-to-Friday ``"bh"`` (a ``--fill`` of the
    rest of every week); within a shorter span, a missing day is a gap."""
    days = set(np.unique(local.day_of_week).tolist())
    weeks = (local[-1].normalize() - local[0].normalize()).days >= 14
    if days <= set(range(5)) and (len(days) == 5 or not weeks):
        return _WEEKDAYS_OPEN
    reached = _days_reached(local)
    return "".join("1" if d in days or d not in reached else "0" for d in range(7))


def _days_reached(local: pd.DatetimeIndex) -> set[int]:
    """The days of the week (0 for Monday) from the date of the first stamp (wall clock) to the
    last's, all seven for a week or more."""
    first, last = local[0].normalize(), local[-1].normalize()
    return {(first.day_of_week + k) % 7 for k in range(min((last - first).days + 1, 7))}


def _business_hours_grid(index: pd.DatetimeIndex) -> pd.DatetimeIndex | None:
    """The business hours from the first timestamp of ``index`` to its last (wall clock,
    without the zone), as :func:`_own_business_hours` reads them (:func:`_own_opening`), or
    None: hourly stamps (the usual step one hour) over more than one day with a closed time
    each day (filling the gaps of 8:00 to 17:00, or of 22:00 to 5:00, inserts no hour
    between)."""
    local = _local(index)
    if local[0].normalize() == local[-1].normalize():  # hours of one day: no night between
        return None
    if int(pd.Series(np.diff(local.as_unit("ns").asi8)).mode().iloc[0]) != _NANOS["H"]:
        return None
    opening = _own_opening(local)
    return None if opening is None else _hours_grid(local[0], local[-1], *opening)


def _hours_grid(
    first: pd.Timestamp,
    last: pd.Timestamp,
    opening: pd.Timedelta,
    hours: int,
    weekmask: str = _WEEKDAYS_OPEN,
    holidays: tuple[np.datetime64, ...] = (),
) -> pd.DatetimeIndex:
    """The business hours from ``first`` to ``last`` (wall clock): ``hours`` hourly stamps from
    ``opening`` on each day of ``weekmask`` (Monday first) but ``holidays``, into the next where
    they pass midnight (a holiday closes the opening that starts on it). ``pd.date_range``
    with a ``BusinessHour`` gives the same stamps, a second per 100,000 of them."""
    span = np.arange(  # from the day before: its opening may run past midnight
        first.normalize().to_datetime64().astype("datetime64[D]") - 1,
        last.normalize().to_datetime64().astype("datetime64[D]") + 1,
    )
    closed = np.array(holidays, dtype="datetime64[D]")
    busy = np.is_busday(span, weekmask=weekmask, holidays=closed)
    # in the stamps' own unit: as nanoseconds, pandas 3's stamps past 2262 (microseconds)
    # wrapped round to 1677, and a forecast of a million business hours from 2020 met pandas'
    # "Inferred frequency None from passed values does not conform to passed frequency bh"
    unit = first.unit
    days = span[busy].astype(f"datetime64[{unit}]")
    hourly = opening.to_timedelta64() + np.arange(hours) * np.timedelta64(1, "h")
    grid = pd.DatetimeIndex((days[:, None] + hourly.astype(f"timedelta64[{unit}]")).ravel())
    return grid[(grid >= first) & (grid <= last)]


def _half_months(index: pd.DatetimeIndex) -> pd.DateOffset | None:
    """Half months, which pandas does not infer: the 1st and the 15th (``"SMS-15"``, or
    another day from the 8th to the 21st) or the 15th and the month's end (``"SME-15"``), at
    midnight and without a gap; else None."""
    grid = _half_month_grid(index)
    return grid.freq if grid is not None and len(grid) == len(index) else None


def _half_month_grid(index: pd.DatetimeIndex) -> pd.DatetimeIndex | None:
    """The half months from the first timestamp of ``index`` to its last that hold all of
    them (wall clock, without the zone), or None: midnights of both halves of the month, each
    on more than half of its steps (a monthly series on the 15th with one stray 1st is no
    half months with gaps), and each half a week or longer (the 1st and the 2nd of each month
    are days with gaps, not ``"SMS-2"``)."""
    local = _local(index)
    if len(index) < 3 or not (local == local.normalize()).all():
        return None
    days = set(local.day.tolist())
    if not 2 <= len(days) <= 5:  # the 1st and a day, or a day and the month's ends (28 to 31)
        return None
    for day in sorted(d for d in days if 8 <= d <= 21):  # halves of 7 days or more
        for name in ("SMS", "SME"):
            grid = pd.date_range(local[0], local[-1], freq=f"{name}-{day}")
            places = grid.get_indexer(local)
            if (places < 0).any():
                continue
            # each half of the month (every other step of the grid) held at more than half
            held = np.bincount(places % 2, minlength=2)
            if (2 * held > [(len(grid) + 1) // 2, len(grid) // 2]).all():
                return grid
    return None


def _insert_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the timestamps its regular index lacks inserted as rows of NaN (to be
    filled); the number inserted is in ``attrs["inserted"]``. Unchanged if nothing is missing
    or the index is not a regular one with gaps (``_check_index`` then says why)."""
    return _on_grid(frame, _missing_grid(frame.index))


def _insert_missing_periods(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`_insert_missing` for ``frame`` indexed by periods, read as the dates they start:
    a gap among them was advised a fill, which then inserted nothing and said the same gap."""
    with _business_periods():
        period = frame.index.freqstr
        starts = frame.index.to_timestamp()
        grid = _missing_grid(pd.DatetimeIndex(starts, freq=None))
        if grid is None:
            return frame
        out = _on_grid(frame.set_axis(starts), grid)
        return out.set_axis(grid.to_period(period))


def _on_grid(frame: pd.DataFrame, grid: pd.DatetimeIndex | None) -> pd.DataFrame:
    """``frame`` reindexed to ``grid`` (see :func:`_missing_grid`), the timestamps it lacked
    inserted as rows of NaN and counted in ``attrs["inserted"]``; ``frame`` itself for None."""
    if grid is None:
        return frame
    out = frame.reindex(grid)
    out.attrs["inserted"] = len(grid) - len(frame.index)
    return out


def _missing_grid(index: pd.Index) -> pd.DatetimeIndex | None:
    """The regular index that ``index`` is with some timestamps missing (see
    :func:`_insert_missing`), or None where none is missing or it is no such index."""
    if isinstance(index, pd.DatetimeIndex) and index.freq is not None and not _named(index.freq):
        index = pd.DatetimeIndex(index, freq=None)  # a CustomBusinessDay's holidays: gaps
    if (
        not isinstance(index, pd.DatetimeIndex)
        or len(index) < 3
        or not index.is_unique
        or not index.is_monotonic_increasing
        or index.freq is not None
        or pd.DatetimeIndex(index, freq="infer").freq is not None
    ):
        return None
    return _regular_grid(index)


def _duplicates(index: pd.Index, source: str, period: str | None = None) -> str:
    """What refuses an index whose timestamps repeat: the first repeated ones (the periods
    they start where the data had a PeriodIndex of frequency ``period``)."""
    dup = index[index.duplicated()]
    return (
        f"timestamps must be unique, got duplicates in {source}: "
        f"{_describe_positions(dup.unique(), period=period)}."
    )


def _first_step_back(index: pd.DatetimeIndex | pd.PeriodIndex, period: str | None = None) -> str:
    """The first timestamp of ``index`` that comes before the one above it, by its position:
    ``2021-02-10 after 2021-03-01 (position 4)``; ``period`` as for :func:`_duplicates`."""
    k = int(np.flatnonzero(np.diff(index.asi8) < 0)[0]) + 1
    return f"{_label(index[k], period)} after {_label(index[k - 1], period)} (position {k})"


def _unsorted(index: pd.DatetimeIndex, source: str, period: str | None = None) -> str:
    """What refuses an index whose timestamps are out of order (a repeat is no step back):
    the first that comes before the one above it, by its position in ``index``, or that it
    runs newest first; ``period`` as for :func:`_duplicates`."""
    label = functools.partial(_label, period=period)
    if index.is_monotonic_decreasing:  # an export with the newest row first
        got = f"them newest first ({label(index[0])} … {label(index[-1])})"
    else:
        got = _first_step_back(index, period)
    # future_index's `index` is an Index, which sorts by its values: it has no sort_index()
    sort = "sort_values" if _INDEX_ITSELF.get() else "sort_index"
    how = (
        f"sort them first: {source.strip('`')}.{sort}()"
        if source.startswith("`")
        else "sort its rows by date"
    )
    return f"timestamps in {source} must be sorted in increasing order, got {got}; {how}."


# zones tried first for naive stamps of a clock across daylight saving (:func:`_dst_zone`),
# each the best known of those that change with it; then every zone, by name
_DST_ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "Europe/Athens",
    "America/New_York",
    "America/Santiago",
    "Australia/Sydney",
    "Pacific/Auckland",
)


@functools.cache
def _clock_zones(every: bool) -> tuple[zoneinfo.ZoneInfo, ...]:
    """The zones :func:`_dst_zone` tries, :data:`_DST_ZONES` first, then (``every``) each
    named for a place. Held: ZoneInfo reads a zone's file anew once nothing holds it, which
    took 0.2 s of every look-up."""
    names = (*_DST_ZONES, *(sorted(zoneinfo.available_timezones()) if every else ()))
    return tuple(
        zoneinfo.ZoneInfo(zone)
        for zone in dict.fromkeys(names)
        # (CET, EST5EDT: the names of rules, not of places)
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/"))
    )


# A zone for each common rule of daylight saving, tried after :data:`_DST_ZONES`: by name
# alone a rule's first zone could be a name kept for old data ('America/Ensenada' for Los
# Angeles' clock), which one tzdata holds and another not
_RULE_ZONES = (
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Anchorage",
    "America/Halifax",
    "America/St_Johns",
    "America/Mexico_City",
    "America/Havana",
    "America/Sao_Paulo",
    "Asia/Jerusalem",
    "Asia/Tehran",
    "Africa/Cairo",
    "Australia/Adelaide",
)


@functools.cache
def _clock_zones_by_rule() -> tuple[zoneinfo.ZoneInfo, ...]:
    """Every zone of :func:`_clock_zones`, those of :data:`_RULE_ZONES` after
    :data:`_DST_ZONES`, for :func:`_zones_of_midnights_in_utc`: the zone it names for a
    common rule is the same on every platform."""
    every = _clock_zones(True)
    by_name = {zone.key: zone for zone in every}
    first = [by_name[name] for name in (*_DST_ZONES, *_RULE_ZONES) if name in by_name]
    return tuple(dict.fromkeys([*first, *every]))


def _dst_zone(index: pd.DatetimeIndex, stamp: pd.Timestamp, every: bool = True) -> str | None:
    """The zone whose clock ``index``, naive and in the order that clock wrote it (a repeated
    hour's quarter hours twice over, 02:45 then 02:00 again), reads where its one odd stamp,
    ``stamp`` (the first missing, or the first repeated), is an hour its clock skips or repeats
    at a change of daylight saving (Europe/Berlin's 2021-03-28 02:00 and 2021-10-31 02:00):
    the zone in which every stamp is a time its clock shows and the instants step evenly;
    None where no zone's clock makes them regular (a gap of another hour). ``every``: try
    every zone; else the common ones alone (a fill's note, on every fill of hours)."""
    if np.median(np.abs(np.diff(index.as_unit("ns").asi8))) > 3_600 * 10**9:
        return None  # steps of over an hour see no clock change (and take no zone's look-up)
    wall = stamp.to_pydatetime()
    # (a repeated hour: the first of the two is still summer time)
    first = ~index.duplicated()
    for zone in _clock_zones(every):
        at = wall.replace(tzinfo=zone)
        if at.utcoffset() == at.replace(fold=1).utcoffset():
            continue  # no change of the clock at that stamp: fast, most zones stop here
        instants = index.tz_localize(zone, ambiguous=first, nonexistent="NaT")
        steps = np.unique(np.diff(instants.asi8))
        if not instants.hasnans and len(steps) == 1 and steps[0] > 0:
            return zone.key
    return None


def _dst_hint(
    index: pd.DatetimeIndex,
    source: str,
    stamp: pd.Timestamp,
    several: bool = False,
    every: bool = True,
) -> str:
    """For naive stamps whose odd ``stamp`` (missing or repeated) is the hour a clock skips or
    repeats at a change of daylight saving (:func:`_dst_zone`): that they are that clock's
    times, and the line that reads them in its zone; "" for other stamps. A fill inserted an
    hour the clock never showed. ``several``: more than one stamp is missing or repeated."""
    if index.tz is not None or (zone := _dst_zone(index, stamp, every)) is None:
        return ""
    what = "repeats" if index.has_duplicates else "skips"
    when = "ends" if index.has_duplicates else "starts"
    localize = f"tz_localize({zone!r}, ambiguous='infer')"
    held = _index_held(source.strip("`"))
    move = (
        f"{held} = {held}.{localize}"
        if source.startswith("`")
        else f"write them with their offsets, e.g. with pandas: dates.dt.{localize}"
    )
    return (
        f", {'each in the hour' if several else 'the hour'} a clock in {zone} {what} when daylight "
        f"saving {when}: they look like the times of a local clock, regular only in its zone; "
        f"read them in it: {move} (or the zone's name, one that changes its clock at that hour)"
    )


def _note_dst_filled(given: pd.DatetimeIndex, grid: pd.DatetimeIndex, source: str) -> None:
    """Warn where a fill inserted into naive stamps the hour a local clock skips when daylight
    saving starts (:func:`_dst_hint`): a value for an hour that clock never showed, inserted
    with no word where the same stamps without a fill were told their zone."""
    inserted = grid[~grid.isin(given)]
    # (the common zones alone: every zone's look-up took 0.1 s of every fill of hours)
    if hint := _dst_hint(given, source, inserted[0], len(inserted) > 1, every=False):
        warnings.warn(
            f"the fill inserted {_describe_positions(inserted)} into {source}{hint}; a value "
            "filled in for a time its clock never showed.",
            UserWarning,
            stacklevel=user_stacklevel(),
        )


def _refuse_missing_timestamps(index: pd.DatetimeIndex | pd.PeriodIndex, name: str) -> None:
    """Refuse the index of ``name`` where it holds NaT, a missing timestamp (a date cell left
    empty or unparsable, as ``pd.to_datetime(..., errors="coerce")`` reads it): where the
    first is, between which dates, and how many. It was refused as "not sorted (... after
    NaT)", or failed with an IndexError where the last was missing."""
    missing = np.flatnonzero(index.isna())
    if not len(missing):
        return
    k = int(missing[0])
    given = np.flatnonzero(~index.isna())
    before, after = given[given < k], given[given > k]
    near = [f"after {_label(index[before[-1]])}"] if len(before) else []
    near += [f"before {_label(index[after[0]])}"] if len(after) else []
    where = f"at position {k}" + (f" ({' and '.join(near)})" if near else "")
    fix = "give it its date, or drop that row"
    if len(missing) > 1:
        where += f"; {len(missing)} in all, at positions {_describe_positions(list(missing))}"
        fix = "give each its date, or drop those rows"
    raise ValueError(
        f"timestamps in `{name}` must all be given, got NaT (a missing timestamp) {where}; "
        f"{fix}: {name}[{_index_held(name)}.notna()]."
    )


def _check_index(
    index: pd.Index,
    source: str,
    few: bool = False,
    period: str | None = None,
    noted: bool = False,
) -> pd.DatetimeIndex:
    """Require a sorted, duplicate-free, regular DatetimeIndex and set its ``freq``. ``few``:
    one or two timestamps are sorted and unique alone (too few to tell a frequency);
    ``period``: the frequency of the PeriodIndex whose starts ``index`` holds, whose
    refusals name periods as the user wrote them (``missing 2019-03``, not ``2019-03-01``);
    ``noted``: the index of a frame read before (:func:`read_csv`'s or :func:`to_frame`'s),
    whose notes were given then."""
    if not isinstance(index, pd.DatetimeIndex):
        raise TypeError(
            f"the index of {source} must be a DatetimeIndex, got {type(index).__name__}."
        )
    label = functools.partial(_label, period=period)
    if index.has_duplicates:
        # (not sorted where a clock repeats a quarter hour's steps: 02:45 and 02:00 again)
        repeated = index[index.duplicated()]
        dst = _dst_hint(index, source, repeated[0], len(repeated) > 1)
        raise ValueError(_duplicates(index, source, period).removesuffix(".") + f"{dst}.")
    if not index.is_monotonic_increasing:
        raise ValueError(_unsorted(index, source, period))
    if len(index) < 3:
        if few:
            return pd.DatetimeIndex(index, freq=None)
        raise ValueError(f"{source} needs at least 3 timestamps, got {len(index)}.")
    index = _freq_followed(index)
    if isinstance(index.freq, pd.offsets.BusinessHour) and index.freq.offset:
        # an offset moves no business hour (pandas steps them alike without it), and no name
        # keeps it: read as the business hours they are
        index = _with_business_hours(pd.DatetimeIndex(index, freq=None), _no_offset(index.freq))
    if (on := _on_trained_holidays(index)) is not None:
        index = on  # read on the trained grid, its holidays skipped
    given = index.freq
    custom = index.freq if index.freq is not None and not _kept(index.freq) else None
    if custom is not None:  # read the steps as they are: a forecast and a save need a name
        index = pd.DatetimeIndex(index, freq=None)
    elif type(index.freq) is pd.offsets.BusinessHour and not _within_hours(index):
        # pandas infers "bh" (9:00 to 17:00) for any eight hours a weekday: read their own
        bare = pd.DatetimeIndex(index, freq=None)
        index = pd.DatetimeIndex(bare, freq=_inferred_freq(bare) or index.freq)
    read = index.freq is None or custom is not None or index.freq is not given
    freq = index.freq or _inferred_freq(index)
    if _off_their_months(index, freq):
        _refuse_near_month_starts(index, source, freq)
        _refuse_hours_off_dates(index, source, freq)
    elif index.tz is not None:  # (naive stamps skip it: a month end at 23:00 is what it says)
        _refuse_zone_midnights_in_utc(index, source, freq)
        if not noted:  # (once: not again where fit reads the frame read_csv made)
            _note_zone_midnights_in_utc(index, source, freq)
    if freq is not None and read:
        _note_days_assumed(index, freq, source)
    if freq is None:
        _refuse_mid_month(index, source)
        _refuse_near_month_starts(index, source)
        _refuse_zone_business_days_in_utc(index, source)
        _refuse_days_of_a_week(index, source)
        trained = _trained_holidays_grid(index)  # built once, for the steps and the remedy
        odd, usual, missing, n_missing = _irregular_steps(index, trained)
        gaps = ""
        if n_missing:
            more = and_more(n_missing, len(missing))
            gaps = f"; missing {', '.join(label(m) for m in missing)}{more}"
        if n_missing and (dst := _dst_hint(index, source, missing[0], n_missing > 1)):
            gaps += dst
        elif n_missing and trained is not None:
            gaps += "; " + _trained_fill_how(source)
        elif n_missing and _regular_grid(index, pinned=False) is not None:
            gaps += "; " + _gaps_fill_how()
            # (days lost to weekdays read as open, which the hint below tells, are no holidays)
            gaps += (
                _fewer_weekdays_hint(index)
                or _closed_days_hint(index, source)
                or _business_holidays_hint(index, custom, source)
            )
        else:
            gaps += _fewer_weekdays_hint(index)
        why = (
            ""
            if custom is None
            else f"; its frequency, {custom!r}, is not one pandas reads back from its name "
            f"({custom.freqstr!r}: a custom business day's holidays and week mask are lost)"
        )
        raise ValueError(
            f"timestamps in {source} must be regularly spaced (no gaps){why}, got irregular "
            f"steps before {_describe_positions(odd, period=period)} (usual step: {usual})"
            f"{gaps}."
        )
    days = _in_days(freq, index)
    if days is not freq:  # pandas 2 keeps a freq of "24h" that equals the "D" passed
        index = pd.DatetimeIndex(index, freq=None)
    return _with_business_hours(index, days)


# set while a fitted model reads a newer history: its business hours open on the trained days
_DAYS_TRAINED: ContextVar[bool] = ContextVar("_DAYS_TRAINED", default=False)
# and the model's step, which a newer history of month ends at an hour in UTC keeps
# (:func:`_refuse_zone_midnights_in_utc`)
_STEP_TRAINED: ContextVar[pd.DateOffset | None] = ContextVar("_STEP_TRAINED", default=None)


def _holidays_trained() -> pd.DateOffset | None:
    """The trained step where it is custom business hours with holidays, whose grid a newer
    history is read on first (:func:`_days_trained`), else None."""
    t = _STEP_TRAINED.get()
    return t if isinstance(t, pd.offsets.CustomBusinessHour) and len(t.holidays) > 0 else None


@contextmanager
def _days_trained(trained: pd.DateOffset | None = None) -> Iterator[None]:
    """Business hours read within open on the days a model was trained on (no note of days
    assumed: :func:`_note_days_assumed`). ``trained``: the model's step; custom business hours
    with holidays read timestamps without a frequency on their grid where they step through it
    (:func:`_on_trained_holidays`)."""
    token = _DAYS_TRAINED.set(True)
    step = _STEP_TRAINED.set(trained)
    try:
        yield
    finally:
        _STEP_TRAINED.reset(step)
        _DAYS_TRAINED.reset(token)


def _on_trained_holidays(index: pd.DatetimeIndex) -> pd.DatetimeIndex | None:
    """``index`` (no frequency) with the trained custom business hours with holidays set
    (:func:`_days_trained`) where it steps through them without a gap, else None. Its own
    reading skips no holiday: a newer history over one was refused as a gap, and told to
    ``--fill`` the holiday in."""
    trained = _holidays_trained()
    if trained is None or index.freq is not None:
        return None
    return _on_business_hours_as(index, trained)


def _trained_holidays_grid(index: pd.DatetimeIndex) -> pd.DatetimeIndex | None:
    """The steps of the trained custom business hours with holidays (:func:`_days_trained`)
    from the first timestamp of ``index`` to its last (wall clock, without a frequency), where
    ``index`` (no frequency) lies on them, some perhaps missing; else None. A newer history with
    a gap beside a holiday was told the holiday's hours missing too, and a ``--fill`` inserted
    them."""
    trained = _holidays_trained()
    stepped = None if trained is None or index.freq is not None else _stepped_opening(trained)
    if stepped is None:
        return None
    local = _local(index)
    grid = _hours_grid(local[0], local[-1], *stepped[0])[:: stepped[1]]
    if not len(grid) or grid[0] != local[0] or not local.isin(grid).all():
        return None
    return grid


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _note_days_assumed(index: pd.DatetimeIndex, freq: pd.DateOffset, source: str) -> None:
    """Warn where business hours read from stamps of under a week (:func:`_opening_days`) open,
    or close, on days of the week the stamps do not reach: those days are assumed. Steps of
    several business hours (``"2bh"``) open on them as one hour's do."""
    stepped = _stepped_opening(freq)
    if stepped is None or _DAYS_TRAINED.get():
        return
    opening = stepped[0]
    reached = _days_reached(_local(index) - opening[0])  # the days their openings start on
    weekmask = opening[2]
    if len(reached) == 7:
        _note_weekdays_closed(index, weekmask, source)
        return
    unreached = [d for d in range(7) if d not in reached]
    opens = [_WEEKDAY_NAMES[d] for d in unreached if weekmask[d] == "1"]
    closes = [_WEEKDAY_NAMES[d] for d in unreached if weekmask[d] == "0"]
    said = [f"{and_list(opens)} assumed open"] if opens else []
    said += [f"{and_list(closes)} closed"] if closes else []
    pandas = ' as pandas\' "bh" (Monday to Friday)' if weekmask == _WEEKDAYS_OPEN else ""
    not_reached = and_list([_WEEKDAY_NAMES[d] for d in unreached])
    warnings.warn(
        f"timestamps in {source} are business hours of under a week ({_label(index[0])} to "
        f"{_label(index[-1])}), which do not reach {not_reached}"
        f": {' and '.join(said)}{pandas}; give a week or more of them"
        + said_to_caller(
            ", or an index with freq=pd.offsets.CustomBusinessHour(weekmask=..., start=..., "
            "end=...),",
            "",
        )
        + " to say the days they open.",
        UserWarning,
        stacklevel=user_stacklevel(),
    )


def _note_weekdays_closed(index: pd.DatetimeIndex, weekmask: str, source: str) -> None:
    """Warn where business hours were read closed on a weekday they never open on over a week
    or more (:func:`_opening_days`: over two weeks for those of weekdays only; Mondays only
    open on Mondays): a weekday whose hours were lost reads so too, where the gap was named,
    and the days read were said nowhere. Hours of every day but some weekdays (Wednesday) are
    said alike; not those closed on a weekend day too (Sunday of Monday to Saturday, Friday
    and Saturday of Sunday to Thursday) nor those of weekends only."""
    closed = [_WEEKDAY_NAMES[d] for d in range(5) if weekmask[d] == "0"]
    weekends = weekmask[5:]
    if not closed or weekends == "10" or weekends == "01" or "1" not in weekmask[:5]:
        return
    opens = [_WEEKDAY_NAMES[d] for d in range(7) if weekmask[d] == "1"]
    its = "its" if len(closed) == 1 else "their"
    kind = "open on weekdays only" if "1" not in weekmask[5:] else "open at weekends too"
    warnings.warn(
        f"timestamps in {source} are business hours that {kind}, none on "
        f"{and_list(closed, 'or')} ({_label(index[0])} to {_label(index[-1])}): read as "
        f"closed on {and_list(closed)}, open on {and_list(opens)}; if {its} hours are missing, "
        "not closed, give them "
        + said_to_caller("with NaN values", "as rows with empty values")
        + " and pass "
        + _fill_how(" to fill them")
        + said_to_caller(
            ", or an index with freq=pd.offsets.CustomBusinessHour(weekmask=..., start=..., "
            "end=...) to say the days they open",
            "",
        )
        + ".",
        UserWarning,
        stacklevel=user_stacklevel(),
    )


def _fewer_weekdays_hint(index: pd.DatetimeIndex) -> str:
    """Where hourly stamps on some weekdays only, over under two weeks, are business hours of
    those days without a gap (Mondays only): that they read as Monday to Friday's, which a
    shorter span does not tell from days lost (:func:`_opening_days`), and how they read as
    their own days; ``""`` for others. They were refused as Monday to Friday with gaps alone,
    advising a fill of the rest of the week."""
    local = _local(index)
    if (local[-1].normalize() - local[0].normalize()).days >= 14:
        return ""
    opening = _own_opening(local)
    if opening is None:
        return ""
    days = sorted(set((local - opening[0]).day_of_week.tolist()))  # the days they open on
    if not set(days) < set(range(5)):
        return ""
    weekmask = "".join("1" if d in days else "0" for d in range(7))
    if not _hours_grid(local[0], local[-1], opening[0], opening[1], weekmask).equals(local):
        return ""
    names = and_list([_WEEKDAY_NAMES[d] + "s" for d in days])
    start = pd.Timestamp(0) + opening[0]
    end = start + pd.Timedelta(hours=opening[1])
    mask = " ".join(_WEEKDAY_NAMES[d][:3] for d in days)
    return (
        f"; hours of weekdays only over under two weeks ({_label(index[0])} to "
        f"{_label(index[-1])}) read as Monday to Friday's: if they open on {names} only, "
        "give two weeks or more of them"
        + said_to_caller(
            f', or an index with freq=pd.offsets.CustomBusinessHour(weekmask="{mask}", '
            f'start="{start:%H:%M}", end="{end:%H:%M}")',
            "",
        )
    )


def _within_hours(index: pd.DatetimeIndex) -> bool:
    """Whether the stamps of ``index`` (wall clock) lie within the one opening of its business
    hours' frequency, from its start to before its end within a day, on weekdays; False for
    others."""
    start, end = index.freq.start, index.freq.end
    if len(start) != 1 or start[0] >= end[0]:
        return False
    local = _local(index)
    times = (local - local.normalize()).to_numpy()
    opening, closing = (pd.Timedelta(f"{t:%H:%M:%S}").to_timedelta64() for t in (start[0], end[0]))
    weekdays = local.day_of_week.to_numpy() < 5
    return bool(((times >= opening) & (times < closing) & weekdays).all())


def _freq_followed(index: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """``index`` without its ``freq`` where its stamps do not follow it, so read as stamps
    without one are: pandas 2.2 keeps a date_range's frequency through ``tz_convert`` (pandas 3
    drops it), and Tokyo's business days in UTC, on Sundays to Thursdays, passed as 'B' steps
    by the refusal of their zone (:func:`_refuse_zone_business_days_in_utc`)."""
    if index.freq is None or isinstance(index.freq, pd.offsets.Tick):
        return index  # (steps of one length stay so in any zone: not checked again)
    bare = pd.DatetimeIndex(index, freq=None)
    try:
        pd.DatetimeIndex(bare, freq=index.freq)  # pandas' own check of the steps
    except ValueError:
        return bare
    return index


def _kept(freq: pd.DateOffset) -> bool:
    """Whether ``freq`` is kept as an index gives it: pandas reads it back from its name
    (:func:`_named`), or it is custom business hours, whose opening hours, days and holidays a
    saved model keeps (``state.history.hours``, ``weekmask``, ``holidays``); an ``offset`` of
    business hours is dropped before (:func:`_no_offset`)."""
    if isinstance(freq, pd.offsets.CustomBusinessHour):
        return True
    return _named(freq)


def _no_offset(freq: pd.offsets.BusinessHour) -> pd.offsets.BusinessHour:
    """Business hours ``freq`` (``"bh"``, ``"cbh"``) without its ``offset``, which pandas
    keeps but steps no hour by: the same hours, days and holidays, as the user wrote them."""
    kept = {name: value for name, value in freq.kwds.items() if name != "offset"}
    return type(freq)(n=freq.n, normalize=freq.normalize, **kept)


def _named(freq: pd.DateOffset) -> bool:
    """Whether pandas reads ``freq`` back from its name, as a forecast's index and a saved model
    need: not a ``CustomBusinessDay`` with holidays (named ``"C"`` without them), a ``Week()``
    without a weekday (``"W"`` reads as Sundays) or a ``DateOffset(months=1)``."""
    try:
        return pd.tseries.frequencies.to_offset(freq.freqstr) == freq
    except ValueError:
        return False


# a day in nanoseconds, as pandas counts a fixed step (a Tick: "24h"; "D" too in pandas 2)
_DAY = 86_400 * 10**9


def _whole_days(freq: pd.DateOffset) -> int | None:
    """The days of ``freq`` where it is a fixed step of a whole number of them (``"24h"`` and
    ``"1440min"`` → 1, ``"48h"`` → 2; ``"D"`` in pandas 2, where a day is a fixed step), else
    None (``"12h"``, ``"MS"``)."""
    if not isinstance(freq, pd.offsets.Tick) or freq.nanos % _DAY:
        return None
    return freq.nanos // _DAY


def _in_days(freq: pd.DateOffset, index: pd.DatetimeIndex) -> pd.DateOffset:
    """``freq`` as days where it is a whole number of days in hours, minutes or seconds
    (``"24h"``, ``"1440min"`` → ``"D"``; ``"48h"`` → ``"2D"``), so that they have the season
    and horizon of daily data. Kept as given for a time zone with daylight saving, where a day
    is not always 24 hours."""
    days = _whole_days(freq)
    if days is None or (index.tz is not None and _daylight_saving(index)):
        return freq
    return pd.tseries.frequencies.to_offset(f"{days}D")


def _daylight_saving(index: pd.DatetimeIndex) -> bool:
    """Whether the zone of ``index`` changes its UTC offset within a year of its first stamp
    (``Europe/Berlin``; not ``UTC``, ``Etc/UTC``, ``+02:00`` or ``Asia/Tokyo``)."""
    year = pd.date_range(index[0], periods=13, freq=pd.Timedelta(days=30))
    return len({t.utcoffset() for t in year}) > 1


def _refuse_mid_month(index: pd.DatetimeIndex, source: str) -> None:
    """Refuse, saying why, dates that are monthly on one day other than the month's start
    or end (the 15th, say): pandas has no frequency for them, so they would read as gaps."""
    local = _local(index)
    if not (local == local.normalize()).all() or len(set(local.day)) != 1:
        return
    months = local.year.to_numpy().astype(np.int64) * 12 + local.month.to_numpy() - 1
    steps = set(np.diff(months).tolist())
    if len(steps) == 1 and steps <= {1, 2, 3, 4, 6, 12}:
        day, step = int(local.day[0]), steps.pop()
        held = _index_held(source.strip("`"))
        raise ValueError(
            f"timestamps in {source} fall on day {day} of "
            f"{'every month' if step == 1 else f'every {step} months'}; a regular "
            "monthly series is dated on the first (or last) day of its months. Move the "
            + (
                # the index of a pandas object: `dates.dt...`, the advice before, is a Series'
                f"dates there: {held} = {held}.to_period('M').to_timestamp()."
                if source.startswith("`")
                else "dates there (the first of each month), e.g. with pandas: "
                "dates.dt.to_period('M').dt.to_timestamp()."
            )
        )


def _off_their_months(index: pd.DatetimeIndex, freq: pd.DateOffset | None) -> bool:
    """Whether pandas inferred months (business months, quarters, years: ``freq``) for stamps
    at more than one time of day: it reads the dates alone, so one stamp 3 hours off
    (1955-06-01 03:00 among midnights) was read as monthly, kept its hour, and a forecast
    from it stepped to 1956-01-01 03:00 on."""
    if freq is None or _code_of(freq.freqstr) not in _MONTHLY + _QUARTERLY + _YEARLY:
        return False
    times = _times_of_day(index)
    return bool((times != times[0]).any())


def _times_of_day(index: pd.DatetimeIndex) -> np.ndarray:
    """Each stamp's time of day on its own clock (``timedelta64``), for
    :func:`_off_their_months` and forecast's ``_one_time_of_day``."""
    # (numpy: pandas' normalize took half a millisecond of every monthly series' read)
    stamps = _local(index).to_numpy()
    return stamps - stamps.astype("datetime64[D]")


def _refuse_hours_off_dates(index: pd.DatetimeIndex, source: str, freq: pd.DateOffset) -> None:
    """Refuse stamps that pandas reads as ``freq`` (months, quarters, years) from their dates
    alone but that lie at more than one time of day, where they are no month's start or end
    some hours off (:func:`_refuse_near_month_starts`): business month starts, or a stamp
    13 hours after a month's start. They kept their hours, and a forecast stepped on at the
    last one's."""
    local = _local(index)
    times = local - local.normalize()
    usual = times.value_counts().index[0]
    off = np.flatnonzero(times != usual)
    rest = "the rest" if times.nunique() == 2 else "most"
    held = _index_held(source.strip("`"))
    move = (
        f"{held} = {held}.normalize()"
        if source.startswith("`")
        else "write their dates alone, e.g. with pandas: dates.dt.normalize()"
    )
    raise ValueError(
        f"timestamps in {source} must be regularly spaced, got {len(off)} of {len(index)} at "
        f"another time of day than the rest ({_label(index[off[0]])}; {rest} at "
        f"{(pd.Timestamp(0) + usual).strftime('%H:%M:%S')}): they pass for {freq.freqstr!r} "
        "steps, as pandas reads their dates alone, but keep their hours. Move them to one "
        f"time of day: {move}."
    )


# The offsets east of UTC, below 12 hours, that zones keep besides whole hours, in minutes:
# Tehran +03:30, Kabul +04:30, India +05:30, Nepal +05:45, Myanmar +06:30, Eucla +08:45,
# Darwin +09:30, Lord Howe +10:30
_ODD_EAST = frozenset((210, 270, 330, 345, 390, 525, 570, 630))


def _afternoon_in_utc(index: pd.DatetimeIndex) -> pd.Timedelta | None:
    """The time of day of the first stamp of ``index`` (in UTC) where it lies after noon on a
    quarter hour, as a zone's midnight east of UTC does (:func:`_utc_zone_east`), else None.
    Integers: a Timestamp of a zoned index took 40 us of every monthly read in a zone."""
    second = {"s": 1, "ms": 10**3, "us": 10**6}.get(index.unit, 10**9)  # asi8 counts units
    time = int(index.asi8[0]) % (86_400 * second)
    if time <= 43_200 * second or time % (900 * second):
        return None
    return pd.Timedelta(time * (10**9 // second))


def _refuse_zone_midnights_in_utc(
    index: pd.DatetimeIndex, source: str, freq: pd.DateOffset | None
) -> None:
    """Refuse stamps in UTC all some hours before a month's (quarter's, year's) start, at one
    time of day after noon (noon is as often a day's middle) and the offset of a zone before
    midnight (whole hours, or the half and three quarter hours of :data:`_ODD_EAST`): the
    starts of a zone east of UTC without daylight saving then (Europe/Berlin's years,
    2018-12-31 23:00 UTC; Asia/Tokyo's months, 15:00 UTC the day before) written in UTC.
    pandas read them as month ends at that hour ('YE' at 23:00), with no word, and a
    forecast's labels were ends at 23:00 for the starts meant. (Irregular in a zone with
    daylight saving, Berlin's months are told by :func:`_refuse_near_month_starts`; naive
    stamps, where ends at 23:00 are meant as often, are left as they are; and so is a newer
    history of a model fitted on them as those ends, before they were refused, which read its
    saved history as ``series`` again at ``lstmkit predict DIR``.)"""
    if freq is None or (unit := _UNIT_OF.get(_code_of(freq.freqstr))) is None:
        return
    if (time := _afternoon_in_utc(index)) is None:
        return
    east = pd.Timedelta(days=1) - time
    # a zone's offset (23:45 in UTC is no zone's midnight, +00:15), in UTC throughout (a zone
    # with an offset is its own wall clock), one time of day as _off_their_months found, and
    # that the hours before the 1st
    zone = _utc_zone_east(index, east.value)
    if zone is None or not ((_local(index) + east).day == 1).all():
        return
    read = _inferred_freq(pd.DatetimeIndex(index, freq=None)) or freq
    if read == _STEP_TRAINED.get():  # a model fitted on them before they were refused
        return
    ends = f"{unit} ends at {_clock(time)}"
    raise ValueError(
        f"timestamps in {source} must be on the clock of the {unit}s they stand for, got every "
        f"one {_offset_words(east.value)} before a {unit}'s start in UTC ({_label(index[0])} for "
        f"{_label((index[0] + east).tz_localize(None))}): the midnights of a time zone "
        f"at UTC{zone} written in UTC pass for {read.freqstr!r} steps, {ends}, and label "
        f"a forecast so. {_on_their_zone_s_clock(index, source, east, zone, ends)}."
    )


def _note_zone_midnights_in_utc(
    index: pd.DatetimeIndex, source: str, freq: pd.DateOffset | None
) -> None:
    """Warn where daily or weekly steps in UTC all lie at one time of day after noon that is
    the midnight of a zone east of UTC (Asia/Tokyo's days, 15:00 UTC the day before): its days
    written in UTC, whose forecast is labelled, and whose calendar inputs read, the day before
    (2020-12-31 15:00 for 2021-01-01). Only a note, as the steps are right either way (24 hours,
    7 days: no month's length moves them, unlike :func:`_refuse_zone_midnights_in_utc`'s
    months) and readings at 15:00 UTC are as often meant. Not again for a fitted model's newer
    history, nor for a frame read before (the caller's ``noted``); stamps given with their
    frequency (``freq="D"``) are noted as those without."""
    weekly = isinstance(freq, pd.offsets.Week)
    daily = freq is not None and (freq == pd.offsets.Day() or _whole_days(freq) == 1)
    if not (weekly or daily) or _STEP_TRAINED.get():
        return
    if (time := _afternoon_in_utc(index)) is None:
        return
    east = pd.Timedelta(days=1) - time
    if (zone := _utc_zone_east(index, east.value)) is None:
        return
    steps = f"weekly steps on {_WEEKDAY_NAMES[index[0].day_of_week]}s" if weekly else "daily steps"
    move = _to_their_zone(source, zone)
    warnings.warn(
        f"timestamps in {source} are {steps} at {_clock(time)} in UTC ({_label(index[0])} "
        f"first), the midnights of a time zone at UTC{zone}: if they are its days, the forecast "
        f"is labelled, and the calendar inputs read, the day before "
        f"({_label(index[0].tz_localize(None).normalize())} for "
        f"{_label((index[0] + east).tz_localize(None))}); read them on their zone's clock: "
        f"{move}. Steps at {_clock(time)} UTC meant: nothing to change.",
        UserWarning,
        stacklevel=user_stacklevel(),
    )


def _to_their_zone(source: str, zone: str) -> str:
    """The line that reads stamps in UTC on the clock of the zone at UTC``zone``
    (``'+09:00'``): on the index of the argument ``source`` names (```series```), else, for a
    file's dates (the CLI's), with pandas on its date column."""
    if source.startswith("`"):
        held = _index_held(source.strip("`"))
        return f"{held} = {held}.tz_convert({zone!r}) (or the zone's name)"
    return f"write them with their zone's offset, e.g. with pandas: dates.dt.tz_convert({zone!r})"


def _zone_week_read(local: pd.DatetimeIndex) -> tuple[str, tuple[int, ...]] | None:
    """What stamps on their zone's clock (``local``) are, for
    :func:`_refuse_zone_business_days_in_utc`: business days (``"'B' steps"``) or days of a
    week with holidays or a day off it worked (:func:`_days_of_a_week`), and the days they open
    on; None for others (days, weeks)."""
    read = _inferred_freq(local)
    if isinstance(read, pd.offsets.BusinessDay):
        return f"{read.freqstr!r} steps", _MONDAY_TO_FRIDAY
    week = _days_of_a_week(local)
    if week is None:
        return None
    open_days, missing, worked = week
    if open_days == _MONDAY_TO_FRIDAY and not len(missing) and not len(worked):
        return None
    # a holiday off them, or a Saturday worked, was told as a gap with `fill` advice, which
    # made up their zone's weekends too: the zone is what to mend first, then the
    # holidays (or the weekend days), told there; so a 6-day week (Mondays to Saturdays),
    # told the gap advice in UTC where its Saturdays passed one weekend day in ten
    but = _days_off_said(open_days, missing, worked)
    business = open_days == _MONDAY_TO_FRIDAY
    there = "'B' steps" if business else _week_said(open_days)
    # a comma after a week's days: "Mondays to Saturdays but for 4 days missing" read as
    # Saturdays missing
    there += f"{'' if business else ','} but for {but}" if but else ""
    return there, open_days


def _zone_week_in_utc(
    index: pd.DatetimeIndex,
) -> tuple[str, str, int, pd.DatetimeIndex, tuple[str, tuple[int, ...]]] | None:
    """The first zone of :func:`_zones_of_midnights_in_utc` on whose clock ``index`` reads as
    business days or a week (:func:`_zone_week_read`): that zone, its times in UTC and days
    ahead, the stamps there, and what they are; None where none does."""
    for zone, at, ahead in _zones_of_midnights_in_utc(index):
        local = pd.DatetimeIndex(index.tz_convert(zone), freq=None)
        if (read := _zone_week_read(local)) is not None:
            return zone, at, ahead, local, read
    return None


def _refuse_zone_business_days_in_utc(index: pd.DatetimeIndex, source: str) -> None:
    """Refuse, saying how to read them, business days of a zone east of UTC written in UTC
    (Asia/Tokyo's, at 15:00 UTC on Sundays to Thursdays): their steps in UTC are irregular
    (a Thursday's is 3 days), and the gap refusal's advice, ``fill``, would insert Fridays and
    Saturdays that are no business days. Their days and weeks
    (:func:`_note_zone_midnights_in_utc`) are regular in UTC too, and only noted; these have
    a frequency on their zone's clock alone, so are refused with the same line. So are those
    of a zone whose clock daylight saving changes (:func:`_zones_of_midnights_in_utc`: New
    York's 6-day week at 05:00 or 04:00 UTC), told daily gaps before, a fill of them advised
    or none."""
    if index.tz is None:
        return
    if (found := _zone_week_in_utc(index)) is None:
        return
    zone, at, ahead, local, (there, open_days) = found
    # each is written on the day before in UTC; a day off their week (a weekend day worked) is
    # counted: "Sundays to Thursdays" alone was untrue of it, and of a week of other days
    # (Mondays, Wednesdays and Fridays were "business days ..., Sundays to Thursdays")
    before = tuple(sorted((d - ahead) % 7 for d in open_days))
    on = Counter(index.tz_convert("UTC").day_of_week)
    also = [
        f"{on[d]} {_WEEKDAY_NAMES[d]}{'s' * (on[d] != 1)}"
        for d in range(7)
        if d not in before and on[d]
    ]
    weekdays = " and ".join([", ".join([_days_named(before), *also[:-1]]), *also[-1:]])
    days = (
        "business days"
        if open_days == _MONDAY_TO_FRIDAY
        else f"days of a {len(open_days)}-day week"
    )
    # (Paris's stamps read as Berlin's, the first zone on their clock: named so, not as theirs)
    of = (
        f"time zone at UTC{zone}"
        if zone[0] in "+-"
        else f"time zone on {zone}'s clock (stamps in UTC tell the clock, not the zone),"
    )
    raise ValueError(
        f"timestamps in {source} must be regularly spaced (no gaps), got {days} of a "
        f"{of} written in UTC: at {at} in UTC, {weekdays} ({_label(index[0])} "
        f"first, for {_label(local[0].tz_localize(None))}), whose steps are irregular there and "
        f"no filled day mends. Read them on their zone's clock, where they are {there}: "
        f"{_to_their_zone(source, zone)}."
    )


def _zones_of_midnights_in_utc(index: pd.DatetimeIndex) -> Iterator[tuple[str, str, int]]:
    """The zones whose midnights ``index`` may hold, written in UTC, each as ``tz_convert``
    takes it, with the times of day in UTC and their days (``"15:00 on the day before
    each"``, ``"05:00 or 04:00 on the same day"``, London's ``"00:00 on the same day or 23:00
    on the day before"``) and the days its first stamp lies before its date there (1 east of
    UTC, 0 west): one east of UTC at one
    offset (:func:`_utc_zone_east`), or one whose offset daylight saving changes, by name
    (``'America/New_York'``, ``'Europe/Berlin'``): the stamps' hour in UTC moves by one on
    its dates, as no UTC clock's does, and each is its midnight. Zones by name are looked up
    only where the stamps' dates there (the day after, east of UTC) hold business days or a
    week (:func:`_zone_week_read`): daily data is read as before, and takes no look-up. One
    time of day before noon in UTC is no zone's by itself: readings at 05:00 UTC are as
    likely as Bogota's midnights."""
    if (time := _afternoon_in_utc(index)) is not None:
        east = pd.Timedelta(days=1) - time
        if (zone := _utc_zone_east(index, east.value)) is not None:
            yield zone, f"{_clock(time)} on the day before each", 1
    if index[0].utcoffset() or (_local(index).asi8 != index.asi8).any():
        return  # (stamps in UTC alone)
    clock, hour = _times_of_day(index), np.timedelta64(1, "h")
    times = np.unique(clock)
    # (an hour apart, or 23 hours: London's midnights are at 00:00, and at 23:00 in summer)
    if len(times) != 2 or times[1] - times[0] not in (hour, 23 * hour):
        return
    # each stamp's date there: the next day's for an evening's stamp (east of UTC)
    ahead = (clock > 12 * hour).astype("timedelta64[D]")
    dates = _local(index).normalize() + ahead
    if _zone_week_read(pd.DatetimeIndex(dates, freq=None)) is None:
        return
    at = clock[0]
    other = times[1] if times[0] == at else times[0]
    # its first stamp, and the first at `other`, first, as datetimes: most zones stop there,
    # and pandas converted a stamp in a millisecond a zone, 0.7 s where no zone held them
    moved = int(np.argmax(clock != at))
    pair = [t.to_pydatetime() for t in index[[0, moved]].floor("s")]
    for zone in _clock_zones_by_rule():
        there = [t.astimezone(zone) for t in pair]
        if any(t.hour or t.minute or t.second for t in there):
            continue
        local = _local(index.tz_convert(zone))
        if (local == local.normalize()).all():
            clocks = [_clock(pd.Timedelta(t)) for t in (at, other)]
            # (Auckland's 11:00 or 12:00 UTC are the day before theirs too)
            days = [
                "the day before" if t.date() > u.date() else "the same day"
                for t, u in zip(there, pair, strict=True)
            ]
            said = (
                f"{clocks[0]} or {clocks[1]} on {days[0]}" + " each" * (days[0] == "the day before")
                if days[0] == days[1]
                else f"{clocks[0]} on {days[0]} or {clocks[1]} on {days[1]}"
            )
            yield zone.key, said, int(there[0].utcoffset() > pd.Timedelta(0))
            return


# The days of the week that business days open on: Mondays to Fridays.
_MONDAY_TO_FRIDAY = (0, 1, 2, 3, 4)


def _days_of_a_week(
    local: pd.DatetimeIndex,
) -> tuple[tuple[int, ...], pd.DatetimeIndex, pd.DatetimeIndex] | None:
    """The days of the week (0 for Monday) that the dates ``local`` (midnights on their zone's
    clock, over four weeks or more) open on, the dates of those days missing between the first
    and the last (holidays), and the dates on other days (a Saturday worked), where they are
    days of a week of two to six days with at most :data:`_MOST_HOLIDAYS` of its dates
    missing; else None.

    A weekday is open where more than half of its dates in the span are there and closed where
    at most one in four is (one between says no week: business days with holidays on two of
    four Mondays); a Saturday or a Sunday is open where more than 60% are, else closed
    (business days are the usual week, to which Saturdays worked in six weeks of eleven do not
    belong). One day at least must be closed so (at most one in four there): daily data with
    gaps is no week (one of two Saturdays missing in a fortnight read as a 6-day week)."""
    if len(local) < 10 or not (local == local.normalize()).all():
        return None
    naive = local.tz_localize(None) if local.tz is not None else local
    span = pd.date_range(naive[0], naive[-1], freq="D", unit=naive.unit)
    if len(span) < 28:
        return None
    there = span.isin(naive)
    held = pd.Series(there).groupby(span.day_of_week).mean().to_numpy()
    weekend = np.arange(7) >= 5
    opened = held > np.where(weekend, 0.6, 0.5)
    if (
        not (opened | weekend | (held <= 0.25)).all()
        or not (held <= 0.25).any()
        or not 2 <= opened.sum() <= 6
    ):
        return None
    open_days = tuple(int(d) for d in np.flatnonzero(opened))
    on = np.isin(span.day_of_week, open_days)
    missing, worked = span[on & ~there], naive[~np.isin(naive.day_of_week, open_days)]
    if len(missing) > _MOST_HOLIDAYS:
        return None
    return open_days, missing, worked


def _week_said(open_days: tuple[int, ...]) -> str:
    """The days of a week of ``open_days`` (0 for Monday) in words: "days of a 6-day week,
    Mondays to Saturdays"; "Sundays to Thursdays" across the week's end; "Mondays, Wednesdays
    and Fridays" where they do not follow each other."""
    return f"days of a {len(open_days)}-day week, {_days_named(open_days)}"


def _days_named(days: tuple[int, ...]) -> str:
    """The days of the week ``days`` (0 for Monday) in words, as :func:`_week_said` says them:
    "Mondays to Saturdays", "Saturdays and Sundays" (two: "Saturdays to Sundays" read oddly)."""
    names = [_WEEKDAY_NAMES[d] + "s" for d in days]
    for first in days:  # the day that follows none of them starts a run of them
        run = [(first + k) % 7 for k in range(len(days))]
        if len(days) > 2 and (first - 1) % 7 not in days and sorted(run) == sorted(days):
            return f"{_WEEKDAY_NAMES[first]}s to {_WEEKDAY_NAMES[run[-1]]}s"
    return and_list(names)


def _days_off_said(
    open_days: tuple[int, ...], missing: pd.DatetimeIndex, worked: pd.DatetimeIndex
) -> str:
    """The dates missing from days of a week of ``open_days`` and those on other days
    (``worked``), in words: "1 day missing (2021-02-11) and 2 weekend days among them
    (2021-01-16, a Saturday; 2021-01-24, a Sunday)"; "" for none."""
    said = []
    if len(missing):
        days = "1 day" if len(missing) == 1 else f"{len(missing)} days"
        said.append(f"{days} missing ({_describe_positions(list(missing))})")
    if len(worked):
        kind = "weekend day" if open_days == _MONDAY_TO_FRIDAY else "other day"
        days = f"1 {kind}" if len(worked) == 1 else f"{len(worked)} {kind}s"
        named = [f"{_label(day)}, a {_WEEKDAY_NAMES[day.day_of_week]}" for day in worked[:5]]
        if len(worked) > 5:  # after "; ": "…, a Saturday and 1 more" read as 1 more Saturday
            more = and_more(len(worked), 5).lstrip()
            named.append(f"{more} {kind}{plural_s(len(worked) - 5)}")
        said.append(f"{days} among them ({'; '.join(named)})")
    return " and ".join(said)


def _refuse_days_of_a_week(index: pd.DatetimeIndex, source: str) -> None:
    """Refuse, saying how to read them, days of a week other than business days' (a 6-day week,
    Mondays to Saturdays, say) and business days with a weekend day worked
    (:func:`_days_of_a_week`), on their own clock: their steps were refused as daily ones with
    gaps, and the fill advised inserted every Sunday (every weekend day), values made up.
    Business days with holidays alone are told by the gap refusal's hint
    (:func:`_business_holidays_hint`)."""
    if (week := _week_told(index, source)) is None:
        return
    said, what, inserted, remedy = week
    raise ValueError(
        f"timestamps in {source} must be regularly spaced (no gaps), got {said}, {what}; "
        f"{said_to_caller('a fill', '--fill')} would insert {inserted}, values made up. {remedy}."
    )


def _note_week_filled(given: pd.DatetimeIndex, grid: pd.DatetimeIndex, source: str) -> bool:
    """Warn where a fill inserted the days off a week (every Sunday of a 6-day week, the
    weekend days of business days with a Saturday worked; :func:`_refuse_days_of_a_week`),
    values made up, saying what it inserted and how to keep the week: the fill, asked for,
    is done, but it filled 52 Sundays a year as daily gaps with no word of them. Whether it
    warned: the command line's note of the days inserted then says them no second time."""
    if (week := _week_told(given, source)) is None:
        return False
    said, what, inserted, remedy = week
    added = grid[~grid.isin(given)]
    # the days off the week alone are listed as such: its holidays (days missing, named by
    # `said`) were filled too, and "13 days (...), every Sunday" counted two Wednesdays
    open_days = _days_of_a_week(_local(given))[0]  # (a week, as _week_told read one)
    off = added[~_local(added).day_of_week.isin(open_days)]
    days = "1 day" if len(off) == 1 else f"{len(off)} days"
    if len(off) < len(added):
        days = f"{len(added)} days into {source}, {len(off)} of them"
    else:
        days += f" into {source}"
    warnings.warn(
        f"the fill inserted {days} ({_describe_positions(list(off))}), "
        # (the command line's remedy says no deed to do instead: "the command line reads no
        # such week: from Python, ...")
        f"{inserted}, values made up, as gaps of daily data: it holds {said}, {what}; "
        f"{said_to_caller('rather than fill it, ', '')}{remedy[:1].lower()}{remedy[1:]}.",
        UserWarning,
        stacklevel=user_stacklevel(),
    )
    return True


def _week_told(index: pd.DatetimeIndex, source: str) -> tuple[str, str, str, str] | None:
    """What :func:`_refuse_days_of_a_week` says of ``index``: the days it holds ("days of a
    6-day week, Mondays to Saturdays"), why no frequency steps through them, the days a fill
    inserts ("every Sunday", and the days missing) and the remedy; None where it holds no such
    week (or business days alone, with their holidays)."""
    week = _days_of_a_week(_local(index))
    if week is None:
        return None
    open_days, missing, worked = week
    business = open_days == _MONDAY_TO_FRIDAY
    if business and not len(worked):
        return None
    name, reading = _python_name(source)
    held = _index_held(name)
    but = _days_off_said(open_days, missing, worked)
    said = ("business days, Mondays to Fridays" if business else _week_said(open_days)) + (
        f", but for {but}" if but else ""
    )
    closed = [_WEEKDAY_NAMES[d] for d in range(7) if d not in open_days]
    inserted = "the weekend days not worked" if business else "every " + and_list(closed)
    one = len(worked) == 1
    them = "it" if one else "them"
    if business:
        what = "which are no 'B' steps"
        keep = f"{held}.day_of_week < 5"
    else:
        what = "which no frequency of pandas' days steps through ('B' is Mondays to Fridays)"
        keep = f"{held}.day_of_week.isin({list(open_days)})"
    drop, values = "", "its value" if one else "their values"
    if len(worked):  # a file's rows (read_csv's and the CLI's), else the series'
        rows = f"Drop {'its row' if one else 'their rows'} from the file (or add {values} to "
        rows += "another day's)"
        drop = rows
        if source.startswith("`"):
            python = f"Drop {them} (or add {values} to another day's): {name} = {name}[{keep}]"
            drop = said_to_caller(python, rows)
    if business:
        # then the holidays, as on business days (told on the days kept)
        kept = index[_local(index).day_of_week < 5]
        remedy = drop + (_business_holidays_hint(kept, None, source) if len(missing) else "")
    else:
        mask = " ".join(_WEEKDAY_NAMES[d][:3] for d in sorted(open_days))
        holidays = f", holidays={[str(day.date()) for day in missing]!r}" if len(missing) else ""
        offset = (
            f"pd.offsets.CustomBusinessHour(start='00:00', end='01:00', weekmask={mask!r}"
            f"{holidays})"
        )
        season = len(open_days)
        remedy = (drop + ("; then " if drop else "")) + said_to_caller(
            f"{'g' if drop else 'G'}ive the index business hours of one hour at midnight on "
            "those days, whose days and holidays lstmkit keeps (a custom business day's it "
            f"cannot: 'C' reads back without them): {reading}{held} = "
            f"pd.DatetimeIndex({held}.to_numpy(), freq={offset}), with "
            f"season_length={season} for its week",
            f"{'t' if drop else 'T'}he command line reads no such week: from Python, an index "
            f"with freq={offset} steps through those days, with season_length={season}",
        )
    return said, what, inserted, remedy


def _on_their_zone_s_clock(
    index: pd.DatetimeIndex, source: str, east: pd.Timedelta, zone: str, ends: str
) -> str:
    """The lines that read stamps in UTC ``east`` before their period's start on the clock of
    the zone at UTC``zone`` (``'+09:00'``), where they are its midnights, or as the ``ends``
    (``"month ends at 15:00"``) they are without a zone."""
    held = _index_held(source.strip("`"))
    move = (
        f"{held} = {held}.tz_convert({zone!r}) (or the zone's name); or, for "
        f"{ends} meant, drop the zone: {held} = {held}.tz_localize(None)"
        if source.startswith("`")
        else f"write them with their zone's offset ({_label(index[0] + east)}T00:00:00{zone}), "
        f"e.g. with pandas: dates.dt.tz_convert({zone!r}); or, for {ends} meant, without "
        "one: dates.dt.tz_localize(None)"
    )
    return f"Read them on their zone's clock: {move}"


def _utc_zone_east(index: pd.DatetimeIndex, east: int) -> str | None:
    """The offset (``'+09:00'``) of the zone east of UTC whose midnights ``index`` holds where
    every stamp lies ``east`` nanoseconds before a midnight in UTC, a zone's offset (whole
    hours, or one of :data:`_ODD_EAST`, under 12 hours); else None."""
    minutes, rest = divmod(east, 60 * 10**9)
    if rest or not 0 < minutes < 720 or (minutes % 60 and minutes not in _ODD_EAST):
        return None
    if index.tz is None or index[0].utcoffset() or (_local(index).asi8 != index.asi8).any():
        return None
    return f"+{minutes // 60:02d}:{minutes % 60:02d}"


def _nanos_off(local: pd.DatetimeIndex, near: pd.DatetimeIndex) -> np.ndarray:
    """How far each stamp of ``local`` lies from its counterpart in ``near`` (its month's
    start or end, its day), in nanoseconds."""
    return np.abs((local - near).to_numpy().astype("timedelta64[ns]").astype(np.int64))


def _monthly_steps(stamps: pd.DatetimeIndex) -> bool:
    """Whether ``stamps`` step by whole months, quarters or years (with a gap too: a month
    missing was told "usual step: 745 hours" again, which the moved months then tell as one)."""
    steps = np.diff(stamps.year.to_numpy().astype(np.int64) * 12 + stamps.month.to_numpy())
    return len(steps) > 0 and steps.min() in (1, 2, 3, 4, 6, 12) and not (steps % steps.min()).any()


def _refuse_near_month_starts(
    index: pd.DatetimeIndex, source: str, read: pd.DateOffset | None = None
) -> None:
    """Refuse, saying why, dates that are regular months' starts (or ends) but for some hours
    off them (2018-12-31 23:00 for 2019-01-01 beside 2019-02-01 00:00: local midnights written
    on another clock; 2019-01-31 23:00 beside 2019-02-28 00:00: an end of day), which read as
    irregular steps of 745 hours with no word of what to do. ``read``: the frequency pandas
    inferred from their dates alone (stamps that all lie on months' starts but for their
    hours), where they read as months that keep their hours, not as irregular steps."""
    local = _local(index)
    held = _index_held(source.strip("`"))
    # (to_period of a zoned index warns that it drops the zone: dropped first, as said)
    zone = ".tz_localize(None)" if index.tz is not None else ""
    starts = (local + pd.Timedelta(hours=12)).to_period("M").to_timestamp()
    # a month's end as its last day's midnight, the date of anything within that month's
    # last day or the hours before it (a zone east of UTC writes it the day before)
    ends = local.to_period("M").to_timestamp(how="end").normalize()
    hour = 3_600 * 10**9
    edge, near = "start", starts
    off = _nanos_off(local, near)
    if not off.any() or off.max() > 12 * hour:
        edge, near = "end", ends
        off = _nanos_off(local, near)
        if not off.any() or off.max() >= 24 * hour:
            if read is None:  # read as steps of their own: _refuse_hours_off_dates tells them
                _refuse_near_business_months(index, source)
            return
    if not _monthly_steps(near):
        return
    k = int(np.flatnonzero(off)[0])
    if edge == "start" and (off == off[0]).all() and (local < near).all():
        # every one the same hours before its start, in UTC (one missing among them): a zone's
        # midnights, told the line that keeps their zone as without a gap, not one that drops it
        offset = _utc_zone_east(index, int(off[0]))
        if offset is not None:
            east = pd.Timedelta(int(off[0]), "ns")
            clock = _clock(pd.Timedelta(days=1) - east)
            raise ValueError(
                f"timestamps in {source} must be regularly spaced, got irregular steps between "
                f"stamps all {_offset_words(int(off[0]))} before a month's start in UTC "
                f"({_label(index[0])} for {_label(near[0])}): the midnights of a time zone at "
                f"UTC{offset} written in UTC. "
                f"{_on_their_zone_s_clock(index, source, east, offset, f'month ends at {clock}')}."
            )
    shift = " + pd.Timedelta(hours=12)" if edge == "start" else ""
    to = ".to_timestamp()" if edge == "start" else ".to_timestamp(how='end').normalize()"
    moved = f"({held}{zone}{shift})" if shift else f"{held}{zone}"
    # (a CSV's dates with an offset read zoned: their to_period warned, as the index's did)
    dates = "dates" + zone.replace(".", ".dt.")
    dates = f"({dates}{shift})" if shift else dates
    written = "months they are (2019-01)" if edge == "start" else "days they are (2019-01-31)"
    move = (
        f"{held} = {moved}.to_period('M'){to}"
        if source.startswith("`")
        else f"write them as the {written}, e.g. with pandas: "
        f"{dates}.dt.to_period('M').dt{to.replace('.normalize', '.dt.normalize')}"
    )
    clock = (
        "(midnights of a time zone written in UTC, say)"
        if edge == "start"
        else "(midnights of a time zone written in UTC, say, or the day's last hour)"
    )
    last = "start" if edge == "start" else "end (its last day)"
    read_as = (
        "read as irregular steps"
        if read is None
        else f"pass for {read.freqstr!r} steps, as pandas reads their dates alone, but keep "
        "their hours"
    )
    raise ValueError(
        f"timestamps in {source} must be regularly spaced, got {int((off > 0).sum())} of "
        f"{len(index)} off a month's {edge} by up to {_offset_words(int(off.max()))} "
        f"({_label(index[k])} for {_label(near[k])}): month {edge}s written on another clock "
        f"{clock} {read_as}. Move them to the month's {last}: {move}."
    )


def _refuse_near_business_months(index: pd.DatetimeIndex, source: str) -> None:
    """Refuse, saying why, dates that are business months' starts or ends but for some hours
    off them (2015-02-26 23:00 for 2015-02-27: midnights of a zone east of UTC written in UTC;
    2015-02-27 23:00: the day's last hour), which :func:`_refuse_near_month_starts` leaves
    and were told "irregular steps (usual step: 30 days)" with no word of what to do."""
    local = _local(index)
    held = _index_held(source.strip("`"))
    zone = ".tz_localize(None)" if index.tz is not None else ""
    hour = 3_600 * 10**9
    # the nearest midnight (another clock's) or the day's own (its last hour), as the dates
    # they stand for; a business month's start or end is the first or last weekday of its month
    for how, days in (("round", local.round("D")), ("normalize", local.normalize())):
        off = _nanos_off(local, days)
        if not off.any() or off.max() >= (12 if how == "round" else 24) * hour:
            continue
        months = days.to_period("M")
        for edge, edges in (
            ("start", months.to_timestamp().map(pd.offsets.BMonthBegin().rollforward)),
            (
                "end",
                months.to_timestamp(how="end").normalize().map(pd.offsets.BMonthEnd().rollback),
            ),
        ):
            if not (days == edges).all():
                continue
            if not _monthly_steps(days):
                return
            k = int(np.flatnonzero(off)[0])
            to = ".round('D')" if how == "round" else ".normalize()"
            example = "2019-01-01" if edge == "start" else "2019-01-31"
            move = (
                f"{held} = {held}{zone}{to}"
                if source.startswith("`")
                else f"write them as the days they are ({example}), e.g. with pandas: "
                f"dates{zone.replace('.', '.dt.')}.dt{to}"
            )
            clock = (
                "midnights of a time zone written in UTC, say"
                if how == "round"
                else "the day's last hour, say"
            )
            raise ValueError(
                f"timestamps in {source} must be regularly spaced, got {int((off > 0).sum())} "
                f"of {len(index)} off a business month's {edge} by up to "
                f"{_offset_words(int(off.max()))} ({_label(index[k])} for {_label(days[k])}): "
                f"business month {edge}s (the {'first' if edge == 'start' else 'last'} weekday "
                f"of each month) written on another clock ({clock}) read as irregular steps. "
                f"Move them to the day: {move}."
            )


# Quarters, year first ("2004Q1", "2004-Q1", "2004 Q1") or quarter first ("Q1 2004", "Q1-2004").
_QUARTER = re.compile(r"\s*(?:(\d{4})\s*-?\s*[Qq]([1-4])|[Qq]([1-4])\s*[-/ ]?\s*(\d{4}))\s*")
# ISO 8601 weeks, e.g. 2021-W07 (or 2021W07): the week's Monday.
_ISO_WEEK = re.compile(r"\s*(\d{4})-?W(\d{2})\s*")
# A span "2000-01-03/2000-01-09": how pandas writes a weekly period (to_csv of a PeriodIndex).
_SPAN = re.compile(r"\s*(\d{4}-\d{1,2}-\d{1,2})\s*/\s*\d{4}-\d{1,2}-\d{1,2}\s*")
# A year, also written as a float, e.g. 1949.0 (a spreadsheet's number column, or pandas'
# to_csv of a year column beside a gap), in a column that may mix both: the year.
_WHOLE_YEAR = re.compile(r"\s*(\d{4})(?:\.0*)?\s*")
# A year with decimals, as R's time() writes the months of a monthly ts (1949.08333333333:
# year + (month - 1) / 12), its quarters (1949.25) or half-years (1949.5), the first whole;
# write.csv2 writes them with a decimal comma (1949,08333333333), which no date has.
_DECIMAL_YEAR = re.compile(r"\s*\d{4}(?:[.,]\d*)?\s*")
# The periods a year R's time() counts in (a ts' frequency), with their names, coarsest first.
_DECIMAL_YEAR_FREQS = ((2, "half-year"), (4, "quarter"), (12, "month"))
_DECIMAL_YEAR_EXPECTED = (
    "decimal years as R's time() writes them: year + (month - 1)/12 for monthly data "
    "(1949.08333333333 or 1949.08 for February), year + (quarter - 1)/4 for quarterly data "
    "(1949.25), year + 0.5 for the second half-year, one row per period"
)
# Two small numbers then a year, e.g. 01/02/2015: day first or month first?
_NUMERIC_DATE = re.compile(r"\s*\d{1,2}([./-])\d{1,2}\1(\d{4}|\d{2})(?!\d)")


def _weekly_decimal_years(numbers: np.ndarray, tol: float) -> str:
    """Where decimal years ``numbers`` (written to within ``tol``) step by 1/52 or 1/365 of a
    year, as R's time() writes a weekly or daily ts (frequency 52 or 365), which no date
    reads: how to write their dates in R; ``""`` otherwise. They were refused as none of the
    months, quarters or half-years alone, which left an R user without a next step."""
    for per, unit, kind in ((52, "week", "weekly"), (365, "day", "daily")):
        steps = np.round(numbers * per)
        # written finely enough to tell the steps apart, one row after the other
        if (
            tol * per < 0.25
            and (np.abs(numbers * per - steps) <= tol * per).all()
            and (np.diff(steps) == 1).all()
        ):
            return (
                f"; they step by 1/{per} of a year, as time() writes a {kind} ts (frequency "
                f"{per}), which names no dates: write the dates in R, e.g. data.frame(date = "
                f'seq(as.Date("2020-01-06"), by = "{unit}", length.out = length(x)), value = '
                f"as.numeric(x)) from the series' first {unit}"
            )
    return ""


def _decimal_years(values: pd.Series, slack: float = 0.0, repeats: bool = True) -> np.ndarray | str:
    """The month numbers (``year * 12 + month - 1``) of the periods that ``values`` (decimal
    years written as text, none missing, indexed by their CSV rows - 2) start, or why they are
    not decimal years.
    ``slack``: the error the numbers may carry beyond their rounding (a float32's spacing).
    ``repeats``: refuse rows rounded to one decimal that land on one period as too coarse
    (else they are given, for the index's refusal of duplicates): where the rounding explains
    the repeat, two texts (1949.2, 1949.3) or one that is two months (1949.2: March or April);
    a repeated 1949.5 (July alone) is a duplicate row.

    Every value must lie on one grid of ``year + k/f`` (``f`` 2, 4 or 12, the coarsest that
    fits) to within the rounding its column shows: half a unit in the last decimal written by
    any value (R writes 15 significant digits, and exact values such as 1949.5 with fewer), so
    1949.08 and 1949.083333333 are both February; 1949.1 is not (a tenth cannot tell months
    apart). Rows a year or more apart are no such series: R writes a yearly one as whole
    years; nor are rows s months apart (a ts of 12/s periods a year) whose periods do not
    start in January, every s months (1949.25, 1949.75: half-years start in January and July;
    1949.2, 1949.8 then read as year.month stamps, February and August).
    """
    text, numbers, decimals = _decimal_text(values)
    # half the last place written, and room for the float's own error (1e-12 at 1949)
    tol = 0.5 * 10.0**-decimals + 1e-9 + slack
    fits = [
        (per, unit)
        for per, unit in _DECIMAL_YEAR_FREQS
        if (np.abs(numbers * per - np.round(numbers * per)) <= tol * per).all()
    ]
    if not fits:
        off = np.abs(numbers * 12 - np.round(numbers * 12)) > tol * 12
        k = int(np.flatnonzero(off)[0])
        month = np.round(numbers[k] * 12)
        cut = ""
        if abs(numbers[k] * 12 - month) <= 12 * (10.0**-decimals + 1e-9) and decimals >= 2:
            # within one unit of the last decimal: cut off where R's round() rounds
            cut = f" (cut off rather than rounded? rounded, it is {month / 12:.{decimals}f})"
        return (
            f"got {text.iloc[k]!r} (row {_row_line(values.index[k])}), which is none of these{cut}"
            + _weekly_decimal_years(numbers, tol)
        )
    per, unit = fits[0]
    if 10.0**-decimals >= 1 / per:  # two periods within the rounding of one value
        two = np.flatnonzero(_between_two(numbers, per, tol))
        example = ""
        if len(two):
            k = int(two[0])
            first = int(np.floor(numbers[k] * per)) % per
            names = [_month_name(j * 12 // per) for j in (first, first + 1)]
            example = (
                f" ({text.iloc[k]!r}, row {_row_line(values.index[k])}, is {' or '.join(names)})"
            )
        return (
            f"got them rounded to {decimals} decimal{'s' if decimals != 1 else ''}, too few to "
            f"tell the {unit}s apart{example}; write at least {int(np.ceil(np.log10(per)))} "
            "decimals"
        )
    periods = np.round(numbers * per).astype(np.int64)
    months = periods // per * 12 + periods % per * (12 // per)
    repeated = np.flatnonzero(pd.Series(periods).duplicated().to_numpy())
    if repeats and len(repeated) and 10.0**-decimals >= 1 / 12:
        # months rounded to one decimal may fit a coarser grid and land two rows on one
        # period (1949.2 and 1949.2, March and April, on the second quarter); a repeat the
        # rounding does not explain (1949.5 twice: July alone) is a duplicate row
        on = pd.Series(np.arange(len(periods))).groupby(periods).transform("first").to_numpy()
        texts = text.to_numpy()
        two = _between_two(numbers, 12, tol)
        rounded = repeated[(texts[repeated] != texts[on[repeated]]) | two[repeated]]
        if len(rounded):
            j = int(rounded[0])
            i = int(on[j])
            start = f"{_month_name(months[j])} {months[j] // 12}"
            return (
                f"got them rounded to {decimals} decimal{'s' if decimals != 1 else ''}, too "
                f"few to tell the months apart: rows {_row_line(values.index[i])} and "
                f"{_row_line(values.index[j])} ({text.iloc[i]!r}, {text.iloc[j]!r}) both read "
                f"as the {unit} that starts in {start}; write at least 2 decimals"
            )
    steps = np.diff(np.unique(months))
    step = int(pd.Series(steps).mode().iloc[0]) if len(steps) else 1
    first = f"({text.iloc[0]!r}, {text.iloc[1]!r}, ...)" if len(text) > 1 else ""
    if step >= 12:
        return (
            f"got rows a year or more apart {first}, which R writes as whole years (1949, 1950, "
            "...)"
        )
    # A ts of f periods a year starts them in January, every 12/f months: 1949.25, 1949.75,
    # ... (April, October) are no half-years, but may be 1949.2, 1949.8 (February, August).
    if 12 % step:
        return f"got rows {step} months apart {first}, which divide no year into periods"
    if (months % step).any():
        *others, last = [_month_name(m) for m in range(0, 12, step)]
        starts = f"{', '.join(others)} and {last}"
        return (
            f"got rows {step} months apart from {_month_name(months[0])} {first}, but R's "
            f"time() starts a year's {12 // step} periods in {starts}"
        )
    return months


def _decimal_text(values: pd.Series) -> tuple[pd.Series, np.ndarray, int]:
    """Decimal years written as text (``values``): the text without spaces around it, the
    numbers, and the most decimals any of them is written with (trailing zeros aside)."""
    text = values.str.strip()
    points = text.str.replace(",", ".", regex=False)  # R's write.csv2: 1949,08333333333
    decimals = int(points.str.partition(".")[2].str.rstrip("0").str.len().max())
    return text, points.astype(float).to_numpy(), decimals


def _between_two(numbers: np.ndarray, per: int, tol: float) -> np.ndarray:
    """Which of the decimal years ``numbers`` lie within ``tol`` (years) of the starts of two
    neighbouring periods of ``1 / per`` years (1949.2 at one decimal: March or April)."""
    scaled = numbers * per
    low = np.floor(scaled)
    return (scaled - low <= tol * per) & (low + 1 - scaled <= tol * per)


def _two_months(values: pd.Series) -> np.ndarray:
    """Which of the decimal years ``values`` (text) lie within the rounding their column shows
    of two months (1949.2, 1949.3 at one decimal: March or April, April or May), so that two
    rows of one text may be two months; 1949.5 at one decimal is July alone."""
    _, numbers, decimals = _decimal_text(values)
    return _between_two(numbers, 12, 0.5 * 10.0**-decimals + 1e-9)


def _month_name(month: int) -> str:
    """The name of the month number ``month`` (``year * 12 + month - 1``)."""
    return date(2000, 1 + int(month) % 12, 1).strftime("%B")


def _decimal_year_dates(
    text: pd.Series, values: pd.Series, where: str, repeats: bool = True
) -> pd.Series | None:
    """The period starts that the decimal years in ``text`` (``values``: those present) stand
    for, as R's ``time()`` writes them; ``None`` for stamps of a year and its month that are no
    decimal years (``1949.01``, ``1949.5`` a year apart: May), which the general path reads.
    ``repeats``: as for :func:`_decimal_years` (False: repeats are left to the duplicates'
    refusal, as in a long-format file, where every stamp repeats).

    Raises:
        ValueError: for decimals that are neither, saying what was expected.
    """
    months = _decimal_years(values, repeats=repeats)
    if isinstance(months, str):
        fmt = _format_that_reads(values)
        if fmt is None:
            raise ValueError(f"{where} must hold dates or {_DECIMAL_YEAR_EXPECTED}; {months}.")
        read = pd.to_datetime(values, format=fmt)
        # a repeat the rounding explains: 1949.2 twice may be March and April, 1949.1 is
        # February alone
        repeated = read.duplicated().to_numpy() & _two_months(values)
        if months.startswith("got them rounded") and repeats and repeated.any():
            # months at one decimal (1949.2 is March and April) read as year.month stamps
            # repeat, which the duplicates' refusal alone did not explain
            twice = values.index[read == read[repeated].iloc[0]][:2]
            raise ValueError(
                f"{where} must hold dates or {_DECIMAL_YEAR_EXPECTED}; {months} (read as "
                f"{fmt!r} instead, rows {_row_line(twice[0])} and {_row_line(twice[1])} are "
                f"both {_label(read[twice[0]])})."
            )
        return None
    return pd.Series(_month_starts(months), index=values.index).reindex(text.index)


def _month_starts(months: np.ndarray) -> pd.DatetimeIndex:
    """The first days of the month numbers ``months`` (``year * 12 + month - 1``)."""
    years, month = np.divmod(months, 12)
    return pd.DatetimeIndex(pd.to_datetime({"year": years, "month": month + 1, "day": 1}))


def _guess_format(text: str, dayfirst: bool = False) -> str | None:
    """The strftime format pandas infers from one date string, or None."""
    with warnings.catch_warnings():  # pandas warns when the guess contradicts ``dayfirst``
        warnings.simplefilter("ignore")
        return guess_datetime_format(text, dayfirst=dayfirst)


def _to_datetime(text: pd.Series, date_format: str, where: str) -> pd.Series:
    """Parse every string with one format; NaT where a string does not fit it.

    Stamps whose UTC offsets differ between rows (daylight saving: ``+01:00`` in winter,
    ``+02:00`` in summer) name instants that no one fixed offset holds. Times of day are read
    in UTC, where hourly data stays regular; dates (every stamp at local midnight: daily data
    and coarser) keep their wall-clock dates, which UTC would move to the evening before.
    """
    try:
        with warnings.catch_warnings():  # pandas < 3 warns of mixed offsets, and mixes them
            warnings.filterwarnings("error", ".*mixed time zones", FutureWarning)
            return pd.to_datetime(text, format=date_format, errors="coerce")
    except (ValueError, FutureWarning) as err:
        if "%z" in date_format or "%Z" in date_format:
            try:
                utc = pd.to_datetime(text, format=date_format, errors="coerce", utc=True)
            except ValueError:
                pass
            else:
                wall = _wall_clock(text, date_format)
                if wall is not None and (wall.dropna() == wall.dropna().dt.normalize()).all():
                    return wall
                return utc
        raise ValueError(f"{where} could not be read as dates with {date_format!r}: {err}") from err


def _wall_clock(text: pd.Series, date_format: str) -> pd.Series | None:
    """The local date and time each stamp writes, without its offset (None if one does not
    parse with ``date_format``)."""
    out = []
    for value in text:
        if pd.isna(value):
            out.append(pd.NaT)
            continue
        try:
            out.append(datetime.strptime(str(value), date_format).replace(tzinfo=None))
        except ValueError:
            return None
    return pd.Series(pd.to_datetime(out), index=text.index)


def _regular(dates: pd.Series) -> bool:
    """Whether parsed dates are complete, unique, increasing and evenly spaced."""
    index = pd.DatetimeIndex(dates)
    return (
        len(index) >= 3
        and not index.hasnans
        and index.is_unique
        and index.is_monotonic_increasing
        and pd.DatetimeIndex(index, freq="infer").freq is not None
    )


# Offset names (their part before any "-") in words: the adjective, and the unit for multiples.
_FREQUENCY_WORDS = {
    "D": ("daily", "day"),
    "B": ("business-daily", "business day"),
    "W": ("weekly", "week"),
    "MS": ("monthly", "month"),
    "ME": ("monthly", "month"),
    "M": ("monthly", "month"),
    "QS": ("quarterly", "quarter"),
    "QE": ("quarterly", "quarter"),
    "Q": ("quarterly", "quarter"),
    "YS": ("yearly", "year"),
    "YE": ("yearly", "year"),
    "Y": ("yearly", "year"),
    "AS": ("yearly", "year"),
    "A": ("yearly", "year"),
    "h": ("hourly", "hour"),
    "H": ("hourly", "hour"),
    "SMS": ("half-monthly", "half month"),
    "SME": ("half-monthly", "half month"),
    "C": ("business-daily", "business day"),
    "bh": ("hourly in business hours", "business hour"),
    "cbh": ("hourly in business hours", "business hour"),
}


def _frequency_words(index: pd.DatetimeIndex) -> str:
    """A regular index's frequency: ``daily``, ``every 2 weeks``, ``half-monthly``, ``of
    frequency 'min'``."""
    freq = pd.DatetimeIndex(index, freq="infer").freq
    words = _FREQUENCY_WORDS.get(freq.rule_code.split("-")[0])
    if words is None:
        return f"of frequency {freq.freqstr!r}"
    return words[0] if freq.n == 1 else f"every {freq.n} {words[1]}s"


def _grid_of(dates: pd.Series) -> pd.DatetimeIndex | None:
    """The regular index that ``dates`` make, with or without gaps (see :func:`_regular_grid`),
    or None: for missing, repeated or unsorted dates, or fewer than three."""
    index = pd.DatetimeIndex(dates)
    if len(index) < 3 or index.hasnans or not index.is_unique:
        return None
    if not index.is_monotonic_increasing:
        return None
    return index if _regular(dates) else _regular_grid(index)


def _date_format_remedy(fmt: str) -> str:
    """``date_format=fmt`` with its flag, ``--date-format 'fmt'`` (see :func:`remedy`)."""
    return remedy(f"date_format={fmt!r}", f"--date-format '{fmt}'")


def _refuse_either_way(
    text: pd.Series,
    present: np.ndarray,
    dates: pd.Series,
    fmt: str | None,
    dayfirst: str,
    where: str,
) -> None:
    """Raise if dates read month-first (``dates``, with ``fmt``, or value by value where pandas
    infers no format: ``01/02/99``) and day-first (``dayfirst``) make two different regular
    series (``01/02/2000``..``01/12/2000``: daily, or monthly), or two regular series with gaps
    (which a fill would fill as either), as nothing in the column says which is meant. One
    regular reading beside one with gaps is left to the caller: the regular one is meant; so is
    month-first with gaps where day-first misses more dates than the column has. The caller
    passes no dates with a day past the 12th, which day-first reads as no date."""
    month_grid = _grid_of(dates[present])
    if month_grid is None:
        return
    if fmt is None:  # the month-first format that reads them so: day and month swapped
        fmt = dayfirst.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
    swapped = _to_datetime(text, dayfirst, where)
    if "%y" in dayfirst:
        swapped = _centuries(swapped)
    month_first, day_first = pd.DatetimeIndex(dates[present]), pd.DatetimeIndex(swapped[present])
    grids = month_grid, _grid_of(swapped[present])
    if grids[1] is None:
        return
    if (len(grids[0]) > len(month_first)) != (len(grids[1]) > len(day_first)):
        return  # one reading regular, the other with gaps: the regular one is meant
    if len(grids[0]) <= 2 * len(month_first) < len(grids[1]):
        # with gaps both ways, day-first misses more dates than it has, month-first does not
        # (01/01/2022 .. 12/01/2022, 01/01/2023, ... a month missing: day-first, twelve days
        # of each January): month-first is meant, as it was read before
        return
    if month_first.equals(day_first):  # every day is its month (01/01, 02/02, ...)
        return

    def reading(index: pd.DatetimeIndex, grid: pd.DatetimeIndex) -> str:
        missing = len(grid) - len(index)
        gaps = f" with {missing} missing" if missing else ""
        return f"{_frequency_words(grid)}{gaps}, {index[0]:%Y-%m-%d} to {index[-1]:%Y-%m-%d}"

    raise ValueError(
        f"the dates in {where} read two ways: month-first ({fmt!r}) they are "
        f"{reading(month_first, grids[0])}; day-first ({dayfirst!r}) they are "
        f"{reading(day_first, grids[1])}. "
        f"Pass {_date_format_remedy(fmt)} to read them month-first, or "
        f"{_date_format_remedy(dayfirst)} to read them day-first."
    )


def _what_is_wrong(dates: pd.Series, text: pd.Series, present: np.ndarray) -> str:
    """A few words on why month-first dates do not make a regular index."""
    bad = np.flatnonzero(present & dates.isna().to_numpy())
    if len(bad):
        return (
            f"include non-dates such as {text.iloc[bad[0]]!r} (row {_row_line(text.index[bad[0]])})"
        )
    index = pd.DatetimeIndex(dates[present])
    if not index.is_unique:
        return "have duplicates"
    if not index.is_monotonic_increasing:
        return "are not in increasing order"
    return "are not evenly spaced"


def _all_match(values: pd.Series, pattern: re.Pattern[str]) -> bool:
    """Whether ``values`` (strings, none missing) are not empty and all match ``pattern``. The
    first value is tried alone first: a column of dates in another form costs no pass over it."""
    return (
        len(values) > 0
        and pattern.fullmatch(values.iloc[0]) is not None
        and bool(values.str.fullmatch(pattern).all())
    )


def _parse_dates(
    text: pd.Series,
    date_col: str,
    name: str,
    date_format: str | None,
    rows: np.ndarray | None = None,
    repeats: bool = True,
    last_row: int | None = None,
    typed: str | None = None,
) -> pd.DatetimeIndex:
    """Parse a date column with one format: ``date_format``, or the one inferred from its values.
    ``repeats``: as for :func:`_decimal_year_dates`; ``last_row``: the file's last row, as
    ``rows`` number them, and ``typed``: its path as typed (:func:`_summary_rows_hint`).

    Without ``date_format``, a column is refused rather than guessed at when its values need
    several formats, or when they only make a regular series read day-first.
    """
    where = f"column {date_col!r} of {name}"
    hint = (
        "pass " + remedy("date_format", "--date-format") + ", a strftime format such as '%Y-%m-%d'"
    )
    text = _python_strings(text.str.strip())  # " Jan-05" beside "Feb-05" is one format, not two
    # indexed by the file's rows (0: the first below the header), which messages give + 2
    text = text.set_axis(rows if rows is not None else np.arange(len(text)))
    present = (text.notna() & text.ne("")).to_numpy()
    values = text[present]
    dates: pd.Series
    fmt: str | None = None
    if date_format is not None:
        # whole numbers written as floats (1949.0, a spreadsheet's number column) read as
        # their digits by a format without a "." (for "%Y"), which reads no value with one
        digits = text.str.replace(r"^(\d+)\.0*$", r"\1", regex=True)
        dates = _to_datetime(text if "." in date_format else digits, date_format, where)
    elif _all_match(values, _QUARTER):
        # "2000Q1": no strftime format reads quarters, so they are read by hand.
        parts = text.str.extract(_QUARTER)
        year, quarter = parts[0].fillna(parts[3]), parts[1].fillna(parts[2])
        stamps = pd.to_datetime(
            {"year": year.astype(float), "month": quarter.astype(float) * 3 - 2, "day": 1}
        )
        dates = pd.Series(stamps, index=text.index)
    elif _all_match(values, _ISO_WEEK):
        # "2021-W07": strptime reads ISO weeks only with a weekday, so each becomes its Monday.
        parts = text.str.extract(_ISO_WEEK)
        dates = pd.to_datetime(parts[0] + "-" + parts[1] + "-1", format="%G-%V-%u", errors="coerce")
    elif _all_match(values, _SPAN):
        # "2000-01-03/2000-01-09" (dateutil reads the second date as a time zone): the start
        dates = pd.to_datetime(text.str.extract(_SPAN)[0], format="%Y-%m-%d", errors="coerce")
    elif _all_match(values, _WHOLE_YEAR):
        # as the four digits alone read (1949: a year); without this, unparsable dates
        years = text.str.extract(_WHOLE_YEAR)[0]
        dates = pd.to_datetime(years, format="%Y", errors="coerce")
    elif (
        _all_match(values, _DECIMAL_YEAR)
        and (decimal := _decimal_year_dates(text, values, where, repeats)) is not None
    ):
        # 1949.08333333333 (R's time() of a monthly ts): the month it starts
        dates = decimal
    else:
        first = values.iloc[0] if len(values) else ""
        fmt = _guess_format(first) or _month_name_format(values)
        if fmt is None:
            dates = _parse_without_format(text, values, where, hint)
        else:
            dates = _to_datetime(text, fmt, where)
        dayfirst = _dayfirst_format(first, fmt)
        # two-digit years are judged as they will be read, a century earlier in the future
        years = _centuries if dayfirst is not None and "%y" in dayfirst else lambda d: d
        # a day past the 12th is no month: day-first reads no date there, and is not parsed
        if dayfirst is not None and not ((read := years(dates))[present].dt.day > 12).any():
            _refuse_either_way(text, present, read, fmt, dayfirst, where)
        if dayfirst is not None and not _regular(years(dates[present])):
            swapped = _to_datetime(text, dayfirst, where)
            # Regular read day-first; or, with gaps, some not dates read month-first (13/01)
            # where day-first reads every one: the day comes first either way.
            if _regular(years(swapped[present])):
                read = "are regular"
            elif (present & dates.isna().to_numpy()).any() and not (
                present & swapped.isna().to_numpy()
            ).any():
                read = "are all dates"
            else:
                read = None
            if read is not None:
                _advise(date_format=dayfirst)
                raise ValueError(
                    f"the dates in {where} look day-first: read month-first they "
                    f"{_what_is_wrong(years(dates), text, present)}, read day-first they {read}. "
                    f"Pass {_date_format_remedy(dayfirst)} to read them day-first."
                )
        if fmt is not None and (present & dates.isna().to_numpy()).any():
            _refuse_mixed_formats(text, present, fmt, where, hint)
    bad = np.flatnonzero(dates.isna().to_numpy())
    if len(bad):
        shown = [
            f"row {_row_line(text.index[i])} ({text.iloc[i]!r})"
            if present[i]
            else f"row {_row_line(text.index[i])} (empty)"
            for i in bad
        ]
        summary = _summary_rows_hint(text, bad, name, last_row, typed)
        if not present[bad].any():  # a missing date (read as "nan") is no format to pass
            expected = "; every row needs its timestamp: give it, or delete the row"
        elif summary:
            expected = summary
        elif date_format is not None:
            expected = "; expected dates in " + dates_expected(date_format)
            if "%" not in date_format:  # dd.mm.yyyy, as spreadsheets write formats
                expected += ", which has no strftime directive (%d, %m, %Y, ...)"
            reads = _format_for(values, date_format) if dates.isna().all() else None
            if reads is not None:
                expected += "; " + said_to_caller(
                    f"{reads!r} reads every one (CLI: --date-format '{reads}')",
                    f"--date-format '{reads}' reads every one",
                )
        elif fmt is not None:
            expected = f"; expected dates like the first one ({fmt!r}), or {hint}"
        elif len(values):
            reads = _format_that_reads(values)
            if reads is not None:
                _advise(date_format=reads)
            expected = f"; no date format is inferred from {values.iloc[0]!r}: " + (
                "pass " + _date_format_remedy(reads) + ", which reads every one"
                if reads is not None
                else _serials_or_weeks_hint(values, hint) or hint
            )
        else:
            expected = ""
        what = "unparsable dates" if present[bad].any() else "no date"
        raise ValueError(f"{where} has {what} at {_describe_positions(shown)}{expected}.")
    used = date_format if date_format is not None else fmt
    two_digits = "%y" in used if used is not None else _writes_two_digit_years(values, dates)
    return pd.DatetimeIndex(
        _past_century(dates, text, where) if two_digits else dates, name=date_col
    )


# a summary's word in a row's date: a spreadsheet's row under the data that sums it up (Total,
# Sum, Grand total:, Summe, Average), or one among the rows ("2015 total", "Total Q1", "Subtotal")
_SUMMARY_AMID = re.compile(
    r"\b(?:grand\s+|sub-?)?(?:totals?|sum|summe|gesamt|insgesamt|average|avg|mean|"
    r"durchschnitt|mittelwert|somme|moyenne)\b",
    re.IGNORECASE,
)
# any word(s) without a digit ("Notes", "Source: ACME"), which no date is
_WORDS = re.compile(r"\s*[^\W\d_]+(?:[\s:.,()'-]+[^\W\d_]+)*[\s:.]*", re.IGNORECASE)


def _summary_rows_hint(
    text: pd.Series,
    bad: np.ndarray,
    name: str,
    last_row: int | None = None,
    typed: str | None = None,
) -> str:
    """The end of the refusal of unparsable dates where they are the column's last rows alone
    and read as a summary row's word (``Total`` under monthly rows, a spreadsheet's export),
    or the last row alone is words without a digit: a date format, which that refusal advised,
    reads no such row, so it says to delete the row(s), or on the command line to read the
    file without them where they are its last lines (``last_row``: the file's last row, as
    ``text`` is indexed); rows among the data's whose dates hold a summary's word (``2015
    total`` between December and January) are told as subtotals, to be deleted; ``""``
    otherwise. ``name``: the file, as :func:`typed_path` names it; ``typed``: its path as the
    user typed it (:func:`_typed_text`), which the command reads."""
    k = len(bad)
    if k == 0 or k >= len(text):
        return ""
    values = [v if isinstance(v, str) else "" for v in text.iloc[bad]]
    it = "it" if k == 1 else "them"
    if not np.array_equal(bad, np.arange(len(text) - k, len(text))):
        # a subtotal between the rows ("2015 total" under December) was told a date format
        if not all(_SUMMARY_AMID.search(v) for v in values):
            return ""
        rows = "row looks like a subtotal" if k == 1 else f"{k} rows look like subtotals"
        return (
            f"; the {rows} among the data's rows, which no date format reads: delete {it} "
            "from the file"
        )
    # or a year's total ("2019 total", "Total 2019") as the last row: told a date format
    if all(_SUMMARY_AMID.search(v) for v in values):
        rows = "row looks like a summary row" if k == 1 else f"{k} rows look like summary rows"
        rows += " under the data, which no date format reads"
    elif k == 1 and _WORDS.fullmatch(values[0]):
        rows = "row holds words, no date, as a note or a summary row under the data does"
    else:
        return ""
    command = cli_command.get()
    if command is None or last_row is None or typed is None or int(text.index[-1]) != last_row:
        fix = f"delete {it} from the file"
    else:
        fix = f"delete {it} from the file, or read the file without {it}: " + _read_cut(
            k, typed, command
        )
    return f"; the last {rows}: {fix}"


def _read_cut(k: int, file: str, command: str) -> str:
    """``lstmkit COMMAND`` reading ``file`` (as typed) without its last ``k`` lines
    (:func:`_last_lines_cut`) from standard input, the other flags as given: ``predict`` and
    ``explain`` take their model too (``lstmkit predict --csv -`` alone was refused for the
    model it lacks)."""
    given = "the other flags"
    if command in ("predict", "explain"):
        given = "the model and the other flags"
    return f"{_last_lines_cut(k, file)} | lstmkit {command} --csv - (with {given} as given)"


def _empty_end_cut(
    refused: int,
    frame: pd.DataFrame,
    stamps: pd.Index,
    rows: np.ndarray,
    last_row: int | None,
    typed: str,
) -> str:
    """`` On the command line, read the file without them: sed '$d' FILE | ...`` for the
    refusal of ``refused`` rows with no target after its last value (:func:`_empty_end_refusal`,
    "drop them", with no command, where a summary row under the data was told ``sed '$d'``;
    0: another refusal), where those rows are the file's last lines (``rows``: the file's row
    of each of ``frame``'s, as read, its dates ``stamps`` in order; ``last_row``: the file's
    last); ``""`` otherwise. The lines are counted in the file, which has none for a row the
    grid inserted. ``typed``: the file's path as the user typed it (:func:`_typed_text`)."""
    command = cli_command.get()
    if not refused or command is None or last_row is None or not len(rows):
        return ""
    target = frame.iloc[:, 0]
    blank = (target.isna() | target.astype(str).str.strip().eq("")).to_numpy()
    k = _empty_tail(blank)
    tail = rows[len(rows) - k :]
    if not k or k == len(rows) or not pd.Index(stamps).is_monotonic_increasing:
        return ""
    if tail.tolist() != list(range(last_row - k + 1, last_row + 1)):
        return ""  # not the file's last lines (a row below them, or another series')
    them = "it" if k == 1 else "them"
    return (
        f" On the command line, read the file without {them}: " + _read_cut(k, typed, command) + "."
    )


# years with week numbers as no strftime format reads them: 2021-W1, 2021 W01, W01 2021, and
# 202101 (the digits alone, where some week is past 12: else year-months, which %Y%m reads)
# (anchored: str.extract searches, which found 202113 in "ID-202113x")
_WEEKS = re.compile(
    r"\A\s*(?:(\d{4})[-\s]?W(\d{1,2})|W(\d{1,2})[-\s/]?(\d{4})|(\d{4})(\d{2}))\s*\Z",
    re.IGNORECASE,
)


# a day and month or an hour and minute as a number: 01.01, 28.02, 0.30, 23.30
_DAY_MONTH_OR_TIME = r"\d{1,2}[.,]\d{2}"


def _serials_or_weeks_hint(values: pd.Series, hint: str) -> str:
    """What to do with a date column no format reads that holds a spreadsheet's serial
    date-times (``45291.25``, a day and a fraction of one), years with week numbers
    (``202101``, ``2021-W1``) or other numbers (an amounts column named as the dates: they
    were called serial dates where only each was in range, 45000.5, 30000.25, 79000: then
    ``hint``, how to pass a date format, comes last, as it alone does for days and months or
    times written as numbers, 01.01 or 23.30); "" for any other."""
    numbers = pd.to_numeric(values, errors="coerce")
    numeric = bool(numbers.notna().all()) and len(numbers) > 0
    if numeric and _serials(numbers.to_numpy()) and (numbers % 1).any():
        first = values.iloc[0]
        stamp = (_SERIAL_EPOCH + pd.Timedelta(days=float(first))).round("s")
        shown = stamp.strftime("%Y-%m-%d %H:%M:%S").removesuffix(":00")
        return (
            f"they look like the serial numbers a spreadsheet stores dates and times as "
            f"({first} is {shown}): format the column as dates with times in the spreadsheet "
            "and save the CSV again"
        )
    parts = values.str.extract(_WEEKS).astype(float)
    years = parts[0].fillna(parts[3]).fillna(parts[4])
    weeks = parts[1].fillna(parts[2]).fillna(parts[5])
    digits = parts[4].notna()
    if (
        years.notna().all()
        and years.between(*_YEARS).all()
        and weeks.between(1, 53).all()
        and (not digits.any() or (weeks[digits] > 12).any())
    ):
        year, week = int(years.iloc[0]), int(weeks.iloc[0])
        return (
            f"they look like years and week numbers ({values.iloc[0]!r} for week {week} of "
            f"{year}?), which no date format reads: write ISO weeks as {year}-W{week:02d} "
            "(each read as its week's Monday), or write the date each week starts"
        )
    if numeric and not _python_strings(values.astype(str)).str.fullmatch(_DAY_MONTH_OR_TIME).all():
        # numbers, yet no serial dates: say so (not for 01.01 ... 28.02 or 0.00 ... 23.30, days
        # and months or times without a year, which only need a format)
        low, high = values[numbers.idxmin()], values[numbers.idxmax()]  # as written
        order = "" if _in_order(numbers.to_numpy()) else " and in no order"
        return (
            f"from {low} to {high}{order}, they are no spreadsheet's serial dates: pass the "
            f"column of dates as {remedy('date_col', '--date-col')}, or {hint}"
        )
    return ""


def _past_century(dates: pd.Series, text: pd.Series, where: str) -> pd.Series:
    """Dates written with two-digit years that lie in the future, a century earlier, with a
    warning. strptime reads "49" as 2049 and dateutil as the year nearest today; the dates of a
    series' history, such as the airline data's "Jan-49", are in the past."""
    moved = _centuries(dates)
    future = (moved != dates).to_numpy()
    if not future.any():
        return dates
    k = int(np.flatnonzero(future)[0])
    warnings.warn(
        f"{where} writes its years with two digits, and {int(future.sum())} of its dates would "
        f"lie in the future, from {text.iloc[k]!r} (row {_row_line(text.index[k])}) on: they "
        f"are read a century earlier, {text.iloc[k]!r} as {moved.iloc[k]:%Y-%m-%d}. Write "
        "four-digit years to read them otherwise.",
        UserWarning,
        stacklevel=user_stacklevel(),
    )
    return moved


def _centuries(dates: pd.Series) -> pd.Series:
    """``dates`` read from two-digit years with those in the future a century earlier, unless
    that puts increasing dates out of order: then they are a history that runs into the future
    (a week's stamp at its end, a plan), and stay as read."""
    future = dates > pd.Timestamp.now(tz=dates.dt.tz)
    if not future.any():
        return dates
    moved = dates.where(~future, dates - pd.DateOffset(years=100))
    if dates.is_monotonic_increasing and not moved.is_monotonic_increasing:
        return dates
    return moved


def _writes_two_digit_years(values: pd.Series, dates: pd.Series) -> bool:
    """Whether dates parsed without a format (``values``, the cells present) write their years
    with two digits: no run of three digits, and every one writes its year's last two as a
    number of their own that is no part of a time (a time alone, "12:30", is read on today's
    date, whose year it does not write)."""
    if values.str.contains(r"\d{3}").any():
        return False
    return all(
        re.search(rf"(?<![\d:]){year % 100:02d}(?![\d:])", value) is not None
        for value, year in zip(values, dates[values.index].dt.year, strict=True)
    )


# Month stamps pandas infers no format for: statistical offices' "1949M01", "194901", the
# German "01.1949" (whose first nine months pandas reads value by value, and not the rest).
_MONTH_FORMATS = ("%YM%m", "%Y%m", "%m.%Y", "%m/%Y", "%m-%Y", "%Y.%m", "%Y/%m")


# A month's name and a two-digit year ("Jan-49", the airline data's), which pandas infers no
# format for, and dateutil reads as a day of this year where the year is a day ("Jan-05").
_MONTH_NAME_FORMATS = ("%b-%y", "%b %y", "%b/%y", "%b.%y", "%B-%y", "%B %y")


def _month_name_format(values: pd.Series) -> str | None:
    """The first of :data:`_MONTH_NAME_FORMATS` that reads every one of ``values`` (which have
    two-digit years), else None."""
    if not len(values) or not values.str.fullmatch(r"[^\W\d_]{3,}\W?\s*\d{2}").all():
        return None
    return _format_that_reads(values, _MONTH_NAME_FORMATS)


def _format_that_reads(values: pd.Series, formats: tuple[str, ...] = _MONTH_FORMATS) -> str | None:
    """The first of ``formats`` that reads every one of ``values``, else None."""
    for fmt in formats:
        if pd.to_datetime(values, format=fmt, errors="coerce").notna().all():
            return fmt
    return None


def _format_for(values: pd.Series, date_format: str) -> str | None:
    """The format pandas infers from the first of ``values`` that reads every one, day-first
    or month-first, in the order ``date_format`` names day and month (``dd.mm.yyyy``), or
    None: for a ``date_format`` that reads none of them."""
    if not len(values):
        return None
    lower = date_format.lower()
    dayfirst = "d" in lower and "m" in lower and lower.index("d") < lower.index("m")
    # a year written first is followed by its month (2015-02-01), whichever order
    # date_format has: pandas' day-first guess for it is '%Y-%d-%m'
    year_first = re.match(r"\s*\d{4}\D", values.iloc[0]) is not None
    order = (True, False) if dayfirst and not year_first else (False, True)
    guesses = (_guess_format(values.iloc[0], dayfirst=first) for first in order)
    return _format_that_reads(values, tuple(dict.fromkeys(g for g in guesses if g)))


def _dayfirst_format(first: str, fmt: str | None) -> str | None:
    """The day-first format for dates like ``01/02/2015`` that were read month-first, else None."""
    match = _NUMERIC_DATE.match(first)
    if match is None or (fmt is not None and not fmt.startswith("%m")):
        return None
    dayfirst = _guess_format(first, dayfirst=True)
    if dayfirst is not None and dayfirst.startswith("%d"):
        return dayfirst
    if first[match.end() :].strip():  # a time follows: no format to suggest with confidence
        return None
    sep, year = match.groups()
    return f"%d{sep}%m{sep}" + ("%Y" if len(year) == 4 else "%y")


def _parse_without_format(text: pd.Series, values: pd.Series, where: str, hint: str) -> pd.Series:
    """Dates no strftime format is inferred for ("Jan 2015"): each parsed on its own, but only
    if all are written alike (the same letters/digits pattern)."""
    shapes = values.str.replace(r"\d+", "0", regex=True).str.replace(r"[^\W\d_]+", "a", regex=True)
    if shapes.nunique() > 1:
        other = np.flatnonzero((shapes != shapes.iloc[0]).to_numpy())
        rows = values.index[other]
        examples = ", ".join(f"{values[r]!r} (row {_row_line(r)})" for r in rows[:2])
        advice = _serials_or_weeks_hint(values, hint)
        if advice and pd.to_numeric(values, errors="coerce").notna().all():
            # serial date-times from midnight on (45000, 45000.25, ...): no mix of formats
            raise ValueError(
                f"{where} has numbers for dates, such as {values.iloc[0]!r} (row "
                f"{_row_line(values.index[0])}), {examples}; {advice}."
            )
        # years and weeks written two ways (2021-W01, 2021 W03) are no numbers, and no
        # date_format reads them: the weeks' advice
        raise ValueError(
            f"{where} mixes date formats: it starts like {values.iloc[0]!r}, but {len(rows)} "
            f"value{' is' if len(rows) == 1 else 's are'} written otherwise, such as {examples}; "
            + (advice or f"{hint}, or make the dates consistent")
            + "."
        )
    with warnings.catch_warnings():  # the per-value fallback is intended here
        warnings.simplefilter("ignore", UserWarning)
        # pandas < 3 only warns of mixed time zones, and returns the stamps as objects
        warnings.filterwarnings("error", ".*mixed time zones", FutureWarning)
        try:
            return pd.to_datetime(text, format="mixed", errors="coerce")
        except (ValueError, FutureWarning) as err:  # "Mixed timezones detected"
            raise ValueError(
                f"{where} could not be read as dates like {values.iloc[0]!r} ({err}); {hint}."
            ) from None


def _refuse_mixed_formats(
    text: pd.Series, present: np.ndarray, fmt: str, where: str, hint: str
) -> None:
    """Raise if dates that ``fmt`` cannot read are dates in another format (not just typos)."""

    def unread(fmt: str) -> np.ndarray:
        return np.flatnonzero(present & _to_datetime(text, fmt, where).isna().to_numpy())

    rows = unread(fmt)
    others = [(i, _guess_format(text.iloc[i])) for i in rows[:20]]
    others = [(i, f) for i, f in others if f is not None and f != fmt]
    if not others:
        return
    if 2 * len(rows) > present.sum():  # the first value is the odd one out
        fmt = others[0][1]
        rows = unread(fmt)
        others = [(i, _guess_format(text.iloc[i])) for i in rows[:2]]
    examples = ", ".join(
        f"{text.iloc[i]!r} (row {_row_line(text.index[i])}" + (f", like {f!r})" if f else ")")
        for i, f in others[:2]
    )
    raise ValueError(
        f"{where} mixes date formats: most dates read as {fmt!r}, but {len(rows)} cannot be "
        f"read so, such as {examples}; {hint}, or make the dates consistent."
    )


# The first bytes of files that are often passed for a CSV: what they are, what to do.
_SAVE_AS_CSV = "save it as CSV (UTF-8), or read it with pandas and pass the DataFrame to fit"
_NOT_CSV = {
    b"PK\x03\x04": ("an Excel workbook (.xlsx) or another zip archive", _SAVE_AS_CSV),
    b"\xd0\xcf\x11\xe0": ("an old Excel workbook (.xls)", _SAVE_AS_CSV),
    b"PAR1": ("a Parquet file", _SAVE_AS_CSV),
    b"\x1f\x8b": ("gzip-compressed", "name it with the suffix .gz, and it is unpacked"),
}


# How a compressed CSV (a suffix of PACKED_SUFFIXES, by which pandas unpacks it) is unpacked,
# as read_csv infers it from a path's end (".tar.gz" is a tar); a buffer of the file's bytes
# has no name to infer it from (pandas' own inference is in a private module). A .tar.zst,
# which pandas unpacks as a .zst (its tar's header read as the CSV's), is a tar here: unpacked
# so by :func:`_tar_file`
_TARS = (".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst", ".tar")
_UNPACKED_BY = dict.fromkeys(_TARS, "tar") | {
    ".gz": "gzip",
    ".bz2": "bz2",
    ".zip": "zip",
    ".xz": "xz",
    ".zst": "zstd",
}


# The compressions whose module pandas imports as it unpacks, which may be missing: zstandard is
# a package of its own; bz2 and lzma are Python's, left out of a Python built without libbz2 or
# liblzma. Its ImportError (pandas 2's RuntimeError for bz2 and lzma) named neither the file nor
# what to do.
# By compression: its name, what unpacks it, why that is missing, the remedy, the command.
_UNPACKERS = {
    "zstd": (
        "Zstandard",
        "the zstandard package",
        "not installed here",
        "install it (pip install zstandard), or unpack",
        "zstd -d",
    ),
    "bz2": ("bzip2", "Python's bz2 module", "left out of this Python", "unpack", "bunzip2 -k"),
    "xz": ("xz", "Python's lzma module", "left out of this Python", "unpack", "unxz -k"),
}


# The module of Python's that pandas 2 says is missing, by compression, in its RuntimeError
_PYTHONS_MODULE = {"bz2": "bz2", "xz": "lzma"}
# a tar compressed with them, which tarfile unpacks, or with Zstandard, which zstandard unpacks
# for it (its command, to unpack one by hand)
_TAR_PACKING = {".tar.bz2": "bz2", ".tar.xz": "xz", ".tar.zst": "zstd"}
_TAR_COMMAND = {"bz2": "tar -xjf", "xz": "tar -xJf", "zstd": "tar --zstd -xf"}


def _importable(module: str) -> bool:
    """Whether Python's ``module`` (``"bz2"``, ``"lzma"``) can be imported here."""
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


# pandas' ImportError for an unpacker older than it needs (the same words in pandas 2 and 3)
_TOO_OLD = re.compile(r"requires version '([^']+)' or newer of '[^']+' \(version '([^']+)'")


def _no_unpacker(path: Path, packing: str, said: str = "") -> CSVFileError:
    """Why the CSV at ``path``, compressed as ``packing`` says (:func:`_compression`), cannot be
    unpacked here, and what to do: for the ImportError (``said``) pandas raised as it unpacked
    it."""
    how, module, missing, remedy, command = _UNPACKERS[packing]
    unpacker = "pandas"
    if (end := _packed_end(path)) in _TAR_PACKING:  # bunzip2 -k unpacked the tar, not its CSV
        command = _TAR_COMMAND[packing]
        if end == ".tar.zst":  # pandas reads it as a .zst: lstmkit unpacks it (_tar_file)
            unpacker = "lstmkit"
    if old := _TOO_OLD.search(said):
        # installed, but older than pandas needs: "not installed here" sent to install it again
        need, have = old.groups()
        missing = f"version {have} here, older than the {need} {unpacker} needs"
        remedy = remedy.replace("install it (pip install", "upgrade it (pip install -U")
    return CSVFileError(
        path,
        f"is {how}-compressed, which {unpacker} unpacks with {module}, "
        f"{missing}; {remedy} the file first ({command} {shlex.quote(path.name)}) and pass the "
        "CSV it holds.",
    )


# The first bytes of a bzip2, xz or Zstandard file (gzip's are in _NOT_CSV), by compression:
# bytes that are not UTF-8 text, which a file named .csv so packed was refused as
_PACKED_MAGIC = {
    # a block's header, or the end-of-stream marker at once (an empty file, bzip2 -z < /dev/null)
    "bz2": re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)"),
    "xz": re.compile(rb"\xfd7zXZ\x00"),
    "zstd": re.compile(rb"\x28\xb5\x2f\xfd"),
}


def _looks_packed(data: bytes) -> tuple[str, str] | None:
    """How the bytes ``data`` of a file that is not UTF-8 are compressed ("bzip2") and the
    suffix that has pandas unpack it (``".bz2"``, ``".tar.bz2"`` for a tar), by their first
    bytes; None otherwise."""
    packing = next((p for p, magic in _PACKED_MAGIC.items() if magic.match(data)), None)
    if packing is None:
        return None
    suffix = next(end for end, by in _UNPACKED_BY.items() if by == packing)
    if f".tar{suffix}" in _UNPACKED_BY and _holds_tar(io.BytesIO(data), packing):
        suffix = f".tar{suffix}"  # a tar so packed: named .bz2, it was read as the CSV
    return _UNPACKERS[packing][0], suffix


def _compression(path: Path) -> str | None:
    """How pandas unpacks the CSV file at ``path``, by its name's end (``"gzip"`` for
    ``sales.csv.GZ``), or None for a plain one."""
    end = _packed_end(path)
    return None if end is None else _UNPACKED_BY[end]


def _packed_end(path: Path) -> str | None:
    """The end of ``path``'s name that says how it is packed (``".tar.gz"``, ``".gz"``), in
    lower case, or None for a plain CSV."""
    # the name of the file read (a file object's copy names its name in messages alone)
    name = os.path.basename(os.fspath(path)).lower()
    return next((end for end in _UNPACKED_BY if name.endswith(end)), None)


def _csv_stem(path: Path) -> str:
    """The name of the data in ``path`` without its suffixes: ``sales`` for ``sales.csv`` and
    for ``sales.csv.gz`` (whose stem, ``sales.csv``, named the run); the copy of a stream
    (``--csv -``, a pipe: :class:`_CopyOfObject`) by the name it is shown by, ``'<stdin>'``,
    ``'/dev/fd/63'``, whatever it holds (a gzip pipe's was ``63``: the stem of its name)."""
    if isinstance(path, _CopyOfObject):
        return str(path)
    name = Path(path.stem) if path.suffix.lower() in PACKED_SUFFIXES else path
    return name.stem


def _refuse_binary(path: Path) -> None:
    """Refuse a file that begins like a workbook, Parquet, gzip or tar file, by what it is."""
    with path.open("rb") as f:
        head = f.read(_TAR_MAGIC_END)
        f.seek(max(path.stat().st_size - 4, 0))
        tail = f.read(4)
    kind = next((kind for magic, kind in _NOT_CSV.items() if head.startswith(magic)), None)
    if head[:4] == b"PAR1" and tail != b"PAR1":
        kind = None  # Parquet ends as it begins; a CSV may begin with a column named PAR1...
    if _is_tar(head):  # its header's NUL bytes are UTF-8: its first member's name was a column
        kind = ("a tar archive", "name it with the suffix .tar, and it is unpacked")
    if head.startswith(b"PK\x05\x06"):  # a zip's end record at once: an empty archive
        kind = ("an empty zip archive", _UNPACK_ONE[0])
    if path.suffix.lower() in PACKED_SUFFIXES:
        kind = None  # a compressed CSV, which pandas unpacks by its suffix
    elif not_text_file(head):
        # a PDF's first line is ASCII ("%PDF-1.4"): read as the header, it asked for
        # --date-col, then was refused as a table of the wrong width, never as a PDF
        raise CSVFileError(path, f"must be UTF-8 text, {not_utf8(head, 0)}.")
    if kind is not None:
        # a gzip file (a tar within: named .gz, sales.tgz.gz, its tar was read as the CSV), a
        # tar or a zip that is no workbook: by what it holds, as a file of other text is (a
        # gzip file read whole to look inside it; a workbook or Parquet file not read)
        data = path.read_bytes() if head.startswith(b"\x1f\x8b") else head
        if (refused := _packed_unnamed(path, data)) is not None:
            raise refused
        what, advice = kind
        raise CSVFileError(path, f"is {what}, not CSV text; {advice}.")


def _compressed_refused(path: Path, how: str, suffix: str) -> CSVFileError:
    """The refusal of the file at ``path``, named as no packed file, compressed as ``how``
    says (``"gzip"``, ``"bzip2"``), which the suffix ``suffix`` has pandas unpack; a tar of
    other than one file so compressed (``suffix`` ``.tar.gz``) by what it holds: told to be
    renamed, it was then refused as several files."""
    what, advice = f"{how}-compressed", f"name it with the suffix {suffix}, and it is unpacked"
    if suffix.startswith(".tar"):
        held, told = _archive_refused(path, "tar", suffix)
        if held != "a tar archive":  # of several files, or a folder: say what it holds
            what, advice = f"{held}, {what}", told
    return CSVFileError(path, f"is {what}, not CSV text; {advice}.")


def _archive_refused(
    path: Path | bytes, packing: str, suffix: str | None = None
) -> tuple[str, str]:
    """What the zip or tar archive at ``path`` (named as no archive; a tar maybe compressed,
    which ``suffix`` then names, ``.tar.gz``), or of the bytes ``path`` piped in, is and what
    to do: name it so that it is unpacked, where it holds one file; else unpack the one meant
    (a tar of several was told to be renamed .tar, then refused as several files)."""
    what = f"a {packing} archive"
    data = path if isinstance(path, bytes) else path.read_bytes()
    files, others = _archive_members(data, packing) or ([], [])
    if len(files) > 1 or others:  # named .zip or .tar, it is refused as not one file
        return f"{what} of {_archive_held(files, others)}", _UNPACK_ONE[min(len(files), 2)]
    if packing == "zip" and (unread := _zip_not_unpacked(data)):
        return unread[0], unread[2]  # named .zip, it was refused so: told so at once
    return what, f"name it with the suffix {suffix or '.' + packing}, and it is unpacked"


def _zip_not_unpacked(data: bytes) -> tuple[str, str, str] | None:
    """What the zip archive of one file ``data`` (a file's bytes) is, what does not unpack
    its file and what to do, where it is not unpacked: encrypted (pandas asks for no
    password), or packed with a method Python's zipfile lacks (Deflate64, as Windows packs
    large files; PPMd), or whose module this Python lacks (bz2, lzma); else None."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            (info,) = archive.infolist()
            if info.flag_bits & 0x1:  # zip -e: zipfile's "File 'sales.csv' is encrypted, ..."
                advice = "unpack it with its password and pass the CSV"
                return "an encrypted zip archive", "pandas", advice
            archive.open(info).close()
    except RuntimeError:
        # NotImplementedError's "That compression method is not supported" (Deflate64), or
        # "Compression requires the (missing) bz2 module" in a Python built without it
        method = zipfile.compressor_names.get(info.compress_type, "an unknown method")
        return (
            f"a zip archive packed with {method} (compression method {info.compress_type})",
            "Python's zipfile",
            "unpack it with a tool that can (7-Zip, unzip) and pass the CSV",
        )
    except (OSError, ValueError, zipfile.BadZipFile):  # not one member, or not a zip
        return None
    return None


# A tar's header holds its magic and version at bytes 257 to 264: "ustar", a NUL and "00"
# (POSIX), or "ustar", two spaces and a NUL (GNU). Each holds a NUL, which CSV text does not:
# "ustar " alone was a CSV's word ("gustar ") that came there, refused as a tar.
_TAR_MAGIC_END = 265


def _is_tar(head: bytes) -> bool:
    """Whether ``head``, a file's first bytes, begin a tar archive."""
    return head[257:_TAR_MAGIC_END] in (b"ustar\x0000", b"ustar  \x00")


# The suffix that has a tar so compressed unpacked, by compression
_TAR_OF = {"gzip": ".tar.gz", "bz2": ".tar.bz2", "xz": ".tar.xz", "zstd": ".tar.zst"}


def _holds_tar(file: Path | IO[bytes], packing: str) -> bool:
    """Whether the file at ``file`` (a path, or its bytes as a stream), compressed as
    ``packing`` says (``"gzip"``: a .tgz, or a .tar.gz named otherwise), unpacks to a tar
    archive; False where it does not unpack (refused by name as pandas reads it)."""
    try:
        with ExitStack() as stack:
            raw = stack.enter_context(file.open("rb")) if isinstance(file, Path) else file
            return _is_tar(stack.enter_context(_unpacked(raw, packing)).read(_TAR_MAGIC_END))
    except (ImportError, RuntimeError, ValueError, *_unpacking_errors()):
        return False


def _tar_file(raw: IO[bytes]) -> IO[bytes]:
    """``raw``, a seekable tar archive as tarfile's ``"r:*"`` opens it (plain, or compressed
    with gzip, bzip2 or xz); where it is Zstandard-compressed (a .tar.zst, which tarfile opens
    from Python 3.14 only, and pandas not), the tar it unpacks to, unpacked whole: zstandard's
    reader cannot seek back, as tarfile does to reach a member. Within :func:`_one_read`, the
    last one unpacked is kept until the read ends: one read of a .tar.zst looks at it several
    times (its members, its first line, its text), each of which unpacked it whole again.

    Raises:
        ImportError: it is Zstandard-compressed and zstandard is missing.
    """
    head = raw.read(4)
    raw.seek(-len(head), io.SEEK_CUR)
    if not _PACKED_MAGIC["zstd"].match(head):
        return raw
    packed = raw.read()
    held = _tar_zst_held.get()
    if held is not None and held[0] is not None and held[0] == packed:
        return io.BytesIO(held[1])
    with _unpacking_stream(io.BytesIO(packed), "zstd") as tar:
        unpacked = tar.read()
    if held is not None:
        held[:] = [packed, unpacked]
    return io.BytesIO(unpacked)


_P = ParamSpec("_P")
_R = TypeVar("_R")

# Within _one_read: the bytes of the last .tar.zst that _tar_file unpacked, and the tar they
# unpack to ([None, None] before the first); outside one, None: nothing is kept
_tar_zst_held: ContextVar[list[bytes | None] | None] = ContextVar("_tar_zst_held", default=None)


@contextmanager
def _one_read() -> Iterator[None]:
    """Within it, :func:`_tar_file` unpacks a .tar.zst once, however often the read looks at
    it; what it kept is dropped when the outermost ``_one_read`` ends (a 1 GB archive stayed
    in memory for the life of the process)."""
    if _tar_zst_held.get() is not None:  # within a read already: its cache serves this one
        yield
        return
    token = _tar_zst_held.set([None, None])
    try:
        yield
    finally:
        _tar_zst_held.reset(token)


def _read_once(read: Callable[_P, _R]) -> Callable[_P, _R]:
    """``read``, a public reader, run within :func:`_one_read`."""

    @functools.wraps(read)
    def reading(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _one_read():
            return read(*args, **kwargs)

    return reading


def _zip_of_no_workbook(path: Path | bytes) -> bool:
    """Whether the zip file at ``path`` (or the bytes ``path`` piped in) is no workbook (an
    .xlsx's ``[Content_Types].xml`` or an .ods's ``mimetype``), such as a zipped CSV named
    .csv; False where it cannot be read."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(path) if isinstance(path, bytes) else path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
    return not names & {"[Content_Types].xml", "mimetype"}


def _header_width(text: bytes, sep: str) -> int | str:
    """How many fields the header row of a CSV file's ``text`` (unpacked) names (``"?"`` when
    it cannot be read)."""
    try:
        return len(pd.read_csv(io.BytesIO(text), sep=sep, nrows=0, encoding="utf-8").columns)
    except (ValueError, pd.errors.ParserError):
        return "?"


# Excel's note of the separator on a file's first line: "sep=;" (what Excel reads and writes),
# also quoted ('"sep=;"', as a CSV writer quotes it), in capitals, with spaces around the "=" or
# after it; after a UTF-8 byte-order mark. The separator repeated after it ("sep=;;") is the
# note's row padded with empty cells, as a program that read it as a row of a wider table
# saves it again.
_EXCEL_SEP = re.compile(
    rb'(?:\xef\xbb\xbf)?(("?)sep[ \t]*=[ \t]*([^\r\n])\2(\3*))[ \t]*\r?\n?', re.IGNORECASE
)


# the byte-order marks of UTF-16 (LE, BE) and UTF-32-BE; UTF-32-LE's begins as UTF-16-LE's
_WIDE_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


_DIGESTS: ContextVar[dict[Path, str] | None] = ContextVar("_DIGESTS", default=None)
"""Within :func:`_sha256_of_read`, the SHA-256 (hex) of each CSV file :func:`_read_table` parsed."""


@contextmanager
def _sha256_of_read() -> Iterator[dict[Path, str]]:
    """The SHA-256 (hex) of the bytes of each CSV file parsed within it, by path: of what was
    read, not of the file as it is after (edited meanwhile, say), and without reading it again."""
    digests: dict[Path, str] = {}
    reset = _DIGESTS.set(digests)
    try:
        yield digests
    finally:
        _DIGESTS.reset(reset)


def _read_table(
    path: Path,
    sep: str = ",",
    row: str = "timestamp",
    missing: bool = True,
    blank_lines: bool = False,
    thousands: str | None = None,
    decimal: str = ".",
) -> pd.DataFrame:
    """The CSV as strings, refusing empty, header-only, non-UTF-8 and binary files by name.

    ``row``: what one data row holds, for the messages. ``missing``: read empty cells and
    ``NA``/``NaN``/``nan`` as missing (NaN); ``False`` keeps every cell as its text (a text
    classifier's ``"NA"`` is a word). ``blank_lines``: keep blank lines as rows of NaN, so
    that the index counts the file's lines (row ``k`` is line ``k + 2``). ``thousands``: the
    caller's, which a row it split into more fields than the header's is told
    (:func:`_split_thousands`); ``decimal``: the caller's, told so where it is ``sep`` too
    (:func:`_decimal_split`)."""
    _refuse_binary(path)
    data, packing = _packed_bytes(path)
    # a packed file's as unpacked, as pandas reads it; an archive's file known to be alone in
    # it now (looking for another unpacked a compressed tar's file whole, each time again)
    first = _first_line(path, packing, one_file=True)
    if packing is None and first.startswith(_WIDE_MARKS):
        # never UTF-8, so said before pandas reads it: pandas 2's parser read UTF-32-BE (whose
        # mark begins with two NUL bytes) as rows of empty fields, without a decoding error
        said = not_utf8(first, 0)
        # one of the README's example files (series, no labelled text), written by PowerShell
        # 5's `>`: the command that writes it as UTF-8 in any shell
        from lstmkit._examples import writes_example

        mine = path.suffix == ".csv" and row == "timestamp"
        command = writes_example(path.stem, str(path)) if mine else None
        if said.startswith("got UTF-16 ") and command is not None:
            said += f"; it is one of the README's example files: {command} writes it as UTF-8"
        raise CSVFileError(path, f"must be UTF-8 text, {said}.")
    if note := _EXCEL_SEP.fullmatch(first):
        # Excel's note of the separator ("sep=;"): read as the header row, it named the columns
        # "sep=" and "Unnamed: 1", or split no row as the header did. Quoted, in capitals,
        # with spaces or padded, it is the same note (it got only the general separator hint,
        # or the columns not found).
        mark = note.group(3).decode("latin-1")
        written = note.group(1).decode("latin-1")
        padded = " padded with empty cells (saved so by a program that read it as a row)"
        raise CSVFileError(
            path,
            f"begins with {written!r}, Excel's "
            f"note of the separator{padded if note.group(4) else ''}, where the header row "
            f"belongs; delete that first line, and pass "
            f"{remedy(f'sep={mark!r}', f'--sep {_sep_flag(mark)}')}.",
        )
    na_values = ["", "NA", "NaN", "nan"] if missing else None
    # blank lines above the header are skipped still: kept, the first was read as the header
    leading = _leading_blank_lines(path, sep, packing, one_file=True) if blank_lines else 0
    # unpacked once, by pandas' own handle, for the NUL check and the table both
    text = _unpacked_text(path, data, packing)
    body = text  # what pandas reads: the file, or it with rows' trailing separators dropped
    try:
        _refuse_nul(path, text)
        while True:
            try:
                raw = pd.read_csv(
                    io.BytesIO(body),
                    compression=None,
                    sep=sep,
                    dtype=str,
                    keep_default_na=False,
                    na_values=na_values,
                    na_filter=missing,
                    encoding="utf-8",
                    skip_blank_lines=not blank_lines,
                    skiprows=leading,
                )
                break
            except pd.errors.ParserError as err:
                counts = _wider_counts(err)
                if body is not text or not counts:
                    raise
                # a later row that alone ends with the separator ("2024-01-02,2," below rows
                # of 2 fields) was refused, where the README reads rows that end with it: the
                # rows whose fields past pandas' count are all empty lose those, and it reads
                # again (a row with a value past it is refused as before). Not gated on the
                # line pandas names: a quoted value holding a line break shifts its count
                body = _without_trailing_separators(text, sep, counts[0])
                if body == text:
                    raise
    except pd.errors.EmptyDataError:
        raise _empty(path, row) from None
    except pd.errors.ParserError as err:
        # "Error tokenizing data. C error: Expected 2 fields in line 62, saw 5", naming no file
        said = str(err).removeprefix("Error tokenizing data. C error: ").rstrip(".\n ")
        wider = _wider_counts(err)
        if wider:
            # pandas counts a quoted value's line breaks with none: below one, its line was
            # the file's line before (what an editor shows is said, in pandas' words too)
            breaks = _quoted_breaks(body, sep)
            wider[1] = _file_line(breaks, wider[1])
            said = re.sub(r"(?<= in line )\d+", str(wider[1]), said, count=1)
        if wider and _ends_with_separators(body, sep, *wider):
            wider = []  # "2024-01-02,2," splits no number: the generic refusal below
        if wider and sep == thousands:  # an unquoted 1,200 below rows as wide as the header
            width, line, wide = wider
            raise _split_thousands(path, line, wide, width, sep) from None
        if wider and sep == decimal:  # an unquoted 1,5 below rows as wide as the header
            width, line, wide = wider
            row = f"line {line} of {typed_path(path)}"
            raise ValueError(_decimal_split(sep, row, wide, width)) from None
        hint = (
            f"every row must have the header's {_header_width(text, sep)} fields; a value "
            f"holding the separator {sep!r} must be quoted"
            if "fields" in said
            else "a quoted value must end with its closing quote"
            if "inside string" in said
            else "save it as CSV (UTF-8)"
        )
        raise CSVFileError(path, f"cannot be read as a table ({said}); {hint}.") from None
    except UnicodeDecodeError:
        if packing is None and (packed := _looks_packed(data)) is not None:
            raise _compressed_refused(path, *packed) from None
        # pandas reports a position within a buffer; find the byte in the file itself (in
        # what a compressed one unpacks to, as pandas unpacked it: its own bytes named the gzip
        # header's 0x8b, a .zst file's a byte of its packing, a .tar.gz's counted the tar's
        # header into the first line), from the bytes unpacked above, not unpacked again
        try:
            text.decode("utf-8")
        except UnicodeDecodeError as err:
            start = err.start
        else:
            raise
        raise CSVFileError(path, f"must be UTF-8 text, {not_utf8(text, start)}.") from None
    if raw.empty:
        raise EmptyCSVError(
            path,
            f"has a header row ({shown_names(raw.columns)}) but no data rows; expected one row "
            f"per {row}.",
        )
    _warn_duplicate_names(path, text, sep, raw.columns)
    # row k is line k + 2 (blank lines kept as rows) above the first row whose quoted value
    # holds a line break alone, which messages naming lines count (the file's lines: pandas
    # read more, or rows wider than the header, whose index is no row number, were read);
    # only where blank lines are rows, as no other read's messages count lines by them (a
    # labelled text's skipped blank lines scanned every quoted value of the file for none)
    lines = body.count(b"\n") + body.count(b"\r") - body.count(b"\r\n")
    lines += not body.endswith((b"\n", b"\r"))
    wider = not isinstance(raw.index, pd.RangeIndex)
    if blank_lines and (lines > len(raw) + 1 + leading or wider):
        if breaks := _quoted_breaks(body, sep):
            raw.attrs["quoted_breaks"] = breaks
    if leading:  # row k is line k + 2 below them too
        if isinstance(raw.index, pd.RangeIndex):
            raw.index += leading
        else:  # pandas' index holds the first fields of rows wider than the header (a
            # TypeError to add to): :func:`_without_trailing_fields` counts them
            raw.attrs["leading"] = leading
    return raw


def _packed_bytes(path: Path) -> tuple[bytes, str | None]:
    """The bytes of the file at ``path`` as read, and how they are packed, as read_csv infers
    it from the path's end (:func:`_compression`; a buffer has no name to infer it from).

    Raises:
        CSVFileError: a tar compressed and named as no tar (``sales.csv.gz``), or a zip or
            tar archive of other than one file, naming what it holds.
    """
    packing = _compression(path)
    if packing in _TAR_OF and _holds_tar(path, packing):
        # tar czf sales.csv.gz sales.csv: its tar's header was read as the CSV's, whose first
        # column was named "sales.csv" and NUL bytes
        # (a tar of several files was told to be renamed, then refused as several files)
        how = "gzip" if packing == "gzip" else _UNPACKERS[packing][0]
        what, advice = _archive_refused(path, "tar", _TAR_OF[packing])
        raise CSVFileError(path, f"is {what}, {how}-compressed, not CSV text; {advice}.")
    # the bytes parsed are the bytes hashed (forecast's dataset_sha256): read once, so that a
    # file edited meanwhile is not hashed as another version than the one read
    data = path.read_bytes()
    if (digests := _DIGESTS.get()) is not None:
        digests[path] = hashlib.sha256(data).hexdigest()
    if refused := _not_one_file(path, data, packing):
        raise refused
    return data, packing


def _unpacked_text(path: Path, data: bytes, packing: str | None) -> bytes:
    """What the bytes ``data`` of the file at ``path`` (packed as ``packing`` says, as
    :func:`_packed_bytes` read them) unpack to, as read_csv unpacks them.

    Raises:
        CSVFileError: its unpacker is missing (or older than pandas needs), a zip that
            pandas does not unpack (encrypted, Deflate64), or a file not packed as its
            name's end says, naming the file and what to do.
    """
    try:
        return _unpacked_by_pandas(data, packing)
    except (ImportError, RuntimeError) as err:
        if packing == "tar" and isinstance(err, ImportError):
            packing = "zstd"  # a .tar.zst's tar: tarfile raises no ImportError of its own
        # pandas 3 imports bz2 or lzma as it unpacks (an ImportError); pandas 2 imported them
        # with itself, and raises "bz2 module not available. A Python re-install ...": that
        # message, of this compression's module, from its start (" module not available"
        # anywhere took another module's, or a .zst file's, for the one missing)
        module = _PYTHONS_MODULE.get(str(packing))
        said_missing = module is not None and str(err).startswith(f"{module} module not available")
        if (
            packing == "zip"
            and isinstance(err, RuntimeError)
            and (unread := _zip_not_unpacked(data))
        ):
            # zipfile's "File 'sales.csv' is encrypted, password required for extraction", or
            # "That compression method is not supported" (a NotImplementedError), or "requires
            # the (missing) bz2 module": a traceback naming neither the file nor the method
            what, by, advice = unread
            raise CSVFileError(path, f"is {what}, which {by} does not unpack; {advice}.") from None
        if packing not in _UNPACKERS or (isinstance(err, RuntimeError) and not said_missing):
            raise
        raise _no_unpacker(path, packing, str(err)) from None
    except Exception as err:
        # a file whose suffix names a packing it is not in: a traceback of zipfile's, tarfile's
        # or lzma's, or gzip's "Not a gzipped file (b'mo')" naming no file
        if packing is None or not isinstance(err, _unpacking_errors()):
            raise
        end = _packed_end(path)
        inner = _TAR_PACKING.get(str(end))
        if inner in _PYTHONS_MODULE and not _importable(_PYTHONS_MODULE[inner]):
            # tarfile tries each packing and says it "could not be opened successfully": the
            # file was said not to be packed as its name says, and to be packed again
            raise _no_unpacker(path, inner) from None
        said = str(err).splitlines()[0].rstrip(":. ") if str(err) else type(err).__name__
        if isinstance(path, _CopyOfObject):  # named by its bytes: no name of the user's to fix
            # standard input's (`--csv -`, sys.stdin): what to pass instead is told in the shell's
            # words, not Python's, which the command line cannot act on
            instead = (
                "pipe them in unpacked"
                if str(path) == "<stdin>"
                else "pass its contents unpacked (gzip.open(...) on a whole file, io.BytesIO of "
                "the unpacked bytes)"
            )
            raise CSVFileError(
                path,
                f"cannot be unpacked, though its bytes begin as a {end!r} file's do ({said}); "
                f"check where they came from (cut short or damaged?), or {instead}.",
            ) from None
        raise CSVFileError(
            path,
            f"cannot be unpacked as its name's end {end!r} says "
            f"({said}); name it by what it holds (.csv for CSV text), or pack it again.",
        ) from None


# A CSV's words in the refusals above, as said of a file of other text (a corpus)
_OF_TEXT = (
    ("(.csv for CSV text)", "(.txt for text)"),
    ("not CSV text", "not plain text"),
    ("the CSV", "the text"),
)


def _unpacked_file(path: Path, name: str | None = None) -> bytes:
    """What the file at ``path`` holds, unpacked by its name's end as read_csv unpacks a CSV
    (``notes.txt.gz``, a ``.zip`` or ``.tar.xz`` of one file); a plain file's bytes as they
    are. For readers of other text, through :func:`lstmkit._checks.text_file` (a corpus, the
    SST files, ``text predict --file``). ``name``: how messages name the file (its path's
    repr).

    Raises:
        ValueError: what read_csv refuses a packed file for (an archive of other than one
            file, an encrypted zip, a missing unpacker, ...), or a compressed file or an
            archive named as neither (told the suffix that has it unpacked), naming the file.
    """
    try:
        data, packing = _packed_bytes(path)
        if packing is None and (refused := _packed_unnamed(path, data)) is not None:
            raise refused
        return _unpacked_text(path, data, packing)
    except CSVFileError as err:
        said = err.said
        for csv, text in _OF_TEXT:
            said = said.replace(csv, text)
        raise ValueError(f"{name or repr(str(path))} {said}") from None


def _packed_namesake(path: Path, folder: str) -> Path | None:
    """The one compressed namesake of the missing file at ``path`` (``input.txt.gz``, a
    ``.zip`` or ``.tar.xz`` of it, ...), which :func:`_unpacked_file` unpacks; None where there
    is none.

    Raises:
        ValueError: there are several, named (``folder``: how messages name ``path``'s folder,
            ``"SST folder"``).
    """
    found = [path.with_name(path.name + end) for end in _UNPACKED_BY]
    found = [file for file in found if file.is_file()]
    if len(found) > 1:
        names = ", ".join(repr(file.name) for file in found)
        raise ValueError(
            f"{folder} {str(path.parent)!r} holds {len(found)} packed copies of "
            f"{path.name!r} ({names}) and not the file itself; keep one."
        )
    return found[0] if found else None


def _how_packed(data: bytes) -> tuple[str, str] | None:
    """How the bytes ``data`` are compressed and the suffix that has them unpacked, as
    :func:`_looks_packed` says, gzip's too (whose magic :data:`_NOT_CSV` holds); None for
    other bytes."""
    if not data.startswith(b"\x1f\x8b"):
        return _looks_packed(data)
    return "gzip", ".tar.gz" if _holds_tar(io.BytesIO(data), "gzip") else ".gz"


def _packed_unnamed(path: Path, data: bytes) -> CSVFileError | None:
    """The refusal of the file at ``path``, named as no packed file, whose bytes ``data`` are
    compressed, or a zip (no workbook) or tar archive, by what they are and the suffix that has
    them unpacked (a CSV's, by :func:`_refuse_binary`; read as text, a gzip file was refused as
    not UTF-8, without the suffix); None for other bytes."""
    if (packed := _how_packed(data)) is not None:
        return _compressed_refused(path, *packed)
    tar = _is_tar(data[:_TAR_MAGIC_END])
    if tar or (data.startswith(b"PK\x03\x04") and _zip_of_no_workbook(path)):
        what, advice = _archive_refused(path, "tar" if tar else "zip")
        return CSVFileError(path, f"is {what}, not CSV text; {advice}.")
    return None


def _unpacked_by_pandas(data: bytes, packing: str | None) -> bytes:
    """The CSV text that a file's bytes ``data`` hold, unpacked as ``packing`` says
    (:func:`_compression`) by pandas' own handle, as ``read_csv`` unpacks it (a zip or tar
    archive of one file: :func:`_not_one_file` refuses others first): a file not packed so,
    or a missing unpacker, raise what ``read_csv`` raises for them; ``data`` itself for a
    plain CSV. Where pandas' handle is not to be had, :func:`_unpacked` unpacks it alike."""
    if packing is None:
        return data
    get_handle = _pandas_get_handle()
    if get_handle is None or (packing == "tar" and _PACKED_MAGIC["zstd"].match(data)):
        # (a .tar.zst: pandas' tar is tarfile's, which does not unpack Zstandard before 3.14)
        with _unpacked(io.BytesIO(data), packing, one_file=True) as f:
            return f.read()
    with get_handle(io.BytesIO(data), "rb", compression=packing, is_text=False) as handles:
        return handles.handle.read()


def _pandas_get_handle() -> Callable[..., Any] | None:
    """pandas' ``pandas.io.common.get_handle``, which ``read_csv`` unpacks a file with, where it
    takes the arguments given it here; else None (a function internal to pandas: a later
    pandas may move it, or change its arguments, which then crashed every packed CSV)."""
    try:
        from pandas.io import common
    except ImportError:
        return None
    get_handle = getattr(common, "get_handle", None)
    try:
        inspect.signature(get_handle).bind(io.BytesIO(), "rb", compression="gzip", is_text=False)
    except (TypeError, ValueError):  # no function, or not one of these arguments
        return None
    return get_handle


class CSVFileError(ValueError):
    """The refusal of the CSV file at ``path`` as a file (not UTF-8, an archive of several
    files, not a table, ...), by :func:`read_csv` and :func:`lstmkit.text.read_labelled_csv`:
    "CSV file 'NAME' " then ``said`` (``must be UTF-8 text, ...``). A ``ValueError``; the
    command line names the flag that gave the file instead, and its path as given (``--csv
    'data/sales.csv' must be UTF-8 text``).

    Attributes:
        path: the file refused.
        said: what is wrong with it, the message without the file's name.
    """

    def __init__(self, path: Path, said: str) -> None:
        super().__init__(f"CSV file {path.name!r} {said}")
        self.path = path
        self.said = said

    def __reduce__(self) -> tuple[type[CSVFileError], tuple[Path, str]]:
        return type(self), (self.path, self.said)  # pickled as made (a worker's error)


class EmptyCSVError(CSVFileError):
    """The refusal of a CSV file that holds no data rows (it is empty, or holds a header row
    alone): said before the column flags are asked for (:func:`_no_rows_in`)."""


def _empty(path: Path, row: str = "timestamp") -> EmptyCSVError:
    """The refusal of the empty CSV file at ``path``, whose rows would each hold a ``row``."""
    return EmptyCSVError(
        path, f"is empty; expected a header row naming the columns, then one row per {row}."
    )


def _no_rows_in(path: Path, read: Callable[[], object]) -> EmptyCSVError | None:
    """The refusal ``read()`` (a reading of the CSV file at ``path``) gives where the file
    holds no data row (it is empty, blank lines or a byte-order mark alone, or a header row
    alone or above rows empty in every field), said before its column flags are asked for;
    None where it holds one, or fails to read otherwise (refused by name as it is read), or
    is longer than 64 KiB unpacked (a file that long is not read whole for this), or is not a
    regular file (a pipe is read once, by the command that reads it: opened here, one
    without a writer waited for one, before the flags were asked for)."""
    if not path.is_file():
        return None
    try:
        if (packing := _compression(path)) is None:  # its size, not its bytes: read() reads them
            size = path.stat().st_size
        else:  # unpacked as far as 64 KiB: its size in the CSV it holds
            with path.open("rb") as raw, _unpacked(raw, packing) as f:
                size = len(f.read((1 << 16) + 1))
    except (ImportError, OSError, RuntimeError, ValueError, *_unpacking_errors()):
        return None  # a file not there, or not unpacked: said as it is read
    if size > 1 << 16:  # a file of 64 KiB exactly is read
        return None
    return _refusal_of(read, EmptyCSVError)


def _refusal_of(
    read: Callable[[], object], kind: type[CSVFileError] = CSVFileError
) -> CSVFileError | None:
    """The refusal, of ``kind``, that ``read()`` (a reading of a CSV file) raises, or None
    where it reads, or fails otherwise: said as the file is read, once, as its warnings are."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said as the file is read, once
        try:
            read()
        except kind as err:
            return err
        except Exception:  # whatever else fails is said as the file is read
            return None
    return None


def _without_blank_rows(raw: pd.DataFrame, path: Path, row: str = "timestamp") -> pd.DataFrame:
    """``raw``, the table of the CSV file at ``path``, without its rows empty in every field
    (",,", as a spreadsheet writes rows below its table: blank lines); refused where it has
    no other (``row``: what one data row holds, for the message)."""
    blank = raw.apply(lambda column: column.isna() | column.str.strip().eq("")).all(axis=1)
    if blank.all():  # only such rows: no data, which read as "no date at row 2"
        raise EmptyCSVError(
            path,
            f"has a header row ({shown_names(raw.columns)}) but no data rows (the "
            f"{'row below it is' if len(raw) == 1 else f'{len(raw)} rows below it are'} empty in "
            f"every field); expected one row per {row}.",
        )
    kept = raw[~blank] if blank.any() else raw
    # the file's last row, blank or not: a row there is the file's last line
    if len(raw) and pd.api.types.is_integer_dtype(raw.index):
        kept.attrs["last_row"] = int(raw.index[-1])
    return kept


def _refuse_nul(path: Path, data: bytes) -> None:
    """Refuse the CSV file at ``path`` whose text, ``data``, holds a NUL byte (before any byte
    that is not UTF-8): pandas reads it as U+0000 in a cell, so a UTF-16 or UTF-32 file without
    a byte-order mark had columns "d\\x00a\\x00t\\x00e\\x00" not found, and one NUL in a
    value made it "non-numeric"."""
    if (nul := first_nul(data)) is not None:
        raise CSVFileError(path, f"must be UTF-8 text, {nul_byte(data, nul)}.")


def _not_one_file(path: Path, data: bytes, packing: str | None) -> CSVFileError | None:
    """The refusal of the zip or tar archive at ``path`` (its bytes ``data``, packed as
    ``packing`` says) that holds other than one file, as pandas refuses it, naming what it
    holds; None for an archive of one file, any other file, or one that does not open as an
    archive (refused as it is unpacked)."""
    members = _archive_members(data, packing)
    if members is None or (len(members[0]) == 1 and not members[1]):
        return None
    files, others = members
    if not files and not others:
        return CSVFileError(path, "is an empty archive; expected one file in it, the CSV.")
    held = _archive_held(files, others)
    if not files:
        return CSVFileError(path, f"is an archive of {held}; {_UNPACK_ONE[0]}.")
    read = "an archive of the CSV alone is" if len(files) == 1 else "one, the CSV, is"
    return CSVFileError(
        path, f"is an archive of {held}, where {read} read; {_UNPACK_ONE[min(len(files), 2)]}."
    )


def _archive_members(
    data: bytes, packing: str | None
) -> tuple[list[str], list[tuple[str, str]]] | None:
    """The names of the files in the zip or tar archive ``data`` (packed as ``packing`` says)
    and its other members as ``(kind, name)`` (``"folder"``, ``"link"``, ``"member"``), in
    order; None where it cannot be read."""
    import tarfile
    import zipfile

    try:
        if packing == "zip":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
            return [i.filename for i in infos if not i.is_dir()], [
                ("folder", i.filename) for i in infos if i.is_dir()
            ]
        if packing == "tar":
            with tarfile.open(fileobj=_tar_file(io.BytesIO(data)), mode="r:*") as archive:
                members = archive.getmembers()
            # a link (symbolic or hard) beside the file was called a folder
            return [m.name for m in members if m.isfile()], [
                (
                    "folder" if m.isdir() else "link" if m.issym() or m.islnk() else "member",
                    m.name,
                )
                for m in members
                if not m.isfile()
            ]
    except (ImportError, ValueError, *_unpacking_errors()):  # zstandard missing: said so later
        return None
    return None


# What to do with an archive that is not one file, by how many files it holds (0, 1, several)
_UNPACK_ONE = (
    "expected one file in it, the CSV",
    "unpack it and pass it",
    "unpack the one you mean and pass it",
)


def _archive_held(files: list[str], others: list[tuple[str, str]]) -> str:
    """What an archive of the files ``files`` and the other members ``others`` (``(kind,
    name)``: folders, links) holds, in words: "one file, 'data/sales.csv', and the folder
    'data/'"."""
    by_kind: dict[str, list[str]] = {}
    for kind, name in others:
        by_kind.setdefault(kind, []).append(repr(name))
    rest = ", ".join(
        f"the {kind}{'s' if len(names) > 1 else ''} {', '.join(names)}"
        for kind, names in by_kind.items()
    )
    if not files:
        return f"{rest} and no file"
    held = (
        f"one file, {files[0]!r}"
        if len(files) == 1
        else f"several files ({', '.join(repr(name) for name in files)})"
    )
    return f"{held}, and {rest}" if rest else held


def _unpacking_errors() -> tuple[type[Exception], ...]:
    """What unpacking a file that is not packed as its suffix says raises (lzma's and
    zstandard's where they are there: either may be missing), or one whose packed bytes are
    damaged (zlib's, under gzip's header or in a zip's member: "invalid block type")."""
    import tarfile
    import zipfile
    import zlib

    errors: list[type[Exception]] = [
        OSError,
        EOFError,
        zipfile.BadZipFile,
        tarfile.TarError,
        zlib.error,
    ]
    for module, name in (("lzma", "LZMAError"), ("zstandard", "ZstdError")):
        if (found := getattr(sys.modules.get(module), name, None)) is not None:
            errors.append(found)
    return tuple(errors)


@contextmanager
def _unpacked(
    raw: IO[bytes], packing: str | None, *, one_file: bool = False
) -> Iterator[IO[bytes]]:
    """The CSV that the file ``raw`` holds, packed as ``packing`` says (:func:`_compression`),
    as a stream that unpacks as it is read, as pandas unpacks it: the one file of a zip or
    tar archive; ``raw`` itself for a plain CSV. Reading the first line unpacks little more
    than that line (and, in a tar, the header of the member after it, if any: to reach it, a
    compressed tar's first file is unpacked whole). ``one_file``: the archive is known to
    hold one file (:func:`_not_one_file` refused it otherwise), so that a tar's next member
    is not looked for.

    Raises:
        ValueError: a zip or tar archive of other than one member, or of one that is no
            file (a folder, a link), which pandas refuses.
        ImportError: the module that unpacks it is missing (zstandard, bz2, lzma).
    """
    if packing is None:
        yield raw
        return
    with ExitStack() as stack:
        if packing == "zip":
            import zipfile

            archive = stack.enter_context(zipfile.ZipFile(raw))
            (info,) = archive.infolist()  # ValueError where not one
            if info.is_dir():
                raise ValueError("the archive holds no file")
            yield stack.enter_context(archive.open(info))
        elif packing == "tar":
            import tarfile

            archive = stack.enter_context(tarfile.open(fileobj=_tar_file(raw), mode="r:*"))
            # the second member's header alone: a tar of several was read as its first file
            member = archive.next()
            other = None if one_file else archive.next()
            file = None
            if member is not None and member.isfile() and other is None:
                file = archive.extractfile(member)
            if file is None:
                raise ValueError("the archive holds other than one file")
            yield stack.enter_context(file)
        else:
            yield stack.enter_context(_unpacking_stream(raw, packing))


def _unpacking_stream(raw: IO[bytes], packing: str) -> IO[bytes]:
    """``raw`` read through the unpacker of ``packing`` (``"gzip"``, ``"bz2"``, ``"xz"`` or
    ``"zstd"``), imported here: bz2, lzma and zstandard may be missing."""
    if packing == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb")
    if packing == "bz2":
        import bz2

        return bz2.BZ2File(raw)
    if packing == "xz":
        import lzma

        return lzma.LZMAFile(raw)
    import zstandard

    if not hasattr(zstandard, "open"):
        # older than 0.15 (a .zst CSV is refused so by pandas first; a .tar.zst's is ours to
        # refuse, in pandas' words, which _no_unpacker reads: it was "not installed here")
        raise ImportError(
            "lstmkit requires version '0.15.0' or newer of 'zstandard' (version "
            f"'{getattr(zstandard, '__version__', '?')}' currently installed)"
        )
    # its reader has no readline() (io.UnsupportedOperation): buffered, a .zst CSV's first line
    # is read as a .gz one's is (Excel's "sep=" note atop it was read as its header)
    return io.BufferedReader(zstandard.open(raw, "rb"))


def _first_line(
    path: Path, packing: str | None, size: int = 64, *, one_file: bool = False
) -> bytes:
    """The first line of the CSV file at ``path`` (packed as ``packing`` says: unpacked as far
    as that line), its first ``size`` bytes at most; ``b""`` where it does not unpack (refused
    by name as pandas reads it). ``one_file``: as :func:`_unpacked` takes it."""
    try:
        with path.open("rb") as raw, _unpacked(raw, packing, one_file=one_file) as f:
            line = f.readline(size)
    except (ImportError, RuntimeError, ValueError, *_unpacking_errors()):
        return b""
    # a line ends at "\r" alone too, as pandas ends it (a classic Mac file's, as Excel for
    # Mac's "CSV (Macintosh)" saves it): binary readline read on to a "\n", the whole file;
    # not inside a quoted field, which holds it. The quotes are counted once, each span
    # between two "\r" as it is passed (counted from the start for each "\r", a 64 KiB line
    # of them took seconds)
    end = line.find(b"\r")
    quotes = line.count(b'"', 0, max(end, 0))
    while end >= 0 and quotes % 2:
        start, end = end, line.find(b"\r", end + 1)
        quotes += line.count(b'"', start, end if end >= 0 else len(line))
    return line if end < 0 else line[: end + 1 + line.startswith(b"\n", end + 1)]


def _leading_blank_lines(
    path: Path, sep: str, packing: str | None = None, *, one_file: bool = False
) -> int:
    """How many blank lines (of spaces and tabs other than ``sep``, as pandas skips them) the
    file has above its header row (a compressed one, packed as ``packing`` says: in the CSV it
    unpacks to, as pandas reads it); 0 where it does not unpack (refused as pandas reads it).
    ``one_file``: as :func:`_unpacked` takes it."""
    blank = " \t".replace(sep, "")
    count = 0
    try:
        with (
            path.open("rb") as raw,
            _unpacked(raw, packing, one_file=one_file) as unpacked,
            io.TextIOWrapper(unpacked, encoding="utf-8", errors="replace", newline="") as f,
        ):
            for line in f:
                text = line.removeprefix("\ufeff") if count == 0 else line
                if text.rstrip("\r\n").strip(blank):
                    break
                count += 1
    except (ImportError, RuntimeError, ValueError, *_unpacking_errors()):
        return 0
    return count


def _warn_duplicate_names(path: Path, text: bytes, sep: str, columns: pd.Index) -> None:
    """Warn when the header of the CSV file at ``path`` (its ``text``, unpacked; named as
    :func:`typed_path` names it) names a column twice: pandas reads the second as ``name.1``,
    so a column asked for by that name is silently the first.

    The header is read again only when a column looks renamed so (``x.1`` beside ``x``): most
    files have no such column, and a wide one is not read twice."""
    taken = {str(c) for c in columns}
    if not any(
        tail.isdigit() and head in taken
        for head, dot, tail in (name.rpartition(".") for name in taken)
        if dot
    ):
        return
    header = pd.read_csv(
        io.BytesIO(text), sep=sep, header=None, nrows=1, dtype=str, encoding="utf-8"
    )
    names = [str(name) for name in header.iloc[0].fillna("")]
    if len(names) != len(columns):  # a header unlike the rows: pandas' own reading stands
        return
    counts = Counter(names)
    for name in (n for n, count in counts.items() if n and count > 1):
        at = [k for k, n in enumerate(names) if n == name]
        times = "twice" if len(at) == 2 else f"{len(at)} times"
        where = ", ".join(str(k + 1) for k in at[:-1]) + f" and {at[-1] + 1}"
        read = ", ".join(repr(str(columns[k])) for k in at)
        warnings.warn(
            f"CSV file {typed_path(path)} names the column {name!r} {times} in its "
            f"header (columns {where}); they read as {read}, in that order, so {name!r} is the "
            "first of them. Rename them in the file to be sure which one you ask for.",
            stacklevel=user_stacklevel(),
        )


def _packed_suffix(data: bytes) -> str:
    """The suffix that has the bytes ``data`` unpacked as their first bytes say they are packed
    (``".gz"``, ``".tar.xz"``, ``".zip"`` for a zip that is no workbook); "" for other bytes."""
    if (packed := _how_packed(data)) is not None:
        return packed[1]
    archive = _archive_in(data)
    return "" if archive is None else f".{archive}"


def _archive_in(data: bytes) -> str | None:
    """``"tar"`` or ``"zip"`` where the bytes ``data`` (a file's, whole) are such an archive,
    uncompressed (a zip that is a workbook is none); None for other bytes."""
    if _is_tar(data[:_TAR_MAGIC_END]):
        return "tar"
    return "zip" if data.startswith(b"PK\x03\x04") and _zip_of_no_workbook(data) else None


@contextmanager
def _path_of(source: object) -> Iterator[Path]:
    """``source``, the ``path`` of :func:`read_csv` (and of the other readers that take a file
    object: :func:`series_names`, ``read_labelled_csv``, ``read_corpus``, ``Vocabulary.load``),
    as a path to read: a str or ``os.PathLike`` as :func:`lstmkit._checks.as_path` gives it; a
    file object (``open(...)``, in text or binary mode, ``io.StringIO``, ``io.BytesIO``) read
    once, from where it stands, into a temporary folder deleted when the block ends, named in
    messages as the object is. One open in text mode that does not decode is read as its bytes
    where it was opened as UTF-8 (refused as its path is, or unpacked), and refused otherwise
    (:func:`_undecoded`); a refusal in the block of its text as no UTF-8 adds that it may be
    opened with the encoding it was saved in.

    Raises:
        TypeError: for anything else, or a file object whose ``read()`` gives neither str nor
            bytes.
        ValueError: for a closed file object, or one read to its end already.
    """
    if isinstance(source, _CopyOfObject):  # a copy already (the CLI's of stdin): named so
        yield source
        return
    if isinstance(source, str | os.PathLike) or not callable(getattr(source, "read", None)):
        if not isinstance(source, str | os.PathLike):
            raise TypeError(
                "`path` must be a str, a Path or a file object (open(...), io.StringIO, "
                f"io.BytesIO), got {type(source).__name__}."
            )
        path = as_path(source, "`path`")
        if not _is_pipe(path):
            yield path
            return
        # a named pipe (bash's <(zcat sales.csv.gz), mkfifo's) gives its bytes once, and a CSV
        # is read more than once (its header, then its table): it was "file not found", there
        # or not; read as the file object it opens to, named as the pipe
        with open(path, "rb") as stream, _path_of(stream) as copy:
            yield copy
        return
    given = getattr(source, "name", None)  # open()'s path; "<stdin>"; a descriptor's number
    shown = given if isinstance(given, str) and given else f"<{type(source).__name__}>"
    if getattr(source, "closed", False):  # read() said only "I/O operation on closed file"
        raise ValueError(
            f"`path`, a file object ({shown!r}), is closed; open it again and pass it while "
            "it is open (inside its `with` block)."
        )
    opened_as = _text_encoding(source)
    start = None if opened_as is None else _byte_position(source)
    try:
        data = source.read()  # type: ignore[attr-defined]
    except UnicodeDecodeError as err:  # Python's own error named neither the file nor a way out
        read = _bytes_from(source, start)
        data = _undecoded(err, shown, opened_as, _unread(source, err) if read is None else read)
    # one that gave nothing and stands past its start was read before (a second reader of one
    # object): it was not empty; a pipe, which cannot tell, is
    if not data and _byte_position(source):
        raise ValueError(
            f"`path`, a file object ({shown!r}), was read to its end already, so it gives no "
            "text (lstmkit reads a file object from where it stands); "
            "call its .seek(0) first, or pass a new one."
        )
    if isinstance(data, str):
        # a text stream that decodes with errors="surrogateescape" (sys.stdin under the C or
        # C.UTF-8 locale, as containers set it) holds its bytes that do not decode as U+DC80 to
        # U+DCFF: given back as they were (written as UTF-8, a Latin-1 0xe9 was named "byte
        # 0xed", and a gzip file's bytes were refused, not unpacked)
        escaped = getattr(source, "errors", None) == "surrogateescape"
        try:
            data = data.encode("utf-8", "surrogateescape" if escaped else "surrogatepass")
        except UnicodeEncodeError:  # a surrogate it did not escape: refused as its bytes
            data = data.encode("utf-8", "surrogatepass")
    elif isinstance(data, bytes | bytearray | memoryview):
        data = bytes(data)
    else:
        raise TypeError(
            f"`path`, a file object ({type(source).__name__}), must give str or bytes when "
            f"read, got {type(data).__name__}."
        )
    real = isinstance(given, str) and given != "" and not given.startswith("<")
    named = Path(shown).name if real else shown
    with tempfile.TemporaryDirectory(prefix="lstmkit-") as folder:
        copy = _CopyOfObject(folder, _copy_name(named if real else None, data))
        copy.write_bytes(data)
        del data  # read again from the copy: a 1 GB corpus was held a third time as it was read
        copy._shown, copy._named = shown, named
        try:
            yield copy
        except ValueError as refused:
            if opened_as is None or "must be UTF-8 text" not in str(refused):
                raise
            raise _opened_as_text(refused, opened_as) from None


def _text_encoding(source: object) -> str | None:
    """The codec's name (``"utf-8"``, ``"cp1252"``) of a file object open in text mode with an
    encoding (``open(path)``, ``gzip.open(path, "rt")``); None for others (a binary file, an
    ``io.StringIO``, which holds text, not bytes)."""
    encoding = getattr(source, "encoding", None)
    if not isinstance(encoding, str) or isinstance(source, io.StringIO):
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _byte_position(source: object) -> int | None:
    """Where the file object ``source`` stands; None where it cannot tell (a pipe). A text
    file's ``tell()`` is a number that is the position in its bytes where its decoder holds
    nothing (UTF-8 read to a line's end), larger where it does."""
    try:
        return int(source.tell())  # type: ignore[attr-defined]
    except (AttributeError, OSError, TypeError, ValueError):
        return None


def _bytes_from(source: object, start: int | None) -> bytes | None:
    """The bytes of the text file object ``source`` from byte ``start`` (where it stood) to its
    end, read again from its binary ``buffer``; None where they cannot be (no buffer, a pipe, a
    ``start`` past the end, which is no position). Its decoding error holds the bytes from the
    last block it decoded on: a file read a few lines into was refused at a line counted from
    there ("line 448" of a byte on line 1001)."""
    buffer = getattr(source, "buffer", None)
    if start is None or buffer is None:
        return None
    try:
        if not 0 <= start <= buffer.seek(0, io.SEEK_END):
            return None
        buffer.seek(start)
        data = buffer.read()
    except (AttributeError, OSError, ValueError):
        return None
    return data if isinstance(data, bytes) else None


def _unread(source: object, err: UnicodeDecodeError) -> bytes | None:
    """The bytes a text stream that cannot seek (a pipe, ``sys.stdin``) held from where it
    stood, as far as they can be told, where its ``read()`` failed with ``err``: the text it
    had decoded ahead but not yet given (a ``readline()`` decodes a whole block), read out
    now and encoded again, then ``err``'s bytes, which follow it; None where it held none.
    ``err``'s bytes alone start after that block: a refusal counted its lines from there ("line
    2449" of a byte on line 3001)."""
    if not isinstance(err.object, bytes):
        return None
    ahead = []
    try:  # one character at a time: a read past the text held decodes the rest again
        while char := source.read(1):  # type: ignore[attr-defined]
            ahead.append(char)
    except (UnicodeDecodeError, OSError, ValueError, TypeError, AttributeError):
        pass
    if not ahead or not all(isinstance(c, str) for c in ahead):
        return None
    encoding = getattr(source, "encoding", None) or "utf-8"
    try:
        return "".join(ahead).encode(encoding, "surrogateescape") + err.object
    except (LookupError, UnicodeEncodeError):
        return None


def _undecoded(
    err: UnicodeDecodeError, shown: str, opened_as: str | None, read: bytes | None
) -> bytes:
    """The bytes of a file object open in text mode that did not decode (``err``; ``read``:
    its bytes from where it stood, where they could be read again, else ``err``'s): read as a
    binary file's are where it was opened as UTF-8 (so that it is refused, or unpacked, as its
    path or a binary file object is); refused where it was opened with another encoding, whose
    failure says nothing of the UTF-8 that lstmkit reads.

    Raises:
        ValueError: for a file opened with an encoding other than UTF-8, naming it, the
            encoding, the byte and its place, and what to do.
    """
    if not isinstance(err.object, bytes):
        raise err
    if opened_as in ("utf-8", "utf-8-sig"):
        return err.object if read is None else read
    encoding = opened_as or err.encoding
    data, start = err.object, err.start
    if read is not None and read.endswith(data):  # placed from where it stood, not the block
        data, start = read, start + len(read) - len(data)
    raise ValueError(
        f"`path`, a file object ({shown!r}) open in text mode as {encoding!r}, cannot be "
        f"read: its byte 0x{data[start]:02x} {_place(data, start)} is not "
        f"{encoding!r}; lstmkit reads UTF-8: open it in binary mode (open(path, 'rb')), or "
        "with the encoding it was saved in (open(path, encoding=...))."
    ) from None


def _opened_as_text(refused: ValueError, opened_as: str) -> ValueError:
    """``refused`` (a file object open in text mode as ``opened_as``, refused as no UTF-8
    text: its bytes, or the text it decoded to, a UTF-16 file's NUL bytes read as Latin-1) with
    the other way out a text file object has: opening it with the encoding it was saved in."""
    hint = (
        f", or open it with the encoding it was saved in (open(path, encoding=...)), "
        f"not as {opened_as!r}."
    )
    if isinstance(refused, CSVFileError):
        return CSVFileError(refused.path, refused.said.removesuffix(".") + hint)
    return ValueError(str(refused).removesuffix(".") + hint)


def _copy_name(named: str | None, data: bytes) -> str:
    """The name of the copy of a file object named ``named`` (its basename; None for a
    buffer) that holds the bytes ``data``: by the packing they begin with, not by its name
    (gzip.open's file is named ``sales.csv.gz`` and reads as the CSV: it was unpacked
    again, and refused); by its name where it says as much (``sales.tar.gz`` of bytes that
    begin as gzip's) or they tell nothing and are no text (an empty archive, refused as one,
    not as NUL bytes); ``data.csv`` for a buffer's."""
    packed = _packed_suffix(data)
    end = _packed_end(Path(named or "")) or ""
    binary = data.startswith(b"PK") or b"\0" in data[:_TAR_MAGIC_END]
    if named is not None and (end.endswith(packed) if packed else binary):
        return named
    return ((named or "")[: len(named or "") - len(end)] or "data.csv") + packed


# Whether the caller of read_csv gave `decimal` (its default, '.', cannot be told from a '.'
# given): `decimal='.', thousands='.'` was told "'.' is `decimal`'s default", of a `decimal`
# that was given.
_DECIMAL_GIVEN: ContextVar[bool] = ContextVar("_DECIMAL_GIVEN", default=False)


def _noting_decimal(read: Callable[_P, _R]) -> Callable[_P, _R]:
    """``read`` (:func:`read_csv`) noting in :data:`_DECIMAL_GIVEN` whether ``decimal`` was
    given (it is keyword-only), for :func:`_check_separators`' words."""

    @functools.wraps(read)
    def reading(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        token = _DECIMAL_GIVEN.set("decimal" in kwargs)
        try:
            return read(*args, **kwargs)
        finally:
            _DECIMAL_GIVEN.reset(token)

    return reading


_MONTH_CODES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _period_frequency(freq: object) -> pd.DateOffset | None:
    """``freq`` as an offset, a period frequency's (``'Q-JUN'``) or another's (``'QE-JUN'``,
    ``QuarterEnd(startingMonth=6)``, ``'MS'``); None for one pandas does not read (``'foo'``,
    ``5``)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas 2.2's 'A-JUN', 'Q' as an offset
        for read in (
            lambda: pd.PeriodDtype(freq).freq,
            lambda: pd.tseries.frequencies.to_offset(freq),
        ):
            try:
                return read()
            except (TypeError, ValueError):
                pass
    return None


def _freq_said(
    freq: object, said: str | None = None, route: Callable[[str], str] | None = None
) -> str:
    """What read_csv's ``freq`` (pandas' word, which it does not take) is here: the dates' own
    step; for periods of a fiscal year (``'Q-JUN'``, ``'Y-JUN'``), that a quarter written
    ``2024Q1`` (a year ``2024``) reads as the calendar one, and how to read the fiscal one.
    ``2024Q1`` of a CSV was read as January 2024's quarter, Q-JUN's 2024Q3, and ``freq``,
    which pandas' own ``Period`` reads it by, was told "unexpected keyword argument".

    ``said``: the first words in place of Python's, and ``route``: the Python that reads the
    fiscal periods, given their frequency's name (``'Q-JUN'``), for `lstmkit forecast --freq`
    (:mod:`lstmkit.cli.forecast`)."""
    said = said or (
        "the frequency is read from the dates, each step theirs (a missing date is refused, "
        "or inserted and filled with `fill=`)"
    )
    offset = _period_frequency(freq)
    if type(offset) is pd.offsets.QuarterEnd:
        kind, month, label, what = "Q", offset.startingMonth, "2024Q1", "quarter"
    elif type(offset) is pd.offsets.YearEnd:
        kind, month, label, what = "Y", offset.month, "2024", "year"
    else:
        return said
    if month == 12:
        return (
            f"{said}; a {what} written {label} reads as the calendar one already, from 1 "
            "January 2024"
        )
    name = f"{kind}-{_MONTH_CODES[month - 1]}"
    start = pd.Period(label, freq=name).start_time
    calendar = str(pd.Period("2024-01-01", freq=name))
    renamed = f", which {name!r} names {calendar}" if calendar != label else ""
    python = (
        route(name)
        if route is not None
        else "read the file with pandas and pass its values indexed by "
        f"pd.PeriodIndex(table[date_col].astype(str), freq={name!r}) to to_frame or "
        "Forecaster.fit"
    )
    return (
        f"{said}, and a {what} written {label} is the calendar one there, from 1 January 2024"
        f"{renamed} (its {label} is the {what} from {start.day} {start.month_name()} "
        f"{start.year}); for such fiscal {what}s write each {what}'s first day in the file "
        f"({start:%Y-%m-%d} for {label}), or {python}, whose forecasts are then named in those "
        f"{what}s"
    )


@their_arguments("read_csv", {"freq": _freq_said})
@_noting_decimal
@_read_once
def read_csv(
    path: str | Path | IO[str] | IO[bytes],
    date_col: str,
    value_cols: str | Iterable[str],
    *,
    fill: FillMethod | None = None,
    date_format: str | None = None,
    sep: str = ",",
    decimal: str = ".",
    thousands: str | None = None,
    where: Mapping[str, str | float] | None = None,
) -> pd.DataFrame:
    """Read a CSV with one date column and one or more value columns, validating everything.

    Dates are read with one format for the whole column: ``date_format`` if given, else the format
    pandas infers from the first date. A column that mixes formats, or whose dates make a regular
    series only when read day-first (``01/02/2015`` as 1 February), or are all dates only when read
    day-first (``13/01/2015``, in a series with gaps), or that make a regular series read either way
    (``01/01/2015`` to ``01/12/2015``: daily month-first, monthly day-first; or one with gaps either
    way, even with a ``fill``, unless day-first misses more dates than the column has), is refused
    with a message that says which ``date_format`` to pass, rather than guessed at. Quarters
    (``2000Q1``, ``2000-Q1``) read as the calendar quarter's first day (those of a fiscal year,
    pandas' ``Q-JUN``, are written as their first days: ``freq`` is refused saying so; ``2000-1``
    ... ``2000-4``, ``2001-1``, which read as months with gaps, are refused as quarters written so,
    and ``2000-1``, ``2000-2``, ``2001-1`` as half-years), ISO 8601 weeks (``2021-W07``,
    ``2021W07``) as the week's Monday, which no strftime format reads alone, and the spans pandas
    writes for weekly periods (``2021-02-15/2021-02-21``) as their first day. Four-digit years read
    as years, also written as floats (``1949.0``). Other whole numbers (but ``195001``,
    ``19500101``) are integer steps, with a warning where they look like a spreadsheet's serial
    dates (29221 to 80000, 1980 to 2119: ``44197`` is 2021-01-01). Decimal years as R's ``time()``
    writes them (``1949.08333333333``: year + (month - 1)/12; quarters ``1949.25``, half-years
    ``1949.5``; also rounded to 2 or more decimals, or written with a decimal comma as R's
    ``write.csv2`` does: ``1949,08333333333``) read as the month, quarter or half-year they start;
    other decimals are refused, saying why.

    Args:
        path: CSV file, UTF-8 text with a header row: its path, or a file object open in text
            or binary mode (``open(...)``, ``io.StringIO(text)``, ``io.BytesIO(data)``), read
            once from where it stands (by a temporary copy, deleted at once) and named in
            messages by its ``name`` (``'<StringIO>'`` where it has none); compressed bytes
            are unpacked as their first bytes say, whatever its name (``gzip.open(...)``'s
            file, named ``.gz``, reads as unpacked already). One open in text mode whose bytes
            do not decode is refused as its path is, adding that it may be opened with the
            encoding it was saved in (``open(path, encoding="cp1252")``); opened with another
            encoding than UTF-8, it is told to be opened in binary mode instead.
        date_col: name of the column with timestamps; ``""`` for a first column without a
            name, as pandas writes an unnamed index (``series.to_csv(path)``; pandas reads it
            as ``"Unnamed: 0"``, which works too).
        value_cols: the target column first, then any covariate columns.
        fill: how to fill missing values; ``None`` (default) raises instead. With a fill,
            timestamps missing from an otherwise regular series (every step a whole number of
            the usual one) are inserted first and filled too; ``attrs["inserted"]`` of the
            result counts them, ``attrs["fill"]`` is the method and ``attrs["filled"]`` lists
            the filled positions per column ('bfill' and 'interpolate' read later values: see
            :func:`fill_reads_ahead`; 'interpolate' fills a column of booleans by carrying each
            value forward, the first one back to the start, never 0.5). Rows after the
            target's last value are not filled but refused: drop them.
        date_format: strftime format of the dates (e.g. ``"%d/%m/%Y"``), passed to pandas;
            ``None`` (default) infers one. Times whose UTC offsets differ (``+01:00`` and
            ``+02:00`` across daylight saving) are read in UTC, and ``attrs["utc_offsets"]``
            lists the offsets; dates all at local midnight keep their dates.
        sep: the character between fields (``";"`` for many European spreadsheets, ``"\t"``).
        decimal: the decimal mark of the values (``","`` for ``993,8``); with ``","``, a value
            holding a ``'.'`` is refused unless ``thousands="."``.
        thousands: the character between thousands (``","`` for ``1,099``, ``"."`` for
            ``1.099,25``), removed before reading; it must stand between groups of three
            digits (``1,234,567``, or India's ``12,34,567``): ``"12,5"`` and ``"0,125"`` are
            refused, not read as 125; ``None`` (default): none.
        where: ``{column: value}``: read only the rows whose ``column`` holds ``value``
            (compared as text, surrounding spaces ignored), e.g. ``{"store": "A"}``: one series
            of a file that holds several in long format, one row per series and timestamp. A
            number is its text, as ``--where store=1`` gives it: ``{"store": 1}`` keeps the
            cells ``1`` (and ``1.0`` no cell ``1``: it is told the one to pass, ``"1"``).
            Its columns must be others than the date and value columns. A file whose
            timestamps repeat is refused with the column that tells its series apart, when
            one does.

    Returns:
        A float DataFrame with a regular ``DatetimeIndex`` (``freq`` set), columns ``value_cols``.

    Raises:
        FileNotFoundError: if ``path`` does not exist (a URL is said to be one: nothing is
            downloaded).
        TypeError: for a ``path`` that is no str, Path or file object (or one whose
            ``read()`` gives neither str nor bytes), ``value_cols`` that is no column name
            or list of them (a set of several too: it keeps no order, so no target), a
            ``date_col`` or value column that is no str (a position), or a ``where`` that is
            not a mapping of str to str or number.
        ValueError: for an empty, header-only or non-UTF-8 file, unknown columns,
            unparsable/mixed/day-first/duplicated/irregular dates, non-numeric values, NaNs
            without ``fill``, or a ``where`` that no row matches; the message says where.
    """
    # the columns as a list: a generator read by the check was read empty by the table's
    cols, _ = _check_read_arguments(date_col, value_cols, sep, decimal, thousands, where)
    _check_fill(fill)
    with _path_of(path) as file:
        return _frame_of_table(
            _csv_table(file, sep, thousands, decimal=decimal),
            file,
            date_col,
            cols,
            fill=fill,
            date_format=date_format,
            sep=sep,
            decimal=decimal,
            thousands=thousands,
            where=where,
        )


def _check_read_arguments(
    date_col: str,
    value_cols: str | Iterable[str],
    sep: object,
    decimal: object,
    thousands: object,
    where: object,
) -> tuple[list[str], dict[str, str]]:
    """:func:`read_csv`'s arguments checked, before the file is read: the value columns as a
    list, and ``where`` as a dict."""
    if not isinstance(value_cols, str | Iterable):  # list(1): "'int' object is not iterable"
        # a position, as pd.read_csv(usecols=[2]) takes one: said so, as in a list
        position = isinstance(value_cols, numbers.Integral) and not isinstance(value_cols, bool)
        raise TypeError(
            "`value_cols` must be a column name or a list of them"
            + (", as the file's header row writes them, not a position" if position else "")
            + f", got {typed_repr(value_cols)}."
        )
    # a set's order, and so the target, varied by run; one name has but one
    if isinstance(value_cols, set | frozenset) and len(value_cols) > 1:
        names = sorted(map(str, value_cols))
        raise TypeError(
            f"`value_cols` must be in order, the target first, got a set of {names}, which "
            f"keeps no order (the target was whichever came first); pass a list, e.g. {names}."
        )
    cols = [value_cols] if isinstance(value_cols, str) else list(value_cols)
    _check_column_names(date_col, cols)
    if not cols:
        raise ValueError("`value_cols` must name at least one column, got none.")
    twice = sorted({c for c in [date_col, *cols] if [date_col, *cols].count(c) > 1})
    if twice:
        raise ValueError(
            f"each column may be named once among the date, value and covariate columns; "
            f"{twice} is named more than once."
        )
    _check_separators(sep, decimal, thousands)
    return cols, _check_where(where, [date_col, *cols])


def _check_column_names(date_col: object, cols: list[object]) -> None:
    """Refuse a ``date_col`` or ``value_cols`` entry that is no str (a position, as
    ``pd.read_csv(index_col=0)`` takes one, failed as "'int' object has no attribute 'strip'"),
    naming every one at once."""
    problems = []
    if not isinstance(date_col, str):
        problems.append(
            "`date_col` must be a column name (str), as the file's header row writes it, not a "
            f"position, got {typed_repr(date_col)}"
        )
    problems += [
        "`value_cols` must hold column names (str), as the file's header row writes them, "
        f"not positions, got {typed_repr(c)} at position {k}"
        for k, c in enumerate(cols)
        if not isinstance(c, str)
    ]
    if problems:
        raise TypeError("; ".join(problems) + ".")


def _csv_table(
    path: Path, sep: str = ",", thousands: str | None = None, *, decimal: str = "."
) -> pd.DataFrame:
    """The CSV at ``path`` as :func:`read_csv` reads it, every cell as text (see
    :func:`_read_table`), before any row is selected: what :func:`_frame_of_table` builds each
    series of the file from, so that a file of several series is read once (``thousands``
    and ``decimal``: the caller's, which a row split by either is told)."""
    if path.is_dir():
        # the CSV files in it, packed ones too (sales.csv.gz)
        names = (".csv", *(f".csv{packed}" for packed in PACKED_SUFFIXES))
        raise folder_given(path, "`path`", "CSV", lambda p: p.name.lower().endswith(names))
    if not path.is_file():
        raise not_found(path, "`path`")
    # before the blank rows go: a row of the date alone ("2020-03-01,,") is no blank line
    raw = _read_table(path, sep, blank_lines=True, thousands=thousands, decimal=decimal)
    raw = _without_trailing_fields(raw)
    # A row empty in every field is a blank line: it was refused as "unparsable dates at row
    # 50 (nan)". Blank lines are read as rows, then dropped with them: the index keeps the
    # file's rows, which the messages name (pandas skipped them, and a row after one was named
    # by the line before it).
    return _without_blank_rows(raw, path)


def _without_trailing_fields(raw: pd.DataFrame) -> pd.DataFrame:
    """``raw``, a CSV file's table as pandas reads it, with the rows' fields where the file has
    them. Rows of more fields than the header (``k`` more) are read by pandas with their first
    ``k`` fields as the index and the others under the header's names: a spreadsheet's export
    that ends each row with the separator ("2020-01-01,5," below "date,value") had its dates
    in the index and its values under "date" (refused as "can only concatenate str", a
    TypeError). Where the fields past the header's are empty in every row, the table is the
    rows' first fields under the header; otherwise it is left as pandas read it, and the first
    line whose extra fields hold a value is kept in ``attrs["wider_line"]`` (its number, its
    fields, the first such value) for :func:`_frame_of_table` to refuse (a decimal mark or
    thousands separator that is the field separator too is said so there)."""
    if isinstance(raw.index, pd.RangeIndex):  # every row as wide as the header
        return raw
    width = len(raw.columns)
    leading = raw.attrs.get("leading", 0)  # blank lines above the header (:func:`_read_table`)
    fields = np.concatenate(
        [raw.index.to_frame(index=False).to_numpy(dtype=object), raw.to_numpy(dtype=object)],
        axis=1,
    )
    extra = pd.DataFrame(fields[:, width:])
    held = (extra.notna() & extra.apply(lambda c: c.astype(str).str.strip().ne(""))).any(axis=1)
    if not held.any():
        rows = pd.RangeIndex(leading, leading + len(fields))  # row k is line k + 2
        table = pd.DataFrame(fields[:, :width], index=rows, columns=raw.columns)
        if breaks := raw.attrs.get("quoted_breaks"):
            # the lines a quoted value's breaks add, which --series-col's note of a row
            # counts (a file whose rows end with the separator named each a line short)
            table.attrs["quoted_breaks"] = breaks
        return table.astype(raw.dtypes.to_dict())
    first = int(np.argmax(held.to_numpy()))
    value = next(v for v in extra.iloc[first] if pd.notna(v) and str(v).strip())
    # line k + 2 holds row k: blank lines are rows here (skip_blank_lines=False), and those
    # above the header are counted
    line = _file_line(raw.attrs.get("quoted_breaks", ()), first + 2 + leading)
    raw.attrs["wider_line"] = (line, fields.shape[1], str(value))
    return raw


def _frame_of_table(
    raw: pd.DataFrame,
    path: Path,
    date_col: str,
    value_cols: str | list[str],
    *,
    fill: FillMethod | None = None,
    date_format: str | None = None,
    sep: str = ",",
    decimal: str = ".",
    thousands: str | None = None,
    where: Mapping[str, str | float] | None = None,
    name: str = "data",
    fewer: str | None = "",
    plan: Sequence[str] = (),
    read_dates: dict[tuple[object, ...], _DateReading | None] | None = None,
) -> pd.DataFrame:
    """:func:`read_csv`'s result from the table :func:`_csv_table` read from ``path`` (named
    in the messages), which is left as it is: the same checks, the same messages. ``name``:
    what the columns are (``"future_covariates"``: known in advance, none of them a target);
    ``fewer``: for those, how the caller reads fewer of their rows (None: it cannot;
    ``""``: a smaller `horizon`, :func:`_fewer_steps`);
    ``plan``: the columns after the target known in advance (the others: past covariates).

    ``read_dates``: a dict kept over the calls on one table (each series of a long file),
    which holds each date column read so far by its text: the series that write the same
    dates (in a long file, most) read them once (1,000 series of 120 rows read and checked
    them 1,000 times, two thirds of the time before the first fit). A reading that warned or
    failed is not kept: it is said again, by each series that reads it."""
    cols, where = _check_read_arguments(date_col, value_cols, sep, decimal, thousands, where)
    if sep == decimal and (problem := _split_decimals(raw, decimal, typed_path(path))):
        raise ValueError(problem)
    if date_col == "" and str(raw.columns[0]) == "Unnamed: 0":
        date_col = "Unnamed: 0"  # pandas' name for an empty first header cell
    # a file of another separator ("d;y" above "2020-01-01;1,5") is told its separator first,
    # with the other options that read it by that separator
    given = {
        "fill": fill,
        "date_format": date_format,
        "decimal": decimal,
        "thousands": thousands,
        "where": where,
    }
    read = functools.partial(_options_that_read, path, date_col, cols, given)
    _refuse_missing_columns(raw, [date_col, *cols, *where], path, sep, read)
    if (wider := raw.attrs.get("wider_line")) is not None:
        raise _wider_rows(path, wider, len(raw.columns), sep, thousands)
    file = typed_path(path)
    breaks = raw.attrs.get("quoted_breaks", ())  # which the dates' messages count lines by
    last_row = raw.attrs.get("last_row")  # the file's last row: rows there are its last lines
    raw = _select_rows(raw, where, file)
    rows = raw.index.to_numpy()  # for the messages: the file's rows, not the selected ones
    raw = raw.reset_index(drop=True)

    def read() -> _DateReading:
        token = _BREAKS_READ.set(breaks)
        try:
            return _read_dates(
                raw,
                rows,
                path,
                date_col,
                cols,
                where,
                fill,
                date_format,
                name,
                sep,
                decimal,
                thousands,
            )
        finally:
            _BREAKS_READ.reset(token)

    if read_dates is None:
        dates = read()
    else:
        # all a reading that succeeds depends on: a column whose dates repeat, which the
        # other columns' values are looked at for, fails
        key = (name, date_col, date_format, fill, tuple(raw[date_col].tolist()))
        if key not in read_dates:
            read_dates[key] = _quietly(read)
        kept = read_dates[key]
        dates = read() if kept is None else kept.copy()
    # the columns by position: raw[cols] built an Index of their names first, which cost
    # more than taking them (a CSV's names are unique, and all there: refused above if not)
    columns = raw.take([raw.columns.get_loc(c) for c in cols], axis=1)
    frame = _on_grid(columns.set_index(dates.stamps), dates.grid)
    try:
        values = _check_values(
            frame,
            fill,
            csv=True,
            decimal=decimal,
            thousands=thousands,
            name=name,
            fewer=fewer,
            plan=plan,
            file=file,
        )
    except ValueError as err:
        # rows with no target at the end were told "drop them" with no command, where a
        # summary row under the data is told sed '$d': the same, where they end the file
        refused = _empty_end_rows(err)
        typed = _typed_text(path)
        cut = (
            "" if breaks else _empty_end_cut(refused, columns, dates.stamps, rows, last_row, typed)
        )
        if cut and err.args and isinstance(err.args[0], str):
            err.args = (err.args[0] + cut, *err.args[1:])
        raise
    values.index = dates.index
    values.attrs["inserted"] = frame.attrs.get("inserted", 0)
    if values.attrs["inserted"] and dates.grid is not None:
        # where, for the CLI's note of the cells the file left empty (each inserted row's
        # cells are in attrs["filled"] too, and were listed as the file's)
        values.attrs["inserted_at"] = np.flatnonzero(~dates.grid.isin(dates.stamps)).tolist()
    if dates.week_filled:  # the days inserted were warned of: the CLI's note says them no more
        values.attrs["week_filled"] = True
    if getattr(dates.index, "tz", None) is not None and str(dates.index.tz) == "UTC":
        # offsets that daylight saving changes, read in UTC (_to_datetime): said, not silent
        if offsets := _utc_offsets(raw[date_col]):
            values.attrs["utc_offsets"] = offsets
    return values


def _split_decimals(raw: pd.DataFrame, mark: str, file: str) -> str | None:
    """Why the table ``raw`` of ``file``, read with the field separator ``mark`` as its
    decimal mark too, cannot be what the file holds, or None. Each unquoted ``1,5`` was split
    into two fields: a row then has more fields than the header, which pandas reads by taking
    its first fields as the index, and ``1`` and ``5`` were read into two columns without a
    word. Rows as wide as the header split nothing (whole numbers, quoted ``"1,5"``). The
    first such line is named where :func:`_without_trailing_fields` found it, as pandas' own
    refusal of a later one is."""
    if pd.api.types.is_integer_dtype(raw.index):  # the row counter: no row was wider
        return None
    header = len(raw.columns)
    if (wider := raw.attrs.get("wider_line")) is not None:
        return _decimal_split(mark, f"line {wider[0]} of {file}", wider[1], header)
    return _decimal_split(mark, f"a row of {file}", header + raw.index.nlevels, header)


def _decimal_split(mark: str, row: str, wide: int, header: int) -> str:
    """The refusal of a CSV file read with the field separator ``mark`` as its decimal mark
    too, whose ``row`` (``"a row of 'f.csv'"``, ``"line 4 of 'f.csv'"``: pandas' own words for
    a later row named no flag) has ``wide`` fields where its header has ``header``."""
    eg = " (';' for many European spreadsheets)" if mark == "," else ""
    split = (
        f"{row} has more fields ({wide}) than its header ({header}): an unquoted "
        f"decimal mark that is the separator splits its number into two fields (1{mark}5 read "
        f"as 1 and 5)"
    )
    quote = f', or quote each value that holds the mark ("1{mark}5").'
    return said_to_caller(
        f"`sep` and `decimal` are both {mark!r}, and {split}; pass the file's separator as "
        f"`sep`{eg}{quote}",
        f"--sep and --decimal are both {mark!r}"
        + (" (',' is --sep's default)" if mark == "," and not sep_given.get() else "")
        + f", and {split}; pass the file's separator with --sep{eg}{quote}",
    )


def _wider_rows(
    path: Path,
    wider: tuple[int, int, str],
    width: int,
    sep: str,
    thousands: str | None,
    decimal: str = ".",
) -> ValueError:
    """The refusal of the CSV file at ``path`` whose line ``wider`` (its number, its fields,
    the first value past the header's ``width`` fields; see :func:`_without_trailing_fields`)
    has a value the header names no column for. A thousands separator that is the field
    separator too (``sep=",", thousands=","``, which reads a quoted ``"1,200"`` as 1200) split
    an unquoted 1,200 into two fields: said so, naming both, as a decimal mark is (where
    :func:`series_names` met it first)."""
    line, wide, value = wider
    if sep == thousands:
        return _split_thousands(path, line, wide, width, sep)
    if sep == decimal:
        return ValueError(_decimal_split(sep, f"line {line} of {typed_path(path)}", wide, width))
    return CSVFileError(
        path,
        f"cannot be read as a table (line {line} has {wide} fields, its header {width}, and a "
        f"field past the header's holds {value!r}); every row must have the header's {width} "
        f"fields; a value holding the separator {sep!r} must be quoted.",
    )


def _quoted_breaks(text: bytes, sep: str) -> tuple[tuple[int, int], ...]:
    """The line breaks inside the quoted values of ``text``, a CSV file's, as pandas counts
    lines: ``(n, k)`` for each row on pandas' line ``n`` whose quoted values hold ``k`` line
    breaks (``\\n``, ``\\r\\n`` or ``\\r``), which pandas counts as none; ``()`` where none
    do (:func:`_file_line` turns pandas' line numbers into the file's)."""
    if b'"' not in text:
        return ()
    # pandas drops a byte order mark: a quoted first name after it opens at the field's start
    text = text.removeprefix(b"\xef\xbb\xbf")
    mark = re.escape(sep.encode("utf-8"))
    # a quote opens a value only at a field's start; inside it, a quote is written twice
    quoted = re.compile(rb"(?:(?<=[\r\n" + mark + rb'])|^)"[^"]*(?:""[^"]*)*"')
    breaks: list[tuple[int, int]] = []
    line, at, extra = 1, 0, 0  # the file's line at ``at``; the breaks counted before it
    for match in quoted.finditer(text):
        inside = match.group()
        k = inside.count(b"\n") + inside.count(b"\r") - inside.count(b"\r\n")
        if not k:
            continue
        before = text[at : match.start()]
        line += before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n")
        if breaks and breaks[-1][0] == line - extra:  # another value of the same row
            breaks[-1] = (line - extra, breaks[-1][1] + k)
        else:
            breaks.append((line - extra, k))
        line, at, extra = line + k, match.end(), extra + k
    return tuple(breaks)


def _file_line(breaks: Sequence[tuple[int, int]], line: int) -> int:
    """The file's line (what an editor shows) of pandas' line ``line``, below the quoted
    values that hold the line breaks ``breaks`` (:func:`_quoted_breaks`)."""
    return line + sum(k for n, k in breaks if n < line)


# the quoted line breaks (:func:`_quoted_breaks`) of the file whose dates are being read, for
# the messages that name a row by its line (:func:`_row_line`)
_BREAKS_READ: ContextVar[Sequence[tuple[int, int]]] = ContextVar("_BREAKS_READ", default=())


def _row_line(row: SupportsInt) -> int:
    """The file's line of row ``row`` of the file being read (0: the first below the header):
    ``row + 2`` above its first quoted value holding a line break, more below it."""
    return _file_line(_BREAKS_READ.get(), int(row) + 2)


def _wider_counts(err: Exception) -> list[int]:
    """pandas' "Expected 2 fields in line 4, saw 3" of ``err`` as ``[2, 4, 3]``; ``[]`` for
    any other refusal."""
    said = str(err).removeprefix("Error tokenizing data. C error: ").rstrip(".\n ")
    wider = re.fullmatch(r"Expected (\d+) fields in line (\d+), saw (\d+)", said)
    return [int(n) for n in wider.groups()] if wider else []


# held while :func:`_without_trailing_separators` raises the csv module's field limit
_CSV_FIELD_LIMIT = threading.Lock()


def _without_trailing_separators(text: bytes, sep: str, width: int) -> bytes:
    """``text``, a CSV file's, with each row of more than ``width`` fields whose fields past
    those are all empty (or blank) cut after its first ``width``: the separators a row ends
    with (``2024-01-02,2,`` below ``date,sales``), which pandas refused in a row below others
    of ``width`` fields ("Expected 2 fields in line 3, saw 3"). Lines keep their places, so
    pandas' line numbers stay the file's; a row that holds a value past ``width`` is kept
    whole, for pandas to refuse. Rows are told by the csv module, not by lines: a quoted value
    holding a line break keeps its lines (its ``q,,,`` was cut to ``q,,``), and a row that
    runs over several lines loses the separators its last one ends with; a file that the
    csv module does not read is left as it is."""
    import csv

    if b"\n" not in text and b"\r" in text:
        # lines ended by "\r" alone (classic Mac OS, some exports): one line to the split
        # below, which no row's end was cut from (refused as pandas refused it, or as a
        # thousands separator's split); cut as "\n"'s, the same bytes otherwise
        cut = _without_trailing_separators(text.replace(b"\r", b"\n"), sep, width)
        return cut.replace(b"\n", b"\r")
    mark = sep.encode("utf-8")
    blank = b" \t".replace(mark, b"")
    lines = text.split(b"\n")

    def rows() -> Iterator[tuple[int, list[str]]]:
        """Each row's fields, beside the place in ``lines`` of its last line."""
        if b'"' not in text:  # no quoted value: a row a line; only one ending with sep may lose
            for at, line in enumerate(lines):
                if (end := line.rstrip(b"\r").rstrip(blank)).endswith(mark):
                    yield at, next(csv.reader([end.decode("utf-8")], delimiter=sep))
            return
        # the lines of the split above, ended by "\n" alone ("\r" is left to csv)
        reader = csv.reader(io.StringIO(text.decode("utf-8"), newline="\n"), delimiter=sep)
        for fields in reader:
            yield reader.line_num - 1, fields  # line_num: the lines read so far

    # the limit is the process's: held while it is raised, so that two files told at once in
    # threads do not put back each other's (one was cut short by the limit the other put
    # back, and was refused; the other left the process with the first's raised limit)
    with _CSV_FIELD_LIMIT:
        limit = csv.field_size_limit()
        try:
            # a value longer than the csv module's limit (131,072 characters), which pandas
            # reads, stopped it ("field larger than field limit") and the file was refused;
            # it is put back (a C long: 2**31 - 1 at most on Windows)
            csv.field_size_limit(max(limit, min(len(text), 2**31 - 1)))
            cut = {
                at: len(fields) - width
                for at, fields in rows()
                if len(fields) > width and not any(f.strip() for f in fields[width:])
            }
        except (UnicodeDecodeError, csv.Error, TypeError):
            return text
        finally:
            csv.field_size_limit(limit)
    for at, empty in cut.items():  # the row's last line, which ends with them
        line = lines[at]
        end = line.rstrip(b"\r")
        for _ in range(empty):  # each empty field: its separator and blanks
            end = end.rstrip(blank).removesuffix(mark)
        lines[at] = end + line[len(line.rstrip(b"\r")) :]
    return b"\n".join(lines)


def _ends_with_separators(text: bytes, sep: str, width: int, line: int, wide: int) -> bool:
    """Whether the fields past the header's ``width`` on the file's line ``line`` (pandas'
    "Expected 2 fields in line 4, saw 3", ``wide`` fields) are all empty: the separators a row
    ends with (``2024-01-02,2,``), not a number split by a thousands separator or a decimal
    mark that is ``sep`` too, which :func:`_split_thousands` and :func:`_decimal_split` told
    it as. False where that line is not one of ``wide`` fields (a quoted value holding a line
    break shifts pandas' count)."""
    import csv

    if b"\n" not in text:  # lines ended by "\r" alone
        text = text.replace(b"\r", b"\n")
    lines = text.split(b"\n", line)
    if len(lines) < line:
        return False
    try:
        fields = next(csv.reader([lines[line - 1].decode("utf-8").rstrip("\r")], delimiter=sep))
    except (UnicodeDecodeError, csv.Error, StopIteration, TypeError):
        return False
    return len(fields) == wide and not any(f.strip() for f in fields[width:])


def _split_thousands(path: Path, line: int, wide: int, width: int, sep: str) -> ValueError:
    """The refusal of the CSV file at ``path`` whose line ``line`` has ``wide`` fields where
    its header has ``width``, read with ``sep`` as its thousands separator too: an unquoted
    1,200 split in two, naming both (as the first row's (:func:`_wider_rows`) or a later
    one's, which pandas refused as "Expected 2 fields in line 5, saw 3")."""
    file = typed_path(path)
    split = (
        f"line {line} of {file} has more fields ({wide}) than its header ({width}): an "
        f"unquoted number holding the thousands separator is split into two fields "
        f"(1{sep}200 read as 1 and 200)"
    )
    eg = " (';' for many European spreadsheets)" if sep == "," else ""
    quote = f', or quote each value that holds the mark ("1{sep}200").'
    return ValueError(
        said_to_caller(
            f"`sep` and `thousands` are both {sep!r}, and {split}; pass the file's "
            f"separator as `sep`{eg}{quote}",
            f"--sep and --thousands are both {sep!r}"
            + (" (',' is --sep's default)" if sep == "," and not sep_given.get() else "")
            + f", and {split}; pass the file's separator with --sep{eg}{quote}",
        )
    )


@dataclass(frozen=True)
class _DateReading:
    """A date column as :func:`_frame_of_table` reads it: ``stamps``, the index of its rows;
    ``grid``, with the missing timestamps that a fill inserts (None where none are); ``index``,
    the checked index of the result (its ``freq`` set); ``week_filled``, whether the fill's
    warning of a week's days off (:func:`_note_week_filled`) came."""

    stamps: pd.Index
    grid: pd.DatetimeIndex | None
    index: pd.Index
    week_filled: bool = False

    def copy(self) -> _DateReading:
        """Another of the same indexes, so that no two results share one."""
        grid = None if self.grid is None else self.grid.copy()
        return _DateReading(self.stamps.copy(), grid, self.index.copy(), self.week_filled)


def _quietly(read: Callable[[], _DateReading]) -> _DateReading | None:
    """``read()``, or None where it warns or raises (then read it again as it is, to say so:
    this reading's warnings are kept from the caller's filters, which make some errors)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            dates = read()
        except Exception:  # raised again, with its warnings, by the read that follows
            return None
    return None if caught else dates


def _read_dates(
    raw: pd.DataFrame,
    rows: np.ndarray,
    path: Path,
    date_col: str,
    cols: list[str],
    where: dict[str, str],
    fill: FillMethod | None,
    date_format: str | None,
    name: str,
    sep: str = ",",
    decimal: str = ".",
    thousands: str | None = None,
) -> _DateReading:
    """The date column of ``raw`` (the selected rows, numbered from 0; ``rows``: their rows in
    the file, for the messages) read and checked as :func:`_frame_of_table` reads it; ``sep``,
    ``decimal`` and ``thousands``: as the file was read, for advice that reads it again."""
    file = typed_path(path)
    positions = _integer_positions(raw[date_col]) if date_format is None else None
    if date_format is None:
        _refuse_amounts(raw, date_col, file, positions, decimal, thousands, rows)
    grid = None
    week_filled = False  # (the warning of a week's days off, where a fill inserts them)
    if positions is not None:
        # Steps counted in integers (0, 1, 2, ... or 10, 20, ...): an integer index, kept.
        stamps: pd.Index = pd.Index(positions, name=date_col)
        serial = _serial_dates_hint(positions)
        index: pd.Index = _positions(
            stamps,
            f"column {date_col!r} of {file}",
            "integer steps are read as they are (missing ones are not inserted, even with a "
            "fill), so give every step once, in order, or dates" + serial,
            rows,
        )
        # a regular step (daily, weekly): read, but as steps, without a calendar; said by the
        # series' read, not again by the read of its future covariates' rows (the same column:
        # forecast said it twice, explain and predict a second time with the plan's last step)
        if serial and name != "future_covariates":
            warnings.warn(
                f"column {date_col!r} of {file} holds whole numbers "
                f"({positions.min()} to {positions.max()}), read as integer steps, not dates"
                f"{serial}.",
                stacklevel=user_stacklevel(),
            )
    else:
        # a long-format file repeats each stamp, once per series: refused as duplicates with
        # the column to read one by, not for months rounded to one decimal
        text = _cells(raw, date_col)
        repeats = not (
            text.duplicated().any()
            and _long_format_hint(raw, pd.Index(text), [date_col, *cols], where)
        )
        stamps = _parse_dates(
            raw[date_col],
            date_col,
            file,
            date_format,
            rows,
            repeats,
            raw.attrs.get("last_row"),
            _typed_text(path),
        )
        hint = (
            _long_format_hint(raw, stamps, [date_col, *cols], where)
            if stamps.has_duplicates
            else ""
        )
        if hint:
            raise ValueError(f"{_duplicates(stamps, file)} {hint}")
        if fill is None and date_format is None:
            _refuse_quarters_as_months(text, stamps, f"column {date_col!r} of {file}")
        if fill is not None:
            _refuse_zone_business_days_in_utc(stamps, file)  # (as to_frame's fill)
            grid = _missing_grid(stamps)
        try:
            with _file_read(file, date_col, date_format, sep, decimal, thousands, where):
                index = _check_index(stamps if grid is None else grid, file)
        except ValueError as err:
            # series that share no timestamp do not repeat one: their long format said first,
            # as for those that do, then the gap or the step back it makes
            hint = _long_format_hint(raw, stamps, [date_col, *cols], where)
            if not hint:
                raise
            raise ValueError(f"{hint} As one series, {err}") from None
        if grid is not None and len(grid) > len(stamps):
            # and with a fill, which read them as one series without a word, making up the
            # years between one store's last month and the next one's first
            hint = _long_format_hint(raw, stamps, [date_col, *cols], where)
            if hint:
                warnings.warn(
                    f"{hint} As one series, the fill makes up the {len(grid) - len(stamps)} "
                    "points between them.",
                    stacklevel=user_stacklevel(),
                )
            else:
                _note_dst_filled(stamps, grid, file)
                with _file_read(file, date_col, date_format, sep, decimal, thousands, where):
                    week_filled = _note_week_filled(stamps, grid, file)
    return _DateReading(stamps, grid, index, week_filled)


# A year and a number 1 to 4 ("2000-1"), which pandas reads as a month: quarters, if no other
# number and two to four in some year (one in each: a yearly series) are seen.
_YEAR_AND_NUMBER = re.compile(r"\s*(\d{4})\s*[-/]\s*([1-4])\s*")


def _refuse_quarters_as_months(stamps: pd.Series, index: pd.Index, where: str) -> None:
    """Raise if dates written as a year and a number 1 to 4 (``2000-1`` ... ``2001-1``), at most
    four a year and more than one in some year, read as months with gaps: they are quarters,
    which pandas reads as months."""
    values = _python_strings(stamps[stamps.notna() & stamps.ne("")].astype(str))
    if (
        len(values) < 2
        or not isinstance(index, pd.DatetimeIndex)
        or not (index.is_unique and index.is_monotonic_increasing)
        or not _all_match(values, _YEAR_AND_NUMBER)
    ):
        return
    per_year = values.str.extract(_YEAR_AND_NUMBER)[0].value_counts().max()
    if per_year > 4 or per_year < 2:  # one a year: yearly (2000-3, 2001-3, 2003-3), not quarters
        return
    months = index.year.to_numpy() * 12 + index.month.to_numpy()
    if len(set(np.diff(months).tolist())) == 1:  # regular as months: read as it was
        return
    year = index[0].year
    if index.month.max() <= 2 and per_year <= 2:
        raise ValueError(
            f"the dates in {where} look like half-years: written as a year and a number 1 or 2 "
            f"({values.iloc[0]!r} to {values.iloc[-1]!r}), at most two a year, they read as "
            f"months, with gaps. Write half-years as their first month: {year}-01, {year}-07."
        )
    raise ValueError(
        f"the dates in {where} look like quarters: written as a year and a number 1 to 4 "
        f"({values.iloc[0]!r} to {values.iloc[-1]!r}), at most four a year, they read as months, "
        f"with gaps. Write quarters as {year}Q1 (or {year}-Q1, Q1 {year}), or as the quarter's "
        f"first month: {year}-01, {year}-04, {year}-07, {year}-10."
    )


def _refuse_missing_columns(
    raw: pd.DataFrame,
    wanted: list[str],
    path: Path,
    sep: str,
    read: Callable[[str], tuple[dict[str, str], bool] | None] | None = None,
) -> None:
    """Refuse, listing them by name, the ``wanted`` columns the CSV lacks (with a hint when the
    file looks separated by another character than ``sep``); the file named as
    :func:`typed_path` names it, by every reader (``read_labelled_csv``'s own refusal, which
    names each column by its argument, shares the hints). ``read``: the options beside that
    separator that read the file (:func:`_options_that_read`), named with it; they are the
    refusal's ``read_options`` too, for the CLI's line to paste, where they read it all."""
    missing = [c for c in wanted if c not in raw.columns]
    if missing:
        options: dict[str, str] | None = None
        hint = _other_sep_hint(raw, sep)
        if hint and read is not None and (found := read(_other_sep(raw, sep) or sep)):
            told, reads = found
            hint = _other_sep_hint(raw, sep, told)
            options = told if reads else None  # no line to paste that does not read it
        hint = hint or _joined_names_hint(raw, missing) or _header_below_hint(raw, missing, path)
        # Names that differ only in case or surrounding spaces ('Month', ' sales ') or by a
        # letter ('sale') are easy to miss in the list of columns; a header read whole, its
        # separator quoted ('date;y'), is no letter off 'date'.
        columns = [str(c) for c in raw.columns]
        meant = [
            (word, m)
            for m in missing
            if (word := meant_word(m, columns)) is not None
            and (sep not in word or word.casefold() == m.strip().casefold())
        ]
        if meant and not hint:
            if len(missing) == 1:
                hint = f" (did you mean {meant[0][0]!r}?)"
            else:
                pairs = ", ".join(f"{column!r} for {name!r}" for column, name in meant)
                hint = f" (did you mean {pairs}?)"
        err = ValueError(
            f"column{plural_s(len(missing))} {missing} not found in {typed_path(path)}; available "
            "columns: "
            f"[{shown_names(raw.columns, quote=True)}]{hint or _numbered_hint(missing)}."
        )
        err.read_options = options  # type: ignore[attr-defined]
        raise err


def _header_below_hint(raw: pd.DataFrame, missing: list[str], path: Path) -> str:
    """The hint of a missing column's refusal where a row among the first 20 below the header
    pandas read holds every missing name: the header is there, below a title (``Sales report
    2018-2023,`` and a blank line above ``date,sales`` were refused with the columns
    ``['Sales report 2018-2023', 'Unnamed: 1']`` alone); it names that line and, on the command
    line, the command that reads the file from it. ``""`` otherwise."""
    if not pd.api.types.is_integer_dtype(raw.index):  # rows' first fields as the index
        return ""
    wanted = {name.strip() for name in missing}
    rows = [
        row
        for row, values in zip(raw.index[:20], raw.to_numpy(dtype=object)[:20], strict=True)
        if wanted <= {v.strip() for v in values if isinstance(v, str)}
    ]
    if not rows:
        return ""
    row = rows[0]
    line = _file_line(raw.attrs.get("quoted_breaks", ()), int(row) + 2)
    above = "the line above it" if line == 2 else f"the {line - 1} lines above it"
    command = cli_command.get()
    file = _typed_text(path)
    if command is None:
        fix = f"delete {above} from the file"
    else:
        fix = (
            f"delete {above} from the file, or read the file from there: "
            f"{_piped(f'tail -n +{line}', file)} | lstmkit {command} --csv -, with the other "
            "flags as given"
        )
    return f" (the header looks to be on line {line}, below a title: {fix})"


def _last_lines_cut(k: int, file: str) -> str:
    """The command that drops the last ``k`` lines of ``file`` (:func:`_piped`) on GNU, BSD
    (macOS) and Git Bash alike: ``sed '$d'``, once a line (macOS' ``head`` refuses the
    ``head -n -1`` that was told).

    Example:
        >>> _last_lines_cut(1, "s.csv"), _last_lines_cut(2, "-")
        ("sed '$d' s.csv", "... | sed '$d' | sed '$d'")
    """
    return " | ".join([_piped("sed '$d'", file), *["sed '$d'"] * (k - 1)])


def _piped(cut: str, file: str) -> str:
    """The command ``cut`` (``sed '$d'``) of the file the user typed as ``file``; of a file
    piped in (``<stdin>``), put in the pipe: ``... | sed '$d'``. A name that begins with
    ``-`` is written ``./-x.csv``: ``sed '$d' -x.csv`` read it as an option, no file."""
    if file in ("-", "<stdin>"):
        return f"... | {cut}"
    return f"{cut} {shlex.quote('./' + file if file.startswith('-') else file)}"


def _joined_names_hint(raw: pd.DataFrame, missing: list[str]) -> str:
    """The hint of a missing column's refusal where a name is columns of the file joined by
    commas (``--covariate-cols price,promo``, read as the one column 'price,promo', was asked
    "did you mean 'price'?"); else ``""``."""
    for name in missing:
        parts = [part.strip() for part in name.split(",")]
        if len(parts) > 1 and all(part in raw.columns for part in parts):
            listed = and_list([repr(part) for part in parts])
            said = said_to_caller(
                f"pass a list, {parts!r}", f"give them as separate words: {' '.join(parts)}"
            )
            return f" ({name!r} joins the columns {listed} with commas; {said})"
    return ""


def _other_sep(raw: pd.DataFrame, sep: str) -> str | None:
    """The separator other than ``sep`` that the name of ``raw``'s one column holds, or None."""
    return _other_sep_of(str(raw.columns[0]), sep) if len(raw.columns) == 1 else None


def _other_sep_of(name: str, sep: str) -> str | None:
    """The separator other than ``sep`` that ``name``, a file's one column read by ``sep``,
    holds (``'date;value'``: ``';'``), or None: the file looks split by it."""
    return next((c for c in (";", "\t", "|", ",") if c in name and c != sep), None)


# Set by ``lstmkit forecast``, ``predict`` and ``explain`` while they read a ``--csv`` named
# ``.tsv`` with a tab for its name, no ``--sep`` given (:func:`tab_by_name`).
_TAB_BY_NAME: ContextVar[bool] = ContextVar("_TAB_BY_NAME", default=False)


def tab_by_name(on: bool) -> AbstractContextManager[None]:
    """Within it (``on``), a ``\t`` that reads a file as one column was taken from the file's
    name, ``.tsv``, not given: the refusal says so (:func:`tab_by_name_said`)."""
    return _told(_TAB_BY_NAME, on)


def tab_by_name_said(sep: str) -> str:
    """`` read with a tab, as a file named .tsv is without --sep,`` where ``sep``, a tab, was
    the file's name's (:func:`tab_by_name`), else ``""``: a ``.tsv`` of commas was told
    ``pass --sep ','`` with no word of why a tab read it."""
    return (
        " read with a tab, as a file named .tsv is without --sep,"
        if (sep == "\t" and _TAB_BY_NAME.get())
        else ""
    )


def _other_sep_hint(raw: pd.DataFrame, sep: str, options: dict[str, str] | None = None) -> str:
    """The hint of a missing column's refusal where the file read as one column whose name holds
    another separator than ``sep``; else ``""`` (every reader's: ``read_labelled_csv`` too).
    ``options``: those that read the file (:func:`_options_that_read`), named all at once
    (``euro.csv``'s ``01.01.2015;10.030,00`` took four runs, told ``--sep``, then
    ``--date-format``, then ``--decimal``, then ``--thousands``). A tab taken from a
    ``.tsv``'s name is said to be (:func:`tab_by_name_said`)."""
    other = _other_sep(raw, sep)
    if other is None:
        return ""
    options = options or {"sep": other}
    python = ", ".join(f"{k}={v!r}" for k, v in options.items())
    return (
        f" (one column whose name holds {other!r}:{tab_by_name_said(sep)} the file looks "
        f"{other!r}-separated; pass {remedy(python, _options_as_flags(options))})"
    )


def _options_as_flags(options: dict[str, str]) -> str:
    """The CLI flags of :func:`read_csv`'s ``options``, as a message tells them to pass.

    Example:
        >>> _options_as_flags({"sep": ";", "date_format": "%d.%m.%Y", "decimal": ","})
        "--sep ';' --date-format '%d.%m.%Y' --decimal ','"
    """
    return " ".join(
        f"--{k.replace('_', '-')} " + (f"'{v}'" if k == "date_format" else _sep_flag(v))
        for k, v in options.items()
    )


def _options_that_read(
    path: Path, date_col: str, cols: list[str], given: dict[str, Any], sep: str
) -> tuple[dict[str, str], bool] | None:
    """The options of :func:`read_csv` that read the file at ``path`` by ``sep``, as the
    refusals of reads with ``given`` and ``sep`` advise them, one after another (a date format,
    a decimal comma, a thousands mark): ``({"sep": sep, ...}, True)`` where those read it;
    ``(options, False)`` where a refusal advises nothing more after some did (the rows of
    ``--future-cols`` without a target, which ``read_csv`` refuses: the options found are
    still needed, told all at once rather than ``--sep`` alone); None where the first read by
    ``sep`` advises nothing, or the file is no file to read again (a pipe). Not within
    such a read: ``"date;y,z"`` quoted, one column by ``,`` and by ``;``, read by each in turn
    without end (a RecursionError where the ``--sep`` to pass was told)."""
    if _ADVISED.get() is not None or not path.is_file():
        return None
    options = {"sep": sep}
    for _ in range(4):  # each of date_format, decimal, thousands advised once at most
        advised: dict[str, str] = {}
        token = _ADVISED.set(advised)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                read_csv(path, date_col, cols, **{**given, **options})
        except ValueError:
            new = {k: v for k, v in advised.items() if options.get(k) != v}
        except Exception:  # the refusal of the first read is said, not this one
            return None
        else:
            return options, True
        finally:
            _ADVISED.reset(token)
        if not new:
            break
        options.update(new)
    return (options, False) if len(options) > 1 else None


def _numbered_hint(missing: Iterable[str]) -> str:
    """The hint of a refusal of ``missing`` columns all given by position ('0', '1'), as for a
    file without a header row, whose first row of data then named the columns listed, which
    said nothing of why; else ``""``."""
    if not all(m.strip().isdigit() for m in missing):
        return ""
    return (
        " (columns are named by the file's header row, not numbered; a file without one needs "
        "a header row added above its first row)"
    )


def _where_number(value: object) -> bool:
    """Whether ``value`` is a number ``where`` takes as its text (not a bool)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def _check_where(where: object, read: list[str]) -> dict[str, str]:
    """``where`` as ``{column: value}`` of strs, its columns none of the ``read`` ones. A
    number is its text, as ``--where store=1`` gives it: ``1`` keeps the cells ``'1'``, as
    pandas' ``df[df.store == 1]`` keeps them of the column it reads as integers (the cells
    are compared as text, so ``1.0`` is ``'1.0'``, told the one cell ``'1'`` if none holds it)."""
    if where is None:
        return {}
    if not isinstance(where, Mapping) or not all(
        isinstance(k, str) and (isinstance(v, str) or _where_number(v)) for k, v in where.items()
    ):
        raise TypeError(
            "`where` must map column names (str) to the values to keep (str, or a number "
            f"as the cells write it), e.g. {{'store': 'A'}}, got {where!r}."
        )
    text = {k: v if isinstance(v, str) else _where_text(v) for k, v in where.items()}
    clash = [c for c in text if c in read]
    if clash:
        raise ValueError(
            f"`where` selects rows by columns other than the date and value columns, got "
            f"{clash[0]!r}, which is read as {'dates' if clash[0] == read[0] else 'values'}."
        )
    return text


def _where_text(value: object) -> str:
    """A number's text as ``where`` compares it: ``'1'`` of numpy's ``int64(1)``, ``'1.5'``
    of ``1.5`` and of ``float64(1.5)`` (whose repr is ``np.float64(1.5)`` under numpy 2);
    ``'0.1'`` of ``float32(0.1)`` too, written as short as its own precision writes it (as a
    float64, ``'0.10000000149011612'``)."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, np.floating):
        return str(value)  # the shortest text that reads back as the same float32/float16
    return repr(float(value)) if isinstance(value, numbers.Real) else str(value)


def _cells(raw: pd.DataFrame, col: str) -> pd.Series:
    """A column's cells as ``where`` and the series names compare them: text, spaces around
    it dropped, empty for a missing cell."""
    return raw[col].fillna("").astype(str).str.strip()


def _holds(raw: pd.DataFrame, col: str, value: str) -> np.ndarray:
    """Whether each cell of column ``col`` is ``value`` as :func:`_cells` compares them."""
    column = raw[col]
    if isinstance(column, pd.Series) and isinstance(column.dtype, pd.StringDtype):
        # a CSV's text, a str or missing in each cell, compared in Python: pandas' three
        # passes of _cells cost more than the comparison on a series' rows
        cells = column.to_numpy(dtype=object, na_value="")
        return np.fromiter((c.strip() == value for c in cells), bool, len(cells))
    return (_cells(raw, col) == value).to_numpy()


_WHERE_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def _number_meant(value: str, seen: list[str]) -> str | None:
    """The one of the cells ``seen`` that holds the number ``value`` written otherwise
    (``"1"`` of ``"1.0"``), or None."""
    same = [c for c in seen if _WHERE_NUMBER.fullmatch(c) and float(c) == float(value)]
    return same[0] if len(same) == 1 else None


def _select_rows(raw: pd.DataFrame, where: dict[str, str], name: str) -> pd.DataFrame:
    """The rows of ``raw`` whose columns hold the values of ``where`` (as text, stripped)."""
    for col, value in where.items():
        keep = _holds(raw, col, value.strip())
        if not keep.any():
            text = _cells(raw, col)
            seen = sorted(set(text[text != ""]))
            # a value in another case ('a' of A, B, C) or a letter off, as a column's name is
            # told (it was listed among the others alone); a number, the one cell of its value
            # ('1.0' of 1), as a digit off is another number (store=11 was asked '1', of 1, 10)
            close = (
                _number_meant(value, seen)
                if _WHERE_NUMBER.fullmatch(value.strip())
                else meant_word(value, seen)
            )
            flag = shlex.quote(f"{col}={close}")
            said = said_to_caller(f"where={{{col!r}: {close!r}}}", f"--where {flag}")
            meant = f" (did you mean {said}?)" if close is not None else ""
            raise ValueError(
                f"no row of {name} has {col}={value!r} {rows_named()}; the column "
                f"holds {_describe_positions(seen, limit=8) if seen else 'no value'}{meant}."
            )
        if not keep.all():  # a series of --series-col is its rows already: not copied again
            raw = raw[keep]
    return raw  # its index: the rows' positions in the file (0: the first below the header)


def _without_the_future(
    raw: pd.DataFrame, target: str, where: dict[str, str], name: str, keep: int = 0
) -> pd.DataFrame:
    """``raw`` without the rows of the series (those :func:`_select_rows` keeps for
    ``where``) after its ``target``'s last value, but for the first ``keep`` of them: with
    future covariates they hold the values of the forecast steps, not the series, and a
    forecast of ``keep`` steps reads no row after those."""
    return raw.drop(index=_future_rows(raw, target, where, name)[keep:])


def _future_rows(raw: pd.DataFrame, target: str, where: dict[str, str], name: str) -> pd.Index:
    """The rows (labels of ``raw``) of the series that ``where`` selects after its ``target``'s
    last value, in order; none where a column is missing (refused by name when the series is
    read)."""
    if any(col not in raw.columns for col in [target, *where]):
        return raw.index[:0]
    rows = _select_rows(raw, where, name)
    present = np.flatnonzero(rows[target].notna().to_numpy())
    return rows.index[present[-1] + 1 :] if len(present) else rows.index[:0]


def _plan_reach(raw: pd.DataFrame, rows: pd.Index, cols: list[str]) -> int:
    """How many of the forecast steps' rows ``rows`` (labels of ``raw``, in order) the future
    covariates ``cols`` hold together: up to each one's last value (empty cells after it are
    where its plan ends, which a forecast of fewer steps does not read)."""
    held = [_cells(raw.loc[rows], col).ne("").tolist() for col in cols]
    return min((len(h) - h[::-1].index(True) if any(h) else 0) for h in held)


def _long_format_hint(
    raw: pd.DataFrame, dates: pd.Index, read: list[str], where: dict[str, str]
) -> str:
    """The column whose values tell a file's series apart, and how to read one of them; ""
    if no column does. ``read``: the date and value columns; ``dates``: the timestamps (or
    their text). A column tells series apart if the dates are unique within each of its
    values and, where no date repeats (series that do not share timestamps, such as one
    store's 1949-1953 and another's from 1960), its values change exactly where the dates
    break their step: each series one run of rows, every step between two runs back in time
    or longer than any step within one."""
    breaks = None if dates.has_duplicates else _run_breaks(dates)
    for col in raw.columns:
        if col in read or col in where:
            continue
        text = _cells(raw, col)
        ids = pd.unique(text)
        if len(ids) < 2 or len(ids) == len(text):
            continue
        if breaks is not None:
            arr = text.to_numpy()
            if not breaks(np.flatnonzero(arr[1:] != arr[:-1]), len(ids)):
                continue
        if not pd.MultiIndex.from_arrays([text.to_numpy(), dates]).has_duplicates:
            first = ids[0]
            return (
                f"The file looks like {len(ids)} series in long format, one per value of "
                f"{col!r} ({_describe_positions(list(ids), limit=5)}): read one with "
                + remedy(f"where={{{col!r}: {first!r}}}", f"--where {col}={first}")
                # only `lstmkit forecast` reads every series of the file
                + (f", or forecast each with --series-col {col}." if each_series() else ".")
            )
    return ""


def _run_breaks(dates: pd.Index) -> Callable[[np.ndarray, int], bool]:
    """For unique ``dates``: a test of whether the row boundaries it is given (positions of
    the steps between runs of a column's values) and the number of values are those of one
    run per series, each boundary a step back or longer than any step within a run; a test
    that says no for dates that are not datetimes."""
    if not isinstance(dates, pd.DatetimeIndex):
        return lambda edges, n: False
    steps = np.diff(dates.asi8)

    def breaks(edges: np.ndarray, n: int) -> bool:
        if len(edges) != n - 1:  # a value met in two runs
            return False
        within = np.delete(steps, edges)
        across = steps[edges]
        longest = within.max() if len(within) else 0
        return bool(((across < 0) | (across > longest)).all())

    return breaks


def series_names(
    path: str | Path | IO[str] | IO[bytes],
    column: str,
    *,
    sep: str = ",",
    decimal: str = ".",
    thousands: str | None = None,
    where: Mapping[str, str | float] | None = None,
) -> list[str]:
    """The values of ``column`` in a long-format CSV (one row per series and timestamp): the
    names of its series, in the order they first appear, spaces around them ignored (empty
    cells skipped). ``where`` keeps only the rows it selects first (see :func:`read_csv`); each
    name read with ``where={column: name}`` gives one series. ``path`` may be a file object,
    as :func:`read_csv`'s (read once: pass each series' ``read_csv`` another). ``sep``,
    ``decimal`` and ``thousands`` are :func:`read_csv`'s, checked alike: pass the file's
    format to both (an unquoted ``1,234`` or ``1,5`` that ``sep=","`` splits into two fields
    is said so, as :func:`read_csv` says it).

    Raises:
        FileNotFoundError: if ``path`` does not exist.
        TypeError: for a ``path`` that is no str, Path or file object, a ``where`` that is
            not a mapping of str to str or number, or a ``sep``, ``decimal`` or ``thousands``
            that is no str.
        ValueError: for a file :func:`read_csv` refuses as a whole, a missing column, a
            column with no value, or ``sep``, ``decimal`` and ``thousands`` that
            :func:`read_csv` refuses.
    """
    _check_separators(sep, decimal, thousands)
    where = _check_where(where, [])
    with _path_of(path) as file:
        table = _csv_table(file, sep, thousands, decimal=decimal)
        return _names_of_table(
            table, file, column, sep=sep, where=where, thousands=thousands, decimal=decimal
        )


def _names_of_table(
    raw: pd.DataFrame,
    path: Path,
    column: str,
    *,
    sep: str = ",",
    where: Mapping[str, str | float] | None = None,
    thousands: str | None = None,
    decimal: str = ".",
    read: Callable[[str], tuple[dict[str, str], bool] | None] | None = None,
) -> list[str]:
    """:func:`series_names`'s result from the table :func:`_csv_table` read from ``path``
    (``thousands`` and ``decimal``: the caller's, which a row split by either is told;
    ``read``: as :func:`_refuse_missing_columns`'s, the options that read a file of another
    separator)."""
    where = _check_where(where, [])
    _refuse_missing_columns(raw, [column, *where], path, sep, read)
    if (wider := raw.attrs.get("wider_line")) is not None:  # the names were pandas' index's
        raise _wider_rows(path, wider, len(raw.columns), sep, thousands, decimal)
    file = typed_path(path)
    text = _cells(_select_rows(raw, where, file), column)
    names = [name for name in pd.unique(text) if name]
    if not names:
        raise ValueError(f"column {column!r} of {file} holds no value.")
    return names


def _sep_flag(sep: str) -> str:
    """How to type ``sep`` after ``--sep``, ``--decimal`` or ``--thousands`` in a shell, in
    the one form of every message: quoted (``';'``, ``','``, ``'.'``), but a tab (``tab``) and
    an apostrophe (``"'"``). Bare, a remedy ending a sentence read "pass --thousands .." or
    "pass --thousands ,.", and "--decimal , --thousands '.'" beside the CLI's "--decimal ','
    --thousands '.'".

    Example:
        >>> _sep_flag(","), _sep_flag("."), _sep_flag(";"), _sep_flag("\\t")
        ("','", "'.'", "';'", 'tab')
    """
    return {"\t": "tab", "'": '"\'"'}.get(sep, f"'{sep}'")


def _check_separators(sep: object, decimal: object, thousands: object) -> None:
    """``sep``, ``decimal`` and ``thousands`` (or None) must be single characters, the last two
    different. Every one refused is said at once (``sep='ab', decimal='xy'`` named `sep`
    alone, then `decimal` on the next try), a ``TypeError`` where one is no str."""
    wrong_type, problems, bad = False, [], set()
    for name, value, may_be_none in (
        ("sep", sep, False),
        ("decimal", decimal, False),
        ("thousands", thousands, True),
    ):
        if value is None and may_be_none:
            continue
        if not isinstance(value, str):  # read_csv(..., sep=3) was a ValueError
            wrong_type = True
            bad.add(name)
            problems.append(
                f"`{name}` must be a str, one character"
                + (" (or None)" if may_be_none else "")
                + f", got {type(value).__name__} {value_repr(value)}."
            )
        elif len(value) != 1 or value in '"\r\n':
            # the command line's `--sep tab` (or a typed "\\t") is one character in Python
            typed = value.casefold() in ("tab", "\\t")  # or 'TAB'
            tab = " (a tab is '\\t')" if name == "sep" and typed else ""
            bad.add(name)
            problems.append(
                f"`{name}` must be one character (not a quote or a line break)"
                + (" or None" if may_be_none else "")
                + f", got {str(value)!r}{tab}."  # np.str_('ab') shown as the text
            )
    # (a field separator may also appear in quoted values: "1,099" in a comma-separated file)
    # the pair's problems said beside the others' (sep='ab', decimal='1' named `sep` alone)
    pair = not bad & {"decimal", "thousands"}
    if pair and decimal == thousands == ".":
        # read_csv(path, ..., thousands=".") for 1.099,25, as a pandas user writes it beside
        # pandas' own decimal=",": "both are '.'" named a `decimal` never given; one given
        # as '.' was told "'.' is `decimal`'s default"
        said = (
            "both were given as '.'; pass the file's decimal mark as `decimal`"
            if _DECIMAL_GIVEN.get()
            else "got '.' for both ('.' is `decimal`'s default, the decimal point); pass the "
            "file's decimal mark too"
        )
        problems.append(
            said_to_caller(
                f"`thousands` must differ from `decimal`, {said}: decimal=',', thousands='.' "
                "for 1.099,25.",
                "--decimal and --thousands must differ, both are '.'.",
            )
        )
    elif pair and decimal == thousands:
        problems.append(f"`decimal` and `thousands` must differ, both are {str(decimal)!r}.")
    elif pair and (
        decimal in "0123456789-+eE" or (thousands is not None and thousands in "0123456789-+eE")
    ):
        problems.append(
            f"`decimal` and `thousands` must not be digits, signs or 'e', got "
            f"{str(decimal)!r} and {python_scalar(thousands)!r}."
        )
    if problems:
        raise (TypeError if wrong_type else ValueError)(" ".join(problems))


_WHOLE_NUMBER = re.compile(r"-?\d{1,16}(\.0*)?")  # 10, -3, or 10.0 as a spreadsheet writes it


def _integer_positions(text: pd.Series) -> np.ndarray | None:
    """The column as integers when every value is one and none reads as a date (a year like
    1950 does: such a column stays dates), else ``None``. Whole numbers written as floats
    (``10.0``, as a spreadsheet's number column or pandas' to_csv beside a gap) count, as they
    do in an index from Python (they were refused as unparsable dates, with a date format to
    pass); more digits than a float holds exactly do not (int64 overflowed)."""
    # the first value decides for the usual column of dates, without a regex over all of it
    if not len(text) or not _WHOLE_NUMBER.fullmatch(str(text.iloc[0]).strip()):
        return None
    values = _python_strings(text.astype(str).str.strip())
    # a missing cell (NaN in pandas 3's text, 'nan' in pandas 2's) is no whole number
    if not values.str.fullmatch(_WHOLE_NUMBER, na=False).all():
        return None
    values = values.str.replace(r"\.0*$", "", regex=True)
    if values.str.fullmatch(r"\d{4}").all() or values.str.fullmatch(r"\d{6}|\d{8}").all():
        return None  # years (1950, also 1950.0), year-months (195001) or dates (19500101)
    return values.astype(np.int64).to_numpy()


# The serial numbers a spreadsheet stores dates as (days since 1899-12-30, Excel's and
# LibreOffice's epoch), written to a CSV where the column is formatted as numbers: 29221 and
# 80000 are 1980-01-01 and 2119-01-11. Below 29221 lie the days since 1970 (Unix days) until
# 2050, which were named spreadsheet dates 70 years earlier (20790, 2026-12-03, as 1956-12-02),
# and counters such as a log's steps 20000, 20001, ...
_SERIAL_DATES = (29_221, 80_000)
_SERIAL_EPOCH = pd.Timestamp("1899-12-30")


def _decimal_comma_numbers(
    text: pd.Series, decimal: str, thousands: str | None
) -> np.ndarray | None:
    """The column as numbers written with ``decimal`` (``117,6``), where every value is one and
    some have that mark, else ``None``: amounts, which pandas 3 reads as dates of the year 117
    (an ``OutOfBoundsDatetime`` that named no column) and pandas 2 as no date."""
    if decimal == "." or not len(text):
        return None
    # the first value decides for the usual column of dates, without a pass over all of it
    # (a fifth more time to read 200,000 hours with --decimal ,)
    first = str(text.iloc[0]).strip()
    first = first.replace(thousands, "") if thousands else first
    try:
        float(first.replace(decimal, "."))
    except ValueError:
        return None
    values = _python_strings(text.astype(str).str.strip())
    if thousands:
        values = values.str.replace(thousands, "", regex=False)
    if not values.str.contains(decimal, regex=False).any():
        return None
    numbers = pd.to_numeric(values.str.replace(decimal, ".", regex=False), errors="coerce")
    return numbers.to_numpy(dtype=float) if bool(numbers.notna().all()) else None


def _refuse_amounts(
    raw: pd.DataFrame,
    date_col: str,
    file: str,
    positions: np.ndarray | None,
    decimal: str,
    thousands: str | None,
    rows: np.ndarray | None = None,
) -> None:
    """Raise where the date column holds numbers in no order (:func:`_in_order`): amounts, the
    target's column named as the dates (``--date-col Passengers``), which neither dates nor
    integer steps are. Whole numbers were refused as integer steps that do not rise by one
    step ("got 112 then 118", a step that rises), and decimal-comma ones with pandas' words."""
    numbers = (
        positions
        if positions is not None
        else _decimal_comma_numbers(raw[date_col], decimal, thousands)
    )
    if numbers is None or len(numbers) < 3 or _in_order(np.asarray(numbers, dtype=float)):
        return
    text = _python_strings(raw[date_col].astype(str).str.strip())
    if positions is not None and _steps_in_no_order(positions):
        # integer steps with their rows shuffled (0 .. 47 in any order) are no amounts: the
        # column is the steps, only their order is off
        low, high = int(positions.min()), int(positions.max())
        first = int(np.flatnonzero(np.diff(positions) < 0)[0])
        at = rows if rows is not None else np.arange(len(positions))
        raise ValueError(
            f"column {date_col!r} of {file} holds integer steps from {low} to {high} in no "
            f"order ({text.iloc[first]} then {text.iloc[first + 1]}, rows "
            f"{_row_line(at[first])} and {_row_line(at[first + 1])}): integer steps are read in "
            "the order of the rows, so sort the rows by that column, or give dates."
        )
    low, high = text.iloc[int(np.argmin(numbers))], text.iloc[int(np.argmax(numbers))]
    others = [str(c) for c in raw.columns if str(c) != date_col]
    columns = f" (its other columns: {', '.join(others)})" if others else ""
    raise ValueError(
        f"column {date_col!r} of {file} holds numbers from {low} to {high} in no order, not "
        f"dates or steps: pass the column of dates as {remedy('date_col', '--date-col')}"
        f"{columns}."
    )


def _steps_in_no_order(numbers: np.ndarray) -> bool:
    """Whether whole ``numbers`` not in order are integer steps with their rows shuffled, not
    amounts: sorted, their distinct values rise mostly by one constant step (at least three
    in four steps; the others a few of them, steps missing), and each value comes equally
    often (once, or once per series stacked in a long file). Amounts (112, 118, 132, 129 ...)
    repeat unevenly and rise by uneven steps."""
    values, counts = np.unique(numbers, return_counts=True)
    if len(values) < 3 or (counts != counts[0]).any():
        return False
    steps = np.diff(values)
    step = steps.min()
    return bool((steps % step == 0).all() and 4 * int((steps == step).sum()) >= 3 * len(steps))


def _in_order(numbers: np.ndarray) -> bool:
    """Whether ``numbers`` are in order as dates are, oldest or newest first: at most a quarter
    of the steps go the other way, where several series stand one below the other (a long
    file's dates start again for each: 45000.0 ... 45001.6, 45000.0 ...), each in order."""
    steps = np.diff(numbers)
    against = min(int((steps < 0).sum()), int((steps > 0).sum()))
    return 4 * against <= len(steps)


def _serials(numbers: np.ndarray) -> bool:
    """Whether ``numbers`` may be a spreadsheet's serial dates: each in :data:`_SERIAL_DATES`
    and in order, as a date column's rows are (45000, 120, 98000 or 45000, 30000, 79000 are
    amounts named as the date column, not dates)."""
    low, high = _SERIAL_DATES
    return (
        len(numbers) > 0
        and bool(numbers.min() >= low and numbers.max() <= high)
        and _in_order(numbers)
    )


def _serial_dates_hint(positions: np.ndarray) -> str:
    """``"; they look like ..."``: what to do where the integers of a date column all look
    like a spreadsheet's serial dates (``44197`` for 2021-01-01); "" where they do not."""
    if not _serials(positions):
        return ""
    first = int(positions[0])
    day = (_SERIAL_EPOCH + pd.Timedelta(days=first)).strftime("%Y-%m-%d")
    return (
        f"; they look like the serial numbers a spreadsheet stores dates as ({first} is {day}): "
        "format the column as dates in the spreadsheet and save the CSV again"
    )


def _whole_numbers(index: pd.Index) -> pd.Index:
    """``index`` as integers where it holds whole numbers in another type: floats (``1949.0``,
    as pandas holds a column of years beside a NaN) or strings of digits (``"1949"``), which
    then read as an integer index does (kept, if it rises by one constant step) instead of
    becoming the positions 0 .. T-1 (years 1949 … 1960 were read as 0 … 11). Strings with a
    leading zero are numbers written to a width (``"001"``, ``"002"``) where they rise by one
    constant step, else codes (``"0012"``, ``"0007"``). Anything else is returned as it is."""
    if pd.api.types.is_float_dtype(index.dtype):
        values = index.to_numpy(dtype=float)
        whole = np.isfinite(values).all() and (values == np.round(values)).all()
        if len(values) and whole and np.abs(values).max() < 2**53:
            return pd.Index(values.astype(np.int64), name=index.name)
    elif index.dtype == object or pd.api.types.is_string_dtype(index.dtype):
        items = list(index)
        digits = re.compile(r"\s*-?\d{1,16}\s*")
        if items and all(isinstance(v, str) and digits.fullmatch(v) for v in items):
            numbers = [int(v) for v in items]
            steps = set(np.diff(numbers).tolist())
            # with a leading zero, steps written to a width ("001", "002", as a CSV's date
            # column reads them) rising by one constant step; else codes ("0012", "0007":
            # product numbers, say), which stay labels (the positions 0, 1, ...): read as 12,
            # 7 they were refused as an irregular index
            padded = any(re.fullmatch(r"\s*-?0\d+\s*", v) for v in items)
            counted = len(steps) <= 1 and min(steps, default=1) > 0
            # below 2**53 as floats are; longer digits (ids, say) stay labels: int64 overflowed
            if max(map(abs, numbers)) < 2**53 and (counted or not padded):
                return pd.Index(numbers, dtype=np.int64, name=index.name)
    return index


# The years a float index of decimal years may lie in: those of pandas' nanosecond timestamps
# (1678 to 2261). A regular step of 0.5 or 0.25 is no calendar in seconds from 1000.0 on.
_YEARS = (pd.Timestamp.min.year + 1, pd.Timestamp.max.year)


def _decimal_year_index(index: pd.Index) -> pd.Index:
    """A float index of decimal years, as R's ``time()`` gives them (``1949.0833333333333``),
    as the starts of its months, quarters or half-years, as :func:`read_csv` reads them; any
    other index as it is, among them whole numbers (``1949.0``: integer years), numbers that
    are no years of :data:`_YEARS` (``0.5``; seconds ``1000.0``, ``1000.5``) and years on no
    such grid (``1949.5``, ``1950.5``: mid-year stamps of yearly data), which stay the
    positions they were read as before: unlike a CSV's date column, nothing says that they
    are dates."""
    if not pd.api.types.is_float_dtype(index.dtype) or not len(index):
        return index
    numbers = index.to_numpy(dtype=float)
    if (
        not np.isfinite(numbers).all()
        or (numbers == np.round(numbers)).all()
        or not ((numbers >= _YEARS[0]) & (numbers < _YEARS[1])).all()
    ):
        return index
    # the shortest text that reads back as each float in its own type, so that the rounding
    # seen is the one a CSV of them shows (1949.08: 2 decimals; a float32 1949.0834), and
    # the float's spacing as slack (1.2e-4 near 2000 in float32, where months are 0.083 apart)
    native = index.to_numpy()
    # (an index's repeated periods are refused as duplicates: as numbers they would be
    # positions, which say nothing of the repeat)
    months = _decimal_years(
        pd.Series([str(v) for v in native]),
        slack=float(np.spacing(np.abs(native).max())),
        repeats=False,
    )
    return index if isinstance(months, str) else _month_starts(months).rename(index.name)


def _positions(
    index: pd.Index, source: str, advice: str | None = None, rows: np.ndarray | None = None
) -> pd.RangeIndex:
    """An integer index rising by one constant step, kept as that ``RangeIndex``; any other
    non-date index becomes the positions ``0 .. T-1``. ``advice`` ends the error message;
    ``rows``: a CSV file's rows of the index (0: the first below the header), which it names
    by their lines (:func:`_row_line`), where a frame's rows are its positions."""
    if isinstance(index, pd.RangeIndex) and index.step > 0:
        return index
    if not pd.api.types.is_integer_dtype(index.dtype):
        _refuse_uneven_steps(index, source, advice)
        return pd.RangeIndex(len(index))
    if index.hasnans:  # a nullable Int64 index: pandas' bare "cannot convert to 'int64'-dtype"
        raise ValueError(
            f"the integer index of {source} must label every row, got a missing label (<NA>) "
            f"at row {int(np.flatnonzero(index.isna())[0])}; drop that row or give its label."
        )
    values = np.asarray(index, dtype=np.int64)
    if len(values) < 2:
        one = pd.RangeIndex(int(values[0]), int(values[0]) + 1, name=index.name)
        return one if len(values) else index
    steps = np.diff(values)
    if (steps == steps[0]).all() and steps[0] > 0:
        # the stop in Python's integers: past the largest int64, numpy's wrapped round to an
        # empty range (pandas' "Length mismatch")
        return pd.RangeIndex(
            int(values[0]), int(values[-1]) + int(steps[0]), int(steps[0]), name=index.name
        )
    usual = pd.Series(steps).mode().iloc[0]
    # the first step off the usual one, or the first that does not rise (all steps alike)
    odd = int(np.flatnonzero((steps != usual) | (steps <= 0))[0])
    if advice is None:
        advice = "pass a DatetimeIndex, or positions (a RangeIndex) for a regular series"
    raise ValueError(
        f"the integer index of {source} must rise by one constant step, got {values[odd]} "
        f"then {values[odd + 1]} (row {odd + 1 if rows is None else _row_line(rows[odd + 1])}); "
        f"{advice}."
    )


def _refuse_uneven_steps(index: pd.Index, source: str, advice: str | None) -> None:
    """Refuse an index of durations (elapsed times) of ``source`` that does not rise by one
    constant step, as an integer index is refused: read as the positions 0 .. T-1, its gaps,
    repeats and disorder were lost without a word. (A float index may hold no times at all,
    readings say, and stays positions.)"""
    if not pd.api.types.is_timedelta64_dtype(index.dtype) or len(index) < 3:
        return
    times = index.to_numpy(dtype="m8[ns]")
    steps = np.diff(times.astype(np.int64))
    rising = (steps > 0) & ~np.isnat(times[1:]) & ~np.isnat(times[:-1])
    # the usual step of the times in order: in the order given, 0h 2h 1h 3h had the usual
    # step 2h, and the resample advised averaged 0h with 1h
    usual = pd.Series(np.diff(np.unique(times[~np.isnat(times)]).astype(np.int64))).mode()
    even = rising & (steps == (usual.iloc[0] if len(usual) else 0))
    if even.all():
        return
    odd = int(np.flatnonzero(~even)[0])
    if advice is None and len(usual):
        step = pd.tseries.frequencies.to_offset(pd.Timedelta(int(usual.iloc[0]))).freqstr
        advice = f"put it on one step first, e.g. {source.strip('`')}.resample({step!r}).mean()"
    raise ValueError(
        f"the index of durations of {source} must rise by one constant step, got {index[odd]} "
        f"then {index[odd + 1]} (row {odd + 1}); "
        f"{advice or 'pass a DatetimeIndex, or positions (a RangeIndex)'}."
    )


def _dates_as_text(values: pd.Index | pd.Series) -> bool:
    """Whether every value is a date that is not a timestamp: a ``datetime.date``,
    ``np.datetime64`` or ``pd.Period`` object, or a string with a year (four digits, or
    ``01/02/15``) that pandas reads as a date. (An index of ``pd.Period`` objects, of
    ``dtype=object``, was read as the positions 0 .. T-1, where one of ``datetime.date``
    objects was refused.)"""
    if not len(values) or (values.dtype != object and not pd.api.types.is_string_dtype(values)):
        return False
    items = list(values)
    if all(isinstance(v, (date, np.datetime64, pd.Period)) for v in items):
        return True
    if not all(isinstance(v, str) for v in items):
        return False
    text = pd.Series(items, dtype=object)
    if not (text.str.contains(r"\d{4}") | text.str.match(_NUMERIC_DATE)).all():
        return False
    if text.str.fullmatch(r"\s*[-+]?\d+(\.\d*)?\s*").any():
        return False  # numbers written as text ("1950" stays a number here)
    if text.str.fullmatch(_QUARTER).all() or text.str.fullmatch(_ISO_WEEK).all():
        return True
    return bool(_read_as_dates(text).all())


def _read_as_dates(text: pd.Series) -> pd.Series:
    """Whether pandas reads each of ``text`` as a date, in any format, with any UTC offset
    (offsets that daylight saving changes, +01:00 and +02:00, failed as mixed time zones)."""
    with warnings.catch_warnings():  # the per-value fallback is intended here
        warnings.simplefilter("ignore")
        return pd.to_datetime(text, format="mixed", errors="coerce", utc=True).notna()


def _refuse_dates_as_text(index: pd.Index, name: str) -> None:
    """Refuse an index of dates that are not timestamps (``read_csv`` without
    ``parse_dates``): as positions, the series would lose its calendar and season."""
    if not _dates_as_text(index):
        return
    first = index[0]
    kind = "strings" if isinstance(first, str) else f"{type(first).__name__} objects"
    ends = f"{value_repr(first)} … {value_repr(index[-1])}"  # numpy 1 and 2 alike
    raise ValueError(
        f"`{name}` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
        f"{kind} ({ends}), which would be read as the positions 0 .. "
        f"{len(index) - 1}, without a calendar or a season; convert it first: "
        f"{_index_held(name)} = {_date_conversion(index, name)}."
    )


def _utc_offsets(values: pd.Index | pd.Series) -> list[str]:
    """The UTC offsets that dates as text end with (``+01:00``), if they differ: those of a
    zone with daylight saving, which ``pd.to_datetime`` reads only with ``utc=True``. Each as
    ``+HH:MM``: ``Z`` and ``+00:00``, or ``+0100`` and ``+01:00``, are one offset (which pandas
    reads without ``utc=True``), not two that daylight saving changes."""
    text = pd.Series([v if isinstance(v, str) else "" for v in values], dtype=object)
    # after a time of day: "01-02-2015" ends with a year, not an offset
    found = text.str.extract(r"\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d)\s*$", expand=False)
    spelled = (
        found.dropna()
        .str.replace("Z", "+00:00")
        .str.replace(r"(\d\d):?(\d\d)$", r"\1:\2", regex=True)
    )
    offsets = list(dict.fromkeys(spelled))
    return offsets if len(offsets) > 1 else []


def _date_conversion(values: pd.Index | pd.Series, name: str) -> str:
    """The code that reads the index of ``name``, dates as text like ``values``, as dates."""
    held = _index_held(name)
    first = values[0] if isinstance(values, pd.Index) else values.iloc[0]
    quarters = isinstance(first, str) and bool(_QUARTER.fullmatch(first))
    texts = [v for v in values if isinstance(v, str)]
    if quarters and all(re.fullmatch(r"\d{4}-?[Qq][1-4]", v) for v in texts):
        convert = f'pd.PeriodIndex({held}, freq="Q")'
    elif quarters and all(re.fullmatch(r"\s*[Qq].*", v) for v in texts):
        # PeriodIndex and to_datetime read no quarter first ("Q1 2005"): turn it
        convert = (
            f"pd.PeriodIndex({held}.str.replace("
            'r"\\s*[Qq]([1-4])\\W*(\\d{4})\\s*", r"\\2Q\\1", regex=True), freq="Q")'
        )
    elif quarters:  # nor a space after the year ("2005 Q1"), nor the two orders mixed
        convert = (
            f"pd.PeriodIndex({held}.str.replace("
            'r"\\s*(\\d{4})?\\W*[Qq]([1-4])\\W*(\\d{4})?\\s*", r"\\1\\3Q\\2", regex=True), '
            'freq="Q")'
        )
    elif isinstance(first, str) and _ISO_WEEK.fullmatch(first):
        convert = f'pd.to_datetime({held} + "-1", format="%G-W%V-%u") (each week\'s Monday)'
    elif isinstance(first, str) and (offsets := _utc_offsets(values)):
        # pd.to_datetime alone (and read_csv's parse_dates) refuses two UTC offsets
        convert = (
            f"pd.to_datetime({held}, utc=True).tz_convert(zone), with zone their time "
            f"zone (they hold the UTC offsets {', '.join(offsets)}, which pd.to_datetime reads "
            "together only into UTC)"
        )
    elif isinstance(first, str):
        convert = f"pd.to_datetime({held}), or pd.read_csv(..., index_col=..., parse_dates=True)"
    elif (known := [v for v in values if v is not pd.NaT]) and all(
        isinstance(v, pd.Period) for v in known
    ):
        # pd.to_datetime refuses Period objects ("is not convertible to datetime"); a missing
        # period is NaT, which PeriodIndex reads
        convert = f"pd.PeriodIndex({held})"
        if len(freqs := list(dict.fromkeys(v.freqstr for v in known))) > 1:
            # pd.PeriodIndex refuses them ("Input has different freq=Q-DEC from PeriodIndex(...,
            # freq=M)"), which it was told: each as the time it starts, which NaT has none of
            start = (
                "pd.NaT if p is pd.NaT else p.start_time"
                if len(known) < len(values)
                else "p.start_time"
            )
            convert = (
                f"pd.DatetimeIndex([{start} for p in {held}]) (they mix the frequencies "
                f"{and_list(freqs)}, which no PeriodIndex holds: each read as the time it starts)"
            )
    elif len(zones := _zones(values)) > 1:
        # pd.to_datetime alone refuses timestamps of two time zones, or of one and none
        # ("unless utc=True")
        named = and_list([z for z in zones if z != "none"]) + " and in none" * ("none" in zones)
        convert = (
            f"pd.to_datetime({held}, utc=True).tz_convert(zone), with zone their time zone "
            f"(they are in {named}, which pd.to_datetime reads together only into UTC"
            + (", those in none as UTC times)" if "none" in zones else ")")
        )
    else:
        convert = f"pd.to_datetime({held})"
    return convert


def _zones(values: pd.Index | pd.Series) -> list[str]:
    """The time zones of the ``datetime`` values (``pd.Timestamp`` too; not NaT), in order,
    ``"none"`` for those without one."""
    stamps = [v for v in values if isinstance(v, datetime) and v is not pd.NaT]
    return list(dict.fromkeys(str(v.tzinfo) if v.tzinfo is not None else "none" for v in stamps))


def _refuse_holes_in_dates(index: pd.Index, name: str) -> None:
    """Refuse an index of dates as text where some entries are no date: empty (``""``, a
    blank cell), missing or unparsable; and one of date objects with a None. Not all dates,
    it passed :func:`_refuse_dates_as_text` and the series was read as the positions
    0 .. T-1. An index mostly of other text (labels) or of numbers is left as it is."""
    if len(index) < 3 or (index.dtype != object and not pd.api.types.is_string_dtype(index)):
        return
    items, blank = list(index), np.asarray(index.isna(), dtype=bool)
    dates = (date, np.datetime64, pd.Period)
    if all(isinstance(v, dates) or b for v, b in zip(items, blank, strict=True)):
        # date objects (Timestamps, numpy's, Periods) with a None among them: positions, as
        # strings were
        if blank.any() and (~blank).sum() * 2 > len(items):
            _raise_holes(index, name, items, ~blank, blank, "date objects")
        return
    if not all(isinstance(v, str) or b for v, b in zip(items, blank, strict=True)):
        return  # (dates as date objects, mixed with others: not text)
    text = pd.Series([v if isinstance(v, str) else "" for v in items], dtype=object)
    blank |= (text.str.strip() == "").to_numpy()
    # a few first: labels ("sku1234") took seconds a thousand to be told apart (mostly
    # dates there, not all: two "n/a" among the first 20 left the index as positions)
    few = text[~blank][:20]
    sample = _read_as_dates(few) | few.str.fullmatch(_QUARTER) | few.str.fullmatch(_ISO_WEEK)
    if (~sample).sum() * 2 > len(sample):
        return
    numbers = text.str.fullmatch(r"\s*[-+]?\d+(\.\d*)?\s*").to_numpy()
    dated = ~blank & (text.str.contains(r"\d{4}") | text.str.match(_NUMERIC_DATE)).to_numpy()
    # a number among dates ("1950") may be a step's label: such an index stays positions
    if numbers.any() or dated.sum() * 2 <= len(items):
        return
    dated &= (
        _read_as_dates(text.where(dated))
        | text.str.fullmatch(_QUARTER)
        | text.str.fullmatch(_ISO_WEEK)
    ).to_numpy()
    if dated.all() or dated.sum() * 2 <= len(items) or not _dates_as_text(index[dated]):
        return
    _raise_holes(index, name, items, dated, blank, "strings")


def _refuse_hole_beside_a_date(index: pd.Index, name: str) -> None:
    """Refuse two labels, a date (as text, or a date object) and a missing one (None, NaN,
    ``""``), as :func:`_refuse_holes_in_dates` refuses three or more: of two, no majority are
    dates, and ``future_index(pd.Index(["2020-01-01", None]), 2)`` went on as the positions
    2, 3 without a word."""
    if len(index) != 2 or (index.dtype != object and not pd.api.types.is_string_dtype(index)):
        return
    items = list(index)
    blank = np.asarray(index.isna(), dtype=bool)
    blank |= np.array([isinstance(v, str) and not v.strip() for v in items])
    if blank.sum() == 1 and _dates_as_text(index[~blank]):
        kind = "strings" if isinstance(items[int(np.argmin(blank))], str) else "date objects"
        _raise_holes(index, name, items, ~blank, blank, kind)


def _raise_holes(
    index: pd.Index, name: str, items: list, dated: np.ndarray, blank: np.ndarray, kind: str
) -> None:
    """Refuse the index of ``name``, dates but where ``dated`` is False (``blank``: empty or
    missing), naming those positions and the conversion."""
    bad = np.flatnonzero(~dated)
    shown = [f"{k} ({'empty' if blank[k] else repr(items[k])})" for k in bad[:5]]
    more = and_more(len(bad), len(shown))
    what = "no date" if blank[bad].all() else "unparsable dates"
    at = f"position {shown[0]}" if len(bad) == 1 else f"positions {', '.join(shown)}{more}"
    fix = (
        "give it its date, or drop that row"
        if len(bad) == 1
        else "give each its date, or drop those rows"
    )
    first, last = (items[k] for k in np.flatnonzero(dated)[[0, -1]])
    conversion = _date_conversion(index[dated], name)
    # numpy 1 and 2 alike; one date once ("'2020-01-01' … '2020-01-01'" said it twice)
    ends = value_repr(first) if dated.sum() == 1 else f"{value_repr(first)} … {value_repr(last)}"
    if _INDEX_ITSELF.get():  # future_index's Index, said as its refusal of dates says them
        raise ValueError(
            f"`{name}` must be a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
            f"dates as {kind} ({ends}) with {what} at {at}, whose steps have no calendar; "
            f"{fix}, then convert it: {conversion}."
        )
    raise ValueError(
        f"`{name}` must have a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
        f"dates as {kind} ({ends}) with {what} at {at}, which would be read "
        f"as the positions 0 .. {len(items) - 1}, without a calendar or a season; {fix}, then "
        f"convert it: {_index_held(name)} = {conversion}."
    )


def _refuse_multi_index(index: pd.MultiIndex, name: str) -> None:
    """Refuse a MultiIndex (``groupby(["store", "date"]).sum()``): as positions, several
    series would be read as one, one after another, without a calendar. The advice selects one
    series by every level but the timestamps; where every level holds dates, which of them are
    the timestamps is the caller's to say, so it gives both ends."""
    levels = [lvl if lvl is not None else k for k, lvl in enumerate(index.names)]
    calendars = (pd.DatetimeIndex, pd.PeriodIndex)
    dated = [k for k in range(index.nlevels) if isinstance(index.levels[k], calendars)]
    text = (
        f"`{name}` must have one index level (the timestamps), got a MultiIndex of levels "
        f"{levels}, which would be read as the positions 0 .. {len(index) - 1}: every series "
        f"in it one after another, without a calendar; "
    )
    if len(dated) < index.nlevels:
        # the timestamps: the last dated level, else (none dated) the last level, as
        # groupby(["store", "step"]) has it
        keep = dated[-1] if dated else index.nlevels - 1
        keys = [k for k in range(index.nlevels) if k != keep]
        raise ValueError(f"{text}select one series first, e.g. {_xs(index, name, keys)}.")
    last, first = index.nlevels - 1, 0
    which = "the level that tells" if index.nlevels == 2 else "the levels that tell"
    raise ValueError(
        f"{text}every level holds dates, so select one series first by {which} the series "
        f"apart, e.g. {_xs(index, name, list(range(last)))} (the series over "
        f"{_level(index, last)}) or {_xs(index, name, list(range(1, last + 1)))} (over "
        f"{_level(index, first)})."
    )


def _refuse_intervals(index: pd.Index, name: str, categorical: bool) -> None:
    """Refuse an index of intervals (``pd.cut``'s bins, ``pd.interval_range``), which was read
    as the positions 0 .. T-1, with the edges to index by instead (``categorical``: they came
    as a ``CategoricalIndex``, whose values have no ``.left``)."""
    if not isinstance(index, pd.IntervalIndex):
        return
    held = _index_held(name)
    edges = f"pd.IntervalIndex({held})" if categorical else held
    shown = ", ".join(str(i) for i in index[:2]) + (", ..." if len(index) > 2 else "")
    kind = "a CategoricalIndex of intervals" if categorical else "an IntervalIndex"
    raise ValueError(
        f"`{name}` must be indexed by times or positions, got {kind} ({shown}), "
        f"which would be read as the positions 0 .. {len(index) - 1}; index it by one edge of "
        f"each interval, {name}.set_axis({edges}.left) (or .right)."
    )


def _level(index: pd.MultiIndex, k: int) -> str:
    """A level as a message names it: its name, else its position."""
    return repr(index.names[k]) if index.names[k] is not None else f"level {k}"


def _xs(index: pd.MultiIndex, name: str, keys: list[int]) -> str:
    """The ``.xs`` call that selects, from ``name``, the first series by the levels ``keys``,
    with each key written as code that runs (``pd.Timestamp('2024-01-01')``, not its repr)."""
    values = [_literal(index.get_level_values(k)[0]) for k in keys]
    levels = [index.names[k] if index.names[k] is not None else k for k in keys]
    if len(keys) == 1:
        return f"{name}.xs({values[0]}, level={levels[0]!r})"
    return f"{name}.xs(({', '.join(values)}), level={levels!r})"


def _literal(value: object) -> str:
    """``value`` as Python source (a timestamp or period as its pandas constructor)."""
    if isinstance(value, pd.Timestamp):
        day = value.tz is None and value == value.normalize()
        return f"pd.Timestamp({str(value.date()) if day else str(value)!r})"
    if isinstance(value, pd.Period):
        return f"pd.Period({str(value)!r}, freq={value.freqstr!r})"
    return repr(python_scalar(value))


def _long_frame_hint(frame: pd.DataFrame, dates: pd.Index | pd.Series, name: str) -> str:
    """For a DataFrame whose ``dates`` repeat: the column whose values tell its series apart
    (the dates are unique within each, as in NeuralForecast's ``unique_id, ds, y``) and how to
    fit one of them; "" if no column does."""
    # identifiers are usually text: such columns are tried first, numbers after
    columns = sorted(frame.columns, key=lambda c: pd.api.types.is_numeric_dtype(frame[c]))
    for col in columns:
        if isinstance(dates, pd.Series) and col == dates.name:
            continue
        ids = frame[col]
        if ids.isna().any() or pd.api.types.is_float_dtype(ids):
            continue  # an identifier has a value in every row and is no measurement
        unique = pd.unique(ids)
        if not 2 <= len(unique) < len(ids):
            continue
        if pd.MultiIndex.from_arrays([ids.to_numpy(), np.asarray(dates)]).has_duplicates:
            continue
        first = _literal(unique[0])
        date = f".set_index({dates.name!r})" if isinstance(dates, pd.Series) else ""
        others = [c for c in frame.columns if c != col and c != getattr(dates, "name", None)]
        keep = repr(others[0]) if len(others) == 1 else repr(others)
        return (
            f"It looks like {len(unique)} series in long format, one per value of {col!r} "
            f"({_describe_positions([_label(v) for v in unique], limit=5)}). A Forecaster "
            f"fits one series (a DataFrame's other columns are its covariates): select one, "
            f"e.g. {name}[{name}[{col!r}] == {first}]{date}[{keep}], and fit one Forecaster "
            f"per series, looping over {name}.groupby({col!r}) (from a CSV, "
            f"`lstmkit forecast --series-col {col}` does this)."
        )
    return ""


def _stacked_hint(frame: pd.DataFrame, named: bool = True) -> str:
    """For ``frame`` whose timestamps repeat where no column tells its series apart (the
    target column of a long-format frame, ``df["sales"]``): that it looks like series stacked
    in long format, and how to select one before the column, where at least half of its
    timestamps repeat, three or more; "" for a few stray duplicates (two decimal years read as
    one month). ``named``: its columns are the caller's (not a Series without a name, which
    ``frame`` calls "value"), quoted as the caller selects them (``0``, not ``'0'``)."""
    counts = frame.index.value_counts()
    repeated = int((counts > 1).sum())
    if repeated < 3 or 2 * repeated < len(counts):
        return ""
    cols = list(frame.columns)
    keep = "COLUMN" if not named else repr(cols[0]) if len(cols) == 1 else repr(cols)
    return (
        f"It looks like several series stacked in long format ({repeated} of its "
        f"{len(counts)} timestamps appear more than once, up to {int(counts.max())} times), "
        f"without the column that tells them apart: select one series' rows while that "
        f"column ID is there, e.g. df[df[ID] == first_id][{keep}], and fit one Forecaster "
        f"per series, looping over df.groupby(ID) (from a CSV, `lstmkit forecast "
        f"--series-col ID` does this)."
    )


def _dates_apart(name: str, shown: str) -> str:
    """The refusal of dates (``shown``: their dtype, or the first and last) given as the values
    ``name`` where no column can become the index (a Series, an array)."""
    return (
        f"`{name}` must hold values only, got dates ({shown}); keep the dates apart, as a "
        "pandas index, and pass the values."
    )


def _are_periods(values: pd.Series) -> bool:
    """Whether ``values`` (none missing) are ``pd.Period`` objects: of a ``period[M]`` dtype,
    or ``object`` where their frequencies differ (the first hundred looked at)."""
    if isinstance(values.dtype, pd.PeriodDtype):
        return True
    return values.dtype == object and all(isinstance(v, pd.Period) for v in values.iloc[:100])


def _periods_refused(
    name: str, col: object, values: pd.Series, series: bool, fix: str | None = None
) -> str:
    """The refusal of ``pd.Period`` values (column ``col`` of ``name``; ``series``: a Series'
    own), which were read as their ordinals (months since 1970: 360 for 2000-01), or refused as
    "non-numeric" where their frequencies differ; ``fix``: the code that gives their dates
    (default ``name.dt.to_timestamp()``, a Series')."""
    shown = f"{_label(values.iloc[0])} … {_label(values.iloc[-1])}"
    fix = (
        "a PeriodIndex is read as the dates its periods start, as "
        f"{fix or f'{name}.dt.to_timestamp()'} gives them"
    )
    if series:
        return (
            f"`{name}` must hold values only, got periods ({shown}); keep the periods apart, as "
            f"a pandas index ({fix}), and pass the values."
        )
    return (
        f"`{name}` must hold values only, with the dates as its index, got a column of periods, "
        f"{col!r} ({shown}); make it the index: {name} = {name}.set_index({col!r}) ("
        f"{fix.replace(f'{name}.dt', f'{name}[{col!r}].dt')})."
    )


def _refuse_date_columns(frame: pd.DataFrame, name: str, series: bool = False) -> None:
    """Refuse a column of dates (``pd.read_csv`` without ``index_col``): as a value its
    timestamps would be numbers (time since 1970), or a non-numeric error. ``series``: the
    frame is a Series', which has no column to make the index."""
    plain = _plain_numbers(frame)  # numpy numbers are no dates: not taken one by one
    for col in frame.columns[~plain]:
        values = frame[col].dropna()
        if len(values) and _are_periods(values):
            raise ValueError(_periods_refused(name, col, values, series))
        # the dtype asked: pandas 2.2 says a Series of pyarrow timestamps holds no dates
        if not len(values) or not (
            pd.api.types.is_datetime64_any_dtype(values.dtype) or _dates_as_text(values)
        ):
            continue
        first, last = (_label(v) for v in values.iloc[[0, -1]])
        if series:  # it was told series.set_index('Month'), which a Series lacks
            raise ValueError(_dates_apart(name, f"{first!r} … {last!r}"))
        if values.duplicated().any() and (hint := _long_frame_hint(frame, frame[col], name)):
            raise ValueError(
                f"`{name}` must hold values only, with the dates as its index, got a column of "
                f"dates, {col!r}, whose dates repeat. {hint}"
            )
        convert = (
            _date_conversion(values, name)
            if _utc_offsets(values)
            else f"pd.to_datetime({_index_held(name)}) (or pd.read_csv(..., index_col={col!r}, "
            "parse_dates=True))"
        )
        # dates as such (datetime64, pyarrow's timestamps) need no pd.to_datetime, which was
        # told them too
        then = "" if values.dtype.kind == "M" else f", then {_index_held(name)} = {convert}"
        got = (
            f"`{name}` must hold values only, with the dates as its index, got a column of "
            f"dates, {col!r} ({first!r} … {last!r})"
        )
        ids = _constant_identifiers(frame, col)
        kept = [c for c in frame.columns if c != col and c not in ids]
        if ids and kept:
            # NeuralForecast's unique_id, ds, y of one series: told set_index('ds') alone,
            # then refused for its unique_id; the whole selection at once
            pick = repr(kept[0]) if len(kept) == 1 else repr(kept)
            shown = and_list([f"{c!r} ({_literal(frame[c].iloc[0])})" for c in ids])
            raise ValueError(
                f"{got}, beside {shown}, one value in every row, as a series' identifier (a "
                f"long format of one series, as NeuralForecast's unique_id, ds, y): index its "
                f"values by the dates, {name} = {name}.set_index({col!r})[{pick}]{then}; for "
                f"several series fit one Forecaster each, looping over "
                f"{name}.groupby({ids[0]!r}) (from a CSV, `lstmkit forecast --series-col "
                f"{ids[0]}` does this)."
            )
        raise ValueError(f"{got}; make it the index: {name} = {name}.set_index({col!r}){then}.")


def _constant_identifiers(frame: pd.DataFrame, dates: Hashable) -> list[Hashable]:
    """The columns of ``frame`` but ``dates`` that hold one identifier in every row, as the
    ``unique_id`` of a long-format frame of one series: text, categories or integers, none
    missing (a float is a measurement, if a constant one)."""
    found = []
    for col in frame.columns:
        column = frame[col]
        if col == dates or len(column) < 2 or pd.api.types.is_float_dtype(column.dtype):
            continue
        if pd.api.types.is_bool_dtype(column.dtype) or column.dtype.kind in "mMc":
            continue
        if column.isna().any() or column.nunique() != 1:
            continue
        if pd.api.types.is_integer_dtype(column.dtype) or isinstance(column.iloc[0], str):
            found.append(col)
    return found


def _refuse_complex_and_durations(frame: pd.DataFrame, name: str, series: bool) -> None:
    """Refuse complex values (the imaginary part was dropped, with numpy's warning) and
    durations (read as nanoseconds, and forecast as such), naming the column and a fix."""
    for col in frame.columns[~_plain_numbers(frame)]:  # numpy's integers and floats are real
        column = frame[col]
        where = "" if series else f" in column {col!r}"
        values = column.dropna()
        if pd.api.types.is_complex_dtype(column) or any(
            isinstance(v, complex | np.complexfloating) for v in values.iloc[:100]
        ):
            raise TypeError(
                f"`{name}` must hold real numbers, got complex values{where} (first "
                f"{_literal(values.iloc[0])}); pass the real series you mean, e.g. its "
                "`.real` or `abs()`."
            )
        # by kind: pyarrow's durations (duration[ns][pyarrow]) are no timedelta64 to pandas
        if column.dtype.kind == "m":
            pick = name if series else f"{name}[{col!r}]"
            raise TypeError(
                f"`{name}` must hold numbers, got durations{where} (first "
                f"{_literal(values.iloc[0]) if len(values) else 'NaT'}); give them in a "
                f"unit, e.g. {pick}.dt.total_seconds() / 3600 for hours."
            )


def _categories_read(index: pd.Index, name: str) -> pd.Index:
    """A ``CategoricalIndex`` (a groupby over a categorical column gives one) as the index of
    its values, which are then read as any index of them is (dates as a ``DatetimeIndex``,
    text of dates refused); any other index as it is. As categories, dates and numbers were
    read as the positions 0 .. T-1, without a calendar, their order unchecked.

    Dates out of order whose categories are out of order too are refused here: the advice for
    dates out of order, ``sort_index()``, sorts a ``CategoricalIndex`` by its categories."""
    if not isinstance(index, pd.CategoricalIndex):
        return index
    values = pd.Index(index.to_numpy(), name=index.name)
    if (
        isinstance(values, pd.DatetimeIndex | pd.PeriodIndex)
        and not values.hasnans
        and not values.is_monotonic_increasing
        and not index.categories.is_monotonic_increasing
    ):
        raise ValueError(
            f"timestamps in `{name}` must be sorted in increasing order, got "
            f"{_first_step_back(values)}; its "
            "CategoricalIndex sorts by its categories, which are not in time order: sort it "
            f"by its dates, {name}.set_axis(np.asarray({_index_held(name)})).sort_index()."
        )
    return values


def _arrow_dates(index: pd.Index) -> pd.Index:
    """An index of pyarrow timestamps or dates (``pd.read_csv(..., dtype_backend="pyarrow",
    index_col=0, parse_dates=True)``, a Parquet file's ``date32``) as the ``DatetimeIndex``
    they are, time zone kept; any other index as it is (such an index was read as the
    positions 0 .. T-1, without a calendar or a season)."""
    if isinstance(index.dtype, pd.ArrowDtype) and index.dtype.kind == "M":
        return pd.DatetimeIndex(index)
    return index


def to_frame(
    data: pd.Series | pd.DataFrame | np.ndarray,
    *,
    fill: FillMethod | None = None,
    name: str = "series",
) -> pd.DataFrame:
    """Validate a pandas Series/DataFrame or numpy array and return a float DataFrame.

    A numpy array (1-D, or 2-D ``[T, F]`` with the target in column 0) gets an integer
    ``RangeIndex``: no dates are invented, so positions ``t mod period`` stand in for the calendar.
    A pandas integer index that rises by one constant step is kept (as a ``RangeIndex``), so a
    forecast after ``range(100, 244)`` is indexed 244, 245, ...; whole numbers as floats
    (``1949.0``) or strings (``"1949"``; ``"001"``, ``"002"``, but not codes such as
    ``"0012"``, ``"0007"``) read as those integers; decimal years, as R's ``time()`` gives
    them (``1949.0833333333333``, years 1678 to 2261), as the months, quarters or half-years
    they start (as :func:`read_csv` reads them, also in float32; years on no such grid, such
    as mid-year stamps ``1949.5``, ``1950.5``, stay numbers, as below); a ``CategoricalIndex``
    reads as the index of its values; an index of durations (``TimedeltaIndex``) must rise by
    one constant step, as an integer one; another non-date
    index becomes the positions ``0 .. T-1``, except an index of dates that are not
    timestamps (strings such as ``"2015-01-01"`` from ``pd.read_csv`` without ``parse_dates``,
    or ``datetime.date`` objects), which is refused: as positions the series would lose its
    calendar and season. A column of dates (parsed or not) is refused too: the dates belong in
    the index.

    Args:
        data: the series (target first, covariates after, for 2-D input).
        fill: how to fill NaNs; ``None`` raises and says where they are. With a fill,
            timestamps missing from an otherwise regular ``DatetimeIndex`` are inserted and
            filled too (``attrs["inserted"]`` counts them; ``attrs["filled"]`` lists the
            filled positions per column). 'interpolate' fills a column of booleans (a flag)
            by carrying each value forward, the first one back to the start, never 0.5. Rows
            after the target's last value are not filled but refused: drop them.
        name: used in error messages.

    Returns:
        A float DataFrame; its index is a regular ``DatetimeIndex`` or a ``RangeIndex``;
        ``attrs["booleans"]`` lists the columns read from booleans (True/False), if any.

    Raises:
        TypeError: for ``data`` that is neither pandas nor a numpy array, or that holds complex
            values or durations (``timedelta64``).
        ValueError: for anything else it refuses (NaNs without ``fill``, an irregular,
            unsorted or duplicated index, dates as text, a ``MultiIndex``, ...); the message
            says where and what to do.
    """
    return _to_frame(data, fill=fill, name=name)


def _as_numpy_hint(data: object, name: str) -> str:
    """How to pass ``data`` (``name``), a torch tensor or a list or tuple, that is no pandas
    object or numpy array: as the numpy array it holds (a bfloat16 or float8 tensor widened
    first: numpy has no such type), or indexed by its dates; "" for another type."""
    torch = sys.modules.get("torch")  # a tensor comes with torch imported
    if torch is not None and isinstance(data, torch.Tensor):
        widened = ".float()" if _is_narrow_float_tensor(data) else ""
        array = f"{name}.detach().cpu(){widened}.numpy()"
    elif isinstance(data, list | tuple):
        array = f"np.asarray({name})"
    else:
        return ""
    return f"; pass {array}, or a pandas Series or DataFrame of it indexed by its dates"


def _to_frame(
    data: pd.Series | pd.DataFrame | np.ndarray,
    *,
    fill: FillMethod | None = None,
    name: str = "series",
    few: bool = False,
) -> pd.DataFrame:
    """:func:`to_frame`; ``few``: one or two timestamps are read too (sorted, without a
    frequency), as the values of a forecast's one or two steps are."""
    _check_fill(fill)
    if isinstance(data, np.ndarray):
        if data.ndim not in (1, 2):
            raise ValueError(f"`{name}` must be 1-D or 2-D [T, F], got shape {data.shape}.")
        arr = data.reshape(len(data), -1)
        frame = pd.DataFrame(arr, columns=[f"x{i}" for i in range(arr.shape[1])])
        if arr.shape[1] >= 1:
            frame = frame.rename(columns={"x0": "value"})
    elif isinstance(data, pd.Series):
        # built, not data.to_frame() or data.copy(), which deep-copy the attrs dropped below
        # (0.19 s a call of predict(series=...) whose attrs held 2,000 columns' fill positions)
        frame = pd.DataFrame({data.name if data.name is not None else "value": data})
    elif isinstance(data, pd.DataFrame):
        frame = pd.DataFrame(data, copy=True)
    else:
        raise TypeError(
            f"`{name}` must be a pandas Series/DataFrame or a numpy array, "
            f"got {type(data).__name__}{_as_numpy_hint(data, name)}."
        )
    if frame.shape[1] == 0:
        raise ValueError(f"`{name}` has no columns.")
    # pandas deep-copies attrs into every Series and frame it makes. The checks below take
    # columns of numpy numbers all at once, but every other column (objects, booleans,
    # extension types) one at a time: with a fill's positions by column (to_frame's own
    # attrs) 2,000 object columns read in 156 s, not 2.3 s. None is read back but the count
    # of timestamps inserted.
    if isinstance(data, pd.Series | pd.DataFrame) and "inserted" in data.attrs:
        frame.attrs = {"inserted": data.attrs["inserted"]}
    if isinstance(frame.index, pd.MultiIndex):
        _refuse_multi_index(frame.index, name)
    index = _categories_read(frame.index, name)
    _refuse_intervals(index, name, isinstance(frame.index, pd.CategoricalIndex))
    frame.index = _decimal_year_index(_arrow_dates(index))
    names = pd.Index([str(c) for c in frame.columns])
    if names.has_duplicates:
        raise ValueError(
            f"`{name}` must have distinct column names, got {list(names)} "
            f"({', '.join(repr(c) for c in names[names.duplicated()].unique())} more than once)."
        )
    # before the index's checks: a column of dates says more than the row numbers above it,
    # which repeat where long-format frames were joined by pd.concat
    _refuse_date_columns(frame, name, series=isinstance(data, pd.Series))
    if isinstance(frame.index, pd.DatetimeIndex | pd.PeriodIndex):
        _refuse_missing_timestamps(frame.index, name)
    if isinstance(frame.index, pd.DatetimeIndex | pd.PeriodIndex) and frame.index.has_duplicates:
        named = not (isinstance(data, pd.Series) and data.name is None)
        hint = _long_frame_hint(frame, frame.index, name) or _stacked_hint(frame, named)
        if hint:
            raise ValueError(f"{_duplicates(frame.index, f'`{name}`')} {hint}")
    if fill is not None and isinstance(frame.index, pd.DatetimeIndex):
        # (a fill made their zone's weekends up, as days in UTC)
        _refuse_zone_business_days_in_utc(frame.index, f"`{name}`")
        given = frame.index
        frame = _insert_missing(frame)
        if len(frame.index) > len(given):
            _note_dst_filled(given, frame.index, f"`{name}`")
            _note_week_filled(given, frame.index, f"`{name}`")
    elif fill is not None and isinstance(frame.index, pd.PeriodIndex):
        frame = _insert_missing_periods(frame)
    # a frame read before (read_csv's, to_frame's: their attrs["inserted"]) was noted then
    noted = isinstance(data, pd.Series | pd.DataFrame) and "inserted" in data.attrs
    if isinstance(frame.index, pd.DatetimeIndex):
        index: pd.Index = _check_index(frame.index, f"`{name}`", few, noted=noted)
    elif isinstance(frame.index, pd.PeriodIndex):
        # freq None: _check_index names it as pandas 3 does (to_timestamp's own, in pandas 2,
        # named quarters from January QS-OCT)
        with _business_periods():
            stamps = pd.DatetimeIndex(frame.index.to_timestamp(), freq=None)
            period = frame.index.freqstr
        index = _check_index(stamps, f"`{name}`", few, period)
    else:
        _refuse_dates_as_text(frame.index, name)
        _refuse_holes_in_dates(frame.index, name)
        index = _positions(_whole_numbers(frame.index), f"`{name}`")
    labels = list(frame.columns)  # (integer names too, for advice that indexes the frame)
    frame.columns = [str(c) for c in frame.columns]
    _refuse_complex_and_durations(frame, name, series=isinstance(data, pd.Series))
    values = _check_values(frame.set_axis(index, axis=0), fill, name=name, labels=labels)
    if (text := _number_text(frame)) is not None:
        # refused as every metric refuses it: fit read it as numbers where rmse(['1', '2'],
        # ...) did not (the CLI reads its CSV's text into numbers itself, with its --decimal
        # and --thousands, before)
        from lstmkit.metrics import _number_text_refusal

        raise _number_text_refusal(data, name, text)
    values.index = index
    values.attrs["inserted"] = frame.attrs.get("inserted", 0)
    if isinstance(frame.index, pd.PeriodIndex):
        values.attrs["period"] = period
    return values


def _number_text(frame: pd.DataFrame) -> str | bytes | None:
    """The first text in ``frame``'s columns that reads as a number (``'1'``, ``'2.5'``, or
    bytes, ``b'1'``, which the metrics refuse alike), or None; columns of numbers are not
    looked through, and text read as booleans (``'True'``) is none."""
    for k in np.flatnonzero(~_plain_numbers(frame)):
        values = frame.iloc[:, k].to_numpy(dtype=object)
        strings = pd.Series([v for v in values if isinstance(v, str | bytes)], dtype=object)
        read = pd.to_numeric(strings, errors="coerce").notna().to_numpy()
        if read.any():
            first = strings[np.argmax(read)]
            # numpy's np.str_('1') as the '1' it is
            return str(first) if isinstance(first, str) else bytes(first)
    return None


# --------------------------------------------------------------------------------------------
# Calendar
# --------------------------------------------------------------------------------------------


_MONTHLY = ("MS", "ME", "M", "BMS", "BME", "BM")
_QUARTERLY = ("QS", "QE", "Q", "BQS", "BQE", "BQ")
_YEARLY = ("YS", "YE", "Y", "BYS", "BYE", "BY", "A", "AS", "BA", "BAS")
# The months, quarters and years whose starts, written in UTC for a zone east of it, pandas
# reads as ends at an hour ('ME' at 15:00), by the codes it names them with (pandas 2.2 keeps
# the starts' code of a date_range converted to UTC: 'YS' at 23:00): not the business ones
# (:func:`_refuse_zone_midnights_in_utc`).
_UNIT_OF = {
    code: unit
    for codes, unit in ((_MONTHLY, "month"), (_QUARTERLY, "quarter"), (_YEARLY, "year"))
    for code in codes
    if not code.startswith("B")
}
_PERIODS = {
    **dict.fromkeys(_MONTHLY, 12),
    **dict.fromkeys(_QUARTERLY, 4),
    "SMS": 24,  # half months: the year, as monthly data has
    "SME": 24,
    "W": 52,
    "D": 7,
    "B": 5,  # a custom business day ("C") has as many as its weekmask has weekdays
    "H": 24,
    "MIN": 1440,  # the day, as for hours, when it is at most _MAX_DAY_STEPS steps
}
# Minute data has the day as its season down to 15-minute steps. A day of 288 five-minute
# steps made the default look-back (three seasons, 864 steps) train for over ten minutes on
# four weeks of data on 2 cores; 15-minute steps (look-back 288) take about three.
_MAX_DAY_STEPS = 96


def _freq_code(index: pd.DatetimeIndex) -> str:
    """The frequency's name without multiple or anchor (``"2W-SUN"`` → ``"W"``); "" if none.

    Upper case, except that milliseconds (``"ms"``) become ``"MILLI"``, not month starts, and
    that pandas < 2.2's aliases ``"T"`` (minutes) and ``"L"`` (milliseconds) read as the new.
    """
    return _code_of(index.freqstr) if index.freq else ""


def _code_of(freqstr: str) -> str:
    """:func:`_freq_code` of a frequency's name ``freqstr``."""
    code = freqstr.split("-")[0].lstrip("0123456789")
    return {"ms": "MILLI", "L": "MILLI", "T": "MIN"}.get(code, code.upper())


# Lengths of the fixed steps, in nanoseconds, and of the calendar ones, in months: a multiple
# of one that is a whole number of a longer one reads as that one in _unit
_NANOS = {"NS": 1, "US": 10**3, "MILLI": 10**6, "S": 10**9, "MIN": 60 * 10**9}
_NANOS |= {"H": 60 * _NANOS["MIN"], "D": _DAY, "W": 7 * _DAY}
_MONTHS = {**dict.fromkeys(_MONTHLY, 1), **dict.fromkeys(_QUARTERLY, 3)}


def _unit(index: pd.DatetimeIndex) -> tuple[str, int]:
    """The frequency as its longest whole unit and the multiple of it, for its season and
    horizon: ``"7D"`` and ``"168h"`` → ``("W", 1)``, ``"24h"`` → ``("D", 1)``, ``"60min"`` →
    ``("H", 1)``, ``"3MS"`` → ``("QS", 1)``, ``"24MS"`` → ``("YS", 2)``, ``"5B"`` (the same
    weekday of the next week) → ``("W", 1)``; ``"2W"`` stays ``("W", 2)``. ``("", 1)``
    without a frequency."""
    code = _freq_code(index)
    n = max(int(index.freq.n), 1) if index.freq is not None else 1
    if code in ("B", "C"):
        week = _weekdays(index)
        longer = [("W", n // week)] if n % week == 0 else []
    elif code in _MONTHS:
        months = _MONTHS[code] * n
        longer = [(u, months // k) for u, k in (("YS", 12), ("QS", 3)) if months % k == 0]
    elif code in _NANOS:
        nanos = _NANOS[code] * n
        longer = [(u, nanos // _NANOS[u]) for u in ("W", "D", "H", "MIN") if nanos % _NANOS[u] == 0]
    else:
        longer = []
    return longer[0] if longer else (code, n)


def _weekdays(index: pd.DatetimeIndex) -> int:
    """The business days in a week of ``index``'s frequency: 5, or as many as the weekmask
    of a custom business day (``"C"``) names, however it is written (``"Mon Tue Wed Thu"``,
    ``"1111000"``, a list of 0 and 1)."""
    return _week_days(_weekmask(index)).count("1")


def _week_days(weekmask: Any) -> str:
    """``weekmask`` however written (``"Mon Tue Wed Thu"``, a list of 0 and 1) as numpy's
    seven 0s and 1s, Monday first (``"1111000"``)."""
    week = np.arange("1970-01-05", "1970-01-12", dtype="datetime64[D]")  # Monday to Sunday
    if not isinstance(weekmask, str):  # a calendar's np.bool_ array: numpy < 2 warns on it
        weekmask = [int(d) for d in weekmask]
    return "".join(str(int(d)) for d in np.is_busday(week, weekmask=weekmask))


def _weekmask(index: pd.DatetimeIndex) -> Any:
    """The weekmask of ``index``'s custom business days, Monday to Friday for others."""
    return getattr(index.freq, "weekmask", None) or "1111100"


def _business_day_hours(index: pd.DatetimeIndex) -> int | None:
    """The hours of a business day of business-hour steps (``"bh"``: 8, 9 to 5), where they
    are one stretch of whole hours that divides the day's 24, so that the hours since 1970
    modulo them give the hour of the business day; else None."""
    freq = index.freq
    if len(getattr(freq, "start", ())) != 1:
        return None
    start, end = (t.hour * 60 + t.minute for t in (freq.start[0], freq.end[0]))
    hours, rest = divmod(end - start, 60)
    return hours if hours > 0 and not rest and 24 % hours == 0 else None


def _day_step(index: pd.Index, period: int) -> int | None:
    """The step in seconds of sub-daily data whose season ``period`` is one day, else None."""
    if not isinstance(index, pd.DatetimeIndex) or _freq_code(index) not in ("H", "MIN", "S"):
        return None
    step = pd.Timedelta(index.freq).total_seconds()
    # period > 1: 24-hour steps (1440 minutes) are daily data without a season, not sub-daily
    return int(step) if step >= 1 and period > 1 and step * period == 86_400 else None


def season_length(index: pd.Index) -> int:
    """Seasonal period implied by the index frequency (12 monthly, 4 quarterly, 7 daily, ...).

    Half months (``"SMS"``, ``"SME"``) have the year, 24; custom business days (``"C"``) the
    week, as many as their weekmask's days (5 as ``"B"``); business hours (``"bh"``,
    ``"cbh"``) the business day, 8 from 9 to 5 (4 for ``"2bh"``), where its hours divide the
    day's 24 (the hours since 1970, on the wall clock, then count the hour of the business
    day), else none; a multiple that does not divide the business day the fewest steps that
    span whole business days, 8 of ``"3bh"`` (three days) or of ``"5bh"`` (a week), 4 of
    ``"6bh"`` (counted in business hours since 1970).

    Minutes have the day as their season, as hours do, from 15-minute steps up: 96 steps of 15
    minutes, 48 of 30. Finer minutes have none by default (a look-back of three days of them
    is too long to train in minutes): give ``season_length`` and ``lookback`` for those. For
    a multiple of a frequency the period counts its steps: 6 for every two months, 12 for
    every two hours; where the multiple does not divide the period, it is the fewest steps
    that span whole periods (7 steps of two days are two weeks, 24 of five hours five days,
    12 of ten hours five days, 26 of six weeks three years of 52 weeks, as weekly data counts
    a year). A multiple that is a whole number of a longer unit is read as
    that unit: ``"7D"``, ``"168h"`` and ``"5B"`` (the same weekday a week on) are weeks (52),
    ``"14D"`` and ``"10B"`` two weeks (26), ``"24h"`` and ``"1440min"`` days (7), ``"60min"``
    and ``"3600s"`` hours (24), ``"3MS"`` quarters (4), ``"12MS"`` years. Returns 1 (no
    seasonality) for an integer index or an unknown frequency (seconds and finer, but whole
    minutes of them, years, business hours whose day is not whole hours that divide 24).

    Example:
        >>> season_length(pd.date_range("2024-01-01", periods=8, freq="15min"))
        96
        >>> season_length(pd.date_range("2024-01-01", periods=8, freq="7D"))
        52
    """
    if not isinstance(index, pd.DatetimeIndex):
        return 1
    code, n = _unit(index)
    if code in ("BH", "CBH"):  # the fewest steps that span whole business days, as for hours
        hours = _business_day_hours(index)
        return hours // math.gcd(hours, n) if hours is not None else 1
    period = _weekdays(index) if code == "C" else _PERIODS.get(code, 1)
    # the fewest steps that span whole seasons: 24 of 5 hours (5 days), 12 of 10 hours (5 days)
    cycle = period // math.gcd(period, n)
    if code == "MIN" and cycle > _MAX_DAY_STEPS:
        return 1  # a whole number of days is more than 96 steps: no default season
    return cycle


# What a default horizon covers, in each family's own unit, shortest first: the day, the week,
# a quarter (13 weeks: a year of weekly steps needs years of history before the holdout), the
# year, and six years (as the M4 competition forecasts yearly data). A step as long as one
# span or longer forecasts the next.
_WEEK = 7 * _DAY
_HORIZON_SPANS = {
    "fixed": (_DAY, _WEEK, 13 * _WEEK, 52 * _WEEK, 6 * 52 * _WEEK),  # nanoseconds
    "months": (12, 72),
    "half months": (24, 144),
    "business days": (5, 65, 260, 1560),  # weeks of 5 (of the weekmask's days for "C")
}


def _step_and_spans(index: pd.DatetimeIndex) -> tuple[int, tuple[int, ...]]:
    """The step of ``index`` in its family's unit and the spans of :data:`_HORIZON_SPANS`
    in that unit; ``(0, ())`` for a frequency outside them (business hours of another day)."""
    code, n = _unit(index)
    if code in _NANOS:
        return _NANOS[code] * n, _HORIZON_SPANS["fixed"]
    if code in _MONTHS or code in _YEARLY:
        return _MONTHS.get(code, 12) * n, _HORIZON_SPANS["months"]
    if code in ("SMS", "SME"):
        return n, _HORIZON_SPANS["half months"]
    if code in ("B", "C"):
        week = _weekdays(index)
        return n, tuple(span * week // 5 for span in _HORIZON_SPANS["business days"])
    if code in ("BH", "CBH") and (hours := _business_day_hours(index)) is not None:
        return n, (hours, _weekdays(index) * hours)  # the business day, the week
    return 0, ()


def default_horizon(index: pd.Index) -> int:
    """The horizon a :class:`~lstmkit.forecast.Forecaster` forecasts when none is given.

    The fewest steps that cover the day for hourly and minute data, the week for daily and
    business-daily data, a quarter (13 weeks) for weekly data and the year for half-monthly,
    monthly and quarterly data: 24 hours, 7 days, 5 business days, 13 weeks, 24 half months,
    12 months, 4 quarters, a day of 15- or 30-minute steps (96, 48); never more than a season
    (:func:`season_length`). A quarter for weekly data because a 52-week horizon (and holdout)
    needs years of history before it for the look-back and the validation windows.
    A step as long as that span or longer covers the next one: 30-day steps the quarter of
    weekly data (4 steps, 120 days), 13-week steps the year (4), 52-week steps six years.
    Yearly data gets 6 years (as in the M4 competition): yearly series are short, and 12 years
    ahead plus a 12-year holdout left 40 years a look-back of one. Without a known season (an
    integer index, seconds, minute steps of which whole days are more than 96) it is 12
    steps, unless a step is a year or longer. A multiple of a unit is read as
    :func:`season_length` reads it: ``"7D"`` and ``"5B"`` as weeks (13), ``"12MS"`` as years
    (6); ``"5ME"`` gets 3 steps (15 months), ``"10h"`` 3 (30 hours), ``"2D"`` 4 (8 days).

    Example:
        >>> default_horizon(pd.date_range("2024-01-01", periods=30, freq="D"))
        7
        >>> default_horizon(pd.date_range("2024-01-07", periods=30, freq="W"))
        13
        >>> default_horizon(pd.date_range("2024-01-31", periods=30, freq="5ME"))
        3
    """
    if not isinstance(index, pd.DatetimeIndex):
        return 12
    step, spans = _step_and_spans(index)
    longer = [span for span in spans if span > step]
    season = season_length(index)
    if not longer:  # a step of six years or more, or no spans (business hours of 9 hours)
        return 1 if spans else 12
    if season == 1 and len(longer) > 1:  # no season, and a step shorter than a year
        return 12
    steps = -(-longer[0] // step)
    return min(steps, season) if season > 1 else steps


def _steps(index: pd.DatetimeIndex) -> np.ndarray:
    """Each timestamp as a whole number of steps of the index's frequency since 1970.

    A series and the future that :func:`future_index` gives it count on without a break, so
    ``steps % period`` is the same position in the season for both.
    """
    code = _freq_code(index)
    n = max(int(index.freq.n), 1) if index.freq is not None else 1
    if code in _MONTHLY:
        return (index.year.to_numpy() * 12 + index.month.to_numpy() - 1) // n
    if code in _QUARTERLY:
        return (index.year.to_numpy() * 4 + index.quarter.to_numpy() - 1) // n
    if code in _YEARLY:
        return index.year.to_numpy() // n
    if code in ("B", "C"):
        local = _local(index)  # wall-clock dates
        days = local.to_numpy().astype("datetime64[D]")
        # a custom calendar's weekdays without its holidays: a holiday does not move the
        # weekdays after it to another position in the week
        return np.busday_count(np.datetime64("1970-01-01"), days, weekmask=_weekmask(index)) // n
    if code in ("SMS", "SME"):  # two steps a month, the second from the anchor day on
        day = index.freq.day_of_month
        second = index.day >= day if code == "SMS" else index.day > day
        months = index.year.to_numpy() * 12 + index.month.to_numpy() - 1
        return (2 * months + second.astype(np.int64)) // n
    if _business_hours_counted(index):
        # steps that do not divide the business day (3 of its 8 hours): 9:00 and 10:00 are
        # steps of two days, which the wall clock's hours // 3 put at one place; the business
        # hours since 1970 count them (on the wall clock, on the days it opens)
        local = _local(index)
        days = local.to_numpy().astype("datetime64[D]")
        opened = np.busday_count(np.datetime64("1970-01-01"), days, weekmask=_weekmask(index))
        start = index.freq.start[0]
        opening = pd.Timedelta(hours=start.hour, minutes=start.minute)
        hour = ((local - local.normalize() - opening) // pd.Timedelta(hours=1)).to_numpy()
        return (opened * _business_day_hours(index) + hour) // n
    if code in ("BH", "CBH"):  # the wall clock's hours: 9 o'clock on either side of a DST change
        # (in steps of n hours, not of the smallest gap: one step, or 3 pm then 9 am for "2bh")
        return _wall_clock_hours(index)
    if code == "W":
        return index.as_unit("ns").asi8 // (_NANOS["W"] * n)
    return _elapsed_steps(index, index.freq)


def _business_hours_counted(index: pd.Index) -> bool:
    """Whether :func:`_steps` counts ``index``'s steps in business hours since 1970: business
    hours in steps that do not divide their business day (``"3bh"`` of 8 hours). Models saved
    before they had a season read :func:`_wall_clock_hours` (state ``"steps"``: ``"counted"``).
    """
    if not isinstance(index, pd.DatetimeIndex) or _freq_code(index) not in ("BH", "CBH"):
        return False
    hours = _business_day_hours(index)
    return hours is not None and hours % max(int(index.freq.n), 1) != 0


def _wall_clock_hours(index: pd.DatetimeIndex) -> np.ndarray:
    """Business-hour stamps as the wall clock's hours since 1970 in steps of the index's ``n``
    hours (:func:`_steps` of ``"bh"`` and ``"2bh"``; of every multiple before freq10)."""
    n = max(int(index.freq.n), 1)
    return _local(index).as_unit("ns").asi8 // (_NANOS["H"] * n)


def _elapsed_steps(index: pd.DatetimeIndex, freq: pd.DateOffset | None) -> np.ndarray:
    """The time since 1970 (in UTC for a zoned ``index``) in steps of ``freq``'s length, or
    of the smallest gap between timestamps where it has none: how the steps of half months,
    custom business days and business hours were counted before they had a season (models
    saved then read them so)."""
    ns = index.as_unit("ns").asi8
    try:
        unit = pd.Timedelta(freq).value if freq is not None else 0
    except ValueError:
        unit = 0
    if unit <= 0:  # no fixed length: the smallest gap between timestamps
        gaps = np.diff(ns)
        unit = int(gaps[gaps > 0].min()) if (gaps > 0).any() else 1
    return ns // unit


def calendar_features(index: pd.Index, period: int) -> np.ndarray:
    """Sine/cosine of the position within the season, ``[T, 2]``.

    For a timestamp index the position is the number of steps of its frequency since 1970,
    modulo ``period``: the month of the year for monthly data and 12, the quarter for quarterly
    data and 4, the week (52 to a season, so it drifts a day a year) for weekly data and 52.
    Daily data with 7 uses the day of the week (days since 1970 start on a Thursday; steps
    of 24 hours or 1440 minutes too, except in a zone with daylight saving), and
    hourly or minute data whose period is one day (24 hours, 96 quarter-hours) the local time of
    day (steps since 1970 count in UTC). For a
    plain integer index the position is ``t mod period`` (``(t // step) mod period`` for a
    ``RangeIndex`` with a step). With ``period == 1`` it is all
    zeros/ones (harmless).

    Raises:
        ValueError: for a ``period`` that is not a positive integer (2.5 gave a season of
            two and a half steps, 0 or -3 the zeros/ones of ``period == 1``).
        TypeError: for a ``period`` that is no number (``"12"``) or a bool.
    """
    period = positive_int(period, "period")
    if isinstance(index, pd.DatetimeIndex):
        # days, and "24h" or "1440min" where _check_index reads them as days (not in a zone
        # with daylight saving, where a model saved with them counts the days since 1970)
        days = _in_days(index.freq, index) if period == 7 and index.freq is not None else None
        if isinstance(days, pd.offsets.Day) and days.n == 1:
            pos = index.day_of_week.to_numpy()
        elif step := _day_step(index, period):
            local = _local(index)
            seconds = local.hour * 3600 + local.minute * 60 + local.second
            pos = seconds.to_numpy() // step
        else:
            pos = _steps(index) % max(period, 1)
    else:
        step = index.step if isinstance(index, pd.RangeIndex) else 1
        pos = (np.asarray(index, dtype=np.int64) // step) % max(period, 1)
    angle = 2.0 * np.pi * pos / max(period, 1)
    return np.column_stack([np.sin(angle), np.cos(angle)])


def calendar_inputs(index: pd.Index, period: int, cycles: str = "all") -> pd.DataFrame:
    """The calendar columns a forecaster reads beside the series, named, ``[T, 2 or 4]``.

    ``season sin``/``season cos``: :func:`calendar_features` with ``period``. With
    ``cycles="all"``, hourly or minute data whose season is the day (``period`` 24 for hours,
    96 for quarter-hours) also gets ``weekday sin``/``weekday cos``, the local day of the
    week: a window of a few days does not show the weekly cycle, and the season position alone
    cannot tell a Friday from a Saturday. ``cycles="season"`` keeps the season position only.

    Raises:
        ValueError: for a ``cycles`` other than ``"all"`` or ``"season"``, or a ``period``
            that :func:`calendar_features` refuses.
        TypeError: for a ``period`` that is no number (``"12"``) or a bool.
    """
    if cycles not in ("all", "season"):
        raise ValueError(f"`cycles` must be 'all' or 'season', got {cycles!r}.")
    season = calendar_features(index, period)
    columns = {"season sin": season[:, 0], "season cos": season[:, 1]}
    if cycles == "all" and _day_step(index, period):
        angle = 2.0 * np.pi * index.day_of_week.to_numpy() / 7
        columns |= {"weekday sin": np.sin(angle), "weekday cos": np.cos(angle)}
    return pd.DataFrame(columns, index=index)


def _decimal_years_on(index: pd.Index, dated: pd.DatetimeIndex) -> pd.Index:
    """The month starts ``dated`` of the decimal years ``index`` with the step they go on by:
    the one pandas reads in three or more, their own in months in two, a month after one (as
    integers go on by 1 after one label); ``index`` itself, the positions it was, where no step
    is read (irregular or falling years), rather than pd.date_range's days after month starts.
    """
    if len(dated) >= 3:
        freq = _inferred_freq(dated)
    else:
        months = 1 if len(dated) == 1 else (dated[1].year - dated[0].year) * 12
        months += 0 if len(dated) == 1 else dated[1].month - dated[0].month
        freq = pd.offsets.MonthBegin(months) if months > 0 else None
    return index if freq is None else pd.DatetimeIndex(dated, freq=freq)


def _step_of_index(index: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """``index`` (no ``freq`` set, none inferred) with the step ``Forecaster.fit`` reads in a
    series so indexed, or fit's refusal of it naming `index`: one or two stamps tell no step
    (fit's "needs at least 3 timestamps", with the frequency two stamps' step fits), irregular
    ones are fit's gap refusal, whose fill is advised for the series, as an Index takes none."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (fit's notes on the series, not on `index`)
        # (two stamps newest first or the same twice: that said, as fit says it; its advice's
        # Python holds `index` itself, and fills its series, as an Index takes no fill)
        with _index_itself():
            checked = _check_index(index, "`index`", few=len(index) < 3)
    if len(index) < 3:
        # 'MS' was advised after two hourly stamps too, where pd.DatetimeIndex raised
        freq = _freq_of_two(index[0], index[1]) if len(index) == 2 else None  # (in order)
        hint = (
            f"e.g. pd.DatetimeIndex(index, freq={freq!r}), the step between them"
            if freq is not None
            else "set its series' frequency, a pandas alias, as pd.DatetimeIndex's freq"
        )
        tells = "" if freq is not None else ", which tells no step"
        raise ValueError(
            f"`index` needs at least 3 timestamps (as fit's `series` does) or a frequency set, "
            f"got {len(index)} without one{tells}; {hint}."
        )
    return checked


def _freq_of_two(first: pd.Timestamp, second: pd.Timestamp) -> str:
    """The frequency whose step goes from ``first`` to ``second`` (two stamps without one), as
    pandas names it: years, quarters or months anchored on them ('MS', 'QE-MAR'), weeks on
    their weekday, else the fixed step ('h', '15min', 'D'); ``second`` is after ``first``."""
    naive = first.tz_localize(None) if first.tz is not None else first
    if naive.normalize() == naive:  # midnights: a calendar's steps first (months by 28 to 31 days)
        ends = naive + pd.offsets.MonthEnd(0) == naive
        month = naive.strftime("%b").upper()
        to_offset = pd.tseries.frequencies.to_offset
        anchored = [
            to_offset(f"{'YE' if ends else 'YS'}-{month}"),
            to_offset(f"{'QE' if ends else 'QS'}-{month}"),
            to_offset("ME" if ends else "MS"),
            pd.offsets.Week(weekday=naive.day_of_week),
        ]
    else:
        anchored = []
    for offset in anchored:
        for n in range(1, 13):
            if first + n * offset == second:
                return (n * offset).freqstr
            if first + n * offset > second:
                break
    step = second - first
    if step % pd.Timedelta(days=1) == pd.Timedelta(0):  # days, not '24h' (pandas 3's name)
        return pd.tseries.frequencies.to_offset(f"{step.days}D").freqstr
    return pd.tseries.frequencies.to_offset(step).freqstr


def future_index(index: pd.Index, horizon: int) -> pd.Index:
    """The ``horizon`` steps that follow ``index``, with its name, as a forecast after a series
    so indexed is labelled: timestamps (in its time zone and unit) after a ``DatetimeIndex``
    (by the frequency ``Forecaster.fit`` reads in its stamps where it has none set), periods of
    its frequency after a ``PeriodIndex``, the month starts after decimal years as R's
    ``time()`` writes them (``1949.0833333333333``; as :func:`to_frame` reads them), the
    integers that go on by its step after integers, and the positions ``len(index)``, ...
    after any other index (text labels, say), whose series ``Forecaster.fit`` reads as the
    positions ``0 .. len(index) - 1``.

    Raises:
        TypeError: for an ``index`` that is no pandas Index, or a ``horizon`` that is no
            number (``None``) or a bool.
        ValueError: for an index of dates as text, which a forecast refuses too (the message
            gives the conversion), an empty ``DatetimeIndex`` or ``PeriodIndex`` (no date to
            go on from) or one with NaT (a missing timestamp), a ``DatetimeIndex`` without a
            ``freq`` whose steps tell none (one or two stamps, gaps: fit's refusal of a series
            so indexed; for a ``horizon`` above 0), or a ``horizon`` that is no whole number
            of at least 0 (``-1``, ``2.5``; ``0`` gives no steps, whatever the stamps' step).

    Example:
        >>> future_index(pd.Index(["a", "b", "c"]), 2)
        RangeIndex(start=3, stop=5, step=1)
    """
    if not isinstance(index, pd.Index):
        raise TypeError(f"`index` must be a pandas Index, got {type(index).__name__}.")
    # no date to go on from: a bare IndexError after a DatetimeIndex, positions after periods
    empty = None
    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex)) and not len(index):
        kind = type(index).__name__
        empty = f"`index` must hold at least one label to go on from, got an empty {kind}"
    if as_int(horizon) != 0:  # -1 gave an empty index, None pandas' "unsupported operand"
        try:  # 0 is taken (no steps): said "a positive integer" before, which 0 is not
            # "3m" told that it counts steps (imported here: lstmkit.data loads without it)
            from lstmkit._forecast_config import steps_count

            horizon = steps_count(horizon, "horizon", least=0)
        except ValueError as err:  # both problems at once (a TypeError is raised alone)
            if empty is None:
                raise
            raise ValueError(f"{str(err).removesuffix('.')}; {empty}.") from None
    if empty is not None:
        raise ValueError(empty + ".")
    if isinstance(index, (pd.DatetimeIndex, pd.PeriodIndex)):
        # NaT: fit's refusal, where an IndexError, "sorted ... after NaT", pandas' "start and
        # end must not be NaT" or periods after it were given
        with _index_itself():
            _refuse_missing_timestamps(index, "index")
    # decimal years (1949.0833...) go on as the month starts fit reads them as, where they
    # went on as the positions 24, 25, ...; stamps without a frequency by the one fit reads
    # in them, where pd.date_range stepped monthly stamps by days
    if (dated := _decimal_year_index(index)) is not index:
        index = _decimal_years_on(index, dated)
    if isinstance(index, pd.DatetimeIndex) and index.freq is None:
        # newest first infers a negative step, which went back in time: fit refuses that order
        ordered = len(index) >= 3 and index.is_monotonic_increasing
        freq = _inferred_freq(index) if ordered else None
        if freq is not None:
            index = _with_business_hours(index, freq)
        elif horizon == 0:  # no steps, as after any index: whatever its step, none is taken
            return index[:0]
        else:
            # stepped by days (pd.date_range's default) where fit refuses such a series: the
            # same refusal, naming `index` (two stamps tell no frequency; gaps, the fill advice;
            # stamps out of order)
            index = _step_of_index(index)
    if isinstance(index, pd.DatetimeIndex):
        if horizon > 0 and index.freq is not None and _stepped_opening(index.freq) is not None:
            return _hours_from(index[-1], horizon, index.freq, index.unit).rename(index.name)
        after = pd.date_range(index[-1], periods=horizon + 1, freq=index.freq, unit=index.unit)
        return after[1:].rename(index.name)
    if isinstance(index, pd.PeriodIndex):
        with _business_periods():
            return pd.period_range(index[-1] + 1, periods=horizon, freq=index.freq, name=index.name)
    # whole floats (1949.0) and digits as text ("1949") go on as the integers that fit reads
    # them as: as labels they were given the positions 24, 25, ... where predict gave 1973
    index = _whole_numbers(index)
    if not pd.api.types.is_integer_dtype(index.dtype):
        # text, durations, floats: int() failed on them ("invalid literal for int()"); the
        # positions that Forecaster.predict gives a series indexed so. Dates with a None
        # among them (fit's refusal) went on as positions too, without a word
        with _index_itself():
            _refuse_holes_in_dates(index, "index")
            _refuse_hole_beside_a_date(index, "index")
        if _dates_as_text(index):
            with _index_itself():
                convert = _date_conversion(index, "index")
            first = index[0]
            kind = "strings" if isinstance(first, str) else f"{type(first).__name__} objects"
            raise ValueError(
                f"`index` must be a DatetimeIndex (or a PeriodIndex) for dates, got an index of "
                f"{kind} ({value_repr(first)} … {value_repr(index[-1])}), whose steps have no "
                f"calendar; convert it first: {convert}."
            )
        return pd.RangeIndex(len(index), len(index) + horizon, name=index.name)
    # by the index's own constant step, as fit reads it (0, 2, ..., 48 went on 49, 50 where
    # predict gave 50, 52); by 1 after one label or an irregular index (which fit refuses)
    step = index.step if isinstance(index, pd.RangeIndex) else 1
    if step == 1 and len(index) > 1 and index.is_monotonic_increasing and index.is_unique:
        steps = np.diff(index.to_numpy())
        if steps[0] > 0 and (steps == steps[0]).all():
            step = int(steps[0])
    start = int(index[-1]) + step if len(index) else 0
    return pd.RangeIndex(start, start + horizon * step, step, name=index.name)


# the last stamp of nanoseconds, where a span of business hours past it is cut
_LAST_STAMP = pd.Timestamp.max


def _hours_from(
    at: pd.Timestamp, n: int, freq: pd.DateOffset, unit: str, before: bool = False
) -> pd.DatetimeIndex:
    """The ``n`` business hours of ``freq`` (one opening, steps of one hour or several:
    :func:`_stepped_opening`) after the stamp ``at`` (``before``: up to the one before it), in
    its zone, in ``unit`` and with ``freq`` set. ``pd.date_range(periods=)`` steps hours across
    midnight that close on some days wrongly (22:00 to 6:00, Monday to Friday: 61 stamps for 13
    after a Friday's 0:00, so a forecast's index outgrew its values; going back, hours the nights
    never open; pandas 2.2 to 3.1), steps of several hours (``"2bh"``) too."""
    stepped = _stepped_opening(freq)
    assert stepped is not None, "the callers step other frequencies with pd.date_range"
    opening, step = stepped
    local = at.tz_localize(None) if at.tz is not None else at
    open_hours = opening[1] * opening[2].count("1")
    weeks = pd.Timedelta(weeks=n * step // open_hours + 2)  # and a part week
    while True:  # holidays close openings: a span twice as long until it holds them all
        if before:
            grid = _hours_grid(local - weeks, local, *opening)
            grid = grid[grid < local][-n * step :]
        else:
            try:
                end = local + weeks
            except pd.errors.OutOfBoundsDatetime:
                # nanoseconds (pandas < 3): the span's margin ran past 2262, so the hours that
                # end by then were refused too (39 of the 96 after 2262-03-26 16:00); the span
                # ends at the last stamp, and hours still missing then are past it
                end = None
            grid = _hours_grid(local, _LAST_STAMP if end is None else end, *opening)
            grid = grid[grid > local][: n * step]
            if end is None and len(grid) < n * step:
                raise pd.errors.OutOfBoundsDatetime(f"{n} business hours after {at}")
        if len(grid) == n * step:
            break
        weeks *= 2
    grid = grid[::step] if before else grid[step - 1 :: step]
    grid = grid.as_unit(unit)
    if at.tz is not None:  # a night's hour that the clock skips or repeats: as pandas, refused
        grid = grid.tz_localize(at.tz)
    return _with_business_hours(pd.DatetimeIndex(grid, freq=None), freq)


# --------------------------------------------------------------------------------------------
# Windows and splits
# --------------------------------------------------------------------------------------------


def _numbers(values: object, name: str) -> np.ndarray:
    """``values`` (numpy, a list, or pandas, whose index is not read) as a float array, or an
    error naming ``name``: a column of dates (``pd.read_csv`` without ``index_col``) would be
    read as time since 1970, durations as nanoseconds, complex values without their imaginary
    part, and text as a bare numpy error."""
    values = _unmasked(values)
    array = _as_array(values)  # read once for the checks of a list's or an Index's objects
    values = _listed_dates(values, name, array)
    dtype = getattr(values, "dtype", None)
    kind = getattr(dtype, "kind", None)
    if kind == "M":  # dates (numpy's, a Series' or an Index's) read as time since 1970
        raise ValueError(_dates_apart(name, str(dtype)))
    if isinstance(values, pd.Series | pd.DataFrame):
        series = isinstance(values, pd.Series)
        frame = values.to_frame() if series else values
        frame = frame.set_axis(_column_names(frame.columns), axis=1)
        _refuse_date_columns(frame, name, series=series)
        _refuse_complex_and_durations(frame, name, series=series)
        # by dtype, not column by column from the frame (a Series and its attrs copied each)
        for col, dtype in zip(frame.columns, frame.dtypes, strict=True):
            if pd.api.types.is_numeric_dtype(dtype):  # bool and nullable too: no text
                continue  # (the check below costs 30x the conversion on a million rows)
            column = frame[col].astype(object)
            _refuse_nat(column, name, "" if series else f" in column {col!r}")
            bad = column.notna() & pd.to_numeric(column, errors="coerce").isna()
            if bad.any():
                where = "" if series else f" in column {col!r}"
                raise ValueError(
                    f"`{name}` must hold numbers, got text{where} (first "
                    f"{column[bad].iloc[0]!r}); select the columns of numbers."
                )
        return values.to_numpy(dtype=float, na_value=np.nan)  # pd.NA as NaN, as Float64's
    values = _objects_read(values, name, array)
    # bfloat16 (a network's output under torch.autocast("cpu")) and float8 are dtypes numpy
    # lacks: widened, exactly; a tensor that requires grad or lies on another device stays so
    if _is_narrow_float_tensor(values):
        values = values.float()  # type: ignore[attr-defined]
    # np.iscomplexobj reads the values as an array first: torch's error for a tensor that
    # requires grad (a network's output outside torch.no_grad()) or lies on another device
    # came from here as it was
    try:  # a list's array as it would read it again
        complex_values = np.iscomplexobj(values if array is None else array)
    except (TypeError, ValueError, RuntimeError) as e:
        raise _unreadable(values, name, e) from None
    if complex_values:
        raise TypeError(
            f"`{name}` must hold real numbers, got complex values; pass the real series you "
            "mean, e.g. its `.real` or `abs()`."
        )
    if kind == "m":  # numpy's durations: counts of their unit as floats
        raise TypeError(_durations_in_a_unit(name, str(values.dtype), name))
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError) as e:
        raise _unreadable(values, name, e) from None


def _unmasked(values: object) -> object:
    """A numpy masked array's values with its masked ones missing (NaN), as ``pd.Series``
    reads them; another ``values`` as given. ``np.asarray`` drops the mask: the hidden values
    (a sentinel 999, say) were read as numbers. Dates and durations keep theirs, refused as
    such."""
    if not isinstance(values, np.ma.MaskedArray):
        return values
    if values.dtype.kind not in "biufOUS":
        return values.data
    # objects and text as objects: NaN beside them, not the text "nan"
    out = values.data.astype(float if values.dtype.kind in "biuf" else object)
    out[np.ma.getmaskarray(values)] = np.nan
    return out


# torch's floats that numpy lacks and that float32 holds exactly (not the packed float4_e2m1fn_x2,
# which torch cannot widen); named, as older torch versions lack some
_NARROW_FLOATS = (
    "bfloat16",
    "float8_e4m3fn",
    "float8_e4m3fnuz",
    "float8_e5m2",
    "float8_e5m2fnuz",
    "float8_e8m0fnu",
)


def _is_narrow_float_tensor(values: object) -> bool:
    """Whether ``values`` is a torch tensor of bfloat16 or float8 (looked up in
    ``sys.modules``: this module does not import torch, and a tensor comes with torch
    imported)."""
    torch = sys.modules.get("torch")
    if torch is None or not isinstance(values, torch.Tensor):
        return False
    return values.dtype in [getattr(torch, n) for n in _NARROW_FLOATS if hasattr(torch, n)]


def _as_array(values: object) -> np.ndarray | None:
    """``values`` (a list, tuple, ndarray or Index) as numpy reads it, or None: another type,
    or one numpy cannot read (ragged, tensors that require grad: refused as they are read)."""
    if not isinstance(values, pd.Index | list | tuple | np.ndarray):
        return None
    try:
        return np.asarray(values)
    except (TypeError, ValueError, RuntimeError):
        return None


def _listed_dates(values: object, name: str, array: np.ndarray | None) -> object:
    """``values`` as given, but a list or tuple of numpy's dates or durations as their array
    (``array``: :func:`_as_array`'s), refused as such an array is (numpy read them as days
    since 1970, as counts of hours); one of pandas' or Python's dates or durations is refused
    here (numpy's error named the type alone), the durations with the code that gives them in
    hours on numpy 1 too."""
    if not isinstance(values, list | tuple) or array is None:
        return values
    if array.dtype.kind in ("M", "m"):
        return array
    kind = pd.api.types.infer_dtype(array.ravel()) if array.dtype == object else None
    # "datetime64", "timedelta64": numpy's beside a missing value (None, NaN), which numpy
    # read as numbers all the same. Pandas' or Python's durations as numpy's, but divided as
    # an array: numpy 1 divides a list of them into objects, or not at all.
    if kind in ("timedelta", "timedelta64"):
        raise TypeError(
            _durations_in_a_unit(
                name,
                "timedelta64[ns]",
                # pd.to_timedelta takes None and NaN (np.array(..., 'm8[ns]') refuses NaN),
                # one dimension alone
                f"pd.to_timedelta({name})" if array.ndim == 1 else f"np.array({name}, 'm8[ns]')",
            )
        )
    if kind in ("datetime", "datetime64", "date"):
        dates = [_label(pd.Timestamp(v)) for v in array.ravel() if not pd.isna(v)] or ["NaT"]
        raise ValueError(_dates_apart(name, f"{dates[0]!r} … {dates[-1]!r}"))
    return values


def _objects_read(values: object, name: str, array: np.ndarray | None) -> object:
    """``values`` as given, but a list, tuple, object array or Index of objects (``array``:
    :func:`_as_array`'s) refused as a Series of them is (periods, with the code that gives
    their dates; NaT) or with pandas' missing number, ``pd.NA``, as NaN, as a nullable Float64
    Series' reads: numpy's error named the type alone, and a list of numpy's NaT and numbers
    was read as -9.2e18."""
    if array is None:  # another type, or one numpy cannot read: refused by numpy below
        return values
    if array.dtype != object or array.ndim == 0:  # numbers: read as they are, at once
        return values
    flat = pd.Series(array.ravel(), dtype=object)
    present = flat.dropna()
    if len(present) and _are_periods(present):
        fix = f"pd.PeriodIndex({name}).to_timestamp()"
        raise ValueError(_periods_refused(name, None, present, series=True, fix=fix))
    _refuse_nat(flat, name, "")
    _refuse_numpy_times(flat, name)
    _refuse_object_dates(flat, name, array.shape)
    missing = flat.map(lambda v: v is pd.NA).to_numpy().reshape(array.shape)
    if not missing.any():
        return values
    array = array.copy()
    array[missing] = np.nan
    return array


# pd.api.types.infer_dtype's kinds of objects among which no date is
_NO_DATES = frozenset(
    {"floating", "integer", "mixed-integer-float", "decimal", "boolean", "empty", "complex"}
)


def _refuse_object_dates(flat: pd.Series, name: str, shape: tuple[int, ...]) -> None:
    """Refuse the objects ``flat`` (an array of ``shape`` of ``name``, raveled) where they hold
    dates (``Timestamp``, ``datetime``, ``date``): a frame's ``to_numpy()`` (``df.values``) with
    its date column, which a DataFrame is told to make the index of, was told numpy's "float()
    argument must be ... not 'Timestamp'", naming no column."""
    # numbers alone, as pandas' inference (in C) finds them, hold no date: the check by value
    # below made make_windows of a [200000, 3] object array of floats 1.35x as slow
    if pd.api.types.infer_dtype(flat, skipna=True) in _NO_DATES:
        return
    dated = flat.map(lambda v: isinstance(v, date)).to_numpy()  # Timestamp and datetime too
    if not dated.any():
        return
    dates = [_label(pd.Timestamp(v)) for v in flat[dated]]
    shown = f"{dates[0]!r} … {dates[-1]!r}" if len(dates) > 1 else repr(dates[0])
    columns = np.flatnonzero(dated.reshape(shape).any(axis=0)) if len(shape) == 2 else []
    if len(columns) == 0 or len(columns) == shape[1]:
        raise ValueError(_dates_apart(name, shown))
    kept = (
        f"{name}[:, 1:]"
        if columns.tolist() == [0]
        else (f"np.delete({name}, {columns.tolist()}, axis=1)")
    )
    where = and_list([str(c) for c in columns])
    raise ValueError(
        f"`{name}` must hold values only, got dates in column{plural_s(len(columns))} {where} "
        f"({shown}), as a DataFrame's to_numpy() (or .values) gives its date column; keep the "
        f"dates apart, as a pandas index (df.set_index(<the date column>) before to_numpy()), "
        f"and pass the values: {kept} here."
    )


def _refuse_nat(column: pd.Series, name: str, where: str) -> None:
    """Refuse objects ``column`` of ``name`` (``where``: in which column) holding NaT, pandas'
    or numpy's missing date or duration: no number is missing there but a time, so the values
    are no numbers (a missing number is NaN, which makes every metric NaN)."""
    nat = column.map(
        lambda v: v is pd.NaT or (isinstance(v, np.datetime64 | np.timedelta64) and np.isnat(v))
    )
    if nat.any():
        at = int(np.flatnonzero(nat.to_numpy())[0])
        raise ValueError(
            f"`{name}` must hold numbers, got NaT (a missing date or duration){where} at "
            f"position {at}; write a missing number as NaN (np.nan)."
        )


def _refuse_numpy_times(column: pd.Series, name: str) -> None:
    """Refuse objects ``column`` of ``name`` holding a numpy date or duration among numbers:
    numpy read a date as time since 1970 in its unit (2020 as 50 years) and a duration as a
    count of its unit, silently."""
    times = column.map(lambda v: isinstance(v, np.datetime64 | np.timedelta64)).to_numpy()
    if not times.any():
        return
    at = int(np.flatnonzero(times)[0])
    value = column.iloc[at]
    shown = value_repr(value)  # np.datetime64(...), as numpy 2 writes it, on numpy 1 too
    if isinstance(value, np.timedelta64):
        raise TypeError(
            f"`{name}` must hold numbers, got a duration ({shown}) at position {at}; give it "
            "in a unit, e.g. its value / np.timedelta64(1, 'h') for hours."
        )
    raise ValueError(
        f"`{name}` must hold numbers, got a date ({shown}) at position {at}; keep the dates "
        "apart, as a pandas index, and pass the values."
    )


def _durations_in_a_unit(name: str, dtype: str, array: str) -> str:
    """The refusal of durations ``name`` (of ``dtype``) as numbers, with the code that gives
    them in hours (``array``: ``name`` as an array of durations)."""
    return (
        f"`{name}` must hold numbers, got durations ({dtype}); give them in a unit, e.g. "
        f"{array} / np.timedelta64(1, 'h') for hours."
    )


def _unreadable(values: object, name: str, error: Exception) -> TypeError | ValueError:
    """The error for ``values`` that numpy cannot read as floats, with numpy's (or torch's)
    reason; a TypeError for a type that is no array (a dict, a set, a generator: numpy makes
    an array of one object of them, whose float() fails)."""
    if not (isinstance(values, Sequence) or hasattr(values, "__array__")):
        return TypeError(
            f"`{name}` must be an array of numbers (numpy, pandas, a list or a tensor), got "
            f"{type(values).__name__}."
        )
    if isinstance(error, RuntimeError) and "requires grad" in str(error):
        # a network's output outside torch.no_grad() was told torch's own "Can't call numpy()
        # on Tensor that requires grad", naming neither the argument nor the way out here
        if getattr(values, "requires_grad", False) is True:
            got = "a tensor that requires grad (a network's output"
            fix, it = f"{name}.detach()", "it"
        else:  # a list of them
            got = f"a {type(values).__name__} of tensors that require grad (a network's outputs"
            fix, it = f"[v.detach() for v in {name}]", "them"
        return ValueError(
            f"`{name}` must be an array of numbers, got {got} outside torch.no_grad()), which "
            f"numpy cannot read; pass {fix}, or compute {it} under torch.no_grad()."
        )
    return ValueError(
        f"`{name}` must be an array of numbers, got {type(values).__name__} that numpy "
        f"cannot read as floats ({error})."
    )


def _column_names(columns: pd.Index) -> list[str]:
    """A frame's column names as text, each once: a name two columns share (``['a', 'b',
    'b']``, or ``1`` and ``'1'``) with its column's place, ``'b (column 3)'``, where a name
    read two columns at once (pandas' ``frame['b']`` is a frame: "'DataFrame' object has no
    attribute 'dtype'").

    Example:
        >>> _column_names(pd.Index(["a", "b", "b"]))
        ['a', 'b (column 2)', 'b (column 3)']
    """
    names = [str(c) for c in columns]
    counts = Counter(names)
    return [f"{n} (column {k + 1})" if counts[n] > 1 else n for k, n in enumerate(names)]


def _series_array(values: object) -> np.ndarray:
    """``values`` as ``[T, F]`` floats, ``T >= 1``, for the window functions."""
    arr = _numbers(values, "values")
    from lstmkit.metrics import _first_text, _number_text_refusal

    if (text := _first_text(values)) is not None:
        # refused as fit and the metrics refuse it: np.array(["1", "2"]) was windowed as numbers
        raise _number_text_refusal(values, "values", text)
    if arr.ndim not in (1, 2) or len(arr) == 0 or (arr.ndim == 2 and arr.shape[1] == 0):
        # windows [N, L, F] (split.train.X, make_windows' X) given to be cut again were told
        # the shape alone
        windows = (
            ": windows [samples, time steps, features], as make_windows and split_windows give "
            "them, are cut already; pass the series they were cut from"
        ) * (arr.ndim == 3 and len(arr) > 0)
        raise ValueError(
            f"`values` must be a series [T] or [T, F] with at least one point and one feature, "
            f"got shape {arr.shape}{windows}."
        )
    if (nan := np.isnan(arr)).any():
        # windowed as they come (a gap may be meant to be masked), but said: fit on them named
        # the NaN only as a DivergedError, split_windows and make_windows said nothing
        count = int(nan.sum())
        first = np.unravel_index(int(nan.argmax()), arr.shape)
        at = str(int(first[0])) if arr.ndim == 1 else str(tuple(int(i) for i in first))
        it = "it" if count == 1 else "them"
        warnings.warn(
            f"`values` hold {count:,} NaN{plural_s(count)} (the first at "
            f"index {at}), which the windows hold as they come, and a loss on them is NaN: fill "
            f"or drop {it} first (lstmkit.data.to_frame(..., fill=...)), or mask {it} in the "
            "loss.",
            stacklevel=user_stacklevel(),
        )
    return arr.reshape(len(arr), -1)


def _windows_of_one_series(arr: np.ndarray, name: str, what: str, given: object) -> str | None:
    """Why ``arr`` ``[T, F]`` (``name``) is no series, where its rows are windows ``[samples,
    time steps]`` of one series, the Keras tutorials' ``create_dataset`` X: each row the row
    before it one step on, so its columns 1, 2, ... hold column 0's next values (``what``: what
    they would each be read as), as the Forecaster refuses them; None otherwise, and where
    that match tells nothing (a straight line, a short period, few distinct values).
    ``given``: ``arr`` as given (a DataFrame's fix indexes by ``.iloc``)."""
    if arr.ndim != 2 or arr.shape[0] < 3 or arr.shape[1] < 2:
        return None
    if not np.array_equal(arr[1:, :-1], arr[:-1, 1:]):  # the usual case, without torch
        return None
    from lstmkit.forecast import _one_series_windows  # imports torch

    if not _one_series_windows(arr):
        return None
    rows, columns = arr.shape
    at = ".iloc" if isinstance(given, pd.DataFrame) else ""  # X[:, 0] of a frame: KeyError
    return (
        f"`{name}` must be a series [T] or [T, F], got {rows} windows of {columns} steps of one "
        "series ([samples, time steps]): each row is the row before it one step on, so "
        + (
            f"its column 1 would be a {what} that holds"
            if columns == 2
            else f"its columns 1 to {columns - 1} would be {what}s that hold"
        )
        + " column 0's next values; pass the series itself, "
        f"np.concatenate([X{at}[:, 0], X{at}[-1, 1:]]) for these windows X."
    )


def _laid_along_a_row(shape: tuple[int, ...]) -> bool:
    """Whether ``shape`` is a series laid along a row, ``(1, T)`` with ``T > 1``: one time step
    of ``T`` features, as ``y.reshape(1, -1)`` makes it."""
    return len(shape) == 2 and shape[0] == 1 and shape[1] > 1


def _as_one_series(name: str, given: object, points: int) -> str:
    """How to pass ``given``, a series laid along a row (``y.reshape(1, -1)``, as
    scikit-learn's advice for "a single sample" has it), as one series: ``reshape(-1)``, or
    ``np.ravel`` where it has none (a nested list, a one-row DataFrame from a wide CSV)."""
    flat = f"{name}.reshape(-1)" if hasattr(given, "reshape") else f"np.ravel({name})"
    return f"for one series of {points} points pass {flat}"


# the names a column of pd.read_csv's frame has where it holds the time, not a value: "Unnamed:
# 0" is the index a to_csv() wrote; "index" is left out (a price index rises too)
_TIME_NAMES = frozenset(
    {"date", "dates", "time", "timestamp", "datetime", "ds", "year", "month", "week", "day"}
    | {"quarter", "period", "unnamed: 0"}
)


def _time_said(argument: str, column: pd.Series) -> str:
    """That ``column`` of the DataFrame ``argument`` (a time's name, rising every row) holds
    the time: the first words of :func:`_time_column`'s refusal and the Forecaster's."""
    first, last = (python_scalar(column.iloc[i]) for i in (0, -1))
    return (
        f"`{argument}` column {column.name!r} ({first!r} … {last!r}, rising every row) holds "
        "the time, not a value to forecast"
    )


def _lone_time(said: str, name: object, parse: str = "") -> str:
    """The refusal ``said`` (:func:`_time_said`) of a time column alone in its frame, which
    ``set_index`` leaves with no column: the values to pass, indexed by it as ``pd.read_csv``
    reads them (``parse``: its further arguments, ``", parse_dates=True"`` for 20200131)."""
    return (
        f"{said}, and no column of values is beside it; pass the values to forecast, with it "
        f"as their index (pd.read_csv(..., index_col={name!r}{parse}))."
    )


def _time_column(values: pd.DataFrame, arr: np.ndarray, target_col: object) -> str | None:
    """Why ``values``' target column (``target_col``, of ``arr``, its floats) is no target:
    named as a time is (``year``, ``date``, ``Unnamed: 0``) and rising every row, as years
    (1949, 1950, ...), dates written as numbers (20200101, ...), R's decimal years or an index
    a ``to_csv()`` wrote are, which ``pd.read_csv`` leaves a column of numbers: the windows
    forecast the calendar (a DataFrame's dates as such are refused, as parsed or as text);
    None otherwise."""
    k = int(target_col)  # type: ignore[call-overload]
    name = values.columns[k]
    column = arr[:, k]
    if str(name).strip().lower() not in _TIME_NAMES or len(column) < 3:
        return None
    if not (np.isfinite(column).all() and (np.diff(column) > 0).all()):
        return None
    said = _time_said("values", values.iloc[:, k])
    if values.shape[1] == 1:
        # alone, it was told set_index (which leaves no column) or another target_col
        return _lone_time(said, name)
    return (
        f"{said}, and it is `target_col` ({k}); make it the index, "
        f"values = values.set_index({name!r}), or pass the target's position as target_col."
    )


def _check_window_args(
    arr: np.ndarray,
    lookback: object,
    horizon: object,
    stride: object,
    target_col: object,
    values: object = None,
) -> None:
    # a duration ("3m") told that they count the data's steps, as a Forecaster's are (imported
    # here: lstmkit.data loads without the config module)
    from lstmkit._forecast_config import steps_count

    steps = [steps_count(v, arg) for arg, v in (("lookback", lookback), ("horizon", horizon))]
    steps_count(stride, "stride")
    if _laid_along_a_row(arr.shape):
        # a series laid along a row was told as "the series length (1)" with no word on its
        # shape
        raise ValueError(
            f"`values` must run down the rows, [T] or [T, F], got shape {arr.shape}: one time "
            f"step of {arr.shape[1]} features, too short for one window; "
            f"{_as_one_series('values', values, arr.shape[1])}."
        )
    if windows := _windows_of_one_series(arr, "values", "feature", values):
        # create_dataset's X [samples, look_back] was windowed again as look_back features
        raise ValueError(windows)
    if as_int(target_col) is None or not -arr.shape[1] <= int(target_col) < arr.shape[1]:
        # a DataFrame's column name, as pandas users write it, was told "it has 2" alone
        columns = list(getattr(values, "columns", []))
        # the column as the user names it: np.str_('b') (from df.columns.to_numpy()) is 'b'
        column = python_scalar(target_col)
        named = (
            f"; `values` is a DataFrame whose column {column!r} is "
            f"target_col={columns.index(target_col)} (a position)"
            if isinstance(target_col, Hashable) and target_col in columns
            else ""
        )
        if not named and isinstance(column, str) and columns:
            # another name: the columns there are, as a scaler's `feature` tells them
            listed = ", ".join(f"{c!r} ({k})" for k, c in enumerate(columns[:5]))
            named = f"; `values` is a DataFrame of columns {listed}" + (
                f" and {len(columns) - 5} more" if len(columns) > 5 else ""
            )
        # "must be a column of `values` (it has 2), got 'b'" of a column 'b' contradicted
        # itself: a position is what it takes
        positions = "0, its one column" if arr.shape[1] == 1 else f"0 to {arr.shape[1] - 1}"
        raise ValueError(
            f"`target_col` must be a column's position in `values` ({positions}), got "
            f"{value_repr(target_col)}{named}"
            + whole_float_hint(target_col, -arr.shape[1], arr.shape[1] - 1)
            + "."
        )
    if isinstance(values, pd.DataFrame) and (time := _time_column(values, arr, target_col)):
        raise ValueError(time)
    if sum(steps) > len(arr):
        # split_windows(y, 200, 1, test=12) of 144 points told "the train part has 132
        # points", as if a smaller test part would do
        raise ValueError(
            f"`lookback` + `horizon` ({lookback} + {horizon}) must not exceed the series "
            f"length ({len(arr)})."
        )


def make_windows(
    values: np.ndarray,
    lookback: int,
    horizon: int,
    stride: int = 1,
    target_col: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Cut a series into supervised windows, oldest first.

    Window ``k`` starts at ``s = k * stride``: inputs are ``values[s : s + L]`` (all features) and
    targets are ``values[s + L : s + L + H, target_col]``. The last window is the last one whose
    targets fit, ``T - L - H + 1`` windows in all for ``stride=1``: those of Keras'
    ``timeseries_dataset_from_array(values[:-H], values[L:], sequence_length=L)`` for
    ``H = 1``, and one more than the classic tutorial's ``create_dataset(values, look_back=L)``,
    whose ``range(len(values) - look_back - 1)`` leaves the last window out. NaN values are
    windowed as they come, as Keras' function does (a gap may be meant to be masked), with a
    warning that names the first: find them with ``np.flatnonzero(np.isnan(values))``; the
    scalers refuse them.

    Args:
        values: ``[T]`` or ``[T, F]`` numbers (numpy, a list, or pandas, whose index is not
            read).
        lookback: ``L`` >= 1 input steps.
        horizon: ``H`` >= 1 target steps.
        stride: step between window starts (>= 1).
        target_col: feature used as target.

    Returns:
        ``(X, Y)`` with shapes ``[N, L, F]`` and ``[N, H]``, float64 whatever came (a
        float32 array, a tensor): ``torch.as_tensor(X, dtype=torch.float32)`` for a network.

    Raises:
        ValueError: for ``values`` that are not ``[T]`` or ``[T, F]`` numbers (windows
            ``[N, L, F]``, or windows ``[N, L]`` of one series, each row the row before it a
            step on, as the Keras tutorials' ``create_dataset`` cuts them; dates, a frame's
            ``to_numpy()`` of its date column too), a ``lookback``, ``horizon`` or ``stride``
            that is not a positive integer, a ``target_col`` that is not a column or that is a
            DataFrame's column of numbers named as a time (``year``, ``date``, ``time``,
            ``Unnamed: 0``) rising every row, text that reads as numbers (``np.array(["1", "2"])``,
            refused as :meth:`~lstmkit.forecast.Forecaster.fit` refuses it, with the
            ``pd.to_numeric`` that converts it), or ``L + H`` longer than the series.
        TypeError: for complex values or durations, or a ``lookback``, ``horizon`` or
            ``stride`` that is no number (``"12"``) or a bool.
    """
    arr = _series_array(values)
    _check_window_args(arr, lookback, horizon, stride, target_col, values)
    # every window at once, as copies (a Python loop took 0.9 s for 200,000 points)
    last = len(arr) - lookback - horizon + 1
    X = np.lib.stride_tricks.sliding_window_view(arr[: last - 1 + lookback], lookback, axis=0)
    X = X[::stride].transpose(0, 2, 1).copy()
    target = arr[lookback:, target_col]
    Y = np.lib.stride_tricks.sliding_window_view(target, horizon)[:last:stride].copy()
    return X, Y


# scikit-learn's train_test_split words, which a tutorial's split passes here and Python
# refused bare ("got an unexpected keyword argument 'test_size'")
_THEIR_SPLIT_ARGUMENTS = {
    "test_size": (
        "scikit-learn's test_size is `test` here, a count or a fraction of the points "
        "(test=0.33 for test_size=0.33)"
    ),
    "train_size": (
        "scikit-learn's train_size is what `val` and `test` leave here, the earliest points"
    ),
    "shuffle": (
        "no split is shuffled here: the parts are in time order, and lstmkit.train.fit "
        "shuffles the training windows each epoch (TrainConfig's `shuffle`, True by default)"
    ),
    "random_state": "scikit-learn's random_state has no use here: the split draws nothing",
}


@their_arguments("time_split", _THEIR_SPLIT_ARGUMENTS)
def time_split(n: int, val: int | float = 0, test: int | float = 0) -> tuple[slice, slice, slice]:
    """Time-ordered train/validation/test slices of ``range(n)`` (never shuffled).

    A fraction is rounded to the nearest count, a count halfway between two to the even one
    (Python's ``round``): ``test=0.33`` of 144 points is 48 (47.52), the classic tutorial's
    ``144 - int(144 * 0.67)``; ``test=0.25`` of 10 points is 2 (2.5), of 6 points 2 as well
    (1.5). A fraction above 0 that rounds to no point (``val=0.001`` of 144) is refused, not
    read as an empty part. Unlike scikit-learn's ``TimeSeriesSplit``, which gives several
    train/test folds of growing training sets, this is one split
    (:meth:`lstmkit.forecast.Forecaster.backtest` refits at several origins).

    Args:
        n: number of points, an integer >= 1 (``len(values)``, not the values).
        val: validation size, as a count (int) or a fraction of ``n`` (float in ``[0, 1)``).
        test: test size, likewise; the test part is the most recent.

    Returns:
        ``(train, val, test)`` slices covering ``range(n)`` in order.

    Raises:
        TypeError: for an ``n``, ``val`` or ``test`` that is not a number (a bool, a str).
        ValueError: for a negative size, an ``n`` below 1, a fraction outside ``[0, 1)`` or
            one that rounds to no point, or sizes that leave no training point.

    Example:
        >>> time_split(10, test=0.25)  # 2.5 test points: 2
        (slice(0, 8, None), slice(8, 8, None), slice(8, 10, None))
        >>> time_split(6, test=0.25)[2]  # 1.5: 2
        slice(4, 6, None)
    """
    if as_int(n) is None:
        if hasattr(n, "__len__") and not isinstance(n, str | bytes) and getattr(n, "ndim", 1):
            # the series itself, as split_windows takes it: its repr printed every value (a 0-d
            # array has __len__ too, and len() of it raised a bare "unsized object")
            values = "1 value" if len(n) == 1 else f"{len(n)} values"
            kind = "numpy array" if isinstance(n, np.ndarray) else type(n).__name__
            number = "time_split(len(values), ...)"
            shape = np.shape(n) if hasattr(n, "shape") else ()
            if _laid_along_a_row(shape):
                # a series laid along a row, whose len() is 1: time_split(1) left no training
                # point
                values = f"1 row of {shape[1]} values"
                number = f"time_split(values.shape[1], ...), {shape[1]} here (a row's len() is 1)"
            raise TypeError(
                f"`n` must be an integer (the number of points), got {values} "
                f"({'an' if kind[0] in 'aeiouAEIOU' else 'a'} {kind}); pass their number: "
                f"{number}."
            )
        raise TypeError(f"`n` must be an integer (the number of points), got {value_repr(n)}.")

    def count(arg: str, size: int | float) -> int:
        if isinstance(size, float | np.floating):  # np.float32 is no float: int() made it 0
            if not 0.0 <= size < 1.0:
                # 12.0 (a count from arithmetic, or read as a float) is no fraction
                # (int() of NaN or inf raised its own error, so the hint is built only for
                # a whole number)
                whole = (
                    f"; a count is an int: {arg}={int(size)}"
                    if np.isfinite(size) and 2 <= size < n and float(size).is_integer()
                    else ""
                )
                raise ValueError(
                    f"`{arg}` as a fraction must be in [0, 1), got {value_repr(size)}{whole}."
                )
            if size > 0 and round(size * n) == 0:
                # val=0.001 of 144 points left an empty validation part without a word (a
                # fraction asks for some points; scikit-learn's test_size rounds up)
                part = "validation" if arg == "val" else "test"
                raise ValueError(
                    f"`{arg}` as a fraction of the {n} points must give at least one point, "
                    f"got {value_repr(size)}, {size * n:.3g} points, which rounds to an empty "
                    f"{part} part; pass {arg}=0 for none, or a count: {arg}=1."
                )
            return round(size * n)
        if as_int(size) is None:
            # "20%" and "0.2" had no word of the number they stand for
            hint = fraction_hint(size, counts=True) if isinstance(size, str) else ""
            raise TypeError(
                f"`{arg}` must be a count (int) or a fraction (float in [0, 1)), got "
                f"{value_repr(size)}{hint}."
            )
        if size < 0:
            raise ValueError(f"`{arg}` must be >= 0, got {size}.")
        return int(size)

    n = int(n)
    if n < 1:
        # 0 was told as "`val` + `test` (0 + 0) must leave at least one training point of 0."
        raise ValueError(f"`n` must be at least 1 (the number of points), got {n}.")
    n_val, n_test = count("val", val), count("test", test)
    n_train = n - n_val - n_test
    if n_train < 1:
        raise ValueError(
            f"`val` + `test` ({n_val} + {n_test}) must leave at least one training point of {n}."
        )
    return slice(0, n_train), slice(n_train, n_train + n_val), slice(n_train + n_val, n)


class Windows(NamedTuple):
    """The windows of one part of a series: inputs, targets and where the targets start."""

    X: np.ndarray
    """``[N, L, F]`` inputs."""
    Y: np.ndarray
    """``[N, H]`` targets."""
    t: np.ndarray
    """``[N]`` the time step (position in the series) of each window's first target."""

    def __repr__(self) -> str:
        """The count and shapes, not every window (the tuple's repr printed the arrays, 3,400
        characters for a split of 300 points):
        ``Windows(252 windows: X [252, 24, 1], Y [252, 12], t 24 … 275)``."""
        count = len(self.t)
        if count == 0:
            span = " []"
        elif count == 1:
            span = f" {self.t[0]}"
        else:
            span = f" {self.t[0]} … {self.t[-1]}"
        return (
            f"Windows({count} window{'s' * (count != 1)}: X {list(np.shape(self.X))}, "
            f"Y {list(np.shape(self.Y))}, t{span})"
        )


class WindowSplit(NamedTuple):
    """:func:`split_windows`'s result: the windows of each part, oldest first."""

    train: Windows
    val: Windows
    test: Windows


# how split_windows' warning of values scaled on the whole series is silenced, said in it
_SCALED_ON_ALL = "`values` look scaled on the whole series"
_SCALED_SILENCED = (
    "; where the values are so by nature (a proportion, a probability), silence this with "
    f"warnings.filterwarnings('ignore', {_SCALED_ON_ALL!r})"
)


def _natural_values(column: np.ndarray) -> bool:
    """Whether ``column`` (finite, a candidate of :func:`_scaled_on_all`) holds values that
    are so by nature, not by a scaler's fit: a ramp of one step (a trend or a time index, as
    ``np.linspace(0, 1, T)``, known ahead, which no fit leaks) or values on a grid of 0.0001
    (proportions and percentages as written, 0.37 or 12.5 / 100, a 0 / 0.5 / 1 flag), which a
    scaler's ``(x - min) / (max - min)`` leaves only where the range divides 10000 (the
    airline's 518 does not). Either was warned of as scaled on all its points where its 1 came
    after the training part."""
    # float32 values, read as float64 here (0.37 is 0.37000000476837), are off the grid, and a
    # ramp's steps uneven, by their rounding, about 1e-7 near 1: both were warned of as scaled
    with np.errstate(over="ignore"):
        single = bool((column.astype(np.float32) == column).all())
    eps = float(np.finfo(np.float32 if single else np.float64).eps)
    steps = np.diff(column)
    if len(steps) and np.ptp(steps) <= max(
        1e-9 * float(np.abs(steps).max()), 4 * eps * float(np.abs(column).max()), 1e-300
    ):
        return True
    grid = column * 1e4
    return bool(np.abs(grid - np.rint(grid)).max() <= max(1e-6, 1e4 * eps))


def _scaled_on_all(arr: np.ndarray, n_train: int, target_col: int = 0) -> str | None:
    """Why the target (column ``target_col`` of ``arr`` ``[T, F]``) looks scaled by
    statistics of the whole series, the parts after its first ``n_train`` points included (the
    classic tutorial's ``fit_transform`` of every month before the split), or None: spanning
    ``[0, 1]`` or ``[-1, 1]`` exactly with its end only after the training part, as a
    ``MinMaxScaler`` fitted on all of it leaves it (fitted on the training part, the later
    values pass the range's end), or of mean 0 and standard deviation 1 exactly over all points
    but not over the training part, as a ``StandardScaler`` leaves it. Two values alone (a 0/1
    flag) tell nothing, nor values so by nature (:func:`_natural_values`). The other columns
    are not read: covariates known ahead (a trend, a calendar's sine, a holiday flag) are
    scaled on all their points without a leak, and a scaler fitted on the whole frame (the
    classic multivariate tutorial's) scaled the target too; each column was read, and a trend
    column ``np.linspace(0, 1, T)`` warned of."""
    if n_train >= len(arr) or n_train < 2:
        return None
    tol = 1e-9
    k = int(target_col) % arr.shape[1]
    column = np.ascontiguousarray(arr[:, k])
    train = column[:n_train]
    if not np.isfinite(column).all():
        return None
    feature = f"the target, column {k}," if arr.shape[1] > 1 else "the series"
    lo, hi = column.min(), column.max()
    for a, b in ((0.0, 1.0), (-1.0, 1.0)):
        if abs(lo - a) > tol or abs(hi - b) > tol:
            continue
        if train.max() < b - tol:
            at, end = int(np.argmax(column)), b
        elif train.min() > a + tol:
            at, end = int(np.argmin(column)), a
        else:
            return None  # both ends in the training part: its own fit gives these values
        # (np.unique, a sort, last: only for a candidate)
        if _natural_values(column) or len(np.unique(column)) <= 2:
            return None
        scaler = "MinMaxScaler()" if a == 0 else "MinMaxScaler(feature_range=(-1, 1))"
        return (
            f"{_SCALED_ON_ALL}, not on its training part alone: {feature} spans [{a:g}, {b:g}] "
            f"exactly, and its {end:g} lies at position {at}, after the training part's "
            f"{n_train} points, so the scaler saw the future; fit it on the training part "
            f"only, {scaler}.fit(series[:{n_train}]) (time_split's train slice), and transform "
            f"the whole series with it{_SCALED_SILENCED}."
        )
    if abs(column.mean()) > tol or abs(column.std() - 1.0) > tol:
        return None
    mean, std = train.mean(), train.std()
    if abs(mean) <= 1e-6 and abs(std - 1.0) <= 1e-6:
        return None
    if _natural_values(column) or len(np.unique(column)) <= 2:
        return None
    return (
        f"{_SCALED_ON_ALL}, not on its training part alone: {feature} has mean 0 and standard "
        f"deviation 1 exactly over all {len(column)} points (over the training part's "
        f"{n_train}: {mean:.3g} and {std:.3g}), so the scaler saw the future; fit it on the "
        f"training part only, StandardScaler().fit(series[:{n_train}]) (time_split's train "
        f"slice), and transform the whole series with it{_SCALED_SILENCED}."
    )


def _part_remedy(name: str, parts: tuple[slice, slice, slice], lookback: int, horizon: int) -> str:
    """What the part ``name`` of ``parts`` needs for one window, and the changes that give it
    one: a shorter ``lookback`` or smaller held-out parts for the training part, a larger part
    or a shorter ``horizon`` for the others (each offered only where it fits the series)."""
    sizes = {k: p.stop - p.start for k, p in zip(("train", "val", "test"), parts, strict=True)}
    n = sum(sizes.values())
    if name == "train":
        fixes = [f"lower `lookback` to {sizes[name] - horizon}"] if sizes[name] > horizon else []
        held = n - lookback - horizon  # at least 0: _check_window_args saw to it
        fixes.append(
            f"`val` + `test` ({sizes['val']} + {sizes['test']}) to {held}"
            if held
            else "leave `val` and `test` out"
        )
        return f"`lookback` + `horizon` ({lookback} + {horizon}); " + ", or ".join(fixes)
    fixes = []
    if n - (sum(sizes.values()) - sizes["train"] - sizes[name]) - horizon >= lookback + horizon:
        fixes.append(f"give it {horizon} points ({name}={horizon})")
    fixes.append(f"lower `horizon` to {sizes[name]}")
    return f"`horizon` ({horizon}); " + ", or ".join(fixes)


@their_arguments("split_windows", _THEIR_SPLIT_ARGUMENTS)
def split_windows(
    values: np.ndarray,
    lookback: int,
    horizon: int,
    val: int | float = 0,
    test: int | float = 0,
    stride: int = 1,
    target_col: int = 0,
) -> WindowSplit:
    """Windows for a time-ordered train/validation/test split, without leakage.

    The series is split as :func:`time_split` splits it (the test part the most recent). A window
    belongs to the part that holds *all* its targets; its inputs are the ``lookback`` steps just
    before them, so they may reach back into an earlier part (that past is known when the
    forecast is made) but never forward. Windows whose targets would straddle two parts are left
    out, so no training target lies in the validation or test part.

    Args:
        values: ``[T]`` or ``[T, F]`` numbers (numpy, a list, or pandas, whose index is not
            read), already scaled (fit the scaler on ``values[time_split(...)[0]]``, the
            training part, only).
        lookback: ``L`` >= 1 input steps.
        horizon: ``H`` >= 1 target steps.
        val, test: the sizes of the validation and test parts, as counts (int) or fractions of
            ``T`` (float in ``[0, 1)``), as in :func:`time_split`.
        stride: step between the first targets of consecutive windows, counted from each part's
            first window (``stride=horizon`` tiles a part with forecasts that do not overlap).
        target_col: feature used as target.

    Returns:
        ``(train, val, test)``, each :class:`Windows` ``(X, Y, t)``, ``X`` and ``Y`` float64
        as in :func:`make_windows`; a part of size 0 has no windows (``X`` of shape
        ``[0, L, F]``).

    Warns:
        UserWarning: for a target that looks scaled on the whole series, test part included
            (spanning ``[0, 1]`` or ``[-1, 1]`` exactly with its end after the training part;
            of mean 0 and standard deviation 1 exactly over all points but not over the
            training part), with the fit on the training part to make instead, unless its
            values are so by nature (a ramp of one step; values on a grid of 0.0001, as
            proportions and percentages are written), or two values alone; silenced with
            ``warnings.filterwarnings("ignore", "`values` look scaled on the whole series")``.

    Raises:
        ValueError: bad sizes or ``values`` (as in :func:`make_windows`), or a requested part
            too short for one window (fewer than ``horizon`` points, or, for the training part,
            fewer than ``lookback + horizon``).
        TypeError: for complex values or durations, ``val``/``test`` of another type, or a
            ``lookback``, ``horizon`` or ``stride`` that is no number (``"12"``) or a bool.

    Example:
        >>> import numpy as np
        >>> train, val, test = split_windows(np.arange(20.0), lookback=4, horizon=2, test=4)
        >>> train.X.shape, test.X.shape, test.t.tolist()
        ((11, 4, 1), (3, 4, 1), [16, 17, 18])
        >>> test.X[0, :, 0].tolist(), test.Y[0].tolist()  # inputs from the training part
        ([12.0, 13.0, 14.0, 15.0], [16.0, 17.0])
    """
    arr = _series_array(values)
    _check_window_args(arr, lookback, horizon, stride, target_col, values)
    parts = time_split(len(arr), val=val, test=test)
    if leak := _scaled_on_all(arr, parts[0].stop, target_col):
        warnings.warn(leak, UserWarning, stacklevel=user_stacklevel())
    out = []
    for name, part in zip(("train", "val", "test"), parts, strict=True):
        size = part.stop - part.start
        starts = np.arange(max(part.start, lookback), part.stop - horizon + 1, stride)
        if size and not len(starts):
            raise ValueError(
                f"the {name} part has {size} point{plural_s(size)}, too few for one window: it "
                f"needs at least {_part_remedy(name, parts, lookback, horizon)}."
            )
        X = np.stack([arr[t - lookback : t] for t in starts]) if len(starts) else None
        Y = np.stack([arr[t : t + horizon, target_col] for t in starts]) if len(starts) else None
        out.append(
            Windows(
                X if X is not None else np.empty((0, lookback, arr.shape[1])),
                Y if Y is not None else np.empty((0, horizon)),
                starts,
            )
        )
    return WindowSplit(*out)


# --------------------------------------------------------------------------------------------
# Scalers and transforms (fit on training data only; all invertible)
# --------------------------------------------------------------------------------------------


def _refuse_inf(
    x: np.ndarray, method: str, name: str, output: str | None, start: int = 0
) -> np.ndarray:
    """``x``, refused where it holds inf, naming ``method``, the argument ``name`` and the
    first infinite value's position; NaN passes, as the scalers and transforms document.

    ``output`` is what an infinite value is where the argument is a model's output (``"an
    infinite scaled value"`` to an ``inverse_transform``), told as a diverged model's; where it
    is None the value is data, which would come out infinite. ``start``: the position in the
    argument of ``x``'s first row, where ``x`` is the part of it that is read (the last ``lag``
    rows of a ``history``)."""
    bad = np.argwhere(np.isinf(x))
    if not len(bad):
        return x
    where = tuple(int(i) for i in bad[0])
    them = "them" if len(bad) > 1 else "it"
    why = (
        f", which would come out infinite. Replace or drop {them} first."
        if output is None
        else f": {output} is the output of a model that diverged (refit it, with a lower "
        "`lr`), not a value to invert."
    )
    # a single number (np.float64(np.inf)) was told "at position ()"
    shown = (where[0] + start, *where[1:]) if where else where
    at = f", {'the first at' if len(bad) > 1 else 'at'} position {shown}" if where else ""
    raise ValueError(
        f"{method} got {len(bad)} infinite value{plural_s(len(bad))} in `{name}`{at} "
        f"({x[where]}){why}"
    )


class _Fitted:
    def _arguments(self) -> str:
        """The constructor's arguments as the repr shows them (``feature_range=(0.0, 1.0)``)."""
        return ""

    def get_params(self, deep: bool = True) -> dict[str, object]:
        """The constructor's arguments by name, as scikit-learn's ``get_params`` gives them
        (``{'feature_range': (0.0, 1.0)}``; ``{}`` for StandardScaler, which takes none; it was
        an AttributeError). ``deep`` is scikit-learn's and changes nothing: a scaler holds no
        other estimator."""
        return {}

    def set_params(self, **params: object) -> Self:
        """Set constructor arguments by name, checked as the constructor checks them, as
        scikit-learn's ``set_params`` does. A scaler given new arguments is no longer fitted
        (its statistics were made with the old ones): fit it again.

        Raises:
            TypeError: for a name the constructor does not take (all of them at once), or a
                value of the wrong type.
            ValueError: for a bad value, as the constructor says it.
        """
        name, valid = type(self).__name__, self.get_params()
        unknown = [key for key in params if key not in valid]
        if unknown:
            takes = f"its parameters are {sorted(valid)}" if valid else "it takes none"
            raise TypeError(
                f"{name}.set_params() got unknown keyword argument{plural_s(len(unknown))} "
                f"{', '.join(map(repr, unknown))}; {takes}."
            )
        if params:  # checked whole before anything changes
            self.__dict__.update(type(self)(**{**valid, **params}).__dict__)
        return self

    def __repr__(self) -> str:
        """Its arguments and whether it is fitted, as scikit-learn's show theirs (the default
        repr said ``<lstmkit.data.MinMaxScaler object at 0x...>``)."""
        scale = getattr(self, "scale_", None)
        if scale is None:
            fitted = "not fitted"
        else:
            features = int(np.size(scale))
            fitted = f"fitted on {features} feature" + "s" * (features != 1)
        parts = [part for part in (self._arguments(), fitted) if part]
        return f"{type(self).__name__}({'; '.join(parts)})"

    def _fit_input(self, x: object) -> np.ndarray:
        """``x`` as floats, checked: ``[T]`` or ``[T, F]``, not empty, every value finite."""
        given, x = x, _numbers(x, "x")
        name = type(self).__name__
        if x.ndim == 0:
            # None or one number was told "got shape ()", a shape the user never gave
            raise ValueError(
                f"{name}.fit needs a non-empty [T] or [T, F] array (at least one point and "
                f"one feature), got {value_repr(given)}."
            )
        if x.ndim not in (1, 2) or len(x) == 0 or (x.ndim == 2 and x.shape[1] == 0):
            # windows [N, L, F] (split.train.X): each value counted up to L times
            windows = (
                "; fit it on the series' training part before cutting windows, "
                f"{name}().fit(values[train]) with train from time_split"
            ) * (x.ndim == 3)
            raise ValueError(
                f"{name}.fit needs a non-empty [T] or [T, F] array (at least one point and "
                f"one feature), got shape {x.shape}{windows}."
            )
        if _laid_along_a_row(x.shape):
            # a series laid along a row was fitted as that many features of one point each,
            # every one constant, and StandardScaler then transformed the series to zeros
            # without a word; refused as split_windows refuses that shape
            raise ValueError(
                f"{name}.fit needs `x` to run down the rows, [T] or [T, F], got shape "
                f"{x.shape}: one time step of {x.shape[1]} features, each constant; "
                f"{_as_one_series('x', given, x.shape[1])}."
            )
        bad = np.argwhere(~np.isfinite(x))
        if len(bad):
            raise ValueError(
                f"{name}.fit got {len(bad)} non-finite value{plural_s(len(bad))}, "
                f"{'the first at' if len(bad) > 1 else 'at'} position "
                f"{tuple(int(i) for i in bad[0])} ({x[tuple(bad[0])]}); its statistics would "
                f"be NaN. Fill or drop {'them' if len(bad) > 1 else 'it'} first "
                "(lstmkit.data.to_frame(..., fill=...))."
            )
        # a DataFrame's column names, which a `feature` given by name is told the position of
        self._columns = list(given.columns) if isinstance(given, pd.DataFrame) else None
        return x

    def _no_inf(self, x: np.ndarray, method: str = "transform") -> np.ndarray:
        """``x``, refused where it holds inf, which ``transform`` and ``inverse_transform``
        passed on as inf (``fit`` refuses it, and so do scikit-learn's); NaN stays NaN, as
        documented. An infinite value given to ``inverse_transform`` is a model's output, one
        that diverged, which is said."""
        why = None if method == "transform" else "an infinite scaled value"
        return _refuse_inf(x, f"{type(self).__name__}.{method}", "x", why)

    def _check_fitted(self, attr: str) -> None:
        if getattr(self, attr, None) is None:
            from lstmkit.forecast import NotFittedError

            raise NotFittedError(f"{type(self).__name__} is not fitted; call fit() first.")

    def _stats(
        self, x: object, feature: int | None, *attrs: str
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """``x`` as floats and the fitted ``attrs``: every feature's (``x``'s last dimension
        must then be the fitted features, unless there is one), or only ``feature``'s, which
        then apply to every value of ``x`` (a forecast of that feature, any shape)."""
        self._check_fitted(attrs[0])
        name = type(self).__name__
        x = _numbers(x, "x")
        stats = [np.asarray(getattr(self, a)) for a in attrs]
        features = stats[0].size
        if feature is not None:
            k = as_int(feature)
            if k is None or not -features <= k < features:
                # a pandas user names the column: it was told "got 'b'" alone
                columns = getattr(self, "_columns", None) or []
                # a name read off numpy (np.str_('b'), a column of an array of names) as 'b'
                shown = repr(str(feature)) if isinstance(feature, str) else value_repr(feature)
                named = (
                    f"; it was fitted on a DataFrame whose column {shown} is "
                    f"feature={columns.index(feature)} (a position)"
                    if isinstance(feature, Hashable) and feature in columns
                    else _unknown_column(feature, columns)
                )
                # 1.0 for 1 told as the counts are (a position the file's float column gave)
                whole = whole_float_hint(feature, -features, features - 1)
                # one feature was "one of the 1 feature ... (0 to 0)"
                among = (
                    f"0 (or -1), the one feature {name} was fitted on (which it scales with "
                    "`feature` left out)"
                    if features == 1
                    else f"one of the {features} features {name} was fitted on "
                    f"(0 to {features - 1})"
                )
                raise ValueError(f"`feature` must be {among}, got {shown}{named}{whole}.")
            return x, [s.reshape(-1)[k] for s in stats]
        if features > 1 and (x.ndim == 0 or x.shape[-1] != features):
            # it said "pass feature=<its column>", a placeholder the reader had to resolve
            columns = getattr(self, "_columns", None) or []
            named = ", ".join(f"{k} {c!r}" for k, c in enumerate(columns[:5]))
            positions = f"0 to {features - 1}" + (
                f": {named}{', ...' if len(columns) > 5 else ''}" if named else ""
            )
            raise ValueError(
                f"{name} was fitted on {features} features, got an array of shape {x.shape} "
                f"(its last dimension must be {features}); to scale one feature's values, "
                "such as a forecast [N, H] of the target, pass that feature's position, "
                f"feature=0 for the first column ({positions})."
            )
        if x.ndim == 0:
            # a number scaled by a fit on [T, 1] (a DataFrame's one column) came back as
            # shape (1,), broadcast against the [1] statistics: a number gives a number, as
            # after a fit on [T]
            return x, [s.reshape(-1)[0] for s in stats]
        return x, stats


def _unknown_column(feature: object, columns: list[Hashable]) -> str:
    """What a scaler's refusal of ``feature``, a name none of its fitted features has, adds:
    the fitted DataFrame's columns and their positions (the first 10), or that an array's
    features have no names; nothing for a number, told the positions alone."""
    if not isinstance(feature, str):
        return ""
    if not columns:
        return ", a name, and it was fitted on an array, whose features have none"
    shown = [
        f"{repr(str(c)) if isinstance(c, str) else value_repr(c)} (feature={k})"
        for k, c in enumerate(columns[:10])
    ]
    listed = (
        f"its one column is {shown[0]}"
        if len(columns) == 1
        else f"its columns are {and_list(shown)}"
        if len(columns) == len(shown)
        else f"its columns are {', '.join(shown)}{and_more(len(columns), len(shown))}"
    )
    return f", which is no column of the DataFrame it was fitted on: {listed}"


class MinMaxScaler(_Fitted):
    """Scale each feature to ``feature_range`` using the training minimum and maximum.

    The same numbers as scikit-learn's ``MinMaxScaler``: ``x * scale_ + min_`` with
    ``scale_ = (b - a) / (max - min)`` and ``min_ = a - min * scale_``; a feature that is
    constant in the training data gets ``scale_ = b - a`` (its value maps to ``a``), and so
    does one whose values differ by rounding alone (0.1 + 0.2 beside 0.3: a span below 10
    machine epsilons, scikit-learn's bound, here times the values' size; scikit-learn's, taken
    as it is, also flattens values of 1e-15 a span of 1e-15 apart, which this scales).
    Values outside the training range map outside ``feature_range`` (no clipping); NaN stays
    NaN.

    Args:
        feature_range: ``(a, b)``, two finite numbers with ``a < b``.

    Attributes:
        scale_, min_: per feature, ``[F]`` (or scalars after a fit on a 1-D ``[T]`` array);
            ``None`` until :meth:`fit`.

    Raises:
        TypeError: for a ``feature_range`` that is no sequence of numbers (text, a number).
        ValueError: for a ``feature_range`` that is not two finite increasing numbers.

    Example:
        >>> import numpy as np
        >>> scaler = MinMaxScaler().fit(np.array([[1.0, 10.0], [3.0, 30.0]]))
        >>> scaler.transform(np.array([[2.0, 40.0]])).tolist()
        [[0.5, 1.5]]
        >>> scaler.inverse_transform(np.array([[0.5], [1.0]]), feature=1).tolist()
        [[20.0], [30.0]]
    """

    def __init__(self, feature_range: tuple[float, float] = (0.0, 1.0)) -> None:
        message = (
            "`feature_range` must be two finite numbers (min, max) with min < max, got "
            f"{value_repr(feature_range)}."
        )
        # house style: a wrong type is a TypeError, as the other type refusals ('01', read as
        # the digits (0.0, 1.0) once, 1 and ('a', 'b') were ValueErrors); (0, 1, 2) and
        # (1, 0) are numbers of the wrong count or order, ValueErrors
        if isinstance(feature_range, str | bytes) or not isinstance(feature_range, Iterable):
            raise TypeError(message)
        try:
            bounds = [float(v) for v in feature_range]
        except (TypeError, ValueError):
            raise TypeError(message) from None
        if len(bounds) != 2 or not (np.isfinite(bounds).all() and bounds[0] < bounds[1]):
            raise ValueError(message)
        a, b = bounds
        self.feature_range = (a, b)
        self.min_: np.ndarray | None = None
        self.scale_: np.ndarray | None = None

    def _arguments(self) -> str:
        return f"feature_range={self.feature_range!r}"

    def get_params(self, deep: bool = True) -> dict[str, object]:
        """``{'feature_range': (a, b)}``, as scikit-learn's ``get_params`` gives it."""
        return {"feature_range": self.feature_range}

    def fit(self, x: np.ndarray, y: object = None) -> Self:
        """Learn each feature's minimum and maximum from ``x`` (``[T]`` or ``[T, F]``, the
        training part only). ``y`` is ignored, as scikit-learn's transformers ignore it: a
        ``Pipeline``'s ``fit(X, y)`` passes it. Raises ``ValueError`` for an empty ``x``, one
        with NaN or infinite values, or a series laid along a row (shape ``(1, T)``,
        ``T > 1``)."""
        x = self._fit_input(x)
        lo, hi = x.min(axis=0), x.max(axis=0)
        # Values that differ by rounding alone (0.1 + 0.2 beside 0.3) are constant too, as in
        # StandardScaler: their span of 5.6e-17 made the scale 1.8e16, and a later 0.31 came
        # out 1.8e14. scikit-learn's bound, a span below 10 eps, taken relative to the
        # values' size (a rounding step is 1.4e-14 at 112, 1.2e-10 at a million, 2e-31 at
        # 1e-15): scikit-learn's absolute one flattened a series of 1e-15 amounts.
        # A span so small that the scale overflows (5e-324 apart) is no variation either.
        a, b = self.feature_range
        size = np.maximum(np.abs(lo), np.abs(hi))
        bound = np.maximum(10 * np.finfo(float).eps * size, (b - a) / np.finfo(float).max)
        span = np.where((hi > lo) & (hi - lo >= bound), hi - lo, 1.0)
        self.scale_ = (b - a) / span
        self.min_ = a - lo * self.scale_
        return self

    def transform(self, x: np.ndarray, feature: int | None = None) -> np.ndarray:
        """Scale ``x``: its last dimension the fitted features (any shape after a fit on one
        feature), or any shape with ``feature``, whose statistics then apply to every value.
        Raises ``ValueError`` for an infinite value, naming the first's position."""
        x, (scale, low) = self._stats(x, feature, "scale_", "min_")
        return self._no_inf(x) * scale + low

    def inverse_transform(self, x: np.ndarray, feature: int | None = None) -> np.ndarray:
        """Undo :meth:`transform` (``feature`` as there: ``feature=0`` for a forecast
        ``[N, H]`` of column 0)."""
        x, (scale, low) = self._stats(x, feature, "scale_", "min_")
        return (self._no_inf(x, "inverse_transform") - low) / scale

    def fit_transform(self, x: np.ndarray, y: object = None) -> np.ndarray:
        """:meth:`fit` on ``x``, then :meth:`transform` it (``y`` ignored, as in :meth:`fit`)."""
        return self.fit(x).transform(x)


def _binary_unit(x: np.ndarray, axis: int | None = None) -> np.ndarray:
    """A power of two to divide ``x`` by before squaring or summing it: the largest one not
    above the largest ``|x|`` (along ``axis``) where that lies outside ``[2**-400, 2**400]``,
    else 1.

    The squares of values past about 1e154 overflow to inf (and those of values below 1e-162
    vanish in 0), so the spread of a series of 1e200 came out inf and of one of 1e-200 came out
    0. Divided by a power of two, a value keeps its digits exactly: the spread of ``x / unit``
    times ``unit`` is the spread of ``x`` bit for bit wherever that did not overflow, and at 1
    (every value in ``[2**-400, 2**400]``) nothing changes at all.
    """
    big = np.max(np.abs(x), axis=axis)
    outside = (big > 2.0**400) | ((big < 2.0**-400) & (big > 0))
    # the largest power of two not above |x|: frexp's exponent e has 2**(e-1) <= big < 2**e,
    # and 2**e itself is inf for values from 2**1023 (8.99e307) to the largest float
    return np.where(outside, np.ldexp(1.0, np.frexp(big)[1] - 1), 1.0)


class StandardScaler(_Fitted):
    """Subtract the training mean and divide by the training standard deviation.

    The same numbers as scikit-learn's ``StandardScaler``: the population standard deviation
    (``ddof=0``), and ``scale_ = 1`` for a feature that is constant in the training data, which
    then maps to 0 exactly (a constant such as 1/3, whose computed deviation is a rounding
    error of about 1e-17 rather than 0, counts as constant too, and so do values that differ by
    rounding alone, 0.1 + 0.2 beside 0.3, as in scikit-learn). NaN stays NaN.

    Attributes:
        mean_, scale_: per feature, ``[F]`` (or scalars after a fit on a 1-D ``[T]`` array);
            ``None`` until :meth:`fit`.

    Example:
        >>> import numpy as np
        >>> scaler = StandardScaler().fit(np.array([1.0, 3.0, 5.0]))
        >>> float(scaler.mean_), round(float(scaler.scale_), 4)
        (3.0, 1.633)
        >>> scaler.inverse_transform(scaler.transform(np.array([[7.0, 9.0]]))).tolist()
        [[7.0, 9.0]]
    """

    def __init__(self) -> None:
        self.mean_: np.ndarray | None = None
        self.scale_: np.ndarray | None = None

    def fit(self, x: np.ndarray, y: object = None) -> Self:
        """Learn each feature's mean and standard deviation from ``x`` (``[T]`` or ``[T, F]``,
        the training part only). ``y`` is ignored, as scikit-learn's transformers ignore it:
        a ``Pipeline``'s ``fit(X, y)`` passes it. Raises ``ValueError`` for an empty ``x``,
        one with NaN or infinite values, or a series laid along a row (shape ``(1, T)``,
        ``T > 1``)."""
        x = self._fit_input(x)
        # A constant feature is told by its values, not by a std of 0: the std of [1/3] * 10
        # is 5.6e-17, and dividing by it blew any later change up by 1e16. Values that differ
        # by rounding only (0.1 + 0.2 beside 0.3) are constant too: their variance is within
        # the rounding error of a computed variance, n * eps * (var + n * mean**2 * eps),
        # scikit-learn's bound.
        exact = x.max(axis=0) == x.min(axis=0)
        # in units of a power of two where the squares of x would overflow (or vanish): a
        # feature of 1e200 had var inf, read as constant, and went into a network unscaled
        unit = _binary_unit(x, axis=0)
        mean, var = (x / unit).mean(axis=0), (x / unit).var(axis=0)
        eps, n = np.finfo(float).eps, len(x)
        constant = exact | (var <= n * eps * var + (n * mean * eps) ** 2)
        # [()]: numpy floats after a 1-D fit, as MinMaxScaler's (np.where gives 0-d arrays,
        # which json.dumps and isinstance(..., float) refuse); [F] arrays as they are
        self.mean_ = np.where(exact, x[0], mean * unit)[()]
        self.scale_ = np.where(constant, 1.0, np.sqrt(var) * unit)[()]
        return self

    def transform(self, x: np.ndarray, feature: int | None = None) -> np.ndarray:
        """Standardize ``x``: its last dimension the fitted features (any shape after a fit on
        one feature), or any shape with ``feature``, whose statistics then apply to every
        value. Raises ``ValueError`` for an infinite value, naming the first's position."""
        x, (mean, scale) = self._stats(x, feature, "mean_", "scale_")
        return (self._no_inf(x) - mean) / scale

    def inverse_transform(self, x: np.ndarray, feature: int | None = None) -> np.ndarray:
        """Undo :meth:`transform` (``feature`` as there: ``feature=0`` for a forecast
        ``[N, H]`` of column 0)."""
        x, (mean, scale) = self._stats(x, feature, "mean_", "scale_")
        return self._no_inf(x, "inverse_transform") * scale + mean

    def fit_transform(self, x: np.ndarray, y: object = None) -> np.ndarray:
        """:meth:`fit` on ``x``, then :meth:`transform` it (``y`` ignored, as in :meth:`fit`)."""
        return self.fit(x).transform(x)


class LogTransform:
    """``log(x)`` for strictly positive series (multiplicative trend/seasonality to additive).

    Stateless: nothing to fit. NaN stays NaN; inf is refused, as the scalers refuse it.

    Raises:
        ValueError: from :meth:`transform`, for a value <= 0 or infinite; from
            :meth:`inverse_transform`, for an infinite value or one whose ``exp`` overflows
            (above ``log`` of the largest float, 709.78).

    Example:
        >>> import numpy as np
        >>> LogTransform().inverse_transform(LogTransform().transform(np.array([1.0, 10.0])))
        array([ 1., 10.])
    """

    def transform(self, x: np.ndarray) -> np.ndarray:
        """``log(x)``."""
        x = _numbers(x, "x")
        if np.any(x <= 0):
            raise ValueError(
                f"`x` must be strictly positive for the log transform, got minimum "
                f"{np.nanmin(x):g} (a Forecaster takes transform='none' for such a series)."
            )
        return np.log(_refuse_inf(x, "LogTransform.transform", "x", None))

    def inverse_transform(self, x: np.ndarray) -> np.ndarray:
        """``exp(x)``. A value whose ``exp`` overflows float64 (above 709.78, the log of
        1.8e308) is refused as inf is, with its position: it came out inf with numpy's
        overflow warning, as a scaler's inverse of inf did before it was refused."""
        x = _numbers(x, "x")
        method = "LogTransform.inverse_transform"
        _refuse_inf(x, method, "x", "an infinite log value")
        top = np.log(np.finfo(float).max)
        over = np.argwhere(x > top)
        if len(over):
            where = tuple(int(i) for i in over[0])
            at = f", {'the first at' if len(over) > 1 else 'at'} position {where}" if where else ""
            raise ValueError(
                f"{method} got {len(over)} value{plural_s(len(over))} in `x` above {top:.2f}"
                f"{at} ({x[where]}), whose exp overflows float64 (largest "
                f"{np.finfo(float).max:.3g}): so large a log value is the output of a model "
                "that diverged (refit it, with a lower `lr`), not a value to invert."
            )
        return np.exp(x)

    def __repr__(self) -> str:
        return "LogTransform()"


class SeasonalDifferencer:
    """``z_t = x_t - x_{t-lag}`` (``lag=1``: first differences; ``lag=m``: seasonal).

    The first ``lag`` points have no difference and are dropped by :meth:`transform`.
    :meth:`inverse_transform` needs the last ``lag`` undifferenced values before the forecast.

    Args:
        lag: the step back that is subtracted, a positive integer (12 for the same month a
            year before in monthly data).

    Raises:
        ValueError: for a ``lag`` that is not a positive integer (``0``, ``1.5``); from
            :meth:`transform` and :meth:`inverse_transform`, for an infinite value.
        TypeError: for a ``lag`` that is no number (``"12"``) or a bool.

    Example:
        >>> import numpy as np
        >>> x = np.array([1.0, 2.0, 4.0, 7.0])
        >>> z = SeasonalDifferencer(1).transform(x)
        >>> z.tolist()
        [1.0, 2.0, 3.0]
        >>> SeasonalDifferencer(1).inverse_transform(z, history=x[:1]).tolist()
        [2.0, 4.0, 7.0]
    """

    def __init__(self, lag: int = 1) -> None:
        self.lag = positive_int(lag, "lag")

    def __repr__(self) -> str:
        return f"SeasonalDifferencer(lag={self.lag})"

    def transform(self, x: np.ndarray) -> np.ndarray:
        """The differences of ``x`` (``[T]`` or ``[T, F]``, each column alike): ``T - lag``
        of them."""
        given, x = x, _numbers(x, "x")
        if x.ndim == 0 or len(x) <= self.lag:
            # a series laid along a row was told "got 1" with no word on its shape
            row = (
                f": shape {x.shape}, one time step of {x.shape[1]} features; "
                f"{_as_one_series('x', given, x.shape[1])}"
                if _laid_along_a_row(x.shape)
                else ""
            )
            raise ValueError(
                f"`x` must have more than {self.lag} point{plural_s(self.lag)} to difference with "
                "lag "
                f"{self.lag}, got {len(x) if x.ndim else 'a scalar'}{row}."
            )
        # inf went through as inf (and inf - inf as NaN), where the README says it is refused
        # here as in inverse_transform and LogTransform
        x = _refuse_inf(x, "SeasonalDifferencer.transform", "x", None)
        return x[self.lag :] - x[: -self.lag]

    def _rows_hint(self, shape: tuple[int, ...], history_ndim: int) -> str:
        """How to pass ``z`` of ``shape``, given with a ``[T]`` history: ``[1, H]`` is one
        forecast, ``out[0]``; ``[N, 1]`` and ``[N, H]`` are a network's outputs for ``N``
        windows, which were told ``out[0]`` too: ``N`` forecasts from ``N`` origins, each
        inverted from the values before its own (integrated as one forecast's steps, one-step
        forecasts of first differences were summed into a path)."""
        if history_ndim != 1 or len(shape) != 2 or shape[0] == 1:
            return "for a network's output [1, H], pass out[0]"
        rows, lag = shape[0], self.lag
        # positions in the undifferenced x: a split cut from the differences counts from x[lag]
        positions = f"t their first targets' positions in x (a split part's `t`, plus {lag} "
        positions += "where it was cut from the differences)"
        if shape[1] == 1:
            return (
                f"a column [{rows}, 1], as a network's outputs for {rows} windows of horizon 1 "
                f"are, is {rows} forecasts from the true past, each inverted on the undifferenced "
                f"value `lag` ({lag}) steps before its target, x[t - {lag}] + z[:, 0], "
                f"{positions}, not integrated as one forecast's steps; for one forecast of "
                f"{rows} steps written as a column, pass z[:, 0]"
            )
        return (
            f"{rows} rows, as a network's outputs for {rows} windows are, are {rows} "
            "forecasts: invert each from the undifferenced values before it, "
            f"inverse_transform(z[k], x[: t[k]]), {positions}"
        )

    def inverse_transform(self, z: np.ndarray, history: np.ndarray) -> np.ndarray:
        """Integrate one forecast's differences ``z`` forward from the tail of ``history``.

        Step ``h`` adds ``z[h]`` to the value ``lag`` steps before it: the first ``lag`` steps
        are anchored on the last observed values, later ones on the forecast itself.

        Args:
            z: ``[H]`` differences (or ``[H, F]``, one column per feature of a ``[T, F]``
                history; ``[H]`` with a ``[T, 1]`` history counts as ``[H, 1]``): a network's
                ``[1, H]`` output is ``out[0]``; its outputs for ``N`` windows (``[N, 1]``,
                ``[N, H]``) are ``N`` forecasts of their own origins, refused with how to
                invert them (one-step ones: ``x[t - lag] + z[:, 0]``).
            history: ``[T]`` (or ``[T, F]``) undifferenced values before the forecast, at least
                ``lag`` of them.

        Returns:
            ``[H]`` (or ``[H, F]``, and ``[H, 1]`` for a ``[T, 1]`` history) values.

        Raises:
            ValueError: for a ``history`` shorter than ``lag``, or a ``z`` whose shape does not
                follow ``history``'s (``[H]`` for ``[T]``).
        """
        z = _numbers(z, "z")
        past = _numbers(history, "history")
        if z.ndim == 1 and past.ndim == 2 and past.shape[1] == 1:
            z = z[:, None]  # one feature's column, df[["y"]]: [H, 1] as before
        if past.ndim == 0 or z.ndim == 0 or z.shape[1:] != past.shape[1:]:
            raise ValueError(
                f"`z` must be one forecast's differences, [H] for a [T] `history` (or [H, F] "
                f"for [T, F]), got `z` of shape {z.shape} and `history` of shape "
                f"{past.shape}; {self._rows_hint(z.shape, past.ndim)}."
            )
        if len(past) < self.lag:
            # "needs at least 12 values" did not say that the 12 is `lag`
            raise ValueError(
                f"`history` must hold at least `lag` ({self.lag}) values, the last ones before "
                f"the forecast, got {len(past)}."
            )
        # inf went through as inf (and inf - inf as NaN), where the scalers refuse it; in
        # `history` only where it is read, its last `lag` rows: the whole series passed as
        # history with an inf long before (inverted right before) was refused
        method = "SeasonalDifferencer.inverse_transform"
        _refuse_inf(z, method, "z", "an infinite difference")
        tail = len(past) - self.lag
        _refuse_inf(past[tail:], method, "history", None, start=tail)
        return self._integrate(z, past)

    def _integrate(self, z: np.ndarray, past: np.ndarray) -> np.ndarray:
        """:meth:`inverse_transform`'s sums, unchecked: a Forecaster's own differences and
        history, which it checked as data."""
        hist = list(past[-self.lag :])
        out = []
        for step in z:
            value = step + hist[-self.lag]
            hist.append(value)
            out.append(value)
        return np.asarray(out, dtype=float).reshape(z.shape)

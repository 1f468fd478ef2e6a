"""Forecast error metrics in original units (numpy, ``y_true`` first, as in scikit-learn).

Definitions (``e_t = y_t - ŷ_t`` over the ``n`` forecast points):

- RMSE = sqrt(mean(e²)); MAE = mean(|e|);
- MAPE = 100 · mean(|e| / |y|) (percent; undefined when some ``y == 0``);
- sMAPE = 100 · mean(2|e| / (|y| + |ŷ|)) (percent, in [0, 200]; terms with ``y = ŷ = 0`` count 0);
- MASE = MAE / mean(|y_t - y_{t-m}|) over the *training* series (Hyndman & Koehler 2006), with
  ``m`` the seasonal period (1 for none): below 1 beats the in-sample seasonal naive forecast.

Missing values are not skipped: NaN anywhere in ``y_true`` or ``y_pred`` (or, for MASE, in
``y_train``; ``None``, ``pd.NA`` and a masked array's masked values count as NaN) makes every
metric NaN, as does an undefined one (MAPE with a zero truth, MASE with a constant training
series). Only sMAPE's ``0/0`` terms (``y = ŷ = 0``, a perfect forecast) count 0. NaT, a
missing date or duration, is refused: values beside it are no numbers. Periods are refused with
the code that gives their dates.

``y_true`` and ``y_pred`` must have the same shape (a column ``[n, 1]``, such as a one-column
DataFrame, counts as ``[n]``); the metrics are taken over all their points. Points are matched by
position, so two pandas objects must have the same index: align them first (``y_pred.reindex(
y_true.index)`` where they hold the same labels in another order, ``y_true.loc[common]`` and
``y_pred.loc[common]`` with ``common = y_true.index.intersection(y_pred.index)`` where they share
some; ``y_true[keep]`` and ``y_pred.reindex(y_true.index[keep])`` with ``keep =
y_true.index.isin(y_pred.index)`` where ``y_true`` repeats a label they share), or pass
``.to_numpy()`` to pair them by position on purpose; two DataFrames of the same column names must
have them in the same order (``y_pred[y_true.columns]``).

Example:
    >>> import numpy as np
    >>> from lstmkit.metrics import rmse, mase
    >>> float(rmse(np.array([1.0, 2.0]), np.array([1.0, 4.0])))
    1.4142135623730951
    >>> float(mase([3.0], [4.0], y_train=[1.0, 2.0, 3.0], m=1))
    1.0
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from lstmkit._checks import (
    MAX_COUNT,
    _not_positive,
    as_int,
    plain_repr,
    python_scalar,
    text_refusal,
)
from lstmkit._lazy import public_dir

__all__ = ["METRICS", "evaluate", "mae", "mape", "mase", "rmse", "smape"]
__dir__ = public_dir(globals())

# a declared alias: mypy reads an undeclared one as no type at all where pandas has no stubs
ArrayLike: TypeAlias = np.ndarray | pd.Series | pd.DataFrame | Sequence[float]


def _label(x: Any) -> Any:
    """An index label as the user wrote it: numpy scalars as Python's, a MultiIndex's tuple's
    too (``(1, 'b')``, which messages wrote ``(np.int64(1), 'b')``)."""
    return tuple(_label(v) for v in x) if isinstance(x, tuple) else python_scalar(x)


def _column_as_vector(a: np.ndarray) -> np.ndarray:
    """``[n, 1]`` as ``[n]``: a one-column DataFrame or column vector is one series."""
    return a[:, 0] if a.ndim == 2 and a.shape[1] == 1 else a


def _pair(y_true: ArrayLike, y_pred: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    t = _scored(y_true, "y_true")
    p = _scored(y_pred, "y_pred")
    if _column_as_vector(t).shape != _column_as_vector(p).shape:
        raise ValueError(
            f"`y_true` and `y_pred` must have the same shape (a column [n, 1] counts as [n]), "
            f"got {t.shape} and {p.shape}{_shape_hint(y_true, y_pred)}."
        )
    if t.size == 0:
        raise ValueError("`y_true` must not be empty.")
    pandas = (pd.Series, pd.DataFrame)
    if isinstance(y_true, pandas) and isinstance(y_pred, pandas):
        a, b = y_true.index, y_pred.index
        if not a.equals(b):
            # The first label that differs (a Python loop: labels of any two kinds compare).
            i = next((i for i, (x, y) in enumerate(zip(a, b, strict=True)) if _differ(x, y)), 0)
            raise ValueError(
                "`y_true` and `y_pred` must have the same index (points are matched by "
                f"position), got indexes that differ at position {i}: {_label(a[i])!r} and "
                f"{_label(b[i])!r}; {_align_hint(a, b)}."
            )
    if isinstance(y_true, pd.DataFrame) and isinstance(y_pred, pd.DataFrame):
        _check_column_order(y_true.columns, y_pred.columns)
    return t.ravel(), p.ravel()


def _found_in(a: pd.Index, b: pd.Index) -> np.ndarray:
    """Which of ``a``'s labels ``b`` holds: none where pandas cannot look them up there (a
    MultiIndex beside a flat one, text beside periods: pyarrow's ArrowInvalid), which failed
    in pandas' words ("MultiIndex.isin expects an iterable of tuples")."""
    try:
        return a.isin(b)
    except (TypeError, ValueError, NotImplementedError):
        return np.zeros(len(a), dtype=bool)


def _kind(index: pd.Index) -> str:
    """What an index's labels are, in the words of the refusal's "share no label": it said
    "other times, or positions beside times" for text dates beside dates, and for times with
    a time zone beside times without one."""
    if isinstance(index, pd.DatetimeIndex):
        return "times" if index.tz is None else f"times in {index.tz}"
    if isinstance(index, pd.PeriodIndex):
        return "periods"
    if isinstance(index, pd.MultiIndex):
        return "tuples"
    kinds = {"integer": "positions", "floating": "numbers", "string": "text labels"}
    return kinds.get(index.inferred_type, "labels")


def _align_hint(a: pd.Index, b: pd.Index) -> str:
    """What to do with two indexes of one length that differ: reorder ``y_pred`` where they hold
    the same labels, else select the labels they share (reindexing, the advice for both, left
    NaN at ``y_true``'s labels that ``y_pred`` lacks, and NaN scores NaN); pairing by position
    where ``y_pred``'s labels repeat, which reindex refuses."""
    by_position = "pass `.to_numpy()` to pair them by position"
    if not b.is_unique:
        # reindex refuses it ("cannot reindex on an axis with duplicate labels")
        repeated = _label(b[b.duplicated()][0])
        return (
            f"`y_pred`'s index repeats {repeated!r}, which `y_pred.reindex(y_true.index)` "
            f"refuses: {by_position}"
        )
    found = _found_in(a, b)
    shared = int(found.sum())
    if shared == len(a):
        return f"align them first (`y_pred.reindex(y_true.index)`) or {by_position}"
    if shared == 0:
        kinds = (_kind(a), _kind(b))
        why = f"other {kinds[0]}" if kinds[0] == kinds[1] else " beside ".join(kinds)
        return f"they share no label ({why}): {by_position} where the points belong together"
    share = f"they share {shared} of their {len(a)} labels, and `y_pred.reindex(y_true.index)` "
    share += "would leave NaN (which scores NaN) at the others"
    # a shared label that y_true repeats: .loc[common] selects it as often as each index holds
    # it, two selections of different lengths (y_pred's labels are unique here)
    if (repeats := a[found & a.duplicated(keep=False)]).size:
        times = sum(not _differ(x, repeats[0]) for x in a)
        return (
            f"{share}, and `y_true`'s index repeats {_label(repeats[0])!r}, one of them, which "
            f"y_true.loc[common] would select {times} times and y_pred.loc[common] once: score "
            "the shared points, keep = y_true.index.isin(y_pred.index), then y_true[keep] and "
            f"y_pred.reindex(y_true.index[keep]), or {by_position}"
        )
    return (
        f"{share}: score the shared ones, common = y_true.index.intersection(y_pred.index), "
        f"then y_true.loc[common] and y_pred.loc[common], or {by_position}"
    )


def _check_column_order(a: pd.Index, b: pd.Index) -> None:
    """Refuse two DataFrames' columns that are the same names in another order: scored by
    position, column ``a[0]`` of the truth was paired with another one's forecast."""
    if len(a) > 1 and not a.equals(b) and a.is_unique and set(a) == set(b):
        names, others = [_label(c) for c in a], [_label(c) for c in b]
        raise ValueError(
            "`y_true` and `y_pred` must have their columns in the same order (points are "
            f"matched by position), got {names} and {others}; reorder them first "
            "(`y_pred[y_true.columns]`)."
        )


def _darts_hint(given: Any, name: str) -> str | None:
    """For a Darts ``TimeSeries`` given as ``name`` (a pipeline moved from Darts passes its
    own objects; they were told "got TimeSeries", nothing of how to pass it): what it is and
    the pandas object to pass instead; None for anything else.

    Example:
        >>> _darts_hint([1.0], "y_true") is None
        True
    """
    kind = type(given)
    if kind.__name__ != "TimeSeries" or kind.__module__.partition(".")[0] != "darts":
        return None
    return (
        f"a Darts TimeSeries; pass its pandas form, {name}.to_series() (one component) or "
        f"{name}.to_dataframe() (several, as columns), pd_series() and pd_dataframe() before "
        "Darts 0.34"
    )


def _scored(given: Any, name: str) -> np.ndarray:
    """``given`` as :func:`_floats` reads it, for a metric: text that reads as numbers is
    refused too, with its conversion (``rmse(['1', '2'], [1, 2])`` was 0.0 where ``['a',
    'b']`` was refused). The baselines, fit, predict and backtest refuse it alike."""
    if hint := _darts_hint(given, name):
        raise TypeError(
            f"`{name}` must be an array of numbers (numpy, pandas, a list or a tensor), got {hint}."
        )
    values = _floats(given, name)
    text = _first_text(given)
    if text is not None:
        raise _number_text_refusal(given, name, text)
    return values


def _first_text(given: Any) -> str | bytes | None:
    """The first text value in ``given`` (a scalar, list, tuple, numpy array or pandas
    object), or None where it holds none; a dtype of numbers is not looked through."""
    if isinstance(given, str | bytes):
        return given
    if isinstance(given, pd.DataFrame):
        columns = (given.iloc[:, i] for i in range(given.shape[1]))
        return next((t for c in columns if (t := _first_text(c)) is not None), None)
    if isinstance(given, pd.Series | pd.Index):
        if pd.api.types.is_numeric_dtype(given.dtype):
            return None
        values = given.to_numpy(dtype=object)
    elif isinstance(given, list | tuple | np.ndarray):
        try:  # a list's own values: numpy reads [1.0, '2'] as the text ['1.0', '2']
            values = np.asarray(given, dtype=object if isinstance(given, list | tuple) else None)
        except (TypeError, ValueError, RuntimeError):
            return None
        if values.dtype.kind not in "USO":
            return None
    else:
        return None
    first = next((v for v in values.ravel() if isinstance(v, str | bytes)), None)
    # numpy's np.str_('1') as the '1' it is
    return first if first is None else (str(first) if isinstance(first, str) else bytes(first))


def _number_text_refusal(given: Any, name: str, text: str | bytes) -> ValueError:
    """The refusal of ``given``, the argument ``name``, holding number-like ``text`` (its
    first), with the code that converts it: the metrics' and fit's, predict's and backtest's
    (:func:`lstmkit.data`'s frames) alike."""
    return ValueError(
        f"`{name}` must hold numbers, got text (first {text!r}); convert it first: "
        f"{_to_numbers(given, name)}."
    )


def _to_numbers(given: Any, name: str) -> str:
    """The code that reads ``given``'s number-like text as numbers, for its refusal."""
    if isinstance(given, str | bytes):
        return f"float({name})"
    if isinstance(given, pd.DataFrame):
        return f"{name}.apply(pd.to_numeric)"
    if isinstance(given, np.ndarray) and given.ndim > 1:
        return f"{name}.astype(float)"
    return f"pd.to_numeric({name})"


def _floats(given: Any, name: str) -> np.ndarray:
    """``given`` as a float array; where numpy cannot read it, read as the scalers read theirs
    (a bfloat16 tensor, which numpy lacks, widened) or refused naming ``name``: a network's
    output outside ``torch.no_grad()`` met torch's bare "Can't call numpy() on Tensor that
    requires grad", text numpy's "could not convert string to float"."""
    # dates: numpy read them as time since 1970, as nanoseconds; a masked array: numpy read
    # its hidden values, which are missing (NaN) here
    if _dates_or_durations(given) or isinstance(given, np.ma.MaskedArray):
        return _checked_numbers(given, name)
    try:
        complex_values = np.iscomplexobj(given)
        values = None if complex_values else np.asarray(given, dtype=float)
    except (TypeError, ValueError, RuntimeError):
        return _checked_numbers(given, name)
    if values is None:  # numpy would drop the imaginary part, with a warning
        raise TypeError(f"`{name}` must hold real numbers, got complex values.")
    return values


def _checked_numbers(given: Any, name: str) -> np.ndarray:
    """``given`` read as a series' values are read for a forecast, or refused naming ``name``
    (dates, durations, text, a dict or a set)."""
    from lstmkit.data import _numbers  # only here: the metrics need none of its imports

    return _numbers(given, name)


def _dates_or_durations(given: Any) -> bool:
    """Whether ``given`` (numpy, pandas) holds dates or durations, which numpy reads as
    numbers (a column of dates scored as nanoseconds since 1970); a list of numpy's too, and
    one of objects may (numpy's dates beside None were scored as days since 1970), which
    :func:`lstmkit.data._numbers` sorts out."""
    if isinstance(given, list | tuple):
        try:
            given = np.asarray(given)
        except (TypeError, ValueError, RuntimeError):  # ragged, grad: refused in _floats
            return False
        if given.dtype == object:
            return True
    dtypes = given.dtypes if isinstance(given, pd.DataFrame) else [getattr(given, "dtype", None)]
    return any(getattr(dtype, "kind", None) in ("M", "m") for dtype in dtypes)


def _shape_hint(y_true: Any, y_pred: Any) -> str:
    """For two pandas objects of different shapes: the forecast column of a ``predict`` frame,
    or the selection that scores the points both have (where one index holds the other's)."""

    def forecast(given: Any) -> bool:
        return (
            isinstance(given, pd.DataFrame) and "forecast" in given.columns and given.shape[1] > 1
        )

    for name, given in (("y_pred", y_pred), ("y_true", y_true)):
        if forecast(given):
            columns = [str(c) for c in given.columns]
            if name == "y_true" and not forecast(y_pred):
                # the truth after predict's frame: told to pass y_true['forecast'] where it
                # stood, MAPE and MASE would divide by the forecast, not the truth
                return (
                    f"; `y_true` is a forecast, a DataFrame of columns {columns}: the truth "
                    "comes first (MAPE and MASE divide by it), so pass (y_pred, "
                    "y_true['forecast'])"
                )
            return (
                f"; `{name}` is a DataFrame of columns {columns}: pass its forecast, "
                f"{name}['forecast']"
            )
    pandas = (pd.Series, pd.DataFrame)
    if not (isinstance(y_true, pandas) and isinstance(y_pred, pandas)):
        return ""
    for inner, outer in (("y_pred", "y_true"), ("y_true", "y_pred")):
        a, b = (y_pred.index, y_true.index) if inner == "y_pred" else (y_true.index, y_pred.index)
        if len(a) < len(b) and b.is_unique and _found_in(a, b).all():
            return (
                f"; the {len(a)} points of `{inner}` are all in `{outer}`'s index: score them "
                f"there, {outer}.loc[{inner}.index] (nothing is aligned for you)"
            )
    return ""


def _differ(x: Any, y: Any) -> bool:
    """Whether two index labels differ (two missing labels do not)."""
    if pd.isna(x) and pd.isna(y):
        return False
    return bool(x != y)


def _duration_hint(value: object) -> str:
    """For a ``horizon`` or ``m`` written as a duration (``"3m"``, ``"1y"``): that it counts
    the data's own steps, as ``predict`` and ``backtest`` tell it (``naive(y, "3m")`` and
    ``mase(..., m="1y")`` were told "must be ..., got '3m'" alone); else ``""``."""
    from lstmkit._forecast_config import duration_said

    return duration_said(value)


def _period(m: Any) -> int:
    """The seasonal period ``m`` as an ``int`` >= 1; integral floats (``12.0``) and numpy
    numbers are accepted; text (``"12"``) is told the number it reads as, as the configs tell
    it, a duration (``"1y"``) that it counts the data's steps (``mase`` and ``seasonal_naive``
    alike), and a period past torch's int64 is refused as every count is (``m=1e30`` was
    taken)."""
    # numpy registers a timedelta64 as a number: float() of one in days failed in isfinite
    if isinstance(m, bool | np.timedelta64) or not isinstance(m, numbers.Real):
        message = (
            f"`m` must be an integer (the seasonal period), got {plain_repr(m)}{_duration_hint(m)}."
        )
        if isinstance(m, str | bytes):  # a TypeError too, told whether its number is refused
            raise text_refusal(message, {"m": m}, _not_positive)
        raise TypeError(message)
    # an int is judged as one: float(10**400) overflowed ("int too large to convert to float")
    period = as_int(m)
    if period is None and math.isfinite(m) and float(m).is_integer():
        period = int(m)  # 12.0
    if period is not None and period > MAX_COUNT:
        raise ValueError(
            "`m` must be an integer of magnitude at most 2**63-1 (torch's int64), got "
            f"{plain_repr(m, True)}."
        )
    if period is None or period < 1:
        raise ValueError(
            f"`m` must be an integer >= 1 (the seasonal period), got {plain_repr(m, True)}."
        )
    return period


def rmse(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Root mean squared error.

    Raises:
        TypeError: for complex values, durations, or a type that is no array (a dict, a set).
        ValueError: for ``y_true`` and ``y_pred`` of different shapes (a column ``[n, 1]``
            counts as ``[n]``), empty ones, two pandas objects with different indexes, dates,
            or values numpy cannot read as floats (text, even text of numbers, ``['1']``:
            ``pd.to_numeric`` it; a tensor that requires grad, a network's output outside
            ``torch.no_grad()``: ``.detach()`` it), naming the argument.
    """
    t, p = _pair(y_true, y_pred)
    d = t - p
    big = float(np.max(np.abs(d))) if d.size else 0.0
    if math.isfinite(big) and (big > 2.0**400 or 0 < big < 2.0**-400):
        # squares past 1e154 overflow to inf, those below 1e-162 vanish (an RMSE of 0 for a
        # tiny series' forecast that is off): square them in units of a power of two, which
        # divides and multiplies exactly (the RMSE of d * 2**k is that of d times 2**k)
        unit = math.ldexp(1.0, math.frexp(big)[1] - 1)
        return unit * float(np.sqrt(np.mean((d / unit) ** 2)))
    return float(np.sqrt(np.mean(d**2)))


def mae(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean absolute error.

    Raises:
        TypeError: for complex values, durations, or a type that is no array (a dict, a set).
        ValueError: for ``y_true`` and ``y_pred`` of different shapes (a column ``[n, 1]``
            counts as ``[n]``), empty ones, two pandas objects with different indexes, or dates.
    """
    t, p = _pair(y_true, y_pred)
    return float(np.mean(np.abs(t - p)))


def mape(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Mean absolute percentage error, in percent; ``nan`` if some ``y_true`` is 0.

    Raises:
        TypeError: for complex values, durations, or a type that is no array (a dict, a set).
        ValueError: for ``y_true`` and ``y_pred`` of different shapes (a column ``[n, 1]``
            counts as ``[n]``), empty ones, two pandas objects with different indexes, or dates.
    """
    t, p = _pair(y_true, y_pred)
    if np.any(t == 0):
        return float("nan")
    return float(100.0 * np.mean(np.abs(t - p) / np.abs(t)))


def smape(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Symmetric MAPE in percent (0 to 200); terms with ``y = ŷ = 0`` count 0, NaN propagates.

    Raises:
        TypeError: for complex values, durations, or a type that is no array (a dict, a set).
        ValueError: for ``y_true`` and ``y_pred`` of different shapes (a column ``[n, 1]``
            counts as ``[n]``), empty ones, two pandas objects with different indexes, or dates.
    """
    t, p = _pair(y_true, y_pred)
    den = np.abs(t) + np.abs(p)
    # Only the 0/0 terms are set to 0; `den != 0` holds for NaN, which so reaches the mean.
    ratio = np.divide(2.0 * np.abs(t - p), den, out=np.zeros_like(den), where=den != 0)
    return float(100.0 * np.mean(ratio))


def mase(y_true: ArrayLike, y_pred: ArrayLike, y_train: ArrayLike, m: int = 1) -> float:
    """Mean absolute scaled error against the in-sample seasonal naive forecast of period ``m``.

    ``nan`` where that forecast is exact on ``y_train`` (a constant series, or one that repeats
    each season up to rounding: its errors within a few ulps of the series' values), as for
    MAPE with a zero truth: the ratio has nothing to scale by.

    ``m`` may be any integer, numpy's too, or an integral float such as ``12.0``.

    ``y_train`` of shape ``[n, k]`` holds ``k`` series side by side, for ``y_true`` and
    ``y_pred`` of ``k`` columns: each series is scaled by its own seasonal naive forecast, and
    the result is the mean of their MASEs (NaN if one is).

    Raises:
        TypeError: if ``m`` is not a number, or ``y_train`` holds complex values or
            durations or is no array (and as :func:`rmse` for ``y_true`` and ``y_pred``).
        ValueError: if ``m`` is not an integer >= 1, ``y_train`` has ``m`` points or fewer,
            or has several columns where ``y_true`` has another number of them, or holds
            dates or values numpy cannot read as floats (and as :func:`rmse` for ``y_true``
            and ``y_pred``).
    """
    t, p = _pair(y_true, y_pred)
    train = _column_as_vector(np.atleast_1d(_scored(y_train, "y_train")))
    m = _period(m)
    if train.ndim > 2:
        raise ValueError(
            f"`y_train` must be one series [n] or series side by side [n, k], got shape "
            f"{train.shape}."
        )
    if train.ndim == 1:
        return _scaled(np.abs(t - p), train, m)
    # k series side by side, each scaled by its own seasonal naive: raveled row by row, the
    # differences at lag m mixed the series (a training frame's target with its covariates)
    k = train.shape[1]
    shape = _column_as_vector(_floats(y_true, "y_true")).shape  # (its text refused by _pair)
    if len(shape) != 2 or shape[1] != k:
        raise ValueError(
            f"`y_train` of shape {train.shape} holds {k} series side by side, so `y_true` and "
            f"`y_pred` must have {k} columns, one per series, got shape {shape}; for one "
            "series, pass its column alone (the target's, not the covariates')."
        )
    errors = np.abs(t - p).reshape(shape)
    # the mean of the series' MASEs; one undefined (NaN) makes it undefined, as NaN does
    return float(np.mean([_scaled(errors[:, j], train[:, j], m) for j in range(k)]))


def _scaled(errors: np.ndarray, train: np.ndarray, m: int) -> float:
    """The mean of ``errors`` (absolute) over the in-sample seasonal naive's on one series."""
    if train.size <= m:
        raise ValueError(f"`y_train` must have more than m={m} points, got {train.size}.")
    scale = float(np.mean(np.abs(train[m:] - train[:-m])))
    # A series that repeats itself but for rounding (a sine sampled at its period) has a scale
    # of an ulp or two, not 0: MASE came out 1.6e12 for a forecast off by 0.01. Within a few
    # ulps of the series' largest value, the seasonal naive is exact, as for a constant.
    if scale <= 4 * np.finfo(float).eps * float(np.max(np.abs(train))):
        return float("nan")
    return float(np.mean(errors) / scale)


METRICS = ("rmse", "mae", "mape", "smape", "mase")


def evaluate(
    y_true: ArrayLike, y_pred: ArrayLike, y_train: ArrayLike, m: int = 1
) -> dict[str, float]:
    """All five metrics as a dict with keys ``rmse, mae, mape, smape, mase`` (in that order).

    ``y_train`` (the series before ``y_true``) and its season ``m`` scale the MASE, with
    :func:`mase`'s checks.

    Raises:
        TypeError, ValueError: as :func:`mase`.
    """
    return {
        "rmse": rmse(y_true, y_pred),
        "mae": mae(y_true, y_pred),
        "mape": mape(y_true, y_pred),
        "smape": smape(y_true, y_pred),
        "mase": mase(y_true, y_pred, y_train, m),
    }

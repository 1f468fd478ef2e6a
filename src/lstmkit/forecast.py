"""Forecasting with recurrent encoders: :class:`Forecaster` (fit, predict, backtest, save, load).

Pipeline (each step fitted on training data only, each inverted before any error is computed):

1. ``transform``: ``log`` for strictly positive series (multiplicative trend and seasonality
   become additive), else identity. Call the result ``t``.
2. ``difference``: optional (seasonal) differencing ``d_t = t_t - t_{t-lag}``.
3. scaling: ``"window"`` subtracts from every input window the mean of its last season (its
   *level*) and divides by a global scale, so the network sees shapes, not levels, and can
   extrapolate a trend; ``"standard"``/``"minmax"`` use one global scaler.
4. inputs per time step, ``[B, L, F]`` batch-first: column 0 the scaled target, then the scaled
   covariates (in the order given; the future covariates' past values after the others), then
   ``sin``/``cos`` of the position in the season
   (month-of-year for monthly data) when ``calendar`` is on, and for hourly or minute data
   whose season is the day the day of the week too (:func:`lstmkit.data.calendar_inputs`).
5. targets: the future ``d`` values minus an *anchor*, in the same scale, so the network learns
   the residual (growth, changes of shape). ``anchor="smooth"`` (default, seasonal series)
   anchors step ``h`` at a smoothed seasonal-naive forecast: the last season's mean plus the
   window's seasonal shape, averaged over its seasons with weight 1/2 per season back;
   ``anchor="season"`` at the plain seasonal-naive forecast (the value one season before, from
   the last season of the window); ``anchor="level"`` at the window's level. An output of 0
   forecasts the anchor.
6. network: ``encoder`` (lstmkit LSTM/GRU, batch-first) and ``head`` (``nn.Linear``). The
   ``direct`` strategy maps the encoder's final state to all ``H`` steps at once; ``recursive``
   predicts one step and feeds it back; ``seq2seq`` runs a ``decoder`` RNN over the future
   steps (inputs: a constant, their calendar features and their future covariates) from the
   encoder's state, so the output length is free. Future covariates (known in advance: a
   holiday flag, a planned price) act on a ``direct`` forecast through one weight per step and
   covariate beside the head (:class:`ForecastNet`'s ``future_size``).
7. an ensemble of ``ensemble`` members with seeds ``seed, seed + 1, ...`` averaged in ``t``-space,
   and split-conformal prediction intervals from the members' errors on the time-ordered
   validation windows (per horizon step, in ``t``-space).

Example:
    >>> from lstmkit.data import load_dataset
    >>> from lstmkit.forecast import Forecaster, ForecasterConfig
    >>> y = load_dataset("airline")
    >>> fc = Forecaster(ForecasterConfig(horizon=12, ensemble=1, epochs=5)).fit(y[:-12])
    >>> fc.predict(12).shape
    (12, 3)
"""

from __future__ import annotations

import calendar
import contextlib
import functools
import inspect
import itertools
import logging
import math
import os
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, ParamSpec, Self, TypeVar, Unpack

import numpy as np
import pandas as pd
import torch
from torch import nn

from lstmkit import _memory, io
from lstmkit import data as D
from lstmkit._checks import (
    ConfigTypeError,
    TextForNumberError,
    _is_number,
    _no_number,
    and_list,
    and_more,
    as_bool,
    as_int,
    exact_number,
    figure_size,
    forecaster_networks,
    is_level,
    level_percent,
    level_problem,
    levels_problem,
    plain_repr,
    plural_s,
    positive_int,
    progress_bar,
    shown_names,
    text_refusal,
    their_arguments,
    typed_repr,
    value_repr,
    warn_user,
)
from lstmkit._device import (
    check_device,
    doing,
    no_default_device,
    same_device,
    usable_device,
)
from lstmkit._figures import (
    drawable_title,
    figure_file,
    new_figure,
    save_figure,
    title_and_name,
    value_axis,
)
from lstmkit._forecast_config import (
    _FILL,
    _FILL_CALL,
    AUTO_WINDOWS_PER_EPOCH,
    DEFAULT_LOOKBACK_SAID,
    MIN_IMPROVEMENT,
    ForecasterConfig,
    ForecasterOptions,
    refuse_unknown_keywords,
    steps_count,
)
from lstmkit._forecast_members import (  # the network and a member's training, without pandas
    ForecastNet,
    _build_net,
    _member_from_worker,
    _MemberData,
    _train_member,
    _train_member_in_worker,
)
from lstmkit._forecast_members import (
    make_rnn as make_rnn,  # public here, as before
)
from lstmkit._lazy import public_dir
from lstmkit._pool import _threads, kept_workers, run_in_processes
from lstmkit._remedies import cli_command, remedy, said_to_caller
from lstmkit.backtest import (
    BacktestResult,
    _check_context,
    _check_switches,
    _date_axis,
    _draw_forecast,
    _first_scored,
    _index_before,
    _label_positions,
    _last_origin_problem,
    rolling_origin,
)
from lstmkit.metrics import _darts_hint
from lstmkit.train import (
    History,
    _model_device,
    draw_histories,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

logger = logging.getLogger(__name__)

__all__ = [
    "AUTO_WINDOWS_PER_EPOCH",
    "MIN_IMPROVEMENT",
    "BacktestResult",
    "ForecastNet",
    "Forecaster",
    "ForecasterConfig",
    "NotFittedError",
    "make_rnn",
    "plot_forecast",
    "smoothed_season",
]
__dir__ = public_dir(globals())


# ForecasterConfig fields that only a fit reads (how to train), and those of how a fitted model
# runs: both may change on a fitted Forecaster, for its next fit. Any other field describes the
# fitted model (see Forecaster._check_config).
_TRAINING = (
    "dropout", "val_size", "epochs", "lr", "batch_size", "patience", "weight_decay",
    "early_stopping", "windows_per_epoch", "refit", "seed",
)  # fmt: skip
_RUNTIME = ("progress", "num_threads", "jobs")
_NEXT_FIT_ONLY = frozenset(_TRAINING + _RUNTIME)


class NotFittedError(RuntimeError):
    """Raised when a model is used before ``fit``."""


# --------------------------------------------------------------------------------------------
# The estimator
# --------------------------------------------------------------------------------------------


def smoothed_season(values: np.ndarray, m: int) -> np.ndarray:
    """The next season as ``anchor="smooth"`` forecasts it from ``values`` (length ``>= m``).

    The last complete season's mean plus the seasonal shape of the ``k = len(values) // m``
    complete seasons at the end, ``S_1 .. S_k`` (oldest first), each taken around its own mean
    and weighted by 1/2 per season back: ``P_1 = S_1 - mean(S_1)``,
    ``P_j = (S_j - mean(S_j) + P_{j-1}) / 2``. With one season it is that season (seasonal naive).

    Raises:
        ValueError: for an ``m`` that is not a positive integer, or ``values`` that are not
            1-D or hold less than one season.

    Example:
        >>> smoothed_season(np.array([1.0, 2.0, 3.0, 5.0, 6.0, 10.0]), 3).tolist()
        [5.5, 6.5, 9.0]
    """
    m = positive_int(m, "m")
    shape = np.shape(values)
    if len(shape) != 1 or shape[0] < m:
        raise ValueError(
            f"`values` must be 1-D with at least one season (m={m} points), got shape {shape}."
        )
    return _smoothed_seasons(np.asarray(values, dtype=float)[None], m)[0]


def _reads_a_season(anchor: str, m: int, lookback: int) -> bool | None:
    """Whether the anchor ``anchor`` reads a season of ``m`` steps from a window of
    ``lookback``: True for "season" or "smooth" with ``m > 1`` and a window of at least one
    season; False where they fall back to the window's level, the window shorter than one
    season (what ``fit`` logs); None for the level anchor or a series without a season."""
    if anchor not in ("season", "smooth") or m <= 1:
        return None
    return lookback >= m


def _smoothed_seasons(windows: np.ndarray, m: int) -> np.ndarray:
    """:func:`smoothed_season` of each row of ``windows`` (``[N, W]``, ``W >= m``): ``[N, m]``.

    Row by row the same numbers, bit for bit, as one window at a time: each season's mean is
    numpy's sum along a contiguous row, whatever ``N``.
    """
    n, width = windows.shape
    k = width // m
    seasons = np.ascontiguousarray(windows[:, width - k * m :]).reshape(n, k, m)
    means = seasons.mean(axis=2, keepdims=True)  # [N, k, 1]
    shape = seasons[:, 0] - means[:, 0]
    for j in range(1, k):
        shape = 0.5 * (seasons[:, j] - means[:, j]) + 0.5 * shape
    return means[:, -1] + shape


def _window_levels(windows: np.ndarray, m: int) -> np.ndarray:
    """The level of each window (``[N, L]`` → ``[N]``) for ``scaling="window"``: the mean of
    its last season, or of the whole window when ``m == 1`` or the window is shorter. Row by
    row the same numbers, bit for bit, whatever ``N``: each is numpy's sum along a contiguous
    row."""
    part = windows[:, -m:] if m > 1 else windows
    return np.ascontiguousarray(part).mean(axis=1)


def _scale_floor(values: np.ndarray) -> float:
    """The smallest scale for ``values``: a spread below it is rounding, not signal.

    A series that does not change (a constant, or one whose changes are below float precision
    at its magnitude) has a spread of about 0. Its scale is then this floor, relative to its
    magnitude (1e-12 of its largest value, or 1e-12 for zeros), so the network's small output
    for it is a change of about nothing: a fixed scale of 1 made it a change of about 0.05 in
    the series' units (log units with the log transform), which is all of a series of
    ``1e-10 * x`` and 5% of a constant one.
    """
    return 1e-12 * (float(np.max(np.abs(values))) or 1.0)


def _a_number(value: object) -> bool:
    """Whether ``value`` is one number, Python's or numpy's (``np.int64(-36)`` from arithmetic
    on an index), given where data goes (not a bool, not an array)."""
    return _is_number(value) or isinstance(value, np.integer | np.floating)


_OFFSET = re.compile(r"[+-]\d\d:\d\d$")
_KIND = "lstmkit.Forecaster"  # config.json's "kind": what load reads and save overwrites
# the calendar inputs' names (:meth:`Forecaster._calendar`)
_CALENDAR = ("season sin", "season cos", "weekday sin", "weekday cos")
_FUTURE = "fut:"  # the prefix of the future covariates' columns (``cov:`` the past ones')


def _magnitude_problem(y: np.ndarray, lookback: int, horizon: int, lag: int) -> str | None:
    """What is wrong with values ``y`` too large for a model without the log transform, without
    a closing full stop, or ``None``.

    A window's level, its seasons and the anchors are sums of up to ``lookback + horizon``
    values (differences with ``lag``): past the bound they overflowed to inf, so training
    stopped on a NaN loss advising a lower learning rate, and a forecast came out inf or NaN.
    (The log transform keeps every value below 710.)
    """
    with np.errstate(over="ignore"):  # a difference past the largest float is refused too
        d = y[lag:] - y[:-lag] if lag else y
    largest, limit = float(np.max(np.abs(d))), np.finfo(float).max / (4 * (lookback + horizon))
    if largest <= limit:
        return None
    return (
        f"`series` values must be at most {limit:.3g} in magnitude without the log transform "
        f"(sums over a window of lookback ({lookback}) + horizon ({horizon}) points must stay "
        f"below the largest float, {np.finfo(float).max:.3g}), got "
        f"{'differences' if lag else 'values'} of {largest:.3g}; divide the series by a power "
        "of ten"
    )


def _saved_stamps(text: list[str], tz: str | None) -> pd.DatetimeIndex:
    """The timestamps ``save`` wrote as text, back: in UTC and converted to ``tz`` when the
    zone was recorded, else as written. Saves from before the zone was recorded hold local
    stamps whose offsets change at daylight saving; those come back as their instants in UTC
    (pandas 3 refuses mixed offsets without ``utc=True``, pandas 2 returns them as objects).
    """
    if tz is not None:
        return pd.DatetimeIndex(pd.to_datetime(text, format="ISO8601", utc=True)).tz_convert(tz)
    offsets = {match.group() if (match := _OFFSET.search(s)) else None for s in text}
    return pd.DatetimeIndex(pd.to_datetime(text, format="ISO8601", utc=len(offsets) > 1))


def _beyond_the_series(cov: pd.Index, series: pd.Index) -> str:
    """For covariates longer than the series that hold its own timestamps and more: which rows
    are more, those between its steps (a daily covariate's weekends beside business days) and
    those past its end (the future, which the network never reads), and the selection to pass
    instead; "" otherwise."""
    same_kind = isinstance(cov, pd.DatetimeIndex) == isinstance(series, pd.DatetimeIndex)
    if not same_kind or len(cov) <= len(series):
        return ""
    try:
        after = cov[cov > series[-1]]
        between = cov[(cov > series[0]) & (cov < series[-1]) & ~cov.isin(series)]
        held = series.isin(cov).all()
    except TypeError:  # timestamps with and without a zone: _prepare says so
        return ""
    if not held or not (len(after) or len(between)):
        return ""
    advice = "covariates.loc[series.index]"
    freq = f" ({series.freqstr})" if getattr(series, "freq", None) else ""
    if freq and (theirs := _freq_said(cov)) is not None:  # daily beside monthly: both named
        freq = f" ({series.freqstr}; the covariates' is {theirs})"
    skipped = (
        f"{len(between)} of them lie between the series' steps, at times its frequency{freq} "
        f"skips ({D._label(between[0])} … {D._label(between[-1])})"
        if len(between)
        else ""
    )
    if not len(after):
        return f": {skipped}; pass the covariates at the series' timestamps: {advice}"
    return (
        f": {f'{skipped}, and ' if skipped else ''}{len(after)} of them come after the "
        f"series' end ({D._label(after[0])} … "
        f"{D._label(after[-1])}). Covariates are past inputs (Darts' past covariates): the "
        "network reads them over its input window only, so it never reads their future. "
        "Covariates known in the future (Darts' future covariates: a holiday flag, a planned "
        "price) go to `future_covariates=`, whose rows after the series' end the forecast "
        f"reads. Pass past covariates at the series' timestamps: {advice}"
    )


def _short_of_the_series(cov: pd.Index, series: pd.Index, period: str | None) -> str:
    """For covariates shorter than the series whose rows are all among its timestamps: the
    timestamps they lack, and, where those are the series' first or last ones, the selection
    of the series they cover (Darts' ``slice_intersect``); "" otherwise."""
    same_kind = isinstance(cov, pd.DatetimeIndex) == isinstance(series, pd.DatetimeIndex)
    if not same_kind or not 0 < len(cov) < len(series) or cov.has_duplicates:
        return ""
    try:
        lacking = series[~series.isin(cov)]
        held = cov.isin(series).all()
    except TypeError:  # timestamps with and without a zone: _prepare_past says so
        return ""
    if not held or not len(lacking):
        return ""

    def run(stamps: pd.Index, end: str) -> str:
        count = f"{end} timestamp" if len(stamps) == 1 else f"{end} {len(stamps)} timestamps"
        shown = ", ".join(D._label(x, period) for x in stamps)
        if len(stamps) > 2:
            shown = f"{D._label(stamps[0], period)} … {D._label(stamps[-1], period)}"
        return f"{count} ({shown})"

    first = int(series.get_loc(cov[0]))
    after = first + len(cov)
    if series[first:after].equals(cov):  # one run of the series' steps
        ends = [run(series[:first], "first")] if first else []
        ends += [run(series[after:], "last")] if after < len(series) else []
        return (
            f": they have no row at the series' {' and '.join(ends)}, whose values the "
            "network would read; give them a value there, or pass the series over their "
            "span: series.loc[covariates.index[0]:covariates.index[-1]]"
        )
    return (
        f": they have no row at {len(lacking)} of the series' timestamps "
        f"({D._describe_positions(list(lacking), period=period)}), whose values the network "
        "would read; give them a value at each"
    )


# what pandas < 3 (nanosecond stamps) raises for a step past 2262-04-11: weekly and business
# days' steps overflow as a Timedelta (predict(30000) of weekly data met pandas' bare "Cannot
# cast 210000 days 00:00:00 to unit='ns' without overflow"), the others as a Timestamp
_PAST_PANDAS_DATES = (pd.errors.OutOfBoundsDatetime, pd.errors.OutOfBoundsTimedelta)


def _last_step(index: pd.DatetimeIndex, steps: int) -> pd.Timestamp:
    """The last of the ``steps`` timestamps after ``index`` (``steps`` >= 1), as
    ``D.future_index(index, steps)[-1]`` gives it, without the others where the steps have a
    frequency: the first step plus ``steps - 1`` of it, as ``pd.date_range`` finds its own end
    (the whole index of ``predict(10**6)``'s months took 10 s to build, to be refused). Steps
    of business hours, which go on from their opening, are built.

    Raises:
        pandas.errors.OutOfBoundsDatetime: on pandas < 3, for a step past 2262-04-11.

    Example:
        >>> months = pd.date_range("1960-10-01", periods=3, freq="MS")
        >>> _last_step(months, 3616)
        Timestamp('2262-04-01 00:00:00')
    """
    first = D.future_index(index, 1)
    freq = first.freq
    if freq is None or D._stepped_opening(freq) is not None:
        return D.future_index(index, steps)[-1]
    try:
        return first[0] + (steps - 1) * freq
    except (OverflowError, TypeError) as err:
        # steps that far (weeks from 142,857,144, custom business days from 2,087,098) overflow
        # pandas' own counters, as a bare "Python int too large to convert to C int" or
        # "combine() argument 1 must be datetime.date, not int", long past 2262
        raise pd.errors.OutOfBoundsDatetime(f"{steps} steps of {freq.freqstr}") from err


def _past_pandas_dates(frame: pd.DataFrame, horizon: int) -> str | None:
    """The refusal of a forecast of ``horizon`` steps after the history ``frame`` that runs
    past ``pd.Timestamp.max``, the last date pandas timestamps reach, or None, found from the
    last step alone (:func:`_last_step`) before any index of the steps is built."""
    index = frame.index
    if not isinstance(index, pd.DatetimeIndex):
        return None
    try:
        last = _last_step(index, horizon)
        if last.tz_localize(None) <= pd.Timestamp.max:
            return None
    except _PAST_PANDAS_DATES:  # pandas < 3, whose stamps are nanoseconds
        last = None
    except NotImplementedError:  # pandas 3: a zone's wall clock past the year 9999
        last = None
    # a PeriodIndex's periods as given (2243-04), where they were named as the timestamps
    # they are read as (2243-04-01 00:00:00)
    period = frame.attrs.get("period")
    named = functools.partial(D._label, period=period) if period else str
    end = "" if last is None else f" would end at {named(last)}"
    # the horizon that fits, which the refusal did not say
    most = _steps_before_the_last_date(index, horizon)
    if most == 0:  # the data ends on the last step that fits: no "at most" to advise
        fits = "; no step fits after the data's end: its last step is the last one before that date"
    else:
        fits = most and (
            f"; forecast at most {most:,} step{plural_s(most)} (to "
            f"{named(_last_step(index, most))})"
        )
    periods = " (a PeriodIndex's periods are read as timestamps)" if period else ""
    return (
        f"`horizon` ({horizon}) runs past {pd.Timestamp.max.date()}, the last date pandas "
        f"timestamps reach{periods}; the forecast from {named(index[-1])}{end}{fits or ''}."
    )


def _steps_before_the_last_date(index: pd.Index, horizon: int) -> int | None:
    """How many of the ``horizon`` steps after ``index`` (a ``DatetimeIndex``) end by
    ``pd.Timestamp.max``, the last date pandas timestamps reach (``horizon`` itself does not),
    found by doubling a count of steps until it does not fit, then bisecting: the timestamps
    built are a few times that count, not ``horizon`` (a bisection from ``horizon`` built
    half of it first: 5 million months for ``predict(10**7)``, seconds on pandas 3); None
    where more than ten million steps fit.

    Example:
        >>> months = pd.date_range("2260-01-01", periods=3, freq="MS")
        >>> _steps_before_the_last_date(months, 50)
        25
    """

    def fit(steps: int) -> bool:
        try:
            return _last_step(index, steps).tz_localize(None) <= pd.Timestamp.max
        except _PAST_PANDAS_DATES:  # pandas < 3, whose stamps are nanoseconds
            return False

    fits, fails = 0, 1
    while fails < horizon and fit(fails):
        if fails > 10**7:
            return None
        fits, fails = fails, 2 * fails
    fails = min(fails, horizon)
    while fails - fits > 1:
        mid = (fits + fails) // 2
        fits, fails = (mid, fails) if fit(mid) else (fits, mid)
    return fits


def _time_target_problem(series: pd.DataFrame, frame: pd.DataFrame) -> str | None:
    """For a DataFrame ``series`` whose first column (the target, ``frame``'s column 0 as
    floats) is named as a time (``year``, ``date``, ``Unnamed: 0``) and rises every row, as
    ``pd.read_csv`` leaves years, 20200101-style dates and an index ``to_csv()`` wrote: that it
    holds the time, and the index to make of it; None otherwise. The windows' reader refuses
    it alike (``lstmkit.data.make_windows``); here it was forecast (1992.9, ...) without a
    word."""
    name = frame.columns[0]
    if str(name).strip().lower() not in D._TIME_NAMES:
        return None  # told by the name, before a value is read
    # column 0 alone: the whole frame as floats was a copy of every column (35 ms for 10
    # columns of a million rows, each its own block, where the target was named 'y')
    target = frame.iloc[:, :1]
    arr = target.to_numpy(dtype=float)
    if D._time_column(target, arr, 0) is None:
        return None
    said = D._time_said("series", series[name] if name in series.columns else frame[name])
    digits = _yyyymmdd(arr[:, 0])
    if frame.shape[1] == 1:
        # alone, it was told set_index (a frame of no columns), as the windows' reader was
        return D._lone_time(said, name, ", parse_dates=True" if digits else "")
    return (
        f"{said}, and it is the target (a DataFrame's first column; the others are "
        f"covariates); {_time_column_advice(frame.index, name, digits)}."
    )


def _time_column_advice(index: pd.Index, name: object, digits: bool) -> str:
    """What to do with a DataFrame's column ``name`` that holds the time (``digits``: as
    20200131-style numbers), where the frame is indexed by ``index``: drop it where the index
    holds the time already, else make it the index (as dates, for ``digits``)."""
    if isinstance(index, pd.DatetimeIndex | pd.PeriodIndex):
        # where the index holds the time already, the column is only dropped
        return f"drop it, series = series.drop(columns={name!r})"
    if digits:
        # 20200131, 20200201 as an index were refused as an uneven step of integers
        return (
            f"make it the index as dates, series = series.assign({name}=pd.to_datetime("
            f"series[{name!r}].astype(str), format='%Y%m%d')).set_index({name!r})"
            if isinstance(name, str) and name.isidentifier()
            else f"make it the index as dates, series = series.set_index(pd.to_datetime("
            f"series.pop({name!r}).astype(str), format='%Y%m%d'))"
        )
    return f"make it the index, series = series.set_index({name!r})"


def _warn_time_covariate(frame: pd.DataFrame, series: Any) -> None:
    """Warns where a column of a DataFrame ``series`` after the first, a covariate, is named as
    a time is (``year``, ``date``, ``Unnamed: 0``) and rises every row: the time, as
    ``pd.read_csv`` leaves years and 20200131-style dates, which the network read as a
    covariate without a word (a first column so is refused: :func:`_time_target_problem`); a
    count that every forecast reads past its training range."""
    if not isinstance(series, pd.DataFrame) or series.shape[1] < 2:
        return
    names = list(series.columns)
    arr = frame.iloc[:, : len(names)].to_numpy(dtype=float)
    for k in range(1, len(names)):
        if D._time_column(frame.iloc[:, : len(names)], arr, k) is None:
            continue
        name = names[k]
        said = D._time_said("series", series.iloc[:, k]).removesuffix(", not a value to forecast")
        advice = _time_column_advice(frame.index, name, _yyyymmdd(arr[:, k]))
        warn_user(
            f"{said}, and is read as a covariate (a DataFrame's columns after the first are "
            f"covariates), which every forecast would read past its training range; {advice}.",
            kind=f"time covariate {name!r}",
        )


def _yyyymmdd(values: np.ndarray) -> bool:
    """Whether ``values`` (floats) are all dates written as 8-digit numbers, 20200131, as
    ``pd.read_csv`` leaves them: whole, of 8 digits, each a day ``pd.to_datetime`` reads."""
    if not (np.isfinite(values).all() and (values == np.round(values)).all()):
        return False
    if not ((values >= 10000101) & (values <= 99991231)).all():
        return False
    text = pd.Series(values.astype(np.int64)).astype(str)
    return bool(pd.to_datetime(text, format="%Y%m%d", errors="coerce").notna().all())


def _several_series_problem(series: Any) -> str | None:
    """For a list, tuple or dict of pandas objects given as ``series`` (Darts' global models
    fit a list of series): that a Forecaster fits one, and the loop that fits one each; None
    otherwise. (They were told np.asarray(series), which stacked the series as rows.)"""
    items = list(series.values()) if isinstance(series, dict) else series
    if not isinstance(series, list | tuple | dict) or not items:
        return None
    if not all(isinstance(item, pd.Series | pd.DataFrame) for item in items):
        return None
    kinds = {type(item).__name__ for item in items}
    kind = "pandas objects" if len(kinds) > 1 else kinds.pop()
    plural = "s" if kind == "DataFrame" and len(items) > 1 else ""
    got = f"a {type(series).__name__} of {len(items)} {kind}{plural}"
    if len(items) == 1:
        one = f"series[{next(iter(series))!r}]" if isinstance(series, dict) else "series[0]"
        return f"`series` must be one series, a pandas Series/DataFrame, got {got}; pass {one}."
    loop = (
        "{key: Forecaster(fc.config).fit(s) for key, s in series.items()}"
        if isinstance(series, dict)
        else "[Forecaster(fc.config).fit(s) for s in series]"
    )
    return (
        f"`series` must be one series, a pandas Series/DataFrame, got {got}: a Forecaster is "
        "a local model, fitted on one series (Darts' global models fit a list); fit one per "
        f"series with this one's config (fc), then predict or backtest each: {loop}."
    )


def _freq_said(index: pd.Index) -> str | None:
    """The frequency of a DatetimeIndex as messages name it: its own, else the one pandas
    infers (``"D"`` for daily rows); None for none (irregular stamps, too few of them)."""
    if not isinstance(index, pd.DatetimeIndex):
        return None
    if index.freq is not None:
        return index.freqstr
    # (inference needs three timestamps; pd.infer_freq warns under pandas 3.1 that it will
    # return an offset)
    try:
        freq = D._inferred_freq(index) if len(index) >= 3 else None
    except (TypeError, ValueError):  # stamps pandas infers nothing from
        return None
    return None if freq is None else freq.freqstr


def _resample_rule(stamps: pd.DatetimeIndex, steps: pd.Index, freq: str | None) -> str:
    """The rule of a ``resample`` of rows at ``stamps`` to the ``steps``, for messages: their
    frequency ``freq`` quoted (``'"MS"'``) where it is of one step and its bins are labelled
    as the steps themselves, else ``...``: daily steps at 09:00 have bins labelled at
    midnight, business hours (``"bh"``) none past closing time, and bins of several steps
    (``"2MS"``) start where the rows do."""
    if freq is None or pd.tseries.frequencies.to_offset(freq).n != 1:
        return "..."
    try:
        labels = pd.Series(0, index=stamps).resample(freq).max().index
    except (TypeError, ValueError):  # "bh": "Values falls after last bin"
        return "..."
    return f'"{freq}"' if steps.isin(labels).all() else "..."


def _position_step(index: pd.Index) -> str:
    """How an integer index counts, for messages: ``positions`` or ``positions, step 2``."""
    step = index.step if isinstance(index, pd.RangeIndex) else 1
    return "positions" if step == 1 else f"positions, step {step}"


# ... and some arguments of fit, predict and backtest (Darts' historical_forecasts): a user
# coming from them got Python's bare "unexpected keyword argument"
_PAST = "Darts' past_covariates is `covariates` here (past inputs, read over the input window)"
_THEIR_ARGUMENTS = {
    "fit": {
        "past_covariates": _PAST,
        "val_series": (
            "Darts' val_series has no counterpart here: fit validates on the series' own most "
            "recent windows (early stopping, the interval), as many as the config's `val_size`"
        ),
        "verbose": "Darts' verbose is the config's `progress` here (Forecaster(progress=True))",
        # the rest of Darts' fit and scikit-learn's n_jobs: a bare "unknown keyword argument(s)"
        **dict.fromkeys(
            ("val_past_covariates", "val_future_covariates"),
            "Darts' validation covariates have no counterpart here: fit validates on the "
            "series' own most recent windows, with their covariates",
        ),
        "n_jobs": (
            "scikit-learn's n_jobs is the config's `jobs` here, ensemble members trained at "
            "the same time (Forecaster(jobs=2))"
        ),
        "fill": _FILL.format(method="fit", call=_FILL_CALL),
        "fh": "sktime's fh is the config's `horizon` here (Forecaster(horizon=3) for fh=[1, 2, 3])",
        # read_csv's (--where's) rows of one series of a long-format file, passed to fit
        "where": (
            "`where` is lstmkit.data.read_csv's, which reads the rows of one series of a "
            "long-format file (read_csv(path, 'date', 'sales', where={'store': '1'})); filter "
            "a frame before fit (df[df['store'] == 1])"
        ),
    },
    "predict": {
        "past_covariates": _PAST,
        "n": "Darts' n is `horizon` here",
        "h": "StatsForecast's h is `horizon` here (predict(12) for predict(h=12))",
        "num_samples": (
            "Darts' num_samples has no counterpart here: a forecast is one value per step with "
            "a central interval, `interval=0.8` (its 10 % and 90 % quantiles), and no samples"
        ),
        "level": (
            "NeuralForecast's level is `interval` here, one fraction per call "
            "(interval=0.9 for level=[90])"
        ),
        "futr_df": "NeuralForecast's futr_df is `future_covariates` here",
        "verbose": (
            "Darts' verbose is the config's `progress` here (Forecaster(progress=True)), the "
            "bar predict shows over a recursive forecast that runs longer than 2 s"
        ),
        "fill": _FILL.format(
            method="predict", call="predict(h, series=to_frame(series, fill='interpolate'))"
        ),
        # sktime's: its predict_interval and predict_quantiles are told to use predict
        "fh": "sktime's fh is `horizon` here, a number of steps (predict(3) for fh=[1, 2, 3])",
        "coverage": (
            "sktime's coverage is `interval` here, one fraction per call "
            "(interval=0.9 for coverage=0.9)"
        ),
        "alpha": (
            "sktime's alpha is `interval` here, the central interval the quantiles bound "
            "(interval=0.9 for alpha=[0.05, 0.95])"
        ),
    },
    "backtest": {
        "past_covariates": _PAST,
        "forecast_horizon": "Darts' forecast_horizon is `horizon` here",
        "num_samples": "Darts' num_samples has no counterpart here: `levels=` scores intervals",
        # Darts' historical_forecasts/backtest and NeuralForecast's cross_validation: their
        # windows, said in backtest's terms (a bare "unexpected keyword argument" before)
        "last_points_only": (
            "Darts' last_points_only has no counterpart here: every step of every origin is "
            "kept and scored; the last points are "
            "bt.forecasts[bt.forecasts['step'] == bt.forecasts['step'].max()]"
        ),
        "overlap_end": (
            "Darts' overlap_end has no counterpart here: every origin's forecast ends at the "
            "series' last point or before it (Darts' overlap_end=False)"
        ),
        "train_length": (
            "Darts' train_length has no counterpart here: each origin is fitted on all the "
            "points before it (Darts' expanding window, train_length=None)"
        ),
        "start_format": (
            "Darts' start_format has no counterpart here: an int `start` is always a position "
            "(Darts' start_format='position'), a time the first forecast step"
        ),
        "metric": (
            "Darts' metric has no counterpart here: every origin is scored by RMSE, MAE, MAPE, "
            "sMAPE and MASE, in the result's .metrics (each origin) and .summary (their means)"
        ),
        # Darts' reduction=None (each origin's score) was told "did you mean 'retrain'?"
        "reduction": (
            "Darts' reduction has no counterpart here: each origin's scores are in the "
            "result's .metrics (Darts' reduction=None), their means in .summary (Darts' "
            "reduction=np.mean: a NaN score at an origin makes its mean NaN, which Darts' "
            "default np.nanmean skips)"
        ),
        "n_jobs": (
            "scikit-learn's n_jobs is the config's `jobs` here, ensemble members trained at "
            "the same time at each origin (Forecaster(jobs=2))"
        ),
        "n_windows": (
            "NeuralForecast's n_windows has no counterpart here: the windows start at `start`, "
            "so n_windows=k is start=-(horizon + (k - 1) * stride)"
        ),
        "step_size": "NeuralForecast's step_size is `stride` here",
        "refit": (
            "NeuralForecast's refit is `retrain` here (its default refit=False is "
            "retrain=False on a Forecaster fitted on the points before the first origin; the "
            "config's `refit` is another thing, a refit on the validation windows)"
        ),
        "h": "NeuralForecast's h is `horizon` here",
        "test_size": (
            "NeuralForecast's test_size has no counterpart here: the windows start at `start`, "
            "so test_size=n is start=-n"
        ),
        "level": (
            "NeuralForecast's level is `levels` here, as fractions, scored beside the config's "
            "`interval` (levels=(0.8, 0.9) for level=[80, 90])"
        ),
        "verbose": "Darts' verbose is the config's `progress` here (Forecaster(progress=True))",
        "fill": _FILL.format(
            method="backtest", call="backtest(to_frame(series, fill='interpolate'))"
        ),
    },
    # history and encoder_inputs read the same series as predict: a misspelt keyword got
    # Python's bare "unexpected keyword argument" where predict's said the one meant
    "history": {
        "past_covariates": _PAST,
        "fill": _FILL.format(
            method="history", call="history(to_frame(series, fill='interpolate'))"
        ),
    },
    "encoder_inputs": {
        "past_covariates": _PAST,
        "fill": _FILL.format(
            method="encoder_inputs", call="encoder_inputs(to_frame(series, fill='interpolate'))"
        ),
    },
    # the methods of theirs that Forecaster has under another name (see _NamedOtherwise)
    "Forecaster": {
        "historical_forecasts": (
            "Darts' historical_forecasts is `backtest` here (start, stride, horizon, "
            "retrain=False; the forecasts are its result's `.forecasts`)"
        ),
        "cross_validation": (
            "NeuralForecast's cross_validation is `backtest` here (its step_size is `stride`)"
        ),
        "evaluate": (
            "Keras' evaluate is `backtest` here (scores per origin beside the naive "
            "baselines), or lstmkit.metrics.evaluate(y_true, y_pred, y_train, m) on a forecast"
        ),
        "plot": (
            "a forecast is drawn by lstmkit.forecast.plot_forecast(history, fc.predict(), "
            "truth); the loss curves by `plot_training`"
        ),
        # input_size runs the network on one zero window, which a decoder or future
        # covariates' network refuses (it needs `future` too)
        "summary": (
            "Keras' summary is lstmkit.summary(fc.members_[0]) here (one ensemble member's "
            "network, its parameters per gate; input_size=fc.encoder_inputs().shape adds the "
            "output shapes, unless the network also reads future inputs: strategy='seq2seq' "
            "or future covariates), lstmkit.summary(fc.members_) for all members"
        ),
        "fit_predict": (
            "sktime's fit_predict is fit(series).predict(horizon) here (fit returns the Forecaster)"
        ),
        "score": (
            "scikit-learn's and sktime's score is `backtest` here (scores per origin beside "
            "the naive baselines), or lstmkit.metrics.evaluate(y_true, y_pred, y_train, m) on "
            "a forecast"
        ),
        "predict_interval": (
            "sktime's predict_interval is `predict` here, whose `lower` and `upper` columns "
            "are the interval: predict(horizon, interval=0.9) for coverage=0.9"
        ),
        "predict_quantiles": (
            "sktime's predict_quantiles is `predict` here, whose `lower` and `upper` columns "
            "are a central interval's quantiles: predict(horizon, interval=0.9) for "
            "alpha=[0.05, 0.95]"
        ),
        "get_params": (
            "scikit-learn's get_params is `config` here, a frozen ForecasterConfig "
            "(dataclasses.asdict(fc.config) for a dict)"
        ),
        "set_params": (
            "scikit-learn's set_params is fc.config = dataclasses.replace(fc.config, "
            "epochs=500) here, for the next fit"
        ),
    },
}


_P = ParamSpec("_P")
_R = TypeVar("_R")
_Data = TypeVar("_Data", pd.Series, pd.DataFrame)


def _their_arguments(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """``method`` (of :class:`Forecaster`), refusing the arguments of
    :data:`_THEIR_ARGUMENTS` with their counterparts here, and the config's fields it does
    not take with where they go, all at once."""
    takes = inspect.signature(method).parameters
    # Keras' fit(x, epochs=5), Darts' fit(series, epochs=5): was told the keywords fit takes
    config = {
        f.name: f"{f.name} is a field of ForecasterConfig, given to Forecaster({f.name}=...)"
        for f in fields(ForecasterConfig)
        if f.name not in takes
    }
    names = config | _THEIR_ARGUMENTS[method.__name__]
    return their_arguments(f"Forecaster.{method.__name__}", names)(method)


def _refuses_x_y(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """``Forecaster.fit`` or ``backtest`` (which fits at every origin) refusing
    scikit-learn's ``fit(X, y)`` (:func:`_x_y_problem`): told apart from
    ``fit(X, covariates=y)``, a legitimate call, by y's being given by position. (``predict``
    and ``residuals`` need none: a fitted model refuses columns in another order than its.)"""

    @functools.wraps(method)
    def checked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        # self, X, y
        if len(args) >= 3 and (problem := _x_y_problem(args[1], args[2], method.__name__)):
            raise ValueError(problem)
        return method(*args, **kwargs)

    return checked


def _unfitted_columns(names: list[str], got: str) -> ValueError:
    """The refusal of future covariates whose columns are not the fitted ``names``, in their
    order (``got``: what came, as the message says it)."""
    return ValueError(
        "`future_covariates` must have the columns the model was fitted with, "
        f"{names} (in that order), got {got}."
    )


def _selection_hint(given: Any, names: list[str]) -> str:
    """For a DataFrame of future covariates that holds the fitted ones by name among others
    or in another order (a frame of the past and the plan): the selection that passes."""
    columns = list(given.columns) if isinstance(given, pd.DataFrame) else []
    if not all(isinstance(c, str) for c in columns) or not set(names) <= set(columns):
        return ""
    return f"; pass future_covariates[{names!r}]"


def _rename_hint(given: Any, names: list[str]) -> str:
    """For one future covariate fitted under one name and given under another
    (``promo.rename('promotion')``): the rename that passes; "" for several columns, whose
    pairing a position would only guess."""
    one = isinstance(given, pd.Series) or (isinstance(given, pd.DataFrame) and given.shape[1] == 1)
    if len(names) != 1 or not one:
        return ""
    rename = (
        repr(names[0])
        if isinstance(given, pd.Series)
        else f"columns={{{given.columns[0]!r}: {names[0]!r}}}"
    )
    return f"; if it is {names[0]!r} under another name, pass future_covariates.rename({rename})"


def _user_names(columns: Sequence[Any]) -> list[str]:
    """The fitted or prepared ``columns`` (the target, then ``cov:NAME``, ...) by the names the
    user gave: ``cov:`` taken off the covariates', not the target's (a target named
    ``cov:sales`` was ``sales``), unless two columns would then share a name (a target ``y``
    beside a covariate ``y``, or a series' column ``cov:y``, was ``y`` twice): those keep the
    fitted names, as :meth:`Forecaster.history` shows them and explanations name them.

    Example:
        >>> _user_names(["cov:sales", "cov:x", "fut:d"])
        ['cov:sales', 'x', 'fut:d']
        >>> _user_names(["y", "cov:y", "x", "cov:x", "cov:z"])
        ['y', 'cov:y', 'x', 'cov:x', 'z']
    """
    names = [str(c) for c in columns]
    users = names[:1] + [c.removeprefix("cov:") for c in names[1:]]
    counts = Counter(users)  # not users.count per name: 2,000 covariates took 60 ms
    shown = [u if counts[u] == 1 else c for c, u in zip(names, users, strict=True)]
    # a kept name that is another's stripped one (``cov:cov:y`` beside ``cov:y``): all kept
    return shown if len(set(shown)) == len(shown) else names


def _target_and_covariates(columns: list[str], n_future: int) -> str:
    """The fitted ``columns`` as words: the target, then which are covariates (the last
    ``n_future`` the future ones); a DataFrame's other columns are read as covariates, not as
    more targets (Darts' multivariate series).

    Example:
        >>> _target_and_covariates(["a", "b", "cov:c", "fut:d"], 1)
        'a (covariates b, c; future covariates d)'
        >>> _target_and_covariates(["y"], 0)
        'y'
    """
    future = [c.removeprefix(_FUTURE) for c in columns[len(columns) - n_future :]]
    past = _user_names(columns[: len(columns) - n_future])[1:]
    said = []
    if past:  # at most 20 names of each: a frame of 1,000 columns made a repr as long
        said.append(f"covariates {shown_names(past)}")
    if future:
        said.append(f"future covariates {shown_names(future)}")
    return str(columns[0]) + (f" ({'; '.join(said)})" if said else "")


def _warn_constant_target(frame: pd.DataFrame, series: Any) -> None:
    """Warns where a DataFrame ``series``' first column, the target, holds one value at every
    point while one of its other columns varies: a column to forecast put after an
    identifier (NeuralForecast's ``unique_id`` of one series, as numbers), whose forecast would
    be that value, the measurement read as its covariate."""
    if not isinstance(series, pd.DataFrame) or series.shape[1] < 2:
        return
    target = frame.iloc[:, 0].to_numpy()
    if not (target == target[0]).all():
        return
    # the series' other columns (as prepared), named as the frame names them, integer names
    # too: the advice indexes the user's frame ('0' for 0 was a KeyError)
    names = list(series.columns)  # (Python scalars, not numpy's)
    # [T, F - 1] at once: a column at a time copied the frame's attrs (a fill's) into each
    others = frame.iloc[:, 1 : len(names)].to_numpy()
    varying = [names[k] for k in range(1, len(names)) if np.ptp(others[:, k - 1]) > 0]
    if not varying:
        return
    first = names[0]
    order = [varying[0], *(c for c in names if c != varying[0])]
    warn_user(
        f"the target, `series`' first column {first!r}, holds one value "
        f"({target[0]:.15g}) at all "
        f"{len(target)} points, while {varying[0]!r} varies: a DataFrame's first column is "
        f"the target and the others its covariates, so the forecast is that value. To forecast "
        f"{varying[0]!r}, put it first, e.g. series[{order!r}], or drop an identifier column: "
        f"series.drop(columns={first!r}).",
        kind="constant target",
    )


def _input_ranges(
    span: tuple[float, float], scale: float, covs: D.StandardScaler | None, cov: np.ndarray
) -> list[list[float]]:
    """The ranges of the network's training inputs, ``[low, high]`` per column of the series:
    the target's (``span``, its deviations in ``d``-space, over ``scale``), then each
    covariate's as standardized by ``covs`` over the training part ``cov``."""
    ranges = [[span[0] / scale, span[1] / scale]]
    if covs is not None:
        z = (cov - covs.mean_) / covs.scale_
        ranges += [[float(a), float(b)] for a, b in zip(z.min(axis=0), z.max(axis=0), strict=True)]
    return ranges


def _no_step_hit(
    given: pd.Index,
    steps: pd.Index,
    period: str | None = None,
    steps_period: str | None = None,
    name: str = "future_covariates",
    named: tuple[str | None, str | None] = (None, None),
) -> str:
    """For future covariates (indexed ``given``) that miss every one of the ``steps``, though
    their spans overlap: the two frequencies, as a month's values stamped at its end
    (``ME``) beside a series of month starts (``MS``) are, and the code that stamps them as
    the steps (:func:`_restamped`), for the series' own frequency; "" otherwise. ``period``,
    ``steps_period``: the PeriodIndex frequencies the covariates and the series came with
    (``given`` and ``steps`` are their start times), named as given: weekly periods to Monday
    (W-MON) start on Tuesdays, which were named W-TUE. ``name``: the argument they came as;
    past ``covariates`` are advised only code that gives the steps themselves (weekly on
    another weekday, told either week a day may stand for, as future ones are, with the code of
    the move that gives the steps). ``named``: the names the covariates and the series gave
    their steps (:func:`_given_freq`), as every message names a frequency (:func:`_named_steps`:
    "168h" for a model's "7D")."""
    if not (isinstance(given, pd.DatetimeIndex) and isinstance(steps, pd.DatetimeIndex)):
        return ""
    if given.isin(steps).any() or not (given[0] <= steps[-1] and steps[0] <= given[-1]):
        return ""
    freq = period or _freq_said(given)
    if freq is None or steps.freq is None:
        return ""
    weekly = "" if period or steps_period else _weekly(given, freq, steps, name)
    # the frequencies as the user named them: "168h" for the "7D" the model reads
    shown, steps_shown = period or named[0] or freq, named[1] or steps.freqstr
    if weekly:
        return (
            f" (none of its timestamps is one of the steps: its frequency is {shown}, the "
            f"series' {steps_shown}; {weekly})"
        )
    made = None  # the stamps the restamping gives
    if steps_period:  # a series of periods: no restamping of timestamps gives its own
        code = ""
    elif period:
        code = _period_restamping(given, steps, period, exact=name == "covariates")
    else:
        code, made = _restamped(given, steps, exact=name == "covariates")
    series_freq = steps_period or steps.freqstr
    example = f", e.g. {name}.index = {name}.index{code}" if code else ""
    # stamped at another time of the step (12:00, not 00:00), its length named alike or not
    # ("720min" beside "12h": timestamps', never periods', whose names pandas reads apart)
    if freq == series_freq or (
        not (period or steps_period) and _names_the_steps(freq, series_freq)
    ):
        # where the restamping moves them to the nearest steps, as the shift does, it is told
        # alone: the shift is not looked for
        shift = ""
        if not (period or steps_period) and (
            not code or _moved_past_half_a_step(given, made, steps)
        ):
            shift = _time_shift(given, steps, name)
        if shift:
            return (
                f" (none of its timestamps is one of the steps, though its frequency is the "
                f"series', {steps_shown}: {shift})"
            )
        if not code:
            return ""
        return (
            f" (none of its timestamps is one of the steps, though its frequency is the "
            f"series', {steps_period or steps_shown}; stamp them as the series' steps{example})"
        )
    return (
        f" (none of its timestamps is one of the steps: its frequency is {shown}, the series' "
        f"{steps_period or steps_shown}; stamp them as the series' steps{example})"
    )


# what :meth:`Forecaster._positive_problem` names the history a model forecasts from without
# `series` (its saved state.history): as `lstmkit predict DIR` names it (its `series`)
_SAVED_HISTORY = "the model's training data"

_WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")

_TIMEDELTA_UNITS = {"day": "days", "hour": "hours", "minute": "minutes", "second": "seconds"}


def _time_shift(given: pd.DatetimeIndex, steps: pd.DatetimeIndex, name: str) -> str:
    """For covariates (``given``, the argument ``name``) of the steps' fixed length stamped at
    another time than the ``steps`` (weekly at 12:00 beside 09:00): how far their grid lies
    from the steps' and the shift that moves it onto them, where it gives some steps (all of
    them, and only them, for past ``covariates``); "" else (steps of months, or of days across
    daylight saving, have no one length)."""
    ns = steps.as_unit("ns").asi8
    step = int(ns[1] - ns[0]) if len(ns) > 1 else 0
    if step <= 0 or (np.diff(ns) != step).any():
        return ""
    ahead = int(given[0].as_unit("ns").value - ns[0]) % step
    if not ahead:
        return ""
    delta = ahead if ahead <= step // 2 else ahead - step
    if delta % 10**9:  # a part of a second: no whole unit says it
        return ""
    moved = given - pd.Timedelta(delta)
    if not (moved.equals(steps) if name == "covariates" else moved.isin(steps).any()):
        return ""
    # (5 hours 30 minutes, pd.Timedelta(hours=5, minutes=30): "330 minutes" was said)
    shift = ", ".join(
        f"{_TIMEDELTA_UNITS[unit]}={count}" for count, unit in D._offset_parts(abs(delta))
    )
    where = "after" if delta > 0 else "before"
    return (
        f"they are stamped {D._offset_words(abs(delta))} {where} them ({D._label(given[0])} "
        f"beside {D._label(moved[0])}); shift them onto the steps, "
        f"{name}.index = {name}.index {'-' if delta > 0 else '+'} pd.Timedelta({shift})"
    )


def _opening_hours(freq: pd.DateOffset | None) -> list[list[str]] | None:
    """The opening and closing times of business hours (``[["08:00"], ["16:00"]]``), which
    their ``freqstr`` (``"bh"``) does not say; None for other steps."""
    if not isinstance(freq, pd.offsets.BusinessHour | pd.offsets.CustomBusinessHour):
        return None
    return [[f"{t:%H:%M}" for t in times] for times in (freq.start, freq.end)]


def _opening_days(freq: pd.DateOffset | None) -> str | None:
    """The days that custom business hours open on, as numpy's weekmask of 0 and 1, Monday
    first (``"1111110"``), which their ``freqstr`` (``"cbh"``) does not say; None for other
    steps (pandas' ``"bh"`` opens Monday to Friday). Those of its ``calendar``, by which pandas
    steps: ``CustomBusinessHour(calendar=np.busdaycalendar(weekmask="1111110"))`` keeps the
    default ``weekmask`` beside it."""
    if not isinstance(freq, pd.offsets.CustomBusinessHour):
        return None
    return D._week_days(freq.calendar.weekmask)


def _holidays(freq: pd.DateOffset | None) -> list[str] | None:
    """The holidays of custom business hours as ISO dates (``["2024-12-25"]``), which their
    ``freqstr`` (``"cbh"``) does not say; None for other steps and for custom business hours
    without holidays."""
    if not isinstance(freq, pd.offsets.CustomBusinessHour) or not len(freq.holidays):
        return None
    return [str(np.datetime64(day, "D")) for day in freq.holidays]  # sorted by pandas


def _other_holidays(trained: pd.DateOffset, given: pd.DateOffset) -> str:
    """The holidays of custom business hours ``given`` that those ``trained`` lack, and theirs
    that ``given`` lacks (`` (closed on 2024-01-04, which the training data opens on; open on
    2024-01-03, which it closes on)``), where both are named alike (:func:`_freq_name`: four
    holidays or more by their count, first and last); "" where they are the same."""
    ours, theirs = (set(_holidays(freq) or []) for freq in (trained, given))
    said = []
    if theirs - ours:
        said.append(
            f"closed on {', '.join(sorted(theirs - ours))}, which the training data opens on"
        )
    if ours - theirs:
        said.append(f"open on {', '.join(sorted(ours - theirs))}, which it closes on")
    return f" ({'; '.join(said)})" if said else ""


def _saved_freq(history: dict[str, Any]) -> pd.DateOffset:
    """The frequency of a saved ``state.history``, business hours with their saved opening
    hours and custom ones with their days and holidays (models saved without them keep
    pandas' 9:00 to 17:00, Monday to Friday, no holiday)."""
    step = pd.tseries.frequencies.to_offset(history["freq"])
    hours = history.get("hours")
    if hours and isinstance(step, pd.offsets.BusinessHour | pd.offsets.CustomBusinessHour):
        days = {"weekmask": history["weekmask"]} if history.get("weekmask") else {}
        if history.get("holidays"):
            days["holidays"] = history["holidays"]
        step = type(step)(n=step.n, start=hours[0], end=hours[1], **days)
    return step


def _freq_name(freq: pd.DateOffset) -> str:
    """``freq.freqstr``, with the opening hours of business hours other than 9:00 to 17:00
    (``bh 08:00-16:00``: both are ``"bh"``), the days of custom ones other than Monday to
    Friday (``cbh 08:00-16:00 Mon,Tue,Wed,Thu,Fri,Sat``) and their holidays (``cbh holidays
    2024-01-03,2024-01-12``; more than three as ``19 holidays 2024-01-08 to 2024-01-26``): a
    newer history on other holidays was refused as "(cbh), got cbh"."""
    hours = _opening_hours(freq)
    days = _opening_days(freq)
    name = freq.freqstr
    if hours and hours != [["09:00"], ["17:00"]]:
        name += " " + ",".join(f"{a}-{b}" for a, b in zip(*hours, strict=True))
    if days and days != "1111100":
        open_on = [day.title() for day, on in zip(_WEEKDAYS, days, strict=True) if on == "1"]
        name += " " + ",".join(open_on)
    closed = _holidays(freq) or []
    if len(closed) > 3:
        name += f" {len(closed)} holidays {closed[0]} to {closed[-1]}"
    elif closed:
        name += (" holiday " if len(closed) == 1 else " holidays ") + ",".join(closed)
    return name


def _skipped_cells(given: Any) -> tuple[np.ndarray, np.ndarray]:
    """The NaN and the inf cells of the future covariates ``given`` (``[rows, columns]``):
    refused at the steps read alone (:meth:`Forecaster._future_table`)."""
    missing = np.asarray(pd.isna(given)).reshape(len(given), -1)
    try:
        infinite = np.isinf(np.asarray(given, dtype=float)).reshape(len(given), -1)
    except (TypeError, ValueError):  # text: to_frame names it
        infinite = np.zeros_like(missing)
    return missing, infinite


def _order_problems(
    stamps: pd.DatetimeIndex, read: pd.DatetimeIndex, given: pd.Index | None, error: ValueError
) -> str:
    """What else refuses the timestamps ``stamps`` of future covariates that lack a step
    (:meth:`Forecaster._unread_rows_refused`), as a sentence each after that step's: a stamp
    twice among the rows the steps read (``read``; one twice in rows no step reads is accepted),
    rows out of order (refused wherever they lie where a step is missing, a fill's too); ""
    for neither. ``given``:
    the index as given, whose periods name the stamps as the user wrote them. ``error``:
    to_frame's refusal of them, said as it came where it is of something else, or says more
    (a NaT, read as the earliest stamp, was "2021-02-10 after NaT"; stacked series lost their
    advice for sort_index(), which keeps the repeats)."""
    period = given.freqstr if isinstance(given, pd.PeriodIndex) else None
    source = "`future_covariates`"
    plain = [D._duplicates(stamps, source, period)] if stamps.has_duplicates else []
    if not stamps.is_monotonic_increasing:
        plain.append(D._unsorted(stamps, source, period))
    if str(error) not in plain:
        return f" Also, {error}"
    said = []
    if read.has_duplicates:
        said.append(D._duplicates(read, source, period))
    if not stamps.is_monotonic_increasing:
        said.append(D._unsorted(stamps, source, period))
    return "".join(f" Also, {problem}" for problem in said)


def _given_freq(data: Any, index: pd.Index) -> str | None:
    """The name of the frequency of ``data``'s own index where its checked ``index`` reads it
    in days (``"168h"`` as ``"7D"``: :func:`lstmkit.data._in_days`), else None. The model
    reasons in days; the name the user gave is kept for what is shown to them (a model fitted
    on 168-hour steps was said to be fitted on "7D" ones)."""
    given = getattr(data, "index", None)
    if not isinstance(given, pd.DatetimeIndex) or given.freq is None:
        return None
    if not isinstance(index, pd.DatetimeIndex) or index.freq is None:
        return None
    if given.freqstr == index.freqstr or D._in_days(given.freq, index) != index.freq:
        return None
    return given.freqstr


def _saved_in_hours(freq: str | None) -> bool:
    """Whether a model's training data had steps of one day given in hours or minutes
    (``"24h"``, ``"1440min"``): saved before they read as ``"D"``, or in a zone with daylight
    saving."""
    if freq is None:
        return False
    step = pd.tseries.frequencies.to_offset(freq)
    return type(step) is not pd.offsets.Day and D._whole_days(step) == 1


def _weeks(step: pd.DateOffset, at: pd.Timestamp) -> int | None:
    """The whole weeks that ``step`` is, as :func:`lstmkit.data.season_length` reads weeks
    (``W-MON``, ``7D``, ``5B``, ``168h`` and their multiples); None for any other step."""
    unit, n = D._unit(pd.date_range(at, periods=1, freq=step))
    return n if unit == "W" else None


_QUARTERS = (
    pd.offsets.QuarterBegin,
    pd.offsets.QuarterEnd,
    pd.offsets.BQuarterBegin,
    pd.offsets.BQuarterEnd,
)


def _same_steps(
    trained: pd.DateOffset, given: pd.DateOffset, index: pd.DatetimeIndex, day: int | None
) -> bool:
    """Whether ``given``, the frequency of ``index``, steps as ``trained`` does: the same, or
    weeks named two ways, ``7D`` (``pd.date_range(freq="7D")``), ``5B`` (five business days),
    ``168h``, or the ``W-MON`` that pandas infers for the same Mondays read from a file, either
    way round, and quarters anchored a multiple of three months apart (``QS-JAN`` and
    ``QS-OCT``); their seasons and calendar inputs are the same. A model fitted on one refused
    the others as another frequency. Weeks of business days fall on no weekend, and weeks fall
    on ``day``, the weekday of the trained weeks (Monday 0; None for other steps): weeks on
    another day, as W-SUN for W-MON, would shift the calendar inputs by days."""
    if day is not None and not bool((index.day_of_week == day).all()):
        return False
    if trained == given:
        return True
    # quarters anchored a multiple of three months apart (QS-JAN, the QS-OCT of a fiscal year
    # starting in October) are the same dates: refused as "got QS-OCT" for the same quarters
    if (
        type(trained) is type(given)
        and isinstance(trained, _QUARTERS)
        and trained.n == given.n
        and trained.startingMonth % 3 == given.startingMonth % 3
    ):
        return True
    weeks = _weeks(trained, index[0])
    anchors = {step.weekday for step in (trained, given) if isinstance(step, pd.offsets.Week)}
    business = pd.offsets.BusinessDay in (type(trained), type(given))
    return (
        weeks is not None
        and weeks == _weeks(given, index[0])
        and all(bool((index.day_of_week == weekday).all()) for weekday in anchors)
        and not (business and bool((index.day_of_week >= 5).any()))
    )


def _last_weekday(trained: pd.DatetimeIndex, given: pd.DatetimeIndex) -> int:
    """The weekday (Monday 0) of the last trained step, on ``given``'s clock: a model saved
    before its zone was recorded loads its stamps in UTC, where a local midnight east of
    Greenwich is the day before."""
    last = trained[-1]
    if last.tz is not None and given.tz is not None:
        last = last.tz_convert(given.tz)
    return int(last.day_of_week)


def _one_time_of_day(index: pd.DatetimeIndex) -> pd.Timedelta | None:
    """The time of day every stamp of ``index`` lies at on its clock (steps of a day or more,
    months' ends at 12:00), or None where they lie at several (hours, business hours)."""
    times = np.unique(D._times_of_day(index))
    return pd.Timedelta(times[0]) if len(times) == 1 else None


def _time_of_day_text(time: pd.Timedelta, seconds: bool = False) -> str:
    """A time of day as ``HH:MM``, or with its seconds (``23:59:59``, ``12:00:00.500000``,
    as pd.Timedelta reads it back) where ``seconds``."""
    full = str(time).split(" days ")[-1]
    return full if seconds else full[:5]


def _time_of_day_problem(trained: pd.DatetimeIndex, given: pd.DatetimeIndex) -> str | None:
    """What refuses a newer history (``given``) whose steps, of a day or more, lie at another
    time of day than the trained ones, each read on ``given``'s clock: a model fitted on month
    ends at 12:00 read ones at 15:00 with no word and labelled its forecast at 15:00; None
    where they agree, or either lies at several times of day."""
    if trained.tz is not None and given.tz is not None:
        trained = trained.tz_convert(given.tz)
    want, got = _one_time_of_day(trained), _one_time_of_day(given)
    if want is None or got is None or want == got:
        return None
    plus = f" + pd.Timedelta({_time_of_day_text(want, seconds=True)!r})" if want else ""
    move = said_to_caller(
        f"series.index = series.index.normalize(){plus}",
        f"write the file's dates so, e.g. with pandas: dates.dt.normalize(){plus}",
    )
    # (with seconds where they count: "23:59" was said of 23:59:59 and of 23:59:00 alike)
    seconds = bool(want.value % 60_000_000_000 or got.value % 60_000_000_000)
    at, given_at = _time_of_day_text(want, seconds), _time_of_day_text(got, seconds)
    return (
        f"`series` must have the training data's time of day, {at} (its last step: "
        f"{D._label(trained[-1])}), got {given_at} (first {D._label(given[0])}); its steps "
        f"would be read as the trained ones and a forecast labelled at {given_at}. "
        f"Move them to the trained time: {move}."
    )


def _horizon_type_problem(horizon: object) -> str | None:
    """What refuses a ``horizon`` that is the test data, its times (scikit-learn's
    ``predict(X_test)``, sktime's ``fh`` as times) or a list of steps (sktime's ``fh=[1, 2,
    3]``), told only "must be a positive integer", an Index or array over several lines; None
    for anything else (a count, or what :func:`positive_int` refuses)."""
    if not isinstance(horizon, pd.Series | pd.DataFrame | pd.Index | list | tuple) and not (
        isinstance(horizon, np.ndarray) and horizon.ndim
    ):
        return None
    n = len(horizon)
    if isinstance(horizon, pd.Index):
        what = "times" if isinstance(horizon, pd.DatetimeIndex | pd.PeriodIndex) else "values"
        shown = f"a {type(horizon).__name__} of {n} {what}"
    elif isinstance(horizon, np.ndarray):
        shown = f"an array of shape {horizon.shape}"
    elif isinstance(horizon, list | tuple) and n > 5:
        shown = f"a {type(horizon).__name__} of {n} values"
    else:
        shown = value_repr(horizon)
    steps = list(horizon) if isinstance(horizon, list | tuple | np.ndarray) else []
    # sktime's fh=[12], step 12, was told predict(len(y_test)) (1 here) alone; a test part of
    # counts looks the same, so both readings are told
    as_steps = ""
    if steps and all(
        isinstance(k, int | np.integer) and not isinstance(k, bool) and k >= 1 for k in steps
    ):
        # fh is sorted; fh=[1, 2, 3] is predict(3) either way
        if steps[-1] != n and all(a < b for a, b in itertools.pairwise(steps)):
            last = value_repr(int(steps[-1]))  # 10**5000 shown short
            upto = "step 1" if last == "1" else f"steps 1 to {last}"
            as_steps = f", nor a list of steps (sktime's fh), predict({last}) for {upto}"
    count = f" ({n} here)" if n else ""
    return (
        f"`horizon` must be a positive integer, got {shown}: the number of steps to forecast "
        f"after the series' end, not the test data or its times, predict(len(y_test)){count}"
        f"{as_steps}; to forecast from a newer history, pass it as `series`, "
        "predict(h, series=newer)."
    )


def _x_y_problem(series: Any, covariates: Any, method: str = "fit") -> str | None:
    """What refuses scikit-learn's ``fit(X, y)`` order: a ``series`` of several columns (the
    features) beside 1-D ``covariates`` (the target) given by position was fitted without a
    word, forecasting X's first column from the others and y; None for any other pair. Only
    by position: ``fit(X, covariates=y)`` names y a past covariate, as a frame of the target
    and covariates beside one more is meant. ``method``: the call the message shows."""
    columns = np.shape(series)[1] if np.ndim(series) == 2 else 0
    if not (
        isinstance(series, pd.DataFrame | np.ndarray)
        and isinstance(covariates, pd.Series | np.ndarray)
        and np.ndim(covariates) == 1
        and columns >= 2
        and len(series) >= columns  # a row (1, T) is told its own refusal
    ):
        return None
    named = getattr(covariates, "name", None)
    y = repr(str(named)) if named is not None else "`covariates`"
    if isinstance(series, pd.DataFrame):
        names = [str(c) for c in series.columns]
        shown = f" {names}"
        target = f"{names[0]!r} from {', '.join(map(repr, names[1:]))} and {y}"
    else:
        shown, target = "", "`series`' column 0 from its others and `covariates`"
    return (
        "`series` is the target (a frame's first column) and `covariates` past inputs beside "
        f"it, got a `series` of {columns} columns{shown} and 1-D `covariates` by position: "
        f"scikit-learn's {method}(X, y) order, which would forecast {target}. Pass the "
        f"target first, {method}(y, covariates=X); or, to forecast X's first column from its "
        f"others and y, name y: {method}(X, covariates=y)."
    )


def _zone_problem(index: object, zone: str | None) -> str | None:
    """What refuses a newer history whose timestamps carry another time zone than the training
    data's, ``zone``, and so other clock times (UTC for Europe/Berlin): the calendar inputs
    read the local clock, so the same instants were read an hour or more off with no word and
    the forecast labelled in the other zone (a daily one was told of irregular steps); None
    where ``index`` has no zone, ``zone`` is None, or every clock time agrees (Etc/UTC for
    UTC, fixed offsets that are the training zone's). Python's alone: a file's stamps across
    daylight saving are read in UTC (a note says so), which no line of the file can change."""
    if zone is None or not isinstance(index, pd.DatetimeIndex) or index.tz is None:
        return None
    if cli_command.get() is not None or not len(index) or str(index.tz) == zone:
        return None  # the trained zone: no clock to compare (it cost 25 ms a 200,000 points)
    if (index.tz_convert(zone).tz_localize(None) == index.tz_localize(None)).all():
        return None
    got = _zone_shown(index.tz)  # America/New_York, not dateutil's tzfile('/usr/share/...')
    return (
        f"`series` must have timestamps in {zone} like the training data's, got timestamps in "
        f"{got} (first {index[0]}), whose clock times differ and would be read as the "
        f"trained ones; e.g. series.index = series.index.tz_convert('{zone}') (the same "
        "instants on the training data's clock)."
    )


def _on_clock(given: Any, zone: str | None) -> Any:
    """On the command line, ``given`` (a newer history, its covariates) with its timestamps in
    the training data's time zone ``zone`` where they carry another: a file's dates whose UTC
    offsets change at daylight saving are read in UTC, and the model fitted on a file of one
    offset (+01:00) read their clock an hour off, labelling its forecast in UTC where
    `lstmkit forecast` labelled it in +01:00. The offsets give the instants, so the trained
    clock is exact; Python's caller is told to convert (:func:`_zone_problem`) instead.
    Anything else is returned as it is."""
    index = getattr(given, "index", None)
    if (
        zone is None
        or cli_command.get() is None
        or not isinstance(given, pd.Series | pd.DataFrame)
        or not isinstance(index, pd.DatetimeIndex)
        or index.tz is None
        or str(index.tz) == zone
    ):
        return given
    moved = given.copy(deep=False)
    moved.index = index.tz_convert(zone)
    return moved


def _one_series_windows(values: np.ndarray) -> bool:
    """Whether the columns of ``values`` ``[rows, columns]`` are windows ``[samples, time
    steps]`` of one series: each row is the row before it one step on (column ``k + 1`` holds
    column ``k``'s next value), where that match tells something (below)."""
    rows, columns = values.shape
    if rows < 3 or columns < 2 or not np.array_equal(values[1:, :-1], values[:-1, 1:]):
        return False
    # no telling sign: a straight line (a constant too) beside offset copies of it; a series
    # that repeats every p steps, whose lag p - 1 (a user's lag covariate) is its lead 1 too;
    # and values so few or so alike (counts, flags) that the rows may match by chance, a run
    # of one value matched counted once, as _lead counts them (a 0/1 target that steps up
    # once beside a flag that did a step before: one coincidence, not one per row)
    series = np.concatenate([values[:, 0], values[-1, 1:]])
    runs = columns - 1 + np.count_nonzero(np.diff(values[1:, :-1], axis=0))
    return not (
        np.ptp(np.diff(values[:, 0])) == 0
        or _period(series.tolist()) <= len(series) // 2
        or _alike(series) ** runs > _BY_CHANCE
    )


# the chance below which an exact match of a column with the series' next values is no accident
_BY_CHANCE = 1e-6


def _alike(series: np.ndarray) -> float:
    """The chance that two of ``series``' values, drawn at random, are equal."""
    _, counts = np.unique(series, return_counts=True)
    return float(np.sum((counts / len(series)) ** 2))


def _windows_problem(frame: pd.DataFrame, table: bool = False) -> str | None:
    """Why ``frame`` (the ``series`` read) is no series, where each row is the row before it
    one step on (column ``k + 1`` holds column ``k``'s next value): windows ``[samples, time
    steps]`` of one series, as the Keras tutorial's ``create_dataset`` or
    :func:`lstmkit.data.make_windows` cut them, which ``fit`` read as a target and covariates
    holding its next values, without a word. None otherwise, and where the match tells
    nothing (:func:`_one_series_windows`). ``table``: the windows came as a DataFrame (the
    fix indexes it by ``.iloc``)."""
    if not _one_series_windows(frame.to_numpy(dtype=float)):
        return None
    rows, columns = frame.shape
    at = ".iloc" if table else ""  # X[:, 0] of a DataFrame is a KeyError
    return (
        f"`series` must be a series [T, F], got {rows} windows of {columns} steps of one "
        "series ([samples, time steps]): each row is the row before it one step on, so "
        + (
            "its column 1 would be a covariate that holds"
            if columns == 2
            else f"its columns 1 to {columns - 1} would be covariates that hold"
        )
        + " the target's next values. "
        "The Forecaster cuts its own windows (`lookback`): pass the series itself, "
        f"np.concatenate([X{at}[:, 0], X{at}[-1, 1:]]) for these windows X."
    )


def _split_windows_problem(frame: pd.DataFrame, cov: pd.DataFrame, table: bool) -> str | None:
    """Why the covariates ``cov`` (read) are refused beside the target ``frame`` (read, one
    column), where the two are the columns of windows ``[samples, time steps]`` of one
    series split as ``fit(X[:, 0], covariates=X[:, 1:])``: each covariate column holds the
    target some steps ahead. None otherwise (:func:`_one_series_windows`). ``table``: the
    covariates came as a DataFrame (the fix indexes it by ``.iloc``)."""
    if frame.shape[1] != 1 or not _one_series_windows(
        np.column_stack([frame.to_numpy(dtype=float), cov.to_numpy(dtype=float)])
    ):
        return None
    rows, columns = len(frame), cov.shape[1] + 1
    at = ".iloc" if table else ""
    # a frame's columns by their labels: X.iloc[:, 1:] holds columns 1 to 4
    first, last = (cov.columns[0], cov.columns[-1]) if table else (0, columns - 2)
    return (
        "`covariates` must hold other values than the target's next ones, got "
        + ("1 column" if columns == 2 else f"{columns - 1} columns")
        + f" that with `series` make {rows} windows of {columns} steps of one series "
        f"([samples, time steps], split as X{at}[:, 0] and X{at}[:, 1:]): each row is the row "
        "before it one step on, so "
        + (
            "the covariate holds the target 1 step ahead"
            if columns == 2
            else f"covariate columns {first} to {last} hold the target 1 to {columns - 1} "
            "steps ahead"
        )
        + ", which a forecast does not know. The Forecaster cuts its own windows "
        "(`lookback`): pass the series itself, "
        f"np.concatenate([X{at}[:, 0], X{at}[-1, 1:]]) for these windows X."
    )


def _lead(target: np.ndarray, column: np.ndarray) -> int | None:
    """The fewest steps ``k >= 1`` by which ``column`` is ``target`` ahead, ``column[t] ==
    target[t + k]`` at every ``t`` that has a ``t + k`` (a past covariate that holds the
    series' future), or None. None too where the match tells nothing, by the rules of
    :func:`_one_series_windows`: a straight line (a trend beside it is a time index); a
    series that repeats every ``p <= T // 2`` steps, whose lead ``k`` is its lag ``p - k``
    too (a 12-monthly series' copy 12 steps ahead is the series itself, and its lag 11 a
    legitimate past covariate: the data cannot tell which was meant, so it is let be); and
    values so alike that the matches may be chance, more likely than one in a million (here
    a run of one value matched counts once: a flag's leading zeros beside a series' trailing
    ones are one coincidence, not one per step)."""
    n = len(target)
    if n < 3:
        return None
    leads = np.flatnonzero(target[1:] == column[0]) + 1
    if not len(leads):  # most columns: then no change of value is looked for
        return None
    # a few values rule out most offsets, each at once: where the column changes value first
    # (an offset in a long run of one value, zeros of a sparse count, rarely changes there
    # too), then its first values
    changes = np.flatnonzero(column[1:] != column[:-1])[:64] + 1
    for i in np.r_[changes, 1 : min(n, 64)].tolist():
        if not len(leads):  # (predict checks a newer history in loops: stop once none is left)
            break
        beyond = leads + i >= n  # (an offset this far matched all its points already)
        leads = leads[beyond | (target[np.minimum(leads + i, n - 1)] == column[i])]
    # (the rest only for a column that may lead: a thousand covariates of a long series
    # sorted its values a thousand times)
    if not len(leads) or np.ptp(np.diff(target)) == 0:
        return None
    alike, periodic = _alike(target), None
    # runs[k]: the runs of one value in target[k:]; a run matched is one coincidence, not one
    # per step (a promotion flag, 0 until it started, beside a discontinued product's zeros)
    runs = 1 + np.r_[np.cumsum((target[1:] != target[:-1])[::-1])[::-1], 0]
    for k in leads.tolist():  # ascending: each has fewer matches, more likely by chance
        if alike ** runs[k] > _BY_CHANCE:
            return None
        # in blocks: an offset that fails does so early
        if all(
            np.array_equal(column[a : min(a + 4096, n - k)], target[a + k : min(a + k + 4096, n)])
            for a in range(0, n - k, 4096)
        ):
            if periodic is None:
                periodic = _period(target.tolist()) <= n // 2
            return None if periodic else k
    return None


class _HeldOut(NamedTuple):
    """The rows a command line holds out after the ones it fits (:func:`_holding_out`)."""

    # [holdout, 1 + past covariates]: the target, then the past covariates; None without
    # past covariates, or where they are no numbers (fit refuses them)
    rows: np.ndarray | None
    said: str  # how the command line names the holdout: "--holdout 12"


# the held-out rows of the fit running: `lstmkit forecast` fits the file's rows before its
# holdout, and a past covariate rolled round the whole file (np.roll) holds the holdout's
# values at its first steps, which the training part alone cannot tell
_HELD_OUT: ContextVar[_HeldOut | None] = ContextVar("_HELD_OUT", default=None)


@contextlib.contextmanager
def _holding_out(rows: np.ndarray | None, said: str) -> Iterator[None]:
    """Within it, ``fit`` refuses a past covariate rolled round the training part and the
    held-out ``rows`` after it (``[holdout, 1 + past covariates]``: the target's values then
    the past covariates', as fit reads them), whose first values are the holdout's (named
    ``said``): :meth:`Forecaster._check_no_leads`; and its refusals count the points matched
    "of the training part" (:func:`_training_part`)."""
    token = _HELD_OUT.set(_HeldOut(rows, said))
    try:
        yield
    finally:
        _HELD_OUT.reset(token)


def _labels_as_given(given: Any, names: list[str]) -> list[Any]:
    """``names`` (columns as read, without their ``cov:``/``fut:``) by the labels ``given``
    (a DataFrame's columns, a Series' name) gave them, in its order: ``5`` for a frame's int
    label, which selects it (``covariates[5]``; ``'5'`` is a KeyError); a name as read where
    ``given`` has none (an array's ``x0``)."""
    if isinstance(given, pd.DataFrame):
        labels = given.columns.tolist()
    elif isinstance(given, pd.Series):
        labels = [given.name]
    else:
        labels = []
    # (a numpy scalar's repr is np.int64(5) under numpy 2)
    labels = [x.item() if isinstance(x, np.generic) else x for x in labels]
    return [
        label if label is not None and str(label) == name else name
        for name, label in zip(names, labels[: len(names)] + names[len(labels) :], strict=True)
    ]


def _said_label(label: Any) -> str:
    """A column's label as a refusal says it: a name quoted ('x'), another label as the column
    it names (``column 5``: "got 5" read as a count)."""
    return repr(label) if isinstance(label, str) else f"column {label!r}"


def _training_part(fitted: bool) -> str:
    """After a count of the points matched: on the command line, whose ``forecast`` fits the
    file's rows before the holdout (:func:`_holding_out`), " of the training part" (the user
    counted the file's); nothing in Python, with ``--holdout 0`` (the whole series is the
    training part: "143 points t < 143 of the training part" of 144 rows read as if one was
    held out), or for a newer history (``lstmkit predict --csv`` reads it all)."""
    if fitted or _HELD_OUT.get() is None:
        return ""
    return said_to_caller("", " of the training part")


def _rows_of_first(most: int) -> str:
    """The rows of the file a lag on the command line leaves without a value, by the series'
    timestamps: "the first 2 rows of the file" and "2 rows down" were other series' rows with
    --series-col or --where."""
    return (
        "row of the series' first timestamp"
        if most == 1
        else f"rows of the series' first {most} timestamps"
    )


def _moved_later(ahead: list[tuple[int, int]], name: Callable[[int], str], one: bool) -> str:
    """How a file's columns ``ahead`` (a column and the steps it leads by) are lagged on the
    command line: each column by its own lead, named where they differ ("move each of their
    values to the row 1 and 2 timestamps later" said neither which moves how far)."""

    def later(k: int) -> str:
        return "the next timestamp's row" if k == 1 else f"the row {k} timestamps later"

    steps = sorted({k for _, k in ahead})
    if len(steps) == 1:
        return f"move each of {'its' if one else 'their'} values to {later(steps[0])}"
    moves = [
        f"{and_list([name(j) for j, lead in ahead if lead == k])} to {later(k)}" for k in steps
    ]
    return "move the values of " + and_list([moves[0], *(f"those of {m}" for m in moves[1:])])


def _past_leads_problem(
    names: list[str],
    values: np.ndarray,
    leads: list[tuple[int, int]],
    series: Any,
    covariates: Any,
    fitted: bool,
    label: Callable[[int], str],
    held: Sequence[tuple[int, int]] = (),
    held_out: _HeldOut | None = None,
) -> str:
    """Why the past covariates ``leads`` (their columns in ``values`` ``[T, F]``, the frame
    :meth:`Forecaster._check_no_leads` reads, named ``names``, as ``label(j)`` says them, and
    the steps each leads the target by) are refused (:meth:`Forecaster._check_no_leads`); and
    ``held``, the columns rolled round the training part and the rows ``held_out`` after it,
    by the steps each lags the series, whose first values are the holdout's."""
    n = len(values)
    own = np.shape(series)[1] if np.ndim(series) == 2 else 1  # the series' own columns

    name = label

    def lagged(j: int, k: int) -> str:
        arg = "series" if j < own else "covariates"
        given = series if j < own else covariates
        if isinstance(given, pd.Series):
            return f"{arg}.shift({k})"
        if isinstance(given, pd.DataFrame):  # by its label: covariates[5], not ['5']
            label = given.columns.tolist()[j if j < own else j - own]
            return f"{arg}[{label!r}].shift({k})"
        rows = f"moved {k} row{plural_s(k)} down"
        if np.ndim(given) == 1:
            return f"{arg} {rows}"
        return f"{arg}[:, {j if j < own else j - own}] {rows}"

    def cut(most: int) -> str:
        return ", ".join(
            f"{a}[{most}:]" for a in ("series", "covariates")[: 1 + (covariates is not None)]
        )

    # np.roll(series, r): a lag whose first r values came round from the series' end, the
    # lead n - r on those r points, to drop, not to lag by n - r steps (a lead shorter than
    # its lag, np.roll(series, -k), is the series k steps ahead); told beside any other lead,
    # each with its own fix
    rolled = [
        (j, n - k)
        for j, k in leads
        if k > n - k and np.array_equal(values[n - k :, j], values[:k, 0])
    ]
    ahead = [(j, k) for j, k in leads if j not in {r for r, _ in rolled}]
    args = [
        a
        for a in ("series", "covariates")
        if any((j < own) == (a == "series") for j, _ in [*leads, *held])
    ]
    # rolled round the file: told with the rolled lags, in the file's count of points
    kept = len(held_out.rows) if held_out is not None and held_out.rows is not None else 0

    def held_by(r: int) -> str:
        said = held_out.said if held_out is not None else ""
        return f"held out ({said})" if r <= kept else f"the last {kept} of them held out ({said})"

    rounds = sorted([(j, r, False) for j, r in rolled] + [(j, r, True) for j, r in held])
    both = bool(rounds and ahead)  # then each fix names its columns
    part = _training_part(fitted)
    got = "; ".join(
        [
            f"{name(j)}, the series {r} step{plural_s(r)} behind rolled round, as np.roll "
            f"makes it: its first {r} value{plural_s(r)} {'is' if r == 1 else 'are'} the "
            "series' last, "
            + (
                f"{held_by(r)}, cov[t] == series[t+{n + kept - r}] at all {r} point{plural_s(r)} "
                f"t < {r} of the file"
                if in_file
                else f"cov[t] == series[t+{n - r}] at all {r} point{plural_s(r)} t < {r}"
            )
            for j, r, in_file in rounds
        ]
        + [
            f"{name(j)}, the series {k} step{plural_s(k)} ahead: cov[t] == series[t+{k}] at all "
            f"{n - k} points t < {n - k}{part}"
            for j, k in ahead
        ]
    )
    text = (
        f"{' and '.join(f'`{a}`' for a in args)} must hold past covariates known at their "
        f"own steps, not the series' future, got {got}."
    )
    if held:  # (only on the command line, which fits the rows before its holdout)
        text += " The model would be fitted on held-out values it is then scored on."
    fix = ""  # the rolled lags' fix, told after the leads' why
    if rounds:
        most, one = max(r for _, r, _ in rounds), len(rounds) == 1
        fix = (
            said_to_caller(
                f"Drop those first {most} point{plural_s(most)} ({cut(most)})",
                f"Drop the {_rows_of_first(most)}",
            )
            + f", which leaves {'a lag' if one else 'lags'} of the series"
            # a fitted model reads the covariates it was fitted on: none can be left out
            + (
                "."
                if fitted
                else f"; otherwise leave {'it' if one else 'them'}"
                + said_to_caller(" out.", " out of --covariate-cols.")
            )
        )
        if both:
            fix = f"For {', '.join(name(j) for j, _, _ in rounds)}: {fix[0].lower()}{fix[1:]}"
    if not ahead:
        return f"{text} {fix}"
    most, one = max(k for _, k in ahead), len(ahead) == 1
    *firsts, last = sorted({k for _, k in ahead})  # each once: not "1 and 1 step"
    steps = f"{', '.join(map(str, firsts))} and {last}" if firsts else str(last)
    known = (
        f"If {'it is' if one else 'they are'} known only {steps} step{plural_s(most)} after "
        f"{'its timestamp' if one else 'their timestamps'}, lag {'it' if one else 'them'}"
    )
    if both:
        known = f"For {', '.join(name(j) for j, _ in ahead)}: i{known[1:]}"
    first = f"the first {most} point{plural_s(most)}" if most > 1 else "the first point"
    it = "it" if one else "them"
    # beside a rolled lag, whose fix comes between, the why names the leads it is about
    copied = " and ".join(name(j) for j, _ in ahead) if both else it
    # a fitted model reads its covariates as it was fitted on them: they cannot be left
    # out, and it would be handed the values it forecasts
    why = (
        "The fitted network would be handed the series' future values where it reads "
        + (f"the past of {copied}" if both else f"{'its' if one else 'their'} past")
        + ": its forecasts and backtest scores would mean nothing."
        if fitted
        else f"The network would learn to copy {copied}: validation and backtest scores look "
        "excellent and mean nothing, and a forecast would need the series' own future "
        "values."
    )
    text += f" {why}" + (f" {fix}" if fix else "")
    return f"{text} " + said_to_caller(
        f"{known}, {', '.join(lagged(j, k) for j, k in ahead)}, and drop {first}, "
        f"where {'it' if one else 'they'} then {'has' if one else 'have'} no value "
        f"({cut(most)})" + ("." if fitted else f"; otherwise leave {it} out."),
        f"{known} in the file: {_moved_later(ahead, name, one)}, and drop the "
        + f"{_rows_of_first(most)}, which then "
        + ("has" if most == 1 else "have")
        + " no value"
        + ("." if fitted else f"; otherwise leave {it} out of --covariate-cols."),
    )


def _future_leaks_problem(
    names: list[str],
    values: np.ndarray,
    n_future: int,
    horizon: int | None,
    fitted: bool,
    label: Callable[[int], str],
    too_short: str | None = None,
    lag_fits: bool = True,
) -> tuple[str, bool]:
    """Why the future covariates (the last ``n_future`` columns of ``values`` ``[T, F]``,
    named ``names`` ``fut:NAME``, as ``label(j)`` says them) are refused beside the target (column
    0), or "": one that is the series ``k >= 1`` steps ahead (:func:`_lead`), which each
    forecast step reads at its own step, a later value of the series; and, with ``horizon``,
    one that is the series ``1 <= k < horizon`` steps behind, whose values at forecast steps
    ``k + 1`` to ``horizon`` are the series' own after the origin: ``predict`` reads them (a
    forecast of the airline series with ``s.shift(1)`` moved by up to 25 passengers where
    they were the last known value instead), and no one has them when forecasting. A lag of
    ``horizon`` steps or more is known in advance, and a lead of a series that repeats within
    half its length is one of its lags too (:func:`_lead`): both are let be.
    ``too_short``: why the series is too short for ``horizon`` (:meth:`Forecaster.length_problem`),
    where a lag of the horizon, the lags' other fix, cannot work (``series.shift(200)`` of 131
    points). ``lag_fits``: whether the series lagged by the horizon (``n - horizon`` points)
    is long enough to fit, else that lag is not advised either (``series.shift(100)`` of the
    144-point airline series leaves 44 points, too few for a horizon of 100). With whether a
    lag was told (the caller tells ``too_short`` first then)."""
    target, n = values[:, 0], len(values)
    ahead, behind = [], []
    repeats = None  # whether the series repeats within half its length: read once, if asked
    for j in range(len(names) - n_future, len(names)):
        # a lag first: one that repeats within half its length may lead too (cannot here:
        # _lead refuses none of those), and a rolled one leads on its first points
        if (lag := _lead(values[:, j], target)) is not None:
            # the guards on the series, not on its copy: a fill's first value broke the
            # repeats of a series that repeats every 5 steps, whose lag 1 is its lead 4
            if horizon is not None and lag < horizon:
                if repeats is None:
                    repeats = _period(target.tolist()) <= n // 2
                if not repeats:
                    behind.append((j, lag))
        elif (lead := _lead(target, values[:, j])) is not None:
            ahead.append((j, lead))
    if not ahead and not behind:
        return "", False
    part = _training_part(fitted)

    def named(found: list[tuple[int, int]]) -> str:
        return " and ".join(label(j) for j, _ in found)

    got = "; ".join(
        [
            f"{label(j)}, the series {k} step{plural_s(k)} ahead: "
            f"cov[t] == series[t+{k}] at all {n - k} points t < {n - k}{part}"
            for j, k in ahead
        ]
        + [
            f"{label(j)}, the series {k} step{plural_s(k)} behind: "
            f"cov[t] == series[t-{k}] at all {n - k} points t >= {k}{part}, so its "
            + (
                f"value at forecast step {horizon} (horizon {horizon}) is"
                if k + 1 == horizon
                else f"values at forecast steps {k + 1} to {horizon} (horizon {horizon}) are"
            )
            + " the series' own after the forecast's origin"
            for j, k in behind
        ]
    )
    text = f"`future_covariates` must be known in advance, not the series' future, got {got}."
    if ahead:
        text += (
            " The fitted network would read a later value of the series at each forecast "
            "step: its forecasts and backtest scores would mean nothing."
            if fitted
            else " Each forecast step would read a later value of the series: validation and "
            "backtest scores look excellent and mean nothing, and a forecast would need the "
            "series' own future values."
        )
        if not fitted:
            text += (
                f" Leave {named(ahead)} out"
                + said_to_caller(" (CLI: of --future-cols)", " of --future-cols")
                + "; a lagged copy, series.shift(1), is a past covariate ("
                + said_to_caller("`covariates`, --covariate-cols", "--covariate-cols")
                + ")."
            )
    # one lag of horizon - 1 steps: one value, at the last forecast step
    values_read = "that value" if [k + 1 for _, k in behind] == [horizon] else "those values"
    if behind and fitted:
        # a fitted model reads the columns it was fitted on: none can be passed otherwise
        text += (
            f" The fitted network would read {values_read}, which no one has when a forecast "
            "is made: its forecasts and backtest scores would mean nothing."
        )
    elif behind:
        text += (
            f" A forecast would need {values_read}, which no one has when it is made. Pass "
            f"{named(behind)} as "
            + ("a past covariate" if len(behind) == 1 else "past covariates")
            + " ("
            + said_to_caller("`covariates`, --covariate-cols", "--covariate-cols")
            + "), read up to the origin"
        )
        # (a series too short for the horizon is shorter still lagged)
        if too_short is None and lag_fits:
            text += (
                ", or lag "
                + ("it" if len(behind) == 1 else "them")
                + f" by at least the horizon, {horizon} steps"
                + said_to_caller(
                    f" (series.shift({horizon}))",
                    # the series', as series.shift(horizon): the column's own moved as far
                    # would be lagged by k + horizon steps
                    f" (the series' values, each moved to the row {horizon} timestamps later "
                    "in the file)",
                )
            )
        text += "."
    if fitted:
        text += " Give the values known in advance, as fit was given them."
    return text, bool(behind)


def _period(values: list[float]) -> int:
    """The fewest steps ``p`` after which ``values`` repeat (``values[p:] == values[:-p]``),
    ``len(values)`` where they do not: Knuth-Morris-Pratt's failure function, whose last entry
    is the longest prefix that is also a suffix."""
    border = [0] * len(values)
    k = 0
    for i in range(1, len(values)):
        while k and values[i] != values[k]:
            k = border[k - 1]
        if values[i] == values[k]:
            k += 1
        border[i] = k
    return len(values) - k


def _along_a_row(series: object) -> str:
    """What to do with ``series``, a 2-D array or DataFrame wider than long (``(1, T)``; a
    frame from a wide CSV), whose rows are read as the time steps: transpose it; "" for
    another."""
    shape = getattr(series, "shape", ())
    if not (kind := _wide(series)):
        return ""
    return (
        f"`series` is {kind} of shape {shape}, whose rows are the time steps (target in "
        f"column 0, covariates after); transpose it (series.T, shape {shape[::-1]}) if its "
        f"{shape[1]} columns are the steps."
    )


def _wide(series: object) -> str:
    """``"an array"`` where ``series`` is one wider than long (``(1, T)``), ``"a DataFrame"``
    where it is a frame of one row (from a wide CSV: a frame of named columns and more rows
    is a short series with covariates), "" for another."""
    shape = getattr(series, "shape", ())
    if len(shape) != 2 or shape[1] <= shape[0]:
        return ""
    if isinstance(series, np.ndarray):
        return "an array"
    return "a DataFrame" if isinstance(series, pd.DataFrame) and shape[0] == 1 else ""


def _on_weekdays(trained: str, day: int, given: str, index: pd.DatetimeIndex) -> tuple[str, str]:
    """``trained`` and ``given`` with the weekdays their steps fall on (``day``, Monday 0, and
    that of ``index``), as ``"7D on Sundays"``, where the weeks fall on other days and neither
    code names its weekday (as ``W-MON`` does): "(7D), got 7D" would say no difference. A code
    that names its weekday stays as it is beside one that does not: "(7D), got W-TUE" did not
    say that the weeks were Mondays' and Tuesdays', "(7D on Mondays), got W-TUE" does."""

    def named(code: str) -> bool:
        return isinstance(pd.tseries.frequencies.to_offset(code), pd.offsets.Week)

    if (named(trained) and named(given)) or index[0].day_of_week == day:
        return trained, given
    days = calendar.day_name[day], calendar.day_name[index[0].day_of_week]
    return (
        trained if named(trained) else f"{trained} on {days[0]}s",
        given if named(given) else f"{given} on {days[1]}s",
    )


def _calendar_days(given: pd.DatetimeIndex, n: int) -> pd.DatetimeIndex | None:
    """``given`` moved ``n`` calendar days, as ``given + pd.DateOffset(days=n)`` moves it in a
    zone; None where one would land on a time that daylight saving skips or repeats (pandas 3
    raises a ValueError there, pandas 2 pytz's NonExistentTimeError, which no ValueError
    caught)."""
    if given.tz is None:
        return given + pd.Timedelta(days=n)
    wall = given.tz_localize(None) + pd.Timedelta(days=n)
    moved = wall.tz_localize(given.tz, nonexistent="NaT", ambiguous="NaT")
    return None if moved.isna().any() else moved


def _weekly(
    given: pd.DatetimeIndex, freq: str, steps: pd.DatetimeIndex, name: str = "future_covariates"
) -> str:
    """For weekly covariates (``given``, the argument ``name``) on another weekday (``freq``
    W-MON) than the weekly steps (W-SUN, each ending a week of the series, Monday to Sunday):
    the code for either week a value's day may stand for, one it starts or one it ends (pandas'
    W-MON), each moving a value to the step whose week holds its week's first day, with where it
    moves the first ("" for other frequencies; the steps' own weekday, or another time of day
    than theirs, where no whole days give a step's time). In a zone the days are calendar days,
    ``pd.DateOffset(days=n)``: ``pd.Timedelta(days=n)`` across daylight saving is an hour off
    (zoned covariates had no code). Which is meant, the data does not tell: 2020-01-06, a
    Monday, goes to 2020-01-12 or to 2020-01-05 (.to_period('W-SUN') was advised alone: the
    first). Past ``covariates`` must share the series' index: a move that does not give its
    steps names the steps they are of instead of code that would be refused in turn."""
    if not (freq.startswith("W-") and steps.freqstr.startswith("W-")):
        return ""
    days_of = pd.Timedelta if given.tz is None else pd.DateOffset
    start, end = (_WEEKDAYS.index(f.removeprefix("W-")) for f in (freq, steps.freqstr))
    if start == end or not (given - given.normalize() == steps[0] - steps[0].normalize()).all():
        return ""
    ahead, first = (end - start) % 7, given[0]
    days = [pd.Timestamp(2024, 1, 1 + (end + k) % 7).day_name() for k in (1, 7)]  # Mon 1 Jan
    moves = {n: _calendar_days(given, n) for n in (ahead, ahead - 7)}
    if any(m is None for m in moves.values()):
        return ""  # a zone's midnight that daylight saving skips (or repeats): no code gives it

    def moved(n: int) -> str:
        shifted = moves[n]
        to = D._label(shifted[0])
        if name == "covariates" and not shifted.equals(steps):
            # past covariates must share the series' index: moved, these would not
            return (
                f"they are of the steps {D._label(shifted[0])} … {D._label(shifted[-1])}, not "
                f"the series' {D._label(steps[0])} … {D._label(steps[-1])}: give the values "
                "of its steps"
            )
        return (
            f"{name}.index = {name}.index {'+' if n > 0 else '-'} "
            f"pd.{days_of.__name__}(days={abs(n)}) "
            f"({D._label(first)} → {to})"
        )

    day = first.day_name()
    return (
        f"stamp each value at the series' step whose week ({days[0]} to {days[1]}) holds the "
        f"first day of the value's: where a {day} starts its week, {moved(ahead)}; where it "
        f"ends one (as pandas' {freq} reads it), {moved(ahead - 7)}"
    )


def _period_restamping(
    given: pd.DatetimeIndex, steps: pd.DatetimeIndex, period: str, exact: bool = False
) -> str:
    """The code that stamps covariates given as periods of ``period`` (their start times
    ``given``) as the ``steps``: at their last day, where that is a step (``exact``: where
    they are the steps); "" else."""
    with D._business_periods():  # the user's periods of business days, made again
        ends = given.to_period(period).to_timestamp(how="end").normalize()
    hit = ends.equals(steps) if exact else ends.isin(steps).any()
    return ".to_timestamp(how='end').normalize()" if hit else ""


def _moved_past_half_a_step(
    given: pd.DatetimeIndex, made: pd.DatetimeIndex | None, steps: pd.DatetimeIndex
) -> bool:
    """Whether ``made``, ``given`` restamped (:func:`_restamped`), lies more than half of the
    steps' one length from it: days stamped 23:00 moved to that day's midnight, not the next
    one's an hour on (:func:`_time_shift`), which past covariates were told and future ones
    were not."""
    ns = steps.as_unit("ns").asi8
    if made is None or len(ns) < 2:
        return False
    moved = np.abs(given.as_unit("ns").asi8 - made.as_unit("ns").asi8)
    return bool((2 * moved > int(ns[1] - ns[0])).any())


def _restamped(
    given: pd.Index, steps: pd.DatetimeIndex, exact: bool = False
) -> tuple[str, pd.DatetimeIndex | None]:
    """The code (``.floor('h')``, ``.to_period('M').to_timestamp()``) that stamps the
    timestamps ``given`` as the ``steps`` of their frequency are, and the stamps it gives: one
    that gives the steps back from the steps and some of them from ``given`` (``exact``: all
    of them, and only them); ("", None) where none does (a zoned series of months: to_period
    drops the zone, with a warning)."""
    freq, name = steps.freq, steps.freqstr
    ways: list[tuple[str, Callable[[pd.DatetimeIndex], pd.DatetimeIndex]]] = []
    # days are no Tick from pandas 3 on; normalize() is the advice under any pandas
    tick = isinstance(freq, pd.offsets.Tick) and not isinstance(freq, pd.offsets.Day)
    if tick:  # hours, minutes: to_period('2h') starts anywhere
        ways.append((f".floor({name!r})", lambda i: i.floor(freq)))
    else:  # days, business days: at midnight
        ways.append((".normalize()", lambda i: i.normalize()))
    period = None
    if not (tick or D._business_period(name)) and steps.tz is None and given.tz is None:
        try:
            period = steps.to_period().freqstr
        except (TypeError, ValueError):  # no period of this frequency (SMS)
            pass
    if period is not None:
        start = f".to_period({period!r}).to_timestamp()"
        ways += [
            (start, lambda i: i.to_period(period).to_timestamp()),
            (
                f"{start[:-1]}how='end').normalize()",
                lambda i: i.to_period(period).to_timestamp(how="end").normalize(),
            ),
        ]
    for code, restamp in ways:
        try:
            made = restamp(given)
            if restamp(steps).equals(steps) and (
                made.equals(steps) if exact else made.isin(steps).any()
            ):
                return code, made
        except (TypeError, ValueError):  # a time that does not exist in the zone (DST)
            continue
    return "", None


def _array_columns(covariates: Any) -> Any:
    """Covariates as given, but an array (1-D or 2-D) as a DataFrame of columns ``x0``, ``x1``,
    ... (its column positions): :func:`lstmkit.data.to_frame` names an array's column 0
    ``value``, the target's name, which read ``cov:value`` beside ``cov:x1``."""
    if not isinstance(covariates, np.ndarray) or covariates.ndim not in (1, 2):
        return covariates  # to_frame refuses another array, naming its shape
    values = covariates.reshape(len(covariates), -1)
    return pd.DataFrame(values, columns=[f"x{k}" for k in range(values.shape[1])])


def _in_zone_of(covariates: Any, index: pd.Index) -> Any:
    """Past covariates as given, but a pandas object whose timestamps are in another time zone
    than the series' ``index`` written in the series' zone, as the same instants. Their steps
    were checked on their own clock first, where the month starts of a series in UTC are 09:00
    in Tokyo and the days of a series in Paris are 23 or 25 hours apart in UTC around daylight
    saving: refused as irregular (future covariates were read so already)."""
    theirs = getattr(covariates, "index", None)
    if (
        isinstance(covariates, (pd.Series, pd.DataFrame))
        and isinstance(theirs, pd.DatetimeIndex)
        and isinstance(index, pd.DatetimeIndex)
        and theirs.tz is not None
        and index.tz is not None
        and str(theirs.tz) != str(index.tz)
    ):
        return covariates.tz_convert(index.tz)
    return covariates


def _old_array_names(
    frame: pd.DataFrame, saved: list[str], covariates: Any, future_covariates: Any
) -> None:
    """Names ``frame``'s first array covariate column (``cov:x0``, ``fut:x0``) as a model saved
    before :func:`_array_columns` named it (``cov:value``, ``fut:value``, which its
    :meth:`Forecaster.history` without ``series`` keeps), so that the two agree."""
    names = list(frame.columns)
    for given, prefix in ((covariates, "cov:"), (future_covariates, _FUTURE)):
        if isinstance(given, np.ndarray) and f"{prefix}x0" in names:
            k = names.index(f"{prefix}x0")
            if saved[k] == f"{prefix}value":
                names[k] = saved[k]
    frame.columns = names


def _filled_of(frame: pd.DataFrame, series: Any, covariates: Any, first: int = 0) -> dict[str, Any]:
    """Where a fill wrote the values of the prepared ``frame`` (``series``' columns, then the
    ``covariates``'), from position ``first`` on: ``{"fill": method, "filled": {column of
    frame: positions}}`` from their ``attrs`` (:func:`lstmkit.data.read_csv`'s, ``to_frame``'s
    with a ``fill``), for the warning of a newer history far outside the training series;
    ``{}`` where none."""
    filled: dict[str, list[int]] = {}
    fill = None
    offset = 0
    for data in (series, covariates):
        attrs = getattr(data, "attrs", {})
        names = [getattr(data, "name", None)] if isinstance(data, pd.Series) else []
        names = [str(c) for c in getattr(data, "columns", names)]
        if isinstance(attrs.get("filled"), dict) and len(data) == len(frame):
            fill = attrs.get("fill", fill)
            for j, name in enumerate(names):
                made = [q for q in attrs["filled"].get(name, ()) if q >= first]
                if made and offset + j < frame.shape[1]:
                    filled[str(frame.columns[offset + j])] = made
        offset += max(len(names), 1) if data is not None else 0
    return {"fill": fill, "filled": filled} if filled else {}


def _times(index: pd.Index) -> list[str]:
    """``index``'s labels as a message writes them: ``2024-01-03`` where all are midnights,
    ISO 8601 otherwise (``2024-01-03T06:00:00``), ``str`` for positions.

    Example:
        >>> _times(pd.DatetimeIndex(["2024-01-03", "2024-01-04"]))
        ['2024-01-03', '2024-01-04']
    """
    if not isinstance(index, pd.DatetimeIndex):
        return [str(i) for i in index]
    if (index == index.normalize()).all():
        return [t.strftime("%Y-%m-%d") for t in index]
    return [t.isoformat() for t in index]


def _as_given(frame: pd.DataFrame, like: pd.DataFrame | None = None) -> pd.DataFrame:
    """``frame`` indexed as the data was given, as :meth:`Forecaster.predict` gives its
    forecast: by periods where the data had a PeriodIndex (``attrs["period"]``, read as the
    timestamps the periods start), and its steps named as given (``attrs["given_freq"]``:
    :func:`_named_steps`). ``like``: the frame whose ``attrs`` say so (default ``frame``)."""
    attrs = (frame if like is None else like).attrs
    period = attrs.get("period")
    if not period:
        return frame.set_axis(_named_steps(frame.index, attrs.get("given_freq")), axis=0)
    with D._business_periods():
        return frame.set_axis(frame.index.to_period(period), axis=0)


def _labels_of(data: Any, names: list[str]) -> str:
    """``names`` (columns as read: ``"0"``) as ``data``'s own column labels (``0``), written as
    the list that selects them (``[0, 1]``); "" where ``data`` has no such columns.

    Example:
        >>> _labels_of(pd.DataFrame(columns=[0, 1]), ["1", "0"])
        '[1, 0]'
    """
    labels = {str(label): label for label in getattr(data, "columns", ())}
    return repr([labels[name] for name in names]) if set(names) <= labels.keys() else ""


def _say_wide(frame: pd.DataFrame, series: Any, method: str) -> None:
    """Log how ``method`` (``"fit"``, ``"backtest"``) reads a wide ``series`` (``frame``
    prepared from it): a Darts user's wide frame is several targets there, the first column's
    target and the others' covariates here. Not on the command line, whose flags name them."""
    if cli_command.get() is not None or np.ndim(series) != 2 or np.shape(series)[1] < 2:
        return
    others = frame.columns[1 : np.shape(series)[1]]
    logger.info(
        "%s: the target is %r, the first column of `series`; its other %s, %s, %s: one "
        "Forecaster per target",
        method,
        str(frame.columns[0]),
        "column" if len(others) == 1 else "columns",
        shown_names(others, quote=True),
        "is a covariate (a past input), not a second target"
        if len(others) == 1
        else "are covariates (past inputs), not more targets",
    )


def _named_steps(index: pd.Index, given: str | None) -> pd.Index:
    """``index`` with its steps named ``given``, the name the user's data gave them
    (:func:`_given_freq`: ``"168h"`` for the ``"7D"`` a model reasons in); as it is without
    one. Every index a user reads from a model (a forecast, a history, inputs, residuals, a
    backtest's series) and every frequency a message names goes through it, so that a model
    fitted on 168-hour steps says "168h" wherever it names them."""
    if not given or not isinstance(index, pd.DatetimeIndex) or index.freq is None:
        return index
    # pandas 2 keeps an equal freq ("7D" for "168h") unless the old one is dropped first
    return pd.DatetimeIndex(pd.DatetimeIndex(index, freq=None), freq=given)


class _NamedOtherwise:
    """A method of Darts', NeuralForecast's, Keras', scikit-learn's or sktime's that
    :class:`Forecaster` has under another name (``_THEIR_ARGUMENTS["Forecaster"]``): missing,
    as Python says a missing name, with that name said. A class attribute, not
    ``__getattr__``, which slowed every attribute read and told an AttributeError raised
    inside a subclass's property as the property missing."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, obj: object, owner: type | None = None) -> NoReturn:
        said = _THEIR_ARGUMENTS["Forecaster"][self._name]
        told = f": {said}"
        if obj is not None and "members_" in said:
            # summary's lstmkit.summary(fc.members_[0]) on an unfitted one (Keras' summary comes
            # before fit) was None[0]: "once it is fitted", as lstmkit.summary(fc) says it
            told = forecaster_networks(obj, said)
        who = f"type object {owner.__name__!r}" if obj is None and owner else None
        who = who or f"{type(obj).__name__!r} object"
        raise AttributeError(
            f"{who} has no attribute {self._name!r}{told}.",
            name=self._name,
            obj=owner if obj is None else obj,
        )

    def __repr__(self) -> str:  # as help(Forecaster) lists it
        return f"<not here: {_THEIR_ARGUMENTS['Forecaster'][self._name]}>"


def _fit_before_origins(
    start: object, horizon: object, config: ForecasterConfig, series: object
) -> str:
    """How to fit a Forecaster for ``backtest(retrain=False, start=start, horizon=horizon)``:
    on the points before the first origin, ``fc.fit(y[:-12])`` where ``start`` is a position
    or the default (``-3 * horizon``), ``fc.fit(y[y.index < '1960-01'])`` for a time, in words
    otherwise (a ``Period``)."""
    first = as_int(start)
    if start is None:
        steps = as_int(horizon) if horizon is not None else config.horizon
        if steps is None and isinstance(series, pd.Series | pd.DataFrame | np.ndarray):
            # the horizon a fit on these dates (or positions) would take; none where they give
            # none
            index = getattr(series, "index", None)
            with contextlib.suppress(TypeError, ValueError):
                steps = D.default_horizon(pd.RangeIndex(len(series)) if index is None else index)
        first = -3 * steps if steps is not None and steps > 0 else None
    # a start past either end (start=200 or '2001-01' of 144 months) was told fc.fit(y[:200]),
    # a fit on every point, which leaves no origin out of sample: told in words, as a Period
    points = len(series) if isinstance(series, pd.Series | pd.DataFrame | np.ndarray) else None
    if first is not None and first != 0 and (points is None or -points < first < points):
        return f"fit it on the points before the first origin, fc.fit(y[:{first}])"
    if isinstance(start, str | pd.Timestamp) and _inside(start, series):
        # y[:'1960-01'] would hold its month; a Timestamp at midnight as its date, not
        # '1958-01-01 00:00:00'
        time = start
        if isinstance(start, pd.Timestamp) and start == start.normalize():
            time = str(start.date())
        return f"fit it on the points before the first origin, fc.fit(y[y.index < {str(time)!r}])"
    return "fit it on the points before the first origin (`start`)"


def _inside(start: str | pd.Timestamp, series: object) -> bool:
    """Whether ``start`` lies after the first date of ``series``' dates and not after its
    last; True where that is not known (no dates, a time that does not compare)."""
    index = getattr(series, "index", None)
    if not isinstance(index, pd.DatetimeIndex) or len(index) == 0:
        return True
    try:
        return bool(index[0] < pd.Timestamp(start) <= index[-1])
    except (TypeError, ValueError):
        return True


class Forecaster:
    """Fit a recurrent forecaster on one series (plus optional covariates) and forecast it.

    Args:
        config: the frozen configuration; ``ForecasterConfig()`` if omitted.
        **overrides: fields of :class:`ForecasterConfig` set on ``config`` (or on the
            defaults): ``Forecaster(horizon=24, cell="gru")`` is
            ``Forecaster(ForecasterConfig(horizon=24, cell="gru"))``.

    Attributes (after ``fit``):
        members_: ``nn.ModuleList`` of :class:`ForecastNet`, one per ensemble member.
        state_: the fitted preprocessing (transform, scale, lookback, history tail, interval
            widths, versions) as a JSON-serialisable dict.
        history_: training :class:`~lstmkit.train.History` of each member (with validation).
        refit_history_: the History of each member's refit on all windows (``config.refit``).

    ``members_`` and ``state_`` are None before ``fit``, so a type checker reads them as
    Optional after it too: ``assert fc.members_ is not None`` narrows them in a typed script.
    """

    # the public attributes, declared for type checkers and typing.get_type_hints(Forecaster)
    config: ForecasterConfig
    members_: nn.ModuleList | None
    state_: dict[str, Any] | None
    history_: list[History]
    refit_history_: list[History]

    def __init__(
        self, config: ForecasterConfig | None = None, **overrides: Unpack[ForecasterOptions]
    ) -> None:
        if config is not None and not isinstance(config, ForecasterConfig):
            raise TypeError(
                f"`config` must be a ForecasterConfig or None, got {type(config).__name__}; "
                "e.g. Forecaster(ForecasterConfig(horizon=3)) or Forecaster(horizon=3)."
            )
        refuse_unknown_keywords("Forecaster", overrides, "; they set fields of ForecasterConfig")
        self.config = replace(config or ForecasterConfig(), **overrides)
        # the config fit made from one with horizon=None: a refit with it unchanged starts again
        # from horizon=None, so the horizon follows the new data's frequency
        self._horizon_set_by_fit: ForecasterConfig | None = None
        # the config the networks were fitted with; see _state
        self._fitted_config: ForecasterConfig | None = None
        self.members_ = None
        self.state_ = None
        self.history_ = []
        self.refit_history_ = []

    def __setattr__(self, name: str, value: Any) -> None:
        # `fc.config = replace(fc.config, epochs=500)` sets up the next fit; a dict (or a
        # TrainConfig) was kept and failed later as "'dict' object has no attribute 'horizon'"
        if name == "config" and not isinstance(value, ForecasterConfig):
            raise TypeError(
                f"`config` must be a ForecasterConfig, got {type(value).__name__}; e.g. "
                "fc.config = dataclasses.replace(fc.config, epochs=500)."
            )
        super().__setattr__(name, value)

    # a method of Darts', NeuralForecast's, Keras', scikit-learn's or sktime's got a bare "no
    # attribute": missing still (hasattr, dir and tab completion), with the name lstmkit gives it
    historical_forecasts = _NamedOtherwise()
    cross_validation = _NamedOtherwise()
    evaluate = _NamedOtherwise()  # Keras' model.evaluate
    plot = _NamedOtherwise()  # Darts' TimeSeries.plot, where the forecast is the series
    summary = _NamedOtherwise()  # Keras' model.summary
    fit_predict = _NamedOtherwise()  # sktime's, and scikit-learn's for transformers
    score = _NamedOtherwise()  # scikit-learn's and sktime's estimator.score
    predict_interval = _NamedOtherwise()  # sktime's probabilistic forecasts
    predict_quantiles = _NamedOtherwise()
    get_params = _NamedOtherwise()  # scikit-learn's (and sktime's) estimator parameters
    set_params = _NamedOtherwise()

    def __dir__(self) -> list[str]:
        # the hints alone: a subclass's own get_params or score (a user's, for scikit-learn)
        # was hidden too
        return [
            name
            for name in super().__dir__()
            if not isinstance(inspect.getattr_static(self, name, None), _NamedOtherwise)
        ]

    def __repr__(self) -> str:
        """The config's fields that differ from the defaults, and what the model was fitted on."""
        default = ForecasterConfig()
        changed = ", ".join(
            f"{f.name}={getattr(self.config, f.name)!r}"
            for f in fields(ForecasterConfig)
            if getattr(self.config, f.name) != getattr(default, f.name)
        )
        if self.state_ is None or self.members_ is None:
            return f"Forecaster(ForecasterConfig({changed}); not fitted)"
        st = self.state_
        last = D._label(self.history().index[-1])  # a period where the data had periods
        stale = "" if self._config_problem() is None else "; config changed since the fit"
        return (
            f"Forecaster(ForecasterConfig({changed}); fitted on {st['n_train']} points of "
            f"{_target_and_covariates(st['columns'], len(st.get('future', [])))} up to {last}, "
            f"look-back {st['lookback']}, season {st['m']}{stale})"
        )

    # ---- preprocessing ----------------------------------------------------------------------

    def _prepare(self, series: Any, covariates: Any, future_covariates: Any = None) -> pd.DataFrame:
        """``series`` and its covariates as one frame: the target, the past covariates
        (``cov:NAME``), then the future covariates' values at the series' timestamps
        (``fut:NAME``)."""
        frame = self._prepare_past(series, covariates)
        frame.attrs["future"] = 0  # how many of the last columns are future covariates
        if future_covariates is None:
            return frame
        what = f"the series' {len(frame)} points"
        period, given = frame.attrs.get("period"), frame.attrs.get("given_freq")
        table = self._future_table(
            future_covariates, frame.index, what, period=period, steps_named=given
        )
        frame = pd.concat([frame, table], axis=1)
        frame.attrs["period"], frame.attrs["given_freq"] = period, given
        frame.attrs["future"] = table.shape[1]  # the last columns (a name says nothing)
        return frame

    def _future_columns(self) -> list[str]:
        """The fitted model's future covariate columns (``fut:NAME``), in their order: the
        last ``len(state_["future"])`` columns (none in saves from before they existed)."""
        st = self._state()
        k = len(st.get("future", []))
        return st["columns"][len(st["columns"]) - k :]

    def _future_table(
        self,
        future_covariates: Any,
        index: pd.Index,
        what: str,
        fewer: str | None = None,
        period: str | None = None,
        steps_named: str | None = None,
    ) -> pd.DataFrame:
        """``future_covariates`` (pandas indexed by time, or an array with one row per step of
        ``index``) at the timestamps ``index`` (``what`` they are, for messages), as columns
        ``fut:NAME``. Values outside ``index`` are not read, NaN there included, nor a gap,
        a stamp twice or rows out of order among those rows (the rows read must be in order);
        a fitted model also checks the columns against the fit's.
        ``fewer``: how the caller reads fewer steps, for values that end after the first step
        and before the last (None: it cannot). ``period``: the series' PeriodIndex frequency,
        to name its steps as periods; ``steps_named``: the name the series gave its steps
        (:func:`_named_steps`)."""
        given = D._unmasked(future_covariates)  # np.where below read a masked array's hidden values
        label = functools.partial(D._label, period=period)
        if not isinstance(given, np.ndarray | pd.Series | pd.DataFrame):
            got = _darts_hint(given, "future_covariates") or (
                f"{type(given).__name__}{D._as_numpy_hint(given, 'future_covariates')}"
            )
            raise TypeError(
                "`future_covariates` must be a pandas Series/DataFrame or a numpy array, got "
                f"{got}."
            )
        if self.state_ is not None and self.members_ is not None:
            # the fitted columns among others (a frame of the past and the plan): said before
            # the NaN of a column that no step reads (the target's, after its end)
            names = list(self._state()["future"])
            if isinstance(given, pd.DataFrame) and list(given.columns) != names:
                if hint := _selection_hint(given, names):
                    raise _unfitted_columns(names, f"{list(given.columns)}{hint}")
        stamps = getattr(given, "index", None)
        if (
            isinstance(stamps, pd.DatetimeIndex)
            and isinstance(index, pd.DatetimeIndex)
            and stamps.tz is not None
            and index.tz is not None
        ):  # the same instants in the series' zone, where a day is one step across DST too
            given = given.tz_convert(index.tz)
        shape = np.shape(given)
        if isinstance(given, np.ndarray) and (given.ndim not in (1, 2) or len(given) != len(index)):
            # ``what`` of one step is "the forecast step" (:meth:`_ahead`), which has no steps
            rows_of = (
                f"1 row, that of {what} ({label(index[0])})"
                if len(index) == 1
                else f"{len(index)} rows, one per step of {what} ({label(index[0])} … "
                f"{label(index[-1])})"
            )
            raise ValueError(
                f"`future_covariates` as an array must have {rows_of}, got shape {shape}."
            )
        read: np.ndarray | None = None  # the rows read, where some were left out
        try:
            missing, infinite, table = self._future_frame(given)
        except ValueError as error:
            read = self._unread_rows_refused(given, index, what, label, error)
            if read is None:
                raise
            # rows no step reads (a gap in the past, or after the last step) were refused as
            # a gap of the plan: read without them, which tells a refusal of the rows read;
            # NaN still of all rows, where a column's values end is read from them (a gap in
            # the past told a column with values after the steps "where its values end")
            missing = _skipped_cells(given)[0]
            given = given.iloc[read]
            _, read_inf, table = self._future_frame(given)
            infinite = np.zeros_like(missing)  # of the rows read: text elsewhere hides theirs
            infinite[read] = read_inf
        theirs = _given_freq(given, table.index)  # before the index is matched to the steps
        if isinstance(given, np.ndarray):
            table.index = index  # an array has no timestamps: row k is step k of `index`
            rows = np.arange(len(index))
        else:
            table.index = self._future_index(table.index, index)
            rows = table.index.get_indexer(index)
            if (rows < 0).any():
                absent = index[rows < 0]
                hit = table.index, index, table.attrs.get("period"), period
                # one step is named alone, and then it is the one missing: "must cover the 1
                # forecast steps, 1 steps from X to X ...: 1 of those steps is missing, X"
                steps = (
                    label(index[0])
                    if len(index) == 1
                    else f"{len(index)} steps from {label(index[0])} to {label(index[-1])}"
                )
                raise ValueError(
                    f"`future_covariates` must cover {what}, {steps}, got values from "
                    f"{D._label(table.index[0], table.attrs.get('period'))} to "
                    f"{D._label(table.index[-1], table.attrs.get('period'))}"
                    # one said as one: '1 of those steps are missing, the first 1961-03'
                    + (
                        ""
                        if len(index) == 1
                        else f": {len(absent)} of those steps are missing, the first "
                        f"{label(absent[0])}"
                        if len(absent) > 1
                        else f": 1 of those steps is missing, {label(absent[0])}"
                    )
                    + f"{_no_step_hit(*hit, named=(theirs, steps_named))}."
                )
            named = (_named_steps(index, steps_named), _named_steps(table.index, theirs))
            if problem := self._between_steps_problem(table, index, what, *named):
                raise ValueError(problem)
        for cells, wanted, got, fix in (
            (
                missing,
                "hold a value",
                "NaN",
                "; fill {} (lstmkit.data.to_frame(..., fill='ffill')) or give the {}",
            ),
            (infinite, "be finite", "inf", ""),
        ):
            at = rows if read is None else read[rows]  # the steps' rows of all given
            bad = cells[at]  # only the steps read: the other rows may hold anything
            if bad.any():
                row, col = (int(k[0]) for k in np.nonzero(bad))
                cells_bad = int(bad.sum())
                # one cell said as one: 'fill them ... or give the values' of a single NaN
                fix = fix.format(*(("it", "value") if cells_bad == 1 else ("them", "values")))
                if got == "NaN" and cells[at[row] :, col].all():
                    # the column ends there: a fill would make up the plan, and to_frame
                    # refuses to fill after the last value; fewer steps read it if it ends
                    # after the first
                    fix = (
                        ", where its values end: no fill makes up values known in advance, so "
                        "give them" + (f", or {fewer}" if fewer and row else "")
                    )
                raise ValueError(
                    f"`future_covariates` must {wanted} at "
                    + (what if len(index) == 1 else f"every step of {what}")
                    + f", got {got} in "
                    f"column {str(table.columns[col])!r} at {label(index[row])}"
                    + and_more(cells_bad, 1)
                    + f"{fix}."
                )
        table = table.iloc[rows].set_axis(index, axis=0)
        table.columns = [f"{_FUTURE}{c}" for c in table.columns]
        if self.state_ is not None and self.members_ is not None:
            names = list(self._state()["future"])
            got = [c.removeprefix(_FUTURE) for c in table.columns]
            by_position = isinstance(given, np.ndarray)  # an array's columns have no names
            if len(got) != len(names) or (not by_position and got != names):
                raise _unfitted_columns(
                    names,
                    f"an array of {len(got)} column{plural_s(len(got))}"
                    if by_position
                    else f"{got}{_rename_hint(given, names)}",
                )
        return table

    def _future_frame(self, given: Any) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
        """The future covariates ``given`` (:meth:`_future_table`'s, unmasked) as a frame, their
        NaN and inf cells (``[rows, columns]``) read as 0 there: those are refused where they
        are read (:meth:`_future_table`), not in rows outside the steps read."""
        missing, infinite = _skipped_cells(given)
        skipped = (missing | infinite).reshape(np.shape(given))
        if isinstance(given, np.ndarray):
            filled: Any = np.where(skipped, 0.0, given)
        else:
            filled = given.where(~skipped, 0.0)
        stamps = getattr(given, "index", None)
        if (
            isinstance(stamps, pd.DatetimeIndex | pd.PeriodIndex)
            and len(stamps) < 3
            and not stamps.has_duplicates
        ):
            # the values of a forecast of one or two steps alone: too few timestamps for
            # to_frame to tell their frequency ("needs at least 3 timestamps"), which the
            # steps they are matched to below have already
            table = D._to_frame(filled, name="future_covariates", few=True)
        else:
            with D._days_trained(self._trained_step()):  # hours open on its steps' days
                table = D.to_frame(_array_columns(filled), name="future_covariates")
        return missing, infinite, table

    @staticmethod
    def _unread_rows_refused(
        given: Any, index: pd.Index, what: str, label: Callable[[Any], str], error: ValueError
    ) -> np.ndarray | None:
        """Where to_frame refused the future covariates ``given`` (``error``), whose timestamps
        are in order, and each of the steps ``index`` (``what`` they are) that they reach has
        its row: the positions of the rows from the first step to the last, which are all that
        is read (a gap or a stamp twice before the series' end, or after the forecast's last
        step, was refused though no step reads those rows). Otherwise None, but for a missing
        step, which is refused saying that ``future_covariates`` must hold a row for each of
        ``what``: the one message of every reader of them (predict's forecast steps; history,
        fit and a newer series in predict, the series' points)."""
        stamps = getattr(given, "index", None)
        if isinstance(stamps, pd.PeriodIndex) and not isinstance(index, pd.PeriodIndex):
            stamps = stamps.to_timestamp()  # their periods' starts, as the steps are read
        if not (
            isinstance(stamps, pd.DatetimeIndex)
            and isinstance(index, pd.DatetimeIndex)
            and (stamps.tz is None) == (index.tz is None)
        ):
            # (a zoned plan beside naive steps, or the reverse, is said so where it is read:
            # compared here, it raised pandas' TypeError "Invalid comparison")
            return None
        if not index.isin(stamps).any():
            # stamped otherwise than the steps (periods or month starts beside month-end
            # steps): no row is "missing", which was said of every step; said once the gap is
            # gone, by the steps' check (_no_step_hit)
            return None
        read = np.flatnonzero((stamps >= index[0]) & (stamps <= index[-1]))
        read_twice = stamps[read].has_duplicates
        inside = index[(index < stamps.max()) & ~index.isin(stamps)]
        if len(inside):
            # a step missing among the given rows (a gap of the plan) was advised a fill
            # alone, as the series' gap, with no word of the row per step the plan must hold
            rows = D._describe_positions([label(t) for t in inside])
            steps = f"({label(index[0])} … {label(index[-1])})"
            if stamps.is_monotonic_increasing and not stamps.has_duplicates:
                # to_frame's refusal is of the gap itself, which it names: said with the steps
                raise ValueError(
                    f"{error} The missing timestamp{' lies' if len(inside) == 1 else 's lie'} in "
                    f"{what}, of which "
                    f"`future_covariates` must hold a row each, by its timestamp "
                    f"{steps}: add a row for {rows} with their values, "
                    "or a fill makes their values up."
                ) from None
            # a stamp twice in rows no step reads is accepted, and rows out of order or a
            # read row twice name no missing step: led by them, the step was "the missing
            # timestamp(s)" of a message that named none
            also = _order_problems(stamps, stamps[read], getattr(given, "index", None), error)
            raise ValueError(
                f"`future_covariates` has no row for {rows}, in {what}, of which it must "
                f"hold a row each, by its timestamp {steps}: add a row for {rows} with "
                "their values, or a fill makes their values up." + also
            ) from None
        if not stamps[read].is_monotonic_increasing or read_twice:
            # read rows out of order, or a read row twice: said of them all, as to_frame says
            # it. Rows no step reads are as unread as a gap or a stamp twice there, in any
            # order: rows after the last step out of order were refused where a gap among
            # them was accepted
            return None
        return read if 0 < len(read) < len(stamps) else None

    @staticmethod
    def _between_steps_problem(
        table: pd.DataFrame,
        index: pd.Index,
        what: str,
        named: pd.Index | None = None,
        their_named: pd.Index | None = None,
    ) -> str | None:
        """What is wrong with future covariates (``table``, indexed as the steps ``index``)
        that have rows between two of the steps, or ``None``: values at a finer frequency
        (daily prices for a monthly series, a daily PeriodIndex) of which the forecast would
        read one per step and drop the rest unseen. Rows before and after the steps are not
        read by design; weekend rows beside steps on weekdays only (business days) neither.
        ``named``, ``their_named``: ``index`` and the table's, their steps named as given
        (:func:`_named_steps`), for the message."""
        stamps = table.index
        inside = stamps[(stamps > index[0]) & (stamps < index[-1]) & ~stamps.isin(index)]
        if isinstance(index, pd.DatetimeIndex) and (D._local(index).day_of_week < 5).all():
            inside = inside[D._local(inside).day_of_week < 5]  # a business day's weekend
        if not len(inside):
            return None
        period = table.attrs.get("period")  # named as the user's rows: their own periods
        # daily covariates beside a monthly series: both frequencies named, and a resample
        # to the series' steps that runs as written
        step = "..." if period else _resample_rule(stamps, index, _freq_said(index))
        ours = _freq_said(index if named is None else named)
        theirs = _freq_said(stamps if their_named is None else their_named)
        return (
            f"`future_covariates` must have one row per step of {what}, at the steps "
            f"themselves, got {len(inside)} row{plural_s(len(inside))} between the steps, "
            f"{'the first ' if len(inside) > 1 else ''}"
            f"{D._label(inside[0], period)}"
            + (f" (their PeriodIndex has frequency {period!r})" if period else "")
            + (
                f" (the series' frequency is {ours}, theirs {theirs})"
                if not period and ours is not None and theirs is not None
                else ""
            )
            + ": a forecast reads one value per step and would drop "
            + ("it" if len(inside) == 1 else "those")
            + " unseen. Give the "
            "values at the series' own frequency (aggregated to its steps, e.g. "
            f"future_covariates.resample({step}).max() for a flag)."
        )

    @staticmethod
    def _future_index(given: pd.Index, index: pd.Index) -> pd.Index:
        """The future covariates' timestamps ``given`` in the zone of the steps ``index``
        (the same instants may come in another zone); a naive and a zoned index are refused."""
        if not (isinstance(given, pd.DatetimeIndex) and isinstance(index, pd.DatetimeIndex)):
            if isinstance(given, pd.DatetimeIndex) != isinstance(index, pd.DatetimeIndex):
                raise ValueError(
                    "`future_covariates` must be indexed like the series, by "
                    + ("timestamps" if isinstance(index, pd.DatetimeIndex) else "positions")
                    + ", got "
                    + ("timestamps." if isinstance(given, pd.DatetimeIndex) else "positions.")
                )
            return given
        if (given.tz is None) != (index.tz is None):
            raise ValueError(
                f"`future_covariates` must have timestamps in the series' time zone "
                f"({index.tz or 'none'}), got {given.tz or 'timestamps without one'}"
                + (
                    f"; e.g. future_covariates.tz_localize('{index.tz}')."
                    if given.tz is None
                    else "; e.g. future_covariates.tz_convert(None) (in UTC) or .tz_localize("
                    "None) (their clock times), whichever the series' timestamps are."
                )
            )
        return given if given.tz is None else given.tz_convert(index.tz)

    def _scaled_future(self, values: np.ndarray) -> np.ndarray:
        """Future covariate values (``[..., F_fut]``, original units) scaled as the encoder
        scales their past values: with the training part's mean and standard deviation."""
        k = len(self._future_columns())
        st = self._state()
        mean, std = np.asarray(st["cov_mean"]), np.asarray(st["cov_std"])
        return (values - mean[len(mean) - k :]) / std[len(std) - k :]

    def _prepare_past(self, series: Any, covariates: Any) -> pd.DataFrame:
        for given, name in ((series, "series"), (covariates, "covariates")):
            if hint := _darts_hint(given, name):
                raise TypeError(
                    f"`{name}` must be a pandas Series/DataFrame or a numpy array, got {hint}."
                )
        if isinstance(series, np.ndarray) and series.ndim == 3:
            raise ValueError(
                f"`series` must be 1-D or 2-D [T, F], got shape {series.shape}: windows "
                "[samples, time steps, features], as lstmkit.data.split_windows gives them; "
                "the Forecaster cuts its own (`lookback`), so pass the series they were cut "
                "from (y[train], not split.train.X)."
            )
        if problem := _several_series_problem(series):
            raise TypeError(problem)
        frame = D.to_frame(series, name="series")
        # columns named by hand are a table of their own; windows come as arrays (or frames
        # of them, columns 0, 1, ...)
        table = isinstance(series, pd.DataFrame)
        unnamed = not table or isinstance(series.columns, pd.RangeIndex)
        if unnamed and (problem := _windows_problem(frame, table)):
            raise ValueError(problem)
        if frame.columns[0] in frame.attrs.get("booleans", []):
            raise ValueError(
                f"`series` must hold numbers to forecast in its target column "
                f"{str(frame.columns[0])!r}, got booleans (True/False, read as 1 and 0): "
                "forecast a number, such as how often it is True per week "
                "(target.astype(float).resample('W').mean()); a flag known in advance (a "
                "holiday) is a covariate (covariates= or future_covariates=), read as 1 and 0."
            )
        if table and not unnamed and (problem := _time_target_problem(series, frame)):
            raise ValueError(problem)
        if covariates is not None:
            covariates = _in_zone_of(covariates, frame.index)
            cov = D.to_frame(_array_columns(covariates), name="covariates")
            if isinstance(covariates, np.ndarray) and len(cov) == len(frame):
                cov.index = frame.index  # an array has no timestamps: row t is the series' t
            if len(cov) != len(frame) and (row := _along_a_row(series)):
                # the series' steps along a row: told first, as fit tells it (not that the
                # covariates' come after its one point)
                raise ValueError(
                    f"`covariates` must have the series' {len(frame)} points, got {len(cov)}: {row}"
                )
            if len(cov) != len(frame):
                shape = getattr(covariates, "shape", ())
                turned = (
                    f" (an array of shape {shape}, whose rows are the time steps: transpose it, "
                    f"covariates.T)"
                    if isinstance(covariates, np.ndarray) and shape[-1] == len(frame)
                    else ""
                )
                # their steps and the series' named as given ("168h", not the "7D" read)
                beyond = _beyond_the_series(
                    _named_steps(cov.index, _given_freq(covariates, cov.index)),
                    _named_steps(frame.index, _given_freq(series, frame.index)),
                )
                short = _short_of_the_series(cov.index, frame.index, frame.attrs.get("period"))
                raise ValueError(
                    f"`covariates` must have the series' {len(frame)} points, got "
                    f"{len(cov)}{turned}{beyond}{short}."
                )
            dated = isinstance(cov.index, pd.DatetimeIndex) and isinstance(
                frame.index, pd.DatetimeIndex
            )
            if dated and cov.index.tz is not None and frame.index.tz is not None:
                if cov.index.tz_convert(frame.index.tz).equals(frame.index):
                    cov.index = frame.index  # the same instants, written in another zone
            if dated and (cov.index.tz is None) != (frame.index.tz is None):
                zone = frame.index.tz or cov.index.tz
                raise ValueError(
                    f"`covariates` must share the series' index, got timestamps "
                    f"{'without a time zone' if cov.index.tz is None else f'in {zone}'} for "
                    f"those {'without one' if frame.index.tz is None else f'in {zone}'} (first "
                    f"{cov.index[0]} and {frame.index[0]}); give both the same zone, e.g. "
                    + (
                        f"covariates.index = covariates.index.tz_localize('{zone}')."
                        if cov.index.tz is None
                        # the series' clock is unknown: local times in the zone, or UTC's
                        else "covariates.index = covariates.index.tz_localize(None) (their "
                        f"clock times in {zone}) or .tz_convert(None) (in UTC), whichever the "
                        "series' timestamps are."
                    )
                )
            if not cov.index.equals(frame.index):
                differ = np.asarray(cov.index, dtype=object) != np.asarray(
                    frame.index, dtype=object
                )
                where = int(np.flatnonzero(differ)[0])
                # (dated another weekday, as weekly covariates on Mondays beside a series
                # of Sundays: their frequencies, and the code that stamps them as its steps)
                periods = cov.attrs.get("period"), frame.attrs.get("period")
                named = _given_freq(covariates, cov.index), _given_freq(series, frame.index)
                hint = _no_step_hit(
                    cov.index, frame.index, *periods, name="covariates", named=named
                )
                raise ValueError(
                    f"`covariates` must share the series' index; they differ first at row "
                    f"{where}: {cov.index[where]} against the series' {frame.index[where]}{hint}."
                )
            # windows X split as fit(X[:, 0], covariates=X[:, 1:]): the covariates are the
            # target's next values (unnamed columns, as a 2-D array's or a frame's of X's; a
            # 1-D one is a covariate of its own, refused by fit as the series' lead)
            unnamed = (isinstance(covariates, np.ndarray) and covariates.ndim == 2) or (
                isinstance(covariates, pd.DataFrame)
                and isinstance(covariates.columns, pd.RangeIndex)
            )
            table = isinstance(covariates, pd.DataFrame)
            if unnamed and (problem := _split_windows_problem(frame, cov, table)):
                raise ValueError(problem)
            cov.columns = [f"cov:{c}" for c in cov.columns]
            period = frame.attrs.get("period")
            frame = pd.concat([frame, cov], axis=1)
            frame.attrs["period"] = period
        frame.attrs["given_freq"] = _given_freq(series, frame.index)  # "168h" read as "7D"
        return frame

    def _auto_lookback(self, n: int, m: int) -> int:
        """Longest of 3, 2, 1 seasons leaving ``max(24, 2m)`` complete windows, and at least one
        to train on besides a ``val_size`` set in the config (``val_size=40`` on 72 monthly
        points was refused for a look-back of 36, where one of 12 leaves 9 training windows)."""
        cfg = self.config
        h_train = 1 if cfg.strategy == "recursive" else cfg.horizon
        cands = [3 * m, 2 * m, m] if m > 1 else [24, 12, 6, 3, 1]
        for L in cands:
            windows = n - cfg.difference - L - h_train + 1
            if windows >= max(24, 2 * m) and windows > (cfg.val_size or 0):
                return L
        return cands[-1]

    def _windows(self, n: int, m: int) -> tuple[int, int]:
        """The look-back and the number of complete windows of a series of ``n`` points."""
        cfg = self.config
        h_train = 1 if cfg.strategy == "recursive" else cfg.horizon
        lookback = cfg.lookback or self._auto_lookback(n, m)
        return lookback, n - cfg.difference - lookback - h_train + 1

    def _check_names(
        self, frame: pd.DataFrame, series: Any, covariates: Any, future_covariates: Any
    ) -> None:
        """Refuse two inputs of one name: a series' column ``cov:x`` beside a covariate ``x``
        (read as ``cov:x``), or a column named like a calendar input, gave :meth:`history` and
        :meth:`encoder_inputs` two columns of that name (and ``frame[name]`` a DataFrame).
        Refuse one column given as a past and as a future covariate (the same name and
        values), as the command line refuses one named by --covariate-cols and --future-cols."""
        names = [str(c) for c in frame.columns]
        twice = next((c for c in names if names.count(c) > 1), None)
        if twice is not None:
            given = ["`series`"] + [
                f"`{arg}`"
                for arg, value in (
                    ("covariates", covariates),
                    ("future_covariates", future_covariates),
                )
                if value is not None
            ]
            raise ValueError(
                f"{' and '.join(given)} must have distinct column names once covariates are "
                f"named cov:NAME (future covariates {_FUTURE}NAME), got {names} ({twice!r} more "
                "than once); rename one."
            )
        # a wide frame's other columns are past covariates, named as given: one named fut:x
        # (as history() names a future covariate) was read as a past one and shown as x
        wide = (
            [str(c) for c in frame.columns[1 : np.shape(series)[1]]] if np.ndim(series) == 2 else []
        )
        if taken := [c for c in wide if c.startswith(_FUTURE)]:
            plain = shown_names([c.removeprefix(_FUTURE) for c in taken], quote=True)
            one = len(taken) == 1
            raise ValueError(
                f"`series` must have no column named {_FUTURE}NAME, the name of a future "
                f"covariate, got {shown_names(taken, quote=True)}: "
                + (
                    "a column of `series` beside the target is a past covariate. Pass a future "
                    f"covariate as future_covariates= under its own name ({plain}), or rename "
                    "the column."
                    if one
                    else "columns of `series` beside the target are past covariates. Pass "
                    f"future covariates as future_covariates= under their own names ({plain}), "
                    "or rename the columns."
                )
            )
        k = frame.attrs["future"]
        own = np.shape(series)[1] if np.ndim(series) == 2 else 1  # the series' own columns
        # a series' column cov:x is read as the covariate x, as history() names both
        past = [(j, "series", names[j].removeprefix("cov:")) for j in range(1, own)] + [
            (j, "covariates", names[j].removeprefix("cov:")) for j in range(own, len(names) - k)
        ]
        values = frame.to_numpy()
        both = [
            (arg, name)
            for j, arg, name in past
            for f in range(len(names) - k, len(names))
            if names[f].removeprefix(_FUTURE) == name and np.array_equal(values[:, j], values[:, f])
        ]
        if both:
            args = [a for a in ("series", "covariates") if any(arg == a for arg, _ in both)]
            got = (
                f"{' and '.join(repr(name) for _, name in both)} in both"
                if len(args) == 1
                else ", ".join(f"{name!r} in `{arg}` and `future_covariates`" for arg, name in both)
            )
            raise ValueError(
                f"{', '.join(f'`{a}`' for a in args)} and `future_covariates` must hold different "
                f"columns, got {got} (the same values). A column is a past covariate or one "
                f"known in advance, once: drop it from {' and '.join(f'`{a}`' for a in args)}; "
                "the encoder reads a future covariate's past values as it reads a past one's."
            )
        taken = [c for c in names if c in _CALENDAR] if self.config.calendar else []
        if taken:
            raise ValueError(
                f"`series` must have column names other than the calendar inputs' "
                f"{list(_CALENDAR)} (calendar=True), got {taken[0]!r}; rename it."
            )

    @staticmethod
    def _check_not_the_target(
        frame: pd.DataFrame,
        future_covariates: Any = None,
        fitted: bool = False,
        series: Any = None,
    ) -> None:
        """Refuse a future covariate that is the target itself (``future_covariates=df`` with
        the target's column among them): every forecast step would read the value it
        forecasts, so a holdout or a backtest scored almost perfectly, and a real forecast
        has no such values to give. A constant target is no such case: a covariate equal to
        it is only constant too (warned of as such, where nothing shows what it does).
        ``future_covariates`` and ``series``: as given, whose labels the refusal shows (the
        target named '7' beside "column 5" read as two kinds of name); ``fitted``: ``frame``
        is a newer history of a fitted model (:meth:`_check_newer`), whose future covariates
        cannot be left out."""
        k = frame.attrs["future"]
        if not k:
            return
        # [T, F] at once, as numbers (as _check_no_leads reads them): a column at a time
        # copied the frame's attrs (a fill's) into each, 0.3 ms of each predict
        values = frame.to_numpy(dtype=float)
        target, known = values[:, 0], values[:, values.shape[1] - k :]
        if (target == target[0]).all():
            return
        labels = _labels_as_given(
            future_covariates,
            [str(c).removeprefix(_FUTURE) for c in frame.columns[frame.shape[1] - k :]],
        )
        same = [_said_label(labels[j]) for j in range(k) if np.array_equal(known[:, j], target)]
        if not same:
            return
        (name,) = _labels_as_given(series, [str(frame.columns[0])])
        got = (
            f"`future_covariates` must be known in advance, not the target, got {same[0]}, "
            f"equal to {_said_label(name)} at all of the series' {len(target)} points: "
        )
        if fitted:
            raise ValueError(
                f"{got}the fitted network would read the value it forecasts at each forecast "
                "step, and its forecasts and backtest scores would mean nothing. Give the "
                "values known in advance, as fit was given them."
            )
        raise ValueError(
            f"{got}each forecast step would read the value it forecasts. "
            f"Leave it out{said_to_caller(' (CLI: of --future-cols)', ' of --future-cols')}; "
            "a lagged copy, series.shift(1), is a past covariate ("
            + said_to_caller("`covariates`, --covariate-cols", "--covariate-cols")
            + ")."
        )

    @staticmethod
    def _check_no_leads(
        frame: pd.DataFrame,
        series: Any,
        covariates: Any,
        fitted: bool = False,
        horizon: int | None = None,
        future_covariates: Any = None,
        too_short: str | None = None,
        lag_fits: bool = True,
    ) -> None:
        """Refuse a covariate that holds the series' future, every one at once: a past
        covariate that is the series some steps ahead (``cov[t] == series[t + k]``,
        :func:`_lead`): ``covariates=s.shift(-1)`` was fitted, the network learnt to copy it,
        validation and backtest scores looked excellent and meant nothing, and a forecast
        needed the series' own future values; a future covariate that is the series some steps
        ahead, which each forecast step reads at its own step; and, with ``horizon``, one
        that is the series ``k < horizon`` steps behind, whose values at the forecast steps
        after the ``k``-th are the series' after the origin (:func:`_future_leaks_problem`).
        Read as fit reads them (numbers, booleans as 1 and 0, after a fill). A lag of the
        series (``s.shift(1)``) is fitted as a past covariate.
        Within :func:`_holding_out` (``lstmkit forecast``, which fits the rows before its
        holdout), also a past covariate rolled round the training part and the held-out rows,
        as ``np.roll`` of the file's column makes it: its first values are the holdout's,
        which the training part alone cannot tell from a lag.
        ``fitted``: ``frame`` is a newer history of a fitted model (:meth:`_check_newer`),
        which the refusal says; its covariates cannot be left out. ``future_covariates``: as
        given, whose labels the refusal shows (those of ``series`` and ``covariates`` too).
        ``too_short``: why the series is too short for ``horizon``, told first beside a future
        lag, whose lag of the horizon cannot work then (:func:`_future_leaks_problem`);
        ``lag_fits``: whether the series lagged by the horizon is long enough to fit, else
        that lag is not advised."""
        names = [str(c) for c in frame.columns]
        n_future = frame.attrs.get("future", 0)
        if len(names) == 1:  # the target alone: nothing to read
            return
        values = frame.to_numpy(dtype=float)
        target = values[:, 0]
        stop = len(names) - n_future  # the past covariates' end
        past = range(1, stop)
        held_out = None if fitted else _HELD_OUT.get()
        held = []  # (column, lag): rolled round the training part and the held-out rows
        if (
            held_out is not None
            and held_out.rows is not None
            and len(past)
            and held_out.rows.shape[1] == stop
        ):
            whole = np.concatenate([values[:, :stop], held_out.rows])
            n = len(whole)
            for j in past:
                k = _lead(whole[:, 0], whole[:, j])
                if k is not None and k > n - k and np.array_equal(whole[n - k :, j], whole[:k, 0]):
                    held.append((j, n - k))
        told = {j for j, _ in held}
        leads = [
            (j, lead)
            for j in past
            if j not in told and (lead := _lead(target, values[:, j])) is not None
        ]

        @functools.cache
        def shown() -> list[str]:  # the columns by the user's labels, once a refusal names one
            own = min(np.shape(series)[1] if np.ndim(series) == 2 else 1, stop)
            bare = (
                names[:own]
                + [c.removeprefix("cov:") for c in names[own:stop]]
                + [c.removeprefix(_FUTURE) for c in names[stop:]]
            )
            return [
                _said_label(x)
                for x in _labels_as_given(series, bare[:own])
                + _labels_as_given(covariates, bare[own:stop])
                + _labels_as_given(future_covariates, bare[stop:])
            ]

        def label(j: int) -> str:
            return shown()[j]

        future, lagged = _future_leaks_problem(
            names, values, n_future, horizon, fitted, label, too_short, lag_fits
        )
        problems = [
            too_short if lagged and too_short else "",
            _past_leads_problem(
                names, values, leads, series, covariates, fitted, label, held, held_out
            )
            if leads or held
            else "",
            future,
        ]
        if any(problems):
            raise ValueError(" ".join(p for p in problems if p))

    def _val_windows(self, n_windows: int, m: int) -> int:
        """How many of the last complete windows validate (``val_size`` by default)."""
        return self.config.val_size or min(max(4, m), max(1, n_windows // 4))

    def length_problem(self, n: int, m: int) -> str | None:
        """Why ``fit`` would refuse a series of ``n`` points with season ``m`` as too short
        (the message it raises), or ``None``: callers check their splits before training.

        Raises:
            ValueError: for a config with ``horizon=None`` (``fit`` sets it from the data).
        """
        cfg = self.config
        if cfg.horizon is None:
            raise ValueError(
                "`horizon` must be set to check a length, got None (fit sets it from the "
                "data's frequency: lstmkit.data.default_horizon(index))."
            )
        h_train = 1 if cfg.strategy == "recursive" else cfg.horizon
        L, n_windows = self._windows(n, m)
        n_val = self._val_windows(n_windows, m)
        if n_windows - n_val >= 1:
            return None
        need = cfg.difference + L + h_train + n_val
        return (
            f"the series is too short: lookback ({L}) + horizon ({h_train}) + differencing "
            f"({cfg.difference}) + validation windows ({n_val}) need at least {need} points, "
            f"got {n}."
        )

    def _fits_with_lookback(self, n: int, m: int, lookback: int) -> bool:
        """Whether :meth:`length_problem` accepts ``n`` points with this ``lookback``."""
        return Forecaster(replace(self.config, lookback=lookback)).length_problem(n, m) is None

    def _longest_lookback(self, n: int, m: int) -> int | None:
        """The longest look-back shorter than :meth:`_windows`' that :meth:`length_problem`
        accepts for ``n`` points, ``None`` where none does: what fit, the CLI's "series too
        short" and a backtest's first origin advise."""
        longest = self._windows(n, m)[0]
        fitting = (k for k in range(longest - 1, 0, -1) if self._fits_with_lookback(n, m, k))
        return next(fitting, None)

    def _calendar(self, index: pd.Index) -> np.ndarray:
        """The calendar columns of ``state_["calendar"]`` for ``index``, ``[T, C]``."""
        st = self._state()
        names = st["calendar"]
        if not names:
            return np.zeros((len(index), 0))
        cal = D.calendar_inputs(index, st["m"])[names]
        if (
            st["time_of_day"] == "hourly"
            and D._day_step(index, st["m"])  # a DatetimeIndex with a frequency
            and not (D._freq_code(index) == "H" and index.freq.n == 1)
        ):
            # Saved before minute data had a season: a day of other steps than hours (two
            # hours, 15 minutes) was trained on the steps since 1970, counted in UTC.
            angle = 2.0 * np.pi * (D._steps(index) % st["m"]) / st["m"]
            cal = cal.assign(**{"season sin": np.sin(angle), "season cos": np.cos(angle)})
        if (
            st["m"] == 7
            and "season sin" in names
            and _saved_in_hours(st.get("history", {}).get("freq"))
        ):
            # Saved before "24h" read as "D" (data._in_days): trained on the days since 1970,
            # counted in UTC, where the calendar now reads 24-hour steps' local weekday
            angle = 2.0 * np.pi * (D._steps(index) % 7) / 7
            cal = cal.assign(**{"season sin": np.sin(angle), "season cos": np.cos(angle)})
        if st["steps"] == "counted" and "season sin" in names and D._business_hours_counted(index):
            # Saved before business hours in steps that do not divide the business day had a
            # season ("3bh"): a season_length given then was trained on the wall clock's hours
            angle = 2.0 * np.pi * (D._wall_clock_hours(index) % st["m"]) / st["m"]
            cal = cal.assign(**{"season sin": np.sin(angle), "season cos": np.cos(angle)})
        if (
            st["steps"] == "elapsed"
            and isinstance(index, pd.DatetimeIndex)
            and D._freq_code(index) in _ELAPSED_STEPS
        ):
            # Saved before half months, custom business days and business hours had a season:
            # a season_length given then was trained on the time since 1970 (in UTC) in steps
            # of the smallest gap between timestamps
            angle = 2.0 * np.pi * (D._elapsed_steps(index, index.freq) % st["m"]) / st["m"]
            cal = cal.assign(**{"season sin": np.sin(angle), "season cos": np.cos(angle)})
        return cal.to_numpy()

    def _reads(self) -> int:
        """The points before its first step that a forecast reads: the look-back, and the
        differencing lag that turns them into the differences the network sees."""
        return self._state()["lookback"] + self.config.difference

    def _trained_step(self) -> pd.DateOffset | None:
        """The step of the training data as saved (:func:`_saved_freq`), which a newer history
        without a frequency is read on where it is custom business hours with holidays
        (:func:`lstmkit.data._days_trained`); None before a fit and for data without one."""
        hist = (self.state_ or {}).get("history") or {}
        return _saved_freq(hist) if hist.get("freq") else None

    def _state(self, *, check_config: bool = True) -> dict[str, Any]:
        if self.state_ is None or self.members_ is None:
            raise NotFittedError("this Forecaster is not fitted; call fit() first.")
        if check_config and self.config is not self._fitted_config:
            problem = self._config_problem()
            if problem:
                raise ValueError(problem)
        return self.state_

    def _config_problem(self) -> str | None:
        """What is wrong with a ``config`` replaced since the fit in a field the fitted model
        depends on, or None.

        ``fc.config = replace(fc.config, horizon=None)`` on a fitted Forecaster made
        ``predict`` fail with a TypeError deep inside; other fields (``anchor``, ``difference``)
        changed its forecasts silently. The fields only training reads may change: they are
        for the next fit.
        """
        fitted = self._fitted_config
        if fitted is None:  # members_ and state_ set by hand: nothing to compare
            return None
        changed = [
            f.name
            for f in fields(ForecasterConfig)
            if f.name not in _NEXT_FIT_ONLY
            and getattr(self.config, f.name) != getattr(fitted, f.name)
            and not (f.name == "device" and same_device(self.config.device, fitted.device))
        ]
        if not changed:
            return None
        was = ", ".join(f"{name}={getattr(fitted, name)!r}" for name in changed)
        now = ", ".join(f"{name}={getattr(self.config, name)!r}" for name in changed)
        return (
            f"`config` was changed after fit ({now}), but the fitted model was made with "
            f"{was}. Call fit() again, or put them back: fc.config = replace(fc.config, {was})."
        )

    def _to_t(self, y: np.ndarray) -> np.ndarray:
        return np.log(y) if self._state()["log"] else np.asarray(y, dtype=float)

    def _from_t(self, t: np.ndarray) -> np.ndarray:
        return np.exp(t) if self._state()["log"] else t

    def _features(
        self, d: np.ndarray, cov: np.ndarray, cal: np.ndarray
    ) -> tuple[np.ndarray, float]:
        """Scaled encoder inputs ``[L, F]`` for one window of ``d``-space values, and its level."""
        x, levels = self._features_of(d[None], cov[None], cal[None])
        return x[0], float(levels[0])

    def _features_of(
        self,
        d: np.ndarray,
        cov: np.ndarray,
        cal: np.ndarray,
        out: np.ndarray | None = None,
        *,
        cov_scaled: bool = False,
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`_features` of ``N`` windows at once: ``d`` ``[N, L]``, ``cov`` ``[N, L, C]``
        and ``cal`` ``[N, L, K]`` give the inputs ``[N, L, 1 + C + K]`` (written into ``out``
        when given, e.g. a float32 array) and the levels ``[N]``. The level is the mean of the
        window's last season (``scaling="window"``, the whole window when ``m == 1``), else 0.
        ``cov_scaled``: ``cov`` holds :meth:`_scaled_covariates` already (windows of a series
        scaled once, rather than every point again in each of the ``L`` windows it is in).
        """
        st = self._state()
        if st["scaling"] == "window":
            levels = _window_levels(d, st["m"])
            x = (d - levels[:, None]) / st["scale"]
        else:
            levels = np.zeros(len(d))
            x = (d - st["loc"]) / st["scale"]
        n_cov = cov.shape[2]
        if out is None:
            out = np.empty((*d.shape, 1 + n_cov + cal.shape[2]))
        out[:, :, 0] = x
        if n_cov:
            out[:, :, 1 : 1 + n_cov] = cov if cov_scaled else self._scaled_covariates(cov)
        out[:, :, 1 + n_cov :] = cal
        return out, levels

    def _scaled_covariates(self, cov: np.ndarray) -> np.ndarray:
        """Covariate values (``[..., C]``, original units) standardized as the encoder reads
        them: with the training part's mean and standard deviation."""
        st = self._state()
        return (cov - np.asarray(st["cov_mean"])) / np.asarray(st["cov_std"])

    def _anchor(self, d: np.ndarray, level: float, horizon: int) -> np.ndarray:
        """What a network output of 0 forecasts for the ``horizon`` steps after window ``d``.

        ``anchor="level"``: the window's level (``_features``) at every step. ``"season"``: the
        seasonal-naive forecast, ``d[-m + (h mod m)]`` for step ``h``. ``"smooth"``:
        :func:`smoothed_season` of the window, so one odd month does not repeat a year later.
        ``"season"`` and ``"smooth"`` need ``m > 1`` and a window of at least one season;
        otherwise the level.
        """
        return self._anchors(d[None], np.array([level]), horizon)[0]

    def _anchors(self, d: np.ndarray, levels: np.ndarray, horizon: int) -> np.ndarray:
        """:meth:`_anchor` of ``N`` windows ``d`` (``[N, L]``, levels ``[N]``): ``[N, horizon]``."""
        m = self._state()["m"]
        if _reads_a_season(self.config.anchor, m, d.shape[1]):
            last = d[:, -m:] if self.config.anchor == "season" else d
            return _smoothed_seasons(last, m)[:, np.arange(horizon) % m]
        return np.repeat(levels[:, None], horizon, axis=1)

    def _new_net(self, input_size: int, step_input_size: int) -> ForecastNet:
        """An untrained member for this config (``step_input_size``: the inputs per forecast
        step, the decoder's for seq2seq, the future covariates for direct)."""
        return _build_net(self.config, input_size, step_input_size)

    def _decoder_inputs(
        self, index: pd.Index, horizon: int, ahead: np.ndarray | None = None
    ) -> np.ndarray:
        """seq2seq's decoder inputs ``[horizon, 1 + K + F_fut]`` for the steps after ``index``:
        a constant, their calendar and their future covariates ``ahead`` (original units)."""
        fut = D.future_index(index, horizon)
        scaled = np.empty((horizon, 0)) if ahead is None else self._scaled_future(ahead)
        return self._decoder_layout(self._calendar(fut), scaled)

    @staticmethod
    def _decoder_layout(
        calendar: np.ndarray, future: np.ndarray, dtype: type = np.float64
    ) -> np.ndarray:
        """seq2seq's decoder inputs ``[..., horizon, 1 + K + F_fut]`` from the steps' calendar
        ``[..., horizon, K]`` and their scaled future covariates ``[..., horizon, F_fut]``: a
        constant, the calendar, the future covariates, the columns the decoder is built for
        (one forecast's, a chunk of windows' or of origins')."""
        k = calendar.shape[-1]
        out = np.ones((*calendar.shape[:-1], 1 + k + future.shape[-1]), dtype=dtype)
        out[..., 1 : 1 + k] = calendar
        out[..., 1 + k :] = future
        return out

    # ---- fit ----------------------------------------------------------------------------------

    @_their_arguments
    @no_default_device
    @_refuses_x_y
    def fit(self, series: Any, covariates: Any = None, future_covariates: Any = None) -> Self:
        """Fit on ``series`` (target; pandas Series/DataFrame or numpy) and optional covariates.

        A DataFrame's first column is the target and the others are covariates, not more targets
        (Darts reads a wide frame as a multivariate series; here it is one Forecaster per target,
        and ``fit(df["y"], covariates=df[["a", "b"]])`` says which is which); ``covariates`` (same
        index) adds more. The log (INFO) and ``repr`` name the target and the covariates.
        Covariates are used as past inputs only; those of an array are named by
        their columns, ``x0``, ``x1``, ... (``cov:x0``, ``fut:x0`` in :meth:`history`), as an array
        series' are ``value`` (the target), ``x1``, .... ``future_covariates`` are known in advance
        (a holiday flag, a planned price: Darts' future covariates): the encoder reads their past
        values as it reads covariates, and each forecast step its own value (``seq2seq``: beside the
        decoder's calendar inputs; ``direct``: one weight per step and covariate beside the head);
        :meth:`predict` then needs their values at the forecast steps. A pandas object is read at
        the series' timestamps (rows after them are not read: they may hold the future already), an
        array has one row per point. They are standardized on the training part, as covariates are.
        A covariate of booleans (a holiday flag; ``True``/``False`` as text too) reads as 1 and 0
        (``fill="interpolate"`` carries it forward over a gap, never 0.5); a target of them is
        refused (a forecast needs numbers: a count, a share).
        Member ``k`` draws its initial weights and dropout from torch's global generator seeded with
        ``seed + k``; the generator is put back as it was afterwards, so the caller's own draws are
        unaffected.

        A call that raises, or is interrupted (Ctrl-C, a notebook's interrupt), leaves the
        Forecaster as it was before it: still fitted as before, or still not fitted.

        Returns:
            ``self``.

        Raises:
            TypeError: for a ``series``, ``covariates`` or ``future_covariates`` that is
                neither pandas nor a numpy array.
            ValueError: for invalid data (NaNs, irregular index, a target of booleans, ...), a
                series too short for ``lookback + horizon`` plus validation windows, a log
                transform of non-positive values, a ``config.device`` that is not usable here, or
                ``future_covariates`` with ``strategy="recursive"``, or that miss one of the
                series' timestamps (the first is named), have rows between them (a finer
                frequency) or hold NaN or inf at one, or that repeat a past covariate (a
                column of ``series`` or ``covariates`` of the same name and values); or for
                a past covariate that is the series some steps ahead (``s.shift(-1)``, or
                windows ``X`` split as ``fit(X[:, 0], covariates=X[:, 1:])``), exactly and
                not by chance; a lag (``s.shift(1)``) is fitted; or for a future covariate
                that is the series some steps ahead, or behind by fewer steps than the
                horizon (``s.shift(1)`` with ``horizon=12``, whose values at forecast steps 2
                to 12 are the series' own future; a horizon too long for the series is told
                first), or equal to the target; all of these but the last in one refusal;
                or for scikit-learn's ``fit(X, y)``, a ``series`` of several columns beside
                1-D ``covariates`` given by position (``fit(X, covariates=y)`` is fitted).
        """
        # _fit assigns new objects to the attributes (never changes the old ones in place), so
        # putting the old ones back undoes a fit stopped part-way: it used to leave the new
        # preprocessing beside no members, and repr() and predict() failed with KeyError
        before = dict(vars(self))
        try:
            # each member seeds torch's global generator, and puts it back once it has drawn
            # (_new_member_trained): the caller's draws go on as they were
            with _threads(self.config.num_threads):
                return self._fit(series, covariates, future_covariates)
        except BaseException:
            vars(self).clear()
            vars(self).update(before)
            raise

    def _fit(self, series: Any, covariates: Any = None, future_covariates: Any = None) -> Self:
        check_device(self.config.device)
        if future_covariates is not None and self.config.strategy == "recursive":
            raise ValueError(
                "`future_covariates` need strategy='direct' or 'seq2seq', got 'recursive' (its "
                "one-step network reads no forecast step's inputs)."
            )
        self.state_ = self.members_ = None  # a new fit: no fitted columns to check against
        frame = self._prepare(series, covariates, future_covariates)
        self._check_names(frame, series, covariates, future_covariates)
        self._check_not_the_target(frame, future_covariates, series=series)
        if self.config is self._horizon_set_by_fit:  # unchanged since a fit set its horizon
            self.config = replace(self.config, horizon=None)
        if self.config.horizon is None:
            self.config = replace(self.config, horizon=D.default_horizon(frame.index))
            self._horizon_set_by_fit = self.config
        # the horizon: a future covariate lagged by fewer steps holds the series' future; one
        # too long for the series is told beside such a lag, whose lag of the horizon (the
        # refusal's other fix: series.shift(200) of 131 points) cannot work then
        short, lag_fits = None, True
        if frame.attrs["future"]:
            m = self.config.season_length or D.season_length(frame.index)
            short = self.length_problem(len(frame), m)
            # series.shift(horizon) leaves n - horizon points: advised only where they fit
            lagged = len(frame) - self.config.horizon
            lag_fits = lagged >= 1 and self.length_problem(lagged, m) is None
        self._check_no_leads(
            frame,
            series,
            covariates,
            horizon=self.config.horizon,
            future_covariates=future_covariates,
            too_short=short,
            lag_fits=lag_fits,
        )
        _warn_constant_target(frame, series)
        _warn_time_covariate(frame, series)
        _say_wide(frame, series, "fit")
        cfg = self.config
        if cfg.strategy == "recursive" and frame.shape[1] > 1:
            raise ValueError(
                "strategy='recursive' cannot use covariates (their future is unknown); "
                "use 'direct' or 'seq2seq'."
            )
        y = frame.iloc[:, 0].to_numpy()
        cov = frame.iloc[:, 1:].to_numpy()
        m = cfg.season_length or D.season_length(frame.index)
        positive = bool(np.all(y > 0))
        if cfg.transform == "log" and not positive:
            raise ValueError(
                f"transform='log' needs a strictly positive series, got minimum {y.min():g}."
            )
        use_log = cfg.transform == "log" or (cfg.transform == "auto" and positive)
        n, lag = len(y), cfg.difference
        h_train = 1 if cfg.strategy == "recursive" else cfg.horizon
        L, n_windows = self._windows(n, m)
        n_val = self._val_windows(n_windows, m)
        # Time-ordered split: the last n_val complete windows validate; training windows end
        # early enough that none of their targets reaches the last n_val points.
        problem = self.length_problem(n, m)
        if problem is not None:
            if row := _along_a_row(series):
                problem = f"{problem.removesuffix('.')}: {row}"
            elif cfg.lookback is None and m > 1:
                # a year of weekly data (m=52) was refused for a look-back nobody had set
                if (fits := self._longest_lookback(n, m)) is not None:
                    problem += (
                        f" The look-back defaults to {DEFAULT_LOOKBACK_SAID} (m={m}); a shorter "
                        f"`lookback` fits, at most {fits} here, or `season_length=1` if the "
                        "series has no season."
                    )
            raise ValueError(problem)
        cut = n - n_val - lag  # first validation-only target (d-space)
        t = np.log(y) if use_log else y.astype(float)
        if not use_log and (problem := _magnitude_problem(y, L, h_train, lag)):
            raise ValueError(
                problem
                + (", or use transform='log' (the series is positive)." if positive else ".")
            )
        d = t[lag:] - t[:-lag] if lag else t
        cov_d = cov[lag:]
        fit_part = d[:cut]  # scale statistics from the training part only
        if cfg.scaling == "window":
            # The spread of training windows around their own level (_window_levels, as
            # _features_of takes it): what the network sees.
            windows = np.lib.stride_tricks.sliding_window_view(fit_part, L)  # end at L .. cut
            dev = windows - _window_levels(windows, m)[:, None]
            span = float(dev.min()), float(dev.max())  # before dev is squared, below
            unit = float(D._binary_unit(dev))  # 1, but for values whose squares overflow
            # in place, the same numbers: dev / unit and its square were two more [N, L]
            # float64 copies of every window, the peak of a long series' fit (771 MiB for
            # 200,000 hourly points and a look-back of 168, where the windows took 680)
            np.square(np.divide(dev, unit, out=dev), out=dev)
            loc, scale = 0.0, float(np.sqrt(np.mean(dev))) * unit
        elif cfg.scaling == "standard":
            unit = float(D._binary_unit(fit_part))
            loc = float(np.mean(fit_part / unit)) * unit
            scale = float(np.std(fit_part / unit)) * unit
        else:
            lo, hi = float(fit_part.min()), float(fit_part.max())
            loc, scale = lo, hi - lo
        if cfg.scaling != "window":
            span = float(fit_part.min()) - loc, float(fit_part.max()) - loc
        floor = _scale_floor(fit_part)
        scale = scale if scale > floor else floor
        # covariates are standardized as lstmkit.data.StandardScaler does, fitted on the
        # training part: one constant in it (its std 0, or a rounding error such as 1e-17 for
        # a constant 1/3, which would magnify any later change) keeps its units
        covs = D.StandardScaler().fit(cov_d[:cut]) if cov.size else None
        n_columns, n_future = frame.shape[1], frame.attrs["future"]
        self._warn_constant_future(frame, cov_d, cut)
        self._fitted_config = cfg
        self.state_ = {
            "m": int(m),
            "log": bool(use_log),
            "lookback": int(L),
            "scaling": cfg.scaling,
            "loc": loc,
            "scale": scale,
            # the ranges of the scaled target and covariates the network read in training, for
            # predict's warning about a newer history far outside them
            "inputs": _input_ranges(span, scale, covs, cov_d[:cut]),
            "cov_mean": covs.mean_.tolist() if covs is not None else [],
            "cov_std": covs.scale_.tolist() if covs is not None else [],
            "columns": [str(c) for c in frame.columns],
            # the names of the future covariates, whose columns (fut:NAME) come last
            "future": [str(c)[len(_FUTURE) :] for c in frame.columns[n_columns - n_future :]],
            "n_train": int(n),
            "val_size": int(n_val),
            "quantiles": None,
            "errors": None,
            # the local time of day for sub-daily data whose season is one day (see _calendar)
            "time_of_day": "local",
            # half months, custom business days and business hours count their own steps, and
            # business hours that do not divide the day count business hours (see _calendar)
            "steps": "business" if D._business_hours_counted(frame.index) else "counted",
            "calendar": []
            if cfg.calendar is False
            else list(
                D.calendar_inputs(frame.index, m, "all" if cfg.calendar is True else "season")
            ),
        }
        logger.info(
            "fit: %d points, season length %d, %s, look-back %d, %d training and %d validation "
            "windows, %d member%s%s",
            n,
            m,
            "log transform" if use_log else "no log transform",
            L,
            n_windows - n_val,
            n_val,
            cfg.ensemble,
            plural_s(cfg.ensemble),
            ", each refitted on every window" if cfg.refit else "",
        )
        if _reads_a_season(cfg.anchor, m, L) is False:
            # _anchors falls back to the level: said, as a lookback chosen short for a
            # seq2seq or a short series changes the model more than the window
            logger.info(
                "anchor=%r is the window's level here: the look-back (%d) is shorter than one "
                "season (%d), which the seasonal anchor reads",
                cfg.anchor,
                L,
                m,
            )
        n_train = n_windows - n_val
        per_epoch = cfg.epoch_windows(n_train)
        logger.info(
            "each epoch trains on %s (windows_per_epoch=%r%s)",
            f"every one of the {n_train:,} training windows"
            if per_epoch is None or per_epoch >= n_train
            else f"a fresh random {per_epoch:,} of the {n_train:,} training windows",
            cfg.windows_per_epoch,
            f": every window up to {AUTO_WINDOWS_PER_EPOCH:,}, a random {AUTO_WINDOWS_PER_EPOCH:,} "
            "above"
            if cfg.windows_per_epoch == "auto"
            else "",
        )
        self.members_ = nn.ModuleList()  # _state() needs members_ to exist
        tensors = self._training_windows(d, cov_d, self._calendar(frame.index)[lag:], h_train)
        data = _MemberData.split(tensors, n_val)
        jobs = min(cfg.jobs, cfg.ensemble)
        self.history_, self.refit_history_ = [], []
        bar = progress_bar(
            cfg.progress,
            total=cfg.ensemble * (2 if cfg.refit else 1),
            desc="fit",
            unit="net",
            leave=False,
        )
        last_shown = [time.monotonic()]
        started = time.monotonic()

        def on_epoch(stage: str, epoch: int, history: Any) -> None:
            """Show the running epoch in the bar's postfix (at most twice a second)."""
            if bar.disable or time.monotonic() - last_shown[0] < 0.5:
                return
            last_shown[0] = time.monotonic()
            losses = history.val_loss or history.train_loss
            kind = "val" if history.val_loss else "train"
            bar.set_postfix_str(f"{stage}: epoch {epoch + 1}, {kind} loss {losses[-1]:.3g}")

        def on_trained(message: str, nets: int = 1) -> None:
            logger.info("%s (after %.1f s)", message, time.monotonic() - started)
            # counted first: the postfix draws the bar, which update() alone skips within
            # tqdm's mininterval, so the last member's frame read 3/4 with "member 4/4"
            bar.update(nets)
            bar.set_postfix_str(message)

        try:
            if jobs == 1:
                trained = [
                    _train_member(cfg, k, data, on_epoch, on_trained) for k in range(cfg.ensemble)
                ]
            else:

                def done(k: int, result: Any) -> None:
                    on_trained(f"member {k + 1}/{cfg.ensemble} trained", 2 if cfg.refit else 1)

                calls = [(cfg, k, data.convert(to_numpy=True)) for k in range(cfg.ensemble)]
                results = run_in_processes(
                    _train_member_in_worker,
                    calls,
                    jobs,
                    on_done=done,
                    name=lambda k: f"member {k + 1} of {cfg.ensemble} (seed {cfg.seed + k})",
                )
                trained = [_member_from_worker(cfg, data, *result) for result in results]
        finally:
            bar.close()
        for first, first_history, _, _ in trained:
            self.members_.append(first)
            self.history_.append(first_history)
        self.state_["history"] = self._tail(frame)
        if named := _given_freq(series, frame.index):  # absent from older saves: as in days
            self.state_["history"]["given_freq"] = named
        if cfg.interval is not None:
            # Before any refit: these members never trained on the validation targets.
            errors = self._calibrate(frame, n_val)
            self.state_["errors"] = errors
            self.state_["quantiles"] = self._half_widths(errors, cfg.interval, (n, m))
        if cfg.refit:
            for k, (_, _, again, again_history) in enumerate(trained):
                self.members_[k] = again
                self.refit_history_.append(again_history)
        return self

    def _warn_constant_future(self, frame: pd.DataFrame, cov_d: np.ndarray, cut: int) -> None:
        """Warns of future covariates that are constant over the points the final members
        train on (all with ``refit``, else the training part): their effect cannot be learned,
        so a forecast would take the steps' values through weights no data ever moved."""
        n_future = frame.attrs["future"]
        seen = cov_d if self.config.refit else cov_d[:cut]
        for j in range(cov_d.shape[1] - n_future, cov_d.shape[1]):
            if len(seen) and np.ptp(seen[:, j]) == 0:
                name = str(frame.columns[1 + j]).removeprefix(_FUTURE)
                part = (
                    f"the {len(seen)} points the networks trained on"
                    if self.config.refit
                    else f"the training part ({len(seen)} points; refit=False leaves out the "
                    "validation part)"
                )
                warn_user(
                    f"the future covariate {name!r} is constant ({seen[0, j]:g}) over {part}: "
                    "the networks cannot learn what it does, so its values at the forecast "
                    "steps change the forecast through untrained weights (direct: not at all). "
                    "Fit on a span where it varies, or leave it out.",
                    kind=f"constant future covariate {name!r}",
                )

    def _training_windows(
        self, d: np.ndarray, cov: np.ndarray, cal: np.ndarray, horizon: int
    ) -> tuple[torch.Tensor, ...]:
        """Every window of ``d`` (``d``-space values ``[T]``, with ``cov`` ``[T, C]`` and
        ``cal`` ``[T, K]``) and the ``horizon`` targets after it, as float32 tensors: inputs
        ``[N, L, F]``, targets ``[N, horizon]`` (the scaled change from the anchor) and, for
        seq2seq, decoder inputs ``[N, horizon, 1 + K + F_fut]`` (a constant, the targets'
        calendar and their future covariates, the last ``F_fut`` columns of ``cov``) or, for
        direct with future covariates, those of the targets' steps ``[N, horizon, F_fut]``.

        Bit for bit what :meth:`_features`, :meth:`_anchor` and :meth:`_decoder_inputs` give
        one window at a time, built a chunk of windows at a time (a Python loop over 100,000
        windows took most of a fit's time, and float64 copies of them all its memory).
        """
        st = self._state()
        L, scale = st["lookback"], st["scale"]
        n = len(d) - L - horizon + 1  # windows end at L .. len(d) - horizon
        view = np.lib.stride_tricks.sliding_window_view
        d_win, target = view(d, L)[:n], view(d[L:], horizon)
        # [N, L, C] views: sliding_window_view puts the window's axis last. The covariates are
        # scaled once, before the windows: scaled in each window, every value was scaled L
        # times (most of a fit's time with 20 columns), to the same numbers.
        scaled = self._scaled_covariates(cov)
        cov_win, cal_win = (view(a, L, axis=0)[:n].transpose(0, 2, 1) for a in (scaled, cal))
        x = np.empty((n, L, 1 + cov.shape[1] + cal.shape[1]), dtype=np.float32)
        y = np.empty((n, horizon), dtype=np.float32)
        chunk = 4096
        for a in range(0, n, chunk):
            b = min(a + chunk, n)
            _, levels = self._features_of(
                d_win[a:b], cov_win[a:b], cal_win[a:b], out=x[a:b], cov_scaled=True
            )
            y[a:b] = (target[a:b] - self._anchors(d_win[a:b], levels, horizon)) / scale
        tensors = [torch.from_numpy(x), torch.from_numpy(y)]
        n_fut = len(self._future_columns())
        # the future covariates of each window's targets, [N, horizon, F_fut]
        ahead = view(self._scaled_future(cov[L:, cov.shape[1] - n_fut :]), horizon, axis=0)
        ahead = ahead[:n].transpose(0, 2, 1)
        if self.config.strategy == "seq2seq":  # the calendar of each window's targets
            steps_cal = view(cal[L:], horizon, axis=0)[:n].transpose(0, 2, 1)
            tensors.append(torch.from_numpy(self._decoder_layout(steps_cal, ahead, np.float32)))
        elif n_fut:
            tensors.append(torch.from_numpy(ahead.astype(np.float32)))
        return tuple(tensors)

    def _tail(self, frame: pd.DataFrame) -> dict[str, Any]:
        """The last points needed to forecast from the end of the training data (JSON-able)."""
        need = self._reads() + self._state()["m"]
        tail = frame.iloc[-need:]
        idx = tail.index
        tz = idx.tz if isinstance(idx, pd.DatetimeIndex) else None
        return {
            # time-zone-aware stamps as UTC (their offsets may change with daylight saving),
            # read back into `tz`
            "index": [str(i) for i in (idx.tz_convert("UTC") if tz is not None else idx)]
            if isinstance(idx, pd.DatetimeIndex)
            else [int(i) for i in idx],
            "tz": None if tz is None else _zone_name(tz),
            "freq": idx.freq.freqstr if isinstance(idx, pd.DatetimeIndex) else None,
            # business hours' opening and closing times, which their "bh" does not say
            "hours": _opening_hours(idx.freq) if isinstance(idx, pd.DatetimeIndex) else None,
            # and the days custom ones open on ("cbh" opens Monday to Friday)
            "weekmask": _opening_days(idx.freq) if isinstance(idx, pd.DatetimeIndex) else None,
            # and the dates they close on (holidays: "cbh" has none); absent from older saves
            "holidays": _holidays(idx.freq) if isinstance(idx, pd.DatetimeIndex) else None,
            "values": tail.to_numpy().tolist(),
            # what the forecast's index takes from the data's: its name, its unit (pandas'
            # resolution of timestamps) and, for a PeriodIndex, the periods' frequency
            "name": idx.name if isinstance(idx.name, str | int) else None,
            "unit": idx.unit if isinstance(idx, pd.DatetimeIndex) else None,
            "period": frame.attrs.get("period"),
        }

    def _columns(
        self, members: np.ndarray, widths: Sequence[float] | None
    ) -> dict[str, np.ndarray]:
        """:meth:`predict`'s columns, in original units, from the members' forecasts
        (``t``-space, ``[members, horizon]``) and the interval's half-widths per step (NaN
        beyond them, or everywhere for None)."""
        center = members.mean(axis=0)
        q = np.full(members.shape[1], np.nan)
        if widths is not None:
            known = np.asarray(widths, dtype=float)[: len(q)]
            q[: len(known)] = known
        return {
            "forecast": self._from_t(center),
            "lower": self._from_t(center - q),
            "upper": self._from_t(center + q),
        }

    def _calibrate(self, frame: pd.DataFrame, n_val: int) -> list[list[float]]:
        """The absolute validation errors per step (``t``-space, sorted), for the intervals.

        For step ``h``, the errors are those of forecasts whose target ``o + h`` lies in the
        last ``n_val`` points (never trained on). :meth:`_half_widths` turns them into an
        interval of any coverage.
        """
        cfg = self.config
        n, horizon = len(frame), cfg.horizon
        cut = n - n_val
        t_all = self._to_t(frame.iloc[:, 0].to_numpy())
        errors: list[list[float]] = [[] for _ in range(horizon)]
        # A forecast reads the last `need` points; passing only those (and two more, for the
        # calendar's steps) keeps each origin's cost from growing with the series' length.
        need = self._reads()
        n_fut = len(self._future_columns())
        for o in range(max(need, cut - horizon + 1), n):
            # with future covariates, only the steps whose values the data holds (the others
            # are not scored; a step's forecast reads no later step's values)
            steps = min(horizon, n - o) if n_fut else horizon
            ahead = None
            if n_fut:
                ahead = frame.iloc[o : o + steps, frame.shape[1] - n_fut :].to_numpy()
            with doing("forecasting the validation windows for the interval"):
                pred = self._predict_t(frame.iloc[max(0, o - need - 2) : o], steps, ahead)
            pred = pred.mean(axis=0)
            for h in range(steps):
                if cut <= o + h < n:
                    errors[h].append(float(abs(t_all[o + h] - pred[h])))
        return [sorted(err) for err in errors]

    def _half_widths(
        self, errors: list[list[float]], level: float, room: tuple[int, int] | None = None
    ) -> list[float]:
        """Split-conformal half-widths per step from the sorted validation ``errors``.

        The half-width is the ``r``-th smallest error, ``r = ceil((k + 1) * level)`` for ``k``
        errors (Vovk et al.; Lei et al. 2018). With fewer than ``r`` errors (``k < level / (1 -
        level)``) split conformal gives no finite width; the largest error is used then, with a
        warning at the user's line, which names the ``val_size`` that gives enough where the
        series fitted, ``room`` (its points and season), has room for it.
        """
        out, short = [], []
        for err in errors:
            k = len(err)
            if k == 0:
                out.append(math.nan)
                continue
            r = _conformal_rank(k, level)
            if r > k:
                short.append(k)
                r = k
            out.append(float(err[r - 1]))
        counts = sorted({len(err) for err in errors})
        widths = [w for w in out if not math.isnan(w)]
        logger.info(
            "%s interval from %s validation errors per step: half-widths %.3g to %.3g %s",
            level_percent(level),
            " to ".join(map(str, counts[:: max(1, len(counts) - 1)])),
            min(widths, default=math.nan),
            max(widths, default=math.nan),
            "(log units)" if self._state()["log"] else "(the series' units)",
        )
        if short:
            k = min(short)
            enough = _errors_needed(level)
            # the validation windows that give enough, where more than now and the series
            # has room for them
            fits = (
                room is not None
                and enough > int(self._state().get("val_size") or 0)
                and Forecaster(replace(self.config, val_size=enough)).length_problem(*room) is None
            )
            warn_user(
                f"the {level_percent(level)} split-conformal interval needs at least "
                f"{enough} validation errors per "
                f"forecast step, and {len(short)} step{plural_s(len(short))} "
                f"{'has' if len(short) == 1 else 'have'} only {k}; "
                f"{'its' if len(short) == 1 else 'their'} half-width is "
                f"the largest error, which covers about {k / (k + 1):.0%}. "
                + _fewer_errors_remedy(k, enough if fits else None),
                kind=f"too few validation errors for the {level} interval",
            )
        return out

    # ---- predict ------------------------------------------------------------------------------

    def _predict_t(
        self, frame: pd.DataFrame, horizon: int, ahead: np.ndarray | None = None
    ) -> np.ndarray:
        """Each member's forecast in ``t``-space after ``frame``: ``[members, horizon]``
        (``ahead``: the future covariates of the ``horizon`` steps, ``[horizon, F_fut]``)."""
        cfg, st = self.config, self._state()
        L, lag = st["lookback"], cfg.difference
        t = self._to_t(frame.iloc[:, 0].to_numpy())
        d = t[lag:] - t[:-lag] if lag else t
        idx = frame.index[lag:]
        device = _model_device(self.members_)

        def tensor(a: np.ndarray) -> torch.Tensor:
            return torch.tensor(a[None], dtype=torch.float32, device=device)

        if cfg.strategy == "recursive":  # the calendar of the history and of the steps ahead
            cc = np.vstack(
                [self._calendar(frame.index)[lag:], self._calendar(D.future_index(idx, horizon))]
            )
        else:  # the encoder's inputs, from _window
            x, window, level = self._window(frame)
            xt = tensor(x)
            anchor = self._anchor(window, level, horizon)
            fut = None
            if cfg.strategy == "seq2seq":
                fut = tensor(self._decoder_inputs(idx, horizon, ahead))
            elif ahead is not None:
                fut = tensor(self._scaled_future(ahead))
        outs = []
        # A recursive forecast takes one network call per step and member, about a
        # millisecond each: 100,000 steps of 5 members are minutes. Its bar (over the steps
        # of all members, switched as fit's by `progress`) is drawn only once it has run
        # for 2 s (tqdm's delay), so the short forecasts that are most draw nothing.
        bar = progress_bar(
            cfg.progress if cfg.strategy == "recursive" else False,
            total=horizon * len(self.members_),
            desc="predict",
            unit="step",
            leave=False,
            delay=2.0,
        )
        with bar, torch.no_grad():  # closed on an error or a Ctrl-C too
            for net in self.members_:
                if cfg.strategy == "recursive":
                    # Feed each one-step forecast back as the newest input.
                    dd = list(d)
                    for h in range(horizon):
                        end = len(d) + h
                        x, level = self._features(
                            np.array(dd[-L:]), np.zeros((L, 0)), cc[end - L : end]
                        )
                        step = float(net(tensor(x))[0, 0])
                        dd.append(step * st["scale"] + self._anchor(np.array(dd[-L:]), level, 1)[0])
                        bar.update()
                    z = np.array(dd[len(d) :])
                else:
                    out = net(xt) if fut is None else net(xt, fut)
                    z = out[0, :horizon].cpu().numpy().astype(float) * st["scale"] + anchor
                outs.append(D.SeasonalDifferencer(lag)._integrate(z, t) if lag else z)
        return np.array(outs)

    def _origin_forecasts_t(
        self, frame: pd.DataFrame, origins: Sequence[int], horizon: int
    ) -> Iterator[np.ndarray]:
        """Each member's forecast in ``t``-space (``[members, horizon]``) from each of the
        ``origins`` (positions in ``frame``, a prepared frame that holds at least ``horizon``
        points after each): bit for bit what :meth:`predict` gives from ``frame.iloc[:o]``.

        The windows' inputs are made a chunk of origins at a time, as :meth:`_training_windows`
        makes them; each window still goes through the networks alone (a batch of them would
        round differently). One :meth:`predict` per origin spent most of its time checking and
        preparing its data again.
        """
        cfg, st = self.config, self._state()
        lag, L = cfg.difference, st["lookback"]
        t, d, cov = self._in_d_space(frame)
        calendar = self._calendar(frame.index)
        cal = calendar[lag:]
        n_fut = len(self._future_columns())
        future = frame.iloc[:, frame.shape[1] - n_fut :].to_numpy()  # [T, F_fut], by position
        undo = D.SeasonalDifferencer(lag)._integrate if lag else None
        chunk = 4096
        # A recursive model steps all windows of a chunk of origins at once, a network call
        # per window, member and step (4,096 origins of 5 members, 12 steps ahead: minutes),
        # while the caller's bar over the origins stands still until the chunk is done. Its
        # own bar over those calls, as predict's: switched by `progress`, drawn only once it
        # has run for 2 s, closed by an error, a Ctrl-C or the generator's close().
        bar = progress_bar(
            cfg.progress if cfg.strategy == "recursive" else False,
            total=len(origins) * horizon * len(self.members_),
            desc="forecast",
            unit="step",
            leave=False,
            delay=2.0,
        )
        with bar:
            for a in range(0, len(origins), chunk):
                ends = np.asarray(origins[a : a + chunk]) - lag  # each window ends before it
                take = ends[:, None] + np.arange(-L, 0)
                if cfg.strategy == "recursive":
                    made = self._recursive_forecasts_d(d[take], cal, take, horizon, bar)
                else:
                    x, levels = self._features_of(d[take], cov[take], cal[take])
                    fut = None
                    steps = ends[:, None] + lag + np.arange(horizon)  # the steps ahead, in frame
                    if cfg.strategy == "seq2seq" or n_fut:  # the steps' future covariates
                        fut = self._scaled_future(future[steps])  # [N, horizon, F_fut]
                        if cfg.strategy == "seq2seq":  # a constant and their calendar first
                            fut = self._decoder_layout(calendar[steps], fut)
                    anchors = self._anchors(d[take], levels, horizon)
                    made = self._encoded_forecasts_d(x, fut, anchors)
                for end, z in zip(ends, made, strict=True):  # [members, horizon] in d-space
                    yield z if undo is None else np.array([undo(row, t[: end + lag]) for row in z])

    def _encoded_forecasts_d(
        self, x: np.ndarray, fut: np.ndarray | None, anchors: np.ndarray
    ) -> Iterator[np.ndarray]:
        """:meth:`_origin_forecasts_t` for ``direct`` and ``seq2seq`` before the differencing
        is undone: each member's forecast (``[members, horizon]``, ``d``-space) from each of the
        inputs ``x`` (``[N, L, F]``; ``fut``: seq2seq's decoder inputs ``[N, horizon, 1 + K +
        F_fut]`` or direct's future covariates ``[N, horizon, F_fut]``),
        over their ``anchors`` (``[N, horizon]``), a window at a time."""
        scale, horizon = self._state()["scale"], anchors.shape[1]
        device = _model_device(self.members_)
        for i in range(len(x)):
            # not around the yield: the caller's code between two windows, and after an error
            # that left the generator unfinished (kept by its traceback), ran without grad
            with torch.no_grad():
                xt = torch.tensor(x[i : i + 1], dtype=torch.float32, device=device)
                if fut is not None:
                    ft = torch.tensor(fut[i : i + 1], dtype=torch.float32, device=device)
                outs = []
                for net in self.members_:
                    out = net(xt) if fut is None else net(xt, ft)
                    outs.append(out[0, :horizon].cpu().numpy().astype(float) * scale + anchors[i])
            yield np.array(outs)

    def _recursive_forecasts_d(
        self, windows: np.ndarray, cal: np.ndarray, take: np.ndarray, horizon: int, bar: Any
    ) -> Iterator[np.ndarray]:
        """:meth:`_origin_forecasts_t` for ``strategy="recursive"`` before the differencing is
        undone: each member feeds its one-step forecasts back, all windows (``[N, L]`` in
        ``d``-space, their steps at positions ``take`` of ``cal``) a step at a time, as
        :meth:`_predict_t` does for one; ``bar`` (a tqdm bar) counts each network call.
        Yields ``[members, horizon]`` per window."""
        st, L = self._state(), windows.shape[1]
        members = list(self.members_)
        n, k = len(windows), len(members)
        device = _model_device(self.members_)
        dd = np.empty((n, k, L + horizon))  # each member's windows, its forecasts after them
        dd[:, :, :L] = windows[:, None, :]
        with torch.no_grad():
            for h in range(horizon):
                window = dd[:, :, h : h + L].reshape(n * k, L)
                # the calendar of the window's steps, the forecast ones among them
                steps = np.repeat(cal[take + h], k, axis=0)
                x, levels = self._features_of(window, np.zeros((n * k, L, 0)), steps)
                anchors = self._anchors(window, levels, 1)[:, 0]
                for j in range(n * k):
                    xt = torch.tensor(x[j : j + 1], dtype=torch.float32, device=device)
                    step = float(members[j % k](xt)[0, 0])
                    dd[j // k, j % k, L + h] = step * st["scale"] + anchors[j]
                    bar.update()
        for i in range(n):
            yield dd[i, :, L:].copy()  # laid out as _predict_t's

    @_their_arguments
    def history(
        self, series: Any = None, covariates: Any = None, future_covariates: Any = None
    ) -> pd.DataFrame:
        """The history a forecast starts from, in original units (target first, covariates after,
        future covariates' past values, ``fut:NAME``, last).

        Without ``series``: the end of the training data (as much as a forecast reads). With
        ``series`` (and ``covariates``, and ``future_covariates`` for a model fitted with
        them, read at the series' timestamps): that newer history, checked against the
        training data. Indexed as that data is: a PeriodIndex stays one, as in
        :meth:`predict`'s forecast.

        Raises:
            NotFittedError: before ``fit``.
            TypeError: for a ``series``, ``covariates`` or ``future_covariates`` that is
                neither pandas nor a numpy array.
            ValueError: for a ``series`` with other columns or another frequency than the
                training data, or with timestamps in a time zone where those were without
                one (or the other way round), or shorter than ``lookback`` + ``difference``,
                for ``covariates`` or ``future_covariates`` without a ``series``, and for
                ``future_covariates`` given to a model fitted without them, missing for one
                fitted with them, or that :meth:`fit` would refuse.
        """
        return _as_given(self._history(series, covariates, future_covariates))

    def _weekday(self, given: pd.DatetimeIndex | pd.Index) -> int | None:
        """The weekday (Monday 0) of the trained steps where they are weeks (``W-MON``,
        ``7D``, ``5B``, ``168h``), read on the clock of ``given`` (a newer history's index);
        None for other steps, or a history without dates."""
        hist = self._state()["history"]
        if hist["freq"] is None or not isinstance(given, pd.DatetimeIndex) or given.freq is None:
            return None
        step = D._in_days(pd.tseries.frequencies.to_offset(hist["freq"]), given)
        if _weeks(step, given[0]) is None:
            return None
        return _last_weekday(_saved_stamps(hist["index"], hist.get("tz")), given)

    def _history(
        self,
        series: Any = None,
        covariates: Any = None,
        future_covariates: Any = None,
        method: str = "history",
        horizon: int | None = None,
    ) -> pd.DataFrame:
        """:meth:`history` as the networks read it: a PeriodIndex as the timestamps its
        periods start, its frequency in ``attrs["period"]`` (:func:`lstmkit.data.to_frame`).
        ``method``: the public method called, as refusals name it (``encoder_inputs()`` was
        told "in history()"); ``horizon``: the steps a forecast from it reads (None: the
        fitted horizon), against which a future covariate's lag is checked
        (:meth:`_check_newer`)."""
        st = self._state(check_config=series is not None)  # the saved history reads no config
        if series is None and covariates is not None:
            raise ValueError(
                "`covariates` go with `series`: they are the covariates' past values over that "
                "newer history. The network reads covariates over its input window only, never "
                "ahead (values known ahead are `future_covariates`, which predict reads at the "
                "forecast steps); to forecast from the end of the training data, pass neither."
            )
        if series is None and future_covariates is not None:
            raise ValueError(
                f"`future_covariates` go with `series` in {method}(): their values over that "
                "newer history. Those of the forecast steps go to predict(h, "
                "future_covariates=...)."
            )
        if series is not None and (
            problem := self._future_problem(future_covariates, "reads their values over `series`")
        ):
            raise ValueError(problem)
        if series is None:
            frame = self._saved_history()
            if problem := self._positive_problem(frame, [len(frame)], _SAVED_HISTORY):
                raise ValueError(problem)
            return frame
        self._check_zone(series)
        series, covariates, future_covariates = (
            _on_clock(given, st["history"].get("tz"))
            for given in (series, covariates, future_covariates)
        )
        with D._days_trained(self._trained_step()):
            frame = self._as_saved_hours(self._prepare(series, covariates, future_covariates))
        need = self._reads()
        # those the last window reads alone: frame's attrs are copied by every pandas step
        frame.attrs |= _filled_of(frame, series, covariates, len(frame) - need)
        self._check_newer(frame, series, covariates, future_covariates, horizon)
        _old_array_names(frame, st["columns"], covariates, future_covariates)
        if len(frame) < need:
            raise ValueError(
                f"`series` needs at least {need} points (lookback + differencing) to forecast "
                f"from, got {len(frame)}."
            )
        if problem := self._positive_problem(frame, [len(frame)]):
            raise ValueError(problem)
        return frame  # attrs["given_freq"] from _prepare, as backtest reads it

    def _saved_history(self) -> pd.DataFrame:
        """The training data's end as ``state.history`` saved it, unchecked (:meth:`_history`
        without ``series`` refuses what the model cannot read there; :meth:`load` reads it
        to check the file). Its config unchecked too, as the history reads none."""
        hist = self._state(check_config=False)["history"]
        if hist["freq"] is not None:
            stamps = _saved_stamps(hist["index"], hist.get("tz"))
            index: pd.Index = pd.DatetimeIndex(stamps, freq=_saved_freq(hist))
            if hist.get("unit") is not None:  # saved before the unit was: as read
                index = index.as_unit(hist["unit"])
        else:
            index = D.to_frame(pd.Series(0.0, index=hist["index"])).index
        frame = pd.DataFrame(hist["values"], index=index.rename(hist.get("name")))
        frame.columns = self._state(check_config=False)["columns"]
        frame.attrs["period"] = hist.get("period")
        frame.attrs["given_freq"] = hist.get("given_freq")  # absent from older saves
        return frame

    def _future_problem(self, future_covariates: Any, reads: str) -> str | None:
        """What is wrong with ``future_covariates`` given to a model fitted without them, or
        missing for one fitted with them (which ``reads`` them where), or ``None``."""
        names = list(self._state().get("future", []))
        if future_covariates is not None and not names:
            return (
                "`future_covariates` were given, but this model was fitted without future "
                "covariates; fit it with future_covariates=... to use them."
            )
        if future_covariates is None and names:
            return (
                f"`future_covariates` must be given: this model was fitted with the future "
                f"covariates {names}, and {reads}."
            )
        return None

    def _as_saved_hours(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its business hours read as pandas reads them (``"bh"``, 9:00 to 17:00,
        for any day of eight hours) where the model was saved before its opening hours were
        (``state.history`` without ``hours``): it was trained on that reading, and a newer
        history from 8:00 to 15:00, read from 8 to 4 now, was refused as another frequency.
        So does one saved with hours but before their days were, where pandas reads its "bh"
        (every day's hours were read so); others read it on the days they open
        (:meth:`_on_trained_days`).
        """
        hist = self._state()["history"]
        index = frame.index
        if (
            not hist["freq"]
            or not isinstance(index, pd.DatetimeIndex)
            or not isinstance(index.freq, pd.offsets.BusinessHour | pd.offsets.CustomBusinessHour)
        ):
            return frame
        bare = pd.DatetimeIndex(index, freq=None)  # pandas 2.2 reads a set freq as inferred
        pandas_reads = pd.DatetimeIndex(bare, freq="infer").freq
        if "hours" in hist:
            # saved before the days were (bh8), a model of every day's hours has pandas' 9:00
            # to 17:00 ("bh", Monday to Friday) as it read them: it reads them so again
            if "weekmask" in hist or pandas_reads is None or pandas_reads != _saved_freq(hist):
                return self._on_trained_days(frame)
        elif pandas_reads is None or pandas_reads.freqstr != hist["freq"]:
            return frame
        frame = frame.copy(deep=False)
        frame.index = pd.DatetimeIndex(bare, freq=pandas_reads)
        return frame

    def _on_trained_days(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame``, of business hours, with the model's (same opening hours) where its stamps
        fall on the days those open (``state.history.weekmask``): a newer history of a few
        days tells no more than the days it has (Tuesday to Friday read as Monday to Friday's
        ``"bh"``), and was refused as another frequency than its model's Monday to Saturday. A
        model saved before the days were (as ``"bh"``, whose hours of every day pandas takes)
        reads such hours as it was trained on them, as pandas' ``"bh"`` (by pandas' own check).
        Others are checked against the trained hours as a series' own are read, at once on the
        wall clock (:func:`lstmkit.data._on_business_hours`), not by pandas stamp by stamp: a
        second per 20,000 stamps, paid by a newer history on fewer days than the model's only
        to be refused, and a no for nights from after midnight over a closed day."""
        hist = self._state()["history"]
        trained, index = _saved_freq(hist), frame.index
        if index.freq == trained or _opening_hours(index.freq) != _opening_hours(trained):
            return frame
        bare = pd.DatetimeIndex(index, freq=None)
        opening = trained.start[0]  # hours across midnight belong to the day they open on
        shift = pd.Timedelta(hours=opening.hour, minutes=opening.minute)
        dates = (D._local(bare) - shift).to_numpy().astype("datetime64[D]")
        opens = _opening_days(trained) or "1111100"
        if "weekmask" not in hist:
            try:  # as pandas read them, which takes any day's eight hours for its "bh"
                on = pd.DatetimeIndex(bare, freq=trained)
            except ValueError:
                return frame
        elif np.is_busday(dates, weekmask=opens).all():
            on = D._on_business_hours_as(bare, trained)  # one grid, for the verdict and index
            if on is None:
                return frame
        else:
            return frame
        frame = frame.copy(deep=False)
        frame.index = on
        return frame

    def _check_zone(self, series: object) -> None:
        """Refuses a newer history in another time zone than the training data's before it is
        prepared, where a daily one in UTC for a model fitted on Europe/Berlin was told of
        irregular steps (23 and 25 hours apart on UTC's clock) instead."""
        if problem := _zone_problem(
            getattr(series, "index", None), self._state()["history"].get("tz")
        ):
            raise ValueError(problem)

    def _check_newer(
        self,
        frame: pd.DataFrame,
        series: Any,
        covariates: Any = None,
        future_covariates: Any = None,
        horizon: int | None = None,
    ) -> None:
        """Refuses a newer history (``series``, ``covariates`` and ``future_covariates``
        prepared as ``frame``) that is not the training data's kind: other columns, in another
        order, or another frequency, or covariates that hold the series' future: a future
        covariate lagged by fewer steps than ``horizon``, the steps a forecast from it reads
        (None: the fitted horizon), among them (:meth:`history`;
        :meth:`backtest` with ``retrain=False`` and :meth:`residuals` check their data once
        with it)."""
        st = self._state()
        # the future covariates' columns come from `future_covariates`, not from `series`:
        # counted with them, a series without its past covariate read "got 2" for one column
        future = list(st.get("future", []))
        past = st["columns"][: len(st["columns"]) - len(future)]
        n_future = frame.attrs.get("future", 0)
        given_past = frame.shape[1] - n_future
        if given_past != len(past):
            from_future = (
                f" with `covariates`; the future covariates {future} come from "
                "`future_covariates`, not from `series`"
                if future
                else ""
            )
            turned = (  # a series laid along a row, as fit says of it
                f" ({_wide(series)} of shape {series.shape}, whose rows are the time steps: "
                "transpose it, series.T)"
                # wider than long: also a target alone along a row, (1, T), of a model with
                # covariates (it said "got 40" and nothing of the row)
                if _wide(series)
                else ""
            )
            # the names as the user gave them: "cov:" marks a column of fit's `covariates=`
            names = _user_names(past)
            fewer = (
                f"; its covariates {names[1:]} come with `covariates=` (or as more columns of a "
                "DataFrame `series`)"
                if 1 < len(past) and given_past < len(past)
                else ""
            )
            raise ValueError(
                f"`series` must have {len(past)} column{plural_s(len(past))} like the training "
                f"data ({names}), "
                f"got {given_past}{turned}{from_future}{fewer}."
            )
        # The network reads its inputs by position: the same names in another order would be
        # scaled and read as each other (a DataFrame's columns, or `covariates=`, alike).
        given, trained = _user_names(frame.columns), _user_names(st["columns"])
        ours, theirs = Counter(given), Counter(trained)
        at = {name: k for k, name in enumerate(trained)}  # where those trained once stand
        moved = [
            name
            for k, name in enumerate(given)
            if ours[name] == theirs[name] == 1 and at[name] != k
        ]
        if moved:
            # the same columns in another order: the selection that puts them back
            past_given = [str(c) for c in frame.columns[1 : len(frame.columns) - n_future]]
            order = trained[1 : len(trained) - len(future)]
            reorder = ""
            if sorted(given) == sorted(trained) and given[0] == trained[0]:
                # in the user's labels: series[[0, 1, 2]] for a frame's int labels, where
                # series[['0', '1', '2']] (the names as read) is a KeyError
                if all(c.startswith("cov:") for c in past_given):
                    labels = _labels_of(covariates, order)
                    reorder = f": pass covariates[{labels}]" if labels else ""
                elif not any(c.startswith("cov:") for c in past_given):
                    labels = _labels_of(series, trained[: len(trained) - len(future)])
                    reorder = f": pass series[{labels}]" if labels else ""
            raise ValueError(
                f"`series` and `covariates` must have the training data's columns in its order, "
                f"{trained}, got {given}; the network reads them by position{reorder}."
            )
        hist = st["history"]
        saved = _saved_freq(hist) if hist["freq"] else None
        trained = _freq_name(saved) if saved is not None else None
        trained = hist.get("given_freq") or trained or _position_step(self._history().index)
        freq = frame.index.freq if isinstance(frame.index, pd.DatetimeIndex) else None
        given = _freq_name(freq) if freq is not None else _position_step(frame.index)
        given = _given_freq(series, frame.index) or given
        day = self._weekday(frame.index)
        if (
            (st["history"]["freq"] is None) != (freq is None)
            # a model saved before "24h" read as "D" (data._in_days) takes either
            or (
                freq is not None
                and saved is not None
                and not _same_steps(
                    D._in_days(saved, frame.index),
                    freq,
                    frame.index,
                    day,
                )
            )
            or (freq is None and given != trained)
        ):
            if day is not None:
                trained, given = _on_weekdays(trained, day, given, frame.index)
            if given == trained and freq is not None and saved is not None:
                given += _other_holidays(saved, freq)
            undated = (
                " (an index without dates: a numpy array has none); pass the newer history as "
                f"pandas, indexed by its timestamps ({trained}), as in fit"
                if st["history"]["freq"] is not None and isinstance(series, np.ndarray)
                else ""
            )
            if st["history"]["freq"] is not None and not undated and given.startswith("positions"):
                # `lstmkit predict DIR --csv` of a file whose date column held 0, 1, 2, ... was
                # told "got positions." alone, a word of the index, not of the file's column
                # the caller's labels: the prepared frame counts 'a', 'b', ... as 0, 1, ... too
                labels = getattr(series, "index", frame.index)
                shown = ", ".join(str(v) for v in labels[:3]) + (", ..." if len(labels) > 3 else "")
                what = "numbers" if pd.api.types.is_any_real_numeric_dtype(labels) else "labels"
                named = f" {frame.index.name!r}" if isinstance(frame.index.name, str) else ""
                undated = said_to_caller(
                    f" (an index of {what}, {shown}, not dates); pass the newer history "
                    f"indexed by its timestamps ({trained}), as in fit",
                    f": its date column{named} holds numbers, {shown}, not dates",
                )
            raise ValueError(
                f"`series` must have the training data's frequency ({trained}), got "
                f"{given}{undated}."
            )
        zone = st["history"].get("tz")  # the training data's time zone, None without one
        if freq is not None and zone is None and any(map(_OFFSET.search, st["history"]["index"])):
            # saved before the zone was recorded: its stamps carry their UTC offsets, and load
            # in UTC (or in their one fixed offset); refused as "without a time zone", the
            # tz_localize(None) advised then failed on the gaps of daylight saving
            zone = str(self._saved_history().index.tz)
        if freq is not None and (zone is None) != (frame.index.tz is None):
            # the calendar inputs read the local clock: naive stamps for aware ones (or the
            # other way) were read silently, and the forecast labelled in the other kind
            # (on the command line, a file's timestamps take their zone from their UTC
            # offsets: `explain DIR --csv` was told Python's tz_localize)
            if zone is None:
                wanted, got = "without a time zone", f"in {_zone_shown(frame.index.tz)}"
                fix = said_to_caller(
                    "e.g. series.index = series.index.tz_localize(None) (their clock times) or "
                    ".tz_convert(None) (in UTC), whichever the training data's timestamps were",
                    "write them in the file without a UTC offset (2021-01-01 00:00, not "
                    "2021-01-01 00:00+01:00), in the local time or UTC the training data's "
                    "were in",
                )
            else:
                wanted, got = f"in {zone}", "without a time zone"
                fix = said_to_caller(
                    f"e.g. series.index = series.index.tz_localize('{zone}')",
                    "write them in the file with their UTC offset (2021-01-01 00:00+01:00), as "
                    "the training data's were written",
                )
            raise ValueError(
                f"`series` must have timestamps {wanted} like the training data's, got "
                f"timestamps {got} (first {frame.index[0]}); {fix}."
            )
        # (the zone recorded, not one read off an old save's stamps, which may be UTC's for
        # a series fitted in Europe/Berlin)
        if freq is not None and (problem := _zone_problem(frame.index, st["history"].get("tz"))):
            raise ValueError(problem)
        if freq is not None and (
            moved := _time_of_day_problem(
                _saved_stamps(st["history"]["index"], st["history"].get("tz")), frame.index
            )
        ):
            raise ValueError(moved)
        if not st["log"]:
            h_train = 1 if self.config.strategy == "recursive" else self.config.horizon
            y = frame.iloc[:, 0].to_numpy()
            if problem := _magnitude_problem(y, st["lookback"], h_train, self.config.difference):
                raise ValueError(f"{problem} and fit again.")
        # a covariate that leads the newer series hands the fitted network the values it
        # forecasts, as fit refuses it: predict(series=..., covariates=...) and
        # backtest(retrain=False) forecast from one without a word; so did a future covariate
        # equal to the target, or lagged by fewer steps than the fitted horizon
        self._check_not_the_target(frame, future_covariates, fitted=True, series=series)
        fitted = (self._fitted_config or self.config).horizon
        self._check_no_leads(
            frame,
            series,
            covariates,
            fitted=True,
            # all the steps read: seq2seq forecasts past its fitted horizon (a direct
            # network cannot, refused before), its future covariates read at each
            horizon=fitted if horizon is None else horizon,
            future_covariates=future_covariates,
        )

    def _positive_problem(
        self, frame: pd.DataFrame, ends: Sequence[int], name: str = "`series`"
    ) -> str | None:
        """For a model fitted on the logarithm: what is wrong with the first of the input
        windows (the ``lookback`` + ``difference`` points before each position of ``ends``) that
        holds a value that is not strictly positive, or None. ``name``: what holds them (the
        saved history too: its log was NaN, and a forecast and relevances of NaN unrefused)."""
        # of the fitted config: the saved history is read whatever the config is now (a config
        # changed after fit is refused where it describes the model, not here)
        st, fitted = self._state(check_config=False), self._fitted_config or self.config
        if not st["log"]:
            return None
        need = st["lookback"] + fitted.difference
        y = frame.iloc[:, 0].to_numpy()
        counts = np.concatenate([[0], np.cumsum(~(y > 0))])  # of such values before each point
        ends = np.asarray(ends)
        hit = np.flatnonzero(counts[ends] > counts[ends - need])
        if not hit.size:
            return None
        end = int(ends[hit[0]])
        read = frame.iloc[end - need : end, 0]
        bad = read[~(read > 0)]
        return (
            f"{name} must be strictly positive in the last {need} points the forecast "
            f"reads: the model was fitted on the logarithm (transform="
            f"{fitted.transform!r} on positive training data); got {bad.iloc[0]:g} at "
            f"{D._label(bad.index[0], frame.attrs.get('period'))}" + and_more(len(bad), 1) + "."
        )

    @_their_arguments
    def encoder_inputs(
        self, series: Any = None, covariates: Any = None, future_covariates: Any = None
    ) -> pd.DataFrame:
        """The input window the network reads for a forecast from the end of :meth:`history`.

        Returns:
            ``[lookback, features]`` DataFrame indexed by the window's timestamps: the scaled
            target (the window minus its level, over the scale, see the module docstring), the
            scaled covariates (``cov:NAME``; the future covariates' past values, ``fut:NAME``,
            after them) and, with ``calendar``, ``season sin``/``season cos`` (and
            ``weekday sin``/``weekday cos`` for hourly and minute data whose season is the
            day).

        Raises:
            NotFittedError, TypeError, ValueError: as :meth:`history`.
        """
        frame = self._history(series, covariates, future_covariates, method="encoder_inputs")
        inputs = self._encoder_frame(frame)
        return _as_given(inputs, like=frame)

    def _encoder_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """:meth:`encoder_inputs` at the end of a history ``frame`` (:meth:`history`'s)."""
        x, _, _ = self._window(frame)
        st = self._state()
        names = [*st["columns"], *st["calendar"]]
        return pd.DataFrame(x, index=frame.index[-len(x) :], columns=names)

    def decoder_inputs(
        self,
        series: Any = None,
        covariates: Any = None,
        horizon: int | None = None,
        future_covariates: Any = None,
    ) -> pd.DataFrame:
        """The decoder inputs a ``seq2seq`` forecast from the end of :meth:`history` reads.

        Args:
            series, covariates: as for :meth:`history`.
            horizon: number of future steps; default ``config.horizon``.
            future_covariates: as for :meth:`predict` (a model fitted with them needs them).

        Returns:
            ``[horizon, 1 + C + F]`` DataFrame indexed by the future timestamps: a column
            ``constant`` of ones, the ``C`` calendar columns of the future steps and the
            ``F`` future covariates there, scaled (``fut:NAME``).

        Raises:
            NotFittedError: before ``fit``.
            ValueError: for a strategy other than ``seq2seq`` (no decoder), a bad ``horizon``,
                or ``future_covariates`` that :meth:`predict` refuses.
        """
        self._state()  # NotFittedError before fit
        if self.config.strategy != "seq2seq":
            raise ValueError(
                f"decoder_inputs needs strategy='seq2seq' (a decoder), got "
                f"{self.config.strategy!r}."
            )
        if _a_number(series):  # decoder_inputs(5): the first argument is the newer history
            raise TypeError(
                "`series` must be a pandas Series/DataFrame or a numpy array, got "
                f"{typed_repr(series)}; pass the horizon by name: "
                f"decoder_inputs(horizon={value_repr(series)})."
            )
        horizon = self.config.horizon if horizon is None else steps_count(horizon, "horizon")
        known = None if series is not None else functools.partial(self._history, None, None, None)
        if problem := self._horizon_problem(horizon, known):
            raise ValueError(problem)  # a horizon whose inputs no memory holds
        # steps past pandas' last date refused as predict refuses them, where pandas 3 built
        # a million months' inputs to 85356 (a minute) and pandas 2 raised its bare
        # OutOfBoundsDatetime
        frame, ahead = self._history_and_ahead(series, covariates, future_covariates, horizon)
        inputs = self._decoder_frame(frame, horizon, ahead)
        return _as_given(inputs, like=frame)

    def _decoder_frame(
        self, frame: pd.DataFrame, horizon: int, ahead: np.ndarray | None
    ) -> pd.DataFrame:
        """:meth:`decoder_inputs` after a history ``frame`` (:meth:`history`'s), the future
        covariates' values at the steps ``ahead`` (:meth:`_ahead`'s)."""
        index = frame.index[self.config.difference :]
        values = self._decoder_inputs(index, horizon, ahead)
        names = ["constant", *self._state()["calendar"], *self._future_columns()]
        return pd.DataFrame(values, index=D.future_index(index, horizon), columns=names)

    def _history_and_ahead(
        self,
        series: Any,
        covariates: Any,
        future_covariates: Any,
        horizon: int,
    ) -> tuple[pd.DataFrame, np.ndarray | None]:
        """:meth:`history` and the future covariates' values at the ``horizon`` steps after
        it (``[horizon, F_fut]``, original units; ``None`` for a model without them), steps
        past pandas' last date refused first (predict's refusal).

        An array of future covariates with a ``series`` has the series' rows, then the steps'.
        """
        past, ahead = self._split_future(series, future_covariates, horizon)
        frame = self._history(series, covariates, None if series is None else past, horizon=horizon)
        if problem := _past_pandas_dates(frame, horizon):
            raise ValueError(problem)  # before the steps' index is built (10 s for 10**6 months)
        return frame, self._ahead(frame, series, ahead, horizon, D._fewer_steps())

    def _split_future(self, series: Any, future_covariates: Any, horizon: int) -> tuple[Any, Any]:
        """``future_covariates`` as their values over ``series`` and at the ``horizon`` steps
        after it: an array with a ``series`` split after the series' rows (its length checked),
        anything else given to both."""
        if series is None or not isinstance(future_covariates, np.ndarray):
            return future_covariates, future_covariates
        n = len(series) if isinstance(series, np.ndarray | pd.Series | pd.DataFrame) else 0
        if len(future_covariates) != n + horizon:
            raise ValueError(
                f"`future_covariates` as an array with `series` must have {n + horizon} "
                f"rows, the series' {n} points then the {horizon} forecast steps, got shape "
                f"{future_covariates.shape}."
            )
        return future_covariates[:n], future_covariates[n:]

    def _ahead(
        self,
        frame: pd.DataFrame,
        series: Any,
        ahead: Any,
        horizon: int,
        fewer: str | None = None,
    ) -> np.ndarray | None:
        """The future covariates ``ahead`` (:meth:`_split_future`'s) at the ``horizon`` steps
        after the history ``frame`` (from ``series``, None for the training data's end), as
        :meth:`_history_and_ahead` gives them (``fewer``: as for :meth:`_future_table`)."""
        try:
            steps = D.future_index(frame.index, horizon)
        except _PAST_PANDAS_DATES:  # pandas < 3: predict says where it ends
            return None
        # one step (explain_forecast's step 0) is named alone: "at the 1 forecast steps
        # (2030-01-01 … 2030-01-01)", "must cover the 1 forecast steps, 1 steps from ..."
        where = "the forecast step" if horizon == 1 else f"the {horizon} forecast steps"
        period = frame.attrs.get("period")  # D._label makes no Period of business days
        at = (
            f"{where} ({D._label(steps[0], period)})"
            if horizon == 1
            else f"{where} ({D._label(steps[0], period)} … {D._label(steps[-1], period)})"
        )
        if series is None and (
            problem := self._future_problem(ahead, f"a forecast reads their values at {at}")
        ):
            raise ValueError(problem)
        if ahead is None:
            return None
        named = frame.attrs.get("given_freq")
        return self._future_table(ahead, steps, where, fewer, period, named).to_numpy()

    def _window(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, float]:
        """Encoder inputs ``[L, F]`` at the end of ``frame``, its ``d``-space values and level."""
        L = self._state()["lookback"]
        _, d, cov = self._in_d_space(frame)
        cal = self._calendar(frame.index)[self.config.difference :]
        x, level = self._features(d[-L:], cov[-L:], cal[-L:])
        return x, d[-L:], level

    def _in_d_space(self, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The target of the prepared ``frame`` in ``t``-space (the log, with
        ``transform="log"``), in ``d``-space (differenced by ``config.difference``) and the
        covariates in ``d``'s rows: what the windows of :meth:`_window`,
        :meth:`_windows_before` and :meth:`_origin_forecasts_t` are cut from."""
        lag = self.config.difference
        # the log of every point, read by a window or not: one that none reads (a truth after
        # the last window) may be 0, as predict never sees it
        with np.errstate(divide="ignore", invalid="ignore"):
            t = self._to_t(frame.iloc[:, 0].to_numpy())
            d = t[lag:] - t[:-lag] if lag else t
        return t, d, frame.iloc[:, 1:].to_numpy()[lag:]

    def _windows_before(self, frame: pd.DataFrame, origins: Sequence[int]) -> np.ndarray:
        """Encoder inputs ``[N, L, F]`` of the windows that end before each of the ``origins``
        (positions in ``frame``), as :meth:`_origin_forecasts_t` makes them, but without the
        calendar columns (no training range is kept for them; made again, they cost a pass)."""
        lag, L = self.config.difference, self._state()["lookback"]
        _, d, cov = self._in_d_space(frame)
        take = (np.asarray(origins) - lag)[:, None] + np.arange(-L, 0)
        return self._features_of(d[take], cov[take], np.zeros((*take.shape, 0)))[0]

    @_their_arguments
    def predict(
        self,
        horizon: int | None = None,
        series: Any = None,
        covariates: Any = None,
        *,
        future_covariates: Any = None,
        interval: float | None = None,
    ) -> pd.DataFrame:
        """Forecast ``horizon`` steps after the training data (or after ``series``, no refit).

        Args:
            horizon: number of steps; at most ``config.horizon`` for ``direct``. Default:
                ``config.horizon``.
            series: optional newer history (same columns as in ``fit``) to forecast from with
                the fitted model, e.g. for one-step-ahead evaluation over a test set. It is
                scaled with the statistics fitted on the training series; a ``UserWarning``
                says when the network's inputs from it (the target, a covariate) lie outside
                the range of its training inputs doubled about its middle (the forecast
                extrapolates; fit on it then).
            covariates: covariates for ``series``.
            future_covariates: for a model fitted with them, their values at the ``horizon``
                forecast steps (and, with ``series``, at its timestamps too): pandas indexed
                by time (other rows are not read), or an array of one row per step (the
                series' rows first). Required for such a model, refused for another.
            interval: nominal coverage of this forecast's interval, in (0, 1); default
                (None): ``config.interval``; 0 (or False): none for this call, whatever the
                config's (``lower`` and ``upper`` NaN, as ``lstmkit predict --interval 0``).
                The validation errors ``fit`` kept give any coverage without refitting (split
                conformal); a model fitted with ``interval=None`` kept none, and one saved
                before they were kept gives its own ``config.interval`` only.

        Returns:
            DataFrame indexed by the future timestamps (periods after a ``PeriodIndex``; the
            index continues the data's, with its name, time zone and unit) with columns
            ``forecast``, ``lower`` and ``upper`` (the interval; NaN without one or where
            ``horizon`` exceeds the calibrated steps), in original units;
            ``attrs["interval"]`` is the interval's nominal coverage (absent without one),
            which :func:`plot_forecast` writes in its legend.

        Raises:
            NotFittedError: before ``fit``.
            TypeError: for a ``series``, ``covariates`` or ``future_covariates`` that is
                neither pandas nor a numpy array, and an ``interval`` that is True or
                text (a :class:`~lstmkit._checks.ConfigTypeError`, a ValueError too).
            ValueError: for a horizon <= 0 or beyond what the strategy can produce, an
                ``interval`` outside (0, 1) or that the model cannot give, a ``series`` that
                :meth:`history` refuses, or ``future_covariates`` missing for a model fitted
                with them (or given to one fitted without), with other columns than the fit's,
                not covering the forecast steps (the first missing is named), with rows
                between them (a finer frequency), holding NaN or inf there, or an array with
                the wrong number of rows.
        """
        st = self._state()
        if _a_number(series):  # predict(12, 0.9): the second argument is the newer history
            raise TypeError(
                "`series` must be a pandas Series/DataFrame or a numpy array, got "
                f"{typed_repr(series)}; pass the interval by name: "
                f"predict(h, interval={value_repr(series)})."
            )
        cfg = self.config
        if problem := _horizon_type_problem(horizon):
            raise TypeError(problem)
        horizon = cfg.horizon if horizon is None else steps_count(horizon, "horizon")
        widths = st["quantiles"]
        interval = exact_number(interval)  # np.float32(0.9) as ForecasterConfig takes it
        # 0 or False, as the CLI's --interval 0: no interval for this call, whatever the
        # model's (None is the model's own)
        if isinstance(interval, int | float | np.bool_) and interval == 0:
            widths = None
        elif interval is not None:
            none = "interval=0 for no interval"
            if problem := level_problem(interval, "`interval`", none=none):
                # a bool, text or quantiles in a list or array are a wrong type, as
                # ForecasterConfig(interval=True), (interval="0.9") and (interval=[0.1, 0.9])
                # are told; still a ValueError too, as it was
                if isinstance(interval, bool | np.bool_) or _no_number(interval):
                    raise ConfigTypeError(problem + ".")
                raise text_refusal(
                    problem + ".",
                    {"interval": interval},
                    lambda read: {name for name, level in read.items() if not is_level(level)},
                )
            if st.get("errors") is not None:
                # the steps asked for: a warning of too few errors counts only those
                widths = self._half_widths(st["errors"][:horizon], float(interval))
            elif interval != cfg.interval:  # a save without the errors: its own coverage only
                why = (
                    said_to_caller(
                        "it was fitted without an interval", "it was fitted with --interval 0"
                    )
                    if cfg.interval is None
                    else f"it was saved without them (only its {cfg.interval:g} interval)"
                )
                given = plain_repr(interval, True)
                # `lstmkit predict DIR --interval 0.8` was told "--interval=0.8 needs ... Refit
                # with an --interval", the words of Python's argument, not of the refit's command
                raise ValueError(
                    said_to_caller(
                        f"`interval={given}` needs the validation errors of fit, and this model "
                        f"has none: {why}. Refit with an `interval` to keep them.",
                        f"--interval {given} needs the validation errors of the fit, and this "
                        f"model has none: {why}. Refit it with `lstmkit forecast` and --interval "
                        f"{given} to keep them.",
                    )
                )
        # the forecast's dates are known here where it starts from the training data's end
        known = None if series is not None else functools.partial(self._history, None, None, None)
        if problem := self._horizon_problem(horizon, known):
            raise ValueError(problem)
        frame, ahead = self._history_and_ahead(series, covariates, future_covariates, horizon)
        if series is not None:
            self._warn_far_outside(frame)
        index = D.future_index(frame.index, horizon)
        need = self._reads()
        with _threads(cfg.num_threads), doing("forecasting"):
            members = self._predict_t(frame.iloc[-need:], horizon, ahead)
        if frame.attrs.get("period"):  # the data's PeriodIndex, continued
            with D._business_periods():
                index = index.to_period(frame.attrs["period"])
        else:  # the same steps, named as given
            index = _named_steps(index, frame.attrs.get("given_freq"))
        out = pd.DataFrame(self._columns(members, widths), index=index)
        if widths is not None:  # the nominal coverage, for plot_forecast's legend
            out.attrs["interval"] = float(cfg.interval if interval is None else interval)
        return out

    def _warn_far_outside(
        self,
        frame: pd.DataFrame,
        origins: Sequence[int] = (),
        advice: str | None = None,
        filled: Mapping[str, Any] | None = None,
    ) -> None:
        """Warn when the newer history ``frame`` (predict's, explain_forecast's or
        backtest(retrain=False)'s ``series``), scaled with the statistics fitted on the
        training series, gives the network inputs (the target, a covariate) outside the range
        of its training inputs doubled about its middle: the forecast extrapolates. The
        windows read are those before each of the ``origins`` (positions in ``frame``; none:
        the last window, predict's). ``advice``: what to do instead (default: fit on this
        history). ``filled``: where a fill made up ``frame``'s values (:func:`_filled_of`),
        default ``frame.attrs``. Nothing for a model saved before those ranges were kept, nor
        for a covariate constant in training."""
        made_up = frame.attrs if filled is None else filled
        st = self._state()
        if st.get("inputs") is None:
            return
        if origins:
            L = st["lookback"]
            points = len(np.unique(np.asarray(origins)[:, None] + np.arange(-L, 0)))
            x = self._windows_before(frame, origins)
            read = f"the {points} points the windows of its {len(origins)} origins read"
        else:
            x, read = self._window(frame)[0], f"its last {st['lookback']} points"
        # [N, F]: the target, then the covariates, then calendar
        x = x.reshape(-1, x.shape[-1])
        made: dict[int, tuple[np.ndarray, str, list[str]]] | None = None
        far, given, by_fill = [], [], []  # by_fill: the columns out by made-up values alone
        for k, (lo, hi) in enumerate(st["inputs"]):
            out = np.abs(x[:, k] - (lo + hi) / 2) > hi - lo
            if hi > lo and out.any():
                if made is None:  # the windows' made-up values, where any is out so far
                    made = self._filled_in_window(frame, origins, made_up.get("filled"))
                if k in made and not (out & ~made[k][0]).any():
                    # at most 20 times (shown_names): thousands of origins read as many gaps
                    by_fill.append(f"{made[k][1]} at {shown_names(made[k][2])}")
                # a column as the user named it and the argument that gave it (cov:x is the
                # covariate x, fut:x the future covariate x)
                column, arg = st["columns"][k], "series"
                for prefix, name in (("cov:", "covariates"), (_FUTURE, "future_covariates")):
                    if k and column.startswith(prefix):
                        column, arg = column.removeprefix(prefix), name
                given += [f"`{arg}`"] if f"`{arg}`" not in given else []
                where = repr(column) if arg == "series" else f"{column!r} of `{arg}`"
                far.append(
                    f"{x[:, k].min():.3g} … {x[:, k].max():.3g} in {where} "
                    f"(training: {lo:.3g} … {hi:.3g})"
                )
        if not far:
            return
        fill = made_up.get("fill")
        if len(by_fill) == len(far) and fill is not None:
            # made up by the fill, not newer values: fitting on them teaches the network the fill
            alike = [f for f in ("ffill", "interpolate") if f != fill]
            others = said_to_caller(
                "fill=" + " or ".join(map(repr, alike)), "--fill " + " or ".join(alike)
            )
            advice = (
                f"the values out that far are the ones {D._fill_said(fill)} made up "
                f"({'; '.join(by_fill)}), not the series': give them, or fill the gaps with "
                f"values like their neighbours' ({others})"
            )
        warn_user(
            f"{' and '.join(given)} {'lies' if len(given) == 1 else 'lie'} far outside the "
            f"training series as the network reads it: {read}, scaled with the statistics "
            "fitted on the training series "
            f"(scaling={st['scaling']!r}), span {'; '.join(far)}, more than twice the training "
            "inputs' range about its middle, so the forecast extrapolates; "
            f"{advice or 'fit on this history for one that has seen such values'}.",
            kind="series far outside the training range",
        )

    def _filled_in_window(
        self,
        frame: pd.DataFrame,
        origins: Sequence[int] = (),
        filled: Mapping[str, list[int]] | None = None,
    ) -> dict[int, tuple[np.ndarray, str, list[str]]]:
        """The inputs of :meth:`_window` (of :meth:`_windows_before` the ``origins``, in its
        order) that a fill made up (``filled``, default ``frame.attrs["filled"]``:
        :func:`_filled_of`), by input column: ``[N * L]`` a mask of the windows' points that
        read one (a difference reads two), the column's name as given and the made-up values'
        times."""
        filled = (frame.attrs.get("filled") if filled is None else filled) or {}
        L, lag = self._state()["lookback"], self.config.difference
        ends = np.asarray(origins if len(origins) else [len(frame)])
        # the frame's rows the windows' points are taken at, window by window
        rows = (ends[:, None] + np.arange(-L, 0)).ravel()
        # the points read, once for the target (its difference reads the point lag before)
        # and once for all the others: a set per column, and the names per filled column,
        # took minutes for 2,000 filled covariates
        reads = {back: set(np.union1d(rows, rows - back).tolist()) for back in {lag, 0}}
        names = _user_names(frame.columns) if filled else []
        # a fill's gaps are at the same rows in most columns (a missing row of the file): their
        # mask and times made once per set of positions, not once per column (0.6 s for 2,000)
        found: dict[tuple[int, tuple[int, ...]], tuple[np.ndarray, list[str]]] = {}
        made = {}
        for k, column in enumerate(frame.columns):
            back = lag if k == 0 else 0
            positions = tuple(q for q in filled.get(str(column), []) if q in reads[back])
            if not positions:
                continue
            if (back, positions) not in found:
                mask = np.isin(rows, positions) | np.isin(rows - back, positions)  # some, read
                found[back, positions] = (mask, _times(frame.index[list(positions)]))
            mask, times = found[back, positions]
            made[k] = (mask, repr(names[k].removeprefix(_FUTURE)), times)
        return made

    def _horizon_problem(
        self, horizon: int, history: Callable[[], pd.DataFrame] | None = None
    ) -> str | None:
        """Why the fitted networks cannot forecast ``horizon`` steps, or None: a ``direct``
        network outputs its fitted horizon, no more; no forecast is longer than this machine's
        memory and swap hold. ``history`` gives the history the forecast starts from where the
        caller knows it: the steps the memory holds are then advised only as far as pandas'
        dates reach (monthly data was told "forecast at most 631,904,563 steps", which
        predict refuses past 2262); without it they are said as the memory's, no advice."""
        self._state()  # fitted, with the config it was fitted with
        cfg = self.config
        if cfg.strategy == "direct" and horizon > cfg.horizon:
            # `lstmkit predict --horizon 13` was told strategy='direct' and 'recursive'/'seq2seq',
            # Python's words, not the flags of the `lstmkit forecast` that refits the model
            return said_to_caller(
                f"`horizon` must be <= the fitted horizon ({cfg.horizon}) for strategy='direct', "
                f"got {horizon}; refit with horizon={horizon} or more (fc.config = "
                f"dataclasses.replace(fc.config, horizon={horizon}), then fit), or with "
                "strategy='recursive' or 'seq2seq', which forecast any horizon.",
                f"--horizon must be <= the fitted horizon ({cfg.horizon}) for --strategy direct, "
                f"got {horizon}; refit it with `lstmkit forecast` and --horizon {horizon} or more, "
                "or --strategy recursive or seq2seq, which forecast any horizon.",
            )
        # 'recursive' and 'seq2seq' forecast any number of steps: one the forecast could not
        # be held in memory for is refused before any work (predict(2**62) stepped until
        # numpy refused an array, or the memory ran out, hours on). A hard refusal, as a
        # module's parameters': a forecast the swap holds is made (slowly), so memory and swap
        # together (memory alone refused one the swap held; a swap of unknown size, macOS's,
        # counts as the free disk it may grow into), nothing where the memory is unknown.
        members = len(self.members_)
        per_step = _BYTES_PER_STEP + 8 * members
        limit = _memory.refusal_limit()
        memory, words = limit if limit is not None else (None, "")
        if memory is not None and horizon * per_step > memory:
            # "each of the 1 members' forecasts" read as a slip
            each = (
                f"each of the {members} members' forecasts"
                if members > 1
                else "its one member's forecast"
            )
            most = memory // per_step
            told = (
                f"`horizon` ({horizon:,} step{plural_s(horizon)}) needs at least "
                f"{_in_bytes(horizon * per_step)} for its forecast ({per_step} bytes a step: "
                f"the forecast, its interval's bounds, its timestamp and {each}), more than "
                f"{words}"
            )
            if most == 0:  # "forecast at most 0 steps" told a count where none fits
                return f"{told}, which holds not even one step: no forecast fits in it."
            if history is None:
                return f"{told}; the memory holds at most {most:,} step{plural_s(most)}."
            frame = history()
            dated = (
                _steps_before_the_last_date(frame.index, most)
                if isinstance(frame.index, pd.DatetimeIndex)
                else None
            )
            if dated is None or dated >= most:  # the dates reach past what the memory holds
                return f"{told}; forecast at most {most:,} step{plural_s(most)}."
            if dated == 0:  # "forecast at most 0 steps": no date after the data's, any memory
                return _past_pandas_dates(frame, horizon)
            period = frame.attrs.get("period")
            named = functools.partial(D._label, period=period) if period else str
            end = named(_last_step(frame.index, dated))
            return (
                f"{told}, and pandas' dates end at {pd.Timestamp.max.date()}; forecast at most "
                f"{dated:,} step{plural_s(dated)} (to {end})."
            )
        return None

    # ---- evaluation ---------------------------------------------------------------------------

    @_their_arguments
    @_refuses_x_y
    def backtest(
        self,
        series: Any,
        covariates: Any = None,
        *,
        future_covariates: Any = None,
        start: int | str | pd.Timestamp | pd.Period | None = None,
        stride: int | None = None,
        horizon: int | None = None,
        retrain: bool = True,
        statistical_baselines: bool = True,
        levels: Sequence[float] = (),
    ) -> BacktestResult:
        """Rolling-origin evaluation: forecast from origins ``start, start + stride, ...``.

        At each origin ``o`` the model sees ``series[:o]`` only (a fresh Forecaster with this
        config is fitted on it when ``retrain``; otherwise this fitted model forecasts from it,
        which is honest only for origins after the training data, and warns for those before
        its end) and forecasts ``horizon``
        steps, scored against ``series[o : o + H]`` beside the baselines trained on the same
        ``series[:o]``.

        Args:
            series, covariates: the full series (as in :meth:`fit`).
            future_covariates: as in :meth:`fit`, over the full series: each origin's forecast
                reads their values at its steps, which are known in advance by definition.
            start: first origin, as a position (negative counts from the end), or for dated
                data as the time of its first forecast step (``"1958-01"``, a ``Timestamp``,
                ``datetime`` or ``Period``; a naive time on a zoned series is read in its zone);
                default ``n - 3 * horizon``. A fraction (Darts' ``start=0.8``) is refused with
                the position Darts reads it as, ``int(0.8 * (n - 1))``.
            stride: steps between origins; default ``horizon``.
            horizon: steps per origin; default ``config.horizon`` (with ``None`` there, the
                series' :func:`~lstmkit.data.default_horizon`).
            retrain: fit a fresh Forecaster at every origin (``config.refit``, which retrains
                on the validation windows within one fit, is a different thing). Without it,
                ``series`` is scaled as :meth:`predict` scales a newer history, with its
                ``UserWarning`` where the windows the origins read lie far outside the
                training inputs, and MASE and the seasonal naive take this model's season,
                ``state_["m"]`` (a model saved by older code can have another than its
                frequency gives now).
            statistical_baselines: include AutoARIMA/AutoETS/AutoTheta when installed.
            levels: other nominal coverages to score besides ``config.interval`` (e.g.
                ``(0.5, 0.9)``), from the same validation errors (:meth:`predict`'s
                ``interval``), for :attr:`BacktestResult.calibration`. A level needs at least
                ``level / (1 - level)`` validation errors per step; with fewer at any origin its
                coverage is NaN.

        Returns:
            A :class:`BacktestResult` with per-origin forecasts, metrics and their means,
            and the empirical coverage of the interval (of each level in ``calibration``).
            Its ``season_length`` is the season the seasonal naive took: at 1 (a series of
            plain numbers, without dates, or a frequency without a known season) the seasonal
            naive is the naive forecast, which its repr says; give
            ``ForecasterConfig(season_length=...)`` for a season.

        Raises:
            NotFittedError: with ``retrain=False`` before ``fit``, told to fit on the points
                before the first origin (``fc.fit(y[:-36])`` for the default ``start``).
            TypeError: for a ``retrain`` or ``statistical_baselines`` that is not a bool
                (Darts' ``retrain=2``, every second origin, or a callable), ``levels`` that
                is not a sequence of numbers (or holds a bool or text: a
                :class:`~lstmkit._checks.ConfigTypeError`, a ValueError too), or a ``series``
                or ``covariates`` that is neither pandas nor a numpy array.
            ValueError: for a ``levels`` entry outside (0, 1), ``levels`` without an
                ``interval`` in the config, a ``horizon`` or ``stride`` that is not a positive
                integer (or, with ``retrain=False``, a ``horizon`` beyond the fitted one of a
                ``direct`` model, as :meth:`predict`), a ``start`` that leaves no whole
                horizon after it (or a time that is none of the series', has a zone the
                series' times lack, or is shown twice by their clocks at a daylight-saving
                change), too few points
                before the first origin to fit on, or data :meth:`fit` refuses (with
                ``retrain=False``, a ``series`` that :meth:`predict` refuses: other columns
                than the fit's, another frequency, a value a log model cannot read); or
                for scikit-learn's order, ``backtest(X, y)``, refused as :meth:`fit` refuses
                it (``backtest(X, covariates=y)`` is run).
        """
        _check_switches(retrain, statistical_baselines)
        if _a_number(covariates):  # backtest(y, -36): the second argument is the covariates
            raise TypeError(
                "`covariates` must be a pandas Series/DataFrame or a numpy array, got "
                f"{typed_repr(covariates)}; pass start, stride and "
                f"horizon by name: backtest(series, start={value_repr(covariates)})."
            )
        if (
            isinstance(levels, (str, bytes))
            or not isinstance(levels, Iterable)
            or getattr(levels, "ndim", 1) == 0  # np.array(0.5): iterable by type only
        ):
            raise TypeError(
                f"`levels` must be a sequence of coverages, e.g. (0.5, 0.9), or (0.5,) for one, "
                f"got {value_repr(levels)}."
            )
        levels = tuple(exact_number(level) for level in levels)  # a float32 array's too
        # 0 (the CLI's --interval 0, no interval) is no coverage to score; no colon in it, as
        # False is told "(a coverage, not a switch: <this>)"
        none = "no coverage to score; leave it out, the config's interval is scored without it"
        if problem := levels_problem(levels, "`levels`", none=none):
            # text or a bool among them is a wrong type, as predict's `interval` is told
            text = any(isinstance(level, str | bytes) for level in levels)
            flag = any(isinstance(level, bool | np.bool_) for level in levels)
            raise (TextForNumberError if text else ConfigTypeError if flag else ValueError)(
                problem + "."
            )
        if levels and self.config.interval is None:
            raise ValueError(
                "`levels` needs an interval: this Forecaster's config has interval=None, so its "
                "models keep no validation errors to score other coverages with."
            )
        if not retrain and (self.state_ is None or self.members_ is None):
            # "this Forecaster is not fitted; call fit() first." said neither on which points
            # (fit(y) makes every origin in-sample) nor that retrain=True needs no fit
            fit_on = _fit_before_origins(start, horizon, self.config, series)
            raise NotFittedError(
                "backtest(retrain=False) forecasts every origin with the fitted model, and this "
                f"Forecaster is not fitted: {fit_on}, or pass retrain=True to fit one at every "
                "origin."
            )
        if not retrain and (
            problem := self._future_problem(
                future_covariates, "its forecasts read their values at each origin's steps"
            )
        ):
            raise ValueError(problem)
        if not retrain:
            self._check_zone(series)
        with D._days_trained(self._trained_step()) if not retrain else contextlib.nullcontext():
            frame = self._prepare(series, covariates, future_covariates)
        _say_wide(frame, series, "backtest")
        filled = None
        if not retrain:  # as predict checks a newer history, once for every origin
            frame = self._as_saved_hours(frame)
            # the fill's made-up values, which the far-outside warning names where it is them;
            # not in frame.attrs, which every pandas step over the origins deep-copies (3,000
            # gaps made a backtest of 18,000 origins three times as slow)
            filled = _filled_of(frame, series, covariates)
            # a future lag against the steps each origin forecasts
            steps = None if horizon is None else steps_count(horizon, "horizon")
            self._check_newer(frame, series, covariates, future_covariates, steps)
        else:  # as fit checks its data: each origin's fit reads the covariates renamed cov:cov:x
            self._check_names(frame, series, covariates, future_covariates)
            # named as given, not cov:cov:x; with the horizon each origin's fit trains for,
            # the longer of the config's and the backtest's (rolling_origin's refit): else the
            # first origin's fit refused a future lag, counting its own points
            trained = self.config.horizon or D.default_horizon(frame.index)
            steps = trained if horizon is None else steps_count(horizon, "horizon")
            trained = max(trained, steps)
            # a horizon too long for the series is told first beside a future lag, as fit
            # tells it: the lag of the horizon (series.shift(70) of 144 points) cannot work then
            short, lag_fits = None, True
            if frame.attrs["future"]:
                short = _last_origin_problem(self, frame, steps, trained)
                # series.shift(trained) leaves n - trained points: advised only where they fit
                lagged = frame.iloc[trained:]
                lag_fits = _last_origin_problem(self, lagged, steps, trained) is None
            self._check_no_leads(
                frame,
                series,
                covariates,
                horizon=trained,
                future_covariates=future_covariates,
                too_short=short,
                lag_fits=lag_fits,
            )
            # and warns as fit does: each origin's fit is given the target alone, and scored
            # an identifier's forecast without a word
            _warn_constant_target(frame, series)
            _warn_time_covariate(frame, series)
        # retrain with jobs > 1: one set of worker processes for every origin's fit
        with kept_workers():
            result = rolling_origin(
                self,
                frame,
                start=start,
                stride=stride,
                horizon=horizon,
                retrain=retrain,
                statistical_baselines=statistical_baselines,
                levels=tuple(float(v) for v in levels),
                filled=filled,
            )
        # a series indexed by text, read as positions: its labels name plot's ticks, as
        # plot_forecast's (bare positions before)
        labels = _text_labels(series)
        if result.series is not None and labels is not None and len(labels) == len(frame):
            result.labels = labels
        if result.series is not None:  # the series' steps named as given, as predict's are
            # (_prepare's attrs: _as_saved_hours re-reads business hours only, which no name
            # in hours keeps, so the name is the one _given_freq gives the re-read index)
            given = frame.attrs.get("given_freq")
            result.series.index = _named_steps(result.series.index, given)
        return result

    def residuals(
        self, series: Any, covariates: Any = None, future_covariates: Any = None
    ) -> pd.Series:
        """The fitted model's one-step errors ``y - forecast`` over ``series`` (Darts'
        ``residuals``): from every origin where the model's input window fits (and one season
        before it, as :meth:`backtest` needs), it forecasts the next point from the points
        before it, without refitting.

        Over the training data these are in-sample errors: the model was fitted on those
        points, so they are smaller than the errors of a forecast (:meth:`backtest` with
        ``retrain=True`` measures those). They show what is left in the data, e.g. their
        autocorrelation or a season the model missed. It is one forecast per point, each what
        ``predict(1, series=...)`` gives from the points before it, bit for bit: about 2 ms
        for an ensemble of 5 (the networks run one window at a time), so a series of tens of
        thousands of points takes a minute or more (with a progress bar).

        Args:
            series, covariates, future_covariates: the data (as in :meth:`fit`), typically
                the training data.

        Returns:
            A Series ``"residual"`` indexed by the time of each forecast point.

        Raises:
            NotFittedError: before ``fit``.
            ValueError: for a ``series`` too short for one origin, or data :meth:`backtest`
                refuses.
        """
        st = self._state()
        reads = self._reads()
        first = _first_scored(reads, st["m"])
        if problem := self._future_problem(
            future_covariates, "each forecast reads their value at its step"
        ):
            raise ValueError(problem)
        self._check_zone(series)
        with D._days_trained(self._trained_step()):
            frame = self._as_saved_hours(self._prepare(series, covariates, future_covariates))
        # as predict checks a newer history; one step each, which a future lag of 1 knows
        self._check_newer(frame, series, covariates, future_covariates, horizon=1)
        filled = _filled_of(frame, series, covariates)  # named by the far-outside warning
        if len(frame) <= first:  # rolling_origin would name its `start`, which this has not
            why = (
                "the look-back and differencing its forecast reads"
                if first == reads
                else "a season and one point, as backtest's origins need"
            )
            raise ValueError(
                f"`series` needs at least {first + 1} points for one residual: {first} before "
                f"it ({why}), got {len(frame)}."
            )
        with warnings.catch_warnings():  # in-sample is what residuals are
            warnings.filterwarnings("ignore", r"backtest\(retrain=False\)", UserWarning)
            table = rolling_origin(  # backtest's, without the baselines and scores
                self,
                frame,
                start=first,
                horizon=1,
                stride=1,
                retrain=False,
                statistical_baselines=False,
                scored=False,
                filled=filled,
            ).forecasts
        errors = (table["y_true"] - table["forecast"]).to_numpy()
        name = series.index.name if isinstance(series, pd.Series | pd.DataFrame) else None
        # renamed: Index(column, name=None) keeps the column's name, "timestamp", for an index
        # without a name
        index = pd.Index(table["timestamp"]).rename(name)
        if isinstance(index, pd.DatetimeIndex):  # every point from `first` on: the series' steps
            index = pd.DatetimeIndex(index, freq=frame.index.freq)  # as predict's index has
            index = _named_steps(index, frame.attrs.get("given_freq"))  # as backtest's
        return pd.Series(errors, index=index, name="residual")

    def covers(self, level: float) -> bool:
        """Whether :meth:`predict` gives a split-conformal ``interval=level`` without falling
        back on the largest validation error: at least ``ceil((k + 1) * level)`` errors per
        step (``k >= level / (1 - level)``), or ``level`` is the fitted ``interval``.

        Raises:
            NotFittedError: before ``fit``.
            ValueError: for a ``level`` that is not a number strictly between 0 and 1.
        """
        st = self._state()
        if problem := level_problem(level, "`level`"):
            raise ValueError(problem + ".")
        if level == self.config.interval and st.get("errors") is None:
            return st["quantiles"] is not None
        errors = st.get("errors") or []
        counts = [len(e) for e in errors if e]
        return bool(counts) and all(_conformal_rank(k, level) <= k for k in counts)

    # ---- persistence --------------------------------------------------------------------------

    def save(self, path: str | Path, *, overwrite: bool = False) -> None:
        """Write ``model.safetensors`` (all ensemble members) and ``config.json`` into ``path``,
        a folder created if needed. ``overwrite=True`` saves over what ``path`` holds, as
        Keras' ``model.save(..., overwrite=True)`` does: another kind of saved model, a
        ``config.json`` that is no saved model's, or a ``model.safetensors`` without
        ``config.json`` (one a killed save left, say), which are otherwise refused.

        Raises:
            NotFittedError: before ``fit``.
            TypeError: for a ``path`` that is no ``str`` or ``Path`` (``None``, say).
            ValueError: if ``path`` is an existing file, runs through one, holds a folder
                where one of the two files goes, another kind of saved model (a classifier's
                ``vocab.json`` would stay beside the Forecaster's files), a ``config.json``
                that is no saved model's (damaged, or another program's), a folder without
                ``config.json`` that holds a ``model.safetensors`` (named), or a run folder of
                ``lstmkit forecast --out`` (its model is in its ``model/``, which the message
                names), as the text savers refuse (:func:`lstmkit.io.check_save_dir`); nothing
                is written.
            TypeError: for an ``overwrite`` that is no bool.
        """
        st = self._state()
        overwrite = as_bool(overwrite, "overwrite")
        files = (io.WEIGHTS_FILE, io.CONFIG_FILE)
        folder = io.check_save_dir(path, _KIND, "`path`", files, overwrite=overwrite)
        training = {
            "members": [_history_json(h) for h in self.history_],
            "refits": [_history_json(h) for h in self.refit_history_],
        }
        io.save_model(
            self.members_,
            folder,
            {
                "kind": _KIND,
                "config": asdict(self._saved_config()),
                "state": st,
                "training": training,
            },
            overwrite=overwrite,
        )

    def _saved_config(self) -> ForecasterConfig:
        """The config that made the saved model: the fitted one, as ``config`` may hold
        training settings changed since for a next fit (``epochs``, ``seed``, ...); the settings
        of how it runs (``progress``, ``num_threads``, ``jobs``) are the current ones."""
        if self._fitted_config is None:
            return self.config
        return replace(self._fitted_config, **{k: getattr(self.config, k) for k in _RUNTIME})

    @classmethod
    @no_default_device
    def load(cls, path: str | Path, device: str | torch.device = "cpu") -> Self:
        """Rebuild a fitted Forecaster saved by :meth:`save` (no pickle involved) into ``path``,
        or by ``lstmkit forecast --out path`` (into its ``model/``, as ``lstmkit predict path``
        reads it), its members on ``device`` (the CPU by default, wherever it was trained; its
        ``config.device`` says where the loaded model forecasts, and refits). An unusable
        ``device`` is refused before any file is read, as the text loaders do.
        A saved ``num_threads`` above this machine's cores is lowered to their count (the
        threads are the machine's, not the model's). A save written under pandas < 2.2 names
        its frequency as pandas then did (``"H"``, ``"M"``, ``"A-DEC"``): it is read as pandas
        2.2 renamed it (``"h"``, ``"ME"``, ``"YE-DEC"``; a period's ``"A-DEC"`` as
        ``"Y-DEC"``), without pandas 2.2's warning or pandas 3's refusal.

        Raises:
            FileNotFoundError: when ``path`` does not exist, or holds no ``config.json`` (nor
                its ``model/``) or no ``model.safetensors``.
            TypeError: for a ``path`` that is no ``str`` or ``Path``.
            ValueError: for an unusable ``device``, a folder that holds no saved Forecaster, or
                files that are damaged or do not fit together (named).
        """
        device = usable_device(device)
        # the folder, or the run folder's model/ (`lstmkit forecast --out` writes, which
        # `lstmkit predict` takes too)
        path = io.model_subdir(io.as_path(path, "`path`"))
        saved = io.load_config(path)
        file = str(Path(path) / io.CONFIG_FILE)
        weights_file = str(Path(path) / io.WEIGHTS_FILE)
        if saved.get("kind") != _KIND:
            # "does not hold a saved Forecaster (kind='classifier')", where the text loaders
            # said "holds a sentiment classifier (kind 'classifier')": one wording now
            raise ValueError(io.not_of_kind(path, saved, _KIND))
        io.check_entries(saved, _ENTRIES, file)
        missing = [key for key in ("config", "state") if not isinstance(saved.get(key), dict)]
        if missing:
            raise ValueError(f"config.json in {str(path)!r} has no {' or '.join(missing)} object.")
        known = {f.name for f in fields(ForecasterConfig)}
        unknown = sorted(set(saved["config"]) - known)
        if unknown:
            raise ValueError(
                f"config.json in {str(path)!r} has unknown ForecasterConfig fields: {unknown}"
                f"{io.newer_save(saved)}."
            )
        # Models saved before `anchor` existed were anchored at the window level.
        config = {"anchor": "level", **saved["config"], "device": device}
        # Saved before a config refused dropout with one layer, where it did nothing: the
        # same model without it.
        dropout = config.get("dropout")
        if config.get("num_layers") == 1 and _is_number(dropout) and 0 < dropout < 1:
            config["dropout"] = 0.0
        # Saved before a config refused a patience without early stopping, which ignored it.
        patience = config.get("patience")
        if config.get("early_stopping") is False and patience != ForecasterConfig.patience:
            config["patience"] = None if isinstance(patience, int) else patience
        if torch.device(device).type != "cpu":
            config["jobs"] = 1  # a model trained on the CPU with jobs > 1 moved to a GPU
        try:
            model = cls(ForecasterConfig(**config))
        except ValueError as err:
            # a value a newer lstmkit added (a cell, a strategy) is named as the text loaders
            # name it: with the version that saved it, and not as a slip of a word this one has
            # ("got 'xlstm' (did you mean 'lstm'?)": it is no slip)
            said = (
                f"{re.sub(r' [(]did you mean [^)]*[)]', '', str(err)).rstrip('.')}{newer}."
                if (newer := io.newer_save(saved))
                else err
            )
            raise ValueError(
                f"{file!r} does not describe a usable Forecaster: its config: {said}"
            ) from None
        # The threads are the machine's, not the model's: more than this one has cores gains
        # nothing, and thousands (a config.json edited or damaged) stopped the process at the
        # first forecast ("libgomp: Thread creation failed").
        cores = os.cpu_count() or 1
        if model.config.num_threads is not None and model.config.num_threads > cores:
            logger.info(
                "num_threads %d of %s is more than the %d cores here: %d used",
                model.config.num_threads,
                file,
                cores,
                cores,
            )
            model = cls(replace(model.config, num_threads=cores))
        st = saved["state"]
        absent = [key for key in _SAVED_STATE if key not in st]
        if absent:
            raise ValueError(
                f"config.json in {str(path)!r} is not a complete saved Forecaster: its state "
                f"lacks {absent}."
            )
        # a newer lstmkit's entry would be ignored here, and its forecast changed without a word
        later = sorted(set(st) - {*_SAVED_STATE, *_LATER_STATE})
        if later and (newer := io.newer_save(saved)):
            raise ValueError(
                f"config.json in {str(path)!r} has state entries this lstmkit does not know: "
                f"{later}{newer}."
            )
        _current_aliases(st["history"])
        cfg = model.config
        # Models saved before the calendar columns were recorded read the season position only.
        st.setdefault("calendar", ["season sin", "season cos"] if cfg.calendar else [])
        # Models saved before minute data had a season read the local time of day for hourly
        # data only.
        st.setdefault("time_of_day", "hourly")
        # Models saved before half months, custom business days and business hours had a
        # season count their steps in time since 1970.
        st.setdefault("steps", "elapsed")
        # Models saved before future covariates existed have none.
        st.setdefault("future", [])
        problems = _saved_state_problems(st, cfg)
        if problems:
            raise ValueError(
                f"{file!r} does not describe a usable Forecaster: {'; '.join(problems)}"
                f"{io.newer_save(saved)}."
            )
        n_cov = len(st["columns"]) - 1  # the future covariates' past values among them
        n_cal = len(st["calendar"])
        n_fut = len(st["future"])
        steps = {"seq2seq": 1 + n_cal + n_fut, "direct": n_fut}.get(cfg.strategy, 0)
        # Built first without memory (the meta device) and checked against the file's header:
        # a config.json with hidden_size 10**9 would allocate terabytes before failing, one with
        # ensemble 10**7 build ten million networks.
        shapes = io.read_shapes(path)
        if cfg.ensemble * cfg.num_layers > len(shapes):
            raise ValueError(
                f"{file!r} does not describe a usable Forecaster: its config has "
                f"{cfg.ensemble} member{plural_s(cfg.ensemble)} of {cfg.num_layers} "
                f"layer{plural_s(cfg.num_layers)}, but {weights_file!r} "
                f"holds only {len(shapes)} tensors."
            )
        one = io.build_on_meta(path, "Forecaster", lambda: model._new_net(1 + n_cov + n_cal, steps))
        # the same member in every place: one build gives every member's keys and shapes
        trial = nn.ModuleList([one] * cfg.ensemble)
        try:
            io.check_state(trial, shapes)
        except RuntimeError as err:
            raise ValueError(
                f"{weights_file!r} does not fit the Forecaster its config.json describes: {err}"
            ) from None
        model.members_ = io.build_undrawn(  # every tensor is loaded below
            lambda: nn.ModuleList(
                model._new_net(1 + n_cov + n_cal, steps) for _ in range(cfg.ensemble)
            )
        )
        weights = io.load_state(path)
        try:
            io.check_state(model.members_, weights)
        except RuntimeError as err:
            raise ValueError(
                f"{weights_file!r} does not fit the Forecaster its config.json describes: {err}"
            ) from None
        model.members_.load_state_dict(weights)
        held = "member" if cfg.ensemble == 1 else f"{cfg.ensemble} members"
        with doing(f"moving the model's {held} to it"):
            model.members_.to(model.config.device).eval()
        model._fitted_config = model.config
        model.state_ = st
        try:
            model._saved_history()
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as err:
            raise ValueError(
                f"{file!r} does not describe a usable Forecaster: its state.history does not "
                f"give the end of the training data ({type(err).__name__}: {err})."
            ) from None
        training = saved.get("training")  # older saves have none
        if training is not None and not isinstance(training, dict):
            # it was ignored: plot_training then blamed a save made before histories were kept
            raise ValueError(
                f"{file!r} does not describe a usable Forecaster: its entry 'training' must be "
                f"a JSON object of the training histories (members, refits), got "
                f"{type(training).__name__}."
            )
        if isinstance(training, dict):
            try:
                model.history_ = [_history_from_json(h) for h in training.get("members", [])]
                model.refit_history_ = [_history_from_json(h) for h in training.get("refits", [])]
            except (ValueError, TypeError, AttributeError) as err:
                raise ValueError(
                    f"{file!r} does not describe a usable Forecaster: its training histories "
                    f"(training.members, training.refits: lists of objects of per-epoch lists) "
                    f"cannot be read ({type(err).__name__}: {err})."
                ) from None
        return model

    def plot_training(self, path: str | Path | None = None, title: str | None = None) -> Figure:
        """Each member's loss per epoch: its training on the windows before the validation
        split (training loss solid, validation loss dashed, the best epoch dotted) and, with
        ``refit``, its retraining on every window for the best epoch count (for as many epochs
        without ``early_stopping``), side by side.

        Args:
            path: where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``;
                missing folders are created (an unknown suffix is a ValueError).
            title: the figure title, or ``None``.

        Returns:
            The matplotlib ``Figure`` (not attached to pyplot).

        Raises:
            NotFittedError: before ``fit``.
            ValueError: for a model loaded from a save that kept no histories (one made
                before they were saved with the model).
        """
        self._state(check_config=False)  # the histories of the fit, whatever config is now
        if path is not None:
            figure_file(path)  # refused before anything is drawn
        if not self.history_:
            raise ValueError(
                "this Forecaster has no training histories: it was loaded from a save made "
                "before they were kept. Fit it again to plot its training."
            )
        labels = [f"member {k + 1}" for k in range(len(self.history_))]
        panels = 2 if self.refit_history_ else 1
        fig = new_figure(figsize=(6 * panels, 4), layout="constrained")
        axes = fig.subplots(1, panels, squeeze=False)[0]
        stopped = self._saved_config().early_stopping  # else every epoch, the last kept
        draw_histories(axes[0], self.history_, labels)
        axes[0].set_title(
            "training, early stopping on the validation windows"
            if stopped
            else "training for every epoch (the last weights kept)",
            fontsize="medium",
        )
        if self.refit_history_:
            draw_histories(axes[1], self.refit_history_, labels)
            axes[1].set_title(
                "refit on every window, for the best epoch count"
                if stopped
                else "refit on every window, for as many epochs",
                fontsize="medium",
            )
        if title is not None:
            fig.suptitle(drawable_title(title), wrap=True)
        if path is not None:
            save_figure(fig, path, dpi=110)
        return fig


def _fewer_errors_remedy(k: int, val_size: int | None = None) -> str:
    """What widens an interval that has ``k`` validation errors at a step, too few, as the
    caller acts on it: the highest ``interval`` that ``k`` errors give (``k / (k + 1)``, 0.5
    for one), and ``val_size``, the validation windows that give enough, where the series has
    room for them (``None`` where not, or not known). "A larger --val-size" was advised where
    a larger one was refused as too long (``--horizon 65`` on 144 months: ``--val-size 4``
    needs 81 points before the holdout, of 79). `lstmkit predict` has no --val-size (a
    model's validation is fixed when it is fitted)."""
    lower = f"{_highest_level(k):g}"
    if cli_command.get() == "predict":
        return (
            f"A lower --interval ({lower} or less) fixes this, or a model fitted with a larger "
            "--val-size."
        )
    interval = said_to_caller(f"`interval` ({lower} or less)", f"--interval ({lower} or less)")
    if val_size is None:
        return f"A lower {interval} fixes this."
    validation = remedy(f"val_size={val_size}", f"--val-size {val_size}")
    return f"{validation} or a lower {interval} fixes this."


def _errors_needed(level: float) -> int:
    """The fewest validation errors a split-conformal interval at ``level`` needs,
    ``level / (1 - level)`` rounded up (9 at 0.9; the tolerance as :func:`_conformal_rank`'s)."""
    return math.ceil(level / (1 - level) - 1e-9)


def _highest_level(k: int) -> float:
    """The highest ``interval`` that ``k`` validation errors give, ``k / (k + 1)`` rounded down
    to the percent (0.5 for one)."""
    return math.floor(100 * k / (k + 1)) / 100


def _conformal_rank(k: int, level: float) -> int:
    """Which of ``k`` sorted errors is the split-conformal half-width at ``level``:
    ``ceil((k + 1) * level)``, at least 1 (more than ``k`` means too few errors)."""
    return max(1, math.ceil((k + 1) * level - 1e-9))  # tolerance: (k + 1) * 0.8 in floats


def _history_json(h: History) -> dict[str, Any]:
    """A History as JSON (``best_val_loss`` is ``None`` without validation, not infinity)."""
    out = asdict(h)
    out["best_val_loss"] = h.best_val_loss if math.isfinite(h.best_val_loss) else None
    return out


def _history_from_json(d: dict[str, Any]) -> History:
    best = d.get("best_val_loss")
    return History(
        train_loss=[float(v) for v in d.get("train_loss", [])],
        val_loss=[float(v) for v in d.get("val_loss", [])],
        lr=[float(v) for v in d.get("lr", [])],
        best_epoch=int(d.get("best_epoch", -1)),
        best_val_loss=math.inf if best is None else float(best),
        stopped_early=bool(d.get("stopped_early", False)),
    )


def _zone_name(tz: Any) -> str:
    """A name that ``tz_convert`` reads back: the IANA key (``Europe/Berlin``) of a zoneinfo,
    pytz or dateutil zone, a fixed offset as pandas writes it, else ``UTC`` (the saved stamps
    are UTC; only the zone they are shown in is lost)."""
    return _zone_key(tz) or "UTC"


def _zone_shown(tz: Any) -> str:
    """``tz`` in a message: its name, as pytz and zoneinfo zones write themselves (a dateutil
    zone wrote ``tzfile('/usr/share/zoneinfo/Europe/Berlin')``), or, where it has none that
    ``tz_convert`` reads, as it writes itself."""
    return _zone_key(tz) or str(tz)


def _zone_key(tz: Any) -> str | None:
    """:func:`_zone_name`'s name of ``tz``, None where it has none."""
    path = str(getattr(tz, "_filename", ""))  # dateutil: .../zoneinfo/Europe/Berlin
    dateutil = path.split("zoneinfo/", 1)[1] if "zoneinfo/" in path else None
    for name in (getattr(tz, "key", None), getattr(tz, "zone", None), str(tz), dateutil):
        if isinstance(name, str):
            try:
                pd.Timestamp(0, tz="UTC").tz_convert(name)
                return name
            except (ValueError, TypeError, KeyError, LookupError):
                pass
    return None


def _saved_state_problems(st: dict[str, Any], cfg: ForecasterConfig) -> list[str]:
    """What makes a saved Forecaster's ``state`` unusable with its ``cfg``: one message per
    entry of the wrong type or out of range (``lookback`` 0, ``scale`` NaN, ...), which would
    otherwise fail deep inside ``predict`` or, worse, give another forecast without a word."""

    def finite(v: object) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)

    def count(v: object) -> bool:
        return isinstance(v, int) and not isinstance(v, bool) and v >= 1

    def width(v: object) -> bool:  # NaN too: a step without validation errors
        return isinstance(v, int | float) and not isinstance(v, bool) and not v < 0

    def short(v: object) -> str:  # a value as the message shows it, at most 80 characters
        text = repr(v)
        return text if len(text) <= 80 else text[:76] + " ..."

    def numbers(v: object, size: int | None, test: Callable[[Any], bool]) -> bool:
        return isinstance(v, list) and (size is None or len(v) == size) and all(test(x) for x in v)

    problems = []
    if cfg.horizon is None:
        problems.append("config.horizon must be a positive integer (fit records it), got None")
    horizon = cfg.horizon
    for name in ("m", "lookback"):
        if not count(st[name]):
            problems.append(f"state.{name} must be a positive integer, got {short(st[name])}")
    if count(st["m"]) and st["m"] >= 2**31:  # the calendar's positions are int32
        problems.append(f"state.m must be a season length below 2**31, got {st['m']}")
    if not isinstance(st["log"], bool):
        problems.append(f"state.log must be true or false, got {short(st['log'])}")
    if st["scaling"] not in ("window", "standard", "minmax"):
        problems.append(
            f"state.scaling must be 'window', 'standard' or 'minmax', got {short(st['scaling'])}"
        )
    if not finite(st["loc"]):
        problems.append(f"state.loc must be a finite number, got {short(st['loc'])}")
    if not (finite(st["scale"]) and st["scale"] > 0):
        problems.append(f"state.scale must be a finite number > 0, got {short(st['scale'])}")
    columns = st["columns"]
    if not (numbers(columns, None, lambda c: isinstance(c, str)) and columns):
        problems.append(
            f"state.columns must be a non-empty list of column names, got {short(columns)}"
        )
        covariates = None
    else:
        covariates = len(columns) - 1
    for name, test in (("cov_mean", finite), ("cov_std", lambda v: finite(v) and v > 0)):
        if not numbers(st[name], covariates, test):
            what = "finite numbers" if name == "cov_mean" else "finite numbers > 0"
            size = "" if covariates is None else f"{covariates} "
            problems.append(
                f"state.{name} must be a list of {size}{what} (one per covariate), "
                f"got {short(st[name])}"
            )
    future = st.get("future", [])
    if not numbers(future, None, lambda c: isinstance(c, str)) or (
        covariates is not None
        and (
            len(future) > covariates
            or columns[len(columns) - len(future) :] != [_FUTURE + c for c in future]
        )
    ):
        problems.append(
            "state.future must be a list of the future covariates' names, whose columns "
            f"(fut:NAME) end state.columns, got {short(future)}"
        )
    known = _CALENDAR
    if not numbers(st["calendar"], None, lambda c: c in known):
        problems.append(
            f"state.calendar must be a list of the calendar columns {list(known)}, "
            f"got {short(st['calendar'])}"
        )
    inputs = st.get("inputs")  # absent from models saved before they were kept
    if inputs is not None and not numbers(
        inputs,
        None if covariates is None else covariates + 1,
        lambda r: numbers(r, 2, finite) and r[0] <= r[1],
    ):
        size = "" if covariates is None else f"{covariates + 1} "
        problems.append(
            f"state.inputs must be null or a list of {size}[low, high] pairs of finite numbers "
            f"(the ranges of the scaled training inputs, one per column), got {short(inputs)}"
        )
    if st["time_of_day"] not in ("local", "hourly"):
        problems.append(
            f"state.time_of_day must be 'local' or 'hourly', got {short(st['time_of_day'])}"
        )
    if st["steps"] not in ("counted", "elapsed", "business"):
        problems.append(
            f"state.steps must be 'counted', 'elapsed' or 'business', got {short(st['steps'])}"
        )
    if cfg.interval is None and (st["quantiles"] is not None or st.get("errors") is not None):
        # predict() failed with "float() argument must be ... not 'NoneType'"
        problems.append(
            "state.quantiles and state.errors must be null when config.interval is null (fit "
            f"keeps them for an interval only), got {short(st['quantiles'])} and "
            f"{short(st.get('errors'))}"
        )
    elif st["quantiles"] is not None and not numbers(st["quantiles"], horizon, width):
        problems.append(
            f"state.quantiles must be null or a list of {horizon} interval half-widths >= 0, "
            f"got {short(st['quantiles'])}"
        )
    errors = st.get("errors")
    if errors is not None and not numbers(
        errors, horizon, lambda e: numbers(e, None, lambda v: finite(v) and v >= 0)
    ):
        problems.append(
            f"state.errors must be null or {horizon} lists of validation errors >= 0 (one per "
            f"step), got {short(errors)}"
        )
    history = st["history"]
    if not isinstance(history, dict) or not {"index", "values", "freq"} <= set(history):
        problems.append(
            "state.history must be an object with the entries 'index', 'values' and 'freq', "
            f"got {short(history)}"
        )
    elif not isinstance(history["index"], list):
        problems.append(
            f"state.history.index must be a list of time stamps, got {short(history['index'])}"
        )
    elif count(st["lookback"]) and len(history["index"]) < st["lookback"] + cfg.difference:
        problems.append(
            f"state.history holds {len(history['index'])} time stamps, fewer than the "
            f"{st['lookback'] + cfg.difference} (state.lookback + config.difference) a forecast "
            "reads"
        )
    elif covariates is not None and not numbers(
        history["values"], len(history["index"]), lambda row: numbers(row, len(columns), finite)
    ):
        problems.append(
            f"state.history.values must hold, for each of the {len(history['index'])} "
            f"time stamps of state.history.index, a list of {len(columns)} finite numbers "
            "(one per column)"
        )
    period = history.get("period") if isinstance(history, dict) else None
    if period is not None and not _is_period_freq(period):  # predict() makes periods of it
        problems.append(
            "state.history.period must be null or the frequency of a PeriodIndex ('M', "
            f"'W-SUN', ...), got {short(period)}"
        )
    hours = history.get("hours") if isinstance(history, dict) else None
    if hours is not None and not _are_opening_hours(hours):  # predict() steps through them
        problems.append(
            "state.history.hours must be null or the opening and closing times of business "
            f"hours ([['08:00'], ['16:00']]), got {short(hours)}"
        )
    days = history.get("weekmask") if isinstance(history, dict) else None
    if days is not None and not (
        isinstance(days, str) and re.fullmatch("[01]{7}", days) and "1" in days
    ):
        problems.append(
            "state.history.weekmask must be null or the days that business hours open on, "
            f"seven 0s and 1s from Monday, one 1 at least ('1111110'), got {short(days)}"
        )
    elif days is not None and str(history.get("freq")).lstrip("0123456789").lower() != "cbh":
        problems.append(  # pandas' "bh" and other steps have no days to open on
            "state.history.weekmask must be null for steps other than custom business hours "
            f"('cbh'), got {short(days)} with state.history.freq {short(history.get('freq'))}"
        )
    holidays = history.get("holidays") if isinstance(history, dict) else None
    if holidays is not None and not _are_holidays(holidays):  # predict() steps around them
        problems.append(
            "state.history.holidays must be null or the dates business hours close on, a "
            f"list of ISO dates (['2024-12-25']), got {short(holidays)}"
        )
    elif holidays is not None and str(history.get("freq")).lstrip("0123456789").lower() != "cbh":
        problems.append(  # pandas' "bh" and other steps have no holidays
            "state.history.holidays must be null for steps other than custom business hours "
            f"('cbh'), got {short(holidays)} with state.history.freq "
            f"{short(history.get('freq'))}"
        )
    given = history.get("given_freq") if isinstance(history, dict) else None
    if given is not None and not _names_the_steps(given, history.get("freq")):
        problems.append(  # predict() names the forecast's index by it
            "state.history.given_freq must be null or another name pandas reads for the steps "
            f"of state.history.freq ('168h' for '7D'), got {short(given)} with "
            f"state.history.freq {short(history.get('freq'))}"
        )
    return problems


def _names_the_steps(given: object, freq: object) -> bool:
    """Whether ``given`` (a saved ``given_freq``) names steps of a fixed length equal to those
    of ``freq`` (``"168h"`` and ``"7D"``)."""
    if not isinstance(given, str) or not isinstance(freq, str):
        return False
    try:
        ours, theirs = (pd.tseries.frequencies.to_offset(f) for f in (given, freq))
    except (ValueError, TypeError):
        return False
    day = pd.Timestamp("2024-01-01")
    return isinstance(ours, pd.offsets.Tick) and (day + ours) - day == (day + theirs) - day


def _are_holidays(holidays: object) -> bool:
    """Whether ``holidays`` are dates as saved: a non-empty list of ISO dates
    (``["2024-01-01", "2024-12-25"]``)."""
    if not isinstance(holidays, list) or not holidays:
        return False
    if not all(isinstance(d, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", d) for d in holidays):
        return False
    try:
        np.array(holidays, dtype="datetime64[D]")
    except ValueError:
        return False
    return True


def _are_opening_hours(hours: object) -> bool:
    """Whether ``hours`` are business hours' opening and closing times as saved."""
    if not (
        isinstance(hours, list) and len(hours) == 2 and all(isinstance(h, list) for h in hours)
    ):
        return False
    try:
        pd.offsets.BusinessHour(start=hours[0], end=hours[1])
    except (ValueError, TypeError):
        return False
    return True


# The frequency aliases pandas 2.2 renamed (pandas < 2.2 wrote the old ones, which 2.2 warns of
# and pandas 3 refuses), those of a DatetimeIndex's frequency and those of a PeriodIndex's.
_OLD_ALIASES = {"H": "h", "T": "min", "S": "s", "L": "ms", "U": "us", "N": "ns"}
_OLD_OFFSETS = {
    **_OLD_ALIASES,
    **{"BH": "bh", "CBH": "cbh", "M": "ME", "BM": "BME", "CBM": "CBME", "SM": "SME"},
    **{"Q": "QE", "BQ": "BQE", "A": "YE", "Y": "YE", "BA": "BYE", "BY": "BYE"},
    **{"AS": "YS", "BAS": "BYS"},
}
_OLD_PERIODS = {**_OLD_ALIASES, "A": "Y"}
_ALIAS = re.compile(r"(?P<n>[+-]?\d*)(?P<code>[A-Za-z]+)(?P<anchor>-.*)?")


def _current_alias(freq: object, old: dict[str, str]) -> object:
    """``freq`` with an alias of ``old`` (:data:`_OLD_OFFSETS`, :data:`_OLD_PERIODS`) renamed as
    pandas >= 2.2 names it, keeping its multiple and anchor (``"2H"`` → ``"2h"``, ``"A-DEC"``
    → ``"YE-DEC"``); anything else as it is."""
    found = _ALIAS.fullmatch(freq) if isinstance(freq, str) else None
    if found is None or found["code"] not in old:
        return freq
    return f"{found['n']}{old[found['code']]}{found['anchor'] or ''}"


def _current_aliases(history: object) -> None:
    """Rename in place the frequencies of a saved ``state.history`` (``freq``, ``period``) that
    pandas < 2.2 wrote with the aliases pandas 2.2 renamed: read as they are, pandas 2.2 warned
    of them at every load and pandas 3 refused them, the save's own strings."""
    if not isinstance(history, dict):
        return  # refused as such by _saved_state_problems
    if "freq" in history:
        history["freq"] = _current_alias(history["freq"], _OLD_OFFSETS)
    if "period" in history:
        history["period"] = _current_alias(history["period"], _OLD_PERIODS)


def _is_period_freq(value: object) -> bool:
    """Whether ``value`` is a frequency pandas makes periods of (``"M"``, not ``"MS"``)."""
    if not isinstance(value, str):
        return False
    try:
        with D._business_periods():  # "B" periods are deprecated, not refused
            pd.PeriodDtype(value)
    except (ValueError, TypeError):
        return False
    return True


# The top-level entries of config.json besides "kind" and "versions" ("training" came later).
_ENTRIES = ("config", "state", "training")

# The frequencies (data._freq_code) whose calendar steps models saved before they had a season
# count in time since 1970 (state "steps": "elapsed")
_ELAPSED_STEPS = ("SMS", "SME", "C", "BH", "CBH")

# The state entries every saved Forecaster has had (the later ones: _LATER_STATE).
_SAVED_STATE = (
    "m",
    "log",
    "lookback",
    "scaling",
    "loc",
    "scale",
    "cov_mean",
    "cov_std",
    "columns",
    "quantiles",
    "history",
)

# The state entries added since (older saves lack them).
_LATER_STATE = (
    "calendar",
    "time_of_day",
    "steps",
    "future",
    "errors",
    "n_train",
    "val_size",
    "inputs",
)


# What a forecast holds for each step at least: its ``forecast``, ``lower`` and ``upper`` columns
# and its timestamp, 8 bytes each (and each member's forecast, 8 bytes more per member).
_BYTES_PER_STEP = 32


# ``size`` bytes in binary units ('31.2 GiB'), as ``lstmkit demo``'s refusal writes them
_in_bytes = _memory.in_bytes


def _drawn_array(given: Any, name: str, what: str, none: str = "") -> np.ndarray:
    """``given``, the ``history`` or ``truth`` of :func:`plot_forecast` that is no pandas
    object, as the 1-D floats drawn (a 2-D array's first column, as a DataFrame's): a masked
    array's masked values missing, where its hidden ones were drawn; dates and durations
    refused, where they were drawn as nanoseconds since 1970 (1.6e18), as the metrics refuse
    them; anything else but numbers (an object, a dict, text, a number alone, a Darts
    ``TimeSeries``, told its pandas form) a ``TypeError`` that names it (``what``, ``none``:
    what it must be)."""
    given = D._unmasked(given)
    try:
        kind = np.asarray(given).dtype.kind
    except (TypeError, ValueError, RuntimeError):  # ragged, grad: told below
        kind = None
    if kind in ("M", "m"):
        got = (
            "dates, which would be drawn as nanoseconds since 1970: pass the values measured "
            "at those times"
            if kind == "M"
            else "durations, which would be drawn as nanoseconds: pass them as numbers, "
            "durations / pd.Timedelta(hours=1) for hours"
        )
        raise TypeError(f"`{name}` must be {what} of numbers {none}".rstrip() + f", got {got}.")
    try:
        values = np.asarray(given, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.ndim == 0:
        raise TypeError(
            f"`{name}` must be {what} of numbers {none}".rstrip()
            + f", got {_darts_hint(given, name) or type(given).__name__}."
        )
    if values.ndim > 2:
        raise ValueError(
            f"`{name}` as an array must be 1-D or 2-D (first column used), got shape "
            f"{values.shape}."
        )
    return values if values.ndim == 1 else values[:, 0]


@their_arguments(
    "plot_forecast",
    {
        # in the size given (always (12, 4) before, whatever came)
        "figsize": lambda figsize: (
            "matplotlib's figsize is that of a figure of your own here: "
            f"fig, ax = plt.subplots(figsize=({figure_size(figsize)})), "
            "then plot_forecast(..., ax=ax)"
        )
    },
)
def plot_forecast(
    history: pd.Series | pd.DataFrame | np.ndarray,
    forecast: pd.DataFrame,
    truth: pd.Series | np.ndarray | None = None,
    *,
    context: int | None = None,
    path: str | Path | None = None,
    title: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The history, the held-out truth, the forecast and its interval, in one figure.

    Args:
        history: the series the forecast starts from (a DataFrame's first column is used), or
            its values as an array (a 2-D array's first column), drawn at the steps just before
            the forecast's first timestamp. The figure shows its last ``context`` points, and
            a Series' (or the column's) name labels the value axis where it is a non-empty
            string (a number or tuple as the name labels nothing).
        forecast: :meth:`Forecaster.predict`'s output (``forecast``, and ``lower``/``upper``
            drawn as a band where they are not NaN).
        truth: the actual values over the forecast span, drawn dashed, or ``None``; a Series
            is drawn at its own timestamps (a DataFrame's first column), an array at the
            forecast's first ones.
        context: points of ``history`` shown; default ``max(12 * len(forecast), 144)`` (the
            whole of a monthly series of 12 years; the last 168 days before a 14-day
            forecast), so a short forecast after a long history stays readable.
        path: where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``;
            missing folders are created (an unknown suffix is a ValueError).
        title: the figure title, or ``None``.
        ax: a matplotlib ``Axes`` to draw into (one of your subplots, say), or ``None`` for a
            new figure of its own; a y label or tick formatter set on it is kept.

    Returns:
        The matplotlib ``Figure`` (``ax``'s figure when given; a new one is not attached to
        pyplot).

    Raises:
        TypeError: for a ``history`` or ``truth`` that is neither pandas nor an array of
            numbers (a Darts ``TimeSeries`` is told its pandas form), a
            ``forecast`` that is no DataFrame (a Series, an array: the message says how to
            wrap it), an ``ax`` that is no matplotlib ``Axes``, a ``context`` given as text
            (``"24"``: a ``ValueError`` too, told the number it reads as), or a ``forecast``
            (or a ``truth`` Series) indexed by positions (a RangeIndex) beside a ``history``
            indexed by timestamps, or the other way: drawn on one axis, positions read as
            nanoseconds after 1970; so is text beside positions, either way (drawn as
            categories at 0, 1, ...; digits as text, ``"1949"``, are the integers that fit
            reads them as), but for the positions that continue a ``history``
            indexed by text, ``len(history)`` onward (predict's after it), which are drawn
            with the history's labels as ticks (a ``truth`` Series at positions beside these
            too, only where it continues the history as well); and a ``truth`` indexed by
            text beside these, where its labels are among the history's.
        ValueError: for a ``forecast`` without a ``forecast`` column or with no finite value
            in it (all NaN: an empty line, nothing to see), a ``truth`` array longer than it,
            a ``context`` that is not a positive integer, or an array ``history`` with more
            than 2 dimensions or before a forecast index without a regular step (a
            DatetimeIndex without frequency, say).
    """
    from matplotlib.axes import Axes

    if path is not None:
        figure_file(path)  # refused before anything is drawn
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"`ax` must be a matplotlib Axes or None, got {type(ax).__name__}.")
    context = _check_context(context)
    if not isinstance(forecast, pd.DataFrame):
        # pred["forecast"] or another model's values were told "got <class 'pandas.Series'>"
        fix = (
            "forecast.to_frame('forecast') for a Series of the forecasts at their timestamps"
            if isinstance(forecast, pd.Series)
            else "pd.DataFrame({'forecast': values}, index=<their timestamps>) for forecasts "
            "as bare values"
        )
        raise TypeError(
            "`forecast` must be a DataFrame with a 'forecast' column (Forecaster.predict's "
            f"output, whole), got {type(forecast).__name__}; pass {fix}."
        )
    if "forecast" not in forecast.columns:
        got = list(forecast.columns)
        raise ValueError(
            f"`forecast` must be a DataFrame with a 'forecast' column (Forecaster.predict's "
            f"output), got {got!r}."
        )
    column = forecast["forecast"]
    numeric = pd.api.types.is_numeric_dtype(column)
    values = column.to_numpy(dtype=float, na_value=np.nan) if numeric else np.zeros(0)
    if len(values) and not np.isfinite(values).any():
        # else a figure of the history alone, the forecast's line empty, without a word
        what = "NaN" if np.isnan(values).all() else "NaN or infinite values"
        where = f"all {len(values)} steps"
        if len(values) == 1:  # a horizon of 1 read "at all 1 steps"
            what, where = ("NaN" if np.isnan(values[0]) else "an infinite value"), "its one step"
        raise ValueError(
            f"`forecast` must have a finite value in its 'forecast' column to draw, got "
            f"{what} at {where}."
        )
    # periods are drawn at their first moments (matplotlib places no Period), their yearly
    # ticks named by the periods (a fiscal year Y-JUN's 2000 starts in July 1999)
    period = forecast.index.freq if isinstance(forecast.index, pd.PeriodIndex) else None
    forecast = _at_timestamps(forecast)
    if isinstance(history, pd.DataFrame):
        history = history.iloc[:, 0]
    if isinstance(history, pd.Series):
        history = _at_timestamps(history)
    else:
        values = _drawn_array(history, "history", "a pandas Series or DataFrame or an array")
        history = pd.Series(values, index=_index_before(forecast.index, len(values)))
    if isinstance(truth, pd.DataFrame):
        truth = truth.iloc[:, 0]
    if isinstance(truth, pd.Series):
        truth = _at_timestamps(truth)
    elif truth is not None:
        # as the history: an object, a dict or text met numpy's bare "float() argument must
        # be ..." or "could not convert string to float", and a number was drawn as a point
        values = _drawn_array(truth, "truth", "a pandas Series or DataFrame, an array", "or None")
        if len(values) > len(forecast):
            raise ValueError(
                f"`truth` must have at most {len(forecast)} values (the forecast's length), "
                f"got {len(values)}."
            )
        truth = pd.Series(values, index=forecast.index[: len(values)])
    history, forecast = _as_fit_reads(history), _as_fit_reads(forecast)
    truth = _as_fit_reads(truth) if isinstance(truth, pd.Series) else truth
    if problems := _unaligned_indexes(history, forecast, truth):
        raise TypeError(" ".join(problems))
    history, truth, labels = _text_as_positions(history, forecast, truth)
    history = history.iloc[-(max(12 * len(forecast), 144) if context is None else context) :]
    if ax is None:
        fig = new_figure(figsize=(9, 4.5), layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure.figure  # the whole figure, also for an Axes of a subfigure
    ax.plot(history.index, history.to_numpy(), color="0.3", lw=1.2, label="history")
    if truth is not None:
        if len(history) and len(truth) and history.index[-1] < truth.index[0]:
            # the truth continues the history: drawn from its last point, with no gap between
            truth = pd.concat([history.iloc[-1:], truth])
        ax.plot(truth.index, truth.to_numpy(), color="black", lw=1.5, ls="--", label="truth")
    _draw_forecast(ax, forecast, "tab:blue")
    title_and_name(ax, title, history.name, "`history`'s name")
    ax.legend(loc="best")  # where it covers the fewest points ("upper left" hid a falling series)
    drawn = (history.index, *([] if truth is None else [truth.index]))
    _date_axis(ax, forecast.index, *drawn, period=period)
    if labels is not None:
        _label_positions(ax, labels)
    value_axis(ax)
    if path is not None:
        save_figure(fig, path, dpi=110)
    return fig


def _as_fit_reads(data: _Data) -> _Data:
    """``data`` indexed by digits as text (``"1949"``, ``"001"``) as by the integers that
    ``Forecaster.fit`` reads them as, after which predict's steps go on (1973, ...: refused
    beside the text, told that predict's were 24 onward); else as it is."""
    if _index_held(data.index) != "text":
        return data
    whole = D._whole_numbers(data.index)
    return data if whole is data.index else data.set_axis(whole)


def _text_labels(data: Any) -> list[str] | None:
    """The labels of ``data`` indexed by text, which ``Forecaster.fit`` reads as the positions
    ``0 .. T-1`` (digits as text aside: those read as integers), as text; else None."""
    if not isinstance(data, (pd.Series, pd.DataFrame)):
        return None
    index = _as_fit_reads(data).index
    return [str(label) for label in index] if _index_held(index) == "text" else None


def _continues(history: pd.Series, data: pd.Series | pd.DataFrame) -> bool:
    """Whether ``data`` is indexed by the positions that continue a ``history`` indexed by
    text: ``len(history)``, ``len(history) + 1``, ... (:meth:`Forecaster.predict`'s after it)."""
    if _index_held(history.index) != "text" or _index_held(data.index) != "positions":
        return False
    n = len(history)
    positions = np.asarray(data.index, dtype=float)
    return bool(len(positions)) and np.array_equal(positions, np.arange(n, n + len(positions)))


def _text_as_positions(
    history: pd.Series, forecast: pd.DataFrame, truth: Any
) -> tuple[pd.Series, Any, list[str] | None]:
    """``history`` (and a ``truth`` Series labelled by text) at positions where ``forecast``
    continues a ``history`` labelled by text (:func:`_continues`), as predict numbers the steps
    after such a series, with the labels of those positions for the ticks; else all as given,
    and no labels. A truth whose labels are not among the history's continues it; one whose
    labels are is refused, as no position of the forecast's tells which of them it is.

    Raises:
        TypeError: for such a truth.
    """
    if history.empty or not _continues(history, forecast):
        return history, truth, None
    n = len(history)
    labels = [str(label) for label in history.index]
    history = history.set_axis(pd.RangeIndex(n))
    if isinstance(truth, pd.Series) and not truth.empty and _index_held(truth.index) == "text":
        known = set(labels)
        among = [str(label) for label in truth.index if label in known]
        if among:
            shown = ", ".join(repr(label) for label in among[:3])
            raise TypeError(
                f"`truth` must continue `history` where `forecast` does (positions {n} to "
                f"{n + len(forecast) - 1}, predict's after a history indexed by text), got "
                f"labels among the history's ({shown}{', ...' if len(among) > 3 else ''}); "
                "give the values after the history alone (truth.to_numpy()), drawn at the "
                "forecast's first steps."
            )
        labels += [str(label) for label in truth.index]
        truth = truth.set_axis(pd.RangeIndex(n, n + len(truth)))
    return history, truth, labels


# what pandas infers of an object index of numbers (``pd.Index([4, 5], dtype=object)``)
_NUMBERS_HELD = ("integer", "floating", "mixed-integer-float", "decimal", "boolean")


def _index_held(index: pd.Index) -> str:
    """What an index holds, as :func:`plot_forecast`'s refusals name it: timestamps, positions
    (numbers), or text (dates as text are no positions). Read from its values, not its dtype:
    whole numbers of dtype object are positions, and a categorical index holds what its
    categories do (both were called text: an object index of ints was refused beside a
    RangeIndex, a categorical one of text beside text, where each was drawn right)."""
    if isinstance(index, pd.DatetimeIndex):
        return "timestamps"
    values = index.categories if isinstance(index, pd.CategoricalIndex) else index
    if pd.api.types.is_numeric_dtype(values.dtype) or values.inferred_type in _NUMBERS_HELD:
        return "positions"
    return "text" if pd.api.types.is_string_dtype(values.dtype) else str(index.dtype)


def _unaligned_indexes(history: pd.Series, forecast: pd.DataFrame, truth: Any) -> list[str]:
    """What refuses :func:`plot_forecast`'s ``forecast`` (and a ``truth`` Series) indexed by
    positions beside a ``history`` of timestamps, or the other way (their PeriodIndex read as
    timestamps already): drawn on one axis, positions read as nanoseconds after 1970 and a
    forecast of 1961 was drawn in January 1970. Text beside positions too, either way:
    matplotlib draws text as categories at 0, 1, .... Every such problem, or [] for none."""
    dated = isinstance(history.index, pd.DatetimeIndex)
    # positions that continue a history indexed by text are drawn (_text_as_positions); a
    # truth's too, where the forecast's do, but none among the history's (at 0, 1, ...)
    continued = _continues(history, forecast)
    problems = []
    for name, data in (("forecast", forecast), ("truth", truth)):
        if not isinstance(data, (pd.Series, pd.DataFrame)) or data.empty or history.empty:
            continue  # (nothing drawn of an empty one: pd.Series([]) has a RangeIndex)
        if continued and _continues(history, data):
            continue
        kind, held = type(data.index).__name__, _index_held(data.index)
        # text beside positions too: matplotlib drew text as categories at 0, 1, ..., under
        # which a forecast at positions 0 and 1 fell on the history's first labels
        if isinstance(data.index, pd.DatetimeIndex) == dated and (
            dated or (held == "text") == (_index_held(history.index) == "text")
        ):
            continue
        if dated or held == "text":
            fix = (
                f"index it by the steps after the history's, e.g. {name}.index = "
                f"lstmkit.data.future_index(history.index, len({name}))"
            )
        elif isinstance(data.index, pd.DatetimeIndex):
            fix = (
                "give `history` by its timestamps, or its values alone (history.to_numpy()), "
                "drawn at the steps before the forecast's"
            )
        elif name == "truth" and (continued or _index_held(forecast.index) == "text"):
            fix = "give its values alone (truth.to_numpy()), drawn at the forecast's first steps"
        else:
            fix = (
                "give `history` its values alone (history.to_numpy()), drawn at the positions "
                "before the forecast's"
            )
        undated = _index_held((data if dated else history).index)
        if undated == "positions" and (dated or isinstance(data.index, pd.DatetimeIndex)):
            why = "positions read as nanoseconds after 1970"
        elif dated or isinstance(data.index, pd.DatetimeIndex):
            why = f"{undated} has no place among timestamps"
        else:
            why = "text has no place among positions"
            if _index_held(history.index) == "text" and (name == "forecast" or continued):
                why += (
                    f" but those that continue the history, {len(history)} onward, as "
                    "predict's after it"
                )
        problems.append(
            f"`{name}` must be indexed as `history` is, by {_index_held(history.index)}, got "
            f"{'an' if kind[0] in 'AEIOU' else 'a'} {kind} ({held}) beside `history`'s "
            f"{type(history.index).__name__} ({_index_held(history.index)}): drawn on one axis, "
            f"{why}; {fix}."
        )
    return problems


def _at_timestamps(data: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """``data`` with a PeriodIndex as its periods' start times (``attrs`` kept), else as is."""
    if not isinstance(data.index, pd.PeriodIndex):
        return data
    with D._business_periods():
        out = data.set_axis(data.index.to_timestamp())
    out.attrs = dict(data.attrs)
    return out

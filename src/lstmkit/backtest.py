"""Rolling-origin evaluation of a :class:`~lstmkit.forecast.Forecaster` beside the baselines.

:meth:`Forecaster.backtest <lstmkit.forecast.Forecaster.backtest>` is the entry point; this module
holds the loop and its result so the estimator stays about fitting and forecasting.
"""

from __future__ import annotations

import contextlib
import functools
import html
import logging
import math
import numbers
import re
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from lstmkit import data as D
from lstmkit._checks import (
    _held_hint,
    _not_positive,
    as_int,
    count_too_large,
    figure_size,
    gathering,
    level_percent,
    plain_repr,
    plural_s,
    progress_bar,
    text_refusal,
    their_arguments,
    typed_repr,
    user_stacklevel,
    value_repr,
    warn_gathered,
    warn_user,
    whole_float_hint,
)
from lstmkit._figures import (
    figure_file,
    new_figure,
    save_figure,
    title_and_name,
    value_axis,
)
from lstmkit._forecast_config import steps_count
from lstmkit._lazy import public_dir
from lstmkit._remedies import cli_command, said_to_caller
from lstmkit.baselines import baseline_forecasts
from lstmkit.metrics import evaluate

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from lstmkit.forecast import Forecaster

logger = logging.getLogger(__name__)

__all__ = ["BacktestResult", "rolling_origin"]
__dir__ = public_dir(globals())


def _four_digits(value: float) -> str:
    return f"{value:.4g}"


def _title_number(value: float) -> str:
    """An error in a figure's title: 4 significant digits (``21.47``), but whole and grouped
    from 10,000 on (``581,234``, where ``.4g`` wrote ``5.812e+05``), which includes what
    rounds to it (``.4g`` wrote 9999.7 ``1e+04``)."""
    return f"{value:,.0f}" if 9999.5 <= abs(value) < 1e15 else f"{value:.4g}"


@dataclass
class BacktestResult:
    """Rolling-origin evaluation.

    Attributes:
        forecasts: one row per origin and step: ``origin, cutoff, timestamp, step, y_true,
            forecast, lower, upper`` and one column per baseline. ``origin`` is the first
            forecast timestamp, ``cutoff`` the last one the model saw (where ``lstmkit predict``
            says "forecast from").
        metrics: one row per origin and method (``model`` and each baseline) with the five
            metrics, in original units.
        summary: per method, the mean of each metric over origins (NaN when the metric is
            undefined at any origin, or the baseline failed at one); ``summary["model"]`` also
            holds ``coverage`` (the fraction of truths inside the interval, over the steps that
            have one) and ``nominal``.
        series: the target series the origins cut (for :meth:`plot`), or ``None``.
        calibration: one row per nominal coverage scored (``config.interval`` and the
            backtest's ``levels``): ``nominal``, ``coverage`` (the fraction of truths inside
            that interval) and ``points`` (how many had one); a level that needs more
            validation errors than the models kept has NaN coverage and 0 points. ``None``
            without an interval.
        retrained: whether a model was fitted at every origin (``retrain=True``); ``False``
            where one fitted model forecast from them all, which :meth:`plot`'s title says.
        labels: the labels of a series indexed by text, one per position (``Forecaster.fit``
            reads it as the positions ``0 .. T-1``, which ``origin`` and ``timestamp`` hold),
            which :meth:`plot` names its ticks by, as :func:`plot_forecast
            <lstmkit.forecast.plot_forecast>` does; ``None`` for other series.
        season_length: the seasonal period ``m`` the seasonal naive baseline and MASE used;
            at 1 (a series of plain numbers, with no dates) the seasonal naive is the naive
            forecast, which the repr says. ``None`` for a result made by hand.
    """

    forecasts: pd.DataFrame
    metrics: pd.DataFrame
    summary: dict[str, dict[str, float]]
    series: pd.Series | None = None
    calibration: pd.DataFrame | None = None
    retrained: bool = True
    labels: list[str] | None = None
    season_length: int | None = None

    def _described(self) -> tuple[str, pd.DataFrame, str]:
        """The repr's first line, its table (the summary, a row per method) and its last line.
        A result made by hand from other fields (no ``origin`` column, a flat summary) is
        shown as it is: a repr that raises hides the object in a notebook."""
        forecasts, one = self.forecasts, False
        if isinstance(forecasts, pd.DataFrame) and "origin" in forecasts.columns:
            origins = list(dict.fromkeys(forecasts["origin"]))
            steps = int((forecasts["origin"] == origins[0]).sum()) if origins else 0
            span = f" ({_span(origins)})" if origins else ""
            counted = f"{len(origins)} origin{plural_s(len(origins))}{span}"
            # one origin was '1 origin (2020-02-08 … 2020-02-08), 2 steps each; the mean
            # over the origins'
            one = len(origins) == 1
            each = "" if one else " each"
            head = f"BacktestResult: {counted}, {steps} step{plural_s(steps)}{each}"
        else:
            head = "BacktestResult: no origin column in .forecasts"
        of = "its metrics" if one else "the mean over the origins"
        try:
            table = pd.DataFrame(self.summary).T
        except (TypeError, ValueError):  # not one dict of metrics per method
            table = pd.DataFrame({"summary": [self.summary]}, dtype=object)
        rows = (
            f"{len(forecasts)} row{plural_s(len(forecasts))}"
            if isinstance(forecasts, pd.DataFrame)
            else f"a {type(forecasts).__name__}"
        )
        foot = (
            f"(.forecasts: {rows}; .metrics: per origin; .summary: this table as a dict; "
            ".calibration; .plot())"
        )
        if self.season_length == 1 and isinstance(self.summary, dict):
            if "seasonal_naive" in self.summary:
                foot += f"\n{NO_SEASON}"
        return f"{head}; {of}:", table, foot

    def __repr__(self) -> str:
        """The origins and the mean metrics per method, not every forecast row."""
        head, table, foot = self._described()
        text = table.to_string(float_format=_four_digits, na_rep="")
        return f"{head}\n{text}\n{foot}"

    def _repr_html_(self) -> str:
        """The repr as a Jupyter notebook shows it: its table as an HTML table, as a pandas
        DataFrame shows there (the result showed as text only)."""
        head, table, foot = self._described()
        text = table.to_html(float_format=_four_digits, na_rep="")
        feet = "\n".join(f"<p>{html.escape(line)}</p>" for line in foot.splitlines())
        return f"<p>{html.escape(head)}</p>\n{text}\n{feet}"

    # figsize=, as plot_forecast tells it (Python's bare "unexpected keyword argument" before)
    @their_arguments(
        "BacktestResult.plot",
        {
            "figsize": lambda figsize: (
                "matplotlib's figsize is set on the figure it returns here: "
                f"bt.plot().set_size_inches({figure_size(figsize)})"
            )
        },
    )
    def plot(
        self,
        path: str | Path | None = None,
        *,
        baseline: str | None = "seasonal_naive",
        context: int | None = None,
        title: str | None = None,
    ) -> Figure:
        """The series, each origin's forecast with its interval, and a baseline's forecasts.

        Args:
            path: where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``;
                missing folders are created (an unknown suffix is a ValueError).
            baseline: a baseline column of :attr:`forecasts` drawn dashed beside the model's
                forecasts, or ``None`` for none.
            context: points of the series shown before the first origin, a positive integer;
                default three horizons (at least 36), the whole series if shorter.
            title: the figure title; default the number of origins (", not retrained" after
                it where one fitted model forecast from them all), the mean RMSE of the model
                and of ``baseline`` and the interval coverage.

        Returns:
            The matplotlib ``Figure`` (not attached to pyplot; show it in a notebook by leaving
            it as a cell's value).

        Raises:
            ValueError: for a ``baseline`` that is not a column of :attr:`forecasts` (the
                default too, for a result made by hand without ``seasonal_naive``), a
                ``context`` that is not a positive integer (as in :func:`plot_forecast
                <lstmkit.forecast.plot_forecast>`; text, ``"24"``, is a ``TypeError`` too,
                told the number it reads as), or the default ``title`` for a
                :attr:`summary` without the RMSE of ``model`` or of ``baseline``.
        """
        if path is not None:
            figure_file(path)  # refused before anything is drawn
        context = _check_context(context)
        fc = self.forecasts
        # annual periods' ticks are named by their periods (a fiscal year's start lies in the
        # year before its name)
        period = (
            fc["timestamp"].dt.freq if isinstance(fc["timestamp"].dtype, pd.PeriodDtype) else None
        )
        if period is not None:  # drawn at their start times
            with D._business_periods():
                fc = fc.assign(
                    **{c: fc[c].dt.to_timestamp() for c in ("origin", "cutoff", "timestamp")}
                )
        is_dt = pd.api.types.is_datetime64_any_dtype(fc["timestamp"])
        methods = sorted(set(self.metrics["method"]) - {"model"})
        if baseline is not None and baseline not in methods:
            # the default too: a result made by hand may have other baselines, or none
            default = " (the default, which this result lacks)" * (baseline == "seasonal_naive")
            raise ValueError(
                f"`baseline` must be one of {methods} or None, got {baseline!r}{default}."
                if methods
                else f"`baseline` must be None for a result without baselines, got "
                f"{baseline!r}{default}."
            )
        # a result made by hand may name a method in .metrics that .forecasts or .summary
        # lacks: said here, not a KeyError of the drawing
        if baseline is not None and baseline not in fc.columns:
            raise ValueError(
                f"`baseline` {baseline!r} is a method of .metrics but no column of .forecasts, "
                f"which has {list(fc.columns)}."
            )
        if title is None:
            read = ["model"] if baseline is None else ["model", baseline]
            lacking = [m for m in read if "rmse" not in self.summary.get(m, {})]
            if lacking:
                raise ValueError(
                    f"the default `title` reads the RMSE of {read} from .summary, which has no "
                    f"'rmse' for {lacking} (its keys: {list(self.summary)}); give `title`."
                )
        nominal = self.summary.get("model", {}).get("nominal")
        origins = list(dict.fromkeys(fc["origin"]))
        first = fc[fc["origin"] == origins[0]]
        horizon = len(first)
        fig = new_figure(figsize=(9, 4.5), layout="constrained")
        ax = fig.subplots()
        if self.series is not None:
            shown = max(3 * horizon, 36) if context is None else context
            start = max(0, int(self.series.index.get_loc(origins[0])) - shown)
            tail = self.series.iloc[start:]
            ax.plot(tail.index, tail.to_numpy(), color="0.3", lw=1.2, label="series")
        else:  # only the spans the origins forecast
            for i, (_, block) in enumerate(fc.groupby("origin", sort=False)):
                label = "truth" if i == 0 else None
                ax.plot(block["timestamp"], block["y_true"], color="0.3", lw=1.2, label=label)
        colors = ["tab:blue", "tab:orange", "tab:green", "tab:purple", "tab:red", "tab:brown"]
        for i, (origin, block) in enumerate(fc.groupby("origin", sort=False)):
            color = colors[i % len(colors)]
            # the dotted line at each origin, named once in the legend as the series is
            label = ("origins" if len(origins) > 1 else "origin") if i == 0 else None
            ax.axvline(origin, color=color, lw=0.8, ls=":", label=label)
            drawn = block.set_index("timestamp")
            drawn.attrs["interval"] = nominal
            _draw_forecast(ax, drawn, color, labelled=i == 0)
            if baseline is not None:
                ax.plot(
                    block["timestamp"],
                    block[baseline],
                    color="0.55",
                    lw=1.0,
                    ls="--",
                    label=baseline.replace("_", " ") if i == 0 else None,
                )
        if title is None:
            model = self.summary["model"]
            counted = f"{len(origins)} origin" + "s" * (len(origins) != 1)
            # the mean of the origins' RMSEs, as the CLI's table: not the RMSE of all their
            # points pooled, which a reader recomputing it from .forecasts would get instead
            mean = "mean " * (len(origins) != 1)
            # retrain=False (--no-retrain): one model forecast from every origin
            once = "" if self.retrained else ", not retrained"
            title = f"{counted}{once}: {mean}RMSE {_title_number(model['rmse'])}"
            if baseline is not None:
                rmse = _title_number(self.summary[baseline]["rmse"])
                title += f", {baseline.replace('_', ' ')} {rmse}"
            if math.isfinite(model.get("coverage", math.nan)):
                title += f"; interval coverage {model['coverage']:.0%}"
                # a result made by hand may give the coverage without its level
                title += f" (nominal {level_percent(nominal)})" if nominal is not None else ""
        name = None if self.series is None else self.series.name
        title_and_name(ax, title, name, "the series' name")
        ax.legend(loc="best")  # where it covers the fewest points, as plot_forecast's
        steps = pd.DatetimeIndex(fc["timestamp"]) if is_dt else fc["timestamp"]
        _date_axis(ax, steps, *([] if self.series is None else [tail.index]), period=period)
        if self.labels is not None and not is_dt:
            _label_positions(ax, self.labels)
        value_axis(ax)
        if path is not None:
            save_figure(fig, path, dpi=110)
        return fig


NO_SEASON = (
    "seasonal_naive is the naive forecast here: no seasonal period (m=1, as for a series of "
    "plain numbers without dates); ForecasterConfig(season_length=...) gives one, e.g. 12 "
    "for monthly data."
)


def season_problem(n: int, m: int, what: str) -> str | None:
    """Why ``n`` training points (``what``, for the message) cannot be scored: MASE and the
    seasonal naive baseline need more than one season of them; ``None`` if they can."""
    if m > 1 and n <= m:
        return (
            f"MASE and the seasonal naive baseline need more than one season (m={m}) of {what}, "
            f"got {n}"
        )
    return None


def _check_context(context: object) -> int | None:
    """A figure's ``context`` (points of history shown) as an ``int`` >= 1, or ``None``; text
    (``"24"``) refused as a config refuses it, told the number it reads as (:func:`text_refusal`),
    where it was a bare ``ValueError``."""
    value = as_int(context)
    if context is None:
        return None
    if not isinstance(context, str | bytes) and (
        isinstance(context, bool | np.bool_) or not isinstance(context, numbers.Real)
    ):
        # a wrong type, as positive_int refuses it (True, [24] were ValueErrors)
        raise TypeError(
            f"`context` must be a positive integer or None, got {value_repr(context)}"
            f"{_held_hint(context, int, 1)}."
        )
    if (large := count_too_large(context, "`context`")) is not None:
        raise ValueError(large + ".")  # as every count past torch's int64 is
    if value is None or value < 1:
        raise text_refusal(
            f"`context` must be a positive integer or None, got {plain_repr(context)}"
            f"{whole_float_hint(context)}.",
            {"context": context},
            _not_positive,  # as positive_int tells it
        )
    return value


def _index_before(index: pd.Index, n: int) -> pd.Index:
    """The ``n`` timestamps (or integer positions) that end one step before ``index[0]``, the
    step being ``index``'s: its (inferred) ``freq``, a RangeIndex's step, or the constant step of
    other integers (1 for one point).

    Raises:
        ValueError: if ``index`` has no such step.
    """
    step = None
    if not len(index):
        pass
    elif isinstance(index, pd.DatetimeIndex):
        freq = index.freq
        if freq is None and len(index) >= 3:
            freq = pd.DatetimeIndex(index, freq="infer").freq
        if freq is not None and n > 0 and D._stepped_opening(freq) is not None:
            return D._hours_from(index[0], n, freq, index.unit, before=True)
        if freq is not None:
            return pd.date_range(end=index[0], periods=n + 1, freq=freq, unit=index.unit)[:-1]
    elif isinstance(index, pd.RangeIndex):
        step = index.step
    elif pd.api.types.is_integer_dtype(index.dtype):
        steps = np.unique(np.diff(index.to_numpy()))
        step = 1 if len(steps) == 0 else int(steps[0]) if len(steps) == 1 else None
    if step:  # neither None nor 0 (a repeated label)
        first = int(index[0])
        return pd.RangeIndex(first - n * step, first, step)
    raise ValueError(
        "an array `history` is placed just before the forecast, which needs a forecast index "
        "with a regular step (a DatetimeIndex with a frequency, or evenly spaced integers), "
        f"got {type(index).__name__} [{', '.join(map(str, index[:3]))}"
        f"{', ...' if len(index) > 3 else ''}]; pass `history` as a Series with its own index."
    )


# Years between the ticks of a yearly axis: the least that keeps to 8 ticks or fewer.
_YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def _date_axis(ax: Axes, index: Any, *others: Any, period: Any = None) -> None:
    """Ticks for an x axis that holds ``index`` (the forecast's steps) and ``others`` (the
    history's, drawn beside them). Timestamps one a year (``YS``, ``YE``, annual periods) are
    ticked at their own day of the year and labelled by the year alone: matplotlib's concise
    ticks put ``Apr``, ``Jul`` between a few years, and a year end's point beside the next
    year's tick. Other timestamps get concise date ticks (``Feb``, ``08:00``, with the year or
    day once at the edge), so hourly labels do not run into each other; whole numbers (steps,
    years as integers) whole ticks, where a few were ticked ``2000.5``. ``period``: the
    frequency of the periods drawn at these timestamps (their start times), which name the
    yearly ticks: a fiscal year ``Y-JUN``'s 2000 starts on 1 July 1999, ticked ``2000``."""
    from matplotlib.ticker import MaxNLocator

    first = pd.Index(index)
    if isinstance(first, pd.DatetimeIndex):
        from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

        dates = first.append([o for o in map(pd.Index, others) if isinstance(o, pd.DatetimeIndex)])
        if (yearly := _yearly_ticks(dates, period)) is not None:
            locator, formatter = yearly
        elif (fiscal := _fiscal_quarter_ticks(dates, period)) is not None:
            locator, formatter = fiscal
        else:
            locator = AutoDateLocator()
            formatter = ConciseDateFormatter(locator)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(formatter)
    elif all(_whole_numbers(i) for i in (first, *map(pd.Index, others))):
        # matplotlib's own steps for numbers (AutoLocator's), whole ones only
        ax.xaxis.set_major_locator(MaxNLocator("auto", steps=[1, 2, 2.5, 5, 10], integer=True))


def _whole_numbers(index: pd.Index) -> bool:
    """Whether ``index`` holds numbers, all whole (integers, or floats such as ``1950.0``)."""
    if pd.api.types.is_integer_dtype(index.dtype):
        return True
    if not pd.api.types.is_float_dtype(index.dtype):
        return False
    values = index.to_numpy(dtype=float)
    return bool(np.isfinite(values).all() and (values == np.round(values)).all())


def _yearly_ticks(dates: pd.DatetimeIndex, period: Any = None) -> tuple[Any, Any] | None:
    """A year locator and formatter for ``dates`` that are one a year at one moment of it (at
    least two of them), or None. The ticks fall on that moment (a year end's on 31 December),
    every 1, 2, 5, 10, ... years, so that a point sits on the tick of its own year; with a
    ``period`` frequency (the dates are those periods' starts), labelled by the period's year,
    which for a fiscal year (``Y-JUN``) is the next calendar year's."""
    from matplotlib.dates import DateFormatter, YearLocator, date2num, num2date
    from matplotlib.ticker import FuncFormatter, Locator

    dates = dates.unique().sort_values()
    if len(dates) < 2:
        return None
    moment = dates[0]
    same = (
        (dates.month == moment.month)
        & (dates.day == moment.day)
        & (dates - dates.normalize() == moment - moment.normalize())
    )
    if not same.all() or (moment.month, moment.day) == (2, 29):  # no 29 February most years
        return None
    span = dates[-1].year - dates[0].year
    base = next((b for b in _YEAR_STEPS if span / b <= 8), _YEAR_STEPS[-1])
    locator = YearLocator(base, month=moment.month, day=moment.day, tz=dates.tz)
    if period is None:
        return locator, DateFormatter("%Y", tz=dates.tz)

    # the period that holds the tick (periods have no zone: drawn as naive, UTC, times)
    def year(x: float) -> int:
        return int(pd.Timestamp(num2date(x).replace(tzinfo=None)).to_period(period).year)

    class PeriodYears(Locator):
        """Ticks at the starts of the periods whose names are multiples of ``base`` (a fiscal
        Y-JUN's 1985, 1990, ...: the YearLocator's, at 1 July 1985, 1990, named 1986, 1991)."""

        def __call__(self) -> list[float]:
            return self.tick_values(*self.axis.get_view_interval())

        def tick_values(self, vmin: float, vmax: float) -> list[float]:
            low, high = sorted((year(vmin), year(vmax)))
            names = range(-(-low // base) * base, high + 1, base)  # from low's next multiple
            return [float(date2num(pd.Period(year=y, freq=period).start_time)) for y in names]

    return PeriodYears(), FuncFormatter(lambda x, _=None: str(year(x)))


def _fiscal_quarter_ticks(dates: pd.DatetimeIndex, period: Any) -> tuple[Any, Any] | None:
    """A locator and formatter for the starts ``dates`` of quarters of a fiscal year
    (``Q-JUN``: its 2000Q1 starts on 1 July 1999), named by the periods as pandas names them,
    or None for other periods (``Q-DEC``'s are the calendar's, which the concise ticks name).
    Concise date ticks named 1 January by its calendar year, ``2000`` in the middle of the
    fiscal 2000 (half a year after its Q1, drawn left of the tick as if of 1999). Over two
    fiscal years or more the ticks fall on the fiscal years' starts, every 1, 2, 5, ... years,
    named by the fiscal year (``2000`` on 1 July 1999); over fewer, on the quarters' starts
    (every second where there are more than eight), named ``2000Q1``."""
    from matplotlib.dates import date2num, num2date
    from matplotlib.ticker import FuncFormatter, Locator

    name = getattr(period, "freqstr", "") or ""
    if getattr(period, "startingMonth", 12) == 12 or not name.startswith("Q"):
        return None
    year = f"Y-{name.split('-')[-1]}"  # the fiscal year of the quarters (Q-JUN: Y-JUN)

    def at(x: float, freq: str) -> pd.Period:
        """The period of ``freq`` that holds the axis' ``x`` (periods have no zone)."""
        return pd.Timestamp(num2date(x).replace(tzinfo=None)).to_period(freq)

    dates = dates.unique().sort_values()
    span = dates[-1].to_period(year).year - dates[0].to_period(year).year
    years = span >= 2
    if years:
        base = next((b for b in _YEAR_STEPS if span / b <= 8), _YEAR_STEPS[-1])
        first, label = year, lambda p: str(p.year)
    else:
        base = 1 if len(dates) <= 8 else 2
        first, label = period, str

    class PeriodStarts(Locator):
        """Ticks at the starts of the periods of ``first`` whose ordinals are multiples of
        ``base`` (the fiscal years 1990, 1995, ...; or quarters, every ``base``-th)."""

        def __call__(self) -> list[float]:
            return self.tick_values(*self.axis.get_view_interval())

        def tick_values(self, vmin: float, vmax: float) -> list[float]:
            low, high = sorted((at(vmin, first), at(vmax, first)))
            names = pd.period_range(low, high, freq=first)
            keep = [p for p in names if (p.year if years else p.ordinal) % base == 0]
            return [float(date2num(p.start_time)) for p in keep]

    return PeriodStarts(), FuncFormatter(lambda x, _=None: label(at(x, first)))


def _label_positions(ax: Axes, labels: list[str]) -> None:
    """Ticks at whole positions named by ``labels`` (the history's text, then a truth's), and
    the steps after the last as ``LAST +k``, rather than bare positions."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))
    # a module-level function, not one defined here, so that the figure pickles (a local
    # one failed "Can't pickle local object", as value_axis's formatter once did)
    ax.xaxis.set_major_formatter(FuncFormatter(functools.partial(_position_label, labels)))


def _position_label(labels: list[str], x: float, _: int | None = None) -> str:
    """The tick label at ``x`` for :func:`_label_positions`: ``labels[x]`` at a whole position
    among them, ``LAST +k`` after them, none between positions or before the first."""
    i = round(x)
    if abs(x - i) > 1e-6 or i < 0:
        return ""
    return labels[i] if i < len(labels) else f"{labels[-1]} +{i - len(labels) + 1}"


def _draw_forecast(ax: Axes, forecast: pd.DataFrame, color: str, labelled: bool = True) -> None:
    """``forecast``'s ``forecast`` column as a line over its index, and its ``lower``/``upper``
    band over the steps where both are known (the style of every forecast figure here),
    labelled with its coverage when ``forecast.attrs["interval"]`` holds it
    (:meth:`Forecaster.predict`)."""
    ax.plot(
        forecast.index,
        forecast["forecast"],
        color=color,
        lw=1.8,
        label="forecast" if labelled else None,
    )
    level = forecast.attrs.get("interval")
    band = (
        f"{level_percent(level)} interval"
        if isinstance(level, float) and 0 < level < 1
        else "interval"
    )
    if not {"lower", "upper"} <= set(forecast.columns):
        return
    # The steps that have an interval: all, or the first ones (a recursive or seq2seq forecast
    # longer than the horizon the interval was calibrated for), or none.
    known = forecast[["lower", "upper"]].notna().all(axis=1).to_numpy()
    if known.any():
        # arrays, not Series: matplotlib 3.7.0 masks a Series through its deprecated ._data,
        # which pandas 2.2 warns of
        ax.fill_between(
            forecast.index[known],
            forecast["lower"].to_numpy()[known],
            forecast["upper"].to_numpy()[known],
            color=color,
            alpha=0.2,
            label=band if labelled else None,
        )


def _span(origins: list[object]) -> str:
    """``first … last`` of the ``origins`` as the repr names them: dates alone at midnight, but
    a zoned series' with their time and UTC offset, as backtest.csv has them (``2020-07-09
    00:00:00+05:30``), and with their times where any origin has a time of day (``2020-01-06
    00:00:00 … 2020-01-06 12:00:00``, not ``2020-01-06 … 2020-01-06 12:00:00``; ``2020-01-16
    00:00:00 … 2020-01-19 00:00:00`` where one between is at 12:00, as backtest.csv writes
    them)."""
    stamps = pd.Index(origins)
    whole = D._timed(stamps)
    first, last = (D._label(origin, intraday=whole) for origin in (origins[0], origins[-1]))
    return first if len(origins) == 1 else f"{first} … {last}"  # one: not '1 … 1'


def _stamp(frame: pd.DataFrame, stamp: object) -> object:
    """A time of ``frame``'s index as a message shows it: the data's period (``2004-12``) where
    it had a PeriodIndex (a business day's, its date: pandas deprecates their periods), a date
    without its midnight (``1958-12-01``) unless some of the series' times are at another
    hour (an hourly series' were named "from 2021-03-01 01:00:00 to 2021-03-20"), else as it
    is."""
    if not isinstance(stamp, pd.Timestamp):
        return stamp
    if (period := frame.attrs.get("period")) and not D._business_period(period):
        return stamp.to_period(period)
    if stamp == stamp.normalize() and D._intraday(frame.index):
        return str(stamp)
    return D._label(stamp)


def _logged(frame: pd.DataFrame, stamp: object, intraday: bool) -> object:
    """A time of ``frame``'s index as the log shows it: as :func:`_stamp`, but ISO 8601
    (``2020-01-06T00:00:00``) for every time of an ``intraday`` series, midnight's included
    (or a zoned one's, ``2020-03-03T00:00:00+05:30``)."""
    if intraday and not frame.attrs.get("period") and isinstance(stamp, pd.Timestamp):
        return stamp.isoformat()
    return _stamp(frame, stamp)


def _time_position(frame: pd.DataFrame, start: object) -> int:
    """The position of ``start``, a time (a ``Timestamp``, ``datetime``, date string or
    ``Period``), in ``frame``'s DatetimeIndex (a PeriodIndex's periods are their start times
    there, and a naive time on a zoned index is read in its zone); -1 where it is none of them."""
    index = frame.index
    if (named := _period_position(frame, start)) is not None:
        return named
    try:
        stamp = start.start_time if isinstance(start, pd.Period) else pd.Timestamp(start)
    except (TypeError, ValueError):  # not a time: refused with the positions' message
        return -1
    if stamp is pd.NaT:
        return -1
    if index.tz is not None and stamp.tz is None:
        # the series' own times at that clock time: none, one, or two at a daylight-saving
        # change, where tz_localize cannot tell which is meant
        local = np.flatnonzero(index.tz_localize(None) == stamp)
        if len(local) > 1:
            times = ", ".join(str(index[k]) for k in local)
            raise ValueError(
                f"`start` {start!r} is ambiguous in {index.tz}, whose clocks show it twice "
                f"(daylight saving): the series has {times}; pass one of them, a Timestamp "
                "with its offset, or its position."
            )
        return int(local[0]) if len(local) else -1
    elif index.tz is None and stamp.tz is not None:
        raise ValueError(
            f"`start` {start!r} has a time zone, the series' times have none; pass it without "
            f"one, e.g. pd.Timestamp({str(stamp.tz_localize(None))!r})."
        )
    found = index.get_indexer([stamp])[0]
    return int(found)


def _period_position(frame: pd.DataFrame, start: object) -> int | None:
    """The position of ``start``, a period's name (``"2005Q1"``), in ``frame``'s index of the
    periods' start times, read as pandas reads it in their PeriodIndex; None for anything else
    (a time, a year of several periods, a series without periods). "2005Q1" of fiscal quarters
    (Q-JUN: from 1 July 2004) was read as the calendar's (1 January 2005, 2005Q3)."""
    period = frame.attrs.get("period")
    if not isinstance(start, str) or not period or D._business_period(period):
        return None
    try:
        found = frame.index.to_period(period).get_loc(start)
    except (KeyError, TypeError, ValueError):
        return None  # no period's name: read as a time, a period's start
    return int(found) if isinstance(found, int | np.integer) else None


def _time_text(start: object) -> str | None:
    """The text of ``start`` given as bytes (``b"1958-01-01"``) where it reads as a time, as
    its text would be read; None for anything else."""
    if not isinstance(start, bytes):
        return None
    try:
        text = start.decode("ascii")
        return text if pd.Timestamp(text) is not pd.NaT else None
    except (UnicodeDecodeError, TypeError, ValueError):
        return None


def _as_text_hint(frame: pd.DataFrame, text: str, last: int) -> str:
    """For a ``start`` of bytes whose ``text`` reads as a time: the ``start`` to pass, as text,
    where that text would be taken (an origin in 1..``last``), else that it would be refused
    too."""
    try:
        found = _time_position(frame, text)
    except ValueError:  # ambiguous in the series' zone, or a zone the series lacks
        found = -1
    if 1 <= found <= last:
        return f" (a time as bytes: pass it as text, start={text!r})"
    return f" (a time as bytes, which as text, {text!r}, is refused too)"


def _between_hint(frame: pd.DataFrame, start: object) -> str:
    """Where ``start`` is a time between two of ``frame``'s (``"1958-01-15"`` in monthly data,
    refused as none of them): those two, which the refusal's range of times did not show."""
    if isinstance(start, numbers.Number):  # pd.Timestamp reads 10**18 as ns since 1970
        return ""
    if _period_position(frame, start) is not None:  # one of them, too late to start from
        return ""
    index = frame.index
    try:
        stamp = start.start_time if isinstance(start, pd.Period) else pd.Timestamp(start)
        if index.tz is not None and stamp.tz is None:
            stamp = stamp.tz_localize(index.tz)
        k = int(index.searchsorted(stamp))
    except (TypeError, ValueError):  # not a time, or a clock time daylight saving skips
        return ""
    if not 0 < k < len(index) or index[k] == stamp:
        return ""
    said = str(stamp.date()) if stamp == stamp.normalize() and stamp.tz is None else str(stamp)
    before, after = _stamp(frame, index[k - 1]), _stamp(frame, index[k])
    # a day of a month whose data are periods is in one ("between 1958-01 and 1958-02" misled)
    where = f"within {before}" if isinstance(before, pd.Period) else f"between {before} and {after}"
    return f"; {said} is none of the series' times: it falls {where}"


def _label_hint(index: pd.Index, given: int | None, last: int) -> str:
    """Where ``given`` (an integer ``start``) is a label of a series indexed by integers other
    than its positions (``RangeIndex(100, 244)``, or years, or ``0, 2, 4, ...``): that
    ``start`` counts positions, and the position of that label (said to be outside
    ``1..last`` too where it is, as the first or last point)."""
    if (
        given is None
        or not isinstance(index, pd.RangeIndex)
        or index.equals(pd.RangeIndex(len(index)))
        or given not in index
    ):
        return ""
    at = index.get_loc(given)
    outside = "" if 1 <= at <= last else f", outside 1..{last} too"
    return (
        f"; `start` counts positions, not the index's labels ({index[0]} .. {index[-1]}): "
        f"the label {given} is at position {at}{outside}"
    )


def _whole(start: object) -> int | None:
    """``start`` as the int it equals: an integer's own, a float's that is whole (``125.0``);
    None for anything else."""
    if isinstance(start, float | np.floating) and np.isfinite(start) and float(start).is_integer():
        return int(start)
    return as_int(start)


def _float_hint(start: object, n: int, last: int, dated: bool) -> str:
    """Where ``start`` is a float (``125.0``, from arithmetic on the series' length): that it
    counts positions as an int (the int it equals, where that is a position in ``1..last``;
    ``n``: the series' length, for one from the end) or, on a ``dated`` series, is one of its
    times; "" for any other ``start``."""
    if not isinstance(start, float | np.floating):
        return ""
    k = _whole(start)
    shown = f" (start={k})" if k is not None and 1 <= (k + n if k < 0 else k) <= last else ""
    times = " or one of the series' times" if dated else ""
    return f"; `start` must be a position as an int{shown}{times}, not a float"


def _unscored_levels(frame: pd.DataFrame, unscored: dict[float, tuple[int, int | None]]) -> str:
    """Why ``backtest(levels=...)`` left the ``unscored`` levels' coverage NaN with 0 points in
    ``.calibration``: a model at some origin (its position, and the validation errors per
    step it kept, None where not known) had too few errors for a split-conformal interval at
    that level, which needs ``level / (1 - level)`` of them. The command line's table says
    "(too few validation errors)" itself.

    Example:
        >>> frame = pd.DataFrame({"y": range(10)})
        >>> _unscored_levels(frame, {0.9: (6, 4)})[-47:]
        'room for it) or levels of 0.8 or less score it.'
    """
    from lstmkit.forecast import _errors_needed, _highest_level  # forecast imports this module

    named = " and ".join(level_percent(level) for level in unscored)
    level, (o, k) = max(unscored.items())  # the highest needs the most
    stamp = _stamp_beside(frame, o)
    where = f"{o}" if stamp is None else f"{o} ({stamp})"
    enough = _errors_needed(level)
    kept = "too few validation errors" if k is None else f"{k} validation error{plural_s(k)}"
    lower = "" if k is None else f" or levels of {_highest_level(k):g} or less"
    return (
        f"backtest: the {named} level{plural_s(len(unscored))} "
        f"{'is' if len(unscored) == 1 else 'are'} not scored (coverage NaN, 0 points in "
        f".calibration): the model at origin {where} kept {kept} per forecast step, and the "
        f"{level_percent(level)} split-conformal interval needs at least {enough}; a larger "
        f"`val_size` in the config (val_size={enough}, where the series has room for it)"
        f"{lower} score{'s' * (k is None)} it."
    )


def _warn_in_sample(
    forecaster: Forecaster, frame: pd.DataFrame, origins: list[int], horizon: int
) -> None:
    """Warn when ``retrain=False`` scores forecasts of points the model was trained on: from
    an origin inside its training data it has seen the truth, so the scores are no test. The
    first ``start`` after it is named where it leaves a whole ``horizon`` of truth."""
    # as the networks read it: a PeriodIndex as the timestamps its periods start, as `frame`
    end = forecaster._history().index[-1]
    try:
        inside = [o for o in origins if frame.index[o] <= end]
    except TypeError:  # an index of another kind than the training data's: nothing to compare
        return
    if inside:
        after = int(frame.index.searchsorted(end, side="right"))
        end = _stamp(frame, end)
        # its time beside the position: a `start` given as a date was told a position only
        said = _stamp_beside(frame, after) if after < len(frame) else None
        at = f" ({said})" if said is not None else ""
        hint = (
            f"a `start` of {after}{at} or later" if after <= len(frame) - horizon else "newer data"
        )
        warnings.warn(
            f"backtest(retrain=False): {len(inside)} of the {len(origins)} origins forecast "
            f"points this model was trained on (its data ends at {end}), so their scores are "
            f"in-sample, not a test. Pass retrain=True, or {hint}.",
            stacklevel=user_stacklevel(),
        )


def _first_scored(reads: int, m: int) -> int:
    """The earliest origin a fitted model forecasts from and MASE scores: ``reads`` points of
    its input window before it, and more than one season (``m``) where there is a season."""
    return max(reads, m + 1) if m > 1 else reads


def _window_problem(forecaster: Forecaster, first: int, m: int) -> str | None:
    """Why the fitted model cannot forecast from ``first`` points (``retrain=False``): fewer
    than its input window reads; ``None`` if it can. The earliest origin it names also leaves
    the more than one season (``m``) that MASE and the seasonal naive need before it."""
    need = forecaster._reads()
    if first >= need:
        return None
    # a look-back of one season or less: position `need` was named, then refused by MASE
    earliest = _first_scored(need, m)
    scored = f" (and MASE more than one season, m={m}, before it)" if earliest > need else ""
    return (
        f"the fitted model reads lookback ({need - forecaster.config.difference}) + "
        f"differencing ({forecaster.config.difference}) = {need} points to forecast from, so "
        f"with retrain=False the first origin can be position {earliest} at the earliest"
        f"{scored}"
    )


def _start_that_fits(
    frame: pd.DataFrame,
    first: int,
    last: int,
    stride: int,
    problem_at: Callable[[int], str | None],
    lookback_at: Callable[[int], int | None] = lambda position: None,
) -> str:
    """The advice for a first origin ``first`` with too few points before it: the ``start``
    with the most origins ``stride`` apart up to the last whole horizon (``last``) whose first
    has enough, as the CLI's ``--backtest-origins`` refusal (and "series too short" its
    ``--lookback``) advises the value that fits, beside the earliest ``start`` that runs where
    that one is earlier (as many origins, the last short of ``last``); or that even the last
    origin has too few, and the longest ``lookback`` that fits it (``lookback_at``: ``None``
    for none)."""
    # the origins end at the last whole horizon: the latest start of each count, most first
    fits = next(
        (
            start
            for start in range(last - (last - first - 1) // stride * stride, last + 1, stride)
            if problem_at(start) is None
        ),
        None,
    )
    if fits is None:
        refused = f"even the last origin (position {last}) leaves too few, with any `start`"
        if (lookback := lookback_at(last)) is not None:
            refused += f"; a shorter `lookback` fits it, at most {lookback}"
        return refused
    count = (last - fits) // stride + 1
    apart = f"{stride} step{'s' * (stride != 1)} apart"
    origins = f"{count} origins {apart}" if count > 1 else "1 origin"
    # a start up to stride - 1 before `fits` runs as many origins, the last short of `last`:
    # "start=18 fits" read as the earliest where 16 ran (the start that fits is the one whose
    # origins reach the last whole horizon)
    earliest = next(
        p for p in range(max(first + 1, fits - stride + 1), fits + 1) if not problem_at(p)
    )
    if earliest == fits:
        return f"pass a later `start`: start={_at(frame, fits)} fits, {origins}"
    later = (
        f"{origins} (the last at position {earliest + (count - 1) * stride}); "
        f"start={_at(frame, fits)} runs as many, the last at position {last}, the last"
        if count > 1
        else f"1 origin; start={_at(frame, fits)} moves it to position {last}, the last"
    )
    return (
        f"pass a later `start`: start={_at(frame, earliest)} is the earliest that runs, "
        f"{later} whole horizon"
    )


def _last_origin_problem(
    forecaster: Any, frame: pd.DataFrame, horizon: int, trained: int
) -> str | None:
    """Why even the last origin of a backtest that refits (``n - horizon``, the most points
    any origin's fit has; ``trained``: the horizon each fit trains for) is too short, as
    :func:`rolling_origin` would refuse it at any ``start``, or ``None``: told before a future
    covariate lagged by fewer steps than the horizon, whose lag of the horizon cannot work then
    (``series.shift(70)`` of 144 points), as ``fit`` tells a series too short first."""
    n = len(frame)
    last = n - horizon
    if last < 1:
        return f"`horizon` ({horizon}) leaves no origin in a series of {n} points."
    m = forecaster.config.season_length or D.season_length(frame.index)
    refit = type(forecaster)(replace(forecaster.config, horizon=trained))
    problem = refit.length_problem(last, m) or season_problem(last, m, "points before each origin")
    if problem is None:
        return None
    stamp = _stamp_beside(frame, last)
    where = last if stamp is None else f"{last}, {stamp}"
    text = (
        f"`horizon` ({horizon}) is too long for the series: even the last origin (position "
        f"{where}) leaves {last} point{'s' * (last != 1)} before it: "
        f"{problem.removeprefix('the series is too short: ').rstrip('.')}"
    )
    if not season_problem(last, m, "points before each origin") and (
        lookback := refit._longest_lookback(last, m)
    ):
        text += f"; a shorter `lookback` fits it, at most {lookback}"
    return text + "."


def _at(frame: pd.DataFrame, position: int) -> str:
    """A position with its time (``12 (2024-01-13)``), or alone where the index's label is the
    position itself (a series without times read "start=12 (12)")."""
    stamp = _stamp_beside(frame, position)
    return str(position) if stamp is None else f"{position} ({stamp})"


def _stamp_beside(frame: pd.DataFrame, position: int) -> str | None:
    """The time or label of ``position`` to say beside it, ``None`` where the label is the
    position itself (a series without times: "(position 1, 1)" said it twice)."""
    stamp = str(_stamp(frame, frame.index[position]))
    return None if stamp == str(position) else stamp


def _darts_retrain(retrain: object) -> str:
    """What Darts' ``retrain`` of a number or a callable is here, for the refusal of a
    ``retrain`` that is not a bool: its 1 (a fit at every origin) is True and its 0 (none)
    False (and 1.0, 0.0 likewise), a callable or another whole number (some origins only) has
    no counterpart, nor a share of the origins (``0.5``); anything else (``1.5``, ``"yes"``) is
    told what True and False do.

    Example:
        >>> _darts_retrain(1)
        "; Darts' retrain=1 (a fit at every origin) is retrain=True here"
        >>> _darts_retrain("yes")
        '; True fits afresh at every origin, False forecasts with this fitted model at each'
    """
    # what a retrain at some origins only is told, said once
    only = (
        "has no counterpart here: every origin is fitted (True) or none is (False, this fitted "
        "model forecasting at each)"
    )
    if isinstance(retrain, numbers.Real) and retrain in (0, 1):
        fits = "a fit at every origin" if retrain else "no fit at any origin"
        if not isinstance(retrain, numbers.Integral):  # 1.0 was "a share ... no counterpart"
            return f"; retrain={float(retrain)!r} ({fits}) is retrain={bool(retrain)} here"
        return f"; Darts' retrain={int(retrain)} ({fits}) is retrain={bool(retrain)} here"
    if callable(retrain) or isinstance(retrain, numbers.Integral):
        return f"; Darts' retrain as a number or a callable (retrain at some origins only) {only}"
    if isinstance(retrain, numbers.Real) and 0 < retrain < 1:  # 0.5: neither Darts' nor ours
        return f"; a share of the origins {only}"
    return "; True fits afresh at every origin, False forecasts with this fitted model at each"


def _check_switches(retrain: object, statistical_baselines: object) -> None:
    """Refuses a ``retrain`` or ``statistical_baselines`` that is no bool, both at once, as a
    ``TypeError``: read as truth, Darts' ``retrain=2`` (every second origin) or a callable
    fitted at every origin without a word, and ``statistical_baselines="no"`` ran them
    (minutes with statsforecast)."""
    switches = []
    if not isinstance(retrain, bool | np.bool_):
        switches.append(
            f"`retrain` must be True or False, got {typed_repr(retrain)}{_darts_retrain(retrain)}"
        )
    if not isinstance(statistical_baselines, bool | np.bool_):
        switches.append(
            "`statistical_baselines` must be True or False, got "
            f"{typed_repr(statistical_baselines)}"
        )
    if switches:
        raise TypeError("; ".join(switches) + ".")


def rolling_origin(
    forecaster: Forecaster,
    frame: pd.DataFrame,
    *,
    start: object = None,
    stride: int | None = None,
    horizon: int | None = None,
    retrain: bool = True,
    statistical_baselines: bool = True,
    levels: Sequence[float] = (),
    scored: bool = True,
    filled: Mapping[str, Any] | None = None,
) -> BacktestResult:
    """:meth:`Forecaster.backtest` on a prepared frame (target first, then covariates, then
    future covariates ``fut:NAME``).

    ``scored=False`` (for :meth:`Forecaster.residuals`) gives the forecasts only: no baselines,
    no metrics (``metrics`` empty, ``summary`` ``{}``), which would cost a pass over the past at
    every origin. ``filled``: where a fill made up ``frame``'s values (``{"fill": ...,
    "filled": ...}`` of :func:`lstmkit.forecast._filled_of`), which the warning of
    ``retrain=False`` origins far outside the training series names; kept out of
    ``frame.attrs``, which every pandas step deep-copies."""
    # here too: rolling_origin is public, and baseline_forecasts named "no" `statistical`
    _check_switches(retrain, statistical_baselines)
    n = len(frame)
    n_fut = frame.attrs.get("future", 0)  # the future covariates: the last columns
    trained = forecaster.config.horizon or D.default_horizon(frame.index)
    horizon = trained if horizon is None else steps_count(horizon, "horizon")
    stride = horizon if stride is None else steps_count(stride, "stride")
    last = n - horizon  # the last origin with a whole horizon of truth after it
    if last < 1:
        raise ValueError(f"`horizon` ({horizon}) leaves no origin in a series of {n} points.")
    if start is None:
        first = n - 3 * horizon
        if first < 1:
            # no `start` helps a horizon that even the last origin's refit cannot take
            if retrain and (
                short := _last_origin_problem(forecaster, frame, horizon, max(trained, horizon))
            ):
                raise ValueError(short)
            raise ValueError(
                f"the default `start` (n - 3 * horizon = {first}) needs more than "
                f"{3 * horizon} points, got {n}; pass `start` (a position in 1..{last})."
            )
    else:
        given = as_int(start)
        dated = isinstance(frame.index, pd.DatetimeIndex)
        if given is None and dated and not isinstance(start, bool | float | np.floating):
            first = _time_position(frame, start)
        else:
            first = -1 if given is None else (given + n if given < 0 else given)
        if not 1 <= first <= last:
            times = (
                f", or one of the series' times from {_stamp(frame, frame.index[1])} to "
                f"{_stamp(frame, frame.index[last])} (the first step it forecasts)"
                if dated
                else ""
            )
            # Darts' start=0.8 is a fraction of the series; here a fraction is no position.
            # Darts reads it as the index int((len(series) - 1) * start) (its
            # TimeSeries.get_index_at_point), the first forecast step, as a position is here
            fraction = ""
            if isinstance(start, float | np.floating) and 0 < start < 1:
                darts = int(float(start) * (n - 1))
                read = f"int({float(start):g} * ({n} - 1)) = {darts}"
                # a position this refuses too (start=0.995: 142 of 1..141) is no advice
                fraction = (
                    f"; for a fraction of the series, as Darts' start={float(start):g}, pass the "
                    f"position Darts reads it as, {read}"
                    if 1 <= darts <= last
                    else f"; Darts would read a fraction {float(start):g} as the position "
                    f"{read}, outside 1..{last} too"
                )
            # dated, text may be a time ("1958", "19580101"), but not "-36" or "36" (nor
            # b"-36", which was told nothing where b"-36" beside positions was told -36)
            said = start.decode(errors="replace") if isinstance(start, bytes) else start
            digits = isinstance(said, str) and re.fullmatch(r"\s*([-+]\d+|\d{1,3})\s*", said)
            # a time as bytes (b"1958-01-01") was told nothing, where its text is read
            as_text = _time_text(start) if dated and not digits else None
            message = (
                f"`start` must be a position in 1..{last} (or {1 - n}..{-horizon} from the end)"
                f"{times}, leaving a whole horizon ({horizon}) of the {n} points after it, got "
                # a numpy int plainly (np.int64(500) was 500 on numpy 1 only); a float with its
                # type, which is what is refused
                f"{plain_repr(start)}"
                f"{'' if as_text is None else _as_text_hint(frame, as_text, last)}"
                f"{fraction or _float_hint(start, n, last, dated)}"
                f"{_label_hint(frame.index, _whole(start), last)}"
                f"{_between_hint(frame, start if as_text is None else as_text) if dated else ''}."
            )
            if isinstance(start, str | bytes) and (not dated or digits):
                # told the number it reads as, as stride="3" is ("3" had no hint)
                raise text_refusal(
                    message,
                    {"start": start},
                    lambda read: {
                        k
                        for k, v in read.items()
                        if as_int(v) is None or not 1 <= (v + n if v < 0 else v) <= last
                    },
                )
            # a bool is no position: a wrong type, as positive_int refuses one (was a ValueError)
            raise (TypeError if isinstance(start, bool | np.bool_) else ValueError)(message)
    origins = list(range(first, last + 1, stride))
    # without retraining, the fitted model's season: one saved by older code can have another
    # than the frequency gives now (1 for "7D" data, 52 since), and its MASE scales by its own
    m = (
        forecaster._state()["m"]
        if not retrain
        else forecaster.config.season_length or D.season_length(frame.index)
    )
    # The first origin has the fewest points before it: checked before any training.
    refit = type(forecaster)(replace(forecaster.config, horizon=max(trained, horizon)))
    if not retrain and (problem := forecaster._horizon_problem(horizon)):
        raise ValueError(problem)  # the networks' outputs would not fill the horizon

    def problem_at(position: int) -> str | None:
        problem = (
            refit.length_problem(position, m)
            if retrain
            else _window_problem(forecaster, position, m)
        )
        return problem or season_problem(position, m, "points before each origin")

    def lookback_at(position: int) -> int | None:
        # the longest look-back whose refits fit `position` points, as fit advises one
        if not retrain or season_problem(position, m, "points before each origin"):
            return None  # a fitted model's look-back is its own; a season none shortens
        return refit._longest_lookback(position, m)

    if (problem := problem_at(first)) is not None:
        stamp = _stamp_beside(frame, first)
        where = first if stamp is None else f"{first}, {stamp}"
        raise ValueError(
            f"the first origin (position {where}) leaves {first} point{'s' * (first != 1)} before "
            f"it: {problem.rstrip('.')}; "
            f"{_start_that_fits(frame, first, last, stride, problem_at, lookback_at)}."
        )
    if not retrain:
        # a value the log cannot take in a window that an origin reads, as predict refuses it
        if problem := forecaster._positive_problem(frame, origins):
            raise ValueError(problem)
        _warn_in_sample(forecaster, frame, origins, horizon)
        # a newer history, as predict warns; a backtest refits on it with retrain=True
        # on the command line, --no-retrain is what gave retrain=False
        retrain_advice = said_to_caller("pass retrain=True", "drop --no-retrain")
        retrain_advice += " to fit at every origin on the points before it"
        advice = retrain_advice if scored else None
        forecaster._warn_far_outside(frame, origins, advice, filled)
    levels = tuple(sorted(set(levels) - {forecaster.config.interval}))
    # per level: truths inside and truths with an interval, or None once an origin's models
    # kept too few validation errors for it (its coverage is then undefined)
    hits: dict[float, list[int] | None] = {level: [0, 0] for level in levels}
    # per level left unscored: the first origin without enough errors and how many it had
    # (the calibration's NaN coverage and 0 points were given without a word in Python)
    unscored: dict[float, tuple[int, int | None]] = {}
    metric_rows = []
    # With retrain=False the fitted model forecasts from every origin at once: the windows'
    # inputs are made from `frame` (checked whole by _prepare) a chunk at a time, where a
    # predict per origin checked and prepared its past again (Forecaster._origin_forecasts_t).
    from lstmkit.forecast import _threads  # forecast imports this module

    fitted = None if retrain else forecaster._origin_forecasts_t(frame, origins, horizon)
    if not retrain:
        st = forecaster._state()
        widths = {
            level: forecaster._half_widths(st["errors"], level)
            for level in levels
            if forecaster.covers(level)
        }
    bar = progress_bar(
        forecaster.config.progress,
        iterable=origins,
        desc="backtest" if scored else "residuals",
        unit="origin",
        leave=False,
    )
    # each origin's rows, column by column, made into one frame at the end
    columns: dict[str, list] = {"origin": [], "timestamp": [], "y_true": []}
    predicted: list[dict[str, np.ndarray]] = []  # the model's columns and the baselines'
    # the fits' warnings (a constant future covariate, too few validation errors), one list
    # per origin, shown once each after the loop: one per origin, they repeated the same
    # warning over and over
    warned: list[list[tuple[str, str]]] = []
    # the log's times: with a time of day where any has one, or in a zone (its midnights with
    # their UTC offset, as run.json writes them)
    intraday = D._timed(frame.index)
    token = gathering.set(None)
    try:
        with _threads(None if retrain else forecaster.config.num_threads):
            for o in bar:
                started = time.monotonic()
                warned.append([])
                gathering.set(warned[-1])
                past, truth = frame.iloc[:o], frame.iloc[o : o + horizon, 0].to_numpy()
                if retrain:
                    cfg = replace(
                        forecaster.config,
                        horizon=max(trained, horizon),
                        progress=False,  # one bar over the origins
                    )
                    # the future covariates up to the origin's last step: fit reads those of
                    # `past`, predict those of the steps, known in advance by definition
                    known = None
                    if n_fut:
                        known = frame.iloc[: o + horizon, frame.shape[1] - n_fut :]
                        known = known.set_axis([c[4:] for c in known.columns], axis=1)
                    covs = past.iloc[:, 1 : past.shape[1] - n_fut]
                    model = type(forecaster)(cfg).fit(
                        past.iloc[:, :1], covs if covs.shape[1] else None, known
                    )
                    pred = model.predict(horizon, future_covariates=known)
                    columns["timestamp"].append(pred.index)
                    pred = {c: pred[c].to_numpy() for c in pred.columns}
                    bounds = {}
                    for level in levels:
                        if hits[level] is not None and model.covers(level):
                            other = model.predict(horizon, future_covariates=known, interval=level)
                            bounds[level] = (other["lower"], other["upper"])
                else:
                    members = next(fitted)
                    pred = forecaster._columns(members, st["quantiles"])
                    # the same index as predict's: the steps after the origin
                    columns["timestamp"].append(frame.index[o : o + horizon])
                    bounds = {}
                    for level, half in widths.items():
                        band = forecaster._columns(members, half)
                        bounds[level] = (band["lower"], band["upper"])
                for level in levels:
                    if hits[level] is None:
                        continue
                    if level not in bounds:
                        hits[level] = None
                        state = (model if retrain else forecaster).state_ or {}
                        counts = [len(e) for e in state.get("errors") or [] if e]
                        unscored[level] = (o, min(counts) if counts else None)
                        continue
                    lower, upper = (np.asarray(b) for b in bounds[level])
                    has = ~np.isnan(lower)
                    inside = (truth >= lower) & (truth <= upper)
                    hits[level] = [
                        hits[level][0] + int(inside[has].sum()),
                        hits[level][1] + int(has.sum()),
                    ]
                base: dict[str, np.ndarray] = {}  # the baselines' forecasts, when scored
                if scored:
                    y_train = past.iloc[:, 0].to_numpy()
                    base = baseline_forecasts(
                        y_train, horizon, m, statistical=statistical_baselines
                    )
                    scores = {
                        method: evaluate(truth, values, y_train, m)
                        for method, values in {"model": pred["forecast"], **base}.items()
                    }
                    metric_rows += [
                        {"origin": frame.index[o], "method": method, **score}
                        for method, score in scores.items()
                    ]
                    logger.info(
                        "backtest origin %s (%d points before it): RMSE %.4g, seasonal naive "
                        "%.4g (%.1f s)",
                        _logged(frame, frame.index[o], intraday),
                        o,
                        scores["model"]["rmse"],
                        scores.get("seasonal_naive", {}).get("rmse", math.nan),
                        time.monotonic() - started,
                    )
                columns["origin"].append(o)
                columns["y_true"].append(truth)
                predicted.append({**pred, **base})
    except BaseException:
        # the warnings of the fits before the failure are shown still, as each fit showed
        # them; where warnings are errors, the failure is what is raised
        with contextlib.suppress(Warning):
            warn_gathered(warned)
        raise
    finally:
        gathering.reset(token)
        bar.close()
        # the generator's bar too, which a Ctrl-C between two origins left open
        if (close := getattr(fitted, "close", None)) is not None:
            close()
    warn_gathered(warned)
    if unscored and cli_command.get() is None:  # the command line's table says it
        warn_user(_unscored_levels(frame, unscored))
    at = np.repeat(columns["origin"], horizon)
    forecasts = pd.DataFrame(
        {
            "origin": frame.index[at],
            "cutoff": frame.index[at - 1],
            "timestamp": columns["timestamp"][0].append(columns["timestamp"][1:]),
            "step": np.tile(np.arange(1, horizon + 1), len(columns["origin"])),
            "y_true": np.concatenate(columns["y_true"]),
            # a baseline that failed at an origin (it is left out there) is NaN there
            **{
                name: np.concatenate([p.get(name, np.full(horizon, np.nan)) for p in predicted])
                for name in dict.fromkeys(name for p in predicted for name in p)
            },
        }
    )
    metrics = pd.DataFrame(metric_rows)
    if period := frame.attrs.get("period"):  # the data's PeriodIndex: its periods, as predict's
        with D._business_periods():
            for col in ("origin", "cutoff", "timestamp"):
                forecasts[col] = forecasts[col].dt.to_period(period)
            if scored:
                metrics["origin"] = metrics["origin"].dt.to_period(period)
    if not scored:
        return BacktestResult(
            forecasts=forecasts,
            metrics=metrics,
            summary={},
            series=frame.iloc[:, 0].copy(),
            calibration=None,
            retrained=bool(retrain),
        )
    # A baseline that failed at some origin (it is left out there) gets a row of NaN, so that
    # its mean is undefined rather than a mean over fewer origins than the others'.
    methods = list(dict.fromkeys(metrics["method"]))
    with D._business_periods():  # pandas 2.2 makes the origins' PeriodDtype[B] again
        grid = pd.MultiIndex.from_product(
            [list(dict.fromkeys(metrics["origin"])), methods], names=["origin", "method"]
        )
        metrics = metrics.set_index(["origin", "method"]).reindex(grid).reset_index()
    summary = {
        # An origin where a metric is undefined (MAPE with a zero truth, say) makes its mean
        # undefined too, as in `lstmkit.metrics`, rather than a mean over the other origins.
        method: {
            k: float(v)
            for k, v in group.drop(columns=["origin", "method"]).mean(skipna=False).items()
        }
        for method, group in metrics.groupby("method", sort=False)
    }
    # Coverage over the steps that have an interval (a recursive or seq2seq model forecasting
    # past its calibrated horizon has none for the later steps).
    has = forecasts["lower"].notna() & forecasts["upper"].notna()
    inside = (forecasts["y_true"] >= forecasts["lower"]) & (
        forecasts["y_true"] <= forecasts["upper"]
    )
    summary["model"]["coverage"] = float(inside[has].mean()) if has.any() else math.nan
    summary["model"]["nominal"] = (
        forecaster.config.interval if forecaster.config.interval is not None else math.nan
    )
    calibration = None
    if forecaster.config.interval is not None:
        table = {forecaster.config.interval: (summary["model"]["coverage"], int(has.sum()))}
        for level, counts in hits.items():
            table[level] = (
                (counts[0] / counts[1], counts[1]) if counts and counts[1] else (math.nan, 0)
            )
        calibration = pd.DataFrame(
            [(level, cov, pts) for level, (cov, pts) in sorted(table.items())],
            columns=["nominal", "coverage", "points"],
        )
    return BacktestResult(
        forecasts=forecasts,
        metrics=metrics,
        summary=summary,
        series=frame.iloc[:, 0].copy(),
        calibration=calibration,
        retrained=bool(retrain),
        season_length=m,
    )

"""A forecast's relevance per lag as a figure: :func:`plot_lags`, read as
``lstmkit.explain.render.plot_lags`` (this module imports matplotlib, which the text renderers
there do not need)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from lstmkit._checks import as_bool, typed_repr
from lstmkit._figures import (
    _math_pieces,
    drawable,
    figure_file,
    new_figure,
    save_figure,
    value_axis,
)
from lstmkit.explain.render import _ZWJ, _columns, _host, _vmax, printable

if TYPE_CHECKING:  # relevance may be a tensor (an Explanation's); plotting needs no torch
    from matplotlib.axes import Axes
    from matplotlib.image import AxesImage
    from torch import Tensor


# The figure's sizes: a heatmap row's height, the row names the default width holds and the
# width a name's every further column takes (DejaVu Sans at 10 pt, matplotlib's default; a CJK
# character or an emoji takes two), and the widest figure drawn (the longer names' room is then
# the heatmap's); the tallest, past which every second (third, ...) row is named: 3,000
# features drew 663 inches (79,584 pixels at 120 dpi) in 43 s.
_ROW_INCH = 0.22
_NAME_CHARS = 14
_INCH_PER_CHAR = 0.085
_MAX_WIDTH = 12.0
_MAX_HEIGHT = 24.0
# the longest row name drawn, in columns (a longer one keeps its ends around an ellipsis): at
# the widest figure, names of 100 characters squeezed the heatmap to 2.9 inches, of 150 to
# nothing (the layout collapsed)
_MAX_NAME = 60
# the window's y label: the columns its axis holds at the smallest figure
_MAX_LABEL = 24


# what a cut keeps whole: an escape as drawable writes it (`\u92b7`, six columns drawn), an
# escaped dollar, else one character (its combining marks and joined emoji are added to it)
_ATOM = re.compile(r"\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\x[0-9a-fA-F]{2}|\\\$|.", re.DOTALL)


def _clusters(text: str) -> list[str]:
    """``text`` in the pieces a cut keeps whole: a character with the zero-width ones after it
    (combining marks, skin tones, a joiner and the emoji it joins), an escape, ``\\$``."""
    pieces: list[str] = []
    for atom in _ATOM.findall(text):
        if pieces and (pieces[-1].endswith(_ZWJ) or (len(atom) == 1 and _columns(atom) == 0)):
            pieces[-1] += atom
        else:
            pieces.append(atom)
    return pieces


def _shortened(name: str, most: int = _MAX_NAME) -> str:
    """``name`` as drawn (its escapes written out) within ``most`` columns: its
    beginning and its end around "…", where series' names differ (``..._station_12_celsius``);
    a shorter one as it is. No escape or accented letter is cut in two: a cut `\\u92b7` drew
    `…u92b7`, a cut accent sat on the ellipsis."""
    if _columns(name) <= most:
        return name
    pieces = _clusters(name)
    budget = most - 1  # the ellipsis takes one
    head = tail = 0  # how many pieces each end keeps
    used = 0
    for piece in pieces:
        if used + _columns(piece) > (budget + 1) // 2:
            break
        used, head = used + _columns(piece), head + 1
    for piece in reversed(pieces[head:]):
        if used + _columns(piece) > budget:
            break
        used, tail = used + _columns(piece), tail + 1
    start, end = "".join(pieces[:head]), "".join(pieces[len(pieces) - tail :])
    cut = start + "…" + end
    # a name's formulas each kept whole or left out (an even number of `$` at each end) stay
    # mathtext, as its uncut self is drawn
    whole = _dollars(start) % 2 == 0 and _dollars(end) % 2 == 0
    if not _mathtext(cut) or (_mathtext(name) and whole):
        return cut
    # a name of three `$` (drawn as it is) cut to two was drawn as mathtext, or failed the
    # figure ("Unknown symbol"), as did a formula cut in the middle (`$\\alph…a$`): drawn as
    # written, its `$` escaped
    return _plain(cut)


def _dollars(text: str) -> int:
    """The ``$`` in ``text`` that matplotlib reads as mathtext's, those not written ``\\$``."""
    return text.count("$") - text.count("\\$")


def _mathtext(text: str) -> bool:
    """Whether matplotlib draws ``text`` as mathtext: an even number of unescaped ``$``."""
    dollars = _dollars(text)
    return dollars > 0 and dollars % 2 == 0


def _plain(text: str) -> str:
    """``text`` drawn as written: its unescaped ``$`` escaped, which matplotlib draws as ``$``."""
    return re.sub(r"(?<!\\)\$", r"\\$", text)


def _escaped_formula(name: str, drawn: str) -> str:
    """``drawn``, the row name ``name`` with escapes for the characters no font has, as plain
    text where an escape landed in one of its formulas: matplotlib failed the figure on
    ``$\\u96fb$`` ("Unknown symbol: \\u"); drawn as written, the escape is what the warning
    says is drawn."""
    formulas = [p for p, math in _math_pieces(name) if math]
    if formulas and formulas != [p for p, math in _math_pieces(drawn) if math]:
        return _plain(drawn)
    return drawn


def _row_names(drawn: Sequence[str], names: Sequence[str]) -> list[str]:
    """The heatmap's row names: each of ``drawn`` (``names`` as drawn, escapes written out)
    :func:`_shortened`, and those that other names' cuts look alike numbered after them,
    ``" (1)"``, ``" (2)"``, in the order the names come (two names of one beginning and end,
    ``..._station_12_celsius``, were two rows named the same)."""
    cuts = [_shortened(d) for d in drawn]
    alike: dict[str, list[str]] = {}  # a drawn name → the names drawn so, in order
    for cut, name in zip(cuts, names, strict=True):
        if name not in alike.setdefault(cut, []):
            alike[cut].append(name)
    out = []
    for d, cut, name in zip(drawn, cuts, names, strict=True):
        if len(alike[cut]) > 1 and cut != d:
            suffix = f" ({alike[cut].index(name) + 1})"
            cut = _shortened(d, _MAX_NAME - len(suffix)) + suffix
        out.append(cut)
    return out


def _named_rows(rows: int, every: int, special: Sequence[int]) -> list[int]:
    """The heatmap rows named: each ``every``-th, and the first of ``special`` (the decoder
    inputs the window lacks: ``constant``, future covariates) with each ``every``-th after it,
    whose neighbours closer than ``every`` rows stay unnamed. Adjacent decoder-only rows were
    all named, their names drawn over one another."""
    kept: list[int] = []
    for s in sorted(special):
        if not kept or s - kept[-1] >= every:
            kept.append(s)
    regular = (r for r in range(0, rows, every) if all(abs(r - s) >= every for s in kept))
    return sorted({*regular, *kept})


_ONE_SERIES = "one series [L] (one value per step, e.g. one feature's `inputs[0, :, 0]`)"


def _numbers(values: object, name: str, expected: str) -> np.ndarray:
    """``values`` as an array of floats, None and text refused by type: numpy read None as a
    0-d NaN ("`window` must be one series [L] ..., got shape ()") and text failed in its words
    ("could not convert string to float: 'abc'")."""
    if values is None or isinstance(values, str | bytes):
        raise TypeError(f"`{name}` must be {expected}, got {typed_repr(values)}.")
    return np.asarray(_host(values), dtype=float)


# blue-white-red around 0 for a signed relevance; white to red from 0 for an unsigned one, whose
# blue half (a squared gradient's "-0.0005") stood for values that cannot occur
_CMAP = {True: "bwr", False: "Reds"}


def _colour_bar(
    fig: Figure, image: AxesImage, axes: Axes, label: str, ends: tuple[str, str] | None
) -> None:
    """The heatmap's colour bar, labelled ``label``, with what its ends mean (``ends``:
    negative, positive) under and over it: a bar from blue to red said which colour was
    positive, not what a positive relevance does to the output."""
    bar = fig.colorbar(image, ax=axes, fraction=0.03, label=label)
    if ends is not None:
        low, high = ends
        bar.ax.set_title(high, fontsize="small", color="tab:red")
        bar.ax.set_xlabel(low, fontsize="small", color="tab:blue")


def _date_axis(axes: Axes, dates: list[str]) -> None:
    """The window's ``dates`` along the top of ``axes`` (x = -lag): 4 dates, or 3 timestamps
    with their time of day, evenly from the first step to the last (the origin), so that they
    do not run into each other."""
    lags = len(dates)
    shown = min(lags, 4 if max(map(len, dates)) <= 10 else 3)

    def label(x: float, _pos: object) -> str:
        k = round(x)
        return printable(dates[lags + k]) if -lags <= k < 0 and abs(x - k) < 1e-9 else ""

    axis = axes.secondary_xaxis("top")
    axis.set_xticks(sorted(set(np.linspace(-lags, -1, shown).round().astype(int).tolist())))
    axis.xaxis.set_major_formatter(FuncFormatter(label))
    axis.tick_params(labelsize="small")


def plot_lags(
    window: Sequence[float] | np.ndarray | Tensor,
    relevance: Sequence[float] | np.ndarray | Tensor,
    *,
    features: Sequence[object] | None = None,
    title: str | None = None,
    path: str | Path | None = None,
    window_label: str = "input",
    future: Sequence[Sequence[float]] | np.ndarray | None = None,
    future_features: Sequence[object] | None = None,
    relevance_label: str = "relevance",
    forecast: bool = False,
    signed: bool = True,
    ends: tuple[str, str] | None = None,
    dates: Sequence[object] | None = None,
) -> Figure:
    """The input window on top and its relevance per lag below (a heatmap lag × feature if 2-D).

    Args:
        window: ``[L]`` the input series (e.g. the target column, original units).
        relevance: ``[L]`` relevance per lag, or ``[L, F]`` per lag and feature.
        features: Names of the ``F`` features (rows of the heatmap), one per column of
            ``relevance`` (other than ``str``, as ``str()`` writes them: ``1`` as ``"1"``);
            one over 60 columns as drawn (a character no font has written out as its
            escape, ``\\u92b7``) is drawn as its first 30 and last 29 around "…", never
            cutting an escape or a letter from its accent; names whose cuts look alike are
            numbered, ``" (1)"``, ``" (2)"``, and a cut that breaks a formula (``$...$``),
            or leaves two ``$`` of a name that is none, is drawn as written.
        title: Figure title.
        path: Where to save the figure (PNG, SVG, PDF, ... by suffix), or None;
            missing folders are created (an unknown suffix is a ValueError).
        window_label: What the window's values are (the target's name), the label of its
            axis; one over 24 columns is drawn as its ends around "…", as the row names are.
        future: ``[S, F']`` relevance of the decoder inputs of forecast steps ``1..S`` (a
            ``seq2seq`` forecaster's, by LRP), drawn right of the window at ``x = 1..S`` in
            the rows of ``future_features`` (a name ``features`` has shares its row; the
            others get rows below); with 2-D ``relevance`` only.
        future_features: Names of the ``F'`` decoder inputs.
        relevance_label: What the relevance is, the label of its colour bar (or axis): a
            forecast's say their units, ``"relevance (scaled)"``.
        forecast: Whether ``window`` is a forecaster's, whose last step the x axis then names
            the forecast origin (``future`` implies it); else it names the window's last step
            only, as for a classifier's sequence.
        signed: Whether the relevance has a sign: a heatmap then runs blue (negative) through
            white to red (positive) on a scale centred on 0; unsigned values (a squared
            gradient, never negative) run from white (0) to red, without a blue half that no
            value reaches.
        ends: What the colour bar's two ends mean, ``(negative, positive)``, written below and
            above it (``("lowers the output", "raises the output")``; with 1-D relevance, right
            of the bars' axis, under and over its 0 line), or None; with signed relevance only.
        dates: The ``L`` time labels of the window's steps (oldest first, as
            ``ForecastExplanation.index``), or None: the window's panel then names the dates
            of its lags along its top edge, from the first step's to the last's (a
            stakeholder reads dates, not "−36 … −1").

    Raises:
        TypeError: for a ``forecast`` or ``signed`` that is not a bool, ``ends`` that are not
            two texts, ``dates`` given as one str or no sequence, or a ``window`` or
            ``relevance`` that is None or text.
        ValueError: for a ``window`` of no step, a scalar (0-d) or more than one value per step
            (``[L, F]``), a ``relevance`` that is not ``[L]`` or ``[L, F]`` with ``L`` the
            window's length, ``features`` that do not name each of its ``F`` columns, or
            ``dates`` that do not name each of its ``L`` steps.
    """
    forecast = as_bool(forecast, "forecast")  # "no" would be truthy
    signed = as_bool(signed, "signed")
    if ends is not None and (
        not isinstance(ends, tuple | list)
        or len(ends) != 2
        or not all(isinstance(e, str) for e in ends)
    ):
        raise TypeError(
            "`ends` must be two texts, (negative, positive), such as ('lowers the output', "
            f"'raises the output'), got {typed_repr(ends)}."
        )
    if dates is not None and (isinstance(dates, str | bytes) or not hasattr(dates, "__iter__")):
        # one str was read as its characters, a number was Python's "not iterable"
        raise TypeError(
            f"`dates` must be the window's time labels, one per step, got {typed_repr(dates)}."
        )
    if path is not None:
        figure_file(path)  # refused before anything is drawn
    # a tensor as the relevance is taken: the README's `inputs[0, :, 0]` on a GPU (or needing
    # grad) failed in numpy's words
    win = _numbers(window, "window", _ONE_SERIES)
    if not win.size:  # else numpy's "cannot reshape array of size 0 into shape (0,newaxis)"
        raise ValueError(f"`window` must hold at least one step, got shape {win.shape}.")
    if not win.ndim or win.size != max(win.shape):
        # flattened, a [T, F] window read as T * F steps, and the relevance check below named
        # that product as `len(window)`; a scalar (0-d) was drawn as a window of one step
        raise ValueError(f"`window` must be {_ONE_SERIES}, got shape {win.shape}.")
    win = win.reshape(-1)
    rel = _numbers(relevance, "relevance", "[L] or [L, F] numbers")
    lags = len(win)
    if rel.ndim not in (1, 2) or rel.shape[0] != lags:  # a scalar has no shape[0]
        raise ValueError(
            f"`relevance` must be [L] or [L, F] with L = len(window) = {lags}, got {rel.shape}."
        )
    if dates is not None:
        dates = [str(d) for d in dates]  # read once: it may be an iterator
        if len(dates) != lags:
            raise ValueError(
                f"`dates` must name each of the L = {lags} steps of `window`, got "
                f"{len(dates)} labels."
            )
    x = np.arange(-lags, 0)
    per_feature = rel.ndim == 2 and rel.shape[1] > 1
    # read once (it may be an iterator), and drawn as text: names 1, 2, 3 (a DataFrame's int
    # columns) failed with "sequence item 0: expected str instance, int found"
    features = None if features is None else [str(f) for f in features]
    if per_feature and features is not None and len(features) != rel.shape[1]:
        # else matplotlib's "number of FixedLocator locations (3) ... does not match"
        raise ValueError(
            f"`features` must name each of the F = {rel.shape[1]} columns of `relevance` "
            f"{rel.shape}, got {len(features)} names."
        )
    names = None
    if per_feature or future is not None:
        names = list(features) if features is not None else [str(f) for f in range(rel.shape[1])]
    ahead = None if future is None else np.asarray(future, dtype=float)
    if ahead is not None:
        extra = [str(f) for f in future_features or []]
        if rel.ndim != 2 or ahead.ndim != 2 or ahead.shape[1] != len(extra):
            raise ValueError(
                "`future` must be [S, F'] with F' = len(future_features) beside a 2-D "
                f"`relevance`, got {ahead.shape} with {len(extra)} names and `relevance` "
                f"{rel.shape}."
            )
        names = [*(names or []), *(n for n in dict.fromkeys(extra) if n not in (names or []))]
        # each decoder input's row, found by its name before the names are escaped for drawing
        future_rows = [names.index(name) for name in extra]
        per_feature = True
    # one warning for the characters no font has (a CSV's Chinese column names), the title's too
    given, label = list(names or []), str(window_label)
    title, window_label, *names = drawable(
        ["" if title is None else title, label, *given],  # title=0 is refused, not dropped
        ["`title`", "`window_label`", *["`features`"] * len(given)],
        titles=1,
    )
    # cut as drawn, escapes written out (a name of 40 Chinese characters was cut to 29 and drawn
    # as 175 columns of escapes); its whole text stays in `lstmkit explain`'s CSV and `features`
    names = _row_names([_escaped_formula(g, n) for g, n in zip(given, names, strict=True)], given)
    # the heatmap keeps room for its rows and its width beside long row names: with 17
    # features of 45-character names in 7 x 4.6 inches the names overlapped one another and
    # the heatmap shrank to a strip, its lag ticks running into each other
    rows = len(names or []) if per_feature else 0
    # in columns, a CJK character or an emoji two (as wide as two Latin letters drawn): by
    # characters, 30 CJK names were given the room of 30 letters and ran over the heatmap
    widest = max(map(_columns, names or [""]))
    room = max(0, widest - _NAME_CHARS) if per_feature else 0
    width = min(7 + room * _INCH_PER_CHAR, _MAX_WIDTH)
    above = 2.3 if per_feature else 2.0  # half of 4.6 (4.0) inches, as up to 6 rows keep
    below = min(max(above, _ROW_INCH * rows + 0.9), _MAX_HEIGHT - above) if per_feature else above
    named = int((_MAX_HEIGHT - above - 0.9) / _ROW_INCH)  # the rows the tallest figure names
    every = -(-rows // named) if rows > named else 1  # each `every`-th row named
    fig = new_figure(figsize=(width, above + below), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[above, below])
    top.plot(x, win, marker="o", ms=3, color="0.2")
    # the window's axis, 1.2 in or so: a long target name ran past the figure
    # (an escape in its formula failed the figure, as in a row name's)
    top.set_ylabel(_shortened(_escaped_formula(label, window_label), _MAX_LABEL), wrap=True)
    value_axis(top)
    if title:
        top.set_title(title, wrap=True)
    if per_feature and ahead is not None:
        # the decoder inputs of the forecast steps, right of the origin (x = 0): a seq2seq
        # forecast may owe them most of its relevance, which the window's heatmap left out
        rows = len(names or [])
        window = np.full((rows, lags), np.nan)  # grey: not an input of the window
        window[: rel.shape[1]] = rel.T
        steps = np.full((rows, len(ahead)), np.nan)
        for j, row in enumerate(future_rows):
            steps[row] = ahead[:, j]
        vmax = _vmax(np.concatenate([rel.ravel(), ahead.ravel()])) or 1.0
        cmap = colormaps[_CMAP[signed]].with_extremes(bad="0.9")
        shown = {"aspect": "auto", "interpolation": "nearest", "cmap": cmap}
        shown |= {"vmin": -vmax if signed else 0.0, "vmax": vmax}
        im = bottom.imshow(window, **shown, extent=(-lags - 0.5, -0.5, rows - 0.5, -0.5))
        bottom.imshow(steps, **shown, extent=(0.5, len(ahead) + 0.5, rows - 0.5, -0.5))
        bottom.set_xlim(-lags - 0.5, len(ahead) + 0.5)
        for axes in (top, bottom):
            axes.axvline(0, color="0.3", lw=0.8, ls="--")
        # a decoder-only row (`constant`, below the window's) is named however thin the rows
        ticks = _named_rows(rows, every, [r for r in future_rows if r >= rel.shape[1]])
        bottom.set_yticks(ticks, [names[r] for r in ticks])
        _colour_bar(fig, im, bottom, relevance_label, ends if signed else None)
    elif per_feature:
        vmax = _vmax(rel) or 1.0  # finite values only, as the text heatmap
        im = bottom.imshow(
            rel.T,
            aspect="auto",
            interpolation="nearest",
            cmap=_CMAP[signed],
            vmin=-vmax if signed else 0.0,
            vmax=vmax,
            extent=(x[0] - 0.5, x[-1] + 0.5, rel.shape[1] - 0.5, -0.5),
        )
        bottom.set_yticks(range(0, rel.shape[1], every), names[::every])
        _colour_bar(fig, im, bottom, relevance_label, ends if signed else None)
    else:
        flat = rel.reshape(lags, -1).sum(1)
        bottom.bar(x, flat, color=["tab:red" if v > 0 else "tab:blue" for v in flat])
        bottom.axhline(0, color="0.5", lw=0.8)
        bottom.set_ylabel(relevance_label)
        if ends is not None and signed:  # what a bar above 0 does, and one below it
            # each on its side of the 0 line: at the axis's foot, "lowers the forecast" sat
            # level with 0 where no bar was negative, as if a bar of 0 lowered it
            for end, rise, va, colour in (
                (ends[1], 2, "bottom", "tab:red"),
                (ends[0], -2, "top", "tab:blue"),
            ):
                bottom.annotate(
                    end,
                    xy=(1.0, 0.0),
                    xycoords=("axes fraction", "data"),
                    xytext=(4, rise),
                    textcoords="offset points",
                    ha="left",
                    va=va,
                    fontsize="small",
                    color=colour,
                )
    # x = -lag: lag 1 (x = -1) is the window's last step, which is a forecast's origin itself
    # (a classifier's sequence was labelled with a forecast origin too); the decoder's half on
    # a line of its own: on one line the label, centred under the heatmap, ran past the
    # figure's right edge beside a long feature name on the left
    origin = ", the forecast origin" if forecast or ahead is not None else ""
    if dates is not None:
        # the dates over the window's panel, the origin's last, at ticks of their own (its x
        # axis is shared with the relevance's, whose ticks stay lags, as relevance.csv counts)
        _date_axis(top, dates)
    bottom.set_xlabel(
        f"−lag (−1: the window's last step{origin})"
        + ("" if ahead is None else "\n+k: forecast step k's decoder inputs")
    )
    # lags are whole: a window of 4 had ticks at -4.5, -4.0, -3.5, ...; and one tick is enough
    # (with matplotlib's least of 2, a window of 1 fell back to -1.5, -1.4, ..., -0.5)
    bottom.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    if path is not None:
        save_figure(fig, path, dpi=120)
    return fig

"""Explained sentences as a figure: :func:`plot_sentences`, read as
``lstmkit.explain.render.plot_sentences`` (this module imports matplotlib, which the text
renderers there do not need)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap, Normalize
from matplotlib.figure import Figure

from lstmkit._checks import and_more, typed_repr
from lstmkit._figures import (
    METHOD_TITLES,
    _escape,
    figure_file,
    font_codes,
    new_figure,
    save_figure,
)
from lstmkit.explain._lag_plot import _shortened
from lstmkit.explain.render import _ink, _values, _vmax, colour

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase

# The page, in points (1/72 inch): its width, margins, a token's font size and a text line's
# height; a panel holds at most _MAX_LINES lines of tokens (200 tokens of a sentence, say),
# then says how many more it left out, so that a long text does not draw a figure metres tall.
_WIDTH = 720.0
_MARGIN = 30.0
_FONT = 11.0
_LINE = 22.0
_GAP = 5.0  # between two tokens
_MAX_LINES = 12
# the longest token drawn, in columns: a URL of 300 letters ran off the page
_MAX_TOKEN = 40
_DPI = 120
# the unknown words a panel names under it
_MAX_UNKNOWN = 8
# a token whose relevance is nan: grey, not the white of a relevance of 0 (an explanation
# that overflowed, `lstmkit explain` of a blown-up model, gives nan, drawn as it is)
_NAN_GREY = (190, 190, 190)

# the HTML page's scale, colour for colour: blue (against) through white to red (for)
_CMAP = ListedColormap(
    [tuple(c / 255 for c in colour(x, 1.0)) for x in np.linspace(-1.0, 1.0, 255)]
)


def _drawn(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """``texts`` with the characters no font matplotlib draws with has written as escapes
    (``\\U0001f600``), and those characters: an emoji failed the figure under warnings as
    errors (matplotlib's "Glyph ... missing"). No warning is given; the figure says it."""
    known = font_codes()
    missing = list(dict.fromkeys(c for t in texts for c in t if ord(c) not in known))
    if not missing:
        return list(texts), []
    lost = set(missing)
    return ["".join(_escape(c) if c in lost else c for c in t) for t in texts], missing


def _per_sentence(values: object, name: str, count: int) -> list[Any] | None:
    """``values`` (one per sentence) as a list, or None; its length is checked."""
    if values is None:
        return None
    # a NumPy array or pandas Series of one item per sentence (``probs.max(axis=1)``) too
    if not isinstance(values, Sequence) and hasattr(values, "__array__") and np.ndim(values) == 1:
        values = list(values)
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise TypeError(
            f"`{name}` must be a sequence with one item per sentence ({count}), got "
            f"{typed_repr(values)}."
        )
    if len(values) != count:
        raise ValueError(f"`{name}` must have one item per sentence ({count}), got {len(values)}.")
    return list(values)


def _not_finite(rel: np.ndarray) -> str:
    """The note under a panel whose relevances are not all finite, ``""`` where they are:
    nan was drawn white, as a relevance of 0 is, and ±inf at the scale's end, unsaid."""
    nan, inf = int(np.isnan(rel).sum()), int(np.isinf(rel).sum())
    parts = [f"nan at {nan} {'token' if nan == 1 else 'tokens'} (grey)"] if nan else []
    if inf:
        parts.append(f"±inf at {inf} {'token' if inf == 1 else 'tokens'} (the scale's end)")
    return f"not finite, saying nothing of their tokens: {', '.join(parts)}" if parts else ""


def _width(renderer: RendererBase, text: str, weight: str = "normal") -> float:
    """The width of ``text`` drawn at the tokens' size, in points."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(size=_FONT, weight=weight)
    w, _, _ = renderer.get_text_width_height_descent(text, prop, ismath=False)
    return w * 72.0 / _DPI


def plot_sentences(
    sentences: Sequence[Sequence[tuple[str, float]]],
    *,
    predicted: Sequence[str | int] | None = None,
    probability: Sequence[float] | None = None,
    explained: Sequence[str | int] | None = None,
    unknown: Sequence[Sequence[str]] | None = None,
    names: Sequence[str] | None = None,
    method: str = "lrp",
    most: int = 10,
    path: str | Path | None = None,
) -> Figure:
    """Explained sentences as a figure: each sentence's tokens on the blue-white-red scale of
    :func:`~lstmkit.explain.render.to_html`, wrapped onto lines, one panel per sentence.

    Each panel's title says the predicted class and its probability (and the explained class
    where it differs); a token the model read as ``<unk>`` is drawn in a dashed box, and a line
    under the panel names them (their colour is the unknown-word token's). Each sentence is
    coloured on its own scale, full at its largest ``|relevance|``, as its HTML page is; the
    colour bar under the panels says what red and blue mean. A character no font has (an
    emoji, with matplotlib's default DejaVu Sans) is drawn as its escape, ``\\U0001f600``, and
    a note under the panels says so (no warning). A relevance of nan (an explanation that
    overflowed) is drawn grey, not the white of 0, ±inf at the scale's end, and a line under
    the panel counts them. A sentence of more than 12 lines shows its
    first 12 and how many tokens it left out; a token over 40 columns, its ends around "…".

    Args:
        sentences: Each sentence's ``(token, relevance)`` pairs, as
            :meth:`~lstmkit.text.SentimentPredictor.explain` returns them (one sentence:
            ``[predictor.explain(text)]``) and ``explain_many`` a list of them.
        predicted: The predicted class of each sentence (name or index), or None.
        probability: The predicted class's probability of each sentence, or None.
        explained: The explained class of each sentence, when not the predicted one.
        unknown: Each sentence's tokens that the vocabulary lacks
            (:meth:`~lstmkit.text.SentimentPredictor.unknown`), or None.
        names: A name for each panel (``"line 3"``), or None: numbered from 1 for several.
        method: The explanation method, named in the figure's title as it is written out
            ("lrp": "LRP relevance per token", "gradxinput": "gradient × input relevance per
            token"), as a forecaster's ``relevance.png`` names it.
        most: The most sentences drawn; the first ``most`` are, and the figure says how many
            it left out.
        path: Where to save the figure (PNG, SVG, PDF, ... by suffix), or None; missing
            folders are created (an unknown suffix is a ValueError).

    Returns:
        The figure.

    Raises:
        TypeError: for ``sentences`` or a per-sentence argument that is no sequence (a 1-D
            NumPy array or pandas Series is one), an ``unknown`` item that is a string, or a
            ``most`` that is no integer, or a ``method`` that is no string.
        ValueError: for no sentence, a sentence of no token, a per-sentence argument without
            one item per sentence, a probability that is no number in [0, 1], or a ``most``
            below 1.

    Example:
        >>> from lstmkit.explain.render import plot_sentences
        >>> fig = plot_sentences(
        ...     [[("a", 0.2), ("dull", -1.5), ("film", 0.1)]],
        ...     predicted=["negative"],
        ...     probability=[0.91],
        ... )
        >>> [t.get_text() for t in fig.texts[:2]]
        ['LRP relevance per token', 'predicted: negative (p = 0.910)']
    """
    if isinstance(most, bool) or not isinstance(most, int | np.integer):
        raise TypeError(f"`most` must be an integer >= 1, got {typed_repr(most)}.")
    if most < 1:
        raise ValueError(f"`most` must be an integer >= 1, got {most}.")
    if not isinstance(method, str):
        raise TypeError(f"`method` must be the method's name ('lrp'), got {typed_repr(method)}.")
    if isinstance(sentences, str | bytes) or not isinstance(sentences, Sequence):
        raise TypeError(
            "`sentences` must be a sequence of sentences, each a sequence of (token, "
            f"relevance) pairs (one sentence: [pairs]), got {typed_repr(sentences)}."
        )
    if not sentences:
        raise ValueError("`sentences` must hold at least one sentence, got none.")
    count = len(sentences)
    pred = _per_sentence(predicted, "predicted", count)
    prob = _per_sentence(probability, "probability", count)
    expl = _per_sentence(explained, "explained", count)
    unk = _per_sentence(unknown, "unknown", count)
    label = _per_sentence(names, "names", count)
    for k, p in enumerate(prob or []):
        # a probability of "high" or None failed with float()'s message, naming no argument,
        # and 1.5 was drawn as "p = 1.500"
        ok = isinstance(p, int | float | np.number) and not isinstance(p, bool) and 0 <= p <= 1
        if not ok:
            raise ValueError(f"`probability[{k}]` must be a number in [0, 1], got {typed_repr(p)}.")
    for k, words in enumerate(unk or []):
        # a string was read as its letters ("bad" marked the token "a" as unknown)
        if isinstance(words, str | bytes) or not isinstance(words, Iterable):
            raise TypeError(
                f"`unknown[{k}]` must be a sequence of the sentence's unknown tokens (none: "
                f"[]), got {typed_repr(words)}."
            )
    unk = None if unk is None else [list(words) for words in unk]  # each read twice
    if path is not None:
        figure_file(path)  # refused before anything is drawn
    shown = min(count, most)
    pairs = []
    for k, sentence in enumerate(sentences[:shown]):
        try:
            toks = [str(tok) for tok, _ in sentence]
            rel = _values([float(v) for _, v in sentence], len(toks), f"sentences[{k}]")
        except (TypeError, ValueError):
            raise TypeError(
                f"`sentences[{k}]` must be a sequence of (token, relevance) pairs, got "
                f"{typed_repr(sentence)}."
            ) from None
        if not toks:
            raise ValueError(f"`sentences[{k}]` must hold at least one token, got none.")
        pairs.append((toks, rel))

    # what each panel says, and its tokens, with the characters no font has escaped at once
    heads: list[str] = []
    notes: list[str] = []
    for k in range(shown):
        parts = []
        if pred is not None:
            p = "" if prob is None else f" (p = {float(prob[k]):.3f})"
            parts.append(f"predicted: {pred[k]}{p}")
        elif prob is not None:
            parts.append(f"p = {float(prob[k]):.3f}")
        if expl is not None and (pred is None or str(expl[k]) != str(pred[k])):
            parts.append(f"explained: {expl[k]}")
        # the panel's name: given, else its number among several ("3.")
        name = f"{label[k]}:" if label is not None else f"{k + 1}." if count > 1 else ""
        heads.append(" ".join(filter(None, [name, " · ".join(parts)])))
        words = [] if unk is None else list(dict.fromkeys(map(str, unk[k])))
        # a text of many unknown words ran its line off the page
        listed = " ".join(words[:_MAX_UNKNOWN]) + and_more(len(words), _MAX_UNKNOWN)
        notes.append(
            f"dashed: not in the vocabulary (read as <unk>, coloured as <unk>): {listed}"
            if words
            else ""
        )
    flat = [_shortened(t, _MAX_TOKEN) for toks, _ in pairs for t in toks]
    drawn, missing = _drawn([*heads, *notes, *flat])
    heads, notes, flat = drawn[:shown], drawn[shown : 2 * shown], drawn[2 * shown :]

    from matplotlib.backends.backend_agg import RendererAgg

    renderer = RendererAgg(1, 1, _DPI)  # measures the tokens' widths before the figure's size
    # the layout, top down in points: (x, y, text, kind, value)
    items: list[tuple[float, float, str, str, tuple[int, int, int]]] = []
    white = (255, 255, 255)  # the background of the texts that are no token
    y = _MARGIN
    # "LRP relevance per token", not "(lrp)" as the flag spells it: the forecaster's titles' words
    title = METHOD_TITLES.get(method, f"{method} relevance").replace(" (", " per token (", 1)
    title = title if "per token" in title else f"{title} per token"
    items.append((_MARGIN, y, title, "title", white))
    y += _LINE * 1.2
    at = 0
    right = _WIDTH - _MARGIN
    for k, (toks, rel) in enumerate(pairs):
        vmax = _vmax(rel)
        unread = set() if unk is None else set(map(str, unk[k]))
        if heads[k]:
            items.append((_MARGIN, y, heads[k], "head", white))
            y += _LINE
        x, lines, left = _MARGIN, 1, 0
        for j, tok in enumerate(flat[at : at + len(toks)]):
            w = _width(renderer, tok) + 6.0  # the box's padding each side
            if x > _MARGIN and x + w > right:
                if lines == _MAX_LINES:
                    left = len(toks) - j
                    break
                x, y, lines = _MARGIN, y + _LINE, lines + 1
            value = float(rel[j])
            face = _NAN_GREY if np.isnan(value) else colour(value, vmax)
            items.append((x, y, tok, "unk" if toks[j] in unread else "tok", face))
            x += w + _GAP
        at += len(toks)
        y += _LINE
        if left:
            more = f"… {left:,} more token{'s' * (left != 1)} not drawn"
            items.append((_MARGIN, y, more, "note", white))
            y += _LINE * 0.8
        if unsaid := _not_finite(rel):
            items.append((_MARGIN, y, unsaid, "note", white))
            y += _LINE * 0.8
        if notes[k]:
            items.append((_MARGIN, y, notes[k], "note", white))
            y += _LINE * 0.8
        y += _LINE * 0.5
    footer = []
    if shown < count:
        footer.append(f"the first {shown:,} of {count:,} sentences drawn (most={most:,})")
    if missing:
        chars = ", ".join(_escape(c) for c in missing[:5]) + (", ..." if len(missing) > 5 else "")
        footer.append(f"drawn as escapes: characters no font here has ({chars})")
    for line in footer:
        items.append((_MARGIN, y, line, "note", white))
        y += _LINE * 0.8
    bar_top = y + 4
    height = bar_top + 50 + _MARGIN * 0.6
    fig = new_figure(figsize=(_WIDTH / 72, height / 72), dpi=_DPI)

    # what red and blue speak for: the explained class, where all sentences share one
    classes = {str(c) for c in (expl or pred or [])[:shown]}
    of = f" {_drawn(list(classes))[0][0]}" if len(classes) == 1 else " the explained class"
    for x, top, text, kind, value in items:
        style: dict[str, object] = {"fontsize": _FONT, "va": "center", "parse_math": False}
        if kind == "title":
            style |= {"fontsize": 13, "weight": "bold"}
        elif kind == "head":
            style |= {"weight": "bold"}
        elif kind == "note":
            style |= {"fontsize": 9, "color": "0.35"}
        else:
            rgb = tuple(c / 255 for c in value)
            ink = tuple(c / 255 for c in _ink(value))
            box = {"boxstyle": "round,pad=0.25", "facecolor": rgb}
            box |= (
                {"edgecolor": "0.1", "linestyle": "--", "linewidth": 1.0}
                if kind == "unk"
                else {"edgecolor": "none"}
            )
            style |= {"color": ink, "bbox": box, "gid": kind}
        fig.text(x / _WIDTH, 1 - top / height, text, **style)
    bar = fig.add_axes(
        (0.25, 1 - (bar_top + 14) / height, 0.5, 12 / height),
    )
    fig.colorbar(
        ScalarMappable(Normalize(-1.0, 1.0), _CMAP),
        cax=bar,
        orientation="horizontal",
        ticks=[-1, 0, 1],
        label="relevance / its sentence's largest |relevance|",
    )
    bar.tick_params(labelsize=8)
    bar.xaxis.label.set_fontsize(9)
    for x, words, ha, tint in (
        (-0.02, "against", "right", "tab:blue"),  # left of the bar's blue end
        (1.02, "speaks for", "left", "tab:red"),
    ):
        bar.text(
            x,
            0.5,
            f"{words}{of}",
            transform=bar.transAxes,
            ha=ha,
            va="center",
            color=tint,
            fontsize=9,
            parse_math=False,
        )
    if path is not None:
        save_figure(fig, path, dpi=_DPI)
    return fig

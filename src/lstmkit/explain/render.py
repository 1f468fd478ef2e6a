"""Rendering relevance: an HTML heatmap and an ANSI terminal line for text, a PNG for series.

Colours: red for positive relevance (evidence for the explained output), blue for negative
(evidence against), white for none; intensity is ``|R| / max |R|`` over the shown steps' finite
values (a NaN step is white and an infinite one saturated, so they do not blank the others).
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Sequence, Sized
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from lstmkit._checks import as_bool, typed_repr
from lstmkit._figures import output_file, written_whole
from lstmkit._lazy import lazy_attributes

if TYPE_CHECKING:  # relevance may be a tensor (an Explanation's); rendering needs no torch
    from torch import Tensor

    # ``X as X``: plot_lags typed as its signature, not as this module's ``__getattr__`` (Any)
    from lstmkit.explain._lag_plot import plot_lags as plot_lags
    from lstmkit.explain._token_plot import plot_sentences as plot_sentences

# plot_lags and plot_sentences draw with matplotlib, whose import (0.3-0.5 s) the text renderers
# here do not need: they load on first use, so `text predict`, `text train` and `explain` on a
# text without --out import no plotting library (they import this module for printable,
# to_terminal and the others)
__getattr__, __dir__ = lazy_attributes(
    __name__,
    {"plot_lags": "lstmkit.explain._lag_plot", "plot_sentences": "lstmkit.explain._token_plot"},
    (),
    globals(),
)

# ``from lstmkit.explain.render import *`` and ``help()`` list the lazy plot_lags only if named here
__all__ = [
    "colour",
    "padded",
    "plot_lags",
    "plot_sentences",
    "printable",
    "terminal_legend",
    "to_html",
    "to_terminal",
    "top_contributions",
]


def _host(values: object) -> object:
    """``values`` as numpy reads them: a tensor detached and on the CPU, else as given."""
    return values.detach().cpu() if hasattr(values, "detach") else values


def _values(
    relevance: Sequence[float] | np.ndarray | Tensor, n: int, name: str = "relevance"
) -> np.ndarray:
    values = np.asarray(_host(relevance), dtype=float)
    if values.ndim != 1 or values.shape[0] < n:
        raise ValueError(
            f"`{name}` must be 1-D with at least one value per token ({n}), "
            f"got shape {values.shape}."
        )
    return values[:n]


def _token_count(tokens: Sequence[str], relevance: object) -> int:
    """How many tokens ``tokens`` holds, or a ``TypeError`` for one str without one relevance
    value per character: its letters were read as the tokens, and the relevance refused as too
    short for them (a character model's text, one value per character, is shown as before)."""
    try:
        shape = np.shape(relevance.detach() if hasattr(relevance, "detach") else relevance)
    except ValueError:  # ragged: _values says so, unless the tokens are one str
        shape = None
    # else "object of type 'int' has no len()"; bytes hold numbers (b"ab"[0] is 97), which
    # top_contributions listed as the tokens ('97'), as the gate plots' `labels` refuse them
    if not isinstance(tokens, Sized) or isinstance(tokens, bytes | bytearray):
        raise TypeError(
            "`tokens` must be a sequence of tokens, one per relevance value, got "
            f"{typed_repr(tokens)}."
        )
    if isinstance(tokens, str) and shape != (len(tokens),):
        raise TypeError(
            "`tokens` must be a sequence of tokens, one per relevance value, got one str; split "
            "it first, e.g. text.split()."
        )
    return len(tokens)


def _vmax(values: np.ndarray) -> float:
    """The scale's end ``max |R|`` over the finite values (0.0 when there are none)."""
    finite = np.abs(values[np.isfinite(values)])
    return float(finite.max()) if finite.size else 0.0


def colour(value: float, vmax: float) -> tuple[int, int, int]:
    """RGB of ``value`` on a blue–white–red scale saturating at ``±vmax`` (NaN: white; ±inf:
    saturated)."""
    if math.isnan(value) or value == 0 or not (vmax > 0 or math.isinf(value)):
        return (255, 255, 255)
    a = 1.0 if math.isinf(value) else min(abs(value) / vmax, 1.0)
    fade = round(255 * (1 - a))
    return (255, fade, fade) if value > 0 else (fade, fade, 255)


def _ink(background: tuple[int, int, int]) -> tuple[int, int, int]:
    """The text colour, black or white, of higher contrast on ``background`` (WCAG 2's
    relative luminance): black text on the saturated blue of the most negative tokens had a
    contrast of 2.4:1, white has 8.6:1; on the red side and the paler blues black stays."""

    def linear(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = background
    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    # contrast with black (L + 0.05) / 0.05 against with white 1.05 / (L + 0.05)
    return (0, 0, 0) if (luminance + 0.05) ** 2 >= 1.05 * 0.05 else (255, 255, 255)


def top_contributions(
    tokens: Sequence[str], relevance: Sequence[float] | np.ndarray | Tensor, k: int = 5
) -> list[tuple[int, str, float]]:
    """The ``k`` steps with the largest ``|relevance|``: ``(position, token, relevance)``.

    Raises:
        TypeError: for a ``k`` that is no number (``"2"``, ``None``) or a bool, ``tokens``
            that are no sequence, or one str as ``tokens`` (split it first).
        ValueError: for a ``k`` that is no integer >= 0 (``-1`` gave all steps but one), or
            ``relevance`` without one value per token.
    """
    from lstmkit.explain.baselines import check_count  # here: baselines loads the models' code

    # as the other counts of lstmkit.explain: "2", None and True were each a ValueError
    count = check_count(k, "k", minimum=0, means="how many steps of largest |relevance| are listed")
    values = _values(relevance, _token_count(tokens, relevance))
    order = np.argsort(-np.abs(values), kind="stable")[:count]
    return [(int(i), str(tokens[i]), float(values[i])) for i in order]


def to_html(
    tokens: Sequence[str],
    relevance: Sequence[float] | np.ndarray | Tensor,
    *,
    predicted: str | int | None = None,
    score: float | None = None,
    target: str | int | None = None,
    method: str = "lrp",
    path: str | Path | None = None,
    unknown: Sequence[str] | None = (),
) -> str:
    """A standalone HTML page: the tokens on a red/blue heatmap, a legend, prediction and score.

    The legend's ends say what the colours mean, naming the explained class (``target``, else
    ``predicted``) where one is given: ``-2.31 against positive``, ``+2.31 for positive``.

    Args:
        tokens: The shown tokens.
        relevance: One value per token.
        predicted: The predicted class: its name, or its index.
        score: The explained (raw) score.
        target: The explained class (name or index), when not the predicted one.
        method: The explanation method (shown in the title).
        path: Where to write the page (missing folders are created), or None.
        unknown: The tokens the model's vocabulary lacks, which it read as ``<unk>``: each is
            underlined (dotted) where it stands, its tooltip says so, and a line under the
            text names them; their relevance is the unknown-word token's, not the word's.
            None marks none, as ``()`` does.

    Returns:
        The HTML text.

    Raises:
        TypeError: for ``unknown`` given as one str or as no sequence (a number).
        ValueError: for ``relevance`` without one value per token, a ``path`` that is an
            existing folder, or a folder on the way to it that is a file.
    """
    file = None if path is None else output_file(path, example="explanation.html")
    values = _values(relevance, _token_count(tokens, relevance))
    vmax = _vmax(values)
    # a word the model never learnt was coloured as if it had read it: "lifeless" red for
    # positive on a page for stakeholders, where the relevance is <unk>'s
    unknown = () if unknown is None else unknown
    # one str was read as its characters, a number failed in Python's words ("'int' object is
    # not iterable"), naming no argument
    if isinstance(unknown, str | bytes) or not hasattr(unknown, "__iter__"):
        raise TypeError(f"`unknown` must be a sequence of tokens, got {typed_repr(unknown)}.")
    # read once: an iterator's words were marked in the text, its note left with none
    marked = [str(u) for u in unknown]
    unread = set(marked)
    spans = []
    for tok, v in zip(tokens, values, strict=True):
        r, g, b = colour(float(v), vmax)
        # the text's colour first: a white one only where black would be hard to read
        text = "" if _ink((r, g, b)) == (0, 0, 0) else "color: rgb(255,255,255); "
        cls, tip = "tok", _title(float(v))
        if str(tok) in unread:
            cls, tip = "tok unk", f"{tip}, read as &lt;unk&gt;: not in the vocabulary"
        spans.append(
            f'<span class="{cls}" style="{text}background: rgb({r},{g},{b})" '
            f'title="{tip}">{html.escape(str(tok))}</span>'
        )
    note = ""
    if unread:
        words = " ".join(html.escape(w) for w in dict.fromkeys(marked))
        note = (
            '\n<p class="note">not in the vocabulary (read as &lt;unk&gt;, underlined): '
            f"{words}; their colour is the unknown-word token's, not the word's</p>"
        )
    stops = ", ".join(
        "rgb({},{},{})".format(*colour(x * vmax, vmax)) for x in (-1.0, -0.5, 0.0, 0.5, 1.0)
    )
    info = []
    if predicted is not None:  # a label, or a class index (an int failed in html.escape)
        info.append(f"predicted: <b>{html.escape(str(predicted))}</b>")
    if target is not None:
        info.append(f"explained: <b>{html.escape(str(target))}</b>")
    if score is not None:
        info.append(f"score: <b>{score:.4f}</b>")
    # the legend names the class the colours speak for: the explained one, else the predicted
    explained = target if target is not None else predicted
    of = "" if explained is None else f" {html.escape(str(explained))}"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>lstmkit explanation ({html.escape(method)})</title>
<style>
body {{ font-family: sans-serif; margin: 2em; max-width: 60em; }}
.tok {{ padding: 0.15em 0.25em; margin: 0.1em; border-radius: 0.2em; line-height: 2.2em; }}
.unk {{ text-decoration: underline dotted; }}
.note {{ font-size: 0.9em; color: #555; }}
.legend {{ display: flex; align-items: center; gap: 0.5em; margin-top: 1.5em; font-size: 0.9em; }}
.bar {{ width: 16em; height: 1em; background: linear-gradient(to right, {stops});
        border: 1px solid #ccc; }}
</style></head><body>
<h3>relevance ({html.escape(method)})</h3>
<p>{" &middot; ".join(info)}</p>
<p class="text">{" ".join(spans)}</p>{note}
<div class="legend"><span>{-vmax or 0.0:+.3g} against{of}</span><div class="bar"></div>
<span>{vmax:+.3g} for{of}</span></div>
</body></html>
"""
    if file is not None:
        with written_whole(file) as temp:  # a page stopped part-way leaves none
            temp.write_text(page, encoding="utf-8")
    return page


_ZWJ = "\u200d"  # zero width joiner: between two emoji, one glyph (👩 ZWJ 💻: a technologist)


def printable(token: str) -> str:
    r"""``token`` with its control characters written as escapes (``\x1b``), so printing it
    cannot move the cursor, clear the screen or recolour the terminal. A zero width joiner
    (U+200D) between two emoji is kept, so an emoji sequence (👩 ZWJ 💻) shows as its one glyph;
    anywhere else it is escaped (``\u200d``), as it would be invisible. So are the tag
    characters of a flag of a region (🏴 then ``gbeng`` in tags and a cancel tag: England's).

    Example:
        >>> printable("a\x1bb"), printable("a\u200db"), printable("👩\u200d💻") == "👩\u200d💻"
        ('a\\x1bb', 'a\\u200db', True)
    """
    text = str(token)
    tags = _flag_tags(text)
    return "".join(
        c
        if c.isprintable()
        or (c == _ZWJ and 0 < i < len(text) - 1 and _emoji(text[i - 1]) and _emoji(text[i + 1]))
        or i in tags
        else repr(c)[1:-1]
        for i, c in enumerate(text)
    )


def _flag_tags(text: str) -> set[int]:
    """The positions of the tag characters that make a black flag (U+1F3F4) the flag of a
    region: tags U+E0020-E007E after it, ended by a cancel tag (U+E007F); other tag
    characters are invisible and escaped."""
    kept: set[int] = set()
    for start in (i for i, c in enumerate(text) if c == "\U0001f3f4"):
        end = start + 1
        while end < len(text) and "\U000e0020" <= text[end] <= "\U000e007e":
            end += 1
        if end > start + 1 and end < len(text) and text[end] == "\U000e007f":
            kept.update(range(start + 1, end + 1))
    return kept


# the blocks that hold the emoji of ZWJ sequences: the pictographs (U+1F000-1FAFF, flags'
# letters and skin tones too), the miscellaneous symbols and dingbats (❤ ♀ ⚕ ✈, U+2600-27BF)
# and the arrows and shapes of U+2B00-2BFF (⬛)
_EMOJI_BLOCKS = (("\U0001f000", "\U0001faff"), ("\u2600", "\u27bf"), ("\u2b00", "\u2bff"))
# the arrows of U+2190-21FF that are emoji (↔ ↕ ↖ ↗ ↘ ↙ ↩ ↪): 🙂 ZWJ ↕ FE0F is a head shaking
# vertically, 🙂 ZWJ ↔ FE0F horizontally (↔ is a math symbol, "Sm", not "So")
_EMOJI_ARROWS = (("\u2194", "\u2199"), ("\u21a9", "\u21aa"))
# the narrow characters outside those blocks that have an emoji presentation (Unicode's
# emoji-variation-sequences): # * 0-9 (keycaps), © ® ‼ ⁉ ™ ℹ, ⌚ ⌨ ⏏ ⏩-⏳ ⏸-⏺, Ⓜ,
# ▪ ▫ ▶ ◀ ◻-◾, ⤴ ⤵, 〰 〽 ㊗ ㊙; after any other letter or sign (a, é, ─) U+FE0F changes nothing
_PRESENTABLE = (
    ("#", "#"),
    ("*", "*"),
    ("0", "9"),
    ("\u00a9", "\u00a9"),
    ("\u00ae", "\u00ae"),
    ("\u203c", "\u203c"),
    ("\u2049", "\u2049"),
    ("\u2122", "\u2122"),
    ("\u2139", "\u2139"),
    ("\u231a", "\u231b"),
    ("\u2328", "\u2328"),
    ("\u23cf", "\u23cf"),
    ("\u23e9", "\u23f3"),  # not the small triangles ⏴ ⏵ ⏶ ⏷ between, which have none
    ("\u23f8", "\u23fa"),
    ("\u24c2", "\u24c2"),
    ("\u25aa", "\u25ab"),
    ("\u25b6", "\u25b6"),
    ("\u25c0", "\u25c0"),
    ("\u25fb", "\u25fe"),
    ("\u2934", "\u2935"),
    ("\u3030", "\u3030"),
    ("\u303d", "\u303d"),
    ("\u3297", "\u3297"),
    ("\u3299", "\u3299"),
)


def _emoji(c: str) -> bool:
    """Whether ``c`` can be a part of an emoji ZWJ sequence on either side of a joiner: a
    symbol of an emoji block (👩, 💻, and narrow ones such as ❤ ♀ ⚕) or an emoji arrow (↕;
    not a letter, so two CJK characters with a joiner between them show it, nor another
    symbol, such as a box drawing ─ or ©), an emoji presentation selector (U+FE0F) or a skin
    tone."""
    if c == "\ufe0f" or "\U0001f3fb" <= c <= "\U0001f3ff":
        return True
    if any(lo <= c <= hi for lo, hi in _EMOJI_ARROWS):
        return True
    return unicodedata.category(c) == "So" and any(lo <= c <= hi for lo, hi in _EMOJI_BLOCKS)


def _presentable(c: str) -> bool:
    """Whether U+FE0F after the narrow character ``c`` draws it as a two-column emoji: a symbol
    of an emoji block (❤ ☺ ✈), an emoji arrow (↔) or one of :data:`_PRESENTABLE` (™ #)."""
    return _emoji(c) or any(lo <= c <= hi for lo, hi in _PRESENTABLE)


def _columns(text: str) -> int:
    """The terminal columns of ``text``."""
    total = last = glyph = 0  # glyph: the columns of the character being drawn
    joins = False  # a joiner after a wide glyph: the symbol after it is drawn into that glyph
    base = ""  # the character being drawn
    for c in text:
        if c == "\ufe0f":  # emoji presentation: a narrow symbol before it (❤) is drawn two
            # columns wide; a wide one (⭐, 👍), or one a selector widened already, stays two,
            # and a letter (a️, é️), which has no emoji form, stays one
            width = 1 if last == 1 and glyph == 1 and _presentable(base) else 0
            glyph += width
        elif c == _ZWJ:
            width, joins = 0, glyph == 2
        elif unicodedata.category(c) in ("Mn", "Me", "Cf") or "\U0001f3fb" <= c <= "\U0001f3ff":
            width = 0  # combining, zero-width, or a skin tone drawn into the emoji before it
        elif joins and _emoji(c):
            width, joins = 0, False  # 👩 ZWJ 💻: the laptop is drawn into the woman's glyph
        else:
            width = glyph = 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
            joins, base = False, c
        total, last = total + width, width
    return total


def padded(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` terminal columns (``align`` ``"<"`` or ``">"``):
    a wide character (an emoji, a CJK one) takes two columns and a combining or zero-width one
    none, where ``str.ljust`` counted one each and put the columns after it out of line.
    (A terminal's own widths may differ for rarer characters.)

    Example:
        >>> padded("😀", 4, ">") + "|", padded("ab", 4) + "|"
        ('  😀|', 'ab  |')
    """
    columns = _columns(text)
    fill = " " * max(width - columns, 0)
    return fill + text if align == ">" else text + fill


def to_terminal(
    tokens: Sequence[str], relevance: Sequence[float] | np.ndarray | Tensor, *, color: bool = True
) -> str:
    """One line of text with 24-bit ANSI background colours (or ``token(+0.120)`` without; a
    relevance that rounds to ``±0.000`` in scientific notation, ``token(-3.4e-04)``). Control
    characters in a token print as escapes (:func:`printable`).

    Raises:
        TypeError: for a ``color`` that is not a bool (``"no"`` would be truthy), or one str
            as ``tokens`` (split it first).
        ValueError: for a ``relevance`` without a value per token.
    """
    color = as_bool(color, "color")
    values = _values(relevance, _token_count(tokens, relevance))
    vmax = _vmax(values)
    parts = []
    for tok, v in zip(map(printable, tokens), values, strict=True):
        if color:
            r, g, b = colour(float(v), vmax)
            fr, fg, fb = _ink((r, g, b))
            parts.append(f"\x1b[48;2;{r};{g};{b}m\x1b[38;2;{fr};{fg};{fb}m{tok}\x1b[0m")
        else:
            parts.append(f"{tok}({_short(float(v))})")
    return " ".join(parts)


def terminal_legend(
    tokens: Sequence[str], relevance: Sequence[float] | np.ndarray | Tensor, explained: str
) -> str:
    """The key to :func:`to_terminal`'s colours, for the line under it: what red and blue mean
    and the ``|relevance|`` at which they are full, ``red: for positive, blue: against (full
    at ±2.31)``.

    Raises:
        ValueError: for a ``relevance`` without a value per token.
    """
    vmax = _vmax(_values(relevance, _token_count(tokens, relevance)))
    return f"red: for {printable(explained)}, blue: against (full at ±{vmax:.3g})"


def _title(value: float) -> str:
    """4 decimals (``+0.0322``), or 3 significant digits where those would read ``±0.0000``
    (``-5.41e-05``), as the command line prints relevances."""
    return f"{value:+.4f}" if value == 0 or 1e-3 <= abs(value) < 1e5 else f"{value:+.2e}"


def _short(value: float) -> str:
    """3 decimals (``+0.186``), or 2 significant digits where those would read ``±0.000``
    (``-3.4e-04``): a small relevance is not shown as none."""
    return f"{value:+.3f}" if value == 0 or abs(value) >= 5e-4 else f"{value:+.1e}"

"""Small argument checks shared by the estimators."""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import functools
import importlib.util
import inspect
import math
import numbers
import os
import re
import reprlib
import shlex
import shutil
import sys
import unicodedata
import urllib.parse
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from fractions import Fraction
from pathlib import Path, PurePath
from typing import Any, ParamSpec, TypeVar

import numpy as np

from lstmkit._gathered import warned_at
from lstmkit._interrupts import waiting_caller
from lstmkit._remedies import meant_word

_P = ParamSpec("_P")
_R = TypeVar("_R")

_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep


def user_stacklevel() -> int:
    """The ``stacklevel`` for a ``warnings.warn`` in the calling function that points at the
    first frame outside lstmkit: the user's line, however deep in the package the warning is
    (a decorator's wrapper over one of lstmkit's functions counted as lstmkit's:
    :func:`_inside`)."""
    frame, inner = sys._getframe(1), None
    level = 1
    while frame is not None and _inside(frame, inner):
        frame, inner = frame.f_back, frame
        level += 1
    return level


# The files of the decorators whose wrapper's frame lies over one of lstmkit's functions
# (``@torch.no_grad()`` on SentimentPredictor._predicted and on the public predict_proba):
# not the user's line.
_WRAPPERS = (os.sep + "contextlib.py", os.path.join(os.sep + "torch", "utils", "_contextlib.py"))


def _inside(frame: Any, inner: Any = None) -> bool:
    """Whether ``frame`` is lstmkit's, or a decorator's wrapper that called ``inner``, the
    frame just inside it, of lstmkit's: the wrapper of a public method (``@torch.no_grad()``
    on ``SentimentPredictor.predict_proba``) is called from the user's line, and a warning
    there pointed at torch/utils/_contextlib.py."""
    if frame.f_code.co_filename.startswith(_PACKAGE):
        return True
    return (
        inner is not None
        and frame.f_code.co_filename.endswith(_WRAPPERS)
        and inner.f_code.co_filename.startswith(_PACKAGE)
    )


def _outside(frame: Any) -> Any:
    """The first frame from ``frame`` outward that is not lstmkit's (:func:`_inside`), the
    user's; in the thread that :func:`~lstmkit._interrupts._interruptible` runs a call in,
    whose own stack ends in :mod:`threading`'s frames, the one outside the frame waiting for
    it (a warning of ``predictor.predict(long_text)`` pointed at threading.py)."""
    frame = _past_lstmkit(frame)
    caller = waiting_caller.get()
    if caller is not None and (frame is None or frame.f_globals.get("__name__") == "threading"):
        # (a caller that has returned, its wait stopped by Ctrl-C, has no frames outward: None)
        return _past_lstmkit(caller)
    return frame


def _past_lstmkit(frame: Any) -> Any:
    """``frame`` or the first frame outward from it that is not lstmkit's (:func:`_inside`)."""
    inner = None
    while frame is not None and _inside(frame, inner):
        frame, inner = frame.f_back, frame
    return frame


def warn_at_user(message: str, category: type[Warning] = UserWarning) -> None:
    """``warnings.warn(message, category)`` at the user's line (:func:`_outside`), also from
    the thread of an interruptible call, where no ``stacklevel`` reaches it."""
    frame = _outside(sys._getframe(1))
    if frame is None:  # no frame outside lstmkit at all
        warnings.warn(message, category, stacklevel=2)
        return
    where = frame.f_globals
    warnings.warn_explicit(
        message,
        category,
        frame.f_code.co_filename,
        frame.f_lineno,
        module=where.get("__name__", "<string>"),
        registry=where.setdefault("__warningregistry__", {}),
    )  # no module_globals, as warnings.warn passes none (__main__ of stdin: an ImportError)


# The warnings of the fit a loop makes at one of its steps (a backtest's origin), gathered as
# (kind, message) to be shown once per kind when it ends (see warn_gathered); None: each is
# shown as it comes. A context variable, so that a backtest in one thread gathers nothing of a
# fit in another.
gathering: ContextVar[list[tuple[str, str]] | None] = ContextVar("lstmkit_gathering", default=None)


def warn_user(message: str, kind: str | None = None) -> None:
    """A ``UserWarning`` at the user's line, or gathered while a loop gathers them. ``kind``
    names what the warning is about (the same covariate, the same interval level), so that
    messages differing only in their counts are one warning; by default the message itself."""
    gathered = gathering.get()
    if gathered is not None:
        gathered.append((message if kind is None else kind, message))
    else:
        warn_at_user(message)


def warn_gathered(origins: list[list[tuple[str, str]]]) -> None:
    """Warn once of each kind of warning that the fits at a backtest's ``origins`` gathered
    (:func:`warn_user`, one list per origin), saying at how many of them: one per origin, the
    same warning 20 times over, hid the rest."""
    kinds: dict[str, list[str]] = {}  # a kind: its first message at each origin that warned it
    for gathered in origins:
        first: dict[str, str] = {}
        for kind, message in gathered:
            first.setdefault(kind, message)
        for kind, message in first.items():
            kinds.setdefault(kind, []).append(message)
    for same in kinds.values():
        message = same[0]
        if len(same) > 1:
            which = "" if len(set(same)) == 1 else ", this at the first"
            message += warned_at(len(same), len(origins), which)
        warn_at_user(message)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_finite(value: Any) -> bool:
    """``math.isfinite(value)``, False for an int past a float's range: ``lr=10**400`` passed
    ``0 < lr < math.inf`` and failed in the optimizer ("int too large to convert to float"),
    or in ``math.isfinite`` itself.

    Example:
        >>> is_finite(10**30), is_finite(10**400), is_finite(float("inf"))
        (True, False, False)
    """
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def numpy_hint(value: Any, ok: Callable[[Any], bool] | None = None) -> str:
    """What to do about a numpy scalar a config refused, the end of its message: `` (give a
    Python number: float(x))`` for a numpy number that is no Python one (``np.float32(0.01)``)
    and that ``ok`` accepts as one (no hint without ``ok``: a field that wants no number),
    or a 0-d array or tensor holding one (``np.array(0.01)``, as :func:`refused_type` tells
    the nn layers); `` (give a Python bool: bool(x))`` for a 0-d array or tensor holding a
    bool where no ``ok`` says a number is wanted; else ``""``. Their messages ("must be a
    positive number, got np.float32(0.01)") read as a contradiction. Numpy's own bools get
    none: every bool field takes them (:func:`python_bools`), and a number field refuses them
    as it refuses True (``lr=np.True_``)."""
    if ok is None and getattr(value, "ndim", None) == 0:  # np.array(True), torch.tensor(True)
        return _held_hint(value, bool)
    # only where a number is wanted (``ok`` given): for ``progress=np.int64(1)`` float(x) is
    # refused too; and only real ones, which ``ok`` can compare (a complex one failed in it)
    real = isinstance(value, np.integer | np.floating) and not isinstance(value, np.timedelta64)
    if ok is not None and real and not isinstance(value, int | float) and ok(value.item()):
        return " (give a Python number: float(x))"
    # a 0-d array or tensor of a good number (lr=np.array(0.01)): as the nn layers tell it
    if ok is not None and _held_hint(value, float) and ok(value.item()):
        return " (give a Python number: float(x))"
    return ""


_NUMPY_1 = np.lib.NumpyVersion(np.__version__) < "2.0.0"


def exact_number(value: Any) -> Any:
    """``value`` as a Python ``int`` or ``float`` where it is a numpy real scalar that one
    holds exactly, else ``value`` as it is: where a Python float is taken, a numpy one is too
    (``predict(interval=np.float32(0.9))`` was refused, "give a Python number"). A float16 or
    float32 is the number numpy writes for it (``np.float32(0.9)`` -> 0.9, as a refusal shows
    it, :func:`plain_repr`; its widening, 0.8999999761581421, was an "89.9999976158%
    interval"). A ``np.longdouble`` no float holds is left as it is (refused with that hint),
    and so are bools and durations, which are no numbers here.

    Example:
        >>> exact_number(np.float32(0.9)), exact_number(np.int64(3)), exact_number("0.5")
        (0.9, 3, '0.5')
        >>> type(exact_number(np.float64(0.5))).__name__, exact_number(np.True_) is np.True_
        ('float', True)
    """
    if isinstance(value, np.integer) and not isinstance(value, np.timedelta64):
        return int(value)
    if isinstance(value, np.float16 | np.float32):
        return float(str(value))  # numpy's shortest digits that read back as this value
    if isinstance(value, np.floating):
        number = float(value)
        if number == value or math.isnan(number):
            return number
    return value


def python_scalar(x: Any) -> Any:
    """``x`` as a Python scalar where it is a numpy one (``3``, not ``np.int64(3)``; ``'b'``,
    not ``np.str_('b')``), else ``x`` as it is: a label or value as the user wrote it."""
    return x.item() if isinstance(x, np.generic) else x


def _clipped(text: str, most: int) -> str:
    """``text``, cut to ``most`` characters with ``...`` at its end where it is longer, as a
    refusal quotes a value or a file's line."""
    return text if len(text) <= most else text[: most - 3] + "..."


def value_repr(value: Any) -> str:
    """``repr(value)``, a numpy scalar as numpy 2 writes it on numpy 1 too: numpy 1 wrote
    ``np.float32(0.01)`` as ``0.01`` and ``np.True_`` as ``True``, so that a message saying
    "got 0.01 (give a Python number: float(x))" hid what was wrong.

    A plain list or tuple of them too (``[np.float32(0.9)]``, an interval given as Darts'
    quantiles), as numpy 2's ``repr`` of it writes it.

    Example:
        >>> value_repr(np.float32(0.01)), value_repr(np.True_), value_repr(0.5)
        ('np.float32(0.01)', 'np.True_', '0.5')
        >>> value_repr([np.float32(0.9)]), value_repr((np.int64(1),))
        ('[np.float32(0.9)]', '(np.int64(1),)')

    A pandas DataFrame or Series on one line, by its shape and columns (its repr, many lines
    of its values, broke a one-line message, ``got    a    b\\n0  1  4.0 ...``):

        >>> import pandas as pd
        >>> value_repr(pd.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.0, 6.0]}))
        "a DataFrame of shape (3, 2), columns ['a', 'b']"
        >>> value_repr(pd.Series([1, 2], name="y"))
        "a Series of 2 values, name 'y'"
    """
    table = _table_repr(value)
    if table is not None:
        return table
    if (large := _large_int(value)) is not None:
        return large
    # item by item, on both numpys: numpy 1 wrote its scalars in them as plain numbers, and an
    # int past 20 digits is written short (as alone; its repr fails past 4,300 digits:
    # ForecasterConfig(interval=[10**5000]) failed in its own message), nested ones too
    if type(value) in (list, tuple):
        inner = ", ".join(value_repr(item) for item in value)
        if type(value) is list:
            return f"[{inner}]"
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if not _NUMPY_1 or not isinstance(value, np.generic):
        return repr(value)
    if isinstance(value, np.bool_):
        return f"np.{bool(value)}_"
    if isinstance(value, np.datetime64 | np.timedelta64):
        return "np." + repr(value).removeprefix("numpy.")
    if isinstance(value, np.longdouble):
        return f"np.longdouble({str(value)!r})"
    text = repr(value)
    if isinstance(value, np.complexfloating) and text.startswith("("):
        text = text[1:-1]  # numpy 1: (0.01+0j)
    name = value.dtype.name if isinstance(value, np.number) else type(value).__name__
    return f"np.{name}({text})"


def plain_repr(value: Any, number: bool | Callable[[Any], bool] = False) -> str:
    """What came, as a refusal shows it: the one policy of every message that quotes a value.

    A refusal of a VALUE (out of range, negative, not integral) shows the value plainly, as the
    user thinks of it: a numpy integer or float as the number it holds (``-3``, not
    ``np.int64(-3)``; ``0.1``, not ``np.float32(0.1)`` nor float32's 0.10000000149011612), as
    numpy 1 and 2 both write it with ``str``. A refusal of a TYPE shows the type, so that the
    user sees what is wrong: a numpy bool where a number is wanted (``np.True_``, not
    ``True``), a float where an int is (``np.float64(2.5)``), text (``'4'``), anything else
    as :func:`value_repr` writes it (an int of more than 20 digits shortened, a table by its
    shape). ``{value!r}`` wrote ``5`` on numpy 1 and ``np.int64(5)`` on numpy 2.

    Args:
        value: what came.
        number: what the argument takes. False: integers (numpy's too), which a float is not
            (``2.5`` for a count is refused for its type). True: any real number, refused
            for its value. A function: any real number whose value it takes (as
            :func:`numpy_hint`'s ``ok``): a numpy number whose value it takes was refused for
            its type (``lr=np.float32(0.01)``, told "give a Python number") and is shown with
            it.

    Example:
        >>> plain_repr(np.int64(-3)), plain_repr(np.float64(2.5)), plain_repr("4")
        ('-3', 'np.float64(2.5)', "'4'")
        >>> plain_repr(np.float32(-0.1), lambda v: v > 0), plain_repr(np.True_, True)
        ('-0.1', 'np.True_')
        >>> plain_repr(np.float32(0.01), lambda v: v > 0), plain_repr(np.float32(0.1), True)
        ('np.float32(0.01)', '0.1')
        >>> plain_repr(np.uint64(2**64 - 1)), plain_repr(-(10**30))
        ('18446744073709551615', '-1e+30 (an int of 31 digits)')
    """
    if isinstance(value, np.bool_):  # a bool is no number, nor a numpy one
        return value_repr(value)
    typed = callable(number) and isinstance(value, np.generic) and _real_ok(value, number)
    count = as_int(value)
    if count is not None and not typed:
        return value_repr(count)
    if isinstance(value, np.floating) and number is not False and not typed:
        return str(value)
    return value_repr(value)


def _real_ok(value: np.generic, ok: Callable[[Any], bool]) -> bool:
    """Whether ``ok`` takes the real number a numpy scalar holds (False for any other)."""
    if not isinstance(value, np.integer | np.floating):
        return False
    try:
        return bool(ok(value.item()))
    except (TypeError, ValueError, OverflowError):
        return False


def _large_int(value: Any) -> str | None:
    """An int of more than 20 digits, past torch's int64 and numpy's uint64 (a Python int), as
    a message shows it: as the configs write a float of that size (``1e+30``), told an int:
    its first 3 digits, its exponent and its length, ``1e+30 (an int of 31 digits)``; None
    for any other value, whose digits are shown as they are (``2**63`` as
    9223372036854775808, beside the limit 9223372036854775807 that refuses it). In full,
    ``epochs=10**30`` was told 31 digits to count, and an int of more than 4,300 digits
    (Python's limit on int-to-str) failed in the message itself ("Exceeds the limit (4300
    digits) for integer string conversion").

    Example:
        >>> _large_int(10**30), _large_int(-(2**70)), _large_int(10**5000)
        ('1e+30 (an int of 31 digits)', '-1.18e+21 (an int of 22 digits)', \
'1e+5000 (an int of 5001 digits)')
        >>> _large_int(2**63), _large_int(-(10**19)), _large_int(True), _large_int(1e30)
        (None, None, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    number = int(value)
    size = abs(number)
    if size < 10**20:
        return None
    exponent = int(math.log10(size))  # a float's log of an int this large is off by one at most
    if 10**exponent > size:
        exponent -= 1
    elif 10 ** (exponent + 1) <= size:
        exponent += 1
    lead = size // 10 ** (exponent - 2)  # the first 3 digits (cut, not rounded: 9.99e+30 stays)
    sign = "-" if number < 0 else ""
    return f"{sign}{lead / 100:g}e+{exponent:02d} (an int of {exponent + 1} digits)"


def _table_repr(value: Any) -> str | None:
    """A pandas DataFrame or Series as :func:`value_repr` writes it, on one line; else None
    (pandas is not imported for it: the class is told by its name and module)."""
    kind = type(value).__name__
    if not type(value).__module__.startswith("pandas") or kind not in ("DataFrame", "Series"):
        return None
    if kind == "Series":
        name = python_scalar(value.name)
        named = "" if name is None else f", name {name!r}"
        return f"a Series of {len(value)} value{plural_s(len(value))}{named}"
    columns = [python_scalar(c) for c in value.columns[:6]]
    shown = repr(columns[:5])[:-1] + (", ...]" if len(columns) > 5 else "]")
    return f"a DataFrame of shape {value.shape}, columns {shown}"


def typed_repr(value: Any, shown: str | None = None) -> str:
    """What came, as a refusal of its type shows it: its type and :func:`value_repr`
    (``int 2``, ``str 'yes'``), a numpy scalar by its repr alone, which names its type
    (``np.int64(1)``, where ``int64 np.int64(1)`` said it twice), and None alone (``NoneType
    None`` said it twice). ``shown``, where given, is
    the value as the message abridges it (``reprlib.repr`` of a long list) in place of
    :func:`value_repr`; a numpy scalar is still shown whole.

    Example:
        >>> typed_repr(2), typed_repr("yes"), typed_repr(np.int64(1)), typed_repr(None)
        ('int 2', "str 'yes'", 'np.int64(1)', 'None')
        >>> typed_repr(list(range(9)), "[0, 1, 2, ...]"), typed_repr(np.str_("a"), "...")
        ('list [0, 1, 2, ...]', "np.str_('a')")
    """
    if value is None or isinstance(value, np.generic):
        return value_repr(value)
    table = _table_repr(value)  # names its type: "DataFrame a DataFrame of ..." said it twice
    if table is not None:
        return table
    return f"{type(value).__name__} {value_repr(value) if shown is None else shown}"


def progress_problems(progress: object) -> list[str]:
    """The message for a config's ``progress`` that is not True, False or None (else none):
    numpy's bools are taken, as :func:`python_bools` takes them."""
    if progress is None or isinstance(progress, bool | np.bool_):  # not 1 or 0, which equal
        return []  # True/False
    return [
        f"`progress` must be True, False or None, got {value_repr(progress)}{numpy_hint(progress)}"
    ]


def show_progress(progress: bool | None) -> bool:
    """Whether a config's ``progress`` shows a bar: as given, or with ``None`` (the default of
    every lstmkit config) when stderr is a terminal, or a Jupyter notebook that can draw the
    bar as a widget (ipywidgets installed)."""
    if progress is not None:
        return bool(progress)
    if sys.stderr is None:
        return False
    if type(sys.stderr).__module__.startswith("ipykernel."):  # a notebook's output area
        return importlib.util.find_spec("ipywidgets") is not None
    return bool(sys.stderr.isatty())


def progress_bar(progress: bool | None, **kwargs: Any) -> Any:
    """A tqdm bar (``tqdm(**kwargs)``), drawn when :func:`show_progress` says so: a widget in a
    Jupyter notebook with ipywidgets, text on stderr elsewhere. Close it in a ``finally`` (or
    use it in a ``with``), so that an error or a Ctrl-C does not leave it open.

    tqdm is imported only for a bar that is drawn: ``tqdm.auto`` warns ("IProgress not found.
    Please update jupyter and ipywidgets") when it is imported in a notebook without
    ipywidgets, which every notebook importing lstmkit showed, bar or not. A bar asked for
    there (``progress=True``) is drawn as text, without that warning. Where there is no stderr
    to draw on (``sys.stderr`` None, as under pythonw), no bar is drawn, even when asked for:
    tqdm failed there ("'NoneType' object has no attribute 'write'").
    """
    if not show_progress(progress) or kwargs.get("file", sys.stderr) is None:
        from tqdm.std import tqdm as plain

        return plain(disable=True, **kwargs)
    from tqdm.std import TqdmWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TqdmWarning)
        from tqdm.auto import tqdm

    return tqdm(**{**_unsized_terminal(kwargs.get("file", sys.stderr)), **kwargs})


@contextmanager
def above_bars(stream: Any, *, nolock: bool = False) -> Iterator[None]:
    """What the block writes to ``stream`` (a log line) printed above the progress bars drawn
    there, or on the other of stdout and stderr (one terminal): tqdm clears them before and
    draws them again after, as its ``tqdm.write`` does. Written as it came, a line ran on from
    the end of a bar's (``fit:  20%|██  | 2/10 [...]INFO early stop after epoch 53``), and the
    bar's next draw began on the line below. Nothing more where no bar is drawn. ``nolock``:
    tqdm's lock not held around the block, for a block that calls logging handlers (see
    :func:`lstmkit._pool._log_again`), whose own locks come before tqdm's where a handler
    writes with tqdm; it is taken to clear the bars and to draw them again (walked without
    it, the bars changed under another thread's new one: "Set changed size during
    iteration")."""
    std = sys.modules.get("tqdm.std")  # imported for the first bar (see progress_bar)
    if std is None or stream is None or not getattr(std.tqdm, "_instances", None):
        yield
        return
    if not nolock:
        with std.tqdm.external_write_mode(file=stream):
            yield
        return
    # as external_write_mode clears and draws them, each under the lock, the block outside it
    mixed = (sys.stdout, sys.stderr)  # one terminal
    with std.tqdm.get_lock():
        cleared = [
            bar
            for bar in list(std.tqdm._instances)
            if hasattr(bar, "start_t")
            and (bar.fp == stream or all(f in mixed for f in (bar.fp, stream)))
        ]
        for bar in cleared:
            bar.clear(nolock=True)
    yield
    with std.tqdm.get_lock():
        for bar in cleared:
            bar.refresh(nolock=True)


def _unsized_terminal(file: Any) -> dict[str, int]:
    """tqdm's ``ncols`` and ``nrows`` where the bar's ``file`` is a terminal that reports no
    size (0 × 0: a pseudo-terminal nobody sized, as ``script`` and some CI runners open):
    tqdm read it as -1 × -1 and drew nothing but the newline that ends a bar, a stray blank
    line. The size then comes from ``COLUMNS`` and ``LINES``, else 80 × 24 (a width or
    height the terminal does report, 100 × 0, is kept); elsewhere ``{}``, tqdm's own."""
    try:
        if not file.isatty():  # a notebook's stream can hand out the kernel's terminal's fd
            return {}
        size = os.get_terminal_size(file.fileno())
    except (AttributeError, ValueError, OSError):  # no stderr, a notebook's, not a terminal
        return {}
    if size.columns > 0 and size.lines > 0:
        return {}
    fallback = shutil.get_terminal_size()  # a size the terminal does report is kept
    return {"ncols": size.columns or fallback.columns, "nrows": size.lines or fallback.lines}


def python_bools(config: Any, *names: str) -> None:
    """The fields ``names`` of the frozen dataclass ``config`` that hold numpy's bools
    (``np.True_``, what a comparison of numpy values or a DataFrame's cell gives) stored as
    Python's, as numpy integers are stored as ints (:func:`as_int`), so that the config stays
    JSON-able; they were refused ("`refit` must be True or False, got np.True_"). A 0-d array
    or tensor is no bool, as it is no int: it is refused with what to pass."""
    for name in names:
        value = getattr(config, name)
        if isinstance(value, np.bool_):
            object.__setattr__(config, name, bool(value))


def python_numbers(config: Any, *names: str) -> None:
    """The fields ``names`` of the frozen dataclass ``config`` that hold numpy numbers stored
    as Python's (:func:`exact_number`: ``np.float32(0.01)`` -> 0.01), so that every config
    takes what ForecasterConfig takes, and stays JSON-able."""
    for name in names:
        object.__setattr__(config, name, exact_number(getattr(config, name)))


def as_int(value: Any) -> int | None:
    """``value`` as a Python ``int`` if it is an integer of any kind (``int``, ``np.int64``,
    ...) but not a bool; ``None`` otherwise. Not a ``np.timedelta64``, which numpy registers as
    an integer: a duration is no count (``int()`` of one in days failed, "int() argument must
    be ... not 'datetime.timedelta'", where ``horizon=np.timedelta64(3, "D")`` was refused)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool | np.timedelta64):
        return int(value)
    return None


def whole_float_hint(value: Any, low: int = 1, high: float = math.inf) -> str:
    """`` (a whole number as a float: pass int(x))`` for a float that is a whole number
    (``12.0``, ``np.float64(12.0)``) in ``[low, high]``, the end of the refusal of an argument
    that counts, which takes ints alone (the command line reads its text ``12.0`` as 12); else
    ``""``: ``-2.0`` for a positive count is refused for its sign, and ``int(x)`` would be too,
    as ``1e30`` is past :data:`MAX_COUNT` (it was told ``int(x)``, which was refused in turn).
    The one hint of every count check (configs, modules, baselines, windows, seeds).

    Example:
        >>> whole_float_hint(12.0), whole_float_hint(12.5), whole_float_hint(12)
        (' (a whole number as a float: pass int(x))', '', '')
        >>> whole_float_hint(-2.0), whole_float_hint(0.0), whole_float_hint(0.0, low=0)
        ('', '', ' (a whole number as a float: pass int(x))')
        >>> whole_float_hint(1e30)
        ''

    A 0-d array or tensor holding such a count is told ``int(x)`` as the nn layers tell it
    (:func:`_held_hint`): ``ForecasterConfig(hidden_size=np.array(3))`` as
    ``nn.LSTM(4, np.array(3))``.

        >>> whole_float_hint(np.array(3)), whole_float_hint(np.array(0)), whole_float_hint([3])
        (' (give a Python int: int(x))', '', '')
    """
    if getattr(value, "ndim", None) == 0 and not isinstance(value, np.generic):
        held = _held_hint(value, int)
        return held if held and low <= value.item() <= min(high, MAX_COUNT) else ""
    if not isinstance(value, float | np.floating) or not math.isfinite(value):
        return ""
    number = float(value)  # np.float16 <= MAX_COUNT overflowed in numpy's cast, a warning
    if number.is_integer() and low <= number <= min(high, MAX_COUNT):
        return " (a whole number as a float: pass int(x))"
    return ""


def _held(value: Any) -> Any:
    """The Python number a 0-d tensor or array holds (``.item()``); ``None`` for anything else,
    a numpy scalar (taken by the checks, or named by its repr) and a meta tensor included."""
    if getattr(value, "ndim", None) != 0 or isinstance(value, np.generic):
        return None
    try:
        return value.item()
    except (AttributeError, TypeError, ValueError, RuntimeError):  # a meta tensor's
        return None


def held_whole_hint(value: Any, low: int = 1, high: float = math.inf) -> str:
    """What a count check tells a 0-d tensor or array holding a whole number in ``[low,
    high]``: ``int(x)``, which takes it; ``""`` for anything else. ``nn.LSTM(3,
    torch.tensor(4.0))`` was told nothing, where ``nn.LSTM(3, 4.0)`` is told ``int(x)``, and
    ``torch.tensor(-2)`` was told ``int(x)``, whose -2 is refused in turn.

    Example:
        >>> import torch
        >>> held_whole_hint(torch.tensor(4.0)), held_whole_hint(np.array(4))
        (' (a whole number as a float: pass int(x))', ' (give a Python int: int(x))')
        >>> held_whole_hint(torch.tensor(4.5)), held_whole_hint(torch.tensor(-2))
        ('', '')
        >>> held_whole_hint(4)
        ''
        >>> held_whole_hint(np.array(4.0), high=3), held_whole_hint(torch.tensor(True))
        ('', '')
    """
    if (held := _held(value)) is None:
        return ""
    if isinstance(held, float):
        return whole_float_hint(held, low, high)
    if isinstance(held, int) and not isinstance(held, bool) and low <= held <= min(high, MAX_COUNT):
        return " (give a Python int: int(x))"
    return ""


PACKED_SUFFIXES = (".gz", ".zip", ".bz2", ".xz", ".zst", ".tar")
"""The suffixes of a compressed file or an archive (``.tar.gz`` ends in one too), which
:mod:`lstmkit.data` unpacks by them: here, so that a plain file is told apart without pandas."""


MAX_SEED = 2**63 - 1
"""The largest seed torch's generators take (a signed 64-bit integer)."""


def seed_problem(
    seed: object, name: str = "`seed`", members: int = 1, optional: bool = False
) -> str | None:
    """The message, without a full stop, for a seed that is not an integer (numpy integers too,
    bools not) in ``[0, MAX_SEED - members + 1]``; None for a good one. The one check of every
    seed the library and the CLI take.

    Args:
        seed: the value given.
        name: the argument as the caller wrote it: ```seed``` in Python, ``--seed`` on the CLI.
        members: how many consecutive seeds from ``seed`` the run uses (member k of an ensemble
            draws ``seed + k``, and torch takes none above ``MAX_SEED``); more than
            ``MAX_SEED + 1``, refused by its own check, leaves no range to tell and is taken as
            one (``ensemble=10**30`` told "[0, -999999999990776627963145224192]").
        optional: None is taken too (a fresh seed is drawn).

    Example:
        >>> seed_problem(-1, "--seed")
        '--seed must be an integer in [0, 9223372036854775807], got -1'
        >>> seed_problem(2**63 - 2, members=3)[33:]
        '9223372036854775805] with ensemble=3 (member k uses seed + k), got 9223372036854775806'
    """
    value = as_int(seed)
    if not 1 <= members <= MAX_SEED + 1:
        members = 1
    top = MAX_SEED - members + 1
    if (optional and seed is None) or (value is not None and 0 <= value <= top):
        return None
    either = " or None" if optional else ""
    extra = f" with ensemble={members} (member k uses seed + k)" if members > 1 else ""
    got = f"{plain_repr(seed)}{whole_float_hint(seed, 0, top)}"
    return f"{name} must be an integer in [0, {top}]{either}{extra}, got {got}"


MAX_COUNT = MAX_SEED
"""The largest count (epochs, sizes, a horizon) the library takes: torch's int64 holds none
larger, as the CLI's flags say (``--epochs 1e30``)."""


def count_too_large(value: object, name: str) -> str | None:
    """The message, without a full stop, for an integer ``value`` (numpy's too) of the count
    ``name`` (```epochs```) past :data:`MAX_COUNT`, worded as the CLI's flags word it; None for
    any other value, which the count's own check judges: a negative one too, however large
    (``epochs=-10**30`` was told the magnitude limit, where ``epochs=-5`` is told "must be a
    positive integer"; every count is positive, or at least 0). ``epochs=10**30`` failed
    inside tqdm ("cannot convert float infinity to integer"), ``hidden_size=2**70`` in torch's
    C++ ("Overflow when unpacking long long"), ``predict(10**30)`` ran without end.

    Example:
        >>> count_too_large(10**30, "`epochs`")
        "`epochs` must be an integer of magnitude at most 2**63-1 (torch's int64), got 1e+30 \
(an int of 31 digits)"
        >>> count_too_large(2**63 - 1, "`epochs`"), count_too_large("1e30", "`epochs`")
        (None, None)
        >>> count_too_large(-(10**30), "`epochs`") is None
        True
    """
    count = as_int(value)
    if count is None or count <= MAX_COUNT:  # a negative one is told its sign by the check
        return None
    return (
        f"{name} must be an integer of magnitude at most 2**63-1 (torch's int64), "
        f"got {plain_repr(value)}"
    )


def checked_seed(seed: object) -> int:
    """``seed`` as a Python ``int`` in ``[0, MAX_SEED]`` (numpy integers too), or a
    ``ValueError`` naming it: ``torch.manual_seed`` and ``random.Random`` took 1.5, ``"1"`` and
    ``True`` as the seed 1, and ``random.Random`` took None (another draw at every call).
    Text (``"0"``) is the :class:`TextForNumberError` a config's is, told the number it reads
    as (:func:`text_refusal`): ``seed_everything("0")`` was a bare ``ValueError`` where
    ``TrainConfig(seed="0")`` said "(a number, not text: 0)"."""
    value, problem = as_int(seed), seed_problem(seed)
    if value is None or problem is not None:
        raise text_refusal(
            f"{problem}.", {"seed": seed}, lambda read: {k for k in read if seed_problem(read[k])}
        )
    return value


def forecaster_networks(value: object, use: str) -> str:
    """Where a Forecaster came where an ``nn.Module`` is expected: ``": "`` and ``use``, what to
    pass instead (its networks, ``members_``), or the advice to fit it first; where an object
    that holds its network in ``.model`` came (a SentimentPredictor), that; else ``""``.

    lstmkit.forecast is looked up among the imported modules, never imported: a Forecaster's
    caller has imported it. A Forecaster was refused as "got Forecaster" alone, which named
    neither its networks nor :func:`~lstmkit.explain.explain_forecast`.
    """
    forecast = sys.modules.get("lstmkit.forecast")
    if forecast is None or not isinstance(value, forecast.Forecaster):
        # a SentimentPredictor, or a training's result (SentimentResult, CharLMResult), holds
        # its network in `.model`: it was refused as "got SentimentPredictor" alone too
        held = getattr(value, "model", None)
        nn = sys.modules.get("torch.nn")
        if nn is None or not isinstance(held, nn.Module):
            return ""
        return f": its network is its `.model`, a {type(held).__name__}; pass that"
    if value.members_ is None:
        return f": {use}, once it is fitted (its `members_` are None before `fit`)"
    return f": {use}"


def figure_size(figsize: Any) -> str:
    """A ``figsize`` as the advice that refuses it writes it back, ``8, 3`` for ``(8, 3)``:
    the user's own size (the advice showed ``12, 4`` whatever came), matplotlib's example
    ``12, 4`` for what is no pair of positive numbers (``figsize='big'``)."""
    pair = list(figsize) if isinstance(figsize, (tuple, list, np.ndarray)) else []
    if len(pair) != 2 or not all(
        isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in pair
    ):
        return "12, 4"
    sizes = [float(v) for v in pair]
    if not all(math.isfinite(v) and v > 0 for v in sizes):
        return "12, 4"
    return ", ".join(str(int(v)) if v.is_integer() else repr(v) for v in sizes)


def their_arguments(
    owner: str, names: Mapping[str, str | Callable[[Any], str]]
) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """A decorator: the function (``owner``, as messages name it) refuses the keywords of
    ``names``, another library's, with what each is here, and any other keyword it does not
    take with the one it is closest to (``predict(12, intervall=0.9)``: "did you mean
    'interval'?"; else the keywords it takes), all at once, where Python said only "got an
    unexpected keyword argument". A callable in ``names`` is given the keyword's value and
    says what it is here in the user's own terms (``figsize=(8, 3)``: ``(8, 3)``)."""

    def decorate(function: Callable[_P, _R]) -> Callable[_P, _R]:
        params = inspect.signature(function).parameters.values()
        takes = [
            p.name
            for p in params
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name != "self"
        ]
        open_ended = any(p.kind is p.VAR_KEYWORD for p in params)

        @functools.wraps(function)
        def checked(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            named = [key for key in kwargs if key in names]
            typos = [
                key
                for key in kwargs
                if key not in names and key not in takes and key != "self" and not open_ended
            ]
            problems = []
            if named:
                problems.append(
                    f"{owner}() takes no argument {and_list([f'`{k}`' for k in named])}: "
                    + "; ".join(
                        said(kwargs[k]) if callable(said := names[k]) else said for k in named
                    )
                    + "."
                )
            if typos:
                # the keywords it takes, where one typo is close to none of them
                # (intervall=..., quantile=...: quantile was told nothing)
                close = all(difflib.get_close_matches(key, takes, n=1) for key in typos)
                problems.append(
                    unknown_keywords_message(owner, typos, kwargs, frozenset(takes), {})
                    + ("." if close else f"; it takes {and_list(takes)}.")
                )
            if problems:
                raise TypeError(" ".join(problems))
            return function(*args, **kwargs)

        return checked

    return decorate


def and_list(names: list[str], word: str = "and") -> str:
    """``names`` as words: ``a``, ``a and b``, ``a, b and c`` (``word="or"``: ``a, b or c``)."""
    return ", ".join(names[:-1]) + f" {word} " + names[-1] if len(names) > 1 else names[0]


def and_more(total: int, shown: int) -> str:
    """``" and N more"`` after a list that shows ``shown`` of ``total`` items (``" and 3
    more"``), ``""`` where it shows them all: the one place the words are written."""
    return f" and {total - shown:,} more" if total > shown else ""


@contextmanager
def _told(var: ContextVar[Any], value: Any) -> Iterator[None]:
    """``var`` set to ``value`` within the block (and reset on any way out of it)."""
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def plural_s(n: int) -> str:
    """The plural's "s" after a count ``n`` (steps, points, rows): ``""`` for one, else
    ``"s"``; beside :func:`and_more`, the one place it is written."""
    return "" if n == 1 else "s"


def typed_path(path: PurePath | str) -> str:
    """A file's path as the user gave it (``read_csv("data/sales.csv")``, ``--csv
    data/sales.csv``), quoted: ``'data/sales.csv'``, as every message about the file names it,
    not by its name alone, which does not say which of two ``sales.csv`` was read. A path
    that keeps the text it was typed as (``typed``, as the command line's and :func:`as_path`'s
    do) is named by that text: ``./sales.csv``, which ``Path`` writes ``sales.csv``, is
    ``'./sales.csv'``."""
    return repr(_typed_text(path))


def _typed_text(path: PurePath | str) -> str:
    """The text of ``path`` as the user gave it (see :func:`typed_path`)."""
    typed = getattr(path, "typed", None)
    return typed if isinstance(typed, str) else str(path)


def pasted_path(path: PurePath | str) -> str:
    """A path that a message gives to pass (``pass 'data/sales.csv'``), as the caller passes
    it: in Python as :func:`typed_path` names it, a str's repr (``'data\\\\sales.csv'``);
    on the command line quoted as the shell reads it (``'data\\sales.csv'``: the repr, pasted
    into a shell, named a file of two backslashes). A path the message says was given
    (``got the folder 'data'``) stays :func:`typed_path`'s: the value, not a line to paste."""
    from lstmkit._remedies import said_to_caller

    text = _typed_text(path)
    quoted = shlex.quote(text)  # quoted always, as a sentence may end on it ('x.csv'.)
    return said_to_caller(repr(text), quoted if quoted != text else f"'{text}'")


class _CopyOfObject(type(Path())):  # type: ignore[misc]
    """The path of the temporary copy of a file object that :func:`lstmkit.data.read_csv` was
    given (or of what the CLI read from standard input or a pipe), which messages name as the
    object: by its ``.name`` (``'data/sales.csv'``) or, a buffer without one, as
    ``'<StringIO>'``, not by the copy's path, which was never the user's. Its files are read at
    the copy's path (``os.fspath``); ``str`` and ``name`` are what messages show. Here, not in
    :mod:`lstmkit.data`, so that a copy of plain text is made and read without pandas."""

    _shown: str | None = None
    _named: str | None = None

    def __str__(self) -> str:
        return self._shown or super().__str__()

    def __fspath__(self) -> str:
        return super().__str__()

    @property
    def name(self) -> str:
        return self._named or super().name

    @property
    def suffix(self) -> str:  # the copy's, which says how it is packed: not the name's shown
        return Path(os.fspath(self)).suffix

    @property
    def suffixes(self) -> list[str]:
        return Path(os.fspath(self)).suffixes

    def __reduce__(self) -> tuple[type[Path], tuple[str]]:
        # pickled (a refusal sent from a worker) as the path shown: the copy is gone by then
        return Path, (str(self),)


def _is_pipe(path: Path) -> bool:
    """Whether ``path`` is a named pipe (bash's ``<(zcat a.gz)``, ``/dev/fd/63``; ``mkfifo``'s),
    which gives its bytes once; a path that cannot be checked is none."""
    try:
        return path.is_fifo()
    except OSError:
        return False


def as_path(path: object, name: str) -> Path:
    """``path`` (a ``str`` or an ``os.PathLike``) as a ``Path`` with a leading ``~`` expanded to
    the home folder, or a ``TypeError`` naming it as ``name``: ``None`` or a number failed in
    ``Path()`` with "expected str, bytes or os.PathLike object", which named neither the
    argument nor the call.

    Every public path argument goes through it: the shell expands ``~`` on the command line,
    but ``Forecaster.save("~/m")`` created a folder named ``~`` in the working folder. A
    ``~name`` that names no account is left as it is, as the shell leaves it (a file
    ``~data.csv``): ``Path.expanduser`` raised "Could not determine home directory."
    """
    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"{name} must be a str or Path, got {type(path).__name__}.")
    given = _GivenPath(os.path.expanduser(Path(path)))
    # the text passed, which messages echo (:func:`typed_path`): ``Path`` writes "file:///x"
    # as "file:/x", which Python callers were shown where the command line's were shown
    # what they typed; a command-line path keeps what was typed there
    typed = os.path.expanduser(path) if isinstance(path, str) else getattr(path, "typed", None)
    given.typed = typed if isinstance(typed, str) else None
    return given


class _GivenPath(type(Path())):  # type: ignore[misc]
    """A path argument as :func:`as_path` reads it, keeping ``typed``, the text the caller
    passed (``'file:///tmp/a.csv'``, which ``Path`` writes ``'file:/tmp/a.csv'``), for
    messages (:func:`typed_path`); ``None`` for the paths derived from it (``/``,
    ``.parent``), written as ``Path`` writes them."""

    typed: str | None = None


# a URL's scheme as Path leaves it ("https://a/b" is Path "https:/a/b", on Windows
# "https:\\a\\b"); two letters at least, so that a Windows drive ("C:/data.csv") is none
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):[/\\]+(?=[^/\\])")


def not_found(path: PurePath, name: str, local: str = "data.csv") -> FileNotFoundError:
    """The error for a file ``path`` (``name``: its argument or flag) that does not exist; a
    URL is said to be one, written as given: its name was shown as ``'https:/host/a.csv'``,
    as if the file were missing there, where lstmkit reads no network at all, with how to
    download it (as ``local``) in Python or, on the command line, in the shell."""
    read = _url(path)
    if read is None:
        # a flag's file as every other message about it names it, "--csv 'x.csv' ...": "--csv
        # file not found: 'x.csv'." read apart from "--file 'x.txt' not found." (left28)
        if name.startswith("--"):
            return FileNotFoundError(f"{name} {typed_path(path)} not found.")
        return FileNotFoundError(f"{name} file not found: {typed_path(path)}.")
    scheme, url = read
    if scheme == "file":  # file:///tmp/a.csv: the path is there, without the URL
        return FileNotFoundError(
            f"{name} must be a file's path, not a URL, got {typed_path(path)}; pass the path, "
            f"{pasted_path(url)}."
        )
    from lstmkit._remedies import said_to_caller

    # as the caller downloads it: in Python, or in the shell that runs the command
    how = (
        "download it first (e.g. "
        + said_to_caller(
            f"urllib.request.urlretrieve({url!r}, {local!r})",
            f"curl -L -o {local} {shlex.quote(url)}",
        )
        + ")"
        if scheme in ("http", "https", "ftp")
        else "copy it to a local file first"
    )
    return FileNotFoundError(
        f"{name} must be a local file, got the URL {url!r}: lstmkit reads no network; {how} "
        "and pass the file's name."
    )


def folder_given(path: Path, name: str, kind: str, wanted: Callable[[Path], bool]) -> OSError:
    """The error for the folder ``path`` given as ``name`` where a ``kind`` file is read
    (``read_csv(folder)``, ``Vocabulary.load(folder)`` said "`path` file not found" of a
    folder that is there), naming the files in it that ``wanted`` takes: the one to pass, or
    the first of several."""
    if typed_path(path) == "''":  # Path("") is the current folder: no folder was typed
        return FileNotFoundError(f"{name} must name a {kind} file, got ''.")
    try:
        inside = sorted(p for p in path.iterdir() if wanted(p) and p.is_file())
    except OSError:  # a folder that cannot be read: no file in it to name
        inside = []
    text = f"{name} must be a {kind} file, got the folder {typed_path(path)}"
    if len(inside) == 1:
        text += f"; it holds {inside[0].name}: pass {pasted_path(inside[0])}"
    elif inside:
        text += f"; it holds {len(inside)} {kind} files: pass one, e.g. {pasted_path(inside[0])}"
    return IsADirectoryError(text + ".")


def url_folder(path: str | os.PathLike[str], name: str, *, save: bool = False) -> str | None:
    """The message for a model's folder ``path`` (the argument ``name``) given as a URL, which
    does not exist here; None for another path. A save into ``"s3://bucket/m"`` created the
    local folders ``s3:/bucket/m``, a load said "model folder 's3:/bucket/m' does not exist".
    ``path`` as the caller was given it (a ``str``, or a path that keeps its ``typed`` text):
    a ``file:`` URL is echoed as typed, ``'file:///tmp/m'``, which ``Path`` writes
    ``'file:/tmp/m'``."""
    path = path if isinstance(path, (str, PurePath)) else Path(path)
    read = None if Path(path).exists() else _url(path)
    if read is None:
        return None
    scheme, url = read
    if scheme == "file":
        return (
            f"{name} must be a folder's path, not a URL, got {typed_path(path)}; pass the "
            f"path, {pasted_path(url)}."
        )
    how = (
        "save it into a local folder and copy that folder there"
        if save
        else "copy the saved model's folder to this machine first and pass its path"
    )
    return (
        f"{name} must be a local folder, got the URL {url!r}: lstmkit reads and "
        f"writes no network; {how}."
    )


def _url(path: PurePath | str) -> tuple[str, str] | None:
    """``path`` as the URL it was given as (Path leaves ``"https://a/b"`` as ``https:/a/b``):
    its scheme, in lower case, and the URL written out, or for a ``file:`` URL the path it
    holds (:func:`_file_url_path`); None for a path that is no URL."""
    match = _URL_SCHEME.match(str(path))
    if match is None:
        return None
    scheme, rest = match[1].lower(), str(path)[match.end() :].replace("\\", "/")
    return scheme, _file_url_path(rest) if scheme == "file" else f"{match[1]}://{rest}"


def _file_url_path(rest: str) -> str:
    """The path of a ``file:`` URL whose text after ``file:/`` is ``rest``: ``%20`` read as a
    space, the host ``localhost`` as none, a Windows drive (``file:///C:/data/a.csv``) as the
    path's start (``'/C:/data/a.csv'`` and ``'/tmp/my%20data.csv'`` were named: no such paths)."""
    if rest.lower().startswith("localhost/"):
        rest = rest[len("localhost/") :]
    rest = urllib.parse.unquote(rest)
    if re.match(r"[A-Za-z][:|]/", rest):  # file:///C:/a.csv, or the older file:///C|/a.csv
        return f"{rest[0]}:{rest[2:]}"
    return f"/{rest}"


# The first bytes of files often passed where text is read that are not text, by what they are:
# a PNG (a run's own forecast.png, beside its forecast.csv), a JPEG and a PDF
_NOT_TEXT_FILES = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"%PDF-": "a PDF document",
}


def not_text_file(data: bytes) -> str | None:
    """What the file whose bytes begin ``data`` is, where its signature names one of the
    files often passed for text (:data:`_NOT_TEXT_FILES`); None for any other.

    Example:
        >>> not_text_file(b"%PDF-1.4\\n"), not_text_file(b"date,value")
        ('a PDF document', None)
    """
    return next((kind for sig, kind in _NOT_TEXT_FILES.items() if data.startswith(sig)), None)


def not_utf8(data: bytes, start: int) -> str:
    """Where a file's bytes ``data`` stop being UTF-8 (at byte ``start``, as a
    ``UnicodeDecodeError`` gives it), which encoding the file likely has, and what to do: the
    end of a message that begins "... must be UTF-8 text, ". Lines end at ``\\n``, ``\\r\\n``
    or ``\\r``, as an editor numbers them. A file that begins with a UTF-16 byte-order mark
    (Excel's "Unicode Text", Windows PowerShell 5's `>`) is said to be UTF-16, with how to save
    it as UTF-8; any other byte is likely Latin-1 or Windows-1252 (Excel's "CSV", Notepad's
    "ANSI"). UTF-32's marks, one of which begins with UTF-16's, are named UTF-32; a PNG, JPEG or
    PDF file, by its signature.

    Example:
        >>> print(not_utf8(b"ok\\r\\ncaf\\xe9\\r\\n", 7).replace(", which", ",\\nwhich"))
        got byte 0xe9 on line 2 (byte 4 of the line),
        which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8
    """
    if kind := not_text_file(data):
        # an image or a document passed for text (a run's forecast.png for its forecast.csv):
        # by its signature, which no text begins with (was "a Latin-1 or Windows-1252 file?")
        return f"got {kind} (the file begins with its signature), not text; pass a text file"
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        # UTF-32's (ff fe 00 00 was named UTF-16, 00 00 fe ff Latin-1): no Excel or Notepad
        # save writes it, so only what to save it as
        mark = " ".join(f"0x{b:02x}" for b in data[:4])
        return (
            f"got UTF-32 (it begins with UTF-32's byte-order mark {mark}); save the file as UTF-8"
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # a UTF-16 byte-order mark is no guess (it is never UTF-8): said so, with how to re-save
        mark = " ".join(f"0x{b:02x}" for b in data[:2])
        # Windows PowerShell 5's `>` writes it too (`lstmkit datasets --example promo >
        # promo.csv`, the README's loop), which the message named as Excel's alone
        return (
            f"got UTF-16 (it begins with UTF-16's byte-order mark {mark}, as Excel saves "
            '"Unicode Text" and "CSV UTF-16" and Windows PowerShell 5\'s `>` writes); save the '
            'file as UTF-8 (Excel: Save As, "CSV UTF-8 (Comma delimited)"; Notepad: Save As, '
            "Encoding UTF-8; PowerShell: `| Out-File -Encoding utf8 FILE` in place of `> FILE`)"
        )
    if b"\x00" in data[:1024] and (wide := _wide_encoding(data)) is not None:
        # UTF-16 of Chinese without a byte-order mark, a NUL in each ASCII character (its
        # newlines): its first byte not UTF-8 comes before them, which was said to be Latin-1
        return (
            f"got byte 0x{data[start]:02x} {_place(data, start, wide)}, which is not UTF-8 "
            f"({wide} without a byte-order mark?); save the file as UTF-8"
        )
    return f"got byte 0x{data[start]:02x} {_place(data, start)}, which is not UTF-8 {_EIGHT_BIT}"


# how :func:`not_utf8` ends a guess of a Latin-1 or Windows-1252 file: the CLI adds the command
# that converts it after these words
_EIGHT_BIT = "(a Latin-1 or Windows-1252 file?); save the file as UTF-8"


def nul_byte(data: bytes, start: int) -> str:
    """Where a file's bytes ``data`` hold a NUL byte (at byte ``start``, the first), what the
    file likely is, and what to do: the end of a message that begins "... must be UTF-8 text, ".
    A NUL decodes as UTF-8 (U+0000), but no text file holds one. Where the rest of the file is
    UTF-8 text, the NUL is stray: named by its line and column (in characters), to delete.
    Else the file is UTF-16 or UTF-32 without a byte-order mark (LE or BE, by which order reads
    it as text), a file of NUL bytes only (an empty tar archive, a file never written), or no
    text file (an archive, a program).

    Example:
        >>> said = nul_byte("hi\\r\\nyo".encode("utf-16-le"), 1)
        >>> print(said.replace(", which", ",\\nwhich").replace("; save", ";\\nsave"))
        got a NUL byte (0x00) on line 1 (byte 2 of the line),
        which text does not hold (UTF-16-LE without a byte-order mark?);
        save the file as UTF-8
        >>> nul_byte(b"ok\\nca\\x00fe\\n", 5)
        'got a NUL byte (0x00) at line 2, column 3, in text that is otherwise UTF-8; delete it'
    """
    if not data.strip(b"\x00"):
        likely = "the file holds NUL bytes only: an empty tar archive, or a file never written?"
        wide = None
    elif _otherwise_utf8(data):
        return _stray_nul(data, start)
    elif (wide := _wide_encoding(data)) is not None:
        likely = f"{wide} without a byte-order mark?"
    else:
        likely = "not a text file?"
    return (
        f"got a NUL byte (0x00) {_place(data, start, wide)}, which text does not hold "
        f"({likely}); save the file as UTF-8"
    )


def _stray_nul(data: bytes, start: int) -> str:
    """:func:`nul_byte`'s words for NUL bytes in text otherwise UTF-8, the first at byte
    ``start``: how many, the line and column of the first, and to delete them."""
    line, begins = _line_of(data, start)
    # counted in characters, as an editor counts its columns (the bytes before the NUL are
    # UTF-8: first_nul found it so); a byte-order mark is no character
    column = len(data[begins:start].decode("utf-8").removeprefix("\ufeff")) + 1
    count = data.count(b"\x00")
    found = "a NUL byte (0x00)" if count == 1 else f"{count:,} NUL bytes (0x00), the first"
    return (
        f"got {found} at line {line}, column {column}, in text that is otherwise UTF-8; "
        f"delete {'it' if count == 1 else 'them'}"
    )


# Control characters other than tab, newline, vertical tab, form feed and return: UTF-8 text
# seldom holds them, while UTF-16 text of Greek, Cyrillic or Hebrew, its NULs dropped, is
# full of them (the high byte of each letter, 0x03 to 0x05)
_CONTROLS = re.compile("[\x01-\x08\x0e-\x1f\x7f]")


def _otherwise_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 text but for a few NUL bytes (fewer than one in four bytes:
    UTF-16 text of Latin letters holds one in two, UTF-32 three in four), or for NUL bytes
    that pad its end (as a file written ahead of its text, then cut short, has them)."""
    unpadded = data.rstrip(b"\x00")
    if unpadded.count(b"\x00") * 4 >= len(unpadded):
        return False
    # UTF-16 text of Latin, Greek, Cyrillic, Arabic or Indic letters: each character's high
    # byte is below 0x20, NUL where it is ASCII; Devanagari's 0x09, Gurmukhi's 0x0a, read as
    # tabs and newlines, left UTF-8 text without its few NULs (its spaces' high bytes)
    head = unpadded[: len(unpadded[:1024]) // 2 * 2]
    if any(b"\x00" in half and max(half) < 0x20 for half in (head[0::2], head[1::2])):
        return False
    try:
        text = data.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _CONTROLS.search(text) is None


# UTF-32 first: its text is no UTF-16 text (each character's two high bytes, 0x00, are read
# as U+0000 in UTF-16), while UTF-16's is seldom UTF-32 (beyond U+10FFFF, or U+0000)
_WIDE = ("UTF-32-LE", "UTF-32-BE", "UTF-16-LE", "UTF-16-BE")


def _wide_encoding(data: bytes) -> str | None:
    """The encoding of :data:`_WIDE` in which the first KiB of ``data`` reads as text (no
    U+0000, no control character but whitespace, no unassigned, private or surrogate code
    point), or None. Where both byte orders of UTF-16 read so (Chinese text), the one that
    reads more ASCII (its newlines, spaces and digits) is taken."""
    head = data[:1024]
    found: list[tuple[int, str]] = []
    for encoding in _WIDE:
        try:  # incremental: a character cut at the end of the KiB is left out, not an error
            text = codecs.getincrementaldecoder(encoding)().decode(head)
        except UnicodeDecodeError:
            continue
        if text and all(_is_text(c) for c in text):
            found.append((sum(c < "\x80" for c in text), encoding))
    return max(found, key=lambda f: f[0])[1] if found else None


def _is_text(character: str) -> bool:
    """Whether ``character`` may stand in text: whitespace, or no control character (U+0000
    among them), unassigned, private-use or surrogate code point."""
    return character in "\t\n\r\x0b\x0c" or unicodedata.category(character) not in _NOT_TEXT


# Unicode's categories of control characters, unassigned, private-use and surrogate code points
_NOT_TEXT = frozenset({"Cc", "Cn", "Co", "Cs"})


def utf8_text(data: bytes, name: str) -> str:
    """The bytes ``data`` of a text file decoded as UTF-8 (a byte-order mark at its start
    dropped: no character), or a ``ValueError`` "``name`` must be UTF-8 text, ..." naming its
    first NUL byte (U+0000 in UTF-8, which text does not hold), or else the first byte that is
    not UTF-8, with its line and what to do (:func:`nul_byte`, :func:`not_utf8`).

    Example:
        >>> utf8_text(b"\\xef\\xbb\\xbfok", "'a.txt'")
        'ok'
    """
    if (nul := first_nul(data)) is not None:
        raise ValueError(f"{name} must be UTF-8 text, {nul_byte(data, nul)}.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:  # its position is past the mark, which was dropped
        start = err.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        raise ValueError(f"{name} must be UTF-8 text, {not_utf8(data, start)}.") from None


def text_file(source: Path, name: str) -> str:
    """The text of the file at ``source`` (:func:`utf8_text`; ``name`` names it in messages),
    unpacked where its name's end says it is packed (:data:`PACKED_SUFFIXES`) as read_csv
    unpacks a CSV (:func:`lstmkit.data._unpacked_file`, which imports pandas: a plain file is
    read without it, a third of a second sooner). A plain-named file that is not UTF-8 but
    compressed or an archive is told the suffix that has it unpacked. Standard input and pipes
    come as a copy (:func:`lstmkit.cli.read_once`), unpacked as their bytes begin.

    Raises:
        ValueError: it is not UTF-8 text, or cannot be unpacked, naming it as ``name``.
    """
    if source.suffix.lower() in PACKED_SUFFIXES:
        from lstmkit.data import _one_read, _unpacked_file

        with _one_read():  # a .tar.zst unpacked once, and not kept after the read
            return utf8_text(_unpacked_file(source, name), name)
    data = source.read_bytes()
    try:
        return utf8_text(data, name)
    except ValueError:
        # packed bytes are not UTF-8 (a gzip file's 0x8b, a tar's NUL bytes): told so there
        from lstmkit.data import _unpacked_file

        _unpacked_file(source, name)
        raise


def first_nul(data: bytes) -> int | None:
    """Where the bytes ``data`` of a file read as UTF-8 text hold their first NUL byte, when it
    comes before any byte that is not UTF-8 (that byte is the one to name then, as
    :func:`not_utf8` names it, as UTF-32-BE's byte-order mark, which begins with two NULs);
    None where they hold none.

    Example:
        >>> first_nul(b"ok\\x00"), first_nul(b"ok"), first_nul(b"\\xff\\xfeo\\x00")
        (2, None, None)
    """
    nul = data.find(b"\x00")
    if nul < 0 or data.startswith(codecs.BOM_UTF32_BE):
        return None
    try:  # cut at a NUL, which no multi-byte character holds: any error is a byte before it
        data[:nul].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return nul


def _place(data: bytes, start: int, wide: str | None = None) -> str:
    """``on line L (byte B of the line)`` for byte ``start`` of ``data``, with lines ending at
    ``\\n``, ``\\r\\n`` or ``\\r``, as an editor numbers them; in the characters of the
    encoding ``wide`` (of :data:`_WIDE`) where given: a byte 0x0a or 0x0d of a character
    (Gurmukhi's U+0A..., Malayalam's U+0D..., Thai's U+0E0A) was counted as a line's end
    ("on line 7" of a file of one line)."""
    if wide is not None:
        # its first NUL is in its first line: a line end's character holds a NUL (0x0a, 0x00)
        return f"on line 1 (byte {start + 1} of the line)"
    line, begins = _line_of(data, start)
    return f"on line {line} (byte {start - begins + 1} of the line)"


def _line_of(data: bytes, start: int) -> tuple[int, int]:
    """The line (from 1) that holds byte ``start`` of ``data``, and the byte it begins at."""
    # counted in place: the lines before the byte, split into a list, took seconds and four
    # times the file's size in memory for a 100 MB file with a bad byte near its end
    crlf = data.count(b"\r\n", 0, start)
    line = data.count(b"\n", 0, start) + data.count(b"\r", 0, start) - crlf + 1
    begins = max(data.rfind(b"\n", 0, start), data.rfind(b"\r", 0, start)) + 1
    return line, begins


def is_choice(value: Any, choices: Any) -> bool:
    """Whether ``value`` is one of the strings ``choices``: a str first, as ``in`` alone failed
    on a list ("unhashable type: 'list'") or an array of several ("The truth value of an array
    with more than one element is ambiguous") before the refusal that names the value.

    Example:
        >>> is_choice("mean", ("last", "mean")), is_choice(["mean"], ("last", "mean"))
        (True, False)
    """
    return isinstance(value, str) and value in choices


def choice_error(
    value: Any, name: str, choices: tuple[str, ...], expected: str | None = None
) -> TypeError | ValueError:
    """The refusal of ``value`` given for the argument ``name`` that takes one of the words
    ``choices`` (``expected``: how the message words them, else ``one of (...)``): a
    ``TypeError`` for what is no str (``method=5``, ``by=None`` were refused as bad values), a
    ``ValueError`` for an unknown word, with the choice it looks like a slip of (another case,
    a letter off), as the configs' unknown keywords are asked.

    Example:
        >>> choice_error("lrpp", "method", ("lrp", "ig"))
        ValueError("`method` must be one of ('lrp', 'ig'), got 'lrpp' (did you mean 'lrp'?).")
        >>> choice_error(None, "by", ("value", "magnitude"), "'value' or 'magnitude'")
        TypeError("`by` must be a str, 'value' or 'magnitude', got None.")
    """
    problem = choice_problem(value, name, choices, expected)
    return (ValueError if isinstance(value, str) else TypeError)(problem + ".")


def choice_problem(
    value: Any, name: str, choices: tuple[str, ...], expected: str | None = None
) -> str:
    """:func:`choice_error`'s message, without a full stop, for a config that lists it among
    its problems: what is no str is told the type that came (``ForecasterConfig(strategy=5)``
    was told "got 5", as if 5 were a word it lacked), a word the choice it looks like a slip
    of.

    Example:
        >>> choice_problem(5, "strategy", ("direct", "recursive"))
        "`strategy` must be a str, one of ('direct', 'recursive'), got int 5"
        >>> choice_problem("Direct", "strategy", ("direct", "recursive"))
        "`strategy` must be one of ('direct', 'recursive'), got 'Direct' (did you mean 'direct'?)"
    """
    expected = expected or f"one of {choices}"
    if not isinstance(value, str):
        return f"`{name}` must be a str, {expected}, got {typed_repr(value)}"
    return f"`{name}` must be {expected}, got {value!r}{slip_hint(value, choices)}"


def slip_hint(value: str, choices: tuple[str, ...]) -> str:
    """`` (did you mean 'auto'?)`` where the word ``value`` is a slip of one of ``choices``
    (another case, spaces around it, a letter off), else ``""``."""
    meant = meant_word(value, choices)
    return f" (did you mean {meant!r}?)" if meant else ""


def as_bool(value: Any, name: str) -> bool:
    """``value`` as a Python ``bool`` if it is one or numpy's (``np.bool_``, which numpy 2
    names ``bool`` too), or a ``TypeError`` naming ``name`` and what came, its type and value
    (:func:`typed_repr`, abridged): ``"no"`` or ``1`` would be truthy.

    Example:
        >>> as_bool(np.bool_(True), "bias")
        True
    """
    if isinstance(value, bool | np.bool_):
        return bool(value)
    raise TypeError(f"`{name}` must be a bool, got {refused_type(value, bool)}.")


def refused_type(
    value: Any,
    wanted: type[bool] | type[int] | type[float],
    low: int | None = None,
    high: int | None = None,
) -> str:
    """What came, as a refusal of its type that wanted a Python ``wanted`` shows it: its type
    and value (:func:`typed_repr`, abridged by ``reprlib``), and what to pass where it is a 0-d
    tensor or array holding a ``wanted`` (``torch.tensor(0.5)`` for a float, ``np.array(3)``
    for an int, ``torch.tensor(True)`` for a bool), whose value is right and type not. An int
    that the check takes only in ``[low, high]`` (either bound left out: none) and that one
    outside it is told so: ``int(x)`` would be refused next.

    Example:
        >>> import torch
        >>> refused_type(torch.tensor(0.5), float)
        'Tensor tensor(0.5000) (give a Python number: float(x))'
        >>> refused_type(np.array(3), int)
        'ndarray array(3) (give a Python int: int(x))'
        >>> refused_type(torch.tensor(0.5), int), refused_type(list(range(9)), bool)
        ('Tensor tensor(0.5000)', 'list [0, 1, 2, 3, 4, 5, ...]')
        >>> refused_type(torch.tensor(5), int, 0, 1)
        'Tensor tensor(5) (it holds 5, which is outside [0, 1] too)'
    """
    return typed_repr(value, reprlib.repr(value)) + _held_hint(value, wanted, low, high)


def _held_hint(
    value: Any,
    wanted: type[bool] | type[int] | type[float],
    low: int | None = None,
    high: int | None = None,
) -> str:
    """:func:`refused_type`'s hint: ``""`` for anything but a 0-d tensor or array holding a
    ``wanted`` (a numpy scalar is taken by the checks, or named by its repr); for an int out
    of ``[low, high]``, that it is (``layer=torch.tensor(5)`` of a 2-layer LSTM was told
    ``int(x)``, whose 5 is refused in turn)."""
    if (held := _held(value)) is None:
        return ""
    if wanted is bool:
        if isinstance(held, bool):
            return " (give a Python bool: bool(x))"
        return ""
    if isinstance(held, bool):
        return ""
    if wanted is int and isinstance(held, int):
        below, above = low is not None and held < low, high is not None and held > high
        if below or above:  # int(x) refused in turn
            bounds = low is not None and high is not None
            out = (
                f"outside [{low}, {high}]"
                if bounds
                else f"below {low}"
                if below
                else f"above {high}"
            )
            return f" (it holds {held}, which is {out} too)"
        return " (give a Python int: int(x))"
    if wanted is float and isinstance(held, int | float):
        return " (give a Python number: float(x))"
    return ""


def _type_name(kind: type) -> str:
    """``kind`` as a message names it: ``int``, ``numpy.int64``; numpy's bool ``numpy.bool``,
    as numpy 2 names it, on numpy 1 too (which named it ``numpy.bool_``).

    Example:
        >>> _type_name(np.bool_), _type_name(np.float32), _type_name(int)
        ('numpy.bool', 'numpy.float32', 'int')
    """
    if kind is np.bool_:
        return "numpy.bool"
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def positive_int(value: Any, name: str, least: int = 1) -> int:
    """``value`` as an ``int`` >= 1, or an error naming ``name``: a ``TypeError`` for what is
    no number (``None``) or a bool, and for text (``'12'``, the :class:`TextForNumberError` a
    config raises, told the number it reads as), a ``ValueError`` for a number that is no
    positive integer (``0``, ``2.5``, ``12.0``, as the config classes refuse them) or one past
    :data:`MAX_COUNT` (:func:`count_too_large`). ``least=0`` takes 0 too, and its messages
    say "an integer >= 0" (:func:`~lstmkit.data.future_index`'s horizon, of no steps).

    Example:
        >>> positive_int(np.int64(4), "horizon")
        4
        >>> positive_int("4", "horizon")
        Traceback (most recent call last):
        ...
        lstmkit._checks.TextForNumberError: `horizon` must be a positive integer, got '4' (a \
number, not text: 4).
    """
    out = as_int(value)
    expected = "a positive integer" if least == 1 else f"an integer >= {least}"
    if out is None and (isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real)):
        # house style: a wrong type is a TypeError ('12' was a ValueError, as 0 is); text is
        # told the number it reads as, as a config's is ("4" had no hint where
        # ForecasterConfig(horizon="4") said "(a number, not text: 4)")
        held = _held_hint(value, int, least)
        message = f"`{name}` must be {expected}, got {value_repr(value)}{held}."
        if isinstance(value, str | bytes):
            raise text_refusal(message, {name: value}, lambda read: _not_positive(read, least))
        raise TypeError(message)
    if (large := count_too_large(value, f"`{name}`")) is not None:
        raise ValueError(large + ".")  # predict(10**30) ran without end
    if out is None or out < least:
        raise ValueError(
            f"`{name}` must be {expected}, got {plain_repr(value)}{whole_float_hint(value, least)}."
        )
    return out


def _not_positive(read: dict[str, Any], least: int = 1) -> set[str]:
    """The names in ``read`` (a text's name: the number it reads as) whose number
    :func:`positive_int` refuses too, as it decides: no integer, below 1 (``least``), or past
    :data:`MAX_COUNT` (``"1e30"`` was told its number with no word that 10**30 is refused)."""
    refused = set()
    for name, number in read.items():
        try:
            positive_int(number, name, least)
        except ValueError:
            refused.add(name)
    return refused


def percent_hint(value: Any) -> str:
    """`` (a fraction: 0.95 for 95 %)`` for a coverage given in percent (10 <= value < 100, as
    statsforecast's ``level=[80, 95]``), else ``""``: the end of a :func:`level_problem`."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and 10 <= value < 100:
        value = float(value)  # Fraction(50) has no format "g" before Python 3.12
        return f" (a fraction: {value / 100:g} for {value:g} %)"
    return ""


def fraction_hint(
    value: Any, within: str = "[0, 1)", *, counts: bool = False, flag: bool = False
) -> str:
    """What a fraction (``within`` ``"[0, 1)"``, ``"(0, 1)"`` or ``"[0, 1]"``) given as text
    or in percent stands for, the end of its refusal: ``"20%"`` its fraction, ``"150%"`` the
    number it would be, outside the range, ``"0,2"`` its decimal point, a number
    ``10 <= value < 100`` :func:`percent_hint`; else ``""``. ``counts``: a whole number as
    text is told as the count it may be (``time_split``'s ``test="12"``). ``flag``: for a
    command-line flag's text, as ``--interval``'s hint words it (every flag is text).

    Example:
        >>> fraction_hint("20%"), fraction_hint("150%")
        (' (a number, not text: 0.2 for 20 %)', ' (a number, not text: 150 % would be 1.5, \
outside [0, 1))')
        >>> fraction_hint("0,2"), fraction_hint(20), fraction_hint(0.5)
        (' (a number with a decimal point, not text: 0.2)', ' (a fraction: 0.2 for 20 %)', '')
        >>> fraction_hint("20%", flag=True), fraction_hint("0,2", flag=True)
        (' (a fraction: 0.2 for 20 %)', ' (a decimal point: 0.2)')
        >>> fraction_hint("nan"), fraction_hint("-0"), fraction_hint("inf")
        (' (not a number)', ' (a number, not text: 0)', ' (a number, not text)')
    """
    if not isinstance(value, str):
        return percent_hint(value)
    read = _read_text(value, flag)
    if isinstance(read, str):
        return read
    number, percent, comma, lead = read

    def inside(x: float) -> bool:
        low = 0 < x if within.startswith("(") else 0 <= x
        return low and (x <= 1 if within.endswith("]") else x < 1)

    if percent:
        fraction = number / 100
        if inside(fraction):
            return f" ({lead}: {fraction:g} for {number:g} %)"
        said = "" if flag and not comma else f"{lead}: "
        return f" ({said}{number:g} % would be {fraction:g}, outside {within})"
    if inside(number) or (counts and number.is_integer() and number >= 0):
        return f" ({lead}: {number:g})"
    return f" ({lead})"


def _read_text(value: Any, flag: bool = False) -> tuple[float, bool, bool, str] | str:
    """What text given for a number reads as, the first lines of :func:`number_hint` and
    :func:`fraction_hint` alike: ``(number, percent, comma, lead)``, the number (``"-0"`` as
    0), whether it came in percent and with a decimal comma (:func:`_text_number`), and the
    start of the hint, ``a number, not text`` (``a number with a decimal point, not text``
    for a decimal comma; for a command-line ``flag``, whose text is all it gets, ``a
    fraction`` or ``a decimal point``); or the whole hint where no number is to be told: ``""``
    for what is no text or reads as no number, `` (not a number)`` for ``"nan"``.

    Example:
        >>> _read_text("-0"), _read_text("0,2", flag=True), _read_text("nan"), _read_text(5)
        ((0.0, False, False, 'a number, not text'), (0.2, False, True, 'a decimal point'), \
' (not a number)', '')
    """
    read = _text_number(value) if isinstance(value, str) else None
    if read is None:
        return ""
    number, percent, comma = read
    if math.isnan(number):  # "nan" reads as a float, but is no number, let alone a fraction
        return " (not a number)"
    if flag:
        lead = "a decimal point" if comma else "a fraction"
    else:
        lead = "a number with a decimal point, not text" if comma else "a number, not text"
    return number + 0.0, percent, comma, lead  # "-0" is told as 0


def number_hint(value: Any) -> str:
    """What text given for a number reads as, the end of its refusal: ``"0.01"`` the number
    (`` (a number, not text: 0.01)``), ``"0,1"`` its decimal point, ``"nan"`` that it is none,
    ``"1%"`` that a percentage is none here (:data:`NO_PERCENT`); ``""`` for anything else. For
    fields that are no fraction (``lr``, ``epochs``, ``minutes``), of which 1 % stands for no
    number; a fraction's text is told by :func:`fraction_hint`.

    Example:
        >>> number_hint("0.01"), number_hint("0,1"), number_hint(" 5 ")
        (' (a number, not text: 0.01)', ' (a number with a decimal point, not text: 0.1)', \
' (a number, not text: 5)')
        >>> number_hint("1%"), number_hint("nan"), number_hint("abc"), number_hint(0.01)
        (' (a percentage is no number here)', ' (not a number)', '', '')
    """
    read = _read_text(value)
    if isinstance(read, str):
        return read
    number, percent, _, lead = read
    if percent:
        return NO_PERCENT
    if not math.isfinite(number):
        return f" ({lead})"
    return f" ({lead}: {number:g})"


# The end of the refusal of a percentage where a number that is no fraction is taken: 20 % of
# a learning rate, a clipping norm, a number of minutes or epochs stands for no number (it was
# told "(a fraction: 0.2 for 20 %)", as if --lr took it as 0.2).
NO_PERCENT = " (a percentage is no number here)"

# What each kind of decimal flag takes: the words of its refusal, the numbers it takes, and
# the range a fraction's text is told against (None: no fraction).
NUMBER_KINDS: dict[str, tuple[str, Callable[[float], bool], str | None]] = {
    "positive": ("a positive finite number", lambda v: 0 < v < math.inf, None),
    "non-negative": ("a finite number >= 0", lambda v: 0 <= v < math.inf, None),
    "[0, 1)": ("a number in [0, 1)", lambda v: 0 <= v < 1, "[0, 1)"),
    "(0, 1)": ("a number in (0, 1)", lambda v: 0 < v < 1, "(0, 1)"),
    "[0, 1]": ("a number in [0, 1]", lambda v: 0 <= v <= 1, "[0, 1]"),
}


def flag_number_problem(value: float | str, flag: str, kind: str, note: str = "") -> str | None:
    """Why ``value``, a decimal flag's number or the text that is none (as
    :func:`lstmkit.cli.number_or_text` parsed it), is refused, without a closing full stop, or
    ``None``: the one shape of every decimal flag (``--lr``, ``--dropout``, ``--eps``, ...).
    ``kind``: one of :data:`NUMBER_KINDS`; ``note`` follows what is expected (``" (0:
    greedy)"``). What came is shown as typed (``0``, not ``0.0``), text with the number it
    stands for where that is one the flag takes (``'1,5'``: 1.5), NaN said to be none; a
    percentage is told its fraction where the flag takes a fraction (``--dropout``), else that
    it stands for no number (``--lr 20%``, ``--minutes 20%``).

    Example:
        >>> flag_number_problem("1e-3x", "--lr", "positive")
        "--lr must be a positive finite number, got '1e-3x'"
        >>> flag_number_problem(0.0, "--clip", "positive")
        '--clip must be a positive finite number, got 0'
        >>> flag_number_problem("1,5", "--clip", "positive")
        "--clip must be a positive finite number, got '1,5' (a decimal point: 1.5)"
        >>> flag_number_problem(float("nan"), "--lr", "positive")
        '--lr must be a positive finite number, got nan (not a number)'
        >>> flag_number_problem("20%", "--dropout", "[0, 1)")
        "--dropout must be a number in [0, 1), got '20%' (a fraction: 0.2 for 20 %)"
        >>> flag_number_problem("20%", "--lr", "positive")
        "--lr must be a positive finite number, got '20%' (a percentage is no number here)"
    """
    expected, ok, within = NUMBER_KINDS[kind]
    if _is_number(value) and not math.isnan(value) and ok(value):
        return None
    hint = _flag_hint(value, ok, within)
    return f"{flag} must be {expected}{note}, got {_shown(value)}" + hint


def _flag_hint(value: float | str, ok: Callable[[float], bool], within: str | None) -> str:
    """The end of a :func:`flag_number_problem`: `` (not a number)`` for NaN; a fraction's
    :func:`fraction_hint` (``95``: 0.95, ``'20%'``: 0.2); :data:`NO_PERCENT` for a percentage
    given to a flag that takes no fraction; text told the number it stands for where the flag
    takes that number (``'1,5'``: 1.5); else ``""``."""
    if isinstance(value, float) and math.isnan(value):
        return " (not a number)"
    if within is not None:
        return fraction_hint(value, within, flag=True)
    read = _read_text(value, flag=True)
    if isinstance(read, str):
        return read
    number, is_percent, _, lead = read
    if is_percent:  # no share: --lr 20% is no learning rate of 0.2
        return NO_PERCENT
    return f" ({lead}: {number:g})" if ok(number) else ""


class ConfigTypeError(TypeError, ValueError):
    """A config's refusal, listing all its problems at once, where a field was given a value of
    the wrong type: text for a number (:class:`TextForNumberError`) or anything but ``True`` or
    ``False`` for a bool (``refit="yes"``, as :func:`as_bool` refuses it). A ``TypeError``, as
    the house style has it, and a ``ValueError``, as the configs' refusals were before, so code
    that catches that still catches it."""


class TextForNumberError(ConfigTypeError):
    """A config's refusal, listing all its problems at once, where a field that takes a number
    was given text (``dropout="20%"``): a ``TypeError``, as every refusal of text for a number
    is (``time_split(n, test="20%")``, :func:`positive_int`), and a ``ValueError``, as the
    configs' refusals were before, so code that catches that still catches it."""


def config_refusal(message: str, config: Any) -> ValueError:
    """The error a frozen-dataclass ``config`` raises for its gathered problems ``message``:
    :class:`TextForNumberError` where a field annotated ``int`` or ``float`` holds text (not
    one of its ``Literal`` words, ``windows_per_epoch="auto"``), each such problem told the
    number its text reads as (:func:`number_hint`, where it has no hint yet) and, where the
    config's own check refuses that number too (:func:`_refused_too`), that as well;
    :class:`ConfigTypeError` where a field annotated ``bool`` holds no bool (nor ``None`` or a
    word it takes), a field of ``Literal`` words alone holds no str (``strategy=5``), or a
    field annotated ``int`` or ``float`` (and not ``bool``) holds a bool (``hidden_size=True``,
    ``lr=True``) or, where it takes no None, None (``hidden_size=None``); else ``ValueError``
    (a word a field lacks, ``windows_per_epoch="AUTO"`` too).

    Example:
        >>> from dataclasses import dataclass
        >>> @dataclass
        ... class C:
        ...     rate: float | None = 0.1
        ...     on: bool = True
        >>> type(config_refusal("m", C("20%"))).__name__, type(config_refusal("m", C(2))).__name__
        ('TextForNumberError', 'ValueError')
        >>> str(config_refusal("`rate` must be positive, got '-1'.", C("-1")))
        "`rate` must be positive, got '-1' (a number, not text: -1)."
        >>> type(config_refusal("`on` must be True or False, got 'yes'.", C(on="yes"))).__name__
        'ConfigTypeError'
    """
    error: type[ValueError] = ValueError
    texts: dict[str, Any] = {}  # the fields given text for a number: the number it reads as
    kinds_of: dict[str, tuple[bool, bool]] = {}  # those fields: (takes ints, takes words)
    for field in dataclasses.fields(config):
        kinds = str(field.type)
        value = getattr(config, field.name)
        words = {k.strip() for k in re.split(r"[|\[\],]", kinds)}
        # None where it takes None, a Literal word it takes (value_repr: repr of an int of
        # more than 4,300 digits fails)
        if value_repr(value) in words:
            continue
        worded = bool(words & {"Literal", "str"})
        if isinstance(value, str | bytes) and words & {"int", "float"}:
            texts[field.name] = _text_as_number(value, "int" in words)
            kinds_of[field.name] = ("int" in words, worded)
            # a field that takes words too was given a word it lacks (windows_per_epoch='AUTO'):
            # a bad value, as a word a Literal field lacks is, unless it reads as a number
            if not (worded and isinstance(value, str) and texts[field.name] is None):
                error = TextForNumberError
        elif error is ValueError and (
            ("bool" in words and not isinstance(value, bool | np.bool_))
            # a field of words alone given no str (strategy=5): a wrong type, as choice_error
            # refuses one (it was a ValueError)
            or (worded and not words & {"int", "float", "bool"} and not isinstance(value, str))
            # a bool for a count (hidden_size=True), as positive_int refuses it, or for a
            # float (lr=True, dropout=False: a ValueError where hidden_size=True was not)
            or (
                words & {"int", "float"}
                and "bool" not in words
                and isinstance(value, bool | np.bool_)
            )
            # None for a number that takes none (hidden_size=None): no number at all, as
            # nn.LSTM(hidden_size=None) refuses it (it was a ValueError here)
            or (value is None and words & {"int", "float"})
            # an array, a tensor (0-d too: lr=np.array(0.01)), a list or a complex number
            # for a number: a wrong type, as the nn layers and the plots' `context` refuse it
            # (a ValueError here, a TypeError there)
            or (
                words & {"int", "float"}
                and not words & {"list", "tuple", "Sequence", "dict"}
                and _no_number(value)
            )
        ):
            error = ConfigTypeError
    refused = _refused_too(config, {k: v for k, v in texts.items() if v is not None})
    for name in texts:
        whole, worded = kinds_of[name]
        message = _told_number(message, name, getattr(config, name), name in refused, whole, worded)
    return error(message)


def _no_number(value: Any) -> bool:
    """Whether ``value``, given for a number, is of a type that holds none: an array or tensor
    (a 0-d one too, whose value may be right: :func:`numpy_hint` tells it), a list, tuple,
    set or dict, or a complex number. Numpy's scalars are numbers (``np.float32(0.01)``).

    Example:
        >>> [_no_number(v) for v in (np.array(0.01), [3], 1j, np.float32(0.01), 3, None)]
        [True, True, True, False, False, False]
    """
    if isinstance(value, np.generic):
        return isinstance(value, np.complexfloating)
    return getattr(value, "ndim", None) is not None or isinstance(
        value, list | tuple | set | frozenset | dict | complex
    )


def _text_as_number(text: str | bytes, whole: bool) -> float | int | None:
    """The number ``text`` given for a number reads as (:func:`_read_text`), an int where it is
    a whole number and the field takes ints (``whole``); None for text that reads as no finite
    number, and for a percentage, which stands for no number where :func:`number_hint` tells
    it (``epochs="20%"`` was told "0.2 would be refused too")."""
    if isinstance(text, bytes):
        text = _ascii(text)
        if text is None:
            return None
    exact = _exact_int(text) if whole else None
    if exact is not None:  # "9223372036854775807" read through a float was 2**63, refused
        return exact
    read = _read_text(text)
    if isinstance(read, str) or not math.isfinite(read[0]) or read[1]:
        return None
    number = read[0]
    return int(number) if whole and number.is_integer() else number


def _refused_too(config: Any, numbers: dict[str, Any]) -> set[str]:
    """The fields of ``numbers`` (a field's name: the number its text reads as) whose number
    ``config`` would refuse too, all given at once as numbers (``lr="-1"`` as -1): told beside
    the number, so that passing it is not refused in turn. The config's own check decides,
    the one that refused the text."""
    if not numbers:
        return set()
    try:
        dataclasses.replace(config, **numbers)
    except (TypeError, ValueError) as err:
        said = str(err)
        return {name for name in numbers if f"`{name}` must" in said}
    return set()


def _ascii(data: bytes) -> str | None:
    """``data`` decoded as ASCII, the only text a number's bytes hold; None for other bytes."""
    try:
        return data.decode("ascii")
    except UnicodeDecodeError:
        return None


def _exact_int(text: str) -> int | None:
    """The integer ``text`` writes (``" 24 "``, ``"99999999999999999999"``), read exactly, as
    ``int`` reads it; None for other text (``"1e3"``, ``"12.0"``, ``"abc"``)."""
    try:
        return int(text)
    except ValueError:
        return None


def text_number_hint(value: Any, whole: bool = False, worded: bool = False) -> str:
    """What text or bytes given for a number read as, the end of a config's or a call's
    refusal of it: :func:`number_hint`, for bytes (``b"24"``) as ``(a number, not bytes:
    24)``; where the field takes ints (``whole``), an integer as written (``"99999999999999999999"``
    was told "1e+20"); and for text without a digit (``"abc"``), ``(a number, not text)``,
    unless the field takes words too (``worded``: ``windows_per_epoch="autp"`` is a slip of
    ``'auto'``, not of a number); digits that read as no number (``"80,95"``) get none.
    ``b"24"`` and ``"abc"`` had no hint at all.

    Example:
        >>> text_number_hint(b"24"), text_number_hint("abc"), text_number_hint("abc", worded=True)
        (' (a number, not bytes: 24)', ' (a number, not text)', '')
        >>> text_number_hint("99999999999999999999", whole=True)
        ' (a number, not text: 99999999999999999999)'
        >>> text_number_hint("0.5"), text_number_hint(5)
        (' (a number, not text: 0.5)', '')
    """
    if not isinstance(value, str | bytes):
        return ""
    kind = "bytes" if isinstance(value, bytes) else "text"
    text = _ascii(value) if isinstance(value, bytes) else value
    if text is None:
        return f" (a number, not {kind})"
    hint = number_hint(text)
    exact = _exact_int(text) if whole else None
    if exact is not None:
        hint = f" (a number, not text: {exact})"
    if not hint and kind == "text" and (worded or any(c.isdigit() for c in text)):
        return ""  # a word's slip, or digits read no way for sure ("80,95": two levels?)
    if not hint:
        return f" (a number, not {kind})"
    return hint.replace("not text", f"not {kind}", 1)


def _told_number(
    message: str,
    name: str,
    value: Any,
    refused: bool = False,
    whole: bool = True,
    worded: bool = False,
) -> str:
    """``message`` with :func:`text_number_hint` after what came for ``name`` (``"got '0.01'"`` in
    the problem that names it), unless that has a hint already (``"got '20%' (a number, "``);
    ``refused``: the number would be refused too, said inside the hint (``"got '-1' (a number,
    not text: -1; but -1 would be refused too)"``), one message for both mistakes."""
    hint = text_number_hint(value, whole, worded)
    start = message.find(f"`{name}` ")
    got = f"got {value_repr(value)}"
    at = message.find(got, start) if hint and start >= 0 else -1
    if at < 0:
        return message
    end = at + len(got)
    if message.startswith(" (", end):
        return message
    if refused and ": " in hint:  # a number shown: " (a number, not text: -1)"
        number = hint[hint.index(": ") + 2 : -1].split(" for ")[0]
        hint = f"{hint[:-1]}; but {number} would be refused too)"
    return message[:end] + hint + message[end:]


def text_refusal(
    message: str,
    numbers: dict[str, Any],
    refused_too: Callable[[dict[str, float | int]], set[str]] | None = None,
) -> ValueError:
    """:func:`config_refusal` for a refusal whose arguments that take numbers are ``numbers``
    (a module's constructor, not a dataclass: ``{"vocab_size": vocab_size, ...}``): text
    among them is told the number it reads as, as a config's is, and, where ``refused_too``
    (given the numbers the texts read as, all at once) names it, that the number is refused
    too, as a config's own check says it (:func:`_refused_too`).

    Example:
        >>> str(text_refusal("`size` must be a positive integer, got '-5'.", {"size": "-5"},
        ...                  lambda read: {name for name, n in read.items() if n < 1}))
        "`size` must be a positive integer, got '-5' (a number, not text: -5; but -5 would be \
refused too)."
    """
    texts = {name: v for name, v in numbers.items() if isinstance(v, str | bytes)}
    if not texts:
        return ValueError(message)
    read = {name: _text_as_number(value, whole=True) for name, value in texts.items()}
    read = {name: number for name, number in read.items() if number is not None}
    refused = refused_too(read) if refused_too is not None and read else set()
    for name, value in texts.items():
        message = _told_number(message, name, value, name in refused)
    return TextForNumberError(message)


def _percentage_hint(value: Any) -> str:
    """For one coverage that may be a percentage: :func:`percent_hint` (10 <= value < 100), and
    for a low one (2 <= value < 10: ``5``, ``--interval 5%``) its fraction and the interval it
    may have meant, whose error rate it is (5 for 95 %, as ``alpha=0.05`` asks for); else
    ``""``. The one reading of a number, a text and the CLI's ``--interval`` alike.

    Example:
        >>> _percentage_hint(5), _percentage_hint(2.5), _percentage_hint(50)
        (' (a fraction: 0.05 for 5 %, or 0.95 for a 95 % interval)', \
' (a fraction: 0.025 for 2.5 %, or 0.975 for a 97.5 % interval)', ' (a fraction: 0.5 for 50 %)')
    """
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and 2 <= value < 10:
        value = float(value)  # as in percent_hint
        return (
            f" (a fraction: {value / 100:g} for {value:g} %, or {1 - value / 100:g} for a "
            f"{100 - value:g} % interval)"
        )
    return percent_hint(value)


def level_percent(level: float) -> str:
    """A nominal coverage as a message writes it: ``80%``, ``97.5%``, ``99.9%``. Rounded to a
    whole percent, 0.975 read ``98%`` and 0.999 ``100%``, which no interval is.

    Example:
        >>> level_percent(0.8), level_percent(0.975), level_percent(0.999)
        ('80%', '97.5%', '99.9%')
    """
    return f"{100 * level:.12g}%"


def _shown(value: Any) -> str:
    """``value`` as a message shows what came: a whole number without ``.0`` (``95``, also for
    the CLI's ``95.0`` and numpy's ``np.float32(95)``), another number as Python writes it, a
    numpy scalar of another type as :func:`plain_repr` shows it (``1.5``, but
    ``np.float32(0.9)``, a level refused for its type: it wrote
    ``numpy.float32(0.8999999761581421)``), anything else as its repr."""
    if (large := _large_int(value)) is not None:  # float() of one past 1e308 failed
        return large
    if isinstance(value, np.floating) and not _real_ok(value, is_level):
        value = float(str(value))  # its value refused: as the same Python float (95, not 95.0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    if isinstance(value, np.generic):  # a level refused for its type alone shown with it
        return plain_repr(value, is_level)
    return value_repr(value)  # a list of numpy scalars as numpy 2 writes it, on numpy 1 too


def _level_hint(value: Any, none: str = "") -> str:
    """What to pass instead of a refused level ``value``, after :func:`_shown`: a numpy scalar
    that is a level as a Python number is told to be one, a level written as text (``"90%"``,
    ``"0,9"``) or in a list of one (NeuralForecast's ``level=[90]``) the number it stands for,
    several levels :func:`_levels_hint`, a percentage :func:`_percentage_hint`, a bool (Keras'
    switches) or 1 (100 %) what a coverage is, Darts' median alone ``(0.5,)`` that it is the
    forecast itself. A numpy or torch scalar (``torch.tensor(0.9)``) is read as the number it
    holds. ``none``: how to ask for no interval where ``value`` is 0 or False.

    Example:
        >>> _level_hint(True)
        ' (a coverage, not a switch: e.g. 0.8)'
        >>> _level_hint("0,9")
        ' (a number with a decimal point, not text: 0.9)'
    """
    if isinstance(value, bool | np.bool_):
        return f" (a coverage, not a switch: {none if none and not value else 'e.g. 0.8'})"
    if getattr(value, "ndim", None) == 0 and not isinstance(value, int | float | str):
        # np.float32(0.9), np.array(0.9), torch.tensor(0.9): the number is right, not its type;
        # np.int64(1), torch.tensor(True): told as the Python number they hold is
        number = value.item()
        if isinstance(number, np.generic):  # np.longdouble's item is itself: told, not recursed
            real = isinstance(number, np.floating) and is_level(float(number))
            return " (give a Python number: float(x))" if real else ""
        if is_level(number):
            return " (give a Python number: float(x))"
        return _level_hint(number, none)
    if isinstance(value, str):
        return _text_hint(value, none)
    if isinstance(value, int | float) and value in (1, 100):
        return " (100 % is no interval: its bounds would be infinite; e.g. 0.99)"
    if isinstance(value, int | float) and value == 0:
        return f" ({none})" if none else ""
    entries = _entries(value)
    if entries is not None and len(entries) == 1:
        (only,) = entries
        # Darts' quantiles=(0.5,): the median, no interval; [np.array([0.9, 0.8])] failed in
        # "==" ("the truth value of an array ... is ambiguous")
        if getattr(only, "ndim", 0) == 0 and only == 0.5:
            return (
                " (the quantile 0.5 alone is the median: the `forecast` column; a 50 % interval "
                "is 0.5)"
            )
        if is_level(only):
            return f" (one level, not a list: {only:g})"
        inner = _level_hint(only, none)[2:]
        if inner and len(_entries(only) or ()) > 1:
            return f" ({inner}"  # [[0.9, 0.8]]: the levels' hint, which says "one per call"
        # [95], [1], [True], [5]: the entry's own hint too, after the list's
        if inner.startswith("one level, not a list"):  # [[0.9]] said "not a list" twice
            return f" (one level, not a nested list{inner.removeprefix('one level, not a list')}"
        joined = ", and " if inner.startswith("a ") else "; "
        return f" (one level, not a list{joined}{inner}" if inner else " (one level, not a list)"
    return _levels_hint(value) or _percentage_hint(value)


def _entries(value: Any) -> list | None:
    """The entries of a list, tuple or 1-D array or tensor ``value`` as Python numbers (numpy's
    scalars too: ``[np.float32(0.9)]``; a ``Fraction`` as a float, which the hints format),
    else ``None``."""
    if isinstance(value, list | tuple):
        return [float(v) if isinstance(v, Fraction) else python_scalar(v) for v in value]
    if getattr(value, "ndim", None) == 1 and callable(getattr(value, "tolist", None)):
        return value.tolist()  # a numpy array, a torch tensor
    return None


def _text_number(text: str) -> tuple[float, bool, bool] | None:
    """The number a level written as text holds, whether it came in percent (``"90%"``) and
    whether with a decimal comma (``"0,9"``, ``"90,5%"``, ``"5,5"``: one digit after it; a
    comma after another whole number than 0 without ``%`` and before more digits, ``"80,95"``,
    may be two levels and is none), else ``None``."""
    said = text.strip()
    percent = said.endswith("%")
    body = said.removesuffix("%").strip()
    after = body.partition(",")[2]
    comma = (
        body.count(",") == 1
        and "." not in body
        and (percent or body.startswith("0,") or (len(after) == 1 and after.isdigit()))
    )
    try:
        return float(body.replace(",", ".") if comma else body), percent, comma
    except ValueError:
        return None


def text_level_hint(text: str) -> str:
    """The hint for the CLI's ``--interval`` text that is no number: the fraction ``90%``
    stands for, the decimal point of ``0,9`` (as the Python hint, without "not text"), and to
    ``true`` or ``off`` what a coverage is (as the Python ``True``).

    Example:
        >>> text_level_hint("90%"), text_level_hint("0,9"), text_level_hint("abc")
        (' (a fraction: 0.9 for 90 %)', ' (a decimal point: 0.9)', '')
        >>> text_level_hint("true")
        ' (a coverage, not a switch: e.g. 0.8, or 0 for none)'
    """
    if text.strip().lower() in ("true", "false", "yes", "no", "on", "off"):
        return " (a coverage, not a switch: e.g. 0.8, or 0 for none)"
    read = _text_number(text)
    if read is None:
        return ""
    number, percent, comma = read
    if percent and not 0 <= number <= 100:  # "150%" had no word
        return f" ({number:g} % would be {number / 100:g}, outside (0, 1))"
    if percent or not is_level(number):
        hint = _percentage_hint(number)
        return hint.replace("(a fraction", "(a decimal point and a fraction") if comma else hint
    return f" (a decimal point: {number:g})" if comma else ""


def _text_hint(text: str, none: str = "") -> str:
    """The number a level written as text stands for (``"0.9"``, ``"90%"``, ``"90"``,
    ``"0,9"``), "" for text that is none; a number that is no level is told its
    :func:`_level_hint` after "not text" (``none`` for ``"0"``)."""
    read = _text_number(text)
    if read is None:
        return ""
    number, percent, comma = read
    lead = "a number with a decimal point, not text" if comma else "a number, not text"
    if percent and (is_level(number / 100) or not 0 <= number <= 100):  # "150%" had no word
        return fraction_hint(text, "(0, 1)")
    if not percent and is_level(number):
        return f" ({lead}: {number:g})"
    # "5" is told what 5 is: its fraction, and the interval it may have meant; "1" and "100%"
    # that 100 % is no interval, "0" how to ask for none, as the numbers are
    if percent:
        hint = _level_hint(number / 100, none)[2:] if number in (0, 100) else ""
    else:
        hint = _level_hint(number, none)[2:]
    if not hint:
        return ""
    return f" ({lead}{', and ' if hint.startswith('a ') else '; '}{hint}"


def _levels_hint(value: Any) -> str:
    """For several levels where one is taken (Darts' quantiles in any order, NeuralForecast's
    ``level`` list): a pair of quantiles about the median is the central interval between them,
    other levels take one call each, and percentages (statsforecast's ``level=[80, 95]``) the
    fractions; "" for anything else."""
    entries = _entries(value)
    if entries is None or len(entries) < 2:
        return ""
    central = _percentiles_hint(entries)
    if all(percent_hint(entry) for entry in entries):
        fractions = ", ".join(f"{float(entry) / 100:g} for {float(entry):g} %" for entry in entries)
        if central:  # before the levels 0.1 and 0.9 that statsforecast's level=[10, 90] would be
            return f" ({central}; as levels, fractions one per call: {fractions})"
        return f" (fractions, one level per call: {fractions})"
    if central:  # [5, 95], [2.5, 97.5]: no levels in percent (under 10 %), percentiles only
        return f" ({central})"
    if not all(is_level(level) for level in entries):
        return ""
    # quantiles read in increasing order: Darts' (0.9, 0.1) or [0.05, 0.95, 0.5] bound the
    # central interval that [0.05, 0.5, 0.95] does
    levels = sorted(entries)
    low, high = levels[0], levels[-1]
    # quantiles in pairs about the median (Darts' [0.1, 0.5, 0.9], the median among them): the
    # central interval of each pair, not its quantiles as levels; one without its pair beside
    # them ([0.1, 0.5, 0.9, 0.95]) is the bound of one too, not a level of its own
    pairs = _quantile_pairs(levels)
    if any(lacking is None for _, _, lacking in pairs):
        said = ", ".join(
            (
                f"{q:g} and {p:g}"
                if lacking is None
                else f"{p if lacking == q else q:g} (with {lacking:g})"  # 0.95 (with 0.05)
            )
            + f" {'bound ' if k == 0 else ''}the central interval {round(p - q, 12):g}"
            for k, (q, p, lacking) in enumerate(pairs)
        )
        return f" (the quantiles {said}{': one call each' if len(pairs) > 1 else ''})"
    if len(levels) > 2 or not low < 0.5 < high:
        distinct = list(dict.fromkeys(entries))
        if len(distinct) == 1:
            return f" (one level, not a list: {distinct[0]:g})"
        said = ", then ".join(f"{level:g}" for level in distinct)
        several = ", ".join(f"{level:g}" for level in distinct)
        return f" (one level per call: {said}; backtest(levels=({several})) scores several at once)"
    return (
        " (an interval is central here, from the quantile (1 - interval) / 2 to "
        f"(1 + interval) / 2, so none runs from {low:g} to {high:g})"
    )


def _percentiles_hint(entries: list) -> str:
    """``in percent, the quantiles 0.05 and 0.95 bound the central interval 0.9`` for
    percentiles in whole pairs about the median (``[10, 90]``, ``[5, 95]``, ``[2.5, 50,
    97.5]``), else ``""``."""
    if (
        not all(
            isinstance(entry, numbers.Real) and not isinstance(entry, bool) and 0 < entry < 100
            for entry in entries
        )
        or max(entries) <= 1
    ):
        return ""
    quantiles = sorted(entry / 100 for entry in entries)
    pairs = _quantile_pairs(quantiles)
    if not pairs or any(lacking is not None for _, _, lacking in pairs):
        return ""
    return "in percent, " + _levels_hint(quantiles).removeprefix(" (").removesuffix(")")


def _quantile_pairs(levels: list[float]) -> list[tuple[float, float, float | None]]:
    """The quantiles ``levels`` (sorted) as pairs about the median, outermost first: ``(q, p,
    lacking)``, the lower and upper quantile (as given, where given) and the one of them not
    given (``0.05`` for a ``0.95`` alone), ``None`` for a whole pair; the median bounds none.
    Float32's 0.1 and 0.9 (an array or tensor) miss 1 - p by 2e-8, hence the tolerance.

    Example:
        >>> _quantile_pairs([0.05, 0.5, 0.75, 0.95])
        [(0.05, 0.95, None), (0.25, 0.75, 0.25)]
    """

    def given(q: float) -> float | None:
        return next((level for level in levels if math.isclose(level, q, abs_tol=1e-6)), None)

    bounds: list[float] = []
    for level in levels:
        bound = min(level, 1 - level)
        if level != 0.5 and not any(math.isclose(bound, b, abs_tol=1e-6) for b in bounds):
            bounds.append(bound)
    pairs = []
    for bound in sorted(bounds):
        q, p = given(bound), given(1 - bound)
        lacking = bound if q is None else 1 - bound if p is None else None
        pairs.append((bound if q is None else q, 1 - bound if p is None else p, lacking))
    return pairs


def is_level(value: Any) -> bool:
    """Whether ``value`` is a nominal coverage (an interval's level): an ``int`` or ``float``,
    not a bool, strictly between 0 and 1."""
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and bool(0.0 < value < 1.0)
    )


def level_problem(
    value: Any, name: str, *, otherwise: str = "", none: str = "", typed: bool = False
) -> str | None:
    """Why ``value`` is no nominal coverage, without a closing full stop, or ``None`` when
    :func:`is_level`. The one message for every interval and coverage level.

    Args:
        value: what came.
        name: the argument as the user wrote it: ``"`interval`"``, ``"--interval"``.
        otherwise: what else the argument accepts, e.g. ``", or None"``.
        none: how to ask for no interval here, told to a 0 or False (``"None for no
            interval"``).
        typed: ``value`` is a flag's text that is no number (``"95%"``), told the
            number it stands for by :func:`text_level_hint` (text is all a flag gets).

    Example:
        >>> level_problem(1.5, "--interval")
        '--interval must be a number strictly between 0 and 1, e.g. 0.8, got 1.5'
        >>> level_problem(0.5, "--interval") is None
        True
    """
    if is_level(value):
        return None
    hint = text_level_hint(value) if typed else _level_hint(value, none)
    return (
        f"{name} must be a number strictly between 0 and 1, e.g. 0.8{otherwise}, got "
        f"{_shown(value)}{hint}"
    )


def levels_problem(values: Any, name: str, *, none: str = "") -> str | None:
    """:func:`level_problem` for every entry of ``values`` at once, the wrong ones listed
    (``none``: what a 0 among them is told)."""
    bad = [value for value in values if not is_level(value)]
    if not bad:
        return None
    return (
        f"every entry of {name} must be a number strictly between 0 and 1, e.g. 0.8, got "
        + ", ".join(f"{_shown(value)}{_level_hint(value, none)}" for value in bad)
    )


def shown_names(names: Any, limit: int = 20, width: int = 40, quote: bool = False) -> str:
    """``names`` for a message, comma-separated (each as ``repr`` with ``quote``): at most
    ``limit`` of them, each cut to ``width`` characters (``…`` marks a cut), then ``...`` and
    how many there are. A CSV with a million columns or a header line of a gigabyte gave a
    message as long."""

    def one(name: object) -> str:
        text = str(name)
        text = text if len(text) <= width else text[: width - 1] + "…"
        return repr(text) if quote else text

    names = list(names)
    shown = ", ".join(one(n) for n in names[:limit])
    return shown if len(names) <= limit else f"{shown}, ... ({len(names):,} in all)"


def unknown_keywords_message(
    owner: str,
    unknown: list[str],
    given: Iterable[str],
    fields: frozenset[str],
    their_names: Mapping[str, str],
    also: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> str:
    """The refusal of keywords ``unknown``, none of ``fields``, passed to ``owner`` (a config
    class or ``Forecaster``): what each is here where another library names it so
    (``their_names``), then the clauses ``also``, then, for the rest but ``skip``, the field
    closest to each among those not ``given`` too (``horizon=3, horizn=4`` was asked "did you
    mean 'horizon'?", a name already given, so a field given is said to be given).

    Example:
        >>> print(unknown_keywords_message("C", ["n_epochs", "l_r"], [], frozenset({"lr"}),
        ...                                {"n_epochs": "Darts' n_epochs is 'epochs' here"}))
        C() got unknown keyword arguments 'n_epochs', 'l_r' (Darts' n_epochs is 'epochs' \
here; did you mean 'lr' for 'l_r'?)
    """
    theirs = [their_names[key] for key in unknown if key in their_names] + list(also)
    skip = set(skip)
    typos = [key for key in unknown if key not in their_names and key not in skip]
    given = set(given)
    meant = {key: difflib.get_close_matches(key, sorted(fields - given), n=1) for key in typos}
    # a typo of a field given as well (`horizon=3, horizn=4`): a second value for it, not a
    # field to suggest
    for key in (key for key, match in meant.items() if not match):
        if twin := difflib.get_close_matches(key, sorted(fields & given), n=1):
            theirs.append(f"{key!r} is close to {twin[0]!r}, which is given too")
    if close := [(key, match[0]) for key, match in meant.items() if match]:
        one = len(unknown) == 1  # no need to say which
        pairs = [repr(field) if one else f"{field!r} for {key!r}" for key, field in close]
        theirs.append(f"did you mean {', '.join(pairs)}?")  # as the CLI's flags are asked
    said = f"unknown keyword argument{plural_s(len(unknown))}"
    return f"{owner}() got {said} {', '.join(map(repr, unknown))}" + (
        f" ({'; '.join(theirs)})" if theirs else ""
    )

"""Where a plotting function's ``path=`` goes: checked before anything is drawn, then saved.

Every function that draws a matplotlib ``Figure`` and takes ``path=`` calls
:func:`figure_file` first (a bad ``path`` is refused before any work or any folder is made) and
:func:`save_figure` last, which creates the missing folders as :meth:`Forecaster.save
<lstmkit.forecast.Forecaster.save>` does. The figures are never attached to pyplot, so there is
nothing to close: they are returned to the caller, made by :func:`new_figure` so that a Jupyter
notebook shows one left as a cell's value as an image (once).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lstmkit._checks import and_list, as_path, plural_s
from lstmkit._orphans import OWNER, owner, remove_orphans

# a figure's title names the method as it is written out (a forecaster's relevance.png, a
# classifier's sentences), not as `--method` spells it:
# "lrp relevance" and "gradxinput relevance" read as typos on a slide, and a squared gradient
# was called a relevance
METHOD_TITLES = {
    "lrp": "LRP relevance",
    "gradxinput": "gradient × input relevance",
    "ig": "integrated gradients relevance",
    "occlusion": "occlusion relevance",
    "sensitivity": "sensitivity (squared gradient)",
}

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def new_figure(**kwargs: Any) -> Figure:
    """A matplotlib ``Figure(**kwargs)``, not attached to pyplot, that a notebook shows as an image.

    A figure pyplot does not manage shows in Jupyter only through the PNG printer that pyplot's
    inline backend registers, and that backend starts only once pyplot draws something (or
    after ``%matplotlib inline``): in a fresh notebook, ``plot_forecast(...)`` as a cell's value
    showed ``<Figure size 900x450 with 1 Axes>`` and no picture. This one has a ``_repr_png_``
    of its own; where the inline backend's printer is registered, it is the one used, so the
    figure still shows once. Apart from that it is matplotlib's ``Figure``.
    """
    from lstmkit._notebook_figure import Figure

    return Figure(**kwargs)


def plain_text(text: object) -> str:
    """``text`` as matplotlib draws it letter for letter: its ``$`` escaped (``\\$``).

    matplotlib reads what lies between two ``$`` as mathtext: a file ``p$\\frac$q.csv`` in a
    title failed the run with a parse error, and ``a$b$c`` came out as ``abc`` in italics. For
    the names lstmkit puts into a title or label (of a file, a dataset, a column), not for a
    ``title=`` a caller passes, which may want mathtext.

    >>> print(plain_text("price in $ (US$)"))
    price in \\$ (US\\$)
    """
    return str(text).replace("$", r"\$")


def drawable(texts: list[str], what: str | list[str], *, titles: int = 0) -> list[str]:
    """``texts`` with the characters that no font matplotlib draws text with has written as
    escapes (``\\u96fb``), and one warning that names them and ``what`` holds them (the
    argument): matplotlib drew each as an empty box with a warning of its own per character
    (``Glyph 38651 ... missing from font(s) DejaVu Sans``) when the figure was saved, an error
    under warnings-as-errors. The warning points at the user's line, however deep the call.

    ``what`` may name each text instead (``["`title`", "`labels`", ...]``, one per text): the
    warning then names those that hold such characters, so that a figure's title and labels
    give one warning between them. The first ``titles`` texts are a caller's titles, which may
    hold mathtext: what lies between two ``$`` is left to it (an escape there failed the
    figure with "Unknown symbol"); one that is no str is a ``TypeError`` naming it."""
    from lstmkit._checks import typed_repr, user_stacklevel

    for k, text in enumerate(texts[:titles]):
        # a caller's title=3 failed in re with "expected string or bytes-like object, got
        # 'int'", naming no argument (the gate plots refused it; the other plots did not)
        if not isinstance(text, str):
            name = what if isinstance(what, str) else what[k]
            raise TypeError(f"{name} must be a str or None, got {typed_repr(text)}.")
    known = font_codes()
    pieces = [_math_pieces(text) if k < titles else [(text, False)] for k, text in enumerate(texts)]
    plain = ["".join(p for p, math in parts if not math) for parts in pieces]
    # in the order they are read
    missing = list(dict.fromkeys(c for text in plain for c in text if ord(c) not in known))
    if not missing:
        return texts
    shown = ", ".join(map(repr, missing[:5])) + (", ..." if len(missing) > 5 else "")
    holders = f"{what} hold"
    if not isinstance(what, str):
        lost = set(missing)
        names = list(dict.fromkeys(n for n, t in zip(what, plain, strict=True) if lost & set(t)))
        # "`title` holds", "`labels` hold", "the column names hold"
        one = len(names) == 1 and not names[0].rstrip("`").endswith("s")
        holders = and_list(names) + (" holds" if one else " hold")
    warnings.warn(
        f"{holders} {len(missing)} character{plural_s(len(missing))} that no font matplotlib "
        "draws with has "
        f"({shown}): drawn as escapes ({_escape(missing[0])}). To draw them, put a "
        "font that has them first in matplotlib.rcParams['font.sans-serif'] (for Chinese, "
        "Japanese or Korean, 'Noto Sans CJK JP', say); for lstmkit's commands, in a file "
        "named matplotlibrc in the folder they run in: 'font.sans-serif: Noto Sans CJK JP, "
        "DejaVu Sans'.",
        UserWarning,
        stacklevel=user_stacklevel(),
    )
    lost = set(missing)
    return [
        "".join(
            p if math else "".join(_escape(c) if c in lost else c for c in p) for p, math in parts
        )
        for parts in pieces
    ]


def font_codes() -> set[int]:
    """The code points that the fonts matplotlib draws text with (its default sans-serif and
    their fallbacks) have glyphs for."""
    from matplotlib.font_manager import FontProperties, fontManager

    prop = FontProperties()
    find = getattr(fontManager, "_find_fonts_by_props", None)  # the fallback list (mpl >= 3.6)
    fonts = find(prop) if find is not None else [fontManager.findfont(prop)]
    return set().union(*(_codes(font) for font in fonts))


def _math_pieces(text: str) -> list[tuple[str, bool]]:
    """``text`` in pieces, each with whether matplotlib reads it as mathtext: between two ``$``
    not written ``\\$``, where the text holds an even number of them (as its ``Text`` does)."""
    dollars = [m.start() for m in re.finditer(r"(?<!\\)\$", text)]
    if not dollars or len(dollars) % 2:
        return [(text, False)]
    pieces, start = [], 0
    for a, b in zip(dollars[::2], dollars[1::2], strict=True):
        pieces += [(text[start:a], False), (text[a : b + 1], True)]
        start = b + 1
    return [*pieces, (text[start:], False)]


def drawable_title(title: str | None) -> str | None:
    """A plotting function's ``title=`` as :func:`drawable` draws it (None stays None)."""
    return None if title is None else drawable([title], ["`title`"], titles=1)[0]


def _escape(c: str) -> str:
    """One character as Python writes its escape: ``\\u96fb``, ``\\U0001f600``."""
    return c.encode("unicode_escape").decode("ascii")


@functools.lru_cache(maxsize=16)
def _codes(font: object) -> frozenset[int]:
    """The code points a font file has glyphs for (read once per file)."""
    from matplotlib.font_manager import get_font

    return frozenset(get_font(font).get_charmap())


# after matplotlib's ten colours the curves come back in another line style: the 11th of
# many units or trainings was drawn as the 1st, solid in C0, the two alike in the legend
_LINE_STYLES = ("-", "--", "-.", ":")


# how many curves curve_look (and draw_histories' markers) tell apart; a legend names no more
LOOKS = 10 * len(_LINE_STYLES)


def curve_look(k: int) -> dict[str, str]:
    """The colour and line style of curve ``k`` (from 0) of many on one axes, as keyword
    arguments of ``ax.plot``: ``C0`` … ``C9`` solid, then the ten dashed, dash-dotted and
    dotted, so that :data:`LOOKS` (40) curves all look different; the 41st looks as the 1st
    again, so a legend names only the first 40 (:func:`curve_legend`).

    >>> curve_look(0), curve_look(10), curve_look(40)
    ({'color': 'C0', 'ls': '-'}, {'color': 'C0', 'ls': '--'}, {'color': 'C0', 'ls': '-'})
    """
    return {"color": f"C{k % 10}", "ls": _LINE_STYLES[k // 10 % len(_LINE_STYLES)]}


# the most entries a legend holds inside the axes, and in each column beside it
_INSIDE, _ROWS = 12, 16


def curve_legend(ax: Axes, loc: str | None) -> None:
    """The legend of ``ax``: inside it at ``loc`` for up to 12 entries; more, or any with
    ``loc`` None, go beside the axes, in small type and columns of at most 16. Inside, 30
    trainings' entries outgrew the axes and constrained layout gave up ("axes sizes collapsed
    to zero", a UserWarning, an error under ``-W error``); the callers label at most
    :data:`LOOKS` curves, so the columns beside stay few (3)."""
    entries = len(ax.get_legend_handles_labels()[1])
    if loc is not None and entries <= _INSIDE:
        ax.legend(loc=loc, fontsize="small")
        return
    ax.legend(
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0,
        fontsize="x-small",
        ncols=-(-entries // _ROWS),
    )


def value_axis(ax: Axes) -> None:
    """The y axis of ``ax`` labelled with the values themselves, thousands grouped.

    matplotlib's default labels a series of values near a million ``0, 50, 100`` with ``+1e6``
    in the corner (an offset a reader misses), and one of tens of millions ``5.2, 5.4`` with
    ``1e7``; these read ``1,000,050`` and ``52,000,000``. Small values keep matplotlib's own
    labels (``0.00015``, or a ``1e-8`` factor below 1e-5). An axis whose labels are not
    matplotlib's default ones (a caller's own formatter on the ``ax`` it passed, or a log
    scale's) keeps them.
    """
    from matplotlib.ticker import ScalarFormatter

    from lstmkit._grouped_formatter import GroupedFormatter

    if type(ax.yaxis.get_major_formatter()) is not ScalarFormatter:
        return
    formatter = GroupedFormatter(useOffset=False)
    formatter.set_powerlimits((-5, 16))  # no factor for large values (float64's 16 digits)
    ax.yaxis.set_major_formatter(formatter)


def name_values(ax: Axes, name: object) -> None:
    """The y label of ``ax``: what the values are, a series' ``name`` (its column, its units),
    where that is a non-empty string and ``ax`` has no label of its own (a caller's ``ax``)."""
    if isinstance(name, str) and name and not ax.get_ylabel():
        ax.set_ylabel(plain_text(name), wrap=True)


def title_and_name(ax: Axes, title: str | None, name: object, whose: str) -> None:
    """Sets ``ax``'s title (a caller's ``title=``; None for none) and names its values by a
    series' ``name`` as :func:`name_values` does, the characters no font has in either escaped
    with one warning between them (``whose``: what the name is, "`history`'s name")."""
    named = isinstance(name, str) and bool(name) and not ax.get_ylabel()
    # title=0 (or b"") is refused by drawable, as 3 is, not drawn as no title
    texts = ["" if title is None else title, name if named else ""]
    shown, label = drawable(texts, ["`title`", whose], titles=1)
    if title is not None:
        ax.set_title(shown, wrap=True)
    if named:
        name_values(ax, label)


def _formats() -> list[str]:
    """The file suffixes (without the dot) matplotlib can save to."""
    from matplotlib.backend_bases import FigureCanvasBase

    return sorted(FigureCanvasBase.get_supported_filetypes())


def figure_file(path: str | os.PathLike[str]) -> Path:
    """The file ``fig.savefig(path)`` writes, or a clear error before anything is drawn.

    As matplotlib does, the suffix chooses the format (in any case: ``.PNG`` too), and a path
    without one gets ``.png`` (``savefig.format``) appended. Nothing is created here.

    Raises:
        TypeError: for a ``path`` that is not a ``str`` or ``os.PathLike``.
        ValueError: for a suffix matplotlib cannot save to (the supported ones listed), a
            ``path`` that is an existing folder (with or without the ``.png`` added), or a
            folder on the way that is an existing file, or a terminal (``/dev/stdout`` in
            a shell, ``/dev/tty``) for a binary format (a PNG; an SVG is written).
    """
    from matplotlib import rcParams

    if not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"`path` must be a str or Path, got {type(path).__name__}; to write into a file "
            "object, call .savefig on the returned Figure."
        )
    if not isinstance(os.fspath(path), str):
        raise TypeError(f"`path` must be a str or Path, got the bytes path {os.fspath(path)!r}.")
    path = as_path(path, "`path`")
    name = str(path)
    suffix = os.path.splitext(name)[1][1:].lower()  # as matplotlib reads it
    # a folder's name with Windows' separator ("new\\..\\", "a.b\\") was refused for its
    # suffix ('\\'), where "figs\\" was told to write into the folder: _writable tells both
    windows_folder = os.sep == "/" and name.endswith("\\")
    if not suffix:
        # a device or a descriptor (`--plot /dev/stdout`) is written into as named, in
        # savefig.format: matplotlib's '.png' added made /dev/stdout.png, a new file in /dev
        if not written_into(path):
            name = name.rstrip(".") + "." + rcParams["savefig.format"]
    elif suffix not in (formats := _formats()) and not windows_folder:
        raise ValueError(
            f"`path` must end in a suffix matplotlib can save to ({', '.join(formats)}), got "
            f"{str(path)!r}."
        )
    file = _writable(path, Path(name), "figure.png")
    # a PNG (any binary format) sent to a terminal (`path="/dev/stdout"` in a shell, /dev/tty)
    # garbled the screen, where a pipe or a file behind the descriptor has the image
    kind = suffix or rcParams["savefig.format"]
    if kind not in _TEXT_FORMATS and (fd := _terminal(file)) is not None:
        through, redirect = "", ""
        if fd >= 0:
            through = f", descriptor {fd},"
            shell = "" if fd == 1 else str(fd)
            redirect = f", or redirect descriptor {fd} to one (`{shell}> figure.{kind}`) or a pipe"
        raise ValueError(
            f"`path` {str(path)!r}{through} is a terminal, which a {kind.upper()} written "
            f"into would garble; write it to a file (e.g. 'figure.{kind}'){redirect}."
        )
    return file


# the formats matplotlib writes as text, which a terminal shows as such
_TEXT_FORMATS = frozenset({"svg", "eps", "ps", "pgf"})


def _terminal(file: Path) -> int | None:
    """The descriptor (:func:`descriptor`) behind ``file`` where it is a terminal, or -1 where
    ``file`` is a terminal's device (``/dev/tty``, ``/dev/pts/0``); None for anything else."""
    fd = descriptor(file)
    if fd is not None:
        return fd if os.isatty(fd) else None
    try:
        if not stat.S_ISCHR(os.stat(file).st_mode):
            return None
        opened = os.open(file, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:  # none, or no permission: the write says so
        return None
    try:
        return -1 if os.isatty(opened) else None
    finally:
        os.close(opened)


def output_file(path: str | os.PathLike[str], suffix: str = "", *, example: str) -> Path:
    """The file an exporter writes (a page, an archive): ``path``, plus ``suffix`` when it does
    not end in it, checked as :func:`figure_file` checks a figure's; ``example`` is the file
    name the message suggests inside a folder. Nothing is created here; :func:`make_parent`
    creates the folders just before writing.

    Raises:
        TypeError: for a ``path`` that is not a ``str`` or ``os.PathLike``.
        ValueError: for a ``path`` that is an existing folder (with or without ``suffix``), or a
            folder on the way that is an existing file.
    """
    if not isinstance(path, str | os.PathLike) or not isinstance(os.fspath(path), str):
        raise TypeError(f"`path` must be a str or Path, got {type(path).__name__}.")
    given = as_path(path, "`path`")
    # "." (or "", "/") has no name to add the suffix to: with_name failed with "_GivenPath('.')
    # has an empty name"; as it is, it is the folder _writable refuses
    named = not given.name or str(given).endswith(suffix) or written_into(given)
    file = given if named else given.with_name(given.name + suffix)
    return _writable(given, file, example)


def make_parent(file: Path) -> Path:
    """``file``, after creating its missing folders (as :meth:`Forecaster.save
    <lstmkit.forecast.Forecaster.save>` creates its own)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    return file


def read_only(file: Path) -> str | None:
    """Why :func:`written_whole` refuses ``file``, an existing file (through a link) that may
    not be written, in the words after "cannot be written: "; ``None`` where it may be, or is
    none (a command checks it before its work: `lstmkit demo --plot` trained, then failed),
    or one written through a descriptor (:func:`descriptor`), which is not replaced."""
    target = Path(os.path.realpath(file))
    if not target.is_file() or os.access(target, os.W_OK) or descriptor(file) is not None:
        return None
    return (
        f"it is read-only ({stat.filemode(stat.S_IMODE(target.stat().st_mode))[1:]}), and "
        "lstmkit does not replace a read-only file; make it writable (chmod u+w) or choose "
        "another path"
    )


def renamed_over_read_only(folder: Path, names: Iterable[str]) -> dict[str, str]:
    """The files of ``names`` in ``folder`` that are read-only (:func:`read_only`), each with why:
    those a file renamed into ``folder`` would replace without a word. A symbolic link is
    replaced, not its file, so it is none of them."""
    return {
        name: why
        for name in dict.fromkeys(names)
        if not (folder / name).is_symlink() and (why := read_only(folder / name)) is not None
    }


# the folders whose entries are this process's open files by number: /dev/fd (a folder of its
# own on macOS and the BSDs, a link to /proc/self/fd on Linux) and Linux's /proc/PID/fd
_FD_FOLDER = re.compile(r"/dev/fd|/proc/(?:self|thread-self|([0-9]+)(?:/task/[0-9]+)?)/fd")


def descriptor(file: str | os.PathLike[str]) -> int | None:
    """The number ``N`` of this process's open file that ``file`` names through ``/dev/fd/N``
    or ``/proc/self/fd/N`` (``/dev/stdout`` is 1 and ``/dev/stderr`` 2, by their links, as is
    a link of the user's to them), or None for any other path.

    Opened by its name, ``/dev/stdout`` is the file behind descriptor 1 opened anew: on Linux
    ``open(..., "w")`` truncates the file a shell's ``>>`` appends to, and a file renamed over
    it replaces that file, where the user asked to write into the process's stdout. The path
    is followed link by link, as the system follows it, up to the folder of descriptors.

    >>> descriptor("/dev/stdout") if os.path.islink("/dev/stdout") else 1
    1
    >>> descriptor("stdout") is None
    True
    """
    if os.name != "posix":
        return None
    given = os.fspath(file)
    try:
        whole = given if given.startswith("/") else os.path.join(os.getcwd(), given)
    except OSError:  # a working folder deleted: a relative path's open fails, as it may
        return None
    pending = whole.split("/")
    resolved, links = "/", 0
    while pending:
        name = pending.pop(0)
        if name in ("", "."):
            continue
        if name == "..":  # of the folder reached, links followed: as the system reads it
            resolved = os.path.dirname(resolved)
            continue
        if (
            not pending
            and re.fullmatch(r"[0-9]+", name)
            and (folder := _FD_FOLDER.fullmatch(resolved)) is not None
            and (folder[1] is None or int(folder[1]) == os.getpid())
        ):
            return int(name)
        step = os.path.join(resolved, name)
        if not os.path.islink(step):
            resolved = step
            continue
        links += 1
        if links > 40:  # a loop of links: the system's ELOOP when it is opened
            return None
        try:
            target = os.readlink(step)
        except OSError:  # another process's descriptor (no permission): the open says so
            return None
        if target.startswith("/"):
            resolved = "/"
        pending[:0] = target.split("/")
    return None


def written_into(file: str | os.PathLike[str]) -> bool:
    """Whether :func:`written_whole` writes into ``file`` rather than replacing it: a path of a
    descriptor (:func:`descriptor`, ``/dev/stdout``) or an existing file that is no regular
    one (a device such as ``/dev/null``, a named pipe), which has no other name to give it.
    A command says "wrote FILE" of the others alone: a descriptor's reader has what was
    written, and a line after it would be read with it."""
    path = Path(file)
    return descriptor(path) is not None or (path.exists() and not path.is_file())


def _open_for_writing(fd: int, file: Path) -> None:
    """Refuses descriptor ``fd`` (which ``file`` names) when it is not open, or open for reading
    alone (``/dev/stdin``), before anything is written: an ``OSError`` naming it."""
    import fcntl

    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    except OSError:
        raise OSError(errno.EBADF, f"descriptor {fd} is not open", str(file)) from None
    if flags & os.O_ACCMODE == os.O_RDONLY:
        raise OSError(errno.EBADF, f"descriptor {fd} is open for reading only", str(file))


def _write_descriptor(fd: int, source: Path) -> None:
    """The bytes of ``source`` written to descriptor ``fd`` at its place, in its mode (appended
    where a shell's ``>>`` opened it), after what ``print`` holds for it: stdout and stderr are
    flushed whichever ``fd`` is, as ``3>&1`` makes descriptor 3 stdout's file too (a report's
    lines buffered for a pipe came after the file)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (AttributeError, ValueError, OSError):  # closed, or no stream: nothing held
            pass
    with open(source, "rb") as read:
        while chunk := read.read(1 << 20):
            left = memoryview(chunk)
            while left:
                try:
                    left = left[os.write(fd, left) :]
                except BlockingIOError:
                    # a non-blocking descriptor (O_NONBLOCK, which every duplicate shares: set
                    # by another process on a terminal or pipe) that is full raised EAGAIN
                    # part-way, the file cut at 64 KiB: waited on until it takes more, as a
                    # blocking one waits
                    _writable_again(fd)


def _writable_again(fd: int) -> None:
    """Returns once descriptor ``fd`` takes more bytes (or is closed at its other end, which the
    next write tells)."""
    import select

    poll = select.poll()
    poll.register(fd, select.POLLOUT)
    poll.poll()


@contextlib.contextmanager
def _written_into(file: Path, fd: int | None) -> Iterator[Path]:
    """:func:`written_whole` of a descriptor (``fd``) or of a device or named pipe: the file is
    written whole in a temporary folder, then its bytes into the descriptor, or into ``file``
    opened as it is (never renamed over); a write that fails part-way writes nothing there."""
    if fd is not None:
        _open_for_writing(fd, file)
    with tempfile.TemporaryDirectory(prefix="lstmkit-") as folder:
        stage = Path(folder) / (file.name or "file")
        yield stage
        others = [entry for entry in Path(folder).iterdir() if entry != stage]
        if others and fd is not None:  # a PGF's images: nowhere beside a descriptor
            raise ValueError(
                f"{str(file)!r} cannot be written: it names descriptor {fd}, and the file "
                f"refers to {len(others)} file{plural_s(len(others))} written beside it "
                f"({and_list(sorted(repr(e.name) for e in others))}); write it to a file."
            )
        beside = Path(os.path.realpath(file)).parent
        for entry in others:
            shutil.move(entry, beside / entry.name)
        if fd is not None:
            _write_descriptor(fd, stage)
        else:
            with open(stage, "rb") as read, open(file, "wb") as out:  # no truncation: no file
                shutil.copyfileobj(read, out)


@contextlib.contextmanager
def written_whole(file: Path) -> Iterator[Path]:
    """A path to write ``file`` under, in a hidden folder beside it, renamed to ``file`` once the
    block ends (``os.replace``, atomic on one file system): a write stopped part-way (a full
    disk, Ctrl-C, an error while drawing) leaves an earlier ``file`` as it was, never half a
    file, and removes the temporary folder, and the folders made for it. ``file`` was written
    in place: a plot stopped so left a truncated PNG where the last one had been.

    The path has ``file``'s own name, as formats that write their name read it: a PostScript
    file's title, a PGF file's images (``NAME-img0.png``, moved beside it before it). The
    missing folders are created first (:func:`make_parent`). An existing file keeps its
    permissions, and a symbolic link its place (the file it points to is replaced). A path of
    one of the process's descriptors (``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``;
    :func:`descriptor`) is written through that descriptor, at its place and in its mode
    (appended after a shell's ``>>``): opened anew, it truncated or replaced the file the
    shell had opened. A device or a named pipe (``/dev/null``, a ``mkfifo`` one) is written
    into as it is, never renamed over. Either is written once the block ends, from a file in
    a temporary folder, so that a write stopped part-way writes nothing into it.

    A write killed outright leaves its hidden ``.NAME.PID.MACHINE-*.tmp`` folder (``NAME``:
    the name's first 32 characters), which the next write of that file removes once its
    process is gone.

    A read-only file (``chmod 0444``) is refused, a ``PermissionError`` naming it, never
    replaced; an existing writable file in a folder where nothing can be created (read-only, no
    permission) is written in place, as it cannot be renamed into.
    """
    fd = descriptor(file)
    if fd is not None or (file.exists() and not file.is_file()):  # /dev/stdout, a named pipe
        with _written_into(file, fd) as temp:
            yield temp
        return
    target = Path(os.path.realpath(file))  # a link's file replaced, not the link
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
    # a file its owner made read-only is kept, as writing in place kept it (open() refused):
    # renamed over, it was replaced without a word
    if (why := read_only(file)) is not None:
        err = PermissionError(f"{str(file)!r} cannot be written: {why}.")
        # the reason alone, as a system's refusal carries it ("Permission denied"): a caller
        # that names the file its own way (`--out 'promo.csv' cannot be written: ...`) says it
        err.strerror = why
        raise err
    made = [folder for folder in target.parents if not folder.exists()]  # deepest first
    make_parent(target)
    # the name cut short: with the owner's 30 characters, a long one passed the 255 bytes a
    # name may have (a plot of 240 characters was refused: "File name too long")
    name = target.name[:32]
    remove_orphans(target.parent, rf"\.{re.escape(name)}\.{OWNER}-[0-9a-f]{{8}}\.tmp")
    stage = target.parent / f".{name}.{owner()}-{secrets.token_hex(4)}.tmp"
    try:
        stage.mkdir()
    except OSError:
        if mode is None:  # a new file cannot be made there either: the system's error
            raise
        # a writable file in a folder nothing can be created in (read-only, no permission):
        # written in place, as before, where the hidden folder's refusal failed the write
        yield target
        return
    try:
        yield stage / target.name
        if mode is not None:
            os.chmod(stage / target.name, mode)
        # the files it refers to (a PGF's images) first, so that it never names a missing one
        for entry in sorted(stage.iterdir(), key=lambda e: e.name == target.name):
            os.replace(entry, target.parent / entry.name)
        stage.rmdir()
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        for folder in made:
            try:
                folder.rmdir()  # empty only: another process's file there stays
            except OSError:
                break
        raise


def _into(folder: Path, example: str) -> str:
    """``folder / example``, the file advised, without the ``..`` that name the same file
    ("new/../figure.png" is "figure.png"); kept where a link on the way makes ``..`` another
    folder's parent."""
    path = folder / example
    short = os.path.normpath(path)
    return short if os.path.realpath(short) == os.path.realpath(path) else str(path)


def _writable(given: Path, file: Path, example: str) -> Path:
    """``file`` (``given`` with a suffix added, or ``given``), unless either is an existing folder
    or a folder on the way to it is a file."""
    for candidate in dict.fromkeys((given, file)):  # "runs" would otherwise be runs.png
        if candidate.is_dir():
            raise ValueError(
                f"`path` must name a file, got the existing folder {str(candidate)!r}; write "
                f"into it with e.g. {_into(candidate, example)!r}."
            )
    typed = getattr(given, "typed", None)
    # "figs/" (or "figs/.") names a folder, which Path reads as "figs": figs.png or figs.npz
    # was written beside it, where the folder was meant; a Path keeps its "..", which
    # Path("new/..") of a folder not yet made wrote as "new/.png"
    shown = typed if typed is not None else str(given)
    if os.path.basename(shown) in ("", ".", ".."):
        if given.is_file():  # "plot.png/": writing into it, as advised, failed in turn
            same = f"; to replace it, pass {str(given)!r}" if file == given else ""
            raise ValueError(
                f"`path` must name a file, got {shown!r}, a folder's name, where "
                f"{str(given)!r} is a file{same}."
            )
        raise ValueError(
            f"`path` must name a file, got {shown!r}, a folder's name; write into it with "
            f"e.g. {_into(given, example)!r}."
        )
    # "figs\\" (Windows' separator, on a system where a name may hold it) wrote a file named
    # "figs\\.png" beside the folder figs
    if typed is not None and os.sep == "/" and typed.endswith("\\"):
        if (named := Path(typed.rstrip("\\"))).is_dir() and "\\" in str(named):
            # a folder whose name holds a backslash ('figs\\sub', a name on this system) was
            # told to write into 'figs/sub/figure.png', another folder, by Windows' separators
            raise ValueError(
                f"`path` must name a file, got {typed!r}, the existing folder "
                f"{str(named)!r} and a '\\' after it; write into it with e.g. "
                f"{_into(named, example)!r}."
            )
        folder = Path(typed.rstrip("\\").replace("\\", "/") or ".")
        raise ValueError(
            f"`path` must name a file, got {typed!r}, a folder's name written with Windows' "
            f"'\\'; on this system '/' separates folders: write into it with e.g. "
            f"{_into(folder, example)!r}."
        )
    for folder in file.parents:
        if folder.exists():
            if not folder.is_dir():
                raise ValueError(
                    f"`path` {str(given)!r} cannot be written: {str(folder)!r} is a file, not a "
                    "folder."
                )
            break
    return file


# matplotlib dates a PDF (CreationDate) and an SVG (Date) with the time of writing: without
# them the same figure is the same file, so a run repeated can be compared with `cmp`
_UNDATED = {"pdf": {"CreationDate": None}, "svg": {"Date": None}}
# held while the SVG ids' salt is lstmkit's, so that a save in another thread does not reset it
_SALT = threading.Lock()


def save_figure(fig: Figure, path: str | os.PathLike[str], *, dpi: int) -> Path:
    """Save ``fig`` at ``path`` (checked by :func:`figure_file`), creating the missing folders;
    the path of the file written.

    A PNG, PDF or SVG of the same figure is the same file, byte for byte, whenever it is written:
    PDF and SVG carry no date, and the SVG's ids are salted with a fixed string (matplotlib
    salts them with a random one unless ``rcParams["svg.hashsalt"]`` is set; a salt of the
    caller's is kept). PostScript (``.ps``, ``.eps``) and ``.svgz`` still hold the time they
    were written.
    """
    from matplotlib import rcParams

    file = figure_file(path)
    # `/dev/stdout`, kept without a suffix (figure_file): savefig.format, as for 'plot'
    suffix = file.suffix[1:].lower() or rcParams["savefig.format"]
    # the format of the path's suffix: the file written may be a link's, named otherwise
    with written_whole(file) as temp:
        if suffix not in _UNDATED:
            fig.savefig(temp, dpi=dpi, format=suffix)
        elif suffix == "pdf":
            fig.savefig(temp, dpi=dpi, format=suffix, metadata=dict(_UNDATED[suffix]))
        else:
            with _SALT:
                own = rcParams["svg.hashsalt"] is None
                if own:
                    rcParams["svg.hashsalt"] = "lstmkit"
                try:
                    fig.savefig(temp, dpi=dpi, format=suffix, metadata=dict(_UNDATED[suffix]))
                finally:
                    if own:
                        rcParams["svg.hashsalt"] = None
    return file

"""The ``lstmkit`` command line.

Each topic lives in its own module of this package and exposes ``register(subparsers)``, which adds
its sub-commands; every sub-command parser sets ``func`` to a callable taking the parsed namespace
and returning an exit code. Only this package prints.
"""

from __future__ import annotations

import argparse
import ast
import codecs
import contextlib
import contextvars
import csv
import decimal
import difflib
import importlib
import io
import itertools
import json
import logging
import math
import numbers
import os
import re
import shlex
import shutil
import signal
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple, NoReturn, SupportsIndex

from lstmkit import __version__
from lstmkit._gathered import warned_at_origins
from lstmkit._interrupts import _sigterm_interrupts, _Terminated
from lstmkit._memory import MemoryLimitError
from lstmkit._orphans import OWNER, owner, remove_orphans
from lstmkit._records import RECORD
from lstmkit._remedies import cli_command, sep_given

# The commands, in the order of ``lstmkit --help``: name -> (topic module of this package that
# registers it, its line in that help). Only the topic of the command given is imported (torch
# takes seconds to load), so ``lstmkit --help`` and ``--version`` start at once; the others are
# listed from here, and each topic's ``register`` takes its help from here too.
COMMANDS = {
    "datasets": (
        "datasets",
        "list the bundled time series; --example NAME prints a CSV the README reads",
    ),
    "forecast": ("forecast", "forecast a bundled dataset or a CSV, scored against baselines"),
    "predict": ("forecast", "forecast with a saved model (no training)"),
    "text": ("text", "train and use text models: sentiment, character LM, sequence-to-sequence"),
    "explain": ("explain", "explain a saved model's output on a sentence or a series window"),
    "demo": ("demo", "train a tiny LSTM on a memory task and print its gate traces"),
}


class CLIError(Exception):
    """A user-facing error: printed as ``error: message`` with exit code 2, no traceback."""


class DefaultsHelpFormatter(argparse.HelpFormatter):
    """Help that ends each option with its default, unless the help already states it
    (``(default)``, ``(default: ...)``, ``default: ...``, ``(default 8)``, ``the default)``;
    not a mere mention, as in "the default sizes") or the default is unset (``None``,
    ``False``, empty); a default of 0 is shown."""

    _STATED = re.compile(r"\(default\b|\bdefault\s*[:)]")

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if (
            self._STATED.search(text)
            or "%(default)" in text
            or default is None
            or (default is False and not isinstance(action, argparse.BooleanOptionalAction))
            or default == []
            or default == argparse.SUPPRESS
            or not action.option_strings
        ):
            return text
        return f"{text} (default: %(default)s)" if text else "(default: %(default)s)"

    def _format_args(self, action: argparse.Action, default_metavar: str) -> str:
        # a positional the command requires but names itself when missing (nargs="?", see
        # required_in_usage) is shown as required: `[{numbers}]` read as optional
        if getattr(action, "required_in_usage", False):
            return self._metavar_formatter(action, default_metavar)(1)[0]
        return super()._format_args(action, default_metavar)


def required_in_usage(action: argparse.Action) -> argparse.Action:
    """``action``, a positional with ``nargs="?"`` whose command says itself what is missing
    when it is not given (argparse's "the following arguments are required: task" names a
    word no help shows), shown as required in the usage (``{numbers}``, not ``[{numbers}]``)
    by :class:`DefaultsHelpFormatter`."""
    action.required_in_usage = True  # type: ignore[attr-defined]
    return action


def flag_message(message: str, names: Iterable[str]) -> str:
    """``message`` with each `field_name` in backquotes written as the flag ``--field-name``
    (``"`bptt` must be ..."`` → ``"--bptt must be ..."``); other backquoted words stay."""
    names = set(names)

    def flags(span: re.Match[str]) -> str:
        inner = span.group(1)
        new = re.sub(
            r"[A-Za-z_]\w*",
            lambda w: "--" + w.group().replace("_", "-") if w.group() in names else w.group(),
            inner,
        )
        return new if new != inner else span.group()

    return re.sub(r"`([^`]+)`", flags, message)


def number_problems(values: dict[str, Any], kinds: dict[str, str], defaults: object) -> list[str]:
    """The refusals of the decimal flags ``kinds`` names (field -> what it takes, one of
    :data:`~lstmkit._checks.NUMBER_KINDS`) among ``values`` (each a number, or the text that is
    none, as :func:`number_or_text` parsed it), in the one shape of every decimal flag
    (:func:`~lstmkit._checks.flag_number_problem`), each a sentence. A refused value is set
    back to its default (``defaults``' attribute of its name) in ``values``, so that the config
    checks the other flags: every problem said at once (:func:`said_together`). ``--minutes
    20%`` or ``--lr 20%`` stands for no number: told so, not a fraction (0.2) of one."""
    from lstmkit._checks import flag_number_problem

    problems = []
    for name, kind in kinds.items():
        flag = "--" + name.replace("_", "-")
        if name in values and (problem := flag_number_problem(values[name], flag, kind)):
            problems.append(problem + ".")
            values[name] = getattr(defaults, name)
    return problems


# The command line's words and the integer flags' refusals its parse left (each a sentence,
# "--horizon must be an integer, got '20%' ..."), not said yet: :func:`said_together` says them
# with the other flags' problems, in command-line order (see :func:`_run`)
_REFUSED: contextvars.ContextVar[tuple[Sequence[str], list[str]]] = contextvars.ContextVar(
    "lstmkit_refused_flags", default=((), [])
)


def _flag_position(problem: str, words: Sequence[str]) -> int:
    """Where on the command line ``words`` the flag that ``problem`` starts with was given
    (the last time, the one argparse keeps; typed abbreviated or with ``=`` too), or
    ``len(words)``: a problem that names no flag given first goes after them."""
    flag = problem.split(" ", 1)[0].rstrip(".,:;")
    if not flag.startswith("--"):
        return len(words)
    at = len(words)
    for k, word in enumerate(words):
        if word == "--":
            break
        typed = word.partition("=")[0]
        if len(typed) > 2 and typed.startswith("--") and flag.startswith(typed):
            at = k
    return at


def in_command_line_order(problems: Sequence[str]) -> list[str]:
    """``problems`` (sentences, each naming its flag first) with the integer flags' refusals
    the parse left (:data:`_REFUSED`, said here once), in the order their flags were typed
    (``--lr 20% --dropout 2`` says --lr first); those that name no flag keep their order,
    after them."""
    words, refused = _REFUSED.get()
    if refused:
        _REFUSED.set((words, []))
    together = [*refused, *problems]
    return sorted(together, key=lambda problem: _flag_position(problem, words))


def _flag_sentences(message: str) -> list[str]:
    """``message`` cut into its problems: a sentence that starts with a flag given on the
    command line starts one (``--lr must be ... got 0. --seed must be ...``); any other
    sentence goes with the problem before it."""
    words = _REFUSED.get()[0]
    pieces = re.split(r"(?<=\.) (?=--[a-z])", message)
    problems = pieces[:1]
    for piece in pieces[1:]:
        if _flag_position(piece, words) < len(words):
            problems.append(piece)
        else:
            problems[-1] += " " + piece
    return problems


def refused_flags_pending() -> bool:
    """Whether the parse left integer flags' refusals that no :func:`said_together` said yet."""
    return bool(_REFUSED.get()[1])


_Command = Callable[[argparse.Namespace], int]


def says_refused_flags(command: _Command) -> _Command:
    """Mark ``command`` (a sub-command's ``func``) as one that checks its flags before any work
    with :func:`said_together` or :func:`refuse_together`, which say the integer flags'
    refusals of the parse with its other flags' problems. Another command is given none of
    them: :func:`_run` says them before it starts."""
    command.says_refused_flags = True  # type: ignore[attr-defined]
    return command


def refuse_together(problems: Sequence[str]) -> None:
    """Raise one :class:`CLIError` of ``problems`` (the flags' refusals, each a sentence) and
    the integer flags' refusals the parse left, in command-line order; none where there are
    none of either."""
    with said_together(problems):
        pass


@contextlib.contextmanager
def said_together(problems: Sequence[str]) -> Iterator[None]:
    """Raise the :class:`CLIError` of the block with ``problems`` (the flags' refusals found
    before it, each a sentence) said first, or those alone where the block passes: every
    problem of the flags at once, as ``lstmkit forecast`` and ``lstmkit text`` say them. The
    integer flags' refusals of the parse are said with them, all in command-line order
    (:func:`in_command_line_order`)."""
    problems = in_command_line_order(problems)
    try:
        yield
    except CLIError as err:
        if not problems:
            raise
        # the block's problems (a config's, `--seed`'s range) among them, each where its flag
        # was typed
        said = in_command_line_order([*problems, *_flag_sentences(str(err))])
        raise CLIError(" ".join(said)) from None
    if problems:
        raise CLIError(" ".join(problems))


@contextlib.contextmanager
def as_flags(names: Iterable[str]) -> Iterator[None]:
    """Re-raises a ``ValueError`` of the library as a CLI error naming flags, not fields."""
    try:
        yield
    except ValueError as err:
        if _file_refused(err):
            raise  # named by the flag that gave the file, and its path, by :func:`flagged`
        text = flag_message(str(err), names)
        if text != str(err):  # a flag is never None: "an integer or None" reads "an integer"
            text = text.replace(" or None", "")
        raise CLIError(text) from None


@contextlib.contextmanager
def as_source(source: str) -> Iterator[None]:
    """Re-raises a ``ValueError`` of the library that names its `series` argument as a CLI
    error naming where the series came from, ``source`` (``--csv new.csv``)."""
    try:
        yield
    except ValueError as err:
        if "`series`" not in str(err):
            raise
        raise CLIError(str(err).replace("`series`", source)) from None


@contextlib.contextmanager
def far_outside_of_source(source: str) -> Iterator[None]:
    """The library's warning of a newer history far outside the training series (from
    ``Forecaster.predict`` or ``explain_forecast``) said of ``source`` (``--csv new.csv``),
    where the target and covariates came from, and their flags; other warnings as they came.
    Those raised before an error are shown too, before it, and the error is what is raised:
    one that the filters make an error (``python -W error``) is not raised in its place."""
    seen: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            yield
    except BaseException:
        _said_of_source(seen, source, failed=True)
        raise
    _said_of_source(seen, source)


def _said_of_source(seen: list[warnings.WarningMessage], source: str, failed: bool = False) -> None:
    """The warnings ``seen`` warned again, the far-outside one said of ``source``; where an
    error follows them (``failed``), those the filters escalate are dropped, not raised."""
    for w in seen:  # the library's arguments and its advice, as the CLI user gave and acts
        text = str(w.message)
        given, far, rest = text.partition(" far outside the training series")
        if far and given.startswith(("`series`", "`covariates`", "`future_covariates`")):
            text = f"{source} lies{far}{rest}"
            for arg, flag in (
                ("covariates", "--covariate-cols"),
                ("future_covariates", "--future-cols"),
            ):
                text = text.replace(f"of `{arg}`", f"of {flag}")
            text = text.replace(
                "fit on this history for one",
                f"fit a model on {source} (lstmkit forecast ... --out DIR) for one",
            )
        try:
            warnings.warn(text, w.category, stacklevel=1)
        except Warning:
            if not failed:
                raise


def typed_path(path: Path) -> str:
    """:func:`lstmkit._checks.typed_path`, the one way messages name a file
    (``'data/sales.csv'``), imported when called: this module loads before numpy."""
    from lstmkit._checks import typed_path as typed

    return typed(path)


def pasted_path(path: Path) -> str:
    """:func:`lstmkit._checks.pasted_path`, a path a message gives to pass, quoted as the shell
    reads it (``'it'"'"'s a'``; a repr named another file), imported when called."""
    from lstmkit._checks import pasted_path as pasted

    return pasted(path)


def refuse_true_false_target(
    frame: Any, csv: Path, saved: bool = False, chose: str | None = None
) -> None:
    """Refuse the series read from ``csv`` (``frame``, by read_csv) where its target, the
    first column, held True/False, which reads as 1 and 0 (the library's refusal names its
    Python arguments). ``saved``: the series is for a saved model (predict, explain), which
    forecasts the numbers it was fitted on: the user can name the file's column of them, not
    train on other data; ``chose``: the model's target the column was read for, where no
    ``--value-col`` named it (explain)."""
    target = frame.columns[0]
    if target not in frame.attrs.get("booleans", []):
        return
    got = f"got True/False in {typed_path(csv)} (read as 1 and 0)"
    if not saved:
        raise CLIError(
            f"--value-col {target} must name a column of numbers to forecast, {got}: forecast "
            "a number, such as how often it is True per week; a flag known in advance (a "
            "holiday) is a covariate (--covariate-cols, --future-cols), read as 1 and 0."
        )
    column = (
        f"--value-col {target}"
        if chose is None
        else f"the column {target}, read for the model's target {chose},"
    )
    raise CLIError(
        f"{column} must hold the numbers the saved model forecasts, {got}; name the file's "
        "column of those numbers with --value-col."
    )


def refuse_absent_columns(
    err: ValueError, args: argparse.Namespace, named: list[tuple[str, list[str]]]
) -> None:
    """read_csv's refusal of columns the file lacks (``err``), as a CLI error naming the flag
    of ``named`` (then ``--where``) that named each ("column ['Date'] not found in
    'sales.csv'" named none): raised where the columns it lists are those, in their order."""
    named = [*named, ("--where", [column for column, _ in args.where or []])]
    said = absent_by_flag(str(err), typed_path(args.csv), named)
    if said is not None:
        raise CLIError(said)


def absent_by_flag(said: str, where: str, named: list[tuple[str, list[str]]]) -> str | None:
    """The library's refusal of columns the file named ``where`` lacks (``said``: "column
    ['Date'] not found in 'sales.csv'; available columns: ..."), each column named by the flag
    of ``named`` that gave it, as ``forecast --csv`` says it and ``text train --csv`` too
    (``read_labelled_csv`` names them by argument, which ``as_flags`` turns into its flags);
    None where ``said`` is no such refusal of those columns, in their order.

    Example:
        >>> absent_by_flag("column ['text'] not found in 'r.csv'; available columns: "
        ...                "['review', 'rating'].", "'r.csv'", [("--text-col", ["text"])])
        "--text-col 'text' is not a column of 'r.csv'; available columns: ['review', 'rating']."
    """
    from lstmkit._checks import plural_s

    # the file's name in the cut: a column may be named "x not found in y" (it cut there)
    head, found, tail = said.partition(f" not found in {where}; ")
    absent = [(flag, c) for flag, cols in named for c in cols if f"{c!r}" in head]
    if not found or head != f"column{plural_s(len(absent))} {[c for _, c in absent]}":
        return None
    # each flag once, before its columns: "--covariate-cols 'z' and --covariate-cols 'w'"
    by_flag: dict[str, list[str]] = {}
    for flag, c in absent:
        by_flag.setdefault(flag, []).append(repr(c))
    groups = [f"{flag} {_and(*cols)}" for flag, cols in by_flag.items()]
    # three flags or more with a comma before the last: their columns' lists have "and"
    flags = (
        " and ".join(groups) if len(groups) < 3 else ", ".join(groups[:-1]) + ", and " + groups[-1]
    )
    verb = "is not a column" if len(absent) == 1 else "are not columns"
    return f"{flags} {verb} of {where}; {tail}"


# The flags that name a CSV file, by their argparse dest
_CSV_FLAGS = {"csv": "--csv", "dev_csv": "--dev-csv", "test_csv": "--test-csv"}


# the default of the --fill of predict and explain, which read a file for a saved model
RUNS_FILL = "the --fill of the run that saved the model, if any; none: no fill, whatever the run's"


def flagged(err: BaseException, args: argparse.Namespace, flag: str | None = None) -> str:
    """``err``'s message; where it refuses a CSV file (empty, header-only, not UTF-8, an
    archive of several files, ...), naming the flag that gave the file and its path as given
    (``--csv 'data/sales.csv' is empty; ...``), not "CSV file 'sales.csv'" as the library
    names it. ``flag``: the one that gave the file, where several give the same path
    (``--csv a.csv --dev-csv a.csv``: the first of them was named for each)."""
    if not _file_refused(err):
        return str(err)
    if flag is None:
        flag = next((f for d, f in _CSV_FLAGS.items() if getattr(args, d, None) == err.path), None)
    if flag is None:
        return str(err)
    # the path as typed: the library's is a plain Path, which writes "./-" as "-"
    given = next(
        (p for d, f in _CSV_FLAGS.items() if f == flag and (p := getattr(args, d, None))), None
    )
    path = given if given == err.path else err.path
    return f"{flag} {typed_path(path)} {_with_conversion(err.said, path, flag)}"


def _with_conversion(said: str, path: Path, flag: str) -> str:
    """``said``, a refusal of the file at ``path`` (given by ``flag``), with the command that
    converts it (:func:`_converted`) where it guesses a Latin-1 or Windows-1252 file
    (:func:`lstmkit._checks.not_utf8`) and the file can be converted; else as it is."""
    from lstmkit._checks import _EIGHT_BIT

    if said.endswith(f"{_EIGHT_BIT}.") and (command := _converted(path, flag)):
        return f"{said.removesuffix('.')}{command}."
    return said


def _converted(path: Path, flag: str) -> str:
    """The command that saves the plain file at ``path``, refused as not UTF-8 and likely
    Windows-1252 (Excel's "CSV", Notepad's "ANSI") or Latin-1, as UTF-8 beside it, and the
    ``flag`` to pass it to: ``save the file as UTF-8`` alone gave no way to do it where
    Excel is not at hand. ``iconv``'s WINDOWS-1252 where the file's bytes are all of that
    encoding (five are not: 0x81, 0x8d, 0x8f, 0x90, 0x9d), else ISO-8859-1, which reads any
    byte; ``""`` for standard input or a pipe (read into a copy), a packed file (``.gz``: its
    unpacked bytes are not the file's) or one not read again."""
    from lstmkit._checks import PACKED_SUFFIXES, _CopyOfObject

    # standard input or a pipe, read into a temporary copy: no file of the user's to convert
    if isinstance(path, _CopyOfObject) or Path(path).suffix.lower() in PACKED_SUFFIXES:
        return ""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return ""
    encoding, dropped = "WINDOWS-1252", ""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError as err:
        # bytes 0x80 to 0x9f that Windows-1252 writes (0x93, its curly quote) are C1 controls
        # in ISO-8859-1, which then made "\x93hi\x94" of a "“hi”" without a word: ISO-8859-1
        # only where the file has none, else Windows-1252 with -c, which leaves out the bytes
        # it lacks
        # (bytes.translate deletes them in C: a loop over the bytes took 2.9 s for 50 MB)
        if len(data.translate(None, _CP1252_ONLY)) != len(data):
            dropped = (
                f" (-c leaves out its bytes that Windows-1252 lacks, as 0x{data[err.start]:02x} is)"
            )
        else:
            encoding = "ISO-8859-1"
    utf8 = Path(path).with_name(f"{Path(path).stem}-utf8{Path(path).suffix}")
    return (
        f", e.g. `iconv{' -c' if dropped else ''} -f {encoding} -t UTF-8 {_operand(path)} > "
        f"{_operand(utf8)}`{dropped}, then pass {flag} {_operand(utf8)}"
    )


# the bytes that Windows-1252 reads as characters and ISO-8859-1 as C1 controls (0x80 to 0x9f
# but 0x81, 0x8d, 0x8f, 0x90, 0x9d, which Windows-1252 lacks)
_CP1252_ONLY = bytes(sorted(set(range(0x80, 0xA0)) - {0x81, 0x8D, 0x8F, 0x90, 0x9D}))


def _operand(path: Path) -> str:
    """``path`` quoted for the shell as :func:`pasted_path` quotes it, with ``./`` before a
    relative name that begins with ``-``: iconv read ``'-x.csv'`` as its option ``-x``, and
    ``--csv '-x-utf8.csv'`` was "expected one argument"."""
    text = str(path)
    return pasted_path(f"./{text}" if text.startswith("-") else path)  # type: ignore[arg-type]


def _and(*items: str) -> str:
    """``a``, ``a and b``, ``a, b and c`` (as :func:`lstmkit._checks.and_list`, which would
    import numpy into a parse that refuses nothing)."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else items[0]


def said_once(problems: Sequence[tuple[str, str]]) -> tuple[list[str], list[int]]:
    """The problems of the files given to flags (``(flag, sentence)`` pairs, in order), each
    said once, where one file is given to several flags (``--csv a.csv --dev-csv a.csv``): a
    sentence said again word for word (a column it lacks) once, and those that differ only by
    the flag they start with once, naming the flags (``--csv and --dev-csv 'a.csv' is empty``,
    said twice before); with, for each of ``problems``, the place of the sentence saying it.

    Example:
        >>> said_once([("--csv", "--csv 'a.csv' is empty."),
        ...            ("--dev-csv", "--dev-csv 'a.csv' is empty.")])
        (["--csv and --dev-csv 'a.csv' is empty."], [0, 0])
    """
    said: list[str] = []
    places: list[int] = []
    flags_of: dict[str, list[str]] = {}  # a sentence's words after its flag: its flags
    place_of: dict[str, int] = {}
    for flag, sentence in problems:
        rest = sentence.removeprefix(f"{flag} ")
        if rest != sentence and rest in place_of:
            flags_of[rest].append(flag)
            flags = flags_of[rest]
            said[place_of[rest]] = f"{_and(*flags)} {rest}"
            places.append(place_of[rest])
        elif sentence in said:
            places.append(said.index(sentence))
        else:
            if rest != sentence:
                flags_of[rest], place_of[rest] = [flag], len(said)
            places.append(len(said))
            said.append(sentence)
    return said, places


def _file_refused(err: BaseException) -> bool:
    """Whether ``err`` refuses a CSV file by name (``lstmkit.data.CSVFileError``)."""
    data = sys.modules.get("lstmkit.data")  # not loaded: not its refusal
    return data is not None and isinstance(err, data.CSVFileError)


class StandardInput(type(Path())):  # type: ignore[misc]
    """``-`` given for a file: standard input, as many tools name it. A path apart from
    ``./-``, a file named ``-``, which ``Path`` writes as ``-`` too (:func:`stdin_csv`)."""


class _TypedPath(type(Path())):  # type: ignore[misc]
    """A file's path as given on the command line, written as typed where ``Path`` writes it
    otherwise: ``./-``, a file named ``-``, is ``-`` to ``Path``, which names standard input
    (:class:`StandardInput`); a message that named the file so named what the user had not
    typed, and could not type to name it. Its derived paths (``.with_suffix``) are its class
    too, written as ``Path`` writes them. ``typed``: the text given (``./sales.csv``, which
    ``Path`` writes ``sales.csv``), which messages name it by (:func:`typed_path`); ``None``
    for a derived path."""

    typed: str | None = None

    def __str__(self) -> str:
        text = super().__str__()
        return "./-" if text == "-" else text


def _typed_path(text: str) -> _TypedPath:
    """``text`` as a :class:`_TypedPath` that keeps it (``typed``) for messages."""
    path = _TypedPath(text)
    path.typed = text
    return path


def user_path(text: str) -> Path:
    """argparse type of a file or folder: ``~`` and ``~user`` at its start name the home
    folder, as the shell reads them where it expands them (it does not in ``--out=~/runs`` or
    quoted, where the folder made was one named ``~`` in the current one); a ``~name`` that
    names no account stays as typed, as the shell leaves it (``Path.expanduser`` raised);
    ``-`` is :class:`StandardInput`."""
    return StandardInput("-") if text == "-" else _typed_path(os.path.expanduser(text))


def user_text(text: str) -> str:
    """:func:`user_path` as text, for the arguments that keep it so (an empty ``--out`` is
    refused by name, ``-`` for stdin stays ``-``)."""
    return os.path.expanduser(text)


def out_folder(text: str) -> Path:
    """argparse type of ``--out``: a path (``~`` read as in :func:`user_path`), not empty
    (``Path("")`` would be the current folder)."""
    if not text.strip():
        # said flag first, as `text train --out ''` says it (was "argument --out: must ...")
        raise FlagValueError(f"must name a folder, got {text!r}")
    return user_path(text)


def check_out_dir(
    path: Path | None,
    flag: str = "--out",
    files: tuple[str, ...] = (),
    kind: str | None = None,
    replaced: bool = False,
    overwrite: bool = False,
) -> None:
    """Refuse, before any work is done, an output folder that cannot be written (see
    :func:`lstmkit.io.check_out_dir`), or that holds a folder where one of ``files`` goes; with
    ``kind``, the folder a model of that kind is saved into, which must hold no other model or
    foreign ``config.json`` (:func:`lstmkit.io.check_save_dir`, the rule the save applies after
    training; ``replaced``: the run replaces that folder as a whole, deleting what it held;
    ``overwrite``: ``--overwrite``, which lifts the refusals of files the run would overwrite)."""
    if path is None:
        return
    from lstmkit import io

    try:
        if kind is None:
            io.check_out_dir(path, flag, files)
        else:
            io.check_save_dir(path, kind, flag, files, replaced=replaced, overwrite=overwrite)
    except ValueError as err:
        raise CLIError(str(err)) from None


def number_or_text(text: str) -> float | str:
    """argparse type of the flags whose text is refused where their numbers are (``--dropout``,
    ``--interval``, ``--lr`` and every other decimal flag): a number, or the text that is none
    (``20%``, ``0,9``) kept as it came, so that ``_number_problems`` (``lstmkit forecast``) tells
    both in one message; argparse's "argument --interval: expected ..." for ``95%`` beside
    "--interval must be ..." for ``95`` told one mistake in two shapes.

    Example:
        >>> number_or_text("0.2"), number_or_text("20%")
        (0.2, '20%')
    """
    try:
        return float(text)
    except ValueError:
        return text


class FlagValueError(argparse.ArgumentTypeError):
    """The refusal of a flag's text by its argparse type, in the words after the flag: "must be
    an integer, got '20%' (a percentage is no number here)". The parser says it as the decimal
    flags' refusals are said, the flag first (``error: --horizon must be an integer, got
    '20%' (a percentage is no number here).``), where argparse's "argument --horizon: invalid
    int value: '20%'" named no number."""


def integer_hint(text: str) -> str:
    """The end of the refusal of an integer flag's ``text``: a percentage stands for no number
    (as ``--lr 20%`` is told), a number that is none is told why (``12.5``: not whole; ``nan``,
    ``inf``, ``1e5000``); else ``""`` (``x``).

    Example:
        >>> integer_hint("20%"), integer_hint("12.5"), integer_hint("nan"), integer_hint("x")
        (' (a percentage is no number here)', ' (not whole)', ' (not a number)', '')
    """
    if text.strip().endswith("%"):
        # imported here: _checks loads numpy, which a parse that refuses nothing does without
        from lstmkit._checks import NO_PERCENT

        return NO_PERCENT
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return ""
    if number.is_nan():
        return " (not a number)"
    if number.is_infinite():
        return " (not finite)"
    return " (not whole)" if number.adjusted() <= 4300 else " (too large)"


# the largest integer a flag takes: torch's int64 holds none larger (lstmkit._checks.MAX_SEED,
# not imported: _checks loads numpy, which a parse that refuses nothing does without)
_MAX_INTEGER = 2**63 - 1


def _whole_number(text: str) -> int:
    """The int of an integer flag's text (``--horizon``, ``--holdout``, ``--epochs``,
    ...): an int, also written as a whole number with a decimal point (``12.0``, as a
    spreadsheet or a script's arithmetic writes it), read as that int: argparse's ``int``
    refused it as an "invalid int value". Anything else is refused saying an integer is wanted
    and what the text is (:func:`integer_hint`): a :class:`FlagValueError`, which the parser
    words as ``--epochs must be an integer, got '1.5' (not whole)``.

    The text is read exactly, as ``int`` reads it (a float's 53 bits changed ``--seed
    12345678901234567.0`` to 12345678901234568 without a word).

    Example:
        >>> whole_number("12"), whole_number("12.0"), whole_number(" 1e3 ")
        (12, 12, 1000)
        >>> whole_number("12345678901234567.0")
        12345678901234567
        >>> whole_number("12.5")
        Traceback (most recent call last):
        lstmkit.cli.FlagValueError: must be an integer, got '12.5' (not whole)
        >>> whole_number("20%")
        Traceback (most recent call last):
        lstmkit.cli.FlagValueError: must be an integer, got '20%' (a percentage is no number here)
    """
    try:
        value: int | None = int(text)
    except ValueError:
        value = None
    if value is None:
        try:
            number = decimal.Decimal(text)
        except decimal.InvalidOperation:
            number = None
        # a count with more digits than any count (1e1000000000) is not built digit by digit
        if number is not None and number.is_finite() and number.adjusted() <= 4300:
            if number == number.to_integral_value():
                value = int(number)
    if value is None:
        raise FlagValueError(f"must be an integer, got {text!r}{integer_hint(text)}")
    return value


def seed_number(text: str) -> int:
    """argparse type of ``--seed``: :func:`whole_number` without its bound, as the seed's own
    check (:func:`~lstmkit._checks.seed_problem`) says its range and the ensemble's share of it.

    Example:
        >>> seed_number("1e19")
        10000000000000000000
    """
    return _whole_number(text)


def whole_number(text: str) -> int:
    """argparse type of every flag that counts: :func:`_whole_number`, at most 2**63-1, which
    no count exceeds where it works (``--epochs 1e30`` failed inside tqdm, ``demo --steps
    1e400`` inside torch). A negative count, however large, is left to the flag's own check,
    which tells its sign as the library does ("--epochs must be a positive integer, got
    -1e+30 (an int of 31 digits)", as for -3; "magnitude at most 2**63-1" was said of
    ``-1e30``).

    Example:
        >>> whole_number("12.0")
        12
        >>> whole_number("1e30")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        lstmkit.cli.FlagValueError: must be an integer of magnitude at most 2**63-1 (torch's ...
    """
    value = _whole_number(text)
    # no count or seed goes past torch's int64 (`--epochs 1e30` failed inside tqdm,
    # `demo --steps 1e400` inside torch, `--horizon 1e30` ran for minutes); none is negative
    if value > _MAX_INTEGER:
        raise FlagValueError(
            f"must be an integer of magnitude at most 2**63-1 (torch's int64), got {text!r}"
        )
    return value


def _one_character(text: str) -> str:
    """argparse type of ``--sep`` and ``--thousands``: one character (``tab`` or
    ``\\t`` for a tab), no quote or line break. A slip of ``tab`` (``TAB``, ``tabs``) is asked
    about as a flag of choices asks of its words (``--readout Mean``: "did you mean
    'mean'?")."""
    text = "\t" if text in ("tab", "\\t") else text
    if len(text) != 1:
        from lstmkit._remedies import meant_word  # the choices' guess, without numpy

        # said flag first, with its guess, as `--windows-per-epoch Auto` is ("argument --sep:
        # must be ..." read apart from every other flag's value refused)
        meant = f" (did you mean {'tab'!r}?)" if meant_word(text, ["tab"]) else ""
        raise FlagValueError(f"must be one character (or 'tab'), got {text!r}{meant}")
    return _no_quote_or_line_break(text)


def _decimal_mark(text: str) -> str:
    """argparse type of ``--decimal``: one character, no quote or line break; no ``tab``, which
    no number is written with (was "must be one character (or 'tab')", and took it)."""
    if len(text) != 1:
        raise FlagValueError(f"must be one character, got {text!r}")
    return _no_quote_or_line_break(text)


def _no_quote_or_line_break(text: str) -> str:
    """``text``, one character of a CSV format flag, unless a quote or a line break."""
    if text in '"\r\n':
        # the reader's refusal, in its words, said here with every other value refused: said
        # as the file was read, it went unsaid behind `--horizon x` and hid `--decimal '\n'`
        raise FlagValueError(f"must be one character (not a quote or a line break), got {text!r}")
    return text


def _selection(text: str) -> tuple[str, str]:
    """argparse type of ``--where``: ``COL=VALUE`` as ``(COL, VALUE)``.

    Example:
        >>> _selection("Store=A"), _selection("Store:A")
        Traceback (most recent call last):
        lstmkit.cli.FlagValueError: must be COL=VALUE, e.g. store=A, got 'Store:A'; write ...
    """
    col, eq, value = text.partition("=")
    if not eq or not col.strip():
        # COL as the help's `--where COL=VALUE` (was COLUMN=VALUE)
        said = f"must be COL=VALUE, e.g. store=A, got {text!r}"
        col, colon, value = text.partition(":")
        if not eq and colon and col.strip() and value.strip():
            # another tool's COL:VALUE (`--where Store:A`) was told the form alone
            said += f"; write --where {shlex.quote(f'{col.strip()}={value.strip()}')}"
        raise FlagValueError(said)
    return col.strip(), value


def csv_format_arguments(group: argparse._ActionsContainer) -> None:
    """``--sep``, ``--decimal`` and ``--thousands``: how a ``--csv`` file writes its fields and
    numbers; ``--where``: which of its rows to read (see :func:`lstmkit.data.read_csv`)."""
    group.add_argument(
        "--sep",
        type=_one_character,
        metavar="CHAR",
        help="the character between the fields of --csv: ';' for many European spreadsheets, "
        "'tab' (default: ',')",
    )
    group.add_argument(
        "--decimal",
        type=_decimal_mark,
        metavar="CHAR",
        help="the decimal mark of the values of --csv, ',' for 993,8 (default: '.')",
    )
    group.add_argument(
        "--thousands",
        type=_one_character,
        metavar="CHAR",
        help="the character between thousands in the values of --csv, ',' for 1,099 or '.' for "
        "1.099,25 (default: none)",
    )
    group.add_argument(
        "--where",
        type=_selection,
        action="append",
        metavar="COL=VALUE",
        help="read only the rows of --csv whose column COL holds VALUE: one series of a file "
        "that holds several in long format (e.g. --where store=A); repeat it for several "
        "columns",
    )


def tsv_read_with_tab(args: argparse.Namespace) -> None:
    """Set ``args.sep`` to a tab where ``--sep`` is not given and ``--csv`` is named as a
    tab-separated file (``sales.tsv``, ``sales.tsv.gz``), as ``lstmkit text`` reads one
    (:func:`lstmkit.text.labelled._named_sep`): a spreadsheet's ``.tsv`` export was read
    with commas and refused as one column, ``'Month\tSales'``."""
    from lstmkit.text.labelled import _tsv_named

    if args.sep is None and args.csv is not None and _tsv_named(args.csv):
        args.sep = "\t"


def csv_format_flags(args: argparse.Namespace) -> list[tuple[str, object]]:
    """``(flag, value)`` of the CSV format flags, for the commands' lists of stray flags."""
    return [
        ("--sep", args.sep),
        ("--decimal", args.decimal),
        ("--thousands", args.thousands),
        ("--where", args.where),
    ]


def refuse_csv_flags(args: argparse.Namespace, saved: bool = False) -> None:
    """Refuse, where no ``--csv`` is given, the flags that say how to read one: one message for
    ``forecast``, ``predict`` and ``explain`` (explain said "--fill needs --csv FILE to read
    columns from.", predict "--fill applies only with --csv FILE."). ``saved``: the command
    reads a saved model's own history without one, which the message says."""
    given = [
        flag
        for flag, value in (
            ("--date-col", args.date_col),
            ("--date-format", args.date_format),
            ("--value-col", args.value_col),
            ("--covariate-cols", args.covariate_cols),
            ("--future-cols", getattr(args, "future_cols", None)),
            ("--fill", args.fill),
            *csv_format_flags(args),
        )
        if value is not None and value != []
    ]
    if given:
        verb = "apply" if len(given) > 1 else "applies"
        without = "; without it, the saved model's own history is read" if saved else ""
        raise CLIError(f"{', '.join(given)} {verb} only with --csv FILE{without}.")


def csv_format(args: argparse.Namespace, runs_point: bool = False) -> dict[str, object]:
    """The ``sep``, ``decimal``, ``thousands`` arguments of :func:`lstmkit.data.read_csv` from
    the flags, checked (distinct characters) with the flags named. ``runs_point``: the run
    that saved the model read its data with the decimal point too (``predict``, ``explain``),
    which a ``--thousands .`` without ``--decimal`` is told."""
    from lstmkit import data

    given = {
        "sep": args.sep or ",",
        "decimal": args.decimal or ".",
        "thousands": args.thousands,
    }
    if args.decimal is None and args.thousands == ".":
        # --decimal not typed: "--decimal and --thousands must differ, both are '.'" named a
        # flag the user never gave
        raise CLIError(
            "--thousands must differ from the decimal mark, got '.', the decimal point that "
            f"--decimal reads by default{', as the run read its data' if runs_point else ''}; "
            "pass the file's decimal mark too (--decimal ',' --thousands '.' for 1.099,25)."
        )
    with as_flags(given):
        data._check_separators(**given)
    where: dict[str, str] = {}
    for col, value in args.where or []:
        if col in where:
            raise CLIError(f"--where names the column {col!r} twice; give each column once.")
        where[col] = value
    return {**given, "where": where or None}


def check_csv(path: Path, flag: str = "--csv", kind: str = "CSV", *, examples: bool = True) -> None:
    """Refuse a ``--csv`` (or another ``flag`` naming a ``kind`` of file) that is a folder, a
    device, ``-`` (standard input) or does not exist, naming the flag; a missing ``--csv``
    named as one of the README's example series (``promo.csv``), where ``examples``, with the
    ``lstmkit datasets --example`` command that writes it. A named pipe is no
    case here: every command copies a pipe (and ``-``) with :func:`read_once` before this
    (io12 made ``predict`` and ``explain`` the last to), so that it is read as a file."""
    # "-" as typed (:class:`StandardInput`), not "./-", a file named "-", which Path writes as
    # "-" too: that file was read for "-" where it was there, and "./-" was said to be standard
    # input where it was not
    if type(path) is StandardInput and str(path) == "-":
        raise CLIError(
            f"{flag} must be a {kind} file, got '-': standard input is read only once; save "
            "the data to a file and pass its name."
        )
    if getattr(path, "typed", None) == "":  # Path("") is the current folder, no folder typed
        raise CLIError(f"{flag} must name a {kind} file, got ''.")
    if path.is_dir():
        # the CSV files in it named, the path to pass quoted for the shell, as read_csv's
        # refusal names them (`--csv d` said "got the folder 'd'" alone)
        from lstmkit._checks import folder_given
        from lstmkit.data import PACKED_SUFFIXES

        names = (".csv", *(f".csv{packed}" for packed in PACKED_SUFFIXES))
        raise CLIError(
            str(
                folder_given(
                    path, flag, kind, lambda p: kind == "CSV" and p.name.lower().endswith(names)
                )
            )
        )
    if path.is_file():
        return
    if path.exists():  # a device (/dev/null) was "a pipe or a device" where a pipe was read
        raise CLIError(
            f"{flag} must be a {kind} file, got {typed_path(path)}, a device, not a file; save the "
            "data to a file and pass its name."
        )
    from lstmkit._checks import _url, not_found
    from lstmkit._examples import writes_example

    missing = not_found(path, flag, "data.txt" if flag == "--file" else "data.csv")
    # a README line pasted without the loop before it that writes its files said "file not
    # found" alone, the example's name and the command that writes it untold
    # (`--out` makes the folders that are not there; under a file it would not write)
    mine = examples and flag == "--csv" and path.suffix == ".csv"
    mine = mine and all(p.is_dir() or not p.exists() for p in path.parents)
    command = writes_example(path.stem, str(path)) if mine and _url(path) is None else None
    if command is not None:
        raise FileNotFoundError(
            f"{str(missing).removesuffix('.')}; it is one of the README's example files: "
            f"{command} writes it."
        )
    raise missing


@contextlib.contextmanager
def stdin_csv(args: argparse.Namespace, check: Callable[[], None] | None = None) -> Iterator[None]:
    """The CSV flags given as ``-`` (``--csv -``, ``--dev-csv -``: standard input, as many
    tools name it) or as a named pipe (bash's ``--csv <(zcat sales.csv.gz)``, named
    ``/dev/fd/63``; ``mkfifo``'s), each read once, whole, into a temporary copy named as the
    stream is (``'<stdin>'``, ``'/dev/fd/63'``: :func:`read_once`), which the command reads
    (its header, then its table: more than once) as a file, and which is deleted when the
    block ends, however it ends. ``--csv`` is copied first, then ``check`` runs (the refusals
    that read ``--csv`` alone: its columns listed for a missing column flag), then the
    others: a ``--dev-csv`` pipe no one writes to is not waited on before that refusal. For
    the commands that read the file they train on (``forecast``, ``text train``), which check
    their flags that need no file before this; ``predict`` and ``explain`` read their one
    ``--csv`` with :func:`read_once` after the model is loaded.

    Raises:
        CLIError: two flags given as ``-`` (standard input gives one file), or standard input
            that is a terminal (nothing piped in: the command waited for a typed CSV) or
            closed.
    """
    given = [
        (d, flag)
        for d, flag in _CSV_FLAGS.items()
        if (path := getattr(args, d, None)) is not None and _piped(path)
    ]
    stdin = [flag for d, flag in given if type(getattr(args, d)) is StandardInput]
    if len(stdin) > 1:
        raise CLIError(
            f"{' and '.join(stdin)} are each '-', standard input, which gives one file; pass "
            "the others by their names."
        )
    with contextlib.ExitStack() as copies:
        # --csv's copy, then check, then the others'; each kept after the block, its file
        # gone: main names a refusal of it by its flag
        for dest, flag in given:
            if dest == "csv":
                args.csv = copies.enter_context(read_once(args.csv, flag))
        if check is not None:
            check()
        for dest, flag in given:
            if dest != "csv":
                setattr(args, dest, copies.enter_context(read_once(getattr(args, dest), flag)))
        yield


def _piped(path: Path) -> bool:
    """Whether ``path``, a file flag's value, is read once as it streams: ``-`` (standard
    input, :class:`StandardInput`) or a named pipe (bash's ``<(zcat corpus.gz)``, named
    ``/dev/fd/63``; ``mkfifo``'s)."""
    from lstmkit._checks import _is_pipe

    return (type(path) is StandardInput and str(path) == "-") or _is_pipe(path)


@contextlib.contextmanager
def read_once(
    path: Path, flag: str, kind: str = "CSV", example: str = "sales.csv"
) -> Iterator[Path]:
    """``path``, the file of ``flag``; where it is ``-`` (standard input) or a named pipe
    (:func:`_piped`), which give their bytes once, a temporary copy of them
    (:func:`_stream_copy`), which the command reads as a file (more than once: a CSV's
    header, then its table) and which is deleted when the block ends, however it ends. The
    copy is named in messages and records as the stream is: ``'<stdin>'``, or the pipe's path
    (``'/dev/fd/63'``); compressed bytes are unpacked as they begin, as a file's are by its
    name's end. The one reading of a stream for every file flag that takes one (``--csv -`` of
    ``forecast`` and ``text train``, ``predict`` and ``explain``'s ``--csv``,
    ``text train-lm --file``, ``text predict`` and ``explain``'s ``--file``). ``kind`` and
    ``example`` (a file's name) say in a refusal what was to be piped in.

    Raises:
        CLIError: standard input that is a terminal (nothing piped in: the command waited for
            typed text) or closed.
    """
    if not _piped(path):
        yield path
        return
    shown = str(path)
    if type(path) is StandardInput:
        shown, stdin = "<stdin>", getattr(sys.stdin, "buffer", sys.stdin)
        if stdin is None or stdin.closed or stdin.isatty():
            raise CLIError(
                f"{flag} - reads the {kind} file from standard input, got "
                f"{'none' if stdin is None or stdin.closed else 'a terminal'}; pipe it in "
                f"({flag} - < {example}), or pass the file's name."
            )
        if stdin is sys.stdin:  # a text stream without bytes (a test's): read as a file object
            from lstmkit.data import _path_of

            with _path_of(stdin) as copy:
                copy._shown = copy._named = shown
                yield copy
            return
        with _stream_copy(stdin, shown) as copy:
            yield copy
        return
    with open(path, "rb") as stream, _stream_copy(stream, shown) as copy:
        yield copy


@contextlib.contextmanager
def _stream_copy(stream: IO[bytes], shown: str) -> Iterator[Path]:
    """A temporary copy of what the binary ``stream`` gives (:func:`read_once`), named
    ``shown`` (its ``str`` and its ``name``: ``'<stdin>'``, ``'/dev/fd/63'``, whose ``63``
    named nothing), deleted when the block ends. Plain text is copied as it streams, without
    pandas and without holding it (``text predict --file -`` started up to a second later with
    pandas); bytes that may be packed (not UTF-8 at their start, or holding a NUL byte there)
    are unpacked as they begin, as :func:`lstmkit.data.read_csv` unpacks a file object's."""
    from lstmkit._checks import _CopyOfObject

    head = stream.read(512)  # past a tar's magic (byte 257); no packing begins as text does
    try:  # a character cut at the head's end is no error
        plain = b"\0" not in head and codecs.getincrementaldecoder("utf-8")().decode(head) != ""
    except UnicodeDecodeError:
        plain = False
    if plain or not head:
        with tempfile.TemporaryDirectory(prefix="lstmkit-") as folder:
            copy = _CopyOfObject(folder, "data.csv")
            with open(copy, "wb") as written:
                written.write(head)
                shutil.copyfileobj(stream, written)
            copy._shown = copy._named = shown
            yield copy
        return
    import io

    from lstmkit.data import _path_of

    with _path_of(io.BytesIO(head + stream.read())) as copy:
        copy._shown = copy._named = shown
        yield copy


def add_plan_rows(columns: str, target: str, fewer: str | None, missing: int = 2) -> str:
    """How to give the ``--future-cols`` (``columns``) values a forecast step reads that the
    file lacks: rows after the ``target``'s last value; ``fewer``: the command's other lever,
    reading fewer steps (None: it has none); ``missing``: how many steps lack them, one told
    as one ("Add a row for the missing step"). Forecast and explain say it alike."""
    rows = (
        "a row for the missing step (its date"
        if missing == 1
        else "rows for the missing steps (their dates"
    )
    return (
        f"Add {rows} and {columns}, the {target} cell left empty)"
        f"{f', or {fewer}' if fewer else ''}."
    )


def steps_read(steps: Sequence[object], label: Callable[[object], str]) -> str:
    """The forecast steps whose future covariates a command reads, for its refusals: "at
    every step, A … B", and "at that step, A" for one (it was "at every step, A … A")."""
    if len(steps) == 1:
        return f"at that step, {label(steps[0])}"
    return f"at every step, {label(steps[0])} … {label(steps[-1])}"


def refuse_empty_sentences(
    sentences: list[tuple[int, str]],
    tokens: Callable[[str], list[str]],
    where: Callable[[int], str],
) -> None:
    """A CLIError naming every sentence (``where(n)`` says where it came from) that ``tokens``
    turns into no token; ``text predict`` and ``explain`` check their sentences so."""
    empty = [
        f"{where(n)} must contain at least one token, got {t!r}."
        for n, t in sentences
        if not tokens(t)
    ]
    if empty:
        raise CLIError(" ".join(empty))


def print_table(header: list[str], rows: list[tuple[str, ...]]) -> None:
    """Print ``rows`` under ``header`` in left-aligned columns, a rule of dashes between; no
    line ends in spaces (the last column was padded, which a copy into a message kept)."""
    widths = [max(len(str(r[k])) for r in [tuple(header), *rows]) for k in range(len(header))]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def writable(text: str, *, json: bool = True) -> str:
    """``text`` as stdout can write it: the characters its encoding cannot hold (a lone
    surrogate, which a language model trained on such a str generates; anything outside
    ASCII on an ASCII terminal) as backslash escapes, with one note on stderr. Printed as
    they were, they failed as "'utf-8' codec can't encode character '\\ud800'" and the text
    was lost; the plain output of the text commands and ``explain`` on a text goes through
    it, and the file names ``datasets`` and ``demo`` print. ``json``: the note says that
    ``--json`` holds them exactly (False for a line ``--json`` has not)."""
    written = _as_stdout_writes(text)
    if written is None or not written[2]:
        return text
    encoding, data, _ = written
    name = codecs.lookup(encoding).name  # "utf-8" however the stream spells it
    exact = "; --json holds them exactly" if json else ""
    print(
        f"note: characters that stdout's encoding ({name}) cannot write are printed "
        f"as Python's backslash escapes (\\ud800, \\xe9){exact}.",
        file=sys.stderr,
    )
    return data.decode(encoding)


def stdout_holds(text: str) -> bool:
    """Whether stdout's encoding writes ``text`` as it is (``…`` not on an ASCII stdout,
    ``PYTHONIOENCODING=ascii``, a C locale without UTF-8).

    Example:
        >>> import contextlib, io
        >>> with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO(), "ascii")):
        ...     holds = stdout_holds("1949-01 … 1960-12"), stdout_holds("1949-01 ... 1960-12")
        >>> holds
        (False, True)
    """
    written = _as_stdout_writes(text)
    return written is None or not written[2]


def _as_stdout_writes(text: str) -> tuple[str, bytes, bool] | None:
    """stdout's encoding, ``text`` encoded as :func:`writable` has it written (by the stream's
    own ``errors`` handler, else as backslash escapes) and whether that handler failed;
    ``None`` for a stream of str (io.StringIO), which takes every character."""
    encoding = getattr(sys.stdout, "encoding", None)
    if not encoding:
        return None
    try:
        return (
            encoding,
            text.encode(encoding, getattr(sys.stdout, "errors", None) or "strict"),
            False,
        )
    except UnicodeEncodeError:
        return encoding, text.encode(encoding, "backslashreplace"), True


def padded_column(texts: Iterable[str], width: int, align: str = "<") -> list[str]:
    """``texts`` padded to one column as stdout will show them: ``width`` columns, or as wide
    as the widest of them (a class name or token wider than the column pushed what follows it
    out of line). Each is measured as it is written where stdout's encoding cannot hold a
    character (:func:`writable`'s backslash escapes, ``caf\\xe9``, 7 columns; or the stream's
    own ``errors`` handler's), not by the characters they stand for (``café``, 4)."""
    texts = list(texts)
    columns = [_columns_as_written(text) for text in texts]
    wide = max([width, *columns])
    fills = [" " * (wide - n) for n in columns]
    if align == ">":
        return [fill + text for text, fill in zip(texts, fills, strict=True)]
    return [text + fill for text, fill in zip(texts, fills, strict=True)]


def _columns_as_written(text: str) -> int:
    """The terminal columns ``text`` takes as stdout will show it (:func:`padded_column`)."""
    from lstmkit.explain.render import _columns  # the text commands load it anyway

    written = _as_stdout_writes(text)
    if written is None:
        return _columns(text)
    encoding, data, _ = written
    return _columns(data.decode(encoding, "replace"))


def json_safe(value: Any) -> Any:
    """``value`` with every number that is not finite as ``None``, which JSON writes ``null``
    (numpy's numbers as Python's): relevances that blew up were written ``NaN`` and
    ``Infinity``, which JSON has not (jq read them as null and 1.797e+308, JavaScript's
    ``JSON.parse`` refused the line); as ``lstmkit forecast --json`` writes a forecast that is
    not finite. Numpy is not imported: its numbers are :mod:`numbers`' kinds, and its bools
    and arrays (which ``json.dumps`` refused: "Object of type bool is not JSON serializable")
    are taken as their ``tolist()``."""
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, bool | str) or value is None:
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return number if math.isfinite(number) else None
    if type(value).__module__ == "numpy" and hasattr(value, "tolist"):  # np.bool_, ndarray
        return json_safe(value.tolist())
    return value


def json_line(record: object) -> str:
    """``json.dumps(json_safe(record))``, ``record`` walked by :func:`json_safe` only where
    ``json.dumps`` refuses it as it is (a number that is not finite, numpy's): walking every
    record made ``text predict --explain --json`` of 3,000 lines of 40 tokens 0.7 s slower
    (1.0 s where 0.26 s wrote them). The lines are the same: ``json.dumps`` writes a float or
    an int as ``float()`` and ``int()`` of it would, a tuple as a list."""
    try:
        return json.dumps(record, allow_nan=False)
    except (TypeError, ValueError):
        return json.dumps(json_safe(record), allow_nan=False)


def print_sentence_blocks(blocks: list[tuple[dict[str, object], list[str]]], as_json: bool) -> None:
    """Print each sentence's ``(record, lines)`` in input order: with ``as_json`` one JSON object
    per line (JSON Lines), else the text blocks with a blank line between them; ``text predict``
    and ``explain`` print so."""
    if as_json:
        # a relevance or probability that blew up (nan, ±inf) printed NaN and Infinity, which
        # JSON has not (`text predict --explain --json`'s too): null, as explain writes them
        print("\n".join(json_line(record) for record, _ in blocks))
    else:
        # text and tokens as they came, so they hold what stdout may not encode
        print(writable("\n\n".join("\n".join(lines) for _, lines in blocks)))


def unknown_words_line(tokens: list[str], unknown: list[str], relevance: bool) -> str | None:
    """The line ``text predict`` and ``explain`` print under the unknown words where the text
    has no word the model knows (its ``tokens``, the distinct ``unknown`` ones read as
    ``<unk>``): its prediction (and with ``relevance``, its relevance) is the unknown-word
    token's, not the words'. Punctuation the vocabulary holds does not count as a known word:
    ``zzz , qqq !`` was told nothing and printed 'positive' 0.638 from SST-2's model (``<unk>``
    twice, a comma and "!"), where ``zzz qqq`` got the line. ``None`` where a word is known."""
    from lstmkit.explain.render import printable
    from lstmkit.text.sst import _has_word

    unread = set(unknown)
    if not unread:
        return None
    read = [tok for tok in tokens if tok not in unread]
    if any(_has_word(tok) for tok in read):
        return None
    times = len(tokens) - len(read)
    what = "prediction and its relevance are" if relevance else "prediction is"
    whose = "the unknown-word token's"
    marks = ""
    if read:  # the punctuation named, as the unknown words are
        marks = f" and punctuation alone ({' '.join(map(printable, dict.fromkeys(read)))})"
        whose += " and the punctuation's"
    return (
        f"every word is unknown: the model read <unk> {times} time{'s' * (times != 1)}{marks}, "
        f"so the {what} {whose}, not these words'"
    )


def read_sentences(file: str) -> list[tuple[int, str]]:
    """The sentences of ``--file FILE``, one per line (UTF-8; ``-``: stdin), as ``(line number,
    sentence)`` pairs; blank lines are skipped. A line ends at a newline (``\\n``, ``\\r\\n`` or
    ``\\r``) only, so the numbers are an editor's. ``text predict`` and ``explain`` read them so.

    A byte-order mark at the start (Notepad's and Excel's "UTF-8 with BOM") is dropped, not read
    as part of the first word. A compressed file is unpacked by its name's end as ``--csv`` is
    (:func:`lstmkit._checks.text_file`); standard input and a pipe are read once as ``--csv -``
    is (:func:`read_once`), compressed bytes unpacked as they begin."""
    # "-" piped a gzip file in: refused, told to unpack it into the pipe, which --csv - unpacks;
    # a pipe (bash's <(...)) was "is not a file"
    given = user_path(file)
    with read_once(given, "--file", "text", "sentences.txt") as path:
        sentences = _sentences_of(path, repr(file) if path is given else typed_path(path))
    _note_table_file(file, sentences)
    return sentences


def _note_table_file(file: str, sentences: list[tuple[int, str]]) -> None:
    """Say on stderr that a ``--file`` named as a CSV or TSV (``reviews.csv``, ``.tsv.gz``) is
    read one sentence per line, each line whole: a student's own labelled CSV, given to
    ``text predict --file``, had its header classified as a sentence and each row's label read
    into its text, with nothing said. Its pandas line drops the column's empty cells, NaN to
    pandas, which ``'\\n'.join`` refused (a spreadsheet's blank rows)."""
    name = Path(file).name.lower()
    for packed in (".gz", ".bz2", ".xz", ".zst", ".zip"):
        name = name.removesuffix(packed)
    if not name.endswith((".csv", ".tsv")):
        return
    line, first = sentences[0]  # (none: refused already)
    # a file of one column (its first line without the separator) has no other fields: the
    # note said "a row's other fields (its label) are part of its text" of it too
    fields = "\t" if name.endswith(".tsv") else ","
    others = (
        ", and a row's other fields (its label) are part of its text" if fields in first else ""
    )
    # the pandas line reads this file, not a frame `df` the user never made; a header of one
    # column (line 1) names it as pandas reads it (R's write.csv quotes it, "review": the
    # column is review), else `col` stands for the text column's name
    tab = ", sep='\\t'" if fields == "\t" else ""
    read = f"pd.read_csv({file!r}{tab})"
    cells = next(csv.reader([first], delimiter=fields))
    one = line == 1 and not others and len(cells) == 1
    column, whose = (repr(cells[0]), "") if one else ("col", ", with col the texts' column")
    print(
        f"note: --file {file!r} is read one sentence per line, each line whole: its line "
        f"{line} ({first!r}) is a sentence too{others}. To classify a column, write its texts "
        f"alone, one per line (pandas{whose}: "
        f"Path('texts.txt').write_text('\\n'.join({read}[{column}].dropna()))), and give that "
        "file.",
        file=sys.stderr,
    )


def _sentences_of(path: Path, name: str) -> list[tuple[int, str]]:
    """:func:`read_sentences` of the file at ``path``, named ``name`` in messages."""
    from lstmkit._checks import text_file

    # a folder, a device, a missing file or a URL said as train-lm's --file and every --csv
    # say them ("--file 'runs' is not a file." read apart from them), as a CLIError all
    try:
        check_csv(path, "--file", "text")
    except FileNotFoundError as err:
        raise CLIError(str(err)) from None
    # a NUL byte is U+0000 to the tokenizer: a UTF-16 file without a byte-order mark was read as
    # sentences of unknown words, each letter apart; a byte not UTF-8 is named with the file's
    # likely encoding ("byte 5: invalid continuation byte" named neither)
    try:
        # unpacked as train-lm's --file is: a .gz file's bytes were refused as not UTF-8
        text = text_file(path, f"--file {name}")
    except ValueError as err:
        # Windows-1252's likely (Notepad's "ANSI"): the command that converts it, as --csv's
        raise CLIError(_with_conversion(str(err), path, "--file")) from None
    # lines end at "\n", "\r\n" or "\r" only, as an editor numbers them:
    # str.splitlines() also broke at form feeds, "\x1c" and "\u2028", inside a sentence
    rows = re.split(r"\r\n|\r|\n", text)
    lines = [(n, line) for n, line in enumerate(rows, 1) if line.strip()]
    if not lines:
        said = "is empty" if not text else "holds no sentence (every line is blank)"
        raise CLIError(f"--file {name} {said}; expected one sentence per line.")
    return lines


@contextlib.contextmanager
def written_together(out: Path, stale: Iterable[str] = ()) -> Iterator[Path]:
    """A folder inside ``out`` to write a run's files into (the model's folder too), all of
    which go into ``out`` together once the block ends: each replaces its namesake, and the
    files of ``stale`` that this run did not write are removed, so the folder describes this
    run alone. A block stopped part-way (Ctrl-C, an error) leaves ``out`` as it was (and
    removes it, and the folders above it made for it, if this run made them): a rerun stopped
    so left its new model and forecast beside the run.json and training.png of the run before,
    which described another seed. Ctrl-C or SIGTERM waits while the files are moved
    (milliseconds), then stops the command.
    """
    # the folders this run makes, deepest first: `--out runs/a/b` may make runs/ and runs/a
    made = [folder for folder in (out, *out.parents) if not folder.exists()]
    out.mkdir(parents=True, exist_ok=True)
    # a killed run's staging folder (a whole model), once its process is gone
    # mkdtemp's 8 random characters of a-z, 0-9 and _ alone: `\w+` took a user's folder
    # `.lstmkit-PID.MACHINE-my_old_run.tmp` for one and removed it with all it held
    remove_orphans(out, rf"\.lstmkit-{OWNER}-[a-z0-9_]{{8}}\.tmp")
    staging = Path(tempfile.mkdtemp(prefix=f".lstmkit-{owner()}-", suffix=".tmp", dir=out))
    try:
        with _out_refused(out, staging):
            yield staging
        # the records last (a model's config.json, a run's run.json, a prediction's or an
        # explanation's): a folder holding them holds the whole run, and one without them is
        # told it may be a stopped run's (lstmkit.io.unmarked_files)
        written = sorted(
            staging.iterdir(), key=lambda e: (RECORD.fullmatch(e.name) is not None, e.name)
        )
        # before any file moves: one refused leaves ``out`` as it was (a command checks them
        # before its work too; this catches the text commands' and a file made read-only since)
        refuse_read_only(out, [*_written_names(written), *stale])
        with _interrupts_held():
            _moved_together(out, written, stale)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in made:  # those still empty: a run that wrote nothing leaves no trace
            if any(folder.iterdir()):
                break
            folder.rmdir()


def _moved_together(out: Path, written: Sequence[Path], stale: Iterable[str]) -> None:
    """The staged ``written`` moved into ``out``, each over its namesake, and the files of
    ``stale`` that this run did not write removed (:func:`remove_stale`), all or none: the
    earlier run's files are moved aside first (a rename in the same folder) and put back where
    a move fails part-way (a folder of a file's name, ``IsADirectoryError``), which left this
    run's first files beside the earlier run's record."""
    aside = Path(tempfile.mkdtemp(prefix=f".lstmkit-{owner()}-", suffix=".tmp", dir=out))
    moved: list[Path] = []  # this run's, in out
    kept: list[tuple[Path, Path]] = []  # the earlier run's: where it was, where it is aside

    def set_aside(path: Path) -> None:
        # os.rename: a name aside, and back, that nothing holds (os.replace moves this run's in)
        kept.append((path, aside / str(len(kept))))
        os.rename(*kept[-1])

    try:
        targets = {out / entry.name for entry in written}
        for entry in written:
            target = out / entry.name
            # a file over a file, a folder over a folder (which os.replace refuses); one over
            # the other is refused by os.replace below, as it was
            if (target.is_dir() and not target.is_symlink()) == entry.is_dir() and (
                target.exists() or target.is_symlink()
            ):
                set_aside(target)
            os.replace(entry, target)
            moved.append(target)
        for path in stale_left(out, stale, targets):  # set aside to be put back
            set_aside(path)
    except BaseException as err:
        if isinstance(err, OSError):  # a move's, told as --out's by the commands that name it
            err.moved_in = tuple(p.name for p in moved)  # type: ignore[attr-defined]
        for target in reversed(moved):
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    target.unlink()
        for where, at in reversed(kept):
            with contextlib.suppress(OSError):
                os.rename(at, where)
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)


@contextlib.contextmanager
def _out_refused(out: Path, staging: Path) -> Iterator[None]:
    """The system's refusal of a write into ``staging`` (a full disk, a file too large), which
    names no file or a hidden one of ``staging``, said as the refusal of ``--out`` (``out``):
    "--out 'runs/x' cannot be written: No space left on device.", still an ``OSError`` (exit
    code 1). A plot or a CSV that filled the disk said "[Errno 28] No space left on device"
    alone, no word of where; a refusal naming another file (the model read) is raised as it
    came."""
    try:
        yield
    except OSError as err:
        named = err.filename
        inside = named is None or (
            isinstance(named, (str, bytes, os.PathLike))
            and Path(os.fsdecode(named)).absolute().is_relative_to(staging.absolute())
        )
        if not inside or err.strerror is None or type(err) is not OSError:
            raise
        refused = OSError(f"--out {typed_path(out)} cannot be written: {err.strerror}.")
        refused.errno = err.errno
        raise refused from None


def _written_names(entries: Iterable[Path]) -> list[str]:
    """The names, relative to ``--out``, of the files that ``entries`` (staged files and
    folders) replace there: a staged folder replaces the files of its namesake too."""
    return [
        f"{entry.name}/{file.name}" if entry.is_dir() else entry.name
        for entry in entries
        for file in (entry.iterdir() if entry.is_dir() else [entry])
    ]


def refuse_read_only(out: Path | None, files: Iterable[str]) -> None:
    """Refuse an ``--out`` whose files of ``files`` (names in it) the command would replace or
    delete where one is read-only, as a plot or `lstmkit datasets --out` refuses one
    (:func:`lstmkit._figures.read_only`): renamed over, it was replaced without a word. A
    symbolic link is replaced, not its file, so it is no such file."""
    from lstmkit._figures import renamed_over_read_only

    if out is None:
        return
    held = renamed_over_read_only(out, files)
    if len(held) == 1:
        ((name, why),) = held.items()
        raise CLIError(f"--out {str(out)!r} holds {name}, which cannot be written: {why}.")
    if held:
        raise CLIError(
            f"--out {str(out)!r} holds {_and(*held)}, which cannot be written: they "
            "are read-only, and lstmkit does not replace a read-only file; make them writable "
            "(chmod u+w) or choose another path."
        )


def refuse_all(*checks: Callable[[], object]) -> None:
    """Run each of ``checks`` (the refusals of an ``--out``: :func:`refuse_read_only`,
    :func:`refuse_unmarked`), and raise one :class:`CLIError` of all those that refused, in
    their order: a folder holding a read-only file and files of the user's took two runs to
    hear of both."""
    said = []
    for check in checks:
        try:
            check()
        except CLIError as err:
            said.append(str(err))
    if said:
        raise CLIError(" ".join(said))


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back in the block, and delivered as they came on leaving it.

    Their handlers only note them meanwhile. A signal mask would not do: it holds a signal
    back from this thread alone, and the kernel hands a signal sent to the process to another
    of its threads (numpy's and torch's workers), whose arrival Python then raises here at once.
    Outside the main thread, where no handler can be set (nor runs), the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    held = {}
    for signum in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        # None: no signal, or a handler set outside Python, which cannot be put back
        if signum is not None and (handler := signal.getsignal(signum)) is not None:
            held[signum] = handler
            signal.signal(signum, lambda number, frame: came.append(number))
    try:
        yield
    finally:
        for signum, handler in held.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(came):  # its own handler now: Ctrl-C raises here
            signal.raise_signal(signum)


def stale_left(out: Path, names: Iterable[str], written: Iterable[Path]) -> list[Path]:
    """The files of ``names`` that an earlier run left in ``out`` and this one did not write
    (``written``): what :func:`remove_stale` removes and a write into ``out`` sets aside."""
    kept = set(written)
    return [out / name for name in names if out / name not in kept and (out / name).is_file()]


def remove_stale(out: Path, names: Iterable[str], written: Iterable[Path]) -> None:
    """Remove the files of ``names`` that an earlier run left in ``out`` and this one did not
    write, so that the folder describes this run alone."""
    for path in stale_left(out, names, written):
        path.unlink()


def threads_flag(
    parser: argparse.ArgumentParser, what: str = "the training", changes: str = "trained model"
) -> None:
    """Adds ``--threads N``, which :func:`_run` applies for the command's duration."""
    parser.add_argument(
        "--threads",
        type=whole_number,
        default=None,
        metavar="N",
        help=f"torch CPU threads for {what} (default: torch's own, one per core, or "
        "OMP_NUM_THREADS). Threads that share cores with other busy processes slow down many "
        "times over; --threads 1 avoids that. The thread count can change the float rounding, "
        f"so the {changes} too",
    )


def overwrite_flag(
    parser: argparse._ActionsContainer, what: str, *, models: bool, deletes: str = ""
) -> None:
    """Adds ``--overwrite``, which lets ``--out`` write over files of the names ``what`` (its
    output: "the model's files") that the folder holds without the record that marks them as
    this command's own (a killed run's, a user's), as Keras' ``model.save(..., overwrite=True)``
    does; refused otherwise (:func:`lstmkit.io.unmarked_files`). ``models``: the command saves
    a model, which ``--overwrite`` saves over another kind's too (``predict`` and ``explain``
    still refuse a saved model's folder: the help said they wrote over it). ``deletes``: the
    clause saying which of those files the command deletes rather than writes over."""
    over = ", or over another kind of saved model," if models else ""
    over += deletes
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help=f"write {what} into --out over files of their names that lstmkit did not mark as "
        f"its own (a stopped run's, or yours){over} instead of refusing the folder",
    )


def refuse_overwrite_without_out(args: argparse.Namespace) -> None:
    """Refuse ``--overwrite`` without ``--out``: nothing is written then, and the flag, which
    did nothing, was taken without a word."""
    if args.overwrite and args.out is None:
        raise CLIError("--overwrite needs --out: without it nothing is written to overwrite.")


def progress_flag(parser: argparse._ActionsContainer, over: str = "") -> None:
    """Adds ``--progress`` / ``--no-progress`` to a parser or one of its groups, as every
    command that draws bars has them: ``None`` when neither is given, for
    :func:`lstmkit._checks.show_progress` to resolve (on when stderr is a terminal)."""
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=f"progress bar on stderr{over} (default: on when stderr is a terminal)",
    )


# Everything `lstmkit explain` may write into --out (a rerun removes the ones it does not write
# again), and the numbered files of several sentences, one pair each.
EXPLAIN_FILES = (
    "relevance.png",
    "relevance.csv",
    "decoder_relevance.csv",
    "explanation.json",
    "explanation.html",
    "relevance.json",
)
EXPLAIN_NUMBERED = re.compile(r"explanation-[0-9]+\.html|relevance-[0-9]+\.json")
# What `lstmkit predict --out` writes, prediction.json (its record) last.
PREDICT_FILES = ("forecast.csv", "forecast.png", "prediction.json")
# flags asking for a plot (matplotlib's show, R's plot) that the commands writing one into
# --out lack (their_notes: `--plot` was "unrecognized arguments" alone)
PLOT_FLAGS = ("--plot", "--plots", "--show", "--png")


def refuse_unmarked(
    out: Path | None,
    files: tuple[str, ...] | list[str],
    marker: str,
    what: str,
    command: str,
    does: str = "overwrite",
) -> None:
    """Refuse an ``--out`` holding some of ``files``, ``command``'s output, without ``marker``,
    the record it moves in last (:func:`written_together`): a user's files, another
    program's or a stopped run's, which the run would ``does`` (:func:`lstmkit.io.unmarked_files`),
    and ``--overwrite`` would too (said "replace" where ``does`` is "overwrite").

    A record (those of ``files`` named as :data:`lstmkit._records.RECORD` names them) marks
    the folder only where lstmkit wrote it (:func:`lstmkit.io._record_problem`): one of a
    user's or another program's, or one that is no JSON, is a file of theirs like the others,
    named as such.
    """
    from lstmkit.io import _record_problem, unmarked_files

    if out is None or not out.is_dir():
        return
    records = [f for f in files if RECORD.fullmatch(f) and (out / f).is_file()]
    foreign = {f: why for f in records if (why := _record_problem(out / f)) is not None}
    if len(foreign) < len(records):  # one of lstmkit's: an earlier run's folder, rewritten
        return
    if problem := unmarked_files(
        out,
        "--out",
        files,
        marker,
        what,
        lambda them: f"`{command}` would {does} {them}",
        "replace" if does == "overwrite" else does,
        foreign,
    ):
        raise CLIError(problem)


# What each kind of saved model is called in the note of a command that replaced it
# (note_replaced): a run of `lstmkit forecast` is its run folder, whose model is in model/
_REPLACED = {
    "classifier": "the classifier",
    "charlm": "the character language model",
    "seq2seq": "the sequence-to-sequence model",
    "lstmkit.Forecaster": "the forecaster",
    "forecast run": "the forecast run",
}


def saved_before(out: Path) -> tuple[str, str] | None:
    """What ``out`` holds that a command's save is about to replace, read before it does:
    ``(kind, figures)``, where kind is a key of :data:`_REPLACED` (a saved model's
    ``config.json`` names it; a ``run.json`` that lstmkit wrote, or a model in ``model/``, is a
    forecast run) and figures the clause :func:`note_replaced` shows (``""`` where its metrics
    are not there or not readable); None where it holds no saved model of a known kind."""
    from lstmkit import io
    from lstmkit.explain.render import printable

    def read(file: Path) -> Any:
        try:
            return io.read_json(file) if file.is_file() else None
        except (OSError, ValueError):  # unreadable: the save's own checks said so
            return None

    def number(x: Any) -> bool:  # NaN or inf, edited in by hand, printed "RMSE nan"
        try:
            return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
        except OverflowError:  # an int of 400 digits, no float: its `:.4f` failed the run
            return False

    def seed(m: dict[str, Any]) -> str:  # a JSON true is an int to isinstance: "seed True"
        s = m.get("seed")
        return f", seed {s}" if isinstance(s, int) and not isinstance(s, bool) else ""

    config = read(out / io.CONFIG_FILE)
    kind = config.get("kind") if isinstance(config, dict) else None
    if isinstance(kind, str) and kind in _REPLACED:
        figures = ""
        # a classifier's figures are in its metrics.json; the others' in their config.json
        m = read(out / "metrics.json") if kind == "classifier" else config.get("metrics")
        if not isinstance(m, dict):
            return kind, ""
        # what it learnt, where the command saved it: the classifier's task or --csv file's
        # name, the language model's corpus, the sequence-to-sequence model's task
        named = m.get("corpus" if kind == "charlm" else "task")
        task = f"{printable(named)}: " if isinstance(named, str) else ""
        accuracies = number(m.get("dev_accuracy")) and number(m.get("test_accuracy"))
        if kind == "classifier" and accuracies:
            figures = (
                f" ({task}dev accuracy {m['dev_accuracy']:.4f}, test accuracy "
                f"{m['test_accuracy']:.4f}{seed(m)})"
            )
        elif kind == "charlm" and number(m.get("best_val_loss")) and number(m.get("best_step")):
            steps = f" of {m['steps']}" if number(m.get("steps")) else ""
            figures = (
                f" ({task}best validation loss {m['best_val_loss']:.4f} nats/char at step "
                f"{m['best_step']}{steps}{seed(m)})"
            )
        elif kind == "seq2seq" and number(m.get("greedy_accuracy")):
            beam = f", {m['beam_accuracy']:.4f} beam" if number(m.get("beam_accuracy")) else ""
            figures = (
                f" ({task}held-out sequence accuracy {m['greedy_accuracy']:.4f} greedy{beam}"
                f"{seed(m)})"
            )
        return kind, figures
    model = read(out / "model" / io.CONFIG_FILE)
    run = io._read_record(out / "run.json")[0]  # checked and parsed once, None if not lstmkit's
    if run is None and not (isinstance(model, dict) and model.get("kind") == "lstmkit.Forecaster"):
        return None
    if run is None:
        return "forecast run", ""
    name = f"{printable(run['dataset'])}: " if isinstance(run.get("dataset"), str) else ""
    scores = run.get("metrics")
    model_scores = scores.get("model") if isinstance(scores, dict) else None
    rmse = model_scores.get("rmse") if isinstance(model_scores, dict) else None
    holdout = run.get("holdout")
    if number(rmse) and isinstance(holdout, int) and not isinstance(holdout, bool) and holdout > 0:
        points = f"{holdout} held-out point{'s' if holdout != 1 else ''}"
        return "forecast run", f" ({name}RMSE {rmse:.4f} on {points}{seed(run)})"
    # --holdout 0, fitted on every point, nothing scored (or no finite RMSE): data and seed
    said = ", ".join(x for x in (name[:-2], seed(run)[2:]) if x)
    return "forecast run", f" ({said})" if said else ""


def note_replaced(out: Path, earlier: tuple[str, str] | None) -> None:
    """Say on stderr that a command's run, now saved to ``out``, replaced what
    :func:`saved_before` found there before it (nothing where ``earlier`` is None): a rerun into
    the same ``--out`` replaced the model trained before without a word. Called after the
    save, so that a refused or failed run, which leaves the folder as it was, says nothing."""
    if earlier is None:
        return
    kind, figures = earlier
    print(
        f"note: replaced {_REPLACED[kind]} that was saved in {str(out)!r}{figures}; give "
        "another --out to keep both.",
        file=sys.stderr,
    )


def refuse_other_output(out: Path | None, command: str, allowed: tuple[str, ...] = ()) -> None:
    """Refuse an ``--out`` that holds another command's output, whose files this command's
    would mix with (and whose model or run record would then describe something else).

    ``allowed``: what may be there, of ``"model"`` (a saved model's ``config.json``, which the
    text commands check by kind themselves), ``"forecast run"`` (a ``run.json`` that lstmkit
    wrote, ``model/``, or either), ``"series runs"`` (``summary.csv`` of ``lstmkit forecast
    --series-col``), ``"prediction"`` (a ``forecast.csv`` outside a forecast run: ``lstmkit
    predict``'s output or a file of the user's, or a ``prediction.json`` that lstmkit wrote)
    ``"explanation"`` (the files of ``lstmkit explain``, :data:`EXPLAIN_FILES`) and
    ``"evaluation"`` (an ``evaluation.json`` of ``lstmkit text evaluate``'s). A
    ``run.json`` or ``prediction.json`` that lstmkit did not write (:func:`_lstmkit_record`)
    is the user's, as an explanation's record is: it was said to be a forecast run's, or a
    prediction's, by its name alone.
    """
    if out is None or not out.is_dir():
        return
    found = []
    if "model" not in allowed and (out / "config.json").is_file():
        # of its kind, as the text commands' refusal of another kind's folder names it ("already
        # holds a saved model of kind 'seq2seq'"): `lstmkit forecast` said which model alone
        found.append(f"a saved model{_of_kind(out / 'config.json')} (config.json)")
    record, model = _lstmkit_record(out / "run.json"), (out / "model" / "config.json").is_file()
    run = record or model
    if "forecast run" not in allowed and run:
        found.append(_run_held(record, model))
    if "prediction" not in allowed and not run:
        # its record alone, where its forecast.csv was moved away, is a prediction's too
        if (out / "forecast.csv").is_file():
            found.append("a forecast.csv (`lstmkit predict` writes one)")
        elif _lstmkit_record(out / "prediction.json"):
            found.append("a prediction.json (`lstmkit predict` writes one)")
    if "series runs" not in allowed and (out / "summary.csv").is_file():
        found.append("the runs of `lstmkit forecast --series-col` (summary.csv)")
    if "explanation" not in allowed:
        if names := explain_files(out):
            found.append(f"an explanation ({', '.join(names)}; `lstmkit explain` writes them)")
    if "evaluation" not in allowed and _lstmkit_record(out / "evaluation.json"):
        found.append("a classifier's evaluation (`lstmkit text evaluate` writes evaluation.json)")
    if found:
        raise CLIError(
            f"--out {str(out)!r} holds {' and '.join(found)}; `{command}` would mix its files "
            "with it. Choose another folder."
        )


def _of_kind(config: Path) -> str:
    """`` of kind 'charlm'``, the kind a saved model's ``config`` names; ``""`` where it names
    none or is not read (another program's, damaged, or larger than a saved model's config
    is: lstmkit writes kilobytes), read without torch, which a refusal need not load."""
    try:
        if config.stat().st_size > 1 << 20:
            return ""
        saved = json.loads(config.read_text("utf-8-sig"))
    except (OSError, ValueError, RecursionError):  # undecodable, no JSON, nested too deep
        return ""
    kind = saved.get("kind") if isinstance(saved, dict) else None
    return f" of kind {kind!r}" if isinstance(kind, str) else ""


def _lstmkit_record(file: Path) -> bool:
    """Whether ``file`` (``run.json``, ``prediction.json``) is there and a record that lstmkit
    wrote (:func:`lstmkit.io._record_problem`); torch is imported only where it is there."""
    if not file.is_file():
        return False
    from lstmkit.io import _record_problem

    return _record_problem(file) is None


def explain_files(folder: Path) -> list[str]:
    """The names of the files of ``lstmkit explain --out`` that ``folder`` holds:
    :data:`EXPLAIN_FILES` in their order, then the numbered ones (:data:`EXPLAIN_NUMBERED`)
    by name; a classifier's (no forecaster's file) with its ``relevance.png`` last, as it
    writes it: its pages and records came after the figure, "(relevance.png, explanation.html,
    relevance.json)"."""
    names = [name for name in EXPLAIN_FILES if (folder / name).is_file()]
    names += sorted(f.name for f in folder.iterdir() if EXPLAIN_NUMBERED.fullmatch(f.name))
    forecaster = {"relevance.csv", "decoder_relevance.csv", "explanation.json"}
    if "relevance.png" in names[:1] and names[1:] and not forecaster.intersection(names):
        names = [*names[1:], "relevance.png"]
    return names


def _run_held(record: bool, model: bool) -> str:
    """What :func:`refuse_other_output` says a folder holds that has ``run.json`` (``record``)
    or a saved model in its ``model/`` (``model``), or both, as ``lstmkit forecast`` writes
    them: each named only where it is."""
    if not record:
        return "a saved model in its model/ (as `lstmkit forecast` writes one)"
    return f"a `lstmkit forecast` run (run.json{', model/' if model else ''})"


def model_subdir(path: Path) -> Path:
    """:func:`lstmkit.io.model_subdir`, which ``Forecaster.load`` and the text loaders use too,
    imported when called (it imports torch)."""
    from lstmkit.io import model_subdir as subdir  # torch: not at the CLI's start

    return subdir(path)


def series_folders(path: Path) -> list[Path]:
    """The folders of the series of the `lstmkit forecast --series-col` run written into
    ``path`` (its summary.csv beside them), each with its model/, by name; ``[]`` where
    ``path`` holds no such run (or cannot be read)."""
    try:
        if not (path / "summary.csv").is_file():
            return []
        return sorted(p for p in path.iterdir() if (p / "model" / "config.json").is_file())
    except OSError:
        return []


def _meant_folder(path: Path) -> str:
    """What a model folder that does not exist may have meant: a bundled dataset's name
    (``lstmkit predict airline``, the dataset where the folder goes), or a folder beside it
    one slip away (``runs/airlin``); ``""`` where neither. Both were told "does not exist"
    alone."""
    from lstmkit._datasets import _ALIASES, DATASETS
    from lstmkit._remedies import windows_separators

    if meant := windows_separators(path):  # 'runs\\airline' of runs/airline
        return meant
    name = str(path)
    # in any case, with its file's .csv too, as `lstmkit datasets --example` takes it
    # (`lstmkit predict Airline` or `airline.csv` was told "does not exist" alone)
    key = name.strip().lower().removesuffix(".csv")
    if len(path.parts) == 1 and _ALIASES.get(key, key) in DATASETS:
        dataset = _ALIASES.get(key, key)
        return (
            f"; {name!r} names a bundled dataset, not a saved model: `lstmkit forecast "
            f"{dataset} --out runs/{dataset}` fits one and saves it in runs/{dataset}, the "
            "folder to give"
        )
    try:
        names = sorted(p.name for p in path.parent.iterdir() if p.is_dir())
    except OSError:
        return ""
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.8)
    return f" (did you mean {pasted_path(path.parent / close[0])}?)" if close else ""


def resolve_model_dir(path: Path) -> Path:
    """A saved model's folder: ``path``, or its ``model/`` (``lstmkit forecast --out``)."""
    from lstmkit._checks import url_folder

    if (url := url_folder(path, "model")) is not None:  # not "'s3:/b/m' does not exist"
        raise CLIError(url)
    if not path.exists():
        raise CLIError(f"model folder {typed_path(path)} does not exist{_meant_folder(path)}.")
    if not path.is_dir():  # as the text commands say it (was "no config.json in it")
        from lstmkit.io import _saved_folder_of

        ours = _saved_folder_of(path)  # its config.json: the folder to give, as load tells it
        raise CLIError(
            f"{typed_path(path)} is a file, not a saved model's folder"
            + (f"; give the folder that holds it, {pasted_path(ours)}." if ours else ".")
        )
    if (model := model_subdir(path)) != path:
        return model
    if not (path / "config.json").is_file():
        # a folder holding the weights alone was "not a saved lstmkit model", as an empty one
        from lstmkit.io import _half_saved_config  # (model_subdir has imported io already)

        if (half := _half_saved_config(path)) is not None:
            raise CLIError(half)
        runs = series_folders(path)
        hint = (
            f"; it holds the runs of `lstmkit forecast --series-col`, one folder per series: "
            f"give one of them, e.g. {pasted_path(runs[0])}"
            if runs
            else _output_hint(path)
        )
        raise CLIError(
            f"{typed_path(path)} is not a saved lstmkit model (no config.json in it or in its "
            f"model/ subfolder){hint}."
        )
    return path


def _output_hint(path: Path) -> str:
    """Where ``path`` holds the files of ``lstmkit explain --out`` or ``lstmkit predict --out``
    (given for the model they came from), the clause that says so and names that model as its
    record has it; else ``""``."""
    try:
        names = explain_files(path)
        command, did = "explain", "explained"
        records: tuple[str, ...] = ("explanation.json", "relevance.json", "relevance-1.json")
        if not names:  # a prediction's folder was told no more than an empty one
            names = [name for name in PREDICT_FILES if (path / name).is_file()]
            command, did, records = "predict", "came from", ("prediction.json",)
    except OSError:
        return ""
    if not names:
        return ""
    model = None
    for name in records:
        with contextlib.suppress(OSError, ValueError):  # a damaged record names no model
            record = json.loads((path / name).read_text(encoding="utf-8"))
            if isinstance(record, dict) and isinstance(record.get("model"), str):
                model = record["model"]
                break
    which = ""
    if model:
        # the path as that run was given it: relative to the folder it ran in, which need not
        # be this one ("give that folder" named one that did not exist from here)
        try:
            here = Path(model).is_dir()
        except OSError:
            here = False
        which = f", which {did} the model {model!r}" + (
            ": give that folder" if here else " (as that run was given it; no such folder here)"
        )
    return f"; it holds the files `lstmkit {command}` writes ({', '.join(names)}){which}"


def note_extra_jobs(jobs: int, ensemble: int, quiet: bool = False) -> None:
    """Say on stderr that ``--jobs`` above ``--ensemble`` starts no more processes than there
    are members. Not an error: like joblib's ``n_jobs`` (Darts, scikit-learn), ``--jobs`` is how
    many may train at once, and every value gives the same members."""
    if quiet or jobs <= ensemble:
        return
    print(
        f"note: --jobs {jobs} is more than --ensemble {ensemble}: "
        + (
            f"the {ensemble} members train at once: one in this process, "
            + ("the other" if ensemble == 2 else f"the other {ensemble - 1} each")
            + " in a worker process."
            if ensemble > 1
            else "the one member trains in this process."
        ),
        file=sys.stderr,
    )


# the start of argparse's error for missing required arguments
_REQUIRED = "the following arguments are required: "
# argparse's refusal of a value none of an argument's choices (3.12.10 lists them unquoted)
_INVALID_CHOICE = re.compile(r"argument (.+?): invalid choice: ('.*'|\".*\") \(choose from ")

# the actions of the flags that end the command at once (the help, the version): another flag
# given with one of them does nothing, so no guess puts one beside them
_EXITS = (argparse._HelpAction, argparse._VersionAction)

# argparse's refusal of a word read as short flags with letters after the last one
# ("argument -v/--verbose: ignored explicit argument 'z'"): that flag and the letters, as repr
_IGNORED = re.compile(r"argument (-[^-])(?:/\S+)?: ignored explicit argument (.+)")


def _with_value(flag: str, value: str | None) -> str:
    """A stray flag as an error names it: with the value argparse gave a positional
    (``--epochs 1``), else alone."""
    return flag if value is None else f"{flag} {value}"


def _separator_in_each_positional() -> bool:
    """Whether this Python's argparse takes a ``--`` out of the words of each positional, not
    only the first ``--`` (the end of the flags): 3.11, 3.12.1 and 3.13.0 do, late 3.12
    releases (3.12.10) and later ones do not."""
    probe = argparse.ArgumentParser(add_help=False)
    probe.add_argument("first")
    probe.add_argument("rest", nargs="*")
    return probe.parse_args(["x", "--", "--"]).rest == []


_SEPARATOR_IN_EACH_POSITIONAL = _separator_in_each_positional()


def _optional_taken_empty() -> bool:
    """Whether this Python's argparse gives an optional positional (``nargs="?"``) nothing
    where a flag comes between it and the positional before it (`predict DIR --json airline`
    left "airline" over): 3.11, 3.12.1 and 3.13.0 do, late 3.12 releases (3.12.10) do not."""
    probe = argparse.ArgumentParser(add_help=False)
    probe.add_argument("first")
    probe.add_argument("second", nargs="?")
    probe.add_argument("--flag", action="store_true")
    return probe.parse_known_args(["x", "--flag", "y"])[0].second is None


_OPTIONAL_TAKEN_EMPTY = _optional_taken_empty()


# Darts', NeuralForecast's and sktime's names, as flags, for lstmkit's flags that difflib finds
# no likeness in (--past-covariates named no --covariate-cols)
_THEIR_FLAGS = {
    "past-covariates": "covariate-cols",
    "future-covariates": "future-cols",
    "futr-exog-list": "future-cols",
    "hist-exog-list": "covariate-cols",
    "quantiles": "interval",
    "level": "interval",
    "forecast-horizon": "horizon",
    "input-chunk-length": "lookback",
    "output-chunk-length": "horizon",
    "n-epochs": "epochs",
    "random-state": "seed",
    "target": "value-col",
    "fh": "horizon",
    "coverage": "interval",
    # the classic Keras tutorial's: --scaler was asked "did you mean --calendar?"
    "scaler": "scaling",
    "units": "hidden-size",
    "validation-split": "val-size",
    "test-size": "holdout",  # scikit-learn's, as the Python API tells it (was bare)
    "train-size": "holdout",  # its complement: lstmkit says how much is held out (was bare)
}


def _did_you_mean(guesses: list[str], listed: str) -> str:
    """The question after the unrecognized arguments ``listed``: ``"did you mean --json?"`` for
    the one flag among them, each guess with the flag it is for where they hold several
    (``"did you mean --json for --jsn, --epochs for --epocs?"``). The one place the guesses
    (``"--json for --jsn"``) are worded: "--jsn; did you mean --json for --jsn?" named the flag
    just refused twice."""
    flags = {word.partition("=")[0] for word in listed.split() if word[:1] == "-"}
    flags -= {word for word in flags if _is_number(word)}  # a value: `--zz -1`
    flags.discard("--")  # the end of the flags, none of them
    if len(guesses) == 1 and len(flags) == 1 and not isinstance(guesses[0], _Line):
        guesses = [guesses[0].rpartition(" for ")[0]]
    return f"did you mean {', '.join(guesses)}?"


class _Fix(NamedTuple):
    """A stray flag that a flag was guessed for (:meth:`_Parser._meant`): its ``place`` among
    the command line's words, the ``word`` given, the words after it that were given as its
    ``values`` (none, one, or all up to the next flag for a flag that takes several: `lstmkit
    --covariate-cols a b forecast`), the flag ``close`` guessed, whether that one takes no
    value (``bare``), and one was given though (``spare``), whether it was given before
    its command's name (``moved``), whether it needs a value that was not given (``lacking``:
    `lstmkit --epochs forecast airline`), whether its values add to those given it again
    (``gathers``: an ``append`` flag, ``--text a --text b``) rather than replace them, and
    whether it takes one value at most (``single``: `lstmkit --quantiles 0.1 0.9 forecast` gave
    ``--interval`` two, and no line to paste holds them)."""

    place: int
    word: str
    values: tuple[str, ...]
    close: str
    bare: bool
    spare: bool
    moved: bool
    lacking: bool = False
    gathers: bool = False
    single: bool = False


class _Line(str):
    """A guess that is the whole command line, to paste (:meth:`_Parser._meant`): said as it
    is, not cut at its " for " (a sentence given to `text predict` may hold one)."""


def _is_number(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return True


def _several_values(
    words: list[str], place: int, strays: list[tuple[int, str, str | None, int]], parsers: list
) -> set[int]:
    """The places before ``place`` (the name of the command, spelt right in ``words``) of the
    words after each of the ``strays`` (:meth:`_Parser._misspelt_command`'s) up to the next
    flag, where the command takes several values of that flag (``--covariate-cols a b``)."""
    root = build_parser(words)
    root._words = words
    named = root._commands_named()
    if not named:
        return set()
    actions = named[-1]._option_string_actions
    several = set()
    for at, word, _, k in strays:
        action = actions.get(parsers[k]._flag_of(word) or "")
        if action is None or action.nargs not in ("+", "*"):
            continue
        end = at + 1
        while end < place and not parsers[k]._reads_as_flag(words[end]):
            several.add(end)
            end += 1
    return several


def _abbreviated(parser: argparse.ArgumentParser, flag: str) -> dict[argparse.Action, str]:
    """The actions of ``parser`` that ``flag``, no flag of its own, abbreviates as argparse
    reads it (``--t``: ``--thousands``), each with its last long flag that ``flag`` begins;
    none for a flag of ``parser`` or a short one (argparse abbreviates long flags only)."""
    if not flag.startswith("--") or flag in parser._option_string_actions:
        return {}
    return {a: s for s, a in parser._option_string_actions.items() if s.startswith(flag)}


class _Parser(argparse.ArgumentParser):
    """argparse with the one-line errors of the rest of the command line: ``error: ...`` and
    where to read the flags, not the whole usage (exit code 2, as argparse's)."""

    _words: Sequence[str] = ()
    _offset = 0  # where this parser's words start among the whole command line's
    _outer: _Parser | None = None  # the parser of the command this one is under
    _separator_taken = False  # whether _get_values has taken the first "--" out (this parse)
    _line_said = False
    _value_refused: str | None = None  # a positional's FlagValueError, as _get_value said it
    _refused: list[str]  # the flags' FlagValueErrors of a parse, as sentences (the top level's)
    # what a command says of flags it lacks in place of argparse's refusal, where it knows
    # better (`predict TEXT_MODEL --file x.txt`: the flags of the command that runs it), from
    # the command's parser (its words, its flags), what they parsed to and the flags named;
    # None: argparse's
    stray_hint: Callable[[_Parser, argparse.Namespace, str], str | None] | None = None
    # another library's flags that this command has no flag for (Keras' --shuffle), each with
    # what the command does instead, said after the flags it lacks (was "unrecognized
    # arguments: --shuffle" alone, where --scaler and --units got the flag they are here)
    their_notes: Mapping[str, str] = {}

    def _their_notes(self, listed: str) -> list[str]:
        """The notes of :attr:`their_notes` for the flags among ``listed`` (the unrecognized
        arguments, ``--shuffle`` or ``--shuffle=1``), once each, in their order. A flag
        misspelt from a noted one, as difflib finds it, gets its note too, unless it looks
        misspelt from one of this command's flags (`forecast --shufle` was told nothing)."""
        flags = [word.partition("=")[0] for word in listed.split() if word[:2] == "--"]
        noted = [
            f if f in self.their_notes else self._close_noted(f)
            for f in flags
            if f in self.their_notes or not self._close_flag(f)
        ]
        return list(dict.fromkeys(self.their_notes[f] for f in noted if f))

    def _close_noted(self, flag: str) -> str:
        """The flag of :attr:`their_notes` that ``flag`` looks misspelt from, or ``""``."""
        noted = {f.lstrip("-"): f for f in self.their_notes}  # as _close_flag compares them
        close = difflib.get_close_matches(flag.lstrip("-"), list(noted), n=1, cutoff=0.7)
        return noted[close[0]] if close else ""

    def error(self, message: str) -> NoReturn:
        refused = self._root().__dict__.get("_refused", [])
        if message == self._value_refused:  # said as a decimal flag's refusal is (see _get_value)
            self.exit(2, f"error: {' '.join([*refused, message + '.'])}\n")
        # a flag's own refusal by argparse (a word none of its choices, `--sep TAB`) is said
        # too, after the values refused before it (`--epochs 1.5 --readout Mean` named --epochs
        # alone, and the slip went unsaid)
        if refused and not message.startswith("unrecognized arguments: "):
            if not message.startswith("argument -"):
                # a flag's value refused comes first, as argparse said it when it stopped there
                self.exit(2, f"error: {' '.join(refused)}\n")
        message = self._with_choices(message)
        # two flags of a mutually exclusive group (`explain --text`, `--file`, `--csv`;
        # `datasets --json`, `--example`) said as the command line says two ways to give one
        # thing ("give either a dataset name or --csv, not both"): argparse's "argument --file:
        # not allowed with argument --text" read as a flag refused for its value
        if found := re.fullmatch(r"argument (\S+): not allowed with argument (\S+)", message):
            later, earlier = (name.split("/")[-1] for name in found.groups())
            message = f"give {earlier} or {later}, not both"
        # an abbreviation of several flags is named as the flag typed, not with its value:
        # "ambiguous option: --no-re=1 could match --no-retrain, --no-refit"
        message = re.sub(r"^(ambiguous option: [^=\s]+)=.*( could match )", r"\1\2", message)
        # the commands named after the word argparse refused, found once for every use below
        named = self._commands_named()
        if said := self._misspelt_command(named):
            self.exit(2, said)
        strays = self._strays_behind(message, named)
        rest = ""
        if strays:
            # a positional's invalid choice is the value a stray fed it (see _strays_behind)
            refused = not message.startswith((_REQUIRED, "one of the argu"))
            fed = refused or any(value is not None for _, value in self._strays())
            if not fed:
                # the strays took no positional's place (`--foo=1`, `--foo` before another
                # flag): what argparse found missing is missing, and said as it said it
                rest = message
            else:
                if message.startswith(_REQUIRED):
                    # a flag still missing is missing whatever the strays fed the positionals
                    # (`text train-lm shakespeare --foo 1` without --out lost "required: --out")
                    missing = message.removeprefix(_REQUIRED).split(", ")
                    flags = [name for name in missing if name[:1] in self.prefix_chars]
                else:  # an invalid choice, refused before argparse looked for required flags
                    flags = self._required_flags_not_given()
                rest = f"{_REQUIRED}{', '.join(flags)}" if flags else ""
            message = f"unrecognized arguments: {' '.join(strays)}"
        listed = message.removeprefix("unrecognized arguments: ")
        if listed != message:
            message += "".join(f"; {note}" for note in self._their_notes(listed))
        if listed != message and (meant := self._meant(listed, named)):
            # the guess goes with the flag it is about, before what is still required
            asked = _did_you_mean(meant, listed)
            message += f" ({asked})" if rest else f"; {asked}"
        message += f"; {rest}" if rest else ""
        meant = self._meant_long(message, named)
        if meant or self._glued(message):
            # argparse's reading of the word as short flags ("argument -h/--help: ignored
            # explicit argument 'orizon'") only puzzles whoever typed a long flag with one dash;
            # said with the other flags this command, those above it and a command named after
            # it lack, in order, as argparse names them beside `-z` (`forecast airline --foo 1
            # -vz` and `--foo 1 -vjson` named -vz, -vjson alone, `-vz forecast airline --foo 1`
            # -vz alone)
            every = [*self._outer_strays(), *self._strays(), *self._inner_strays(named)]
            listed = " ".join(_with_value(*s) for s in every)
            # the others' guesses too, as `-z` has them (`forecast airline --jsn -vz` lost
            # "--json for --jsn")
            guesses = [meant] if meant else []
            guesses += self._meant(listed, named, clusters=False)
            message = f"unrecognized arguments: {listed}"
            message += f"; {_did_you_mean(guesses, listed)}" if guesses else ""
        # a guess of a flag of the command named after the word argparse refused (`lstmkit
        # -vjson forecast`) points at that command's help, which lists it
        command = named[-1] if named else None
        # (or the line to paste, which has the flag after the command's name)
        moved = command is not None and self._line_said
        prog = command.prog if command and (f"`{command.prog} " in message or moved) else self.prog
        message, lists = self._choice_meant(message)
        # `lstmkit --json` was told of --json alone, not that it names no command (a guess
        # needs none: `lstmkit -vversion` is --version)
        if (
            not named
            and "did you mean" not in message
            and (missing := self._command_missing(message))
        ):
            message, lists = f"{message}; {_REQUIRED}{missing}", "commands"
        # the flags' values refused first, then the flags unknown: every problem at once
        values = self._root().__dict__.get("_refused", [])  # (`refused` is reused above)
        said = " ".join([*values, f"{message} (`{prog} --help` lists the {lists})"])
        self.exit(2, f"error: {said}\n")

    def _command_missing(self, message: str) -> str | None:
        """The name of this parser's command (``COMMAND``) where ``message`` names the flags it
        lacks and its words are flags and their values alone, no command's name: argparse took
        a stray's value for the name (`lstmkit --epochs 3`) or found none (`lstmkit --json`),
        and said neither. None where a word is left that may be a misspelt name."""
        commands = [a for a in self._actions if isinstance(a, argparse._SubParsersAction)]
        if not commands or not message.startswith("unrecognized arguments: "):
            return None
        values = {at + 1 for at, _, after in self._stray_places() if after is not None}
        words = enumerate(self._own_words(), start=self._offset)
        # a number is a stray's further value, no misspelt name (`lstmkit --quantiles 0.1 0.9`)
        if all(self._reads_as_flag(word) or at in values or _is_number(word) for at, word in words):
            return argparse._get_action_name(commands[0])
        return None

    def _misspelt_command(self, named: list[_Parser]) -> str | None:
        """The whole refusal (``error: ...``) of a command line whose command's name looks
        misspelt after a flag that this parser lacks, where argparse took that flag's value for
        the name (`lstmkit --epochs 3 forcast airline` was told "unrecognized arguments:
        --epochs 3" alone, no 'forecast'): the line read with the name spelt right, as
        `lstmkit --epochs 3 forecast airline` is refused, with the misspelt name refused as it
        is alone ("argument COMMAND: invalid choice: 'forcast' (choose from ...)") and guessed
        in the line to paste where there is one, else as the name ("did you mean
        'forecast'?"). None where no word in the name's place looks like a command's name, or
        the name comes before every such flag (`lstmkit forcast --zz`: argparse stopped at the
        name, and says so alone). The name may be a text command's, after a flag given before
        `text` (`lstmkit --epochs 3 text trian x`; ``named``: :meth:`_commands_named`)."""
        target = named[-1] if named else self  # the parser whose command's name it is
        commands = [a for a in target._actions if isinstance(a, argparse._SubParsersAction)]
        # a flag before the name of the command above (`lstmkit --zz text trian x`) is no
        # stray of this parser's: argparse refused the name itself, and said so
        parsers = [self, *named]
        strays = sorted((*stray, k) for k, p in enumerate(parsers) for stray in p._stray_places())
        if not commands or not strays:
            return None
        from lstmkit._remedies import meant_word  # the library's guess, without numpy

        choices = [str(choice) for choice in commands[0].choices]
        # the words the strays may take as their values (not a flag's that takes none: `--jsn`)
        values = {
            at + 1 for at, word, after, k in strays if after and not parsers[k]._looks_bare(word)
        }
        # the first word after a stray that is no flag and no stray's value, or a value before
        # it that looks like a command's name (`--epochs forcast airline`); none before the
        # strays: `lstmkit forcast --zz` is told of 'forcast' alone, as argparse stops there
        # the words before it that are neither may be values of a flag the command named takes
        # several of (`--covariate-cols=a b forcast airline` was told of 'b' alone)
        unread: list[int] = []
        for place, word in enumerate(target._own_words(), start=target._offset):
            if place < strays[0][0] or target._reads_as_flag(word):
                continue
            if meant := meant_word(word, choices):
                break
            # a number is no command's name: a stray's further value (`--quantiles 0.1 0.9
            # forcast airline` got no guess)
            if place not in values and not _is_number(word):
                unread.append(place)
        else:
            return None
        words = list(self._root()._words)
        refusal = f"argument {argparse._get_action_name(commands[0])}: invalid choice: "
        refusal += f"{words[place]!r} (choose from {', '.join(map(repr, choices))})"
        words[place] = meant
        if unread and not set(unread) <= _several_values(words, place, strays, parsers):
            return None  # `--epochs 3 airline forcast`: 'airline' may be the misspelt name
        # the line with the name spelt right, refused as such a line is (its own parser: only
        # the topic of a command named is built in full)
        heard = io.StringIO()
        with contextlib.redirect_stderr(heard):
            try:
                build_parser(words).parse_args(words)
            except SystemExit as stop:
                if stop.code != 2:
                    return None
            else:
                return None
        said, _, lists = heard.getvalue().rstrip("\n").rpartition(" (`")
        head, line, guess = said.partition("; did you mean `")
        if line:  # the line to paste has the name spelt right
            return f"{head}; {refusal}; did you mean `{guess} (`{lists}\n"
        said += " " if said.endswith("?") else "; "  # after a guess, a sentence of its own
        return f"{said}{refusal}; did you mean {meant!r}? (`{lists}\n"

    def _choice_meant(self, message: str) -> tuple[str, str]:
        """``message``, argparse's refusal of a word that is none of an argument's choices,
        with the choice it looks like a slip of, as `lstmkit forecast airlines` and the
        library's ``choice_error`` ask (another case, a letter off: "...; did you mean
        'forecast'?" for ``lstmkit forcast``, told only the six names before), and what the
        help names: "commands" for a command's name, which the top level's help lists, else
        "flags" (`lstmkit --help` "lists the flags" where the name of a command was
        misspelt)."""
        found = _INVALID_CHOICE.match(message)
        action = None
        for each in self._actions if found else ():
            if argparse._get_action_name(each) == found[1] and each.choices:
                action = each
        if action is None:
            return message, "flags"
        lists = "commands" if isinstance(action, argparse._SubParsersAction) else "flags"
        try:
            value = str(ast.literal_eval(found[2]))
        except (ValueError, SyntaxError):  # no repr of a str: as argparse said it
            return message, lists
        from lstmkit._remedies import meant_word  # the library's guess, without numpy

        meant = meant_word(value, [str(choice) for choice in action.choices])
        if meant is not None:
            message += f"; did you mean {meant!r}?"
        return message, lists

    def _with_choices(self, message: str) -> str:
        """``message`` with the values a flag of choices takes where it came without one
        (``--fill`` alone was told "expected one argument", and not which)."""
        found = re.fullmatch(r"argument (\S+): expected one argument", message)
        for action in self._actions if found else ():
            if "/".join(action.option_strings) == found[1] and action.choices:
                # imported here: _checks loads numpy, which `lstmkit --help` and the other
                # refusals of argparse do without
                from lstmkit._checks import and_list

                return f"{message}: {and_list([str(choice) for choice in action.choices], 'or')}"
            if "/".join(action.option_strings) == found[1] and action.nargs is None:
                # argparse reads a word starting with '-' that is no number (-1%, -1,5,
                # -1e-3x) as a flag, whatever the flag takes (--horizon -3% too): the value
                # is said as it is written, with '='
                for flag, value in itertools.pairwise(self._words):  # a word, the next one
                    if flag in action.option_strings and re.match(
                        r"-(\.?\d|inf|nan)", value, re.IGNORECASE
                    ):
                        return f"{message} (a value starting with '-' is written {flag}={value})"
                if "--sep" in action.option_strings and self._words[-1:] == ["--sep"]:
                    # `--sep ; --decimal ,`: the shell ended the command at the ';'
                    return (
                        f"{message} (a shell ends a command at an unquoted ';' and runs the "
                        "rest of the line as another: write --sep ';')"
                    )
        return message

    def _glued(self, message: str) -> bool:
        """Whether ``message`` is argparse's refusal of a word of this parser's as short flags
        with letters after them that are no flag (``-vvz``: "argument -v/--verbose: ignored
        explicit argument 'z'"), as :meth:`_refused_at` finds it, where :meth:`_meant_long`
        guessed no long flag. The plain reading is an unknown flag, said as any other is (``-z``
        and ``-qz`` were, and ``-vz`` was told of an "explicit argument" of -v, which takes
        none). Not a value written with ``=`` (``-vv=1``, ``-v=1``): that one is told that it
        is ignored."""
        found = _IGNORED.fullmatch(message)
        if found is None:
            return False
        short, value = found.groups()
        # this parser's own: a word after a command's name was never read (`-v=vz forecast
        # airline -vz` named -vz, not the -v=vz refused)
        for word in self._own_words():
            # where argparse stopped: `short`'s letter, then the letters it refused
            at = self._refused_at(word)
            if at and word[at - 1] == short[1] and repr(word[at:]) == value:
                return True
        return False

    def _meant_long(self, message: str, named: list[_Parser]) -> str:
        """The long flag that a single-dash word argparse refused as a cluster of short flags
        looks misspelt from (``--verbose for -verbose``: "argument -v/--verbose: ignored
        explicit argument 'erbose'"), or ``""``; on every Python, see :meth:`_parse_optional`.
        Where the word starts with short flags and the rest looks more like a long flag than
        the whole word does, those flags and that one (``-v --json for -vjson``; ``-v --horizon
        for -vhorizon``, where argparse refused 'orizon' after -h), never -h or --version with
        another (``--version for -vversion``: either prints its text alone). A long flag that
        takes no value given one is said to take none, as :meth:`_meant` says it (``-v --json
        (it takes no value) for -vjson=1``). A word before the command's name that looks like
        none of this parser's flags is looked for among the command's, with where it goes, as
        :meth:`_meant` has it (`lstmkit -vjson forecast` gets "`lstmkit forecast -v --json` for
        -vjson"; ``named``: :meth:`_commands_named`)."""
        found = _IGNORED.fullmatch(message)
        if found is None:
            return ""
        short, value = found.groups()
        # a word before the command's name may be the command's flag (`lstmkit -vjson forecast`)
        command = named[-1] if named else None
        for word in self._own_words():  # not one after a command's name, never read (_glued)
            if word.startswith("--") or not word.startswith(short[0]):
                continue
            # where argparse stopped: the word's letters before `value` are its short flags
            stop = next((at for at in range(2, len(word)) if repr(word[at:]) == value), None)
            if stop is None or word[stop - 1] != short[1]:
                continue
            guesses = []
            for at in range(1, stop + 1):  # the flags before word[at:], then a long flag
                flags = [self._option_string_actions.get(word[0] + c) for c in word[1:at]]
                if any(a is None or isinstance(a, _EXITS) for a in flags):
                    break
                # the flag's name, without the value given it (`-vjson=1`, `-vepochs=30`)
                name = word[at:].partition("=")[0]
                for where in filter(None, [self, command]):  # this parser's flags first
                    if close := where._close_flag(name):
                        action = where._option_string_actions[close]
                        if at > 1 and isinstance(action, _EXITS):
                            break  # `-v --version` prints the version and nothing else
                        likeness = difflib.SequenceMatcher(None, name, close[2:]).ratio()
                        said = " ".join([*(word[0] + c for c in word[1:at]), close])
                        said = said if where is self else f"`{where.prog} {said}`"
                        if "=" in word[at:] and action.nargs == 0:
                            said += " (it takes no value)"  # as `--jsn=1` is told
                        guesses.append((likeness, -at, said))
                        break
            if guesses:
                return f"{max(guesses)[2]} for {word}"
        return ""

    def _meant(self, listed: str, named: list[_Parser], clusters: bool = True) -> list[str]:
        """The flags that the stray ones look misspelt from (``--json for --jsn``, ``-json``
        too), as difflib finds them among the long flags, or ``""``: argparse takes only a
        flag's abbreviation, and `forecast airline --jsn` named no ``--json``. A flag before
        the command's name is looked for among the top level's flags (`lstmkit --verbse
        forecast`), then among the command's, with where it goes (`lstmkit --jsn forecast`
        gets "`lstmkit forecast --json` for --jsn"; `lstmkit --epochs 3 forecast`, where
        argparse took 3 for the command's name, "`lstmkit forecast --epochs` for --epochs").
        A flag that takes no value is said to where the stray came with one: given with ``=``
        (`--jsn=1` is no ``--json=1``) or the word after it, left over among the ``listed``
        unrecognized arguments (`forecast airline --jsn x`); not where that word is a
        positional's (`forecast --jsn airline`, `text predict DIR --jsn "a sentence"`). One
        guess for each misspelling, however often it is given (`forecast --jsn x --jsn`). The
        flags after the name of a command argparse never reached (it refused the word before)
        are guessed among that command's, with where they go (`lstmkit --jsn 3 forecast --epocs
        3` gets "`lstmkit forecast --epochs` for --epocs" too; one before the innermost
        command's name, among that command's too: `lstmkit --zz 3 text --epocs 1 train`;
        ``named``: :meth:`_commands_named`). ``clusters``: False where a cluster of short flags
        that argparse refuses (``-vjson``, see :meth:`_refused_at`) gets no guess here: the one
        it refused has :meth:`_meant_long`'s (``-v --json``, not ``--json``)."""
        meant: dict[str, str] = {}  # the guess for each misspelling, the first it got
        given: set[str] = set()  # the misspellings given a value somewhere
        given_none: set[str] = set()  # those that need a value and were given none
        fixes: list[_Fix] = []  # each stray guessed, for the line to paste
        outers, inners = self._outers(), named
        # with those given after the name of a command argparse never reached (`lstmkit --jsn 3
        # forecast --epocs 3`), said with where they go
        for parser in [*outers, self, *inners]:
            for place, word, after in parser._stray_places():
                flag = parser._flag_of(word) or ""
                # `-x`: too short to look like anything; a refused cluster: see ``clusters``
                if len(flag) < 3 or (not clusters and parser._refused_at(word)):
                    continue
                owner, close = parser, parser._close_flag(flag)
                if not close and parser in outers:
                    owner, close = self, self._close_flag(flag)
                # before the innermost command's name, among that command's flags (`lstmkit
                # --zz 3 text --epocs 1 train` as `lstmkit text --epocs 1 train`)
                if not close and (parser is self or parser in inners[:-1]) and inners:
                    owner, close = inners[-1], inners[-1]._close_flag(flag)
                if not close:
                    continue
                said = close if owner is parser not in inners else f"`{owner.prog} {close}`"
                bare = owner._option_string_actions[close].nargs == 0
                valued = after is not None and f" {word} {after} " in f" {listed} "
                gathered = parser.get_default("_more_positionals") is not None
                meant.setdefault(flag, said)
                spare = bare and ("=" in word or (valued and not gathered))
                if spare:
                    given.add(flag)
                moved = owner is not parser
                values = (after,) if valued and after is not None else ()
                action = owner._option_string_actions[close]
                # every word up to the next flag is its value where the flag takes several, and
                # before its command's name whatever it takes: no positional there but the
                # command (`lstmkit --quantiles 0.1 0.9 forecast airline` left 0.9 in the line,
                # `--covariate-cols=a b forecast airline` the b)
                if (values or (moved and "=" in word)) and (moved or action.nargs in ("+", "*")):
                    own = parser._own_words()[place - parser._offset + 1 :]
                    flags = [parser._reads_as_flag(w) for w in own] + [True]
                    values = tuple(own[: flags.index(True)])
                needs = action.nargs not in (0, "?", "*")
                lacking = needs and not values and "=" not in word
                if lacking:
                    given_none.add(flag)
                gathers = isinstance(action, (argparse._AppendAction, argparse._ExtendAction))
                single = action.nargs in (None, "?")
                fix = _Fix(place, word, values, close, bare, spare, moved, lacking, gathers, single)
                fixes.append(fix)
        # a flag moved with no value would make a line that does not parse (`lstmkit forecast
        # airline --epochs` for `lstmkit --epochs forecast airline`): the flags guessed instead
        if (
            any(fix.moved for fix in fixes)
            and not any(fix.lacking for fix in fixes)
            and (line := self._line_meant(fixes)) is not None
        ):
            # a flag given before its command's name: the line with it after them, to paste
            # ("`lstmkit forecast --epochs` for --epochs" dropped the 3 of `lstmkit --epochs 3
            # forecast airline`, and the dataset)
            self._line_said = True  # the help that lists it is the command's (see error)
            return [line]
        notes = {f: " (it takes no value)" for f in given}
        notes.update((f, " (it takes a value, given none)") for f in given_none)
        return [f"{said}{notes.get(f, '')} for {f}" for f, said in meant.items()]

    def _line_meant(self, fixes: list[_Fix]) -> _Line | None:
        """The whole command line with each stray of ``fixes`` written as the flag guessed for
        it, those given before their command's name moved after its words (before a ``--``), as
        a guess to paste (`lstmkit --epochs 3 forecast airline`: "`lstmkit forecast airline
        --epochs 3`"); a value given to a flag that takes none is left out and said so (the
        strays no flag was guessed for stay as they were). None where a flag moved after them
        was given more values than it takes (`lstmkit --quantiles 0.1 0.9 forecast airline`:
        ``--interval`` takes one): no line holds them all, and :meth:`_meant` guesses the
        flag."""
        words = list(self._root()._words)
        cut = words.index("--") if "--" in words else len(words)
        written: dict[int, list[str]] = {}  # the words written in place of a word
        moved: list[tuple[bool, list[str]]] = []  # the moved flags' words, and if bare
        spare: list[str] = []  # the flags given a value they do not take
        for fix in fixes:
            _, eq, value = fix.word.partition("=")
            flag = [fix.close] if fix.bare or not eq else [f"{fix.close}={value}"]
            if eq and fix.values and not fix.bare:  # `--covariate-cols=a b`: `=` takes a alone
                flag = [fix.close, value]
            if fix.spare and fix.close not in spare:
                spare.append(fix.close)
            if fix.moved or fix.spare:
                # its values go with it, or nowhere where it takes none
                written.update((fix.place + 1 + k, []) for k in range(len(fix.values)))
                flag += [] if fix.bare else list(fix.values)
            if fix.moved:
                written[fix.place] = []
                moved.append((fix.bare, flag))
            else:
                written[fix.place] = flag
        kept = [w for at, word in enumerate(words[:cut]) for w in written.get(at, [word])]
        after: list[str] = []  # after the command's words
        dropped: list[str] = []  # the moved flags given again after them, left out
        for fix, (bare, flag) in zip([f for f in fixes if f.moved], moved, strict=True):
            again = [*kept, *after]
            if bare and flag[0] in again:  # a flag given twice: once will do
                continue
            # given again after the command's name, whose value wins as typed: the one moved
            # after it would win instead (`lstmkit --epochs 3 forecast airline --epochs 4`
            # was told "... --epochs 4 --epochs 3")
            if not fix.gathers and any(w.partition("=")[0] == fix.close for w in again):
                dropped.append(shlex.join(flag))
                continue
            if fix.single and len(flag) > 2:  # the flag and its values
                return None
            after += flag
        line = shlex.join([self._root().prog, *kept, *after, *words[cut:]])
        verb = "takes" if len(spare) == 1 else "take"
        notes = [f"{_and(*spare)} {verb} no value"] if spare else []
        if dropped:
            notes.append(f"{_and(*dropped)} left out, given again after the command's name")
        return _Line(f"`{line}`" + (f" ({'; '.join(notes)})" if notes else ""))

    def _commands_named(self) -> list[_Parser]:
        """The parsers of the commands named among this parser's words, the outermost first
        (`text`, `text train`), where argparse refused the word it read as the command's name
        (`lstmkit --epochs 3 text train` took 3), so that a flag given before the name is
        looked for among the innermost command's (the last). Each is given the words after its
        name, as argparse gives them to the parser it reaches (it never reached these), so that
        the flags it lacks can be named (:meth:`_inner_strays`); words left from an earlier
        parse by the same parser would name that one's. :meth:`error` finds them once."""
        words = list(itertools.takewhile(lambda w: w != "--", self._words))
        named: list[_Parser] = []
        parser, offset = self, self._offset
        while True:
            commands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            choices = commands[0].choices if commands else {}
            at = next(
                (at for at, w in enumerate(words) if isinstance(choices.get(w), _Parser)), None
            )
            if at is None:
                return named
            parser, words, offset = choices[words[at]], words[at + 1 :], offset + at + 1
            parser._words, parser._offset = words, offset
            named.append(parser)

    def _close_flag(self, flag: str) -> str:
        """The long flag of this parser that ``flag`` (``--jsn``, ``-json``) looks misspelt
        from, as difflib finds it, or ``""``."""
        known = [known[2:] for known in self._option_string_actions if known.startswith("--")]
        if (ours := _THEIR_FLAGS.get(flag.lstrip("-").replace("_", "-"))) in known:
            return f"--{ours}"
        close = difflib.get_close_matches(flag.lstrip("-"), known, n=1, cutoff=0.7)
        return f"--{close[0]}" if close else ""

    def _outers(self) -> list[_Parser]:
        """The parsers of the commands this one is under, the top level first."""
        outers: list[_Parser] = []
        parser = self._outer
        while parser is not None:
            outers.insert(0, parser)
            parser = parser._outer
        return outers

    def _required_flags_not_given(self) -> list[str]:
        """The required flags none of this parser's words gives (an abbreviation or a
        ``--out=DIR`` gives one), named as argparse names them. argparse refuses a positional's
        invalid choice before it looks for the required flags (`text train-lm --outt lm
        shakespeare` never got to "required: --out")."""
        words = itertools.takewhile(lambda w: w != "--", self._words)
        given: set[argparse.Action] = set()
        for flag in filter(None, map(self._flag_of, words)):
            if flag in self._option_string_actions:
                given.add(self._option_string_actions[flag])
            elif self.allow_abbrev and len(found := _abbreviated(self, flag)) == 1:
                given |= set(found)
        return [
            "/".join(action.option_strings)
            for action in self._actions
            if action.required and action.option_strings and action not in given
        ]

    def _strays_behind(self, message: str, named: list[_Parser]) -> list[str]:
        """Every flag this command lacks, each with its value (``["--epochs 1", "--bar 2"]``),
        where one of them is behind ``message``, or ``[]``. argparse gives a flag it does not
        know no value, so the value falls to a positional: one refused as its choice (`text
        train-lm --out lm --epochs 1` said "argument corpus: invalid choice: '1'"), or one taken
        for it so that a later positional or a flag goes missing (`text spell --foo 1` said "the
        following arguments are required: number"); and any of them where something is missing,
        which argparse says before the flags it does not know (`text train-lm shakespeare
        --foo=1` said only "the following arguments are required: --out"). ``named``:
        :meth:`_commands_named`, whose flags are named too (:meth:`_inner_strays`)."""
        missing = message.startswith((_REQUIRED, "one of the argu"))
        # where a value was refused, it was fed by a stray, whatever flag that looks like (`text
        # train-lm --out lm --jsn 1` said only "argument corpus: invalid choice: '1'")
        strays = self._strays() if missing else self._stray_words()
        fed = [value for _, value in strays if value is not None]
        if named and not missing:
            # before a command's name no positional but the name goes: every word up to the
            # next flag is the stray's (`lstmkit --quantiles 0.1 0.9 forecast airline` named
            # "--quantiles 0.1", `--covariate-cols=a b forecast` only "invalid choice: 'b'");
            # with no name found, the word after the value may be a misspelt one (`lstmkit
            # --epochs 3 nosuch`)
            runs = self._value_runs()
            strays = [(word, " ".join(run) or None) for word, run in runs]
            fed = [value for _, run in runs for value in run]
        elif not missing and self._subcommands():
            # with no command named, the numbers after a stray's value are its values too, as
            # no command's name is a number (`lstmkit --quantiles 0.1 0.9` named "--quantiles
            # 0.1"); a word is not (`lstmkit --epochs 3 nosuch`: a misspelt name, maybe)
            strays = self._number_runs()
        # a flag before this command's name (`text --foo train-lm`) is no flag of the command
        # above it either: argparse looked for what this one is missing before it named that
        outer = self._outer_strays()
        if missing:
            # argparse looks for what is missing before it names what it does not know
            behind = bool(strays or outer)
        else:
            found = re.match(r"argument [^-][^:]*: invalid choice: (.+?) \(choose from", message)
            # the value as argparse writes it, its repr: a backslash doubled (C:\\corpus.txt)
            behind = found is not None and found.group(1) in map(repr, fed)
        if not behind:
            return []
        inner = self._inner_strays(named)
        return [_with_value(*stray) for stray in [*outer, *strays, *inner]]

    def _value_runs(self) -> list[tuple[str, list[str]]]:
        """This parser's stray flags, each with every word after it up to the next flag (or a
        command's name), its own value given with ``=`` or not."""
        words = self._own_words()
        runs = []
        for at, word, _ in self._stray_places():
            after = words[at - self._offset + 1 :]
            ends = [self._reads_as_flag(w) for w in after] + [True]
            runs.append((word, after[: ends.index(True)]))
        return runs

    def _subcommands(self) -> bool:
        """Whether this parser's positional is a command's name (the top level, ``text``)."""
        return any(isinstance(a, argparse._SubParsersAction) for a in self._actions)

    def _number_runs(self) -> list[tuple[str, str | None]]:
        """:meth:`_stray_words`, each value followed by the numbers after it up to the next word
        that is none (``("--quantiles", "0.1 0.9")``)."""
        words = self._own_words()
        runs = []
        for at, word, after in self._stray_places():
            if after is not None:
                more = itertools.takewhile(_is_number, words[at - self._offset + 2 :])
                after = " ".join([after, *more])
            runs.append((word, after))
        return runs

    def _outer_strays(self) -> list[tuple[str, str | None]]:
        """The flags given before this command's name that the commands above it lack
        (``--zz`` of `lstmkit --zz text spell`), as :meth:`_strays` gives them, in order."""
        return [stray for parser in self._outers() for stray in parser._strays()]

    def _inner_strays(self, named: list[_Parser]) -> list[tuple[str, str | None]]:
        """The flags given after the name of a command ``named`` among this parser's words (see
        :meth:`_commands_named`) that the command lacks, as :meth:`_strays` gives them, in
        order, where argparse refused the word it read as the command's name and so never read
        them: `lstmkit --jsn 3 forecast airline --epocs 3` named only --jsn 3."""
        return [stray for parser in named for stray in parser._strays()]

    def _strays(self) -> list[tuple[str, str | None]]:
        """The flags among this parser's words that it lacks, each with the word after it where
        argparse read that word as no flag (so as a positional), in order; none after ``--`` or
        after a command's name (the words of that command's own parser). A flag that looks
        misspelt from one that takes no value has none: the word after it is the positional it
        seems (`forecast --jsn airline`), as :meth:`_stray_words` has it, whatever it looks like."""
        return [
            (word, None if self._looks_bare(word) else after) for word, after in self._stray_words()
        ]

    def _stray_words(self) -> list[tuple[str, str | None]]:
        """The flags among this parser's words that it lacks, each with the word after it where
        argparse read that word as no flag, whatever flag they look like."""
        return [(word, after) for _, word, after in self._stray_places()]

    def _stray_places(self) -> list[tuple[int, str, str | None]]:
        """:meth:`_stray_words`, each with its place among the whole command line's words."""
        words = self._own_words()
        strays = []
        for at, word in enumerate(words):
            if self._unknown_flag(word):
                after = words[at + 1] if at + 1 < len(words) else None
                fed = "=" not in word and after is not None and not self._reads_as_flag(after)
                strays.append((self._offset + at, word, after if fed else None))
        return strays

    def _looks_bare(self, word: str) -> bool:
        """Whether the flag ``word`` gives looks misspelt from a flag of this parser that takes
        no value (``--jsn`` from ``--json``)."""
        if self._refused_at(word):  # flags that take no value, then a letter (`-vz`)
            return True
        flag = self._flag_of(word) or ""
        close = self._close_flag(flag) if len(flag) > 2 else ""  # `-x` looks like nothing
        return bool(close) and self._option_string_actions[close].nargs == 0

    def _reads_as_flag(self, word: str) -> bool:
        """Whether argparse reads ``word`` as a flag, as its ``_parse_optional`` does: a word
        that starts with a dash is a value where it is a negative number (``-1``, ``-.5``) or
        holds a space (a known flag's value, `--lr -.5 bad` is no flag ``-.5``)."""
        if len(word) < 2 or word[0] not in self.prefix_chars or " " in word:
            return False
        if self._negative_value(word):  # `-1e-3`, as :meth:`_parse_optional` reads it
            return False
        return not (
            self._negative_number_matcher.match(word) and not self._has_negative_number_optionals
        )

    def _flag_of(self, word: str) -> str | None:
        """The flag ``word`` gives as argparse reads it (``--epochs`` of ``--epochs=1``), or None
        where argparse reads it as no flag."""
        flag = word.split("=", 1)[0]
        return flag if flag and self._reads_as_flag(word) else None

    def _unknown_flag(self, word: str) -> bool:
        """Whether argparse reads ``word`` as a flag this parser lacks (``--epochs``, or
        ``--epochs=1`` with its own value)."""
        flag = self._flag_of(word)
        if flag is None:
            return False
        # argparse reads `-vv` as `-v` twice (a short flag and what follows it), so no stray:
        # named as one, it stood beside "required: --out" in `text train-lm -vv`
        if word[1] not in self.prefix_chars and word[:2] in self._option_string_actions:
            return bool(self._refused_at(word))
        return not any(known.startswith(flag) for known in self._option_string_actions)

    def _refused_at(self, word: str, equals: bool = False) -> int:
        """Where argparse refuses ``word`` as a cluster of short flags of this parser that take
        no value followed by a letter that is no flag: that letter's index (2 in ``-vz``, 3 in
        ``-vvz``), on every Python (:meth:`_refused_as_312` walks a cluster with it); 0 where
        it is no such cluster: where a flag that takes a value comes first (``-n3``) or the
        letter is ``=`` (``-v=1``: told that it is ignored), unless ``equals`` (``-vv=1`` at 3:
        how :meth:`_refused_as_312` has argparse refuse ``=1`` after -v)."""
        if len(word) < 3 or word[0] not in self.prefix_chars or word[1] in self.prefix_chars:
            return 0
        action, at = self._option_string_actions.get(word[:2]), 2
        while action is not None and action.nargs == 0 and at < len(word):
            action = self._option_string_actions.get(word[0] + word[at])
            if action is None:
                return at if equals or word[at] != "=" else 0
            at += 1
        return 0

    def _own_words(self) -> list[str]:
        """This parser's words up to ``--`` or a command's name (the words of that command's
        own parser)."""
        commands = {
            name
            for action in self._actions
            if isinstance(action, argparse._SubParsersAction)
            for name in action.choices
        }
        return list(itertools.takewhile(lambda w: w != "--" and w not in commands, self._words))

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        # the words this parser reads, for error() (a command's parser gets its own)
        self._words = list(sys.argv[1:] if args is None else args)
        # argparse gives a command's parser the words after its name, the line's last ones
        self._offset = 0 if self._outer is None else len(self._root()._words) - len(self._words)
        self._separator_taken = False
        self._line_said = False  # whether error() guessed the line to paste (_meant)
        if self._outer is None:  # the flags' refusals of this parse (see _get_value)
            self._refused = []
        return super().parse_known_args(args, namespace)

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        # Only the first "--" ends the flags; a later one is a word like any other (`text
        # predict DIR -- -- good` classifies "--" and "good"), as in late 3.12 releases
        # (3.12.10) and later. 3.11, 3.12.1 and 3.13.0 took a "--" out of each positional's
        # words: "--" given to the one that already had its "--" taken out is kept for it.
        positional = not action.option_strings
        if positional and action.nargs not in (argparse.PARSER, argparse.REMAINDER):
            if _SEPARATOR_IN_EACH_POSITIONAL and "--" in arg_strings:
                if self._separator_taken:
                    arg_strings = ["--", *arg_strings]  # argparse takes this one out
                self._separator_taken = True
        elif positional and action.nargs == argparse.PARSER and arg_strings:
            # a "--" before the command's name is refused on every Python, as 3.11, 3.12.1 and
            # 3.13.0 refuse it: "invalid choice: '--'". Late 3.12 releases take it out and read
            # the command's flags after it as flags (`lstmkit -- forecast airline --epochs 3`),
            # though after "--" no word is a flag. The command takes the words left, the last.
            before = self._words[: len(self._words) - len(arg_strings)]
            if before[-1:] == ["--"] and arg_strings[0] != "--":
                self._check_value(action, "--")
        return super()._get_values(action, arg_strings)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # a flag's FlagValueError is said flag first, as the decimal flags' refusals are
        # ("--horizon must be an integer, got '20%' ..."), not as argparse's "argument
        # --horizon: ..."; argparse raises its ArgumentError while handling the type's error
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as err:
            refused = err.__context__
            if not isinstance(refused, FlagValueError):
                raise
            name = self._typed_flag(action) or action.metavar
            said = f"{name or action.dest} {refused}{self._split_selection(action, arg_string)}"
            if not action.option_strings:  # a positional: its words cannot be read past it
                self._value_refused = said
                raise argparse.ArgumentError(None, said) from None
            # a flag's refusal is kept and the parse goes on, so that every flag refused is
            # said at once (`--horizon 20% --lr 20%` named --horizon alone); its default
            # stands in for it meanwhile
            self._root().__dict__.setdefault("_refused", []).append(said + ".")
            return action.default

    def _split_selection(self, action: argparse.Action, text: str) -> str:
        """The end of ``--where``'s refusal of ``text`` where the shell split its condition at
        spaces (``--where Store = A``: "got 'Store'. unrecognized arguments: A", no word of
        the spaces): the condition as one word; else ``""``."""
        if action.type is not _selection:
            return ""
        words = self._words
        glued = {f"{flag}={text}" for flag in action.option_strings}  # --where=Store = A
        for at in range(len(words) - 1):
            given = words[at] == text and at and words[at - 1] in action.option_strings
            if not (given or words[at] in glued) or not words[at + 1].startswith("="):
                continue
            split = words[at + 1 : at + 2 if len(words[at + 1]) > 1 else at + 3]
            if value := "".join(split)[1:].strip():
                typed = shlex.join([text, *split])
                one = shlex.quote(f"{text.strip()}={value}")
                return (
                    f" (the shell split {typed!r} at its spaces); write it as one word: "
                    f"--where {one}"
                )
        return ""

    def _typed_flag(self, action: argparse.Action) -> str | None:
        """The flag of ``action`` as it was typed, the last time (``--beam``, not its other
        name ``--beam-size``), or its longest (an abbreviation typed); None for a
        positional."""
        words = itertools.takewhile(lambda w: w != "--", self._words)
        typed = [w.partition("=")[0] for w in words]
        given = [flag for flag in typed if flag in action.option_strings]
        return given[-1] if given else max(action.option_strings, key=len, default=None)

    def _root(self) -> _Parser:
        """The parser of the whole command line (the top level), which keeps the refusals."""
        parser = self
        while parser._outer is not None:
            parser = parser._outer
        return parser

    def _parse_optional(self, arg_string: str) -> Any:
        # From Python 3.13 (and in late 3.12 releases, 3.12.10) argparse reads a single-dash word
        # after a flag that takes no value as more flags and leaves the first one it lacks over:
        # `-verbose` was -v and "unrecognized arguments: -erbose", a misspelt `-horizon 3` was -h,
        # the help and exit 0 (a script's typo passed for a run). 3.12.1 refuses the word when it
        # reaches it: so it is, everywhere.
        if self._negative_value(arg_string):
            return None
        return self._refused_as_312(super()._parse_optional(arg_string))

    def _negative_value(self, word: str) -> bool:
        """Whether ``word`` is a negative number that argparse's pattern of one (``-5``,
        ``-.5``) leaves out, read here as a value too: ``-1e19``, ``-1e-3``, ``-inf``. As a
        flag, ``--seed -1e19`` and ``--lr -1e-3`` were told "expected one argument", not the
        flag's own refusal of the number ("--lr must be a positive finite number, got
        -0.001")."""
        return (
            word[:1] in self.prefix_chars
            and word not in self._option_string_actions
            and not self._has_negative_number_optionals
            and _is_number(word)
        )

    def _refused_as_312(self, reading: Any) -> Any:
        """A reading of a word by argparse's ``_parse_optional`` (``(action, flag, sep,
        explicit_arg)``; a list of them in later releases; None for no flag), made
        to refuse what Python 3.12 refuses. A cluster of short flags that take no value (`sep`
        ``""``: `-verbose` is ``(-v, "-v", "", "erbose")``) that reaches a letter that is no
        flag (`-verbose`, `-vjson`, `-horizon`, `-vhz`) becomes the last flag before it with the
        rest given after ``=``, which argparse refuses when it reaches the word, in 3.12's words:
        "argument -v/--verbose: ignored explicit argument 'erbose'" (which :meth:`error` says
        as "unrecognized arguments: -verbose" where :meth:`_meant_long` has a guess). Flags
        only (`-hv` prints the help), a flag and its value (`-n3`) and the readings of Python
        3.11 and 3.12.1 (three items: their argparse refuses such a cluster itself) are left as
        they are."""
        if isinstance(reading, list):
            return [self._refused_as_312(one) for one in reading]
        if reading is None or len(reading) != 4:
            return reading
        _, flag, sep, rest = reading
        if sep != "":
            return reading
        word = flag + rest
        at = self._refused_at(word, equals=True)  # as 3.12 walks the cluster
        if not at:
            return reading
        last = word[0] + word[at - 1]  # the last flag before the letter that is none
        return self._option_string_actions[last], last, "=", word[at:]

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # late 3.12 releases (3.12.10) list the choices without their quotes (`lstmkit forcast`
        # got "invalid choice: 'forcast' (choose from datasets, forecast, ...)") and quote a
        # number given as one ('5'): the words of 3.11, 3.12.1 and 3.13.0, everywhere
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(repr, action.choices))
            raise argparse.ArgumentError(
                action, f"invalid choice: {value!r} (choose from {choices})"
            )

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        # argparse drops an OSError here, so a closed pipe (`lstmkit --help | head -1`, the
        # help written at once) exited 0 where any other output gives 141: it is raised
        if message:
            try:
                (file or sys.stderr).write(message)
            except BrokenPipeError:
                raise
            except OSError as err:
                # the help or --version refused by stdout (`> /dev/full`): exit 0 with nothing
                # written; raised for the console script to say. Stderr's, which would say it
                # (a usage error's line), is dropped as argparse drops it
                if file is sys.stdout:
                    err.lstmkit_stdout = True  # type: ignore[attr-defined]
                    raise
            except AttributeError:  # no stream (pythonw), as argparse has it
                pass

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        # argparse reports unknown flags from the top-level parser, whose --help does not list
        # a command's flags: report them from the command's own parser instead.
        parsed, extras = self.parse_known_args(args, namespace)
        # argparse gives a `nargs="*"` positional nothing once a flag has come between it and
        # the positional before it (`text predict DIR --json "a sentence"`), and leaves the
        # words over: they are that positional's, in order, unless one is a flag; after "--"
        # every word is (`... --json -- -bad`: the sentence "-bad"). A word argparse reads as
        # no flag is one too (`... --json -1`, `-`), as 3.12.10's argparse has it: 3.11 named
        # none of them, "unrecognized arguments: " (_flags_over keeps only flags)
        owner = getattr(parsed, "_parser", self)
        extras = owner._optional_filled(parsed, extras)
        more = getattr(parsed, "_more_positionals", None)
        cut = extras.index("--") if "--" in extras else len(extras)
        words = [*extras[:cut], *extras[cut + 1 :]]
        if extras and more and not any(map(owner._reads_as_flag, extras[:cut])):
            setattr(parsed, more, [*getattr(parsed, more), *words])
            extras = []
        if (
            extras.count("--")
            and extras.count("--") == owner._words.count("--")
            and any(map(owner._reads_as_flag, extras[:cut]))
        ):
            # the "--" that ends the stray flags before it, left over where no positional took
            # words after it (3.11): no word of the user's that went unread (`--jsn --` named
            # "--jsn --"). Alone or after a word left over (`predict DIR airline --json --`,
            # `predict DIR --json x y -- z`) it is named, as 3.12.10 names it
            extras.remove("--")
        if extras:
            if more:
                extras = owner._flags_over(extras[:cut])
            said = " ".join(owner._unrecognized(extras))
            hint = owner.stray_hint
            refused = self.__dict__.get("_refused", [])
            said_better = None if hint is None or refused else hint(owner, parsed, said)
            if said_better:
                owner.exit(2, f"error: {said_better}\n")
            owner.error(f"unrecognized arguments: {said}")
        if self.__dict__.get("_refused"):  # said by _run (else the namespace has no such attribute)
            parsed._refused_flags = list(self.__dict__["_refused"])
        return parsed

    def _optional_filled(self, parsed: argparse.Namespace, extras: list[str]) -> list[str]:
        """``extras`` (the words left over) without the one that goes to an optional positional
        argparse gave nothing, now set to it: the first word left that is no flag (any after
        ``--``). 3.11, 3.12.1 and 3.13.0 gave `predict DIR --horizon 3 airline` no dataset
        and refused "airline" as an unrecognized argument; 3.12.10 takes it for the dataset,
        as every Python does after the flag's other side (`predict --horizon 3 DIR airline`).
        A last ``--`` with no word after it is left out too, as 3.12.10 leaves it out (`predict
        DIR --json --`)."""
        if not _OPTIONAL_TAKEN_EMPTY:
            return extras
        for action in self._get_positional_actions():
            if action.nargs != argparse.OPTIONAL or getattr(parsed, action.dest, None) not in (
                None,
                action.default,
            ):
                continue
            cut = extras.index("--") if "--" in extras else len(extras)
            at = next(
                (k for k, w in enumerate(extras) if k > cut or not self._reads_as_flag(w)), None
            )
            if at is None and cut == len(extras) - 1:
                # a "--" with no word after it ends the flags and gives it nothing, as 3.12.10
                # reads `predict DIR --json --` (3.11, 3.12.1, 3.13.0 left the "--" over)
                extras = extras[:cut]
                continue
            if at is None or at == cut:
                continue
            try:  # the word as it is ("--" after the first too), converted and checked
                value = self._get_value(action, extras[at])
                self._check_value(action, value)
            except argparse.ArgumentError as err:
                self.error(str(err))
            setattr(parsed, action.dest, value)
            # a "--" just before or after the word goes with it, as 3.12.10 reads them (not
            # one after a flag after it: `DIR --json x --horizon 3 -- y` leaves "-- y")
            words = self._words
            sep = words.index("--") if "--" in words else 0
            with_it = at == cut + 1 or (at == cut - 1 and sep > 0 and words[sep - 1] == extras[at])
            extras = [w for k, w in enumerate(extras) if k != at and (k != cut or not with_it)]
        return extras

    def _flags_over(self, extras: list[str]) -> list[str]:
        """The words of ``extras`` (left over before ``--``) that are flags, each with the word
        after it where :meth:`_strays` has that word as its value (``--epocs 3``); the others
        are the words of the ``nargs="*"`` positional that gathers the words over. Python
        3.12.10's argparse gives them to it itself: `text predict DIR --jsn good` named "good" a
        stray on 3.11 and 3.13.0, on 3.12.10 not."""
        pending = list(self._strays())
        kept: list[str] = []
        value = None
        for word in extras:
            if self._reads_as_flag(word):
                kept.append(word)
                at = next((at for at, (flag, _) in enumerate(pending) if flag == word), None)
                value = None if at is None else pending.pop(at)[1]
            elif word == value:
                kept.append(word)
                value = None
            else:
                value = None
        return kept

    def _unrecognized(self, extras: list[str]) -> list[str]:
        """The words left over, each flag this command lacks with its value (``--zz 3``). Where
        such a value went to a positional instead (`text spell --foo 1 --bar 2 x` left
        ``--foo --bar x``), the words after it moved up a place and are no strays: then only
        the flags and their values are named."""
        strays = self._strays()
        if any(value is not None and value not in extras for _, value in strays):
            # those before the command's name too (`lstmkit --jsn forecast --epocs 3 airline`
            # named only --epocs 3, and guessed --json for the --jsn it left out)
            return [_with_value(*stray) for stray in [*self._outer_strays(), *strays]]
        said, pending, named = [], list(strays), None
        for word in extras:
            if pending and word == pending[0][0]:
                flag, named = pending.pop(0)
                said.append(_with_value(flag, named))
            elif word == named:  # the value just named with its flag
                named = None
            else:
                said.append(word)
                named = None
        return said


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of the whole command line; given the ``argv`` it will parse, only the topic of
    the command named there is imported and built in full, the other commands stay names with
    their help line (``lstmkit --help``, ``--version`` and a mistyped command import no topic)."""
    parser = _Parser(
        prog="lstmkit",
        description="Recurrent networks you can see inside: forecast, classify, generate, explain.",
        # the help listed the commands and no way on: not that each has a --help of its own,
        # nor a first command to run
        epilog="`lstmkit COMMAND --help` lists a command's flags (`lstmkit text COMMAND --help` "
        "a text command's). To start: `lstmkit datasets`, `lstmkit forecast airline --out "
        'runs/airline`, `lstmkit demo` (README.md: "A tour in seven commands").',
    )
    parser.add_argument("--version", action="version", version=f"lstmkit {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if argv is None:
        wanted = {topic for topic, _ in COMMANDS.values()}
    else:  # the first word that is not a flag (the top level has no flag taking a value)
        at = next((at for at, word in enumerate(argv) if not word.startswith("-")), None)
        command = None if at is None else argv[at]
        before = argv[at - 1] if at else ""
        known = parser._option_string_actions
        if (
            command not in COMMANDS
            and before[:1] == "-"
            and not any(f.startswith(before) for f in known)
        ):
            # argparse refuses that word; where it came after a flag the top level lacks (as
            # that flag's value), a command named after it has its flags read for a guess of the
            # flag (`lstmkit --epochs 3 forecast`: 3 is no command); after no such flag it is a
            # mistyped command (`lstmkit explan text m`), and no topic is imported
            words = itertools.takewhile(lambda w: w != "--", argv)
            command = next((word for word in words if word in COMMANDS), command)
        wanted = {COMMANDS[command][0]} if command in COMMANDS else set()
    for topic in dict.fromkeys(topic for topic, _ in COMMANDS.values()):
        if topic in wanted:
            importlib.import_module(f"lstmkit.cli.{topic}").register(sub)
        else:
            for name, (owner, help) in COMMANDS.items():
                if owner == topic:
                    sub.add_parser(name, help=help)
    _verbose_everywhere(parser)
    _plain_metavars(parser)
    return parser


def _plain_metavars(parser: argparse.ArgumentParser) -> None:
    """Name the value of each flag that names none itself as the messages name it: a count
    ``N`` (``--horizon N``, as ``--threads N``), a decimal number ``X`` (``--lr X``,
    ``--dropout X``, ``--minutes X``), a column ``COL`` (``--value-col COL``, as
    ``--covariate-cols COL``), a file ``FILE`` (``--csv FILE``, as "applies only with --csv
    FILE" says), a folder ``DIR`` (``--out DIR``); the help showed argparse's upper-cased
    names, ``--csv CSV``, ``--out OUT``, ``--horizon HORIZON``, ``--value-col VALUE_COL``,
    ``--lr LR``, ``--weight-decay WEIGHT_DECAY``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                _plain_metavars(child)
            continue
        if (
            not isinstance(action, argparse._StoreAction)
            or not action.option_strings
            or action.metavar is not None
            or action.choices is not None
            or action.nargs is not None
        ):
            continue
        if action.type in (whole_number, seed_number) or action.dest == "holdout":
            action.metavar = "N"
        elif action.type is number_or_text:  # every decimal flag
            action.metavar = "X"
        elif action.dest.endswith("_col"):
            action.metavar = "COL"
        elif action.type is user_path:
            action.metavar = "FILE"
        elif action.dest == "out" or action.dest.endswith("_dir"):
            action.metavar = "DIR"


def _verbose_everywhere(parser: argparse.ArgumentParser) -> None:
    """Let ``-v`` follow any command too (``lstmkit forecast airline -v``), not only precede it.

    The sub-commands' flag defaults to SUPPRESS, so a ``-v`` before the command still counts.
    """
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):  # aliases share a parser
                if "-v" not in child._option_string_actions:
                    child.add_argument(
                        "-v",
                        "--verbose",
                        action="store_true",
                        default=argparse.SUPPRESS,
                        help="log progress details",
                    )
                child.set_defaults(_parser=child)  # the innermost command's parser wins
                if isinstance(child, _Parser) and isinstance(parser, _Parser):
                    child._outer = parser  # for the flags given before the command's name
                _verbose_everywhere(child)


# The exit code when stdout's reader went away (`lstmkit datasets | head -1`): 128 + SIGPIPE,
# as the shell reports git or a coreutils program that the closed pipe ended.
PIPE_CLOSED = 141


def colours_wanted(stream: IO[str] | None) -> bool:
    """Whether output to ``stream`` may carry ANSI colours: it is a terminal and ``NO_COLOR``
    (https://no-color.org) is unset or empty. ``NO_COLOR=1`` was not heeded: only ``--no-color``
    turned them off.

    Example:
        >>> import io
        >>> colours_wanted(io.StringIO()), colours_wanted(None)
        (False, False)
    """
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream is not None and bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


def reader_gone() -> int:
    """:data:`PIPE_CLOSED`, with stdout pointed at devnull: the reader of the pipe went away
    (``lstmkit forecast airline --json | head -c 10``), and the interpreter's last flush of
    what is left must not raise again ("Exception ignored ... BrokenPipeError", exit 120).
    For the process's end only (the console script's ``run``): a stdout without a file
    descriptor (a ``StringIO``) is left as it is."""
    stdout_dropped()
    return PIPE_CLOSED


def stdout_dropped() -> None:
    """stdout's file descriptor pointed at devnull, so that the interpreter's last flush of what
    stdout holds yet, which its reader or its disk refused, does not raise again at exit. For
    the process's end only; a stdout without a file descriptor is left as it is."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):  # io.UnsupportedOperation is both of these
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def stdout_refused(err: OSError) -> str | None:
    """The error line (after ``error: ``) of ``err`` where it is the system's refusal of a write
    to stdout (``> /dev/full``, a full disk, a file past ``ulimit -f``), which named no file
    (``[Errno 28] No space left on device``); None for any other error. Told by stdout's own
    flush, which writes again what the refused write left in its buffer, and fails alike, or
    marked by :class:`_ToldStdout` (an unbuffered stdout, ``python -u``, keeps nothing for a
    second flush to fail on)."""
    if err.filename is not None or isinstance(err, BrokenPipeError):
        return None
    if getattr(err, "lstmkit_stdout", False):  # the help's write (_Parser._print_message)
        return f"stdout cannot be written: {err.strerror or err}."
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as again:
        if again.errno == err.errno:
            return f"stdout cannot be written: {err.strerror or err}."
    except (AttributeError, ValueError):  # no stream, or closed: not stdout's
        pass
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 on success, 2 on bad input, 1 when the
    system refuses a read or write: a full disk, no permission to make a file (a read-only file,
    which lstmkit itself refuses to replace, is bad input: 2); 130 after Ctrl-C, 143 after
    SIGTERM, also when a training command saved the model trained so far; 141 when stdout's
    reader went away, as after SIGPIPE: stdout is then left as it is, for the caller, where
    the ``lstmkit`` command points it at devnull before it exits)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with _streams_even_closed("stderr"):
        parser = build_parser(argv)
        args = parser.parse_args(argv)
        # what a run records, so that it can be run again (run.json, the text models' metrics)
        args.command_line = shlex.join(["lstmkit", *argv])
        args._argv = argv  # where each flag was given: problems are said in that order
        if getattr(args, "func", None) is None:
            parser.print_help()
            return 0
        # stdout for the command alone: argparse writes --help and --version to stderr where
        # stdout is None, which is kept
        with (
            _streams_even_closed("stdout"),
            _stdout_refusals_told(),
            _logging_to_stderr(args.verbose),
            warnings.catch_warnings(),
        ):
            warnings.showwarning = _ShownWarnings()  # restored when the block ends
            return _run(args)


class _Told:
    """``sys.stdout`` for a command's run (:class:`_ToldStdout`), or its ``buffer``, which marks
    an error of its writes as stdout's (``lstmkit_stdout``, :func:`stdout_refused`) and is the
    stream itself in every other way. Unbuffered (``PYTHONUNBUFFERED=1``, as many containers
    set it; ``python -u``), a stdout that refused a line (``> /dev/full``, a full disk) kept
    nothing for a second flush to fail on: "error: [Errno 28] No space left on device" named
    nothing.

    What Python looks up on the type, not through ``__getattr__``, is the stream's too: a
    ``with sys.stdout:``, ``for line in sys.stdout``, ``repr``, ``dir``, ``copy.copy`` and
    ``isinstance(sys.stdout, io.TextIOBase)`` (registered below) failed, or answered for the
    wrapper, while a command ran ("'_ToldStdout' object does not support the context manager
    protocol", a RecursionError from ``copy``); its ``buffer``'s writes, and ``close``, are
    marked as ``write`` is."""

    _buffer: _Told | None = None  # the stream's buffer, wrapped once

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def _told(self, name: str, *args: Any) -> Any:
        """The stream's method ``name`` called with ``args``, an error of the system marked."""
        try:
            return getattr(self._stream, name)(*args)
        except BrokenPipeError:  # its reader gone: exit 141, said as such
            raise
        except OSError as err:
            err.lstmkit_stdout = True  # type: ignore[attr-defined]
            raise

    def write(self, text: Any) -> int:
        # the hot path (every print of a command's run): the stream's write called here, not
        # through _told's getattr and *args, which made 100,000 prints 4.6x a bare print's
        # time where the wrapper before it took 2.3x
        try:
            return self._stream.write(text)  # type: ignore[no-any-return]
        except BrokenPipeError:  # its reader gone: exit 141, said as such
            raise
        except OSError as err:
            err.lstmkit_stdout = True  # type: ignore[attr-defined]
            raise

    def writelines(self, lines: Iterable[Any]) -> None:
        # the stream's own writelines called its own write, past this one: unbuffered, a
        # refused line was said "error: [Errno 28] No space left on device" again
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._told("flush")

    def close(self) -> None:
        self._told("close")  # what it holds yet is flushed first

    @property
    def buffer(self) -> Any:
        # the bytes under the text (``sys.stdout.buffer.write(b"...")``), marked alike; the
        # same object for as long as the stream has the same buffer
        raw = self._stream.buffer
        if self._buffer is None or self._buffer._stream is not raw:
            self._buffer = _Told(raw)
        return self._buffer

    def __iter__(self) -> _Told:
        iter(self._stream)  # a closed stream's ValueError
        return self

    def __next__(self) -> Any:
        return next(self._stream)  # stdout's "not readable"

    def __enter__(self) -> _Told:
        self._stream.__enter__()  # a closed stream's ValueError
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()  # as the stream's own with closes it

    def __repr__(self) -> str:
        return repr(self._stream)

    def __dir__(self) -> list[str]:
        return sorted({*object.__dir__(self), *dir(self._stream)})

    def __reduce_ex__(self, protocol: SupportsIndex) -> Any:
        # copy and pickle refuse the stream ("cannot pickle '_io.TextIOWrapper' object"),
        # not the wrapper made anew without its stream (a RecursionError in __getattr__)
        return self._stream.__reduce_ex__(protocol)

    def __getattr__(self, name: str) -> Any:
        if name == "_stream":  # not set yet: an instance made without __init__
            raise AttributeError(name)
        return getattr(self._stream, name)


class _ToldStdout(_Told):
    """:class:`_Told` of the text stream, ``sys.stdout`` itself: an ``io.TextIOBase`` as the
    stream is (``isinstance``), where its ``buffer`` is not."""


io.TextIOBase.register(_ToldStdout)


@contextlib.contextmanager
def _stdout_refusals_told() -> Iterator[None]:
    """``sys.stdout`` wrapped in :class:`_ToldStdout` for the block, where it is a file's (a
    ``StringIO``, pytest's capture, is left as it is), and put back after it."""
    stream = sys.stdout
    try:
        stream.fileno()
    except (AttributeError, ValueError, OSError):
        yield
        return
    sys.stdout = _ToldStdout(stream)  # type: ignore[assignment]
    try:
        yield
    finally:
        if isinstance(sys.stdout, _ToldStdout):  # not replaced meanwhile
            sys.stdout = stream


@contextlib.contextmanager
def _streams_even_closed(name: Literal["stderr", "stdout"]) -> Iterator[None]:
    """``sys.stderr`` (or ``sys.stdout``, ``name``) pointed at devnull while it is None
    (``lstmkit ... 2>&-``, ``>&-``, pythonw): ``print(..., file=None)`` writes to stdout, so the
    ``error:`` line and the notes landed in the output a pipe reads (``--json``); and a command
    that asks stdout whether it is a terminal (``lstmkit explain``'s colours) ended in a
    traceback ("'NoneType' object has no attribute 'isatty'") where the others wrote nothing.
    What they write is dropped, as the others' was; the exit code still tells."""
    if getattr(sys, name) is not None:
        yield
        return
    fd = os.open(os.devnull, os.O_WRONLY)
    if fd < 3 and os.name == "posix":
        import fcntl

        # not as descriptor 1 or 2, which are closed: `--out /dev/stdout >&-` is still told
        # "descriptor 1 is not open", not written into devnull
        fd, low = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3), fd
        os.close(low)
    with open(fd, "w", encoding="utf-8") as devnull:
        setattr(sys, name, devnull)
        try:
            yield
        finally:
            setattr(sys, name, None)


@contextlib.contextmanager
def _logging_to_stderr(verbose: bool) -> Iterator[None]:
    """Log records at INFO (``--verbose``) or WARNING and up on stderr, for the command's run.

    As ``logging.basicConfig`` would, but undone afterwards: ``main`` called in-process (a
    notebook, a test) left its handler on the root logger, so that the user's own
    ``basicConfig`` did nothing after it, and neither did a later ``-v``. A root logger that
    already has handlers (the caller's logging) is left alone, as ``basicConfig`` leaves it.
    """
    root = logging.getLogger()
    if root.handlers:
        yield
        return
    handler = _AboveBars()
    handler.setFormatter(_LevelFormatter("%(levelname)s %(message)s"))
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _above_bars(stream: IO[str] | None) -> contextlib.AbstractContextManager[None]:
    """:func:`lstmkit._checks.above_bars` where a bar may be drawn; nothing more before tqdm is
    loaded (no bar drawn, nor lstmkit._checks and its numpy loaded, so `lstmkit --help` stays
    light)."""
    if "tqdm.std" not in sys.modules:
        return contextlib.nullcontext()
    from lstmkit._checks import above_bars

    return above_bars(stream)


class _LevelFormatter(logging.Formatter):
    """``INFO message`` (``-v``), but a warning (or worse) as ``warning: message``, as
    :class:`_ShownWarnings` shows the warnings of ``warnings.warn`` and the errors are said:
    ``text train``'s stderr held ``warning: ...`` (a training text too) beside ``WARNING ...``
    (one step an epoch) for the same kind of word."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # logging's name
        if record.levelno >= logging.WARNING:
            return f"{record.levelname.lower()}: {record.getMessage()}"
        return super().formatMessage(record)


class _AboveBars(logging.StreamHandler):  # type: ignore[type-arg]
    """A handler on stderr whose lines print above the progress bars drawn there (see
    :func:`lstmkit._checks.above_bars`): it holds the stream itself, so a ``-v`` line ran on
    from the end of a bar's line."""

    def emit(self, record: logging.LogRecord) -> None:
        with _above_bars(self.stream):
            super().emit(record)


class _ShownWarnings:
    """``warnings.showwarning`` for a command: each warning on stderr as one line, like the
    notes (no file and line of the source), above the progress bars drawn there as
    :class:`_AboveBars` prints a log line: one that came while a bar was open (a CSV file's
    warning under ``text train --csv``'s ``read`` bar) ran on from the end of the bar's line,
    which stayed there.

    A warning shown already is not shown again: ``forecast --backtest`` printed the main fit's
    (too few validation errors for the interval) and the same of the backtest's fits, word
    for word with ``--no-retrain``; the fits at the origins' are then said in a short line."""

    def __init__(self) -> None:
        self.shown: set[str] = set()

    def __call__(self, message: Warning | str, *args: object, **kwargs: object) -> None:
        text = str(message)
        if text in self.shown:
            return
        self.shown.add(text)
        # with --series-col, "(Warned of 2 of the 2 series ...)" comes after it, in both
        at = warned_at_origins(text)  # the end warn_gathered gives the fits' warning
        if at and text[: at.start()] + text[at.end() :] in self.shown:
            head = text[: at.start()]
            # its first words name which (other warnings can stand between them)
            quoted = head if len(head) <= 60 else head[:61].rsplit(" ", 1)[0] + " ..."
            text = (
                f"the fits at {at[1]} of the backtest's {at[2]} origins warned the same "
                f"('{quoted}').{text[at.end() :]}"
            )
        with _above_bars(sys.stderr):
            print(f"warning: {text}", file=sys.stderr)


# The flags that name a file or folder a command writes, by their dest.
_WRITTEN_FLAGS = {"out": "--out", "plot": "--plot"}
# ... and those that name one it reads (the model folder is an argument, not a flag), by their
# dest: a name past 255 bytes said "[Errno 36] File name too long: 'cccc...'" (all 300
# characters), no flag named, exit code 1, where a missing file is bad input, 2
_READ_FLAGS = {
    "csv": "--csv",
    "dev_csv": "--dev-csv",
    "test_csv": "--test-csv",
    "file": "--file",
    "data_dir": "--data-dir",
    "model": "model folder",
    "model_dir": "model_dir",  # the text commands' argument, as their help names it
}


def _shortened(text: str, keep: int = 24) -> str:
    """``text`` with its middle left out where it is longer than ``2 * keep`` characters.

    Example:
        >>> _shortened("a" * 300 + ".csv", keep=5)
        'aaaaa…a.csv'
    """
    return text if len(text) <= 2 * keep else f"{text[:keep]}…{text[-keep:]}"


def _system_limit(path: str, name: str, default: int) -> int:
    """``os.pathconf``'s ``name`` (``PC_NAME_MAX``, ``PC_PATH_MAX``) of the folder ``path`` is
    made in: its nearest folder that exists; ``default`` where the system does not say."""
    folder = os.path.dirname(os.path.abspath(path))
    while not os.path.isdir(folder) and os.path.dirname(folder) != folder:
        folder = os.path.dirname(folder)
    try:
        return os.pathconf(folder, name)
    except (AttributeError, OSError, ValueError):  # Windows; a name the system lacks
        return default


def refuse_long_names(args: argparse.Namespace) -> None:
    """Refuse, before any work, a file or folder to write (:data:`_WRITTEN_FLAGS`) or to read
    (:data:`_READ_FLAGS`) whose name is too long (:func:`long_name_problem`): the write failed
    with "[Errno 36] File name too long: 'aaaa...'" (the 300 characters given) naming no flag,
    ``demo --plot`` after its training, and so did the read. A URL is left to the command,
    which says that it reads and writes no network."""
    for flags, read in ((_WRITTEN_FLAGS, False), (_READ_FLAGS, True)):
        for dest, flag in flags.items():
            given = getattr(args, dest, None)
            # explain's --file is gathered into a list (a second one is refused by the command)
            for one in given if isinstance(given, list) else [given]:
                if not isinstance(one, (str, Path)) or str(one) in ("", "-"):
                    continue
                if (problem := long_name_problem(flag, os.fspath(one), read=read)) is not None:
                    # imported here: _checks loads numpy, which `lstmkit datasets` does without
                    from lstmkit._checks import _url

                    if _url(one) is None:
                        raise CLIError(problem)


def refuse_long_staging(
    args: argparse.Namespace,
    deepest: str = "model",
    series: tuple[str, str] | None = None,
    figure: str = "forecast.png",
) -> None:
    """Refuse, before any work, an ``--out`` folder whose path passes
    :func:`refuse_long_names` but under which the run's deepest write does not fit the system's
    limit on a path (4096 bytes on Linux, 1024 on macOS): the files are written first into a
    staging folder inside it (:func:`written_together`), which failed after the fit with
    "[Errno 36] File name too long: '/.../forecast.csv'". ``deepest``: ``"model"``, the
    model's temporary file in ``model/`` there (:func:`lstmkit.io.save_model`), or the name of
    the longest file the command writes (``prediction.json``). ``series``: ``(name, folder)``
    of the ``--series-col`` series whose run goes to ``--out``'s ``folder``, whose name and
    staging were not checked (``[Errno 36]`` after the first fits): a folder name over the
    system's limit is refused naming the series, and the staging inside that folder counted.
    ``figure``: the longest name of the plots the command writes, each staged in a hidden
    folder of its own, which the path counts where it is the deeper."""
    from lstmkit._orphans import owner

    out = getattr(args, "out", None)
    if not isinstance(out, (str, Path)) or str(out) in ("", "-"):
        return
    tag = owner()
    # as written_together and the model's save name them (mkdtemp's 8 characters, 8 hex)
    base, base_shown = [f".lstmkit-{tag}-{'x' * 8}.tmp"], ["DIR", ".lstmkit-….tmp"]
    run = "the run writes"
    if series is not None:
        name, folder = series
        where = os.path.join(os.fspath(out), folder)
        with contextlib.suppress(UnicodeEncodeError):
            size, most = len(os.fsencode(folder)), _system_limit(where, "PC_NAME_MAX", 255)
            if size > most:
                raise CLIError(
                    f"--series-col {args.series_col}: the series {_shortened(name)!r} is "
                    f"written into --out's folder {_shortened(folder)!r}, a name of {size:,} "
                    f"bytes, and a name holds at most {most:,} here; shorten the series' "
                    "name in the file."
                )
        base.insert(0, folder)
        base_shown.insert(1, _shortened(folder))
        run = f"the run of the series {_shortened(name)!r} writes"
    # the deepest write in the staging folder: the file, or the model's temporary file in
    # model/ there
    staged, staged_shown = [deepest], [deepest]
    if deepest == "model":
        staged.append(f".model.safetensors.{tag}-{'0' * 8}.tmp")
        staged_shown.append(".model.safetensors.….tmp")
    # a plot is written in a hidden folder of its own beside it (lstmkit._figures'
    # written_whole), deeper than prediction.json or the model: counted too (predict's
    # forecast.png passed and failed after the forecast, 'File name too long'); the staged
    # file's path on a tie (both under ``base``, which adds the same to each)
    plotted = [f".{figure[:32]}.{tag}-{'0' * 8}.tmp", figure]
    plotted_shown = [f".{figure[:32]}.….tmp", figure]
    if len(os.fsencode(os.path.join(*plotted))) > len(os.fsencode(os.path.join(*staged))):
        staged, staged_shown = plotted, plotted_shown
    stage, shown = [*base, *staged], [*base_shown, *staged_shown]
    path = os.path.join(os.path.abspath(os.path.expanduser(os.fspath(out))), *stage)
    try:
        whole = len(os.fsencode(path))
    except UnicodeEncodeError:  # no name of the disk's: as long_name_problem leaves it
        return
    if whole >= (most := _system_limit(path, "PC_PATH_MAX", 4096)):
        raise CLIError(
            f"--out {_shortened(os.fspath(out))!r} cannot be written: {run} its files "
            f"into a staging folder inside it first, up to {os.path.join(*shown)}, a path of "
            f"{whole:,} bytes here, and a path holds at most {most - 1:,}; choose a shorter one."
        )


def long_name_problem(
    flag: str,
    given: str,
    written: str | os.PathLike[str] | None = None,
    *,
    read: bool = False,
) -> str | None:
    """Why ``flag``'s path ``given`` cannot be written (``read``: read) where its name, or that
    of a folder on its path, is longer than the file system takes (255 bytes on most), or its
    whole path longer than the system takes (4096 bytes on Linux); None where neither.
    ``written``: the path written for it where that differs (``demo --plot gates`` writes
    ``gates.png``)."""
    path = os.path.expanduser(os.fspath(given if written is None else written))
    shown = repr(_shortened(given))
    try:
        whole = len(os.fsencode(path))
    except UnicodeEncodeError:
        # a lone surrogate (main(["forecast", "--csv", "\ud800.csv"]) from Python), no name of
        # the disk's: left to the command, which names the file ("--csv '\ud800.csv' not
        # found."), where this said "'utf-8' codec can't encode character '\ud800' ..." alone
        return None
    # no file has such a name: the one given is to be checked, not shortened
    verb, advice = ("read", "check it") if read else ("written", "choose a shorter one")
    if whole >= (most := _system_limit(path, "PC_PATH_MAX", 4096)):
        return (
            f"{flag} {shown} cannot be {verb}: its path is {whole:,} bytes long, and a "
            f"path holds at most {most - 1:,} here."
        )
    names = [name for name in Path(path).parts if name not in ("/", os.sep)]
    most = _system_limit(path, "PC_NAME_MAX", 255)
    for at, name in enumerate(names):
        if (size := len(os.fsencode(name))) > most:
            if at < len(names) - 1:
                which = f"its folder {_shortened(name)!r}"
            elif Path(given).name == name:
                which = "its name"
            else:
                which = f"the file it names, {_shortened(name)!r},"
            return (
                f"{flag} {shown} cannot be {verb}: {which} is {size:,} bytes long, and a "
                f"name holds at most {most:,} here; {advice}."
            )
    return None


def _flush_output(code: int) -> None:
    """stdout flushed at the end of a command that returned ``code``, so that a refusal of what
    it held (``> /dev/full``, a full disk) is the command's: ``main`` called from Python returned
    0 and the interpreter's exit said "Exception ignored ... OSError: [Errno 28] No space left
    on device" (exit code 120). Refused after a command that failed (``code`` not 0), which said
    why already, it is not said again; a reader gone is one whatever the code (141). A stdout
    the command closed (``with sys.stdout:``) holds nothing."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError:
        if code == 0:
            raise
    except ValueError:  # closed
        pass


def _run(args: argparse.Namespace) -> int:
    """``args.func(args)`` (with ``--threads`` set for its duration); errors to exit codes."""
    threads = getattr(args, "threads", None)
    # torch's threads are restored afterwards; a command that does not load torch leaves it unloaded
    torch = importlib.import_module("torch") if threads is not None else sys.modules.get("torch")
    before = torch.get_num_threads() if torch is not None else None
    # the library's remedies said as flags (lstmkit._remedies)
    on_flags = cli_command.set(getattr(args, "command", "lstmkit"))
    on_sep = sep_given.set(getattr(args, "sep", None) is not None)
    # the integer flags' refusals of the parse: a command that checks its other flags before
    # any work (says_refused_flags) says them with those (said_together), in command-line order;
    # another, or one stopped before, says them alone, first, as the parse said the first
    refused = _REFUSED.set((getattr(args, "_argv", ()), list(getattr(args, "_refused_flags", []))))
    try:
        if refused_flags_pending() and not getattr(args.func, "says_refused_flags", False):
            refuse_together([])
        refuse_long_names(args)
        if threads is not None:
            if threads < 1:
                from lstmkit._checks import value_repr  # -1e30: "-1e+30 (an int of 31 digits)"

                raise CLIError(f"--threads must be a positive integer, got {value_repr(threads)}.")
            torch.set_num_threads(threads)
        with _sigterm_interrupts():  # a scheduler's SIGTERM stops a command as Ctrl-C does
            code = int(args.func(args) or 0)
        _flush_output(code)
        if refused_flags_pending():  # never: each command that runs with them says them
            refuse_together([])
        return code
    except (CLIError, ValueError, TypeError, FileNotFoundError) as err:
        said = " ".join(in_command_line_order([])) if refused_flags_pending() else None
        print(f"error: {said or flagged(err, args)}", file=sys.stderr)
        if getattr(args, "_refused_flags", None):
            # a flag's text refused: argparse's exit, as when the parse stopped at the first
            sys.exit(2)
        return 2
    except MemoryLimitError as err:  # a module's parameters (--hidden-size 100000): one line
        print(f"error: {err}", file=sys.stderr)
        return 2
    except RuntimeError as err:
        if (said := _out_of_device_memory(err, args)) is None:
            raise
        print(f"error: {said}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as err:
        if isinstance(err, _Terminated):
            print("terminated", file=sys.stderr)
            return 143  # 128 + 15, as the shell reports a process that SIGTERM ended
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # stdout is left as it is: main() called in-process (a notebook, a script) must not
        # point the process's file descriptor 1 at devnull; run() does that at the end
        return PIPE_CLOSED
    except OSError as err:
        # what the system refused, with the file: a full disk, a file that cannot be read or
        # written (permissions), an input/output error; one line, as the errors above. A write
        # to stdout names no file: "[Errno 28] No space left on device" said not which
        print(f"error: {stdout_refused(err) or err}", file=sys.stderr)
        return 1
    finally:
        cli_command.reset(on_flags)
        sep_given.reset(on_sep)
        _REFUSED.reset(refused)
        if torch is not None:
            torch.set_num_threads(before)


# The flags that shrink what a command holds on its device, by their dest, in the order said:
# those the command has name the remedy when the device runs out of memory.
_SHRINKING = {
    "hidden_size": "--hidden-size",
    "embed_dim": "--embed-dim",
    "num_layers": "--num-layers",
    "bptt": "--bptt",
    "batch_size": "--batch-size",
    "ensemble": "--ensemble",
    "jobs": "--jobs",
}


def _out_of_device_memory(err: RuntimeError, args: argparse.Namespace) -> str | None:
    """The one line of a device's out-of-memory error (:func:`lstmkit._device.out_of_memory`:
    ``torch.cuda.OutOfMemoryError``, MPS's), None for any other error: ``lstmkit forecast
    --device cuda --hidden-size 100000`` ended in a traceback. It names the device, what was
    being done (see :func:`lstmkit._device.doing`), what torch could not allocate and the flags
    of the command that shrink it: those above 1, less ``--ensemble`` while member 1 moves or
    trains one member at a time (no other member is on the device then; "training member 1/2
    ...; lower ... or --ensemble" suggested what would not help), and ``--jobs`` where it
    trains one member at a time anyway (``--ensemble 1``); nor ``--batch-size`` or ``--bptt``
    but in training, the one step that holds a batch of theirs, and none while ``train-lm``
    moves its text."""
    if "torch" not in sys.modules:  # no device has run
        return None
    from lstmkit._checks import and_list
    from lstmkit._device import _first_sentence, out_of_memory

    if not out_of_memory(err):
        return None
    doing = getattr(err, "lstmkit_doing", None)
    # torch writes 1 KiB or less in bytes ("Tried to allocate 256 bytes on shared pool")
    tried = re.search(r"Tried to allocate (\d[\d.]* (?:[KMGTPE]?i?B|bytes))", str(err))
    # torch's first sentence alone ("CUDA out of memory") says less than lstmkit's own refusal
    # of a parameter ("LSTM's `weight_hh_l0` of shape ... needs ..., more than torch could
    # allocate")
    why = f"torch could not allocate {tried[1]} more" if tried else _first_sentence(err)
    # a flag at 1 cannot be lowered (--num-layers 1, forecast's default); one the command
    # lacks counts as that
    flags = [flag for dest, flag in _SHRINKING.items() if getattr(args, dest, 1) != 1]
    # members trained at the same time: --jobs 4 with --ensemble 1 trains one
    together = min(getattr(args, "jobs", 1), getattr(args, "ensemble", 1))
    if together == 1:
        flags = [flag for flag in flags if flag != "--jobs"]
    if doing and re.search(r"\bmember 1/", doing) and together == 1:
        # members train one after the other: while the first moves or trains (its refit
        # too) no other is on the device, and fewer of them would not help
        flags = [flag for flag in flags if flag != "--ensemble"]
    if doing == "moving the training text to it":
        flags = []  # the text alone is on the device then, which no flag shrinks
    elif doing and not doing.startswith("training"):
        # training alone holds batches of --batch-size (and --bptt): moving holds the weights,
        # and measuring, decoding and forecasting run batches of their own (256 sentences,
        # every number at once, one window)
        flags = [flag for flag in flags if flag not in ("--batch-size", "--bptt")]
    remedy = f"lower {and_list(flags, 'or')}, or " if flags else ""
    return (
        f"--device {getattr(args, 'device', None) or 'cuda'} ran out of memory"
        f"{f' {doing}' if doing else ''} ({why}); {remedy}run on --device cpu."
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


def one_file(
    args: argparse.Namespace,
    command: tuple[str, ...],
    usage: str = "MODEL --file -",
    joined: str = ", its lines numbered as joined) or run {command} once per file.",
) -> None:
    """``args.file`` (a ``--file`` gathered by ``action="append"``) made its one file, or None;
    several refused (argparse kept the last, the others dropped unsaid), with the command as
    given, its ``--file`` flags made one ``--file -`` at the first one's place, to pipe them
    into (where the flags are not found as typed, an abbreviation ``--fi a.txt``: ``lstmkit
    COMMAND`` and ``usage``). ``command``: the words of the command, ``("explain",)``,
    ``("text", "predict")`` or ``("text", "train-lm")``; ``joined``: the advice's end, after the
    command to pipe into (``{command}`` its words), as the command reads the joined text.
    Standard input (``-``), read once, is named once among the files to join, or, given for
    each ``--file``, told to be given once. ``lstmkit explain`` and ``lstmkit text predict``
    wrote this each."""
    if args.file is None or len(args.file) == 1:
        args.file = None if args.file is None else args.file[0]
        return
    given = list(getattr(args, "_argv", None) or [])
    words: list[str] = []
    found, k = 0, 0
    while k < len(given):
        if given[k] == "--file" or given[k].startswith("--file="):
            words += [] if found else ["--file", "-"]
            found += 1
            k += 1 if "=" in given[k] else 2
            continue
        words.append(given[k])
        k += 1
    said = " ".join(command)
    piped = (
        shlex.join(["lstmkit", *words])
        if found == len(args.file) and "--" not in given and words[: len(command)] == [*command]
        else f"lstmkit {said} {usage}"
    )
    given_files = [str(f) for f in args.file]  # text train-lm's are paths (user_path)
    named = ", ".join(map(repr, given_files))
    # "-" (standard input; "./-" a file of that name) is read once: `cat - -` read it, then
    # nothing, so the advice to join them gave the text once, unsaid; it is named once
    stdin = [isinstance(f, StandardInput) or f == "-" for f in args.file]
    once = [f for k, f in enumerate(given_files) if not stdin[k] or k == stdin.index(True)]
    if len(once) == 1:  # all of them "-": the text comes in once, by one --file -
        raise CLIError(
            f"--file takes one file, got {len(args.file)}: {named}; standard input (-) is "
            f"read once, so give --file - once (`{piped}`)."
        )
    files = " ".join(map(shlex.quote, once))
    twice = "standard input (-) is read once, so name it once, and " if sum(stdin) > 1 else ""
    raise CLIError(
        f"--file takes one file, got {len(args.file)}: {named}; {twice}join them into one (`cat "
        f"{files} | {piped}`{joined.format(command=said)}"
    )

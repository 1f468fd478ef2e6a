"""``lstmkit text …``: sentiment, character language model and sequence-to-sequence commands.

Training flags are generated from the fields of each workflow's frozen config dataclass, so the
CLI and the Python API cannot drift apart.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import inspect
import json
import os
import random
import re
import shlex
import sys
import threading
import typing
import warnings
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from lstmkit._figures import drawable, plain_text
from lstmkit.cli import (
    _CSV_FLAGS,
    COMMANDS,
    CLIError,
    DefaultsHelpFormatter,
    _one_character,
    _piped,
    as_flags,
    check_csv,
    check_out_dir,
    flagged,
    model_subdir,
    note_extra_jobs,
    note_replaced,
    number_or_text,
    number_problems,
    one_file,
    overwrite_flag,
    padded_column,
    pasted_path,
    print_sentence_blocks,
    progress_flag,
    read_once,
    read_sentences,
    refuse_all,
    refuse_empty_sentences,
    refuse_other_output,
    refuse_overwrite_without_out,
    refuse_read_only,
    refuse_together,
    refuse_unmarked,
    refused_flags_pending,
    required_in_usage,
    said_once,
    said_together,
    saved_before,
    says_refused_flags,
    seed_number,
    threads_flag,
    typed_path,
    unknown_words_line,
    user_path,
    user_text,
    whole_number,
    writable,
    written_together,
)


def _field_help(cls: type) -> dict[str, str]:
    """Each field's help: the first sentence of its entry under ``Attributes:`` in the
    dataclass's docstring (Google style), so the flags and the API document the same thing.
    A field named in double backquotes is named as its flag (``max_digits`` is
    ``--max-digits``; the help said "numbers have 1 to max_digits digits")."""
    fields = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else set()
    doc = inspect.cleandoc(cls.__doc__ or "")
    block = doc.split("Attributes:", 1)[1] if "Attributes:" in doc else ""
    entries: dict[str, str] = {}
    name = None
    for line in block.splitlines():
        match = re.match(r"    (\w+): (.*)", line)
        if match:
            name = match.group(1)
            entries[name] = match.group(2)
        elif name is not None and line.startswith("        "):
            entries[name] += " " + line.strip()
        elif line.strip():
            break
    helps = {}
    for field, text in entries.items():
        text = re.sub(r":\w+:`~?(?:[\w.]+\.)?(\w+)`", r"\1", text)
        text = re.sub(r"``([^`]+)``", lambda span: _as_flags(span[1], fields), text)
        first = re.split(r"(?<=[a-z0-9)])\. (?=[A-Z])", text, maxsplit=1)[0].rstrip(".")
        word = first.split(" ", 1)[0]
        if word[1:].islower() and word != "Adam":  # "Embedding size", not "LSTM hidden size"
            first = first[:1].lower() + first[1:]
        helps[field] = first.replace("%", "%%")  # argparse expands % in help
    return helps


def _as_flags(code: str, fields: set[str]) -> str:
    """``code`` (a docstring's literal) with each name of ``fields`` in it written as its flag
    (``jobs - 1``: ``--jobs - 1``)."""
    return re.sub(
        r"[A-Za-z_]\w*",
        lambda w: "--" + w[0].replace("_", "-") if w[0] in fields else w[0],
        code,
    )


class _GivenBool(argparse.BooleanOptionalAction):
    """``--flag`` / ``--no-flag`` that also notes which of them was given (in ``given_flags``):
    a flag given at its default (``--phrases``) is otherwise no different from one left out."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        super().__call__(parser, namespace, values, option_string)
        if option_string is not None:
            given: set[str] = getattr(namespace, "given_flags", set())
            namespace.given_flags = given | {option_string}


def _add_config_flags(parser: argparse.ArgumentParser, cls: type, skip: tuple[str, ...]) -> None:
    """Adds one ``--field-name`` flag per dataclass field, with the help of its docstring entry
    (defaults from the dataclass, except ``progress``: on when stderr is a terminal)."""
    hints = typing.get_type_hints(cls)
    helps = _field_help(cls)
    group = parser.add_argument_group("training settings")
    for f in dataclasses.fields(cls):
        if f.name in skip:
            continue
        flag = "--" + f.name.replace("_", "-")
        hint = hints[f.name]
        text = helps.get(f.name, "")
        if f.name == "progress":  # resolved by _config_from_args
            progress_flag(group)
        elif typing.get_origin(hint) is typing.Literal:
            group.add_argument(flag, choices=typing.get_args(hint), default=f.default, help=text)
        elif isinstance(f.default, bool) or (f.default is None and hint == bool | None):
            # a None default (neutral_words) is resolved by the config: its help says how
            action = group.add_argument(flag, action=_GivenBool, default=f.default, help=text)
            if isinstance(f.default, bool):  # on or off, as --progress says it, not True
                # (set after: the BooleanOptionalAction of Python 3.11 adds its own)
                action.help = f"{text} (default: {'on' if f.default else 'off'})"
        else:
            # 12.0: 12; a decimal's text (1e-3x, 20%) kept, refused in _config_from_args
            kind = {int: whole_number, float: number_or_text}.get(type(f.default), str)
            kind = seed_number if f.name == "seed" else kind
            group.add_argument(flag, type=kind, default=f.default, help=text)


# What the decimal fields of the text configs take (NUMBER_KINDS; the others are positive),
# whose flags are refused in one shape, as `lstmkit forecast --dropout`'s: argparse's "invalid
# float value: '1e-3x'" beside the config's "must be a positive finite number, got 0.0" told
# one mistake in two shapes, and hid the other flags' problems.
def _number_problems(cls: type, values: dict[str, Any]) -> list[str]:
    """The refusals of the decimal flags of ``cls`` (its fields whose default is a float) in
    ``values``, by :func:`~lstmkit.cli.number_problems`, in the order of the fields, each
    refused as the config's ``_decimal_kinds`` has it (a list of this module's restated it)."""
    floats = [f.name for f in dataclasses.fields(cls) if type(f.default) is float]
    kinds = {name: cls._decimal_kinds[name] for name in floats}  # type: ignore[attr-defined]
    return number_problems(values, kinds, cls)


_SWAPPED_IN_FILE = re.compile(
    r" (?P<text>--text-col .+) holds (?P<held>numbers alone|\d+ different values.*? in its \d+ "
    r"rows) and (?P<label>--label-col .+ a different value in) (?P<count>\d+ of its \d+ rows): "
    r"the two columns look swapped in this file; swap the two names in its header\.$"
)


def _one_swap_word(problems: list[str], shown: dict[int, str]) -> list[str]:
    """``problems`` of the files read, with the word on columns that look swapped said once
    where several files (``--dev-csv`` and ``--test-csv``) get it: each said it in the same
    words but its counts, two near-identical sentences. ``shown``: the file each problem is
    of, by its place, as the messages name it.

    Example:
        >>> word = (" --text-col 'r' holds numbers alone and --label-col 'l' a different value "
        ...         "in 2 of its 2 rows: the two columns look swapped in this file; swap the "
        ...         "two names in its header.")
        >>> shown = {0: "'dev.csv'", 1: "'test.csv'"}
        >>> print(*_one_swap_word(["a." + word, "b." + word], shown),
        ...       sep="\\n")  # doctest: +NORMALIZE_WHITESPACE
        a.
        b. --text-col 'r' holds numbers alone and --label-col 'l' a different value in 2 of
        the 2 rows of 'dev.csv' and 2 of the 2 rows of 'test.csv': the two columns look
        swapped in both files; swap the two names in each header.
    """
    from lstmkit._checks import and_list

    found = {k: _SWAPPED_IN_FILE.search(p) for k, p in enumerate(problems)}
    swapped = {k: m for k, m in found.items() if m is not None and k in shown}
    # texts of numbers alone in each, or texts that repeat in each (their counts per file)
    heads = {(m["text"], m["held"] == "numbers alone", m["label"]) for m in swapped.values()}
    if len(swapped) < 2 or len(heads) != 1:
        return problems
    kept = [p[: swapped[k].start()] if k in swapped else p for k, p in enumerate(problems)]

    def per_file(group: str) -> str:
        return and_list(
            [f"{m[group].replace(' its ', ' the ')} of {shown[k]}" for k, m in swapped.items()]
        )

    counts = per_file("count")
    first = next(iter(swapped.values()))
    held = "numbers alone" if first["held"] == "numbers alone" else per_file("held")
    comma = "," * (held != "numbers alone")  # after the files' counts
    head = f"{first['text']} holds {held}{comma} and {first['label']}"
    files = "both files" if len(swapped) == 2 else "these files"
    kept[-1] += (
        f" {head} {counts}: the two columns look swapped in {files}; swap the two names in "
        "each header."
    )
    return kept


def _fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def _config_from_args(cls: type, args: argparse.Namespace, **fixed: Any) -> Any:
    from lstmkit._device import check_device

    values = {
        f.name: getattr(args, f.name) for f in dataclasses.fields(cls) if hasattr(args, f.name)
    }
    if values.get("progress", False) is None:
        from lstmkit.train import show_progress  # torch: loaded for training anyway

        values["progress"] = show_progress(None)
    values.update(fixed)
    with said_together(_number_problems(cls, values)), as_flags(_fields(cls)):
        config = cls(**values)
        check_device(config.device)  # before any data is read
    return config


# What a text model's folder may hold (a classifier: all five; a char LM: no vocab or metrics).
_OUT_FILES = ("config.json", "model.safetensors", "vocab.json", "metrics.json", "training.png")
# What each kind's command writes: a refusal names the files of another model it would leave.
_KIND_FILES = {
    "classifier": _OUT_FILES,
    "charlm": ("config.json", "model.safetensors", "training.png"),
    "seq2seq": ("config.json", "model.safetensors"),
}


# The files a kind's loader reads beside config.json and model.safetensors.
_LOADED_FILES = {"classifier": ("vocab.json",)}


def _check_out(out: str, kind: str, overwrite: bool = False) -> Path:
    """The ``--out`` folder, refused before anything is read or trained: an existing file, a
    path through a file, another command's output (named by that command), or a folder
    holding a saved model of another kind."""
    from lstmkit import io
    from lstmkit.text import _io

    with as_flags(()):
        folder = io.check_out_dir(out, "--out", _KIND_FILES[kind])
    command = {"classifier": "train", "charlm": "train-lm", "seq2seq": "train-seq2seq"}[kind]
    # before the savers' rule, which would name a forecast run's model/ but not the command
    refuse_other_output(folder, f"lstmkit text {command}", allowed=("model",))
    with as_flags(()):
        return _io.check_out_dir(
            folder, kind, name="--out", files=_KIND_FILES[kind], overwrite=overwrite
        )


def _model_dir(path: Path, kind: str) -> Path:
    """``path``, or its ``model/`` where only that holds a saved model, as ``lstmkit forecast``
    and ``lstmkit explain`` read a run folder (:func:`lstmkit.cli.model_subdir`); the kind is
    checked where the model is loaded. A folder with a model in neither is refused naming both
    (the loader's message names the folder alone, which the help says may be the parent)."""
    from lstmkit import io
    from lstmkit._checks import url_folder

    if (url := url_folder(path, "model_dir")) is not None:  # named as the help names it
        raise CLIError(url)
    if path.exists() and not path.is_dir():
        # the command line gives a folder, as `lstmkit predict` says it: the loaders' "load the
        # folder that holds it" told a command to load
        ours = io._saved_folder_of(path)
        raise CLIError(
            f"{typed_path(path)} is a file, not a saved model's folder"
            + (f"; give the folder that holds it, {pasted_path(ours)}." if ours else ".")
        )
    folder = model_subdir(path)
    if folder == path and path.is_dir() and not (path / io.CONFIG_FILE).is_file():
        # listed as the loader lists them, a classifier's vocabulary too
        needed = (io.CONFIG_FILE, io.WEIGHTS_FILE, *_LOADED_FILES.get(kind, ()))
        missing = [n for n in needed if not (path / n).is_file()]
        raise CLIError(
            f"{typed_path(path)} is not a saved lstmkit {kind} model: missing {', '.join(missing)} "
            f"(in it and in its model/ subfolder){_models_inside(path, kind)}."
        )
    return folder


def _models_inside(path: Path, kind: str) -> str:
    """Where folders in ``path`` hold saved ``kind`` models (the parent of ``--out runs/lm``
    given for it: ``generate runs``), the clause naming them; else ``""``."""
    from lstmkit import io
    from lstmkit._checks import and_more

    found = []
    try:
        for sub in sorted(p for p in path.iterdir() if p.is_dir()):
            config = model_subdir(sub) / io.CONFIG_FILE
            try:
                saved = io.read_json(config) if config.is_file() else None
            except (OSError, ValueError):  # another program's config.json, unreadable
                continue
            if isinstance(saved, dict) and saved.get("kind") == kind:
                found.append(sub)
    except OSError:
        return ""
    if not found:
        return ""
    them = ", ".join(typed_path(p) for p in found[:3])
    them += and_more(len(found), 3)
    which = "one of the folders in it that hold one" if len(found) > 1 else "the folder in it"
    return f"; give {which}: {them}"


# Where the text commands look without --data-dir (lstmkit.text.sst.find_text_data).
_DATA_DIR = (
    " (default: the LSTMKIT_DATA environment variable, else ../shared/data/text beside the "
    "repository of a checkout or beside the current folder)"
)


def _data_dir(data_dir: str | None) -> Path:
    """The shared text data folder, with errors naming --data-dir (not the Python argument)."""
    from lstmkit.text.sst import find_text_data

    return find_text_data(data_dir, name="--data-dir")


def _kept(train: Callable[[], Any]) -> tuple[Any, Any]:
    """``(result, None)`` from ``train()``; after a Ctrl-C or SIGTERM that stopped it at the
    end of a step, ``(the result at that step, the TrainingInterrupted)``, to be saved as any
    result is (a second signal stops at once and nothing is written)."""
    from lstmkit.train import TrainingInterrupted

    try:
        return train(), None
    except TrainingInterrupted as stop:
        return stop.result, stop


def _stopped(stop: Any, kept: str, out: Path) -> int:
    """0 for a run that ran to its end; else a line on stderr saying where the signal stopped
    it and what was saved, and its exit code: 130 for Ctrl-C, 143 for SIGTERM, as the shell
    reports a process they end."""
    if stop is None:
        return 0
    how = "Ctrl-C" if stop.signal == "SIGINT" else stop.signal
    print(f"interrupted ({how}) after step {stop.step}: {kept} saved to {out}", file=sys.stderr)
    return 130 if stop.signal == "SIGINT" else 143


def _run_fields(config: Any, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    """The closing fields of `train-lm`'s and `train-seq2seq`'s JSON (a config dataclass, run
    on this process's threads), in their order: config, seed, command, threads, versions,
    out."""
    import torch  # loaded for training anyway

    from lstmkit.io import versions

    return {
        "config": dataclasses.asdict(config),
        "seed": config.seed,
        "command": args.command_line,
        "threads": torch.get_num_threads(),
        "versions": versions(),
        "out": str(out),
    }


def _emit(payload: dict[str, Any], as_json: bool, lines: list[str]) -> None:
    if as_json:
        print(json.dumps(payload))  # ASCII: every character escaped as JSON escapes it
    else:
        print(writable("\n".join(lines)))


# --- sentiment -------------------------------------------------------------------------------


def _missing_columns(args: argparse.Namespace) -> list[str]:
    """The column flags that ``--csv`` needs and were not given (``text train``, ``text
    evaluate``): ``--text-col``, ``--label-col``."""
    flags = (("--text-col", args.text_col), ("--label-col", args.label_col))
    return [flag for flag, value in flags if value is None]


def _columns_by_name(args: argparse.Namespace, read: tuple[list[str], bool]) -> list[str]:
    """Take the missing ``--text-col`` and ``--label-col`` as the one column of ``--csv``
    named ``text`` and ``label`` (in any case: ``Text``), said on stderr in one line, and
    return the flags left missing: all of them, nothing taken, where one has no such column
    (a header not read whole, none of the name, or two: ``text``, ``Text``), refused as
    before. A header ``text,label`` was refused as needing both flags, naming those very
    columns. ``read``: the file's :func:`_header_row`.

    Example:
        >>> args = argparse.Namespace(csv="r.csv", text_col=None, label_col="stars")
        >>> with contextlib.redirect_stderr(sys.stdout):
        ...     _columns_by_name(args, (["Text", "stars"], True))
        note: reading the column Text of 'r.csv' as --text-col.
        []
        >>> args.text_col
        'Text'
    """
    row, whole = read
    taken: dict[str, str] = {}  # dest: column
    for dest, name in (("text_col", "text"), ("label_col", "label")):
        named = [column for column in row if column.casefold() == name]
        other = args.label_col if dest == "text_col" else args.text_col
        if getattr(args, dest) is None and whole and len(named) == 1 and named[0] != other:
            taken[dest] = named[0]
    flags = _missing_columns(args)
    if len(taken) < len(flags):  # a flag still missing: refused as before, nothing taken
        return flags
    for dest, column in taken.items():
        setattr(args, dest, column)
    print(
        f"note: reading the column{'s' if len(taken) > 1 else ''} {' and '.join(taken.values())} "
        f"of {typed_path(args.csv)} as {' and '.join(flags)}.",
        file=sys.stderr,
    )
    return []


def _csv_files(args: argparse.Namespace) -> tuple[tuple[str, Path | None], ...]:
    """The labelled CSV files of ``text train``, each with its flag (None: not given), in
    the order of :data:`lstmkit.cli._CSV_FLAGS`: training, dev, test."""
    return tuple((flag, getattr(args, dest)) for dest, flag in _CSV_FLAGS.items())


def _note_training_file_held_out(args: argparse.Namespace) -> None:
    """Say on stderr where ``--dev-csv`` or ``--test-csv`` is the ``--csv`` file itself: its
    texts are training texts too, which the warning on repeated texts then counted with the
    advice to drop duplicates from the data, where the slip is the file given twice."""
    for flag, path in _csv_files(args)[1:]:
        if path is None or "-" in (str(path), str(args.csv)):
            continue
        with contextlib.suppress(OSError):
            if os.path.samefile(path, args.csv):
                print(
                    f"note: {flag} {typed_path(path)} is the --csv file, so its texts are "
                    f"training texts too; give {flag} a file of other texts, or leave it out "
                    "to hold out 10 % of each class of --csv.",
                    file=sys.stderr,
                )


def _sep_of(args: argparse.Namespace, path: Path | None) -> str:
    """The separator of one of the command's files: ``--sep`` where given, for every file;
    else a tab for a file named as a TSV (``reviews.tsv``, ``.tsv.gz``, as ``text predict
    --file`` tells one) and a comma for any other name and standard input (``-``), each file
    by its own name: ``--csv train.tsv --dev-csv dev.csv`` read the dev file with a tab (the
    training file's), and its refusal's advice, ``--sep ','``, then refused the training
    file.

    Example:
        >>> args = argparse.Namespace(sep=None)
        >>> _sep_of(args, Path("data/Reviews.TSV.gz")), _sep_of(args, Path("dev.csv"))
        ('\\t', ',')
        >>> _sep_of(argparse.Namespace(sep=";"), Path("data/Reviews.TSV.gz"))
        ';'
    """
    from lstmkit.text.labelled import _named_sep

    if args.sep is not None:
        return args.sep
    return _named_sep(path)


_PASS_SEP = re.compile(r"; pass --sep (tab|'[^']')\)")


def _named_for(path: Path, sep: str) -> str | None:
    """The name that gives ``path`` the separator ``sep`` by its own name's rule (a tab for a
    ``.tsv``, a comma for any other name): ``a.tsv`` -> ``a.csv`` for a comma, ``d.csv.gz``
    -> ``d.tsv.gz`` for a tab; None where no name gives ``sep`` (a ``';'``).

    Example:
        >>> _named_for(Path("a.tsv"), ","), _named_for(Path("d.csv.gz"), "\\t")
        ('a.csv', 'd.tsv.gz')
        >>> _named_for(Path("notes"), "\\t"), _named_for(Path("a.tsv"), ";")
        ('notes.tsv', None)
    """
    from lstmkit._checks import PACKED_SUFFIXES

    name, packed = path.name, ""
    while end := next((p for p in PACKED_SUFFIXES if name.lower().endswith(p)), None):
        name, packed = name[: -len(end)], name[-len(end) :] + packed
    stem, dot, suffix = name.rpartition(".")
    if sep == "," and suffix.lower() == "tsv":
        return f"{stem}.csv{packed}"
    if sep == "\t":
        base = stem if dot and suffix.lower() in ("csv", "txt") else name
        return f"{base}.tsv{packed}"
    return None


def _sep_for_every_file(args: argparse.Namespace, flag: str, path: Path, text: str) -> str:
    """``text``, a refusal of ``flag``'s file ``path`` read by its name's separator, whose
    advice ``pass --sep X`` would read every file of the command with X (:func:`_sep_of`):
    where another file is one column by X, the advice is to rename this file to a name that
    gives it X, and to give that name to ``flag``. ``--csv a.tsv --dev-csv d.csv``, the first
    of commas and the second of tabs, was told ``--sep ','`` for a.tsv and ``--sep tab`` for
    d.csv, each of which the other file then refused. ``text`` as it is where ``--sep`` was
    given, where X reads every other file, or where no name gives X."""
    from lstmkit import data
    from lstmkit._checks import _typed_text, and_list
    from lstmkit.cli._forecast_run import _header_row

    def named(file: Path | None) -> Path | None:
        """The file as typed where it is one on disk: standard input and pipes (copied to a
        temporary file as they are read) have no name to change."""
        typed = Path(_typed_text(file)) if file is not None else None
        return typed if typed is not None and typed.is_file() else None

    found = _PASS_SEP.search(text)
    here = named(path)
    if args.sep is not None or found is None or here is None:
        return text
    sep = "\t" if found[1] == "tab" else found[1][1]
    # standard input is read by now, from the temporary file it was copied to
    refused = [
        typed_path(other)
        for _, other in _csv_files(args)
        if other is not None
        and Path(other).is_file()
        and not os.path.samefile(other, here)
        and len(_header_row(Path(other), sep)[0]) < 2
    ]
    renamed = _named_for(here, sep)
    if not refused or renamed is None:
        return text
    path, new = here, here.with_name(renamed)
    by = "a tab" if sep == "\t" else "a comma"
    one = "is" if len(refused) == 1 else "are"
    return (
        f"{text[: found.start()]}; --sep {data._sep_flag(sep)} would read every file with it, "
        f"and by it {and_list(refused)} {one} one column: rename {typed_path(path)} to "
        f"{new.name!r}, which is read with {by} without --sep, and give {flag} "
        f"{shlex.quote(str(new))} ({shlex.join(['mv', str(path), str(new)])})"
        f"){text[found.end() :]}"
    )


def _refuse_sep_against_names(args: argparse.Namespace) -> None:
    """Refuse ``text train``'s ``--sep`` where the files' names give them different separators
    (``--csv a.tsv --dev-csv b.csv``) and a file's header read by ``--sep`` is one column that
    holds the separator its name gives, while each file's header read by its own name's is
    several columns: ``--csv a.tsv --dev-csv b.csv --sep tab`` was told to pass ``--sep ','``
    for b.csv, which then refused a.tsv. Without ``--sep`` each file is read by its own name
    (:func:`_sep_of`), which the advice says. Files not yet readable (standard input, a pipe,
    one not there) are left to their reading."""
    from lstmkit import data
    from lstmkit._checks import and_list
    from lstmkit.cli._forecast_run import _header_row
    from lstmkit.text.labelled import _named_sep

    if args.sep is None:
        return
    files = [
        (flag, Path(path))
        for flag, path in _csv_files(args)
        if path is not None and not _piped(path) and Path(path).is_file()
    ]
    by_name = {flag: _named_sep(path) for flag, path in files}
    if len(set(by_name.values())) < 2:
        return
    told = []
    for flag, path in files:
        own = by_name[flag]
        if len(_header_row(path, own)[0]) < 2:
            return  # its own name's separator does not read it either: no advice that runs
        row = _header_row(path, args.sep)[0]
        if len(row) == 1 and own != args.sep and own in row[0]:
            told.append(f"{flag} {typed_path(path)} ({row[0]!r})")
    if told:
        headers = "the header of" if len(told) == 1 else "the headers of"
        are = "is one column" if len(told) == 1 else "are one column each"
        raise CLIError(
            f"--sep {data._sep_flag(args.sep)} reads every file with it, but the files' names "
            f"give different separators, and by it {headers} {and_list(told)} {are} that holds "
            "the separator its name gives. Leave --sep out: each file is then read by the "
            "separator its name gives (a tab for a .tsv, a comma for any other name)."
        )


def _check_data_flags(args: argparse.Namespace) -> None:
    """Exactly one of a task and ``--csv``, and each flag with the data it applies to."""
    if (args.task is None) == (args.csv is None):
        raise CLIError(
            "name the data to train on: a task (sst2, sst5) or --csv FILE (your own labelled "
            "texts)" + (", not both." if args.csv is not None else ".")
        )
    if args.csv is None:
        stray = [
            flag
            for flag, value in (
                ("--text-col", args.text_col),
                ("--label-col", args.label_col),
                ("--sep", args.sep),
                ("--dev-csv", args.dev_csv),
                ("--test-csv", args.test_csv),
            )
            if value is not None
        ]
        if stray:
            verb = "apply" if len(stray) > 1 else "applies"
            raise CLIError(f"{', '.join(stray)} {verb} only with --csv FILE.")
        return
    flags: set[str] = getattr(args, "given_flags", set())  # also those given at their default
    sst = [
        flag
        for flag, given in (
            ("--data-dir", args.data_dir is not None),
            ("--phrases", "--phrases" in flags),
            ("--no-phrases", args.phrases is False),
            ("--polar-phrases", args.polar_phrases is True),
            ("--no-polar-phrases", "--no-polar-phrases" in flags),
            ("--neutral-words", args.neutral_words is True),
            ("--no-neutral-words", args.neutral_words is False),
            ("--sentence-epochs", args.sentence_epochs != 0),
        )
        if given
    ]
    if sst:
        verb = "apply" if len(sst) > 1 else "applies"
        it = "them" if len(sst) > 1 else "it"
        raise CLIError(
            f"{', '.join(sst)} {verb} to SST only (a task), not to --csv; leave {it} out."
        )
    missing = _missing_columns(args)
    if missing:
        from lstmkit.cli._forecast_run import _columns_of, _header_row, _refused_first
        from lstmkit.text.labelled import _labelled_table

        _refuse_sep_against_names(args)  # before the files it reads by --sep are refused

        # the files that cannot be read, or hold no data rows, are refused first: the flags
        # were asked for, then they were refused
        sep = _sep_of(args, args.csv)
        row = _header_row(args.csv, sep)  # read once, for the refusal and the columns listed
        refused = [
            (flag, flagged(err, args, flag))
            for flag, path in _csv_files(args)
            if path is not None
            and not _piped(path)  # read once, with the others: not before the flags are given
            and (
                err := _refused_first(
                    path,
                    flag,
                    _sep_of(args, path),  # each file by its own name (a .tsv: a tab)
                    partial(_labelled_table, path, _sep_of(args, path)),
                    row[0] if flag == "--csv" else None,
                )
            )
        ]
        if refused:  # one file given to two flags: each problem once (said_once)
            raise CLIError(" ".join(said_once(refused)[0]))
        if missing := _columns_by_name(args, row):
            # named as text train's other messages name it: by its path as given (typed_path)
            columns = _columns_of(args.csv, sep, row)
            raise CLIError(f"--csv needs {' and '.join(missing)}{columns}.")


# How often the training commands (`text train`, `train-lm`, `train-seq2seq`) and `text
# predict` (and `explain` of a classifier) say they are still running where no bar shows it
# (stderr not a terminal: a log file, CI, nohup), which was minutes of silence for SST-2's
# training and Tiny Shakespeare's, and for `text predict --file` of many lines with --explain
_SILENT_NOTE_S = 60.0


@contextlib.contextmanager
def _still_running(args: argparse.Namespace, command: str | None = None) -> Iterator[None]:
    """A line on stderr every :data:`_SILENT_NOTE_S` seconds while the ``with`` block runs,
    naming the command (``text train-lm: still running after 60 s ...``; ``command``, as
    ``"explain"``, names another), where ``args.progress`` (``--progress``) was not given and
    no bar is drawn for want of a terminal; nothing where a bar is drawn or ``--no-progress``
    asked for silence."""
    from lstmkit._checks import show_progress

    if args.progress is not None or show_progress(None):
        yield
        return
    command = command or f"text {args.text_command}"
    done = threading.Event()

    def note() -> None:
        said = 0
        while not done.wait(_SILENT_NOTE_S):
            said += 1
            print(
                f"{command}: still running after {said * _SILENT_NOTE_S:g} s (no progress bar: "
                "stderr is not a terminal; --progress draws one)",
                file=sys.stderr,
                flush=True,
            )

    thread = threading.Thread(target=note, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


@says_refused_flags
def _train(args: argparse.Namespace) -> int:
    """``lstmkit text train``; a CSV flag given as ``-`` reads standard input, one given as a
    named pipe reads it (:func:`lstmkit.cli.stdin_csv`), once each."""
    from lstmkit import data as D
    from lstmkit.cli import stdin_csv

    checked: list[Any] = []  # --out and the config

    def check() -> None:
        _check_data_flags(args)
        checked.extend(_train_flags(args))

    if args.csv is None or args.task is not None or None not in (args.text_col, args.label_col):
        # refused without reading a file, before standard input or a pipe is read: a terminal
        # there was refused first, told to pipe the CSV in, which these flags refused then
        check()
    # else a missing column flag is refused naming the columns of --csv, read for it, the
    # other pipes left unopened (one that no one writes to was waited on)
    # a .tsv of commas, read with a tab for its name, is told so (lstmkit.data.tab_by_name)
    with D.tab_by_name(args.sep is None), stdin_csv(args, check=None if checked else check):
        with _still_running(args):
            return _train_read(args, *checked)


def _train_flags(args: argparse.Namespace) -> tuple[Path, Any]:
    """``text train``'s ``--out`` folder and config, checked: they need no file read."""
    from lstmkit.text.sentiment import SentimentConfig

    out = _check_out(args.out, "classifier", args.overwrite)
    # with --csv, the default task: train_classifier ignores it (an SST option)
    config = _config_from_args(SentimentConfig, args, task=args.task or "sst2")
    in_workers = min(config.jobs, config.ensemble) > 1  # each member on one thread, elsewhere
    if in_workers and args.threads is not None:
        raise CLIError(
            f"--threads {args.threads} has no effect with --jobs {config.jobs}: each member then "
            "trains on one thread, in this process or a worker process; leave out --threads or "
            "use --jobs 1."
        )
    return out, config


def _train_read(args: argparse.Namespace, out: Path, config: Any) -> int:
    import torch  # loaded for training anyway

    from lstmkit._checks import progress_bar
    from lstmkit.explain.render import printable
    from lstmkit.io import versions
    from lstmkit.text.sentiment import (
        SentimentConfig,
        _class_figures,
        save_classifier,
        train_classifier,
        train_sentiment,
    )

    extra: dict[str, Any] = {}
    if args.csv is None:
        data_dir = _data_dir(args.data_dir)
        note_extra_jobs(config.jobs, config.ensemble, quiet=args.json)
        with as_flags([f for f in _fields(SentimentConfig) if f != "task"]):  # task: positional
            result, stop = _kept(lambda: train_sentiment(config, data_dir=data_dir))
    else:
        from lstmkit.text._checks import sentences
        from lstmkit.text.labelled import _tokenised_once, read_labelled_csv

        given: dict[str, tuple[list[str], list[str]] | None] = {}
        # the training file's classes must give 10 % to each set not given as a file
        held_out = [s for s in ("dev", "test") if getattr(args, f"{s}_csv") is None]
        # the files' texts are checked as they are read, then by train_classifier, then trained
        # on: each is tokenised once for all three
        with _tokenised_once():
            problems: list[tuple[str, str]] = []  # (flag, problem) of all the files, one error
            shown: dict[int, str] = {}  # a problem's place in problems: its file, as named
            files = _csv_files(args)
            # messages name a file by its path as given and quoted (typed_path), as forecast's
            # name theirs: by its name alone, two of one name (train/reviews.csv,
            # dev/reviews.csv) were told apart by a rule of their own, and read_labelled_csv's
            # "of reviews.csv" was unlike forecast's "of 'sales.csv'"
            names = [path for _, path in files if path is not None]
            _refuse_sep_against_names(args)
            # reading and tokenising 50,000 rows takes a second or more before the training's
            # bar: a bar over the files says what runs meanwhile
            bar = progress_bar(
                config.progress, total=len(names), desc="read", unit="file", leave=False
            )
            with bar:
                for (flag, path), part in zip(files, ("train", "dev", "test"), strict=True):
                    given[part] = None
                    if path is None:
                        continue
                    try:
                        # the README's example files are series, no labelled texts
                        check_csv(path, flag, examples=False)
                        with as_flags(["text_col", "label_col", "sep"]):
                            given[part] = read_labelled_csv(
                                path,
                                args.text_col,
                                args.label_col,
                                sep=_sep_of(args, path),
                                training=part == "train",
                                held_out=held_out if part == "train" else (),
                                classes=None if not given["train"] else set(given["train"][1]),
                            )
                    except (CLIError, ValueError, FileNotFoundError) as err:
                        # the columns the file lacks are named by flag through as_flags
                        text = _sep_for_every_file(args, flag, path, flagged(err, args, flag))
                        if part != "train":
                            text = _untrained_class_fix(text, path, args.csv, held_out)
                        problems.append((flag, text))
                        shown[len(problems) - 1] = typed_path(path)
                    bar.update()
            if problems:
                # one file given to two flags: each of its problems said once (said_once)
                said_all, places = said_once(problems)
                named_at = {places[k]: name for k, name in shown.items()}
                # a later file's first sentence with a capital, as a later problem's
                raise CLIError(sentences(_one_swap_word(said_all, named_at)))
            texts, labels = given["train"]  # type: ignore[misc]
            _note_training_file_held_out(args)
            note_extra_jobs(config.jobs, config.ensemble, quiet=args.json)

            def in_files(text: str) -> str:
                """A message of train_classifier's with its texts and labels named as the
                files' columns they are."""
                name = typed_path(args.csv)
                text = text.replace("`texts`", f"column {args.text_col!r} of {name}")
                text = text.replace("`labels`", f"column {args.label_col!r} of {name}")
                for part, path in (("dev", args.dev_csv), ("test", args.test_csv)):
                    if path is not None:
                        name = typed_path(path)
                        text = text.replace(f"`{part}[0]`", f"column {args.text_col!r} of {name}")
                        text = text.replace(f"`{part}[1]`", f"column {args.label_col!r} of {name}")
                return text

            show = warnings.showwarning

            def show_in_files(message: Warning | str, *rest: Any, **kwargs: Any) -> None:
                show(in_files(str(message)), *rest, **kwargs)

            try:
                with as_flags(_fields(SentimentConfig)), warnings.catch_warnings():
                    warnings.showwarning = show_in_files  # labels differing in case: a column's
                    # a text given two labels: said by read_labelled_csv of the file's rows,
                    # where train_classifier names the positions of the lists it was given
                    warnings.filterwarnings(
                        "ignore", r"[\d,]+ texts? (is|are) given different labels", UserWarning
                    )
                    result, stop = _kept(
                        lambda: train_classifier(
                            texts,
                            labels,
                            config,
                            dev=given["dev"],
                            test=given["test"],
                            name=args.csv.name,
                        )
                    )
            except CLIError as err:
                raise CLIError(in_files(str(err))) from None
        m = result.metrics
        extra = {"file": str(args.csv), "labels": m["labels"], "split": m["split"]}
        extra |= {
            f"{part}_file": str(p)
            for part, p in (("dev", args.dev_csv), ("test", args.test_csv))
            if p is not None
        }
    result.metrics["command"] = args.command_line  # saved in metrics.json
    task_name = result.metrics["task"]
    earlier = saved_before(out)  # read before the save replaces it
    with written_together(out) as stage:  # the model and its plot, all or none
        save_classifier(result, stage)
        result.plot_training(
            stage / "training.png",
            # the characters no font has in a file's name: one warning that names it
            title=drawable(
                [f"{plain_text(task_name)}: dev accuracy and training loss per check"],
                ["the --csv file's name"],
            )[0],
        )
    m = result.metrics
    split = (
        [
            f"  classes {', '.join(map(printable, m['labels']))}; examples: "
            + ", ".join(f"{part} {n}" for part, n in m["split"].items())
        ]
        if extra
        else []
    )
    # for SST too (--json, as metrics.json), and the line for an imbalanced test set: SST-5's
    # (633 'negative', 279 'very negative') as a CSV's; SST-2's (912, 909) never
    figures = _class_figures(m["test_confusion"], list(result.labels))
    if figures.pop("imbalanced", False):
        split.append(
            "  test recall per class: "
            + ", ".join(f"{printable(c)} {r:.4f}" for c, r in figures["recall"].items())
            + f"; balanced accuracy {figures['balanced_accuracy']:.4f}, macro-F1 "
            f"{figures['macro_f1']:.4f}; {printable(figures['majority']['label'])} alone "
            f"would score {figures['majority']['accuracy']:.4f}"
        )
    _emit(
        {
            "task": task_name,
            "dev": {"accuracy": m["dev_accuracy"]},
            "test": {"accuracy": m["test_accuracy"], "confusion": m["test_confusion"], **figures},
            **extra,
            "config": result.settings(),
            "seed": config.seed,
            "command": args.command_line,
            "threads": 1 if min(config.jobs, config.ensemble) > 1 else torch.get_num_threads(),
            "versions": versions(),
            "train_seconds": m["train_seconds"],
            "members": m["members"],
            "interrupted": m["interrupted"],
            "out": str(out),
        },
        args.json,
        [
            f"{task_name}: dev accuracy {m['dev_accuracy']:.4f}, "
            f"test accuracy {m['test_accuracy']:.4f} "
            f"({m['train_seconds']:.0f} s, seed {config.seed})",
            *split,
            *(
                f"  member seed {r['seed']}: dev accuracy {r['dev_accuracy']:.4f}, "
                f"test accuracy {r['test_accuracy']:.4f}"
                for r in (m["members"] if config.ensemble > 1 else [])
            ),
            f"saved to {out}",
        ],
    )
    # a rerun into the same --out replaces the model there; it did so without a word, and the
    # model trained before was lost
    note_replaced(out, earlier)
    if stop is None:
        return 0
    return _stopped(stop, _kept_members(m, config.ensemble), out)


def _kept_members(metrics: dict[str, Any], ensemble: int) -> str:
    """What a classifier's run that a signal stopped kept: the members trained before the one
    it stopped, or the first as trained so far."""
    member, kept = metrics["interrupted"]["member"], len(metrics["members"])
    if member == 1:
        return f"the best model so far (step {metrics['members'][0]['best_step']}) is"
    members = "the member is" if kept == 1 else f"the {kept} members are"
    return f"member {member} of {ensemble} dropped; {members}"


def _sentences(args: argparse.Namespace) -> list[tuple[int, str]]:
    """``(number, sentence)`` pairs: the arguments numbered from 1, or the lines of ``--file``
    (``-``: stdin) with their line numbers, blank lines skipped."""
    if args.file is not None and args.text:
        from lstmkit._checks import plural_s

        raise CLIError(
            f"give the sentences as arguments or with --file, not both (got {len(args.text)} "
            f"argument{plural_s(len(args.text))} and --file {args.file!r})."
        )
    if args.file is None:
        if not args.text:
            raise CLIError(
                "give a sentence to classify: one or more as arguments, or --file FILE with one "
                "per line (--file - reads them from standard input, as piped in)."
            )
        return list(enumerate(args.text, 1))
    return read_sentences(args.file)


def _line_of_file(n: int, file: str) -> str:
    """Line ``n`` of ``--file FILE`` (``-``: standard input), named as :func:`read_sentences`
    names the file in its own refusals (``--file 'reviews.txt' is empty``): "line 3 of
    --file" named no file.

    Example:
        >>> _line_of_file(3, "data/reviews.txt"), _line_of_file(1, "-")
        ("line 3 of --file 'data/reviews.txt'", "line 1 of --file '<stdin>'")
    """
    return f"line {n} of --file {'<stdin>'!r}" if file == "-" else f"line {n} of --file {file!r}"


@says_refused_flags
def _predict(args: argparse.Namespace) -> int:
    from lstmkit._checks import progress_bar, show_progress
    from lstmkit._device import doing
    from lstmkit._interrupts import _interruptible
    from lstmkit.cli.explain import lrp_flags, relevance_in_all
    from lstmkit.explain._blown import Blown, said_with_flags
    from lstmkit.text.labelled import _tokenised_once
    from lstmkit.text.sentiment import SentimentPredictor, _warn_blown_up

    one_file(args, ("text", "predict"))  # first, as explain refuses a second --file
    flags = (("--eps", args.eps), ("--bias-factor", args.bias_factor))
    given = [flag for flag, value in flags if value is not None]
    problems = []
    if given and not args.explain:
        problems.append(
            f"{' and '.join(given)} {'sets' if len(given) == 1 else 'set'} LRP's explanation, "
            "which --explain adds; give --explain too."
        )
    # before the model is loaded; with the integer flags' refusals of the parse (--threads)
    with said_together(problems):
        options = {} if problems else lrp_flags(args.eps, args.bias_factor)
    sentences = _sentences(args)
    several = len(sentences) > 1
    # each step named in a device's out-of-memory error (see doing), as forecast's are
    with as_flags(["device"]), doing("moving the model to it"):
        predictor = SentimentPredictor.load(
            _model_dir(args.model_dir, "classifier"), device=args.device
        )

    def where(n: int) -> str:
        if args.file is not None:
            return _line_of_file(n, args.file)
        # the argument named as the usage names it, of one sentence or several, as explain's
        # says --text
        return f"sentence {n} (argument text)" if several else "the sentence (argument text)"

    # the check, the prediction, the explanation and the output each read every sentence's
    # tokens: tokenised once for all of them (four times, most of the time of a --file of
    # 20,000 lines)
    progress = show_progress(args.progress)
    # a --file of many lines (with --explain, minutes) said nothing meanwhile where no bar shows
    with _tokenised_once(), _still_running(args):
        refuse_empty_sentences(sentences, predictor.tokens, where)
        texts = [t for _, t in sentences]
        all_read, all_ids = predictor._encode_many(texts, 64, "predict", progress)
        with doing("classifying the sentences"):
            # in a thread of its own: a text of 200,000 tokens held the main thread in one
            # native call (torch's fused LSTM) for minutes, Ctrl-C and SIGTERM waiting for it
            probs, outputs = _interruptible(
                lambda: predictor._predicted(all_ids, 64, progress, record=args.explain)
            )
        predictions = [predictor._labelled(p) for p in probs]
        # Each sentence explained for the label printed, the float32 prediction's (LRP computes in
        # float64, and its own arg-max could differ on a near tie): batched by label, LRP's check
        # reading the prediction's outputs (the model ran once; its batches were not these).
        explained: list[Any] = [None] * len(texts)
        totals: list[Any] = [None] * len(texts)  # each one's (score, initial state's share)
        groups = []  # (class index, rows, their tokens and ids) per label
        for name in sorted({label for label, _ in predictions}) if args.explain else ():
            rows = [k for k, (label, _) in enumerate(predictions) if label == name]
            read, ids = [all_read[k] for k in rows], [all_ids[k] for k in rows]
            groups.append((predictor.labels.index(name), rows, read, ids))
        # one bar over every sentence explained, whatever the labels (was one bar per label)
        with (
            progress_bar(
                progress if groups else False,
                total=len(texts),
                desc="explain",
                unit="text",
                leave=False,
            ) as bar,
            doing("explaining the sentences"),
        ):
            # warned of once over every label, in the sentences' numbering (a warning per label
            # numbered them within their label: the second sentence alone in its label was "the
            # text")
            blown: list[Blown] = []
            for target, rows, read, ids in groups:
                known = [outputs[k] for k in rows]
                sums: list[Any] = [None] * len(rows)
                found: list[Blown] = []
                # in the prediction's way (a thread of its own): LRP through a long text runs
                # in native calls of minutes too
                relevance = _interruptible(
                    partial(
                        predictor._relevance,
                        read,
                        ids,
                        target,
                        64,
                        bar,
                        known,
                        sums,
                        found,
                        **options,
                    )
                )
                for k, pairs, total in zip(rows, relevance, sums, strict=True):
                    explained[k], totals[k] = pairs, total
                blown += [dataclasses.replace(b, row=rows[b.row]) for b in found]
            if blown:
                # each sentence named as its refusals name it: a --file's by its line, as the
                # user counts them (its k-th sentence, blank lines skipped, was "text k"), an
                # argument by its number ("sentence 2 (argument text)", not "text 2")
                counted = "sentences" if args.file is None else "non-blank lines"
                with said_with_flags():  # --eps, not eps=
                    _warn_blown_up(
                        blown,
                        len(all_ids),
                        options.get("eps", 1e-3),
                        lambda k: where(sentences[k][0]),
                        counted,
                    )
        blocks = []
        for (n, text), (label, probs), relevance, total in zip(
            sentences, predictions, explained, totals, strict=True
        ):
            unknown = predictor.unknown(text)
            payload: dict[str, Any] = {
                "text": text,
                "label": label,
                "probabilities": probs,
                "tokens": predictor.tokens(text),
                "unknown": unknown,
            }
            if args.file is not None:
                payload["line"] = n
            if relevance is not None:
                payload["relevance"] = [[tok, r] for tok, r in relevance]
            if total is not None:
                # the sum line's numbers, named as explain's relevance.json names them (its
                # tokens' sum is that of "relevance", so it gets no field)
                payload["score"], payload["initial_state"] = total
            # the text block, which --json does not print (as explain's): escaping and aligning
            # every token went into it
            lines = [] if args.json else _predict_block(payload, several)
            if total is not None and not args.json:  # as lstmkit explain sums a sentence's
                tokens = float(sum(r for _, r in relevance))
                lines.append(
                    relevance_in_all(
                        [("tokens", tokens)], f"score {total[0]:.4f}", options, total[1]
                    )
                )
            blocks.append((payload, lines))
    print_sentence_blocks(blocks, args.json)
    return 0


def _predict_block(payload: dict[str, Any], several: bool) -> list[str]:
    """The lines ``text predict`` prints for one sentence's ``payload`` (its ``--json``
    record): the sentence (``several``), the label, the probabilities, the unknown words and,
    with ``--explain``, the relevance."""
    from lstmkit.explain.render import printable

    label, probs, unknown = payload["label"], payload["probabilities"], payload["unknown"]
    lines = [f"> {printable(payload['text'])}"] if several else []
    # a class name from a CSV may hold a line break or an escape sequence
    lines += [printable(label)]
    names = padded_column((printable(name) for name in probs), 14, ">")
    lines += [f"  {name}: {p:.3f}" for name, p in zip(names, probs.values(), strict=True)]
    if unknown:
        lines.append(f"not in the vocabulary (read as <unk>): {' '.join(map(printable, unknown))}")
        # as lstmkit explain says it: the label read as the words' (`zzz qqq` was called
        # 'negative' 0.704 by SST-2's model, its untrained <unk> row's verdict)
        said = unknown_words_line(payload["tokens"], unknown, "relevance" in payload)
        lines += [said] if said is not None else []
    if "relevance" in payload:
        relevance = payload["relevance"]
        lines.append(f"LRP relevance for {label!r} (+ for, - against):")
        # a word read as <unk> named so, as lstmkit explain's top contributions name it
        unread = set(unknown) - {"<unk>"}
        toks = padded_column(
            (printable(tok) + " (<unk>)" * (tok in unread) for tok, _ in relevance), 16, ">"
        )
        lines += [f"  {tok} {r:+.3f}" for tok, (_, r) in zip(toks, relevance, strict=True)]
    return lines


EVALUATE_FILES = ("confusion.png", "predictions.csv", "evaluation.json")
"""What ``text evaluate --out DIR`` writes: the confusion matrix's figure, one row per text and
its record (the ``--json`` object, moved in last), which marks the folder as its own."""


def _check_evaluate_flags(args: argparse.Namespace) -> Path | None:
    """``text evaluate``'s data flags, each with the data it applies to, and ``--out``'s
    folder (None: not given), refused as the other commands that write into ``--out`` refuse
    theirs (a file, another command's output, read-only files, and files of its names that
    no ``evaluation.json`` of lstmkit's marks as its own, unless ``--overwrite``): all before
    the model is loaded or a file read."""
    if (args.task is None) == (args.csv is None):
        raise CLIError(
            "name the labelled texts to score the model on: a task (sst2, sst5) with --split, "
            "or --csv FILE" + (", not both." if args.csv is not None else ".")
        )
    if args.csv is None:
        flags = (("--text-col", args.text_col), ("--label-col", args.label_col))
        stray = [flag for flag, value in (*flags, ("--sep", args.sep)) if value is not None]
        if args.drop_unknown:  # SST's labels are its task's classes, none unknown
            stray.append("--drop-unknown")
        if stray:
            verb = "apply" if len(stray) > 1 else "applies"
            raise CLIError(f"{', '.join(stray)} {verb} only with --csv FILE.")
    else:
        sst = [
            flag
            for flag, value in (("--split", args.split), ("--data-dir", args.data_dir))
            if value is not None
        ]
        if sst:
            verb = "apply" if len(sst) > 1 else "applies"
            raise CLIError(f"{', '.join(sst)} {verb} to SST only (a task), not to --csv.")
    refuse_overwrite_without_out(args)
    if args.out is None:
        return None
    out = Path(os.path.expanduser(args.out))
    check_out_dir(out, files=EVALUATE_FILES)
    refuse_other_output(out, "lstmkit text evaluate", allowed=("evaluation",))
    refuse_all(
        lambda: refuse_read_only(out, EVALUATE_FILES),
        # a rerun into its folder rewrites it; files of its names without its record are
        # yours, another program's or a stopped run's
        lambda: (
            args.overwrite
            or refuse_unmarked(
                out, EVALUATE_FILES, "evaluation.json", "evaluation", "lstmkit text evaluate"
            )
        ),
    )
    return out


def _evaluate_columns(args: argparse.Namespace) -> None:
    """Refuse ``--csv`` (read: a copy, where piped) that is no file (a folder, not there), or
    given without ``--text-col`` or ``--label-col``, naming its columns, as ``text train``
    refuses them: before the model is loaded."""
    check_csv(args.csv, "--csv", examples=False)
    missing = _missing_columns(args)
    if missing:
        from lstmkit.cli._forecast_run import _columns_of, _header_row, _refused_first
        from lstmkit.text.labelled import _labelled_table

        sep = _sep_of(args, args.csv)
        row = _header_row(args.csv, sep)  # read once, for the refusal and the columns listed
        # a file with no data rows, or none that can be read, refused first, as text train does
        read = partial(_labelled_table, args.csv, sep)
        if err := _refused_first(args.csv, "--csv", sep, read, row[0]):
            raise CLIError(flagged(err, args, "--csv")) from None
        if missing := _columns_by_name(args, row):
            columns = _columns_of(args.csv, sep, row)
            raise CLIError(f"--csv needs {' and '.join(missing)}{columns}.")


@says_refused_flags
def _evaluate(args: argparse.Namespace) -> int:
    """``lstmkit text evaluate``: a saved classifier scored on labelled texts, a CSV file
    (``-``: standard input) or a split of SST."""
    from lstmkit import data as D
    from lstmkit._checks import show_progress
    from lstmkit._device import doing
    from lstmkit._interrupts import _interruptible
    from lstmkit.text.labelled import _tokenised_once
    from lstmkit.text.sentiment import SentimentPredictor

    out = _check_evaluate_flags(args)
    folder = _model_dir(args.model_dir, "classifier")  # no model there: before stdin is read
    # a .tsv of commas, read with a tab for its name, is told so (lstmkit.data.tab_by_name)
    with D.tab_by_name(args.sep is None), contextlib.ExitStack() as copy:
        data = str(args.csv)  # as given: '-' for standard input
        if args.csv is not None:
            # a missing column flag is refused naming the file's columns before the model is
            # loaded, as text train refuses it (standard input read once, here: a copy)
            args.csv = copy.enter_context(read_once(args.csv, "--csv"))
            _evaluate_columns(args)
        with as_flags(["device"]), doing("moving the model to it"):
            predictor = SentimentPredictor.load(folder, device=args.device)
        progress = show_progress(args.progress)
        # each text tokenised once, for the file's checks and the classification (twice,
        # 20,000 rows took 9.3 s, not 6.2 s)
        with _tokenised_once(), _still_running(args):
            texts, labels, data, shown = _evaluate_data(args, predictor, data)
            with doing("classifying the texts"):
                # in a thread of its own whatever the texts' length, as text predict's: Ctrl-C
                # and SIGTERM stop the command at once, where torch's LSTM holds the main thread
                scores = _interruptible(
                    lambda: predictor.evaluate(
                        texts, labels, progress=progress, drop_unknown=args.drop_unknown
                    )
                )
    payload = {"model": str(args.model_dir), "data": data, **scores.to_dict()}
    if out is not None:
        from lstmkit.io import versions
        from lstmkit.text.evaluation import _texts

        title = drawable(
            [
                f"{plain_text(shown)}: confusion matrix ({_texts(len(scores.texts))}, "
                f"accuracy {scores.accuracy:.3f})"
            ],
            ["the --csv file's name"],
        )[0]
        figure, table, record = EVALUATE_FILES
        with written_together(out) as stage:  # all three or none; the record moved in last
            scores.plot_confusion(stage / figure, title=title)
            scores.write_predictions(stage / table)
            kept = {**payload, "files": [figure, table], "command": args.command_line}
            (stage / record).write_text(
                json.dumps({**kept, "versions": versions()}, indent=2) + "\n", encoding="utf-8"
            )
        payload["out"] = str(out)
    # the rows of an empty label, told apart from the unknown ones in the dropped note
    empty = sum(not str(label).strip() for label in labels) if args.drop_unknown else 0
    _emit(payload, args.json, [] if args.json else _evaluate_lines(payload, shown, empty))
    return 0


def _untrained_class_fix(text: str, path: Path, train: Path, held_out: list[str]) -> str:
    """``text``, a dev or test file's refusal, with what to do after its labels that no
    training text has: the refusal ended on them with no next step. Those rows are left out
    of that file, or moved into the training file, where a class needs
    :data:`~lstmkit.text.labelled.MIN_PER_CLASS` texts while a set is split off from it."""
    from lstmkit.text.labelled import untrained_class_fix

    start = text.find(" holds labels no training text has: ")
    end = text.find(").", text.find(" (the classes: ", start))
    if start < 0 or end < 0 or "look swapped" in text:  # swapped columns: that fix alone
        return text
    end += len(").")
    fix = untrained_class_fix(
        text[start:end],
        f"Remove those rows from {typed_path(path)}",
        typed_path(train),
        held_out,
        " texts",
    )
    return text[:end] + fix + text[end:]


def _evaluate_data(
    args: argparse.Namespace, predictor: Any, data: str
) -> tuple[list[str], list, str, str]:
    """``text evaluate``'s ``(texts, labels, data, shown)``: the labelled texts of ``--csv``
    (a file: standard input's copy, :func:`~lstmkit.cli.read_once`; ``data`` its name as
    given) or of an SST split, checked, the data as ``--json`` names it (the path as given,
    ``-`` for standard input; ``sst2 test``) and as the plain output and the figure show it."""
    if args.csv is not None:
        from lstmkit.text.labelled import _read_labelled_csv

        try:
            with as_flags(["text_col", "label_col", "sep"]):
                # --drop-unknown leaves a row of an empty label out, as
                # SentimentPredictor.evaluate(..., drop_unknown=True) a missing label
                texts, labels = _read_labelled_csv(
                    args.csv,
                    args.text_col,
                    args.label_col,
                    sep=_sep_of(args, args.csv),
                    classes=None if args.drop_unknown else predictor.labels,
                    blank_labels=args.drop_unknown,
                )
        except (CLIError, ValueError, FileNotFoundError) as err:
            # the model's classes, where train --dev-csv words it of the training file's
            text = flagged(err, args, "--csv")
            unknown = "holds labels no training text has: "
            # --drop-unknown leaves out a row of an empty label too
            blank = "must hold a label in every row" in text
            if unknown in text:
                text = text.replace(unknown, "holds labels the model does not know: ")
                text = text.replace("(the classes: ", "(its classes: ")
                text += " Correct them, or give --drop-unknown to leave their rows out" + (
                    ", and those of an empty label." if blank else "."
                )
            elif blank:
                text += " --drop-unknown leaves the rows of an empty label out."
            if args.drop_unknown and "must hold a text with a token in every row" in text:
                # it leaves rows out by their label: an empty text is no text to score, which
                # the refusal's "fill them in or remove them" left it to be read as doing
                text += (
                    " --drop-unknown leaves rows out by their label alone, not a row without a "
                    "text, which is no text to score."
                )
            raise CLIError(text) from None
        known = set(predictor.labels)
        if args.drop_unknown and not any(label.strip() in known for label in labels):
            # said of the file, where SentimentPredictor.evaluate's words named `labels` and
            # drop_unknown=True
            from lstmkit.text.labelled import unknown_labels

            named = {label.strip() for label in labels} - {""}
            said = unknown_labels(named, predictor.labels) if named else "every label is empty"
            raise CLIError(
                f"column {args.label_col!r} of {typed_path(args.csv)} holds none of the model's "
                f"classes ({', '.join(map(repr, predictor.labels))}): {said}; "
                "--drop-unknown leaves no row to score."
            )
        return texts, labels, data, typed_path(args.csv)
    else:
        from lstmkit.text.sst import LABEL_NAMES, load_sst

        names = LABEL_NAMES[args.task]
        # by name: a model trained on a CSV of SST-5's names holds them sorted ('negative'
        # first), and was refused, its classes listed the same as the task's
        if sorted(predictor.labels) != sorted(names):
            raise CLIError(
                f"{args.task}'s classes are {', '.join(map(repr, LABEL_NAMES[args.task]))}, the "
                f"model's {', '.join(map(repr, predictor.labels))}: score it on a file labelled "
                "with its classes (--csv FILE), or on the task it was trained on."
            )
        split = args.split or "test"
        sst = load_sst(args.task, split, _data_dir(args.data_dir))
        texts, labels = sst.texts, [names[k] for k in sst.labels]
        data = shown = f"{args.task} {split}"
    return texts, labels, data, shown


def _evaluate_lines(payload: dict[str, Any], data: str, empty: int = 0) -> list[str]:
    """``text evaluate``'s plain output of its ``--json`` record: the scores, a table of the
    figures per class and the confusion matrix, class names as labels; ``data``: the texts
    as named there (``'new.csv'``, ``sst2 test``); ``empty``: how many of the ``dropped``
    rows had an empty label (all were called 'none of the model's classes')."""
    from lstmkit._checks import and_list
    from lstmkit.explain.render import printable
    from lstmkit.text.evaluation import _texts

    def share(value: float | None) -> str:
        return "-" if value is None else f"{value:.4f}"

    f1 = payload["macro_f1"]
    lines = [
        f"{printable(data)}: {_texts(payload['texts'])}, accuracy "
        f"{payload['accuracy']:.4f}, macro-F1 {share(f1)}"
    ]
    if payload["dropped"]:
        dropped = payload["dropped"]
        unknown = dropped - empty
        some = dropped > 1
        if empty and unknown:  # '3 rows left out: 1 of an empty label, 2 whose labels ...'
            said = (
                f"{empty:,} of an empty label, {unknown:,} whose "
                f"{'labels are' if unknown > 1 else 'label is'} none of the model's classes"
            )
        else:
            said = f"{'their labels are' if some else 'its label is'} " + (
                "empty" if empty else "none of the model's classes"
            )
        lines.append(f"  {dropped:,} {'rows' if some else 'row'} left out: {said} (--drop-unknown)")
    names = [printable(c) for c in payload["classes"]]
    column = padded_column(["class", *names], 10)
    lines.append(f"  {column[0]}  precision  recall      f1  support")
    for name, figures in zip(column[1:], payload["per_class"].values(), strict=True):
        lines.append(
            f"  {name}  {share(figures['precision']):>9}  {share(figures['recall']):>6}  "
            f"{share(figures['f1']):>6}  {figures['support']:>7}"
        )
    lines.append("  confusion matrix (rows: true class, columns: predicted class):")
    counts = [[str(n) for n in row] for row in payload["confusion"]]
    rows = padded_column(names, 0)  # the true classes, one width
    # each predicted class's column as wide as its name or its largest count
    heads = [
        padded_column([name, *(row[j] for row in counts)], 0, ">") for j, name in enumerate(names)
    ]
    lines.append("  " + " " * len(rows[0]) + "  " + "  ".join(h[0] for h in heads))
    for i, name in enumerate(rows):
        lines.append("  " + name + "  " + "  ".join(h[i + 1] for h in heads))
    if "out" in payload:  # as lstmkit predict says it
        lines.append(f"wrote {and_list(list(EVALUATE_FILES))} into {payload['out']}")
    return lines


# --- character language model ----------------------------------------------------------------


@says_refused_flags
def _train_lm(args: argparse.Namespace) -> int:
    """``lstmkit text train-lm``; ``--file -`` reads standard input, and a pipe is read, once
    (:func:`lstmkit.cli.read_once`)."""
    from lstmkit.text.charlm import CharLMConfig, shakespeare_path

    if (args.corpus is None) == (args.file is None):
        raise CLIError(
            "name the text to learn: the corpus 'shakespeare', or --file FILE (your own UTF-8 "
            "text)" + (", not both." if args.file is not None else ".")
        )
    # `--file a.txt --file b.txt` learnt b.txt alone, a.txt dropped unsaid (argparse kept the
    # last): refused as text predict refuses it, told to join them, which learns both
    one_file(args, ("text", "train-lm"), "--file - --out DIR", ") to learn them as one text.")
    if args.file is not None and args.data_dir is not None:
        raise CLIError("--data-dir finds a named corpus; with --file it has nothing to find.")
    out = _check_out(args.out, "charlm", args.overwrite)
    _sizes_of_init_from(args)
    config = _config_from_args(CharLMConfig, args)
    if args.file is None:
        return _train_lm_read(args, out, config, shakespeare_path(_data_dir(args.data_dir)))
    # "-" and a pipe (bash's <(zcat corpus.gz)) were refused as read only once: read once,
    # into a copy named as they are ('<stdin>', '/dev/fd/63'), as --csv - is
    with read_once(args.file, "--file", "text", "corpus.txt") as path:
        check_csv(path, "--file", "text")  # a folder was "text file not found"
        return _train_lm_read(args, out, config, path)


def _lm_saved_defaults() -> dict[str, Any]:
    """The fields that a run continuing a model (--init-from) takes from it where their flags
    are left out, each with :class:`CharLMConfig`'s default: its sizes, which it must keep,
    and its dropout, which it may change (--dropout 0 to fine-tune)."""
    from lstmkit.text._configs import _CHARLM_SIZES, CharLMConfig

    saved = (*_CHARLM_SIZES, "dropout")
    return {f.name: f.default for f in dataclasses.fields(CharLMConfig) if f.name in saved}


def _sizes_of_init_from(args: argparse.Namespace) -> None:
    """``args.init_from`` made the folder of its saved model (its ``model/`` where only that
    holds one), and each size flag and ``--dropout`` not given (``None``) made the saved
    model's, or :class:`CharLMConfig`'s default without ``--init-from``: a run that continues
    a model of ``--hidden-size 128 --dropout 0.3`` needs neither retyped (a left-out
    ``--dropout`` was 0.1 whatever the model had learnt with)."""
    from lstmkit.text import _io
    from lstmkit.text.charlm import KIND

    saved: dict[str, Any] = {}
    if args.init_from is not None:
        if not args.init_from.exists():  # was "model folder ... does not exist", flag unnamed
            raise CLIError(
                f"--init-from {typed_path(args.init_from)} does not exist; give the --out "
                "folder of an earlier `lstmkit text train-lm` run."
            )
        try:  # "... is a file, not a saved model's folder", another kind's: by its flag
            args.init_from = _model_dir(args.init_from, "charlm")
            with as_flags(()):
                model = _io.read_config(args.init_from, KIND).get("model")
        except CLIError as err:
            raise CLIError(f"--init-from {err}") from None
        saved = model if isinstance(model, dict) else {}  # else refused as the model loads
    for size, default in _lm_saved_defaults().items():
        if getattr(args, size) is None:
            setattr(args, size, saved.get(size, default))


def _bits_and_perplexity(nats: float) -> str:
    """A loss in nats per character as bits per character (``nats / ln 2``) and perplexity
    (``e ** nats``), the units char-RNN papers and courses quote; the perplexity to 4
    significant figures. A perplexity of a million or more (a diverged run's; past 709.8 nats
    ``math.exp`` overflows) is given as a power of 10.

    Example:
        >>> _bits_and_perplexity(1.623), _bits_and_perplexity(3.434)
        ('2.341 bits/char, perplexity 5.068', '4.954 bits/char, perplexity 31.00')
        >>> _bits_and_perplexity(10.0)
        '14.427 bits/char, perplexity 22,030'
        >>> _bits_and_perplexity(1000.0)
        '1442.695 bits/char, perplexity about 10^434'
    """
    import math

    bits = f"{nats / math.log(2):.3f} bits/char"
    if nats >= math.log(1e6):
        return f"{bits}, perplexity about 10^{nats / math.log(10):.0f}"
    # 4 significant figures, each: "perplexity 31" (.4g drops trailing zeros) stood beside
    # "5.068", and "22,026" gave 5
    perplexity = float(f"{math.exp(nats):.4g}")
    return (
        f"{bits}, perplexity {perplexity:#.4g}"
        if perplexity < 1000
        else f"{bits}, perplexity {perplexity:,.0f}"
    )


def _train_lm_read(args: argparse.Namespace, out: Path, config: Any, path: Path) -> int:
    """``lstmkit text train-lm`` on the corpus file at ``path`` (a copy of what ``--file``
    piped in), its flags checked."""
    with _still_running(args):  # torch loaded, the corpus read, trained on and saved
        import hashlib

        from lstmkit._device import check_device
        from lstmkit.text.charlm import (
            CharLMConfig,
            _start_from,
            _train_started,
            check_corpus,
            read_corpus,
            save_charlm,
        )

        corpus = args.corpus or path.name
        try:
            text = read_corpus(path)
        except ValueError as err:
            if args.file is None:
                raise
            # "'notes.txt' is empty", "... must be UTF-8 text": named by the flag, as text predict
            # and explain name their --file; and as typed (the library's Path writes "./-" as "-")
            said = str(err).replace(repr(str(Path(path))), typed_path(path), 1)
            raise CLIError(f"--file {said}") from None
        with as_flags(_fields(CharLMConfig)):
            name = typed_path(path) if args.file is None else f"--file {typed_path(path)}"
            check_corpus(text, config, name=name)
        with as_flags([*_fields(CharLMConfig), "init_from"]):
            check_device(config.device)  # as train_charlm checks it, before the model loads
            # its sizes and alphabet, named by the flags; loaded once (train_charlm's
            # init_from loaded it again)
            saved = None
            if args.init_from is not None:
                saved = _start_from(args.init_from, text, config, name=name)
            result, stop = _kept(lambda: _train_started(text, config, saved))
        result.metrics["command"] = args.command_line  # saved in config.json
        # named by a rerun's note that it replaced this model (lstmkit.cli.saved_before)
        result.metrics["corpus"] = corpus
        # which text it learnt, where its name does not say (piped in: '<stdin>'), nor its state
        digest = None if args.file is None else hashlib.sha256(Path(os.fspath(path)).read_bytes())
        earlier = saved_before(out)  # read before the save replaces it
        with written_together(out) as stage:  # the model and its plot, all or none
            save_charlm(result, stage)
            result.plot_training(
                stage / "training.png",
                title=drawable(
                    [f"{plain_text(corpus)}: validation loss per check"],
                    ["the corpus' name (--corpus, or the name of --file)"],
                )[0],
            )
        m = result.metrics
        _emit(
            {
                "corpus": corpus,
                "file": str(path),
                "file_sha256": None if digest is None else digest.hexdigest(),
                # the kept model's loss: the lowest of the checks, so an optimistic estimate
                "val": {
                    "best_loss_nats_per_char": m["best_val_loss"],
                    "best_step": m["best_step"],
                    "checks": m["val_checks"],
                    "final_loss_nats_per_char": m["final_val_loss"],
                },
                "steps": m["steps"],
                "train_seconds": m["train_seconds"],
                "parameters": m["parameters"],
                "interrupted": m["interrupted"],
                # the saved model continued (--init-from), its loss on this text at the start
                "init_from": m["init_from"],
                **_run_fields(config, args, out),
            },
            args.json,
            [
                *(
                    []
                    if m["init_from"] is None
                    else [
                        f"continued {m['init_from']['folder']}: validation loss "
                        f"{m['init_from']['val_loss_at_start']:.4f} nats/char before the first "
                        "step"
                        # check 0 kept: training made it worse, which the best of the run's
                        # own checks alone saved without a word (no step: nothing to beat it)
                        + (
                            "; no check beat it: the model saved is the one continued, "
                            "unchanged (a lower --lr may help)"
                            if m["best_step"] == 0 < m["steps"]
                            else ""
                        )
                    ]
                ),
                # in bits/char and perplexity too: nats alone left a course's figures to convert
                f"{corpus}: best validation loss {m['best_val_loss']:.4f} nats/char "
                f"({_bits_and_perplexity(m['best_val_loss'])}) of "
                f"{m['val_checks']} check{'s' if m['val_checks'] != 1 else ''} "
                f"(step {m['best_step']}; optimistic, the kept model's), "
                f"{m['final_val_loss']:.4f} after the last of {m['steps']} "
                f"step{'s' if m['steps'] != 1 else ''} "
                f"({m['train_seconds']:.0f} s, seed {config.seed})",
                f"saved to {out}",
            ],
        )
        note_replaced(out, earlier)
        return _stopped(stop, f"the best model so far (step {m['best_step']}) is", out)


@says_refused_flags
def _generate(args: argparse.Namespace) -> int:
    from lstmkit._checks import flag_number_problem, seed_problem, value_repr
    from lstmkit._device import doing
    from lstmkit.text.charlm import GenerationInterrupted, generate, load_charlm

    problems = []
    if args.length < 0:
        problems.append(f"--length must be an integer >= 0, got {value_repr(args.length)}.")
    said = flag_number_problem(args.temperature, "--temperature", "non-negative", " (0: greedy)")
    if said is not None:
        problems.append(said + ".")
    if args.top_k is not None and args.top_k < 1:
        problems.append(f"--top-k must be a positive integer, got {value_repr(args.top_k)}.")
    if args.seed is not None and (problem := seed_problem(args.seed, "--seed")) is not None:
        problems.append(problem + ".")
    refuse_together(problems)  # with the integer flags' refusals of the parse
    # each step named in a device's out-of-memory error (see doing), as forecast's are
    with as_flags(["device"]), doing("moving the model to it"):
        model, vocab = load_charlm(_model_dir(args.model_dir, "charlm"), device=args.device)
    top_k = args.top_k
    if top_k is not None and top_k > len(vocab):
        # was refused; capped as nanoGPT's sample.py and Hugging Face's top_k do, so one
        # --top-k serves models of any alphabet (said once the other flags are checked)
        top_k = len(vocab)
    if args.prompt == "":
        # was "--prompt must be non-empty, got ''." alone, where `--prompt ""` is typed for a
        # text from nothing, which leaving the flag out gives
        problems.append(
            "--prompt must be non-empty, got '' ("
            + (
                "leave --prompt out to start from a newline)."
                if "\n" in vocab.stoi
                else "the model's alphabet has no newline to start from: give one of its "
                f"characters, {''.join(vocab.chars)!r})."
            )
        )
    if args.prompt is None and "\n" not in vocab.stoi:
        # the default blamed on a --prompt never typed: "--prompt contains characters outside
        # the model's alphabet: ['\n']"
        problems.append(
            "--prompt is needed: the default one, a newline, is not in the model's alphabet "
            f"{''.join(vocab.chars)!r} (its training text had no line breaks)."
        )
    if problems:
        raise CLIError(" ".join(problems))
    if top_k != args.top_k:
        print(
            f"note: --top-k {args.top_k} is more than the model's alphabet of {top_k} "
            f"characters: it samples among all {top_k}, as --top-k {top_k} does.",
            file=sys.stderr,
        )
    # Without --seed, draw one and use it, so that --json can say how to get the same text again:
    # below 2**53, which readers that hold JSON numbers as doubles (jq, JavaScript) keep exact.
    seed = random.SystemRandom().randrange(2**53) if args.seed is None else args.seed
    stop = None
    with (
        as_flags(("prompt", "length", "temperature", "top_k", "seed")),
        doing("generating text"),
        _still_running(args, "text generate"),
    ):
        try:
            text = generate(
                model,
                vocab,
                "\n" if args.prompt is None else _unescape_prompt(args.prompt),
                length=args.length,
                temperature=args.temperature,
                top_k=top_k,
                seed=seed,
                progress=args.progress,
            )
        except GenerationInterrupted as caught:  # the text so far is printed, not lost
            text, stop = caught.text, caught
    # a text no draw made (--length 0, --temperature 0, --top-k 1) is the same with any seed:
    # told that a seed gives it again, a user took the seed for part of it
    sampled = args.length > 0 and args.temperature > 0 and top_k != 1
    if args.seed is None and not args.json and sampled:  # else the seed, and the text, were lost
        # interrupted, the seed gives the text printed as the start of all --length characters:
        # "gives this text again" promised the text alone, which it gives only so
        more = "" if stop is None else f", continued to all {args.length} characters"
        print(f"note: seed {seed} (--seed {seed} gives this text again{more})", file=sys.stderr)
    if stop is None:
        _emit({"text": text, "seed": seed}, args.json, [text])
        return 0
    signal = stop.signal
    interrupted = {"signal": signal, "characters": stop.generated}
    _emit({"text": text, "seed": seed, "interrupted": interrupted}, args.json, [text])
    how = "Ctrl-C" if signal == "SIGINT" else signal
    print(
        f"interrupted ({how}) after {stop.generated} of {args.length} characters: "
        "the text so far is printed",
        file=sys.stderr,
    )
    return 130 if signal == "SIGINT" else 143


def _unescape_prompt(prompt: str) -> str:
    """``--prompt`` as typed, with ``\\n`` a newline and ``\\\\`` one backslash (so a prompt
    can hold a backslash followed by n: ``\\\\newline``); any other backslash is kept."""
    return re.sub(r"\\([\\n])", lambda m: "\n" if m.group(1) == "n" else "\\", prompt)


# --- sequence to sequence --------------------------------------------------------------------


@says_refused_flags
def _train_seq2seq(args: argparse.Namespace) -> int:
    """``lstmkit text train-seq2seq``: the numbers task trained, saved to ``--out`` and scored."""
    from lstmkit._checks import and_more
    from lstmkit.text.seq2seq import Seq2SeqConfig, save_seq2seq, train_numbers

    if args.task is None:  # was "the following arguments are required: task", a word no help shows
        raise CLIError(
            "name the task to learn: 'numbers' (numbers written in digits -> the same in words)."
        )
    out = _check_out(args.out, "seq2seq", args.overwrite)
    config = _config_from_args(Seq2SeqConfig, args)
    with as_flags(_fields(Seq2SeqConfig)), _still_running(args):
        result, stop = _kept(lambda: train_numbers(config))
    result.metrics["command"] = args.command_line  # saved in config.json
    result.metrics["task"] = args.task  # named by a rerun's note that it replaced this model
    earlier = saved_before(out)  # read before the save replaces it
    with written_together(out) as stage:  # a folder made for it goes if the save fails
        save_seq2seq(result, stage)
    m = result.metrics
    wrong = round((1 - m["greedy_accuracy"]) * m["test_pairs"])  # greedy errors, all counted
    _emit(
        {
            "task": args.task,
            "test": {
                "greedy_sequence_accuracy": m["greedy_accuracy"],
                "beam_sequence_accuracy": m["beam_accuracy"],
                "pairs": m["test_pairs"],
            },
            # measured on the first `pairs` distinct numbers of the `training_pairs` (see
            # TRAIN_EVAL_PAIRS)
            "train": {
                "greedy_sequence_accuracy": m["train_accuracy"],
                "pairs": m["train_accuracy_pairs"],
                "training_pairs": m["train_pairs"],
            },
            "steps": m["steps"],
            "train_seconds": m["train_seconds"],
            "errors": m["errors"],
            "interrupted": m["interrupted"],
            **_run_fields(config, args, out),
        },
        args.json,
        [
            f"{args.task}: held-out sequence accuracy {m['greedy_accuracy']:.4f} greedy, "
            f"{m['beam_accuracy']:.4f} beam {m['beam_size']} on {m['test_pairs']} "
            f"number{'s' if m['test_pairs'] != 1 else ''} "
            f"({m['train_seconds']:.0f} s, seed {config.seed})",
            *(
                f"  {e['number']}: {e['greedy']!r} (expected {e['expected']!r})"
                for e in m["errors"]
            ),
            # the metrics keep the first errors only: a list that stops there read as all of them
            *([f"  ...{and_more(wrong, len(m['errors']))}"] if wrong > len(m["errors"]) else []),
            f"saved to {out}",
        ],
    )
    note_replaced(out, earlier)
    return _stopped(stop, "the model so far, measured above, is", out)


@says_refused_flags
def _spell(args: argparse.Namespace) -> int:
    from lstmkit._checks import value_repr
    from lstmkit._device import doing
    from lstmkit.text.seq2seq import _spelt, load_seq2seq, normalize_number, saved_max_digits

    problems = []
    if args.beam < 1:
        problems.append(f"--beam must be a positive integer, got {value_repr(args.beam)}.")
    said = "the number to spell (the argument after the model's folder)"
    try:
        number = normalize_number(args.number)
    except ValueError as err:  # it named the Python argument, `number`, not what was typed
        # said with --beam's problem (`spell m 4.5 --beam 0` told --beam's alone), as a
        # sentence of its own after it
        after = bool(problems) or refused_flags_pending()
        problems.append(str(err).replace("`number`", said.capitalize() if after else said))
    refuse_together(problems)  # with the integer flags' refusals of the parse
    folder = _model_dir(args.model_dir, "seq2seq")
    # each step named in a device's out-of-memory error (see doing), as forecast's are
    with as_flags(["device"]), doing("moving the model to it"):
        model = load_seq2seq(folder, device=args.device)
    max_digits = saved_max_digits(folder)
    if len(number) > max_digits:  # here the limit is the model's own, read from its folder
        from lstmkit.text._checks import counted

        # a model of --max-digits 1 was said "at most 1 digits (... numbers of 1 to 1 digits)"
        trained = "1 digit" if max_digits == 1 else f"1 to {max_digits} digits"
        # '0000001234567' was "got 7 digits", 13 characters counted as 7 unexplained
        dropped = " (leading zeros dropped)" if len(number) < len(args.number) else ""
        raise CLIError(
            f"{said} must have at most {counted(max_digits, 'digit')} (the model was trained on "
            f"numbers of {trained}), got {counted(len(number), 'digit')}{dropped}: "
            f"{args.number!r}."
        )
    with doing("decoding the number"):
        words = _spelt(model, number, args.beam, None)  # normalised once, above
    if not words and not args.json:  # else a bare empty line, which reads as nothing happened
        # a note that numbers of 1 or 2 digits were few in training is gone with the cause:
        # training gives each digit count its share (seq2seq.split_numbers)
        print(
            f"note: the model wrote no words for {number} (an undertrained model ends at once; "
            "train it longer).",
            file=sys.stderr,
        )
    _emit({"number": number, "words": words, "beam": args.beam}, args.json, [words])
    return 0


def _add_device_flag(parser: argparse.ArgumentParser, does: str) -> None:
    parser.add_argument(
        "--device", default="cpu", help=f"torch device to {does} on: cpu, cuda, cuda:1, mps"
    )


# Keras' and scikit-learn's --shuffle (shuffle=False: --no-shuffle), which text train has no
# flag for (:attr:`lstmkit.cli._Parser.their_notes`): it shuffles its training examples each
# epoch, always (lstmkit.text.sentiment: batches(shuffle=True, bucket=True)); was
# "unrecognized arguments: --shuffle" alone
_TRAIN_NOTES = dict.fromkeys(
    ("--shuffle", "--no-shuffle"),
    "no flag shuffles or keeps the order: text train shuffles its training examples each "
    "epoch, always (drawn with --seed, in batches of similar length)",
)
# train-lm's and train-seq2seq's: they had no note, "unrecognized arguments: --shuffle" alone.
# train-lm shuffles nothing (lstmkit.text.charlm: --batch-size streams read in order, each
# carrying its state from one --bptt window to the next, which a shuffle would break);
# train-seq2seq shuffles its pairs each epoch (lstmkit.text.seq2seq: torch.randperm)
_TRAIN_LM_NOTES = dict.fromkeys(
    ("--shuffle", "--no-shuffle"),
    "no flag shuffles or keeps the order: text train-lm reads its text in order, never "
    "shuffled (--batch-size streams side by side, each carrying its state from one --bptt "
    "window to the next)",
)
# sampling flags given to train-lm, as char-rnn's and nanoGPT's sample scripts take them: were
# "unrecognized arguments: --temperature 0.5" alone
_TRAIN_LM_NOTES |= dict.fromkeys(
    ("--temperature", "--top-k", "--top_k", "--prompt", "--length"),
    "text train-lm saves a model and samples nothing: --temperature, --top-k, --prompt and "
    "--length are text generate's, run on the folder of --out (`lstmkit text generate "
    "runs/shakespeare --prompt 'ROMEO:' --temperature 0.8`)",
)
# char-rnn's sample.lua and nanoGPT's sample.py name two of generate's flags otherwise
_GENERATE_NOTES = {
    **dict.fromkeys(
        ("--primetext", "--start"),
        "--prompt is the text to start from (char-rnn's -primetext, nanoGPT's --start)",
    ),
    **dict.fromkeys(
        ("--max-new-tokens", "--max_new_tokens"),
        "--length counts the characters generated after the prompt (nanoGPT's and Hugging "
        "Face's max_new_tokens)",
    ),
    **dict.fromkeys(
        ("--num-samples", "--num_samples"),
        "text generate writes one text a run: run it again with another --seed for another",
    ),
}
_TRAIN_SEQ2SEQ_NOTES = dict.fromkeys(
    ("--shuffle", "--no-shuffle"),
    "no flag shuffles or keeps the order: text train-seq2seq shuffles its training pairs each "
    "epoch, always (drawn with --seed)",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds ``lstmkit text`` and its sub-commands."""
    from lstmkit.text._configs import CharLMConfig, SentimentConfig, Seq2SeqConfig

    text = subparsers.add_parser(
        "text",
        help=COMMANDS["text"][1],
        description="Train and use text models: a sentiment classifier (SST-2, SST-5 or your "
        "own labelled CSV), a character language model, and a sequence-to-sequence model that "
        "writes numbers in words.",
        # as `lstmkit --help`'s: it listed the commands and no way on
        epilog="`lstmkit text COMMAND --help` lists a text command's flags. To start: `lstmkit "
        "text train sst2 --out runs/sst2`, `lstmkit text predict runs/sst2 'a witty movie'`, "
        "`lstmkit text train-lm shakespeare --out runs/shakespeare`, `lstmkit text "
        'train-seq2seq numbers --out runs/numbers` (README.md: "Text").',
        formatter_class=DefaultsHelpFormatter,
    )
    sub = text.add_subparsers(dest="text_command", metavar="COMMAND")
    # like `lstmkit` alone: the help on stdout, exit code 0
    text.set_defaults(func=lambda args: text.print_help() or 0)

    def add_parser(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return sub.add_parser(name, formatter_class=DefaultsHelpFormatter, **kwargs)

    train = add_parser(
        "train", help="train a text classifier on SST-2, SST-5 or your own labelled texts"
    )
    train.add_argument(
        "task",
        nargs="?",
        choices=("sst2", "sst5"),
        help="SST-2 (negative/positive) or SST-5 (five classes); or --csv",
    )
    train.add_argument(
        "--csv",
        type=user_path,
        metavar="FILE",
        help="train on your own labelled texts instead: a UTF-8 CSV file with a header row "
        "('-': standard input); 10 %% of each class is held out for dev and 10 %% for test "
        "(drawn with --seed)",
    )
    train.add_argument("--text-col", metavar="COL", help="name of the text column (with --csv)")
    train.add_argument(
        "--label-col",
        metavar="COL",
        help="name of the label column (with --csv): any class names, sorted into the model's "
        "classes",
    )
    train.add_argument(
        "--sep",
        type=_one_character,
        metavar="CHAR",
        help="the character between the fields of --csv: ';', 'tab' (default: ',', a tab for "
        "a file named .tsv, each file by its name)",
    )
    for part, share in (("dev", "selects the model"), ("test", "measures it")):
        train.add_argument(
            f"--{part}-csv",
            type=user_path,
            metavar="FILE",
            help=f"your own {part} set, which {share}: a CSV with the same columns as --csv "
            f"('-': standard input; default: 10 %% of each class of --csv, drawn with --seed)",
        )
    train.add_argument(
        "--out", required=True, type=user_text, help="folder to write the model into"
    )
    train.add_argument(
        "--data-dir", default=None, type=user_text, help=f"shared text data folder (SST){_DATA_DIR}"
    )
    train.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    _add_config_flags(train, SentimentConfig, skip=("task",))
    threads_flag(train)
    overwrite_flag(train, "the model's files", models=True)
    train.set_defaults(func=_train)
    train.their_notes = _TRAIN_NOTES  # type: ignore[attr-defined]

    predict = add_parser("predict", help="classify sentences with a trained model")
    predict.add_argument(
        "model_dir",
        type=user_path,
        help="folder of a model saved by `lstmkit text train`"
        " (or its parent, holding it as model/)",
    )
    predict.add_argument(
        "text",
        nargs="*",
        help="the sentence(s), plain English (tokenized like SST: it's -> it 's); several are "
        "classified in padded batches",
    )
    predict.add_argument(
        "--file",
        type=user_text,
        # gathered so that a second --file is refused (one_file): argparse kept the last, and
        # `--file a.txt --file b.txt` classified b.txt alone, a.txt dropped unsaid
        action="append",
        metavar="FILE",
        default=None,
        help="read the sentences from FILE instead, one per line (UTF-8; blank lines skipped; "
        "- reads stdin)",
    )
    predict.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per sentence on stdout, one per line (with --file, its line "
        "number)",
    )
    predict.add_argument(
        "--explain", action="store_true", help="add each token's LRP relevance for the prediction"
    )
    from lstmkit.cli.explain import _BIAS_FACTOR as lrp_bias_factor
    from lstmkit.cli.explain import _EPS as lrp_eps
    from lstmkit.cli.explain import _EPS_FLOOR as lrp_eps_floor

    predict.add_argument(
        "--eps",
        type=number_or_text,
        help=f"with --explain: LRP's stabilizer, at least {lrp_eps_floor} (float64's smallest "
        f"normal number; default: {lrp_eps}; 0.1 keeps long sentences' relevances from "
        "amplifying)",
    )
    predict.add_argument(
        "--bias-factor",
        type=number_or_text,
        help="with --explain: LRP's bias factor in [0, 1] (1: the relevances sum to the score; "
        f"default: {lrp_bias_factor})",
    )
    _add_device_flag(predict, "classify")
    threads_flag(predict, "classifying", "predictions")
    progress_flag(predict, " over the sentences")
    predict.set_defaults(func=_predict, _more_positionals="text")

    evaluate = add_parser(
        "evaluate",
        help="score a trained classifier on labelled texts (a CSV file or SST's dev or test set)",
        description="Scores a classifier saved by `lstmkit text train` on labelled texts: "
        "accuracy, macro-F1, precision, recall, F1 and support per class, and the confusion "
        "matrix (rows: true class).",
    )
    evaluate.add_argument(
        "model_dir",
        type=user_path,
        help="folder of a model saved by `lstmkit text train` (or its parent, holding it as "
        "model/)",
    )
    evaluate.add_argument(
        "task",
        nargs="?",
        choices=("sst2", "sst5"),
        help="score on SST-2 or SST-5 (the task the model was trained on); or --csv",
    )
    evaluate.add_argument(
        "--split",
        choices=("dev", "test"),
        help="the SST split to score on, with a task (default: test)",
    )
    evaluate.add_argument(
        "--data-dir", default=None, type=user_text, help=f"shared text data folder (SST){_DATA_DIR}"
    )
    evaluate.add_argument(
        "--csv",
        type=user_path,
        metavar="FILE",
        help="score on your own labelled texts instead: a UTF-8 CSV file with a header row, "
        "as `text train --csv` reads ('-': standard input)",
    )
    evaluate.add_argument("--text-col", metavar="COL", help="name of the text column (with --csv)")
    evaluate.add_argument(
        "--label-col", metavar="COL", help="name of the label column (with --csv)"
    )
    evaluate.add_argument(
        "--sep",
        type=_one_character,
        metavar="CHAR",
        help="the character between the fields of --csv: ';', 'tab' (default: ',', a tab for "
        "a file named .tsv)",
    )
    evaluate.add_argument(
        "--drop-unknown",
        action="store_true",
        help="leave out the rows of --csv whose label is none of the model's classes, and say "
        "how many (default: refuse them, naming each)",
    )
    evaluate.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    evaluate.add_argument(
        "--out",
        type=user_text,
        metavar="DIR",
        help="also write confusion.png (counts and each true class's shares), predictions.csv "
        "(text, label, predicted, probability: one row per text) and evaluation.json (the "
        "--json object) into DIR, all or none; a rerun into it rewrites them",
    )
    overwrite_flag(evaluate, "confusion.png, predictions.csv and evaluation.json", models=False)
    _add_device_flag(evaluate, "classify")
    threads_flag(evaluate, "classifying", "scores")
    progress_flag(evaluate, " over the texts")
    evaluate.set_defaults(func=_evaluate)

    train_lm = add_parser("train-lm", help="train a character LSTM language model")
    train_lm.add_argument(
        "corpus",
        nargs="?",
        choices=("shakespeare",),
        help="the text to learn: Tiny Shakespeare (or --file)",
    )
    train_lm.add_argument(
        "--file",
        type=user_path,
        action="append",  # a second --file refused (one_file), not kept in place of the first
        metavar="FILE",
        help="learn your own text instead: a UTF-8 text file (a few hundred KB or more for "
        "text worth sampling)",
    )
    train_lm.add_argument(
        "--out", required=True, type=user_text, help="folder to write the model into"
    )
    train_lm.add_argument(
        "--data-dir", default=None, type=user_text, help=f"shared text data folder{_DATA_DIR}"
    )
    train_lm.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    train_lm.add_argument(
        "--init-from",
        type=user_path,
        metavar="DIR",
        help="continue training the model saved in DIR (by train-lm --out), as char-rnn's "
        "-init_from: its weights, alphabet and sizes (the text must be written in its "
        "alphabet); Adam's state is not saved, so it starts afresh, and the learning rate "
        "decays from --lr again",
    )
    _add_config_flags(train_lm, CharLMConfig, skip=())
    saved = _lm_saved_defaults()
    for action in train_lm._actions:  # None: the --init-from model's size, else the default
        if action.dest in saved:
            action.default = None
            action.help = (
                f"{action.help} (default: {saved[action.dest]}, or the --init-from model's)"
            )
    threads_flag(train_lm)
    overwrite_flag(train_lm, "the model's files", models=True)
    train_lm.set_defaults(func=_train_lm)
    train_lm.their_notes = _TRAIN_LM_NOTES  # type: ignore[attr-defined]

    gen = add_parser("generate", help="sample text from a trained character LM")
    gen.add_argument(
        "model_dir",
        type=user_path,
        help="folder of a model saved by `lstmkit text train-lm`"
        " (or its parent, holding it as model/)",
    )
    gen.add_argument(
        "--prompt",
        default=None,  # a newline, where the model's alphabet has one (see _generate)
        help="starting text (\\n for a newline, \\\\ for a backslash; default: a newline)",
    )
    gen.add_argument(
        "--length",
        type=whole_number,
        default=300,
        help="characters to generate after the prompt (0: the prompt alone, as Hugging Face's "
        "max_new_tokens=0; the default prompt is a newline)",
    )
    gen.add_argument(
        "--temperature",
        type=number_or_text,
        default=0.8,
        help="divides the logits: lower is more conservative, 0 is greedy (default: 0.8; "
        "generate() in Python defaults to 1.0, the model's own distribution)",
    )
    gen.add_argument(
        "--top-k",
        type=whole_number,
        default=None,
        help="sample among the K most likely characters only (default: all of them)",
    )
    gen.add_argument(
        "--seed",
        type=seed_number,
        default=None,
        help="random seed, 0 to 2**63 - 1 (default: a fresh one below 2**53, printed by --json)",
    )
    gen.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    progress_flag(gen, " over the characters, once generating has run for 2 s")
    _add_device_flag(gen, "generate")
    threads_flag(gen, "generating", "text")
    gen.set_defaults(func=_generate)
    gen.their_notes = _GENERATE_NOTES  # type: ignore[attr-defined]

    s2s = add_parser(
        "train-seq2seq", help="train an encoder-decoder LSTM: numbers in digits -> in words"
    )
    required_in_usage(  # named by _train_seq2seq when missing, shown as required
        s2s.add_argument(
            "task",
            nargs="?",
            choices=("numbers",),
            help="numbers written in digits -> the same in words",
        )
    )
    s2s.add_argument("--out", required=True, type=user_text, help="folder to write the model into")
    s2s.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    _add_config_flags(s2s, Seq2SeqConfig, skip=())
    threads_flag(s2s)
    overwrite_flag(s2s, "the model's files", models=True)
    s2s.set_defaults(func=_train_seq2seq)
    s2s.their_notes = _TRAIN_SEQ2SEQ_NOTES  # type: ignore[attr-defined]

    sp = add_parser("spell", help="write a number in words with a trained seq2seq model")
    sp.add_argument(
        "model_dir",
        type=user_path,
        help="folder of a model saved by `lstmkit text train-seq2seq`"
        " (or its parent, holding it as model/)",
    )
    sp.add_argument(
        "number",
        help="digits, e.g. 4012, at most the model's --max-digits (leading zeros are dropped)",
    )
    sp.add_argument(
        "--beam",
        "--beam-size",
        dest="beam",
        type=whole_number,
        default=1,
        help="beam size (1: greedy)",
    )
    sp.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    _add_device_flag(sp, "decode")
    sp.set_defaults(func=_spell)

"""Save and load models as ``model.safetensors`` + ``config.json`` in one directory (no pickle).

The weights file holds a flat ``state_dict`` (any module); the JSON file holds whatever
configuration and fitted state the caller needs to rebuild the module, plus the library versions
that wrote it. Loading checks the keys and shapes and lists *every* missing, unexpected and
mis-shaped key in one error.

Example:
    >>> import tempfile, torch
    >>> from lstmkit.io import save_model, load_model
    >>> net = torch.nn.Linear(2, 1)
    >>> d = tempfile.mkdtemp()
    >>> save_model(net, d, {"kind": "linear"})
    >>> cfg = load_model(torch.nn.Linear(2, 1), d)
    >>> cfg["kind"]
    'linear'
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import errno
import json
import os
import platform
import re
import secrets
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import torch
from safetensors import SafetensorError, safe_open
from safetensors.torch import load_file
from safetensors.torch import save as to_safetensors
from torch import nn

from lstmkit._checks import (
    _clipped,
    _type_name,
    and_list,
    and_more,
    as_bool,
    as_path,
    typed_path,
    url_folder,
    value_repr,
)
from lstmkit._lazy import public_dir
from lstmkit._orphans import OWNER, owner, remove_orphans
from lstmkit._records import EXPLANATION, RELEVANCE
from lstmkit._remedies import windows_separators

T = TypeVar("T")

__all__ = [
    "CONFIG_FILE",
    "KINDS",
    "MAX_JSON_BYTES",
    "RUN_BY",
    "WEIGHTS_FILE",
    "as_path",
    "build_on_meta",
    "build_undrawn",
    "check_entries",
    "check_out_dir",
    "check_save_dir",
    "check_state",
    "held",
    "load_config",
    "load_model",
    "load_state",
    "model_subdir",
    "newer_kind",
    "newer_save",
    "not_of_kind",
    "or_overwrite",
    "read_json",
    "read_shapes",
    "save_model",
    "state_differences",
    "unmarked_files",
    "value_problems",
    "versions",
]
__dir__ = public_dir(globals())

WEIGHTS_FILE = "model.safetensors"
CONFIG_FILE = "config.json"


def versions() -> dict[str, str]:
    """Versions of lstmkit, torch, numpy, pandas and Python (recorded with every saved model
    and run). pandas reads the CSVs, the dates and their frequency, so its version can change
    a forecast too; where it is not imported yet, it is read from the installed package's
    metadata rather than imported (``"unknown"`` if that is missing)."""
    from importlib.metadata import PackageNotFoundError, version

    from lstmkit import __version__

    pandas = sys.modules.get("pandas")
    try:
        pandas_version = pandas.__version__ if pandas is not None else version("pandas")
    except PackageNotFoundError:  # an install without its metadata (vendored, frozen)
        pandas_version = "unknown"
    return {
        "lstmkit": __version__,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "pandas": pandas_version,
        "python": platform.python_version(),
    }


def _release(version: object) -> tuple[int, ...] | None:
    """The release numbers a version string starts with (``"0.2.0rc1"`` → ``(0, 2, 0)``)."""
    found = re.match(r"\d+(?:\.\d+)*", version) if isinstance(version, str) else None
    return tuple(int(n) for n in found.group().split(".")) if found else None


def newer_save(config: Mapping[str, Any]) -> str:
    """``""``, or, for a saved ``config`` whose ``versions`` name a newer lstmkit than this one,
    a clause saying so, to end the message that refuses an entry this version does not know
    (``"; it was saved by lstmkit 0.3.0, newer than this one (0.1.0): upgrade lstmkit to load
    it"``)."""
    from lstmkit import __version__

    saved = config.get("versions")
    saved = saved.get("lstmkit") if isinstance(saved, dict) else None
    theirs, ours = _release(saved), _release(__version__)
    if theirs is None or ours is None or theirs <= ours:
        return ""
    return (
        f"; it was saved by lstmkit {saved}, newer than this one ({__version__}): upgrade "
        "lstmkit to load it"
    )


KINDS = {
    "lstmkit.Forecaster": "a forecaster",
    "classifier": "a sentiment classifier",
    "charlm": "a character language model",
    "seq2seq": "a sequence-to-sequence model",
}
"""The kinds of saved model this lstmkit knows (``config.json``'s ``"kind"``) and what each is:
another one, from a newer lstmkit, is refused with the hint to upgrade (:func:`newer_save`)."""

RUN_BY = {
    "lstmkit.Forecaster": "`lstmkit predict DIR` runs (lstmkit.Forecaster.load in Python)",
    "classifier": "`lstmkit text predict` runs (lstmkit.text.SentimentPredictor.load in Python)",
    "charlm": "`lstmkit text generate` runs (lstmkit.text.load_charlm in Python)",
    "seq2seq": "`lstmkit text spell` runs (lstmkit.text.load_seq2seq in Python)",
}
"""What runs each of :data:`KINDS`, for the messages that refuse its folder where another kind
was expected: "..., which `lstmkit text spell` runs (...)"."""


def held(config: Mapping[str, Any]) -> str:
    """What the saved ``config`` holds, for the messages that refuse its folder where another
    kind was expected: its kind (:data:`KINDS`) and what runs it (:data:`RUN_BY`).

    Example:
        >>> held({"kind": "lstmkit.Transformer"}), held({})
        ("a model (kind 'lstmkit.Transformer')", 'a model whose config.json names no kind')
    """
    kind = config.get("kind")
    if kind is None:  # written by save_model for something else
        return "a model whose config.json names no kind"
    known = KINDS.get(kind, "a model") if isinstance(kind, str) else "a model"
    runs = f", which {RUN_BY[kind]}" if isinstance(kind, str) and kind in RUN_BY else ""
    return f"{known} (kind {kind!r}){runs}"


def not_of_kind(folder: str | Path, config: Mapping[str, Any], kind: str) -> str:
    """The refusal of the folder ``folder``, whose saved ``config`` is not of the kind ``kind``
    that was expected, in the words every loader and command uses (:func:`held`).

    Example:
        >>> print(not_of_kind("m", {"kind": "charlm"}, "seq2seq").replace("runs (", "runs\\n("))
        'm' holds a character language model (kind 'charlm'), which `lstmkit text generate` runs
        (lstmkit.text.load_charlm in Python), not a sequence-to-sequence model (kind 'seq2seq').
    """
    return (
        f"{str(folder)!r} holds {held(config)}, not {KINDS[kind]} (kind {kind!r})"
        f"{newer_kind(config)}."
    )


def newer_kind(config: Mapping[str, Any]) -> str:
    """``""``, or, for a saved ``config`` whose ``kind`` is none of :data:`KINDS` and whose
    ``versions`` name a newer lstmkit, the clause :func:`newer_save` gives: the end of the
    message that refuses a folder holding another kind of model (a kind added since is no
    damaged file, and an upgrade loads it)."""
    kind = config.get("kind")
    return newer_save(config) if isinstance(kind, str) and kind not in KINDS else ""


def check_entries(config: Mapping[str, Any], known: tuple[str, ...], file: str | Path) -> None:
    """Refuse (``ValueError`` naming ``file``) a saved ``config`` of a newer lstmkit that holds
    top-level entries this one does not know (beyond ``kind``, ``versions`` and ``known``),
    which a load would ignore, and the model run without what they say; with the hint to
    upgrade (:func:`newer_save`). Older saves lack some of ``known``, and an entry added to a
    save of this or an older version (by hand: a note) is no newer lstmkit's, so both load."""
    unknown = sorted(set(config) - {"kind", "versions", *known})
    if unknown and (newer := newer_save(config)):
        raise ValueError(f"{str(file)!r} has entries this lstmkit does not know: {unknown}{newer}.")


def save_model(
    module: nn.Module,
    path: str | Path,
    config: dict[str, Any],
    files: Mapping[str, str | bytes] | None = None,
    *,
    overwrite: bool = False,
) -> None:
    """Write ``module``'s ``state_dict`` and ``config`` (JSON-serialisable) into directory ``path``.

    The directory is created if needed; existing files of the same names are replaced, all or
    none: each file is written beside its place under a temporary name, and only once every one
    is written are they renamed into place, so a save that fails part-way (a full disk, an
    interrupt) leaves the folder as it was, never new weights beside an old ``config.json``.
    Every file is created with the permissions the umask gives (0644 under the usual 022).
    ``config["versions"]`` is filled in if absent; a numpy bool, integer or float in it, value
    or key, is written as the Python one it equals (``{np.int64(3): np.float32(0.5)}`` as
    ``{"3": 0.5}``; a key must otherwise be a ``str``, ``int``, ``float``, ``bool`` or
    ``None``).

    Args:
        module: The module whose ``state_dict`` goes into ``model.safetensors``.
        path: The folder.
        config: What goes into ``config.json``: a dict of dicts, lists, tuples, strings,
            numbers, bools and ``None``.
        files: Other files of the model (name -> text, written as UTF-8, or bytes), such as a
            vocabulary, saved with the two under the same all-or-none rule.

    Raises:
        TypeError: if ``config`` is no dict, or holds a value JSON cannot write (a set, a
            path, a tensor; the message says where: ``config['labels']``), or ``overwrite``
            is no bool; nothing is written.
        ValueError: if ``config`` holds itself (a circular reference, named where) or is nested
            deeper than Python's recursion limit, if ``files`` names ``model.safetensors`` or
            ``config.json``, or if ``path`` cannot be the folder: the rule every saver of
            lstmkit's models takes (:func:`check_save_dir`, with ``config["kind"]``, or no kind
            where it has none): an existing file, a path through one, a folder where one of the
            files goes, another kind of saved model, a ``config.json`` that is no saved
            model's, a folder without ``config.json`` holding files of the names to be written,
            a run folder; nothing is written. ``overwrite=True`` saves over the files of
            another kind of model, of no saved model, or those a killed save left
            (:func:`check_save_dir`).
        PermissionError: if one of the files there is read-only (``chmod 0444``), named;
            nothing is written.
        OSError: when writing fails (a full disk, say); the folder's files are left as they
            were.
    """
    extra = dict(files or {})
    if taken := [name for name in (WEIGHTS_FILE, CONFIG_FILE) if name in extra]:
        # the extra file replaced the weights or the config silently
        raise ValueError(
            f"`files` must not name {WEIGHTS_FILE!r} or {CONFIG_FILE!r}, which save_model "
            f"writes itself, got {', '.join(map(repr, taken))}."
        )
    if not isinstance(config, Mapping):  # it read "'list' object is not a mapping"
        raise TypeError(f"`config` must be a dict, got {type(config).__name__}.")
    out = check_save_dir(
        path,
        config.get("kind"),
        "`path`",
        (WEIGHTS_FILE, CONFIG_FILE, *extra),
        overwrite=overwrite,  # checked there
    )
    text = _config_json(config)
    out.mkdir(parents=True, exist_ok=True)
    # safetensors refuses shared or non-contiguous storage: store plain contiguous copies (on
    # the CPU, so a model trained on a GPU loads anywhere).
    state = {k: v.detach().cpu().contiguous().clone() for k, v in module.state_dict().items()}
    # Serialised in memory and written like config.json: safetensors' save_file creates the file
    # with mode 0600 whatever the umask.
    _write_all(out, {WEIGHTS_FILE: to_safetensors(state), CONFIG_FILE: text + "\n", **extra})


def _config_json(config: Mapping[str, Any]) -> str:
    """``config`` (with ``versions`` filled in if absent) as the text of ``config.json``, a
    numpy bool, integer or float value as the Python one it equals (``np.float32(0.5)`` →
    ``0.5``); refused naming the entry JSON cannot write.

    Raises:
        TypeError: for a value of another type (a set, a path, a tensor, an array) or a key
            that is no str, number, bool or None, named by where it is (``config['labels']``).
        ValueError: for a container that holds itself (a circular reference: json said only
            "Circular reference detected"), or one nested too deep for json to write within
            Python's recursion limit (the message says how deep: :func:`_depth`).
    """
    try:
        return json.dumps(
            _plain_keys({**config, "versions": config.get("versions", versions())}),
            indent=2,
            default=_json_scalar,
        )
    except RecursionError:
        # json writes with one call per level; where it stops depends on the calls on the way
        # here and on the Python version (its C encoder), so the message gives no limit
        raise ValueError(
            f"`config` must be JSON-serialisable, but it is nested {_depth(config)} levels deep, "
            "more than json can write (it stops at Python's recursion limit)."
        ) from None
    except (TypeError, ValueError) as err:
        if (where := _json_problem(config)) is None:
            raise type(err)(f"`config` must be JSON-serialisable: {err}.") from None
        # the problem found, not json's: a bad key found before a loop that json met first
        # is a TypeError
        kind = ValueError if where.endswith("(a circular reference)") else TypeError
        raise kind(f"`config` must be JSON-serialisable{where}.") from None


def _plain_keys(config: dict[str, Any]) -> dict[str, Any]:
    """``config`` with its dicts, lists and tuples copied, each numpy bool, integer or float key
    as the Python value it equals (:func:`_json_key`), which ``json.dumps`` refuses as a key
    (its ``default`` sees values only). A container held twice is copied once, so a loop stays
    a loop, for json to find. A walk with its own stack: ``config`` may be as deep as json could
    go."""
    copies: dict[int, Any] = {}  # id of a container -> its copy

    def copy(value: Any) -> tuple[Any, bool]:
        """The copy of ``value`` (``value`` itself if no container), and whether it is new."""
        if not isinstance(value, dict | list | tuple):
            return value, False
        if id(value) in copies:
            return copies[id(value)], False
        copies[id(value)] = new = {} if isinstance(value, dict) else []
        return new, True

    top = copy(config)[0]
    stack: list[tuple[Any, Any]] = [(config, top)]
    while stack:
        old, new = stack.pop()
        for key, value in old.items() if isinstance(old, dict) else enumerate(old):
            copied, fresh = copy(value)
            if fresh:
                stack.append((value, copied))
            if isinstance(new, dict):
                new[_json_key(key)] = copied
            else:
                new.append(copied)
    return top


def _json_key(key: object) -> object:
    """A numpy bool, integer or float key as the Python value it equals (a key as
    :func:`_json_scalar` takes a value); any other key as it is, for json to take or refuse."""
    if isinstance(key, np.generic):
        try:
            return _json_scalar(key)
        except TypeError:  # np.str_ (a str), np.datetime64
            return key
    return key


def _json_scalar(value: object) -> object:
    """A numpy bool, integer or float as the Python value it equals, for ``json.dumps``'
    ``default``, which gets what JSON has no type for; anything else refused, as
    ``json.dumps`` does (a nanosecond ``datetime64`` or ``timedelta64``, whose ``item()`` is an
    int, is no number: it was written as its count of nanoseconds)."""
    numeric = isinstance(value, np.bool_ | np.integer | np.floating)
    numeric &= not isinstance(value, np.timedelta64)  # numpy makes it an integer type
    if numeric and isinstance(item := value.item(), int | float | bool):
        return item
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _depth(config: Mapping[str, Any]) -> int:
    """How many dicts, lists and tuples deep ``config`` is nested (``config`` itself the
    first level); a container inside itself (a loop) counted once on each path. A walk with
    its own stack: ``config`` is deeper than Python's recursion limit."""
    deepest = 0
    on_path: set[int] = set()
    stack: list[tuple[bool, Any, int]] = [(True, config, 1)]
    while stack:
        entering, value, level = stack.pop()
        if not entering:
            on_path.discard(id(value))
        elif isinstance(value, dict | list | tuple) and id(value) not in on_path:
            deepest = max(deepest, level)
            on_path.add(id(value))
            stack.append((False, value, level))
            items = value.values() if isinstance(value, dict) else value
            stack.extend((True, v, level + 1) for v in items)
    return deepest


_JSON_KEYS = (str, int, float, bool, type(None))
_JSON_TYPES = " (dict, list, str, int, float, bool, None)"


def _json_problem(config: Mapping[str, Any]) -> str | None:
    """Where ``config`` holds what ``json.dumps`` cannot write, as the end of the message that
    refuses it (``", but config['self'] is config itself (a circular reference)"``), or
    ``None``. A walk with its own stack: ``config`` may be as deep as json could go."""
    inside = {id(config): "config"}  # the containers on the way to a value: id -> where
    stack: list[tuple[bool, Any, str]] = [(True, dict(config), "config")]
    while stack:
        entering, value, where = stack.pop()
        if not entering:
            del inside[id(value)]
            continue
        if isinstance(value, dict | list | tuple):
            if id(value) in inside:
                return f", but {where} is {inside[id(value)]} itself (a circular reference)"
            inside[id(value)] = where
            stack.append((False, value, where))
            if isinstance(value, dict):
                if bad := [k for k in value if not isinstance(_json_key(k), _JSON_KEYS)]:
                    return (
                        f"{_JSON_TYPES}, but {where} has the key {value_repr(bad[0])} "
                        f"({_type_name(type(bad[0]))}); a key must be str, int, float, bool "
                        "or None (or a numpy bool, integer or float)"
                    )
                items = [(v, f"{where}[{_json_key(k)!r}]") for k, v in value.items()]
            else:
                items = [(v, f"{where}[{i}]") for i, v in enumerate(value)]
            stack.extend((True, v, w) for v, w in reversed(items))
        elif not isinstance(value, _JSON_KEYS):
            try:
                _json_scalar(value)
            except TypeError:
                shown = _clipped(value_repr(value), 60)
                return f"{_JSON_TYPES}, but {where} is {shown} ({_type_name(type(value))})"
    return None


def _write_all(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write ``files`` (name -> text or bytes) into ``folder``, all or none: each under a
    temporary name first (created as ``open`` would, so the umask gives its mode), then renamed
    into place (``os.replace``, atomic on one file system) once every one is written. The
    temporary files are removed whatever stops the writing. A read-only file of these names is
    refused (``PermissionError``), never replaced, as a plot's is: renamed over, it was replaced
    without a word; a symbolic link is replaced, not its file."""
    from lstmkit._figures import renamed_over_read_only

    refused = [
        f"{str(folder / name)!r} cannot be written: {why}."
        for name, why in renamed_over_read_only(folder, files).items()
    ]
    if refused:
        raise PermissionError(" ".join(refused))
    temporary: list[Path] = []
    # those a killed save left of these files, once its process is gone (one listing for all)
    names = "|".join(map(re.escape, files))
    remove_orphans(folder, rf"\.(?:{names})\.{OWNER}-[0-9a-f]{{8}}\.tmp")
    try:
        for name, content in files.items():
            temp = folder / f".{name}.{owner()}-{secrets.token_hex(4)}.tmp"
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            temporary.append(temp)
            with os.fdopen(fd, "wb") as f:
                f.write(content.encode("utf-8") if isinstance(content, str) else content)
        # config.json last: a folder holding it holds the whole save (check_save_dir tells
        # one without it, whose other files a stopped save may have left, as such)
        for name, temp in sorted(
            zip(files, temporary, strict=True), key=lambda pair: pair[0] == CONFIG_FILE
        ):
            os.replace(temp, folder / name)
    finally:
        for temp in temporary:
            temp.unlink(missing_ok=True)


def check_out_dir(
    path: str | Path, name: str = "`out_dir`", files: tuple[str, ...] | list[str] = ()
) -> Path:
    """``path`` as a folder that can be written into, refused (``ValueError`` naming it as
    ``name``) before any work is done; nothing is left behind.

    Refused: an empty name, an existing file or a path through one, a broken symbolic link on
    the way, a folder where nothing can be created (checked by creating and removing a
    temporary folder in the nearest existing one: read-only or virtual file systems,
    permissions), and, of the names in ``files``, one that exists there as a folder.
    """
    folder = as_path(path, name)
    if isinstance(path, str) and not path.strip():
        raise ValueError(f"{name} must name a folder, got {path!r}.")
    # the URL as typed (`path`): Path wrote file:///tmp/m as 'file:/tmp/m'
    if (url := url_folder(path, name, save=True)) is not None:  # not a local "s3:" folder
        raise ValueError(url)
    # the nearest existing folder on the way, which the loop always finds: its last step is
    # "/" or "." (which exists even where the working folder was removed), the start value
    existing = Path(folder.anchor or ".")
    for step in (folder, *folder.parents):
        if step.is_symlink() and not step.exists():
            raise ValueError(
                f"{name} {str(folder)!r} cannot be created: {str(step)!r} is a broken symbolic "
                f"link (to {os.readlink(step)!r})."
            )
        if step.exists():
            if not step.is_dir():
                if step == folder:
                    raise ValueError(
                        f"{name} must be a folder, got the existing file {str(folder)!r}."
                    )
                raise ValueError(
                    f"{name} {str(folder)!r} cannot be created: {str(step)!r} is a file."
                )
            existing = step
            break
    if existing == folder:
        for file in files:
            if (folder / file).is_dir():
                raise ValueError(
                    f"{name} {str(folder)!r} holds a folder named {file!r}, where a file of that "
                    "name is to be written; move it or choose another folder."
                )
    try:
        with tempfile.TemporaryDirectory(dir=existing, prefix=".lstmkit-check-"):
            pass
    except OSError as err:
        raise ValueError(
            f"{name} {str(folder)!r} cannot be written: creating anything in "
            f"{str(existing)!r} fails ({err.strerror or err})."
        ) from None
    return folder


def check_save_dir(
    path: str | Path,
    kind: str | None,
    name: str = "`path`",
    files: tuple[str, ...] | list[str] = (),
    *,
    replaced: bool = False,
    overwrite: bool = False,
) -> Path:
    """``path`` as a folder a model of ``kind`` (its ``config.json``'s ``"kind"``) can be saved
    into, refused (``ValueError`` naming it as ``name``) before any work is done: every saver
    of lstmkit's models (``Forecaster.save``, the text savers, the CLI's ``--out``) takes this
    one rule.

    A folder that holds a saved model of the same ``kind`` is saved into (a save rewrites the
    same files), and so is one that holds no ``config.json`` and none of ``files``. Refused,
    besides what :func:`check_out_dir` refuses (``files`` are the names to be written): a
    folder that holds no ``config.json`` but some of ``files``, which a save would overwrite
    (the user's or another program's, or those a save stopped before it wrote ``config.json``,
    which every save writes last, left: the message names them and says both,
    :func:`unmarked_files`); a ``config.json`` that names another kind
    (a save would overwrite those of that model's files it writes too, and leave the others, a
    classifier's ``vocab.json``, beside the new ones: the message names both), and one
    that is no saved lstmkit model's: not JSON, no JSON object, or naming no kind (another
    program's: a Hugging Face model's folder holds a ``config.json`` and a
    ``model.safetensors`` too), which a save would overwrite.

    A run folder, whose model is in its ``model/`` (``lstmkit forecast --out``'s, beside
    ``run.json``), or a folder laid out so without ``run.json``, is refused naming that
    ``model/`` and which of the two it is: loading the folder reads ``model/`` only while the
    folder itself holds no ``config.json``, so a model saved there would be loaded instead of
    ``model/``'s.

    ``kind`` ``None`` (:func:`save_model` of a config naming no kind) saves over a
    ``config.json`` naming no kind only where :func:`save_model` wrote it (it holds the
    ``versions`` entry that :func:`save_model` writes, lstmkit's or the caller's own), not over
    another program's.

    ``replaced``: the folder is replaced as a whole (``lstmkit forecast --out``'s ``model/``),
    so what it holds would be deleted, not left behind or overwritten: the message says so.

    ``overwrite``: save over what the folder holds (as Keras' ``model.save(..., overwrite=True)``
    does): the three refusals above of files a save would overwrite (files without
    ``config.json``, say those a killed save left; another kind's model, whose files of other
    names stay beside the new ones; a ``config.json`` that is no saved model's) are lifted, and
    their messages end by saying so (``overwrite=True``, or ``--overwrite`` where ``name`` is a
    flag). A run folder, a file, or a folder where a file goes are refused still. One that is
    no bool is a ``TypeError``.
    """
    overwrite = as_bool(overwrite, "overwrite")  # a truthy "no" lifted the refusals
    folder = check_out_dir(path, name, files)
    if (inner := model_subdir(folder)) != folder:
        _refuse_run_folder(folder, inner, kind, name)
    if overwrite:
        return folder
    what = f"a {kind!r} model" if kind is not None else "a model of no kind"
    if not (folder / CONFIG_FILE).is_file():

        def saving(them: str) -> str:
            done = (
                f"delete {them} with the rest of that folder" if replaced else f"overwrite {them}"
            )
            return f"saving {what} there would {done}"

        if problem := unmarked_files(folder, name, files, CONFIG_FILE, "saved model", saving):
            raise ValueError(problem)
        return folder
    try:
        saved = load_config(folder)
    except ValueError as err:  # not JSON, or no JSON object
        why = str(err).rstrip(".")
    else:
        other = saved.get("kind")
        if other == kind and (kind is not None or _saved_by_lstmkit(saved)):
            return folder
        if other is not None:
            raise ValueError(
                f"{name} {str(folder)!r} already holds a saved model of kind {other!r}; saving "
                f"{what} there would "
                + ("delete that model" if replaced else _overwritten(folder, files))
                + f". Choose another folder or delete that one first{or_overwrite(name, 'it')}."
            )
        why = "it names no kind" if kind is not None else "no lstmkit version saved it"
    raise ValueError(
        f"{name} {str(folder)!r} holds a {CONFIG_FILE} that is no saved model's ({why}); saving "
        f"{what} there would "
        + ("delete it with the rest of that folder" if replaced else "overwrite it")
        + f". Choose another folder or delete that file first{or_overwrite(name, 'it')}."
    )


def unmarked_files(
    folder: Path,
    name: str,
    files: tuple[str, ...] | list[str],
    marker: str,
    what: str,
    saving: Callable[[str], str],
    overwriting: str = "replace",
    foreign: Mapping[str, str] | None = None,
) -> str | None:
    """The refusal of a save of ``files`` into ``folder`` (named as ``name``), which does not
    hold ``marker`` (``config.json`` of a saved model, ``run.json`` of a forecast run) but does
    hold files of those names, which the save would overwrite: another program's or the
    user's, or left by a save of lstmkit's stopped before it wrote ``marker`` (every saver
    writes it last); ``None`` where it holds none. ``saving`` says what the save would do to
    them, given "it" or "them" (``"saving a 'charlm' model there would overwrite them"``);
    ``overwriting``, what ``--overwrite`` (or ``overwrite=True``) does to them. ``foreign``:
    the files of ``marker``'s name (or names) that ``folder`` holds but lstmkit did not write,
    each with why (:func:`_record_problem`): files of the user's like the others, said so."""
    foreign = dict(foreign or {})
    if not folder.is_dir() or ((folder / marker).is_file() and marker not in foreign):
        return None
    held = sorted(
        {
            file
            for file in files
            if (file != marker or file in foreign) and (folder / file).is_file()
        }
    )
    if not held:
        return None
    them = "it" if len(held) == 1 else "them"
    # a user's prediction.json is no marker: "holds forecast.csv and prediction.json but no
    # prediction.json" said nothing of why
    written = ""
    if foreign:
        written = f" that lstmkit wrote ({and_list([f'its {n} {w}' for n, w in foreign.items()])})"
    return (
        f"{name} {str(folder)!r} holds {and_list(held)} but no {marker}{written}, so no {what} "
        f"(yours or another program's, or left by a save of lstmkit's stopped before it "
        f"wrote {marker}, which it writes last); {saving(them)}. Choose another folder or delete "
        f"{them} first{or_overwrite(name, them, overwriting)}."
    )


def _record_problem(file: Path) -> str | None:
    """Why ``file``, of the name of a record that lstmkit's commands write (``run.json``,
    ``prediction.json``, ``explanation.json``, ``relevance.json``), is none of theirs, in the
    words after its name (``"names no lstmkit version"``); ``None`` where it is one: a JSON
    object whose ``"versions"`` names lstmkit's (:func:`versions`), as every record holds, or
    an explanation's record of an lstmkit from before records held it, with the entries all of
    those held (:data:`_UNVERSIONED_RECORDS`). A folder was taken as a command's own by the
    name alone, so that a user's prediction.json let ``lstmkit predict --out`` overwrite their
    forecast.csv."""
    return _read_record(file)[1]


def _read_record(file: Path) -> tuple[dict[str, Any] | None, str | None]:
    """``file`` read once: ``(record, None)`` where it is a record of lstmkit's, else ``(None,
    why)``, as :func:`_record_problem` says it (a caller that reads the record's entries after
    the check read and parsed it twice)."""
    try:
        if not file.is_file():  # a named pipe of a record's name: its read waited for ever
            return None, "is not a file"
        if file.stat().st_size > MAX_JSON_BYTES:
            return None, f"holds more than the {MAX_JSON_BYTES >> 20} MiB a record of lstmkit's may"
        record = json.loads(file.read_bytes().decode("utf-8-sig"))
    except OSError as err:
        # said inside a refusal's brackets: "(its run.json cannot be read: Permission denied)",
        # not brackets within brackets
        return None, f"cannot be read: {err.strerror or err}"
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: nested too deep
        return None, "is not JSON"
    if not isinstance(record, dict):
        return None, "holds no JSON object"
    kept = record.get("versions")
    if not isinstance(kept, dict) or not isinstance(kept.get("lstmkit"), str):
        unversioned = "versions" not in record and any(
            pattern.fullmatch(file.name) and keys <= record.keys()
            for pattern, keys in _UNVERSIONED_RECORDS
        )
        if not unversioned:
            return None, "names no lstmkit version"
    if (why := _files_problem(file.name, record)) is not None:
        return None, why
    return record, None


def _files_problem(name: str, record: dict[str, Any]) -> str | None:
    """Why an ``explanation.json`` whose ``"files"`` is there but no list of file names (edited
    by hand) is none of lstmkit's, or ``None``: an explanation's record lists the files it
    wrote, and one from before it listed them has no ``"files"``. Such a record was taken for
    one of those, so a run deleted the user's relevance.csv as a forecaster's."""
    if name != "explanation.json" or "files" not in record:
        return None
    files = record["files"]
    if isinstance(files, list) and all(isinstance(f, str) for f in files):
        return None
    shown = _clipped(json.dumps(files), 40)
    return f'holds "files": {shown}, where lstmkit\'s lists the files it wrote'


# The records lstmkit wrote before they held "versions" (`lstmkit explain`'s, until
# 2026-12-03), known by the entries every one held: an older explanation's folder was taken as
# the user's. run.json, prediction.json and a saved model's config.json held "versions" from
# the first: one without it is none of lstmkit's.
_UNVERSIONED_RECORDS = (
    (RELEVANCE, {"model", "text", "tokens", "relevance", "method", "options", "score"}),
    (EXPLANATION, {"model", "origin", "step", "method", "options", "score", "lags"}),
)


def or_overwrite(name: str, them: str, does: str = "replace") -> str:
    """The end of a refusal of files a save (or a command's ``--out``) would overwrite: how to
    write over them anyway, by the command line's flag where ``name`` is a flag (``--out``),
    else by the savers' argument (``", or pass overwrite=True to replace them"``); ``does``:
    what that does to them (``"overwrite or delete"`` where some may be deleted)."""
    how = "--overwrite" if name.startswith("--") else "overwrite=True"
    return f", or pass {how} to {does} {them}"


def _overwritten(folder: Path, files: tuple[str, ...] | list[str]) -> str:
    """What a save of ``files`` (and of ``config.json`` and ``model.safetensors``, which every
    save writes) does to ``folder``, which holds another kind of model: the clause that ends
    "saving ... there would", naming the files it overwrites and those it leaves behind (a
    classifier's ``vocab.json`` beside a Forecaster saved over it; a Forecaster's folder holds
    no others, and is overwritten whole)."""
    written = {CONFIG_FILE, WEIGHTS_FILE, *files}
    held = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    clause = f"overwrite that model's {and_list([n for n in held if n in written])}"
    if left := [n for n in held if n not in written]:
        shown = and_list(left) if len(left) <= 5 else ", ".join(left[:4]) + and_more(len(left), 4)
        clause += f" and leave {shown} behind"
    return clause


def _saved_by_lstmkit(config: Mapping[str, Any]) -> bool:
    """Whether ``config`` (a ``config.json`` naming no kind) was written by :func:`save_model`,
    which always writes a ``versions`` entry (lstmkit's, or the one its caller's ``config``
    holds: a second save of that config went to the same folder), and not by another program
    (a Hugging Face model's names ``transformers_version``)."""
    return "versions" in config


def _refuse_run_folder(folder: Path, inner: Path, kind: str | None, name: str) -> None:
    """Refuse saving into a folder whose model is in its ``model/`` (``inner``): a run folder
    (``lstmkit forecast --out``'s: ``run.json`` beside ``model/``), or one laid out as it is
    without ``run.json``, each named for what it holds. ``Forecaster.load`` and ``lstmkit
    predict`` read ``model/`` only while the folder itself holds no ``config.json``, so a model
    saved there would be read instead of ``model/``'s (the run's, which ``run.json``
    describes)."""
    try:
        same = load_config(inner).get("kind") == kind
    except ValueError:  # damaged: saving into it is refused too
        same = False
    advice = (
        f"Save into {str(inner)!r} to replace that model, or choose another folder."
        if same
        else "Choose another folder."
    )
    held = (
        f"is a run folder, whose model is in {str(inner)!r} (as `lstmkit forecast --out` "
        "writes it); a model saved beside it"
        if (folder / "run.json").is_file()
        else f"holds no {CONFIG_FILE} but a saved model in {str(inner)!r}; a model saved there"
    )
    raise ValueError(
        f"{name} {str(folder)!r} {held} would be loaded from {str(folder)!r} instead of that "
        f"one. {advice}"
    )


MAX_JSON_BYTES = 256 << 20
"""The most a JSON file of a saved model (``config.json``, a vocabulary) may hold: far more than
lstmkit writes (a Forecaster's config, the largest, holds its validation errors and the end of
its series: kilobytes to a few megabytes), and little enough to read (parsing takes a few times
the file's size in memory; a file of gigabytes would take the machine's)."""


def read_json(file: str | Path) -> Any:
    """The JSON value in ``file`` (UTF-8, with or without a byte-order mark); a ``ValueError``
    naming it when it is not JSON, or larger than :data:`MAX_JSON_BYTES` (refused before it is
    read)."""
    file = as_path(file, "`file`")
    size = file.stat().st_size
    if size > MAX_JSON_BYTES:
        raise ValueError(
            f"{str(file)!r} holds {size:,} bytes, more than the {MAX_JSON_BYTES >> 20} MiB a "
            "JSON file of a saved model may hold (lstmkit writes megabytes at most); it was not "
            "read."
        )
    try:
        # utf-8-sig: a byte-order mark, which Notepad adds to a file it saves, is not JSON
        return json.loads(file.read_text(encoding="utf-8-sig"))
    except RecursionError:  # "[[[[..."
        # json's C parser: one C call per level, whose limit is Python's recursion limit
        # shared with the calls on the way here (3.11) or a fixed one of its own (3.12+), so
        # no depth can be named
        raise ValueError(f"{str(file)!r} is not usable JSON (nested too deep to read).") from None
    except ValueError as err:  # not JSON, not UTF-8, an integer of more than 4300 digits
        raise ValueError(f"{str(file)!r} is not valid JSON ({err}).") from None


def model_subdir(path: Path) -> Path:
    """``path``, or its ``model/`` where only that holds a saved model (``config.json``): a run
    folder written by ``lstmkit forecast --out`` (``run.json`` beside ``model/``). The text
    commands' ``--out`` (``lstmkit text train``, ...) is the model's folder itself."""
    if not (path / CONFIG_FILE).is_file() and (path / "model" / CONFIG_FILE).is_file():
        return path / "model"
    return path


def _saved_folder_of(file: Path) -> Path | None:
    """The saved model's folder that holds ``file`` (Keras loads its one .keras file), else
    ``None``: refusals of a file given for a model's folder name that folder
    (``Forecaster.load``, the text loaders and ``lstmkit predict``/``explain`` alike). Any file
    of it, not only its config and weights: a classifier's ``vocab.json``, a run's
    ``metrics.json`` or ``training.png`` were told no folder; a run folder of ``lstmkit
    forecast --out`` (its ``model/`` holds the model) is one too, as the loaders read it."""
    if (model_subdir(file.parent) / CONFIG_FILE).is_file():
        return file.parent
    return None


def _half_saved(folder: Path) -> str:
    """Where ``folder`` holds one of a saved model's two files without the other: that it
    does and what to do (a save writes both at once, so the other was moved or deleted);
    "" otherwise (an empty folder, or another program's)."""
    present = [name for name in (CONFIG_FILE, WEIGHTS_FILE) if (folder / name).is_file()]
    if len(present) != 1:
        return ""
    missing = WEIGHTS_FILE if present == [CONFIG_FILE] else CONFIG_FILE
    return (
        f", only its {present[0]}: a saved model is both files, which save writes together; "
        f"put the {missing} saved with it back beside it, or save the model again"
    )


def _half_saved_config(folder: Path) -> str | None:
    """The refusal of ``folder`` without ``config.json`` where it, or its ``model/`` (a run
    folder of ``lstmkit forecast --out``), holds the weights alone: the folder, the half and
    what to do; ``None`` where neither does (``load`` and ``lstmkit predict DIR`` alike)."""
    for where in (folder, folder / "model"):
        if half := _half_saved(where):
            return f"no {CONFIG_FILE} in {str(where)!r}{half}."
    return None


def _models_below(folder: Path) -> str:
    """Where ``folder`` holds no saved model but its subfolders do (directly, or in their
    ``model/``: the folder above ``lstmkit forecast --out`` runs, such as a
    ``--series-col`` run's, one folder per series), the clause that names the folder to load
    (``Forecaster.load("runs")`` said "no config.json in 'runs'", and nothing of
    'runs/airline/model'); else ``""``."""
    try:
        found = sorted(
            model_subdir(sub)
            for sub in folder.iterdir()
            if sub.is_dir() and (model_subdir(sub) / CONFIG_FILE).is_file()
        )
    except OSError:
        return ""
    if not found:
        return ""
    if len(found) == 1:
        return f" (nor in its model/); it holds a saved model below it: load {str(found[0])!r}"
    return (
        f" (nor in its model/); it holds {len(found)} saved models below it: load one of "
        f"them, e.g. {str(found[0])!r}"
    )


# (folder, config) of :func:`_config_read`: the config.json a caller read already
_READ_CONFIG: contextvars.ContextVar[tuple[Path, dict[str, Any]] | None] = contextvars.ContextVar(
    "_READ_CONFIG", default=None
)


@contextlib.contextmanager
def _config_read(folder: Path, saved: dict[str, Any]) -> Iterator[None]:
    """Within it, :func:`load_config` of ``folder`` returns a copy of ``saved``, its
    ``config.json`` as the caller read it, without reading the file again: ``lstmkit explain``
    read it for its kind and the loader (``Forecaster.load``, ``SentimentPredictor.load``)
    read it a second time (a file rewritten between the two reads gave the kind of one and
    the model of the other)."""
    token = _READ_CONFIG.set((folder.absolute(), saved))
    try:
        yield
    finally:
        _READ_CONFIG.reset(token)


def load_config(path: str | Path) -> dict[str, Any]:
    """Read ``config.json`` from directory ``path`` (a ``TypeError`` for a ``path`` that is no
    ``str`` or path), or the copy :func:`_config_read` holds of it."""
    folder = as_path(path, "`path`")
    if (given := _READ_CONFIG.get()) is not None and given[0] == folder.absolute():
        return copy.deepcopy(given[1])  # as fresh as a read: a loader may change what it gets
    file = folder / CONFIG_FILE
    if folder.is_file():
        ours = _saved_folder_of(folder)
        raise FileNotFoundError(
            f"{typed_path(folder)} is a file, not the folder of a saved model ({CONFIG_FILE} and "
            f"{WEIGHTS_FILE})"
            + (f"; load the folder that holds it, {str(ours)!r}." if ours else ".")
        )
    if (url := url_folder(path, "`path`")) is not None:  # as typed, not as Path writes it
        raise FileNotFoundError(url)
    if not folder.exists():  # it read "no config.json in", as if the folder were there
        raise FileNotFoundError(
            f"model folder {typed_path(folder)} does not exist{windows_separators(folder)}."
        )
    if not file.is_file():
        raise FileNotFoundError(
            _half_saved_config(folder)
            or f"no {CONFIG_FILE} in {typed_path(folder)}{_models_below(folder)}."
        )
    saved = read_json(file)
    if not isinstance(saved, dict):
        raise ValueError(f"{str(file)!r} must hold a JSON object, got {type(saved).__name__}.")
    return saved


def load_state(path: str | Path) -> dict[str, torch.Tensor]:
    """Read the tensors of ``model.safetensors`` from directory ``path``.

    Raises:
        FileNotFoundError: if there is no such file.
        ValueError: naming the file, if it is not a readable safetensors file (truncated,
            damaged, another format).
    """
    return _read_weights(path, load_file)


def read_shapes(path: str | Path) -> dict[str, tuple[int, ...]]:
    """The name and shape of every tensor in ``model.safetensors`` of directory ``path``, read
    from the file's header alone (no tensor is loaded), to check a model against the file
    before the model is built (see :func:`state_differences`, which takes them).

    Raises:
        FileNotFoundError: if there is no such file.
        ValueError: naming the file, if it is not a readable safetensors file.
    """

    def header(file: str) -> dict[str, tuple[int, ...]]:
        with safe_open(file, framework="pt") as f:
            return {k: tuple(f.get_slice(k).get_shape()) for k in f.keys()}

    return _read_weights(path, header)


def _read_weights(path: str | Path, read: Callable[[str], T]) -> T:
    """``read(file)`` of ``model.safetensors`` in directory ``path``: a missing file is a
    ``FileNotFoundError``, one ``read`` cannot take a ``ValueError`` naming it."""
    file = as_path(path, "`path`") / WEIGHTS_FILE
    if not file.is_file():
        raise FileNotFoundError(
            f"no {WEIGHTS_FILE} in {str(file.parent)!r}{_half_saved(file.parent)}."
        )
    try:
        return read(str(file))
    except (SafetensorError, OSError, RuntimeError, MemoryError) as err:
        if not _out_of_memory(err):
            raise ValueError(f"{str(file)!r} is not a readable safetensors file ({err}).") from None
        # the file is mapped whole: more than a limit (ulimit -v) allows
        raise ValueError(
            f"{str(file)!r} ({file.stat().st_size:,} bytes) cannot be mapped into memory here "
            f"({err})."
        ) from None


def _out_of_memory(err: BaseException) -> bool:
    """Whether ``err`` is a failed mapping of the file: a ``MemoryError`` from recent safetensors
    (0.8), an ``OSError`` reading "Cannot allocate memory (os error 12)" (Rust's ENOMEM, with no
    ``errno`` set) from safetensors 0.4."""
    return isinstance(err, MemoryError) or (
        isinstance(err, OSError)
        and (err.errno == errno.ENOMEM or f"(os error {errno.ENOMEM})" in str(err))
    )


# In-place draws that PyTorch computes on the meta device through its Python decompositions:
# the first of them imports torch._dynamo, 2 to 3 s (an embedding's normal_ init, on every
# load of a text model). Meta tensors hold no values, so there is nothing to draw or fill.
_DECOMPOSED_DRAWS = frozenset(
    {
        torch.Tensor.normal_,
        torch.Tensor.exponential_,
        torch.Tensor.log_normal_,
        torch.Tensor.cauchy_,
        torch.Tensor.geometric_,
    }
)


# Every in-place draw of a tensor: a module built to be loaded into skips them all (below).
_DRAWS = _DECOMPOSED_DRAWS | {
    torch.Tensor.uniform_,
    torch.Tensor.random_,
    torch.Tensor.bernoulli_,
}


# The factories a module's ``__init__`` makes its parameters and buffers with.
_FACTORIES = frozenset({torch.empty, torch.zeros, torch.ones})

# The most bytes and values torch counts in one tensor (its sizes are int64).
_MAX_INT64 = 2**63 - 1


def _requested_shape(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[int, ...] | None:
    """The shape a factory call (``torch.empty(4, 3)``, ``torch.empty((4, 3))``,
    ``torch.zeros(size=[4, 3])``) asks for, or None where it is not plain ints."""
    size = kwargs.get("size", args[0] if len(args) == 1 else args)
    if isinstance(size, int):
        size = (size,)
    if not isinstance(size, (tuple, list)) or not all(
        isinstance(n, int) and not isinstance(n, bool) for n in size
    ):
        return None
    return tuple(size)


class _ShapesOnly(torch.overrides.TorchFunctionMode):
    """Skips, on meta tensors, :data:`_DECOMPOSED_DRAWS` and the initializers of
    ``torch.nn.init`` (which call them), all in place: the tensors keep their shapes.
    With ``everywhere``, on every tensor, and every in-place draw (:data:`_DRAWS`).

    Without ``everywhere`` (a build on the meta device), a factory call
    (:data:`_FACTORIES`) whose bytes pass 2**63-1 gives a meta tensor of that shape that
    holds one value (expanded), as torch could not give one ("Storage size calculation
    overflowed"): its shape is compared with the file's, and the error names the tensor that
    does not fit, as for any other size. A shape of more than 2**63-1 values, which no tensor
    can have, is refused naming it (``RuntimeError``)."""

    def __init__(self, everywhere: bool = False) -> None:
        super().__init__()
        self.everywhere = everywhere

    def __torch_function__(
        self, func: Any, types: Any, args: tuple[Any, ...] = (), kwargs: Any = None
    ) -> Any:
        kwargs = kwargs or {}
        fills = func in (_DRAWS if self.everywhere else _DECOMPOSED_DRAWS) or (
            # the in-place ones: normal_, xavier_uniform_
            getattr(func, "__module__", "") == "torch.nn.init" and func.__name__.endswith("_")
        )
        tensor = args[0] if args else kwargs.get("tensor")  # torch.nn.init passes it by name
        if fills and isinstance(tensor, torch.Tensor) and (self.everywhere or tensor.is_meta):
            return tensor
        if not self.everywhere and func in _FACTORIES:
            return self._huge(func, args, kwargs)
        return func(*args, **kwargs)

    @staticmethod
    def _huge(func: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """``func(*args, **kwargs)``, or its expanded stand-in where its bytes overflow."""
        shape = _requested_shape(args, kwargs)
        if shape is None or any(n < 0 for n in shape):  # torch words those
            return func(*args, **kwargs)
        values = int(np.prod(shape, dtype=object)) if shape else 1
        dtype = kwargs.get("dtype") or torch.get_default_dtype()
        if values * dtype.itemsize <= _MAX_INT64:
            return func(*args, **kwargs)
        if values > _MAX_INT64:
            raise RuntimeError(
                f"a tensor of shape {shape} would hold {values:.3g} values, more than torch "
                "counts in one tensor (2**63-1)"
            )
        rest = {k: v for k, v in kwargs.items() if k != "size"}
        one = func((), **rest)
        return one.expand(shape) if one.is_meta else func(*args, **kwargs)


def build_on_meta(path: str | Path, what: str, build: Callable[[], T]) -> T:
    """``build()`` on the ``meta`` device (shapes without memory), to be checked against
    :func:`read_shapes` before the real module is built. A tensor whose bytes pass 2**63-1
    is built too (one value, expanded to its shape: :class:`_ShapesOnly`), so that the check
    names it as it names any tensor that does not fit; it told torch's "Storage size
    calculation overflowed".

    Raises:
        ValueError: naming ``path``'s ``config.json`` when its sizes make a tensor of more
            values than torch counts (2**63-1), as a ``what`` (``"Forecaster"``) it describes.
    """
    try:
        with torch.device("meta"), _ShapesOnly():
            return build()
    except RuntimeError as err:
        raise ValueError(
            f"{str(Path(path) / CONFIG_FILE)!r} does not describe a usable {what}: its sizes "
            f"make tensors too large to hold ({err})."
        ) from None


def build_undrawn(build: Callable[[], T]) -> T:
    """``build()`` with its tensors left as allocated (``torch.empty``): the initializers of
    ``torch.nn.init`` and the in-place draws are skipped, for a module whose every tensor is
    loaded next (a saved model; :func:`check_state` makes sure it is).

    Building it drew its initial weights from torch's global generator, to be overwritten: a
    load changed the numbers a script drew after it, and in a service, the draws of a
    training that runs in another thread at the same time.
    """
    with _ShapesOnly(everywhere=True):
        return build()


def _shape(value: torch.Tensor | tuple[int, ...]) -> tuple[int, ...]:
    return tuple(value.shape) if isinstance(value, torch.Tensor) else tuple(value)


def state_differences(
    module: nn.Module, state: Mapping[str, torch.Tensor | tuple[int, ...]]
) -> tuple[list[str], list[str], list[str]]:
    """How ``state`` fails to fit ``module``: the keys of ``module.state_dict()`` it lacks, the
    keys it has beyond them, and the shared keys whose shapes differ (each sorted; all empty
    when it fits). ``state`` holds tensors or their shapes (:func:`read_shapes`); ``module``
    may live on the ``meta`` device, built without memory to be checked."""
    own = module.state_dict()
    missing = sorted(set(own) - set(state))
    unexpected = sorted(set(state) - set(own))
    shapes = sorted(k for k in set(own) & set(state) if own[k].shape != _shape(state[k]))
    return missing, unexpected, shapes


_FLOATS = (torch.float16, torch.bfloat16, torch.float32, torch.float64)
"""The floating-point dtypes a model computes in: a float8 one is a storage format (torch
computes little in it: ``isfinite`` is not implemented for ``float8_e4m3fn``)."""


def value_problems(module: nn.Module, state: Mapping[str, torch.Tensor]) -> list[str]:
    """What ``state``'s tensors hold that ``module`` cannot take as it is: another dtype than
    float16, bfloat16, float32 or float64 where ``module`` has floating-point tensors (integers
    or booleans, which ``load_state_dict`` would silently turn into numbers the model was never
    trained with; complex numbers; float8, which the model cannot compute in), another dtype
    where it has integers, and NaN or infinite values, which make every output NaN. One message
    per kind of problem, naming the tensors with their dtype and the dtypes expected; empty
    when there is none."""
    own = module.state_dict()
    shared = sorted(set(own) & set(state))
    wrong: dict[str, list[str]] = {}  # the dtypes the model takes -> the tensors of others
    for k in shared:
        takes = _FLOATS if own[k].is_floating_point() else (own[k].dtype,)
        if state[k].dtype not in takes:
            names = [str(dtype).removeprefix("torch.") for dtype in takes]
            wrong.setdefault(and_list(names, "or"), []).append(
                f"{k} ({str(state[k].dtype).removeprefix('torch.')})"
            )
    finite = [
        k for k in shared if state[k].dtype in _FLOATS and not bool(torch.isfinite(state[k]).all())
    ]
    problems = [
        f"tensors of another dtype than the model's: {', '.join(names)}, where it takes {expected}"
        for expected, names in wrong.items()
    ]
    if finite:
        problems.append(f"NaN or infinite values in {', '.join(finite)}")
    return problems


def _key_problems(
    module: nn.Module, state: Mapping[str, torch.Tensor | tuple[int, ...]], held: str
) -> list[str]:
    """``state``'s missing, unexpected and mis-shaped keys for ``module`` (one message per
    kind; empty when they fit), each with its shape in the module and in ``held``, where
    ``state`` came from ("the file"): "missing keys: ['weight_hr_l0']" told no shape, and
    "expected (16, 2), got (16, 4)" not whose was which."""
    own = module.state_dict()
    missing, unexpected, mismatched = state_differences(module, state)
    problems = []
    if missing:
        held_by = ", ".join(f"{k} {tuple(own[k].shape)}" for k in missing)
        problems.append(f"missing keys (the module's, not in {held}): {held_by}")
    if unexpected:
        held_by = ", ".join(f"{k} {_shape(state[k])}" for k in unexpected)
        problems.append(f"unexpected keys (in {held}, not the module's): {held_by}")
    if mismatched:
        differ = ", ".join(
            f"{k} is {tuple(own[k].shape)} in the module and {_shape(state[k])} in {held}"
            for k in mismatched
        )
        problems.append(f"shape mismatches: {differ}")
    return problems


def check_state(module: nn.Module, state: Mapping[str, torch.Tensor | tuple[int, ...]]) -> None:
    """Raise one ``RuntimeError`` listing all missing, unexpected and mis-shaped keys, each
    with its shape in the module and in the state, and the tensors of the wrong dtype or with
    NaN or infinite values (:func:`value_problems`). ``state`` may hold shapes instead of
    tensors (:func:`read_shapes`), to check a module built on the ``meta`` device before the
    real one is built."""
    problems = _key_problems(module, state, "the state")
    if all(isinstance(v, torch.Tensor) for v in state.values()):  # not shapes alone
        problems += value_problems(module, state)
    if problems:
        raise RuntimeError(
            f"cannot load state into {type(module).__name__}: {'; '.join(problems)}."
        )


def load_model(module: nn.Module, path: str | Path) -> dict[str, Any]:
    """Load the weights in directory ``path`` into ``module`` and return its config dict.
    ``path`` may be a run folder (``lstmkit forecast --out``'s): its ``model/`` is read, as
    ``Forecaster.load`` and the text loaders read it (:func:`model_subdir`).

    Raises:
        FileNotFoundError: if either file is missing (in ``path`` and in its ``model/``).
        ValueError: if ``config.json`` is not JSON or holds no JSON object, or
            ``model.safetensors`` is not a readable safetensors file (see :func:`load_config`
            and :func:`load_state`).
        RuntimeError: naming the file and listing every missing, unexpected or mis-shaped key
            at once, each with its shape in the module and in the file, read from the file's
            header before any tensor is (a file of huge tensors was read whole, into memory,
            to be refused); and the tensors of another dtype or with NaN or infinite values.
    """
    folder = model_subdir(as_path(path, "`path`"))
    config = load_config(folder)
    # the header alone first: a file of huge tensors was read whole, into memory, to be refused
    problems = _key_problems(module, read_shapes(folder), "the file")
    if not problems:
        state = load_state(folder)
        problems = value_problems(module, state)  # the keys and shapes fit: what they hold
    if problems:
        raise RuntimeError(
            f"cannot load {str(folder / WEIGHTS_FILE)!r} into {type(module).__name__}: "
            f"{'; '.join(problems)}."
        )
    module.load_state_dict(state)
    return config

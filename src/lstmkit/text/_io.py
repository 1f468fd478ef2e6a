"""Saving and loading text models: a kind-checked layer over :mod:`lstmkit.io`.

Each text model is a folder with ``model.safetensors`` + ``config.json`` (no pickle); the config
carries a ``kind`` (``"classifier"``, ``"charlm"``, ``"seq2seq"``) checked at load time. Every
problem of a damaged folder (missing, unreadable or mismatched files) is a ``FileNotFoundError``
or ``ValueError`` naming the file, never a traceback from deep inside torch or safetensors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import torch

from lstmkit import io
from lstmkit._checks import as_bool, typed_path, typed_repr, url_folder
from lstmkit._remedies import windows_separators

M = TypeVar("M")

_ENTRIES = {
    "classifier": ("model", "labels", "train"),
    "charlm": ("model", "chars", "train", "metrics"),
    "seq2seq": ("model", "train", "metrics"),
}
"""The top-level entries of each kind's ``config.json`` besides ``kind`` and ``versions`` (what
its saver writes): another one, of a newer lstmkit, is refused
(:func:`lstmkit.io.check_entries`)."""


def check_out_dir(
    out_dir: str | Path,
    kind: str,
    name: str = "`out_dir`",
    files: tuple[str, ...] = (),
    *,
    overwrite: bool = False,
) -> Path:
    """Refuses a folder a ``kind`` model cannot be saved into without leaving stale files or
    overwriting another program's, by the rule every saver shares
    (:func:`lstmkit.io.check_save_dir`).

    That is an existing file, a path through a file, or a folder that already holds a saved
    model of another kind (its ``config.json`` names another ``kind``): that model's files would
    be overwritten, and those of other names (a classifier's ``vocab.json`` and
    ``metrics.json``) would stay next to the new ones; the message names which.
    A folder holding a model of the same kind is overwritten (the same files are rewritten);
    one holding no ``config.json`` but files of the names in ``files`` is refused naming them
    (they are no saved model's, and would be overwritten);
    one whose ``config.json`` is no saved model's (not JSON, no JSON object, or naming no
    kind) is refused too, and so is a run folder whose model is in its ``model/``
    (``lstmkit forecast --out``'s), where a model saved beside it would be loaded instead.

    Args:
        out_dir: The folder to save into.
        kind: The kind of model to be saved.
        name: How messages name the folder (the CLI passes ``"--out"``).
        files: The names of the files to be written, refused where they exist as folders, or
            as files in a folder without ``config.json``
            (see :func:`lstmkit.io.check_out_dir`, which also refuses an empty name, a broken
            link and a folder nothing can be created in).
        overwrite: Save over another kind of model, a foreign ``config.json`` or files
            without ``config.json`` instead of refusing them.

    Returns:
        The folder as a ``Path``.

    Raises:
        ValueError: For each case above.
    """
    return io.check_save_dir(out_dir, kind, name, files, overwrite=overwrite)


def save_model(
    out_dir: str | Path,
    model: torch.nn.Module,
    config: dict[str, Any],
    kind: str,
    files: dict[str, str | bytes] | None = None,
    *,
    overwrite: bool = False,
) -> Path:
    """Writes the model's weights, its JSON config (tagged with ``kind``) and ``files`` (name ->
    text or bytes: a vocabulary, metrics) into ``out_dir``, all or none (see
    :func:`lstmkit.io.save_model`).

    Returns:
        The folder.

    Raises:
        ValueError: When ``out_dir`` is refused by :func:`check_out_dir`; nothing is written.
    """
    overwrite = as_bool(overwrite, "overwrite")
    names = (io.WEIGHTS_FILE, io.CONFIG_FILE, *(files or {}))
    folder = check_out_dir(out_dir, kind, files=names, overwrite=overwrite)
    io.save_model(model, folder, {"kind": kind, **config}, files, overwrite=overwrite)
    return folder


def model_folder(model_dir: str | Path) -> Path:
    """The folder a loader reads: ``model_dir``, or its ``model/`` where only that holds a saved
    model (a folder laid out as ``lstmkit forecast --out`` writes one), as ``Forecaster.load``,
    :func:`lstmkit.io.load_model` and the commands read it (:func:`lstmkit.io.model_subdir`).

    Raises:
        TypeError: for a ``model_dir`` that is no ``str`` or ``Path``.
    """
    return io.model_subdir(io.as_path(model_dir, "`model_dir`"))


def read_config(
    model_dir: str | Path, kind: str, extra_files: Iterable[str] = ()
) -> dict[str, Any]:
    """Reads ``config.json`` from a folder written by :func:`save_model` and checks its kind.

    Args:
        model_dir: The folder, as :func:`model_folder` gives it: the one place of the rule
            that reads a folder's ``model/`` (every loader resolves it first, then reads that
            folder's files).
        kind: The expected kind.
        extra_files: Other files the model needs (e.g. ``vocab.json``), checked with the two
            standard ones so that every missing file is listed at once.

    Raises:
        FileNotFoundError: When the folder or one of its files is missing.
        ValueError: When the folder holds another kind of model, or its config is not JSON.
    """
    folder = io.as_path(model_dir, "`model_dir`")
    if (url := url_folder(model_dir, "`model_dir`")) is not None:  # as typed
        raise FileNotFoundError(url)
    if not folder.exists():
        raise FileNotFoundError(
            f"model folder {typed_path(folder)} does not exist{windows_separators(folder)}."
        )
    if not folder.is_dir():
        ours = io._saved_folder_of(folder)  # its own config.json: told its folder, as load is
        raise FileNotFoundError(
            f"{typed_path(folder)} is a file, not a saved model's folder"
            + (f"; load the folder that holds it, {str(ours)!r}." if ours else ".")
        )

    def check_files(names: Iterable[str]) -> None:
        missing = [n for n in names if not (folder / n).is_file()]
        if missing:
            raise FileNotFoundError(
                f"{typed_path(folder)} is not a saved lstmkit {kind} model: missing "
                f"{', '.join(missing)}."
            )

    extra_files = tuple(extra_files)
    standard = (io.CONFIG_FILE, io.WEIGHTS_FILE)
    if not all((folder / n).is_file() for n in standard):
        # the loader's own files listed too: an empty folder was said to miss config.json,
        # model.safetensors, and once they were copied in, vocab.json
        check_files((*standard, *extra_files))
    config = io.load_config(folder)
    other = config.get("kind")
    if other != kind:
        # a text model's was named by its kind alone ("holds a sequence-to-sequence model
        # (kind 'seq2seq'), not a character language model", with no word of `text spell`)
        raise ValueError(io.not_of_kind(folder, config, kind))
    io.check_entries(config, _ENTRIES[kind], folder / io.CONFIG_FILE)
    check_files(extra_files)
    return config


def build(
    model_dir: str | Path,
    what: str,
    factory: Callable[[], M],
    config: dict[str, Any] | None = None,
) -> M:
    """``factory()``, with a broken or incomplete config turned into one ``ValueError``.

    ``factory`` builds something (the module, its alphabet) from the saved ``config``; a
    missing key, a wrong type or an out-of-range value there means the config does not
    describe a usable model, and the message says so naming ``config.json`` (and the newer
    lstmkit that saved it, whose entries this one may not know: :func:`lstmkit.io.newer_save`).
    """
    try:
        return factory()
    except KeyError as err:
        problem = f"it lacks the entry {err}"
    except (TypeError, ValueError) as err:
        problem = str(err).rstrip(".")
        # a constructor called with the saved sizes: "X.__init__() missing 1 required
        # positional argument: 'hidden_size'" names an entry the config lacks
        absent = re.search(r"__init__\(\) missing \d+ required .*?arguments?: (.*)", problem)
        if isinstance(err, TypeError) and absent:
            problem = f"its entry 'model' lacks {absent.group(1)}"
    file = io.as_path(model_dir, "`model_dir`") / io.CONFIG_FILE
    raise ValueError(
        f"{str(file)!r} does not describe a usable {what}: {problem}{io.newer_save(config or {})}."
    )


_COUNTS = ("num_layers", "members")
"""Entries of a config's ``model`` that count modules: each brings tensors of its own."""


def build_model(
    model_dir: str | Path, what: str, config: dict[str, Any], factory: Callable[[], M]
) -> M:
    """``factory()`` (the module, or a tuple that starts with it), once the config is known to
    describe the tensors of ``model.safetensors``.

    The module is first built on the ``meta`` device (shapes without memory) and checked
    against the file's header, so a ``config.json`` that names absurd sizes (a
    ``hidden_size`` of ``10**9``) is refused before terabytes are allocated, and one that
    names more layers (``num_layers``) or ensemble members (``members``) than the file has
    tensors before a million modules are built.

    Raises:
        ValueError: naming ``config.json`` (see :func:`build`) or ``model.safetensors`` (a
            file that is not safetensors, or tensors that do not fit the model described).
    """
    folder = io.as_path(model_dir, "`model_dir`")
    shapes = io.read_shapes(folder)
    file = str(folder / io.CONFIG_FILE)
    entries = config.get("model", {})
    if not isinstance(entries, dict):
        raise ValueError(
            f"{file!r} does not describe a usable {what}: its entry 'model' must be a JSON "
            f"object of the model's sizes, got {typed_repr(entries)}."
        )
    for name in _COUNTS:
        count = entries.get(name)
        if isinstance(count, int) and not isinstance(count, bool) and count > len(shapes):
            raise ValueError(
                f"{file!r} does not describe a usable {what}: model.{name} is {count}, but "
                f"{str(folder / io.WEIGHTS_FILE)!r} holds only {len(shapes)} tensors."
            )
    trial = io.build_on_meta(folder, what, lambda: build(model_dir, what, factory, config))
    module = trial[0] if isinstance(trial, tuple) else trial
    _check_fit(folder, module, shapes, entries)
    return io.build_undrawn(factory)  # the caller loads every tensor (load_state)


def _check_fit(
    folder: Path,
    module: torch.nn.Module,
    state: dict[str, torch.Tensor] | dict[str, tuple],
    entries: dict[str, Any] | None = None,
) -> None:
    """A ``ValueError`` naming both files when ``state`` (tensors or shapes) does not fit:
    every missing, unexpected and mis-shaped tensor with its shapes, in the words of
    :func:`lstmkit.io.load_model` ("shape mismatches: head.weight is (2, 12) in the module and
    (2, 8) in the file"; a count and one example, "the config gives ..., the file holds ...",
    was a third wording).

    With the config's ``model`` ``entries``, the message also names the module's arguments
    they lack, which took their defaults (the likely cause of the misfit).
    """
    if problems := io._key_problems(module, state, "the file"):
        problem = "; ".join(problems)
        own = module.config() if entries is not None and hasattr(module, "config") else {}
        absent = [
            f"{name} (default {value!r})" for name, value in own.items() if name not in entries
        ]
        if absent:
            problem += (
                f"; its entry 'model' lacks {', '.join(absent)}, so the default was used"
                if len(absent) == 1
                else f"; its entry 'model' lacks {', '.join(absent)}, so the defaults were used"
            )
        raise ValueError(
            f"{str(folder / io.WEIGHTS_FILE)!r} does not fit the model described by "
            f"{str(folder / io.CONFIG_FILE)!r}: {problem}."
        )


def load_state(model_dir: str | Path, model: torch.nn.Module) -> torch.nn.Module:
    """Loads the weights into ``model``, in the floating dtype they were saved in.

    A model saved in float64 (or bfloat16, ...) comes back in that dtype: ``load_state_dict``
    alone would round its weights to the new model's float32, and its predictions with them.

    Raises:
        ValueError: When ``model.safetensors`` is not a readable safetensors file, or its
            tensors do not fit the model ``config.json`` describes (missing, unexpected or
            mis-shaped: each named with its shapes, as :func:`lstmkit.io.load_model` names
            them), or hold integers, booleans, complex numbers or float8 (any dtype but
            float16, bfloat16, float32 and float64), NaN or infinite values
            (:func:`lstmkit.io.value_problems`).
    """
    folder = io.as_path(model_dir, "`model_dir`")
    state = io.load_state(folder)
    _check_fit(folder, model, state)
    problems = io.value_problems(model, state)
    if problems:
        raise ValueError(
            f"{str(folder / io.WEIGHTS_FILE)!r} is no usable set of weights: {'; '.join(problems)}."
        )
    dtypes = {t.dtype for t in state.values() if t.is_floating_point()}
    if len(dtypes) == 1:
        model.to(dtypes.pop())
    model.load_state_dict(state)
    return model

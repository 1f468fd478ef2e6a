"""Saving and loading text models: a kind-checked layer over :mod:`lstmkit.io`.

Each text model is a folder with ``model.safetensors`` + ``config.json`` (no pickle); the config
carries a ``kind`` (``"classifier"``, ``"charlm"``, ``"seq2seq"``) checked at load time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

from lstmkit import io


def save_model(
    out_dir: str | Path, model: torch.nn.Module, config: dict[str, Any], kind: str
) -> Path:
    """Writes the model's weights and its JSON config (tagged with ``kind``) into ``out_dir``.

    Returns:
        The folder.
    """
    io.save_model(model, out_dir, {"kind": kind, **config})
    return Path(out_dir)


def read_config(model_dir: str | Path, kind: str) -> dict[str, Any]:
    """Reads ``config.json`` from a folder written by :func:`save_model` and checks its kind.

    Raises:
        FileNotFoundError: When the folder or one of its files is missing.
        ValueError: When the folder holds another kind of model.
    """
    folder = Path(model_dir)
    missing = [n for n in (io.CONFIG_FILE, io.WEIGHTS_FILE) if not (folder / n).is_file()]
    if missing:
        raise FileNotFoundError(
            f"`{folder}` is not a saved lstmkit text model: missing {', '.join(missing)}."
        )
    config = io.load_config(folder)
    if config.get("kind") != kind:
        raise ValueError(
            f"`{folder}` holds a model of kind {config.get('kind')!r}, expected {kind!r}."
        )
    return config


def load_state(model_dir: str | Path, model: torch.nn.Module) -> torch.nn.Module:
    """Loads the weights into ``model``; every missing, unexpected or mis-shaped key at once."""
    io.load_model(model, model_dir)
    return model

"""Packages whose public names load on first use (PEP 562): ``import lstmkit`` and ``import
lstmkit.text`` import neither torch nor pandas; a name or submodule loads when it is first read."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any


def lazy_attributes(
    package: str, names: dict[str, str], submodules: Iterable[str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of ``package``: each of ``names`` (name
    -> module that defines it) and ``submodules`` is imported when first read; ``namespace`` is
    the package's ``globals()``."""
    submodules = tuple(submodules)

    def __getattr__(name: str) -> Any:
        if name in names:
            return getattr(importlib.import_module(names[name]), name)
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*namespace, *names, *submodules})

    return __getattr__, __dir__

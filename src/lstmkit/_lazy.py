"""Module attributes as a user sees them: packages whose public names load on first use (PEP
562: ``import lstmkit`` and ``import lstmkit.text`` import neither torch nor pandas; a name or
submodule loads when it is first read), and every public module's ``dir()``, its API only."""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing's, not imported: see lstmkit/__init__.py
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any


def public_dir(
    namespace: dict[str, Any], submodules: Iterable[str] = ()
) -> Callable[[], list[str]]:
    """The module-level ``__dir__`` of the module whose ``globals()`` is ``namespace``: its
    ``__all__``, its ``submodules`` (a package's, for ``lstmkit.nn.<Tab>``) and the dunders
    every module has. ``dir(lstmkit.explain.gates)`` listed ``np``, ``pd``, ``torch`` and the
    helpers it imports beside its API, and a REPL's or an editor's completion offered them."""
    submodules = tuple(submodules)

    def __dir__() -> list[str]:
        dunders = (name for name in namespace if name.startswith("__") and name.endswith("__"))
        return sorted({*namespace["__all__"], *submodules, *dunders})

    return __dir__


def lazy_attributes(
    package: str, names: dict[str, str], submodules: Iterable[str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module-level ``__getattr__`` and ``__dir__`` of ``package``: each of ``names`` (name
    -> module that defines it) and ``submodules`` is imported when first read; ``namespace`` is
    the package's ``globals()``, whose ``__all__`` (with ``submodules``) ``dir()`` lists."""
    submodules = tuple(submodules)

    def __getattr__(name: str) -> Any:
        if name in names:
            return getattr(importlib.import_module(names[name]), name)
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__, public_dir(namespace, submodules)

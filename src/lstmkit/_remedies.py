"""Remedies in error messages said as the caller acts on them: Python arguments, or flags."""

from __future__ import annotations

from contextvars import ContextVar

# The command the command line runs (lstmkit.cli: "forecast", "predict", ...), None for a Python
# caller: its user acts on flags, so a remedy the library gives as a Python argument with the
# flag beside it ("pass thousands=',' (CLI: --thousands ,)") is said with the flag alone (see
# :func:`remedy`), and one flag only of the command that has it (``--series-col``: forecast).
cli_command: ContextVar[str | None] = ContextVar("lstmkit_cli_command", default=None)


def said_to_caller(python: str, cli: str) -> str:
    """``python``, a remedy as a Python caller takes it, or ``cli`` on the command line."""
    return python if cli_command.get() is None else cli


def remedy(arguments: str, flags: str) -> str:
    """Python ``arguments`` with the ``flags`` that give them on the command line beside them
    (``"thousands=',' (CLI: --thousands ,)"``), or the flags alone on the command line."""
    return said_to_caller(f"{arguments} (CLI: {flags})", flags)


def each_series() -> bool:
    """Whether the command running reads every series of a long-format file (``lstmkit forecast
    --series-col``)."""
    return cli_command.get() == "forecast"

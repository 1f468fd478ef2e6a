"""revio38: the stdout wrapper's write called the stream itself (the hot path), the long-name
check for the input flags too, and a --where condition written with spaces or a colon."""

import sys

from lstmkit.cli import _ToldStdout


def _python_calls(call) -> list[str]:
    """The Python functions that ``call()`` runs, in the order they start."""
    seen: list[str] = []

    def profile(frame, event, arg) -> None:
        if event == "call":
            seen.append(frame.f_code.co_name)

    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return seen


class _Stream:
    """A stream whose write is not Python code (list.append), so that only the wrapper's own
    Python calls are counted."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.write = self.written.append


def test_the_wrapped_stdouts_write_is_one_python_call() -> None:
    # every print of a command's run goes through it: through _told's getattr and *args,
    # 100,000 prints took 4.6x a bare print's time where the wrapper before it took 2.3x
    stream = _Stream()
    told = _ToldStdout(stream)
    assert _python_calls(lambda: told.write("x")) == ["<lambda>", "write"]
    assert stream.written == ["x"]

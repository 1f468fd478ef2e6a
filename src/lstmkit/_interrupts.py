"""Ctrl-C and SIGTERM during training: the loop stops at the end of a step and keeps its work;
during a long native call (:func:`_interruptible`): at once.

Torch-free, so that the command line can install its SIGTERM handler before it loads torch.
"""

from __future__ import annotations

import atexit
import contextvars
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

_T = TypeVar("_T")

logger = logging.getLogger("lstmkit.train")


class TrainingInterrupted(KeyboardInterrupt):
    """A text trainer stopped by Ctrl-C (or, on the command line, SIGTERM), with what it had.

    The first Ctrl-C during :func:`~lstmkit.text.train_charlm`, :func:`~lstmkit.text.train_numbers`,
    :func:`~lstmkit.text.train_sentiment` or :func:`~lstmkit.text.train_classifier` lets the
    step that runs end, then the trainer finishes as if its budget had run out there (the
    last check, the best checkpoint kept, the measurements) and raises this with that
    result. A second Ctrl-C stops at once with a plain ``KeyboardInterrupt``, keeping nothing,
    as does a first one before the first step (in the set-up, which trains nothing).

    A ``KeyboardInterrupt``, so Ctrl-C still stops a script or a loop over settings as it
    always does; catch it to keep the model::

        try:
            result = train_charlm(text, config)
        except TrainingInterrupted as stop:
            result = stop.result  # result.metrics["interrupted"] == {"signal": "SIGINT", ...}

    Attributes:
        result: What the trainer returns, for the model trained so far; its
            ``metrics["interrupted"]`` is ``{"signal": "SIGINT" | "SIGTERM", "step": step}``
            (``None`` in a run that was not interrupted).
        signal: ``"SIGINT"`` (Ctrl-C) or ``"SIGTERM"``.
        step: The last step trained (of the member trained then, in an ensemble).
    """

    def __init__(self, result: Any, signal: str, step: int) -> None:
        # uncaught (a notebook cell's `result = train_charlm(...)`), the exception is reachable
        # only as sys.last_value, which the message did not say
        super().__init__(
            f"training interrupted ({signal}) after step {step}; the model so far is in "
            "`.result` (uncaught, as in a notebook cell: `sys.last_value.result`)"
        )
        self.result, self.signal, self.step = result, signal, step

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with the arguments it is made from: ``pickle`` remakes an exception from its
        ``args``, the message alone, which ``__init__`` refused ("missing 2 required
        positional arguments"), so it could not cross a process (multiprocessing, pytest-xdist).
        """
        return type(self), (self.result, self.signal, self.step), self.__dict__


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command line asked for it (:func:`_raise_terminated`)."""


def _raise_terminated(signum: int, frame: object) -> None:
    """The command line's SIGTERM handler: stop as Ctrl-C stops, and a trainer's loop at the end
    of its step (see :func:`_stop_requests`), where a job scheduler's SIGTERM killed the
    process at once, saving nothing."""
    raise _Terminated


class _StopRequest:
    """Which signal asked the training loop to stop after its step (``None``: none yet)."""

    signal: str | None = None

    def __bool__(self) -> bool:
        return self.signal is not None


@contextmanager
def _stop_requests(kept: str = "the best model so far") -> Iterator[_StopRequest]:
    """Turns the first Ctrl-C during the block into a request to stop after the running step.

    ``kept`` is what the warning says the stop keeps: a trainer that chooses no best check
    (:func:`lstmkit.text.seq2seq.train_numbers`) keeps ``"the model so far"``.

    The loop reads the request between steps, so no step is left half-made (an interrupt in
    ``optimizer.step`` would leave some parameters updated and others not). A second signal
    raises at once, as a Ctrl-C always does. Only handlers that raise an interrupt are taken
    over: Python's own for SIGINT, the command line's for SIGTERM (:func:`_raise_terminated`);
    a handler of the caller's, and every signal outside the main thread, are left alone.
    """
    request = _StopRequest()
    taken: dict[int, Any] = {}

    def stop_after_step(signum: int, frame: object) -> None:
        if request:  # the second: stop now, as the handler replaced would
            taken[signum](signum, frame)
        request.signal = signal.Signals(signum).name
        how = "Ctrl-C" if signum == signal.SIGINT else request.signal
        logger.warning(  # the same signal again, as a scheduler's second SIGTERM would come
            "%s: training stops at the end of this step and keeps %s; "
            "%s again stops at once, keeping nothing",
            how,
            kept,
            how,
        )

    if threading.current_thread() is threading.main_thread():
        for signum, raising in (
            (signal.SIGINT, signal.default_int_handler),
            (signal.SIGTERM, _raise_terminated),
        ):
            if signal.getsignal(signum) is raising:
                taken[signum] = raising
                signal.signal(signum, stop_after_step)
    try:
        yield request
    finally:
        for signum, handler in taken.items():
            signal.signal(signum, handler)


def _returned(result: Any) -> Any:
    """``result``, or :class:`TrainingInterrupted` with it if its
    ``metrics["interrupted"]`` says that a signal stopped the training; a plain interrupt if
    it stopped before the first step (an untrained model is no work to keep)."""
    stopped = result.metrics["interrupted"]
    if stopped and stopped["step"] == 0 and stopped.get("member", 1) == 1:
        raise (_Terminated if stopped["signal"] == "SIGTERM" else KeyboardInterrupt)(
            f"training interrupted ({stopped['signal']}) before its first step: nothing to keep"
        )
    if stopped:
        raise TrainingInterrupted(result, stopped["signal"], stopped["step"])
    return result


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """During the block, SIGTERM raises :class:`_Terminated` (a ``KeyboardInterrupt``) where it
    ended the process without a word, in the main thread and only over the default action."""
    main = threading.current_thread() is threading.main_thread()
    if not main or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Ctrl-C blocked in this thread during the block (pending, delivered on leaving), where
    signal masks exist: a process started meanwhile inherits the mask (a worker of
    :mod:`lstmkit._pool` while it starts up). Other threads of this process still take the
    signal, so it does not hold Ctrl-C back from the main thread's work."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


# How often the main thread wakes while :func:`_interruptible` waits: a signal that another
# thread took (the kernel hands a process's signal to any thread) is handled by then.
_POLL_S = 0.1

# One event per call of :func:`_interruptible` that a signal stopped waiting for, set once
# the call has returned in its thread (see :func:`_work_left_running`).
_abandoned: list[threading.Event] = []

# Their threads, which :func:`_end_without_shutdown` joins: one still alive at the process's
# exit, its call returned, aborted it ("terminate called without an active exception", exit
# code 134 in 4 of 8 runs; kept waiting in the thread, as often).
_left_threads: list[threading.Thread] = []

# The frame that called :func:`_interruptible`, set in the context its thread runs the call
# in: a warning there is put at the user's line beyond it (:func:`lstmkit._checks.warn_at_user`),
# which the thread's own stack, ending in threading's frames, does not hold.
waiting_caller: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "lstmkit_waiting_caller", default=None
)


# The tokens below which :func:`_interruptible` runs its work in the caller's thread: the
# longest native call over them takes a fraction of a second (an LSTM of the default sizes over
# 256 tokens, 64 texts of 4 tokens: 0.02 to 0.2 s), where a thread of its own took CPU time
# (2,000 `predictor.predict("a good film")` of a small model: 2.7 to 3.0 s in threads, 2.2 to
# 2.5 s in the caller's).
_SHORT_CALL = 256


def _in_a_thread(torch: Any, size: int | None) -> bool:
    """Whether :func:`_interruptible` runs its work in a thread of its own: in the main thread,
    where Python's handler of SIGINT or SIGTERM raises (not ``SIG_IGN``, ``SIG_DFL``, or one
    set outside Python), for a ``size`` of at least :data:`_SHORT_CALL` (or none given), and
    where the thread would compute what the caller's does. Autocast, a ``TorchFunctionMode``
    (``with torch.device(...)``, ``torch.set_default_device``) and a ``TorchDispatchMode`` are
    the caller thread's alone: in a thread, ``with torch.autocast("cpu", dtype=torch.bfloat16):
    predictor.predict_proba(texts)`` gave float32 probabilities, and a dispatch mode saw none
    of the model's operations."""
    if threading.current_thread() is not threading.main_thread():
        return False
    if size is not None and size < _SHORT_CALL:
        return False
    if not any(callable(signal.getsignal(s)) for s in (signal.SIGINT, signal.SIGTERM)):
        return False
    if torch is None:
        return True
    # each told by torch._C alone; one missing there (an older torch), the work stays here
    held = ("_is_any_autocast_enabled", "_len_torch_function_stack", "_len_torch_dispatch_stack")
    return not any(getattr(torch._C, name, lambda: True)() for name in held)


def _interruptible(work: Callable[[], _T], size: int | None = None) -> _T:
    """``work()``, run in a thread of its own while this (the main) thread waits for it, so
    that Ctrl-C and SIGTERM stop the wait at once: Python runs a signal's handler only between
    the main thread's bytecodes, and one native call (torch's fused LSTM over a text of 200,000
    tokens) held it for minutes, SIGTERM and Ctrl-C alike. On a signal the interrupt is
    raised here and the call is left to run on in its (daemon) thread, its result dropped:
    the command line then exits as at any other interrupt, which ends it with the process.

    Outside a command (:class:`~lstmkit.text.SentimentPredictor`'s ``predict``, say), a
    program that the interrupt ends ends at once too (:func:`_exit_guarded`).

    ``work()`` is called as it is, in this thread, where a thread has nothing to gain or
    would change what it computes (:func:`_in_a_thread`): outside the main thread, where no
    handler runs anyway; where no handler of Python's raises on SIGINT or SIGTERM; for a
    ``size`` (the tokens ``work`` reads) below :data:`_SHORT_CALL`; under torch state of this
    thread's that a thread does not inherit and that is not carried to it.
    ``work`` runs in a copy of this thread's context (its :mod:`contextvars`) and with its
    torch grad and inference modes (thread-local: ``with torch.no_grad():
    predictor.predict(text)`` kept the graph in the thread); its exception is raised here.
    """
    torch = sys.modules.get("torch")  # loaded by whoever has a model to run
    if not _in_a_thread(torch, size):
        return work()
    done: dict[str, Any] = {}
    finished = threading.Event()
    context = contextvars.copy_context()
    context.run(waiting_caller.set, sys._getframe(1))
    grad = torch is None or torch.is_grad_enabled()
    inference = torch is not None and torch.is_inference_mode_enabled()

    def run() -> None:
        try:
            if torch is None:
                done["result"] = context.run(work)
            else:
                with torch.inference_mode(inference), torch.set_grad_enabled(grad):
                    done["result"] = context.run(work)
        except BaseException as err:  # raised in the waiting thread
            done["error"] = err
        finally:
            finished.set()

    thread = threading.Thread(target=run, name="lstmkit-interruptible", daemon=True)
    thread.start()
    try:
        # an event, not Thread.join: a join that a signal interrupts marks the thread as ended
        # while it runs on (CPython before 3.13), and its end could not be told then
        while not finished.wait(_POLL_S):  # a pending signal's handler runs between waits
            pass
    except BaseException:
        if not finished.is_set():
            _abandoned.append(finished)
            _left_threads.append(thread)
            _exit_guarded()
        raise
    if "error" in done:
        raise done["error"]
    return done["result"]


def _work_left_running() -> bool:
    """Whether a call of :func:`_interruptible` that a signal stopped waiting for still runs:
    the process must then end without Python's shutdown (``os._exit``), which freed torch
    under it (a segmentation fault, exit code 139, where 143 was due)."""
    return not all(event.is_set() for event in _abandoned)


def _exit_guarded() -> None:
    """Once per process, :func:`_end_without_shutdown` registered to run at its exit."""
    if _end_without_shutdown not in _guards:
        atexit.register(_end_without_shutdown)
        _guards.append(_end_without_shutdown)


_guards: list[Callable[[], None]] = []  # what :func:`_exit_guarded` registered


def _end_without_shutdown() -> None:
    """At the exit of a program whose interrupt left a call of :func:`_interruptible` running
    (the command line ends itself before, :mod:`lstmkit.__main__`): Python's shutdown freed
    torch under it (a segmentation fault or an abort). A program that the ``KeyboardInterrupt``
    ended dies of SIGINT at once, as Python ends it (exit code 130 in a shell); one that went
    on after it waits for the call to end and for its thread to end (:data:`_left_threads`),
    its exit code unknown here, a Ctrl-C meanwhile ending it at once."""
    if not _work_left_running():
        _join_left_threads()  # the call has returned; its thread may be ending still
        return
    _flush_std_streams()
    if not isinstance(getattr(sys, "last_value", None), KeyboardInterrupt):
        try:
            for finished in _abandoned:
                while not finished.wait(_POLL_S):
                    pass
            _join_left_threads()
            return
        except KeyboardInterrupt:
            pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)
    os._exit(130)  # where the signal did not end it (blocked in this thread; Windows)


def _join_left_threads() -> None:
    """:data:`_left_threads` joined, each once its call has returned (Ctrl-C stops the wait)."""
    for thread in _left_threads:
        while thread.is_alive():
            thread.join(_POLL_S)


def _flush_std_streams() -> None:
    """stdout and stderr flushed before an exit that skips Python's shutdown (``os._exit``, a
    signal's default action), which would have flushed them."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a reader gone, a stream closed: nothing to keep
            pass

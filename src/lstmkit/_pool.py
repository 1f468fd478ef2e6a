"""Independent trainings in worker processes, a few at a time, stoppable with Ctrl-C.

Ensemble members (of a :class:`~lstmkit.forecast.Forecaster` or a sentiment classifier) depend
only on their seed and on torch's thread count, so each can train in its own process on one
thread and give exactly what it gives in this process on one thread. :func:`run_in_processes`
is the one place that starts those processes; this process trains its share beside them, and
:func:`kept_workers` keeps them for the next trainings (a backtest's origins), since starting
one (importing torch) takes seconds.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import logging.handlers
import math
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

import torch

from lstmkit._checks import above_bars, and_list
from lstmkit._interrupts import _sigint_blocked
from lstmkit._remedies import remedy

__all__ = ["kept_workers", "run_in_processes"]


# A Ctrl-C (from the terminal, or the parent's stop) can reach a worker before its call begins:
# while it starts up, imports, or unpickles the call (which imports the call's module, seconds
# with torch). An idle worker therefore remembers it, and the call then stops as it begins; an
# ignored one was lost, and the parent waited for a member that trained on. During its start-up
# a worker cannot run a handler yet, so the parent spawns it with Ctrl-C blocked (the signal mask
# passes to the new process, where POSIX has masks) and the initializer unblocks it once the
# handler is in place: a Ctrl-C meanwhile stays pending until then.
_MASKS = hasattr(signal, "pthread_sigmask")
_interrupted = False  # in a worker: a Ctrl-C came while no call was running


def _remember(signum: int, frame: object) -> None:
    """An idle worker's Ctrl-C handler: noted for the next call (the parent stops the pool)."""
    global _interrupted
    _interrupted = True


def _hold_interrupts() -> None:
    """Worker initializer: Ctrl-C is remembered from now on (a pending one arrives here)."""
    signal.signal(signal.SIGINT, _remember)
    if _MASKS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _call(fn: Callable[..., Any], args: tuple) -> tuple[Any, list[logging.LogRecord]]:
    """``fn(*args)`` in a worker, on one torch thread, with the warnings it logged (see
    :func:`_logged`); Ctrl-C stops it (once), including one that came before the call began."""

    def interrupt(signum: int, frame: object) -> None:
        signal.signal(signal.SIGINT, _remember)  # once: Ctrl-C and the parent both send it
        raise KeyboardInterrupt

    torch.set_num_threads(1)
    signal.signal(signal.SIGINT, interrupt)
    if _interrupted:  # checked after the handler is set, so no Ctrl-C falls in between
        signal.signal(signal.SIGINT, _remember)
        raise KeyboardInterrupt
    try:
        return _logged(fn, args)
    except BaseException as error:
        sendable = _sendable(error)
        if sendable is error:
            raise
        raise sendable from error  # the worker's traceback, sent as text, shows both
    finally:
        signal.signal(signal.SIGINT, _remember)


def _sendable(error: BaseException) -> BaseException:
    """``error`` where it survives the trip to the parent process (pickled in the worker,
    unpickled there), else an error of its nearest built-in type in its place, which names it
    and gives its text and the records it brings (see :func:`_logged`).

    An error the parent cannot rebuild (a class whose ``__init__`` takes other arguments than
    its ``args``) broke the pool there: ``BrokenProcessPool``, blamed on a worker killed by
    SIGTERM, and the worker's own error was lost. One that does not pickle (an attribute
    holding a lock) came as the pickling error alone.
    """
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception as failed:
        why = f"{type(failed).__name__}: {failed}"
    kind = type(error)
    name = kind.__qualname__
    if kind.__module__ != "builtins":
        name = f"{kind.__module__}.{name}"
    try:
        text = str(error)
    except Exception:  # a __str__ that raises
        text = object.__repr__(error)
    message = (
        f"{name}: {text} (raised in a worker process, which cannot send a {name} to this "
        f"one: {why})"
    )
    records = vars(error).get(_RECORDS, []) if hasattr(error, "__dict__") else []
    # `except ValueError` still catches a subclass's stand-in; a built-in type that takes other
    # arguments (UnicodeDecodeError's five) is passed over, down to BaseException at worst
    for base in (b for b in kind.__mro__ if b.__module__ == "builtins"):
        with contextlib.suppress(Exception):
            stand_in = base(message)
            setattr(stand_in, _RECORDS, records)
            pickle.loads(pickle.dumps(stand_in))
            return stand_in
    return BaseException(message)  # (each type's last base, which takes a message)


def _logged(fn: Callable[..., Any], args: tuple) -> tuple[Any, list[logging.LogRecord]]:
    """``fn(*args)`` and the records it logged at WARNING and up, for this process to log them.

    A spawned worker has no logging set up: Python's last resort printed its warnings on its
    stderr as the bare message, without the ``WARNING`` the command's own ones have, and past
    the caller's logging (its handlers, its levels, a notebook's cell output). Logged again in
    the caller's process, they go where its own warnings go. Only this thread's records are
    kept (the call runs in it). A call that raises sends them with its error (in an
    attribute, see :func:`_result`): they were lost with its result, the warnings that came
    before the failure among them. Values that do not pickle are sent as text.

    The worker's own handlers write none of them: a script's logging set up outside
    ``if __name__ == "__main__":`` (``logging.basicConfig`` at its top) runs again in each
    worker, whose handlers wrote each warning beside the caller's, twice.
    """
    thread = threading.get_ident()
    pickled = logging.handlers.QueueHandler(queue.SimpleQueue()).prepare  # a copy that pickles
    kept: list[tuple[logging.LogRecord, logging.LogRecord]] = []  # (record, its copy)

    def divert(record: logging.LogRecord) -> bool:
        """Whether a handler may write ``record``: not this call's at WARNING and up, kept
        instead (once, whichever of the handlers see it)."""
        if record.thread != thread or record.levelno < logging.WARNING:
            return True
        if not kept or kept[-1][0] is not record:
            try:
                copy = _as_text(pickled(record))
            except Exception:  # a message its arguments do not format ("%d" of a text)
                # reported as a handler reports it, and the call goes on: raised, it stopped
                # the call, where the same logging call in this process only prints an error
                sink.handleError(record)
                copy = None
            kept.append((record, copy))
        return False

    root = logging.getLogger()
    loggers = [root, *root.manager.loggerDict.values()]  # (placeholders have no handlers)
    handlers = list(dict.fromkeys(h for lg in loggers for h in getattr(lg, "handlers", ())))
    sink = logging.Handler(logging.WARNING)  # where the worker has no handler: writes nothing

    def sunk(record: logging.LogRecord) -> bool:
        """The sink writes nothing: this call's records are kept, and another thread's, where
        no handler but the sink saw it, go to Python's last resort as without the sink (which
        counted as a handler, and they were lost)."""
        last = logging.lastResort
        if divert(record) and last is not None and record.levelno >= last.level:
            logger: logging.Logger | None = logging.getLogger(record.name)
            chain = []
            while logger is not None:  # the record came up to the root: none stops it
                chain.append(logger)
                logger = logger.parent
            if all(h is sink for lg in chain for h in lg.handlers):
                last.handle(record)
        return False

    sink.addFilter(sunk)
    for handler in handlers:
        handler.addFilter(divert)
    root.addHandler(sink)
    try:
        result = fn(*args)
    except BaseException as error:
        with contextlib.suppress(AttributeError):  # an error type whose slots take none
            setattr(error, _RECORDS, [copy for _, copy in kept if copy is not None])
        raise
    finally:
        root.removeHandler(sink)
        for handler in handlers:
            handler.removeFilter(divert)
    return result, [copy for _, copy in kept if copy is not None]


_RECORDS = "_lstmkit_worker_records"
"""The attribute under which a call's error brings the records it logged (see :func:`_logged`)."""


def _as_text(record: logging.LogRecord) -> logging.LogRecord:
    """``record`` (a copy :class:`logging.handlers.QueueHandler` prepared: its message formatted)
    with each attribute that does not pickle written as text, as ``%(name)s`` writes it: a
    value of ``extra=`` such as a lock or an open file stopped the pool from sending the
    call's result, and the call failed."""
    for key, value in list(vars(record).items()):
        try:
            pickle.dumps(value)
        except Exception:
            try:
                text = str(value)
            except Exception:  # a __str__ that raises: the object's default form
                text = object.__repr__(value)
            setattr(record, key, text)
    return record


def _result(future: Future) -> Any:
    """A worker's result once the records its call logged are logged here (see :func:`_call`
    and :func:`_log_again`), or its error raised once those it logged before it failed are."""
    try:
        result, records = future.result()
    except BaseException as error:
        _log_again(vars(error).pop(_RECORDS, []) if hasattr(error, "__dict__") else [])
        raise
    _log_again(records)
    return result


def _log_again(records: list[logging.LogRecord]) -> None:
    """The records a worker's call logged (see :func:`_logged`), logged in this process as if
    here, where their loggers' levels allow, above the bars drawn on stderr: they come while
    the caller's bar over the calls is open (the ``members`` bar), where a call of this
    process logs once its own bar is closed. The bars are left as they are where no record
    is written on stdout or stderr: each result collected cleared and drew them again, also
    with no record, or with a logging that writes to a file."""
    handled = [r for r in records if logging.getLogger(r.name).isEnabledFor(r.levelno)]
    # the records each MemoryHandler keeps before the next one: asked alone, none of several
    # records that fill its buffer together did, and the flush of the last ran on from the bar
    kept: dict[logging.Handler, int] = {}
    on_terminal = any(_on_terminal(record, kept) for record in handled)
    # without tqdm's lock: held around the handlers, it deadlocked with a thread whose handler
    # (holding its own lock) waited for tqdm's to write (tqdm's logging_redirect_tqdm)
    with above_bars(sys.stderr, nolock=True) if on_terminal else contextlib.nullcontext():
        for record in handled:
            logging.getLogger(record.name).handle(record)


def _on_terminal(record: logging.LogRecord, kept: dict[logging.Handler, int]) -> bool:
    """Whether a handler that ``record`` reaches (as :meth:`logging.Logger.callHandlers` walks
    them) writes on stdout or stderr, where the bars are drawn, or on the file either writes
    on (see :func:`_on_std`); Python's last resort, which writes on stderr, where it reaches
    none. ``kept``: the records handled before it that a ``MemoryHandler`` keeps (see
    :func:`_writes_on`), counted on."""
    logger: logging.Logger | None = logging.getLogger(record.name)
    found = False
    while logger is not None:
        for handler in logger.handlers:
            found = True
            if _on_std(_writes_on(handler, record, kept)):
                return True
        logger = logger.parent if logger.propagate else None
    last = logging.lastResort
    return not found and last is not None and record.levelno >= last.level


def _writes_on(
    handler: logging.Handler,
    record: logging.LogRecord,
    kept: dict[logging.Handler, int] | None = None,
    *,
    flushed: bool = False,
) -> Any:
    """The stream ``handler`` writes ``record`` on now, or None (under its level, or no stream
    known): a :class:`logging.StreamHandler`'s ``stream``, the ``file`` of the console that
    rich's ``RichHandler`` writes on, and the target's for a
    :class:`logging.handlers.MemoryHandler` that hands the record on at once (at its
    ``flushLevel``, or as it fills the buffer). A ``QueueHandler``'s listener writes later, in
    its own thread: none. A handler the record is ``flushed`` to (a ``MemoryHandler``'s
    target) writes it whatever its level, as ``Handler.handle`` reads none. ``kept``: how many
    records handled before this one each ``MemoryHandler`` keeps on top of its buffer; this one
    is added where it is kept. (A flush to a target that is not the terminal does not reset
    the count: the flushes after it go to the same target, which again is not.)

    Read as ``stream`` alone, a ``RichHandler``'s or a ``MemoryHandler``'s line on stderr ran
    on from the end of the bar drawn there.
    """
    if not flushed and record.levelno < handler.level:
        return None
    stream = getattr(handler, "stream", None)
    if stream is None:
        stream = getattr(getattr(handler, "console", None), "file", None)
    target = getattr(handler, "target", None)
    if stream is None and isinstance(target, logging.Handler):
        # as MemoryHandler.shouldFlush, once the record is in the buffer: at its flushLevel, or
        # where it fills the buffer (the records kept before it are written with it)
        before = len(getattr(handler, "buffer", ())) + (kept or {}).get(handler, 0)
        full = before + 1 >= getattr(handler, "capacity", math.inf)
        if full or record.levelno >= getattr(handler, "flushLevel", logging.CRITICAL + 1):
            # the flush hands each record to target.handle, which reads no level: the target
            # writes them all, a WARNING kept before an INFO that fills the buffer too
            return _writes_on(target, record, flushed=True)
        if kept is not None:
            kept[handler] = kept.get(handler, 0) + 1
    return stream


def _on_std(stream: Any) -> bool:
    """Whether ``stream`` is stdout or stderr, or writes on the file either does: a handler
    made on stderr before ``sys.stderr`` was wrapped (colorama's ``init``) holds the stream
    the wrapper writes on, and its lines ran on from the end of the bars drawn there."""
    if stream is None:
        return False
    if stream in (sys.stdout, sys.stderr):
        return True
    numbers = set()
    for std in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # none, no fileno
            numbers.add(std.fileno())
    try:
        return stream.fileno() in numbers
    except (AttributeError, ValueError, OSError):  # a StringIO, a closed file
        return False


# torch's thread count is per thread, taken from a process-wide value at the thread's first use,
# and set_num_threads writes both. Calls from several threads at once (a web service's requests)
# each read their thread's count before setting theirs; a thread whose first use fell inside
# another call read that call's count as its own, and restored it, so the process (the main
# thread, every new thread) was left on one thread for good. While any call runs, a thread that
# enters now puts back the count the process had before the first of them; a call inside
# another in the same thread puts back the outer one's.
_threads_lock = threading.Lock()
_threads_running = 0
_threads_outside = 0  # the count before the first of the calls running now
_threads_here = threading.local()  # .depth: the calls running in this thread


def _threads_after_fork() -> None:
    """In a forked child: the calls running are the forking thread's alone (the others' threads
    are not copied, and a lock one of them held would stay held)."""
    global _threads_lock, _threads_running
    _threads_lock = threading.Lock()
    _threads_running = getattr(_threads_here, "depth", 0)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_threads_after_fork)


@contextmanager
def _threads(n: int | None) -> Iterator[None]:
    """The block on ``n`` torch threads (``None``: as they are), then this thread's back."""
    global _threads_running, _threads_outside
    if n is None:
        yield
        return
    depth = getattr(_threads_here, "depth", 0)
    with _threads_lock:
        if depth or _threads_running == 0:
            before = torch.get_num_threads()
            if not depth:
                _threads_outside = before
        else:
            before = _threads_outside
        _threads_running += 1
        torch.set_num_threads(n)
    _threads_here.depth = depth + 1
    try:
        yield
    finally:
        _threads_here.depth = depth
        with _threads_lock:
            _threads_running -= 1
            torch.set_num_threads(before)


def _call_here(fn: Callable[..., Any], args: tuple) -> Any:
    """``fn(*args)`` in this process, on one torch thread as in a worker (the count restored,
    also where calls in other threads run at the same time)."""
    with _threads(1):
        return fn(*args)


class _Workers:
    """A process pool of ``size`` workers, stopped as a whole."""

    def __init__(self, size: int) -> None:
        context = multiprocessing.get_context("spawn")  # fork is unsafe once torch has threads
        self.size = size
        self.older = {child.pid for child in multiprocessing.active_children()}
        self.pool = ProcessPoolExecutor(size, mp_context=context, initializer=_hold_interrupts)

    def stop(self) -> None:
        """Interrupt the calls still running, then let the idle workers exit.

        Only this pool's workers get the Ctrl-C, as the pool lists them while it spawns them (its
        private ``_processes``, in Python 3.11 to 3.13). Every child process started since the
        pool was made got it before: a call's in another thread, which then stopped with
        ``KeyboardInterrupt``, and the caller's own. A Python whose pool lacks ``_processes``
        falls back to those children, so a stop still stops.
        """
        own = getattr(self.pool, "_processes", None)
        if isinstance(own, dict):
            workers = list(own.values())
        else:  # a Python without that attribute: the children started since the pool was made
            workers = [p for p in multiprocessing.active_children() if p.pid not in self.older]
        for process in workers:
            with contextlib.suppress(OSError, ValueError):  # ValueError: a process closed
                if process.pid is not None:
                    os.kill(process.pid, signal.SIGINT)
        self.pool.shutdown(wait=True, cancel_futures=True)


# In a kept_workers() block: the thread that opened it and the pool that the calls of
# run_in_processes in that thread share (a list of at most one), else None. A context variable,
# so other threads start their own; the thread is kept too, since a thread can run in a copy of
# the block's context (asyncio.to_thread does): calls in two threads shared one pool, and one's
# failure stopped the other's workers.
_kept: contextvars.ContextVar[tuple[int, list[_Workers]] | None] = contextvars.ContextVar(
    "lstmkit_kept_workers", default=None
)


def _kept_here() -> list[_Workers] | None:
    """The pools of the kept_workers() block this thread opened (or runs nested in), or None."""
    kept = _kept.get()
    return kept[1] if kept is not None and kept[0] == threading.get_ident() else None


@contextmanager
def kept_workers() -> Iterator[None]:
    """During the block, :func:`run_in_processes` in this thread keeps its worker processes for
    its next call, instead of starting new ones each time (each imports torch again, seconds);
    they exit when the block ends. A backtest that retrains at every origin fits under one.

    Nested blocks share the outermost one's workers. A call that fails or is interrupted stops
    them all the same; the next call starts new ones, as it does where a worker died between
    calls.
    """
    if _kept_here() is not None:
        yield
        return
    kept: list[_Workers] = []
    token = _kept.set((threading.get_ident(), kept))
    try:
        yield
    finally:
        _kept.reset(token)
        for workers in kept:
            workers.pool.shutdown()


def _workers(size: int) -> tuple[_Workers, bool]:
    """A pool of ``size`` workers, and whether a kept_workers() block keeps it after the call."""
    kept = _kept_here()
    if kept is None:
        return _Workers(size), False
    # a worker that died while idle (killed for memory between a backtest's origins) broke
    # the pool: the next call raised as if its first calls had killed it
    if kept and (kept[0].size != size or getattr(kept[0].pool, "_broken", False)):
        kept.pop().pool.shutdown()
    if not kept:
        kept.append(_Workers(size))
    return kept[0], True


def run_in_processes(
    fn: Callable[..., Any],
    calls: Sequence[tuple],
    jobs: int,
    on_done: Callable[[int, Any], None] | None = None,
    name: Callable[[int], str] | None = None,
) -> list[Any]:
    """``[fn(*calls[0]), fn(*calls[1]), ...]``, computed ``jobs`` at a time: in this process and
    in ``jobs - 1`` spawned ones, every call on one torch thread.

    This process takes the next call as soon as its last one is done, and so does each worker:
    this process starts on the first while the workers start up (each imports torch, seconds),
    and a worker that finishes gets the next call at once. Under :func:`kept_workers` the
    workers stay for the next ``run_in_processes`` in this thread.

    Args:
        fn: a module-level function (it is pickled by name); its arguments and result must
            pickle too (send numpy arrays rather than tensors). It must give the same in this
            process as in a worker, where nothing else ran before it.
        calls: the argument tuples, one per call.
        jobs: how many calls run at once, this process's included (1: all in this process).
        on_done: called in this process as ``on_done(k, result)`` when call ``k`` finishes
            (e.g. to advance a progress bar), between this process's own calls.
        name: what call ``k`` is, as the message of a worker that died names it (``"member 2
            of 5 (seed 1)"``); default ``"call 2 of 5 of fn"``.

    Returns:
        The results in the order of ``calls``.

    Raises:
        Whatever a call raised, or ``KeyboardInterrupt``: the calls still running are
        interrupted (a Ctrl-C in a notebook reaches only this process) and the workers are shut
        down before it propagates. A call that fails in a worker (or a worker that dies, which
        raises ``concurrent.futures.process.BrokenProcessPool``) stops the calls from being
        handed out at once, but is raised only when the call this process computes then ends:
        that one is not interrupted (up to a whole member's training later). A dead worker's
        ``BrokenProcessPool`` names the calls the workers had then, how it ended (a signal, or
        an exit code) and says to try ``jobs=1``. A call's error that cannot come to this
        process as it is (it does not pickle, or its class cannot be rebuilt from its pickle)
        comes as its nearest built-in type, with its type and text in the message; a result
        that cannot be rebuilt here, as a ``BrokenProcessPool`` that says so.
    """
    if min(jobs, len(calls)) < 2:  # nothing to share: no worker to start
        results = []
        for k, args in enumerate(calls):
            results.append(_call_here(fn, args))
            if on_done is not None:
                on_done(k, results[k])
        return results
    workers, kept = _workers(min(jobs, len(calls)) - 1)
    results: dict[int, Any] = {}
    landed: list[tuple[int, Future]] = []  # workers' calls done and not yet collected
    sent: set[int] = set()  # the calls handed to the workers and not yet done
    died_in: list[int] = []  # the calls the workers had when one of them died
    changed = threading.Condition()  # guards landed, sent, died_in, taken and stopping
    taken, stopping = 0, False

    def take() -> int | None:
        """The next call nobody has taken (holding `changed`), or None."""
        nonlocal taken
        if stopping or taken == len(calls):
            return None
        taken += 1
        return taken - 1

    def submit(k: int) -> None:
        """Call `k` to the workers (this thread's first ones; then from the pool's thread,
        holding `changed`). A worker it spawns starts with Ctrl-C held back, as this thread
        holds it now (a Ctrl-C meanwhile reaches this process when the block ends)."""
        with _sigint_blocked():
            future = workers.pool.submit(_call, fn, calls[k])
        future.add_done_callback(lambda f: done(k, f))

    def done(k: int, future: Future) -> None:
        """In the pool's thread: a worker's call ended; it takes the next one at once (at most
        one call waits for each worker in the pool's queue, so none waits where it could no
        longer be cancelled)."""
        nonlocal stopping
        with changed:
            landed.append((k, future))
            if not future.cancelled() and isinstance(future.exception(), BrokenProcessPool):
                died_in[:] = died_in or sorted(sent)  # this one's and the others' in flight
            sent.discard(k)
            if future.cancelled() or future.exception() is not None:
                stopping = True  # this process raises it when it collects it
            elif (nxt := take()) is not None:
                sent.add(nxt)
                try:
                    submit(nxt)
                except BaseException as error:  # a broken pool: raised where it is collected
                    failed: Future = Future()
                    failed.set_exception(error)
                    landed.append((nxt, failed))
                    stopping = True
            changed.notify()

    def collect(block: bool) -> None:
        """The workers' results so far (waiting for one if `block`), reported in order."""
        with changed:
            while block and not landed:
                changed.wait()
            ready = landed[:]
            landed.clear()
        for k, future in ready:
            results[k] = _result(future)
            if on_done is not None:
                on_done(k, results[k])

    try:
        # submitted outside `changed`: where a worker dies, the pool's thread holds the pool's
        # lock while it fails the calls (Python 3.12 on), and their callbacks wait for `changed`
        with changed:
            first = [take() for _ in range(min(workers.size, len(calls)))]
            sent.update(first)
        for k in first:
            submit(k)
        while True:
            with changed:
                k = take()
            if k is None:
                break
            results[k] = _call_here(fn, calls[k])
            if on_done is not None:
                on_done(k, results[k])
            collect(block=False)
        while len(results) < len(calls):
            collect(block=True)
    except BaseException as error:
        # Stop now (Ctrl-C, a failed call): no call starts any more; interrupt the calls still
        # running, then let the idle workers exit.
        with changed:
            stopping = True
            had = died_in or sorted(sent)  # a dead worker seen as a first call was handed out
        pools = _kept_here()
        if kept and pools is not None:
            pools.remove(workers)
        codes = _exit_codes(workers) if isinstance(error, BrokenProcessPool) else []
        workers.stop()
        if isinstance(error, BrokenProcessPool) and had:
            unread = _unreadable(error)
            raise BrokenProcessPool(
                _died(had, len(calls), fn, name, codes)
                if unread is None
                else _unread(had, len(calls), fn, name, unread)
            ) from error
        raise
    if not kept:
        workers.pool.shutdown()
    return [results[k] for k in range(len(calls))]


def _exit_codes(workers: _Workers) -> list[int]:
    """The exit codes of the pool's workers that have ended (``-9``: killed by SIGKILL), as
    its private ``_processes`` lists them (Python 3.11 to 3.13), else none."""
    own = getattr(workers.pool, "_processes", None)
    processes = list(own.values()) if isinstance(own, dict) else []
    # the dead one's pipe closes a moment before it can be waited for, and the pool stops the
    # others just after it fails the calls: a second at most, in practice milliseconds. The
    # pool's own thread waits for them too, and where it reaps one first, join here returns at
    # once with no exit code: the code comes a moment later, when that thread records it.
    deadline = time.monotonic() + 1.0
    for process in processes:
        while process.exitcode is None and time.monotonic() < deadline:
            with contextlib.suppress(OSError, ValueError, AssertionError):
                process.join(min(0.01, max(0.0, deadline - time.monotonic())))
    return [p.exitcode for p in processes if p.exitcode is not None]


def _unreadable(error: BrokenProcessPool) -> str | None:
    """The error that stopped this process from reading what a worker sent back (the last line
    of the traceback the pool chains as the cause: ``"TypeError: Failed.__init__() missing 1
    required positional argument: 'why'"``), or None where the pool broke for another reason
    (a worker that died)."""
    cause = error.__cause__
    text = str(cause) if cause is not None else ""
    if ".recv()" not in text:  # where the pool reads the results from its workers
        return None
    lines = [line for line in text.strip().strip("'\"").splitlines() if line.strip()]
    return lines[-1].strip() if lines else None


def _which(
    calls: list[int], count: int, fn: Callable[..., Any], name: Callable[[int], str] | None
) -> str:
    """The ``calls`` (of ``count``) as the messages name them: ``name(k)`` each, or ``"call 2
    of 5 of fn"``, joined by "or", as ``"member 1 of 5 (seed 0) or member 3 of 5 (seed 2)"``:
    the pool does not say which worker's call it was ("one of member 1 of 5 (seed 0), member 3
    ..." read as one list of "of"s)."""
    label = getattr(fn, "__name__", fn)
    names = [name(k) if name is not None else f"call {k + 1} of {count} of {label}" for k in calls]
    return and_list(names, "or")


def _unread(
    calls: list[int],
    count: int,
    fn: Callable[..., Any],
    name: Callable[[int], str] | None,
    unread: str,
) -> str:
    """The message of a pool that broke as it read what a worker sent back: blamed on a worker
    killed by SIGTERM (the pool's own stop of the others), it hid the error that broke it."""
    which = _which(calls, count, fn, name)
    return (
        f"this process could not read what a worker process sent back while the workers ran "
        f"{which} ({unread}): a result or an error that pickles in the worker but cannot be "
        f"rebuilt here. Try {remedy('jobs=1', '--jobs 1')}, which runs every call in this "
        "process, one at a time."
    )


def _died(
    calls: list[int],
    count: int,
    fn: Callable[..., Any],
    name: Callable[[int], str] | None,
    codes: Sequence[int] = (),
) -> str:
    """The message of a worker process that died while the workers had ``calls`` (of
    ``count``), with the exit ``codes`` of the workers that ended: Python's own ("A process in
    the process pool was terminated abruptly") named neither the call, nor how it ended, nor
    what to do."""
    which = _which(calls, count, fn, name)
    # the pool stops the other workers with SIGTERM once one died: the dead one's code first
    code = next((c for c in codes if c != -signal.SIGTERM), codes[0] if codes else None)
    memory = "each worker holds its own torch and copy of the data"
    if code is None:
        how = f"killed by the system for lack of memory, perhaps ({memory}), or by a signal"
    elif code < 0:
        killer = signal.Signals(-code).name if -code in signal.valid_signals() else -code
        how = f"killed by signal {killer}" + (
            f" (by the system for lack of memory, perhaps: {memory})"
            if code == -getattr(signal, "SIGKILL", 9)  # (no SIGKILL on Windows)
            else ""
        )
    else:  # an error before any call (which would have come back) or os._exit in one
        how = (
            f"it exited with code {code}, as a worker that fails to start does (its traceback "
            "is above): a script runs again in each worker, so its fit belongs under "
            '`if __name__ == "__main__":`'
        )
    return (
        f"a worker process died while it ran {which}: {how}. Try "
        f"{remedy('jobs=1', '--jobs 1')}, which runs every call in this process, one at a time."
    )

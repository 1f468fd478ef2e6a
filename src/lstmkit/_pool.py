"""Independent trainings in worker processes, a few at a time, stoppable with Ctrl-C.

Ensemble members (of a :class:`~lstmkit.forecast.Forecaster` or a sentiment classifier) depend
only on their seed and on torch's thread count, so each can train in its own process on one
thread and give exactly what it gives in this process on one thread. :func:`run_in_processes`
is the one place that starts those processes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

import torch

from lstmkit._interrupts import _sigint_blocked

__all__ = ["run_in_processes"]


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


def _call(fn: Callable[..., Any], args: tuple) -> Any:
    """``fn(*args)`` in a worker, on one torch thread; Ctrl-C stops it (once), including one
    that came before the call began."""

    def interrupt(signum: int, frame: object) -> None:
        signal.signal(signal.SIGINT, _remember)  # once: Ctrl-C and the parent both send it
        raise KeyboardInterrupt

    torch.set_num_threads(1)
    signal.signal(signal.SIGINT, interrupt)
    if _interrupted:  # checked after the handler is set, so no Ctrl-C falls in between
        signal.signal(signal.SIGINT, _remember)
        raise KeyboardInterrupt
    try:
        return fn(*args)
    finally:
        signal.signal(signal.SIGINT, _remember)


def run_in_processes(
    fn: Callable[..., Any],
    calls: Sequence[tuple],
    jobs: int,
    on_done: Callable[[int, Any], None] | None = None,
) -> list[Any]:
    """``[fn(*calls[0]), fn(*calls[1]), ...]``, computed ``jobs`` at a time in spawned processes.

    Args:
        fn: a module-level function (it is pickled by name); its arguments and result must
            pickle too (send numpy arrays rather than tensors).
        calls: the argument tuples, one per call.
        jobs: how many processes run at once (each on one torch thread).
        on_done: called in this process as ``on_done(k, result)`` when call ``k`` finishes
            (e.g. to advance a progress bar).

    Returns:
        The results in the order of ``calls``.

    Raises:
        Whatever a call raised, or ``KeyboardInterrupt``: the calls still running are
        interrupted (a Ctrl-C in a notebook reaches only this process) and the pool is shut
        down before it propagates.
    """
    context = multiprocessing.get_context("spawn")  # fork is unsafe once torch has threads
    older = {child.pid for child in multiprocessing.active_children()}
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_hold_interrupts)
    results: dict[int, Any] = {}
    try:

        def submit(k: int) -> Future:
            # submit spawns the workers: they start with Ctrl-C held back, as this thread holds
            # it now (a Ctrl-C meanwhile reaches this process when the block ends)
            with _sigint_blocked():
                return pool.submit(_call, fn, calls[k])

        # At most `jobs` calls are handed to the pool at a time, so none waits in its queue
        # where it could no longer be cancelled.
        running = {k: submit(k) for k in range(min(jobs, len(calls)))}
        while running:
            done, _ = wait(running.values(), return_when=FIRST_COMPLETED)
            for k in [k for k, future in running.items() if future in done]:
                results[k] = running.pop(k).result()
                if on_done is not None:
                    on_done(k, results[k])
                if (nxt := len(results) + len(running)) < len(calls):
                    running[nxt] = submit(nxt)
    except BaseException:
        # Stop now (Ctrl-C, a failed call): interrupt the calls still running, then let the
        # idle workers exit. The workers are the children started since the pool was made.
        for process in multiprocessing.active_children():
            if process.pid in older:
                continue
            with contextlib.suppress(OSError):
                os.kill(process.pid, signal.SIGINT)
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return [results[k] for k in range(len(calls))]

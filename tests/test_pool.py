import math
import multiprocessing
import operator

import pytest

from lstmkit._pool import run_in_processes


def test_results_in_call_order_with_a_report_per_call():
    seen = []
    calls = [(6,), (3,), (5,)]
    out = run_in_processes(math.factorial, calls, 2, on_done=lambda k, r: seen.append((k, r)))
    assert out == [720, 6, 120]
    assert sorted(seen) == [(0, 720), (1, 6), (2, 120)]


def test_a_failing_call_raises_in_the_parent():
    with pytest.raises(ZeroDivisionError):
        run_in_processes(operator.truediv, [(1, 2), (1, 0), (3, 4)], 2)


def _run(script: str, tmp_path, timeout: float = 40) -> str:
    """``script`` in a fresh interpreter (its own signal state), stdout back."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_ctrl_c_before_the_call_begins_stops_it_when_it_begins(tmp_path):
    # A worker between its start and its call (importing, unpickling the call) holds Ctrl-C
    # back; the call then stops at once instead of training on (the signal was ignored and lost).
    out = _run(
        "import os, signal, time\n"
        "from lstmkit._pool import _call, _hold_interrupts\n"
        "_hold_interrupts()  # an idle worker, as the pool's initializer leaves it\n"
        "os.kill(os.getpid(), signal.SIGINT)  # the parent's stop, before the call\n"
        "start = time.perf_counter()\n"
        "try:\n"
        "    _call(time.sleep, (60,))\n"
        "except KeyboardInterrupt:\n"
        "    print(f'interrupted after {time.perf_counter() - start:.0f} s')\n",
        tmp_path,
    )
    assert out == "interrupted after 0 s\n"


def test_ctrl_c_in_the_parent_alone_stops_workers_that_are_still_starting(tmp_path):
    # The call's module takes 3 s to import in a worker, so a Ctrl-C that reaches only the
    # parent (a notebook's interrupt) 4 s in finds the workers starting up or unpickling: it
    # must still stop both 120 s calls at once, not wait for them. "At once" allows a loaded
    # machine the minute its workers may need to start (import torch) and take the signal.
    (tmp_path / "slow_import.py").write_text(
        "import multiprocessing, time\n"
        "if multiprocessing.parent_process() is not None:\n"
        "    time.sleep(3)\n"
        "def nap(seconds):\n"
        "    time.sleep(seconds)\n"
        "    return seconds\n"
    )
    out = _run(
        "import os, signal, sys, threading, time\n"
        "sys.path.insert(0, os.getcwd())\n"
        "from lstmkit._pool import run_in_processes\n"
        "from slow_import import nap\n"
        "threading.Timer(4.0, os.kill, (os.getpid(), signal.SIGINT)).start()\n"
        "start = time.perf_counter()\n"
        "try:\n"
        "    run_in_processes(nap, [(120,), (120,)], 2)\n"
        "except KeyboardInterrupt:\n"
        "    print(f'stopped in time: {time.perf_counter() - start < 60}')\n",
        tmp_path,
        timeout=110,  # under the 120 s calls
    )
    assert out == "stopped in time: True\n"


def test_this_process_trains_a_share_and_kept_workers_serve_the_next_calls():
    # Each call started new workers (each imports torch, seconds): a backtest's origins paid
    # it again and again, and with jobs=2 both members waited for two workers to start. Now
    # this process takes a call itself while jobs - 1 workers start, and under kept_workers()
    # the same worker serves the next call; one that fails stops it, and a new one starts.
    import os

    import lstmkit.forecast
    from lstmkit._pool import kept_workers

    here = os.getpid()
    # what a worker of a forecast imports to train a member: not pandas (a second more)
    member_module = "lstmkit._forecast_members"
    assert lstmkit.forecast._train_member_in_worker.__module__ == member_module
    loaded = f"(__import__({member_module!r}), 'pandas' in __import__('sys').modules)[1]"
    with kept_workers():
        assert run_in_processes(eval, [(loaded,), ("1",)], 2) == [False, 1]
        first = run_in_processes(os.getpid, [(), ()], 2)  # call 0 goes to the worker
        second = run_in_processes(os.getpid, [(), ()], 2)
        # the same worker served both; call 1 is this process's, or the warm worker's where it
        # ended call 0 before this process took the next (1 run in 5 on a busy machine)
        assert first[0] != here and set(first + second) - {here} == {first[0]}
        with pytest.raises(ZeroDivisionError):
            run_in_processes(operator.truediv, [(1, 0), (1, 1)], 2)
        third = run_in_processes(os.getpid, [(), ()], 2)  # a new worker, still starting
        assert third[1] == here and third[0] not in (here, first[0])
    assert not multiprocessing.active_children()  # the block's end let its worker go


def test_a_single_call_runs_here_without_starting_a_worker():
    # One call (or jobs=1) has nothing to share: a worker would only add torch's import.
    import os

    seen = []
    assert run_in_processes(os.getpid, [()], 4, on_done=lambda k, r: seen.append(k)) == [
        os.getpid()
    ]
    assert run_in_processes(abs, [(-2,), (3,)], 1) == [2, 3] and seen == [0]
    assert not multiprocessing.active_children()


def test_a_stop_interrupts_the_pools_own_workers_and_no_other_process():
    # A failed call stopped every child process started since its pool was made: the workers
    # of a fit in another thread (which then raised KeyboardInterrupt) and the caller's own.
    import time

    from lstmkit._pool import _Workers

    workers = _Workers(1)
    other = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(0.2,))
    other.start()
    workers.stop()
    other.join(timeout=30)
    assert other.exitcode == 0  # 1 (KeyboardInterrupt) or -2 when stop() interrupted it


def test_a_stop_without_the_pools_list_of_workers_interrupts_the_children_since_the_pool():
    # stop() reads the pool's private _processes (Python 3.11 to 3.13); a Python without it
    # signalled nothing, and a failed call waited for the running ones to finish
    import time

    from lstmkit._pool import _Workers

    class Listless:
        def shutdown(self, wait: bool, cancel_futures: bool) -> None:
            pass

    workers = _Workers.__new__(_Workers)
    workers.older, workers.pool = {c.pid for c in multiprocessing.active_children()}, Listless()
    child = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(30,))
    child.start()
    time.sleep(0.5)  # past its start-up, where a Ctrl-C stops the sleep
    workers.stop()
    child.join(timeout=30)
    assert child.exitcode not in (0, None)  # 1 (KeyboardInterrupt) or -2


def test_a_worker_dying_while_the_first_calls_are_submitted_raises_instead_of_hanging(
    monkeypatch,
):
    # From Python 3.12 the pool's thread holds the pool's lock while it fails the calls of a
    # dead worker, and their callbacks take the run's lock: this process held that one while it
    # submitted the first calls (waiting for the pool's lock), and both waited for good.
    import threading
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    import lstmkit._pool as pool_module

    class DyingPool:
        """Its first call's worker dies as the second call comes (the pool's thread then holds
        the lock while it fails the first call, as Python 3.12's does)."""

        def __init__(self) -> None:
            self.lock, self.futures = threading.Lock(), []

        def submit(self, fn, *args):
            with self.lock:
                if self.futures:
                    raise BrokenProcessPool("a worker died")
                self.futures.append(Future())
            held = threading.Event()
            threading.Thread(target=self.fail_first, args=(held,), daemon=True).start()
            held.wait()
            return self.futures[0]

        def fail_first(self, held: threading.Event) -> None:
            with self.lock:
                held.set()
                threading.Event().wait(0.1)  # the second submit now waits for the lock
                self.futures[0].set_exception(BrokenProcessPool("a worker died"))

        def shutdown(self, wait=True, cancel_futures=False) -> None:
            pass

    class DyingWorkers:
        def __init__(self, size: int) -> None:
            self.size, self.pool = size, DyingPool()

        def stop(self) -> None:
            pass

    monkeypatch.setattr(pool_module, "_Workers", DyingWorkers)
    raised = []

    def run() -> None:
        try:
            run_in_processes(abs, [(-1,), (-2,), (-3,)], 3)
        except BrokenProcessPool as error:
            raised.append(str(error))

    caller = threading.Thread(target=run, daemon=True)
    caller.start()
    caller.join(timeout=10)
    assert not caller.is_alive() and len(raised) == 1
    assert raised[0].startswith(
        "a worker process died while it ran call 1 of 3 of abs or call 2 of 3 of abs: "
    )


def test_a_thread_in_a_copy_of_a_kept_workers_context_starts_its_own_pool():
    # asyncio.to_thread runs a call in a copy of the caller's context: two of them in a
    # kept_workers() block shared its pool, and one's failure stopped the other's workers.
    import contextvars
    import threading

    from lstmkit._pool import _workers, kept_workers

    got = {}
    with kept_workers():
        got["here"] = _workers(1)
        context = contextvars.copy_context()
        thread = threading.Thread(target=lambda: got.update(there=context.run(_workers, 1)))
        thread.start()
        thread.join()
        assert got["here"][1] is True and got["there"][1] is False
        assert got["there"][0] is not got["here"][0]
        assert _workers(1) == (got["here"][0], True)  # this thread's calls still share it
        got["there"][0].pool.shutdown()


def test_calls_here_in_two_threads_at_once_give_the_callers_thread_count_back():
    # A call here in one thread read the 1 that another thread's call had set (torch's count
    # for the process) as the count to put back, and left the process on one thread: every new
    # thread (an ensemble in each of two threads with num_threads=None, two sentiment ones).
    import threading

    import torch

    from lstmkit._pool import _call_here

    first_in, second_in, first_done = (threading.Event() for _ in range(3))

    def first() -> None:
        first_in.set()
        second_in.wait(10)

    def second() -> None:
        second_in.set()
        first_done.wait(10)

    def run_first() -> None:
        _call_here(first, ())
        first_done.set()

    before = torch.get_num_threads()
    torch.set_num_threads(3)
    try:
        threads = [threading.Thread(target=run_first)]
        threads[0].start()
        first_in.wait(10)  # the first call runs on one thread; the second begins
        threads.append(threading.Thread(target=_call_here, args=(second, ())))
        threads[1].start()
        for thread in threads:
            thread.join(10)
        seen = []  # a new thread starts on the process's count (and so does this one, where
        # it has run nothing parallel yet)
        reader = threading.Thread(target=lambda: seen.append(torch.get_num_threads()))
        reader.start()
        reader.join(10)
        assert seen == [3]
    finally:
        torch.set_num_threads(before)


def test_a_worker_that_dies_is_named_with_its_call_and_what_to_try(monkeypatch):
    # Python's "A process in the process pool was terminated abruptly while the future was
    # running or pending" named neither the call nor what to do (a worker killed for memory)
    from concurrent.futures.process import BrokenProcessPool

    import lstmkit._pool as pool_module

    # workers that do not import torch (seconds): each runs the code it is sent, which kills
    # it; this process's own calls do nothing
    monkeypatch.setattr(pool_module, "_hold_interrupts", int)
    monkeypatch.setattr(pool_module, "_call", exec)
    monkeypatch.setattr(pool_module, "_call_here", lambda fn, args: None)
    die = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
    with pytest.raises(BrokenProcessPool) as err:
        run_in_processes(die, [{}, {}], 2, name=lambda k: f"member {k + 1} of 2 (seed {k + 7})")
    assert str(err.value) == (
        "a worker process died while it ran member 1 of 2 (seed 7): killed by signal SIGKILL "
        "(by the system for lack of memory, perhaps: each worker holds its own torch and copy "
        "of the data). Try jobs=1 (CLI: --jobs 1), which runs every call in this process, one "
        "at a time."
    )
    assert isinstance(err.value.__cause__, BrokenProcessPool)  # Python's own, chained
    assert not multiprocessing.active_children()
    # A worker that exits with a code: an error as it started, most often a script without
    # `if __name__ == "__main__":` (each worker runs it again and fails to start its own
    # workers). Blamed on memory or a signal, the message hid the advice that fixes it.
    with pytest.raises(BrokenProcessPool) as err:
        run_in_processes("import os; os._exit(3)", [{}, {}], 2)
    assert str(err.value) == (
        "a worker process died while it ran call 1 of 2 of import os; os._exit(3): it exited "
        "with code 3, as a worker that fails to start does (its traceback is above): a script "
        'runs again in each worker, so its fit belongs under `if __name__ == "__main__":`. Try '
        "jobs=1 (CLI: --jobs 1), which runs every call in this process, one at a time."
    )
    assert not multiprocessing.active_children()
    # where no worker's end is known, either
    assert "killed by the system for lack of memory, perhaps (each worker holds its own " in (
        pool_module._died([0], 1, abs, None, [])
    )
    # without names, the calls' numbers and function
    assert pool_module._died([0, 2], 3, abs, None).startswith(
        "a worker process died while it ran call 1 of 3 of abs or call 3 of 3 of abs: "
    )
    assert pool_module._died([0, 1, 3], 5, abs, lambda k: f"member {k + 1} of 5").startswith(
        "a worker process died while it ran member 1 of 5, member 2 of 5 or member 4 of 5: "
    )


def test_kept_workers_one_of_which_died_between_calls_are_started_again(monkeypatch):
    # A kept worker killed while idle (for memory, between a backtest's origins) broke the
    # pool: the next call raised "a worker process died while it ran call 1 of 2", which it
    # never had. Its pool is replaced, as after a call that failed.
    import os
    import signal
    import time

    import lstmkit._pool as pool_module
    from lstmkit._pool import kept_workers

    monkeypatch.setattr(pool_module, "_hold_interrupts", int)
    monkeypatch.setattr(pool_module, "_call", pool_module._logged)  # exec, no torch threads
    monkeypatch.setattr(pool_module, "_call_here", lambda fn, args: "here")
    calls = [("pass", {}), ("pass", {})]
    with kept_workers():
        # the first call goes to the worker
        assert run_in_processes(exec, calls, 2) == [None, "here"]
        (workers,) = pool_module._kept_here()
        for process in list(workers.pool._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
            process.join(10)
        waited = time.monotonic()
        while not workers.pool._broken and time.monotonic() - waited < 10:
            time.sleep(0.01)  # until the pool's thread has seen it
        assert run_in_processes(exec, calls, 2) == [None, "here"]
        assert pool_module._kept_here()[0] is not workers
    assert not multiprocessing.active_children()


def test_a_dead_workers_exit_code_is_read_when_the_pools_thread_reaped_it_first():
    # The pool's own thread joins the workers of a broken pool too; where it reaps the dead one
    # first, join here returned at once with no exit code (waitpid: no such child), and the
    # message blamed memory "or a signal" where the worker was killed by SIGKILL (half the
    # runs of the test above failed so on a quiet machine)
    from types import SimpleNamespace

    import lstmkit._pool as pool_module

    class Reaped:  # join returns without the code twice, then the other thread has set it
        joins = 0

        @property
        def exitcode(self):
            return -9 if self.joins >= 3 else None

        def join(self, timeout=None):
            self.joins += 1

    dead = Reaped()
    workers = SimpleNamespace(pool=SimpleNamespace(_processes={101: dead}))
    assert pool_module._exit_codes(workers) == [-9]
    assert dead.joins == 3

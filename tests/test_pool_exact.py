"""run_in_processes' bookkeeping, exactly and fast: workers stand in as threads, so how the calls
are shared between this process and the workers, the order of the results, the pools kept and
the messages of a dead worker are checked without starting a process."""

from __future__ import annotations

import signal
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

import pytest
import torch

import lstmkit._pool as pool_module
from lstmkit._pool import kept_workers, run_in_processes


class _ThreadWorkers:
    """A pool of ``size`` threads in place of worker processes."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pool = ThreadPoolExecutor(size)

    def stop(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture
def made(monkeypatch) -> list[_ThreadWorkers]:
    """The pools run_in_processes makes, of threads; a worker's call runs as it is."""
    pools: list[_ThreadWorkers] = []

    def workers(size: int) -> _ThreadWorkers:
        pools.append(_ThreadWorkers(size))
        return pools[-1]

    monkeypatch.setattr(pool_module, "_Workers", workers)
    monkeypatch.setattr(pool_module, "_call", lambda fn, args: (fn(*args), []))  # no records
    return pools


def _where() -> object:
    """A call ``k`` that says where it ran; a worker's ends only after this process's first."""
    here = threading.get_ident()
    done_here = threading.Event()

    def where(k: int) -> tuple[int, str]:
        if threading.get_ident() == here:
            done_here.set()
            return k, "here"
        done_here.wait(2)
        return k, "worker"

    return where


def test_the_workers_take_the_first_calls_and_this_process_the_next(made):
    where = _where()
    seen: list[int] = []
    out = run_in_processes(where, [(0,), (1,)], 2, on_done=lambda k, r: seen.append(k))
    assert out == [(0, "worker"), (1, "here")]  # in call order, not in the order they ended
    assert seen == [1, 0]  # each reported as it ended
    assert [p.size for p in made] == [1] and made[0].pool._shutdown  # not kept: shut down
    where = _where()
    out = run_in_processes(where, [(k,) for k in range(5)], 3)
    assert [p.size for p in made] == [1, 2]  # jobs - 1 workers
    assert out[:3] == [(0, "worker"), (1, "worker"), (2, "here")]
    assert [k for k, _ in out] == [0, 1, 2, 3, 4]


def test_no_more_workers_than_calls_beside_this_process(made):
    assert run_in_processes(abs, [(-1,), (-2,), (-3,)], 10) == [1, 2, 3]
    assert [p.size for p in made] == [2]


def test_kept_workers_serve_calls_of_the_same_size_and_are_replaced_for_another(made):
    with kept_workers():
        kept = pool_module._kept_here()
        for jobs in (2, 2, 3, 3):
            assert run_in_processes(abs, [(-1,), (-2,), (-3,)], jobs) == [1, 2, 3]
        assert [p.size for p in made] == [1, 2]
        assert made[0].pool._shutdown and not made[1].pool._shutdown
        with kept_workers():  # nested: the outer block's pools
            assert pool_module._kept_here() is kept
            assert run_in_processes(abs, [(-1,), (-2,), (-3,)], 3) == [1, 2, 3]
        assert kept == [made[1]] and len(made) == 2 and not made[1].pool._shutdown
    assert made[1].pool._shutdown and pool_module._kept_here() is None


def test_calls_here_run_on_one_torch_thread_and_give_the_count_back():
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        seen: list[tuple[int, int]] = []
        out = run_in_processes(
            torch.get_num_threads, [(), ()], 1, on_done=lambda k, r: seen.append((k, r))
        )
        assert out == [1, 1] and seen == [(0, 1), (1, 1)]
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


_ADVICE = " Try jobs=1 (CLI: --jobs 1), which runs every call in this process, one at a time."


@pytest.mark.parametrize(
    ("codes", "how"),
    [
        # the others, stopped with SIGTERM once one died, come after the dead one's code
        (
            [-signal.SIGTERM, -signal.SIGKILL],
            "killed by signal SIGKILL (by the system for lack of memory, perhaps: each worker "
            "holds its own torch and copy of the data)",
        ),
        ([-signal.SIGTERM], "killed by signal SIGTERM"),
        ([-200], "killed by signal 200"),  # no signal Python knows
        (
            [0],
            "it exited with code 0, as a worker that fails to start does (its traceback is "
            "above): a script runs again in each worker, so its fit belongs under "
            '`if __name__ == "__main__":`',
        ),
    ],
)
def test_a_dead_workers_message_says_how_it_ended(codes, how):
    assert pool_module._died([1], 2, abs, None, codes) == (
        f"a worker process died while it ran call 2 of 2 of abs: {how}.{_ADVICE}"
    )


def test_workers_still_running_at_the_deadline_give_no_exit_code(monkeypatch):
    class Process:
        def __init__(self, code):
            self.exitcode = code

        def join(self, timeout=None):
            pass

    clock = iter(range(0, 100))  # each reading a second later: the deadline passes at once
    monkeypatch.setattr(pool_module, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    workers = SimpleNamespace(pool=SimpleNamespace(_processes={1: Process(None), 2: Process(-9)}))
    assert pool_module._exit_codes(workers) == [-9]


class _DyingPool:
    """A pool whose calls never run: :meth:`die` fails them all, as a dead worker does."""

    def __init__(self) -> None:
        self.pending: list[Future] = []

    def submit(self, fn, *args) -> Future:
        self.pending.append(Future())
        return self.pending[-1]

    def die(self) -> None:
        for future in self.pending:
            future.set_exception(BrokenProcessPool("A process in the process pool was terminated"))

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def test_a_dead_worker_names_every_call_the_workers_had_when_it_died(monkeypatch):
    pool = _DyingPool()
    monkeypatch.setattr(
        pool_module, "_Workers", lambda size: SimpleNamespace(size=size, pool=pool, stop=int)
    )
    here: list[int] = []

    def call(k: int) -> None:  # this process's call, during which the workers' two fail
        here.append(k)
        pool.die()

    with pytest.raises(BrokenProcessPool) as err:
        run_in_processes(call, [(0,), (1,), (2,)], 3, name=lambda k: f"member {k + 1} of 3")
    assert here == [2]
    assert str(err.value) == (
        "a worker process died while it ran member 1 of 3 or member 2 of 3: killed by the "
        "system for lack of memory, perhaps (each worker holds its own torch and copy of the "
        f"data), or by a signal.{_ADVICE}"
    )


def test_a_thread_count_block_inside_another_gives_the_outer_ones_count_back():
    before = torch.get_num_threads()
    with pool_module._threads(3):
        with pool_module._threads(2):
            assert torch.get_num_threads() == 2
        assert torch.get_num_threads() == 3
        with pool_module._threads(None):
            assert torch.get_num_threads() == 3
    assert torch.get_num_threads() == before

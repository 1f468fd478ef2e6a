"""The signal plumbing of the trainers, exactly, without a trainer: what the first and the second
signal do inside ``_stop_requests``, what it logs, which handlers it takes and gives back, how
``_returned`` turns a stopped run into an exception, and the SIGTERM and Ctrl-C guards."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from types import SimpleNamespace

import pytest

from lstmkit._interrupts import (
    TrainingInterrupted,
    _raise_terminated,
    _returned,
    _sigint_blocked,
    _sigterm_interrupts,
    _stop_requests,
    _Terminated,
)

ASKED = (
    "{0}: training stops at the end of this step and keeps the best model so far; "
    "{0} again stops at once, keeping nothing"
)


@pytest.fixture
def sigterm_back() -> Iterator[None]:
    """Whatever a test sets SIGTERM to, the process gets its handler back."""
    before = signal.getsignal(signal.SIGTERM)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _own(signum: int, frame: object) -> None:
    """A handler of the caller's own (never called here)."""


def _result(**interrupted: object) -> SimpleNamespace:
    return SimpleNamespace(metrics={"interrupted": interrupted or None})


def test_training_interrupted_carries_the_result_the_signal_and_the_step() -> None:
    stop = TrainingInterrupted("the result", "SIGTERM", 7)
    assert isinstance(stop, KeyboardInterrupt)
    assert (stop.result, stop.signal, stop.step) == ("the result", "SIGTERM", 7)
    assert str(stop) == (
        "training interrupted (SIGTERM) after step 7; the model so far is in `.result` "
        "(uncaught, as in a notebook cell: `sys.last_value.result`)"
    )


def test_the_first_ctrl_c_is_a_request_logged_in_its_own_words(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="lstmkit.train"):
        with _stop_requests() as request:
            assert not request and request.signal is None
            signal.raise_signal(signal.SIGINT)
            assert request.signal == "SIGINT" and bool(request)
    assert caplog.messages == [ASKED.format("Ctrl-C")]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_the_first_sigterm_is_a_request_named_sigterm(caplog, sigterm_back) -> None:
    signal.signal(signal.SIGTERM, _raise_terminated)
    with caplog.at_level(logging.WARNING, logger="lstmkit.train"):
        with _stop_requests() as request:
            signal.raise_signal(signal.SIGTERM)
            assert request.signal == "SIGTERM"
    assert caplog.messages == [ASKED.format("SIGTERM")]
    assert signal.getsignal(signal.SIGTERM) is _raise_terminated


def test_a_second_sigterm_raises_the_command_lines_terminated(sigterm_back) -> None:
    signal.signal(signal.SIGTERM, _raise_terminated)
    with pytest.raises(KeyboardInterrupt) as stopped:
        with _stop_requests():
            signal.raise_signal(signal.SIGTERM)
            signal.raise_signal(signal.SIGTERM)
    assert type(stopped.value) is _Terminated
    assert signal.getsignal(signal.SIGTERM) is _raise_terminated


def test_a_second_ctrl_c_raises_a_plain_keyboard_interrupt() -> None:
    with pytest.raises(KeyboardInterrupt) as stopped:
        with _stop_requests() as request:
            signal.raise_signal(signal.SIGINT)
            assert request.signal == "SIGINT"
            signal.raise_signal(signal.SIGINT)
    assert type(stopped.value) is KeyboardInterrupt
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_only_handlers_that_raise_are_taken_and_only_in_the_main_thread(sigterm_back) -> None:
    signal.signal(signal.SIGTERM, _own)
    with _stop_requests():
        assert signal.getsignal(signal.SIGTERM) is _own  # the caller's own
        assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler  # taken
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    seen = []

    def in_a_thread() -> None:
        with _stop_requests() as request:
            seen.append((signal.getsignal(signal.SIGINT), request.signal))

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert seen == [(signal.default_int_handler, None)]


@pytest.mark.parametrize("step", [1, 2])
def test_a_run_stopped_after_a_step_raises_training_interrupted_with_it(step: int) -> None:
    result = _result(signal="SIGINT", step=step)
    with pytest.raises(KeyboardInterrupt) as stopped:  # a plain one would end the test session
        _returned(result)
    assert type(stopped.value) is TrainingInterrupted
    assert (stopped.value.result, stopped.value.signal, stopped.value.step) == (
        result,
        "SIGINT",
        step,
    )


def test_an_ensemble_stopped_before_a_later_members_first_step_keeps_the_earlier() -> None:
    result = _result(signal="SIGTERM", step=0, member=2)
    with pytest.raises(KeyboardInterrupt) as stopped:
        _returned(result)
    assert type(stopped.value) is TrainingInterrupted
    assert (stopped.value.result, stopped.value.signal, stopped.value.step) == (
        result,
        "SIGTERM",
        0,
    )


@pytest.mark.parametrize(
    ("name", "raised", "member"),
    [("SIGINT", KeyboardInterrupt, {}), ("SIGTERM", _Terminated, {"member": 1})],
)
def test_a_run_stopped_before_its_first_step_keeps_nothing(
    name: str, raised: type, member: dict[str, int]
) -> None:
    with pytest.raises(KeyboardInterrupt) as stopped:
        _returned(_result(signal=name, step=0, **member))
    assert type(stopped.value) is raised
    assert str(stopped.value) == (
        f"training interrupted ({name}) before its first step: nothing to keep"
    )


def test_a_run_not_stopped_is_returned_as_it_is() -> None:
    result = _result()
    assert _returned(result) is result


def test_sigterm_raises_only_over_the_default_action(sigterm_back) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with _sigterm_interrupts():
        assert signal.getsignal(signal.SIGTERM) is _raise_terminated
        with pytest.raises(_Terminated):
            signal.raise_signal(signal.SIGTERM)
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    for kept in (_own, signal.SIG_IGN):
        signal.signal(signal.SIGTERM, kept)
        with _sigterm_interrupts():
            assert signal.getsignal(signal.SIGTERM) is kept
        assert signal.getsignal(signal.SIGTERM) is kept


def test_ctrl_c_is_held_back_in_the_block_and_delivered_on_leaving() -> None:
    reached = []
    with pytest.raises(KeyboardInterrupt):
        with _sigint_blocked():
            assert signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
            signal.raise_signal(signal.SIGINT)  # pending, not raised here
            reached.append("end of block")
    assert reached == ["end of block"]
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())

"""Random draws on their generator's device under another default device (training's batches,
seq2seq's numbers and shuffles, sentiment's word dropout, the demo's batches); a worker's error
or result that does not come back to this process as it is."""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
import queue
import re
import sys
from concurrent.futures.process import BrokenProcessPool
from types import SimpleNamespace

import pytest
import torch
from torch import nn

from lstmkit import _pool
from lstmkit._checks import progress_bar
from lstmkit._pool import run_in_processes
from lstmkit.cli import main
from lstmkit.cli.demo import _batch
from lstmkit.explain import random_relevance
from lstmkit.nn import GRU
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import SentimentConfig, drop_words, fit_classifier
from lstmkit.text.seq2seq import Seq2SeqConfig, train_numbers
from lstmkit.train import TrainConfig, fit, iterate_batches

CUDA_SAYS = "Expected a 'cuda' device type for generator but found 'cpu'"


def _drawn_elsewhere(real):
    def draw(*args, **kwargs):
        if "device" not in kwargs:
            if kwargs.get("generator") is not None:
                raise RuntimeError(CUDA_SAYS)
            kwargs["device"] = "meta"
        return real(*args, **kwargs)

    return draw


def _default_device_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """torch's draws from here on as under ``torch.set_default_device("cuda")`` on a machine
    without CUDA: a draw without ``device=`` is made on the default device (meta stands in for
    CUDA), where a CPU generator fails with CUDA's message."""
    for name in ("rand", "randint", "randperm"):
        monkeypatch.setattr(torch, name, _drawn_elsewhere(getattr(torch, name)))


COLUMN = torch.arange(10, 15)


def _sliced(shuffle: bool, limit: int | None) -> list[list[int]]:
    generator = torch.Generator().manual_seed(0)
    out = iterate_batches((COLUMN,), 2, shuffle, generator, limit=limit)
    return [column.tolist() for (column,) in out]


@pytest.mark.parametrize(
    ("shuffle", "limit", "expected"),
    [
        # the seed 0's randperm(5): 4, 0, 1, 3, 2
        (True, None, [[14, 10], [11, 13], [12]]),
        (True, 3, [[14, 10], [11]]),
        (False, 3, [[10, 11], [14]]),
    ],
)
def test_iterate_batches_draws_on_its_generators_device(monkeypatch, shuffle, limit, expected):
    # the order was drawn on the default device, where the CPU generator failed
    _default_device_elsewhere(monkeypatch)
    assert _sliced(shuffle, limit) == expected


def test_iterate_batches_in_order_keeps_its_order_on_the_cpu_under_another_default_device():
    # torch.arange(n) went to the default device: "Cannot copy out of meta tensor" here
    torch.set_default_device("meta")
    try:
        got = _sliced(False, None)
    finally:
        torch.set_default_device(None)
    assert got == [[10, 11], [12, 13], [14]]


def _fitted_weight() -> list[float]:
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    x = torch.linspace(-1, 1, 6).unsqueeze(1)
    config = TrainConfig(epochs=2, batch_size=2, lr=0.1, progress=False, shuffle=True)
    fit(
        model,
        lambda m, batch: nn.functional.mse_loss(m(batch[0]), batch[1]),
        (x, 2 * x),
        config=config,
    )
    return model.weight.flatten().tolist()


def test_fit_shuffles_under_another_default_device_as_on_the_cpu(monkeypatch):
    plain = _fitted_weight()
    _default_device_elsewhere(monkeypatch)
    assert _fitted_weight() == plain


TINY_S2S = {"max_digits": 2, "train_size": 12, "test_size": 4, "hidden_size": 6, "epochs": 1}


def test_train_numbers_under_another_default_device_as_on_the_cpu(monkeypatch):
    # the split's shuffle and each epoch's order drew on the default device too
    plain = train_numbers(Seq2SeqConfig(**TINY_S2S, progress=False)).metrics
    _default_device_elsewhere(monkeypatch)
    again = train_numbers(Seq2SeqConfig(**TINY_S2S, progress=False)).metrics
    # split_numbers' draws since revlm37 (each digit count its share): 3.56344, [82, 1, 83, 66]
    assert again["final_loss"] == plain["final_loss"] == pytest.approx(3.55143, abs=1e-5)
    assert [e["number"] for e in again["errors"]] == [e["number"] for e in plain["errors"]]
    assert [e["number"] for e in plain["errors"]] == [9, 70, 79, 83]


def test_drop_words_draws_on_the_tokens_device_without_a_generator(monkeypatch):
    # the hits were drawn on the default device and met the CPU tokens there (mixed devices
    # under CUDA); a sentiment training with word_dropout > 0 failed at its first step
    tokens = torch.tensor([[5, 6, 7, 8, 9], [4, 3, 0, 0, 0]])
    torch.manual_seed(4)
    plain = drop_words(tokens, 0.4).tolist()
    _default_device_elsewhere(monkeypatch)
    torch.manual_seed(4)
    assert drop_words(tokens, 0.4).tolist() == plain == [[5, 6, 1, 1, 1], [1, 3, 0, 0, 0]]
    got = drop_words(tokens, 0.4, torch.Generator().manual_seed(3))
    assert got.tolist() == [[1, 1, 1, 1, 9], [1, 3, 0, 0, 0]]


def _fit_classifier() -> list[float]:
    torch.manual_seed(0)
    model = TextClassifier(6, 4, 3, 2)
    mask = torch.tensor([[True, False], [False, True], [True, False]])
    config = SentimentConfig(
        embed_dim=4, hidden_size=3, batch_size=2, epochs=2, word_dropout=0.5, progress=False
    )
    fit = fit_classifier(model, ([[2, 3], [4], [5, 2, 3]], mask), ([[2], [3]], [0, 1]), config)
    assert fit["steps"] == 4
    return model.head.bias.tolist()


def test_fit_classifier_with_word_dropout_under_another_default_device_as_on_the_cpu(
    monkeypatch,
):
    plain = _fit_classifier()
    _default_device_elsewhere(monkeypatch)
    assert _fit_classifier() == plain == pytest.approx([0.337594, 0.109000], abs=1e-6)


def test_demo_draws_its_batches_on_its_generators_device(monkeypatch, capsys):
    assert main(["demo", "--epochs", "3"]) == 0
    plain = capsys.readouterr().out
    _default_device_elsewhere(monkeypatch)
    assert main(["demo", "--epochs", "3"]) == 0
    assert capsys.readouterr().out == plain
    assert "accuracy after 3 updates: 53.1% (chance 50%)" in plain


def test_demo_batches_move_to_the_models_device():
    # drawn on the CPU generator's device, the batch then goes where the model was built
    x, y = _batch(2, 3, torch.Generator().manual_seed(0), torch.device("meta"))
    assert (x.device.type, y.device.type, tuple(x.shape)) == ("meta", "meta", (2, 3, 1))


class _LastState(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = GRU(2, 3, batch_first=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.rnn(x)[1][-1]


def test_random_relevance_draws_on_its_generators_device(monkeypatch):
    torch.manual_seed(0)
    model, x = _LastState(), torch.zeros(1, 3, 2)
    expected = torch.rand(1, 3, generator=torch.Generator().manual_seed(3), dtype=torch.float64)
    assert random_relevance(model, x, 0, seed=3).relevance.tolist() == expected.tolist()
    _default_device_elsewhere(monkeypatch)
    assert random_relevance(model, x, 0, seed=3).relevance.tolist() == expected.tolist()


# A worker's error that does not come back as it is: its type and text, not a dead worker


_FAILING = """
class Failed(ValueError):
    def __init__(self, what, why):
        super().__init__(f"{what} failed: {why}")
"""


@pytest.fixture
def failing_module(tmp_path, monkeypatch) -> str:
    """A module that the workers import too (they start with this process's ``sys.path``)."""
    (tmp_path / "devgen_failing.py").write_text(_FAILING)
    monkeypatch.syspath_prepend(str(tmp_path))
    return "devgen_failing"


def test_a_workers_error_that_cannot_be_rebuilt_here_comes_by_type_and_text(failing_module, caplog):
    # pickled with its args (its one message) alone, it broke the pool in this process
    # ("Failed.__init__() missing 1 required positional argument"), and the message blamed a
    # worker killed by SIGTERM
    caplog.set_level(logging.WARNING)
    code = (
        f"import logging\nfrom {failing_module} import Failed\n"
        "logging.getLogger('lstmkit.devgen').warning('before the failure')\n"
        "raise Failed('member 1', 'no data')"
    )
    with pytest.raises(ValueError) as info:
        run_in_processes(exec, [(code, {}), ("pass", {})], 2)
    assert type(info.value) is ValueError  # the nearest built-in type: `except ValueError` holds
    assert str(info.value) == (
        "devgen_failing.Failed: member 1 failed: no data (raised in a worker process, which "
        "cannot send a devgen_failing.Failed to this one: TypeError: Failed.__init__() missing "
        "1 required positional argument: 'why')"
    )
    assert [r.getMessage() for r in caplog.records] == ["before the failure"]


def test_a_workers_error_that_does_not_pickle_comes_by_type_and_text():
    # the pool sent the pickling error alone: "cannot pickle '_thread.lock' object"
    code = (
        "import threading\nerror = KeyError('no such column')\n"
        "error.lock = threading.Lock()\nraise error"
    )
    with pytest.raises(KeyError) as info:
        run_in_processes(exec, [(code, {}), ("pass", {})], 2)
    assert info.value.args == (
        "KeyError: 'no such column' (raised in a worker process, which cannot send a KeyError "
        "to this one: TypeError: cannot pickle '_thread.lock' object)",
    )


def test_a_result_that_cannot_be_rebuilt_here_is_named_as_such(failing_module):
    # a result of the worker that this process cannot unpickle: "killed by signal SIGTERM"
    made = f"__import__({failing_module!r}).Failed('a', 'b')"
    with pytest.raises(BrokenProcessPool) as info:
        run_in_processes(eval, [(made,), ("1",)], 2, name=lambda k: f"member {k + 1} of 2")
    assert str(info.value) == (
        "this process could not read what a worker process sent back while the workers ran "
        "member 1 of 2 (TypeError: Failed.__init__() missing 1 required positional argument: "
        "'why'): a result or an error that pickles in the worker but cannot be rebuilt here. "
        "Try jobs=1 (CLI: --jobs 1), which runs every call in this process, one at a time."
    )
    assert not multiprocessing.active_children()


# A worker's records logged again through handlers that hold no `stream` of their own

_LOGGER = "lstmkit.devgen"


def _record(text: str = "member 2 cut short", level: int = logging.WARNING) -> logging.LogRecord:
    return logging.makeLogRecord(
        {"name": _LOGGER, "levelno": level, "levelname": logging.getLevelName(level), "msg": text}
    )


def _written_while_a_bar_is_drawn(
    capsys, monkeypatch, handler: logging.Handler, records: list | None = None
) -> str:
    """What ``records`` (a WARNING by default) logged again through ``handler`` wrote on stderr
    after the bar's first draw there."""
    logger = logging.getLogger(_LOGGER)
    monkeypatch.setattr(logger, "handlers", [handler])
    monkeypatch.setattr(logger, "propagate", False)
    monkeypatch.setattr(logger, "level", logging.INFO)
    bar = progress_bar(True, total=3, desc="fit")
    assert capsys.readouterr().err.startswith("\rfit:   0%")
    _pool._log_again([_record()] if records is None else records)
    written = capsys.readouterr().err
    bar.close()
    return written


class _ConsoleHandler(logging.Handler):
    """A handler that writes through a console object, as rich's ``RichHandler`` does (its
    ``console.file``, stdout by default), and has no ``stream``."""

    def __init__(self, file) -> None:
        super().__init__()
        self.console = SimpleNamespace(file=file)

    def emit(self, record: logging.LogRecord) -> None:
        self.console.file.write(f"[console] {record.getMessage()}\n")


ABOVE_THE_BAR = r"\r +\r{}\n\rfit:   0%\| +\| 0/3 \[.*\]"


def test_a_console_handlers_line_prints_above_the_bar(capsys, monkeypatch):
    # it holds no `stream`: its line ran on from the end of the bar's
    handler = _ConsoleHandler(sys.stderr)
    written = _written_while_a_bar_is_drawn(capsys, monkeypatch, handler)
    assert re.fullmatch(ABOVE_THE_BAR.format(r"\[console\] member 2 cut short"), written)


def test_a_console_handler_on_stdout_clears_the_bar_on_stderr_too(capsys, monkeypatch):
    # stdout and stderr share the terminal: the line on stdout ran on from the bar's
    handler = _ConsoleHandler(sys.stdout)
    written = _written_while_a_bar_is_drawn(capsys, monkeypatch, handler)
    assert re.fullmatch(r"\r +\r\rfit:   0%\| +\| 0/3 \[.*\]", written)


def test_a_memory_handlers_line_prints_above_the_bar_where_it_hands_it_on_at_once(
    capsys, monkeypatch
):
    on_stderr = logging.StreamHandler(sys.stderr)
    at_once = logging.handlers.MemoryHandler(10, logging.WARNING, target=on_stderr)
    written = _written_while_a_bar_is_drawn(capsys, monkeypatch, at_once)
    assert re.fullmatch(ABOVE_THE_BAR.format("member 2 cut short"), written)
    # kept until an error comes: nothing written, the bar left as it is
    later = logging.handlers.MemoryHandler(10, target=on_stderr)
    assert _written_while_a_bar_is_drawn(capsys, monkeypatch, later) == ""
    assert [r.getMessage() for r in later.buffer] == ["member 2 cut short"]


def test_a_queue_handler_leaves_the_bar_as_it_is(capsys, monkeypatch):
    # its listener writes later, in its own thread: no line to clear the bar for
    records: queue.SimpleQueue = queue.SimpleQueue()
    handler = logging.handlers.QueueHandler(records)
    assert _written_while_a_bar_is_drawn(capsys, monkeypatch, handler) == ""
    assert records.get_nowait().getMessage() == "member 2 cut short"


# reviewer revdev: a MemoryHandler hands its buffer on as a record fills it, too


def test_a_full_memory_handlers_lines_print_above_the_bar(capsys, monkeypatch):
    # a warning under its flushLevel that fills its buffer is handed on at once as well, with
    # those kept before it: their lines ran on from the end of the bar's
    handler = logging.handlers.MemoryHandler(2, target=logging.StreamHandler(sys.stderr))
    handler.buffer.append(_record("member 1 cut short"))
    written = _written_while_a_bar_is_drawn(capsys, monkeypatch, handler)
    assert re.fullmatch(
        r"\r +\rmember 1 cut short\nmember 2 cut short\n\rfit:   0%\| +\| 0/3 \[.*\]", written
    )
    assert handler.buffer == []


def test_a_memory_handler_with_room_left_keeps_the_bar_as_it_is(capsys, monkeypatch):
    handler = logging.handlers.MemoryHandler(3, target=logging.StreamHandler(sys.stderr))
    handler.buffer.append(_record("member 1 cut short"))
    got = _written_while_a_bar_is_drawn(capsys, monkeypatch, handler, [_record("member 2")])
    assert got == ""
    assert [r.getMessage() for r in handler.buffer] == ["member 1 cut short", "member 2"]


# reviewer revlrp: the target writes what the flush hands it, whatever the target's level


def test_a_memory_handlers_flush_prints_above_the_bar_whatever_its_targets_level(
    capsys, monkeypatch
):
    # an INFO that fills the buffer flushes the WARNING kept before it: the flush hands both to
    # target.handle, which reads no level, so both are written; read with the target's level
    # (WARNING), the INFO was taken to write nothing, and the lines ran on from the bar's
    target = logging.StreamHandler(sys.stderr)
    target.setLevel(logging.WARNING)
    handler = logging.handlers.MemoryHandler(2, target=target)
    handler.buffer.append(_record("member 1 cut short"))
    info = _record("member 2 stopped early", logging.INFO)
    written = _written_while_a_bar_is_drawn(capsys, monkeypatch, handler, [info])
    assert re.fullmatch(
        r"\r +\rmember 1 cut short\nmember 2 stopped early\n\rfit:   0%\| +\| 0/3 \[.*\]",
        written,
    )
    assert handler.buffer == []


def test_records_that_fill_a_memory_handlers_buffer_together_print_above_the_bar(
    capsys, monkeypatch
):
    # each record was asked alone whether it filled the buffer (empty, room for 3): none did,
    # and the third's flush wrote all three on from the end of the bar's line
    handler = logging.handlers.MemoryHandler(3, target=logging.StreamHandler(sys.stderr))
    records = [_record(f"member {k} stopped early", logging.INFO) for k in (1, 2, 3)]
    written = _written_while_a_bar_is_drawn(capsys, monkeypatch, handler, records)
    assert re.fullmatch(
        r"\r +\rmember 1 stopped early\nmember 2 stopped early\nmember 3 stopped early\n"
        r"\rfit:   0%\| +\| 0/3 \[.*\]",
        written,
    )
    assert handler.buffer == []


def test_records_that_leave_room_in_a_memory_handlers_buffer_leave_the_bar_as_it_is(
    capsys, monkeypatch
):
    handler = logging.handlers.MemoryHandler(4, target=logging.StreamHandler(sys.stderr))
    handler.buffer.append(_record("member 1 stopped early", logging.INFO))
    records = [_record(f"member {k} stopped early", logging.INFO) for k in (2, 3)]
    assert _written_while_a_bar_is_drawn(capsys, monkeypatch, handler, records) == ""
    assert len(handler.buffer) == 3

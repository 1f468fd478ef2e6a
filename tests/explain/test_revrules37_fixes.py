"""revrules37: occlusion's and integrated gradients' quick batches run in the caller's thread."""

from __future__ import annotations

import threading

import pytest
import torch
from torch import nn

from lstmkit.explain import explain


class _Small(nn.Module):
    """x [B, T, 1] → a 2-unit LSTM → head, noting the thread each call runs in."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(1, 2, batch_first=True)
        self.head = nn.Linear(2, 1)
        self.threads: list[str] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.threads.append(threading.current_thread().name)
        return self.head(self.rnn(x)[1][0][-1])


@pytest.fixture
def one_torch_thread():
    """torch on one thread during the test: on two busy cores, two threads' OpenMP spinning
    made one call of a 2-unit LSTM take 0.2 to 1.5 s now and then, timed as a slow model."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.parametrize(
    ("method", "steps", "options"), [("occlusion", 16, {}), ("ig", 32, {"steps": 8})]
)
def test_quick_batches_of_occlusion_and_ig_run_in_the_callers_thread(
    one_torch_thread, method, steps, options
) -> None:
    # every batch of 256 tokens and more ran in a thread of its own, a millisecond each (1,000
    # occlusions of 24 steps of 3 inputs: 8.3-9.3 s -> 10.5-11.5 s) for batches of a
    # millisecond or less; the first call's time (0.2-0.5 ms) puts these far below 0.05 s.
    # Of five runs one may be timed slow on a busy machine, not all five
    torch.manual_seed(0)
    model = _Small()
    x = torch.randn(1, steps, 1)  # occlusion: 16 windows of 16 steps; ig: 8 points of 32 steps
    runs = []
    for _ in range(5):
        model.threads.clear()
        explain(model, x, 0, method=method, **options)
        runs.append(set(model.threads))
    assert {threading.current_thread().name} in runs


def test_readme_tells_decoder_relevance_csvs_step_from_its_forecast_step() -> None:
    # decoder_relevance.csv holds `step` (the decoder's future step of the row) and, since
    # rules37, `forecast_step` (the step explained) on every row; the README named the four
    # new columns but not which step is which
    from pathlib import Path

    text = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8").split())
    assert (
        "`relevance:NAME`, and the four columns of what was explained: there `step` is the future "
        "step whose decoder inputs the row holds, 1 to `forecast_step`, the step explained, the "
        "same on every row)"
    ) in text


@pytest.mark.parametrize("method", ["gradxinput", "sensitivity"])
def test_quick_calls_of_gradxinput_and_sensitivity_run_in_the_callers_thread(
    one_torch_thread, method
) -> None:
    # exleft37: their one forward and backward runs through _interruptible now; over 256 steps
    # in all (16 windows of 24 steps) a thread cost 50-90 ms a call for 2 ms of work (torch on
    # 1 thread, 2 busy cores). A model not timed yet goes to a thread; one whose last call was
    # timed quick (here random's, in the caller's thread) stays. Of five runs one may be timed
    # slow, not all
    torch.manual_seed(0)
    model = _Small()
    x = torch.randn(16, 24, 1)
    explain(model, x, 0, method=method)
    assert set(model.threads) == {"lstmkit-interruptible"}
    runs = []
    for _ in range(5):
        explain(model, x, 0, method="random")
        model.threads.clear()
        explain(model, x, 0, method=method)
        runs.append(set(model.threads))
    assert {threading.current_thread().name} in runs

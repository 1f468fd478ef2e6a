"""rules37: the README's Explanations walk (rules, baselines, gates) and its left-overs:
occlusion's batches stop at once on Ctrl-C from Python too, relevance.csv says what it holds."""

from __future__ import annotations

import ctypes
import signal
import threading
import time

import pytest
import torch
from torch import nn

from lstmkit import _interrupts
from lstmkit.explain import explain


class _SleepsWhenOccluded(nn.Module):
    """x [B, T, 1] → LSTM → head; a batch of more than one sequence (occlusion's, not the
    first call's) holds a native call of 5 s first: a libc sleep, which releases the GIL."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(1, 2, batch_first=True)
        self.head = nn.Linear(2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.shape[0] > 1:
            ctypes.CDLL(None).sleep(5)
        return self.head(self.rnn(x)[1][0][-1])


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")
def test_occlusion_called_from_python_stops_at_once_on_ctrl_c_amid_a_batch() -> None:
    # occlusion scored its batches of up to 512 windows in the caller's thread, native calls
    # of seconds (336 lags of 3 inputs: 1.5 to 3.3 s each on 2 busy cores) during which
    # Python runs no signal handler: Ctrl-C in a script or a notebook waited for the batch
    torch.manual_seed(0)
    model = _SleepsWhenOccluded()
    x = torch.randn(1, 16, 1)  # one batch of 16 windows of 16 steps: 256 steps read

    def send() -> None:  # to this thread, not the main one, as the kernel may hand it
        time.sleep(0.5)
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)

    sender = threading.Thread(target=send)
    start = time.monotonic()
    sender.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            explain(model, x, 0, method="occlusion")
        took = time.monotonic() - start
    finally:
        sender.join()
        for left in _interrupts._abandoned:  # the sleep ends on its own
            assert left.wait(10)
    assert took < 3.5  # 5 s and more before: the handler ran once the batch returned
    assert not _interrupts._work_left_running()

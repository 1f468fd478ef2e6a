"""rules37: the README's Explanations walk (rules, baselines, gates) and its left-overs:
occlusion's batches stop at once on Ctrl-C from Python too, relevance.csv says what it holds."""

from __future__ import annotations

import csv
import ctypes
import json
import signal
import threading
import time
from pathlib import Path

import pytest
import torch
from torch import nn

from lstmkit import _interrupts
from lstmkit.cli import main
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
@pytest.mark.parametrize("method", ["occlusion", "ig"])
def test_occlusion_and_ig_called_from_python_stop_at_once_on_ctrl_c_amid_a_batch(method) -> None:
    # occlusion scored its batches of up to 512 windows in the caller's thread, native calls
    # of seconds (336 lags of 3 inputs: 1.5 to 3.3 s each on 2 busy cores) during which
    # Python runs no signal handler: Ctrl-C in a script or a notebook waited for the batch;
    # so did integrated gradients' batches of up to 512 points of the path
    torch.manual_seed(0)
    model = _SleepsWhenOccluded()
    x = torch.randn(1, 16, 1)  # one batch of 16 windows (ig: 32 points) of 16 steps

    def send() -> None:  # to this thread, not the main one, as the kernel may hand it
        time.sleep(0.5)
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)

    sender = threading.Thread(target=send)
    start = time.monotonic()
    sender.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            explain(model, x, 0, method=method)
        took = time.monotonic() - start
    finally:
        sender.join()
        for left in _interrupts._abandoned:  # the sleep ends on its own
            assert left.wait(10)
    assert took < 3.5  # 5 s and more before: the handler ran once the batch returned
    assert not _interrupts._work_left_running()


@pytest.fixture(scope="module")
def forecaster_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    folder = tmp_path_factory.mktemp("rules37") / "fc"
    cfg = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2)
    Forecaster(cfg).fit(load_dataset("airline")[:-12]).save(folder)
    return folder


@pytest.mark.parametrize(
    ("flags", "about"),
    [
        ([], ["1", "1960-01-01", "lrp", "network output (scaled)"]),
        (["--step", "1"], ["2", "1960-02-01", "lrp", "network output (scaled)"]),
        (
            ["--step", "1", "--method", "sensitivity"],
            ["2", "1960-02-01", "sensitivity", "squared gradient (scaled)"],
        ),
    ],
)
def test_relevance_csv_says_the_step_the_method_and_the_units_on_every_row(
    forecaster_dir, tmp_path, capsys, flags, about
) -> None:
    # relevance.csv held time, lag and the relevances alone: read on its own (or several
    # runs' files concatenated) it said neither which forecast step, which method, nor in
    # what units; explanation.json beside it did
    out = tmp_path / "out"
    assert main(["explain", str(forecaster_dir), *flags, "--out", str(out)]) == 0
    capsys.readouterr()
    rows = list(csv.reader((out / "relevance.csv").read_text("utf-8").splitlines()))
    tail = ["forecast_step", "forecast_time", "method", "units"]
    assert rows[0] == ["time", "lag", "relevance", "relevance:airline", "relevance:season sin",
                       "relevance:season cos", *tail]  # fmt: skip
    assert [row[0] for row in rows[1:]] == ["1959-09-01", "1959-10-01", "1959-11-01", "1959-12-01"]
    assert [row[-4:] for row in rows[1:]] == [about] * 4
    record = json.loads((out / "explanation.json").read_text("utf-8"))
    assert [record["step"] + 1, record["time"], record["method"]] == [
        int(about[0]),
        about[1],
        about[2],
    ]

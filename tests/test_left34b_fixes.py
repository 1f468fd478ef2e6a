"""left34b: left-overs of the nn core and benchmark walks."""

from __future__ import annotations

import time

import numpy as np
import pytest
import torch

from lstmkit import nn
from lstmkit._checks import ConfigTypeError


def test_pad_batch_bench_times_cpu_not_the_wall_clock(bench_script):
    """pad_batch.py timed the wall clock, which a loaded machine stretched for pad_batch more than
    for pad_sequence (a ratio of 17 to 20 where 1.8 was printed first); it times CPU time now."""
    times = bench_script("pad_batch").cpu_times(lambda: time.sleep(0.01))
    assert len(times) == 3
    assert max(times) < 0.01  # sleeping 0.2 s in 20 calls is 0.2 s by the wall clock


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: nn.LSTM(3, 4.0),
            "`hidden_size` must be a positive integer, got 4.0 (a whole number as a float: "
            "pass int(x)).",
        ),
        (lambda: nn.GRUCell(3, 4.5), "`hidden_size` must be a positive integer, got 4.5."),
        (
            lambda: nn.LSTM(3, 4, num_layers=np.float64(2.0)),
            "`num_layers` must be a positive integer, got np.float64(2.0) (a whole number as a "
            "float: pass int(x)).",
        ),
        (
            lambda: nn.LSTM(3, 4, proj_size=2.0),
            "`proj_size` must be an integer, got 2.0 (a whole number as a float: pass int(x)).",
        ),
    ],
)
def test_a_float_count_is_the_type_error_torch_raises_and_a_value_error(build, message):
    """nn.LSTM(3, 4.0) raised a ValueError alone, where torch.nn.LSTM(3, 4.0) raises a TypeError:
    code catching torch's around a drop-in constructor missed it. It is both now."""
    with pytest.raises(TypeError) as err:
        build()
    assert isinstance(err.value, ValueError)
    assert type(err.value) is ConfigTypeError
    assert str(err.value) == message


def test_a_count_below_one_stays_a_value_error_as_torchs():
    with pytest.raises(ValueError) as err:
        nn.LSTM(3, 0)
    assert type(err.value) is ValueError
    assert str(err.value) == "`hidden_size` must be a positive integer, got 0."


def test_a_direction_a_layer_lacks_lists_the_ints_it_takes():
    """gates(0, direction=1) on a one-direction layer said "must be 'forward', ..., got 1",
    though the int 0 is taken as well."""
    lstm = nn.LSTM(3, 4)
    assert lstm.gates(0, direction=0)["forget"].weight_ih.shape == (4, 3)
    with pytest.raises(ValueError) as err:
        lstm.gates(0, direction=1)
    assert str(err.value) == (
        "`direction` must be 'forward' or 0, the only direction of a layer that is not "
        "bidirectional (bidirectional=False), got 1."
    )
    with pytest.raises(ValueError) as err:
        nn.GRU(3, 4, bidirectional=True).gates(0, direction=2)
    assert str(err.value) == "`direction` must be 'forward', 'reverse', 0 or 1, got 2."


def test_cuda_check_refuses_an_only_word_no_check_holds(bench_refusal, bench_script):
    """--only xyz ran no check and exited 0, "0 of 0 checks ok"; it names the checks now."""
    names = bench_script("cuda_check").check_names(torch.device("cpu"))
    assert len(names) == 29  # the README's "passed its 29 checks"
    assert names[9] == "peephole LSTM explicit on cpu vs cpu, float64"
    assert names[-1] == "lstmkit text spell --device cpu"
    refusal = bench_refusal("cuda_check", ["--device", "cpu", "--only", "xyz", "peephole", "abc"])
    assert refusal == (
        "cuda_check.py: error: --only xyz abc: no check's name holds them; the checks: "
        f"{'; '.join(names)}."
    )
    refusal = bench_refusal("cuda_check", ["--device", "cpu", "--only", "lsmt"])
    assert refusal.startswith(
        "cuda_check.py: error: --only lsmt: no check's name holds it; the checks: LSTM explicit "
        "torch.float64 vs torch.nn on cpu; "
    )

"""revnn25: review of nn25 — every LSTM-only argument of a GRU at once, 'Reverse' gates of a
one-direction layer, GRUCell's sizes before its peephole, a parameter memory cannot hold named,
1000 to 1023 of a unit written in the next one."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstmkit import _memory
from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell


def test_a_gru_given_a_peephole_and_a_projection_is_told_both():
    # only "`peephole=True` applies to LSTM only; GRU has no cell state." was said
    with pytest.raises(ValueError) as err:
        GRU(5, 4, proj_size=2, peephole=True)
    assert str(err.value) == (
        "`peephole=True` applies to LSTM only; GRU has no cell state. `proj_size` applies to "
        "LSTM only (as in torch.nn), got proj_size=2 for a GRU."
    )
    with pytest.raises(ValueError, match=r"^`peephole=True` applies to LSTM only; GRU has no "):
        GRU(5, 4, peephole=np.bool_(True))


@pytest.mark.parametrize("direction", ["Reverse", "REVERSE"])
def test_the_reverse_gates_of_a_one_direction_layer_in_any_case_say_it_is_not_bidirectional(
    direction,
):
    # 'Reverse' was "`direction` must be 'forward', got 'Reverse'.", as a word it did not know
    with pytest.raises(ValueError) as err:
        LSTM(5, 4).gates(direction=direction)
    assert str(err.value) == (
        "`direction` must be 'forward' or 0, the only direction of a layer that is not "
        f"bidirectional (bidirectional=False), got '{direction}'."
    )
    # a bidirectional layer has it: the slip is told the word meant
    with pytest.raises(ValueError) as err:
        LSTM(5, 4, bidirectional=True).gates(direction=direction)
    assert str(err.value) == (
        f"`direction` must be 'forward', 'reverse', 0 or 1, got '{direction}' "
        "(did you mean 'reverse'?)."
    )


def test_a_gru_cell_checks_its_sizes_before_its_peephole_as_the_gru_layer_does():
    # GRUCell(0, 4, peephole=True) told the peephole where GRU(0, 4, peephole=True) told the 0;
    # both are told both now (nn28), the sizes first
    for module, cls in ((GRUCell, "LSTMCell only; GRUCell"), (GRU, "LSTM only; GRU")):
        with pytest.raises(ValueError) as err:
            module(0, 4, peephole=True)
        assert str(err.value) == (
            f"`input_size` must be a positive integer, got 0. `peephole=True` applies to {cls} "
            "has no cell state."
        )


def test_a_parameter_past_torchs_bytes_is_named_with_its_shape_and_size(fake_memory):
    # "Storage size calculation overflowed with sizes=[4000000000000000000, 5]"; where the
    # memory is not known (else it is refused against it first, test_nn28_fixes)
    fake_memory(None, None)
    with pytest.raises(RuntimeError) as err:
        LSTM(5, 10**18)
    assert str(err.value) == (
        "LSTM's `weight_ih_l0` of shape (4000000000000000000, 5) needs 69.4 EiB (float32), "
        "more than torch could allocate."
    )


@pytest.mark.parametrize("refusal", [RuntimeError, torch.cuda.OutOfMemoryError])
def test_a_parameter_memory_cannot_hold_is_named_with_its_shape_and_size(
    monkeypatch, refusal, fake_memory
):
    # LSTM(5, 10**9) on the CPU: "[enforce fail at alloc_cpu.cpp:127] err == 0.
    # DefaultCPUAllocator: can't allocate memory: you tried to allocate 80000000000 bytes. ..."
    # where the memory is not known (else it is refused against it first, test_nn28_fixes)
    fake_memory(None, None)
    empty = torch.empty

    def short_of_memory(*size, **kw):
        if np.prod(size) > 10**7:
            raise refusal("DefaultCPUAllocator: can't allocate memory: you tried to allocate")
        return empty(*size, **kw)

    monkeypatch.setattr(torch, "empty", short_of_memory)
    with pytest.raises(refusal) as err:
        LSTM(5, 10**9)
    assert str(err.value) == (
        "LSTM's `weight_ih_l0` of shape (4000000000, 5) needs 74.5 GiB (float32), more than "
        "torch could allocate."
    )
    with pytest.raises(RuntimeError) as err:
        GRU(4, 10**5, bidirectional=True, bias=False, dtype=torch.float64)
    assert str(err.value) == (
        "GRU's `weight_hh_l0` of shape (300000, 100000) needs 224 GiB (float64), more than "
        "torch could allocate."
    )
    with pytest.raises(RuntimeError) as err:
        LSTMCell(5, 10**9, peephole=True)
    assert str(err.value) == (
        "LSTMCell's `weight_ih` of shape (4000000000, 5) needs 74.5 GiB (float32), more than "
        "torch could allocate."
    )


def test_another_runtime_error_of_torch_empty_is_left_as_torch_says_it(monkeypatch):
    def broken(*size, **kw):
        raise RuntimeError("no such device")

    monkeypatch.setattr(torch, "empty", broken)
    with pytest.raises(RuntimeError, match=r"^no such device$"):
        LSTM(5, 4)


def test_a_layers_parameters_keep_torch_nns_names_and_order():
    lstm = LSTM(5, 4, num_layers=2, proj_size=2, bidirectional=True)
    reference = torch.nn.LSTM(5, 4, num_layers=2, proj_size=2, bidirectional=True)
    assert [(n, p.shape) for n, p in lstm.named_parameters()] == [
        (n, p.shape) for n, p in reference.named_parameters()
    ]


def test_sizes_of_1000_to_1023_of_a_unit_are_written_in_the_next_one():
    # 1023 bytes were "1.02e+03 bytes", 1023.6 KiB "1e+03 KiB"
    assert [_memory.in_bytes(n) for n in (999, 1000, 1023, 1_048_166, 2**30 - 1)] == [
        "999 bytes",
        "0.977 KiB",
        "0.999 KiB",
        "1 MiB",
        "1 GiB",
    ]

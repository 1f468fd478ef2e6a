"""Fixes found running the suite under the oldest and the newest torch the package admits
(torch 2.4.1 and 2.14.1), each simulated here under the CI's torch 2.13."""

from __future__ import annotations

import warnings

import pytest
import torch

from lstmkit.nn import LSTM, layers
from lstmkit.text.vocab import Vocabulary


def test_the_traced_steps_check_hides_torch_2_14s_future_warning(monkeypatch):
    """torch 2.14 warns that torch.jit.script is deprecated with a FutureWarning, not 2.13's
    DeprecationWarning: the check that the first torch.jit.trace of an explicit LSTM scripts
    showed the user torch's FutureWarning (an error under -W error)."""
    real = torch.jit.script

    def script_as_in_2_14(obj, *args, **kwargs):
        warnings.warn(
            "`torch.jit.script` is deprecated. Please switch to `torch.compile` or `torch.export`.",
            FutureWarning,
            stacklevel=2,
        )
        return real(obj, *args, **kwargs)

    monkeypatch.setattr(torch.jit, "script", script_as_in_2_14)
    monkeypatch.setattr(layers, "_STEPS_CHECK", None)
    module = LSTM(3, 4, implementation="explicit")
    x = torch.randn(5, 2, 3)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert layers._traced_steps(module, x, 5) is x
    assert [(w.category, str(w.message)[:34]) for w in seen] == [
        (torch.jit.TracerWarning, "LSTM: the explicit path's time loo")
    ]


def test_a_compiled_explicit_lstm_does_not_ask_functorch_under_torch_2_4s_dynamo(monkeypatch):
    """torch 2.4's Dynamo could not trace torch._C._functorch.peek_interpreter_stack nor the
    hand-written backward's in-place step writes: torch.compile(fullgraph=True) and torch.export
    of every explicit LSTM failed ("Graph break due to unsupported builtin"). There it now
    compiles the recurrence in plain operations, with the eager values."""
    real = layers._functorch_active

    def asks_as_in_2_4() -> bool:  # torch.compiler.is_compiling() is True while Dynamo traces
        if torch.compiler.is_compiling():
            raise RuntimeError("Graph break due to unsupported builtin peek_interpreter_stack")
        return real()

    monkeypatch.setattr(layers, "_functorch_active", asks_as_in_2_4)
    monkeypatch.setattr(layers, "_DYNAMO_PEEKS_FUNCTORCH", False)  # as torch 2.4's
    torch.manual_seed(0)
    torch._dynamo.reset()
    module = LSTM(3, 4, batch_first=True, implementation="explicit", dtype=torch.float64)
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    lengths = torch.tensor([5, 3])
    out, (h_n, c_n) = torch.compile(module, fullgraph=True, backend="eager")(x, lengths=lengths)
    ref, (ref_h, ref_c) = module(x, lengths=lengths)
    torch._dynamo.reset()
    torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(h_n, ref_h, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(c_n, ref_c, rtol=1e-12, atol=1e-14)
    assert not out[1, 3:].detach().any()  # the padded steps of the shorter sequence are 0


class _MinAsIn24(torch.Tensor):
    """An id tensor whose min fails as torch 2.4's uint16, uint32 and uint64 do."""

    def min(self, *args, **kwargs):
        raise RuntimeError("\"min_all\" not implemented for 'UInt16'")


def test_decode_reads_ids_whose_min_torch_2_4_refuses_with_a_runtime_error():
    """torch 2.4 refuses an unsigned tensor's min with a RuntimeError, not 2.13's
    NotImplementedError: decoding uint16 ids failed there with '"min_all" not implemented'
    where they decode (or are named out of range) in torch 2.13."""
    ids = torch.tensor([2, 0, 3]).as_subclass(_MinAsIn24)
    assert Vocabulary(["a", "b"]).decode(ids) == "a b"
    with pytest.raises(ValueError) as err:
        Vocabulary(["a", "b"]).decode(torch.tensor([2, 300]).as_subclass(_MinAsIn24))
    assert str(err.value) == "`ids` must lie in [0, 4), got 300."

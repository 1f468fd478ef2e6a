"""An LSTM under CPU autocast to a 16-bit dtype where oneDNN has no 16-bit LSTM (AVX2 CPUs)."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import LSTM, _fused
from lstmkit.nn import layers as L


def _refusing(calls: list[int]):
    """A stand-in for ``_fused.run`` that fails as torch.lstm does on an AVX2 CPU."""

    def run(*args, **kwargs):
        calls.append(1)
        raise RuntimeError(
            "could not create a primitive descriptor for the LSTM forward propagation "
            "primitive. Run workload with environment variable ONEDNN_VERBOSE=all to get "
            "additional diagnostic information."
        )

    return run


@pytest.mark.parametrize("half", [torch.bfloat16, torch.float16])
def test_auto_runs_the_explicit_path_where_onednn_has_no_16_bit_lstm(monkeypatch, half):
    # torch.nn.LSTM and lstmkit's LSTM(implementation="auto") failed under CPU autocast on an
    # AVX2 CPU; now "auto" runs the explicit path in the parameters' dtype, once asked
    calls: list[int] = []
    monkeypatch.setattr(_fused, "run", _refusing(calls))
    monkeypatch.setattr(L, "_half_lstm_refused", set())
    torch.manual_seed(0)
    lstm = LSTM(3, 5, num_layers=2, batch_first=True)
    x = torch.randn(2, 6, 3)
    explicit = LSTM(3, 5, num_layers=2, batch_first=True, implementation="explicit")
    explicit.load_state_dict(lstm.state_dict())
    want, (h_want, c_want) = explicit(x)
    for _ in range(2):
        with torch.autocast("cpu", dtype=half):
            out, (h, c) = lstm(x)
        assert out.dtype == torch.float32
        assert torch.equal(out, want) and torch.equal(h, h_want) and torch.equal(c, c_want)
    assert calls == [1]  # asked once, remembered for the dtype
    assert L._half_lstm_refused == {half}


@pytest.mark.parametrize("half", [torch.bfloat16, torch.float16])
def test_a_forced_fused_lstm_says_why_it_cannot_run_there(monkeypatch, half):
    # (it said oneDNN has one "only with AVX-512": an AMD EPYC with AVX-512 refuses float16)
    monkeypatch.setattr(_fused, "run", _refusing([]))
    monkeypatch.setattr(L, "_half_lstm_refused", set())
    lstm = LSTM(3, 5, batch_first=True, implementation="fused")
    with pytest.raises(RuntimeError) as err, torch.autocast("cpu", dtype=half):
        lstm(torch.randn(2, 6, 3))
    assert str(err.value) == (
        f"`implementation='fused'` cannot run under CPU autocast to {half} on this CPU: "
        f"PyTorch's fused LSTM kernel asks oneDNN for a {half} LSTM, which it has not "
        "here (torch.nn.LSTM fails here too). Use implementation='auto' or 'explicit', which "
        "run the gates in the parameters' dtype."
    )
    assert L._half_lstm_refused == {half}


def test_other_kernel_errors_are_not_taken_for_the_refusal(monkeypatch):
    def run(*args, **kwargs):
        raise RuntimeError("something else")

    monkeypatch.setattr(_fused, "run", run)
    monkeypatch.setattr(L, "_half_lstm_refused", set())
    with pytest.raises(RuntimeError, match=r"^something else$"), torch.autocast("cpu"):
        LSTM(3, 5)(torch.randn(6, 3))
    assert L._half_lstm_refused == set()


def test_a_real_lstm_under_cpu_autocast_runs_on_any_cpu():
    # on this CPU either oneDNN's 16-bit LSTM runs (AVX-512) or the explicit path does
    torch.manual_seed(0)
    lstm = LSTM(3, 5, batch_first=True)
    x = torch.randn(2, 6, 3)
    want, _ = lstm(x)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out, _ = lstm(x)
    torch.testing.assert_close(out.float(), want, atol=2e-2, rtol=0)


def test_torch_2_4s_wording_of_the_refusal_is_recognised_too(monkeypatch):
    # torch 2.4's oneDNN says "for an LSTM forward propagation primitive"
    def run(*args, **kwargs):
        raise RuntimeError(
            "could not create a primitive descriptor for an LSTM forward propagation primitive"
        )

    monkeypatch.setattr(_fused, "run", run)
    monkeypatch.setattr(L, "_half_lstm_refused", set())
    with torch.autocast("cpu", dtype=torch.bfloat16):
        out, _ = LSTM(3, 5)(torch.randn(6, 3))
    assert out.dtype == torch.float32 and L._half_lstm_refused == {torch.bfloat16}

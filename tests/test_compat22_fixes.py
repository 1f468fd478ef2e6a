"""Torch 2.4.1 on an AVX2 CPU: a bfloat16 LSTM, autocast off, asks oneDNN for a 16-bit LSTM."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import LSTM, _fused
from lstmkit.nn import layers as L

_REFUSAL = "could not create a primitive descriptor for an LSTM forward propagation primitive"


def _refusing_16_bit(calls: list[torch.dtype], real=_fused.run):
    """A stand-in for ``_fused.run`` that fails as torch 2.4's torch.lstm does on an AVX2 CPU
    for 16-bit inputs (torch.nn.LSTM in bfloat16 fails there too), and runs otherwise."""

    def run(module, x, *args, **kwargs):
        calls.append(x.dtype)
        if x.dtype in (torch.bfloat16, torch.float16) or torch.is_autocast_enabled("cpu"):
            raise RuntimeError(_REFUSAL)
        return real(module, x, *args, **kwargs)

    return run


@pytest.fixture
def refusing(monkeypatch) -> list[torch.dtype]:
    calls: list[torch.dtype] = []
    monkeypatch.setattr(_fused, "run", _refusing_16_bit(calls))
    monkeypatch.setattr(L, "_half_lstm_refused", set())
    monkeypatch.setattr(L, "_half_params_refused", set())
    return calls


@pytest.mark.parametrize("half", [torch.bfloat16, torch.float16])
def test_auto_runs_a_16_bit_model_explicitly_where_onednn_refuses_it(refusing, half):
    # under torch 2.4.1 a bfloat16 TextClassifier's predict_proba failed with torch's
    # RuntimeError (tests/text/test_text_cli.py::test_a_model_saved_in_another_dtype_loads_in_it)
    torch.manual_seed(0)
    lstm = LSTM(3, 5, num_layers=2, batch_first=True, bidirectional=True).to(half)
    explicit = LSTM(
        3, 5, num_layers=2, batch_first=True, bidirectional=True, implementation="explicit"
    ).to(half)
    explicit.load_state_dict(lstm.state_dict())
    x = torch.randn(2, 6, 3).to(half)
    want, (h_want, c_want) = explicit(x)
    for _ in range(2):
        out, (h, c) = lstm(x)
        assert out.dtype == half
        assert torch.equal(out, want) and torch.equal(h, h_want) and torch.equal(c, c_want)
    assert refusing == [half]  # asked once, remembered for the dtype
    assert L._half_params_refused == {half} and L._half_lstm_refused == set()


def test_a_refusal_under_autocast_is_remembered_apart(refusing):
    # torch 2.13 refuses a bfloat16 LSTM under autocast on AVX2 and runs a bfloat16 model: the
    # one refusal must not send the other to the explicit path
    lstm = LSTM(3, 5)
    with torch.autocast("cpu", dtype=torch.bfloat16):
        assert lstm(torch.randn(6, 3))[0].dtype == torch.float32
    assert L._half_lstm_refused == {torch.bfloat16} and L._half_params_refused == set()
    lstm.to(torch.bfloat16)(torch.randn(6, 3, dtype=torch.bfloat16))
    assert refusing == [torch.float32, torch.bfloat16]
    assert L._half_params_refused == {torch.bfloat16}


def test_float32_is_never_taken_for_the_refusal(monkeypatch):
    def run(*args, **kwargs):
        raise RuntimeError(_REFUSAL)

    monkeypatch.setattr(_fused, "run", run)
    monkeypatch.setattr(L, "_half_params_refused", set())
    with pytest.raises(RuntimeError, match=f"^{_REFUSAL}$"):
        LSTM(3, 5)(torch.randn(6, 3))
    assert L._half_params_refused == set()


def test_a_forced_fused_16_bit_model_says_why_it_cannot_run_there(refusing):
    lstm = LSTM(3, 5, batch_first=True, implementation="fused").to(torch.bfloat16)
    with pytest.raises(RuntimeError) as err:
        lstm(torch.randn(2, 6, 3, dtype=torch.bfloat16))
    assert str(err.value) == (
        "`implementation='fused'` cannot run in torch.bfloat16 on this CPU with torch "
        f"{torch.__version__}: PyTorch's fused LSTM kernel asks oneDNN for a torch.bfloat16 "
        "LSTM, which it has not here (torch.nn.LSTM fails here too). Use "
        "implementation='auto' or 'explicit', which run the gates in this dtype."
    )
    assert str(err.value.__cause__) == _REFUSAL


def test_a_real_bfloat16_lstm_runs_on_any_cpu_and_torch():
    # torch 2.4.1 on an AVX2 CPU refuses torch.nn.LSTM in bfloat16; lstmkit's runs there
    torch.manual_seed(0)
    lstm = LSTM(3, 5, batch_first=True, bidirectional=True)
    x = torch.randn(2, 6, 3)
    want, _ = lstm(x)
    out, _ = lstm.to(torch.bfloat16)(x.to(torch.bfloat16))
    assert out.dtype == torch.bfloat16
    torch.testing.assert_close(out.float(), want, atol=3e-2, rtol=0)

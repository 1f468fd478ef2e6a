"""core36: the recurrent core walked as a PyTorch user swapping ``torch.nn.LSTM``/``GRU`` for
lstmkit's layers in training code."""

from __future__ import annotations

import pytest
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

import lstmkit
from lstmkit.nn import GRU, LSTM


@pytest.mark.parametrize("kind", [LSTM, GRU])
def test_traced_training_with_lengths_drops_as_the_untraced_call(kind) -> None:
    # A traced stack runs one kernel call per layer, and drew the dropout between layers on
    # the padded output, where the whole-stack kernel draws it on the packed one: under the
    # same seed a traced 3-layer LSTM's output differed from the untraced one by 0.09 (a
    # GRU's by 0.72), against the README's "outputs bit-identical to untraced ones".
    torch.manual_seed(0)
    layer = kind(5, 4, num_layers=3, dropout=0.5, bidirectional=True, batch_first=True)
    reference = getattr(torch.nn, kind.__name__)(
        5, 4, num_layers=3, dropout=0.5, bidirectional=True, batch_first=True
    )
    reference.load_state_dict(layer.state_dict())
    x = torch.randn(3, 7, 5)
    lengths = torch.tensor([7, 4, 2])

    torch.manual_seed(5)
    untraced = layer(x, lengths=lengths)[0]
    with lstmkit.trace(layer) as tr:
        torch.manual_seed(5)
        traced = layer(x, lengths=lengths)[0]
        traced.sum().backward()
    traced_grads = [p.grad.clone() for p in layer.parameters()]
    layer.zero_grad()
    torch.manual_seed(5)
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    expected = pad_packed_sequence(reference(packed)[0], batch_first=True, total_length=7)[0]
    expected.sum().backward()

    assert torch.equal(traced, untraced)
    assert torch.equal(traced, expected)  # torch.nn's own draw, bit for bit
    for ours, theirs in zip(traced_grads, reference.parameters(), strict=True):
        assert torch.equal(ours, theirs.grad)
    assert torch.equal(tr["l2"]["h"], traced[..., :4])  # the trace is of the output's masks
    assert torch.equal(traced[1, 4:], torch.zeros(3, 8))  # padded steps stay zero


def test_a_forced_fused_float16_lstm_under_autocast_names_no_cpu_it_runs_on(monkeypatch) -> None:
    # The refusal said oneDNN has a 16-bit LSTM "only with AVX-512": on an AMD EPYC with
    # AVX-512 (and avx512_bf16, not AVX512-FP16) bfloat16 runs and float16 is refused, by
    # torch.nn.LSTM too, so the message named the CPU it was refused on as the remedy.
    from lstmkit.nn import _fused, layers

    def refusing(*args, **kwargs):
        raise RuntimeError(
            "could not create a primitive descriptor for the LSTM forward propagation "
            "primitive. Run workload with environment variable ONEDNN_VERBOSE=all to get "
            "additional diagnostic information."
        )

    monkeypatch.setattr(_fused, "run", refusing)
    monkeypatch.setattr(layers, "_half_lstm_refused", set())
    lstm = LSTM(3, 5, batch_first=True, implementation="fused")
    with pytest.raises(RuntimeError) as err, torch.autocast("cpu", dtype=torch.float16):
        lstm(torch.randn(2, 6, 3))
    assert str(err.value) == (
        "`implementation='fused'` cannot run under CPU autocast to torch.float16 on this CPU: "
        "PyTorch's fused LSTM kernel asks oneDNN for a torch.float16 LSTM, which it has not "
        "here (torch.nn.LSTM fails here too). Use implementation='auto' or 'explicit', which "
        "run the gates in the parameters' dtype."
    )
    assert layers._half_lstm_refused == {torch.float16}

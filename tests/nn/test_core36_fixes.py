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
    # torch.nn.LSTM too, so the message named the CPU it was refused on as the remedy. Here
    # with the real kernel, where it refuses (the message's words for either dtype, with the
    # kernel stood in for, are in test_cpu21_fixes.py).
    from lstmkit.nn import layers

    x = torch.randn(2, 6, 3)
    try:
        with torch.autocast("cpu", dtype=torch.float16):
            torch.nn.LSTM(3, 5, batch_first=True)(x)
    except RuntimeError as err:
        assert "could not create a primitive descriptor for" in str(err)
    else:
        pytest.skip("oneDNN has a float16 LSTM on this CPU")
    monkeypatch.setattr(layers, "_half_lstm_refused", set())
    torch.manual_seed(0)
    lstm = LSTM(3, 5, batch_first=True, implementation="fused")
    with pytest.raises(RuntimeError) as err, torch.autocast("cpu", dtype=torch.float16):
        lstm(x)
    assert str(err.value) == (
        "`implementation='fused'` cannot run under CPU autocast to torch.float16 on this CPU: "
        "PyTorch's fused LSTM kernel asks oneDNN for a torch.float16 LSTM, which it has not "
        "here (torch.nn.LSTM fails here too). Use implementation='auto' or 'explicit', which "
        "run the gates in the parameters' dtype."
    )
    assert layers._half_lstm_refused == {torch.float16}
    # the advice runs: "auto" takes the explicit path, in the parameters' dtype
    lstm.implementation = "auto"
    with torch.autocast("cpu", dtype=torch.float16):
        out = lstm(x)[0]
    explicit = LSTM(3, 5, batch_first=True, implementation="explicit")
    explicit.load_state_dict(lstm.state_dict())
    assert out.dtype == torch.float32 and torch.equal(out, explicit(x)[0])


@pytest.mark.parametrize("kind", [LSTM, GRU])
def test_lengths_out_of_range_are_told_by_position(kind) -> None:
    # "got values from 0 to 7" said neither which sequence nor how many: in a batch of 64 the
    # one empty sequence was to be searched for (torch.nn's packing names none either)
    layer = kind(5, 4, batch_first=True)
    x = torch.randn(3, 7, 5)
    with pytest.raises(ValueError) as err:
        layer(x, lengths=[7, 0, 3])
    assert str(err.value) == (
        "`lengths` must lie in [1, 7] (the number of time steps), got 0 at `lengths[1]`: a "
        "sequence needs at least one step (torch.nn's packing refuses 0 too); leave empty "
        "sequences out of the batch."
    )
    with pytest.raises(ValueError) as err:
        layer(x, lengths=torch.tensor([8, -1, 3]))
    assert str(err.value) == (
        "`lengths` must lie in [1, 7] (the number of time steps), got 8 at `lengths[0]`, -1 at "
        "`lengths[1]`."
    )
    lengths = torch.full((64,), 7)
    lengths[[3, 10, 20, 40, 63]] = torch.tensor([0, 9, 0, 12, 0])
    with pytest.raises(ValueError) as err:
        layer(torch.randn(64, 7, 5), lengths=lengths)
    assert str(err.value) == (
        "`lengths` must lie in [1, 7] (the number of time steps), got 0 at `lengths[3]`, 9 at "
        "`lengths[10]`, 0 at `lengths[20]` and 2 more: a sequence needs at least one step "
        "(torch.nn's packing refuses 0 too); leave empty sequences out of the batch."
    )
    # the remedy runs: the batch without its empty sequence, as torch.nn.LSTM on it
    reference = getattr(torch.nn, kind.__name__)(5, 4, batch_first=True)
    reference.load_state_dict(layer.state_dict())
    kept = x[[0, 2]]
    packed = pack_padded_sequence(kept, [7, 3], batch_first=True, enforce_sorted=False)
    want = pad_packed_sequence(reference(packed)[0], batch_first=True, total_length=7)[0]
    assert torch.equal(layer(kept, lengths=[7, 3])[0], want)

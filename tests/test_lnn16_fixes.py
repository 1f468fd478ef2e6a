"""lnn16: the fused path with lengths on a meta input (a model sized without memory), float
lengths of whole numbers out of [1, T] told their range at once, and lengths, masks and states
that follow the input under another default dtype and device."""

import pytest
import torch

from lstmkit.nn import GRU, LSTM

X = torch.randn(4, 5, 2, generator=torch.Generator().manual_seed(0))  # [B, T, I]


@pytest.mark.parametrize("cls", [LSTM, GRU])
@pytest.mark.parametrize("implementation", ["auto", "fused", "explicit"])
def test_lengths_on_a_meta_input_run_on_every_path(cls: type, implementation: str) -> None:
    """'auto' and 'fused' failed inside torch's pad_packed_sequence ("Cannot copy out of meta
    tensor; no data!"), so the meta refusal's remedy (lengths as ints) ran on 'explicit' alone."""
    layer = cls(2, 3, num_layers=2, batch_first=True, bidirectional=True, device="meta")
    layer.implementation = implementation
    out, states = layer(X.to("meta"), lengths=[5, 4, 2, 1])
    h_n = states[0] if cls is LSTM else states
    assert (out.device.type, tuple(out.shape), tuple(h_n.shape)) == ("meta", (4, 5, 6), (4, 4, 3))
    if cls is LSTM:
        assert tuple(states[1].shape) == (4, 4, 3)

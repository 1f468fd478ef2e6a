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


@pytest.mark.parametrize(
    ("lengths", "shown", "code"),
    [
        (torch.tensor([0.0, 3.0, 4.0, 5.0]), "torch.float32", "lengths.long()"),
        (
            torch.tensor([2.0, 3.0, 4.0, 6.0], dtype=torch.float64),
            "torch.float64",
            "lengths.long()",
        ),
        ([2.0, 3.0, 0.0, 5.0], "[2.0, 3.0, 0.0, 5.0]", "[int(n) for n in lengths]"),
    ],
)
def test_whole_float_lengths_out_of_range_are_told_the_range_at_once(
    lengths: object, shown: str, code: str
) -> None:
    """Were told "pass them as ints, `lengths=lengths.long()`" alone, and the ints were then
    refused for their range."""
    low, high = (0, 5) if 0 in list(map(float, lengths)) else (2, 6)
    with pytest.raises(TypeError) as caught:
        LSTM(2, 3, batch_first=True)(X, lengths=lengths)
    got = f"dtype {shown}" if isinstance(lengths, torch.Tensor) else shown
    assert str(caught.value) == (
        f"`lengths` must hold integers, got {got} (whole numbers: pass them as ints, "
        f"`lengths={code}`; but lengths must lie in [1, 5] (the number of time steps), and these "
        f"run from {low} to {high})."
    )


def test_whole_float_lengths_in_range_are_told_the_conversion_alone() -> None:
    with pytest.raises(TypeError) as caught:
        LSTM(2, 3, batch_first=True)(X, lengths=torch.tensor([5.0, 4.0, 2.0, 1.0]))
    assert str(caught.value) == (
        "`lengths` must hold integers, got dtype torch.float32 (whole numbers: pass them as ints, "
        "`lengths=lengths.long()`)."
    )


@pytest.mark.parametrize("cls", [LSTM, GRU])
@pytest.mark.parametrize("implementation", ["fused", "explicit"])
def test_lengths_masks_and_states_follow_the_input_under_another_default(
    cls: type, implementation: str
) -> None:
    """Checked, no change needed: under a float64 default dtype and `with torch.device("cpu")`,
    a float32 layer's output and states stay float32 and equal the plain call's."""
    torch.manual_seed(0)
    layer = cls(2, 3, num_layers=2, bidirectional=True, batch_first=True)
    layer.implementation = implementation
    out, states = layer(X, lengths=[5, 4, 2, 1])
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        with torch.device("cpu"):
            got, got_states = layer(X, lengths=[5, 4, 2, 1])
    finally:
        torch.set_default_dtype(default)
    pairs = list(zip(states, got_states, strict=True)) if cls is LSTM else [(states, got_states)]
    assert got.dtype == torch.float32 and torch.equal(got, out)
    assert all(g.dtype == torch.float32 and torch.equal(g, s) for s, g in pairs)

"""Fixes from a review of walk20 (the proj_size hint, a diverged model named at the first step)."""

import pytest
import torch

from lstmkit.nn import GRU, LSTM

PLAIN = "`proj_size` must be an int, got str {!r}."
HINT = (
    "`proj_size` must be an int, got str {!r}: the 8th positional argument is `proj_size`, "
    "as in torch.nn, and `{}` is keyword-only: {}(..., {})."
)


@pytest.mark.parametrize(
    ("layer", "given", "expected"),
    [
        # "float64" was told GRU(..., device='float64'), which torch refuses as a device
        (GRU, "float64", HINT.format("float64", "dtype", "GRU", "dtype=torch.float64")),
        # "fused" was told device='fused': it is the implementation, keyword-only as well
        (
            LSTM,
            "fused",
            HINT.format("fused", "implementation", "LSTM", "implementation='fused'"),
        ),
        (GRU, "cuda:0", HINT.format("cuda:0", "device", "GRU", "device='cuda:0'")),
        # text that is neither was told device='0'; now the plain message of the other sizes
        (GRU, "0", PLAIN.format("0")),
        (GRU, "big", PLAIN.format("big")),
    ],
)
def test_a_text_in_proj_size_place_is_named_for_what_it_is(layer, given, expected) -> None:
    with pytest.raises(TypeError) as info:
        layer(1, 4, 1, True, True, 0.0, False, given)
    assert str(info.value) == expected

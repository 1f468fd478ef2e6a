"""Review of ``sample_next``'s draw on the generator's device: a generator of another type."""

from __future__ import annotations

import pytest
import torch

from lstmkit.text.charlm import sample_next


def test_a_generator_that_is_not_a_torch_generator_is_refused_by_name():
    # its device was read for the draw: a seed passed as the generator failed as
    # "AttributeError: 'int' object has no attribute 'device'"
    with pytest.raises(TypeError) as err:
        sample_next(torch.zeros(3), generator=42)
    assert str(err.value) == "`generator` must be a torch.Generator or None, got 42."
    with pytest.raises(TypeError) as err:
        sample_next(torch.zeros(3), temperature="hot", generator=42)
    assert str(err.value) == (
        "`temperature` must be a real number, got 'hot' (a number, not text). `generator` must be "
        "a torch.Generator or None, got 42."
    )
    # a torch.Generator draws as before: the seeds 0 to 3's ids among three equal logits, as
    # torch.multinomial draws them (2, 0, 1, 0 in torch 2.13; 2, 0, 0, 1 in torch 2.4)
    drawn = [
        sample_next(torch.zeros(3), generator=torch.Generator().manual_seed(s)) for s in range(4)
    ]
    third = torch.full((3,), 1 / 3)
    assert drawn == [
        int(torch.multinomial(third, 1, generator=torch.Generator().manual_seed(s)))
        for s in range(4)
    ]

"""revwalk35a: review of walk35a's fixes (the eps floor of the rules and the CLI's --eps)."""

from __future__ import annotations

import pytest
import torch

from lstmkit.explain.rules import epsilon_rule, stabilize

_WHY = "a smaller one rounds in the rule's arithmetic, and a unit of z = 0 gets NaN relevance"


@pytest.mark.parametrize(
    ("dtype", "eps", "floor"),
    [
        (torch.float32, 1e-40, "1.1754943508222875e-38"),
        (torch.bfloat16, 1e-39, "1.1754943508222875e-38"),
        (torch.float16, 1e-5, "6.103515625e-05"),
    ],
)
def test_the_rule_refuses_an_eps_subnormal_in_the_dtype_of_z(dtype, eps, floor) -> None:
    # the public rule computes in z's dtype: a float32 z at eps=1e-40 (above float64's floor,
    # so taken) gave a unit of z = 0 NaN relevance, and every lower unit with it, unsaid
    z = torch.tensor([[0.0, 1.0]], dtype=dtype)
    a = torch.tensor([[0.0, 1.0]], dtype=dtype)
    w = torch.tensor([[0.0, 0.0], [0.0, 1.0]], dtype=dtype)
    r = torch.ones(1, 2, dtype=dtype)
    name = str(dtype).split(".")[-1]
    message = (
        f"`eps` must be at least {floor} (the smallest normal {name} of `z`: {_WHY}), got {eps!r}."
    )
    with pytest.raises(ValueError) as info:
        epsilon_rule([(a, w)], z, r, eps=eps)
    assert str(info.value) == message
    with pytest.raises(ValueError) as info:
        stabilize(z, eps)
    assert str(info.value) == message
    with pytest.raises(ValueError) as info:  # told with the other options' problems
        epsilon_rule([(a, w)], z, r, eps=eps, bias_factor=2)
    assert str(info.value).startswith(message + " `bias_factor` must be a number in [0, 1]")
    # at the floor the relevances are finite: [0.5, 1.5], the dead unit's 1 shared by both
    (got,) = epsilon_rule([(a, w)], z, r, eps=float(floor))
    assert got.float().tolist() == [[pytest.approx(0.5, abs=4e-3), 1.5]]

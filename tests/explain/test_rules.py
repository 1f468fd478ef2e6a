"""The epsilon rule of :mod:`lstmkit.explain.rules` on an upper unit of exactly 0."""

import torch

from lstmkit.explain.rules import epsilon_rule, sign0, stabilize


def test_sign_of_zero_is_plus_one_so_a_zero_unit_is_stabilized_upwards():
    assert sign0(torch.tensor([-2.0, 0.0, 3.0])).tolist() == [-1.0, 1.0, 1.0]
    assert stabilize(torch.tensor([0.0, -1.0]), 0.5).tolist() == [0.5, -1.5]


def test_epsilon_rule_on_a_zero_unit_hands_down_its_relevance_and_the_stabilizer_share():
    # z = 1 * 1 + (-1) * 1 = 0: s = R / (0 + eps) = 2; each of the N = 2 inputs also gets
    # eps * sign(0) * s / N = 0.5, so the two shares sum to R = 1 (no bias)
    (r,) = epsilon_rule(
        [(torch.tensor([[1.0, -1.0]]), torch.tensor([[1.0, 1.0]]))],
        torch.tensor([[0.0]]),
        torch.tensor([[1.0]]),
        eps=0.5,
    )
    assert r.tolist() == [[2.5, -1.5]]

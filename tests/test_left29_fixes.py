"""Leftovers of this session: the epsilon rule's eps, deletion_curve's step count, the forecast
CLI's out-of-memory wording at a refit, and predict's check of leading covariates."""

from __future__ import annotations

import pytest
import torch

# --- (1) the epsilon rule refuses eps <= 0, as lrp does ------------------------------------------


def _zero_unit(eps: object) -> list[torch.Tensor]:
    from lstmkit.explain.rules import epsilon_rule

    # z = 1 * 1 + (-1) * 1 = 0: with eps = 0 its relevance was 1 / 0 (R = [[nan, nan]])
    return epsilon_rule(
        [(torch.tensor([[1.0, -1.0]]), torch.tensor([[1.0, 1.0]]))],
        torch.tensor([[0.0]]),
        torch.tensor([[1.0]]),
        eps=eps,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("eps", "error", "message"),
    [
        (0.0, ValueError, "`eps` must be a positive finite number, got 0.0."),
        (0, ValueError, "`eps` must be a positive finite number, got 0."),
        (-0.5, ValueError, "`eps` must be a positive finite number, got -0.5."),
        (float("inf"), ValueError, "`eps` must be a positive finite number, got inf."),
        (
            "1e-3",
            TypeError,
            "`eps` must be a real number, got str '1e-3' (a number, not text: 0.001).",
        ),
    ],
)
def test_the_epsilon_rule_refuses_an_eps_lrp_refuses_in_lrps_words(
    eps: object, error: type[Exception], message: str
) -> None:
    from lstmkit.explain import lrp
    from lstmkit.text import TextClassifier

    with pytest.raises(error) as rule:
        _zero_unit(eps)
    assert str(rule.value) == message
    torch.manual_seed(0)
    model = TextClassifier(vocab_size=10, embed_dim=4, hidden_size=4, num_classes=3).double()
    with pytest.raises(error) as whole:
        lrp(model, torch.tensor([[1, 2, 3]]), eps=eps)  # type: ignore[arg-type]
    assert str(whole.value) == message


def test_the_epsilon_rule_still_splits_a_zero_unit_at_a_positive_eps() -> None:
    (r,) = _zero_unit(0.5)
    assert r.tolist() == [[2.5, -1.5]]

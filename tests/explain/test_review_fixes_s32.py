"""Regressions a review found in the explanations' new argument checks: each test fails
without its fix."""

import re

import pytest
import torch

from lstmkit.explain import deletion_curve, explain, occlusion
from lstmkit.text import TextClassifier


@pytest.fixture
def model() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(vocab_size=20, embed_dim=4, hidden_size=3, num_classes=2).eval()


def test_a_0d_tensor_value_is_taken_as_before(model) -> None:
    """``value=torch.tensor(0.5)``, which torch takes for a number, was refused as no real
    number by occlusion and deletion_curve."""
    tokens = torch.tensor([[3, 4, 5]])
    torch.testing.assert_close(
        occlusion(model, tokens, value=torch.tensor(0.5)).relevance,
        occlusion(model, tokens, value=0.5).relevance,
    )
    ex = explain(model, tokens, method="lrp")
    torch.testing.assert_close(
        deletion_curve(model, tokens, ex, steps=2, value=torch.tensor(0.5)),
        deletion_curve(model, tokens, ex, steps=2, value=0.5),
    )
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`value` (what an occluded step's vector is set to) must be a real number, got "
            "Tensor tensor(True)."
        ),
    ):
        occlusion(model, tokens, value=torch.tensor(True))


class _CastingModel(torch.nn.Module):
    """Casts its inputs to float32 itself, then fails for another reason: a head too wide."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 4, batch_first=True)
        self.head = torch.nn.Linear(5, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, (h, _) = self.rnn(x.float())
        return self.head(h[-1])


def test_a_model_failing_in_its_own_dtype_too_is_not_blamed_on_the_dtype() -> None:
    """Its shape error came out as "`inputs` must have the dtype of the model's parameters
    (torch.float32), got torch.float64", which converting the inputs does not mend."""
    torch.manual_seed(0)
    x = torch.randn(2, 4, 3, dtype=torch.float64)
    with pytest.raises(
        RuntimeError, match=re.escape("mat1 and mat2 shapes cannot be multiplied (2x4 and 5x2)")
    ):
        explain(_CastingModel(), x, 0, method="gradxinput")


def test_compare_refuses_an_empty_batch(model) -> None:
    """An empty batch gave curves and AOPC of NaN with a standard error of 0, as if measured."""
    from lstmkit.explain import compare

    with pytest.raises(
        ValueError,
        match=re.escape(
            "`inputs` must hold at least one sequence (the curves and AOPC are means over them), "
            "got an empty batch of shape (0, 3)."
        ),
    ):
        compare(model, torch.zeros(0, 3, dtype=torch.long), methods=("lrp", "occlusion"))

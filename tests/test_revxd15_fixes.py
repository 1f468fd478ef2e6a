"""Review of xd15: ``compare``'s ``steps`` checked before any method runs; a fraction given as
text or in percent told the number for nn.LSTM's ``dropout``, LRP's ``bias_factor``,
TrainConfig's ``min_lr_ratio`` and ``lstmkit forecast --dropout``; one rule for text where a
number is expected (a TypeError, a config's also a ValueError as before); a numpy Series name."""

import numpy as np
import pytest
import torch

from lstmkit.explain import compare
from lstmkit.text import TextClassifier

_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])


@pytest.fixture
def classifier() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=2).double().eval()


def test_compare_refuses_bad_steps_before_any_method_runs(
    classifier: TextClassifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """steps=-1 was refused only after the first method's whole explanation (occlusion, IG:
    the slow part), and with no method at all not refused."""
    import lstmkit.explain.evaluate as evaluate

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a method ran before `steps` was checked")

    monkeypatch.setattr(evaluate, "explain", never)
    for steps in (-1, "5", True):
        for methods in (["occlusion", "ig"], []):
            with pytest.raises(ValueError) as caught:
                compare(classifier, _TOKENS, methods=methods, steps=steps)  # type: ignore[arg-type]
            assert str(caught.value) == f"`steps` must be an int >= 0, got {steps!r}."


def test_compare_past_the_longest_sequence_still_ends_there(classifier: TextClassifier) -> None:
    """The check moved before the methods: steps=20 on 5 tokens still ends after 5, as xd15's."""
    capped = compare(classifier, _TOKENS, methods=["lrp"], steps=np.int64(20))
    assert capped.steps_asked == 20 and capped.curves["lrp"].shape == (6,)

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


def test_text_where_a_number_is_expected_is_a_type_error_everywhere() -> None:
    """time_split(test="20%") was a TypeError, split_text(val_fraction="20%") and the configs'
    dropout="20%" ValueErrors. Now each is a TypeError; a config's, which lists all its
    problems at once, is also a ValueError, as it was, so `except ValueError` still holds."""
    from lstmkit._checks import TextForNumberError
    from lstmkit.data import time_split
    from lstmkit.forecast import ForecasterConfig
    from lstmkit.text._configs import CharLMConfig
    from lstmkit.text.charlm import split_text
    from lstmkit.train import TrainConfig

    with pytest.raises(TypeError):
        time_split(100, test="20%")
    with pytest.raises(TypeError) as caught:
        split_text("abcdef", "20%")  # type: ignore[arg-type]
    assert type(caught.value) is TypeError
    assert str(caught.value) == (
        "`val_fraction` must be a number in [0, 1], got '20%' (a number, not text: 0.2 for 20 %)."
    )
    with pytest.raises(ValueError) as caught:
        split_text("abcdef", 2)
    assert type(caught.value) is ValueError
    texts = [
        lambda: ForecasterConfig(dropout="20%"),
        lambda: ForecasterConfig(epochs="3", lr=-1.0),  # a type and a value: both
        lambda: TrainConfig(lr="0.01"),
        lambda: CharLMConfig(val_fraction="20%"),
        lambda: CharLMConfig(hidden_size="8"),
        lambda: TextClassifier(5, 2, 2, 2, dropout="30%"),  # type: ignore[arg-type]
    ]
    for call in texts:
        with pytest.raises(TypeError) as caught:
            call()
        assert type(caught.value) is TextForNumberError
        assert isinstance(caught.value, ValueError)
    values = [
        lambda: ForecasterConfig(lr=-1.0),
        lambda: ForecasterConfig(windows_per_epoch="auto", lr=-1.0),  # 'auto' is a word it takes
        lambda: ForecasterConfig(refit="yes"),  # a flag, no number
        lambda: CharLMConfig(val_fraction=2),
        lambda: TextClassifier(5, 2, 2, 2, dropout=2.0),
    ]
    for call in values:
        with pytest.raises(ValueError) as caught:
            call()
        assert type(caught.value) is ValueError

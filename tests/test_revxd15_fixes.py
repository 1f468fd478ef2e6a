"""Review of xd15: ``compare``'s ``steps`` checked before any method runs; a fraction given as
text or in percent told the number for nn.LSTM's ``dropout``, LRP's ``bias_factor``,
TrainConfig's ``min_lr_ratio`` and ``lstmkit forecast --dropout``; one rule for text where a
number is expected (a TypeError, a config's also a ValueError as before); a numpy Series name."""

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.explain import compare, lrp
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
    for steps, error, got in (
        (-1, ValueError, "-1"),
        ("5", TypeError, "str '5' (a number, not text: 5)"),  # a type, since walkx19
        # gate20: a bool is no count, told what `steps` counts
        (
            True,
            TypeError,
            "bool True: `steps` is how many of the most relevant steps are deleted, not a switch",
        ),
    ):
        for methods in (["occlusion", "ig"], []):
            with pytest.raises(error) as caught:
                compare(classifier, _TOKENS, methods=methods, steps=steps)  # type: ignore[arg-type]
            assert str(caught.value) == f"`steps` must be an integer >= 0, got {got}."


def test_compare_past_the_longest_sequence_still_ends_there(classifier: TextClassifier) -> None:
    """The check moved before the methods: steps=20 on 5 tokens still ends after 5, as xd15's."""
    capped = compare(classifier, _TOKENS, methods=["lrp"], steps=np.int64(20))
    assert capped.steps_asked == 20 and capped.curves["lrp"].shape == (6,)


def test_lstm_dropout_as_text_or_percent_is_told_the_fraction() -> None:
    """nn.LSTM(dropout="20%") said "got str '20%'" alone, dropout=20 "got 20"."""
    from lstmkit.nn import LSTM

    with pytest.raises(TypeError) as caught:
        LSTM(2, 3, num_layers=2, dropout="20%")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "`dropout` must be a float, got str '20%' (a number, not text: 0.2 for 20 %)."
    )
    with pytest.raises(TypeError) as caught:
        LSTM(2, 3, num_layers=2, dropout="150%")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "`dropout` must be a float, got str '150%' (a number, not text: 150 % would be 1.5, "
        "outside [0, 1])."
    )
    with pytest.raises(ValueError) as caught:
        LSTM(2, 3, num_layers=2, dropout=20)
    assert str(caught.value) == "`dropout` must be in [0, 1], got 20 (a fraction: 0.2 for 20 %)."
    with pytest.raises(ValueError) as caught:
        LSTM(2, 3, num_layers=2, dropout=1.5)
    assert str(caught.value) == "`dropout` must be in [0, 1], got 1.5."


def test_lrp_bias_factor_as_text_or_percent_is_told_the_fraction(
    classifier: TextClassifier,
) -> None:
    """bias_factor="50%" said "got str '50%'" alone, 50 "got 50"."""
    with pytest.raises(TypeError) as caught:
        lrp(classifier, _TOKENS, bias_factor="50%")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "`bias_factor` must be a real number, got str '50%' (a number, not text: 0.5 for 50 %)."
    )
    with pytest.raises(ValueError) as caught:
        lrp(classifier, _TOKENS, bias_factor=50)
    assert str(caught.value) == (
        "`bias_factor` must be a number in [0, 1] (the share of each bias handed down: 0 keeps "
        "it, 1 conserves relevance exactly), got 50 (a fraction: 0.5 for 50 %)."
    )
    with pytest.raises(TypeError) as caught:
        lrp(classifier, _TOKENS, eps="1e-3")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "`eps` must be a real number, got str '1e-3' (a number, not text: 0.001)."
    )


def test_min_lr_ratio_as_text_or_percent_is_told_the_fraction() -> None:
    from lstmkit.train import TrainConfig

    with pytest.raises(TypeError) as caught:
        TrainConfig(min_lr_ratio="1%")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "`min_lr_ratio` must be a number in [0, 1], got '1%' (a number, not text: 0.01 for 1 %)."
    )
    with pytest.raises(ValueError) as caught:
        TrainConfig(min_lr_ratio=10)
    assert type(caught.value) is ValueError
    assert str(caught.value) == (
        "`min_lr_ratio` must be a number in [0, 1], got 10 (a fraction: 0.1 for 10 %)."
    )


def test_text_where_a_number_is_expected_is_a_type_error_everywhere() -> None:
    """time_split(test="20%") was a TypeError, split_text(val_fraction="20%") and the configs'
    dropout="20%" ValueErrors. Now each is a TypeError; a config's, which lists all its
    problems at once, is also a ValueError, as it was, so `except ValueError` still holds."""
    from lstmkit._checks import ConfigTypeError, TextForNumberError
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
        lambda: CharLMConfig(val_fraction=2),
        lambda: TextClassifier(5, 2, 2, 2, dropout=2.0),
    ]
    for call in values:
        with pytest.raises(ValueError) as caught:
            call()
        assert type(caught.value) is ValueError
    # a flag, no number: a wrong type too, as as_bool refuses it (test_lxd16_fixes)
    with pytest.raises(ValueError) as caught:
        ForecasterConfig(refit="yes")
    assert type(caught.value) is ConfigTypeError


def test_lstmkit_forecast_tells_a_percentage_given_to_dropout(
    flags_refusal, interval_refusal
) -> None:
    """--dropout 20% was argparse's "invalid float value" (--interval 90% was told its
    fraction); --holdout 0.2, a share of the series, had no word that a count is wanted.
    (revmask17: --dropout's text is refused in the shape of its numbers' refusal, as
    --interval's, tests/test_revmask17_fixes.py.)"""
    for given, hint in [
        ("20%", " (a fraction: 0.2 for 20 %)"),
        ("0,2", " (a decimal point: 0.2)"),
        ("150%", " (150 % would be 1.5, outside [0, 1))"),
        ("abc", ""),
    ]:
        err = interval_refusal(["forecast", "airline", "--dropout", given])
        assert err.splitlines()[-1] == (
            f"error: --dropout must be a number in [0, 1), got {given!r}{hint}."
        )
    err = flags_refusal(["forecast", "airline", "--holdout", "0.2"])
    assert err.splitlines()[-1] == (
        "error: --holdout must be an integer, got '0.2' (a count of points, not a fraction of "
        "the series)."
    )


def test_a_series_named_by_a_numpy_string_is_named_as_a_string() -> None:
    """A Series named from df.columns.to_numpy() was told "name np.str_('y')" (its columns
    were already told as Python values)."""
    from lstmkit._checks import value_repr

    assert value_repr(pd.Series([1, 2], name=np.str_("y"))) == "a Series of 2 values, name 'y'"


def test_a_dataframe_for_windows_per_epoch_or_implementation_is_named() -> None:
    """xd15 told calendar=, bidirectional= and readout= given a DataFrame; windows_per_epoch=
    and nn.LSTM(implementation=) still failed with pandas' "The truth value of a DataFrame is
    ambiguous"."""
    from lstmkit.forecast import ForecasterConfig
    from lstmkit.nn import LSTM

    frame = pd.DataFrame({"a": [1, 2, 3]})
    shown = "a DataFrame of shape (3, 1), columns ['a']"
    with pytest.raises(ValueError) as caught:
        ForecasterConfig(windows_per_epoch=frame)  # type: ignore[arg-type]
    assert str(caught.value) == (
        f"`windows_per_epoch` must be a positive integer, 'auto' or None, got {shown}."
    )
    with pytest.raises(TypeError) as caught:  # nn22: no str, a TypeError
        LSTM(2, 3, implementation=frame)  # type: ignore[arg-type]
    assert str(caught.value) == (
        f"`implementation` must be a str, one of ('auto', 'fused', 'explicit'), got {shown}."
    )
    assert ForecasterConfig(windows_per_epoch="auto").windows_per_epoch == "auto"

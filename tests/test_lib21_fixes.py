"""lib21: the Python API's number checks.

Counts past torch's int64 are refused where they are given, in the CLI's words; text given for
a number is told what it is (bytes, text without a digit, an integer as written); a str is no
list of labels; a wrong type for a choice is a TypeError; typo hints are joined as the CLI's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit._checks import TextForNumberError, count_too_large, text_number_hint
from lstmkit.explain import deletion_curve, explain
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.nn import GRU, LSTM, LSTMCell
from lstmkit.text import (
    CharLM,
    CharLMConfig,
    SentimentConfig,
    Seq2Seq,
    Seq2SeqConfig,
    TextClassifier,
)
from lstmkit.train import History, TrainConfig, plot_history, seed_everything

HUGE = 10**30
# lib23: an int past int64 is shown by its first digits and length (in full: 31 digits)
HUGE_SHOWN = "1e+30 (an int of 31 digits)"
SHOWN_2_70 = "1.18e+21 (an int of 22 digits)"  # 2**70
TOO_LARGE = "must be an integer of magnitude at most 2**63-1 (torch's int64), got "
SEED_RANGE = "`seed` must be an integer in [0, 9223372036854775807], got "


# ---- 1. counts past 2**63-1 -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: TrainConfig(epochs=HUGE), "epochs"),
        (lambda: TrainConfig(batch_size=HUGE), "batch_size"),
        (lambda: TrainConfig(patience=HUGE), "patience"),
        (lambda: TrainConfig(samples_per_epoch=HUGE), "samples_per_epoch"),
        (lambda: ForecasterConfig(epochs=HUGE), "epochs"),
        (lambda: ForecasterConfig(horizon=HUGE), "horizon"),
        (lambda: ForecasterConfig(lookback=HUGE), "lookback"),
        (lambda: ForecasterConfig(difference=HUGE), "difference"),
        (lambda: SentimentConfig(epochs=HUGE), "epochs"),
        (lambda: SentimentConfig(sentence_epochs=HUGE), "sentence_epochs"),
        (lambda: CharLMConfig(hidden_size=HUGE), "hidden_size"),
        (lambda: Seq2SeqConfig(epochs=HUGE), "epochs"),
    ],
)
def test_a_config_refuses_a_count_past_int64_in_the_clis_words(make, name) -> None:
    # before: accepted, then tqdm's OverflowError, a hang, or torch's C++ traceback
    with pytest.raises(ValueError) as err:
        make()
    assert str(err.value) == f"`{name}` {TOO_LARGE}{HUGE_SHOWN}."


def test_the_largest_count_is_taken_and_the_next_refused() -> None:
    assert TrainConfig(epochs=2**63 - 1).epochs == 2**63 - 1
    assert count_too_large(2**63 - 1, "`epochs`") is None
    # a negative count is told its sign, however large (lib22: -2**63 was told the magnitude)
    assert count_too_large(-(2**63), "`x`") is None
    with pytest.raises(ValueError) as err:
        TrainConfig(epochs=2**63, lr=-1.0)
    assert str(err.value) == (
        f"`epochs` {TOO_LARGE}9223372036854775808. `lr` must be a positive finite number, got -1.0."
    )


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: LSTM(input_size=1, hidden_size=2**70), "hidden_size"),
        (lambda: GRU(input_size=2**70, hidden_size=2), "input_size"),
        (lambda: LSTM(input_size=1, hidden_size=2, num_layers=2**70), "num_layers"),
        (lambda: LSTMCell(input_size=1, hidden_size=2**70), "hidden_size"),
        (lambda: TextClassifier(2**70, 4, 4, 2), "vocab_size"),
        (lambda: CharLM(2**70), "vocab_size"),
        (lambda: Seq2Seq(12, 2**70), "target_vocab"),
    ],
)
def test_a_module_refuses_a_size_past_int64_before_torch(make, name) -> None:
    # before: "empty(): argument 'size' failed to unpack ... Overflow when unpacking long long"
    # with a page of C++ frames
    with pytest.raises(ValueError) as err:
        make()
    assert str(err.value) == f"`{name}` {TOO_LARGE}{SHOWN_2_70}."


def test_predict_refuses_a_horizon_past_int64_at_once() -> None:
    y = pd.Series(
        np.arange(30.0) + np.sin(np.arange(30)),
        index=pd.date_range("2000-01", periods=30, freq="MS"),
    )
    config = ForecasterConfig(
        horizon=2, strategy="recursive", epochs=1, hidden_size=2, progress=False
    )
    model = Forecaster(config).fit(y)
    with pytest.raises(ValueError) as err:
        model.predict(HUGE)  # before: ran without end
    assert str(err.value) == f"`horizon` {TOO_LARGE}{HUGE_SHOWN}."
    assert len(model.predict(3)) == 3


def test_a_seed_past_int64_is_refused_by_its_range() -> None:
    with pytest.raises(ValueError) as err:
        seed_everything(2**70)
    assert str(err.value) == f"{SEED_RANGE}{SHOWN_2_70}."


# ---- 2. text given for a number ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "said"),
    [
        (b"24", "b'24' (a number, not bytes: 24)"),
        ("abc", "'abc' (a number, not text)"),
        (b"\xff", "b'\\xff' (a number, not bytes)"),
        (
            "99999999999999999999",
            "'99999999999999999999' (a number, not text: 99999999999999999999; but "
            "99999999999999999999 would be refused too)",
        ),
        ("24", "'24' (a number, not text: 24)"),
        # read through a float, 2**63 - 1 was 2**63 and said to be refused too
        ("9223372036854775807", "'9223372036854775807' (a number, not text: 9223372036854775807)"),
    ],
)
def test_seed_everything_tells_text_what_it_reads_as(seed, said) -> None:
    # before: b"24" and "abc" had no hint, "99999999999999999999" read as 1e+20
    with pytest.raises(TextForNumberError) as err:
        seed_everything(seed)
    assert str(err.value) == f"{SEED_RANGE}{said}."


def test_a_config_tells_bytes_and_wordless_text_as_seed_everything_does() -> None:
    with pytest.raises(TextForNumberError) as err:
        TrainConfig(epochs="abc", lr=b"0.1", seed=b"24")
    assert str(err.value) == (
        "`epochs` must be a positive integer, got 'abc' (a number, not text). "
        "`lr` must be a positive finite number, got b'0.1' (a number, not bytes: 0.1). "
        f"{SEED_RANGE}b'24' (a number, not bytes: 24)."
    )


def test_text_of_a_field_that_takes_words_or_of_unclear_digits_gets_no_number_hint() -> None:
    with pytest.raises(ValueError) as err:
        ForecasterConfig(windows_per_epoch="autp")  # a slip of 'auto', not of a number
    assert str(err.value) == (
        "`windows_per_epoch` must be a positive integer, 'auto' or None, got 'autp' "
        "(did you mean 'auto'?)."  # lib22: the word it is a slip of
    )
    assert text_number_hint("80,95") == ""  # two levels, or 80.95 %: no guess
    assert text_number_hint("abc", worded=True) == ""
    assert text_number_hint(b"abc", worded=True) == " (a number, not bytes)"


# ---- 3. a str is no list of labels ------------------------------------------------------------


def test_plot_history_refuses_a_str_of_labels_as_a_type_error() -> None:
    one = History(train_loss=[1.0, 0.5])
    # before: ValueError "`labels` must give one label per history (1), got 'abcd'."
    with pytest.raises(TypeError) as err:
        plot_history(one, labels="abcd")
    assert str(err.value) == (
        "`labels` must be a list of labels, one per history (1), or None, got str 'abcd'."
    )
    with pytest.raises(TypeError) as err:
        plot_history(one, labels=5)  # before: "object of type 'int' has no len()"
    assert str(err.value) == (
        "`labels` must be a list of labels, one per history (1), or None, got int 5."
    )


# ---- 4. a choice of the wrong type ------------------------------------------------------------


def _model_and_inputs() -> tuple[TextClassifier, torch.Tensor]:
    torch.manual_seed(0)
    return TextClassifier(20, 4, 3, 2), torch.tensor([[3, 4, 5]])


def test_explain_refuses_a_method_that_is_no_str_as_a_type_error() -> None:
    model, inputs = _model_and_inputs()
    methods = "('lrp', 'gradxinput', 'sensitivity', 'ig', 'occlusion', 'random')"
    with pytest.raises(TypeError) as err:
        explain(model, inputs, method=5)  # before: ValueError
    assert str(err.value) == f"`method` must be a str, one of {methods}, got int 5."
    with pytest.raises(ValueError) as err:
        explain(model, inputs, method="lpr")
    assert str(err.value) == f"`method` must be one of {methods}, got 'lpr' (did you mean 'lrp'?)."
    with pytest.raises(ValueError) as err:
        explain(model, inputs, method="IG")
    assert str(err.value) == f"`method` must be one of {methods}, got 'IG' (did you mean 'ig'?)."


def test_deletion_curve_refuses_a_by_that_is_no_str_as_a_type_error() -> None:
    model, inputs = _model_and_inputs()
    explanation = explain(model, inputs, method="gradxinput")
    with pytest.raises(TypeError) as err:
        deletion_curve(model, inputs, explanation, by=None)  # before: ValueError
    assert str(err.value) == "`by` must be a str, 'value' or 'magnitude', got None."
    with pytest.raises(ValueError) as err:
        deletion_curve(model, inputs, explanation, by="magnitud")
    assert str(err.value) == (
        "`by` must be 'value' or 'magnitude', got 'magnitud' (did you mean 'magnitude'?)."
    )
    assert deletion_curve(model, inputs, explanation, by="magnitude", steps=2).shape == (1, 3)


# ---- 5. typo hints joined as the CLI's --------------------------------------------------------


def test_several_typo_hints_are_joined_with_commas_as_the_clis() -> None:
    with pytest.raises(TypeError) as err:
        TrainConfig(epocs=3, l_r=0.1)  # type: ignore[call-arg]
    # before: "did you mean 'epochs' for 'epocs' and 'lr' for 'l_r'?"
    assert "(did you mean 'epochs' for 'epocs', 'lr' for 'l_r'?)" in str(err.value)


# ---- 6. "an integer" in lstmkit.nn, as in the rest of the package -----------------------------


def test_nn_says_an_integer_as_the_rest_of_the_package() -> None:
    with pytest.raises(TypeError) as err:
        LSTM(input_size=1, hidden_size="4")
    # nn22: told the number the text reads as, as a config's field is
    assert str(err.value) == (
        "`hidden_size` must be a positive integer, got '4' (a number, not text: 4)."
    )
    with pytest.raises(ValueError) as err:  # nn23: a value, as the configs' sizes
        LSTM(input_size=1, hidden_size=4, proj_size=1.5)
    assert str(err.value) == "`proj_size` must be an integer, got 1.5."
    with pytest.raises(TypeError) as err:
        LSTM(input_size=1, hidden_size=4).gates(layer="0")
    assert str(err.value) == (
        "`layer` must be an integer layer index in [0, 0], got '0' (a number, not text: 0)."
    )

"""Fixes of nn22: leftovers in the recurrent core (lstmkit.nn) and the explanations."""

from __future__ import annotations

import pytest

from lstmkit.nn import GRU, LSTM

# ---- 1. a choice given a non-str is a TypeError; a slip is told the word it meant -------------

_CHOICES = "('auto', 'fused', 'explicit')"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(5, "int 5"), (None, "NoneType None"), (2.5, "float 2.5"), (["fused"], "list ['fused']")],
    ids=["int", "None", "float", "list"],
)
@pytest.mark.parametrize("layer", [LSTM, GRU])
def test_an_implementation_that_is_no_str_is_a_type_error(layer, value, shown) -> None:
    # it was a ValueError: "`implementation` must be one of (...), got 5."
    with pytest.raises(TypeError) as err:
        layer(1, 4, implementation=value)
    assert type(err.value) is TypeError
    assert str(err.value) == f"`implementation` must be a str, one of {_CHOICES}, got {shown}."


def test_an_implementation_set_later_is_refused_alike() -> None:
    lstm = LSTM(1, 4)
    with pytest.raises(TypeError) as err:
        lstm.implementation = 5  # type: ignore[assignment]
    assert str(err.value) == f"`implementation` must be a str, one of {_CHOICES}, got int 5."
    assert lstm.implementation == "auto"


@pytest.mark.parametrize(
    ("value", "meant"),
    [("fussed", "fused"), ("Auto", "auto"), ("explict", "explicit"), (" fused", "fused")],
)
def test_a_misspelt_implementation_is_told_the_word_it_meant(value, meant) -> None:
    # it was "`implementation` must be one of (...), got 'fussed'." without the word meant
    with pytest.raises(ValueError) as err:
        LSTM(1, 4, implementation=value)
    assert type(err.value) is ValueError
    assert str(err.value) == (
        f"`implementation` must be one of {_CHOICES}, got {value!r} (did you mean {meant!r}?)."
    )


def test_a_misspelt_direction_is_told_the_word_it_meant() -> None:
    with pytest.raises(ValueError) as err:
        LSTM(1, 4).gates(direction="forwrd")  # type: ignore[arg-type]
    assert (
        str(err.value) == "`direction` must be 'forward', got 'forwrd' (did you mean 'forward'?)."
    )
    with pytest.raises(ValueError) as err:
        LSTM(1, 4, bidirectional=True).gates(direction="Reverse")  # type: ignore[arg-type]
    assert str(err.value) == (
        "`direction` must be 'forward' or 'reverse', got 'Reverse' (did you mean 'reverse'?)."
    )
    # a word that is no slip keeps the plain refusal, an index too
    with pytest.raises(ValueError) as err:
        LSTM(1, 4).gates(direction="reverse")
    assert str(err.value) == "`direction` must be 'forward', got 'reverse'."
    with pytest.raises(ValueError) as err:
        LSTM(1, 4).gates(direction=2)
    assert str(err.value) == "`direction` must be 'forward', got 2."

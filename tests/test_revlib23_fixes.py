"""revlib23: review of lib23 (the forecasting API's leftovers).

1. An int past a float's range is refused as no finite number by the text configs too
   (``SentimentConfig(lr=10**400)`` raised OverflowError), as lib23 made TrainConfig's.
"""

from __future__ import annotations

import pytest

from lstmkit.text import CharLMConfig, SentimentConfig, Seq2SeqConfig

# ---- 1. ints past a float's range, elsewhere ---------------------------------------------------


@pytest.mark.parametrize("config", [SentimentConfig, CharLMConfig, Seq2SeqConfig])
def test_a_text_config_refuses_an_int_past_a_floats_range(config) -> None:
    # before: OverflowError "int too large to convert to float" from math.isfinite
    with pytest.raises(ValueError) as err:
        config(lr=10**400, clip=-(10**400), minutes=10**5000)
    assert str(err.value) == (
        "`lr` must be a positive finite number, got 1e+400 (an int of 401 digits). "
        "`clip` must be a positive finite number, got -1e+400 (an int of 401 digits). "
        "`minutes` must be a positive finite number, got 1e+5000 (an int of 5001 digits)."
    )
    assert config(lr=10**30).lr == 10**30  # a float holds that one

"""fcl19: forecasting API leftovers: a gap in the plan told the row per step on every path and
accepted where no step reads it, a plan's blanks named with the default horizon, unknown
keywords of ForecasterConfig told as Forecaster tells them, and the plan's file read once."""

from __future__ import annotations

import pytest

from lstmkit import Forecaster, ForecasterConfig


@pytest.mark.parametrize("make", [ForecasterConfig, Forecaster])
def test_unknown_keywords_get_one_message_on_both_paths(make):
    # ForecasterConfig(horizn=3) got Python's bare "unexpected keyword argument", and a typo
    # beside another library's name (or another unknown word) no hint
    tail = "." if make is ForecasterConfig else "; they set fields of ForecasterConfig."
    said = f"{make.__name__}() got unknown keyword argument(s) "
    for given, hint in (
        ({"horizn": 3}, "'horizn' (did you mean 'horizon'?)"),
        (
            {"n_epochs": 5, "horizn": 3},
            "'n_epochs', 'horizn' (Darts' n_epochs is 'epochs' here; did you mean 'horizon' for "
            "'horizn'?)",
        ),
        (
            {"bogus": 1, "horizn": 3, "lookbak": 2},
            "'bogus', 'horizn', 'lookbak' (did you mean 'horizon' for 'horizn' and 'lookback' "
            "for 'lookbak'?)",
        ),
        ({"bogus": 1}, "'bogus'"),
    ):
        with pytest.raises(TypeError) as error:
            make(**given)
        assert str(error.value) == said + hint + tail

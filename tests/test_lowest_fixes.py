"""What the lowest declared versions (numpy 1.24, pandas 2.2) did differently: messages that
showed numpy 1's repr of a numpy scalar (``2.5`` for ``np.float64(2.5)``), and frequencies
pandas 2 named otherwise than pandas 3. Each passes on the newest versions too."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from lstmkit._checks import checked_seed, positive_int, value_repr
from lstmkit.data import to_frame
from lstmkit.forecast import ForecasterConfig
from lstmkit.text._configs import CharLMConfig
from lstmkit.text.charlm import split_text
from lstmkit.train import TrainConfig

# --- numpy scalars in messages, as numpy 2 writes them --------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (np.float32(0.01), "np.float32(0.01)"),
        (np.True_, "np.True_"),
        (np.False_, "np.False_"),
        (np.int64(-6), "np.int64(-6)"),
        (np.complex128(0.01 + 0j), "np.complex128(0.01+0j)"),
        (np.complex64(1j), "np.complex64(1j)"),
        (np.str_("a"), "np.str_('a')"),
        (np.datetime64("2001-01-01"), "np.datetime64('2001-01-01')"),
        (np.float64("nan"), "np.float64(nan)"),
        (0.5, "0.5"),
        ("a", "'a'"),
        (None, "None"),
    ],
)
def test_value_repr_writes_numpy_scalars_as_numpy_2_does(value: object, shown: str) -> None:
    assert value_repr(value) == shown


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: positive_int(np.float64(2.5), "horizon"),
            "`horizon` must be a positive integer, got np.float64(2.5).",
        ),
        (
            lambda: checked_seed(np.float64(1.0)),
            "`seed` must be an integer in [0, 9223372036854775807], got np.float64(1.0)"
            " (a whole number as a float: pass int(x)).",
        ),
        (
            lambda: TrainConfig(batch_size=np.float64(2.5)),
            "`batch_size` must be a positive integer or None, got np.float64(2.5).",
        ),
        (
            lambda: ForecasterConfig(difference=np.float64(1.5)),
            "`difference` must be an integer >= 0, got np.float64(1.5).",
        ),
        # a fraction out of range is refused for its value, shown plainly as on numpy 1 and 2
        # (msg25: one policy); a float where an int is wanted, above, for its type
        (
            lambda: split_text("abc", np.float32(1.5)),
            "`val_fraction` must be a number in [0, 1], got 1.5.",
        ),
        (
            lambda: CharLMConfig(val_fraction=np.float32(1.5)),
            "`val_fraction` must be a number in (0, 1), got 1.5.",
        ),
    ],
    ids=["positive_int", "checked_seed", "TrainConfig", "ForecasterConfig", "split_text", "CharLM"],
)
def test_a_refused_numpy_number_is_named_with_its_type(make, message: str) -> None:
    # numpy 1 wrote np.float64(2.5) as 2.5: "must be a positive integer, got 2.5" hid the type
    with pytest.raises(ValueError, match=re.escape(message)):
        make()


# --- frequencies named as pandas 3 names them -----------------------------------------------


@pytest.mark.parametrize(
    ("freq", "named"), [("Q", "QS-JAN"), ("6M", "2QS-JAN"), ("M", "MS"), ("W", "W-MON")]
)
def test_a_period_index_reads_with_the_frequency_pandas_3_names(freq: str, named: str) -> None:
    # pandas 2's to_timestamp named quarters starting in January "QS-OCT" (pandas 3 "QS-JAN"):
    # the same steps, another name in the saved model, the CSV and the messages
    series = pd.Series(np.arange(8.0), pd.period_range("2000-01", periods=8, freq=freq))
    assert to_frame(series).index.freqstr == named

"""Exact messages guarding the ref19a refactors (they pass before and after them)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import lstmkit.data as D


def test_duplicate_periods_are_named_as_periods_the_first_five_shown():
    # ref19a A1: the period labels are made in _describe_positions, for the five shown only
    months = pd.period_range("2015-01", periods=30, freq="M")
    index = months.append(months[3:10]).sort_values()
    with pytest.raises(ValueError) as error:
        D.to_frame(pd.Series(np.arange(37.0), index, name="y"))
    assert str(error.value) == (
        "timestamps must be unique, got duplicates in `series`: 2015-04, 2015-05, 2015-06, "
        "2015-07, 2015-08 and 2 more."
    )

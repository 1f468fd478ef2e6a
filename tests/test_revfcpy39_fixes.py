"""revfcpy39: the review of fcpy39's forecasting left-overs."""

import numpy as np
import pytest

from lstmkit.data import SeasonalDifferencer


def test_seasonal_transform_refuses_inf():
    # the README said SeasonalDifferencer refuses inf in transform's `x`: it gave [inf, -inf]
    with pytest.raises(ValueError) as err:
        SeasonalDifferencer(1).transform([1.0, np.inf, 3.0])
    assert str(err.value) == (
        "SeasonalDifferencer.transform got 1 infinite value in `x`, at position (1,) (inf), "
        "which would come out infinite. Replace or drop it first."
    )
    with pytest.raises(ValueError) as err:
        SeasonalDifferencer(1).transform(np.array([[1.0, 2.0], [3.0, -np.inf], [np.inf, 1.0]]))
    assert str(err.value) == (
        "SeasonalDifferencer.transform got 2 infinite values in `x`, the first at position "
        "(1, 1) (-inf), which would come out infinite. Replace or drop them first."
    )
    # NaN stays NaN
    got = SeasonalDifferencer(1).transform([1.0, np.nan, 4.0])
    assert np.isnan(got).all() and got.shape == (2,)

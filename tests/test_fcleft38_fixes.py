"""fcleft38: left-overs of forecasting from Python (scalers, predict's last date, a time
column among the values, the missing values' labels)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

RECURSIVE = ForecasterConfig(
    horizon=1, lookback=4, ensemble=1, epochs=1, strategy="recursive", interval=None
)
MONTHS = pd.Series(np.sin(np.arange(40.0)) + 2, pd.date_range("2020-01", periods=40, freq="MS"))


def test_a_horizon_past_2262_is_refused_before_its_steps_are_built(monkeypatch) -> None:
    # predict(10**6) of monthly data built the million months' index (10 s on pandas 3, 33 s
    # on a busy machine), twice, and bisected with more, to refuse it; one step is built now
    import lstmkit.forecast as F

    fc = Forecaster(RECURSIVE).fit(MONTHS)  # months up to 2023-04-01
    built: list[int] = []
    real = F.D.future_index

    def future_index(index, steps):
        built.append(steps)
        return real(index, steps)

    monkeypatch.setattr(F.D, "future_index", future_index)
    with pytest.raises(ValueError) as err:
        fc.predict(10**6)
    # pandas 3 names the end it computed, pandas 2 cannot make it
    end = " would end at 85356-08-01 00:00:00" if pd.__version__ >= "3" else ""
    assert str(err.value) == (
        "`horizon` (1000000) runs past 2262-04-11, the last date pandas timestamps reach; the "
        f"forecast from 2023-04-01 00:00:00{end}; forecast at most 2,868 steps "
        "(to 2262-04-01 00:00:00)."
    )
    assert max(built) == 1
    # the steps that fit are forecast, their index built once
    built.clear()
    assert fc.predict(2868).index[-1] == pd.Timestamp("2262-04-01")
    assert max(built) == 2868

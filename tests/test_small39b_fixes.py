"""Small left-overs in forecasting and text, each pinned by the test that found it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from lstmkit.forecast import Forecaster, ForecasterConfig

README = Path(__file__).resolve().parents[1] / "README.md"
TINY = ForecasterConfig(
    horizon=3, lookback=6, epochs=1, hidden_size=2, ensemble=1, interval=None, progress=False
)
SAID = (
    "seasonal_naive is the naive forecast here: no seasonal period (m=1, as for a series of "
    "plain numbers without dates); ForecasterConfig(season_length=...) gives one, e.g. 12 "
    "for monthly data."
)


def test_a_backtest_without_a_season_says_its_seasonal_naive_is_the_naive() -> None:
    # a series of plain numbers has no season: its seasonal_naive row equalled naive's,
    # unexplained, in the backtest's summary and metrics
    y = np.sin(np.arange(60) / 3) + np.arange(60) * 0.05
    bt = Forecaster(TINY).fit(y[:-6]).backtest(y, start=-6, statistical_baselines=False)
    assert bt.season_length == 1
    assert bt.summary["seasonal_naive"] == bt.summary["naive"]
    assert repr(bt).splitlines()[-1] == SAID
    assert bt._repr_html_().endswith(".calibration; .plot())</p>\n<p>" + SAID + "</p>")
    # given a season, the seasonal naive is another forecast and nothing is said
    seasonal = Forecaster(replace(TINY, season_length=6)).fit(y[:-6])
    bt = seasonal.backtest(y, start=-6, statistical_baselines=False)
    assert bt.season_length == 6
    assert bt.summary["seasonal_naive"]["rmse"] != bt.summary["naive"]["rmse"]
    assert repr(bt).splitlines()[-1].startswith("(.forecasts: 6 rows; ")


def test_the_readme_says_a_backtest_without_a_season_says_so() -> None:
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert (
        "`bt.season_length` the season the seasonal naive and MASE took: 1 for a series of "
        "plain numbers (no dates, so no season), where the seasonal naive is the naive "
        "forecast, as a last line of `print(bt)` says"
    ) in readme

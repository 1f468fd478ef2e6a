"""Small defects left by earlier reviews, each pinned by its test."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.explain.forecast import explain_forecast
from lstmkit.explain.render import padded, printable
from lstmkit.forecast import Forecaster

_CONFIG = dict(epochs=1, ensemble=1, hidden_size=4, lookback=6, progress=False)
_PERIODS = pd.period_range("2000-01", periods=40, freq="M")


@pytest.fixture(scope="module")
def on_periods() -> Forecaster:
    """A tiny seq2seq model fitted on a monthly series with a PeriodIndex."""
    y = pd.Series(100.0 + np.arange(40) + np.arange(40) % 12, index=_PERIODS, name="y")
    return Forecaster(horizon=3, strategy="seq2seq", **_CONFIG).fit(y)


def test_the_explanation_of_a_model_fitted_on_periods_is_labelled_by_periods(
    on_periods: Forecaster,
) -> None:
    # lags and steps were labelled 2002-11-01, ... where predict() and history() give 2002-11
    ex = explain_forecast(on_periods, step=1)
    assert ex.index == ["2002-11", "2002-12", "2003-01", "2003-02", "2003-03", "2003-04"]
    assert ex.time == "2003-06"
    assert ex.future_index == ["2003-05", "2003-06"]
    assert ex.future_index == list(on_periods.predict().index[:2].astype(str))
    older = explain_forecast(on_periods, step=0, series=on_periods.history().iloc[:-2])
    assert (older.index[-1], older.time) == ("2003-02", "2003-03")


def test_cli_explain_of_a_model_fitted_on_periods_gives_periods(
    on_periods: Forecaster, tmp_path, capsys
) -> None:
    on_periods.save(tmp_path / "model")
    assert main(["explain", str(tmp_path / "model"), "--step", "1", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["origin"], result["time"]) == ("2003-04", "2003-06")
    assert [row["time"] for row in result["relevance"]][:2] == ["2002-11", "2002-12"]
    assert [row["time"] for row in result["decoder_relevance"]] == ["2003-05", "2003-06"]
    assert main(["explain", str(tmp_path / "model"), "--top", "1", "--no-color"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("explained: forecast step 1 after 2003-04 (2003-05), ")


def test_history_of_newer_arrays_keeps_the_names_of_a_model_saved_before_x0(
    tmp_path, edit_saved
) -> None:
    # a model saved when an array's first column read cov:value / fut:value: history() kept
    # those names, history(series=arrays) gave cov:x0 / fut:x0
    y = 100.0 + np.arange(40) + np.arange(40) % 12
    past, future = np.arange(40.0) % 3, np.arange(40.0) % 2
    fc = Forecaster(horizon=3, **_CONFIG).fit(y, covariates=past, future_covariates=future)
    fc.save(tmp_path / "model")
    with edit_saved(tmp_path / "model") as saved:
        assert saved["state"]["columns"] == ["value", "cov:x0", "fut:x0"]
        saved["state"]["columns"] = ["value", "cov:value", "fut:value"]
        saved["state"]["future"] = ["value"]
    old = Forecaster.load(tmp_path / "model")
    assert list(old.history().columns) == ["value", "cov:value", "fut:value"]
    newer = old.history(series=y, covariates=past, future_covariates=future)
    assert list(newer.columns) == ["value", "cov:value", "fut:value"]
    np.testing.assert_allclose(newer.to_numpy()[-6:], old.history().to_numpy()[-6:], atol=1e-12)
    # a model saved with today's names keeps them
    assert list(fc.history(series=y, covariates=past, future_covariates=future).columns) == [
        "value",
        "cov:x0",
        "fut:x0",
    ]


_MONTHS = pd.date_range("2000-01", periods=80, freq="MS")
_PROMO = pd.DataFrame({"promo": np.arange(80.0) % 3}, index=_MONTHS)
_Y = pd.Series(np.arange(80.0) + 10, index=_MONTHS, name="y")


def _refusal(call) -> str:
    with pytest.raises(ValueError) as info:
        call()
    return str(info.value)


def test_backtest_refuses_what_fit_refuses_one_column_past_and_future() -> None:
    # each origin's fit read the covariate as cov:cov:promo, so fit's check never fired
    fc = Forecaster(horizon=3, strategy="direct", **_CONFIG)
    fitted = _refusal(lambda: fc.fit(_Y, _PROMO, future_covariates=_PROMO))
    assert fitted.startswith("`covariates` and `future_covariates` must hold different columns")
    kept = dict(start=74, stride=3, statistical_baselines=False)
    assert _refusal(lambda: fc.backtest(_Y, _PROMO, future_covariates=_PROMO, **kept)) == fitted
    series = pd.concat([_Y, _PROMO.rename(columns={"promo": "season sin"})], axis=1)
    fitted = _refusal(lambda: fc.fit(series))
    assert fitted == (
        "`series` must have column names other than the calendar inputs' ['season sin', "
        "'season cos', 'weekday sin', 'weekday cos'] (calendar=True), got 'season sin'; "
        "rename it."
    )
    assert _refusal(lambda: fc.backtest(series, **kept)) == fitted


def test_a_second_emoji_selector_widens_no_further() -> None:
    # "❤\ufe0f\ufe0f" counted 3 columns: each selector after a one-column step widened it
    assert padded("❤\ufe0f\ufe0f", 4) == "❤\ufe0f\ufe0f  "
    assert padded("❤\ufe0f", 4) == "❤\ufe0f  "


@pytest.mark.parametrize(
    ("text", "shown", "columns"),
    [("─\u200d─", "─\\u200d─", 8), ("©\u200d®", "©\\u200d®", 8), ("👩\u200d─", "👩\\u200d─", 9)],
)
def test_a_joiner_beside_a_symbol_that_is_no_emoji_is_escaped(
    text: str, shown: str, columns: int
) -> None:
    # a box drawing line, (c) and (R) are symbols ("So") but in no emoji sequence: the joiner
    # between them was kept, invisible
    assert printable(text) == shown
    assert padded(shown, 10) == shown + " " * (10 - columns)


@pytest.mark.parametrize(
    "text", ["👩\u200d💻", "❤\ufe0f\u200d🔥", "🐻\u200d❄\ufe0f", "👨\u200d⚕\ufe0f"]
)
def test_the_joiner_of_an_emoji_sequence_is_kept(text: str) -> None:
    assert printable(text) == text
    assert padded(text, 4) == text + "  "

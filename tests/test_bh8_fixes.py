"""Business hours that are not pandas' 9:00 to 17:00: pandas infers ``"bh"`` (9:00 to 17:00) for
any weekday day of eight hourly steps, so hours from 8:00 to 15:00 were forecast at 16:00, then
at 9:00 the next day."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

TINY = ForecasterConfig(horizon=10, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)


def _eight_to_three(periods: int = 400) -> pd.Series:
    """Hourly values from 8:00 to 15:00 on weekdays (eight stamps a day)."""
    index = pd.date_range("2024-01-01", periods=periods, freq="h")
    index = index[(index.day_of_week < 5) & (index.hour >= 8) & (index.hour <= 15)]
    return pd.Series(3 + np.sin(np.arange(len(index)) * np.pi / 4), index=index, name="y")


def _hours(index: pd.DatetimeIndex) -> list[str]:
    return [f"{t:%a %H:%M}" for t in index]


def test_hours_from_8_to_15_are_business_hours_from_8_to_16() -> None:
    y = _eight_to_three()
    freq = D.to_frame(y).index.freq
    assert freq == pd.offsets.BusinessHour(start="08:00", end="16:00")
    assert D.season_length(D.to_frame(y).index) == 8
    # pandas' own 9:00 to 17:00 is left as it is
    nine = pd.date_range("2024-01-01 09:00", periods=40, freq="bh")
    assert D.to_frame(pd.Series(1.0, index=nine)).index.freq == pd.offsets.BusinessHour()


def test_a_forecast_saved_and_loaded_keeps_the_hours_8_to_16(tmp_path: Path) -> None:
    y = _eight_to_three()  # ends on Wednesday 2024-01-17 at 15:00
    fc = Forecaster(TINY).fit(y)
    ahead = fc.predict(10).index
    assert _hours(ahead[[0, 7, 8, 9]]) == ["Thu 08:00", "Thu 15:00", "Fri 08:00", "Fri 09:00"]
    fc.save(tmp_path / "m")
    saved = json.loads((tmp_path / "m" / "config.json").read_text())
    assert saved["state"]["history"]["hours"] == [["08:00"], ["16:00"]]
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.predict(10).index.equals(ahead)
    newer = loaded.predict(8, series=y[:-8]).index  # a day shorter: Wednesday
    assert _hours(newer[[0, 7]]) == ["Wed 08:00", "Wed 15:00"]
    origins = fc.backtest(y, start=-16, stride=8).forecasts
    assert _hours(pd.DatetimeIndex(origins["timestamp"].iloc[[0, 7, 8]])) == [
        "Tue 08:00",
        "Tue 15:00",
        "Wed 08:00",
    ]


def test_a_model_saved_without_its_hours_keeps_9_to_17(tmp_path: Path, edit_saved) -> None:
    fc = Forecaster(TINY).fit(_eight_to_three())
    fc.save(tmp_path / "m")
    with edit_saved(tmp_path / "m") as saved:
        del saved["state"]["history"]["hours"]
    ahead = Forecaster.load(tmp_path / "m").predict(2).index
    assert _hours(ahead) == ["Wed 16:00", "Thu 09:00"]  # as before: pandas' 9:00 to 17:00


def test_another_opening_time_is_named_when_refused(tmp_path: Path) -> None:
    fc = Forecaster(TINY).fit(_eight_to_three())
    nine = pd.date_range("2024-01-01 09:00", periods=80, freq="bh")
    with pytest.raises(ValueError) as caught:
        fc.predict(8, series=pd.Series(1.0, index=nine, name="y"))
    assert str(caught.value) == (
        "`series` must have the training data's frequency (bh 08:00-16:00), got bh."
    )


# a file that ends before the training data on purpose: predict warns of it, which
# test_fc33_fixes.py pins
@pytest.mark.filterwarnings("ignore:.*before the model's training data:UserWarning")
def test_the_cli_forecasts_and_predicts_from_8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    y = _eight_to_three()
    csv, newer = tmp_path / "bh.csv", tmp_path / "newer.csv"
    y.rename_axis("ds").reset_index().to_csv(csv, index=False)
    y[:-16].rename_axis("ds").reset_index().to_csv(newer, index=False)
    flags = ["--date-col", "ds", "--value-col", "y", "--epochs", "1", "--ensemble", "1"]
    assert main(["forecast", "--csv", str(csv), *flags, "--out", str(tmp_path / "run")]) == 0
    written = pd.read_csv(tmp_path / "run" / "forecast.csv")
    assert written.iloc[[0, 7], 0].tolist() == ["2024-01-17 08:00:00", "2024-01-17 15:00:00"]
    capsys.readouterr()
    assert main(["predict", str(tmp_path / "run")]) == 0
    out = capsys.readouterr().out
    assert "2024-01-17 08:00:00" in out and "2024-01-17 15:00:00" in out and "16:00" not in out
    assert main(["predict", str(tmp_path / "run"), "--csv", str(newer)]) == 0
    out = capsys.readouterr().out
    assert "forecast from 2024-01-15 15:00:00" in out and "2024-01-16 08:00:00" in out


def _nine_to_five_inclusive() -> pd.Series:
    """Hourly values from 9:00 to 17:00 on weekdays (nine stamps a day)."""
    index = pd.date_range("2024-01-01", periods=400, freq="h")
    index = index[(index.day_of_week < 5) & (index.hour >= 9) & (index.hour <= 17)]
    return pd.Series(np.arange(len(index)) % 9 + 1.0, index=index, name="y")


def test_nine_stamps_from_9_to_17_are_business_hours_to_18(tmp_path: Path) -> None:
    # were refused as irregular, advising --fill, which would have filled every night hour
    y = _nine_to_five_inclusive()
    index = D.to_frame(y).index
    assert index.freq == pd.offsets.BusinessHour(start="09:00", end="18:00")
    assert D.season_length(index) == 1  # 9 does not divide the day's 24
    fc = Forecaster(TINY).fit(y)  # ends on Wednesday 2024-01-17 at 15:00
    ahead = fc.predict(4).index
    assert _hours(ahead) == ["Wed 16:00", "Wed 17:00", "Thu 09:00", "Thu 10:00"]
    fc.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").predict(4).index.equals(ahead)


def test_the_cli_reads_9_to_17_inclusive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "nine.csv"
    _nine_to_five_inclusive().rename_axis("ds").reset_index().to_csv(csv, index=False)
    flags = ["--date-col", "ds", "--value-col", "y", "--epochs", "1", "--ensemble", "1"]
    assert main(["forecast", "--csv", str(csv), *flags, "--out", str(tmp_path / "run")]) == 0
    capsys.readouterr()
    assert main(["predict", str(tmp_path / "run"), "--csv", str(csv)]) == 0
    out = capsys.readouterr().out
    assert "forecast from 2024-01-17 15:00:00" in out
    assert "2024-01-17 17:00:00" in out and "2024-01-18 09:00:00" in out
    assert "18:00:00" not in out


@pytest.mark.parametrize("hours", [[["8 am"], ["16:00"]], "08:00-16:00", [["08:00"], ["08:00"]]])
def test_damaged_saved_hours_are_refused_at_load(tmp_path: Path, hours: object) -> None:
    Forecaster(TINY).fit(_eight_to_three()).save(tmp_path / "m")
    config = tmp_path / "m" / "config.json"
    saved = json.loads(config.read_text())
    saved["state"]["history"]["hours"] = hours
    config.write_text(json.dumps(saved))
    with pytest.raises(ValueError) as caught:
        Forecaster.load(tmp_path / "m")
    assert str(caught.value) == (
        f"{str(config)!r} does not describe a usable Forecaster: state.history.hours must be "
        "null or the opening and closing times of business hours ([['08:00'], ['16:00']]), "
        f"got {hours!r}."
    )


def test_a_missing_business_hour_is_told_and_filled_without_the_nights() -> None:
    # the night hours were listed as missing and --fill would have inserted them all
    y = _nine_to_five_inclusive().drop(pd.Timestamp("2024-01-03 11:00"))
    with pytest.raises(ValueError) as caught:
        D.to_frame(y)
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2024-01-03 12:00:00 (usual step: 1 business hour); missing 2024-01-03 11:00:00; pass "
        "fill='ffill', 'bfill', 'interpolate' or 'zero' "
        "to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result "
        "Forecaster.fit, predict and backtest take, to insert the missing timestamps and fill "
        "their values."
    )
    filled = D.to_frame(y, fill="interpolate")
    assert filled.attrs["inserted"] == 1 and len(filled) == len(y) + 1
    assert filled.index.freq == pd.offsets.BusinessHour(start="09:00", end="18:00")
    assert filled.loc["2024-01-03 11:00", "y"] == 3.0  # between 2.0 at 10:00 and 4.0 at 12:00

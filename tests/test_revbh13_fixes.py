"""Business hours, revbh13: holidays' forecast steps found however many the holidays close;
the fill advised for a newer history with a gap beside a trained holiday."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit._checks import typed_path
from lstmkit.backtest import _index_before
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
# open on Mondays only, 9:00 to 17:00, closed six Mondays running (8 January to 12 February)
MONDAYS = pd.offsets.CustomBusinessHour(
    weekmask="1000000",
    holidays=[f"{day:%Y-%m-%d}" for day in pd.date_range("2024-01-08", periods=6, freq="7D")],
)


def test_steps_over_holidays_of_a_day_a_week_are_all_found() -> None:
    index = pd.date_range("2023-12-25 09:00", periods=8, freq=MONDAYS)
    # the search for them grew a day per holiday, where each closes a week here: 8 steps for
    # 16 (after Monday 1 January, the next opening is 19 February), and a backtest's history
    # before 19 February failed with an IndexError
    ahead = D.future_index(index, 16)
    assert ahead.equals(pd.date_range(index[-1], periods=17, freq=MONDAYS)[1:])
    assert [f"{t:%d %b %H:%M}" for t in ahead[[0, 7, 8, 15]]] == [
        "01 Jan 09:00",
        "01 Jan 16:00",
        "19 Feb 09:00",
        "19 Feb 16:00",
    ]
    back = _index_before(ahead[8:], 12)  # from 19 February 9:00
    assert [f"{t:%d %b %H:%M}" for t in back[[0, 3, 4, 11]]] == [
        "25 Dec 13:00",
        "25 Dec 16:00",
        "01 Jan 09:00",
        "01 Jan 16:00",
    ]
    y = pd.Series(np.sin(np.arange(16) / 3), index=index.append(ahead[:8]))
    y = y.set_axis(D._with_business_hours(pd.DatetimeIndex(y.index, freq=None), MONDAYS))
    forecast = Forecaster(TINY).fit(y).predict(2)  # failed: no step within three weeks
    assert [f"{t:%d %b %H:%M}" for t in forecast.index] == ["19 Feb 09:00", "19 Feb 10:00"]


# Monday 1 to Tuesday 16 January 2024, closed on Wednesday 3 and Friday 12
HOLIDAYS = pd.offsets.CustomBusinessHour(holidays=["2024-01-12", "2024-01-03"])


def _holidays_model() -> tuple[Forecaster, pd.Series]:
    y = pd.Series(
        np.sin(np.arange(84) / 3),
        index=pd.date_range("2024-01-01 09:00", periods=84, freq=HOLIDAYS),
        name="y",
    )
    return Forecaster(TINY).fit(y[:40]), y


def test_a_gap_beside_a_trained_holiday_is_told_alone_and_filled_without_it() -> None:
    fc, y = _holidays_model()
    # Thursday 11 to Monday 15 over Friday 12, a holiday, with Monday 15 at 11:00 missing
    gap = y[56:72].drop(y.index[66])
    gap.index = pd.DatetimeIndex(gap.index, freq=None)
    with pytest.raises(ValueError) as caught:
        fc.predict(2, series=gap)
    # was "... before 2024-01-15 09:00:00, 2024-01-15 12:00:00 ...; missing 2024-01-12
    # 09:00:00, ..., 2024-01-12 13:00:00 and 4 more; pass fill='ffill', ... to
    # lstmkit.data.to_frame or read_csv", whose fill inserted the holiday's 8 hours, and
    # predict then refused the result as "got bh"
    remedy = "series.asfreq(forecaster.history().index.freq).ffill()"
    assert str(caught.value) == (
        "timestamps in `series` must be regularly spaced (no gaps), got irregular steps before "
        "2024-01-15 12:00:00 (usual step: 1 business hour); missing 2024-01-15 11:00:00; insert "
        "the missing timestamps on the model's hours, its holidays skipped, and fill their "
        f"values: {remedy} (a fill= of lstmkit.data.to_frame or read_csv inserts the holidays "
        "too; CLI: --fill)."
    )
    filled = eval(remedy, {"series": gap, "forecaster": fc})  # the remedy as written
    assert len(filled) == 16
    full = y[56:72].copy()
    full[y.index[66]] = full[y.index[65]]
    pd.testing.assert_frame_equal(
        fc.predict(2, series=filled), fc.predict(2, series=full), check_exact=True
    )


def test_the_cli_fills_a_gap_beside_a_trained_holiday_without_the_holiday(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    forecast_csv: Callable[[Path], pd.DataFrame],
) -> None:
    fc, y = _holidays_model()
    fc.save(tmp_path / "m")
    newer = tmp_path / "newer.csv"
    y[56:72].drop(y.index[66]).rename_axis("ds").reset_index().to_csv(newer, index=False)
    flags = ["--csv", str(newer), "--date-col", "ds", "--value-col", "y"]
    out = ["--out", str(tmp_path / "out")]
    assert main(["predict", str(tmp_path / "m"), *flags, *out]) == 2
    # was told the holiday's hours missing and a --fill that inserted them, then refused
    assert capsys.readouterr().err == (
        f"error: timestamps in {typed_path(newer)} must be regularly spaced (no gaps), got "
        "irregular steps before 2024-01-15 12:00:00 (usual step: 1 business hour); missing "
        "2024-01-15 11:00:00; pass --fill ffill, bfill, interpolate or zero to insert the "
        "missing timestamps, the model's holidays skipped, and fill their values.\n"
    )
    assert main(["predict", str(tmp_path / "m"), *flags, "--fill", "ffill", *out]) == 0
    capsys.readouterr()
    read = forecast_csv(tmp_path / "out" / "forecast.csv")
    full = y[56:72].copy()
    full[y.index[66]] = full[y.index[65]]
    assert read["forecast"].tolist() == fc.predict(2, series=full)["forecast"].tolist()


def test_a_newer_history_on_as_many_other_holidays_is_told_which() -> None:
    four = ["2024-01-01", "2024-01-03", "2024-01-05", "2024-01-26"]
    trained = pd.offsets.CustomBusinessHour(holidays=four)
    y = pd.Series(
        np.sin(np.arange(40) / 3),
        index=pd.date_range("2024-01-08 09:00", periods=40, freq=trained),
    )
    fc = Forecaster(TINY).fit(y)
    other = pd.offsets.CustomBusinessHour(holidays=[four[0], "2024-01-04", *four[2:]])
    newer = pd.Series(1.0, index=pd.date_range("2024-01-02 09:00", periods=30, freq=other))
    with pytest.raises(ValueError) as caught:
        fc.predict(2, series=newer)
    # was "(cbh 4 holidays 2024-01-01 to 2024-01-26), got cbh 4 holidays 2024-01-01 to
    # 2024-01-26.", the two named alike
    assert str(caught.value) == (
        "`series` must have the training data's frequency (cbh 4 holidays 2024-01-01 to "
        "2024-01-26), got cbh 4 holidays 2024-01-01 to 2024-01-26 (closed on 2024-01-04, which "
        "the training data opens on; open on 2024-01-03, which it closes on)."
    )


def test_the_cli_fill_of_a_history_over_a_trained_holiday_inserts_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], forecast_csv
) -> None:
    fc, y = _holidays_model()
    fc.save(tmp_path / "m")
    newer = tmp_path / "newer.csv"
    y[56:72].rename_axis("ds").reset_index().to_csv(newer, index=False)  # over Friday 12
    flags = ["--csv", str(newer), "--date-col", "ds", "--value-col", "y", "--fill", "ffill"]
    # was refused: "--csv '...' must have the training data's frequency (cbh holidays
    # 2024-01-03,2024-01-12), got bh.", the fill having inserted the holiday's hours
    assert main(["predict", str(tmp_path / "m"), *flags, "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    read = forecast_csv(tmp_path / "out" / "forecast.csv")  # each forecast read as written
    assert read["forecast"].tolist() == fc.predict(2, series=y[56:72])["forecast"].tolist()

"""Business hours, bh13: a newer history over a trained holiday read on the trained grid;
holidays' forecast steps; holidays named; covariates at 23:00 told one true shift."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.backtest import _index_before
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)
# Monday 1 to Tuesday 16 January 2024, closed on Wednesday 3 and Friday 12
HOLIDAYS = pd.offsets.CustomBusinessHour(holidays=["2024-01-12", "2024-01-03"])
SHUTDOWN = [f"{day:%Y-%m-%d}" for day in pd.date_range("2024-01-08", "2024-01-26")]


def _frame(n: int, freq: pd.DateOffset = HOLIDAYS) -> pd.DataFrame:
    index = pd.date_range("2024-01-01 09:00", periods=n, freq=freq)
    k = np.arange(n)
    return pd.DataFrame({"y": np.sin(k / 3), "x": np.cos(k), "f": k % 3.0}, index=index)


def _bare(data: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """``data`` as read from a file: the same stamps, no frequency."""
    return data.set_axis(pd.DatetimeIndex(data.index, freq=None))


def _stamps(index: pd.Index) -> list[str]:
    return [f"{t:%a %d %H:%M}" for t in pd.DatetimeIndex(index)]


def test_a_newer_history_over_a_trained_holiday_is_read_on_the_trained_hours() -> None:
    d = _frame(84)
    fc = Forecaster(TINY).fit(
        d["y"][:40], covariates=d[["x"]][:40], future_covariates=d[["f"]][:40]
    )
    # Thursday 11 and Monday 15, over Friday 12, a holiday: was refused, "must be regularly
    # spaced (no gaps) ... missing 2024-01-12 09:00:00, ...; pass fill=... to insert the
    # missing timestamps ...; if they open on Mondays and Thursdays only, give two weeks ..."
    rows = slice(56, 72)
    given = fc.predict(
        2, series=d["y"][rows], covariates=d[["x"]][rows], future_covariates=d[["f"]][56:74]
    )
    read = fc.predict(
        2,
        series=_bare(d["y"][rows]),
        covariates=_bare(d[["x"]][rows]),
        future_covariates=_bare(d[["f"]][56:74]),
    )
    assert _stamps(read.index) == ["Tue 16 09:00", "Tue 16 10:00"]
    assert read.index.freq.holidays == HOLIDAYS.holidays
    pd.testing.assert_frame_equal(read, given, check_exact=True)
    # future covariates without a frequency over the holiday, from Thursday 11 16:00 on
    given = fc.predict(
        2, series=d["y"][48:64], covariates=d[["x"]][48:64], future_covariates=d[["f"]][48:66]
    )
    read = fc.predict(
        2,
        series=_bare(d["y"][48:64]),
        covariates=_bare(d[["x"]][48:64]),
        future_covariates=_bare(d[["f"]][48:66]),
    )
    assert _stamps(read.index) == ["Mon 15 09:00", "Mon 15 10:00"]
    pd.testing.assert_frame_equal(read, given, check_exact=True)
    ours, theirs = (
        fc.backtest(
            s["y"][40:80],
            covariates=s[["x"]][40:80],
            future_covariates=s[["f"]][40:84],
            retrain=False,
            start=30,
        )
        for s in (d, _bare(d))
    )
    pd.testing.assert_frame_equal(ours.forecasts, theirs.forecasts, check_exact=True)
    # a gap besides the holiday is still one: Monday 15 at 11:00 missing
    with pytest.raises(ValueError, match=r"must be regularly spaced \(no gaps\)"):
        fc.predict(
            2,
            series=_bare(d["y"][rows].drop(d.index[66])),
            covariates=_bare(d[["x"]][rows].drop(d.index[66])),
            future_covariates=_bare(d[["f"]][56:74]),
        )


def test_the_cli_predicts_from_a_file_over_a_trained_holiday(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    forecast_csv: Callable[[Path], pd.DataFrame],
) -> None:
    y = _frame(84)["y"]
    fc = Forecaster(TINY).fit(y[:40])
    fc.save(tmp_path / "m")
    newer = tmp_path / "newer.csv"
    y[56:72].rename_axis("ds").reset_index().to_csv(newer, index=False)  # over Friday 12
    flags = ["--csv", str(newer), "--date-col", "ds", "--value-col", "y"]
    # was refused as a gap, told to --fill the holiday in
    assert main(["predict", str(tmp_path / "m"), *flags, "--out", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    read = forecast_csv(tmp_path / "out" / "forecast.csv")
    given = fc.predict(2, series=y[56:72])
    assert read.index.equals(pd.DatetimeIndex(given.index, freq=None))
    assert read["forecast"].tolist() == given["forecast"].tolist()


def _hours_near(
    at: str, n: int, opens: int, mask: str, holidays: list[str], way: int = 1
) -> pd.DatetimeIndex:
    """The ``n`` hours after ``at`` (``way=-1``: before it, in order) of eight-hour openings at
    ``opens`` o'clock on the days of ``mask`` but ``holidays``, found hour by hour (an opening
    past midnight belongs to the day it starts on): the truth the steps are checked against."""
    closed = {pd.Timestamp(day) for day in holidays}
    stamp, found = pd.Timestamp(at), []
    while len(found) < n:
        stamp += pd.Timedelta(hours=way)
        for day in (stamp.normalize(), stamp.normalize() - pd.Timedelta(days=1)):
            start = day + pd.Timedelta(hours=opens)
            if mask[day.day_of_week] == "1" and day not in closed:
                if start <= stamp < start + pd.Timedelta(hours=8):
                    found.append(stamp)
                    break
    return pd.DatetimeIndex(sorted(found))


@pytest.mark.parametrize(
    ("opens", "mask", "at", "holidays", "n"),
    [
        # hours of the day, as pd.date_range gave them too
        (9, "1111100", "2024-01-04 16:00", ["2024-01-05"], 20),  # a holiday on the first day
        (9, "1111100", "2024-01-04 12:00", ["2024-01-05", "2024-01-08"], 20),  # Friday and Monday
        (9, "1111100", "2024-01-02 10:00", ["2024-01-03", "2024-01-05"], 20),  # two in the horizon
        (9, "1111100", "2024-01-05 16:00", SHUTDOWN, 40),  # closed three weeks
        # nights, 22:00 to 6:00, from an hour after midnight: pd.date_range gave more stamps
        # than asked for, and a backtest's history before its origins the wrong ones
        (22, "1111100", "2024-01-04 03:00", ["2024-01-05"], 10),  # 82 stamps for 10
        (22, "1111100", "2024-01-04 03:00", ["2024-01-05", "2024-01-08"], 10),  # 106
        (22, "1111100", "2024-01-03 02:00", ["2024-01-03", "2024-01-05"], 20),
        (22, "1111110", "2024-01-05 03:00", ["2024-01-05", "2024-01-06"], 10),
    ],
)
def test_forecast_steps_of_business_hours_with_holidays_come_from_one_grid(
    opens: int, mask: str, at: str, holidays: list[str], n: int
) -> None:
    freq = pd.offsets.CustomBusinessHour(
        weekmask=mask, start=f"{opens:02d}:00", end=f"{(opens + 8) % 24:02d}:00", holidays=holidays
    )
    history = _hours_near(at, 3, opens, mask, holidays, -1).append(pd.DatetimeIndex([at]))
    index = D._with_business_hours(history, freq)
    ahead = D.future_index(index, n)
    assert _stamps(ahead) == _stamps(_hours_near(at, n, opens, mask, holidays))
    assert ahead.freq == freq
    back = _index_before(ahead[-1:], n)  # a backtest's history before its origins
    assert _stamps(back) == [_stamps(index)[-1], *_stamps(ahead)[:-1]]


def test_a_newer_history_on_other_holidays_is_told_them() -> None:
    fc = Forecaster(TINY).fit(_frame(40)["y"])
    six = pd.offsets.CustomBusinessHour(
        weekmask="1111110", start="08:00", end="16:00", holidays=["2024-01-11"]
    )
    cases = [
        (pd.offsets.CustomBusinessHour(holidays=["2024-01-11"]), "cbh holiday 2024-01-11"),
        (six, "cbh 08:00-16:00 Mon,Tue,Wed,Thu,Fri,Sat holiday 2024-01-11"),
        (
            pd.offsets.CustomBusinessHour(holidays=SHUTDOWN),
            "cbh 19 holidays 2024-01-08 to 2024-01-26",
        ),
    ]
    for freq, got in cases:
        y = pd.Series(1.0, index=pd.date_range("2024-01-02 09:00", periods=30, freq=freq))
        with pytest.raises(ValueError) as caught:
            fc.predict(2, series=y)
        # was "`series` must have the training data's frequency (cbh), got cbh."
        assert str(caught.value) == (
            "`series` must have the training data's frequency (cbh holidays "
            f"2024-01-03,2024-01-12), got {got}."
        )


@pytest.mark.parametrize("name", ["covariates", "future_covariates"])
def test_covariates_at_23_00_beside_midnights_are_told_the_hour_on_past_or_future(
    name: str,
) -> None:
    index = pd.date_range("2024-01-01", periods=40, freq="D")
    y = pd.Series(np.sin(np.arange(40) / 3), index=index, name="y")
    x = pd.DataFrame({"x": np.cos(np.arange(40))}, index=index)
    late = x.set_axis(index - pd.Timedelta(hours=1))  # each day's value at 23:00 the day before
    with pytest.raises(ValueError) as caught:
        Forecaster(TINY).fit(y, **{name: late})
    # future covariates were told "future_covariates.index = future_covariates.index.normalize()",
    # which stamped each value a day early (at 2023-12-31 for 2024-01-01's)
    remedy = f"{name}.index = {name}.index + pd.Timedelta(hours=1)"
    assert str(caught.value).endswith(
        "(none of its timestamps is one of the steps, though its frequency is the series', D: "
        "they are stamped 1 hour before them (2023-12-31 23:00:00 beside 2024-01-01); shift "
        f"them onto the steps, {remedy})."
    )
    given = {name: late.copy()}
    exec(remedy, {"pd": pd}, given)  # the remedy as written
    ours = Forecaster(TINY).fit(y, **given)
    theirs = Forecaster(TINY).fit(y, **{name: x})
    assert ours.history().equals(theirs.history())
    ahead = (
        {}
        if name == "covariates"
        else {
            "future_covariates": x.iloc[:2].set_axis(
                pd.date_range("2024-02-10", periods=2, freq="D")
            )
        }
    )
    pd.testing.assert_frame_equal(
        ours.predict(2, **ahead), theirs.predict(2, **ahead), check_exact=True
    )

"""Review of bh12: what its business hours' holidays, weekdays closed, UTC offsets of several
zones and covariates at another hour left to fix."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit._checks import typed_path
from lstmkit.cli import main
from lstmkit.cli._forecast_run import _offsets_why
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = ForecasterConfig(horizon=2, lookback=8, ensemble=1, epochs=1, interval=None, seed=0)

FLAGS = ["--date-col", "date", "--value-col", "y", "--epochs", "1", "--ensemble", "1"]
FLAGS += ["--horizon", "2", "--lookback", "8", "--interval", "0", "--hidden-size", "4"]
FLAGS += ["--no-refit", "--no-stat-baselines"]


def _two_zones_csv(path: Path) -> Path:
    """Series ``ber`` and ``ny``, 6-hourly from 25 October to 5 November 2024 on the clocks
    of Berlin and New York, each across its own end of daylight saving (27 October, 3
    November)."""
    rows = []
    for name, zone in (("ber", "Europe/Berlin"), ("ny", "America/New_York")):
        stamps = pd.date_range("2024-10-25 12:00", periods=44, freq="6h", tz="UTC")
        for k, stamp in enumerate(stamps.tz_convert(zone)):
            rows.append((name, stamp.isoformat(), np.sin(k / 3)))
    pd.DataFrame(rows, columns=["s", "date", "y"]).to_csv(path, index=False)
    return path


def test_series_each_across_daylight_saving_in_its_zone_are_not_said_as_mixed_zones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    csv = _two_zones_csv(tmp_path / "two.csv")
    out = ["--out", str(tmp_path / "out")]
    assert main(["forecast", "--csv", str(csv), "--series-col", "s", *FLAGS, *out]) == 0
    # was "(more than one time zone: no change of daylight saving gives them) ...; convert
    # them to one zone to read them on its clock, or give each zone's rows alone", of series
    # each read alone and each in one zone
    assert capsys.readouterr().err.splitlines()[0] == (
        f"note: the dates of {typed_path(csv)} have the UTC offsets +02:00, +01:00, -04:00, "
        "-05:00 (changes of daylight saving, each series' in its zone), which no one offset "
        "holds: they were read in UTC, and the forecast's timestamps are in UTC (+00:00) too; "
        "convert each series' to the zone it was written in to read them on its clock."
    )


@pytest.mark.parametrize(
    ("each", "why"),
    [
        ([["+01:00", "+02:00"], ["+01:00", "+02:00"]], "a change of daylight saving"),
        ([["+01:00", "+02:00"], []], "a change of daylight saving"),  # one offset: none said
        (
            [["+01:00", "+02:00"], ["-05:00", "-04:00"]],
            "changes of daylight saving, each series' in its zone",
        ),
        (
            [["+01:00", "+02:00"], ["+01:00", "+05:30"]],
            "more than one time zone: no one zone's change of daylight saving gives them",
        ),
    ],
)
def test_offsets_of_series_are_said_series_by_series(each: list[list[str]], why: str) -> None:
    offsets = list(dict.fromkeys(o for group in each for o in group))
    assert _offsets_why(offsets, each)[0] == why
    # one series of Berlin's and New York's rows mixed: more than one zone, each with its
    # daylight saving (was "no change of daylight saving gives them")
    assert _offsets_why(["+01:00", "+02:00", "-05:00", "-04:00"]) == (
        "more than one time zone: no one zone's change of daylight saving gives them",
        "convert them to one zone to read them on its clock, or give each zone's rows alone",
    )


def test_custom_business_hours_of_a_calendar_keep_its_days_through_a_save(tmp_path: Path) -> None:
    # pandas steps by the calendar's days, Monday to Saturday, and keeps the default weekmask
    # (Monday to Friday) beside it; the save took that one, and the load failed: "does not
    # describe a usable Forecaster: its state.history does not give the end of the training
    # data (ValueError: Inferred frequency None from passed values does not conform to passed
    # frequency cbh)"
    calendar = np.busdaycalendar(weekmask="1111110", holidays=["2024-01-12"])
    freq = pd.offsets.CustomBusinessHour(calendar=calendar)
    index = pd.date_range("2024-01-01 09:00", periods=60, freq=freq)
    y = pd.Series(np.sin(np.arange(60) / 3), index=index, name="y")
    fc = Forecaster(TINY).fit(y[:56])  # to Monday 8 at 16:00, over Saturday 6
    fc.save(tmp_path / "m")
    saved = json.loads((tmp_path / "m" / "config.json").read_text())["state"]["history"]
    assert (saved["weekmask"], saved["holidays"]) == ("1111110", ["2024-01-12"])
    ours, theirs = fc.predict(2), Forecaster.load(tmp_path / "m").predict(2)
    assert [f"{t:%a %d %H:%M}" for t in theirs.index] == ["Tue 09 09:00", "Tue 09 10:00"]
    pd.testing.assert_frame_equal(ours, theirs, check_exact=True)

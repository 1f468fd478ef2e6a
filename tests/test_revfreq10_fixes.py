"""Review of freq10: saves from before it, and what its new readings missed (revfreq10)."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.forecast import Forecaster, ForecasterConfig

_TINY = {"epochs": 1, "ensemble": 1, "hidden_size": 4, "interval": None, "seed": 0}


def _positions(model: Forecaster, index: pd.DatetimeIndex) -> list[int]:
    """The season positions that ``model``'s calendar columns give ``index``."""
    cal = pd.DataFrame(model._calendar(index), columns=model.state_["calendar"])
    angle = np.arctan2(cal["season sin"], cal["season cos"]) % (2 * np.pi)
    return np.rint(angle / (2 * np.pi) * model.state_["m"]).astype(int).tolist()


def test_a_3bh_model_saved_before_freq10_keeps_its_calendar_positions(tmp_path, edit_saved):
    # freq10 counted "3bh" in business hours since 1970; a model saved before, with a
    # season_length given, had been trained on the wall clock's hours // 3 and forecast other
    # numbers after the upgrade without a word (3.2068 -> 3.2094 for the first step)
    idx = pd.date_range("2024-01-01 09:00", periods=60, freq="3bh")
    y = pd.Series(np.sin(np.arange(60) / 3.0) + np.arange(60) / 50, index=idx, name="y")
    config = ForecasterConfig(horizon=3, lookback=6, season_length=8, **_TINY)
    model = Forecaster(config).fit(y)
    assert model.state_["steps"] == "business"
    first = idx[:4]  # Monday 9:00, 12:00, 15:00, Tuesday 11:00
    # 14087 weekdays of 8 business hours from 1970 to 2024: 112696 // 3 = 37565, 5 modulo 8
    assert _positions(model, first) == [5, 6, 7, 0]
    model.save(tmp_path / "m")
    edit_saved(tmp_path / "m", lambda saved: saved["state"].update(steps="counted"))
    old = Forecaster.load(tmp_path / "m")
    # the wall clock's hours since 1970 (19723 days to 2024) // 3, modulo 8: 9:00 and the next
    # day's 11:00 alike
    assert _positions(old, first) == [3, 4, 5, 3]
    assert not np.allclose(old.predict().iloc[:, 0], model.predict().iloc[:, 0])
    # business hours that divide the day ("2bh") are counted as they were
    two = pd.date_range("2024-01-01 09:00", periods=4, freq="2bh")
    assert not D._business_hours_counted(two)


def test_a_save_of_business_hour_steps_is_refused_by_an_unknown_steps_entry(tmp_path, edit_saved):
    idx = pd.date_range("2020-01-01", periods=40, freq="MS")
    y = pd.Series(np.arange(40.0), index=idx, name="y")
    model = Forecaster(ForecasterConfig(horizon=2, lookback=4, **_TINY)).fit(y)
    assert model.state_["steps"] == "counted"  # "business" for "3bh" only: older versions read it
    model.save(tmp_path / "m")
    edit_saved(tmp_path / "m", lambda saved: saved["state"].update(steps="hours"))
    with pytest.raises(ValueError) as err:
        Forecaster.load(tmp_path / "m")
    assert "state.steps must be 'counted', 'elapsed' or 'business', got 'hours'" in str(err.value)


@pytest.mark.parametrize(
    ("freq", "usual", "missing"),
    [
        ("2bh", "2 business hours", "2024-01-02 15:00:00"),
        ("3bh", "3 business hours", "2024-01-03 14:00:00"),
    ],
)
def test_business_hour_steps_with_a_gap_are_told_the_one_missing_step(
    tmp_path, freq, usual, missing
):
    # freq10 read "2bh" and "3bh" files, but one with a gap was still told of two- or
    # three-hour steps with every night missing ("missing 2024-01-01 17:00:00, ... and 92
    # more"), and --fill inserted the nights
    stamps = pd.date_range("2024-01-01 09:00", periods=40, freq=freq).delete(7)
    path = tmp_path / "sales.csv"
    pd.DataFrame({"date": stamps, "y": np.arange(39.0)}).to_csv(path, index=False)
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "date", "y")
    after = stamps[7]
    assert str(err.value) == (
        f"timestamps in {str(path)!r} must be regularly spaced (no gaps), got irregular steps "
        f"before {after} (usual step: {usual}); missing {missing}; pass fill='ffill', 'bfill', "
        "'interpolate' or 'zero' to lstmkit.data.to_frame or read_csv (CLI: --fill), whose "
        "result Forecaster.fit, predict and backtest take, to insert the missing timestamps "
        "and fill their values."
    )
    filled = D.read_csv(path, "date", "y", fill="ffill")
    assert filled.index.freqstr == freq and len(filled) == 40
    assert filled.index.equals(pd.DatetimeIndex(pd.date_range(stamps[0], periods=40, freq=freq)))
    assert filled.loc[pd.Timestamp(missing), "y"] == 6.0  # the step before it, carried on


def _daily_csv(path, n: int) -> list[str]:
    stamps = pd.date_range("2022-01-03", periods=n, freq="D")
    y = 10 + np.sin(np.arange(n)) + np.arange(n) / 7
    pd.DataFrame({"date": stamps.strftime("%Y-%m-%d"), "y": y}).to_csv(path, index=False)
    argv = ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "y"]
    argv += ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--interval", "0"]
    return [*argv, "--no-stat-baselines", "--no-progress", "--backtest"]


_TOO_SHORT = (
    "error: fitting on the 13 points before the holdout (7, by default --horizon): the series "
    "is too short: lookback (7) + horizon (7) + differencing (0) + validation windows (1) need "
    "at least 15 points, got 13. The look-back defaults to one to three seasons (m=7); "
)


@pytest.mark.parametrize(
    ("origins", "advice"),
    [
        # was "(the longest that fits, at the first of the -2 backtest origins too)"
        ("-2", "pass --lookback 5 (the longest that fits), or --season-length 1 if the series"),
        ("0", "pass --lookback 5 (the longest that fits), or --season-length 1 if the series"),
        # was "at the first of the 1 backtest origins too"
        (
            "1",
            "pass --lookback 5 (the longest that fits, at the backtest origin too), or "
            "--season-length 1 if the series",
        ),
        (
            "2",
            "no shorter --lookback fits the first of the 2 backtest origins, nor does "
            "--season-length 1.",
        ),
    ],
)
def test_the_look_back_advice_names_the_backtest_origins_asked_for(
    tmp_path, capsys, origins, advice
):
    from lstmkit.cli import main

    argv = [*_daily_csv(tmp_path / "d.csv", 20), "--backtest-origins", origins]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(_TOO_SHORT + advice)
    if origins == "1":  # as advised, it runs
        assert main([*argv, "--lookback", "5"]) == 0


def test_two_business_hour_steps_of_under_a_week_name_the_days_assumed(tmp_path):
    # bh10 warned of the days assumed for hours of under a week; the "2bh" files that freq10
    # read took Monday to Friday without a word
    stamps = pd.date_range(
        "2024-01-01 08:00", periods=12, freq=pd.offsets.BusinessHour(2, start="08:00", end="16:00")
    )
    path = tmp_path / "w.csv"
    pd.DataFrame({"date": stamps, "y": np.arange(12.0)}).to_csv(path, index=False)
    with pytest.warns(UserWarning) as record:
        read = D.read_csv(path, "date", "y")
    assert read.index.freqstr == "2bh" and len(record) == 1
    assert str(record[0].message) == (
        f"timestamps in {str(path)!r} are business hours of under a week (2024-01-01 08:00:00 "
        "to 2024-01-03 14:00:00), which do not reach Thursday, Friday, Saturday and Sunday: "
        'Thursday and Friday assumed open and Saturday and Sunday closed as pandas\' "bh" '
        "(Monday to Friday); give a week or more of them, or an index with "
        "freq=pd.offsets.CustomBusinessHour(weekmask=..., start=..., end=...), to say the days "
        "they open."
    )


def test_daily_stamps_with_one_at_another_hour_are_no_business_hour_steps(tmp_path):
    # business-hour steps with gaps must step by n hours as a rule: not read as "11bh" from
    # 00:00 to 12:00 with every 11:00 missing
    stamps = pd.bdate_range("2024-01-01", periods=30)
    stamps = stamps.append(pd.DatetimeIndex(["2024-01-10 11:00"])).sort_values()
    path = tmp_path / "d.csv"
    pd.DataFrame({"date": stamps, "y": np.arange(31.0)}).to_csv(path, index=False)
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "date", "y")
    assert str(err.value) == (
        f"timestamps in {str(path)!r} must be regularly spaced (no gaps), got irregular steps "
        "before 2024-01-08, 2024-01-10 11:00:00, 2024-01-11, 2024-01-15, 2024-01-22 and 2 more "
        "(usual step: 1 day); missing 2024-01-06, 2024-01-07, 2024-01-13, 2024-01-14, "
        "2024-01-20 and 5 more."
    )


@pytest.mark.parametrize("freq", ["2bh", "3bh", "5bh"])
def test_business_hour_steps_are_checked_at_once_as_pandas_checks_them(freq):
    # freq10's 2bh files were checked by pandas stamp by stamp as the frequency was set:
    # 100,000 stamps read in 1.5 s (0.04 s now; hours "bh" were checked at once since bh10)
    stamps = pd.date_range("2024-01-01 09:00", periods=60, freq=freq)
    bare = pd.DatetimeIndex(stamps, freq=None)
    assert D._stepped_at_once(bare, stamps.freq) is True
    assert D._stepped_at_once(bare.delete(7), stamps.freq) is False
    assert D._stepped_at_once(bare[1:], stamps.freq) is True
    for hours in (1, 2):  # from another hour of the day: as pandas says, one way or the other
        shifted = bare + pd.Timedelta(hours=hours)
        try:
            pd.DatetimeIndex(shifted, freq=stamps.freq)
        except ValueError:
            pandas_says = False
        else:
            pandas_says = True
        assert D._stepped_at_once(shifted, stamps.freq) is pandas_says

"""Leftovers of revdata26 and revout26: the command line's note of the days a fill inserted
repeated the fill's warning of a week's days off, of the same file; an ``explanation.json``
whose ``"files"`` is no list was taken for one from before it listed them, so a user's
relevance.csv was overwritten as a forecaster's; ``future_index`` refused a horizon of 0
after two stamps, advised ``freq='MS'`` after two hourly ones, and told an Index to take a
``fill=`` of ``to_frame`` or ``read_csv``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D
from lstmkit.cli import main

QUICK = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 4, "seed": 0}
FLAGS = ["--epochs", "1", "--ensemble", "1", "--lookback", "4", "--hidden-size", "4"]


# ---- 1. the note of the days inserted, after the warning that said them -----------------------


def _forecast_csv(tmp_path: Path, days: pd.DatetimeIndex, capsys) -> list[str]:
    csv = tmp_path / "sales.csv"
    values = np.arange(float(len(days)))
    pd.DataFrame({"month": days.strftime("%Y-%m-%d"), "sales": values}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--fill", "ffill", *FLAGS, "--out", str(tmp_path / "run")]) == 0
    return capsys.readouterr().err.splitlines()


@pytest.mark.filterwarnings("default")  # printed by the command, as a user sees it
def test_a_week_s_fill_is_said_once_on_the_command_line(tmp_path, capsys):
    # "warning: the fill inserted 11 days into 'sales.csv' ..." then "note: 'sales.csv' lacked
    # 11 timestamp(s) of its regular D grid (13% of the 83 rows now); they were inserted ..."
    week = pd.offsets.CustomBusinessDay(weekmask="Mon Tue Wed Thu Fri Sat")
    lines = _forecast_csv(tmp_path, pd.date_range("2021-01-04", periods=72, freq=week), capsys)
    csv = str(tmp_path / "sales.csv")
    assert lines[0].startswith(f"warning: the fill inserted 11 days into {csv!r} (2021-01-10, ")
    assert lines[1:] == [
        "note: --fill ffill made up 1 of the 'sales' values the forecasts are scored against "
        "(2021-03-21); the scores count them as observed."
    ]


def test_plain_gaps_filled_keep_their_note(tmp_path, capsys, undrawn_figures):
    days = pd.date_range("2021-01-01", periods=60, freq="D").delete([10, 30])
    lines = _forecast_csv(tmp_path, days, capsys)
    assert lines[0] == (
        f"note: {str(tmp_path / 'sales.csv')!r} lacked 2 timestamps of its regular D grid (3% "
        "of the 60 rows now); they were inserted and filled with --fill ffill."
    )


# ---- 2. an explanation.json whose "files" is no list is none of lstmkit's ----------------------


@pytest.fixture(scope="module")
def fc_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fc") / "fc"
    Forecaster(horizon=2, **QUICK).fit(np.arange(60.0)).save(folder)
    return folder


@pytest.mark.parametrize("files", ["relevance.png", {"relevance.png": 1}, ["relevance.png", 2]])
def test_explain_out_refuses_a_record_whose_files_is_no_list(fc_dir, tmp_path, capsys, files):
    # "files": "relevance.png" fell back to a forecaster's files: the user's relevance.csv
    # beside it was overwritten
    out = tmp_path / "ex"
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 0
    record = json.loads((out / "explanation.json").read_text("utf-8"))
    (out / "explanation.json").write_text(json.dumps({**record, "files": files}))
    (out / "relevance.csv").write_text("mine\n")
    capsys.readouterr()
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds explanation.json, relevance.csv and relevance.png but "
        "no explanation.json or relevance.json that lstmkit wrote (its explanation.json holds "
        f'"files": {json.dumps(files)}, where lstmkit\'s lists the files it wrote), so no '
        "explanation (yours or another program's, or left by a save of lstmkit's stopped before "
        "it wrote explanation.json or relevance.json, which it writes last); `lstmkit explain` "
        "would overwrite or delete them. Choose another folder or delete them first, or pass "
        "--overwrite to overwrite or delete them.\n"
    )
    assert (out / "relevance.csv").read_text() == "mine\n"


def test_explain_out_still_takes_a_record_without_files_as_a_forecaster_s(
    fc_dir, tmp_path, capsys, undrawn_figures
):
    # one from before records listed their files: a forecaster's three, rewritten
    out = tmp_path / "ex"
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 0
    record = json.loads((out / "explanation.json").read_text("utf-8"))
    del record["files"]
    (out / "explanation.json").write_text(json.dumps(record))
    (out / "relevance.csv").write_text("old\n")
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 0
    capsys.readouterr()
    assert (out / "relevance.csv").read_text().startswith("time,lag,relevance")


# ---- 3. future_index: a horizon of 0, the freq of two stamps, the fill of a series -------------


@pytest.mark.parametrize(
    "stamps",
    [
        ["2020-01-01"],
        ["2020-01-01", "2020-02-01"],
        ["2020-01-01", "2020-02-01", "2020-04-01", "2020-05-01"],  # a gap
    ],
)
def test_future_index_of_no_steps_is_empty_whatever_the_stamps_step(stamps):
    # refused: "`index` needs at least 3 timestamps ..." though 0 gives no steps
    index = pd.DatetimeIndex(stamps, name="month").tz_localize("Europe/Berlin")
    ahead = D.future_index(index, 0)
    assert (type(ahead), len(ahead), str(ahead.dtype), ahead.name) == (
        pd.DatetimeIndex,
        0,
        str(index.dtype),
        "month",
    )


@pytest.mark.parametrize(
    ("stamps", "freq", "after"),
    [
        (["2020-01-01 00:00", "2020-01-01 01:00"], "h", ["2020-01-01 02:00", "2020-01-01 03:00"]),
        (
            ["2020-01-01 00:00", "2020-01-01 00:15"],
            "15min",
            ["2020-01-01 00:30", "2020-01-01 00:45"],
        ),
        (["2020-01-01", "2020-02-01"], "MS", ["2020-03-01 00:00", "2020-04-01 00:00"]),
        (["2020-01-31", "2020-02-29"], "ME", ["2020-03-31 00:00", "2020-04-30 00:00"]),
        (["2020-01-01", "2020-03-01"], "2MS", ["2020-05-01 00:00", "2020-07-01 00:00"]),
        (["2020-01-06", "2020-01-13"], "W-MON", ["2020-01-20 00:00", "2020-01-27 00:00"]),
        (["2020-01-01", "2020-01-02"], "D", ["2020-01-03 00:00", "2020-01-04 00:00"]),
    ],
)
def test_future_index_after_two_stamps_advises_the_freq_of_their_step(stamps, freq, after):
    # "e.g. pd.DatetimeIndex(index, freq='MS')" after two hourly stamps, where it raised
    index = pd.DatetimeIndex(stamps)
    with pytest.raises(ValueError) as err:
        D.future_index(index, 2)
    assert str(err.value) == (
        "`index` needs at least 3 timestamps (as fit's `series` does) or a frequency set, got 2 "
        f"without one; e.g. pd.DatetimeIndex(index, freq={freq!r}), the step between them."
    )
    # the hint runs as written, and goes on by their step
    advice = str(err.value).split("e.g. ")[1].split(", the step")[0]
    ahead = D.future_index(eval(advice, {"pd": pd, "index": index}), 2)
    assert list(ahead.strftime("%Y-%m-%d %H:%M")) == [
        a if " " in a else a + " 00:00" for a in after
    ]


def test_future_index_after_one_stamp_gives_no_example_freq():
    with pytest.raises(ValueError) as err:
        D.future_index(pd.DatetimeIndex(["2020-01-01 05:00"]), 2)
    assert str(err.value) == (
        "`index` needs at least 3 timestamps (as fit's `series` does) or a frequency set, got 1 "
        "without one, which tells no step; set its series' frequency, a pandas alias, as "
        "pd.DatetimeIndex's freq."
    )


def test_future_index_after_gaps_advises_filling_the_series_as_predict_then_goes_on():
    # "pass fill='ffill', ... to lstmkit.data.to_frame or read_csv (CLI: --fill), whose result
    # Forecaster.fit, predict and backtest take": an Index takes no fill
    months = pd.date_range("2015-01-01", periods=40, freq="MS").delete([20])
    series = pd.Series(np.arange(39.0), index=months)
    with pytest.raises(ValueError) as err:
        D.future_index(series.index, 2)
    assert str(err.value) == (
        "timestamps in `index` must be regularly spaced (no gaps), got irregular steps before "
        "2016-10-01 (usual step: 1 month); missing 2016-09-01; fill its series first, as fit "
        "needs it: frame = lstmkit.data.to_frame(series, fill='ffill') (or 'bfill', "
        "'interpolate' or 'zero'), whose index future_index(frame.index, horizon) goes on "
        "from, as predict does after fit(frame)."
    )
    frame = D.to_frame(series, fill="ffill")
    predicted = Forecaster(horizon=2, **QUICK).fit(frame).predict().index
    ahead = D.future_index(frame.index, 2)
    assert list(ahead.strftime("%Y-%m-%d")) == ["2018-05-01", "2018-06-01"]
    assert ahead.equals(predicted)

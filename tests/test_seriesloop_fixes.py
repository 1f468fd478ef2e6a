"""`lstmkit forecast --csv FILE --series-col ID`: the work done once per file, not per series."""

from __future__ import annotations

import io
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import lstmkit.cli._forecast_run as run
from lstmkit import data as D
from lstmkit.cli import main


def _stores(path: Path, series: int = 4, bad: str = "", cell: str = "12x") -> Path:
    """``series`` monthly series of 40 rows in long format (store,month,sales,promo); the
    series named ``bad`` holds ``cell`` in 2016-03."""
    rng = random.Random(0)
    lines = ["store,month,sales,promo"]
    for s in range(series):
        level = rng.uniform(50, 500)
        for t in range(40):
            value = f"{level * (1 + 0.2 * (t % 12) / 12) + 0.5 * t + rng.gauss(0, 5):.2f}"
            month = f"{2015 + t // 12}-{t % 12 + 1:02d}"
            lines.append(
                f"S{s},{month},{cell if (f'S{s}', month) == (bad, '2016-03') else value},{t % 2}"
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _counted(monkeypatch: pytest.MonkeyPatch, calls: Counter[str], *names: str) -> None:
    """Count the calls of the functions ``names`` of the forecast run into ``calls``."""
    for name in names:
        function = getattr(run, name)

        def counting(*args: Any, _f: Any = function, _n: str = name, **kwargs: Any) -> Any:
            calls[_n] += 1
            return _f(*args, **kwargs)

        monkeypatch.setattr(run, name, counting)


@pytest.mark.parametrize("future", [[], ["--future-cols", "promo"]])
def test_the_file_is_checked_and_its_header_and_the_flags_read_once_for_all_series(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    future: list[str],
    planned_runs: Callable[[list[str]], list],
) -> None:
    csv = _stores(tmp_path / "stores.csv")
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    argv += ["--epochs", "3", "--no-progress", *future]
    alone = [planned_runs([*argv, "--where", f"store=S{s}"])[0] for s in range(4)]
    calls: Counter[str] = Counter()
    _counted(monkeypatch, calls, "check_csv", "_header", "_config", "replace", "_training_problem")
    runs = planned_runs([*argv, "--series-col", "store"])
    # each series checked the file again (with --future-cols twice), opened it again for its
    # header, built the flags' config and it with the default horizon again, and a Forecaster
    # to ask whether its 28 training points fit: 5 checks (9), 4 headers, 4 configs, 4
    # replaced and 4 asked
    assert calls == {
        "check_csv": 1,
        "_header": 1,
        "_config": 1,
        "replace": 1,
        "_training_problem": 1,
    }
    assert [r.name for r in runs] == [f"stores (store=S{s})" for s in range(4)]
    for one, each in zip(alone, runs, strict=True):
        assert each.config == one.config and each.config.horizon == 12 and each.config.epochs == 3
        assert each.frame.equals(one.frame) and each.holdout == one.holdout == 12
        if future:
            assert each.future.equals(one.future) and list(each.future.columns) == ["promo"]
        else:
            assert each.future is one.future is None


@pytest.mark.parametrize("bad", ["S0", "S2"])
def test_a_bad_flag_is_said_before_any_series_and_a_series_data_after_the_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    # the flags' config is built once, before the file is read (l18c): a bad flag is said
    # once, as a flag's ("series store=S0: --horizon ..." before, after the first series'
    # data); a series whose data is refused is said as that series'
    csv = _stores(tmp_path / "stores.csv", bad=bad)
    argv = ["forecast", "--csv", str(csv), "--series-col", "store", "--date-col", "month"]
    argv += ["--value-col", "sales", "--out", str(tmp_path / "out")]
    assert main([*argv, "--horizon", "0"]) == 2
    assert capsys.readouterr() == ("", "error: --horizon must be a positive integer, got 0.\n")
    assert not (tmp_path / "out").exists()
    if bad == "S0":
        assert main([*argv, "--epochs", "0"]) == 2
        assert capsys.readouterr().err == "error: --epochs must be a positive integer, got 0.\n"
        assert main([*argv, "--epochs", "1", "--holdout", "0", "--no-stat-baselines"]) == 2
        assert capsys.readouterr() == (
            "",
            f"error: series store=S0: column 'sales' of {str(csv)!r} has non-numeric values at "
            "2016-03-01 "
            "('12x').\n",
        )
        assert not (tmp_path / "out").exists()


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_the_fits_of_series_col_draw_their_bars_on_a_terminal_as_a_fit_of_where_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, planned_runs: Callable[[list[str]], list]
) -> None:
    csv = _stores(tmp_path / "stores.csv", series=2)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    alone = planned_runs([*argv, "--where", "store=S1"])[0]
    assert terminal.getvalue() == ""  # no bar before the fit's
    runs = planned_runs([*argv, "--series-col", "store"])
    assert terminal.getvalue().startswith("\rcheck:   0%|")  # the bar over checking the series
    # each series was checked under that bar, which holds stderr meanwhile: the flags' config
    # found no terminal there, and no fit drew its bar (run.json: "progress": false)
    assert alone.config.progress is True
    assert [r.config.progress for r in runs] == [True, True]
    assert [r.config for r in runs] == [alone.config, alone.config]


def test_no_fill_from_ahead_is_looked_for_where_none_filled_from_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, planned_runs: Callable[[list[str]], list]
) -> None:
    # each series built a frame of its index to ask fill_reads_ahead, at each cutoff, whether a
    # fill that was not applied (no --fill, or one that never reads ahead) read past it
    whole = _stores(tmp_path / "whole.csv", series=2)
    gap = _stores(tmp_path / "gap.csv", series=2, bad="S1", cell="")  # 2016-03 of S1 empty
    argv = ["forecast", "--series-col", "store", "--date-col", "month", "--value-col", "sales"]
    argv += ["--no-progress", "--horizon", "6", "--backtest"]
    asked: list[int] = []
    ahead = D.fill_reads_ahead
    monkeypatch.setattr(D, "fill_reads_ahead", lambda f, c: asked.append(c) or ahead(f, c))
    for csv, fill in ((whole, []), (whole, ["--fill", "bfill"]), (gap, ["--fill", "ffill"])):
        assert len(planned_runs([*argv, "--csv", str(csv), *fill])) == 2
    assert asked == []
    # a fill from ahead, in the series it filled, is asked at each cutoff: the holdout's,
    # then the backtest origins'
    assert len(planned_runs([*argv, "--csv", str(gap), "--fill", "interpolate"])) == 2
    assert asked == [34, 34, 28, 22]


def test_a_series_takes_its_columns_by_position_not_by_a_list_of_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv = _stores(tmp_path / "stores.csv", series=1)
    table = D._csv_table(csv)
    expected = D.read_csv(csv, "month", ["sales", "promo"])
    getitem = pd.DataFrame.__getitem__

    def names_once(self: pd.DataFrame, key: Any) -> Any:
        if isinstance(key, list):  # an Index of the names built per series: more than the take
            pytest.fail(f"the columns {key} selected by name")
        return getitem(self, key)

    monkeypatch.setattr(pd.DataFrame, "__getitem__", names_once)
    frame = D._frame_of_table(table, csv, "month", ["promo", "sales"], where={"store": "S0"})
    assert list(frame.columns) == ["promo", "sales"]
    assert frame["sales"].equals(expected["sales"]) and frame["promo"].equals(expected["promo"])
    assert frame.index.equals(expected.index) and frame["promo"].tolist()[:3] == [0.0, 1.0, 0.0]


def test_a_series_of_another_length_asks_whether_it_fits_and_is_refused_by_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = _stores(tmp_path / "stores.csv", series=3)
    lines = csv.read_text(encoding="utf-8").splitlines()
    csv.write_text("\n".join(lines[:-14]) + "\n", encoding="utf-8")  # S2: 26 rows
    argv = ["forecast", "--csv", str(csv), "--series-col", "store", "--date-col", "month"]
    argv += ["--value-col", "sales", "--horizon", "6", "--no-progress"]
    calls: Counter[str] = Counter()
    _counted(monkeypatch, calls, "_training_problem")
    assert main([*argv, "--backtest", "--backtest-origins", "3"]) == 2
    assert capsys.readouterr().err == (
        "error: series store=S2: --backtest-origins must be 1 for this series, "
        "got 3. The origins are 6 steps apart, so the earliest of 2 origins would "
        "be fitted on only the first 14 "
        "points, too few: lookback (12) + horizon (6) + differencing (0) + validation windows "
        "(1) need at least 19 points, got 14. The look-back defaults to one to three seasons "
        "(m=12); no shorter --lookback fits the first of the 3 asked for; pass "
        "--season-length 1 if the series has no season.\n"
    )
    # S0 (40 rows) asked of its holdout's 34 training points, then of the origins' 34, 28, 22
    # and 16, which fails; S1 nothing new; S2 (26 rows) of 20, then 20 and 14 (twice, its
    # refusal's): each asked once (each series asked all of its own: 14 calls), and the
    # refusal's 14 once more for its advice, which fits the first of the 3 origins (freq10)
    assert calls == {"_training_problem": 7}

"""Fixes of revwalk34a, a review of walk34a's commits (tests fail without their fix)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.data import read_csv

_PASSENGERS = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118]


def test_integer_steps_in_no_order_are_told_to_sort_them_not_to_name_the_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Since walk34a, a column of integer steps with its rows shuffled (0 .. 11 in any order)
    was told it "holds numbers ... in no order, not dates or steps: pass the column of dates",
    the advice for amounts named as the dates; it is steps, told to sort the rows."""
    order = [4, 0, 7, 1, 11, 2, 9, 3, 6, 10, 5, 8]
    path = tmp_path / "steps.csv"
    path.write_text(
        "step,y\n" + "".join(f"{s},{v}\n" for s, v in zip(order, _PASSENGERS, strict=True)),
        encoding="utf-8",
    )
    told = (
        f"column 'step' of {str(path)!r} holds integer steps from 0 to 11 in no order (4 then "
        "0, rows 2 and 3): integer steps are read in the order of the rows, so sort the rows "
        "by that column, or give dates."
    )
    with pytest.raises(ValueError) as err:
        read_csv(path, "step", "y")
    assert str(err.value) == told
    assert main(["forecast", "--csv", str(path), "--date-col", "step", "--value-col", "y"]) == 2
    assert capsys.readouterr().err == f"error: {told}\n"
    # steps of ten with two missing, shuffled, and a long file's steps (each twice), shuffled
    path.write_text(
        "step,y\n" + "".join(f"{10 * s},{v}\n" for s, v in zip(order, _PASSENGERS, strict=True)),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"holds integer steps from 0 to 110 in no order \(40"):
        read_csv(path, "step", "y")
    path.write_text(
        "step,y\n" + "".join(f"{s % 6},{v}\n" for s, v in zip(order, _PASSENGERS, strict=True)),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"holds integer steps from 0 to 5 in no order \(4 then"):
        read_csv(path, "step", "y")
    # amounts (uneven steps, uneven repeats) are still told to name the column of dates
    path.write_text(
        "step,y\n" + "".join(f"{v},{s}\n" for s, v in zip(order, _PASSENGERS, strict=True)),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="holds numbers from 104 to 148 in no order, not dates"):
        read_csv(path, "step", "y")


def test_the_note_on_integer_steps_reads_the_file_again_only_beside_a_column_of_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The note on `--date-col id` beside a column of dates read the whole file again for any
    `--date-col` of integer steps (0.9 s of a 3.4 s forecast on 200,000 rows beside a column of
    product codes), and read each column as the dates where its first cell alone read as one
    (33 s for 40 such columns of codes, 5,000 rows); the first rows tell, and hours are told
    with their times."""
    import lstmkit.data as D

    reads: list[Path] = []
    table = D._csv_table
    monkeypatch.setattr(
        D, "_csv_table", lambda path, *args, **kw: reads.append(path) or table(path, *args, **kw)
    )
    path = tmp_path / "codes.csv"
    codes = ["2020-01-05"] + [f"2020-{chr(65 + i % 26)}" for i in range(59)]
    path.write_text(
        "id,code,y\n" + "".join(f"{i},{c},{100 + i % 7}\n" for i, c in enumerate(codes)),
        encoding="utf-8",
    )
    fast = ["--epochs", "1", "--ensemble", "1", "--horizon", "3", "--json"]
    argv = ["forecast", "--csv", str(path), "--date-col", "id", "--value-col", "y", *fast]
    assert main(argv) == 0
    assert capsys.readouterr().err == ""
    assert reads == [path]  # the series' read alone
    hours = [f"2020-01-{1 + h // 24:02d} {h % 24:02d}:00" for h in range(60)]
    path.write_text(
        "id,Time,y\n" + "".join(f"{i},{t},{100 + i % 7}\n" for i, t in enumerate(hours)),
        encoding="utf-8",
    )
    assert main(argv) == 0
    assert capsys.readouterr().err == (
        f"note: --date-col 'id' of {str(path)!r} holds integer steps (0 to 59), read without a "
        "calendar or season, while its column 'Time' holds dates (2020-01-01 00:00 to "
        "2020-01-03 11:00): pass --date-col Time to forecast by them.\n"
    )
    assert reads == [path, path, path]  # then the series' again, and the note's of it


def test_too_many_backtest_origins_say_the_default_and_count_the_origins_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--lookback 96 --backtest` was told "--backtest-origins must be between 1 and 2 ...,
    got 3", a flag never given (3 is its default); `--backtest-origins 50` was told "the
    earliest of 10 origins" and then advice for "the first of the 50 backtest origins"."""
    argv = ["forecast", "airline", "--backtest", "--no-progress"]
    assert main([*argv, "--lookback", "96"]) == 2
    assert capsys.readouterr().err == (
        "error: --backtest runs 3 origins by default, more than this series allows: pass "
        "--backtest-origins 2 (the most that fit). The origins are 12 steps apart, so the "
        "earliest of 3 origins would be fitted on only the first 108 points, too few: lookback "
        "(96) + horizon (12) + differencing (0) + validation windows (1) need at least 109 "
        "points, got 108. Pass --lookback 95 (the longest that fits, at the first of the 3 "
        "backtest origins too).\n"
    )
    assert main([*argv, "--backtest-origins", "50"]) == 2
    assert capsys.readouterr().err.endswith(
        "need at least 25 points, got 24. The look-back defaults to one to three seasons "
        "(m=12); no shorter --lookback fits the first of the 50 asked for, nor does "
        "--season-length 1.\n"
    )


def test_the_interval_warning_advises_only_what_fits(capsys: pytest.CaptureFixture[str]) -> None:
    """`--horizon 65` on the 144 airline months was told "A larger --val-size or a lower
    --interval fixes this", where `--val-size 4` is refused as too long for the 79 points
    before the holdout; it is told the --interval that its errors give (one: 0.5), and a
    --val-size where the series has room for it."""
    import warnings

    fast = ["--epochs", "1", "--ensemble", "1", "--no-progress", "--json"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main(["forecast", "airline", "--horizon", "65", *fast]) == 0
        assert capsys.readouterr().err == (
            "warning: the 80% split-conformal interval needs at least 4 validation errors per "
            "forecast step, and 65 steps have only 1; their half-width is the largest error, "
            "which covers about 50%. A lower --interval (0.5 or less) fixes this.\n"
        )
        # the advice, pasted, warns no more; 12 steps leave room for --val-size 4
        assert main(["forecast", "airline", "--horizon", "65", "--interval", "0.5", *fast]) == 0
        assert capsys.readouterr().err == ""
        assert main(["forecast", "airline", "--val-size", "3", *fast]) == 0
        assert capsys.readouterr().err.endswith(
            "covers about 75%. --val-size 4 or a lower --interval (0.75 or less) fixes this.\n"
        )


def test_a_dataset_s_name_in_any_case_or_as_its_file_where_the_model_folder_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lstmkit predict airline` was told the `lstmkit forecast airline --out runs/airline`
    that saves a model; `Airline` and `airline.csv`, which `lstmkit datasets --example` takes
    as the dataset, were told "does not exist" alone."""
    monkeypatch.chdir(tmp_path)
    for name in ("Airline", "airline.csv", "Milk_Production.csv"):
        assert main(["predict", name]) == 2
        dataset = "milk" if name.startswith("Milk") else "airline"
        assert capsys.readouterr().err == (
            f"error: model folder {name!r} does not exist; {name!r} names a bundled dataset, "
            f"not a saved model: `lstmkit forecast {dataset} --out runs/{dataset}` fits one and "
            f"saves it in runs/{dataset}, the folder to give.\n"
        )


def test_a_column_of_dates_read_with_a_decimal_comma_is_not_scanned_as_amounts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """walk34a's check for amounts written with a decimal comma passed over every date of the
    column (0.07 s more to read 200,000 hours with `--decimal ,`); the first one decides."""
    import pandas as pd

    import lstmkit.data as D

    def scanned(text: pd.Series) -> pd.Series:
        raise AssertionError("the whole column was scanned")

    monkeypatch.setattr(D, "_python_strings", scanned)
    dates = pd.Series(["2020-01-01 00:00", "2020-01-01 01:00"] * 1000)
    assert D._decimal_comma_numbers(dates, ",", ".") is None
    with pytest.raises(AssertionError, match="scanned"):  # amounts are read as such
        D._decimal_comma_numbers(pd.Series(["117,6", "104,6"]), ",", None)

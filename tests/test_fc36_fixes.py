"""fc36: an R user's own CSVs through the README's Forecasting section (weekly, quarterly,
fiscal, daily with gaps, long format, European numbers, BOM, CRLF, quoted line breaks)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from lstmkit._figures import figure_file
from lstmkit.cli import main
from lstmkit.data import read_csv


def _months(n: int) -> list[str]:
    return list(pd.date_range("2020-01-01", periods=n, freq="MS").strftime("%Y-%m-%d"))


@pytest.mark.parametrize("end", ["\n", "\r\n"])
def test_a_row_too_wide_below_a_quoted_line_break_is_named_by_the_files_line(
    tmp_path, monkeypatch, capsys, end
) -> None:
    """pandas counts no line in a quoted value's line break: the row below one was named a
    line short ("line 4" for the file's line 5, where an editor shows it); now the file's."""
    lines = ["month,sales,note", '2020-01-01,1,"two', 'lines"', "2020-02-01,2,x"]
    lines += ["2020-03-01,3,x,extra", "2020-04-01,4,x"]
    (tmp_path / "notes.csv").write_bytes(end.join(lines).encode() + end.encode())
    monkeypatch.chdir(tmp_path)
    argv = ["forecast", "--csv", "notes.csv", "--date-col", "month", "--value-col", "sales"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --csv 'notes.csv' cannot be read as a table (Expected 3 fields in line 5, saw "
        "4); every row must have the header's 3 fields; a value holding the separator ',' must "
        "be quoted.\n"
    )


def test_a_number_split_by_the_thousands_separator_is_named_by_the_files_line(
    tmp_path,
) -> None:
    """The same for an unquoted 1,500 read with `thousands=","`: its line is the file's (7,
    pandas' 4), below a quoted value of two line breaks in one row and one in another."""
    text = 'month,sales,note\n2020-01-01,1,"a\n\nb"\n2020-02-01,2,"c\nd"\n2020-03-01,1,500,x\n'
    (tmp_path / "t.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"and line 7 of '.*t\.csv' has more fields \(4\)"):
        read_csv(tmp_path / "t.csv", "month", "sales", thousands=",")


def test_a_first_row_wider_than_the_header_below_a_line_break_names_the_files_line(
    tmp_path,
) -> None:
    """Rows wider than the header from the first (pandas reads their first fields as the
    index): the first whose extra field holds a value was named by its row, line 4 for 5."""
    text = 'month,sales\n2020-01-01,1,"\n"\n2020-02-01,2,\n2020-03-01,3,x\n'
    (tmp_path / "w.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"\(line 5 has 3 fields, its header 2, and a field"):
        read_csv(tmp_path / "w.csv", "month", "sales")


@pytest.mark.parametrize("end", ["", ","])
def test_a_row_without_a_series_below_a_quoted_line_break_is_noted_by_its_line(
    tmp_path, monkeypatch, capsys, end
) -> None:
    """--series-col's note of a row with no series named line 11 of a file where an editor
    shows it on line 12 (a note above it holds a line break); now line 12. Also where each
    row ends with the separator, as a spreadsheet exports it (revfc36: a line short again)."""
    rows = [f"A,{m},{100 + k},x{end}" for k, m in enumerate(_months(30))]
    rows[0] = rows[0].removesuffix(f"x{end}") + f'"two\nlines"{end}'
    rows[9] = rows[9].removeprefix("A")  # the file's line 12: the header, a row of two lines
    text = "\n".join(["store,month,sales,note", *rows]) + "\n"
    (tmp_path / "s.csv").write_text(text, encoding="utf-8")
    assert text.splitlines()[11] == f",2020-10-01,109,x{end}"
    monkeypatch.chdir(tmp_path)
    argv = ["forecast", "--csv", "s.csv", "--series-col", "store", "--date-col", "month"]
    assert main([*argv, "--value-col", "sales", "--horizon", "3", "--no-progress"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (  # then A's gap, 2020-10-01
        "note: 1 row of 's.csv' has no 'store' (line 12): it belongs to no series and is "
        "not forecast."
    )


@pytest.mark.skipif(os.sep != "/", reason="'\\' separates folders there")
def test_a_folder_whose_name_holds_a_backslash_is_not_told_windows_separators(
    tmp_path, monkeypatch
) -> None:
    """'figs\\sub\\' of the folder 'figs\\sub' (a backslash is part of a name on POSIX) was told
    Windows' separator and to write into 'figs/sub/figure.png', a folder that is not there;
    now into the folder it names."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "figs\\sub").mkdir()
    with pytest.raises(ValueError) as err:
        figure_file("figs\\sub\\")
    assert str(err.value) == (
        "`path` must name a file, got 'figs\\\\sub\\\\', the existing folder 'figs\\\\sub' and "
        "a '\\' after it; write into it with e.g. 'figs\\\\sub/figure.png'."
    )
    assert figure_file("figs\\sub/figure.png") == Path("figs\\sub/figure.png")


def _tick_labels(freq: str, n: int, h: int) -> list[tuple[str, str]]:
    """plot_forecast's x ticks (label, day) of ``n`` quarterly periods and ``h`` forecast."""
    from matplotlib.dates import num2date

    from lstmkit.forecast import plot_forecast

    y = pd.Series(range(n), index=pd.period_range("1990Q1", periods=n, freq=freq), dtype=float)
    steps = pd.period_range(y.index[-1] + 1, periods=h, freq=freq)
    fig = plot_forecast(y, pd.DataFrame({"forecast": range(h)}, index=steps, dtype=float))
    fig.canvas.draw()
    ticks = fig.axes[0].get_xticklabels()
    return [(t.get_text(), str(num2date(t.get_position()[0]).date())) for t in ticks]


def test_fiscal_quarters_are_ticked_by_their_fiscal_years() -> None:
    """Q-JUN periods (2000Q1 starts on 1 July 1999) were ticked by calendar years, `1990` on 1
    January 1990, in 1990Q3; now by the fiscal years, as pandas names them, at their starts."""
    assert _tick_labels("Q-JUN", 40, 4) == [
        (str(year), f"{year - 1}-07-01") for year in range(1990, 2001, 2)
    ]
    assert _tick_labels("Q-MAR", 10, 4)[:2] == [("1989", "1988-04-01"), ("1990", "1989-04-01")]
    # calendar quarters keep the concise ticks, on 1 January
    assert _tick_labels("Q-DEC", 40, 4)[:2] == [("1988", "1988-01-01"), ("1990", "1990-01-01")]


def test_fiscal_quarters_of_less_than_two_years_are_ticked_by_their_names() -> None:
    assert _tick_labels("Q-JUN", 3, 1) == [
        ("1989Q4", "1989-04-01"),
        ("1990Q1", "1989-07-01"),
        ("1990Q2", "1989-10-01"),
        ("1990Q3", "1990-01-01"),
        ("1990Q4", "1990-04-01"),
    ]


@pytest.mark.parametrize("n", [40, 1200])
def test_r_row_names_beside_a_date_column_with_a_missing_value_are_refused_as_such(
    tmp_path, monkeypatch, capsys, n
) -> None:
    """R's write.csv writes quoted row names "1", "2", ... as an unnamed first column; a NA
    among the values was told to be filled "at 10" (the row number read as the date), and
    the row numbers were refused only once it was filled; now they are refused at once (also
    1 .. 1200, whose four-digit ones were read as years: revfc36)."""
    months = _months(n)
    rows = ['"","date","value"'] + [f'"{k + 1}","{m}",{100 + k}' for k, m in enumerate(months)]
    rows[10] = rows[10].rsplit(",", 1)[0] + ",NA"
    (tmp_path / "r.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["forecast", "--csv", "r.csv", "--value-col", "value", "--no-progress"]) == 2
    assert capsys.readouterr().err == (
        "error: the first column of 'r.csv' has no name and holds integers (row numbers, as "
        "pandas' df.to_csv and R's write.csv write them), not dates; pass --date-col with the "
        "date column ('r.csv' has the columns (unnamed), date, value), or --date-col '' to "
        "count the steps in that first column.\n"
    )
    # four-digit years there are dates: the missing value is told, as before
    years = ['"","value","other"'] + [f'"{1950 + k}",{k},1' for k in range(40)]
    years[5] = '"1954",NA,1'
    (tmp_path / "y.csv").write_text("\n".join(years) + "\n", encoding="utf-8")
    assert main(["forecast", "--csv", "y.csv", "--value-col", "value", "--no-progress"]) == 2
    assert "got NaN in column 'value' of 'y.csv' at 1954" in capsys.readouterr().err


def test_a_backtest_start_named_as_a_fiscal_quarter_is_that_quarter() -> None:
    """`start="2005Q1"` of Q-JUN periods (2005Q1 runs from July 2004) was read as a calendar
    quarter, 1 January 2005, and the backtest started two quarters late, at 2005Q3, without a
    word (the refusals name the series' times as those periods: 'from 2000Q2 to 2009Q1')."""
    from lstmkit.forecast import Forecaster

    index = pd.period_range("2000Q1", periods=40, freq="Q-JUN")
    y = pd.Series(range(1, 41), index=index, dtype=float)
    fc = Forecaster(horizon=4, ensemble=1, epochs=1, seed=0, val_size=4, progress=False)
    fc.fit(y[:20])  # to 2004Q4
    for start in ("2005Q1", "2005q1", pd.Period("2005Q1", freq="Q-JUN"), "2004-07-01"):
        bt = fc.backtest(y, start=start, stride=4, retrain=False)
        assert bt.forecasts["origin"].iloc[0] == pd.Period("2005Q1", freq="Q-JUN")
    with pytest.raises(ValueError) as err:  # too late: named as one of them, no warning
        fc.backtest(y, start="2009Q4", stride=4, retrain=False)
    assert str(err.value) == (
        "`start` must be a position in 1..36 (or -39..-4 from the end), or one of the series' "
        "times from 2000Q2 to 2009Q1 (the first step it forecasts), leaving a whole horizon (4) "
        "of the 40 points after it, got '2009Q4'."
    )


@pytest.mark.parametrize(
    ("per", "first", "unit", "kind"),
    [(52, "2020.019231", "week", "weekly"), (365, "2020.00274", "day", "daily")],
)
def test_decimal_years_of_a_weekly_or_daily_r_ts_are_told_how_to_write_dates(
    tmp_path, per, first, unit, kind
) -> None:
    """R's time() of a weekly (frequency 52) or daily (365) ts was refused as none of the
    months, quarters or half-years alone; it is told what it is and the R that writes dates."""
    rows = ["time,value"] + [f"{2020 + k / per:.10g},{k}" for k in range(60)]
    (tmp_path / "r.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        read_csv(tmp_path / "r.csv", "time", "value")
    assert str(err.value).endswith(
        f"got {first!r} (row 3), which is none of these; they step by 1/{per} of a year, as "
        f"time() writes a {kind} ts (frequency {per}), which names no dates: write the dates "
        f'in R, e.g. data.frame(date = seq(as.Date("2020-01-06"), by = "{unit}", length.out '
        f"= length(x)), value = as.numeric(x)) from the series' first {unit}."
    )
    # months stay as they were told: none of these, no more
    rows = ["time,value"] + [f"{2020 + k / 12 + 0.01:.10g},{k}" for k in range(60)]
    (tmp_path / "m.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"which is none of these\.$"):
        read_csv(tmp_path / "m.csv", "time", "value")


def test_a_where_value_in_another_case_is_told_the_one_meant(tmp_path, monkeypatch, capsys) -> None:
    """`--where store=a` of stores A, B, C was told the column's values alone; the one meant
    is named as the flag to paste (in Python, as `where`), and a value like none stays so."""
    rows = ["store,month,sales"] + [f"{s},{m},{k}" for s in "AB" for k, m in enumerate(_months(30))]
    (tmp_path / "long.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["forecast", "--csv", "long.csv", "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--where", "store=a"]) == 2
    assert capsys.readouterr().err == (
        "error: no row of 'long.csv' has store='a' (--where); the column holds A, B (did you "
        "mean --where store=A?).\n"
    )
    with pytest.raises(ValueError) as err:
        read_csv("long.csv", "month", "sales", where={"store": "b "})
    assert str(err.value) == (
        "no row of 'long.csv' has store='b ' (`where`); the column holds A, B (did you mean "
        "where={'store': 'B'}?)."
    )
    with pytest.raises(ValueError, match=r"the column holds A, B\.$"):
        read_csv("long.csv", "month", "sales", where={"store": "D"})

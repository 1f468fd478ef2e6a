"""Review of fc35 (revfc35): the yearly axis of fiscal-year periods."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _ticks(fig) -> list[tuple[str, str]]:
    """The x ticks within the axis' limits: (their date, their label)."""
    import matplotlib.dates as mdates

    ax = fig.axes[0]
    fig.canvas.draw()
    low, high = ax.get_xlim()
    locs = [x for x in ax.xaxis.get_majorticklocs() if low <= x <= high]
    labels = ax.xaxis.get_major_formatter().format_ticks(locs)
    return [(str(mdates.num2date(x).date()), label) for x, label in zip(locs, labels, strict=True)]


def test_fiscal_year_periods_are_ticked_by_their_own_names() -> None:
    from lstmkit.forecast import plot_forecast

    # before: Y-JUN's 2000 .. 2003, drawn at 1999-07-01 .. 2002-07-01, were ticked '1999' ..
    # '2002', where forecast.csv and the index name them 2000 .. 2003
    index = pd.period_range("2000", periods=4, freq="Y-JUN")
    forecast = pd.DataFrame({"forecast": [8.0], "lower": [7.0], "upper": [9.0]}, index=index[3:])
    fig = plot_forecast(pd.Series([1.0, 2.0, 3.0], index=index[:3]), forecast)
    assert _ticks(fig) == [
        ("1999-07-01", "2000"),
        ("2000-07-01", "2001"),
        ("2001-07-01", "2002"),
        ("2002-07-01", "2003"),
    ]
    # calendar years (Y-DEC) as before: the period's year is its start's
    index = pd.period_range("2000", periods=4, freq="Y")
    fig = plot_forecast(pd.Series([1.0, 2.0, 3.0], index=index[:3]), forecast.set_axis(index[3:]))
    assert [label for _, label in _ticks(fig)] == ["2000", "2001", "2002", "2003"]


def test_a_backtest_of_fiscal_years_is_ticked_by_their_names() -> None:
    from lstmkit.backtest import BacktestResult

    # before: the periods 2001 .. 2006 (Y-MAR) were ticked '2000' .. '2005'
    periods = pd.period_range("2001", periods=6, freq="Y-MAR")
    at = periods[4:]
    forecasts = pd.DataFrame(
        {
            "origin": at[0],
            "cutoff": periods[3],
            "timestamp": at,
            "step": [1, 2],
            "y_true": [5.0, 6.0],
            "forecast": [5.5, 6.5],
            "lower": [5.0, 6.0],
            "upper": [6.0, 7.0],
        }
    )
    summary = {"model": {"rmse": 0.5, "coverage": 1.0, "nominal": 0.8}}
    series = pd.Series(np.arange(1.0, 7.0), periods.to_timestamp())
    result = BacktestResult(forecasts, pd.DataFrame({"method": ["model"]}), summary, series=series)
    ticks = _ticks(result.plot(baseline=None))
    assert ticks == [(f"{year - 1}-04-01", str(year)) for year in range(2001, 2007)]


def test_the_pandas_line_names_a_quoted_header_as_pandas_reads_it(
    clf_dir, tmp_path, capsys, monkeypatch
) -> None:
    import re
    from pathlib import Path

    from lstmkit.cli import main

    # R's write.csv quotes the header: the note's line read pd.read_csv(...)['"review"'], a
    # KeyError, where pandas names that column review
    monkeypatch.chdir(tmp_path)
    Path("reviews.csv").write_text('"review"\n"a fine film"\n"a dull film"\n', "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", "reviews.csv", "--json"]) == 0
    note = capsys.readouterr().err
    code = re.search(r"\(pandas: (.*)\), and give that file", note)
    assert code is not None and code[1] == (
        "Path('texts.txt').write_text('\\n'.join(pd.read_csv('reviews.csv')['review'].dropna()))"
    )
    exec(code[1], {"Path": Path, "pd": pd})
    assert Path("texts.txt").read_text("utf-8") == "a fine film\na dull film"


@pytest.mark.parametrize("mark", [{"decimal": ","}, {"thousands": ","}, {}])
def test_a_later_row_ending_with_the_separator_is_no_split_number(tmp_path, mark) -> None:
    from lstmkit import data

    # before: with decimal="," (fc35) or thousands=",", "2024-01-02,2," was told "an unquoted
    # decimal mark that is the separator splits its number into two fields; pass the file's
    # separator as `sep` (';' ...)": no number was split, and sep=';' reads no column; then
    # (revfc35) pandas' "Expected 2 fields in line 3, saw 3"; it is read (left35a), as the
    # README reads rows that end with the separator
    csv = tmp_path / "ends.csv"
    csv.write_text("date,sales\n2024-01-01,1\n2024-01-02,2,\n2024-01-03,3\n")
    assert data.read_csv(csv, "date", "sales", **mark)["sales"].tolist() == [1.0, 2.0, 3.0]
    # a quoted "3,500" and the separator after it: read as its number
    csv.write_text('date,sales\n2024-01-01,1\n2024-01-02,"3,500",\n2024-01-03,4\n')
    expected = [1.0, 3.5, 4.0] if mark == {"decimal": ","} else [1.0, 3500.0, 4.0]
    if not mark:
        with pytest.raises(ValueError, match=r"non-numeric values at 2024-01-02 \('3,500'\)"):
            data.read_csv(csv, "date", "sales", **mark)
    else:
        assert data.read_csv(csv, "date", "sales", **mark)["sales"].tolist() == expected
    # an unquoted 2,5 is still told as the split it is
    csv.write_text("date,sales\n2024-01-01,1\n2024-01-02,2,5\n")
    with pytest.raises(ValueError, match=r"^`sep` and `(decimal|thousands)` are both ','"):
        data.read_csv(csv, "date", "sales", **(mark or {"decimal": ","}))

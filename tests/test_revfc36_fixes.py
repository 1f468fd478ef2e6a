"""revfc36: review of fc36 (file lines past quoted line breaks, R row names, fiscal quarters)."""

from __future__ import annotations

import pandas as pd
import pytest

from lstmkit.cli import main


@pytest.mark.parametrize(
    ("first", "said"),
    [
        ("%Y%m%d", "got NaN in column 'sales' of 'u.csv' at 2020-01-11."),
        ("%Y%m", "no date format is inferred from '202001': pass --date-format '%Y%m'"),
    ],
)
def test_an_unnamed_first_column_of_days_or_months_as_digits_is_no_row_numbers(
    tmp_path, monkeypatch, capsys, first, said
) -> None:
    """An unnamed first column of YYYYMMDD or YYYYMM dates beside a missing value (and a
    column no flag reads) was refused as row numbers, told to pass --date-col with the dates
    that column holds; the missing value, or the format to pass, is told, as before fc36."""
    freq = "D" if first == "%Y%m%d" else "MS"
    days = pd.date_range("2020-01-01", periods=40, freq=freq).strftime(first)
    rows = [",sales,note"] + [f"{d},{'' if k == 10 else k},x" for k, d in enumerate(days)]
    (tmp_path / "u.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["forecast", "--csv", "u.csv", "--value-col", "sales", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert said in err
    assert "row numbers" not in err


def test_a_labelled_text_with_blank_lines_is_not_scanned_for_quoted_line_breaks(
    tmp_path, monkeypatch
) -> None:
    """Its blank lines are skipped, and none of its messages counts lines by the quoted
    values' breaks: every quoted value of such a file was scanned for them, for nothing (0.6
    of 1.2 s for 300,000 quoted rows and a trailing blank line)."""
    from lstmkit import data
    from lstmkit.text.labelled import read_labelled_csv

    def scanned(*_: object) -> None:
        raise AssertionError("scanned")

    monkeypatch.setattr(data, "_quoted_breaks", scanned)
    text = 'text,label\n"good, and\nfine",pos\n\n"bad",neg\n\n'
    (tmp_path / "l.csv").write_text(text, encoding="utf-8")
    texts, labels = read_labelled_csv(tmp_path / "l.csv", "text", "label")
    assert (list(texts), list(labels)) == (["good, and\nfine", "bad"], ["pos", "neg"])


def test_a_quoted_header_name_of_two_lines_after_a_byte_order_mark_counts_its_break(
    tmp_path,
) -> None:
    """Excel's UTF-8 files begin with a byte order mark, which pandas drops: a quoted first
    name of two lines after it was not seen as quoted, and a row below was named a line
    short (line 4 for the file's 5)."""
    from lstmkit.data import read_csv

    text = '\ufeff"month\n(start)",sales\n"2020-01-01",1\n2020-02-01,2\n2020-03-01,3,x\n'
    (tmp_path / "b.csv").write_text(text, encoding="utf-8")
    assert text.splitlines()[5 - 1] == "2020-03-01,3,x"  # the file's line 5, pandas' 4
    with pytest.raises(ValueError, match=r"\(Expected 2 fields in line 5, saw 3\)"):
        read_csv(tmp_path / "b.csv", "month\n(start)", "sales")


@pytest.mark.parametrize(
    ("value", "meant"),
    [("11", ""), ("2021", ""), ("1.0", " (did you mean --where store=1?)"), ("b", "")],
)
def test_a_where_number_no_row_holds_is_not_guessed_a_digit_off(
    tmp_path, monkeypatch, capsys, value, meant
) -> None:
    """A number no row holds is another number, not a slip: --where store=11 of stores 1, 2,
    10 was asked 'did you mean --where store=1?', and '1.0' '10'; a number is named only the
    cell of its value ('1' of '1.0'), and a letter of numbers nothing."""
    rows = ["month,sales,store"]
    rows += [f"2020-{m:02d}-01,{m},{s}" for s in (1, 2, 10, 2020) for m in range(1, 13)]
    (tmp_path / "w.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["forecast", "--csv", "w.csv", "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--where", f"store={value}", "--no-progress"]) == 2
    assert capsys.readouterr().err == (
        f"error: no row of 'w.csv' has store={value!r} (--where); the column holds 1, 10, 2, "
        f"2020{meant}.\n"
    )


def test_an_hourly_start_refusal_names_midnight_with_its_time() -> None:
    """The hourly series' times were named "from 2021-03-01 01:00:00 to 2021-03-20", and a
    time between two "between 2021-03-10 and 2021-03-10 01:00:00": midnight lost its time
    beside the others' (two formats in one message); each is named with its time."""
    from lstmkit.forecast import Forecaster

    index = pd.date_range("2021-03-01", periods=480, freq="h")
    y = pd.Series(range(480), index=index, dtype=float)
    fc = Forecaster(horizon=24, lookback=24, ensemble=1, epochs=1, seed=0, progress=False)
    fc.fit(y[:200])
    with pytest.raises(ValueError) as err:
        fc.backtest(y, start="2021-03-10 00:30", stride=24, retrain=False)
    assert str(err.value) == (
        "`start` must be a position in 1..456 (or -479..-24 from the end), or one of the "
        "series' times from 2021-03-01 01:00:00 to 2021-03-20 00:00:00 (the first step it "
        "forecasts), leaving a whole horizon (24) of the 480 points after it, got "
        "'2021-03-10 00:30'; 2021-03-10 00:30:00 is none of the series' times: it falls "
        "between 2021-03-10 00:00:00 and 2021-03-10 01:00:00."
    )


@pytest.mark.parametrize(
    ("dates", "freq"),
    [
        (pd.date_range("2020-01-05", periods=40, freq="W-SUN").strftime("%Y-%m-%d"), "W-SUN"),
        ([str(k) for k in range(40)], None),
    ],
)
def test_the_frequency_read_is_in_json_and_run_json(
    tmp_path, monkeypatch, capsys, dates, freq, undrawn_figures
) -> None:
    """Only -v said the frequency the CSV was read at ("(W-SUN)" in its log): --json and
    run.json have it as `freq` (pandas' alias; null for integer steps)."""
    import json

    rows = ["date,value"] + [f"{d},{k % 7 + 10}" for k, d in enumerate(dates)]
    (tmp_path / "w.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["forecast", "--csv", "w.csv", "--date-col", "date", "--value-col", "value"]
    argv += ["--horizon", "2", "--season-length", "1", "--epochs", "1", "--ensemble", "1"]
    assert main([*argv, "--no-progress", "--no-stat-baselines", "--json", "--out", "run"]) == 0
    printed = json.loads(capsys.readouterr().out)
    saved = json.loads((tmp_path / "run" / "run.json").read_text(encoding="utf-8"))
    assert printed["freq"] == saved["freq"] == freq
    assert list(printed)[4:7] == ["n", "freq", "inserted_timestamps"]


@pytest.mark.parametrize("thousands", [None, ","])
def test_a_file_of_lines_ended_by_cr_alone_reads_rows_ending_with_the_separator(
    tmp_path, thousands
) -> None:
    """A file whose lines end with "\\r" alone (classic Mac OS) was one line to the cut of
    the separators a row ends with: "2020-10-01,10," was refused ("Expected 2 fields in line
    11, saw 3"; with thousands=",", as a number split in two), where "\\n" and "\\r\\n" files
    read it; it is read alike, and a row below that splits a number is named by its line."""
    from lstmkit.data import read_csv

    rows = ["month,sales", *(f"2020-{m:02d}-01,{m}" for m in range(1, 10)), "2020-10-01,10,"]
    (tmp_path / "t.csv").write_bytes("\r".join(rows).encode() + b"\r")
    frame = read_csv(tmp_path / "t.csv", "month", "sales", thousands=thousands)
    assert frame["sales"].tolist() == [float(m) for m in range(1, 11)]
    (tmp_path / "t.csv").write_bytes("\r".join([*rows, "2020-11-01,1,500"]).encode() + b"\r")
    with pytest.raises(ValueError, match=r"line 12 of '.*t\.csv' has more fields \(3\)"):
        read_csv(tmp_path / "t.csv", "month", "sales", thousands=",")


@pytest.mark.parametrize("freq", ["Q-JUN", "Q-MAR", "Q-DEC"])
def test_a_backtest_start_of_a_year_on_fiscal_quarters_is_where_pandas_starts_it(freq) -> None:
    """`start="2005"` of fiscal quarters is read as pandas reads it in their PeriodIndex, the
    calendar year's first quarter (`y["2005"]` of Q-JUN starts at 2005Q3, 1 January 2005),
    as "2005Q1" is that fiscal quarter: pinned, not a fiscal year's start."""
    from lstmkit.forecast import Forecaster

    y = pd.Series(range(40), index=pd.period_range("2000Q1", periods=40, freq=freq), dtype=float)
    fc = Forecaster(horizon=4, ensemble=1, epochs=1, seed=0, val_size=4, progress=False)
    fc.fit(y[:20])
    bt = fc.backtest(y, start="2005", stride=4, retrain=False)
    assert bt.forecasts["origin"].iloc[0] == y["2005"].index[0]
    assert y["2005"].index[0].start_time == pd.Timestamp("2005-01-01")

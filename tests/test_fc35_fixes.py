"""Forecasting left-overs (fc35): a per-call "no interval", undated and yearly series' steps
and axes, zone-naive dates for a zoned model, and CSV refusals said for the route taken."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster

TINY = {"horizon": 2, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}
TINY |= {"calendar": False, "progress": False}
DAYS = pd.date_range("2024-01-01", periods=40, freq="D")


@pytest.fixture(scope="module")
def banded() -> Forecaster:
    """A tiny direct Forecaster with the default 80 % interval."""
    return Forecaster(**TINY).fit(pd.Series(np.arange(1.0, 41.0), DAYS))


@pytest.mark.parametrize("off", [0, 0.0, False, np.False_, np.float32(0)])
def test_predict_interval_0_or_false_switches_the_models_interval_off_for_one_call(
    banded, off
) -> None:
    # before: None is the model's interval, and 0 and False were refused ("... got 0 (for no
    # interval, read the `forecast` column alone)"), where `lstmkit predict --interval 0` gives
    # none
    default = banded.predict(2)
    assert default.attrs == {"interval": 0.8}
    assert default[["lower", "upper"]].notna().all().all()
    none = banded.predict(2, interval=off)
    assert list(none.columns) == ["forecast", "lower", "upper"]
    assert none.attrs == {}
    assert none[["lower", "upper"]].isna().all().all()
    np.testing.assert_array_equal(none["forecast"], default["forecast"])
    assert banded.predict(2).attrs == {"interval": 0.8}  # the model's own is unchanged


def test_a_zero_in_a_list_is_told_interval_0(banded) -> None:
    with pytest.raises(ValueError) as err:
        banded.predict(2, interval=[0])
    assert str(err.value) == (
        "`interval` must be a number strictly between 0 and 1, e.g. 0.8, got [0] (one level, "
        "not a list; interval=0 for no interval)."
    )


def _ticks(fig) -> tuple[list[float], list[str]]:
    """The x ticks within the axis' limits, and their labels."""
    ax = fig.axes[0]
    fig.canvas.draw()
    low, high = ax.get_xlim()
    locs = [x for x in ax.xaxis.get_majorticklocs() if low <= x <= high]
    return locs, list(ax.xaxis.get_major_formatter().format_ticks(locs))


ONE_YEAR = pd.DataFrame({"forecast": [8.0], "lower": [7.0], "upper": [9.0]}, index=[2003])


@pytest.mark.parametrize("index", [[2000, 2001, 2002], [2000.0, 2001.0, 2002.0]])
def test_a_few_years_as_numbers_are_ticked_at_whole_years(index) -> None:
    from lstmkit.forecast import plot_forecast

    # before: ticks 2000.0, 2000.5, 2001.0, ... 2003.0
    forecast = ONE_YEAR.set_axis(pd.Index([2003.0]) if isinstance(index[0], float) else [2003])
    fig = plot_forecast(pd.Series([1.0, 2.0, 3.0], index=index), forecast)
    assert _ticks(fig) == ([2000.0, 2001.0, 2002.0, 2003.0], ["2000", "2001", "2002", "2003"])
    assert fig.axes[0].xaxis.get_offset_text().get_text() == ""


@pytest.mark.parametrize(
    ("freq", "ticked"),
    [
        ("YS", ["2000-01-01", "2001-01-01", "2002-01-01", "2003-01-01"]),
        ("YE", ["2000-12-31", "2001-12-31", "2002-12-31", "2003-12-31"]),
    ],
)
def test_yearly_dates_are_ticked_at_their_own_day_and_read_as_years(freq, ticked) -> None:
    import matplotlib.dates as mdates

    from lstmkit.forecast import plot_forecast

    # before: ticks '2000', 'May', 'Sep', '2001', ...; YE's at 1 January, so that 2000-12-31
    # sat on the tick '2001'
    index = pd.date_range("2000", periods=4, freq=freq)
    fig = plot_forecast(pd.Series([1.0, 2.0, 3.0], index=index[:3]), ONE_YEAR.set_axis(index[3:]))
    locs, labels = _ticks(fig)
    assert [str(mdates.num2date(x).date()) for x in locs] == ticked
    assert labels == ["2000", "2001", "2002", "2003"]


def test_sixty_years_are_ticked_every_ten_and_steps_stay_whole() -> None:
    from lstmkit.forecast import plot_forecast

    index = pd.date_range("1950", periods=61, freq="YS")
    history = pd.Series(np.arange(60.0), index=index[:60])
    fig = plot_forecast(history, ONE_YEAR.set_axis(index[60:]))
    assert _ticks(fig)[1] == ["1950", "1960", "1970", "1980", "1990", "2000", "2010"]
    # positions 0 .. 2 and a step 3: no 0.5 between them
    fig = plot_forecast(np.arange(3.0), ONE_YEAR.set_axis([3]))
    assert _ticks(fig) == ([0.0, 1.0, 2.0, 3.0], ["0", "1", "2", "3"])


SPLIT_LATER = (
    "`sep` and `decimal` are both ',', and line {line} of {csv} has more fields ({wide}) than "
    "its header ({header}): an unquoted decimal mark that is the separator splits its number "
    "into two fields (1,5 read as 1 and 5); pass the file's separator as `sep` (';' for many "
    'European spreadsheets), or quote each value that holds the mark ("1,5").'
)


def test_a_decimal_comma_split_only_on_a_later_row_names_its_line_and_both(
    tmp_path, capsys
) -> None:
    from lstmkit import data
    from lstmkit.cli import main

    # before: "CSV file 'later.csv' cannot be read as a table (Expected 2 fields in line 4,
    # saw 3); every row must have the header's 2 fields; ...", pandas' words, no flag named
    csv = tmp_path / "later.csv"
    csv.write_text("date,sales\n2024-01-01,1\n2024-01-02,2\n2024-01-03,1,5\n2024-01-04,3\n")
    with pytest.raises(ValueError) as err:
        data.read_csv(csv, "date", "sales", decimal=",")
    told = SPLIT_LATER.format(line=4, csv=repr(str(csv)), wide=3, header=2)
    assert str(err.value) == told
    argv = ["forecast", "--csv", str(csv), "--date-col", "date", "--value-col", "sales"]
    assert main([*argv, "--decimal", ","]) == 2
    assert (
        capsys.readouterr().err
        == "error: "
        + told.replace(
            "`sep` and `decimal` are both ','",
            "--sep and --decimal are both ',' (',' is --sep's default)",
        ).replace("as `sep`", "with --sep")
        + "\n"
    )


LONG_SPLIT = (
    "store,date,sales\nA,2024-01-01,1\nA,2024-01-02,{a2}\nA,2024-01-03,3\nB,2024-01-01,2\n"
    "B,2024-01-02,9\nB,2024-01-03,8\n"
)


def test_series_names_takes_read_csvs_thousands_and_decimal(tmp_path) -> None:
    from lstmkit import data

    csv = tmp_path / "long.csv"
    csv.write_text(LONG_SPLIT.format(a2="1,234"))
    # before: series_names(csv, "store", thousands=",") was a TypeError (no such keyword), and
    # without it the generic "cannot be read as a table (line 3 has 4 fields, ...)"
    with pytest.raises(ValueError) as err:
        data.series_names(csv, "store", thousands=",")
    assert str(err.value) == (
        f"`sep` and `thousands` are both ',', and line 3 of {str(csv)!r} has more fields "
        "(4) than its header (3): an unquoted number holding the thousands separator is split "
        "into two fields (1,200 read as 1 and 200); pass the file's separator as `sep` (';' for "
        'many European spreadsheets), or quote each value that holds the mark ("1,200").'
    )
    with pytest.raises(ValueError) as err:
        data.series_names(csv, "store", decimal=",")
    assert str(err.value) == SPLIT_LATER.format(line=3, csv=repr(str(csv)), wide=4, header=3)
    # the file written as a European spreadsheet writes it: read by both alike
    csv.write_text(LONG_SPLIT.format(a2="1.234,5").replace(",", ";").replace("1.234;5", "1.234,5"))
    kw = {"sep": ";", "decimal": ",", "thousands": "."}
    assert data.series_names(csv, "store", **kw) == ["A", "B"]
    a = data.read_csv(csv, "date", "sales", where={"store": "A"}, **kw)
    assert a["sales"].tolist() == [1.0, 1234.5, 3.0]


def test_series_names_checks_its_separators_as_read_csv_does(tmp_path) -> None:
    from lstmkit import data

    csv = tmp_path / "long.csv"
    csv.write_text(LONG_SPLIT.format(a2="2"))
    with pytest.raises(ValueError) as err:
        data.series_names(csv, "store", thousands=".")
    assert str(err.value) == (
        "`thousands` must differ from `decimal`, got '.' for both ('.' is `decimal`'s default, "
        "the decimal point); pass the file's decimal mark too: decimal=',', thousands='.' for "
        "1.099,25."
    )
    with pytest.raises(TypeError) as err:
        data.series_names(csv, "store", sep=3)
    assert str(err.value) == "`sep` must be a str, one character, got int 3."


def test_the_cli_tells_a_long_files_split_decimal_before_any_series(tmp_path, capsys) -> None:
    from lstmkit.cli import main

    csv = tmp_path / "long.csv"
    csv.write_text(LONG_SPLIT.format(a2="2,5"))
    argv = ["forecast", "--csv", str(csv), "--date-col", "date", "--value-col", "sales"]
    # before: "error: --csv '...' cannot be read as a table (Expected 3 fields in line 3,
    # saw 4); ..."
    assert main([*argv, "--series-col", "store", "--decimal", ","]) == 2
    assert capsys.readouterr().err == (
        "error: --sep and --decimal are both ',' (',' is --sep's default), and line 3 of "
        f"{str(csv)!r} has more fields (4) than its header (3): an unquoted decimal mark that "
        "is the separator splits its number into two fields (1,5 read as 1 and 5); pass the "
        "file's separator with --sep (';' for many European spreadsheets), or quote each value "
        'that holds the mark ("1,5").\n'
    )


def test_the_pandas_line_for_a_table_given_to_text_predict_reads_that_file(
    clf_dir, tmp_path, capsys, monkeypatch
) -> None:
    import re
    from pathlib import Path

    from lstmkit.cli import main

    # before: "(pandas: Path('texts.txt').write_text('\n'.join(df[col].dropna())))", a frame
    # `df` that the command line's user never made, and no sep for a TSV
    path = tmp_path / "reviews.tsv"
    path.write_text("review\trating\na fine film\tup\n\t\na dull film\tdown\n", "utf-8")
    assert main(["text", "predict", str(clf_dir), "--file", str(path), "--json"]) == 0
    note = capsys.readouterr().err
    code = re.search(r"\(pandas, with col the texts' column: (.*)\), and give that file", note)
    assert code is not None and code[1] == (
        "Path('texts.txt').write_text('\\n'.join("
        f"pd.read_csv({str(path)!r}, sep='\\t')[col].dropna()))"
    )
    monkeypatch.chdir(tmp_path)
    exec(code[1], {"Path": Path, "pd": pd, "col": "review"})
    assert Path("texts.txt").read_text("utf-8") == "a fine film\na dull film"


def test_seq2seq_forecasts_an_undated_series_at_the_steps_recursive_does() -> None:
    # checked, not changed (fc35): a plain array or a RangeIndex gives the same steps by
    # either strategy, from the training data and from a newer history
    from lstmkit.forecast import plot_forecast

    y = np.sin(np.arange(40) / 3) + 2.0
    steps = {}
    for strategy in ("recursive", "seq2seq"):
        fc = Forecaster(**TINY, strategy=strategy, interval=None).fit(y)
        newer = fc.predict(3, series=pd.Series(y[:30], index=range(100, 130)))
        pred = fc.predict(3)
        steps[strategy] = (pred.index, newer.index, _ticks(plot_forecast(y, pred)))
    assert steps["recursive"][0].equals(pd.RangeIndex(40, 43))
    assert steps["recursive"][1].equals(pd.RangeIndex(130, 133))
    for got, want in zip(steps["seq2seq"], steps["recursive"], strict=True):
        assert got.equals(want) if isinstance(got, pd.Index) else got == want

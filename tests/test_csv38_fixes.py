"""csv38: left-overs in reading CSVs and forecasting, said as a user meets them."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.data import read_csv
from lstmkit.forecast import Forecaster, ForecasterConfig, _past_pandas_dates

PANDAS_3 = pd.__version__ >= "3"
QUICK = ["--epochs", "1", "--no-stat-baselines", "--hidden-size", "4"]


def _piped(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """``text`` as the standard input a pipe gives `lstmkit ... --csv -` (named '<stdin>'): the
    command runs in this process (a subprocess of it took 2.5 CPU-seconds to import lstmkit)."""
    raw = io.BytesIO(text.encode())
    raw.name = "<stdin>"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))


def _monthly(path: Path, last: str | None = None, above: str = "") -> Path:
    """24 months of sales under ``above``, with the row ``last`` under them."""
    rows = [f"2018-{m:02d}-01,{100 + m}" for m in range(1, 13)]
    rows += [f"2019-{m:02d}-01,{200 + m}" for m in range(1, 13)]
    path.write_text(above + "date,sales\n" + "\n".join(rows) + "\n" + (last or ""))
    return path


def test_a_total_row_under_the_data_is_told_as_a_summary_row(tmp_path: Path) -> None:
    """A spreadsheet's total under monthly rows was told "pass --date-format", which reads no
    'Total'; it is told as a summary row, to delete (a format advised no more)."""
    path = _monthly(tmp_path / "s.csv", 'Total,"3,000"\n')
    with pytest.raises(ValueError) as err:
        read_csv(path, "date", "sales")
    assert str(err.value) == (
        f"column 'date' of {str(path)!r} has unparsable dates at row 26 ('Total'); the last row "
        "looks like a summary row under the data, which no date format reads: delete it from "
        "the file."
    )


@pytest.mark.parametrize("words", [["Sum", "Average"], ["Grand total:", "Summe"]])
def test_summary_rows_at_the_end_are_told_together(tmp_path: Path, words: list[str]) -> None:
    path = _monthly(tmp_path / "s.csv", "".join(f"{w},1\n" for w in words))
    with pytest.raises(ValueError, match=r"\('Sum'\), row 27 \('Average'\)|Summe") as err:
        read_csv(path, "date", "sales")
    assert str(err.value).endswith(
        "; the last 2 rows look like summary rows under the data, which no date format reads: "
        "delete them from the file."
    )


def test_a_word_in_the_last_row_alone_is_told_to_delete(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A word that is no summary's, in the last row alone, is told as a note or a summary; a
    blank line under it: no `sed '$d'`, which would drop the blank line and leave the row."""
    path = _monthly(tmp_path / "s.csv", "Source: ACME,1\n\n")
    argv = ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "sales"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: column 'date' of {str(path)!r} has unparsable dates at row 26 ('Source: ACME'); "
        "the last row holds words, no date, as a note or a summary row under the data does: "
        "delete it from the file.\n"
    )


@pytest.mark.parametrize(
    ("last", "said"),
    [
        # a word amid the rows, or two words that are no summary's: a date format, as before
        ("Notes,1\nTotal,2\n", "expected dates like the first one ('%Y-%m-%d')"),
        ("2019-13-01,1\n", "expected dates like the first one ('%Y-%m-%d')"),
    ],
)
def test_other_unparsable_dates_are_told_as_before(tmp_path: Path, last: str, said: str) -> None:
    path = _monthly(tmp_path / "s.csv", last)
    with pytest.raises(ValueError, match="unparsable dates") as err:
        read_csv(path, "date", "sales")
    assert said in str(err.value) and "summary" not in str(err.value)


# 24 months leave 1 validation error per step: the run warns of its interval on stderr, as it
# did in the subprocess this test ran before, which is no part of what it checks
@pytest.mark.filterwarnings("ignore:the 80% split-conformal interval needs:UserWarning")
def test_a_summary_row_is_told_the_command_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On the command line the advice is a command that reads the file without the row: it
    runs (without the row the file forecasts)."""
    monkeypatch.chdir(tmp_path)
    _monthly(tmp_path / "s.csv", "Total,3000\n")
    flags = ["--date-col", "date", "--value-col", "sales", "--horizon", "3", *QUICK]
    assert main(["forecast", "--csv", "s.csv", *flags]) == 2
    assert capsys.readouterr().err == (
        "error: column 'date' of 's.csv' has unparsable dates at row 26 ('Total'); the last "
        "row looks like a summary row under the data, which no date format reads: delete it "
        "from the file, or read the file without it: sed '$d' s.csv | lstmkit forecast "
        "--csv - (with the other flags as given).\n"
    )
    if shutil.which("sed") is None:
        pytest.skip("no sed here")
    head = subprocess.run(["sed", "$d", "s.csv"], capture_output=True, text=True)
    _piped(monkeypatch, head.stdout)
    assert main(["forecast", "--csv", "-", *flags]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("<stdin>: n=24, ")


def test_a_title_above_the_header_is_told_where_the_header_is(tmp_path: Path) -> None:
    """A report's title line and a blank line above the header were told the columns
    ['Sales report 2018-2023', 'Unnamed: 1'] alone; the line of the header is named."""
    path = _monthly(tmp_path / "s.csv", above="Sales report 2018-2019,\n\n")
    with pytest.raises(ValueError) as err:
        read_csv(path, "date", "sales")
    assert str(err.value) == (
        f"columns ['date', 'sales'] not found in {str(path)!r}; available columns: "
        "['Sales report 2018-2019', 'Unnamed: 1'] (the header looks to be on line 3, below a "
        "title: delete the 2 lines above it from the file)."
    )
    # one line above, the header on line 2; a column the file lacks anyway: no such hint
    path = _monthly(tmp_path / "t.csv", above="Sales,\n")
    with pytest.raises(ValueError, match=r"on line 2, below a title: delete the line above it"):
        read_csv(path, "date", "sales")
    with pytest.raises(ValueError) as err:
        read_csv(path, "date", "price")
    assert "below a title" not in str(err.value)


# 24 months leave 1 validation error per step: the run warns of its interval on stderr, as it
# did in the subprocess this test ran before, which is no part of what it checks
@pytest.mark.filterwarnings("ignore:the 80% split-conformal interval needs:UserWarning")
def test_a_title_above_the_header_is_told_the_command_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _monthly(tmp_path / "s.csv", above="Sales report 2018-2019,\n\n")
    flags = ["--date-col", "date", "--value-col", "sales", "--horizon", "3", *QUICK]
    assert main(["forecast", "--csv", "s.csv", *flags]) == 2
    assert capsys.readouterr().err == (
        "error: --date-col 'date' and --value-col 'sales' are not columns of 's.csv'; available "
        "columns: ['Sales report 2018-2019', 'Unnamed: 1'] (the header looks to be on line 3, "
        "below a title: delete the 2 lines above it from the file, or read the file from there: "
        "tail -n +3 s.csv | lstmkit forecast --csv -, with the other flags as given).\n"
    )
    if shutil.which("tail") is None:
        pytest.skip("no tail here")
    tail = subprocess.run(["tail", "-n", "+3", "s.csv"], capture_output=True, text=True)
    _piped(monkeypatch, tail.stdout)
    assert main(["forecast", "--csv", "-", *flags]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("<stdin>: n=24, ")


STEPS = (
    "(a count of the data's own steps, not a duration: 12 for a year of monthly data, 7 for a "
    "week of daily data)"
)


@pytest.mark.parametrize(
    ("kwargs", "said"),
    [
        ({"horizon": "3m"}, f"`horizon` must be a positive integer or None, got '3m' {STEPS}."),
        (
            {"lookback": "2 years", "season_length": "12 months"},
            f"`lookback` must be a positive integer or None, got '2 years' {STEPS}. "
            f"`season_length` must be a positive integer or None, got '12 months' {STEPS}.",
        ),
        # a number as text, and another field's duration: as before
        (
            {"horizon": "3"},
            "`horizon` must be a positive integer or None, got '3' (a number, not text: 3).",
        ),
        ({"val_size": "3m"}, "`val_size` must be a positive integer or None, got '3m'."),
    ],
)
def test_a_count_of_steps_given_as_a_duration_is_told_it_counts_steps(kwargs, said) -> None:
    """Forecaster(horizon="3m") was told "must be a positive integer or None, got '3m'" alone,
    where the CLI's --horizon 3m is told that it counts the data's own steps."""
    with pytest.raises(TypeError) as err:
        Forecaster(**kwargs)
    assert str(err.value) == said


def _monthly_to(end: str) -> pd.DataFrame:
    index = pd.date_range(end=end, periods=24, freq="MS")
    return pd.DataFrame({"y": np.arange(24.0)}, index=index)


def test_a_forecast_from_the_last_month_pandas_holds_says_no_step_fits() -> None:
    """Data that ends on the last month pandas' dates hold was told where the forecast would
    end, and no word of what fits, as if a smaller horizon would: none does. (pandas 2's
    nanoseconds name no end past 2262.)"""
    end = " would end at 2262-07-01 00:00:00" if PANDAS_3 else ""
    assert _past_pandas_dates(_monthly_to("2262-04-01"), 3) == (
        "`horizon` (3) runs past 2262-04-11, the last date pandas timestamps reach; the forecast "
        f"from 2262-04-01 00:00:00{end}; no step fits after the data's end: its last step is the "
        "last one before that date."
    )
    end = " would end at 2262-06-01 00:00:00" if PANDAS_3 else ""
    # a month earlier, one step fits: said as one ("at most 1 steps")
    assert _past_pandas_dates(_monthly_to("2262-03-01"), 3) == (
        "`horizon` (3) runs past 2262-04-11, the last date pandas timestamps reach; the forecast "
        f"from 2262-03-01 00:00:00{end}; forecast at most 1 step (to 2262-04-01 00:00:00)."
    )


def test_predict_from_the_last_month_pandas_holds_says_no_step_fits() -> None:
    cfg = ForecasterConfig(
        horizon=1, lookback=4, ensemble=1, epochs=1, strategy="recursive", interval=None
    )
    fc = Forecaster(cfg).fit(_monthly_to("2262-04-01")["y"])
    with pytest.raises(ValueError, match=r"\d{2}:00; no step fits after the data's end: its "):
        fc.predict(1)


def test_a_piped_file_is_told_to_cut_it_in_the_pipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file piped in (--csv -) was told `head -n -1 '<stdin>'`, a file of that name; the cut
    goes in the pipe."""
    flags = ["--date-col", "date", "--value-col", "sales"]
    ends = {
        "t.csv": "read the file without it: ... | sed '$d' | lstmkit forecast --csv - (with "
        "the other flags as given).\n",
        "h.csv": "read the file from there: ... | tail -n +3 | lstmkit forecast --csv -, with "
        "the other flags as given).\n",
    }
    for name, above, last in [("t.csv", "", "Total,3000\n"), ("h.csv", "Sales,\n\n", None)]:
        _piped(monkeypatch, _monthly(tmp_path / name, last, above).read_text())
        assert main(["forecast", "--csv", "-", *flags]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.endswith(ends[name]), err

"""fccli39: forecasting command-line left-overs, as an analyst with spreadsheet exports on macOS
and Git Bash meets them."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.data import read_csv

QUICK = [
    "--epochs",
    "1",
    "--ensemble",
    "1",
    "--interval",
    "0",
    "--no-stat-baselines",
    "--hidden-size",
    "4",
]
FLAGS = ["--date-col", "date", "--value-col", "sales"]


def _piped(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """``text`` as the standard input a pipe gives `lstmkit forecast --csv -`: the command runs
    in this process, where a subprocess of it took 2 CPU-seconds to import lstmkit and torch."""
    raw = io.BytesIO(text.encode())
    raw.name = "<stdin>"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))


def _rows(sep: str = ",", last: str = "") -> str:
    """24 months of sales, a header and ``last`` under them, fields split by ``sep``."""
    rows = [f"2018-{m:02d}-01{sep}{100 + m}" for m in range(1, 13)]
    rows += [f"2019-{m:02d}-01{sep}{200 + m}" for m in range(1, 13)]
    return f"date{sep}sales\n" + "\n".join(rows) + "\n" + last


def test_a_tsv_is_forecast_read_with_a_tab(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spreadsheet's .tsv export was read with commas and refused as one column,
    'date\\tsales' ('pass --sep tab too'); it is read with a tab, as `lstmkit text` reads one,
    and predict reads one so too."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.tsv").write_text(_rows("\t"))
    flags = ["--date-col", "date", "--value-col", "sales", "--horizon", "3"]
    assert main(["forecast", "--csv", "s.tsv", *flags, *QUICK, "--out", "run"]) == 0
    assert capsys.readouterr().out.startswith("s: n=24, holdout=3, ")
    forecast = (tmp_path / "run" / "forecast.csv").read_text().splitlines()
    assert forecast[0] == "timestamp,forecast,lower,upper,y_true"  # commas, as ever
    assert [line.split(",")[0] for line in forecast[1:]] == [
        "2019-10-01",
        "2019-11-01",
        "2019-12-01",
    ]
    assert main(["predict", "run", "--csv", "s.tsv"]) == 0
    assert "2020-01-01" in capsys.readouterr().out


def test_a_tsv_with_another_sep_given_is_read_by_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--sep says otherwise than the name: it is read by --sep."""
    path = tmp_path / "s.tsv"
    path.write_text(_rows(";"))
    argv = ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "sales"]
    assert main([*argv, "--sep", ";", "--horizon", "3", *QUICK]) == 0
    assert capsys.readouterr().out.startswith("s: n=24, holdout=3, ")


def test_a_summary_row_is_told_a_cut_that_runs_on_macos_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`head -n -1 FILE` was told, which macOS' head refuses ('illegal line count -- -1'):
    `sed '$d' FILE`, which BSD, GNU and Git Bash run alike; the told command runs."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.csv").write_text(_rows(last="Total,3000\n"))
    flags = ["--date-col", "date", "--value-col", "sales", "--horizon", "3", *QUICK]
    assert main(["forecast", "--csv", "s.csv", *flags]) == 2
    assert capsys.readouterr().err.endswith(
        "delete it from the file, or read the file without it: sed '$d' s.csv | lstmkit "
        "forecast --csv - (with the other flags as given).\n"
    )
    if shutil.which("sed") is None:
        pytest.skip("no sed here")
    cut = subprocess.run(["sed", "$d", "s.csv"], capture_output=True, text=True, check=True)
    assert cut.stdout == _rows()
    _piped(monkeypatch, cut.stdout)
    assert main(["forecast", "--csv", "-", *flags]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.startswith("<stdin>: n=24, ")


def test_two_summary_rows_are_told_one_sed_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two summary rows at the end: `head -n -2` was told; one `sed '$d'` a row, which cuts
    both."""
    path = tmp_path / "s.csv"
    path.write_text(_rows(last="Sum,1\nAverage,2\n"))
    assert main(["forecast", "--csv", str(path), *FLAGS]) == 2
    out, err = capsys.readouterr()
    told = f"sed '$d' {path} | sed '$d' | lstmkit forecast --csv - (with the other flags"
    assert out == "" and told in err, err
    if shutil.which("sed") is not None:
        cut = subprocess.run(
            f"sed '$d' {path} | sed '$d'", shell=True, capture_output=True, text=True
        )
        assert cut.stdout == _rows()


@pytest.mark.parametrize(
    ("between", "said"),
    [
        (["2018 total,1278"], "row 14 ('2018 total'); the row looks like a subtotal"),
        (
            ["Total 2018,1278", "Subtotal,1278"],
            "row 14 ('Total 2018'), row 15 ('Subtotal'); the 2 rows look like subtotals",
        ),
    ],
)
def test_a_subtotal_among_the_rows_is_told_as_one(
    tmp_path: Path, between: list[str], said: str
) -> None:
    """A yearly subtotal between December and January was told "expected dates like the first
    one ('%Y-%m-%d'), or pass --date-format", which reads no subtotal; it is told as one."""
    lines = _rows().splitlines()
    path = tmp_path / "s.csv"
    path.write_text("\n".join([*lines[:13], *between, *lines[13:]]) + "\n")
    with pytest.raises(ValueError) as err:
        read_csv(path, "date", "sales")
    assert str(err.value) == (
        f"column 'date' of {str(path)!r} has unparsable dates at {said} among the data's rows, "
        f"which no date format reads: delete {'it' if len(between) == 1 else 'them'} from the "
        "file."
    )


def test_a_subtotal_and_a_total_are_told_together(tmp_path: Path) -> None:
    lines = _rows().splitlines()
    path = tmp_path / "s.csv"
    path.write_text("\n".join([*lines[:13], "2018 total,1278", *lines[13:], "Total,3000"]) + "\n")
    with pytest.raises(ValueError) as err:
        read_csv(path, "date", "sales")
    assert str(err.value).endswith(
        "row 14 ('2018 total'), row 27 ('Total'); the 2 rows look like subtotals among the data's "
        "rows, which no date format reads: delete them from the file."
    )


def test_a_word_among_the_rows_is_still_told_a_date_format(tmp_path: Path) -> None:
    lines = _rows().splitlines()
    path = tmp_path / "s.csv"
    path.write_text("\n".join([*lines[:13], "Notes,1", *lines[13:]]) + "\n")
    with pytest.raises(ValueError) as err:
        read_csv(path, "date", "sales")
    assert "expected dates like the first one ('%Y-%m-%d')" in str(err.value)
    assert "subtotal" not in str(err.value)


def test_a_where_split_after_its_equals_sign_is_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--where Store= A` (unquoted, as `--where Store = A` is told) was told a dataset name
    'A' and no word of the split; it is told as `Store = A` is."""
    path = tmp_path / "st.csv"
    path.write_text("date,Store,sales\n2018-01-01,A,1\n")
    assert main(["forecast", "--csv", str(path), *FLAGS, "--where", "Store=", "A"]) == 2
    assert capsys.readouterr().err == (
        "error: give either a dataset name or --csv, not both: 'A', a word that no flag took, "
        "is read as a dataset name (the shell split 'Store= A' at its space); write it as one "
        "word: --where Store=A.\n"
    )
    assert main(["forecast", "--csv", str(path), *FLAGS, "--where=Store=", "New York"]) == 2
    assert capsys.readouterr().err.endswith(
        "(the shell split 'Store= New York' at its space); write it as one word: --where "
        "'Store=New York'.\n"
    )


def test_filled_cells_are_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--fill made up the values of blank cells without a word (a timestamp the file lacked was
    said): how many, which column, the first dates."""
    monkeypatch.chdir(tmp_path)
    lines = _rows().splitlines()
    for k in (3, 4, 5, 9):
        lines[k] = lines[k].split(",")[0] + ","
    (tmp_path / "b.csv").write_text("\n".join(lines) + "\n")
    argv = ["forecast", "--csv", "b.csv", *FLAGS, "--fill", "ffill", "--horizon", "3", *QUICK]
    assert main(argv) == 0
    assert capsys.readouterr().err == (
        "note: 'b.csv' left 4 cells empty, which --fill ffill filled, read as data: 'sales' at "
        "2018-03-01, 2018-04-01, 2018-05-01 and 1 more.\n"
    )
    # a row the file lacks as well: said by its own note, the cells beside it
    del lines[20]
    (tmp_path / "b.csv").write_text("\n".join(lines) + "\n")
    assert main(argv) == 0
    assert capsys.readouterr().err == (
        "note: 'b.csv' lacked 1 timestamp of its regular MS grid (4% of the 24 rows now); it "
        "was inserted and filled with --fill ffill.\n"
        "note: 'b.csv' left 4 cells empty, which --fill ffill filled (and the rows inserted), "
        "read as data: 'sales' at 2018-03-01, 2018-04-01, 2018-05-01 and 1 more.\n"
    )


@pytest.mark.parametrize("windows", [True, False])
def test_a_folder_made_where_a_run_file_goes_is_named(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    windows: bool,
) -> None:
    """A folder named forecast.csv made in --out during the run: Windows refuses the move as
    Permission denied, told '(its permissions changed during the run?)'; Linux and macOS as
    'Is a directory', told no reason. The folder is named."""
    import errno
    import os

    import lstmkit.cli as cli

    real = os.replace
    out = tmp_path / "run"

    def replace(src: str, dst: str) -> None:
        if Path(dst).name == "forecast.csv" and Path(src).parent.name.startswith(".lstmkit-"):
            Path(dst).mkdir()
            if windows:
                code = errno.EACCES
                raise OSError(code, os.strerror(code), os.fspath(src), None, os.fspath(dst))
        real(src, dst)

    (tmp_path / "s.csv").write_text(_rows())
    monkeypatch.setattr(cli.os, "replace", replace)
    argv = ["forecast", "--csv", str(tmp_path / "s.csv"), *FLAGS, "--horizon", "3", *QUICK]
    assert main([*argv, "--out", str(out)]) == 1
    said = "Permission denied" if windows else "Is a directory"
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} cannot be written: {said}, moving the run's forecast.csv "
        "into it (a folder named forecast.csv is there, made during the run, where the run's "
        "file goes). It holds what it held before; run again into another --out.\n"
    )
    assert [p.name for p in out.iterdir()] == ["forecast.csv"]
    assert list((out / "forecast.csv").iterdir()) == []


@pytest.mark.skipif(not hasattr(__import__("os"), "pathconf"), reason="no pathconf here")
@pytest.mark.parametrize("command", ["forecast", "predict"])
def test_an_out_whose_staging_path_is_too_long_is_refused_before_the_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """An --out whose own path fits the system's limit passed the check, and the run failed
    after the fit with "[Errno 36] File name too long: '.../forecast.csv'": its files are
    written into a staging folder inside --out first. Refused before any work, nothing made."""
    import os

    from lstmkit._orphans import owner

    most = os.pathconf(str(tmp_path), "PC_PATH_MAX")
    parts = [str(tmp_path)]
    while len(os.path.join(*parts)) < most - 240:
        parts.append("b" * 200)
    out = os.path.join(*parts, "c" * (most - 40 - len(os.path.join(*parts)) - 1))
    assert len(os.fsencode(out)) == most - 40  # passes refuse_long_names
    if command == "forecast":
        (tmp_path / "s.csv").write_text(_rows())
        argv = ["forecast", "--csv", str(tmp_path / "s.csv"), *FLAGS, *QUICK]
    else:
        argv = ["predict", str(tmp_path / "no-run")]
    # the plot, staged in a hidden folder of its own, is deeper than the model's temporary
    # file and prediction.json (revfccli39)
    tail = f".forecast.png.{owner()}-00000000.tmp/forecast.png"
    shown = ".forecast.png.….tmp/forecast.png"
    whole = len(out) + len(f"/.lstmkit-{owner()}-xxxxxxxx.tmp/{tail}")
    assert main([*argv, "--out", out]) == 2
    assert capsys.readouterr().err == (
        f"error: --out '{out[:24]}…{out[-24:]}' cannot be written: the run writes its files "
        f"into a staging folder inside it first, up to DIR/.lstmkit-….tmp/{shown}, a path of "
        f"{whole:,} bytes here, and a path holds at most {most - 1:,}; choose a shorter one.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["s.csv"] if command == "forecast" else []
    )


def test_an_unquoted_semicolon_sep_is_told_to_quote_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--sep ; --decimal ,` in bash ran `lstmkit forecast ... --sep`, told "expected one
    argument" alone (and then ', --decimal: command not found'): the ';' is named."""
    with pytest.raises(SystemExit) as ended:
        main(["forecast", "--csv", "umsatz.csv", "--date-col", "Monat", "--sep"])
    assert ended.value.code == 2
    assert capsys.readouterr().err.endswith(
        "error: argument --sep: expected one argument (a shell ends a command at an unquoted "
        "';' and runs the rest of the line as another: write --sep ';') (`lstmkit forecast "
        "--help` lists the flags)\n"
    )
    # --sep followed by another flag: no ';' was there
    with pytest.raises(SystemExit):
        main(["forecast", "--csv", "umsatz.csv", "--sep", "--date-col", "Monat"])
    assert capsys.readouterr().err.endswith(
        "error: argument --sep: expected one argument (`lstmkit forecast --help` lists the flags)\n"
    )

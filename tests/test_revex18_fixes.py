"""revex18: the review of ex18 (the README's example CSVs, `lstmkit datasets --example`).

A README `--csv` line pasted without the loop that writes its file said "file not found" alone;
the README's prose named `newer.csv` with columns the shipped `newer.csv` lacks and quoted
`predict runs/umsatz`'s note without the `--thousands '.'` it prints; `lstmkit datasets` never
named `--example`.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import lstmkit
from lstmkit._examples import EXAMPLES
from lstmkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = Path(lstmkit.__file__).resolve().parent / "examples"
QUICK = ["--epochs", "1", "--ensemble", "1", "--no-progress"]


def _readme_prose() -> str:
    """The README without its fenced blocks, each inline code span on one line."""
    text = re.sub(r"```.*?```", "", (ROOT / "README.md").read_text("utf-8"), flags=re.S)
    return text


def _inline_commands() -> list[str]:
    return [" ".join(m.split()) for m in re.findall(r"`(lstmkit [^`]+)`", _readme_prose())]


def test_the_readmes_inline_commands_name_the_shipped_files_columns() -> None:
    """`lstmkit predict MODEL --csv newer.csv --date-col ds --value-col y` named columns the
    shipped newer.csv (month,value) lacks: a user who had run the loop got "--date-col 'ds'
    and --value-col 'y' are not columns of 'newer.csv'"."""
    checked, wrong = [], []
    for command in _inline_commands():
        words = [*shlex.split(command), ""]
        file = words[words.index("--csv") + 1] if "--csv" in words else ""
        if file not in {f"{name}.csv" for name in EXAMPLES}:
            continue
        columns = (SHIPPED / file).read_text("utf-8").splitlines()[0].split(",")
        named = []
        for k, word in enumerate(words):
            if word in ("--date-col", "--value-col", "--series-col"):
                named.append(words[k + 1])
            elif word == "--where":
                named.append(words[k + 1].split("=")[0])
            elif word in ("--covariate-cols", "--future-cols"):
                named += [w for w in words[k + 1 :] if not w.startswith("-")][:1]
        checked.append(file)
        wrong += [(file, column) for column in named if column not in columns]
    assert wrong == []
    assert sorted(checked) == ["stores.csv", "stores.csv", "stores.csv"]


def test_the_readmes_quoted_umsatz_note_is_the_one_printed(
    tmp_path, monkeypatch, capsys, undrawn_figures
) -> None:
    """The README quoted `note: read 'umsatz_new.csv' as the run did: --sep ';' --decimal ','`;
    its own `predict runs/umsatz --csv umsatz_new.csv` prints `--thousands '.'` after it."""
    monkeypatch.chdir(tmp_path)
    for name in ("umsatz", "umsatz_new"):
        (tmp_path / f"{name}.csv").write_bytes((SHIPPED / f"{name}.csv").read_bytes())
    forecast = "--csv umsatz.csv --sep ; --decimal , --thousands . --date-col Monat"
    argv = ["forecast", *forecast.split(), "--value-col", "Umsatz", "--out", "runs/umsatz"]
    assert main([*argv, *QUICK, "--no-stat-baselines"]) == 0
    capsys.readouterr()
    assert main(["predict", "runs/umsatz", "--csv", "umsatz_new.csv"]) == 0
    note = capsys.readouterr().err.splitlines()[0]
    assert (
        note
        == "note: read 'umsatz_new.csv' as the run did: --sep ';' --decimal ',' --thousands '.'"
    )
    quoted = re.search(r"`(note: read 'umsatz_new\.csv'[^`]*)`", _readme_prose(), re.S)
    assert quoted is not None and " ".join(quoted[1].split()) == note


@pytest.fixture(scope="module")
def saved_airline(tmp_path_factory) -> Path:
    """`lstmkit forecast airline --out runs/airline`, one epoch: the folder holding `airline`."""
    runs = tmp_path_factory.mktemp("runs")
    assert main(["forecast", "airline", "--out", str(runs / "airline"), *QUICK]) == 0
    return runs


@pytest.mark.parametrize(
    ("argv", "path", "command"),
    [
        (
            ["forecast", "--csv", "promo.csv", "--date-col", "day", "--value-col", "sales"],
            "'promo.csv'",
            "lstmkit datasets --example promo --out promo.csv",
        ),
        (
            ["predict", "runs/airline", "--csv", "newer.csv"],
            "'newer.csv'",
            "lstmkit datasets --example newer --out newer.csv",
        ),
        (
            ["explain", "runs/airline", "--csv", "data dir/umsatz_new.csv"],
            "'data dir/umsatz_new.csv'",
            "lstmkit datasets --example umsatz_new --out 'data dir/umsatz_new.csv'",
        ),
    ],
    ids=["forecast", "predict", "explain"],
)
def test_a_missing_example_file_names_the_command_that_writes_it(
    argv, path, command, saved_airline, tmp_path, monkeypatch, capsys
) -> None:
    """A README line pasted without the loop said "--csv file not found: 'promo.csv'." alone."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data dir").mkdir()
    (tmp_path / "runs").symlink_to(saved_airline)
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {path} not found; it is one of the README's example files: "
        f"`{command}` writes it.\n"
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["forecast", "--csv", "sales.csv"], "error: --csv 'sales.csv' not found.\n"),
        # a folder that is not there: told the command since `--out` makes it (revcli19)
        (
            ["forecast", "--csv", "https://host/promo.csv"],
            "error: --csv must be a local file, got the URL 'https://host/promo.csv': lstmkit "
            "reads no network; download it first (e.g. curl -L -o data.csv "
            "https://host/promo.csv) and pass the file's name.\n",
        ),
    ],
    ids=["another-name", "url"],
)
def test_other_missing_files_are_told_as_before(argv, said, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert capsys.readouterr().err == said


def test_a_missing_labelled_text_file_is_no_example(tmp_path, monkeypatch, capsys) -> None:
    """The examples are series: `text train --csv promo.csv` is not told to write one."""
    monkeypatch.chdir(tmp_path)
    argv = ["text", "train", "--csv", "promo.csv", "--text-col", "t", "--label-col", "l"]
    assert main([*argv, "--out", "o"]) == 2
    assert capsys.readouterr().err == "error: --csv 'promo.csv' not found.\n"


def test_the_datasets_table_names_the_examples(capsys) -> None:
    """`lstmkit datasets` listed the four series and never `--example`, which writes the
    README's `--csv` files."""
    assert main(["datasets"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == (
        "the README's example CSVs (my, promo, eu, umsatz, umsatz_new, load, stores, newer): "
        "lstmkit datasets --example NAME --out NAME.csv"
    )


@pytest.mark.parametrize(
    ("argv", "given"),
    [
        (["forecast", "promo"], "promo"),
        (["forecast", "promo.csv"], "promo.csv"),  # not there: no "which is a file here"
        (["predict", "runs/airline", "promo"], "promo"),
    ],
    ids=["forecast", "forecast-csv-name", "predict"],
)
def test_an_example_named_as_a_dataset_is_told_how_to_write_it(
    argv, given, saved_airline, tmp_path, monkeypatch, capsys
) -> None:
    """`lstmkit forecast promo` was told "unknown dataset 'promo'; the bundled ones are ..., or
    pass --csv FILE", the README's promo.csv and the command that writes it untold."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs").symlink_to(saved_airline)
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: unknown dataset {given!r}: it names one of the README's example files, no "
        "bundled dataset; `lstmkit datasets --example promo --out promo.csv` writes it, then pass "
        "--csv promo.csv (the bundled datasets are airline, car_sales, milk, wine, `lstmkit "
        "datasets`).\n"
    )


def test_datasets_given_an_examples_name_says_how_to_write_it(capsys) -> None:
    """`lstmkit datasets promo` said "'promo' is none of them" alone."""
    with pytest.raises(SystemExit) as stop:
        main(["datasets", "promo", "airlines"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "error: unrecognized arguments: promo airlines; `lstmkit datasets` takes no name: it "
        "lists every bundled series (airline, car_sales, milk, wine). 'promo' and 'airlines' "
        "are none of them (`lstmkit datasets --example promo --out promo.csv` writes the README's "
        "example file; did you mean 'airline' for 'airlines'?). Forecast 'airline' with "
        "`lstmkit forecast airline`, load it with `lstmkit.data.load_dataset('airline')` "
        "(`lstmkit datasets --help` lists the flags)\n"
    )


def test_an_unknown_example_is_refused_once_for_both_readers() -> None:
    """example_text and build_example each wrote the refusal; one `_checked` now, and the
    recipe refuses before it draws a number."""
    from lstmkit._examples import build_example, example_text

    said = []
    for read in (example_text, build_example):
        with pytest.raises(ValueError) as caught:
            read("sales")
        said.append(str(caught.value))
    assert said == 2 * [
        "`name` must be one of the examples (my, promo, eu, umsatz, umsatz_new, load, stores, "
        "newer), got 'sales'."
    ]


def test_provenances_loop_is_the_readmes() -> None:
    """PROVENANCE.md repeats the README's loop line, which names every example."""
    loop = "for f in my promo eu umsatz umsatz_new load stores newer; do lstmkit datasets"
    loop += " --example $f > $f.csv; done"
    assert loop in (SHIPPED / "PROVENANCE.md").read_text("utf-8").splitlines()
    assert f"$ {loop}   # the files read below" in (ROOT / "README.md").read_text("utf-8")
    assert loop.split(";")[0].split()[3:] == list(EXAMPLES)


def test_an_example_name_of_another_type_is_a_type_error() -> None:
    """`example_text(["promo"])` raised "unhashable type: 'list'", naming no argument."""
    from lstmkit._examples import build_example, example_text

    for read in (example_text, build_example):
        with pytest.raises(TypeError) as caught:
            read(["promo"])
        assert str(caught.value) == "`name` must be a str, one of the examples, got list."


def test_the_readmes_prose_predict_commands_hold_for_the_shipped_stores(
    saved_airline, tmp_path, monkeypatch, capsys, undrawn_figures
) -> None:
    """The prose's `lstmkit predict runs/stores/A --csv stores.csv` forecasts store A from the
    shipped file (the run's --where taken), and a one-series model given stores.csv
    (`lstmkit predict runs/bt --csv stores.csv`) is told first to read one with --where."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stores.csv").write_bytes((SHIPPED / "stores.csv").read_bytes())
    words = "--csv stores.csv --series-col store --date-col month --value-col sales"
    assert main(["forecast", *words.split(), "--out", "runs/stores", *QUICK]) == 0
    capsys.readouterr()
    assert main(["predict", "runs/stores/A", "--csv", "stores.csv"]) == 0
    out, err = capsys.readouterr()
    assert err == "note: read 'stores.csv' as the run did: --where store=A\n"
    dates = re.findall(r"^(\d{4}-\d\d-\d\d)  ", out, re.M)
    assert (dates[0], dates[-1], len(dates)) == ("1961-01-01", "1961-12-01", 12)
    model = str(saved_airline / "airline")
    assert main(["predict", model, "--csv", "stores.csv"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: --csv 'stores.csv' repeats timestamps of 'month'. The file looks like 2 series "
        "in long format, one per value of 'store' (A, B): read one with --where store=A."
    )

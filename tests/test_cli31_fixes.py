"""cli31: command-line leftovers: the covariate lag said by the file's timestamps, what train-lm
and train-seq2seq shuffle, one wording of a missing file, every bad separator at once, the data
folders looked in quoted, "need at least", file: URLs echoed as passed, one plural helper."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit._checks import plural_s
from lstmkit.cli import main

SRC = Path(__file__).resolve().parents[1] / "src" / "lstmkit"


# --- (8) "and N more" and the plural's "s": one helper each, in _checks -------------------------


def test_plural_s_is_the_one_plural_helper_beside_and_more() -> None:
    assert [plural_s(n) for n in (0, 1, 2, 12)] == ["s", "", "s", "s"]
    # forecast's own _s is gone: its callers use _checks' helper
    defined = {
        node.name
        for node in ast.walk(ast.parse((SRC / "forecast.py").read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef)
    }
    assert "_s" not in defined


def test_the_weekend_days_left_out_are_counted_by_and_more_in_the_same_words() -> None:
    days = pd.date_range("2021-01-02", periods=42, freq="D")
    weekend = days[days.day_of_week >= 5]
    none = pd.DatetimeIndex([])
    assert D._days_off_said((0, 1, 2, 3, 4), none, weekend[:6]) == (
        "6 weekend days among them (2021-01-02, a Saturday; 2021-01-03, a Sunday; 2021-01-09, "
        "a Saturday; 2021-01-10, a Sunday; 2021-01-16, a Saturday; and 1 more weekend day)"
    )
    assert D._days_off_said((0, 1, 2, 3, 4), none, weekend[:7]).endswith(
        "2021-01-16, a Saturday; and 2 more weekend days)"
    )


# --- (5) the folders looked in, quoted as --data-dir's are ---------------------------------------


def test_the_folders_looked_in_are_quoted_as_with_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # without --data-dir: "looked in: /x/shared/data/text, /x/shared/data/text/text", bare,
    # where --data-dir's were quoted ("in 'nodir' or 'nodir/text'")
    import lstmkit.text.sst as sst
    from lstmkit.cli import main

    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    monkeypatch.setattr(sst, "__file__", str(site / "lstmkit" / "text" / "sst.py"))
    monkeypatch.delenv("LSTMKIT_DATA", raising=False)
    (tmp_path / "my work").mkdir()
    monkeypatch.chdir(tmp_path / "my work")
    shared = tmp_path / "shared" / "data" / "text"
    assert main(["text", "train-lm", "shakespeare", "--out", "run"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: text data folder not found (expected a folder holding `sst/` or "
        f"`tinyshakespeare/`); looked in: '{shared}', '{shared}/text'. Pass --data-dir or set "
        "LSTMKIT_DATA.\n",
    )
    assert main(["text", "train-lm", "shakespeare", "--data-dir", "no data", "--out", "run"]) == 2
    assert capsys.readouterr().err == (
        "error: --data-dir ('no data') holds no text data (no such folder): expected `sst/` or "
        "`tinyshakespeare/` in 'no data' or 'no data/text'.\n"
    )
    assert sorted(p.name for p in (tmp_path / "my work").iterdir()) == []


# --- (6) the too-short series: a lower bound, said as one -----------------------------------------


def _months_csv(path: Path, n: int) -> Path:
    months = pd.date_range("2020-01-01", periods=n, freq="MS").strftime("%Y-%m")
    pd.DataFrame({"month": months, "y": [float(k % 4 + 1) for k in range(n)]}).to_csv(
        path, index=False
    )
    return path


def test_the_too_short_series_says_at_least(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "need 9" read as exact, where 9 points are refused too (the fit's look-back, validation
    # windows and season come on top of --horizon + 3)
    from lstmkit.cli import main

    def run(n: int) -> int:
        csv = _months_csv(tmp_path / f"{n}.csv", n)
        argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "y"]
        return main([*argv, "--horizon", "3", "--no-stat-baselines", "--out", str(tmp_path / "r")])

    assert run(8) == 2
    assert capsys.readouterr() == (
        "",
        "error: the series is too short: 8 points, where the holdout (3, by default --horizon) "
        "and at least --horizon (3) + 3 to fit on (the look-back and the windows to train and "
        "validate on) need at least 9.\n",
    )
    assert run(9) == 2  # 9 points are not enough either: a lower bound
    assert capsys.readouterr().err.startswith("error: fitting on the 6 points before the holdout")
    assert not (tmp_path / "r").exists()


# --- (2) text train-lm and train-seq2seq say what they shuffle ------------------------------------

LM_SHUFFLE = (
    "no flag shuffles or keeps the order: text train-lm reads its text in order, never "
    "shuffled (--batch-size streams side by side, each carrying its state from one --bptt "
    "window to the next)"
)
SEQ2SEQ_SHUFFLE = (
    "no flag shuffles or keeps the order: text train-seq2seq shuffles its training pairs each "
    "epoch, always (drawn with --seed)"
)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # each was "unrecognized arguments: --shuffle" alone
        (["train-lm", "shakespeare", "--shuffle"], f"--shuffle; {LM_SHUFFLE}"),
        (["train-lm", "shakespeare", "--no-shuffle"], f"--no-shuffle; {LM_SHUFFLE}"),
        (["train-lm", "shakespeare", "--shufle"], f"--shufle; {LM_SHUFFLE}"),
        (["train-seq2seq", "numbers", "--shuffle"], f"--shuffle; {SEQ2SEQ_SHUFFLE}"),
        (["train-seq2seq", "numbers", "--no-shuffle"], f"--no-shuffle; {SEQ2SEQ_SHUFFLE}"),
        (["train-seq2seq", "numbers", "--shufle"], f"--shufle; {SEQ2SEQ_SHUFFLE}"),
    ],
)
def test_train_lm_and_train_seq2seq_say_what_they_shuffle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    from lstmkit.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["text", *argv, "--out", str(tmp_path / "m")])
    assert exit_.value.code == 2
    assert capsys.readouterr() == (
        "",
        f"error: unrecognized arguments: {said} (`lstmkit text {argv[0]} --help` lists the "
        "flags)\n",
    )
    assert not (tmp_path / "m").exists()


# --- (4) every bad separator at once --------------------------------------------------------------

STORES = SRC / "examples" / "stores.csv"


@pytest.mark.parametrize(
    ("given", "error", "said"),
    [
        # was "`sep` must be one character ..., got 'ab'." alone, `decimal` on the next try
        (
            {"sep": "ab", "decimal": "xy"},
            ValueError,
            "`sep` must be one character (not a quote or a line break), got 'ab'. `decimal` "
            "must be one character (not a quote or a line break), got 'xy'.",
        ),
        (
            {"sep": "tab", "decimal": ",", "thousands": "\n"},
            ValueError,
            "`sep` must be one character (not a quote or a line break), got 'tab' (a tab is "
            "'\\t'). `thousands` must be one character (not a quote or a line break) or None, "
            "got '\\n'.",
        ),
        # a type among them: a TypeError, the values' problems said beside it
        (
            {"sep": 3, "decimal": "xy", "thousands": 4.0},
            TypeError,
            "`sep` must be a str, one character, got int 3. `decimal` must be one character "
            "(not a quote or a line break), got 'xy'. `thousands` must be a str, one character "
            "(or None), got float 4.0.",
        ),
    ],
)
def test_read_csv_names_every_bad_separator_at_once(
    given: dict[str, object], error: type[Exception], said: str
) -> None:
    with pytest.raises(error) as err:
        D.read_csv(STORES, "month", "sales", **given)
    assert str(err.value) == said


# --- (7) Python calls echo a path as it was passed ----------------------------------------------


def test_python_calls_echo_a_file_url_as_passed() -> None:
    # `Path` writes "file:///x" as "file:/x", which Python callers were shown back, where the
    # command line echoes what was typed (cli30)
    from lstmkit import Forecaster
    from lstmkit.text import SentimentPredictor
    from lstmkit.text.charlm import read_corpus
    from lstmkit.text.vocab import Vocabulary

    calls = [
        (lambda: D.read_csv("file:///no/a.csv", "date", "y"), "`path`", "file", "/no/a.csv"),
        (lambda: read_corpus("file:///no/a.txt"), "`path`", "file", "/no/a.txt"),
        (lambda: Vocabulary.load("file:///no/vocab.json"), "`path`", "file", "/no/vocab.json"),
        (lambda: Forecaster.load("file:///no/m"), "`path`", "folder", "/no/m"),
        (lambda: SentimentPredictor.load("file:///no/m"), "`model_dir`", "folder", "/no/m"),
    ]
    for call, name, kind, path in calls:
        with pytest.raises(FileNotFoundError) as err:
            call()
        assert str(err.value) == (
            f"{name} must be a {kind}'s path, not a URL, got 'file://{path}'; pass the path, "
            f"{path!r}."
        )


def test_a_missing_file_is_echoed_as_passed(tmp_path: Path, monkeypatch) -> None:
    # "./nope.csv" was echoed as Path writes it, 'nope.csv'
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError) as err:
        D.read_csv("./nope.csv", "date", "y")
    assert str(err.value) == "`path` file not found: './nope.csv'."


# --- (3) a missing file: one wording on the command line, one in Python --------------------------


def test_python_says_a_missing_file_as_its_argument_and_path(tmp_path: Path) -> None:
    # read_corpus said "text file not found: ...", Vocabulary.load "vocabulary file not found:
    # ...", naming no argument, where read_csv and read_labelled_csv said "`path` file not found"
    from lstmkit.text.charlm import read_corpus
    from lstmkit.text.labelled import read_labelled_csv
    from lstmkit.text.vocab import Vocabulary

    missing = str(tmp_path / "no such.file")
    for call in (
        lambda: D.read_csv(missing, "date", "y"),
        lambda: read_labelled_csv(missing, "text", "label"),
        lambda: read_corpus(missing),
        lambda: Vocabulary.load(missing),
    ):
        with pytest.raises(FileNotFoundError) as err:
            call()
        assert str(err.value) == f"`path` file not found: {missing!r}."


def test_the_data_files_not_found_are_quoted(tmp_path: Path) -> None:
    # "SST file not found: /x/sst/stsa.binary.dev." and "Tiny Shakespeare not found:
    # /x/input.txt." left the path bare, where every other missing file's is quoted
    from lstmkit.text.charlm import shakespeare_path
    from lstmkit.text.sst import load_sst

    (tmp_path / "sst").mkdir()
    with pytest.raises(FileNotFoundError) as err:
        load_sst("sst2", "dev", tmp_path)
    assert str(err.value) == f"SST file not found: {str(tmp_path / 'sst' / 'stsa.binary.dev')!r}."
    with pytest.raises(FileNotFoundError) as err:
        shakespeare_path(tmp_path)
    where = str(tmp_path / "tinyshakespeare" / "input.txt")
    assert str(err.value) == (
        f"Tiny Shakespeare file not found: {where!r}. Put it there, or pass `data_dir` (CLI: "
        "--data-dir) with the folder that holds tinyshakespeare/input.txt."
    )


@pytest.mark.parametrize(
    ("argv", "flag", "path"),
    [
        (["forecast", "--csv", "no such.csv", "--out", "run"], "--csv", "no such.csv"),
        (
            ["text", "train", "--csv", "./no such.csv", "--text-col", "t", "--out", "run"],
            "--csv",
            "./no such.csv",
        ),
        (["text", "train-lm", "--file", "no such.txt", "--out", "run"], "--file", "no such.txt"),
        (["text", "predict", "m", "--file", "no such.txt"], "--file", "no such.txt"),
    ],
)
def test_the_command_line_says_a_missing_file_as_its_flag_and_path(
    argv: list[str],
    flag: str,
    path: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert capsys.readouterr() == ("", f"error: {flag} {path!r} not found.\n")
    assert list(tmp_path.iterdir()) == []


# --- (1) a leading covariate: the lag said by the series' timestamps, not "1 row down" -----------

WHY = (
    "The network would learn to copy it: validation and backtest scores look excellent and mean "
    "nothing, and a forecast would need the series' own future values. "
)


def test_a_leading_column_of_a_long_file_is_lagged_by_its_series_timestamps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # stores A and B, their months interleaved: store B's next month is 2 rows down, its first
    # month in row 3 of the file, where the refusal said "1 row down, dropping the first row"
    table = pd.read_csv(STORES)
    table["next"] = table.groupby("store")["sales"].shift(-1).fillna(0.0)
    csv = tmp_path / "stores.csv"
    table.sort_values(["month", "store"]).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    argv += ["--covariate-cols", "next", "--epochs", "1", "--ensemble", "1"]
    said = (
        "`covariates` must hold past covariates known at their own steps, not the series' "
        "future, got 'next', the series 1 step ahead: cov[t] == series[t+1] at all 131 points "
        f"t < 131 of the training part. {WHY}If it is known only 1 step after its timestamp, "
        "lag it in the file: move each of its values to the next timestamp's row, and drop the "
        "row of the series' first timestamp, which then has no value; otherwise leave it out of "
        "--covariate-cols.\n"
    )
    out = tmp_path / "run"
    assert main([*argv, "--where", "store=B", "--out", str(out)]) == 2
    assert capsys.readouterr() == ("", f"error: {said}")
    assert main([*argv, "--series-col", "store", "--out", str(out)]) == 2
    assert capsys.readouterr() == ("", f"error: series store=A: {said}")
    assert not out.exists()

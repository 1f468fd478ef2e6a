"""cli30: command-line leftovers a reviewer reported.

``text train-seq2seq --help`` showed its required task as ``[{numbers}]``, which reads as
optional; ``forecast --fill none`` was refused as an invalid choice, where ``predict`` and
``explain`` take ``none``; ``--decimal`` had to be "one character (or 'tab')", a tab being no
decimal mark.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.cli._forecast_run import _run_reading

# ---- 1. train-seq2seq's usage shows its task as required -------------------------------------


def test_train_seq2seq_usage_shows_its_task_required(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    with pytest.raises(SystemExit):
        main(["text", "train-seq2seq", "--help"])
    usage = " ".join(capsys.readouterr().out.split("\n\n")[0].split())
    # was "... [--overwrite] [-v] [{numbers}]"
    assert usage.endswith(" [--overwrite] [-v] {numbers}")
    # train and train-lm take --csv or --file instead: theirs stay optional
    with pytest.raises(SystemExit):
        main(["text", "train-lm", "--help"])
    assert " ".join(capsys.readouterr().out.split("\n\n")[0].split()).endswith(" [{shakespeare}]")


def test_train_seq2seq_without_its_task_still_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["text", "train-seq2seq", "--out", str(tmp_path / "n")]) == 2
    assert capsys.readouterr() == (
        "",
        "error: name the task to learn: 'numbers' (numbers written in digits -> the same in "
        "words).\n",
    )


# ---- 2. forecast --fill none: no fill, its default ----------------------------------------------


def _gap_csv(folder: Path) -> Path:
    rows = ["month,sales"] + [f"2020-{m:02d}-01,{'' if m == 6 else m * 10}" for m in range(1, 13)]
    path = folder / "gap.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_forecast_fill_none_is_no_fill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _gap_csv(tmp_path)
    said = (
        "error: values must not be missing (NaN), got NaN in column 'sales' of 'gap.csv' at "
        "2020-06-01. Fill them first: pass --fill ffill, bfill, interpolate or zero.\n"
    )
    flags = ["forecast", "--csv", "gap.csv", "--date-col", "month", "--value-col", "sales"]
    # was "argument --fill: invalid choice: 'none' (choose from 'ffill', 'bfill', ...)"
    assert main([*flags, "--fill", "none"]) == 2
    assert capsys.readouterr() == ("", said)
    assert main(flags) == 2  # as without --fill
    assert capsys.readouterr() == ("", said)


def test_forecast_fill_none_without_csv_is_refused_as_predict_s(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["forecast", "airline", "--fill", "none"]) == 2
    assert capsys.readouterr() == ("", "error: --fill applies only with --csv FILE.\n")


def test_a_run_s_fill_none_is_no_reading_for_predict() -> None:
    # a forecast run's `--fill none` recorded: predict said "read ... as the run did: --fill none"
    words = ["--csv", "x.csv", "--sep", ";", "--fill", "none"]
    assert _run_reading(words) == {"sep": ";"}
    assert _run_reading(["--csv", "x.csv", "--fill", "zero"]) == {"fill": "zero"}


# ---- 3. --decimal: one character, no tab ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "said"),
    [
        # was "--decimal must be one character (or 'tab'), got 'ab'."
        ("ab", "--decimal must be one character, got 'ab'."),
        # was taken as a tab; `TAB` was asked "(did you mean 'tab'?)"
        ("tab", "--decimal must be one character, got 'tab'."),
        ("TAB", "--decimal must be one character, got 'TAB'."),
        ("\n", "--decimal must be one character (not a quote or a line break), got '\\n'."),
    ],
)
def test_decimal_is_one_character_without_tab(
    flags_refusal: Callable[[list[str]], str], value: str, said: str
) -> None:
    assert flags_refusal(["forecast", "airline", "--decimal", value, "--sep", "TAB"]) == (
        f"error: {said} --sep must be one character (or 'tab'), got 'TAB' (did you mean 'tab'?).\n"
    )


# ---- 4. a misspelt noted flag gets its note; text train's --shuffle its own ---------------------

SHUFFLE = (
    "no flag shuffles the series: forecast keeps its points in time order (--holdout the last "
    "N, the --val-size validation windows the most recent before them) and shuffles only the "
    "order of the training windows each epoch"
)
TEXT_SHUFFLE = (
    "no flag shuffles or keeps the order: text train shuffles its training examples each "
    "epoch, always (drawn with --seed, in batches of similar length)"
)


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # was "unrecognized arguments: --shufle" alone
        (["forecast", "airline", "--shufle"], f"--shufle; {SHUFFLE}"),
        (["forecast", "airline", "--no-shufle"], f"--no-shufle; {SHUFFLE}"),
        # the note once, the known flag's guess beside it
        (
            ["forecast", "airline", "--shufle", "--shuffle", "--jsn"],
            f"--shufle --shuffle --jsn; {SHUFFLE}; did you mean --json for --jsn?",
        ),
        # was "unrecognized arguments: --shuffle" alone
        (["text", "train", "sst2", "--out", "m", "--shuffle"], f"--shuffle; {TEXT_SHUFFLE}"),
        (["text", "train", "sst2", "--out", "m", "--no-shufle"], f"--no-shufle; {TEXT_SHUFFLE}"),
    ],
)
def test_shuffle_misspelt_or_in_text_train_gets_its_note(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    command = " ".join(argv[: 2 if argv[0] == "text" else 1])
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {said} (`lstmkit {command} --help` lists the flags)\n"
    )


def test_no_note_for_a_flag_far_from_a_noted_one_or_a_command_without_notes(
    flags_refusal: Callable[[list[str]], str],
) -> None:
    # --sh is too short to read as --shuffle; predict trains nothing, so notes nothing
    assert flags_refusal(["forecast", "airline", "--sh"]) == (
        "error: unrecognized arguments: --sh (`lstmkit forecast --help` lists the flags)\n"
    )
    assert flags_refusal(["predict", "runs/airline", "--shufle"]) == (
        "error: unrecognized arguments: --shufle (`lstmkit predict --help` lists the flags)\n"
    )


# ---- 5. --data-dir's refusal quotes its folders --------------------------------------------------


def test_data_dir_refusal_quotes_its_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    # was "... in ./nodir/ or ./nodir/text."
    assert main(["text", "train", "sst2", "--out", "m", "--data-dir", "./nodir/"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --data-dir ('./nodir/') holds no text data (no such folder): expected `sst/` or "
        "`tinyshakespeare/` in './nodir/' or './nodir/text'.\n",
    )
    assert main(["text", "train-lm", "shakespeare", "--out", "m", "--data-dir", "afile"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --data-dir ('afile') holds no text data (a file, not a folder): expected `sst/` "
        "or `tinyshakespeare/` in 'afile' or 'afile/text'.\n",
    )
    assert not (tmp_path / "m").exists()


# ---- 6. a file: URL is echoed as typed ---------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # each was "got 'file:/tmp/...'", the URL as Path writes it
        (
            ["forecast", "--csv", "file:///tmp/cli30/x.csv"],
            "--csv must be a file's path, not a URL, got 'file:///tmp/cli30/x.csv'; pass the "
            "path, '/tmp/cli30/x.csv'.",
        ),
        (
            ["text", "train-lm", "--file", "file:///tmp/cli30/x.txt", "--out", "m"],
            "--file must be a file's path, not a URL, got 'file:///tmp/cli30/x.txt'; pass the "
            "path, '/tmp/cli30/x.txt'.",
        ),
        (
            ["predict", "file:///tmp/cli30/m"],
            "model must be a folder's path, not a URL, got 'file:///tmp/cli30/m'; pass the path, "
            "'/tmp/cli30/m'.",
        ),
        (
            ["forecast", "airline", "--out", "file:///tmp/cli30/m"],
            "--out must be a folder's path, not a URL, got 'file:///tmp/cli30/m'; pass the path, "
            "'/tmp/cli30/m'.",
        ),
    ],
)
def test_a_file_url_is_echoed_as_typed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert capsys.readouterr() == ("", f"error: {said}\n")
    assert list(tmp_path.iterdir()) == []

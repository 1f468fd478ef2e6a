"""txt38: small left-overs of text classification.

Classes named by numbers that are no integers as ``str(int)`` writes them (``'1.0'``, ``'5.0'``:
pandas writes an integer column with a gap as floats) let ``explain(text, target=1)`` explain
``'5.0'`` (the class at index 1) and ``evaluate`` score the label 1 as ``'5.0'``, without a
word, where ``lstmkit explain --target 1`` refused it and ``'1'``, ``'5'`` were refused too.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from lstmkit.cli import main

FLOATS = ("1.0", "5.0")


def test_an_int_target_of_classes_written_as_floats_is_refused_with_both_fixes(
    constant_predictor: Callable[..., Any],
) -> None:
    predictor = constant_predictor(FLOATS)
    with pytest.raises(ValueError) as err:
        predictor.explain("one two", target=1)
    assert str(err.value) == (
        "`target` must be a class name (str) where the model's classes are numbers written as "
        "text ('1.0', '5.0'): an int is taken as a class index, and 1 indexes '5.0'. Pass "
        "target='1.0' for the class '1.0' or target=predictor.labels[1] ('5.0') for the class "
        "at index 1."
    )
    with pytest.raises(ValueError) as err:
        predictor.explain_many(["one", "two"], target=0)
    assert str(err.value) == (
        "`target` must be a class name (str) where the model's classes are numbers written as "
        "text ('1.0', '5.0'): an int is taken as a class index, and 0 indexes '1.0'. Pass "
        "target=predictor.labels[0] ('1.0') for the class at index 0."
    )
    # both fixes run: the name explains the class it names, the index the class it indexes
    by_name = predictor.explain("one two", target="1.0")
    assert by_name == predictor.explain("one two", target=predictor.labels[0])
    assert by_name != predictor.explain("one two", target=predictor.labels[1])
    # classes that are the indices' own numbers are no crossing: 1 is '1.0' by name and index
    zero_one = constant_predictor(("0.0", "1.0"))
    assert zero_one.explain("one", target=1) == zero_one.explain("one", target="1.0")


def test_int_labels_of_classes_written_as_floats_are_refused_with_a_fix_that_runs(
    constant_predictor: Callable[..., Any],
) -> None:
    # the constant predictor says '5.0' (index 1) of every text: the rating 1 read as an index
    # was scored right
    predictor = constant_predictor(FLOATS)
    texts = ["one", "two", "three"]
    told = (
        "`labels` must be class names (str) where the model's classes are numbers written as "
        "text ('1.0', '5.0'): an int is taken as a class index, and 1 at position 0 indexes "
        "'5.0', 5 at position 1 indexes no class, 0 at position 2 indexes '1.0' and names no "
        "class. Pass `[str(float(v)) for v in labels]` (a pandas column: "
        "`.astype(float).astype(str)`) to name them, or, where they are class indices, "
        "`[predictor.labels[k] for k in labels]`."
    )
    for route in (predictor.evaluate, predictor.class_figures):
        with pytest.raises(ValueError) as err:
            route(texts, [1, 5, 0])
        assert str(err.value) == told
    with pytest.raises(ValueError, match=r"and 1 at position 0 indexes '5.0'\. Pass"):
        predictor.evaluate(["one"], [1])
    # the fix, taken: 1 is '1.0', which the model does not say
    labels = pd.Series([1, 5, 1])
    assert predictor.evaluate(texts, [str(float(v)) for v in labels]).accuracy == pytest.approx(
        1 / 3
    )
    assert predictor.class_figures(texts, labels.astype(float).astype(str))["accuracy"] == (
        pytest.approx(1 / 3)
    )


def test_other_number_classes_are_told_the_table_or_the_index_fix(
    constant_predictor: Callable[..., Any],
) -> None:
    padded = constant_predictor(("01", "05"))
    with pytest.raises(ValueError) as err:
        padded.evaluate(["one"], [1])
    assert str(err.value) == (
        "`labels` must be class names (str) where the model's classes are numbers written as "
        "text ('01', '05'): an int is taken as a class index, and 1 at position 0 indexes "
        "'05'. Pass `[{1: '01', 5: '05'}[v] for v in labels]` to name them, or, where they are "
        "class indices, `[predictor.labels[k] for k in labels]`."
    )
    assert padded.evaluate(["one"], [{1: "01", 5: "05"}[v] for v in [1]]).accuracy == 0.0
    halves = constant_predictor(("0.5", "1.5"))
    with pytest.raises(ValueError) as err:
        halves.evaluate(["one"], [1])
    assert str(err.value) == (
        "`labels` must be class names (str) where the model's classes are numbers written as "
        "text ('0.5', '1.5'): an int is taken as a class index, and 1 at position 0 indexes "
        "'1.5' and names no class. Pass `[predictor.labels[k] for k in labels]`."
    )
    assert halves.evaluate(["one"], [halves.labels[k] for k in [1]]).accuracy == 1.0
    # a class that is a number among words: "include"
    with pytest.raises(ValueError) as err:
        constant_predictor(("1.0", "pos")).explain("one", target=1)
    assert str(err.value).startswith(
        "`target` must be a class name (str) where the model's classes include numbers written "
        "as text ('1.0', 'pos'): an int is taken as a class index, and 1 indexes 'pos'. Pass "
        "target='1.0' for the class '1.0' or "
    )


TRAIN = ["--epochs", "1", "--embed-dim", "4", "--hidden-size", "4", "--no-progress"]


@pytest.mark.parametrize("columns", [[], ["--text-col", "text", "--label-col", "label"]])
def test_a_sep_against_the_files_names_is_told_to_be_left_out(
    tmp_path: Path,
    sep_rows: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    columns: list[str],
) -> None:
    # --csv a.tsv --dev-csv b.csv --sep tab was told "pass --sep ','" for b.csv, which then
    # refused a.tsv (and, without the column flags, "pass --sep tab too" of a.tsv by --sep ',')
    train = sep_rows(tmp_path / "a.tsv", "\t")
    dev = sep_rows(tmp_path / "b.csv", ",", 4)
    files = ["--csv", str(train), "--dev-csv", str(dev), *columns, *TRAIN]
    leave = (
        "Leave --sep out: each file is then read by the separator its name gives (a tab for a "
        ".tsv, a comma for any other name).\n"
    )
    for sep, told in (
        ("tab", f"the header of --dev-csv {str(dev)!r} ('text,label') is one column"),
        (",", f"the header of --csv {str(train)!r} ('text\\tlabel') is one column"),
        (
            ";",
            f"the headers of --csv {str(train)!r} ('text\\tlabel') and --dev-csv {str(dev)!r} "
            "('text,label') are one column each",
        ),
    ):
        assert main(["text", "train", *files, "--sep", sep, "--out", str(tmp_path / "r")]) == 2
        assert capsys.readouterr().err == (
            f"error: --sep {sep if sep == 'tab' else repr(sep)} reads every file with it, but "
            f"the files' names give different separators, and by it {told} that holds the "
            f"separator its name gives. {leave}"
        )
    # the advice, taken
    assert main(["text", "train", *files, "--out", str(tmp_path / "r")]) == 0
    assert "examples: train 10, dev 8, test 2" in capsys.readouterr().out


def test_a_sep_that_reads_every_file_or_no_advice_that_runs_is_as_before(
    tmp_path: Path, sep_rows: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # files named apart but all ';'-separated: --sep ';' reads them, as before
    train = sep_rows(tmp_path / "a.tsv", ";")
    dev = sep_rows(tmp_path / "b.csv", ";", 4)
    run = ["--csv", str(train), "--dev-csv", str(dev), "--sep", ";", *TRAIN]
    assert main(["text", "train", *run, "--out", str(tmp_path / "r")]) == 0
    assert "examples: train 10, dev 8, test 2" in capsys.readouterr().out
    # a.tsv written with commas: leaving --sep out would read it with a tab, so the file's own
    # refusal stands (its --sep)
    train = sep_rows(tmp_path / "a.tsv", ",")
    dev = sep_rows(tmp_path / "b.csv", "|", 4)
    run = ["--csv", str(train), "--dev-csv", str(dev), "--sep", ",", *TRAIN]
    run += ["--text-col", "text", "--label-col", "label", "--out", str(tmp_path / "s")]
    assert main(["text", "train", *run]) == 2
    assert "the file looks '|'-separated; pass --sep '|'" in capsys.readouterr().err


def test_text_predict_refuses_a_second_file_with_the_command_to_pipe_them_into(
    constant_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    # the second --file replaced the first: b.txt's 2 lines were classified, a.txt's dropped
    first, second = tmp_path / "a.txt", tmp_path / "b c.txt"
    first.write_text("one two\n", encoding="utf-8")
    second.write_text("three\nfour five\n", encoding="utf-8")
    run = ["text", "predict", str(constant_run), "--file", str(first), "--json"]
    for flag in (["--file", str(second)], [f"--file={second}"]):
        assert main([*run, *flag]) == 2
        piped = f"lstmkit text predict {constant_run} --file - --json"
        assert capsys.readouterr().err == (
            f"error: --file takes one file, got 2: {str(first)!r}, {str(second)!r}; join them "
            f"into one (`cat {first} '{second}' | {piped}`, its lines numbered as joined) or run "
            "text predict once per file.\n"
        )
    # the advice, taken: every line of both, numbered as joined
    joined = first.read_text(encoding="utf-8") + second.read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(joined))
    assert main(["text", "predict", str(constant_run), "--file", "-", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["line"], r["text"]) for r in lines] == [
        (1, "one two"),
        (2, "three"),
        (3, "four five"),
    ]
    # one --file, as before
    assert main(run) == 0
    assert [json.loads(line)["text"] for line in capsys.readouterr().out.splitlines()] == [
        "one two"
    ]

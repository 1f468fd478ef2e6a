"""txt20: a user's text CSV (and ``--file``) named as forecasting names a user's file.

``read_labelled_csv`` and ``lstmkit text train`` named a CSV by its name alone (``column 'rating'
of reviews.csv``), where ``read_csv`` and ``lstmkit forecast`` name it by its path as given,
quoted (``typed_path``: ``column 'promo' of 'data/sales.csv'``); a user of both met two styles,
and two files of one name needed a rule of their own. ``text predict --file`` and ``explain
CLF --file`` named no file for a line without a token (``line 3 of --file``).
"""

import warnings
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text.labelled import read_labelled_csv

_ROWS = "".join(f"a fine film {k},up\na dull film {k},down\n" for k in range(5))


def _write(path: str, text: str) -> Path:
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, "utf-8")
    return file


def test_read_labelled_csv_names_its_file_by_its_path_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lstmkit.data import read_csv

    monkeypatch.chdir(tmp_path)
    _write("data/r.csv", "review,rating\ngood film,up\n ,down\nbad film,\n")
    with pytest.raises(ValueError) as err:
        read_labelled_csv("data/r.csv", "review", "rating")
    assert str(err.value) == (
        "column 'review' of 'data/r.csv' must hold a text with a token in every row, got none "
        "in row 2; column 'rating' of 'data/r.csv' must hold a label in every row, got an "
        "empty one in row 3 (rows counted from 1 below the header); fill them in or remove "
        "them."
    )
    with pytest.raises(ValueError) as err:
        read_labelled_csv("data/r.csv", "text", "rating")
    # named by the argument that named it (text23), the file as read_csv names it
    assert str(err.value) == (
        "`text_col` 'text' is not a column of 'data/r.csv'; available columns: ['review', "
        "'rating']."
    )
    # read_csv names the same file the same way
    with pytest.raises(ValueError) as err:
        read_csv("data/r.csv", "text", "rating")
    assert str(err.value).startswith("column ['text'] not found in 'data/r.csv'; ")
    # a header naming a column twice: the warning names it so too
    _write("data/d.csv", "text,text,label\ngood film,x,up\nbad film,y,down\n")
    with pytest.warns(UserWarning) as caught:
        read_labelled_csv("data/d.csv", "text", "label")
    assert [str(w.message) for w in caught] == [
        "CSV file 'data/d.csv' names the column 'text' twice in its header (columns 1 and 2); "
        "they read as 'text', 'text.1', in that order, so 'text' is the first of them. Rename "
        "them in the file to be sure which one you ask for."
    ]


def test_text_train_names_each_csv_by_its_path_as_forecast_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _write("data/r.csv", "review,rating\n" + _ROWS)
    argv = ["text", "train", "--csv", "data/r.csv", "--text-col", "review", "--out", "o"]
    assert main(argv) == 2  # a column flag missing: the columns listed
    assert capsys.readouterr().err == (
        "error: --csv needs --label-col ('data/r.csv' has the columns review, rating).\n"
    )
    assert main([*argv, "--label-col", "label"]) == 2  # as forecast --csv names its
    assert capsys.readouterr().err == (
        "error: --label-col 'label' is not a column of 'data/r.csv'; available columns: "
        "['review', 'rating'].\n"
    )
    # two files of one name, each by its own path; a file's empty cell and unknown label
    _write("dev/r.csv", "review,rating\n,up\na film,meh\n")
    _write("test/r.csv", "review,rating\na film,so-so\n")
    argv += ["--label-col", "rating", "--dev-csv", "dev/r.csv", "--test-csv", "test/r.csv"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: column 'review' of 'dev/r.csv' must hold a text with a token in every row, got "
        "none in row 1 (rows counted from 1 below the header); fill it in or remove it. "
        "Column 'rating' of 'dev/r.csv' holds labels no training text has: 'meh' in row 2 (the "
        "classes: 'down', 'up'). Remove those rows from 'dev/r.csv', or move them into "
        "'data/r.csv' to learn those classes too. Column 'rating' of 'test/r.csv' holds labels "
        "no training text has: 'so-so' in row 1 (the classes: 'down', 'up'; rows counted from 1 "
        "below the header). Remove those rows from 'test/r.csv', or move them into "
        "'data/r.csv' to learn those classes too.\n"  # revtext36: what to do
    )
    assert not Path("o").exists()


def test_two_swapped_files_and_train_classifiers_warnings_name_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    rows = "".join(f'"a good film {k}",5\n"a bad film {k}",1\n' for k in range(10))
    _write("data/train.csv", "review,rating\n" + rows)
    _write("data/dev.csv", "review,rating\n5,a good film\n1,a bad film\n")
    _write("data/test.csv", "review,rating\n5,a fine film\n1,a dull film\n")
    argv = ["text", "train", "--csv", "data/train.csv", "--text-col", "review", "--label-col"]
    argv += ["rating", "--dev-csv", "data/dev.csv", "--test-csv", "data/test.csv", "--out", "o"]
    assert main([*argv, "--no-progress"]) == 2
    assert capsys.readouterr().err.endswith(
        "--text-col 'review' holds numbers alone and --label-col 'rating' a different value in 2 "
        "of the 2 rows of 'data/dev.csv' and 2 of the 2 rows of 'data/test.csv': the two columns "
        "look swapped in both files; swap the two names in each header.\n"
    )
    # train_classifier's warning on its `labels`, named as the file's column
    up = "".join(f"a great film {k},Up\n" for k in range(5))
    _write("data/case.csv", "review,rating\n" + _ROWS + up)
    argv = ["text", "train", "--csv", "data/case.csv", "--text-col", "review", "--label-col"]
    argv += ["rating", "--embed-dim", "4", "--hidden-size", "4", "--epochs", "1", "--out", "m"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--no-progress"]) == 0
    out, err = capsys.readouterr()
    assert err == (
        "warning: column 'rating' of 'data/case.csv' holds 'Up', 'up', which differ only in "
        "case: they train as separate classes. Write each class one way if they are one.\n"
    )
    # the line of results keeps the run's name, the file's name, as the README shows it
    assert out.startswith("case.csv: dev accuracy ")


@pytest.mark.parametrize("command", [["text", "predict"], ["explain"]])
def test_a_line_of_file_without_a_token_names_the_file(
    command: list[str],
    classifier_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    # every line holds a token to the real tokenizer: one that finds none after a "|"
    monkeypatch.setattr(SentimentPredictor, "tokens", lambda self, text: text.split("|")[1:])
    monkeypatch.chdir(tmp_path)
    _write("data/s.txt", "x|a\n\nnothing\n")
    assert main([*command, str(classifier_dir), "--file", "data/s.txt"]) == 2
    assert capsys.readouterr().err == (
        "error: line 3 of --file 'data/s.txt' must contain at least one token, got 'nothing'.\n"
    )

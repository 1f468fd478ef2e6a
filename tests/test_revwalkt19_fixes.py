"""Review of walkt19 (text walk): what its fixes missed, pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main


def _reviews(path: Path) -> Path:
    """README's reviews.csv, smaller: 5 reviews of each class."""
    rows = [f'"The film was great, {k}.",thumbs up' for k in range(5)]
    rows += [f'"The film was dull, {k}.",thumbs down' for k in range(5)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("review,rating\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_missing_column_named_with_not_found_in_is_named_by_its_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # text train cut the message at the first " not found in ", inside such a column's name,
    # and kept the flagless "column(s) [...] not found in" (forecast --csv cut at the file's)
    csv = _reviews(tmp_path / "reviews.csv")
    q = repr(str(csv))  # as given, quoted
    argv = ["text", "train", "--csv", str(csv), "--text-col", "review"]
    assert main([*argv, "--label-col", "x not found in y", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --label-col 'x not found in y' is not a column of {q}; available "
        "columns: ['review', 'rating'].\n",
    )


def test_two_files_of_one_name_lacking_a_column_are_each_named_by_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --csv reviews.csv --dev-csv d/reviews.csv both said "... not a column of reviews.csv",
    # the second behind "--dev-csv '.../d/reviews.csv':", as if it lacked a column of the first
    csv = _reviews(tmp_path / "reviews.csv")
    dev = _reviews(tmp_path / "d" / "reviews.csv")
    argv = ["text", "train", "--csv", str(csv), "--dev-csv", str(dev), "--text-col", "review"]
    assert main([*argv, "--label-col", "lab", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --label-col 'lab' is not a column of {str(csv)!r}; available columns: "
        f"['review', 'rating']. --label-col 'lab' is not a column of {str(dev)!r}; available "
        "columns: ['review', 'rating'].\n",
    )


def test_texts_that_repeat_beside_blanks_count_every_place() -> None:
    # "`texts` holds 2 different values in its 8 places" of 10 texts: the blanks went uncounted
    from lstmkit.text import SentimentConfig, train_classifier

    texts = ["pos", "neg", "", "pos"] * 2 + ["pos", "neg"]
    with pytest.raises(ValueError) as e:
        train_classifier(texts, [f"review {k}" for k in range(10)], SentimentConfig(epochs=1))
    assert str(e.value).endswith(
        " and 5 more classes: add texts of those classes or leave their rows out. `texts` holds "
        "2 different values and 2 blanks in its 10 places "
        "and `labels` a different value in 10 of its 10 places: the two look swapped; pass the "
        "texts first, train_classifier(texts, labels)."
    )


@pytest.mark.parametrize("sep", ["TAB", "Tab"])
def test_a_tab_spelt_in_capitals_is_told_too(tmp_path: Path, sep: str) -> None:
    # sep="tab" was told "(a tab is '\t')", sep="TAB" (as --help texts write it) only "must be
    # one character"; forecasting's read_csv shares the check
    from lstmkit.data import read_csv
    from lstmkit.text import read_labelled_csv

    csv = _reviews(tmp_path / "reviews.csv")
    said = (
        f"`sep` must be one character (not a quote or a line break), got {sep!r} (a tab is '\\t')."
    )
    with pytest.raises(ValueError) as e:
        read_labelled_csv(csv, "review", "rating", sep=sep)
    assert str(e.value) == said
    with pytest.raises(ValueError) as e:
        read_csv(csv, "review", "rating", sep=sep)
    assert str(e.value) == said


def test_a_file_refused_is_a_public_error_in_tracebacks(tmp_path: Path) -> None:
    # read_labelled_csv (and read_csv) of an empty file or of UTF-16 text raised
    # lstmkit.data._NoRows / lstmkit.data._FileRefused, private names in the traceback
    import pickle

    from lstmkit.data import CSVFileError, EmptyCSVError, read_csv
    from lstmkit.text import read_labelled_csv

    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(EmptyCSVError) as e:
        read_labelled_csv(empty, "review", "rating")
    assert (type(e.value).__module__, type(e.value).__name__) == ("lstmkit.data", "EmptyCSVError")
    assert str(e.value) == (
        "CSV file 'empty.csv' is empty; expected a header row naming the columns, then one row "
        "per labelled text."
    )
    utf16 = tmp_path / "u.csv"
    utf16.write_text("date,v\n2020-01-01,1\n", encoding="utf-16")
    with pytest.raises(CSVFileError) as e:
        read_csv(utf16, "date", "v")
    assert type(e.value) is CSVFileError and isinstance(e.value, ValueError)
    assert (e.value.path, e.value.said) == (utf16, str(e.value).removeprefix("CSV file 'u.csv' "))
    again = pickle.loads(pickle.dumps(e.value))  # a worker's error, as made
    assert (type(again), str(again)) == (CSVFileError, str(e.value))


def test_an_empty_data_dir_is_refused_not_read_as_the_current_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --data-dir "" (a script's unset variable) was the current folder: "--data-dir ('') holds
    # no text data: expected `sst/` or `tinyshakespeare/` in . or text", where --out "" is
    # refused as naming no folder
    from lstmkit.text import load_sst

    out = tmp_path / "run"
    assert main(["text", "train", "sst2", "--data-dir", "", "--out", str(out)]) == 2
    assert capsys.readouterr() == ("", "error: --data-dir must name a folder, got ''.\n")
    assert not out.exists()
    with pytest.raises(ValueError) as e:
        load_sst("sst2", "dev", data_dir=" ")
    assert str(e.value) == "`data_dir` must name a folder, got ' '."


def test_dev_and_test_files_with_texts_that_repeat_swapped_are_told_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the swap word new for repeated texts ("holds 2 different values in its 10 rows") was
    # said once per file, where texts of numbers alone are told once for both files
    csv = _reviews(tmp_path / "reviews.csv")
    lines = csv.read_text(encoding="utf-8").splitlines()[1:]
    for name in ("dev.csv", "test.csv"):  # each header names the two the other way round
        (tmp_path / name).write_text("\n".join(["rating,review", *lines]) + "\n", "utf-8")
    argv = ["text", "train", "--csv", str(csv), "--text-col", "review", "--label-col", "rating"]
    qd, qt = repr(str(tmp_path / "dev.csv")), repr(str(tmp_path / "test.csv"))
    argv += ["--dev-csv", str(tmp_path / "dev.csv"), "--test-csv", str(tmp_path / "test.csv")]
    assert main([*argv, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.count("look swapped") == 1
    assert err.endswith(
        "(the classes: 'thumbs down', 'thumbs up'; rows counted from 1 below the header). "
        f"--text-col 'review' holds 2 different values in the 10 rows of {qd} and 2 different "
        f"values in the 10 rows of {qt}, and --label-col 'rating' a different value in 10 of "
        f"the 10 rows of {qd} and 10 of the 10 rows of {qt}: the two columns look swapped "
        "in both files; swap the two names in each header.\n"
    )

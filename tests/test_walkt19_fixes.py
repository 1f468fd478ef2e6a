"""A fresh user's pass over README's "Text" (sentiment) and "Gates" sections: what they met."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, read_labelled_csv, train_classifier


def _reviews(path: Path) -> Path:
    """README's reviews.csv, smaller: 5 reviews of each class."""
    rows = [f'"The film was great, {k}.",thumbs up' for k in range(5)]
    rows += [f'"The film was dull, {k}.",thumbs down' for k in range(5)]
    path.write_text("review,rating\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_task_sst5_for_own_texts_is_refused_once_not_also_as_neutral_words() -> None:
    # task="sst5" alone was refused twice: also as a `neutral_words` True the user never
    # passed (the task turns it on)
    texts = ["a good film"] * 5 + ["a bad film"] * 5
    labels = ["pos"] * 5 + ["neg"] * 5
    with pytest.raises(ValueError) as e:
        train_classifier(texts, labels, SentimentConfig(task="sst5", epochs=1, progress=False))
    assert str(e.value) == (
        "`task` is an SST option without meaning for your own texts; leave it at its default "
        "('sst2'), got 'sst5'."
    )


@pytest.mark.parametrize(
    ("cols", "said"),
    [
        (["text", "label"], "--text-col 'text' and --label-col 'label' are not columns"),
        (["review", "label"], "--label-col 'label' is not a column"),
    ],
)
def test_text_train_names_the_flag_of_a_column_the_csv_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cols: list[str], said: str
) -> None:
    # "column(s) ['text', 'label'] not found in reviews.csv" named no flag, where `lstmkit
    # forecast --csv` names them
    csv = _reviews(tmp_path / "reviews.csv")
    out = tmp_path / "run"
    argv = ["text", "train", "--csv", str(csv), "--text-col", cols[0], "--label-col", cols[1]]
    assert main([*argv, "--out", str(out)]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: {said} of {str(csv)!r}; available columns: ['review', 'rating'].\n",
    )
    assert not out.exists()


@pytest.mark.parametrize("sep", ["tab", "\\t"])
def test_read_labelled_csv_tells_a_tab_typed_as_on_the_command_line(
    tmp_path: Path, sep: str
) -> None:
    # the command line's `--sep tab` was told only "must be one character" from Python
    csv = _reviews(tmp_path / "reviews.csv")
    with pytest.raises(ValueError) as e:
        read_labelled_csv(csv, "review", "rating", sep=sep)
    assert str(e.value) == (
        f"`sep` must be one character (not a quote or a line break), got {sep!r} (a tab is '\\t')."
    )


def test_a_data_dir_that_is_no_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a mistyped --data-dir (or LSTMKIT_DATA), or a file, was told it "holds no text data", as
    # if the folder were there
    out = tmp_path / "run"
    for where, said in (
        (tmp_path / "nosuch", " (no such folder)"),
        (_reviews(tmp_path / "reviews.csv"), " (a file, not a folder)"),
        (tmp_path, ""),  # a folder without the data: as before
    ):
        assert main(["text", "train", "sst2", "--data-dir", str(where), "--out", str(out)]) == 2
        assert capsys.readouterr() == (
            "",
            f"error: --data-dir ({str(where)!r}) holds no text data{said}: expected `sst/` or "
            f"`tinyshakespeare/` in {str(where)!r} or {str(where / 'text')!r}.\n",
        )
    monkeypatch.setenv("LSTMKIT_DATA", str(tmp_path / "nosuch"))
    assert main(["text", "train", "sst2", "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith(
        f"error: LSTMKIT_DATA ({str(tmp_path / 'nosuch')!r}) holds no text data (no such folder): "
    )
    assert not out.exists()


def test_columns_given_the_other_way_round_are_told_so_for_texts_that_repeat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # README's reviews.csv with `--text-col rating --label-col review` was refused only as 10
    # classes of one review each: the swap was told for ratings that are numbers alone
    csv = _reviews(tmp_path / "reviews.csv")
    argv = ["text", "train", "--csv", str(csv), "--text-col", "rating", "--label-col", "review"]
    q = repr(str(csv))  # as given, quoted
    assert main([*argv, "--out", str(tmp_path / "run")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"error: column 'review' of {q} must hold at least 5 examples of each class, "
    )
    assert err.endswith(
        " and 5 more classes"
        ": add texts of those classes or leave their rows out. --text-col 'rating' holds 2 "
        "different values in its 10 rows and "
        "--label-col 'review' a different value in 10 of its 10 rows: the two columns look "
        "swapped; give --text-col 'review' and --label-col 'rating'.\n"
    )
    texts = [f"The film was great, {k}." for k in range(5)] + ["dull"] * 5
    labels = ["up"] * 5 + ["down"] * 5
    with pytest.raises(ValueError) as e:
        train_classifier(labels, texts, SentimentConfig(epochs=1, progress=False))
    assert str(e.value) == (
        "`labels` must hold at least 5 examples of each class, so that 10 % of each (rounded) "
        "goes to dev and to test, got 1 of 'The film was great, 0.', 1 of 'The film was great, "
        "1.', 1 of 'The film was great, 2.', 1 of 'The film was great, 3.', 1 of 'The film was "
        "great, 4.'"
        ": add texts of those classes or leave their rows out. `texts` holds 2 different "
        "values in its 10 places and `labels` a "
        "different value in 6 of its 10 places: the two look swapped; pass the texts first, "
        "train_classifier(texts, labels)."
    )
    # texts the right way round that merely repeat, beside labels that repeat too: no word
    with pytest.raises(ValueError) as e:
        train_classifier(["dull"] * 6, ["up"] * 3 + ["down"] * 3, SentimentConfig(epochs=1))
    assert "swapped" not in str(e.value)

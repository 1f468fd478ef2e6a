"""Review of text15: the swapped-columns word refused alone a training set of numbers that
trained before, and missed the ratings column pandas reads as ints; ``text predict`` of an empty
sentence named no argument; a forecaster's folder given to a text command named no command that
reads it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
import torch

from lstmkit.cli import main
from lstmkit.io import save_model
from lstmkit.text import SentimentConfig, read_labelled_csv, train_classifier

TINY = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, progress=False)


def test_numbers_as_texts_with_dev_and_test_given_still_train(tmp_path: Path) -> None:
    # product codes and their categories, dev and test given: nothing split off, so no class
    # too small; text15 refused them as "the two look swapped" where they had trained
    codes, groups = ["101", "202", "303"], ["tools", "garden", "tools"]
    result = train_classifier(
        codes, groups, TINY, dev=(["404"], ["tools"]), test=(["505"], ["garden"])
    )
    assert (result.labels, result.metrics["split"]) == (
        ("garden", "tools"),
        {"train": 3, "dev": 1, "test": 1},
    )
    csv = tmp_path / "codes.csv"
    csv.write_text("code,group\n101,tools\n202,garden\n303,tools\n", "utf-8")
    assert read_labelled_csv(csv, "code", "group", training=True) == (codes, groups)
    dev, test = tmp_path / "dev.csv", tmp_path / "test.csv"
    dev.write_text("code,group\n404,tools\n", "utf-8")
    test.write_text("code,group\n505,garden\n", "utf-8")
    out = tmp_path / "run"
    argv = ["text", "train", "--csv", str(csv), "--text-col", "code", "--label-col", "group"]
    argv += ["--dev-csv", str(dev), "--test-csv", str(test), "--embed-dim", "4"]
    argv += ["--hidden-size", "4", "--epochs", "1", "--no-progress", "--out", str(out)]
    assert main(argv) == 0
    metrics = json.loads((out / "metrics.json").read_text("utf-8"))
    assert (metrics["labels"], metrics["split"]) == (
        ["garden", "tools"],
        {"train": 3, "dev": 1, "test": 1},
    )


def test_a_ratings_column_read_as_ints_and_passed_first_is_told_swapped() -> None:
    # pd.read_csv reads a ratings column as int64: train_classifier(df.rating, df.review) was
    # refused with the fix `[str(v) for v in texts]`, which leads on to training the ratings as
    # the texts; it now says the two look swapped, as it does of ratings read as str
    df = pd.read_csv(
        io.StringIO("review,rating\n" + "".join(f"good film {k},{k % 2}\n" for k in range(10)))
    )
    with pytest.raises(TypeError) as info:
        train_classifier(df["rating"], df["review"], TINY)
    assert str(info.value) == (
        "`texts` must hold str only, got `texts[0]` int 0, `texts[1]` int 1, `texts[2]` int 0, "
        "`texts[3]` int 1, `texts[4]` int 0 and 5 more; `texts` holds numbers alone and `labels` "
        "a different value in 10 of its 10 places: the two look swapped; pass the texts first, "
        "train_classifier(texts, labels)."
    )
    # numbers as texts beside labels that repeat are no swap: the str fix stays
    with pytest.raises(TypeError) as info:
        train_classifier(df["rating"], ["a", "b"] * 5, TINY)
    assert str(info.value).endswith(
        "and 5 more (to read numbers as text, pass `[str(v) for v in texts]`)."
    )


@pytest.mark.parametrize("sentence", ["", "  ", "\t"])
def test_predict_of_one_empty_sentence_names_its_argument(
    clf_dir: Path, capsys: pytest.CaptureFixture[str], sentence: str
) -> None:
    # it said "the sentence must contain at least one token", naming no argument, where
    # `lstmkit explain` says "--text must contain ..."
    assert main(["text", "predict", str(clf_dir), sentence]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: the sentence (argument text) must contain at least one token, got {sentence!r}.\n",
    )


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["text", "predict", "RUN", "a film"], "a sentiment classifier (kind 'classifier')"),
        (
            ["text", "generate", "RUN", "--prompt", "a"],
            "a character language model (kind 'charlm')",
        ),
    ],
)
def test_a_forecasters_folder_given_to_a_text_command_names_the_one_that_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], wanted: str
) -> None:
    # it said what the folder holds and what the command wants, and no command that reads it
    run = tmp_path / "run"
    save_model(torch.nn.Linear(1, 1), run / "model", {"kind": "lstmkit.Forecaster"})
    assert main([str(run) if a == "RUN" else a for a in argv]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: {str(run / 'model')!r} holds a forecaster (kind 'lstmkit.Forecaster'), which "
        f"`lstmkit predict DIR` runs (lstmkit.Forecaster.load in Python), not {wanted}.\n",
    )


def test_swapped_columns_with_a_rating_not_given_are_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # one empty rating cell (NaN in pandas' float column) hid the swap: the texts were no
    # longer "numbers alone", and only the blank and the classes too small were said
    rows = ["review,rating"] + [f"a film {k},{'' if k == 2 else k % 2}" for k in range(10)]
    csv = tmp_path / "reviews.csv"
    csv.write_text("\n".join(rows) + "\n", "utf-8")
    argv = ["text", "train", "--csv", str(csv), "--text-col", "rating", "--label-col", "review"]
    assert main([*argv, "--out", str(tmp_path / "run"), "--no-progress"]) == 2
    assert capsys.readouterr().err.endswith(
        "and 5 more classes: add texts of those classes or leave their rows out. --text-col "
        "'rating' holds numbers alone and --label-col 'review' a "
        "different value in 10 of its 10 rows: the two columns look swapped; give --text-col "
        "'review' and --label-col 'rating'.\n"
    )
    df = pd.read_csv(csv)
    with pytest.raises(TypeError) as info:
        train_classifier(df["rating"], df["review"], TINY)
    assert str(info.value) == (
        "`texts` must hold str only, got `texts[0]` float 0.0, `texts[1]` float 1.0, `texts[2]` "
        "float nan, `texts[3]` float 1.0, `texts[4]` float 0.0 and 5 more; `texts` holds "
        "numbers alone and `labels` a different value in 10 of its 10 places: the two look "
        "swapped; pass the texts first, train_classifier(texts, labels)."
    )

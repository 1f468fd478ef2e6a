"""Training a classifier on your own labelled texts: `train_classifier`, the stratified split, the
CSV reader and `lstmkit text train --csv`."""

from __future__ import annotations

import csv
import json
import warnings
from collections import Counter
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import labelled
from lstmkit.text.labelled import (
    check_labelled,
    class_names,
    read_labelled_csv,
    stratified_split,
    text_tokens,
)
from lstmkit.text.sentiment import (
    SST_OPTIONS,
    SentimentConfig,
    SentimentPredictor,
    save_classifier,
    train_classifier,
)
from lstmkit.text.sst import ptb_tokenize

# three classes, named as a user might; each text has one word that tells its class
WORDS = {
    "thumbs up": ("great", "lovely", "superb"),
    "so-so": ("okay", "average", "passable"),
    "thumbs down": ("awful", "dull", "boring"),
}
FILLERS = ("really", "quite", "truly", "so")


def _own_data(per_class: int = 20) -> tuple[list[str], list[str]]:
    """``per_class`` texts of each class, interleaved: "The film was great, really."."""
    texts, labels = [], []
    for k in range(per_class):
        for label, words in WORDS.items():
            texts.append(f"The film was {words[k % 3]}, {FILLERS[k % 4]}.")
            labels.append(label)
    return texts, labels


def _config(**fields: object) -> SentimentConfig:
    base = {"embed_dim": 8, "hidden_size": 8, "dropout": 0.0, "lr": 0.05, "batch_size": 4}
    return SentimentConfig(**{**base, "epochs": 6, "evals_per_epoch": 2, **fields})


@pytest.mark.filterwarnings("ignore:.* training texts? too")  # the data repeat texts
def test_train_classifier_learns_the_users_classes_and_saves_their_names(tmp_path: Path) -> None:
    texts, labels = _own_data()
    result = train_classifier(texts, labels, _config(), name="films")
    m = result.metrics
    assert result.labels == ("so-so", "thumbs down", "thumbs up")  # sorted
    assert m["labels"] == list(result.labels)
    assert m["split"] == {"train": 48, "dev": 6, "test": 6}  # 2 of each 20 to dev, 2 to test
    assert m["task"] == "films" and m["train_examples"] == 48
    assert m["dev_accuracy"] == 1.0 and m["test_accuracy"] == 1.0
    assert m["test_confusion"] == [[2, 0, 0], [0, 2, 0], [0, 0, 2]]
    out = save_classifier(result, tmp_path / "model")
    saved = json.loads((out / "config.json").read_text())
    assert saved["labels"] == ["so-so", "thumbs down", "thumbs up"]
    # the SST options did not apply, so they are not recorded; the data's name is
    assert saved["train"]["data"] == "films"
    assert not set(SST_OPTIONS) & set(saved["train"])
    predictor = SentimentPredictor.load(out)
    assert predictor.labels == result.labels
    label, probs = predictor.predict("What a SUPERB film!")
    assert label == "thumbs up" and sorted(probs) == sorted(result.labels)
    assert [t for t, _ in predictor.explain("a dull film")] == ["a", "dull", "film"]


def test_held_out_texts_that_are_training_texts_too_are_a_warning() -> None:
    # A CSV that repeats a text can put it on both sides of the split: its test score then
    # partly measures memory (nothing said so).
    texts, labels = _own_data(per_class=15)  # 12 distinct texts per class, 3 twice
    with pytest.warns(UserWarning) as caught:
        train_classifier(texts, labels, _config(epochs=1))
    assert [str(w.message) for w in caught] == [
        "2 of the 6 dev texts (33 %) are training texts too, "
        "token for token, so their scores partly measure memory, not generalisation. Remove "
        "repeated texts from the data (pandas: drop_duplicates on the text column) to score on "
        "unseen ones."
    ]
    assert caught[0].filename == __file__
    # Given sets are checked too; distinct texts are not warned about.
    unseen = (["so superb", "so boring"], ["thumbs up", "thumbs down"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        train_classifier(texts[:9], labels[:9], _config(epochs=1), dev=unseen, test=unseen)
    with pytest.warns(UserWarning, match=r"^1 of the 2 test texts \(50 %\) is a training text"):
        seen = ([texts[0], "so boring"], [labels[0], "thumbs down"])
        train_classifier(texts[:9], labels[:9], _config(epochs=1), dev=unseen, test=seen)


def test_given_dev_and_test_sets_are_used_as_they_are() -> None:
    texts, labels = _own_data(per_class=3)  # too few to split off 10 %: none is
    dev = (["so great", "so dull"], ["thumbs up", "thumbs down"])
    test = (["quite okay"], ["so-so"])
    result = train_classifier(texts, labels, _config(epochs=1), dev=dev, test=test)
    assert result.metrics["split"] == {"train": 9, "dev": 2, "test": 1}
    assert result.metrics["task"] == "texts"
    assert sum(map(sum, result.metrics["test_confusion"])) == 1
    # only dev given: test is 10 % of each class of `texts`
    texts, labels = _own_data(per_class=5)
    result = train_classifier(texts, labels, _config(epochs=1), dev=dev)
    assert result.metrics["split"] == {"train": 12, "dev": 2, "test": 3}


def test_spaces_around_labels_are_not_part_of_them_as_in_the_csv_reader() -> None:
    # " thumbs up" and "thumbs up" were two classes from Python; the CSV reader strips them
    texts, labels = _own_data(per_class=5)
    spaced = [f" {y} " if k % 2 else y for k, y in enumerate(labels)]
    assert check_labelled(texts, spaced)[1] == labels
    result = train_classifier(texts, spaced, _config(epochs=1))
    assert result.labels == ("so-so", "thumbs down", "thumbs up")
    assert result.metrics["split"] == {"train": 9, "dev": 3, "test": 3}


def test_numeric_labels_sort_by_value_and_case_variants_are_warned_about() -> None:
    # "1", "10", "2" sorted as text: the confusion's rows and predict's classes out of order
    texts, labels = _own_data(per_class=5)
    stars = {"thumbs down": "1", "so-so": "2", "thumbs up": "10"}
    result = train_classifier(texts, [stars[y] for y in labels], _config(epochs=1))
    assert result.labels == ("1", "2", "10")
    assert class_names(["b", "10", "2"]) == ("10", "2", "b")  # not all numbers: as text
    assert class_names(["-1", "+0.5", "1e1", ".25"]) == ("-1", ".25", "+0.5", "1e1")
    # "Positive" and "positive" train as two classes: said, not refused
    texts, labels = _own_data(per_class=10)
    cased = [y.title() if k % 2 else y for k, y in enumerate(labels)]
    with pytest.warns(UserWarning) as caught:
        result = train_classifier(texts, cased, _config(epochs=1))
    assert [str(w.message) for w in caught] == [
        f"`labels` holds {a!r}, {b!r}, which differ only in case: they train as separate "
        "classes. Write each class one way if they are one."
        for a, b in (("So-So", "so-so"), ("Thumbs Down", "thumbs down"), ("Thumbs Up", "thumbs up"))
    ]
    # at the caller's line (it pointed into contextlib: train_classifier had a decorator's frame)
    assert {w.filename for w in caught} == {__file__}
    assert len(result.labels) == 6


def test_texts_are_read_as_the_predictor_reads_its_input() -> None:
    assert text_tokens("It's  GREAT.") == ["it", "'s", "great", "."]
    texts, labels = _own_data(per_class=5)
    result = train_classifier(texts, labels, _config(epochs=1))
    # "The film was great, really." -> the, film, was, great, ",", really, "."
    assert {"the", "film", "great", ",", "."} <= set(result.vocab.itos)
    assert "great," not in result.vocab.itos and "The" not in result.vocab.itos


def test_stratified_split_sizes_per_class_are_exact_and_the_seed_decides() -> None:
    sizes = {"a": 5, "b": 14, "c": 15, "d": 25}  # 10 %, rounded half up: 1, 1, 2, 3
    labels = [c for c, n in sizes.items() for _ in range(n)]
    labels = labels[::2] + labels[1::2]  # the classes mixed
    split = stratified_split(labels, seed=0)
    held = {"a": 1, "b": 1, "c": 2, "d": 3}
    for part in ("dev", "test"):
        assert Counter(labels[k] for k in split[part]) == held
    assert Counter(labels[k] for k in split["train"]) == {c: sizes[c] - 2 * held[c] for c in held}
    assert sorted(split["train"] + split["dev"] + split["test"]) == list(range(len(labels)))
    assert all(split[part] == sorted(split[part]) for part in split)
    assert stratified_split(labels, seed=0) == split
    assert stratified_split(labels, seed=1) != split
    only_dev = stratified_split(labels, seed=0, held_out=("dev",))
    assert sorted(only_dev) == ["dev", "train"]
    assert Counter(labels[k] for k in only_dev["dev"]) == held


_FEW = (
    " `labels` must hold at least 5 examples of each class, so that 10 % of each (rounded) goes "
    "to dev and to test, got "
)


@pytest.mark.parametrize(
    ("texts", "labels", "error", "message", "also"),
    [
        (
            ["a b"] * 3,
            ["x", "y"],
            ValueError,
            "`texts` and `labels` must be as long as each other (one label per text), got 3 "
            "texts and 2 labels.",
            _FEW + "1 of 'x', 1 of 'y': add texts of those classes or leave their rows out.",
        ),
        ([], [], ValueError, "`texts` must hold at least one text, got none.", ""),
        (
            ["good", "", " ... ", "ok"],
            ["x", "y", "x", "  "],
            ValueError,
            # "..." is a token; a blank text is not
            "every text must contain a token, got none in `texts[1]` ''. Every label must be a "
            "non-empty class name, got `labels[3]` '  '.",
            _FEW + "2 of 'x', 1 of 'y': add texts of those classes or leave their rows out.",
        ),
        (
            "a good film",
            ["x"],
            TypeError,
            "`texts` must be a sequence of str, one per example, got one str.",
            "",
        ),
        (
            ["a", "b", "c"],
            ["x", 1, None],
            TypeError,
            "`labels` must hold str only, got `labels[1]` int 1, `labels[2]` None.",
            "",
        ),
    ],
)
def test_bad_texts_and_labels_are_refused_by_index(texts, labels, error, message, also) -> None:
    with pytest.raises(error) as e:
        check_labelled(texts, labels)
    assert str(e.value) == message
    with pytest.raises(error) as e:
        train_classifier(texts, labels, _config())
    assert str(e.value) == message + also  # and the classes' problems, in the same error


def test_too_few_classes_or_examples_per_class_are_refused() -> None:
    with pytest.raises(ValueError) as e:
        train_classifier(["good film"] * 20, ["up"] * 20, _config())
    assert str(e.value) == "`labels` must name at least 2 classes, got 1: 'up'."
    labels = ["a"] * 3 + ["b"] * 5 + ["c"] * 4
    with pytest.raises(ValueError) as e:
        train_classifier(["some text"] * 12, labels, _config())
    assert str(e.value) == (
        "`labels` must hold at least 5 examples of each class, so that 10 % of each (rounded) "
        "goes to dev and to test, got 3 of 'a', 4 of 'c'"
        ": add texts of those classes or leave their rows out."
    )
    with pytest.raises(ValueError) as e:
        stratified_split(labels, held_out=("test",))
    assert str(e.value).endswith(
        "goes to test, got 3 of 'a', 4 of 'c': add texts of those classes or leave their rows out."
    )
    with pytest.raises(ValueError) as e:
        stratified_split(labels, held_out=("train",))
    assert str(e.value) == (
        "`held_out` must be ('dev', 'test'), ('dev',) or ('test',), got ('train',)."
    )


def test_every_problem_of_the_data_given_comes_in_one_error_as_from_a_csv() -> None:
    # as read_labelled_csv reports a training file's (was: the empty text, and the single
    # class only on the next call; the given sets' problems one call after another)
    texts = ["good film"] * 3 + ["", "fine film"]
    with pytest.raises(ValueError) as e:
        train_classifier(
            texts,
            ["up"] * 4 + [" "],
            _config(sentence_epochs=2),
            dev=(["ok", ""], ["meh", "up"]),
        )
    assert str(e.value) == (
        "`sentence_epochs` is an SST option without meaning for your own texts; leave it at "
        "its default (0), got 2. "
        "Every text must contain a token, got none in `texts[3]` ''. Every label must be a "
        "non-empty class name, got `labels[4]` ' '. "
        "Every text must contain a token, got none in `dev[0][1]` ''. "
        "`labels` must name at least 2 classes, got 1: 'up'. "
        "`labels` must hold at least 5 examples of each class, so that 10 % of each (rounded) "
        "goes to test, got 4 of 'up': add texts of that class or leave its rows out. "
        "`dev[1]` holds labels no training text has: 'meh' at position 0 (the classes: 'up'; "
        "positions are 0-based indices of `dev[1]`). "
        "Leave those texts out of `dev`, or move them into `texts` and `labels` to "
        "learn those classes too (5 or more of each, as 10 % of each class goes to "
        "test)."  # revtext36: what to do
    )


def test_sst_options_are_refused_for_own_texts_all_at_once() -> None:
    texts, labels = _own_data(per_class=5)
    with pytest.raises(ValueError) as e:
        train_classifier(texts, labels, _config(task="sst5", polar_phrases=True, sentence_epochs=2))
    assert str(e.value) == (
        "`task` is an SST option without meaning for your own texts; leave it at its default "
        "('sst2'), got 'sst5'. "
        "`polar_phrases` is an SST option without meaning for your own texts; leave it at its "
        "default (False), got True. "
        "`sentence_epochs` is an SST option without meaning for your own texts; leave it at its "
        "default (0), got 2."
    )
    with pytest.raises(ValueError) as e:
        train_classifier(texts, labels, _config(phrases=False))
    assert str(e.value) == (
        "`phrases` is an SST option without meaning for your own texts; leave it at its default "
        "(True), got False."
    )


def test_given_sets_with_unknown_labels_or_of_the_wrong_shape_are_refused() -> None:
    texts, labels = _own_data(per_class=5)
    with pytest.raises(ValueError) as e:
        train_classifier(texts, labels, _config(), dev=(["a fine film"], ["fine"]))
    assert str(e.value) == (
        "`dev[1]` holds labels no training text has: 'fine' at position 0 (the classes: "
        "'so-so', 'thumbs down', 'thumbs up'; positions are 0-based indices of `dev[1]`). "
        "Leave those texts out of `dev`, or move them into `texts` and `labels` to "
        "learn those classes too (5 or more of each, as 10 % of each class goes to "
        "test)."  # revtext36: what to do
    )
    with pytest.raises(TypeError) as e:
        train_classifier(texts, labels, _config(), test=(["a"], ["so-so"], ["b"]))
    assert str(e.value) == "`test` must be a (texts, labels) pair or None, got tuple of 3."
    with pytest.raises(ValueError) as e:
        train_classifier(texts, labels, _config(), test=(["", "ok"], ["so-so"]))
    assert str(e.value) == (
        "`test[0]` and `test[1]` must be as long as each other (one label per text), got 2 "
        "texts and 1 label. Every text must contain a token, got none in `test[0][0]` ''."
    )
    with pytest.raises(ValueError) as e:
        train_classifier(texts, labels, _config(), name=" ")
    assert str(e.value) == "`name` must be a non-empty str, got ' '."


def _write_csv(path: Path, rows: list[tuple[str, str]], header=("review", "rating")) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_read_labelled_csv_keeps_every_cell_as_text(tmp_path: Path) -> None:
    path = _write_csv(
        tmp_path / "r.csv",
        [("Great, really.", " up "), ("NA", "down"), ('a "quoted"\nline', "NA")],
    )
    texts, labels = read_labelled_csv(path, "review", "rating")
    assert texts == ["Great, really.", "NA", 'a "quoted"\nline']
    assert labels == ["up", "down", "NA"]  # spaces around a label dropped; NA is a class name
    (tmp_path / "t.tsv").write_text("review\trating\ngood film\tup\n", "utf-8")
    assert read_labelled_csv(tmp_path / "t.tsv", "review", "rating", sep="\t") == (
        ["good film"],
        ["up"],
    )


def test_read_labelled_csv_refusals(tmp_path: Path) -> None:
    # row 4, empty in every field, is skipped as a blank line is (winuser): rows 2 and 3 alone
    path = _write_csv(tmp_path / "r.csv", [("good", "up"), (" ", "down"), ("bad", ""), ("", "")])
    qp = repr(str(path))  # named as given, quoted (typed_path)
    with pytest.raises(ValueError) as e:
        read_labelled_csv(path, "review", "rating")
    assert str(e.value) == (
        f"column 'review' of {str(path)!r} must hold a text with a token in every row, got none "
        f"in row 2; column 'rating' of {str(path)!r} must hold a label in every row, got an "
        "empty one in row 3 (rows counted from 1 below the header); fill them in or remove "
        "them."
    )
    # with the sets to split off, classes too small for them in the same error (they came
    # in a second run, after the empty cells were filled in)
    with pytest.raises(ValueError) as e:
        read_labelled_csv(path, "review", "rating", held_out=("dev",))
    assert str(e.value) == (
        f"column 'review' of {str(path)!r} must hold a text with a token in every row, got none "
        f"in row 2; column 'rating' of {str(path)!r} must hold a label in every row, got an "
        "empty one in row 3 (rows counted from 1 below the header); fill them in or remove "
        f"them. Column 'rating' of {str(path)!r} must hold at least 5 examples of each class, "
        "so that 10 % of each (rounded) goes to dev, got 1 of 'down', 1 of 'up'"
        ": add texts of those classes or leave their rows out."
    )
    few = _write_csv(tmp_path / "f.csv", [("good", "10")] * 5 + [("bad", "9")] * 4)
    qf = repr(str(few))
    with pytest.raises(ValueError) as e:
        read_labelled_csv(few, "review", "rating", held_out=("dev", "test"))
    assert str(e.value) == (
        f"column 'rating' of {qf} must hold at least 5 examples of each class, so that 10 % of "
        "each (rounded) goes to dev and to test, got 4 of '9'"
        ": add texts of that class or leave its rows out."
    )
    assert read_labelled_csv(few, "review", "rating")[1] == ["10"] * 5 + ["9"] * 4
    # a training file with a single class: in the same error as its other problems (it came
    # in a second run); a dev or test file may hold one class
    one = _write_csv(tmp_path / "o.csv", [("good", "up")] * 3 + [("", "up"), ("fine", " ")])
    qo = repr(str(one))
    with pytest.raises(ValueError) as e:
        read_labelled_csv(one, "review", "rating", training=True, held_out=("dev", "test"))
    assert str(e.value) == (
        f"column 'review' of {qo} must hold a text with a token in every row, got none in "
        f"row 4; column 'rating' of {qo} must hold a label in every row, got an empty one "
        "in row 5 (rows counted from 1 below the header); fill them in or remove them. "
        f"Column 'rating' of {qo} must name at least 2 classes, got 1: 'up'. Column 'rating' "
        f"of {qo} must hold at least 5 examples of each class, so that 10 % of each (rounded) "
        "goes to dev and to test, got 4 of 'up': add texts of that class or leave its rows out."
    )
    one = _write_csv(tmp_path / "o.csv", [("good", "up")] * 3)
    with pytest.raises(ValueError) as e:
        read_labelled_csv(one, "review", "rating", training=True)
    assert str(e.value) == f"column 'rating' of {qo} must name at least 2 classes, got 1: 'up'."
    assert read_labelled_csv(one, "review", "rating")[1] == ["up"] * 3
    with pytest.raises(ValueError) as e:
        read_labelled_csv(path, "text", "label")
    assert str(e.value) == (
        f"`text_col` 'text' and `label_col` 'label' are not columns of {qp}; available "
        "columns: ['review', 'rating']."
    )
    with pytest.raises(ValueError) as e:
        read_labelled_csv(path, "review", "review")
    assert str(e.value) == (
        "`text_col` and `label_col` must name two different columns, got 'review' for both."
    )
    (tmp_path / "h.csv").write_text("review,rating\n", "utf-8")
    with pytest.raises(ValueError) as e:
        read_labelled_csv(tmp_path / "h.csv", "review", "rating")
    assert str(e.value) == (
        "CSV file 'h.csv' has a header row (review, rating) but no data rows; expected one row "
        "per labelled text."
    )
    (tmp_path / "l.csv").write_bytes("review,rating\ncaf\xe9,up\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"^CSV file 'l.csv' must be UTF-8 text, got byte 0xe9"):
        read_labelled_csv(tmp_path / "l.csv", "review", "rating")
    with pytest.raises(FileNotFoundError) as e:
        read_labelled_csv(tmp_path / "none.csv", "review", "rating")
    assert str(e.value) == f"`path` file not found: {str(tmp_path / 'none.csv')!r}."


def _reviews(tmp_path: Path, per_class: int = 20) -> Path:
    texts, labels = _own_data(per_class)
    return _write_csv(tmp_path / "reviews.csv", list(zip(texts, labels, strict=True)))


TINY = ["--embed-dim", "8", "--hidden-size", "8", "--dropout", "0", "--lr", "0.05"]
TINY += ["--batch-size", "4", "--epochs", "6", "--evals-per-epoch", "2"]


@pytest.mark.filterwarnings("ignore:.* training texts? too")  # the data repeat texts
def test_cli_trains_on_a_csv_and_predict_prints_the_users_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = _reviews(tmp_path), tmp_path / "model"
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "rating"]
    assert main([*argv, "--out", str(out), *TINY, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["task"] == "reviews.csv" and payload["file"] == str(path)
    assert payload["labels"] == ["so-so", "thumbs down", "thumbs up"]
    assert payload["split"] == {"train": 48, "dev": 6, "test": 6}
    assert payload["dev"] == {"accuracy": 1.0}
    assert payload["test"] == {
        "accuracy": 1.0,
        "confusion": [[2, 0, 0], [0, 2, 0], [0, 0, 2]],
        "recall": {"so-so": 1.0, "thumbs down": 1.0, "thumbs up": 1.0},
        "balanced_accuracy": 1.0,
        "macro_f1": 1.0,
        "majority": {"label": "so-so", "accuracy": 2 / 6},
    }
    assert payload["config"]["data"] == "reviews.csv" and "task" not in payload["config"]
    assert sorted(p.name for p in out.iterdir()) == [
        "config.json",
        "metrics.json",
        "model.safetensors",
        "training.png",
        "vocab.json",
    ]
    assert main([*argv, "--out", str(out), *TINY]) == 0  # the same run, as text
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("reviews.csv: dev accuracy 1.0000, test accuracy 1.0000 (")
    assert lines[1:] == [
        "  classes so-so, thumbs down, thumbs up; examples: train 48, dev 6, test 6",
        f"saved to {out}",
    ]
    assert main(["text", "predict", str(out), "A lovely film!", "so boring"]) == 0
    blocks = capsys.readouterr().out.split("\n\n")
    assert blocks[0].splitlines()[:2] == ["> A lovely film!", "thumbs up"]
    assert blocks[1].splitlines()[:2] == ["> so boring", "thumbs down"]
    assert [line.split(":")[0].strip() for line in blocks[1].splitlines()[2:5]] == [
        "so-so",
        "thumbs down",
        "thumbs up",
    ]


@pytest.mark.filterwarnings("ignore:.* training texts? too")  # the data repeat texts
def test_cli_takes_dev_and_test_sets_of_your_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = _reviews(tmp_path), tmp_path / "model"
    texts, labels = _own_data(3)
    dev = _write_csv(tmp_path / "dev.csv", list(zip(texts, labels, strict=True)))  # 3 a class
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "rating"]
    assert main([*argv, "--dev-csv", str(dev), "--out", str(out), *TINY, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    # all 60 of --csv train but the 6 drawn for test; dev is the file's 9
    assert payload["split"] == {"train": 54, "dev": 9, "test": 6}
    assert payload["dev_file"] == str(dev) and "test_file" not in payload
    odd = _write_csv(tmp_path / "test.csv", [(texts[0], labels[0]), ("so what", "meh")])
    other = tmp_path / "other"
    assert main([*argv, "--test-csv", str(odd), "--out", str(other), *TINY]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'rating' of {str(odd)!r} holds labels no training text has: 'meh' in "
        "row 2 "
        "(the classes: 'so-so', 'thumbs down', 'thumbs up'; rows counted from 1 below the "
        f"header). Remove those rows from {str(odd)!r}, or move them into {str(path)!r} to "
        "learn those classes too (5 texts or more of each, as 10 % of each class goes to "
        "dev).\n"  # revtext36: what to do
    )
    assert not other.exists()
    assert main(["text", "train", "sst2", "--test-csv", str(odd), "--out", str(other)]) == 2
    assert capsys.readouterr().err == "error: --test-csv applies only with --csv FILE.\n"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            [],
            "name the data to train on: a task (sst2, sst5) or --csv FILE (your own labelled "
            "texts).",
        ),
        (
            ["sst2", "--csv", "{csv}"],
            "name the data to train on: a task (sst2, sst5) or --csv "
            "FILE (your own labelled texts), not both.",
        ),
        (
            ["sst2", "--text-col", "review", "--sep", ";"],
            "--text-col, --sep apply only with --csv FILE.",
        ),
        (
            ["--csv", "{csv}", "--label-col", "rating"],
            "--csv needs --text-col ({csv!r} has the columns review, rating).",
        ),
        (
            [
                "--csv",
                "{csv}",
                "--text-col",
                "review",
                "--label-col",
                "rating",
                "--no-phrases",
                "--sentence-epochs",
                "1",
                "--data-dir",
                "x",
            ],
            "--data-dir, --no-phrases, --sentence-epochs apply to SST only (a task), not to --csv; "
            "leave them out.",
        ),
        (  # given at their defaults: no different from left out but for the note of them
            ["--csv", "{csv}", "--text-col", "review", "--label-col", "rating", "--phrases"],
            "--phrases applies to SST only (a task), not to --csv; leave it out.",
        ),
        (
            ["--csv", "{csv}", "--no-polar-phrases", "--text-col", "review", "--label-col", "x"],
            "--no-polar-phrases applies to SST only (a task), not to --csv; leave it out.",
        ),
        (
            ["--csv", "{csv}", "--text-col", "text", "--label-col", "rating"],
            "--text-col 'text' is not a column of {csv!r}; available columns: "
            "['review', 'rating'].",
        ),
        (
            ["--csv", "{csv}", "--text-col", "review", "--label-col", "review"],
            "--text-col and --label-col must name two different columns, got 'review' for both.",
        ),
        (
            ["--csv", "{few}", "--text-col", "review", "--label-col", "rating"],
            "column 'rating' "
            "of {few!r} must hold at least 5 examples of each class, so that 10 % of each "
            "(rounded) goes to dev and to test, got 4 of 'down'"
            ": add texts of that class or leave its rows out.",
        ),
        (  # one class, too small: both in one error
            ["--csv", "{one}", "--text-col", "review", "--label-col", "rating"],
            "column 'rating' of {one!r} must name at least 2 classes, got 1: 'up'. Column "
            "'rating' of {one!r} must hold at least 5 examples of each class, so that 10 % of "
            "each (rounded) goes to dev and to test, got 3 of 'up'"
            ": add texts of that class or leave its rows out.",
        ),
        (  # a dev set of its own: only test is split off, checked as the file is read
            [
                "--csv",
                "{few}",
                "--dev-csv",
                "{csv}",
                "--text-col",
                "review",
                "--label-col",
                "rating",
            ],
            "column 'rating' of {few!r} must hold at least 5 examples of each class, so that 10 % "
            "of each (rounded) goes to test, got 4 of 'down'"
            ": add texts of that class or leave its rows out.",
        ),
        (
            ["--csv", "{dir}", "--text-col", "review", "--label-col", "rating"],
            "--csv must be a CSV file, got the folder '{dir}'; it holds 3 CSV files: pass one, "
            "e.g. '{few}'.",
        ),
        (  # each file's problems, in one error, each file named by its own flag (a missing
            # --dev-csv was "--csv file not found", and came only once the --csv was right)
            [
                "--csv",
                "{one}",
                "--dev-csv",
                "{dir}",
                "--test-csv",
                "{dir}/nope.csv",
                "--text-col",
                "review",
                "--label-col",
                "rating",
            ],
            "column 'rating' of {one!r} must name at least 2 classes, got 1: 'up'. --dev-csv must "
            "be a CSV file, got the folder '{dir}'; it holds 3 CSV files: pass one, e.g. '{few}'. "
            "--test-csv '{dir}/nope.csv' not found.",
        ),
    ],
)
def test_cli_csv_refusals_write_nothing(
    flags: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {"csv": str(_reviews(tmp_path)), "dir": str(tmp_path)}
    few = [("good", "up")] * 5 + [("bad", "down")] * 4
    names["few"] = str(_write_csv(tmp_path / "few.csv", few))
    names["one"] = str(_write_csv(tmp_path / "one.csv", [("good", "up")] * 3))
    out = tmp_path / "model"
    argv = ["text", "train", *(f.format(**names) for f in flags), "--out", str(out), *TINY]
    assert main(argv) == 2
    assert capsys.readouterr().err == f"error: {message.format(**names)}\n"
    assert not out.exists()


@pytest.mark.filterwarnings("ignore:.* training texts? too")  # the data repeat texts
def test_each_text_is_tokenised_once_from_the_file_to_the_training(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # read_labelled_csv, check_labelled and the training each need the texts' tokens; they
    # used to tokenise every text three times (twice from Python)
    calls: Counter[str] = Counter()

    def counting(text: str) -> list[str]:
        calls[text] += 1
        return ptb_tokenize(text)

    monkeypatch.setattr(labelled, "ptb_tokenize", counting)
    rows = [
        (f"a {w} film, take {k}", y)
        for y, w in (("up", "fine"), ("down", "dull"))
        for k in range(5)
    ]
    texts = [t for t, _ in rows]
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, progress=False)
    result = train_classifier([*texts, texts[0]], [y for _, y in rows] + ["up"], config)
    assert result.metrics["split"] == {"train": 7, "dev": 2, "test": 2}
    assert calls == Counter(texts)  # the repeated text too: once
    calls.clear()
    train = _write_csv(tmp_path / "train.csv", [*rows, rows[0]])
    dev = _write_csv(tmp_path / "dev.csv", [("so fine", "up"), ("so dull", "down")])
    argv = ["text", "train", "--csv", str(train), "--dev-csv", str(dev), "--text-col", "review"]
    argv += ["--label-col", "rating", "--embed-dim", "4", "--hidden-size", "4", "--epochs", "1"]
    assert main([*argv, "--out", str(tmp_path / "model"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["split"] == {"train": 9, "dev": 2, "test": 2}
    assert calls == Counter([*texts, "so fine", "so dull"])
    # outside the training, every call tokenises, and each gets a list of its own
    first = text_tokens("so fine")
    first.append("x")
    assert text_tokens("so fine") == ["so", "fine"] and calls["so fine"] == 3


def test_class_names_print_with_their_control_characters_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a label cell with a line break (or an escape sequence) broke the printed lines, where the
    # texts and tokens are printed with escapes
    rows = [(f"a fine film {k}", "thumbs\nup") for k in range(5)]
    rows += [(f"a dull film {k}", "down\x1b[2J") for k in range(5)]
    path, out = _write_csv(tmp_path / "r.csv", rows), tmp_path / "model"
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "rating"]
    assert (
        main([*argv, "--embed-dim", "4", "--hidden-size", "4", "--epochs", "1", "--out", str(out)])
        == 0
    )
    assert capsys.readouterr().out.splitlines()[1] == (
        "  classes down\\x1b[2J, thumbs\\nup; examples: train 6, dev 2, test 2"
    )
    assert main(["text", "predict", str(out), "a fine film"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[0] in ("down\\x1b[2J", "thumbs\\nup")
    assert [line[:17] for line in lines[1:]] == ["     down\\x1b[2J:", "      thumbs\\nup:"]
    assert main(["explain", str(out), "--text", "a fine film", "--target", "1", "--no-color"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("predicted: ") and "\x1b" not in lines[0]
    assert lines[1].startswith("explained: thumbs\\nup, score ")


def test_cli_names_labels_that_differ_in_case_by_column_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the warning said "`labels` holds ...", train_classifier's argument, where the errors name
    # the file's column
    rows = [(f"good {k}", "Pos" if k % 2 else "pos") for k in range(10)]
    rows += [(f"bad {k}", "neg") for k in range(5)]
    path = _write_csv(tmp_path / "r.csv", rows)
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "rating"]
    argv += ["--embed-dim", "4", "--hidden-size", "4", "--epochs", "1"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, "--out", str(tmp_path / "model")]) == 0
    assert capsys.readouterr().err == (
        f"warning: column 'rating' of {str(path)!r} holds 'Pos', 'pos', which differ only in "
        "case: they train as separate classes. Write each class one way if they are one.\n"
    )

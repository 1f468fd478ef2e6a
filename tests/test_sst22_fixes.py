"""Fixes from walking README's sentiment sections (SST-2, SST-5, your own labelled texts) as a
new user: the refusals a user meets there name what came, as the house rules ask."""

from __future__ import annotations

import pytest

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, SentimentPredictor, TextClassifier, train_classifier
from lstmkit.text.vocab import Vocabulary


def _predictor() -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    return SentimentPredictor(TextClassifier(len(vocab), 3, 2, 2), vocab, ("neg", "pos"))


def test_a_target_label_outside_the_classes_names_the_range_and_the_slip() -> None:
    # a label was refused as "a class index or one of the labels" without the indices' range
    # that an index out of it is told, and a slip in case was left to be spotted
    predictor = _predictor()
    with pytest.raises(ValueError) as err:
        predictor.explain("a good film", "Pos")
    assert str(err.value) == (
        "`target` must be a class index in [0, 2) or one of the labels ('neg', 'pos'), got "
        "'Pos' (did you mean 'pos'?)."
    )
    with pytest.raises(ValueError) as err:
        predictor.explain_many(["a good film"], target="nuetral")
    assert str(err.value) == (
        "`target` must be a class index in [0, 2) or one of the labels ('neg', 'pos'), got "
        "'nuetral'."
    )


def test_class_figures_name_a_label_slip_as_a_dev_file_does() -> None:
    predictor = _predictor()
    with pytest.raises(ValueError) as err:
        predictor.class_figures(["a good film", "a bad film", "a film"], ["pos", "Neg", "meh"])
    assert str(err.value) == (
        "`labels` must be class indices in [0, 2) or class names ('neg', 'pos'), got 'Neg' "
        "(did you mean 'neg'?) at position 1, 'meh' at position 2."
    )


def test_sets_of_one_text_or_one_label_are_counted_in_the_singular() -> None:
    # "got 1 texts and 2 labels"
    texts = [f"a good film {k}" for k in range(5)] + [f"a bad film {k}" for k in range(5)]
    labels = ["pos"] * 5 + ["neg"] * 5
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, progress=False)
    with pytest.raises(ValueError) as err:
        train_classifier(texts, labels, config, dev=(["a film"], ["pos", "neg"]))
    assert str(err.value) == (
        "`dev[0]` and `dev[1]` must be as long as each other (one label per text), got 1 text "
        "and 2 labels."
    )


@pytest.mark.parametrize(
    ("content", "got"),
    [
        ("{}", "dict {}"),
        ("[]", "an empty list"),
        ('["a", "b", "c"]', "a list starting with 'a', 'b'"),
        ('["<pad>", "<unk>", "a", null]', "None at index 3"),
        ('"vocab"', "str 'vocab'"),
    ],
)
def test_a_vocabulary_file_that_is_none_says_what_it_holds(tmp_path, content, got) -> None:
    # the refusal said what a vocabulary file is alone, whatever the file held
    file = tmp_path / "vocab.json"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        Vocabulary.load(file)
    assert str(err.value) == (
        f"{str(file)!r} is not a vocabulary file (a JSON list of tokens starting with <pad>, "
        f"<unk>), got {got}."
    )


def test_an_empty_model_folder_is_told_every_file_a_classifier_needs(tmp_path, capsys) -> None:
    # it was said to miss "config.json, model.safetensors"; once they were copied in, the next
    # run said vocab.json
    folder = tmp_path / "run"
    folder.mkdir()
    with pytest.raises(FileNotFoundError) as err:
        SentimentPredictor.load(folder)
    assert str(err.value) == (
        f"{str(folder)!r} is not a saved lstmkit classifier model: missing config.json, "
        "model.safetensors, vocab.json."
    )
    assert main(["text", "predict", str(folder), "a good film"]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(folder)!r} is not a saved lstmkit classifier model: missing config.json, "
        "model.safetensors, vocab.json (in it and in its model/ subfolder).\n"
    )
    assert list(folder.iterdir()) == []


def test_a_tiny_class_that_is_a_slip_of_a_large_one_is_told_so(tmp_path, capsys) -> None:
    # 'Thumbs up' and 'thumbs  up' (two spaces) in one row each were listed as classes too
    # small to split, the likely typo of 'thumbs up' left to be spotted
    rows = [("The film was great.", "thumbs up")] * 9 + [("It was dull.", "thumbs down")] * 9
    rows += [("Superb.", "Thumbs up"), ("Lovely.", "thumbs  up"), ("Meh.", "so-so")]
    path = tmp_path / "reviews.csv"
    path.write_text("review,rating\n" + "".join(f"{t},{y}\n" for t, y in rows), encoding="utf-8")
    out = tmp_path / "run"
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "rating"]
    assert main([*argv, "--out", str(out), "--epochs", "1"]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'rating' of {str(path)!r} must hold at least 5 examples of each class, "
        "so that 10 % of each (rounded) goes to dev and to test, got 1 of 'Thumbs up' (did you "
        "mean 'thumbs up'?), 1 of 'so-so', 1 of 'thumbs  up' (did you mean 'thumbs up'?)"
        ": add texts of those classes or leave their rows out.\n"
    )
    assert not out.exists()
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, progress=False)
    with pytest.raises(ValueError) as err:
        train_classifier([t for t, _ in rows], [y for _, y in rows], config)
    assert str(err.value) == (
        "`labels` must hold at least 5 examples of each class, so that 10 % of each (rounded) "
        "goes to dev and to test, got 1 of 'Thumbs up' (did you mean 'thumbs up'?), 1 of "
        "'so-so', 1 of 'thumbs  up' (did you mean 'thumbs up'?)"
        ": add texts of those classes or leave their rows out."
    )


@pytest.mark.filterwarnings("always:.* are training texts too")
def test_a_held_out_file_that_is_the_training_file_is_noted(tmp_path, capsys) -> None:
    # `--dev-csv reviews.csv` beside `--csv reviews.csv` was told only that its texts are
    # training texts too, with the advice to drop repeated texts from the data
    rows = [(f"a good film {k}", "up") for k in range(5)]
    rows += [(f"a bad film {k}", "down") for k in range(5)]
    path = tmp_path / "reviews.csv"
    path.write_text("review,rating\n" + "".join(f"{t},{y}\n" for t, y in rows), encoding="utf-8")
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "rating"]
    argv += ["--dev-csv", str(tmp_path / "." / "reviews.csv"), "--out", str(tmp_path / "run")]
    sizes = ["--embed-dim", "4", "--hidden-size", "4", "--epochs", "1", "--no-progress"]
    assert main([*argv, *sizes]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == (
        f"note: --dev-csv {str(tmp_path / '.' / 'reviews.csv')!r} is the --csv file, so its "
        "texts are training texts too; give --dev-csv a file of other texts, or leave it out to "
        "hold out 10 % of each class of --csv."
    )
    assert err[1].startswith("warning: 8 of the 10 dev texts (80 %) are training texts too")

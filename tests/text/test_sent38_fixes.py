"""README walk of "Text" and the later part of "Sentiment" (sent38): a teacher's own CSVs and
the Python API in a notebook."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pandas as pd
import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary

README = Path(__file__).resolve().parents[2] / "README.md"

DROP_ROWS = (
    "(nan is how pandas reads an empty cell: drop those rows first, `df = "
    "df.dropna(subset=['review', 'rating'])`, or read the file with `read_labelled_csv`, which "
    "skips blank rows and names the row of a text or label left empty)."
)


@pytest.fixture
def predictor() -> SentimentPredictor:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    return SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))


def _frame() -> pd.DataFrame:
    # a spreadsheet's review left blank: pandas reads the empty cell as NaN
    return pd.read_csv(io.StringIO("review,rating\na good film,pos\n,neg\na bad film,neg\n"))


@pytest.mark.parametrize("method", ["predict_many", "predict_proba", "explain_many"])
def test_texts_with_pandas_empty_cell_told_dropna(
    predictor: SentimentPredictor, method: str
) -> None:
    # it was "`texts` must hold str only, got `texts[1]` float nan." with no word of the fix
    df = _frame()
    with pytest.raises(TypeError) as err:
        getattr(predictor, method)(df["review"])
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[1]` float nan (nan is how pandas reads an empty "
        "cell: leave those texts out first, `df['review'].dropna()`)."
    )
    # the advice works
    assert len(getattr(predictor, method)(df["review"].dropna())) == 2


def test_texts_missing_in_string_column_unnamed_series_and_list(
    predictor: SentimentPredictor,
) -> None:
    texts = pd.Series(["a good film", None], dtype="string")  # no name
    with pytest.raises(TypeError) as err:
        predictor.predict_many(texts)
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[1]` NAType <NA> (<NA> is how pandas reads an "
        "empty cell: leave those texts out first, `texts.dropna()`)."
    )
    with pytest.raises(TypeError) as err:
        predictor.predict_many(["a good film", float("nan")])  # df["review"].tolist()
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[1]` float nan (nan is how pandas reads an empty "
        "cell: leave those texts out first, `[t for t in texts if isinstance(t, str)]`)."
    )
    # a list's None is no pandas cell, an int no missing value: told as before
    with pytest.raises(TypeError) as err:
        predictor.predict_many(["a good film", None, 3])
    assert str(err.value) == "`texts` must hold str only, got `texts[1]` None, `texts[2]` int 3."


@pytest.mark.parametrize("method", ["evaluate", "class_figures"])
def test_labelled_texts_with_empty_cell_told_dropna_of_rows(
    predictor: SentimentPredictor, method: str
) -> None:
    df = _frame()
    with pytest.raises(TypeError) as err:
        getattr(predictor, method)(df["review"], df["rating"])
    assert str(err.value) == "`texts` must hold str only, got `texts[1]` float nan " + DROP_ROWS
    df = df.dropna(subset=["review", "rating"])
    assert getattr(predictor, method)(df["review"], df["rating"]) is not None


def _tsv(path: Path) -> Path:
    rows = [f"a good fine film {k}\tpos" for k in range(6)]
    rows += [f"a dull bad film {k}\tneg" for k in range(6)]
    path.write_text("text\tlabel\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


TRAIN = ["--epochs", "1", "--embed-dim", "4", "--hidden-size", "4", "--no-progress"]


@pytest.mark.parametrize("name", ["reviews.tsv", "Reviews.TSV.gz"])
def test_text_train_and_evaluate_read_a_tsv_file_tab_separated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # it was refused: "--csv needs --text-col and --label-col ('reviews.tsv' has one column,
    # 'text\tlabel': the file looks '\t'-separated; pass --sep tab too)."
    path = _tsv(tmp_path / "reviews.tsv")
    if name.endswith(".gz"):
        packed = tmp_path / name
        packed.write_bytes(gzip.compress(path.read_bytes()))
        path = packed
    out = tmp_path / "model"
    assert main(["text", "train", "--csv", str(path), *TRAIN, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1] == "  classes neg, pos; examples: train 8, dev 2, test 2"
    assert main(["text", "evaluate", str(out), "--csv", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["texts"] == 12


def test_a_tsv_files_sep_given_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "commas.tsv"
    path.write_text("text,label\n" + "".join(f"film {k},pos\nbad {k},neg\n" for k in range(5)))
    given = ["--sep", ",", "--out", str(tmp_path / "m")]
    assert main(["text", "train", "--csv", str(path), *TRAIN, *given]) == 0
    # without --sep, a comma-separated file named .tsv is told the --sep to pass
    assert main(["text", "train", "--csv", str(path), *TRAIN, "--out", str(tmp_path / "n")]) == 2
    assert capsys.readouterr().err.endswith(
        f"error: --csv needs --text-col and --label-col ('{path}' has one column, 'text,label': "
        "read with a tab, as a file named .tsv is without --sep, the file looks ','-separated; "
        "pass --sep ',' too).\n"
    )


def test_readme_quotes_the_replaced_note_of_the_one_epoch_sst2_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the README quoted "test accuracy 0.7870" for the one-epoch model's 0.78693 (its --json:
    # 0.7869302580999451, 1,433 of SST-2's 1,821 test sentences), which prints 0.7869
    from lstmkit.cli import note_replaced, saved_before

    out = tmp_path / "runs" / "sst2"
    out.mkdir(parents=True)
    (out / "config.json").write_text(json.dumps({"kind": "classifier"}))
    metrics = {"task": "sst2", "dev_accuracy": 702 / 872, "test_accuracy": 1433 / 1821, "seed": 0}
    assert metrics["test_accuracy"] == 0.7869302580999451  # the run's --json
    (out / "metrics.json").write_text(json.dumps(metrics))
    note_replaced(Path("runs/sst2"), saved_before(out))
    note = capsys.readouterr().err.strip()
    assert note == (
        "note: replaced the classifier that was saved in 'runs/sst2' (sst2: dev accuracy 0.8050, "
        "test accuracy 0.7869, seed 0); give another --out to keep both."
    )
    assert f"`{note}`" in " ".join(README.read_text("utf-8").split())


@pytest.fixture
def rated() -> SentimentPredictor:
    # star ratings read as class names '1' and '5'
    vocab = Vocabulary.build(["a good film", "a bad film"])
    torch.manual_seed(0)
    return SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("1", "5"))


@pytest.mark.parametrize("method", ["explain", "explain_many"])
def test_explain_refuses_an_int_target_that_names_another_class(
    rated: SentimentPredictor, method: str
) -> None:
    # explain("...", target=1) of ratings '1' and '5' explained '5', the class at index 1
    text = "a good film" if method == "explain" else ["a good film"]
    head = (
        "`target` must be a class name (str) where the model's classes are integers written as "
        "text ('1', '5'): an int is taken as a class index, and "
    )
    told = {
        1: "1 indexes '5'. Pass target='1' for the class '1' or target=predictor.labels[1] "
        "('5') for the class at index 1.",
        5: "5 indexes no class. Pass target='5' for the class '5'.",
        0: "0 indexes '1'. Pass target=predictor.labels[0] ('1') for the class at index 0.",
    }
    for target, said in told.items():
        with pytest.raises(ValueError) as err:
            getattr(rated, method)(text, target=target)
        assert str(err.value) == head + said
    with pytest.raises(ValueError) as err:
        getattr(rated, method)(text, target=torch.tensor(1))  # logits.argmax()
    assert str(err.value) == head + told[1]


def test_explain_by_a_numbers_name_explains_that_class(rated: SentimentPredictor) -> None:
    one = rated.explain("a good film", target="1")
    five = rated.explain("a good film", target="5")
    assert one != five
    assert rated.explain("a good film", target=rated.labels[0]) == one
    assert rated.explain_many(["a good film"], target="5") == [five]
    # the class a model's index names where names and indices agree: 0 of '0' and '1'
    agreed = SentimentPredictor(rated.model, rated.vocab, ("0", "1"))
    assert agreed.explain("a good film", target=1) == five


def test_explain_by_index_where_classes_are_words(predictor: SentimentPredictor) -> None:
    assert predictor.explain("a good film", target=1) == predictor.explain(
        "a good film", target="pos"
    )


def test_read_labelled_csv_reads_a_tsv_file_with_a_tab(tmp_path: Path) -> None:
    from lstmkit.text import read_labelled_csv

    path = _tsv(tmp_path / "reviews.tsv")
    texts, labels = read_labelled_csv(path, "text", "label")
    assert (texts[0], labels[0], len(texts)) == ("a good fine film 0", "pos", 12)
    packed = tmp_path / "Reviews.TSV.gz"
    packed.write_bytes(gzip.compress(path.read_bytes()))
    assert read_labelled_csv(str(packed), "text", "label") == (texts, labels)
    # a sep given is kept; a file object has no name to go by
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label", sep=",")
    assert str(err.value).endswith(
        "available columns: ['text\\tlabel'] (one column whose name holds '\\t': the file looks "
        "'\\t'-separated; pass sep='\\t' (CLI: --sep tab))."
    )
    with path.open(encoding="utf-8") as file, pytest.raises(ValueError):
        read_labelled_csv(file, "text", "label")

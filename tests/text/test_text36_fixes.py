"""text36: the labels of ``lstmkit.text.sentiment.evaluate`` and its kin.

A model without an int ``num_classes`` skipped evaluate's range check (5 and -1 of two classes
were scored as misses); a dict of labels was read as its keys; a 0-d tensor or array failed in
Python's words ("'int' object is not iterable"); and all-zero int labels of classes '1' to '5'
were scored as class '1' where every other int was refused as ambiguous.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit.text import SentimentPredictor, Vocabulary
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import class_figures, evaluate


class _Wrapped(nn.Module):
    """A model of one's own: a TextClassifier inside, no ``num_classes`` of its own."""

    def __init__(self, inner: nn.Module) -> None:
        super().__init__()
        self.inner = inner

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        return self.inner(tokens, lengths)


def _model(classes: int = 2) -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(vocab_size=6, embed_dim=2, hidden_size=2, num_classes=classes)


def test_evaluate_counts_the_classes_of_a_model_without_num_classes() -> None:
    model = _model()
    wrapped = _Wrapped(model)
    assert not hasattr(wrapped, "num_classes")
    for labels, said in (([5, 0, 1], "5 at position 0"), ([0, -1, 1], "-1 at position 1")):
        with pytest.raises(ValueError) as err:
            evaluate(wrapped, [[2], [3], [4]], labels)
        assert str(err.value) == f"`labels` must be class indices in [0, 2), got {said}."
    with pytest.raises(ValueError, match=r"got 0\.5 at position 2\.$"):
        evaluate(wrapped, [[2], [3], [4]], [0, 1, 0.5])
    # labels in range are scored as the model's own are
    seqs, labels = [[2], [3], [4], [5]], [0, 1, 1, 0]
    assert evaluate(wrapped, seqs, labels) == evaluate(model, seqs, labels)
    assert evaluate(wrapped, [], []) == 0.0


@pytest.mark.parametrize("route", ["evaluate", "class_figures"])
def test_a_dict_or_a_0d_label_holder_is_refused_as_no_sequence(route: str) -> None:
    model = _model()
    if route == "evaluate":
        expected = "class indices (ints)"

        def run(labels: object) -> object:
            return evaluate(model, [[2], [3]], labels)  # type: ignore[arg-type]
    else:
        expected = "class indices or names"

        def run(labels: object) -> object:
            return class_figures(model, [[2], [3]], labels, ["neg", "pos"])  # type: ignore[arg-type]

    with pytest.raises(TypeError) as err:
        run({0: 1, 1: 0})
    assert str(err.value) == (
        f"`labels` must be a sequence of {expected}, got dict {{0: 1, 1: 0}}: a dict is read "
        "as its keys. Pass `list(labels.values())` for its values."
    )
    for held, shown in ((torch.tensor(1), "Tensor tensor(1)"), (np.array(1), "ndarray array(1)")):
        with pytest.raises(TypeError) as err:
            run(held)
        assert str(err.value) == (
            f"`labels` must be a sequence of {expected}, got {shown}, which is 0-d. Pass "
            "`labels.reshape(1)` for one label."
        )


def test_the_predictor_refuses_a_dict_and_a_0d_tensor_alike() -> None:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    predictor = SentimentPredictor(_model(2), vocab, ("neg", "pos"))
    for route in (predictor.evaluate, predictor.class_figures):
        with pytest.raises(TypeError, match=r"got dict \{0: 'pos'\}: a dict is read as its keys"):
            route(["a good film"], {0: "pos"})
        with pytest.raises(TypeError, match=r"got Tensor tensor\(1\), which is 0-d"):
            route(["a good film"], torch.tensor(1))


def test_zero_of_classes_1_to_5_is_refused_as_the_other_ints_are() -> None:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    ratings = ("1", "2", "3", "4", "5")
    predictor = SentimentPredictor(_model(5), vocab, ratings)
    crossed = (
        "`labels` must be class names (str) where the model's classes are integers written as "
        "text ('1', '2', '3', '4', '5'): an int is taken as a class index, and 0 at position 0 "
        "indexes '1' and names no class, 0 at position 1 indexes '1' and names no class. Pass "
        "`[str(v) for v in labels]` (a pandas column: `.astype(str)`) to name them, or, where "
        "they are class indices, `[predictor.labels[k] for k in labels]`."
    )
    for route in (predictor.evaluate, predictor.class_figures):
        with pytest.raises(ValueError) as err:
            route(["a good film", "bad"], [0, 0])
        assert str(err.value) == crossed
    with pytest.raises(ValueError) as err:
        class_figures(predictor.model, [[2], [3]], np.zeros(2, dtype=np.int64), list(ratings))
    assert str(err.value) == crossed.replace("predictor.labels[k]", "names[k]")
    # where each int names the class it indexes ('0', '1'), ints are taken; names always
    binary = SentimentPredictor(_model(2), vocab, ("0", "1"))
    scores = binary.evaluate(["a good film", "bad"], [0, 1])
    assert scores.labels == ["0", "1"]
    assert predictor.evaluate(["a good film", "bad"], ["1", "1"]).labels == ["1", "1"]


def test_the_token_memo_holds_one_str_per_distinct_token() -> None:
    # text evaluate and text train --csv keep every text's tokens in the memo: a 200,000-row
    # file's 4.4M tokens were as many str objects (270 MB of copies of a few words)
    from lstmkit.text.labelled import _shared_tokens, _tokenised_once, text_tokens

    word = "".join(["wonder", "ful"])  # made at run time, not a constant of this module
    with _tokenised_once():
        first = _shared_tokens(f"A {word} film.")
        second = _shared_tokens(f"so {word.upper()}")
        copied = text_tokens(f"so {word.upper()}")
    assert first == ("a", "wonderful", "film", ".")
    assert second == ("so", "wonderful")
    assert first[1] is second[1]
    assert copied == ["so", "wonderful"] and copied[1] is first[1]


@pytest.mark.parametrize("route", ["evaluate", "class_figures"])
def test_sequences_that_hold_no_id_sequences_are_refused_by_name(route: str) -> None:
    # each failed as "object of type 'int' has no len()"
    model = _model()

    def run(sequences: object) -> object:
        if route == "evaluate":
            return evaluate(model, sequences, [0, 1])  # type: ignore[arg-type]
        return class_figures(model, sequences, [0, 1], ["neg", "pos"])  # type: ignore[arg-type]

    with pytest.raises(TypeError) as err:
        run({0: [2], 1: [3]})
    assert str(err.value) == (
        "`sequences` must be a sequence of token id sequences, got dict {0: [2], 1: [3]}: a "
        "dict is read as its keys. Pass `list(sequences.values())`."
    )
    for flat, said in (
        ([2, 3], "2 at position 0, 3 at position 1"),
        (torch.tensor([2, 3]), "tensor(2) at position 0, tensor(3) at position 1"),
        (["ab", [3]], "'ab' at position 0"),
    ):
        with pytest.raises(TypeError) as err:
            run(flat)
        assert str(err.value) == (
            "`sequences` must hold one sequence of token ids per text (`[[2, 3], [4]]`), got "
            f"{said}."
        )
    # a padded 2-d tensor or array, and a list of tensors, are taken as before
    expected = run([[2, 3], [3, 4]])
    assert run(torch.tensor([[2, 3], [3, 4]])) == expected
    assert run(np.array([[2, 3], [3, 4]])) == expected
    assert run([torch.tensor([2, 3]), np.array([3, 4])]) == expected


def test_a_dataframe_of_texts_or_labels_is_refused_not_read_as_its_column_names() -> None:
    # df[["review"]] (double brackets) was classified as the one text 'review'
    import pandas as pd

    from lstmkit.text import SentimentConfig, train_classifier

    vocab = Vocabulary.build(["a good film", "a bad film"])
    predictor = SentimentPredictor(_model(2), vocab, ("neg", "pos"))
    df = pd.DataFrame({"review": ["a good film", "a bad film"], "rating": ["pos", "neg"]})
    texts_said = (
        "`texts` must be a sequence of str, got a DataFrame of shape (2, 1), columns "
        "['review']: iterating it gives its column names. Pass one column, `df['review']`."
    )
    for route in (predictor.predict_many, predictor.predict_proba, predictor.explain_many):
        with pytest.raises(TypeError) as err:
            route(df[["review"]])
        assert str(err.value) == texts_said
    for route in (predictor.evaluate, predictor.class_figures):
        with pytest.raises(TypeError) as err:
            route(df[["review"]], df["rating"])
        assert str(err.value) == texts_said
        with pytest.raises(TypeError) as err:
            route(df["review"], df[["rating"]])
        assert str(err.value) == (
            "`labels` must be a sequence of class indices or names, got a DataFrame of shape "
            "(2, 1), columns ['rating']: iterating it gives its column names. Pass one "
            "column, `df['rating']`."
        )
    with pytest.raises(TypeError) as err:
        train_classifier(df[["review"]], df["rating"], SentimentConfig(epochs=1, progress=False))
    assert str(err.value) == texts_said
    # its column is taken
    assert [label for label, _ in predictor.predict_many(df["review"])] == [
        label for label, _ in predictor.predict_many(list(df["review"]))
    ]

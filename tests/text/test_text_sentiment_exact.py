"""The sentiment module's measuring helpers, exactly, on a tiny untrained classifier."""

from __future__ import annotations

import warnings

import pytest
import torch

from lstmkit.text import SentimentPredictor, TextClassifier, Vocabulary, sentiment


def test_an_empty_sequence_is_read_as_one_unknown_token():
    torch.manual_seed(0)
    model = TextClassifier(6, 4, 3, 3)
    ((y, logits),) = sentiment._logits([model], [[], [4, 2]], [2, 0], 4)
    model.eval()
    with torch.no_grad():
        unknown = model(torch.tensor([[Vocabulary.unk_id]]), torch.tensor([1]))
        padding = model(torch.tensor([[Vocabulary.pad_id]]), torch.tensor([1]))
    assert logits.shape == (1, 2, 3) and sorted(y.tolist()) == [0, 2]
    row = y.tolist().index(2)
    torch.testing.assert_close(logits[0, row], unknown[0], rtol=1e-6, atol=1e-7)
    assert not torch.allclose(unknown, padding, rtol=1e-3, atol=1e-3)  # the two differ


def test_a_predictor_refuses_a_class_name_given_twice():
    # ("good", "good") for a 2-class model was accepted: predict's probabilities then held one
    # entry for two classes, and explain's target "good" was always class 0 (load refused it)
    vocab = Vocabulary.build(["a good film"])
    model = TextClassifier(len(vocab), 4, 3, 3)
    with pytest.raises(ValueError) as err:
        SentimentPredictor(model, vocab, ("good", "bad", "good"))
    assert str(err.value) == (
        "`labels` must name each class once, got 'good' more than once: ('good', 'bad', 'good')."
    )
    with pytest.raises(ValueError) as err:
        SentimentPredictor(model, vocab, ("good", "good"))
    assert str(err.value) == (
        "`labels` must name each class once, got 'good' more than once: ('good', 'good'). "
        "`labels` must name the model's 3 classes, got 2: ('good', 'good')."
    )


def test_a_target_index_is_one_of_the_classes():
    vocab = Vocabulary.build(["a good film"])
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("n", "p"))
    for target, back in ((2, ""), (-1, " (a negative index does not count from the end)")):
        with pytest.raises(ValueError) as err:
            predictor.explain_many(["a film"], target)
        assert str(err.value) == (
            f"`target` must be a class index in [0, 2) or one of the labels ('n', 'p'){back}, "
            f"got {target}."
        )
    assert [t for t, _ in predictor.explain_many(["a film"], 1)[0]] == ["a", "film"]


def _repeated(held_out: dict[str, list[str]]) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sentiment._warn_repeated_texts([["a", "film"], ["bad"]], held_out)
    return [str(w.message) for w in caught]


def test_held_out_texts_that_are_training_texts_are_counted_per_set():
    end = (
        " too, token for token, so their scores partly measure memory, not generalisation. "
        "Remove repeated texts from the data (pandas: drop_duplicates on the text column) to "
        "score on unseen ones."
    )
    assert _repeated({"dev": ["A film", "new"], "test": ["Bad"]}) == [
        "1 of the 2 dev texts (50 %) and the 1 test text (100 %) are training texts" + end
    ]
    assert _repeated({"dev": ["new", "other", "bad"]}) == [
        "1 of the 3 dev texts (33 %) is a training text" + end
    ]
    assert _repeated({"dev": ["new"], "test": ["other"]}) == []


def test_a_predictor_names_labels_that_are_no_sequence():
    # 5 raised Python's own "'int' object is not iterable"
    vocab = Vocabulary.build(["a good film"])
    model = TextClassifier(len(vocab), 4, 3, 2)
    for labels in (5, None, "np"):
        with pytest.raises(TypeError) as err:
            SentimentPredictor(model, vocab, labels)
        assert str(err.value) == f"`labels` must be a sequence of str, got {labels!r}."


def test_a_predictor_reads_labels_given_as_a_generator_once():
    # the type check read the generator to its end, leaving no labels: "must name the model's
    # 2 classes, got 0: ()"
    vocab = Vocabulary.build(["a good film"])
    model = TextClassifier(len(vocab), 4, 3, 2)
    assert SentimentPredictor(model, vocab, (n for n in ("n", "p"))).labels == ("n", "p")
    with pytest.raises(TypeError) as err:
        SentimentPredictor(model, vocab, (n for n in ("n", 1)))
    assert str(err.value) == "`labels` must be a sequence of str, got ('n', 1)."

"""Review of the text reprs: counts in the singular for one, and no error for odd labels."""

from __future__ import annotations

from lstmkit.text.sentiment import TrainingExamples
from lstmkit.text.sst import SSTSplit


def test_sst_split_repr_of_labels_of_several_types():
    # sorted() of 1 and "pos" raised a TypeError; they come as they first appear
    split = SSTSplit(texts=["a", "b", "c"], labels=[1, "pos", 1], num_classes=2)
    assert repr(split) == "SSTSplit(3 texts, num_classes=2, labels {1: 2, pos: 1})"


def test_reprs_count_one_text_in_the_singular():
    # they said "1 texts" and "1 supports"
    assert repr(SSTSplit(["a"], [0], 2)) == "SSTSplit(1 text, num_classes=2, labels {0: 1})"
    polar = TrainingExamples(["a"], [(0, 1)], supports=[(0, 1)], counted=["a"])
    assert repr(polar) == "TrainingExamples(1 text, 1 counted for the vocabulary, 1 support)"

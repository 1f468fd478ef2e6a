"""What a new user of the text API tripped over, pinned (the helper pyuser's review)."""

import re

import numpy as np
import pytest

from lstmkit.text.labelled import stratified_split


@pytest.mark.parametrize("seed", [None, 1.5, "1", -1, True])
def test_stratified_split_refuses_a_seed_that_is_no_seed(seed):
    # random.Random took them all (None drew another split at every call) but np.int64; text
    # is told the number it reads as (fol20)
    labels = ["good"] * 10 + ["bad"] * 5
    told = " (a number, not text: 1)" if seed == "1" else ""
    with pytest.raises(
        ValueError,
        match=re.escape(
            f"`seed` must be an integer in [0, 9223372036854775807], got {seed!r}{told}."
        ),
    ):
        stratified_split(labels, seed=seed)
    assert stratified_split(labels, seed=np.int64(3)) == stratified_split(labels, seed=3)


def test_classifier_ensemble_refuses_members_of_other_classes_or_vocabularies():
    # two classes beside three failed at the first call, in torch.stack
    from lstmkit.text import TextClassifier
    from lstmkit.text.classifier import ClassifierEnsemble

    with pytest.raises(
        ValueError,
        match=re.escape(
            "the members of a ClassifierEnsemble must share `num_classes` and `vocab_size` to "
            "average their logits: member 1 has num_classes=3 where member 0 has 2; member 2 has "
            "vocab_size=7 where member 0 has 5."
        ),
    ):
        ClassifierEnsemble(
            [TextClassifier(5, 2, 2, 2), TextClassifier(5, 2, 2, 3), TextClassifier(7, 2, 2, 2)]
        )
    # other readouts may be averaged (config() refuses them when saving)
    ensemble = ClassifierEnsemble(
        [TextClassifier(5, 2, 2, 2), TextClassifier(5, 2, 2, 2, readout="mean")]
    )
    assert len(ensemble.members) == 2


@pytest.mark.parametrize("batch_size", [2.5, True, "2"])
def test_batches_refuses_a_batch_size_that_is_no_int(batch_size):
    # 2.5 failed in range() at the first batch; True made batches of one
    from lstmkit.text.vocab import batches

    with pytest.raises(
        TypeError,
        match=re.escape(
            f"`batch_size` must be an integer, got {type(batch_size).__name__} {batch_size!r}."
        ),
    ):
        next(iter(batches([[1, 2], [3]], [0, 1], batch_size)))
    assert [y.tolist() for *_, y in batches([[1, 2], [3]], [0, 1], np.int64(2))] == [[0, 1]]


def test_text_readers_and_writers_name_a_path_that_is_no_path():
    # pathlib's "expected str, bytes or os.PathLike object, not NoneType" named no argument
    from lstmkit.text import Vocabulary, find_text_data
    from lstmkit.text.labelled import read_labelled_csv

    # the readers take a file object too, as read_csv (files9)
    reads = "a str, a Path or a file object (open(...), io.StringIO, io.BytesIO)"
    for call, name, takes in [
        (lambda: Vocabulary(["a"]).save(None), "`path`", "a str or Path"),
        (lambda: Vocabulary.load(None), "`path`", reads),
        (lambda: read_labelled_csv(None, "text", "label"), "`path`", reads),
        (lambda: find_text_data(5), "`data_dir`", "a str or Path"),
    ]:
        with pytest.raises(TypeError) as err:
            call()
        kind = "int" if name == "`data_dir`" else "NoneType"
        assert str(err.value) == f"{name} must be {takes}, got {kind}."


def test_read_corpus_and_series_names_name_a_path_that_is_no_path():
    from lstmkit.data import series_names
    from lstmkit.text.charlm import read_corpus

    with pytest.raises(TypeError, match=re.escape("`path` must be a str, a Path or a file object")):
        read_corpus(None)  # a file object too, as read_csv's (files9)
    with pytest.raises(TypeError) as e:  # a file object too, as read_csv's (revapi7)
        series_names(3, "id")
    assert str(e.value) == (
        "`path` must be a str, a Path or a file object (open(...), io.StringIO, io.BytesIO), "
        "got int."
    )

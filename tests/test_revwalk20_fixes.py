"""Fixes from a review of walk20 (the proj_size hint, a diverged model named at the first step)."""

import pytest
import torch

from lstmkit.nn import GRU, LSTM
from lstmkit.text import sentiment, seq2seq
from lstmkit.train import DivergedError

HINT = (
    "`proj_size` must be an integer, got str {!r}: the 8th positional argument is `proj_size`, "
    "as in torch.nn, and `{}` is keyword-only: {}(..., {})."
)


@pytest.mark.parametrize(
    ("layer", "given", "expected"),
    [
        # "float64" was told GRU(..., device='float64'), which torch refuses as a device
        (GRU, "float64", HINT.format("float64", "dtype", "GRU", "dtype=torch.float64")),
        # "fused" was told device='fused': it is the implementation, keyword-only as well
        (
            LSTM,
            "fused",
            HINT.format("fused", "implementation", "LSTM", "implementation='fused'"),
        ),
        (GRU, "cuda:0", HINT.format("cuda:0", "device", "GRU", "device='cuda:0'")),
        # text that is neither was told device='0'; now the plain message of the other sizes,
        # told the number it reads as (nn22), as they are
        (GRU, "0", "`proj_size` must be an integer, got '0' (a number, not text: 0)."),
        (GRU, "big", "`proj_size` must be an integer, got 'big' (a number, not text)."),
    ],
)
def test_a_text_in_proj_size_place_is_named_for_what_it_is(layer, given, expected) -> None:
    with pytest.raises(TypeError) as info:
        layer(1, 4, 1, True, True, 0.0, False, given)
    assert str(info.value) == expected


NAMED = (
    "training diverged: the training loss became nan at {}, before any training step, so no "
    "lower `lr` (now {}) would avoid it: the model's parameters hold NaN or infinite values "
    "(first: {}), as a diverged fit leaves them: make the model anew, or load finite weights."
)


def test_fit_seq2seq_names_a_model_left_diverged_not_the_learning_rate() -> None:
    # was "training diverged: the training loss became nan at epoch 1, step 1. Try a lower
    # learning rate than `lr`=0.003." for a model given with NaN weights (fit's fix, forgotten)
    torch.manual_seed(0)
    model = seq2seq.Seq2Seq(11, len(seq2seq.TARGET_TOKENS), 4, 6, num_layers=1)
    with torch.no_grad():
        model.decoder.weight_hh_l0[0, 0] = float("nan")
    pairs = [seq2seq.encode_number(n) for n in (3, 14, 15)]
    config = seq2seq.Seq2SeqConfig(
        max_digits=2, train_size=12, test_size=4, hidden_size=6, epochs=1, progress=False
    )
    with pytest.raises(DivergedError) as info:
        seq2seq.fit_seq2seq(model, pairs, config)
    assert str(info.value) == NAMED.format("epoch 1, step 1", 0.003, "decoder.weight_hh_l0")


def test_fit_classifier_names_a_model_left_diverged_not_the_learning_rate() -> None:
    torch.manual_seed(0)
    model = sentiment.TextClassifier(20, 4, 4, 2)
    with torch.no_grad():
        model.head.bias[1] = float("nan")
    train_set = ([[1, 2], [3, 4]], sentiment._label_mask([0, 1], 2))
    config = sentiment.SentimentConfig(batch_size=2, epochs=1, progress=False)
    with pytest.raises(DivergedError) as info:
        sentiment.fit_classifier(model, train_set, ([[1, 2]], [0]), config)
    assert str(info.value) == NAMED.format("step 1", 0.002, "head.bias")

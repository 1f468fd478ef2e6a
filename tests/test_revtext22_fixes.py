"""Review of text22: the same refusal said the same way by every route, and hints that do not
pick one of two equally likely words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit._checks import ConfigTypeError
from lstmkit.text import seq2seq
from lstmkit.text._configs import SentimentConfig
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import SentimentPredictor
from lstmkit.text.sst import load_sst
from lstmkit.text.vocab import Vocabulary, batches


def test_sentiment_config_refuses_a_choice_as_load_sst_and_text_classifier_do(
    tmp_path: Path,
) -> None:
    # SentimentConfig(task=5) said "must be one of (...), got 5." where load_sst(5, ...) says
    # that a str is wanted and what type came; a slip of a word had no hint
    with pytest.raises(TypeError) as info:
        SentimentConfig(task=5)  # type: ignore[arg-type]
    assert type(info.value) is ConfigTypeError
    assert str(info.value) == "`task` must be a str, one of ('sst2', 'sst5'), got int 5."
    with pytest.raises(TypeError) as same:
        load_sst(5, "train", tmp_path)  # type: ignore[arg-type]
    assert str(same.value) == str(info.value)
    with pytest.raises(ValueError) as slip:
        SentimentConfig(task="SST2")  # type: ignore[arg-type]
    assert str(slip.value) == (
        "`task` must be one of ('sst2', 'sst5'), got 'SST2' (did you mean 'sst2'?)."
    )
    with pytest.raises(TypeError) as readout:
        SentimentConfig(readout=5)  # type: ignore[arg-type]
    assert str(readout.value) == "`readout` must be a str, 'last', 'max' or 'mean', got int 5."
    with pytest.raises(ValueError) as slip:
        SentimentConfig(readout="Mean")  # type: ignore[arg-type]
    assert str(slip.value) == (
        "`readout` must be 'last', 'max' or 'mean', got 'Mean' (did you mean 'mean'?)."
    )
    with pytest.raises(TypeError):  # as the model it trains refuses it
        TextClassifier(10, 2, 2, 2, readout=5)  # type: ignore[arg-type]


def test_a_word_as_close_to_two_choices_is_asked_about_neither(tmp_path: Path) -> None:
    # 'sst3' was asked "(did you mean 'sst5'?)", as close to 'sst2'
    for call in (
        lambda: load_sst("sst3", "train", tmp_path),  # type: ignore[arg-type]
        lambda: SentimentConfig(task="sst3"),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value) == "`task` must be one of ('sst2', 'sst5'), got 'sst3'."
    with pytest.raises(ValueError) as one:  # one closest choice is still told
        load_sst("sst22", "train", tmp_path)  # type: ignore[arg-type]
    assert str(one.value) == (
        "`task` must be one of ('sst2', 'sst5'), got 'sst22' (did you mean 'sst2'?)."
    )


@pytest.mark.parametrize(
    ("batch_size", "kind", "message"),
    [
        ("2", TypeError, "`batch_size` must be an integer, got str '2'."),
        (True, TypeError, "`batch_size` must be an integer, got bool True."),
        (0, ValueError, "`batch_size` must be a positive integer, got 0."),
    ],
)
def test_the_predictor_refuses_a_batch_size_as_batches_does(batch_size, kind, message) -> None:
    # predict_proba(batch_size="2") said "got '2'." (True "got True."), where batches() and
    # length_batches, which it batches with, say "got str '2'."; one check, not two copies
    vocab = Vocabulary.build(["good film", "bad film"])
    predictor = SentimentPredictor(TextClassifier(len(vocab), 4, 3, 2), vocab, ("neg", "pos"))
    for call in (
        lambda: predictor.predict_proba(["good"], batch_size=batch_size),
        lambda: predictor.explain_many(["good"], batch_size=batch_size),
        lambda: next(iter(batches([[1]], [0], batch_size))),
    ):
        with pytest.raises(kind) as info:
            call()
        assert str(info.value) == message


@pytest.mark.parametrize("name", ["vocab_size", "embed_dim", "hidden_size", "padding_idx"])
def test_text_classifier_refuses_a_bool_size_for_its_type_as_the_config_does(name) -> None:
    # TextClassifier(embed_dim=True) was a plain ValueError, where text22 made readout=5 a
    # ConfigTypeError and SentimentConfig(embed_dim=True) is one
    sizes = {"vocab_size": 10, "embed_dim": 2, "hidden_size": 2, "num_classes": 2}
    with pytest.raises(TypeError) as info:
        TextClassifier(**(sizes | {name: np.True_}))  # type: ignore[arg-type]
    assert type(info.value) is ConfigTypeError and isinstance(info.value, ValueError)
    assert str(info.value).startswith(f"`{name}` must be ")
    assert str(info.value).endswith(", got np.True_.")
    with pytest.raises(TypeError) as config:
        SentimentConfig(embed_dim=True)
    assert type(config.value) is ConfigTypeError
    with pytest.raises(TypeError) as model:
        TextClassifier(10, True, 2, 2)
    assert (
        str(model.value)
        == str(config.value)
        == ("`embed_dim` must be a positive integer, got True.")
    )


def test_vocabulary_build_lists_both_counts_it_refuses() -> None:
    # min_freq=0 beside max_size=10**30 was told of max_size alone, then min_freq on the rerun
    with pytest.raises(ValueError) as info:
        Vocabulary.build(["a b"], min_freq=0, max_size=10**30)
    assert str(info.value) == (
        "`min_freq` must be a positive integer, got 0. `max_size` must be an integer of "
        "magnitude at most 2**63-1 (torch's int64), got 1e+30 (an int of 31 digits)."
    )
    with pytest.raises(ValueError) as info:
        Vocabulary.build(["a b"], min_freq=np.int64(0), max_size=-1)
    assert str(info.value) == (
        "`min_freq` must be a positive integer, got 0. `max_size` must be an integer >= 0 or "
        "None, got -1."
    )


def test_seq2seq_counts_refuse_a_bool_for_its_type_as_the_configs_do() -> None:
    # beam_decode(beam_size=True) was a plain ValueError in the words that
    # Seq2SeqConfig(beam_size=True) says as a ConfigTypeError
    torch.manual_seed(0)
    model = seq2seq.Seq2Seq(11, len(seq2seq.TARGET_TOKENS), embed_dim=2, hidden_size=2)
    for call, message in (
        (
            lambda: seq2seq.beam_decode(model, [3], beam_size=True),
            "`beam_size` must be a positive integer, got True.",
        ),
        (
            lambda: seq2seq.greedy_decode(model, [[3]], max_len=False),
            "`max_len` must be a positive integer, got False.",
        ),
        (
            lambda: seq2seq.normalize_number(12, max_digits=True),
            "`max_digits` must be an integer in 1..9, got True.",
        ),
    ):
        with pytest.raises(TypeError) as info:
            call()
        assert type(info.value) is ConfigTypeError and str(info.value) == message
    with pytest.raises(TypeError) as config:
        seq2seq.Seq2SeqConfig(beam_size=True)
    assert type(config.value) is ConfigTypeError
    with pytest.raises(ValueError) as value:  # a bad number stays a ValueError
        seq2seq.greedy_decode(model, [[3]], max_len=0)
    assert type(value.value) is ValueError

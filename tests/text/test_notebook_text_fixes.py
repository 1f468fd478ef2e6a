"""A trained text model's result and a predictor shown as a notebook cell's value: short."""

from __future__ import annotations

from lstmkit.text import CharLMConfig, SentimentConfig
from lstmkit.text.charlm import CharLM, CharLMResult, CharVocab
from lstmkit.text.classifier import ClassifierEnsemble, TextClassifier
from lstmkit.text.sentiment import SentimentPredictor, SentimentResult, TrainingExamples
from lstmkit.text.seq2seq import Seq2Seq, Seq2SeqConfig, Seq2SeqResult
from lstmkit.text.sst import SSTSplit
from lstmkit.text.vocab import Vocabulary


def test_charlm_result_repr_shows_the_model_by_size_and_the_history_by_length():
    # the dataclass's repr printed the module tree and every check of the history: a run of a
    # few minutes gave thousands of characters in a notebook cell
    history = [(step, 0.1 * step, 2.5 - 0.001 * step) for step in range(0, 2000, 10)]
    result = CharLMResult(
        model=CharLM(vocab_size=3, embed_dim=2, hidden_size=2, num_layers=1),
        vocab=CharVocab("abc"),
        config=CharLMConfig(),
        metrics={"best_val_loss": 2.25, "best_step": 1990, "history": history},
    )
    assert repr(result) == (
        f"CharLMResult(model=CharLM (63 parameters), vocab=CharVocab(size=3, chars='abc'), "
        f"config={CharLMConfig()!r}, metrics={{'best_val_loss': 2.25, 'best_step': 1990, "
        "'history': <list of 200>})"
    )


def test_sentiment_result_and_predictor_reprs_name_an_ensemble_by_its_members():
    members = [
        TextClassifier(vocab_size=4, embed_dim=2, hidden_size=2, num_classes=2) for _ in "abc"
    ]
    model = ClassifierEnsemble(members)
    vocab = Vocabulary(["good", "bad"])
    result = SentimentResult(
        model=model,
        vocab=vocab,
        config=SentimentConfig(),
        metrics={"test_accuracy": 0.5, "members": [{"history": [(1, 0.5)] * 40}]},
        label_names=("neg", "pos"),
    )
    assert repr(result) == (
        f"SentimentResult(model=ClassifierEnsemble (3 members, 342 parameters), vocab={vocab!r}, "
        f"config={SentimentConfig()!r}, metrics={{'test_accuracy': 0.5, 'members': "
        "<list of 1>}, label_names=('neg', 'pos'))"
    )
    assert repr(SentimentPredictor(members[0], vocab, ("neg", "pos"))) == (
        f"SentimentPredictor(model=TextClassifier (114 parameters), vocab={vocab!r}, "
        "labels=('neg', 'pos'))"
    )


def test_seq2seq_result_repr_is_one_line():
    model = Seq2Seq(source_vocab=3, target_vocab=3, embed_dim=2, hidden_size=2, num_layers=1)
    result = Seq2SeqResult(model=model, config=Seq2SeqConfig(), metrics={"accuracy": 1.0})
    assert repr(result) == (
        "Seq2SeqResult(model=Seq2Seq (117 parameters), "
        f"config={Seq2SeqConfig()!r}, metrics={{'accuracy': 1.0}})"
    )


def test_sst_split_and_training_examples_repr_their_counts_not_every_text():
    # the dataclass's repr printed every sentence: 97,566 characters for SST-2's dev split
    split = SSTSplit(
        texts=["a b", "c", "d e f", "g"] * 300, labels=[1, 0, 2, 0] * 300, num_classes=3
    )
    assert repr(split) == "SSTSplit(1,200 texts, num_classes=3, labels {0: 600, 1: 300, 2: 300})"
    examples = TrainingExamples(texts=["a", "b", "c"], classes=[0, 1, (0, 1)], counted=["a"])
    assert repr(examples) == "TrainingExamples(3 texts, 1 counted for the vocabulary, no supports)"
    polar = TrainingExamples(["a", "b"], [0, (0, 1)], supports=[(0,), (0, 1)], counted=["a", "b"])
    assert repr(polar) == "TrainingExamples(2 texts, 2 counted for the vocabulary, 2 supports)"

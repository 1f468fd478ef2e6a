"""README walk of "Sentiment (SST-2, SST-5) with a bidirectional LSTM" (sent37): the figures
it quotes of the data (vocabulary, unknown words, the phrases' overlap) and what training does
to the ``<unk>`` embedding, which it did not say."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from lstmkit.text import SentimentConfig, train_classifier
from lstmkit.text.sentiment import _new_member, training_examples
from lstmkit.text.sst import load_sst
from lstmkit.text.vocab import Vocabulary

README = Path(__file__).resolve().parents[2] / "README.md"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "text"
needs_sst = pytest.mark.skipif(not (SHARED / "sst").is_dir(), reason="shared data not available")

TEXTS = [
    f"the film was {word} {how}"
    for word in ("great", "lovely", "dull", "awful")
    for how in ("really", "quite", "so", "truly", "simply")
]
LABELS = ["pos"] * 10 + ["neg"] * 10


def _readme() -> str:
    return " ".join(README.read_text("utf-8").split())


@pytest.mark.parametrize(("word_dropout", "kept"), [(0.0, True), (0.5, False)])
def test_the_unk_row_keeps_its_initial_value_unless_word_dropout_trains_it(word_dropout, kept):
    # every training token is in the vocabulary (min_freq 1), so no training text holds <unk>:
    # its embedding is never updated and every unknown word reads as that one random vector
    config = SentimentConfig(
        embed_dim=4, hidden_size=3, batch_size=4, epochs=2, word_dropout=word_dropout,
        progress=False,
    )  # fmt: skip
    result = train_classifier(TEXTS, LABELS, config)
    initial = _new_member(config, (len(result.vocab), 2)).embedding.weight.detach()
    trained = result.model.embedding.weight.detach()
    assert torch.equal(trained[Vocabulary.unk_id], initial[Vocabulary.unk_id]) is kept
    assert not torch.equal(trained[2], initial[2])  # an ordinary word's row trained
    assert torch.equal(trained[Vocabulary.pad_id], torch.zeros(4))
    assert (
        "As every training token is in the vocabulary, no training text holds `<unk>`, so its row "
        "keeps its random initial value (the one-epoch SST-2 model's equals it exactly): every "
        "unknown word reads as that one untrained vector. `--word-dropout P` (`word_dropout`) "
        "replaces training tokens by `<unk>` with probability `P`, which trains it, and "
        "`--weight-decay` above 0 shrinks it toward zero at every step; the figures here and in "
        "the benchmark are of the defaults, 0."
    ) in _readme()


@needs_sst
@pytest.mark.parametrize(
    ("task", "size", "unknown"),
    [
        ("sst2", 14840, {"dev": (973, 17046, 512, 872), "test": (2076, 35023, 1079, 1821)}),
        ("sst5", 16589, {"dev": (1070, 21274, 597, 1101), "test": (2224, 42405, 1239, 2210)}),
    ],
)
def test_the_vocabulary_and_unknown_words_the_readme_quotes(task, size, unknown):
    vocab = Vocabulary.build(training_examples(SentimentConfig(task=task)).counted)
    assert len(vocab) == size
    for split, expected in unknown.items():
        ids = [vocab.encode(text) for text in load_sst(task, split).texts]
        unread = [sentence.count(Vocabulary.unk_id) for sentence in ids]
        assert (sum(unread), sum(map(len, ids)), sum(map(bool, unread)), len(ids)) == expected
    assert (
        "every token of the training sentences and phrases (`--min-freq 1`), 14,840 entries for "
        "SST-2 and 16,589 for SST-5 with `<pad>` and `<unk>`. A dev or test word outside it reads "
        "as `<unk>`: 973 of SST-2's 17,046 dev tokens (5.7 %, in 512 of the 872 sentences) and "
        "2,076 of its 35,023 test tokens (5.9 %); for SST-5 1,070 of 21,274 (5.0 %) and 2,224 of "
        "42,405 (5.2 %)."
    ) in _readme()


@needs_sst
def test_sst2_is_sst5_without_its_neutral_sentences_and_the_phrases_overlap():
    phrases = set(load_sst("sst2", "phrases").texts)
    for split in ("train", "dev", "test"):
        binary, fine = load_sst("sst2", split), load_sst("sst5", split)
        kept = [(t, int(y > 2)) for t, y in zip(fine.texts, fine.labels, strict=True) if y != 2]
        assert list(zip(binary.texts, binary.labels, strict=True)) == kept
    assert sum(t in phrases for t in load_sst("sst2", "train").texts) == 6874
    assert [t for t in load_sst("sst2", "dev").texts if t in phrases] == []
    assert [t for t in load_sst("sst2", "test").texts if t in phrases] == ["what 's next ?"]
    assert (
        "whose SST-2 sentences are SST-5's without its neutral ones, 0 and 1 negative, 3 and 4 "
        "positive)"
    ) in _readme()
    assert (
        "(GLUE's file, which holds most training sentences too, 6,874 of the 6,920 as read here, "
        "so those come twice an epoch; of dev and test it holds one sentence, the test's "
        "`what 's next ?`, which is a training sentence too, as is the test's `no. .`: SST-2's "
        "only test sentences seen in training; none of dev's)."
    ) in _readme()
    train = set(load_sst("sst2", "train").texts)
    assert [t for t in load_sst("sst2", "test").texts if t in train] == ["no. .", "what 's next ?"]
    assert [t for t in load_sst("sst2", "dev").texts if t in train] == []


def test_the_commands_figures_say_what_they_are():
    # "85.6 ± 0.5 (benchmark)" said neither the measure nor what the spread was over
    text = _readme()
    assert "a quicker one: dev 80.5 %, test 78.7 % (one thread, seed 0)" in text
    assert (
        "three seeds averaged, two at a time: test 85.6 % ± 0.5, mean ± std of 3 runs (benchmark)"
    ) in text
    assert "six, two at a time: 14 min, test 45.8 % ± 0.3, as above" in text


def test_the_python_block_says_the_default_budget_can_cut_it():
    # the block's run, the default minutes=15, stopped at step 341 of 1,161 on a busy machine
    # (0.742 0.731 printed for the comment's 0.805 0.787) with nothing in the README about it
    assert SentimentConfig().minutes == 15.0
    assert (
        "The default wall-clock budget (`minutes=15`, `--minutes`) cuts a slow machine's run "
        "short: with eight other jobs on the same two cores, this block's run stopped at step 341 "
        "of its 1,161 (dev 0.742, test 0.731), with the budget's warning on stderr; a larger "
        "`minutes` lets it finish, and so may one thread (`torch.set_num_threads(1)` before it; "
        "`--threads 1` on the command line), which the warning names where torch ran on more"
    ) in _readme()


def test_a_csv_runs_vocabulary_comes_from_its_training_rows_alone():
    config = SentimentConfig(embed_dim=4, hidden_size=3, batch_size=4, epochs=1, progress=False)
    dev = (["a splendid film", "a dreadful film"], ["pos", "neg"])
    test = (["a marvellous film", "a wretched film"], ["pos", "neg"])
    result = train_classifier(TEXTS, LABELS, config, dev=dev, test=test)
    assert len(result.vocab) == 2 + 3 + 4 + 5  # <pad> <unk>, the film was, 4 words, 5 words
    assert all(word not in result.vocab for word in ("a", "splendid", "marvellous", "wretched"))
    assert (
        "A text is read as `text predict` reads its input (the tokenisation above), and the "
        "vocabulary comes from the training rows alone, never dev or test, as SST's does."
    ) in _readme()


def test_text_predict_says_a_sentence_of_unknown_words_alone_is_read_as_unk(classifier_dir, capsys):
    # lstmkit explain said so; text predict printed a label and probabilities as the words'
    from lstmkit.cli import main
    from lstmkit.text import SentimentPredictor

    predictor = SentimentPredictor.load(classifier_dir)
    label, probs = predictor.predict("zzz qqq")
    assert main(["text", "predict", str(classifier_dir), "zzz qqq", "good zzz", "<unk>"]) == 0
    blocks = capsys.readouterr().out.split("\n\n")
    assert blocks[0].splitlines() == [
        "> zzz qqq",
        label,
        f"        negative: {probs['negative']:.3f}",
        f"        positive: {probs['positive']:.3f}",
        "not in the vocabulary (read as <unk>): zzz qqq",
        "every word is unknown: the model read <unk> 2 times, so the prediction is the "
        "unknown-word token's, not these words'",
    ]
    assert "every word" not in blocks[1]  # 'good' is a word of the vocabulary
    assert blocks[1].splitlines()[-1] == "not in the vocabulary (read as <unk>): zzz"
    assert blocks[2].splitlines()[-1] == (
        "every word is unknown: the model read <unk> 1 time, so the prediction is the "
        "unknown-word token's, not these words'"
    )
    assert main(["text", "predict", str(classifier_dir), "zzz", "--explain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[4] == (
        "every word is unknown: the model read <unk> 1 time, so the prediction and its relevance "
        "are the unknown-word token's, not these words'"
    )
    assert lines[5].startswith("LRP relevance for ")
    assert main(["text", "predict", str(classifier_dir), "zzz", "--json"]) == 0
    assert "every word" not in capsys.readouterr().out  # --json holds "tokens" and "unknown"
    assert (
        "a sentence of unknown words alone gets a line that says its prediction is the "
        'unknown-word token\'s (`text predict runs/sst2 "zzz qqq"`: `every word is unknown: the '
        "model read <unk> 2 times, so the prediction is the unknown-word token's, not these "
        "words'`, \"and its relevance are\" with `--explain`), as `lstmkit explain`'s does."
    ) in _readme()

"""Review of sent37 (revsent37): the "every word is unknown" line of ``text predict`` and
``lstmkit explain`` where the only tokens the model knows are punctuation, and README figures
of the SST section (what ``--weight-decay`` does to the ``<unk>`` row, SST-5's overlaps)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, train_classifier
from lstmkit.text.sentiment import _new_member
from lstmkit.text.sst import load_sst
from lstmkit.text.vocab import Vocabulary

README = Path(__file__).resolve().parents[2] / "README.md"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "text"
needs_sst = pytest.mark.skipif(not (SHARED / "sst").is_dir(), reason="shared data not available")


def _readme() -> str:
    return " ".join(README.read_text("utf-8").split())


@pytest.fixture(scope="module")
def punctuated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny classifier whose vocabulary holds punctuation: "." "," "!"."""
    from lstmkit.text import TextClassifier
    from lstmkit.text.sentiment import SentimentResult, save_classifier

    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film .", "a bad film , !"])
    model = TextClassifier(len(vocab), 6, 5, 2).eval()
    out = tmp_path_factory.mktemp("punct")
    save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), out)
    return out


def _said(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("every word")]


def test_text_predict_says_it_where_only_punctuation_is_known(punctuated, capsys):
    assert (
        "Punctuation the model knows does not count as a word there: `zzz , qqq !` (SST-2's "
        "one-epoch model says 'positive' 0.638) gets `every word is unknown: the model read <unk> "
        "2 times and punctuation alone (, !), so the prediction is the unknown-word token's and "
        "the punctuation's, not these words'`."
    ) in _readme()
    # "zzz , qqq !" read <unk> twice, a comma and "!": a label and probabilities with nothing
    # said, where "zzz qqq" got the line (SST-2's model: 'positive' 0.638)
    texts = ["zzz , qqq !", "zzz qqq .", "zzz qqq", "good zzz .", "zzz zzz , , zzz"]
    assert main(["text", "predict", str(punctuated), *texts, "--no-progress"]) == 0
    blocks = capsys.readouterr().out.split("\n\n")
    assert [_said(block) for block in blocks] == [
        [
            "every word is unknown: the model read <unk> 2 times and punctuation alone (, !), so "
            "the prediction is the unknown-word token's and the punctuation's, not these words'"
        ],
        [
            "every word is unknown: the model read <unk> 2 times and punctuation alone (.), so "
            "the prediction is the unknown-word token's and the punctuation's, not these words'"
        ],
        [
            "every word is unknown: the model read <unk> 2 times, so the prediction is the "
            "unknown-word token's, not these words'"
        ],
        [],  # "good" is a word of the vocabulary
        [
            "every word is unknown: the model read <unk> 3 times and punctuation alone (,), so "
            "the prediction is the unknown-word token's and the punctuation's, not these words'"
        ],
    ]
    # with --explain, and one per line of --file
    assert main(["text", "predict", str(punctuated), "zzz !", "--explain", "--no-progress"]) == 0
    assert _said(capsys.readouterr().out) == [
        "every word is unknown: the model read <unk> 1 time and punctuation alone (!), so the "
        "prediction and its relevance are the unknown-word token's and the punctuation's, not "
        "these words'"
    ]


def test_lstmkit_explain_says_the_same_words(punctuated, capsys, tmp_path):
    lines = tmp_path / "lines.txt"
    lines.write_text("zzz , qqq !\na good film .\n<unk> .\n", "utf-8")
    assert main(["explain", str(punctuated), "--file", str(lines), "--no-progress"]) == 0
    blocks = capsys.readouterr().out.split("\n\n")
    assert [_said(block) for block in blocks] == [
        [
            "every word is unknown: the model read <unk> 2 times and punctuation alone (, !), so "
            "the prediction and its relevance are the unknown-word token's and the punctuation's, "
            "not these words'"
        ],
        [],
        [
            "every word is unknown: the model read <unk> 1 time and punctuation alone (.), so the "
            "prediction and its relevance are the unknown-word token's and the punctuation's, not "
            "these words'"
        ],
    ]
    assert main(["text", "predict", str(punctuated), "--file", str(lines), "--explain"]) == 0
    assert [_said(block) for block in capsys.readouterr().out.split("\n\n")] == [
        _said(block) for block in blocks
    ]


def test_json_stays_as_it_was_its_tokens_and_unknown_tell_it(punctuated, capsys):
    # no field: "tokens" and "unknown" are there, and a script tells the case from them
    assert main(["text", "predict", str(punctuated), "zzz , qqq !", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert list(record) == ["text", "label", "probabilities", "tokens", "unknown"]
    assert (record["tokens"], record["unknown"]) == (["zzz", ",", "qqq", "!"], ["zzz", "qqq"])
    assert (
        "`--json` adds no field for it: its `tokens` and `unknown` tell it (every token is in "
        "`unknown` or has no letter, digit or emoji)."
    ) in _readme()


def test_weight_decay_moves_the_unk_row_too():
    # the README said <unk>'s row keeps its initial value unless --word-dropout trains it;
    # --weight-decay shrinks it at every step as well
    texts = [
        f"the film was {word} {how}"
        for word in ("great", "lovely", "dull", "awful")
        for how in ("really", "quite", "so", "truly", "simply")
    ]
    labels = ["pos"] * 10 + ["neg"] * 10
    for weight_decay, kept in ((0.0, True), (0.01, False)):
        config = SentimentConfig(
            embed_dim=4, hidden_size=3, batch_size=4, epochs=1, weight_decay=weight_decay,
            progress=False,
        )  # fmt: skip
        result = train_classifier(texts, labels, config)
        initial = _new_member(config, (len(result.vocab), 2)).embedding.weight.detach()
        trained = result.model.embedding.weight.detach()[Vocabulary.unk_id]
        assert torch.equal(trained, initial[Vocabulary.unk_id]) is kept
    assert (
        "`--word-dropout P` (`word_dropout`) replaces training tokens by `<unk>` with probability "
        "`P`, which trains it, and `--weight-decay` above 0 shrinks it toward zero at every step; "
        "the figures here and in the benchmark are of the defaults, 0."
    ) in _readme()


@needs_sst
def test_sst5s_dev_and_test_sentences_seen_in_training():
    train = set(load_sst("sst5", "train").texts)
    assert [t for t in load_sst("sst5", "dev").texts if t in train] == ["hey arnold !"] * 2
    assert [t for t in load_sst("sst5", "test").texts if t in train] == ["no. .", "what 's next ?"]
    assert (
        "SST-5's training sentences hold the same two test sentences and dev's `hey arnold !` "
        "(twice, neutral)."
    ) in _readme()

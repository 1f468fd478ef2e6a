"""Text leftovers: a dev/test label's positions, a capped list of unknown labels, "the 1 test
text", and one decoding limit for ``text spell`` and training's checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, train_classifier
from lstmkit.text.labelled import unknown_labels
from lstmkit.text.seq2seq import (
    TARGET_TOKENS,
    Seq2Seq,
    Seq2SeqConfig,
    Seq2SeqResult,
    save_seq2seq,
    spell,
)

TEXTS = [f"a fine film {k}" for k in range(5)] + [f"a dull film {k}" for k in range(5)]
LABELS = ["positive"] * 5 + ["negative"] * 5


def test_a_python_dev_label_no_class_has_is_named_with_its_positions() -> None:
    # from Python "'negatve' (did you mean 'negative'?)" named no position, while the CLI
    # names a file's rows: in a list of thousands the user searched for it
    dev_labels = ["positive", *["negatve"] * 7, "meh"]
    with pytest.raises(ValueError) as err:
        train_classifier(TEXTS, LABELS, dev=(["a film"] * 9, dev_labels))
    assert str(err.value) == (
        "`dev[1]` holds labels no training text has: 'meh' at position 8, 'negatve' (did you "
        "mean 'negative'?) at positions 1, 2, 3, 4, 5 and 2 more (the classes: 'negative', "
        "'positive'; positions are 0-based indices of `dev[1]`). "
        "Correct the names misspelt, leave those texts out of `dev`, or move them into "
        "`texts` and `labels` to learn those classes too (5 or more of each, as 10 % of "
        "each class goes to test)."  # revtext36: what to do
    )


def test_the_unknown_labels_listed_are_capped() -> None:
    # a wrong --label-col on a large dev file listed every distinct value with its rows
    unknown = [f"text {k:02}" for k in range(25)] + ["negatve"]
    said = unknown_labels(unknown, ["negative", "positive"], rows={"negatve": [4]})
    assert said == (
        "'negatve' (did you mean 'negative'?) in row 4, "
        + ", ".join(f"'text {k:02}'" for k in range(9))
        + " and 16 more labels"
    )
    assert unknown_labels([f"x{k:02}" for k in range(11)], ["a", "b"]).endswith(
        "'x09' and 1 more label"
    )


def test_one_test_text_is_said_in_the_singular() -> None:
    # "1 of the 1 test texts holds more than 1,000 tokens" / "1 of the 1 test texts (100 %)"
    config = SentimentConfig(embed_dim=2, hidden_size=2, epochs=1, progress=False)
    with pytest.warns(UserWarning) as caught:
        train_classifier(
            TEXTS,
            LABELS,
            config,
            dev=(TEXTS[:2], LABELS[:2]),
            test=([" ".join(["fine"] * 1001)], ["positive"]),
        )
    said = [str(w.message) for w in caught]
    assert any(s.startswith("the 1 test text holds more than 1,000 tokens (") for s in said), said
    with pytest.warns(UserWarning) as caught:
        train_classifier(
            TEXTS,
            LABELS,
            config,
            dev=(["a film", "so so"], LABELS[:2]),
            test=(TEXTS[:1], LABELS[:1]),
        )
    assert [str(w.message) for w in caught] == [
        "the 1 test text (100 %) is a training text too, token for token, so their scores "
        "partly measure memory, not generalisation. Remove repeated texts from the data "
        "(pandas: drop_duplicates on the text column) to score on unseen ones."
    ]


def test_spell_decodes_no_further_than_trainings_checks() -> None:
    # an untrained model that never ends printed 40 words ("five five five ..."), while
    # training's check stopped at 4 * max_digits + 2 tokens; it stops at 4 * digits + 2 of the
    # number's own digits, max_digits or not, as `text spell` does (revlm37)
    torch.manual_seed(0)
    model = Seq2Seq(source_vocab=11, target_vocab=len(TARGET_TOKENS), embed_dim=2, hidden_size=2)
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.fill_(-10.0)
        model.head.bias[TARGET_TOKENS.index("five")] = 10.0
    assert spell(model, "7", max_digits=2) == " ".join(["five"] * 6)
    assert spell(model, "7", beam_size=2, max_digits=2) == " ".join(["five"] * 6)
    assert spell(model, "75") == " ".join(["five"] * 10)  # the number's own digits
    assert spell(model, "7", max_len=3) == "five five five"


def test_text_spell_decodes_to_the_saved_models_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit text spell` of such a model printed 40 words; it stops at 4 * digits + 2 tokens
    # of the number's digits, as spell() does (it stopped at 10, the model's max_digits 2's)
    torch.manual_seed(0)
    model = Seq2Seq(source_vocab=11, target_vocab=len(TARGET_TOKENS), embed_dim=2, hidden_size=2)
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.fill_(-10.0)
        model.head.bias[TARGET_TOKENS.index("five")] = 10.0
    folder = save_seq2seq(
        Seq2SeqResult(model, Seq2SeqConfig(max_digits=2, train_size=20, test_size=5)),
        tmp_path / "m",
    )
    assert main(["text", "spell", str(folder), "7", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["words"] == " ".join(["five"] * 6)
    assert main(["text", "spell", str(folder), "75", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["words"] == " ".join(["five"] * 10)

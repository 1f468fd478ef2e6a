"""Vocabulary, SST readers, sentiment training (overfit) and the `lstmkit text` sentiment CLI."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import sentiment
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import (
    SentimentConfig,
    SentimentPredictor,
    drop_words,
    ema_decay,
    ema_update,
    set_loss,
    train_sentiment,
    training_examples,
)
from lstmkit.text.sst import find_text_data, load_sst, normalize
from lstmkit.text.vocab import Vocabulary, batches, pad_batch

SENTENCES = [
    (1, "a great and moving film"),
    (0, "a dull , lifeless mess"),
    (1, "funny , warm and wise"),
    (0, "boring and far too long"),
    (1, "one of the year 's best"),
    (0, "the worst film of the year"),
    (1, "a -lrb- rare -rrb- delight"),
    (0, "tedious , clumsy and stale"),
]


def _tiny_data(root: Path) -> Path:
    """A tiny SST folder: the same 8 sentences as train, dev and test."""
    sst = root / "sst"
    sst.mkdir(parents=True)
    lines = "".join(f"{y} {s}\n" for y, s in SENTENCES)
    fine = "".join(f"{4 * y} {s}\n" for y, s in SENTENCES)
    for split in ("train", "dev", "test"):
        (sst / f"stsa.binary.{split}").write_text(lines)
        (sst / f"stsa.fine.{split}").write_text(fine)
    (sst / "glue_sst2_train_phrases.tsv").write_text(
        "sentence\tlabel\ngreat \t1\ndull \t0\nwise \t1\n"
    )
    return root


def test_vocabulary_roundtrip_and_order(tmp_path: Path) -> None:
    vocab = Vocabulary.build(["a good film", "a bad film"])
    assert vocab.itos == ["<pad>", "<unk>", "a", "film", "bad", "good"]
    assert vocab.encode("a great film") == [2, 1, 3]
    assert vocab.decode([2, 5, 3, 0, 0]) == "a good film"
    vocab.save(tmp_path / "v.json")
    assert Vocabulary.load(tmp_path / "v.json").itos == vocab.itos
    assert len(Vocabulary.build(["a a b c"], min_freq=2)) == 3
    with pytest.raises(ValueError, match="unique"):
        Vocabulary(["x", "x"])


def test_vocabulary_repr_shows_its_size_special_and_first_tokens() -> None:
    texts = ["the film , the plot", "the film", "a plot twist of the film"]
    vocab = Vocabulary.build(texts)  # the 3, film 3, plot 2, then the rest alphabetically
    assert repr(vocab) == (
        "Vocabulary(size=9, special=['<pad>', '<unk>'], first=['the', 'film', 'plot', ',', "
        "'a', ...])"
    )
    assert repr(Vocabulary()) == "Vocabulary(size=2, special=['<pad>', '<unk>'], first=[])"
    long = Vocabulary(["supercalifragilisticexpialidocious", "it's"])
    assert repr(long) == (
        "Vocabulary(size=4, special=['<pad>', '<unk>'], first=['supercalifragilisti…', \"it's\"])"
    )
    assert len(repr(Vocabulary([f"token{k}" * 9 for k in range(10_000)]))) < 200


def test_vocabulary_refuses_a_str_where_texts_or_tokens_go(tmp_path: Path) -> None:
    # a str is iterable: its characters became the texts (or the tokens) without a word
    with pytest.raises(TypeError) as e:
        Vocabulary.build("a good film")
    assert str(e.value) == (
        "`texts` must be an iterable of texts, got one str 'a good film' (each of its "
        "characters would be a text; use [text])."
    )
    with pytest.raises(TypeError) as e:
        Vocabulary("film")
    assert str(e.value) == (
        "`tokens` must be an iterable of str tokens, got one str 'film' (its characters would "
        "become the tokens; use [token] or Vocabulary.build(texts))."
    )
    with pytest.raises(TypeError) as e:
        Vocabulary(["a", 1])  # type: ignore[list-item]
    assert str(e.value) == "`tokens` must hold str tokens, got int 1."  # save wrote, load refused
    with pytest.raises(TypeError) as e:
        Vocabulary.build(["a film", 7])  # type: ignore[list-item]
    assert str(e.value) == "`texts[1]` must be a str or a sequence of str tokens, got 7."
    with pytest.raises(TypeError) as e:
        Vocabulary.build(["a film"], min_freq="2")  # type: ignore[arg-type]
    assert str(e.value) == "`min_freq` must be an integer, got '2'."
    with pytest.raises(TypeError) as e:
        Vocabulary.build(["a film"], max_size=1.5)  # type: ignore[arg-type]
    assert str(e.value) == "`max_size` must be an integer or None, got 1.5."
    vocab = Vocabulary.build(["a good film", ["a", "café", "✓"]], max_size=np.int64(4))
    assert vocab.itos == ["<pad>", "<unk>", "a", "café", "film", "good"]
    # ids are no tokens: each read silently as <unk>
    with pytest.raises(TypeError) as e:
        vocab.encode([2, 3])  # type: ignore[list-item]
    assert (
        str(e.value) == "`text` must be a str or a sequence of str tokens, got int 2 at position 0."
    )
    assert vocab.encode(("a", "café", "✓")) == [2, 3, 1]
    vocab.save(tmp_path / "v.json")  # unicode round-trips as written, not escaped
    assert '"café"' in (tmp_path / "v.json").read_text(encoding="utf-8")
    assert Vocabulary.load(tmp_path / "v.json").itos == vocab.itos


def test_pad_batch_and_bucketed_batches() -> None:
    tokens, lengths = pad_batch([[5, 6, 7], [8]])
    assert tokens.tolist() == [[5, 6, 7], [8, 0, 0]]
    assert lengths.tolist() == [3, 1]
    seqs = [[1] * n for n in (5, 1, 3, 2, 4)]
    seen = []
    for tok, lens, y in batches(
        seqs,
        [0, 1, 2, 3, 4],
        2,
        shuffle=True,
        bucket=True,
        generator=torch.Generator().manual_seed(0),
    ):
        assert tok.shape == (len(y), int(lens.max()))
        assert lens.tolist() == [len(seqs[i]) for i in y.tolist()]
        seen += y.tolist()
    assert sorted(seen) == [0, 1, 2, 3, 4]


def test_set_loss_is_cross_entropy_for_one_class_and_marginal_otherwise() -> None:
    logits = torch.tensor([[1.0, 2.0, 0.5, -1.0, 0.0]])
    one = torch.tensor([[False, True, False, False, False]])
    torch.testing.assert_close(
        set_loss(logits, one), torch.nn.functional.cross_entropy(logits, torch.tensor([1]))
    )
    two = torch.tensor([[True, True, False, False, False]])
    p = torch.softmax(logits, -1)[0]
    torch.testing.assert_close(set_loss(logits, two), -torch.log(p[0] + p[1]))


def test_set_loss_ordinal_neighbours_by_hand() -> None:
    logits = torch.tensor(
        [[1.0, 2.0, 0.5, -1.0, 0.0], [1.0, 2.0, 0.5, -1.0, 0.0], [0.3, -0.2, 0.1, 0.0, 1.0]]
    )
    mask = torch.zeros(3, 5, dtype=torch.bool)
    mask[0, 2] = mask[1, 0] = mask[1, 1] = mask[2, 4] = True
    logp = torch.log_softmax(logits, -1)
    # middle label: 0.8 on it, 0.1 on each neighbour; a set keeps -log p(set);
    # edge label: the whole 0.2 goes to its one neighbour
    by_hand = (
        -(0.8 * logp[0, 2] + 0.1 * logp[0, 1] + 0.1 * logp[0, 3])
        - torch.logsumexp(logp[1, :2], 0)
        - (0.8 * logp[2, 4] + 0.2 * logp[2, 3])
    ) / 3
    torch.testing.assert_close(set_loss(logits, mask, neighbours=0.2), by_hand)
    assert abs(float(by_hand) - 1.160129) < 1e-5
    torch.testing.assert_close(set_loss(logits, mask, 0.0), set_loss(logits, mask))


def test_set_loss_support_conditions_on_the_support_by_hand() -> None:
    logits = torch.tensor([[1.0, 2.0, 0.5, -1.0, 0.0], [0.3, -0.2, 0.1, 0.0, 1.0]])
    mask = torch.tensor([[1, 1, 0, 0, 0], [0, 0, 0, 1, 1]], dtype=torch.bool)
    support = torch.tensor([[1, 1, 0, 1, 1], [1, 1, 1, 1, 1]], dtype=torch.bool)
    p = torch.softmax(logits, -1)
    # row 0: -log p({0,1} | not neutral); row 1 (full support): -log p({3,4})
    by_hand = (-torch.log((p[0, 0] + p[0, 1]) / (1 - p[0, 2])) - torch.log(p[1, 3] + p[1, 4])) / 2
    torch.testing.assert_close(set_loss(logits, mask, support=support), by_hand)
    assert abs(float(by_hand) - 0.379220) < 1e-5
    # the neutral logit does not move the conditional loss of row 0
    shifted = logits.clone()
    shifted[0, 2] += 3.0
    torch.testing.assert_close(
        set_loss(shifted[:1], mask[:1], support=support[:1]),
        set_loss(logits[:1], mask[:1], support=support[:1]),
    )


def test_drop_words_keeps_padding_and_rate() -> None:
    tokens = torch.tensor([[5, 6, 7, 0], [8, 9, 0, 0]])
    assert torch.equal(drop_words(tokens, 0.0), tokens)
    dropped = drop_words(tokens, 0.999999)
    assert dropped.tolist() == [[1, 1, 1, 0], [1, 1, 0, 0]]
    many = drop_words(torch.full((200, 50), 7), 0.25, torch.Generator().manual_seed(0))
    assert abs(float((many == 1).float().mean()) - 0.25) < 0.01


def _tiny_config(**fields: object) -> SentimentConfig:
    """SST-2 settings for the eight-sentence data of ``_tiny_data``."""
    base = {"task": "sst2", "dropout": 0.0, "lr": 0.02, "batch_size": 4, "evals_per_epoch": 1}
    return SentimentConfig(**{**base, "seed": 0, **fields})


def test_ema_update_and_warmup_by_hand() -> None:
    assert ema_decay(0.999, 1) == 2 / 11
    assert ema_decay(0.999, 90) == 91 / 100
    assert ema_decay(0.999, 100_000) == 0.999
    average = [torch.tensor([1.0, 2.0]), torch.tensor([[4.0]])]
    ema_update(average, [torch.tensor([3.0, -2.0]), torch.tensor([[0.0]])], decay=0.75)
    # 0.75 * old + 0.25 * new
    torch.testing.assert_close(average[0], torch.tensor([1.5, 1.0]))
    torch.testing.assert_close(average[1], torch.tensor([[3.0]]))


def test_training_with_ema_returns_the_averaged_weights(tmp_path: Path) -> None:
    data = _tiny_data(tmp_path)
    config = _tiny_config(embed_dim=8, hidden_size=8, epochs=2, ema=0.5, neighbours=0.1)
    result = train_sentiment(config, data)
    plain = train_sentiment(SentimentConfig(**{**config.__dict__, "ema": 0.0}), data)
    # same training trajectory, different returned weights
    assert not torch.equal(result.model.head.weight, plain.model.head.weight)


def test_sst_reader_normalizes_and_counts(tmp_path: Path) -> None:
    data = _tiny_data(tmp_path)
    split = load_sst("sst2", "train", data)
    assert len(split) == 8 and split.labels[:2] == [1, 0]
    assert split.texts[6] == "a ( rare ) delight"
    assert load_sst("sst2", "phrases", data).texts == ["great", "dull", "wise"]
    assert normalize("1\\/2 -lsb- x -rsb-") == "1/2 [ x ]"
    with pytest.raises(ValueError, match="phrases"):
        load_sst("sst5", "phrases", data)
    with pytest.raises(FileNotFoundError, match=r"`data_dir` \('.*nowhere'\) holds no text data"):
        find_text_data(tmp_path / "nowhere")


def test_lstmkit_data_pointing_nowhere_is_an_error_not_a_fallback(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LSTMKIT_DATA", str(tmp_path / "nope"))
    with pytest.raises(FileNotFoundError, match=r"LSTMKIT_DATA \('.*nope'\) holds no text data"):
        find_text_data()
    (tmp_path / "mine" / "sst").mkdir(parents=True)
    monkeypatch.setenv("LSTMKIT_DATA", str(tmp_path / "mine"))
    assert find_text_data() == tmp_path / "mine"


def test_real_sst_split_sizes() -> None:
    try:
        data = find_text_data()
    except FileNotFoundError:
        pytest.skip("shared data not available")
    sizes = {s: len(load_sst("sst5", s, data)) for s in ("train", "dev", "test")}
    assert sizes == {"train": 8544, "dev": 1101, "test": 2210}
    assert len(load_sst("sst2", "test", data)) == 1821


def test_training_overfits_eight_sentences(tmp_path: Path) -> None:
    data = _tiny_data(tmp_path)
    config = _tiny_config(embed_dim=16, hidden_size=16, epochs=25)
    result = train_sentiment(config, data)
    assert result.metrics["dev_accuracy"] == 1.0
    assert result.metrics["test_accuracy"] == 1.0
    assert result.metrics["train_examples"] == 11


def test_training_examples_sst5_phrases_neutral_words_and_supports(tmp_path: Path) -> None:
    data = _tiny_data(tmp_path)  # GLUE phrases: great (+), dull (-), wise (+)
    base = {"task": "sst5", "embed_dim": 8, "hidden_size": 8}
    plain = training_examples(SentimentConfig(**base, neutral_words=False), data)
    assert plain.texts[8:] == ["great", "dull", "wise"] and plain.supports is None
    assert plain.classes[:2] == [4, 0] and plain.classes[8:] == [(3, 4), (0, 1), (3, 4)]
    both = training_examples(SentimentConfig(**base, polar_phrases=True, oversample=2), data)
    words = sorted({w for _, s in SENTENCES for w in normalize(s).split()} - {"great", "dull"})
    words.remove("wise")
    assert both.texts[:16] == plain.texts[:8] * 2 and both.texts[16:19] == plain.texts[8:]
    assert both.texts[19:] == words and "(" in words and "delight" in words
    assert both.classes[19:] == [2] * len(words)
    everything = (0, 1, 2, 3, 4)
    assert both.supports == [everything] * 16 + [(0, 1, 3, 4)] * 3 + [everything] * len(words)
    # SST-2 takes the phrases' binary labels
    sst2 = training_examples(SentimentConfig(task="sst2"), data)
    assert sst2.classes[8:] == [1, 0, 1] and len(sst2.texts) == 11


def test_sst5_phrase_options_that_would_do_nothing_are_refused_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sst2 = "is an SST-5 option and does nothing for task 'sst2'; leave it out."
    with pytest.raises(ValueError) as e:
        SentimentConfig(task="sst2", polar_phrases=True, neutral_words=True)
    assert str(e.value) == f"`polar_phrases` {sst2} `neutral_words` {sst2}"
    alone = "does nothing without `phrases` (it concerns the phrase examples); leave it out or "
    with pytest.raises(ValueError) as e:
        SentimentConfig(task="sst5", phrases=False, neutral_words=True)
    assert str(e.value) == f"`neutral_words` {alone}turn `phrases` on."
    with pytest.raises(ValueError, match=r"^`polar_phrases` does nothing without `phrases`"):
        SentimentConfig(task="sst5", phrases=False, polar_phrases=True)
    # the default records what the run does; False is accepted everywhere
    assert SentimentConfig(task="sst5").neutral_words is True
    assert SentimentConfig(task="sst5", phrases=False).neutral_words is False
    assert SentimentConfig(task="sst2").neutral_words is False
    assert SentimentConfig(task="sst2", neutral_words=False).neutral_words is False
    out = tmp_path / "m"
    argv = ["text", "train", "sst2", "--out", str(out), "--polar-phrases", "--neutral-words"]
    assert main(argv) == 2
    assert capsys.readouterr().err == f"error: --polar-phrases {sst2} --neutral-words {sst2}\n"
    argv = ["text", "train", "sst5", "--out", str(out), "--no-phrases", "--neutral-words"]
    assert main(argv) == 2
    flags = alone.replace("`phrases`", "--phrases")
    assert capsys.readouterr().err == f"error: --neutral-words {flags}turn --phrases on.\n"
    assert not out.exists()
    # the default commands run and record what they used
    data = _tiny_data(tmp_path / "data")
    tiny = ["--data-dir", str(data), "--json", "--embed-dim", "4", "--hidden-size", "4"]
    for task, used in (("sst2", False), ("sst5", True)):
        argv = ["text", "train", task, "--out", str(tmp_path / task), *tiny, "--epochs", "1"]
        assert main(argv) == 0
        config = json.loads(capsys.readouterr().out)["config"]
        assert config["neutral_words"] is used and config["polar_phrases"] is False


def test_config_lists_all_problems() -> None:
    with pytest.raises(ValueError, match=r"`task`.*`dropout`.*`lr`"):
        SentimentConfig(task="sst3", dropout=1.5, lr=0)  # type: ignore[arg-type]


def test_cli_train_and_predict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _tiny_data(tmp_path / "data")
    out = tmp_path / "model"
    argv = [
        "text",
        "train",
        "sst5",
        "--out",
        str(out),
        "--data-dir",
        str(data),
        "--json",
        "--embed-dim",
        "8",
        "--hidden-size",
        "8",
        "--epochs",
        "2",
        "--seed",
        "3",
        "--ensemble",
        "2",
    ]
    assert main(argv) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["seed"] == 3 and payload["config"]["task"] == "sst5"
    assert [r["seed"] for r in payload["members"]] == [3, 4]
    confusion = payload["test"]["confusion"]  # rows: true class, columns: predicted
    assert len(confusion) == 5 and sum(map(sum, confusion)) == 8
    assert sum(confusion[c][c] for c in range(5)) / 8 == payload["test"]["accuracy"]
    assert 0.0 <= payload["dev"]["accuracy"] <= 1.0 and "accuracy" in payload["test"]
    assert sorted(p.name for p in out.iterdir()) == [
        "config.json",
        "metrics.json",
        "model.safetensors",
        "training.png",
        "vocab.json",
    ]
    assert (out / "training.png").read_bytes()[:4] == b"\x89PNG"
    for run in json.loads((out / "metrics.json").read_text())["members"]:
        # every dev check, the kept one the best: what training.png draws (of checks level on
        # accuracy, the first with the lowest dev loss: under torch 2.13 seed 4's two checks
        # score 0.0 each and its second is kept, 1.7699 against 1.7704 nats)
        steps, accuracies = zip(*run["history"], strict=True)
        assert steps[-1] == run["steps"] and list(steps) == sorted(set(steps))
        losses = run["dev_losses"]
        scores = [(a, -loss) for a, loss in zip(accuracies, losses, strict=True)]
        assert run["best_step"] == steps[scores.index(max(scores))]
        assert run["dev_accuracy"] == max(accuracies)
        assert run["dev_loss"] == losses[steps.index(run["best_step"])]
    assert main(["text", "predict", str(out), "A great film", "--json"]) == 0
    pred = json.loads(capsys.readouterr().out)
    assert pred["tokens"] == ["a", "great", "film"]
    assert abs(sum(pred["probabilities"].values()) - 1.0) < 1e-5
    # the CLI's probabilities are those of the loaded model
    loaded = SentimentPredictor.load(out)
    probs = loaded.predict_proba(["a great film"])[0]
    assert pred["probabilities"]["very positive"] == pytest.approx(float(probs[4]), abs=1e-6)
    # --explain adds per-token LRP relevance for the predicted class
    assert main(["text", "predict", str(out), "a great zzz", "--json", "--explain"]) == 0
    rel = json.loads(capsys.readouterr().out)["relevance"]
    assert [tok for tok, _ in rel] == ["a", "great", "zzz"]
    assert all(isinstance(r, float) for _, r in rel) and any(r != 0 for _, r in rel)


def test_explain_equals_direct_lrp(tmp_path: Path) -> None:
    """The predictor's token relevances are those of a direct lrp call on the same ids."""
    from lstmkit.explain import lrp
    from lstmkit.text.sentiment import save_classifier

    data = _tiny_data(tmp_path / "data")
    config = SentimentConfig(embed_dim=8, hidden_size=8, epochs=1, batch_size=4)
    save_classifier(train_sentiment(config, data), tmp_path / "m")
    predictor = SentimentPredictor.load(tmp_path / "m")
    tokens, lengths = predictor.encode("a dull film")
    direct = lrp(predictor.model, tokens, lengths=lengths).relevance[0].tolist()
    assert [r for _, r in predictor.explain("a dull film")] == pytest.approx(direct)


def test_ensemble_predictions_in_one_pass_match_each_model_run_alone() -> None:
    from lstmkit.text.classifier import ClassifierEnsemble, TextClassifier
    from lstmkit.text.sentiment import _ensemble_predictions, confusion_matrix

    gen = torch.Generator().manual_seed(0)
    ids = [torch.randint(1, 30, (int(n),), generator=gen).tolist() for n in range(1, 41)]
    ids[7] = []  # an empty sentence gets one <unk>, as everywhere
    labels = torch.randint(0, 3, (40,), generator=gen).tolist()
    members = []
    for seed in range(3):
        torch.manual_seed(seed)
        members.append(TextClassifier(30, 6, 5, 3).eval())
    ensemble = ClassifierEnsemble(members).eval()
    y, pred, each = _ensemble_predictions(ensemble, ids, labels, batch_size=16)
    assert each.shape == (3, 40) and sorted(y.tolist()) == sorted(labels)

    def counts(predicted: torch.Tensor) -> torch.Tensor:
        c = torch.zeros(3, 3, dtype=torch.long)
        c.index_put_((y, predicted), torch.ones_like(y), accumulate=True)
        return c

    assert torch.equal(counts(pred), confusion_matrix(ensemble, ids, labels, 3, batch_size=16))
    alone = [confusion_matrix(m, ids, labels, 3, batch_size=16) for m in members]
    assert all(torch.equal(counts(p), c) for p, c in zip(each, alone, strict=True))
    assert not torch.equal(alone[0], alone[1])  # the members differ, so the check has teeth


def test_ensemble_trains_members_from_consecutive_seeds_and_round_trips(tmp_path: Path) -> None:
    from lstmkit.text.classifier import ClassifierEnsemble
    from lstmkit.text.sentiment import evaluate, save_classifier

    data = _tiny_data(tmp_path / "data")
    config = _tiny_config(embed_dim=8, hidden_size=8, epochs=2, ensemble=2, seed=5)
    result = train_sentiment(config, data)
    assert isinstance(result.model, ClassifierEnsemble)
    runs = result.metrics["members"]
    assert [r["seed"] for r in runs] == [5, 6] and result.metrics["best_step"] is None
    # each member is what a single run with its seed trains
    for member, seed in zip(result.model.members, (5, 6), strict=True):
        alone = train_sentiment(_tiny_config(embed_dim=8, hidden_size=8, epochs=2, seed=seed), data)
        mine, theirs = member.state_dict(), alone.model.state_dict()
        assert all(torch.equal(mine[k], theirs[k]) for k in theirs)
    test = load_sst("sst2", "test", data)
    ids = [result.vocab.encode(t) for t in test.texts]
    assert result.metrics["test_accuracy"] == evaluate(result.model, ids, test.labels)
    # the confusion matrix counts (true, predicted) pairs of the same predictions
    tokens, lengths = pad_batch(ids)
    with torch.no_grad():
        pred = result.model.eval()(tokens, lengths).argmax(-1).tolist()
    expected = [[0, 0], [0, 0]]
    for y, p in zip(test.labels, pred, strict=True):
        expected[y][p] += 1
    assert result.metrics["test_confusion"] == expected
    assert sum(expected[c][c] for c in range(2)) / 8 == result.metrics["test_accuracy"]
    own = [evaluate(m, ids, test.labels) for m in result.model.members]
    assert [r["test_accuracy"] for r in runs] == own
    save_classifier(result, tmp_path / "m")
    predictor = SentimentPredictor.load(tmp_path / "m")
    assert isinstance(predictor.model, ClassifierEnsemble)
    tokens, lengths = predictor.encode("a dull film")
    with torch.no_grad():
        expected = torch.softmax(result.model.eval()(tokens, lengths), -1)
    torch.testing.assert_close(predictor.predict_proba(["a dull film"]), expected)
    assert len(predictor.explain("a dull film")) == 3
    with pytest.raises(ValueError, match="`ensemble` must be a positive"):
        _tiny_config(ensemble=0)
    with pytest.raises(ValueError, match="`progress` must be True, False or None, got 'yes'") as e:
        _tiny_config(progress="yes", ema=1.5)
    assert str(e.value).count(
        "`progress`"
    ) == 1 and "`ema` must be a number in [0, 1), got 1.5." in str(e.value)
    assert SentimentConfig().progress is None  # a bar when stderr is a terminal


def test_cli_bad_input_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "model"
    assert main(["text", "train", "sst2", "--out", str(out), "--lr", "-1"]) == 2
    assert capsys.readouterr().err == "error: --lr must be a positive finite number, got -1.\n"
    assert not out.exists()
    assert main(["text", "predict", str(tmp_path), "hi"]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(tmp_path)!r} is not a saved lstmkit classifier model: missing "
        "config.json, model.safetensors, vocab.json (in it and in its model/ subfolder).\n"
    )


def test_budget_stops_with_a_last_dev_check_inside_it(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = {"t": 0.0}

    class FakeTime:  # every reading of the clock takes one second
        @staticmethod
        def perf_counter() -> float:
            clock["t"] += 1.0
            return clock["t"]

    def slow_dev_scores(*args: object, **kwargs: object) -> tuple[float, float]:
        clock["t"] += 10.0  # and a dev check ten
        return 0.5, 0.75

    monkeypatch.setattr(sentiment, "time", FakeTime)
    monkeypatch.setattr(sentiment, "_dev_scores", slow_dev_scores)
    torch.manual_seed(0)
    model = TextClassifier(20, 4, 4, 2, dropout=0.0)
    sequences = [[1 + i % 19, 2] for i in range(40)]
    mask = sentiment._label_mask([i % 2 for i in range(40)], 2)
    config = _tiny_config(epochs=10, minutes=0.75)  # 10 steps and one dev check per epoch; 45 s
    out = sentiment.fit_classifier(model, (sequences, mask), ([[1, 2]], [0]), config)
    # The checks end at 22 s (step 10) and 44 s (step 20). One more step and check would end past
    # 45 s, so training stops at step 20, inside the budget.
    assert out["steps"] == 20
    assert [step for step, _ in out["history"]] == [10, 20]
    assert out["seconds"] <= 45


@pytest.mark.parametrize(("trained", "evaluated"), [(0.96, 0.01), (0.96, 0.08)])
def test_eval_seconds_count_from_the_end_of_training(
    trained: float, evaluated: float, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # eval_seconds was taken after the rounded train_seconds: 0.96 s of training read 1.0, so
    # 0.01 s of evaluation read -0.0 and 0.08 s read 0.0
    clock = {"t": 0.0, "step": 0.0}

    class FakeTime:
        time = staticmethod(time.time)

        @staticmethod
        def perf_counter() -> float:
            clock["t"] += clock["step"]
            return clock["t"]

    train_members = sentiment._train_members

    def timed_members(*args: object) -> object:
        out = train_members(*args)
        clock["t"], clock["step"] = trained - evaluated, evaluated  # next reading: `trained`
        return out

    monkeypatch.setattr(sentiment, "time", FakeTime)
    monkeypatch.setattr(sentiment, "_train_members", timed_members)
    metrics = train_sentiment(_tiny_config(epochs=1), _tiny_data(tmp_path)).metrics
    assert metrics["train_seconds"] == 1.0
    assert str(metrics["eval_seconds"]) == str(round(evaluated, 1))  # "0.0", not "-0.0"


def test_parallel_members_are_named_for_a_worker_that_dies(monkeypatch, tmp_path) -> None:
    # a dead worker's BrokenProcessPool names the members the workers had (see _pool)
    names = []

    def in_this_process(fn, calls, jobs, on_done=None, name=None):
        names.extend(name(k) for k in range(len(calls)))
        raise KeyboardInterrupt  # the names are all this test needs

    monkeypatch.setattr(sentiment, "run_in_processes", in_this_process)
    with pytest.raises(KeyboardInterrupt):
        train_sentiment(_tiny_config(epochs=1, ensemble=3, seed=2, jobs=2), _tiny_data(tmp_path))
    assert names == ["member 1 of 3 (seed 2)", "member 2 of 3 (seed 3)", "member 3 of 3 (seed 4)"]


def test_parallel_members_equal_sequential_ones(tmp_path: Path) -> None:
    data = _tiny_data(tmp_path / "data")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # the workers train on one thread each
    try:
        config = _tiny_config(embed_dim=8, hidden_size=8, epochs=2, ensemble=3, seed=2)
        one = train_sentiment(config, data)
    finally:
        torch.set_num_threads(threads)
    two = train_sentiment(replace(config, jobs=2), data)
    assert [r["seed"] for r in two.metrics["members"]] == [2, 3, 4]
    for mine, theirs in zip(two.model.members, one.model.members, strict=True):
        a, b = mine.state_dict(), theirs.state_dict()
        assert all(torch.equal(a[k], b[k]) for k in b)
    for key in ("dev_accuracy", "test_accuracy", "test_confusion"):
        assert two.metrics[key] == one.metrics[key]
    assert not two.model.training
    with pytest.raises(ValueError, match="`jobs` must be a positive"):
        _tiny_config(jobs=0)


@pytest.mark.parametrize("tty", [True, False])
def test_cli_progress_bar_defaults_to_the_terminal(
    tty: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse
    import sys

    from lstmkit.cli.text import _add_config_flags, _config_from_args

    parser = argparse.ArgumentParser()
    _add_config_flags(parser, SentimentConfig, skip=("task",))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    assert _config_from_args(SentimentConfig, parser.parse_args([])).progress is tty
    for flag, value in (("--progress", True), ("--no-progress", False)):
        assert _config_from_args(SentimentConfig, parser.parse_args([flag])).progress is value


def test_ctrl_c_stops_parallel_members_at_once_and_writes_nothing(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    data = _tiny_data(tmp_path / "data")
    # Two commands at once, each in a new process group: a terminal's Ctrl-C signals the
    # command and its workers together; a notebook's interrupt reaches only the parent.
    runs = {}
    for group in (True, False):
        out = tmp_path / f"model-{group}"
        command = [sys.executable, "-m", "lstmkit.cli", "text", "train", "sst5", "--out", str(out)]
        command += ["--data-dir", str(data), "--embed-dim", "8", "--hidden-size", "8"]
        command += ["--epochs", "100000", "--ensemble", "3", "--jobs", "2", "--no-progress"]
        proc = subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True)
        runs[group] = (proc, out)
    try:
        # Once a command's worker exists (--jobs 2: the command trains one member itself, the
        # worker another), it is in its pool, with its Ctrl-C handling in place (a signal during
        # the interpreter's start-up would be a traceback); a few seconds more and both train
        # (each member would run for minutes).
        deadline = time.perf_counter() + 120  # a loaded machine starts them slowly
        if not Path("/proc/self/stat").exists():  # no /proc to see them in: a fixed wait
            time.sleep(8)
        while not all(_spawned_workers(proc.pid) >= 1 for proc, _ in runs.values()):
            assert time.perf_counter() < deadline, "the workers did not start"
            assert all(proc.poll() is None for proc, _ in runs.values())
            time.sleep(0.2)
        time.sleep(3)
        start = time.perf_counter()
        for group, (proc, _) in runs.items():
            (os.killpg if group else os.kill)(proc.pid, signal.SIGINT)
        errs = {group: proc.communicate(timeout=90)[1] for group, (proc, _) in runs.items()}
    finally:
        for proc, _ in runs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
    assert time.perf_counter() - start < 60  # the members would train for minutes more
    for group, (proc, out) in runs.items():
        assert proc.returncode == 130, (group, errs[group].decode())
        assert errs[group].decode().strip().endswith("interrupted")
        assert not out.exists()


def _spawned_workers(pid: int) -> int:
    """How many multiprocessing workers process ``pid`` has started, read from /proc (Linux);
    1 where there is no /proc."""
    if not Path("/proc/self/stat").exists():
        return 1
    count = 0
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:  # not a process, or it ended meanwhile
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])  # the field after the state
        count += parent == pid and b"spawn_main" in cmdline
    return count


def test_every_text_config_reports_a_bad_progress_once() -> None:
    from lstmkit.text import CharLMConfig, Seq2SeqConfig

    for cls in (SentimentConfig, CharLMConfig, Seq2SeqConfig):
        with pytest.raises(ValueError) as e:
            cls(progress=2, lr=-1)
        assert (
            str(e.value) == "`progress` must be True, False or None, got 2. "
            "`lr` must be a positive finite number, got -1."
        )
        assert cls().progress is None


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Hello, World! It's great.", ["hello", ",", "world", "!", "it", "'s", "great", "."]),
        ("don't, can't, won't", ["do", "n't", ",", "ca", "n't", ",", "wo", "n't"]),
        (
            "we're i've you'll he'd i'm",
            ["we", "'re", "i", "'ve", "you", "'ll", "he", "'d", "i", "'m"],
        ),
        (
            '(sic) "great" film; really?!',
            ["(", "sic", ")", "``", "great", "''", "film", ";", "really", "?!"],
        ),
        (
            "the u.s. and mr. smith's no. 1 film.",
            ["the", "u.s.", "and", "mr.", "smith", "'s", "no.", "1", "film", "."],
        ),
        ("I said no.", ["i", "said", "no", "."]),
        (
            "wow...really--yes: 2,500 at 1.8",
            ["wow", "...", "really", "--", "yes", ":", "2,500", "at", "1.8"],
        ),
        ("it’s “fine” — ok…", ["it", "'s", "``", "fine", "''", "--", "ok", "..."]),
        (
            "the dogs' ol' rock 'n' roll '70s",
            ["the", "dogs", "'", "ol'", "rock", "'n'", "roll", "'70s"],
        ),
        ("i cannot.", ["i", "can", "not", "."]),
    ],
)
def test_ptb_tokenize(text: str, tokens: list[str]) -> None:
    from lstmkit.text.sst import ptb_tokenize

    assert ptb_tokenize(normalize(text.lower())) == tokens


def test_ptb_tokenize_leaves_every_sst_sentence_and_phrase_unchanged() -> None:
    """Training and evaluation read the files split on whitespace; the predictor's tokenizer
    must give the same tokens for all of them, or its numbers would differ from the tests'."""
    from lstmkit.text.sst import ptb_tokenize

    try:
        data = find_text_data()
    except FileNotFoundError:
        pytest.skip("shared data not available")
    texts = [
        t
        for task in ("sst2", "sst5")
        for s in ("train", "dev", "test")
        for t in load_sst(task, s, data).texts
    ]
    texts += load_sst("sst2", "phrases", data).texts
    assert len(texts) == 88_817
    # each distinct text once (71,954: SST-2's sentences are SST-5's, many phrases sentences)
    changed = [t for t in dict.fromkeys(texts) if ptb_tokenize(normalize(t.lower())) != t.split()]
    assert changed == []
    # the predictor sees them the same way
    predictor = SentimentPredictor(TextClassifier(3, 2, 2, 2), Vocabulary(["a"]), ("n", "p"))
    assert all(predictor.tokens(t) == t.split() for t in texts[::50])


def test_cli_predict_tokenizes_raw_english_and_names_unknown_tokens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.text.sentiment import save_classifier

    data = _tiny_data(tmp_path / "data")
    save_classifier(train_sentiment(_tiny_config(embed_dim=4, hidden_size=4), data), tmp_path / "m")
    text = "It's a great, moving film."
    assert main(["text", "predict", str(tmp_path / "m"), text, "--json", "--explain"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["tokens"] == ["it", "'s", "a", "great", ",", "moving", "film", "."]
    assert payload["unknown"] == ["it", "."]
    assert [t for t, _ in payload["relevance"]] == payload["tokens"]
    assert main(["text", "predict", str(tmp_path / "m"), text]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "not in the vocabulary (read as <unk>): it ."
    assert main(["text", "predict", str(tmp_path / "m"), "a great film", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unknown"] == []
    predictor = SentimentPredictor.load(tmp_path / "m")
    assert predictor.unknown("Zzz zzz, it. IT") == ["zzz", "it", "."]
    # typed special tokens are unknown words, never the padding id
    assert main(["text", "predict", str(tmp_path / "m"), "<pad> <unk> great", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["tokens"] == ["<pad>", "<unk>", "great"]
    assert payload["unknown"] == ["<pad>", "<unk>"]
    # the sentences may follow flags (argparse alone left them "unrecognized arguments")
    model = str(tmp_path / "m")
    argv = ["text", "predict", model, "--json", "a great film", "--explain", "a dull one"]
    assert main(argv) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in records] == ["a great film", "a dull one"]
    assert all("relevance" in r for r in records)
    with pytest.raises(SystemExit) as exit_:
        main(["text", "predict", model, "--json", "--bogus", "a great film"])
    assert exit_.value.code == 2
    assert "unrecognized arguments: --bogus a great film" in capsys.readouterr().err
    a, film = predictor.vocab.stoi["a"], predictor.vocab.stoi["film"]
    assert predictor.encode("a <pad> film")[0].tolist() == [[a, Vocabulary.unk_id, film]]
    assert torch.equal(
        predictor.predict_proba(["a <pad> film"]), predictor.predict_proba(["a zzz film"])
    )
    assert Vocabulary(["a"]).encode(["<pad>", "a", "<unk>"]) == [1, 2, 1]


def _saved_classifier(tmp_path: Path) -> tuple[Path, SentimentPredictor]:
    """A classifier trained on the eight sentences of ``_tiny_data``, saved, and loaded."""
    from lstmkit.text.sentiment import save_classifier

    data = _tiny_data(tmp_path / "data")
    result = train_sentiment(_tiny_config(embed_dim=8, hidden_size=8, epochs=3), data)
    save_classifier(result, tmp_path / "m")
    return tmp_path / "m", SentimentPredictor.load(tmp_path / "m")


def test_cli_predict_takes_several_sentences_or_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, predictor = _saved_classifier(tmp_path)
    texts = ["a great and moving film", "It's tedious, clumsy and stale.", "zzz"]
    texts.insert(1, "a dull , lifeless mess")
    alone = [predictor.predict(t) for t in texts]
    assert len({label for label, _ in alone}) == 2  # both labels occur: the order is checked
    assert main(["text", "predict", str(folder), *texts, "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["text"] for r in rows] == texts
    assert [r["label"] for r in rows] == [label for label, _ in alone]
    for row, (_, probs) in zip(rows, alone, strict=True):
        assert row["probabilities"] == pytest.approx(probs, abs=1e-6)
    assert rows[2]["tokens"] == ["it", "'s", "tedious", ",", "clumsy", "and", "stale", "."]
    assert rows[2]["unknown"] == ["it", "."] and rows[3]["unknown"] == ["zzz"]
    assert all("line" not in r for r in rows)
    # a file, one sentence per line, blank lines skipped; the same predictions, with line numbers
    file = tmp_path / "sentences.txt"
    file.write_text(f"{texts[0]}\n\n{texts[1]}\n{texts[2]}\n   \n{texts[3]}", encoding="utf-8")
    assert main(["text", "predict", str(folder), "--file", str(file), "--json"]) == 0
    from_file = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.pop("line") for r in from_file] == [1, 3, 4, 6]
    assert from_file == rows
    monkeypatch.setattr("sys.stdin", io.StringIO(file.read_text(encoding="utf-8")))
    assert main(["text", "predict", str(folder), "--file", "-", "--json"]) == 0
    assert [json.loads(line)["label"] for line in capsys.readouterr().out.splitlines()] == [
        r["label"] for r in rows
    ]
    # text: each sentence's block headed by the sentence, a blank line between blocks
    assert main(["text", "predict", str(folder), texts[0], texts[3], "--explain"]) == 0
    blocks = capsys.readouterr().out.rstrip("\n").split("\n\n")
    assert len(blocks) == 2
    first = blocks[0].splitlines()
    assert first[:2] == [f"> {texts[0]}", alone[0][0]]
    assert first[2] == f"        negative: {alone[0][1]['negative']:.3f}"
    # header, label, 2 classes, LRP title, 5 tokens, their sum (fin28)
    assert len(first) == 2 + 2 + 1 + 5 + 1
    assert first[-1].startswith("relevance in all: tokens ")
    assert blocks[1].splitlines()[:2] == ["> zzz", alone[3][0]]
    assert blocks[1].splitlines()[4] == "not in the vocabulary (read as <unk>): zzz"
    # one sentence prints as it always did: no header
    assert main(["text", "predict", str(folder), texts[0]]) == 0
    assert capsys.readouterr().out.splitlines()[0] == alone[0][0]


def test_cli_predict_refuses_unclear_sentence_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = _saved_classifier(tmp_path)
    blank, latin1 = tmp_path / "blank.txt", tmp_path / "latin1.txt"
    blank.write_text("\n  \n\t\n", encoding="utf-8")
    latin1.write_bytes("a caf\xe9 film\n".encode("latin-1"))
    cases = {
        (): "give a sentence to classify: one or more as arguments, or --file FILE with one per "
        "line (--file - reads them from standard input, as piped in).",
        ("a film", "--file", str(blank)): "give the sentences as arguments or with --file, not "
        f"both (got 1 argument and --file {str(blank)!r}).",
        ("--file", str(tmp_path / "nowhere.txt")): "--file "
        f"{str(tmp_path / 'nowhere.txt')!r} not found.",
        ("--file", str(blank)): (
            f"--file {str(blank)!r} holds no sentence (every line is blank); expected one "
            "sentence per line."
        ),
        ("--file", str(latin1)): f"--file {str(latin1)!r} must be UTF-8 text, got byte 0xe9 on "
        "line 1 (byte 6 of the line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save "
        f"the file as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 '{latin1}' > "
        f"'{latin1.with_name('latin1-utf8.txt')}'`, then pass --file "
        f"'{latin1.with_name('latin1-utf8.txt')}'.",  # the command (sent39)
        ("a film", "", " "): "sentence 2 (argument text) must contain at least one token, got "
        "''. sentence 3 (argument text) must contain at least one token, got ' '.",
        ("",): "the sentence (argument text) must contain at least one token, got ''.",
    }
    for argv, message in cases.items():
        assert main(["text", "predict", str(folder), *argv]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"


def test_min_freq_that_empties_the_vocabulary_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _tiny_data(tmp_path / "data")
    # "and" occurs 4 times in the 8 sentences and 3 phrases, nothing else as often
    with pytest.raises(ValueError) as e:
        train_sentiment(_tiny_config(min_freq=5), data)
    assert str(e.value) == (
        "`min_freq`=5 leaves no word in the vocabulary: the most frequent training token occurs "
        "4 times, so `min_freq` must be at most 4."
    )
    result = train_sentiment(_tiny_config(min_freq=4, embed_dim=4, hidden_size=4, epochs=1), data)
    assert result.vocab.itos == ["<pad>", "<unk>", "and"]
    out = tmp_path / "m"
    argv = ["text", "train", "sst2", "--data-dir", str(data), "--out", str(out)]
    assert main([*argv, "--min-freq", "1000000"]) == 2
    assert capsys.readouterr().err == (
        "error: --min-freq=1000000 leaves no word in the vocabulary: the most frequent training "
        "token occurs 4 times, so --min-freq must be at most 4.\n"
    )
    assert not out.exists()


def test_a_dev_check_follows_the_last_step(monkeypatch: pytest.MonkeyPatch) -> None:
    from lstmkit.text.sentiment import _label_mask, fit_classifier

    torch.manual_seed(0)
    model = TextClassifier(5, 4, 4, 2)
    train = ([[2, 3], [4], [3, 4, 2]] * 3 + [[2], [3]], _label_mask([0, 1, 0] * 3 + [1, 0], 2))
    dev = ([[2, 3], [4]], [0, 1])
    # 11 steps per epoch: a check every 11 // 2 = 5 steps, and one after the last (22)
    config = _tiny_config(batch_size=1, evals_per_epoch=2, epochs=2)
    fit = fit_classifier(model, train, dev, config)
    assert [step for step, _ in fit["history"]] == [5, 10, 15, 20, 22]
    assert fit["steps"] == 22


def test_oversample_does_not_change_what_min_freq_keeps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _tiny_data(tmp_path)
    tiny = {"phrases": False, "min_freq": 2, "embed_dim": 4, "hidden_size": 4, "epochs": 1}
    once = train_sentiment(_tiny_config(**tiny), data)
    # these occur 4, 3, 3, 3, 2, 2, 2 times in the eight sentences; the others once
    words = ["<pad>", "<unk>", "and", ",", "a", "the", "film", "of", "year"]
    assert once.vocab.itos == words
    twice = train_sentiment(_tiny_config(**tiny, oversample=2), data)
    assert twice.vocab.itos == words and twice.metrics["train_examples"] == 16
    # the limit in the message counts each sentence once too
    argv = ["text", "train", "sst2", "--data-dir", str(data), "--out", str(tmp_path / "m")]
    assert main([*argv, "--no-phrases", "--oversample", "3", "--min-freq", "5"]) == 2
    assert capsys.readouterr().err == (
        "error: --min-freq=5 leaves no word in the vocabulary: the most frequent training "
        "token occurs 4 times, so --min-freq must be at most 4.\n"
    )


def test_sst_file_errors_name_the_file(tmp_path: Path) -> None:
    data = _tiny_data(tmp_path)
    dev = data / "sst" / "stsa.binary.dev"
    dev.write_bytes(b"1 fine\n0 \xff\xfe\n")
    with pytest.raises(ValueError) as e:
        load_sst("sst2", "dev", data)
    assert str(e.value) == (  # worded as a CSV file's (it was "byte 9: invalid start byte")
        f"SST file {str(dev)!r} must be UTF-8 text, got byte 0xff on line 2 (byte 3 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8."
    )
    dev.write_text("\n\n")
    with pytest.raises(ValueError) as e:
        load_sst("sst2", "dev", data)
    assert str(e.value) == (
        f"{dev}: the file holds no examples; expected one per line: its label (0 to 1), a "
        "space, then the sentence."
    )


def test_training_that_diverges_stops_with_the_step(tmp_path: Path) -> None:
    from lstmkit.train import DivergedError

    data = _tiny_data(tmp_path)
    with pytest.raises(DivergedError) as e:
        train_sentiment(_tiny_config(embed_dim=4, hidden_size=4, lr=1e38, epochs=3), data)
    assert str(e.value) == (
        "training diverged: the training loss became nan at step 2. "
        "Try a lower learning rate than `lr`=1e+38."
    )


def test_cli_damaged_classifier_folders_are_one_line_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    safetensors_says: Callable[[Path], str],
    edit_saved,
) -> None:
    import shutil

    from lstmkit.text.sentiment import save_classifier

    data = _tiny_data(tmp_path / "data")
    good = tmp_path / "good"
    save_classifier(train_sentiment(_tiny_config(embed_dim=4, hidden_size=4, epochs=1), data), good)
    vocab_size = len(json.loads((good / "vocab.json").read_text()))

    def damaged(name: str) -> Path:
        folder = tmp_path / name
        shutil.copytree(good, folder)
        return folder

    garbage = damaged("garbage")
    (garbage / "model.safetensors").write_bytes(b"\x00" * 3)
    wider = damaged("wider")
    with edit_saved(wider) as config:
        config["model"]["hidden_size"] = 6
    novocab = damaged("novocab")
    (novocab / "vocab.json").unlink()
    short = damaged("short")
    (short / "vocab.json").write_text('["<pad>", "<unk>", "a"]')
    broken = damaged("broken")
    (broken / "vocab.json").write_text("[")
    cases = {
        garbage: f"{str(garbage / 'model.safetensors')!r} is not a readable safetensors file "
        f"({safetensors_says(garbage / 'model.safetensors')}).",
        wider: f"{str(wider / 'model.safetensors')!r} does not fit the model described by "
        f"{str(wider / 'config.json')!r}: shape mismatches: head.weight is (2, 12) in the module "
        "and (2, 8) in the file, rnn.bias_hh_l0 is (24,) in the module and (16,) in the file, "
        "rnn.bias_hh_l0_reverse is (24,) in the module and (16,) in the file, rnn.bias_ih_l0 "
        "is (24,) in the module and (16,) in the file, rnn.bias_ih_l0_reverse is (24,) in the "
        "module and (16,) in the file, rnn.weight_hh_l0 is (24, 6) in the module and (16, 4) "
        "in the file, rnn.weight_hh_l0_reverse is (24, 6) in the module and (16, 4) in the "
        "file, rnn.weight_ih_l0 is (24, 4) in the module and (16, 4) in the file, "
        "rnn.weight_ih_l0_reverse is (24, 4) in the module and (16, 4) in the file.",
        novocab: f"{str(novocab)!r} is not a saved lstmkit classifier model: missing vocab.json.",
        short: f"{str(short / 'vocab.json')!r} holds 3 tokens but the model described by "
        f"{str(short / 'config.json')!r} has {vocab_size}.",
        broken: f"{str(broken / 'vocab.json')!r} is not valid JSON (Expecting value: line 1 "
        "column 2 (char 1)).",
        good / "config.json": f"{str(good / 'config.json')!r} is a file, not a saved model's "
        f"folder; give the folder that holds it, {str(good)!r}.",
    }
    for folder, message in cases.items():
        assert main(["text", "predict", str(folder), "a film"]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"


def test_predictor_refuses_texts_that_are_not_strings() -> None:
    predictor = SentimentPredictor(TextClassifier(3, 2, 2, 2), Vocabulary(["a"]), ("n", "p"))
    for bad, name in ((None, "NoneType"), (5, "int")):
        with pytest.raises(TypeError) as e:
            predictor.predict(bad)  # type: ignore[arg-type]
        assert str(e.value) == f"`text` must be a str, got {name}."
    with pytest.raises(TypeError) as e:
        predictor.predict(["a", "b"])  # type: ignore[arg-type]
    assert str(e.value) == "`text` must be a str, got list (for several texts, use `predict_many`)."
    with pytest.raises(TypeError, match=r"`texts` must be a sequence of str, got one str"):
        predictor.predict_proba("a")
    assert predictor.predict_proba(["a", "a b"]).shape == (2, 2)
    with pytest.raises(ValueError) as e:
        predictor.predict_proba([])
    assert str(e.value) == "`texts` must hold at least one text, got none."


def test_predict_many_equals_one_text_at_a_time() -> None:
    """Padded batches with lengths, grouped by length, in the texts' order: what each text gets
    alone (to float rounding), whatever the batch size."""
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(1)
    words = [f"w{k}" for k in range(40)]
    texts = [
        " ".join(words[i] for i in torch.randint(0, 40, (int(n),), generator=gen).tolist())
        for n in torch.randint(1, 25, (30,), generator=gen).tolist()
    ]
    vocab = Vocabulary.build(texts)
    for readout in ("last", "max", "mean"):
        model = TextClassifier(len(vocab), 8, 6, 3, readout=readout)
        predictor = SentimentPredictor(model, vocab, ("neg", "mid", "pos"))
        alone = [predictor.predict(t) for t in texts]
        assert len({label for label, _ in alone}) > 1  # not one answer for all: the test bites
        for batch_size in (1, 4, 64):
            many = predictor.predict_many(texts, batch_size=batch_size)
            assert [label for label, _ in many] == [label for label, _ in alone]
            for (_, probs), (_, expected) in zip(many, alone, strict=True):
                assert probs == pytest.approx(expected, abs=1e-6)
        batched = predictor.predict_proba(texts, batch_size=7)
        singles = torch.cat([predictor.predict_proba([t]) for t in texts])
        torch.testing.assert_close(batched, singles, rtol=0, atol=1e-6)
        assert batched.shape == (30, 3)
    with pytest.raises(ValueError) as e:
        predictor.predict_many(["w1", "  ", "w2"], batch_size=2)
    assert str(e.value) == "every text must contain a token, got none in `texts[1]` '  '."
    with pytest.raises(ValueError) as e:
        predictor.predict_many(texts, batch_size=0)
    assert str(e.value) == "`batch_size` must be a positive integer, got 0."
    with pytest.raises(TypeError) as e:
        predictor.predict_proba(texts, batch_size=2.0)  # type: ignore[arg-type]
    assert str(e.value) == (
        "`batch_size` must be an integer, got float 2.0 (a whole number as a float: pass int(x))."
    )


def test_explain_many_equals_lrp_on_each_text_alone() -> None:
    """Padded, length-grouped batches give each text the relevance a direct lrp call on it
    alone gives (to float rounding), in the texts' order, for the predicted or a named class."""
    from lstmkit.explain import lrp

    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(2)
    words = [f"w{k}" for k in range(30)]
    texts = [
        " ".join(words[i] for i in torch.randint(0, 30, (int(n),), generator=gen).tolist())
        for n in torch.randint(1, 15, (12,), generator=gen).tolist()
    ]
    texts[3] += " never-seen"  # an <unk> keeps its own word
    vocab = Vocabulary.build(texts[:3] + texts[4:])
    assert "never-seen" not in vocab.stoi
    for readout in ("last", "max"):
        model = TextClassifier(len(vocab), 8, 6, 3, readout=readout, bidirectional=True)
        predictor = SentimentPredictor(model, vocab, ("neg", "mid", "pos"))
        for target, index in ((None, None), ("pos", 2)):
            alone = []
            for text in texts:
                tokens, lengths = predictor.encode(text)
                alone.append(lrp(model, tokens, index, lengths=lengths).relevance[0].tolist())
            for batch_size in (1, 5, 64):
                many = predictor.explain_many(texts, target, batch_size=batch_size)
                assert [[w for w, _ in pairs] for pairs in many] == [
                    predictor.tokens(t) for t in texts
                ]
                for pairs, expected in zip(many, alone, strict=True):
                    assert [r for _, r in pairs] == pytest.approx(expected, abs=1e-9)
    assert predictor.explain(texts[0]) == predictor.explain_many([texts[0]])[0]
    with pytest.raises(ValueError) as e:
        predictor.explain_many(["w1", "", "w2"])
    assert str(e.value) == "every text must contain a token, got none in `texts[1]` ''."
    with pytest.raises(TypeError) as e:
        predictor.explain_many("w1 w2")
    assert str(e.value) == "`texts` must be a sequence of str, got one str (use `explain`)."
    with pytest.raises(TypeError) as e:
        predictor.explain(["w1"])  # type: ignore[arg-type]
    assert str(e.value) == "`text` must be a str, got list (for several texts, use `explain_many`)."
    with pytest.raises(ValueError, match="one of the labels"):
        predictor.explain_many(["w1"], "positive")
    # One class for every text: lrp would read a list as a class per row of each batch, and
    # the rows run in order of length ("w1 w2 w3" got 2, "w1" got 0); an index is checked
    # as given, not as lrp's row-by-row copy ("got [5, 5]").
    with pytest.raises(TypeError) as e:
        predictor.explain_many(["w1 w2 w3", "w1"], [0, 2])
    assert str(e.value) == (
        "`target` must be a class index, one of the labels ('neg', 'mid', 'pos') or None, got "
        "list: one class for every text (for a class per text, call `explain` on each)."
    )
    with pytest.raises(ValueError) as e:
        predictor.explain_many(["w1 w2 w3", "w1"], 5)
    assert str(e.value) == (
        "`target` must be a class index in [0, 3) or one of the labels ('neg', 'mid', 'pos'), "
        "got 5."
    )


def test_predictor_predicts_in_eval_mode_and_gives_the_mode_back() -> None:
    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    model = TextClassifier(len(vocab), 8, 6, 2, dropout=0.5)
    model.eval()
    with torch.no_grad():
        expected = model(*pad_batch([vocab.encode("a good film")])).softmax(-1)
    model.train()
    model.rnn.eval()  # a submodule the caller froze keeps its own mode
    predictor = SentimentPredictor(model, vocab, ("negative", "positive"))
    for _ in range(3):  # with dropout on, each call drew other probabilities
        torch.testing.assert_close(predictor.predict_proba(["a good film"]), expected)
        label, probs = predictor.predict("a good film")
        assert label == ("positive" if expected[0, 1] > expected[0, 0] else "negative")
        expected_probs = dict(zip(predictor.labels, expected[0].tolist(), strict=True))
        assert probs == pytest.approx(expected_probs)
    assert model.training and model.embedding.training and not model.rnn.training


def test_predictor_names_the_text_without_tokens_and_the_misfits() -> None:
    vocab = Vocabulary(["a"])
    predictor = SentimentPredictor(TextClassifier(3, 2, 2, 2), vocab, ("n", "p"))
    with pytest.raises(ValueError) as e:
        predictor.predict_proba(["a", "", "a", " \n\t"])
    assert str(e.value) == (
        "every text must contain a token, got none in `texts[1]` '', `texts[3]` ' \\n\\t'."
    )
    with pytest.raises(ValueError) as e:
        predictor.predict("  ")
    assert str(e.value) == "`text` must contain at least one token, got '  '."
    with pytest.raises(TypeError) as e:
        predictor.predict_proba(["a", None, 3])  # type: ignore[list-item]
    assert str(e.value) == ("`texts` must hold str only, got `texts[1]` None, `texts[2]` int 3.")
    # any iterable of texts, in order; a batch gives what each text gives alone
    batch = predictor.predict_proba(t for t in ("a", "a a a", "b"))
    torch.testing.assert_close(
        batch, torch.cat([predictor.predict_proba([t]) for t in ("a", "a a a", "b")])
    )
    with pytest.raises(ValueError) as e:
        SentimentPredictor(TextClassifier(5, 2, 2, 2), vocab, ("n", "p", "x"))
    assert str(e.value) == (
        "`labels` must name the model's 2 classes, got 3: ('n', 'p', 'x'). "
        "`vocab` must have the model's 5 tokens (its embedding's rows), got 3."
    )
    with pytest.raises(TypeError) as e:
        SentimentPredictor(TextClassifier(3, 2, 2, 2), vocab, "np")  # type: ignore[arg-type]
    assert str(e.value) == "`labels` must be a sequence of str, got 'np'."
    assert SentimentPredictor(TextClassifier(3, 2, 2, 2), vocab, ["n", "p"]).labels == ("n", "p")


def test_predictor_reads_decomposed_unicode_as_the_composed_words_of_its_vocabulary() -> None:
    import unicodedata

    vocab = Vocabulary.build(["a café film", "a naïve film"])
    predictor = SentimentPredictor(TextClassifier(len(vocab), 2, 2, 2), vocab, ("n", "p"))
    composed = "A Café film, naïve."
    decomposed = unicodedata.normalize("NFD", composed)  # e + U+0301, i + U+0308
    assert decomposed != composed
    assert predictor.tokens(decomposed) == ["a", "café", "film", ",", "naïve", "."]
    assert predictor.encode(decomposed)[0].tolist() == [
        [2, 4, 3, 1, 5, 1]
    ]  # was [2, 1, 3, 1, 1, 1]
    assert predictor.unknown(decomposed) == [",", "."]
    assert torch.equal(predictor.predict_proba([decomposed]), predictor.predict_proba([composed]))


def test_predictor_explains_a_class_given_by_its_label() -> None:
    # lrp's own error sent the caller to `SentimentPredictor.labels.index(name)`
    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film"])
    predictor = SentimentPredictor(TextClassifier(len(vocab), 3, 2, 2), vocab, ("neg", "pos"))
    for index, label in enumerate(predictor.labels):
        assert predictor.explain("a good film", label) == predictor.explain("a good film", index)
    assert predictor.explain("a good film", "neg") != predictor.explain("a good film", "pos")
    with pytest.raises(ValueError) as e:
        predictor.explain("a good film", "positive")
    assert str(e.value) == (
        "`target` must be a class index in [0, 2) or one of the labels ('neg', 'pos'), got "
        "'positive'."
    )


def test_text_configs_refuse_wrong_types_by_name() -> None:
    from lstmkit.text import CharLMConfig, Seq2SeqConfig

    with pytest.raises(ValueError) as e:
        SentimentConfig(bidirectional="no", phrases=None, sentence_epochs=True)  # type: ignore[arg-type]
    assert str(e.value) == (
        "`sentence_epochs` must be an integer >= 0, got True. "
        "`phrases` must be True or False, got None. "
        "`bidirectional` must be True or False, got 'no'."
    )
    with pytest.raises(ValueError) as e:
        CharLMConfig(val_fraction="0.5", max_steps=True)  # type: ignore[arg-type]
    assert str(e.value) == (
        "`max_steps` must be an integer >= 0, got True. `val_fraction` must be a number in (0, 1), "
        "got '0.5' (a number, not text: 0.5)."
    )
    with pytest.raises(ValueError) as e:
        Seq2SeqConfig(max_digits=True)
    assert str(e.value) == "`max_digits` must be an integer in 1..9, got True."
    # integers of other kinds are stored as Python ints, so the configs stay JSON-able
    numpy = pytest.importorskip("numpy")
    config = Seq2SeqConfig(max_digits=numpy.int64(3), train_size=numpy.int64(90), test_size=10)
    assert json.dumps(config.__dict__)
    assert (type(config.max_digits), type(config.train_size)) == (int, int)


def test_evaluate_gives_each_submodule_its_mode_back() -> None:
    # the dev checks run mid-training: a submodule the caller froze in eval mode stays frozen
    torch.manual_seed(0)
    model = TextClassifier(vocab_size=20, embed_dim=4, hidden_size=3, num_classes=2, dropout=0.5)
    model.train()
    model.embedding.eval()
    accuracy = sentiment.evaluate(model, [[3, 4, 5], [6, 7]], [1, 0])
    assert model.training and not model.embedding.training  # m.train(True) unfroze it
    assert sentiment.evaluate(model, [[3, 4, 5], [6, 7]], [1, 0]) == accuracy  # no dropout


def test_plot_training_draws_each_members_dev_checks_and_circles_its_kept_one():
    runs = [
        {"seed": 0, "best_step": 20, "history": [[10, 0.70], [20, 0.82], [30, 0.80]]},
        {"seed": 1, "best_step": 30, "history": [[10, 0.60], [20, 0.75], [30, 0.79]]},
    ]
    result = sentiment.SentimentResult(
        TextClassifier(10, 4, 4, 2), Vocabulary.build(["a b"]), SentimentConfig(), {"members": runs}
    )
    ax = result.plot_training(title="t").axes[0]
    first, kept_first, second, kept_second, _ = ax.get_lines()
    assert list(first.get_ydata()) == [0.70, 0.82, 0.80] and first.get_label() == "seed 0"
    assert list(second.get_xdata()) == [10, 20, 30] and second.get_label() == "seed 1"
    assert kept_first.get_xdata()[0] == 20 and kept_second.get_ydata()[0] == 0.79
    assert ax.get_ylabel() == "dev accuracy" and ax.get_title() == "t"


@pytest.mark.parametrize("config", [None, {"task": "sst2"}], ids=["None", "dict"])
def test_train_sentiment_refuses_a_config_that_is_not_a_sentiment_config(config) -> None:
    # was: AttributeError ('NoneType' object has no attribute 'device')
    with pytest.raises(TypeError) as err:
        train_sentiment(config)  # type: ignore[arg-type]
    assert str(err.value) == f"`config` must be a SentimentConfig, got {type(config).__name__}."


def test_train_sentiment_without_its_data_raises_file_not_found(tmp_path: Path) -> None:
    # its docstring said ValueError for a missing data file
    (tmp_path / "sst").mkdir()
    with pytest.raises(FileNotFoundError) as err:
        train_sentiment(SentimentConfig(progress=False), data_dir=tmp_path)
    assert str(err.value) == f"SST file not found: {str(tmp_path / 'sst' / 'stsa.binary.dev')!r}."
    assert "FileNotFoundError" in (train_sentiment.__doc__ or "").split("Raises:")[1]

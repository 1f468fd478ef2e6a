"""Text leftovers: the class figures from Python (``class_figures``, ``fit_classifier``) and
for SST runs, a pandas Series' index labels for unknown labels, and ``text spell`` normalising
the number once."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, TextClassifier, train_classifier, train_sentiment
from lstmkit.text import seq2seq as seq2seq_module
from lstmkit.text.sentiment import _label_mask, class_figures, fit_classifier
from lstmkit.text.seq2seq import (
    TARGET_TOKENS,
    Seq2Seq,
    Seq2SeqConfig,
    Seq2SeqResult,
    save_seq2seq,
)

TEXTS = [f"a fine film {k}" for k in range(5)] + [f"a dull film {k}" for k in range(5)]
LABELS = ["positive"] * 5 + ["negative"] * 5
TINY = {"embed_dim": 4, "hidden_size": 3, "batch_size": 2, "epochs": 1, "progress": False}


def test_class_figures_give_the_python_api_what_text_train_reports(
    says: Callable[[list[float]], TextClassifier],
) -> None:
    # evaluate() gave accuracy alone: 0.6 here for a model that only ever says 'b'
    figures = class_figures(
        says([0.0, 1.0, 0.0]), [[1], [2], [3], [4], [5]], [1, 1, 1, 0, 2], ["a", "b", "c"]
    )
    assert figures == {
        "accuracy": 0.6,
        "confusion": [[0, 1, 0], [0, 3, 0], [0, 1, 0]],
        "recall": {"a": 0.0, "b": 1.0, "c": 0.0},
        "balanced_accuracy": 1 / 3,
        "macro_f1": 0.75 / 3,  # b: 2 * 3 / (3 + 5); a and c: 0
        "majority": {"label": "b", "accuracy": 0.6},
    }


def test_train_classifier_metrics_are_class_figures_of_its_test_set() -> None:
    # one code path: the metrics' test_* entries are what class_figures says of the test set
    config = SentimentConfig(**TINY)
    test = (["a fine film", "a dull film", "a dull film 9"], ["positive", "negative", "negative"])
    result = train_classifier(
        TEXTS, LABELS, config, dev=(["so so", "a good one"], LABELS[4:6]), test=test
    )
    ids = [result.vocab.encode(t) for t in test[0]]
    figures = class_figures(result.model, ids, [1, 0, 0], result.labels)
    m = result.metrics
    assert figures["accuracy"] == m["test_accuracy"]
    assert figures["confusion"] == m["test_confusion"]
    assert {k: figures[k] for k in ("recall", "balanced_accuracy", "macro_f1", "majority")} == {
        k: m[f"test_{k}"] for k in ("recall", "balanced_accuracy", "macro_f1", "majority")
    }
    assert list(m)[-6:] == [  # where metrics.json had them
        "labels",
        "split",
        "test_recall",
        "test_balanced_accuracy",
        "test_macro_f1",
        "test_majority",
    ]


def test_fit_classifier_returns_the_kept_models_dev_figures(
    says: Callable[[list[float]], TextClassifier],
) -> None:
    # it returned the best dev accuracy alone
    torch.manual_seed(0)
    model = says([0.0, 5.0])
    config = SentimentConfig(lr=1e-9, epochs=1, batch_size=4, progress=False)
    train = ([[1, 2], [3], [4, 5], [2]], _label_mask([1, 1, 0, 1], 2))
    dev = ([[1], [2], [3], [4]], [1, 1, 1, 0])
    fit = fit_classifier(model, train, dev, config)
    assert fit["best_dev"] == fit["dev"]["accuracy"] == 0.75
    assert fit["dev"]["recall"] == {0: 0.0, 1: 1.0}  # the class indices without `names`
    assert fit["dev"]["majority"] == {"label": 1, "accuracy": 0.75}
    named = fit_classifier(model, train, dev, config, names=["neg", "pos"])["dev"]
    assert named["recall"] == {"neg": 0.0, "pos": 1.0}
    assert named["balanced_accuracy"] == 0.5
    assert named["macro_f1"] == pytest.approx(3 / 7)  # pos: 2 * 3 / (4 + 3); neg: 0


SST = [
    (1, "a great and moving film"),
    (1, "funny , warm and wise"),
    (1, "a great film"),
    (0, "a dull , lifeless mess"),
]


def _sst(root: Path) -> Path:
    sst = root / "sst"
    sst.mkdir(parents=True)
    for split in ("train", "dev", "test"):
        (sst / f"stsa.binary.{split}").write_text("".join(f"{y} {s}\n" for y, s in SST))
    return root


def test_an_sst_run_stores_the_class_figures(tmp_path: Path) -> None:
    # train_sentiment's metrics and `text train sst2`'s metrics.json and --json had accuracy and
    # the confusion alone, where a --csv run has the recall per class, ... and the majority
    config = SentimentConfig(**TINY, phrases=False)
    metrics = train_sentiment(config, data_dir=_sst(tmp_path / "data")).metrics
    confusion = metrics["test_confusion"]
    assert sum(map(sum, confusion)) == 4
    assert metrics["test_majority"] == {"label": "positive", "accuracy": 0.75}
    tested = {"negative": confusion[0][0] / 1, "positive": confusion[1][1] / 3}
    assert metrics["test_recall"] == tested
    assert metrics["test_balanced_accuracy"] == sum(tested.values()) / 2
    out = tmp_path / "sst2"
    argv = ["text", "train", "sst2", "--data-dir", str(tmp_path / "data"), "--no-phrases"]
    argv += ["--embed-dim", "4", "--hidden-size", "3", "--batch-size", "2", "--epochs", "1"]
    assert main([*argv, "--no-progress", "--json", "--out", str(out)]) == 0
    saved = json.loads((out / "metrics.json").read_text())
    assert saved["test_majority"] == {"label": "positive", "accuracy": 0.75}
    assert set(saved["test_recall"]) == {"negative", "positive"}
    assert isinstance(saved["test_macro_f1"], float)


def test_sst_json_gives_the_figures_under_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["text", "train", "sst2", "--data-dir", str(_sst(tmp_path / "data")), "--no-phrases"]
    argv += ["--embed-dim", "4", "--hidden-size", "3", "--batch-size", "2", "--epochs", "1"]
    assert main([*argv, "--no-progress", "--json", "--out", str(tmp_path / "m")]) == 0
    test = json.loads(capsys.readouterr().out)["test"]
    assert list(test) == [
        "accuracy",
        "confusion",
        "recall",
        "balanced_accuracy",
        "macro_f1",
        "majority",
    ]
    assert test["majority"] == {"label": "positive", "accuracy": 0.75}


def test_a_series_dev_label_is_named_by_its_index_labels() -> None:
    # a filtered or sorted pandas column was named by its positions, which .loc reads elsewhere
    pd = pytest.importorskip("pandas")
    dev = pd.Series(["positive", "negatve", "meh", "negatve"], index=[40, 12, 7, 3])
    with pytest.raises(ValueError) as err:
        train_classifier(TEXTS, LABELS, dev=(["a film"] * 4, dev))
    assert str(err.value) == (
        "`dev[1]` holds labels no training text has: 'meh' at index label 7, 'negatve' (did you "
        "mean 'negative'?) at index labels 12, 3 (the classes: 'negative', 'positive'; index "
        "labels are those of the Series `dev[1]`, for `.loc`). "
        "Correct the names misspelt, leave those texts out of `dev`, or move them into "
        "`texts` and `labels` to learn those classes too (5 or more of each, as 10 % of "
        "each class goes to test)."  # revtext36: what to do
    )
    test = pd.Series(["positive", "Negative"], index=["r1", "r2"])
    with pytest.raises(ValueError) as err:
        train_classifier(TEXTS, LABELS, test=(["a film"] * 2, test))
    assert "'Negative' (did you mean 'negative'?) at index label 'r2' (the " in str(err.value)
    # a Series with its default index is named by positions, as a list
    default = pd.Series(["positive", "negatve"])
    with pytest.raises(ValueError, match=r"at position 1 \(the .* 0-based indices of `dev\[1\]`"):
        train_classifier(TEXTS, LABELS, dev=(["a film"] * 2, default))


def test_text_spell_normalises_the_number_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the command normalised it for its message, then spell() did it again
    torch.manual_seed(0)
    model = Seq2Seq(source_vocab=11, target_vocab=len(TARGET_TOKENS), embed_dim=2, hidden_size=2)
    with torch.no_grad():  # says 'seven', then ends
        model.head.weight.zero_()
        model.head.bias.fill_(-10.0)
        model.head.bias[TARGET_TOKENS.index("seven")] = 10.0
    config = Seq2SeqConfig(max_digits=2, train_size=20, test_size=5)
    save_seq2seq(Seq2SeqResult(model, config), tmp_path / "s2s")
    calls = []
    normalize = seq2seq_module.normalize_number

    def counted(*args: object) -> str:
        calls.append(args)
        return normalize(*args)

    monkeypatch.setattr(seq2seq_module, "normalize_number", counted)
    assert main(["text", "spell", str(tmp_path / "s2s"), "007", "--json"]) == 0
    assert calls == [("007",)]  # the model's limit is checked by the command, naming it
    said = json.loads(capsys.readouterr().out)
    assert said["number"] == "7"
    # the same words as spell() of the number as typed
    assert said["words"] == seq2seq_module.spell(model, "007", max_digits=2)

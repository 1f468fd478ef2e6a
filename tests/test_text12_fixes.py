"""A pass over the text leftovers: the test set's class figures kept where they were printed
only, long texts counted per set, a dev/test label slip named by its rows, a text model's
flags given to ``lstmkit predict`` told the command that takes them."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import SentimentConfig, train_classifier


def _by_hand(confusion: list[list[int]], labels: list[str]) -> dict:
    """scikit-learn's recall_score, balanced_accuracy_score and f1_score(average="macro") of a
    confusion (rows true), from their definitions: recall TP / (TP + FN) per true class,
    F1 = 2 P R / (P + R) (0 where P + R is 0) over the classes tested or predicted."""
    n = len(labels)
    tp = [confusion[k][k] for k in range(n)]
    true = [sum(confusion[k]) for k in range(n)]
    said = [sum(confusion[j][k] for j in range(n)) for k in range(n)]
    recall = {labels[k]: tp[k] / true[k] for k in range(n) if true[k]}
    f1 = []
    for k in range(n):
        if not (true[k] or said[k]):
            continue
        p = tp[k] / said[k] if said[k] else 0.0
        r = tp[k] / true[k] if true[k] else 0.0
        f1.append(2 * p * r / (p + r) if p + r else 0.0)
    largest = max(range(n), key=true.__getitem__)
    return {
        "test_recall": recall,
        "test_balanced_accuracy": sum(recall.values()) / len(recall),
        "test_macro_f1": sum(f1) / len(f1),
        "test_majority": {"label": labels[largest], "accuracy": true[largest] / sum(true)},
    }


def test_the_printed_class_figures_are_in_metrics_json_and_the_python_metrics(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    imbalanced_reviews: list[str],
    undrawn_figures,
) -> None:
    # 'pos alone would score 0.8333' and the recalls were printed (and in --json's output) but
    # neither metrics.json nor train_classifier's metrics held them
    argv = imbalanced_reviews
    assert main([*argv, "--out", str(tmp_path / "m")]) == 0
    printed = capsys.readouterr().out.splitlines()[2]
    assert printed == (
        "  test recall per class: neg 0.0000, pos 1.0000; balanced accuracy 0.5000, macro-F1 "
        "0.4545; pos alone would score 0.8333"
    )
    saved = json.loads((tmp_path / "m" / "metrics.json").read_text("utf-8"))
    assert saved["test_confusion"] == [[0, 1], [0, 5]]
    figures = {k: saved[k] for k in _by_hand([[0, 1], [0, 5]], ["neg", "pos"])}
    assert figures == {
        "test_recall": {"neg": 0.0, "pos": 1.0},
        "test_balanced_accuracy": 0.5,
        "test_macro_f1": (0 + 10 / 11) / 2,
        "test_majority": {"label": "pos", "accuracy": 5 / 6},
    }
    # the Python API's metrics, three classes, one of them never right
    texts = [f"a fine film {k}" for k in range(20)] + [f"a dull film {k}" for k in range(8)]
    texts += [f"an odd film {k}" for k in range(5)]
    labels = ["up"] * 20 + ["down"] * 8 + ["odd"] * 5
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=2, batch_size=8, progress=False)
    m = train_classifier(texts, labels, config).metrics
    assert m["test_confusion"] == [[0, 1, 0], [0, 1, 0], [0, 2, 0]]  # it says 'odd' to all
    expected = _by_hand(m["test_confusion"], ["down", "odd", "up"])
    assert (
        {k: m[k] for k in expected}
        == expected
        == {
            "test_recall": {"down": 0.0, "odd": 1.0, "up": 0.0},
            "test_balanced_accuracy": 1 / 3,
            "test_macro_f1": pytest.approx(0.4 / 3),  # odd: P 1/4, R 1
            "test_majority": {"label": "up", "accuracy": 0.5},
        }
    )


def _write(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("text,label\n" + "".join(f"{t},{y}\n" for t, y in rows), "utf-8")
    return path


def test_long_texts_are_counted_in_each_set_that_has_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    # '3 of the 16 texts hold more than 1,000 tokens' counted the sets together: which file
    # held them (the dev file's two slow down every check) was left to find
    rows = [(f"a fine film {k}", "pos") for k in range(5)]
    rows += [(f"a dull film {k}", "neg") for k in range(5)]
    train = _write(tmp_path / "train.csv", [*rows, (" ".join(["fine"] * 1001), "pos")])
    dev = _write(
        tmp_path / "dev.csv",
        [
            ("dull " + " ".join(["long"] * 1200), "neg"),
            (" ".join(["ok"] * 1100), "pos"),
            ("a fine film", "pos"),
        ],
    )
    test = _write(tmp_path / "test.csv", [("a fine film", "pos"), ("a dull film", "neg")])
    argv = ["text", "train", "--csv", str(train), "--dev-csv", str(dev), "--test-csv", str(test)]
    argv += ["--text-col", "text", "--label-col", "label", "--embed-dim", "2", "--hidden-size"]
    argv += ["2", "--epochs", "1", "--no-progress", "--no-bidirectional", "--out"]
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        assert main([*argv, str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == (
        "warning: 1 of the 11 train texts and 2 of the 3 dev texts hold more than 1,000 tokens "
        "(the longest, 1,201, begins 'dull long long long long long'): a batch runs the LSTM "
        "over as many steps as its longest text, for every text in it, so each step with such a "
        "text is slow. Cut long texts to their first few hundred words (pandas: "
        "df[col].str.split().str[:300].str.join(' ')) or leave them out.\n"
    )
    # a test set's alone, from Python
    with pytest.warns(UserWarning, match=r"^1 of the 2 test texts holds more than 1,000 tokens"):
        train_classifier(
            [f"a fine film {k}" for k in range(5)] + [f"a dull film {k}" for k in range(5)],
            ["pos"] * 5 + ["neg"] * 5,
            SentimentConfig(embed_dim=2, hidden_size=2, epochs=1, progress=False),
            test=(["a film", " ".join(["fine"] * 1001)], ["pos", "pos"]),
        )


def test_a_dev_label_no_class_has_is_named_with_its_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "'negatve' (did you mean 'negative'?)" named no row: in a dev file of thousands the
    # student searched for it; the rows are counted as the file's other messages count them
    # (from 1 below the header, a blank line too)
    rows = [(f"a fine film {k}", "positive") for k in range(5)]
    train = _write(
        tmp_path / "train.csv", rows + [(f"a dull film {k}", "negative") for k in range(5)]
    )
    dev = tmp_path / "dev.csv"
    dev.write_text(
        "text,label\na fine film,positive\n\n"
        + "".join(f"a dull film {k},negatve\n" for k in range(7))
        + "so so,Positive\n",
        "utf-8",
    )
    out = tmp_path / "out"
    qd = repr(str(dev))  # as given, quoted
    argv = ["text", "train", "--csv", str(train), "--dev-csv", str(dev), "--text-col", "text"]
    assert main([*argv, "--label-col", "label", "--no-progress", "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'label' of {qd} holds labels no training text has: 'Positive' (did "
        "you mean 'positive'?) in row 10, 'negatve' (did you mean 'negative'?) in rows 3, 4, 5, "
        "6, 7 and 2 more (the classes: 'negative', 'positive'; rows counted from 1 below the "
        f"header). Correct the names misspelt, remove those rows from {qd}, or move them into "
        f"{str(train)!r} to learn those classes too (5 texts or more of each, as 10 % of each "
        "class goes to test).\n"  # revtext36: what to do
    )
    assert not out.exists()


def test_text_predict_flags_given_to_lstmkit_predict_are_told_the_command_that_takes_them(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # argparse refused them before the folder was read: "unrecognized arguments: --file
    # x.txt; did you mean --fill for --file?", with no word of `lstmkit text predict`
    runs = (
        "a sentiment classifier (kind 'classifier'), which `lstmkit text predict` runs "
        "(lstmkit.text.SentimentPredictor.load in Python)"
    )
    (tmp_path / "x.txt").write_text("a fine film\n", "utf-8")
    argv = ["predict", str(clf_dir), "--json", "--file", str(tmp_path / "x.txt")]
    with pytest.raises(SystemExit) as stop:
        main([*argv, "--top-k", "2"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        f"error: unrecognized arguments: --file {tmp_path / 'x.txt'} --top-k 2; "
        f"{str(clf_dir)!r} holds {runs}, not `lstmkit predict`: lstmkit text predict "
        f"{clf_dir} --json --file {tmp_path / 'x.txt'} (it takes no --top-k)\n"
    )
    # a sentence given where the dataset goes was refused as "unknown dataset 'a fine film'"
    assert main(["predict", str(clf_dir), "a fine film"]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(clf_dir)!r} holds a sentiment classifier (kind 'classifier'), which "
        "`lstmkit text predict` runs (lstmkit.text.SentimentPredictor.load in Python), not a "
        "forecaster (kind 'lstmkit.Forecaster').\n"
    )
    # a folder without a text model is refused by argparse as before; the help is untouched
    with pytest.raises(SystemExit):
        main(["predict", str(tmp_path), "--file", "x.txt"])
    assert capsys.readouterr().err == (
        "error: unrecognized arguments: --file x.txt; did you mean --fill? "
        "(`lstmkit predict --help` lists the flags)\n"
    )
    with pytest.raises(SystemExit) as stop:
        main(["predict", "--help"])
    assert stop.value.code == 0 and "--horizon N" in capsys.readouterr().out


def test_a_text_no_draw_made_is_not_told_a_seed_gives_it_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `generate --temperature 0` (greedy) said "note: seed 8007534233537353 (--seed
    # 8007534233537353 gives this text again)" of a text that every seed gives
    from lstmkit.text import CharLMConfig, save_charlm, train_charlm

    config = CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=4,
        eval_every=2, progress=False,
    )  # fmt: skip
    lm = save_charlm(train_charlm("to be, or not to be\n" * 20, config), tmp_path / "lm")
    base = ["text", "generate", str(lm), "--prompt", "to", "--length", "12"]
    texts = set()
    for flags in (["--temperature", "0"], ["--top-k", "1"], ["--length", "0"]):
        for seed in ([], ["--seed", "1"], ["--seed", "2"]):
            assert main([*base, *flags, *seed]) == 0
            out, err = capsys.readouterr()
            assert err == ""
            texts.add((tuple(flags), out))
    assert len(texts) == 3  # each the same with any seed, or none
    # a sampled text is told its seed, as before
    assert main([*base, "--top-k", "2"]) == 0
    seed = capsys.readouterr().err.split()[2]
    assert main([*base, "--top-k", "2", "--seed", seed]) == 0
    assert capsys.readouterr().err == ""

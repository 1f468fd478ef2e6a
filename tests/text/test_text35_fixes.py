"""text35: ``lstmkit text evaluate`` and SentimentPredictor.evaluate; the warning of texts
given different labels said once by read_labelled_csv then train_classifier."""

from __future__ import annotations

import csv
import io
import json
import math
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lstmkit._checks import typed_path
from lstmkit.text.evaluation import ClassifierEvaluation
from lstmkit.text.labelled import read_labelled_csv
from lstmkit.text.sentiment import SentimentConfig, train_classifier

WORDS, NOUNS = ("good", "fine", "great", "bad", "dull"), ("film", "show", "play")
ROWS = [
    (f"a {w} {n}{k}", "pos" if w in ("good", "fine", "great") else "neg")
    for n in NOUNS
    for k in ("", "!")
    for w in WORDS
][:25]
TINY = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, batch_size=4, progress=False)


def _odds(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "given different labels" in str(w.message)]


def test_labels_at_odds_said_once_by_read_labelled_csv_then_train_classifier() -> None:
    # a good film is row 1 ('pos') and row 26 ('neg'): before, train_classifier warned again,
    # naming `texts[0]` and `texts[25]`
    csv = "text,label\n" + "".join(f"{t},{y}\n" for t, y in [*ROWS, ("a good film", "neg")])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        texts, labels = read_labelled_csv(io.StringIO(csv), "text", "label", training=True)
        train_classifier(texts, labels, TINY)
    odds = _odds(caught)
    assert len(odds) == 1
    assert odds[0].startswith(
        "1 text is given different labels, token for token the same: 'a good film' as row 1 "
        "('pos') and row 26 ('neg') in '<StringIO>'"
    )


def test_labels_at_odds_said_by_train_classifier_of_changed_or_own_lists() -> None:
    csv = "text,label\n" + "".join(f"{t},{y}\n" for t, y in [*ROWS, ("a good film", "neg")])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        texts, labels = read_labelled_csv(io.StringIO(csv), "text", "label", training=True)
    assert len(_odds(caught)) == 1
    labels[0] = "neg"  # the copies agree now, and one other text goes wrong: no warning of odds
    labels[24] = "pos"
    texts[24] = "a good film"  # ... until this copy of row 1 says 'pos'
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train_classifier(texts, labels, TINY)
    odds = _odds(caught)
    assert len(odds) == 1
    assert "`texts[0]` ('neg'), `texts[24]` ('pos') and `texts[25]` ('neg')" in odds[0]
    # a plain list pair of the same rows warns once too, by position
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train_classifier(
            [t for t, _ in ROWS] + ["a good film"], [y for _, y in ROWS] + ["neg"], TINY
        )
    assert [o[:110] for o in _odds(caught)] == [
        "1 text is given different labels, token for token the same: 'a good film' as "
        "`texts[0]` ('pos') and `texts[25]` ('neg')"[:110]
    ]


# --- lstmkit text evaluate / SentimentPredictor.evaluate -----------------------------------


def test_evaluate_figures_by_hand_of_a_model_that_says_one_class(
    constant_predictor: Callable[..., Any],
) -> None:
    predictor = constant_predictor()
    texts = ["one", "two", "three", "four", "five"]
    scores = predictor.evaluate(texts, ["a", "b", "b", "c", " a "])
    # rows true a, b, c: every text predicted 'b'
    assert scores.confusion == [[0, 2, 0], [0, 2, 0], [0, 1, 0]]
    assert scores.accuracy == 2 / 5
    assert scores.per_class == {
        "a": {"precision": None, "recall": 0.0, "f1": 0.0, "support": 2},
        "b": {"precision": 2 / 5, "recall": 1.0, "f1": 4 / 7, "support": 2},
        "c": {"precision": None, "recall": 0.0, "f1": 0.0, "support": 1},
    }
    assert scores.macro_f1 == pytest.approx((4 / 7) / 3, abs=1e-15)
    assert scores.labels == ["a", "b", "b", "c", "a"]
    assert scores.predicted == ["b"] * 5
    assert scores.probability == pytest.approx([math.e / (math.e + 2)] * 5, abs=1e-7)
    assert scores.dropped == 0
    # the figures text train reports agree (accuracy, macro-F1 over the classes tested)
    figures = predictor.class_figures(texts, ["a", "b", "b", "c", "a"])
    assert figures["accuracy"] == scores.accuracy
    assert figures["macro_f1"] == pytest.approx(scores.macro_f1, abs=1e-15)


def test_evaluation_figures_by_hand_of_a_three_class_confusion() -> None:
    scores = ClassifierEvaluation(
        ("x", "y", "z"), [[3, 1, 0], [1, 2, 1], [0, 0, 2]], ["t"] * 10, [], [], []
    )
    assert scores.accuracy == 7 / 10
    assert scores.per_class == {
        "x": {"precision": 3 / 4, "recall": 3 / 4, "f1": 6 / 8, "support": 4},
        "y": {"precision": 2 / 3, "recall": 2 / 4, "f1": 4 / 7, "support": 4},
        "z": {"precision": 2 / 3, "recall": 1.0, "f1": 4 / 5, "support": 2},
    }
    assert scores.macro_f1 == pytest.approx((6 / 8 + 4 / 7 + 4 / 5) / 3, abs=1e-15)
    assert repr(scores) == (
        "ClassifierEvaluation(10 texts, accuracy 0.7000, macro-F1 0.7071, classes "
        "('x', 'y', 'z'), dropped 0)"
    )


def test_evaluate_refuses_unknown_labels_naming_them_and_the_classes_or_drops_them(
    constant_predictor: Callable[..., Any],
) -> None:
    predictor = constant_predictor()
    with pytest.raises(ValueError) as err:
        predictor.evaluate(["one", "two", "three"], ["a", "B", "d"])
    assert str(err.value) == (  # worded as text evaluate's (revtext35)
        "`labels` holds labels the model does not know: 'B' (did you mean 'b'?) at position 1, "
        "'d' at position 2 (its classes: 'a', 'b', 'c', or their indices 0 to 2; positions "
        "counted from 0). Correct them, or pass drop_unknown=True to leave their texts out."
    )
    scores = predictor.evaluate(["one", "two", "three"], ["a", "B", "d"], drop_unknown=True)
    assert (scores.dropped, scores.texts, scores.confusion) == (
        2,
        ["one"],
        [[0, 1, 0], [0, 0, 0], [0, 0, 0]],
    )
    with pytest.raises(ValueError, match=r"^`labels` must hold at least one of the model's"):
        predictor.evaluate(["one"], ["d"], drop_unknown=True)
    with pytest.raises(ValueError, match=r"^`labels` must hold one label per text \(2\), got 1\.$"):
        predictor.evaluate(["one", "two"], ["a"])
    with pytest.raises(TypeError, match=r"^`drop_unknown` must be True or False, got str 'yes'\.$"):
        predictor.evaluate(["one"], ["a"], drop_unknown="yes")


def _csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("review,rating\n" + "".join(f"{t},{y}\n" for t, y in rows), encoding="utf-8")
    return path


FILMS = [
    (f"film {k} was {w}", y) for k in range(3) for w, y in (("great", "up"), ("awful", "down"))
]


def test_cli_evaluate_agrees_with_python(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main
    from lstmkit.text import SentimentPredictor

    csv_file = _csv(tmp_path / "new.csv", FILMS)
    argv = ["text", "evaluate", str(clf_dir), "--csv", str(csv_file)]
    argv += ["--text-col", "review", "--label-col", "rating"]
    assert main([*argv, "--json", "--out", str(tmp_path / "eval")]) == 0
    printed = json.loads(capsys.readouterr().out)
    scores = SentimentPredictor.load(clf_dir).evaluate([t for t, _ in FILMS], [y for _, y in FILMS])
    assert printed == {
        "model": str(clf_dir),
        "data": str(csv_file),
        **scores.to_dict(),
        "out": str(tmp_path / "eval"),
    }
    assert printed["texts"] == 6 and sum(map(sum, printed["confusion"])) == 6
    with (tmp_path / "eval" / "predictions.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["text", "label", "predicted", "probability"]
    assert rows[1:] == [
        [t, y, p, f"{q:.6f}"]
        for t, y, p, q in zip(
            scores.texts, scores.labels, scores.predicted, scores.probability, strict=True
        )
    ]
    png = (tmp_path / "eval" / "confusion.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    # the plain form: the figures of the same numbers, the classes named
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{typed_path(csv_file)}: 6 texts, accuracy {scores.accuracy:.4f}, macro-F1 "
        f"{scores.macro_f1:.4f}"
    )
    assert out[1] == "  class       precision  recall      f1  support"
    assert out[2].startswith("  down      ") and out[2].endswith("        3")
    assert out[4:] == [
        "  confusion matrix (rows: true class, columns: predicted class):",
        "        down  up",
        "  down" + "".join(f"  {n:>{w}}" for n, w in zip(scores.confusion[0], (4, 2), strict=True)),
        "  up  " + "".join(f"  {n:>{w}}" for n, w in zip(scores.confusion[1], (4, 2), strict=True)),
    ]
    # a second --out into the same folder rewrites it (its evaluation.json marks it as its own:
    # test_revtext35_fixes.py tests the folders it refuses)
    assert main([*argv, "--out", str(tmp_path / "eval"), "--json"]) == 0


def test_cli_evaluate_unknown_labels_refused_or_dropped(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main

    csv_file = _csv(tmp_path / "odd.csv", [*FILMS, ("film 9 was fine", "sideways"), ("ok", "Up")])
    argv = ["text", "evaluate", str(clf_dir), "--csv", str(csv_file)]
    argv += ["--text-col", "review", "--label-col", "rating"]
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: column 'rating' of {typed_path(csv_file)} holds labels the model does not know: "
        "'Up' (did you mean 'up'?) in row 8, 'sideways' in row 7 (its classes: 'down', 'up'; "
        "rows counted from 1 below the header). Correct them, or give --drop-unknown to leave "
        "their rows out."
    )
    assert main([*argv, "--drop-unknown", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["texts"], printed["dropped"]) == (6, 2)
    assert main([*argv, "--drop-unknown"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "  2 rows left out: their labels are none of the model's classes (--drop-unknown)"
    )


def test_cli_evaluate_reads_stdin_and_refuses_flags_of_the_other_data(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    from lstmkit.cli import main

    text = "review,rating\n" + "".join(f"{t},{y}\n" for t, y in FILMS)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    argv = ["text", "evaluate", str(clf_dir), "--csv", "-", "--text-col", "review"]
    assert main([*argv, "--label-col", "rating", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["data"], printed["texts"]) == ("-", 6)
    for extra, message in (
        (
            [],
            "name the labelled texts to score the model on: a task (sst2, sst5) with --split, "
            "or --csv FILE.",
        ),
        (
            ["sst2", "--csv", "x.csv"],
            "name the labelled texts to score the model on: a task "
            "(sst2, sst5) with --split, or --csv FILE, not both.",
        ),
        (
            ["sst2", "--text-col", "review", "--drop-unknown"],
            "--text-col, --drop-unknown apply only with --csv FILE.",
        ),
        (
            ["--csv", "x.csv", "--split", "dev"],
            "--split applies to SST only (a task), not to --csv.",
        ),
        (
            ["sst2", "--overwrite"],
            "--overwrite needs --out: without it nothing is written to overwrite.",
        ),
    ):
        assert main(["text", "evaluate", str(clf_dir), *extra]) == 2
        assert capsys.readouterr().err.strip() == f"error: {message}"
    csv_file = _csv(tmp_path / "new.csv", FILMS)
    assert main(["text", "evaluate", str(clf_dir), "--csv", str(csv_file), "--label-col", "x"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: --csv needs --text-col ({typed_path(csv_file)} has the columns review, rating)."
    )


def test_cli_evaluate_on_an_sst_split(
    classifier_dir: Path, clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main
    from lstmkit.text import SentimentPredictor

    (tmp_path / "sst").mkdir()
    lines = ["1 a good film", "0 a bad film", "0 a good film ?"]
    (tmp_path / "sst" / "stsa.binary.dev").write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["text", "evaluate", str(classifier_dir), "sst2", "--split", "dev"]
    assert main([*argv, "--data-dir", str(tmp_path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    scores = SentimentPredictor.load(classifier_dir).evaluate(
        ["a good film", "a bad film", "a good film ?"], [1, 0, 0]
    )
    assert printed == {"model": str(classifier_dir), "data": "sst2 dev", **scores.to_dict()}
    assert printed["classes"] == ["negative", "positive"]
    assert [row["support"] for row in printed["per_class"].values()] == [2, 1]
    # a model of other classes is refused before SST is read
    assert main(["text", "evaluate", str(clf_dir), "sst2", "--data-dir", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: sst2's classes are 'negative', 'positive', the model's 'down', 'up': score it "
        "on a file labelled with its classes (--csv FILE), or on the task it was trained on."
    )


def test_cli_evaluate_exits_143_at_once_while_torch_still_runs_the_stopped_call(
    clf_dir: Path, tmp_path: Path, stopped_command: Callable[..., tuple[Any, float]]
) -> None:
    # as text predict: SIGTERM during torch's LSTM (seconds in one native call) ends the
    # command at once with 143, however short the file's texts
    csv_file = _csv(tmp_path / "new.csv", FILMS)
    argv = ["text", "evaluate", str(clf_dir), "--csv", str(csv_file), "--text-col", "review"]
    argv += ["--label-col", "rating", "--no-progress"]
    done, took = stopped_command("_predicted", argv)
    assert (done.returncode, done.stderr, done.stdout) == (143, "terminated\n", "")
    assert took < 3.0

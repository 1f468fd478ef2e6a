"""revtext35: review of text35's ``lstmkit text evaluate`` and SentimentPredictor.evaluate."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lstmkit._checks import typed_path

FILMS = [
    (f"film {k} was {w}", y) for k in range(3) for w, y in (("great", "up"), ("awful", "down"))
]


def _csv(path: Path, rows: list[tuple[str, str]], header: str = "review,rating\n") -> Path:
    path.write_text(header + "".join(f"{t},{y}\n" for t, y in rows), encoding="utf-8")
    return path


@pytest.fixture
def no_model_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """SentimentPredictor.load fails: a refusal that comes after it names the model."""
    from lstmkit.text.sentiment import SentimentPredictor

    def load(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the model was loaded before the refusal")

    monkeypatch.setattr(SentimentPredictor, "load", staticmethod(load))


@pytest.mark.usefixtures("no_model_load")
def test_evaluate_refuses_the_csv_flags_before_the_model_loads(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    # text train refuses a missing column flag first; evaluate loaded the model, then refused
    from lstmkit.cli import main

    new = _csv(tmp_path / "new.csv", FILMS)
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    _csv(tmp_path / "header.csv", [])
    base = ["text", "evaluate", str(clf_dir), "--csv"]
    for argv, message in (
        (
            [str(new), "--label-col", "rating"],
            f"--csv needs --text-col ({typed_path(new)} has the columns review, rating).",
        ),
        (
            [str(new)],
            f"--csv needs --text-col and --label-col ({typed_path(new)} has the columns review, "
            "rating).",
        ),
        # as text train refuses them: the file first, where it holds no row to score
        (
            [str(tmp_path / "empty.csv"), "--label-col", "rating"],
            f"--csv {typed_path(tmp_path / 'empty.csv')} is empty; expected a header row naming "
            "the columns, then one row per labelled text.",
        ),
        (
            [str(tmp_path / "header.csv"), "--text-col", "review"],
            f"--csv {typed_path(tmp_path / 'header.csv')} has a header row (review, rating) but "
            "no data rows; expected one row per labelled text.",
        ),
        (
            [str(tmp_path / "none.csv"), "--text-col", "review", "--label-col", "rating"],
            f"--csv {typed_path(tmp_path / 'none.csv')} not found.",
        ),
    ):
        assert main([*base, *argv]) == 2, argv
        assert capsys.readouterr().err.strip() == f"error: {message}"
    # standard input too, read once: its copy named '<stdin>'
    text = new.read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert main([*base, "-", "--text-col", "review"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --csv needs --label-col ('<stdin>' has the columns review, rating)."
    )


def _evaluate_argv(clf_dir: Path, csv_file: Path) -> list[str]:
    return [
        "text",
        "evaluate",
        str(clf_dir),
        "--csv",
        str(csv_file),
        "--text-col",
        "review",
        "--label-col",
        "rating",
    ]


def test_evaluate_out_is_marked_as_its_own_and_rewritten_by_a_rerun(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --out took its own --overwrite: a rerun into its own folder was refused, and a folder of
    # the user's files of those names was told to give --overwrite alone; now the shared scheme
    # of the commands that write into --out: evaluation.json, moved in last, marks the folder
    import json

    from lstmkit.cli import main

    argv = _evaluate_argv(clf_dir, _csv(tmp_path / "new.csv", FILMS))
    out = tmp_path / "eval"
    assert main([*argv, "--out", str(out), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert sorted(p.name for p in out.iterdir()) == [
        "confusion.png",
        "evaluation.json",
        "predictions.csv",
    ]
    record = json.loads((out / "evaluation.json").read_text(encoding="utf-8"))
    assert record["files"] == ["confusion.png", "predictions.csv"]
    assert record["versions"]["lstmkit"]
    assert {k: record[k] for k in printed if k != "out"} == {
        k: v for k, v in printed.items() if k != "out"
    }
    assert main([*argv, "--out", str(out)]) == 0  # a rerun rewrites its folder
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"wrote confusion.png, predictions.csv and evaluation.json into {out}"
    )
    # the user's files of its names, no record of lstmkit's: refused, and --overwrite writes
    # over them (the advice works)
    (out / "evaluation.json").unlink()
    (out / "predictions.csv").write_text("mine\n", encoding="utf-8")
    assert main([*argv, "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: --out {str(out)!r} holds confusion.png and predictions.csv but no "
        "evaluation.json, so no evaluation (yours or another program's, or left by a save of "
        "lstmkit's stopped before it wrote evaluation.json, which it writes last); `lstmkit "
        "text evaluate` would overwrite them. Choose another folder or delete them first, or "
        "pass --overwrite to replace them."
    )
    assert (out / "predictions.csv").read_text(encoding="utf-8") == "mine\n"
    assert main([*argv, "--out", str(out), "--overwrite"]) == 0
    assert (out / "predictions.csv").read_text(encoding="utf-8").startswith("text,label,")
    assert (out / "evaluation.json").is_file()
    # another command's output is refused, and the other commands refuse an evaluation's
    assert main([*argv, "--out", str(clf_dir)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: --out {str(clf_dir)!r} holds a saved model of kind 'classifier' (config.json); "
        "`lstmkit text evaluate` would mix its files with it. Choose another folder."
    )
    assert main(["explain", str(clf_dir), "--text", "film 1 was great", "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: --out {str(out)!r} holds a classifier's evaluation (`lstmkit text evaluate` "
        "writes evaluation.json); `lstmkit explain` would mix its files with it. Choose another "
        "folder."
    )


def test_evaluate_out_is_written_all_or_none(
    clf_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # confusion.png was written into --out, then predictions.csv failed (a full disk, Ctrl-C):
    # the new figure stayed beside the old predictions
    from lstmkit.cli import main
    from lstmkit.text.evaluation import ClassifierEvaluation

    argv = _evaluate_argv(clf_dir, _csv(tmp_path / "new.csv", FILMS))
    out = tmp_path / "eval"
    assert main([*argv, "--out", str(out)]) == 0
    capsys.readouterr()
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def full(self: Any, path: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ClassifierEvaluation, "write_predictions", full)
    (tmp_path / "other.csv").write_text("review,rating\nfilm 7 was great,down\n", encoding="utf-8")
    # (--overwrite, which the run before this scheme needed to write into its own folder)
    again = [*_evaluate_argv(clf_dir, tmp_path / "other.csv"), "--out", str(out), "--overwrite"]
    assert main(again) == 1
    assert capsys.readouterr().err.strip() == (
        f"error: --out {str(out)!r} cannot be written: No space left on device."
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    # a folder made for it goes with the failed run
    assert main([*argv, "--out", str(tmp_path / "new" / "eval")]) == 1
    assert not (tmp_path / "new").exists()


def test_evaluate_refuses_unknown_labels_as_the_command_line_does_with_what_to_do(
    constant_predictor: Callable[..., Any],
) -> None:
    # the message was class_figures' ("`labels` must be class indices in [0, 3) or class
    # names ...") and told nothing of drop_unknown, where text evaluate names --drop-unknown
    predictor = constant_predictor(("a", "b", "c"))
    texts = ["one", "two", "three", "four", "five", "one"]
    with pytest.raises(ValueError) as err:
        predictor.evaluate(texts, ["a", "B", "d", 7, None, "d "])
    assert str(err.value) == (
        "`labels` holds labels the model does not know: 'B' (did you mean 'b'?) at position 1, "
        "'d' at positions 2, 5, 7 at position 3 (its classes: 'a', 'b', 'c', or their indices "
        "0 to 2; positions counted from 0). Correct them, or pass drop_unknown=True to leave "
        "their texts out. `labels` must hold a label for every text, got a missing label: None "
        "at position 4 (positions counted from 0): drop those texts and labels first, or pass "
        "drop_unknown=True to leave their texts out."  # revtext36: None told as missing
    )
    scores = predictor.evaluate(texts, ["a", "B", "d", 7, None, "d "], drop_unknown=True)
    assert (scores.dropped, scores.labels) == (5, ["a"])
    with pytest.raises(ValueError) as err:
        predictor.evaluate(["one"], ["d"], drop_unknown=True)
    assert str(err.value) == (
        "`labels` must hold at least one of the model's classes ('a', 'b', 'c') with "
        "drop_unknown=True, got none of them in 1 label."
    )


def test_evaluate_refuses_ints_that_index_one_class_and_name_another(
    constant_predictor: Callable[..., Any],
) -> None:
    # star ratings '1' to '5' (a CSV's, as text train reads them) scored from a pandas column
    # read as int64: 1 was taken as the index of '2', silently, and 5 was "unknown"
    import pandas as pd

    predictor = constant_predictor(("1", "2", "3", "4", "5"))
    texts = ["one", "two", "three"]
    for labels in ([1, 5, 3], pd.Series([1, 5, 3]), pd.Series([1, 5, 3]).to_numpy()):
        with pytest.raises(ValueError) as err:
            predictor.evaluate(texts, labels, drop_unknown=True)
        assert str(err.value) == (
            "`labels` must be class names (str) where the model's classes are integers "
            "written as text ('1', '2', '3', '4', '5'): an int is taken as a class index, and "
            "1 at position 0 indexes '2', 5 at position 1 indexes no class, 3 at position 2 "
            "indexes '4'. Pass `[str(v) for v in labels]` (a pandas column: `.astype(str)`) to "
            "name them, or, where they are class indices, `[predictor.labels[k] for k in "
            "labels]`."
        )
    # the advice works; names, and indices that no class's name contradicts, are taken as before
    scores = predictor.evaluate(texts, pd.Series([1, 5, 3]).astype(str))
    assert scores.labels == ["1", "5", "3"]
    assert scores.confusion[0] == [0, 1, 0, 0, 0] and scores.confusion[4] == [0, 1, 0, 0, 0]
    assert constant_predictor(("0", "1")).evaluate(["one", "two"], [0, 1]).labels == ["0", "1"]
    assert constant_predictor(("neg", "pos")).evaluate(["one"], [1]).labels == ["pos"]


def test_one_text_is_said_in_the_singular(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "'one.csv': 1 texts, accuracy ..."; ClassifierEvaluation(1 texts, ...)
    from lstmkit.cli import main
    from lstmkit.text.evaluation import ClassifierEvaluation

    one = _csv(tmp_path / "one.csv", FILMS[:1])
    assert main(_evaluate_argv(clf_dir, one)) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(f"{typed_path(one)}: 1 text, ")
    scores = ClassifierEvaluation(("a", "b"), [[1, 0], [0, 0]], ["t"], ["a"], ["a"], [0.9])
    assert repr(scores) == (
        "ClassifierEvaluation(1 text, accuracy 1.0000, macro-F1 1.0000, classes ('a', 'b'), "
        "dropped 0)"
    )
    figure = scores.plot_confusion()
    # (Figure.get_suptitle is matplotlib 3.8's)
    assert figure._suptitle.get_text() == "confusion matrix (1 text, accuracy 1.000)"


def test_evaluate_on_sst5_a_model_of_its_classes_trained_on_a_csv(
    constant_predictor: Callable[..., Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a model trained on a CSV of SST-5's names holds them sorted ('negative' first): it was
    # refused, "sst5's classes are 'very negative', 'negative', ..., the model's 'negative',
    # 'neutral', ...", the same names; SST's labels are taken by name now
    from lstmkit.cli import main
    from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier
    from lstmkit.text.sst import LABEL_NAMES

    names = tuple(sorted(LABEL_NAMES["sst5"]))
    predictor = constant_predictor(names)  # says 'neutral' of every text
    result = SentimentResult(predictor.model, predictor.vocab, SentimentConfig(), {}, names)
    save_classifier(result, tmp_path / "model")
    (tmp_path / "sst").mkdir()
    lines = ["0 one", "1 two", "2 three", "2 four", "4 five"]
    (tmp_path / "sst" / "stsa.fine.dev").write_text("\n".join(lines) + "\n", encoding="utf-8")
    argv = ["text", "evaluate", str(tmp_path / "model"), "sst5", "--split", "dev"]
    assert main([*argv, "--data-dir", str(tmp_path), "--json"]) == 0
    import json

    printed = json.loads(capsys.readouterr().out)
    assert printed["classes"] == [
        "negative",
        "neutral",
        "positive",
        "very negative",
        "very positive",
    ]
    # rows by the model's order: negative 1, neutral 2, positive 0, very negative 1, very
    # positive 1, every one predicted 'neutral'
    assert printed["confusion"] == [
        [0, 1, 0, 0, 0],
        [0, 2, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 1, 0, 0, 0],
        [0, 1, 0, 0, 0],
    ]
    assert printed["accuracy"] == 2 / 5


def test_evaluate_drop_unknown_of_every_row_is_said_of_the_file(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the command line said the Python API's words: "`labels` must hold at least one of the
    # model's classes ('down', 'up') with drop_unknown=True, got none of them in 3 labels."
    from lstmkit.cli import main

    odd = _csv(tmp_path / "odd.csv", [("film 1 was great", "Up"), ("a", "meh"), ("b", "meh")])
    assert main([*_evaluate_argv(clf_dir, odd), "--drop-unknown"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: column 'rating' of {typed_path(odd)} holds none of the model's classes ('down', "
        "'up'): 'Up' (did you mean 'up'?), 'meh'; --drop-unknown leaves no row to score."
    )

"""revtext35: review of text35's ``lstmkit text evaluate`` and SentimentPredictor.evaluate."""

from __future__ import annotations

import io
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

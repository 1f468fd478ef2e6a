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

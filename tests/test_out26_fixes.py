"""Command-line output leftovers (out26): `explain --out` deletes only the files a record of
lstmkit's lists, a read-only file and files of the user's are refused in one message, an empty
summary.csv is said to be empty, an unreadable record's reason is said without nested brackets,
and an explanation's record from before records held "versions" counts as lstmkit's.

As root every file is writable to ``os.access``; it is asked here as a user would be.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lstmkit.cli import main

STOPPED = "(yours or another program's, or left by a save of lstmkit's stopped before it wrote"


# -- 1. `explain --out` deletes only the files a record of lstmkit's lists ---------------------


def test_explain_out_keeps_the_users_files_beside_its_own(
    clf_dir, tmp_path, capsys, held_files, explain_argv
):
    # one record of lstmkit's made the whole folder lstmkit's: the user's relevance-2.json and
    # relevance.csv, whose names only resemble its own, were deleted as an earlier run's
    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    (out / "relevance-2.json").write_text('{"mine": 2}')
    (out / "relevance.csv").write_text("mine\n")
    assert main(explain_argv(clf_dir, out, "film 2 was awful")) == 0
    capsys.readouterr()
    held = held_files(out)
    assert sorted(held) == [
        "explanation.html",
        "relevance-2.json",
        "relevance.csv",
        "relevance.json",
        "relevance.png",
    ]
    assert (held["relevance-2.json"], held["relevance.csv"]) == (b'{"mine": 2}', b"mine\n")
    assert json.loads(held["relevance.json"])["text"] == "film 2 was awful"


def test_explain_out_refuses_to_overwrite_the_users_numbered_file(
    clf_dir, tmp_path, capsys, held_files, explain_argv
):
    # two sentences write relevance-2.json: the user's was overwritten without a word
    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    (out / "relevance-2.json").write_text('{"mine": 2}')
    before = held_files(out)
    capsys.readouterr()
    argv = explain_argv(clf_dir, out, "film 1 was great", "film 2 was awful")
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds relevance-2.json, which no record of lstmkit's there "
        "lists as its own; `lstmkit explain` would overwrite it. Choose another folder or "
        "delete it first, or pass --overwrite to replace it.\n"
    )
    assert held_files(out) == before
    # --overwrite writes over it, and removes the one-sentence files of the run before
    assert main([*argv, "--overwrite"]) == 0
    assert sorted(held_files(out)) == [
        "explanation-1.html",
        "explanation-2.html",
        "relevance-1.json",
        "relevance-2.json",
        "relevance.png",
    ]


def test_explain_out_removes_the_files_an_earlier_record_lists(
    clf_dir, tmp_path, capsys, held_files, explain_argv
):
    from lstmkit.io import versions

    # a forecaster's explanation.json lists its files: a sentence's explanation removes them
    out = tmp_path / "ex"
    out.mkdir()
    record = {"versions": versions(), "files": ["relevance.png", "relevance.csv"]}
    (out / "explanation.json").write_text(json.dumps(record))
    (out / "relevance.png").write_bytes(b"old plot")
    (out / "relevance.csv").write_text("old\n")
    (out / "decoder_relevance.csv").write_text("mine\n")  # not listed: the user's, kept
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    capsys.readouterr()
    held = held_files(out)
    assert sorted(held) == [
        "decoder_relevance.csv",
        "explanation.html",
        "relevance.json",
        "relevance.png",  # the sentence's figure, written over the forecaster's
    ]
    assert held["relevance.png"][:4] == b"\x89PNG"


# -- 2. a read-only file and files of the user's, said in one message -----------------------------


def test_predict_out_says_read_only_and_unmarked_files_at_once(
    read_only, fc_dir, tmp_path, capsys, held_files, read_only_said
):
    # the read-only refusal came first: its fix was met by the next refusal on the next run
    (tmp_path / "forecast.csv").write_text("my,data\n")
    read_only(tmp_path / "forecast.csv")
    assert main(["predict", str(fc_dir), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds forecast.csv, {read_only_said} --out "
        f"{str(tmp_path)!r} holds forecast.csv but no prediction.json, so no prediction "
        f"{STOPPED} prediction.json, which it writes last); `lstmkit predict` would overwrite "
        "it. Choose another folder or delete it first, or pass --overwrite to replace it.\n"
    )
    assert held_files(tmp_path) == {"forecast.csv": b"my,data\n"}


def test_forecast_out_says_read_only_and_unmarked_files_at_once(
    read_only, tmp_path, capsys, held_files, read_only_said
):
    (tmp_path / "training.png").write_bytes(b"my plot")
    read_only(tmp_path / "training.png")
    assert main(["forecast", "airline", "--epochs", "1", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds training.png, {read_only_said} --out "
        f"{str(tmp_path)!r} holds training.png but no run.json, so no forecast run {STOPPED} "
        "run.json, which it writes last); `lstmkit forecast` would overwrite it. Choose another "
        "folder or delete it first, or pass --overwrite to replace it.\n"
    )
    assert held_files(tmp_path) == {"training.png": b"my plot"}


def test_explain_out_says_read_only_and_unmarked_files_at_once(
    read_only, clf_dir, tmp_path, capsys, held_files, explain_argv, read_only_said
):
    (tmp_path / "relevance.csv").write_text("mine\n")
    read_only(tmp_path / "relevance.csv")
    assert main(explain_argv(clf_dir, tmp_path, "film 1 was great")) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds relevance.csv, {read_only_said} --out "
        f"{str(tmp_path)!r} holds relevance.csv but no explanation.json or relevance.json, so "
        f"no explanation {STOPPED} explanation.json or relevance.json, which it writes last); "
        "`lstmkit explain` would overwrite or delete it. Choose another folder or delete it "
        "first, or pass --overwrite to overwrite or delete it.\n"
    )
    assert held_files(tmp_path) == {"relevance.csv": b"mine\n"}


# -- 3. `forecast --series-col --out`: an empty summary.csv is said to be empty --------------


def test_series_out_says_an_empty_summary_csv_is_empty(
    stores, tmp_path, capsys, held_files, series_refusal
):
    # "its first line is ''"
    out = tmp_path / "runs"
    out.mkdir()
    (out / "summary.csv").write_text("")
    assert main([*stores, "--out", str(out)]) == 2
    assert capsys.readouterr().err == series_refusal(out, "it is empty")
    assert held_files(out) == {"summary.csv": b""}


def test_series_out_shortens_a_long_first_line(stores, tmp_path, capsys, series_refusal):
    out = tmp_path / "runs"
    out.mkdir()
    (out / "summary.csv").write_text("a" * 50 + ",b\n")
    assert main([*stores, "--out", str(out)]) == 2
    first = "a" * 37 + "..."
    assert capsys.readouterr().err == series_refusal(out, f"its first line is {first!r}")


# -- 4. an unreadable record: its reason without brackets inside brackets ----------------------


def test_unreadable_record_is_said_without_nested_brackets(fc_dir, tmp_path, monkeypatch, capsys):
    from lstmkit import io

    record = tmp_path / "prediction.json"
    record.write_text("{}")
    (tmp_path / "forecast.csv").write_text("my,data\n")
    real = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path == record:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(io.Path, "read_bytes", refused)
    assert io._record_problem(record) == "cannot be read: Permission denied"
    assert main(["predict", str(fc_dir), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds forecast.csv and prediction.json but no "
        "prediction.json that lstmkit wrote (its prediction.json cannot be read: Permission "
        f"denied), so no prediction {STOPPED} prediction.json, which it writes last); `lstmkit "
        "predict` would overwrite them. Choose another folder or delete them first, or pass "
        "--overwrite to replace them.\n"
    )


# -- 5. records of an lstmkit from before they held "versions" -----------------------------------

# relevance.json and explanation.json as `lstmkit explain` wrote them before 2026-12-03
OLD_RELEVANCE = {
    "model": "clf",
    "text": "film 1 was great",
    "tokens": ["film", "1", "was", "great"],
    "relevance": [0.1, 0.2, 0.3, 0.4],
    "initial_state": 0.0,
    "predicted": "up",
    "probability": 0.5,
    "explained": "up",
    "target": 0,
    "score": 1.0,
    "method": "lrp",
    "options": {"eps": 0.001, "bias_factor": 1.0},
    "unknown": [],
}
OLD_EXPLANATION = {
    "model": "fc",
    "csv": None,
    "origin": "1960-12",
    "step": 0,
    "time": None,
    "method": "lrp",
    "options": {"eps": 0.001, "bias_factor": 1.0},
    "score": 1.0,
    "initial_state": 0.0,
    "lags": 12,
    "files": ["relevance.png", "relevance.csv"],
}


@pytest.mark.parametrize(
    ("name", "record", "why"),
    [
        ("relevance.json", OLD_RELEVANCE, None),
        ("relevance-3.json", OLD_RELEVANCE, None),
        ("explanation.json", OLD_EXPLANATION, None),
        # before 2026-12-02 it listed no files
        ("explanation.json", {k: v for k, v in OLD_EXPLANATION.items() if k != "files"}, None),
        # another record's entries, or one missing: a user's
        ("explanation.json", OLD_RELEVANCE, "names no lstmkit version"),
        (
            "relevance.json",
            {k: v for k, v in OLD_RELEVANCE.items() if k != "score"},
            "names no lstmkit version",
        ),
        # run.json, prediction.json and config.json held "versions" from the first
        ("run.json", OLD_EXPLANATION, "names no lstmkit version"),
        ("prediction.json", OLD_RELEVANCE, "names no lstmkit version"),
        # a "versions" that names no lstmkit is no older lstmkit's
        (
            "relevance.json",
            {**OLD_RELEVANCE, "versions": {"python": "3.11"}},
            "names no lstmkit version",
        ),
    ],
)
def test_record_problem_takes_an_older_explanation_record(tmp_path, name, record, why):
    from lstmkit.io import _record_problem

    (tmp_path / name).write_text(json.dumps(record))
    assert _record_problem(tmp_path / name) == why


def test_explain_out_rewrites_an_older_explanation(
    clf_dir, tmp_path, capsys, held_files, explain_argv
):
    # refused as the user's ("names no lstmkit version") before
    (tmp_path / "relevance.json").write_text(json.dumps(OLD_RELEVANCE))
    (tmp_path / "explanation.html").write_text("<p>old</p>")
    assert main(explain_argv(clf_dir, tmp_path, "film 2 was awful")) == 0
    capsys.readouterr()
    held = held_files(tmp_path)
    assert sorted(held) == ["explanation.html", "relevance.json", "relevance.png"]
    assert json.loads(held["relevance.json"])["text"] == "film 2 was awful"

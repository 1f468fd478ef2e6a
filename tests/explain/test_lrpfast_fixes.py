"""Speed of LRP over many sentences (``lstmkit explain --file``, ``explain_many``): each speed-up
pinned by a test that the numbers stay what they were (the speed is measured by
benchmarks/lrp_speed.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lstmkit.io
from lstmkit.cli import main


def test_explain_file_reads_the_versions_once(
    classifier_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # every sentence's record read the library versions anew, pandas' from its installed
    # metadata: 1.4 ms a sentence, more than its explanation (20,000 lines: 28 s of about 60)
    calls = []
    real = lstmkit.io.versions

    def counted() -> dict[str, str]:
        calls.append(1)
        return real()

    monkeypatch.setattr(lstmkit.io, "versions", counted)
    lines = tmp_path / "lines.txt"
    lines.write_text("a good film\nbad\nnot good at all\n", encoding="utf-8")
    assert main(["explain", str(classifier_dir), "--file", str(lines), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(calls) == 1
    assert [r["line"] for r in records] == [1, 2, 3]
    assert [r["versions"] for r in records] == [real()] * 3


def test_explain_json_builds_no_text_block(
    classifier_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # --json prints the records only, but each sentence's coloured and aligned text block was
    # built too: 0.4 ms a sentence, about a third of the time that was not the explanation
    from lstmkit.explain import render

    calls = []
    real = render.to_terminal

    def counted(*args: object, **kwargs: object) -> str:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "to_terminal", counted)
    lines = tmp_path / "lines.txt"
    lines.write_text("a good film\nbad\nnot good at all\n", encoding="utf-8")
    argv = ["explain", str(classifier_dir), "--file", str(lines)]
    assert main([*argv, "--json", "--out", str(tmp_path / "out")]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert calls == []
    assert [r["tokens"] for r in records] == [
        ["a", "good", "film"],
        ["bad"],
        ["not", "good", "at", "all"],
    ]
    assert records[1]["written"] == [
        str(tmp_path / "out" / "explanation-2.html"),
        str(tmp_path / "out" / "relevance-2.json"),
    ]
    assert main(argv) == 0  # the text blocks still have them
    assert len(calls) == 3
    assert capsys.readouterr().out.startswith("> a good film\npredicted: ")

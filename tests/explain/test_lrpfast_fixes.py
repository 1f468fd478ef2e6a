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

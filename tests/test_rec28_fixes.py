"""Output-folder records (rec28): one registry of the records' names, a user's run.json or
prediction.json in ``--out`` known as the user's, a seq2seq explanation's early check of the
files it writes, and a read-only file and a user's file said in one message.

As root every file is writable to ``os.access``; it is asked here as a user would be.
"""

from __future__ import annotations

import json

import pytest

from lstmkit import _records, io
from lstmkit.cli import explain as cli_explain

# -- 1. one registry of the records' names ----------------------------------------------------


def test_the_records_names_come_from_one_registry():
    # three lists of the same names (cli's, explain's, io's) had to be kept alike by hand
    import lstmkit.cli as cli

    assert cli.RECORD is _records.RECORD and cli_explain.EXPLAIN is _records.EXPLAIN
    assert [pattern for pattern, _ in io._UNVERSIONED_RECORDS] == [
        _records.RELEVANCE,
        _records.EXPLANATION,
    ]
    names = ["config.json", "run.json", "prediction.json", "explanation.json", "relevance.json"]
    names += ["relevance-12.json", "relevance-.json", "explanation-1.json", "forecast.csv"]
    assert [n for n in names if _records.RECORD.fullmatch(n)] == names[:6]
    assert [n for n in names if _records.EXPLAIN.fullmatch(n)] == names[3:6]
    assert not any(hasattr(m, n) for m, n in [(cli, "_RECORD"), (cli_explain, "_RECORD_NAME")])


# -- 2. explain's stale files: its record read once -------------------------------------------


def test_stale_names_reads_an_explanation_record_once(tmp_path, monkeypatch):
    # explanation.json was read and parsed for its check, then again for its "files"
    from pathlib import Path

    record = {"versions": {"lstmkit": "1"}, "files": ["relevance.png", "relevance.csv"]}
    (tmp_path / "explanation.json").write_text(json.dumps(record), "utf-8")
    for name in ("relevance.png", "relevance.csv", "decoder_relevance.csv"):
        (tmp_path / name).write_text("x")
    reads: list[str] = []
    real_bytes, real_text = Path.read_bytes, Path.read_text

    def read_bytes(self):
        reads.append(self.name)
        return real_bytes(self)

    def read_text(self, *args, **kwargs):
        reads.append(self.name)
        return real_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "read_text", read_text)
    stale = cli_explain._stale_names(tmp_path, overwrite=False)
    assert stale == ["relevance.png", "relevance.csv", "explanation.json"]
    assert reads == ["explanation.json"]

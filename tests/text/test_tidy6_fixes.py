"""Fixes of the text commands found while giving each thing one way of being done (tests fail
without their fix)."""

from __future__ import annotations

import pytest

from lstmkit.cli import _forecast_run, main


def test_text_train_reads_the_csvs_header_once_where_a_column_flag_is_missing(
    tmp_path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the header row was read twice: for the refusal of a file without data rows, then for
    # the columns listed; the message is unchanged
    read = _forecast_run._header_row
    paths = []

    def counted(path, sep=","):
        paths.append(path)
        return read(path, sep)

    monkeypatch.setattr(_forecast_run, "_header_row", counted)
    csv = tmp_path / "reviews.csv"
    csv.write_bytes(b"review,sentiment\ngood film,pos\ndull film,neg\n")
    dev = tmp_path / "dev.csv"
    dev.write_bytes(b"review,sentiment\nfine,pos\n")
    argv = ["text", "train", "--csv", str(csv), "--dev-csv", str(dev), "--text-col", "review"]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --csv needs --label-col ({str(csv)!r} has the columns review, sentiment).\n",
    )
    assert paths == [csv, dev]  # each file's once

"""``lstmkit text train --csv`` of a compressed CSV: its columns listed where a flag is
missing, as a plain file's are (the header was read as packed bytes: none listed)."""

from __future__ import annotations

import bz2
import gzip

import pytest

from lstmkit.cli import main

CSV = b"review,sentiment\ngood film,pos\ndull film,neg\n"


@pytest.mark.parametrize(
    ("name", "pack"), [("reviews.csv.gz", gzip.compress), ("r.bz2", bz2.compress)]
)
def test_text_train_lists_a_compressed_csvs_columns_when_a_flag_is_missing(
    tmp_path, capsys, name, pack
):
    # "--csv needs --label-col." without the columns
    csv = tmp_path / name
    csv.write_bytes(pack(CSV))
    argv = ["text", "train", "--csv", str(csv), "--text-col", "review"]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: --csv needs --label-col ({str(csv)!r} has the columns review, sentiment).\n",
    )
    assert not (tmp_path / "out").exists()

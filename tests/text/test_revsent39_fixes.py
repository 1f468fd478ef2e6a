"""Review of sent39 (revsent39): the labelled-CSV reading of rows wider than the header, the
iconv advice, float labels, empty texts and the training loss per epoch."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import read_labelled_csv


def test_r_row_names_read_as_the_index_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # R's write.table writes each row's number before its fields, under a header without it:
    # read as pandas reads it (the index) before sent39, then refused as "line 2 has 3 fields,
    # its header 2, and a field past the header's holds 'pos'"
    path = tmp_path / "r.csv"
    path.write_bytes(b'"text","label"\n"1","good film","pos"\n"2","bad film","neg"\n')
    assert read_labelled_csv(path, "text", "label") == (["good film", "bad film"], ["pos", "neg"])
    tsv = tmp_path / "r.tsv"
    tsv.write_bytes(b'"text"\t"label"\n"1"\t"good film"\t"pos"\n"2"\t"bad film"\t"neg"\n')
    assert read_labelled_csv(tsv, "text", "label") == (["good film", "bad film"], ["pos", "neg"])
    # an empty label of such a file is told by its row, as before
    path.write_bytes(b'"text","label"\n"1","good film","pos"\n"2","bad film",""\n')
    with pytest.raises(ValueError, match=r"got an empty one in row 2 \(rows counted from 1"):
        read_labelled_csv(path, "text", "label")
    # a text with an unquoted comma whose first field is a number, on one row only: refused
    path.write_bytes(b"text,label\n10, would buy again,pos\nbad film,neg\n")
    with pytest.raises(ValueError, match=r"line 2 has 3 fields, its header 2, and a field past"):
        read_labelled_csv(path, "text", "label")
    # so is a repeated number (no row names) on every row
    path.write_bytes(b"text,label\n1,good film,pos\n1,bad film,neg\n")
    argv = ["text", "train", "--csv", str(path), "--text-col", "text", "--label-col", "label"]
    assert main([*argv, "--out", str(tmp_path / "runs")]) == 2
    assert "line 2 has 3 fields, its header 2, and a field past the header's holds 'pos'" in (
        capsys.readouterr().err
    )

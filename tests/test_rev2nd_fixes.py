"""Second-round review of the day's reviewers' fixes (each test fails without its fix)."""

from __future__ import annotations

import pandas as pd
import pytest

from lstmkit import data

CSV = b"month,sales\n2020-01,1\n2020-02,2\n2020-03,3\n"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        # another module's words, or pandas 2's words ahead of others', are not this file's
        ("sales.csv.bz2", "lzma module not available. A Python re-install ..."),
        ("sales.csv.xz", "bz2 module not available. A Python re-install ..."),
        ("sales.csv.bz2", "the pyarrow module not available"),
        ("sales.csv.zst", "bz2 module not available. A Python re-install ..."),
    ],
)
def test_a_runtime_error_naming_no_module_of_this_compression_passes_through(
    tmp_path, monkeypatch, name, said
):
    # " module not available" anywhere in a RuntimeError was taken for pandas 2's word that
    # this compression's module is missing: "Python's bz2 module, left out of this Python"
    csv = tmp_path / name
    csv.write_bytes(CSV)

    def broken(*args, **kwargs):
        raise RuntimeError(said)

    monkeypatch.setattr(pd, "read_csv", broken)
    # a packed file is unpacked by pandas' own handle before read_csv parses it
    monkeypatch.setattr("pandas.io.common.get_handle", broken)
    with pytest.raises(RuntimeError) as info:
        data._read_table(csv)
    assert str(info.value) == said

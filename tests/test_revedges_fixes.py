"""Review of the day's input-file messages: pandas 2's RuntimeError for a missing bz2 or lzma
module, and an archive whose members' names hold ": "."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from lstmkit import data
from lstmkit.cli import main

CSV = b"month,sales\n2020-01,1\n2020-02,2\n2020-03,3\n"


@pytest.mark.parametrize(
    ("name", "module", "message"),
    [
        (
            "sales.csv.bz2",
            "bz2",
            "CSV file 'sales.csv.bz2' is bzip2-compressed, which pandas unpacks with Python's "
            "bz2 module, left out of this Python; unpack the file first (bunzip2 -k "
            "sales.csv.bz2) and pass the CSV it holds.",
        ),
        (
            "sales.csv.xz",
            "lzma",
            "CSV file 'sales.csv.xz' is xz-compressed, which pandas unpacks with Python's lzma "
            "module, left out of this Python; unpack the file first (unxz -k sales.csv.xz) and "
            "pass the CSV it holds.",
        ),
    ],
)
def test_pandas_2s_runtime_error_for_a_missing_unpacker_is_refused_by_name(
    tmp_path, monkeypatch, capsys, name, module, message
):
    # pandas 2.2 (which the package allows) raises RuntimeError, not ImportError, where
    # Python was built without the module: its traceback came through
    csv = tmp_path / name
    csv.write_bytes(CSV)

    def missing(*args, **kwargs):
        raise RuntimeError(
            f"{module} module not available. A Python re-install with the proper "
            "dependencies, might be required to solve this issue."
        )

    monkeypatch.setattr(pd, "read_csv", missing)
    with pytest.raises(ValueError) as info:
        data.read_csv(csv, "month", "sales")
    assert str(info.value) == message
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr() == ("", f"error: {message}\n")


@pytest.mark.parametrize("name", ["sales.csv", "sales.csv.bz2"])
def test_another_runtime_error_is_not_taken_for_a_missing_unpacker(tmp_path, monkeypatch, name):
    csv = tmp_path / name
    csv.write_bytes(CSV)

    def broken(*args, **kwargs):
        raise RuntimeError("bz2 module not available" if name == "sales.csv" else "a broken pipe")

    monkeypatch.setattr(pd, "read_csv", broken)
    with pytest.raises(RuntimeError, match=r"^(bz2 module not available|a broken pipe)$"):
        data._read_table(csv)


def test_an_archive_whose_members_names_hold_a_colon_lists_them_whole(tmp_path):
    # the list was cut at the last ": ": "(b.csv', 'c.csv')"
    path = tmp_path / "two.csv.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("shop: a.csv", CSV)
        z.writestr("c.csv", CSV)
    with pytest.raises(ValueError) as info:
        data.read_csv(path, "month", "sales")
    assert str(info.value) == (
        "CSV file 'two.csv.zip' is an archive of several files ('shop: a.csv', 'c.csv'), where "
        "one, the CSV, is read; unpack the one you mean and pass it."
    )

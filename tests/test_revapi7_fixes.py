"""Review of api7 (revapi7): each test fails without its fix."""

from __future__ import annotations

import gzip
import io
import tarfile

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.data import read_csv, series_names

_CSV = "date,y\n2020-01-01,1\n2020-01-02,2\n2020-01-03,5\n"


def test_read_csv_reads_gzip_opens_file_which_is_unpacked_already(tmp_path) -> None:
    # gzip.open(...)'s file is named 'sales.csv.gz' and reads as the CSV: named by its name,
    # the copy was unpacked again and refused ("cannot be unpacked as its name's end '.gz'
    # says (Not a gzipped file (b'da'))"), where pd.read_csv(gzip.open(...)) reads it
    packed = tmp_path / "sales.csv.gz"
    packed.write_bytes(gzip.compress(_CSV.encode()))
    for mode in ["rt", "rb"]:
        with gzip.open(packed, mode) as f:
            assert read_csv(f, "date", "y")["y"].tolist() == [1.0, 2.0, 5.0]
    # bytes packed under a plain name (a .gz saved as sales.csv) are unpacked by what they
    # are, as a buffer's are: a file object cannot be renamed
    plain = tmp_path / "sales.csv"
    plain.write_bytes(gzip.compress(_CSV.encode()))
    with plain.open("rb") as f:
        assert read_csv(f, "date", "y")["y"].tolist() == [1.0, 2.0, 5.0]
    # and refusals still name the file as it was opened
    with gzip.open(packed, "rt") as f, pytest.raises(ValueError) as e:
        read_csv(f, "date", "z")
    assert str(e.value) == (
        f"column ['z'] not found in {str(packed)!r}; available columns: ['date', 'y']."
    )
    # bytes that tell less than the name (an empty tar, gzipped: NUL bytes) read by the name
    empty = tmp_path / "sales.tar.gz"
    with tarfile.open(empty, "w:gz"):
        pass
    with empty.open("rb") as f, pytest.raises(ValueError) as e:
        read_csv(f, "date", "y")
    assert str(e.value) == (
        "CSV file 'sales.tar.gz' is an empty archive; expected one file in it, the CSV."
    )
    with pytest.raises(ValueError) as e:
        read_csv(io.BytesIO(gzip.compress(b"")), "date", "y")
    assert str(e.value) == (
        "CSV file '<BytesIO>' is empty; expected a header row naming the columns, then one row "
        "per timestamp."
    )


def test_interpolate_carrying_a_flag_forward_is_no_look_ahead(tmp_path, capsys) -> None:
    # a holiday flag's gap before the holdout, carried forward by interpolate from the value
    # before it, was refused as filled "from 2021-02-07, a value after it"
    days = pd.date_range("2021-01-01", periods=40, freq="D")
    flag = pd.Series(np.where(np.arange(40) % 7 == 0, "True", "False"), dtype=object)
    flag[36] = ""
    csv = tmp_path / "flags.csv"
    pd.DataFrame(
        {"day": days.strftime("%Y-%m-%d"), "sales": 20.0 + np.arange(40) % 5, "holiday": flag}
    ).to_csv(csv, index=False)
    read = read_csv(csv, "day", ["sales", "holiday"], fill="interpolate")
    assert read["holiday"].iloc[35:38].tolist() == [1.0, 1.0, 0.0]  # carried forward
    assert D.fill_reads_ahead(read, 37) is None
    argv = ["forecast", "--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    argv += ["--covariate-cols", "holiday", "--horizon", "3", "--holdout", "3"]
    argv += ["--epochs", "1", "--ensemble", "1", "--no-stat-baselines", "--json"]
    assert main([*argv, "--fill", "interpolate"]) == 0
    capsys.readouterr()
    # at its start, before any value, it is filled from the first one, which is ahead
    starts = pd.DataFrame(
        {"y": np.arange(5.0), "b": pd.array([None, None, True, False, True], dtype="boolean")},
        days[:5],
    )
    assert D.fill_reads_ahead(D.to_frame(starts, fill="interpolate"), 2) == (days[1], days[2])
    # numbers are interpolated from the value after the gap still
    numbers = starts.assign(b=[0.0, 1.0, np.nan, 3.0, 4.0])
    assert D.fill_reads_ahead(D.to_frame(numbers, fill="interpolate"), 3) == (days[2], days[3])


def test_series_names_reads_a_file_object_as_read_csv_does() -> None:
    # read_csv took io.StringIO, but series_names, which lists the series of the same long
    # file, refused it: "`path` must be a str or Path, got StringIO."
    long = "store,date,y\nA,2020-01-01,1\nB,2020-01-01,2\nA,2020-01-02,3\n"
    assert series_names(io.StringIO(long), "store") == ["A", "B"]
    assert series_names(io.BytesIO(gzip.compress(long.encode())), "store") == ["A", "B"]
    with pytest.raises(ValueError) as e:
        series_names(io.StringIO(long), "shop")
    assert str(e.value) == (
        "column ['shop'] not found in '<StringIO>'; available columns: ['store', 'date', 'y']."
    )
    with pytest.raises(TypeError) as e:
        series_names(3, "store")
    assert str(e.value) == (
        "`path` must be a str, a Path or a file object (open(...), io.StringIO, io.BytesIO), "
        "got int."
    )

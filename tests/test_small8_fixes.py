"""Small defects left by this session's helpers: fractions beyond float's range, damaged
packed file objects."""

from __future__ import annotations

import gzip
import io
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from lstmkit.data import read_csv, to_frame


def test_a_fraction_beyond_floats_range_is_refused_naming_column_and_rows() -> None:
    # it was a bare "OverflowError: integer division result too large for a float"
    index = pd.date_range("2000", periods=8, freq="MS")
    x = [Fraction(1, 3)] * 5 + [Fraction(10**400, 3), Fraction(-(10**400), 7), Fraction(1, 2)]
    frame = pd.DataFrame({"y": [1.0] * 8, "x": x}, index=index)
    with pytest.raises(ValueError) as err:
        to_frame(frame)
    assert str(err.value) == (
        "values must be finite, got a fraction beyond float's range (±1.8e308) in column 'x' "
        "at 2000-06-01, 2000-07-01."
    )
    assert to_frame(frame.iloc[:5])["x"].tolist() == [1 / 3] * 5  # those within it, as floats


def test_a_damaged_gzip_file_object_is_not_told_to_be_renamed(tmp_path: Path) -> None:
    # it was told "name it by what it holds (.csv for CSV text), or pack it again", which a
    # file object cannot be
    damaged = gzip.compress(b"date,y\n2000-01-01,1\n")[:20]
    path = tmp_path / "sales.csv.gz"
    path.write_bytes(damaged)
    advice = (
        "cannot be unpacked, though its bytes begin as a '.gz' file's do (Compressed file ended "
        "before the end-of-stream marker was reached); check where they came from (cut short or "
        "damaged?), or pass its contents unpacked (gzip.open(...) on a whole file, io.BytesIO "
        "of the unpacked bytes)."
    )
    with open(path, "rb") as f, pytest.raises(ValueError) as err:
        read_csv(f, "date", ["y"])
    assert str(err.value) == "CSV file 'sales.csv.gz' " + advice
    with pytest.raises(ValueError) as err:
        read_csv(io.BytesIO(damaged), "date", ["y"])
    assert str(err.value) == "CSV file '<BytesIO>' " + advice
    with pytest.raises(ValueError, match=r"name it by what it holds \(\.csv for CSV text\)"):
        read_csv(path, "date", ["y"])  # a path can be renamed: told so still

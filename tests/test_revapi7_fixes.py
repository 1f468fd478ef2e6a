"""Review of api7 (revapi7): each test fails without its fix."""

from __future__ import annotations

import gzip
import io

import pytest

from lstmkit.data import read_csv

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
        f"column(s) ['z'] not found in {str(packed)!r}; available columns: ['date', 'y']."
    )
    with pytest.raises(ValueError) as e:
        read_csv(io.BytesIO(gzip.compress(b"")), "date", "y")
    assert str(e.value) == (
        "CSV file '<BytesIO>' is empty; expected a header row naming the columns, then one row "
        "per timestamp."
    )

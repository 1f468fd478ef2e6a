"""A CSV's decimals read as the doubles they name, on pandas 2 as on pandas 3.

pandas 2's ``to_numeric`` read about one decimal in three an ulp off (a forecast from
``lstmkit predict --csv`` of a series written by ``to_csv`` differed from ``predict(series=)``
in its last bit); ``data._read_exactly`` reads them as ``float`` does.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D


def test_a_csv_written_by_to_csv_reads_back_bit_for_bit(tmp_path: Path) -> None:
    x = np.random.default_rng(0).normal(size=3000)
    frame = pd.DataFrame({"ds": pd.date_range("2000-01-01", periods=3000, freq="h"), "y": x})
    frame.to_csv(tmp_path / "s.csv", index=False)
    read = D.read_csv(tmp_path / "s.csv", "ds", ["y"]).to_numpy().ravel()
    # pandas 2.2 without the exact read: 927 of the 3,000 values an ulp off
    assert int((read != x).sum()) == 0


def test_an_ulp_off_reading_is_read_again_as_float_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(D, "_TO_NUMERIC_ROUNDS_OFF", True)  # as on pandas 2
    numbers = pd.Series(["0.7041937922910476", "2", "x", 3.5], index=[5, 6, 7, 8], dtype=object)
    off = pd.Series([0.7041937922910475, 2.0, np.nan, 3.5], index=[5, 6, 7, 8], name="y")
    out = D._read_exactly(numbers, off)
    assert out.tolist()[:2] == [0.7041937922910476, 2.0]
    assert np.isnan(out.tolist()[2]) and out.tolist()[3] == 3.5
    assert out.index.tolist() == [5, 6, 7, 8] and out.name == "y"
    # a pandas 3 reading (or an int column) is kept as it came
    monkeypatch.setattr(D, "_TO_NUMERIC_ROUNDS_OFF", False)
    assert D._read_exactly(numbers, off) is off

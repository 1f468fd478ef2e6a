"""leftfc36: forecasting left-overs (where numbers, file lines past quoted breaks, euro CSVs,
paths to paste)."""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit import data as D


def _stores(tmp_path):
    rows = ["store,date,value"] + [
        f"{store},2020-01-{day:02d},{10 * k + day}"
        for k, store in enumerate(["1", "2", "10"])
        for day in range(1, 11)
    ]
    path = tmp_path / "stores.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("number", [1, np.int64(1), 10, np.int64(10)])
def test_where_takes_a_number_as_its_text(tmp_path, number) -> None:
    """A number in `where` was a TypeError ("both str"), where --where store=1 reads the rows
    of '1': it is its text, as pandas' df[df.store == 1] keeps the store it reads as 1."""
    frame = D.read_csv(_stores(tmp_path), "date", "value", where={"store": number})
    first = 0 if number == 1 else 20
    assert frame["value"].tolist() == [float(first + day) for day in range(1, 11)]


def test_where_tells_a_float_the_one_cell_to_pass(tmp_path, monkeypatch) -> None:
    _stores(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as e:
        D.read_csv("stores.csv", "date", "value", where={"store": 1.0})
    assert str(e.value) == (
        "no row of 'stores.csv' has store='1.0' (`where`); the column holds 1, 10, 2 (did you "
        "mean where={'store': '1'}?)."
    )
    assert D.series_names("stores.csv", "store", where={"store": np.int64(10)}) == ["10"]

"""Review of api6 (the Python API under pandas/numpy inputs): each test fails without its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstmkit import data


def test_read_csv_takes_value_cols_as_a_set_of_one_name(tmp_path: Path) -> None:
    # a set of one name has one order: it was read before api6, then refused as "keeps no order"
    csv = tmp_path / "s.csv"
    csv.write_text("date,y,x\n" + "".join(f"2000-01-{d:02d},{d},{d % 7}\n" for d in range(1, 31)))
    assert list(data.read_csv(csv, "date", {"y"}).columns) == ["y"]
    assert list(data.read_csv(csv, "date", frozenset({"x"})).columns) == ["x"]
    with pytest.raises(TypeError, match=re.escape("got a set of ['x', 'y'], which keeps no")):
        data.read_csv(csv, "date", {"x", "y"})

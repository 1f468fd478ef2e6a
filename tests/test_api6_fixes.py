"""The Python API under the inputs a pandas user has (api6): each test fails without its fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lstmkit import data


@pytest.fixture
def two_columns(tmp_path: Path) -> Path:
    csv = tmp_path / "s.csv"
    csv.write_text("date,y,x\n" + "".join(f"2000-01-{d:02d},{d},{d % 7}\n" for d in range(1, 31)))
    return csv


def test_read_csv_refuses_value_cols_as_a_set(two_columns: Path) -> None:
    # a set's order, and so which column was the target, varied from run to run
    # (PYTHONHASHSEED): ['y', 'x'] in one, ['x', 'y'] in the next
    with pytest.raises(TypeError) as e:
        data.read_csv(two_columns, "date", {"y", "x"})
    assert str(e.value) == (
        "`value_cols` must be in order, the target first, got a set of ['x', 'y'], which keeps "
        "no order (the target was whichever came first); pass a list, e.g. ['x', 'y']."
    )
    # an ordered iterable is read in its order
    assert list(data.read_csv(two_columns, "date", {"x": 0, "y": 1}.keys()).columns) == ["x", "y"]


def test_read_csv_refuses_column_positions_naming_each(two_columns: Path) -> None:
    # pd.read_csv(index_col=0) takes positions; here they failed as "'int' object has no
    # attribute 'strip'"
    with pytest.raises(TypeError) as e:
        data.read_csv(two_columns, 0, ["y", 2])
    assert str(e.value) == (
        "`date_col` must be a column name (str), as the file's header row writes it, not a "
        "position, got int 0; `value_cols` must hold column names (str), as the file's header "
        "row writes them, not positions, got int 2 at position 1."
    )
    with pytest.raises(TypeError, match=re.escape("got int 1 at position 0.")):
        data.read_csv(two_columns, "date", [1])

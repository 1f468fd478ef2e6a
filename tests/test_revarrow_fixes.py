"""pandas data stored in pyarrow: defects found reviewing the arrow branch, each pinned by the
test that found it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lstmkit import Forecaster
from lstmkit import data as D


def test_integer_steps_with_an_empty_cell_are_refused_as_unparsable_dates(tmp_path: Path) -> None:
    # pandas 3 (with or without pyarrow) keeps the empty cell as NaN in text made Python
    # strings, which .str.fullmatch(...).all() skipped: "cannot convert float NaN to integer"
    path = tmp_path / "s.csv"
    path.write_text("step,y\n1,1\n2,2\n,3\n4,4\n", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        D.read_csv(path, "step", "y")
    assert str(caught.value) == (
        f"column 'step' of {str(tmp_path / 's.csv')!r} has unparsable dates at row 2 ('1'), row 3 "
        "('2'), row 4 (empty), row 5 ('4'); no date format is inferred from '1': from 1 to 4, "
        "they are no spreadsheet's serial dates: pass the column of dates as date_col (CLI: "
        "--date-col), or pass date_format (CLI: --date-format), a strftime format such as "
        "'%Y-%m-%d'."
    )


def _converted(monkeypatch: pytest.MonkeyPatch) -> list[pd.Series]:
    """The series ``D._python_strings`` is handed from now on (each still converted)."""
    seen: list[pd.Series] = []
    convert = D._python_strings

    def spy(values: pd.Series) -> pd.Series:
        seen.append(values)
        return convert(values)

    monkeypatch.setattr(D, "_python_strings", spy)
    return seen


def test_a_column_of_dates_is_not_turned_into_python_strings_to_look_for_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # read_csv of 100,000 dates spent 0.1 s (most of its time) in Python's re over all of them
    # to learn that the first one already is no whole number
    seen = _converted(monkeypatch)
    assert D._integer_positions(pd.Series(["2020-01-01", "2020-01-02"])) is None
    assert seen == []
    steps = D._integer_positions(pd.Series(["10", " 20", "30.0"]))
    assert steps is not None
    assert steps.tolist() == [10, 20, 30]


def test_dates_are_stripped_before_they_become_python_strings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the strip of 100,000 dates in Python cost 30x its run in pyarrow, which strips the same
    # characters (every one that str.isspace() names)
    seen = _converted(monkeypatch)
    stamps = D._parse_dates(pd.Series([" Jan-05", "Feb-05 "]), "d", "f.csv", None)
    assert [str(s.date()) for s in stamps] == ["2005-01-01", "2005-02-01"]
    assert seen[0].tolist() == ["Jan-05", "Feb-05"]


def test_pyarrow_booleans_are_told_apart_as_numpy_ones_after_the_merge() -> None:
    """A guard of the merge of arrow into cli3's boolean bookkeeping in ``_check_values``: the
    column made Python objects is the one judged, so pyarrow's bool and True/False text count
    as booleans (a target of them refused, a covariate read as 1/0), its numbers not (its
    numbers as text are refused, as the metrics refuse them)."""
    pa = pytest.importorskip("pyarrow")
    months = pd.date_range("2020-01-01", periods=4, freq="MS")
    flags = [True, False, False, True]

    def refusal(dtype: object) -> str:
        with pytest.raises(ValueError) as caught:
            Forecaster(horizon=1).fit(pd.Series(flags, index=months, dtype=dtype, name="y"))
        return str(caught.value)

    assert refusal(pd.ArrowDtype(pa.bool_())) == refusal(bool)
    assert refusal(pd.ArrowDtype(pa.bool_())).startswith(
        "`series` must hold numbers to forecast in its target column 'y', got booleans"
    )
    frame = pd.DataFrame(
        {
            "y": pd.Series([1, 2, 3, 4], dtype=pd.ArrowDtype(pa.int64())),
            "flag": pd.Series(flags, dtype=pd.ArrowDtype(pa.bool_())),
            "said": pd.Series(["True", "false", "FALSE", "true"], dtype=pd.ArrowDtype(pa.string())),
        }
    ).set_axis(months)
    read = D.to_frame(frame)
    assert read.attrs["booleans"] == ["flag", "said"]
    assert read.to_numpy().tolist() == [[1, 1, 1], [2, 0, 0], [3, 0, 0], [4, 1, 1]]

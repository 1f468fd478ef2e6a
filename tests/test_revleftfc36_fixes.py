"""revleftfc36: review of leftfc36 (the re-read of a file of another separator, paths to
paste)."""

from __future__ import annotations

import pytest

from lstmkit import data as D


def test_a_quoted_header_of_both_separators_is_told_its_separator_not_a_recursion(
    tmp_path, monkeypatch
) -> None:
    """'"date;y,z"' quoted is one column by ',' and by ';': the re-read that finds the options
    of the other separator read it by each in turn without end (RecursionError); it is told
    the separator, as before the re-read."""
    (tmp_path / "q.csv").write_text('"date;y,z"\n"2020-01-01;1,2"\n"2020-02-01;3,4"\n')
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as e:
        D.read_csv("q.csv", "date", "y")
    assert str(e.value) == (
        "columns ['date', 'y'] not found in 'q.csv'; available columns: ['date;y,z'] (one "
        "column whose name holds ';': the file looks ';'-separated; pass sep=';' (CLI: --sep "
        "';'))."
    )
    assert e.value.read_options is None

"""A CSV of another separator given without its column flags (main, session 36): the columns
were listed as one, 'date;value', with no word of the separator the refusal of the flags' run
names next."""

from __future__ import annotations

import pytest

from lstmkit.cli import main


@pytest.mark.parametrize(
    ("argv", "needs", "header"),
    [
        (["forecast"], "--date-col and --value-col", "date;value"),
        (["text", "train"], "--text-col and --label-col", "text;label"),
    ],
)
def test_csv_without_its_column_flags_is_told_the_separator(
    tmp_path, capsys, argv, needs, header
) -> None:
    path = tmp_path / "euro.csv"
    path.write_text(f"{header}\n01.01.2015;10.030,00\n01.02.2015;10.130,00\n", encoding="utf-8")
    assert main([*argv, "--csv", str(path), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv needs {needs} ({str(path)!r} has one column, {header!r}: the file looks "
        "';'-separated; pass --sep ';' too).\n"
    )
    assert not (tmp_path / "out").exists()


def test_tab_and_a_one_column_file_of_the_separator_given(tmp_path, capsys) -> None:
    tabbed = tmp_path / "t.txt"  # not .tsv, which is read with a tab (test_fccli39_fixes)
    tabbed.write_text("date\tvalue\n2020-01-01\t1\n", encoding="utf-8")
    assert main(["forecast", "--csv", str(tabbed)]) == 2
    assert capsys.readouterr().err.endswith(
        "has one column, 'date\\tvalue': the file looks '\\t'-separated; pass --sep tab too).\n"
    )
    # a file of one column read by the separator it holds lists it as ever
    one = tmp_path / "one.csv"
    one.write_text("value\n1\n", encoding="utf-8")
    assert main(["forecast", "--csv", str(one)]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv needs --date-col and --value-col ({str(one)!r} has the columns value).\n"
    )

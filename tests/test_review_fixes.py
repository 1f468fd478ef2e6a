"""Review of the day's changes: what they got wrong in cases their authors did not try."""

import re

import pytest

from lstmkit import data as D


def _csv(tmp_path, values, sep=","):
    path = tmp_path / "s.csv"
    rows = "".join(f"2020-0{k + 1}-01{sep}{v}\n" for k, v in enumerate(values))
    path.write_text(f"d{sep}y\n{rows}", encoding="utf-8")
    return path


# --- thousands separators ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ['"$1,234"', '"1,234%"', '"(1,234)"', '"1,234 kg"'])
def test_a_value_wrong_for_another_reason_than_its_grouping_gets_no_grouping_advice(
    tmp_path, value
):
    # "$1,234" was told that the ',' stands between groups of three digits "not so in '$1,234'",
    # where it does: the currency sign is what is wrong
    path = _csv(tmp_path, [value, "2", "3"])
    shown = value.strip('"')
    # the sign, named since (covuser): with the separators given, it alone is to remove
    sign = " (amounts with a currency sign, '$1,234'?): remove the '$' from the file's cells"
    # and the percent sign, named since (winuser)
    # with the number each fix reads (readleft)
    percent = (
        " (percentages, '1,234%'?): remove the '%' from the file's cells ('1,234%' reads as "
        "1234); or format the column as numbers in the spreadsheet and save the CSV again "
        "('1,234%' reads as 12.34)"
    )
    # and a negative in parentheses, named since (readleft)
    parentheses = (
        " (negatives in parentheses, '(1,234)' for '-1,234'?): write them with a minus sign in "
        "the file's cells; or format the column as numbers with a minus sign in the "
        "spreadsheet and save the CSV again"
    )
    hints = {"$": sign, "%": percent, ")": parentheses}
    with pytest.raises(
        ValueError,
        match=re.escape(
            f"column 'y' of {str(path)!r} has non-numeric values at 2020-01-01 ({shown!r})"
            + hints.get(shown[0], hints.get(shown[-1], ""))
            + "."
        )
        + "$",
    ):
        D.read_csv(path, "d", "y", thousands=",")


def test_a_first_group_starting_with_0_is_a_decimal_comma_not_thousands(tmp_path):
    # "0,125" read as 125 with thousands=",", a thousand times the value, without a word
    path = _csv(tmp_path, ['"0,125"', '"1,250"', "3"])
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y", thousands=",")
    assert str(err.value) == (
        f"column 'y' of {str(path)!r} has non-numeric values at 2020-01-01 ('0,125') "
        "(thousands=',' (CLI: "
        "--thousands ',') stands between groups of three digits, as in 1,234,567, not so in "
        "'0,125': a decimal comma? pass decimal=',' (CLI: --decimal ',') instead)."
    )
    path = _csv(tmp_path, ['"0,125"', '"-0,5"', "3"], sep=";")
    frame = D.read_csv(path, "d", "y", sep=";", decimal=",")
    assert frame["y"].tolist() == pytest.approx([0.125, -0.5, 3.0], abs=1e-12)


def test_thousands_in_groups_of_three_take_an_exponent_as_they_did(tmp_path):
    # "1,234.5e3" read as 1234500 before the grouping check, then was refused
    path = _csv(tmp_path, ['"1,234.5e3"', '"-2,000E-1"', "3"])
    frame = D.read_csv(path, "d", "y", thousands=",")
    assert frame["y"].tolist() == pytest.approx([1234500.0, -200.0, 3.0], abs=1e-9)


# --- --csv from a pipe or standard input, without the column flags -------------------------------


@pytest.mark.parametrize("command", ["forecast", "predict"])
def test_a_pipe_as_csv_is_named_before_the_column_flags_it_cannot_show(
    tmp_path, capsys, monkeypatch, command
):
    # "--csv needs --date-col and --value-col." came first (with no columns: a pipe's header
    # is not read), then, once they were given, that a pipe cannot be read
    import os

    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    os.mkfifo("pipe")
    if command == "forecast":  # which reads standard input (files9) and pipes (io11) once
        import threading

        writer = threading.Thread(target=(tmp_path / "pipe").write_text, args=("d,y\n1,2\n",))
        writer.start()
        assert main([command, "--csv", "pipe"]) == 2
        writer.join()
        assert capsys.readouterr().err == (
            "error: --csv needs --date-col and --value-col ('pipe' has the columns d, y).\n"
        )
        return
    # predict reads a pipe and '-' once too (io12), after its model, which is refused here
    # before the pipe, that no one writes to, is opened
    (tmp_path / "config.json").write_text("{}")
    argv = [command, str(tmp_path)]
    said = (
        f"error: {str(tmp_path)!r} holds a model whose config.json names no kind, not a "
        "forecaster (kind 'lstmkit.Forecaster').\n"
    )
    assert main([*argv, "--csv", "pipe"]) == 2
    assert capsys.readouterr().err == said
    assert main([*argv, "--csv", "-"]) == 2
    assert capsys.readouterr().err == said


# --- blank lines above the header ----------------------------------------------------------------


@pytest.mark.parametrize("lead", ["\n", "\r\n\r\n", " \t \n", "\ufeff\n"])
def test_blank_lines_above_the_header_are_skipped_as_they_were(tmp_path, lead):
    # kept as rows (to number the file's lines), the first blank line was read as the header:
    # "CSV file 's.csv' has a header row () but no data rows"
    path = tmp_path / "s.csv"
    path.write_text(f"{lead}d,y\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n", encoding="utf-8")
    assert D.read_csv(path, "d", "y")["y"].tolist() == [1.0, 2.0, 3.0]


def test_rows_below_blank_lines_above_the_header_are_named_by_their_line(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("\n\nd,y\n2020-01-01,1\n\nfoo,2\n2020-03-01,3\n")  # foo on line 6
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "d", "y")
    assert str(err.value).startswith(
        f"column 'd' of {str(tmp_path / 's.csv')!r} has unparsable dates at row 6 ('foo');"
    )

"""Defects found reviewing qa9 (Darts/NeuralForecast users' names and hints), each pinned by
the test that found it."""

from __future__ import annotations

import pytest

from lstmkit.cli import main


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["airlin"], "airlin"),  # a misspelt dataset beside --csv
        (["--fill", "ffill", "extra"], "extra"),  # a word after another flag than the two
        (["--horizon", "7", "14"], "14"),  # a number that is no level
    ],
)
def test_a_stray_word_names_no_flag_it_is_no_value_of(tmp_path, capsys, argv, word) -> None:
    # every word beside --csv was told "--value-col and --interval take one value each",
    # flags the user had not given or whose value it could not be
    path = tmp_path / "shop.csv"
    path.write_text("day,sales,temp\n2024-01-01,1,2\n")
    base = ["forecast", "--csv", str(path), "--date-col", "day", "--value-col", "sales"]
    assert main([*base, *argv]) == 2
    assert capsys.readouterr().err == (
        f"error: give either a dataset name or --csv, not both: {word!r}, a word that no flag "
        "took, is read as a dataset name.\n"
    )

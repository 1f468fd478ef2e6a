"""Fixes of revleft39, the review of left39's: ``mase``'s ``m`` written as a duration, a
``.tsv`` of commas refused without the column flags."""

from pathlib import Path

import numpy as np
import pytest

from lstmkit._checks import TextForNumberError
from lstmkit.cli import main
from lstmkit.metrics import mase

STEPS = (
    "a count of the data's own steps, not a duration: 12 for a year of monthly data, 7 for a "
    "week of daily data"
)


@pytest.mark.parametrize("m", ["1y", "12 months", " 7d "])
def test_mases_m_as_a_duration_is_told_it_counts_the_datas_steps(m: str) -> None:
    # told "must be an integer (the seasonal period), got '1y'." alone, where seasonal_naive's
    # m="1y" is told that it counts the data's steps
    y = np.arange(1.0, 30.0)
    with pytest.raises(TextForNumberError) as err:
        mase(y[:3], y[:3] + 1, y, m=m)
    assert str(err.value) == (f"`m` must be an integer (the seasonal period), got {m!r} ({STEPS}).")
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)


def test_mases_m_as_text_of_a_number_is_still_told_its_number() -> None:
    y = np.arange(1.0, 30.0)
    with pytest.raises(TextForNumberError, match=r"got '12' \(a number, not text: 12\)\.$"):
        mase(y[:3], y[:3] + 1, y, m="12")
    assert mase(y[:3], y[:3] + 1, y, m=12) == pytest.approx(1 / 12)


def test_forecast_without_its_column_flags_says_a_tsv_of_commas_was_read_with_a_tab(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # "--csv needs --date-col and --value-col (... pass --sep ',' too)" said no word of the
    # tab its name chose, where the refusal with the flags given says it
    monkeypatch.chdir(tmp_path)
    Path("s.tsv").write_text("date,value\n2020-01-01,1\n2020-01-02,2\n")
    told = (
        "error: --csv needs --date-col and --value-col ('s.tsv' has one column, 'date,value': "
        "read with a tab, as a file named .tsv is without --sep, the file looks ','-separated; "
        "pass --sep ',' too).\n"
    )
    assert main(["forecast", "--csv", "s.tsv"]) == 2
    assert capsys.readouterr().err == told
    assert main(["forecast", "--csv", "s.tsv", "--sep", "tab"]) == 2
    named = "read with a tab, as a file named .tsv is without --sep, "
    assert capsys.readouterr().err == told.replace(named, "")

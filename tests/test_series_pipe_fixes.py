"""`lstmkit forecast --csv - --series-col` refused a --holdout over --horizon before the pipe
is read with the horizon left out: "--holdout (5) must not exceed : the held-out points ..."."""

import io

import pytest

from lstmkit.cli import main


def test_a_holdout_over_the_horizon_of_series_from_a_pipe_names_the_horizon(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("d,s,y\n"))
    words = ["forecast", "--csv", "-", "--date-col", "d", "--value-col", "y", "--series-col"]
    flags = ["s", "--horizon", "3", "--holdout", "5", "--out", str(tmp_path / "o")]
    assert main([*words, *flags]) == 2
    assert capsys.readouterr().err == (
        "error: --holdout (5) must not exceed --horizon (3): the held-out points are scored "
        "against one forecast from the origin; pass a longer --horizon with it.\n"
    )
    assert not (tmp_path / "o").exists()

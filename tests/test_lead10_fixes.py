"""The lead's fixes of session 10: help texts left by files9 and bt10."""

import pytest

from lstmkit.cli import main


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # argparse's wrapping aside


def test_dev_and_test_csv_say_standard_input_as_csv_does(capsys):
    # files9 let --dev-csv - and --test-csv - read standard input; only --csv's help said so
    text = _help(capsys, "text", "train")
    for part in ("dev", "test"):
        assert f"--{part}-csv FILE your own {part} set" in text
    assert text.count("('-': standard input") == 3


def test_backtest_origins_shows_n_as_backtest_stride_does(capsys):
    # was --backtest-origins BACKTEST_ORIGINS, beside bt10's --backtest-stride N
    text = _help(capsys, "forecast")
    assert "--backtest-origins N " in text
    assert "BACKTEST_ORIGINS" not in text

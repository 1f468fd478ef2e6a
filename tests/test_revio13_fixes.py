"""revio13: review of io13 (--thousands refused before a pipe, cov: kept where ambiguous, the
fill named by the far-outside warning of backtest origins, predict TEXT_MODEL's line by
argparse)."""

import io
import json
import sys
from pathlib import Path

import pytest

from lstmkit import data as D
from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

_SALES = "month,sales\n" + "".join(
    f"{2010 + k // 12}-{k % 12 + 1:02d}-01,{100 + 3 * (k % 12) + k}\n" for k in range(48)
)
_GAP = "".join(row + "\n" for row in _SALES.splitlines() if not row.startswith("2013-06"))
_TINY = ForecasterConfig(
    horizon=3, epochs=1, hidden_size=4, ensemble=1, progress=False, transform="none"
)


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    """A Forecaster of one epoch on the first 36 months of ``_SALES``, on its own values."""
    return Forecaster(_TINY).fit(D.read_csv(io.StringIO(_SALES), "month", "sales").iloc[:36])


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, fitted: Forecaster) -> Path:
    """``run/``, a run's folder as `lstmkit forecast --csv sales.csv --out run` leaves it: the
    model in ``model/`` beside the ``run.json`` whose command read the file with the
    defaults (no --sep, --decimal or --thousands)."""
    folder = tmp_path_factory.mktemp("revio13") / "run"
    fitted.save(folder / "model")
    command = "lstmkit forecast --csv sales.csv --date-col month --value-col sales --out run"
    (folder / "run.json").write_text(json.dumps({"command": command}))
    return folder


# -- 1. --thousands '.' without --decimal: told of the decimal point it clashes with ---------


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes (mkfifo) are POSIX")
@pytest.mark.parametrize("command", ["predict", "explain"])
def test_thousands_point_alone_names_the_decimal_point_of_the_run_not_a_flag_never_typed(
    command: str, run: Path, unopened, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "error: --decimal and --thousands must differ, both are '.'.": --decimal was not typed
    capsys.readouterr()
    argv = [command, str(run), "--csv", str(tmp_path / "p"), "--thousands", "."]
    assert unopened(argv, tmp_path / "p") == 2
    assert capsys.readouterr().err == (
        "error: --thousands must differ from the decimal mark, got '.', the decimal point that "
        "--decimal reads by default, as the run read its data; pass the file's decimal mark "
        "too (--decimal ',' --thousands '.' for 1.099,25).\n"
    )
    # both typed: the message of both, as before
    argv = [command, str(run), "--csv", str(tmp_path / "q"), "--decimal", ".", "--thousands", "."]
    assert unopened(argv, tmp_path / "q") == 2
    assert (
        capsys.readouterr().err == "error: --decimal and --thousands must differ, both are '.'.\n"
    )


def test_thousands_point_alone_in_forecast_names_decimals_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sales.csv").write_text(_SALES)
    argv = ["forecast", "--csv", str(tmp_path / "sales.csv"), "--date-col", "month"]
    assert main([*argv, "--value-col", "sales", "--thousands", "."]) == 2
    assert capsys.readouterr().err == (
        "error: --thousands must differ from the decimal mark, got '.', the decimal point that "
        "--decimal reads by default; pass the file's decimal mark too (--decimal ',' "
        "--thousands '.' for 1.099,25).\n"
    )

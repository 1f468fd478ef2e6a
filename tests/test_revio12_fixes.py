"""revio12: review of io12 (predict's and explain's --csv from a pipe, forecast's flags refused
before a pipe is read, filled_in_history's times), and what it left."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig

_ROWS = [
    (f"{2010 + k // 12}-{k % 12 + 1:02d}-01", 100 + 3 * (k % 12) + k, k % 5) for k in range(48)
]
_FIT = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_FIT += ["--no-progress", "--interval", "0"]


# -- a target whose own name begins "cov:" (the covariates' prefix) ---------------------------


@pytest.fixture(scope="module")
def cov_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``cs.csv`` (month, ``cov:sales``, x) and ``run/``, its forecast of
    ``cov:sales`` with the covariate x."""
    folder = tmp_path_factory.mktemp("revio12")
    text = "month,cov:sales,x\n" + "".join(f"{d},{v},{x}\n" for d, v, x in _ROWS)
    (folder / "cs.csv").write_text(text)
    argv = ["forecast", "--csv", str(folder / "cs.csv"), "--date-col", "month"]
    argv += ["--value-col", "cov:sales", "--covariate-cols", "x", *_FIT]
    assert main([*argv, "--out", str(folder / "run")]) == 0
    return folder


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_a_target_named_with_the_covariates_prefix_is_read_from_the_training_file(
    command: str, cov_run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit predict RUN --csv cs.csv` (the file the run read) said "--csv 'cs.csv' has the
    # model's column(s) x but not sales (its columns: month, cov:sales, x); name the target
    # and covariate columns with --value-col and --covariate-cols.": 'cov:' was taken off the
    # target's name as off a covariate's
    capsys.readouterr()
    flags = ["--json"] if command == "predict" else ["--json", "--no-progress"]
    assert main([command, str(cov_run / "run"), "--csv", str(cov_run / "cs.csv"), *flags]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["origin"] == "2013-12-01"
    if command == "predict":
        assert len(said["forecast"]["forecast"]) == 12
    else:  # the target's lags by its name
        assert list(said["relevance"][0]["features"])[:2] == ["cov:sales", "x"]
    # a file with one column more names the target as the model does
    (cov_run / "y.csv").write_text(
        "month,cov:sales,x,y\n" + "".join(f"{d},{v},{x},{x}\n" for d, v, x in _ROWS)
    )
    argv = [command, str(cov_run / "run"), "--csv", str(cov_run / "y.csv"), *flags]
    assert main([*argv, "--value-col", "cov:sales", "--covariate-cols", "x", "y"]) == 2
    assert capsys.readouterr().err == (
        "error: the model was trained on 2 column(s) (cov:sales, x); --csv "
        f"{str(cov_run / 'y.csv')!r} gives 3 (cov:sales, x, y) besides the date column 'month'. "
        "Name them with --value-col and --covariate-cols.\n"
    )


def test_a_target_named_with_the_covariates_prefix_is_named_so_in_predicts_refusals() -> None:
    # Forecaster.predict(series=...) named the target 'cov:sales' as 'sales' in its refusal
    # of the columns' number
    sales = np.array([v for _, v, _ in _ROWS], dtype=float)
    index = pd.date_range("2010-01-01", periods=48, freq="MS")
    data = pd.DataFrame({"cov:sales": sales, "x": [x for *_, x in _ROWS]}, index=index)
    config = ForecasterConfig(horizon=3, epochs=1, hidden_size=4, ensemble=1, progress=False)
    fc = Forecaster(config).fit(data)
    with pytest.raises(ValueError) as err:
        fc.predict(3, series=data[["cov:sales"]])
    assert str(err.value).startswith(
        "`series` must have 2 column(s) like the training data (['cov:sales', 'x']), got 1"
    )

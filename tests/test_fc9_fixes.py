"""Forecasting messages that tell the truth about covariates and frequencies (fc9)."""

import numpy as np
import pandas as pd

from lstmkit.cli import main

_TINY = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-refit"]
_TINY += ["--interval", "0", "--no-stat-baselines", "--no-progress", "--json"]


def _monthly_csv(path, n: int, after: int = 0) -> list[str]:
    """``n`` months of a target ``y`` beside a covariate ``x``, then ``after`` rows of ``x``
    alone (its values at the forecast steps)."""
    stamps = pd.date_range("2000-01-01", periods=n + after, freq="MS")
    y = np.r_[100 + 10 * np.sin(np.arange(n) * np.pi / 6) + np.arange(n), [np.nan] * after]
    x = np.arange(n + after, dtype=float)
    frame = pd.DataFrame({"date": stamps.strftime("%Y-%m-%d"), "y": y, "x": x})
    frame.to_csv(path, index=False)
    return ["forecast", "--csv", str(path), "--date-col", "date", "--value-col", "y"]


def test_recursive_covariates_are_refused_before_a_horizon_is_advised(tmp_path, capsys):
    # was "the series is too short: ...; --horizon 13 fits it.", and --horizon 13 was then
    # refused with "strategy='recursive' cannot use covariates (...)" after reading the data
    argv = [*_monthly_csv(tmp_path / "m.csv", 30), *_TINY, "--covariate-cols", "x"]
    argv += ["--strategy", "recursive", "--horizon", "24"]
    assert main(argv) == 2
    message = (
        "error: --covariate-cols x need --strategy direct or seq2seq: the recursive network "
        "feeds back its own forecast and reads no covariate's values at the forecast steps.\n"
    )
    assert capsys.readouterr().err == message
    argv[argv.index("--horizon") + 1] = "13"  # the horizon advised before
    assert main(argv) == 2
    assert capsys.readouterr().err == message


def test_a_horizon_advised_beside_future_covariates_runs(tmp_path, capsys):
    # the advice is checked by running it: 30 months, 5 rows of x after them
    argv = [*_monthly_csv(tmp_path / "m.csv", 30, after=5), *_TINY, "--future-cols", "x"]
    argv += ["--horizon", "20"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: the series is too short: 30 points minus the holdout (20, by default "
        "--horizon) leave 10, need at least --horizon (20) + 3 to fit; --horizon 8 fits it.\n"
    )
    argv[argv.index("--horizon") + 1] = "8"
    assert main(argv) == 0
    capsys.readouterr()

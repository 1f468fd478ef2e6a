"""revio12: review of io12 (predict's and explain's --csv from a pipe, forecast's flags refused
before a pipe is read, filled_in_history's times), and what it left."""

import json
import warnings
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
        "error: the model was trained on 2 columns (cov:sales, x); --csv "
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
        "`series` must have 2 columns like the training data (['cov:sales', 'x']), got 1"
    )


# -- (a) the far-outside warning of values a fill made up names the fill ----------------------


def _sales(skip: str | None = None) -> str:
    return "month,sales\n" + "".join(f"{d},{v}\n" for d, v, _ in _ROWS if d != skip)


def test_the_far_outside_warning_of_values_a_fill_made_up_names_the_fill() -> None:
    # predict(series=read_csv(gap, fill="zero")) said "fit on this history for one that has
    # seen such values": a model fitted on the zero learns the fill, not the series
    import io

    from lstmkit import data as D

    y = D.read_csv(io.StringIO(_sales()), "month", "sales")
    config = ForecasterConfig(
        horizon=3, epochs=1, hidden_size=4, ensemble=1, progress=False, transform="none"
    )
    fc = Forecaster(config).fit(y)
    gap = D.read_csv(io.StringIO(_sales("2013-06-01")), "month", "sales", fill="zero")
    with pytest.warns(UserWarning) as seen:
        fc.predict(3, series=gap)
    assert [str(w.message) for w in seen] == [
        "`series` lies far outside the training series as the network reads it: its last 12 "
        "points, scaled with the statistics fitted on the training series (scaling='window'), "
        "span -13.1 … 3.17 in 'sales' (training: -1.99 … 1.99), more than twice the training "
        "inputs' range about its middle, so the forecast extrapolates; the values out that far "
        "are the ones fill='zero' made up ('sales' at 2013-06-01), not the series': give them, "
        "or fill the gaps with values like their neighbours' (fill='ffill' or 'interpolate')."
    ]
    # a value of the series that far out keeps the advice to fit on it
    far = gap.copy()
    far.iloc[-2, 0] = 0.0
    far.attrs = {}
    with pytest.warns(UserWarning) as seen:
        fc.predict(3, series=far)
    assert str(seen[0].message).endswith("fit on this history for one that has seen such values.")


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_the_far_outside_warning_of_a_runs_fill_names_the_flag(
    command: str,
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    undrawn_figures,
) -> None:
    # `lstmkit explain RUN --csv gap.csv` of a run saved with --fill zero --transform none
    # advised "fit a model on --csv 'gap.csv' (lstmkit forecast ... --out DIR) for one that
    # has seen such values": the values far out were the zeros its --fill wrote in the gap
    folder = tmp_path_factory.getbasetemp() / "revio12-fill"
    if not (folder / "run" / "run.json").exists():
        folder.mkdir(exist_ok=True)
        (folder / "sales.csv").write_text(_sales())
        argv = ["forecast", "--csv", str(folder / "sales.csv"), "--date-col", "month"]
        argv += ["--value-col", "sales", "--fill", "zero", "--transform", "none", *_FIT]
        assert main([*argv, "--out", str(folder / "run")]) == 0
    gap = folder / "gap.csv"
    gap.write_text(_sales("2013-06-01"))
    capsys.readouterr()
    flags = [] if command == "predict" else ["--no-progress"]
    with warnings.catch_warnings():  # shown on stderr as the command shows them
        warnings.simplefilter("default")
        assert main([command, str(folder / "run"), "--csv", str(gap), *flags]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "far outside" in line]
    assert warned == [
        f"warning: --csv {str(gap)!r} lies far outside the training series as the network reads "
        "it: its last 12 points, scaled with the statistics fitted on the training series "
        "(scaling='window'), span -13.4 … 3.24 in 'sales' (training: -2.03 … 2.03), more than "
        "twice the training inputs' range about its middle, so the forecast extrapolates; the "
        "values out that far are the ones --fill zero made up ('sales' at 2013-06-01), not the "
        "series': give them, or fill the gaps with values like their neighbours' (--fill ffill "
        "or interpolate)."
    ]

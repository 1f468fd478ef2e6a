"""io13: command-line input/output leftovers (predict's and explain's --thousands refused
before a pipe is opened where it is the run's decimal mark)."""

import json
import sys
from pathlib import Path

import pytest

from lstmkit.cli import main

_SALES = "month,sales\n" + "".join(
    f"{2010 + k // 12}-{k % 12 + 1:02d}-01,{100 + 3 * (k % 12) + k}\n" for k in range(48)
)
_FIT = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_FIT += ["--no-progress", "--interval", "0"]
_GAP = "".join(row + "\n" for row in _SALES.splitlines() if not row.startswith("2013-06"))
_POSIX = pytest.mark.skipif(sys.platform == "win32", reason="named pipes (mkfifo) are POSIX")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``run/``, a forecast of a comma-separated file saved with ``--out``,
    and ``comma/``, one of its ';'-separated copy with decimal commas (``--decimal ,``)."""
    folder = tmp_path_factory.mktemp("io13")
    (folder / "sales.csv").write_text(_SALES)
    rows = _SALES.replace(",", ";").splitlines()
    (folder / "comma.csv").write_text("\n".join([rows[0], *(f"{r},5" for r in rows[1:])]) + "\n")
    argv = ["forecast", "--date-col", "month", "--value-col", "sales", *_FIT]
    assert main([*argv, "--csv", str(folder / "sales.csv"), "--out", str(folder / "run")]) == 0
    comma = ["--csv", str(folder / "comma.csv"), "--sep", ";", "--decimal", ","]
    assert main([*argv, *comma, "--out", str(folder / "comma")]) == 0
    return folder


# -- 1. --thousands alone, the run's decimal mark: refused before a pipe is opened ----------


@_POSIX
@pytest.mark.parametrize("command", ["predict", "explain"])
def test_thousands_as_the_runs_decimal_mark_is_refused_before_a_pipe_is_opened(
    command: str,
    runs: Path,
    unopened,
    make_fifo,
    tmp_path: Path,
    copies: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `lstmkit predict RUN --csv PIPE --thousands .` waited for the pipe's writer, read it
    # whole, then refused the clash with the run's decimal point (its data spent)
    flags = ["--json"] if command == "predict" else ["--json", "--no-progress"]
    argv = [command, str(runs / "run"), "--csv", str(tmp_path / "p"), "--thousands", "."]
    capsys.readouterr()
    assert unopened([*argv, *flags], tmp_path / "p") == 2
    assert capsys.readouterr().err == (
        "error: --thousands must differ from the decimal mark, got '.', the decimal point that "
        "--decimal reads by default, as the run read its data; pass the file's decimal mark "
        "too (--decimal ',' --thousands '.' for 1.099,25).\n"
    )
    # the run that read decimal commas decides otherwise: its comma is the decimal mark
    comma = str(runs / "comma.csv")
    writer = make_fifo(tmp_path / "q", Path(comma).read_bytes())
    argv = [command, str(runs / "comma"), "--csv", str(tmp_path / "q"), "--thousands", "."]
    assert main([*argv, *flags]) == 0
    writer.join()
    assert json.loads(capsys.readouterr().out)["data_sha256"]
    assert list(copies.iterdir()) == []


# -- 3. a covariate shown by its name without cov: only where no other column has that name --


def test_a_covariate_named_like_another_column_once_cov_is_off_keeps_cov() -> None:
    # a DataFrame's column cov:y beside the target y was shown as y: "fitted on 40 points of y
    # (covariates y)", "like the training data (['y', 'y'])"
    import numpy as np
    import pandas as pd

    from lstmkit.forecast import Forecaster

    months = pd.date_range("2000-01", periods=40, freq="MS")
    y = 100.0 + np.arange(40) + np.arange(40) % 12
    series = pd.DataFrame({"y": y, "cov:y": np.arange(40) % 3 * 1.0}, index=months)
    tiny = dict(epochs=1, ensemble=1, hidden_size=4, lookback=6, progress=False)
    fc = Forecaster(horizon=3, **tiny).fit(series)
    assert repr(fc) == (
        "Forecaster(ForecasterConfig(horizon=3, lookback=6, hidden_size=4, ensemble=1, "
        "epochs=1, progress=False); fitted on 40 points of y (covariates cov:y) up to "
        "2003-04-01, look-back 6, season 12)"
    )
    with pytest.raises(ValueError) as info:
        fc.predict(3, series=series[["y"]])
    assert str(info.value) == (
        "`series` must have 2 columns like the training data (['y', 'cov:y']), got 1; its "
        "covariates ['cov:y'] come with `covariates=` (or as more columns of a DataFrame "
        "`series`)."
    )
    # a name no other column has is shown as given: covariates=x is x, as before
    both = Forecaster(horizon=3, **tiny).fit(
        series.rename(columns={"cov:y": "cov:z"}),
        covariates=pd.DataFrame({"x": np.arange(40.0) % 2}, index=months),
    )
    assert "fitted on 40 points of y (covariates z, x) up to" in repr(both)


# -- 2. backtest(retrain=False): the far-outside warning names a fill's values at every origin


def test_the_far_outside_warning_of_backtest_origins_names_the_fill() -> None:
    # the zero fill='zero' wrote in a gap that the origins' windows read was advised "pass
    # retrain=True to fit at every origin on the points before it" (--no-retrain: "drop
    # --no-retrain ..."): refitted there, the network learns the fill, not the series
    import io

    from lstmkit import data as D
    from lstmkit.forecast import Forecaster, ForecasterConfig

    config = ForecasterConfig(
        horizon=3, epochs=1, hidden_size=4, ensemble=1, progress=False, transform="none"
    )
    fc = Forecaster(config).fit(D.read_csv(io.StringIO(_SALES), "month", "sales").iloc[:36])
    filled = D.read_csv(io.StringIO(_GAP), "month", "sales", fill="zero")
    with pytest.warns(UserWarning) as seen:
        fc.backtest(filled, retrain=False, start=39)
    assert [str(w.message) for w in seen] == [
        "`series` lies far outside the training series as the network reads it: the 18 points "
        "the windows of its 3 origins read, scaled with the statistics fitted on the training "
        "series (scaling='window'), span -13.1 … 2.67 in 'sales' (training: -2.02 … 2.02), "
        "more than twice the training inputs' range about its middle, so the forecast "
        "extrapolates; the values out that far are the ones fill='zero' made up ('sales' at "
        "2013-06-01), not the series': give them, or fill the gaps with values like their "
        "neighbours' (fill='ffill' or 'interpolate')."
    ]
    # a value of the series that far out keeps the advice to retrain
    far = filled.copy()
    far.iloc[-5, 0] = 0.0
    far.attrs = {}
    with pytest.warns(UserWarning) as seen:
        fc.backtest(far, retrain=False, start=39)
    assert str(seen[0].message).endswith(
        "pass retrain=True to fit at every origin on the points before it."
    )


def test_the_far_outside_warning_of_no_retrain_origins_names_the_fill_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit forecast --csv gap.csv --fill zero --backtest --no-retrain` advised "drop
    # --no-retrain to fit at every origin on the points before it"
    import warnings

    (tmp_path / "gap.csv").write_text(_GAP)
    argv = ["forecast", "--csv", str(tmp_path / "gap.csv"), "--date-col", "month"]
    argv += ["--value-col", "sales", "--fill", "zero", "--transform", "none", *_FIT]
    capsys.readouterr()
    with warnings.catch_warnings():  # shown on stderr as the command shows them
        warnings.simplefilter("default")
        argv += ["--backtest", "--no-retrain", "--horizon", "3", "--holdout", "3"]
        assert main(argv) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "far outside" in line]
    assert len(warned) == 1
    assert warned[0].endswith(
        "the values out that far are the ones --fill zero made up ('sales' at 2013-06-01), not "
        "the series': give them, or fill the gaps with values like their neighbours' (--fill "
        "ffill or interpolate)."
    )


# -- 4. the line to paste of `predict TEXT_MODEL` read by argparse's own parse ---------------


def test_the_line_to_paste_keeps_what_argparse_gives_each_flag(
    clf_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # built by argparse's parse (was a walk of its own over nargs, abbreviations and negative
    # numbers): the same lines, a negative number a value, an abbreviation text predict's flag,
    # a flag's several values dropped with it, the words after -- kept
    runs = (
        f"{str(clf_dir)!r} holds a sentiment classifier (kind 'classifier'), which `lstmkit "
        "text predict` runs "
        "(lstmkit.text.SentimentPredictor.load in Python), not `lstmkit predict`: lstmkit text "
        f"predict {clf_dir}"
    )
    cases = [
        (["--jso", "--file", "x.txt", "--eps", "-0.5", "--horizon", "-3"], "--file x.txt --eps"),
        (["--file", "-", "--covariate-cols", "a", "-1", "b", "--json"], "--file -"),
        (["--file=x.txt", "--horizon=3", "--bogus", "-", "--", "--top-k", "2"], "--file"),
    ]
    said = [
        "--jso --file x.txt --eps -0.5 (it takes no --horizon)",
        "--file - --json (it takes no --covariate-cols)",
        "--file=x.txt -- --top-k 2 (it takes no --horizon or --bogus)",
    ]
    for (argv, stray), line in zip(cases, said, strict=True):
        with pytest.raises(SystemExit):
            main(["predict", str(clf_dir), *argv])
        err = capsys.readouterr().err
        assert err.startswith(f"error: unrecognized arguments: {stray}")
        assert err.endswith(f"{runs} {line}\n")

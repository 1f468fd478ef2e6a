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


# -- 2. the fill's made-up values: out of backtest's frame.attrs, named by residuals, capped --


def test_backtest_keeps_the_fills_positions_out_of_the_frame_every_pandas_step_copies(
    fitted: Forecaster, monkeypatch: pytest.MonkeyPatch
) -> None:
    # backtest(retrain=False) put the fill's positions in frame.attrs, which pandas deep-copies
    # at every step over the origins: 3,000 gaps of 20,000 hours made one 3x slower (180 s
    # where it took 55 s)
    seen: list[dict] = []
    warn = Forecaster._warn_far_outside

    def spy(self, frame, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(dict(frame.attrs))
        return warn(self, frame, *args, **kwargs)

    monkeypatch.setattr(Forecaster, "_warn_far_outside", spy)
    filled = D.read_csv(io.StringIO(_GAP), "month", "sales", fill="zero")
    with pytest.warns(UserWarning, match=r"the ones fill='zero' made up \('sales' at 2013-06"):
        fc_result = fitted.backtest(filled, retrain=False, start=39)
    assert len(fc_result.forecasts) == 9
    assert [sorted(attrs) for attrs in seen] == [["future", "given_freq", "inserted"]]


def test_residuals_name_the_fills_values_far_outside(fitted: Forecaster) -> None:
    # residuals over a series filled with zeros said "fit on this history for one that has
    # seen such values": a fit on the fill's zeros
    filled = D.read_csv(io.StringIO(_GAP), "month", "sales", fill="zero")
    with pytest.warns(UserWarning) as seen:
        residuals = fitted.residuals(filled)
    assert len(residuals) == 35
    assert [str(w.message) for w in seen] == [
        "`series` lies far outside the training series as the network reads it: the 46 points "
        "the windows of its 35 origins read, scaled with the statistics fitted on the training "
        "series (scaling='window'), span -13.2 … 2.94 in 'sales' (training: -2.02 … 2.02), "
        "more than twice the training inputs' range about its middle, so the forecast "
        "extrapolates; the values out that far are the ones fill='zero' made up ('sales' at "
        "2013-06-01), not the series': give them, or fill the gaps with values like their "
        "neighbours' (fill='ffill' or 'interpolate')."
    ]


def test_the_fills_values_of_many_origins_are_listed_twenty_at_most() -> None:
    # every other month a gap over 16 origins: all 23 made-up months were listed
    months = "month,sales\n" + "".join(
        f"{2010 + k // 12}-{k % 12 + 1:02d}-01,{100 + 3 * (k % 12)}\n" for k in range(90)
    )
    rows = months.splitlines()
    gaps = "".join(r + "\n" for k, r in enumerate(rows) if not (k >= 40 and k % 2 == 0))
    config = ForecasterConfig(
        horizon=3,
        epochs=1,
        hidden_size=4,
        ensemble=1,
        progress=False,
        transform="none",
        scaling="standard",
    )
    fc = Forecaster(config).fit(D.read_csv(io.StringIO(months), "month", "sales").iloc[:36])
    filled = D.read_csv(io.StringIO(gaps), "month", "sales", fill="zero")
    with pytest.warns(UserWarning) as seen:
        fc.backtest(filled, retrain=False, start=39)
    times = ", ".join(f"{2013 + k // 6}-{2 * (k % 6) + 2:02d}-01" for k in range(1, 21))
    assert str(seen[0].message).endswith(
        f"the ones fill='zero' made up ('sales' at {times}, ... (23 in all)), not the series': "
        "give them, or fill the gaps with values like their neighbours' (fill='ffill' or "
        "'interpolate')."
    )


# -- 3. predict TEXT_MODEL: the line to paste with abbreviations of several flags -------------


_RUNS = "holds a sentiment classifier (kind 'classifier'), which `lstmkit text predict` runs"


@pytest.mark.parametrize(
    ("argv", "stray", "line"),
    [
        # --t is predict's --thousands (read so, with its value '2'): text predict would read
        # it as its --threads 2; the line was left out ("")
        (["--file", "x.txt", "--t", "2"], "--file x.txt", "--file x.txt (it takes no --thousands)"),
        (["--th=,", "--file", "x.txt"], "--file x.txt", "--file x.txt (it takes no --thousands)"),
        # --e: --eps or --explain, which text predict refuses as ambiguous: not pasted, named
        (
            ["--file", "x.txt", "--e", "0.1"],
            "--file x.txt --e 0.1",
            "--file x.txt (it takes no --e)",
        ),
        (
            ["--e=1", "--jso", "--horizon", "3"],
            "--e=1",
            "--jso (it takes no --e or --horizon)",
        ),
        # an abbreviation of predict's flag that text predict has too is pasted as typed
        (["--dev", "cpu", "--file", "x.txt"], "--file x.txt", "--dev cpu --file x.txt"),
    ],
)
def test_the_line_to_paste_of_an_abbreviation_of_several_flags(
    argv: list[str],
    stray: str,
    line: str,
    clf_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["predict", str(clf_dir), *argv])
    err = capsys.readouterr().err
    assert err.startswith(f"error: unrecognized arguments: {stray}; {str(clf_dir)!r} {_RUNS}")
    assert err.endswith(f"not `lstmkit predict`: lstmkit text predict {clf_dir} {line}\n")


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        # predict's --covariate-cols takes every word up to the next flag, a negative number too
        (["--file", "x", "--covariate-cols", "a", "-2", "--eps", "-1"], "--file x --eps -1"),
        # a flag neither has takes the one word after it, not a flag's
        (["--bogus", "1", "2", "--file", "x"], "2 --file x"),
        # a flag of predict's with '=' takes nothing more
        (["--horizon=3", "4", "--json", "--file", "x"], "4 --json --file x"),
        # text predict's --explain takes no value: the word after it is a sentence
        (["--explain", "good", "--out", "o", "--", "--eps"], "--explain good -- --eps"),
    ],
)
def test_the_line_to_paste_gives_each_flag_the_words_argparse_does(
    argv: list[str], line: str, clf_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # io13's guard compared lines an old walk gave too; these would move with a wrong count
    # of a flag's values (one value for nargs '+', one for '=', one for a flag of no value)
    with pytest.raises(SystemExit):
        main(["predict", str(clf_dir), *argv])
    err = capsys.readouterr().err
    assert err.split(" not `lstmkit predict`: ")[1].split(" (it takes no ")[0] == (
        f"lstmkit text predict {clf_dir} {line}"
    )

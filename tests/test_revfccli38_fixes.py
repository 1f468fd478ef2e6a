"""revfccli38: the review of fccli38's forecast command-line fixes (a refused move into --out,
a sticky --out of another user's run, the --plot and duration hints)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import lstmkit.cli as cli
from lstmkit.cli import main

EXPLAIN_PLOT = (
    "no flag draws a plot on screen: --out DIR writes it, DIR/relevance.png (a forecaster's "
    "relevance per lag and covariate, a classifier's first 10 sentences)"
)


@pytest.mark.parametrize("flag", ["--plot", "--show", "--png", "--shwo"])
def test_explain_a_plot_flag_is_told_where_the_plot_is(flag: str, flags_refusal) -> None:
    # forecast and predict were told; explain, whose --out writes relevance.png, said
    # "unrecognized arguments: --plot" alone
    assert flags_refusal(["explain", "runs/airline", "--step", "2", flag]) == (
        f"error: unrecognized arguments: {flag}; {EXPLAIN_PLOT} "
        "(`lstmkit explain --help` lists the flags)\n"
    )


QUICK = ("--ensemble", "1", "--epochs", "2", "--hidden-size", "4", "--no-stat-baselines")


def _move_refused(monkeypatch: pytest.MonkeyPatch, name: str, code: int) -> None:
    """``os.replace`` refuses, with ``code``, to move the staged ``name`` of a run into
    ``--out``; the other moves go on."""
    real = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(src).parent.name.startswith(".lstmkit-") and Path(dst).name == name:
            raise OSError(code, os.strerror(code), os.fspath(src), None, os.fspath(dst))
        return real(src, dst)

    monkeypatch.setattr(cli.os, "replace", replace)


def test_a_refused_move_into_a_sticky_folder_of_ones_own_does_not_blame_the_bit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the folder's owner may replace any file in it: "a folder with the sticky bit, where only
    # a file's owner may replace it" was said of the user's own chmod 1777 folder
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    _move_refused(monkeypatch, "forecast.csv", errno.EACCES)
    assert main(["forecast", "airline", *QUICK, "--out", str(shared)]) == 1
    assert capsys.readouterr().err == (
        f"error: --out {str(shared)!r} cannot be written: Permission denied, moving the run's "
        "forecast.csv into it (its permissions changed during the run?). It holds what it held "
        "before; run again into another --out.\n"
    )
    assert list(shared.iterdir()) == []


def test_a_move_refused_part_way_leaves_the_earlier_run_as_it_was(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # forecast.csv, forecast.png and model/ were moved in before training.png's move was
    # refused: the folder held this run's files beside the earlier run's training.png and
    # run.json; the moves are undone, the earlier run's files put back byte for byte
    run = tmp_path / "run"
    assert main(["forecast", "airline", *QUICK, "--json", "--out", str(run)]) == 0
    earlier = {p.name: p.read_bytes() for p in run.iterdir() if p.is_file()}
    config = (run / "model" / "config.json").read_bytes()
    capsys.readouterr()
    _move_refused(monkeypatch, "training.png", errno.EACCES)
    assert main(["forecast", "airline", *QUICK, "--seed", "7", "--out", str(run)]) == 1
    assert capsys.readouterr().err == (
        f"error: --out {str(run)!r} cannot be written: Permission denied, moving the run's "
        "training.png into it (its permissions changed during the run?). It holds what it held "
        "before; run again into another --out.\n"
    )
    assert {p.name: p.read_bytes() for p in run.iterdir() if p.is_file()} == earlier
    assert (run / "model" / "config.json").read_bytes() == config
    assert sorted(p.name for p in run.iterdir()) == sorted([*earlier, "model"])


def test_a_move_refused_part_way_into_a_new_folder_leaves_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # forecast.csv, forecast.png and model/ were left in a folder the run made
    run = tmp_path / "run"
    _move_refused(monkeypatch, "training.png", errno.EACCES)
    assert main(["forecast", "airline", *QUICK, "--out", str(run)]) == 1
    assert capsys.readouterr().err.endswith(
        "moving the run's training.png into it (its permissions changed during the run?). It "
        "holds what it held before; run again into another --out.\n"
    )
    assert not run.exists()


def test_a_refused_move_of_model_puts_the_earlier_model_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the earlier model/ was moved aside into .model-....old, and left there: --out held no
    # model, and a hidden folder the user never made
    run = tmp_path / "run"
    assert main(["forecast", "airline", *QUICK, "--json", "--out", str(run)]) == 0
    config = (run / "model" / "config.json").read_bytes()
    capsys.readouterr()
    _move_refused(monkeypatch, "model", errno.EACCES)
    assert main(["forecast", "airline", *QUICK, "--seed", "7", "--out", str(run)]) == 1
    assert "moving the run's model into it" in capsys.readouterr().err
    assert (run / "model" / "config.json").read_bytes() == config
    assert sorted(p.name for p in run.iterdir()) == [
        "forecast.csv",
        "forecast.png",
        "model",
        "run.json",
        "training.png",
    ]


STEPS = (
    "a count of the data's own steps, not a duration: 12 for a year of monthly data, 7 for a "
    "week of daily data"
)


@pytest.mark.parametrize(
    ("argv", "typed"),
    [
        (["forecast", "airline", "--horizon", "3", "months"], "months; --horizon 3 months"),
        (
            ["forecast", "airline", "--hor", "3", "months", "--epochs", "2"],
            "months; --hor 3 months",
        ),
        (["forecast", "airline", "--horizon=3", "months"], "months; --horizon=3 months"),
        (["forecast", "airline", "--holdout", "1", "year"], "year; --holdout 1 year"),
        (
            ["forecast", "airline", "--backtest", "--backtest-stride", "6", "mo"],
            "mo; --backtest-stride 6 mo",
        ),
        (["forecast", "--horizon", "3", "months", "airline"], "airline; --horizon 3 months"),
    ],
)
def test_a_unit_apart_from_its_count_is_told_it_counts_steps(argv, typed, flags_refusal) -> None:
    # `--horizon 3 months` unquoted: "months" read as a second dataset, told "run several with
    # a shell loop: `for d in airline months; do lstmkit forecast $d --horizon 3; done`"
    flag = typed.split("; ")[1].split()[0].partition("=")[0]
    flag = {"--hor": "--horizon"}.get(flag, flag)
    assert flags_refusal(argv) == (
        f"error: unrecognized arguments: {typed}: {flag} takes {STEPS} "
        "(`lstmkit forecast --help` lists the flags)\n"
    )


def test_predict_a_unit_apart_from_its_count_is_told_it_counts_steps(
    flags_refusal, capsys: pytest.CaptureFixture[str]
) -> None:
    assert flags_refusal(["predict", "runs/airline", "airline", "--horizon", "3", "months"]) == (
        f"error: unrecognized arguments: months; --horizon 3 months: --horizon takes {STEPS} "
        "(`lstmkit predict --help` lists the flags)\n"
    )


@pytest.mark.parametrize("command", ["forecast", "predict"])
def test_a_unit_read_as_the_dataset_is_told_it_counts_steps(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "unknown dataset 'months'; the bundled ones are airline, ..."
    argv = ["forecast"] if command == "forecast" else ["predict", str(_run(tmp_path, capsys))]
    assert main([*argv, "--horizon", "3", "months"]) == 2
    assert capsys.readouterr().err == (
        "error: unknown dataset 'months', a duration's unit (--horizon 3 months?): --horizon "
        f"takes {STEPS}.\n"
    )
    assert main(["forecast", "months"]) == 2  # no count given: the dataset's refusal, as before
    assert capsys.readouterr().err.startswith("error: unknown dataset 'months'; the bundled")


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    run = tmp_path / "run"
    assert main(["forecast", "airline", *QUICK, "--json", "--out", str(run)]) == 0
    capsys.readouterr()
    return run


@pytest.mark.parametrize(
    "span",
    [
        "`lstmkit predict MODEL --csv business_hours.csv --date-col ds --value-col y`",
        "`lstmkit forecast --csv every3businesshours.csv --date-col date --value-col y`",
        "`lstmkit forecast --csv <(zcat sales.csv.gz) --date-col month --value-col sales`",
        "`text train --csv <(cut -d, -f2,3 reviews.csv) --dev-csv <(...)`",
        '`lstmkit.data.read_csv(path, "month", "sales", where={"store": "A"})`',
        "`The empty value (promo at 2021-02-11) lies in the plan of --future-cols promo, ...`",
        "`(Warned of 50 of the 50 series of --series-col store; shown once.)`",
    ],
)
def test_readme_forecasting_commands_that_fit_a_line_are_on_one(span: str) -> None:
    # the rewrap of Forecasting's command-line prose to 100 characters broke these across two
    # lines: copied from the file, a command ran as two (`lstmkit predict MODEL --csv` alone)
    lines = _readme_lines()
    assert any(span in line for line in lines)
    assert max(len(line) for line in lines if span in line) <= 100


@pytest.mark.parametrize(
    "command",
    [
        "`foreach ($f in 'my','promo','eu','umsatz','umsatz_new','load','stores','newer') { "
        'lstmkit datasets --example $f --out "$f.csv" }`',
        "`lstmkit forecast --csv stores.csv --series-col store --date-col month --value-col sales "
        "--backtest --out runs/stores`",
    ],
)
def test_readme_forecasting_commands_longer_than_a_line_stay_whole(command: str) -> None:
    # wrapped at 100, PowerShell ran `lstmkit datasets --example $f` and then `--out "$f.csv"`,
    # and a shell the two halves of the --series-col command: a line of their own, as before
    assert any(line == f"{command}." for line in _readme_lines())


def _readme_lines() -> list[str]:
    readme = Path(__file__).resolve().parents[1] / "README.md"
    return readme.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--lookback", "2y"], "--lookback must be an integer, got '2y'"),
        (["--season-length", "1y"], "--season-length must be an integer, got '1y'"),
    ],
)
def test_a_lookback_or_season_given_as_a_duration_is_told_it_counts_steps(
    argv, said, flags_refusal
) -> None:
    # the other counts of steps were told; these said "must be an integer, got '2y'." alone
    assert flags_refusal(["forecast", "airline", *argv]) == f"error: {said} ({STEPS}).\n"


def test_a_lookback_unit_apart_is_told_it_counts_steps(flags_refusal) -> None:
    assert flags_refusal(["forecast", "airline", "--lookback", "24", "months"]) == (
        "error: unrecognized arguments: months; --lookback 24 months: --lookback takes "
        f"{STEPS} (`lstmkit forecast --help` lists the flags)\n"
    )
    assert flags_refusal(["forecast", "airline", "--lookback", "x"]) == (
        "error: --lookback must be an integer, got 'x'.\n"  # no duration: as before
    )


def test_a_refused_rename_inside_the_save_is_not_said_as_a_move_into_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a save's own rename in the staging folder (a PermissionError, which written_together's
    # "cannot be written" passes on) was told "moving the run's model.safetensors into it"
    def save(self: object, path: str | os.PathLike[str], **kwargs: object) -> None:
        done = Path(path) / "model.safetensors"
        raise PermissionError(
            errno.EACCES, "Permission denied", os.fspath(done) + ".part", None, os.fspath(done)
        )

    monkeypatch.setattr("lstmkit.forecast.Forecaster.save", save)
    out = tmp_path / "run"
    assert main(["forecast", "airline", *QUICK, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: [Errno 13] Permission denied: '{out}/.lstmkit-")
    assert err.endswith("/model/model.safetensors'\n")
    assert not out.exists()


def test_a_unit_read_as_the_dataset_beside_csv_is_told_it_counts_steps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "give either a dataset name or --csv, not both: 'weeks', a word that no flag took, is
    # read as a dataset name."
    csv = tmp_path / "sales.csv"
    csv.write_text("month,sales\n2020-01-01,1\n2020-02-01,2\n")
    assert main(["forecast", "--csv", str(csv), "--horizon", "6", "weeks"]) == 2
    assert capsys.readouterr().err == (
        "error: give either a dataset name or --csv, not both: 'weeks', a duration's unit "
        f"(--horizon 6 weeks?): --horizon takes {STEPS}.\n"
    )

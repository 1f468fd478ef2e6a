"""Fixes from walking README.md's "Forecasting" outputs as a shell user (helper walk31b)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig

SMALL = dict(
    horizon=3, lookback=6, hidden_size=2, epochs=1, ensemble=1, interval=None, refit=False,
    calendar=False, season_length=1, seed=0, progress=False,
)  # fmt: skip
AIR = load_dataset("airline")


@pytest.fixture(scope="module")
def direct_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A saved direct Forecaster of horizon 3, fitted on the airline series (monthly)."""
    folder = tmp_path_factory.mktemp("walk31b") / "model"
    Forecaster(ForecasterConfig(**SMALL)).fit(AIR).save(folder)
    return folder


def test_a_horizon_past_a_direct_model_is_told_the_flags_that_refit_it(
    direct_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit predict DIR --horizon 4` was told Python's words: "for strategy='direct', got
    # 4; refit with a larger horizon or use 'recursive'/'seq2seq'"
    assert main(["predict", str(direct_dir), "--horizon", "4"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "error: --horizon must be <= the fitted horizon (3) for --strategy direct, got 4; refit "
        "it with `lstmkit forecast` and --horizon 4 or more, or --strategy recursive or "
        "seq2seq, which forecast any horizon.\n"
    )
    # Python keeps its arguments' words
    with pytest.raises(ValueError) as caught:
        Forecaster.load(direct_dir).predict(4)
    assert str(caught.value) == (
        "`horizon` must be <= the fitted horizon (3) for strategy='direct', got 4; refit with "
        "horizon=4 or more (fc.config = dataclasses.replace(fc.config, horizon=4), then fit), "
        "or with strategy='recursive' or 'seq2seq', which forecast any horizon."
    )
    # the fitted horizon itself forecasts
    assert main(["predict", str(direct_dir), "--horizon", "3", "--json"]) == 0
    capsys.readouterr()


def test_a_date_column_of_numbers_is_told_so_not_positions_alone(
    direct_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a CSV whose date column held 0, 1, 2, ... was told "must have the training data's
    # frequency (MS), got positions." alone, a word of pandas' index, not of the file
    frame = AIR.to_frame().reset_index(drop=True)
    frame.index.name = "month"
    csv = tmp_path / "numbered.csv"
    frame.to_csv(csv)
    out = tmp_path / "out"
    for command in ("predict", "explain"):
        argv = [command, str(direct_dir), "--csv", str(csv), "--out", str(out)]
        assert main(argv) == 2
        said, err = capsys.readouterr()
        assert said == ""
        assert err == (
            f"error: --csv {str(csv)!r} must have the training data's frequency (MS), got "
            "positions: its date column 'month' holds numbers, 0, 1, 2, ..., not dates.\n"
        )
        assert not out.exists()  # nothing written
    fc = Forecaster.load(direct_dir)
    with pytest.raises(ValueError) as caught:
        fc.predict(1, series=pd.Series(AIR.to_numpy()[:40]))
    assert str(caught.value) == (
        "`series` must have the training data's frequency (MS), got positions (an index of "
        "numbers, 0, 1, 2, ..., not dates); pass the newer history indexed by its timestamps "
        "(MS), as in fit."
    )
    # a numpy array keeps its own words
    with pytest.raises(ValueError) as caught:
        fc.predict(1, series=AIR.to_numpy()[:40])
    assert str(caught.value) == (
        "`series` must have the training data's frequency (MS), got positions (an index "
        "without dates: a numpy array has none); pass the newer history as pandas, indexed by "
        "its timestamps (MS), as in fit."
    )
    # the same values with their dates forecast
    assert np.isfinite(fc.predict(1, series=AIR[:40])["forecast"].to_numpy()).all()


def test_a_full_disk_under_out_names_the_folder_not_a_bare_errno(
    direct_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    file_size_limit,
) -> None:
    # a plot or a CSV that filled the disk said "error: [Errno 27] File too large" ("[Errno
    # 28] No space left on device" for a full disk), with no word of --out
    out = tmp_path / "new" / "pred"
    argv = ["predict", str(direct_dir), "--out", str(out)]
    with file_size_limit(2000):  # forecast.png is larger: a real OSError (EFBIG)
        assert main(argv) == 1
    assert capsys.readouterr() == (
        "",
        f"error: --out {str(out)!r} cannot be written: File too large.\n",
    )
    assert list(tmp_path.iterdir()) == []  # nothing half-written, no folder made for it
    # an earlier prediction stays as it was
    assert main(argv) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    with file_size_limit(2000):
        assert main([*argv, "--horizon", "2"]) == 1
    assert capsys.readouterr().err.endswith("cannot be written: File too large.\n")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_refused_write_of_a_hidden_staged_file_is_said_of_out_too(
    direct_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno

    def full(frame: pd.DataFrame, path: object, *args: object, **kwargs: object) -> None:
        # open() of the staged file refused: the error names its hidden path
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    out = tmp_path / "pred"
    assert main(["predict", str(direct_dir), "--out", str(out)]) == 1
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} cannot be written: No space left on device.\n"
    )
    assert not out.exists()

    # a file outside --out is named as the system named it
    def elsewhere(frame: pd.DataFrame, path: object, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error", "/elsewhere/x.csv")

    monkeypatch.setattr(pd.DataFrame, "to_csv", elsewhere)
    assert main(["predict", str(direct_dir), "--out", str(out)]) == 1
    assert capsys.readouterr().err == ("error: [Errno 5] Input/output error: '/elsewhere/x.csv'\n")


def test_an_interval_for_a_model_fitted_without_one_is_told_the_refit_as_flags(
    direct_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit predict DIR --interval 0.8` was told "--interval=0.8 needs the validation
    # errors of fit, and this model has none: it was fitted without an interval. Refit with
    # an --interval to keep them.", Python's argument written as a flag
    assert main(["predict", str(direct_dir), "--interval", "0.8"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --interval 0.8 needs the validation errors of the fit, and this model has "
        "none: it was fitted with --interval 0. Refit it with `lstmkit forecast` and "
        "--interval 0.8 to keep them.\n",
    )
    with pytest.raises(ValueError) as caught:
        Forecaster.load(direct_dir).predict(1, interval=0.8)
    assert str(caught.value) == (
        "`interval=0.8` needs the validation errors of fit, and this model has none: it was "
        "fitted without an interval. Refit with an `interval` to keep them."
    )


# a file that ends before the training data on purpose: predict warns of it, which
# test_fc33_fixes.py pins
@pytest.mark.filterwarnings("ignore:.*before the model's training data:UserWarning")
def test_an_explanation_records_the_rows_it_read_as_predict_does(
    direct_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    # `lstmkit explain DIR --csv stores.csv --where store=B --json` recorded the file and its
    # SHA-256 but not which store's rows it explained; `lstmkit predict --json` has `where`
    import json

    frame = AIR[:40].to_frame()
    rows = [frame.assign(store=store).reset_index() for store in ("A", "B")]
    csv = tmp_path / "stores.csv"
    pd.concat(rows)[["store", "month", "airline"]].to_csv(csv, index=False)
    out = tmp_path / "why"
    argv = ["explain", str(direct_dir), "--csv", str(csv), "--where", "store=B", "--json"]
    assert main([*argv, "--out", str(out)]) == 0
    printed = json.loads(capsys.readouterr().out)
    saved = json.loads((out / "explanation.json").read_text("utf-8"))
    assert printed["where"] == saved["where"] == {"store": "B"}
    assert main(["predict", *argv[1:]]) == 0
    assert json.loads(capsys.readouterr().out)["where"] == {"store": "B"}
    # the model's own data: no rows read
    assert main(["explain", str(direct_dir), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["where"] is None

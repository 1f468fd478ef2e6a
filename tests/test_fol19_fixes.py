"""fol19: small leftovers: an example's name in any case, --out's folders removed when its write
fails, `explain CLF --file` saying it is still running, no typo hint naming a field given
too, and a plan's stamp twice where no step reads it accepted as a gap there is."""

from __future__ import annotations

import errno
import os

import pandas as pd
import pytest

from lstmkit import Forecaster, ForecasterConfig
from lstmkit._examples import example_text
from lstmkit.cli import main

# -- 1. `--example PROMO.csv` -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["PROMO.csv", "Promo", "promo.CSV", "UMSATZ_NEW.csv"])
def test_an_example_is_named_in_any_case(name, capsys) -> None:
    # `lstmkit datasets --example PROMO.csv` was refused ("invalid choice: 'PROMO.csv'") where
    # `promo.csv` was written
    assert main(["datasets", "--example", name]) == 0
    stem = name.lower().removesuffix(".csv")
    assert capsys.readouterr().out == example_text(stem)


def test_a_name_of_no_example_is_still_refused_as_typed(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["datasets", "--example", "PROMOS.csv"])
    assert "invalid choice: 'PROMOS.csv'" in capsys.readouterr().err


# -- 2. `--out new/dir/promo.csv` whose write fails -------------------------------------------


def test_a_failed_write_removes_the_folders_it_made(tmp_path, monkeypatch, capsys) -> None:
    # the folders --out made stayed behind, empty, when the write failed after them
    (tmp_path / "keep").mkdir()  # there before: stays
    out = tmp_path / "keep" / "new" / "dir" / "promo.csv"

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    # the system refused it (a full disk): exit code 1 (it was 2)
    assert main(["datasets", "--example", "promo", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"error: --out '{out}' cannot be written: No space left on device.\n"
    assert list(tmp_path.iterdir()) == [tmp_path / "keep"]
    assert list((tmp_path / "keep").iterdir()) == []  # no folder, no temporary file
    monkeypatch.undo()
    assert main(["datasets", "--example", "promo", "--out", str(out)]) == 0
    assert out.read_text("utf-8") == example_text("promo")


# -- 3. `explain CLF --file` says it is still running -------------------------------------------


def test_explain_of_a_classifier_says_it_is_still_running(
    clf_dir, tmp_path, monkeypatch, still_running
) -> None:
    # `explain CLF --file reviews.txt 2> log` was silent for minutes, where `text predict`
    # said "text predict: still running after 60 s ..."
    import lstmkit.cli.explain as cli_explain

    monkeypatch.setattr(cli_explain, "refuse_empty_sentences", still_running.work)
    (tmp_path / "reviews.txt").write_text("a fine film\nan awful film\n", "utf-8")
    assert main(["explain", str(clf_dir), "--file", str(tmp_path / "reviews.txt")]) == 2
    lines = still_running.lines()
    assert lines[:2] == [
        still_running.note("explain", "0.05"),
        still_running.note("explain", "0.1"),
    ]
    assert lines[-1] == "error: stopped by the test"


# -- 4. no typo hint naming a field given too ---------------------------------------------------


@pytest.mark.parametrize("make", [ForecasterConfig, Forecaster])
def test_a_typo_of_a_field_given_too_is_not_suggested_it(make) -> None:
    # Forecaster(horizon=3, horizn=4) was asked "did you mean 'horizon'?", given already
    tail = "." if make is ForecasterConfig else "; they set fields of ForecasterConfig."
    said = f"{make.__name__}() got unknown keyword argument"
    for given, hint in (
        (
            {"horizon": 3, "horizn": 4},
            "'horizn' ('horizn' is close to 'horizon', which is given too)",
        ),
        (
            {"horizon": 3, "horizn": 4, "epoch": 2},
            "'horizn', 'epoch' ('horizn' is close to 'horizon', which is given too; did you "
            "mean 'epochs' for 'epoch'?)",
        ),
        ({"horizn": 4}, "'horizn' (did you mean 'horizon'?)"),  # not given: suggested
    ):
        with pytest.raises(TypeError) as error:
            make(**given)
        plural = "s " if len(given) - ("horizon" in given) - ("epochs" in given) > 1 else " "
        assert str(error.value) == said + plural + hint + tail


# -- 5. a plan's stamp twice where no step reads it ---------------------------------------------

DUPLICATE = "timestamps must be unique, got duplicates in `future_covariates`: {}."


def test_a_stamp_twice_in_plan_rows_no_step_reads_is_accepted(promo_plan):
    # a gap before the series' end (or after the last step) was accepted, a stamp twice there
    # refused, though no step reads either
    fc, promo = promo_plan.fitted()
    expected = fc.predict(future_covariates=promo)
    past = pd.concat([promo[:10], promo[9:]])  # 2021-01-10 twice
    after = pd.concat([promo, pd.Series([1.0, 0.0], pd.DatetimeIndex(["2021-02-20"] * 2))])
    for plan in (past, after.rename("promo")):
        pd.testing.assert_frame_equal(fc.predict(future_covariates=plan), expected)
    # a stamp twice that a step reads: refused as before
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=pd.concat([promo[:42], promo[41:]]))
    assert str(error.value) == DUPLICATE.format("2021-02-11")

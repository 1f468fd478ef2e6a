"""The int7 session's internals (output unchanged): a text explanation's forward passes pinned,
and the remark that a refused ``--where`` or ``--date-format`` was taken from the run written
where the library writes the refusal, not matched in its text afterwards."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit import data as D
from lstmkit._remedies import cli_command
from lstmkit.cli import _forecast_run, main

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

# -- 1. one model's explanation with a target runs the model as often as before ens6 ----------


class _NoBar:
    def update(self, n: int) -> None:
        pass


@pytest.mark.parametrize(("method", "calls"), [("lrp", [2, 1]), ("gradxinput", [2, 2, 1, 1])])
def test_one_models_explanation_with_a_target_runs_no_extra_pass(
    method: str, calls: list[int], tied_classifier
) -> None:
    """The prediction run before each batch's explanation (``_known_output``) is LRP's output
    check (lrp then runs the model no more), and a gradient method's output, which its own
    pass (with gradients) does not give: one call per batch for lrp, two for gradxinput, as
    before ens6 (measured in int7: old and new within 1-4 %, the same bytes)."""
    from lstmkit.text.sentiment import SentimentPredictor

    model, vocab = tied_classifier
    predictor = SentimentPredictor(model, vocab, ("negative", "positive"))
    texts = ["a good film", "a bad film", "bad"]
    ids = [vocab.encode(predictor.tokens(t)) for t in texts]
    seen: list[int] = []  # the rows of each call of the model
    handle = model.register_forward_pre_hook(lambda _m, a: seen.append(len(a[0])))
    try:
        batches = list(predictor._explained_batches(ids, 1, 2, _NoBar(), method))
    finally:
        handle.remove()
    assert seen == calls
    assert [positions for positions, _, _ in batches] == [[2, 0], [1]]
    probs = predictor.predict_proba(texts, batch_size=2)
    for positions, ex, output in batches:
        assert ex.target.tolist() == [1] * len(positions)
        assert torch.equal(torch.softmax(output, dim=-1), probs[positions])


# -- 3. "taken from the run" is written where the refusal is --------------------------------


def _store_a(tmp_path: Path) -> Path:
    csv = tmp_path / "a.csv"
    months = pd.date_range("2015-01-01", periods=4, freq="MS").strftime("%Y-%m-%d")
    pd.DataFrame({"date": months, "store": "A", "sales": [1.0, 2, 3, 4]}).to_csv(csv, index=False)
    return csv


def test_a_refusal_of_the_runs_rows_says_so_where_the_library_writes_it(tmp_path: Path) -> None:
    # the CLI replaced "(--where)" in the refusal's text: a rewording dropped the remark
    csv = _store_a(tmp_path)
    taken = argparse.Namespace(runs_where=[("store", "B 2")])
    with _forecast_run._runs_reading(taken), pytest.raises(ValueError) as err:
        D.read_csv(csv, "date", "sales", where={"store": "B 2"})
    assert str(err.value) == (
        f"no row of {str(csv)!r} has store='B 2' (--where 'store=B 2', taken from the run; pass "
        "--where to read other rows); the column holds A."
    )
    # nothing taken (a --where given), and after the block: the argument, as a caller names it
    for reading in (_forecast_run._runs_reading(argparse.Namespace()), contextlib.nullcontext()):
        with reading, pytest.raises(ValueError) as err:
            D.read_csv(csv, "date", "sales", where={"store": "B 2"})
        assert str(err.value) == (
            f"no row of {str(csv)!r} has store='B 2' (`where`); the column holds A."
        )


def test_a_refusal_of_the_runs_date_format_says_so_where_the_library_writes_it(
    tmp_path: Path,
) -> None:
    # the CLI replaced "expected dates in --date-format '%d.%m.%Y'" in the refusal's text
    csv = _store_a(tmp_path)
    dates = (
        f"column 'date' of {str(csv)!r} has unparsable dates at row 2 ('2015-01-01'), row 3 "
        "('2015-02-01'), row 4 ('2015-03-01'), row 5 ('2015-04-01'); expected dates in "
        "--date-format '%d.%m.%Y'"
    )
    token = cli_command.set("predict")
    try:
        for runs, said in [
            ("%d.%m.%Y", ", taken from the run (pass --date-format to read others)"),
            (None, ""),  # --date-format given
            ("%m/%d/%Y", ""),  # another: not this refusal's
        ]:
            taken = argparse.Namespace(runs_date_format=runs)
            with _forecast_run._runs_reading(taken), pytest.raises(ValueError) as err:
                D.read_csv(csv, "date", "sales", date_format="%d.%m.%Y")
            assert str(err.value) == f"{dates}{said}; --date-format '%Y-%m-%d' reads every one."
    finally:
        cli_command.reset(token)


_FAST = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-refit", "--holdout", "0"]
_FAST += ["--interval", "0", "--no-stat-baselines", "--no-progress"]


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_a_runs_where_with_future_covariates_is_said_to_be_the_runs(
    tmp_path: Path, capsys, command: str
) -> None:
    # the rows after the target's last value are looked for with the run's --where too
    months = pd.date_range("2015-01-01", periods=39, freq="MS").strftime("%Y-%m-%d")
    sales = np.r_[np.round(100 + np.arange(36) % 12, 1), [np.nan] * 3]
    frames = [
        pd.DataFrame({"date": months, "store": s, "sales": sales, "promo": np.arange(39) % 2})
        for s in "AB"
    ]
    pd.concat(frames).to_csv(tmp_path / "stores.csv", index=False)
    frames[0].to_csv(tmp_path / "a.csv", index=False)
    argv = ["forecast", "--csv", str(tmp_path / "stores.csv"), "--date-col", "date"]
    argv += ["--value-col", "sales", "--where", "store=B", "--future-cols", "promo"]
    run = tmp_path / "run"
    assert main([*argv, "--horizon", "3", *_FAST, "--out", str(run)]) == 0
    capsys.readouterr()
    csv = tmp_path / "a.csv"
    assert main([command, str(run), "--csv", str(csv)]) == 2
    assert capsys.readouterr().err == (
        f"note: read {str(csv)!r} as the run did: --where store=B\n"
        f"error: no row of {str(csv)!r} has store='B' (--where store=B, taken from the run; pass "
        "--where to read other rows); the column holds A.\n"
    )

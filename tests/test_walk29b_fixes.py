"""walk29b: a student's walk through README's forecasting "From Python" (second half), "By
hand" and "Accuracy".

* ``StandardScaler().fit(y.reshape(1, -1))`` (a series laid along a row, as scikit-learn's
  advice for "a single sample" has it) was fitted as 132 features of one point each, every one
  constant: the series then transformed to zeros without a word. It is refused in
  ``split_windows``' words for the same shape.
* ``rmse(y_true, y_pred)`` of two pandas objects whose indexes differ was told to align them
  with ``y_pred.reindex(y_true.index)`` whatever they held: for a truth one month off the
  forecast's (11 of 12 labels shared) that gives NaN, which scores NaN. The reindex is advised
  only where the labels are the same in another order; else the shared labels are selected, or
  none is shared.
* ``benchmarks/forecast_accuracy.py --set epoch=20`` (or ``horizon=3``) was a traceback after
  the timing of ``lstmkit forecast airline``; every ``--set`` is checked at once, and
  ``--set early_stopping=False`` (Python's word for JSON's ``false``) is taken; its ``--help``
  says ``--datasets`` limits every table but the tutorial's, not "the holdout and backtest".
* README's by-hand loss became ``mse_loss``, which warns of a ``[B]`` target beside the
  ``[B, 1]`` output (broadcast to ``[B, B]``); the hand-written mean of squares said nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.data import MinMaxScaler, StandardScaler, load_dataset
from lstmkit.metrics import rmse

README = Path(__file__).resolve().parents[1] / "README.md"

# -- 1. a scaler fitted on a series laid along a row -----------------------------------------


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
@pytest.mark.parametrize(
    ("given", "remedy"),
    [(np.arange(132.0).reshape(1, -1), "x.reshape(-1)"), ([[1.0, 2.0, 3.0]], "np.ravel(x)")],
)
def test_scaler_fit_on_a_row_is_refused(scaler, given, remedy) -> None:
    fresh = scaler()
    n = np.shape(given)[1]
    with pytest.raises(ValueError) as caught:
        fresh.fit(given)
    assert str(caught.value) == (
        f"{scaler.__name__}.fit needs `x` to run down the rows, [T] or [T, F], got shape "
        f"(1, {n}): one time step of {n} features, each constant; for one series of {n} "
        f"points pass {remedy}."
    )
    assert fresh.scale_ is None  # nothing half-fitted
    # before: StandardScaler().fit(row).transform(row) was all zeros, without a word
    column = scaler().fit(np.ravel(given))
    back = column.inverse_transform(column.transform(np.ravel(given)))
    assert back.tolist() == pytest.approx(np.ravel(given).tolist(), rel=1e-12, abs=1e-12)


def test_readme_says_a_row_is_refused() -> None:
    text = " ".join(README.read_text("utf-8").split())
    assert (
        "`fit` on a series laid along a row, `d.reshape(1, -1)` (one step of 132 features, each "
        "constant, which scikit-learn's scalers fit without a word), with the reshape that "
        "gives the series."
    ) in text
    with pytest.raises(ValueError, match=r"got shape \(1, 132\): one time step of 132 features"):
        StandardScaler().fit(np.ones(132).reshape(1, -1))


def test_scaler_fit_on_one_point_of_one_feature_still_fits() -> None:
    assert repr(StandardScaler().fit(np.array([[3.0]]))) == "StandardScaler(fitted on 1 feature)"
    assert repr(StandardScaler().fit(np.ones((2, 5)))) == "StandardScaler(fitted on 5 features)"


# -- 2. the metrics' advice for indexes that differ ------------------------------------------

HEAD = (
    "`y_true` and `y_pred` must have the same index (points are matched by position), got "
    "indexes that differ at position 0: "
)


def test_a_truth_one_step_off_is_told_to_select_the_shared_points() -> None:
    y = load_dataset("airline")
    forecast = y[-12:] * 1.01
    with pytest.raises(ValueError) as caught:
        rmse(y[-13:-1], forecast)  # the test months, one off
    assert str(caught.value) == HEAD + (
        "Timestamp('1959-12-01 00:00:00') and Timestamp('1960-01-01 00:00:00'); they share 11 "
        "of their 12 labels, and `y_pred.reindex(y_true.index)` would leave NaN (which scores "
        "NaN) at the others: score the shared ones, common = "
        "y_true.index.intersection(y_pred.index), then y_true.loc[common] and "
        "y_pred.loc[common], or pass `.to_numpy()` to pair them by position."
    )
    # the advice before gave NaN; the one now scores the 11 months
    truth = y[-13:-1]
    assert np.isnan(rmse(truth, forecast.reindex(truth.index)))
    common = truth.index.intersection(forecast.index)
    assert rmse(truth.loc[common], forecast.loc[common]) == pytest.approx(
        float(np.sqrt(np.mean((0.01 * y[-12:-1].to_numpy()) ** 2))), rel=1e-12
    )


def test_the_same_labels_in_another_order_are_still_told_to_reindex() -> None:
    t = pd.Series([1.0, 2.0, 3.0], index=[0, 1, 2])
    with pytest.raises(ValueError) as caught:
        rmse(t, pd.Series([3.0, 2.0, 1.0], index=[2, 1, 0]))
    assert str(caught.value) == HEAD + (
        "0 and 2; align them first (`y_pred.reindex(y_true.index)`) or pass `.to_numpy()` to "
        "pair them by position."
    )


def test_indexes_that_share_no_label() -> None:
    y = load_dataset("airline")
    with pytest.raises(ValueError) as caught:
        rmse(y[-12:].reset_index(drop=True), y[-12:])
    assert str(caught.value) == HEAD + (
        "0 and Timestamp('1960-01-01 00:00:00'); they share no label (positions beside "
        "times): pass `.to_numpy()` to pair them by position where the points belong together."
    )


# -- 3. forecast_accuracy.py --set, refused before any work ----------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["--set", "epoch=20"],
            "forecast_accuracy.py: error: --set: ForecasterConfig() got unknown keyword "
            "argument 'epoch' (did you mean 'epochs'?).",
        ),
        (
            ["--set", "anchor=seasn", "--set", "epochs=x"],
            "forecast_accuracy.py: error: --set: `anchor` must be one of ('level', 'season', "
            "'smooth'), got 'seasn' (did you mean 'season'?). `epochs` must be a positive "
            "integer, got 'x' (a number, not text).",
        ),
        (
            ["--set", "horizon=3", "--set", "seed=1", "--set", "strategy=seq2seq"],
            "forecast_accuracy.py: error: --set horizon is set by the run (each holdout's "
            "length: 12, 24; 12 in the backtest); seed is set by the run (the seeds 0, 100, "
            "200; --quick: 0); strategy is set by --strategy.",
        ),
    ],
)
def test_forecast_accuracy_set_refused_at_once(bench_refusal, argv, said) -> None:
    assert bench_refusal("forecast_accuracy", argv) == said


def test_forecast_accuracy_set_takes_pythons_true_false_none(
    bench_script, monkeypatch, capsys
) -> None:
    bench = bench_script("forecast_accuracy")

    class Stop(Exception):
        pass

    def stop(*args, **kwargs):
        raise Stop

    monkeypatch.setattr(bench, "cli_seconds", lambda: 0.0)
    monkeypatch.setattr(bench, "holdout_table", stop)
    argv = ["--set", "early_stopping=False", "--set", "epochs=20", "--set", "interval=None"]
    with pytest.raises(Stop):
        bench.main(argv)
    out = capsys.readouterr().out
    assert re.search(r"^strategy: direct, overrides: (.*)$", out, re.M).group(1) == (
        "{'early_stopping': False, 'epochs': 20, 'interval': None}"
    )


def test_forecast_accuracy_help_says_which_tables_datasets_limits(bench_script, capsys) -> None:
    # it said "datasets of the holdout and backtest tables": the two growth tables read them too
    with pytest.raises(SystemExit):
        bench_script("forecast_accuracy").main(["--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert (
        "--datasets NAME [NAME ...] datasets of every table but the tutorial's (airline's "
        "alone): the holdout, backtest, growth-in-hindsight and growth-window tables"
    ) in said
    assert "JSON, True/False/None or a bare string; refused at once where ForecasterConfig" in said


# -- 4. README's by-hand loss warns of a target that broadcasts ------------------------------


def test_by_hand_loss_warns_of_a_target_of_another_shape() -> None:
    (line,) = [s for s in README.read_text("utf-8").splitlines() if s.startswith("mse = lambda")]
    assert line == (
        "mse = lambda model, batch: torch.nn.functional.mse_loss(model(batch[0]), batch[1])"
    )
    mse = eval(line.removeprefix("mse = "), {"torch": torch})
    net = torch.nn.Linear(3, 1)
    x, y = torch.ones(4, 3), torch.zeros(4)
    with pytest.warns(UserWarning, match=re.escape("Using a target size (torch.Size([4]))")):
        mse(net, (x, y))
    # with the [B, 1] targets split_windows gives, the same number as the hand-written mean
    target = torch.zeros(4, 1)
    assert mse(net, (x, target)).item() == torch.mean((net(x) - target) ** 2).item()

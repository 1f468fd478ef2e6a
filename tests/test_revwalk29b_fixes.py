"""revwalk29b: a review of walk29b (scalers refuse a row; metrics' advice for indexes that
differ; forecast_accuracy ``--set`` checked at once).

* ``rmse`` of a truth indexed by (series, month), a MultiIndex, beside a forecast indexed by
  month failed in pandas' words ("MultiIndex.isin expects an iterable of tuples of length 2"),
  and text labels beside periods in pyarrow's ("Could not convert Period('2020-01', 'M')"):
  the advice's count of shared labels raised (and so did the hint for objects of other
  lengths, for a shorter forecast under a MultiIndex). Labels pandas cannot look up share none.
* Indexes that share no label were told "(other times, or positions beside times)" whatever
  they held: text dates beside dates, and times with a time zone beside times without, too.
  Their kinds are named ("text labels beside times", "times beside times in Europe/Paris").
* A forecast whose index repeats a label was told to ``y_pred.reindex(y_true.index)``, which
  pandas refuses ("cannot reindex on an axis with duplicate labels").
* README's metrics paragraph still advised ``pred.reindex(y.index)`` alone.
* ``forecast_accuracy.py --set horizon=3 --set epoch=20`` told of ``horizon`` alone; the
  misspelt ``epoch`` came on the next run. Both are told at once.
* ``forecast_accuracy.py --json DIR`` (or a path in a missing folder) was ``open``'s traceback
  after every table's fits: refused at once in ``charlm_vs_transformer.py``'s words, whose
  check moved to ``_counts.py`` for both; ``sst.py --json`` takes it too.
* The scalers' ``fit`` docstrings did not name walk29b's refusal of a row.
* ``SeasonalDifferencer(1).transform(y.reshape(1, -1))``, the same row by another route, was
  told "got 1" with no word on its shape; it is told the scalers' reshape.
* ``time_split(y.reshape(1, -1))`` was told ``time_split(len(values), ...)``, which is
  ``time_split(1)`` for a row: it is told ``values.shape[1]``.
* ``Forecaster.fit`` and ``predict(series=...)`` told an array laid along a row to transpose,
  but a one-row DataFrame (a wide CSV) only "got 1" / "got 30": it is told as the array is.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit.data import MinMaxScaler, SeasonalDifferencer, StandardScaler, time_split
from lstmkit.metrics import rmse

HEAD = (
    "`y_true` and `y_pred` must have the same index (points are matched by position), got "
    "indexes that differ at position 0: "
)
README = Path(__file__).resolve().parents[1] / "README.md"
MONTHS = pd.date_range("2020-01-01", periods=3, freq="MS")

# -- 1. labels pandas cannot look up in the other index --------------------------------------


def _no_label_shared(truth: pd.Index, forecast: pd.Index) -> str:
    with pytest.raises(ValueError) as caught:
        rmse(pd.Series([1.0, 2.0, 3.0], index=truth), pd.Series([1.0, 2.0, 3.0], index=forecast))
    said = str(caught.value)
    tail = ": pass `.to_numpy()` to pair them by position where the points belong together."
    assert said.startswith(HEAD) and said.endswith(tail), said
    return said.removeprefix(HEAD).removesuffix(tail)


@pytest.mark.parametrize(
    ("truth", "forecast", "said"),
    [
        (
            pd.MultiIndex.from_product([["x"], MONTHS]),
            MONTHS,
            "('x', Timestamp('2020-01-01 00:00:00')) and Timestamp('2020-01-01 00:00:00'); "
            "they share no label (tuples beside times)",
        ),
        (
            pd.Index(["a", "b", "c"]),
            MONTHS.to_period("M"),
            "'a' and Period('2020-01', 'M'); they share no label (text labels beside periods)",
        ),
    ],
)
def test_labels_pandas_cannot_look_up_share_none(truth, forecast, said) -> None:
    assert _no_label_shared(truth, forecast) == said


@pytest.mark.parametrize(
    ("truth", "forecast", "kinds"),
    [
        # it said "(other times, or positions beside times)" of each
        (MONTHS.astype(str), MONTHS, "text labels beside times"),
        (MONTHS, MONTHS.tz_localize("Europe/Paris"), "times beside times in Europe/Paris"),
        (MONTHS, MONTHS + pd.DateOffset(years=1), "other times"),
        (pd.RangeIndex(3), MONTHS, "positions beside times"),
        (pd.Index([0.5, 1.5, 2.5]), pd.Index([5, 6, 7]), "numbers beside positions"),
    ],
)
def test_indexes_that_share_no_label_are_told_their_kinds(truth, forecast, kinds) -> None:
    said = _no_label_shared(truth, forecast)
    assert said.endswith(f"; they share no label ({kinds})")


def test_a_shorter_forecast_under_a_multiindex_is_told_the_shapes() -> None:
    # the hint for pandas objects of other lengths failed in pandas' words too
    forecast = pd.Series([1.0, 2.0], index=pd.MultiIndex.from_product([["x"], MONTHS[:2]]))
    with pytest.raises(ValueError) as caught:
        rmse(pd.Series([1.0, 2.0, 3.0], index=MONTHS), forecast)
    assert str(caught.value) == (
        "`y_true` and `y_pred` must have the same shape (a column [n, 1] counts as [n]), got "
        "(3,) and (2,)."
    )


# -- 2. a forecast whose index repeats a label -----------------------------------------------


def test_a_forecast_index_that_repeats_a_label_is_not_told_to_reindex() -> None:
    truth = pd.Series([1.0, 2.0, 3.0], index=[0, 1, 2])
    forecast = pd.Series([1.0, 2.0, 3.0], index=[1, 1, 2])
    with pytest.raises(ValueError) as caught:
        rmse(truth, forecast)
    assert str(caught.value) == HEAD + (
        "0 and 1; `y_pred`'s index repeats 1, which `y_pred.reindex(y_true.index)` refuses: "
        "pass `.to_numpy()` to pair them by position."
    )
    with pytest.raises(ValueError, match="cannot reindex on an axis with duplicate labels"):
        forecast.reindex(truth.index)  # the advice before
    # a truth that repeats labels can still be reindexed to
    with pytest.raises(ValueError, match=r"0 and 2; align them first \(`y_pred\.reindex"):
        rmse(
            pd.Series([1.0, 1.0, 3.0], index=[0, 0, 2]), pd.Series([3.0, 1.0, 9.0], index=[2, 0, 5])
        )


def test_readme_gives_the_metrics_advice_the_code_gives() -> None:
    # it said "align them (`pred.reindex(y.index)`)" alone: for a truth one month off the
    # forecast's, that NaN scores NaN, which walk29b's refusal now says
    text = " ".join(README.read_text("utf-8").split())
    assert "are refused: align them (`pred.reindex(y.index)`)" not in text
    assert (
        "two pandas objects with different indexes are refused with what to do: "
        "`pred.reindex(y.index)` where they hold the same labels in another order, the labels "
        "they share (`common = y.index.intersection(pred.index)`, then `y.loc[common]` and "
        "`pred.loc[common]`) where a reindex would leave NaN (where `y` repeats a label they "
        "share, which `.loc[common]` selects more often in `y`: `keep = "
        "y.index.isin(pred.index)`, then `y[keep]` and `pred.reindex(y.index[keep])`), or "
        "`.to_numpy()` to pair them by position;"
    ) in text
    y = pd.Series([1.0, 2.0, 3.0], index=MONTHS)
    pred = pd.Series([2.0, 3.0, 4.0], index=MONTHS + pd.DateOffset(months=1))
    common = y.index.intersection(pred.index)
    assert rmse(y.loc[common], pred.loc[common]) == 0.0


# -- 3. forecast_accuracy.py --set: every problem at once -------------------------------------


def test_forecast_accuracy_set_tells_the_runs_fields_and_the_configs_at_once(
    bench_refusal,
) -> None:
    argv = ["--set", "horizon=3", "--set", "epoch=20"]
    assert bench_refusal("forecast_accuracy", argv) == (
        "forecast_accuracy.py: error: --set horizon is set by the run (each holdout's length: "
        "12, 24; 12 in the backtest). --set: ForecasterConfig() got unknown keyword argument "
        "'epoch' (did you mean 'epochs'?)."
    )


# -- 4. the scalers' fit docstrings name the row refusal -------------------------------------


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
def test_scaler_fit_docstring_names_the_row_refusal(scaler) -> None:
    # it listed an empty x and NaN or infinite values alone
    doc = " ".join(scaler.fit.__doc__.split())
    assert doc.endswith(
        "Raises ``ValueError`` for an empty ``x``, one with NaN or infinite values, or a series "
        "laid along a row (shape ``(1, T)``, ``T > 1``)."
    )
    with pytest.raises(ValueError, match=r"got shape \(1, 2\): one time step of 2 features"):
        scaler().fit([[1.0, 2.0]])


# -- 5. SeasonalDifferencer.transform of a series laid along a row ---------------------------


@pytest.mark.parametrize(
    ("given", "remedy"),
    [(np.arange(132.0).reshape(1, -1), "x.reshape(-1)"), ([[1.0, 2.0, 3.0]], "np.ravel(x)")],
)
def test_differencing_a_row_names_its_shape(given, remedy) -> None:
    n = np.shape(given)[1]
    with pytest.raises(ValueError) as caught:
        SeasonalDifferencer(1).transform(given)
    assert str(caught.value) == (
        "`x` must have more than 1 point to difference with lag 1, got 1: shape "
        f"(1, {n}), one time step of {n} features; for one series of {n} points pass {remedy}."
    )
    assert SeasonalDifferencer(1).transform(np.ravel(given)).tolist() == [1.0] * (n - 1)
    # one point of one feature: nothing to reshape
    with pytest.raises(ValueError, match=r"lag 1, got 1\.$"):
        SeasonalDifferencer(1).transform([[5.0]])


def test_readme_says_a_differenced_row_is_told_the_reshape() -> None:
    text = " ".join(README.read_text("utf-8").split())
    assert (
        "with the reshape that gives the series. `SeasonalDifferencer(12).transform` of a row "
        "(one point to difference) is told the same reshape."
    ) in text
    with pytest.raises(ValueError, match=r"pass x\.reshape\(-1\)\.$"):
        SeasonalDifferencer(12).transform(np.ones(144).reshape(1, -1))


# -- 6. time_split of a series laid along a row ----------------------------------------------


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        (np.arange(132.0).reshape(1, -1), "a numpy array"),
        (pd.DataFrame(np.ones((1, 132))), "a DataFrame"),
        (torch.ones(1, 132), "a Tensor"),
    ],
)
def test_time_split_of_a_row_is_told_its_number_of_points(given, kind) -> None:
    # it was told time_split(len(values), ...), which is time_split(1): no training point
    with pytest.raises(TypeError) as caught:
        time_split(given, test=12)
    assert str(caught.value) == (
        f"`n` must be an integer (the number of points), got 1 row of 132 values ({kind}); "
        "pass their number: time_split(values.shape[1], ...), 132 here (a row's len() is 1)."
    )
    assert time_split(given.shape[1], test=12)[2] == slice(120, 132)
    # one point of one feature: its len() is its number
    with pytest.raises(TypeError, match=r"got 1 value \(a numpy array\); pass their number: "):
        time_split(np.ones((1, 1)))


# -- 7. Forecaster: a one-row DataFrame (a wide CSV) is told to transpose, as an array is ----


def test_forecaster_tells_a_one_row_frame_to_transpose_as_an_array() -> None:
    from lstmkit.forecast import Forecaster

    values = np.sin(np.arange(30.0)) + 2
    fc = Forecaster(epochs=1, horizon=2, lookback=4, seed=0)
    with pytest.raises(ValueError) as caught:
        fc.fit(pd.DataFrame([values]))  # it ended "got 1." with no word on the shape
    assert str(caught.value) == (
        "the series is too short: lookback (4) + horizon (2) + differencing (0) + validation "
        "windows (1) need at least 7 points, got 1: `series` is a DataFrame of shape (1, 30), "
        "whose rows are the time steps (target in column 0, covariates after); transpose it "
        "(series.T, shape (30, 1)) if its 30 columns are the steps."
    )
    # a frame of named columns and more rows is a short series with covariates
    with pytest.raises(ValueError, match=r"need at least 7 points, got 2\.$"):
        fc.fit(pd.DataFrame(np.ones((2, 3)), columns=["sales", "price", "promo"]))
    fc.fit(values)
    with pytest.raises(ValueError) as caught:
        fc.predict(series=pd.DataFrame([values]))  # it ended "got 30."
    assert str(caught.value) == (
        "`series` must have 1 column like the training data (['value']), got 30 (a "
        "DataFrame of shape (1, 30), whose rows are the time steps: transpose it, series.T)."
    )


# -- 8. forecast_accuracy.py --json, refused before the run ----------------------------------


def test_forecast_accuracy_json_path_refused_at_once(bench_refusal, tmp_path) -> None:
    # it was open()'s traceback after every table's fits (hours)
    missing = tmp_path / "no such" / "r.json"
    assert bench_refusal("forecast_accuracy", ["--json", str(missing)]) == (
        f"forecast_accuracy.py: error: --json {str(missing)!r}: its folder "
        f"{str(missing.parent)!r} does not exist."
    )
    assert bench_refusal("forecast_accuracy", ["--json", str(tmp_path), "--set", "epoch=2"]) == (
        "forecast_accuracy.py: error: --set: ForecasterConfig() got unknown keyword "
        "argument 'epoch' (did you mean 'epochs'?). --json must be a file's path, got the "
        f"folder {str(tmp_path)!r}."
    )


def test_sst_json_path_refused_at_once(bench_refusal, tmp_path) -> None:
    # the same traceback after every sentiment run
    assert bench_refusal("sst", ["--json", str(tmp_path), "--jobs", "0"]) == (
        "sst.py: error: --jobs must be a positive integer, got 0. --json must be a file's "
        f"path, got the folder {str(tmp_path)!r}."
    )

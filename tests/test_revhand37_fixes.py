"""Review of hand37 (revhand37): split_windows' warning of values scaled on the whole series
said of values so by nature, the forecast CLI's --freq, and a one-series long-format frame."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D

AIRLINE = D.load_dataset("airline").to_numpy()
N = len(AIRLINE)
OWN = D.MinMaxScaler().fit(AIRLINE[:96]).transform(AIRLINE)  # fitted on the training part
_rng = np.random.default_rng(0)
PROPORTION = np.round(_rng.uniform(0, 0.99, N), 2)
PROPORTION[[5, 140]] = 0.0, 1.0  # a share that reaches 1 (all of it) in a test month
PERCENT = _rng.integers(0, 100, N) / 100
PERCENT[-3] = 1.0  # a percentage / 100 whose 100 % comes late
HOLIDAY = np.r_[np.zeros(N - 10), 0.5, 1.0, np.zeros(8)]  # 0, a half day 0.5, 1


@pytest.mark.parametrize(
    "values",
    [
        # targets in [0, 1] by nature, whose 1 lies after the training part
        PROPORTION,
        PERCENT,
        HOLIDAY,
        pd.DataFrame({"share": PROPORTION}),
        np.linspace(0.0, 1.0, N),  # a cumulative share rising in equal steps
        np.arange(N) / (N - 1),
        # a trend of mean 0 and standard deviation 1 over all points by construction
        (np.arange(N) - (N - 1) / 2) / np.arange(N).std(),
        # covariates known ahead, scaled on all their points, beside a target scaled right
        np.column_stack([OWN, np.linspace(0.0, 1.0, N)]),
        np.column_stack([OWN, HOLIDAY]),
        np.column_stack([OWN, D.MinMaxScaler().fit_transform(np.arange(N) % 12 + np.arange(N))]),
    ],
)
def test_values_in_0_1_or_standard_by_nature_are_not_warned_of(values: object) -> None:
    # before: "`values` look scaled on the whole series ...: the series spans [0, 1] exactly,
    # and its 1 lies at position 140 ..." (or "column 1 spans ..."), an error under pytest's
    # filterwarnings = error
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        D.split_windows(values, lookback=3, horizon=1, test=0.33)


def test_a_frame_scaled_on_all_its_points_is_warned_of_by_its_target() -> None:
    # the classic multivariate tutorial's scaler.fit_transform(values) of every column: the
    # target scaled so is named, by its position
    frame = np.column_stack([AIRLINE, np.arange(N) % 12, np.sqrt(AIRLINE)])
    with pytest.warns(UserWarning) as record:
        D.split_windows(D.MinMaxScaler().fit_transform(frame), 1, 1, test=0.33, target_col=2)
    assert [str(w.message) for w in record] == [
        "`values` look scaled on the whole series, not on its training part alone: the "
        "target, column 2, spans [0, 1] exactly, and its 1 lies at position 138, after the "
        "training part's 96 points, so the scaler saw the future; fit it on the training part "
        "only, MinMaxScaler().fit(series[:96]) (time_split's train slice), and transform the "
        "whole series with it; where the values are so by nature (a proportion, a "
        "probability), silence this with warnings.filterwarnings('ignore', '`values` look "
        "scaled on the whole series')."
    ]


def test_the_warnings_own_advice_silences_it() -> None:
    scaled = D.StandardScaler().fit_transform(AIRLINE)
    with pytest.warns(UserWarning) as record:
        D.split_windows(scaled, lookback=1, horizon=1, test=0.33)
    advice = str(record[0].message).rpartition("silence this with ")[2].removesuffix(".")
    assert advice == "warnings.filterwarnings('ignore', '`values` look scaled on the whole series')"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        eval(advice, {"warnings": warnings})  # the call as the message writes it
        split = D.split_windows(scaled, lookback=1, horizon=1, test=0.33)
    assert split.test.X.shape == (48, 1, 1)

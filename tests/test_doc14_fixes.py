"""A fresh user's pass over README's "From Python", "By hand" and the tour (doc14): refusals of
bad input to the windows, splits and scalers that name the argument, what was expected and
what came; `lstmkit datasets` and `lstmkit forecast --help` saying what is true."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.data import (
    MinMaxScaler,
    StandardScaler,
    make_windows,
    split_windows,
    time_split,
)

Y = np.arange(1.0, 145.0)


@pytest.mark.parametrize(
    ("values", "said"),
    [(Y, "144 values (a numpy array)"), (list(Y[:10]), "10 values (a list)")],
)
def test_time_split_given_the_series_says_to_pass_its_length(values, said):
    """`time_split(y)`, as `split_windows(y, ...)` is called, printed all 144 values in its
    message; now their number and the call to make."""
    with pytest.raises(TypeError) as caught:
        time_split(values, test=12)
    assert str(caught.value) == (
        f"`n` must be an integer (the number of points), got {said}; pass their number: "
        "time_split(len(values), ...)."
    )


def test_time_split_of_no_points_names_n():
    """0 points was told "`val` + `test` (0 + 0) must leave at least one training point of 0."."""
    with pytest.raises(ValueError) as caught:
        time_split(0)
    assert str(caught.value) == "`n` must be at least 1 (the number of points), got 0."


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"test": 12.0},
            "`test` as a fraction must be in [0, 1), got 12.0; a count is an int: test=12.",
        ),
        (
            {"val": np.float32(24)},
            "`val` as a fraction must be in [0, 1), got np.float32(24.0); a count is an int: "
            "val=24.",
        ),
        # 1.0 may mean "all of it" as well as one point: no guess
        ({"test": 1.0}, "`test` as a fraction must be in [0, 1), got 1.0."),
        ({"test": 12.5}, "`test` as a fraction must be in [0, 1), got 12.5."),
    ],
)
def test_a_whole_float_size_is_told_to_be_an_int(kwargs, message):
    with pytest.raises(ValueError) as caught:
        time_split(144, **kwargs)
    assert str(caught.value) == message
    with pytest.raises(ValueError) as caught:  # split_windows splits the same way
        split_windows(Y, 12, 1, **kwargs)
    assert str(caught.value) == message


def test_a_dataframe_column_name_as_target_col_is_told_its_position():
    """`target_col='b'` on a DataFrame said "it has 2" alone; now which position 'b' is."""
    frame = pd.DataFrame({"a": Y, "b": 2 * Y})
    with pytest.raises(ValueError) as caught:
        split_windows(frame, 12, 1, test=12, target_col="b")
    assert str(caught.value) == (
        "`target_col` must be a column's position in `values` (0 to 1), got 'b'; `values` is a "
        "DataFrame whose column 'b' is target_col=1 (a position)."
    )
    with pytest.raises(ValueError) as caught:
        make_windows(frame, 12, 1, target_col="c")
    assert str(caught.value) == (
        "`target_col` must be a column's position in `values` (0 to 1), got 'c'; `values` is a "
        "DataFrame of columns 'a' (0), 'b' (1)."
    )
    _, targets = make_windows(frame, 12, 1, target_col=1)  # the position it names
    assert targets[0, 0] == 26.0


@pytest.mark.parametrize("text", ["01", b"01"])
def test_min_max_scaler_refuses_a_range_given_as_text(text):
    """'01' was read as its digits, feature_range=(0.0, 1.0), without a word (a TypeError
    since xd15, as the other type refusals)."""
    with pytest.raises(TypeError) as caught:
        MinMaxScaler(feature_range=text)
    assert str(caught.value) == (
        f"`feature_range` must be two finite numbers (min, max) with min < max, got {text!r}."
    )


@pytest.mark.parametrize("scaler", [StandardScaler, MinMaxScaler])
def test_a_scaler_fitted_on_windows_is_told_to_fit_the_series(scaler):
    """Fitting on `split.train.X` ([N, L, F], each value counted up to L times) was refused
    with its shape alone."""
    split = split_windows(Y, 12, 1, test=12)
    with pytest.raises(ValueError) as caught:
        scaler().fit(split.train.X)
    name = scaler.__name__
    assert str(caught.value) == (
        f"{name}.fit needs a non-empty [T] or [T, F] array (at least one point and one "
        "feature), got shape (120, 12, 1); fit it on the series' training part before "
        f"cutting windows, {name}().fit(values[train]) with train from time_split."
    )
    with pytest.raises(ValueError) as caught:  # no remedy about windows for other shapes
        scaler().fit(np.ones((2, 3, 4, 5)))
    assert str(caught.value).endswith("got shape (2, 3, 4, 5).")


def test_datasets_says_what_to_do_with_a_name_and_no_made_up_unit(capsys):
    """The wine series' unit was "bottles" (15,136 a month for a country), which no source
    says; the table's "n" is the points; a new user was not told how to use a name."""
    assert main(["datasets"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "points", "span", "units", "description"]
    wine = next(line for line in lines if line.startswith("wine "))
    assert "sales (unit not stated)" in wine and " bottles  " not in wine
    assert lines[-3] == (
        "forecast one: lstmkit forecast NAME; from Python: lstmkit.data.load_dataset(NAME)"
    )


def test_forecast_help_says_what_the_defaults_are(capsys):
    """--lookback said "automatic", --difference "lag, 0 = off", --hidden-size "units per
    layer" and --covariate-cols "extra input columns"."""
    with pytest.raises(SystemExit) as stop:
        main(["forecast", "--help"])
    assert stop.value.code == 0
    # argparse wraps at a hyphen too ("--future-\ncols")
    text = re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(capsys.readouterr().out.split()))
    for said in (
        "bundled dataset: airline, car_sales, milk, wine (`lstmkit datasets` describes them), "
        "or --csv",
        "extra input columns of --csv, read over the input window as the target is (their "
        "past values; --future-cols for values known in advance)",
        "--lookback N input window in steps (default: one to three seasons, the "
        "longest that leaves enough training windows; 24, 12, 6, 3 or 1 steps without a "
        "season)",
        "--hidden-size N size of each encoder layer's hidden state (default: 32)",
        "--difference N difference the series at this lag before training, 1 for "
        "first differences, 12 for year on year in monthly data; 0 for none (default: 0)",
    ):
        assert said in text
    for gone in ("(default: automatic)", "lag, 0 = off", "units per layer"):
        assert gone not in text

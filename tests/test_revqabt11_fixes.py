"""revqabt11: a review of qabt11 (backtest as a Darts/NeuralForecast user meets it). Darts'
retrain=1 and 0 said as the True and False they are, a numpy value named once, the
arguments of theirs it forgot (NeuralForecast's level and test_size, verbose), an array's
first origin named once and counted in the singular, the backtest figure's origin lines in
its legend and a title that says when the model was not retrained, and the warning of the
main fit and of the backtest's fits printed once by ``lstmkit forecast --backtest``."""

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster


def _series(n: int = 40) -> pd.Series:
    t = np.arange(n, dtype=float)
    index = pd.date_range("2020-01-01", periods=n, freq="MS")
    return pd.Series(50 + t + 5 * np.sin(2 * np.pi * t / 4), index, name="sales")


@pytest.mark.parametrize(
    ("retrain", "said"),
    [
        (1, "got int 1; Darts' retrain=1 (a fit at every origin) is retrain=True here."),
        (0, "got int 0; Darts' retrain=0 (no fit at any origin) is retrain=False here."),
        (
            np.int64(1),
            "got np.int64(1); Darts' retrain=1 (a fit at every origin) is retrain=True here.",
        ),
    ],
)
def test_darts_retrain_one_and_zero_are_said_as_true_and_false(retrain, said) -> None:
    # before: "got int 1; Darts' retrain as a number ... has no counterpart here", where
    # Darts' retrain=1 refits at every origin (True) and retrain=0 at none (False)
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), retrain=retrain)
    assert str(err.value) == f"`retrain` must be True or False, {said}"


def test_a_numpy_retrain_or_covariates_is_named_once() -> None:
    # before: "got int64 np.int64(2)", the type said twice
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), retrain=np.int64(2))
    assert str(err.value) == (
        "`retrain` must be True or False, got np.int64(2); Darts' retrain as a number or a "
        "callable (retrain at some origins only) has no counterpart here: every origin is "
        "fitted (True) or none is (False, "
        "this fitted model forecasting at each)."
    )
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), np.int64(-36))
    assert str(err.value) == (
        "`covariates` must be a pandas Series/DataFrame or a numpy array, got np.int64(-36); "
        "pass start, stride and horizon by name: backtest(series, start=np.int64(-36))."
    )


def test_neuralforecast_level_and_test_size_and_verbose_are_said_in_backtests_terms() -> None:
    # before: Python's bare "got an unexpected keyword argument 'level'" (predict named it)
    with pytest.raises(TypeError) as err:
        Forecaster(horizon=3).backtest(_series(), level=[80, 90], test_size=6, verbose=True)
    assert str(err.value) == (
        "Forecaster.backtest() takes no argument `level`, `test_size` and `verbose`: "
        "NeuralForecast's level is `levels` here, as fractions, scored beside the config's "
        "`interval` (levels=(0.8, 0.9) for level=[80, 90]); NeuralForecast's test_size has no "
        "counterpart here: the windows start at `start`, so test_size=n is start=-n; Darts' "
        "verbose is the config's `progress` here (Forecaster(progress=True))."
    )


def test_an_arrays_first_origin_is_named_once_and_one_point_in_the_singular() -> None:
    # before: "the first origin (position 1, 1) leaves 1 points before it"
    fc = Forecaster(horizon=3, epochs=1, progress=False)
    with pytest.raises(ValueError) as err:
        fc.backtest(np.arange(10.0))
    assert str(err.value) == (
        "the first origin (position 1) leaves 1 point before it: the series is too short: "
        "lookback (1) + horizon (3) + differencing (0) + validation windows (1) need at least "
        "5 points, got 1; pass a later `start`: start=5 is the earliest that runs, 1 origin; "
        "start=7 moves it to position 7, the last whole horizon."
    )
    # a label that is not the position is still said beside it
    with pytest.raises(ValueError) as err:
        fc.backtest(pd.Series(np.arange(12.0), index=range(100, 112)))
    assert str(err.value).startswith("the first origin (position 3, 103) leaves 3 points ")


def test_the_backtest_figure_names_its_origin_lines_and_a_model_not_retrained() -> None:
    # before: the dotted line at each origin was in no legend entry, and a backtest of one
    # fitted model (retrain=False, --no-retrain) had the title of one refitted at each origin
    y = _series()
    fc = Forecaster(horizon=3, lookback=4, epochs=1, ensemble=1, progress=False, val_size=4)
    fc.fit(y[:34])
    bt = fc.backtest(y, start=-6, stride=3, retrain=False, statistical_baselines=False)
    assert bt.retrained is False
    ax = bt.plot().axes[0]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts == ["series", "origins", "forecast", "80% interval", "seasonal naive"]
    dotted = [line for line in ax.lines if line.get_linestyle() == ":"]
    labels = [line.get_label() for line in dotted]  # the second unlabelled, "_child..."
    assert len(labels) == 2 and labels[0] == "origins" and labels[1].startswith("_")
    model, naive = bt.summary["model"]["rmse"], bt.summary["seasonal_naive"]["rmse"]
    assert ax.get_title() == (
        f"2 origins, not retrained: mean RMSE {model:.4g}, seasonal naive {naive:.4g}; "
        f"interval coverage {bt.summary['model']['coverage']:.0%} (nominal 80%)"
    )
    one = fc.backtest(y, start=-3, retrain=False, statistical_baselines=False)
    texts = [t.get_text() for t in one.plot(baseline=None).axes[0].get_legend().get_texts()]
    assert texts == ["series", "origin", "forecast", "80% interval"]


@pytest.mark.filterwarnings("always::UserWarning")  # as the command shows them, not errors
def test_the_main_fits_warning_is_not_printed_again_for_the_backtests_fits(
    tmp_path, capsys, short_sales
) -> None:
    # before: the 80% interval's "needs at least 4 validation errors" twice, word for word
    # with --no-retrain, and again with "(Warned by the fits at 3 of the backtest's 3 ...)"
    from lstmkit.cli import main

    argv = short_sales
    argv += ["--horizon", "3", "--lookback", "4", "--epochs", "1", "--ensemble", "1"]
    argv += ["--no-stat-baselines", "--no-progress", "--val-size", "2"]
    argv += ["--backtest", "--backtest-origins", "2"]
    warned = (
        "warning: the 80% split-conformal interval needs at least 4 validation errors per "
        "forecast step, and 3 steps have only 2; their half-width is the largest error, which "
        "covers about 67%. --val-size 4 or a lower --interval (0.66 or less) fixes this.\n"
    )
    assert main(argv) == 0
    assert capsys.readouterr().err == warned + (
        "warning: the fits at 2 of the backtest's 2 origins warned the same ('the 80% "
        "split-conformal interval needs at least 4 validation ...').\n"
    )
    assert main([*argv, "--no-retrain"]) == 0
    assert capsys.readouterr().err == warned


def test_no_backtest_origins_is_refused_without_why_one_more_would_not_fit(
    tmp_path, capsys, short_sales
) -> None:
    # before: "--backtest-origins must be 1 for this series, got 0. The origins are 12 steps
    # apart, so the earliest of 2 origins would be fitted on only the first 16 points, too
    # few: ... pass --lookback 3 (the longest that fits)", the advice of a bound 0 is not near
    from lstmkit.cli import main

    argv = short_sales
    for origins in ("0", "-1"):
        assert main([*argv, "--backtest", "--backtest-origins", origins, "--no-progress"]) == 2
        assert capsys.readouterr().err == (
            f"error: --backtest-origins must be 1 for this series, got {origins}.\n"
        )
    assert main([*argv, "--horizon", "3", "--backtest", "--backtest-origins", "0"]) == 2
    assert capsys.readouterr().err == (
        "error: --backtest-origins must be between 1 and 8 for this series, got 0.\n"
    )


@pytest.mark.filterwarnings("always::UserWarning")  # as the command shows them, not errors
def test_the_main_fits_warning_is_said_once_over_the_series_of_series_col(tmp_path, capsys) -> None:
    # before: the warning twice, the second with both the backtest's and the series' ends
    from lstmkit.cli import main

    months = pd.date_range("2015-01-01", periods=40, freq="MS").strftime("%Y-%m-%d")
    t = np.arange(40)
    frame = pd.concat(
        pd.DataFrame({"store": s, "month": months, "sales": 100.0 + k * t + 5 * (t % 4)})
        for k, s in enumerate("AB", start=1)
    )
    frame.to_csv(tmp_path / "stores.csv", index=False)
    argv = ["forecast", "--csv", str(tmp_path / "stores.csv"), "--series-col", "store"]
    argv += ["--date-col", "month", "--value-col", "sales", "--horizon", "3", "--lookback", "4"]
    argv += ["--epochs", "1", "--ensemble", "1", "--no-stat-baselines", "--no-progress"]
    argv += ["--val-size", "2", "--backtest", "--backtest-origins", "2"]
    assert main(argv) == 0
    series = " (Warned of 2 of the 2 series of --series-col store; shown once.)\n"
    assert capsys.readouterr().err == (
        "warning: the 80% split-conformal interval needs at least 4 validation errors per "
        "forecast step, and 3 steps have only 2; their half-width is the largest error, which "
        "covers about 67%. --val-size 4 or a lower --interval (0.66 or less) fixes this."
        + series
        + "warning: the fits at 2 of the backtest's 2 origins warned the same ('the 80% "
        "split-conformal interval needs at least 4 validation ...')." + series
    )

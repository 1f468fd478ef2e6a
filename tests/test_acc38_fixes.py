"""acc38: README "Forecasting → Accuracy" and benchmarks/forecast_accuracy.py, walked as a
forecasting reviewer reruns them."""

from __future__ import annotations


def test_forecast_accuracy_keeps_three_digits_of_a_lone_figure(bench_script):
    """AutoARIMA's MASE on airline's last 24 months, 2.3997, was printed "2.4" beside AutoETS'
    "2.38", as if known to one decimal only; three significant digits show three."""
    fmt = bench_script("forecast_accuracy")._fmt
    assert [fmt([2.399742242508742]), fmt([2.3777383708422204]), fmt([0.6])] == [
        "2.40",
        "2.38",
        "0.600",
    ]
    assert [fmt([9.987532920823485]), fmt([14.926022246413453])] == ["9.99", "14.9"]


def test_forecast_accuracy_says_its_std_is_over_the_seeds_themselves(bench_script):
    """The tables said "mean ± std over 3 seeds" with numpy's std (ddof=0) behind them, which
    a reader takes for the sample std (1.22 times it with 3 seeds); the heading says which."""
    bench = bench_script("forecast_accuracy")
    assert bench._fmt([1.0, 2.0, 3.0]) == "2.000 ± 0.816"  # ddof=1 would be ± 1.000
    assert bench._fmt([13.45, 15.42, 13.14]) == "14.0 ± 1.0"
    assert bench.spread_words((0, 100, 200)) == "mean ± std (ddof=0) over 3 seeds"
    assert bench.spread_words((0,)) == "one seed, 0: no ± std"


def test_forecast_accuracy_growth_window_says_an_end_at_the_grids(bench_script):
    """The growth window's range was cut at the grid's ends (-10 %, +30 %) and printed as if
    they were its bounds: seasonal naive on airline's last 24 months "+0.0% … +30.0%", where
    every growth past +30 % beats the target too. Car sales' range, inside the grid, is as the
    README's table gives it."""
    from lstmkit.baselines import seasonal_naive
    from lstmkit.data import load_dataset

    bench = bench_script("forecast_accuracy")
    rows = {}
    for name in ("airline", "car_sales"):
        y = load_dataset(name).to_numpy(dtype=float)
        forecasts = {(name, 24): {"seasonal_naive": seasonal_naive(y[:-24], 24, 12)}}
        forecasts[name, 24]["lstmkit Forecaster"] = forecasts[name, 24]["seasonal_naive"]
        rows[name] = bench.growth_window(forecasts, [name], [24])[1]
    airline, car = rows["airline"], rows["car_sales"]
    assert (airline["method"], airline["window"], airline["open"]) == (
        "seasonal_naive",
        (0.0, 0.3),
        (False, True),
    )
    assert bench.window_words(airline) == "+0.0% … +30.0% or more"
    assert round(car["best_growth"], 3) == 0.042 and round(car["best_rmse"], 1) == 1954.1
    assert (car["window"], car["open"]) == ((0.0, 0.084), (False, False))
    assert bench.window_words(car) == "+0.0% … +8.4%"
    low = {"window": (-0.1, 0.039), "open": (True, False)}
    assert bench.window_words(low) == "-10.0% or less … +3.9%"
    assert bench.window_words({"window": None, "open": (False, False)}) == "none"

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

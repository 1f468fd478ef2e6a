"""bench24: count flags of 0 in the other benchmarks, refused before any work.

* ``benchmarks/future_covariates.py --jobs 0`` ended in ProcessPoolExecutor's ``ValueError:
  max_workers must be greater than 0`` after the series and the methods were made; ``--origins
  0`` became ``backtest(start=0)``, a backtest from the series' first point.
* ``forecast_long.py``, ``forecast_windows.py``, ``forecast_residuals.py``, ``forecast_jobs.py``,
  ``forecast_minutes.py`` (``--days 0``: an empty series for ``fit``; ``--days -2``: numpy's
  "negative dimensions are not allowed"; ``--ensemble 0``), ``pad_batch.py --rounds 0``,
  ``jobs_overhead.py``/``startup.py``/``prep_speed.py --reps 0`` (medians of no data) took 0
  and negative counts; ``sst.py --jobs 0`` was ProcessPoolExecutor's error too, its other
  counts SentimentConfig's tracebacks; ``bench_rnn.py --threads 0`` was torch's
  "set_num_threads expects a positive integer", and its ``--reps 0`` said "--reps must be at
  least 1, got 0" (no full stop, unlike the others).

Each now refuses every count flag below 1 at once through ``benchmarks/_counts.py``, as
``forecast_calendar.py`` does (exit 2, ``SCRIPT: error: --FLAG must be a positive integer, got
N.``), and takes ``main(argv)``. ``forecast_residuals.py``'s docstring said "about three
minutes", timed before recursive residuals were batched; it now says README's "about 2 minutes".
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
README = BENCHMARKS.parent / "README.md"


REFUSALS = {
    "future_covariates": (
        ["--days", "0", "--origins", "0", "--jobs", "0", "--seeds", "0", "--data-seed", "0"],
        "--days must be a positive integer, got 0. --origins must be a positive integer, got 0. "
        "--jobs must be a positive integer, got 0.",
    ),
    "forecast_long": (
        ["--days", "-2", "--ensemble", "0", "--seeds", "0"],
        "--days must be a positive integer, got -2. --ensemble must be a positive integer, got 0.",
    ),
    "forecast_windows": (["--days", "0"], "--days must be a positive integer, got 0."),
    "forecast_residuals": (["--days", "0"], "--days must be a positive integer, got 0."),
    "forecast_jobs": (
        ["--days", "0", "--jobs", "2", "0"],
        "--days must be a positive integer, got 0. --jobs must be positive integers, got [2, 0].",
    ),
    "forecast_minutes": (
        ["--days", "0", "--ensemble", "-1"],
        "--days must be a positive integer, got 0. --ensemble must be a positive integer, got -1.",
    ),
    "pad_batch": (["--rounds", "0"], "--rounds must be a positive integer, got 0."),
    "jobs_overhead": (["--reps", "0"], "--reps must be a positive integer, got 0."),
    "startup": (["--reps", "-1"], "--reps must be a positive integer, got -1."),
    "sst": (
        ["--jobs", "0", "--member-jobs", "0", "--epochs", "0", "--seeds", "0"],
        "--epochs must be a positive integer, got 0. --jobs must be a positive integer, got 0. "
        "--member-jobs must be a positive integer, got 0.",
    ),
    "bench_rnn": (
        ["--reps", "0", "--threads", "-1"],
        "--reps must be a positive integer, got 0. --threads must be a positive integer, got -1.",
    ),
    "prep_speed": (
        ["--reps", "0", "--series", "0", "--rows", "-5"],
        "--reps must be a positive integer, got 0. --series must be a positive integer, got 0. "
        "--rows must be a positive integer, got -5.",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_counts_below_one_are_refused_at_once_before_any_work(name, bench_refusal) -> None:
    argv, said = REFUSALS[name]
    assert bench_refusal(name, argv) == f"{name}.py: error: {said}"


def test_future_covariates_jobs_zero_alone_is_the_flag_not_process_pools_error(
    bench_refusal,
) -> None:
    assert bench_refusal("future_covariates", ["--jobs", "0"]) == (
        "future_covariates.py: error: --jobs must be a positive integer, got 0."
    )


SEEDS = ("--seeds", "--data-seed")  # any integer: 0 is a seed
# the counts checked with the defaults, where they are not the flags REFUSALS gives below 1
DEFAULT_COUNTS = {
    "bench_rnn": ["threads"],  # --reps defaults to None: 11, or 3 with --quick
    "sst": sorted(
        ["epochs", "evals_per_epoch", "embed_dim", "hidden_size", "ensemble", "jobs", "member_jobs"]
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_the_defaults_pass_the_count_check(name: str, bench_script, monkeypatch) -> None:
    """Each script's defaults meet its own count check; the run is stopped right after it (the
    scripts run for minutes)."""

    class Checked(Exception):
        pass

    module = bench_script(name)
    check = module.count_problems

    def check_then_stop(args: argparse.Namespace, names: tuple[str, ...]) -> list[str]:
        raise Checked(names, check(args, names))

    monkeypatch.setattr(module, "count_problems", check_then_stop)
    with pytest.raises(Checked) as checked:
        module.main([])
    names, problems = checked.value.args
    assert problems == []
    given = [flag for flag in REFUSALS[name][0] if flag.startswith("--")]
    expected = [flag[2:].replace("-", "_") for flag in given if flag not in SEEDS]
    assert sorted(names) == DEFAULT_COUNTS.get(name, sorted(expected))


def test_a_flag_of_several_counts_is_refused_whole(bench_script) -> None:
    count_problems = bench_script("_counts").count_problems
    args = argparse.Namespace(jobs=[1, 2], days=1)
    assert count_problems(args, ("jobs", "days")) == []
    args = argparse.Namespace(jobs=[3, -1, 0], days=0)
    assert count_problems(args, ("days", "jobs")) == [
        "--days must be a positive integer, got 0.",
        "--jobs must be positive integers, got [3, -1, 0].",
    ]


def test_forecast_residuals_docstring_and_readme_give_the_same_time(bench_script) -> None:
    doc = bench_script("forecast_residuals").__doc__
    assert "about 2 minutes on 2 cores, most of it the anchor" in doc
    assert "about three minutes on 2 cores" not in " ".join(doc.split())
    assert "`python benchmarks/forecast_residuals.py`, about 2 minutes." in README.read_text(
        encoding="utf-8"
    ).replace("\n  ", " ")

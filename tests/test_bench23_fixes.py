"""bench23: count flags of 0 in two forecasting benchmarks.

* ``benchmarks/business_hours_read.py --repeats 0`` ended in ``statistics.StatisticsError: no
  median for empty data`` after writing its first file, ``--rows 0`` in the refusal of an empty
  CSV (a traceback).
* ``benchmarks/forecast_calendar.py --origins 0`` printed means and a ratio of ``nan`` under
  numpy's "Mean of empty slice" RuntimeWarnings and "better at 0 of 0 origins".

Both now refuse every count flag below 1 at once, before any work, as ``explain_file.py`` and
``lrp_speed.py`` do (exit 2, ``SCRIPT: error: --FLAG must be a positive integer, got N.``).
"""

from __future__ import annotations

import pytest


def test_business_hours_read_refuses_counts_below_one_at_once(bench_refusal) -> None:
    assert bench_refusal("business_hours_read", ["--rows", "-3", "--repeats", "0"]) == (
        "business_hours_read.py: error: --rows must be a positive integer, got -3. "
        "--repeats must be a positive integer, got 0."
    )


def test_business_hours_read_refuses_repeats_zero_alone(bench_refusal) -> None:
    assert bench_refusal("business_hours_read", ["--repeats", "0"]) == (
        "business_hours_read.py: error: --repeats must be a positive integer, got 0."
    )


def test_forecast_calendar_refuses_counts_below_one_at_once(bench_refusal) -> None:
    argv = ["--days", "0", "--origins", "0", "--ensemble", "-1", "--jobs", "0"]
    assert bench_refusal("forecast_calendar", argv) == (
        "forecast_calendar.py: error: --days must be a positive integer, got 0. "
        "--origins must be a positive integer, got 0. "
        "--ensemble must be a positive integer, got -1. "
        "--jobs must be a positive integer, got 0."
    )


def test_forecast_calendar_refuses_origins_zero_alone(bench_refusal) -> None:
    assert bench_refusal("forecast_calendar", ["--origins", "0"]) == (
        "forecast_calendar.py: error: --origins must be a positive integer, got 0."
    )


@pytest.mark.parametrize("name", ["business_hours_read", "forecast_calendar"])
def test_the_defaults_pass_the_count_check(name: str, bench_script) -> None:
    module = bench_script(name)
    defaults = {"business_hours_read": {"rows": 20_000, "repeats": 5}}.get(
        name, {"days": 60, "origins": 7, "ensemble": 2, "jobs": 2}
    )
    # benchmarks/_counts.py (bench24) checks the flags each script names
    assert module.count_problems(type("Args", (), defaults), tuple(defaults)) == []

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

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _script(name: str) -> ModuleType:
    """The script, loaded as ``python benchmarks/NAME.py`` loads it (its folder on the path)."""
    spec = importlib.util.spec_from_file_location(f"bench23_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


def _refusal(name: str, argv: list[str], capsys, monkeypatch) -> str:
    """The last stderr line of ``main(argv)``, which must exit 2 having printed nothing."""
    monkeypatch.setattr(sys, "argv", [str(BENCHMARKS / f"{name}.py")])  # argparse's prog
    with pytest.raises(SystemExit) as stop:
        _script(name).main(argv)
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""  # refused before any work: no header, no row
    return err.splitlines()[-1]


def test_business_hours_read_refuses_counts_below_one_at_once(capsys, monkeypatch) -> None:
    assert _refusal(
        "business_hours_read", ["--rows", "-3", "--repeats", "0"], capsys, monkeypatch
    ) == (
        "business_hours_read.py: error: --rows must be a positive integer, got -3. "
        "--repeats must be a positive integer, got 0."
    )


def test_business_hours_read_refuses_repeats_zero_alone(capsys, monkeypatch) -> None:
    assert _refusal("business_hours_read", ["--repeats", "0"], capsys, monkeypatch) == (
        "business_hours_read.py: error: --repeats must be a positive integer, got 0."
    )


def test_forecast_calendar_refuses_counts_below_one_at_once(capsys, monkeypatch) -> None:
    argv = ["--days", "0", "--origins", "0", "--ensemble", "-1", "--jobs", "0"]
    assert _refusal("forecast_calendar", argv, capsys, monkeypatch) == (
        "forecast_calendar.py: error: --days must be a positive integer, got 0. "
        "--origins must be a positive integer, got 0. "
        "--ensemble must be a positive integer, got -1. "
        "--jobs must be a positive integer, got 0."
    )


def test_forecast_calendar_refuses_origins_zero_alone(capsys, monkeypatch) -> None:
    assert _refusal("forecast_calendar", ["--origins", "0"], capsys, monkeypatch) == (
        "forecast_calendar.py: error: --origins must be a positive integer, got 0."
    )


@pytest.mark.parametrize("name", ["business_hours_read", "forecast_calendar"])
def test_the_defaults_pass_the_count_check(name: str) -> None:
    module = _script(name)
    defaults = {"business_hours_read": {"rows": 20_000, "repeats": 5}}.get(
        name, {"days": 60, "origins": 7, "ensemble": 2, "jobs": 2}
    )
    # benchmarks/_counts.py (bench24) checks the flags each script names
    assert module.count_problems(type("Args", (), defaults), tuple(defaults)) == []

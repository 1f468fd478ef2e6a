"""Fixes from the second review of session 37's changes, each with the input that failed."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

_SCRIPT = """
import logging
import sys

from lstmkit._pool import run_in_processes

# at the top, as scripts do: it runs again in the spawned worker
logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
own = logging.StreamHandler(sys.stdout)  # a handler of the caller's own, not propagated to
own.setFormatter(logging.Formatter("own %(levelname)s %(message)s"))
logging.getLogger("lstmkit.own").addHandler(own)
logging.getLogger("lstmkit.own").propagate = False

if __name__ == "__main__":
    for name in ("lstmkit.demo", "lstmkit.own"):
        log = logging.getLogger(name).warning
        run_in_processes(log, [("call %d of %s", 1, name), ("call %d of %s", 2, name)], 2)
"""


def test_a_workers_warning_is_written_once_where_the_script_set_up_logging_at_its_top(
    tmp_path: Path,
) -> None:
    # the worker, which runs the script's top again, wrote its warning through its own
    # handlers, and this process logged it again: each worker's warning came twice
    script = tmp_path / "script.py"
    script.write_text(_SCRIPT)
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    # this process's call first (the worker's first call is the first), then the worker's
    assert done.stderr.splitlines() == [
        "WARNING lstmkit.demo: call 2 of lstmkit.demo",
        "WARNING lstmkit.demo: call 1 of lstmkit.demo",
    ]
    assert done.stdout.splitlines() == [
        "own WARNING call 2 of lstmkit.own",
        "own WARNING call 1 of lstmkit.own",
    ]


def test_a_workers_handlers_write_its_later_records_again(caplog: pytest.LogCaptureFixture) -> None:
    # a kept worker runs call after call: its handlers hold back only the call's own records
    from lstmkit._pool import _logged

    logger = logging.getLogger("lstmkit.rev2s37")
    before = [list(h.filters) for h in logging.getLogger().handlers]
    result, records = _logged(logger.warning, ("held %d", 1))
    assert (result, [(r.levelname, r.getMessage()) for r in records]) == (
        None,
        [("WARNING", "held 1")],
    )
    assert caplog.records == []
    assert [list(h.filters) for h in logging.getLogger().handlers] == before
    logger.warning("after %d", 2)
    assert [r.getMessage() for r in caplog.records] == ["after 2"]


@pytest.mark.parametrize("json_out", [False, True], ids=["refused", "json"])
def test_forecast_names_a_12_hourly_series_one_step_as_json_writes_it(
    json_out: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # the refusal of a model without finite forecasts wrote the step at midnight without its
    # time ("from 2024-01-21", where --json writes 2024-01-21T00:00:00) and said "at 1 of the
    # 1 steps"
    import lstmkit.forecast as F

    original = F.Forecaster.predict

    def predict(self: F.Forecaster, *args: object, **kwargs: object) -> pd.DataFrame:
        pred = original(self, *args, **kwargs)
        if not json_out:
            pred["forecast"] = np.inf
        return pred

    monkeypatch.setattr(F.Forecaster, "predict", predict)
    stamps = pd.date_range("2024-01-01", periods=40, freq="12h")  # the last at noon
    csv = tmp_path / "h12.csv"
    pd.DataFrame({"date": stamps, "value": 100 + np.sin(np.arange(40))}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "date", "--value-col", "value"]
    argv += ["--epochs", "1", "--ensemble", "1", "--no-stat-baselines", "--no-progress"]
    argv += ["--horizon", "1", "--holdout", "0", "--season-length", "1"]
    if json_out:
        assert main([*argv, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["forecast"]["timestamp"] == [
            "2024-01-21T00:00:00"
        ]
        return
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[-1] == (
        "error: the fitted model forecasts no finite number at its one step "
        "(2024-01-21T00:00:00): its weights give values beyond the floating-point range (a "
        "lower --lr may help)."
    )

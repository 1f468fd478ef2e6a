"""What a review of the day's changes to the preparation of data found, run as a user runs
them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("script", ["prep_speed", "startup", "jobs_overhead", "explain_file"])
def test_a_benchmark_refuses_a_baseline_that_holds_no_lstmkit(
    bench_script,
    script: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `--baseline DIR` with a checkout's root, not its src: the children found no lstmkit on
    # that path and imported the installed one, this tree, and the script reported "this /
    # baseline = 1.0x (the same data)" for a comparison of the tree with itself (prep_speed
    # was mended first; startup, jobs_overhead and explain_file timed the tree against itself
    # until they shared its check)
    module = bench_script(script)
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("timed against no lstmkit"))
    (tmp_path / "src" / "lstmkit").mkdir(parents=True)
    (tmp_path / "src" / "lstmkit" / "__init__.py").write_text("", encoding="utf-8")
    for given, hint in ((tmp_path, f"; pass {str(tmp_path / 'src')!r}"), (tmp_path / "x", "")):
        monkeypatch.setattr(sys, "argv", [f"{script}.py", "--baseline", str(given)])
        with pytest.raises(SystemExit) as stop:
            module.main()
        assert stop.value.code == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.splitlines()[-1] == (
            f"{script}.py: error: --baseline must be another checkout's src folder (the one "
            f"holding lstmkit/), got {str(given)!r}{hint}."
        )

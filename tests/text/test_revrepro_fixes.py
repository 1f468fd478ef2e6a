"""Fixes from the review of the repro changes: the budget's warning from worker processes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

_CUT = (
    r"WARNING the wall-clock budget \(`minutes`, --minutes\) stopped training at step \d+ of "
    r"4000: a run the clock stops does not repeat bit for bit; a larger budget lets it make "
    r"every step"
)


def test_the_budgets_warning_from_a_worker_process_has_its_level_too(tmp_path: Path) -> None:
    # with --jobs 2 the member trained in a worker said it as the bare message, below this
    # process's "WARNING the wall-clock budget ...", as if it were another kind of line
    sst = tmp_path / "data" / "sst"
    sst.mkdir(parents=True)
    lines = "1 a great and moving film\n0 a dull , lifeless mess\n" * 100
    for split in ("train", "dev", "test"):
        (sst / f"stsa.binary.{split}").write_text(lines)
    argv = [
        sys.executable,
        "-m",
        "lstmkit.cli",
        "text",
        "train",
        "sst2",
        "--data-dir",
        str(tmp_path / "data"),
        "--no-phrases",
    ]
    argv += ["--out", str(tmp_path / "m"), "--json", "--no-progress", "--hidden-size", "4"]
    argv += ["--embed-dim", "4", "--epochs", "1000", "--minutes", "0.02", "--ensemble", "2"]
    done = subprocess.run(
        [*argv, "--jobs", "2"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    out, err = done.stdout, done.stderr
    assert [m["seed"] for m in json.loads(out)["members"]] == [0, 1]  # stdout: the JSON alone
    assert len(err.splitlines()) == 2, err
    assert all(re.fullmatch(_CUT, line) for line in err.splitlines()), err

"""Fixes of this session's own review (tests fail without their fix)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from lstmkit.backtest import BacktestResult


def test_a_hand_made_backtest_with_a_coverage_but_no_level_is_titled_without_it() -> None:
    """`BacktestResult.plot()` of a hand-made result whose summary gives the model's coverage
    but not its nominal level raised a bare KeyError 'nominal' while it wrote the title."""
    truth = np.arange(3.0)
    forecasts = pd.DataFrame(
        {"origin": 10, "cutoff": 9, "timestamp": [10, 11, 12], "step": [1, 2, 3]}
        | {"y_true": truth, "forecast": truth + 1}
    )
    result = BacktestResult(
        forecasts, pd.DataFrame({"method": ["model"]}), {"model": {"rmse": 1.0, "coverage": 0.8}}
    )
    title = result.plot(baseline=None).axes[0].get_title()
    assert title == "1 origin: RMSE 1; interval coverage 80%"


def test_a_bar_asked_for_where_there_is_no_stderr_is_not_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`progress=True` under pythonw (``sys.stderr`` None) failed in tqdm: "'NoneType' object
    has no attribute 'write'"."""
    from lstmkit._checks import progress_bar

    monkeypatch.setattr(sys, "stderr", None)
    with progress_bar(True, total=3, desc="fit") as bar:
        bar.update(3)
    assert bar.disable


def test_the_packaged_series_hash_as_provenance_lists_them() -> None:
    """forecast's run.json records the SHA-256 of a bundled series' packaged CSV; its first 12
    digits are listed in PROVENANCE.md, and .gitattributes keeps a checkout from turning the
    files' line endings into CRLF (which changed the hash on Windows with core.autocrlf)."""
    import hashlib
    import re
    from importlib import resources

    folder = resources.files("lstmkit").joinpath("datasets")
    listed = re.findall(
        r"^\| `\w+` \| `([\w.]+\.csv)` \|.*\| `([0-9a-f]{12})` \|$",
        folder.joinpath("PROVENANCE.md").read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    assert len(listed) == 4
    for filename, start in listed:
        data = folder.joinpath(filename).read_bytes()
        assert b"\r" not in data
        assert hashlib.sha256(data).hexdigest()[:12] == start, filename


@pytest.mark.parametrize(
    ("argv", "said", "prog"),
    [
        (
            ["forecast", "airline", "-horizon", "3"],
            "unrecognized arguments: -horizon; did you mean --horizon?",
            "lstmkit forecast",
        ),
        (
            ["forecast", "airline", "-vhx"],
            "unrecognized arguments: -vhx",
            None,
        ),
        (
            ["forecast", "airline", "-hvz"],
            "unrecognized arguments: -hvz",
            None,
        ),
        # before the command's name, guessed among the command's flags (test_rev2s39_fixes),
        # whose help lists them (test_flags313b_fixes)
        (
            ["-horizon", "forecast"],
            "unrecognized arguments: -horizon; did you mean `lstmkit forecast --horizon`?",
            "lstmkit forecast",
        ),
        (["datasets", "-hx"], "unrecognized arguments: -hx", None),
    ],
)
def test_a_misspelt_flag_from_h_is_refused_on_every_python(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, prog: str | None
) -> None:
    """Python 3.13's argparse reads `forecast airline -horizon 3` as -h and -orizon: it printed
    the help and exited 0, so a script's typo passed for a run. Refused there as Python 3.12
    and earlier refuse it: the same message on every Python."""
    where = prog or "lstmkit" + (f" {argv[0]}" if argv[0] in ("forecast", "datasets") else "")
    assert flags_refusal(argv) == f"error: {said} (`{where} --help` lists the flags)\n"

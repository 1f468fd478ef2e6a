"""Fixes from reviewing walk31b (helper revwalk31b)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lstmkit.data import load_dataset
from lstmkit.forecast import Forecaster, ForecasterConfig

SMALL = dict(
    horizon=3, lookback=6, hidden_size=2, epochs=1, ensemble=1, interval=None, refit=False,
    calendar=False, season_length=1, seed=0, progress=False,
)  # fmt: skip
AIR = load_dataset("airline")


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Forecaster:
    """A direct Forecaster of horizon 3, fitted on the airline series (monthly)."""
    folder: Path = tmp_path_factory.mktemp("revwalk31b") / "model"
    Forecaster(ForecasterConfig(**SMALL)).fit(AIR).save(folder)
    return Forecaster.load(folder)


@pytest.mark.parametrize(
    ("index", "said"),
    [
        (list("abcdefghij") * 4, "labels, a, b, c, ..."),
        ([n / 2 for n in range(40)], "numbers, 0.0, 0.5, 1.0, ..."),
        (range(1949, 1989), "numbers, 1949, 1950, 1951, ..."),
    ],
)
def test_an_undated_index_is_shown_as_the_caller_gave_it(
    model: Forecaster, index: object, said: str
) -> None:
    # an index of letters (or of halves) was said to be "an index of numbers, 0, 1, 2, ...",
    # the positions the prepared frame counts them by, not the caller's labels
    with pytest.raises(ValueError) as caught:
        model.predict(1, series=pd.Series(AIR.to_numpy()[:40], index=index))
    assert str(caught.value) == (
        f"`series` must have the training data's frequency (MS), got positions (an index of "
        f"{said}, not dates); pass the newer history indexed by its timestamps (MS), as in fit."
    )


def test_a_short_undated_index_is_not_said_to_go_on(model: Forecaster) -> None:
    # three labels were followed by ", ..." as if there were more
    with pytest.raises(ValueError) as caught:
        model.predict(1, series=pd.Series(AIR.to_numpy()[:3], index=["x", "y", "z"]))
    assert str(caught.value) == (
        "`series` must have the training data's frequency (MS), got positions (an index of "
        "labels, x, y, z, not dates); pass the newer history indexed by its timestamps (MS), as "
        "in fit."
    )


def test_a_module_imported_under_a_file_size_limit_leaves_no_cut_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_size_limit
) -> None:
    # lstmkit._notebook_figure, first imported within test_walk31b_fixes' 2,000-byte limit, left
    # a .pyc of 2,000 bytes: every later import of it failed, "marshal data too short"
    import importlib
    import sys

    (tmp_path / "revwalk31b_big.py").write_text(f"TEXT = {'x' * 5000!r}\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    with file_size_limit(2000):
        importlib.import_module("revwalk31b_big")
    del sys.modules["revwalk31b_big"]
    assert importlib.import_module("revwalk31b_big").TEXT == "x" * 5000
    del sys.modules["revwalk31b_big"]

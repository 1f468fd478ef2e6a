"""Review of the save4 branch: what its fixes missed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit import io

# ---- io.save_model: numpy scalars that are no numbers -----------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (
            np.datetime64("2001-01-01T00:00:00.000000000"),
            "np.datetime64('2001-01-01T00:00:00.000000000') (numpy.datetime64)",
        ),
        (np.timedelta64(5, "ns"), "np.timedelta64(5,'ns') (numpy.timedelta64)"),
    ],
    ids=["datetime64-ns", "timedelta64-ns"],
)
def test_a_nanosecond_datetime64_or_timedelta64_is_refused_not_saved_as_an_int(
    tmp_path: Path, value: object, shown: str
) -> None:
    # their item() is an int, so they were written as 978307200000000000 and 5, where one in
    # days or seconds was refused
    with pytest.raises(TypeError) as err:
        io.save_model(torch.nn.Linear(1, 1), tmp_path / "m", {"kind": "mine", "at": value})
    assert str(err.value) == (
        "`config` must be JSON-serialisable (dict, list, str, int, float, bool, None), but "
        f"config['at'] is {shown}."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_bad_key_beside_a_loop_json_met_first_is_a_type_error(tmp_path: Path) -> None:
    # json met config['a'] (config itself) first and said ValueError; the message named the key
    # (a TypeError, as the docstring says) under that ValueError
    config: dict = {"a": None, (1, 2): 0}
    config["a"] = config
    with pytest.raises(TypeError) as err:
        io.save_model(torch.nn.Linear(1, 1), tmp_path / "m", config)
    assert str(err.value) == (
        "`config` must be JSON-serialisable (dict, list, str, int, float, bool, None), but "
        "config has the key (1, 2) (tuple); a key must be str, int, float, bool or None (or a "
        "numpy bool, integer or float)."
    )
    assert list(tmp_path.iterdir()) == []

"""The shared argument checks: one message for every interval and coverage level."""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit._checks import is_level, level_problem, levels_problem
from lstmkit.forecast import ForecasterConfig


@pytest.mark.parametrize(
    ("value", "accepted", "shown"),
    [
        (0.8, True, None),
        (1e-9, True, None),
        (0.999, True, None),
        (np.float64(0.5), True, None),  # a float subclass
        (0, False, "0"),
        (1.0, False, "1"),
        (-0.1, False, "-0.1"),
        (1.5, False, "1.5"),
        (float("nan"), False, "nan"),
        (float("inf"), False, "inf"),
        (True, False, "True"),
        ("0.8", False, "'0.8'"),
        # refused before too: neither int nor float; named as such on numpy 1 too (it wrote 0.5)
        (np.float32(0.5), False, "numpy.float32(0.5) (give a Python number: float(x))"),
        # not told to convert where the Python number is refused too (it was)
        (np.float32(1.5), False, "numpy.float32(1.5)"),
        (np.int64(95), False, "numpy.int64(95) (a fraction: 0.95 for 95 %)"),
        (95, False, "95 (a fraction: 0.95 for 95 %)"),
        (np.float64(80.0), False, "80 (a fraction: 0.8 for 80 %)"),
        (1e20, False, "1e+20"),
    ],
)
def test_a_level_is_a_number_strictly_between_0_and_1(value, accepted, shown):
    assert is_level(value) is accepted
    problem = level_problem(value, "`interval`")
    if accepted:
        assert problem is None and levels_problem([value], "`levels`") is None
        ForecasterConfig(interval=value)
    else:
        expected = f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, got {shown}"
        assert problem == expected
        assert levels_problem([0.5, value], "`levels`") == "every entry of " + expected.replace(
            "`interval`", "`levels`", 1
        )
        with pytest.raises(ValueError) as err:
            ForecasterConfig(interval=value)
        assert str(err.value) == (
            f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got {shown}."
        )


def test_what_else_an_argument_takes_comes_before_what_came():
    assert level_problem(-0.1, "--interval", otherwise=", or 0 for none") == (
        "--interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, got -0.1"
    )
    assert levels_problem((0.5, 0.9), "`levels`") is None
    assert levels_problem((), "`levels`") is None

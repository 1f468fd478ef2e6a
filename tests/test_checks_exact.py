"""The shared argument checks, exactly: each helper's result and message at its edges."""

from __future__ import annotations

import io
import sys
import warnings
from decimal import Decimal

import numpy as np
import pytest

from lstmkit import _checks
from lstmkit._checks import (
    as_bool,
    as_int,
    level_problem,
    levels_problem,
    percent_hint,
    positive_int,
    progress_problems,
    show_progress,
    shown_names,
    warn_gathered,
    warn_user,
)


def _warned(call) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    assert all(w.category is UserWarning and w.filename == __file__ for w in caught)
    return [str(w.message) for w in caught]


def test_a_warning_points_at_the_users_line_or_is_gathered_by_its_kind():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warn_user("look here")
        line = sys._getframe().f_lineno - 1
    assert [(str(w.message), w.filename, w.lineno) for w in caught] == [
        ("look here", __file__, line)
    ]
    gathered: list[tuple[str, str]] = []
    token = _checks.gathering.set(gathered)
    try:
        warn_user("x has 3 constant values", kind="x")
        warn_user("plain")
    finally:
        _checks.gathering.reset(token)
    assert gathered == [("x", "x has 3 constant values"), ("plain", "plain")]


def test_gathered_warnings_are_shown_once_per_kind_with_the_first_message_and_the_count():
    origins = [
        [("a", "a at origin 1"), ("a", "a again at origin 1"), ("b", "b")],
        [("a", "a at origin 2")],
        [],
    ]
    assert _warned(lambda: warn_gathered(origins)) == [
        "a at origin 1 (Warned by the fits at 2 of the backtest's 3 origins, this at the "
        "first; shown once.)",
        "b",  # one origin: as it came
    ]
    same = [[("k", "the same")], [("k", "the same")]]
    assert _warned(lambda: warn_gathered(same)) == [
        "the same (Warned by the fits at 2 of the backtest's 2 origins; shown once.)"
    ]
    assert _warned(lambda: warn_gathered([[], []])) == []


def test_progress_is_true_false_or_none_only():
    assert progress_problems(None) == progress_problems(True) == progress_problems(False) == []
    assert progress_problems(1) == ["`progress` must be True, False or None, got 1"]
    assert progress_problems("yes") == ["`progress` must be True, False or None, got 'yes'"]


def test_no_bar_by_default_without_a_stderr(monkeypatch):
    # pythonw and some services run with sys.stderr None: nothing to draw on
    monkeypatch.setattr("sys.stderr", None)
    assert show_progress(None) is False
    assert show_progress(True) is True


def test_integers_of_any_kind_but_not_bools():
    assert as_int(np.int8(4)) == 4 and type(as_int(np.int8(4))) is int
    assert as_int(True) is None and as_int(np.bool_(True)) is None and as_int(4.0) is None
    assert positive_int(1, "n") == 1 and type(positive_int(np.int64(3), "n")) is int
    for value, shown in [
        (0, "0"),
        (-2, "-2"),
        (2.0, "2.0 (a whole number as a float: pass int(x))"),
    ]:
        with pytest.raises(ValueError) as err:
            positive_int(value, "n")
        assert str(err.value) == f"`n` must be a positive integer, got {shown}."
    # no number, or a bool: a wrong type (revdoc14: '3' was a ValueError as 0 is)
    for value, shown in [
        (True, "True"),
        ("3", "'3' (a number, not text: 3)"),
        (None, "None"),
        (np.True_, "np.True_"),
    ]:
        with pytest.raises(TypeError) as err:
            positive_int(value, "n")
        assert str(err.value) == f"`n` must be a positive integer, got {shown}."


def test_bools_as_python_bools_or_a_type_error_naming_the_type():
    assert as_bool(np.bool_(False), "b") is False and as_bool(True, "b") is True
    cases = [
        (1, "int 1"),
        (np.int64(1), "np.int64(1)"),
        ("no", "str 'no'"),
        (Decimal(1), "Decimal Decimal('1')"),
    ]
    for value, shown in cases:
        with pytest.raises(TypeError) as err:
            as_bool(value, "b")
        assert str(err.value) == f"`b` must be a bool, got {shown}."


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        (10, " (a fraction: 0.1 for 10 %)"),
        (99.5, " (a fraction: 0.995 for 99.5 %)"),
        (9.99, ""),
        (100, ""),
        (True, ""),
        ("95", ""),
    ],
)
def test_a_percentage_is_hinted_from_10_up_to_below_100(value, hint):
    assert percent_hint(value) == hint


def test_a_whole_number_is_shown_without_its_point_up_to_1e15():
    assert level_problem(999_999_999_999_999.0, "x") == (
        "x must be a number strictly between 0 and 1, e.g. 0.8, got 999999999999999"
    )
    assert level_problem(1e15, "x").endswith(", got 1000000000000000.0")


def test_names_in_a_message_are_cut_to_the_width_and_counted_past_the_limit():
    assert shown_names(["abcd", "abcde"], width=4) == "abcd, abc…"
    assert shown_names(["a", "b", "c"], limit=3) == "a, b, c"
    assert shown_names(range(1234), limit=2) == "0, 1, ... (1,234 in all)"
    assert shown_names(["a", 5], quote=True) == "'a', '5'"


def test_every_wrong_level_is_listed_in_one_message():
    assert levels_problem([2, 0.5, -1, 95], "`levels`") == (
        "every entry of `levels` must be a number strictly between 0 and 1, e.g. 0.8, got 2 (a "
        "fraction: 0.02 for 2 %, or 0.98 for a 98 % interval), -1, 95 (a fraction: 0.95 for 95 %)"
    )


class _KernelLikeStream(io.StringIO):
    """A stream of a module whose name only starts like ipykernel's."""


_KernelLikeStream.__module__ = "ipykernelish.iostream"


def test_only_ipykernels_own_stream_counts_as_a_notebook(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: object())
    monkeypatch.setattr("sys.stderr", _KernelLikeStream())
    assert show_progress(None) is False  # not a terminal, not a notebook

import math
import operator

import pytest

from lstmkit._pool import run_in_processes


def test_results_in_call_order_with_a_report_per_call():
    seen = []
    calls = [(6,), (3,), (5,)]
    out = run_in_processes(math.factorial, calls, 2, on_done=lambda k, r: seen.append((k, r)))
    assert out == [720, 6, 120]
    assert sorted(seen) == [(0, 720), (1, 6), (2, 120)]


def test_a_failing_call_raises_in_the_parent():
    with pytest.raises(ZeroDivisionError):
        run_in_processes(operator.truediv, [(1, 2), (1, 0), (3, 4)], 2)

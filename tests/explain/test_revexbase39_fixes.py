"""revexbase39: the review of exbase39's "Baselines and faithfulness" and "Gates"."""

from __future__ import annotations

import re
import warnings

import pytest
import torch
from torch import nn

from lstmkit.explain import explain, lrp

from .test_exbase39_fixes import _Window


class _Pair(nn.Module):
    """The mean of two windows' outputs (an ensemble)."""

    def __init__(self) -> None:
        super().__init__()
        self.members = nn.ModuleList([_Window(), _Window()])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.stack([m(x) for m in self.members]).mean(dim=0)


def _inputs() -> torch.Tensor:
    return torch.linspace(-1, 1, 30, dtype=torch.float64).view(3, 5, 2)


INF = (
    "`inputs` hold inf at 1 entry of sequence [1] (the first at sequence 1, step 4, feature "
    "0): its relevances are NaN or say nothing of it, whatever the score; fill them first, "
    "e.g. torch.nan_to_num(inputs, nan=0.0, posinf=0.0, neginf=0.0)."
)


@pytest.mark.parametrize("route", ["lrp", "explain", "ensemble"])
def test_an_inf_input_is_told_as_the_cause_not_an_lrp_blow_up_that_eps_fixes(route: str) -> None:
    # an inf saturates the gates: the score stays finite (-0.264), the relevance at its step is
    # NaN, and LRP said "blew up through the long sequence ... pass eps=0.1", which changed
    # nothing; lrp() called itself did not look at its inputs at all
    x = _inputs()
    x[1, 4, 0] = float("inf")
    model = (_Pair() if route == "ensemble" else _Window()).double()
    with pytest.warns(UserWarning) as caught:
        ex = lrp(model, x, 0) if route == "lrp" else explain(model, x, 0, method="lrp")
    assert [str(w.message) for w in caught] == [INF]
    assert caught[0].filename == __file__
    assert torch.isfinite(ex.score).all()
    # the sequence is NaN at the inf's step, the others as alone
    assert ex.relevance[1, 4].isnan()
    alone = lrp(model, x[2:], 0)
    assert ex.relevance[2].tolist() == pytest.approx(alone.relevance[0].tolist())


def test_lrp_called_itself_warns_of_nan_inputs_once_at_the_users_line() -> None:
    x = _inputs()
    x[0, 1, 1] = float("nan")
    with pytest.warns(UserWarning) as caught:
        lrp(_Window().double(), x, 0)
    assert [str(w.message) for w in caught] == [
        "`inputs` hold NaN at 1 entry of sequence [0] (the first at sequence 0, step 1, "
        "feature 1): its score and relevances are NaN; fill them first, e.g. "
        "torch.nan_to_num(inputs, nan=0.0, posinf=0.0, neginf=0.0)."
    ]
    assert caught[0].filename == __file__
    # NaN in the padding the model does not read: nothing said, as by the other methods
    x = _inputs()
    x[1, 4] = float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ex = lrp(_Window().double(), x, 0, lengths=[5, 4, 5])
    assert ex.relevance[:, :4].isfinite().all()


def test_the_warning_counts_the_sequences_it_lists_only_the_first_of() -> None:
    # sequences [0, 1, 2, 3, 4] of 12, with no word of the other 7
    x = torch.linspace(-1, 1, 24 * 5 * 2, dtype=torch.float64).view(24, 5, 2)
    x[::2, 3, 0] = float("nan")
    with pytest.warns(UserWarning, match=r"^`inputs` hold NaN at 12 entries of 12 sequences "):
        explain(_Window().double(), x, 0, method="gradxinput")
    with pytest.warns(UserWarning) as caught:
        explain(_Window().double(), x, 0, method="gradxinput")
    assert "sequences [0, 2, 4, 6, 8, ...] (the first at sequence 0, step 3, feature 0)" in str(
        caught[0].message
    )


def test_units_past_the_layer_are_counted_and_the_first_few_listed() -> None:
    # units=range(40) on 4 units listed all 36 past it; a list of 100,000, a 1.4 MB message
    from lstmkit.explain.gates import _check_units

    head = "`units` must be a non-empty list of unit indices in [0, 4) (the trace's hidden size)"
    with pytest.raises(ValueError) as err:
        _check_units(range(40), 4)
    assert str(err.value) == (
        f"{head}, got range(0, 40); 36 of them are not unit indices: [4, 5, 6, 7, 8] and 31 more."
    )
    with pytest.raises(ValueError) as err:
        _check_units(list(range(10**5)), 4)
    assert str(err.value) == (
        f"{head}, got a list of 100,000 items [0, 1, 2, 3, 4, ...]; 99,996 of them are not "
        "unit indices: [4, 5, 6, 7, 8] and 99,991 more."
    )
    with pytest.raises(ValueError) as err:
        _check_units(tuple(range(-3, 12)), 4)
    assert str(err.value) == (
        f"{head}, got a tuple of 15 items (-3, -2, -1, 0, 1, ...); 11 of them are not unit "
        "indices: [-3, -2, -1, 4, 5] and 6 more."
    )
    # a few are listed as they were
    with pytest.raises(ValueError) as err:
        _check_units([0, -1, 5], 4)
    assert str(err.value) == f"{head}, got [0, -1, 5]; not unit indices: [-1, 5]."
    # repeats too, and found in one pass (each counted over the list: 10 s for 20,000 units)
    with pytest.raises(ValueError) as err:
        _check_units(list(range(10**5)) * 2, 10**5)
    assert str(err.value) == (
        "`units` must name each unit once, got a list of 200,000 items [0, 1, 2, 3, 4, ...]; "
        "repeated: 0, 1, 2, 3, 4 and 99,995 more."
    )


def test_integrated_gradients_from_python_draws_a_bar_of_the_paths_points(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # steps=100000 from Python ran for minutes without a word (the command's bar only)
    from lstmkit.explain import baselines, integrated_gradients

    from .test_exbase39_fixes import _drawn

    _drawn(monkeypatch, baselines)
    x = _inputs()  # 3 sequences
    model = _Window().double()
    capsys.readouterr()
    quiet = integrated_gradients(model, x, 0, steps=300)
    assert capsys.readouterr().err == ""  # progress=False, the default
    ex = integrated_gradients(model, x, 0, steps=300, progress=True)
    assert _found(capsys.readouterr().err) == [(0, 900), (512, 900), (900, 900)]
    assert ex.relevance.tolist() == quiet.relevance.tolist()  # the same numbers
    # by explain, and an ensemble's members on one bar of them all (not a bar each)
    explain(model, x, 0, method="ig", steps=300, progress=True)
    assert _found(capsys.readouterr().err) == [(0, 900), (512, 900), (900, 900)]
    explain(_Pair().double(), x, 0, method="ig", steps=300, progress=True)
    assert _found(capsys.readouterr().err) == [
        (0, 1800),
        (512, 1800),
        (900, 1800),
        (1412, 1800),
        (1800, 1800),
    ]
    explain(_Pair().double(), x, 0, method="ig", progress=True)  # the default 32 steps
    assert _found(capsys.readouterr().err) == [(0, 192), (96, 192), (192, 192)]
    with pytest.raises(TypeError, match=r"^`progress` must be True, False or None, got 'yes'\.$"):
        integrated_gradients(model, x, 0, progress="yes")


def _found(err: str) -> list[tuple[int, int]]:
    counts = re.findall(r"ig: +\d+%\|[^|]*\| (\d+)/(\d+) \[[^\]]*point/s\]", err)
    return [(int(a), int(b)) for a, b in counts]


@pytest.mark.parametrize("model", [_Window, _Pair])
@pytest.mark.parametrize(
    ("method", "options", "refused"),
    [
        ("ig", {"steps": 0}, r"^`steps` must be a positive integer, got 0\.$"),
        ("gradxinput", {}, r"^`target` must lie in \[0, 1\)"),
        ("lrp", {}, r"^`target` must lie in \[0, 1\)"),
    ],
)
def test_a_refused_call_comes_without_the_warning_of_nan_inputs(
    model: type[nn.Module], method: str, options: dict[str, object], refused: str
) -> None:
    # the inputs' NaN was warned of before a refusal of the call: two messages, one of them
    # about an explanation that was never made
    x = _inputs()
    x[0, 1, 1] = float("nan")
    target = 99 if method != "ig" else 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises((TypeError, ValueError), match=refused):
            explain(model().double(), x, target, method=method, **options)


def test_explain_forecasts_ig_bar_takes_a_numpy_count_of_steps(
    airline_fc_dir, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # steps=np.int64(50) was no int to the bar, first drawn as 0/1 point
    import numpy as np

    from lstmkit.explain import explain_forecast, forecast
    from lstmkit.forecast import Forecaster

    from .test_exbase39_fixes import _counts, _drawn

    _drawn(monkeypatch, forecast)
    fc = Forecaster.load(airline_fc_dir)
    capsys.readouterr()
    explain_forecast(fc, method="ig", steps=np.int64(50), progress=True)
    assert _counts(capsys.readouterr().err, "point") == [(0, 50), (50, 50)]

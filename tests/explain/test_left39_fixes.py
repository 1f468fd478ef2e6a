"""Fixes of left39 in the explanations: lrp_seq2seq's NaN in ``future``, occlusion's bar."""

import re
import warnings

import pytest
import torch

from lstmkit.explain import explain, lrp_seq2seq, occlusion
from lstmkit.forecast import ForecastNet


def _seq2seq() -> tuple[ForecastNet, torch.Tensor, torch.Tensor]:
    torch.manual_seed(0)
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).double()
    return net, torch.randn(3, 6, 3).double(), torch.randn(3, 4, 2).double()


def test_lrp_seq2seq_warns_of_a_nan_in_future_as_of_one_in_inputs() -> None:
    # the NaN made sequence 1's score and relevances NaN without a word
    net, inputs, future = _seq2seq()
    future[1, 2, 0] = float("nan")
    with pytest.warns(UserWarning) as record:
        ex = lrp_seq2seq(net, inputs, future, 2, bias_factor=1.0)
    assert [str(w.message) for w in record] == [
        "`future` holds NaN at 1 entry of sequence [1] (the first at sequence 1, step 2, "
        "feature 0): its score and relevances are NaN; fill them first, e.g. "
        "torch.nan_to_num(future, nan=0.0, posinf=0.0, neginf=0.0)."
    ]
    assert record[0].filename == __file__
    assert ex.relevance.isnan().any(dim=1).tolist() == [False, True, False]


def test_lrp_seq2seq_warns_of_inputs_and_future_each_in_its_own_name() -> None:
    net, inputs, future = _seq2seq()
    inputs[0, 1, 1] = float("inf")
    future[2, 0, 1] = float("-inf")
    future[2, 3, 0] = float("nan")
    with pytest.warns(UserWarning) as record:
        lrp_seq2seq(net, inputs, future, 2, bias_factor=1.0)
    assert [str(w.message) for w in record] == [
        "`inputs` hold inf at 1 entry of sequence [0] (the first at sequence 0, step 1, "
        "feature 1): its relevances are NaN or say nothing of it, whatever the score; fill "
        "them first, e.g. torch.nan_to_num(inputs, nan=0.0, posinf=0.0, neginf=0.0).",
        "`future` holds NaN at 1 and inf at 1 entries of sequence [2] (the first at sequence 2, "
        "step 0, feature 1): its relevances are NaN or say nothing of it, a NaN's score NaN "
        "too; fill them first, e.g. torch.nan_to_num(future, nan=0.0, posinf=0.0, neginf=0.0).",
    ]


def test_lrp_seq2seq_says_nothing_of_a_finite_future() -> None:
    net, inputs, future = _seq2seq()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lrp_seq2seq(net, inputs, future, 2, bias_factor=1.0)


class _Pair(torch.nn.Module):
    """The mean of two forecasting networks' outputs (an ensemble)."""

    def __init__(self) -> None:
        super().__init__()
        self.members = torch.nn.ModuleList([ForecastNet("lstm", 2, 4, 1) for _ in range(2)])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.stack([m(x) for m in self.members]).mean(dim=0)


def _bars(err: str) -> list[tuple[int, int]]:
    found = re.findall(r"occlusion: +\d+%\|[^|]*\| (\d+)/(\d+) \[[^\]]*copy/s\]", err)
    return [(int(done), int(total)) for done, total in found]


def test_occlusion_from_python_draws_a_bar_of_the_occluded_copies(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a forecaster's 8,760 windows of 168 lags ran for minutes without a word, where
    # integrated_gradients takes progress=
    from lstmkit import _checks
    from lstmkit.explain import baselines

    real = _checks.progress_bar
    monkeypatch.setattr(  # drawn at every update (tqdm's own pace skips counts)
        baselines,
        "progress_bar",
        lambda progress, **kw: real(progress, mininterval=0, miniters=1, **kw),
    )
    torch.manual_seed(0)
    net = ForecastNet("lstm", 2, 4, 1).double()
    x = torch.linspace(-1, 1, 30, dtype=torch.float64).view(3, 5, 2)
    capsys.readouterr()
    quiet = occlusion(net, x, 0, batch_size=20)
    assert capsys.readouterr().err == ""  # progress=False, the default
    ex = occlusion(net, x, 0, batch_size=20, progress=True)
    # 3 windows x 5 steps, then x 5 steps x 2 features, in calls of 20 at most
    assert _bars(capsys.readouterr().err) == [(0, 45), (15, 45), (35, 45), (45, 45)]
    assert ex.relevance_per_feature.tolist() == quiet.relevance_per_feature.tolist()
    occlusion(net, x, 0, per_feature=False, progress=True)
    assert _bars(capsys.readouterr().err) == [(0, 15), (15, 15)]
    # by explain, and an ensemble's members on one bar of them all (not a bar each)
    explain(net, x, 0, method="occlusion", batch_size=20, progress=True)
    assert _bars(capsys.readouterr().err) == [(0, 45), (15, 45), (35, 45), (45, 45)]
    explain(_Pair().double(), x, 0, method="occlusion", batch_size=20, progress=True)
    assert _bars(capsys.readouterr().err) == [
        (0, 90),
        (15, 90),
        (35, 90),
        (45, 90),
        (60, 90),
        (80, 90),
        (90, 90),
    ]
    with pytest.raises(TypeError, match=r"^`progress` must be True, False or None, got 'yes'\.$"):
        occlusion(net, x, 0, progress="yes")
    # token ids: each step's embedding occluded whole, by default
    from lstmkit.text import TextClassifier

    texts = torch.tensor([[3, 4, 5], [6, 7, 8]])
    explain(TextClassifier(20, 4, 3, 2), texts, 0, method="occlusion", progress=True)
    assert _bars(capsys.readouterr().err) == [(0, 6), (6, 6)]

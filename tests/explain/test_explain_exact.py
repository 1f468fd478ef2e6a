"""Exact values of the explain package on closed-form models: gradient baselines, deletion
curves and AOPC, rendering, the epsilon rule, residuals and forecast explanations.

The model :class:`_Cubic` scores ``u**3``, ``u`` and ``-u`` with ``u = sum_{t,f} W[t,f] x[t,f]``;
for it gradient × input, sensitivity, integrated gradients (midpoint rule with ``n`` points:
``(1/n) sum_k ((k + 1/2)/n)**2 = 1/3 - 1/(12 n**2)``) and occlusion have closed forms. It takes
``lengths`` and ignores them, so only the methods' own masks zero the padded steps.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import torch
from matplotlib.colors import to_rgba
from torch import nn

from lstmkit.data import _label, load_dataset
from lstmkit.explain import (
    Explanation,
    Faithfulness,
    aopc,
    compare,
    deletion_curve,
    explain,
    gradient_x_input,
    integrated_gradients,
    lrp_seq2seq,
    occlusion,
    random_relevance,
    sensitivity,
)
from lstmkit.explain.explanation import Seq2SeqExplanation
from lstmkit.explain.forecast import _FixedFuture, _step_time, explain_forecast
from lstmkit.explain.render import plot_lags, to_html, to_terminal, top_contributions
from lstmkit.explain.rules import epsilon_rule
from lstmkit.forecast import Forecaster, ForecasterConfig

W = torch.tensor([[1.0, 2.0], [-1.0, 0.5], [3.0, -2.0]], dtype=torch.float64)  # [T, F]
X = torch.tensor(
    [
        [[0.5, -1.0], [2.0, 1.0], [0.25, 0.5]],
        [[1.0, 0.5], [-0.5, 2.0], [1.5, 1.0]],
    ],
    dtype=torch.float64,
)  # [B, T, F]; u = [-3.25, 6.0]
LENGTHS = [3, 2]
VALID = torch.tensor([[1.0, 1.0, 1.0], [1.0, 1.0, 0.0]], dtype=torch.float64)  # [B, T]


def _close(actual, expected) -> None:
    torch.testing.assert_close(actual, expected, rtol=1e-12, atol=1e-12)


class _Cubic(nn.Module):
    def __init__(self, weight: torch.Tensor = W) -> None:
        super().__init__()
        self.weight = nn.Parameter(weight.clone())

    def forward(self, x: torch.Tensor, lengths=None) -> torch.Tensor:
        u = (x * self.weight).sum(dim=(1, 2))
        return torch.stack([u**3, u, -u], dim=1)


def _u(x: torch.Tensor = X) -> torch.Tensor:
    return (x * W).sum(dim=(1, 2))


def test_the_linear_part_of_the_cubic_is_as_stated() -> None:
    _close(_u(), torch.tensor([-3.25, 6.0], dtype=torch.float64))


def test_gradient_x_input_and_sensitivity_of_a_cubic_are_closed_form() -> None:
    u = _u()[:, None, None]
    ex = gradient_x_input(_Cubic(), X, 0, lengths=LENGTHS)
    per_feature = 3 * u**2 * W * X * VALID[:, :, None]
    _close(ex.relevance_per_feature, per_feature)
    _close(ex.relevance, per_feature.sum(2))
    _close(ex.score, _u() ** 3)
    assert ex.target.tolist() == [0, 0] and ex.method == "gradxinput"
    assert ex.initial_state.tolist() == [0.0, 0.0] and ex.lengths.tolist() == LENGTHS
    sens = sensitivity(_Cubic(), X, 0, lengths=LENGTHS)
    _close(sens.relevance_per_feature, (3 * u**2 * W) ** 2 * VALID[:, :, None])
    assert sens.method == "sensitivity" and sens.initial_state.tolist() == [0.0, 0.0]
    # explain dispatches to the same functions, lengths included
    by_name = explain(_Cubic(), X, 0, method="gradxinput", lengths=LENGTHS)
    _close(by_name.relevance_per_feature, per_feature)
    by_name = explain(_Cubic(), X, 0, method="sensitivity", lengths=LENGTHS)
    _close(by_name.relevance_per_feature, sens.relevance_per_feature)


@pytest.mark.parametrize(("steps", "batch_size"), [(32, 512), (1, 512), (3, 2), (4, 3)])
def test_integrated_gradients_of_a_cubic_are_the_midpoint_rule(steps, batch_size) -> None:
    """``(1/n) sum_k 3 alpha_k**2 = 1 - 1/(4 n**2)``: completeness short by ``u**3 / (4 n**2)``;
    32 points by default; batches that cut the path between sequences change nothing."""
    options = {} if steps == 32 else {"steps": steps, "batch_size": batch_size}
    ex = integrated_gradients(_Cubic(), X, 0, lengths=LENGTHS, **options)
    u = _u()[:, None, None]
    factor = 1 - 1 / (4 * steps**2)
    _close(ex.relevance_per_feature, u**2 * factor * W * X * VALID[:, :, None])
    assert ex.method == "ig" and ex.initial_state.tolist() == [0.0, 0.0]
    full = integrated_gradients(_Cubic(), X, 0, **options)
    _close(full.relevance.sum(1), _u() ** 3 * factor)  # f(x) - f(0) = u**3
    # a linear score: integrated gradients are gradient x input, for any number of points
    _close(integrated_gradients(_Cubic(), X, 1, **options).relevance_per_feature, W * X)


def test_occlusion_of_a_cubic_is_the_exact_score_drop() -> None:
    u = _u()[:, None]
    c = (W * X).sum(2)  # [B, T] each step's share of u
    ex = occlusion(_Cubic(), X, 0, lengths=LENGTHS, batch_size=4)
    _close(ex.relevance, (u**3 - (u - c) ** 3) * VALID)
    per_feature = (u[:, :, None] ** 3 - (u[:, :, None] - W * X) ** 3) * VALID[:, :, None]
    _close(ex.relevance_per_feature, per_feature)  # per feature by default without embedding
    assert ex.method == "occlusion" and ex.initial_state.tolist() == [0.0, 0.0]
    half = occlusion(_Cubic(), X, 0, value=0.5, per_feature=False)
    _close(half.relevance, u**3 - (u - c + 0.5 * W.sum(1)) ** 3)
    assert half.relevance_per_feature is None
    # per sequence targets: sequence 0 explains -u, sequence 1 u
    mixed = occlusion(_Cubic(), X, [2, 1])
    _close(mixed.relevance, torch.stack([-c[0], c[1]]))
    _close(mixed.score, torch.stack([-_u()[0], _u()[1]]))


def test_random_relevance_is_its_own_seeded_generator_and_zero_at_padding() -> None:
    ex = random_relevance(_Cubic(), X, lengths=LENGTHS, seed=7)
    expected = torch.rand(2, 3, generator=torch.Generator().manual_seed(7), dtype=torch.float64)
    with torch.random.fork_rng():
        torch.manual_seed(123)  # the global generator is not the one used
        again = random_relevance(_Cubic(), X, lengths=LENGTHS, seed=7)
    assert torch.equal(again.relevance, ex.relevance)
    _close(ex.relevance, expected * VALID)
    assert ex.target.tolist() == [2, 0]  # the arg-max of [u**3, u, -u] at u = -3.25 and 6
    assert ex.method == "random" and ex.initial_state.tolist() == [0.0, 0.0]


def _ranked(relevance, lengths=LENGTHS) -> Explanation:
    """An explanation of the score ``u`` (target 1) with the given relevance."""
    rel = torch.tensor(relevance, dtype=torch.float64)
    zeros = torch.zeros(2, dtype=torch.float64)
    return Explanation(rel, None, zeros, torch.tensor([1, 1]), zeros, lengths, "given")


def test_deletion_curve_of_a_linear_score_removes_each_steps_share() -> None:
    """Each step's share of ``u``: [-1.5, -1.5, -0.25] and [2, 1.5, 2.5]. Sequence 1 has two
    valid steps; its padded step (relevance 7, the largest) is never deleted, so 2.5 stays."""
    ex = _ranked([[0.1, 0.3, -0.2], [-6.0, 5.0, 7.0]], torch.tensor(LENGTHS))
    curve = deletion_curve(_Cubic(), X, ex, steps=4)
    expected = [[-3.25, -1.75, -0.25, 0.0, 0.0], [6.0, 4.5, 2.5, 2.5, 2.5]]
    _close(curve, torch.tensor(expected, dtype=torch.float64))
    _close(deletion_curve(_Cubic(), X, ex, steps=4, batch_size=1), curve)
    by_size = deletion_curve(_Cubic(), X, ex, steps=4, by="magnitude")
    expected = [[-3.25, -1.75, -1.5, 0.0, 0.0], [6.0, 4.0, 2.5, 2.5, 2.5]]
    _close(by_size, torch.tensor(expected, dtype=torch.float64))
    # a deleted step is set to `value` (1: its share becomes W's row sum [3, -0.5, 1])
    ones = deletion_curve(_Cubic(), X, ex, steps=3, value=1.0)
    expected = [[-3.25, -2.25, 2.25, 3.5], [6.0, 4.0, 5.0, 5.0]]
    _close(ones, torch.tensor(expected, dtype=torch.float64))
    # ten steps by default; none: the undeleted score alone
    assert deletion_curve(_Cubic(), X, ex).shape == (2, 11)
    _close(deletion_curve(_Cubic(), X, ex, steps=0), torch.tensor([[-3.25], [6.0]]).double())
    # a NaN at a padded step orders nothing
    nan = _ranked([[0.1, 0.3, -0.2], [-6.0, 5.0, float("nan")]], LENGTHS)
    _close(deletion_curve(_Cubic(), X, nan, steps=2), curve[:, :3])


def test_deletion_curve_breaks_ties_by_position_in_long_sequences() -> None:
    """Twenty steps of equal relevance go first to last (an unstable sort reorders ties from
    17 values on): step t's share of ``u`` is t + 1, so k deletions leave 210 - k (k + 1) / 2."""
    weight = torch.arange(1.0, 21.0, dtype=torch.float64)[:, None]  # [T, 1]
    ones = torch.ones(1, 20, 1, dtype=torch.float64)
    zeros = torch.zeros(1, dtype=torch.float64)
    ex = Explanation(torch.zeros(1, 20).double(), None, zeros, torch.tensor([1]), zeros, None, "")
    curve = deletion_curve(_Cubic(weight), ones, ex, steps=20)
    k = torch.arange(21, dtype=torch.float64)
    _close(curve, (210 - k * (k + 1) / 2)[None])


def test_deletion_curve_refuses_an_unknown_order_and_a_relevance_of_another_shape() -> None:
    ex = _ranked([[0.1, 0.3, -0.2], [-6.0, 5.0, 7.0]])
    with pytest.raises(ValueError, match=r"^`by` must be 'value' or 'magnitude', got 'abs'\.$"):
        deletion_curve(_Cubic(), X, ex, by="abs")  # type: ignore[arg-type]
    short = _ranked([[0.1, 0.3], [-6.0, 5.0]])
    message = r"^`explanation.relevance` must be \[B, T\] = \(2, 3\) like `inputs`, got \(2, 2\)\.$"
    with pytest.raises(ValueError, match=message):
        deletion_curve(_Cubic(), X, short)
    with pytest.raises(ValueError, match=r"^`steps` must be an integer >= 0, got -1\.$"):
        deletion_curve(_Cubic(), X, ex, steps=-1)


def test_aopc_is_the_mean_drop_over_k_plus_one_points() -> None:
    curve = torch.tensor([[3.0, 1.0, 0.0], [-1.0, 1.0, 3.0]], dtype=torch.float64)
    _close(aopc(curve), torch.tensor([5 / 3, -2.0], dtype=torch.float64))
    with pytest.raises(ValueError, match=r"got \(3,\)\.$"):
        aopc(curve[0])


def test_compare_on_a_linear_score_gives_exact_curves_aopc_and_standard_error() -> None:
    """Gradient x input and occlusion of ``u`` are both each step's share; deleting by it:
    [-3.25, -3, -1.5, 0] and [6, 3.5, 1.5, 0] (a tie goes to the earlier step), AOPC -1.3125
    and 3.25, their mean 0.96875 and standard error |a - b| / 2 = 2.28125."""
    result = compare(_Cubic(), X, 1, methods=("gradxinput", "occlusion"), steps=3)
    assert list(result.curves) == ["gradxinput", "occlusion"]
    for m in ("gradxinput", "occlusion"):
        _close(result.curves[m], torch.tensor([1.375, 0.25, 0.0, 0.0], dtype=torch.float64))
        assert result.aopc[m] == pytest.approx(0.96875, rel=1e-12)
        assert result.aopc_std_error[m] == pytest.approx(2.28125, rel=1e-12)
    # (xd15) the default ten steps end at the third, the last step there is: its 11 points
    # diluted the AOPC to -28 / 11 with a flat tail of 3.25 drops
    one = compare(_Cubic(), X[:1], 1, methods="ig")
    assert list(one.curves) == ["ig"] and one.curves["ig"].shape == (4,)
    # (left33b) of one sequence the standard error is undefined: nan (it was 0.0, shown as
    # "0.0000" in the table), "n/a" in the table
    assert list(one.aopc_std_error) == ["ig"] and math.isnan(one.aopc_std_error["ig"])
    assert one.table().splitlines()[2] == "| ig | -1.3125 | n/a | -3.000 / 0.000 |"
    assert one.steps_asked == 10
    assert one.aopc["ig"] == pytest.approx(-1.3125, rel=1e-12)
    with pytest.raises(ValueError, match=r"^`steps` must be a positive integer, got 0\.$"):
        compare(_Cubic(), X, 1, methods=["ig"], options={"ig": {"steps": 0}})
    message = r"^`options` must be keyed by method names \(.*\), got unknown \['IG'\]\.$"
    with pytest.raises(ValueError, match=message):
        compare(_Cubic(), X, 1, methods=["ig"], options={"IG": {"steps": 4}})


def test_faithfulness_table_best_first_with_the_scores_after_1_3_5_deletions() -> None:
    def table(length: int) -> str:
        curve = torch.arange(length, dtype=torch.float64) / 8
        return Faithfulness(
            {"a": curve, "b": -curve}, {"a": 0.125, "b": 0.5}, {"a": 0.0625, "b": 0.03125}
        ).table()

    assert table(6).splitlines() == [
        "| method | AOPC | ± s.e. | score after 1 / 3 / 5 deletions |",
        "|---|---|---|---|",
        "| b | 0.5000 | 0.0312 | -0.125 / -0.375 / -0.625 |",
        "| a | 0.1250 | 0.0625 | 0.125 / 0.375 / 0.625 |",
    ]
    # (xpl14) and after the last deletion: steps=2 showed the score after 1 alone
    assert table(3).splitlines()[0] == "| method | AOPC | ± s.e. | score after 1 / 2 deletions |"
    assert table(2).splitlines()[0] == "| method | AOPC | ± s.e. | score after 1 deletion |"
    assert table(4).splitlines()[2] == "| b | 0.5000 | 0.0312 | -0.125 / -0.375 |"
    # curves of one point (steps=0) had a column headed "score after  deletions", left empty
    assert table(1).splitlines() == [
        "| method | AOPC | ± s.e. |",
        "|---|---|---|",
        "| b | 0.5000 | 0.0312 |",
        "| a | 0.1250 | 0.0625 |",
    ]


class _Bag(nn.Module):
    """Token ids [B, T] -> [-u, u] with u = sum_t e_t . v, embedding vectors fixed."""

    def __init__(self, scale: float = 1.0) -> None:
        super().__init__()
        self.embedding = nn.Embedding(4, 2).double()
        with torch.no_grad():
            self.embedding.weight.copy_(
                scale * torch.tensor([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
            )
        self.v = torch.tensor([2.0, -1.0], dtype=torch.float64)

    def forward(self, tokens: torch.Tensor, lengths=None) -> torch.Tensor:
        u = (self.embedding(tokens) @ self.v).sum(1)
        return torch.stack([-u, u], dim=1)


class _Mean(nn.Module):
    def __init__(self, *members: nn.Module) -> None:
        super().__init__()
        self.members = nn.ModuleList(members)

    def forward(self, tokens: torch.Tensor, lengths=None) -> torch.Tensor:
        return torch.stack([m(tokens) for m in self.members]).mean(0)


TOKENS = torch.tensor([[1, 2, 3], [3, 3, 2]])  # shares of u: [2, -1, 1] and [1, 1, -1]


def test_deletion_of_tokens_zeroes_their_embedding_vectors_in_every_member() -> None:
    ex = _ranked([[3.0, 1.0, 2.0], [0.0, 2.0, 1.0]], None)
    expected = torch.tensor([[2.0, 0.0, -1.0, 0.0], [1.0, 0.0, 1.0, 0.0]], dtype=torch.float64)
    _close(deletion_curve(_Bag(), TOKENS, ex, steps=3), expected)
    # the mean of members scaled by 1 and 3: twice the single model's curve
    _close(deletion_curve(_Mean(_Bag(), _Bag(3.0)), TOKENS, ex, steps=3), 2 * expected)
    # occlusion of tokens: per step only, by default
    occ = occlusion(_Bag(), TOKENS, 1)
    _close(occ.relevance, torch.tensor([[2.0, -1.0, 1.0], [1.0, 1.0, -1.0]]).double())
    assert occ.relevance_per_feature is None


def test_residuals_subtract_every_relevance_per_sequence() -> None:
    t = torch.tensor
    ex = Explanation(
        t([[1.0, 2.0], [3.0, 4.0]]), None, t([10.0, 20.0]), t([0, 1]), t([0.5, -1.0]), None, "x"
    )
    assert ex.residual.tolist() == [6.5, 14.0]
    s2s = Seq2SeqExplanation(
        ex.relevance, None, ex.score, ex.target, ex.initial_state, None, "lrp",
        decoder_relevance=t([[[1.0, 0.5], [0.25, 0.0]], [[-2.0, 0.0], [0.0, 1.0]]]),
    )  # fmt: skip
    assert s2s.residual.tolist() == [4.75, 15.0]


def test_epsilon_rule_shares_of_two_groups_and_two_upper_units() -> None:
    """Upper units z = a1 W1^T + a2 + b = [0.25, 1.5] from a full group (K = 3) and an
    elementwise one: N = 4 lower units each. The rule written out; defaults eps = 1e-3,
    bias_factor 0, eps_share 1."""
    t = lambda v: torch.tensor(v, dtype=torch.float64)  # noqa: E731
    a1, w1 = t([[1.0, 2.0, -2.0]]), t([[1.0, -0.5, 0.25], [2.0, 1.0, 0.5]])
    a2, bias = t([[0.5, -1.0]]), t([0.25, -0.5])
    b = bias.tolist()
    z = a1 @ w1.T + a2 + bias
    _close(z, t([[0.25, 1.5]]))
    r = t([[3.0, 1.0]])

    def expected(eps: float, bias_factor: float, eps_share: float) -> tuple:
        s = [3.0 / (0.25 + eps), 1.0 / (1.5 + eps)]
        share = [(eps_share * eps + bias_factor * b[j]) * s[j] / 4 for j in range(2)]
        w, x1, x2 = w1.tolist(), a1[0].tolist(), a2[0].tolist()
        r1 = [x1[k] * (s[0] * w[0][k] + s[1] * w[1][k]) + sum(share) for k in range(3)]
        r2 = [x2[j] * s[j] + share[j] for j in range(2)]
        return t([r1]), t([r2])

    for options, args in [
        ({}, (1e-3, 0.0, 1.0)),
        ({"eps": 0.1, "bias_factor": 1.0}, (0.1, 1.0, 1.0)),
        ({"eps": 0.1, "eps_share": 0.0}, (0.1, 0.0, 0.0)),
    ]:
        got = epsilon_rule([(a1, w1), (a2, None)], z, r, bias=bias, **options)
        for g, e in zip(got, expected(*args), strict=True):
            _close(g, e)
    full = epsilon_rule([(a1, w1), (a2, None)], z, r, bias=bias, bias_factor=1.0, eps=0.1)
    _close(full[0].sum() + full[1].sum(), r.sum())  # conservation with bias_factor 1


def test_html_legend_title_labels_and_tooltips_exactly() -> None:
    page = to_html(
        ["a", "b", "c", "d", "e"],
        [1e-3, -9.99e-4, 99999.0, -1e5, 0.0],
        predicted="<pos>",
        target="<neg>",
        score=-0.123456,
        method="<ig>",
    )
    stops = "rgb(0,0,255), rgb(128,128,255), rgb(255,255,255), rgb(255,128,128), rgb(255,0,0)"
    assert f"linear-gradient(to right, {stops});" in page
    assert "<title>lstmkit explanation (&lt;ig&gt;)</title>" in page
    assert "<h3>relevance (&lt;ig&gt;)</h3>" in page
    info = "predicted: <b>&lt;pos&gt;</b> &middot; explained: <b>&lt;neg&gt;</b> &middot; "
    assert f"<p>{info}score: <b>-0.1235</b></p>" in page
    titles = [part.split('"')[0] for part in page.split('title="')[1:]]
    assert titles == ["+0.0010", "-9.99e-04", "+99999.0000", "-1.00e+05", "+0.0000"]
    assert page.count('</span> <span class="tok"') == 4  # the tokens, a space apart
    assert "<span>-1e+05 against &lt;neg&gt;</span>" in page
    assert "<span>+1e+05 for &lt;neg&gt;</span>" in page
    with pytest.raises(ValueError, match=r"one value per token \(2\), got shape \(2, 1\)\.$"):
        to_html(["a", "b"], [[1.0], [2.0]])


def test_extra_relevance_values_after_the_tokens_are_not_shown_or_scaled_by() -> None:
    assert to_terminal(["a"], [0.5, 9.0], color=False) == "a(+0.500)"
    assert to_terminal(["a", "b"], [0.5, -0.25, 9.0]) == (
        "\x1b[48;2;255;0;0m\x1b[38;2;0;0;0ma\x1b[0m \x1b[48;2;128;128;255m\x1b[38;2;0;0;0mb\x1b[0m"
    )
    assert 'title="+0.5000">a</span></p>' in to_html(["a"], [0.5, -9.0])
    assert "<span>-0.5 against</span>" in to_html(["a"], [0.5, -9.0])


def test_top_contributions_five_by_default_ties_in_order() -> None:
    tokens = list("abcdef")
    top = top_contributions(tokens, [0.5, -0.5, 0.1, 0.5, -2.0, 0.0])
    assert top == [(4, "e", -2.0), (0, "a", 0.5), (1, "b", -0.5), (3, "d", 0.5), (2, "c", 0.1)]


def test_lag_plot_axes_bar_colours_and_heatmap_scale(tmp_path) -> None:
    fig = plot_lags([1.0, 2.0, 3.0], np.array([[0.5], [0.0], [-0.5]]))
    top, bottom = fig.axes
    assert top.lines[0].get_xdata().tolist() == [-3, -2, -1]
    assert top.lines[0].get_ydata().tolist() == [1.0, 2.0, 3.0]  # oldest first
    assert not bottom.images  # one feature: bars, not a heatmap
    colours = [tuple(p.get_facecolor()) for p in bottom.patches]
    red, blue = to_rgba("tab:red"), to_rgba("tab:blue")
    assert colours == [red, blue, blue]  # zero relevance is not drawn as evidence for
    assert [p.get_height() for p in bottom.patches] == [0.5, 0.0, -0.5]
    zero = plot_lags([1.0, 2.0], np.zeros((2, 2)))
    norm = zero.axes[1].images[0].norm
    assert (norm.vmin, norm.vmax) == (-1.0, 1.0)  # an all-zero heatmap keeps a unit scale
    assert [t.get_text() for t in zero.axes[1].get_yticklabels()] == ["0", "1"]
    message = r"^`relevance` must be \[L\] or \[L, F\] with L = len\(window\) = {}, got {}\.$"
    with pytest.raises(ValueError, match=message.format(2, r"\(2, 2, 1\)")):
        plot_lags([1.0, 2.0], np.zeros((2, 2, 1)))


def test_a_lag_relevance_without_a_lag_axis_is_refused_by_name() -> None:
    """A scalar relevance (no lag axis) read its first dimension first: an IndexError."""
    message = r"^`relevance` must be \[L\] or \[L, F\] with L = len\(window\) = 1, got \(\)\.$"
    with pytest.raises(ValueError, match=message):
        plot_lags([1.0], 0.5)


def _forecaster(strategy: str) -> Forecaster:
    cfg = ForecasterConfig(
        horizon=2, strategy=strategy, lookback=4, ensemble=2, epochs=1, hidden_size=3,
        interval=None, refit=False,
    )  # fmt: skip
    return Forecaster(cfg).fit(load_dataset("airline")[:40])


@pytest.fixture(scope="module")
def seq2seq_pair() -> Forecaster:
    return _forecaster("seq2seq")


def _mean(values) -> np.ndarray:
    return np.mean([np.asarray(v, dtype=np.float64) for v in values], axis=0)


def test_explain_forecast_is_the_members_mean_on_the_last_window(seq2seq_pair) -> None:
    fc = seq2seq_pair
    ex = explain_forecast(fc, step=1, bias_factor=1.0)
    x = torch.tensor(fc.encoder_inputs().to_numpy()[None], dtype=torch.float32)
    future = torch.tensor(fc.decoder_inputs().to_numpy()[None], dtype=torch.float32)
    each = [lrp_seq2seq(net, x, future, 1, bias_factor=1.0) for net in fc.members_]
    assert not np.allclose(each[0].relevance, each[1].relevance)  # the mean is no one member
    for got, parts in [
        (ex.per_lag, [e.relevance[0] for e in each]),
        (ex.per_feature, [e.relevance_per_feature[0] for e in each]),
        (ex.future, [e.decoder_relevance[0] for e in each]),
        (ex.score, [e.score[0] for e in each]),
        (ex.initial_state, [e.initial_state[0] for e in each]),
    ]:
        np.testing.assert_allclose(got, _mean(parts), rtol=1e-12, atol=1e-15)
    assert abs(ex.initial_state) > 1e-6
    assert ex.window.tolist() == [171.0, 180.0, 193.0, 181.0]  # airline, 1952-01 to 1952-04
    assert ex.index == ["1952-01-01", "1952-02-01", "1952-03-01", "1952-04-01"]
    assert ex.future_index == ["1952-05-01", "1952-06-01"] and ex.time == "1952-06-01"
    assert ex.features == ["airline", "season sin", "season cos"]
    assert ex.future_features == ["constant", "season sin", "season cos"]
    assert (ex.step, ex.method) == (1, "lrp")
    # another method: the window alone, the decoder inputs of steps 0..step held fixed
    g = explain_forecast(fc, step=0, method="gradxinput")
    each = [explain(_FixedFuture(n, future[:, :1]), x, 0, method="gradxinput") for n in fc.members_]
    np.testing.assert_allclose(g.per_lag, _mean([e.relevance[0] for e in each]), rtol=1e-12)
    np.testing.assert_allclose(g.score, _mean([e.score[0] for e in each]), rtol=1e-12)
    assert g.future is None and g.future_index is None and g.time == "1952-05-01"
    with torch.no_grad():  # the network's own output for step 0, its decoder inputs as given
        outputs = [float(net(x, future[:, :1])[0, 0]) for net in fc.members_]
    assert g.score == pytest.approx(np.mean(outputs), rel=1e-6)  # float32 networks


def test_an_ensembles_sensitivity_is_the_square_of_its_mean_gradient(seq2seq_pair) -> None:
    """Sensitivity is the one method not linear in the score: the ensemble's is the square of
    the members' mean gradient; the mean of their squares (as it was) adds their spread."""
    fc = seq2seq_pair
    x = torch.tensor(fc.encoder_inputs().to_numpy()[None], dtype=torch.float32)
    future = torch.tensor(fc.decoder_inputs().to_numpy()[None], dtype=torch.float32)
    x.requires_grad_(True)
    outputs = [net(x, future[:, :2])[0, 1] for net in fc.members_]
    grads = [torch.autograd.grad(out, x)[0][0].double().numpy() for out in outputs]
    ex = explain_forecast(fc, step=1, method="sensitivity")
    np.testing.assert_allclose(ex.per_feature, np.mean(grads, axis=0) ** 2, rtol=1e-5)
    np.testing.assert_allclose(ex.per_lag, (np.mean(grads, axis=0) ** 2).sum(axis=1), rtol=1e-5)
    squares = np.mean([g**2 for g in grads], axis=0)
    assert np.all(squares - ex.per_feature > -1e-12)  # the spread, >= 0
    assert not np.allclose(ex.per_feature, squares, rtol=1e-3)
    assert ex.score == pytest.approx(np.mean([float(o.detach()) for o in outputs]), rel=1e-6)
    assert ex.future is None and ex.initial_state == 0.0 and ex.method == "sensitivity"
    # one member: its own squared gradient, as before
    one = Forecaster(fc.config)
    one.__dict__.update(fc.__dict__)
    one.members_ = fc.members_[:1]
    alone = explain_forecast(one, step=1, method="sensitivity")
    np.testing.assert_allclose(alone.per_feature, grads[0] ** 2, rtol=1e-5)
    # a direct network: the window is its only input
    direct = _forecaster("direct")
    x = torch.tensor(direct.encoder_inputs().to_numpy()[None], dtype=torch.float32)
    x.requires_grad_(True)
    mean = torch.stack([net(x)[0, 0] for net in direct.members_]).mean()
    (grad,) = torch.autograd.grad(mean, x)
    ex = explain_forecast(direct, method="sensitivity")
    np.testing.assert_allclose(ex.per_feature, grad[0].double().numpy() ** 2, rtol=1e-5)


def test_a_recursive_forecaster_explains_its_one_step() -> None:
    fc = _forecaster("recursive")
    assert explain_forecast(fc, method="random").per_lag.shape == (4,)
    with pytest.raises(ValueError) as e:
        explain_forecast(fc, step=1)
    assert str(e.value) == (
        "`step` must be an integer in [0, 1) (the forecaster's strategy is 'recursive': its "
        "network forecasts one step ahead, later steps feeding its forecasts back in), got 1."
    )
    with pytest.raises(
        TypeError, match=r"^`step` must be an integer in \[0, 1\), got 0\.0 \(a whole"
    ):
        explain_forecast(fc, step=0.0)


def test_time_labels_drop_a_midnight_time_only() -> None:
    assert _label(pd.Timestamp("2020-01-01 05:00")) == "2020-01-01 05:00:00"
    assert _label(pd.Timestamp("2020-01-01")) == "2020-01-01"
    assert _label(7) == "7"


def test_the_time_of_a_step_past_pandas_calendar_is_none() -> None:
    days = pd.date_range(end="2262-04-10", periods=3, freq="D", unit="ns")
    assert _step_time(days, 0) == "2262-04-11"
    assert _step_time(days, 1) is None  # 2262-04-12 is past the last nanosecond timestamp
    assert _step_time(pd.RangeIndex(0, 10, 2), 1) == "12"

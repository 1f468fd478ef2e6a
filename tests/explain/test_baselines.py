"""Gradient baselines against finite differences and closed forms; deletion curves and AOPC."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

import lstmkit.nn as lnn
from lstmkit.explain import (
    METHODS,
    aopc,
    compare,
    deletion_curve,
    explain,
    gradient_x_input,
    integrated_gradients,
    lrp,
    occlusion,
    random_relevance,
    sensitivity,
)
from lstmkit.explain.evaluate import Faithfulness
from lstmkit.text import ClassifierEnsemble, TextClassifier


class _Series(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.rnn = lnn.GRU(2, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor, lengths=None) -> torch.Tensor:
        _, h = self.rnn(x) if lengths is None else self.rnn(x, lengths=lengths)
        return self.head(h[-1])


def _series():
    torch.manual_seed(0)
    return _Series().double(), torch.randn(3, 5, 2, dtype=torch.float64)


def _f(model, x, target=1):
    with torch.no_grad():
        return model(x)[:, target]


def test_gradxinput_is_the_directional_derivative() -> None:
    model, x = _series()
    ex = gradient_x_input(model, x, 1)
    h = 1e-6
    for t in (0, 2, 4):
        up, down = x.clone(), x.clone()
        up[:, t] *= 1 + h
        down[:, t] *= 1 - h
        fd = (_f(model, up) - _f(model, down)) / (2 * h)
        torch.testing.assert_close(ex.relevance[:, t], fd, rtol=1e-6, atol=1e-9)
    torch.testing.assert_close(ex.score, _f(model, x))


def test_sensitivity_is_the_squared_gradient() -> None:
    model, x = _series()
    grad_x = gradient_x_input(model, x, 1).relevance_per_feature
    sens = sensitivity(model, x, 1).relevance_per_feature
    torch.testing.assert_close(sens, (grad_x / x) ** 2)
    assert bool((sensitivity(model, x, 1).relevance >= 0).all())


def test_integrated_gradients_complete() -> None:
    model, x = _series()
    ex = integrated_gradients(model, x, 1, steps=200, batch_size=97)
    gap = _f(model, x) - _f(model, torch.zeros_like(x))
    torch.testing.assert_close(ex.relevance.sum(1), gap, rtol=1e-4, atol=1e-5)


def test_occlusion_is_the_score_drop() -> None:
    model, x = _series()
    ex = occlusion(model, x, 0, batch_size=4)
    y = x.clone()
    y[:, 3] = 0.0
    torch.testing.assert_close(ex.relevance[:, 3], _f(model, x, 0) - _f(model, y, 0))
    y = x.clone()
    y[:, 1, 1] = 0.0
    torch.testing.assert_close(ex.relevance_per_feature[:, 1, 1], _f(model, x, 0) - _f(model, y, 0))


def test_token_models_are_attributed_on_embeddings_and_padding_is_zero() -> None:
    torch.manual_seed(1)
    model = TextClassifier(20, 4, 3, 2).double()
    tokens = torch.tensor([[3, 4, 5, 6], [7, 8, 0, 0]])
    lengths = torch.tensor([4, 2])
    e = model.embedding(tokens).detach().requires_grad_(True)
    handle = model.embedding.register_forward_hook(lambda _m, _a, _o: e)
    score = model(tokens, lengths=lengths)[:, 0].sum()
    handle.remove()
    (grad,) = torch.autograd.grad(score, e)
    for method in ("gradxinput", "sensitivity", "ig", "occlusion", "random", "lrp"):
        ex = explain(model, tokens, 0, method=method, lengths=lengths)
        assert ex.method == method
        assert ex.relevance.shape == (2, 4)
        assert bool((ex.relevance[1, 2:] == 0).all()), method
    ex = gradient_x_input(model, tokens, 0, lengths=lengths)
    torch.testing.assert_close(ex.relevance, (grad * e).sum(2).detach())
    assert occlusion(model, tokens, 0, lengths=lengths).relevance_per_feature is None


def test_random_is_seeded() -> None:
    model, x = _series()
    a, b = random_relevance(model, x, seed=3), random_relevance(model, x, seed=3)
    torch.testing.assert_close(a.relevance, b.relevance)
    assert not torch.equal(a.relevance, random_relevance(model, x, seed=4).relevance)


def test_deletion_curve_and_aopc() -> None:
    model, x = _series()
    ex = gradient_x_input(model, x, 1, lengths=[5, 3, 5])
    # a hand-made order: delete step 4, then 0, then the rest
    rel = torch.tensor([[2.0, 0.0, -1.0, -2.0, 3.0]] * 3)
    ex = type(ex)(rel, None, ex.score, ex.target, ex.initial_state, ex.lengths, "hand")
    curve = deletion_curve(model, x, ex, steps=6)
    y = x.clone()
    y[:, 4] = 0.0
    with torch.no_grad():
        one = model(y, lengths=torch.tensor([5, 3, 5]))[:, 1]
    # sequence 1 has length 3: step 4 is padding, so its first deletion is step 0
    assert float(curve[0, 1]) == pytest.approx(float(one[0]), rel=1e-12)
    y1 = x.clone()
    y1[1, 0] = 0.0
    with torch.no_grad():
        first = model(y1[1:2, :3])[0, 1]
    assert float(curve[1, 1]) == pytest.approx(float(first), rel=1e-10)
    torch.testing.assert_close(curve[:, 0], ex.score)
    # every valid step deleted: the score of an all-zero input; it then stays
    zeros = torch.zeros_like(x)
    with torch.no_grad():
        empty = model(zeros, lengths=torch.tensor([5, 3, 5]))[:, 1]
    torch.testing.assert_close(curve[:, 5], empty)
    torch.testing.assert_close(curve[1, 3], curve[1, 6])
    # by magnitude, |-3| ranks first: step 3 is deleted first
    mag = type(ex)(
        torch.tensor([[0.1, 0.0, 0.2, -3.0, 0.3]]),
        None,
        ex.score[:1],
        ex.target[:1],
        ex.initial_state[:1],
        None,
        "hand",
    )
    by_mag = deletion_curve(model, x[:1], mag, steps=1, by="magnitude")
    y = x[:1].clone()
    y[:, 3] = 0.0
    assert float(by_mag[0, 1]) == pytest.approx(float(_f(model, y)[0]), rel=1e-12)
    assert float(deletion_curve(model, x[:1], mag, steps=1)[0, 1]) != float(by_mag[0, 1])
    # AOPC closed form
    c = torch.tensor([[1.0, 0.5, 0.0], [2.0, 2.0, 3.0]])
    torch.testing.assert_close(aopc(c), torch.tensor([0.5, -1.0 / 3.0]))


def test_compare_reports_every_method() -> None:
    torch.manual_seed(2)
    model = TextClassifier(20, 4, 3, 2).double()
    tokens = torch.randint(1, 20, (6, 5))
    result = compare(model, tokens, steps=3, options={"ig": {"steps": 4}})
    assert set(result.aopc) == set(METHODS)
    assert all(c.shape == (4,) for c in result.curves.values())
    table = result.table()
    assert table.count("\n") == len(METHODS) + 1
    # curves of 4 points (0..3 deletions): the header names only the counts it shows
    assert table.splitlines()[0].endswith("| score after 1 / 3 deletions |")
    assert len(table.splitlines()[2].split("|")[4].split("/")) == 2
    short = compare(model, tokens, steps=1, methods=["lrp"]).table()
    assert short.splitlines()[0].endswith("| score after 1 deletion |")
    for m in METHODS:
        assert f"| {m} |" in table
    with pytest.raises(ValueError, match="`methods` must be among"):
        compare(model, tokens, methods=["lrp", "magic"])
    # options under a name that is no method were silently dropped (ig ran with 32 steps)
    with pytest.raises(ValueError) as err:
        compare(model, tokens, methods=["ig"], options={"IG": {"steps": 4}})
    assert str(err.value) == (
        f"`options` must be keyed by method names {METHODS}, got unknown ['IG']."
    )


def test_explain_rejects_unknown_methods_and_continuous_lrp_agrees() -> None:
    model, x = _series()
    with pytest.raises(ValueError, match="`method` must be one of"):
        explain(model, x, method="shap")
    a = explain(model, x, 1, method="lrp", bias_factor=1.0)
    b = lrp(model, x, 1, bias_factor=1.0)
    torch.testing.assert_close(a.relevance, b.relevance)


@pytest.mark.parametrize("method", METHODS)
def test_an_empty_batch_gives_empty_explanations(method) -> None:
    torch.manual_seed(0)
    model = TextClassifier(20, 4, 3, 2).double()
    ex = explain(model, torch.zeros(0, 5, dtype=torch.long), method=method)
    assert ex.relevance.shape == (0, 5)
    assert ex.score.shape == ex.target.shape == ex.initial_state.shape == (0,)
    if ex.relevance_per_feature is not None:
        assert ex.relevance_per_feature.shape == (0, 5, 4)
    series, x = _series()
    ex = explain(series, x[:0], 1, method=method)
    assert ex.relevance.shape == (0, 5)
    assert ex.score.shape == (0,)


@pytest.mark.parametrize("method", METHODS)
def test_every_method_names_bad_tokens_and_shapes(method) -> None:
    model = TextClassifier(20, 4, 3, 2)
    with pytest.raises(ValueError) as err:
        explain(model, torch.tensor([[5, 60], [-3, 1]]), 0, method=method)
    assert str(err.value) == (
        "`inputs` must hold token ids in [0, 20) (the rows of the model's `embedding`), got 60 "
        "at position (0, 1), -3 at (1, 0)."
    )
    with pytest.raises(ValueError, match=r"got shape \(3,\); for one sequence pass"):
        explain(model, torch.tensor([5, 6, 7]), 0, method=method)
    with pytest.raises(TypeError, match="`target` must be an integer output index"):
        explain(model, torch.tensor([[5, 6]]), 0.5, method=method)


def test_deletion_curves_of_an_ensemble_of_token_models() -> None:
    torch.manual_seed(8)
    members = [TextClassifier(20, 4, 3, 2).double() for _ in range(2)]
    ensemble = ClassifierEnsemble(members)
    tokens = torch.tensor([[3, 4, 5, 6, 7], [8, 9, 10, 0, 0]])
    lengths = [5, 3]
    ex = lrp(ensemble, tokens, 1, lengths=lengths)
    curve = deletion_curve(ensemble, tokens, ex, steps=4, batch_size=1)
    # the ensemble's score is its members' mean, deletion by deletion
    each = [deletion_curve(m, tokens, ex, steps=4) for m in members]
    torch.testing.assert_close(curve, (each[0] + each[1]) / 2, rtol=1e-12, atol=1e-12)
    # deleting the most relevant token zeroes its vector in every member's embedding
    top = int(ex.relevance[0].argmax())
    with torch.no_grad():
        cut = [m.embedding(tokens[:1]).index_fill(1, torch.tensor([top]), 0.0) for m in members]
        finals = [m.rnn(c)[1][0] for m, c in zip(members, cut, strict=True)]  # [D, B, H]
        expected = sum(m.head(torch.cat(list(h), -1)) for m, h in zip(members, finals, strict=True))
    torch.testing.assert_close(curve[0, 1], expected[0, 1] / 2, rtol=1e-12, atol=1e-12)
    table = compare(ensemble, tokens, 1, lengths=lengths, steps=2, methods=("lrp", "random"))
    assert set(table.aopc) == {"lrp", "random"}
    torch.testing.assert_close(table.curves["lrp"][0], ex.score.mean())


@pytest.mark.parametrize("bad", [0, -1, 2.0, True])
def test_batch_sizes_below_one_are_refused_not_left_unfilled(bad) -> None:
    model, x = _series()
    ex = lrp(model, x, 1)
    hint = " (a whole number as a float: pass int(x))" if bad == 2.0 else ""  # (revcfg17)
    message = f"`batch_size` must be a positive integer, got {bad!r}{hint}."
    error: type[Exception] = ValueError
    if bad is True:  # a bool is no count: a TypeError that says what it counts (gate20)
        error, message = (
            TypeError,
            (
                "`batch_size` must be a positive integer, got bool True: `batch_size` is the most "
                "sequences per model call, not a switch."
            ),
        )
    for call in (
        lambda: integrated_gradients(model, x, 1, batch_size=bad),
        lambda: occlusion(model, x, 1, batch_size=bad),
        lambda: deletion_curve(model, x, ex, batch_size=bad),
    ):
        with pytest.raises(error) as err:
            call()
        assert str(err.value) == message


def test_counts_may_be_numpy_integers_and_the_seed_is_checked() -> None:
    model, x = _series()
    ig = integrated_gradients(model, x, 1, steps=np.int64(4), batch_size=np.int64(5))
    torch.testing.assert_close(ig.relevance, integrated_gradients(model, x, 1, steps=4).relevance)
    ex = lrp(model, x, 1)
    torch.testing.assert_close(
        deletion_curve(model, x, ex, steps=np.int64(2)), deletion_curve(model, x, ex, steps=2)
    )
    with pytest.raises(ValueError, match=r"^`steps` must be an integer >= 0, got -1\.$"):
        deletion_curve(model, x, ex, steps=-1)
    with pytest.raises(ValueError, match=r"^`steps` must be a positive integer, got 0\.$"):
        integrated_gradients(model, x, 1, steps=0)
    torch.testing.assert_close(
        random_relevance(model, x, seed=np.int64(3)).relevance,
        random_relevance(model, x, seed=3).relevance,
    )
    with pytest.raises(
        TypeError, match=r"^`seed` must be an integer, got 'a' \(a number, not text\)\.$"
    ):
        random_relevance(model, x, seed="a")


@pytest.mark.parametrize("method", METHODS)
def test_inputs_on_another_device_are_named(method) -> None:
    model, x = _series()
    tokens_model = TextClassifier(20, 4, 3, 2)
    expected = (
        "`inputs` is on device meta, but the model's parameters are on cpu; move them to one "
        "device (e.g. `inputs.to('cpu')`)."
    )
    for m, inputs in ((model, x.to("meta")), (tokens_model, torch.ones(2, 3, dtype=torch.long))):
        with pytest.raises(RuntimeError) as err:
            explain(m, inputs.to("meta"), 0, method=method)
        assert str(err.value) == expected
    ex = lrp(model, x, 1)
    with pytest.raises(RuntimeError) as err:
        deletion_curve(model, x.to("meta"), ex)
    assert str(err.value) == expected


def test_deletion_needs_a_number_at_every_valid_step() -> None:
    model, x = _series()
    ex = gradient_x_input(model, x, 1, lengths=[5, 2, 5])
    rel = ex.relevance.clone()
    rel[1, 3] = float("nan")  # padding: ignored
    ok = type(ex)(rel, None, ex.score, ex.target, ex.initial_state, ex.lengths, "hand")
    assert deletion_curve(model, x, ok, steps=1).isfinite().all()
    rel[2, 0] = rel[2, 4] = rel[0, 1] = float("nan")
    bad = type(ex)(rel, None, ex.score, ex.target, ex.initial_state, ex.lengths, "hand")
    with pytest.raises(ValueError) as err:
        deletion_curve(model, x, bad, steps=1, by="magnitude")
    assert str(err.value) == (
        "`explanation.relevance` must be a number at every valid step to order the deletions, "
        "got NaN at 3 steps of sequences [0, 2]."
    )
    rel[2, 0] = rel[2, 4] = 0.0  # one step of one sequence: said in the singular (msg35)
    bad = type(ex)(rel, None, ex.score, ex.target, ex.initial_state, ex.lengths, "hand")
    with pytest.raises(ValueError) as err:
        deletion_curve(model, x, bad, steps=1)
    assert str(err.value) == (
        "`explanation.relevance` must be a number at every valid step to order the deletions, "
        "got NaN at 1 step of sequence [0]."
    )


def test_compare_takes_one_method_name() -> None:
    model, x = _series()
    one = compare(model, x, 1, methods="gradxinput", steps=2)
    assert list(one.aopc) == ["gradxinput"]
    assert one.aopc == compare(model, x, 1, methods=["gradxinput"], steps=2).aopc


@pytest.mark.parametrize("method", ["gradxinput", "sensitivity", "ig"])
def test_gradient_methods_name_inference_mode(method) -> None:
    model, x = _series()
    with torch.no_grad():  # enable_grad inside undoes no_grad
        expected = explain(model, x, 1, method=method).relevance
    torch.testing.assert_close(expected, explain(model, x, 1, method=method).relevance)
    with torch.inference_mode(), pytest.raises(RuntimeError) as err:
        explain(model, x, 1, method=method)
    assert str(err.value) == (
        f"method {method!r} takes gradients, which torch.inference_mode() turns off; call it "
        "outside that block (under torch.no_grad() it works)."
    )
    with torch.inference_mode():  # the others need no gradient
        assert explain(model, x, 1, method="occlusion").relevance.shape == (3, 5)
        assert explain(model, x, 1, method="lrp").relevance.shape == (3, 5)


class _PerStep(nn.Module):
    """A head on every step's output: ``[B, T, C]`` scores."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = lnn.LSTM(2, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor, lengths=None) -> torch.Tensor:
        return self.head(self.rnn(x)[0])


class _LastStep(nn.Module):
    """``_PerStep`` read at its last step, sharing its `rnn` and `head` (so lrp can walk it)."""

    def __init__(self, net: _PerStep) -> None:
        super().__init__()
        self.rnn, self.head = net.rnn, net.head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, -1])


@pytest.mark.parametrize("method", METHODS)
def test_an_output_per_time_step_is_refused_naming_its_shape(method) -> None:
    """A ``[B, T, C]`` output was flattened to ``[B, T*C]``: ``target=1`` explained class 1 of
    the first step, ``target=3`` class 1 of the second, and lrp failed its output check."""
    torch.manual_seed(0)
    net = _PerStep().double()
    x = torch.randn(3, 5, 2, dtype=torch.float64)
    for target in (1, 3, None):
        with pytest.raises(ValueError) as err:
            explain(net, x, target, method=method)
        assert str(err.value) == (
            "the explained model must return scores of shape [B] or [B, C] (B = 3 sequences), "
            "got shape (3, 5, 2) from _PerStep. An output per time step ([B, T, C]) has no one "
            "score per sequence to explain; wrap the model in an nn.Module whose forward "
            "returns the step to explain, e.g. `model(x)[:, -1]` for the last one (for lrp, a "
            "wrapper with the model's `rnn` and `head` as its own submodules)."
        )
    with pytest.raises(ValueError, match=r"got shape \(3, 5, 2\) from _PerStep"):
        deletion_curve(net, x, lrp(_LastStep(net), x, 1))
    # the wrapper the message suggests explains the last step's class 1
    with torch.no_grad():
        expected = net(x)[:, -1, 1]
    ex = explain(_LastStep(net), x, 1, method=method)
    torch.testing.assert_close(ex.score, expected, rtol=1e-12, atol=1e-12)
    assert ex.target.tolist() == [1, 1, 1]


def test_lrp_of_the_last_step_of_a_per_step_model_conserves() -> None:
    torch.manual_seed(1)
    net = _PerStep().double()
    x = torch.randn(2, 4, 2, dtype=torch.float64)
    ex = lrp(_LastStep(net), x, 0, bias_factor=1.0)
    with torch.no_grad():
        torch.testing.assert_close(ex.score, net(x)[:, -1, 0], rtol=1e-12, atol=1e-12)
    torch.testing.assert_close(ex.residual, torch.zeros(2, dtype=torch.float64), atol=1e-9, rtol=0)
    assert bool((ex.relevance.abs() > 1e-6).all())


def test_a_scalar_output_is_refused_and_one_score_per_sequence_is_target_0() -> None:
    model, x = _series()

    class Total(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.net = model

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.net(x).sum()  # one number for the whole batch

    with pytest.raises(ValueError) as err:
        gradient_x_input(Total(), x)
    assert str(err.value) == (
        "the explained model must return scores of shape [B] or [B, C] (B = 3 sequences), got "
        "shape () from Total."
    )
    # a [B] output is one score per sequence, target 0
    ex = gradient_x_input(_Scalar(model), x)
    torch.testing.assert_close(ex.score, _f(model, x), rtol=1e-12, atol=1e-12)


class _Scalar(nn.Module):
    """The class-1 score alone, ``[B]``."""

    def __init__(self, net: nn.Module) -> None:
        super().__init__()
        self.net = net

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)[:, 1]


class _NoLengths(nn.Module):
    """``_Series`` with a forward that takes no ``lengths``."""

    def __init__(self, net: _Series) -> None:
        super().__init__()
        self.rnn, self.head = net.rnn, net.head

    def forward(self, x):
        return self.head(self.rnn(x)[1][-1])


@pytest.mark.parametrize("method", METHODS)
def test_lengths_for_a_model_that_takes_none_are_refused_naming_both(method) -> None:
    """It raised Python's bare "forward() got an unexpected keyword argument 'lengths'"."""
    series, x = _series()
    model = _NoLengths(series)
    expected = (
        "`lengths` needs a model whose forward takes a `lengths` argument (it is called as "
        "`model(inputs, lengths=lengths)`), got _NoLengths with forward(x). _NoLengths reads "
        "every step, padding included: pass lengths=None to explain that, or give its forward "
        "a `lengths` argument."
    )
    for lengths in ([5, 3, 5], [5, 5, 5]):
        with pytest.raises(TypeError) as err:
            explain(model, x, 1, method=method, lengths=lengths)
        assert str(err.value) == expected
    # without lengths it is explained as the model it wraps, which reads all steps too
    torch.testing.assert_close(
        explain(model, x, 1, method=method).relevance,
        explain(series, x, 1, method=method).relevance,
        rtol=1e-12,
        atol=1e-12,
    )


def test_lrp_without_its_output_check_refuses_lengths_the_model_cannot_take() -> None:
    """``check=False`` never calls the model: it explained the padded sequence as if the model
    stopped at its length (score 0.2536 of sequence 1, where the model gives 0.3735)."""
    series, x = _series()
    model = _NoLengths(series)
    with pytest.raises(TypeError, match=r"^`lengths` needs a model whose forward takes a `len"):
        lrp(model, x, 1, lengths=[5, 3, 5], check=False)
    ex = lrp(model, x, 1, check=False)
    torch.testing.assert_close(ex.score, _f(series, x), rtol=1e-12, atol=1e-12)
    # deletion curves pass the explanation's lengths to the model as well
    padded = lrp(series, x, 1, lengths=[5, 3, 5])
    with pytest.raises(TypeError, match=r"got _NoLengths with forward\(x\)\. _NoLengths reads"):
        deletion_curve(model, x, padded)


def test_a_forward_with_keyword_arguments_receives_lengths() -> None:
    series, x = _series()

    class Keywords(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn, self.head = series.rnn, series.head

        def forward(self, x, **kwargs):
            return _Series.forward(self, x, **kwargs)

    model = Keywords()
    for method in ("lrp", "gradxinput"):
        torch.testing.assert_close(
            explain(model, x, 1, method=method, lengths=[5, 2, 4]).relevance,
            explain(series, x, 1, method=method, lengths=[5, 2, 4]).relevance,
            rtol=1e-12,
            atol=1e-12,
        )


@pytest.mark.parametrize("method", [m for m in METHODS if m != "lrp"])
def test_a_time_major_model_is_refused_with_the_reason(method) -> None:
    """A time-major ``rnn`` reads ``[B, T, F]`` as ``[T, B, F]`` and returns a row per *step*:
    gradxinput and random returned 4 scores for 2 sequences, occlusion a torch gather error.
    (lrp's output check says the same, as a RuntimeError: tests/explain/test_lrp.py.)"""

    class TimeMajor(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn = nn.LSTM(3, 5)
            self.head = nn.Linear(5, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.head(self.rnn(x)[1][0][-1])

    torch.manual_seed(0)
    with pytest.raises(ValueError) as err:
        explain(TimeMajor().double(), torch.randn(2, 4, 3, dtype=torch.float64), 1, method=method)
    assert str(err.value) == (
        "the explained model must return scores of shape [B] or [B, C] (B = 2 sequences), got "
        "shape (4, 2) from TimeMajor. Its `rnn` has batch_first=False, so unless forward() "
        "transposes `inputs` it reads [B, T, ...] = (2, 4, 3) as [T, B, ...]; build it with "
        "batch_first=True."
    )


class _Printer:
    """Collects what an object's ``_repr_pretty_`` gives IPython's pretty printer."""

    def __init__(self) -> None:
        self.written = ""

    def text(self, text: str) -> None:
        self.written += text


def test_a_notebook_shows_a_comparison_as_its_table() -> None:
    # compare(...) as a cell's value showed "Faithfulness(curves={'lrp': tensor([...]), ..."
    result = Faithfulness(
        curves={"lrp": torch.tensor([1.0, 0.25, 0.0]), "random": torch.tensor([1.0, 0.75, 0.5])},
        aopc={"lrp": 0.625, "random": 0.375},
        aopc_std_error={"lrp": 0.125, "random": 0.0625},
    )
    table = (
        "| method | AOPC | ± s.e. | score after 1 / 2 deletions |\n"
        "|---|---|---|---|\n"
        "| lrp | 0.6250 | 0.1250 | 0.250 / 0.000 |\n"
        "| random | 0.3750 | 0.0625 | 0.750 / 0.500 |"
    )
    assert result.table() == table and result._repr_markdown_() == table  # Jupyter renders it
    printer = _Printer()
    result._repr_pretty_(printer, False)  # IPython's text
    assert printer.written == table

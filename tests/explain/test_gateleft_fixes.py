"""Gate traces and explanation plumbing: fixes of the gateleft review."""

from __future__ import annotations

import re

import pytest
import torch

import lstmkit
from lstmkit.explain.gates import plot_gates


def _lstm_trace(*shape: int, lengths: list[int] | None = None) -> lstmkit.nn.trace.Trace:
    torch.manual_seed(0)
    rnn = lstmkit.LSTM(3, 2, batch_first=True)
    with lstmkit.trace(rnn) as tr:
        if lengths is None:
            rnn(torch.randn(*shape, 3))
        else:
            rnn(torch.randn(*shape, 3), lengths=torch.tensor(lengths))
    return tr


def test_plot_gates_of_no_step_names_the_argument() -> None:
    """A trace of zero steps warned "Attempting to set identical low and high xlims" (an
    error under warnings-as-errors) and drew an empty figure."""
    entry = _lstm_trace(1, 0)["l0"]
    message = (
        "`gate_trace` must hold at least one time step of sequence 0 to draw, got none (the "
        "trace has no time step)."
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        plot_gates(entry)
    with pytest.raises(ValueError, match=re.escape(message)):
        entry.plot()


class _Gates(dict):
    lengths = None


def test_plot_gates_of_a_sequence_of_length_zero_names_the_argument() -> None:
    entry = _Gates(f=torch.rand(2, 4, 3))
    entry.lengths = torch.tensor([4, 0])
    plot_gates(entry, sample=0)  # the other sequence draws
    message = (
        "`gate_trace` must hold at least one time step of sequence 1 to draw, got none (its "
        "length is 0 of 4 steps)."
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        plot_gates(entry, sample=1)


@pytest.fixture(scope="module")
def ensemble_forecaster():
    from lstmkit.data import load_dataset
    from lstmkit.forecast import Forecaster, ForecasterConfig

    config = ForecasterConfig(horizon=2, lookback=6, ensemble=3, epochs=1, hidden_size=3)
    return Forecaster(config).fit(load_dataset("airline")[:48])


def _member_calls(forecaster, run) -> list[int]:
    """How often each member of ``forecaster`` was called while ``run()`` ran."""
    calls = [0] * len(forecaster.members_)
    handles = [
        net.register_forward_hook(lambda *_, k=k: calls.__setitem__(k, calls[k] + 1))
        for k, net in enumerate(forecaster.members_)
    ]
    try:
        run()
    finally:
        for handle in handles:
            handle.remove()
    return calls


@pytest.mark.parametrize("method", ["gradxinput", "sensitivity", "lrp"])
def test_explaining_an_ensemble_forecaster_calls_each_member_once(
    ensemble_forecaster, method
) -> None:
    """gradxinput and sensitivity called every member twice: once without gradient for the
    target and score, once more for the gradient."""
    from lstmkit.explain.forecast import explain_forecast

    calls = _member_calls(
        ensemble_forecaster, lambda: explain_forecast(ensemble_forecaster, method=method)
    )
    assert calls == [1, 1, 1]


@pytest.mark.parametrize("method", ["gradxinput", "sensitivity"])
def test_gradient_methods_from_one_call_give_the_numbers_of_two(method) -> None:
    """The target, score and gradient of the one call are bit for bit those of a call without
    gradient for the score and another for the gradient, as before."""
    from lstmkit.explain import explain
    from lstmkit.text import TextClassifier

    torch.manual_seed(1)
    model = TextClassifier(30, 4, 5, 3, bidirectional=True).eval()
    x, lengths = torch.randint(1, 30, (4, 7)), torch.tensor([7, 5, 3, 1])
    ex = explain(model, x, method=method, lengths=lengths)
    with torch.no_grad():
        logits = model(x, lengths)
    target = logits.argmax(dim=1)
    e = model.embedding(x).detach().requires_grad_(True)
    handle = model.embedding.register_forward_hook(lambda *_: e)
    try:
        scores = model(x, lengths).gather(1, target[:, None]).squeeze(1)
    finally:
        handle.remove()
    (grad,) = torch.autograd.grad(scores.sum(), e)
    per_feature = grad**2 if method == "sensitivity" else grad * e.detach()
    per_feature = per_feature * (torch.arange(7)[None] < lengths[:, None])[:, :, None]
    assert torch.equal(ex.target, target)
    assert torch.equal(ex.score, logits.gather(1, target[:, None]).squeeze(1).double())
    assert torch.equal(ex.relevance_per_feature, per_feature.double())

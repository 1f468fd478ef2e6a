"""Explaining leaves the model as it was: modes of every submodule, weights, gradients."""

from __future__ import annotations

import pytest
import torch

import lstmkit
from lstmkit.explain import METHODS, compare, deletion_curve, explain, lrp
from lstmkit.text import ClassifierEnsemble, TextClassifier

TOKENS = torch.tensor([[3, 4, 5, 6], [7, 8, 0, 0]])
LENGTHS = torch.tensor([4, 2])


def _model() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(12, 4, 3, 2, dropout=0.5).double()


def _modes(model: torch.nn.Module) -> dict[str, bool]:
    return {name: m.training for name, m in model.named_modules()}


@pytest.mark.parametrize("method", METHODS)
def test_every_submodule_gets_its_own_mode_back(method: str) -> None:
    model = _model().train()
    model.embedding.eval()  # frozen by the caller, e.g. fine-tuning the rest
    before = _modes(model)
    explain(model, TOKENS, 1, method=method, lengths=LENGTHS)
    assert _modes(model) == before
    assert before[""] and not before["embedding"]
    model = _model().eval()
    model.head.train()  # and the other way round
    before = _modes(model)
    explain(model, TOKENS, 1, method=method, lengths=LENGTHS)
    assert _modes(model) == before


def test_deletion_curves_and_ensembles_restore_modes_too() -> None:
    model = _model().train()
    model.rnn.eval()
    before = _modes(model)
    deletion_curve(model, TOKENS, lrp(model, TOKENS, lengths=LENGTHS), steps=2)
    compare(model, TOKENS, lengths=LENGTHS, steps=1, methods=("gradxinput",))
    assert _modes(model) == before
    ensemble = ClassifierEnsemble([_model(), _model()]).train()
    ensemble.members[1].eval()
    before = _modes(ensemble)
    explain(ensemble, TOKENS, 0, method="lrp", lengths=LENGTHS)
    assert _modes(ensemble) == before


@pytest.mark.parametrize("method", METHODS)
def test_weights_gradients_and_requires_grad_are_untouched(method: str) -> None:
    model = _model().train()
    model.head.weight.requires_grad_(False)
    weights = {k: v.clone() for k, v in model.state_dict().items()}
    flags = {k: p.requires_grad for k, p in model.named_parameters()}
    ex = explain(model, TOKENS, 1, method=method, lengths=LENGTHS)
    assert all(torch.equal(v, model.state_dict()[k]) for k, v in weights.items())
    assert {k: p.requires_grad for k, p in model.named_parameters()} == flags
    assert all(p.grad is None for p in model.parameters())
    assert not ex.relevance.requires_grad
    assert torch.is_grad_enabled()


@pytest.mark.parametrize("method", METHODS)
def test_an_open_gate_trace_records_only_the_callers_calls(method: str) -> None:
    model = _model().eval()
    with lstmkit.trace(model) as tr:
        model(TOKENS, lengths=LENGTHS)
        ex = explain(model, TOKENS, 1, method=method, lengths=LENGTHS)
        deletion_curve(model, TOKENS, ex, steps=2)
        model(TOKENS[:1])  # tracing goes on after the explanation
    assert {key: len(tr.calls(key)) for key in tr} == {"rnn/l0": 2, "rnn/l0_reverse": 2}
    assert tr["rnn/l0"]["h"].shape == (1, 4, 3)  # the caller's last call, not a perturbed batch
    assert tr.calls("rnn/l0")[0]["h"].shape == (2, 4, 3)

"""Second-order gradients (create_graph=True) through the explicit LSTM path.

The explicit path's hand-written backward is not itself differentiable; under create_graph it
recomputes the forward with autograd, so gradient penalties and Hessian-vector products come out
as through torch.nn.LSTM.
"""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import LSTM

I, H, T, B = 2, 3, 4, 2


def _penalty_grads(module, x, lengths=None):
    """d/dθ of ||d loss / d x||², the gradient penalty of WGAN-GP and double backprop."""
    xx = x.clone().requires_grad_()
    out = module(xx)[0] if lengths is None else module(xx, lengths=lengths)[0]
    (g,) = torch.autograd.grad(out.pow(2).sum(), xx, create_graph=True)
    params = [p for _, p in sorted(module.named_parameters())]
    return torch.autograd.grad(g.pow(2).sum(), params)


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("num_layers", [1, 2])
def test_gradient_penalty_matches_torch(bidirectional, num_layers):
    torch.manual_seed(0)
    kw = dict(num_layers=num_layers, bidirectional=bidirectional, dtype=torch.float64)
    ref = torch.nn.LSTM(I, H, **kw)
    kit = LSTM(I, H, implementation="explicit", **kw)
    kit.load_state_dict(ref.state_dict())
    x = torch.randn(T, B, I, dtype=torch.float64)
    for a, b in zip(_penalty_grads(ref, x), _penalty_grads(kit, x), strict=True):
        torch.testing.assert_close(a, b, rtol=1e-10, atol=1e-12)


def test_gradient_penalty_with_lengths_matches_the_explicit_path_of_each_sequence():
    torch.manual_seed(1)
    kit = LSTM(I, H, implementation="explicit", dtype=torch.float64)
    x = torch.randn(T, B, I, dtype=torch.float64)
    lengths = torch.tensor([4, 2])
    got = _penalty_grads(kit, x, lengths)
    # the same penalty summed over each sequence run alone at its own length
    want = [torch.zeros_like(p) for p in got]
    for b, n in enumerate(lengths.tolist()):
        for w, g in zip(want, _penalty_grads(kit, x[:n, b : b + 1]), strict=True):
            w += g
    for a, b in zip(got, want, strict=True):
        torch.testing.assert_close(a, b, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("peephole", [False, True])
def test_gradgradcheck_through_the_explicit_path(peephole):
    torch.manual_seed(2)
    kit = LSTM(I, H, peephole=peephole, implementation="explicit", dtype=torch.float64)
    x = torch.randn(3, 2, I, dtype=torch.float64, requires_grad=True)
    h0 = torch.randn(1, 2, H, dtype=torch.float64, requires_grad=True)
    c0 = torch.randn(1, 2, H, dtype=torch.float64, requires_grad=True)
    params = tuple(kit.parameters())

    def f(x, h0, c0, *weights):
        names = [n for n, _ in kit.named_parameters()]
        out, (h, c) = torch.func.functional_call(
            kit, dict(zip(names, weights, strict=True)), (x, (h0, c0))
        )
        return out, h, c

    assert torch.autograd.gradgradcheck(f, (x, h0, c0, *params))


def test_first_order_backward_keeps_the_fast_path():
    # without create_graph, the hand-written backward runs (no graph on the gradients)
    kit = LSTM(I, H, implementation="explicit", dtype=torch.float64)
    x = torch.randn(T, B, I, dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(kit(x)[0].sum(), x)
    assert g.grad_fn is None and not g.requires_grad

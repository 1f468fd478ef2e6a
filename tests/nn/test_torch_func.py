"""torch.func transforms (grad, vmap, jacrev, jvp) through every path of the layers.

The explicit LSTM path has a hand-written backward that torch.func cannot enter; under a
transform the layer runs the same recurrence in plain operations instead. Per-sample gradients
(vmap over grad, as in DP-SGD) must equal one autograd backward per sample.
"""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM

I, H, T, B = 2, 3, 4, 3

CASES = {
    "lstm explicit": lambda: LSTM(I, H, implementation="explicit", dtype=torch.float64),
    "lstm fused": lambda: LSTM(I, H, implementation="fused", dtype=torch.float64),
    "peephole": lambda: LSTM(I, H, peephole=True, dtype=torch.float64),
    "gru explicit": lambda: GRU(I, H, implementation="explicit", dtype=torch.float64),
    "lstm 2 layers bidirectional": lambda: LSTM(
        I, H, num_layers=2, bidirectional=True, implementation="explicit", dtype=torch.float64
    ),
}


def _loss(module, params, x):
    out, _ = torch.func.functional_call(module, params, (x.unsqueeze(1),))  # [T, 1, I]
    return out.pow(2).sum() + out[-1].sum()


@pytest.mark.filterwarnings("ignore:There is a performance drop:UserWarning")  # fused under vmap
@pytest.mark.parametrize("case", CASES)
def test_per_sample_gradients_match_autograd(case):
    torch.manual_seed(0)
    module = CASES[case]()
    params = {k: v.detach() for k, v in module.named_parameters()}
    x = torch.randn(B, T, I, dtype=torch.float64)
    got = torch.func.vmap(torch.func.grad(lambda p, xb: _loss(module, p, xb)), in_dims=(None, 0))(
        params, x
    )
    for b in range(B):
        module.zero_grad()
        out, _ = module(x[b].unsqueeze(1))
        (out.pow(2).sum() + out[-1].sum()).backward()
        for name, p in module.named_parameters():
            torch.testing.assert_close(got[name][b], p.grad, rtol=1e-10, atol=1e-12)


# torch's own jvp decompositions load through torch.jit.script, which warns on import
@pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated:DeprecationWarning")
@pytest.mark.parametrize("peephole", [False, True])
def test_jacrev_and_jvp_match_finite_differences(peephole):
    torch.manual_seed(1)
    module = LSTM(I, H, peephole=peephole, implementation="explicit", dtype=torch.float64)
    x = torch.randn(T, 1, I, dtype=torch.float64)
    f = lambda z: module(z)[0]  # noqa: E731
    jac = torch.func.jacrev(f)(x)  # [T, 1, H, T, 1, I]
    eps = 1e-6
    for t, i in [(0, 0), (2, 1), (3, 0)]:
        dx = torch.zeros_like(x)
        dx[t, 0, i] = eps
        fd = (f(x + dx) - f(x - dx)) / (2 * eps)
        torch.testing.assert_close(jac[..., t, 0, i], fd, rtol=1e-6, atol=1e-8)
        _, tangent = torch.func.jvp(f, (x,), (dx / eps,))
        torch.testing.assert_close(tangent, fd, rtol=1e-6, atol=1e-8)


def test_grad_with_lengths_equals_each_sequence_alone():
    torch.manual_seed(2)
    module = LSTM(I, H, implementation="explicit", dtype=torch.float64)
    params = {k: v.detach() for k, v in module.named_parameters()}
    x = torch.randn(T, 2, I, dtype=torch.float64)
    lengths = torch.tensor([4, 2])

    def loss(p):
        out, (h, _) = torch.func.functional_call(module, p, (x,), {"lengths": lengths})
        return out.pow(2).sum() + h.sum()

    got = torch.func.grad(loss)(params)
    want = {k: torch.zeros_like(v) for k, v in params.items()}
    for b, n in enumerate(lengths.tolist()):
        module.zero_grad()
        out, (h, _) = module(x[:n, b : b + 1])
        (out.pow(2).sum() + h.sum()).backward()
        for name, p in module.named_parameters():
            want[name] += p.grad
    for name in params:
        torch.testing.assert_close(got[name], want[name], rtol=1e-10, atol=1e-12)


def test_outside_a_transform_the_hand_written_backward_runs():
    module = LSTM(I, H, implementation="explicit", dtype=torch.float64)
    out, _ = module(torch.randn(T, 1, I, dtype=torch.float64, requires_grad=True))
    assert type(out.grad_fn).__name__ == "_LSTMScanBackward"

"""torch.func transforms (grad, vmap, jacrev, jvp) through every path of the layers.

The explicit LSTM path has a hand-written backward that torch.func cannot enter; under a
transform the layer runs the same recurrence in plain operations instead. Per-sample gradients
(vmap over grad, as in DP-SGD) must equal one autograd backward per sample.
"""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM

# torch's own jvp decompositions load through torch.jit.script, which warns on import: the first
# forward-mode test a worker runs (whichever it is) sees the warning, an error under
# filterwarnings=error, so the filter is module-wide
pytestmark = pytest.mark.filterwarnings(
    "ignore:`torch.jit.script` is deprecated"  # a DeprecationWarning, a FutureWarning in 2.14
)

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


def _tangents(module, x, dx, **kwargs):
    import torch.autograd.forward_ad as fwAD

    with fwAD.dual_level():
        out, (h, c) = module(fwAD.make_dual(x, dx), **kwargs)
        return [fwAD.unpack_dual(t).tangent for t in (out, h, c)]


@pytest.mark.parametrize(
    ("impl", "lengths"),
    [("explicit", None), ("fused", None), ("explicit", [4, 2, 3]), ("auto", [4, 2, 3])],
)
def test_forward_mode_ad_matches_torch(impl, lengths):
    # torch.autograd.forward_ad used to stop the explicit path with "You must implement the
    # jvp function for custom autograd.Function", and the default path with lengths in
    # PyTorch's packing, which has no forward derivative ("auto" now runs explicit there).
    torch.manual_seed(3)
    ours = LSTM(I, H, num_layers=2, bidirectional=True, implementation=impl, dtype=torch.float64)
    theirs = torch.nn.LSTM(I, H, num_layers=2, bidirectional=True, dtype=torch.float64)
    theirs.load_state_dict(ours.state_dict())
    x, dx = torch.randn(2, T, B, I, dtype=torch.float64).unbind(0)
    got = _tangents(ours, x, dx, lengths=lengths)
    for b, n in enumerate(lengths or [T] * B):  # torch, one sequence at a time, unpadded
        want = _tangents(theirs, x[:n, b : b + 1], dx[:n, b : b + 1])
        torch.testing.assert_close(got[0][:n, b : b + 1], want[0], rtol=1e-10, atol=1e-12)
        assert got[0][n:, b].abs().sum() == 0  # padded steps: zero output, zero tangent
        for g, w in zip(got[1:], want[1:], strict=True):
            assert w.abs().sum() > 0
            torch.testing.assert_close(g[:, b : b + 1], w, rtol=1e-10, atol=1e-12)


def _jvp_with_lengths(module, x, dx):
    return torch.func.jvp(lambda z: module(z, lengths=[4, 2, 3])[0], (x,), (dx,))[1]


@pytest.mark.parametrize("cls", [LSTM, GRU])
def test_jvp_with_lengths_runs_on_auto_and_fused_says_why_not(cls):
    torch.manual_seed(5)
    x, dx = torch.randn(2, T, B, I, dtype=torch.float64).unbind(0)
    auto = cls(I, H, dtype=torch.float64)
    explicit = cls(I, H, implementation="explicit", dtype=torch.float64)
    explicit.load_state_dict(auto.state_dict())
    got, want = _jvp_with_lengths(auto, x, dx), _jvp_with_lengths(explicit, x, dx)
    assert want.abs().sum() > 0
    torch.testing.assert_close(got, want, rtol=1e-12, atol=1e-14)
    fused = cls(I, H, implementation="fused", dtype=torch.float64)
    with pytest.raises(RuntimeError) as err:
        _jvp_with_lengths(fused, x, dx)
    assert str(err.value) == (
        "`implementation='fused'` cannot run forward-mode AD with variable lengths: "
        "PyTorch's packed sequences have no forward derivative. Use "
        "implementation='auto' or 'explicit'."
    )
    _, full = torch.func.jvp(lambda z: fused(z)[0], (x,), (dx,))  # without lengths it runs
    assert full.abs().sum() > 0


def test_forward_mode_ad_through_peepholes_matches_finite_differences():
    import torch.autograd.forward_ad as fwAD

    torch.manual_seed(4)
    module = LSTM(I, H, peephole=True, dtype=torch.float64)
    x, dx = torch.randn(2, T, B, I, dtype=torch.float64).unbind(0)
    with fwAD.dual_level():
        tangent = fwAD.unpack_dual(module(fwAD.make_dual(x, dx))[0]).tangent
    eps = 1e-6
    fd = (module(x + eps * dx)[0] - module(x - eps * dx)[0]) / (2 * eps)
    torch.testing.assert_close(tangent, fd.detach(), rtol=1e-6, atol=1e-8)


@pytest.mark.filterwarnings("ignore:There is a performance drop:UserWarning")
@pytest.mark.parametrize(
    "make",
    [
        lambda: LSTM(I, H, dtype=torch.float64),
        lambda: LSTM(I, H, peephole=True, dtype=torch.float64),
        lambda: LSTM(I, H, num_layers=2, bidirectional=True, dtype=torch.float64),
        lambda: GRU(I, H, bidirectional=True, dtype=torch.float64),
    ],
    ids=["lstm", "peephole", "lstm-2-bi", "gru-bi"],
)
def test_per_sample_gradients_with_per_sample_lengths(make):
    # DP-SGD on padded text: vmap(grad) with each sample's own length. The range check and
    # the packing read the lengths' values, which vmap has not got ("data-dependent control
    # flow"); "auto" now runs the explicit path, which masks by tensor operations.
    torch.manual_seed(6)
    module = make()
    x = torch.randn(B, T, 1, I, dtype=torch.float64)  # per sample [T, 1, I], padded
    lengths = torch.tensor([[4], [2], [3]])

    def per_sample_grads(m):
        def loss(p, xi, li):
            out, state = torch.func.functional_call(m, p, (xi,), {"lengths": li})
            h = state[0] if isinstance(state, tuple) else state
            return out.pow(2).sum() + h.sum()

        p = {k: v.detach() for k, v in m.named_parameters()}
        return torch.func.vmap(torch.func.grad(loss), in_dims=(None, 0, 0))(p, x, lengths)

    got = per_sample_grads(module)
    for b, n in enumerate(lengths[:, 0].tolist()):
        module.zero_grad()
        out, state = module(x[b, :n])
        h = state[0] if isinstance(state, tuple) else state
        (out.pow(2).sum() + h.sum()).backward()
        for name, p in module.named_parameters():
            torch.testing.assert_close(got[name][b], p.grad, rtol=1e-10, atol=1e-12)
    with pytest.raises(RuntimeError) as err:
        per_sample_grads(type(module)(I, H, implementation="fused", dtype=torch.float64))
    assert str(err.value) == (
        "`implementation='fused'` cannot take `lengths` that vary under vmap: PyTorch packs "
        "sequences by their lengths' values. Use implementation='auto' or 'explicit'."
    )


@pytest.mark.parametrize("cls", [LSTM, GRU])
def test_plain_vmap_runs_auto_on_the_explicit_path(cls):
    """vmap without grad (a batch of unbatched sequences; an ensemble of stacked weights): the
    fused kernels have no batching rule, and "auto" failed with PyTorch's "Batching rule not
    implemented for aten::lstm.input" (as torch.nn.LSTM does). Under vmap(grad) they ran one
    sample at a time with a "performance drop" warning, an error under filterwarnings=error."""
    torch.manual_seed(7)
    module = cls(I, H, num_layers=2, bidirectional=True, dtype=torch.float64)
    x = torch.randn(B, T, I, dtype=torch.float64)  # B unbatched sequences [T, I]
    got = torch.func.vmap(lambda xi: module(xi)[0])(x)
    torch.testing.assert_close(got, torch.stack([module(xi)[0] for xi in x]), rtol=0, atol=1e-14)
    members = [cls(I, H, dtype=torch.float64) for _ in range(2)]
    params, buffers = torch.func.stack_module_state(members)
    xb = x.transpose(0, 1)  # [T, B, I]
    got = torch.func.vmap(lambda p, b: torch.func.functional_call(members[0], (p, b), (xb,))[0])(
        params, buffers
    )
    for k, member in enumerate(members):
        torch.testing.assert_close(got[k], member(xb)[0], rtol=0, atol=1e-14)
    grads = torch.func.vmap(torch.func.grad(lambda xi: module(xi)[0].sum()))(x)  # no warning
    assert grads.shape == x.shape

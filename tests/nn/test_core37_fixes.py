"""core37: left-overs in the recurrent core (explicit-path dropout with lengths, hooks under a
gate trace, summary of a layer with an ordinary child module)."""

from __future__ import annotations

import pytest
import torch

import lstmkit
from lstmkit.nn import GRU, LSTM

DT = torch.float64
# torch's own jvp decompositions load through torch.jit.script, which warns on first use
# (as in test_torch_func.py)
_JVP_SCRIPT = pytest.mark.filterwarnings("ignore:`torch.jit.script` is deprecated")


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("kind", [LSTM, GRU])
def test_the_explicit_path_drops_the_fused_paths_values_with_lengths(kind, bidirectional) -> None:
    # In training with `lengths`, the explicit path drew its dropout between layers on the
    # padded output, the fused kernel on the packed real steps: under one seed a 3-layer
    # LSTM's outputs differed by 0.04 (0.10 bidirectional), a GRU's by 0.47 (0.53).
    torch.manual_seed(0)
    fused, explicit = (
        kind(
            3,
            5,
            num_layers=3,
            dropout=0.4,
            bidirectional=bidirectional,
            dtype=DT,
            implementation=impl,
        )
        for impl in ("fused", "explicit")
    )
    explicit.load_state_dict(fused.state_dict())
    x = torch.randn(6, 4, 3, dtype=DT)
    lengths = [6, 2, 4, 4]
    results = []
    for layer in (fused, explicit):
        torch.manual_seed(1)
        out = layer(x, lengths=lengths)[0]
        out.pow(2).sum().backward()
        results.append((out, [p.grad for p in layer.parameters()], torch.rand(3)))
    (out_f, grads_f, after_f), (out_e, grads_e, after_e) = results
    torch.testing.assert_close(out_e, out_f, rtol=0, atol=1e-12)
    for g_e, g_f in zip(grads_e, grads_f, strict=True):
        torch.testing.assert_close(g_e, g_f, rtol=0, atol=1e-10)
    assert torch.equal(after_e, after_f)  # the same draws left to the caller
    assert torch.equal(out_e[2:, 1], torch.zeros(4, out_e.shape[-1]))  # padding stays zero


@_JVP_SCRIPT
def test_forward_mode_ad_with_lengths_drops_as_the_fused_path() -> None:
    # "auto" runs the explicit path under forward-mode AD with lengths; its dropout draws on
    # packed ones, not on the dual output (packing has no forward derivative)
    import torch.autograd.forward_ad as fwAD

    torch.manual_seed(0)
    layer = LSTM(3, 4, num_layers=2, dropout=0.5, dtype=DT)
    x = torch.randn(5, 2, 3, dtype=DT)
    torch.manual_seed(3)
    want = layer(x, lengths=[5, 3])[0]  # the fused kernel
    with fwAD.dual_level():
        torch.manual_seed(3)
        out, tangent = fwAD.unpack_dual(
            layer(fwAD.make_dual(x, torch.ones_like(x)), lengths=[5, 3])[0]
        )
    torch.testing.assert_close(out, want, rtol=0, atol=1e-12)
    assert torch.equal(tangent[3:, 1], torch.zeros(2, 4))


@_JVP_SCRIPT
def test_torch_func_jvp_with_lengths_and_dropout_still_runs() -> None:
    # under torch.func the explicit path draws on the padded output: packing a functorch
    # wrapper failed ("Cannot access data pointer of Tensor that doesn't have storage")
    torch.manual_seed(0)
    layer = LSTM(3, 4, num_layers=2, dropout=0.5, dtype=DT)
    x = torch.randn(5, 2, 3, dtype=DT)
    out, tangent = torch.func.jvp(
        lambda x: layer(x, lengths=[5, 3])[0], (x,), (torch.ones_like(x),)
    )
    assert out.shape == tangent.shape == (5, 2, 4)
    assert torch.equal(out[3:, 1], torch.zeros(2, 4, dtype=DT))


@pytest.mark.parametrize("implementation", ["fused", "explicit"])
def test_hooks_on_a_traced_layer_run_as_outside_the_block(implementation) -> None:
    # A trace marks its layers and records from inside forward: the layers are called through
    # nn.Module.__call__, so a user's hooks run as outside the block (trace()'s docstring
    # said "Hooks are removed on exit", as if it set some of its own).
    torch.manual_seed(0)
    layer = LSTM(3, 4, num_layers=2, batch_first=True, dtype=DT, implementation=implementation)
    x = torch.randn(2, 5, 3, dtype=DT, requires_grad=True)
    seen: list[object] = []
    traces: list[lstmkit.nn.Trace] = []

    def doubled(module, args):
        seen.append("pre")
        return (args[0] * 2, *args[1:])

    def keywords(module, args, kwargs):
        seen.append(("pre with kwargs", sorted(kwargs)))

    def shifted(module, args, out):
        # the call's trace is there already
        seen.append(("forward", list(traces[0]) if traces else None))
        return out[0] + 1, out[1]

    layer.register_forward_pre_hook(doubled)
    layer.register_forward_pre_hook(keywords, with_kwargs=True)
    layer.register_forward_hook(shifted)
    layer.register_full_backward_hook(lambda module, grad_in, grad_out: seen.append("backward"))
    outside = layer(x, lengths=[5, 3])[0]
    assert seen == ["pre", ("pre with kwargs", ["lengths"]), ("forward", None)]
    seen.clear()
    with lstmkit.trace(layer) as tr:
        traces.append(tr)
        out = layer(x, lengths=[5, 3])[0]
    out.sum().backward()
    assert seen == [
        "pre",
        ("pre with kwargs", ["lengths"]),
        ("forward", ["l0", "l1"]),
        "backward",
    ]
    assert torch.equal(out, outside)
    # the trace is of the doubled input and of the layer's own output, before the + 1
    bare = LSTM(3, 4, num_layers=2, batch_first=True, dtype=DT, implementation=implementation)
    bare.load_state_dict(layer.state_dict())
    with lstmkit.trace(bare) as want:
        own = bare(x.detach() * 2, lengths=[5, 3])[0]
    for key in ("l0", "l1"):
        for gate in "ifgoch":
            torch.testing.assert_close(tr[key][gate], want[key][gate], rtol=0, atol=1e-14)
    assert torch.equal(tr["l1"]["h"][0], own[0])
    assert torch.equal(out[0], own[0] + 1)


def test_an_ordinary_module_kept_in_a_layer_or_cell_has_a_row_of_its_own() -> None:
    # lstm.norm = nn.LayerNorm(4): its 8 parameters were in the layer's total without a row,
    # and the note under the table said only that the rows count 144 of 152
    from torch import nn

    from lstmkit.nn import LSTMCell

    torch.manual_seed(0)
    layer = LSTM(3, 4)
    layer.norm = nn.LayerNorm(4)
    s = lstmkit.summary(layer)
    assert s.rows[-1] == {
        "layer": "norm",
        "direction": "-",
        "gate": "-",
        "input": "-",
        "recurrent": "-",
        "bias": "-",
        "peephole": "-",
        "total": 8,
        "type": "LayerNorm",
    }
    assert sum(r["total"] for r in s.rows) == s.total == 152
    assert s.notes == []
    assert str(s).splitlines()[-3] == (
        "norm (LayerNorm)  -          -              -          -     -         -      8"
    )
    # nor is it a source of a parametrised weight
    nn.utils.parametrizations.weight_norm(layer, "weight_hh_l0")
    assert lstmkit.summary(layer).notes == [
        "LSTM: its rows count the 144 weights and biases its gates use, the total 160 of its "
        "parameters: weight_hh_l0 is computed from parametrizations.weight_hh_l0.original0 and "
        "parametrizations.weight_hh_l0.original1."
    ]
    cell = LSTMCell(3, 4)
    cell.head = nn.Linear(4, 2)
    s = lstmkit.summary(nn.Sequential(cell))
    assert [(r["layer"], r["total"]) for r in s.rows[4:]] == [("0.head", 10)]
    assert (s.total, s.notes) == (154, [])


@pytest.mark.parametrize("kind", [LSTM, GRU])
def test_torch_func_grad_with_lengths_runs_on_auto_and_fused_says_why_not(kind) -> None:
    # "auto" took the fused kernel under torch.func.grad with lengths and failed inside it,
    # "Cannot access data pointer of Tensor that doesn't have storage" (the README said
    # grad with lengths works: tested on "explicit" only)
    torch.manual_seed(0)
    auto = kind(3, 4, dtype=DT)
    explicit = kind(3, 4, dtype=DT, implementation="explicit")
    explicit.load_state_dict(auto.state_dict())
    x = torch.randn(4, 2, 3, dtype=DT)
    lengths = torch.tensor([4, 2])

    def gradients(module):
        params = {k: v.detach() for k, v in module.named_parameters()}

        def loss(p):
            out = torch.func.functional_call(module, p, (x,), {"lengths": lengths})[0]
            return out.pow(2).sum()

        return torch.func.grad(loss)(params)

    got, want = gradients(auto), gradients(explicit)
    for name, g in want.items():
        torch.testing.assert_close(got[name], g, rtol=0, atol=1e-14)
    fused = kind(3, 4, dtype=DT, implementation="fused")
    with pytest.raises(RuntimeError) as err:
        gradients(fused)
    assert str(err.value) == (
        "`implementation='fused'` cannot take `lengths` under torch.func's transforms (grad, "
        "jacrev, vjp, ...): PyTorch's kernel on packed sequences reads the tensors' storage, "
        "which a transform's wrapped tensors have not. Use implementation='auto' or 'explicit'."
    )
    # without lengths "fused" runs under grad, as before
    full = torch.func.grad(lambda p: torch.func.functional_call(fused, p, (x,))[0].sum())(
        {k: v.detach() for k, v in fused.named_parameters()}
    )
    assert full["weight_hh_l0"].abs().sum() > 0

"""revcore37: review of core37's recurrent-core fixes (lengths under torch.func transforms)."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM, _fused

DT = torch.float64


@pytest.mark.parametrize("kind", [LSTM, GRU])
@pytest.mark.parametrize("implementation", ["auto", "fused"])
def test_a_vmap_that_batches_nothing_of_the_call_keeps_the_kernel_with_lengths(
    kind, implementation, monkeypatch
) -> None:
    # A head vmapped over a shared encoder: nothing of the layer's call is batched, and the
    # kernel ran there with lengths. core37 counted any torch.func transform as one whose
    # wrapped tensors the packing cannot read: "fused" was refused ("cannot take `lengths`
    # under torch.func's transforms (grad, jacrev, vjp, ...)") and "auto" left the kernel.
    torch.manual_seed(0)
    encoder = kind(3, 4, num_layers=2, dtype=DT, implementation=implementation).eval()
    x = torch.randn(5, 2, 3, dtype=DT)
    lengths = torch.tensor([5, 3])
    heads = torch.randn(3, 4, dtype=DT)
    runs: list[bool] = []
    run = _fused.run

    def spy(*args, **kwargs):
        runs.append(True)
        return run(*args, **kwargs)

    monkeypatch.setattr(_fused, "run", spy)
    got = torch.func.vmap(lambda w: encoder(x, lengths=lengths)[0][-1] @ w)(heads)
    assert runs == [True]
    want = encoder(x, lengths=lengths)[0][-1] @ heads.T
    torch.testing.assert_close(got, want.T, rtol=0, atol=1e-14)
    # under grad, or vmap(grad), the kernel still is not run with lengths
    runs.clear()

    def loss(w):
        return (encoder(x, lengths=lengths)[0][-1] @ w).sum()

    if implementation == "auto":
        torch.func.vmap(torch.func.grad(loss))(heads)
        assert runs == []
    else:
        with pytest.raises(RuntimeError) as err:
            torch.func.vmap(torch.func.grad(loss))(heads)
        assert str(err.value) == (
            "`implementation='fused'` cannot take `lengths` under torch.func's transforms "
            "(grad, jacrev, vjp, ...): PyTorch's kernel on packed sequences reads the tensors' "
            "storage, which a transform's wrapped tensors have not. Use implementation='auto' "
            "or 'explicit'."
        )

"""revrevlm37: left37's dropout under a vmap that batches nothing of the layer's call uses a
private torch guard; a torch without it failed the call with an AttributeError on torch._C."""

from __future__ import annotations

import pytest
import torch


@pytest.mark.parametrize("name", ["_ExcludeDispatchKeyGuard", "DispatchKeySet"])
def test_dropout_under_a_vmap_that_batches_nothing_without_torchs_private_guard(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """left37 drew the kernel's mask there through torch._C._ExcludeDispatchKeyGuard, which
    torch has no public spelling of: without it the call failed with an AttributeError on
    torch._C; it draws under the vmap's rule, as where the vmap batches the call."""
    from lstmkit.nn import LSTM

    torch.manual_seed(0)
    lstm = LSTM(3, 4, num_layers=2, dropout=0.5, implementation="explicit")
    x, heads = torch.randn(5, 2, 3), torch.randn(2, 4)
    monkeypatch.delattr(torch._C, name)
    with pytest.raises(
        RuntimeError, match=r"^vmap: called random operation while in randomness error mode"
    ):
        torch.func.vmap(lambda w: lstm(x)[0] @ w)(heads)
    out = torch.func.vmap(lambda w: lstm(x)[0] @ w, randomness="same")(heads)
    assert out.shape == (2, 5, 2)
    lstm.eval()  # no dropout: nothing else needs the guard
    torch.testing.assert_close(
        torch.func.vmap(lambda w: lstm(x)[0] @ w)(heads), (lstm(x)[0] @ heads.T).movedim(-1, 0)
    )

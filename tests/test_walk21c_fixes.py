"""Fixes from a torch.nn user's walk through README "The recurrent core" (walk21c)."""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM

_NO_EXPORT_FLAG = not hasattr(torch.compiler, "is_exporting")  # torch < 2.6 cannot tell


@pytest.mark.skipif(_NO_EXPORT_FLAG, reason="torch.compiler.is_exporting came with torch 2.6")
@pytest.mark.parametrize("make", [LSTM, GRU], ids=["lstm", "gru"])
def test_torch_export_with_lengths_runs_the_explicit_path_under_auto(make):
    """torch.export of a default ("auto") layer called with `lengths` failed in PyTorch's
    packing, "Could not extract specialized integer from data-dependent expression u0", after
    printing the whole graph; it now exports the explicit path, which gives the eager values."""
    torch.manual_seed(0)
    module = make(3, 4, bidirectional=True, batch_first=True, dtype=torch.float64)
    x = torch.randn(3, 5, 3, dtype=torch.float64)
    lengths = torch.tensor([5, 2, 4])
    exported = torch.export.export(module, (x,), kwargs={"lengths": lengths}).module()
    out, state = exported(x, lengths=lengths)
    ref, ref_state = module(x, lengths=lengths)  # eager "auto": the fused kernel
    torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-14)
    for a, b in zip(
        state if isinstance(state, tuple) else (state,),
        ref_state if isinstance(ref_state, tuple) else (ref_state,),
        strict=True,
    ):
        torch.testing.assert_close(a, b, rtol=1e-12, atol=1e-14)
    assert not out[1, 2:].any()  # the padded steps of the sequence of 2 are 0


@pytest.mark.skipif(_NO_EXPORT_FLAG, reason="torch.compiler.is_exporting came with torch 2.6")
def test_torch_export_of_the_fused_path_with_lengths_is_refused_by_name():
    """implementation='fused' cannot pack lengths an export has no values for: it failed with
    PyTorch's GuardOnDataDependentSymNode; it is now refused as under forward-mode AD."""
    module = LSTM(3, 4, implementation="fused")
    x = torch.randn(5, 2, 3)
    with pytest.raises(RuntimeError) as err:
        torch.export.export(module, (x,), kwargs={"lengths": torch.tensor([5, 3])})
    assert str(err.value) == (
        "`implementation='fused'` cannot take `lengths` under torch.export: PyTorch packs "
        "sequences by their lengths' values, which an export does not have. Use "
        "implementation='auto' or 'explicit'."
    )

"""mendx39: the explain changes' read-through, behaviour unchanged."""

from __future__ import annotations

import warnings

import pytest
import torch

from lstmkit.explain._blown import not_finite_inputs


def test_not_finite_inputs_names_the_first_entry_without_listing_every_one(monkeypatch) -> None:
    # nonzero() on the [B, T, F] mask listed every bad entry, [N, 3] int64 (1.2 GB for an
    # all-NaN [1000, 500, 100]), to read its first row and its length
    listed = torch.Tensor.nonzero

    def one_dim_only(self, *args, **kwargs):
        if self.dim() > 1:
            raise AssertionError(f"nonzero() on a {tuple(self.shape)} mask")
        return listed(self, *args, **kwargs)

    monkeypatch.setattr(torch.Tensor, "nonzero", one_dim_only)
    x = torch.zeros(3, 4, 5)
    x[2, 0, 0] = float("inf")
    x[1, 2, 3] = float("nan")  # the first in row-major order, though set second
    x[1, 3, 4] = float("nan")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = not_finite_inputs(x, None)
    assert rows.tolist() == [False, True, True]
    assert [str(w.message) for w in caught] == [
        "`inputs` hold NaN at 2 and inf at 1 entries of 2 sequences [1, 2] (the first at "
        "sequence 1, step 2, feature 3): their relevances are NaN or say nothing of them, "
        "a NaN's score NaN too; fill them first, e.g. "
        "torch.nan_to_num(inputs, nan=0.0, posinf=0.0, neginf=0.0)."
    ]


@pytest.mark.parametrize("at", [(0, 0, 0), (2, 3, 4)])
def test_not_finite_inputs_one_entry_at_either_end(at) -> None:
    x = torch.zeros(3, 4, 5)
    x[at] = float("nan")
    with pytest.warns(UserWarning) as caught:
        not_finite_inputs(x, None)
    assert [str(w.message) for w in caught] == [
        f"`inputs` hold NaN at 1 entry of sequence [{at[0]}] (the first at sequence {at[0]}, "
        f"step {at[1]}, feature {at[2]}): its score and relevances are NaN; fill them first, "
        "e.g. torch.nan_to_num(inputs, nan=0.0, posinf=0.0, neginf=0.0)."
    ]


@pytest.mark.parametrize("method", ["gradxinput", "ig", "occlusion"])
def test_an_ensembles_inf_inputs_are_looked_at_once_not_per_member(monkeypatch, method) -> None:
    # each member's _result built the isfinite mask (a pass, and a device sync) inside
    # inputs_checked(), where it warned of nothing, and threw it away; explain() looks once
    from lstmkit.explain import baselines, explain

    from .test_revexbase39_fixes import INF, _inputs, _Pair

    looked: list[tuple[int, ...]] = []
    real = baselines.not_finite_inputs

    def counted(inputs, lengths, name="inputs"):
        looked.append(tuple(inputs.shape))
        return real(inputs, lengths, name)

    monkeypatch.setattr(baselines, "not_finite_inputs", counted)
    x = _inputs()
    x[1, 4, 0] = float("inf")
    with pytest.warns(UserWarning) as caught:
        explain(_Pair().double(), x, 0, method=method)
    assert [str(w.message) for w in caught] == [INF]
    assert looked == [(3, 5, 2)]

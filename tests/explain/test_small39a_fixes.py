"""small39a: the entry count of the not-finite warning has its thousands separator."""

from __future__ import annotations

import pytest
import torch

from lstmkit.explain._blown import not_finite_inputs


def test_not_finite_inputs_counts_entries_with_thousands_separators() -> None:
    # "NaN at 1998 entries of 1,000 sequences": the sequence count had its comma, the entries not
    x = torch.full((1000, 1, 2), float("nan"))
    x[0, 0, 0] = 0.0
    x[1, 0, 0] = float("inf")
    with pytest.warns(UserWarning) as caught:
        not_finite_inputs(x, None)
    assert [str(w.message) for w in caught] == [
        "`inputs` hold NaN at 1,998 and inf at 1 entries of 1,000 sequences [0, 1, 2, 3, 4, ...] "
        "(the first at sequence 0, step 0, feature 1): their relevances are NaN or say nothing "
        "of them, a NaN's score NaN too; fill them first, e.g. "
        "torch.nan_to_num(inputs, nan=0.0, posinf=0.0, neginf=0.0)."
    ]

"""Fixes of the revexplain2 review: an ensemble's LRP reuses a member's recorded output only for
the very call its own check would make (the inputs and the lengths)."""

from __future__ import annotations

import re

import pytest
import torch

from lstmkit.explain import lrp
from lstmkit.text import ClassifierEnsemble, TextClassifier


class _NoLengths(ClassifierEnsemble):
    """Calls its members without the lengths it is given: they read the padding."""

    def forward(self, tokens, lengths=None):
        return torch.stack([m(tokens) for m in self.members]).mean(dim=0)


def test_a_member_called_without_the_lengths_is_not_checked_against_that_output() -> None:
    # its output (padding read) was taken as the one LRP's check recomputes with the lengths: the
    # refusal blamed the member (TextClassifier "computes something beyond ...") instead of
    # saying that the ensemble's output is not its members' mean
    torch.manual_seed(3)
    ensemble = _NoLengths([TextClassifier(9, 6, 5, 2) for _ in range(2)]).eval()
    x = torch.randint(1, 9, (3, 5))
    x[1, 3:] = 0
    with pytest.raises(RuntimeError) as err:
        lrp(ensemble, x, 1, lengths=torch.tensor([5, 3, 5]))
    # the whole message, its float32/float64 scores (rounding-dependent digits) as numbers
    number = r"-?\d+\.\d+(?:e-?\d+)?"
    scores = rf"\[{number}, {number}, {number}\]"
    assert re.fullmatch(
        r"_NoLengths's output is not the mean of its members' outputs \(target scores "
        rf"{scores} vs member mean {scores}\)\.",
        str(err.value),
    )
    # without padding the lengths change nothing: explained as before
    ex = lrp(ensemble, x, 1, lengths=torch.tensor([5, 5, 5]))
    parts = [lrp(m, x, 1).relevance for m in ensemble.members]
    assert torch.equal(ex.relevance, torch.stack(parts).mean(0))

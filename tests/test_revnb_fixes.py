"""Review of the notebook reprs: a repr never raises, for an object made by hand too."""

from __future__ import annotations

import numpy as np
import torch
from torch.nn import functional as F

from lstmkit import _reprs
from lstmkit.explain.explanation import Explanation
from lstmkit.train import History


def test_metrics_repr_sizes_a_long_zero_d_value_without_raising():
    # a loss kept with its graph has a long repr and a __len__ that raises (0-d): the repr
    # raised "TypeError: len() of a 0-d tensor"
    logits = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    loss = F.binary_cross_entropy_with_logits(logits, torch.ones(3, dtype=torch.float64))
    values = {"loss": loss, "note": np.array("x" * 70), "errors": np.zeros(30), 1: 2.5}
    assert _reprs.metrics(values) == (
        "{'loss': <Tensor>, 'note': <ndarray>, 'errors': <ndarray of 30>, 1: 2.5}"
    )


def test_module_repr_counts_a_lazy_modules_parameters_apart():
    # an uninitialized (lazy) parameter has no size: numel() raised a ValueError
    model = torch.nn.Sequential(torch.nn.LazyLinear(3), torch.nn.Linear(3, 2))
    assert _reprs.module(model) == "Sequential (8 parameters, 2 not yet initialized)"


def test_module_repr_ignores_members_without_a_length():
    # a module's own `members` attribute that is no list: len() raised a TypeError
    model = torch.nn.Linear(3, 2)
    model.members = 3
    assert _reprs.module(model) == "Linear (8 parameters)"


def test_history_repr_of_one_made_by_hand_without_a_loss():
    # best_val_loss=None: ':.4g' raised "unsupported format string passed to NoneType"
    assert repr(History(train_loss=[1.0], best_epoch=0, best_val_loss=None)) == (
        "History(epochs_run=1, best_epoch=0, best_val_loss=None, stopped_early=False)"
    )
    assert repr(History(best_val_loss=torch.tensor(0.123456))) == (
        "History(epochs_run=0, best_epoch=-1, best_val_loss=0.1235, stopped_early=False)"
    )


def test_explanation_repr_of_a_target_per_sequence_that_is_a_list():
    # a [B, 1] target (made by hand) gave lists, which dict.fromkeys refused: "unhashable type"
    t = torch.tensor
    ex = Explanation(
        torch.zeros(2, 3), None, torch.zeros(2), t([[1], [0]]), torch.zeros(2), None, "lrp"
    )
    assert repr(ex) == (
        "Explanation(lrp, 2 sequences of 3 steps, target [[1], [0]]; relevance [2, 3], "
        "relevance_per_feature None, score [2])"
    )


def test_module_repr_counts_one_member_in_the_singular():
    # an ensemble of one said "1 members"
    model = torch.nn.Linear(3, 2)
    model.members = torch.nn.ModuleList([torch.nn.Linear(3, 2)])
    assert _reprs.module(model) == "Linear (1 member, 16 parameters)"

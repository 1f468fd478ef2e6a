"""Exact messages guarding ref20b's refactors (each passes before and after its refactor)."""

from __future__ import annotations

import numpy as np
import pytest


def test_the_device_advice_for_an_index_is_read_as_device_name_reads_it() -> None:
    """ref20b: _advised_device reads an index through device_name (no copy of its lookup): a
    negative index, one torch cannot hold (128 and up) and a bool advise 'cuda'; 0 and
    np.int64(3) the device of that index on the machine's accelerator."""
    from lstmkit._checks import value_repr
    from lstmkit._device import _accelerator_type
    from lstmkit.train import TrainConfig

    kind = _accelerator_type()
    for value, shown in [
        (-1, "'cuda'"),
        (0, f"'{kind}:0'"),
        (np.int64(3), f"'{kind}:3'"),
        (127, f"'{kind}:127'"),
        (128, "'cuda'"),
        (256, "'cuda'"),
        (True, "'cuda'"),
        ("cuda:256", "'cuda'"),
        ("meta", "'cuda'"),
        ("cpu:0", "'cpu'"),
    ]:
        with pytest.raises(TypeError) as caught:
            TrainConfig(device=value)
        assert str(caught.value) == (
            f"TrainConfig() takes no `device`, got {value_repr(value)}: fit trains where the "
            "model's parameters are and moves the batches there; move the model first "
            f"(net.to({shown})), or make its layers there (LSTM(1, 16, device={shown}))."
        )


def test_the_non_finite_parameter_search_is_one_for_both_messages() -> None:
    """ref20b: check_weights and _diverged_untrained share _non_finite; the latter still reads
    real floating parameters only (a complex NaN one leaves it at the size of the others),
    check_weights every parameter (an integer one is always finite)."""
    import torch

    from lstmkit.train import DivergedError, _diverged_untrained, check_weights

    torch.manual_seed(0)
    net = torch.nn.Linear(2, 1)
    with torch.no_grad():
        net.weight.fill_(3.0)
        net.bias.fill_(float("nan"))
    assert _diverged_untrained(net, float("nan"), "epoch 1, batch 1", 0.01, "the data") == (
        "training diverged: the training loss became nan at epoch 1, batch 1, before any "
        "training step, so no lower `lr` (now 0.01) would avoid it: the model's parameters "
        "hold NaN or infinite values (first: bias), as a diverged fit leaves them: make the "
        "model anew, or load finite weights."
    )
    with torch.no_grad():
        net.bias.fill_(-2.0)
    net.register_parameter("count", torch.nn.Parameter(torch.tensor([7]), requires_grad=False))
    net.register_parameter("z", torch.nn.Parameter(torch.tensor([complex("nan+0j")])))
    assert _diverged_untrained(
        net, float("inf"), "epoch 2, batch 3", 0.5, "the data's scale and `loss_fn`"
    ) == (
        "training diverged: the training loss became inf at epoch 2, batch 3, before any "
        "training step, so no lower `lr` (now 0.5) would avoid it: check the data's scale and "
        "`loss_fn` (the model's parameters are finite and at most 3 in absolute value, not a "
        "diverged fit's)."
    )
    with pytest.raises(DivergedError) as caught:
        check_weights(net, 0.5)
    assert str(caught.value) == (
        "training diverged: 1 parameter tensor holds NaN or infinite values after training "
        "(first: z). Try a lower learning rate than `lr`=0.5."
    )

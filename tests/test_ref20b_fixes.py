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

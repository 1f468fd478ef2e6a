"""Fixes found by swapping torch.nn's recurrent modules for lstmkit.nn's in existing code."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

# torch.jit.script itself warns that it is deprecated (torch 2.13; a FutureWarning in 2.14)
# before it reaches the module
_SCRIPT_DEPRECATED = "ignore:`torch.jit.script` is deprecated"


@pytest.mark.filterwarnings(_SCRIPT_DEPRECATED)
@pytest.mark.parametrize(
    ("module", "name"),
    [
        (LSTM(3, 4), "LSTM"),
        (GRU(3, 4), "GRU"),
        (LSTMCell(3, 4), "LSTMCell"),
        (GRUCell(3, 4), "GRUCell"),
    ],
)
def test_jit_script_is_refused_by_name_with_what_works(module, name):
    """torch.jit.script of a layer failed with "Unknown type annotation: 'int'", of a cell with
    a TorchScript type error on its ``hx`` check; a model holding one is refused alike."""
    for scripted in (module, nn.Sequential(module)):
        with pytest.raises(RuntimeError) as info:
            torch.jit.script(scripted)
        assert str(info.value) == (
            f"torch.jit.script cannot compile lstmkit.nn.{name}: its forward checks its "
            "arguments and chooses its path in Python that TorchScript does not parse. Use "
            "torch.export or torch.compile (torch.jit.trace works too, but torch 2.13 "
            "deprecates it, as it does torch.jit.script), or script a "
            f"torch.nn.{name} that loads this one's state_dict (same names)."
        )


@pytest.mark.filterwarnings(_SCRIPT_DEPRECATED)
def test_jit_script_of_a_peephole_lstm_names_no_torch_nn_alternative():
    """torch.nn.LSTM has no peepholes, so the refusal does not send the user there."""
    with pytest.raises(RuntimeError) as info:
        torch.jit.script(LSTM(3, 4, peephole=True))
    assert str(info.value) == (
        "torch.jit.script cannot compile lstmkit.nn.LSTM: its forward checks its arguments and "
        "chooses its path in Python that TorchScript does not parse. Use torch.export or "
        "torch.compile (torch.jit.trace works too, but torch 2.13 deprecates it, as it does "
        "torch.jit.script)."
    )

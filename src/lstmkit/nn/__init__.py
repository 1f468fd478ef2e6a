"""Recurrent modules with explicit, named gates: cells, layers, traces and summaries."""

from lstmkit._lazy import public_dir
from lstmkit.nn.cells import GateParams, GRUCell, LSTMCell, MixedArgumentError
from lstmkit.nn.layers import GRU, LSTM
from lstmkit.nn.summary import Summary, summary
from lstmkit.nn.trace import GateTrace, Trace, trace

__all__ = [
    "GRU",
    "LSTM",
    "GRUCell",
    "GateParams",
    "GateTrace",
    "LSTMCell",
    "MixedArgumentError",
    "Summary",
    "Trace",
    "summary",
    "trace",
]

# The modules ``dir()`` lists beside ``__all__`` (``lstmkit.nn.cells``, which the docstrings
# cite); ``summary`` and ``trace`` are the functions, as ``from lstmkit.nn import summary`` has
# them, not their modules
_SUBMODULES = ("cells", "layers")
__dir__ = public_dir(globals(), _SUBMODULES)

"""Recurrent modules with explicit, named gates: cells, layers, traces and summaries."""

from lstmkit.nn.cells import GateParams, GRUCell, LSTMCell
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
    "Summary",
    "Trace",
    "summary",
    "trace",
]

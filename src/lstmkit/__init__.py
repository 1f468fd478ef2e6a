"""lstmkit: recurrent neural networks you can see inside."""

from __future__ import annotations

__version__ = "0.1.0"

from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell, summary, trace

__all__ = ["GRU", "LSTM", "GRUCell", "LSTMCell", "__version__", "summary", "trace"]

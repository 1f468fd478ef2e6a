"""Explanations leftovers (xpl13): names that are not str in the lag heatmap, the function the
user called in a stack's refusal, a stack's dropout in its advice, CJK names' widths."""


import numpy as np
import torch

from lstmkit.explain.render import plot_lags

DT = torch.float64
_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])
_SUPPORTED = "supported: lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU."


def test_plot_lags_draws_features_named_by_ints() -> None:
    """features=[1, 2, 3] (a DataFrame's int columns) failed with "sequence item 0: expected
    str instance, int found"; the rows are now named "1", "2", "3", the decoder's too."""
    rel = np.arange(12.0).reshape(4, 3)
    fig = plot_lags(np.arange(4.0), rel, features=[1, 2, 3])
    rows = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert rows == ["1", "2", "3"]
    fig = plot_lags(
        np.arange(4.0), rel, features=[1, 2, 3], future=np.ones((2, 2)), future_features=[3, 7]
    )
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == ["1", "2", "3", "7"]

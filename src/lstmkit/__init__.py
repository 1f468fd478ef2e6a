"""lstmkit: recurrent neural networks you can see inside.

Every public name loads on first use, the recurrent core (``lstmkit.nn``) included: ``import
lstmkit`` imports neither torch nor pandas, so the ``lstmkit`` command can catch a Ctrl-C in
its own first import of them, and a script pays for the layers it touches.
"""

from __future__ import annotations

from lstmkit._lazy import lazy_attributes

# typing.TYPE_CHECKING without importing typing, which was most of the package's import (30 ms
# of 42): the start of every `lstmkit` command, before its `run` can catch a Ctrl-C (a
# traceback). Type checkers read any TYPE_CHECKING as typing's
TYPE_CHECKING = False

if TYPE_CHECKING:  # for type checkers and editors; at run time each name loads on first use
    # ``X as X``: a re-export, so that ``lstmkit.nn.LSTM`` after ``import lstmkit`` checks (a
    # checker reads the module's own ``__getattr__`` as returning Any). summary, trace and lrp
    # come from the modules that define them: from lstmkit.nn (lstmkit.explain), mypy read each
    # as the package's submodule of the same name ("Module not callable" at lstmkit.summary(m))
    from lstmkit import backtest as backtest
    from lstmkit import baselines as baselines
    from lstmkit import data as data
    from lstmkit import explain as explain
    from lstmkit import forecast as forecast
    from lstmkit import io as io
    from lstmkit import metrics as metrics
    from lstmkit import nn as nn
    from lstmkit import text as text
    from lstmkit import train as train
    from lstmkit.data import list_datasets, load_dataset
    from lstmkit.explain.lrp import lrp
    from lstmkit.forecast import Forecaster, ForecasterConfig, NotFittedError
    from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell
    from lstmkit.nn.summary import summary
    from lstmkit.nn.trace import trace
    from lstmkit.text import CharLM, TextClassifier
    from lstmkit.train import TrainConfig

__version__ = "0.1.0"

# Public names served lazily: name -> module that defines it.
_LAZY = {
    "GRU": "lstmkit.nn",
    "LSTM": "lstmkit.nn",
    "GRUCell": "lstmkit.nn",
    "LSTMCell": "lstmkit.nn",
    "summary": "lstmkit.nn",
    "trace": "lstmkit.nn",
    "Forecaster": "lstmkit.forecast",
    "ForecasterConfig": "lstmkit.forecast",
    "NotFittedError": "lstmkit.forecast",
    "load_dataset": "lstmkit.data",
    "list_datasets": "lstmkit.data",
    "TrainConfig": "lstmkit.train",
    "TextClassifier": "lstmkit.text",
    "CharLM": "lstmkit.text",
    "lrp": "lstmkit.explain",
}

# Subpackages and modules reachable as attributes (``lstmkit.nn.LSTM`` after ``import lstmkit``).
_SUBMODULES = (
    "backtest",
    "baselines",
    "data",
    "explain",
    "forecast",
    "io",
    "metrics",
    "nn",
    "text",
    "train",
)


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, _SUBMODULES, globals())

# Written out, not ``[*_LAZY]``: a type checker reads a literal list as the names exported (it
# cannot evaluate the dict), and refuses ``from lstmkit import LSTM`` under ``--strict`` otherwise.
__all__ = [
    "GRU",
    "LSTM",
    "CharLM",
    "Forecaster",
    "ForecasterConfig",
    "GRUCell",
    "LSTMCell",
    "NotFittedError",
    "TextClassifier",
    "TrainConfig",
    "__version__",
    "list_datasets",
    "load_dataset",
    "lrp",
    "summary",
    "trace",
]

"""What ``help()`` shows of the public API: every name of an ``__all__`` exists, and a public
module's ``forward`` has its own docstring rather than ``torch.nn.Module``'s."""

from __future__ import annotations

import importlib
import inspect

import pytest
import torch
from torch import nn

PUBLIC = [
    "lstmkit",
    "lstmkit.backtest",
    "lstmkit.baselines",
    "lstmkit.data",
    "lstmkit.explain",
    "lstmkit.forecast",
    "lstmkit.io",
    "lstmkit.metrics",
    "lstmkit.nn",
    "lstmkit.text",
    "lstmkit.train",
]
TORCH_FORWARD = inspect.getdoc(nn.Module.forward)


def _modules() -> list[tuple[str, str]]:
    found = {}
    for module in PUBLIC:
        for name in importlib.import_module(module).__all__:
            obj = getattr(importlib.import_module(module), name)
            if inspect.isclass(obj) and issubclass(obj, nn.Module):
                found.setdefault(obj, (module, name))
    return sorted(found.values())


@pytest.mark.parametrize("module", PUBLIC)
def test_every_name_of_all_resolves(module):
    mod = importlib.import_module(module)
    assert [name for name in mod.__all__ if not hasattr(mod, name)] == []


def test_the_public_modules_are_the_ones_expected():
    # the list the next test walks: a public module added later must come into it
    assert [f"{m}.{n}" for m, n in _modules()] == [
        "lstmkit.CharLM",
        "lstmkit.GRU",
        "lstmkit.GRUCell",
        "lstmkit.LSTM",
        "lstmkit.LSTMCell",
        "lstmkit.TextClassifier",
        "lstmkit.forecast.ForecastNet",
        "lstmkit.text.ClassifierEnsemble",
        "lstmkit.text.Seq2Seq",
    ]


@pytest.mark.parametrize(("module", "name"), _modules())
def test_forward_has_its_own_docstring(module, name):
    forward = getattr(importlib.import_module(module), name).forward
    assert inspect.getdoc(forward) not in (None, TORCH_FORWARD)


def test_forecastnet_forward_raises_what_its_docstring_says():
    from lstmkit.forecast import ForecastNet

    doc = inspect.getdoc(ForecastNet.forward)
    assert "RuntimeError" in doc
    net = ForecastNet("lstm", 3, 4, 2, future_size=1)
    with pytest.raises(RuntimeError) as info:
        net(torch.zeros(1, 5, 3))
    assert str(info.value) == "a ForecastNet with `future_size` needs `future` covariates."

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


@pytest.mark.parametrize(
    ("model", "loss_fn", "config", "message"),
    [
        # 'int' object has no attribute 'parameters'
        (3, "loss", None, "`model` must be a torch.nn.Module, got int."),
        # 'int' object is not callable, at the first batch
        ("net", 3, None, "`loss_fn` must be callable as loss_fn(model, batch), got int."),
        (
            3,
            None,
            {"epochs": 1},
            "`model` must be a torch.nn.Module, got int. `loss_fn` must be callable as "
            "loss_fn(model, batch), got NoneType. `config` must be a TrainConfig or None, "
            "got dict.",
        ),
    ],
)
def test_fit_names_a_model_or_loss_of_the_wrong_type(model, loss_fn, config, message):
    from lstmkit.train import TrainConfig, fit

    net = nn.Linear(2, 1)
    model = net if model == "net" else model
    if loss_fn == "loss":
        loss_fn = lambda m, batch: m(batch[0]).pow(2).mean()  # noqa: E731
    weights = net.weight.detach().clone()
    with pytest.raises(TypeError) as info:
        fit(model, loss_fn, (torch.ones(4, 2),), config=config or TrainConfig(epochs=1))
    assert str(info.value) == message
    assert torch.equal(net.weight, weights)


def _raises_section(obj) -> str:
    doc = inspect.getdoc(obj) or ""
    assert "Raises:" in doc
    return doc.split("Raises:", 1)[1]


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((range(30), 0, 12), ValueError, "`horizon` must be a positive integer, got 0."),
        (
            (range(30), 3, "a"),
            TypeError,
            "`m` must be an integer (the seasonal period), got 'a' (a number, not text).",
        ),
        ((range(3), 3, 12), ValueError, "seasonal naive needs at least m=12 points, got 3."),
    ],
)
def test_baseline_forecasts_raises_what_its_docstring_names(args, error, message):
    from lstmkit.baselines import baseline_forecasts

    assert f"{error.__name__}:" in _raises_section(baseline_forecasts)
    with pytest.raises(error) as info:
        baseline_forecasts(*args, statistical=False)
    assert str(info.value) == message


def _public_classes() -> list[type]:
    found: dict[type, None] = {}
    for module in PUBLIC:
        mod = importlib.import_module(module)
        for name in mod.__all__:
            if inspect.isclass(obj := getattr(mod, name)):
                found.setdefault(obj)
    return list(found)


def test_every_public_method_and_property_has_its_own_docstring():
    # help(LSTMCell) showed torch's "Return the extra representation of the module ..." for
    # extra_repr, and nothing for LSTM.num_directions, CharLM.config or Seq2Seq.config
    bare = []
    for cls in _public_classes():
        for owner in cls.__mro__:
            if not owner.__module__.startswith("lstmkit"):
                continue
            for name, value in vars(owner).items():
                if name.startswith("_") or name == "forward":  # forward: the test above
                    continue
                if isinstance(value, property):
                    doc = inspect.getdoc(value)
                elif inspect.isfunction(value) or isinstance(value, classmethod | staticmethod):
                    doc = inspect.getdoc(getattr(cls, name))
                else:
                    continue
                torch_doc = inspect.getdoc(getattr(nn.Module, name, None))
                if not doc or (hasattr(nn.Module, name) and doc == torch_doc):
                    bare.append(f"{cls.__name__}.{name}")
    assert sorted(set(bare)) == []


def test_every_function_the_readme_names_by_module_is_in_its_all():
    # lstmkit.data.fill_reads_ahead, which README and read_csv's docstring send users to, was
    # missing from lstmkit.data.__all__: help(lstmkit.data) did not list it
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\blstmkit\.([a-z]\w*)\.([A-Za-z]\w*)", readme))
    outside = []
    for module, name in sorted(named):
        mod = importlib.import_module(f"lstmkit.{module}")
        if name in mod.__all__ or inspect.ismodule(getattr(mod, name, None)):
            continue
        try:
            importlib.import_module(f"lstmkit.{module}.{name}")  # a submodule
        except ModuleNotFoundError:
            outside.append(f"lstmkit.{module}.{name}")
    assert ("data", "fill_reads_ahead") in named
    assert outside == []


@pytest.mark.parametrize("name", ["rmse", "mae", "mape", "smape", "mase", "evaluate"])
@pytest.mark.parametrize(
    ("y_true", "y_pred", "error", "message"),
    [
        (
            [1.0, 2.0, 3.0],
            [1.0, 2.0],
            ValueError,
            "`y_true` and `y_pred` must have the same shape (a column [n, 1] counts as [n]), "
            "got (3,) and (2,).",
        ),
        ([], [], ValueError, "`y_true` must not be empty."),
        ([1j], [1.0], TypeError, "`y_true` must hold real numbers, got complex values."),
    ],
)
def test_every_metric_raises_what_its_docstring_names(name, y_true, y_pred, error, message):
    import lstmkit.metrics as metrics

    metric = getattr(metrics, name)
    assert f"{error.__name__}" in _raises_section(metric)
    args = (y_true, y_pred, [1.0, 2.0, 4.0]) if name in ("mase", "evaluate") else ()
    with pytest.raises(error) as info:
        metric(*(args or (y_true, y_pred)))
    assert str(info.value) == message


@pytest.mark.parametrize("function", ["calendar_features", "calendar_inputs"])
@pytest.mark.parametrize(
    ("period", "shown", "error"),
    [
        (2.5, "2.5", ValueError),
        (0, "0", ValueError),
        (-3, "-3", ValueError),
        ("a", "'a' (a number, not text)", TypeError),
    ],
)
def test_calendar_features_refuse_a_period_that_is_no_positive_integer(
    function, period, shown, error
):
    # 2.5 gave a season of 2.5 steps, 0 and -3 silently the zeros/ones of period 1, and "a"
    # failed with "'>' not supported between instances of 'int' and 'str'"
    import pandas as pd

    import lstmkit.data as data

    call = getattr(data, function)
    assert f"{error.__name__}:" in _raises_section(call)
    index = pd.date_range("2000-01-01", periods=3, freq="MS")
    with pytest.raises(error) as info:  # 'a': a TypeError since revdoc14
        call(index, period)
    assert str(info.value) == f"`period` must be a positive integer, got {shown}."


def test_calendar_features_of_a_numpy_period_are_those_of_the_int():
    import numpy as np
    import pandas as pd

    from lstmkit.data import calendar_features

    index = pd.date_range("2000-01-01", periods=3, freq="MS")
    got = calendar_features(index, np.int64(12))
    assert np.array_equal(got, calendar_features(index, 12))
    assert got[1].tolist() == [np.sin(2 * np.pi / 12), np.cos(2 * np.pi / 12)]

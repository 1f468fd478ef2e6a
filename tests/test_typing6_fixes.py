"""typing6: what a user's type checker and IDE read from lstmkit's annotations."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
import typing
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit._device import check_device, same_device
from lstmkit.data import MinMaxScaler, StandardScaler
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.text import CharLMConfig, SentimentConfig, Seq2SeqConfig
from lstmkit.train import to_device

_CONFIGS = [ForecasterConfig, SentimentConfig, CharLMConfig, Seq2SeqConfig]


def _device_like_as_checkers_read_it(monkeypatch: pytest.MonkeyPatch) -> object:
    """``lstmkit._device.DeviceLike`` as a type checker reads it (``TYPE_CHECKING`` true): the
    module run afresh, its loaded copy left as it is."""
    monkeypatch.setattr(typing, "TYPE_CHECKING", True)
    spec = importlib.util.find_spec("lstmkit._device")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DeviceLike


@pytest.mark.parametrize("cls", _CONFIGS, ids=lambda c: c.__name__)
def test_configs_typed_as_taking_a_torch_device(cls, monkeypatch):
    # `SentimentConfig(device=torch.device("cuda"))` ran (kept as "cuda"), but mypy refused it:
    # 'Argument "device" to "SentimentConfig" has incompatible type "device"; expected "str"'
    device_like = _device_like_as_checkers_read_it(monkeypatch)
    module = vars(sys.modules[cls.__module__])
    hints = typing.get_type_hints(cls, globalns={**module, "DeviceLike": device_like})
    assert hints["device"] == str | torch.device | int  # an index too, as torch takes one
    # at run time a str, so the command line reads the fields' types without loading torch
    monkeypatch.undo()
    assert typing.get_type_hints(cls)["device"] is str
    assert cls(device=torch.device("cpu")).device == "cpu"


def test_device_helpers_take_a_torch_device_as_a_name():
    assert same_device(torch.device("cuda"), "cuda:0")
    check_device(torch.device("cpu"))
    # named as the config holds it, not as torch's repr "device(type='cuda', index=127)"
    with pytest.raises(ValueError, match=r"^`device` 'cuda:127' cannot be used here \(") as err:
        check_device(torch.device("cuda", 127))
    assert "device(type=" not in str(err.value)


def test_to_device_typed_as_taking_a_device_name():
    # `to_device(batch, "cpu")` ran (Tensor.to takes names), but mypy refused the str:
    # 'Argument 2 to "to_device" has incompatible type "str"; expected "device"'
    assert typing.get_type_hints(to_device)["device"] == torch.device | str
    moved = to_device({"x": (torch.ones(2),)}, "cpu")
    assert moved["x"][0].device == torch.device("cpu")


def test_readme_examples_annotate_the_functions_they_define():
    # a user checking the README's examples with `mypy --strict` got "Function is missing a
    # type annotation" for `tensors(windows)` and MeanPool's `__init__` and `forward`
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    untyped = [
        f"{node.name} (line {node.lineno} of the block)"
        for block in re.findall(r"```python\n(.*?)```", readme, re.S)
        for node in ast.walk(ast.parse(block))
        if isinstance(node, ast.FunctionDef)
        and (
            node.returns is None
            or any(a.annotation is None for a in node.args.args if a.arg not in ("self", "cls"))
        )
    ]
    assert untyped == []


@pytest.mark.parametrize(
    "cls", [Forecaster, StandardScaler, MinMaxScaler], ids=lambda c: c.__name__
)
def test_fit_typed_as_returning_the_subclass_fitted(cls):
    # `fit` returns self, but was typed as returning the base class: a checker read
    # `MyScaler().fit(x)` as a StandardScaler and refused the subclass's own attributes on it
    assert typing.get_type_hints(cls.fit)["return"] is typing.Self


def test_a_subclass_fit_returns_the_subclass():
    class Scaler(StandardScaler):
        pass

    fitted = Scaler().fit(np.array([[1.0], [3.0]]))
    assert type(fitted) is Scaler
    assert fitted.transform(np.array([[3.0]])).tolist() == [[1.0]]


def test_forecaster_keywords_typed_as_the_config_fields():
    # `**overrides: Any`: a checker let `Forecaster(horizn=3)` and `Forecaster(cell="rnn")`
    # through (refused at run time only), and an editor completed no keyword
    overrides = typing.get_type_hints(Forecaster.__init__)["overrides"]
    assert typing.get_origin(overrides) is typing.Unpack
    (options,) = typing.get_args(overrides)
    assert typing.get_type_hints(options) == typing.get_type_hints(ForecasterConfig)
    assert options.__required_keys__ == frozenset()
    assert Forecaster(horizon=3, cell="gru").config == ForecasterConfig(horizon=3, cell="gru")

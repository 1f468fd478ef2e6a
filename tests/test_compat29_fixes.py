"""compat29: torch 2.4 to 2.7's `torch.get_default_device()` answers `cpu` inside `with
torch.device("meta")` (2.8 reads the block), so the nn modules' memory check took a module built
on meta, which allocates nothing, for one built on the CPU: `LSTM(5, 10**5)` there was refused as
more than this machine's memory, and a saved Forecaster whose config.json asks for tensors of
more values than torch counts was told so in the memory's words, not in torch's. Each test runs
under every torch: once with torch's own answer, once with 2.4 to 2.7's (`cpu`)."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
import torch

from lstmkit import Forecaster, ForecasterConfig
from lstmkit._memory import MemoryLimitError
from lstmkit.nn import GRU, LSTM, GRUCell, LSTMCell

GiB = 2**30


@pytest.fixture(params=["own", "2.4-2.7"])
def default_device_answer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """torch's own `get_default_device`, or the answer of torch 2.4 to 2.7's inside a `with
    torch.device(...)` block where no `set_default_device` is in force: `cpu`."""
    if request.param == "2.4-2.7":
        monkeypatch.setattr(torch, "get_default_device", lambda: torch.device("cpu"))
    return request.param


@pytest.mark.parametrize(
    ("module", "name", "shape", "gib"),
    [
        (LSTM, "weight_hh_l0", (400000, 100000), "149"),
        (GRU, "weight_hh_l0", (300000, 100000), "112"),
        (LSTMCell, "weight_hh", (400000, 100000), "149"),
        (GRUCell, "weight_hh", (300000, 100000), "112"),
    ],
)
def test_a_module_built_on_meta_is_not_refused_as_past_the_memory(
    default_device_answer, fake_memory, module, name, shape, gib
) -> None:
    fake_memory(16 * GiB, None)
    with torch.device("meta"):
        built = module(5, 10**5)  # 149 GiB of float32 on the CPU; nothing on meta
    params = dict(built.named_parameters())
    assert {p.device.type for p in params.values()} == {"meta"}
    assert tuple(params[name].shape) == shape
    # on the CPU, the same module is refused still, naming the tensor that does not fit
    with pytest.raises(MemoryLimitError) as err:
        module(5, 10**5)
    assert str(err.value) == (
        f"{module.__name__}'s `{name}` of shape {shape} needs {gib} GiB (float32), more than "
        "this machine's memory (16 GiB)."
    )


@pytest.fixture(scope="module")
def tiny_forecaster(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("saved") / "m"
    cfg = ForecasterConfig(
        horizon=2, lookback=4, ensemble=1, epochs=1, hidden_size=2, refit=False, interval=None
    )
    Forecaster(cfg).fit(np.arange(40.0)).save(path)
    return path


def test_a_saved_config_past_torchs_sizes_is_told_so_not_the_memory(
    default_device_answer, tiny_forecaster, tmp_path, fake_memory
) -> None:
    # torch 2.4 to 2.7: "... too large to hold (LSTM's `weight_ih_l0` of shape (40000000000, 3)
    # needs 447 GiB (float32), more than this machine's memory (16 GiB).)."
    fake_memory(16 * GiB, None)
    path = tmp_path / "m"
    shutil.copytree(tiny_forecaster, path)
    saved = json.loads((path / "config.json").read_text())
    saved["config"]["hidden_size"] = 10**10
    (path / "config.json").write_text(json.dumps(saved))
    with pytest.raises(ValueError) as err:
        Forecaster.load(path)
    assert str(err.value).replace(str(path), "M") == (
        "'M/config.json' does not describe a usable Forecaster: its sizes make tensors too "
        "large to hold (a tensor of shape (40000000000, 10000000000) would hold 4e+20 values, "
        "more than torch counts in one tensor (2**63-1))."
    )

"""compat33: the nn, explanation, LRP, forecast, summary, I/O, training and trace third of the
suite run under torch 2.5.1 and 2.8.0. Under 2.5 `tests/test_compat31_fixes.py` failed to
collect ("module 'torch' has no attribute 'accelerator'": torch 2.4 and 2.5 have none), so its
twelve tests ran under neither. Each test here runs under every torch, with torch 2.5's answers
simulated (`torch.accelerator` taken away)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import torch

from lstmkit import ForecasterConfig


@pytest.fixture
def torch_2_5(monkeypatch: pytest.MonkeyPatch) -> None:
    """A torch older than 2.6: no `torch.accelerator` (an own machine's one, if any, is CUDA)."""
    monkeypatch.delattr(torch, "accelerator", raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)


def test_the_compat31_tests_collect_under_a_torch_without_an_accelerator_module(
    torch_2_5: None,
) -> None:
    # under torch 2.5: AttributeError "module 'torch' has no attribute 'accelerator'" at import
    path = Path(__file__).with_name("test_compat31_fixes.py")
    spec = importlib.util.spec_from_file_location("_compat31_under_2_5", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module._ACCELERATOR is None
    assert module._OWN_CURRENT is None
    assert module._AVAILABLE is False
    with pytest.raises(RuntimeError) as info:
        module._raises_as_in_2_6()
    assert str(info.value) == "Cannot access accelerator device when none is available."


def test_a_device_index_is_read_as_cuda_under_a_torch_without_an_accelerator_module(
    torch_2_5: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main

    assert not hasattr(torch, "accelerator")
    assert ForecasterConfig(device=0).device == "cuda:0"  # type: ignore[arg-type]
    assert ForecasterConfig(device=3).device == "cuda:3"  # type: ignore[arg-type]
    with pytest.raises(ValueError) as info:
        ForecasterConfig(device="0")
    assert str(info.value) == (
        "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', ...), "
        "got '0': an index is written after its type, 'cuda:0'."
    )
    assert main(["forecast", "airline", "--device", "2"]) == 2
    assert capsys.readouterr().err == (
        "error: --device must name a torch device that computes ('cpu', 'cuda', 'cuda:1', "
        "'mps', ...), got '2': an index is written after its type, 'cuda:2'.\n"
    )

"""compat31: torch 2.6's `torch.accelerator.current_accelerator()` raises "Cannot access
accelerator device when none is available" on a machine without one (2.7 and later answer
None), so a device given as an index (`ForecasterConfig(device=0)`, `--device 0`) failed there
with torch's RuntimeError instead of being read as `cuda:0`, or refused in lstmkit's words. Each
test runs under every torch: once with torch's own `current_accelerator`, once with 2.6's."""

from __future__ import annotations

import pytest
import torch

from lstmkit import ForecasterConfig

# read once, before any test patches `current_accelerator` (torch 2.13's `is_available()` asks it)
_OWN_CURRENT = torch.accelerator.current_accelerator
_AVAILABLE = torch.accelerator.is_available()


def _raises_as_in_2_6(check_available: bool = False) -> torch.device | None:
    """torch 2.6's `current_accelerator()`: it raises on a machine without an accelerator."""
    if not _AVAILABLE:
        raise RuntimeError("Cannot access accelerator device when none is available.")
    return _OWN_CURRENT()


@pytest.fixture(params=["own", "2.6"])
def accelerator_answer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The type an index names on this machine: torch's own answers, or 2.6's (whose
    `is_available()` counts devices, and whose `current_accelerator()` raises where none is)."""
    own = _OWN_CURRENT() if _AVAILABLE else None
    if request.param == "2.6":
        monkeypatch.setattr(torch.accelerator, "is_available", lambda: _AVAILABLE)
        monkeypatch.setattr(torch.accelerator, "current_accelerator", _raises_as_in_2_6)
    return own.type if own is not None else "cuda"


def test_a_config_reads_a_device_index_without_an_accelerator_under_torch_2_6(
    accelerator_answer: str,
) -> None:
    # under torch 2.6 without an accelerator: RuntimeError "Cannot access accelerator device
    # when none is available."
    kind = accelerator_answer
    assert ForecasterConfig(device=0).device == f"{kind}:0"  # type: ignore[arg-type]
    assert ForecasterConfig(device=3).device == f"{kind}:3"  # type: ignore[arg-type]


def test_a_device_index_as_text_is_refused_in_lstmkits_words_under_torch_2_6(
    accelerator_answer: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main

    kind = accelerator_answer
    with pytest.raises(ValueError) as info:
        ForecasterConfig(device="0")
    assert str(info.value) == (
        "`device` must name a torch device that computes ('cpu', 'cuda', 'cuda:1', 'mps', ...), "
        f"got '0': an index is written after its type, '{kind}:0'."
    )
    assert main(["forecast", "airline", "--device", "2"]) == 2
    assert capsys.readouterr().err == (
        "error: --device must name a torch device that computes ('cpu', 'cuda', 'cuda:1', "
        f"'mps', ...), got '2': an index is written after its type, '{kind}:2'.\n"
    )

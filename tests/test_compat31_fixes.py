"""compat31: torch 2.6's `torch.accelerator.current_accelerator()` raises "Cannot access
accelerator device when none is available" on a machine without one (2.7 and later answer
None), so a device given as an index (`ForecasterConfig(device=0)`, `--device 0`) failed there
with torch's RuntimeError instead of being read as `cuda:0`, or refused in lstmkit's words. Each
test runs under every torch: once with torch's own `current_accelerator`, once with 2.6's.
torch 2.4 and 2.5 have no `torch.accelerator` (this file failed to collect there, compat33): the
2.6 answers are a stand-in module there, and an own machine's accelerator is its CUDA, if any."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import torch

from lstmkit import ForecasterConfig

# read once, before any test patches `current_accelerator` (torch 2.13's `is_available()` asks it)
_ACCELERATOR = getattr(torch, "accelerator", None)  # torch 2.6 and later
_OWN_CURRENT = None if _ACCELERATOR is None else _ACCELERATOR.current_accelerator
_AVAILABLE = torch.cuda.is_available() if _ACCELERATOR is None else _ACCELERATOR.is_available()


def _raises_as_in_2_6(check_available: bool = False) -> torch.device | None:
    """torch 2.6's `current_accelerator()`: it raises on a machine without an accelerator."""
    if not _AVAILABLE:
        raise RuntimeError("Cannot access accelerator device when none is available.")
    return torch.device("cuda") if _OWN_CURRENT is None else _OWN_CURRENT()


@pytest.fixture(params=["own", "2.6"])
def accelerator_answer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The type an index names on this machine: torch's own answers, or 2.6's (whose
    `is_available()` counts devices, and whose `current_accelerator()` raises where none is)."""
    own = _OWN_CURRENT() if _AVAILABLE and _OWN_CURRENT is not None else None
    if request.param == "2.6":
        if _ACCELERATOR is None:  # torch 2.4 and 2.5: set, not patched
            answers = SimpleNamespace(is_available=None, current_accelerator=None)
            monkeypatch.setattr(torch, "accelerator", answers, raising=False)
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


# --- torch 2.5 and 2.6's Dynamo cannot trace peek_interpreter_stack ----------------------------


@pytest.mark.parametrize(
    ("version", "peeks"),
    [
        ("2.4.1+cu121", False),
        ("2.6.0+cu124", False),
        ("2.7.0a0", False),
        ("2.7.0", True),
        ("2.7.1+cu126", True),
        ("2.13.0+cpu", True),
    ],
)
def test_dynamo_peeks_functorch_from_2_7(version: str, peeks: bool) -> None:
    from lstmkit.nn import layers

    assert layers._dynamo_peeks_functorch(version) is peeks
    assert layers._DYNAMO_PEEKS_FUNCTORCH is layers._dynamo_peeks_functorch(torch.__version__)


@pytest.mark.parametrize("route", ["compile", "export"])
def test_a_compiled_explicit_lstm_does_not_ask_functorch_under_torch_2_6s_dynamo(
    monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    """Under torch 2.6 `torch.compile(fullgraph=True)` of an explicit LSTM given lengths, and
    `torch.export` of one, failed: "Graph break due to unsupported builtin
    torch._C._functorch.PyCapsule.peek_interpreter_stack". There it now compiles the plain
    operations (torch 2.6's Dynamo traces the in-place step writes, not peek_interpreter_stack:
    `_DYNAMO_PEEKS_FUNCTORCH` is False there, the one flag that chooses them)."""
    from lstmkit.nn import LSTM, layers

    real = layers._functorch_active

    def asks_as_in_2_6() -> bool:  # torch.compiler.is_compiling() is True while Dynamo traces
        if torch.compiler.is_compiling():
            raise RuntimeError("Graph break due to unsupported builtin peek_interpreter_stack")
        return real()

    monkeypatch.setattr(layers, "_functorch_active", asks_as_in_2_6)
    monkeypatch.setattr(layers, "_DYNAMO_PEEKS_FUNCTORCH", False)
    torch.manual_seed(0)
    torch._dynamo.reset()
    module = LSTM(3, 4, batch_first=True, implementation="explicit", dtype=torch.float64)
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    lengths = torch.tensor([5, 3])
    if route == "compile":
        run = torch.compile(module, fullgraph=True, backend="eager")
        out, (h_n, c_n) = run(x, lengths=lengths)
    else:
        out, (h_n, c_n) = torch.export.export(module, (x,), {"lengths": lengths}).module()(
            x, lengths=lengths
        )
    ref, (ref_h, ref_c) = module(x, lengths=lengths)
    torch._dynamo.reset()
    torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(h_n, ref_h, rtol=1e-12, atol=1e-14)
    torch.testing.assert_close(c_n, ref_c, rtol=1e-12, atol=1e-14)
    assert not out[1, 3:].detach().any()  # the padded steps of the shorter sequence are 0

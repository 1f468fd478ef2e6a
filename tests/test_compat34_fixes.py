"""torch 2.4's Dynamo looped without end compiling ``refuse_call`` (a Keras argument to a
compiled LSTM hung); it now runs uncompiled under every torch."""

import sys

import pytest
import torch

from lstmkit.nn import LSTM, _arguments


@pytest.mark.timeout(120)
def test_the_refusal_of_a_compiled_call_runs_uncompiled(monkeypatch):
    """A compiled call Dynamo gave up on runs ``__call__`` eagerly, and Dynamo compiled the
    frames it called: ``refuse_call``'s, whose walk down the traceback torch 2.4's Dynamo traced
    forever (test_revnn33's Keras-argument test hung past pytest's 300 s there). Dynamo leaves
    it alone now: ``torch.compiler.is_compiling()`` answers False inside it."""
    seen = []

    def refuse_call(module, args, kwargs, error):
        seen.append(torch.compiler.is_compiling())

    monkeypatch.setattr(_arguments, "refuse_call", refuse_call)
    torch._dynamo.reset()
    try:
        with pytest.raises(TypeError, match="unexpected keyword argument 'initial_state'"):
            torch.compile(LSTM(input_size=3, hidden_size=4), backend="eager")(
                torch.zeros(5, 2, 3), initial_state=None
            )
    finally:
        torch._dynamo.reset()
    assert seen == [False]


def test_without_dynamo_loaded_the_refusal_runs_as_it_is(monkeypatch):
    def refuse(module, args, kwargs, error):
        return None

    monkeypatch.delitem(sys.modules, "torch._dynamo")
    assert _arguments._uncompiled(refuse) is refuse

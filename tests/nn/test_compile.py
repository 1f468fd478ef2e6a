"""torch.compile traces the layers as one graph (fullgraph=True).

The "eager" backend runs Dynamo's tracing (where graph breaks happen) without code generation,
which keeps these tests fast; the values must equal the uncompiled layer's (to rounding:
the traced graph may order a few operations differently).
"""

from __future__ import annotations

import pytest
import torch

from lstmkit.nn import GRU, LSTM


@pytest.mark.parametrize(
    ("make", "lengths"),
    [
        (lambda: LSTM(3, 4, batch_first=True, dtype=torch.float64), None),
        (
            lambda: LSTM(3, 4, batch_first=True, implementation="explicit", dtype=torch.float64),
            torch.tensor([5, 3]),
        ),
        (
            lambda: LSTM(
                3, 4, bidirectional=True, peephole=True, batch_first=True, dtype=torch.float64
            ),
            [5, 2],
        ),
        (
            lambda: GRU(3, 4, batch_first=True, implementation="explicit", dtype=torch.float64),
            torch.tensor([4, 5]),
        ),
    ],
    ids=["fused", "explicit lengths", "peephole bidirectional lengths", "gru lengths"],
)
def test_fullgraph_compile_matches_eager(make, lengths):
    torch.manual_seed(0)
    torch._dynamo.reset()
    module = make()
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    kw = {} if lengths is None else {"lengths": lengths}
    compiled = torch.compile(module, fullgraph=True, backend="eager")
    out, state = compiled(x, **kw)
    ref, ref_state = module(x, **kw)
    torch.testing.assert_close(out, ref, rtol=1e-12, atol=1e-14)
    for a, b in zip(
        state if isinstance(state, tuple) else (state,),
        ref_state if isinstance(ref_state, tuple) else (ref_state,),
        strict=True,
    ):
        torch.testing.assert_close(a, b, rtol=1e-12, atol=1e-14)

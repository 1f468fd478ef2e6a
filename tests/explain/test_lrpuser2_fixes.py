"""A researcher's own PyTorch models explained: models wrapped for training (DataParallel,
torch.compile), an LSTM or GRU cell stepped in a loop, and LRP through a time-major, packed
torch.nn.GRU with padding, written out by hand."""

from __future__ import annotations

import math
import re
import warnings

import pytest
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence

import lstmkit.nn as lnn
from lstmkit.explain import explain, lrp

_TOKENS = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 2, 1]])


@pytest.mark.parametrize("method", ["lrp", "gradxinput", "occlusion"])
def test_a_data_parallel_model_is_told_to_pass_its_module(method, tagger) -> None:
    """lrp listed the wrapper's one child (`['module']`) as a model without `rnn` and `head`;
    the gradient methods, finding no `embedding`, refused the token ids as not float
    features of a model without an embedding."""
    torch.manual_seed(0)
    model = nn.DataParallel(tagger().double())
    message = (
        "`model` must be the module to explain, got a DataParallel around _Tagger: the "
        "explanations read its layers (its embedding; LRP all of them), which the wrapper holds "
        "as `module`; pass `model.module`."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        explain(model, _TOKENS, 0, method=method)
    # as told: the module itself is explained (on the GPU, where DataParallel moved it when
    # there is one)
    device = next(model.module.parameters()).device
    ex = explain(model.module, _TOKENS.to(device), 0, method=method)
    assert ex.relevance.shape == (2, 5)


def test_a_compiled_model_is_explained_as_the_module_it_compiled(tagger) -> None:
    """torch.compile's wrapper holds the model as `_orig_mod`: lrp refused it as a model with
    the one submodule `_orig_mod`, while the gradient methods explained it."""
    torch.manual_seed(0)
    model = tagger().double()
    compiled = torch.compile(model, backend="eager")
    ex = lrp(compiled, _TOKENS, 1, bias_factor=1.0)
    plain = lrp(model, _TOKENS, 1, bias_factor=1.0)
    assert torch.equal(ex.relevance, plain.relevance)
    assert torch.equal(ex.output, plain.output)
    assert float(ex.residual.abs().max()) < 1e-14


class _CellLoop(nn.Module):
    """A cell stepped over the sequence in forward, as tutorials write it."""

    def __init__(self, cell: nn.Module) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = cell
        self.head = nn.Linear(3, 2)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.embedding(tokens)
        h = c = x.new_zeros(x.shape[0], 3)
        for t in range(x.shape[1]):
            if isinstance(self.rnn, (nn.LSTMCell, lnn.LSTMCell)):
                h, c = self.rnn(x[:, t], (h, c))
            else:
                h = self.rnn(x[:, t], h)
        return self.head(h)


class _Layer(nn.Module):
    def __init__(self, loop: _CellLoop, rnn: nn.Module) -> None:
        super().__init__()
        self.embedding, self.rnn, self.head = loop.embedding, rnn, loop.head

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        h_n = self.rnn(self.embedding(tokens))[1]
        return self.head((h_n[0] if isinstance(h_n, tuple) else h_n)[-1])


@pytest.mark.parametrize(
    ("cell", "layer"),
    [
        (
            nn.LSTMCell(4, 3),
            "An LSTMCell stepped over time in forward computes what a one-layer "
            "LSTM computes in one call: hold `nn.LSTM(4, 3, batch_first=True)`",
        ),
        (
            nn.GRUCell(4, 3, bias=False),
            "A GRUCell stepped over time in forward computes what a "
            "one-layer GRU computes in one call: hold `nn.GRU(4, 3, bias=False, batch_first=True)`",
        ),
        (
            lnn.LSTMCell(4, 3, peephole=True),
            "An LSTMCell stepped over time in forward computes "
            "what a one-layer LSTM computes in one call: hold `lstmkit.nn.LSTM(4, 3, "
            "peephole=True, batch_first=True)`",
        ),
    ],
    ids=["torch-lstm", "torch-gru-nobias", "lstmkit-peephole"],
)
def test_a_cell_stepped_in_a_loop_is_told_the_layer_that_computes_it(cell, layer) -> None:
    torch.manual_seed(0)
    loop = _CellLoop(cell).double()
    message = (
        f"lrp does not support the module `rnn` ({type(cell).__name__}); supported: "
        "lstmkit.nn.LSTM, lstmkit.nn.GRU, torch.nn.LSTM, torch.nn.GRU. "
        + layer
        + " as `rnn`, with the cell's weights (`rnn.load_state_dict({k + '_l0': v for k, v in "
        "cell.state_dict().items()})`), and let forward read its final state `h_n[-1]`."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        lrp(loop, _TOKENS, 1)
    # the advice, followed, gives the loop's own output, which lrp explains
    code = re.search(r"hold `(.+?)` as", message).group(1)
    rnn = eval(code, {"nn": nn, "lstmkit": __import__("lstmkit")}).double()
    rnn.load_state_dict({k + "_l0": v for k, v in loop.rnn.state_dict().items()})
    model = _Layer(loop, rnn)
    with torch.no_grad():
        torch.testing.assert_close(model(_TOKENS), loop(_TOKENS), rtol=1e-12, atol=1e-14)
    ex = lrp(model, _TOKENS, 1, bias_factor=1.0)
    assert float(ex.residual.abs().max()) < 1e-12


# One GRU unit (gate rows r, z, n), every weight and bias non-zero, as a torch.nn.GRU read
# time-major from a packed batch.
_GW, _GU = [0.5, -0.3, 1.2], [0.4, 0.6, -0.9]
_GB_IH, _GB_HH = [0.1, 0.2, -0.2], [0.05, -0.1, 0.3]
_GV, _GB_HEAD = 1.5, -0.4


def _sig(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


def _sign(v: float) -> float:
    return 1.0 if v >= 0 else -1.0


class _PackedGRU(nn.Module):
    """x [B, T, 1] → time-major torch.nn.GRU(1, 1) over a packed batch → Linear(1, 1) on h_n."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.GRU(1, 1)  # batch_first=False
        self.head = nn.Linear(1, 1)
        self.double()
        f64 = {"dtype": torch.float64}
        with torch.no_grad():
            self.rnn.weight_ih_l0.copy_(torch.tensor(_GW, **f64).view(3, 1))
            self.rnn.weight_hh_l0.copy_(torch.tensor(_GU, **f64).view(3, 1))
            self.rnn.bias_ih_l0.copy_(torch.tensor(_GB_IH, **f64))
            self.rnn.bias_hh_l0.copy_(torch.tensor(_GB_HH, **f64))
            self.head.weight.fill_(_GV)
            self.head.bias.fill_(_GB_HEAD)

    def forward(self, x: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        packed = pack_padded_sequence(x.transpose(0, 1), lengths.cpu(), enforce_sorted=False)
        return self.head(self.rnn(packed)[1][-1])


def _gru_by_hand(xs: list[float], eps: float, delta: float) -> tuple[list[float], float, float]:
    """The GRU rule of lstmkit.explain.rules on the one-unit GRU, step by step: the input
    relevance per step, the relevance left on h_0, and the score."""
    h = 0.0
    steps = []
    for x in xs:
        r = _sig(_GW[0] * x + _GB_IH[0] + _GU[0] * h + _GB_HH[0])
        z = _sig(_GW[1] * x + _GB_IH[1] + _GU[1] * h + _GB_HH[1])
        u = _GU[2] * h + _GB_HH[2]
        a = _GW[2] * x + _GB_IH[2] + r * u
        h_new = (1 - z) * math.tanh(a) + z * h
        steps.append((x, h, r, z, u, a, h_new))
        h = h_new
    y = _GV * h + _GB_HEAD
    r_h = (h * _GV + eps * _sign(y) + delta * _GB_HEAD) / (y + eps * _sign(y)) * y
    r_x = [0.0] * len(xs)
    for t in reversed(range(len(xs))):
        x, h_prev, r, z, u, a, h_t = steps[t]
        # h = (1 - z) n + z h_prev (N = 2, no bias): z gets nothing
        den = h_t + eps * _sign(h_t)
        r_n = ((1 - z) * math.tanh(a) + eps * _sign(h_t) / 2) / den * r_h
        r_direct = (z * h_prev + eps * _sign(h_t) / 2) / den * r_h
        # a = w x + b_in + r u (N = I + 1 = 2)
        share = (eps * _sign(a) + delta * _GB_IH[2]) / 2
        den = a + eps * _sign(a)
        r_x[t] = (x * _GW[2] + share) / den * r_n
        r_ru = (r * u + share) / den * r_n
        # r u: all to u = u_n h_prev + b_hn (N = H = 1)
        r_via_u = (h_prev * _GU[2] + eps * _sign(u) + delta * _GB_HH[2]) / (u + eps * _sign(u))
        r_h = r_direct + r_via_u * r_ru
    return r_x, r_h, y


@pytest.mark.parametrize("eps", [1e-3, 0.1])
@pytest.mark.parametrize("delta", [0.0, 1.0])
def test_a_packed_time_major_torch_gru_matches_the_rules_by_hand(eps, delta) -> None:
    """Two sequences, the second one step long; its padding (9.0) is read by neither the
    model nor lrp, and gets no relevance."""
    x = torch.tensor([[[0.7], [-1.1]], [[0.4], [9.0]]], dtype=torch.float64)
    ex = lrp(_PackedGRU(), x, 0, lengths=[2, 1], eps=eps, bias_factor=delta)
    for b, xs in enumerate(([0.7, -1.1], [0.4])):
        r_x, initial, score = _gru_by_hand(xs, eps, delta)
        assert ex.relevance[b, : len(xs)].tolist() == pytest.approx(r_x, rel=1e-12, abs=1e-15)
        assert float(ex.initial_state[b]) == pytest.approx(initial, rel=1e-12, abs=1e-15)
        assert float(ex.score[b]) == pytest.approx(score, rel=1e-12)
    assert float(ex.relevance[1, 1]) == 0.0


def test_a_packed_time_major_torch_gru_golden_numbers() -> None:
    """The hand computation pinned (eps 1e-3): bias_factor 1 conserves the score exactly."""
    x = torch.tensor([[[0.7], [-1.1]], [[0.4], [9.0]]], dtype=torch.float64)
    ex = lrp(_PackedGRU(), x, 0, lengths=[2, 1], bias_factor=1.0)
    assert ex.relevance.flatten().tolist() == pytest.approx(
        [1.231474559617, -1.896253877932, -0.063710511173, 0.0], abs=1e-11
    )
    assert float(ex.residual.abs().max()) < 1e-14


class _TextLengths(nn.Module):
    """A tutorial's sentiment model: time-major LSTM on a packed batch, `forward(text,
    text_lengths)`."""

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4, padding_idx=0)
        self.rnn = nn.LSTM(4, 3, num_layers=2, bidirectional=True, dropout=0.5)
        self.head = nn.Linear(6, 2)
        self.dropout = nn.Dropout(0.5)

    def forward(self, text: torch.Tensor, text_lengths: torch.Tensor) -> torch.Tensor:
        x = self.dropout(self.embedding(text)).transpose(0, 1)
        packed = pack_padded_sequence(x, text_lengths.cpu(), enforce_sorted=False)
        h_n = self.rnn(packed)[1][0]
        return self.head(self.dropout(torch.cat([h_n[-2], h_n[-1]], dim=1)))


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
def test_a_forward_taking_the_lengths_under_another_name_is_told_to_name_them_lengths(
    method,
) -> None:
    """It was told that it reads every step, padding included, and to pass lengths=None, on
    which its forward fails (`text_lengths` is required)."""
    torch.manual_seed(0)
    model = _TextLengths().double()
    tokens = torch.tensor([[5, 17, 3, 12, 9], [7, 8, 11, 0, 0]])
    message = (
        "`lengths` needs a model whose forward takes a `lengths` argument (it is called as "
        "`model(inputs, lengths=lengths)`), got _TextLengths with forward(text: 'torch.Tensor', "
        "text_lengths: 'torch.Tensor') -> 'torch.Tensor'. If `text_lengths` holds the "
        "sequences' lengths, name it `lengths` in _TextLengths.forward: the explanations pass "
        "them by that name."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        explain(model, tokens, 1, method=method, lengths=[5, 3])

    class Renamed(_TextLengths):  # as told
        def forward(self, text: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
            return super().forward(text, lengths)

    renamed = Renamed().double()
    renamed.load_state_dict(model.state_dict())
    ex = explain(renamed, tokens, 1, method=method, lengths=[5, 3])
    assert float(ex.relevance[1, 3:].abs().max()) == 0.0
    if method == "lrp":
        ex = lrp(renamed, tokens, 1, lengths=[5, 3], bias_factor=1.0)
        assert float(ex.residual.abs().max()) < 1e-14


def test_a_second_argument_with_a_default_and_another_meaning_keeps_the_padding_message(
    tagger,
) -> None:
    class WithHidden(tagger):
        def forward(self, tokens: torch.Tensor, hidden: object = None) -> torch.Tensor:
            return super().forward(tokens)

    with pytest.raises(TypeError, match="WithHidden reads every step, padding included: pass "):
        lrp(WithHidden().double(), _TOKENS, 0, lengths=[5, 3])


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
@pytest.mark.parametrize("compile_", ["script", "trace"])
def test_a_torchscript_model_is_told_to_be_explained_as_its_python_class(
    method, compile_, tagger
) -> None:
    """lrp refused the scripted `embedding` as not an nn.Embedding; the gradient methods found
    no embedding and refused the token ids as not float features."""
    torch.manual_seed(0)
    model = tagger().double()
    with warnings.catch_warnings():  # torch 2.13 deprecates TorchScript (and tracing warns)
        warnings.simplefilter("ignore")
        if compile_ == "script":
            scripted = torch.jit.script(model)
        else:
            scripted = torch.jit.trace(model, _TOKENS)
    kind = "RecursiveScriptModule" if compile_ == "script" else "TopLevelTracedModule"
    message = (
        f"`model` must be the module to explain, got a TorchScript {kind} of _Tagger: the "
        "explanations read its layers (its embedding; LRP all of them) as the torch.nn modules "
        "they are, which TorchScript replaces; explain the _Tagger before torch.jit.script or "
        "torch.jit.trace, or load the scripted weights into one "
        "(`_Tagger(...).load_state_dict(scripted.state_dict())`)."
    )
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        explain(scripted, _TOKENS, 0, method=method)
    restored = tagger().double()  # as told
    restored.load_state_dict(scripted.state_dict())
    assert torch.equal(
        explain(restored, _TOKENS, 0, method=method).relevance,
        explain(model, _TOKENS, 0, method=method).relevance,
    )


class _BiLast(nn.Module):
    """A bidirectional torch.nn.LSTM whose head reads `h_n` (or `c_n`) in the order `order`."""

    def __init__(self, order: str) -> None:
        super().__init__()
        self.embedding = nn.Embedding(20, 4)
        self.rnn = nn.LSTM(4, 3, bidirectional=True, batch_first=True)
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(6, 2))
        self.order = order

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        h_n, c_n = self.rnn(self.embedding(tokens))[1]
        if self.order == "reverse first":
            return self.head(torch.cat([h_n[-1], h_n[-2]], -1))
        if self.order == "cells":
            return self.head(torch.cat([c_n[-2], c_n[-1]], -1))
        return self.head(torch.cat([h_n[-2], h_n[-1]], -1))


def _difference(model: nn.Module) -> str:
    with torch.no_grad():
        out = model(_TOKENS)
        h_n = model.rnn(model.embedding(_TOKENS))[1][0]
        err = (out - model.head(torch.cat([h_n[-2], h_n[-1]], -1))).abs().max().item()
    return (
        f"lrp's float64 recomputation of _BiLast differs from the model's output (max abs "
        f"difference {err:.3g}): the model computes something beyond embedding → rnn → readout "
        "'last' → head, which lrp cannot explain."
    )


def test_final_states_with_the_reverse_direction_first_are_named_with_the_swap() -> None:
    """The output check said only that the model computes something beyond lrp's walk."""
    torch.manual_seed(0)
    model = _BiLast("reverse first").double().eval()
    message = _difference(model) + (
        " Its output is the head on the final states with the reverse direction first "
        "(`torch.cat([h_n[-1], h_n[-2]], -1)`); lrp's readout 'last' puts the forward direction "
        "first (`torch.cat([h_n[-2], h_n[-1]], -1)`). To explain the model, concatenate them so "
        "in forward and swap the two halves of the columns of the head's first Linear weight "
        "(columns 3.. first, then 0..2): the output stays the same."
    )
    with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 1)
    swapped = _BiLast("forward first").double().eval()  # as told
    swapped.load_state_dict(model.state_dict())
    with torch.no_grad():
        w = model.head[1].weight
        swapped.head[1].weight.copy_(torch.cat([w[:, 3:], w[:, :3]], dim=1))
        torch.testing.assert_close(swapped(_TOKENS), model(_TOKENS), rtol=1e-14, atol=1e-15)
    assert float(lrp(swapped, _TOKENS, 1, bias_factor=1.0).residual.abs().max()) < 1e-14


def test_a_head_on_the_final_cell_states_is_named() -> None:
    torch.manual_seed(0)
    model = _BiLast("cells").double().eval()
    message = _difference(model) + (
        " Its output is the head on the final cell states `c_n` (the second of the LSTM's final "
        "states); lrp's readout 'last' reads the final hidden states `h_n`, where the LSTM "
        "rules start, and has no rule that starts at `c_n`."
    )
    with pytest.raises(RuntimeError, match=re.escape(message) + "$"):
        lrp(model, _TOKENS, 1)

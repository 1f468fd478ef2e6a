"""Dispatch to PyTorch's fused LSTM/GRU kernels (``torch.lstm`` / ``torch.gru``).

The kernels read the same parameters as the explicit path, in ``torch.nn``'s flat order, so the
two paths share one set of weights. Variable lengths go through a ``PackedSequence``.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator

import torch
import torch.nn.functional as F
from torch import Tensor
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

# cuDNN reads an LSTM's weights from one buffer. These parameters are separate tensors (the
# explicit path, the gate views and the state dict read them as they are, and flatten_parameters
# is a no-op), so cuDNN gathers them at every call, as designed, and says so with a UserWarning
# that advises flatten_parameters(): shown once in a script, an error under `-W error` or
# pytest's filterwarnings=error. That warning, and only that one, is not shown.
CUDNN_WEIGHTS_WARNING = "RNN module weights are not part of single contiguous chunk of memory"
# oneDNN has no LSTM with projections: on the CPU torch.lstm with proj_size takes its default
# kernel, the one it computes with anyway, and says so once (torch.nn.LSTM alike) in float32,
# bfloat16 and float16, a warning that asks nothing of the caller and is an error under
# `-W error`. Hidden too, on the CPU and with projections only.
ONEDNN_PROJECTIONS_WARNING = "LSTM with projections is not supported with oneDNN"


def quiet_cudnn_weights(device: torch.device) -> contextlib.AbstractContextManager:
    """A context that hides cuDNN's weight-layout warning on a CUDA ``device`` (elsewhere it
    changes nothing: no warning filter is touched off CUDA)."""
    return _quiet(CUDNN_WEIGHTS_WARNING) if device.type == "cuda" else contextlib.nullcontext()


def quiet_onednn_projections(
    device: torch.device, proj_size: int
) -> contextlib.AbstractContextManager:
    """A context that hides oneDNN's "LSTM with projections" warning on the CPU for an LSTM
    with ``proj_size`` (elsewhere no warning filter is touched). Not while compiling: Dynamo
    refuses catch_warnings (fullgraph=True failed), and the compiled kernel does not warn."""
    if proj_size and device.type == "cpu" and not torch.compiler.is_compiling():
        return _quiet(ONEDNN_PROJECTIONS_WARNING)
    return contextlib.nullcontext()


@contextlib.contextmanager
def _quiet(message: str) -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=message, category=UserWarning)
        yield


def _kernel(
    module,
    x: Tensor,
    states: tuple[Tensor, ...],
    lengths: Tensor | None,
    weights,
    num_layers: int,
    dropout: float,
):
    """One kernel call over time-major x [T, B, I]; returns (out [T, B, D*H], states)."""
    is_lstm = module.mode == "LSTM"
    fn = torch.lstm if is_lstm else torch.gru
    if is_lstm and _compiled_training_on_cpu(x, weights):
        x = x + _zero_from(weights)
    hx = states if is_lstm else states[0]
    args = (weights, module.bias, num_layers, dropout, module.training, module.bidirectional)
    quiet_projections = quiet_onednn_projections(x.device, getattr(module, "proj_size", 0))
    if lengths is None:
        with quiet_cudnn_weights(x.device), quiet_projections:
            result = fn(x, hx, *args, False)
        return result[0], _as_given(result[1:], states)
    packed = pack_padded_sequence(x, lengths, enforce_sorted=False)
    order, unorder = packed.sorted_indices, packed.unsorted_indices
    hx = tuple(s.index_select(1, order) for s in states)
    with quiet_cudnn_weights(x.device), quiet_projections:
        result = fn(packed.data, packed.batch_sizes, hx if is_lstm else hx[0], *args)
    if x.is_meta:
        # a meta tensor holds shapes alone, and pad_packed_sequence reads its sort order's
        # values ("Cannot copy out of meta tensor"): the padded output is its shape [T, B, D*H]
        out = result[0].new_empty(x.shape[0], x.shape[1], result[0].shape[-1])
    else:
        out_packed = PackedSequence(result[0], packed.batch_sizes, order, unorder)
        out, _ = pad_packed_sequence(out_packed, total_length=x.shape[0])
    return out, tuple(s.index_select(1, unorder) for s in _as_given(result[1:], hx))


def _as_given(finals, states: tuple[Tensor, ...]) -> tuple[Tensor, ...]:
    """The kernel's final states in the shapes of the initial ``states``, which they share.
    Under torch.compile, torch 2.11's decomposition of ``torch.lstm`` (before pytorch#185716)
    returned them with an extra dimension of one, ``[L * D, 1, B, H]`` (seen in
    tests/nn/test_compile.py on a machine with torch 2.11)."""
    return tuple(
        f if f.shape == s.shape else f.reshape(s.shape) for f, s in zip(finals, states, strict=True)
    )


def _compiled_training_on_cpu(x: Tensor, weights) -> bool:
    """Whether Dynamo traces a CPU call whose weights need a gradient and whose input does not.

    There Inductor's decomposition of ``torch.lstm`` takes oneDNN's inference-only layer (it
    asks only whether the *input* needs a gradient), and the compiled backward fails with
    "expected Tensor() for op: torch.ops.aten.mkldnn_rnn_layer" (PyTorch 2.13, pytorch#158007;
    ``torch.nn.LSTM`` is not traced by Dynamo, so it never meets it).

    Not under ``torch.export``, which compiles no backward: the zero's concatenation of empty
    slices stayed in the exported graph, and ``torch.onnx.export(..., dynamo=True)`` of a fused
    LSTM failed on it ("aten::cat received all None or empty tensors", torch 2.13).
    """
    return (
        torch.compiler.is_compiling()
        and not exporting()
        and x.device.type == "cpu"
        and torch.is_grad_enabled()
        and not x.requires_grad
        and any(w.requires_grad for w in weights)
    )


def exporting() -> bool:
    """Whether ``torch.export`` is recording the call (known from torch 2.6 on)."""
    exporting = getattr(torch.compiler, "is_exporting", None)
    return exporting is not None and exporting()


def _zero_from(weights) -> Tensor:
    """An exact 0 computed from the weights (the sum of an empty slice of each): added to the
    input, it makes the input need a gradient, so the decomposition takes its training path,
    without changing a value."""
    return torch.cat([w.reshape(-1)[:0] for w in weights]).sum()


def run(module, x: Tensor, states: tuple[Tensor, ...], lengths: Tensor | None, keep_layers: bool):
    """Run the whole stack with the fused kernel.

    With ``keep_layers`` (gate tracing) a stack is run one layer per kernel call, so that each
    layer's input and output can be returned as ``layers``; otherwise ``layers`` is None.
    """
    weights = module._kernel_weights()
    if not keep_layers or module.num_layers == 1:
        out, new_states = _kernel(
            module, x, states, lengths, weights, module.num_layers, module.dropout
        )
        return out, new_states, [(x, out)] if keep_layers else None
    num_dir = module.num_directions
    per_layer = len(weights) // module.num_layers
    layers, finals = [], []
    layer_in = x
    for layer in range(module.num_layers):
        rows = slice(layer * num_dir, (layer + 1) * num_dir)
        w = weights[layer * per_layer : (layer + 1) * per_layer]
        out, s = _kernel(module, layer_in, tuple(t[rows] for t in states), lengths, w, 1, 0.0)
        layers.append((layer_in, out))
        finals.append(s)
        layer_in = out
        if module.dropout and module.training and layer < module.num_layers - 1:
            layer_in = between_layers(layer_in, lengths, module.dropout)
    new_states = tuple(torch.cat(parts) for parts in zip(*finals, strict=True))
    return out, new_states, layers


def between_layers(out: Tensor, lengths: Tensor | None, p: float) -> Tensor:
    """The dropout between two layers of ``out`` [T, B, D*H], drawn as the CPU kernel draws it
    when it runs the whole stack: on the padded output, or with ``lengths`` on the packed one
    (the real steps, sorted by length), which holds fewer values in another order (a mask drawn
    on the padded output was another mask: a traced 3-layer LSTM differed by 0.09, the explicit
    path's losses by 0.075-0.13). A traced call and the explicit path both drop here, so that
    under the same seed they give the untraced kernel's output. A meta tensor, which holds no
    values to pack, keeps its shape.

    The mask is drawn on packed ones and spread back onto the padded steps (0 on padding):
    ``out * mask`` is ``F.dropout``'s own product, bit for bit, and packs no value of ``out``,
    so it runs under forward-mode AD too (packing has no forward derivative).
    """
    if lengths is None or out.is_meta:
        return F.dropout(out, p, training=True)
    ones = torch.ones((), dtype=out.dtype, device=out.device).expand(out.shape)
    packed = pack_padded_sequence(ones, lengths, enforce_sorted=False)
    mask = PackedSequence(
        F.dropout(packed.data, p, training=True),
        packed.batch_sizes,
        packed.sorted_indices,
        packed.unsorted_indices,
    )
    return out * pad_packed_sequence(mask, total_length=out.shape[0])[0]
